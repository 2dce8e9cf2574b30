Feature: ENTR-03 External doors are lit
  Every door in the building's envelope, whatever its role, has an external light
  within light_radius (3.05 m, 10 ft: a US ordinance figure) of the point 0.5 m
  outside its centre. Lights drawn on any storey count; a light exactly at the radius
  passes; a plan showing no light fails every external door. The shipped rulesets
  give the rule as advice (warning).

  Scenario: A door with a light beside it passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE
    And the plan has a light "porch" at (4.5, -1.5)
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-03 finding for door "front" is pass
    And its severity is warning
    And it also points at light "porch"
    And its message says "The external door"
    And its message says "1.00 m from it, within 3.05 m."
    And it measured "1 m" against "3.05 m"
    And its measure mark is a line 1 m long
    And every ENTR-03 finding has provisional "light_radius"

  Scenario: A light exactly at the radius passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE
    And the plan has a light "post" at (4.5, -3.55)
    When the plan is checked under "ir-police-annex"
    Then the ENTR-03 finding for door "front" is pass
    And it measured "3.05 m" against "3.05 m"

  Scenario: A door whose nearest light is beyond the radius fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE
    And the plan has a light "post" at (4.5, -3.65)
    When the plan is checked under "nl-bouwbesluit"
    Then the ENTR-03 finding for door "front" is fail
    And its severity is warning
    And it also points at light "post"
    And its message says "has no light within 3.05 m; the nearest, light"
    And its message says "is 3.15 m away."
    And it measured "3.15 m" against "3.05 m"
    And its measure marks are a circle of radius 3.05 m and a line 3.15 m long

  Scenario: A plan that shows no light fails every external door
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE
    And the plan has a door "back" from (5, 8) to (4, 8) with ROLE=SECONDARY
    And the plan has a door "no role" from (10, 3) to (10, 4) with RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-03 finding for door "front" is fail
    And its message says "has no light within 3.05 m: the plan shows no external light."
    And it measured "no light drawn" against "3.05 m"
    And its measure mark is a circle of radius 3.05 m
    And the ENTR-03 finding for door "back" is fail
    And the ENTR-03 finding for door "no role" is fail

  Scenario: A light drawn on the first floor lights the door below
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE
    And the plan has a first floor 2.8 m up, with walls and a light "over the door" at (4.5, -0.2)
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-03 finding for door "front" is pass
    And it also points at light "over the door"
    And its message says "(drawn on First floor) 0.30 m from it"
    And its marks are on storeys "Ground floor, First floor"

  Scenario: Internal doors need no light
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has an internal wall from (5.5, 0) to (5.5, 8), 0.1 m thick
    And the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE
    And the plan has a door "kitchen" from (5.5, 3) to (5.5, 4) with ROLE=INTERNAL
    And the plan has a light "porch" at (4.5, -1.5)
    When the plan is checked under "uk-adq-sbd"
    Then there is no ENTR-03 finding for door "kitchen"
    And there are 1 ENTR-03 findings

  Scenario: A plan with no external door has nothing to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a light "garden" at (4.5, -1.5)
    When the plan is checked under "uk-adq-sbd"
    Then the only ENTR-03 finding is not_applicable
    And it points at no element
    And its message says "The plan has no external door"

  Scenario: A door on a storey with no walls cannot be told to be external
    Given a plan drawn in "mm"
    And the plan has a door "front" with ROLE=ENTRANCE
    And the plan has a door "kitchen" with ROLE=INTERNAL
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-03 finding for door "front" is not_assessable
    And its message says "is an external door cannot be told: Storey 1 has no walls drawn."
    And there is no ENTR-03 finding for door "kitchen"
    And there are 1 ENTR-03 findings

Feature: ENTR-02 Entrance doors can be seen from the public realm
  Every entrance door (ROLE ENTRANCE or COMMUNAL) on the building's envelope has a
  clear line of sight to the public realm: a line from just outside the door to the
  street or a public footpath, within 50 m, crossing neither the building, nor a
  free-standing wall, nor a fence higher than 1.0 m (Secured by Design: front
  boundaries under 1 m; the figure is from a secondary source, so provisional). The
  finding draws the shortest clear line, or the shortest blocked one. The house's
  front wall runs along y = 0, facing the street to the south. uk-adq-sbd makes
  ENTR-02 an error; nl-bouwbesluit and ir-police-annex, which have no such
  criterion of their own, a warning.

  Scenario: A front door facing the street across an open front garden passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is pass
    And its severity is error
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "is in clear view of the public realm 5.7 m away."
    And it measured "5.7 m" against "50 m"
    And its sight line runs from just outside the door to the street, 5.7 m long

  Scenario: A front fence exactly 1.0 m high does not block the view
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    And the plan shows a front fence 1 m high between the house and the street
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is pass
    And it measured "5.7 m" against "50 m"

  Scenario: A front fence higher than 1.0 m blocks the view, and the fence is named
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=COMMUNAL, RC=RC2
    And the plan shows a street 6 m south of the house
    And the plan shows a front fence 1.2 m high between the house and the street
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is fail
    And its severity is error
    And its message says "The communal door"
    And its message says "has no clear view of the public realm within 50 m; the shortest line, 5.7 m, is blocked by fence"
    And its message says "(1.20 m high)"
    And it also points at the fence
    And it measured "5.7 m" against "50 m"
    And its sight line runs from just outside the door to the street, 5.7 m long
    And the verdict is fails

  Scenario: A garden wall between the door and the street blocks the view
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    And the plan shows a free-standing garden wall between the house and the street
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is fail
    And its message says "is blocked by a free-standing wall."
    And it points at nothing but the door

  Scenario: A door at the back, with the house between it and the street, fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan has a door "rear" in the north wall with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "rear" is fail
    And its message says "blocked by the building."
    And it measured "14.3 m" against "50 m"
    And the ENTR-02 finding for door "front" is pass

  Scenario: A street further away than 50 m does not count
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 60 m south of the house
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is fail
    And its message says "is 59.7 m from the nearest public realm, further than 50 m"
    And it measured "59.7 m" against "50 m"

  Scenario: A public realm drawn as a kerb line counts
    Given a plan drawn in "m"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan shows a kerb line 4 m south of the house
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is pass
    And its sight line runs from just outside the door to the street, 3.7 m long

  Scenario: A door opening straight onto the footpath is in view at 0 m
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 0.2 m south of the house
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is pass
    And its message says "opens directly onto the public realm."
    And it measured "0 m" against "50 m"

  Scenario: A door drawn on the inner face of its wall is seen from outside the wall
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" in the inner face of the south wall with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is pass
    And its sight line runs from just outside the door to the street, 5.53 m long

  Scenario: Only a fence with no height in the way makes the door not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    And the plan shows a front fence drawn without a height between the house and the street
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is not_assessable
    And its message says "drawn without a height (give it a thickness)."
    And it also points at the fence
    And the verdict is incomplete

  Scenario: With no public realm drawn, each entrance door is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan has a door "flats" with ROLE=COMMUNAL, RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is not_assessable
    And its message says "cannot be judged: no public realm (street or footpath) is drawn."
    And the ENTR-02 finding for door "flats" is not_assessable

  Scenario: Secondary doors are not judged, and a plan without an entrance door is not applicable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" with ROLE=SECONDARY, RC=RC2
    And the plan shows a street 6 m south of the house
    When the plan is checked under "uk-adq-sbd"
    Then there is no ENTR-02 finding for door "back"
    And the only ENTR-02 finding is not_applicable
    And its message says "No entrance or communal door is on the building's envelope."

  Scenario Outline: Without a criterion of their own, the Dutch and Iranian rulesets only warn
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    And the plan shows a front fence 1.8 m high between the house and the street
    When the plan is checked under "<ruleset>"
    Then the ENTR-02 finding for door "front" is fail
    And its severity is warning

    Examples:
      | ruleset         |
      | nl-bouwbesluit  |
      | ir-police-annex |

  Scenario: A first floor spanning a recessed porch does not hide the door at the back of the porch
    Given a two-storey house whose first floor spans a porch recessed 2 m, with a door "front" at the back of the porch with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is pass
    And its message says "is in clear view of the public realm 7.7 m away."

  Scenario: A free-standing ground-floor wall in front of that porch still blocks the view
    Given a two-storey house whose first floor spans a porch recessed 2 m, with a door "front" at the back of the porch with ROLE=ENTRANCE, RC=RC2
    And the plan shows a street 6 m south of the house
    And the plan shows a free-standing garden wall between the house and the street
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-02 finding for door "front" is fail
    And its message says "is blocked by a free-standing wall."
    And it points at nothing but the door

Feature: ENTR-06 No hiding place under a stair or in a recess beside a communal entrance
  The Iranian list of penetrable points names the space under stairs; a burglar waits
  in a blind corner at the entrance for a resident to open the door. A space named as
  under a stair or a recess (زیر پله، تورفتگی, under stair, niche), and a recess in
  the facade's outline, within 5 m of a communal entrance door must be seen, at every
  point of it, from just inside the door (walls of the storey block the view) or,
  outside the building, from the door or the street. The Iranian ruleset enables the rule as advice (a warning); its
  figures are ours and provisional.


  Scenario: A space under the stair open to the lobby and in view of the entrance passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the plan has a space "زیر پله" over x 6 to 8, y 1 to 2
    When the plan is checked under "ir-police-annex"
    Then the ENTR-06 finding for space "زیر پله" is pass
    And its severity is warning
    And its message says "can be seen from the entrance or the street at all 5 of its points."
    And it measured "0 of 5 points hidden" against "every point seen"
    And it points at the space "زیر پله" and the door "lobby"

  Scenario: A space under the stair behind a wall beside the entrance is a hiding place
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the plan has an internal wall from x 5.5, y 0 to x 5.5, y 3
    And the plan has a space "Under stair" over x 6 to 8, y 0.3 to 2
    When the plan is checked under "ir-police-annex"
    Then the ENTR-06 finding for space "Under stair" is fail
    And its severity is warning
    And its message says "1.04 m from the communal door"
    And its message says "is a hiding place: 5 of its 5 points cannot be seen from the entrance or the street."
    And its provisional figures include max_distance

  Scenario: A corner of a recess out of sight is enough to hide in
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the plan has an internal wall from x 5.5, y 0 to x 5.5, y 1.5
    And the plan has a space "تورفتگی" over x 6 to 8, y 0.3 to 3
    When the plan is checked under "ir-police-annex"
    Then the ENTR-06 finding for space "تورفتگی" is fail
    And its message says "points cannot be seen from the entrance or the street."

  Scenario Outline: A hiding place exactly 5 m from the communal door is judged; one further away is not
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the plan has an internal wall from x 3, y <wall> to x 6, y <wall>
    And the plan has a space "زیر پله" over x 4 to 5, y <near> to 7
    When the plan is checked under "ir-police-annex"
    Then the only ENTR-06 finding is <status>

    Examples:
      | near | wall | status         |
      | 5.0  | 4.5  | fail           |
      | 5.01 | 4.5  | not_applicable |

  Scenario: A hiding place near a communal door that is not on the walls' outline is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the plan has an internal communal door "inner" at x 2 to 3, y 4
    And the plan has a space "زیر پله" over x 0.5 to 1.5, y 5 to 6
    When the plan is checked under "ir-police-annex"
    Then the ENTR-06 finding for space "زیر پله" is not_assessable
    And its message says "cannot be told: the door is not on the walls' outline."

  Scenario: A plan without a space under a stair or a recess near a communal door has nothing to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the plan has a space "Stair" over x 6 to 8, y 1 to 2
    When the plan is checked under "ir-police-annex"
    Then the only ENTR-06 finding is not_applicable
    And its message says "No space under a stair or recess lies within 5 m of a communal entrance door."

  Scenario: The UK and Dutch rulesets do not enable ENTR-06
    Then the ruleset "uk-adq-sbd" does not enable ENTR-06
    And the ruleset "nl-bouwbesluit" does not enable ENTR-06

  Scenario: A recess in the facade beside the communal entrance, in view of the street, passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house with a recess 1.5 m wide and 1.5 m deep in its south wall at x 6 to 7.5
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the street runs 6 m in front of the house
    When the plan is checked under "ir-police-annex"
    Then the only ENTR-06 finding points at the door "lobby" only and is pass
    And its message says "The recess in the facade 1.16 m from the communal door"

  Scenario: A recess in the facade beside the communal entrance, out of sight of the entrance with no street in view, is a hiding place
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house with a recess 1.5 m wide and 1.5 m deep in its south wall at x 6 to 7.5
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    When the plan is checked under "ir-police-annex"
    Then the only ENTR-06 finding points at the door "lobby" only and is fail
    And its message says "is a hiding place:"

  Scenario Outline: A niche drawn as a space outside the walls beside the communal entrance is judged by its name
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the plan has a porch wall from x 5.3, y 0 to x 5.3, y -1.2
    And the plan has a space "تورفتگی" over x 5.5 to 6.5, y -0.8 to -0.1
    And <street>
    When the plan is checked under "ir-police-annex"
    Then the ENTR-06 finding for space "تورفتگی" is <status>
    And its message says "<message>"
    And it points at the space "تورفتگی" and the door "lobby"
    And the storey keeps the space "تورفتگی" apart from its rooms, outside its footprint
    And the door "lobby" still opens onto the outside

    Examples:
      | street                                    | status | message                                                                               |
      | the street runs 6 m in front of the house | pass   | can be seen from the entrance or the street at all 5 of its points.                   |
      | the plan shows no street                  | fail   | is a hiding place: 5 of its 5 points cannot be seen from the entrance or the street. |

  Scenario: A porch niche drawn in front of the communal door is judged, and the door still opens onto the outside
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a communal door "lobby" in the south wall at x 4 to 5
    And the plan has a space "Niche" over x 3.8 to 5.2, y -1.0 to -0.15
    When the plan is checked under "ir-police-annex"
    Then the ENTR-06 finding for space "Niche" is pass
    And it points at the space "Niche" and the door "lobby"
    And the storey keeps the space "Niche" apart from its rooms, outside its footprint
    And the door "lobby" still opens onto the outside

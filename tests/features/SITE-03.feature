Feature: SITE-03 Climbing aids stand away from openings out of reach
  A climbing aid (bin store, shed, low wall, drawn on a climbing-aid layer) is at
  least 2 m (min_distance) in plan from the nearest envelope opening whose sill is
  out of reach from the ground: higher above ground than the ruleset's [reach]
  vertical (2.0 m in England, 2.4 m in the Netherlands and Iran). Exactly 2 m passes.
  Openings within reach from the ground are not considered. A window without SILL
  near an aid is not assessable when its sill could be out of reach. SITE-03 is
  advice (warning) under every ruleset; its distance is provisional.

  Scenario: A bin store exactly the minimum distance from a high window passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "high" in the rear wall with SILL=2600, HEAD=3000
    And the plan has a climbing aid "bins" 2.0 m behind the rear wall
    When the plan is checked under "nl-bouwbesluit"
    Then the SITE-03 finding for climbing aid "bins" is pass
    And its severity is warning
    And it points at "bins" and "high"
    And its message says "is 2.00 m from window"
    And its message says "(its sill 2.60 m above ground), at least 2.00 m."
    And it measured "2 m" against "2 m"
    And it draws a measure line
    And it rests on the provisional figures min_distance, reach.vertical

  Scenario: A bin store closer than the minimum distance to a high window fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "high" in the rear wall with SILL=4600, HEAD=5000
    And the plan has a climbing aid "bins" 1.0 m behind the rear wall
    When the plan is checked under "ir-police-annex"
    Then the SITE-03 finding for climbing aid "bins" is fail
    And its severity is warning
    And it points at "bins" and "high"
    And its message says "is 1.00 m from window"
    And its message says "(its sill 4.60 m above ground, out of reach from the ground); keep climbing aids at least 2.00 m from it."
    And it measured "1 m" against "2 m"
    And it draws a measure line

  Scenario Outline: Whether a window is out of reach from the ground follows the ruleset's reach
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "window" in the rear wall with SILL=2200, HEAD=2800
    And the plan has a climbing aid "bins" 1.0 m behind the rear wall
    When the plan is checked under "<ruleset>"
    Then the SITE-03 finding for climbing aid "bins" is <status>
    And its message says "<text>"

    Examples:
      | ruleset        | status | text                                                                    |
      | uk-adq-sbd     | fail   | (its sill 2.20 m above ground, out of reach from the ground)            |
      | nl-bouwbesluit | pass   | No door or window on the envelope has its sill out of reach from the ground (over 2.40 m up) |

  Scenario: A window with its sill exactly at the reach height is within reach from the ground
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "window" in the rear wall with SILL=2000, HEAD=2800
    And the plan has a climbing aid "bins" 0.5 m behind the rear wall
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-03 finding for climbing aid "bins" is pass
    And it points at "bins"
    And it measured "none" against "2 m"

  Scenario: A window without SILL near a climbing aid is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "window" in the rear wall with RC=RC2
    And the plan has a climbing aid "bins" 1.0 m behind the rear wall
    When the plan is checked under "nl-bouwbesluit"
    Then the SITE-03 finding for climbing aid "bins" is not_assessable
    And it points at "bins" and "window"
    And its message says "which has no SILL: if its sill is more than 2.40 m above ground, the aid helps a burglar reach it."
    And it measured "1 m" against "2 m"

  Scenario: A window without SILL farther away than the minimum distance does not matter
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "window" in the rear wall with RC=RC2
    And the plan has a climbing aid "bins" 3.0 m behind the rear wall
    When the plan is checked under "nl-bouwbesluit"
    Then the SITE-03 finding for climbing aid "bins" is pass

  Scenario: A high window too close decides even when a window without SILL is nearer
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "unknown" in the rear wall with RC=RC2
    And the plan has a window "high" in the rear wall with SILL=2600, HEAD=3000
    And the plan has a climbing aid "bins" 0.5 m behind the rear wall
    When the plan is checked under "nl-bouwbesluit"
    Then the SITE-03 finding for climbing aid "bins" is fail
    And it points at "bins" and "high"
    And its measured value is between 0.5 and 2.0 m

  Scenario: A first-floor window without SILL is out of reach from the ground, its floor being higher
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a first floor at 2.8 m with a window "upstairs" in the rear wall with RC=RC2
    And the plan has a climbing aid "bins" 1.0 m behind the rear wall
    When the plan is checked under "nl-bouwbesluit"
    Then the SITE-03 finding for climbing aid "bins" is fail
    And it points at "bins" and "upstairs"
    And its message says "is 1.00 m from window"
    And its message says "on First floor (its floor 2.80 m above ground, out of reach from the ground)"

  Scenario: A low window next to a climbing aid is already within reach from the ground
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "low" in the rear wall with SILL=900, HEAD=2100
    And the plan has a climbing aid "bins" 0.2 m behind the rear wall
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-03 finding for climbing aid "bins" is pass
    And its message says "brings none within reach."

  Scenario: A plan without climbing aids has nothing to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "high" in the rear wall with SILL=2600, HEAD=3000
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-03 finding is not_applicable
    And its message says "No climbing aid (bin store, shed, low wall) is drawn."

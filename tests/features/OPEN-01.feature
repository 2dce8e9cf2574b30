Feature: OPEN-01 Reachable doors and windows resist burglary
  Every door and window on the envelope is placed against the ruleset's [reach]
  definition: within reach when its sill is at most the vertical reach above a
  standing surface (the ground, a roof, a balcony, a climbing aid) at most the
  lateral reach beside it. Out of reach it passes, with its height above the nearest
  surface; within reach it needs the required class or an accepted certificate, as
  OPEN-02 judges doors. Under nl-bouwbesluit reach is 2.4 m up and 1.0 m beside, roofs
  up to 40 degrees count; under uk-adq-sbd 2.0 m up, 0.5 m beside, roofs under 30
  degrees; both count roofs and balconies up to 3.5 m above ground. Only the Iranian
  ruleset accepts a grille on a window instead of the class.

  Scenario Outline: A window whose sill is 2.1 m above ground is within reach under the Dutch ruleset and out of reach under the English one
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "high" in the north wall at x 1 to 2 with SILL=2100, HEAD=2600, RC=NONE
    When the plan is checked under "<ruleset>"
    Then the OPEN-01 finding for window "high" is <status>
    And its severity is error
    And its message says "<message>"
    And it measured "<measured>" against "<required>"
    And it points at the opening only
    And it marks the opening and 1 measured line

    Examples:
      | ruleset        | status | message                                                              | measured | required                                        |
      | nl-bouwbesluit | fail   | is within reach of the ground (its sill 2.10 m above it) and states NONE; it needs RC2 | NONE     | RC2 or NEN 5096 klasse 2, NEN 5096 class 2, SKG 2 |
      | uk-adq-sbd     | pass   | is out of reach: its sill is 2.10 m above the ground, more than 2 m.  | 2.1 m    | more than 2 m                                   |

  Scenario: A window whose sill is exactly 2.0 m above ground is within reach under the English ruleset
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "edge" in the north wall at x 1 to 2 with SILL=2000, HEAD=2600, RC=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-01 finding for window "edge" is fail
    And its message says "is within reach of the ground (its sill 2.00 m above it) and states NONE; it needs RC2 or PAS 24"
    And the verdict is fails

  Scenario: A reachable window of the required class passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "living" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=RC2
    When the plan is checked under "nl-bouwbesluit"
    Then the OPEN-01 finding for window "living" is pass
    And its message says "is within reach of the ground (its sill 0.90 m above it) and is RC2, at least RC2."
    And it measured "RC2" against "RC2 or NEN 5096 klasse 2, NEN 5096 class 2, SKG 2"

  Scenario: A reachable window with a certificate the ruleset accepts passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "living" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, CERT=PAS 24:2022
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-01 finding for window "living" is pass
    And its message says "is certified PAS 24:2022, which the ruleset accepts."

  Scenario Outline: A reachable window below the class, or with a certificate not accepted, fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "living" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, <attributes>
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-01 finding for window "living" is fail
    And its message says "states <stated>; it needs RC2 or PAS 24, LPS 1175 SR2, STS 202 BR2."

    Examples:
      | attributes             | stated        |
      | RC=RC1                 | RC1           |
      | RC=RC2N, GLAZING=FLOAT | RC2N          |
      | CERT=PAS 23            | PAS 23        |

  Scenario: A reachable window that states neither RC nor CERT is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "living" in the north wall at x 1 to 2 with SILL=900, HEAD=2100
    When the plan is checked under "nl-bouwbesluit"
    Then the OPEN-01 finding for window "living" is not_assessable
    And its message says "cannot be judged: it states neither RC nor CERT."
    And it measured "nothing" against "RC2 or NEN 5096 klasse 2, NEN 5096 class 2, SKG 2"
    And the verdict is incomplete

  Scenario: A reachable RC2N window whose glazing cannot be read is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "living" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=RC2N, GLAZING=P9Z
    When the plan is checked under "nl-bouwbesluit"
    Then the OPEN-01 finding for window "living" is not_assessable
    And its message says "meets RC2 only without glazing, and its GLAZING value cannot be read."

  Scenario: A window without SILL that could be within reach is not assessable, and says how low is too low
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "unknown" in the north wall at x 1 to 2 with HEAD=2100, RC=NONE
    When the plan is checked under "nl-bouwbesluit"
    Then the OPEN-01 finding for window "unknown" is not_assessable
    And its message says "cannot be judged: it has no SILL, and a sill lower than 2.40 m above ground would put it within reach of the ground."
    And its message says "It states NONE; within reach it needs RC2"

  Scenario: A window without SILL that meets the class passes whether or not it is within reach
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "unknown" in the north wall at x 1 to 2 with HEAD=2100, RC=RC3
    When the plan is checked under "nl-bouwbesluit"
    Then the OPEN-01 finding for window "unknown" is pass
    And its message says "has no SILL and is RC3, at least RC2, so it passes whether or not it is within reach."

  Scenario: An entrance door is a reachable opening too
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" in the south wall at x 4 to 5 with ROLE=ENTRANCE, RC=RC1
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-01 finding for the door "front" is fail
    And its message says "The door"
    And its message says "is within reach of the ground (its sill level with it) and states RC1"

  Scenario Outline: A flat roof counts up to 3.5 m above ground and not above
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the plan has a roof "extension" <height> m high over x 0.5 to 3.5, y 8.15 to 11
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=1000, HEAD=2100, RC=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-01 finding for window "bedroom" is <status>
    And its message says "<message>"
    And it measured "<measured>" against "<required>"

    Examples:
      | height | status | message                                                                                            | measured | required                                 |
      | 3.5    | fail   | is within reach of the roof                                                                        | NONE     | RC2 or PAS 24, LPS 1175 SR2, STS 202 BR2 |
      | 3.6    | pass   | its sill is 4.00 m above the ground, more than 2 m. The roof                                        | 4 m      | more than 2 m                            |
      | 3.6    | pass   | does not count: it is 3.60 m up, over 3.5 m.                                                       | 4 m      | more than 2 m                            |

  Scenario: A window reached from a flat roof points at the roof and marks the reach line
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the plan has a roof "extension" 3.0 m high over x 0.5 to 3.5, y 8.15 to 11
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=1000, HEAD=2100, RC=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-01 finding for window "bedroom" is fail
    And its message says "The window"
    And its message says "on First floor is within reach of the roof"
    And its message says "(its sill 1.00 m above it, 0.15 m beside it)"
    And it points at the opening and surface "extension"
    And it marks the opening and 1 measured line
    And the measured line runs 0.15 m
    And its provisional figures include reach.lateral, required_class

  Scenario Outline: A roof sloped 30 degrees counts under the Dutch ruleset (up to 40) and not under the English one (under 30)
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the plan has a roof "lean-to" 2.5 m high over x 0.5 to 3.5, y 8.15 to 11 sloped 30 degrees
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=1000, HEAD=2100, RC=NONE
    When the plan is checked under "<ruleset>"
    Then the OPEN-01 finding for window "bedroom" is <status>
    And its message says "<message>"

    Examples:
      | ruleset        | status | message                                                  |
      | nl-bouwbesluit | fail   | is within reach of the roof                              |
      | uk-adq-sbd     | pass   | does not count: its slope 30° is not under 30°.          |

  Scenario Outline: A roof 0.9 m beside a window counts under the Dutch lateral reach (1.0 m) and not under the English (0.5 m)
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the plan has a roof "porch" 2.5 m high over x 2.9 to 5, y 8 to 10
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=1000, HEAD=2100, RC=NONE
    When the plan is checked under "<ruleset>"
    Then the OPEN-01 finding for window "bedroom" is <status>
    And its message says "<message>"

    Examples:
      | ruleset        | status | message                                                                   |
      | nl-bouwbesluit | fail   | is within reach of the roof                                               |
      | uk-adq-sbd     | pass   | is out of reach: its sill is 4.00 m above the ground, more than 2 m.      |

  Scenario: A door onto a balcony is within reach of the balcony
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the plan has a balcony "balcony" 3.0 m high over x 3 to 6, y 8.15 to 9.5
    And the first floor has a door "balcony door" in the north wall at x 4 to 5 with ROLE=SECONDARY, RC=RC1
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-01 finding for the door "balcony door" is fail
    And its message says "is within reach of the balcony"
    And its message says "(its sill level with it, 0.15 m beside it) and states RC1"
    And it points at the opening and surface "balcony"

  Scenario: A climbing aid puts a high window within reach
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a climbing aid "bin store" 1.5 m high over x 0.5 to 3, y 8.15 to 9.5
    And the plan has a window "landing" in the north wall at x 1 to 2 with SILL=3000, HEAD=3600, RC=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-01 finding for window "landing" is fail
    And its message says "is within reach of the climbing aid"
    And its message says "(its sill 1.50 m above it, 0.15 m beside it)"
    And it points at the opening and surface "bin store"

  Scenario: An upper-floor window above a lower flat roof is within reach of that roof
    Given a two-storey house whose ground floor is 10 m by 8 m and whose first floor, at 3.0 m, is 10 m by 5 m
    And the plan has a roof "ground-floor roof" 3.0 m high over x 0.15 to 9.85, y 5.15 to 7.85
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=1000, HEAD=2100, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-01 finding for window "bedroom" is fail
    And its message says "is within reach of the roof"
    And its message says "(its sill 1.00 m above it, 0.15 m beside it)"
    And it points at the opening and surface "ground-floor roof"

  Scenario: An upper-floor window above a lower roof not drawn as an access surface is out of reach
    Given a two-storey house whose ground floor is 10 m by 8 m and whose first floor, at 4.0 m, is 10 m by 5 m
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=1000, HEAD=2100, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-01 finding for window "bedroom" is pass
    And its message says "is out of reach: no standing surface the ruleset counts lies within 1 m beside it (its sill is 5.00 m above ground level)."
    And it measured "5 m" against "more than 4.5 m"

  Scenario: Under the Iranian ruleset a reachable window with a grille passes, leaving the grille to OPEN-06
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=NONE, GRILLE=20/120
    When the plan is checked under "ir-police-annex"
    Then the OPEN-01 finding for window "kitchen" is pass
    And its message says "has no RC2 but a grille (20/120 mm); OPEN-06 judges the grille."
    And it measured "NONE / GRILLE 20/120 mm" against "RC2 or a grille"
    And its provisional figures include grilles_accepted, required_class
    And the OPEN-06 finding for window "kitchen" is pass

  Scenario Outline: Under the Dutch and English rulesets a grille does not replace the class
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=NONE, GRILLE=20/120
    When the plan is checked under "<ruleset>"
    Then the OPEN-01 finding for window "kitchen" is fail
    And its message says "states NONE; it needs RC2"
    And the ruleset "<ruleset>" sets OPEN-01 grilles_accepted to false

    Examples:
      | ruleset        |
      | nl-bouwbesluit |
      | uk-adq-sbd     |

  Scenario Outline: Under the Iranian ruleset GRILLE=NONE, or one that cannot be read, is no grille
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=NONE, GRILLE=<grille>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-01 finding for window "kitchen" is <status>
    And its message says "<message>"
    And the ruleset "ir-police-annex" sets OPEN-01 grilles_accepted to true

    Examples:
      | grille | status         | message                                 |
      | NONE   | fail           | states NONE; it needs RC2 or a grille.  |
      | bars   | not_assessable | and its GRILLE cannot be read           |

  Scenario: Internal doors are not judged, and a plan with no opening on the envelope gives one not-applicable finding
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has an internal door "inner" at x 4 to 5, y 4 with ROLE=INTERNAL, RC=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the only OPEN-01 finding is not_applicable
    And its message says "No door or window lies on the building's envelope."
    And it points at no element

  Scenario: A storey with openings but no walls is not assessable
    Given a plan drawn in "mm"
    And the plan has a window "floating" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=NONE
    When the plan is checked under "nl-bouwbesluit"
    Then the OPEN-01 finding for storey "Storey 1" is not_assessable
    And its message says "cannot be placed on the envelope, because the storey has no walls"
    And there are 1 OPEN-01 findings

  Scenario Outline: Under the Iranian ruleset an opening of at most 600 cm2 is out of scope; a larger one needs the class or a grille
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "toilet" in the north wall at x 1 to 1.25 with SILL=1400, HEAD=<head>, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-01 finding for window "toilet" is <status>
    And its message says "<message>"

    Examples:
      | head | status | message                                                                 |
      | 1640 | pass   | is 0.060 m2, not over 0.06 m2: too small to pass through, so out of scope. |
      | 1650 | fail   | states NONE; it needs RC2 or a grille.                                  |

  Scenario: Under the Iranian ruleset a first-floor window 3.9 m above ground is within the 4.5 m reach
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the first floor has a window "bedroom" in the north wall at x 4 to 5 with SILL=900, HEAD=2100, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-01 finding for window "bedroom" is fail
    And its message says "is within reach of the ground (its sill 3.90 m above it)"
    And its provisional figures include reach.vertical, min_area

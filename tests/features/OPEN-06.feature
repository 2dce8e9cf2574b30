Feature: OPEN-06 Reachable windows without the class carry a secure grille
  Under the Iranian ruleset a reachable window (the ruleset's [reach], as in OPEN-01)
  that does not meet RC2 carries a grille (GRILLE = bar/gap in mm) with bars at least
  20 mm thick and at most 125 mm apart. GRILLE=NONE, thinner bars or wider gaps fail;
  a window without GRILLE is not assessable; an opening of at most 600 cm2 (width x
  (HEAD - SILL); BHRC) is out of scope and needs no grille. The English and Dutch
  rulesets have no grille alternative and do not enable the rule. Every figure is
  provisional.

  Scenario: A reachable window without the class, with a grille of 20 mm bars 120 mm apart, passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=NONE, GRILLE=20/120
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "kitchen" is pass
    And its severity is error
    And its message says "is within reach of the ground (its sill 0.90 m above it) and states NONE, not RC2; its grille (20/120 mm) has bars at least 20 mm, gaps at most 125 mm."
    And it measured "20/120 mm" against "bars at least 20 mm, gaps at most 125 mm"
    And it points at the opening only
    And it marks the opening and 1 measured line
    And its provisional figures include grille_min_bar, grille_max_gap, reach.vertical

  Scenario Outline: Bars exactly 20 mm thick and exactly 125 mm apart pass; thinner or wider fail
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=RC1, GRILLE=<grille>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "kitchen" is <status>
    And its message says "<message>"
    And it measured "<measured>" against "bars at least 20 mm, gaps at most 125 mm"

    Examples:
      | grille  | status | measured   | message                                                                  |
      | 20/125  | pass   | 20/125 mm  | its grille (20/125 mm) has bars at least 20 mm, gaps at most 125 mm.     |
      | 19/125  | fail   | 19/125 mm  | its bars (19 mm) are thinner than 20 mm.                                 |
      | 20/126  | fail   | 20/126 mm  | its gaps (126 mm) are wider than 125 mm.                                 |
      | 16x150  | fail   | 16/150 mm  | its bars (16 mm) are thinner than 20 mm and its gaps (150 mm) are wider than 125 mm. |
      | NONE    | fail   | NONE       | it has no grille (GRILLE=NONE).                                          |

  Scenario Outline: A reachable window without the class whose GRILLE is missing or unreadable is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=NONE<grille>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "kitchen" is not_assessable
    And its message says "<message>"
    And it measured "<measured>" against "bars at least 20 mm, gaps at most 125 mm"

    Examples:
      | grille         | measured | message                                                                      |
      |                | nothing  | and it states no GRILLE; it needs a grille with bars at least 20 mm, gaps at most 125 mm. |
      | , GRILLE=steel | steel    | and its GRILLE cannot be read (GRILLE 'steel' is not NONE or bar/gap in mm    |

  Scenario Outline: An opening of at most 600 cm2 is out of scope and needs no grille; a larger one does
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "toilet" in the north wall at x 1 to 1.25 with SILL=1400, HEAD=<head>, RC=NONE, GRILLE=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "toilet" is <status>
    And its message says "<message>"

    Examples:
      | head | status | message                                                                               |
      | 1550 | pass   | but its opening (0.25 m x 0.15 m, 0.037 m2) is not over 0.06 m2: out of scope, too small to pass through. |
      | 1640 | pass   | but its opening (0.25 m x 0.24 m, 0.060 m2) is not over 0.06 m2: out of scope, too small to pass through. |
      | 1650 | fail   | it has no grille (GRILLE=NONE).                                                       |

  Scenario: The small-opening finding measures the area against the limit
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "toilet" in the north wall at x 1 to 1.25 with SILL=1400, HEAD=1550, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "toilet" is pass
    And it measured "0.0375 m2" against "over 0.06 m2"
    And its provisional figures include min_area

  Scenario Outline: Windows that meet the class, or are out of reach, need no grille
    Given a two-storey house 10 m by 8 m whose first floor is at 4.0 m
    And the ground floor has a window "living" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, <attributes>
    And the first floor has a window "bedroom" in the north wall at x 4 to 5 with SILL=900, HEAD=2100, RC=NONE, GRILLE=NONE
    When the plan is checked under "ir-police-annex"
    Then there is no OPEN-06 finding for window "living"
    And there is no OPEN-06 finding for window "bedroom"
    And the only OPEN-06 finding is not_applicable
    And its message says "No window within reach lacks RC2, so no grille is needed."

    Examples:
      | attributes                |
      | RC=RC2, GRILLE=NONE       |
      | RC=RC3                    |

  Scenario: A window without SILL is not assessable when its grille is not enough, since it might be out of reach
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "unknown" in the north wall at x 1 to 2 with HEAD=2100, RC=NONE, GRILLE=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "unknown" is not_assessable
    And its message says "cannot be judged: it has no SILL, and a sill lower than 4.50 m above ground would put it within reach of the ground; it has no grille (GRILLE=NONE)."

  Scenario: A window without SILL with a good grille passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "unknown" in the north wall at x 1 to 2 with HEAD=2100, RC=NONE, GRILLE=25/100
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "unknown" is pass

  Scenario: A window reached from a flat roof needs a grille and points at the roof
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the plan has a roof "garage roof" 2.7 m high over x 0.5 to 3.5, y 8.15 to 11
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=NONE, GRILLE=12/200
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "bedroom" is fail
    And its message says "is within reach of the roof"
    And it points at the opening and surface "garage roof"
    And the OPEN-01 finding for window "bedroom" is pass

  Scenario Outline: Only the Iranian ruleset has the grille alternative
    Then the ruleset "<ruleset>" does not enable OPEN-06
    And the ruleset "<ruleset>" sets OPEN-01 grilles_accepted to false

    Examples:
      | ruleset        |
      | uk-adq-sbd     |
      | nl-bouwbesluit |

  Scenario: Under the English ruleset a window with a grille gets no OPEN-06 finding
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=NONE, GRILLE=20/120
    When the plan is checked under "uk-adq-sbd"
    Then there are 0 OPEN-06 findings

  Scenario Outline: An RC2N window whose glazing cannot be read needs a good grille to be judged
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=RC2N, GLAZING=P9Z, GRILLE=<grille>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-06 finding for window "kitchen" is <status>
    And its message says "<message>"

    Examples:
      | grille | status         | message                                                                              |
      | NONE   | not_assessable | it is RC2N, which meets RC2 only without glazing, and its GLAZING cannot be read; it has no grille (GRILLE=NONE). |
      | 20/120 | pass           | its grille (20/120 mm) has bars at least 20 mm, gaps at most 125 mm.                 |

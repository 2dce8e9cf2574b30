Feature: OPEN-08 Windows onto light wells and shafts, and roof openings, resist burglary
  In apartment blocks light wells (نورگیر) and service shafts (داکت) are shared
  vertical voids open to the roof: a burglar comes over the roofs and down the shaft.
  A space named as a light well or shaft, open to a roof one can stand on, makes every
  window and door onto it, on any storey, within reach: it needs the class (RC2 under
  ir-police-annex) or, for a window, a grille. Openings of at most 600 cm2 are too
  small to pass through (BHRC). A skylight or roof hatch is an opening in the roof and
  is judged the same way. The Iranian ruleset enables the rule; its figures are
  provisional.

  Scenario: Windows onto a light well open to the roof without class or grille fail, those with either pass, and the annex cites the Iranian sources
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the second floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000, RC=NONE
    And the second floor has a window "kitchen" onto the light well in its north wall at x 5.2 to 6.2 with SILL=1000, HEAD=2000, RC=NONE, GRILLE=20/120
    And the third floor has a window "stair" onto the light well in its south wall at x 6.0 to 6.8 with SILL=1000, HEAD=2000, RC=RC2
    When I run "annex check {manifest} --ruleset ir-police-annex --json {tmp}/results.json --pdf {tmp}/annex.pdf --quiet"
    Then the exit status is 1
    And in the JSON, OPEN-08 judges window "bath" fail, provisional in min_area and required_class
    And in the JSON, OPEN-08 judges window "kitchen" pass, provisional in min_area and required_class
    And in the JSON, OPEN-08 judges window "stair" pass, provisional in min_area and required_class
    And the annex PDF text says "Windows onto light wells and shafts, and roof openings, resist burglary"
    And the annex PDF text says "BHRC faculty member quoted by IRNA (Donya-e-Eqtesad)"
    And the annex PDF text says "Forensic-expert list of building security indicators: blind and penetrable points"
    And the annex PDF text says "نورگیر"
    And the web page words the JSON's OPEN-08 finding for window "bath" in Persian with "رو به داکت «نورگیر»"
    And the web page words the JSON's OPEN-08 finding for window "kitchen" in Persian with "به جای رده، حفاظ (۲۰/۱۲۰ میلی‌متر) دارد."

  Scenario: A window onto the light well is judged as within reach on every storey, however high
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the ground floor has a window "low" onto the light well in its south wall at x 5.2 to 5.8 with SILL=900, HEAD=2000, RC=NONE
    And the third floor has a window "high" onto the light well in its south wall at x 5.2 to 5.8 with SILL=900, HEAD=2000, RC=RC1
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "low" is fail
    And its severity is error
    And its message says "opens onto the shaft “نورگیر”"
    And its message says "which is open to the roof"
    And its message says "12.00 m above ground (12.00 m above the shaft's lowest floor), so it is within reach, and states NONE; it needs RC2 or a grille."
    And it measured "NONE" against "RC2 or a grille"
    And its provisional figures include required_class, grilles_accepted, min_area
    And the OPEN-08 finding for window "high" is fail
    And its message says "states RC1; it needs RC2 or a grille."

  Scenario Outline: An opening of exactly 600 cm2 is too small to pass through; a larger one is judged
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the first floor has a window "duct" onto the light well in its south wall at x 5.2 to 5.5 with SILL=1000, HEAD=<head>, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "duct" is <status>
    And its message says "<message>"

    Examples:
      | head | status | message                                                                 |
      | 1200 | pass   | but its opening (0.060 m2) is not over 0.06 m2: too small to pass through. |
      | 1210 | fail   | states NONE; it needs RC2 or a grille.                                   |

  Scenario: The too-small finding measures the area against the limit
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the first floor has a window "duct" onto the light well in its south wall at x 5.2 to 5.5 with SILL=1000, HEAD=1200, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "duct" is pass
    And it measured "0.06 m2" against "over 0.06 m2"

  Scenario Outline: A window onto the light well without RC or CERT, or with an unreadable grille, is not assessable
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the first floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000<attributes>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "bath" is not_assessable
    And its message says "<message>"

    Examples:
      | attributes              | message                                                  |
      |                         | it states neither RC nor CERT; it needs RC2 or a grille. |
      | , RC=NONE, GRILLE=steel | its GRILLE cannot be read                                |

  Scenario: A light well with no roof drawn at its top is not assessable and its windows are not judged
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the first floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the only OPEN-08 finding is not_assessable
    And its message says "has no roof drawn within 1 m of its top, so it cannot be told whether it is open to one"
    And there is no OPEN-08 finding for window "bath"

  Scenario: A light well under a roof too steep to stand on passes and its windows are not judged
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m sloped 45 degrees
    And the first floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the only OPEN-08 finding is pass
    And its message says "is not open to an accessible roof"
    And its message says "does not count (its slope 45° is not at most 40°)."
    And there is no OPEN-08 finding for window "bath"

  Scenario Outline: A roof hatch or skylight is an opening in the roof and needs the class or a grille
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And a roof plan at 12 m with the flat roof "roof"
    And the roof plan has a window "hatch" at x 2 to 2.8, y 2 with SILL=0, HEAD=800, <attributes>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "hatch" is <status>
    And its message says "is an opening in the roof"

    Examples:
      | attributes            | status |
      | RC=NONE               | fail   |
      | RC=NONE, GRILLE=20/100 | pass   |
      | RC=RC2                | pass   |

  Scenario: Windows in the outer walls are left to OPEN-01, not judged as onto the light well
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the first floor has a window "street" in its outer south wall at x 2 to 3 with SILL=900, HEAD=2000, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then there is no OPEN-08 finding for window "street"

  Scenario: The UK and Dutch rulesets keep their own figures and do not enable OPEN-08
    Then the ruleset "uk-adq-sbd" does not enable OPEN-08
    And the ruleset "nl-bouwbesluit" does not enable OPEN-08
    And the ruleset "ir-police-annex" sets OPEN-01 min_area to 0.06
    And the ruleset "ir-police-annex" sets OPEN-08 min_area to 0.06

  Scenario: A closed void of walls without a name that runs through storeys is taken as a shaft
    Given a 3-storey block 12 m by 10 m with floors 3 m apart and a closed void of walls, without a name, on every storey
    And the flat roof "roof" is drawn on the top storey at 9 m
    And the first floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "bath" is fail
    And its message says "opens onto the closed void"

  Scenario: A closed void of walls on one storey only is not taken as a shaft
    Given a 3-storey block 12 m by 10 m with floors 3 m apart and a closed void of walls, without a name, on the ground floor only
    And the flat roof "roof" is drawn on the top storey at 9 m
    And the ground floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the only OPEN-08 finding is not_applicable

  Scenario: A closed outline of walls with a door in its side is a room, not a void
    Given a 2-storey block 12 m by 10 m with floors 3 m apart and a closed void of walls, without a name, on every storey
    And the flat roof "roof" is drawn on the top storey at 6 m
    And the first floor has a door "store" onto the light well in its south wall at x 6.0 to 6.8 with ROLE=INTERNAL
    And the ground floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the only OPEN-08 finding is not_applicable

  Scenario: The Persian annex shows the finding in Persian and cites the Iranian sources
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the second floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "bath" is fail
    And the Persian annex shows the OPEN-08 finding and the ruleset's sources under "منابع"

  Scenario: Low glass onto a light well open to the roof is security glazing where the ruleset asks it, whatever the window's class
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the second floor has a window "plain" onto the light well in its south wall at x 5.2 to 5.8 with SILL=600, HEAD=2000, RC=RC2, GLAZING=FLOAT
    And the second floor has a window "laminated" onto the light well in its north wall at x 5.2 to 6.2 with SILL=600, HEAD=2000, RC=RC2, GLAZING=P4A
    And the third floor has a window "high" onto the light well in its south wall at x 6.0 to 6.8 with SILL=1400, HEAD=2000, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "plain" is pass
    And the OPEN-04 finding for window "plain" is fail
    And its severity is error
    And its message says "opens onto the shaft “نورگیر”"
    And its message says "so it is within reach and its sill is 0.60 m above its floor, below 0.8 m; its glazing must be at least P4A: FLOAT is not security glazing."
    And it measured "FLOAT" against "P4A"
    And the OPEN-04 finding for window "laminated" is pass
    And its message says "its glazing is P4A, at least P4A."
    And there is no OPEN-04 finding for window "high"

  Scenario: A ruleset without OPEN-08 does not count a light well as an access route for glazing
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the second floor has a window "plain" onto the light well in its south wall at x 5.2 to 5.8 with SILL=600, HEAD=2000, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "nl-bouwbesluit"
    Then there is no OPEN-04 finding for window "plain"

  Scenario: Plain glass onto a light well open to the roof without a stated sill cannot be judged for its glazing
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the first floor has a window "unknown" onto the light well in its south wall at x 5.2 to 5.8 with HEAD=2000, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the OPEN-04 finding for window "unknown" is not_assessable
    And its message says "cannot be judged: opens onto the shaft “نورگیر”"
    And its message says "so it is within reach and has no SILL; below 0.8 m its glass must be at least P4A"

  Scenario Outline: The glass of a skylight or roof hatch in a roof one can stand on is security glazing, however high its sill
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And a roof plan at 12 m with the flat roof "roof"
    And the roof plan has a window "skylight" at x 2 to 2.8, y 2 with SILL=<sill>, HEAD=<head>, RC=RC2<glazing>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-08 finding for window "skylight" is pass
    And the OPEN-04 finding for window "skylight" is <status>
    And its message says "is an opening in the roof"
    And its message says "12.00 m above ground, so it is within reach and its glass lies in the roof, underfoot<message>"
    And it measured "<measured>" against "P4A"

    Examples:
      | sill | head | glazing        | status         | measured | message                                                   |
      | 0    | 800  | , GLAZING=FLOAT | fail           | FLOAT    | ; its glazing must be at least P4A: FLOAT is not security glazing. |
      | 1200 | 2000 | , GLAZING=P2A   | fail           | P2A      | ; its glazing must be at least P4A: P2A is below P4A.    |
      | 0    | 800  | , GLAZING=P4A   | pass           | P4A      | ; its glazing is P4A, at least P4A.                      |
      | 0    | 800  |                 | not_assessable | nothing  | , and it states no GLAZING; it needs P4A.                |

  Scenario Outline: A skylight of exactly 600 cm2 is too small to climb through and its glass is not judged; a larger one is
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And a roof plan at 12 m with the flat roof "roof"
    And the roof plan has a window "skylight" at x 2 to 2.3, y 2 with SILL=0, HEAD=<head>, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then <outcome>

    Examples:
      | head | outcome                                                |
      | 200  | there is no OPEN-04 finding for window "skylight"      |
      | 210  | the OPEN-04 finding for window "skylight" is fail      |

  Scenario: A ruleset without OPEN-08 does not judge the glass of a roof hatch
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And a roof plan at 12 m with the flat roof "roof"
    And the roof plan has a window "hatch" at x 2 to 2.8, y 2 with SILL=0, HEAD=800, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "nl-bouwbesluit"
    Then there is no OPEN-04 finding for window "hatch"

  Scenario: The Persian annex PDF fails the window onto the light well and cites the Iranian sources in Persian
    Given a 4-storey block 12 m by 10 m with floors 3 m apart and a light well "نورگیر" on every storey
    And the flat roof "roof" is drawn on the top storey at 12 m
    And the second floor has a window "bath" onto the light well in its south wall at x 5.2 to 5.8 with SILL=1400, HEAD=2000, RC=NONE
    And the second floor has a window "kitchen" onto the light well in its north wall at x 5.2 to 6.2 with SILL=1000, HEAD=2000, RC=NONE, GRILLE=20/120
    When I run "annex check {manifest} --ruleset ir-police-annex --json {tmp}/results.json --pdf {tmp}/annex.pdf --language fa --quiet"
    Then the exit status is 1
    And in the JSON, OPEN-08 judges window "bath" fail, provisional in min_area and required_class
    And in the JSON, OPEN-08 judges window "kitchen" pass, provisional in min_area and required_class
    And the annex PDF text says "پنجره‌های رو به نورگیر و داکت و بازشوهای بام در برابر سرقت مقاوم‌اند"
    And the annex PDF text says "منبع"
    And the annex PDF text says "عضو هیئت علمی مرکز تحقیقات راه"
    And the annex PDF text says "کارشناسان رسمی از نقاط نفوذپذیر"
    And the annex PDF text says "BHRC faculty member quoted by IRNA (Donya-e-Eqtesad)"

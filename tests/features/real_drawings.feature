Feature: A plan as architects really draw it runs through the whole check
  An Iranian office's plan: Persian layer names, doors as swing arcs with their
  leaves, windows as lines in wall gaps, type marks as texts, no attributes and no
  unit in the header. The checker reads it, writes the openings schedule, takes the
  security data back from the filled schedule, and names the openings by their type
  marks in English and in Persian.

  Background:
    Given the Persian plan drawn in centimetres with no unit in its header

  Scenario: The Persian plan is read as doors, windows and rooms in centimetres
    When the Persian plan is loaded
    Then its unit is centimetres, inferred from the drawing
    And every door and window of the plan is found within 5 cm, with its type mark and whether it is external
    And it holds three rooms named in Persian, each habitable
    And every opening says it was recognised from the drawing's shape, not stated

  Scenario: The openings schedule lists every opening with its type mark
    When I run "annex schedule persian.dxf -o openings.csv"
    Then the exit status is 0
    And the schedule lists 3 doors and 3 windows with the type marks D1, D1, D2, W1, W1, W2

  Scenario: A schedule filled in by type mark completes the check, and findings name the openings by type mark
    Given the schedule "filled.csv" gives by type mark
      | type_mark | ROLE     | RC  | CERT       | GLAZING | SILL | HEAD | VIEWER | ACCESS |
      | D1        | ENTRANCE | RC2 | ISIRI 1234 | NONE    |      | 2100 | YES    | KEY    |
      | D2        | INTERNAL |     |            |         |      |      |        |        |
      | W1        |          | RC2 | ISIRI 1234 | P4A     | 900  | 2100 |        |        |
      | W2        |          | RC1 |            | FLOAT   | 300  | 2100 |        |        |
    When I run "annex check persian.dxf --schedule filled.csv --json results.json --pdf annex.pdf"
    Then the exit status is 1
    And OPEN-02 passes for both D1 doors on data from the schedule
    And OPEN-01 fails only for the window W2, and says "The window W2"
    And the English annex names the window W2 in its findings
    When I run "annex check persian.dxf --schedule filled.csv --pdf annex-fa.pdf --language fa"
    Then the Persian annex names the window W2 in a Persian finding

  Scenario: A schedule naming a type mark the plan does not have is refused with one sentence
    Given the schedule "wrong.csv" gives by type mark
      | type_mark | RC  |
      | D9        | RC2 |
    When I run "annex check persian.dxf --schedule wrong.csv"
    Then the exit status is 2
    And the error is one sentence saying "D9"

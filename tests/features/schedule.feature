Feature: The openings schedule
  Real drawings carry no security attributes: architects specify doors and windows
  by type mark (D1, W2, د۱) in a door and window schedule. `annex schedule` writes
  one row per recognised opening with its type mark; the architect fills it in and
  `annex check --schedule` reads it back. A row names one opening (handle) or a whole
  type (type mark); a handle row beats a type row, a schedule value beats a block
  attribute, and the results say where each value came from. A bad schedule is
  refused with one sentence naming its row.

  Background:
    Given a house whose openings are tagged D1, D1, د۱, W1, W1 and W2 beside them

  Scenario Outline: Each opening's type mark is the tag text beside it
    When the plan is loaded
    Then the <opening> has the type mark "<mark>"

    Examples:
      | opening       | mark |
      | front door    | D1   |
      | side door     | D1   |
      | internal door | د۱   |
      | west window   | W1   |
      | north window  | W1   |
      | east window   | W2   |

  Scenario Outline: A tag is read as drawn and taken by the nearest opening only
    Given a second plan with two doors 1.2 m apart and <tags>
    When the second plan is loaded
    Then its doors have the type marks "<marks>"

    Examples:
      | tags                                                   | marks         |
      | TEXT "D1" and "D2" 0.4 m in front of each              | D1, D2        |
      | TEXT "WD-03" and MTEXT "D 1"                           | WD-03, D 1    |
      | TEXT "پ۲" and TEXT "د۱"                                | پ۲, د۱        |
      | one TEXT "D7" between them, nearer the first           | D7, -         |
      | circle tag blocks with ATTRIB "T1" and "T2"            | T1, T2        |
      | TEXT "D1" 1.5 m away from the first and none by the second | -, -      |
      | TEXT "Kitchen" and "+0.00" beside them                  | -, -          |
      | no tag, as blocks named "D-900" and "*U12"              | D-900, -      |

  Scenario Outline: The schedule lists every door and window, as CSV or XLSX
    When I run "annex schedule {plan} -o {tmp}/openings.<format>"
    Then the exit status is 0
    And the output says "6 rows (3 doors, 3 windows)"
    And the schedule openings.<format> has the columns storey, handle, type_mark, kind, width_mm, external, recognised_by, confidence, ROLE, RC, CERT, GLAZING, SILL, HEAD, GRILLE, VIEWER, ACCESS
    And the schedule openings.<format> has these rows:
      | kind   | type_mark | external | ROLE      | SILL |
      | door   | D1        | yes      | ENTRANCE? |      |
      | door   | D1        | yes      |           |      |
      | door   | د۱        | no       |           |      |
      | window | W1        | yes      |           |      |
      | window | W1        | yes      |           |      |
      | window | W2        | yes      |           | 900  |

    Examples:
      | format |
      | csv    |
      | xlsx   |

  Scenario: The CSV schedule opens in Excel with Persian marks intact
    When I run "annex schedule {plan} -o {tmp}/openings.csv"
    Then the file openings.csv starts with a UTF-8 byte order mark and has CRLF line ends

  Scenario: An existing schedule is not overwritten without --force
    Given the file openings.csv holds "storey,handle"
    When I run "annex schedule {plan} -o {tmp}/openings.csv"
    Then the exit status is 2
    And the error is one sentence saying "openings.csv exists; give --force to replace it"

  Scenario: A schedule must be written as CSV or XLSX
    When I run "annex schedule {plan} -o {tmp}/openings.ods"
    Then the exit status is 2
    And the error is one sentence saying "openings.ods should end in .csv or .xlsx"

  Scenario: A new schedule carries the values of an earlier one
    Given the schedule old.csv reads "type_mark,RC / D1,RC3"
    When I run "annex schedule {plan} --schedule {tmp}/old.csv -o {tmp}/openings.xlsx"
    Then the exit status is 0
    And the schedule openings.xlsx has these rows:
      | kind   | type_mark | RC  | ROLE      |
      | door   | D1        | RC3 | ENTRANCE? |
      | door   | D1        | RC3 |           |
      | door   | د۱        |     |           |
      | window | W1        |     |           |
      | window | W1        |     |           |
      | window | W2        |     |           |

  Scenario Outline: A type row fills every opening of that type and the results say so
    Given the schedule openings.<format> is written and the type D1 filled with ROLE "ENTRANCE" and RC "RC2"
    When I run "annex check {plan} --ruleset ir-police-annex --schedule {tmp}/openings.<format> --json {tmp}/results.json"
    Then the JSON file "results.json" validates against the results schema
    And OPEN-02 passes for the front door and the side door
    And the JSON says the front door's RC and ROLE came from the schedule
    And the JSON says the side door's RC and ROLE came from the schedule
    And the OPEN-02 finding on the front door names it "D1 (handle {front door})"

    Examples:
      | format |
      | csv    |
      | xlsx   |

  Scenario: A handle row beats the row of its type
    Given the schedule openings.csv reads "handle,type_mark,ROLE,RC / ,D1,ENTRANCE,RC2 / {front door},,,RC3"
    When I run "annex check {plan} --schedule {tmp}/openings.csv --json {tmp}/results.json"
    Then the JSON says the front door has RC "RC3" from the schedule
    And the JSON says the side door has RC "RC2" from the schedule

  Scenario: A handle row can name an opening's type, and that type's row then fills it
    Given the schedule openings.csv reads "handle,type_mark,RC / {west window},W9, / ,W9,RC2"
    When I run "annex check {plan} --schedule {tmp}/openings.csv --json {tmp}/results.json"
    Then the JSON says the west window's type mark is "W9"
    And the JSON says the west window has RC "RC2" from the schedule
    And the JSON says the north window has no RC

  Scenario: A schedule value beats a block attribute
    Given the schedule openings.csv reads "type_mark,SILL / W2,1200"
    When I run "annex check {plan} --schedule {tmp}/openings.csv --json {tmp}/results.json"
    Then the JSON says the east window has SILL "1200" from the schedule
    And the JSON says the north window has no SILL

  Scenario: A guess the checker wrote counts only as a guess
    When I run "annex schedule {plan} -o {tmp}/openings.csv"
    And I run "annex check {plan} --schedule {tmp}/openings.csv --json {tmp}/results.json"
    Then the JSON says the front door has ROLE "ENTRANCE" from a guess
    And the JSON says the side door has no ROLE

  Scenario: A guess in the schedule does not override a block attribute
    Given the schedule openings.csv reads "type_mark,SILL / W2,1200?"
    When I run "annex check {plan} --schedule {tmp}/openings.csv --json {tmp}/results.json"
    Then the JSON says the east window has SILL "900" from the block

  Scenario: A type mark in Persian digits matches the same mark in ASCII digits
    Given the schedule openings.csv reads "type_mark,ROLE / د1,INTERNAL"
    When I run "annex check {plan} --schedule {tmp}/openings.csv --json {tmp}/results.json"
    Then the JSON says the internal door has ROLE "INTERNAL" from the schedule

  Scenario: Findings name the openings by type mark in English and in Persian
    Given the schedule openings.csv reads "type_mark,ROLE,RC / D1,ENTRANCE,RC1"
    When the plan is checked with the schedule under "ir-police-annex"
    Then the failing OPEN-02 finding on the front door says "door D1 (handle {front door})" in English
    And the failing OPEN-02 finding on the front door says "D1 (شناسهٔ {front door})" in Persian

  Scenario Outline: A bad schedule is refused with one sentence naming the row
    Given the schedule <file> reads "<content>"
    When I run "annex check {plan} --schedule {tmp}/<file>"
    Then the exit status is 2
    And the error is one sentence saying "<says>"

    Examples:
      | file          | content                                   | says                                                        |
      | openings.csv  | handle,RC / FFFF,RC2                      | openings.csv line 2: no door or window has the handle 'FFFF' |
      | openings.csv  | type_mark,RC / D9,RC2                     | openings.csv line 2: no opening has the type mark 'D9'; the marks on the plan are D1, W1, W2, د۱ |
      | openings.csv  | type_mark,COLOUR / D1,red                 | openings.csv line 1: unknown column 'COLOUR'                |
      | openings.csv  | type_mark,RC / D1,RC9                     | openings.csv line 2: RC 'RC9' is not a resistance class the ruleset ir-police-annex knows; it accepts NONE, RC1N |
      | openings.csv  | type_mark,GLAZING / W1,P9Z                | openings.csv line 2: GLAZING 'P9Z' is not a glazing class the ruleset ir-police-annex knows; it accepts NONE, FLOAT |
      | openings.csv  | type_mark,SILL / W1,low                   | openings.csv line 2: SILL 'low' is not a number of millimetres |
      | openings.csv  | type_mark,RC / D1,RC2 / D1,RC3            | openings.csv line 3: the type D1 is already given in line 2 |
      | openings.csv  | handle,RC / {front door},RC2 / {front door},RC3 | on Storey 1 is already given in line 2; give each opening one row |
      | openings.csv  | storey,handle,RC / First floor,{front door},RC2 | openings.csv line 2: the plan has no storey 'First floor'   |
      | openings.csv  | handle,type_mark,RC / ,,RC2               | openings.csv line 2: the row names no opening               |
      | openings.csv  | kind,RC / door,RC2                        | the schedule has neither a handle nor a type_mark column    |
      | openings.txt  | type_mark,RC / D1,RC2                     | The schedule openings.txt is neither a CSV nor an XLSX file |
      | openings.xlsx | type_mark,RC / D1,RC2                     | The schedule openings.xlsx is not a readable XLSX workbook  |
      | missing.csv   | -                                         | The schedule missing.csv does not exist                     |

  Scenario Outline: A class the ruleset in force does not know is refused, naming the row, the value and what the ruleset accepts
    Given the schedule openings.<file> holds the rows "<content>"
    When I run "annex check {plan} --ruleset <ruleset> --schedule {tmp}/openings.<file>"
    Then the exit status is 2
    And the error is one sentence saying "<says>"

    Examples:
      | ruleset         | file | content                                    | says                                                                                                                          |
      | ir-police-annex | csv  | type_mark,RC / D1,RC7                      | openings.csv line 2: RC 'RC7' is not a resistance class the ruleset ir-police-annex knows; it accepts NONE, RC1N, RC1, RC2N, RC2, RC3, RC4, RC5, RC6. |
      | uk-adq-sbd      | csv  | type_mark,ROLE,RC / W1,SECONDARY,RC2 / D1,,R2 | openings.csv line 3: RC 'R2' is not a resistance class the ruleset uk-adq-sbd knows; it accepts NONE, RC1N                   |
      | nl-bouwbesluit  | xlsx | type_mark,GLAZING / W1,P4A / W2,P9Z        | openings.xlsx row 3: GLAZING 'P9Z' is not a glazing class the ruleset nl-bouwbesluit knows; it accepts NONE, FLOAT, TOUGHENED, P1A |
      | uk-adq-sbd      | csv  | type_mark,GRILLE / W1,20/120               | openings.csv line 2: GRILLE '20/120' names a grille, but the ruleset uk-adq-sbd takes no grille in place of a resistance class; it accepts only NONE |
      | nl-bouwbesluit  | csv  | type_mark,GRILLE / W2,NONE / W1,16x100?    | openings.csv line 3: GRILLE '16x100' names a grille, but the ruleset nl-bouwbesluit takes no grille                      |

  Scenario Outline: A value the ruleset in force knows is taken
    Given the schedule openings.csv reads "<content>"
    When I run "annex check {plan} --ruleset <ruleset> --schedule {tmp}/openings.csv --json {tmp}/results.json"
    Then the JSON says the west window has <tag> "<value>" from the schedule

    Examples:
      | ruleset         | content                         | tag     | value  |
      | ir-police-annex | type_mark,GRILLE / W1,20/120    | GRILLE  | 20/120 |
      | uk-adq-sbd      | type_mark,GRILLE / W1,NONE      | GRILLE  | NONE   |
      | nl-bouwbesluit  | type_mark,GLAZING / W1,p4a      | GLAZING | P4A    |
      | uk-adq-sbd      | type_mark,RC / W1,rc 3          | RC      | RC3    |

  Scenario: The ruleset the manifest names is the one the schedule's classes are checked against
    Given a project whose ground floor is the house and whose first floor has one window
    And the manifest names the ruleset "uk-adq-sbd"
    And the schedule openings.csv reads "type_mark,GRILLE / W1,20/120"
    When I run "annex check {manifest} --schedule {tmp}/openings.csv"
    Then the exit status is 2
    And the error is one sentence saying "the ruleset uk-adq-sbd takes no grille"
    When I run "annex check {manifest} --ruleset ir-police-annex --schedule {tmp}/openings.csv --json {tmp}/results.json"
    Then the JSON says the west window has GRILLE "20/120" from the schedule

  Scenario: A handle given on the wrong storey is refused
    Given a project whose ground floor is the house and whose first floor has one window
    And the schedule openings.csv names the first floor's window on the ground floor
    When I run "annex check {manifest} --schedule {tmp}/openings.csv"
    Then the exit status is 2
    And the error is one sentence saying "is on First floor, not on Ground floor"

  Scenario: The manifest names the schedule, and --schedule wins over it
    Given a project whose ground floor is the house and whose first floor has one window
    And the manifest names the schedule "openings.csv"
    And the schedule openings.csv reads "type_mark,ROLE,RC / D1,ENTRANCE,RC2"
    And the schedule other.csv reads "type_mark,ROLE,RC / D1,ENTRANCE,RC3"
    When I run "annex check {manifest} --json {tmp}/results.json"
    Then the JSON says the front door has RC "RC2" from the schedule
    When I run "annex check {manifest} --schedule {tmp}/other.csv --json {tmp}/results.json"
    Then the JSON says the front door has RC "RC3" from the schedule

Feature: The recognised layers and the openings schedule through the JSON API
  A permit system sees through the API what the version page shows: the layers with
  the role the reader gave each, how and why, and the openings schedule, one row per
  recognised door and window. It sends a filled-in schedule (CSV or XLSX) as the page's
  upload does: read by the checker's own reader, refused in one sentence naming the
  row, or kept with a new version of the same drawings and checked with it.

  Background:
    Given the architect has an API token
    And they have submitted through the API the plan drawn as an Iranian office draws it

  Scenario: The layers come with their roles, how and why, in the language asked for
    When they ask for the version's layers
    Then the layer "دیوار" has the role "walls", the layer "در" "doors" and the layer "پنجره" "windows"
    And each of those says how its role was found and why, naming Persian
    When they ask for the version's layers in Persian
    Then each of those says why in Persian
    And the version's preflight keeps each of those reasons as a message, which says the same in Persian

  Scenario: The schedule lists every recognised door and window with its type mark
    When they ask for the version's schedule
    Then it has a row for each of "D1, D1, D2, W1, W1, W2" with the columns ROLE, RC, CERT, GLAZING, SILL, HEAD, GRILLE, VIEWER, ACCESS
    And the version's links name its layers and its schedule

  Scenario Outline: A filled-in schedule sent through the API is kept with a new version and applied to its check
    When they send a <format> schedule giving the type D1 ROLE "ENTRANCE" and RC "RC2"
    Then the answer is 202 with version 2's status URL, checked
    And version 2's results give both D1 doors RC "RC2" from the schedule
    And version 2's schedule shows RC "RC2" for both D1 doors and keeps the row as sent

    Examples:
      | format |
      | CSV    |
      | XLSX   |

  Scenario Outline: A schedule the checker refuses gets one sentence naming the row, and no version is made
    When they send <what>
    Then the answer is <status> with the sentence "<says>"
    And the project still has 1 version

    Examples:
      | what                                         | status | says                                                                                   |
      | a CSV schedule giving the type D1 RC "RC9"   | 422    | openings.csv line 2: RC 'RC9' is not a resistance class the ruleset ir-police-annex knows |
      | a CSV schedule naming the opening "FFFF"     | 422    | Schedule row 2 names the opening FFFF, which this version's drawings do not have.        |
      | a CSV schedule with the column "COLOUR"      | 422    | openings.csv line 1: unknown column 'COLOUR'                                            |
      | a text file as the schedule                  | 422    | The schedule must be a CSV or XLSX file                                                 |
      | no schedule file                             | 422    | Send the openings schedule as a CSV or XLSX file in the field “schedule”.               |

  Scenario: A reviewer reads the layers and the schedule but cannot send one
    When the reviewer of "Example" uses their token
    Then the version's layers and schedule are readable
    And sending a schedule answers 403 with one sentence

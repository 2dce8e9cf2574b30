Feature: The openings schedule on the web
  Real drawings carry no security data on their doors and windows. After a check the
  architect fills in the openings schedule in a table on the version page (one row per
  door and window, each linked to its opening on the preview), or downloads it as CSV
  or XLSX and uploads it back. The schedule is kept with a new version of the same
  drawings and applied to its check; the reviewer sees which values came from it. A
  version uploaded with new drawings takes the previous schedule with it, each row
  finding its opening by handle, then type mark, then position. Every scenario runs on
  SQLite and on PostgreSQL, through the pages as a browser sends them.

  Background:
    Given the app with its accounts
    And the architect is signed in
    And the architect's project "Tehran house" with the plan drawn as an Iranian office draws it checked as version 1

  Scenario: The schedule filled in on the page is kept with a new version and applied to its check
    When the architect opens version 1
    Then the schedule table has a row for each door and window, named by its type mark: "D1, D1, D2, W1, W1, W2"
    When the architect fills in ROLE "INTERNAL" for "D2" and RC "RC2", CERT "EN 1627:2011" for the front door, and saves the schedule
    Then version 2 opens, checked, with the sentence "The openings schedule is saved with version 2, which is being checked with it."
    And version 2's openings table shows ROLE "INTERNAL" for "D2" and RC "RC2" for the front door, each "from the schedule"
    And version 1 has a finding that "D2" has no ROLE, and version 2 has none
    And the reviewer's page of version 2 shows RC "RC2" for the front door "from the schedule"

  Scenario Outline: The schedule downloads as CSV and XLSX, with a row per opening
    When the architect downloads version 1's schedule as "<format>"
    Then the file has the schedule's columns and a row for each of "D1, D1, D2, W1, W1, W2"

    Examples:
      | format |
      | csv    |
      | xlsx   |

  Scenario Outline: A filled-in schedule file uploaded back gives a whole type its values
    When the architect downloads version 1's schedule as "<format>", gives the type "D1" RC "RC2" in a row of its own, and uploads it
    Then version 2 opens, checked, with the sentence "The openings schedule is saved with version 2, which is being checked with it."
    And version 2's openings table shows RC "RC2" "from the schedule" for both "D1" doors and for no other opening

    Examples:
      | format |
      | csv    |
      | xlsx   |

  Scenario Outline: A schedule the checker would not accept is refused with one sentence, and no version is made
    When the architect sends a schedule <what>
    Then version 1's page says "<sentence>"
    And the project has 1 version

    Examples:
      | what                                      | sentence                                                                                  |
      | with RC "RC9" for the front door          | D1 (51): RC 'RC9' is not a resistance class the ruleset ir-police-annex knows; it accepts NONE, RC1N |
      | naming the opening "FFFF"                 | Schedule row 2 names the opening FFFF, which this version's drawings do not have.         |
      | as a text file                            | The schedule must be a CSV or XLSX file, as the download above.                           |

  Scenario: A class the version's ruleset does not know is refused, naming the ruleset and what it accepts
    Given version 2 of the project uploaded again to be checked under "uk-adq-sbd"
    When the architect uploads version 2 a schedule file giving W1 the GRILLE "20/120"
    Then version 2's page says "openings.csv line 2: GRILLE '20/120' names a grille, but the ruleset uk-adq-sbd takes no grille in place of a resistance class; it accepts only NONE"
    And the project has 2 versions
    When the architect uploads version 1 a schedule file giving W1 the GRILLE "20/120"
    Then version 3 opens, checked, with the sentence "The openings schedule is saved with version 3, which is being checked with it."

  Scenario Outline: A new version takes the schedule with it, each row finding its opening
    Given version 2 of the project with RC "RC2" for every door in its schedule
    When the architect uploads the plan again <redrawn>
    Then version 3's openings table shows RC "RC2" "from the schedule" for every door
    And version 3's audit trail says the schedule was carried from version 2 with <how>

    Examples:
      | redrawn                                           | how                       |
      | unchanged                                         | 3 rows by handle          |
      | redrawn, so that every entity has a new handle    | 3 by type mark            |
      | redrawn with new handles and without type marks   | 3 by position             |

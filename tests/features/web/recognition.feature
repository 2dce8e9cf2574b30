Feature: What the checker recognised, shown to the architect and the reviewer
  After an upload the architect sees every layer of the drawings with the role the
  checker gave it, how (a layer name it knows, the project's own choice) and why, and
  can change a role there: the choice is kept as the project's layer roles and the
  same drawings are checked again with it as a new version (no version is ever
  overwritten). Both audiences see the doors and windows as recognised, with their
  type marks; a finding on an element recognised from the drawing's shape says so,
  with the confidence, in the page's language. Every scenario runs on SQLite and on
  PostgreSQL, through the pages as a browser sends them.

  Background:
    Given the app with its accounts
    And the architect is signed in
    And the architect's project "Example house" with the example plans checked as version 1

  Scenario Outline: After an upload the architect sees each layer's role, how it was recognised and why
    When the architect opens version 1
    Then the recognised layers list "<layer>" as "<role>" recognised by "<how>" because "<reason>"

    Examples:
      | layer  | role                          | how        | reason                                 |
      | A-WALL | walls                         | layer name | layer name 'A-WALL' = walls            |
      | A-DOOR | doors                         | layer name | layer name 'A-DOOR' = doors            |
      | A-GLAZ | windows                       | layer name | layer name 'A-GLAZ' = windows          |
      | A-AREA | spaces                        | layer name | layer name 'A-AREA' = spaces           |

  Scenario: A layer's role changed on the page is kept for the project and the drawings are checked again as a new version
    When the architect sets the role of "A-GLAZ" to "doors" on version 1
    Then version 2 opens, checked, with the sentence "The layer roles are saved for this project; the drawings are checked again as version 2."
    And the recognised layers list "A-GLAZ" as "doors" recognised by "your choice" because "layer 'A-GLAZ' = doors, by the layer mapping the project's layer roles"
    And version 2's openings table lists the openings of "A-GLAZ" as doors recognised by "block attributes, 1"
    And version 1 still reads "A-GLAZ" as "windows"
    And the project's layer roles are "A-GLAZ = doors"
    When the architect uploads the example plans again
    Then version 3 reads "A-GLAZ" as "doors"

  Scenario: A layer set to no role is not checked
    When the architect sets the role of "A-GLAZ" to "none" on version 1
    Then version 2 opens, checked, with the sentence "The layer roles are saved for this project; the drawings are checked again as version 2."
    And the recognised layers list "A-GLAZ" as "none: nothing on it is checked" recognised by "your choice" because ""
    And version 2's preflight counts no windows, where version 1 counted 13

  Scenario: Sending the roles as they were changes nothing
    When the architect sends version 1's layer roles unchanged
    Then version 1's page says "No layer role was changed."
    And the project has 1 version

  Scenario: A role the page does not offer is refused with one sentence and nothing is saved
    When the architect sets the role of "A-GLAZ" to "furniture" on version 1
    Then version 1's page says "There is no layer role “furniture”; choose one from the list."
    And the project has 1 version
    And the project's layer roles are ""

  Scenario Outline: Only the project's architect may change its layer roles
    When <visitor> sends the layer roles form of version 1 with "A-GLAZ" as "doors"
    Then the answer is <answer>
    And the project has 1 version
    And the project's layer roles are ""

    Examples:
      | visitor                   | answer                     |
      | another architect         | 404                        |
      | the municipality's reviewer | 403                      |
      | an anonymous visitor      | a redirect to sign in      |

  Scenario Outline: Both audiences see the openings as recognised and the findings on inferred elements say so
    Given the architect's project "Tehran house" with the plan drawn as an Iranian office draws it checked as version 1
    When the <audience> opens that version in "<language>"
    Then a finding names the front door by its type mark "D1"
    And each finding on an inferred element carries a badge "<inferred> (…)" with how and how sure, as its results say
    And the openings table lists the type marks "D1, D2, W1, W2", each with how and how sure it was recognised

    Examples:
      | audience  | language | inferred                          |
      | architect | en       | inferred from the drawing's shape |
      | reviewer  | en       | inferred from the drawing's shape |
      | architect | fa       | استنباط‌شده از شکل نقشه            |
      | reviewer  | fa       | استنباط‌شده از شکل نقشه            |

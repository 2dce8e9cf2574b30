Feature: Findings in every language
  What the checker says (finding messages, rule titles, criteria, sources, applies-to,
  the verdict sentence) is a message id with arguments. The text of each id lives in the
  gettext catalogues checker/locale/<lang>/LC_MESSAGES/findings.po, English included,
  and none of it in the rule code; the English annex, the terminal and the JSON say the
  English, the Persian annex says the Persian.

  Scenario: Every message id the checker uses has a text in English and in Persian
    Given the message ids the rules say about the example project under every ruleset
    And the message ids written in the checker's code
    And the ids of every rule's title, criterion, source and applies-to
    Then the English and the Persian catalogue each have a text for every one of them

  Scenario: The catalogues hold the same ids, with no fuzzy or empty text
    Then the English and the Persian catalogue hold the same message ids
    And no entry of either catalogue is fuzzy or empty

  Scenario: Each Persian text has exactly the placeholders of its English text
    Then every Persian text has the same placeholders as its English text

  Scenario: The rule modules hold no user-facing sentence
    Then no string in checker/rules, outside docstrings, parameter descriptions and raised errors, reads like a sentence

  Scenario: The JSON carries each finding's message id and arguments, enough to say it again in any language
    Given the example project's annex in "fa" with its JSON results
    Then the JSON results validate against the results schema
    And every finding in the JSON has a message id and arguments that render its English message exactly

  Scenario: The Persian annex says the findings and rule titles in Persian
    Given the example project's annex in "fa" with its JSON results
    Then the PDF text holds the Persian words of every failing finding, and not its English
    And the normalised PDF text holds the Persian title of every rule with a failing finding
    And the normalised PDF text holds the Persian verdict sentence

  Scenario Outline: A finding quoting the drawing's units or an unreadable attribute says it all in Persian
    Given a plan drawn in "<drawn>"
    And the complying house's front door has <attributes>
    And the header declares the unit code <code>
    When the plan is checked under "ir-police-annex"
    Then a <rule> finding says "<id>"
    And said in Persian it holds no English words outside the values taken from the plan, nor "<english>"

    Examples:
      | drawn | code | attributes                                                  | rule    | id                                | english                 |
      | mm    | 0    | ROLE=ENTRANCE, RC=RC2, GLAZING=NONE, VIEWER=YES             | PLAN-01 | units.assumed-no-units            | declares no units       |
      | m     | 99   | ROLE=ENTRANCE, RC=RC2, GLAZING=NONE, VIEWER=YES             | PLAN-01 | units.assumed-odd-code            | which is not a building |
      | m     | 1    | ROLE=ENTRANCE, RC=RC2, GLAZING=NONE, VIEWER=YES             | PLAN-01 | units.header-implausible-likely   | not plausible           |
      | mm    | 4    | ROLE=ENTRANCE, RC=RC9, GLAZING=NONE, VIEWER=YES             | OPEN-02 | attribute.not-one-of              | is not one of           |
      | mm    | 4    | ROLE=ENTRANCE, RC=RC2, GLAZING=NONE, VIEWER=maybe           | OPEN-05 | attribute.not-yes-no              | is not YES or NO        |
      | mm    | 4    | ROLE=ENTRANCE, RC=RC2, GLAZING=NONE, VIEWER=YES, SILL=abc   | PLAN-02 | attribute.not-millimetres         | not a number            |
      | mm    | 4    | ROLE=ENTRANCE, RC=RC2, GLAZING=NONE, VIEWER=YES, HEAD=-5    | PLAN-02 | attribute.implausible-millimetres | not a plausible number  |
      | mm    | 4    | ROLE=ENTRANCE, RC=RC2, GLAZING=NONE, VIEWER=YES, GRILLE=big | PLAN-02 | attribute.not-grille              | bar/gap in mm           |
      | mm    | 4    | ROLE=ENTRANCE, RC=RC2, GLAZING=NONE, VIEWER=YES, WIDTH=0    | PLAN-02 | attribute.zero-width              | is not an opening       |

  Scenario Outline: Two messages are equal when their ids and arguments are, whatever the arguments' order
    Given the message "<left>" and the message "<right>"
    Then the two messages are <equal>, and equal ones hash alike
    And each message's arguments read as the mapping it was given, and survive a pickle

    Examples:
      | left            | right           | equal     |
      | x.y: a=1, b=two | x.y: b=two, a=1 | equal     |
      | x.y: a=1        | x.y: a=2        | not equal |
      | x.y: a=1        | x.z: a=1        | not equal |
      | x.y: a=1        | x.y: a=1, b=2   | not equal |
      | x.y: a=1        | x.y: b=1        | not equal |
      | x.y:            | x.y:            | equal     |

Feature: Rulesets
  A ruleset is a TOML file that enables rules for a jurisdiction, with parameters
  and a severity. A malformed ruleset is refused with one sentence naming the file
  and the key (exit status 2), never half-loaded. The same plan can pass under one
  jurisdiction's ruleset and fail under another's.

  Scenario: The three shipped rulesets are listed, the default marked
    When I run "annex rulesets"
    Then the exit status is 0
    And the output lists the rulesets "ir-police-annex, nl-bouwbesluit, uk-adq-sbd"
    And only the line for "ir-police-annex" is marked "(default)"

  Scenario Outline: Each shipped ruleset loads and enables the whole catalogue but what its jurisdiction lacks
    When the shipped ruleset "<name>" is loaded
    Then the ruleset loads with status "provisional"
    And it enables every rule in the catalogue except "<left out>"
    And its OPEN-02 parameter "required_class" is "RC2"
    And its PLAN-02 severity is warning
    And its OPEN-02 severity is error

    Examples:
      | name            | left out         |
      | ir-police-annex |                  |
      | nl-bouwbesluit  | ENTR-06, OPEN-06, OPEN-07, OPEN-08 |
      | uk-adq-sbd      | ENTR-06, OPEN-06, OPEN-07, OPEN-08 |

  Scenario: Every rule in the catalogue is listed
    When I run "annex rules"
    Then the exit status is 0
    And the output lists every rule id in the catalogue
    And the output lists the rules "OPEN-02, PLAN-01, PLAN-02, PLAN-03"

  Scenario Outline: A ruleset with a bad rule table is refused, naming the file and the key
    Given a plan drawn in "mm"
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a ruleset "bad" with the rule <rule> set to <setting>
    When the ruleset "bad" is loaded from the temporary directory
    Then the ruleset is refused with "<error>"
    When I run "annex check {plan} --ruleset {tmp}/rulesets/bad.toml"
    Then the exit status is 2
    And the error is one sentence saying "<error>"

    Examples:
      | rule    | setting                            | error                                                              |
      | XYZ-99  | severity = "error"                 | bad.toml [rules.XYZ-99]: there is no rule XYZ-99; see `annex rules` |
      | OPEN-02 | colour = "red"                     | bad.toml [rules.OPEN-02]: OPEN-02 has no parameter 'colour'        |
      | PLAN-01 | threshold = 3                      | bad.toml [rules.PLAN-01]: PLAN-01 has no parameter 'threshold' (its parameters: none) |
      | OPEN-02 | required_class = "RC9"             | bad.toml [rules.OPEN-02] required_class must be one of RC1N        |
      | OPEN-02 | accepted_certificates = "PAS 24"   | bad.toml [rules.OPEN-02] accepted_certificates must be a list of text |
      | PLAN-01 | severity = "fatal"                 | bad.toml [rules.PLAN-01] severity must be error or warning         |

  Scenario Outline: A length parameter needs a unit of length
    When the value <value> is parsed for the length parameter "recess_max" at "bad.toml [rules.OPEN-02] recess_max"
    Then the value is refused with "<error>"

    Examples:
      | value     | error                                                                     |
      | "0.6"     | bad.toml [rules.OPEN-02] recess_max must be a length with its unit, e.g. "0.6 m" |
      | 600       | bad.toml [rules.OPEN-02] recess_max must be a length with its unit        |
      | 0.6       | bad.toml [rules.OPEN-02] recess_max must be a length with its unit        |
      | "600 kg"  | bad.toml [rules.OPEN-02] recess_max: 'kg' is not a unit of length; use m, mm, cm |
      | "60 deg"  | bad.toml [rules.OPEN-02] recess_max: 'deg' is not a unit of length        |
      | "mm"      | bad.toml [rules.OPEN-02] recess_max must be a length with its unit        |

  Scenario: A length written as bare digits in text is refused as lacking its unit
    When the value "600" is parsed for the length parameter "recess_max" at "bad.toml [rules.OPEN-02] recess_max"
    Then the value is refused with "bad.toml [rules.OPEN-02] recess_max must be a length with its unit, e.g. "0.6 m""

  Scenario Outline: A length with its unit is read in metres
    When the value <value> is parsed for the length parameter "recess_max" at "bad.toml [rules.OPEN-02] recess_max"
    Then the value is <metres> m

    Examples:
      | value      | metres |
      | "600 mm"   | 0.6    |
      | "60 cm"    | 0.6    |
      | "0.6 m"    | 0.6    |
      | "1200mm"   | 1.2    |

  Scenario: A ruleset that extends another inherits its rules and can override a parameter
    Given the shipped ruleset "uk-adq-sbd" is in the temporary directory
    And a ruleset "uk-stricter" extending "uk-adq-sbd" with:
      """
      [rules.OPEN-02]
      required_class = "RC3"

      [rules.PLAN-03]
      enabled = false
      """
    When the ruleset "uk-stricter" is loaded from the temporary directory
    Then the ruleset loads with status "provisional"
    And it enables the rules of "uk-adq-sbd" except "PLAN-03"
    And its OPEN-02 parameter "required_class" is "RC3"
    And its OPEN-02 parameter "accepted_certificates" is "PAS 24, LPS 1175 SR2, STS 202 BR2"
    And its OPEN-02 severity is error
    And its PLAN-02 severity is warning
    And its sources start with those of "uk-adq-sbd"

  Scenario: A ruleset that extends itself is refused
    Given a ruleset "loop" extending "loop" with:
      """
      [rules.PLAN-01]
      severity = "error"
      """
    When the ruleset "loop" is loaded from the temporary directory
    Then the ruleset is refused with "loop.toml [ruleset] extends 'loop', which extends it back."

  Scenario: A cycle of rulesets extending each other is refused
    Given a ruleset "first" extending "second" with:
      """
      [rules.PLAN-01]
      severity = "error"
      """
    And a ruleset "second" extending "third" with:
      """
      [rules.PLAN-02]
      severity = "warning"
      """
    And a ruleset "third" extending "first" with:
      """
      [rules.PLAN-03]
      severity = "warning"
      """
    When the ruleset "first" is loaded from the temporary directory
    Then the ruleset is refused with "third.toml [ruleset] extends 'first', which extends it back."

  Scenario: The same plan passes under one ruleset and fails under another
    Given a plan drawn in "mm"
    And the plan shows the complying 10 m by 8 m house around its doors
    And the plan has a door "front" with ROLE=ENTRANCE, CERT=PAS 24:2022, GLAZING=NONE, VIEWER=YES
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-02 finding for door "front" is pass
    And the verdict is complies
    When the plan is checked under "ir-police-annex"
    Then the OPEN-02 finding for door "front" is fail
    And its message says "states PAS 24:2022; it needs RC2."
    And the verdict is fails
    When I run "annex check {plan} --ruleset uk-adq-sbd"
    Then the exit status is 0
    When I run "annex check {plan} --ruleset ir-police-annex"
    Then the exit status is 1
    And the output says "FAIL OPEN-02: The entrance door"

Feature: The annex command
  `annex check` prints a readable summary and exits 0 when the plan complies, 1
  when findings fail, 2 when the input cannot be used; `--json` writes the
  results contract, which validates against the published schema.

  Scenario: A complying plan exits 0 with the verdict on the terminal
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex check {plan}"
    Then the exit status is 0
    And the output says "Verdict: COMPLIES"

  Scenario: A plan with a failing finding exits 1 and names the rule
    Given a plan drawn in millimetres
    And the plan shows a house whose front door is RC1
    When I run "annex check {plan}"
    Then the exit status is 1
    And the output says "FAIL OPEN-02"
    And the output says "Verdict: FAILS"

  Scenario: The JSON results validate against the schema and identify the input
    Given a plan drawn in millimetres
    And the plan shows a house whose front door is RC1
    When I run "annex check {plan} --ruleset uk-adq-sbd --json {tmp}/results.json"
    Then the exit status is 1
    And the JSON file "results.json" validates against the results schema
    And the JSON names the ruleset "uk-adq-sbd" and the input's SHA-256
    And the JSON's failing OPEN-02 finding points at the front door's handle, layer and storey

  Scenario: JSON on standard output is the only thing printed there
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex check {plan} --json -"
    Then the exit status is 0
    And standard output is one JSON document with verdict "complies"

  Scenario: Preflight lists layers per role, unmapped layers and what cannot be assessed
    Given a plan drawn in millimetres
    And the plan shows a house whose front door has no class
    And the plan has lines on a layer named "FURNITURE"
    When I run "annex preflight {plan}"
    Then the exit status is 0
    And the output says "Unmapped layers: FURNITURE"
    And the output says "needs RC or CERT (for OPEN-01, OPEN-02)"
    And the output says "OPEN-02 Entrance, communal and garage doors resist burglary: 1 opening lacks attributes it needs"

  Scenario: Preflight as JSON carries the same facts
    Given a plan drawn in millimetres
    And the plan shows a house whose front door has no class
    When I run "annex preflight {plan} --json {tmp}/preflight.json"
    Then the exit status is 0
    And the preflight JSON lists the front door as missing "RC or CERT"

  Scenario: The starter template holds every role layer and the opening blocks with their attributes
    When I run "annex template {tmp}/start.dxf"
    Then the exit status is 0
    And the template has a layer for every role
    And the template's DOOR and WINDOW blocks define every convention attribute

  Scenario: An unknown ruleset is refused with the list of rulesets
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex check {plan} --ruleset atlantis"
    Then the exit status is 2
    And the error is one sentence saying "There is no ruleset 'atlantis'; the rulesets are ir-police-annex"

  Scenario: A load on a terminal shows its progress, and a redirected one does not
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex check {plan}" with a terminal for errors
    Then the terminal showed "Reading plan.dxf:" and "entities (100%)"
    When I run "annex check {plan}"
    Then standard error is empty

  Scenario: The rule documentation is the rule modules' own, generated
    When I run "annex rules --markdown"
    Then the output equals docs/rules.md

  Scenario: The ruleset documentation is the rulesets as loaded, generated
    When I run "annex rulesets --markdown"
    Then the output equals docs/rulesets.md

  Scenario: Annex options without --pdf are refused rather than silently ignored
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex check {plan} --language fa"
    Then the exit status is 2
    And the error is one sentence saying "give --pdf OUT with them"

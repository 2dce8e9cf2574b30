Feature: PLAN-01 Drawing units declared and plausible
  Each storey file declares the unit its coordinates are in (in the $INSUNITS
  header, or by the user with --units or in project.toml), and under that unit the
  building is between 4 m and 250 m long, both bounds included. An undeclared unit
  is guessed and reported, never trusted silently. PLAN-01 judges files, not
  entities, so its findings name the storey and point at no element.

  Scenario Outline: A plan declared in a plausible unit passes
    Given a plan drawn in "<unit>"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is pass
    And its severity is error
    And it points at no element
    And its message says "Units declared in the header: <long name> (10.3 m long)"
    And it measured "10.3 m" against "declared; building 4 to 250 m long"

    Examples:
      | unit | long name   |
      | mm   | millimetres |
      | cm   | centimetres |
      | m    | metres      |
      | ft   | feet        |
      | in   | inches      |

  Scenario: A plan drawn in metres whose header says inches fails and names the likely unit
    Given a plan drawn in "m"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the header declares $INSUNITS 1
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is fail
    And its severity is error
    And its message says "The header declares inches (26.2 cm long, openings 2.5 cm wide), which is not plausible for a building"
    And its message says "the drawing is likely in metres (10.3 m long)"
    And its message says "give the unit with --units m"
    And it measured "0.26 m" against "declared; building 4 to 250 m long"
    And the verdict is fails

  Scenario Outline: A building exactly 4 m or 250 m long under its declared unit passes
    Given a plan drawn in "<unit>"
    And the plan shows one wall <length> m long with an entrance door
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is pass
    And it measured "<length> m" against "declared; building 4 to 250 m long"

    Examples:
      | unit | length |
      | mm   | 4      |
      | cm   | 4      |
      | m    | 4      |
      | mm   | 250    |
      | cm   | 250    |
      | m    | 250    |

  Scenario Outline: A building just shorter than 4 m or just longer than 250 m fails
    Given a plan drawn in "<unit>"
    And the plan shows one wall <length> m long with an entrance door
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is fail
    And its message says "which is not plausible for a building"
    And it measured "<length> m" against "declared; building 4 to 250 m long"

    Examples:
      | unit | length |
      | mm   | 3.99   |
      | m    | 3.99   |
      | mm   | 250.01 |
      | m    | 250.01 |

  Scenario: A plan with no declared unit fails as not declared, even when the guess looks right
    Given a plan drawn in "no unit"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is fail
    And its message says "Storey 1: units are not declared."
    And its message says "assumed metres (10.3 m long)"
    And it measured "10.3 m"
    And the verdict is fails

  Scenario: A plan with no declared unit passes when the user gives the unit
    Given a plan drawn in "no unit"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the user gives the units "m"
    When the plan is checked under "entrance-doors.toml"
    Then the PLAN-01 finding for storey "Storey 1" is pass
    And its message says "Units given by the user: metres (10.3 m long)"
    And it measured "10.3 m" against "declared; building 4 to 250 m long"
    And the verdict is complies

  Scenario: A unit given by the user is still judged for plausibility
    Given a plan drawn in "m"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the user gives the units "in"
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is fail
    And its message says "Units given by the user: inches"
    And its message says "The header declares metres"
    And its message says "These sizes do not look like a building"

  Scenario: On the command line, --units turns an undeclared plan from failing to complying
    Given a plan drawn in "no unit"
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex check {plan} --ruleset ir-police-annex"
    Then the exit status is 1
    And the output says "FAIL PLAN-01: Storey 1: units are not declared."
    When I run "annex check {plan} --ruleset ir-police-annex --units m"
    Then the exit status is 0
    And the output says "Verdict: COMPLIES."

  Scenario: Each storey file is judged on its own unit
    Given a project storey "Ground floor" drawn in "mm"
    And a project storey "First floor" drawn in "m" whose header declares $INSUNITS 1
    When the plan is checked under "ir-police-annex"
    Then there are 2 PLAN-01 findings
    And the PLAN-01 finding for storey "Ground floor" is pass
    And the PLAN-01 finding for storey "First floor" is fail
    And its message says "likely in metres"

  Scenario: A plan whose openings are implausibly narrow under its declared unit fails
    Given a plan drawn in "m"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" 0.2 m wide with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is fail
    And its severity is error

  Scenario: A failure caused by the opening width says so
    Given a plan drawn in "m"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" 0.2 m wide with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is fail
    And its message says "opening"

  Scenario: A unit inferred from the drawing's doors and walls is a warning that names the evidence
    Given a plan drawn in "no unit"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan has 4 doors drawn as swing arcs with their leaves
    When the plan is checked under "ir-police-annex"
    Then the PLAN-01 finding for storey "Storey 1" is fail
    And its severity is warning
    And its message says "Storey 1: units are not declared but inferred from the drawing's sizes."
    And its message says "its sizes say metres (10.3 m long): door swings 0.90–0.90 m wide (4) and walls 0.30–0.30 m thick"

Feature: PLAN-03 Layers the ruleset needs are present
  Each layer role an enabled rule needs holds at least one element on some storey:
  OPEN-02 needs doors. A role with nothing in it usually means the layers carry
  other names, so the failure says which layer name to use or how to map one.
  PLAN-03 judges roles, not entities, so its findings point at no element. The
  test ruleset with only the plan checks and OPEN-02 keeps what is needed exact; the
  shipped rulesets make PLAN-03 a warning.

  Scenario: A plan with doors on a door layer passes "doors"
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan has a door "back" with ROLE=SECONDARY
    When the plan is checked under "entrance-doors.toml"
    Then the only PLAN-03 finding is pass
    And its severity is warning
    And it points at no element
    And its message says "Doors: 2 found on A-DOOR."
    And it measured "2" against "at least one (A-DOOR*)"

  Scenario: A plan whose doors are on an unmapped layer has no doors and fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" on layer "Layer 7" with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "entrance-doors.toml"
    Then the only PLAN-03 finding is fail
    And its severity is warning
    And its message says "No doors found (needed by OPEN-02)"
    And its message says "map your layer to doors in [layers]"
    And it measured "0" against "at least one (A-DOOR*)"
    And there is no OPEN-02 finding for door "front"

  Scenario: The same plan passes once its door layer is mapped to doors
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" on layer "Layer 7" with ROLE=ENTRANCE, RC=RC2
    And the layer "Layer 7" is mapped to doors
    When the plan is checked under "entrance-doors.toml"
    Then the only PLAN-03 finding is pass
    And its message says "found on Layer 7."
    And the OPEN-02 finding for door "front" is pass
    And it points at door "front" on layer "Layer 7" in storey "Storey 1"

  Scenario: Under a ruleset whose rules need no layers, PLAN-03 has nothing to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    When the plan is checked under "ir-police-annex" with only PLAN-01 and PLAN-03 enabled
    Then the only PLAN-03 finding is not_applicable
    And its message says "need no particular layers"
    And the verdict is complies

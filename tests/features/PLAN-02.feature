Feature: PLAN-02 Openings carry the attributes the ruleset needs
  Every door an enabled rule judges carries the attributes that rule needs, with
  values the plan convention allows: OPEN-02 needs ROLE on every door and RC or CERT
  on entrance, communal and garage doors. Each gap is reported once per opening,
  naming the tag and the rule that needs it. The scenarios run under a test ruleset
  that enables only the plan checks and OPEN-02, so what is needed stays exact as the
  catalogue grows; the shipped rulesets make PLAN-02 a warning.

  Scenario: An entrance door with neither RC nor CERT fails, naming what is missing and who needs it
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE
    When the plan is checked under "entrance-doors.toml"
    Then the PLAN-02 finding for door "front" is fail
    And its severity is warning
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "needs RC or CERT (for OPEN-02)"
    And it measured "ROLE" against "RC or CERT, ROLE"

  Scenario: A door without ROLE fails, naming ROLE
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" with no attributes
    When the plan is checked under "entrance-doors.toml"
    Then the PLAN-02 finding for door "back" is fail
    And it points at door "back" on layer "A-DOOR" in storey "Storey 1"
    And its message says "needs ROLE (for OPEN-02)"
    And it measured "no attributes" against "ROLE"

  Scenario Outline: An entrance door with a role and a class or certificate passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with <attributes>
    When the plan is checked under "entrance-doors.toml"
    Then the PLAN-02 finding for door "front" is pass
    And its severity is warning
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "carries RC or CERT, ROLE"
    And it measured "<stated>" against "RC or CERT, ROLE"

    Examples:
      | attributes                       | stated    |
      | ROLE=ENTRANCE, RC=RC2            | RC, ROLE  |
      | ROLE=ENTRANCE, CERT=PAS 24:2022  | CERT, ROLE |
      | ROLE=GARAGE, RC=RC1              | RC, ROLE  |

  Scenario: An internal door needs only its role
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan has a door "kitchen" with ROLE=INTERNAL
    When the plan is checked under "entrance-doors.toml"
    Then the PLAN-02 finding for door "kitchen" is pass
    And it measured "ROLE" against "ROLE"

  Scenario Outline: A value the plan convention does not allow fails and is named
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with <attributes>
    When the plan is checked under "entrance-doors.toml"
    Then the PLAN-02 finding for door "front" is fail
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "<says>"

    Examples:
      | attributes                         | says                                              |
      | ROLE=ENTRANCE, RC=RC9              | has an unusable RC: 'RC9' is not one of NONE, RC1N |
      | ROLE=ENTRANCE, RC=RC9              | needs RC or CERT (for OPEN-02)                    |
      | ROLE=FRONT, RC=RC2                 | has an unusable ROLE: 'FRONT' is not one of        |
      | ROLE=FRONT, RC=RC2                 | needs ROLE (for OPEN-02)                          |
      | ROLE=ENTRANCE, RC=RC2, GLAZING=P9Z | has an unusable GLAZING: 'P9Z'                    |

  Scenario: Each door is reported on its own
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan has a door "side" with ROLE=ENTRANCE
    When the plan is checked under "entrance-doors.toml"
    Then there are 2 PLAN-02 findings
    And the PLAN-02 finding for door "front" is pass
    And the PLAN-02 finding for door "side" is fail
    And the verdict is incomplete

  Scenario: A plan with no doors has nothing for PLAN-02 to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    When the plan is checked under "entrance-doors.toml"
    Then the only PLAN-02 finding is not_applicable
    And it points at no element
    And its message says "No door or window in the plan is one the ruleset's rules judge."

Feature: OPEN-02 Entrance, communal and garage doors resist burglary
  Every door whose ROLE the ruleset lists (by default ENTRANCE, COMMUNAL, GARAGE)
  states an EN 1627 class at least the required one, or a certificate the ruleset
  accepts. RC2N counts as RC2 only for a door without glazing. A door that states
  neither, or whose role is unknown, cannot be judged. The shipped rulesets require
  RC2 and make OPEN-02 an error.

  Scenario: An entrance door of exactly the required class passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "entrance-doors.toml"
    Then the OPEN-02 finding for door "front" is pass
    And its severity is error
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "The entrance door"
    And its message says "is RC2, at least RC2."
    And it measured "RC2" against "RC2"
    And the verdict is complies

  Scenario Outline: Entrance, communal and garage doors above the required class pass
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "door" with ROLE=<role>, RC=<class>
    When the plan is checked under "nl-bouwbesluit"
    Then the OPEN-02 finding for door "door" is pass
    And it measured "<class>" against "RC2 or NEN 5096 klasse 2, NEN 5096 class 2, SKG 2"

    Examples:
      | role     | class |
      | ENTRANCE | RC3   |
      | COMMUNAL | RC4   |
      | GARAGE   | RC6   |

  Scenario Outline: A door below the required class fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=<role>, RC=<class>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-02 finding for door "front" is fail
    And its severity is error
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "states <class>; it needs RC2."
    And it measured "<class>" against "RC2"
    And the verdict is fails

    Examples:
      | role     | class |
      | ENTRANCE | RC1   |
      | ENTRANCE | RC1N  |
      | COMMUNAL | NONE  |
      | GARAGE   | RC1   |

  Scenario: An RC2N door with glazing fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2N, GLAZING=P4A
    When the plan is checked under "ir-police-annex"
    Then the OPEN-02 finding for door "front" is fail
    And its message says "states RC2N; it needs RC2."
    And it measured "RC2N" against "RC2"

  Scenario Outline: An RC2N door without glazing passes as RC2
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with <attributes>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-02 finding for door "front" is pass
    And its message says "is RC2N, at least RC2."

    Examples:
      | attributes                          |
      | ROLE=ENTRANCE, RC=RC2N              |
      | ROLE=ENTRANCE, RC=RC2N, GLAZING=NONE |

  Scenario: A certificate the ruleset accepts passes in place of a class
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, CERT=PAS 24:2022
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-02 finding for door "front" is pass
    And its severity is error
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "is certified PAS 24:2022, which the ruleset accepts."
    And it measured "PAS 24:2022" against "RC2 or PAS 24, LPS 1175 SR2, STS 202 BR2"

  Scenario Outline: A certificate the ruleset does not accept fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, <attributes>
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-02 finding for door "front" is fail
    And its message says "states <stated>; it needs RC2 or PAS 24"

    Examples:
      | attributes                       | stated                   |
      | CERT=PAS 23                      | PAS 23                   |
      | CERT=LPS 1175 SR1                | LPS 1175 SR1             |
      | RC=RC1, CERT=BS 3621             | RC1 / BS 3621            |

  Scenario: An entrance door that states neither RC nor CERT is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-02 finding for door "front" is not_assessable
    And its severity is error
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "cannot be judged: it states neither RC nor CERT."
    And it measured "nothing" against "RC2"
    And the verdict is incomplete

  Scenario: An entrance door whose class cannot be read is not assessable, and says why
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC9
    When the plan is checked under "ir-police-annex"
    Then the OPEN-02 finding for door "front" is not_assessable
    And its message says "cannot be judged: its RC cannot be read (RC 'RC9' is not one of"

  Scenario: A door without ROLE is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    And the plan has a door "unknown" with RC=RC1
    When the plan is checked under "entrance-doors.toml"
    Then the OPEN-02 finding for door "unknown" is not_assessable
    And it points at door "unknown" on layer "A-DOOR" in storey "Storey 1"
    And its message says "has no ROLE, so it cannot be told whether it is an entrance door."
    And the OPEN-02 finding for door "front" is pass
    And the verdict is incomplete

  Scenario: Secondary and internal doors are not judged, and a plan with no entrance door cannot be assessed
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" with ROLE=SECONDARY
    And the plan has a door "kitchen" with ROLE=INTERNAL, RC=NONE
    When the plan is checked under "ir-police-annex"
    Then there is no OPEN-02 finding for door "back"
    And there is no OPEN-02 finding for door "kitchen"
    And the only OPEN-02 finding is not_assessable
    And it points at no element
    And its message says "No door is marked with ROLE COMMUNAL, ENTRANCE, GARAGE"

  Scenario Outline: A rule that crashes becomes an error finding while the other rules still report
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "entrance-doors.toml" with OPEN-02 crashing <when>
    Then the only OPEN-02 finding is error
    And its severity is error
    And its message says "OPEN-02 could not be run (RuntimeError: simulated crash); its criterion is not assessed."
    And the only PLAN-01 finding is pass
    And the PLAN-02 finding for door "front" is pass
    And the only PLAN-03 finding is pass
    And the verdict is incomplete

    Examples:
      | when                        |
      | at once                     |
      | after its first finding     |

  Scenario: An RC2N door whose glazing cannot be read is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2N, GLAZING=P9Z
    When the plan is checked under "ir-police-annex"
    Then the OPEN-02 finding for door "front" is not_assessable
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "GLAZING"
    And the verdict is incomplete

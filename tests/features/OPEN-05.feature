Feature: OPEN-05 Occupants can see callers at the entrance door
  A dwelling's entrance door (ROLE=ENTRANCE) has a door viewer (VIEWER=YES), glazing
  in its leaf (GLAZING other than NONE), or a window within window_distance (1.0 m)
  of it on the same side of the building. It fails only when it states VIEWER=NO and
  GLAZING=NONE and no window is near; when VIEWER or GLAZING is missing and nothing
  else shows callers it is not assessable. Approved Document Q 1.4 makes it an error
  in England; the Dutch and Iranian rulesets give it as advice.

  Background:
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house

  Scenario: An entrance door with a viewer passes
    Given the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, VIEWER=YES, GLAZING=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "front" is pass
    And its severity is error
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "The entrance door"
    And its message says "lets occupants see callers: a door viewer."
    And it measured "a door viewer" against "a viewer, glazing in the leaf or a window within 1 m"
    And every OPEN-05 finding has provisional "window_distance"

  Scenario: Glazing in the leaf shows callers without a viewer
    Given the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, VIEWER=NO, GLAZING=P4A
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "front" is pass
    And its message says "lets occupants see callers: P4A glazing in its leaf."

  Scenario: A passing door names every means it has
    Given the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, VIEWER=YES, GLAZING=P2A
    And the plan has a window "hall" from (5.5, 0) to (6.5, 0) with GLAZING=P4A
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "front" is pass
    And its message says "a door viewer and P2A glazing in its leaf and window"

  Scenario: A window beside a solid door shows callers
    Given the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, VIEWER=NO, GLAZING=NONE
    And the plan has a window "hall" from (5.5, 0) to (6.5, 0) with GLAZING=P4A
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "front" is pass
    And it also points at window "hall"
    And its message says "0.50 m away."
    And its measure mark is a line 0.5 m long

  Scenario: A window exactly at the distance still shows callers
    Given the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, VIEWER=NO, GLAZING=NONE
    And the plan has a window "hall" from (6, 0) to (7, 0) with GLAZING=P4A
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "front" is pass
    And its message says "1.00 m away."
    And its measure mark is a line 1 m long

  Scenario: A solid door without a viewer and with no window near fails
    Given the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, RC=RC2, VIEWER=NO, GLAZING=NONE
    And the plan has a window "living" from (6.2, 0) to (7.2, 0) with GLAZING=P4A
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "front" is fail
    And its severity is error
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "has no viewer (VIEWER=NO), a solid leaf and no window within 1 m, so occupants cannot see callers"
    And it measured "no viewer, no glazing, no window" against "a viewer, glazing in the leaf or a window within 1 m"
    And the verdict is fails

  Scenario: A window inside the house does not show callers at an external door
    Given the plan has an internal wall from (5.5, 0) to (5.5, 4), 0.1 m thick
    And the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, VIEWER=NO, GLAZING=NONE
    And the plan has a window "internal" from (5.5, 0.5) to (5.5, 1.5) with GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "front" is fail

  Scenario: A flat's entrance door off a corridor is seen through a window onto the corridor
    Given the plan has an internal wall from (5.5, 0) to (5.5, 8), 0.1 m thick
    And the plan has a door "flat" from (5.5, 2) to (5.5, 3) with ROLE=ENTRANCE, VIEWER=NO, GLAZING=NONE
    And the plan has a window "corridor" from (5.5, 3.5) to (5.5, 4.5) with GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "flat" is pass
    And its message says "0.50 m away."

  Scenario Outline: An entrance door that does not say how callers are seen is not assessable
    Given the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, <attributes>
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-05 finding for door "front" is not_assessable
    And its severity is error
    And its message says "cannot be judged: <reason>, and no window is within 1 m."
    And it measured "unknown"
    And the verdict is incomplete

    Examples:
      | attributes                 | reason                                   |
      | RC=RC2, GLAZING=NONE       | it states no VIEWER                      |
      | RC=RC2, VIEWER=NO          | it states no GLAZING                     |
      | RC=RC2                     | it states no VIEWER and it states no GLAZING |
      | RC=RC2, VIEWER=MAYBE, GLAZING=NONE | its VIEWER cannot be read ('MAYBE' is not YES or NO) |

  Scenario Outline: Outside England the rule is advice
    Given the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE, VIEWER=NO, GLAZING=NONE
    When the plan is checked under "<ruleset>"
    Then the OPEN-05 finding for door "front" is fail
    And its severity is warning

    Examples:
      | ruleset         |
      | ir-police-annex |
      | nl-bouwbesluit  |

  Scenario: A plan with no entrance door has nothing to judge
    Given the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, VIEWER=NO, GLAZING=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the only OPEN-05 finding is not_applicable
    And it points at no element
    And its message says "No door is marked ROLE=ENTRANCE"

  Scenario: Doors without a role may hide the entrance door, so the plan cannot be assessed
    Given the plan has a door "back" from (4, 0) to (5, 0) with VIEWER=NO, GLAZING=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the only OPEN-05 finding is not_assessable
    And its message says "No door is marked ROLE=ENTRANCE, and 1 door has no ROLE; mark the dwelling's entrance door."

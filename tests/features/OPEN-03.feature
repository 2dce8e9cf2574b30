Feature: OPEN-03 Glazing within reach of a door lock is security glazing
  For every external door, the glass in its leaf and in every envelope window of
  the same storey within lock_reach (1.016 m) of either jamb (the lock side is not
  drawn) states an EN 356 class of at least the required one: P4A under the Iranian
  and Dutch rulesets, P2A under the English one. FLOAT and TOUGHENED are below every
  class. One finding per door and glazed element; a door with no glass near its lock
  passes. The shipped rulesets make OPEN-03 an error, with provisional figures.

  Scenario: A sidelight of the required class beside a solid door passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a window "side" from (5.1, 0) to (5.6, 0) with GLAZING=P4A
    When the plan is checked under "ir-police-annex"
    Then the OPEN-03 finding for window "side" near door "back" is pass
    And its severity is error
    And its message says "The window"
    And its message says "0.1 m from the lock of the door"
    And its message says "is glazed P4A, at least P4A."
    And it measured "P4A" against "P4A"
    And its measure mark is a line 0.1 m long
    And there are 1 OPEN-03 findings for door "back"
    And every OPEN-03 finding has provisional "lock_reach, required_glazing"

  Scenario Outline: A sidelight below the required class fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a window "side" from (5.1, 0) to (5.6, 0) with GLAZING=<glazing>
    When the plan is checked under "<ruleset>"
    Then the OPEN-03 finding for window "side" near door "back" is fail
    And its severity is error
    And its message says "is 0.1 m from the lock of the door"
    And its message says "glazed <glazing>; glass within reach of a lock needs <required> or better."
    And it measured "<glazing>" against "<required>"
    And the verdict is fails

    Examples:
      | ruleset         | glazing   | required |
      | ir-police-annex | FLOAT     | P4A      |
      | ir-police-annex | TOUGHENED | P4A      |
      | nl-bouwbesluit  | P3A       | P4A      |
      | uk-adq-sbd      | P1A       | P2A      |

  Scenario Outline: The glazing in the door's own leaf is judged against the class
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=<glazing>
    When the plan is checked under "<ruleset>"
    Then the OPEN-03 finding for the leaf of door "back" is <status>
    And its message says "<says>"
    And it measured "<glazing>" against "<required>"
    And it has no measure mark

    Examples:
      | ruleset         | glazing   | required | status | says                                              |
      | ir-police-annex | P4A       | P4A      | pass   | has P4A glazing in its leaf, at least P4A.        |
      | ir-police-annex | P6B       | P4A      | pass   | has P6B glazing in its leaf, at least P4A.        |
      | uk-adq-sbd      | P2A       | P2A      | pass   | has P2A glazing in its leaf, at least P2A.        |
      | uk-adq-sbd      | P1A       | P2A      | fail   | has P1A glazing in its leaf, within reach of its lock; it needs P2A or better. |
      | nl-bouwbesluit  | TOUGHENED | P4A      | fail   | has TOUGHENED glazing in its leaf                 |

  Scenario: Glass exactly at the lock reach is within reach
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a window "near" from (6.016, 0) to (7, 0) with GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the OPEN-03 finding for window "near" near door "back" is fail
    And its message says "is 1.016 m from the lock"
    And its measure mark is a line 1.016 m long

  Scenario: Glass beyond the lock reach is not judged, and a door with no glass near its lock passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a window "far" from (6.1, 0) to (7, 0) with GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then there is no OPEN-03 finding for window "far"
    And the OPEN-03 finding for door "back" is pass
    And its message says "has no glazing within 1.016 m of its lock."
    And it measured "no glazing" against "P4A"
    And its measure mark is the zone within 1.016 m of the door

  Scenario: Glass beside either jamb counts, since the lock side is not drawn
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a window "hinge side" from (2.5, 0) to (3.5, 0) with GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the OPEN-03 finding for window "hinge side" near door "back" is fail
    And its message says "is 0.5 m from the lock"
    And its measure mark is a line 0.5 m long

  Scenario: A window within reach of two doors is judged for each of them
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "left" from (2, 0) to (3, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a door "right" from (4, 0) to (5, 0) with ROLE=ENTRANCE, GLAZING=P4A
    And the plan has a window "between" from (3.2, 0) to (3.8, 0) with GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the OPEN-03 finding for window "between" near door "left" is fail
    And the OPEN-03 finding for window "between" near door "right" is fail
    And the OPEN-03 finding for the leaf of door "right" is pass
    And there are 2 OPEN-03 findings for door "right"

  Scenario: A solid panel beside the door has no glass to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a window "panel" from (5.1, 0) to (5.6, 0) with GLAZING=NONE
    When the plan is checked under "ir-police-annex"
    Then the OPEN-03 finding for window "panel" near door "back" is pass
    And its message says "has no glazing (GLAZING=NONE)."
    And it measured "NONE" against "P4A"

  Scenario: A door that does not state its glazing is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then the OPEN-03 finding for the leaf of door "back" is not_assessable
    And its severity is error
    And it points at door "back" on layer "A-DOOR" in storey "Storey 1"
    And its message says "The glazing in the leaf of the door"
    And its message says "cannot be judged: it states no GLAZING; state GLAZING (NONE for a solid leaf)."
    And it measured "nothing" against "P4A"
    And the verdict is incomplete

  Scenario: A window near the lock whose glazing is missing or unreadable is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a window "unstated" from (5.1, 0) to (5.6, 0) with SILL=0
    And the plan has a window "unreadable" from (2.9, 0) to (3.9, 0) with GLAZING=P9Z
    When the plan is checked under "ir-police-annex"
    Then the OPEN-03 finding for window "unstated" near door "back" is not_assessable
    And its message says "cannot be judged: it states no GLAZING."
    And the OPEN-03 finding for window "unreadable" near door "back" is not_assessable
    And its message says "cannot be judged: its GLAZING cannot be read ("

  Scenario: Internal doors and internal windows are not judged
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has an internal wall from (5.5, 0) to (5.5, 4), 0.1 m thick
    And the plan has a door "back" from (4, 0) to (5, 0) with ROLE=SECONDARY, GLAZING=NONE
    And the plan has a window "internal" from (5.5, 0.5) to (5.5, 1.5) with GLAZING=FLOAT
    And the plan has a door "study" from (5.5, 2) to (5.5, 3) with ROLE=INTERNAL, GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then there is no OPEN-03 finding for window "internal"
    And there is no OPEN-03 finding for door "study"
    And the OPEN-03 finding for door "back" is pass

  Scenario: A plan with no external door has nothing to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" from (4, 0) to (5, 0) with GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the only OPEN-03 finding is not_applicable
    And it points at no element
    And its message says "The plan has no external door"

  Scenario: A door on a storey with no walls cannot be told to be external
    Given a plan drawn in "mm"
    And the plan has a door "back" with ROLE=SECONDARY, GLAZING=FLOAT
    And the plan has a door "kitchen" with ROLE=INTERNAL, GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the OPEN-03 finding for door "back" is not_assessable
    And its message says "is an external door cannot be told: Storey 1 has no walls drawn."
    And there is no OPEN-03 finding for door "kitchen"

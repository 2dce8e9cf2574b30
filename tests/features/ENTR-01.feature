Feature: ENTR-01 Entrance doors are not deeply recessed
  A dwelling entrance or communal entrance door in the building's envelope is set
  back from the facade on either side of it by at most max_depth (600 mm, Secured by
  Design, a secondary-source figure). The depth runs from the door's wall to the
  front of the shallower of the two flanking walls; exactly max_depth passes. A
  storey without walls cannot be measured. The shipped rulesets give the rule as
  advice (warning).

  Scenario: A shallow recess passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house with a recess 0.45 m deep and 1.5 m wide in its front
    And the plan has a door "front" 1.0 m wide centred in the back of the recess with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-01 finding for door "front" is pass
    And its severity is warning
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "The entrance door"
    And its message says "is recessed 0.45 m, at most 0.6 m."
    And it measured "0.45 m" against "0.6 m"
    And its measure mark is a line 0.45 m long
    And every ENTR-01 finding has provisional "max_depth"

  Scenario: A recess exactly 600 mm deep passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house with a recess 0.6 m deep and 1.5 m wide in its front
    And the plan has a door "front" 1.0 m wide centred in the back of the recess with ROLE=ENTRANCE
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-01 finding for door "front" is pass
    And it measured "0.6 m" against "0.6 m"
    And its measure mark is a line 0.6 m long

  Scenario Outline: A recess deeper than 600 mm fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house with a recess <depth> m deep and 1.5 m wide in its front
    And the plan has a door "front" 1.0 m wide centred in the back of the recess with ROLE=<role>
    When the plan is checked under "<ruleset>"
    Then the ENTR-01 finding for door "front" is fail
    And its severity is warning
    And its message says "The <kind> door"
    And its message says "is recessed <shown> m, deeper than 0.6 m; a deep recess hides someone at the door."
    And it measured "<depth> m" against "0.6 m"
    And its measure mark is a line <depth> m long

    Examples:
      | ruleset         | role     | kind     | depth | shown |
      | uk-adq-sbd      | ENTRANCE | entrance | 0.61  | 0.61  |
      | ir-police-annex | ENTRANCE | entrance | 0.8   | 0.80  |
      | nl-bouwbesluit  | COMMUNAL | communal | 1.5   | 1.50  |

  Scenario: A recess much wider than its door is still measured
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house with a recess 0.8 m deep and 2.6 m wide in its front
    And the plan has a door "front" 1.0 m wide centred in the back of the recess with ROLE=ENTRANCE
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-01 finding for door "front" is fail
    And it measured "0.8 m" against "0.6 m"

  Scenario: A door flush with the facade is not recessed
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" from (4, 0) to (5, 0) with ROLE=ENTRANCE
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-01 finding for door "front" is pass
    And its message says "is not recessed."
    And it measured "0 m" against "0.6 m"
    And it has no measure mark

  Scenario: A door beside a single projecting wing is not recessed
    Given a plan drawn in "mm"
    And the plan shows the walls of an L-shaped house whose part east of x = 4 is set back 1.5 m
    And the plan has a door "front" from (4.3, 1.5) to (5.3, 1.5) with ROLE=ENTRANCE
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-01 finding for door "front" is pass
    And it measured "0 m" against "0.6 m"

  Scenario: Other external doors and internal doors are not judged
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house with a recess 1.5 m deep and 1.5 m wide in its front
    And the plan has a door "back" 1.0 m wide centred in the back of the recess with ROLE=SECONDARY
    And the plan has an internal wall from (7, 0) to (7, 8), 0.1 m thick
    And the plan has a door "hall" from (7, 3) to (7, 4) with ROLE=ENTRANCE
    When the plan is checked under "uk-adq-sbd"
    Then there is no ENTR-01 finding for door "back"
    And there is no ENTR-01 finding for door "hall"
    And the only ENTR-01 finding is not_applicable
    And it points at no element
    And its message says "No external door is marked ROLE=ENTRANCE or COMMUNAL"

  Scenario: An entrance door on a storey without walls is not assessable
    Given a plan drawn in "mm"
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-01 finding for door "front" is not_assessable
    And its severity is warning
    And it points at door "front" on layer "A-DOOR" in storey "Storey 1"
    And its message says "cannot be measured: Storey 1 has no walls drawn."
    And it measured "none" against "0.6 m"

  Scenario: External doors without a role may hide the entrance, so the plan cannot be assessed
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" from (4, 0) to (5, 0) with RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then the only ENTR-01 finding is not_assessable
    And its message says "1 external door has no ROLE"

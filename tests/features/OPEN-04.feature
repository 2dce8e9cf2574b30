Feature: OPEN-04 Low glazing within reach is security glazing
  Among the doors and windows within reach (the ruleset's [reach], as in OPEN-01), a
  window whose sill is below 0.8 m above its floor, a glazed door (GLAZING stated and
  not NONE) whose sill is below 0.8 m, and a window whose sill is below 1.5 m within
  0.3 m of an external door, state a GLAZING class of at least the required one in the
  EN 356 order (P1A < P2A < ... < P5A < P6B < P7B < P8B). FLOAT and TOUGHENED
  on a window fail. The English ruleset asks P2A (advice: SBD is voluntary), the Dutch
  P4A (advice), the Iranian P4A (an error); every figure is provisional.

  Scenario: A low reachable window of float glass fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "patio" in the north wall at x 1 to 2 with SILL=600, HEAD=2100, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the OPEN-04 finding for window "patio" is fail
    And its severity is error
    And its message says "is within reach of the ground (its sill 0.60 m above it) and its sill is 0.60 m above its floor, below 0.8 m"
    And its message says "its glazing must be at least P4A: FLOAT is not security glazing."
    And it measured "FLOAT" against "P4A"
    And it points at the opening only
    And it marks the opening and 1 measured line
    And its provisional figures include required_glazing, low_sill, reach.vertical
    And the verdict is fails

  Scenario Outline: The required class differs by ruleset
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "patio" in the north wall at x 1 to 2 with SILL=600, HEAD=2100, RC=RC2, GLAZING=<glazing>
    When the plan is checked under "<ruleset>"
    Then the OPEN-04 finding for window "patio" is <status>
    And its severity is <severity>
    And its message says "<message>"
    And it measured "<glazing>" against "<required>"

    Examples:
      | ruleset         | glazing   | status | severity | required | message                                  |
      | uk-adq-sbd      | P2A       | pass   | warning  | P2A      | its glazing is P2A, at least P2A.        |
      | nl-bouwbesluit  | P2A       | fail   | warning  | P4A      | P2A is below P4A.                        |
      | nl-bouwbesluit  | P4A       | pass   | warning  | P4A      | its glazing is P4A, at least P4A.        |
      | ir-police-annex | P6B       | pass   | error    | P4A      | its glazing is P6B, at least P4A.        |
      | uk-adq-sbd      | TOUGHENED | fail   | warning  | P2A      | TOUGHENED is not security glazing.       |

  Scenario: A low window stated as unglazed (GLAZING=NONE, a solid panel) has no glass to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "patio" in the north wall at x 1 to 2 with SILL=600, HEAD=2100, RC=RC2, GLAZING=NONE
    When the plan is checked under "uk-adq-sbd"
    Then there is no OPEN-04 finding for window "patio"

  Scenario: A window whose sill is exactly 0.8 m above its floor is not low and is not judged
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=800, HEAD=2100, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then there is no OPEN-04 finding for window "kitchen"
    And the only OPEN-04 finding is not_applicable
    And its message says "No door or window within reach has low glass."
    And it points at no element

  Scenario: A window whose sill is just under 0.8 m is low
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "kitchen" in the north wall at x 1 to 2 with SILL=799, HEAD=2100, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-04 finding for window "kitchen" is fail

  Scenario: A low window out of reach is not judged
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=300, HEAD=2100, RC=NONE, GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then there is no OPEN-04 finding for window "bedroom"
    And the only OPEN-04 finding is not_applicable

  Scenario: A low window reached from a balcony is judged
    Given a two-storey house 10 m by 8 m whose first floor is at 3.0 m
    And the plan has a balcony "balcony" 3.0 m high over x 0.5 to 3, y 8.15 to 9.5
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=300, HEAD=2100, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-04 finding for window "bedroom" is fail
    And its message says "is within reach of the balcony"
    And it points at the opening and surface "balcony"

  Scenario Outline: A window beside a door is low up to 1.5 m when it is at most 0.3 m from the door
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" in the south wall at x 4 to 5 with ROLE=ENTRANCE, RC=RC2, GLAZING=NONE
    And the plan has a window "sidelight" <gap> m east of door "front", 0.5 m wide, with SILL=<sill>, HEAD=2100, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-04 finding for window "sidelight" is fail
    And its message says "below 1.5 m, and it is <gap> m from door"
    And it points at the opening and door "front"
    And it marks the opening and 2 measured lines

    Examples:
      | gap  | sill |
      | 0.20 | 1000 |
      | 0.30 | 1499 |

  Scenario Outline: A window further than 0.3 m from a door, or with its sill at 1.5 m, is not in the door's zone
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" in the south wall at x 4 to 5 with ROLE=ENTRANCE, RC=RC2, GLAZING=NONE
    And the plan has a window "sidelight" <gap> m east of door "front", 0.5 m wide, with SILL=<sill>, HEAD=2100, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then there is no OPEN-04 finding for window "sidelight"
    And the only OPEN-04 finding is not_applicable

    Examples:
      | gap  | sill |
      | 0.40 | 1000 |
      | 0.20 | 1500 |

  Scenario Outline: A glazed door is low glass; a door without glazing is not judged
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" in the south wall at x 4 to 5 with ROLE=SECONDARY, RC=RC2<glazing>
    When the plan is checked under "uk-adq-sbd"
    Then there are <count> OPEN-04 findings
    And the only OPEN-04 finding is <status>

    Examples:
      | glazing         | count | status         |
      | , GLAZING=FLOAT | 1     | fail           |
      | , GLAZING=P2A   | 1     | pass           |
      | , GLAZING=NONE  | 1     | not_applicable |
      |                 | 1     | not_applicable |

  Scenario: A glazed door says its sill is its floor
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" in the south wall at x 4 to 5 with ROLE=SECONDARY, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-04 finding for the door "back" is fail
    And its message says "The door"
    And its message says "its sill is 0.00 m above its floor, below 0.8 m"

  Scenario Outline: A low window whose glazing is not stated or cannot be read is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "patio" in the north wall at x 1 to 2 with SILL=600, HEAD=2100, RC=RC2<glazing>
    When the plan is checked under "uk-adq-sbd"
    Then the OPEN-04 finding for window "patio" is not_assessable
    And its message says "<message>"

    Examples:
      | glazing         | message                                      |
      |                 | and it states no GLAZING; it needs P2A.      |
      | , GLAZING=LAMI  | its GLAZING cannot be read (GLAZING 'LAMI'   |

  Scenario: A door whose glazing cannot be read is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "back" in the south wall at x 4 to 5 with ROLE=SECONDARY, RC=RC2, GLAZING=glass
    When the plan is checked under "ir-police-annex"
    Then the OPEN-04 finding for the door "back" is not_assessable
    And its message says "its GLAZING cannot be read"

  Scenario Outline: A window without SILL is not assessable unless its glazing is good enough either way
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "patio" in the north wall at x 1 to 2 with HEAD=2100, RC=RC2, GLAZING=<glazing>
    When the plan is checked under "ir-police-annex"
    Then the OPEN-04 finding for window "patio" is <status>
    And its message says "<message>"

    Examples:
      | glazing | status         | message                                                                                      |
      | FLOAT   | not_assessable | cannot be judged: it has no SILL, and a sill lower than 4.50 m above ground would put it within reach of the ground; below 0.8 m its glass must be at least P4A, and its glazing is FLOAT. |
      | P5A     | pass           | has no SILL; its glazing is P5A, at least P4A, so it passes however low its sill is.          |

  Scenario Outline: Under the Iranian ruleset a low window of at most 600 cm2 is too small to climb through and its glass is not judged
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a window "vent" in the north wall at x 1 to 1.3 with SILL=600, HEAD=<head>, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then <outcome>

    Examples:
      | head | outcome                                           |
      | 800  | there is no OPEN-04 finding for window "vent"     |
      | 810  | the OPEN-04 finding for window "vent" is fail     |

  Scenario: Glass beside a door's lock is judged however small it is
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" in the south wall at x 4 to 5 with ROLE=ENTRANCE, RC=RC2, GLAZING=NONE
    And the plan has a window "sidelight" 0.20 m east of door "front", 0.3 m wide, with SILL=600, HEAD=800, RC=RC2, GLAZING=FLOAT
    When the plan is checked under "ir-police-annex"
    Then the OPEN-04 finding for window "sidelight" is fail
    And its message says "below 1.5 m, and it is 0.20 m from door"

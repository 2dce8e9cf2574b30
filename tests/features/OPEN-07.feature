Feature: OPEN-07 Privacy sills are weighed against natural surveillance (ir)
  Under the Iranian ruleset, every external window on a floor more than 0.70 m above
  ground has its sill at least 1.10 m above its floor (Topic 4 privacy). A lower sill
  is a warning, never a blocking failure: it is also what lets occupants watch the
  street. The English and Dutch rulesets have no such rule.

  Scenario: A first-floor window with a low sill is reported as a warning
    Given a two-storey house 10 m by 8 m whose first floor is at 2.8 m
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then the OPEN-07 finding for window "bedroom" is fail
    And its severity is warning
    And its message says "below the privacy sill of 1.10 m"
    And it measured "0.9 m" against "1.1 m"
    And its provisional figures include privacy_floor, privacy_sill

  Scenario: A sill exactly at the privacy sill passes
    Given a two-storey house 10 m by 8 m whose first floor is at 2.8 m
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=1100, HEAD=2100, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then the OPEN-07 finding for window "bedroom" is pass

  Scenario: A first-floor window without SILL is not assessable
    Given a two-storey house 10 m by 8 m whose first floor is at 2.8 m
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with HEAD=2100, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then the OPEN-07 finding for window "bedroom" is not_assessable
    And its message says "states no SILL"

  Scenario: A floor exactly 0.70 m up is not subject to the privacy sill
    Given a two-storey house 10 m by 8 m whose first floor is at 0.7 m
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=300, HEAD=2100, RC=RC2
    When the plan is checked under "ir-police-annex"
    Then there is no OPEN-07 finding for window "bedroom"

  Scenario: Only the Iranian ruleset weighs privacy sills
    Given a two-storey house 10 m by 8 m whose first floor is at 2.8 m
    And the first floor has a window "bedroom" in the north wall at x 1 to 2 with SILL=900, HEAD=2100, RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then there is no OPEN-07 finding for window "bedroom"
    And the ruleset "nl-bouwbesluit" does not enable OPEN-07

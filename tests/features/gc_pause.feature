Feature: Pausing the cycle collector during a load or a check leaves the process as it found it
  Loading and checking pause Python's cycle collector (a third of the load otherwise).
  The collector is process-wide and the web app checks in several threads at once.

  Scenario: The collector is back on only when the last of two overlapping pauses ends
    Given the cycle collector is on
    When one pause begins and a second begins before the first ends
    Then the collector is off after the first ends
    And the collector is on after the second ends

  Scenario: A collector switched off before a pause stays off after it
    Given the cycle collector is off
    When a pause begins and ends
    Then the collector is off

  Scenario: Pauses in many threads at once leave the collector on
    Given the cycle collector is on
    When 8 threads each pause it 50 times
    Then the collector is on

  Scenario: Cyclic garbage made while a storey loads is collected when the load's pause ends
    Given the cycle collector is on
    When a load's pause leaves a reference cycle behind
    Then the cycle is freed when the pause ends

  Scenario: What a check makes during its pause is moved to the oldest generation, unwalked, when the pause ends
    Given the cycle collector is on
    When a check's pause makes a result that outlives it
    Then the result is in the oldest generation after the pause
    And the young generation counts nothing from the pause

  Scenario: Objects frozen before a pause stay frozen after it
    Given the cycle collector is on
    And an object frozen by the server before forking
    When a check's pause makes a result that outlives it
    Then the frozen object is still frozen

  Scenario: Overlapping pauses collect when the last ends if any of them asked to
    Given the cycle collector is on
    When a load's pause and a check's pause overlap, the check's ending last, and the load left a reference cycle
    Then the cycle is freed when the pause ends

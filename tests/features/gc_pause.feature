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

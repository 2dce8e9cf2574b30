Feature: A check's memory stays bounded by what is alive, phase by phase
  Issue 12: a large plan is checked in phases (reading, recognition, the plan model, the
  rules), each of which builds large working structures and frees them. The work that
  would need all pairs of a plan's elements at once is done a batch at a time, and what
  a phase has freed is handed back to the operating system before the next one begins
  (checker.heap), so a check's peak is the live data of its largest phase, not the sum
  of every phase's leftovers. `make bench` measures the peaks; these scenarios hold the
  mechanisms to their promise.

  Scenario: Each opening's host wall is the same whether it is scored for a few openings and segments or thousands at a time
    Given bench_load's block of flats at 6 x 6 flats
    When it is loaded with the host walls scored for 7 openings and 13 wall segments at a time, and loaded as usual
    Then both loads give every opening the same host wall
    And most openings have a host wall

  Scenario: A door that no wall comes near has no host wall, whether zones are taken few or many at a time
    Given a house whose door block lies half a kilometre from its walls
    When it is loaded with the host walls scored for 7 openings and 13 wall segments at a time, and loaded as usual
    Then both loads give every opening the same host wall
    And no opening has a host wall

  Scenario: The footprint is the same whether walls are unioned a few or thousands at a time
    Given bench_load's block of flats at 6 x 6 flats
    When its footprint is made from walls and openings unioned 5 at a time, and made as usual
    Then both footprints are one outline within a millimetre of each other
    And the footprint covers every wall of the plan

  Scenario: Doors and windows in wall gaps are found the same whether wall ends are probed a few or thousands at a time
    Given a plan on layer 0 with sliding doors and windows drawn as two lines on the wall faces
    When it is loaded with its wall ends probed 7 at a time against 5 places at a time and its walls' outlines made 3 at a time, and loaded as usual
    Then both loads find the same doors and windows in the same places
    And they find its doors and its windows

  Scenario: Memory a phase has freed is given back to the operating system
    Given a process that has allocated 200 MB in small blocks and freed all but the last one
    When it asks for its freed memory to be released
    Then its resident memory falls by at least 100 MB

Feature: A whole check grows linearly with the size of the plan
  What a user waits for, `annex check --json` of one storey (reading, recognition, the
  rules and the results file), may cost more per entity on a larger plan only within
  bounds: issue 12 asks for linear growth. This is not a timing test: the CPU time of
  two plan sizes checked in the same run are compared with each other, so a slow or busy
  machine slows both alike. The fixed cost of any check (a one-flat plan's) is taken off
  both before the cost per entity is compared. `make bench` measures the sizes users send (10k to 500k).

  Scenario: A plan sixteen times larger costs at most three times as much per entity to check
    Given bench_load's block of flats at 6 x 6 flats and at 24 x 24 flats
    When each is checked by `annex check --json`, in this process, timed in CPU seconds
    Then the larger plan's CPU time per entity is at most 3 times the smaller plan's

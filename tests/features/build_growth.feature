Feature: Building the plan model and running the rules grow linearly with the size of the plan
  Issue 12: no per-element Python loop over all the elements of a plan where a shapely or
  numpy call or an STRtree query does. This is not a timing test: the CPU time of
  building the storey (checker.reading.build) and running the rules is compared between
  two plan sizes in one run, after the cost of a one-flat plan is taken off both. The
  whole check's growth is guarded in performance_growth.feature; this guards the part
  after extraction on its own, where a quadratic loop would hide behind the reading.

  Scenario: A plan four times larger costs at most three times as much per entity to build and check
    Given bench_load's block of flats at 12 x 12 flats and at 24 x 24 flats
    When each is loaded and checked, with the storey's building and the rules timed in CPU seconds
    Then the larger plan's CPU time per entity to build and check is at most 3 times the smaller plan's

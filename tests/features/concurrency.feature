Feature: Checks and renders run concurrently without sharing process-wide state
  The moment a check is dated by is read once at the edge (SOURCE_DATE_EPOCH or now, by
  the CLI or the web job) and handed down; a check or a render neither reads nor sets
  the environment. Two annexes rendered at once in threads each carry their own moment,
  in the PDF's dates and in the embedded font subsets, and render to the same bytes again.

  Scenario: A check is dated by the moment it is handed, whatever SOURCE_DATE_EPOCH says
    Given the example plan
    And SOURCE_DATE_EPOCH is set to "1767225600" in the environment
    When the plan is checked with the moment "2030-06-01T12:00:00Z"
    Then the results are dated "2030-06-01T12:00:00Z"

  Scenario: Two annexes rendered at once in threads each carry their own moment and never set the environment
    Given the example plan
    And the fonts are subset by fontTools, as where HarfBuzz's subsetter is missing
    When the plan is checked with the moments "2026-01-01T00:00:00Z" and "2031-07-15T08:30:00Z"
    And both annexes are rendered at once in two threads, twice over
    Then each PDF's creation date is its own check's moment
    And each PDF's embedded font subsets are dated its own check's moment
    And each annex rendered again gives byte-identical PDFs
    And SOURCE_DATE_EPOCH was never set in the environment while they rendered

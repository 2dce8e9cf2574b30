Feature: Architects are kept apart, in the browser too
  An architect never sees another architect's project: it is not in her list, and
  its pages and its PDF answer "there is no such page", exactly as an id that does
  not exist would, so nothing about it can be learnt by trying addresses.

  Scenario: A second architect is refused the first one's project
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the other architect signs in
    Then her project list does not show the example project
    When she opens the address of the first architect's project
    Then she sees the page saying there is no such page, and nothing of the project
    When she opens the address of its version 1 results
    Then she sees the page saying there is no such page, and nothing of the project
    And its PDF annex, asked for with her session, answers 404 too
    And the browser reported no console error and no blocked script or style

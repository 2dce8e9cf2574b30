Feature: An architect's journey in the browser
  In headless Chromium against the running app (the check runs in the worker thread,
  as users get it; SQLite and PostgreSQL): an architect signs up, creates a project,
  uploads the two-storey example with the storeys' names and elevations, follows the
  check's progress without the page being blocked, sees the findings drawn on each
  storey's plan, and downloads the PDF annex. Any console error, script error or
  inline script or style the CSP blocks fails the journey.

  Scenario: An architect uploads a two-storey project, sees the findings on the plans and downloads the PDF annex
    Given the app is running
    When a new architect signs up as "Mina Rahimi" with the e-mail "mina@example.org"
    And she creates the project "Example house" at "1 Example Lane, Example" with permit number "EX-2026-001" in "Example"
    And she uploads "ground.dxf" as "Ground floor" at elevation "0" and "first.dxf" as "First floor" at elevation "2.8"
    Then the version page shows the check's progress while the check runs
    And the page is not blocked while the check runs: her project list opens and says the version is being checked
    When the check finishes
    Then the results page shows the verdict "Fails" and a plan drawing for "Ground floor" and for "First floor"
    And every numbered finding in the list has its marker on a plan
    When she hovers over the first numbered finding in the list
    Then that finding's marker on the plan is highlighted
    When she clicks the marker of another finding on the plan
    Then that finding's row in the list is highlighted
    When she filters the findings by the rule "OPEN-01"
    Then only "OPEN-01" findings are listed
    When she downloads the PDF annex
    Then she gets a PDF file named "security-annex-EX-2026-001-v1.pdf"
    And the browser reported no console error and no blocked script or style

Feature: An Iranian office's plan from upload to findings, in the browser
  In headless Chromium against the running app (the check runs in the worker thread):
  an architect uploads a plan drawn as an Iranian office draws it (Persian layer names
  دیوار، در، پنجره, doors as swing arcs, windows as lines in the wall gaps, type marks
  beside the openings, no unit in the header, no attributes). She sees what was
  recognised: the preview and the layers with their roles. She fills in the openings
  schedule in the table on the page, each row showing its opening on the preview, and
  checks again: the findings name the openings by their type marks and say which
  elements were inferred; the openings table says which values came from the
  schedule. In English and in Persian. Any console error, script error or blocked
  inline script or style fails the journey.

  Scenario Outline: An architect takes a plan with no convention through the preview, the layers and the schedule to findings named by type mark
    Given the app is running
    When the architect signs in
    And she chooses the language "<language>"
    And she creates the project "Tehran house" with permit number "TH-1404-07"
    And she uploads the plan drawn as an Iranian office draws it as the storey "Ground floor"
    Then the version page shows what was recognised: 3 doors and 3 windows on the preview
    And the recognised layers give "دیوار" the role walls, "در" doors and "پنجره" windows
    When the check finishes
    Then the schedule table has a row for each of "D1, D1, D2, W1, W1, W2"
    When she points at the schedule's first row
    Then its opening is highlighted on the preview
    When she clicks a window on the preview
    Then its row in the schedule is highlighted
    When she fills in the schedule: the D1 doors ENTRANCE RC2 "EN 1627:2011", the D2 door INTERNAL, the windows at 900 and 2100 mm with RC2 and P4A
    And she saves the schedule
    Then version 2 is checked with it
    And its findings name the openings by their type marks and say which were inferred
    And its openings table says the values came from the schedule
    And no finding says that a door has no ROLE
    And the browser reported no console error and no blocked script or style

    Examples:
      | language |
      | English  |
      | فارسی    |

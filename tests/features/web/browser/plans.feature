Feature: Plans you can read, right to left done right, and pages that fit a phone
  The results page draws every storey at the building's scale, one scale for all
  storeys, with markers that never overlap; on a wide screen the plans stay beside the
  findings list and each finding and its marker lead to each other; the plan zooms and
  pans. A Persian page isolates every data value from the text around it, writes its
  dates in the Solar Hijri calendar with the Gregorian date beside, and uses one digit
  system, the plan's markers included. No page scrolls sideways on a 360 px phone.

  Scenario: Every page fits a 360 px wide phone screen without sideways scrolling, in English and in Persian
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When each page of the architect, of the reviewer and of a visitor is opened 360 px wide in "en" and in "fa"
    Then no page is wider than the screen and no element reaches past its edge

  Scenario: The storeys of a version are drawn at the same scale
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect opens the results of her version 1366 px wide
    Then every storey's plan shows the same number of metres per pixel
    And the plan is framed on the building: the whole site is offered as a separate view

  Scenario: On a wide screen the plans stay beside the findings list
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect opens the results of her version 1366 px wide
    Then the plans and the findings list stand side by side
    And a plan is still on screen when the last finding of the list is scrolled into view

  Scenario: No two markers on a plan overlap on screen
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect opens the results of her version 1366 px wide
    Then no two markers' bounding boxes on a plan overlap

  Scenario: A marker and its finding lead to each other
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect opens the results of her version 1366 px wide
    And she clicks the marker of the third finding on the plan
    Then that finding's row is highlighted and on screen
    When she clicks the row of the first finding
    Then that finding's marker is highlighted

  Scenario: The plan fits a phone and zooms and pans
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect opens the results of her version 360 px wide
    Then every plan fits within the screen
    When she zooms in on the first plan
    Then its markers are drawn one and a half times larger
    When she drags the plan
    Then the drawing moves with the pointer

  Scenario: Provisional figures are named in words, not by their parameter names
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect opens the results of her version 1366 px wide
    Then no finding lists a parameter name such as "required_class" or "reach.vertical"

  Scenario: A Persian results page uses Persian digits only, in the plan's markers and in the findings
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect opens the results of her version 1366 px wide in Persian
    Then the plan's markers, the findings' numbers and the measured and required values have no Latin digit
    And the measured and required values are in Persian words

  Scenario: A Persian page isolates every data value and gives dates in the Solar Hijri calendar
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect opens the results of her version 1366 px wide in Persian
    Then the upload's date, the architect's name and every storey's name are each bidi-isolated
    And the upload's date is written in the Solar Hijri calendar with the Gregorian date beside
    And the measured and required values are each bidi-isolated

  Scenario: A Persian reviewer's page isolates the architect's e-mail address, the address and the storeys, and says the audit trail in Persian
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the reviewer opens the example's submission 1366 px wide in Persian
    Then the architect's name and e-mail address, the address and every storey's name are each bidi-isolated
    And the submission's date is written in the Solar Hijri calendar with the Gregorian date beside
    And every detail of the audit trail is in Persian, its values isolated

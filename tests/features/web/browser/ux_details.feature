Feature: The details of the architects' pages that need a browser's script
  In Chromium against the real app: a changed finding of the version diff leads to its
  marker on the plan, a waiting check's page keeps its queue position current by polling,
  a new API token is copied with one click, and the recognition preview zooms as the
  plans do.

  Scenario: A changed finding's marker link in the version diff picks its marker on the plan
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect signs in
    And she uploads only "ground.dxf" as "Ground floor" as a new version and its check finishes
    And she follows the marker link of the first still failing finding of the diff
    Then that marker is highlighted on the plan and on screen, and so is its row in the findings list
    And the browser reported no console error and no blocked script or style

  Scenario: A waiting check's page keeps its queue position current without reloading
    Given the app is running
    And no worker is free to take a check
    And the architect's example project "EX-2026-001" has been checked
    And two other checks are waiting on the queue
    When the architect signs in
    And she uploads only "ground.dxf" as "Ground floor" as a new version
    Then the page says "2 checks ahead of yours in the queue."
    When a worker takes the oldest waiting check and finishes it
    Then the same page, not reloaded, says "1 check ahead of yours in the queue."
    And the browser reported no console error and no blocked script or style

  Scenario: A new API token is copied with one click
    Given the app is running
    When the architect signs in
    And she creates a token named "Permit portal" on the tokens page
    Then the token is shown large in a monospaced font, selectable as a whole
    When she clicks "Copy the token"
    Then the clipboard holds the token and the page says "Copied."
    And the browser reported no console error and no blocked script or style

  Scenario: The recognition preview zooms and pans as the plans do
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect signs in
    And she opens version 1
    And she zooms into the recognition preview twice and drags it
    Then the preview is shown at 225% and moved, inside its frame
    And the browser reported no console error and no blocked script or style

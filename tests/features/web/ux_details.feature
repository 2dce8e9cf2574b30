Feature: The details of the architects' and reviewers' pages
  The version diff points at each changed finding on the plan, a waiting check says how
  many checks are ahead of it, a new API token is shown so it can be copied, the audit
  trail's times are in the page's calendar, and the recognition preview shares the
  findings plans' frame. Every scenario goes through the real app, as a browser without
  JavaScript sees it, on SQLite and on PostgreSQL.

  Background:
    Given the app with its accounts

  Scenario: Each changed finding of the version diff shows its marker number and links to it on the plan
    Given the architect is signed in
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    And uploads a new version with only "ground.dxf" as "Ground floor" at 0 m
    Then each new or still failing finding of version 2's diff with a place on the plan shows its marker number and links to its row, whose marker is on the plan
    And each resolved finding with a place on the plan links to its row on version 1's page, with version 1's marker number
    And on the Persian page the diff's marker numbers are written in Persian digits, as the plan's markers are

  Scenario: A waiting check says how many checks are ahead of it, and the poll keeps it current
    Given the architect is signed in
    And no worker is free to take a check
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    And uploads a new version with only "ground.dxf" as "Ground floor" at 0 m
    And uploads a new version with only "first.dxf" as "First floor" at 0 m
    Then version 3's page says "2 checks ahead of yours in the queue." and reloads itself without JavaScript
    And version 3's status says "2 checks ahead of yours in the queue."
    And on the Persian page version 3's queue position is written in Persian digits
    When a worker takes the oldest waiting check and finishes it
    Then version 3's status says "1 check ahead of yours in the queue."
    And version 1's page no longer shows a queue position
    When a worker takes the oldest waiting check and finishes it
    Then version 3's page says "Your check is next in the queue." and reloads itself without JavaScript

  Scenario: A new API token is shown large and selectable, with a copy button for JavaScript and a warning that it is shown only once
    Given the architect is signed in
    When the architect creates a token named "Permit portal" on the tokens page
    Then the new token is the only text of a monospaced block that selects as a whole
    And the copy button is there but hidden until JavaScript shows it
    And the page says "This token will not be shown again: once you leave this page, only its name is kept."
    And the tokens page shown again has neither the token nor the copy button

  Scenario: The audit trail's times are in the Solar Hijri calendar with the Gregorian date beside on Persian pages
    Given the example is checked and signed off
    And the reviewer is signed in
    Then on the English submission page every audit time is written "YYYY-MM-DD HH:MM:SS UTC"
    And on the Persian submission page every audit time is its Solar Hijri date and time in Persian digits, with the Gregorian date beside it

  Scenario: The recognition preview is drawn in one frame for every storey and zooms and pans as the plans do
    Given the architect is signed in
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    Then the version page's preview draws every storey over the same extent, which holds the findings plans' frame
    And the preview sits in a plan viewport with the plans' zoom controls

Feature: The architect sees the outcome of the review first
  Once a reviewer signs a version off, the outcome of the review heads the
  architect's version page and the projects list: approved, approved with deviations,
  or changes requested with the reviewer's note. Each finding shows the reviewer's
  decision and reason, the API returns the same, and the architect is sent a notice in
  the language of their account, through the instance's SMTP server or, where none is
  configured (as here), into the instance's outbox. Everything goes through the real
  routes, the real sign-off and the real mail path.

  Scenario: An approval with deviations heads the version page, with each finding's decision and reason
    Given the example project has been checked and every open finding decided, the garage door with a deviation
    When the reviewer approves the version with the note "Fit the RC2 locks before handover."
    And the architect opens the version page
    Then the page opens with "Approved with deviations by the municipality" before the checker's result
    And the page shows the reviewer's note "Fit the RC2 locks before handover."
    And the garage door finding shows "deviation accepted" with the reason given for it
    And the projects list shows the latest version as "Approved with deviations by the municipality"

  Scenario: A request for changes heads the version page and the projects list with the reviewer's note
    Given the example project has been checked for review
    When the reviewer requests changes with the note "Show the door classes on the ground floor."
    And the architect opens the version page
    Then the page opens with "Changes requested by the municipality" before the checker's result
    And the page shows the reviewer's note "Show the door classes on the ground floor."
    And the projects list shows the latest version as "Changes requested by the municipality" with the note

  Scenario: A version approved without deviations is shown as approved
    Given the example project has been checked and every open blocking finding rejected with a reason
    When the reviewer approves the version without a note
    And the architect opens the version page
    Then the page opens with "Approved by the municipality" before the checker's result

  Scenario: The architect sees no decision before the review ends
    Given the example project has been checked and every open finding decided, the garage door with a deviation
    When the architect opens the version page
    Then the page shows no review outcome and no reviewer's decision

  Scenario: The API returns the outcome, the note and every standing decision of a decided version
    Given the example project has been checked and every open finding decided, the garage door with a deviation
    When the reviewer approves the version with the note "Fit the RC2 locks before handover."
    Then the architect's API gives the outcome "approved_with_deviations" and the note "Fit the RC2 locks before handover."
    And the architect's API gives the garage door's decision as "deviation" with its reason

  Scenario: The architect is sent a notice in the language of their account when the review ends
    Given the example project has been checked for review
    And the architect's account is in Persian
    When the reviewer requests changes with the note "Show the door classes on the ground floor."
    Then one e-mail to the architect is in the outbox
    And its subject names the project, the version and the outcome in Persian
    And its body carries the reviewer's note and a link to the version page

  Scenario: The notice goes through the configured SMTP server when there is one
    Given the example project has been checked for review
    And the instance is configured with an SMTP server
    When the reviewer requests changes with the note "Show the door classes on the ground floor."
    Then the SMTP server received one message to the architect carrying the note
    And the outbox holds no e-mail

Feature: Reviewers review their municipality's submissions
  A reviewer belongs to a municipality and sees only its submissions: a queue, newest
  first, searchable by permit number and address and filtered by status. On a
  submission they accept a finding, reject it, or accept a deviation with a written
  justification; every decision is appended (never edited) with who and when, and the
  latest one per finding counts. The final decision (approve or request changes) writes
  the signed-off annex: the checker's annex with the decisions and the sign-off in it.
  The version is then frozen, and its annex is the same bytes on every download.

  Scenario: A reviewer's queue lists only their municipality's submissions, newest first
    Given the architect has submitted "North house" at "12 Birch Road" with permit "EX-100" to "Example"
    And the architect has submitted "South house" at "3 Oak Street" with permit "EL-200" to "Elsewhere"
    And the architect has submitted "Late house" at "7 Elm Way" with permit "EX-300" to "Example"
    When the reviewer opens the review queue
    Then the queue lists "Late house, North house" in that order
    And the queue shows "new", "EX-300", "7 Elm Way", the version and "waiting to be checked"

  Scenario: A reviewer never sees another municipality's submission
    Given the example project is submitted to "Example" and checked
    When the other reviewer opens the review queue
    Then the queue lists "" in that order
    And the other reviewer gets 404 on the submission, its decisions, its final decision and its annexes

  Scenario Outline: The queue is searchable by permit number and address, whatever their case
    Given the architect has submitted "North house" at "12 Birch Road" with permit "EX-100" to "Example"
    And the architect has submitted "Late house" at "7 Elm Way" with permit "EX-300_A" to "Example"
    When the reviewer searches the queue for "<query>"
    Then the queue lists "<listed>" in that order

    Examples:
      | query   | listed                |
      | ex-100  | North house           |
      | ELM WAY | Late house            |
      | Ex-     | Late house, North house |
      | x-300_a | Late house            |
      | EX-_00  |                       |
      | 100%    |                       |

  Scenario: Opening a checked new submission puts it in review, and the queue filters by status
    Given the example project is submitted to "Example" and checked
    And the architect has submitted "Late house" at "7 Elm Way" with permit "EX-300" to "Example"
    When the reviewer opens the example submission
    Then the example submission is "in_review"
    And the queue filtered by "in_review" lists "Example house"
    And the queue filtered by "new" lists "Late house"
    And the queue filtered by "approved" lists ""
    And the audit trail shows "review started" by "Reviewer"

  Scenario: Every decision is recorded with who and when, and the latest one on a finding counts
    Given the example project is submitted to "Example" and checked
    When the reviewer accepts a deviation on failing finding 1 with "A concierge guards the door day and night."
    And the reviewer rejects failing finding 2 with "The light is on the facade, outside the drawing."
    And the reviewer accepts failing finding 2
    Then the answer is a redirect back to the submission
    And the example submission has 3 decisions by "Reviewer", in the order they were made
    And the page shows "accepted" as the decision on failing finding 2
    And the audit trail lists the 3 decisions with "Reviewer" and their UTC times
    And the example submission is "in_review"

  Scenario: A deviation without a written justification is refused with one sentence
    Given the example project is submitted to "Example" and checked
    When the reviewer accepts a deviation on failing finding 1 with "   "
    Then the answer is 400 with the sentence "A deviation needs a written justification."
    And the example submission has 0 decisions by "Reviewer", in the order they were made

  Scenario: A version is not signed off while an open finding is undecided, nor when checking it again gives other findings
    Given the example project is submitted to "Example" and checked
    When the reviewer accepts a deviation on failing finding 1 with "A concierge guards the door day and night."
    And the reviewer approves with the note ""
    Then the answer is 409 with the sentence "Approval needs a decision on every open finding; 25 have none yet."
    When the reviewer requests changes with the note ""
    Then the answer is 400 with the sentence "Say which changes are requested."
    When the reviewer rejects every other open finding with "Seen on site."
    And the stored results no longer match what checking the drawings again gives
    And the reviewer approves with the note ""
    Then the answer is 409 with the sentence "Checking the stored drawings again no longer gives the findings that were reviewed (the software has changed), so this version cannot be signed off; ask for a new submission."
    And the example submission is not signed off

  Scenario: Approval writes the signed-off annex with the decisions in it, and freezes the version
    Given the example project is submitted to "Example" and checked
    When the reviewer accepts a deviation on failing finding 1 with "A concierge guards the door day and night."
    And the reviewer rejects every other open finding with "Seen on site."
    And the reviewer approves with the note "Lights to be fitted before occupation."
    Then the example submission is "approved" and signed off by "Reviewer"
    And the signed-off annex's text names "Reviewer", "Example", "approved", "A concierge guards the door day and night." and "Lights to be fitted before occupation."
    And the signed-off annex's SHA-256 is the one recorded on the submission
    And the audit trail shows "approved and signed off" by "Reviewer"
    When the reviewer rejects failing finding 1 with "Changed my mind."
    Then the answer is 409 with the sentence "This version is signed off and frozen; its decisions can no longer change."
    When the reviewer requests changes with the note "Another look."
    Then the answer is 409 with the sentence "This version is signed off and frozen; its decisions can no longer change."
    And the example submission is "approved" and signed off by "Reviewer"
    And a second download of the signed-off annex gives the same bytes
    And the architect downloads the same signed-off annex from their version page

  Scenario: A decision posted without its CSRF token is refused
    Given the architect has submitted "North house" at "12 Birch Road" with permit "EX-100" to "Example"
    When the reviewer posts a decision on "North house" without a CSRF token
    Then the answer is 400 with the sentence "This form has expired or did not come from this site; reload the page and try again."
    And no decision is recorded at all

  Scenario: An architect is refused the review pages
    Given the architect has submitted "North house" at "12 Birch Road" with permit "EX-100" to "Example"
    When the architect asks for the review queue, the submission "North house", its annex and its decisions
    Then every answer is 403

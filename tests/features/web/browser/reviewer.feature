Feature: A reviewer's journey in the browser
  In headless Chromium against the running app: a municipal reviewer signs in, finds
  a submission in the queue by its permit number, records a deviation with a written
  justification, approves the version and downloads the frozen signed-off annex, a
  real PDF that carries the justification. The example's other open findings were
  decided beforehand through the same service the page uses, so the journey is about
  the last decision and the sign-off.

  Scenario: A reviewer records a deviation, approves and downloads the frozen annex
    Given the app is running
    And the architect's example project "EX-2026-001" is checked and every open finding but the garage door's is decided
    And another submission "EX-2026-777" waits in the same municipality's queue
    When the reviewer signs in
    Then she sees the review queue with 2 submissions, newest first
    When she searches the queue for "EX-2026-001"
    Then the queue lists only the submission "EX-2026-001"
    When she opens the submission "EX-2026-001"
    Then each storey's plan is drawn with the findings on it
    When she accepts a deviation for the garage door finding with the justification "The garage door opens onto the enclosed courtyard; the municipality accepts it without a stated class."
    Then the finding shows her deviation, her name and the time
    And the audit trail records her decision
    When she approves the version and signs it off
    Then the version is approved and frozen, with no decision forms left
    When she downloads the signed-off annex
    Then it is a PDF whose text carries the justification and the approval
    And the browser reported no console error and no blocked script or style

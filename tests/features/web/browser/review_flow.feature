Feature: The reviewer decides in place and by keyboard, and is asked before approving a superseded version
  In headless Chromium against the running app (checks and sign-offs as jobs in its
  process pool). The submission page of the checked example stays where it is while
  decisions are recorded: no reload, the same scroll position, the decided row, the
  approval blockers and the audit trail brought up to date; a refused decision shows
  its sentence in its row. The findings can be walked with the keyboard and the focus
  is visible. Approving a version a newer one has replaced asks first, saying why.

  Scenario: A decision is recorded in place and the page keeps its place
    Given the app is running
    And the architect's example project "EX-2026-001" is checked and every open finding but the garage door's is decided
    When the reviewer signs in
    And she opens the submission page, scrolled to the garage door finding
    And she rejects the garage door finding without a reason
    Then the refusal is shown in the garage door's row without a reload
    When she accepts a deviation for the garage door finding in place with "Enclosed courtyard."
    Then the garage door's row shows the deviation without a reload, at the same scroll position
    And the approval blockers and the audit trail are brought up to date
    And the browser reported no console error and no blocked script or style

  Scenario: The keyboard path moves a visible focus through the findings and opens a finding's decision
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the reviewer signs in
    And she opens the submission page
    And she presses "j" twice and "k" once
    Then the first finding row has the focus, drawn with a visible outline
    When she presses "Enter"
    Then the cursor is in the reason field of that finding's decision
    When she presses "Escape"
    Then the first finding row has the focus, drawn with a visible outline
    And the browser reported no console error and no blocked script or style

  Scenario: Approving a superseded version asks for confirmation and says why
    Given the app is running
    And the architect's example project "EX-2026-001" is checked and every open finding is decided
    And the architect has since submitted version 2 of it
    When the reviewer signs in
    And she opens the submission page
    And she chooses to approve and dismisses the question that says version 2 was submitted after this one
    Then version 1 is not signed off
    When she chooses to approve and confirms the question
    Then version 1 is approved and frozen
    And the browser reported no console error and no blocked script or style

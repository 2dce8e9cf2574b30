Feature: A reviewer's decisions: in place, blocking findings first, alike findings together
  The submission page's forms work without JavaScript (the browser tests cover the
  in-place behaviour): a decision redirects back to its row's anchor; a blocking
  finding offers rejecting or a deviation before accepting it as it stands and says
  that accepting it blocks approval; alike open findings (the annex's grouping) are
  decided together with one reason; approving a version a newer one has replaced is
  refused until the reviewer confirms it, and the page says why; the keyboard path
  through the findings is written on the page. Through the real routes, on both
  databases.

  Scenario: A decision without JavaScript redirects back to its finding's row
    Given the example project has been checked for review
    When the reviewer rejects failing finding 1 with "Measured on site." through the form
    Then the answer redirects to the submission page at that finding's row

  Scenario: A blocking finding offers rejecting or a deviation first and says that accepting it blocks approval
    Given the example project has been checked for review
    When the reviewer opens the submission page
    Then every blocking finding's form offers "Reject" and "Accept a deviation" before "Accept as it stands (blocks approval)"
    And every blocking finding's form says that accepting it as it stands makes approval impossible
    And a finding that does not block offers "Accept" first

  Scenario: Alike open findings are offered for one decision, grouped as the annex groups them
    Given the example project has been checked for review
    When the reviewer opens the submission page
    Then each set of alike open findings is offered for one decision, and every finding in it has the same rule, status and requirement

  Scenario: One decision with one reason is recorded on every ticked alike finding
    Given the example project has been checked for review
    When the reviewer rejects the first set of alike findings together with "The checker misread these openings."
    Then every finding of that set is rejected with "The checker misread these openings."
    And the audit trail records one decision per finding of the set

  Scenario: A bulk rejection without a reason is refused and records nothing
    Given the example project has been checked for review
    When the reviewer rejects the first set of alike findings together without a reason
    Then the answer is 400 with "Rejecting a finding needs a written reason."
    And no decision is recorded

  Scenario: Approving a superseded version is refused until the reviewer confirms it, and the page says why
    Given the example project has been checked and every open finding decided, the garage door with a deviation
    And the architect has since submitted version 2
    When the reviewer opens the submission page of version 1
    Then the sign-off form says that version 2 was submitted after this one and asks for a confirmation
    When the reviewer approves version 1 without confirming
    Then the answer is 409 with "Version 2 of this project was submitted after this one"
    And version 1 is not signed off
    When the reviewer approves version 1 confirming that a newer version exists
    Then version 1 is approved and frozen

  Scenario: The submission page documents the keyboard path through the findings
    Given the example project has been checked for review
    When the reviewer opens the submission page
    Then the page says that j and k move between findings and Enter opens a finding's decision

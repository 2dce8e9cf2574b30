Feature: API tokens
  A signed-in user makes the bearer tokens a permit system uses, and revokes them.
  A token is shown once; only its SHA-256 is stored.

  Scenario: A token made on the tokens page opens the API and is shown only once
    Given the architect is signed in
    When they create a token named "Permit portal" on the tokens page
    Then the page shows the new token once
    And the API knows the token as the architect
    And the tokens page lists "Permit portal" without showing the token again

  Scenario: A revoked token is never accepted again
    Given the architect is signed in
    And they create a token named "Old portal" on the tokens page
    When they revoke the token on the tokens page
    Then the API refuses the token with 401 and one sentence

  Scenario: The API accepts no request without a valid bearer token, not even from a signed-in browser
    Given the architect is signed in
    Then a request without a token is refused with 401 and one sentence
    And a request with a made-up token is refused with 401 and one sentence

  Scenario: Only a signed-in user reaches the tokens page
    Given nobody is signed in
    Then the tokens page sends them to sign in

  Scenario: A token form that did not come from the tokens page is refused
    Given the architect is signed in
    When a token is asked for without the form's CSRF token
    Then the answer is 400 and no token is made

  Scenario: A user never revokes another user's token
    Given the other architect has a token
    And the architect is signed in
    When they try to revoke the other architect's token
    Then the answer is 404 and the other architect's token still opens the API

  Scenario: A reviewer's token is read-only
    Given the reviewer is signed in
    When they create a token named "Municipal archive" on the tokens page
    Then the API knows the token as the reviewer of "Example"
    And the token cannot create a project

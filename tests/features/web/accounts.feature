Feature: Accounts and sessions
  Wrong passwords are counted per account and per address: past the limit the account
  is locked, or the address paused, with a sentence that says for how long, and not
  even the right password gets in until then. A password that an attacker would try
  first is refused. A sign-in lives in the database: signing out ends it, so an old
  cookie signs nobody in; signing in always starts a new one; it ends when idle too
  long and at its absolute limit. Signing up answers the same whether or not the
  address has an account; the e-mailed link makes the account. API tokens expire, and
  the API checks expiry and revocation on every call. The audit trail keeps times to
  the microsecond and lists events in the order they happened.

  # ----------------------------------------------------------------- throttling and lock-out

  Scenario: Five wrong passwords lock the account for a quarter of an hour, from any address, and the answer says so
    Given the app with its accounts
    When someone tries 5 wrong passwords for the architect from the address "10.0.0.1"
    And the architect signs in with the right password from the address "10.0.0.2"
    Then the answer is 429 saying the account is locked for 15 minutes
    And the answer asks to retry after about 900 seconds

  Scenario: A locked account opens again once its window has passed
    Given the app with its accounts, where 3 wrong passwords in 2 seconds lock an account
    When someone tries 3 wrong passwords for the architect from the address "10.0.0.1"
    And the architect signs in with the right password from the address "10.0.0.1"
    Then the answer is 429 saying the account is locked for 1 minute
    When 2 seconds have passed
    And the architect signs in with the right password from the address "10.0.0.1"
    Then the architect is signed in

  Scenario: Wrong passwords from one address are throttled across accounts, while other addresses sign in
    Given the app with its accounts
    When someone tries 30 wrong passwords for 30 different e-mail addresses from the address "10.0.0.1"
    And the architect signs in with the right password from the address "10.0.0.1"
    Then the answer is 429 saying signing in from this network is paused for 15 minutes
    When the architect signs in with the right password from the address "10.0.0.2"
    Then the architect is signed in

  Scenario: Right passwords are never counted against an account
    Given the app with its accounts
    When the architect signs in and out 8 times from the address "10.0.0.1"
    Then every one of those sign-ins succeeded

  Scenario: With Redis configured, failed sign-ins are counted there, so a restarted web process still refuses
    Given a Redis server
    And the app with its accounts, counting sign-ins in that Redis
    When someone tries 5 wrong passwords for the architect from the address "10.0.0.1"
    And the web process is started again with the same Redis
    And the architect signs in with the right password from the address "10.0.0.2"
    Then the answer is 429 saying the account is locked for 15 minutes
    And Redis holds the count of the architect's failed sign-ins

  # ----------------------------------------------------------------- the password policy

  Scenario Outline: Sign-up refuses a password that an attacker would try first
    Given the app with its accounts
    When someone signs up as "newcomer@example.org" with the password "<password>"
    Then the answer is 400 saying "<sentence>"
    And no e-mail was sent and nothing was recorded for "newcomer@example.org"

    Examples:
      | password       | sentence                                             |
      | aaaaaaaaaa     | only repeated or consecutive characters               |
      | password12     | one of the most common passwords                     |
      | P@ssw0rd2024!  | one of the most common passwords                     |
      | iloveyou2026   | one of the most common passwords                     |
      | 1234567890     | only repeated or consecutive characters               |
      | qwertyuiop     | only repeated or consecutive characters               |
      | abcabcabcabc   | only repeated or consecutive characters               |
      | dragondragon   | only repeated or consecutive characters               |
      | short1!        | needs at least 10 characters                          |
      | newcomer-at-home | must not contain your e-mail address                |

  Scenario: The list of common passwords ships with its source and licence
    Then the common-passwords file names its source and its licence and holds 10000 passwords

  # ----------------------------------------------------------------- signing up

  Scenario: Signing up with a taken address answers exactly as with a new one
    Given the app with its accounts
    When someone signs up as "new@example.org" with the password "a pine table by the window"
    And someone signs up as "architect@example.org" with the password "a pine table by the window"
    Then both answers have the same status and the same page but for the address
    And "new@example.org" got a link to finish signing up
    And "architect@example.org" got a message saying someone tried, with no link to make an account
    And no account and no pending sign-up was made for "architect@example.org"

  Scenario: The e-mailed link makes the account and signs the architect in, once
    Given the app with its accounts
    When someone signs up as "new@example.org" with the password "a pine table by the window"
    And they open the link in the e-mail to "new@example.org" and create the account
    Then they are signed in on their projects page
    And "new@example.org" signs in with the password "a pine table by the window"
    And the same link answers 404 saying it is not valid

  Scenario: An expired sign-up link makes no account
    Given the app with its accounts
    When someone signs up as "new@example.org" with the password "a pine table by the window"
    And the sign-up link for "new@example.org" is 25 hours old
    Then the link in the e-mail to "new@example.org" answers 404 saying it is not valid
    And there is no account for "new@example.org"

  # ----------------------------------------------------------------- sessions

  Scenario: A session cookie stops working at sign-out
    Given the app with its accounts
    And the architect is signed in and a copy of their cookie is kept
    When the architect signs out
    Then the kept cookie opens no page: it is sent to sign in

  Scenario: Signing in starts a new session; a cookie from before signs nobody in
    Given the app with its accounts
    And a visitor's cookie from before signing in is kept
    When the architect signs in in that browser
    Then the kept cookie opens no page: it is sent to sign in
    And signing in again gives another session id

  Scenario Outline: A session ends when idle too long and at its absolute limit
    Given the app with its accounts
    And the architect is signed in and a copy of their cookie is kept
    When the session began <began> hours ago and was last used <idle> hours ago
    Then the kept cookie <outcome>

    Examples:
      | began | idle | outcome                                     |
      | 11    | 11   | still opens the architect's projects page   |
      | 13    | 13   | opens no page: it is sent to sign in        |
      | 25    | 0.1  | opens no page: it is sent to sign in        |

  Scenario: Sessions unused for a month are forgotten when the user signs in again
    Given the app with its accounts
    And the architect is signed in and a copy of their cookie is kept
    When the session began 800 hours ago and was last used 750 hours ago
    And the architect signs in from the address "10.0.0.1"
    Then the architect has only the new session on record

  Scenario: A new password signs the account out of every browser
    Given the app with its accounts
    And the architect is signed in and a copy of their cookie is kept
    When the demo start gives the demo accounts new passwords
    Then the kept cookie opens no page: it is sent to sign in

  Scenario: The session cookie lives only as long as the browser, and the server's limit is a day
    Given the app with its accounts
    When the architect signs in from the address "10.0.0.1"
    Then the session cookie carries no expiry date

  # ----------------------------------------------------------------- API tokens

  Scenario: An expired API token is refused on the very next call
    Given the app with its accounts
    And the architect is signed in and a copy of their cookie is kept
    When they make a token named "Portal" that works for 30 days on the tokens page
    Then the tokens page says the token expires in 30 days
    And the API knows the token as the architect
    When the token's expiry passes
    Then the API refuses the token with 401 saying it is missing, unknown, expired or revoked
    And the tokens page lists the token as expired

  Scenario: A token's lifetime is one of the offered choices
    Given the app with its accounts
    And the architect is signed in and a copy of their cookie is kept
    When they make a token named "Forever" that works for 100000 days on the tokens page
    Then the answer is 400 saying "Choose how long the token works from the list."

  # ----------------------------------------------------------------- the audit trail

  Scenario: The audit trail lists an approval after the decision it followed, to the microsecond
    Given the app with its accounts and the example project in review with one finding left to decide
    When the reviewer decides the last finding and at once approves the version
    Then the audit trail on the submission page lists the decision before the approval
    And the audit trail's times are kept to the microsecond, in the order they happened

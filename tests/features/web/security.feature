Feature: The web app's security
  Every form carries a CSRF token and every route that changes something refuses a
  request without it; every response carries the security headers; the session
  cookie cannot be read by scripts or sent over plain HTTP or from other sites;
  passwords are kept only as slow hashes; signing in tells nobody whether an e-mail
  address has an account, and never sends the user to another site. The routes are
  read from the app itself, so a route added later is covered without a new test.
  (The JSON API authenticates every call with a bearer token instead of a cookie,
  and is exempt from CSRF: its own tests cover it.)

  Scenario: Every form refuses a request without its CSRF token
    Given the app with its accounts and the example project checked and approved
    When every POST route of the app is sent a form without a CSRF token by a signed-in user
    Then every one of them answers 400 with the sentence about an expired form
    And nothing was recorded

  Scenario: Every form refuses a forged CSRF token
    Given the app with its accounts and the example project checked and approved
    When every POST route of the app is sent a form with a forged CSRF token by a signed-in user
    Then every one of them answers 400 with the sentence about an expired form
    And nothing was recorded

  Scenario: Every response carries the security headers, pages and files alike
    Given the app with its accounts and the example project checked and approved
    When every GET route of the app is requested by its owner, and by an anonymous visitor
    Then every response has a Content-Security-Policy whose scripts and styles come only from the site
    And every response forbids being framed and forbids guessing content types

  Scenario: The session cookie is Secure, HttpOnly and SameSite
    Given the app with its accounts
    When the architect signs in
    Then the session cookie is set Secure, HttpOnly and SameSite=Lax

  Scenario: Passwords are stored as slow hashes, never as written
    Given the app with its accounts
    Then every account's password is stored as a scrypt or argon2 hash
    And no password appears in the database as written

  Scenario: Signing in with an unknown e-mail address reads exactly like a wrong password
    Given the app with its accounts
    When someone signs in as "nobody@example.org" with a password
    And someone signs in as the architect with a wrong password
    Then both answers have the same status and say the same sentence

  Scenario Outline: Signing in never sends the user to another site
    Given the app with its accounts
    When the architect signs in from the link "/signin?next=<target>"
    Then the answer redirects to a page of this site

    Examples:
      | target                     |
      | https://evil.example/      |
      | //evil.example/            |
      | /\evil.example/            |
      | /%09/evil.example/         |
      | http:evil.example          |
      | javascript:alert(1)        |
      | %2F%2Fevil.example         |

  Scenario: Signing in follows a link back to a page of this site
    Given the app with its accounts
    When the architect signs in from the link "/signin?next=/projects/new"
    Then the answer redirects to "/projects/new"

  Scenario Outline: Choosing a language never sends the user to another site
    Given the app with its accounts
    When the language "fa" is chosen with next "<target>"
    Then the answer redirects to a page of this site

    Examples:
      | target                |
      | https://evil.example/ |
      | //evil.example/       |
      | /\evil.example/       |

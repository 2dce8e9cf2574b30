Feature: The reviewer's note is kept with the version it signs off
  The note of a final decision ("request changes" must say which changes) is written to
  the version itself when the reviewer signs it off; the architect's pages and the API
  read it from there. Versions signed off before the note had a column of their own keep
  theirs: migration 0007 copies it from the sign-off's recorded arguments. Everything
  goes through the real routes and the real sign-off, on SQLite and on PostgreSQL.

  Scenario: A request for changes writes its note to the version, and the architect's page and the API read it from there
    Given the example project has been checked for review
    When the reviewer requests changes with the note "Show the door classes on the ground floor."
    Then the version's own note reads "Show the door classes on the ground floor."
    When the sign-off job's recorded arguments lose the note
    Then the architect's version page shows the reviewer's note "Show the door classes on the ground floor."
    And the architect's API gives the version's note as "Show the door classes on the ground floor."

  Scenario: A version signed off before migration 0007 keeps its note after it
    Given the example project has been checked for review
    When the reviewer requests changes with the note "Add a door viewer to the front door."
    And the database is migrated down to 0006, where the note is kept only with the sign-off job, and up again
    Then the version's own note reads "Add a door viewer to the front door."
    And the architect's version page shows the reviewer's note "Add a door viewer to the front door."
    And the architect's API gives the version's note as "Add a door viewer to the front door."

  Scenario: An approval without a note leaves the version's note empty
    Given the example project has been checked and every open blocking finding rejected with a reason
    When the reviewer approves the version without a note
    Then the version has no note
    And the architect's version page shows no reviewer's note

Feature: A reviewer's decision names its finding by what was found, not by its English sentence
  A decision is recorded under the finding's rule, message id, the message's arguments
  and the drawing elements it is about. The same finding has the same key on the
  Persian page, on the English page and in the signed-off annex, and keeps it when the
  catalogue re-words the sentence. Migration 0005 moves decisions recorded under the
  old keys (which held the English sentence) onto the new ones.

  Scenario: A decision made on the Persian page holds on the English page and in the signed-off annex
    Given the example project is submitted to "Example" and checked for review
    When the reviewer, on the Persian page, rejects failing finding 1 with "Measured on site: the door is wider."
    And the reviewer, on the Persian page, accepts the walls count that names no drawing element
    Then the English page shows failing finding 1 as "rejected" with "Measured on site: the door is wider."
    And the English page shows the walls count as "accepted"
    When the reviewer requests changes with the note "See the decisions."
    Then the signed-off annex's text says "Measured on site: the door is wider."
    And the signed-off annex's text says "PLAN-03 passes accepted"

  Scenario: A decision survives a re-wording of the English sentence in the catalogue
    Given the example project is submitted to "Example" and checked for review
    And the reviewer has accepted the walls count that names no drawing element
    And the reviewer has rejected failing finding 1 with "Measured on site: the door is wider."
    When the catalogue re-words the English sentences of the walls count and of failing finding 1
    Then the English page shows the re-worded walls count as "accepted"
    And the English page shows failing finding 1 as "rejected" with "Measured on site: the door is wider."
    When the reviewer requests changes with the note "See the decisions."
    Then the signed-off annex's text says "Measured on site: the door is wider."
    And the signed-off annex's text says the re-worded sentence of failing finding 1
    And the signed-off annex's text lists the re-worded walls count among the decisions

  Scenario: Migration 0005 moves decisions recorded under the old sentence keys onto the new keys
    Given the example project is submitted to "Example" and checked for review
    And decisions were recorded under the old keys on the walls count and on failing finding 1
    When the database is migrated down to 0004 and up again
    Then the English page shows the walls count as "accepted"
    And the English page shows failing finding 1 as "rejected" with "Recorded under the old key."

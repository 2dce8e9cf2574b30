Feature: The Persian interface in the browser
  Anyone can switch the interface to Persian with the language switch in the page
  header: the page then reads right to left (<html lang="fa" dir="rtl">), its text
  and its numbers are Persian, and the choice stays for the next pages.

  Scenario: Choosing فارسی turns the sign-in page right to left and into Persian
    Given the app is running
    When a visitor opens the sign-in page and chooses "فارسی"
    Then the page is marked lang "fa" and dir "rtl"
    And the sign-in page's heading, field labels and button are in Persian
    When the visitor chooses "English" again
    Then the page is marked lang "en" and dir "ltr"

  Scenario: An architect reads the results of her project in Persian
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect signs in
    And she chooses "فارسی"
    And she opens the results of version 1 of "Example house"
    Then the page is marked lang "fa" and dir "rtl"
    And the results page's headings, verdict and findings list are in Persian, with Persian digits
    And the browser reported no console error and no blocked script or style

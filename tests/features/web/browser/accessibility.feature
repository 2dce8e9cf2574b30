Feature: Accessibility of every page
  Every page of both journeys passes axe-core (the WCAG 2.x A and AA rules, run in
  Chromium over the rendered page) with no serious or critical violation, in English
  and in Persian; a failure lists each violation with the elements it found.

  Scenario Outline: Every page a visitor sees passes axe-core with no serious or critical violation
    Given the app is running
    When a visitor reads the front page, sign-in and sign-up pages in "<language>"
    Then no page had a serious or critical axe-core violation

    Examples:
      | language |
      | en       |
      | fa       |

  Scenario Outline: Every architect page passes axe-core with no serious or critical violation
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the architect reads her projects, the project, its version's results, the upload page and her API tokens in "<language>"
    Then no page had a serious or critical axe-core violation

    Examples:
      | language |
      | en       |
      | fa       |

  Scenario Outline: Every reviewer page passes axe-core with no serious or critical violation
    Given the app is running
    And the architect's example project "EX-2026-001" has been checked
    When the reviewer reads the queue and the submission in "<language>"
    Then no page had a serious or critical axe-core violation

    Examples:
      | language |
      | en       |
      | fa       |

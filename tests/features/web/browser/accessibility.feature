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

  Scenario Outline: The sign-up confirmation pages pass axe-core with no serious or critical violation
    Given the app is running
    When a visitor signs up in "<language>" and opens the link e-mailed to her
    Then no page had a serious or critical axe-core violation

    Examples:
      | language |
      | en       |
      | fa       |

  Scenario Outline: The architect's new project, progress, comparison and signed-off pages pass axe-core with no serious or critical violation
    Given the app is running
    And both journeys' pages are staged with fixed data
    When the architect reads the new project form, a running check, a version compared with the one before and a signed-off version in "<language>"
    Then no page had a serious or critical axe-core violation

    Examples:
      | language |
      | en       |
      | fa       |

  Scenario Outline: The reviewer's pages of decisions and of a signed-off submission pass axe-core with no serious or critical violation
    Given the app is running
    And both journeys' pages are staged with fixed data
    When the reviewer reads a submission with her decisions and a signed-off submission in "<language>"
    Then no page had a serious or critical axe-core violation

    Examples:
      | language |
      | en       |
      | fa       |

@screenshots
Feature: Screenshots of both journeys match their reviewed baselines
  Every page of the architect's and the reviewer's journeys, in English and Persian, at
  1366 px and at 390 px wide, is shot whole in headless Chromium from the same staged
  data (fixed records, a fixed clock, the Debian fonts) and compared with a reviewed
  baseline image: a page whose layout changed fails, naming the shot and a diff image
  written to out/screenshots/, while anti-aliasing noise stays under the tolerance.
  No page scrolls sideways at either width. `make screenshots` writes new baselines
  after a change has been looked at.

  Scenario Outline: The architect's pages look as their reviewed baselines
    Given the app is running
    And both journeys' pages are staged with fixed data
    When the architect looks at her projects, a new project, the upload page, a running check, a signed-off version's results and a version compared with the one before, in "<language>" at <width> px
    Then every page looks as its reviewed baseline
    And no page scrolls sideways
    And the browser reported no console error and no blocked script or style

    Examples:
      | language | width |
      | en       | 1366  |
      | en       | 390   |
      | fa       | 1366  |
      | fa       | 390   |

  Scenario Outline: The reviewer's pages look as their reviewed baselines
    Given the app is running
    And both journeys' pages are staged with fixed data
    When the reviewer looks at the queue, a submission, a submission with her decisions and a signed-off submission, in "<language>" at <width> px
    Then every page looks as its reviewed baseline
    And no page scrolls sideways
    And the browser reported no console error and no blocked script or style

    Examples:
      | language | width |
      | en       | 1366  |
      | en       | 390   |
      | fa       | 1366  |
      | fa       | 390   |

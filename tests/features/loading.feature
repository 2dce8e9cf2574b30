Feature: Reading DXF files
  A submitted file is read as a floor plan, or refused with one clear sentence
  and exit status 2; never a traceback.

  Scenario: An ASCII DXF plan is read
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When the plan is loaded
    Then the plan loads
    And the plan has 2 walls, 1 door and 1 window

  Scenario: A binary DXF plan is read like its ASCII twin
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the plan is saved as binary DXF
    When the plan is loaded
    Then the plan loads
    And the file is reported as binary
    And the plan has 2 walls, 1 door and 1 window

  Scenario Outline: Plans written by older and newer DXF releases are read
    Given a plan drawn in "mm" as DXF <release>
    And the plan shows a 10 m by 8 m house with a front door and a window
    When the plan is loaded
    Then the plan loads
    And the plan has 2 walls, 1 door and 1 window

    Examples:
      | release |
      | R12     |
      | R2000   |
      | R2004   |
      | R2010   |
      | R2013   |
      | R2018   |

  Scenario: A damaged file is recovered and its repairs are reported
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the saved file is damaged by a stray end of section
    When the plan is loaded
    Then the plan loads
    And the file is reported as recovered with at least 1 repair
    And the plan has 2 walls, 1 door and 1 window

  Scenario: A DWG file is refused with advice to export DXF
    Given a DWG file plan.dwg
    When I run "annex check {tmp}/plan.dwg"
    Then the exit status is 2
    And the error is one sentence saying "is a DWG drawing; export it as DXF"

  Scenario: An empty file is refused
    Given the file plan.dxf holds ""
    When I run "annex check {tmp}/plan.dxf"
    Then the exit status is 2
    And the error is one sentence saying "plan.dxf is empty"

  Scenario: A file that is not DXF is refused
    Given the file plan.dxf holds "<html><body>not a drawing</body></html>"
    When I run "annex check {tmp}/plan.dxf"
    Then the exit status is 2
    And the error is one sentence saying "is not a DXF drawing"

  Scenario: A DXF cut off in the middle is refused as unreadable or read as far as it goes
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the saved file is cut off after 40 percent
    When I run "annex check {plan}"
    Then the exit status is not 0 and there is no traceback

  Scenario: A missing file is reported
    When I run "annex check {tmp}/nowhere.dxf"
    Then the exit status is 2
    And the error is one sentence saying "nowhere.dxf does not exist"

  Scenario: A drawing with no plan content is refused, naming its layers
    Given a plan drawn in millimetres
    And the plan only holds lines on layer "DETAIL-SECTION"
    When I run "annex check {plan}"
    Then the exit status is 2
    And the error is one sentence saying "has no floor-plan content"
    And the error names "DETAIL-SECTION"

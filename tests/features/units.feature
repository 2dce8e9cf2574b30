Feature: Drawing units
  Coordinates are converted to metres once, from the unit the header declares or
  the user gives; a unit that makes the building implausibly large or small is
  reported with the likely intended unit.

  Scenario Outline: The same house reads the same in metres whatever unit it is drawn in
    Given a plan drawn in "<unit>"
    And the plan shows a 10 m by 8 m house with a front door and a window
    When the plan is loaded
    Then the units are "<unit>" from the header and plausible
    And the footprint is about 10.3 m by 8.3 m
    And the front door is 1.0 m wide

    Examples:
      | unit |
      | mm   |
      | cm   |
      | m    |
      | in   |
      | ft   |

  Scenario Outline: A declared unit that makes the building implausible is reported with the likely one
    Given a plan drawn in "<drawn>"
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the header declares "<declared>"
    When the plan is loaded
    Then the units are "<declared>" from the header and not plausible
    And the units message suggests "<likely>"

    Examples:
      | drawn | declared | likely      |
      | mm    | m        | millimetres |
      | m     | mm       | metres      |
      | m     | in       | metres      |

  Scenario: A drawing with no declared unit is read in the most likely unit, and says so
    Given a plan drawn in "mm"
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the header declares no unit
    When the plan is loaded
    Then the units are "mm" assumed
    And the footprint is about 10.3 m by 8.3 m

  Scenario: The user's unit overrides the header
    Given a plan drawn in "mm"
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the header declares "in"
    And the user gives the unit "mm"
    When the plan is loaded
    Then the units are "mm" from the user and plausible
    And the footprint is about 10.3 m by 8.3 m

  Scenario: An unknown unit on the command line is refused
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex check {plan} --units furlongs"
    Then the exit status is 2
    And the error is one sentence saying "Unknown unit 'furlongs'"

  Scenario: Two storeys drawn in different units give one plan in metres
    Given a two-storey project with the ground floor in "mm" and the first floor in "m"
    When the plan is loaded
    Then the plan loads
    And both storeys' footprints are about 10.3 m by 8.3 m
    And the first floor's units are "m" and the ground floor's "mm"

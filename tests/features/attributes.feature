Feature: Door and window attributes
  The ATTRIBs of a door or window block say what the plan cannot show: resistance
  class, certificate, glazing, role, sill and head heights, access control, viewer
  and clear width. Tags are read whatever their case; values are parsed, and a value
  that is not understood is kept out and listed with the reason. A missing
  attribute is not an error when the plan is read: rules decide what they need.

  Background:
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window

  Scenario Outline: An attribute's value is parsed into the opening, whatever the case of its tag
    Given a door from (6, 0) to (7, 0) carries <tag>=<value>
    When the plan is loaded
    Then the door's <field> is <parsed>
    And the door's attributes have no invalid values

    Examples:
      | tag     | value       | field   | parsed      |
      | RC      | RC2         | rc      | RC2         |
      | rc      | RC2         | rc      | RC2         |
      | Rc      | rc3         | rc      | RC3         |
      | RC      | RC 2 N      | rc      | RC2N        |
      | RC      | NONE        | rc      | NONE        |
      | CERT    | PAS 24:2022 | cert    | PAS 24:2022 |
      | cert    | EN 1627:2011| cert    | EN 1627:2011|
      | GLAZING | P4A         | glazing | P4A         |
      | Glazing | p6b         | glazing | P6B         |
      | ROLE    | ENTRANCE    | role    | ENTRANCE    |
      | role    | garage      | role    | GARAGE      |
      | SILL    | 900         | sill_m  | 0.9         |
      | sill    | 1100,5      | sill_m  | 1.1005      |
      | HEAD    | 2100        | head_m  | 2.1         |
      | ACCESS  | VIDEO       | access  | VIDEO       |
      | access  | fob         | access  | FOB         |
      | VIEWER  | YES         | viewer  | yes         |
      | viewer  | no          | viewer  | no          |
      | VIEWER  | 1           | viewer  | yes         |
      | WIDTH   | 800         | width_m | 0.8         |

  Scenario Outline: Sill and head heights are millimetres whatever the drawing unit
    Given a plan drawn in "<unit>"
    And the plan shows a 10 m by 8 m house with a front door and a window
    When the plan is loaded
    Then the window's sill_m is 0.9
    And the window's head_m is 2.1

    Examples:
      | unit |
      | mm   |
      | cm   |
      | m    |
      | in   |
      | ft   |

  Scenario Outline: A WIDTH attribute overrides the drawn width and keeps the opening centred
    Given a door from (6, 0) to (7, 0) carries <attribute>
    When the plan is loaded
    Then the door is <width> m wide from its <source>, running from (<x1>, 0) to (<x2>, 0)

    Examples:
      | attribute  | width | source    | x1   | x2   |
      | ROLE=INTERNAL | 1     | geometry  | 6    | 7    |
      | WIDTH=800  | 0.8   | attribute | 6.1  | 6.9  |
      | width=1200 | 1.2   | attribute | 5.9  | 7.1  |
      | WIDTH=0    | 1     | geometry  | 6    | 7    |
      | WIDTH=wide | 1     | geometry  | 6    | 7    |

  Scenario: A door with no attributes loads with every attribute unset
    Given a door from (6, 0) to (7, 0) with no attributes
    When the plan is loaded
    Then the plan loads
    And every attribute of the door is unset
    And the door's attributes have no invalid values

  Scenario: A door with some attributes leaves the others unset
    Given a door from (6, 0) to (7, 0) carries RC=RC3
    When the plan is loaded
    Then the door's rc is RC3
    And the door's cert, glazing, role, sill_m, head_m, access, viewer and width_m are unset

  Scenario Outline: A value that is not understood is kept out and listed with the reason
    Given a door from (6, 0) to (7, 0) carries <tag>=<value> and CERT=PAS 24:2022
    When the plan is loaded
    Then the plan loads
    And the door's <field> is unset
    And the door's <tag> is listed as invalid because "<reason>"
    And the door's raw <tag> is "<value>"
    And the door's cert is PAS 24:2022

    Examples:
      | tag     | value    | field   | reason                                        |
      | RC      | RC9      | rc      | 'RC9' is not one of NONE, RC1N, RC1, RC2N     |
      | GLAZING | P9Z      | glazing | 'P9Z' is not one of NONE, FLOAT               |
      | ROLE    | BACKDOOR | role    | 'BACKDOOR' is not one of ENTRANCE, COMMUNAL    |
      | ACCESS  | RETINA   | access  | 'RETINA' is not one of NONE, KEY, FOB         |
      | SILL    | high     | sill_m  | 'high' is not a number of millimetres         |
      | HEAD    | -5       | head_m  | '-5' is not a plausible number of millimetres |
      | HEAD    | 250000   | head_m  | is not a plausible number of millimetres      |
      | VIEWER  | maybe    | viewer  | 'maybe' is not YES or NO                      |
      | WIDTH   | 0        | width_m | a width of 0 mm is not an opening             |

  Scenario Outline: A constant attribute in the block definition counts as a value
    Given a door block "<block>" whose definition holds RC=RC3 as a <kind> attribute
    And the block "<block>" is inserted as a door from (6, 0)
    When the plan is loaded
    Then the door's rc is <rc>

    Examples:
      | block     | kind         | rc    |
      | DOOR-RC3  | constant     | RC3   |
      | DOOR-TMPL | non-constant | unset |

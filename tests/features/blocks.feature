Feature: Blocks and curves
  Geometry inside block references is exploded with the reference's full transform
  (rotation, scale, mirroring, extrusion, nesting, MINSERT grids), in metres. A
  door or window block stays one opening wherever it is nested. Curves are
  flattened into lines and polygons that keep their length and area.

  Background:
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a block "WALL-2M" holds a 2 m wall 0.2 m thick along its x axis on layer "0"

  Scenario Outline: A wall block is placed with its insert's transform
    Given the block "WALL-2M" is inserted on layer "A-WALL" at (20, 20) with <transform>
    When the plan is loaded
    Then the insert gives <count> walls on layer "A-WALL" within x <x0> to <x1> and y <y0> to <y1>

    Examples:
      | transform                                                       | count | x0   | x1   | y0   | y1   |
      | no transform                                                    | 1     | 20   | 22   | 19.9 | 20.1 |
      | rotation=90                                                     | 1     | 19.9 | 20.1 | 20   | 22   |
      | rotation=-90                                                    | 1     | 19.9 | 20.1 | 18   | 20   |
      | xscale=2                                                        | 1     | 20   | 24   | 19.9 | 20.1 |
      | xscale=2 yscale=3                                               | 1     | 20   | 24   | 19.7 | 20.3 |
      | xscale=-1                                                       | 1     | 18   | 20   | 19.9 | 20.1 |
      | yscale=-1 rotation=90                                           | 1     | 19.9 | 20.1 | 20   | 22   |
      | extrusion=0,0,-1                                                | 1     | 18   | 20   | 19.9 | 20.1 |
      | extrusion=0,0,-1 rotation=90                                    | 1     | 19.9 | 20.1 | 20   | 22   |
      | row_count=2 column_count=3 row_spacing=1 column_spacing=3       | 6     | 20   | 28   | 19.9 | 21.1 |
      | row_count=3 column_count=1 row_spacing=2 rotation=90            | 3     | 15.9 | 20.1 | 20   | 22   |

  Scenario: A wall block nested two levels deep is placed with every level's transform
    Given a block "MIDDLE" holds "WALL-2M" at (1, 0) with rotation=90
    And a block "OUTER" holds "MIDDLE" at (0, 1) with xscale=2 yscale=2
    And the block "OUTER" is inserted on layer "A-WALL" at (20, 20) with no transform
    When the plan is loaded
    Then the insert gives 1 walls on layer "A-WALL" within x 21.8 to 22.2 and y 21 to 25

  Scenario Outline: Inside a block, layer 0 takes the insert's layer and other layers keep their own
    Given a block "PIECE" holds a 2 m wall 0.2 m thick along its x axis on layer "<inner layer>"
    And the block "PIECE" is inserted on layer "<insert layer>" at (20, 20) with no transform
    When the plan is loaded
    Then the insert gives <count> walls on layer "<wall layer>" within x 20 to 22 and y 19.9 to 20.1

    Examples:
      | inner layer | insert layer | count | wall layer  |
      | 0           | A-WALL       | 1     | A-WALL      |
      | A-FURN      | A-WALL       | 0     | A-WALL      |
      | A-WALL-INT  | A-FURN       | 1     | A-WALL-INT  |
      | 0           | A-FURN       | 0     | A-FURN      |
      | 0           | a-wall-ext   | 1     | a-wall-ext  |

  Scenario: A block mixing layer 0 and its own layers lists its own layers as unmapped
    Given a block "MIXED" holds a 2 m wall on layer "0" and one 1 m above it on layer "A-FURN"
    And the block "MIXED" is inserted on layer "A-WALL" at (20, 20) with no transform
    When the plan is loaded
    Then the insert gives 1 walls on layer "A-WALL" within x 20 to 22 and y 19.9 to 20.1
    And the layer "A-FURN" is listed as unmapped with 1 entity

  Scenario Outline: A door block nested in other blocks becomes one door at its place in the world
    Given a block "PORCH" holds a door from (0, 0) to (1, 0)
    And <nesting>
    When the plan is loaded
    Then the plan has 2 doors
    And the door from the insert runs from (<x1>, <y1>) to (<x2>, <y2>) on layer "A-DOOR"
    And the door from the insert faces outward (<nx>, <ny>)

    Examples:
      | nesting                                                                                                        | x1 | y1 | x2 | y2 | nx | ny |
      | the block "PORCH" is inserted on layer "0" at (6, 0) with no transform                                          | 6  | 0  | 7  | 0  | 0  | -1 |
      | a block "FACADE" holds "PORCH" at (1, 0) with no transform, and "FACADE" is inserted at (5, 0) with no transform | 6  | 0  | 7  | 0  | 0  | -1 |
      | a block "FACADE" holds "PORCH" at (1, 0) with no transform, and "FACADE" is inserted at (10, 2) with rotation=90 | 10 | 3  | 10 | 4  | 1  | 0  |
      | a block "FACADE" holds "PORCH" at (0, 0) with xscale=-1, and "FACADE" is inserted at (8, 8) with no transform    | 8  | 8  | 7  | 8  | 0  | 1  |

  Scenario Outline: A mirrored door keeps its width and its place
    Given the block "DOOR" is inserted on layer "A-DOOR" at (<x>, <y>) with <transform>
    When the plan is loaded
    Then the plan has 2 doors
    And the door from the insert is <width> m wide, centred at (<cx>, <cy>)
    And the door from the insert faces outward (<nx>, <ny>)

    Examples:
      | x | y | transform              | width | cx   | cy   | nx | ny |
      | 6 | 0 | no transform           | 0.9   | 6.45 | 0    | 0  | -1 |
      | 6 | 0 | yscale=-1              | 0.9   | 6.45 | 0    | 0  | -1 |
      | 7 | 0 | xscale=-1              | 0.9   | 6.55 | 0    | 0  | -1 |
      | 7 | 0 | xscale=-1 yscale=-1    | 0.9   | 6.55 | 0    | 0  | -1 |
      | 7 | 0 | rotation=180 yscale=-1 | 0.9   | 6.55 | 0    | 0  | -1 |
      | 7 | 0 | extrusion=0,0,-1       | 0.9   | 6.55 | 0    | 0  | -1 |
      | 0 | 3 | rotation=90 xscale=-1  | 0.9   | 0    | 2.55 | -1 | 0  |

  Scenario Outline: Curves are flattened and keep their length or area
    Given <curve> is drawn on layer "<layer>"
    When the plan is loaded
    Then it is read as a <element> with <measure> <value> within 1 %

    Examples:
      | curve                                                  | layer  | element | measure | value  |
      | a circle of radius 2 m                                 | A-AREA | space   | area    | 12.566 |
      | a closed polyline of two half-circle bulges 4 m across | A-AREA | space   | area    | 12.566 |
      | a polyline with one bulge of 0.5 over 2 m              | A-WALL | wall    | length  | 2.318  |
      | a half-circle arc of radius 2 m                        | A-WALL | wall    | length  | 6.283  |
      | a circle of radius 2 m                                 | A-WALL | wall    | area    | 12.566 |
      | a heavy closed polyline 4 m by 3 m                     | A-AREA | space   | area    | 12     |
      | a heavy polyline with one bulge of 0.5 over 2 m        | A-WALL | wall    | length  | 2.318  |
      | a full ellipse 6 m by 3 m                              | A-AREA | space   | area    | 14.137 |
      | an open spline along 3 m                               | A-WALL | wall    | length  | 3      |

  Scenario: A circle in a block is flattened after the insert's scale
    Given a block "COLUMN" holds a circle of radius 1 m on layer "0"
    And the block "COLUMN" is inserted on layer "A-WALL" at (20, 20) with xscale=2 yscale=2
    When the plan is loaded
    Then the insert gives 1 walls on layer "A-WALL" within x 18 to 22 and y 18 to 22
    And the wall from the insert has area 12.566 within 1 %

  Scenario: A circle in a block scaled unevenly becomes an ellipse and is still read
    Given a block "COLUMN" holds a circle of radius 1 m on layer "0"
    And the block "COLUMN" is inserted on layer "A-WALL" at (20, 20) with xscale=2 yscale=1
    When the plan is loaded
    Then the insert gives 1 walls on layer "A-WALL" within x 18 to 22 and y 19 to 21
    And the wall from the insert has area 6.283 within 1 %

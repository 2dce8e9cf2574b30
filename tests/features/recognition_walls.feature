Feature: Walls are read however they are drawn
  Architects draw walls as one line, as two parallel lines (the faces), as closed or
  open polylines, or as solid or patterned hatches. Each is read as walls, with the
  thickness the drawing shows, and the gaps left in them for doors and windows are
  found, so that an arc in a gap is known to be a door hinged there.

  Scenario Outline: Walls drawn as <style> are walls, with their thickness and the gaps in them
    Given a 10 m by 8 m house in <unit> whose walls are drawn as <style>, with a 0.9 m gap at 2 m in the front wall
    And a swing arc and leaf line in the gap
    When the plan is loaded
    Then the storey has walls on layer A-WALL
    And the walls are <thickness> thick
    And the footprint covers <area> m2
    And the swing arc is a door hinged at a wall gap, 0.90 m wide

    Examples:
      | unit        | style                                    | thickness   | area |
      | metres      | single lines                             | not shown   | 76.4 |
      | metres      | double lines                             | 0.20 m      | 80.0 |
      | millimetres | double lines                             | 0.20 m      | 80.0 |
      | metres      | closed polylines                         | 0.20 m      | 80.0 |
      | millimetres | solid hatches                            | 0.20 m      | 80.0 |
      | metres      | patterned hatches                        | 0.20 m      | 80.0 |
      | metres      | double lines with a solid hatch between  | 0.20 m      | 80.0 |

  Scenario: A wall hatch is one wall element per boundary, on its layer, as the layer says
    Given a 10 m by 8 m house in metres whose walls are drawn as solid hatches, with a 0.9 m gap at 2 m in the front wall
    When the plan is loaded
    Then the storey has 1 wall, recognised by layer-name

  Scenario: Wall ends facing each other across a narrow joint are not a gap
    Given a 10 m by 8 m house in metres whose walls are drawn as double lines, with a 0.1 m gap at 2 m in the front wall
    When the plan is loaded
    Then no gap is found in the walls

Feature: Several floor plates in a drawing with no role-named layers
  Many offices draw everything on layer 0. There the walls are recognised from geometry
  (double lines), doors from their swing arcs and windows from the lines across their
  wall gaps, and the plates are found among those walls as among walls on a named
  layer: the load report numbers them, says once that the file holds several, and the
  manifest's `region = [x0, y0, x1, y1]` (drawing units) picks one.

  Scenario: A layer-0 drawing with two plates side by side says so once, with each plate's box
    Given a layer-0 drawing in millimetres with a house at (0, 0) and another at (20, 0)
    When the plan is loaded
    Then the load report lists 2 plates, around the houses at (0, 0) and (20, 0)
    And the load report notes once that the drawing holds 2 floor plates, giving both boxes

  Scenario Outline: On a layer-0 drawing the manifest's region picks one plate, and only its elements are read
    Given a layer-0 drawing in millimetres with a house at (0, 0) and another at (20, 0)
    And a manifest whose storey has the region of plate <plate>
    When the plan is loaded
    Then the plan holds the walls, 2 doors and 2 windows of the house at (<x>, 0) only
    And the load report has no note about plates, but still lists 2 plates

    Examples:
      | plate | x  |
      | 1     | 0  |
      | 2     | 20 |

  Scenario: A layer-0 drawing of one house holds no plates
    Given a layer-0 drawing in millimetres with a house at (0, 0)
    When the plan is loaded
    Then the plan holds the walls, 2 doors and 2 windows of the house at (0, 0) only
    And the load report lists no plates and has no note about plates

  Scenario: A region with nothing of a layer-0 plan in it is refused with one sentence naming the plates
    Given a layer-0 drawing in millimetres with a house at (0, 0) and another at (20, 0)
    And a manifest whose storey has region = [100000, 100000, 110000, 110000]
    When the plan is loaded
    Then loading fails with one sentence saying "holds no walls, doors, windows or spaces"
    And the sentence names plate 1 and plate 2 with their boxes

Feature: What lies on furniture, dimension and hatching layers is counted, not read
  A plan's furniture, dimensions, floor hatching and notes are often most of its
  entities (issue 12). Layers whose names say they hold no building element and that
  have no role are counted in the load report but not read: no shapes, arcs or block
  explosions are made for them, so they cost next to nothing. Texts on them are still
  read (room names sit on annotation layers), a block placed on one still gives what it
  draws on role layers, and a drawing with no plan on its role layers is read whole, so
  that recognition can tell what kind of drawing it is or find its walls from geometry.

  Scenario: Furniture blocks on a furniture layer are counted but never exploded into linework
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And 40 armchairs, each a block of a quarter arc and three lines, stand in the house on layer "A-FURN"
    And a floor hatch and a dimension lie in the house on layers "A-FLOR-PATT" and "A-ANNO-DIMS"
    And the text "Kitchen" is written in the house on layer "A-ANNO-TEXT"
    When the drawing is extracted and the plan is loaded
    Then the extraction holds no shape, linework, hatch or arc from layers "A-FURN", "A-FLOR-PATT" or "A-ANNO-DIMS"
    And the extraction holds the text "Kitchen"
    And the load report lists the layer "A-FURN" as unmapped with 40 entities
    And the load report counts 1 HATCH and 1 DIMENSION as ignored
    And the plan has 2 walls, 1 door and 1 window

  Scenario: A block on a furniture layer that draws walls on a wall layer still gives its walls
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a block holding a 3 m wall on layer "A-WALL" is placed on layer "A-FURN" beside the house
    When the drawing is extracted and the plan is loaded
    Then the plan has 3 walls, 1 door and 1 window

  Scenario: A drawing with no plan on its role layers has its furniture layer's linework read all the same
    Given a plan drawn in millimetres
    And 40 armchairs, each a block of a quarter arc and three lines, stand in the house on layer "A-FURN"
    When the drawing is extracted
    Then the extraction holds 160 pieces of linework (the arcs' too) and 40 arcs from layer "A-FURN"

  Scenario: A block with a room name placed on an annotation layer still gives its text
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a block holding the text "Bedroom" and a frame is placed in the house on layer "A-ANNO-TEXT"
    When the drawing is extracted and the plan is loaded
    Then the extraction holds the text "Bedroom"

Feature: What kind of drawing a file is, when it holds no floor plan
  A drawing whose layers name no role is looked at for what it is. An elevation, a
  section, a detail sheet, a title block or a few stray lines are refused with one
  sentence saying what the drawing looks like and why, never for its layer names; a
  floor plan drawn on layer 0 or on a program's own layers has its walls found from
  geometry and its doors from their swings.

  Scenario Outline: A drawing that is no floor plan is refused with one sentence saying what it is
    Given a drawing on layer 0 of <drawing>, in <unit>
    When the drawing is loaded
    Then it is refused saying "<says>"
    And the refusal is one sentence that does not blame the layer names

    Examples:
      | drawing                                        | unit        | says                                                                  |
      | an elevation titled "South Elevation"          | millimetres | looks like an elevation, not a floor plan: the text 'South Elevation' |
      | an elevation titled "Ansicht Süd"              | metres      | looks like an elevation, not a floor plan: the text 'Ansicht Süd'     |
      | an elevation titled "نمای شمالی"               | metres      | looks like an elevation, not a floor plan: the text 'نمای شمالی'      |
      | an elevation with no title                     | millimetres | a ground line across the whole drawing                                |
      | a section titled "SECTION A-A"                 | millimetres | looks like a section, not a floor plan: the text 'SECTION A-A'        |
      | a section titled "برش الف-الف"                 | metres      | looks like a section, not a floor plan                                |
      | a detail sheet titled "DETAIL 3"               | millimetres | looks like a detail sheet, not a floor plan: the text 'DETAIL 3'      |
      | a detail sheet with no title                   | millimetres | 25 dimensions and leaders, 6 hatches                                  |
      | a title block only                             | millimetres | looks like a title block or sheet frame only                          |
      | three stray lines                              | metres      | has no floor-plan content: only 3 straight lines (on 0)                 |

  Scenario Outline: A floor plan on layers that name no role has its walls found from geometry and its doors from their swings
    Given a house with double-line walls and 2 swing-arc doors on layer "<layer>"<where>, in <unit>
    When the drawing is loaded
    Then the plan has at least 8 walls, all recognised from geometry with a reason
    And the plan has 2 doors 0.9 m wide
    And the plan is read in <read>

    Examples:
      | layer                | where              | unit        | read |
      | 0                    |                    | millimetres | mm   |
      | 0                    |                    | no unit     | mm   |
      | s001-#def-active-grp |                    | metres      | m    |
      | 0                    | inside a block     | millimetres | mm   |

  Scenario: A floor plan whose walls lie on a wall layer is not looked at for what kind of sheet it is
    Given a house with double-line walls and 2 swing-arc doors on layer "A-WALL", in millimetres
    When the drawing is loaded
    Then the plan has at least 8 walls, all recognised from the layer name

  Scenario Outline: Elevations drawn beside a floor plan are left out of it, and the load report says so
    Given a house with double-line walls and 2 swing-arc doors on layer "A-WALL", in millimetres
    And its <elevation> drawn beside it on layer "A-WALL"
    When the drawing is loaded
    Then the plan has no wall beside the house
    And the load report says "sheet with 1 elevations beside the floor plan, left out"

    Examples:
      | elevation                                   |
      | elevation with a level ground line          |
      | elevation with the terrain falling in steps |

  Scenario: A second plate without door swings beside the plan is kept
    Given a house with double-line walls and 2 swing-arc doors on layer "A-WALL", in millimetres
    And its upper floor without doors drawn beside it on layer "A-WALL"
    When the drawing is loaded
    Then the plan has walls beside the house

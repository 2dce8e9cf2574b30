Feature: Doors and windows are recognised from plain geometry
  Architects draw doors as a swing arc and a leaf, windows as parallel lines in a
  gap in the wall, on any layer or inside blocks without attributes. The reader
  finds them there, says how it found them and how sure it is, and does not take
  furniture, sinks, tables, toilets or stairs for doors.

  Scenario Outline: A door or window drawn as plain geometry is recognised with its width and place
    Given a 10 m by 8 m house drawn in <unit> whose front wall has a <gap> m gap at 2 m
    And in the gap, <drawing>
    When the plan is loaded
    Then the storey has 1 <kind> recognised from geometry
    And its width is <width> m and its middle <middle> m along the front wall
    And it was recognised by <recognised_by> with a confidence from <low> to <high>

    Examples:
      | unit        | gap | drawing                                                  | kind   | width | middle | recognised_by | low  | high |
      | metres      | 0.9 | a swing arc and leaf line on layer 0                     | door   | 0.90  | 2.45   | geometry      | 0.85 | 0.95 |
      | millimetres | 0.9 | a swing arc and leaf line on layer 0                     | door   | 0.90  | 2.45   | geometry      | 0.85 | 0.95 |
      | metres      | 0.8 | a swing arc with no leaf line on layer 0                 | door   | 0.80  | 2.40   | geometry      | 0.70 | 0.80 |
      | metres      | 0.9 | a swing arc and leaf line on layer A-DOOR                | door   | 0.90  | 2.45   | layer-name    | 0.80 | 1.00 |
      | metres      | 0.9 | a swing drawn as a bulged polyline and a leaf line       | door   | 0.90  | 2.45   | geometry      | 0.85 | 0.95 |
      | millimetres | 0.9 | a swing drawn as a clockwise bulged polyline and a leaf  | door   | 0.90  | 2.45   | geometry      | 0.85 | 0.95 |
      | millimetres | 0.9 | a swing drawn as 8 short lines and a leaf line           | door   | 0.90  | 2.45   | geometry      | 0.85 | 0.95 |
      | metres      | 0.9 | a swing drawn as a 6-chord polyline and a leaf line      | door   | 0.90  | 2.45   | geometry      | 0.85 | 0.95 |
      | metres      | 0.9 | a door block without attributes                          | door   | 0.90  | 2.45   | block-shape   | 0.85 | 0.95 |
      | metres      | 0.9 | a door block without attributes, mirrored                | door   | 0.90  | 2.45   | block-shape   | 0.85 | 0.95 |
      | millimetres | 0.9 | a door block drawn in centimetres, inserted at scale 10  | door   | 0.90  | 2.45   | block-shape   | 0.85 | 0.95 |
      | metres      | 0.9 | a double-acting swing drawn as a half circle on layer 0  | door   | 0.90  | 2.45   | geometry      | 0.70 | 0.80 |
      | metres      | 1.6 | two swing arcs meeting in the middle                     | door   | 1.60  | 2.80   | geometry      | 0.85 | 0.95 |
      | metres      | 1.8 | two sliding leaves side by side                          | door   | 1.80  | 2.90   | geometry      | 0.70 | 0.80 |
      | metres      | 1.8 | four folding leaves in a zig-zag on layer 0              | door   | 1.80  | 2.90   | geometry      | 0.70 | 0.80 |
      | millimetres | 0.9 | two folding leaves in a V on layer A-DOOR                | door   | 0.90  | 2.45   | layer-name    | 0.80 | 1.00 |
      | metres      | 1.2 | 2 parallel lines on layer 0                              | window | 1.20  | 2.60   | geometry      | 0.80 | 0.90 |
      | metres      | 1.2 | 3 parallel lines on layer 0                              | window | 1.20  | 2.60   | geometry      | 0.80 | 0.90 |
      | millimetres | 1.5 | 4 parallel lines on layer 0                              | window | 1.50  | 2.75   | geometry      | 0.80 | 0.90 |
      | metres      | 1.2 | 2 parallel lines on layer A-GLAZ                         | window | 1.20  | 2.60   | layer-name    | 0.80 | 1.00 |
      | metres      | 1.2 | a window block without attributes                        | window | 1.20  | 2.60   | block-shape   | 0.85 | 0.95 |

  Scenario Outline: A door drawn in a rotated block in a side wall is recognised there
    Given a 10 m by 8 m house drawn in metres whose left wall has a 0.9 m gap at 3 m
    And in the left wall's gap, a door block without attributes rotated 90 degrees<mirrored>
    When the plan is loaded
    Then the storey has 1 door recognised from geometry
    And its width is 0.90 m and its middle 3.45 m along the left wall

    Examples:
      | mirrored  |
      |           |
      | , mirrored |

  Scenario: A door whose wall shows no gap is recognised from its arc and leaf, less surely
    Given a 10 m by 8 m house drawn in metres with no gaps in its walls
    And a swing arc and leaf line of 0.9 m hinged on the front wall at 2 m
    When the plan is loaded
    Then the storey has 1 door recognised from geometry
    And it was recognised by geometry with a confidence from 0.65 to 0.75

  Scenario Outline: Linework on a window layer over a wall that shows no gap is one window, as long as it runs
    Given a 10 m by 8 m house drawn in metres with no gaps in its walls
    And a window of 1.2 m at 2 m in the front wall drawn as <how> on layer A-GLAZ
    When the plan is loaded
    Then the storey has 1 window recognised from geometry
    And its width is 1.20 m and its middle 2.60 m along the front wall
    And it was recognised by layer-name with a confidence from 0.75 to 0.85

    Examples:
      | how                     |
      | 3 parallel lines        |
      | a closed frame and glass |
      | 2 glass lines 0.45 m apart, on the faces of a thick wall |

  Scenario: A window drawn as 3 lines on layer 0, in walls drawn as double lines on layer 0, is recognised
    Given a 10 m by 8 m house with double-line walls on layer 0 whose front wall has a 1.2 m gap at 2 m
    And in the gap, 3 parallel lines on layer 0
    When the plan is loaded
    Then the storey has 1 window recognised from geometry
    And its width is 1.20 m and its middle 2.60 m along the front wall

  Scenario: Folding doors in double-line walls, all on layer 0, are doors and their leaves are not taken for the wall's ends
    Given a 10 m by 8 m house with double-line walls on layer 0 whose front wall has 0.9 m gaps at 2 m and 6 m
    And in each gap, four folding leaves in a zig-zag on layer 0
    When the plan is loaded
    Then the storey has 2 door recognised from geometry
    And the storey has 1 room

  Scenario Outline: Slanted lines in a gap that do not make a folding door are no door
    Given a 10 m by 8 m house drawn in metres whose front wall has a 1.8 m gap at 2 m
    And in the gap, <drawing>
    When the plan is loaded
    Then the storey has 0 door recognised from geometry

    Examples:
      | drawing                                                  |
      | four folding leaves in a zig-zag reaching half the gap   |
      | two slanted lines crossing in the gap                    |

  Scenario Outline: Windows drawn as 2 lines on the faces of double-line walls, all on layer 0, are recognised, and the pier between two of them stays wall
    Given a 10 m by 8 m house with double-line walls on layer 0 whose front wall has <gaps>
    And in each gap, 2 parallel lines on layer 0
    When the plan is loaded
    Then the storey has <count> window recognised from geometry
    And the windows run <runs>
    And the storey has 1 room

    Examples:
      | gaps                           | count | runs                                       |
      | a 1.2 m gap at 2 m             | 1     | from 2 m to 3.2 m                          |
      | 1.2 m gaps at 2 m and 4.2 m    | 2     | from 2 m to 3.2 m and from 4.2 m to 5.4 m  |

  Scenario: Glazing that fills a wide gap in two panes is two windows, and the room behind stays closed
    Given a 10 m by 8 m house drawn in metres whose front wall has a 2 m gap at 2 m
    And in the gap, two panes of 2 lines on layer A-GLAZ, from 2 m to 2.95 m and from 3 m to 4 m
    When the plan is loaded
    Then the storey has 2 window recognised from geometry
    And the windows run from 2 m to 2.95 m and from 3 m to 4 m
    And each window has a handle of its own, that of one of its glass lines
    And the storey has 1 room

  Scenario: A glass front drawn pane by pane between mullions, where the walls show no gap, is a window per pane and closes the room behind it
    Given a 5 m by 4 m room drawn in metres whose left wall runs on 3 m past its open front
    And its front glazed on layer A-GLAZ in panes from 0.25 m to 1.75 m, 1.8 m to 3.4 m and 3.45 m to 4.95 m, mullions between them and frames at the walls
    When the plan is loaded
    Then the storey has 3 window recognised from geometry
    And the windows run from 0.25 m to 1.75 m and from 1.8 m to 3.4 m and from 3.45 m to 4.95 m
    And each window has a handle of its own, that of one of its glass lines
    And the storey has 1 room of about 18.7 m2

  Scenario: A double glass wall standing free is a window per leaf, and the cavity between its leaves is not a room
    Given a 10 m by 8 m house drawn in metres with no gaps in its walls
    And a double glass wall inside the house from the front wall to the back wall, its leaves 1 m apart on layer A-GLAZ
    When the plan is loaded
    Then the storey has 2 window recognised from geometry
    And the storey has 2 room

  Scenario: Two windows in line over a wall that shows no gap stay two windows
    Given a 10 m by 8 m house drawn in metres with no gaps in its walls
    And a window of 1.2 m at 2 m in the front wall drawn as 2 glass lines 0.45 m apart, on the faces of a thick wall on layer A-GLAZ
    And a window of 1.2 m at 3.6 m in the front wall drawn as 2 glass lines 0.45 m apart, on the faces of a thick wall on layer A-GLAZ
    When the plan is loaded
    Then the storey has 2 window recognised from geometry

  Scenario Outline: Arcs that are not door swings are not doors
    Given a 10 m by 8 m house drawn in metres whose front wall has a 0.9 m gap at 2 m
    And inside the house, <thing>
    When the plan is loaded
    Then the storey has 0 door recognised from geometry

    Examples:
      | thing                                                  |
      | a round table drawn as a circle                        |
      | a sink drawn as a half-circle arc                      |
      | an armchair drawn with a quarter arc of 0.4 m and lines |
      | a toilet drawn as an ellipse and a small arc           |
      | a stair's arc and line on layer Stairs                 |
      | a swing arc and leaf line on layer Furniture           |
      | a quarter arc of 0.9 m with no leaf and no wall gap    |
      | a half-circle arc of 0.9 m with a line, away from walls |
      | a round table drawn as a 24-sided polygon              |
      | a wavy line of 8 short lines turning both ways, at the gap |

  Scenario: A door drawn as a convention block is not found a second time from its arc
    Given a 10 m by 8 m house drawn in metres whose front wall has a 0.9 m gap at 2 m
    And in the gap, a DOOR block on the doors layer with its attributes
    And in the gap, a swing arc and leaf line on layer 0
    When the plan is loaded
    Then the storey has 1 door in all

  Scenario: A door block with our attributes on a layer of no door role is found by its shape and keeps its attributes
    Given a 10 m by 8 m house drawn in metres whose front wall has a 0.9 m gap at 2 m
    And in the gap, a DOOR block on layer 0 with its attributes
    When the plan is loaded
    Then the storey has 1 door in all
    And that door was recognised by block-attributes, has RC "RC2" and the handle of its block reference

  Scenario: Each door and window of a plan inserted as one block has a handle of its own, and a schedule row names one
    Given a 10 m by 8 m house drawn in metres whose front wall has gaps at 2 m and 5 m for doors and at 7 m for a window
    And its doors and window are drawn in one block inserted once
    When the plan is loaded with a schedule giving RC "RC3" to the handle of the door at 2 m
    Then the storey has 2 door in all
    And every opening has a handle of its own, the block reference's handle followed by the handle in the block
    And only the door at 2 m has RC "RC3"

  Scenario: A stray line on the doors layer that forms no opening is reported
    Given a 10 m by 8 m house drawn in metres with no gaps in its walls
    And a lone line on layer A-DOOR inside the house
    When the plan is loaded
    Then the load report says 1 line on doors layers forms no door or window

  Scenario: Floor grid lines running through a gap are not a window
    Given a 10 m by 8 m house drawn in metres whose front wall has a 1.2 m gap at 2 m
    And floor grid lines every 0.1 m run through the gap along the wall on layer Flooring
    When the plan is loaded
    Then the storey has 0 window recognised from geometry

  Scenario: A door whose leaf is drawn as a thin rectangle is recognised
    Given a 10 m by 8 m house drawn in metres whose front wall has a 0.9 m gap at 2 m
    And in the gap, a swing arc with its leaf drawn as a 4 cm thick rectangle on layer 0
    When the plan is loaded
    Then the storey has 1 door recognised from geometry
    And its width is 0.90 m and its middle 2.45 m along the front wall
    And it was recognised by geometry with a confidence from 0.85 to 0.95

  Scenario Outline: Real drawings: their swing-arc doors and glazing are recognised
    When I run "annex preflight {corpus}/<file> <options> --json {tmp}/preflight.json"
    Then the preflight JSON counts <doors> doors and at least <windows> windows

    Examples:
      | file                                          | options    | doors | windows |
      | yorikvanhavre__barcelona-pavillion__plan.dxf  |            | 6     | 3       |
      | mozman__ezdxf__wipeout_door.dxf               | --units mm | 4     | 0       |

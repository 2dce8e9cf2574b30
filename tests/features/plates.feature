Feature: Several floor plates in one file
  Offices often draw every storey of a building side by side in one file. Read as one
  storey, that is a building in pieces. The reader finds the plates (clusters of walls
  and openings of about the same size, each with doors or windows of its own), numbers
  them in reading order (rows top to bottom, left to right) and, unless the manifest
  picks one with `region = [x0, y0, x1, y1]` (drawing units), says once that the file
  holds several and gives each plate's box. A detached garage, a bin store, a site
  boundary, a fence or a street beside one building is not a second plate.

  Scenario: A file with two floor plates side by side says so once, with each plate's box
    Given a drawing in "mm" with a house plate at (0, 0) and another at (20, 0)
    When the plan is loaded
    Then the load report lists 2 plates, the first around the house at (0, 0) and the second around the one at (20, 0)
    And the load report notes once that the drawing holds 2 floor plates, with both boxes in millimetres
    And the load report's JSON lists the 2 plates

  Scenario: Plates are numbered in rows from the top, left to right
    Given a drawing in "mm" with a house plate at (0, 20), another at (20, 20) and another at (0, 0)
    When the plan is loaded
    Then the load report lists 3 plates, in the order (0, 20), (20, 20), (0, 0)

  Scenario Outline: The manifest's region picks one plate, and only its walls and openings are read
    Given a drawing in "<unit>" with a house plate at (0, 0) and another at (20, 0)
    And a manifest whose storey has the region of plate <plate>
    When the plan is loaded
    Then the plan holds only the walls, doors and windows of the house at (<x>, 0)
    And the load report has no note about plates, but still lists 2 plates

    Examples:
      | unit | plate | x  |
      | mm   | 1     | 0  |
      | mm   | 2     | 20 |
      | m    | 2     | 20 |

  Scenario Outline: One building with things around it is one plate
    Given a drawing in "mm" with a house plate at (0, 0)
    And <beside>
    When the plan is loaded
    Then the load report lists no plates and has no note about plates

    Examples:
      | beside                                                    |
      | a detached garage 7 m by 7 m with one door at (14, 0)     |
      | a double garage 7 m by 7 m with a door and two windows at (14, 0) |
      | a bin store 2 m by 1.5 m at (12, 2)                        |
      | a site boundary, a fence and a street around it           |
      | a garden wall 15 m long at (0, -6)                         |
      | a second house plate at (20, 0) on a site layer            |

  Scenario: A block of flats whose walls touch is one plate
    Given a drawing in "mm" with 3 by 2 flats sharing their walls
    When the plan is loaded
    Then the load report lists no plates and has no note about plates

  Scenario Outline: A region that is not a box is refused with one sentence
    Given a drawing in "mm" with a house plate at (0, 0) and another at (20, 0)
    And a manifest whose storey has region = <region>
    When the plan is loaded
    Then loading fails with one sentence saying "<says>"

    Examples:
      | region                 | says                                                        |
      | [0, 0, 10000]          | region must be four numbers [x0, y0, x1, y1] in drawing units |
      | [0, 0, "10", 8000]     | region must be four numbers [x0, y0, x1, y1] in drawing units |
      | [0, 0, true, 8000]     | region must be four numbers [x0, y0, x1, y1] in drawing units |
      | [0, 0, nan, 8000]      | region must be four numbers [x0, y0, x1, y1] in drawing units |
      | [0, 0, inf, 8000]      | region must be four numbers [x0, y0, x1, y1] in drawing units |
      | "0 0 10000 8000"       | region must be four numbers [x0, y0, x1, y1] in drawing units |
      | [10000, 0, 0, 8000]    | is not a box: x0 must be less than x1 and y0 less than y1   |
      | [0, 8000, 10000, 8000] | is not a box: x0 must be less than x1 and y0 less than y1   |

  Scenario: A region with nothing of the plan in it is refused with one sentence naming the plates
    Given a drawing in "mm" with a house plate at (0, 0) and another at (20, 0)
    And a manifest whose storey has region = [100000, 100000, 110000, 110000]
    When the plan is loaded
    Then loading fails with one sentence saying "holds no walls, doors, windows or spaces"
    And the sentence names plate 1 and plate 2 with their boxes

  Scenario: The CLI refuses a bad region with exit status 2 and no traceback
    Given a drawing in "mm" with a house plate at (0, 0) and another at (20, 0)
    And a manifest whose storey has region = [0, 0, 10000]
    When I run "annex preflight project.toml"
    Then the exit status is 2
    And the error is one sentence saying "region must be four numbers"

  Scenario: Plates whose doors are swing arcs and whose windows are lines are found too
    Given a drawing in "mm" with two plates at (0, 0) and (20, 0) whose doors are swing arcs and windows lines
    When the plan is loaded
    Then the load report lists 2 plates, the first around the house at (0, 0) and the second around the one at (20, 0)

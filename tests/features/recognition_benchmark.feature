Feature: The recognition benchmark scores readings against their truth correctly
  `make bench-recognition` draws seeded plans in many real-world styles, reads them
  through the real loader and scores the reading against the plan's truth: doors and
  windows match by kind and by midpoint within 0.3 m, rooms by an intersection over
  union of at least 0.7, and the unit must be the one the drawing is drawn in. These
  scenarios check the scoring and the generator themselves, not how well recognition
  does today: that is the benchmark's figure.

  Scenario: A reading that finds exactly the truth scores 1.0 on every figure
    Given a generated plan in the style "NCS, swing arcs, 3-line windows"
    When a reading equal to its truth is scored
    Then door, window and room precision and recall are all 1.0
    And the unit is counted right

  Scenario: A missing door lowers door recall and nothing else
    Given a generated plan in the style "NCS, swing arcs, 3-line windows"
    When a reading equal to its truth but without its first door is scored
    Then door recall is one door short of 1.0
    And door precision is 1.0
    And window and room precision and recall are all 1.0

  Scenario: A spurious window lowers window precision and nothing else
    Given a generated plan in the style "NCS, swing arcs, 3-line windows"
    When a reading equal to its truth plus a window 3 m from every true one is scored
    Then window precision is one window short of 1.0
    And window recall is 1.0
    And door and room precision and recall are all 1.0

  Scenario: A door read as a window counts for neither
    Given a generated plan in the style "NCS, swing arcs, 3-line windows"
    When a reading equal to its truth but with its first door read as a window is scored
    Then door recall is one door short of 1.0
    And window precision is one window short of 1.0

  Scenario Outline: A door matches its truth within 0.3 m of its midpoint and not beyond
    Given a true door from (0, 0) to (0.9, 0) in metres
    When a door from (<x0>, <y0>) to (<x1>, <y1>) is scored against it
    Then <matched> door is matched

    Examples:
      | x0   | y0   | x1   | y1   | matched | why                                   |
      | 0    | 0    | 0.9  | 0    | 1       | the same door                         |
      | 0.9  | 0    | 0    | 0    | 1       | drawn the other way round             |
      | 0.25 | 0    | 1.15 | 0    | 1       | 0.25 m along the wall                 |
      | 0    | 0.29 | 0.9  | 0.29 | 1       | 0.29 m across: the other wall face    |
      | 0.31 | 0    | 1.21 | 0    | 0       | 0.31 m along                          |
      | 0    | 0.5  | 0.9  | 0.5  | 0       | half a metre away                     |
      | 0.2  | 0    | 0.7  | 0    | 1       | narrower, same middle                 |

  Scenario: Each true door is matched once, however many readings lie near it
    Given a true door from (0, 0) to (0.9, 0) in metres
    When two doors from (0, 0) to (0.9, 0) and from (0.1, 0) to (1.0, 0) are scored against it
    Then 1 door is matched
    And door precision is 0.5

  Scenario Outline: A room matches its truth when their intersection over union is at least 0.7
    Given a true 4 m by 4 m room
    When a room covering the first <share> of its depth is scored against it
    Then <matched> room is matched

    Examples:
      | share | matched |
      | 1.0   | 1       |
      | 0.8   | 1       |
      | 0.71  | 1       |
      | 0.69  | 0       |
      | 0.3   | 0       |

  Scenario: A plan the loader refuses finds nothing and is counted as refused
    Given a generated plan in the style "NCS, swing arcs, 3-line windows"
    And its file is replaced by one that is not a drawing
    When the file is read and scored
    Then door, window and room recall are all 0.0
    And the plan is counted as refused
    And the unit is counted wrong

  Scenario Outline: Every style is written as a plan with a consistent truth
    Given a generated plan in the style "<style>" with seed <seed>
    Then its truth has 1 or more doors, 3 to 12 windows and 2 to 8 rooms that do not overlap
    And the header of its file says what the style says about the unit
    And every swing arc in the file is hinged at a jamb of a true door
    And reading it through the real loader loads it or refuses it in one sentence, never a crash

    Examples:
      | style                                      | seed |
      | NCS, swing arcs, 3-line windows            | 1    |
      | German, double doors, m                    | 2    |
      | Persian R2000 ANSI_1256, cm unitless       | 3    |
      | mm drawing declaring inches                | 4    |
      | rotated 30-60 degrees, site coordinates    | 5    |
      | inches, declared                           | 6    |
      | whole plan in one block (export)           | 7    |
      | mirrored swing arcs (extrusion -Z)         | 8    |
      | nested door blocks, mirrored               | 9    |

  Scenario: The same style and seed write the same plan
    Given a generated plan in the style "Iranian office: Latin layers, bulges, rotated, no units" with seed 4
    When the same style and seed are written again
    Then both files hold the same bytes and both truths are equal

  Scenario: The sweep scores a few styles end to end and reports them against the target
    When the sweep runs the styles "NCS, swing arcs, 3-line windows" and "French, solid hatch walls" with one seed
    Then each style is scored on one plan, with its true openings and rooms counted
    And the report has a row per style, an overall row and a PASS or FAIL for each figure

  Scenario: An office-template style keeps its room-outline layer, defined and empty
    Given a generated plan in the style "NCS template, empty A-AREA, swing arcs"
    Then its drawing defines the layer "A-AREA" and draws nothing on it

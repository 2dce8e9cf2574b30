Feature: The recognition preview and the recognised plan as GeoJSON
  `annex preview PLAN -o preview.svg|.png` draws what was recognised (walls, doors,
  windows, rooms with their names, external openings with an arrow pointing out) in
  distinct colours over the faint original drawing, in the drawing's own frame;
  `--geojson plan.geojson` writes the same elements as a FeatureCollection in metres,
  in the drawing's frame (drawing coordinates times metres per unit, nothing shifted),
  valid against checker/schema/plan.geojson.schema.json.

  Scenario Outline: The GeoJSON of a plan drawn in <unit> is in metres in the drawing's own frame
    Given a plan drawn in "<unit>"
    And the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms
    When I run "annex preview {plan} --geojson {tmp}/plan.geojson"
    Then the exit status is 0
    And the GeoJSON file "plan.geojson" validates against the plan schema
    And the outer wall's first corner in the GeoJSON is its drawing coordinates times <metres_per_unit>
    And each door's line in the GeoJSON runs from jamb to jamb at its drawing coordinates times <metres_per_unit>
    And the GeoJSON holds 4 walls, 2 doors, 1 window and 2 spaces, as the loaded plan does
    And the GeoJSON's units are "<unit>" from "header" at <metres_per_unit> metres per unit

    Examples:
      | unit | metres_per_unit |
      | mm   | 0.001           |
      | cm   | 0.01            |
      | m    | 1.0             |
      | in   | 0.0254          |

  Scenario: The front door is external and the internal door is not, and the rooms keep their names
    Given a plan drawn in millimetres
    And the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms
    When I run "annex preview {plan} --geojson {tmp}/plan.geojson"
    Then the exit status is 0
    And the GeoJSON says the front door is external and the internal door is not
    And the GeoJSON says the window is external
    And the GeoJSON names the spaces "Hall" and "Living room"
    And every GeoJSON feature names its storey, handle, layer, how it was recognised and how sure

  Scenario: A unit given on the command line is the GeoJSON's unit, with its source
    Given a plan drawn in "no unit"
    And the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms
    When I run "annex preview {plan} --units m --geojson {tmp}/plan.geojson"
    Then the exit status is 0
    And the GeoJSON's units are "m" from "user" at 1.0 metres per unit

  Scenario: The SVG preview holds one element per recognised wall, door, window and room, and a legend
    Given a plan drawn in millimetres
    And the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms
    And the plan has a sofa block, turned and with its base point off its corner, on a layer named "FURNITURE"
    When I run "annex preview {plan} -o {tmp}/preview.svg"
    Then the exit status is 0
    And the SVG has one "wall" element per wall, one "door" per door, one "window" per window and one "space" per room, each with its handle
    And the SVG marks the front door and the window "external" with an arrow each, and not the internal door
    And the SVG sets the room names "Hall" and "Living room"
    And the SVG's legend names walls, doors, windows, spaces, the original drawing and external openings
    And the original drawing is drawn in the same frame as the recognised walls
    And the sofa is in the original drawing and nothing recognised

  Scenario: The PNG preview is a picture of the plan in the recognised colours
    Given a plan drawn in millimetres
    And the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms
    When I run "annex preview {plan} -o {tmp}/preview.png"
    Then the exit status is 0
    And "preview.png" is a PNG about 2400 pixels on its long side
    And the PNG shows the walls', doors' and windows' colours

  Scenario: A project's storeys are drawn side by side and written together
    When I run "annex preview {repo}/examples/house/project.toml -o {tmp}/house.svg --geojson {tmp}/house.geojson"
    Then the exit status is 0
    And the output says "Wrote"
    And the GeoJSON file "house.geojson" validates against the plan schema
    And the GeoJSON's storeys are "Ground floor" in "mm" and "First floor" in "m", and its units "mixed"
    And the SVG "house.svg" draws both storeys side by side under their names

  Scenario: Elements inferred from their shape are drawn dashed and say so
    Given a plan drawn in millimetres
    And the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms
    When the plan is loaded
    And the internal door is taken as recognised from geometry with confidence 0.7
    Then its SVG element is classed "inferred" and says "geometry 0.70"
    And its GeoJSON feature says it was inferred from "geometry" with confidence 0.7
    And the legend says what the dashes mean

  Scenario: Several floor plates found in one file are numbered in the preview
    Given a plan drawn in millimetres
    And the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms
    When the plan is loaded
    And its load report has two plates
    Then the SVG numbers the plates 1 and 2
    And the GeoJSON gives the plates in metres

  Scenario Outline: An output the preview cannot write is refused in one sentence
    Given a plan drawn in millimetres
    And the plan shows a flat far from the drawing's origin with a front door, an internal door, a window and two rooms
    When I run "annex preview {plan} <options>"
    Then the exit status is 2
    And the error is one sentence saying "<says>"

    Examples:
      | options                    | says                                |
      | -o {tmp}/preview.pdf       | should end in .svg or .png          |
      | --geojson {tmp}/plan.txt   | should end in .geojson or .json     |
      |                            | needs an output                     |
      | -o {tmp}/p.jpg --geojson - | should end in .svg or .png          |

  Scenario: A real architect's plan is previewed over its own drawing, in its own frame
    Given a layer mapping file "layers.toml" taking Walls as walls, Doors as doors and Crystal as windows
    When I run "annex preview {corpus}/yorikvanhavre__barcelona-pavillion__plan.dxf --layers {tmp}/layers.toml -o {tmp}/bcn.png --geojson {tmp}/bcn.geojson"
    Then the exit status is 0
    And the GeoJSON file "bcn.geojson" validates against the plan schema
    And the GeoJSON holds walls, each drawn as a LINE lying on that line's drawing coordinates times its metres per unit
    And "bcn.png" is a PNG about 2400 pixels on its long side

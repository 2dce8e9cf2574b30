Feature: The plan drawing with findings
  Each storey is drawn from the plan model as SVG; every finding shown is a numbered
  marker in its status colour on the storey it concerns, with its measured line; the
  drawing holds no text from the DXF, whose labels are left to the page around it.

  Scenario: Every shown finding is a numbered marker in its status colour on its own storey
    Given the bundled example checked under "ir-police-annex"
    When each storey is drawn with the failing and unjudged findings numbered
    Then every numbered finding has exactly one marker, on the storey of its marks
    And failing markers are red and unjudged markers amber
    And every finding with a measured line draws it dashed in its colour

  Scenario: Room names are returned as labels for the page, never set in the SVG
    Given the bundled example checked under "ir-police-annex"
    When each storey is drawn with the failing and unjudged findings numbered
    Then the ground floor's labels include "Living" and "Kitchen" within the drawing
    And no room name appears in any SVG

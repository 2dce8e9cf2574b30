Feature: Plans at the building's scale, with markers that never overlap
  Every storey of a plan is drawn in one frame around the building, so the storeys
  share one scale; a site much larger than the building is left to a site view. A
  marker whose place another marker has taken moves to the nearest free place, joined
  to its element by a leader line, in the SVG as in the PDF annex's picture.

  Scenario: Every storey of a project is drawn at the same scale
    Given the bundled example checked under "ir-police-annex"
    When each storey is drawn in the plan's frame with the failing and unjudged findings numbered
    Then every storey's drawing has the same view box
    And the view box is the building's, not the whole site's, which is given as the site view

  Scenario: No two markers on a storey overlap, and a moved marker has a leader line to its element
    Given the bundled example checked under "ir-police-annex"
    When each storey is drawn in the plan's frame with the failing and unjudged findings numbered
    Then no two markers' bounding boxes on a storey overlap
    And every marker away from its element has one leader line ending at the marker's centre

  Scenario: Markers asked for the same spot are spread apart
    Given 40 markers anchored at one point of a 20 m by 15 m drawing
    When they are spread
    Then no two of the spread markers' bounding boxes overlap
    And every spread marker lies inside the drawing

  Scenario: The annex names the provisional figures a finding relies on in words, not by their parameter names
    Given the bundled example checked under "ir-police-annex"
    When the annex HTML is made in English and in Persian
    Then each lists the provisional figures in the catalogue's words, with no parameter name such as "required_class"

  Scenario: The annex shows the whole site beside a plan framed on the building, the drawn part outlined
    Given the bundled example checked under "ir-police-annex"
    When the annex HTML is made in English and in Persian
    Then every plan page holds an inset of the whole site whose outlined rectangle is the plans' frame

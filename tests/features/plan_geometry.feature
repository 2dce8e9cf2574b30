Feature: The plan model's geometry
  A loaded plan is in metres whatever the drawing unit. It derives what the
  drawing implies: the building's footprint, the wall each opening sits in and
  which side of an envelope opening is outside. Spaces are named by the text
  inside them; access surfaces, fences and lights carry their heights and places;
  every element keeps the DXF handle and layer it came from.

  Scenario Outline: The footprint covers the building to the outer face of its walls
    Given a plan drawn in millimetres
    And the walls of a <shape> house, 0.3 m thick, are drawn around their centre line
    When the plan is loaded
    Then the footprint's area is <area> m² within 2 %
    And the footprint spans (-0.15, -0.15) to (10.15, 8.15) within 0.05 m
    And the point (<inside>) is inside the footprint
    And the point (<outside>) is outside the footprint

    Examples:
      | shape          | area  | inside | outside  |
      | 10 m by 8 m    | 85.49 | 5, 4   | 11, 4    |
      | L-shaped       | 70.49 | 2, 7   | 7.5, 6.5 |

  Scenario: The house's front door and window face out of the house
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When the plan is loaded
    Then the house's door is on the envelope, facing (0, -1)
    And the house's window is on the envelope, facing (0, 1)

  Scenario Outline: A door in an outer wall faces away from the house whichever way it is drawn
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a door from (<from>) to (<to>) swinging <swing>
    When the plan is loaded
    Then the new door is on the envelope, facing (<nx>, <ny>)

    Examples:
      | from  | to    | swing | nx | ny |
      | 6, 0  | 7, 0  | left  | 0  | -1 |
      | 7, 0  | 6, 0  | left  | 0  | -1 |
      | 6, 0  | 7, 0  | right | 0  | -1 |
      | 10, 3 | 10, 4 | left  | 1  | 0  |
      | 10, 4 | 10, 3 | right | 1  | 0  |
      | 2, 8  | 3, 8  | left  | 0  | 1  |
      | 0, 4  | 0, 3  | left  | -1 | 0  |
      | 0, 3  | 0, 4  | right | -1 | 0  |

  Scenario: A door in an internal wall is not on the envelope
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a door from (5, 3) to (5, 4) swinging left
    And an internal wall from (5, 0.15) to (5, 7.85), 0.1 m thick
    When the plan is loaded
    Then the new door is not on the envelope
    And the new door sits in the internal wall

  Scenario Outline: Each opening names the wall it sits in by the wall's handle
    Given a plan drawn in millimetres
    And the plan shows a house drawn element by element
    When the plan is loaded
    Then the <opening> sits in <wall>

    Examples:
      | opening          | wall              |
      | front door       | the outer walls   |
      | back door        | the outer walls   |
      | window           | the outer walls   |
      | internal door    | the internal wall |
      | door in mid-room | no wall           |
      | far window       | no wall           |

  Scenario Outline: Openings away from the outline are not on the envelope
    Given a plan drawn in millimetres
    And the plan shows a house drawn element by element
    When the plan is loaded
    Then the <opening> is not on the envelope

    Examples:
      | opening          |
      | internal door    |
      | door in mid-room |
      | far window       |

  Scenario Outline: A space is named by the text inside it and its use is read from a USE= label or its name
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a room "<name>" is drawn inside the house with <label>
    When the plan is loaded
    Then the plan has one space, named "<name>", used as <use>

    Examples:
      | name        | label             | use         |
      | Bedroom 2   | no USE label      | habitable   |
      | Living room | no USE label      | habitable   |
      | Slaapkamer  | no USE label      | habitable   |
      | Hall        | no USE label      | circulation |
      | Landing     | no USE label      | circulation |
      | Garage      | no USE label      | garage      |
      | Berging     | no USE label      | storage     |
      | Bike store  | no USE label      | storage     |
      | WC          | no USE label      | wet         |
      | Plant room  | no USE label      | other       |
      | Kamer       | the label storage | storage     |
      | Plant room  | the label communal| communal    |
      | Hall        | the label bogus   | circulation |

  Scenario: A space with no text inside it has no name and an unknown use
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a room outline from (12, 0) to (18, 6) with no text
    When the plan is loaded
    Then the room at (15, 3) has no name and is used as unknown

  Scenario Outline: A text inside a small room inside a larger outline names the small room only
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a room outline from (12, 0) to (18, 6) <outer>
    And a room outline from (13, 1) to (14, 2) named "Berging"
    When the plan is loaded
    Then the room at (13.5, 1.5) is named "Berging" and used as storage
    And the room at (16, 4) <outer result>

    Examples:
      | outer               | outer result                           |
      | with no text        | has no name and is used as unknown     |
      | named "Garage"      | is named "Garage" and used as garage   |
      | named "Plant room"  | is named "Plant room" and used as other |

  Scenario Outline: An access surface's kind comes from its layer and its height from its elevation, in metres
    Given a plan drawn in "<unit>"
    And the plan shows a 10 m by 8 m house with a front door and a window
    And an access surface on layer "<layer>", <height> m above ground
    When the plan is loaded
    Then the access surface is a <kind>, <height> m above ground

    Examples:
      | layer       | unit | height | kind         |
      | A-ROOF      | mm   | 2.7    | roof         |
      | A-ROOF      | m    | 2.7    | roof         |
      | A-ROOF      | in   | 2.7    | roof         |
      | A-ROOF-FLAT | ft   | 3.1    | roof         |
      | A-BALC      | mm   | 3      | balcony      |
      | A-BALC-02   | cm   | 5.8    | balcony      |
      | A-ROOF-CLMB | mm   | 1.2    | climbing_aid |
      | A-ROOF-BIN  | mm   | 1.4    | climbing_aid |
      | A-ROOF-SHED | m    | 2      | climbing_aid |

  Scenario Outline: An access surface's slope is read from a SLOPE label inside it
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And an access surface on layer "A-ROOF", 2.7 m above ground, labelled <label>
    When the plan is loaded
    Then the access surface's slope is <slope>

    Examples:
      | label               | slope |
      | "SLOPE=5"           | 5     |
      | "slope: 7,5 deg"    | 7.5   |
      | "SLOPE 30°"         | 30    |
      | "Slope=12.5degrees" | 12.5  |
      | "PITCH 30"          | unset |
      | nothing             | unset |

  Scenario Outline: A fence's height is its thickness, in metres
    Given a plan drawn in "<unit>"
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a fence along the south of the site, <height> m high
    When the plan is loaded
    Then the fence is an open line <height read>

    Examples:
      | unit | height | height read   |
      | mm   | 1.8    | 1.8 m high    |
      | in   | 1.8    | 1.8 m high    |
      | m    | 2.4    | 2.4 m high    |
      | mm   | 0      | of no height  |

  Scenario Outline: A light is a point where its block is inserted
    Given a plan drawn in "<unit>"
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a light at (4.5, -0.5)
    When the plan is loaded
    Then the plan has one light, a "LIGHT" block at the point (4.5, -0.5)

    Examples:
      | unit |
      | mm   |
      | in   |

  Scenario: Every element keeps the handle and layer it was drawn with
    Given a plan drawn in millimetres
    And the plan shows a house drawn element by element
    When the plan is loaded
    Then every element carries the handle and layer it was drawn with, and nothing else is in the plan

  Scenario Outline: The same plan drawn in any unit gives the same geometry in metres
    Given the house drawn element by element in "<unit>" and, for reference, in metres
    When the plan is loaded
    Then the plan loads
    And its geometry in metres matches the reference within 1e-6 relative

    Examples:
      | unit |
      | mm   |
      | cm   |
      | in   |
      | ft   |

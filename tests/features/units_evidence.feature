Feature: Units inferred from the drawing's own sizes
  When $INSUNITS is missing, unitless or contradicted by the drawing, the unit is
  inferred from door swings, wall thicknesses and the other sizes a floor plan
  carries, used, and said with its evidence. A header the evidence agrees with is
  kept; the user's unit still wins; evidence that is thin or mixed infers nothing.

  Scenario Outline: A house with swing doors and 30 cm walls is read in the unit it is drawn in, whatever its header says
    Given a house drawn in "<drawn>" with 4 swing doors and 30 cm walls
    And its header is <header>
    When the house is loaded
    Then the units used are "<drawn>" with source "<source>"
    And the house is about 10.3 m long

    Examples:
      | drawn | header    | source   |
      | mm    | right     | header   |
      | mm    | wrong     | inferred |
      | mm    | missing   | inferred |
      | mm    | unitless  | inferred |
      | cm    | right     | header   |
      | cm    | wrong     | inferred |
      | cm    | missing   | inferred |
      | cm    | unitless  | inferred |
      | m     | right     | header   |
      | m     | wrong     | inferred |
      | m     | missing   | inferred |
      | m     | unitless  | inferred |
      | in    | right     | header   |
      | in    | wrong     | inferred |
      | in    | missing   | inferred |
      | in    | unitless  | inferred |
      | ft    | right     | header   |
      | ft    | wrong     | inferred |
      | ft    | missing   | inferred |
      | ft    | unitless  | inferred |

  Scenario: An inferred unit says which sizes point to it
    Given a house drawn in "mm" with 4 swing doors and 30 cm walls
    And its header is wrong
    When the house is loaded
    Then the units message says "The header says inches, but door swings 0.90–0.90 m wide (4) and walls 0.30–0.30 m thick"
    And the units message says "only in millimetres, so the drawing is read in millimetres (10.3 m long)"
    And the units evidence in the JSON names "doors" and "walls"

  Scenario: The user's unit wins over the evidence
    Given a house drawn in "mm" with 4 swing doors and 30 cm walls
    And its header is unitless
    And the user says the unit is "cm"
    When the house is loaded
    Then the units used are "cm" with source "user"

  Scenario Outline: Doors drawn as blocks without attributes, or with their leaf as a thin rectangle, are door evidence
    Given a house drawn in "mm" with 4 doors drawn as <doors> and 30 cm walls
    And its header is wrong
    When the house is loaded
    Then the units used are "mm" with source "inferred"

    Examples:
      | doors                                               |
      | a quarter arc and a leaf rectangle                  |
      | a block without attributes holding a quarter arc    |

  Scenario: Quarter arcs without leaves are not door evidence
    Given a house drawn in "mm" with 4 leafless quarter arcs and 30 cm walls
    And its header is unitless
    When the house is loaded
    Then the units used are "mm" with source "assumed"

  Scenario: Mixed evidence infers nothing and falls back to the extents
    Given a house drawn in "mm" with 4 swing doors 0.9 mm wide and 30 cm walls
    And its header is unitless
    When the house is loaded
    Then the units used are "mm" with source "assumed"

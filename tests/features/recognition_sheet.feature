Feature: Roof plans drawn beside a floor plan are left out of it
  A sheet often holds the floor plan and, beside it, the roof plan: the roof's outline,
  its hips and ridges drawn as lines on a roof layer, perhaps the parapets or garden
  walls seen from above. Read as part of the plan, its lines would be walls and roofs
  one can stand on where there is nothing. A drawing standing apart on the sheet, with
  no door swing, no door or window block and no room outline, is a roof plan when its
  lines on roof layers outweigh its walls, or when its title names it a roof plan; it is
  left out, and the load report says so. A flat roof drawn as a closed outline, or an
  upper floor drawn beside the plan, stays.

  The house is 10 m by 8 m, double-line walls on "A-WALL", two swing-arc doors on
  "A-DOOR"; what is drawn beside it stands 6 m north of it.

  Scenario: A hip-roof plan beside the floor plan is left out, and the load report says so
    Given a house with two swing-arc doors
    And its hip-roof plan drawn 6 m north of it, with the roof's lines on layer "A-ROOF" and its parapets on "A-WALL"
    When the drawing is loaded
    Then nothing of the plan lies north of the house
    And the load report says "sheet with 1 roof plans beside the floor plan, left out"

  Scenario: A roof plan on a layer of no role is left out when its title names it a roof plan
    Given a house with two swing-arc doors
    And its hip-roof plan drawn 6 m north of it, with the roof's lines on layer "SKETCH" and its parapets on "A-WALL"
    And the text "ROOF PLAN 1:100" under the roof plan
    When the drawing is loaded
    Then nothing of the plan lies north of the house
    And the load report says "sheet with 1 roof plans beside the floor plan, left out"

  Scenario: A flat roof drawn as a closed outline beside the house stays an access surface
    Given a house with two swing-arc doors
    And a flat roof drawn as a closed outline 6 m north of it on layer "A-ROOF"
    When the drawing is loaded
    Then the plan has 1 access surface north of the house
    And the load report says nothing about roof plans

  Scenario: An upper floor drawn beside the plan without doors is kept
    Given a house with two swing-arc doors
    And its upper floor drawn 6 m north of it, walls only, on layer "A-WALL"
    When the drawing is loaded
    Then the plan has walls north of the house
    And the load report says nothing about roof plans

Feature: Layer roles
  Each layer of a drawing plays a role (walls, doors, windows, spaces...) by its
  name: the names a user maps to a role first, compared case-insensitively with
  ".", "_" and spaces counting as "-", then what the name itself says (a standard
  code such as the US National CAD Standard's, or a plain word: layer_names.feature).
  Layers that play no role are listed; layers that are off or frozen are ignored
  and reported.

  Scenario Outline: A standard layer name is recognised whatever its case and separators
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a <element> is drawn on layer "<layer>"
    When the plan is loaded
    Then the plan loads
    And the layer "<layer>" is read as <role>

    Examples:
      | layer           | element       | role    |
      | a-wall          | wall          | walls   |
      | A-WALL-EXTR     | wall          | walls   |
      | A.Wall_Internal | wall          | walls   |
      | a wall int      | wall          | walls   |
      | a-door-int      | door          | doors   |
      | A_Glaz          | window        | windows |
      | a.wind.2        | window        | windows |
      | A-AREA-IDEN     | space         | spaces  |
      | a_balc          | balcony       | access  |
      | A-ROOF-FLAT     | roof          | access  |
      | c-prop-line     | site boundary | site    |
      | C.Road          | public realm  | public  |
      | l_site_fenc     | fence         | fences  |
      | E-LITE-EXT      | light         | lights  |
      | WALL            | wall          | walls   |
      | AWALL           | wall          | no role |
      | X-A-WALL        | wall          | walls   |
      | A-WALL-DIMS     | wall          | no role |
      | A-DOOR-DEMO     | door          | no role |

  Scenario Outline: A user's mapping gives roles to layer names the standard does not know
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the user maps walls to "Walls", "Wand (neu)"
    And the user maps doors to "A-325G - Internal Doors"
    And a <element> is drawn on layer "<layer>"
    When the plan is loaded
    Then the plan loads
    And the layer "<layer>" is read as <role>

    Examples:
      | layer                   | element | role    |
      | Walls                   | wall    | walls   |
      | WALLS                   | wall    | walls   |
      | Wand (neu)              | wall    | walls   |
      | wand_(neu)              | wall    | walls   |
      | A-325G - Internal Doors | door    | doors   |
      | a-325g_-_internal.doors | door    | doors   |
      | Wand (alt)              | wall    | walls   |
      | Walls 2                 | wall    | walls   |
      | Wxnd (neu)              | wall    | no role |
      | A-WALL                  | wall    | walls   |

  Scenario: A user's mapping is tried before the standard names
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the user maps spaces to "A-WALL-AREA"
    And a space is drawn on layer "A-WALL-AREA"
    When the plan is loaded
    Then the layer "A-WALL-AREA" is read as spaces
    And the plan has 2 walls

  Scenario Outline: A mapping file given with --layers maps the layers end to end
    Given a plan drawn in millimetres
    And the house is drawn with its walls on layer "Walls" and its doors on layer "A-325G - Internal Doors"
    And a mapping file layers.toml <form>
    When I run "annex preflight {plan} --layers {tmp}/layers.toml"
    Then the exit status is 0
    And the preflight lists 2 walls on "Walls"
    And the preflight lists 1 doors on "A-325G - Internal Doors"

    Examples:
      | form                        |
      | with a [layers] table       |
      | with roles at the top level |

  Scenario: Without the mapping file the same plan loads by what its layer names say
    Given a plan drawn in millimetres
    And the house is drawn with its walls on layer "Walls" and its doors on layer "A-325G - Internal Doors"
    When I run "annex preflight {plan}"
    Then the exit status is 0
    And the preflight lists 2 walls on "Walls"
    And the preflight lists 1 doors on "A-325G - Internal Doors"

  Scenario Outline: A mapping file that cannot be used is refused in one sentence
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the file layers.toml holds "<toml>"
    When I run "annex preflight {plan} --layers {tmp}/layers.toml"
    Then the exit status is 2
    And the error is one sentence saying "<message>"

    Examples:
      | toml                             | message                                              |
      | wals = ["Walls"]                 | unknown layer role 'wals'; the roles are walls, doors |
      | layers = {lamps = ["Lights"]}    | layers.toml [layers]: unknown layer role 'lamps'     |
      | walls = 3                        | walls must be a layer name or a list of layer names  |
      | walls = ["Walls", " "]           | walls must be a layer name or a list of layer names  |
      | walls = [                        | layers.toml is not valid TOML                        |

  Scenario: A mapping file that does not exist is refused in one sentence
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex preflight {plan} --layers {tmp}/missing.toml"
    Then the exit status is 2
    And the error is one sentence saying "missing.toml does not exist"

  Scenario: Layers that play no role are listed as unmapped
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And 3 lines are drawn on layer "A-FURN"
    And 1 line is drawn on layer "Cancel"
    When the plan is loaded
    Then the unmapped layers are A-FURN (3), Cancel (1)
    And the plan has 2 walls

  Scenario: Preflight lists the layers that play no role
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And 3 lines are drawn on layer "A-FURN"
    And 1 line is drawn on layer "Cancel"
    When I run "annex preflight {plan}"
    Then the exit status is 0
    And the output says "Unmapped layers: A-FURN (3), Cancel (1)"

  Scenario Outline: Whatever is on a layer that is off or frozen is ignored and reported
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a <element> is drawn on layer "<layer>", which is <state>
    When the plan is loaded
    Then the plan loads
    And nothing from layer "<layer>" is in the plan
    And the layer "<layer>" is reported hidden with <entities> entities
    And the plan holds only the house's 2 walls, 1 door and 1 window

    Examples:
      | element | layer        | state  | entities |
      | door    | A-DOOR-OLD   | frozen | 1        |
      | door    | A-DOOR-OLD   | off    | 1        |
      | wall    | A-WALL-DEMO  | off    | 1        |
      | wall    | A-WALL-DEMO  | frozen | 1        |
      | window  | A-GLAZ-PHASE | frozen | 1        |
      | space   | A-AREA-OLD   | off    | 2        |
      | light   | E-LITE-OLD   | frozen | 1        |
      | fence   | L-FENC-OLD   | off    | 1        |

  Scenario: Preflight names the layers it ignored because they are off or frozen
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a door is drawn on layer "A-DOOR-OLD", which is frozen
    And a wall is drawn on layer "A-WALL-DEMO", which is off
    When I run "annex preflight {plan}"
    Then the exit status is 0
    And the output says "Ignored, layer off or frozen: A-DOOR-OLD (1), A-WALL-DEMO (1)"
    And the preflight lists 1 doors on "A-DOOR"

Feature: Real drawings from public projects
  Every file in the shared corpus either loads or is refused with one clear
  sentence; none ends in a traceback, and wrong or missing units are flagged.

  Scenario Outline: A corpus file is loaded or refused clearly, never with a traceback
    When I run "annex preflight {corpus}/<file>"
    Then the corpus run ends with "<outcome>"
    And the corpus run says "<says>"

    Examples:
      | file                                                          | outcome | says                                          |
      | Evil-Spirit__TheHouseBuiltByProgrammer__plan.dxf              | refused | none of its layers (dimensions, s001-#def-active-grp) |
      | gdsestimating__three-dxf__api-cw750-details.dxf               | refused | has no floor-plan content                     |
      | mozman__ezdxf__bin_dxf_r14.dxf                                | refused | has no floor-plan content                     |
      | mozman__ezdxf__recover01.dxf                                  | refused | it was damaged; 68 repairs were made          |
      | mozman__ezdxf__wipeout_door.dxf                               | loaded  | Units declared in the header: inches          |
      | yorikvanhavre__barcelona-pavillion__pabellon_de_barcelona.dxf | loaded  | on Walls                                      |
      | yorikvanhavre__barcelona-pavillion__plan.dxf                  | loaded  | Units declared in the header: metres          |
      | yorikvanhavre__barcelona-pavillion__plan_exported.dxf         | refused | has no floor-plan content                     |

  Scenario Outline: A corpus plan whose layers are mapped loads, and its units are judged
    When I run "annex preflight {corpus}/<file> --layers <mapping> --json {tmp}/preflight.json"
    Then the corpus run ends with "loaded"
    And the preflight JSON reports units "<used>" from the <source>, <plausibility>
    And the preflight JSON counts at least <walls> walls

    Examples:
      | file                                                          | mapping                   | used | source  | plausibility  | walls |
      | yorikvanhavre__barcelona-pavillion__plan.dxf                  | barcelona-layers.toml     | m    | header  | plausible     | 50    |
      | yorikvanhavre__barcelona-pavillion__pabellon_de_barcelona.dxf | barcelona-layers.toml     | m    | inferred | plausible    | 50    |
      | yorikvanhavre__barcelona-pavillion__plan_exported.dxf         | layer-0-walls.toml        | mm   | assumed | plausible     | 1000  |
      | Evil-Spirit__TheHouseBuiltByProgrammer__plan.dxf              | solvespace-walls.toml     | m    | assumed | plausible     | 8     |
      | mozman__ezdxf__recover01.dxf                                  | layer-0-walls.toml        | cm   | assumed | plausible     | 1000  |

  Scenario: The pavilion drawn in metres but declared in inches is read in metres, and PLAN-01 warns that the unit was inferred
    When I run "annex check {corpus}/yorikvanhavre__barcelona-pavillion__pabellon_de_barcelona.dxf --layers barcelona-layers.toml"
    Then the exit status is 1
    And the output says "FAIL PLAN-01 (warning)"
    And the output says "The header says inches, but door swings"
    And the output says "so the drawing is read in metres"

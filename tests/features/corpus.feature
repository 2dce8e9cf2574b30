Feature: Real drawings from public projects
  Every file in the shared corpus either loads or is refused with one clear
  sentence; none ends in a traceback, and wrong or missing units are flagged.

  Scenario Outline: A corpus floor plan loads with what a person sees in its preview
    When the corpus file "<file>" is preflighted
    Then it loads in <unit> with <walls> walls, <doors> doors, <windows> windows and <rooms> rooms

    # Ranges read off each file's preview (annex preview FILE -o x.png) and the ground
    # truth in benchmarks/corpus_truth.toml; the pavilion's 6 doors are certain, and its
    # glazing is a window per pane between mullions (5 in the service block, 26 in the
    # glass walls). The
    # ezdxf door sample (a 3.6 m wall with two door blocks and their exploded copies)
    # declares inches, but its 0.93 m swings and 0.10 m walls are millimetres.
    Examples:
      | file                                                          | unit | walls   | doors | windows | rooms |
      | yorikvanhavre__barcelona-pavillion__plan.dxf                  | m    | 40-120  | 6-6   | 25-35   | 3-6   |
      | yorikvanhavre__barcelona-pavillion__pabellon_de_barcelona.dxf | m    | 60-130  | 6-8   | 25-35   | 3-6   |
      | yorikvanhavre__barcelona-pavillion__plan_exported.dxf         | mm   | 200-600 | 0-0   | 0-2     | 0-6   |
      | Evil-Spirit__TheHouseBuiltByProgrammer__plan.dxf              | m    | 6-8     | 0-0   | 0-0     | 0-7   |
      | mozman__ezdxf__wipeout_door.dxf                               | mm   | 2-2     | 4-4   | 0-0     | 0-0   |

  Scenario: The SolveSpace site plan reads its plot as the site boundary and its buildings' outlines as walls from geometry
    When the corpus file "Evil-Spirit__TheHouseBuiltByProgrammer__plan.dxf" is preflighted
    Then the corpus plan has 1 site boundary
    And every wall of the corpus plan was recognised from geometry

  Scenario: The pavilion's four elevations beside its plans are left out, and the report says so
    When the corpus file "yorikvanhavre__barcelona-pavillion__pabellon_de_barcelona.dxf" is preflighted
    Then the corpus report notes "sheet with 4 elevations beside the floor plan, left out"

  Scenario: The pavilion's roof plan above its floor plan is left out, and the report says so
    When the corpus file "yorikvanhavre__barcelona-pavillion__pabellon_de_barcelona.dxf" is preflighted
    Then the corpus report notes "sheet with 1 roof plans beside the floor plan, left out"
    And the corpus plan has no wall north of y = 23 m

  Scenario Outline: A corpus file that is no floor plan is refused with one sentence saying what it is
    When the corpus file "<file>" is preflighted
    Then it is refused with one sentence saying "<says>"
    And the refusal does not blame the layer names

    Examples:
      | file                                            | says                                                    |
      | gdsestimating__three-dxf__api-cw750-details.dxf | looks like a detail sheet, not a floor plan             |
      | mozman__ezdxf__bin_dxf_r14.dxf                  | has no floor-plan content: only 3 straight lines (on 0) |
      | mozman__ezdxf__recover01.dxf                    | 68 repairs were made) looks like an elevation, not a floor plan: the text 'East Elevation' |

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
    When I run "annex check {corpus}/yorikvanhavre__barcelona-pavillion__pabellon_de_barcelona.dxf --layers barcelona-layers.toml --json -"
    Then the exit status is 1
    And the output says ""rule": "PLAN-01", "title": "Drawing units declared and plausible", "status": "fail", "severity": "warning""
    And the output says "The header says inches, but door swings"
    And the output says "so the drawing is read in metres"

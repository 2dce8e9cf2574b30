Feature: Fast reading of the modelspace
  A plan's common entities (lines, straight polylines, texts, and the door, window and
  light blocks with their attributes) are read from the file's tags as light records
  instead of ezdxf objects, because building those objects was two thirds of a check.
  What a plan is read as never depends on it: extraction through the light records
  gives exactly what it gives through ezdxf's own document, and whatever the light
  reading cannot promise that for is read ezdxf's whole way.

  Scenario Outline: A corpus file gives the same extraction through the light records as through ezdxf's document
    Given the corpus file "<file>"
    When it is read both ways and extracted
    Then both readings give the same extraction

    Examples:
      | file                                                             |
      | Evil-Spirit__TheHouseBuiltByProgrammer__plan.dxf                 |
      | gdsestimating__three-dxf__api-cw750-details.dxf                  |
      | mozman__ezdxf__bin_dxf_r14.dxf                                   |
      | mozman__ezdxf__recover01.dxf                                     |
      | mozman__ezdxf__wipeout_door.dxf                                  |
      | yorikvanhavre__barcelona-pavillion__pabellon_de_barcelona.dxf    |
      | yorikvanhavre__barcelona-pavillion__plan.dxf                     |
      | yorikvanhavre__barcelona-pavillion__plan_exported.dxf            |

  Scenario: Doors, windows and lights placed in every way give the same openings through the light records
    Given a drawing with door, window and light blocks rotated, scaled, mirrored, with extrusion -1, with a moved base point, with attributes, XDATA and reactors
    And the drawing has nested wall blocks, a MINSERT grid of doors, bulged and tilted polylines and aligned texts
    When it is read both ways and extracted
    Then both readings give the same extraction
    And the light reading took the plain doors, windows, lights, lines, polylines and texts as records
    And the extraction has 12 openings and 2 lights
    And both readings count the same entities once expanded, for the reading limits

  Scenario: Entities in a paperspace layout are not read into the plan by the light records
    Given a drawing with a wall in the modelspace and a wall on a paperspace layout
    When it is read both ways and extracted
    Then both readings give the same extraction
    And the extraction has 1 wall shape

  Scenario: Doors on frozen or switched-off layers stay hidden through the light records
    Given a drawing with door blocks on a frozen layer and on a switched-off layer
    When it is read both ways and extracted
    Then both readings give the same extraction
    And the extraction has 0 openings

  Scenario: Entities written without handles are read ezdxf's whole way
    Given a drawing whose entities have no handles
    When it is read both ways and extracted
    Then both readings give the same extraction
    And the light reading took nothing as records

  Scenario: A wall whose handle is no hexadecimal number is recovered exactly as before
    Given a drawing whose wall has the handle "EOF"
    When it is read both ways and extracted
    Then both readings were recovered with the same repairs
    And both readings give the same extraction

  Scenario Outline: A line written with the handle of an entity left to ezdxf is read ezdxf's whole way
    Given a drawing whose wall line has its bulged polyline's handle written <how>
    When it is read both ways and extracted
    Then both readings give the same extraction
    And the light reading took nothing as records

    Examples:
      | how               |
      | as it is          |
      | in small letters  |
      | with a leading 0  |

  Scenario: The light records are held packed, and made again only while the modelspace is walked
    Given the benchmark's block of flats 3 flats on a side
    When it is read both ways and extracted
    Then no light record is alive while the light reading holds every one of them packed

  Scenario: A door block whose attributes never end is refused with the same sentence as before
    Given a drawing whose door block's attributes are not closed by a SEQEND
    When it is read both ways and extracted
    Then both readings refuse it with the same sentence

  Scenario: A file with a structure error is recovered with the same repairs as before
    Given a drawing whose ENTITIES section has no ENDSEC
    When it is read both ways and extracted
    Then both readings were recovered with the same repairs
    And both readings give the same extraction

  Scenario: Copies of a plan damaged at random read the same through the light records as through ezdxf's document
    Given a drawing with door, window and light blocks rotated, scaled, mirrored, with extrusion -1, with a moved base point, with attributes, XDATA and reactors
    And the drawing has nested wall blocks, a MINSERT grid of doors, bulged and tilted polylines and aligned texts
    When 60 copies of it, each with a few tags changed, dropped, added or doubled, are read both ways
    Then every copy gives the same refusal, repairs and extraction both ways

  Scenario: Every entity of the benchmark's block of flats is read as a light record
    Given the benchmark's block of flats 3 flats on a side
    When it is read both ways and extracted
    Then both readings give the same extraction
    And the light reading took every modelspace entity as a record

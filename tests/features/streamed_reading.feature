Feature: Streamed reading of big files
  A DXF file from 16 MB on is read in chunks (issue 12): its bytes are hashed and
  decoded a chunk at a time, its tags and light records are made as the text goes by,
  and only what ezdxf must build is kept as tags; neither the whole byte string nor the
  whole text is ever held. What a file is read as never depends on it: the report (hash,
  size, encoding and its note, repairs) and the extraction are those of the whole read.

  Scenario Outline: A corpus file read in small chunks gives the same report and extraction as read whole
    Given the corpus file "<file>"
    And files are streamed 4096 bytes at a time
    When it is read whole and streamed, plainly and with light records, and extracted
    Then the streamed readings give the same reports and extractions as the whole ones

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

  Scenario Outline: A Persian plan cut into chunks mid-character and mid-line reads the same streamed as whole
    Given a <version> Persian plan stored as <stored> with <ends> line ends
    And files are streamed <size> bytes at a time
    When it is read whole and streamed, plainly and with light records, and extracted
    Then the streamed readings give the same reports and extractions as the whole ones
    And the streamed reading found the Persian text

    Examples:
      | version | stored                             | ends | size |
      | R2000   | escapes                            | CRLF | 7    |
      | R2000   | ANSI_1256 bytes declared ANSI_1252 | CRLF | 5    |
      | R12     | ANSI_1256 bytes undeclared         | LF   | 3    |
      | R2010   | UTF-8                              | CRLF | 5    |
      | R2000   | UTF-8 bytes declared ANSI_1252     | LF   | 3    |

  Scenario: The benchmark's block of flats reads the same streamed as whole
    Given the benchmark's block of flats 6 flats on a side
    And files are streamed 65536 bytes at a time
    When it is read whole and streamed, plainly and with light records, and extracted
    Then the streamed readings give the same reports and extractions as the whole ones

  Scenario: A streamed read never holds the file's bytes or its text whole
    Given the benchmark's block of flats 12 flats on a side
    And files are streamed 65536 bytes at a time
    When it is read whole and streamed with light records, tracing memory
    Then the streamed reading's peak is below the whole reading's by at least the file's size
    And no read of the streamed file asked for more than a chunk
    And the streamed read read each of the file's bytes from disk once

  Scenario: A file whose one line never ends reads streamed exactly as whole, without holding the line twice
    Given a file that opens a section and then holds 5 MB on one line
    And files are streamed 65536 bytes at a time
    When it is read whole and streamed, plainly and with light records, and extracted
    Then the streamed readings give the same reports and extractions as the whole ones
    And the streamed reading left the long line to the whole read

Feature: The results JSON is written as a stream
  A large plan's results JSON is hundreds of megabytes (issue 12): `annex check --json`
  writes it piece by piece as each finding is encoded, never as one string. The bytes
  are those the JSON always had: the head indented, then one opening and one finding
  per line, whether it goes to a file, to standard output or, beside the PDF annex, is
  made whole.

  Scenario Outline: The streamed results JSON is byte for byte the JSON made whole
    Given <plan> checked in this process at a fixed moment
    When annex check writes its JSON to a file, to standard output, and beside a PDF annex
    Then the three JSON outputs are the same bytes
    And they are byte for byte the results laid out as one string, head indented and one item per line
    And they read back as the results' JSON

    Examples:
      | plan                                          |
      | the example house project                     |
      | the benchmark's block of flats, 6 flats a side |

  Scenario: Writing the results JSON never holds its whole text
    Given the benchmark's block of flats, 10 flats a side checked in this process at a fixed moment
    When its results JSON is written to a file while memory is traced
    Then the file holds the results laid out as one string
    And the memory taken while writing stayed under a quarter of the text's size

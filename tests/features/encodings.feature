Feature: Text encodings of old DXF files
  Files before R2007 keep their text in the code page $DWGCODEPAGE names; \U+XXXX
  escapes stand for characters the page lacks. Persian layer names and texts come out
  as the right Unicode, and a file whose bytes are plainly Persian in ANSI_1256 while
  its header names a Western page, or none, is read as ANSI_1256 and the load report
  says so.

  Scenario Outline: Persian layer names and texts read right whatever way the file stores them
    Given a <version> plan with a wall layer "دیوار" and a text "اتاق خواب" stored as <stored>
    When the Persian plan is loaded with walls on "دیوار"
    Then its layers include "دیوار"
    And its texts include "اتاق خواب"
    And its load problems <note>

    Examples:
      | version | stored                             | note                           |
      | R12     | escapes                            | say nothing about the encoding |
      | R2000   | escapes                            | say nothing about the encoding |
      | R12     | ANSI_1256 bytes declared           | say nothing about the encoding |
      | R2000   | ANSI_1256 bytes declared           | say nothing about the encoding |
      | R2000   | ANSI_1256 bytes declared ANSI_1252 | say "it declares ANSI_1252"    |
      | R12     | ANSI_1256 bytes undeclared         | say "it declares none"         |
      | R2010   | UTF-8                              | say nothing about the encoding |
      | R2000   | UTF-8 bytes declared ANSI_1252     | say "it declares ANSI_1252"    |

  Scenario: Western text in a Western code page is not taken for Persian
    Given a R2000 plan with a wall layer "Wände" and a text "Türen öffnen" stored as ANSI_1252 bytes declared
    When the Persian plan is loaded with walls on "Wände"
    Then its layers include "Wände"
    And its texts include "Türen öffnen"
    And its load problems say nothing about the encoding

  Scenario: A DOS code page ezdxf does not know is read in that page
    Given a R12 plan with a wall layer "ДОМ" and a text "Стена" stored as DOS866 bytes declared
    When the Persian plan is loaded with walls on "ДОМ"
    Then its layers include "ДОМ"
    And its texts include "Стена"

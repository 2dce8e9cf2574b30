Feature: The PDF security annex
  `annex check --pdf OUT.pdf` writes the annex a permit reviewer signs and archives:
  cover with the verdict, summary, one plan per storey with the findings as numbered
  markers, the findings, the openings and what was assumed, preflight notes, the
  input files with their SHA-256, and a sign-off block. It is PDF/A-3b with the JSON
  results attached, the same for the same input and SOURCE_DATE_EPOCH, in English or
  Persian, and nothing taken from a DXF file can make it fetch anything or become markup.

  Scenario: The annex names the verdict, every failing rule, the permit number and each input's SHA-256
    Given the example project's annex in "en" with its JSON results
    Then the PDF opens and has more than 5 pages
    And the PDF text says the verdict "FAILS" with its sentence
    And the PDF text names every rule that has a failing finding
    And the PDF text holds the permit number "EX-2026-001"
    And the PDF text holds the SHA-256 of every input file

  Scenario: The annex is PDF/A-3b and carries the JSON results exactly as --json writes them
    Given the example project's annex in "en" with its JSON results
    Then the PDF identifies itself as PDF/A-3B in its XMP metadata
    And the PDF has one attachment "results.json" related to it as "Data", equal to the JSON written by --json
    And the XMP metadata holds the title, the permit number "EX-2026-001" and the ruleset "ir-police-annex"

  Scenario: Two runs with the same input and SOURCE_DATE_EPOCH give byte-identical annexes
    Given SOURCE_DATE_EPOCH is "1767225600"
    When I run "annex check {repo}/examples/house/project.toml --pdf {tmp}/first.pdf"
    And I run "annex check {repo}/examples/house/project.toml --pdf {tmp}/second.pdf"
    Then the files "first.pdf" and "second.pdf" are byte for byte the same

  Scenario: The first page renders to a picture that is not blank
    Given the example project's annex in "en" with its JSON results
    When the first page is rendered to a greyscale picture
    Then at least 2 percent of the picture's pixels are not white

  Scenario: A provisional ruleset says so on every page
    Given the example project's annex in "en" with its JSON results
    Then every page of the PDF text says "Provisional ruleset"

  Scenario: A final ruleset's annex carries no provisional banner
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When the plan is checked under "entrance-doors.toml"
    And the annex PDF is made in "en"
    Then no page of the PDF text says "Provisional ruleset"
    And the PDF text says the verdict "COMPLIES" with its sentence

  Scenario: The Persian annex is set right to left with Persian headings and Persian digits
    Given the example project's annex in "fa" with its JSON results
    Then the normalised PDF text holds "پیوست امنیتی پیشگیری از سرقت"
    And the normalised PDF text holds "خلاصه"
    And the normalised PDF text holds "لایه‌های استفاده‌نشده"
    And the normalised PDF text holds "نامنطبق"
    And the PDF text has Persian digits and numbers its pages in them
    And the HTML of the annex is right to left in Persian

  Scenario: The Persian annex dates the check in the Solar Hijri calendar
    Given the example project's annex in "fa" with its JSON results
    Then a line of the PDF text holds the Solar Hijri date "۱۱ دی ۱۴۰۴"
    And the PDF text holds the Gregorian date "۲۰۲۶-۰۱-۰۱" too
    Given the example project's annex in "en" with its JSON results
    Then the PDF text holds the Gregorian date "2026-01-01" too
    And the PDF text names no Solar Hijri month

  Scenario Outline: Gregorian dates in the Solar Hijri calendar
    When the Gregorian date <gregorian> is converted to the Solar Hijri calendar
    Then the Solar Hijri date is day <day> of month <month> of year <year>, written "<written>"

    Examples:
      | gregorian  | day | month | year | written           |
      | 2024-03-20 | 1   | 1     | 1403 | ۱ فروردین ۱۴۰۳    |
      | 2025-03-21 | 1   | 1     | 1404 | ۱ فروردین ۱۴۰۴    |
      | 2026-03-21 | 1   | 1     | 1405 | ۱ فروردین ۱۴۰۵    |
      | 2025-03-20 | 30  | 12    | 1403 | ۳۰ اسفند ۱۴۰۳     |
      | 2024-03-19 | 29  | 12    | 1402 | ۲۹ اسفند ۱۴۰۲     |
      | 2021-03-20 | 30  | 12    | 1399 | ۳۰ اسفند ۱۳۹۹     |
      | 2021-03-21 | 1   | 1     | 1400 | ۱ فروردین ۱۴۰۰    |
      | 2026-01-01 | 11  | 10    | 1404 | ۱۱ دی ۱۴۰۴        |
      | 2025-09-22 | 31  | 6     | 1404 | ۳۱ شهریور ۱۴۰۴    |
      | 2025-09-23 | 1   | 7     | 1404 | ۱ مهر ۱۴۰۴        |
      | 1979-02-11 | 22  | 11    | 1357 | ۲۲ بهمن ۱۳۵۷      |
      | 2000-01-01 | 11  | 10    | 1378 | ۱۱ دی ۱۳۷۸        |

  Scenario: The Solar Hijri conversion agrees with Borkowski's algorithm every day from 1925 to 2200
    When every day from 1925-01-01 to 2200-12-31 is converted by both algorithms
    Then they agree on every day

  Scenario: Every string of the annex has a Persian translation
    When the annex's messages are extracted from its templates and code
    Then every message has a Persian translation with the same placeholders

  Scenario: The findings table's numbers are the numbers of the markers on the plans
    Given a plan drawn in millimetres
    And the plan shows a house whose front door is RC1
    When the plan is checked under "ir-police-annex"
    And the annex HTML is made in "en"
    Then every finding that is not a pass has a row numbered from 1 in the results' order
    And every marker on the plans has the number of a finding row about that storey

  Scenario: A small plan keeps one row per finding
    Given a plan drawn in millimetres
    And the plan shows a 31 m long house whose north wall has 20 windows that state nothing
    When the plan is checked under "ir-police-annex"
    And the annex HTML is made in "en"
    Then no row of the findings table is shared
    And every finding that is not a pass has a row numbered from 1 in the results' order

  Scenario: On a large plan alike findings share a row whose marker numbers cover every marker
    Given a plan drawn in millimetres
    And the plan shows a 61 m long house whose north wall has 60 windows that state nothing
    When the plan is checked under "ir-police-annex"
    And the annex HTML is made in "en"
    Then the findings table has a shared row of 60 findings for each of "OPEN-01, OPEN-04, OPEN-06, PLAN-02"
    And the rows' marker numbers run from 1 without gaps and each finding that is not a pass has one
    And every marker on the plans has the number of a finding row about that storey
    And the findings table names every rule that has a failing finding
    And the openings table gives the 60 windows one shared row

  Scenario: A plan too crowded for vector markers is drawn as a picture the annex serves itself
    Given a plan drawn in millimetres
    And the plan shows a 81 m long house whose north wall has 80 windows that state nothing
    When the plan is checked under "ir-police-annex"
    And the annex PDF is made in "en" with a recording URL fetcher
    Then the plan page holds a picture and no SVG markers
    And the URL fetcher served annex.css and the plan picture and refused nothing
    And the PDF text names every rule that has a failing finding in the results

  Scenario: With --show-passes the passing findings are listed and drawn too
    Given a plan drawn in millimetres
    And the plan shows a house whose front door is RC1
    When the plan is checked under "ir-police-annex"
    And the annex HTML is made in "en" showing passes
    Then every finding except the not applicable ones has a numbered row
    And the markers on the plans include a green one

  Scenario: Text from a hostile DXF comes out as plain text and nothing is fetched
    Given a plan drawn in millimetres
    And the plan shows a house whose room is labelled "<script>alert(1)</script>"
    And the front door's CERT is "<img src="file:///etc/passwd">"
    And a window's CERT is 300 letters long
    When I run "annex check {plan} --pdf {tmp}/annex.pdf"
    Then the exit status is 0
    And the PDF text shows "<script>alert(1)</script>" literally
    And the PDF text shows "<img src="file:///etc/passwd">" literally
    And the PDF text holds nothing of /etc/passwd
    And the PDF text shows the long CERT cut to 120 characters with an ellipsis
    When the plan is checked under "ir-police-annex"
    And the annex PDF is made in "en" with a recording URL fetcher
    Then the URL fetcher served only annex.css and refused nothing
    And the annex HTML has no element made from the DXF text

  Scenario Outline: The URL fetcher serves the annex's own assets and refuses every other URL
    When the annex's URL fetcher is asked for "<url>"
    Then it <answer>

    Examples:
      | url                                      | answer                  |
      | {assets}/annex.css                       | serves the stylesheet   |
      | file:///etc/passwd                       | refuses                 |
      | {assets}/../annex.py                     | refuses                 |
      | {assets}/%2e%2e/annex.py                 | refuses                 |
      | http://example.com/annex.css             | refuses                 |
      | https://example.com/annex.css            | refuses                 |
      | data:text/css,body{color:red}            | refuses                 |
      | file://otherhost/etc/passwd              | refuses                 |

  Scenario: An annex that cannot be written is one sentence and exit status 2
    Given the file blocker.txt holds "not a folder"
    When I run "annex check {repo}/examples/house/project.toml --pdf {tmp}/blocker.txt/annex.pdf"
    Then the exit status is 2
    And the error is one sentence saying "Cannot write"

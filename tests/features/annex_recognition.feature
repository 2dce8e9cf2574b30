Feature: The annex says what the reader recognised and what it only inferred
  A plan that follows no convention is read by recognising its elements: from a layer
  name, a block's shape or the plain geometry, each with a confidence. The annex's
  openings table gives each opening's type mark, how it was recognised and how sure the
  reading is; a finding on an element inferred from the drawing's shape says so; values
  taken from the openings schedule, and values only guessed, are marked. A legend
  explains each mark, in the annex's language, and only when the annex uses it.

  Scenario Outline: The openings table gives each opening's type mark, how it was recognised and how sure the reading is
    Given a house whose front door has no resistance class
    And the reader recognised its openings by "<how>" with confidence <confidence> and the type marks "D1" and "W1"
    When the plan is checked and its annex HTML made in "<language>"
    Then the openings table's row of the front door says "D1" and "<said>"
    And the openings table's row of the window says "W1" and "<said>"

    Examples:
      | how              | confidence | language | said               |
      | geometry         | 0.85       | en       | geometry, 0.85     |
      | block-shape      | 0.9        | en       | block shape, 0.9   |
      | layer-name       | 1.0        | en       | layer name, 1      |
      | mapping          | 1.0        | en       | layer mapping, 1   |
      | block-attributes | 1.0        | en       | block attributes, 1 |
      | geometry         | 0.85       | fa       | هندسهٔ نقشه، ۰٫۸۵  |
      | mapping          | 1.0        | fa       | نگاشت لایه‌ها، ۱   |

  Scenario Outline: A finding on an inferred element says so, and a finding on a stated element does not
    Given a house whose front door has no resistance class
    And the reader recognised its openings by "<how>" with confidence <confidence> and the type marks "D1" and "W1"
    When the plan is checked and its annex HTML made in "<language>"
    Then the findings on the front door name it by its type mark "D1"
    And the findings on the front door <say> "<note>"
    And the annex <shows> "<legend>"

    Examples:
      | how              | confidence | language | say        | note                                                            | shows          | legend                                          |
      | geometry         | 0.85       | en       | say        | inferred from the drawing's shape (geometry, confidence 0.85)   | has the legend | † inferred: recognised from the drawing's shape |
      | block-shape      | 0.9        | en       | say        | inferred from the drawing's shape (block shape, confidence 0.9) | has the legend | † inferred: recognised from the drawing's shape |
      | layer-name       | 0.7        | en       | say        | inferred from the drawing's shape (layer name, confidence 0.7)  | has the legend | † inferred: recognised from the drawing's shape |
      | layer-name       | 1.0        | en       | do not say | inferred from the drawing's shape                               | has no legend  | † inferred                                      |
      | block-attributes | 1.0        | en       | do not say | inferred from the drawing's shape                               | has no legend  | † inferred                                      |
      | geometry         | 0.85       | fa       | say        | استنباط‌شده از شکل نقشه (هندسهٔ نقشه، اطمینان ۰٫۸۵)              | has the legend | † استنباطی: از شکل نقشه شناخته شده              |

  Scenario Outline: Values from the openings schedule and guessed values are marked, with a legend
    Given a house whose front door has no resistance class
    And the front door's resistance class "RC2" came from the openings schedule and its role was guessed
    When the plan is checked and its annex HTML made in "<language>"
    Then the openings table's row of the front door says "RC2*" and "ENTRANCE?"
    And the annex has the legend "<schedule legend>"
    And the annex has the legend "<guess legend>"

    Examples:
      | language | schedule legend                              | guess legend                              |
      | en       | * value taken from the openings schedule.    | ? guessed value, not stated anywhere       |
      | fa       | * مقدار از جدول بازشوها گرفته شده است.       | ? مقدار حدسی است و در هیچ‌جا بیان نشده     |

  Scenario: A convention plan's annex marks nothing and explains no mark
    Given the example project checked
    When its annex HTML is made in "en"
    Then every opening's row says "block attributes, 1"
    And the annex has no legend "† inferred"
    And the annex has no legend "* value taken from the openings schedule"
    And the annex has no legend "? guessed value"

  Scenario Outline: The PDF annex says in its own language that a finding's element was inferred
    Given a house whose front door has no resistance class
    And the reader recognised its openings by "geometry" with confidence 0.85 and the type marks "D1" and "W1"
    When the plan is checked and its annex PDF made in "<language>"
    Then the PDF text says "<note>"
    And the PDF text says "<legend>"

    Examples:
      | language | note                              | legend                                      |
      | en       | inferred from the drawing's shape | † inferred: recognised from the drawing's shape |
      | fa       | استنباط‌شده                        | † استنباطی                                   |

  Scenario Outline: A plan with no convention, checked with its filled-in schedule, gets an annex that names its openings by type mark and marks the schedule's values
    Given the plan drawn as an Iranian office draws it
    When its openings schedule is written with "annex schedule", every door is given RC "RC2" in it, and the plan is checked with it into a PDF annex in "<language>"
    Then the PDF text names every opening's type mark with how it was recognised, as the plan read with the schedule says
    And the PDF text gives the doors' resistance class "RC2" with the schedule's mark "*"
    And the PDF text says "<schedule legend>"
    And the PDF text says "<inferred>"

    Examples:
      | language | schedule legend                           | inferred                          |
      | en       | * value taken from the openings schedule. | inferred from the drawing's shape |
      | fa       | * مقدار از جدول بازشوها                   | استنباط‌شده                        |

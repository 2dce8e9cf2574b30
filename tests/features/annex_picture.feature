Feature: A crowded plan's picture goes into the PDF annex as drawn
  A plan with too many markers for vector drawing is drawn as a PNG picture. weasyprint
  would decode that PNG and encode it again to take its compressed pixel data; the annex
  hands over its own picture's data as it is (issue 12: the 10k-entity plan's annex under
  3 s beyond the check). The reader must see exactly the picture the annex drew.

  Scenario: The plan picture in the PDF has the pixels the annex drew, in the data it compressed
    Given a plan drawn in millimetres
    And the plan shows an 81 m long house with 80 windows in its north wall that state nothing
    When the plan is checked under "ir-police-annex"
    And the annex PDF and its plan picture are made in "en"
    Then the PDF holds one image with the plan picture's size and pixels
    And the image's compressed data in the PDF is the plan picture's own

Feature: The web app tells a DXF from other files the way the checker does
  An upload is sniffed by the checker's own DXF sniffing (checker.reading.dxf.reader),
  not by a copy of it, so the page refuses exactly what the check could not read, with
  the reason in one sentence.

  Scenario: A DWG drawing uploaded under a .dxf name is refused as a DWG drawing, in one sentence
    Given the app with its accounts
    And the architect is signed in
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads a DWG drawing "ground.dxf" as "Ground floor"
    Then the upload form is shown again with the sentence "ground.dxf is a DWG drawing; export it as DXF from your CAD program and upload that."

  Scenario: A file of only blank lines is refused as empty, as the checker calls it
    Given the app with its accounts
    And the architect is signed in
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads a file of blank lines "ground.dxf" as "Ground floor"
    Then the upload form is shown again with the sentence "ground.dxf is empty."

Feature: The architects' pages
  An architect creates a project, uploads its DXF plans (one per storey, or a zip with
  a project.toml), and reads the results: the verdict, each storey's plan drawn as in
  the PDF annex with the findings' numbered markers, a findings list that filters by
  status and rule, and the PDF annex to download. Each upload is a new version that
  says what changed since the previous one; no version is ever overwritten. Every
  scenario runs on SQLite and on PostgreSQL, through the pages as a browser sends them.

  Background:
    Given the app with its accounts
    And the architect is signed in

  Scenario: A two-storey upload is checked, drawn and numbered as in the PDF annex
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    Then the version page of version 1 opens
    And it says the plan "Fails" and names the failing rules "ENTR-03, OPEN-01, OPEN-03, OPEN-07, OPEN-08, PLAN-02, SITE-01"
    And it shows one plan drawing per storey, "Ground floor" and "First floor", with the room names to set over them
    And every marker number on the plans belongs to a row of the findings list, and every numbered row to a marker or to no place
    And the findings list's marker numbers are those of the stored drawings
    And the PDF annex downloads as a real PDF named after the permit number
    And the status the page polls reads done at 100 percent with the verdict "fails"
    And its preflight says in plain words that "door 87" lacks "RC or CERT"

  Scenario: A zip with a project.toml is accepted like one DXF per storey
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads the example project as a zip with its project.toml
    Then the version page of version 1 opens
    And it says the plan "Fails" and names the failing rules "ENTR-03, OPEN-01, OPEN-03, OPEN-07, OPEN-08, PLAN-02, SITE-01"
    And it shows one plan drawing per storey, "Ground floor" and "First floor", with the room names to set over them

  Scenario: A file that is not a DXF is refused with one sentence and the form keeps what was typed
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads a text file "notes.dxf" as "Ground floor" at 0 m
    Then the upload form is shown again with the sentence "notes.dxf is not a DXF drawing; export the plan as DXF and upload that."
    And the form still holds the storey name "Ground floor"
    And the project has no version

  Scenario: A refused new project keeps what was typed
    When the architect creates the project "" with permit number "EX-9"
    Then the new-project form is shown again with the sentence "Give the project a name."
    And the form still holds the permit number "EX-9"

  Scenario: An upload larger than the limit is refused on the upload form with one sentence
    Given uploads are limited to 1 MB
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads a file of 2 MB as "Ground floor"
    Then the upload form is shown again with the sentence "The upload is larger than 1 MB; send smaller files."
    And the project has no version

  Scenario: A check that cannot read the drawing says why in one sentence and keeps the files
    When the architect creates the project "Empty" with permit number "EX-3"
    And uploads an empty DXF drawing as "Ground floor"
    Then the version page of version 1 opens
    And it says in one sentence that the drawing has no visible content
    And the version's file is kept

  Scenario: A new version shows what it resolved, what is new and what still fails
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    And uploads a new version with only "ground.dxf" as "Ground floor" at 0 m
    Then the version page of version 2 opens
    And it lists the first floor's failing findings as resolved since version 1
    And it lists the ground floor's failing findings as still failing
    And the project page lists versions 2 and 1, each with its verdict

  Scenario: A new version never overwrites an earlier one
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    And the architect reads version 1's page and downloads its annex
    And uploads a new version with only "ground.dxf" as "Ground floor" at 0 m
    Then version 1's page and annex are exactly as they were

  Scenario: The findings list filters by status and by rule, without JavaScript too
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    Then by default the list shows the findings that need attention, each with its marker number
    And "?status=pass" shows only passes, without marker numbers
    And "?rule=OPEN-07" shows only OPEN-07's findings that need attention
    And "?status=fail&rule=SITE-01" shows only SITE-01's failures
    And "?status=all" shows every finding

  Scenario: The project list shows the newest project first with its latest version's verdict
    When the architect creates the project "Older" with permit number "EX-1"
    And the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    Then the project list shows "Example house" before "Older"
    And "Example house" is listed with version 1 and the verdict "Fails"

  Scenario: An architect never sees another architect's project
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    Then the other architect gets 404 for its project page, upload form, version page, status and PDF annex
    And the other architect's project list does not show it

  Scenario: A reviewer is refused the architects' pages
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    Then the reviewer gets 403 for the project list, the new-project form, the project page, the version page, its status and its PDF annex

  Scenario: The plan previews are stored even when their own process cannot be started
    Given the previews' own process cannot be started
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    Then the version page of version 1 opens
    And the stored previews draw both storeys in English and Persian, drawn in the check's own process

  Scenario: The plan previews are drawn again when their own process fails
    Given the previews' own process fails
    When the architect creates the project "Example house" with permit number "EX-2026-001"
    And uploads "ground.dxf" as "Ground floor" at 0 m and "first.dxf" as "First floor" at 2.8 m
    Then the version page of version 1 opens
    And the stored previews draw both storeys in English and Persian, drawn again in the check's own process

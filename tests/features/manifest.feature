Feature: The project manifest
  project.toml names the project and lists one DXF file per storey with its
  elevation; a DXF given alone is one storey at elevation 0. A malformed manifest
  is refused with one sentence that names the file and the key.

  Scenario: A two-storey project in different units checks to schema-valid JSON
    Given a two-storey project drawn in "mm" and "m"
    When I run "annex check {manifest} --json {tmp}/results.json"
    Then the exit status is 0
    And the JSON file "results.json" validates against the results schema
    And the JSON lists the storeys "Ground" in "mm" and "First" in "m"
    And the JSON carries the project's permit "P-42"

  Scenario: A single DXF is one storey at elevation 0
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When the plan is loaded
    Then the plan has one storey named "Storey 1" at elevation 0

  Scenario: The manifest's layer table maps the project's own layer names
    Given a two-storey project drawn in "mm" and "m" with walls on layer "Wand (neu)"
    When the plan is loaded
    Then the plan loads
    And every storey has walls

  Scenario: The manifest's units override a wrong header
    Given a two-storey project drawn in "mm" and "m" whose ground floor header says inches
    And the manifest gives the ground floor's units as "mm"
    When the plan is loaded
    Then the ground floor's units are "mm" from the user and plausible

  Scenario Outline: A malformed manifest is refused naming the file and the key
    Given a manifest whose <defect>
    When I run "annex check {manifest}"
    Then the exit status is 2
    And the error is one sentence saying "<says>"

    Examples:
      | defect                        | says                                              |
      | project has no name           | project.toml [project]: name is required          |
      | project has an unknown key    | project.toml [project]: unknown key 'colour'      |
      | storey file is missing        | ground.dxf does not exist                         |
      | storey elevation is text      | elevation must be a number of metres              |
      | dwellings are zero            | dwellings must be a whole number of at least 1    |
      | layer table has a bad role    | unknown layer role 'furniture'                    |
      | storey names repeat           | the storey name 'Ground' is used twice            |
      | text is not TOML              | project.toml is not valid TOML                    |
      | storeys are missing           | at least one [[storeys]] entry                    |
      | units are unknown             | Unknown unit 'cubits'                             |

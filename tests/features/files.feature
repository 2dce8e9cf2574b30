Feature: The CLI reads only ordinary files, within a size limit, and never hangs
  Every path the CLI opens (a DXF given directly, the storeys a manifest names, a
  ruleset, a layer mapping, a schedule) must be an ordinary file once links are
  followed, no larger than the size limit (--max-file-size, ANNEX_MAX_FILE_SIZE).
  Anything else ends at once with exit 2 and one sentence naming the file and what
  it is. Each check runs as a real process under a memory limit, and must end within
  seconds.

  Scenario Outline: A storey file that links to a device is refused without being read
    Given a project whose storey file first.dxf is a link to "<device>"
    When I run "annex <command> {tmp}/project/project.toml" as a process
    Then the exit status is 2
    And the error is one sentence saying "first.dxf is a device, not a file"
    And the process ended within 10 seconds using less than 300 MB

    Examples:
      | device       | command   |
      | /dev/zero    | check     |
      | /dev/urandom | check     |
      | /dev/zero    | preflight |

  Scenario: A storey file that is a named pipe with no writer is refused at once, not waited on
    Given a project whose storey file first.dxf is a named pipe
    When I run "annex check {tmp}/project/project.toml" as a process
    Then the exit status is 2
    And the error is one sentence saying "first.dxf is a named pipe, not a file"
    And the process ended within 10 seconds using less than 300 MB

  Scenario Outline: A DXF given directly on the command line must be an ordinary file too
    Given the file plain.dxf in the folder is <what>
    When I run "annex <command> {tmp}/plain.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "plain.dxf is <kind>, not a file"
    And the process ended within 10 seconds using less than 300 MB

    Examples:
      | what                    | command   | kind          |
      | a named pipe            | check     | a named pipe  |
      | a link to "/dev/zero"   | preflight | a device      |
      | a folder                | check     | a folder      |

  Scenario Outline: A ruleset, layer mapping or schedule that is not an ordinary file is refused by name
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And the file <file> in the folder is <what>
    When I run "annex check {plan} <option> {tmp}/<file>" as a process
    Then the exit status is 2
    And the error is one sentence saying "<file> is <kind>, not a file"
    And the process ended within 10 seconds using less than 300 MB

    Examples:
      | file          | what                  | option     | kind         |
      | rules.toml    | a named pipe          | --ruleset  | a named pipe |
      | layers.toml   | a link to "/dev/zero" | --layers   | a device     |
      | openings.csv  | a named pipe          | --schedule | a named pipe |

  Scenario: A storey file over the size limit is refused with its size and how to raise the limit
    Given a project whose storey file first.dxf is an ordinary plan padded to 3 MB
    When I run "annex check {tmp}/project/project.toml --max-file-size 2MB" as a process
    Then the exit status is 2
    And the error is one sentence saying "first.dxf is 3 MB, over the 2 MB limit; raise it with --max-file-size or ANNEX_MAX_FILE_SIZE"
    And the process ended within 10 seconds using less than 300 MB

  Scenario: The size limit may be set in the environment, and the option wins over it
    Given a project whose storey file first.dxf is an ordinary plan padded to 3 MB
    When I run "annex check {tmp}/project/project.toml" as a process with ANNEX_MAX_FILE_SIZE=1MB
    Then the exit status is 2
    And the error is one sentence saying "first.dxf is 3 MB, over the 1 MB limit"
    When I run "annex check {tmp}/project/project.toml --max-file-size 4MB" as a process with ANNEX_MAX_FILE_SIZE=1MB
    Then the exit status is 0

  Scenario: A storey file that grows past the size limit while it is read is refused at the limit
    Given a project whose storey file first.dxf holds 95 MB
    When I run "annex check {tmp}/project/project.toml --max-file-size 100MB" as a process while first.dxf grows without end
    Then the exit status is 2
    And the error is one sentence saying "first.dxf grew past the 100 MB limit while it was read"
    And the process ended within 20 seconds using less than 500 MB

  Scenario: A storey file that links to an ordinary DXF elsewhere is read, and named as the manifest names it
    Given a project whose storey file first.dxf is a link to a complying plan in a sibling folder
    When I run "annex check {tmp}/project/project.toml --json {tmp}/results.json" as a process
    Then the exit status is 0
    And the JSON names the storey's file as the manifest does, with the linked plan's SHA-256
    And the process ended within 60 seconds using less than 1000 MB

  Scenario: The limits are named in the check's help
    When I run "annex check --help" as a process
    Then the exit status is 0
    And the output names --max-file-size, ANNEX_MAX_FILE_SIZE, --max-entities, ANNEX_MAX_ENTITIES, --max-block-copies, ANNEX_MAX_BLOCK_COPIES, --max-block-depth and ANNEX_MAX_BLOCK_DEPTH

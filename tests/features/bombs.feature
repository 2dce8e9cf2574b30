Feature: A drawing that would blow up once expanded is refused before it is expanded
  A DXF of a few kilobytes can stand for billions of entities: blocks inserting
  blocks, MINSERT grids, hatches of many boundaries. Loading works out from the block
  graph how deep the blocks nest, how often each block would be placed and how many
  entities the storey would hold, and refuses a drawing past a limit with one
  sentence naming what is too big and how to raise the limit (an option and an
  environment variable). Coordinates past any building's size are refused too. Each
  bomb runs as a real `annex check` process under a memory ceiling and must end
  within seconds, with little memory.

  Scenario: Blocks nested 8 deep, each inserting the next 10 times, are refused by the copies of the innermost block
    Given a drawing whose blocks nest 8 deep, each inserting the next 10 times
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "bomb.dxf: block LEVEL0 would be placed 100,000,000 times once nested blocks and MINSERT grids are expanded, past the limit of 1,000,000 copies; raise it with --max-block-copies or ANNEX_MAX_BLOCK_COPIES"
    And the process ended within 10 seconds using less than 300 MB

  Scenario: A door inserted as a MINSERT grid of 20000 x 20000 is refused by its grid
    Given a drawing with a door inserted as a MINSERT grid of 20000 x 20000
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "repeats block DOOR in a grid of 20,000 x 20,000 (400,000,000 copies), past the limit of 1,000,000 copies"
    And the process ended within 10 seconds using less than 300 MB

  Scenario: A block grid of 3000 x 3000 is refused by its grid
    Given a drawing with a wall block inserted as a MINSERT grid of 3000 x 3000
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "repeats block TILE in a grid of 3,000 x 3,000 (9,000,000 copies)"
    And the process ended within 10 seconds using less than 300 MB

  Scenario: Blocks fanning out 4 ways over 11 levels are refused by the copies of the innermost block
    Given a drawing whose blocks nest 11 deep, each inserting the next 4 times
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "block LEVEL0 would be placed 4,194,304 times"
    And the process ended within 10 seconds using less than 300 MB

  Scenario: A line at 1e300 drawing units is refused by name, and no warning leaks
    Given a house drawn in millimetres with a wall line reaching 1e300 units
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "on layer A-WALL lies 1e+300 drawing units from the origin, past any building's size"
    And nothing on the error output is a warning
    And the process ended within 10 seconds using less than 300 MB

  Scenario: A block that contains itself is refused as damaged
    Given a drawing whose block SELF inserts itself
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "bomb.dxf: block SELF contains itself, so it would be drawn without end"
    And the process ended within 10 seconds using less than 300 MB

  Scenario: Blocks nested deeper than the depth limit are refused with their depth
    Given a drawing whose blocks nest 20 deep, each inserting the next once
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "bomb.dxf: blocks nest 20 levels deep, from block LEVEL19 down, past the limit of 16; raise it with --max-block-depth or ANNEX_MAX_BLOCK_DEPTH"
    And the process ended within 10 seconds using less than 300 MB

  Scenario: Hatch boundaries count as entities once their block is expanded
    Given a drawing whose block of one hatch with 600 boundaries is inserted 1000 times
    When I run "annex check {tmp}/bomb.dxf --max-entities 100000" as a process
    Then the exit status is 2
    And the error is one sentence saying "bomb.dxf would hold 601,000 entities once its blocks, MINSERT grids and hatches are expanded, past the limit of 100,000; raise it with --max-entities or ANNEX_MAX_ENTITIES"
    And the process ended within 10 seconds using less than 300 MB

  Scenario: The entity limit is set by the environment or the option, and a plan within it is checked
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    When I run "annex check {plan}" as a process with ANNEX_MAX_ENTITIES=5
    Then the exit status is 2
    And the error is one sentence saying "past the limit of 5; raise it with --max-entities or ANNEX_MAX_ENTITIES"
    When I run "annex check {plan} --max-entities 1000" as a process with ANNEX_MAX_ENTITIES=5
    Then the exit status is 0

  Scenario: A long polyline in a block counts by its vertices once the block is expanded
    Given a drawing whose block of one polyline with 10000 vertices is inserted 10000 times
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "bomb.dxf would hold 6,250,001 entities once its blocks, MINSERT grids and hatches are expanded, past the limit of 5,000,000"
    And the process ended within 20 seconds using less than 600 MB

  Scenario: A circle in a block scaled past any building's size is refused before it is flattened
    Given a house drawn in millimetres with a block of one circle inserted at a scale of 1e200
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "on layer A-WALL lies inf drawing units from the origin, past any building's size"
    And nothing on the error output is a warning
    And the process ended within 10 seconds using less than 300 MB

  Scenario: A circle of radius 1e300 is refused before it is flattened
    Given a house drawn in millimetres with a circle of radius 1e300 on its wall layer
    When I run "annex check {tmp}/bomb.dxf" as a process
    Then the exit status is 2
    And the error is one sentence saying "on layer A-WALL lies 1e+300 drawing units from the origin, past any building's size"
    And the process ended within 10 seconds using less than 300 MB

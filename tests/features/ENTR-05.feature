Feature: ENTR-05 Dwelling entrances off shared parts lie behind access control
  Every route from outside to a dwelling entrance door (ROLE ENTRANCE) that opens
  off shared parts passes through at least one access-controlled door besides the
  dwelling's own: ACCESS FOB or higher (Secured by Design's access-controlled
  communal entrance, from a secondary source, so provisional). Routes follow the
  rooms and doors drawn, never through another dwelling's entrance door, and climb
  where circulation spaces overlap between storeys. A door without ACCESS on the way
  is counted once as not controlled and once as controlled; if that decides, the
  flat is not assessable. A house whose front door opens to the outside is not
  judged. The block of flats here has a hall with the communal entrance on the
  ground floor, a landing over it on the first floor, and flats A and B below, C
  and D above. uk-adq-sbd makes ENTR-05 an error; nl-bouwbesluit and
  ir-police-annex, which have no such criterion of their own, a warning.

  Scenario: Flats behind a fob-controlled communal entrance pass, upstairs too
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=FOB
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat A" is pass
    And its severity is error
    And its message says "can be reached from outside only through an access-controlled door (door"
    And it also points at door "communal"
    And it measured "FOB" against "FOB or higher"
    And the ENTR-05 finding for flat door "flat B" is pass
    And the ENTR-05 finding for flat door "flat C" is pass
    And its message says "on First floor can be reached from outside only through an access-controlled door"
    And it also points at door "communal"
    And the ENTR-05 finding for flat door "flat D" is pass
    And there are 4 ENTR-05 findings

  Scenario Outline: The communal entrance counts as access control from FOB up
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=<access>
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat C" is <status>

    Examples:
      | access | status |
      | NONE   | fail   |
      | KEY    | fail   |
      | FOB    | pass   |
      | VIDEO  | pass   |
      | AUDIT  | pass   |

  Scenario: Flats behind a communal entrance without access control fail, naming the way in
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=NONE
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat A" is fail
    And its severity is error
    And its message says "can be reached from outside without passing an access-controlled door (FOB or higher): the way in is through door"
    And its message says "on Ground floor, not access-controlled."
    And it also points at door "communal"
    And it measured "NONE" against "FOB or higher"
    And the ENTR-05 finding for flat door "flat D" is fail
    And the verdict is fails

  Scenario: A communal entrance without ACCESS makes the flats not assessable, naming it
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has no ACCESS
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat A" is not_assessable
    And its message says "cannot be judged: whether the way in from outside is access-controlled depends on door"
    And its message says "which has no readable ACCESS."
    And it also points at door "communal"
    And it measured "nothing" against "FOB or higher"
    And the ENTR-05 finding for flat door "flat C" is not_assessable
    And the verdict is incomplete

  Scenario: A second, unprotected door into the hall is a way round the controlled entrance
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=VIDEO
    And the hall has a second door "back" to the outside with ROLE=SECONDARY, RC=RC2, ACCESS=KEY
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat A" is fail
    And it also points at door "back"
    And it measured "KEY" against "FOB or higher"
    And the ENTR-05 finding for flat door "flat C" is fail

  Scenario: A second door into the hall without ACCESS makes the flats not assessable
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=FOB
    And the hall has a second door "back" to the outside with ROLE=SECONDARY, RC=RC2, no ACCESS
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat B" is not_assessable
    And it also points at door "back"

  Scenario: A second door into the hall that is access-controlled too keeps the flats passing
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=FOB
    And the hall has a second door "back" to the outside with ROLE=SECONDARY, RC=RC2, ACCESS=FOB
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat A" is pass
    And it also points at door "communal"
    And it also points at door "back"

  Scenario: A ground-floor flat's own garden door is no way into the shared parts
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=FOB
    And flat A has a garden door "garden" to the outside with ROLE=SECONDARY, RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat A" is pass
    And the ENTR-05 finding for flat door "flat B" is pass

  Scenario: Flats upstairs whose landing is not joined to the hall by a stair are not assessable
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=FOB
    And the first-floor landing is not drawn as a circulation space
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "flat C" is not_assessable
    And its message says "neither of its sides can be reached from outside on the plan"
    And its message says "the stair as USE=CIRCULATION spaces overlapping on the storeys it joins."
    And the ENTR-05 finding for flat door "flat A" is pass

  Scenario: An entrance door with the same space on both sides is not assessable
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=FOB
    And the hall has a door "stray" drawn across its middle with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-05 finding for flat door "stray" is not_assessable
    And its message says "both its sides lie in the same space"
    And the ENTR-05 finding for flat door "flat A" is pass

  Scenario: A house whose front door opens to the outside is not applicable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2
    When the plan is checked under "uk-adq-sbd"
    Then there is no ENTR-05 finding for door "front"
    And the only ENTR-05 finding is not_applicable
    And its message says "No dwelling entrance door opens off shared parts"

  Scenario Outline: Without a criterion of their own, the Dutch and Iranian rulesets only warn
    Given a two-storey block of flats for 4 dwellings whose communal door "communal" has ACCESS=NONE
    When the plan is checked under "<ruleset>"
    Then the ENTR-05 finding for flat door "flat C" is fail
    And its severity is warning

    Examples:
      | ruleset         |
      | nl-bouwbesluit  |
      | ir-police-annex |

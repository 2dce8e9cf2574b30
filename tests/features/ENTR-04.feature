Feature: ENTR-04 Communal entrances have access control fitting the dwellings served
  Every communal door (ROLE COMMUNAL) states its access control in ACCESS (NONE, KEY,
  FOB, VIDEO, AUDIT, in rising order), at least what the number of dwellings in
  project.toml calls for: fewer than 5 dwellings at least KEY; 5 to 25 at least
  VIDEO (an audio-visual panel with remote release); 26 or more AUDIT (access
  control with an audit trail). The figures are Secured by Design's, from a
  secondary source, so provisional. uk-adq-sbd makes ENTR-04 an error;
  nl-bouwbesluit and ir-police-annex, which have no such criterion of their own, a
  warning.

  Scenario Outline: A communal door with at least the level its dwellings call for passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "entrance" with ROLE=COMMUNAL, RC=RC2, ACCESS=<access>
    And the house is a project of <dwellings> dwellings on one storey
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-04 finding for door "entrance" is pass
    And its severity is error
    And it points at door "entrance" on layer "A-DOOR" in storey "Ground floor"
    And its message says "has <access> access control, at least <level> for <dwellings> dwelling"
    And it measured "<access>" against "<level>"

    Examples:
      | dwellings | access | level |
      | 1         | KEY    | KEY   |
      | 4         | KEY    | KEY   |
      | 4         | FOB    | KEY   |
      | 5         | VIDEO  | VIDEO |
      | 25        | VIDEO  | VIDEO |
      | 25        | AUDIT  | VIDEO |
      | 26        | AUDIT  | AUDIT |

  Scenario Outline: A communal door below the level its dwellings call for fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "entrance" with ROLE=COMMUNAL, RC=RC2, ACCESS=<access>
    And the house is a project of <dwellings> dwellings on one storey
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-04 finding for door "entrance" is fail
    And its severity is error
    And its message says "has <access> access control; <dwellings> dwellings need at least <level>."
    And it measured "<access>" against "<level>"
    And the verdict is fails

    Examples:
      | dwellings | access | level |
      | 4         | NONE   | KEY   |
      | 5         | KEY    | VIDEO |
      | 5         | FOB    | VIDEO |
      | 26        | VIDEO  | AUDIT |

  Scenario: The communal entrance of a block of flats is judged by the block's dwellings
    Given a two-storey block of flats for 12 dwellings whose communal door "communal" has ACCESS=FOB
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-04 finding for door "communal" is fail
    And it points at door "communal" on layer "A-DOOR" in storey "Ground floor"
    And its message says "The communal door"
    And its message says "on Ground floor has FOB access control; 12 dwellings need at least VIDEO."

  Scenario: A communal door without ACCESS is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "entrance" with ROLE=COMMUNAL, RC=RC2
    And the house is a project of 8 dwellings on one storey
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-04 finding for door "entrance" is not_assessable
    And its message says "cannot be judged: it has no ACCESS attribute."
    And it measured "nothing" against "VIDEO"
    And the verdict is incomplete

  Scenario: A communal door whose ACCESS cannot be read is not assessable, and says why
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "entrance" with ROLE=COMMUNAL, RC=RC2, ACCESS=CARD
    And the house is a project of 8 dwellings on one storey
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-04 finding for door "entrance" is not_assessable
    And its message says "its ACCESS cannot be read ('CARD' is not one of NONE, KEY, FOB, VIDEO, AUDIT)"

  Scenario: Without the number of dwellings a communal door is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "entrance" with ROLE=COMMUNAL, RC=RC2, ACCESS=AUDIT
    When the plan is checked under "uk-adq-sbd"
    Then the ENTR-04 finding for door "entrance" is not_assessable
    And its message says "the project does not state how many dwellings it has (give dwellings in project.toml)."
    And it measured "AUDIT" against "unknown"

  Scenario: A plan without a communal door is not applicable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "front" with ROLE=ENTRANCE, RC=RC2, ACCESS=NONE
    And the house is a project of 1 dwelling on one storey
    When the plan is checked under "uk-adq-sbd"
    Then there is no ENTR-04 finding for door "front"
    And the only ENTR-04 finding is not_applicable
    And its message says "No door is marked ROLE=COMMUNAL"

  Scenario Outline: Without a criterion of their own, the Dutch and Iranian rulesets only warn
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a door "entrance" with ROLE=COMMUNAL, RC=RC2, ACCESS=KEY
    And the house is a project of 30 dwellings on one storey
    When the plan is checked under "<ruleset>"
    Then the ENTR-04 finding for door "entrance" is fail
    And its severity is warning

    Examples:
      | ruleset         |
      | nl-bouwbesluit  |
      | ir-police-annex |

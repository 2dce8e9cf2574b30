Feature: SITE-02 Rear and side boundary fences are high
  A fence that is not a front fence by SITE-01's test (no part of it within 2 m of
  the public realm) is a rear or side fence, and is at least 1.8 m high
  (rear_min_height, Secured by Design); a fence exactly 1.8 m high passes. A site
  boundary drawn with no rear or side fence at all fails once. With fences but no
  public realm drawn, rear cannot be told from front: one not-assessable finding.
  With neither site boundary nor fences there is nothing to judge. SITE-02 is an
  error in England and advice (warning) elsewhere; its figures are provisional.

  Scenario Outline: A rear fence exactly at the height limit passes, in any drawing unit
    Given a plan drawn in "<unit>"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan shows the site boundary
    And the plan has a fence "rear" 1.8 m high along the rear of the site
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-02 finding for fence "rear" is pass
    And its severity is error
    And it points at "rear"
    And its message says "The rear or side fence"
    And its message says "is 1.80 m high, at least 1.80 m."
    And it measured "1.8 m" against "1.8 m"
    And it rests on the provisional figures rear_min_height, front_distance

    Examples:
      | unit |
      | mm   |
      | m    |
      | in   |

  Scenario: A rear fence lower than the limit fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "rear" 1.5 m high along the rear of the site
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-02 finding for fence "rear" is fail
    And its severity is error
    And it points at "rear"
    And its message says "is 1.50 m high; rear and side boundaries should be at least 1.80 m."
    And it measured "1.5 m" against "1.8 m"
    And the verdict is fails

  Scenario: A side fence higher than the limit passes
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "side" 2.0 m high along the east side of the site
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-02 finding for fence "side" is pass
    And it measured "2 m" against "1.8 m"

  Scenario: A rear fence without a height is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "rear" without a height along the rear of the site
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-02 finding for fence "rear" is not_assessable
    And it points at "rear"
    And its message says "has no height; draw it with its height as thickness."
    And the verdict is incomplete

  Scenario: Front fences are left to SITE-01
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "front" 0.9 m high 0 m behind the street
    And the plan has a fence "rear" 1.8 m high along the rear of the site
    When the plan is checked under "uk-adq-sbd"
    Then there is no SITE-02 finding for fence "front"
    And the SITE-02 finding for fence "rear" is pass
    And the SITE-01 finding for fence "front" is pass

  Scenario: A site boundary whose only fence faces the street fails once
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan shows the site boundary
    And the plan has a fence "front" 0.9 m high 0 m behind the street
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-02 finding is fail
    And it points at "site"
    And its message says "The rear and side boundaries have no fence (every fence drawn faces the public realm); enclose them at least 1.80 m high."
    And it measured "no fence" against "1.8 m"

  Scenario: A site boundary with no fence at all fails once
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows the site boundary
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-02 finding is fail
    And it points at "site"
    And its message says "The rear and side boundaries have no fence;"

  Scenario: A plan with neither site boundary nor fences has nothing to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-02 finding is not_applicable
    And it points at no element
    And its message says "Neither a site boundary nor any fence is drawn"

  Scenario: Fences without a street drawn cannot be told rear from front
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows the site boundary
    And the plan has a fence "rear" 1.8 m high along the rear of the site
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-02 finding is not_assessable
    And it points at "rear"
    And its message says "No public realm (street or public footpath) is drawn, so the rear and side fences cannot be told from the front ones"

  Scenario Outline: Outside England a low rear fence is advice
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "rear" 1.5 m high along the rear of the site
    When the plan is checked under "<ruleset>"
    Then the SITE-02 finding for fence "rear" is fail
    And its severity is warning

    Examples:
      | ruleset         |
      | nl-bouwbesluit  |
      | ir-police-annex |

Feature: SITE-01 Front boundary fences are low
  A fence some part of which lies within 2 m (front_distance) of the public realm is
  a front fence, and is at most 1.0 m high (front_max_height, Secured by Design); a
  fence exactly 1.0 m high passes. The height is the fence's thickness. With fences
  but no public realm drawn, front cannot be told from rear: one not-assessable
  finding. With no front fence there is nothing to judge: one not-applicable
  finding. SITE-01 is an error in England and advice (warning) elsewhere, and both
  figures are provisional.

  Scenario Outline: A front fence exactly at the height limit passes, in any drawing unit
    Given a plan drawn in "<unit>"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "front" 1.0 m high 0 m behind the street
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-01 finding for fence "front" is pass
    And its severity is error
    And it points at "front"
    And its message says "The front fence"
    And its message says "(0.00 m from the public realm) is 1.00 m high, at most 1.00 m."
    And it measured "1 m" against "1 m"
    And it draws no measure line
    And it rests on the provisional figures front_max_height, front_distance

    Examples:
      | unit |
      | mm   |
      | m    |
      | cm   |

  Scenario: A front fence higher than the limit fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "front" 1.2 m high 0.5 m behind the street
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-01 finding for fence "front" is fail
    And its severity is error
    And it points at "front"
    And its message says "(0.50 m from the public realm) is 1.20 m high; front boundaries should be at most 1.00 m"
    And it measured "1.2 m" against "1 m"
    And it draws a measure line
    And the verdict is fails

  Scenario: A fence exactly the front distance from the street is a front fence
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "front" 1.8 m high 2.0 m behind the street
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-01 finding for fence "front" is fail
    And its message says "(2.00 m from the public realm) is 1.80 m high"
    And there is no SITE-02 finding for fence "front"

  Scenario: A fence farther from the street than the front distance is not a front fence
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "inner" 1.8 m high 2.5 m behind the street
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-01 finding is not_applicable
    And it points at no element
    And its message says "No fence comes within 2.00 m of the public realm, so there is no front boundary fence."
    And the SITE-02 finding for fence "inner" is pass

  Scenario: A front fence without a height is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "front" without a height 0 m behind the street
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-01 finding for fence "front" is not_assessable
    And it points at "front"
    And its message says "has no height; draw it with its height as thickness."
    And it measured "none" against "1 m"
    And the verdict is incomplete

  Scenario: Fences without a street drawn cannot be told front from rear
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan has a fence "front" 1.2 m high 0 m behind the street
    And the plan has a fence "rear" 1.8 m high along the rear of the site
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-01 finding is not_assessable
    And it points at "front" and "rear"
    And its message says "No public realm (street or public footpath) is drawn, so the front fences cannot be told from the rear ones"

  Scenario: A plan with no fences has no front fence to judge
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-01 finding is not_applicable
    And its message says "No fences are drawn, so there is no front boundary fence to judge."

  Scenario: Several front fences are judged one by one
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "low" 0.9 m high 0 m behind the street
    And the plan has a fence "high" 1.5 m high 1.0 m behind the street
    And the plan has a fence "rear" 1.8 m high along the rear of the site
    When the plan is checked under "uk-adq-sbd"
    Then there are 2 SITE-01 findings
    And the SITE-01 finding for fence "low" is pass
    And the SITE-01 finding for fence "high" is fail
    And there is no SITE-01 finding for fence "rear"

  Scenario Outline: Outside England a high front fence is advice
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    And the plan has a fence "front" 1.2 m high 0 m behind the street
    When the plan is checked under "<ruleset>"
    Then the SITE-01 finding for fence "front" is fail
    And its severity is warning
    And it rests on the provisional figures front_max_height, front_distance

    Examples:
      | ruleset         |
      | nl-bouwbesluit  |
      | ir-police-annex |

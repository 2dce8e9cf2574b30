Feature: SITE-04 Parking, bicycle and bin stores are overlooked
  Every STORAGE or GARAGE space outside the dwelling (a free-standing bin or cycle
  store, shed, detached garage, car port) is in clear view, within 30 m
  (max_distance), of a window of a habitable room or of the public realm. The
  building, free-standing walls and fences higher than 1.0 m (fence_max_height)
  block the view; a fence exactly 1.0 m high does not. The shortest clear sight
  line is the measure. No spaces drawn: not assessable; no such store: not
  applicable. SITE-04 is advice (warning) under every ruleset; its figures are
  provisional.

  Scenario: A bin store behind the living-room window passes with the sight line as measure
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a window "living" in the rear wall with SILL=900, HEAD=2100
    And the plan has a store "Bin store" with USE=STORAGE 3 m behind the rear wall
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-04 finding for store "Bin store" is pass
    And its severity is warning
    And it points at "Bin store" and "living"
    And its message says "The store "Bin store""
    And its message says "is overlooked from window"
    And its message says "in "Living" (2.65 m)."
    And it measured "2.65 m" against "30 m"
    And it draws a measure line
    And it rests on the provisional figures max_distance, fence_max_height

  Scenario: A store hidden behind a high fence and out of sight of the street fails
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a window "living" in the rear wall with SILL=900, HEAD=2100
    And the plan shows a street along the front of the site
    And the plan has a fence "garden" 1.8 m high across the garden
    And the plan has a store "Bin store" with USE=STORAGE 3 m behind the rear wall
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-04 finding for store "Bin store" is fail
    And it points at "Bin store"
    And its message says "is not overlooked: no habitable-room window or public realm has a clear view of it within 30.00 m."
    And it measured "none" against "30 m"
    And it draws no measure line

  Scenario: A fence exactly at the height limit does not block the view
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a window "living" in the rear wall with SILL=900, HEAD=2100
    And the plan shows a street along the front of the site
    And the plan has a fence "garden" 1.0 m high across the garden
    And the plan has a store "Bin store" with USE=STORAGE 3 m behind the rear wall
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-04 finding for store "Bin store" is pass
    And it measured "2.65 m" against "30 m"

  Scenario: A fence without a height in the way makes the view not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a window "living" in the rear wall with SILL=900, HEAD=2100
    And the plan shows a street along the front of the site
    And the plan has a fence "garden" without a height across the garden
    And the plan has a store "Bin store" with USE=STORAGE 3 m behind the rear wall
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-04 finding for store "Bin store" is not_assessable
    And its message says "but 1 fence(s) have no height and were taken as blocking"

  Scenario: A store seen only from a bathroom window fails when the street cannot see it either
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Bathroom"
    And the plan has a window "bathroom" in the rear wall with SILL=1500, HEAD=2100
    And the plan shows a street along the front of the site
    And the plan has a store "Bin store" with USE=STORAGE 3 m behind the rear wall
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-04 finding for store "Bin store" is fail

  Scenario: Without a street drawn, a store no window overlooks is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Bathroom"
    And the plan has a window "bathroom" in the rear wall with SILL=1500, HEAD=2100
    And the plan has a store "Bin store" with USE=STORAGE 3 m behind the rear wall
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-04 finding for store "Bin store" is not_assessable
    And its message says "and no public realm is drawn to tell whether the street does"

  Scenario: A car port in the front garden is overlooked from the street
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a window "living" in the rear wall with SILL=900, HEAD=2100
    And the plan shows a street along the front of the site
    And the plan has a store "Car port" with USE=GARAGE in the front garden
    When the plan is checked under "nl-bouwbesluit"
    Then the SITE-04 finding for garage "Car port" is pass
    And its severity is warning
    And it points at "Car port" and "street"
    And its message says "The garage "Car port""
    And its message says "is overlooked from the public realm"
    And its measured value is between 1.95 and 2.0 m

  Scenario: A walled outbuilding is judged by its outside walls
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a window "living" in the rear wall with SILL=900, HEAD=2100
    And the plan has a store "Shed" with USE=STORAGE 3 m behind the rear wall
    And the store "Shed" has walls of its own
    When the plan is checked under "ir-police-annex"
    Then the SITE-04 finding for store "Shed" is pass
    And its measured value is between 2.5 and 2.65 m

  Scenario: A store inside the house is not judged
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a store "Cupboard" with USE=STORAGE inside the house
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-04 finding is not_applicable
    And its message says "No store or garage space stands outside the dwelling."

  Scenario: A plan with no spaces drawn is not assessable
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the plan shows a street along the front of the site
    When the plan is checked under "uk-adq-sbd"
    Then the only SITE-04 finding is not_assessable
    And it points at no element
    And its message says "No spaces are drawn, so parking, bicycle and bin stores cannot be found"

  Scenario: A first floor overhanging the garden does not hide a store from a ground-floor window
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a window "living" in the rear wall with SILL=900, HEAD=2100
    And the plan has a store "Bin store" with USE=STORAGE 3 m behind the rear wall
    And the plan has a first floor at 2.8 m overhanging the rear garden by 2 m
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-04 finding for store "Bin store" is pass
    And it points at "Bin store" and "living"
    And it measured "2.65 m" against "30 m"

  Scenario: A free-standing ground-floor wall across the garden still hides the store
    Given a plan drawn in "mm"
    And the plan shows the walls of a 10 m by 8 m house
    And the house is one room named "Living"
    And the plan has a window "living" in the rear wall with SILL=900, HEAD=2100
    And the plan has a store "Bin store" with USE=STORAGE 3 m behind the rear wall
    And the plan has a first floor at 2.8 m overhanging the rear garden by 2 m
    And the plan has a free-standing wall across the garden
    And the plan shows a street along the front of the site
    When the plan is checked under "uk-adq-sbd"
    Then the SITE-04 finding for store "Bin store" is fail
    And its message says "is not overlooked"

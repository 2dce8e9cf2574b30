Feature: Rooms recognised from walls, named and used as the texts inside them say
  Most drawings have no room outlines: the rooms are what the walls enclose. When a
  storey's drawing draws no room outline (it has no layer for them, or a template's layer
  left empty, unless it is made to the checker's convention), the reader closes the walls' door and
  window gaps and takes each enclosed space as a room, named by the text inside it in
  the language the office writes (English, German, French, Spanish, Italian, Dutch,
  Persian in either script, Arabic, Chinese). Area labels, dimensions and door tags
  name nothing. A recognised room says it was found from geometry and is inferred.

  The flat is 10 m by 6 m (wall centre lines): a living room west of x = 6, a bedroom
  east of it south of y = 3.5 and a bathroom north of that; 0.3 m outer walls, 0.1 m
  partitions, an entrance door in the south wall, doors from the living room to the
  bedroom and from the bedroom to the bathroom, windows in the north and east walls.

  Scenario Outline: The rooms of a flat are recognised from its walls however the walls are drawn
    Given a flat drawn in "<unit>" with walls as <walls>
    And its doors and windows are drawn as blocks in the wall gaps
    When the plan is loaded
    Then the plan has 3 spaces recognised from geometry
    And the living room is 5.8 m by 5.7 m, the bedroom 3.8 m by 3.3 m and the bathroom 3.8 m by 2.3 m
    And every recognised room is inferred, with a confidence below 0.95, and names a wall on layer "A-WALL"
    And the footprint holds every recognised room

    Examples:
      | unit | walls                              |
      | mm   | double lines with the jambs closed |
      | mm   | double lines with open jambs       |
      | m    | double lines with the jambs closed |
      | cm   | one closed outline per wall        |
      | mm   | solid hatches                      |

  Scenario: With everything on layer 0, a wall's short return beside a window and the lines closing its ends are wall, so the window is found and the rooms close
    Given a flat drawn in "mm" with everything on layer 0: double-line walls with the jambs closed, swing-arc doors and 3-line windows
    And its east window starts 0.15 m from the bedroom's corner, leaving returns shorter than 0.5 m
    When the plan is loaded
    Then the plan has 3 spaces recognised from geometry
    And the living room is 5.8 m by 5.7 m, the bedroom 3.8 m by 3.3 m and the bathroom 3.8 m by 2.3 m
    And the east window is recognised in its gap

  Scenario: With everything on layer 0, an eaves line round the building and a bed 0.6 m from a wall are neither walls nor rooms
    Given a flat drawn in "mm" with everything on layer 0: double-line walls with the jambs closed, swing-arc doors and 3-line windows
    And an eaves line drawn round the building 0.6 m outside its outer walls, on layer 0
    And a bed 1.6 m by 2 m drawn as a closed outline 0.6 m from the bedroom's south wall, on layer 0
    When the plan is loaded
    Then the plan has 3 spaces recognised from geometry
    And the living room is 5.8 m by 5.7 m, the bedroom 3.8 m by 3.3 m and the bathroom 3.8 m by 2.3 m
    And no wall lies outside the outer walls or inside the bedroom

  Scenario: A roof edge drawn round the building on the walls' layer encloses no room between it and the building
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And a roof edge drawn round the building 1 m outside its outer walls, on layer "A-WALL"
    When the plan is loaded
    Then the plan has 3 spaces recognised from geometry
    And the living room is 5.8 m by 5.7 m, the bedroom 3.8 m by 3.3 m and the bathroom 3.8 m by 2.3 m

  Scenario: Rooms in walls drawn as centre lines reach the centre lines
    Given a flat drawn in "mm" with walls as centre lines
    And its doors and windows are drawn as blocks in the wall gaps
    When the plan is loaded
    Then the living room is 6 m by 6 m

  Scenario: A doorway with nothing drawn in it joins the rooms on both sides, and a gap to the outside opens its room
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are left as bare gaps
    When the plan is loaded
    Then the plan has no spaces

  Scenario Outline: A room's name and use come from the label inside it, in the language the office writes
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And the living room is labelled "<label>"
    When the plan is loaded
    Then the living room is named "<label>" and used as <use>

    Examples:
      | language       | label           | use         |
      | English        | Living room     | habitable   |
      | English        | Utility         | wet         |
      | German         | Wohnzimmer      | habitable   |
      | German         | Kinderzimmer    | habitable   |
      | German         | Abstellraum     | storage     |
      | French         | Salle de bains  | wet         |
      | French         | Séjour          | habitable   |
      | Spanish        | Baño            | wet         |
      | Spanish        | Dormitorio 2    | habitable   |
      | Italian        | Soggiorno       | habitable   |
      | Italian        | Ripostiglio     | storage     |
      | Dutch          | Woonkamer       | habitable   |
      | Dutch          | Fietsenberging  | storage     |
      | Persian        | پذیرایی          | habitable   |
      | Persian        | اتاق خواب ۲      | habitable   |
      | Persian        | آشپز‌خانه         | habitable   |
      | Persian        | سرویس بهداشتی   | wet         |
      | Persian        | راهرو            | circulation |
      | Persian        | پارکینگ          | garage      |
      | Persian        | انباری           | storage     |
      | Persian, Arabic keyboard | اتاق كار | habitable |
      | Persian, Arabic keyboard | سرويس     | wet         |
      | Persian, Latin | PAZIRAEI        | habitable   |
      | Persian, Latin | OTAGH KHAB 1    | habitable   |
      | Persian, Latin | ASHPAZKHANEH    | habitable   |
      | Persian, Latin | SERVICE         | wet         |
      | Persian, Latin | ANBARI          | storage     |
      | Arabic         | غرفة نوم         | habitable   |
      | Arabic         | مطبخ             | habitable   |
      | Arabic         | دورة مياه        | wet         |
      | Chinese        | 主卧室           | habitable   |
      | Chinese        | 卫生间           | wet         |
      | Chinese        | 车库             | garage      |
      | none we know   | Plant room      | other       |
      | none we know   | Zone X          | other       |

  Scenario: Every name in the names table gives its room the use the table says
    Given a grid of rooms drawn with centre-line walls, one room for each name below
      | label              | use         |
      | Bedroom 1          | habitable   |
      | Kitchen            | habitable   |
      | Dining room        | habitable   |
      | Study              | habitable   |
      | Hallway            | circulation |
      | Entrance hall      | circulation |
      | Landing            | circulation |
      | Stairs             | circulation |
      | Garage             | garage      |
      | Carport            | garage      |
      | Bathroom           | wet         |
      | En-suite           | wet         |
      | WC 2               | wet         |
      | Bin store          | storage     |
      | Pantry             | storage     |
      | Communal lounge    | communal    |
      | Balcony            | other       |
      | Schlafzimmer       | habitable   |
      | Küche              | habitable   |
      | Flur               | circulation |
      | Treppenhaus        | circulation |
      | Tiefgarage         | garage      |
      | Badezimmer         | wet         |
      | Gäste-WC           | wet         |
      | Hauswirtschaftsraum | wet        |
      | Speisekammer       | storage     |
      | Chambre 1          | habitable   |
      | Cuisine            | habitable   |
      | Dégagement         | circulation |
      | Entrée             | circulation |
      | Salle d'eau        | wet         |
      | Cellier            | storage     |
      | Cocina             | habitable   |
      | Pasillo            | circulation |
      | Garaje             | garage      |
      | Aseo               | wet         |
      | Trastero           | storage     |
      | Camera da letto    | habitable   |
      | Disimpegno         | circulation |
      | Bagno              | wet         |
      | Slaapkamer         | habitable   |
      | Overloop           | circulation |
      | Badkamer           | wet         |
      | Berging            | storage     |
      | نشیمن               | habitable   |
      | اتاق کار            | habitable   |
      | ناهارخوری           | habitable   |
      | هال                 | habitable   |
      | ورودی               | circulation |
      | حمام                | wet         |
      | تراس                | other       |
      | بالکن               | other       |
      | NESHIMAN           | habitable   |
      | RAHRO              | circulation |
      | PARKING            | garage      |
      | HAMAM              | wet         |
      | صالة                | habitable   |
      | مطبخ                | habitable   |
      | حمام                | wet         |
      | 客厅                | habitable   |
      | 厨房                | habitable   |
      | 走廊                | circulation |
      | 储藏室              | storage     |
    When the plan is loaded
    Then each room has the use its name says

  Scenario Outline: A text that is an area, a dimension, a level, a scale or a tag names no room
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And the living room is labelled "<text>"
    When the plan is loaded
    Then the living room has no name and is used as unknown

    Examples:
      | text          |
      | 12.5 m²       |
      | A=12,50       |
      | 33.06 m2      |
      | مساحت ۱۲ متر مربع |
      | 3.20 x 4.10   |
      | 5800          |
      | +0.00         |
      | 1:100         |
      | D1            |
      | W-02          |
      | د۱            |

  Scenario: The room's name is its name, not the area label written above it
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And the living room is labelled "33.06 m²" and "Salon"
    When the plan is loaded
    Then the living room is named "Salon" and used as habitable

  Scenario: Doors and windows in the gaps of a closed ring of walls know which side is outside
    Given a flat drawn in "mm" with walls as double lines with open jambs
    And its doors and windows are drawn as blocks in the wall gaps
    When the plan is loaded
    Then the entrance door opens outward to the south, the north window to the north and the east window to the east
    And the doors between rooms are internal
    And the footprint holds every recognised room

  Scenario: A drawing made to the convention that leaves its room-outline layer empty states that it has no rooms
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks carrying the convention's attributes
    And the drawing has an empty room-outline layer "A-AREA"
    When the plan is loaded
    Then the plan has no spaces

  Scenario: A drawing of walls alone that leaves its room-outline layer empty states that it has no rooms
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are left as bare gaps
    And the drawing has an empty room-outline layer "A-AREA"
    When the plan is loaded
    Then the plan has no spaces

  Scenario Outline: An office template's empty room-outline layer does not stop the rooms being recognised from the walls
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as <openings>
    And the drawing has an empty room-outline layer "<layer>"
    When the plan is loaded
    Then the plan has 3 spaces recognised from geometry
    And the living room is 5.8 m by 5.7 m, the bedroom 3.8 m by 3.3 m and the bathroom 3.8 m by 2.3 m

    Examples:
      | openings                         | layer   |
      | blocks in the wall gaps          | A-AREA  |
      | swing arcs and lines in the gaps | A-AREA  |
      | blocks in the wall gaps          | Rooms   |

  Scenario: A room-outline layer holding only open lines does not stop the rooms being recognised from the walls
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And an open line is drawn on the room-outline layer "A-AREA" from (1, 1) to (4, 1)
    When the plan is loaded
    Then the plan has 3 spaces recognised from geometry

  Scenario: Drawn room outlines are used as drawn, and no room is recognised beside them
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And a room outline "Store" is drawn on layer "A-AREA" from (0.15, 0.15) to (2, 2)
    When the plan is loaded
    Then the plan has 1 space, "Store", used as storage, as drawn

  Scenario Outline: A drawn room outline under 1.5 m² is a room only when a text inside names a use
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And a room outline "<name>" is drawn on layer "A-AREA" from (0.15, 0.15) to (1.25, 1.25)
    When the plan is loaded
    Then the plan has <result>

    Examples:
      | name | result                                |
      | WC   | 1 space, "WC", used as wet, as drawn  |
      | 1.21 | 3 spaces recognised from geometry     |

  Scenario: Room tags (a frame around the room's name, in a block on the room layer) are not rooms; the rooms they name are
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And each room carries a room tag block on layer "A-AREA": a 1.8 m by 0.65 m frame around its name
    When the plan is loaded
    Then the plan has 3 spaces recognised from geometry
    And the living room is named "Kitchen" and used as habitable

  Scenario Outline: A small enclosure is a room only when a door or window opens into it or a text names it
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And a closed wall outline 1.5 m by 1.5 m stands in the living room at (0.5, 4), <labelled>
    When the plan is loaded
    Then the plan has <count> spaces recognised from geometry
    And the point (1.25, 4.75) is <where>

    Examples:
      | labelled              | count | where                       |
      | with nothing in it    | 3     | in no room                  |
      | labelled "WC"         | 4     | in a room used as wet       |
      | labelled "1.5 x 1.5"  | 3     | in no room                  |

  Scenario: The Iranian office's plan has its rooms, named in Persian, and its external openings know which side is outside
    Given the plan an Iranian office draws: Persian layers, swing-arc doors and line windows in wall gaps, centimetres, no unit
    When the plan is loaded
    Then it has a room for each Persian room name, used as the name says, filling the space between the wall faces
    And every door and window in the outer walls has its outward side pointing out of the building, and the internal door none

  Scenario: A room is named by its largest text, not by a small note written before it
    Given a flat drawn in "mm" with walls as double lines with the jambs closed
    And its doors and windows are drawn as blocks in the wall gaps
    And the living room holds a small note "UP" and, larger, "Atelier Nord"
    When the plan is loaded
    Then the living room is named "Atelier Nord" and used as other

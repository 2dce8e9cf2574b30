Feature: Layer roles from layer names
  Architects do not redraw their plans for a permit tool, and no office names its
  layers after our convention. A layer's name says what it holds, in a CAD standard
  (NCS "A-WALL", ISO 13567 / BS 1192 with CI/SfB element codes "A-210 G", Uniclass)
  or in plain words of the office's language (Walls, Wand (neu), Türen, دیوار,
  PANJEREH, 建-墙体). Such layers get their role with no mapping, and the load report
  says why ("layer name 'Türen' = doors, German"). A name meaning furniture,
  dimensions, text or demolition gets no role, and a word found inside another
  word never counts. A [layers] table still wins.

  Scenario Outline: A layer named in a CAD standard or in plain words gets its role and says why
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a line is drawn on the layer named "<layer>"
    When the plan is loaded
    Then the layer named "<layer>" has the role <role>
    And the reason for the layer named "<layer>" says "<because>"

    Examples: CAD standards
      | layer                        | role    | because                    |
      | A-WALL                       | walls   | = walls, NCS layer code    |
      | a_wall_extr                  | walls   | NCS layer code             |
      | A-DOOR-FULL                  | doors   | NCS layer code             |
      | A-GLAZ-CWMG                  | windows | NCS layer code             |
      | A-AREA-OCCP                  | spaces  | NCS layer code             |
      | A-ROOF-OTLN                  | access  | NCS layer code             |
      | L-SITE-FENC                  | fences  | NCS layer code             |
      | E-LITE-EXTR                  | lights  | NCS layer code             |
      | C-PROP-LINE                  | site    | NCS layer code             |
      | C-ROAD-CURB                  | public  | NCS layer code             |
      | E-LITE-EQPM                  | lights  | = lights, NCS layer code   |
      | A-DOOR-GLAZ                  | doors   | = doors, NCS layer code    |
      | A-210 G - Existing Structure | walls   | CI/SfB layer code          |
      | A-21-G                       | walls   | CI/SfB layer code          |
      | A-22-M                       | walls   | CI/SfB layer code          |
      | A-31-E                       | windows | CI/SfB layer code          |
      | A-32-E                       | doors   | CI/SfB layer code          |
      | A-27-G                       | access  | CI/SfB layer code          |
      | A-325G - Internal Doors      | doors   | = doors, English           |
      | A-31-E Doors                 | doors   | = doors, English           |
      | A-EF_25_10-Walls             | walls   | = walls, English           |
      | A-EF_25_10                   | walls   | Uniclass layer code        |

    Examples: English, with plurals, prefixes, suffixes and joined words
      | layer                        | role    | because                    |
      | Walls                        | walls   | = walls, English           |
      | 01_Walls                     | walls   | English                    |
      | AR_Doors_new                 | doors   | = doors, English           |
      | ExternalWalls                | walls   | English                    |
      | Partitions                   | walls   | English                    |
      | Windows (proposed)           | windows | = windows, English         |
      | GLAZING                      | windows | English                    |
      | Curtain Wall                 | windows | = windows, English         |
      | CurtainWalls                 | windows | English                    |
      | Rooms                        | spaces  | = spaces, English          |
      | Area                         | spaces  | English                    |
      | Roof                         | access  | English                    |
      | Balconies                    | access  | English                    |
      | Site boundary                | site    | English                    |
      | Property line                | site    | English                    |
      | Street                       | public  | English                    |
      | Footpath                     | public  | English                    |
      | Fence                        | fences  | English                    |
      | Lighting                     | lights  | English                    |
      | Wall lights                  | lights  | = lights, English          |
      | Crystal                      | windows | English                    |
      | Bedroom                      | spaces  | English                    |

    Examples: German, French, Spanish, Italian, Dutch
      | layer                        | role    | because                    |
      | Wand (neu)                   | walls   | = walls, German or Dutch   |
      | Wand tragend                 | walls   | German                     |
      | WÄNDE                        | walls   | German                     |
      | Außenwand                    | walls   | German                     |
      | Innenwaende                  | walls   | German                     |
      | Türen                        | doors   | = doors, German            |
      | Turen                        | doors   | German                     |
      | Tueren                       | doors   | German                     |
      | Haustür                      | doors   | German                     |
      | Fenster                      | windows | German                     |
      | Räume                        | spaces  | German                     |
      | Dachterrasse                 | access  | German                     |
      | Zaun                         | fences  | German                     |
      | Wandleuchte                  | lights  | = lights, German           |
      | MURS                         | walls   | French                     |
      | Cloisons                     | walls   | French                     |
      | PORTE                        | doors   | French or Italian          |
      | Portes                       | doors   | = doors, French            |
      | Fenêtres                     | windows | French                     |
      | FENETRE                      | windows | French                     |
      | Vitrage                      | windows | French                     |
      | Pièces                       | spaces  | French                     |
      | Toiture                      | access  | French                     |
      | Clôture                      | fences  | French                     |
      | MUROS                        | walls   | Spanish                    |
      | Puertas                      | doors   | Spanish                    |
      | Ventana                      | windows | Spanish                    |
      | Habitaciones                 | spaces  | Spanish                    |
      | Valla                        | fences  | Spanish                    |
      | Techo                        | access  | Spanish                    |
      | PARETI                       | walls   | Italian                    |
      | Porta                        | doors   | Italian                    |
      | Finestre                     | windows | Italian                    |
      | Stanze                       | spaces  | Italian                    |
      | Recinzione                   | fences  | Italian                    |
      | Muur                         | walls   | Dutch                      |
      | Binnendeuren                 | doors   | Dutch                      |
      | Kozijnen                     | windows | Dutch                      |
      | RAAM                         | windows | Dutch                      |
      | Ruimte                       | spaces  | Dutch                      |
      | Hekwerk                      | fences  | Dutch                      |
      | Dak                          | access  | Dutch                      |
      | Trockenbau                   | walls   | German                     |
      | Menuiseries                  | doors   | names doors and windows    |
      | Paredes                      | walls   | Spanish or Portuguese      |
      | Janelas                      | windows | Portuguese                 |
      | Esquadrias                   | doors   | names doors and windows    |

    Examples: Persian, Persian in Latin letters, Arabic, Chinese
      | layer                        | role    | because                    |
      | دیوار                        | walls   | = walls, Persian           |
      | ديوار                        | walls   | Persian                    |
      | دیوارها                      | walls   | Persian                    |
      | در                           | doors   | = doors, Persian           |
      | درب                          | doors   | Persian                    |
      | درها                         | doors   | Persian                    |
      | پنجره                        | windows | Persian                    |
      | پنجره‌ها                     | windows | Persian                    |
      | اتاق                         | spaces  | Persian                    |
      | فضاها                        | spaces  | Persian                    |
      | نرده                         | fences  | Persian                    |
      | حصار                         | fences  | Persian                    |
      | پشت بام                      | access  | Persian                    |
      | خیابان                       | public  | Persian                    |
      | روشنایی                      | lights  | Persian                    |
      | در و پنجره                   | doors   | names doors and windows    |
      | DIVAR                        | walls   | Persian in Latin letters   |
      | DIVAR 20                     | walls   | Persian in Latin letters   |
      | Divarha                      | walls   | Persian in Latin letters   |
      | DAR                          | doors   | Persian in Latin letters   |
      | DARB                         | doors   | Persian in Latin letters   |
      | PANJEREH                     | windows | Persian in Latin letters   |
      | Panjere                      | windows | Persian in Latin letters   |
      | OTAGH                        | spaces  | Persian in Latin letters   |
      | OTAQ                         | spaces  | Persian in Latin letters   |
      | NARDE                        | fences  | Persian in Latin letters   |
      | HESAR                        | fences  | Persian in Latin letters   |
      | POSHT BAM                    | access  | Persian in Latin letters   |
      | BAM                          | access  | Persian in Latin letters   |
      | جدار                         | walls   | Arabic                     |
      | الجدران                      | walls   | Arabic                     |
      | حائط                         | walls   | Arabic                     |
      | باب                          | doors   | Arabic                     |
      | نافذة                        | windows | Arabic                     |
      | غرفة                         | spaces  | Arabic                     |
      | 建-墙体                      | walls   | Chinese                    |
      | 墙                           | walls   | Chinese                    |
      | 门                           | doors   | Chinese                    |
      | 窗                           | windows | Chinese                    |
      | 幕墙                         | windows | Chinese                    |
      | 房间                         | spaces  | Chinese                    |
      | 围墙                         | fences  | Chinese                    |
      | 门窗                         | doors   | names doors and windows    |

  Scenario Outline: A layer name meaning no building element, or holding a role word only inside another word, gets no role
    Given a plan drawn in millimetres
    And the plan shows a 10 m by 8 m house with a front door and a window
    And a line is drawn on the layer named "<layer>"
    When the plan is loaded
    Then the layer named "<layer>" has no role
    And the layer named "<layer>" is <noise>

    Examples:
      | layer                  | noise                |
      | Furniture              | noise                |
      | A-FURN                 | noise                |
      | Möbel                  | noise                |
      | Mobilier               | noise                |
      | مبلمان                 | noise                |
      | MOBLEMAN               | noise                |
      | 家具                   | noise                |
      | DIM                    | noise                |
      | Bemaßung               | noise                |
      | اندازه گذاری           | noise                |
      | Cotation               | noise                |
      | A-WALL-DIMS            | noise                |
      | Wall dimensions        | noise                |
      | Grid                   | noise                |
      | Achsen                 | noise                |
      | محور                   | noise                |
      | Titleblock             | noise                |
      | Hatch                  | noise                |
      | Elevation              | noise                |
      | Schnitt                | noise                |
      | Detail                 | noise                |
      | A-WALL-DEMO            | noise                |
      | Wand Abbruch           | noise                |
      | تخریب                  | noise                |
      | Wall cabinet           | noise                |
      | Wandschrank            | noise                |
      | P-SANR-FIXT            | noise                |
      | Mobiliário             | noise                |
      | TEXT                   | not noise            |
      | متن                    | not noise            |
      | Room names             | not noise            |
      | Door tags              | not noise            |
      | DOORHANDLE             | not noise            |
      | Darstellung            | not noise            |
      | Murales                | not noise            |
      | Architektur            | not noise            |
      | Strukturen             | not noise            |
      | Radar                  | not noise            |
      | Outdoor                | not noise            |
      | Mushroom               | not noise            |
      | Leinwand               | not noise            |
      | Luftraum               | not noise            |
      | Flooring               | not noise            |
      | Columns                | not noise            |
      | Railings               | not noise            |
      | Zone Stamps            | not noise            |
      | AWALL                  | not noise            |
      | Layer1                 | not noise            |
      | 0                      | not noise            |
      | خطوط کمکی در پلان همکف | not noise            |
      | Dario                  | not noise            |

  Scenario Outline: A plan with its layers named in a language loads with its walls, doors and windows, no mapping needed
    Given a plan drawn in millimetres with no layer named to the convention
    And its walls are drawn on "<walls>", its door on "<doors>" and its window on "<windows>"
    When the plan is loaded
    Then the plan loads
    And its walls, its door and its window are in the plan, each from its layer
    And each says it was recognised by its layer name, because "<because>"

    Examples:
      | walls         | doors   | windows  | because                                      |
      | Wand (neu)    | Türen   | Fenster  | layer name 'Türen' = doors, German           |
      | دیوار         | در      | پنجره    | layer name 'پنجره' = windows, Persian        |
      | ديوارها       | درها    | پنجره‌ها | layer name 'درها' = doors, Persian           |
      | DIVAR         | DAR     | PANJEREH | layer name 'DIVAR' = walls, Persian in Latin letters |
      | Walls         | Doors   | Windows  | layer name 'Walls' = walls, English          |
      | MURS          | PORTES  | FENETRES | layer name 'MURS' = walls, French            |
      | 建-墙体       | 建-门   | 建-窗    | layer name '建-墙体' = walls, Chinese        |
      | A-210 G       | A-32-M  | A-31-M   | layer name 'A-32-M' = doors, CI/SfB layer code |

  Scenario: The preflight JSON says for every layer with a role how it was known and why
    Given a plan drawn in millimetres with no layer named to the convention
    And its walls are drawn on "Wand (neu)", its door on "Türen" and its window on "پنجره"
    When I run "annex preflight {plan} --json {tmp}/preflight.json"
    Then the exit status is 0
    And the preflight JSON gives the layer "Türen" the role "doors" by "layer-name", because "layer name 'Türen' = doors, German"
    And the preflight JSON gives the layer "پنجره" the role "windows" by "layer-name", because "layer name 'پنجره' = windows, Persian"
    And the preflight JSON gives the layer "Wand (neu)" the role "walls" by "layer-name", because "layer name 'Wand (neu)' = walls, German or Dutch"
    And the preflight JSON still lists the layers by role

  Scenario: A [layers] table wins over what a layer's name says
    Given a plan drawn in millimetres with no layer named to the convention
    And its walls are drawn on "Walls", its door on "Türen" and its window on "Glas"
    And a mapping file maps walls to "Glas"
    When I run "annex preflight {plan} --layers {tmp}/layers.toml --json {tmp}/preflight.json"
    Then the exit status is 0
    And the preflight JSON gives the layer "Glas" the role "walls" by "mapping", because "by the layer mapping layers.toml [layers]"
    And the preflight JSON gives the layer "Walls" the role "walls" by "layer-name", because "layer name 'Walls' = walls, English"

  Scenario: The Barcelona Pavilion plan, whose layers are called Walls, Doors and Crystal, loads without a mapping
    When I run "annex preflight {corpus}/yorikvanhavre__barcelona-pavillion__plan.dxf --json {tmp}/preflight.json"
    Then the exit status is 0
    And the preflight JSON gives the layer "Walls" the role "walls" by "layer-name", because "layer name 'Walls' = walls, English"
    And the preflight JSON gives the layer "Doors" the role "doors" by "layer-name", because "layer name 'Doors' = doors, English"
    And the preflight JSON gives the layer "Crystal" the role "windows" by "layer-name", because "layer name 'Crystal' = windows, English"
    And the preflight JSON lists "Furniture" among the layers with no role

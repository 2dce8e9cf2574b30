Feature: Hostile uploads are refused with one sentence and leave nothing behind
  A zip is unpacked in memory, counting the bytes actually decompressed over all its
  entries (the sizes its headers state are not trusted), and refused as soon as they
  pass the upload limit (50 MB here), before anything is written. A zip that cannot be
  read, lies about its sizes or holds what a project never needs (names leaving the
  zip, links, another zip, encrypted entries, hundreds of entries) is refused with one
  true sentence: 422 through the API, the upload form again (400) on the page, never
  a 500 and never a claim that the upload was kept. A disk that fills up during an
  upload gives one sentence and leaves none of the upload's files.

  Scenario Outline: A 0.5 MB zip that unpacks to 497 MB is refused before it is written anywhere
    Given an architect with a project
    When they send a 0.5 MB zip holding a DXF that unpacks to 497 MB <channel>
    Then the upload is refused with <status> saying "The zip unpacks to more than 50 MB; send smaller drawings."
    And nothing of the upload is kept

    Examples:
      | channel                | status |
      | through the API        | 422    |
      | through the upload page | 400    |

  Scenario: Every entry counts towards the limit, not only the largest
    Given an architect with a project
    When they send a zip of project.toml and 60 DXF files of 1 MB each through the API
    Then the upload is refused with 422 saying "The zip unpacks to more than 50 MB; send smaller drawings."
    And nothing of the upload is kept

  Scenario Outline: A zip whose headers lie about a file's size is refused with a true sentence
    Given an architect with a project
    When they send the example house as a zip whose headers say first.dxf is <lie> through the API
    Then the upload is refused with 422 saying "The zip entry “house/first.dxf” cannot be unpacked: the zip is damaged or states wrong sizes."
    And nothing of the upload is kept

    Examples:
      | lie                          |
      | 100 bytes unpacked           |
      | 400 MB unpacked              |
      | 10 bytes compressed          |
      | 1 MB compressed              |

  Scenario Outline: A damaged zip is refused with a true sentence
    Given an architect with a project
    When they send the example house as a zip <damage> through the API
    Then the upload is refused with 422 saying "<sentence>"
    And nothing of the upload is kept

    Examples:
      | damage                                  | sentence                                                                                        |
      | cut off half-way                        | The zip file cannot be opened; it may be damaged.                                               |
      | whose first.dxf has scrambled bytes      | The zip entry “house/first.dxf” cannot be unpacked: the zip is damaged or states wrong sizes. |

  Scenario Outline: Entries a project never needs are refused, each with a sentence
    Given an architect with a project
    When they send the example house as a zip with <entry> through the API
    Then the upload is refused with 422 saying "<sentence>"
    And nothing of the upload is kept

    Examples:
      | entry                                              | sentence                                                                                                          |
      | an entry named "house/../../outside.dxf"           | The zip entry “house/../../outside.dxf” points outside the zip.                                                   |
      | an entry named "/etc/cron.d/annex"                 | The zip entry “/etc/cron.d/annex” points outside the zip.                                                         |
      | an entry named "C:/Windows/annex.dxf"              | The zip entry “C:/Windows/annex.dxf” points outside the zip.                                                      |
      | an entry named "house\..\..\outside.dxf"           | The zip entry “house\..\..\outside.dxf” points outside the zip.                                                   |
      | a symbolic link "house/link.dxf" to "/etc/passwd"  | The zip entry “house/link.dxf” is a symbolic link; put the file itself in the zip.                                |
      | another zip "house/more.zip"                       | The zip holds another zip, “house/more.zip”; put project.toml and the DXF files straight into one zip.            |
      | another zip named "house/notes.txt"                | The zip holds another zip, “house/notes.txt”; put project.toml and the DXF files straight into one zip.           |
      | 200 empty folders                                  | The zip holds more than 200 files.                                                                                |
      | 30000 empty files                                  | The zip's list of contents is over 1 MB, far more than a project needs; send only project.toml and the DXF files. |
      | first.dxf marked as encrypted                      | The zip entry “house/first.dxf” is encrypted; send a zip without a password.                                      |
      | first.dxf compressed by an unknown method          | The zip entry “house/first.dxf” is compressed in a way we cannot read; make the zip again with ordinary compression. |
      | first.dxf twice                                    | The zip holds “house/first.dxf” twice; keep one of them.                                                          |

  Scenario: A disk that fills up during an upload gives one sentence and leaves none of the upload's files
    Given the upload folder is a file system of 64 KB, room for the ground floor's DXF but not both storeys
    When the architect submits the example house's two storeys through the API and through the upload page
    And then a storey of 600 KB while the temporary folder is on that file system too
    Then each answer is 507 saying "The server has no room to keep your files just now, so nothing was kept; try again later."
    And the upload folder holds no file and no version was recorded

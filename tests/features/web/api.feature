Feature: The JSON API for permit systems
  A permit system submits plans and fetches the status, the results and the PDF
  annex with a bearer token made on the tokens page. The API does what the pages do,
  with the same rules on who sees what.

  Scenario: An architect submits a two-storey project and fetches status, preflight, results and annex
    Given the architect has an API token
    When they create a project in "Example" through the API
    And they submit the example house's two storeys through the API
    Then the answer is 202 with the version's status URL
    And the status says the check is done with the verdict "fails"
    And the preflight describes both storey files
    And the results are the checker's results for both storeys with the review state "new"
    And the annex is a PDF that opens

  Scenario: A zip with a project.toml is submitted as one version
    Given the architect has an API token
    When they create a project in "Example" through the API
    And they submit the example house as a zip through the API
    Then the answer is 202 with the version's status URL
    And the version has the storeys "Ground floor" and "First floor" checked with "ir-police-annex"

  Scenario: A resubmission is a new version that says what changed since the previous one
    Given the architect has an API token
    When they create a project in "Example" through the API
    And they submit the example house's two storeys through the API
    And they submit the example house's two storeys through the API again
    Then the project lists versions 1 and 2
    And the changes of version 2 compare it with version 1

  Scenario: An architect never reaches another architect's project through the API
    Given the architect has submitted the example house through the API
    When the other architect uses their own token
    Then the project, its version, its results, its preflight, its changes and its annex answer 404
    And submitting a version to that project answers 404
    And the other architect's project list is empty

  Scenario: A reviewer reads the submissions of their municipality and no other's
    Given the architect has submitted the example house through the API
    When the reviewer of "Example" uses their token
    Then the version's status, results and annex are readable
    And the project appears in the reviewer's project list
    And submitting a version or creating a project answers 403
    When the reviewer of "Elsewhere" uses their token
    Then the project, its version, its results, its preflight, its changes and its annex answer 404

  Scenario: A file that is not a DXF is refused with one sentence and nothing is stored
    Given the architect has an API token
    When they create a project in "Example" through the API
    And they submit a text file as a storey through the API
    Then the answer is 422 with one sentence naming the file
    And the project has no version and no file was stored

  Scenario: An upload larger than the limit is refused with 413 and one sentence
    Given the architect has an API token
    And the upload limit is 1 MB
    When they create a project in "Example" through the API
    And they submit a 2 MB storey through the API
    Then the answer is 413 with one sentence
    And the project has no version and no file was stored

  Scenario: Once a reviewer has signed off, the API serves the frozen annex and the decisions
    Given the architect has submitted the example house through the API
    When the version is approved with a signed-off annex and a deviation
    Then the annex served is the signed-off one
    And the architect's results show the review state "approved" with the deviation

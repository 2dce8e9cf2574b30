Feature: The load test harness (make loadtest) keeps working
  `make loadtest` runs locust against gunicorn, the check workers, Redis and PostgreSQL
  started on this machine. A short run with a few users keeps the harness from rotting;
  its timing targets are judged by the full run, not here (the test machine is shared).

  Scenario: A short load test answers every request and checks every submission it made
    Given the load-test harness has run for 8 seconds with 2 architects and 2 reviewers
    Then it lists the requests, errors, p50 and p95 of the upload, the version status, the review queue, a submission's page and the sign-in
    And no request failed
    And every submission made was checked after draining, none lost
    And the check workers ran 10 nice levels below the web workers, so requests come before checks
    And it says how many of the cores the stack and the other processes on the machine used

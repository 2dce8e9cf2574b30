Feature: Checks run as jobs in limited worker processes, and none is lost
  The web app only records a check and puts it on the queue; worker processes
  (``python -m web.jobs.worker``) take it from Redis, run it in a child under CPU-time and
  memory limits, and write its progress and results to the database, which the pages
  read. Without Redis the web app runs the very same job in a local process pool. A
  job whose worker was killed, whose queue entry Redis lost, or that no web process
  got to queue is found by the reconciler and queued again. These tests start real
  Redis, PostgreSQL, worker and web processes and do the faults to them.

  Scenario: A check waits on the queue until a worker process takes it, and is done by the worker
    Given Redis and PostgreSQL are running and no worker is
    When the architect submits the example project
    Then the check is still queued a moment later
    When a worker process starts
    Then the check is done with the example's verdict
    And the check ran in a process other than the web app's

  Scenario: A worker killed with SIGKILL in the middle of a check leaves the check to another worker, which finishes it
    Given Redis and PostgreSQL are running and a worker process is running
    When the architect submits the example project
    And the check is running in the worker
    And a second worker process starts
    And the first worker and its children are killed with SIGKILL
    Then the check is done with the example's verdict
    And the check was started twice

  Scenario: A Redis restart that loses the queue loses no check
    Given Redis and PostgreSQL are running and no worker is
    When the architect submits the example project
    And Redis is killed and started again with nothing in it
    And a worker process starts
    Then the check is done with the example's verdict

  Scenario: Redis killed and restarted while a check runs loses nothing, and the worker goes on with the next check
    Given Redis and PostgreSQL are running and a worker process is running
    When the architect submits the example project
    And the check is running in the worker
    And Redis is killed and started again with nothing in it
    Then the check is done with the example's verdict
    When the architect submits the example project again
    Then the check is done with the example's verdict

  Scenario: A check submitted while Redis is down is queued once Redis is back
    Given Redis and PostgreSQL are running and a worker process is running
    When Redis is stopped
    And the architect submits the example project
    And Redis is started again
    Then the check is done with the example's verdict

  Scenario: A worker stopped with SIGTERM finishes the check in hand, then stops, and a new worker takes the next one
    Given Redis and PostgreSQL are running and a worker process is running whose checks wait for the test's go-ahead
    When the architect submits the example project
    And the check is running in the worker
    And the worker is stopped with SIGTERM
    And the worker has taken the stop
    And the check is let go on
    Then the check is done with the example's verdict
    And the worker process has ended by itself
    When the architect submits the example project again
    And a worker process starts
    Then the check is done with the example's verdict

  Scenario: A worker stopped with SIGTERM whose check outlasts the grace period ends the check and stops, and another worker finishes it
    Given Redis and PostgreSQL are running and a worker process is running whose checks wait for the test's go-ahead, with 2 seconds' grace to stop
    When the architect submits the example project
    And the check is running in the worker
    And the worker is stopped with SIGTERM
    Then the worker process has ended by itself
    And the check is still running in the database
    When the check is let go on
    And a worker process starts
    Then the check is done with the example's verdict
    And the check was started twice

  Scenario: A web process killed before it could queue a check loses nothing: the next web process queues it at start
    Given Redis and PostgreSQL are running and no worker is
    And the web app runs in gunicorn
    When Redis is stopped
    And the architect submits the example project through the API
    And gunicorn is killed with SIGKILL
    And Redis is started again
    And gunicorn starts again
    Then the check is queued on Redis
    When a worker process starts
    Then the check is done with the example's verdict

  Scenario: A reviewer's sign-off annex is written by a worker process, and the page says so until it is ready
    Given Redis and PostgreSQL are running and no worker is
    And the example project has been checked
    When the reviewer requests changes with the note "Add a door viewer"
    Then the submission page says the signed-off annex is being written
    When a worker process starts
    Then the version is frozen with its signed-off annex
    And the submission page shows the sign-off

  Scenario: Without Redis the web app runs checks in its local process pool, never in its own process
    Given the web app runs without Redis
    When the architect submits the example project
    Then the check is done with the example's verdict
    And the check ran in a process other than the web app's

  Scenario: Without Redis, a web process killed in the middle of a check loses nothing: the next one checks it again at start
    Given Redis and PostgreSQL are running and no worker is
    And the web app runs as "python -m web" without Redis
    When the architect submits the example project through the API
    And the check is running in the worker
    And the web process and its children are killed with SIGKILL
    And the web app starts again as "python -m web" without Redis
    Then the check is done with the example's verdict
    And the check was started twice

  Scenario: A check past its CPU-time limit ends failed with one sentence
    Given the web app limits each check to 1 second of CPU time
    When the architect submits the example project
    Then the check has failed saying "The check needed more than 1 seconds of computing time"

  Scenario: A check past its memory limit ends failed with one sentence
    Given the web app limits each check to 256 MB more memory than the web process has and the drawing reader needs a gigabyte
    When the architect submits the example project
    Then the check has failed saying "MB of memory, the most one check may use"

  Scenario: A check that sleeps past its wall-clock limit ends failed with one sentence, and nothing hangs
    Given the web app limits each check to 2 seconds of wall-clock time and the drawing reader hangs
    When the architect submits the example project
    Then the check has failed saying "The check took longer than 2 seconds"

  Scenario: The database unreachable gives 503 with one sentence
    Given the web app's database cannot be reached
    When an API client asks for the municipalities
    Then the answer is 503 saying "The database cannot be reached just now"

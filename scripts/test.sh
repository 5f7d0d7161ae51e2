#!/usr/bin/env bash
# Runs every test suite: the .NET test projects of the solution, then the Node end-to-end suites.
#
# The last line is "N passed, N failed" (", N skipped" when some were skipped), the totals over
# all suites. A suite that could not run, or that ran no test, counts as one failed test, so the
# line itself shows the failure. The exit code is non-zero whenever a test or a suite failed.
#
# ModelRegistry.Api.Tests runs twice: on SQLite with the other projects, then on a throwaway PostgreSQL 15 cluster
# (scripts/postgres.sh, stopped on exit), with its own TRX (ModelRegistry.Api.Tests.Postgres.trx) and summary line.
#
# Outputs: TestResults/ (build log, one TRX file per test project and run) and tests/e2e/output/
# (TAP results, server logs, audit report). Both folders are git-ignored.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# One configuration for the build, the .NET tests and the Api the e2e suites start.
CONFIGURATION=Release
RESULTS="$ROOT/TestResults"
E2E_DIR="$ROOT/tests/e2e"
E2E_OUTPUT="$E2E_DIR/output"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

passed=0
failed=0
skipped=0
summaries=()
problems=()

# Records a suite that did not run or did not report, as one failure.
suite_problem() {
  problems+=("$1")
  failed=$((failed + 1))
}

# Prints one numeric attribute of the <Counters> element of a TRX file (0 when absent).
trx_counter() {
  local value
  value="$(grep -o '<Counters [^>]*>' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9][0-9]*' || true)"
  echo "${value:-0}"
}

# Prints the value of a TAP summary line such as "# pass 3" (0 when absent).
tap_counter() {
  local value
  value="$(grep -E "^# $2 [0-9]+$" "$1" | tail -n 1 | grep -o '[0-9][0-9]*$' || true)"
  echo "${value:-0}"
}

print_totals_and_exit() {
  echo
  echo "== Summary"
  local line
  for line in "${summaries[@]}"; do echo "  $line"; done
  for line in "${problems[@]}"; do echo "  problem: $line"; done
  local totals="$passed passed, $failed failed"
  ((skipped > 0)) && totals+=", $skipped skipped"
  echo "$totals"
  if ((failed > 0 || ${#problems[@]} > 0)); then exit 1; fi
  exit 0
}

# Runs one .NET test project and counts its TRX into the totals.
# Arguments: project path, TRX name (without .trx), summary label, then extra `dotnet test` arguments.
run_dotnet_project() {
  local project="$1" name="$2" label="$3" trx code total project_passed project_failed project_skipped
  shift 3
  trx="$RESULTS/$name.trx"
  echo
  echo "== dotnet test $label"
  code=0
  timeout --kill-after=30s 40m \
    dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" "$@" || code=$?

  if [[ ! -f $trx ]]; then
    suite_problem ".NET: $label wrote no results (dotnet test exited $code)"
    return 0
  fi
  total="$(trx_counter "$trx" total)"
  project_passed="$(trx_counter "$trx" passed)"
  project_failed=$(($(trx_counter "$trx" failed) + $(trx_counter "$trx" error) + $(trx_counter "$trx" timeout) + $(trx_counter "$trx" aborted)))
  project_skipped="$(trx_counter "$trx" notExecuted)"
  passed=$((passed + project_passed))
  failed=$((failed + project_failed))
  skipped=$((skipped + project_skipped))
  suite_total=$((suite_total + total))
  summaries+=("[dotnet] $label: $project_passed passed / $project_failed failed / $project_skipped skipped")
  if ((code != 0 && project_failed == 0)); then
    suite_problem ".NET: dotnet test for $label exited $code without a failed test (crash or time-out)"
  fi
  ((total == 0)) && summaries+=("[dotnet] $label: warning: no test found")
  return 0
}

run_dotnet_suite() {
  local projects=() project name
  suite_total=0

  mapfile -t projects < <(dotnet sln ModelRegistry.sln list | grep -E 'Tests\.csproj$' || true)
  if ((${#projects[@]} == 0)); then
    suite_problem ".NET: the solution lists no test project"
    return
  fi

  for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    run_dotnet_project "$project" "$name" "$name" --filter "Category!=PostgresOnly"
  done

  ((suite_total == 0)) && suite_problem ".NET: the test projects ran no test"
  return 0
}

# The API suite once more, on PostgreSQL: a throwaway cluster (scripts/postgres.sh) on a free loopback port, in which
# the test fixture creates one database per test host. Tests of SQLite-only behaviour carry Category=SqliteOnly.
run_dotnet_postgres_suite() {
  local project="tests/ModelRegistry.Api.Tests/ModelRegistry.Api.Tests.csproj" connection
  suite_total=0
  echo
  echo "== PostgreSQL cluster for ModelRegistry.Api.Tests"
  POSTGRES_DIR="$(mktemp -d -t registry-postgres-XXXXXX)"
  if ! connection="$(bash "$ROOT/scripts/postgres.sh" start "$POSTGRES_DIR")"; then
    suite_problem ".NET: the PostgreSQL cluster did not start (see above); ModelRegistry.Api.Tests did not run on PostgreSQL"
    return 0
  fi
  REGISTRY_TEST_POSTGRES="$connection" \
    run_dotnet_project "$project" "ModelRegistry.Api.Tests.Postgres" "ModelRegistry.Api.Tests (PostgreSQL)" \
    --filter "Category!=SqliteOnly"
  stop_postgres
  ((suite_total == 0)) && suite_problem ".NET: ModelRegistry.Api.Tests ran no test on PostgreSQL"
  return 0
}

POSTGRES_DIR=""
stop_postgres() {
  if [[ -n $POSTGRES_DIR ]]; then
    bash "$ROOT/scripts/postgres.sh" stop "$POSTGRES_DIR" || true
    POSTGRES_DIR=""
  fi
}
trap stop_postgres EXIT

run_node_suite() {
  local tap="$E2E_OUTPUT/results.tap" code=0 tests pass fail cancelled skip todo
  echo
  echo "== node --test (tests/e2e)"
  mkdir -p "$E2E_OUTPUT"
  (
    cd "$E2E_DIR"
    REGISTRY_E2E_SKIP_BUILD=1 REGISTRY_E2E_CONFIGURATION="$CONFIGURATION" \
      timeout --kill-after=30s 30m \
      node --test --test-concurrency=1 --test-timeout=300000 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$tap"
  ) || code=$?

  if [[ ! -f $tap ]] || ! grep -qE '^# tests [0-9]+$' "$tap"; then
    suite_problem "Node: the e2e run wrote no summary (node exited $code)"
    return
  fi
  tests="$(tap_counter "$tap" tests)"
  pass="$(tap_counter "$tap" pass)"
  fail="$(tap_counter "$tap" fail)"
  cancelled="$(tap_counter "$tap" cancelled)"
  skip=$(($(tap_counter "$tap" skipped) + $(tap_counter "$tap" todo)))
  passed=$((passed + pass))
  failed=$((failed + fail + cancelled))
  skipped=$((skipped + skip))
  summaries+=("[node] e2e: $pass passed / $((fail + cancelled)) failed / $skip skipped")
  ((tests == 0)) && suite_problem "Node: the e2e suites ran no test"
  if ((code != 0 && fail + cancelled == 0)); then
    suite_problem "Node: node --test exited $code without a failed test (crash or time-out)"
  fi
  return 0
}

rm -rf "$RESULTS" "$E2E_OUTPUT"
mkdir -p "$RESULTS" "$E2E_OUTPUT"

echo "== prerequisites"
if ! bash "$ROOT/scripts/prerequisites.sh"; then
  suite_problem "prerequisites are missing (see above); no suite ran"
  print_totals_and_exit
fi

echo
echo "== dotnet build ModelRegistry.sln -c $CONFIGURATION"
build_code=0
timeout --kill-after=30s 30m \
  dotnet build ModelRegistry.sln -c "$CONFIGURATION" --nologo -nodeReuse:false 2>&1 |
  tee "$RESULTS/build.log" || build_code=$?
if ((build_code != 0)); then
  suite_problem "the solution did not build (exit $build_code, see TestResults/build.log); no suite ran"
  print_totals_and_exit
fi

run_dotnet_suite
run_dotnet_postgres_suite
run_node_suite
print_totals_and_exit

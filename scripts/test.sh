#!/usr/bin/env bash
# test.sh — every test suite: unit (cmocka), API (node:test against a real server), browser
# (playwright-core + Debian chromium); then unit and API once more on the ASan+UBSan build.
# Exits non-zero when any suite fails or a sanitizer reports anything.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build}
ASAN_BUILD=${ASAN_BUILD:-build-asan}
failed=()

run() { # name command...
  local name=$1; shift
  echo "=== $name"
  if "$@"; then echo "=== $name: ok"; else echo "=== $name: FAILED"; failed+=("$name"); fi
}

run "unit" ctest --test-dir "$BUILD" --output-on-failure
run "api (sqlite)" env YICI_BIN="$ROOT/$BUILD/yici" node --test --test-concurrency=2 tests/api/
run "browser" env YICI_BIN="$ROOT/$BUILD/yici" node --test --test-concurrency=1 tests/e2e/

# PostgreSQL: a throw-away cluster started here; the API suite again, then the multi-node tests.
pgdir=$(mktemp -d /tmp/yici-testpg.XXXXXX)
if pgurl=$(scripts/pg.sh start "$pgdir"); then
  run "api (postgresql)" env YICI_BIN="$ROOT/$BUILD/yici" YICI_TEST_PG="${pgurl%/yici}/postgres" \
    node --test --test-concurrency=2 tests/api/
else
  echo "=== api (postgresql): FAILED to start PostgreSQL"
  failed+=("api (postgresql)")
fi
scripts/pg.sh stop "$pgdir" >/dev/null 2>&1 || true
if [ -d tests/cluster ]; then
  run "cluster (postgresql + nginx)" env YICI_BIN="$ROOT/$BUILD/yici" node --test --test-concurrency=1 tests/cluster/
fi

# Sanitizer run: every process the tests start writes its reports under one folder.
san=$(mktemp -d /tmp/yici-asan.XXXXXX)
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86:log_path=$san/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87:log_path=$san/ubsan"
export LSAN_OPTIONS="suppressions=$ROOT/scripts/lsan.supp"
run "unit (asan+ubsan)" ctest --test-dir "$ASAN_BUILD" --output-on-failure
run "api (sqlite, asan+ubsan)" env YICI_BIN="$ROOT/$ASAN_BUILD/yici" TMPDIR="$san" \
  node --test --test-concurrency=2 tests/api/
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
# Reports land in the log_path files, and (UBSan with ASan) sometimes in a server's own log.
# A log file that only lists the suppressions used (scripts/lsan.supp) is not a report.
reports=$(grep -rlE "runtime error:|ERROR: (AddressSanitizer|LeakSanitizer)|SUMMARY: UndefinedBehaviorSanitizer" \
            "$san" 2>/dev/null | sort -u)
if [ -n "$reports" ]; then
  echo "=== sanitizer reports:"
  for f in $reports; do echo "--- $f"; grep -E -A30 "runtime error:|ERROR: |SUMMARY:" "$f" | head -60; done
  failed+=("sanitizers")
else
  echo "=== sanitizers: no report"
fi
rm -rf "$san"

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "all suites passed"

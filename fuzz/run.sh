#!/usr/bin/env bash
# fuzz/run.sh — build the libFuzzer harnesses with clang (ASan + UBSan + libFuzzer) and run each
# on a copy of its committed corpus (see fuzz/README.md).
#
#   fuzz/run.sh            build, then run every harness FUZZ_TIME seconds (default 60); fails
#                          when any run crashes, leaks, times out or runs out of memory
#   fuzz/run.sh build      build only
#   fuzz/run.sh merge      grow and minimise: fuzz FUZZ_TIME seconds on a copy, then rewrite
#                          fuzz/corpus/<name>/ as the -merge=1 -use_counters=0 minimum of the
#                          committed corpus and what the run found (the only mode that changes
#                          the committed corpus)
#
# Environment: FUZZ_TIME (seconds per harness), FUZZ_TARGETS ("interview form"), FUZZ_BUILD
# (build-fuzz), CC (clang), FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=${1:-run}
CC=${CC:-clang}
OUT=${FUZZ_BUILD:-build-fuzz}
TIME=${FUZZ_TIME:-60}
TARGETS=${FUZZ_TARGETS:-interview form}
case $MODE in run | build | merge) ;; *) echo "usage: fuzz/run.sh [run|build|merge]" >&2; exit 2 ;; esac

if ! command -v "$CC" >/dev/null 2>&1; then
  echo "fuzz: $CC not found (libFuzzer needs clang)" >&2
  exit 1
fi

# The core sources the harnesses need: the interview, the catalog reader, conditions, codes,
# forms, the validator and what they call. Not pinyin.c (its table is generated) nor the modules
# with libsodium (accounts, credentials, audit): the harnesses do not reach them.
CORE="arena catalog cond codes err form guide interview text validate"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-std=c17 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror -Wno-missing-field-initializers $SAN"
PKG="jansson libpcre2-8"
mkdir -p "$OUT/obj"
build() {
  local objs=() c o
  for c in $CORE; do
    o=$OUT/obj/$c.o
    if [ ! -f "$o" ] || [ "src/core/$c.c" -nt "$o" ] || [ -n "$(find src/core -name '*.h' -newer "$o")" ] ||
      [ "$0" -nt "$o" ]; then
      # shellcheck disable=SC2046,SC2086
      "$CC" $CFLAGS -fsanitize=fuzzer-no-link $(pkg-config --cflags $PKG) -c "src/core/$c.c" -o "$o"
    fi
    objs+=("$o")
  done
  for t in $TARGETS; do
    # shellcheck disable=SC2046,SC2086
    "$CC" $CFLAGS -fsanitize=fuzzer -Isrc/core $(pkg-config --cflags $PKG) "fuzz/fuzz_$t.c" \
      "${objs[@]}" $(pkg-config --libs $PKG) -lm -o "$OUT/fuzz_$t"
  done
  echo "fuzz: built $(for t in $TARGETS; do printf '%s ' "$OUT/fuzz_$t"; done)"
}
build
[ "$MODE" = build ] && exit 0

max_len() { case $1 in form) echo 8192 ;; *) echo 4096 ;; esac; }

work=$(mktemp -d /tmp/yici-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
export YC_FUZZ_ELEMENTS=$ROOT/data/catalog/elements.json
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
summary=()
for t in $TARGETS; do
  corpus=fuzz/corpus/$t
  mkdir -p "$work/$t" "$work/artifacts"
  [ -d "$corpus" ] && cp "$corpus"/* "$work/$t"/ 2>/dev/null || true
  n0=$(find "$work/$t" -type f | wc -l)
  log=$OUT/fuzz_$t.log
  echo "fuzz: $t for ${TIME}s on a copy of $corpus ($n0 inputs); log $log"
  rc=0
  # shellcheck disable=SC2086
  "$OUT/fuzz_$t" -max_total_time="$TIME" -timeout=5 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -dict="fuzz/$t.dict" -print_final_stats=1 -artifact_prefix="$work/artifacts/$t-" \
    ${FUZZ_ARGS:-} "$work/$t" >"$log" 2>&1 || rc=$?
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  speed=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log")
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  n1=$(find "$work/$t" -type f | wc -l)
  arts=$(find "$work/artifacts" -name "$t-*" -type f | wc -l)
  verdict=ok
  if [ "$rc" -ne 0 ] || [ "$arts" -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
    verdict="FAILED (exit $rc)"
    failed=1
    mkdir -p "$OUT/artifacts"
    cp "$work/artifacts/$t-"* "$OUT/artifacts/" 2>/dev/null || true
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -5 | sed 's/^/  /'
    echo "  artifacts kept in $OUT/artifacts/ (reproduce: $OUT/fuzz_$t <file>)"
  fi
  summary+=("$(printf '%-10s %-18s execs %-10s exec/s %-7s cov %-6s ft %-7s corpus %s -> %s' \
    "$t" "$verdict" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$n0" "$n1")")
  if [ "$MODE" = merge ] && [ "$verdict" = ok ]; then
    mkdir -p "$work/min-$t"
    # edges only (-use_counters=0): every covered edge kept by the fewest, smallest inputs
    "$OUT/fuzz_$t" -merge=1 -use_counters=0 -max_len="$(max_len "$t")" "$work/min-$t" "$corpus" "$work/$t" \
      >"$OUT/merge_$t.log" 2>&1
    rm -rf "$corpus" && mkdir -p "$corpus" && cp "$work/min-$t"/* "$corpus"/
    echo "fuzz: $corpus minimised: $(find "$corpus" -type f | wc -l) inputs, $(cat "$corpus"/* | wc -c) bytes"
  fi
done
echo
echo "fuzz summary (${TIME}s each, ASan + UBSan + LeakSanitizer):"
printf '  %s\n' "${summary[@]}"
exit $failed

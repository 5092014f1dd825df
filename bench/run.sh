#!/usr/bin/env bash
# bench/run.sh — HTTP throughput and latency with wrk on loopback (2 threads, 64 connections,
# 10 s per target). Prints requests/s and p99 for each target, and the ratio of the authenticated
# read and of the interview step to /healthz. First, the in-process micro benchmark
# (bench/micro.c: one interview step, one 200-field form validation; BENCH_MICRO=0 skips it).
# Not a test: it reports numbers, it does not pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${YICI_BIN:-$ROOT/build/yici}
DURATION=${BENCH_DURATION:-10s}
CONNS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
work=$(mktemp -d /tmp/yici-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${PG_STARTED:-}" ] && scripts/pg.sh stop "$work/pg" >/dev/null 2>&1 || true
  [ -n "${CLUSTER_STARTED:-}" ] && scripts/cluster.sh stop "$work/cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

wait_healthy() {
  for _ in $(seq 1 100); do
    curl -sf "$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: $1 did not become healthy" >&2
  return 1
}

login() { # url → token
  curl -sf -X POST "$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"window","password":"Window@2026"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

printf '%-40s %12s %10s %10s\n' "target" "requests/s" "p50" "p99" > "$work/results"
declare -A RPS

# wrk_run NAME URL [wrk args...]: run wrk, record requests/s and p99.
wrk_run() {
  local name=$1 url=$2; shift 2
  local out
  out=$(YICI_BENCH_THREADS=$THREADS wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" "$url")
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  local errs
  errs=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  RPS[$name]=$rps
  printf '%-40s %12s %10s %10s%s\n' "$name" "$rps" "$p50" "$p99" "${errs:+  (non-2xx: $errs)}" | tee -a "$work/results"
}

# Login posts one JSON body per request (argon2id on every call: the cost of a real login).
cat > "$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"username":"window","password":"Window@2026"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# The public interview step with complete answers for a demo matter (BENCH_MATTER): the answers
# are found by walking the interview once (each question asked answered by a fixed rule), then
# every request posts them and gets the situation (items, materials, the merged form).
bench_interview() { # LABEL URL
  local code=${BENCH_MATTER:-TC0000300043010400000001}
  python3 - "$2" "$code" "$work/interview.lua" <<'PY'
import json, sys, urllib.request
url, code, lua = sys.argv[1:4]
def step(answers):
    req = urllib.request.Request(f'{url}/api/v1/matters/{code}/interview',
                                 data=json.dumps({'answers': answers}).encode(),
                                 headers={'Content-Type': 'application/json'})
    return json.load(urllib.request.urlopen(req))
def answer(q):
    t, opts = q['type'], q.get('options') or []
    if t == 'yesno': return True
    if t == 'single': return opts[0]['value']
    if t == 'multiple': return [opts[0]['value']]
    if t == 'number': return max(q.get('min', 0), min(q.get('max', 100), 100))
    if t == 'date': return '2024-01-01'
    return '430104'
answers = {}
for _ in range(50):
    r = step(answers)
    if 'situation' in r:
        break
    for q in r['next']:
        answers[q['id']] = answer(q)
else:
    sys.exit('bench: the interview did not complete')
body = json.dumps({'answers': answers}, separators=(',', ':'))
s = r['situation']
print(f"bench: interview {code}: {len(answers)} answers -> {len(s.get('items', []))} items; body {len(body)} bytes")
open(lua, 'w').write('wrk.method = "POST"\nwrk.body = [==[' + body + ']==]\n'
                     'wrk.headers["Content-Type"] = "application/json"\n')
PY
  wrk_run "$1 POST interview" "$2/api/v1/matters/$code/interview" -s "$work/interview.lua"
}

# The in-process micro benchmark: the CMake target bench_micro of the build that holds $BIN (or
# BENCH_BUILD), else compiled here from the core sources; always optimised (-O2).
bench_micro() {
  local dir=${BENCH_BUILD:-$(dirname "$BIN")} micro=${BENCH_MICRO_BIN:-}
  if [ -z "$micro" ] && [ -f "$dir/CMakeCache.txt" ]; then
    local type
    type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$dir/CMakeCache.txt")
    case $type in
      RelWithDebInfo | Release) ;;
      *) echo "bench: $dir is a '$type' build; the micro benchmark needs -O2 (RelWithDebInfo)" >&2 ;;
    esac
    if cmake --build "$dir" --target bench_micro -j"${BENCH_JOBS:-1}" >"$work/micro-build.log" 2>&1; then
      micro=$dir/bench_micro
    fi
  fi
  if [ -z "$micro" ]; then
    micro=$work/bench_micro
    # shellcheck disable=SC2046
    ${CC:-cc} -std=c17 -D_GNU_SOURCE -O2 -g -Isrc/core bench/micro.c \
      src/core/{arena,catalog,cond,codes,err,form,guide,interview,text,validate}.c \
      $(pkg-config --cflags --libs jansson libpcre2-8) -lm -o "$micro"
  fi
  "$micro" "${BENCH_MICRO_CALLS:-10000}" | tee "$work/micro" || echo "bench: the micro benchmark failed" >&2
}

bench_node() { # LABEL URL
  local label=$1 url=$2 token
  token=$(login "$url")
  wrk_run "$label /healthz" "$url/healthz"
  wrk_run "$label GET /api/v1/me" "$url/api/v1/me" -H "Authorization: Bearer $token"
  if [ "${BENCH_LOGIN:-1}" = 1 ]; then
    wrk_run "$label POST /api/v1/auth/login" "$url/api/v1/auth/login" -s "$work/login.lua"
  fi
}

start_node() { # DBFLAGS... → url in $NODE_URL
  local port
  port=$(free_port)
  "$BIN" serve --listen "127.0.0.1:$port" "$@" --web-root "$ROOT/web/dist" \
    >>"$work/serve-$port.log" 2>&1 &
  pids+=($!)
  NODE_URL="http://127.0.0.1:$port"
  wait_healthy "$NODE_URL"
}

echo "bench: $(nproc) cores, wrk -t$THREADS -c$CONNS -d$DURATION"

# --- in process: one interview step (50 questions), one validation (200 fields) ---
if [ "${BENCH_MICRO:-1}" = 1 ]; then
  bench_micro
fi

# --- SQLite, one node --- (BENCH_BASIC=0 skips these and the PostgreSQL node benches)
if [ "${BENCH_BASIC:-1}" = 1 ]; then
"$BIN" demo --db "$work/sqlite.db" >/dev/null 2>&1
start_node --db "$work/sqlite.db"
bench_node "sqlite" "$NODE_URL"
[ "${BENCH_INTERVIEW:-1}" = 1 ] && bench_interview "sqlite" "$NODE_URL"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
fi

# --- PostgreSQL, one node, and the two-node cluster behind nginx ---
if [ "${BENCH_PG:-1}" = 1 ] && [ -x scripts/pg.sh ] && [ -x scripts/cluster.sh ]; then
  PG_URL=$(scripts/pg.sh start "$work/pg")
  PG_STARTED=1
  "$BIN" migrate --reset --pg "$PG_URL" >/dev/null 2>&1
  "$BIN" demo --pg "$PG_URL" >/dev/null 2>&1
  if [ "${BENCH_BASIC:-1}" = 1 ]; then
    start_node --pg "$PG_URL"
    bench_node "postgresql 1 node" "$NODE_URL"
    kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
    PROXY=$(YICI_PG="$PG_URL" scripts/cluster.sh start "$work/cluster")
    CLUSTER_STARTED=1
    bench_node "postgresql 2 nodes + nginx" "$PROXY"
    scripts/cluster.sh stop "$work/cluster" >/dev/null 2>&1
    CLUSTER_STARTED=
  fi
fi

# --- catalog: 10,000 matters and 100,000 items (bench/gen-catalog.py), search and guide pages ---
# Public catalog answers are kept in memory per catalog epoch (src/http/cache.c), so three
# targets per store: the mixed queries (80 queries again and again, each asked once before the
# run: answered from memory), every request a query never asked before (the index itself), and
# the guides of 200 matters (also asked once before).
warm() { # URL PATHS-FILE: ask every path once, so that the run measures the steady state
  while read -r p; do curl -s -o /dev/null "$1$p"; done <"$2"
}
bench_catalog() { # LABEL URL
  warm "$2" "$work/search.paths"
  warm "$2" "$work/guide.paths"
  YICI_BENCH_PATHS="$work/search.paths" wrk_run "$1 search (80 queries, repeated)" "$2" -s bench/rotate.lua
  YICI_BENCH_PATHS="$work/search-unique.paths" wrk_run "$1 search (each query new)" "$2" -s bench/rotate.lua
  YICI_BENCH_PATHS="$work/guide.paths" wrk_run "$1 matter guide" "$2" -s bench/rotate.lua
  # the node's in-memory search copy (src/app/search.c), made by the first search above
  curl -s "$2/metrics" | awk -v l="$1" '/^yici_search_copy_(documents|bytes|build_seconds) / {v[$1]=$2}
    END {printf "%s search copy: %d documents, %.1f MB, made in %.3f s\n", l,
      v["yici_search_copy_documents"], v["yici_search_copy_bytes"]/1e6, v["yici_search_copy_build_seconds"]}' |
    tee -a "$work/results"
}
# The same new queries asked of the database's own indexes (FTS5 trigram / pg_trgm): a node
# started with --no-search-copy.
bench_catalog_store() { # LABEL STOREFLAGS...
  local label=$1; shift
  start_node "$@" --no-search-copy
  YICI_BENCH_PATHS="$work/search-unique.paths" wrk_run "$label search (each query new, --no-search-copy)" "$NODE_URL" -s bench/rotate.lua
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
}
# The floor of this machine: nginx answering every one of the same new paths with a constant
# (no work at all), same wrk settings. A p99 target below it cannot be measured here.
bench_floor() {
  command -v nginx >/dev/null 2>&1 || return 0
  local port dir=$work/nginx-floor
  port=$(free_port)
  mkdir -p "$dir/logs"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 2;
error_log $dir/logs/error.log;
pid $dir/nginx.pid;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$port; location / { return 200 '{"items":[]}'; } } }
EOF
  nginx -c "$dir/nginx.conf" -p "$dir" || return 0
  YICI_BENCH_PATHS="$work/search-unique.paths" wrk_run "floor: nginx, a constant answer" "http://127.0.0.1:$port" -s bench/rotate.lua
  nginx -c "$dir/nginx.conf" -p "$dir" -s stop 2>/dev/null || true
}
elapsed() { python3 -c "import sys;print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}')" "$1" "$(date +%s.%N)"; }

if [ "${BENCH_CATALOG:-1}" = 1 ]; then
  python3 bench/gen-catalog.py "${BENCH_MATTERS:-10000}" "${BENCH_ITEMS:-100000}" "$work/catalog.json"
  python3 - "$work" <<'PY'
import json, random, sys, urllib.parse
random.seed(7)
work = sys.argv[1]
d = json.load(open(f'{work}/catalog.json'))
qs = ['开饭店', 'kcg', '退休', '出生', '食品经营', '许可', '营业执照', '我要开', '药品零售许可', '消防安全检查',
      '婚姻登记', '开餐馆', '生孩子', 'ylbx', 'hydj', '不动产登记', '注销', '养老机构备案', '民宿', '开 餐馆']
qs += [m['name'][2:6] for m in random.sample(d['matters'], 30)]
qs += [it['name'][:4] for it in random.sample(d['items'], 30)]
q = lambda s: '/api/v1/search?q=' + urllib.parse.quote(s) + '\n'
open(f'{work}/search.paths', 'w').write(''.join(q(s) for s in qs))
# Up to 200,000 different queries, each asked once: every 2- to 6-character piece of the names,
# and pairs of pieces "A B" (both must be in a name) when the names have fewer pieces than that.
names = [m['name'] for m in d['matters']] + [it['name'] for it in d['items']]
seen = set()
for n in names:
    for k in range(2, 7):
        for at in range(0, len(n) - k + 1):
            seen.add(n[at:at + k])
pieces = sorted(seen)
while len(seen) < 200000:
    seen.add(random.choice(pieces) + ' ' + random.choice(pieces)[:2])
uniq = list(seen)
random.shuffle(uniq)
open(f'{work}/search-unique.paths', 'w').write(''.join(q(s) for s in uniq))
open(f'{work}/guide.paths', 'w').write(''.join('/api/v1/matters/' + m['code'] + '/guide\n'
                                               for m in random.sample(d['matters'], 200)))
PY
  "$BIN" demo --db "$work/catalog.db" >/dev/null 2>&1
  t0=$(date +%s.%N)
  "$BIN" catalog import "$work/catalog.json" --db "$work/catalog.db" >/dev/null
  echo "catalog import (sqlite): $(elapsed "$t0") s" | tee -a "$work/results"
  # measure the steady state, not the write-back of the ~500 MB the import just wrote
  sync
  bench_floor
  start_node --db "$work/catalog.db"
  bench_catalog sqlite "$NODE_URL"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  bench_catalog_store sqlite --db "$work/catalog.db"
  if [ -n "${PG_URL:-}" ]; then
    "$BIN" migrate --reset --pg "$PG_URL" >/dev/null 2>&1
    "$BIN" demo --pg "$PG_URL" >/dev/null 2>&1
    t0=$(date +%s.%N)
    "$BIN" catalog import "$work/catalog.json" --pg "$PG_URL" >/dev/null
    echo "catalog import (postgresql): $(elapsed "$t0") s" | tee -a "$work/results"
    # after a bulk load, as an operator would: vacuum and statistics now, not autovacuum
    # during the measurement; then the write-back
    psql "$PG_URL" -qAt -c "VACUUM ANALYZE" >/dev/null 2>&1 || true
    sync
    start_node --pg "$PG_URL"
    bench_catalog postgresql "$NODE_URL"
    kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
    bench_catalog_store postgresql --pg "$PG_URL"
  fi
fi

# --- cases (issue 6): 200 applicants submitting with three 200 KB uploads each; the window's
# queue with 100,000 cases in the database ---
bench_cases() { # LABEL STOREFLAGS...
  local label=$1; shift
  start_node "$@"
  node bench/cases.js "$NODE_URL" | sed "s/^/$label /" | tee -a "$work/results"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
}
if [ "${BENCH_CASES:-1}" = 1 ]; then
  "$BIN" demo --db "$work/cases.db" >/dev/null 2>&1
  bench_cases sqlite --db "$work/cases.db" --data-dir "$work/files-sqlite"
  if [ -n "${PG_URL:-}" ]; then
    "$BIN" migrate --reset --pg "$PG_URL" >/dev/null 2>&1
    "$BIN" demo --pg "$PG_URL" >/dev/null 2>&1
    bench_cases postgresql --pg "$PG_URL" --data-dir "$work/files-pg"
  fi
  # 100,000 cases in three counties, a quarter of them waiting for the window
  "$BIN" demo --db "$work/queue.db" >/dev/null 2>&1
  sqlite3 "$work/queue.db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO cases (number, matter_code, matter_version, region, state, version, channel,
                   applicant_name, applicant_id_number, created_by, answers, form, situation,
                   round, received_at, created_at, updated_at)
SELECT printf('%s-20261201-%06d', r, i), 'TC0000300043010400000001', 1, r,
       CASE i % 4 WHEN 0 THEN 'submitted' ELSE 'accepted' END, 1, 'online', '压测申请人',
       '430104199001011230', 1, '{}', '{}', '{}', 1, 1764547200 + i, 1764547200 + i, 1764547200 + i
FROM (SELECT i, CASE i % 3 WHEN 0 THEN '430104' WHEN 1 THEN '430102' ELSE '430105' END AS r FROM n);
ANALYZE;
SQL
  start_node --db "$work/queue.db"
  wtoken=$(login "$NODE_URL")
  wrk_run "sqlite window queue (100,000 cases)" "$NODE_URL/api/v1/cases?state=submitted" -H "Authorization: Bearer $wtoken"
  CONNS=16 wrk_run "sqlite window queue, 16 connections" "$NODE_URL/api/v1/cases?state=submitted" -H "Authorization: Bearer $wtoken"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
fi

# --- tasks (issue 7): the time-limit watch over 1,000,000 open tasks, and a department's workbench
# with 100,000 of them. The tasks are written straight into the store (one case, ten departments,
# due days spread over a year from today; 1 % overdue and 1 % due by the next working day turn
# red and yellow on the first run of the watch). The watch runs twice with `yici jobs run
# tasks.watch` (which times the run itself): the first changes colours and writes one message per
# department and region and colour, the second finds nothing new. Targets: watch < 2 s on SQLite
# and PostgreSQL, workbench p99 < 20 ms. ---
# tasks_sql SERIES DUE: the rows (SERIES: the numbers 0..999999 as n(i); DUE: a due day from n.i)
tasks_sql() {
  sed "s|@SERIES@|$1|; s|@DUE@|$2|; s|@TODAY@|'$today'|g" <<'SQL'
INSERT INTO cases (number, matter_code, matter_version, region, state, version, channel,
                   applicant_name, applicant_id_number, created_by, answers, form, situation,
                   round, received_at, created_at, updated_at)
VALUES ('430104-20261201-000001', 'TC0000300043010400000001', 1, '430104', 'in_progress', 1,
        'online', '压测申请人', '430104199001011230', 1, '{}', '{}', '{}', 1, 1, 1, 1);
INSERT INTO tasks (case_id, case_number, item_code, item_name, dept, region, kind, state, open,
                   version, promised_days, started_on, due_day, light, created_at, updated_at)
SELECT 1, '430104-20261201-000001', 'bench-' || n.i, '压测事项', d.code, '430104',
       'promised', 'pending', 1, 1, 20, @TODAY@,
       CASE WHEN n.i % 100 = 0 THEN '2000-01-03' WHEN n.i % 100 = 1 THEN @TODAY@ ELSE @DUE@ END,
       'green', 1, 1
FROM @SERIES@
JOIN (SELECT code, ROW_NUMBER() OVER (ORDER BY code <> '114301047267147587', code) - 1 AS k
      FROM depts ORDER BY code <> '114301047267147587', code LIMIT 10) d ON d.k = n.i % 10;
INSERT INTO task_counts (dept, state, n) SELECT dept, state, count(*) FROM tasks GROUP BY dept, state;
ANALYZE tasks;
ANALYZE task_counts;
SQL
}
bench_tasks() { # LABEL STOREFLAGS...
  local label=$1; shift
  for run in first again; do
    local out
    out=$("$BIN" jobs run tasks.watch "$@")
    printf '%-40s %s\n' "$label watch, 1,000,000 tasks ($run)" "${out#tasks.watch: }" | tee -a "$work/results"
  done
  start_node "$@"
  local dtoken
  dtoken=$(curl -sf -X POST "$NODE_URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"dept","password":"Dept@2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  wrk_run "$label workbench (100,000 tasks)" "$NODE_URL/api/v1/tasks?state=open" -H "Authorization: Bearer $dtoken"
  CONNS=16 wrk_run "$label workbench, 16 connections" "$NODE_URL/api/v1/tasks?state=open" -H "Authorization: Bearer $dtoken"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
}
if [ "${BENCH_TASKS:-1}" = 1 ]; then
  today=$(TZ=Asia/Shanghai date +%F)
  "$BIN" demo --db "$work/tasks.db" >/dev/null 2>&1
  tasks_sql "(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 999999) SELECT i FROM s) n" \
    "date('$today', '+' \|\| (2 + n.i % 360) \|\| ' days')" | sqlite3 "$work/tasks.db"
  bench_tasks sqlite --db "$work/tasks.db"
  if [ -n "${PG_URL:-}" ]; then
    "$BIN" migrate --reset --pg "$PG_URL" >/dev/null 2>&1
    "$BIN" demo --pg "$PG_URL" >/dev/null 2>&1
    tasks_sql "generate_series(0, 999999) AS n(i)" \
      "to_char(DATE @TODAY@ + 2 + n.i % 360, 'YYYY-MM-DD')" | psql "$PG_URL" -qAt -v ON_ERROR_STOP=1 >/dev/null
    bench_tasks postgresql --pg "$PG_URL"
  fi
fi

echo
echo "summary:"
if [ -s "$work/micro" ]; then
  echo "in process (median per call, target < 50 us):"
  grep -E '^(interview step|form validate)' "$work/micro" | sed 's/^/  /'
fi
cat "$work/results"
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b*100:.0f}%')" "$1" "$2"; }
[ -n "${RPS[sqlite GET /api/v1/me]:-}" ] &&
  echo "sqlite: authenticated GET /api/v1/me at $(ratio "${RPS[sqlite GET /api/v1/me]}" "${RPS[sqlite /healthz]}") of /healthz throughput (target >= 60%)"
[ -n "${RPS[sqlite POST interview]:-}" ] &&
  echo "sqlite: POST /api/v1/matters/{code}/interview (complete answers) at $(ratio "${RPS[sqlite POST interview]}" "${RPS[sqlite /healthz]}") of /healthz throughput (target >= 50%)"
if [ -n "${RPS[postgresql 2 nodes + nginx GET /api/v1/me]:-}" ]; then
  echo "postgresql: 2-node cluster read at $(python3 -c "print(f'{${RPS[postgresql 2 nodes + nginx GET /api/v1/me]}/${RPS[postgresql 1 node GET /api/v1/me]}:.2f}x')") of one node (target >= 1.5x)"
fi

/* stmts_tasks.h — the statements of tasks (src/store/tasks.c): X(name, sql, pg) rows as in stmts.h
 * (pg: the PostgreSQL text when it differs, else NULL), chained into YC_STMTS there. */
#ifndef YICI_STORE_STMTS_TASKS_H
#define YICI_STORE_STMTS_TASKS_H

#define TASK_COLS                                                                                  \
	"t.id, t.case_id, t.case_number, t.item_code, t.item_name, t.item_result, t.dept, "        \
	"t.region, t.kind, t.state, t.version, t.promised_days, t.started_on, t.due_day, "         \
	"t.light, t.stopped_since, t.stop_reason, t.suspensions, t.rectify_note, t.rectify_by, "   \
	"t.opinion, t.basis, t.decided_by, t.decided_at, t.created_at, t.updated_at, d.name"
#define TASK_FROM " FROM tasks t LEFT JOIN depts d ON d.code = t.dept"
/* A department's total of one list ($1 the department, $2 the filter), from task_counts: the
 * count statement and the list's last column (one round trip for a page and its total). */
#define TASK_TOTAL_OPEN                                                                            \
	"(SELECT COALESCE(sum(n), 0) FROM task_counts WHERE dept = $1 AND state IN ('pending', "   \
	"'suspended', 'rectifying') AND $2 = 'open')"
#define TASK_TOTAL_STATE                                                                           \
	"(SELECT COALESCE(sum(n), 0) FROM task_counts WHERE dept = $1 AND state = $2)"
#define TASK_TOTAL_ALL                                                                             \
	"(SELECT COALESCE(sum(n), 0) FROM task_counts WHERE dept = $1 AND CAST($2 AS TEXT) IS "    \
	"NULL)"

#define YC_STMTS_TASKS(X)                                                                          \
	X(TASK_INSERT,                                                                             \
	  "INSERT INTO tasks (case_id, case_number, item_code, item_name, item_result, dept, "     \
	  "region, kind, state, version, promised_days, started_on, due_day, created_at, "         \
	  "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, $13) "   \
	  "RETURNING id",                                                                          \
	  NULL)                                                                                    \
	X(TASK_GET, "SELECT " TASK_COLS TASK_FROM " WHERE t.id = $1", NULL)                        \
	X(TASK_UPDATE,                                                                             \
	  "UPDATE tasks SET state = $3, open = $16, version = version + 1, due_day = $4, light = " \
	  "$5, "                                                                                   \
	  "stopped_since = $6, stop_reason = $7, suspensions = $8, rectify_note = $9, rectify_by " \
	  "= $10, opinion = $11, basis = $12, decided_by = NULLIF(CAST($13 AS BIGINT), 0), "       \
	  "decided_at = NULLIF(CAST($14 AS BIGINT), 0), updated_at = $15 WHERE id = $1 AND "       \
	  "version = $2",                                                                          \
	  NULL)                                                                                    \
	X(TASK_LIST_CASE, "SELECT " TASK_COLS TASK_FROM " WHERE t.case_id = $1 ORDER BY t.id",     \
	  NULL)                                                                                    \
	/* the workbench: $2 'open' (the running and stopped ones), one state, or NULL (all); each \
	 * walks its own index in due-day order */                                                 \
	X(TASK_LIST_DEPT_OPEN,                                                                     \
	  "SELECT " TASK_COLS ", " TASK_TOTAL_OPEN TASK_FROM                                       \
	  " WHERE t.dept = $1 AND t.open = 1 AND "                                                 \
	  "$2 = 'open' ORDER BY t.due_day, t.id LIMIT $3 OFFSET $4",                               \
	  NULL)                                                                                    \
	X(TASK_COUNT_DEPT_OPEN, "SELECT " TASK_TOTAL_OPEN, NULL)                                   \
	X(TASK_LIST_DEPT_STATE,                                                                    \
	  "SELECT " TASK_COLS ", " TASK_TOTAL_STATE TASK_FROM                                      \
	  " WHERE t.dept = $1 AND t.state = $2 "                                                   \
	  "ORDER BY t.due_day, t.id LIMIT $3 OFFSET $4",                                           \
	  NULL)                                                                                    \
	X(TASK_COUNT_DEPT_STATE, "SELECT " TASK_TOTAL_STATE, NULL)                                 \
	X(TASK_LIST_DEPT_ALL,                                                                      \
	  "SELECT " TASK_COLS ", " TASK_TOTAL_ALL TASK_FROM " WHERE t.dept = $1 AND CAST($2 AS "   \
	  "TEXT) IS NULL ORDER BY t.due_day, t.id LIMIT $3 OFFSET $4",                             \
	  NULL)                                                                                    \
	X(TASK_COUNT_DEPT_ALL, "SELECT " TASK_TOTAL_ALL, NULL)                                     \
	X(TASK_COUNT_ADD,                                                                          \
	  "INSERT INTO task_counts (dept, state, n) VALUES ($1, $2, $3) ON CONFLICT (dept, "       \
	  "state) "                                                                                \
	  "DO UPDATE SET n = task_counts.n + excluded.n",                                          \
	  NULL)                                                                                    \
	X(TASK_EVENT_ADD,                                                                          \
	  "INSERT INTO task_events (task_id, case_id, event, from_state, to_state, actor_id, "     \
	  "actor_role, detail, at) VALUES ($1, $2, $3, $4, $5, NULLIF(CAST($6 AS BIGINT), 0), "    \
	  "$7, "                                                                                   \
	  "$8, $9)",                                                                               \
	  NULL)                                                                                    \
	X(TASK_EVENTS,                                                                             \
	  "SELECT event, from_state, to_state, actor_id, actor_role, detail, at FROM task_events " \
	  "WHERE task_id = $1 ORDER BY id",                                                        \
	  NULL)                                                                                    \
	/* the watch: running tasks whose colour changes today ($1 today, $2 the next working      \
	 * day); the rows changed are returned for the messages */                                 \
	X(TASK_WATCH_RED,                                                                          \
	  "UPDATE tasks SET light = 'red' WHERE state = 'pending' AND due_day < $1 AND light <> "  \
	  "'red' RETURNING id, dept, region, case_number, item_name, due_day",                     \
	  NULL)                                                                                    \
	X(TASK_WATCH_YELLOW,                                                                       \
	  "UPDATE tasks SET light = 'yellow' WHERE state = 'pending' AND due_day >= $1 AND "       \
	  "due_day <= $2 AND light = 'green' RETURNING id, dept, region, case_number, item_name, " \
	  "due_day",                                                                               \
	  NULL)                                                                                    \
	X(TASK_WATCH_LIST,                                                                         \
	  "SELECT " TASK_COLS TASK_FROM " WHERE t.region >= $1 AND t.region < $2 AND t.state = "   \
	  "'pending' AND t.due_day <= $3 ORDER BY t.due_day, t.id LIMIT $4 OFFSET $5",             \
	  NULL)                                                                                    \
	X(TASK_WATCH_RED_COUNT,                                                                    \
	  "SELECT count(*) FROM tasks t WHERE t.region >= $1 AND t.region < $2 AND t.state = "     \
	  "'pending' AND t.due_day < $3",                                                          \
	  NULL)                                                                                    \
	X(TASK_WATCH_COUNT,                                                                        \
	  "SELECT count(*) FROM tasks t WHERE t.region >= $1 AND t.region < $2 AND t.state = "     \
	  "'pending' AND t.due_day <= $3",                                                         \
	  NULL)

#endif

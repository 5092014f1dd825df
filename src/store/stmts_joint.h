/* stmts_joint.h — the statements of joint review / inspection events (src/store/joint.c): X(name,
 * sql, pg) rows as in stmts.h (pg: the PostgreSQL text when it differs, else NULL), chained into
 * YC_STMTS there. */
#ifndef YICI_STORE_STMTS_JOINT_H
#define YICI_STORE_STMTS_JOINT_H

/* Columns of an event, read by read_joint() in joint.c. */
#define JOINT_COLS                                                                                 \
	"j.id, j.case_id, j.case_number, j.region, j.kind, j.lead_dept, d.name, j.scheduled_at, "  \
	"j.place, j.participants, j.state, j.conclusion, j.rectify_note, j.rectify_by, j.note, "   \
	"j.version, j.created_by, j.created_at, j.concluded_by, j.concluded_at, j.updated_at"
#define JOINT_FROM " FROM joint_events j LEFT JOIN depts d ON d.code = j.lead_dept"
/* a department's events: it leads them, or one of its tasks is in them; $2 NULL: every state */
#define JOINT_DEPT_FILTER                                                                          \
	" WHERE (j.lead_dept = $1 OR EXISTS (SELECT 1 FROM joint_event_tasks x JOIN tasks t ON "   \
	"t.id = x.task_id WHERE x.event_id = j.id AND t.dept = $1)) AND (CAST($2 AS TEXT) IS "     \
	"NULL OR j.state = $2)"

#define YC_STMTS_JOINT(X)                                                                          \
	X(JOINT_INSERT,                                                                            \
	  "INSERT INTO joint_events (case_id, case_number, region, kind, lead_dept, "              \
	  "scheduled_at, "                                                                         \
	  "place, participants, state, version, created_by, created_at, updated_at) VALUES ($1, "  \
	  "$2, $3, $4, $5, $6, $7, $8, 'scheduled', 1, $9, $10, $10) RETURNING id",                \
	  NULL)                                                                                    \
	X(JOINT_GET, "SELECT " JOINT_COLS JOINT_FROM " WHERE j.id = $1", NULL)                     \
	X(JOINT_TASK_ADD, "INSERT INTO joint_event_tasks (event_id, task_id) VALUES ($1, $2)",     \
	  NULL)                                                                                    \
	X(JOINT_TASK_IDS,                                                                          \
	  "SELECT task_id FROM joint_event_tasks WHERE event_id = $1 ORDER BY task_id", NULL)      \
	X(JOINT_OPEN_OF_TASK,                                                                      \
	  "SELECT j.id FROM joint_event_tasks x JOIN joint_events j ON j.id = x.event_id WHERE "   \
	  "x.task_id = $1 AND j.state = 'scheduled' ORDER BY j.id LIMIT 1",                        \
	  NULL)                                                                                    \
	X(JOINT_OPINION_ADD,                                                                       \
	  "INSERT INTO joint_opinions (event_id, dept, verdict, opinion, by_user, at) VALUES "     \
	  "($1, "                                                                                  \
	  "$2, $3, $4, $5, $6) ON CONFLICT (event_id, dept) DO NOTHING",                           \
	  NULL)                                                                                    \
	X(JOINT_OPINIONS,                                                                          \
	  "SELECT o.dept, d.name, o.verdict, o.opinion, o.by_user, u.username, u.name, o.at FROM " \
	  "joint_opinions o LEFT JOIN depts d ON d.code = o.dept LEFT JOIN users u ON u.id = "     \
	  "o.by_user WHERE o.event_id = $1 ORDER BY o.at, o.dept",                                 \
	  NULL)                                                                                    \
	X(JOINT_TOUCH,                                                                             \
	  "UPDATE joint_events SET version = version + 1, updated_at = $2 WHERE id = $1 AND "      \
	  "state = 'scheduled'",                                                                   \
	  NULL)                                                                                    \
	X(JOINT_SET_STATE,                                                                         \
	  "UPDATE joint_events SET state = $3, conclusion = $4, rectify_note = $5, rectify_by = "  \
	  "$6, note = $7, concluded_by = $8, concluded_at = $9, updated_at = $9, version = "       \
	  "version + 1 WHERE id = $1 AND version = $2 AND state = 'scheduled'",                    \
	  NULL)                                                                                    \
	X(JOINT_LIST_CASE, "SELECT " JOINT_COLS JOINT_FROM " WHERE j.case_id = $1 ORDER BY j.id",  \
	  NULL)                                                                                    \
	X(JOINT_LIST_DEPT,                                                                         \
	  "SELECT " JOINT_COLS JOINT_FROM JOINT_DEPT_FILTER                                        \
	  " ORDER BY CASE WHEN j.state = 'scheduled' THEN 0 ELSE 1 END, j.scheduled_at, j.id "     \
	  "LIMIT $3 OFFSET $4",                                                                    \
	  NULL)                                                                                    \
	X(JOINT_COUNT_DEPT, "SELECT count(*) FROM joint_events j" JOINT_DEPT_FILTER, NULL)

#endif

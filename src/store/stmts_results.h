/* stmts_results.h — the statements of results and department seals (src/store/results.c): X(name,
 * sql, pg) rows as in stmts.h (pg: the PostgreSQL text when it differs, else NULL), chained into
 * YC_STMTS there. */
#ifndef YICI_STORE_STMTS_RESULTS_H
#define YICI_STORE_STMTS_RESULTS_H

/* Columns of a seal, read by read_seal() in results.c. */
#define SEAL_COLS "id, dept, key_id, public_key, secret_box, nonce, created_at, retired_at"
/* Columns of a result, read by read_result() in results.c: the row, then the case's number,
 * region and owners and the department's name and region. */
#define RESULT_COLS                                                                                \
	"r.id, r.number, r.case_id, r.task_id, r.item_code, r.item_name, r.dept, r.name, "         \
	"r.holder_name, r.holder_id, r.valid_from, r.valid_until, r.fields, r.payload, "           \
	"r.signature, r.key_id, r.state, r.revoke_reason, r.revoked_at, r.issued_by, "             \
	"r.issued_at, c.number, c.region, c.applicant_user, c.created_by, d.name, d.region"
#define RESULT_FROM                                                                                \
	" FROM results r JOIN cases c ON c.id = r.case_id JOIN depts d ON d.code = r.dept"

#define YC_STMTS_RESULTS(X)                                                                        \
	X(SEAL_CURRENT,                                                                            \
	  "SELECT " SEAL_COLS " FROM dept_seals WHERE dept = $1 AND retired_at IS NULL", NULL)     \
	X(SEAL_BY_KEY, "SELECT " SEAL_COLS " FROM dept_seals WHERE key_id = $1", NULL)             \
	X(SEAL_ANY,                                                                                \
	  "SELECT " SEAL_COLS " FROM dept_seals WHERE retired_at IS NULL ORDER BY id LIMIT 1",     \
	  NULL)                                                                                    \
	X(SEAL_ADD,                                                                                \
	  "INSERT INTO dept_seals (dept, key_id, public_key, secret_box, nonce, created_at) "      \
	  "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dept) WHERE retired_at IS NULL DO "        \
	  "NOTHING",                                                                               \
	  NULL)                                                                                    \
	X(RESULT_INSERT,                                                                           \
	  "INSERT INTO results (number, case_id, task_id, item_code, item_name, dept, name, "      \
	  "holder_name, holder_id, valid_from, valid_until, fields, payload, signature, key_id, "  \
	  "state, issued_by, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "    \
	  "$12, $13, $14, $15, 'current', NULLIF(CAST($16 AS BIGINT), 0), $17) RETURNING id",      \
	  NULL)                                                                                    \
	X(RESULT_GET, "SELECT " RESULT_COLS RESULT_FROM " WHERE r.number = $1", NULL)              \
	X(RESULT_BY_TASK, "SELECT " RESULT_COLS RESULT_FROM " WHERE r.task_id = $1", NULL)         \
	X(RESULT_LIST_CASE,                                                                        \
	  "SELECT " RESULT_COLS RESULT_FROM " WHERE r.case_id = $1 ORDER BY r.id", NULL)           \
	X(RESULT_REVOKE,                                                                           \
	  "UPDATE results SET state = 'revoked', revoke_reason = $2, revoked_at = $3 WHERE id = "  \
	  "$1 AND state = 'current'",                                                              \
	  NULL)

#endif

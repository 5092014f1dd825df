/* stmts.h — every SQL statement of yici, in one table.
 *
 * One dialect that SQLite and PostgreSQL both accept, with numbered parameters $1, $2, ...
 * (the SQLite backend rewrites them to ?1, ?2). Where the two must differ, the third column gives
 * the PostgreSQL text; NULL means the same text. Columns are read by position: keep the SELECT
 * lists in step with the readers in the query files. */
#ifndef YICI_STORE_STMTS_H
#define YICI_STORE_STMTS_H

/* Columns of a user, read by read_user() in accounts.c. */
#define USER_COLS                                                                                  \
	"u.id, u.username, u.name, u.role, u.region, r.name, u.dept, d.name, u.id_number, "        \
	"u.phone, u.active, u.created_at, u.password_hash"
#define USER_FROM                                                                                  \
	" FROM users u LEFT JOIN regions r ON r.code = u.region LEFT JOIN depts d ON d.code = "    \
	"u.dept "
#define USER_FILTER                                                                                \
	" WHERE (CAST($1 AS TEXT) IS NULL OR u.role = $1)"                                         \
	" AND (CAST($2 AS TEXT) IS NULL OR substr(u.region, 1, $3) = $2)"                          \
	" AND (CAST($4 AS TEXT) IS NULL OR u.username LIKE $4 ESCAPE '\\' OR u.name LIKE $4 "      \
	"ESCAPE '\\')"

#define REGION_FILTER                                                                              \
	" WHERE (CAST($1 AS TEXT) IS NULL OR parent = $1)"                                         \
	" AND (CAST($2 AS TEXT) IS NULL OR name LIKE $2 ESCAPE '\\' OR code LIKE $2 ESCAPE '\\')"

#define DEPT_FILTER                                                                                \
	" WHERE (CAST($1 AS TEXT) IS NULL OR substr(d.region, 1, $2) = $1)"                        \
	" AND (CAST($3 AS TEXT) IS NULL OR d.name LIKE $3 ESCAPE '\\' OR d.code LIKE $3 ESCAPE "   \
	"'\\')"

#define AUDIT_COLS                                                                                 \
	"seq, at, actor_id, actor_username, actor_role, action, entity, entity_id, region, "       \
	"before_json, after_json, prev_hash, hash"
#define AUDIT_FILTER                                                                               \
	" WHERE (CAST($1 AS TEXT) IS NULL OR substr(region, 1, $2) = $1 OR (region IS NULL AND "   \
	"$8 = "                                                                                    \
	"1))"                                                                                      \
	" AND (CAST($3 AS TEXT) IS NULL OR actor_username = $3)"                                   \
	" AND (CAST($4 AS TEXT) IS NULL OR entity = $4)"                                           \
	" AND (CAST($5 AS TEXT) IS NULL OR action = $5)"                                           \
	" AND (CAST($6 AS BIGINT) = 0 OR at >= CAST($6 AS BIGINT))"                                \
	" AND (CAST($7 AS BIGINT) = 0 OR at < CAST($7 AS BIGINT))"

#define YC_STMTS(X)                                                                                \
	X(PING, "SELECT 1", NULL)                                                                  \
	X(MIG_APPLIED, "SELECT count(*) FROM schema_migrations WHERE version = $1", NULL)          \
	X(MIG_RECORD,                                                                              \
	  "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", NULL)   \
	/* regions */                                                                              \
	X(REGION_INSERT,                                                                           \
	  "INSERT INTO regions (code, name, parent, level, created_at, updated_at) VALUES ($1, "   \
	  "$2, "                                                                                   \
	  "$3, $4, $5, $5)",                                                                       \
	  NULL)                                                                                    \
	X(REGION_GET, "SELECT code, name, parent, level FROM regions WHERE code = $1", NULL)       \
	X(REGION_RENAME, "UPDATE regions SET name = $2, updated_at = $3 WHERE code = $1", NULL)    \
	X(REGION_LIST,                                                                             \
	  "SELECT code, name, parent, level FROM regions" REGION_FILTER                            \
	  " ORDER BY code LIMIT $3 OFFSET $4",                                                     \
	  NULL)                                                                                    \
	X(REGION_COUNT, "SELECT count(*) FROM regions" REGION_FILTER, NULL)                        \
	/* departments */                                                                          \
	X(DEPT_INSERT,                                                                             \
	  "INSERT INTO depts (code, name, region, sector, created_at, updated_at) VALUES ($1, "    \
	  "$2, "                                                                                   \
	  "$3, $4, $5, $5)",                                                                       \
	  NULL)                                                                                    \
	X(DEPT_GET,                                                                                \
	  "SELECT d.code, d.name, d.region, r.name, d.sector FROM depts d JOIN regions r ON "      \
	  "r.code "                                                                                \
	  "= d.region WHERE d.code = $1",                                                          \
	  NULL)                                                                                    \
	X(DEPT_UPDATE, "UPDATE depts SET name = $2, sector = $3, updated_at = $4 WHERE code = $1", \
	  NULL)                                                                                    \
	X(DEPT_LIST,                                                                               \
	  "SELECT d.code, d.name, d.region, r.name, d.sector FROM depts d JOIN regions r ON "      \
	  "r.code "                                                                                \
	  "= d.region" DEPT_FILTER " ORDER BY d.region, d.code LIMIT $4 OFFSET $5",                \
	  NULL)                                                                                    \
	X(DEPT_COUNT, "SELECT count(*) FROM depts d" DEPT_FILTER, NULL)                            \
	/* users */                                                                                \
	X(USER_INSERT,                                                                             \
	  "INSERT INTO users (username, password_hash, name, role, region, dept, id_number, "      \
	  "phone, "                                                                                \
	  "active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) " \
	  "RETURNING id",                                                                          \
	  NULL)                                                                                    \
	X(USER_BY_ID, "SELECT " USER_COLS USER_FROM "WHERE u.id = $1", NULL)                       \
	X(USER_BY_USERNAME, "SELECT " USER_COLS USER_FROM "WHERE u.username = $1", NULL)           \
	X(USER_ID_NUMBER_TAKEN,                                                                    \
	  "SELECT count(*) FROM users WHERE role = 'applicant' AND id_number = $1", NULL)          \
	X(USER_UPDATE,                                                                             \
	  "UPDATE users SET name = $2, phone = $3, active = $4, updated_at = $5 WHERE id = $1",    \
	  NULL)                                                                                    \
	X(USER_LIST,                                                                               \
	  "SELECT " USER_COLS USER_FROM USER_FILTER " ORDER BY u.id LIMIT $5 OFFSET $6", NULL)     \
	X(USER_COUNT, "SELECT count(*)" USER_FROM USER_FILTER, NULL)                               \
	/* sessions */                                                                             \
	X(SESSION_INSERT,                                                                          \
	  "INSERT INTO sessions (token_hash, user_id, created_at, last_seen, ip) VALUES ($1, $2, " \
	  "$3, $3, $4)",                                                                           \
	  NULL)                                                                                    \
	X(SESSION_USER,                                                                            \
	  "SELECT " USER_COLS ", s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id "    \
	  "LEFT JOIN regions r ON r.code = u.region LEFT JOIN depts d ON d.code = u.dept "         \
	  "WHERE s.token_hash = $1 AND s.last_seen >= $2",                                         \
	  NULL)                                                                                    \
	X(SESSION_TOUCH, "UPDATE sessions SET last_seen = $2 WHERE token_hash = $1", NULL)         \
	X(SESSION_DELETE, "DELETE FROM sessions WHERE token_hash = $1", NULL)                      \
	X(SESSION_DELETE_USER, "DELETE FROM sessions WHERE user_id = $1", NULL)                    \
	X(SESSION_EXPIRE, "DELETE FROM sessions WHERE last_seen < $1", NULL)                       \
	/* login failures */                                                                       \
	X(LOGIN_FAIL_ADD, "INSERT INTO login_failures (username, at, ip) VALUES ($1, $2, $3)",     \
	  NULL)                                                                                    \
	X(LOGIN_FAIL_COUNT,                                                                        \
	  "SELECT count(*), coalesce(max(at), 0) FROM login_failures WHERE username = $1 AND at "  \
	  ">= "                                                                                    \
	  "$2",                                                                                    \
	  NULL)                                                                                    \
	X(LOGIN_FAIL_CLEAR, "DELETE FROM login_failures WHERE username = $1", NULL)                \
	/* audit */                                                                                \
	X(AUDIT_HEAD_LOCK, "SELECT seq, hash FROM audit_head WHERE id = 1",                        \
	  "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")                              \
	X(AUDIT_HEAD_GET, "SELECT seq, hash FROM audit_head WHERE id = 1", NULL)                   \
	X(AUDIT_HEAD_SET, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", NULL)          \
	X(AUDIT_INSERT,                                                                            \
	  "INSERT INTO audit (" AUDIT_COLS                                                         \
	  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "                               \
	  "$12, $13)",                                                                             \
	  NULL)                                                                                    \
	X(AUDIT_LIST,                                                                              \
	  "SELECT " AUDIT_COLS " FROM audit" AUDIT_FILTER                                          \
	  " ORDER BY seq DESC LIMIT $9 OFFSET $10",                                                \
	  NULL)                                                                                    \
	X(AUDIT_COUNT, "SELECT count(*) FROM audit" AUDIT_FILTER, NULL)                            \
	X(AUDIT_ALL, "SELECT " AUDIT_COLS " FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2",      \
	  NULL)                                                                                    \
	/* idempotency keys */                                                                     \
	X(IDEM_INSERT,                                                                             \
	  "INSERT INTO idempotency_keys (user_id, idem_key, route, request_hash, created_at) "     \
	  "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",                                    \
	  NULL)                                                                                    \
	X(IDEM_GET,                                                                                \
	  "SELECT route, request_hash, status, response FROM idempotency_keys WHERE user_id = $1 " \
	  "AND idem_key = $2",                                                                     \
	  NULL)                                                                                    \
	X(IDEM_DONE,                                                                               \
	  "UPDATE idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND "         \
	  "idem_key = $2",                                                                         \
	  NULL)                                                                                    \
	X(IDEM_DELETE, "DELETE FROM idempotency_keys WHERE user_id = $1 AND idem_key = $2", NULL)  \
	X(IDEM_PRUNE, "DELETE FROM idempotency_keys WHERE created_at < $1", NULL)                  \
	X(LOGIN_FAIL_PRUNE, "DELETE FROM login_failures WHERE at < $1", NULL)                      \
	/* jobs */                                                                                 \
	X(JOB_CLAIM,                                                                               \
	  "SELECT name, every_s, next_run FROM jobs WHERE next_run <= $1 ORDER BY next_run, name " \
	  "LIMIT 1",                                                                               \
	  "SELECT name, every_s, next_run FROM jobs WHERE next_run <= $1 ORDER BY next_run, name " \
	  "LIMIT 1 FOR UPDATE SKIP LOCKED")                                                        \
	X(JOB_DONE,                                                                                \
	  "UPDATE jobs SET next_run = $2, last_run = $3, last_node = $4, runs = runs + 1 WHERE "   \
	  "name = $1",                                                                             \
	  NULL)                                                                                    \
	X(JOB_RUN_INSERT,                                                                          \
	  "INSERT INTO job_runs (name, slot, node, started_at, affected) VALUES ($1, $2, $3, $4, " \
	  "0) ON CONFLICT DO NOTHING",                                                             \
	  NULL)                                                                                    \
	X(JOB_RUN_DONE, "UPDATE job_runs SET affected = $3 WHERE name = $1 AND slot = $2", NULL)

enum yc_stmt {
#define YC_STMT_ENUM(name, sql, pg) YC_STMT_##name,
	YC_STMTS(YC_STMT_ENUM)
#undef YC_STMT_ENUM
	    YC_STMT_COUNT
};

/* Names (for logs and PostgreSQL prepared statement names) and texts, indexed by enum yc_stmt. */
extern const char *const yc_stmt_name[YC_STMT_COUNT];
extern const char *const yc_stmt_sql[YC_STMT_COUNT];
extern const char *const yc_stmt_sql_pg[YC_STMT_COUNT]; /* NULL: same as yc_stmt_sql */

#endif

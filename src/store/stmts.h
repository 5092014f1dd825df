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

#define ITEM_FILTER                                                                                \
	" WHERE (CAST($1 AS TEXT) IS NULL OR i.dept = $1)"                                         \
	" AND (CAST($2 AS TEXT) IS NULL OR substr(i.region, 1, $3) = $2)"                          \
	" AND (CAST($4 AS TEXT) IS NULL OR i.name LIKE $4 ESCAPE '\\' OR i.code LIKE $4 ESCAPE "   \
	"'\\')"                                                                                    \
	" AND (CAST($5 AS TEXT) IS NULL OR i.state = $5)"
#define MATTER_ADMIN_FILTER                                                                        \
	" WHERE (CAST($1 AS TEXT) IS NULL OR state = $1)"                                          \
	" AND (CAST($2 AS TEXT) IS NULL OR name LIKE $2 ESCAPE '\\' OR code LIKE $2 ESCAPE '\\')"  \
	" AND (CAST($3 AS TEXT) IS NULL OR substr(region, 1, $4) = $3)"
#define MATTER_PUBLIC_FILTER                                                                       \
	" WHERE m.state = 'published'"                                                             \
	" AND (CAST($1 AS TEXT) IS NULL OR v.audience = $1)"                                       \
	" AND (CAST($2 AS TEXT) IS NULL OR v.theme = $2)"                                          \
	" AND (CAST($3 AS TEXT) IS NULL OR substr(m.region, 1, $4) = $3)"                          \
	" AND (CAST($5 AS TEXT) IS NULL OR v.name LIKE $5 ESCAPE '\\')"                            \
	" AND (CAST($6 AS TEXT) IS NULL OR v.lead_dept = $6)"
#define SEARCH_COLS                                                                                \
	"d.id, d.kind, d.code, d.name, d.audience, d.theme, d.dept, dp.name, d.region, rg.name, "  \
	"d.initials"
#define SEARCH_JOINS                                                                               \
	" LEFT JOIN depts dp ON dp.code = d.dept LEFT JOIN regions rg ON rg.code = d.region"
#define SEARCH_FILTER                                                                              \
	" AND (CAST($2 AS TEXT) IS NULL OR d.audience = $2)"                                       \
	" AND (CAST($3 AS TEXT) IS NULL OR d.theme = $3)"                                          \
	" AND (CAST($4 AS TEXT) IS NULL OR d.dept = $4)"                                           \
	" AND (CAST($5 AS TEXT) IS NULL OR substr(d.region, 1, $6) = $5)"

#define CASE_COLS                                                                                  \
	"c.id, c.number, c.matter_code, c.matter_version, c.form_id, c.form_version, c.region, "   \
	"c.state, c.version, c.channel, c.applicant_user, c.applicant_name, "                      \
	"c.applicant_id_number, c.applicant_phone, c.created_by, c.answers, c.form, c.situation, " \
	"c.round, c.supplement_round, c.received_at, c.accepted_at, c.decided_at, c.created_at, "  \
	"c.updated_at, m.name, c.decide_by, c.due_day"
/* list rows: the JSON documents are left out ('' in their places) */
#define CASE_LIST_COLS                                                                             \
	"c.id, c.number, c.matter_code, c.matter_version, c.form_id, c.form_version, c.region, "   \
	"c.state, c.version, c.channel, c.applicant_user, c.applicant_name, "                      \
	"c.applicant_id_number, c.applicant_phone, c.created_by, '', '', '', c.round, "            \
	"c.supplement_round, c.received_at, c.accepted_at, c.decided_at, c.created_at, "           \
	"c.updated_at, m.name, c.decide_by, c.due_day"
#define CASE_FROM                                                                                  \
	" FROM cases c JOIN matter_versions m ON m.code = c.matter_code AND m.version = "          \
	"c.matter_version"
#define CASE_STATE_FILTER " AND (CAST($2 AS TEXT) IS NULL OR c.state = $2)"

#define CALENDAR_COLS                                                                              \
	"c.year, c.doc, c.updated_at, c.updated_by, u.username FROM calendar_years c LEFT JOIN "   \
	"users u ON u.id = c.updated_by"

#define CREDIT_COLS                                                                                \
	"id, subject_id, subject_name, kind, source, reason, region, case_id, starts_at, "         \
	"expires_at, created_by, created_at, revoked_at, revoke_reason"

#define VERIF_COLS                                                                                 \
	"id, case_id, slot, name, dept, notice, due_day, state, note, decided_by, decided_at, "    \
	"created_at"

#define FORM_COLS                                                                                  \
	"id, matter_code, matter_version, version, state, content, note, created_by, created_at, " \
	"updated_at, published_at"

#define GUIDE_COLS                                                                                 \
	"id, matter_code, matter_version, version, state, overlay, content, needs_revision, "      \
	"created_at, published_at"
#define CHANGE_COLS                                                                                \
	"c.id, c.item_code, i.name, c.dept, d.name, c.region, c.kind, c.basis, c.proposal, "       \
	"c.state, c.reason, c.diff, c.affected, c.new_version, c.created_at, c.decided_at"
#define CHANGE_FILTER                                                                              \
	" WHERE (CAST($1 AS TEXT) IS NULL OR c.state = $1)"                                        \
	" AND (CAST($2 AS TEXT) IS NULL OR c.dept = $2)"                                           \
	" AND (CAST($3 AS TEXT) IS NULL OR substr(c.region, 1, $4) = $3)"

/* Statements of the modules added by issue 7 live in their own headers, one per module (each
 * defines YC_STMTS_<MODULE>(X) with the same X(name, sql, pg) rows), chained at the end of
 * YC_STMTS below: add a new module's statements there, not to this list. */
#include "stmts_delivery.h"
#include "stmts_joint.h"
#include "stmts_messages.h"
#include "stmts_results.h"
#include "stmts_tasks.h"

#define YC_STMTS(X)                                                                                \
	X(PING, "SELECT 1", NULL)                                                                  \
	X(EPOCH_GET, "SELECT n FROM catalog_epoch WHERE id = 1", NULL)                             \
	X(EPOCH_BUMP, "UPDATE catalog_epoch SET n = n + 1 WHERE id = 1 RETURNING n", NULL)         \
	/* tell the other nodes at commit (PostgreSQL: NOTIFY is delivered when the transaction    \
	 * commits, never before and never for a rollback) */                                      \
	X(EPOCH_NOTIFY, "SELECT CAST($1 AS TEXT)",                                                 \
	  "SELECT pg_notify('yici_catalog_epoch', CAST($1 AS TEXT))")                              \
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
	X(JOB_RUN_DONE, "UPDATE job_runs SET affected = $3 WHERE name = $1 AND slot = $2", NULL)   \
	/* catalog: items */                                                                       \
	X(ITEM_INSERT,                                                                             \
	  "INSERT INTO items (code, basic_code, type, main_no, sub_no, region12, body_no, name, "  \
	  "dept, region, version, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, " \
	  "$7, $8, $9, $10, 1, 'active', $11, $11)",                                               \
	  NULL)                                                                                    \
	X(ITEM_VERSION_INSERT,                                                                     \
	  "INSERT INTO item_versions (code, version, doc, created_at) VALUES ($1, $2, $3, $4)",    \
	  NULL)                                                                                    \
	X(ITEM_GET,                                                                                \
	  "SELECT i.code, i.name, i.dept, d.name, i.region, r.name, i.version, i.state, v.doc "    \
	  "FROM items i JOIN item_versions v ON v.code = i.code AND v.version = i.version JOIN "   \
	  "depts d ON d.code = i.dept JOIN regions r ON r.code = i.region WHERE i.code = $1",      \
	  NULL)                                                                                    \
	X(ITEM_GET_VERSION,                                                                        \
	  "SELECT i.code, i.name, i.dept, d.name, i.region, r.name, v.version, i.state, v.doc "    \
	  "FROM items i JOIN item_versions v ON v.code = i.code AND v.version = $2 JOIN depts d "  \
	  "ON d.code = i.dept JOIN regions r ON r.code = i.region WHERE i.code = $1",              \
	  NULL)                                                                                    \
	X(ITEM_LIST,                                                                               \
	  "SELECT i.code, i.name, i.dept, d.name, i.region, r.name, i.version, i.state, v.doc "    \
	  "FROM items i JOIN item_versions v ON v.code = i.code AND v.version = i.version JOIN "   \
	  "depts d ON d.code = i.dept JOIN regions r ON r.code = i.region" ITEM_FILTER             \
	  " ORDER BY i.code LIMIT $6 OFFSET $7",                                                   \
	  NULL)                                                                                    \
	X(ITEM_COUNT, "SELECT count(*) FROM items i" ITEM_FILTER, NULL)                            \
	/* catalog: matters */                                                                     \
	X(MATTER_INSERT,                                                                           \
	  "INSERT INTO matters (code, basic_code, seq, region, name, audience, theme, state, "     \
	  "published_version, draft_version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, " \
	  "$6, $7, 'draft', NULL, 1, $8, $8)",                                                     \
	  NULL)                                                                                    \
	X(MV_INSERT,                                                                               \
	  "INSERT INTO matter_versions (code, version, state, doc, items, name, audience, theme, " \
	  "lead_dept, promised_days, published_at, created_at, updated_at) VALUES ($1, $2, "       \
	  "'draft', $3, NULL, $4, $5, $6, $7, $8, NULL, $9, $9)",                                  \
	  NULL)                                                                                    \
	X(MATTER_GET,                                                                              \
	  "SELECT code, name, audience, theme, region, state, published_version, draft_version, "  \
	  "needs_revision, revision_note, updated_at, seq FROM matters WHERE code = $1",           \
	  NULL)                                                                                    \
	X(MV_GET,                                                                                  \
	  "SELECT code, version, state, doc, items, published_at, created_at FROM "                \
	  "matter_versions WHERE code = $1 AND version = $2",                                      \
	  NULL)                                                                                    \
	X(MV_LIST,                                                                                 \
	  "SELECT version, state, published_at, created_at FROM matter_versions WHERE code = $1 "  \
	  "ORDER BY version DESC",                                                                 \
	  NULL)                                                                                    \
	X(MV_UPDATE_DRAFT,                                                                         \
	  "UPDATE matter_versions SET doc = $3, name = $4, audience = $5, theme = $6, lead_dept "  \
	  "= $7, promised_days = $8, updated_at = $9 WHERE code = $1 AND version = $2 AND state "  \
	  "= 'draft'",                                                                             \
	  NULL)                                                                                    \
	X(MATTER_RENAME,                                                                           \
	  "UPDATE matters SET name = $2, audience = $3, theme = $4, updated_at = $5 WHERE code = " \
	  "$1",                                                                                    \
	  NULL)                                                                                    \
	X(MV_SUPERSEDE,                                                                            \
	  "UPDATE matter_versions SET state = 'superseded', updated_at = $2 WHERE code = $1 AND "  \
	  "state = 'published'",                                                                   \
	  NULL)                                                                                    \
	X(MV_PUBLISH,                                                                              \
	  "UPDATE matter_versions SET state = 'published', items = $3, published_at = $4, "        \
	  "updated_at = $4 WHERE code = $1 AND version = $2 AND state = 'draft'",                  \
	  NULL)                                                                                    \
	X(MATTER_SET_PUBLISHED,                                                                    \
	  "UPDATE matters SET state = 'published', published_version = $2, draft_version = NULL, " \
	  "needs_revision = 0, revision_note = NULL, updated_at = $3 WHERE code = $1",             \
	  NULL)                                                                                    \
	X(MATTER_SET_DRAFT,                                                                        \
	  "UPDATE matters SET draft_version = $2, updated_at = $3 WHERE code = $1", NULL)          \
	X(MATTER_ABOLISH,                                                                          \
	  "UPDATE matters SET state = 'abolished', draft_version = NULL, updated_at = $2 WHERE "   \
	  "code = $1",                                                                             \
	  NULL)                                                                                    \
	X(MV_ABOLISH,                                                                              \
	  "UPDATE matter_versions SET state = 'abolished', updated_at = $2 WHERE code = $1 AND "   \
	  "state IN ('published', 'draft')",                                                       \
	  NULL)                                                                                    \
	X(MATTER_ADMIN_LIST,                                                                       \
	  "SELECT code, name, state, published_version, draft_version, needs_revision, "           \
	  "updated_at, region FROM matters" MATTER_ADMIN_FILTER                                    \
	  " ORDER BY code LIMIT $5 OFFSET $6",                                                     \
	  NULL)                                                                                    \
	X(MATTER_ADMIN_COUNT, "SELECT count(*) FROM matters" MATTER_ADMIN_FILTER, NULL)            \
	X(MATTER_PUBLIC_LIST,                                                                      \
	  "SELECT m.code, v.name, v.audience, v.theme, m.region, r.name, v.lead_dept, d.name, "    \
	  "v.promised_days, v.items, v.version, v.published_at FROM matters m JOIN "               \
	  "matter_versions v ON v.code = m.code AND v.version = m.published_version JOIN regions " \
	  "r ON r.code = m.region LEFT JOIN depts d ON d.code = v.lead_dept" MATTER_PUBLIC_FILTER  \
	  " ORDER BY v.theme, m.code LIMIT $7 OFFSET $8",                                          \
	  NULL)                                                                                    \
	X(MATTER_PUBLIC_COUNT,                                                                     \
	  "SELECT count(*) FROM matters m JOIN matter_versions v ON v.code = m.code AND "          \
	  "v.version = m.published_version" MATTER_PUBLIC_FILTER,                                  \
	  NULL)                                                                                    \
	X(COUNTER_NEXT,                                                                            \
	  "UPDATE code_counters SET next_value = next_value + 1 WHERE name = $1 RETURNING "        \
	  "next_value - 1",                                                                        \
	  NULL)                                                                                    \
	X(COUNTER_RAISE,                                                                           \
	  "UPDATE code_counters SET next_value = $2 WHERE name = $1 AND next_value < $2", NULL)    \
	/* synonyms */                                                                             \
	X(SYN_LIST, "SELECT term, target FROM synonyms ORDER BY term", NULL)                       \
	X(SYN_PUT,                                                                                 \
	  "INSERT INTO synonyms (term, target, created_at) VALUES ($1, $2, $3) ON CONFLICT "       \
	  "(term) DO UPDATE SET target = excluded.target",                                         \
	  NULL)                                                                                    \
	X(SYN_DELETE, "DELETE FROM synonyms WHERE term = $1", NULL)                                \
	X(SYN_MATCH,                                                                               \
	  "SELECT term, target FROM synonyms WHERE CAST($1 AS TEXT) LIKE '%' || term || '%' "      \
	  "ORDER BY length(term) DESC, term LIMIT 5",                                              \
	  NULL)                                                                                    \
	/* search index */                                                                         \
	X(SDOC_INSERT,                                                                             \
	  "INSERT INTO search_docs (id, kind, code, name, initials, audience, theme, dept, "       \
	  "region, rank, name_len) VALUES ($1 + $12, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "   \
	  "RETURNING id",                                                                          \
	  "INSERT INTO search_docs (id, kind, code, name, initials, audience, theme, dept, "       \
	  "region, rank, name_len) VALUES (CAST($1 AS BIGINT) + coalesce(CAST($12 AS BIGINT), "    \
	  "nextval('search_docs_seq')), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")   \
	X(SDOC_SEQ,                                                                                \
	  "INSERT INTO code_counters (name, next_value) VALUES ('search_docs', 2) ON CONFLICT "    \
	  "(name) DO UPDATE SET next_value = code_counters.next_value + 1 RETURNING next_value - " \
	  "1",                                                                                     \
	  NULL)                                                                                    \
	X(SDOC_GET, "SELECT id FROM search_docs WHERE kind = $1 AND code = $2", NULL)              \
	X(SDOC_DELETE, "DELETE FROM search_docs WHERE id = $1", NULL)                              \
	X(SGRAM_INSERT,                                                                            \
	  "INSERT INTO search_grams (gram, doc_id, rank, name_len) SELECT DISTINCT value, $2, "    \
	  "$3, "                                                                                   \
	  "$4 FROM json_each($1) WHERE true ON CONFLICT DO NOTHING",                               \
	  "INSERT INTO search_grams (gram, doc_id, rank, name_len) SELECT DISTINCT t.value, "      \
	  "CAST($2 AS BIGINT), CAST($3 AS INTEGER), CAST($4 AS INTEGER) FROM "                     \
	  "json_array_elements_text(CAST($1 AS JSON)) AS t(value) ON CONFLICT DO NOTHING")         \
	X(SGRAM_DELETE, "DELETE FROM search_grams WHERE doc_id = $1", NULL)                        \
	X(SFTS_INSERT, "INSERT INTO search_fts (rowid, name) VALUES ($1, $2)", NULL)               \
	X(SFTS_DELETE, "DELETE FROM search_fts WHERE rowid = $1", NULL)                            \
	X(SFTS_OPTIMIZE, "INSERT INTO search_fts (search_fts) VALUES ('optimize')",                \
	  "ANALYZE search_fts")                                                                    \
	X(SEARCH_MATTER_LIKE,                                                                      \
	  "SELECT " SEARCH_COLS                                                                    \
	  " FROM (SELECT d.* FROM search_docs d WHERE d.rank = 0 AND d.name LIKE $1 ESCAPE '\\' "  \
	  "AND instr(d.name, $8) > 0" SEARCH_FILTER                                                \
	  " ORDER BY d.name_len, d.id LIMIT $7) d" SEARCH_JOINS " ORDER BY d.name_len, d.id",      \
	  "SELECT " SEARCH_COLS                                                                    \
	  " FROM (SELECT d.* FROM search_docs d WHERE d.rank = 0 AND d.name LIKE $1 ESCAPE '\\' "  \
	  "AND strpos(d.name, $8) > 0" SEARCH_FILTER                                               \
	  " ORDER BY d.name_len, d.id LIMIT $7) d" SEARCH_JOINS " ORDER BY d.name_len, d.id")      \
	X(SEARCH_TRI,                                                                              \
	  "SELECT " SEARCH_COLS                                                                    \
	  " FROM (SELECT d.* FROM search_fts f JOIN search_docs d ON d.id = "                      \
	  "f.rowid WHERE search_fts MATCH $1 AND instr(d.name, $8) > 0" SEARCH_FILTER              \
	  " ORDER BY f.rowid LIMIT $7) d" SEARCH_JOINS " ORDER BY d.id",                           \
	  "SELECT " SEARCH_COLS                                                                    \
	  " FROM (SELECT d.* FROM search_fts f JOIN search_docs d ON d.id = "                      \
	  "f.rowid WHERE f.name LIKE $1 ESCAPE '\\' AND strpos(d.name, $8) > 0" SEARCH_FILTER      \
	  " ORDER BY f.rowid LIMIT $7) d" SEARCH_JOINS " ORDER BY d.id")                           \
	X(SEARCH_ALL, "SELECT " SEARCH_COLS " FROM search_docs d" SEARCH_JOINS " ORDER BY d.id",   \
	  NULL)                                                                                    \
	X(SEARCH_GRAM,                                                                             \
	  "SELECT " SEARCH_COLS                                                                    \
	  " FROM (SELECT d.* FROM search_grams g JOIN search_docs d ON d.id = "                    \
	  "g.doc_id WHERE g.gram = $1" SEARCH_FILTER                                               \
	  " ORDER BY g.rank, g.name_len, g.doc_id LIMIT $7) d" SEARCH_JOINS                        \
	  " ORDER BY d.rank, d.name_len, d.id",                                                    \
	  NULL)                                                                                    \
	/* cases */                                                                                \
	X(COUNTER_TAKE,                                                                            \
	  "INSERT INTO code_counters (name, next_value) VALUES ($1, 2) ON CONFLICT (name) DO "     \
	  "UPDATE SET next_value = code_counters.next_value + 1 RETURNING next_value - 1",         \
	  NULL)                                                                                    \
	X(CASE_INSERT,                                                                             \
	  "INSERT INTO cases (number, matter_code, matter_version, form_id, form_version, "        \
	  "region, "                                                                               \
	  "state, version, channel, applicant_user, applicant_name, applicant_id_number, "         \
	  "applicant_phone, created_by, answers, form, situation, created_at, updated_at) VALUES " \
	  "($1, $2, $3, NULLIF(CAST($4 AS BIGINT), 0), NULLIF(CAST($5 AS INTEGER), 0), $6, "       \
	  "'draft', 1, $7, NULLIF(CAST($8 AS BIGINT), 0), $9, $10, $11, $12, $13, $14, $15, $16, " \
	  "$16) RETURNING id",                                                                     \
	  NULL)                                                                                    \
	X(CASE_GET, "SELECT " CASE_COLS CASE_FROM " WHERE c.id = $1", NULL)                        \
	X(CASE_SET_STATE,                                                                          \
	  "UPDATE cases SET state = $3, version = version + 1, round = $4, supplement_round = "    \
	  "$5, "                                                                                   \
	  "received_at = NULLIF(CAST($6 AS BIGINT), 0), accepted_at = NULLIF(CAST($7 AS BIGINT), " \
	  "0), decided_at = NULLIF(CAST($8 AS BIGINT), 0), updated_at = $9, decide_by = $10, "     \
	  "due_day = $11 WHERE id = $1 AND version = $2",                                          \
	  NULL)                                                                                    \
	X(CASE_SET_DRAFT,                                                                          \
	  "UPDATE cases SET answers = $3, form = $4, situation = $5, version = version + 1, "      \
	  "updated_at = $6 WHERE id = $1 AND version = $2 AND state IN ('draft', "                 \
	  "'supplementing')",                                                                      \
	  NULL)                                                                                    \
	X(CASE_TOUCH,                                                                              \
	  "UPDATE cases SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = "   \
	  "$2",                                                                                    \
	  NULL)                                                                                    \
	X(VERIF_INSERT,                                                                            \
	  "INSERT INTO verifications (case_id, slot, name, dept, notice, due_day, state, "         \
	  "created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)",                            \
	  NULL)                                                                                    \
	X(VERIF_GET, "SELECT " VERIF_COLS " FROM verifications WHERE id = $1", NULL)               \
	X(VERIF_LIST,                                                                              \
	  "SELECT " VERIF_COLS                                                                     \
	  " FROM verifications WHERE dept = $1 AND (CAST($2 AS TEXT) IS NULL "                     \
	  "OR state = $2) ORDER BY due_day, id LIMIT $3 OFFSET $4",                                \
	  NULL)                                                                                    \
	X(VERIF_COUNT,                                                                             \
	  "SELECT count(*) FROM verifications WHERE dept = $1 AND (CAST($2 AS TEXT) IS NULL OR "   \
	  "state = $2)",                                                                           \
	  NULL)                                                                                    \
	X(VERIF_DECIDE,                                                                            \
	  "UPDATE verifications SET state = $2, note = $3, decided_by = $4, decided_at = $5 "      \
	  "WHERE "                                                                                 \
	  "id = $1 AND state = 'pending'",                                                         \
	  NULL)                                                                                    \
	X(CASE_DUE_DECIDE,                                                                         \
	  "SELECT id FROM cases WHERE state = 'submitted' AND decide_by IS NOT NULL AND "          \
	  "decide_by "                                                                             \
	  "< $1 ORDER BY id LIMIT 100",                                                            \
	  NULL)                                                                                    \
	X(CASE_TOLERANCE_MISSED,                                                                   \
	  "SELECT DISTINCT m.case_id FROM case_materials m JOIN cases c ON c.id = m.case_id "      \
	  "WHERE "                                                                                 \
	  "m.status = 'tolerated' AND m.deadline < $1 AND c.state IN ('accepted', 'in_progress', " \
	  "'concluded') "                                                                          \
	  "ORDER BY m.case_id LIMIT 100",                                                          \
	  NULL)                                                                                    \
	X(CASE_LIST_MINE,                                                                          \
	  "SELECT " CASE_LIST_COLS CASE_FROM                                                       \
	  " WHERE (c.applicant_user = $1 OR c.created_by = $1)" CASE_STATE_FILTER                  \
	  " ORDER BY c.id DESC LIMIT $3 OFFSET $4",                                                \
	  NULL)                                                                                    \
	X(CASE_COUNT_MINE,                                                                         \
	  "SELECT count(*) FROM cases c WHERE (c.applicant_user = $1 OR c.created_by = "           \
	  "$1)" CASE_STATE_FILTER,                                                                 \
	  NULL)                                                                                    \
	X(CASE_LIST_REGION,                                                                        \
	  "SELECT " CASE_LIST_COLS CASE_FROM " WHERE c.region >= $1 AND c.region < $3 AND "        \
	  "CAST($2 AS TEXT) IS NULL ORDER BY c.received_at, c.id LIMIT $4 OFFSET $5",              \
	  NULL)                                                                                    \
	X(CASE_COUNT_REGION,                                                                       \
	  "SELECT count(*) FROM cases c WHERE c.region >= $1 AND c.region < $3 AND CAST($2 AS "    \
	  "TEXT) IS NULL",                                                                         \
	  NULL)                                                                                    \
	X(CASE_QUEUE,                                                                              \
	  "SELECT " CASE_LIST_COLS " FROM cases c INDEXED BY cases_state_time JOIN "               \
	  "matter_versions m ON m.code = c.matter_code AND m.version = c.matter_version WHERE "    \
	  "c.state = $2 AND c.region >= $1 AND c.region < $3 ORDER BY c.received_at, c.id LIMIT "  \
	  "$4 OFFSET $5",                                                                          \
	  "SELECT " CASE_LIST_COLS CASE_FROM                                                       \
	  " WHERE c.state = $2 AND c.region >= $1 AND c.region "                                   \
	  "< $3 ORDER BY c.received_at, c.id LIMIT $4 OFFSET $5")                                  \
	X(CASE_QUEUE_COUNT,                                                                        \
	  "SELECT count(*) FROM cases c INDEXED BY cases_state_region WHERE c.state = $2 AND "     \
	  "c.region >= $1 AND c.region < $3",                                                      \
	  "SELECT count(*) FROM cases c WHERE c.state = $2 AND c.region >= $1 AND c.region < $3")  \
	X(CASE_EVENT_INSERT,                                                                       \
	  "INSERT INTO case_events (case_id, event, from_state, to_state, actor_id, actor_role, "  \
	  "detail, at) VALUES ($1, $2, $3, $4, NULLIF(CAST($5 AS BIGINT), 0), $6, $7, $8)",        \
	  NULL)                                                                                    \
	X(CASE_EVENTS,                                                                             \
	  "SELECT event, from_state, to_state, actor_id, actor_role, detail, at FROM case_events " \
	  "WHERE case_id = $1 ORDER BY id",                                                        \
	  NULL)                                                                                    \
	X(NOTICE_INSERT,                                                                           \
	  "INSERT INTO notices (number, kind, case_id, region, content, issued_by, issued_at) "    \
	  "VALUES ($1, $2, $3, $4, $5, NULLIF(CAST($6 AS BIGINT), 0), $7) RETURNING id",           \
	  NULL)                                                                                    \
	X(NOTICE_GET,                                                                              \
	  "SELECT number, kind, case_id, region, content, issued_at FROM notices WHERE number = "  \
	  "$1",                                                                                    \
	  NULL)                                                                                    \
	X(NOTICE_LIST_CASE,                                                                        \
	  "SELECT number, kind, case_id, region, content, issued_at FROM notices WHERE case_id = " \
	  "$1 ORDER BY id",                                                                        \
	  NULL)                                                                                    \
	X(CMAT_PUT,                                                                                \
	  "INSERT INTO case_materials (case_id, slot, name, status, sha256, size, type, pages, "   \
	  "filename, round, updated_at, deadline, reference, valid_until) VALUES ($1, $2, $3, "    \
	  "$4, "                                                                                   \
	  "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (case_id, slot) DO UPDATE "    \
	  "SET "                                                                                   \
	  "status = "                                                                              \
	  "excluded.status, sha256 = excluded.sha256, size = excluded.size, type = "               \
	  "excluded.type, pages = excluded.pages, filename = excluded.filename, round = "          \
	  "excluded.round, updated_at = excluded.updated_at, deadline = excluded.deadline, "       \
	  "reference = excluded.reference, valid_until = excluded.valid_until",                    \
	  NULL)                                                                                    \
	X(CMAT_LIST,                                                                               \
	  "SELECT slot, name, status, sha256, size, type, pages, filename, round, updated_at, "    \
	  "deadline, reference, valid_until FROM case_materials WHERE case_id = $1 ORDER BY id",   \
	  NULL)                                                                                    \
	X(CFILE_CLEAR, "DELETE FROM case_files WHERE case_id = $1 AND slot = $2", NULL)            \
	X(CFILE_INSERT,                                                                            \
	  "INSERT INTO case_files (case_id, slot, seq, sha256, size, type, mime, pages, "          \
	  "filename, "                                                                             \
	  "uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF(CAST($8 AS "       \
	  "INTEGER), -1), $9, NULLIF(CAST($10 AS BIGINT), 0), $11)",                               \
	  NULL)                                                                                    \
	X(CFILE_LIST,                                                                              \
	  "SELECT seq, sha256, size, type, mime, coalesce(pages, -1), filename, uploaded_at FROM " \
	  "case_files WHERE case_id = $1 AND slot = $2 ORDER BY seq",                              \
	  NULL)                                                                                    \
	/* the shared-data registry */                                                             \
	X(SHARED_FIND,                                                                             \
	  "SELECT number, issuer, valid_until FROM shared_certificates WHERE subject_id = $1 AND " \
	  "name = $2 AND (valid_until IS NULL OR valid_until >= $3)",                              \
	  NULL)                                                                                    \
	X(SHARED_INSERT,                                                                           \
	  "INSERT INTO shared_certificates (subject_id, name, number, issuer, valid_until, "       \
	  "created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (subject_id, name) DO NOTHING", \
	  NULL)                                                                                    \
	/* credit records */                                                                       \
	X(CREDIT_INSERT,                                                                           \
	  "INSERT INTO credit_records (subject_id, subject_name, kind, source, reason, region, "   \
	  "case_id, starts_at, expires_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, "   \
	  "$6, NULLIF(CAST($7 AS BIGINT), 0), $8, $9, NULLIF(CAST($10 AS BIGINT), 0), $11) "       \
	  "RETURNING id",                                                                          \
	  NULL)                                                                                    \
	X(CREDIT_LIVE,                                                                             \
	  "SELECT " CREDIT_COLS " FROM credit_records WHERE subject_id = $1 AND kind = "           \
	  "'dishonest' AND starts_at <= $2 AND expires_at > $2 AND revoked_at IS NULL ORDER BY "   \
	  "id "                                                                                    \
	  "LIMIT 1",                                                                               \
	  NULL)                                                                                    \
	X(CREDIT_GET, "SELECT " CREDIT_COLS " FROM credit_records WHERE id = $1", NULL)            \
	X(CREDIT_LIST,                                                                             \
	  "SELECT " CREDIT_COLS " FROM credit_records WHERE (CAST($1 AS TEXT) IS NULL OR "         \
	  "subject_id = $1) AND region >= $2 AND region < $3 ORDER BY id DESC LIMIT $4 OFFSET $5", \
	  NULL)                                                                                    \
	X(CREDIT_COUNT,                                                                            \
	  "SELECT count(*) FROM credit_records WHERE (CAST($1 AS TEXT) IS NULL OR subject_id = "   \
	  "$1) AND region >= $2 AND region < $3",                                                  \
	  NULL)                                                                                    \
	X(CREDIT_REVOKE,                                                                           \
	  "UPDATE credit_records SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 WHERE "  \
	  "id = $1 AND revoked_at IS NULL",                                                        \
	  NULL)                                                                                    \
	/* forms */                                                                                \
	X(FORM_INSERT,                                                                             \
	  "INSERT INTO forms (matter_code, matter_version, version, state, content, created_by, "  \
	  "created_at, updated_at) VALUES ($1, $2, $3, 'compiled', $4, $5, $6, $6) RETURNING id",  \
	  NULL)                                                                                    \
	X(FORM_GET, "SELECT " FORM_COLS " FROM forms WHERE id = $1", NULL)                         \
	X(FORM_LIST,                                                                               \
	  "SELECT " FORM_COLS " FROM forms WHERE matter_code = $1 ORDER BY version DESC", NULL)    \
	X(FORM_MAX_VERSION, "SELECT coalesce(max(version), 0) FROM forms WHERE matter_code = $1",  \
	  NULL)                                                                                    \
	X(FORM_PUBLISHED,                                                                          \
	  "SELECT " FORM_COLS " FROM forms WHERE matter_code = $1 AND matter_version = $2 AND "    \
	  "state = 'published' ORDER BY version DESC LIMIT 1",                                     \
	  NULL)                                                                                    \
	X(FORM_SET_STATE,                                                                          \
	  "UPDATE forms SET state = $3, note = coalesce($4, note), updated_at = $5, published_at " \
	  "= CASE WHEN $3 = 'published' THEN $5 ELSE published_at END WHERE id = $1 AND state = "  \
	  "$2",                                                                                    \
	  "UPDATE forms SET state = $3, note = coalesce(CAST($4 AS TEXT), note), updated_at = "    \
	  "$5, "                                                                                   \
	  "published_at = CASE WHEN $3 = 'published' THEN CAST($5 AS BIGINT) ELSE published_at "   \
	  "END WHERE id = $1 AND state = $2")                                                      \
	X(FORM_SUPERSEDE,                                                                          \
	  "UPDATE forms SET state = 'superseded', updated_at = $2 WHERE matter_code = $1 AND "     \
	  "state = 'published'",                                                                   \
	  NULL)                                                                                    \
	/* calendar (working-day calendar years) */                                                \
	X(CALENDAR_PUT,                                                                            \
	  "INSERT INTO calendar_years (year, doc, updated_at, updated_by) VALUES ($1, $2, $3, "    \
	  "$4) ON CONFLICT (year) DO UPDATE SET doc = excluded.doc, updated_at = "                 \
	  "excluded.updated_at, updated_by = excluded.updated_by",                                 \
	  NULL)                                                                                    \
	X(CALENDAR_GET, "SELECT " CALENDAR_COLS " WHERE c.year = $1", NULL)                        \
	X(CALENDAR_LIST, "SELECT " CALENDAR_COLS " ORDER BY c.year", NULL)                         \
	/* guides */                                                                               \
	X(GUIDE_INSERT,                                                                            \
	  "INSERT INTO guides (matter_code, matter_version, version, state, overlay, content, "    \
	  "created_at, updated_at) VALUES ($1, $2, $3, 'drafting', $4, NULL, $5, $5) RETURNING "   \
	  "id",                                                                                    \
	  NULL)                                                                                    \
	X(GUIDE_GET, "SELECT " GUIDE_COLS " FROM guides WHERE id = $1", NULL)                      \
	X(GUIDE_LIST,                                                                              \
	  "SELECT " GUIDE_COLS " FROM guides WHERE matter_code = $1 ORDER BY version DESC", NULL)  \
	X(GUIDE_MAX_VERSION,                                                                       \
	  "SELECT coalesce(max(version), 0) FROM guides WHERE matter_code = $1", NULL)             \
	X(GUIDE_OPEN_COUNT,                                                                        \
	  "SELECT count(*) FROM guides WHERE matter_code = $1 AND state IN ('drafting', "          \
	  "'consulting')",                                                                         \
	  NULL)                                                                                    \
	X(GUIDE_PUBLISHED,                                                                         \
	  "SELECT " GUIDE_COLS " FROM guides WHERE matter_code = $1 AND matter_version = $2 AND "  \
	  "state = 'published' ORDER BY version DESC LIMIT 1",                                     \
	  NULL)                                                                                    \
	X(GUIDE_SET_OVERLAY,                                                                       \
	  "UPDATE guides SET overlay = $2, updated_at = $3 WHERE id = $1 AND state = 'drafting'",  \
	  NULL)                                                                                    \
	X(GUIDE_SET_STATE,                                                                         \
	  "UPDATE guides SET state = $3, updated_at = $4 WHERE id = $1 AND state = $2", NULL)      \
	X(GUIDE_SUPERSEDE,                                                                         \
	  "UPDATE guides SET state = 'superseded', updated_at = $2 WHERE matter_code = $1 AND "    \
	  "state = 'published'",                                                                   \
	  NULL)                                                                                    \
	X(GUIDE_PUBLISH,                                                                           \
	  "UPDATE guides SET state = 'published', content = $2, published_at = $3, updated_at = "  \
	  "$3, needs_revision = 0 WHERE id = $1 AND state = 'consulting'",                         \
	  NULL)                                                                                    \
	X(GUIDE_FLAG,                                                                              \
	  "UPDATE guides SET needs_revision = 1, updated_at = $2 WHERE matter_code = $1 AND "      \
	  "state IN ('drafting', 'consulting', 'published')",                                      \
	  NULL)                                                                                    \
	X(GUIDE_DEPT_ADD,                                                                          \
	  "INSERT INTO guide_depts (guide_id, dept) VALUES ($1, $2) ON CONFLICT DO NOTHING", NULL) \
	X(GUIDE_DEPTS,                                                                             \
	  "SELECT g.dept, d.name, (SELECT count(*) FROM guide_comments c WHERE c.guide_id = "      \
	  "g.guide_id AND c.dept = g.dept) FROM guide_depts g JOIN depts d ON d.code = g.dept "    \
	  "WHERE g.guide_id = $1 ORDER BY g.dept",                                                 \
	  NULL)                                                                                    \
	X(GCOMMENT_INSERT,                                                                         \
	  "INSERT INTO guide_comments (guide_id, dept, author_id, text, state, created_at) "       \
	  "VALUES ($1, $2, $3, $4, 'open', $5) RETURNING id",                                      \
	  NULL)                                                                                    \
	X(GCOMMENT_LIST,                                                                           \
	  "SELECT c.id, c.dept, d.name, c.text, c.reply, c.state, c.created_at, c.guide_id FROM "  \
	  "guide_comments c JOIN depts d ON d.code = c.dept WHERE c.guide_id = $1 ORDER BY c.id",  \
	  NULL)                                                                                    \
	X(GCOMMENT_GET,                                                                            \
	  "SELECT c.id, c.dept, d.name, c.text, c.reply, c.state, c.created_at, c.guide_id FROM "  \
	  "guide_comments c JOIN depts d ON d.code = c.dept WHERE c.id = $1",                      \
	  NULL)                                                                                    \
	X(GCOMMENT_ANSWER,                                                                         \
	  "UPDATE guide_comments SET reply = $2, state = $3, answered_at = $4 WHERE id = $1",      \
	  NULL)                                                                                    \
	/* feedback */                                                                             \
	X(FEEDBACK_INSERT,                                                                         \
	  "INSERT INTO guide_feedback (matter_code, text, contact, state, created_at) VALUES "     \
	  "($1, $2, $3, 'open', $4) RETURNING id",                                                 \
	  NULL)                                                                                    \
	X(FEEDBACK_LIST,                                                                           \
	  "SELECT f.id, f.matter_code, m.name, f.text, f.contact, f.state, f.note, f.created_at, " \
	  "f.closed_at, m.region FROM guide_feedback f JOIN matters m ON m.code = f.matter_code "  \
	  "WHERE (CAST($1 AS TEXT) IS NULL OR f.state = $1) AND (CAST($2 AS TEXT) IS NULL OR "     \
	  "substr(m.region, 1, $3) = $2) ORDER BY f.id DESC LIMIT $4 OFFSET $5",                   \
	  NULL)                                                                                    \
	X(FEEDBACK_COUNT,                                                                          \
	  "SELECT count(*) FROM guide_feedback f JOIN matters m ON m.code = f.matter_code WHERE "  \
	  "(CAST($1 AS TEXT) IS NULL OR f.state = $1) AND (CAST($2 AS TEXT) IS NULL OR "           \
	  "substr(m.region, 1, $3) = $2)",                                                         \
	  NULL)                                                                                    \
	X(FEEDBACK_GET,                                                                            \
	  "SELECT f.id, f.matter_code, m.name, f.text, f.contact, f.state, f.note, f.created_at, " \
	  "f.closed_at, m.region FROM guide_feedback f JOIN matters m ON m.code = f.matter_code "  \
	  "WHERE f.id = $1",                                                                       \
	  NULL)                                                                                    \
	X(FEEDBACK_CLOSE,                                                                          \
	  "UPDATE guide_feedback SET state = 'closed', note = $2, closed_at = $3, closed_by = $4 " \
	  "WHERE id = $1 AND state = 'open'",                                                      \
	  NULL)                                                                                    \
	/* changes */                                                                              \
	X(CHANGE_INSERT,                                                                           \
	  "INSERT INTO changes (item_code, dept, region, kind, basis, proposal, state, filed_by, " \
	  "created_at) VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8) RETURNING id",         \
	  NULL)                                                                                    \
	X(CHANGE_GET,                                                                              \
	  "SELECT " CHANGE_COLS " FROM changes c JOIN items i ON i.code = c.item_code JOIN depts " \
	  "d ON d.code = c.dept WHERE c.id = $1",                                                  \
	  NULL)                                                                                    \
	X(CHANGE_LIST,                                                                             \
	  "SELECT " CHANGE_COLS " FROM changes c JOIN items i ON i.code = c.item_code JOIN depts " \
	  "d ON d.code = c.dept" CHANGE_FILTER " ORDER BY c.id DESC LIMIT $5 OFFSET $6",           \
	  NULL)                                                                                    \
	X(CHANGE_COUNT, "SELECT count(*) FROM changes c" CHANGE_FILTER, NULL)                      \
	X(CHANGE_DECIDE,                                                                           \
	  "UPDATE changes SET state = $2, reason = $3, diff = $4, affected = $5, new_version = "   \
	  "$6, decided_by = $7, decided_at = $8 WHERE id = $1 AND state = 'submitted'",            \
	  NULL)                                                                                    \
	X(ITEM_NEW_VERSION,                                                                        \
	  "UPDATE items SET version = $2, name = $3, updated_at = $4 WHERE code = $1", NULL)       \
	X(ITEM_ABOLISH,                                                                            \
	  "UPDATE items SET state = 'abolished', updated_at = $2 WHERE code = $1 AND state = "     \
	  "'active'",                                                                              \
	  NULL)                                                                                    \
	X(MATTERS_USING,                                                                           \
	  "SELECT DISTINCT m.code, m.name FROM matters m JOIN matter_versions v ON v.code = "      \
	  "m.code WHERE m.state <> 'abolished' AND v.state IN ('published', 'draft') AND v.doc "   \
	  "LIKE $1 ORDER BY m.code",                                                               \
	  NULL)                                                                                    \
	X(MATTER_FLAG,                                                                             \
	  "UPDATE matters SET needs_revision = 1, revision_note = $2, updated_at = $3 WHERE code " \
	  "= $1",                                                                                  \
	  NULL)                                                                                    \
	YC_STMTS_TASKS(X)                                                                          \
	YC_STMTS_MESSAGES(X)                                                                       \
	YC_STMTS_RESULTS(X)                                                                        \
	YC_STMTS_DELIVERY(X)                                                                       \
	YC_STMTS_JOINT(X)

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

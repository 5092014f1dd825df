/* stmts_messages.h — the statements of messages and the outbox (src/store/messages.c): X(name, sql,
 * pg) rows as in stmts.h (pg: the PostgreSQL text when it differs, else NULL), chained into
 * YC_STMTS there. */
#ifndef YICI_STORE_STMTS_MESSAGES_H
#define YICI_STORE_STMTS_MESSAGES_H

#define MSG_COLS   "id, user_id, case_id, kind, title, body, link, read_at, created_at"
#define MSG_FILTER " WHERE user_id = $1 AND (CAST($2 AS BIGINT) = 0 OR read_at IS NULL)"
/* the outbox row (claim returns these), then the joined case's region and number */
#define OUTBOX_COLS                                                                                \
	"id, channel, recipient, subject, body, case_id, message_id, state, attempts, next_at, "   \
	"claimed_by, claimed_until, last_error, last_status, created_at, sent_at"
#define OUTBOX_JOINED                                                                              \
	"o.id, o.channel, o.recipient, o.subject, o.body, o.case_id, o.message_id, o.state, "      \
	"o.attempts, o.next_at, o.claimed_by, o.claimed_until, o.last_error, o.last_status, "      \
	"o.created_at, o.sent_at, c.region, c.number FROM outbox o LEFT JOIN cases c ON c.id = "   \
	"o.case_id"
#define OUTBOX_FILTER                                                                              \
	" WHERE (CAST($1 AS TEXT) IS NULL OR o.state = $1) AND (CAST($2 AS TEXT) IS NULL OR "      \
	"o.case_id IS NULL OR substr(c.region, 1, $3) = $2)"
#define OUTBOX_DUE                                                                                 \
	"SELECT id FROM outbox WHERE (state = 'pending' AND next_at <= $1) OR (state = "           \
	"'sending' AND claimed_until < $1) ORDER BY next_at, id LIMIT $4"

#define YC_STMTS_MESSAGES(X)                                                                       \
	X(MSG_INSERT,                                                                              \
	  "INSERT INTO messages (user_id, case_id, kind, title, body, link, created_at) VALUES "   \
	  "($1, NULLIF(CAST($2 AS BIGINT), 0), $3, $4, $5, $6, $7) RETURNING id",                  \
	  NULL)                                                                                    \
	X(MSG_LIST,                                                                                \
	  "SELECT " MSG_COLS " FROM messages" MSG_FILTER " ORDER BY id DESC LIMIT $3 OFFSET $4",   \
	  NULL)                                                                                    \
	X(MSG_COUNT, "SELECT count(*) FROM messages" MSG_FILTER, NULL)                             \
	X(MSG_READ,                                                                                \
	  "UPDATE messages SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2",    \
	  NULL)                                                                                    \
	X(MSG_READ_ALL, "UPDATE messages SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL", \
	  NULL)                                                                                    \
	X(MSG_STAFF,                                                                               \
	  "SELECT id, username, role, region, dept FROM users WHERE role = $1 AND active = 1 AND " \
	  "region IS NOT NULL AND substr(region, 1, 2) = $2 ORDER BY id",                          \
	  NULL)                                                                                    \
	X(OUTBOX_INSERT,                                                                           \
	  "INSERT INTO outbox (channel, recipient, subject, body, case_id, message_id, state, "    \
	  "attempts, next_at, created_at) VALUES ($1, $2, $3, $4, NULLIF(CAST($5 AS BIGINT), 0), " \
	  "NULLIF(CAST($6 AS BIGINT), 0), 'pending', 0, $7, $7) RETURNING id",                     \
	  NULL)                                                                                    \
	X(OUTBOX_CLAIM,                                                                            \
	  "UPDATE outbox SET state = 'sending', claimed_by = $2, claimed_until = $3 WHERE id IN "  \
	  "(" OUTBOX_DUE ") RETURNING " OUTBOX_COLS,                                               \
	  "UPDATE outbox SET state = 'sending', claimed_by = $2, claimed_until = $3 WHERE id IN "  \
	  "(" OUTBOX_DUE " FOR UPDATE SKIP LOCKED) RETURNING " OUTBOX_COLS)                        \
	X(OUTBOX_FINISH,                                                                           \
	  "UPDATE outbox SET state = $3, attempts = $4, next_at = $5, last_error = $6, "           \
	  "last_status = NULLIF(CAST($7 AS INTEGER), 0), sent_at = NULLIF(CAST($8 AS BIGINT), "    \
	  "0), "                                                                                   \
	  "claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND state = 'sending' AND "       \
	  "claimed_by = $2",                                                                       \
	  NULL)                                                                                    \
	X(OUTBOX_GET, "SELECT " OUTBOX_JOINED " WHERE o.id = $1", NULL)                            \
	X(OUTBOX_LIST,                                                                             \
	  "SELECT " OUTBOX_JOINED OUTBOX_FILTER " ORDER BY o.id DESC LIMIT $4 OFFSET $5", NULL)    \
	X(OUTBOX_COUNT,                                                                            \
	  "SELECT count(*) FROM outbox o LEFT JOIN cases c ON c.id = o.case_id" OUTBOX_FILTER,     \
	  NULL)                                                                                    \
	X(OUTBOX_RETRY,                                                                            \
	  "UPDATE outbox SET state = 'pending', attempts = 0, next_at = $2 WHERE id = $1 AND "     \
	  "state = 'failed'",                                                                      \
	  NULL)                                                                                    \
	X(REMIND_DUE,                                                                              \
	  "SELECT m.case_id, m.slot, m.name, m.deadline FROM case_materials m JOIN cases c ON "    \
	  "c.id = m.case_id WHERE m.status = 'tolerated' AND m.reminded_on IS NULL AND "           \
	  "m.deadline >= $1 AND m.deadline <= $2 AND c.state IN ('accepted', 'in_progress', "      \
	  "'concluded') ORDER BY m.deadline, m.case_id, m.slot LIMIT 100",                         \
	  NULL)                                                                                    \
	X(REMIND_MARK,                                                                             \
	  "UPDATE case_materials SET reminded_on = $3 WHERE case_id = $1 AND slot = $2 AND "       \
	  "reminded_on IS NULL",                                                                   \
	  NULL)

#endif

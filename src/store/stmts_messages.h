/* stmts_messages.h — the statements of messages and the outbox (src/store/messages.c): X(name, sql, pg) rows as in stmts.h
 * (pg: the PostgreSQL text when it differs, else NULL), chained into YC_STMTS there. */
#ifndef YICI_STORE_STMTS_MESSAGES_H
#define YICI_STORE_STMTS_MESSAGES_H

#define YC_STMTS_MESSAGES(X)

#endif

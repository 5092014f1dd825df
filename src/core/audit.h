/* audit.h — the hash chain of the audit log.
 *
 * Each audit row carries hash = SHA-256(previous row's hash ‖ canonical row content). The canonical
 * content is every field, length-prefixed, so that no two different rows serialise alike. Changing,
 * inserting or deleting any row breaks the chain at that row. Pure functions. */
#ifndef YICI_AUDIT_H
#define YICI_AUDIT_H

#include "credentials.h"

#include <stdbool.h>
#include <stdint.h>

/* The hash of the row before the first one. */
#define YC_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

struct yc_audit_entry {
	int64_t seq;                /* 1, 2, 3, ... without gaps */
	int64_t at;                 /* unix seconds */
	int64_t actor_id;           /* 0: the system or the command line */
	const char *actor_username; /* may be NULL */
	const char *actor_role;     /* role code name, or "system" */
	const char *action;         /* "user.create", "session.login", ... */
	const char *entity;         /* "user", "region", ... */
	const char *entity_id;
	const char *region; /* region the change belongs to, for scoped reading; may be NULL */
	const char *before; /* JSON text or NULL */
	const char *after;  /* JSON text or NULL */
	const char *prev_hash;
	const char *hash;
};

/* The hash a row must carry given its content and e->prev_hash. */
void yc_audit_hash(const struct yc_audit_entry *e, char out[YC_HEX256_SIZE]);

/* Whether e->hash is the right hash for e, and e->prev_hash is `expected_prev`. */
bool yc_audit_row_ok(const struct yc_audit_entry *e, const char *expected_prev);

#endif

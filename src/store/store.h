/* store.h — the only door to the database.
 *
 * One interface over two backends: SQLite (embedded default, one file, WAL) and PostgreSQL (several
 * yici nodes over one database). Callers see records (core/model.h) and statuses, never SQL.
 *
 * Connections: yc_store_db() hands each thread its own connection, opened on first use and kept for
 * the life of the store (the connection pool is the set of these). Work that must be atomic runs in
 * yc_store_tx(), which begins, calls back, commits, and retries the whole callback on a
 * serialization conflict or a busy database. Every allocation a store function makes for its answer
 * lives in the arena the caller passes. */
#ifndef YICI_STORE_H
#define YICI_STORE_H

#include "../core/arena.h"
#include "../core/audit.h"
#include "../core/err.h"
#include "../core/model.h"
#include "../core/search.h"

#include <stdbool.h>
#include <stdint.h>

struct yc_store;
struct yc_db;

struct yc_store_config {
	const char *sqlite_path; /* used when pg_url is NULL */
	const char *pg_url;      /* postgresql://... */
	int busy_timeout_ms;     /* SQLite busy timeout; 0 = 5000 */
	bool synchronous_full;   /* SQLite: synchronous=FULL instead of NORMAL */
};

/* Open the store (does not migrate). On failure e names the reason (host, file, ...). */
enum yc_status yc_store_open(const struct yc_store_config *cfg, struct yc_store **out,
                             struct yc_error *e);

/* Close every connection; accepts NULL, returns NULL. Call when no thread uses the store. */
struct yc_store *yc_store_close(struct yc_store *s);

/* "sqlite" or "postgresql". */
const char *yc_store_kind(const struct yc_store *s);

/* Apply every pending migration of db/migrations in order, each in its own transaction, recording
 * it in schema_migrations. Safe to run twice and from two processes at once. `applied` (may be
 * NULL) receives the number applied now. */
enum yc_status yc_store_migrate(struct yc_store *s, int *applied, struct yc_error *e);

/* PostgreSQL only: drop and recreate the schema (tests). */
enum yc_status yc_store_reset(struct yc_store *s, struct yc_error *e);

/* Refresh the planner's statistics after a bulk change (ANALYZE); best effort. */
enum yc_status yc_store_analyze(struct yc_store *s, struct yc_error *e);

/* Whether the database answers a trivial query now. */
enum yc_status yc_store_ping(struct yc_store *s, struct yc_error *e);

/* The catalog epoch: a number raised by every committed transaction that changed what the public
 * catalog shows (items, matters, guides, synonyms, search index). Public answers cached under one
 * epoch are stale once it moves. One statement, outside any transaction. */
enum yc_status yc_store_epoch(struct yc_store *s, int64_t *epoch, struct yc_error *e);
/* The epoch inside a transaction: as the node last heard it (`cached`, may be newer than the
 * transaction's snapshot) or as the transaction's snapshot has it; 0 when this transaction has
 * itself changed what the epoch stands for (nothing may then be taken from a cache). */
enum yc_status yc_store_epoch_in(struct yc_db *db, bool cached, int64_t *epoch, struct yc_error *e);

/* Called by the store's own writers of public catalog data inside a transaction: the epoch is
 * raised once when that transaction commits. */
void yc_store_touch(struct yc_db *db);

/* A consistent copy of the whole database into `file` (SQLite online backup API), safe while
 * other threads and processes write. */
enum yc_status yc_store_backup(struct yc_store *s, const char *file, struct yc_error *e);

/* This thread's connection, or NULL (with e filled) when the database cannot be reached. */
struct yc_db *yc_store_db(struct yc_store *s, struct yc_error *e);

/* YC_TX_READ: one snapshot for every statement of the transaction. YC_TX_READ_EACH: each
 * statement reads what is committed when it runs (PostgreSQL: no BEGIN / COMMIT round trips; for
 * lists whose statements need no common snapshot, e.g. a page and its total); on SQLite the same
 * as YC_TX_READ. */
enum yc_tx_mode { YC_TX_READ, YC_TX_WRITE, YC_TX_READ_EACH };
typedef enum yc_status (*yc_tx_fn)(struct yc_db *db, void *ctx, struct yc_error *e);

/* Run fn in one transaction on this thread's connection; commit when it returns YC_OK, roll back
 * otherwise. fn may run more than once (conflict retries), so it must not have effects outside the
 * database before it returns. */
enum yc_status yc_store_tx(struct yc_store *s, enum yc_tx_mode mode, yc_tx_fn fn, void *ctx,
                           struct yc_error *e);

/* Number of database errors seen (for /metrics). */
uint64_t yc_store_error_count(void);

/* The database's own words on this thread's last store failure (English, for the server log only:
 * never shown to people). */
const char *yc_store_detail(void);

/* ---- regions ---- */
enum yc_status yc_region_insert(struct yc_db *db, const struct yc_region *r, int64_t now,
                                struct yc_error *e);
enum yc_status yc_region_get(struct yc_db *db, struct yc_arena *a, const char *code,
                             struct yc_region *out, struct yc_error *e);
enum yc_status yc_region_rename(struct yc_db *db, const char *code, const char *name, int64_t now,
                                struct yc_error *e);
/* parent NULL: all; q NULL: no name filter. */
enum yc_status yc_region_list(struct yc_db *db, struct yc_arena *a, const char *parent,
                              const char *q, const struct yc_page *pg, struct yc_region **items,
                              int64_t *n, int64_t *total, struct yc_error *e);

/* ---- departments ---- */
enum yc_status yc_dept_insert(struct yc_db *db, const struct yc_dept *d, int64_t now,
                              struct yc_error *e);
enum yc_status yc_dept_get(struct yc_db *db, struct yc_arena *a, const char *code,
                           struct yc_dept *out, struct yc_error *e);
enum yc_status yc_dept_update(struct yc_db *db, const struct yc_dept *d, int64_t now,
                              struct yc_error *e);
/* region: departments whose region lies within it (prefix scope), or NULL for all. */
enum yc_status yc_dept_list(struct yc_db *db, struct yc_arena *a, const char *region, const char *q,
                            const struct yc_page *pg, struct yc_dept **items, int64_t *n,
                            int64_t *total, struct yc_error *e);

/* ---- users ---- */
/* Insert u (u->password_hash set); fills *id. Duplicate username or applicant ID number: conflict
 * with field "username" / "id_number". */
enum yc_status yc_user_insert(struct yc_db *db, const struct yc_user *u, int64_t now, int64_t *id,
                              struct yc_error *e);
enum yc_status yc_user_by_id(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_user *out,
                             struct yc_error *e);
/* With the password hash filled, for login. */
enum yc_status yc_user_by_username(struct yc_db *db, struct yc_arena *a, const char *username,
                                   struct yc_user *out, struct yc_error *e);
/* Update name, phone and active of u->id. */
enum yc_status yc_user_update(struct yc_db *db, const struct yc_user *u, int64_t now,
                              struct yc_error *e);

struct yc_user_filter {
	const char *role;
	const char *region; /* users whose region lies within this scope */
	const char *q;      /* substring of username or name */
};
enum yc_status yc_user_list(struct yc_db *db, struct yc_arena *a, const struct yc_user_filter *f,
                            const struct yc_page *pg, struct yc_user **items, int64_t *n,
                            int64_t *total, struct yc_error *e);

/* ---- sessions ---- */
enum yc_status yc_session_insert(struct yc_db *db, const char *token_hash, int64_t user_id,
                                 int64_t now, const char *ip, struct yc_error *e);
/* The user of a live session (last seen after now - idle), with *last_seen. not_found otherwise. */
enum yc_status yc_session_user(struct yc_db *db, struct yc_arena *a, const char *token_hash,
                               int64_t now, int64_t idle, struct yc_user *out, int64_t *last_seen,
                               struct yc_error *e);
enum yc_status yc_session_touch(struct yc_db *db, const char *token_hash, int64_t now,
                                struct yc_error *e);
enum yc_status yc_session_delete(struct yc_db *db, const char *token_hash, struct yc_error *e);
/* End every session of a user (account disabled) and those idle since before `before`. */
enum yc_status yc_session_delete_user(struct yc_db *db, int64_t user_id, struct yc_error *e);
enum yc_status yc_session_expire(struct yc_db *db, int64_t before, int64_t *n, struct yc_error *e);

/* ---- login failures (lockout) ---- */
enum yc_status yc_login_failure_add(struct yc_db *db, const char *username, int64_t now,
                                    const char *ip, struct yc_error *e);
/* Failures since `since`, and the time of the newest of them. */
enum yc_status yc_login_failure_count(struct yc_db *db, const char *username, int64_t since,
                                      int64_t *count, int64_t *last, struct yc_error *e);
enum yc_status yc_login_failure_clear(struct yc_db *db, const char *username, struct yc_error *e);

/* Delete failures older than `before`; *n (may be NULL) gets how many. */
enum yc_status yc_login_failure_prune(struct yc_db *db, int64_t before, int64_t *n,
                                      struct yc_error *e);

/* ---- idempotency keys ---- */
enum yc_idem_state {
	YC_IDEM_NEW,      /* the key is ours now: run the request, then yc_idem_finish() */
	YC_IDEM_REPLAY,   /* answered before: status and response hold the answer */
	YC_IDEM_MISMATCH, /* the key was used for a different request */
	YC_IDEM_RUNNING,  /* the same request is still running elsewhere */
};
struct yc_idem {
	enum yc_idem_state state;
	int status;
	const char *response;
};
enum yc_status yc_idem_begin(struct yc_db *db, struct yc_arena *a, int64_t user_id, const char *key,
                             const char *route, const char *request_hash, int64_t now,
                             struct yc_idem *out, struct yc_error *e);
enum yc_status yc_idem_finish(struct yc_db *db, int64_t user_id, const char *key, int status,
                              const char *response, struct yc_error *e);
enum yc_status yc_idem_forget(struct yc_db *db, int64_t user_id, const char *key,
                              struct yc_error *e);
enum yc_status yc_idem_prune(struct yc_db *db, int64_t before, int64_t *n, struct yc_error *e);

/* ---- jobs ---- */
struct yc_job {
	const char *name;
	int64_t every;
	int64_t slot; /* the scheduled time being run */
};
/* Claim the most overdue job due at `now` (its row locked until commit) and record its run under
 * (name, slot); *found false when none is due. *fresh false when that slot has run before (the
 * schedule was set back by hand): the caller skips the work and only reschedules. */
enum yc_status yc_job_claim(struct yc_db *db, struct yc_arena *a, int64_t now, const char *node,
                            struct yc_job *out, bool *found, bool *fresh, struct yc_error *e);
/* Record what the run did and schedule the next slot. */
enum yc_status yc_job_finish(struct yc_db *db, const struct yc_job *j, int64_t now,
                             const char *node, int64_t affected, struct yc_error *e);

/* ---- catalog (docs/catalog.md) ---- */
struct yc_item_row {
	const char *code, *name, *dept, *dept_name, *region, *region_name, *state;
	const char *doc; /* the item document (JSON text) of this version */
	int64_t version;
};
/* Insert a new item (version 1) with its document; duplicate code: conflict (field "code"). */
enum yc_status yc_item_insert(struct yc_db *db, const char *code, const char *basic,
                              const char *type, const char *main_no, const char *sub_no,
                              const char *region12, const char *body, const char *name,
                              const char *dept, const char *region, const char *doc, int64_t now,
                              struct yc_error *e);
/* The current version (version 0) or the given one. */
enum yc_status yc_item_get(struct yc_db *db, struct yc_arena *a, const char *code, int64_t version,
                           struct yc_item_row *out, struct yc_error *e);
struct yc_item_filter {
	const char *dept, *region, *q, *state;
};
enum yc_status yc_item_list(struct yc_db *db, struct yc_arena *a, const struct yc_item_filter *f,
                            const struct yc_page *pg, struct yc_item_row **items, int64_t *n,
                            int64_t *total, struct yc_error *e);

struct yc_matter_row {
	const char *code, *name, *audience, *theme, *region, *state, *revision_note;
	int64_t published_version, draft_version, updated_at, seq; /* versions 0 = none */
	bool needs_revision;
};
struct yc_matter_version {
	const char *code, *state, *doc, *items; /* items: pinned [{code,version}] once published */
	int64_t version, published_at, created_at;
};
/* Take the next number of a counter (every node draws from the same row). */
enum yc_status yc_counter_next(struct yc_db *db, const char *name, int64_t *value,
                               struct yc_error *e);
/* Make sure the counter will not hand out `used` or anything below it again. */
enum yc_status yc_counter_raise(struct yc_db *db, const char *name, int64_t used,
                                struct yc_error *e);
/* A new matter with draft version 1. */
enum yc_status yc_matter_insert(struct yc_db *db, const char *code, const char *basic, int64_t seq,
                                const char *region, const char *name, const char *audience,
                                const char *theme, const char *lead_dept, int64_t promised_days,
                                const char *doc, int64_t now, struct yc_error *e);
enum yc_status yc_matter_get(struct yc_db *db, struct yc_arena *a, const char *code,
                             struct yc_matter_row *out, struct yc_error *e);
enum yc_status yc_matter_version_get(struct yc_db *db, struct yc_arena *a, const char *code,
                                     int64_t version, struct yc_matter_version *out,
                                     struct yc_error *e);
enum yc_status yc_matter_versions(struct yc_db *db, struct yc_arena *a, const char *code,
                                  struct yc_matter_version **items, int64_t *n, struct yc_error *e);
/* Replace the document of a draft version; conflict when that version is not a draft. */
enum yc_status yc_matter_update_draft(struct yc_db *db, const char *code, int64_t version,
                                      const char *name, const char *audience, const char *theme,
                                      const char *lead_dept, int64_t promised_days, const char *doc,
                                      int64_t now, struct yc_error *e);
/* A new draft version (copy of doc) beside the published one. */
enum yc_status yc_matter_new_draft(struct yc_db *db, const char *code, int64_t version,
                                   const char *name, const char *audience, const char *theme,
                                   const char *lead_dept, int64_t promised_days, const char *doc,
                                   int64_t now, struct yc_error *e);
/* Publish a draft: the former published version becomes superseded; items pins the versions. */
enum yc_status yc_matter_publish(struct yc_db *db, const char *code, int64_t version,
                                 const char *items, int64_t now, struct yc_error *e);
enum yc_status yc_matter_abolish(struct yc_db *db, const char *code, int64_t now,
                                 struct yc_error *e);
struct yc_matter_summary {
	const char *code, *name, *audience, *theme, *region, *region_name, *lead_dept,
	    *lead_dept_name, *items;
	int64_t promised_days, version, published_at;
};
struct yc_matter_filter {
	const char *audience, *theme, *region, *q, *lead_dept, *state;
};
enum yc_status yc_matter_public_list(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_matter_filter *f, const struct yc_page *pg,
                                     struct yc_matter_summary **items, int64_t *n, int64_t *total,
                                     struct yc_error *e);
enum yc_status yc_matter_admin_list(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_matter_filter *f, const struct yc_page *pg,
                                    struct yc_matter_row **items, int64_t *n, int64_t *total,
                                    struct yc_error *e);

/* ---- synonyms and search ---- */
struct yc_synonym {
	const char *term, *target;
};
enum yc_status yc_synonym_list(struct yc_db *db, struct yc_arena *a, struct yc_synonym **items,
                               int64_t *n, struct yc_error *e);
enum yc_status yc_synonym_put(struct yc_db *db, const char *term, const char *target, int64_t now,
                              struct yc_error *e);
enum yc_status yc_synonym_delete(struct yc_db *db, const char *term, struct yc_error *e);

struct yc_search_doc {
	const char *kind; /* "matter" | "item" */
	const char *code, *name, *audience, *theme, *dept, *region;
};
/* Put (or replace) the search document of kind+code. */
enum yc_status yc_search_put(struct yc_db *db, struct yc_arena *a, const struct yc_search_doc *d,
                             struct yc_error *e);
enum yc_status yc_search_drop(struct yc_db *db, const char *kind, const char *code,
                              struct yc_error *e);
/* After many puts (an import): merge the index's pieces so that searches read fewer of them. */
enum yc_status yc_search_compact(struct yc_db *db, struct yc_error *e);

/* The digit prefix that every region code within `code` starts with (430100 -> "4301");
 * returns its length, 0 when code is not a region code. */
int yc_region_prefix(const char *code, char out[13]);

/* Lookups of the search (src/core/search.h says what a search means). Each adds to h at most
 * YC_SEARCH_CANDIDATES documents passing f, the first in ranking order. By name: documents whose
 * name contains term (one character: matters only), as `as` or (as < 0) by how they match. */
enum yc_status yc_search_by_name(struct yc_db *db, struct yc_search_hits *h, const char *term,
                                 const struct yc_search_filter *f, int as, struct yc_error *e);
/* By key (pinyin "p:…", "d:…", "q:…"): when need is set, the initials must contain it. */
enum yc_status yc_search_by_key(struct yc_db *db, struct yc_search_hits *h, const char *key,
                                const char *need, const struct yc_search_filter *f,
                                struct yc_error *e);
/* The targets of the synonyms whose term is in q, longest term first (then by term). */
#define YC_SEARCH_SYNONYMS 5
enum yc_status yc_search_synonyms(struct yc_db *db, struct yc_arena *a, const char *q,
                                  const char *targets[YC_SEARCH_SYNONYMS], int *n,
                                  struct yc_error *e);
/* Every search document, in id (ranking) order, with its department's and region's names. */
enum yc_status yc_search_docs(struct yc_db *db, struct yc_arena *a, struct yc_search_hit **docs,
                              int64_t *n, struct yc_error *e);

/* ---- service guides, feedback, changes ---- */
/* ---- cases (办件) ---- */
struct yc_case_row {
	int64_t id, matter_version, form_id, form_version, version, applicant_user, created_by;
	int64_t round, supplement_round, received_at, accepted_at, decided_at, created_at,
	    updated_at;
	const char *number, *matter_code, *matter_name, *region, *state, *channel;
	const char *applicant_name, *applicant_id_number, *applicant_phone;
	const char *answers, *form, *situation; /* JSON texts */
	const char *decide_by, *due_day;        /* YYYY-MM-DD or NULL (no calendar for the year) */
};
/* Take the next number of a counter that may not exist yet (first call gives 1). */
enum yc_status yc_counter_take(struct yc_db *db, const char *name, int64_t *value,
                               struct yc_error *e);
/* A new draft case (state draft, version 1); c->number, matter, … set by the caller. */
enum yc_status yc_case_insert(struct yc_db *db, const struct yc_case_row *c, int64_t *id,
                              struct yc_error *e);
enum yc_status yc_case_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                           struct yc_case_row *out, struct yc_error *e);
/* Write the lifecycle fields of c (state, round, supplement_round, received/accepted/decided
 * times) if its version is still `version`; the version is raised. Stale: YC_E_CONFLICT. */
enum yc_status yc_case_set_state(struct yc_db *db, const struct yc_case_row *c, int64_t version,
                                 int64_t now, struct yc_error *e);
/* Raise the version of a case being filled (draft or supplementing) that is still at
 * `version` (a material attached); stale or closed: YC_E_CONFLICT. */
enum yc_status yc_case_touch(struct yc_db *db, int64_t id, int64_t version, int64_t now,
                             struct yc_error *e);

/* Verifications of commitments (告知承诺核查). */
struct yc_verification {
	int64_t id, case_id, decided_by, decided_at, created_at;
	const char *slot, *name, *dept, *notice, *due_day, *state, *note;
};
enum yc_status yc_verification_add(struct yc_db *db, const struct yc_verification *v,
                                   struct yc_error *e);
enum yc_status yc_verification_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                                   struct yc_verification *out, struct yc_error *e);
enum yc_status yc_verification_list(struct yc_db *db, struct yc_arena *a, const char *dept,
                                    const char *state, const struct yc_page *pg,
                                    struct yc_verification **rows, int64_t *n, int64_t *total,
                                    struct yc_error *e);
/* pending → state; conflict when decided already. */
enum yc_status yc_verification_decide(struct yc_db *db, int64_t id, const char *state,
                                      const char *note, int64_t by, int64_t now,
                                      struct yc_error *e);

/* Replace a draft's (or a supplementing case's) answers, form and situation. */
enum yc_status yc_case_set_draft(struct yc_db *db, int64_t id, int64_t version, const char *answers,
                                 const char *form, const char *situation, int64_t now,
                                 struct yc_error *e);
/* Cases of an applicant account (theirs or entered by them), newest first. */
enum yc_status yc_case_list_mine(struct yc_db *db, struct yc_arena *a, int64_t user,
                                 const char *state, const struct yc_page *pg,
                                 struct yc_case_row **rows, int64_t *n, int64_t *total,
                                 struct yc_error *e);
/* Cases within a region (and below), the oldest receipt first (the window's queue). */
enum yc_status yc_case_list_region(struct yc_db *db, struct yc_arena *a, const char *region,
                                   const char *state, const struct yc_page *pg,
                                   struct yc_case_row **rows, int64_t *n, int64_t *total,
                                   struct yc_error *e);
enum yc_status yc_case_event_add(struct yc_db *db, int64_t case_id, const char *event,
                                 const char *from, const char *to, int64_t actor, const char *role,
                                 const char *detail, int64_t now, struct yc_error *e);
struct yc_case_history {
	const char *event, *from, *to, *actor_role, *detail;
	int64_t actor_id, at;
};
enum yc_status yc_case_events(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                              struct yc_case_history **rows, int64_t *n, struct yc_error *e);

struct yc_notice_row {
	const char *number, *kind, *region, *content;
	int64_t case_id, issued_at;
};
enum yc_status yc_notice_insert(struct yc_db *db, const struct yc_notice_row *n, int64_t by,
                                struct yc_error *e);
enum yc_status yc_notice_get(struct yc_db *db, struct yc_arena *a, const char *number,
                             struct yc_notice_row *out, struct yc_error *e);
enum yc_status yc_notice_list(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                              struct yc_notice_row **rows, int64_t *n, struct yc_error *e);

struct yc_case_material {
	const char *slot, *name, *status, *sha256, *type, *filename;
	const char *deadline;  /* YYYY-MM-DD for a tolerated material, else NULL */
	const char *reference; /* a 免提交 certificate from the registry: "<issuer> <number>" */
	const char *valid_until; /* YYYY-MM-DD: the document is valid until then; NULL none given */
	int64_t size, pages, round, updated_at;
};
enum yc_status yc_case_material_put(struct yc_db *db, int64_t case_id,
                                    const struct yc_case_material *m, struct yc_error *e);
/* The files of a material slot. */
struct yc_case_file {
	int64_t seq, size, pages, uploaded_at;
	const char *sha256, *type, *mime, *filename;
};
/* Replace the files of a slot with files[0..n) (seq 0, 1, …). */
enum yc_status yc_case_files_set(struct yc_db *db, int64_t case_id, const char *slot,
                                 const struct yc_case_file *files, int n, int64_t by, int64_t now,
                                 struct yc_error *e);
enum yc_status yc_case_files(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                             const char *slot, struct yc_case_file **rows, int64_t *n,
                             struct yc_error *e);

/* Ids of cases the watches must act on (at most 100 a call): submitted and undecided after
 * their decide-by day; accepted with a tolerated material past its deadline. today: YYYY-MM-DD */
enum yc_status yc_case_ids_due(struct yc_db *db, struct yc_arena *a, bool tolerance,
                               const char *today, int64_t **ids, int64_t *n, struct yc_error *e);
enum yc_status yc_case_materials(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                 struct yc_case_material **rows, int64_t *n, struct yc_error *e);

/* ---- tasks (分办任务, migration 0012) ---- */
struct yc_task_row {
	int64_t id, case_id, version, promised_days, decided_by, decided_at, created_at, updated_at;
	const char *case_number, *item_code, *item_name, *item_result, *dept, *region, *kind;
	const char *state, *started_on, *due_day, *light, *stopped_since, *stop_reason;
	const char *suspensions; /* JSON [{"start","end","reason"}] */
	const char *rectify_note, *rectify_by, *opinion, *basis;
	const char *dept_name; /* joined from depts on reads */
};
/* A new task (version 1); *id gets its id. */
enum yc_status yc_task_insert(struct yc_db *db, const struct yc_task_row *t, int64_t *id,
                              struct yc_error *e);
enum yc_status yc_task_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                           struct yc_task_row *out, struct yc_error *e);
/* Write the lifecycle fields of t (state, due day, light, stop, suspensions, rectification,
 * opinion, decision) if its version is still `version`; the version is raised and the
 * department's counts follow the change from state `from`. Stale: YC_E_CONFLICT. */
enum yc_status yc_task_update(struct yc_db *db, const struct yc_task_row *t, const char *from,
                              int64_t version, int64_t now, struct yc_error *e);
/* The tasks of a case, in dispatch order. */
enum yc_status yc_task_list_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                 struct yc_task_row **rows, int64_t *n, struct yc_error *e);
/* A department's tasks (state NULL: every state; "open": pending, suspended, rectifying), the
 * earliest due day first. */
enum yc_status yc_task_list_dept(struct yc_db *db, struct yc_arena *a, const char *dept,
                                 const char *state, const struct yc_page *pg,
                                 struct yc_task_row **rows, int64_t *n, int64_t *total,
                                 struct yc_error *e);
enum yc_status yc_task_event_add(struct yc_db *db, int64_t task_id, int64_t case_id,
                                 const char *event, const char *from, const char *to, int64_t actor,
                                 const char *role, const char *detail, int64_t now,
                                 struct yc_error *e);
enum yc_status yc_task_events(struct yc_db *db, struct yc_arena *a, int64_t task_id,
                              struct yc_case_history **rows, int64_t *n, struct yc_error *e);
/* The time-limit watch: running (pending) tasks overdue on `today` turn red, those due today
 * or by `next_workday` turn yellow; *rows gets the tasks whose colour changed. */
struct yc_task_flag {
	int64_t id;
	const char *dept, *region, *case_number, *item_name, *due_day, *light;
};
enum yc_status yc_task_watch(struct yc_db *db, struct yc_arena *a, const char *today,
                             const char *next_workday, struct yc_task_flag **rows, int64_t *n,
                             struct yc_error *e);
/* Running tasks in a region (and below) due by `until` (YYYY-MM-DD), the earliest first: the
 * supervisor's watch page. *total counts them all, *red those due before `today`. */
enum yc_status yc_task_watch_list(struct yc_db *db, struct yc_arena *a, const char *region,
                                  const char *today, const char *until, const struct yc_page *pg,
                                  struct yc_task_row **rows, int64_t *n, int64_t *total,
                                  int64_t *red, struct yc_error *e);

/* ---- messages (我的消息) and the notification outbox (messages.c, migration 0013) ---- */
struct yc_message_row {
	int64_t id, user_id, case_id, read_at, created_at; /* case_id, read_at 0: none, unread */
	const char *kind, *title, *body, *link;
};
enum yc_status yc_message_insert(struct yc_db *db, const struct yc_message_row *m, int64_t *id,
                                 struct yc_error *e);
/* An account's messages (only the unread ones when unread), newest first; *total counts them,
 * *unread the account's unread messages. */
enum yc_status yc_message_list(struct yc_db *db, struct yc_arena *a, int64_t user, bool unread,
                               const struct yc_page *pg, struct yc_message_row **rows, int64_t *n,
                               int64_t *total, int64_t *unread_count, struct yc_error *e);
/* Mark one of the account's own messages read (kept when read already); not_found when there is
 * no such message of that account. */
enum yc_status yc_message_read(struct yc_db *db, int64_t user, int64_t id, int64_t now,
                               struct yc_error *e);
enum yc_status yc_message_read_all(struct yc_db *db, int64_t user, int64_t now, int64_t *n,
                                   struct yc_error *e);
/* Active staff accounts of a role in the province of region (the caller decides scope). */
struct yc_staff {
	int64_t id;
	const char *username, *role, *region, *dept;
};
enum yc_status yc_message_staff(struct yc_db *db, struct yc_arena *a, const char *role,
                                const char *region, struct yc_staff **rows, int64_t *n,
                                struct yc_error *e);

struct yc_outbox_row {
	int64_t id, case_id, message_id, attempts, next_at, claimed_until, last_status, created_at,
	    sent_at;
	const char *channel, *recipient, *subject, *body, *state, *claimed_by, *last_error;
	const char *case_region, *case_number; /* joined on get and list */
};
/* A new pending row, due at o->created_at. */
enum yc_status yc_outbox_insert(struct yc_db *db, const struct yc_outbox_row *o, int64_t *id,
                                struct yc_error *e);
/* Claim up to max rows due at now (pending with next_at <= now, or sending whose claim expired)
 * for node until `until`: they become sending. */
enum yc_status yc_outbox_claim(struct yc_db *db, struct yc_arena *a, int64_t now, const char *node,
                               int64_t until, int64_t max, struct yc_outbox_row **rows, int64_t *n,
                               struct yc_error *e);
/* Record the outcome of a claimed row (o->state sent | pending | failed, attempts, next_at,
 * last_error, last_status, sent_at) while node's claim holds; *done false when it did not. */
enum yc_status yc_outbox_finish(struct yc_db *db, const struct yc_outbox_row *o, const char *node,
                                bool *done, struct yc_error *e);
enum yc_status yc_outbox_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                             struct yc_outbox_row *out, struct yc_error *e);
/* Rows of one state (NULL: all) whose case lies within region (NULL: all; rows of no case are
 * always listed), newest first. */
enum yc_status yc_outbox_list(struct yc_db *db, struct yc_arena *a, const char *state,
                              const char *region, const struct yc_page *pg,
                              struct yc_outbox_row **rows, int64_t *n, int64_t *total,
                              struct yc_error *e);
/* failed → pending, due now, attempts 0; conflict when the row is not failed. */
enum yc_status yc_outbox_retry(struct yc_db *db, int64_t id, int64_t now, struct yc_error *e);

/* Tolerated materials of open cases with a deadline from `from` to `to` (YYYY-MM-DD) not
 * reminded yet (at most 100, the nearest deadline first); mark one reminded on `day`. */
struct yc_remind_row {
	int64_t case_id;
	const char *slot, *name, *deadline;
};
enum yc_status yc_remind_due(struct yc_db *db, struct yc_arena *a, const char *from, const char *to,
                             struct yc_remind_row **rows, int64_t *n, struct yc_error *e);
enum yc_status yc_remind_mark(struct yc_db *db, int64_t case_id, const char *slot, const char *day,
                              bool *marked, struct yc_error *e);

/* ---- joint review / inspection / acceptance events (joint.c, migration 0016) ---- */
struct yc_joint_row {
	int64_t id, case_id, version, created_by, created_at, concluded_by, concluded_at,
	    updated_at;
	const char *case_number, *region, *kind, *lead_dept, *scheduled_at, *place;
	const char *participants; /* JSON [{"name","dept","role"}] */
	const char *state, *conclusion, *rectify_note, *rectify_by, *note;
	const char *lead_dept_name; /* joined from depts on reads */
};
/* A new scheduled event (version 1); *id gets its id. */
enum yc_status yc_joint_insert(struct yc_db *db, const struct yc_joint_row *j, int64_t *id,
                               struct yc_error *e);
enum yc_status yc_joint_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                            struct yc_joint_row *out, struct yc_error *e);
enum yc_status yc_joint_task_add(struct yc_db *db, int64_t event_id, int64_t task_id,
                                 struct yc_error *e);
/* The ids of the event's tasks, ascending. */
enum yc_status yc_joint_task_ids(struct yc_db *db, struct yc_arena *a, int64_t event_id,
                                 int64_t **ids, int64_t *n, struct yc_error *e);
/* The scheduled event a task is in; *event_id 0 when none. */
enum yc_status yc_joint_open_of_task(struct yc_db *db, int64_t task_id, int64_t *event_id,
                                     struct yc_error *e);
struct yc_joint_opinion {
	const char *dept, *dept_name, *verdict, *opinion, *username, *name;
	int64_t by, at;
};
/* One department's opinion; conflict (field "dept") when that department gave one already. */
enum yc_status yc_joint_opinion_add(struct yc_db *db, int64_t event_id,
                                    const struct yc_joint_opinion *o, struct yc_error *e);
enum yc_status yc_joint_opinions(struct yc_db *db, struct yc_arena *a, int64_t event_id,
                                 struct yc_joint_opinion **rows, int64_t *n, struct yc_error *e);
/* Raise the version of a scheduled event (an opinion arrived); conflict when it is not
 * scheduled any more. */
enum yc_status yc_joint_touch(struct yc_db *db, int64_t id, int64_t now, struct yc_error *e);
/* scheduled → j->state (concluded | cancelled) with the conclusion fields, if the version is
 * still `version`; stale or ended: YC_E_CONFLICT. */
enum yc_status yc_joint_set_state(struct yc_db *db, const struct yc_joint_row *j, int64_t version,
                                  int64_t now, struct yc_error *e);
/* The events of a case, in order of scheduling. */
enum yc_status yc_joint_list_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                  struct yc_joint_row **rows, int64_t *n, struct yc_error *e);
/* A department's events (it leads them or has a task in them), of one state (NULL: every
 * state): the scheduled ones first, by time. */
enum yc_status yc_joint_list_dept(struct yc_db *db, struct yc_arena *a, const char *dept,
                                  const char *state, const struct yc_page *pg,
                                  struct yc_joint_row **rows, int64_t *n, int64_t *total,
                                  struct yc_error *e);

/* ---- one delivery (一次送达) and hand-overs of paper materials (delivery.c, migration 0015) ----
 */
struct yc_delivery_row {
	int64_t id, case_id, version, chosen_by, chosen_at;
	int64_t sent_at, delivered_at, delivered_by; /* 0: not yet / the system */
	const char *method;                          /* pickup | post | online | sms | notice */
	const char *state;                           /* chosen | sent | delivered */
	const char *recipient_name, *phone;
	const char *address; /* JSON text {"province","city","district","detail","postcode"} */
	const char *tracking_number, *signature_sha256, *signer_name, *signer_id_number;
	const char *receipt_notice, *public_notice; /* notice numbers */
};
/* The delivery of a case; *found false when no method was chosen. */
enum yc_status yc_delivery_get(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                               struct yc_delivery_row *out, bool *found, struct yc_error *e);
/* The first choice (state chosen, version 1): case, method, recipient, phone, address, chosen_by,
 * chosen_at of d. */
enum yc_status yc_delivery_insert(struct yc_db *db, const struct yc_delivery_row *d,
                                  struct yc_error *e);
/* Write every field of d if its version is still `version`; the version is raised. Stale:
 * YC_E_CONFLICT. */
enum yc_status yc_delivery_update(struct yc_db *db, const struct yc_delivery_row *d,
                                  int64_t version, struct yc_error *e);
struct yc_handover_row {
	int64_t id, case_id, task_id, from_user, to_user, recorded_by, at; /* 0: none / unknown */
	const char *step, *package, *recorded_role, *note;
	/* joined on reads */
	const char *case_number, *dept, *dept_name, *item_name;
	const char *from_name, *to_name, *recorded_name, *recorded_username;
};
enum yc_status yc_handover_insert(struct yc_db *db, const struct yc_handover_row *h, int64_t *id,
                                  struct yc_error *e);
/* The hand-overs of a case (of one package when package is not NULL), oldest first. */
enum yc_status yc_handover_list_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                     const char *package, struct yc_handover_row **rows, int64_t *n,
                                     struct yc_error *e);
struct yc_handover_filter {
	int64_t recorded_by; /* 0: anyone */
	const char *package; /* NULL: any */
	const char *region;  /* cases within this region (and below) */
	const char *dept;    /* NULL: any; else hand-overs of that department's tasks */
};
/* Hand-overs by the filter, newest first. */
enum yc_status yc_handover_list(struct yc_db *db, struct yc_arena *a,
                                const struct yc_handover_filter *f, const struct yc_page *pg,
                                struct yc_handover_row **rows, int64_t *n, int64_t *total,
                                struct yc_error *e);

/* ---- results (办理结果) and department seals (results.c, migration 0014) ---- */
struct yc_dept_seal {
	int64_t id, created_at, retired_at;
	const char *dept, *key_id, *public_key, *secret_box, *nonce; /* base64url (core/seal.h) */
};
/* The department's current seal; *found false when it has none yet. */
enum yc_status yc_dept_seal_current(struct yc_db *db, struct yc_arena *a, const char *dept,
                                    struct yc_dept_seal *out, bool *found, struct yc_error *e);
/* The seal of a key id, current or retired; *found false when none. */
enum yc_status yc_dept_seal_by_key(struct yc_db *db, struct yc_arena *a, const char *key_id,
                                   struct yc_dept_seal *out, bool *found, struct yc_error *e);
/* The oldest current seal of any department; *found false when none was made yet. */
enum yc_status yc_dept_seal_any(struct yc_db *db, struct yc_arena *a, struct yc_dept_seal *out,
                                bool *found, struct yc_error *e);
/* Add s as its department's current seal unless the department has one (*added tells). */
enum yc_status yc_dept_seal_add(struct yc_db *db, const struct yc_dept_seal *s, bool *added,
                                struct yc_error *e);

struct yc_result_row {
	int64_t id, case_id, task_id, issued_by, issued_at, revoked_at;
	const char *number, *item_code, *item_name, *dept, *name, *holder_name, *holder_id;
	const char *valid_from, *valid_until; /* YYYY-MM-DD; valid_until NULL: 长期 */
	const char *fields, *payload, *signature, *key_id, *state, *revoke_reason;
	/* joined on reads: the case and the department */
	const char *case_number, *case_region, *dept_name, *dept_region;
	int64_t case_applicant_user, case_created_by;
};
/* A new current result; *id gets its id. A second result of one task: YC_E_CONFLICT. */
enum yc_status yc_result_insert(struct yc_db *db, const struct yc_result_row *r, int64_t *id,
                                struct yc_error *e);
/* The result of that number; YC_E_NOT_FOUND when none. */
enum yc_status yc_result_get(struct yc_db *db, struct yc_arena *a, const char *number,
                             struct yc_result_row *out, struct yc_error *e);
/* The result of a task; *found false when none. */
enum yc_status yc_result_by_task(struct yc_db *db, struct yc_arena *a, int64_t task_id,
                                 struct yc_result_row *out, bool *found, struct yc_error *e);
/* The results of a case, in the order issued. */
enum yc_status yc_result_list_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                   struct yc_result_row **rows, int64_t *n, struct yc_error *e);
/* current → revoked with the reason; *changed false when it was not current. */
enum yc_status yc_result_revoke(struct yc_db *db, int64_t id, const char *reason, int64_t now,
                                bool *changed, struct yc_error *e);

/* ---- the shared-data registry (免提交) ---- */
struct yc_shared_cert {
	const char *subject_id, *name, *number, *issuer, *valid_until;
};
/* The certificate `name` of `subject` valid on `today` (YYYY-MM-DD); *found false when none. */
enum yc_status yc_shared_find(struct yc_db *db, struct yc_arena *a, const char *subject,
                              const char *name, const char *today, struct yc_shared_cert *out,
                              bool *found, struct yc_error *e);
/* Add a certificate (kept when one of that name exists for the subject); *added tells. */
enum yc_status yc_shared_add(struct yc_db *db, const struct yc_shared_cert *c, int64_t now,
                             bool *added, struct yc_error *e);

/* ---- credit records (诚信档案) ---- */
struct yc_credit_row {
	int64_t id, case_id, starts_at, expires_at, created_by, created_at, revoked_at;
	const char *subject_id, *subject_name, *kind, *source, *reason, *region, *revoke_reason;
};
enum yc_status yc_credit_insert(struct yc_db *db, const struct yc_credit_row *c, int64_t *id,
                                struct yc_error *e);
enum yc_status yc_credit_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                             struct yc_credit_row *out, struct yc_error *e);
/* The live 失信 record of a subject at `now`, *found false when none. */
enum yc_status yc_credit_live(struct yc_db *db, struct yc_arena *a, const char *subject,
                              int64_t now, struct yc_credit_row *out, bool *found,
                              struct yc_error *e);
/* Records recorded within a region (and below), of one subject when subject is not NULL. */
enum yc_status yc_credit_list(struct yc_db *db, struct yc_arena *a, const char *subject,
                              const char *region, const struct yc_page *pg,
                              struct yc_credit_row **rows, int64_t *n, int64_t *total,
                              struct yc_error *e);
/* Revoke (信用修复 / a record made in error); conflict when revoked already. */
enum yc_status yc_credit_revoke(struct yc_db *db, int64_t id, int64_t by, const char *reason,
                                int64_t now, struct yc_error *e);

/* ---- forms (一次表单 versions) ---- */
struct yc_form_row {
	int64_t id, matter_version, version, created_by, created_at, updated_at, published_at;
	const char *matter_code, *state, *content, *note;
};
/* A new compiled form version (next version number of the matter); *id gets its id. */
enum yc_status yc_form_insert(struct yc_db *db, const char *matter, int64_t matter_version,
                              const char *content, int64_t by, int64_t now, int64_t *id,
                              int64_t *version, struct yc_error *e);
enum yc_status yc_form_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                           struct yc_form_row *out, struct yc_error *e);
enum yc_status yc_form_list(struct yc_db *db, struct yc_arena *a, const char *matter,
                            struct yc_form_row **rows, int64_t *n, struct yc_error *e);
/* The published form of that matter version; *found false when none. */
enum yc_status yc_form_published(struct yc_db *db, struct yc_arena *a, const char *matter,
                                 int64_t matter_version, struct yc_form_row *out, bool *found,
                                 struct yc_error *e);
/* State from → to (note NULL keeps the note); publishing supersedes the matter's published form.
 * Conflict when the form is not in `from`. */
enum yc_status yc_form_set_state(struct yc_db *db, const struct yc_form_row *f, const char *from,
                                 const char *to, const char *note, int64_t now, struct yc_error *e);

struct yc_guide_row {
	int64_t id, matter_version, version, created_at, published_at;
	const char *matter_code, *state, *overlay, *content;
	bool needs_revision;
};
enum yc_status yc_guide_insert(struct yc_db *db, const char *matter, int64_t matter_version,
                               int64_t version, const char *overlay, int64_t now, int64_t *id,
                               struct yc_error *e);
enum yc_status yc_guide_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                            struct yc_guide_row *out, struct yc_error *e);
enum yc_status yc_guide_list(struct yc_db *db, struct yc_arena *a, const char *matter,
                             struct yc_guide_row **rows, int64_t *n, struct yc_error *e);
/* Next guide version number, and how many guides of the matter are being drafted or consulted. */
enum yc_status yc_guide_counts(struct yc_db *db, const char *matter, int64_t *max_version,
                               int64_t *open, struct yc_error *e);
/* The newest published guide of that matter version; *found false when none. */
enum yc_status yc_guide_published(struct yc_db *db, struct yc_arena *a, const char *matter,
                                  int64_t matter_version, struct yc_guide_row *out, bool *found,
                                  struct yc_error *e);
enum yc_status yc_guide_set_overlay(struct yc_db *db, int64_t id, const char *overlay, int64_t now,
                                    struct yc_error *e);
/* State from → to; conflict when the guide is not in `from`. */
enum yc_status yc_guide_set_state(struct yc_db *db, int64_t id, const char *from, const char *to,
                                  int64_t now, struct yc_error *e);
/* Publish (from consulting) with its frozen content; the former published guide is superseded. */
enum yc_status yc_guide_publish(struct yc_db *db, int64_t id, const char *matter,
                                const char *content, int64_t now, struct yc_error *e);
enum yc_status yc_guide_flag(struct yc_db *db, const char *matter, int64_t now, struct yc_error *e);
struct yc_guide_dept {
	const char *dept, *name;
	int64_t comments;
};
enum yc_status yc_guide_dept_add(struct yc_db *db, int64_t id, const char *dept,
                                 struct yc_error *e);
enum yc_status yc_guide_depts(struct yc_db *db, struct yc_arena *a, int64_t id,
                              struct yc_guide_dept **v, int64_t *n, struct yc_error *e);
struct yc_guide_comment {
	int64_t id, guide_id, created_at;
	const char *dept, *dept_name, *text, *reply, *state;
};
enum yc_status yc_gcomment_insert(struct yc_db *db, int64_t guide, const char *dept, int64_t author,
                                  const char *text, int64_t now, int64_t *id, struct yc_error *e);
enum yc_status yc_gcomment_list(struct yc_db *db, struct yc_arena *a, int64_t guide,
                                struct yc_guide_comment **v, int64_t *n, struct yc_error *e);
enum yc_status yc_gcomment_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                               struct yc_guide_comment *out, struct yc_error *e);
enum yc_status yc_gcomment_answer(struct yc_db *db, int64_t id, const char *reply,
                                  const char *state, int64_t now, struct yc_error *e);

struct yc_feedback {
	int64_t id, created_at, closed_at;
	const char *matter, *matter_name, *text, *contact, *state, *note, *region;
};
enum yc_status yc_feedback_insert(struct yc_db *db, const char *matter, const char *text,
                                  const char *contact, int64_t now, int64_t *id,
                                  struct yc_error *e);
enum yc_status yc_feedback_list(struct yc_db *db, struct yc_arena *a, const char *state,
                                const char *region, const struct yc_page *pg,
                                struct yc_feedback **v, int64_t *n, int64_t *total,
                                struct yc_error *e);
enum yc_status yc_feedback_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                               struct yc_feedback *out, struct yc_error *e);
enum yc_status yc_feedback_close(struct yc_db *db, int64_t id, const char *note, int64_t now,
                                 int64_t by, struct yc_error *e);

struct yc_change {
	int64_t id, new_version, created_at, decided_at;
	const char *item, *item_name, *dept, *dept_name, *region, *kind, *basis, *proposal, *state,
	    *reason, *diff, *affected;
};
enum yc_status yc_change_insert(struct yc_db *db, const struct yc_change *c, int64_t by,
                                int64_t now, int64_t *id, struct yc_error *e);
enum yc_status yc_change_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                             struct yc_change *out, struct yc_error *e);
enum yc_status yc_change_list(struct yc_db *db, struct yc_arena *a, const char *state,
                              const char *dept, const char *region, const struct yc_page *pg,
                              struct yc_change **v, int64_t *n, int64_t *total, struct yc_error *e);
/* Decide a submitted change; conflict when it was decided already. */
enum yc_status yc_change_decide(struct yc_db *db, int64_t id, const char *state, const char *reason,
                                const char *diff, const char *affected, int64_t new_version,
                                int64_t by, int64_t now, struct yc_error *e);
/* A new version of an item (its document), made current. */
enum yc_status yc_item_new_version(struct yc_db *db, const char *code, int64_t version,
                                   const char *name, const char *doc, int64_t now,
                                   struct yc_error *e);
enum yc_status yc_item_abolish(struct yc_db *db, const char *code, int64_t now, struct yc_error *e);
struct yc_code_name {
	const char *code, *name;
};
/* Matters (not abolished) whose published or draft version names the item. */
enum yc_status yc_matters_using(struct yc_db *db, struct yc_arena *a, const char *item,
                                struct yc_code_name **v, int64_t *n, struct yc_error *e);
enum yc_status yc_matter_flag(struct yc_db *db, const char *code, const char *note, int64_t now,
                              struct yc_error *e);

/* ---- working-day calendar (calendar.c, docs/calendar.md) ---- */
struct yc_calendar_row {
	int64_t year, updated_at, updated_by;
	const char *doc; /* the normalized year document {"holidays":[…],"workdays":[…]} */
	const char *updated_by_name; /* username, NULL for the system */
};
/* Insert or replace the document of a year. */
enum yc_status yc_calendar_put(struct yc_db *db, int64_t year, const char *doc, int64_t by,
                               int64_t now, struct yc_error *e);
/* The row of a year; *found false when the year has no calendar. */
enum yc_status yc_calendar_get(struct yc_db *db, struct yc_arena *a, int64_t year,
                               struct yc_calendar_row *out, bool *found, struct yc_error *e);
/* Every year that has a calendar, ascending (at most 100 rows: years 2000-2099). */
enum yc_status yc_calendar_list(struct yc_db *db, struct yc_arena *a, struct yc_calendar_row **rows,
                                int64_t *n, struct yc_error *e);

/* ---- audit log ---- */
/* Append one row at the end of the chain (fills seq, prev_hash, hash of e_in's copy). Must run in a
 * write transaction: the head row is locked until commit. */
enum yc_status yc_audit_append(struct yc_db *db, struct yc_audit_entry *row, struct yc_error *e);

struct yc_audit_filter {
	const char *region; /* rows of this region scope (prefix), or NULL for all */
	const char *actor;
	const char *entity;
	const char *action;
	int64_t from, to;      /* unix seconds, 0 = open */
	bool include_unscoped; /* with region set: also rows that belong to no region */
};
enum yc_status yc_audit_list(struct yc_db *db, struct yc_arena *a, const struct yc_audit_filter *f,
                             const struct yc_page *pg, struct yc_audit_entry **items, int64_t *n,
                             int64_t *total, struct yc_error *e);

/* Walk the whole chain. *rows: rows checked; *first_broken: seq of the first row whose hash or
 * link is wrong (or of the missing row at the end), 0 when the chain is whole. */
enum yc_status yc_audit_verify(struct yc_db *db, int64_t *rows, int64_t *first_broken,
                               struct yc_error *e);

#endif

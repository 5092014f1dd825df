/* backend.h — what a database backend provides to the store (internal to src/store).
 *
 * The store's query files (accounts.c, places.c, audit_log.c) call only the q_* helpers below with
 * statement ids from stmts.h and typed parameters; each backend maps them to its client library.
 * Statements are prepared once per connection on first use. */
#ifndef YICI_STORE_BACKEND_H
#define YICI_STORE_BACKEND_H

#include "stmts.h"
#include "store.h"

#include <pthread.h>

enum yc_param_type { YC_P_NULL, YC_P_INT, YC_P_TEXT };
struct yc_param {
	enum yc_param_type type;
	int64_t i;
	const char *s;
};
static inline struct yc_param yc_param_text(const char *s)
{
	return (struct yc_param){.type = s ? YC_P_TEXT : YC_P_NULL, .s = s};
}
#define PT(x) yc_param_text(x)
#define PI(x) ((struct yc_param){.type = YC_P_INT, .i = (x)})
#define PB(x) PI((x) ? 1 : 0)

/* A running statement: rows are read with q_next() and the column accessors. */
struct yc_rows {
	struct yc_db *db;
	void *h;         /* sqlite3_stmt * or PGresult * */
	int row, nrows;  /* PostgreSQL: position in the result */
	int64_t changes; /* rows changed by a write */
};

struct yc_backend {
	const char *kind;
	enum yc_status (*open)(struct yc_store *s, struct yc_error *e);
	void (*close)(struct yc_store *s);
	enum yc_status (*connect)(struct yc_store *s, struct yc_db **out, struct yc_error *e);
	void (*disconnect)(struct yc_db *db);
	bool (*broken)(struct yc_db *db);
	enum yc_status (*begin)(struct yc_db *db, enum yc_tx_mode m, struct yc_error *e);
	enum yc_status (*commit)(struct yc_db *db, struct yc_error *e);
	void (*rollback)(struct yc_db *db);
	/* Start statement id with params; reads the first row (or completes a write). */
	enum yc_status (*query)(struct yc_db *db, enum yc_stmt id, const struct yc_param *p, int n,
	                        struct yc_rows *r, struct yc_error *e);
	/* 1: a row is current, 0: no more rows. */
	int (*next)(struct yc_rows *r);
	const char *(*text)(struct yc_rows *r, int col);
	int64_t (*integer)(struct yc_rows *r, int col);
	void (*finish)(struct yc_rows *r);
	/* Run a script of several statements (migrations) inside the current transaction. */
	enum yc_status (*script)(struct yc_db *db, const char *sql, struct yc_error *e);
	/* The key type for {{id}} in migrations. */
	const char *id_type;
	/* Serialise migrations between processes (PostgreSQL advisory lock); may be NULL. */
	enum yc_status (*migration_lock)(struct yc_db *db, bool lock, struct yc_error *e);
	enum yc_status (*backup)(struct yc_store *s, const char *file, struct yc_error *e);
	enum yc_status (*reset)(struct yc_db *db, struct yc_error *e);
	/* The catalog epoch as the node last heard it (PostgreSQL: LISTEN, see pg.c), without a
	 * query; false when it cannot be trusted now (ask the database). May be NULL. */
	bool (*epoch_cached)(struct yc_store *s, int64_t *epoch);
	/* A transaction of this node committed after raising the epoch to `epoch`. May be NULL. */
	void (*epoch_raised)(struct yc_store *s, int64_t epoch);
};

extern const struct yc_backend yc_backend_sqlite;
extern const struct yc_backend yc_backend_pg;

struct yc_db {
	struct yc_store *store;
	struct yc_db *next_in_store;
	bool in_tx;
	bool touched;         /* this transaction changed the public catalog: raise the epoch */
	int64_t epoch_raised; /* the epoch this transaction raised it to (0: not raised) */
	/* The audit head as this transaction left it: locked and read at the first append, written
	 * once at commit (a bulk import appends thousands of rows; one head row updated thousands
	 * of times in one PostgreSQL transaction grows a version chain every lookup walks). */
	bool audit_held, audit_dirty;
	int64_t audit_seq;
	char audit_hash[65];
};

/* Write what the transaction keeps for commit time (the audit head, the catalog epoch). */
enum yc_status yc_store_flush(struct yc_db *db, struct yc_error *e);

struct yc_store {
	const struct yc_backend *be;
	struct yc_store_config cfg;
	uint64_t generation;
	pthread_mutex_t lock; /* guards conns */
	struct yc_db *conns;
	void *impl; /* backend's own state */
};

/* Count a database error for /metrics. */
void yc_store_count_error(void);

/* Record the database's message for yc_store_detail(); cut messages end in "[...]". */
void yc_store_set_detail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- helpers for the query files (arrays grow with yc_grow, core/arena.h) ---- */

/* Run a statement; on YC_OK the first row (if any) is current: check q_has_row(). Always finish
 * with q_done(). */
enum yc_status q_run(struct yc_db *db, enum yc_stmt id, const struct yc_param *p, int n,
                     struct yc_rows *r, struct yc_error *e);
bool q_has_row(struct yc_rows *r);
bool q_next(struct yc_rows *r);
const char *q_text(struct yc_rows *r, int col);              /* NULL for SQL NULL */
char *q_str(struct yc_rows *r, int col, struct yc_arena *a); /* arena copy or NULL */
int64_t q_int(struct yc_rows *r, int col);
void q_done(struct yc_rows *r);

/* Run a statement that returns no rows; *changes (may be NULL) gets the number of rows changed. */
enum yc_status q_exec(struct yc_db *db, enum yc_stmt id, const struct yc_param *p, int n,
                      int64_t *changes, struct yc_error *e);

/* Run a "SELECT count(*)"-style statement into *v. */
enum yc_status q_int1(struct yc_db *db, enum yc_stmt id, const struct yc_param *p, int n,
                      int64_t *v, struct yc_error *e);

/* The rows of a history statement (event, from_state, to_state, actor_id, actor_role, detail,
 * at; one key parameter: a case's or a task's id), in order. */
enum yc_status q_history(struct yc_db *db, struct yc_arena *a, enum yc_stmt id, int64_t key,
                         struct yc_case_history **rows, int64_t *n, struct yc_error *e);

/* A LIKE pattern (ESCAPE '\\') for "contains q", in the arena; NULL when q is NULL or empty. */
char *yc_like_contains(struct yc_arena *a, const char *q);

#define NPARAM(arr) ((int)(sizeof(arr) / sizeof((arr)[0])))

#endif

/* pg.c — the PostgreSQL backend of the store (libpq).
 *
 * Several yici nodes share one database. Each thread of a node holds its own connection (the
 * node's pool is the set of them); a connection that breaks is dropped and reopened on the next
 * request, so nodes recover by themselves after a database restart. Statements are prepared once
 * per connection. Write transactions run SERIALIZABLE and reads REPEATABLE READ READ ONLY, which
 * matches what SQLite's single writer gives; serialization failures and deadlocks come back as
 * YC_E_RETRY for the transaction runner. Migrations take an advisory lock, so two nodes starting
 * together apply each migration once.
 *
 * The catalog epoch (yc_store_epoch) is read on every public request. Instead of a round trip
 * each time, a node keeps one more connection that LISTENs on channel yici_catalog_epoch: every
 * transaction that raises the epoch NOTIFYs the new value, delivered by PostgreSQL when it
 * commits, and the node's own commits update the value at once. Another node's change is thus
 * seen within the notification's delivery (about a millisecond), this node's own at once. The
 * listener reads the epoch again every WATCH_REFRESH_S seconds (a silent connection loss would
 * otherwise stop notifications unnoticed); while it is not connected, yc_store_epoch asks the
 * database as before. */
#include "backend.h"

#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MIGRATION_LOCK_KEY 7231001
#define WATCH_REFRESH_S    5 /* the listener reads the epoch again this often */

struct pg_db {
	struct yc_db base;
	PGconn *h;
	bool prepared[YC_STMT_COUNT];
	bool broken;
};

static enum yc_status conn_error(PGconn *h, struct yc_error *e)
{
	const char *host = PQhost(h);
	char *msg = PQerrorMessage(h);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	yc_store_set_detail("postgresql %s: %.*s", host && host[0] ? host : "(default host)",
	                    (int)n, msg);
	return yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, NULL);
}

static enum yc_status map_result(struct pg_db *d, PGresult *res, struct yc_error *e)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(d->h);
	yc_store_set_detail("postgresql: %s [%s]", msg ? msg : "", state ? state : "-");
	if (PQstatus(d->h) != CONNECTION_OK) {
		d->broken = true;
		return yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, NULL);
	}
	if (!state)
		return yc_fail(e, YC_E_INTERNAL, NULL, "数据库错误");
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
		return yc_fail(e, YC_E_RETRY, NULL, NULL);
	if (strcmp(state, "23505") == 0 || strcmp(state, "23P01") == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, NULL);
	if (strcmp(state, "23503") == 0)
		return yc_fail(e, YC_E_BAD_INPUT, NULL, "引用的对象不存在");
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0 ||
	    strcmp(state, "53300") == 0) {
		d->broken = true;
		return yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, NULL);
	}
	return yc_fail(e, YC_E_INTERNAL, NULL, "数据库错误");
}

static PGconn *pg_open_conn(struct yc_store *s, struct yc_error *e)
{
	/* connect_timeout first, so that a value in the URL overrides it; an unreachable host then
	 * fails in seconds instead of hanging a request. */
	const char *const keys[] = {"connect_timeout", "application_name", "dbname", NULL};
	const char *const vals[] = {"5", "yici", s->cfg.pg_url, NULL};
	PGconn *h = PQconnectdbParams(keys, vals, 1);
	if (!h) {
		yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, "内存不足");
		return NULL;
	}
	if (PQstatus(h) != CONNECTION_OK) {
		conn_error(h, e);
		PQfinish(h);
		return NULL;
	}
	PGresult *res = PQexec(h, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
	PQclear(res);
	return h;
}

/* ---- the epoch listener ---- */

struct pg_watch {
	struct yc_store *store;
	pthread_mutex_t lock; /* guards started */
	bool started;
	pthread_t thread;
	atomic_bool stop, live; /* live: connected, listening, and epoch read since */
	_Atomic int64_t epoch;
};

/* The epoch now, on the listener's own connection; false on any failure. */
static bool watch_read(PGconn *h, int64_t *out)
{
	PGresult *res = PQexec(h, "SELECT n FROM catalog_epoch WHERE id = 1");
	bool ok = res && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
	if (ok)
		*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return ok;
}

static void *watch_loop(void *arg)
{
	struct pg_watch *w = arg;
	while (!atomic_load(&w->stop)) {
		PGconn *h = pg_open_conn(w->store, NULL);
		PGresult *res = h ? PQexec(h, "LISTEN yici_catalog_epoch") : NULL;
		bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
		PQclear(res);
		int64_t n = 0;
		/* LISTEN first, then read: no change can fall between the two */
		if (ok && (ok = watch_read(h, &n))) {
			atomic_store(&w->epoch, n);
			atomic_store(&w->live, true);
		}
		time_t refreshed = time(NULL);
		while (ok && !atomic_load(&w->stop)) {
			struct pollfd pf = {.fd = PQsocket(h), .events = POLLIN};
			int rc = poll(&pf, 1, 250);
			if (rc < 0 || (rc > 0 && !PQconsumeInput(h))) {
				ok = false;
				break;
			}
			PGnotify *nt;
			while ((nt = PQnotifies(h)) != NULL) {
				atomic_store(&w->epoch, strtoll(nt->extra, NULL, 10));
				PQfreemem(nt);
			}
			if (time(NULL) - refreshed >= WATCH_REFRESH_S) {
				if ((ok = watch_read(h, &n)))
					atomic_store(&w->epoch, n);
				refreshed = time(NULL);
			}
		}
		atomic_store(&w->live, false);
		if (h)
			PQfinish(h);
		for (int i = 0; i < 4 && !atomic_load(&w->stop);
		     i++) /* a second before trying again */
			poll(NULL, 0, 250);
	}
	return NULL;
}

static bool pg_epoch_cached(struct yc_store *s, int64_t *epoch)
{
	struct pg_watch *w = s->impl;
	if (!w)
		return false;
	if (!atomic_load(&w->live)) {
		/* the first request of a serving node starts the listener (commands never do) */
		pthread_mutex_lock(&w->lock);
		if (!w->started && pthread_create(&w->thread, NULL, watch_loop, w) == 0)
			w->started = true;
		pthread_mutex_unlock(&w->lock);
		return false;
	}
	*epoch = atomic_load(&w->epoch);
	return true;
}

static void pg_epoch_raised(struct yc_store *s, int64_t epoch)
{
	struct pg_watch *w = s->impl;
	if (!w)
		return;
	/* never back: a later notification of another node may have arrived already */
	int64_t cur = atomic_load(&w->epoch);
	while (cur < epoch && !atomic_compare_exchange_weak(&w->epoch, &cur, epoch))
		;
}

static enum yc_status pg_open(struct yc_store *s, struct yc_error *e)
{
	PGconn *h = pg_open_conn(s, e);
	if (!h)
		return YC_E_STORE_UNAVAILABLE;
	PQfinish(h);
	struct pg_watch *w = calloc(1, sizeof *w);
	if (!w)
		return yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	w->store = s;
	pthread_mutex_init(&w->lock, NULL);
	s->impl = w;
	return YC_OK;
}

static void pg_close(struct yc_store *s)
{
	struct pg_watch *w = s->impl;
	if (!w)
		return;
	atomic_store(&w->stop, true);
	if (w->started)
		pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	free(w);
	s->impl = NULL;
}

static enum yc_status pg_connect(struct yc_store *s, struct yc_db **out, struct yc_error *e)
{
	struct pg_db *d = calloc(1, sizeof *d);
	if (!d)
		return yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	d->h = pg_open_conn(s, e);
	if (!d->h) {
		free(d);
		return YC_E_STORE_UNAVAILABLE;
	}
	*out = &d->base;
	return YC_OK;
}

static void pg_disconnect(struct yc_db *db)
{
	struct pg_db *d = (struct pg_db *)db;
	PQfinish(d->h);
	free(d);
}

static bool pg_broken(struct yc_db *db)
{
	struct pg_db *d = (struct pg_db *)db;
	return d->broken || PQstatus(d->h) != CONNECTION_OK;
}

static enum yc_status simple(struct pg_db *d, const char *sql, struct yc_error *e)
{
	PGresult *res = PQexec(d->h, sql);
	ExecStatusType k = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	enum yc_status st = YC_OK;
	if (k != PGRES_COMMAND_OK && k != PGRES_TUPLES_OK)
		st = map_result(d, res, e);
	PQclear(res);
	return st;
}

static enum yc_status pg_begin(struct yc_db *db, enum yc_tx_mode m, struct yc_error *e)
{
	if (m == YC_TX_READ_EACH) /* autocommit: each statement its own snapshot */
		return YC_OK;
	return simple((struct pg_db *)db,
	              m == YC_TX_WRITE ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
	                               : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	              e);
}

static enum yc_status pg_commit(struct yc_db *db, struct yc_error *e)
{
	struct pg_db *d = (struct pg_db *)db;
	if (PQtransactionStatus(d->h) == PQTRANS_IDLE) /* YC_TX_READ_EACH: nothing open */
		return YC_OK;
	enum yc_status st = simple(d, "COMMIT", e);
	if (st != YC_OK && !d->broken && PQtransactionStatus(d->h) != PQTRANS_IDLE)
		simple(d, "ROLLBACK", NULL);
	return st;
}

static void pg_rollback(struct yc_db *db)
{
	struct pg_db *d = (struct pg_db *)db;
	if (!d->broken && PQtransactionStatus(d->h) != PQTRANS_IDLE)
		simple(d, "ROLLBACK", NULL);
}

static const char *sql_of(enum yc_stmt id)
{
	return yc_stmt_sql_pg[id] ? yc_stmt_sql_pg[id] : yc_stmt_sql[id];
}

/* Statements whose best plan depends on the values (LIKE patterns for pg_trgm, optional filters):
 * planned anew with their parameters each time instead of once as a generic prepared plan. */
static bool adhoc(enum yc_stmt id)
{
	return id == YC_STMT_SEARCH_TRI || id == YC_STMT_SEARCH_GRAM ||
	       id == YC_STMT_SEARCH_MATTER_LIKE || id == YC_STMT_SYN_MATCH;
}

static enum yc_status pg_query(struct yc_db *db, enum yc_stmt id, const struct yc_param *p, int n,
                               struct yc_rows *r, struct yc_error *e)
{
	struct pg_db *d = (struct pg_db *)db;
	if (!adhoc(id) && !d->prepared[id]) {
		PGresult *res = PQprepare(d->h, yc_stmt_name[id], sql_of(id), 0, NULL);
		enum yc_status st = YC_OK;
		if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
			st = map_result(d, res, e);
		PQclear(res);
		if (st != YC_OK)
			return st;
		d->prepared[id] = true;
	}
	enum { MAXP = 32 };
	if (n > MAXP)
		return yc_fail(e, YC_E_INTERNAL, NULL, "参数过多");
	const char *values[MAXP];
	char ints[MAXP][24];
	for (int i = 0; i < n; i++) {
		switch (p[i].type) {
		case YC_P_INT:
			snprintf(ints[i], sizeof ints[i], "%lld", (long long)p[i].i);
			values[i] = ints[i];
			break;
		case YC_P_TEXT:
			values[i] = p[i].s;
			break;
		default:
			values[i] = NULL;
		}
	}
	PGresult *res = adhoc(id)
	                    ? PQexecParams(d->h, sql_of(id), n, NULL, values, NULL, NULL, 0)
	                    : PQexecPrepared(d->h, yc_stmt_name[id], n, values, NULL, NULL, 0);
	ExecStatusType k = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (k != PGRES_COMMAND_OK && k != PGRES_TUPLES_OK) {
		enum yc_status st = map_result(d, res, e);
		PQclear(res);
		return st;
	}
	r->h = res;
	r->row = 0;
	r->nrows = PQntuples(res);
	const char *ct = PQcmdTuples(res);
	r->changes = ct && ct[0] ? strtoll(ct, NULL, 10) : 0;
	return YC_OK;
}

static int pg_next(struct yc_rows *r)
{
	if (!r->h || r->row >= r->nrows)
		return 0;
	r->row++;
	return r->row < r->nrows ? 1 : 0;
}

static const char *pg_text(struct yc_rows *r, int col)
{
	if (PQgetisnull(r->h, r->row, col))
		return NULL;
	return PQgetvalue(r->h, r->row, col);
}

static int64_t pg_integer(struct yc_rows *r, int col)
{
	const char *t = pg_text(r, col);
	if (!t)
		return 0;
	if (t[0] == 't' && t[1] == '\0')
		return 1;
	return strtoll(t, NULL, 10);
}

static void pg_finish(struct yc_rows *r)
{
	PQclear(r->h);
	r->h = NULL;
}

static enum yc_status pg_script(struct yc_db *db, const char *sql, struct yc_error *e)
{
	return simple((struct pg_db *)db, sql, e);
}

static enum yc_status pg_migration_lock(struct yc_db *db, bool lock, struct yc_error *e)
{
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT pg_advisory_%s(%d)", lock ? "lock" : "unlock",
	         MIGRATION_LOCK_KEY);
	return simple((struct pg_db *)db, sql, e);
}

static enum yc_status pg_reset(struct yc_db *db, struct yc_error *e)
{
	return simple((struct pg_db *)db,
	              "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public", e);
}

/* pg_dump into a temporary file beside the target, then rename. */
static enum yc_status pg_backup(struct yc_store *s, const char *file, struct yc_error *e)
{
	size_t n = strlen(file) + 16;
	char *tmp = malloc(n);
	if (!tmp)
		return yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	snprintf(tmp, n, "%s.tmp-%d", file, (int)getpid());
	char *argv[] = {"pg_dump", "--no-owner", "--format=custom",     "--file",
	                tmp,       "--dbname",   (char *)s->cfg.pg_url, NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "pg_dump", NULL, NULL, argv, environ);
	enum yc_status st = YC_OK;
	if (rc != 0) {
		yc_store_set_detail("cannot run pg_dump: %s", strerror(rc));
		st = yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, "无法运行 pg_dump");
	} else {
		int status = 0;
		while (waitpid(pid, &status, 0) < 0)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			yc_store_set_detail("pg_dump failed with status %d", status);
			st = yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, "pg_dump 备份失败");
		} else if (rename(tmp, file) != 0) {
			st = yc_fail(e, YC_E_BAD_INPUT, "file", "无法写入备份文件");
		}
	}
	if (st != YC_OK)
		unlink(tmp);
	free(tmp);
	return st;
}

const struct yc_backend yc_backend_pg = {
    .kind = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .broken = pg_broken,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .query = pg_query,
    .next = pg_next,
    .text = pg_text,
    .integer = pg_integer,
    .finish = pg_finish,
    .script = pg_script,
    .id_type = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    .migration_lock = pg_migration_lock,
    .backup = pg_backup,
    .reset = pg_reset,
    .epoch_cached = pg_epoch_cached,
    .epoch_raised = pg_epoch_raised,
};

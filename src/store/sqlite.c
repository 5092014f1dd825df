/* sqlite.c — the SQLite backend of the store.
 *
 * One connection per thread (opened by store.c through connect()), WAL journal, foreign keys on,
 * a busy timeout, synchronous=NORMAL. Statements are prepared once per connection with
 * SQLITE_PREPARE_PERSISTENT, their $N parameters rewritten to ?N. Write transactions use
 * BEGIN IMMEDIATE so that the single writer is chosen at the start and no transaction fails late
 * on a lock upgrade; that gives serializable transactions, which the PostgreSQL backend matches. */
#include "backend.h"

#include <pthread.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct sq_db {
	struct yc_db base;
	sqlite3 *h;
	sqlite3_stmt *stmts[YC_STMT_COUNT];
};

static enum yc_status map_rc(sqlite3 *h, int rc, struct yc_error *e)
{
	int prim = rc & 0xff;
	yc_store_set_detail("sqlite: %s (%d)", h ? sqlite3_errmsg(h) : sqlite3_errstr(rc), rc);
	switch (prim) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return yc_fail(e, YC_E_RETRY, NULL, NULL);
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return yc_fail(e, YC_E_BAD_INPUT, NULL, "引用的对象不存在");
		return yc_fail(e, YC_E_CONFLICT, NULL, NULL);
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
	case SQLITE_READONLY:
		return yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, NULL);
	default:
		return yc_fail(e, YC_E_INTERNAL, NULL, "数据库错误");
	}
}

static enum yc_status sq_exec_sql(sqlite3 *h, const char *sql, struct yc_error *e)
{
	char *err = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		enum yc_status st = map_rc(h, rc, e);
		if (err)
			yc_store_set_detail("sqlite: %s", err);
		sqlite3_free(err);
		return st;
	}
	return YC_OK;
}

static enum yc_status sq_open_handle(struct yc_store *s, sqlite3 **out, struct yc_error *e)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(s->cfg.sqlite_path, &h,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
	                             SQLITE_OPEN_EXRESCODE,
	                         NULL);
	if (rc != SQLITE_OK) {
		yc_store_set_detail("sqlite: cannot open %s: %s", s->cfg.sqlite_path,
		                    h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, "无法打开数据库文件");
	}
	sqlite3_extended_result_codes(h, 1);
	sqlite3_busy_timeout(h, s->cfg.busy_timeout_ms);
	char pragmas[256];
	snprintf(pragmas, sizeof pragmas,
	         "PRAGMA foreign_keys = ON; PRAGMA synchronous = %s; PRAGMA temp_store = MEMORY; "
	         "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32768;",
	         s->cfg.synchronous_full ? "FULL" : "NORMAL");
	enum yc_status st = sq_exec_sql(h, pragmas, e);
	if (st != YC_OK) {
		sqlite3_close(h);
		return st;
	}
	*out = h;
	return YC_OK;
}

/* Process-wide settings, before SQLite's first use: no memory statistics (they take a global
 * mutex on every allocation, which the request threads then queue on). */
static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static void sq_global(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static enum yc_status sq_open(struct yc_store *s, struct yc_error *e)
{
	pthread_once(&global_once, sq_global);
	sqlite3 *h;
	enum yc_status st = sq_open_handle(s, &h, e);
	if (st != YC_OK)
		return st;
	/* WAL is a property of the file: set it once. */
	st = sq_exec_sql(h, "PRAGMA journal_mode = WAL;", e);
	sqlite3_close(h);
	return st;
}

static void sq_close(struct yc_store *s)
{
	(void)s;
}

static enum yc_status sq_connect(struct yc_store *s, struct yc_db **out, struct yc_error *e)
{
	struct sq_db *d = calloc(1, sizeof *d);
	if (!d)
		return yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	enum yc_status st = sq_open_handle(s, &d->h, e);
	if (st != YC_OK) {
		free(d);
		return st;
	}
	*out = &d->base;
	return YC_OK;
}

static void sq_disconnect(struct yc_db *db)
{
	struct sq_db *d = (struct sq_db *)db;
	for (int i = 0; i < YC_STMT_COUNT; i++)
		sqlite3_finalize(d->stmts[i]);
	sqlite3_close(d->h);
	free(d);
}

static bool sq_broken(struct yc_db *db)
{
	(void)db;
	return false;
}

static enum yc_status sq_begin(struct yc_db *db, enum yc_tx_mode m, struct yc_error *e)
{
	struct sq_db *d = (struct sq_db *)db;
	return sq_exec_sql(d->h, m == YC_TX_WRITE ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", e);
}

static enum yc_status sq_commit(struct yc_db *db, struct yc_error *e)
{
	struct sq_db *d = (struct sq_db *)db;
	enum yc_status st = sq_exec_sql(d->h, "COMMIT", e);
	if (st != YC_OK && sqlite3_get_autocommit(d->h) == 0)
		sq_exec_sql(d->h, "ROLLBACK", NULL);
	return st;
}

static void sq_rollback(struct yc_db *db)
{
	struct sq_db *d = (struct sq_db *)db;
	if (sqlite3_get_autocommit(d->h) == 0)
		sq_exec_sql(d->h, "ROLLBACK", NULL);
}

/* $N -> ?N outside string literals. */
static char *rewrite_params(const char *sql)
{
	size_t len = strlen(sql);
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	bool quoted = false;
	for (size_t i = 0; i <= len; i++) {
		char c = sql[i];
		if (c == '\'')
			quoted = !quoted;
		out[i] = (!quoted && c == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9') ? '?' : c;
	}
	return out;
}

static sqlite3_stmt *prepared(struct sq_db *d, enum yc_stmt id, struct yc_error *e)
{
	if (d->stmts[id])
		return d->stmts[id];
	char *sql = rewrite_params(yc_stmt_sql[id]);
	if (!sql) {
		yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
		return NULL;
	}
	int rc = sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &d->stmts[id], NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		map_rc(d->h, rc, e);
		yc_store_set_detail("sqlite: prepare %s: %s", yc_stmt_name[id],
		                    sqlite3_errmsg(d->h));
		yc_fail(e, YC_E_INTERNAL, NULL, "数据库错误");
		return NULL;
	}
	return d->stmts[id];
}

static int sq_step(struct yc_rows *r, struct yc_error *e, enum yc_status *st)
{
	struct sq_db *d = (struct sq_db *)r->db;
	int rc = sqlite3_step(r->h);
	if (rc == SQLITE_ROW) {
		r->nrows = r->row + 1;
		return 1;
	}
	if (rc == SQLITE_DONE) {
		r->changes = sqlite3_changes64(d->h);
		r->nrows = r->row; /* no current row */
		return 0;
	}
	*st = map_rc(d->h, rc, e);
	return -1;
}

static enum yc_status sq_query(struct yc_db *db, enum yc_stmt id, const struct yc_param *p, int n,
                               struct yc_rows *r, struct yc_error *e)
{
	struct sq_db *d = (struct sq_db *)db;
	sqlite3_stmt *stmt = prepared(d, id, e);
	if (!stmt)
		return e ? e->status : YC_E_INTERNAL;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	for (int i = 0; i < n; i++) {
		int rc;
		switch (p[i].type) {
		case YC_P_INT:
			rc = sqlite3_bind_int64(stmt, i + 1, p[i].i);
			break;
		case YC_P_TEXT:
			rc = sqlite3_bind_text(stmt, i + 1, p[i].s, -1, SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(stmt, i + 1);
		}
		if (rc != SQLITE_OK)
			return map_rc(d->h, rc, e);
	}
	r->h = stmt;
	r->row = 0;
	enum yc_status st = YC_OK;
	if (sq_step(r, e, &st) < 0) {
		sqlite3_reset(stmt);
		r->h = NULL;
		return st;
	}
	return YC_OK;
}

static int sq_next(struct yc_rows *r)
{
	if (!r->h || r->row >= r->nrows)
		return 0;
	r->row++;
	enum yc_status st = YC_OK;
	int k = sq_step(r, NULL, &st);
	return k == 1 ? 1 : 0;
}

static const char *sq_text(struct yc_rows *r, int col)
{
	return (const char *)sqlite3_column_text(r->h, col);
}

static int64_t sq_integer(struct yc_rows *r, int col)
{
	return sqlite3_column_int64(r->h, col);
}

static void sq_finish(struct yc_rows *r)
{
	if (r->h) {
		sqlite3_reset(r->h);
		sqlite3_clear_bindings(r->h);
	}
}

static enum yc_status sq_script(struct yc_db *db, const char *sql, struct yc_error *e)
{
	return sq_exec_sql(((struct sq_db *)db)->h, sql, e);
}

/* Online backup into a temporary file beside the target, then rename: readers of `file` never
 * see a half-written copy. step(-1) copies every page inside one read transaction, so WAL writers
 * go on meanwhile and the copy is consistent. */
static enum yc_status sq_backup(struct yc_store *s, const char *file, struct yc_error *e)
{
	sqlite3 *src = NULL, *dst = NULL;
	enum yc_status st = sq_open_handle(s, &src, e);
	if (st != YC_OK)
		return st;
	size_t n = strlen(file) + 16;
	char *tmp = malloc(n);
	if (!tmp) {
		sqlite3_close(src);
		return yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	}
	snprintf(tmp, n, "%s.tmp-%d", file, (int)getpid());
	unlink(tmp);
	int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		yc_store_set_detail("sqlite: cannot create %s", tmp);
		st = yc_fail(e, YC_E_BAD_INPUT, "file", "无法创建备份文件");
		goto out;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		st = map_rc(dst, sqlite3_errcode(dst), e);
		goto out;
	}
	for (int tries = 0;; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_DONE)
			break;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 100) {
			sqlite3_sleep(50);
			continue;
		}
		break;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		st = map_rc(dst, rc, e);
		goto out;
	}
	st = sq_exec_sql(dst, "PRAGMA journal_mode = DELETE;", e);
	if (st != YC_OK)
		goto out;
	sqlite3_close(dst);
	dst = NULL;
	if (rename(tmp, file) != 0) {
		yc_store_set_detail("rename %s -> %s failed", tmp, file);
		st = yc_fail(e, YC_E_BAD_INPUT, "file", "无法写入备份文件");
	}
out:
	if (dst)
		sqlite3_close(dst);
	if (st != YC_OK)
		unlink(tmp);
	sqlite3_close(src);
	free(tmp);
	return st;
}

const struct yc_backend yc_backend_sqlite = {
    .kind = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .connect = sq_connect,
    .disconnect = sq_disconnect,
    .broken = sq_broken,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .query = sq_query,
    .next = sq_next,
    .text = sq_text,
    .integer = sq_integer,
    .finish = sq_finish,
    .script = sq_script,
    .id_type = "INTEGER PRIMARY KEY",
    .migration_lock = NULL,
    .backup = sq_backup,
    .reset = NULL,
};

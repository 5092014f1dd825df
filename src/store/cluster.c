/* cluster.c — what nodes share through the database: idempotency keys and job claims. */
#include "backend.h"

#include <string.h>

enum yc_status yc_idem_begin(struct yc_db *db, struct yc_arena *a, int64_t user_id, const char *key,
                             const char *route, const char *request_hash, int64_t now,
                             struct yc_idem *out, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(user_id), PT(key), PT(route), PT(request_hash), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_IDEM_INSERT, p, NPARAM(p), &n, e);
	if (st != YC_OK)
		return st;
	memset(out, 0, sizeof *out);
	if (n == 1) {
		out->state = YC_IDEM_NEW;
		return YC_OK;
	}
	struct yc_rows r;
	st = q_run(db, YC_STMT_IDEM_GET, p, 2, &r, e);
	if (st != YC_OK)
		return st;
	if (!q_has_row(&r)) { /* deleted between the two statements: treat as running */
		out->state = YC_IDEM_RUNNING;
	} else if (strcmp(q_text(&r, 0), route) != 0 || strcmp(q_text(&r, 1), request_hash) != 0) {
		out->state = YC_IDEM_MISMATCH;
	} else if (!q_text(&r, 2)) {
		out->state = YC_IDEM_RUNNING;
	} else {
		out->state = YC_IDEM_REPLAY;
		out->status = (int)q_int(&r, 2);
		out->response = q_str(&r, 3, a);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_idem_finish(struct yc_db *db, int64_t user_id, const char *key, int status,
                              const char *response, struct yc_error *e)
{
	struct yc_param p[] = {PI(user_id), PT(key), PI(status), PT(response)};
	return q_exec(db, YC_STMT_IDEM_DONE, p, NPARAM(p), NULL, e);
}

enum yc_status yc_idem_forget(struct yc_db *db, int64_t user_id, const char *key,
                              struct yc_error *e)
{
	struct yc_param p[] = {PI(user_id), PT(key)};
	return q_exec(db, YC_STMT_IDEM_DELETE, p, NPARAM(p), NULL, e);
}

enum yc_status yc_idem_prune(struct yc_db *db, int64_t before, int64_t *n, struct yc_error *e)
{
	struct yc_param p[] = {PI(before)};
	return q_exec(db, YC_STMT_IDEM_PRUNE, p, 1, n, e);
}

enum yc_status yc_job_claim(struct yc_db *db, struct yc_arena *a, int64_t now, const char *node,
                            struct yc_job *out, bool *found, bool *fresh, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(now)};
	enum yc_status st = q_run(db, YC_STMT_JOB_CLAIM, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	*found = q_has_row(&r);
	if (*found) {
		out->name = q_str(&r, 0, a);
		out->every = q_int(&r, 1);
		out->slot = q_int(&r, 2);
	}
	q_done(&r);
	*fresh = false;
	if (!*found)
		return YC_OK;
	int64_t n = 0;
	struct yc_param run[] = {PT(out->name), PI(out->slot), PT(node), PI(now)};
	st = q_exec(db, YC_STMT_JOB_RUN_INSERT, run, NPARAM(run), &n, e);
	*fresh = n == 1;
	return st;
}

enum yc_status yc_job_finish(struct yc_db *db, const struct yc_job *j, int64_t now,
                             const char *node, int64_t affected, struct yc_error *e)
{
	struct yc_param run[] = {PT(j->name), PI(j->slot), PI(affected)};
	enum yc_status st = q_exec(db, YC_STMT_JOB_RUN_DONE, run, NPARAM(run), NULL, e);
	if (st != YC_OK)
		return st;
	int64_t next = j->slot + j->every;
	if (next <= now)
		next = now + j->every;
	struct yc_param p[] = {PT(j->name), PI(next), PI(now), PT(node)};
	return q_exec(db, YC_STMT_JOB_DONE, p, NPARAM(p), NULL, e);
}

/* credit.c — credit records (诚信档案) in the store. */
#include "backend.h"

#include <string.h>

static void read_credit(struct yc_rows *r, struct yc_arena *a, struct yc_credit_row *c)
{
	c->id = q_int(r, 0);
	c->subject_id = q_str(r, 1, a);
	c->subject_name = q_str(r, 2, a);
	c->kind = q_str(r, 3, a);
	c->source = q_str(r, 4, a);
	c->reason = q_str(r, 5, a);
	c->region = q_str(r, 6, a);
	c->case_id = q_int(r, 7);
	c->starts_at = q_int(r, 8);
	c->expires_at = q_int(r, 9);
	c->created_by = q_int(r, 10);
	c->created_at = q_int(r, 11);
	c->revoked_at = q_int(r, 12);
	c->revoke_reason = q_str(r, 13, a);
}

enum yc_status yc_credit_insert(struct yc_db *db, const struct yc_credit_row *c, int64_t *id,
                                struct yc_error *e)
{
	struct yc_param p[] = {PT(c->subject_id), PT(c->subject_name), PT(c->kind),
	                       PT(c->source),     PT(c->reason),       PT(c->region),
	                       PI(c->case_id),    PI(c->starts_at),    PI(c->expires_at),
	                       PI(c->created_by), PI(c->created_at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_CREDIT_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK && id)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	return st;
}

static enum yc_status one(struct yc_db *db, struct yc_arena *a, enum yc_stmt id,
                          const struct yc_param *p, int n, struct yc_credit_row *out, bool *found,
                          struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, n, &r, e);
	if (st == YC_OK) {
		*found = q_has_row(&r);
		if (*found)
			read_credit(&r, a, out);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_credit_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                             struct yc_credit_row *out, struct yc_error *e)
{
	bool found = false;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = one(db, a, YC_STMT_CREDIT_GET, p, 1, out, &found, e);
	return st == YC_OK && !found ? yc_fail(e, YC_E_NOT_FOUND, NULL, "信用记录不存在") : st;
}

enum yc_status yc_credit_live(struct yc_db *db, struct yc_arena *a, const char *subject,
                              int64_t now, struct yc_credit_row *out, bool *found,
                              struct yc_error *e)
{
	struct yc_param p[] = {PT(subject), PI(now)};
	return one(db, a, YC_STMT_CREDIT_LIVE, p, NPARAM(p), out, found, e);
}

enum yc_status yc_credit_list(struct yc_db *db, struct yc_arena *a, const char *subject,
                              const char *region, const struct yc_page *pg,
                              struct yc_credit_row **rows, int64_t *n, int64_t *total,
                              struct yc_error *e)
{
	char prefix[13] = "";
	yc_region_prefix(region, prefix);
	const char *upper = yc_printf(a, "%s:", prefix);
	struct yc_param c[] = {PT(subject), PT(prefix), PT(upper)};
	enum yc_status st = q_int1(db, YC_STMT_CREDIT_COUNT, c, NPARAM(c), total, e);
	if (st != YC_OK)
		return st;
	struct yc_param p[] = {PT(subject), PT(prefix), PT(upper), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_CREDIT_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	*rows = yc_alloc(a, sizeof **rows * (size_t)(pg->per_page + 1));
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r))
		read_credit(&r, a, &(*rows)[(*n)++]);
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_credit_revoke(struct yc_db *db, int64_t id, int64_t by, const char *reason,
                                int64_t now, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PI(now), PI(by), PT(reason)};
	enum yc_status st = q_exec(db, YC_STMT_CREDIT_REVOKE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "该信用记录已撤销");
	return st;
}

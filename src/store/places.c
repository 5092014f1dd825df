/* places.c — regions (GB/T 2260) and departments in the store. */
#include "backend.h"

#include <string.h>

/* A LIKE pattern matching any text that contains q, with % _ and \ escaped; NULL for no filter. */
char *yc_like_contains(struct yc_arena *a, const char *q)
{
	if (!q || !q[0])
		return NULL;
	size_t n = strlen(q);
	char *out = yc_alloc(a, n * 2 + 3), *w = out;
	*w++ = '%';
	for (size_t i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			*w++ = '\\';
		*w++ = q[i];
	}
	*w++ = '%';
	*w = '\0';
	return out;
}

static void read_region(struct yc_rows *r, struct yc_arena *a, struct yc_region *out)
{
	out->code = q_str(r, 0, a);
	out->name = q_str(r, 1, a);
	out->parent = q_str(r, 2, a);
	out->level = q_str(r, 3, a);
}

enum yc_status yc_region_insert(struct yc_db *db, const struct yc_region *r, int64_t now,
                                struct yc_error *e)
{
	struct yc_param p[] = {PT(r->code), PT(r->name), PT(r->parent), PT(r->level), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_REGION_INSERT, p, NPARAM(p), NULL, e);
	if (st == YC_E_CONFLICT)
		return yc_fail(e, st, "code", "该行政区划代码已存在");
	if (st == YC_E_BAD_INPUT)
		return yc_fail(e, st, "parent", "上级行政区划不存在");
	return st;
}

enum yc_status yc_region_get(struct yc_db *db, struct yc_arena *a, const char *code,
                             struct yc_region *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(code)};
	enum yc_status st = q_run(db, YC_STMT_REGION_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_region(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "行政区划不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_region_rename(struct yc_db *db, const char *code, const char *name, int64_t now,
                                struct yc_error *e)
{
	yc_store_touch(db); /* names appear in public answers */
	int64_t n = 0;
	struct yc_param p[] = {PT(code), PT(name), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_REGION_RENAME, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "行政区划不存在");
	return st;
}

enum yc_status yc_region_list(struct yc_db *db, struct yc_arena *a, const char *parent,
                              const char *q, const struct yc_page *pg, struct yc_region **items,
                              int64_t *n, int64_t *total, struct yc_error *e)
{
	char *like = yc_like_contains(a, q);
	struct yc_param p[] = {PT(parent), PT(like), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_REGION_COUNT, p, 2, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	st = q_run(db, YC_STMT_REGION_LIST, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	*items = yc_alloc(a, sizeof **items * (size_t)pg->per_page);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r))
		read_region(&r, a, &(*items)[(*n)++]);
	q_done(&r);
	return YC_OK;
}

static void read_dept(struct yc_rows *r, struct yc_arena *a, struct yc_dept *out)
{
	out->code = q_str(r, 0, a);
	out->name = q_str(r, 1, a);
	out->region = q_str(r, 2, a);
	out->region_name = q_str(r, 3, a);
	out->sector = q_str(r, 4, a);
}

enum yc_status yc_dept_insert(struct yc_db *db, const struct yc_dept *d, int64_t now,
                              struct yc_error *e)
{
	struct yc_param p[] = {PT(d->code), PT(d->name), PT(d->region), PT(d->sector), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_DEPT_INSERT, p, NPARAM(p), NULL, e);
	if (st == YC_E_CONFLICT)
		return yc_fail(e, st, "code", "该统一社会信用代码的部门已存在");
	if (st == YC_E_BAD_INPUT)
		return yc_fail(e, st, "region", "行政区划不存在");
	return st;
}

enum yc_status yc_dept_get(struct yc_db *db, struct yc_arena *a, const char *code,
                           struct yc_dept *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(code)};
	enum yc_status st = q_run(db, YC_STMT_DEPT_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_dept(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "部门不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_dept_update(struct yc_db *db, const struct yc_dept *d, int64_t now,
                              struct yc_error *e)
{
	yc_store_touch(db); /* names appear in public answers */
	int64_t n = 0;
	struct yc_param p[] = {PT(d->code), PT(d->name), PT(d->sector), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_DEPT_UPDATE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "部门不存在");
	return st;
}

enum yc_status yc_dept_list(struct yc_db *db, struct yc_arena *a, const char *region, const char *q,
                            const struct yc_page *pg, struct yc_dept **items, int64_t *n,
                            int64_t *total, struct yc_error *e)
{
	char prefix[13] = "";
	int plen = region ? yc_region_prefix(region, prefix) : 0;
	char *like = yc_like_contains(a, q);
	struct yc_param p[] = {PT(plen ? prefix : NULL), PI(plen), PT(like), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_DEPT_COUNT, p, 3, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	st = q_run(db, YC_STMT_DEPT_LIST, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	*items = yc_alloc(a, sizeof **items * (size_t)pg->per_page);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r))
		read_dept(&r, a, &(*items)[(*n)++]);
	q_done(&r);
	return YC_OK;
}

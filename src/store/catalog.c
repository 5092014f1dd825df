/* catalog.c — items and matters with their versions in the store.
 *
 * A published matter version is never updated: every UPDATE of a version's document is guarded by
 * state = 'draft', and publishing flips a draft to published in the same transaction that
 * supersedes the previous one. */
#include "backend.h"

#include <string.h>

static void read_item(struct yc_rows *r, struct yc_arena *a, struct yc_item_row *x)
{
	x->code = q_str(r, 0, a);
	x->name = q_str(r, 1, a);
	x->dept = q_str(r, 2, a);
	x->dept_name = q_str(r, 3, a);
	x->region = q_str(r, 4, a);
	x->region_name = q_str(r, 5, a);
	x->version = q_int(r, 6);
	x->state = q_str(r, 7, a);
	x->doc = q_str(r, 8, a);
}

enum yc_status yc_item_insert(struct yc_db *db, const char *code, const char *basic,
                              const char *type, const char *main_no, const char *sub_no,
                              const char *region12, const char *body, const char *name,
                              const char *dept, const char *region, const char *doc, int64_t now,
                              struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param p[] = {PT(code), PT(basic), PT(type), PT(main_no), PT(sub_no), PT(region12),
	                       PT(body), PT(name),  PT(dept), PT(region),  PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_ITEM_INSERT, p, NPARAM(p), NULL, e);
	if (st == YC_E_CONFLICT)
		return yc_fail(e, st, "code", "该实施编码的事项已存在（编码不可重复使用）");
	if (st == YC_E_BAD_INPUT)
		return yc_fail(e, st, "dept", "部门或行政区划不存在");
	if (st != YC_OK)
		return st;
	struct yc_param v[] = {PT(code), PI(1), PT(doc), PI(now)};
	return q_exec(db, YC_STMT_ITEM_VERSION_INSERT, v, NPARAM(v), NULL, e);
}

enum yc_status yc_item_get(struct yc_db *db, struct yc_arena *a, const char *code, int64_t version,
                           struct yc_item_row *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(code), PI(version)};
	enum yc_status st = version ? q_run(db, YC_STMT_ITEM_GET_VERSION, p, 2, &r, e)
	                            : q_run(db, YC_STMT_ITEM_GET, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	if (q_has_row(&r))
		read_item(&r, a, out);
	else
		st = yc_fail(e, YC_E_NOT_FOUND, NULL, "事项不存在");
	q_done(&r);
	return st;
}

enum yc_status yc_item_list(struct yc_db *db, struct yc_arena *a, const struct yc_item_filter *f,
                            const struct yc_page *pg, struct yc_item_row **items, int64_t *n,
                            int64_t *total, struct yc_error *e)
{
	char prefix[13] = "";
	int plen = f->region ? yc_region_prefix(f->region, prefix) : 0;
	char *like = yc_like_contains(a, f->q);
	struct yc_param p[] = {
	    PT(f->dept),      PT(plen ? prefix : NULL),         PI(plen), PT(like), PT(f->state),
	    PI(pg->per_page), PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_ITEM_COUNT, p, 5, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_ITEM_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	*items = yc_alloc(a, sizeof **items * (size_t)pg->per_page);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r))
		read_item(&r, a, &(*items)[(*n)++]);
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_counter_next(struct yc_db *db, const char *name, int64_t *value,
                               struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(name)};
	enum yc_status st = q_run(db, YC_STMT_COUNTER_NEXT, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	if (q_has_row(&r))
		*value = q_int(&r, 0);
	else
		st = yc_fail(e, YC_E_INTERNAL, NULL, "编码计数器缺失");
	q_done(&r);
	return st;
}

enum yc_status yc_counter_raise(struct yc_db *db, const char *name, int64_t used,
                                struct yc_error *e)
{
	struct yc_param p[] = {PT(name), PI(used + 1)};
	return q_exec(db, YC_STMT_COUNTER_RAISE, p, NPARAM(p), NULL, e);
}

enum yc_status yc_matter_insert(struct yc_db *db, const char *code, const char *basic, int64_t seq,
                                const char *region, const char *name, const char *audience,
                                const char *theme, const char *lead_dept, int64_t promised_days,
                                const char *doc, int64_t now, struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param p[] = {PT(code), PT(basic),    PI(seq),   PT(region),
	                       PT(name), PT(audience), PT(theme), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_MATTER_INSERT, p, NPARAM(p), NULL, e);
	if (st == YC_E_CONFLICT)
		return yc_fail(e, st, "code", "该一件事编码已存在（编码不可重复使用）");
	if (st == YC_E_BAD_INPUT)
		return yc_fail(e, st, "region", "行政区划不存在");
	if (st != YC_OK)
		return st;
	struct yc_param v[] = {PT(code),  PI(1),         PT(doc),           PT(name), PT(audience),
	                       PT(theme), PT(lead_dept), PI(promised_days), PI(now)};
	return q_exec(db, YC_STMT_MV_INSERT, v, NPARAM(v), NULL, e);
}

enum yc_status yc_matter_get(struct yc_db *db, struct yc_arena *a, const char *code,
                             struct yc_matter_row *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(code)};
	enum yc_status st = q_run(db, YC_STMT_MATTER_GET, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	if (q_has_row(&r)) {
		out->code = q_str(&r, 0, a);
		out->name = q_str(&r, 1, a);
		out->audience = q_str(&r, 2, a);
		out->theme = q_str(&r, 3, a);
		out->region = q_str(&r, 4, a);
		out->state = q_str(&r, 5, a);
		out->published_version = q_int(&r, 6);
		out->draft_version = q_int(&r, 7);
		out->needs_revision = q_int(&r, 8) != 0;
		out->revision_note = q_str(&r, 9, a);
		out->updated_at = q_int(&r, 10);
		out->seq = q_int(&r, 11);
	} else {
		st = yc_fail(e, YC_E_NOT_FOUND, NULL, "一件事不存在");
	}
	q_done(&r);
	return st;
}

static void read_version(struct yc_rows *r, struct yc_arena *a, struct yc_matter_version *v)
{
	v->code = q_str(r, 0, a);
	v->version = q_int(r, 1);
	v->state = q_str(r, 2, a);
	v->doc = q_str(r, 3, a);
	v->items = q_str(r, 4, a);
	v->published_at = q_int(r, 5);
	v->created_at = q_int(r, 6);
}

enum yc_status yc_matter_version_get(struct yc_db *db, struct yc_arena *a, const char *code,
                                     int64_t version, struct yc_matter_version *out,
                                     struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(code), PI(version)};
	enum yc_status st = q_run(db, YC_STMT_MV_GET, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	if (q_has_row(&r))
		read_version(&r, a, out);
	else
		st = yc_fail(e, YC_E_NOT_FOUND, NULL, "该版本不存在");
	q_done(&r);
	return st;
}

enum yc_status yc_matter_versions(struct yc_db *db, struct yc_arena *a, const char *code,
                                  struct yc_matter_version **items, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(code)};
	enum yc_status st = q_run(db, YC_STMT_MV_LIST, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 8;
	*items = yc_alloc(a, sizeof **items * (size_t)cap);
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		if (*n == cap) {
			struct yc_matter_version *nv = yc_alloc(a, sizeof *nv * (size_t)cap * 2);
			memcpy(nv, *items, sizeof *nv * (size_t)cap);
			*items = nv;
			cap *= 2;
		}
		struct yc_matter_version *v = &(*items)[(*n)++];
		v->code = code;
		v->version = q_int(&r, 0);
		v->state = q_str(&r, 1, a);
		v->published_at = q_int(&r, 2);
		v->created_at = q_int(&r, 3);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_matter_update_draft(struct yc_db *db, const char *code, int64_t version,
                                      const char *name, const char *audience, const char *theme,
                                      const char *lead_dept, int64_t promised_days, const char *doc,
                                      int64_t now, struct yc_error *e)
{
	yc_store_touch(db);
	int64_t n = 0;
	struct yc_param p[] = {PT(code),  PI(version),   PT(doc),           PT(name), PT(audience),
	                       PT(theme), PT(lead_dept), PI(promised_days), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_MV_UPDATE_DRAFT, p, NPARAM(p), &n, e);
	if (st != YC_OK)
		return st;
	if (n == 0)
		return yc_fail(e, YC_E_CONFLICT, "version", "该版本不是草稿：已发布的版本不可修改");
	struct yc_param m[] = {PT(code), PT(name), PT(audience), PT(theme), PI(now)};
	return q_exec(db, YC_STMT_MATTER_RENAME, m, NPARAM(m), NULL, e);
}

enum yc_status yc_matter_new_draft(struct yc_db *db, const char *code, int64_t version,
                                   const char *name, const char *audience, const char *theme,
                                   const char *lead_dept, int64_t promised_days, const char *doc,
                                   int64_t now, struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param v[] = {PT(code),  PI(version),   PT(doc),           PT(name), PT(audience),
	                       PT(theme), PT(lead_dept), PI(promised_days), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_MV_INSERT, v, NPARAM(v), NULL, e);
	if (st == YC_E_CONFLICT)
		return yc_fail(e, YC_E_RETRY, NULL, NULL);
	if (st != YC_OK)
		return st;
	struct yc_param m[] = {PT(code), PI(version), PI(now)};
	return q_exec(db, YC_STMT_MATTER_SET_DRAFT, m, NPARAM(m), NULL, e);
}

enum yc_status yc_matter_publish(struct yc_db *db, const char *code, int64_t version,
                                 const char *items, int64_t now, struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param s[] = {PT(code), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_MV_SUPERSEDE, s, NPARAM(s), NULL, e);
	if (st != YC_OK)
		return st;
	int64_t n = 0;
	struct yc_param p[] = {PT(code), PI(version), PT(items), PI(now)};
	if ((st = q_exec(db, YC_STMT_MV_PUBLISH, p, NPARAM(p), &n, e)) != YC_OK)
		return st;
	if (n == 0)
		return yc_fail(e, YC_E_CONFLICT, "version", "该版本不是草稿，不能发布");
	struct yc_param m[] = {PT(code), PI(version), PI(now)};
	return q_exec(db, YC_STMT_MATTER_SET_PUBLISHED, m, NPARAM(m), NULL, e);
}

enum yc_status yc_matter_abolish(struct yc_db *db, const char *code, int64_t now,
                                 struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param p[] = {PT(code), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_MV_ABOLISH, p, NPARAM(p), NULL, e);
	if (st != YC_OK)
		return st;
	return q_exec(db, YC_STMT_MATTER_ABOLISH, p, NPARAM(p), NULL, e);
}

enum yc_status yc_matter_public_list(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_matter_filter *f, const struct yc_page *pg,
                                     struct yc_matter_summary **items, int64_t *n, int64_t *total,
                                     struct yc_error *e)
{
	char prefix[13] = "";
	int plen = f->region ? yc_region_prefix(f->region, prefix) : 0;
	char *like = yc_like_contains(a, f->q);
	struct yc_param p[] = {PT(f->audience),
	                       PT(f->theme),
	                       PT(plen ? prefix : NULL),
	                       PI(plen),
	                       PT(like),
	                       PT(f->lead_dept),
	                       PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_MATTER_PUBLIC_COUNT, p, 6, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_MATTER_PUBLIC_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	*items = yc_alloc(a, sizeof **items * (size_t)pg->per_page);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r)) {
		struct yc_matter_summary *m = &(*items)[(*n)++];
		m->code = q_str(&r, 0, a);
		m->name = q_str(&r, 1, a);
		m->audience = q_str(&r, 2, a);
		m->theme = q_str(&r, 3, a);
		m->region = q_str(&r, 4, a);
		m->region_name = q_str(&r, 5, a);
		m->lead_dept = q_str(&r, 6, a);
		m->lead_dept_name = q_str(&r, 7, a);
		m->promised_days = q_int(&r, 8);
		m->items = q_str(&r, 9, a);
		m->version = q_int(&r, 10);
		m->published_at = q_int(&r, 11);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_matter_admin_list(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_matter_filter *f, const struct yc_page *pg,
                                    struct yc_matter_row **items, int64_t *n, int64_t *total,
                                    struct yc_error *e)
{
	char prefix[13] = "";
	int plen = f->region ? yc_region_prefix(f->region, prefix) : 0;
	char *like = yc_like_contains(a, f->q);
	struct yc_param p[] = {PT(f->state), PT(like),         PT(plen ? prefix : NULL),
	                       PI(plen),     PI(pg->per_page), PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_MATTER_ADMIN_COUNT, p, 4, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_MATTER_ADMIN_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	*items = yc_alloc(a, sizeof **items * (size_t)pg->per_page);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r)) {
		struct yc_matter_row *m = &(*items)[(*n)++];
		m->code = q_str(&r, 0, a);
		m->name = q_str(&r, 1, a);
		m->state = q_str(&r, 2, a);
		m->published_version = q_int(&r, 3);
		m->draft_version = q_int(&r, 4);
		m->needs_revision = q_int(&r, 5) != 0;
		m->updated_at = q_int(&r, 6);
		m->region = q_str(&r, 7, a);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_synonym_list(struct yc_db *db, struct yc_arena *a, struct yc_synonym **items,
                               int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_SYN_LIST, NULL, 0, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 64;
	*items = yc_alloc(a, sizeof **items * (size_t)cap);
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		if (*n == cap) {
			struct yc_synonym *nv = yc_alloc(a, sizeof *nv * (size_t)cap * 2);
			memcpy(nv, *items, sizeof *nv * (size_t)cap);
			*items = nv;
			cap *= 2;
		}
		(*items)[*n].term = q_str(&r, 0, a);
		(*items)[*n].target = q_str(&r, 1, a);
		(*n)++;
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_synonym_put(struct yc_db *db, const char *term, const char *target, int64_t now,
                              struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param p[] = {PT(term), PT(target), PI(now)};
	return q_exec(db, YC_STMT_SYN_PUT, p, NPARAM(p), NULL, e);
}

enum yc_status yc_synonym_delete(struct yc_db *db, const char *term, struct yc_error *e)
{
	yc_store_touch(db);
	int64_t n = 0;
	struct yc_param p[] = {PT(term)};
	enum yc_status st = q_exec(db, YC_STMT_SYN_DELETE, p, 1, &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "同义词不存在");
	return st;
}

/* forms.c — versions of the one merged form (一次表单) of a matter in the store. */
#include "backend.h"

#include <string.h>

static void read_form(struct yc_rows *r, struct yc_arena *a, struct yc_form_row *f)
{
	f->id = q_int(r, 0);
	f->matter_code = q_str(r, 1, a);
	f->matter_version = q_int(r, 2);
	f->version = q_int(r, 3);
	f->state = q_str(r, 4, a);
	f->content = q_str(r, 5, a);
	f->note = q_str(r, 6, a);
	f->created_by = q_int(r, 7);
	f->created_at = q_int(r, 8);
	f->updated_at = q_int(r, 9);
	f->published_at = q_int(r, 10);
}

enum yc_status yc_form_insert(struct yc_db *db, const char *matter, int64_t matter_version,
                              const char *content, int64_t by, int64_t now, int64_t *id,
                              int64_t *version, struct yc_error *e)
{
	struct yc_param m[] = {PT(matter)};
	enum yc_status st = q_int1(db, YC_STMT_FORM_MAX_VERSION, m, 1, version, e);
	if (st != YC_OK)
		return st;
	(*version)++;
	struct yc_param p[] = {PT(matter), PI(matter_version), PI(*version), PT(content), PI(by),
	                       PI(now)};
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_FORM_INSERT, p, NPARAM(p), &r, e)) == YC_OK)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	/* two admins compiling at once drew the same version: the transaction is retried */
	return st == YC_E_CONFLICT ? yc_fail(e, YC_E_RETRY, NULL, NULL) : st;
}

static enum yc_status one(struct yc_db *db, struct yc_arena *a, enum yc_stmt id,
                          const struct yc_param *p, int n, struct yc_form_row *out, bool *found,
                          struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, n, &r, e);
	if (st == YC_OK) {
		*found = q_has_row(&r);
		if (*found)
			read_form(&r, a, out);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_form_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                           struct yc_form_row *out, struct yc_error *e)
{
	bool found = false;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = one(db, a, YC_STMT_FORM_GET, p, 1, out, &found, e);
	if (st == YC_OK && !found)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "表单不存在");
	return st;
}

enum yc_status yc_form_published(struct yc_db *db, struct yc_arena *a, const char *matter,
                                 int64_t matter_version, struct yc_form_row *out, bool *found,
                                 struct yc_error *e)
{
	struct yc_param p[] = {PT(matter), PI(matter_version)};
	return one(db, a, YC_STMT_FORM_PUBLISHED, p, NPARAM(p), out, found, e);
}

enum yc_status yc_form_list(struct yc_db *db, struct yc_arena *a, const char *matter,
                            struct yc_form_row **rows, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(matter)};
	enum yc_status st = q_run(db, YC_STMT_FORM_LIST, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 16;
	*rows = yc_alloc(a, sizeof **rows * (size_t)cap);
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		if (*n == cap) {
			struct yc_form_row *nv = yc_alloc(a, sizeof *nv * (size_t)(cap * 2));
			memcpy(nv, *rows, sizeof *nv * (size_t)cap);
			*rows = nv;
			cap *= 2;
		}
		read_form(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_form_set_state(struct yc_db *db, const struct yc_form_row *f, const char *from,
                                 const char *to, const char *note, int64_t now, struct yc_error *e)
{
	yc_store_touch(db); /* the published form version is part of the public situation */
	enum yc_status st;
	if (strcmp(to, "published") == 0) {
		struct yc_param s[] = {PT(f->matter_code), PI(now)};
		if ((st = q_exec(db, YC_STMT_FORM_SUPERSEDE, s, NPARAM(s), NULL, e)) != YC_OK)
			return st;
	}
	int64_t n = 0;
	struct yc_param p[] = {PI(f->id), PT(from), PT(to), PT(note), PI(now)};
	st = q_exec(db, YC_STMT_FORM_SET_STATE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "state", "表单当前状态不允许此操作");
	return st;
}

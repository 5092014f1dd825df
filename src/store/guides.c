/* guides.c — service guide versions, department comments, readers' feedback and catalog changes
 * in the store. */
#include "backend.h"

#include <string.h>

static enum yc_status insert_id(struct yc_db *db, enum yc_stmt id, const struct yc_param *p, int n,
                                int64_t *out, struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, n, &r, e);
	if (st == YC_OK)
		*out = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	return st;
}

static void read_guide(struct yc_rows *r, struct yc_arena *a, struct yc_guide_row *g)
{
	g->id = q_int(r, 0);
	g->matter_code = q_str(r, 1, a);
	g->matter_version = q_int(r, 2);
	g->version = q_int(r, 3);
	g->state = q_str(r, 4, a);
	g->overlay = q_str(r, 5, a);
	g->content = q_str(r, 6, a);
	g->needs_revision = q_int(r, 7) != 0;
	g->created_at = q_int(r, 8);
	g->published_at = q_int(r, 9);
}

enum yc_status yc_guide_insert(struct yc_db *db, const char *matter, int64_t matter_version,
                               int64_t version, const char *overlay, int64_t now, int64_t *id,
                               struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param p[] = {PT(matter), PI(matter_version), PI(version), PT(overlay), PI(now)};
	enum yc_status st = insert_id(db, YC_STMT_GUIDE_INSERT, p, NPARAM(p), id, e);
	return st == YC_E_CONFLICT ? yc_fail(e, YC_E_RETRY, NULL, NULL) : st;
}

enum yc_status yc_guide_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                            struct yc_guide_row *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_GUIDE_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_guide(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "服务指南不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_guide_list(struct yc_db *db, struct yc_arena *a, const char *matter,
                             struct yc_guide_row **rows, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(matter)};
	enum yc_status st = q_run(db, YC_STMT_GUIDE_LIST, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_guide(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_guide_counts(struct yc_db *db, const char *matter, int64_t *max_version,
                               int64_t *open, struct yc_error *e)
{
	struct yc_param p[] = {PT(matter)};
	enum yc_status st = q_int1(db, YC_STMT_GUIDE_MAX_VERSION, p, 1, max_version, e);
	if (st == YC_OK)
		st = q_int1(db, YC_STMT_GUIDE_OPEN_COUNT, p, 1, open, e);
	return st;
}

enum yc_status yc_guide_published(struct yc_db *db, struct yc_arena *a, const char *matter,
                                  int64_t matter_version, struct yc_guide_row *out, bool *found,
                                  struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(matter), PI(matter_version)};
	enum yc_status st = q_run(db, YC_STMT_GUIDE_PUBLISHED, p, NPARAM(p), &r, e);
	if (st == YC_OK) {
		*found = q_has_row(&r);
		if (*found)
			read_guide(&r, a, out);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_guide_set_overlay(struct yc_db *db, int64_t id, const char *overlay, int64_t now,
                                    struct yc_error *e)
{
	yc_store_touch(db);
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PT(overlay), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_GUIDE_SET_OVERLAY, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "只有编写中的服务指南可以修改");
	return st;
}

enum yc_status yc_guide_set_state(struct yc_db *db, int64_t id, const char *from, const char *to,
                                  int64_t now, struct yc_error *e)
{
	yc_store_touch(db);
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PT(from), PT(to), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_GUIDE_SET_STATE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "服务指南当前状态不允许此操作");
	return st;
}

enum yc_status yc_guide_publish(struct yc_db *db, int64_t id, const char *matter,
                                const char *content, int64_t now, struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param s[] = {PT(matter), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_GUIDE_SUPERSEDE, s, NPARAM(s), NULL, e);
	if (st != YC_OK)
		return st;
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PT(content), PI(now)};
	if ((st = q_exec(db, YC_STMT_GUIDE_PUBLISH, p, NPARAM(p), &n, e)) != YC_OK)
		return st;
	if (n == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "只有征求意见中的服务指南可以发布");
	return YC_OK;
}

enum yc_status yc_guide_flag(struct yc_db *db, const char *matter, int64_t now, struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param p[] = {PT(matter), PI(now)};
	return q_exec(db, YC_STMT_GUIDE_FLAG, p, NPARAM(p), NULL, e);
}

enum yc_status yc_guide_dept_add(struct yc_db *db, int64_t id, const char *dept, struct yc_error *e)
{
	struct yc_param p[] = {PI(id), PT(dept)};
	return q_exec(db, YC_STMT_GUIDE_DEPT_ADD, p, NPARAM(p), NULL, e);
}

enum yc_status yc_guide_depts(struct yc_db *db, struct yc_arena *a, int64_t id,
                              struct yc_guide_dept **v, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_GUIDE_DEPTS, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*v = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*v = yc_grow(a, *v, *n, &cap, sizeof **v);
		struct yc_guide_dept *d = &(*v)[(*n)++];
		d->dept = q_str(&r, 0, a);
		d->name = q_str(&r, 1, a);
		d->comments = q_int(&r, 2);
	}
	q_done(&r);
	return YC_OK;
}

static void read_comment(struct yc_rows *r, struct yc_arena *a, struct yc_guide_comment *c)
{
	c->id = q_int(r, 0);
	c->dept = q_str(r, 1, a);
	c->dept_name = q_str(r, 2, a);
	c->text = q_str(r, 3, a);
	c->reply = q_str(r, 4, a);
	c->state = q_str(r, 5, a);
	c->created_at = q_int(r, 6);
	c->guide_id = q_int(r, 7);
}

enum yc_status yc_gcomment_insert(struct yc_db *db, int64_t guide, const char *dept, int64_t author,
                                  const char *text, int64_t now, int64_t *id, struct yc_error *e)
{
	struct yc_param p[] = {PI(guide), PT(dept), PI(author), PT(text), PI(now)};
	return insert_id(db, YC_STMT_GCOMMENT_INSERT, p, NPARAM(p), id, e);
}

enum yc_status yc_gcomment_list(struct yc_db *db, struct yc_arena *a, int64_t guide,
                                struct yc_guide_comment **v, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(guide)};
	enum yc_status st = q_run(db, YC_STMT_GCOMMENT_LIST, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*v = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*v = yc_grow(a, *v, *n, &cap, sizeof **v);
		read_comment(&r, a, &(*v)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_gcomment_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                               struct yc_guide_comment *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_GCOMMENT_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_comment(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "意见不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_gcomment_answer(struct yc_db *db, int64_t id, const char *reply,
                                  const char *state, int64_t now, struct yc_error *e)
{
	struct yc_param p[] = {PI(id), PT(reply), PT(state), PI(now)};
	return q_exec(db, YC_STMT_GCOMMENT_ANSWER, p, NPARAM(p), NULL, e);
}

static void read_feedback(struct yc_rows *r, struct yc_arena *a, struct yc_feedback *f)
{
	f->id = q_int(r, 0);
	f->matter = q_str(r, 1, a);
	f->matter_name = q_str(r, 2, a);
	f->text = q_str(r, 3, a);
	f->contact = q_str(r, 4, a);
	f->state = q_str(r, 5, a);
	f->note = q_str(r, 6, a);
	f->created_at = q_int(r, 7);
	f->closed_at = q_int(r, 8);
	f->region = q_str(r, 9, a);
}

enum yc_status yc_feedback_insert(struct yc_db *db, const char *matter, const char *text,
                                  const char *contact, int64_t now, int64_t *id, struct yc_error *e)
{
	struct yc_param p[] = {PT(matter), PT(text), PT(contact), PI(now)};
	return insert_id(db, YC_STMT_FEEDBACK_INSERT, p, NPARAM(p), id, e);
}

enum yc_status yc_feedback_list(struct yc_db *db, struct yc_arena *a, const char *state,
                                const char *region, const struct yc_page *pg,
                                struct yc_feedback **v, int64_t *n, int64_t *total,
                                struct yc_error *e)
{
	char prefix[13] = "";
	int plen = region ? yc_region_prefix(region, prefix) : 0;
	struct yc_param p[] = {PT(state), PT(plen ? prefix : NULL), PI(plen), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_FEEDBACK_COUNT, p, 3, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_FEEDBACK_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	int64_t cap = 0;
	*v = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*v = yc_grow(a, *v, *n, &cap, sizeof **v);
		read_feedback(&r, a, &(*v)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_feedback_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                               struct yc_feedback *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_FEEDBACK_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_feedback(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "反馈不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_feedback_close(struct yc_db *db, int64_t id, const char *note, int64_t now,
                                 int64_t by, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PT(note), PI(now), PI(by)};
	enum yc_status st = q_exec(db, YC_STMT_FEEDBACK_CLOSE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "该反馈已处理");
	return st;
}

static void read_change(struct yc_rows *r, struct yc_arena *a, struct yc_change *c)
{
	c->id = q_int(r, 0);
	c->item = q_str(r, 1, a);
	c->item_name = q_str(r, 2, a);
	c->dept = q_str(r, 3, a);
	c->dept_name = q_str(r, 4, a);
	c->region = q_str(r, 5, a);
	c->kind = q_str(r, 6, a);
	c->basis = q_str(r, 7, a);
	c->proposal = q_str(r, 8, a);
	c->state = q_str(r, 9, a);
	c->reason = q_str(r, 10, a);
	c->diff = q_str(r, 11, a);
	c->affected = q_str(r, 12, a);
	c->new_version = q_int(r, 13);
	c->created_at = q_int(r, 14);
	c->decided_at = q_int(r, 15);
}

enum yc_status yc_change_insert(struct yc_db *db, const struct yc_change *c, int64_t by,
                                int64_t now, int64_t *id, struct yc_error *e)
{
	struct yc_param p[] = {PT(c->item),  PT(c->dept),     PT(c->region), PT(c->kind),
	                       PT(c->basis), PT(c->proposal), PI(by),        PI(now)};
	return insert_id(db, YC_STMT_CHANGE_INSERT, p, NPARAM(p), id, e);
}

enum yc_status yc_change_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                             struct yc_change *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_CHANGE_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_change(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "调整申请不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_change_list(struct yc_db *db, struct yc_arena *a, const char *state,
                              const char *dept, const char *region, const struct yc_page *pg,
                              struct yc_change **v, int64_t *n, int64_t *total, struct yc_error *e)
{
	char prefix[13] = "";
	int plen = region ? yc_region_prefix(region, prefix) : 0;
	struct yc_param p[] = {PT(state), PT(dept),         PT(plen ? prefix : NULL),
	                       PI(plen),  PI(pg->per_page), PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_CHANGE_COUNT, p, 4, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_CHANGE_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	int64_t cap = 0;
	*v = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*v = yc_grow(a, *v, *n, &cap, sizeof **v);
		read_change(&r, a, &(*v)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_change_decide(struct yc_db *db, int64_t id, const char *state, const char *reason,
                                const char *diff, const char *affected, int64_t new_version,
                                int64_t by, int64_t now, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id),       PT(state),       PT(reason), PT(diff),
	                       PT(affected), PI(new_version), PI(by),     PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_CHANGE_DECIDE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "该调整申请已经处理过");
	return st;
}

enum yc_status yc_item_new_version(struct yc_db *db, const char *code, int64_t version,
                                   const char *name, const char *doc, int64_t now,
                                   struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param v[] = {PT(code), PI(version), PT(doc), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_ITEM_VERSION_INSERT, v, NPARAM(v), NULL, e);
	if (st == YC_E_CONFLICT)
		return yc_fail(e, YC_E_RETRY, NULL, NULL);
	if (st != YC_OK)
		return st;
	struct yc_param p[] = {PT(code), PI(version), PT(name), PI(now)};
	return q_exec(db, YC_STMT_ITEM_NEW_VERSION, p, NPARAM(p), NULL, e);
}

enum yc_status yc_item_abolish(struct yc_db *db, const char *code, int64_t now, struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param p[] = {PT(code), PI(now)};
	return q_exec(db, YC_STMT_ITEM_ABOLISH, p, NPARAM(p), NULL, e);
}

enum yc_status yc_matters_using(struct yc_db *db, struct yc_arena *a, const char *item,
                                struct yc_code_name **v, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(yc_printf(a, "%%\"%s\"%%", item))};
	enum yc_status st = q_run(db, YC_STMT_MATTERS_USING, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*v = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*v = yc_grow(a, *v, *n, &cap, sizeof **v);
		(*v)[*n].code = q_str(&r, 0, a);
		(*v)[*n].name = q_str(&r, 1, a);
		(*n)++;
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_matter_flag(struct yc_db *db, const char *code, const char *note, int64_t now,
                              struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_param p[] = {PT(code), PT(note), PI(now)};
	return q_exec(db, YC_STMT_MATTER_FLAG, p, NPARAM(p), NULL, e);
}

/* catalog.c — the catalog kept by admins: items, matters and their lifecycle (draft → published →
 * revised → published again → abolished). Every write is checked against the admin's region, runs
 * in one transaction through src/app and is in the audit log. */
#include "http.h"

#include "../app/app.h"
#include "../core/codes.h"

#include <stdlib.h>
#include <string.h>

/* Render collected problems beside the error. */
static enum yc_status reject(struct yc_req *r, struct yc_problems *p, enum yc_status st,
                             struct yc_error *e)
{
	(void)e;
	return yc_reply_problems(r, p, st);
}

static enum yc_status in_scope(struct yc_req *r, const char *region, struct yc_error *e)
{
	if (region && yc_policy_scope(r->principal, region, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, "region", "超出本账号的区划范围");
	return YC_OK;
}

/* A region named in a document must be a region code before its scope is judged (a malformed
 * code is bad input, not a foreign region). A missing one is reported by the document check. */
static enum yc_status region_format(const char *region, struct yc_error *e)
{
	if (region && yc_region_level(region, strlen(region)) == YC_REGION_INVALID)
		return yc_fail(e, YC_E_BAD_INPUT, "region", "行政区划代码无效（GB/T 2260）");
	return YC_OK;
}

/* ---- items ---- */

struct items_ctx {
	struct yc_req *r;
	struct yc_item_filter f;
	struct yc_page pg;
	struct yc_item_row *rows;
	int64_t n, total;
	struct yc_problems p;
	struct yc_item_row row;
};

static enum yc_status items_list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct items_ctx *c = vctx;
	return yc_item_list(db, c->r->a, &c->f, &c->pg, &c->rows, &c->n, &c->total, e);
}

enum yc_status yc_h_items_list(struct yc_req *r, struct yc_error *e)
{
	struct items_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st != YC_OK)
		return st;
	c.f.dept = yc_query(r, "dept");
	c.f.q = yc_query(r, "q");
	static const char *const states[] = {"active", "abolished", NULL};
	if ((st = yc_query_oneof(r, "state", states, &c.f.state, e)) != YC_OK ||
	    (st = yc_query_scope(r, &c.f.region, NULL, e)) != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, items_list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++)
		json_array_append_new(items, yc_item_view(&c.rows[i]));
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

static enum yc_status items_create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct items_ctx *c = vctx;
	struct yc_actor who = yc_actor_of(c->r);
	yc_problems_init(&c->p, c->r->a);
	enum yc_status st =
	    yc_app_item_create(db, c->r->a, &who, c->r->now, c->r->json, "", &c->p, e);
	if (st != YC_OK)
		return st;
	const char *code = json_string_value(json_object_get(c->r->json, "code"));
	return yc_item_get(db, c->r->a, code, 0, &c->row, e);
}

enum yc_status yc_h_items_create(struct yc_req *r, struct yc_error *e)
{
	struct items_ctx c = {.r = r};
	const char *region = json_string_value(json_object_get(r->json, "region"));
	enum yc_status st = region_format(region, e);
	if (st == YC_OK)
		st = in_scope(r, region, e);
	if (st != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_WRITE, items_create_tx, &c, e);
	if (st != YC_OK)
		return reject(r, &c.p, st, e);
	return yc_reply_json(r, 201, json_pack("{s:o}", "item", yc_item_view(&c.row)));
}

/* ---- matters ---- */

struct m_ctx {
	struct yc_req *r;
	struct yc_problems p;
	const char *code;
	int64_t version;
	json_t *out;
	struct yc_matter_filter f;
	struct yc_page pg;
	struct yc_matter_row *rows;
	int64_t n, total;
};

static enum yc_status view_tx(struct yc_db *db, struct m_ctx *c, struct yc_error *e)
{
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, c->r->a, c->code, c->version, &l, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "matter", yc_matter_view(c->r, db, &l));
	yc_app_matter_unload(&l);
	return st;
}

/* The matter's region must be within the admin's scope. */
static enum yc_status matter_scope(struct yc_db *db, struct m_ctx *c, struct yc_matter_row *row,
                                   struct yc_error *e)
{
	enum yc_status st = yc_matter_get(db, c->r->a, c->code, row, e);
	if (st != YC_OK)
		return st;
	return in_scope(c->r, row->region, e);
}

static enum yc_status admin_list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct m_ctx *c = vctx;
	return yc_matter_admin_list(db, c->r->a, &c->f, &c->pg, &c->rows, &c->n, &c->total, e);
}

enum yc_status yc_h_admin_matters(struct yc_req *r, struct yc_error *e)
{
	struct m_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st != YC_OK)
		return st;
	static const char *const states[] = {"draft", "published", "abolished", NULL};
	c.f.q = yc_query(r, "q");
	if ((st = yc_query_oneof(r, "state", states, &c.f.state, e)) != YC_OK ||
	    (st = yc_query_scope(r, &c.f.region, NULL, e)) != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, admin_list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++) {
		const struct yc_matter_row *m = &c.rows[i];
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:o}", "code", m->code, "name",
		              m->name, "state", m->state, "region", m->region, "published_version",
		              m->published_version ? json_integer(m->published_version)
		                                   : json_null(),
		              "draft_version",
		              m->draft_version ? json_integer(m->draft_version) : json_null(),
		              "needs_revision", m->needs_revision, "updated_at",
		              yc_jtime(m->updated_at)));
	}
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

static enum yc_status create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct m_ctx *c = vctx;
	struct yc_actor who = yc_actor_of(c->r);
	yc_problems_init(&c->p, c->r->a);
	enum yc_status st =
	    yc_app_matter_create(db, c->r->a, &who, c->r->now, c->r->json, "", &c->p, &c->code, e);
	if (st != YC_OK)
		return st;
	c->version = 1;
	return view_tx(db, c, e);
}

enum yc_status yc_h_matters_create(struct yc_req *r, struct yc_error *e)
{
	struct m_ctx c = {.r = r};
	if (json_object_get(r->json, "code"))
		return yc_fail(e, YC_E_BAD_INPUT, "code", "一件事编码由系统分配，新建时不能指定");
	const char *region = json_string_value(json_object_get(r->json, "region"));
	enum yc_status st = region_format(region, e);
	if (st == YC_OK)
		st = in_scope(r, region, e);
	if (st != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, create_tx, &c, e)) != YC_OK)
		return reject(r, &c.p, st, e);
	return yc_reply_json(r, 201, c.out);
}

/* Every operation on one existing matter: load it, check the admin's scope on its region, then
 * the operation itself, in one transaction; answer c.out with `status`, or the problems. */
typedef enum yc_status (*matter_op)(struct yc_db *db, struct m_ctx *c,
                                    const struct yc_matter_row *row, struct yc_error *e);
struct scoped {
	struct m_ctx c;
	matter_op op;
};

static enum yc_status scoped_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct scoped *s = vctx;
	struct yc_matter_row row;
	enum yc_status st = matter_scope(db, &s->c, &row, e);
	return st == YC_OK ? s->op(db, &s->c, &row, e) : st;
}

static enum yc_status on_matter(struct yc_req *r, enum yc_tx_mode mode, matter_op op,
                                int64_t version, int status, struct yc_error *e)
{
	struct scoped s = {.c = {.r = r, .code = r->params[0], .version = version}, .op = op};
	enum yc_status st = yc_store_tx(r->store, mode, scoped_tx, &s, e);
	if (st != YC_OK)
		return reject(r, &s.c.p, st, e);
	return yc_reply_json(r, status, s.c.out);
}

static enum yc_status versions_op(struct yc_db *db, struct m_ctx *c,
                                  const struct yc_matter_row *row, struct yc_error *e)
{
	struct yc_matter_version *v;
	int64_t n;
	enum yc_status st = yc_matter_versions(db, c->r->a, c->code, &v, &n, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(
		    items, json_pack("{s:I, s:s, s:o, s:o}", "version", (json_int_t)v[i].version,
		                     "state", v[i].state, "published_at",
		                     v[i].published_at ? yc_jtime(v[i].published_at) : json_null(),
		                     "created_at", yc_jtime(v[i].created_at)));
	c->out = json_pack("{s:o, s:s}", "items", items, "state", row->state);
	return YC_OK;
}

static enum yc_status version_op(struct yc_db *db, struct m_ctx *c, const struct yc_matter_row *row,
                                 struct yc_error *e)
{
	(void)row;
	return view_tx(db, c, e);
}

static enum yc_status draft_op(struct yc_db *db, struct m_ctx *c, const struct yc_matter_row *row,
                               struct yc_error *e)
{
	struct yc_actor who = yc_actor_of(c->r);
	yc_problems_init(&c->p, c->r->a);
	enum yc_status st =
	    yc_app_matter_update_draft(db, c->r->a, &who, c->r->now, c->code, c->r->json, &c->p, e);
	if (st != YC_OK)
		return st;
	c->version = row->draft_version;
	return view_tx(db, c, e);
}

static enum yc_status publish_op(struct yc_db *db, struct m_ctx *c, const struct yc_matter_row *row,
                                 struct yc_error *e)
{
	(void)row;
	struct yc_actor who = yc_actor_of(c->r);
	yc_problems_init(&c->p, c->r->a);
	enum yc_status st =
	    yc_app_matter_publish(db, c->r->a, &who, c->r->now, c->code, c->version, &c->p, e);
	return st == YC_OK ? view_tx(db, c, e) : st;
}

static enum yc_status revise_op(struct yc_db *db, struct m_ctx *c, const struct yc_matter_row *row,
                                struct yc_error *e)
{
	(void)row;
	struct yc_actor who = yc_actor_of(c->r);
	enum yc_status st =
	    yc_app_matter_revise(db, c->r->a, &who, c->r->now, c->code, &c->version, e);
	return st == YC_OK ? view_tx(db, c, e) : st;
}

static enum yc_status abolish_op(struct yc_db *db, struct m_ctx *c, const struct yc_matter_row *row,
                                 struct yc_error *e)
{
	(void)row;
	struct yc_actor who = yc_actor_of(c->r);
	enum yc_status st = yc_app_matter_abolish(db, c->r->a, &who, c->r->now, c->code, e);
	if (st == YC_OK)
		c->out =
		    json_pack("{s:{s:s, s:s}}", "matter", "code", c->code, "state", "abolished");
	return st;
}

enum yc_status yc_h_matter_versions(struct yc_req *r, struct yc_error *e)
{
	return on_matter(r, YC_TX_READ, versions_op, 0, 200, e);
}

enum yc_status yc_h_matter_version(struct yc_req *r, struct yc_error *e)
{
	int64_t version;
	enum yc_status st = yc_param_id(r, 1, &version, e);
	return st == YC_OK ? on_matter(r, YC_TX_READ, version_op, version, 200, e) : st;
}

enum yc_status yc_h_matter_draft(struct yc_req *r, struct yc_error *e)
{
	return on_matter(r, YC_TX_WRITE, draft_op, 0, 200, e);
}

enum yc_status yc_h_matter_publish(struct yc_req *r, struct yc_error *e)
{
	int64_t version = 0;
	const struct yc_field f[] = {{"version", YC_F_INT, true, &version, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 1, e);
	if (st != YC_OK)
		return st;
	if (version < 1)
		return yc_fail(e, YC_E_BAD_INPUT, "version", "版本号应为正整数");
	return on_matter(r, YC_TX_WRITE, publish_op, version, 200, e);
}

/* The static check of an interview (the body's "interview", else the version's own) and of the
 * version's merged form: 200 with {"ok", "problems", "report"} — a report, not a rejection, so
 * that the editor can show it while the admin works. */
static enum yc_status check_op(struct yc_db *db, struct m_ctx *c, const struct yc_matter_row *row,
                               struct yc_error *e)
{
	int64_t version = c->version           ? c->version
	                  : row->draft_version ? row->draft_version
	                                       : row->published_version;
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, c->r->a, c->code, version, &l, e);
	if (st == YC_OK) {
		yc_problems_init(&c->p, c->r->a);
		const json_t *def = json_object_get(c->r->json, "interview");
		if (!def)
			def = l.m.interview;
		json_t *rep = NULL;
		if (def && !json_is_object(def))
			yc_problem_add(&c->p, "interview", "应为对象（问题、情形规则）");
		else
			rep = yc_app_situation_check(&l, def, c->r->a, &c->p);
		json_t *list = yc_problems_json(&c->p);
		c->out = json_pack("{s:b, s:I, s:o, s:o}", "ok", c->p.n == 0, "version",
		                   (json_int_t)version, "problems", list, "report",
		                   rep ? rep : json_null());
	}
	yc_app_matter_unload(&l);
	return st;
}

enum yc_status yc_h_matter_interview_check(struct yc_req *r, struct yc_error *e)
{
	int64_t version = 0;
	json_t *def = NULL;
	const struct yc_field f[] = {{"version", YC_F_INT, false, &version, NULL},
	                             {"interview", YC_F_OBJECT, false, &def, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK)
		return st;
	if (json_object_get(r->json, "version") && version < 1)
		return yc_fail(e, YC_E_BAD_INPUT, "version", "版本号应为正整数");
	return on_matter(r, YC_TX_READ, check_op, version, 200, e);
}

enum yc_status yc_h_matter_revise(struct yc_req *r, struct yc_error *e)
{
	return on_matter(r, YC_TX_WRITE, revise_op, 0, 201, e);
}

enum yc_status yc_h_matter_abolish(struct yc_req *r, struct yc_error *e)
{
	return on_matter(r, YC_TX_WRITE, abolish_op, 0, 200, e);
}

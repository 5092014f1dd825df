/* portal.c — the public catalog: search, themes, matters, their guides, items. No login. */
#include "http.h"

#include "../app/app.h"
#include "../core/codes.h"
#include "../core/guide.h"
#include "../core/situation.h"
#include "../core/text.h"

#include <stdlib.h>
#include <string.h>

static const char *const match_names[] = {"exact", "prefix", "contains", "synonym", "pinyin"};

static const char *const audiences[] = {"person", "company", NULL};

struct search_ctx {
	struct yc_req *r;
	struct yc_search_query q;
	struct yc_page pg;
	struct yc_search_hit *hits;
	int64_t n, total;
};

static enum yc_status search_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct search_ctx *c = vctx;
	return yc_app_search(db, c->r->a, &c->q, c->pg.page, c->pg.per_page, &c->hits, &c->n,
	                     &c->total, e);
}

enum yc_status yc_h_search(struct yc_req *r, struct yc_error *e)
{
	struct search_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st != YC_OK)
		return st;
	const char *q = yc_query(r, "q");
	if (!q)
		return yc_fail(e, YC_E_BAD_INPUT, "q", "请输入要搜索的内容");
	if ((st = yc_text_check(q, strlen(q), 1, 100, false, "q", e)) != YC_OK)
		return yc_fail(e, st, "q", "搜索内容应为 1 至 100 个字，且不含控制字符");
	c.q.q = q;
	c.q.theme = yc_query(r, "theme");
	c.q.dept = yc_query(r, "dept");
	if ((st = yc_query_oneof(r, "audience", audiences, &c.q.audience, e)) != YC_OK ||
	    (st = yc_query_region(r, "region", &c.q.region, e)) != YC_OK)
		return st;
	/* the node's in-memory copy at the epoch the answer is kept under, else a read of the store
	 */
	bool done = false;
	if (r->catalog_epoch > 0)
		yc_app_search_copy(r->catalog_epoch, r->a, &c.q, c.pg.page, c.pg.per_page, &c.hits,
		                   &c.n, &c.total, &done);
	if (!done && (st = yc_store_tx(r->store, YC_TX_READ_EACH, search_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++) {
		const struct yc_search_hit *h = &c.hits[i];
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s}", "kind", h->kind,
		              "code", h->code, "name", h->name, "audience", yc_jstr(h->audience),
		              "theme", yc_jstr(h->theme), "dept", yc_jstr(h->dept), "dept_name",
		              yc_jstr(h->dept_name), "region", yc_jstr(h->region), "region_name",
		              yc_jstr(h->region_name), "match", match_names[h->match]));
	}
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

enum yc_status yc_h_themes(struct yc_req *r, struct yc_error *e)
{
	(void)e;
	static const char *const person[] = {"生育收养", "户籍办理", "教育",     "就业创业",
	                                     "社会保障", "医疗卫生", "住房",     "婚姻登记",
	                                     "退休养老", "身后事",   "交通出行", "其他"};
	static const char *const company[] = {"设立变更", "准营准办", "投资建设", "税费办理",
	                                      "人力资源", "注销退出", "其他"};
	json_t *p = json_array(), *c = json_array();
	for (size_t i = 0; i < sizeof person / sizeof *person; i++)
		json_array_append_new(p, json_string(person[i]));
	for (size_t i = 0; i < sizeof company / sizeof *company; i++)
		json_array_append_new(c, json_string(company[i]));
	return yc_reply_json(r, 200, json_pack("{s:o, s:o}", "person", p, "company", c));
}

struct list_ctx {
	struct yc_req *r;
	struct yc_matter_filter f;
	struct yc_page pg;
	struct yc_matter_summary *items;
	int64_t n, total;
};

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct list_ctx *c = vctx;
	return yc_matter_public_list(db, c->r->a, &c->f, &c->pg, &c->items, &c->n, &c->total, e);
}

enum yc_status yc_h_matters_list(struct yc_req *r, struct yc_error *e)
{
	struct list_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st != YC_OK)
		return st;
	c.f.theme = yc_query(r, "theme");
	c.f.q = yc_query(r, "q");
	c.f.lead_dept = yc_query(r, "dept");
	if ((st = yc_query_oneof(r, "audience", audiences, &c.f.audience, e)) != YC_OK ||
	    (st = yc_query_region(r, "region", &c.f.region, e)) != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++) {
		const struct yc_matter_summary *m = &c.items[i];
		json_t *pinned = m->items ? json_loads(m->items, 0, NULL) : NULL;
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:I, s:I, s:I, s:o}",
		              "code", m->code, "name", m->name, "audience", m->audience, "theme",
		              m->theme, "region", m->region, "region_name", yc_jstr(m->region_name),
		              "lead_dept", yc_jstr(m->lead_dept), "lead_dept_name",
		              yc_jstr(m->lead_dept_name), "promised_days",
		              (json_int_t)m->promised_days, "items",
		              (json_int_t)(pinned ? json_array_size(pinned) : 0), "version",
		              (json_int_t)m->version, "published_at", yc_jtime(m->published_at)));
		json_decref(pinned);
	}
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

/* The matter as the portal and the admin pages show it (api-catalog.md MATTER_VIEW). */
json_t *yc_matter_view(struct yc_req *r, struct yc_db *db, struct yc_matter_loaded *l)
{
	json_t *v = json_deep_copy(l->doc);
	json_object_set_new(v, "version", json_integer(l->ver.version));
	json_object_set_new(v, "state", json_string(l->ver.state));
	json_object_set_new(v, "matter_state", json_string(l->row.state));
	json_object_set_new(v, "published_at",
	                    l->ver.published_at ? yc_jtime(l->ver.published_at) : json_null());
	json_object_set_new(v, "needs_revision", json_boolean(l->row.needs_revision));
	json_object_set_new(v, "revision_note", yc_jstr(l->row.revision_note));
	struct yc_region g;
	struct yc_error e2;
	json_object_set_new(v, "region_name",
	                    yc_region_get(db, r->a, l->row.region, &g, &e2) == YC_OK
	                        ? json_string(g.name)
	                        : json_null());
	json_t *items = json_array();
	int64_t sum_promised = 0, sum_statutory = 0;
	const char *lead_name = NULL;
	for (int i = 0; i < l->m.nitems; i++) {
		const struct yc_item *it = l->items[i];
		if (!it) {
			json_array_append_new(items, json_pack("{s:s, s:b}", "code",
			                                       l->m.items[i] ? l->m.items[i] : "",
			                                       "missing", 1));
			continue;
		}
		const struct yc_item_row *row = &l->item_rows[i];
		sum_promised += it->promised_days;
		sum_statutory += it->statutory_days;
		if (l->m.lead_dept && strcmp(l->m.lead_dept, it->dept) == 0)
			lead_name = row->dept_name;
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:I, s:s, s:s, s:o, s:s, s:o, s:I, s:I, s:o, s:b}", "code",
		              it->code, "version", (json_int_t)it->version, "name", it->name,
		              "type", it->type, "type_name", yc_jstr(yc_item_type_name(it->type)),
		              "dept", it->dept, "dept_name", yc_jstr(row->dept_name),
		              "statutory_days", (json_int_t)it->statutory_days, "promised_days",
		              (json_int_t)it->promised_days, "kind", yc_jstr(it->kind), "abolished",
		              it->abolished));
	}
	json_object_set_new(v, "items", items);
	json_object_set_new(v, "lead_dept_name", yc_jstr(lead_name));
	double rate =
	    sum_promised > 0 ? 1.0 - (double)l->m.promised_days / (double)sum_promised : 0;
	if (rate < 0)
		rate = 0;
	json_object_set_new(v, "compression",
	                    json_pack("{s:i, s:I, s:I, s:I, s:I, s:f}", "items", l->m.nitems,
	                              "items_promised_days", (json_int_t)sum_promised,
	                              "items_statutory_days", (json_int_t)sum_statutory,
	                              "promised_days", (json_int_t)l->m.promised_days, "saved_days",
	                              (json_int_t)(sum_promised - l->m.promised_days), "rate",
	                              (double)(int)(rate * 1000 + 0.5) / 1000));
	/* 情形: the situations the interview proves (items of each, with example answers), and the
	 * reduction of the one form over every item (fields and materials asked once) */
	bool whole = l->m.nitems > 0;
	for (int i = 0; i < l->m.nitems; i++)
		whole = whole && l->items[i];
	if (whole) {
		struct yc_problems p;
		yc_problems_init(&p, r->a);
		json_t *report = yc_app_situation_check(l, l->m.interview, r->a, &p);
		json_t *sits = json_object_get(report, "situations");
		json_object_set_new(
		    v, "situations",
		    json_pack("{s:O, s:O}", "paths",
		              report ? json_object_get(report, "paths") : json_null(), "items",
		              sits ? sits : json_null()));
		json_decref(report);
		struct yc_situation all;
		struct yc_problems fp;
		yc_problems_init(&fp, r->a);
		yc_situation_make(&l->m, (const struct yc_item *const *)l->items, NULL,
		                  yc_app_elements(), r->a, &all, &fp);
		json_t *form = yc_form_json(&all.form);
		json_object_set_new(v, "reduction", json_incref(json_object_get(form, "stats")));
		json_decref(form);
	}
	return v;
}

struct get_ctx {
	struct yc_req *r;
	int64_t version;
	json_t *out;
};

static enum yc_status get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct get_ctx *c = vctx;
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, c->r->a, c->r->params[0], c->version, &l, e);
	if (st == YC_OK) {
		c->out = json_pack("{s:o}", "matter", yc_matter_view(c->r, db, &l));
	}
	yc_app_matter_unload(&l);
	return st;
}

enum yc_status yc_h_matters_get(struct yc_req *r, struct yc_error *e)
{
	struct get_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, get_tx, &c, e);
	if (st != YC_OK)
		return st;
	return yc_reply_json(r, 200, c.out);
}

struct guide_ctx {
	struct yc_req *r;
	json_t *out;
};

/* The public guide: a reviewed and published guide from the database, else the guide generated
 * from the published matter version and its items. (Answers are kept per catalog epoch by the
 * route cache.) */
static enum yc_status guide_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct guide_ctx *c = vctx;
	struct yc_matter_row row;
	enum yc_status st = yc_matter_get(db, c->r->a, c->r->params[0], &row, e);
	if (st != YC_OK)
		return st;
	if (strcmp(row.state, "published") != 0 || !row.published_version)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "该一件事尚未发布或已废止");
	json_t *g = NULL;
	if ((st = yc_public_guide(c->r, db, row.code, row.published_version, &g, e)) != YC_OK)
		return st;
	if (g) {
		c->out = json_pack("{s:o}", "guide", g);
		return YC_OK;
	}
	struct yc_matter_loaded l;
	st = yc_app_matter_load(db, c->r->a, row.code, row.published_version, &l, e);
	for (int i = 0; st == YC_OK && i < l.m.nitems; i++)
		if (!l.items[i])
			st = yc_fail(e, YC_E_INTERNAL, NULL, "一件事引用的事项缺失");
	if (st == YC_OK) {
		g = yc_guide_build(&l.m, l.ver.version, (const struct yc_item *const *)l.items);
		json_object_set_new(g, "published_at", yc_jtime(l.ver.published_at));
		c->out = json_pack("{s:o}", "guide", g);
	}
	yc_app_matter_unload(&l);
	return st;
}

enum yc_status yc_h_matters_guide(struct yc_req *r, struct yc_error *e)
{
	struct guide_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, guide_tx, &c, e);
	if (st != YC_OK)
		return st;
	return yc_reply_json(r, 200, c.out);
}

/* An item as shown: its document plus state, version and names. */
json_t *yc_item_view(const struct yc_item_row *row)
{
	json_t *doc = json_loads(row->doc, 0, NULL);
	if (!doc)
		doc = json_object();
	json_object_set_new(doc, "version", json_integer(row->version));
	json_object_set_new(doc, "state", json_string(row->state));
	json_object_set_new(doc, "dept_name", yc_jstr(row->dept_name));
	json_object_set_new(doc, "region_name", yc_jstr(row->region_name));
	const char *type = json_string_value(json_object_get(doc, "type"));
	json_object_set_new(doc, "type_name", yc_jstr(yc_item_type_name(type)));
	return doc;
}

struct item_ctx {
	struct yc_req *r;
	struct yc_item_row row;
};

static enum yc_status item_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct item_ctx *c = vctx;
	return yc_item_get(db, c->r->a, c->r->params[0], 0, &c->row, e);
}

enum yc_status yc_h_items_get(struct yc_req *r, struct yc_error *e)
{
	struct item_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, item_tx, &c, e);
	if (st != YC_OK)
		return st;
	if (strcmp(c.row.state, "active") != 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "该事项已取消");
	return yc_reply_json(r, 200, json_pack("{s:o}", "item", yc_item_view(&c.row)));
}

struct syn_ctx {
	struct yc_req *r;
	struct yc_synonym *items;
	int64_t n;
	const char *target;
};

static enum yc_status syn_list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct syn_ctx *c = vctx;
	return yc_synonym_list(db, c->r->a, &c->items, &c->n, e);
}

enum yc_status yc_h_synonyms_list(struct yc_req *r, struct yc_error *e)
{
	struct syn_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, syn_list_tx, &c, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++)
		json_array_append_new(items, json_pack("{s:s, s:s}", "term", c.items[i].term,
		                                       "target", c.items[i].target));
	return yc_reply_json(r, 200,
	                     json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)c.n));
}

static enum yc_status syn_put_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct syn_ctx *c = vctx;
	enum yc_status st = yc_synonym_put(db, c->r->params[0], c->target, c->r->now, e);
	if (st != YC_OK)
		return st;
	json_t *after = json_pack("{s:s, s:s}", "term", c->r->params[0], "target", c->target);
	st = yc_audit(c->r, db, "synonym.put", "synonym", c->r->params[0], NULL, NULL, after, e);
	json_decref(after);
	return st;
}

static enum yc_status term_check(struct yc_req *r, struct yc_error *e)
{
	const char *t = r->params[0];
	if (yc_text_check(t, strlen(t), 1, 30, false, "term", e) != YC_OK ||
	    strpbrk(t, "%_\\/ \t") || strstr(t, "\xe3\x80\x80"))
		return yc_fail(e, YC_E_BAD_INPUT, "term",
		               "同义词应为 1 至 30 个字，不含空格和 % _ \\ /");
	return YC_OK;
}

enum yc_status yc_h_synonyms_put(struct yc_req *r, struct yc_error *e)
{
	struct syn_ctx c = {.r = r};
	const struct yc_field f[] = {{"target", YC_F_STRING, true, &c.target, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 1, e);
	if (st != YC_OK || (st = term_check(r, e)) != YC_OK)
		return st;
	if ((st = yc_text_check(c.target, strlen(c.target), 1, 100, false, "target", e)) != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, syn_put_tx, &c, e)) != YC_OK)
		return st;
	return yc_reply_json(
	    r, 200,
	    json_pack("{s:{s:s, s:s}}", "synonym", "term", r->params[0], "target", c.target));
}

static enum yc_status syn_del_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct syn_ctx *c = vctx;
	enum yc_status st = yc_synonym_delete(db, c->r->params[0], e);
	if (st != YC_OK)
		return st;
	return yc_audit(c->r, db, "synonym.delete", "synonym", c->r->params[0], NULL, NULL, NULL,
	                e);
}

enum yc_status yc_h_synonyms_delete(struct yc_req *r, struct yc_error *e)
{
	struct syn_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_WRITE, syn_del_tx, &c, e);
	if (st != YC_OK)
		return st;
	return yc_reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* places.c — regions (GB/T 2260 行政区划) and departments (部门) endpoints. */
#include "http.h"

#include "../core/codes.h"
#include "../core/text.h"

#include <string.h>

static json_t *region_json(const struct yc_region *g)
{
	return json_pack("{s:s, s:s, s:o, s:s}", "code", g->code, "name", g->name, "parent",
	                 yc_jstr(g->parent), "level", g->level ? g->level : "");
}

static json_t *dept_json(const struct yc_dept *d)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o}", "code", d->code, "name", d->name, "region",
	                 d->region, "region_name", yc_jstr(d->region_name), "sector",
	                 yc_jstr(d->sector));
}

/* ---- regions ---- */

struct region_ctx {
	struct yc_req *r;
	struct yc_region g;
	const char *parent, *q;
	struct yc_page pg;
	struct yc_region *items;
	int64_t n, total;
};

static enum yc_status region_list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct region_ctx *c = vctx;
	return yc_region_list(db, c->r->a, c->parent, c->q, &c->pg, &c->items, &c->n, &c->total, e);
}

enum yc_status yc_h_regions_list(struct yc_req *r, struct yc_error *e)
{
	struct region_ctx c = {.r = r, .parent = yc_query(r, "parent"), .q = yc_query(r, "q")};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st != YC_OK)
		return st;
	if (!yc_query(r, "per_page"))
		c.pg.per_page = 200;
	if ((st = yc_query_region(r, "parent", &c.parent, e)) != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, region_list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++)
		json_array_append_new(items, region_json(&c.items[i]));
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

static enum yc_status region_get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct region_ctx *c = vctx;
	return yc_region_get(db, c->r->a, c->r->params[0], &c->g, e);
}

enum yc_status yc_h_regions_get(struct yc_req *r, struct yc_error *e)
{
	struct region_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, region_get_tx, &c, e);
	if (st != YC_OK)
		return st;
	return yc_reply_json(r, 200, json_pack("{s:o}", "region", region_json(&c.g)));
}

static enum yc_status region_create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct region_ctx *c = vctx;
	struct yc_region parent;
	enum yc_status st;
	if (c->g.parent) {
		st = yc_region_get(db, c->r->a, c->g.parent, &parent, e);
		if (st == YC_E_NOT_FOUND)
			return yc_fail(e, YC_E_BAD_INPUT, "parent", "上级行政区划不存在");
		if (st != YC_OK)
			return st;
	}
	if ((st = yc_region_insert(db, &c->g, c->r->now, e)) != YC_OK)
		return st;
	json_t *after = region_json(&c->g);
	st = yc_audit(c->r, db, "region.create", "region", c->g.code, c->g.code, NULL, after, e);
	json_decref(after);
	return st;
}

enum yc_status yc_h_regions_create(struct yc_req *r, struct yc_error *e)
{
	struct region_ctx c = {.r = r};
	const char *code = NULL, *name = NULL, *parent = NULL;
	const struct yc_field f[] = {
	    {"code", YC_F_STRING, true, &code, NULL},
	    {"name", YC_F_STRING, true, &name, NULL},
	    {"parent", YC_F_STRING, false, &parent, NULL},
	};
	enum yc_status st = yc_parse_fields(r, f, 3, e);
	if (st != YC_OK)
		return st;
	enum yc_region_level lv = yc_region_level(code, strlen(code));
	if (lv == YC_REGION_INVALID)
		return yc_fail(e, YC_E_BAD_INPUT, "code",
		               "行政区划代码应为 6 位或 12 位数字（GB/T 2260）");
	if ((st = yc_text_check(name, strlen(name), 1, 50, false, "name", e)) != YC_OK)
		return st;
	char expected[13];
	yc_region_parent(code, strlen(code), expected);
	if (!expected[0] && parent)
		return yc_fail(e, YC_E_BAD_INPUT, "parent", "省级行政区划没有上级");
	if (expected[0] && !parent)
		return yc_fail(e, YC_E_BAD_INPUT, "parent",
		               yc_printf(r->a, "缺少上级行政区划（应为 %s）", expected));
	if (expected[0] && strcmp(parent, expected) != 0)
		return yc_fail(e, YC_E_BAD_INPUT, "parent",
		               yc_printf(r->a, "上级行政区划应为 %s", expected));
	if ((st = yc_policy_scope(r->principal, code, NULL)) != YC_OK)
		return yc_fail(e, st, "code", "不能在本账号区划范围以外新增行政区划");
	c.g = (struct yc_region){
	    .code = code, .name = name, .parent = parent, .level = yc_region_level_name(lv)};
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, region_create_tx, &c, e)) != YC_OK)
		return st;
	return yc_reply_json(r, 201, json_pack("{s:o}", "region", region_json(&c.g)));
}

static enum yc_status region_patch_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct region_ctx *c = vctx;
	struct yc_region old;
	enum yc_status st = yc_region_get(db, c->r->a, c->r->params[0], &old, e);
	if (st != YC_OK)
		return st;
	if ((st = yc_policy_scope(c->r->principal, old.code, NULL)) != YC_OK)
		return yc_fail(e, st, NULL, "不能修改本账号区划范围以外的行政区划");
	if ((st = yc_region_rename(db, old.code, c->g.name, c->r->now, e)) != YC_OK)
		return st;
	c->g = old;
	c->g.name = c->q;
	json_t *before = region_json(&old), *after = region_json(&c->g);
	st = yc_audit(c->r, db, "region.update", "region", old.code, old.code, before, after, e);
	json_decref(before);
	json_decref(after);
	return st;
}

enum yc_status yc_h_regions_patch(struct yc_req *r, struct yc_error *e)
{
	struct region_ctx c = {.r = r};
	const char *name = NULL;
	const struct yc_field f[] = {{"name", YC_F_STRING, true, &name, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 1, e);
	if (st != YC_OK)
		return st;
	if ((st = yc_text_check(name, strlen(name), 1, 50, false, "name", e)) != YC_OK)
		return st;
	c.g.name = name;
	c.q = name;
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, region_patch_tx, &c, e)) != YC_OK)
		return st;
	return yc_reply_json(r, 200, json_pack("{s:o}", "region", region_json(&c.g)));
}

/* ---- departments ---- */

struct dept_ctx {
	struct yc_req *r;
	struct yc_dept d;
	const char *region, *q;
	struct yc_page pg;
	struct yc_dept *items;
	int64_t n, total;
	bool has_name, has_sector;
};

static enum yc_status dept_list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct dept_ctx *c = vctx;
	return yc_dept_list(db, c->r->a, c->region, c->q, &c->pg, &c->items, &c->n, &c->total, e);
}

enum yc_status yc_h_depts_list(struct yc_req *r, struct yc_error *e)
{
	struct dept_ctx c = {.r = r, .region = yc_query(r, "region"), .q = yc_query(r, "q")};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st != YC_OK)
		return st;
	if (!yc_query(r, "per_page"))
		c.pg.per_page = 200;
	if ((st = yc_query_region(r, "region", &c.region, e)) != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, dept_list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++)
		json_array_append_new(items, dept_json(&c.items[i]));
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

static enum yc_status dept_get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct dept_ctx *c = vctx;
	return yc_dept_get(db, c->r->a, c->r->params[0], &c->d, e);
}

enum yc_status yc_h_depts_get(struct yc_req *r, struct yc_error *e)
{
	struct dept_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, dept_get_tx, &c, e);
	if (st != YC_OK)
		return st;
	return yc_reply_json(r, 200, json_pack("{s:o}", "dept", dept_json(&c.d)));
}

static enum yc_status dept_create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct dept_ctx *c = vctx;
	struct yc_region g;
	enum yc_status st = yc_region_get(db, c->r->a, c->d.region, &g, e);
	if (st == YC_E_NOT_FOUND)
		return yc_fail(e, YC_E_BAD_INPUT, "region", "行政区划不存在");
	if (st != YC_OK)
		return st;
	c->d.region_name = g.name;
	if ((st = yc_dept_insert(db, &c->d, c->r->now, e)) != YC_OK)
		return st;
	json_t *after = dept_json(&c->d);
	st = yc_audit(c->r, db, "dept.create", "dept", c->d.code, c->d.region, NULL, after, e);
	json_decref(after);
	return st;
}

enum yc_status yc_h_depts_create(struct yc_req *r, struct yc_error *e)
{
	struct dept_ctx c = {.r = r};
	const char *code = NULL, *name = NULL, *region = NULL, *sector = NULL;
	const struct yc_field f[] = {
	    {"code", YC_F_STRING, true, &code, NULL},
	    {"name", YC_F_STRING, true, &name, NULL},
	    {"region", YC_F_STRING, true, &region, NULL},
	    {"sector", YC_F_STRING, false, &sector, NULL},
	};
	enum yc_status st = yc_parse_fields(r, f, 4, e);
	if (st != YC_OK)
		return st;
	enum yc_code_check cc = yc_credit_code_check(code, strlen(code));
	if (cc != YC_CODE_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "code",
		               yc_printf(r->a, "统一社会信用代码无效：%s", yc_code_reason_zh(cc)));
	if ((st = yc_text_check(name, strlen(name), 1, 100, false, "name", e)) != YC_OK ||
	    (sector && (st = yc_text_check(sector, strlen(sector), 1, 50, false, "sector", e))))
		return st;
	if (yc_region_level(region, strlen(region)) == YC_REGION_INVALID)
		return yc_fail(e, YC_E_BAD_INPUT, "region", "行政区划代码无效");
	if ((st = yc_policy_scope(r->principal, region, NULL)) != YC_OK)
		return yc_fail(e, st, "region", "不能在本账号区划范围以外新增部门");
	c.d = (struct yc_dept){.code = code, .name = name, .region = region, .sector = sector};
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, dept_create_tx, &c, e)) != YC_OK)
		return st;
	return yc_reply_json(r, 201, json_pack("{s:o}", "dept", dept_json(&c.d)));
}

static enum yc_status dept_patch_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct dept_ctx *c = vctx;
	struct yc_dept old;
	enum yc_status st = yc_dept_get(db, c->r->a, c->r->params[0], &old, e);
	if (st != YC_OK)
		return st;
	if ((st = yc_policy_scope(c->r->principal, old.region, NULL)) != YC_OK)
		return yc_fail(e, st, NULL, "不能修改本账号区划范围以外的部门");
	struct yc_dept nd = old;
	if (c->has_name)
		nd.name = c->d.name;
	if (c->has_sector)
		nd.sector = c->d.sector;
	if ((st = yc_dept_update(db, &nd, c->r->now, e)) != YC_OK)
		return st;
	json_t *before = dept_json(&old), *after = dept_json(&nd);
	st = yc_audit(c->r, db, "dept.update", "dept", old.code, old.region, before, after, e);
	json_decref(before);
	json_decref(after);
	c->d = nd;
	return st;
}

enum yc_status yc_h_depts_patch(struct yc_req *r, struct yc_error *e)
{
	struct dept_ctx c = {.r = r};
	const struct yc_field f[] = {
	    {"name", YC_F_STRING, false, &c.d.name, &c.has_name},
	    {"sector", YC_F_STRING, false, &c.d.sector, &c.has_sector},
	};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK)
		return st;
	if (!c.has_name && !c.has_sector)
		return yc_fail(e, YC_E_BAD_INPUT, NULL, "没有要修改的字段（name 或 sector）");
	if ((c.has_name &&
	     (st = yc_text_check(c.d.name, strlen(c.d.name), 1, 100, false, "name", e))) ||
	    (c.has_sector &&
	     (st = yc_text_check(c.d.sector, strlen(c.d.sector), 1, 50, false, "sector", e))))
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, dept_patch_tx, &c, e)) != YC_OK)
		return st;
	return yc_reply_json(r, 200, json_pack("{s:o}", "dept", dept_json(&c.d)));
}

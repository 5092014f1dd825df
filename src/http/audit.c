/* audit.c — writing audit rows for requests, and the audit endpoints. */
#include "http.h"

#include "../core/codes.h"
#include "../core/text.h"

#include <string.h>

enum yc_status yc_audit(struct yc_req *r, struct yc_db *db, const char *action, const char *entity,
                        const char *entity_id, const char *region, const json_t *before,
                        const json_t *after, struct yc_error *e)
{
	const struct yc_principal *p = r->principal;
	struct yc_audit_entry row = {
	    .at = r->now,
	    .actor_id = p ? p->user_id : 0,
	    .actor_username = p ? p->username : NULL,
	    .actor_role = p ? yc_role_name(p->role) : "anonymous",
	    .action = action,
	    .entity = entity,
	    .entity_id = entity_id,
	    .region = region,
	    .before = yc_json_text(r->a, before),
	    .after = yc_json_text(r->a, after),
	};
	return yc_audit_append(db, &row, e);
}

static json_t *parse_or_null(const char *s)
{
	if (!s)
		return json_null();
	json_t *v = json_loads(s, JSON_DECODE_ANY, NULL);
	return v ? v : json_string(s);
}

static json_t *audit_json(const struct yc_audit_entry *x)
{
	json_t *j = json_pack(
	    "{s:I, s:o, s:{s:I, s:o, s:s}, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "seq",
	    (json_int_t)x->seq, "at", yc_jtime(x->at), "actor", "id", (json_int_t)x->actor_id,
	    "username", yc_jstr(x->actor_username), "role", x->actor_role ? x->actor_role : "",
	    "action", x->action ? x->action : "", "entity", x->entity ? x->entity : "", "entity_id",
	    yc_jstr(x->entity_id), "region", yc_jstr(x->region), "before", parse_or_null(x->before),
	    "after", parse_or_null(x->after), "hash", x->hash ? x->hash : "");
	return j;
}

struct list_ctx {
	struct yc_req *r;
	struct yc_audit_filter f;
	struct yc_page pg;
	struct yc_audit_entry *items;
	int64_t n, total;
};

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct list_ctx *c = vctx;
	return yc_audit_list(db, c->r->a, &c->f, &c->pg, &c->items, &c->n, &c->total, e);
}

static enum yc_status time_arg(struct yc_req *r, const char *name, bool end, int64_t *out,
                               struct yc_error *e)
{
	const char *v = yc_query(r, name);
	*out = 0;
	if (!v)
		return YC_OK;
	if (!yc_time_parse(v, out))
		return yc_fail(e, YC_E_BAD_INPUT, name, "日期格式应为 YYYY-MM-DD");
	if (end && strlen(v) == 10)
		*out += 86400; /* "to" a date includes that whole day */
	return YC_OK;
}

enum yc_status yc_h_audit_list(struct yc_req *r, struct yc_error *e)
{
	struct list_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st != YC_OK)
		return st;
	const char *region;
	bool given;
	if ((st = yc_query_scope(r, &region, &given, e)) != YC_OK)
		return st;
	/* A province account also sees rows that belong to no region (applicants). */
	c.f.include_unscoped =
	    !given && region && yc_region_level(region, strlen(region)) == YC_REGION_PROVINCE;
	c.f.region = region;
	c.f.actor = yc_query(r, "actor");
	c.f.entity = yc_query(r, "entity");
	c.f.action = yc_query(r, "action");
	if ((st = time_arg(r, "from", false, &c.f.from, e)) != YC_OK ||
	    (st = time_arg(r, "to", true, &c.f.to, e)) != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++)
		json_array_append_new(items, audit_json(&c.items[i]));
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

struct verify_ctx {
	int64_t rows, first_broken;
};

static enum yc_status verify_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct verify_ctx *c = vctx;
	return yc_audit_verify(db, &c->rows, &c->first_broken, e);
}

enum yc_status yc_h_audit_verify(struct yc_req *r, struct yc_error *e)
{
	struct verify_ctx c = {0};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, verify_tx, &c, e);
	if (st != YC_OK)
		return st;
	json_t *j = json_pack("{s:b, s:I}", "ok", c.first_broken == 0, "rows", (json_int_t)c.rows);
	if (c.first_broken)
		json_object_set_new(j, "first_broken", json_integer(c.first_broken));
	return yc_reply_json(r, 200, j);
}

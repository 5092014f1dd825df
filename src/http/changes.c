/* changes.c — dynamic management of the catalog (事项动态调整, seed part 12).
 *
 * A department files a change against one of its own items when a law is amended or abolished or
 * a new requirement comes in; an admin approves or rejects it with a reason. Approval makes a new
 * item version (or abolishes the item) and flags every matter and guide that uses the item as
 * needing revision, with the exact difference. Matter versions already published keep the item
 * versions they pinned, so open cases are not touched. */
#include "http.h"

#include "../app/app.h"
#include "../core/catalog.h"
#include "../core/text.h"

#include <string.h>

static const char *const kinds[] = {"amend", "abolish", "requirement", NULL};
static const char *const changeable[] = {
    "name",     "basis",  "conditions", "statutory_days", "promised_days", "kind", "fees",
    "channels", "result", "fields",     "materials",      "form_rules",    NULL};

static json_t *parse_or(const char *s, json_t *dflt)
{
	json_t *v = s ? json_loads(s, JSON_DECODE_ANY, NULL) : NULL;
	if (v) {
		json_decref(dflt);
		return v;
	}
	return dflt;
}

static json_t *change_json(const struct yc_change *c)
{
	return json_pack("{s:I, s:{s:s, s:o}, s:s, s:o, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, "
	                 "s:o, s:o}",
	                 "id", (json_int_t)c->id, "item", "code", c->item, "name",
	                 yc_jstr(c->item_name), "dept", c->dept, "dept_name", yc_jstr(c->dept_name),
	                 "kind", c->kind, "basis", c->basis, "proposal",
	                 parse_or(c->proposal, json_object()), "state", c->state, "reason",
	                 yc_jstr(c->reason), "diff", parse_or(c->diff, json_array()), "affected",
	                 parse_or(c->affected, json_array()), "new_version",
	                 c->new_version ? json_integer(c->new_version) : json_null(), "created_at",
	                 yc_jtime(c->created_at), "decided_at",
	                 c->decided_at ? yc_jtime(c->decided_at) : json_null());
}

struct ch_ctx {
	struct yc_req *r;
	int64_t id;
	const char *item, *kind, *basis, *action, *reason;
	json_t *proposal;
	json_t *out;
	struct yc_problems p;
};

static enum yc_status create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct ch_ctx *c = vctx;
	struct yc_item_row row;
	enum yc_status st = yc_item_get(db, c->r->a, c->item, 0, &row, e);
	if (st == YC_E_NOT_FOUND)
		return yc_fail(e, YC_E_BAD_INPUT, "item", "事项不存在");
	if (st != YC_OK)
		return st;
	if (!c->r->principal->dept || strcmp(row.dept, c->r->principal->dept) != 0)
		return yc_fail(e, YC_E_FORBIDDEN, "item", "只能对本部门实施的事项提出调整");
	if (strcmp(row.state, "active") != 0)
		return yc_fail(e, YC_E_CONFLICT, "item", "该事项已取消");
	struct yc_change ch = {.item = row.code,
	                       .dept = row.dept,
	                       .region = row.region,
	                       .kind = c->kind,
	                       .basis = c->basis,
	                       .proposal = yc_json_text(c->r->a, c->proposal)};
	int64_t id;
	if ((st = yc_change_insert(db, &ch, c->r->principal->user_id, c->r->now, &id, e)) != YC_OK)
		return st;
	if ((st = yc_change_get(db, c->r->a, id, &ch, e)) != YC_OK)
		return st;
	c->out = change_json(&ch);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	return yc_audit(c->r, db, "change.submit", "change", sid, row.region, NULL, c->out, e);
}

enum yc_status yc_h_changes_create(struct yc_req *r, struct yc_error *e)
{
	struct ch_ctx c = {.r = r};
	const struct yc_field f[] = {{"item", YC_F_STRING, true, &c.item, NULL},
	                             {"kind", YC_F_STRING, true, &c.kind, NULL},
	                             {"basis", YC_F_STRING, true, &c.basis, NULL},
	                             {"proposal", YC_F_STRING, false, NULL, NULL}};
	/* proposal is an object: parse the strings, then take it as it is */
	json_t *keep = json_object_get(r->json, "proposal");
	if (keep) {
		json_incref(keep);
		json_object_set_new(r->json, "proposal", json_null());
	}
	enum yc_status st = yc_parse_fields(r, f, 4, e);
	if (st != YC_OK) {
		json_decref(keep);
		return st;
	}
	c.proposal = keep ? keep : json_object();
	st = YC_OK;
	bool kind_ok = false;
	for (const char *const *k = kinds; *k; k++)
		kind_ok |= strcmp(*k, c.kind) == 0;
	if (!kind_ok)
		st = yc_fail(e, YC_E_BAD_INPUT, "kind", "kind 应为 amend、abolish 或 requirement");
	else if (yc_text_check(c.basis, strlen(c.basis), 1, 2000, true, "basis", e) != YC_OK)
		st = YC_E_BAD_INPUT;
	else if (!json_is_object(c.proposal))
		st = yc_fail(e, YC_E_BAD_INPUT, "proposal", "proposal 应为对象");
	else if (strcmp(c.kind, "abolish") != 0 && json_object_size(c.proposal) == 0)
		st = yc_fail(e, YC_E_BAD_INPUT, "proposal", "请写明调整后的内容");
	const char *k;
	json_t *v;
	json_object_foreach(c.proposal, k, v)
	{
		bool ok = false;
		for (const char *const *x = changeable; *x && !ok; x++)
			ok = strcmp(*x, k) == 0;
		if (!ok && st == YC_OK)
			st = yc_fail(e, YC_E_BAD_INPUT, yc_printf(r->a, "proposal.%s", k),
			             "该字段不能通过调整申请修改（编码、部门、区划不可改）");
	}
	if (st == YC_OK)
		st = yc_store_tx(r->store, YC_TX_WRITE, create_tx, &c, e);
	json_decref(c.proposal);
	return st != YC_OK ? st : yc_reply_json(r, 201, json_pack("{s:o}", "change", c.out));
}

struct chl_ctx {
	struct yc_req *r;
	const char *state;
	struct yc_page pg;
	struct yc_change *v;
	int64_t n, total;
};

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct chl_ctx *c = vctx;
	const struct yc_principal *p = c->r->principal;
	return yc_change_list(db, c->r->a, c->state, p->role == YC_ROLE_DEPT ? p->dept : NULL,
	                      p->region, &c->pg, &c->v, &c->n, &c->total, e);
}

enum yc_status yc_h_changes_list(struct yc_req *r, struct yc_error *e)
{
	static const char *const states[] = {"submitted", "approved", "rejected", NULL};
	struct chl_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "state", states, &c.state, e);
	if (st != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++)
		json_array_append_new(items, change_json(&c.v[i]));
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

static enum yc_status may_see(struct yc_req *r, const struct yc_change *ch, struct yc_error *e)
{
	if (yc_policy_scope(r->principal, ch->region,
	                    r->principal->role == YC_ROLE_DEPT ? ch->dept : NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "无权查看该调整申请");
	return YC_OK;
}

static enum yc_status get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct ch_ctx *c = vctx;
	struct yc_change ch;
	enum yc_status st = yc_change_get(db, c->r->a, c->id, &ch, e);
	if (st == YC_OK)
		st = may_see(c->r, &ch, e);
	if (st == YC_OK)
		c->out = change_json(&ch);
	return st;
}

enum yc_status yc_h_changes_get(struct yc_req *r, struct yc_error *e)
{
	struct ch_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st == YC_OK)
		st = yc_store_tx(r->store, YC_TX_READ, get_tx, &c, e);
	return st != YC_OK ? st : yc_reply_json(r, 200, json_pack("{s:o}", "change", c.out));
}

/* Approve: new item version (or abolition), flags on matters and guides. */
static enum yc_status approve(struct yc_db *db, struct ch_ctx *c, struct yc_change *ch,
                              json_t **diff_out, json_t **affected_out, int64_t *new_version,
                              struct yc_error *e)
{
	struct yc_req *r = c->r;
	struct yc_item_row row;
	struct yc_item it;
	json_t *old = NULL;
	enum yc_status st = yc_app_item_load(db, r->a, ch->item, 0, &row, &it, &old, e);
	if (st == YC_OK && strcmp(row.state, "active") != 0)
		st = yc_fail(e, YC_E_CONFLICT, NULL, "该事项已取消，不能再批准对它的调整");
	if (st != YC_OK) {
		json_decref(old);
		return st;
	}
	json_t *diff;
	const char *name = row.name;
	if (strcmp(ch->kind, "abolish") == 0) {
		diff = json_pack("[{s:s, s:s, s:s}]", "field", "state", "before", "active", "after",
		                 "abolished");
		if ((st = yc_item_abolish(db, ch->item, r->now, e)) == YC_OK)
			st = yc_search_drop(db, "item", ch->item, e);
		*new_version = row.version;
	} else {
		json_t *next = json_deep_copy(old);
		json_t *proposal = parse_or(ch->proposal, json_object());
		json_object_update(next, proposal);
		json_decref(proposal);
		yc_problems_init(&c->p, r->a);
		struct yc_item check;
		if (!yc_item_from_json(next, "proposal", r->a, &check, &c->p)) {
			json_decref(next);
			json_decref(old);
			return yc_fail(e, YC_E_BAD_INPUT, c->p.v[0].field,
			               yc_printf(r->a, "调整后的事项有 %d 个问题", c->p.n));
		}
		diff = yc_item_diff(old, next);
		*new_version = row.version + 1;
		name = yc_strdup(r->a, check.name);
		st = yc_item_new_version(db, ch->item, *new_version, check.name,
		                         yc_json_text(r->a, next), r->now, e);
		if (st == YC_OK) {
			struct yc_search_doc sd = {.kind = "item",
			                           .code = check.code,
			                           .name = check.name,
			                           .dept = check.dept,
			                           .region = check.region};
			st = yc_search_put(db, r->a, &sd, e);
		}
		json_decref(next);
	}
	json_decref(old);
	struct yc_code_name *using = NULL;
	int64_t nu = 0;
	if (st == YC_OK)
		st = yc_matters_using(db, r->a, ch->item, &using, &nu, e);
	char *note = yc_diff_summary(r->a, name, ch->basis, diff);
	if (strcmp(ch->kind, "abolish") == 0)
		note =
		    yc_printf(r->a, "涉及事项“%s”已取消（依据：%s），须修订本一件事后方可再次发布",
		              name, ch->basis);
	json_t *affected = json_array();
	for (int64_t i = 0; st == YC_OK && i < nu; i++) {
		st = yc_matter_flag(db, using[i].code, note, r->now, e);
		if (st == YC_OK)
			st = yc_guide_flag(db, using[i].code, r->now, e);
		json_array_append_new(affected, json_pack("{s:s, s:s}", "code", using[i].code,
		                                          "name", using[i].name));
	}
	*diff_out = diff;
	*affected_out = affected;
	return st;
}

static enum yc_status decide_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct ch_ctx *c = vctx;
	struct yc_change ch;
	enum yc_status st = yc_change_get(db, c->r->a, c->id, &ch, e);
	if (st == YC_OK)
		st = may_see(c->r, &ch, e);
	if (st != YC_OK)
		return st;
	if (strcmp(ch.state, "submitted") != 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "该调整申请已经处理过");
	json_t *diff = NULL, *affected = NULL;
	int64_t nv = 0;
	bool ok = strcmp(c->action, "approve") == 0;
	if (ok && (st = approve(db, c, &ch, &diff, &affected, &nv, e)) != YC_OK) {
		json_decref(diff);
		json_decref(affected);
		return st;
	}
	st = yc_change_decide(db, ch.id, ok ? "approved" : "rejected", c->reason,
	                      diff ? yc_json_text(c->r->a, diff) : NULL,
	                      affected ? yc_json_text(c->r->a, affected) : NULL, nv,
	                      c->r->principal->user_id, c->r->now, e);
	json_decref(diff);
	json_decref(affected);
	if (st == YC_OK)
		st = yc_change_get(db, c->r->a, ch.id, &ch, e);
	if (st != YC_OK)
		return st;
	c->out = change_json(&ch);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)ch.id);
	return yc_audit(c->r, db, ok ? "change.approve" : "change.reject", "change", sid, ch.region,
	                NULL, c->out, e);
}

enum yc_status yc_h_changes_decide(struct yc_req *r, struct yc_error *e)
{
	struct ch_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	const struct yc_field f[] = {{"action", YC_F_STRING, true, &c.action, NULL},
	                             {"reason", YC_F_STRING, false, &c.reason, NULL}};
	if ((st = yc_parse_fields(r, f, 2, e)) != YC_OK)
		return st;
	bool approve_it = strcmp(c.action, "approve") == 0;
	if (!approve_it && strcmp(c.action, "reject") != 0)
		return yc_fail(e, YC_E_BAD_INPUT, "action", "action 应为 approve 或 reject");
	if (!approve_it && (!c.reason || !c.reason[0]))
		return yc_fail(e, YC_E_BAD_INPUT, "reason", "驳回须写明理由");
	if (c.reason &&
	    (st = yc_text_check(c.reason, strlen(c.reason), 0, 2000, true, "reason", e)))
		return st;
	st = yc_store_tx(r->store, YC_TX_WRITE, decide_tx, &c, e);
	if (st != YC_OK) {
		if (st == YC_E_BAD_INPUT && c.p.n) {
			json_t *list = json_array();
			for (int i = 0; i < c.p.n; i++)
				json_array_append_new(list, json_pack("{s:s, s:s}", "field",
				                                      c.p.v[i].field, "message",
				                                      c.p.v[i].message));
			r->problems = list;
		}
		return st;
	}
	return yc_reply_json(r, 200, json_pack("{s:o}", "change", c.out));
}

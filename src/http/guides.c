/* guides.c — the service guide lifecycle (编写 → 征求意见 → 审查发布) and readers' problem reports
 * (问题反馈), seed part 11. A guide belongs to one published matter version; its content is built
 * from the items and frozen when it is published. */
#include "http.h"

#include "../app/app.h"
#include "../core/guide.h"
#include "../core/text.h"

#include <stdlib.h>
#include <string.h>

static const char *const overlay_keys[] = {"description",     "place", "hours", "phone",
                                           "complaint_phone", "notes", NULL};

/* The generated guide of the matter version with the admin's edits laid over it. */
static enum yc_status content_of(struct yc_req *r, struct yc_db *db, const struct yc_guide_row *g,
                                 json_t **out, struct yc_error *e)
{
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, r->a, g->matter_code, g->matter_version, &l, e);
	if (st == YC_OK) {
		for (int i = 0; i < l.m.nitems; i++)
			if (!l.items[i])
				st = yc_fail(e, YC_E_INTERNAL, NULL, "一件事引用的事项缺失");
	}
	if (st == YC_OK) {
		*out = yc_guide_build(&l.m, l.ver.version, (const struct yc_item *const *)l.items);
		json_t *ov = json_loads(g->overlay, 0, NULL);
		const char *k;
		json_t *v;
		json_object_foreach(ov, k, v)
		{
			json_object_set(*out, k, v);
		}
		json_decref(ov);
		json_object_set_new(*out, "state", json_string(g->state));
		json_object_set_new(*out, "guide_version", json_integer(g->version));
	}
	yc_app_matter_unload(&l);
	return st;
}

static enum yc_status draft_json(struct yc_req *r, struct yc_db *db, const struct yc_guide_row *g,
                                 json_t **out, struct yc_error *e)
{
	json_t *content = NULL;
	enum yc_status st;
	if (g->content) {
		content = json_loads(g->content, 0, NULL);
	} else if ((st = content_of(r, db, g, &content, e)) != YC_OK) {
		return st;
	}
	struct yc_matter_row m;
	if ((st = yc_matter_get(db, r->a, g->matter_code, &m, e)) != YC_OK) {
		json_decref(content);
		return st;
	}
	struct yc_guide_dept *depts;
	struct yc_guide_comment *cs;
	int64_t nd, nc;
	if ((st = yc_guide_depts(db, r->a, g->id, &depts, &nd, e)) != YC_OK ||
	    (st = yc_gcomment_list(db, r->a, g->id, &cs, &nc, e)) != YC_OK) {
		json_decref(content);
		return st;
	}
	json_t *dj = json_array(), *cj = json_array();
	for (int64_t i = 0; i < nd; i++)
		json_array_append_new(dj,
		                      json_pack("{s:s, s:s, s:b}", "code", depts[i].dept, "name",
		                                depts[i].name, "commented", depts[i].comments > 0));
	for (int64_t i = 0; i < nc; i++)
		json_array_append_new(
		    cj, json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:o}", "id", (json_int_t)cs[i].id,
		                  "dept", cs[i].dept, "dept_name", cs[i].dept_name, "text",
		                  cs[i].text, "reply", yc_jstr(cs[i].reply), "state", cs[i].state,
		                  "created_at", yc_jtime(cs[i].created_at)));
	json_t *ov = json_loads(g->overlay, 0, NULL);
	*out = json_pack("{s:I, s:{s:s, s:s}, s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:b}", "id",
	                 (json_int_t)g->id, "matter", "code", g->matter_code, "name", m.name,
	                 "matter_version", (json_int_t)g->matter_version, "version",
	                 (json_int_t)g->version, "state", g->state, "content",
	                 content ? content : json_object(), "overlay", ov ? ov : json_object(),
	                 "departments", dj, "comments", cj, "published_at",
	                 g->published_at ? yc_jtime(g->published_at) : json_null(),
	                 "needs_revision", g->needs_revision);
	return YC_OK;
}

struct g_ctx {
	struct yc_req *r;
	int64_t id;
	json_t *out;
	json_t *patch;
	const char *text, *reply, *contact, *note;
	int accepted;
	int64_t cid;
};

/* admin in the matter's region, or (read / comment) a dept user of a consulted department */
static enum yc_status guide_access(struct yc_req *r, struct yc_db *db, struct yc_guide_row *g,
                                   bool dept_ok, struct yc_error *e)
{
	struct yc_matter_row m;
	enum yc_status st = yc_matter_get(db, r->a, g->matter_code, &m, e);
	if (st != YC_OK)
		return st;
	if (r->principal->role == YC_ROLE_ADMIN)
		return yc_policy_scope(r->principal, m.region, NULL) == YC_OK
		           ? YC_OK
		           : yc_fail(e, YC_E_FORBIDDEN, NULL, "超出本账号的区划范围");
	if (dept_ok && r->principal->role == YC_ROLE_DEPT && r->principal->dept) {
		struct yc_guide_dept *d;
		int64_t n;
		if ((st = yc_guide_depts(db, r->a, g->id, &d, &n, e)) != YC_OK)
			return st;
		for (int64_t i = 0; i < n; i++)
			if (strcmp(d[i].dept, r->principal->dept) == 0)
				return YC_OK;
	}
	return yc_fail(e, YC_E_FORBIDDEN, NULL, "本部门不在该服务指南的征求意见范围内");
}

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct g_ctx *c = vctx;
	struct yc_matter_row m;
	enum yc_status st = yc_matter_get(db, c->r->a, c->r->params[0], &m, e);
	if (st != YC_OK)
		return st;
	if (yc_policy_scope(c->r->principal, m.region, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "超出本账号的区划范围");
	struct yc_guide_row *rows;
	int64_t n;
	if ((st = yc_guide_list(db, c->r->a, m.code, &rows, &n, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:I, s:I, s:s, s:o, s:o, s:b}", "id", (json_int_t)rows[i].id,
		              "version", (json_int_t)rows[i].version, "matter_version",
		              (json_int_t)rows[i].matter_version, "state", rows[i].state,
		              "created_at", yc_jtime(rows[i].created_at), "published_at",
		              rows[i].published_at ? yc_jtime(rows[i].published_at) : json_null(),
		              "needs_revision", rows[i].needs_revision));
	c->out = json_pack("{s:o}", "items", items);
	return YC_OK;
}

enum yc_status yc_h_guides_list(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e);
	return st != YC_OK ? st : yc_reply_json(r, 200, c.out);
}

static enum yc_status audit_guide(struct yc_req *r, struct yc_db *db, const char *action,
                                  const struct yc_guide_row *g, const char *state,
                                  struct yc_error *e)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)g->id);
	json_t *after = json_pack("{s:s, s:I, s:s}", "matter", g->matter_code, "version",
	                          (json_int_t)g->version, "state", state);
	enum yc_status st = yc_audit(r, db, action, "guide", id, NULL, NULL, after, e);
	json_decref(after);
	return st;
}

static enum yc_status create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct g_ctx *c = vctx;
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, c->r->a, c->r->params[0], 0, &l, e);
	if (st == YC_OK && yc_policy_scope(c->r->principal, l.row.region, NULL) != YC_OK)
		st = yc_fail(e, YC_E_FORBIDDEN, NULL, "超出本账号的区划范围");
	int64_t maxv = 0, open = 0;
	if (st == YC_OK)
		st = yc_guide_counts(db, l.row.code, &maxv, &open, e);
	if (st == YC_OK && open)
		st = yc_fail(e, YC_E_CONFLICT, NULL, "该一件事已有编写中或征求意见中的服务指南");
	int64_t id = 0;
	if (st == YC_OK)
		st = yc_guide_insert(db, l.row.code, l.ver.version, maxv + 1, "{}", c->r->now, &id,
		                     e);
	for (int i = 0; st == YC_OK && i < l.m.nitems; i++)
		if (l.items[i])
			st = yc_guide_dept_add(db, id, l.items[i]->dept, e);
	yc_app_matter_unload(&l);
	struct yc_guide_row g;
	if (st == YC_OK)
		st = yc_guide_get(db, c->r->a, id, &g, e);
	if (st == YC_OK)
		st = audit_guide(c->r, db, "guide.create", &g, "drafting", e);
	if (st == YC_OK)
		st = draft_json(c->r, db, &g, &c->out, e);
	return st;
}

enum yc_status yc_h_guides_create(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_WRITE, create_tx, &c, e);
	return st != YC_OK ? st : yc_reply_json(r, 201, json_pack("{s:o}", "guide", c.out));
}

/* Every operation on one guide: load it and check access (admin in the matter's region; with
 * dept_ok also a consulted department), then the operation, in one transaction. */
typedef enum yc_status (*guide_op)(struct yc_db *db, struct g_ctx *c, struct yc_guide_row *g,
                                   struct yc_error *e);
struct gscoped {
	struct g_ctx *c;
	guide_op op;
	bool dept_ok;
};

static enum yc_status gscoped_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct gscoped *s = vctx;
	struct yc_guide_row g;
	enum yc_status st = yc_guide_get(db, s->c->r->a, s->c->id, &g, e);
	if (st == YC_OK)
		st = guide_access(s->c->r, db, &g, s->dept_ok, e);
	return st == YC_OK ? s->op(db, s->c, &g, e) : st;
}

static enum yc_status on_guide(struct g_ctx *c, enum yc_tx_mode mode, guide_op op, bool dept_ok,
                               int status, const char *key, struct yc_error *e)
{
	struct gscoped s = {.c = c, .op = op, .dept_ok = dept_ok};
	enum yc_status st = yc_param_id(c->r, 0, &c->id, e);
	if (st == YC_OK)
		st = yc_store_tx(c->r->store, mode, gscoped_tx, &s, e);
	return st != YC_OK ? st : yc_reply_json(c->r, status, json_pack("{s:o}", key, c->out));
}

static enum yc_status get_op(struct yc_db *db, struct g_ctx *c, struct yc_guide_row *g,
                             struct yc_error *e)
{
	return draft_json(c->r, db, g, &c->out, e);
}

enum yc_status yc_h_guides_get(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	return on_guide(&c, YC_TX_READ, get_op, true, 200, "guide", e);
}

static enum yc_status edit_op(struct yc_db *db, struct g_ctx *c, struct yc_guide_row *g,
                              struct yc_error *e)
{
	json_t *ov = json_loads(g->overlay, 0, NULL);
	const char *k;
	json_t *v;
	json_object_foreach(c->patch, k, v)
	{
		json_object_set(ov, k, v);
	}
	char *text = yc_json_text(c->r->a, ov);
	json_decref(ov);
	enum yc_status st = yc_guide_set_overlay(db, g->id, text, c->r->now, e);
	if (st != YC_OK)
		return st;
	g->overlay = text;
	if ((st = audit_guide(c->r, db, "guide.edit", g, g->state, e)) != YC_OK)
		return st;
	return draft_json(c->r, db, g, &c->out, e);
}

enum yc_status yc_h_guides_edit(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r, .patch = r->json};
	const char *k;
	json_t *v;
	enum yc_status st;
	json_object_foreach(r->json, k, v)
	{
		bool known = false;
		for (const char *const *x = overlay_keys; *x && !known; x++)
			known = strcmp(*x, k) == 0;
		if (!known)
			return yc_fail(e, YC_E_BAD_INPUT, yc_strdup(r->a, k), "不能修改的字段");
		if (!json_is_string(v))
			return yc_fail(e, YC_E_BAD_INPUT, yc_strdup(r->a, k), "应为字符串");
		if ((st = yc_text_check(json_string_value(v), json_string_length(v), 0, 4000, true,
		                        k, e)) != YC_OK)
			return yc_fail(e, st, yc_strdup(r->a, k), e->message);
	}
	if (json_object_size(r->json) == 0)
		return yc_fail(e, YC_E_BAD_INPUT, NULL, "没有要修改的内容");
	return on_guide(&c, YC_TX_WRITE, edit_op, false, 200, "guide", e);
}

static enum yc_status consult_op(struct yc_db *db, struct g_ctx *c, struct yc_guide_row *g,
                                 struct yc_error *e)
{
	enum yc_status st = yc_guide_set_state(db, g->id, "drafting", "consulting", c->r->now, e);
	if (st != YC_OK)
		return st;
	g->state = "consulting";
	if ((st = audit_guide(c->r, db, "guide.consult", g, g->state, e)) != YC_OK)
		return st;
	return draft_json(c->r, db, g, &c->out, e);
}

enum yc_status yc_h_guides_consult(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	return on_guide(&c, YC_TX_WRITE, consult_op, false, 200, "guide", e);
}

static json_t *comment_json(const struct yc_guide_comment *cm)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:s, s:o, s:s, s:o}", "id", (json_int_t)cm->id,
	                 "guide", (json_int_t)cm->guide_id, "dept", cm->dept, "dept_name",
	                 yc_jstr(cm->dept_name), "text", cm->text, "reply", yc_jstr(cm->reply),
	                 "state", cm->state, "created_at", yc_jtime(cm->created_at));
}

static enum yc_status audit_comment(struct yc_req *r, struct yc_db *db, const char *action,
                                    int64_t id, const json_t *after, struct yc_error *e)
{
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	return yc_audit(r, db, action, "guide_comment", sid, NULL, NULL, after, e);
}

static enum yc_status comment_op(struct yc_db *db, struct g_ctx *c, struct yc_guide_row *g,
                                 struct yc_error *e)
{
	if (strcmp(g->state, "consulting") != 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "该服务指南不在征求意见阶段");
	int64_t id;
	enum yc_status st = yc_gcomment_insert(
	    db, g->id, c->r->principal->dept, c->r->principal->user_id, c->text, c->r->now, &id, e);
	struct yc_guide_comment cm;
	if (st == YC_OK)
		st = yc_gcomment_get(db, c->r->a, id, &cm, e);
	if (st != YC_OK)
		return st;
	c->out = comment_json(&cm);
	return audit_comment(c->r, db, "guide.comment", id, c->out, e);
}

enum yc_status yc_h_guides_comment(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	const struct yc_field f[] = {{"text", YC_F_STRING, true, &c.text, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 1, e);
	if (st != YC_OK ||
	    (st = yc_text_check(c.text, strlen(c.text), 1, 2000, true, "text", e)) != YC_OK)
		return st;
	/* the route admits dept users only; guide_access then checks the department is consulted */
	return on_guide(&c, YC_TX_WRITE, comment_op, true, 201, "comment", e);
}

static enum yc_status answer_op(struct yc_db *db, struct g_ctx *c, struct yc_guide_row *g,
                                struct yc_error *e)
{
	struct yc_guide_comment cm;
	enum yc_status st = yc_gcomment_get(db, c->r->a, c->cid, &cm, e);
	if (st != YC_OK)
		return st;
	if (cm.guide_id != g->id)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "意见不存在");
	const char *state = c->accepted ? "accepted" : "answered";
	if ((st = yc_gcomment_answer(db, cm.id, c->reply, state, c->r->now, e)) != YC_OK)
		return st;
	cm.reply = c->reply;
	cm.state = state;
	c->out = comment_json(&cm);
	return audit_comment(c->r, db, "guide.answer", cm.id, c->out, e);
}

enum yc_status yc_h_guides_answer(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 1, &c.cid, e);
	if (st != YC_OK)
		return st;
	const struct yc_field f[] = {{"reply", YC_F_STRING, true, &c.reply, NULL},
	                             {"accepted", YC_F_BOOL, false, &c.accepted, NULL}};
	if ((st = yc_parse_fields(r, f, 2, e)) != YC_OK ||
	    (st = yc_text_check(c.reply, strlen(c.reply), 1, 2000, true, "reply", e)) != YC_OK)
		return st;
	return on_guide(&c, YC_TX_WRITE, answer_op, false, 200, "comment", e);
}

static enum yc_status publish_op(struct yc_db *db, struct g_ctx *c, struct yc_guide_row *g,
                                 struct yc_error *e)
{
	if (strcmp(g->state, "consulting") != 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "只有征求意见中的服务指南可以审查发布");
	struct yc_guide_dept *d;
	struct yc_guide_comment *cs;
	int64_t nd, nc;
	enum yc_status st;
	if ((st = yc_guide_depts(db, c->r->a, g->id, &d, &nd, e)) != YC_OK ||
	    (st = yc_gcomment_list(db, c->r->a, g->id, &cs, &nc, e)) != YC_OK)
		return st;
	char *why = yc_strdup(c->r->a, "");
	for (int64_t i = 0; i < nd; i++)
		if (!d[i].comments)
			why = yc_printf(c->r->a, "%s%s%s尚未反馈意见", why, why[0] ? "；" : "",
			                d[i].name);
	for (int64_t i = 0; i < nc; i++)
		if (strcmp(cs[i].state, "open") == 0)
			why = yc_printf(c->r->a, "%s%s%s的意见尚未答复", why, why[0] ? "；" : "",
			                cs[i].dept_name);
	if (why[0])
		return yc_fail(e, YC_E_CONFLICT, NULL, yc_printf(c->r->a, "不能发布：%s", why));
	json_t *content = NULL;
	if ((st = content_of(c->r, db, g, &content, e)) != YC_OK)
		return st;
	json_object_set_new(content, "state", json_string("published"));
	json_object_set_new(content, "published_at", yc_jtime(c->r->now));
	char *text = yc_json_text(c->r->a, content);
	json_decref(content);
	if ((st = yc_guide_publish(db, g->id, g->matter_code, text, c->r->now, e)) != YC_OK)
		return st;
	if ((st = yc_guide_get(db, c->r->a, g->id, g, e)) != YC_OK ||
	    (st = audit_guide(c->r, db, "guide.publish", g, "published", e)) != YC_OK)
		return st;
	return draft_json(c->r, db, g, &c->out, e);
}

static enum yc_status withdraw_op(struct yc_db *db, struct g_ctx *c, struct yc_guide_row *g,
                                  struct yc_error *e)
{
	if (strcmp(g->state, "drafting") != 0 && strcmp(g->state, "consulting") != 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "只有编写中或征求意见中的服务指南可以撤回");
	enum yc_status st = yc_guide_set_state(db, g->id, g->state, "withdrawn", c->r->now, e);
	if (st != YC_OK)
		return st;
	g->state = "withdrawn";
	if ((st = audit_guide(c->r, db, "guide.withdraw", g, g->state, e)) != YC_OK)
		return st;
	return draft_json(c->r, db, g, &c->out, e);
}

/* Withdraw a guide that is being written or consulted (for example after the matter was revised),
 * so that a new one can be started. */
enum yc_status yc_h_guides_withdraw(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	return on_guide(&c, YC_TX_WRITE, withdraw_op, false, 200, "guide", e);
}

enum yc_status yc_h_guides_publish(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	return on_guide(&c, YC_TX_WRITE, publish_op, false, 200, "guide", e);
}

/* The public guide: the newest published guide of the matter's current version, else the
 * generated one. Called by portal.c. */
enum yc_status yc_public_guide(struct yc_req *r, struct yc_db *db, const char *code,
                               int64_t matter_version, json_t **out, struct yc_error *e)
{
	struct yc_guide_row g;
	bool found = false;
	enum yc_status st = yc_guide_published(db, r->a, code, matter_version, &g, &found, e);
	if (st != YC_OK || !found || !g.content) {
		*out = NULL;
		return st;
	}
	*out = json_loads(g.content, 0, NULL);
	if (*out)
		json_object_set_new(*out, "needs_revision", json_boolean(g.needs_revision));
	return YC_OK;
}

/* ---- feedback ---- */

static json_t *feedback_json(const struct yc_feedback *f)
{
	return json_pack("{s:I, s:s, s:o, s:s, s:o, s:s, s:o, s:o, s:o}", "id", (json_int_t)f->id,
	                 "matter", f->matter, "matter_name", yc_jstr(f->matter_name), "text",
	                 f->text, "contact", yc_jstr(f->contact), "state", f->state, "note",
	                 yc_jstr(f->note), "created_at", yc_jtime(f->created_at), "closed_at",
	                 f->closed_at ? yc_jtime(f->closed_at) : json_null());
}

static enum yc_status fb_create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct g_ctx *c = vctx;
	struct yc_matter_row m;
	enum yc_status st = yc_matter_get(db, c->r->a, c->r->params[0], &m, e);
	if (st != YC_OK)
		return st;
	if (strcmp(m.state, "published") != 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "该一件事尚未发布或已废止");
	int64_t id;
	if ((st = yc_feedback_insert(db, m.code, c->text, c->contact, c->r->now, &id, e)) != YC_OK)
		return st;
	struct yc_feedback f;
	if ((st = yc_feedback_get(db, c->r->a, id, &f, e)) != YC_OK)
		return st;
	c->out = feedback_json(&f);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	json_t *after = json_pack("{s:s, s:s}", "matter", m.code, "text", c->text);
	st = yc_audit(c->r, db, "feedback.create", "feedback", sid, m.region, NULL, after, e);
	json_decref(after);
	return st;
}

enum yc_status yc_h_feedback_create(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	const struct yc_field f[] = {{"text", YC_F_STRING, true, &c.text, NULL},
	                             {"contact", YC_F_STRING, false, &c.contact, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK || (st = yc_text_check(c.text, strlen(c.text), 1, 2000, true, "text", e)))
		return st;
	if (c.contact &&
	    (st = yc_text_check(c.contact, strlen(c.contact), 0, 100, false, "contact", e)))
		return st;
	st = yc_store_tx(r->store, YC_TX_WRITE, fb_create_tx, &c, e);
	return st != YC_OK ? st : yc_reply_json(r, 201, json_pack("{s:o}", "feedback", c.out));
}

struct fbl_ctx {
	struct yc_req *r;
	const char *state;
	struct yc_page pg;
	struct yc_feedback *v;
	int64_t n, total;
};

static enum yc_status fb_list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct fbl_ctx *c = vctx;
	return yc_feedback_list(db, c->r->a, c->state, c->r->principal->region, &c->pg, &c->v,
	                        &c->n, &c->total, e);
}

enum yc_status yc_h_feedback_list(struct yc_req *r, struct yc_error *e)
{
	static const char *const states[] = {"open", "closed", NULL};
	struct fbl_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "state", states, &c.state, e);
	if (st != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, fb_list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++)
		json_array_append_new(items, feedback_json(&c.v[i]));
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

static enum yc_status fb_close_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct g_ctx *c = vctx;
	struct yc_feedback f;
	enum yc_status st = yc_feedback_get(db, c->r->a, c->id, &f, e);
	if (st != YC_OK)
		return st;
	if (yc_policy_scope(c->r->principal, f.region, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "超出本账号的区划范围");
	if ((st = yc_feedback_close(db, f.id, c->note, c->r->now, c->r->principal->user_id, e)) !=
	    YC_OK)
		return st;
	if ((st = yc_feedback_get(db, c->r->a, c->id, &f, e)) != YC_OK)
		return st;
	c->out = feedback_json(&f);
	char sid[24];
	snprintf(sid, sizeof sid, "%lld", (long long)f.id);
	return yc_audit(c->r, db, "feedback.close", "feedback", sid, f.region, NULL, c->out, e);
}

enum yc_status yc_h_feedback_close(struct yc_req *r, struct yc_error *e)
{
	struct g_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	const struct yc_field f[] = {{"note", YC_F_STRING, true, &c.note, NULL}};
	if ((st = yc_parse_fields(r, f, 1, e)) != YC_OK ||
	    (st = yc_text_check(c.note, strlen(c.note), 1, 2000, true, "note", e)) != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_WRITE, fb_close_tx, &c, e);
	return st != YC_OK ? st : yc_reply_json(r, 200, json_pack("{s:o}", "feedback", c.out));
}

/* forms.c — the lifecycle of a matter's one merged form (一次表单) for admins: compile a version
 * from the matter's items, review, publish, abolish; revising is compiling a new version. Every
 * operation checks the admin's region against the matter's and runs in one transaction. */
#include "http.h"

#include "../app/app.h"

#include <string.h>

struct f_ctx {
	struct yc_req *r;
	const char *code; /* matter (compile, list) */
	int64_t id;       /* form (get, steps) */
	int64_t version;
	const char *action, *note;
	struct yc_problems p;
	json_t *out;
};

/* The matter exists and lies in the admin's region; *region gets its region. */
static enum yc_status scope(struct yc_db *db, struct f_ctx *c, const char *code,
                            const char **region, struct yc_error *e)
{
	struct yc_matter_row m;
	enum yc_status st = yc_matter_get(db, c->r->a, code, &m, e);
	if (st != YC_OK)
		return st;
	*region = m.region;
	if (yc_policy_scope(c->r->principal, m.region, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, "region", "超出本账号的区划范围");
	return YC_OK;
}

static enum yc_status reply(struct yc_req *r, struct f_ctx *c, enum yc_status st, int status)
{
	yc_reply_problems(r, &c->p, st);
	return st == YC_OK ? yc_reply_json(r, status, c->out) : st;
}

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct f_ctx *c = vctx;
	const char *region;
	enum yc_status st = scope(db, c, c->code, &region, e);
	struct yc_form_row *rows;
	int64_t n = 0;
	if (st == YC_OK)
		st = yc_form_list(db, c->r->a, c->code, &rows, &n, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++) {
		json_t *v = yc_app_form_json(&rows[i]);
		json_object_del(v, "content"); /* the list names the versions; GET shows one */
		json_array_append_new(items, v);
	}
	c->out = json_pack("{s:o}", "items", items);
	return YC_OK;
}

enum yc_status yc_h_forms_list(struct yc_req *r, struct yc_error *e)
{
	struct f_ctx c = {.r = r, .code = r->params[0]};
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e), 200);
}

static enum yc_status compile_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct f_ctx *c = vctx;
	const char *region;
	yc_problems_init(&c->p, c->r->a);
	enum yc_status st = scope(db, c, c->code, &region, e);
	struct yc_form_row f;
	struct yc_actor who = yc_actor_of(c->r);
	if (st == YC_OK)
		st = yc_app_form_compile(db, c->r->a, &who, c->r->now, c->code, c->version, &c->p,
		                         &f, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "form", yc_app_form_json(&f));
	return st;
}

enum yc_status yc_h_forms_compile(struct yc_req *r, struct yc_error *e)
{
	struct f_ctx c = {.r = r, .code = r->params[0]};
	const struct yc_field f[] = {{"version", YC_F_INT, false, &c.version, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 1, e);
	if (st != YC_OK)
		return st;
	if (json_object_get(r->json, "version") && c.version < 1)
		return yc_fail(e, YC_E_BAD_INPUT, "version", "版本号应为正整数");
	return reply(r, &c, yc_store_tx(r->store, YC_TX_WRITE, compile_tx, &c, e), 201);
}

/* Get (action NULL) or one lifecycle step of form c->id. */
static enum yc_status form_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct f_ctx *c = vctx;
	struct yc_form_row f;
	const char *region;
	enum yc_status st = yc_form_get(db, c->r->a, c->id, &f, e);
	if (st == YC_OK)
		st = scope(db, c, f.matter_code, &region, e);
	if (st == YC_OK && c->action) {
		struct yc_actor who = yc_actor_of(c->r);
		st = yc_app_form_step(db, c->r->a, &who, c->r->now, &f, region, c->action, c->note,
		                      e);
	}
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "form", yc_app_form_json(&f));
	return st;
}

static enum yc_status on_form(struct yc_req *r, const char *action, const char *note_field,
                              bool note_required, struct yc_error *e)
{
	struct f_ctx c = {.r = r, .action = action};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	if (note_field) {
		const struct yc_field f[] = {
		    {note_field, YC_F_STRING, note_required, &c.note, NULL}};
		if ((st = yc_parse_fields(r, f, 1, e)) != YC_OK)
			return st;
		if (c.note && (strlen(c.note) > 2000 || (note_required && !c.note[0])))
			return yc_fail(e, YC_E_BAD_INPUT, note_field,
			               note_required ? "请填写 1 至 2000 字的说明"
			                             : "说明至多 2000 字");
	}
	yc_problems_init(&c.p, r->a);
	return reply(r, &c,
	             yc_store_tx(r->store, action ? YC_TX_WRITE : YC_TX_READ, form_tx, &c, e), 200);
}

enum yc_status yc_h_forms_get(struct yc_req *r, struct yc_error *e)
{
	return on_form(r, NULL, NULL, false, e);
}

enum yc_status yc_h_forms_review(struct yc_req *r, struct yc_error *e)
{
	return on_form(r, "review", "note", false, e);
}

enum yc_status yc_h_forms_publish(struct yc_req *r, struct yc_error *e)
{
	return on_form(r, "publish", NULL, false, e);
}

enum yc_status yc_h_forms_abolish(struct yc_req *r, struct yc_error *e)
{
	return on_form(r, "abolish", "reason", true, e);
}

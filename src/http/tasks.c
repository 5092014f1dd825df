/* tasks.c — tasks (分办任务) over HTTP: a department's workbench (its tasks by due day with their
 * colour), one task with its item's own form, materials and history, the department's decisions
 * (approve / refuse / rectify), suspension and resumption (特别程序), the applicant's report of a
 * rectification, and the supervisor's watch of overdue and due-soon tasks. Who may act is decided
 * by yc_policy_scope (a department's own tasks) and yc_policy_case (the case's applicant and
 * staff); every change runs in one transaction through src/app. */
#include "http.h"

#include "../app/app.h"
#include "../core/case_fsm.h"
#include "../core/text.h"

#include <string.h>

struct t_ctx {
	struct yc_req *r;
	int64_t id, case_id;
	const char *state, *region;
	struct yc_page pg;
	struct yc_task_decision d;
	struct yc_problems p;
	json_t *out;
};

/* Set key to a string, or leave it out of a list row when there is none (null in the full view). */
static void opt(json_t *v, const char *key, const char *s, bool full)
{
	if (s || full)
		json_object_set_new(v, key, yc_jstr(s));
}

json_t *yc_task_json(const struct yc_task_clock *k, const struct yc_task_row *t, bool full)
{
	enum yc_task_state s = YC_TASK_PENDING;
	yc_task_state_parse(t->state, &s);
	int64_t left = 0;
	bool known = false;
	const char *light = yc_app_task_light(k, t, &left, &known);
	json_t *v =
	    json_pack("{s:I, s:{s:I, s:s}, s:{s:s, s:s}, s:s, s:o, s:s, s:s, s:s, s:I, s:I}", "id",
	              (json_int_t)t->id, "case", "id", (json_int_t)t->case_id, "number",
	              t->case_number, "item", "code", t->item_code, "name", t->item_name, "dept",
	              t->dept, "dept_name", yc_jstr(t->dept_name), "kind", t->kind, "state",
	              t->state, "state_name", yc_task_state_zh(s), "version",
	              (json_int_t)t->version, "promised_days", (json_int_t)t->promised_days);
	opt(v, "due_day", t->due_day, full);
	opt(v, "light", light, full);
	if (known || full)
		json_object_set_new(v, "days_left", known ? json_integer(left) : json_null());
	opt(v, "stopped_since", t->stopped_since, full);
	opt(v, "stop_reason", t->stop_reason, full);
	opt(v, "rectify_by", t->rectify_by, full);
	if (t->decided_at || full)
		json_object_set_new(v, "decided_at",
		                    t->decided_at ? yc_jtime(t->decided_at) : json_null());
	if (!full) /* a list row: what a workbench line shows */
		return v;
	json_object_set_new(json_object_get(v, "item"), "result", yc_jstr(t->item_result));
	json_object_set_new(v, "region", json_string(t->region));
	json_object_set_new(v, "started_on", json_string(t->started_on));
	json_t *susp = yc_jparse(t->suspensions);
	json_object_set_new(v, "suspensions", json_is_array(susp) ? susp : json_array());
	if (!json_is_array(susp))
		json_decref(susp);
	json_object_set_new(v, "rectify_note", yc_jstr(t->rectify_note));
	json_object_set_new(v, "opinion", yc_jstr(t->opinion));
	json_object_set_new(v, "basis", yc_jstr(t->basis));
	return v;
}

json_t *yc_tasks_of_case(struct yc_req *r, struct yc_db *db, int64_t case_id)
{
	struct yc_task_row *rows;
	int64_t n = 0;
	struct yc_task_clock k;
	json_t *out = json_array();
	if (yc_task_list_case(db, r->a, case_id, &rows, &n, NULL) != YC_OK || n == 0 ||
	    yc_app_task_clock(db, r->a, r->now, &k, NULL) != YC_OK)
		return out;
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(out, yc_task_json(&k, &rows[i], true));
	return out;
}

static enum yc_status reply(struct yc_req *r, struct t_ctx *c, enum yc_status st, int status)
{
	return yc_reply_tx(r, &c->p, st, status, &c->out);
}

/* ---- the department's workbench ---- */

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct t_ctx *c = vctx;
	struct yc_task_row *rows;
	int64_t n = 0, total = 0;
	struct yc_task_clock k;
	enum yc_status st = yc_task_list_dept(db, c->r->a, c->r->principal->dept, c->state, &c->pg,
	                                      &rows, &n, &total, e);
	if (st == YC_OK)
		st = yc_app_task_clock(db, c->r->a, c->r->now, &k, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, yc_task_json(&k, &rows[i], false));
	c->out = yc_list_json(items, total, &c->pg);
	return YC_OK;
}

enum yc_status yc_h_tasks_list(struct yc_req *r, struct yc_error *e)
{
	static const char *const states[] = {"open",     "pending", "suspended", "rectifying",
	                                     "approved", "refused", "closed",    NULL};
	struct t_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "state", states, &c.state, e);
	if (st == YC_OK && !r->principal->dept)
		st = yc_fail(e, YC_E_FORBIDDEN, NULL, "账户未关联部门");
	if (st != YC_OK)
		return st;
	/* a page and its total need no common snapshot */
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ_EACH, list_tx, &c, e), 200);
}

/* ---- one task ---- */

/* Load task c->id and decide access: a department user only to its own department's tasks;
 * window staff, supervisors and admins to the tasks of cases within their region. */
static enum yc_status load(struct yc_db *db, struct t_ctx *c, struct yc_task_row *t,
                           struct yc_case_row *k, struct yc_error *e)
{
	enum yc_status st = yc_task_get(db, c->r->a, c->id, t, e);
	if (st == YC_OK)
		st = yc_case_get(db, c->r->a, t->case_id, k, e);
	if (st != YC_OK)
		return st;
	if (c->r->principal->role == YC_ROLE_DEPT)
		st = yc_policy_scope(c->r->principal, t->region, t->dept);
	else
		st = yc_policy_case(c->r->principal, k->region, k->applicant_user, k->created_by);
	if (st != YC_OK)
		return yc_fail(e, st, NULL,
		               c->r->principal->role == YC_ROLE_DEPT
		                   ? "这不是本部门的分办任务"
		                   : "该分办任务不在本账号的范围内");
	return YC_OK;
}

/* The full view: the item's own form, the materials the item asks for, the history. */
static json_t *task_view(struct yc_req *r, struct yc_db *db, const struct yc_task_row *t,
                         const struct yc_case_row *k, struct yc_error *e)
{
	struct yc_task_clock clock;
	if (yc_app_task_clock(db, r->a, r->now, &clock, e) != YC_OK)
		return NULL;
	json_t *v = yc_task_json(&clock, t, true);
	json_object_set_new(
	    v, "case",
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)k->id, "number",
	              k->number, "matter", k->matter_code, "matter_name",
	              k->matter_name ? k->matter_name : "", "state", k->state, "applicant_name",
	              json_string(k->applicant_name), "due_day", yc_jstr(k->due_day)));
	json_t *form = NULL;
	yc_app_task_form(db, r->a, r->now, k, t->item_code, &form, NULL);
	json_object_set_new(v, "form", form ? form : json_object());
	/* the slots whose items include this one */
	json_t *sit = json_loads(k->situation, 0, NULL);
	struct yc_case_material *m;
	int64_t nm = 0;
	json_t *mats = json_array();
	if (yc_case_materials(db, r->a, k->id, &m, &nm, NULL) == YC_OK)
		for (int64_t i = 0; i < nm; i++) {
			bool mine = false;
			size_t j, q;
			json_t *s, *it;
			json_array_foreach(json_object_get(sit, "slots"), j, s)
			{
				if (strcmp(json_string_value(json_object_get(s, "slot")),
				           m[i].slot))
					continue;
				json_array_foreach(json_object_get(s, "items"), q, it)
				{
					mine |= strcmp(json_string_value(it), t->item_code) == 0;
				}
			}
			if (mine)
				json_array_append_new(
				    mats, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}",
				                    "slot", m[i].slot, "name", m[i].name, "status",
				                    m[i].status, "type", yc_jstr(m[i].type),
				                    "filename", yc_jstr(m[i].filename), "pages",
				                    m[i].pages >= 0 ? json_integer(m[i].pages)
				                                    : json_null(),
				                    "deadline", yc_jstr(m[i].deadline), "reference",
				                    yc_jstr(m[i].reference)));
		}
	json_decref(sit);
	json_object_set_new(v, "materials", mats);
	struct yc_case_history *h = NULL;
	int64_t nh = 0;
	if (yc_task_events(db, r->a, t->id, &h, &nh, NULL) != YC_OK)
		nh = 0;
	json_object_set_new(v, "history", yc_history_json(h, nh));
	return v;
}

static enum yc_status get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct t_ctx *c = vctx;
	struct yc_task_row t;
	struct yc_case_row k;
	enum yc_status st = load(db, c, &t, &k, e);
	json_t *v = st == YC_OK ? task_view(c->r, db, &t, &k, e) : NULL;
	if (st == YC_OK && !v)
		return yc_fail(e, YC_E_INTERNAL, NULL, "分办任务无法显示");
	if (v)
		c->out = json_pack("{s:o}", "task", v);
	return st;
}

enum yc_status yc_h_tasks_get(struct yc_req *r, struct yc_error *e)
{
	struct t_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ, get_tx, &c, e), 200);
}

/* ---- changes ---- */

static enum yc_status change_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct t_ctx *c = vctx;
	yc_problems_init(&c->p, c->r->a);
	struct yc_task_row t;
	struct yc_case_row k;
	enum yc_status st = load(db, c, &t, &k, e);
	if (st == YC_OK && c->case_id && t.case_id != c->case_id)
		st = yc_fail(e, YC_E_NOT_FOUND, NULL, "本办件没有这项分办任务");
	struct yc_actor who = yc_actor_of(c->r);
	if (st == YC_OK)
		st = yc_app_task_event(db, c->r->a, &who, (unsigned)c->r->principal->role,
		                       c->r->now, &t, &c->d, &c->p, e);
	if (st == YC_OK)
		st = yc_case_get(db, c->r->a, t.case_id, &k, e);
	json_t *v = st == YC_OK ? task_view(c->r, db, &t, &k, e) : NULL;
	if (st == YC_OK && !v)
		return yc_fail(e, YC_E_INTERNAL, NULL, "分办任务无法显示");
	if (v)
		c->out = json_pack("{s:o}", "task", v);
	return st;
}

static enum yc_status run_change(struct yc_req *r, struct t_ctx *c, int id_param,
                                 struct yc_error *e)
{
	enum yc_status st = yc_param_id(r, id_param, &c->id, e);
	if (st != YC_OK)
		return st;
	if (c->d.version < 1)
		return yc_fail(e, YC_E_BAD_INPUT, "version",
		               "请提供分办任务的当前版本号（version）");
	return reply(r, c, yc_store_tx(r->store, YC_TX_WRITE, change_tx, c, e), 200);
}

enum yc_status yc_h_tasks_decision(struct yc_req *r, struct yc_error *e)
{
	struct t_ctx c = {.r = r};
	const char *action = NULL;
	json_t *fields = NULL;
	const struct yc_field f[] = {{"action", YC_F_STRING, true, &action, NULL},
	                             {"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"opinion", YC_F_STRING, false, &c.d.opinion, NULL},
	                             {"basis", YC_F_STRING, false, &c.d.basis, NULL},
	                             {"rectify_by", YC_F_STRING, false, &c.d.rectify_by, NULL},
	                             {"fields", YC_F_OBJECT, false, &fields, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 6, e);
	if (st != YC_OK)
		return st;
	enum yc_task_event ev;
	if (!yc_task_event_parse(action, &ev) ||
	    (ev != YC_TEV_APPROVE && ev != YC_TEV_REFUSE && ev != YC_TEV_RECTIFY))
		return yc_fail(e, YC_E_BAD_INPUT, "action",
		               "action 应为 approve、refuse 或 rectify");
	if (fields && ev != YC_TEV_APPROVE)
		return yc_fail(e, YC_E_BAD_INPUT, "fields", "结果字段只在准予时给出");
	if (fields && json_dumpb(fields, NULL, 0, JSON_COMPACT) > 16384)
		return yc_fail(e, YC_E_BAD_INPUT, "fields", "结果字段过长（至多 16 KiB）");
	c.d.event = ev;
	c.d.fields = fields;
	return run_change(r, &c, 0, e);
}

enum yc_status yc_h_tasks_suspend(struct yc_req *r, struct yc_error *e)
{
	struct t_ctx c = {.r = r, .d = {.event = YC_TEV_SUSPEND}};
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"reason", YC_F_STRING, true, &c.d.reason, NULL},
	                             {"note", YC_F_STRING, true, &c.d.opinion, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 3, e);
	return st == YC_OK ? run_change(r, &c, 0, e) : st;
}

enum yc_status yc_h_tasks_resume(struct yc_req *r, struct yc_error *e)
{
	struct t_ctx c = {.r = r, .d = {.event = YC_TEV_RESUME}};
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"note", YC_F_STRING, false, &c.d.opinion, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	return st == YC_OK ? run_change(r, &c, 0, e) : st;
}

enum yc_status yc_h_cases_task_rectified(struct yc_req *r, struct yc_error *e)
{
	struct t_ctx c = {.r = r, .d = {.event = YC_TEV_RECTIFIED}};
	enum yc_status st = yc_param_id(r, 0, &c.case_id, e);
	if (st != YC_OK)
		return st;
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"note", YC_F_STRING, false, &c.d.opinion, NULL}};
	st = yc_parse_fields(r, f, 2, e);
	return st == YC_OK ? run_change(r, &c, 1, e) : st;
}

/* ---- the supervisor's watch ---- */

static enum yc_status watch_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct t_ctx *c = vctx;
	struct yc_task_clock k;
	enum yc_status st = yc_app_task_clock(db, c->r->a, c->r->now, &k, e);
	if (st != YC_OK)
		return st;
	struct yc_task_row *rows;
	int64_t n = 0, total = 0, red = 0;
	st = yc_task_watch_list(db, c->r->a, c->region, yc_day_str(c->r->a, k.today),
	                        yc_day_str(c->r->a, k.next), &c->pg, &rows, &n, &total, &red, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, yc_task_json(&k, &rows[i], false));
	c->out = yc_list_json(items, total, &c->pg);
	json_object_set_new(c->out, "region", json_string(c->region));
	json_object_set_new(c->out, "today", json_string(yc_day_str(c->r->a, k.today)));
	json_object_set_new(c->out, "red", json_integer(red));
	json_object_set_new(c->out, "yellow", json_integer(total - red));
	return YC_OK;
}

enum yc_status yc_h_watch(struct yc_req *r, struct yc_error *e)
{
	struct t_ctx c = {.r = r};
	bool given = false;
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_scope(r, &c.region, &given, e);
	if (st == YC_OK && !c.region)
		st = yc_fail(e, YC_E_FORBIDDEN, NULL, "账户未关联区划");
	if (st != YC_OK)
		return st;
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ, watch_tx, &c, e), 200);
}

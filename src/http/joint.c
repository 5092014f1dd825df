/* joint.c — joint review / inspection / acceptance events (联合评审 / 联合勘验 / 联合验收) over
 * HTTP: the lead department schedules one event for several tasks of a case, each participating
 * department records its opinion, the lead concludes (applied to every task) or cancels; views
 * for the departments involved and the case's staff in scope. Every change runs in one
 * transaction through src/app (joint.c there). See docs/joint.md. */
#include "http.h"

#include "../app/app.h"
#include "../core/case_fsm.h"

#include <string.h>

struct j_ctx {
	struct yc_req *r;
	int64_t id; /* the case (schedule, case list) or the event */
	struct yc_joint_input in;
	struct yc_joint_decision d;
	const char *verdict, *opinion, *note, *state;
	enum { J_OPINION, J_CONCLUDE, J_CANCEL } mode;
	struct yc_page pg;
	struct yc_problems p;
	json_t *out;
};

static enum yc_status reply(struct yc_req *r, struct j_ctx *c, enum yc_status st, int status)
{
	return yc_reply_tx(r, &c->p, st, status, &c->out);
}

static const char *kind_zh(const char *k)
{
	return strcmp(k, "inspection") == 0   ? "联合勘验"
	       : strcmp(k, "acceptance") == 0 ? "联合验收"
	                                      : "联合评审";
}

static const char *state_zh(const char *s)
{
	return strcmp(s, "scheduled") == 0   ? "待召开"
	       : strcmp(s, "concluded") == 0 ? "已作出结论"
	                                     : "已取消";
}

static json_t *conclusion_name(const char *c)
{
	if (!c)
		return json_null();
	return json_string(strcmp(c, "pass") == 0   ? "通过"
	                   : strcmp(c, "fail") == 0 ? "不通过"
	                                            : "整改后通过");
}

static json_t *verdict_name(const char *v)
{
	return json_string(strcmp(v, "pass") == 0   ? "通过"
	                   : strcmp(v, "fail") == 0 ? "不通过"
	                                            : "整改后通过");
}

static bool has(const char **v, int64_t n, const char *s)
{
	for (int64_t i = 0; s && i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* A task as an event and the scheduling dialog show it. */
static json_t *task_brief(const struct yc_task_row *t)
{
	enum yc_task_state s = YC_TASK_PENDING;
	yc_task_state_parse(t->state, &s);
	return json_pack("{s:I, s:{s:s, s:s}, s:s, s:o, s:s, s:s, s:I, s:o}", "id",
	                 (json_int_t)t->id, "item", "code", t->item_code, "name", t->item_name,
	                 "dept", t->dept, "dept_name", yc_jstr(t->dept_name), "state", t->state,
	                 "state_name", yc_task_state_zh(s), "version", (json_int_t)t->version,
	                 "due_day", yc_jstr(t->due_day));
}

/* An event as shown, with its tasks, its departments and their opinions, and what the caller may
 * do with it. */
static enum yc_status joint_view(struct yc_req *r, struct yc_db *db, const struct yc_joint_row *j,
                                 json_t **out, struct yc_error *e)
{
	struct yc_task_row *tasks;
	const char **depts;
	int64_t nt = 0, nd = 0, no = 0;
	struct yc_joint_opinion *ops;
	enum yc_status st = yc_app_joint_tasks(db, r->a, j, &tasks, &nt, &depts, &nd, e);
	if (st == YC_OK)
		st = yc_joint_opinions(db, r->a, j->id, &ops, &no, e);
	if (st != YC_OK)
		return st;
	json_t *people = json_loads(j->participants, 0, NULL);
	json_t *v = json_pack(
	    "{s:I, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:s, s:s, s:s?, s:o, "
	    "s:s?, s:s?, s:s?, s:I, s:o, s:o}",
	    "id", (json_int_t)j->id, "case", "id", (json_int_t)j->case_id, "number", j->case_number,
	    "region", j->region, "kind", j->kind, "kind_name", kind_zh(j->kind), "lead_dept",
	    j->lead_dept, "lead_dept_name", yc_jstr(j->lead_dept_name), "scheduled_at",
	    j->scheduled_at, "place", j->place, "participants", people ? people : json_array(),
	    "state", j->state, "state_name", state_zh(j->state), "conclusion", j->conclusion,
	    "conclusion_name", conclusion_name(j->conclusion), "note", j->note, "rectify_note",
	    j->rectify_note, "rectify_by", j->rectify_by, "version", (json_int_t)j->version,
	    "created_at", yc_jtime(j->created_at), "concluded_at",
	    j->concluded_at ? yc_jtime(j->concluded_at) : json_null());
	json_t *tv = json_array();
	for (int64_t i = 0; i < nt; i++)
		json_array_append_new(tv, task_brief(&tasks[i]));
	json_object_set_new(v, "tasks", tv);
	json_t *dv = json_array(), *missing = json_array();
	for (int64_t i = 0; i < nd; i++) {
		const char *name = NULL;
		for (int64_t k = 0; k < nt && !name; k++)
			if (strcmp(tasks[k].dept, depts[i]) == 0)
				name = tasks[k].dept_name;
		json_t *op = json_null();
		for (int64_t k = 0; k < no; k++)
			if (strcmp(ops[k].dept, depts[i]) == 0)
				op = json_pack("{s:s, s:o, s:s, s:{s:I, s:o, s:o}, s:o}", "verdict",
				               ops[k].verdict, "verdict_name",
				               verdict_name(ops[k].verdict), "opinion",
				               ops[k].opinion, "by", "id", (json_int_t)ops[k].by,
				               "username", yc_jstr(ops[k].username), "name",
				               yc_jstr(ops[k].name), "at", yc_jtime(ops[k].at));
		if (json_is_null(op))
			json_array_append_new(missing, json_string(depts[i]));
		json_array_append_new(
		    dv, json_pack("{s:s, s:o, s:b, s:o}", "code", depts[i], "name", yc_jstr(name),
		                  "lead", strcmp(depts[i], j->lead_dept) == 0, "opinion", op));
	}
	json_object_set_new(v, "depts", dv);
	/* what the caller may do now */
	const char *mine = r->principal->role == YC_ROLE_DEPT ? r->principal->dept : NULL;
	bool open = strcmp(j->state, "scheduled") == 0;
	bool lead = mine && strcmp(mine, j->lead_dept) == 0;
	bool answered = false;
	for (int64_t k = 0; mine && k < no; k++)
		answered |= strcmp(ops[k].dept, mine) == 0;
	json_object_set_new(v, "can",
	                    json_pack("{s:b, s:b, s:b}", "opinion",
	                              open && has(depts, nd, mine) && !answered, "conclude",
	                              open && lead && json_array_size(missing) == 0, "cancel",
	                              open && lead));
	json_object_set_new(v, "missing", missing);
	*out = v;
	return YC_OK;
}

/* Whether the caller may see event j: the case's staff in scope (window, supervisor, admin),
 * and the lead and the participating departments. */
static enum yc_status may_see(struct yc_req *r, struct yc_db *db, const struct yc_joint_row *j,
                              struct yc_error *e)
{
	const struct yc_principal *pr = r->principal;
	if (pr->role != YC_ROLE_DEPT) {
		if (yc_policy_case(pr, j->region, 0, 0) != YC_OK)
			return yc_fail(e, YC_E_FORBIDDEN, NULL, "该联合评审不在本账号的区划范围内");
		return YC_OK;
	}
	if (yc_policy_scope(pr, j->region, NULL) != YC_OK || !pr->dept)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "本部门不参加该联合评审");
	if (strcmp(pr->dept, j->lead_dept) == 0)
		return YC_OK;
	struct yc_task_row *tasks;
	const char **depts;
	int64_t nt = 0, nd = 0;
	enum yc_status st = yc_app_joint_tasks(db, r->a, j, &tasks, &nt, &depts, &nd, e);
	if (st != YC_OK)
		return st;
	return has(depts, nd, pr->dept)
	           ? YC_OK
	           : yc_fail(e, YC_E_FORBIDDEN, NULL, "本部门不参加该联合评审");
}

/* ---- the events of a case: schedule, list ---- */

static enum yc_status schedule_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct j_ctx *c = vctx;
	yc_problems_init(&c->p, c->r->a);
	struct yc_case_row k;
	enum yc_status st = yc_case_get(db, c->r->a, c->id, &k, e);
	if (st != YC_OK)
		return st;
	if (yc_policy_scope(c->r->principal, k.region, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "该办件不在本部门的区划范围内");
	struct yc_actor who = yc_actor_of(c->r);
	int64_t id = 0;
	st = yc_app_joint_schedule(db, c->r->a, &who, c->r->principal->dept, c->r->now, &k, &c->in,
	                           &c->p, &id, e);
	struct yc_joint_row j;
	if (st == YC_OK)
		st = yc_joint_get(db, c->r->a, id, &j, e);
	json_t *v = NULL;
	if (st == YC_OK)
		st = joint_view(c->r, db, &j, &v, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "joint_event", v);
	return st;
}

enum yc_status yc_h_joint_schedule(struct yc_req *r, struct yc_error *e)
{
	struct j_ctx c = {.r = r};
	json_t *participants = NULL, *tasks = NULL;
	const struct yc_field f[] = {{"kind", YC_F_STRING, true, &c.in.kind, NULL},
	                             {"scheduled_at", YC_F_STRING, true, &c.in.scheduled_at, NULL},
	                             {"place", YC_F_STRING, true, &c.in.place, NULL},
	                             {"participants", YC_F_ARRAY, true, &participants, NULL},
	                             {"tasks", YC_F_ARRAY, true, &tasks, NULL}};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st == YC_OK)
		st = yc_parse_fields(r, f, 5, e);
	if (st != YC_OK)
		return st;
	c.in.participants = participants;
	c.in.tasks = tasks;
	return reply(r, &c, yc_store_tx(r->store, YC_TX_WRITE, schedule_tx, &c, e), 201);
}

static enum yc_status case_list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct j_ctx *c = vctx;
	const struct yc_principal *pr = c->r->principal;
	struct yc_case_row k;
	enum yc_status st = yc_case_get(db, c->r->a, c->id, &k, e);
	const char *lead = NULL;
	struct yc_task_row *tasks;
	int64_t nt = 0;
	if (st == YC_OK)
		st = yc_app_joint_lead(db, c->r->a, &k, &lead, e);
	if (st == YC_OK)
		st = yc_task_list_case(db, c->r->a, k.id, &tasks, &nt, e);
	if (st != YC_OK)
		return st;
	bool is_lead = false;
	if (pr->role != YC_ROLE_DEPT) {
		if (yc_policy_case(pr, k.region, k.applicant_user, k.created_by) != YC_OK)
			return yc_fail(e, YC_E_FORBIDDEN, NULL, "该办件不在本账号的区划范围内");
	} else {
		/* the lead department, and the departments with a task in the case */
		is_lead = pr->dept && lead && strcmp(lead, pr->dept) == 0;
		bool in = is_lead;
		for (int64_t i = 0; !in && i < nt; i++)
			in = pr->dept && strcmp(tasks[i].dept, pr->dept) == 0;
		if (!in || yc_policy_scope(pr, k.region, NULL) != YC_OK)
			return yc_fail(e, YC_E_FORBIDDEN, NULL, "本部门未参与该办件的办理");
	}
	struct yc_joint_row *rows;
	int64_t n = 0;
	if ((st = yc_joint_list_case(db, c->r->a, k.id, &rows, &n, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		json_t *v = NULL;
		if ((st = joint_view(c->r, db, &rows[i], &v, e)) == YC_OK)
			json_array_append_new(items, v);
	}
	if (st != YC_OK) {
		json_decref(items);
		return st;
	}
	/* what the lead may gather: the case's tasks (each department's), and whether it may */
	json_t *tv = json_array();
	for (int64_t i = 0; i < nt; i++)
		json_array_append_new(tv, task_brief(&tasks[i]));
	c->out = json_pack("{s:o, s:{s:I, s:s, s:s}, s:o, s:o, s:b}", "items", items, "case", "id",
	                   (json_int_t)k.id, "number", k.number, "state", k.state, "lead_dept",
	                   yc_jstr(lead), "tasks", tv, "can_schedule",
	                   is_lead && strcmp(k.state, "in_progress") == 0);
	return YC_OK;
}

enum yc_status yc_h_joint_case_list(struct yc_req *r, struct yc_error *e)
{
	struct j_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ, case_list_tx, &c, e), 200);
}

/* ---- a department's events ---- */

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct j_ctx *c = vctx;
	struct yc_joint_row *rows;
	int64_t n = 0, total = 0;
	enum yc_status st = yc_joint_list_dept(db, c->r->a, c->r->principal->dept, c->state, &c->pg,
	                                       &rows, &n, &total, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		json_t *v = NULL;
		if ((st = joint_view(c->r, db, &rows[i], &v, e)) == YC_OK)
			json_array_append_new(items, v);
	}
	if (st != YC_OK) {
		json_decref(items);
		return st;
	}
	c->out = yc_list_json(items, total, &c->pg);
	return YC_OK;
}

enum yc_status yc_h_joint_list(struct yc_req *r, struct yc_error *e)
{
	static const char *const states[] = {"scheduled", "concluded", "cancelled", NULL};
	static const char *const ones[] = {"1", NULL};
	struct j_ctx c = {.r = r};
	const char *mine = NULL;
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "state", states, &c.state, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "mine", ones, &mine, e);
	if (st == YC_OK && !r->principal->dept)
		st = yc_fail(e, YC_E_FORBIDDEN, NULL, "账户未关联部门");
	if (st != YC_OK)
		return st;
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e), 200);
}

/* ---- one event: view, opinion, conclusion, cancellation ---- */

static enum yc_status get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct j_ctx *c = vctx;
	struct yc_joint_row j;
	enum yc_status st = yc_joint_get(db, c->r->a, c->id, &j, e);
	if (st == YC_OK)
		st = may_see(c->r, db, &j, e);
	json_t *v = NULL;
	if (st == YC_OK)
		st = joint_view(c->r, db, &j, &v, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "joint_event", v);
	return st;
}

enum yc_status yc_h_joint_get(struct yc_req *r, struct yc_error *e)
{
	struct j_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ, get_tx, &c, e), 200);
}

static enum yc_status change_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct j_ctx *c = vctx;
	yc_problems_init(&c->p, c->r->a);
	struct yc_joint_row j;
	enum yc_status st = yc_joint_get(db, c->r->a, c->id, &j, e);
	if (st != YC_OK)
		return st;
	if (yc_policy_scope(c->r->principal, j.region, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "该联合评审不在本部门的区划范围内");
	struct yc_actor who = yc_actor_of(c->r);
	const char *dept = c->r->principal->dept;
	if (c->mode == J_OPINION)
		st = yc_app_joint_opinion(db, c->r->a, &who, dept, c->r->now, &j, c->verdict,
		                          c->opinion, e);
	else if (c->mode == J_CANCEL)
		st = yc_app_joint_cancel(db, c->r->a, &who, dept, c->r->now, &j, c->d.version,
		                         c->note, e);
	else
		st = yc_app_joint_conclude(db, c->r->a, &who, dept, c->r->now, &j, &c->d, &c->p, e);
	json_t *v = NULL;
	if (st == YC_OK)
		st = joint_view(c->r, db, &j, &v, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "joint_event", v);
	return st;
}

static enum yc_status run_change(struct yc_req *r, struct j_ctx *c, struct yc_error *e)
{
	enum yc_status st = yc_param_id(r, 0, &c->id, e);
	if (st != YC_OK)
		return st;
	return reply(r, c, yc_store_tx(r->store, YC_TX_WRITE, change_tx, c, e), 200);
}

enum yc_status yc_h_joint_opinion(struct yc_req *r, struct yc_error *e)
{
	struct j_ctx c = {.r = r};
	const struct yc_field f[] = {{"verdict", YC_F_STRING, true, &c.verdict, NULL},
	                             {"opinion", YC_F_STRING, true, &c.opinion, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	return st == YC_OK ? run_change(r, &c, e) : st;
}

enum yc_status yc_h_joint_conclude(struct yc_req *r, struct yc_error *e)
{
	struct j_ctx c = {.r = r, .mode = J_CONCLUDE};
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"conclusion", YC_F_STRING, true, &c.d.conclusion, NULL},
	                             {"note", YC_F_STRING, false, &c.d.note, NULL},
	                             {"rectify_note", YC_F_STRING, false, &c.d.rectify_note, NULL},
	                             {"rectify_by", YC_F_STRING, false, &c.d.rectify_by, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 5, e);
	return st == YC_OK ? run_change(r, &c, e) : st;
}

enum yc_status yc_h_joint_cancel(struct yc_req *r, struct yc_error *e)
{
	struct j_ctx c = {.r = r, .mode = J_CANCEL};
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"note", YC_F_STRING, false, &c.note, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	return st == YC_OK ? run_change(r, &c, e) : st;
}

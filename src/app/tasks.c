/* tasks.c — joint handling (一次联办): acceptance splits a case into one task per item of its
 * situation, each department decides its own task in parallel, the clock of each task runs in
 * working days and stops while it is suspended or waiting for the applicant, and the case
 * concludes when the last task ends. Transitions come from the task table of core/case_fsm.h;
 * every one is a history row and an audit row in the caller's transaction. See docs/tasks.md. */
#include "app.h"

#include "../core/calendar.h"
#include "../core/case_fsm.h"
#include "../core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The day in China (UTC+8) of unix time t. */
static yc_day cst_day(int64_t t)
{
	int32_t d = yc_date_cst(t);
	return yc_day_of(d / 10000, (unsigned)(d / 100 % 100), (unsigned)(d % 100));
}

/* The suspension periods of a task (its JSON column) for the calendar, plus the open one
 * (stopped_since to the day before `until`) when `until` is given. */
static enum yc_status periods_of(struct yc_arena *a, const struct yc_task_row *t, yc_day until,
                                 struct yc_cal_period **v, int *n, struct yc_error *e)
{
	json_t *arr = json_loads(t->suspensions ? t->suspensions : "[]", 0, NULL);
	size_t cap = json_array_size(arr) + 1;
	if (cap > YC_CAL_MAX_PERIODS) {
		json_decref(arr);
		return yc_fail(
		    e, YC_E_CONFLICT, "suspensions",
		    yc_printf(a, "分办任务的中止次数已达上限（%d 次）", YC_CAL_MAX_PERIODS - 1));
	}
	*v = yc_alloc(a, sizeof **v * cap);
	*n = 0;
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		yc_day s, en;
		if (yc_day_parse(json_string_value(json_object_get(x, "start")), &s) &&
		    yc_day_parse(json_string_value(json_object_get(x, "end")), &en) && s <= en)
			(*v)[(*n)++] = (struct yc_cal_period){s, en};
	}
	json_decref(arr);
	yc_day s;
	if (until && t->stopped_since && yc_day_parse(t->stopped_since, &s) && s < until)
		(*v)[(*n)++] = (struct yc_cal_period){s, until - 1};
	return YC_OK;
}

/* The due day of a task: its promised working days after the day it started, the stopped
 * periods not counted. A year without a calendar is a clear error (calendar_missing). */
static enum yc_status due_of(struct yc_db *db, struct yc_arena *a, const struct yc_task_row *t,
                             const struct yc_calendar *cal, yc_day until, const char **out,
                             struct yc_error *e)
{
	yc_day from, to;
	if (!yc_day_parse(t->started_on, &from))
		return yc_fail(e, YC_E_INTERNAL, NULL, "分办任务的起算日无法识别");
	struct yc_cal_period *v = NULL;
	int n = 0;
	enum yc_status st = periods_of(a, t, until, &v, &n, e);
	if (st != YC_OK)
		return st;
	struct yc_calendar *own = NULL;
	if (!cal && (st = yc_app_calendar(db, a, &own, e)) != YC_OK)
		return st;
	st = yc_cal_add_excl(cal ? cal : own, from, t->promised_days, v, n, &to, e);
	if (st == YC_E_CALENDAR_MISSING)
		return yc_fail(e, st, "calendar",
		               yc_printf(a, "%s，无法计算“%s”的办理期限，请管理员先设置工作日历",
		                         e->message, t->item_name));
	if (st == YC_OK)
		*out = yc_day_str(a, to);
	return st;
}

/* ---- dispatch ---- */

enum yc_status yc_app_case_dispatch(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, int64_t now, struct yc_case_row *c,
                                    struct yc_error *e)
{
	json_t *sit = json_loads(c->situation, 0, NULL);
	int64_t case_days = json_integer_value(json_object_get(sit, "promised_days"));
	yc_day start = cst_day(c->accepted_at ? c->accepted_at : now);
	struct yc_calendar *cal;
	enum yc_status st = yc_app_calendar(db, a, &cal, e);
	int64_t *immediate =
	    yc_alloc(a, sizeof *immediate * (json_array_size(json_object_get(sit, "items")) + 1));
	int nimm = 0;
	size_t i;
	json_t *x;
	json_array_foreach(st == YC_OK ? json_object_get(sit, "items") : NULL, i, x)
	{
		const char *kind = json_string_value(json_object_get(x, "kind"));
		bool imm = kind && strcmp(kind, "immediate") == 0;
		int64_t days = json_integer_value(json_object_get(x, "promised_days"));
		/* the matter's promise binds every item: the items run in parallel within it */
		if (case_days > 0 && (days <= 0 || days > case_days))
			days = case_days;
		struct yc_task_row t = {.case_id = c->id,
		                        .case_number = c->number,
		                        .item_code = json_string_value(json_object_get(x, "code")),
		                        .item_name = json_string_value(json_object_get(x, "name")),
		                        .item_result =
		                            json_string_value(json_object_get(x, "result")),
		                        .dept = json_string_value(json_object_get(x, "dept")),
		                        .region = c->region,
		                        .kind = imm ? "immediate" : "promised",
		                        .state = "pending",
		                        .promised_days = imm ? 0 : days,
		                        .started_on = yc_day_str(a, start),
		                        .created_at = now};
		if (!t.item_code || !t.item_name || !t.dept) {
			st = yc_fail(e, YC_E_INTERNAL, NULL, "办件的情形缺少事项或部门");
			break;
		}
		if ((st = due_of(db, a, &t, cal, 0, &t.due_day, e)) != YC_OK)
			break;
		int64_t id = 0;
		if ((st = yc_task_insert(db, &t, &id, e)) != YC_OK)
			break;
		json_t *detail = json_pack("{s:s, s:s, s:s, s:s}", "item", t.item_code, "dept",
		                           t.dept, "kind", t.kind, "due_day", t.due_day);
		st = yc_task_event_add(db, id, c->id, "dispatch", "", "pending", who->id, who->role,
		                       yc_app_json_text(a, detail), now, e);
		if (st == YC_OK)
			st = yc_app_audit(db, a, who, now, "task.dispatch", "task",
			                  yc_printf(a, "%lld", (long long)id), c->region, NULL,
			                  detail, e);
		json_decref(detail);
		if (st == YC_OK && imm)
			immediate[nimm++] = id;
		if (st == YC_OK && !imm) {
			struct yc_message_out m = {
			    .role = "dept",
			    .region = c->region,
			    .dept = t.dept,
			    .case_id = c->id,
			    .kind = "task.dispatched",
			    .title = "新的分办任务",
			    .body = yc_printf(a, "办件 %s 的“%s”已分办到本部门，请在 %s 前办结。",
			                      c->number, t.item_name, t.due_day),
			    .link = yc_printf(a, "/dept/tasks/%lld", (long long)id)};
			st = yc_app_message(db, a, now, &m, e);
		}
		if (st != YC_OK)
			break;
	}
	json_decref(sit);
	struct yc_problems p;
	yc_problems_init(&p, a);
	struct yc_case_decision d = {.event = YC_EV_DISPATCH, .version = c->version};
	if (st == YC_OK)
		st = yc_app_case_event(db, a, who, YC_ACTOR_SYSTEM, now, c, &d, &p, e);
	/* 即办件: decided at acceptance (当场办结), their results issued at once */
	for (int k = 0; st == YC_OK && k < nimm; k++) {
		struct yc_task_row t;
		if ((st = yc_task_get(db, a, immediate[k], &t, e)) != YC_OK)
			break;
		struct yc_task_decision td = {.event = YC_TEV_APPROVE,
		                              .version = t.version,
		                              .opinion = "即办件，受理时当场办结"};
		st = yc_app_task_event(db, a, who, YC_ACTOR_SYSTEM, now, &t, &td, &p, e);
	}
	return st == YC_OK ? yc_case_get(db, a, c->id, c, e) : st;
}

/* ---- one task event ---- */

static const char *const suspend_reasons[][2] = {
    {"hearing", "听证"},           {"testing", "检验、检测、检疫"}, {"inspection", "现场勘验"},
    {"expert_review", "专家评审"}, {"rectification", "申请人整改"},
};

static const char *reason_zh(const char *r)
{
	for (size_t i = 0; r && i < sizeof suspend_reasons / sizeof suspend_reasons[0]; i++)
		if (strcmp(suspend_reasons[i][0], r) == 0)
			return suspend_reasons[i][1];
	return NULL;
}

/* Approve: every tolerated material the item asks for must have arrived. */
static enum yc_status tolerance_arrived(struct yc_db *db, struct yc_arena *a,
                                        const struct yc_task_row *t, const struct yc_case_row *c,
                                        struct yc_problems *p, struct yc_error *e)
{
	struct yc_case_material *m;
	int64_t n = 0;
	enum yc_status st = yc_case_materials(db, a, t->case_id, &m, &n, e);
	if (st != YC_OK)
		return st;
	json_t *sit = json_loads(c->situation, 0, NULL);
	const char *names = "";
	for (int64_t i = 0; i < n; i++) {
		if (strcmp(m[i].status, "tolerated") != 0)
			continue;
		bool mine = false;
		size_t k;
		json_t *s, *it;
		json_array_foreach(json_object_get(sit, "slots"), k, s)
		{
			if (strcmp(json_string_value(json_object_get(s, "slot")), m[i].slot) != 0)
				continue;
			size_t j;
			json_array_foreach(json_object_get(s, "items"), j, it)
			{
				mine |= strcmp(json_string_value(it), t->item_code) == 0;
			}
		}
		if (!mine)
			continue;
		yc_problem_add(p, yc_printf(a, "materials.%s", m[i].slot),
		               "容缺材料“%s”尚未补交（期限 %s）", m[i].name,
		               m[i].deadline ? m[i].deadline : "未定");
		names = yc_printf(a, "%s%s“%s”", names, names[0] ? "、" : "", m[i].name);
	}
	json_decref(sit);
	if (p->n)
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "容缺材料%s尚未补交，不能作出准予决定", names));
	return YC_OK;
}

/* Close the stopped period that began on t->stopped_since (ending the day before today) and
 * move the due day by it. */
static enum yc_status restart_clock(struct yc_db *db, struct yc_arena *a, struct yc_task_row *t,
                                    yc_day today, json_t *detail, struct yc_error *e)
{
	yc_day s;
	json_t *arr = json_loads(t->suspensions ? t->suspensions : "[]", 0, NULL);
	if (!arr)
		arr = json_array();
	if (t->stopped_since && yc_day_parse(t->stopped_since, &s) && s < today) {
		json_t *period = json_pack("{s:s, s:s, s:s?}", "start", t->stopped_since, "end",
		                           yc_day_str(a, today - 1), "reason", t->stop_reason);
		json_array_append(arr, period);
		json_object_set_new(detail, "period", period);
	}
	t->suspensions = yc_app_json_text(a, arr);
	json_decref(arr);
	t->stopped_since = NULL;
	t->stop_reason = NULL;
	enum yc_status st = due_of(db, a, t, NULL, 0, &t->due_day, e);
	if (st == YC_OK)
		json_object_set_new(detail, "due_day", json_string(t->due_day));
	return st;
}

static bool text_ok(const char *s, int64_t min, int64_t max)
{
	return s && yc_text_check(s, strlen(s), min, max, true, "x", NULL) == YC_OK;
}

enum yc_status yc_app_task_event(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                 unsigned actor, int64_t now, struct yc_task_row *t,
                                 const struct yc_task_decision *d, struct yc_problems *p,
                                 struct yc_error *e)
{
	enum yc_task_state from;
	if (!yc_task_state_parse(t->state, &from))
		return yc_fail(e, YC_E_INTERNAL, NULL, "分办任务状态无法识别");
	if (d->version != t->version)
		return yc_fail(e, YC_E_CONFLICT, "version", "分办任务已被他人更新，请刷新后重试");
	enum yc_task_event ev = d->event;
	enum yc_status st = yc_task_check(from, ev, actor);
	if (st != YC_OK)
		return yc_fail(e, st, "action",
		               st == YC_E_FORBIDDEN
		                   ? "当前角色不能进行此操作"
		                   : yc_printf(a, "分办任务处于“%s”，不能%s",
		                               yc_task_state_zh(from), yc_task_event_name(ev)));
	const struct yc_task_transition *tr = yc_task_step(from, ev, actor);
	struct yc_case_row c;
	if ((st = yc_case_get(db, a, t->case_id, &c, e)) != YC_OK)
		return st;
	yc_day today = cst_day(now);
	struct yc_task_row next = *t;
	next.state = yc_task_state_name(tr->to);
	json_t *detail = json_object();
	if (d->opinion)
		json_object_set_new(detail, "opinion", json_string(d->opinion));
	switch (ev) {
	case YC_TEV_APPROVE:
		if (d->opinion && !text_ok(d->opinion, 0, 2000))
			yc_problem_add(p, "opinion", "审批意见最多 2000 字");
		if (d->fields && !json_is_object(d->fields))
			yc_problem_add(p, "fields", "结果字段应为对象");
		if (p->n)
			st = yc_fail(e, YC_E_BAD_INPUT, p->v[0].field, p->v[0].message);
		else
			st = tolerance_arrived(db, a, t, &c, p, e);
		next.opinion = d->opinion ? d->opinion : "准予";
		break;
	case YC_TEV_REFUSE:
		if (!text_ok(d->basis, 2, 1000))
			yc_problem_add(p, "basis", "不予决定须写明法定理由（2 至 1000 字）");
		if (d->opinion && !text_ok(d->opinion, 0, 2000))
			yc_problem_add(p, "opinion", "审批意见最多 2000 字");
		if (p->n)
			st = yc_fail(e, YC_E_BAD_INPUT, p->v[0].field, p->v[0].message);
		next.opinion = d->opinion;
		next.basis = d->basis;
		if (d->basis)
			json_object_set_new(detail, "basis", json_string(d->basis));
		break;
	case YC_TEV_RECTIFY: {
		yc_day by;
		if (!text_ok(d->opinion, 2, 2000))
			yc_problem_add(p, "opinion", "请写明需要整改的内容（2 至 2000 字）");
		if (!d->rectify_by || !yc_day_parse(d->rectify_by, &by))
			yc_problem_add(p, "rectify_by", "请给出整改期限（YYYY-MM-DD）");
		else if (by < today)
			yc_problem_add(p, "rectify_by", "整改期限不能早于今天");
		if (p->n) {
			st = yc_fail(e, YC_E_BAD_INPUT, p->v[0].field, p->v[0].message);
			break;
		}
		next.rectify_note = d->opinion;
		next.rectify_by = d->rectify_by;
		next.stopped_since = yc_day_str(a, today);
		next.stop_reason = "rectification";
		json_object_set_new(detail, "rectify_by", json_string(d->rectify_by));
		break;
	}
	case YC_TEV_SUSPEND:
		if (!d->reason || !reason_zh(d->reason) || strcmp(d->reason, "rectification") == 0)
			yc_problem_add(p, "reason",
			               "中止原因应为 hearing（听证）、testing（检验检测）、"
			               "inspection（现场勘验）或 expert_review（专家评审）");
		if (!text_ok(d->opinion, 2, 1000))
			yc_problem_add(p, "note", "请说明特别程序的内容（2 至 1000 字）");
		if (p->n) {
			st = yc_fail(e, YC_E_BAD_INPUT, p->v[0].field, p->v[0].message);
			break;
		}
		next.stopped_since = yc_day_str(a, today);
		next.stop_reason = d->reason;
		json_object_set_new(detail, "reason", json_string(d->reason));
		break;
	case YC_TEV_RECTIFIED:
		if (d->opinion && !text_ok(d->opinion, 0, 2000))
			st = yc_fail(e, YC_E_BAD_INPUT, "note", "整改说明最多 2000 字");
		else
			st = restart_clock(db, a, &next, today, detail, e);
		break;
	case YC_TEV_RESUME:
		st = restart_clock(db, a, &next, today, detail, e);
		break;
	default:
		break;
	}
	if (st == YC_OK && yc_task_ended(tr->to)) {
		next.decided_by = who->id;
		next.decided_at = now;
	}
	next.light = "green";
	if (st == YC_OK)
		st = yc_task_update(db, &next, t->state, t->version, now, e);
	const char *result = NULL;
	if (st == YC_OK && ev == YC_TEV_APPROVE) {
		next.version = t->version + 1;
		st = yc_app_result_issue(db, a, who, now, &c, &next, d->fields, &result, e);
		if (result)
			json_object_set_new(detail, "result", json_string(result));
	}
	const char *dtext = yc_app_json_text(a, detail);
	if (st == YC_OK)
		st = yc_task_event_add(db, t->id, t->case_id, yc_task_event_name(ev), t->state,
		                       next.state, who->id, who->role, dtext, now, e);
	if (st == YC_OK) {
		json_t *before =
		    json_pack("{s:s, s:I}", "state", t->state, "version", (json_int_t)t->version);
		json_t *after = json_pack("{s:s, s:O}", "state", next.state, "detail", detail);
		st = yc_app_audit(db, a, who, now, yc_printf(a, "task.%s", yc_task_event_name(ev)),
		                  "task", yc_printf(a, "%lld", (long long)t->id), t->region, before,
		                  after, e);
		json_decref(before);
		json_decref(after);
	}
	json_decref(detail);
	/* the applicant is told what to fix */
	if (st == YC_OK && ev == YC_TEV_RECTIFY && c.applicant_user) {
		struct yc_message_out m = {
		    .user_id = c.applicant_user,
		    .case_id = c.id,
		    .kind = "task.rectify",
		    .title = "请按要求整改",
		    .body = yc_printf(a, "办件 %s 的“%s”需要整改：%s。请在 %s 前完成并告知。",
		                      c.number, t->item_name, d->opinion, d->rectify_by),
		    .link = yc_printf(a, "/my/cases/%lld", (long long)c.id),
		    .sms_phone = c.applicant_phone};
		st = yc_app_message(db, a, now, &m, e);
	}
	if (st == YC_OK && yc_task_ended(tr->to) && ev != YC_TEV_CLOSE)
		st = yc_app_case_conclude_if_done(db, a, now, c.id, e);
	return st == YC_OK ? yc_task_get(db, a, t->id, t, e) : st;
}

/* ---- conclusion and closing ---- */

enum yc_status yc_app_case_conclude_if_done(struct yc_db *db, struct yc_arena *a, int64_t now,
                                            int64_t case_id, struct yc_error *e)
{
	struct yc_task_row *rows;
	int64_t n = 0;
	enum yc_status st = yc_task_list_case(db, a, case_id, &rows, &n, e);
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		enum yc_task_state s;
		if (!yc_task_state_parse(rows[i].state, &s) || !yc_task_ended(s))
			return YC_OK;
	}
	struct yc_case_row c;
	if (st == YC_OK)
		st = yc_case_get(db, a, case_id, &c, e);
	if (st != YC_OK || strcmp(c.state, "in_progress") != 0)
		return st;
	const struct yc_actor sys = {.id = 0, .username = "system", .role = "system"};
	struct yc_problems p;
	yc_problems_init(&p, a);
	struct yc_case_decision d = {.event = YC_EV_CONCLUDE, .version = c.version};
	st = yc_app_case_event(db, a, &sys, YC_ACTOR_SYSTEM, now, &c, &d, &p, e);
	if (st == YC_OK)
		st = yc_app_delivery_on_conclude(db, a, now, &c, e);
	return st;
}

enum yc_status yc_app_case_close_tasks(struct yc_db *db, struct yc_arena *a,
                                       const struct yc_actor *who, int64_t now, int64_t case_id,
                                       struct yc_error *e)
{
	/* a joint review or inspection still to come is cancelled first, in the lead's name */
	struct yc_joint_row *ev;
	int64_t ne = 0;
	enum yc_status st = yc_joint_list_case(db, a, case_id, &ev, &ne, e);
	for (int64_t i = 0; st == YC_OK && i < ne; i++)
		if (strcmp(ev[i].state, "scheduled") == 0)
			st = yc_app_joint_cancel(db, a, who, ev[i].lead_dept, now, &ev[i],
			                         ev[i].version,
			                         "办件已撤回、终止或撤销，联合活动取消", e);
	if (st != YC_OK)
		return st;
	struct yc_task_row *rows;
	int64_t n = 0;
	st = yc_task_list_case(db, a, case_id, &rows, &n, e);
	struct yc_problems p;
	yc_problems_init(&p, a);
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		enum yc_task_state s;
		if (!yc_task_state_parse(rows[i].state, &s) || yc_task_ended(s))
			continue;
		struct yc_task_decision d = {.event = YC_TEV_CLOSE, .version = rows[i].version};
		st = yc_app_task_event(db, a, who, YC_ACTOR_SYSTEM, now, &rows[i], &d, &p, e);
	}
	return st;
}

/* ---- the time-limit watch ---- */

/* Orders of the watch's flags: by colour, then department or region. */
static int flag_by_dept(const void *x, const void *y)
{
	const struct yc_task_flag *p = x, *q = y;
	int c = strcmp(p->light, q->light);
	return c ? c : strcmp(p->dept, q->dept);
}

static int flag_by_region(const void *x, const void *y)
{
	const struct yc_task_flag *p = x, *q = y;
	int c = strcmp(p->light, q->light);
	return c ? c : strcmp(p->region, q->region);
}

enum yc_status yc_app_tasks_watch(struct yc_db *db, struct yc_arena *a, int64_t now,
                                  int64_t *affected, struct yc_error *e)
{
	yc_day today = cst_day(now), next;
	*affected = 0;
	struct yc_calendar *cal;
	enum yc_status st = yc_app_calendar(db, a, &cal, e);
	if (st != YC_OK)
		return st;
	struct yc_error ce = {0};
	if (yc_cal_add(cal, today, 1, &next, &ce) != YC_OK)
		next = today + 1; /* no calendar for tomorrow: at least the next day is yellow */
	struct yc_task_flag *f;
	int64_t n = 0;
	if ((st = yc_task_watch(db, a, yc_day_str(a, today), yc_day_str(a, next), &f, &n, e)) !=
	    YC_OK)
		return st;
	*affected = n;
	/* one message per department and colour, and one per region and colour for its
	 * supervisors: a thousand tasks turning red is one message, not a thousand */
	for (int pass = 0; pass < 2 && st == YC_OK && n > 0; pass++) {
		int (*cmp)(const void *, const void *) = pass ? flag_by_region : flag_by_dept;
		qsort(f, (size_t)n, sizeof *f, cmp);
		for (int64_t i = 0; i < n && st == YC_OK;) {
			int64_t j = i + 1;
			while (j < n && cmp(&f[i], &f[j]) == 0)
				j++;
			bool red = strcmp(f[i].light, "red") == 0;
			const char *first = yc_printf(a, "%s “%s”（期限 %s）", f[i].case_number,
			                              f[i].item_name, f[i].due_day);
			const char *what = red ? "已超过办理期限" : "剩余不足 1 个工作日";
			struct yc_message_out m = {
			    .role = pass ? "supervisor" : "dept",
			    .region = f[i].region,
			    .dept = pass ? NULL : f[i].dept,
			    .kind = red ? "task.overdue" : "task.due_soon",
			    .title = red ? "分办任务已超期" : "分办任务即将到期",
			    .body = j - i == 1 ? yc_printf(a, "%s%s。", first, what)
			                       : yc_printf(a, "%lld 项分办任务%s，其中 %s。",
			                                   (long long)(j - i), what, first),
			    .link = pass ? "/supervisor/watch" : "/dept/tasks"};
			st = yc_app_message(db, a, now, &m, e);
			i = j;
		}
	}
	return st;
}

/* ---- views ---- */

enum yc_status yc_app_task_clock(struct yc_db *db, struct yc_arena *a, int64_t now,
                                 struct yc_task_clock *out, struct yc_error *e)
{
	out->today = cst_day(now);
	out->cal = NULL;
	enum yc_status st = yc_app_calendar(db, a, &out->cal, e);
	struct yc_error ce = {0};
	if (st == YC_OK && yc_cal_add(out->cal, out->today, 1, &out->next, &ce) != YC_OK)
		out->next = out->today + 1;
	return st;
}

const char *yc_app_task_light(const struct yc_task_clock *k, const struct yc_task_row *t,
                              int64_t *days_left, bool *known)
{
	yc_day due;
	*known = false;
	*days_left = 0;
	enum yc_task_state s;
	if (!yc_task_state_parse(t->state, &s) || yc_task_ended(s) || !t->due_day ||
	    !yc_day_parse(t->due_day, &due))
		return NULL;
	struct yc_error ce = {0};
	*known = yc_cal_between(k->cal, k->today, due, days_left, &ce) == YC_OK;
	if (!yc_task_clock_runs(s))
		return "stopped";
	if (due < k->today)
		return "red";
	return due <= k->next ? "yellow" : "green";
}

enum yc_status yc_app_task_form(struct yc_db *db, struct yc_arena *a, int64_t now,
                                const struct yc_case_row *c, const char *item_code, json_t **out,
                                struct yc_error *e)
{
	*out = NULL;
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, a, c->matter_code, c->matter_version, &l, e);
	if (st != YC_OK)
		return st;
	json_t *answers = json_loads(c->answers, 0, NULL), *values = json_loads(c->form, 0, NULL);
	json_t *check = NULL;
	struct yc_problems p;
	yc_problems_init(&p, a);
	struct yc_error fe = {0};
	if (answers && values &&
	    yc_app_form_check(&l, answers, values, yc_date_cst(now), a, &check, &p, &fe) == YC_OK)
		*out = json_incref(json_object_get(json_object_get(check, "forms"), item_code));
	json_decref(check);
	json_decref(answers);
	json_decref(values);
	yc_app_matter_unload(&l);
	if (!*out)
		*out = json_object();
	return YC_OK;
}

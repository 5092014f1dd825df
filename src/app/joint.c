/* joint.c — joint review, joint inspection and joint acceptance (联合评审 / 联合勘验 / 联合验收):
 * the lead department of a case's matter gathers several of the case's pending tasks into one
 * event (time, place, participants), every department whose task is in it records its opinion
 * once, and the lead's conclusion is applied to each task through the one task runner
 * (yc_app_task_event) in one transaction — all tasks or none. See app.h and docs/joint.md. */
#include "app.h"

#include "../core/case_fsm.h"
#include "../core/text.h"
#include "../core/validate.h"

#include <stdio.h>
#include <string.h>

static const char *kind_zh(const char *kind)
{
	return strcmp(kind, "inspection") == 0   ? "联合勘验"
	       : strcmp(kind, "acceptance") == 0 ? "联合验收"
	                                         : "联合评审";
}

static bool text_ok(const char *s, long min, long max)
{
	return s && yc_text_check(s, strlen(s), min, max, true, NULL, NULL) == YC_OK;
}

/* Unix seconds of a local (UTC+8) time "YYYY-MM-DDTHH:MM"; false when malformed. */
static bool local_time(const char *s, int64_t *out)
{
	int32_t ymd = 0;
	if (!s || strlen(s) != 16 || s[10] != 'T' || s[13] != ':' || !yc_date_valid(s, 10, &ymd))
		return false;
	int v[4];
	for (int i = 0; i < 4; i++) {
		char ch = s[11 + i + (i >= 2)];
		if (ch < '0' || ch > '9')
			return false;
		v[i] = ch - '0';
	}
	int h = v[0] * 10 + v[1], m = v[2] * 10 + v[3];
	if (h > 23 || m > 59)
		return false;
	int64_t days =
	    yc_days_from_civil(ymd / 10000, (unsigned)(ymd / 100 % 100), (unsigned)(ymd % 100));
	*out = days * 86400 + h * 3600 + m * 60 - 8 * 3600;
	return true;
}

static enum yc_status problems(struct yc_problems *p, struct yc_error *e)
{
	return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
	               p->n == 1 ? p->v[0].message
	                         : yc_printf(p->a, "共发现 %d 个问题，请逐条修正", p->n));
}

enum yc_status yc_app_joint_lead(struct yc_db *db, struct yc_arena *a, const struct yc_case_row *c,
                                 const char **dept, struct yc_error *e)
{
	struct yc_matter_version v;
	*dept = NULL;
	enum yc_status st = yc_matter_version_get(db, a, c->matter_code, c->matter_version, &v, e);
	if (st != YC_OK)
		return st;
	json_t *doc = json_loads(v.doc, 0, NULL);
	const char *lead = json_string_value(json_object_get(doc, "lead_dept"));
	if (lead && lead[0])
		*dept = yc_strdup(a, lead);
	json_decref(doc);
	return YC_OK;
}

enum yc_status yc_app_joint_tasks(struct yc_db *db, struct yc_arena *a,
                                  const struct yc_joint_row *j, struct yc_task_row **tasks,
                                  int64_t *ntasks, const char ***depts, int64_t *ndepts,
                                  struct yc_error *e)
{
	int64_t *ids, n = 0;
	enum yc_status st = yc_joint_task_ids(db, a, j->id, &ids, &n, e);
	if (st != YC_OK)
		return st;
	*tasks = yc_alloc(a, sizeof **tasks * (size_t)(n + 1));
	*depts = yc_alloc(a, sizeof **depts * (size_t)(n + 1));
	*ntasks = *ndepts = 0;
	for (int64_t i = 0; i < n; i++) {
		struct yc_task_row *t = &(*tasks)[(*ntasks)++];
		if ((st = yc_task_get(db, a, ids[i], t, e)) != YC_OK)
			return st;
		bool seen = false;
		for (int64_t k = 0; k < *ndepts && !seen; k++)
			seen = strcmp((*depts)[k], t->dept) == 0;
		if (!seen)
			(*depts)[(*ndepts)++] = t->dept;
	}
	return YC_OK;
}

/* One history row on each task of the event. */
static enum yc_status tell_tasks(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                 int64_t now, const struct yc_task_row *tasks, int64_t n,
                                 const char *event, const json_t *detail, struct yc_error *e)
{
	const char *text = yc_app_json_text(a, detail);
	enum yc_status st = YC_OK;
	for (int64_t i = 0; st == YC_OK && i < n; i++)
		st = yc_task_event_add(db, tasks[i].id, tasks[i].case_id, event, tasks[i].state,
		                       tasks[i].state, who->id, who->role, text, now, e);
	return st;
}

static const char *id_text(struct yc_arena *a, int64_t id)
{
	return yc_printf(a, "%lld", (long long)id);
}

/* A message (我的消息) to each department of the tasks but the lead: what happened to the event. */
static enum yc_status tell_depts(struct yc_db *db, struct yc_arena *a, int64_t now,
                                 const struct yc_task_row *tasks, int64_t n, const char *lead,
                                 const char *region, int64_t case_id, int64_t event_id,
                                 const char *kind, const char *title, const char *body,
                                 struct yc_error *e)
{
	enum yc_status st = YC_OK;
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		bool seen = strcmp(tasks[i].dept, lead) == 0;
		for (int64_t k = 0; k < i && !seen; k++)
			seen = strcmp(tasks[k].dept, tasks[i].dept) == 0;
		if (seen)
			continue;
		struct yc_message_out m = {
		    .role = "dept",
		    .region = region,
		    .dept = tasks[i].dept,
		    .case_id = case_id,
		    .kind = kind,
		    .title = title,
		    .body = body,
		    .link = yc_printf(a, "/dept/joint/%lld", (long long)event_id)};
		st = yc_app_message(db, a, now, &m, e);
	}
	return st;
}

/* "YYYY-MM-DD HH:MM" of a scheduled time. */
static const char *when_text(struct yc_arena *a, const char *t)
{
	return yc_printf(a, "%.10s %s", t, strlen(t) > 11 ? t + 11 : "");
}

/* ---- schedule ---- */

static void check_participants(const json_t *v, struct yc_problems *p)
{
	if (!json_is_array(v) || json_array_size(v) == 0) {
		yc_problem_add(p, "participants", "请列出参加人员（至少一人）");
		return;
	}
	if (json_array_size(v) > 50)
		yc_problem_add(p, "participants", "参加人员至多 50 人");
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		if (i >= 50)
			break;
		if (!json_is_object(x)) {
			yc_problem_add(p, yc_printf(p->a, "participants[%zu]", i),
			               "参加人员应为 {\"name\",\"dept\",\"role\"}");
			continue;
		}
		static const struct {
			const char *key, *zh;
			long max;
		} keys[] = {{"name", "姓名", 50}, {"dept", "单位", 100}, {"role", "职责", 50}};
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			const char *s = json_string_value(json_object_get(x, keys[k].key));
			if (!text_ok(s, 1, keys[k].max) || strchr(s, '\n'))
				yc_problem_add(
				    p, yc_printf(p->a, "participants[%zu].%s", i, keys[k].key),
				    "参加人员的%s应为 1 至 %ld 个字", keys[k].zh, keys[k].max);
		}
		const char *key;
		json_t *val;
		json_object_foreach((json_t *)x, key, val)
		{
			if (strcmp(key, "name") != 0 && strcmp(key, "dept") != 0 &&
			    strcmp(key, "role") != 0)
				yc_problem_add(p, yc_printf(p->a, "participants[%zu].%s", i, key),
				               "参加人员只有 name、dept、role 三项");
		}
	}
}

/* Every field of the input; the task ids into ids[0..*n). */
static void check_input(const struct yc_joint_input *in, int64_t now, struct yc_arena *a,
                        int64_t **ids, int64_t *n, struct yc_problems *p)
{
	if (!in->kind || (strcmp(in->kind, "review") != 0 && strcmp(in->kind, "inspection") != 0 &&
	                  strcmp(in->kind, "acceptance") != 0))
		yc_problem_add(p, "kind",
		               "kind 应为 review（联合评审）、inspection（联合勘验）或 "
		               "acceptance（联合验收）");
	int64_t at = 0;
	if (!local_time(in->scheduled_at, &at))
		yc_problem_add(p, "scheduled_at", "时间应为 YYYY-MM-DDTHH:MM（北京时间）");
	else if (at <= now)
		yc_problem_add(p, "scheduled_at", "时间须晚于现在");
	if (!text_ok(in->place, 2, 200) || strchr(in->place, '\n'))
		yc_problem_add(p, "place", "地点应为 2 至 200 个字");
	check_participants(in->participants, p);
	size_t nt = json_array_size(in->tasks);
	*ids = yc_alloc(a, sizeof **ids * (nt + 1));
	*n = 0;
	if (nt < 2) {
		yc_problem_add(p, "tasks", "联合评审（勘验、验收）至少包括同一办件的两个任务");
		return;
	}
	if (nt > 50) {
		yc_problem_add(p, "tasks", "一次至多 50 个任务");
		return;
	}
	size_t i;
	json_t *x;
	json_array_foreach(in->tasks, i, x)
	{
		json_int_t id = json_is_integer(x) ? json_integer_value(x) : 0;
		bool dup = false;
		for (int64_t k = 0; k < *n && !dup; k++)
			dup = (*ids)[k] == id;
		if (id < 1)
			yc_problem_add(p, yc_printf(a, "tasks[%zu]", i), "任务编号应为正整数");
		else if (dup)
			yc_problem_add(p, yc_printf(a, "tasks[%zu]", i), "任务 #%lld 重复",
			               (long long)id);
		else
			(*ids)[(*n)++] = id;
	}
}

enum yc_status yc_app_joint_schedule(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, const char *dept, int64_t now,
                                     const struct yc_case_row *c, const struct yc_joint_input *in,
                                     struct yc_problems *p, int64_t *id, struct yc_error *e)
{
	const char *lead = NULL;
	enum yc_status st = yc_app_joint_lead(db, a, c, &lead, e);
	if (st != YC_OK)
		return st;
	if (!lead || !dept || strcmp(lead, dept) != 0)
		return yc_fail(e, YC_E_FORBIDDEN, NULL,
		               "只有该一件事的牵头部门可以组织联合评审（勘验、验收）");
	if (strcmp(c->state, "in_progress") != 0)
		return yc_fail(e, YC_E_CONFLICT, "state", "办件不在办理中，不能组织联合评审");
	int64_t *ids, n = 0;
	check_input(in, now, a, &ids, &n, p);
	/* every task of this case: bad input; then each must be pending and free: conflict */
	struct yc_task_row *tasks = yc_alloc(a, sizeof *tasks * (size_t)(n + 1));
	for (int64_t i = 0; i < n; i++) {
		const char *field = yc_printf(a, "tasks[%lld]", (long long)i);
		struct yc_error te = {0};
		st = yc_task_get(db, a, ids[i], &tasks[i], &te);
		if (st == YC_E_NOT_FOUND)
			yc_problem_add(p, field, "任务 #%lld 不存在", (long long)ids[i]);
		else if (st != YC_OK)
			return yc_fail(e, st, te.field, te.message);
		else if (tasks[i].case_id != c->id)
			yc_problem_add(p, field, "任务 #%lld（%s）不属于办件 %s", (long long)ids[i],
			               tasks[i].item_name, c->number);
	}
	if (p->n)
		return problems(p, e);
	for (int64_t i = 0; i < n; i++) {
		const struct yc_task_row *t = &tasks[i];
		enum yc_task_state s = YC_TASK_PENDING;
		yc_task_state_parse(t->state, &s);
		if (s != YC_TASK_PENDING)
			return yc_fail(
			    e, YC_E_CONFLICT, yc_printf(a, "tasks[%lld]", (long long)i),
			    yc_printf(a, "任务 #%lld（%s）处于“%s”，只有审批中的任务可以联合评审",
			              (long long)t->id, t->item_name, yc_task_state_zh(s)));
		int64_t other = 0;
		if ((st = yc_joint_open_of_task(db, t->id, &other, e)) != YC_OK)
			return st;
		if (other)
			return yc_fail(e, YC_E_CONFLICT, yc_printf(a, "tasks[%lld]", (long long)i),
			               yc_printf(a,
			                         "任务 #%lld（%s）已在联合评审 #%lld 中，尚未结束",
			                         (long long)t->id, t->item_name, (long long)other));
	}
	/* the participants as stored: only the three keys */
	json_t *people = json_array();
	size_t k;
	json_t *x;
	json_array_foreach(in->participants, k, x)
	{
		json_array_append_new(people, json_pack("{s:O, s:O, s:O}", "name",
		                                        json_object_get(x, "name"), "dept",
		                                        json_object_get(x, "dept"), "role",
		                                        json_object_get(x, "role")));
	}
	struct yc_joint_row j = {.case_id = c->id,
	                         .case_number = c->number,
	                         .region = c->region,
	                         .kind = in->kind,
	                         .lead_dept = lead,
	                         .scheduled_at = in->scheduled_at,
	                         .place = in->place,
	                         .participants = yc_app_json_text(a, people),
	                         .created_by = who->id,
	                         .created_at = now};
	json_decref(people);
	st = yc_joint_insert(db, &j, id, e);
	json_t *tids = json_array();
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		st = yc_joint_task_add(db, *id, ids[i], e);
		json_array_append_new(tids, json_integer(ids[i]));
	}
	json_t *detail = json_pack("{s:I, s:s, s:s, s:s, s:s}", "joint_event", (json_int_t)*id,
	                           "kind", in->kind, "kind_name", kind_zh(in->kind), "scheduled_at",
	                           in->scheduled_at, "place", in->place);
	if (st == YC_OK)
		st = tell_tasks(db, a, who, now, tasks, n, "joint_scheduled", detail, e);
	if (st == YC_OK)
		st = tell_depts(
		    db, a, now, tasks, n, lead, c->region, c->id, *id, "joint.scheduled",
		    yc_printf(a, "%s通知", kind_zh(in->kind)),
		    yc_printf(a, "办件 %s 的%s定于 %s 在%s举行，请派员参加并提交本部门意见。",
		              c->number, kind_zh(in->kind), when_text(a, in->scheduled_at),
		              in->place),
		    e);
	if (st == YC_OK) {
		json_t *after = json_deep_copy(detail);
		json_object_set_new(after, "case", json_string(c->number));
		json_object_set(after, "tasks", tids);
		json_object_set_new(after, "participants", json_loads(j.participants, 0, NULL));
		st = yc_app_audit(db, a, who, now, "joint.schedule", "joint_event", id_text(a, *id),
		                  c->region, NULL, after, e);
		json_decref(after);
	}
	json_decref(tids);
	json_decref(detail);
	return st;
}

/* ---- opinions ---- */

enum yc_status yc_app_joint_opinion(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, const char *dept, int64_t now,
                                    struct yc_joint_row *j, const char *verdict,
                                    const char *opinion, struct yc_error *e)
{
	struct yc_task_row *tasks;
	const char **depts;
	int64_t nt = 0, nd = 0;
	enum yc_status st = yc_app_joint_tasks(db, a, j, &tasks, &nt, &depts, &nd, e);
	if (st != YC_OK)
		return st;
	bool in = false;
	for (int64_t i = 0; i < nd && !in; i++)
		in = dept && strcmp(depts[i], dept) == 0;
	if (!in)
		return yc_fail(e, YC_E_FORBIDDEN, NULL,
		               "本部门没有任务在该联合评审中，不能提交意见");
	if (strcmp(j->state, "scheduled") != 0)
		return yc_fail(e, YC_E_CONFLICT, "state", "联合评审已结束，不能再提交意见");
	if (!verdict || (strcmp(verdict, "pass") != 0 && strcmp(verdict, "fail") != 0 &&
	                 strcmp(verdict, "rectify") != 0))
		return yc_fail(e, YC_E_BAD_INPUT, "verdict",
		               "verdict 应为 pass（通过）、fail（不通过）或 rectify（整改后通过）");
	if (!text_ok(opinion, 2, 2000))
		return yc_fail(e, YC_E_BAD_INPUT, "opinion", "意见应为 2 至 2000 个字");
	struct yc_joint_opinion o = {
	    .dept = dept, .verdict = verdict, .opinion = opinion, .by = who->id, .at = now};
	st = yc_joint_opinion_add(db, j->id, &o, e);
	if (st == YC_OK)
		st = yc_joint_touch(db, j->id, now, e);
	json_t *detail = json_pack("{s:I, s:s, s:s, s:s}", "joint_event", (json_int_t)j->id, "dept",
	                           dept, "verdict", verdict, "opinion", opinion);
	if (st == YC_OK)
		st = tell_tasks(db, a, who, now, tasks, nt, "joint_opinion", detail, e);
	if (st == YC_OK)
		st = yc_app_audit(db, a, who, now, "joint.opinion", "joint_event",
		                  id_text(a, j->id), j->region, NULL, detail, e);
	json_decref(detail);
	return st == YC_OK ? yc_joint_get(db, a, j->id, j, e) : st;
}

/* ---- conclusion and cancellation ---- */

/* The lead department, a current version, still scheduled. */
static enum yc_status lead_check(const struct yc_joint_row *j, const char *dept, int64_t version,
                                 struct yc_error *e)
{
	if (!dept || strcmp(j->lead_dept, dept) != 0)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "只有牵头部门可以作出结论或取消");
	if (strcmp(j->state, "scheduled") != 0)
		return yc_fail(e, YC_E_CONFLICT, "state",
		               strcmp(j->state, "concluded") == 0 ? "联合评审已作出结论"
		                                                  : "联合评审已取消");
	if (version != j->version)
		return yc_fail(e, YC_E_CONFLICT, "version", "联合评审已被他人更新，请刷新后重试");
	return YC_OK;
}

static void check_decision(const struct yc_joint_decision *d, int64_t now, struct yc_problems *p,
                           int *event)
{
	*event = -1;
	if (d->conclusion && strcmp(d->conclusion, "pass") == 0)
		*event = YC_TEV_APPROVE;
	else if (d->conclusion && strcmp(d->conclusion, "fail") == 0)
		*event = YC_TEV_REFUSE;
	else if (d->conclusion && strcmp(d->conclusion, "pass_after_rectification") == 0)
		*event = YC_TEV_RECTIFY;
	else
		yc_problem_add(p, "conclusion",
		               "conclusion 应为 pass（通过）、fail（不通过）或 "
		               "pass_after_rectification（整改后通过）");
	if (*event == YC_TEV_REFUSE && !d->note)
		yc_problem_add(p, "note", "结论为不通过时须写明理由和依据（note）");
	else if (d->note && !text_ok(d->note, 2, 1000))
		yc_problem_add(p, "note", "结论说明应为 2 至 1000 个字");
	if (*event == YC_TEV_RECTIFY) {
		if (!text_ok(d->rectify_note, 2, 1000))
			yc_problem_add(p, "rectify_note", "请写明整改内容（2 至 1000 个字）");
		int32_t by = 0;
		if (!d->rectify_by || !yc_date_valid(d->rectify_by, strlen(d->rectify_by), &by))
			yc_problem_add(p, "rectify_by", "请给出整改期限（YYYY-MM-DD）");
		else if (by < yc_date_cst(now))
			yc_problem_add(p, "rectify_by", "整改期限不能早于今天");
	} else {
		if (d->rectify_note)
			yc_problem_add(p, "rectify_note", "只有整改后通过的结论才有整改内容");
		if (d->rectify_by)
			yc_problem_add(p, "rectify_by", "只有整改后通过的结论才有整改期限");
	}
}

enum yc_status yc_app_joint_conclude(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, const char *dept, int64_t now,
                                     struct yc_joint_row *j, const struct yc_joint_decision *d,
                                     struct yc_problems *p, struct yc_error *e)
{
	enum yc_status st = lead_check(j, dept, d->version, e);
	if (st != YC_OK)
		return st;
	int event = -1;
	check_decision(d, now, p, &event);
	if (p->n)
		return problems(p, e);
	struct yc_task_row *tasks;
	const char **depts;
	int64_t nt = 0, nd = 0;
	if ((st = yc_app_joint_tasks(db, a, j, &tasks, &nt, &depts, &nd, e)) != YC_OK)
		return st;
	/* every participating department has spoken */
	struct yc_joint_opinion *ops;
	int64_t no = 0;
	if ((st = yc_joint_opinions(db, a, j->id, &ops, &no, e)) != YC_OK)
		return st;
	const char *missing = "";
	for (int64_t i = 0; i < nd; i++) {
		bool given = false;
		for (int64_t k = 0; k < no && !given; k++)
			given = strcmp(ops[k].dept, depts[i]) == 0;
		if (given)
			continue;
		const char *name = depts[i];
		for (int64_t k = 0; k < nt; k++)
			if (strcmp(tasks[k].dept, depts[i]) == 0 && tasks[k].dept_name)
				name = tasks[k].dept_name;
		missing = yc_printf(a, "%s%s%s", missing, missing[0] ? "、" : "", name);
		yc_problem_add(p, "opinions", "%s（%s）尚未提交意见", name, depts[i]);
	}
	if (p->n)
		return yc_fail(e, YC_E_BAD_INPUT, "opinions",
		               yc_printf(a, "以下部门尚未提交意见，不能作出结论：%s", missing));
	/* every task still pending, or nothing is applied */
	const char *stale = "";
	for (int64_t i = 0; i < nt; i++) {
		enum yc_task_state s = YC_TASK_PENDING;
		yc_task_state_parse(tasks[i].state, &s);
		if (s != YC_TASK_PENDING)
			stale = yc_printf(a, "%s%s任务 #%lld（%s，%s）", stale,
			                  stale[0] ? "、" : "", (long long)tasks[i].id,
			                  tasks[i].item_name, yc_task_state_zh(s));
	}
	if (stale[0])
		return yc_fail(e, YC_E_CONFLICT, "tasks",
		               yc_printf(a, "%s已不在审批中，结论未应用于任何任务", stale));
	const char *kind = kind_zh(j->kind);
	const char *opinion = event == YC_TEV_RECTIFY ? d->rectify_note
	                      : d->note               ? yc_printf(a, "%s结论：%s", kind, d->note)
	                      : event == YC_TEV_APPROVE ? yc_printf(a, "%s结论：通过", kind)
	                                                : yc_printf(a, "%s结论：不通过", kind);
	json_t *detail =
	    json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:s?}", "joint_event", (json_int_t)j->id, "kind",
	              j->kind, "conclusion", d->conclusion, "note", d->note, "rectify_note",
	              d->rectify_note, "rectify_by", d->rectify_by);
	const char *dtext = yc_app_json_text(a, detail);
	json_t *applied = json_array();
	for (int64_t i = 0; st == YC_OK && i < nt; i++) {
		struct yc_task_row *t = &tasks[i];
		const char *from = t->state;
		struct yc_task_decision td = {.event = event,
		                              .version = t->version,
		                              .opinion = opinion,
		                              .basis = event == YC_TEV_REFUSE ? d->note : NULL,
		                              .rectify_by =
		                                  event == YC_TEV_RECTIFY ? d->rectify_by : NULL};
		st = yc_app_task_event(db, a, who, YC_ACTOR_SYSTEM, now, t, &td, p, e);
		if (st == YC_OK)
			st = yc_task_event_add(db, t->id, t->case_id, "joint_concluded", from,
			                       t->state, who->id, who->role, dtext, now, e);
		json_array_append_new(
		    applied, json_pack("{s:I, s:s}", "task", (json_int_t)t->id, "state", t->state));
	}
	struct yc_joint_row next = *j;
	next.state = "concluded";
	next.conclusion = d->conclusion;
	next.note = d->note;
	next.rectify_note = d->rectify_note;
	next.rectify_by = d->rectify_by;
	next.concluded_by = who->id;
	if (st == YC_OK)
		st = yc_joint_set_state(db, &next, j->version, now, e);
	if (st == YC_OK)
		st = tell_depts(db, a, now, tasks, nt, j->lead_dept, j->region, j->case_id, j->id,
		                "joint.concluded", yc_printf(a, "%s结论", kind),
		                yc_printf(a, "办件 %s 于 %s 的%s结论：%s，已应用到所涉任务。",
		                          j->case_number, when_text(a, j->scheduled_at), kind,
		                          event == YC_TEV_APPROVE  ? "通过"
		                          : event == YC_TEV_REFUSE ? "不通过"
		                                                   : "整改后通过"),
		                e);
	if (st == YC_OK) {
		json_t *before =
		    json_pack("{s:s, s:I}", "state", j->state, "version", (json_int_t)j->version);
		json_object_set_new(detail, "tasks", json_incref(applied));
		st = yc_app_audit(db, a, who, now, "joint.conclude", "joint_event",
		                  id_text(a, j->id), j->region, before, detail, e);
		json_decref(before);
	}
	json_decref(applied);
	json_decref(detail);
	return st == YC_OK ? yc_joint_get(db, a, j->id, j, e) : st;
}

enum yc_status yc_app_joint_cancel(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   const char *dept, int64_t now, struct yc_joint_row *j,
                                   int64_t version, const char *note, struct yc_error *e)
{
	enum yc_status st = lead_check(j, dept, version, e);
	if (st != YC_OK)
		return st;
	if (note && !text_ok(note, 2, 500))
		return yc_fail(e, YC_E_BAD_INPUT, "note", "取消原因应为 2 至 500 个字");
	struct yc_task_row *tasks;
	const char **depts;
	int64_t nt = 0, nd = 0;
	if ((st = yc_app_joint_tasks(db, a, j, &tasks, &nt, &depts, &nd, e)) != YC_OK)
		return st;
	struct yc_joint_row next = *j;
	next.state = "cancelled";
	next.note = note;
	next.concluded_by = who->id;
	st = yc_joint_set_state(db, &next, version, now, e);
	json_t *detail = json_pack("{s:I, s:s, s:s?}", "joint_event", (json_int_t)j->id, "kind",
	                           j->kind, "note", note);
	if (st == YC_OK)
		st = tell_tasks(db, a, who, now, tasks, nt, "joint_cancelled", detail, e);
	if (st == YC_OK)
		st = tell_depts(db, a, now, tasks, nt, j->lead_dept, j->region, j->case_id, j->id,
		                "joint.cancelled", yc_printf(a, "%s取消", kind_zh(j->kind)),
		                yc_printf(a, "办件 %s 原定于 %s 的%s已取消%s%s。", j->case_number,
		                          when_text(a, j->scheduled_at), kind_zh(j->kind),
		                          note ? "：" : "", note ? note : ""),
		                e);
	if (st == YC_OK) {
		json_t *before =
		    json_pack("{s:s, s:I}", "state", j->state, "version", (json_int_t)j->version);
		st = yc_app_audit(db, a, who, now, "joint.cancel", "joint_event", id_text(a, j->id),
		                  j->region, before, detail, e);
		json_decref(before);
	}
	json_decref(detail);
	return st == YC_OK ? yc_joint_get(db, a, j->id, j, e) : st;
}

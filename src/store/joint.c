/* joint.c — joint review / inspection / acceptance events (联合评审 / 联合勘验 / 联合验收) in the
 * store: the event, the tasks it decides, and one opinion per participating department. The
 * event's state moves only from scheduled (to concluded or cancelled), guarded by its version. */
#include "backend.h"

#include <string.h>

static void read_joint(struct yc_rows *r, struct yc_arena *a, struct yc_joint_row *j)
{
	j->id = q_int(r, 0);
	j->case_id = q_int(r, 1);
	j->case_number = q_str(r, 2, a);
	j->region = q_str(r, 3, a);
	j->kind = q_str(r, 4, a);
	j->lead_dept = q_str(r, 5, a);
	j->lead_dept_name = q_str(r, 6, a);
	j->scheduled_at = q_str(r, 7, a);
	j->place = q_str(r, 8, a);
	j->participants = q_str(r, 9, a);
	j->state = q_str(r, 10, a);
	j->conclusion = q_str(r, 11, a);
	j->rectify_note = q_str(r, 12, a);
	j->rectify_by = q_str(r, 13, a);
	j->note = q_str(r, 14, a);
	j->version = q_int(r, 15);
	j->created_by = q_int(r, 16);
	j->created_at = q_int(r, 17);
	j->concluded_by = q_int(r, 18);
	j->concluded_at = q_int(r, 19);
	j->updated_at = q_int(r, 20);
}

enum yc_status yc_joint_insert(struct yc_db *db, const struct yc_joint_row *j, int64_t *id,
                               struct yc_error *e)
{
	struct yc_param p[] = {PI(j->case_id),   PT(j->case_number),  PT(j->region),
	                       PT(j->kind),      PT(j->lead_dept),    PT(j->scheduled_at),
	                       PT(j->place),     PT(j->participants), PI(j->created_by),
	                       PI(j->created_at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_JOINT_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	return st;
}

enum yc_status yc_joint_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                            struct yc_joint_row *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_JOINT_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_joint(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "联合评审（勘验、验收）不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_joint_task_add(struct yc_db *db, int64_t event_id, int64_t task_id,
                                 struct yc_error *e)
{
	struct yc_param p[] = {PI(event_id), PI(task_id)};
	return q_exec(db, YC_STMT_JOINT_TASK_ADD, p, NPARAM(p), NULL, e);
}

enum yc_status yc_joint_task_ids(struct yc_db *db, struct yc_arena *a, int64_t event_id,
                                 int64_t **ids, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(event_id)};
	enum yc_status st = q_run(db, YC_STMT_JOINT_TASK_IDS, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*ids = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*ids = yc_grow(a, *ids, *n, &cap, sizeof **ids);
		(*ids)[(*n)++] = q_int(&r, 0);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_joint_open_of_task(struct yc_db *db, int64_t task_id, int64_t *event_id,
                                     struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(task_id)};
	enum yc_status st = q_run(db, YC_STMT_JOINT_OPEN_OF_TASK, p, 1, &r, e);
	*event_id = 0;
	if (st == YC_OK && q_has_row(&r))
		*event_id = q_int(&r, 0);
	q_done(&r);
	return st;
}

enum yc_status yc_joint_opinion_add(struct yc_db *db, int64_t event_id,
                                    const struct yc_joint_opinion *o, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(event_id),   PT(o->dept), PT(o->verdict),
	                       PT(o->opinion), PI(o->by),   PI(o->at)};
	enum yc_status st = q_exec(db, YC_STMT_JOINT_OPINION_ADD, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "dept",
		               "本部门已对该联合评审提交意见，不能重复提交");
	return st;
}

enum yc_status yc_joint_opinions(struct yc_db *db, struct yc_arena *a, int64_t event_id,
                                 struct yc_joint_opinion **rows, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(event_id)};
	enum yc_status st = q_run(db, YC_STMT_JOINT_OPINIONS, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		struct yc_joint_opinion *o = &(*rows)[(*n)++];
		o->dept = q_str(&r, 0, a);
		o->dept_name = q_str(&r, 1, a);
		o->verdict = q_str(&r, 2, a);
		o->opinion = q_str(&r, 3, a);
		o->by = q_int(&r, 4);
		o->username = q_str(&r, 5, a);
		o->name = q_str(&r, 6, a);
		o->at = q_int(&r, 7);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_joint_touch(struct yc_db *db, int64_t id, int64_t now, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_JOINT_TOUCH, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "state", "联合评审已结束");
	return st;
}

enum yc_status yc_joint_set_state(struct yc_db *db, const struct yc_joint_row *j, int64_t version,
                                  int64_t now, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(j->id),         PI(version),         PT(j->state),
	                       PT(j->conclusion), PT(j->rectify_note), PT(j->rectify_by),
	                       PT(j->note),       PI(j->concluded_by), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_JOINT_SET_STATE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "version", "联合评审已被他人更新，请刷新后重试");
	return st;
}

static enum yc_status read_list(struct yc_rows *r, struct yc_arena *a, int64_t max,
                                struct yc_joint_row **rows, int64_t *n)
{
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(r); ok && (max < 0 || *n < max); ok = q_next(r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_joint(r, a, &(*rows)[(*n)++]);
	}
	q_done(r);
	return YC_OK;
}

enum yc_status yc_joint_list_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                  struct yc_joint_row **rows, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(case_id)};
	enum yc_status st = q_run(db, YC_STMT_JOINT_LIST_CASE, p, 1, &r, e);
	return st == YC_OK ? read_list(&r, a, -1, rows, n) : st;
}

enum yc_status yc_joint_list_dept(struct yc_db *db, struct yc_arena *a, const char *dept,
                                  const char *state, const struct yc_page *pg,
                                  struct yc_joint_row **rows, int64_t *n, int64_t *total,
                                  struct yc_error *e)
{
	struct yc_param c[] = {PT(dept), PT(state)};
	enum yc_status st = q_int1(db, YC_STMT_JOINT_COUNT_DEPT, c, NPARAM(c), total, e);
	if (st != YC_OK)
		return st;
	struct yc_param p[] = {PT(dept), PT(state), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_JOINT_LIST_DEPT, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	return read_list(&r, a, pg->per_page, rows, n);
}

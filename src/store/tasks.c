/* tasks.c — tasks (分办任务), their history and the time-limit watch in the store. */
#include "backend.h"

#include <string.h>

static void read_task(struct yc_rows *r, struct yc_arena *a, struct yc_task_row *t)
{
	t->id = q_int(r, 0);
	t->case_id = q_int(r, 1);
	t->case_number = q_str(r, 2, a);
	t->item_code = q_str(r, 3, a);
	t->item_name = q_str(r, 4, a);
	t->item_result = q_str(r, 5, a);
	t->dept = q_str(r, 6, a);
	t->region = q_str(r, 7, a);
	t->kind = q_str(r, 8, a);
	t->state = q_str(r, 9, a);
	t->version = q_int(r, 10);
	t->promised_days = q_int(r, 11);
	t->started_on = q_str(r, 12, a);
	t->due_day = q_str(r, 13, a);
	t->light = q_str(r, 14, a);
	t->stopped_since = q_str(r, 15, a);
	t->stop_reason = q_str(r, 16, a);
	t->suspensions = q_str(r, 17, a);
	t->rectify_note = q_str(r, 18, a);
	t->rectify_by = q_str(r, 19, a);
	t->opinion = q_str(r, 20, a);
	t->basis = q_str(r, 21, a);
	t->decided_by = q_int(r, 22);
	t->decided_at = q_int(r, 23);
	t->created_at = q_int(r, 24);
	t->updated_at = q_int(r, 25);
	t->dept_name = q_str(r, 26, a);
}

/* Every row of a run statement into *rows. */
static enum yc_status read_all(struct yc_db *db, struct yc_arena *a, enum yc_stmt id,
                               const struct yc_param *p, int np, struct yc_task_row **rows,
                               int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, np, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_task(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

/* The department's count of tasks in a state moves by delta. */
static enum yc_status count_add(struct yc_db *db, const char *dept, const char *state,
                                int64_t delta, struct yc_error *e)
{
	struct yc_param p[] = {PT(dept), PT(state), PI(delta)};
	return q_exec(db, YC_STMT_TASK_COUNT_ADD, p, NPARAM(p), NULL, e);
}

enum yc_status yc_task_insert(struct yc_db *db, const struct yc_task_row *t, int64_t *id,
                              struct yc_error *e)
{
	struct yc_param p[] = {PI(t->case_id),       PT(t->case_number), PT(t->item_code),
	                       PT(t->item_name),     PT(t->item_result), PT(t->dept),
	                       PT(t->region),        PT(t->kind),        PT(t->state),
	                       PI(t->promised_days), PT(t->started_on),  PT(t->due_day),
	                       PI(t->created_at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_TASK_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	return st == YC_OK ? count_add(db, t->dept, t->state, 1, e) : st;
}

enum yc_status yc_task_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                           struct yc_task_row *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_TASK_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_task(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "分办任务不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_task_update(struct yc_db *db, const struct yc_task_row *t, const char *from,
                              int64_t version, int64_t now, struct yc_error *e)
{
	struct yc_param p[] = {PI(t->id),
	                       PI(version),
	                       PT(t->state),
	                       PT(t->due_day),
	                       PT(t->light),
	                       PT(t->stopped_since),
	                       PT(t->stop_reason),
	                       PT(t->suspensions),
	                       PT(t->rectify_note),
	                       PT(t->rectify_by),
	                       PT(t->opinion),
	                       PT(t->basis),
	                       PI(t->decided_by),
	                       PI(t->decided_at),
	                       PI(now),
	                       PI(strcmp(t->state, "approved") && strcmp(t->state, "refused") &&
	                          strcmp(t->state, "closed"))};
	int64_t changed = 0;
	enum yc_status st = q_exec(db, YC_STMT_TASK_UPDATE, p, NPARAM(p), &changed, e);
	if (st == YC_OK && changed == 0)
		return yc_fail(e, YC_E_CONFLICT, "version", "分办任务已被他人更新，请刷新后重试");
	if (st == YC_OK && strcmp(from, t->state) != 0)
		st = count_add(db, t->dept, from, -1, e);
	if (st == YC_OK && strcmp(from, t->state) != 0)
		st = count_add(db, t->dept, t->state, 1, e);
	return st;
}

enum yc_status yc_task_list_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                 struct yc_task_row **rows, int64_t *n, struct yc_error *e)
{
	struct yc_param p[] = {PI(case_id)};
	return read_all(db, a, YC_STMT_TASK_LIST_CASE, p, 1, rows, n, e);
}

enum yc_status yc_task_list_dept(struct yc_db *db, struct yc_arena *a, const char *dept,
                                 const char *state, const struct yc_page *pg,
                                 struct yc_task_row **rows, int64_t *n, int64_t *total,
                                 struct yc_error *e)
{
	enum yc_stmt list = YC_STMT_TASK_LIST_DEPT_ALL, count = YC_STMT_TASK_COUNT_DEPT_ALL;
	if (state && strcmp(state, "open") == 0) {
		list = YC_STMT_TASK_LIST_DEPT_OPEN;
		count = YC_STMT_TASK_COUNT_DEPT_OPEN;
	} else if (state) {
		list = YC_STMT_TASK_LIST_DEPT_STATE;
		count = YC_STMT_TASK_COUNT_DEPT_STATE;
	}
	struct yc_param p[] = {PT(dept), PT(state), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	struct yc_rows r;
	enum yc_status st = q_run(db, list, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	*total = -1;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_task(&r, a, &(*rows)[(*n)++]);
		*total = q_int(&r, 27); /* the list's last column */
	}
	q_done(&r);
	/* an empty page (past the end, or nothing at all) has no row to carry the total */
	return *total >= 0 ? YC_OK : q_int1(db, count, p, 2, total, e);
}

enum yc_status yc_task_event_add(struct yc_db *db, int64_t task_id, int64_t case_id,
                                 const char *event, const char *from, const char *to, int64_t actor,
                                 const char *role, const char *detail, int64_t now,
                                 struct yc_error *e)
{
	struct yc_param p[] = {PI(task_id), PI(case_id), PT(event),  PT(from), PT(to),
	                       PI(actor),   PT(role),    PT(detail), PI(now)};
	return q_exec(db, YC_STMT_TASK_EVENT_ADD, p, NPARAM(p), NULL, e);
}

enum yc_status yc_task_events(struct yc_db *db, struct yc_arena *a, int64_t task_id,
                              struct yc_case_history **rows, int64_t *n, struct yc_error *e)
{
	return q_history(db, a, YC_STMT_TASK_EVENTS, task_id, rows, n, e);
}

enum yc_status yc_task_watch(struct yc_db *db, struct yc_arena *a, const char *today,
                             const char *next_workday, struct yc_task_flag **rows, int64_t *n,
                             struct yc_error *e)
{
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (int pass = 0; pass < 2; pass++) {
		struct yc_param p[] = {PT(today), PT(next_workday)};
		struct yc_rows r;
		enum yc_status st =
		    q_run(db, pass ? YC_STMT_TASK_WATCH_YELLOW : YC_STMT_TASK_WATCH_RED, p,
		          pass ? 2 : 1, &r, e);
		if (st != YC_OK)
			return st;
		for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
			*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
			struct yc_task_flag *f = &(*rows)[(*n)++];
			f->id = q_int(&r, 0);
			f->dept = q_str(&r, 1, a);
			f->region = q_str(&r, 2, a);
			f->case_number = q_str(&r, 3, a);
			f->item_name = q_str(&r, 4, a);
			f->due_day = q_str(&r, 5, a);
			f->light = pass ? "yellow" : "red";
		}
		q_done(&r);
	}
	return YC_OK;
}

enum yc_status yc_task_watch_list(struct yc_db *db, struct yc_arena *a, const char *region,
                                  const char *today, const char *until, const struct yc_page *pg,
                                  struct yc_task_row **rows, int64_t *n, int64_t *total,
                                  int64_t *red, struct yc_error *e)
{
	char prefix[13] = "";
	yc_region_prefix(region, prefix);
	char *upper = yc_printf(a, "%s:", prefix);
	struct yc_param c[] = {PT(prefix), PT(upper), PT(until)};
	enum yc_status st = q_int1(db, YC_STMT_TASK_WATCH_COUNT, c, 3, total, e);
	struct yc_param rc[] = {PT(prefix), PT(upper), PT(today)};
	if (st == YC_OK)
		st = q_int1(db, YC_STMT_TASK_WATCH_RED_COUNT, rc, 3, red, e);
	if (st != YC_OK)
		return st;
	struct yc_param p[] = {PT(prefix), PT(upper), PT(until), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	return read_all(db, a, YC_STMT_TASK_WATCH_LIST, p, NPARAM(p), rows, n, e);
}

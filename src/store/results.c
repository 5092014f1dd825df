/* results.c — results (办理结果) and the departments' seals (电子印章) in the store: a seal is
 * added once per department (the first writer wins, the others read its row), a result once
 * per task, and a result changes afterwards only by revocation. */
#include "backend.h"

#include <string.h>

static void read_seal(struct yc_rows *r, struct yc_arena *a, struct yc_dept_seal *s)
{
	s->id = q_int(r, 0);
	s->dept = q_str(r, 1, a);
	s->key_id = q_str(r, 2, a);
	s->public_key = q_str(r, 3, a);
	s->secret_box = q_str(r, 4, a);
	s->nonce = q_str(r, 5, a);
	s->created_at = q_int(r, 6);
	s->retired_at = q_int(r, 7);
}

static enum yc_status seal_one(struct yc_db *db, struct yc_arena *a, enum yc_stmt id,
                               const char *arg, struct yc_dept_seal *out, bool *found,
                               struct yc_error *e)
{
	struct yc_param p[] = {PT(arg)};
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, NPARAM(p), &r, e);
	if (st == YC_OK) {
		*found = q_has_row(&r);
		if (*found)
			read_seal(&r, a, out);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_dept_seal_current(struct yc_db *db, struct yc_arena *a, const char *dept,
                                    struct yc_dept_seal *out, bool *found, struct yc_error *e)
{
	return seal_one(db, a, YC_STMT_SEAL_CURRENT, dept, out, found, e);
}

enum yc_status yc_dept_seal_by_key(struct yc_db *db, struct yc_arena *a, const char *key_id,
                                   struct yc_dept_seal *out, bool *found, struct yc_error *e)
{
	return seal_one(db, a, YC_STMT_SEAL_BY_KEY, key_id, out, found, e);
}

enum yc_status yc_dept_seal_any(struct yc_db *db, struct yc_arena *a, struct yc_dept_seal *out,
                                bool *found, struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_SEAL_ANY, NULL, 0, &r, e);
	if (st == YC_OK) {
		*found = q_has_row(&r);
		if (*found)
			read_seal(&r, a, out);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_dept_seal_add(struct yc_db *db, const struct yc_dept_seal *s, bool *added,
                                struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PT(s->dept),       PT(s->key_id), PT(s->public_key),
	                       PT(s->secret_box), PT(s->nonce),  PI(s->created_at)};
	enum yc_status st = q_exec(db, YC_STMT_SEAL_ADD, p, NPARAM(p), &n, e);
	*added = st == YC_OK && n > 0;
	return st;
}

static void read_result(struct yc_rows *r, struct yc_arena *a, struct yc_result_row *o)
{
	o->id = q_int(r, 0);
	o->number = q_str(r, 1, a);
	o->case_id = q_int(r, 2);
	o->task_id = q_int(r, 3);
	o->item_code = q_str(r, 4, a);
	o->item_name = q_str(r, 5, a);
	o->dept = q_str(r, 6, a);
	o->name = q_str(r, 7, a);
	o->holder_name = q_str(r, 8, a);
	o->holder_id = q_str(r, 9, a);
	o->valid_from = q_str(r, 10, a);
	o->valid_until = q_str(r, 11, a);
	o->fields = q_str(r, 12, a);
	o->payload = q_str(r, 13, a);
	o->signature = q_str(r, 14, a);
	o->key_id = q_str(r, 15, a);
	o->state = q_str(r, 16, a);
	o->revoke_reason = q_str(r, 17, a);
	o->revoked_at = q_int(r, 18);
	o->issued_by = q_int(r, 19);
	o->issued_at = q_int(r, 20);
	o->case_number = q_str(r, 21, a);
	o->case_region = q_str(r, 22, a);
	o->case_applicant_user = q_int(r, 23);
	o->case_created_by = q_int(r, 24);
	o->dept_name = q_str(r, 25, a);
	o->dept_region = q_str(r, 26, a);
}

enum yc_status yc_result_insert(struct yc_db *db, const struct yc_result_row *o, int64_t *id,
                                struct yc_error *e)
{
	struct yc_param p[] = {PT(o->number),     PI(o->case_id),     PI(o->task_id),
	                       PT(o->item_code),  PT(o->item_name),   PT(o->dept),
	                       PT(o->name),       PT(o->holder_name), PT(o->holder_id),
	                       PT(o->valid_from), PT(o->valid_until), PT(o->fields),
	                       PT(o->payload),    PT(o->signature),   PT(o->key_id),
	                       PI(o->issued_by),  PI(o->issued_at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_RESULT_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK && id)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	if (st == YC_E_CONFLICT)
		return yc_fail(e, st, "task", "该任务已有办理结果");
	return st;
}

static enum yc_status result_one(struct yc_db *db, struct yc_arena *a, enum yc_stmt id,
                                 struct yc_param p, struct yc_result_row *out, bool *found,
                                 struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, id, &p, 1, &r, e);
	if (st == YC_OK) {
		*found = q_has_row(&r);
		if (*found)
			read_result(&r, a, out);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_result_get(struct yc_db *db, struct yc_arena *a, const char *number,
                             struct yc_result_row *out, struct yc_error *e)
{
	bool found = false;
	enum yc_status st = result_one(db, a, YC_STMT_RESULT_GET, PT(number), out, &found, e);
	return st == YC_OK && !found ? yc_fail(e, YC_E_NOT_FOUND, NULL, "查无此办理结果") : st;
}

enum yc_status yc_result_by_task(struct yc_db *db, struct yc_arena *a, int64_t task_id,
                                 struct yc_result_row *out, bool *found, struct yc_error *e)
{
	return result_one(db, a, YC_STMT_RESULT_BY_TASK, PI(task_id), out, found, e);
}

enum yc_status yc_result_list_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                   struct yc_result_row **rows, int64_t *n, struct yc_error *e)
{
	struct yc_param p[] = {PI(case_id)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_RESULT_LIST_CASE, p, NPARAM(p), &r, e);
	*rows = NULL;
	*n = 0;
	int64_t cap = 0;
	for (bool ok = st == YC_OK && q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_result(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_result_revoke(struct yc_db *db, int64_t id, const char *reason, int64_t now,
                                bool *changed, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PT(reason), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_RESULT_REVOKE, p, NPARAM(p), &n, e);
	*changed = st == YC_OK && n > 0;
	return st;
}

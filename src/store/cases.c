/* cases.c — cases, their history, their notices and their material slots in the store. */
#include "backend.h"

#include <string.h>

enum yc_status yc_counter_take(struct yc_db *db, const char *name, int64_t *value,
                               struct yc_error *e)
{
	struct yc_param p[] = {PT(name)};
	return q_int1(db, YC_STMT_COUNTER_TAKE, p, 1, value, e);
}

static void read_case(struct yc_rows *r, struct yc_arena *a, struct yc_case_row *c)
{
	c->id = q_int(r, 0);
	c->number = q_str(r, 1, a);
	c->matter_code = q_str(r, 2, a);
	c->matter_version = q_int(r, 3);
	c->form_id = q_int(r, 4);
	c->form_version = q_int(r, 5);
	c->region = q_str(r, 6, a);
	c->state = q_str(r, 7, a);
	c->version = q_int(r, 8);
	c->channel = q_str(r, 9, a);
	c->applicant_user = q_int(r, 10);
	c->applicant_name = q_str(r, 11, a);
	c->applicant_id_number = q_str(r, 12, a);
	c->applicant_phone = q_str(r, 13, a);
	c->created_by = q_int(r, 14);
	c->answers = q_str(r, 15, a);
	c->form = q_str(r, 16, a);
	c->situation = q_str(r, 17, a);
	c->round = q_int(r, 18);
	c->supplement_round = q_int(r, 19);
	c->received_at = q_int(r, 20);
	c->accepted_at = q_int(r, 21);
	c->decided_at = q_int(r, 22);
	c->created_at = q_int(r, 23);
	c->updated_at = q_int(r, 24);
	c->matter_name = q_str(r, 25, a);
	c->decide_by = q_str(r, 26, a);
	c->due_day = q_str(r, 27, a);
}

enum yc_status yc_case_insert(struct yc_db *db, const struct yc_case_row *c, int64_t *id,
                              struct yc_error *e)
{
	struct yc_param p[] = {PT(c->number),          PT(c->matter_code),
	                       PI(c->matter_version),  PI(c->form_id),
	                       PI(c->form_version),    PT(c->region),
	                       PT(c->channel),         PI(c->applicant_user),
	                       PT(c->applicant_name),  PT(c->applicant_id_number),
	                       PT(c->applicant_phone), PI(c->created_by),
	                       PT(c->answers),         PT(c->form),
	                       PT(c->situation),       PI(c->created_at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_CASE_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	return st == YC_E_CONFLICT ? yc_fail(e, YC_E_RETRY, NULL, NULL) : st;
}

enum yc_status yc_case_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                           struct yc_case_row *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_CASE_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_case(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "办件不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_case_set_state(struct yc_db *db, const struct yc_case_row *c, int64_t version,
                                 int64_t now, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(c->id),
	                       PI(version),
	                       PT(c->state),
	                       PI(c->round),
	                       PI(c->supplement_round),
	                       PI(c->received_at),
	                       PI(c->accepted_at),
	                       PI(c->decided_at),
	                       PI(now),
	                       PT(c->decide_by),
	                       PT(c->due_day)};
	enum yc_status st = q_exec(db, YC_STMT_CASE_SET_STATE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新，请刷新后重试");
	return st;
}

enum yc_status yc_case_set_draft(struct yc_db *db, int64_t id, int64_t version, const char *answers,
                                 const char *form, const char *situation, int64_t now,
                                 struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PI(version), PT(answers), PT(form), PT(situation), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_CASE_SET_DRAFT, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新或不再是草稿");
	return st;
}

static enum yc_status list(struct yc_db *db, struct yc_arena *a, enum yc_stmt ls, enum yc_stmt cnt,
                           const struct yc_param *p, int np, const struct yc_param *page,
                           struct yc_case_row **rows, int64_t *n, int64_t *total,
                           struct yc_error *e)
{
	enum yc_status st = q_int1(db, cnt, p, np, total, e);
	if (st != YC_OK)
		return st;
	struct yc_param all[8];
	memcpy(all, p, sizeof *p * (size_t)np);
	memcpy(all + np, page, sizeof *page * 2);
	struct yc_rows r;
	if ((st = q_run(db, ls, all, np + 2, &r, e)) != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_case(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_case_list_mine(struct yc_db *db, struct yc_arena *a, int64_t user,
                                 const char *state, const struct yc_page *pg,
                                 struct yc_case_row **rows, int64_t *n, int64_t *total,
                                 struct yc_error *e)
{
	struct yc_param p[] = {PI(user), PT(state)};
	struct yc_param page[] = {PI(pg->per_page), PI((pg->page - 1) * pg->per_page)};
	return list(db, a, YC_STMT_CASE_LIST_MINE, YC_STMT_CASE_COUNT_MINE, p, 2, page, rows, n,
	            total, e);
}

enum yc_status yc_case_list_region(struct yc_db *db, struct yc_arena *a, const char *region,
                                   const char *state, const struct yc_page *pg,
                                   struct yc_case_row **rows, int64_t *n, int64_t *total,
                                   struct yc_error *e)
{
	/* every code under the region's prefix: prefix <= code < prefix + ":" (':' follows '9') */
	char prefix[13] = "";
	yc_region_prefix(region, prefix);
	char *upper = yc_printf(a, "%s:", prefix);
	struct yc_param p[] = {PT(prefix), PT(state), PT(upper)};
	struct yc_param page[] = {PI(pg->per_page), PI((pg->page - 1) * pg->per_page)};
	/* one state (the window's queue): walked in order of receipt by its own index */
	if (state)
		return list(db, a, YC_STMT_CASE_QUEUE, YC_STMT_CASE_QUEUE_COUNT, p, 3, page, rows,
		            n, total, e);
	return list(db, a, YC_STMT_CASE_LIST_REGION, YC_STMT_CASE_COUNT_REGION, p, 3, page, rows, n,
	            total, e);
}

enum yc_status yc_case_event_add(struct yc_db *db, int64_t case_id, const char *event,
                                 const char *from, const char *to, int64_t actor, const char *role,
                                 const char *detail, int64_t now, struct yc_error *e)
{
	struct yc_param p[] = {PI(case_id), PT(event), PT(from),   PT(to),
	                       PI(actor),   PT(role),  PT(detail), PI(now)};
	return q_exec(db, YC_STMT_CASE_EVENT_INSERT, p, NPARAM(p), NULL, e);
}

enum yc_status q_history(struct yc_db *db, struct yc_arena *a, enum yc_stmt id, int64_t key,
                         struct yc_case_history **rows, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(key)};
	enum yc_status st = q_run(db, id, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		struct yc_case_history *x = &(*rows)[(*n)++];
		x->event = q_str(&r, 0, a);
		x->from = q_str(&r, 1, a);
		x->to = q_str(&r, 2, a);
		x->actor_id = q_int(&r, 3);
		x->actor_role = q_str(&r, 4, a);
		x->detail = q_str(&r, 5, a);
		x->at = q_int(&r, 6);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_case_events(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                              struct yc_case_history **rows, int64_t *n, struct yc_error *e)
{
	return q_history(db, a, YC_STMT_CASE_EVENTS, case_id, rows, n, e);
}

enum yc_status yc_notice_insert(struct yc_db *db, const struct yc_notice_row *n, int64_t by,
                                struct yc_error *e)
{
	struct yc_param p[] = {PT(n->number),  PT(n->kind), PI(n->case_id),  PT(n->region),
	                       PT(n->content), PI(by),      PI(n->issued_at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_NOTICE_INSERT, p, NPARAM(p), &r, e);
	q_done(&r);
	return st;
}

static void read_notice(struct yc_rows *r, struct yc_arena *a, struct yc_notice_row *x)
{
	x->number = q_str(r, 0, a);
	x->kind = q_str(r, 1, a);
	x->case_id = q_int(r, 2);
	x->region = q_str(r, 3, a);
	x->content = q_str(r, 4, a);
	x->issued_at = q_int(r, 5);
}

enum yc_status yc_notice_get(struct yc_db *db, struct yc_arena *a, const char *number,
                             struct yc_notice_row *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(number)};
	enum yc_status st = q_run(db, YC_STMT_NOTICE_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_notice(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "通知书不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_notice_list(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                              struct yc_notice_row **rows, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(case_id)};
	enum yc_status st = q_run(db, YC_STMT_NOTICE_LIST_CASE, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_notice(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_case_material_put(struct yc_db *db, int64_t case_id,
                                    const struct yc_case_material *m, struct yc_error *e)
{
	struct yc_param p[] = {
	    PI(case_id),       PT(m->slot),     PT(m->name),      PT(m->status),     PT(m->sha256),
	    PI(m->size),       PT(m->type),     PI(m->pages),     PT(m->filename),   PI(m->round),
	    PI(m->updated_at), PT(m->deadline), PT(m->reference), PT(m->valid_until)};
	return q_exec(db, YC_STMT_CMAT_PUT, p, NPARAM(p), NULL, e);
}

enum yc_status yc_case_materials(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                 struct yc_case_material **rows, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(case_id)};
	enum yc_status st = q_run(db, YC_STMT_CMAT_LIST, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		struct yc_case_material *x = &(*rows)[(*n)++];
		x->slot = q_str(&r, 0, a);
		x->name = q_str(&r, 1, a);
		x->status = q_str(&r, 2, a);
		x->sha256 = q_str(&r, 3, a);
		x->size = q_int(&r, 4);
		x->type = q_str(&r, 5, a);
		x->pages = q_int(&r, 6);
		x->filename = q_str(&r, 7, a);
		x->round = q_int(&r, 8);
		x->updated_at = q_int(&r, 9);
		x->deadline = q_str(&r, 10, a);
		x->reference = q_str(&r, 11, a);
		x->valid_until = q_str(&r, 12, a);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_case_touch(struct yc_db *db, int64_t id, int64_t version, int64_t now,
                             struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PI(version), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_CASE_TOUCH, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新，请刷新后重试");
	return st;
}

static void read_verif(struct yc_rows *r, struct yc_arena *a, struct yc_verification *v)
{
	v->id = q_int(r, 0);
	v->case_id = q_int(r, 1);
	v->slot = q_str(r, 2, a);
	v->name = q_str(r, 3, a);
	v->dept = q_str(r, 4, a);
	v->notice = q_str(r, 5, a);
	v->due_day = q_str(r, 6, a);
	v->state = q_str(r, 7, a);
	v->note = q_str(r, 8, a);
	v->decided_by = q_int(r, 9);
	v->decided_at = q_int(r, 10);
	v->created_at = q_int(r, 11);
}

enum yc_status yc_verification_add(struct yc_db *db, const struct yc_verification *v,
                                   struct yc_error *e)
{
	struct yc_param p[] = {PI(v->case_id), PT(v->slot),    PT(v->name),      PT(v->dept),
	                       PT(v->notice),  PT(v->due_day), PI(v->created_at)};
	return q_exec(db, YC_STMT_VERIF_INSERT, p, NPARAM(p), NULL, e);
}

enum yc_status yc_verification_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                                   struct yc_verification *out, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(id)};
	enum yc_status st = q_run(db, YC_STMT_VERIF_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_verif(&r, a, out);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "核查任务不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_verification_list(struct yc_db *db, struct yc_arena *a, const char *dept,
                                    const char *state, const struct yc_page *pg,
                                    struct yc_verification **rows, int64_t *n, int64_t *total,
                                    struct yc_error *e)
{
	struct yc_param c[] = {PT(dept), PT(state)};
	enum yc_status st = q_int1(db, YC_STMT_VERIF_COUNT, c, 2, total, e);
	if (st != YC_OK)
		return st;
	struct yc_param p[] = {PT(dept), PT(state), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_VERIF_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	*rows = yc_alloc(a, sizeof **rows * (size_t)(pg->per_page + 1));
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r))
		read_verif(&r, a, &(*rows)[(*n)++]);
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_verification_decide(struct yc_db *db, int64_t id, const char *state,
                                      const char *note, int64_t by, int64_t now, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PT(state), PT(note), PI(by), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_VERIF_DECIDE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "该核查已有结论");
	return st;
}

enum yc_status yc_case_ids_due(struct yc_db *db, struct yc_arena *a, bool tolerance,
                               const char *today, int64_t **ids, int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(today)};
	enum yc_status st = q_run(
	    db, tolerance ? YC_STMT_CASE_TOLERANCE_MISSED : YC_STMT_CASE_DUE_DECIDE, p, 1, &r, e);
	if (st != YC_OK)
		return st;
	*ids = yc_alloc(a, sizeof **ids * 101);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < 100; ok = q_next(&r))
		(*ids)[(*n)++] = q_int(&r, 0);
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_shared_find(struct yc_db *db, struct yc_arena *a, const char *subject,
                              const char *name, const char *today, struct yc_shared_cert *out,
                              bool *found, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(subject), PT(name), PT(today)};
	enum yc_status st = q_run(db, YC_STMT_SHARED_FIND, p, NPARAM(p), &r, e);
	*found = false;
	if (st == YC_OK && q_has_row(&r)) {
		*found = true;
		out->subject_id = subject;
		out->name = name;
		out->number = q_str(&r, 0, a);
		out->issuer = q_str(&r, 1, a);
		out->valid_until = q_str(&r, 2, a);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_shared_add(struct yc_db *db, const struct yc_shared_cert *c, int64_t now,
                             bool *added, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PT(c->subject_id), PT(c->name),        PT(c->number),
	                       PT(c->issuer),     PT(c->valid_until), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_SHARED_INSERT, p, NPARAM(p), &n, e);
	if (added)
		*added = n > 0;
	return st;
}

enum yc_status yc_case_files_set(struct yc_db *db, int64_t case_id, const char *slot,
                                 const struct yc_case_file *files, int n, int64_t by, int64_t now,
                                 struct yc_error *e)
{
	struct yc_param c[] = {PI(case_id), PT(slot)};
	enum yc_status st = q_exec(db, YC_STMT_CFILE_CLEAR, c, 2, NULL, e);
	for (int i = 0; st == YC_OK && i < n; i++) {
		const struct yc_case_file *f = &files[i];
		struct yc_param p[] = {PI(case_id),     PT(slot),    PI(i),       PT(f->sha256),
		                       PI(f->size),     PT(f->type), PT(f->mime), PI(f->pages),
		                       PT(f->filename), PI(by),      PI(now)};
		st = q_exec(db, YC_STMT_CFILE_INSERT, p, NPARAM(p), NULL, e);
	}
	return st;
}

enum yc_status yc_case_files(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                             const char *slot, struct yc_case_file **rows, int64_t *n,
                             struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(case_id), PT(slot)};
	enum yc_status st = q_run(db, YC_STMT_CFILE_LIST, p, 2, &r, e);
	if (st != YC_OK)
		return st;
	*rows = yc_alloc(a, sizeof **rows * 51);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < 50; ok = q_next(&r)) {
		struct yc_case_file *f = &(*rows)[(*n)++];
		f->seq = q_int(&r, 0);
		f->sha256 = q_str(&r, 1, a);
		f->size = q_int(&r, 2);
		f->type = q_str(&r, 3, a);
		f->mime = q_str(&r, 4, a);
		f->pages = q_int(&r, 5);
		f->filename = q_str(&r, 6, a);
		f->uploaded_at = q_int(&r, 7);
	}
	q_done(&r);
	return YC_OK;
}

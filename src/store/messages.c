/* messages.c — messages (我的消息), the notification outbox and the tolerance reminders in the
 * store (migration 0013, docs/messages.md). */
#include "backend.h"

#include <string.h>

static void read_message(struct yc_rows *r, struct yc_arena *a, struct yc_message_row *m)
{
	m->id = q_int(r, 0);
	m->user_id = q_int(r, 1);
	m->case_id = q_int(r, 2);
	m->kind = q_str(r, 3, a);
	m->title = q_str(r, 4, a);
	m->body = q_str(r, 5, a);
	m->link = q_str(r, 6, a);
	m->read_at = q_int(r, 7);
	m->created_at = q_int(r, 8);
}

enum yc_status yc_message_insert(struct yc_db *db, const struct yc_message_row *m, int64_t *id,
                                 struct yc_error *e)
{
	struct yc_param p[] = {PI(m->user_id), PI(m->case_id), PT(m->kind),      PT(m->title),
	                       PT(m->body),    PT(m->link),    PI(m->created_at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_MSG_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK && id)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	return st;
}

enum yc_status yc_message_list(struct yc_db *db, struct yc_arena *a, int64_t user, bool unread,
                               const struct yc_page *pg, struct yc_message_row **rows, int64_t *n,
                               int64_t *total, int64_t *unread_count, struct yc_error *e)
{
	struct yc_param all[] = {PI(user), PI(0)};
	struct yc_param only[] = {PI(user), PI(1)};
	enum yc_status st = q_int1(db, YC_STMT_MSG_COUNT, only, 2, unread_count, e);
	if (st == YC_OK)
		st = q_int1(db, YC_STMT_MSG_COUNT, unread ? only : all, 2, total, e);
	if (st != YC_OK)
		return st;
	struct yc_param p[] = {PI(user), PB(unread), PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_MSG_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_message(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_message_read(struct yc_db *db, int64_t user, int64_t id, int64_t now,
                               struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PI(user), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_MSG_READ, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "消息不存在");
	return st;
}

enum yc_status yc_message_read_all(struct yc_db *db, int64_t user, int64_t now, int64_t *n,
                                   struct yc_error *e)
{
	struct yc_param p[] = {PI(user), PI(now)};
	return q_exec(db, YC_STMT_MSG_READ_ALL, p, NPARAM(p), n, e);
}

enum yc_status yc_message_staff(struct yc_db *db, struct yc_arena *a, const char *role,
                                const char *region, struct yc_staff **rows, int64_t *n,
                                struct yc_error *e)
{
	char province[3] = {0};
	if (region && strlen(region) >= 2)
		memcpy(province, region, 2);
	struct yc_param p[] = {PT(role), PT(province)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_MSG_STAFF, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		struct yc_staff *s = &(*rows)[(*n)++];
		s->id = q_int(&r, 0);
		s->username = q_str(&r, 1, a);
		s->role = q_str(&r, 2, a);
		s->region = q_str(&r, 3, a);
		s->dept = q_str(&r, 4, a);
	}
	q_done(&r);
	return YC_OK;
}

/* ---- the outbox ---- */

static void read_outbox(struct yc_rows *r, struct yc_arena *a, struct yc_outbox_row *o, bool joined)
{
	o->id = q_int(r, 0);
	o->channel = q_str(r, 1, a);
	o->recipient = q_str(r, 2, a);
	o->subject = q_str(r, 3, a);
	o->body = q_str(r, 4, a);
	o->case_id = q_int(r, 5);
	o->message_id = q_int(r, 6);
	o->state = q_str(r, 7, a);
	o->attempts = q_int(r, 8);
	o->next_at = q_int(r, 9);
	o->claimed_by = q_str(r, 10, a);
	o->claimed_until = q_int(r, 11);
	o->last_error = q_str(r, 12, a);
	o->last_status = q_int(r, 13);
	o->created_at = q_int(r, 14);
	o->sent_at = q_int(r, 15);
	o->case_region = joined ? q_str(r, 16, a) : NULL;
	o->case_number = joined ? q_str(r, 17, a) : NULL;
}

enum yc_status yc_outbox_insert(struct yc_db *db, const struct yc_outbox_row *o, int64_t *id,
                                struct yc_error *e)
{
	struct yc_param p[] = {PT(o->channel), PT(o->recipient),  PT(o->subject),   PT(o->body),
	                       PI(o->case_id), PI(o->message_id), PI(o->created_at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_OUTBOX_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK && id)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	return st;
}

enum yc_status yc_outbox_claim(struct yc_db *db, struct yc_arena *a, int64_t now, const char *node,
                               int64_t until, int64_t max, struct yc_outbox_row **rows, int64_t *n,
                               struct yc_error *e)
{
	struct yc_param p[] = {PI(now), PT(node), PI(until), PI(max)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_OUTBOX_CLAIM, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_outbox(&r, a, &(*rows)[(*n)++], false);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_outbox_finish(struct yc_db *db, const struct yc_outbox_row *o, const char *node,
                                bool *done, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(o->id),          PT(node),       PT(o->state),
	                       PI(o->attempts),    PI(o->next_at), PT(o->last_error),
	                       PI(o->last_status), PI(o->sent_at)};
	enum yc_status st = q_exec(db, YC_STMT_OUTBOX_FINISH, p, NPARAM(p), &n, e);
	*done = st == YC_OK && n == 1;
	return st;
}

enum yc_status yc_outbox_get(struct yc_db *db, struct yc_arena *a, int64_t id,
                             struct yc_outbox_row *out, struct yc_error *e)
{
	struct yc_param p[] = {PI(id)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_OUTBOX_GET, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r))
			read_outbox(&r, a, out, true);
		else
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "待发通知不存在");
	}
	q_done(&r);
	return st;
}

enum yc_status yc_outbox_list(struct yc_db *db, struct yc_arena *a, const char *state,
                              const char *region, const struct yc_page *pg,
                              struct yc_outbox_row **rows, int64_t *n, int64_t *total,
                              struct yc_error *e)
{
	char prefix[13] = "";
	int plen = region ? yc_region_prefix(region, prefix) : 0;
	struct yc_param f[] = {PT(state), PT(region ? prefix : NULL), PI(plen)};
	enum yc_status st = q_int1(db, YC_STMT_OUTBOX_COUNT, f, NPARAM(f), total, e);
	if (st != YC_OK)
		return st;
	struct yc_param p[] = {f[0], f[1], f[2], PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_OUTBOX_LIST, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_outbox(&r, a, &(*rows)[(*n)++], true);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_outbox_retry(struct yc_db *db, int64_t id, int64_t now, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(id), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_OUTBOX_RETRY, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "state", "只有发送失败的通知可以重发");
	return st;
}

/* ---- tolerance reminders ---- */

enum yc_status yc_remind_due(struct yc_db *db, struct yc_arena *a, const char *from, const char *to,
                             struct yc_remind_row **rows, int64_t *n, struct yc_error *e)
{
	struct yc_param p[] = {PT(from), PT(to)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_REMIND_DUE, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		struct yc_remind_row *x = &(*rows)[(*n)++];
		x->case_id = q_int(&r, 0);
		x->slot = q_str(&r, 1, a);
		x->name = q_str(&r, 2, a);
		x->deadline = q_str(&r, 3, a);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_remind_mark(struct yc_db *db, int64_t case_id, const char *slot, const char *day,
                              bool *marked, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(case_id), PT(slot), PT(day)};
	enum yc_status st = q_exec(db, YC_STMT_REMIND_MARK, p, NPARAM(p), &n, e);
	*marked = st == YC_OK && n == 1;
	return st;
}

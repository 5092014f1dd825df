/* messages.c — 我的消息 over HTTP (every logged-in account: its own messages only; another
 * account's message is not found) and the notification outbox for admins (rows of cases within
 * their region; a failed row may be put back). See docs/messages.md. */
#include "http.h"

#include "../app/app.h"
#include "../core/codes.h"

#include <stdio.h>
#include <string.h>

struct m_ctx {
	struct yc_req *r;
	struct yc_page pg;
	bool unread;
	int64_t id;
	const char *state, *region;
	json_t *out;
};

static json_t *message_json(const struct yc_message_row *m)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:o}", "id", (json_int_t)m->id,
	                 "kind", m->kind, "title", m->title, "body", m->body, "link",
	                 yc_jstr(m->link), "case_id",
	                 m->case_id ? json_integer(m->case_id) : json_null(), "read",
	                 m->read_at != 0, "created_at", yc_jtime(m->created_at));
}

static enum yc_status mine_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct m_ctx *c = vctx;
	struct yc_message_row *rows;
	int64_t n = 0, total = 0, unread = 0;
	enum yc_status st = yc_message_list(db, c->r->a, c->r->principal->user_id, c->unread,
	                                    &c->pg, &rows, &n, &total, &unread, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, message_json(&rows[i]));
	c->out = yc_list_json(items, total, &c->pg);
	json_object_set_new(c->out, "unread", json_integer(unread));
	return YC_OK;
}

static const char *const flags[] = {"0", "1", "false", "true", NULL};

enum yc_status yc_h_me_messages(struct yc_req *r, struct yc_error *e)
{
	struct m_ctx c = {.r = r};
	const char *unread = NULL;
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "unread", flags, &unread, e);
	if (st != YC_OK)
		return st;
	c.unread = unread && (strcmp(unread, "1") == 0 || strcmp(unread, "true") == 0);
	st = yc_store_tx(r->store, YC_TX_READ, mine_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status read_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct m_ctx *c = vctx;
	int64_t user = c->r->principal->user_id, n = 0;
	enum yc_status st = c->id ? yc_message_read(db, user, c->id, c->r->now, e)
	                          : yc_message_read_all(db, user, c->r->now, &n, e);
	if (st != YC_OK)
		return st;
	/* the badge's new count */
	struct yc_message_row *rows;
	int64_t total = 0, unread = 0, got = 0;
	struct yc_page one = {.page = 1, .per_page = 1};
	st = yc_message_list(db, c->r->a, user, true, &one, &rows, &got, &total, &unread, e);
	if (st == YC_OK)
		c->out = c->id ? json_pack("{s:I, s:b, s:I}", "id", (json_int_t)c->id, "read", 1,
		                           "unread", (json_int_t)unread)
		               : json_pack("{s:I, s:I}", "marked", (json_int_t)n, "unread",
		                           (json_int_t)unread);
	return st;
}

enum yc_status yc_h_me_message_read(struct yc_req *r, struct yc_error *e)
{
	struct m_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_WRITE, read_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

enum yc_status yc_h_me_messages_read_all(struct yc_req *r, struct yc_error *e)
{
	struct m_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_WRITE, read_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

/* ---- the outbox (admins) ---- */

static json_t *outbox_json(const struct yc_outbox_row *o)
{
	char masked[32] = "";
	const char *to = o->recipient;
	if (yc_mask_phone(to, strlen(to), masked, sizeof masked) > 0)
		to = masked;
	return json_pack(
	    "{s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
	    (json_int_t)o->id, "channel", o->channel, "to", to, "subject", yc_jstr(o->subject),
	    "text", o->body, "case_id", o->case_id ? json_integer(o->case_id) : json_null(),
	    "case_number", yc_jstr(o->case_number), "state", o->state, "attempts",
	    (json_int_t)o->attempts, "next_at", yc_jtime(o->next_at), "last_error",
	    yc_jstr(o->last_error), "last_status",
	    o->last_status ? json_integer(o->last_status) : json_null(), "created_at",
	    yc_jtime(o->created_at), "sent_at", o->sent_at ? yc_jtime(o->sent_at) : json_null(),
	    "claimed_by", yc_jstr(o->claimed_by));
}

static enum yc_status outbox_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct m_ctx *c = vctx;
	struct yc_outbox_row *rows;
	int64_t n = 0, total = 0;
	enum yc_status st =
	    yc_outbox_list(db, c->r->a, c->state, c->region, &c->pg, &rows, &n, &total, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, outbox_json(&rows[i]));
	c->out = yc_list_json(items, total, &c->pg);
	return YC_OK;
}

static const char *const outbox_states[] = {"pending", "sending", "sent", "failed", NULL};

enum yc_status yc_h_outbox_list(struct yc_req *r, struct yc_error *e)
{
	struct m_ctx c = {.r = r};
	bool given;
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "state", outbox_states, &c.state, e);
	if (st == YC_OK)
		st = yc_query_scope(r, &c.region, &given, e);
	if (st != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_READ, outbox_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status retry_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct m_ctx *c = vctx;
	struct yc_outbox_row o;
	enum yc_status st = yc_outbox_get(db, c->r->a, c->id, &o, e);
	if (st != YC_OK)
		return st;
	/* a row of a case outside the admin's region is not theirs to see */
	if (o.case_region && yc_policy_scope(c->r->principal, o.case_region, NULL) != YC_OK)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "待发通知不存在");
	struct yc_actor who = yc_actor_of(c->r);
	if ((st = yc_app_outbox_retry(db, c->r->a, &who, c->r->now, c->id, e)) != YC_OK)
		return st;
	if ((st = yc_outbox_get(db, c->r->a, c->id, &o, e)) == YC_OK)
		c->out = json_pack("{s:o}", "outbox", outbox_json(&o));
	return st;
}

enum yc_status yc_h_outbox_retry(struct yc_req *r, struct yc_error *e)
{
	struct m_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_WRITE, retry_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

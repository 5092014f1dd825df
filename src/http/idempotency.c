/* idempotency.c — Idempotency-Key on writes (DESIGN.md §5).
 *
 * A client that may resend a write (a flaky network, a retrying proxy) sends the same key with
 * each attempt. The first attempt claims the key in the database; a repeat of the same request
 * (same route, same body, same user) gets the stored answer with "Idempotent-Replayed: true",
 * from any node. The same key with a different request is a conflict. Server errors release the
 * key so that a retry can run. Keys are kept 24 hours (job idempotency.prune). */
#include "http.h"

#include "../core/credentials.h"

#include <stdlib.h>
#include <string.h>

struct begin_ctx {
	struct yc_req *r;
	const char *route;
	char hash[YC_HEX256_SIZE];
	struct yc_idem idem;
};

static enum yc_status begin_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct begin_ctx *c = vctx;
	return yc_idem_begin(db, c->r->a, c->r->idem_user, c->r->idem_key, c->route, c->hash,
	                     c->r->now, &c->idem, e);
}

static bool is_write(const char *m)
{
	return strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 || strcmp(m, "PATCH") == 0 ||
	       strcmp(m, "DELETE") == 0;
}

enum yc_status yc_idempotency_begin(struct yc_req *r, bool *replayed, struct yc_error *e)
{
	*replayed = false;
	if (!is_write(r->method))
		return YC_OK;
	const char *key = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Idempotency-Key");
	if (!key)
		return YC_OK;
	size_t n = strlen(key);
	if (n < 1 || n > 128)
		return yc_fail(e, YC_E_BAD_INPUT, "Idempotency-Key",
		               "幂等键长度应为 1 至 128 个字符");
	for (size_t i = 0; i < n; i++)
		if (key[i] < 0x21 || key[i] > 0x7e)
			return yc_fail(e, YC_E_BAD_INPUT, "Idempotency-Key",
			               "幂等键只能包含可见 ASCII 字符");
	struct begin_ctx c = {.r = r, .route = yc_printf(r->a, "%s %s", r->method, r->path)};
	/* The hash covers the route and the body: the same key with other content is refused. */
	char *material = yc_alloc(r->a, strlen(c.route) + r->body_len + 2);
	size_t rl = strlen(c.route);
	memcpy(material, c.route, rl);
	material[rl] = '\n';
	if (r->body_len)
		memcpy(material + rl + 1, r->body, r->body_len);
	yc_sha256_hex(material, rl + 1 + r->body_len, c.hash);
	r->idem_key = yc_strdup(r->a, key);
	r->idem_user = r->principal ? r->principal->user_id : 0;
	enum yc_status st = yc_store_tx(r->store, YC_TX_WRITE, begin_tx, &c, e);
	if (st != YC_OK) {
		r->idem_key = NULL;
		return st;
	}
	switch (c.idem.state) {
	case YC_IDEM_NEW:
		return YC_OK;
	case YC_IDEM_MISMATCH:
		r->idem_key = NULL;
		return yc_fail(e, YC_E_CONFLICT, "Idempotency-Key",
		               "该幂等键已用于另一个不同的请求");
	case YC_IDEM_RUNNING:
		r->idem_key = NULL;
		return yc_fail(e, YC_E_CONFLICT, "Idempotency-Key",
		               "相同的请求仍在处理中，请稍后再试");
	case YC_IDEM_REPLAY:
		break;
	}
	r->idem_key = NULL;
	json_t *body = c.idem.response ? json_loads(c.idem.response, JSON_DECODE_ANY, NULL) : NULL;
	yc_reply_json(r, c.idem.status, body ? body : json_object());
	r->replayed = true;
	*replayed = true;
	return YC_OK;
}

struct end_ctx {
	struct yc_req *r;
	const char *text;
	bool keep;
};

static enum yc_status end_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct end_ctx *c = vctx;
	if (!c->keep)
		return yc_idem_forget(db, c->r->idem_user, c->r->idem_key, e);
	return yc_idem_finish(db, c->r->idem_user, c->r->idem_key, c->r->status, c->text, e);
}

/* The answer exactly as sent (send_answer dumps compact, keys in insertion order). */
static const char *answer_text(struct yc_req *r)
{
	if (!r->reply)
		return NULL;
	char *s = json_dumps(r->reply, JSON_COMPACT | JSON_ENCODE_ANY);
	char *out = s ? yc_strdup(r->a, s) : NULL;
	free(s);
	return out;
}

void yc_idempotency_end(struct yc_req *r)
{
	if (!r->idem_key)
		return;
	struct end_ctx c = {
	    .r = r, .text = answer_text(r), .keep = r->status < 500 && !r->response};
	struct yc_error e = {0};
	if (yc_store_tx(r->store, YC_TX_WRITE, end_tx, &c, &e) != YC_OK)
		r->log_detail = yc_strdup(r->a, "idempotency key not stored");
	r->idem_key = NULL;
}

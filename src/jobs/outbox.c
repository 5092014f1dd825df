/* outbox.c — sending the notification outbox through the webhook channel (libcurl); see jobs.h
 * and docs/messages.md.
 *
 * SQLite has one writer, so no database transaction is ever held while a POST is on the wire:
 * a batch is claimed in one short transaction (pending and due → sending, claimed by this node for
 * CLAIM_S seconds, so two nodes never send the same row and a crashed node's claim expires), the
 * batch is posted in parallel outside any transaction, and the outcomes are written in a second
 * short transaction. Delivery is at least once: a receiver that took a row but whose answer was
 * lost sees it again, with the same "id" and Idempotency-Key. */
#include "jobs.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH        16   /* rows claimed at once */
#define CLAIM_S      60   /* a claim's life: longer than any POST may take (timeout ≤ 30 s) */
#define MAX_ATTEMPTS 12   /* then failed: kept, listed for admins, may be put back */
#define BACKOFF_S    5    /* the n-th failure waits a random time up to min(2^n · 5 s, 1 h) */
#define BACKOFF_CAP  3600 /* … */
#define REPLY_KEEP   200  /* bytes of a receiver's error answer kept in last_error */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* The full-jitter wait after the n-th failed attempt: uniform in [0, min(2^n · 5, 3600)] s. */
static int64_t backoff(int64_t attempts)
{
	int64_t cap = BACKOFF_S;
	for (int64_t i = 0; i < attempts && cap < BACKOFF_CAP; i++)
		cap *= 2;
	if (cap > BACKOFF_CAP)
		cap = BACKOFF_CAP;
	return (int64_t)randombytes_uniform((uint32_t)cap + 1);
}

struct claim_ctx {
	int64_t now;
	const char *node;
	struct yc_arena *a;
	struct yc_outbox_row *rows;
	int64_t n;
};

static enum yc_status claim(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct claim_ctx *c = vctx;
	enum yc_status st =
	    yc_outbox_claim(db, c->a, c->now, c->node, c->now + CLAIM_S, BATCH, &c->rows, &c->n, e);
	/* the case number for the receiver */
	for (int64_t i = 0; st == YC_OK && i < c->n; i++) {
		struct yc_outbox_row full;
		if (c->rows[i].case_id && yc_outbox_get(db, c->a, c->rows[i].id, &full, e) == YC_OK)
			c->rows[i].case_number = full.case_number;
	}
	return st;
}

struct finish_ctx {
	const char *node;
	struct yc_outbox_row *rows;
	int64_t n;
};

static enum yc_status finish(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct finish_ctx *c = vctx;
	for (int64_t i = 0; i < c->n; i++) {
		bool done = false; /* false: our claim expired and another node has the row now */
		enum yc_status st = yc_outbox_finish(db, &c->rows[i], c->node, &done, e);
		if (st != YC_OK)
			return st;
	}
	return YC_OK;
}

struct post {
	struct yc_outbox_row *o;
	CURL *h;
	char *body;
	bool done;
	CURLcode rc;
	long status;
	char reply[REPLY_KEEP + 1];
	size_t nreply;
};

static size_t keep_reply(char *p, size_t size, size_t n, void *arg)
{
	struct post *x = arg;
	size_t len = size * n, room = REPLY_KEEP - x->nreply;
	memcpy(x->reply + x->nreply, p, len < room ? len : room);
	x->nreply += len < room ? len : room;
	x->reply[x->nreply] = 0;
	return len;
}

/* POST every row of the batch at once; stops early when halt is set (those rows stay !done). */
static void post_all(const struct yc_jobs_config *cfg, struct post *v, int64_t n,
                     const atomic_bool *halt)
{
	CURLM *m = curl_multi_init();
	if (!m)
		return;
	struct curl_slist *hdr =
	    curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
	struct curl_slist **own = calloc((size_t)n, sizeof *own);
	long timeout = cfg->webhook_timeout_ms > 0 ? cfg->webhook_timeout_ms : 5000;
	for (int64_t i = 0; i < n; i++) {
		struct post *x = &v[i];
		json_t *j =
		    json_pack("{s:I, s:s, s:s, s:s?, s:s, s:s?}", "id", (json_int_t)x->o->id,
		              "channel", x->o->channel, "to", x->o->recipient, "subject",
		              x->o->subject, "text", x->o->body, "case", x->o->case_number);
		x->body = j ? json_dumps(j, JSON_COMPACT) : NULL;
		json_decref(j);
		if (!x->body || !(x->h = curl_easy_init()))
			continue;
		char key[64];
		snprintf(key, sizeof key, "Idempotency-Key: yici-outbox-%lld", (long long)x->o->id);
		own[i] = curl_slist_append(NULL, key);
		for (struct curl_slist *s = hdr; s && own[i]; s = s->next)
			own[i] = curl_slist_append(own[i], s->data);
		curl_easy_setopt(x->h, CURLOPT_URL, cfg->webhook);
		curl_easy_setopt(x->h, CURLOPT_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(x->h, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(x->h, CURLOPT_POST, 1L);
		curl_easy_setopt(x->h, CURLOPT_POSTFIELDS, x->body);
		curl_easy_setopt(x->h, CURLOPT_HTTPHEADER, own[i]);
		curl_easy_setopt(x->h, CURLOPT_TIMEOUT_MS, timeout);
		curl_easy_setopt(x->h, CURLOPT_CONNECTTIMEOUT_MS, timeout);
		curl_easy_setopt(x->h, CURLOPT_USERAGENT, "yici-outbox");
		curl_easy_setopt(x->h, CURLOPT_WRITEFUNCTION, keep_reply);
		curl_easy_setopt(x->h, CURLOPT_WRITEDATA, x);
		curl_easy_setopt(x->h, CURLOPT_PRIVATE, x);
		curl_multi_add_handle(m, x->h);
	}
	int running = 1;
	while (running && !(halt && atomic_load(halt))) {
		if (curl_multi_perform(m, &running) != CURLM_OK)
			break;
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct post *x = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
			x->done = true;
			x->rc = msg->data.result;
			curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &x->status);
		}
		if (running)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	for (int64_t i = 0; i < n; i++) {
		if (v[i].h) {
			curl_multi_remove_handle(m, v[i].h);
			curl_easy_cleanup(v[i].h);
		}
		curl_slist_free_all(own[i]);
		free(v[i].body);
	}
	free(own);
	curl_slist_free_all(hdr);
	curl_multi_cleanup(m);
}

/* What the attempt made of row o (written by finish). */
static void outcome(struct yc_arena *a, const struct yc_jobs_config *cfg, const struct post *x,
                    int64_t t, struct yc_outbox_row *o)
{
	if (!x->done) { /* halted before the answer: back as it was, due at once */
		o->state = "pending";
		o->next_at = t;
		return;
	}
	if (x->rc == CURLE_OK && x->status >= 200 && x->status < 300) {
		o->state = "sent";
		o->sent_at = t;
		o->last_status = x->status;
		o->last_error = NULL;
		return;
	}
	o->attempts++;
	o->last_status = x->rc == CURLE_OK ? x->status : 0;
	if (x->rc == CURLE_OPERATION_TIMEDOUT)
		o->last_error =
		    yc_printf(a, "接收方 %d 毫秒内未应答",
		              cfg->webhook_timeout_ms > 0 ? cfg->webhook_timeout_ms : 5000);
	else if (x->rc != CURLE_OK)
		o->last_error = yc_printf(a, "无法送达接收方：%s", curl_easy_strerror(x->rc));
	else
		o->last_error = yc_printf(a, "接收方答复 HTTP %ld%s%s", x->status,
		                          x->nreply ? "：" : "", x->reply);
	if (o->attempts >= MAX_ATTEMPTS) {
		o->state = "failed";
		o->next_at = t;
	} else {
		o->state = "pending";
		o->next_at = t + backoff(o->attempts);
	}
}

enum yc_status yc_outbox_pump(struct yc_store *s, const struct yc_jobs_config *cfg, int64_t now,
                              const atomic_bool *halt, int *sent, struct yc_error *e)
{
	*sent = 0;
	if (!cfg->webhook || !cfg->webhook[0])
		return YC_OK; /* rows stay pending until a node with a webhook runs (logged at
		                 start) */
	pthread_once(&curl_once, curl_init);
	struct yc_arena *a = yc_arena_new();
	struct claim_ctx c = {.now = now, .node = cfg->node, .a = a};
	enum yc_status st = yc_store_tx(s, YC_TX_WRITE, claim, &c, e);
	if (st != YC_OK || c.n == 0) {
		yc_arena_free(a);
		return st;
	}
	struct post *v = yc_alloc(a, sizeof *v * (size_t)c.n);
	memset(v, 0, sizeof *v * (size_t)c.n);
	for (int64_t i = 0; i < c.n; i++)
		v[i].o = &c.rows[i];
	post_all(cfg, v, c.n, halt);
	int64_t t = (int64_t)time(NULL);
	if (t < now)
		t = now;
	for (int64_t i = 0; i < c.n; i++) {
		outcome(a, cfg, &v[i], t, &c.rows[i]);
		*sent += strcmp(c.rows[i].state, "sent") == 0;
	}
	struct finish_ctx f = {.node = cfg->node, .rows = c.rows, .n = c.n};
	st = yc_store_tx(s, YC_TX_WRITE, finish, &f, e);
	yc_arena_free(a);
	return st;
}

void yc_outbox_tick(struct yc_store *s, const struct yc_jobs_config *cfg, const atomic_bool *halt)
{
	/* errors (database down) are retried on the next tick; the store counts them */
	for (int b = 0, sent = 1; b < 8 && sent > 0 && !(halt && atomic_load(halt)); b++) {
		struct yc_error e = {0};
		if (yc_outbox_pump(s, cfg, (int64_t)time(NULL), halt, &sent, &e) != YC_OK)
			break;
	}
}

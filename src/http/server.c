/* server.c — libmicrohttpd daemon, the request pipeline and graceful shutdown.
 *
 * Pipeline of one request: route lookup (404 / 405 at once), body limit (413 at once from
 * Content-Length, or as soon as the body grows past it), JSON parsing (400 bad_json),
 * authentication and the policy check (401 / 403), the handler, the answer, one JSON log line
 * and the metrics. Each request owns an arena freed when the request completes.
 *
 * Upload routes (YC_ROUTE_UPLOAD) differ before the handler: the declared length is checked
 * against the upload limit and the caller against the route from the headers alone, and the body
 * streams into the file store as it arrives (upload.c) instead of being buffered. */
#include "http.h"

#include "../blob/blob.h"
#include "../blob/sniff.h"
#include "../core/text.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Bodies over the limit but not over this are drained before the 413 (see on_request). */
#define DRAIN_MAX (64ull << 20)
/* A connection answered before its body was read is closed this long after the answer at most
 * (sooner when the client closes), by at most this many threads at once (see linger). */
#define LINGER_MS  2000
#define LINGER_MAX 64

struct yc_server {
	const struct yc_server_config *cfg;
	struct yc_store *store;
	atomic_int in_flight; /* requests between their first call and their completion */
};

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void client_ip(struct yc_req *r)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	r->ip[0] = '\0';
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->ip,
		          sizeof r->ip);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->ip,
		          sizeof r->ip);
}

static struct yc_req *req_new(struct yc_server *srv, struct MHD_Connection *c, const char *url,
                              const char *method)
{
	struct yc_arena *a = yc_arena_new();
	struct yc_req *r = yc_alloc(a, sizeof *r);
	r->a = a;
	r->conn = c;
	r->srv = srv;
	r->store = srv->store;
	r->cfg = srv->cfg;
	r->method = yc_strdup(a, method);
	r->path = yc_strdup(a, url);
	r->route = -1;
	r->now = (int64_t)time(NULL);
	r->t0_ns = now_ns();
	r->linger_fd = -1;
	client_ip(r);
	atomic_fetch_add(&srv->in_flight, 1);
	return r;
}

static enum yc_status fail_req(struct yc_req *r, struct yc_error *e)
{
	r->status = yc_http_status(e->status);
	r->error_code =
	    yc_status_code(e->status == YC_E_RETRY ? YC_E_STORE_UNAVAILABLE : e->status);
	if (r->response) {
		MHD_destroy_response(r->response);
		r->response = NULL;
	}
	json_t *doc = yc_error_json(e);
	if (r->problems) {
		json_object_set_new(doc, "problems", r->problems);
		r->problems = NULL;
	}
	yc_reply_json(r, r->status, doc);
	r->status = yc_http_status(e->status);
	return e->status;
}

/* Turn r's answer into an MHD response and queue it. */
static enum MHD_Result send_answer(struct yc_req *r, const struct yc_error *e, const char *allow)
{
	struct MHD_Response *resp = r->response;
	r->response = NULL;
	if (!resp) {
		char *text = r->reply ? json_dumps(r->reply, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		if (text) {
			resp = MHD_create_response_from_buffer(strlen(text), text,
			                                       MHD_RESPMEM_MUST_FREE);
		} else {
			resp =
			    MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		}
		if (!resp)
			return MHD_NO;
		MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	}
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (allow)
		MHD_add_response_header(resp, "Allow", allow);
	if (e && e->status == YC_E_LOCKED && e->retry_after > 0) {
		char ra[24];
		snprintf(ra, sizeof ra, "%d", e->retry_after);
		MHD_add_response_header(resp, "Retry-After", ra);
	}
	if (r->status == 413 || r->linger_fd >= 0)
		MHD_add_response_header(resp, "Connection", "close");
	if (r->replayed)
		MHD_add_response_header(resp, "Idempotent-Replayed", "true");
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* Closing a socket while unread bytes of the client wait in it makes the kernel reset the
 * connection, and a client still sending (fetch, most libraries) then often loses the answer it
 * was sent just before. So an answer given before the body was read keeps a duplicate of the
 * socket: when libmicrohttpd is done with the connection, a small thread half-closes it (the
 * answer is complete, the client reads end of file) and closes it when the client closes its side
 * or LINGER_MS have passed, without reading the body. */
static atomic_int lingering;

static void *linger_main(void *arg)
{
	int fd = (int)(intptr_t)arg;
	shutdown(fd, SHUT_WR);
	struct pollfd pf = {.fd = fd, .events = POLLRDHUP};
	for (int waited = 0; waited < LINGER_MS; waited += 100) {
		pf.revents = 0;
		if (poll(&pf, 1, 100) != 0 && (pf.revents & (POLLRDHUP | POLLHUP | POLLERR)))
			break;
	}
	close(fd);
	atomic_fetch_sub(&lingering, 1);
	return NULL;
}

static void linger_start(int fd)
{
	pthread_t t;
	pthread_attr_t at;
	if (atomic_fetch_add(&lingering, 1) >= LINGER_MAX || pthread_attr_init(&at) != 0) {
		close(fd);
		atomic_fetch_sub(&lingering, 1);
		return;
	}
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&at, 64 * 1024);
	if (pthread_create(&t, &at, linger_main, (void *)(intptr_t)fd) != 0) {
		close(fd);
		atomic_fetch_sub(&lingering, 1);
	}
	pthread_attr_destroy(&at);
}

/* Answer on the first call, before the body: keep the socket for linger when a body is coming. */
static enum MHD_Result send_early(struct yc_req *r, const struct yc_error *e, const char *allow)
{
	const char *cl =
	    MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	                                             MHD_HTTP_HEADER_TRANSFER_ENCODING);
	if ((cl && strtoull(cl, NULL, 10) > 0) || te) {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (ci)
			r->linger_fd = fcntl(ci->connect_fd, F_DUPFD_CLOEXEC, 0);
	}
	return send_answer(r, e, allow);
}

static bool is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0 ||
	       strcmp(path, "/healthz") == 0 || strcmp(path, "/metrics") == 0;
}

struct qarg {
	const char *k, *v;
};
struct qargs {
	struct qarg v[32];
	int n;
	bool over;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind;
	struct qargs *q = cls;
	if (q->n == 32) {
		q->over = true;
		return MHD_NO;
	}
	q->v[q->n++] = (struct qarg){k, v ? v : ""};
	return MHD_YES;
}

static int arg_cmp(const void *x, const void *y)
{
	const struct qarg *a = x, *b = y;
	int c = strcmp(a->k, b->k);
	return c ? c : strcmp(a->v, b->v);
}

/* The cache key of a public read: the path and its query arguments in sorted order (so that
 * ?a=1&b=2 and ?b=2&a=1 share one entry), each part length-prefixed so that no value can
 * imitate another split. NULL (not cached) with more than 32 arguments. */
static const char *cache_key(struct yc_req *r)
{
	struct qargs q = {0};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_arg, &q);
	if (q.over)
		return NULL;
	qsort(q.v, (size_t)q.n, sizeof q.v[0], arg_cmp);
	char *key = yc_printf(r->a, "%zu:%s", strlen(r->path), r->path);
	for (int i = 0; i < q.n; i++)
		key = yc_printf(r->a, "%s|%zu:%s=%zu:%s", key, strlen(q.v[i].k), q.v[i].k,
		                strlen(q.v[i].v), q.v[i].v);
	if (r->json) { /* a public POST read (the interview step): its body, keys sorted */
		char *body = json_dumps(r->json, JSON_COMPACT | JSON_SORT_KEYS);
		if (!body || strlen(body) > 1024) { /* big bodies are not kept */
			free(body);
			return NULL;
		}
		key = yc_printf(r->a, "%s %s|body=%s", r->method, key, body);
		free(body);
	}
	return key;
}

/* Everything after the body has arrived. */
static void dispatch(struct yc_req *r, struct yc_error *e)
{
	if (r->route < 0) {
		if (yc_serve_static(r, e) != YC_OK)
			fail_req(r, e);
		return;
	}
	const struct yc_route *rt = &yc_routes[r->route];
	if (r->too_large) {
		fail_req(r, (yc_fail(e, YC_E_TOO_LARGE, NULL, NULL), e));
		return;
	}
	if (rt->flags & YC_ROUTE_JSON_BODY) {
		json_error_t jerr;
		r->json = r->body_len
		              ? json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr)
		              : NULL;
		if (!json_is_object(r->json)) {
			fail_req(r, (yc_fail(e, YC_E_BAD_JSON, NULL, NULL), e));
			return;
		}
	}
	enum yc_status st = r->checked ? YC_OK : yc_authenticate(r, e);
	if (st == YC_OK && !r->checked)
		st = yc_policy_route(r->principal, rt->roles);
	if (st != YC_OK) {
		if (e->status != st)
			yc_fail(e, st, NULL, NULL);
		fail_req(r, e);
		return;
	}
	bool replayed = false;
	st = yc_idempotency_begin(r, &replayed, e);
	if (st != YC_OK) {
		fail_req(r, e);
		return;
	}
	if (replayed)
		return;
	/* public catalog reads: the answer kept at the current catalog epoch, if any */
	int64_t epoch = -1;
	const char *ckey = NULL;
	r->catalog_epoch = -1;
	if ((rt->flags & YC_ROUTE_PUBLIC_CACHE) &&
	    yc_store_epoch(r->store, &epoch, NULL) == YC_OK) {
		r->catalog_epoch = epoch;
		ckey = cache_key(r);
		size_t len = 0;
		char *text = ckey ? yc_cache_get(ckey, epoch, r->a, &len) : NULL;
		if (text) {
			yc_reply_raw(r, 200, "application/json; charset=utf-8", text, len);
			return;
		}
	}
	/* from here the key (if any) is ours: yc_idempotency_end() stores or releases it */
	st = rt->handler(r, e);
	if (st == YC_OK && ckey && r->status == 200 && r->reply && !r->response) {
		char *text = json_dumps(r->reply, JSON_COMPACT);
		if (text) {
			size_t len = strlen(text);
			yc_cache_put(ckey, epoch, text, len);
			yc_reply_raw(r, 200, "application/json; charset=utf-8", text, len);
			free(text);
		}
	}
	if (st != YC_OK) {
		if (st == YC_E_INTERNAL || st == YC_E_STORE_UNAVAILABLE || st == YC_E_RETRY)
			r->log_detail = yc_strdup(r->a, yc_store_detail());
		fail_req(r, e);
	} else if (!r->status) {
		r->status = 200;
	}
	yc_idempotency_end(r);
}

/* The first call of an upload route: the headers are all there is. A declared length over the
 * limit is refused at once, without reading the body (the connection is closed after the 413).
 * The caller and the role are checked now, before a byte is stored; a refusal is answered after
 * the body has been read and thrown away (a client that sends its body whole, like fetch, would
 * otherwise lose the answer to a reset), or at once when the client waits for 100 Continue or the
 * body is too long to drain. */
static enum MHD_Result upload_headers(struct yc_req *r, struct yc_error *e)
{
	const struct yc_route *rt = &yc_routes[r->route];
	size_t limit = rt->body_max ? rt->body_max : r->cfg->upload_limit;
	const char *cl =
	    MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	unsigned long long len = cl ? strtoull(cl, NULL, 10) : 0;
	if (len > limit) {
		r->too_large = true;
		fail_req(r, (yc_fail(e, YC_E_TOO_LARGE, NULL, yc_upload_too_large(r, limit)), e));
		return send_early(r, e, NULL);
	}
	enum yc_status st = yc_authenticate(r, e);
	if (st == YC_OK)
		st = yc_policy_route(r->principal, rt->roles);
	if (st != YC_OK && e->status != st)
		yc_fail(e, st, NULL, NULL);
	r->checked = true;
	if (st == YC_OK)
		st = yc_upload_start(r, limit, e);
	if (st == YC_OK)
		return MHD_YES;
	const char *expect = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Expect");
	if ((expect && strcasecmp(expect, "100-continue") == 0) || len > DRAIN_MAX) {
		fail_req(r, e);
		return send_early(r, e, NULL);
	}
	yc_upload_refuse(r, limit, e);
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct yc_server *srv = cls;
	struct yc_req *r = *con_cls;
	struct yc_error e = {0};
	if (!r) {
		r = req_new(srv, c, url, method);
		*con_cls = r;
		const char *allow = NULL;
		r->route = yc_route_match(method, r->path, r->a, r->params, &r->nparams, &allow);
		if (r->route == -2) {
			fail_req(r, (yc_fail(&e, YC_E_METHOD, NULL, NULL), &e));
			return send_early(r, &e, allow);
		}
		if (r->route == -1 && is_api(r->path)) {
			fail_req(r, (yc_fail(&e, YC_E_NOT_FOUND, NULL, "找不到该接口"), &e));
			return send_early(r, &e, NULL);
		}
		if (r->route >= 0 && (yc_routes[r->route].flags & YC_ROUTE_UPLOAD))
			return upload_headers(r, &e);
		const char *cl =
		    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		unsigned long long len = cl ? strtoull(cl, NULL, 10) : 0;
		if (len > srv->cfg->body_limit) {
			/* Too large. Answering before the body is read makes the kernel reset the
			 * connection, and a client that sends its whole body at once would never
			 * see the 413. So a body up to DRAIN_MAX is read and thrown away and the
			 * answer comes after it; only a larger one is refused at once. */
			r->too_large = true;
			if (len > DRAIN_MAX) {
				fail_req(r, (yc_fail(&e, YC_E_TOO_LARGE, NULL, NULL), &e));
				return send_early(r, &e, NULL);
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (r->upload) /* false: a refused body too long to drain; close */
			return yc_upload_data(r, upload_data, n) ? MHD_YES : MHD_NO;
		if (r->too_large || r->body_len + n > srv->cfg->body_limit) {
			r->too_large = true;
			return MHD_YES;
		}
		if (r->body_len + n + 1 > r->body_cap) {
			size_t cap = r->body_cap ? r->body_cap * 2 : 4096;
			while (cap < r->body_len + n + 1)
				cap *= 2;
			char *nb = yc_alloc(r->a, cap);
			if (r->body_len)
				memcpy(nb, r->body, r->body_len);
			r->body = nb;
			r->body_cap = cap;
		}
		memcpy(r->body + r->body_len, upload_data, n);
		r->body_len += n;
		r->body[r->body_len] = '\0';
		return MHD_YES;
	}
	if (r->status) /* already answered (413 / 404 / 405 on the first call) */
		return MHD_YES;
	if (r->too_large) {
		fail_req(r, (yc_fail(&e, YC_E_TOO_LARGE, NULL, NULL), &e));
		return send_answer(r, &e, NULL);
	}
	if (r->upload && yc_upload_done(r, &e) != YC_OK) {
		fail_req(r, &e);
		return send_answer(r, &e, NULL);
	}
	dispatch(r, &e);
	return send_answer(r, r->error_code ? &e : NULL, NULL);
}

/* Mask long digit runs (ID numbers) in a path written to the log. */
static char *mask_path(struct yc_arena *a, const char *p)
{
	char *out = yc_strdup(a, p);
	size_t n = strlen(out);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n &&
		       ((out[j] >= '0' && out[j] <= '9') || out[j] == 'X' || out[j] == 'x'))
			j++;
		if (j - i >= 15) {
			for (size_t k = i + 6; k < j - 4; k++)
				out[k] = '*';
		}
		i = j > i ? j : i + 1;
	}
	return out;
}

static void log_line(struct yc_req *r, double seconds)
{
	if (r->cfg->quiet)
		return;
	char ts[24];
	yc_time_iso((int64_t)time(NULL), ts);
	json_t *line = json_pack("{s:s, s:s, s:s, s:s, s:i, s:f, s:s}", "ts", ts, "level",
	                         r->status >= 500 ? "error" : "info", "method", r->method, "path",
	                         mask_path(r->a, r->path), "status", r->status, "ms",
	                         seconds * 1000.0, "ip", r->ip);
	if (r->route >= 0)
		json_object_set_new(line, "route", json_string(yc_routes[r->route].path));
	if (r->principal && r->principal->username)
		json_object_set_new(line, "user", json_string(r->principal->username));
	if (r->error_code)
		json_object_set_new(line, "error", json_string(r->error_code));
	if (r->log_detail && r->log_detail[0])
		json_object_set_new(line, "detail", json_string(r->log_detail));
	char *s = json_dumps(line, JSON_COMPACT | JSON_REAL_PRECISION(4));
	if (s) {
		fprintf(stderr, "%s\n", s);
		free(s);
	}
	json_decref(line);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct yc_req *r = *con_cls;
	if (!r)
		return;
	yc_upload_release(r); /* whatever did not finish (the client went away, a refusal) */
	if (r->linger_fd >= 0)
		linger_start(r->linger_fd);
	double seconds = (double)(now_ns() - r->t0_ns) / 1e9;
	yc_metrics_record(r->route, r->status, seconds);
	log_line(r, seconds);
	if (r->json)
		json_decref(r->json);
	if (r->problems)
		json_decref(r->problems);
	if (r->reply)
		json_decref(r->reply);
	if (r->response)
		MHD_destroy_response(r->response);
	struct yc_server *srv = r->srv;
	yc_arena_free(r->a);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->in_flight, 1);
}

static enum yc_status parse_listen(const char *listen, struct sockaddr_storage *ss,
                                   socklen_t *sslen, struct yc_error *e)
{
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen || !colon[1])
		return yc_fail(e, YC_E_BAD_INPUT, "listen",
		               "监听地址应为 主机:端口，如 127.0.0.1:8080");
	char host[256];
	size_t hl = (size_t)(colon - listen);
	if (listen[0] == '[' && hl >= 2 && listen[hl - 1] == ']') {
		listen++;
		hl -= 2;
	}
	if (hl >= sizeof host)
		return yc_fail(e, YC_E_BAD_INPUT, "listen", "监听地址过长");
	memcpy(host, listen, hl);
	host[hl] = '\0';
	struct addrinfo hints = {.ai_family = AF_UNSPEC,
	                         .ai_socktype = SOCK_STREAM,
	                         .ai_flags = AI_NUMERICSERV | AI_PASSIVE};
	struct addrinfo *res = NULL;
	if (getaddrinfo(host, colon + 1, &hints, &res) != 0 || !res)
		return yc_fail(e, YC_E_BAD_INPUT, "listen", "无法解析监听地址");
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = res->ai_addrlen;
	freeaddrinfo(res);
	return YC_OK;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	json_t *line = json_pack("{s:s, s:s}", "level", "warn", "mhd", msg);
	char *s = json_dumps(line, JSON_COMPACT);
	if (s)
		fprintf(stderr, "%s\n", s);
	free(s);
	json_decref(line);
}

enum yc_status yc_serve(const struct yc_server_config *cfg, struct yc_store *store,
                        struct yc_error *e)
{
	struct sockaddr_storage ss;
	socklen_t sslen = 0;
	enum yc_status st = parse_listen(cfg->listen, &ss, &sslen, e);
	if (st != YC_OK)
		return st;
	(void)sslen;
	/* the file store: its folders, and no temporary file left by an earlier process */
	if (!cfg->data_dir || !cfg->upload_limit)
		return yc_fail(e, YC_E_BAD_INPUT, "data-dir", "未设置数据目录或上传上限");
	st = yc_blob_init(cfg->data_dir, e);
	if (st != YC_OK) {
		json_t *line =
		    json_pack("{s:s, s:s, s:s}", "level", "error", "msg",
		              "cannot prepare the data folder", "detail", yc_blob_detail());
		char *text = json_dumps(line, JSON_COMPACT);
		fprintf(stderr, "%s\n", text ? text : "");
		free(text);
		json_decref(line);
		return yc_fail(e, st, "data-dir", "无法创建数据目录");
	}
	int swept = 0;
	yc_blob_sweep(cfg->data_dir, 3600, &swept, NULL);
	st = yc_sniff_init(e);
	if (st != YC_OK)
		return st;
	int threads = cfg->threads;
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (int)n : 2;
	}
	struct yc_server srv = {.cfg = cfg, .store = store, .in_flight = 0};

	/* Block the stop signals in every thread; this one waits for them with sigwait. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* poll, not epoll: with epoll, libmicrohttpd 0.9.75 often misses a client that closes the
	 * connection while its body is being handled (an upload abandoned midway), and the request,
	 * its temporary file and the connection stay until the connection timeout. No measurable
	 * difference in throughput at a few hundred connections (wrk, 200 connections). */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC |
	                 MHD_USE_ERROR_LOG | MHD_USE_TURBO;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
	    flags, 0, NULL, NULL, &on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, &mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, &on_completed, &srv,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)4000, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
	    MHD_OPTION_END);
	if (!d) {
		yc_sniff_thread_done();
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		return yc_fail(e, YC_E_BAD_INPUT, "listen",
		               "无法在该地址监听（端口被占用或无权限）");
	}
	{
		json_t *line =
		    json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:I, s:i}", "level", "info", "msg",
		              "yici serving", "listen", cfg->listen, "threads", threads, "store",
		              yc_store_kind(store), "data", cfg->data_dir, "upload_limit",
		              (json_int_t)cfg->upload_limit, "stale_uploads_removed", swept);
		char *s = json_dumps(line, JSON_COMPACT);
		fprintf(stderr, "%s\n", s ? s : "");
		free(s);
		json_decref(line);
	}

	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;

	/* Stop accepting, let in-flight requests finish (up to 30 s), then stop the threads. */
	MHD_socket ls = MHD_quiesce_daemon(d);
	for (int i = 0; i < 300 && atomic_load(&srv.in_flight) > 0; i++) {
		struct timespec ts = {.tv_sec = 0, .tv_nsec = 100000000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	yc_cache_clear();
	yc_sniff_thread_done();
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	fprintf(stderr, "{\"level\":\"info\",\"msg\":\"yici stopped\",\"signal\":%d}\n", sig);
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	return YC_OK;
}

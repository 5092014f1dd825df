/* reply.c — answers: JSON documents, raw bytes, and the error mapping status → HTTP. */
#include "http.h"

#include "../core/text.h"

#include <stdlib.h>
#include <string.h>

int yc_http_status(enum yc_status st)
{
	switch (st) {
	case YC_OK:
		return 200;
	case YC_E_BAD_INPUT:
	case YC_E_BAD_JSON:
		return 400;
	case YC_E_UNAUTHENTICATED:
	case YC_E_BAD_CREDENTIALS:
		return 401;
	case YC_E_FORBIDDEN:
		return 403;
	case YC_E_NOT_FOUND:
		return 404;
	case YC_E_METHOD:
		return 405;
	case YC_E_CONFLICT:
	case YC_E_CALENDAR_MISSING:
		return 409;
	case YC_E_TOO_LARGE:
		return 413;
	case YC_E_DISABLED:
		return 423;
	case YC_E_LOCKED:
		return 429;
	case YC_E_STORE_UNAVAILABLE:
	case YC_E_RETRY:
		return 503;
	case YC_E_INTERNAL:
	default:
		return 500;
	}
}

json_t *yc_error_json(const struct yc_error *e)
{
	enum yc_status st = e->status == YC_E_RETRY ? YC_E_STORE_UNAVAILABLE : e->status;
	json_t *err = json_pack("{s:s, s:s}", "code", yc_status_code(st), "message",
	                        e->message ? e->message : yc_status_message(st));
	if (e->field)
		json_object_set_new(err, "field", json_string(e->field));
	return json_pack("{s:o}", "error", err);
}

enum yc_status yc_reply_json(struct yc_req *r, int status, json_t *body)
{
	if (r->reply)
		json_decref(r->reply);
	r->status = status;
	r->reply = body;
	return YC_OK;
}

enum yc_status yc_reply_raw(struct yc_req *r, int status, const char *content_type,
                            const void *data, size_t len)
{
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return YC_E_INTERNAL;
	MHD_add_response_header(resp, "Content-Type", content_type);
	if (r->response)
		MHD_destroy_response(r->response);
	r->response = resp;
	r->status = status;
	return YC_OK;
}

json_t *yc_jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *yc_jtime(int64_t t)
{
	char b[24];
	yc_time_iso(t, b);
	return json_string(b);
}

char *yc_json_text(struct yc_arena *a, const json_t *v)
{
	if (!v)
		return NULL;
	char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	if (!s)
		return NULL;
	char *out = yc_strdup(a, s);
	free(s);
	return out;
}

json_t *yc_jparse(const char *s)
{
	json_t *v = s ? json_loads(s, 0, NULL) : NULL;
	return v ? v : json_null();
}

json_t *yc_history_json(const struct yc_case_history *h, int64_t n)
{
	json_t *out = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(
		    out, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "event", h[i].event, "from",
		                   h[i].from, "to", h[i].to, "role", h[i].actor_role, "detail",
		                   yc_jparse(h[i].detail), "at", yc_jtime(h[i].at)));
	return out;
}

json_t *yc_problems_json(const struct yc_problems *p)
{
	json_t *list = json_array();
	for (int i = 0; p && i < p->n; i++)
		json_array_append_new(list, json_pack("{s:s?, s:s}", "field", p->v[i].field,
		                                      "message", p->v[i].message));
	return list;
}

enum yc_status yc_reply_problems(struct yc_req *r, const struct yc_problems *p, enum yc_status st)
{
	if (st != YC_E_BAD_INPUT || !p || !p->n)
		return st;
	if (r->problems)
		json_decref(r->problems);
	r->problems = yc_problems_json(p);
	return st;
}

enum yc_status yc_reply_tx(struct yc_req *r, const struct yc_problems *p, enum yc_status st,
                           int status, json_t **out)
{
	yc_reply_problems(r, p, st);
	if (st != YC_OK) {
		json_decref(*out);
		*out = NULL;
		return st;
	}
	return yc_reply_json(r, status, *out);
}

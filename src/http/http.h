/* http.h — the HTTP layer (internal to src/http): request context, route table, replies.
 *
 * server.c owns libmicrohttpd and calls, for every request: route lookup (routes.c), body limit,
 * JSON parsing, authentication and the policy check (auth.c + core/policy.c), then the route's
 * handler. Handlers live one file per resource family and only do their own work: they read
 * r->json / r->params, call the store inside yc_store_tx(), and answer with yc_reply_*(). */
#ifndef YICI_HTTP_H
#define YICI_HTTP_H

#include "../app/app.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../core/model.h"
#include "../core/policy.h"
#include "../store/store.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

struct yc_server_config {
	const char *listen;   /* "127.0.0.1:8080" */
	const char *web_root; /* folder of the built front end */
	size_t body_limit;    /* bytes of a JSON body */
	int threads;          /* worker threads; 0 = number of cores */
	int64_t session_idle; /* seconds */
	bool quiet;           /* no request log lines */
	const char *data_dir; /* the file store (tmp/, objects/; see blob/blob.h) */
	size_t upload_limit;  /* bytes of an upload request's body (YC_ROUTE_UPLOAD) */
};

struct yc_server;
struct yc_req;

typedef enum yc_status (*yc_handler)(struct yc_req *r, struct yc_error *e);

enum yc_route_flags {
	YC_ROUTE_JSON_BODY = 1 << 0,    /* the body must be a JSON object */
	YC_ROUTE_PUBLIC_CACHE = 1 << 1, /* a public catalog read, the same for every reader: answers
	                                   are kept per catalog epoch (cache.c); a POST read is
	                                   keyed by its body too (the interview step) */
	YC_ROUTE_UPLOAD = 1 << 2, /* the body is files, streamed into the file store before the
	                             handler runs; the caller is checked before the body is read
	                             (upload.c) */
};

struct yc_route {
	const char *method;
	const char *path; /* "/api/v1/users/{id}" */
	yc_handler handler;
	unsigned roles; /* YC_ROLE_BIT mask; 0 = public */
	unsigned flags;
	size_t body_max; /* YC_ROUTE_UPLOAD: most bytes of the body; 0 = cfg->upload_limit */
};

extern const struct yc_route yc_routes[];
extern const int yc_route_count;

#define YC_MAX_PARAMS 4

struct yc_req {
	struct MHD_Connection *conn;
	struct yc_server *srv;
	struct yc_store *store;
	const struct yc_server_config *cfg;
	struct yc_arena *a;
	const char *method;
	const char *path;
	int route; /* index in yc_routes, -1 when none */
	const char *params[YC_MAX_PARAMS];
	int nparams;
	/* body */
	char *body;
	size_t body_len, body_cap;
	bool too_large;
	json_t *json;
	/* files of a YC_ROUTE_UPLOAD body (upload.c), in the order sent, and its plain fields */
	struct yc_upload *uploads;
	int nuploads;
	struct yc_form_value *form;
	int nform;
	struct yc_upload_state *upload; /* while the body streams */
	bool checked;                   /* caller and role checked already (before the body) */
	int linger_fd; /* answered before its body was read: the socket, closed gently (server.c) */
	/* who */
	struct yc_principal *principal;
	struct yc_user *user;
	char token_hash[65];
	char ip[64];
	int64_t now;
	uint64_t t0_ns;
	int64_t
	    catalog_epoch; /* public catalog reads: the epoch their answer is kept under, or -1 */
	/* answer */
	int status;
	json_t *reply;
	struct MHD_Response *response; /* set by raw replies */
	const char *error_code;
	const char *log_detail;
	json_t *problems;     /* every problem of a rejected document, sent beside "error" */
	const char *idem_key; /* set while this request holds an idempotency key */
	int64_t idem_user;
	bool replayed;
};

/* ---- routes.c ---- */
/* Find the route for method + path; fills params. Returns the index, -1 when no path matches,
 * -2 when the path matches with other methods (allow gets "GET, POST"). */
int yc_route_match(const char *method, const char *path, struct yc_arena *a, const char **params,
                   int *nparams, const char **allow);

/* ---- reply.c ---- */
/* Answer with status and a JSON value (reference stolen). */
enum yc_status yc_reply_json(struct yc_req *r, int status, json_t *body);
/* Answer with raw bytes (copied). */
enum yc_status yc_reply_raw(struct yc_req *r, int status, const char *content_type,
                            const void *data, size_t len);
/* The HTTP status for an error status. */
int yc_http_status(enum yc_status st);
/* The JSON error document for e. */
json_t *yc_error_json(const struct yc_error *e);

/* JSON helpers: a string or null. */
json_t *yc_jstr(const char *s);
/* ISO time string. */
json_t *yc_jtime(int64_t t);
/* A compact JSON text of v in the arena (NULL for NULL). */
char *yc_json_text(struct yc_arena *a, const json_t *v);
/* A stored JSON text as a value (new reference): null for NULL or unreadable text. */
json_t *yc_jparse(const char *s);
/* A history (case or task events) as [{"event","from","to","role","detail","at"}]. */
json_t *yc_history_json(const struct yc_case_history *h, int64_t n);
/* The answer of a handler that ran one transaction: on success `*out` with `status`; on failure
 * the problems of p (bad input) and *out released. Returns st. */
enum yc_status yc_reply_tx(struct yc_req *r, const struct yc_problems *p, enum yc_status st,
                           int status, json_t **out);

/* The problems of a rejected document, sent beside the error as "problems": [{field, message}].
 * Only for bad input with problems; returns st, so handlers can write return
 * yc_reply_problems(r, &p, st). */
enum yc_status yc_reply_problems(struct yc_req *r, const struct yc_problems *p, enum yc_status st);
/* The problems as [{field, message}] (new reference). */
json_t *yc_problems_json(const struct yc_problems *p);

/* ---- parse.c ---- */
enum yc_field_type { YC_F_STRING, YC_F_INT, YC_F_BOOL, YC_F_OBJECT, YC_F_ARRAY };
struct yc_field {
	const char *name;
	enum yc_field_type type;
	bool required;
	void *dest; /* const char ** / int64_t * / int * (bool 0/1) / json_t ** (borrowed) */
	bool *present;
};
/* Parse r->json by the spec: every listed field has its type; required ones are present; no
 * field outside the list is present. Strings point into r->json. */
enum yc_status yc_parse_fields(struct yc_req *r, const struct yc_field *f, int n,
                               struct yc_error *e);
/* A query string argument, or NULL. */
const char *yc_query(struct yc_req *r, const char *name);
/* page / per_page from the query. */
enum yc_status yc_query_page(struct yc_req *r, struct yc_page *pg, struct yc_error *e);
/* A query argument that must be one of `allowed` (NULL-terminated); *out NULL when absent.
 * Anything else is bad input naming the argument and listing the allowed values. */
enum yc_status yc_query_oneof(struct yc_req *r, const char *name, const char *const *allowed,
                              const char **out, struct yc_error *e);
/* A query argument that must be a GB/T 2260 region code when present. */
enum yc_status yc_query_region(struct yc_req *r, const char *name, const char **out,
                               struct yc_error *e);
/* The `region` argument of a scoped list: when given, a region code within the caller's scope
 * (400 / 403); when absent, the caller's own region (*given false). */
enum yc_status yc_query_scope(struct yc_req *r, const char **out, bool *given, struct yc_error *e);
/* Lists: {"items": items, "total", "page", "per_page"}. */
json_t *yc_list_json(json_t *items, int64_t total, const struct yc_page *pg);
/* A path parameter as a positive integer id. */
enum yc_status yc_param_id(struct yc_req *r, int i, int64_t *id, struct yc_error *e);

/* ---- auth.c ---- */
/* Who does it, for the audit log: the request's principal (there must be one). */
struct yc_actor yc_actor_of(const struct yc_req *r);
/* Resolve the bearer token into r->principal; YC_OK also when there is no token (anonymous). */
enum yc_status yc_authenticate(struct yc_req *r, struct yc_error *e);
/* The JSON of a user as others may see it (ID number and phone masked). */
json_t *yc_user_json(const struct yc_user *u);

/* ---- audit.c ---- */
/* Append an audit row for the request's principal inside the current write transaction. */
enum yc_status yc_audit(struct yc_req *r, struct yc_db *db, const char *action, const char *entity,
                        const char *entity_id, const char *region, const json_t *before,
                        const json_t *after, struct yc_error *e);

/* ---- idempotency.c ---- */
/* For a write carrying an Idempotency-Key: claim the key, or answer from an earlier run of the
 * same request (*replayed true, answer already in r). */
enum yc_status yc_idempotency_begin(struct yc_req *r, bool *replayed, struct yc_error *e);
/* Store r's answer under the key (or release the key after a server error). */
void yc_idempotency_end(struct yc_req *r);

/* ---- handlers ---- */
enum yc_status yc_h_register(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_login(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_logout(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_me(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_users_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_users_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_users_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_users_patch(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_regions_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_regions_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_regions_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_regions_patch(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_depts_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_depts_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_depts_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_depts_patch(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_audit_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_audit_verify(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_healthz(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_metrics(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_openapi(struct yc_req *r, struct yc_error *e);

/* ---- catalog.c / portal.c ---- */
enum yc_status yc_h_search(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_themes(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matters_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matters_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matters_guide(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_items_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_items_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_items_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_admin_matters(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matters_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matter_versions(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matter_version(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matter_draft(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matter_publish(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matter_revise(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matter_abolish(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_synonyms_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_synonyms_put(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_synonyms_delete(struct yc_req *r, struct yc_error *e);

/* Views shared by portal.c and catalog.c. */
struct yc_matter_loaded;
struct yc_item_row;
json_t *yc_matter_view(struct yc_req *r, struct yc_db *db, struct yc_matter_loaded *l);
json_t *yc_item_view(const struct yc_item_row *row);

enum yc_status yc_h_guides_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_guides_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_guides_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_guides_edit(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_guides_consult(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_guides_comment(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_guides_answer(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_guides_publish(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_guides_withdraw(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_feedback_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_feedback_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_feedback_close(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_changes_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_changes_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_changes_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_changes_decide(struct yc_req *r, struct yc_error *e);
/* The published guide of a matter version, or *out NULL when none is published. */
enum yc_status yc_public_guide(struct yc_req *r, struct yc_db *db, const char *code,
                               int64_t matter_version, json_t **out, struct yc_error *e);

/* ---- interview.c ---- */
enum yc_status yc_h_matter_interview(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matter_form_check(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_me_prefill(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_matter_interview_check(struct yc_req *r, struct yc_error *e);

/* ---- cases.c ---- */
enum yc_status yc_h_cases_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_draft(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_submit(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_withdraw(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_decision(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_notices_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_notices_verify(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_upload(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_file(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_commit(struct yc_req *r, struct yc_error *e);
/* tasks.c (issue 7: joint handling) */
enum yc_status yc_h_tasks_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_tasks_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_tasks_decision(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_tasks_suspend(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_tasks_resume(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_cases_task_rectified(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_watch(struct yc_req *r, struct yc_error *e);
/* A task as shown (its colour from the clock): `full` every field (null when unset); else a list
 * row (the workbench's line: fields without a value left out, no texts); the tasks of a case
 * (full) as an array. */
json_t *yc_task_json(const struct yc_task_clock *k, const struct yc_task_row *t, bool full);
json_t *yc_tasks_of_case(struct yc_req *r, struct yc_db *db, int64_t case_id);
enum yc_status yc_h_verifications_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_verifications_decide(struct yc_req *r, struct yc_error *e);

/* ---- joint.c (联合评审 / 联合勘验 / 联合验收) ---- */
enum yc_status yc_h_joint_schedule(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_joint_case_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_joint_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_joint_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_joint_opinion(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_joint_conclude(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_joint_cancel(struct yc_req *r, struct yc_error *e);

/* ---- messages.c (我的消息, the outbox) ---- */
enum yc_status yc_h_me_messages(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_me_message_read(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_me_messages_read_all(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_outbox_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_outbox_retry(struct yc_req *r, struct yc_error *e);

/* ---- delivery.c (一次送达, hand-overs of paper materials) ---- */
enum yc_status yc_h_delivery_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_delivery_choose(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_delivery_handover(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_delivery_dispatch(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_delivery_status(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_delivery_notice(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_handovers_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_handovers_case(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_handovers_list(struct yc_req *r, struct yc_error *e);

/* ---- results.c (办理结果, the departments' seals) ---- */
enum yc_status yc_h_results_verify(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_results_pdf(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_case_results(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_dept_seal(struct yc_req *r, struct yc_error *e);
/* The results of a case as shown to someone who may see the case (each with its check), for
 * the case view: an array, empty when none was issued. */
json_t *yc_results_of_case(struct yc_req *r, struct yc_db *db, int64_t case_id);

/* ---- credit.c ---- */
enum yc_status yc_h_credit_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_credit_create(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_credit_revoke(struct yc_req *r, struct yc_error *e);

/* ---- forms.c ---- */
enum yc_status yc_h_forms_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_forms_compile(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_forms_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_forms_review(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_forms_publish(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_forms_abolish(struct yc_req *r, struct yc_error *e);

/* ---- calendar.c ---- */
enum yc_status yc_h_calendar_list(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_calendar_get(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_calendar_put(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_calendar_add(struct yc_req *r, struct yc_error *e);
enum yc_status yc_h_calendar_between(struct yc_req *r, struct yc_error *e);

/* ---- upload.c ---- */
#define YC_UPLOAD_MAX_FILES 20
/* One file of an upload request. Accepted files (type not NULL) are stored under their hash:
 * yc_blob_path(r->cfg->data_dir, u->sha256, r->a) / yc_blob_open(). Refused files are not
 * stored (sha256 ""). The handler decides what a refused file means for its request. */
struct yc_upload {
	const char *field;    /* the form field's name; "file" for a body that is the file */
	const char *filename; /* the client's file name, sanitised; NULL when none was given */
	char sha256[65];      /* the stored object; "" when not stored */
	int64_t size;         /* bytes received */
	const char *type;     /* "pdf" | "jpg" | "png" | "ofd" by content; NULL when refused */
	const char *mime;     /* by content */
	int pages;            /* a PDF's pages (智审); -1 when unknown or not a PDF */
	const char *problem;  /* NULL, or "empty" | "type" | "pdf_incomplete" | "not_ofd" */
	const char *message;  /* why it was refused (Chinese); NULL when accepted */
};
struct yc_form_value {
	const char *name, *value; /* a plain multipart field (at most 8 KiB, no NUL) */
};
/* server.c's steps for an upload route: start from the headers (after the caller's check);
 * refuse (keep e as the answer and throw the body away); each piece of the body (false: close
 * the connection, the refused body is too long to drain); the body is complete (r->uploads are
 * final, or the error; with an Idempotency-Key r->body becomes a canonical text of the files'
 * names, sizes and hashes and of the fields, so that a retry with the same files is the same
 * request whatever its multipart boundary); release at completion (removes every unfinished
 * temporary file). */
enum yc_status yc_upload_start(struct yc_req *r, size_t limit, struct yc_error *e);
void yc_upload_refuse(struct yc_req *r, size_t limit, const struct yc_error *e);
bool yc_upload_data(struct yc_req *r, const char *data, size_t n);
enum yc_status yc_upload_done(struct yc_req *r, struct yc_error *e);
void yc_upload_release(struct yc_req *r);
/* "上传内容过大：每次最多 20 MB" (arena). */
const char *yc_upload_too_large(struct yc_req *r, size_t limit);
/* {"field","name","sha256","size","type","mime","pages","problem":null|{"code","message"}} */
json_t *yc_upload_json(const struct yc_upload *u);
enum yc_status yc_h_uploads_check(struct yc_req *r, struct yc_error *e);

/* ---- cache.c ---- */
/* The text of the answer kept under key at this catalog epoch (arena copy), or NULL. */
char *yc_cache_get(const char *key, int64_t epoch, struct yc_arena *a, size_t *len);
void yc_cache_put(const char *key, int64_t epoch, const char *text, size_t len);
/* Free every entry (at shutdown). */
void yc_cache_clear(void);

/* ---- static.c ---- */
/* Serve a file of the web root, or index.html for any other non-API path. */
enum yc_status yc_serve_static(struct yc_req *r, struct yc_error *e);

/* ---- metrics.c ---- */
void yc_metrics_record(int route, int status, double seconds);
/* Prometheus text of every counter, in the arena. */
char *yc_metrics_text(struct yc_arena *a, size_t *len);

/* ---- server.c ---- */
/* Start serving; returns when SIGTERM or SIGINT arrives and every in-flight request has ended. */
enum yc_status yc_serve(const struct yc_server_config *cfg, struct yc_store *store,
                        struct yc_error *e);

#endif

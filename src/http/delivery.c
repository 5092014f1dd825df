/* delivery.c — one delivery (一次送达) and the hand-overs of paper materials over HTTP: the
 * applicant's (or the window's) choice of method, the window's hand-over with the signature
 * captured on its page (a PNG checked by content, kept in the file store by its SHA-256), the
 * postal dispatch and its confirmation, the public notice; recording and listing hand-overs.
 * Access to a case: yc_policy_case for the applicant, the window, supervisors and admins; the
 * courier and departments by region scope (a department only through its own task, checked in
 * src/app). Every change runs in one transaction through src/app. */
#include "http.h"

#include "../app/app.h"
#include "../blob/blob.h"
#include "../blob/sniff.h"
#include "../core/case_fsm.h"
#include "../core/codes.h"
#include "../core/delivery.h"
#include "../core/text.h"

#include <sodium.h>
#include <string.h>

/* The largest signature image taken (decoded PNG bytes). */
#define SIGNATURE_MAX (512 * 1024)

struct d_ctx {
	struct yc_req *r;
	int64_t id, version;
	struct yc_delivery_choice choice;
	struct yc_delivery_signing sign;
	struct yc_handover_input ho;
	const char *tracking, *status, *reason;
	enum { D_GET, D_CHOOSE, D_HANDOVER, D_DISPATCH, D_STATUS, D_NOTICE } op;
	struct yc_handover_filter filter;
	struct yc_page pg;
	struct yc_problems p;
	json_t *out;
};

static json_t *time_or_null(int64_t t)
{
	return t ? yc_jtime(t) : json_null();
}

static json_t *delivery_view(const struct yc_delivery_row *d)
{
	enum yc_delivery_method m = YC_DM_PICKUP;
	yc_delivery_method_parse(d->method, &m);
	char masked[32] = "";
	if (d->signer_id_number)
		yc_mask_id_number(d->signer_id_number, strlen(d->signer_id_number), masked,
		                  sizeof masked);
	json_t *v =
	    json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "method", d->method,
	              "method_name", yc_delivery_method_zh(m), "state", d->state, "state_name",
	              yc_delivery_state_zh(d->state), "recipient_name", yc_jstr(d->recipient_name),
	              "phone", yc_jstr(d->phone), "address", yc_jparse(d->address),
	              "tracking_number", yc_jstr(d->tracking_number));
	json_object_set_new(v, "signer_name", yc_jstr(d->signer_name));
	json_object_set_new(v, "signer_id_number",
	                    d->signer_id_number ? json_string(masked) : json_null());
	json_object_set_new(v, "signature_sha256", yc_jstr(d->signature_sha256));
	json_object_set_new(v, "receipt_notice", yc_jstr(d->receipt_notice));
	json_object_set_new(v, "public_notice", yc_jstr(d->public_notice));
	json_object_set_new(v, "chosen_at", time_or_null(d->chosen_at));
	json_object_set_new(v, "sent_at", time_or_null(d->sent_at));
	json_object_set_new(v, "delivered_at", time_or_null(d->delivered_at));
	json_object_set_new(v, "version", json_integer(d->version));
	return v;
}

/* {"case":{id, number, state, state_name, version}, "delivery": … | null, "blocked": [materials
 * still missing under tolerance]} */
static enum yc_status answer(struct yc_req *r, struct yc_db *db, const struct yc_case_row *c,
                             json_t **out, struct yc_error *e)
{
	struct yc_delivery_row d;
	bool found = false;
	enum yc_status st = yc_delivery_get(db, r->a, c->id, &d, &found, e);
	struct yc_case_material *m;
	int64_t n = 0;
	if (st == YC_OK)
		st = yc_app_delivery_blockers(db, r->a, c->id, &m, &n, e);
	if (st != YC_OK)
		return st;
	json_t *blocked = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(blocked,
		                      json_pack("{s:s, s:s, s:o}", "slot", m[i].slot, "name",
		                                m[i].name, "deadline", yc_jstr(m[i].deadline)));
	enum yc_case_state s = YC_CASE_DRAFT;
	yc_case_state_parse(c->state, &s);
	*out = json_pack("{s:{s:I, s:s, s:s, s:s, s:I}, s:o, s:o}", "case", "id", (json_int_t)c->id,
	                 "number", c->number, "state", c->state, "state_name", yc_case_state_zh(s),
	                 "version", (json_int_t)c->version, "delivery",
	                 found ? delivery_view(&d) : json_null(), "blocked", blocked);
	return YC_OK;
}

/* Load case ctx->id and decide access: the applicant, the window, supervisors and admins by
 * yc_policy_case; the courier (and a department, whose task src/app checks) by region scope. */
static enum yc_status load(struct yc_db *db, struct d_ctx *c, struct yc_case_row *row,
                           struct yc_error *e)
{
	enum yc_status st = yc_case_get(db, c->r->a, c->id, row, e);
	if (st != YC_OK)
		return st;
	const struct yc_principal *p = c->r->principal;
	if (p->role == YC_ROLE_COURIER || p->role == YC_ROLE_DEPT)
		st = yc_policy_scope(p, row->region, NULL);
	else
		st = yc_policy_case(p, row->region, row->applicant_user, row->created_by);
	if (st != YC_OK)
		return yc_fail(e, st, NULL,
		               p->role == YC_ROLE_APPLICANT ? "这不是你的办件"
		                                            : "该办件不在本账号的区划范围内");
	return YC_OK;
}

static enum yc_status delivery_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct d_ctx *c = vctx;
	struct yc_req *r = c->r;
	yc_problems_init(&c->p, r->a);
	struct yc_case_row row;
	enum yc_status st = load(db, c, &row, e);
	struct yc_actor who = yc_actor_of(r);
	unsigned actor = (unsigned)r->principal->role;
	if (st != YC_OK)
		return st;
	switch (c->op) {
	case D_GET:
		break;
	case D_CHOOSE:
		st = yc_app_delivery_choose(db, r->a, &who, actor, r->now, &row, &c->choice, &c->p,
		                            e);
		break;
	case D_HANDOVER:
		st = yc_app_delivery_handover(db, r->a, &who, r->now, &row, &c->sign, &c->p, e);
		break;
	case D_DISPATCH:
		st = yc_app_delivery_dispatch(db, r->a, &who, r->now, &row, c->version, c->tracking,
		                              &c->p, e);
		break;
	case D_STATUS:
		st = yc_app_delivery_confirm(db, r->a, &who, actor, r->now, &row, c->version, &c->p,
		                             e);
		break;
	case D_NOTICE:
		st = yc_app_delivery_public(db, r->a, &who, r->now, &row, c->version, c->reason,
		                            &c->p, e);
		break;
	}
	return st == YC_OK ? answer(r, db, &row, &c->out, e) : st;
}

static enum yc_status run(struct yc_req *r, struct d_ctx *c, struct yc_error *e)
{
	enum yc_status st = yc_param_id(r, 0, &c->id, e);
	if (st != YC_OK)
		return st;
	int64_t version = c->op == D_CHOOSE     ? c->choice.version
	                  : c->op == D_HANDOVER ? c->sign.version
	                                        : c->version;
	if (c->op != D_GET && version < 1)
		return yc_fail(e, YC_E_BAD_INPUT, "version", "请提供办件的当前版本号（version）");
	st = yc_store_tx(r->store, c->op == D_GET ? YC_TX_READ : YC_TX_WRITE, delivery_tx, c, e);
	yc_reply_problems(r, &c->p, st);
	if (st != YC_OK) {
		json_decref(c->out);
		return st;
	}
	return yc_reply_json(r, 200, c->out);
}

enum yc_status yc_h_delivery_get(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r, .op = D_GET};
	return run(r, &c, e);
}

/* POST /cases/{id}/delivery {"method","version","recipient_name","phone","address"} */
enum yc_status yc_h_delivery_choose(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r, .op = D_CHOOSE};
	json_t *address = NULL;
	const struct yc_field f[] = {
	    {"method", YC_F_STRING, true, &c.choice.method, NULL},
	    {"version", YC_F_INT, true, &c.choice.version, NULL},
	    {"recipient_name", YC_F_STRING, false, &c.choice.recipient_name, NULL},
	    {"phone", YC_F_STRING, false, &c.choice.phone, NULL},
	    {"address", YC_F_OBJECT, false, &address, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 5, e);
	if (st != YC_OK)
		return st;
	c.choice.address = address;
	return run(r, &c, e);
}

/* The signature captured on the window's page: "data:image/png;base64,…", a PNG by content, at
 * most SIGNATURE_MAX bytes, stored in the file store; sha gets its hash. */
static enum yc_status store_signature(struct yc_req *r, const char *uri, char sha[65],
                                      struct yc_error *e)
{
	static const char prefix[] = "data:image/png;base64,";
	size_t plen = sizeof prefix - 1;
	if (strncmp(uri, prefix, plen) != 0)
		return yc_fail(e, YC_E_BAD_INPUT, "signature",
		               "签名应为 PNG 图像（data:image/png;base64,…）");
	const char *b64 = uri + plen;
	size_t blen = strlen(b64);
	if (blen > (SIGNATURE_MAX + 2) / 3 * 4)
		return yc_fail(e, YC_E_TOO_LARGE, "signature", "签名图像过大：最多 512 KB");
	size_t cap = blen / 4 * 3 + 3, n = 0;
	unsigned char *bin = yc_alloc(r->a, cap);
	if (sodium_base642bin(bin, cap, b64, blen, NULL, &n, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0)
		return yc_fail(e, YC_E_BAD_INPUT, "signature", "签名图像的 base64 编码无效");
	if (n > SIGNATURE_MAX)
		return yc_fail(e, YC_E_TOO_LARGE, "signature", "签名图像过大：最多 512 KB");
	struct yc_sniff s;
	yc_sniff_buffer(bin, n, &s);
	if (!s.type || strcmp(s.type, "png") != 0)
		return yc_fail(e, YC_E_BAD_INPUT, "signature",
		               yc_printf(r->a, "签名按内容不是 PNG 图像（%s）",
		                         s.message ? s.message : s.mime));
	struct yc_blob_writer *w = NULL;
	enum yc_status st = yc_blob_begin(r->cfg->data_dir, SIGNATURE_MAX, &w, e);
	if (st == YC_OK)
		st = yc_blob_write(w, bin, n, e);
	if (st != YC_OK) {
		yc_blob_abort(w);
		return st;
	}
	return yc_blob_finish(w, sha, NULL, e);
}

/* POST /cases/{id}/delivery/handover {"version","signer_name","signer_id_number","signature"} */
enum yc_status yc_h_delivery_handover(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r, .op = D_HANDOVER};
	const char *signature = NULL;
	const struct yc_field f[] = {
	    {"version", YC_F_INT, true, &c.sign.version, NULL},
	    {"signer_name", YC_F_STRING, true, &c.sign.signer_name, NULL},
	    {"signer_id_number", YC_F_STRING, true, &c.sign.signer_id_number, NULL},
	    {"signature", YC_F_STRING, true, &signature, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 4, e);
	if (st != YC_OK)
		return st;
	/* the image is kept before the transaction (storing it twice stores nothing) */
	char sha[65];
	if ((st = store_signature(r, signature, sha, e)) != YC_OK)
		return st;
	c.sign.signature_sha256 = sha;
	return run(r, &c, e);
}

/* POST /cases/{id}/delivery/dispatch {"version","tracking_number"} */
enum yc_status yc_h_delivery_dispatch(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r, .op = D_DISPATCH};
	const char *tracking = NULL;
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.version, NULL},
	                             {"tracking_number", YC_F_STRING, true, &tracking, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK)
		return st;
	/* a scanner may give lower case or surrounding spaces */
	size_t n = strlen(tracking);
	while (n && tracking[n - 1] == ' ')
		n--;
	while (n && *tracking == ' ')
		tracking++, n--;
	char *t = yc_strndup(r->a, tracking, n);
	for (char *p = t; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	c.tracking = t;
	return run(r, &c, e);
}

/* POST /cases/{id}/delivery/status {"version","status":"delivered"} */
enum yc_status yc_h_delivery_status(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r, .op = D_STATUS};
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.version, NULL},
	                             {"status", YC_F_STRING, true, &c.status, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK)
		return st;
	if (strcmp(c.status, "delivered") != 0)
		return yc_fail(e, YC_E_BAD_INPUT, "status", "status 只能是 delivered（已妥投）");
	return run(r, &c, e);
}

/* POST /cases/{id}/delivery/notice {"version","reason"?} */
enum yc_status yc_h_delivery_notice(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r, .op = D_NOTICE};
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.version, NULL},
	                             {"reason", YC_F_STRING, false, &c.reason, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK)
		return st;
	if (c.reason &&
	    yc_text_check(c.reason, strlen(c.reason), 2, 500, false, "reason", NULL) != YC_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "reason", "公告事由应为 2 至 500 个字");
	return run(r, &c, e);
}

/* ---- hand-overs ---- */

static json_t *person(int64_t id, const char *name)
{
	return id ? json_pack("{s:I, s:o}", "id", (json_int_t)id, "name", yc_jstr(name))
	          : json_null();
}

static json_t *handover_view(const struct yc_handover_row *h)
{
	enum yc_handover_step s = YC_HO_WINDOW_TO_COURIER;
	yc_handover_step_parse(h->step, &s);
	json_t *v = json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:s}", "id", (json_int_t)h->id, "case",
	                      "id", (json_int_t)h->case_id, "number", h->case_number, "step",
	                      h->step, "step_name", yc_handover_step_zh(s), "package", h->package);
	json_object_set_new(v, "task",
	                    h->task_id ? json_pack("{s:I, s:o, s:o, s:o}", "id",
	                                           (json_int_t)h->task_id, "dept", yc_jstr(h->dept),
	                                           "dept_name", yc_jstr(h->dept_name), "item_name",
	                                           yc_jstr(h->item_name))
	                               : json_null());
	json_object_set_new(v, "from", person(h->from_user, h->from_name));
	json_object_set_new(v, "to", person(h->to_user, h->to_name));
	json_object_set_new(v, "recorded_by",
	                    json_pack("{s:I, s:o, s:o, s:s}", "id", (json_int_t)h->recorded_by,
	                              "username", yc_jstr(h->recorded_username), "name",
	                              yc_jstr(h->recorded_name), "role", h->recorded_role));
	json_object_set_new(v, "note", yc_jstr(h->note));
	json_object_set_new(v, "at", yc_jtime(h->at));
	return v;
}

/* The packages of a case's hand-overs, each with its last step and the next one expected. */
static json_t *packages_view(const struct yc_handover_row *h, int64_t n)
{
	json_t *out = json_array();
	for (int64_t i = n - 1; i >= 0; i--) {
		bool seen = false;
		size_t k;
		json_t *x;
		json_array_foreach(out, k, x)
		{
			seen |= strcmp(json_string_value(json_object_get(x, "package")),
			               h[i].package) == 0;
		}
		if (seen)
			continue;
		enum yc_handover_step s = YC_HO_WINDOW_TO_COURIER;
		yc_handover_step_parse(h[i].step, &s);
		enum yc_handover_step next = s == YC_HO_COURIER_TO_WINDOW
		                                 ? YC_HO_WINDOW_TO_COURIER
		                                 : (enum yc_handover_step)(s + 1);
		json_array_append_new(
		    out, json_pack("{s:s, s:s, s:s, s:o, s:b}", "package", h[i].package,
		                   "last_step", h[i].step, "next_step", yc_handover_step_name(next),
		                   "task", h[i].task_id ? json_integer(h[i].task_id) : json_null(),
		                   "at_window", s == YC_HO_COURIER_TO_WINDOW));
	}
	return out;
}

/* A department user reads a case's hand-overs only when one of its tasks is in the case. */
static enum yc_status dept_in_case(struct yc_db *db, struct d_ctx *c, struct yc_error *e)
{
	if (c->r->principal->role != YC_ROLE_DEPT)
		return YC_OK;
	struct yc_task_row *t;
	int64_t n = 0;
	enum yc_status st = yc_task_list_case(db, c->r->a, c->id, &t, &n, e);
	for (int64_t i = 0; st == YC_OK && i < n; i++)
		if (c->r->principal->dept && strcmp(t[i].dept, c->r->principal->dept) == 0)
			return YC_OK;
	return st == YC_OK ? yc_fail(e, YC_E_FORBIDDEN, NULL, "本部门在该办件中没有任务") : st;
}

static enum yc_status handovers_case_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct d_ctx *c = vctx;
	struct yc_case_row row;
	enum yc_status st = load(db, c, &row, e);
	if (st == YC_OK)
		st = dept_in_case(db, c, e);
	struct yc_handover_row *h;
	int64_t n = 0;
	if (st == YC_OK)
		st = yc_handover_list_case(db, c->r->a, c->id, NULL, &h, &n, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, handover_view(&h[i]));
	c->out = json_pack("{s:o, s:o}", "items", items, "packages", packages_view(h, n));
	return YC_OK;
}

/* GET /cases/{id}/handovers */
enum yc_status yc_h_handovers_case(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_READ, handovers_case_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status handover_create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct d_ctx *c = vctx;
	yc_problems_init(&c->p, c->r->a);
	struct yc_case_row row;
	enum yc_status st = load(db, c, &row, e);
	struct yc_actor who = yc_actor_of(c->r);
	struct yc_handover_row h;
	if (st == YC_OK)
		st = yc_app_handover_record(db, c->r->a, &who, c->r->principal, c->r->now, &row,
		                            &c->ho, &h, &c->p, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "handover", handover_view(&h));
	return st;
}

/* POST /cases/{id}/handovers {"step","package","task"?,"note"?} */
enum yc_status yc_h_handovers_create(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	const struct yc_field f[] = {{"step", YC_F_STRING, true, &c.ho.step, NULL},
	                             {"package", YC_F_STRING, true, &c.ho.package, NULL},
	                             {"task", YC_F_INT, false, &c.ho.task_id, NULL},
	                             {"note", YC_F_STRING, false, &c.ho.note, NULL}};
	if ((st = yc_parse_fields(r, f, 4, e)) != YC_OK)
		return st;
	if (c.ho.task_id < 0)
		return yc_fail(e, YC_E_BAD_INPUT, "task", "task 应为任务编号");
	st = yc_store_tx(r->store, YC_TX_WRITE, handover_create_tx, &c, e);
	yc_reply_problems(r, &c.p, st);
	if (st != YC_OK) {
		json_decref(c.out);
		return st;
	}
	return yc_reply_json(r, 201, c.out);
}

static enum yc_status handovers_list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct d_ctx *c = vctx;
	struct yc_handover_row *h;
	int64_t n = 0, total = 0;
	enum yc_status st = yc_handover_list(db, c->r->a, &c->filter, &c->pg, &h, &n, &total, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, handover_view(&h[i]));
	c->out = yc_list_json(items, total, &c->pg);
	return YC_OK;
}

/* GET /handovers?mine=1&package=…&region=…: the caller's own records (the courier's list), or
 * every hand-over of the caller's scope; a department sees its own tasks' hand-overs. */
enum yc_status yc_h_handovers_list(struct yc_req *r, struct yc_error *e)
{
	struct d_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	const char *mine = NULL, *region = NULL;
	static const char *const flags[] = {"0", "1", NULL};
	if (st == YC_OK)
		st = yc_query_oneof(r, "mine", flags, &mine, e);
	bool given = false;
	if (st == YC_OK)
		st = yc_query_scope(r, &region, &given, e);
	if (st != YC_OK)
		return st;
	const char *package = yc_query(r, "package");
	if (package && (!package[0] || strlen(package) > 64))
		return yc_fail(e, YC_E_BAD_INPUT, "package", "资料袋编码应为 1 至 64 位");
	c.filter = (struct yc_handover_filter){
	    .recorded_by = mine && strcmp(mine, "1") == 0 ? r->principal->user_id : 0,
	    .package = package,
	    .region = region,
	    .dept = r->principal->role == YC_ROLE_DEPT ? r->principal->dept : NULL};
	if (r->principal->role == YC_ROLE_DEPT && !c.filter.dept)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "账户未关联部门");
	st = yc_store_tx(r->store, YC_TX_READ, handovers_list_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

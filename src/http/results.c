/* results.c — results (办理结果) over HTTP: the public check behind the /verify/{number} page
 * (no login; genuine, current, expired or revoked, with the signature check), a department's
 * published seal, the results of a case (the applicant, staff in scope, the issuing
 * department) and a result as a PDF with its seal, fingerprint and QR code. See
 * docs/results.md. */
#include "http.h"

#include "../app/app.h"
#include "../core/codes.h"
#include "../core/seal.h"
#include "../core/text.h"
#include "../render/result_pdf.h"

#include <stdlib.h>
#include <string.h>

struct r_ctx {
	struct yc_req *r;
	const char *number, *code;
	int64_t case_id;
	struct yc_result_row row;
	struct yc_dept_seal seal;
	bool have_seal;
	struct yc_result_check check;
	struct yc_region region;
	json_t *out;
};

/* A result number as issued: <2–6 capitals>-<6 or 12 digits>-<4 digits>-<6 to 9 digits>. */
static bool number_ok(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	if (n > 40)
		return false;
	for (k = 0; i < n && s[i] >= 'A' && s[i] <= 'Z'; i++, k++)
		;
	if (k < 2 || k > 6 || s[i++] != '-')
		return false;
	const int lo[] = {6, 4, 6}, hi[] = {12, 4, 9};
	for (int part = 0; part < 3; part++) {
		for (k = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++, k++)
			;
		if ((int)k < lo[part] || (int)k > hi[part] || (part == 0 && k != 6 && k != 12))
			return false;
		if (part < 2 && s[i++] != '-')
			return false;
	}
	return i == n;
}

/* 张三 → 张*, 欧阳娜娜 → 欧***: the first character, the rest masked. */
static const char *mask_name(struct yc_arena *a, const char *name)
{
	if (!name || !name[0])
		return "*";
	const unsigned char *p = (const unsigned char *)name;
	int k = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : 4;
	long rest = yc_utf8_len(name, strlen(name)) - 1;
	if (rest < 1)
		rest = 1;
	if (rest > 20)
		rest = 20;
	return yc_printf(a, "%.*s%.*s", k, name, (int)rest, "********************");
}

static const char *status_zh(const char *status)
{
	return strcmp(status, "current") == 0   ? "真实有效"
	       : strcmp(status, "expired") == 0 ? "已过期"
	       : strcmp(status, "revoked") == 0 ? "已撤销"
	                                        : "不是真实的结果";
}

static json_t *parse_text(const char *s)
{
	json_t *v = s ? json_loads(s, 0, NULL) : NULL;
	return v ? v : json_object();
}

/* The absolute address of the public verify page (the QR code's target): YICI_PUBLIC_URL
 * (e.g. https://zwfw.example.gov.cn) or this server's listen address, as for notices. */
static const char *public_url(struct yc_req *r, const char *path)
{
	const char *base = getenv("YICI_PUBLIC_URL");
	if (!base || !base[0])
		return yc_printf(r->a, "http://%s%s", r->cfg->listen, path);
	size_t n = strlen(base);
	return yc_printf(r->a, "%.*s%s", (int)(base[n - 1] == '/' ? n - 1 : n), base, path);
}

static const char *verify_path(struct yc_req *r, const struct yc_result_row *row)
{
	return yc_printf(r->a, "/verify/%s?sig=%s", row->number, row->signature);
}

static json_t *seal_json(const struct yc_dept_seal *s)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}}", "dept", s->dept, "key_id",
	                 s->key_id, "public_key", s->public_key, "algorithm", "Ed25519", "jwk",
	                 "kty", "OKP", "crv", "Ed25519", "x", s->public_key, "kid", s->key_id);
}

/* Read result c->number, its seal, and check it against the signature presented (sig). */
static enum yc_status load(struct yc_db *db, struct r_ctx *c, const char *sig, struct yc_error *e)
{
	enum yc_status st = yc_result_get(db, c->r->a, c->number, &c->row, e);
	if (st == YC_OK)
		st = yc_dept_seal_by_key(db, c->r->a, c->row.key_id, &c->seal, &c->have_seal, e);
	if (st == YC_OK)
		c->check = yc_app_result_check(c->r->a, &c->row, c->have_seal ? &c->seal : NULL,
		                               sig, yc_date_cst(c->r->now));
	return st;
}

/* ---- the public check ---- */

static enum yc_status verify_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct r_ctx *c = vctx;
	return load(db, c, yc_query(c->r, "sig"), e);
}

enum yc_status yc_h_results_verify(struct yc_req *r, struct yc_error *e)
{
	struct r_ctx c = {.r = r, .number = r->params[0]};
	if (!number_ok(c.number))
		return yc_fail(e, YC_E_NOT_FOUND, NULL,
		               "结果编号格式不正确：不是真实的结果，请向发证部门核实");
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, verify_tx, &c, e);
	if (st == YC_E_NOT_FOUND)
		return yc_fail(e, st, NULL, "查无此办理结果：不是真实的结果，请向发证部门核实");
	if (st != YC_OK)
		return st;
	const struct yc_result_row *w = &c.row;
	char masked[32] = "";
	yc_mask_id_number(w->holder_id, strlen(w->holder_id), masked, sizeof masked);
	json_t *res =
	    json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "number",
	              w->number, "name", w->name, "item", "code", w->item_code, "name",
	              w->item_name, "dept", w->dept, "dept_name", w->dept_name ? w->dept_name : "",
	              "holder_name", mask_name(r->a, w->holder_name), "holder_id_masked", masked,
	              "valid_from", w->valid_from, "valid_until", yc_jstr(w->valid_until), "fields",
	              parse_text(w->fields), "issued_at", yc_jtime(w->issued_at));
	json_t *out = json_pack(
	    "{s:o, s:b, s:s, s:s, s:b, s:o, s:o, s:o}", "result", res, "genuine", c.check.genuine,
	    "status", c.check.status, "status_name", status_zh(c.check.status), "signature_valid",
	    c.check.signature_valid, "seal", c.have_seal ? seal_json(&c.seal) : json_null(),
	    "revoke_reason", yc_jstr(w->revoke_reason), "revoked_at",
	    w->revoked_at ? yc_jtime(w->revoked_at) : json_null());
	return yc_reply_json(r, 200, out);
}

/* ---- a department's seal ---- */

static enum yc_status seal_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct r_ctx *c = vctx;
	struct yc_dept d;
	enum yc_status st = yc_dept_get(db, c->r->a, c->code, &d, e);
	if (st != YC_OK)
		return st;
	if ((st = yc_dept_seal_current(db, c->r->a, d.code, &c->seal, &c->have_seal, e)) != YC_OK)
		return st;
	if (!c->have_seal)
		return yc_fail(e, YC_E_NOT_FOUND, NULL,
		               "该部门尚未启用电子印章（签发第一份办理结果时建立）");
	json_t *s = seal_json(&c->seal);
	json_object_set_new(s, "dept_name", json_string(d.name));
	json_object_set_new(s, "created_at", yc_jtime(c->seal.created_at));
	c->out = json_pack("{s:o}", "seal", s);
	return YC_OK;
}

enum yc_status yc_h_dept_seal(struct yc_req *r, struct yc_error *e)
{
	struct r_ctx c = {.r = r, .code = r->params[0]};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, seal_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

/* ---- results of a case, a result's PDF ---- */

/* May the caller see result w in full? The case's applicant and staff in scope of the case
 * (yc_policy_case), and the issuing department within its scope. */
static bool may_see(const struct yc_req *r, const struct yc_result_row *w)
{
	if (r->principal && r->principal->role == YC_ROLE_DEPT)
		return yc_policy_scope(r->principal, w->dept_region, w->dept) == YC_OK;
	return yc_policy_case(r->principal, w->case_region, w->case_applicant_user,
	                      w->case_created_by) == YC_OK;
}

static json_t *result_view(struct yc_req *r, const struct yc_result_row *w,
                           const struct yc_result_check *k)
{
	char masked[32] = "", fp[YC_SEAL_FINGERPRINT];
	yc_mask_id_number(w->holder_id, strlen(w->holder_id), masked, sizeof masked);
	yc_seal_fingerprint(w->signature, fp);
	json_t *v = json_pack(
	    "{s:s, s:s, s:{s:s, s:s}, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, "
	    "s:b}",
	    "number", w->number, "name", w->name, "item", "code", w->item_code, "name",
	    w->item_name, "task_id", (json_int_t)w->task_id, "dept", w->dept, "dept_name",
	    w->dept_name ? w->dept_name : "", "holder_name", w->holder_name, "holder_id_masked",
	    masked, "valid_from", w->valid_from, "valid_until", yc_jstr(w->valid_until), "fields",
	    parse_text(w->fields), "issued_at", yc_jtime(w->issued_at), "state", w->state, "status",
	    k->status, "status_name", status_zh(k->status), "genuine", k->genuine);
	json_object_set_new(v, "key_id", json_string(w->key_id));
	json_object_set_new(v, "signature", json_string(w->signature));
	json_object_set_new(v, "fingerprint", json_string(fp));
	json_object_set_new(v, "revoke_reason", yc_jstr(w->revoke_reason));
	json_object_set_new(v, "revoked_at", w->revoked_at ? yc_jtime(w->revoked_at) : json_null());
	json_object_set_new(v, "verify_url", json_string(public_url(r, verify_path(r, w))));
	json_object_set_new(v, "pdf",
	                    json_string(yc_printf(r->a, "/api/v1/results/%s/pdf", w->number)));
	return v;
}

json_t *yc_results_of_case(struct yc_req *r, struct yc_db *db, int64_t case_id)
{
	struct yc_result_row *rows;
	int64_t n = 0;
	json_t *items = json_array();
	if (yc_result_list_case(db, r->a, case_id, &rows, &n, NULL) != YC_OK)
		return items;
	for (int64_t i = 0; i < n; i++) {
		struct yc_dept_seal s;
		bool have = false;
		if (yc_dept_seal_by_key(db, r->a, rows[i].key_id, &s, &have, NULL) != YC_OK)
			have = false;
		struct yc_result_check k = yc_app_result_check(r->a, &rows[i], have ? &s : NULL,
		                                               NULL, yc_date_cst(r->now));
		json_array_append_new(items, result_view(r, &rows[i], &k));
	}
	return items;
}

static enum yc_status case_results_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct r_ctx *c = vctx;
	struct yc_req *r = c->r;
	struct yc_case_row cr;
	enum yc_status st = yc_case_get(db, r->a, c->case_id, &cr, e);
	if (st != YC_OK)
		return st;
	bool dept = r->principal->role == YC_ROLE_DEPT;
	if (!dept &&
	    yc_policy_case(r->principal, cr.region, cr.applicant_user, cr.created_by) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL,
		               r->principal->role == YC_ROLE_APPLICANT
		                   ? "这不是你的办件"
		                   : "该办件不在本账号的区划范围内");
	struct yc_result_row *rows;
	int64_t n = 0;
	if ((st = yc_result_list_case(db, r->a, c->case_id, &rows, &n, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		if (dept && !may_see(r, &rows[i]))
			continue;
		struct yc_dept_seal s;
		bool have = false;
		st = yc_dept_seal_by_key(db, r->a, rows[i].key_id, &s, &have, e);
		struct yc_result_check k = yc_app_result_check(r->a, &rows[i], have ? &s : NULL,
		                                               NULL, yc_date_cst(r->now));
		json_array_append_new(items, result_view(r, &rows[i], &k));
	}
	if (st == YC_OK && dept && json_array_size(items) == 0)
		st = yc_fail(e, YC_E_FORBIDDEN, NULL, "本部门在该办件中没有办理结果");
	if (st != YC_OK) {
		json_decref(items);
		return st;
	}
	c->out = json_pack("{s:o}", "results", items);
	return YC_OK;
}

enum yc_status yc_h_case_results(struct yc_req *r, struct yc_error *e)
{
	struct r_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.case_id, e);
	if (st != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_READ, case_results_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status pdf_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct r_ctx *c = vctx;
	enum yc_status st = load(db, c, NULL, e);
	if (st != YC_OK)
		return st;
	if (!may_see(c->r, &c->row))
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "只有结果的持有人和经办工作人员可以下载");
	if (yc_region_get(db, c->r->a, c->row.dept_region, &c->region, NULL) != YC_OK)
		c->region.name = "";
	return YC_OK;
}

enum yc_status yc_h_results_pdf(struct yc_req *r, struct yc_error *e)
{
	struct r_ctx c = {.r = r, .number = r->params[0]};
	if (!number_ok(c.number))
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "查无此办理结果");
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, pdf_tx, &c, e);
	if (st != YC_OK)
		return st;
	const struct yc_result_row *w = &c.row;
	if (!c.check.genuine)
		return yc_fail(e, YC_E_CONFLICT, NULL,
		               "该结果的电子签名校验不通过，不能生成 PDF，请联系发证部门");
	char masked[32] = "", fp[YC_SEAL_FINGERPRINT], at[24];
	yc_mask_id_number(w->holder_id, strlen(w->holder_id), masked, sizeof masked);
	yc_seal_fingerprint(w->signature, fp);
	yc_time_iso(w->issued_at, at);
	int32_t rd = yc_date_cst(w->revoked_at);
	json_t *fields = parse_text(w->fields);
	struct yc_result_doc d = {
	    .number = w->number,
	    .name = w->name,
	    .dept_name = w->dept_name,
	    .region_name = c.region.name,
	    .issued_at = at,
	    .holder_name = w->holder_name,
	    .holder_id_masked = masked,
	    .item_code = w->item_code,
	    .item_name = w->item_name,
	    .case_number = w->case_number,
	    .valid_from = w->valid_from,
	    .valid_until = w->valid_until,
	    .key_id = w->key_id,
	    .fingerprint = fp,
	    .public_key = c.seal.public_key,
	    .verify_url = public_url(r, verify_path(r, w)),
	    .revoked_note =
	        strcmp(c.check.status, "revoked") == 0
	            ? yc_printf(r->a, "本结果已于%d年%d月%d日撤销：%s。撤销后不再具有效力。",
	                        rd / 10000, rd / 100 % 100, rd % 100,
	                        w->revoke_reason ? w->revoke_reason : "")
	            : NULL,
	    .fields = fields};
	unsigned char *bytes = NULL;
	size_t blen = 0;
	st = yc_result_pdf(&d, r->a, &bytes, &blen, e);
	json_decref(fields);
	if (st != YC_OK)
		return st;
	st = yc_reply_raw(r, 200, "application/pdf", bytes, blen);
	if (st == YC_OK && r->response)
		MHD_add_response_header(r->response, "Content-Disposition",
		                        yc_printf(r->a, "inline; filename=\"%s.pdf\"", w->number));
	return st;
}

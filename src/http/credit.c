/* credit.c — credit records (诚信档案) for admins and supervisors of a region: list, record,
 * revoke. ID numbers are masked in the list. */
#include "http.h"

#include "../app/app.h"
#include "../core/codes.h"
#include "../core/text.h"

#include <string.h>

static json_t *credit_view(const struct yc_credit_row *c, int64_t now, bool mask)
{
	char masked[32];
	const char *subject = c->subject_id;
	size_t n = strlen(subject);
	if (mask && yc_id_number_check(subject, n, yc_date_cst(now)) == YC_CODE_OK &&
	    yc_mask_id_number(subject, n, masked, sizeof masked) > 0)
		subject = masked;
	bool live = strcmp(c->kind, "dishonest") == 0 && !c->revoked_at && c->starts_at <= now &&
	            c->expires_at > now;
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:o}", "id",
	                 (json_int_t)c->id, "subject_id", subject, "subject_name", c->subject_name,
	                 "kind", c->kind, "source", c->source, "reason", c->reason, "region",
	                 c->region, "case_id", c->case_id ? json_integer(c->case_id) : json_null(),
	                 "starts_at", yc_jtime(c->starts_at), "expires_at", yc_jtime(c->expires_at),
	                 "revoked_at", c->revoked_at ? yc_jtime(c->revoked_at) : json_null(),
	                 "live", live, "revoke_reason", yc_jstr(c->revoke_reason));
}

struct cr_ctx {
	struct yc_req *r;
	const char *subject, *region;
	struct yc_page pg;
	struct yc_credit_row row;
	int64_t id;
	const char *reason;
	json_t *out;
};

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct cr_ctx *c = vctx;
	struct yc_credit_row *rows;
	int64_t n = 0, total = 0;
	enum yc_status st =
	    yc_credit_list(db, c->r->a, c->subject, c->region, &c->pg, &rows, &n, &total, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, credit_view(&rows[i], c->r->now, true));
	c->out = yc_list_json(items, total, &c->pg);
	return YC_OK;
}

enum yc_status yc_h_credit_list(struct yc_req *r, struct yc_error *e)
{
	struct cr_ctx c = {.r = r, .subject = yc_query(r, "subject")};
	bool given;
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_scope(r, &c.region, &given, e);
	if (st == YC_OK && c.subject && strlen(c.subject) != 18)
		st =
		    yc_fail(e, YC_E_BAD_INPUT, "subject", "应为 18 位身份证号码或统一社会信用代码");
	if (st != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct cr_ctx *c = vctx;
	struct yc_actor who = yc_actor_of(c->r);
	enum yc_status st = yc_app_credit_record(db, c->r->a, &who, c->r->now, &c->row, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "credit", credit_view(&c->row, c->r->now, false));
	return st;
}

static bool date_arg(const char *s, int64_t *out)
{
	return s && strlen(s) == 10 && yc_time_parse(s, out);
}

enum yc_status yc_h_credit_create(struct yc_req *r, struct yc_error *e)
{
	struct cr_ctx c = {.r = r};
	const char *subject = NULL, *name = NULL, *kind = NULL, *reason = NULL, *starts = NULL,
	           *expires = NULL;
	const struct yc_field f[] = {{"subject_id", YC_F_STRING, true, &subject, NULL},
	                             {"subject_name", YC_F_STRING, true, &name, NULL},
	                             {"kind", YC_F_STRING, true, &kind, NULL},
	                             {"reason", YC_F_STRING, true, &reason, NULL},
	                             {"starts", YC_F_STRING, false, &starts, NULL},
	                             {"expires", YC_F_STRING, true, &expires, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 6, e);
	if (st != YC_OK)
		return st;
	size_t sl = strlen(subject);
	if (yc_id_number_check(subject, sl, yc_date_cst(r->now)) != YC_CODE_OK &&
	    yc_credit_code_check(subject, sl) != YC_CODE_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "subject_id",
		               "应为有效的身份证号码（GB 11643）或统一社会信用代码（GB 32100）");
	if (yc_text_check(name, strlen(name), 2, 100, false, "subject_name", NULL) != YC_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "subject_name", "名称应为 2 至 100 个字");
	if (strcmp(kind, "dishonest") != 0 && strcmp(kind, "honest") != 0)
		return yc_fail(e, YC_E_BAD_INPUT, "kind",
		               "kind 应为 dishonest（失信）或 honest（守信）");
	if (yc_text_check(reason, strlen(reason), 2, 1000, false, "reason", NULL) != YC_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "reason", "请写明理由（2 至 1000 字）");
	int64_t from = r->now, until = 0;
	if (starts && !date_arg(starts, &from))
		return yc_fail(e, YC_E_BAD_INPUT, "starts", "日期格式应为 YYYY-MM-DD");
	if (!date_arg(expires, &until))
		return yc_fail(e, YC_E_BAD_INPUT, "expires", "日期格式应为 YYYY-MM-DD");
	if (until <= from)
		return yc_fail(e, YC_E_BAD_INPUT, "expires", "失效日期应晚于生效日期");
	c.row = (struct yc_credit_row){.subject_id = subject,
	                               .subject_name = name,
	                               .kind = kind,
	                               .source = "manual",
	                               .reason = reason,
	                               .region = r->principal->region,
	                               .starts_at = from,
	                               .expires_at = until};
	st = yc_store_tx(r->store, YC_TX_WRITE, create_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 201, c.out) : st;
}

static enum yc_status revoke_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct cr_ctx *c = vctx;
	enum yc_status st = yc_credit_get(db, c->r->a, c->id, &c->row, e);
	if (st != YC_OK)
		return st;
	if (yc_policy_scope(c->r->principal, c->row.region, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "该记录不在本账号的区划范围内");
	if ((st = yc_credit_revoke(db, c->id, c->r->principal->user_id, c->reason, c->r->now, e)) !=
	    YC_OK)
		return st;
	struct yc_actor who = yc_actor_of(c->r);
	json_t *after = json_pack("{s:s}", "revoke_reason", c->reason);
	st = yc_app_audit(db, c->r->a, &who, c->r->now, "credit.revoke", "credit",
	                  yc_printf(c->r->a, "%lld", (long long)c->id), c->row.region, NULL, after,
	                  e);
	json_decref(after);
	if (st == YC_OK && (st = yc_credit_get(db, c->r->a, c->id, &c->row, e)) == YC_OK)
		c->out = json_pack("{s:o}", "credit", credit_view(&c->row, c->r->now, false));
	return st;
}

enum yc_status yc_h_credit_revoke(struct yc_req *r, struct yc_error *e)
{
	struct cr_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	const struct yc_field f[] = {{"reason", YC_F_STRING, true, &c.reason, NULL}};
	if ((st = yc_parse_fields(r, f, 1, e)) != YC_OK)
		return st;
	if (yc_text_check(c.reason, strlen(c.reason), 2, 1000, false, "reason", NULL) != YC_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "reason", "请写明撤销理由（2 至 1000 字）");
	st = yc_store_tx(r->store, YC_TX_WRITE, revoke_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

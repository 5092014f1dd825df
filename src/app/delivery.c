/* delivery.c — one delivery (一次送达): the applicant's choice of method after acceptance, the
 * results going out together once the case concludes (online and SMS at once by the system;
 * pickup at the window against the applicant's signature on the 送达回证; post with an EMS
 * tracking number, then confirmed delivered; a public notice 公告送达 when the applicant cannot be
 * reached), then the case is delivered and archived — every state change through the one runner
 * yc_app_case_event. And the hand-overs of paper materials between the window, the courier and
 * the departments, in their order. In the caller's transaction; see app.h and docs/delivery.md. */
#include "app.h"

#include "../core/case_fsm.h"
#include "../core/codes.h"
#include "../core/delivery.h"
#include "../core/policy.h"
#include "../core/text.h"

#include <string.h>

static const struct yc_actor sys = {.id = 0, .username = "system", .role = "system"};

static const char *method_zh(const char *m)
{
	enum yc_delivery_method dm;
	return yc_delivery_method_parse(m, &dm) ? yc_delivery_method_zh(dm) : m;
}

static const char *state_zh(const char *s)
{
	enum yc_case_state cs;
	return yc_case_state_parse(s, &cs) ? yc_case_state_zh(cs) : s;
}

static bool is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static const char *masked_phone(struct yc_arena *a, const char *phone)
{
	if (!phone)
		return NULL;
	char out[32];
	return yc_mask_phone(phone, strlen(phone), out, sizeof out) < 0 ? "***" : yc_strdup(a, out);
}

/* ---- what holds a delivery back ---- */

enum yc_status yc_app_delivery_blockers(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                        struct yc_case_material **rows, int64_t *n,
                                        struct yc_error *e)
{
	struct yc_case_material *m;
	int64_t nm = 0;
	enum yc_status st = yc_case_materials(db, a, case_id, &m, &nm, e);
	*rows = NULL;
	*n = 0;
	if (st != YC_OK)
		return st;
	*rows = yc_alloc(a, sizeof **rows * (size_t)(nm ? nm : 1));
	for (int64_t i = 0; i < nm; i++)
		if (is(m[i].status, "tolerated"))
			(*rows)[(*n)++] = m[i];
	return YC_OK;
}

/* 400 naming every tolerated material still missing (DESIGN.md §3.8: the result is not delivered
 * until they arrive). */
static enum yc_status not_blocked(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                  struct yc_problems *p, struct yc_error *e)
{
	struct yc_case_material *m;
	int64_t n = 0;
	enum yc_status st = yc_app_delivery_blockers(db, a, case_id, &m, &n, e);
	if (st != YC_OK || n == 0)
		return st;
	const char *names = "";
	for (int64_t i = 0; i < n; i++) {
		names = yc_printf(a, "%s%s“%s”", names, i ? "、" : "", m[i].name);
		yc_problem_add(p, yc_printf(a, "materials.%s", m[i].slot),
		               "容缺材料“%s”尚未补交（期限 %s）", m[i].name,
		               m[i].deadline ? m[i].deadline : "未定");
	}
	return yc_fail(e, YC_E_BAD_INPUT, "materials",
	               yc_printf(a, "容缺材料%s尚未补交：材料补齐之前，办理结果不予送达", names));
}

/* ---- the results that go out together ---- */

/* One row [result, number, department] per approved task of the case, in dispatch order; the
 * number is the one its approval issued (task history), "—" when none was issued. */
static enum yc_status results_rows(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                   json_t **rows, int *count, struct yc_error *e)
{
	struct yc_task_row *t;
	int64_t n = 0;
	enum yc_status st = yc_task_list_case(db, a, case_id, &t, &n, e);
	*rows = json_array();
	*count = 0;
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		if (!is(t[i].state, "approved"))
			continue;
		struct yc_case_history *h;
		int64_t nh = 0;
		if ((st = yc_task_events(db, a, t[i].id, &h, &nh, e)) != YC_OK)
			break;
		const char *number = NULL;
		for (int64_t k = 0; k < nh; k++) {
			if (!is(h[k].event, "approve") || !h[k].detail)
				continue;
			json_t *d = json_loads(h[k].detail, 0, NULL);
			const char *r = json_string_value(json_object_get(d, "result"));
			if (r)
				number = yc_strdup(a, r);
			json_decref(d);
		}
		const char *what =
		    t[i].item_result && t[i].item_result[0] ? t[i].item_result : t[i].item_name;
		json_array_append_new(*rows,
		                      json_pack("[s, s, s]", what, number ? number : "—",
		                                t[i].dept_name ? t[i].dept_name : t[i].dept));
		(*count)++;
	}
	return st;
}

/* {"heading":"送达的办理结果","paragraphs":[…],"table":{…}} listing every result of the case. */
static enum yc_status results_section(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_case_row *c, json_t **out, struct yc_error *e)
{
	json_t *rows = NULL;
	int n = 0;
	enum yc_status st = results_rows(db, a, c->id, &rows, &n, e);
	if (st != YC_OK) {
		json_decref(rows);
		return st;
	}
	*out = json_pack("{s:s, s:[s], s:{s:[s, s, s], s:o}}", "heading", "送达的办理结果",
	                 "paragraphs",
	                 yc_printf(a, "办件 %s（%s）的全部办理结果，共 %d 件，一次送达：",
	                           c->number, c->matter_name ? c->matter_name : c->matter_code, n),
	                 "table", "columns", "办理结果", "编号", "出具部门", "rows", rows);
	return YC_OK;
}

/* ---- delivering ---- */

/* The delivery d is done: d written as delivered, the history row `event` with `detail`
 * (consumed), the audit row, then the case delivered (as who / actor) and archived (by the
 * system) through the one runner, and the applicant told. c is re-read. */
static enum yc_status deliver(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                              unsigned actor, int64_t now, struct yc_case_row *c,
                              struct yc_delivery_row *d, const char *event, json_t *detail,
                              struct yc_error *e)
{
	int64_t dv = d->version;
	d->state = "delivered";
	d->delivered_at = now;
	d->delivered_by = who->id;
	json_object_set_new(detail, "method", json_string(d->method));
	enum yc_status st = yc_delivery_update(db, d, dv, e);
	if (st == YC_OK)
		st = yc_case_event_add(db, c->id, event, c->state, c->state, who->id, who->role,
		                       yc_app_json_text(a, detail), now, e);
	if (st == YC_OK)
		st = yc_app_audit(db, a, who, now, "delivery.deliver", "case", c->number, c->region,
		                  NULL, detail, e);
	json_decref(detail);
	struct yc_problems p;
	yc_problems_init(&p, a);
	struct yc_case_decision dd = {.event = YC_EV_DELIVER, .version = c->version};
	if (st == YC_OK)
		st = yc_app_case_event(db, a, who, actor, now, c, &dd, &p, e);
	struct yc_case_decision da = {.event = YC_EV_ARCHIVE, .version = c->version};
	if (st == YC_OK) {
		da.version = c->version;
		st = yc_app_case_event(db, a, &sys, YC_ACTOR_SYSTEM, now, c, &da, &p, e);
	}
	if (st != YC_OK)
		return st;
	/* the runner told the applicant (case.delivered, with an SMS to the case's phone and the
	 * link); an SMS delivery to another phone gets its own SMS with the link */
	if (!is(d->method, "sms") || !d->phone || is(d->phone, c->applicant_phone))
		return YC_OK;
	struct yc_message_out m = {
	    .user_id = c->applicant_user,
	    .role = "window", /* a walk-in applicant without an account: the window is told */
	    .region = c->region,
	    .case_id = c->id,
	    .kind = "delivery.sms",
	    .title = "办理结果已送达",
	    .body = yc_printf(a, "办件 %s（%s）的全部办理结果已送达，可凭链接在网上查看和下载。",
	                      c->number, c->matter_name ? c->matter_name : c->matter_code),
	    .link = yc_printf(a, "/my/cases/%lld", (long long)c->id),
	    .sms_phone = d->phone};
	st = yc_app_message(db, a, now, &m, e);
	return st;
}

enum yc_status yc_app_delivery_on_conclude(struct yc_db *db, struct yc_arena *a, int64_t now,
                                           struct yc_case_row *c, struct yc_error *e)
{
	if (!is(c->state, "concluded"))
		return YC_OK;
	struct yc_delivery_row d;
	bool found = false;
	enum yc_status st = yc_delivery_get(db, a, c->id, &d, &found, e);
	if (st != YC_OK || !found || !is(d.state, "chosen") ||
	    !(is(d.method, "online") || is(d.method, "sms")))
		return st;
	/* a tolerated material still missing holds the results back (the view names it) */
	struct yc_case_material *m;
	int64_t n = 0;
	if ((st = yc_app_delivery_blockers(db, a, c->id, &m, &n, e)) != YC_OK || n)
		return st;
	json_t *detail = json_object();
	if (is(d.method, "sms"))
		json_object_set_new(detail, "phone", json_string(masked_phone(a, d.phone)));
	return deliver(db, a, &sys, YC_ACTOR_SYSTEM, now, c, &d,
	               is(d.method, "sms") ? "delivery_sms" : "delivery_online", detail, e);
}

/* ---- the choice ---- */

static bool choice_open(const char *state)
{
	return is(state, "accepted") || is(state, "in_progress") || is(state, "concluded");
}

static const char *text_or_null(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* A full postal address (every problem into p); *out the normalized JSON text. */
static void check_address(const json_t *addr, struct yc_arena *a, struct yc_problems *p,
                          const char **out)
{
	static const struct {
		const char *key, *label;
		long min, max;
	} parts[] = {{"province", "省（自治区、直辖市）", 2, 20},
	             {"city", "市（地区）", 2, 30},
	             {"district", "县（区）", 2, 30},
	             {"detail", "详细地址（街道、门牌号）", 5, 200},
	             {"postcode", "邮政编码", 6, 6}};
	*out = NULL;
	if (!json_is_object(addr)) {
		yc_problem_add(p, "address",
		               "邮政寄递须填写收件地址（省、市、县区、详细地址、邮编）");
		return;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)addr, key, v)
	{
		bool known = false;
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			known |= strcmp(parts[i].key, key) == 0;
		if (!known)
			yc_problem_add(p, yc_printf(a, "address.%s", key), "地址没有“%s”这一项",
			               key);
	}
	json_t *norm = json_object();
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		const char *s = text_or_null(addr, parts[i].key);
		const char *f = yc_printf(a, "address.%s", parts[i].key);
		if (!s || !s[0])
			yc_problem_add(p, f, "请填写%s", parts[i].label);
		else if (strcmp(parts[i].key, "postcode") == 0
		             ? !yc_postcode_valid(s, strlen(s))
		             : yc_text_check(s, strlen(s), parts[i].min, parts[i].max, false, f,
		                             NULL) != YC_OK)
			yc_problem_add(p, f,
			               strcmp(parts[i].key, "postcode") == 0
			                   ? "邮政编码应为 6 位数字"
			                   : "%s应为 %ld 至 %ld 个字",
			               parts[i].label, parts[i].min, parts[i].max);
		else
			json_object_set_new(norm, parts[i].key, json_string(s));
	}
	*out = yc_app_json_text(a, norm);
	json_decref(norm);
}

enum yc_status yc_app_delivery_choose(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_actor *who, unsigned actor, int64_t now,
                                      struct yc_case_row *c, const struct yc_delivery_choice *in,
                                      struct yc_problems *p, struct yc_error *e)
{
	enum yc_delivery_method dm;
	if (!yc_delivery_method_parse(in->method, &dm))
		return yc_fail(
		    e, YC_E_BAD_INPUT, "method",
		    "送达方式应为 pickup（窗口自取）、post（邮政寄递）、online（网上传输）、"
		    "sms（短信告知）或 notice（公示公告）");
	if (dm == YC_DM_NOTICE && actor != YC_ROLE_WINDOW)
		return yc_fail(e, YC_E_FORBIDDEN, "method",
		               "公示公告只能由窗口工作人员在无法联系申请人时选择");
	if (in->version != c->version)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新，请刷新后重试");
	if (!choice_open(c->state))
		return yc_fail(e, YC_E_CONFLICT, "state",
		               yc_printf(a, "办件处于“%s”，受理后、送达前才能选择送达方式",
		                         state_zh(c->state)));
	const char *name = in->recipient_name, *phone = in->phone, *address = NULL;
	if (name && yc_text_check(name, strlen(name), 2, 50, false, "recipient_name", NULL))
		yc_problem_add(p, "recipient_name", "收件人姓名应为 2 至 50 个字");
	else if (!name && dm == YC_DM_POST)
		yc_problem_add(p, "recipient_name", "邮政寄递须填写收件人姓名");
	if (phone && !yc_mobile_valid(phone, strlen(phone)))
		yc_problem_add(p, "phone", "请填写 11 位手机号码（1 开头）%s",
		               dm == YC_DM_SMS ? "：短信只能发到手机" : "");
	else if (!phone && (dm == YC_DM_POST || dm == YC_DM_SMS))
		yc_problem_add(p, "phone", "%s须填写收件人的手机号码",
		               dm == YC_DM_SMS ? "短信告知" : "邮政寄递");
	if (dm == YC_DM_POST)
		check_address(in->address, a, p, &address);
	else if (in->address)
		yc_problem_add(p, "address", "只有邮政寄递需要填写收件地址");
	if (dm == YC_DM_ONLINE && !c->applicant_user)
		yc_problem_add(p, "method", "申请人没有本平台账户，不能网上领取，请选择其他方式");
	if (p->n)
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "送达信息有 %d 处需要修改", p->n));
	struct yc_delivery_row d;
	bool found = false;
	enum yc_status st = yc_delivery_get(db, a, c->id, &d, &found, e);
	if (st != YC_OK)
		return st;
	if (found && !is(d.state, "chosen"))
		return yc_fail(e, YC_E_CONFLICT, "state",
		               yc_printf(a, "办理结果已%s，不能再更改送达方式",
		                         is(d.state, "sent") ? "寄出" : "送达"));
	const char *was = found ? yc_strdup(a, d.method) : NULL;
	struct yc_delivery_row next = {.case_id = c->id,
	                               .method = yc_delivery_method_name(dm),
	                               .state = "chosen",
	                               .recipient_name = name,
	                               .phone = phone,
	                               .address = address,
	                               .chosen_by = who->id,
	                               .chosen_at = now};
	st = found ? yc_delivery_update(db, &next, d.version, e) : yc_delivery_insert(db, &next, e);
	if (st == YC_OK)
		st = yc_case_touch(db, c->id, c->version, now, e);
	json_t *detail = json_pack("{s:s, s:s?, s:s?, s:s?, s:b}", "method", next.method, "was",
	                           was, "recipient_name", name, "phone", masked_phone(a, phone),
	                           "address", address != NULL);
	if (st == YC_OK)
		st = yc_case_event_add(db, c->id, "delivery_choose", c->state, c->state, who->id,
		                       who->role, yc_app_json_text(a, detail), now, e);
	if (st == YC_OK) {
		json_t *before = was ? json_pack("{s:s}", "method", was) : NULL;
		st = yc_app_audit(db, a, who, now, "delivery.choose", "case", c->number, c->region,
		                  before, detail, e);
		json_decref(before);
	}
	json_decref(detail);
	if (st == YC_OK)
		st = yc_case_get(db, a, c->id, c, e);
	/* chosen after the conclusion: online and SMS go out at once */
	if (st == YC_OK)
		st = yc_app_delivery_on_conclude(db, a, now, c, e);
	return st;
}

/* The delivery of a concluded case c seen at `version`, for a window step; none yet: *found
 * false. */
static enum yc_status concluded_delivery(struct yc_db *db, struct yc_arena *a,
                                         const struct yc_case_row *c, int64_t version,
                                         struct yc_delivery_row *d, bool *found, struct yc_error *e)
{
	if (version != c->version)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新，请刷新后重试");
	if (!is(c->state, "concluded"))
		return yc_fail(e, YC_E_CONFLICT, "state",
		               yc_printf(a, "办件处于“%s”：办结后、送达前才能送达办理结果",
		                         state_zh(c->state)));
	return yc_delivery_get(db, a, c->id, d, found, e);
}

/* No delivery chosen yet: the window records `method` for the applicant now (a walk-in who
 * comes to the counter), as a first choice. */
static enum yc_status choose_here(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, const struct yc_case_row *c, const char *method,
                                  struct yc_delivery_row *d, struct yc_error *e)
{
	struct yc_delivery_row first = {.case_id = c->id,
	                                .method = method,
	                                .state = "chosen",
	                                .chosen_by = who->id,
	                                .chosen_at = now};
	enum yc_status st = yc_delivery_insert(db, &first, e);
	if (st == YC_OK)
		st = yc_case_event_add(
		    db, c->id, "delivery_choose", c->state, c->state, who->id, who->role,
		    yc_printf(a, "{\"method\":\"%s\",\"at_window\":true}", method), now, e);
	bool found = false;
	if (st == YC_OK)
		st = yc_delivery_get(db, a, c->id, d, &found, e);
	return st;
}

/* ---- pickup: the hand-over at the window against the 送达回证 ---- */

enum yc_status yc_app_delivery_handover(struct yc_db *db, struct yc_arena *a,
                                        const struct yc_actor *who, int64_t now,
                                        struct yc_case_row *c, const struct yc_delivery_signing *in,
                                        struct yc_problems *p, struct yc_error *e)
{
	struct yc_delivery_row d;
	bool found = false;
	enum yc_status st = concluded_delivery(db, a, c, in->version, &d, &found, e);
	if (st != YC_OK)
		return st;
	if (found && !is(d.method, "pickup"))
		return yc_fail(
		    e, YC_E_CONFLICT, "method",
		    yc_printf(a, "本办件的送达方式是“%s”，请先改为窗口自取", method_zh(d.method)));
	if (!in->signer_name ||
	    yc_text_check(in->signer_name, strlen(in->signer_name), 2, 50, false, "x", NULL))
		yc_problem_add(p, "signer_name", "请填写签收人姓名（2 至 50 个字）");
	if (!in->signer_id_number ||
	    yc_id_number_check(in->signer_id_number, strlen(in->signer_id_number),
	                       yc_date_cst(now)) != YC_CODE_OK)
		yc_problem_add(p, "signer_id_number", "签收人身份证号码无效（GB 11643）");
	if (p->n)
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "签收信息有 %d 处需要修改", p->n));
	if ((st = not_blocked(db, a, c->id, p, e)) != YC_OK)
		return st;
	if (!found && (st = choose_here(db, a, who, now, c, "pickup", &d, e)) != YC_OK)
		return st;
	json_t *results = NULL;
	if ((st = results_section(db, a, c, &results, e)) != YC_OK)
		return st;
	char at[24], masked[32] = "";
	yc_time_iso(now, at);
	yc_mask_id_number(in->signer_id_number, strlen(in->signer_id_number), masked,
	                  sizeof masked);
	bool self = is(in->signer_id_number, c->applicant_id_number);
	json_t *sections = json_pack(
	    "[o, o, {s:s, s:[s, s, s, s]}, o]", results,
	    yc_app_para("送达方式", "窗口自取：由综合窗口当面交付，受送达人当场签收。"), "heading",
	    "受送达人签收", "paragraphs",
	    yc_printf(a, "签收人：%s（身份证号码 %s，%s）", in->signer_name, masked,
	              self ? "申请人本人" : "受申请人委托代为签收"),
	    yc_printf(a, "签收时间：%s", at),
	    yc_printf(a, "签名：受送达人在窗口签字板上手写签名，签名图像摘要（SHA-256）%s",
	              in->signature_sha256),
	    "签收人确认已收到上列全部办理结果。",
	    yc_app_para("送达人",
	                yc_printf(a, "综合窗口工作人员 %s", who->username ? who->username : "")));
	const char *number = NULL;
	if ((st = yc_app_notice_issue(db, a, who, now, c, "receipt", sections, &number, e)) !=
	    YC_OK)
		return st;
	d.signer_name = in->signer_name;
	d.signer_id_number = in->signer_id_number;
	d.signature_sha256 = in->signature_sha256;
	d.receipt_notice = number;
	json_t *detail = json_pack("{s:s, s:s, s:s, s:s, s:b}", "notice", number, "signer_name",
	                           in->signer_name, "signer_id_number", masked, "signature_sha256",
	                           in->signature_sha256, "self", self);
	return deliver(db, a, who, YC_ROLE_WINDOW, now, c, &d, "delivery_pickup", detail, e);
}

/* ---- post: dispatched with an EMS number, then confirmed delivered ---- */

enum yc_status yc_app_delivery_dispatch(struct yc_db *db, struct yc_arena *a,
                                        const struct yc_actor *who, int64_t now,
                                        struct yc_case_row *c, int64_t version,
                                        const char *tracking, struct yc_problems *p,
                                        struct yc_error *e)
{
	struct yc_delivery_row d;
	bool found = false;
	enum yc_status st = concluded_delivery(db, a, c, version, &d, &found, e);
	if (st != YC_OK)
		return st;
	if (!found || !is(d.method, "post"))
		return yc_fail(e, YC_E_CONFLICT, "method",
		               found ? yc_printf(a, "本办件的送达方式是“%s”，不是邮政寄递",
		                                 method_zh(d.method))
		                     : "申请人尚未选择邮政寄递");
	enum yc_s10_check chk = yc_s10_check(tracking, tracking ? strlen(tracking) : 0);
	if (chk != YC_S10_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "tracking_number", yc_s10_reason_zh(chk));
	if ((st = not_blocked(db, a, c->id, p, e)) != YC_OK)
		return st;
	const char *was = d.tracking_number ? yc_strdup(a, d.tracking_number) : NULL;
	d.state = "sent";
	d.tracking_number = tracking;
	d.sent_at = now;
	st = yc_delivery_update(db, &d, d.version, e);
	if (st == YC_OK)
		st = yc_case_touch(db, c->id, c->version, now, e);
	json_t *detail = json_pack("{s:s, s:s?}", "tracking_number", tracking, "was", was);
	if (st == YC_OK)
		st = yc_case_event_add(db, c->id, "delivery_dispatch", c->state, c->state, who->id,
		                       who->role, yc_app_json_text(a, detail), now, e);
	if (st == YC_OK)
		st = yc_app_audit(db, a, who, now, "delivery.dispatch", "case", c->number,
		                  c->region, NULL, detail, e);
	json_decref(detail);
	if (st == YC_OK && c->applicant_user) {
		struct yc_message_out m = {
		    .user_id = c->applicant_user,
		    .case_id = c->id,
		    .kind = "case.dispatched",
		    .title = "办理结果已寄出",
		    .body = yc_printf(a, "办件 %s 的全部办理结果已通过 EMS 寄出，邮件号 %s。",
		                      c->number, tracking),
		    .link = yc_printf(a, "/my/cases/%lld", (long long)c->id)};
		st = yc_app_message(db, a, now, &m, e);
	}
	return st == YC_OK ? yc_case_get(db, a, c->id, c, e) : st;
}

enum yc_status yc_app_delivery_confirm(struct yc_db *db, struct yc_arena *a,
                                       const struct yc_actor *who, unsigned actor, int64_t now,
                                       struct yc_case_row *c, int64_t version,
                                       struct yc_problems *p, struct yc_error *e)
{
	struct yc_delivery_row d;
	bool found = false;
	enum yc_status st = concluded_delivery(db, a, c, version, &d, &found, e);
	if (st != YC_OK)
		return st;
	if (!found || !is(d.method, "post") || !is(d.state, "sent"))
		return yc_fail(e, YC_E_CONFLICT, "status",
		               found && is(d.method, "post") ? "邮件尚未寄出，请先登记邮件号"
		                                             : "本办件不是邮政寄递");
	if ((st = not_blocked(db, a, c->id, p, e)) != YC_OK)
		return st;
	json_t *detail = json_pack("{s:s}", "tracking_number", d.tracking_number);
	return deliver(db, a, who, actor, now, c, &d, "delivery_post", detail, e);
}

/* ---- 公告送达: the applicant cannot be reached ---- */

enum yc_status yc_app_delivery_public(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_actor *who, int64_t now,
                                      struct yc_case_row *c, int64_t version, const char *reason,
                                      struct yc_problems *p, struct yc_error *e)
{
	struct yc_delivery_row d;
	bool found = false;
	enum yc_status st = concluded_delivery(db, a, c, version, &d, &found, e);
	if (st != YC_OK)
		return st;
	if ((st = not_blocked(db, a, c->id, p, e)) != YC_OK)
		return st;
	if (!found && (st = choose_here(db, a, who, now, c, "notice", &d, e)) != YC_OK)
		return st;
	json_t *results = NULL;
	if ((st = results_section(db, a, c, &results, e)) != YC_OK)
		return st;
	struct yc_region rg = {0};
	if (yc_region_get(db, a, c->region, &rg, NULL) != YC_OK)
		rg.name = c->region;
	const char *why =
	    reason ? reason : "受送达人下落不明，或者以窗口自取、邮政寄递、短信等方式无法送达";
	json_t *sections = json_pack(
	    "[o, o, o, o]", yc_app_para("公告事由", yc_printf(a, "%s，依法公告送达。", why)),
	    results,
	    yc_app_para("领取方式",
	                yc_printf(a,
	                          "请申请人%s携带本人身份证件到%s政务服务中心综合窗口领取上列办理"
	                          "结果的纸质文本；电子证照可登录本平台下载。",
	                          c->applicant_name, rg.name)),
	    yc_app_para("送达效力",
	                "本公告发布之日即为送达之日，办件随即归档；申请人领取纸质文本不受影响。"));
	const char *number = NULL;
	if ((st = yc_app_notice_issue(db, a, who, now, c, "public", sections, &number, e)) != YC_OK)
		return st;
	const char *was = yc_strdup(a, d.method);
	d.method = "notice";
	d.public_notice = number;
	json_t *detail = json_pack("{s:s, s:s, s:s}", "notice", number, "reason", why, "was", was);
	return deliver(db, a, who, YC_ROLE_WINDOW, now, c, &d, "delivery_notice", detail, e);
}

/* ---- hand-overs of paper materials ---- */

static bool package_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= 'a' && ch <= 'z') || ch == '-' || ch == '_' || ch == '.'))
			return false;
	}
	return true;
}

enum yc_status yc_app_handover_record(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_actor *who, const struct yc_principal *pr,
                                      int64_t now, const struct yc_case_row *c,
                                      const struct yc_handover_input *in,
                                      struct yc_handover_row *out, struct yc_problems *p,
                                      struct yc_error *e)
{
	enum yc_handover_step step;
	if (!yc_handover_step_parse(in->step, &step))
		yc_problem_add(
		    p, "step",
		    "step 应为 window_to_courier（窗口交资料流转员）、courier_to_dept（交部"
		    "门）、dept_to_courier（部门交回资料流转员）或 courier_to_window（交回"
		    "窗口）");
	if (!package_ok(in->package))
		yc_problem_add(p, "package",
		               "资料袋编码应为 1 至 64 位字母、数字或 - _ .（扫码录入）");
	if (in->note &&
	    yc_text_check(in->note, strlen(in->note), 1, 500, false, "note", NULL) != YC_OK)
		yc_problem_add(p, "note", "备注应为 1 至 500 个字");
	if (p->n)
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "交接登记有 %d 处需要修改", p->n));
	if (!yc_handover_may_record(step, pr->role))
		return yc_fail(
		    e, YC_E_FORBIDDEN, "step",
		    pr->role == YC_ROLE_WINDOW
		        ? "窗口只登记交出资料（窗口交资料流转员）和收回资料（资料流转员交回窗口）"
		    : pr->role == YC_ROLE_COURIER || pr->role == YC_ROLE_DEPT
		        ? "资料流转员和部门只登记部门处的交接（交部门、部门交回）"
		        : "当前角色不能登记资料交接");
	if (!choice_open(c->state))
		return yc_fail(
		    e, YC_E_CONFLICT, "state",
		    yc_printf(a, "办件处于“%s”，没有需要流转的纸质资料", state_zh(c->state)));
	/* the package so far: its last step and the task of its current round */
	struct yc_handover_row *h;
	int64_t nh = 0;
	enum yc_status st = yc_handover_list_case(db, a, c->id, in->package, &h, &nh, e);
	if (st != YC_OK)
		return st;
	int last = -1;
	int64_t round_task = 0, holder = 0;
	for (int64_t i = 0; i < nh; i++) {
		enum yc_handover_step s;
		if (!yc_handover_step_parse(h[i].step, &s))
			continue;
		if (s == YC_HO_WINDOW_TO_COURIER)
			round_task = 0;
		if (h[i].task_id)
			round_task = h[i].task_id;
		last = (int)s;
		holder = h[i].to_user;
	}
	if (!yc_handover_follows(last, step))
		return yc_fail(
		    e, YC_E_CONFLICT, "step",
		    last < 0
		        ? yc_printf(a, "资料袋 %s 尚未由窗口交出：第一步应为“%s”", in->package,
		                    yc_handover_step_zh(YC_HO_WINDOW_TO_COURIER))
		        : yc_printf(a, "资料袋 %s 上一环节是“%s”，下一环节应为“%s”，不能登记“%s”",
		                    in->package, yc_handover_step_zh(last),
		                    yc_handover_step_zh(last == YC_HO_COURIER_TO_WINDOW
		                                            ? YC_HO_WINDOW_TO_COURIER
		                                            : (enum yc_handover_step)(last + 1)),
		                    yc_handover_step_zh(step)));
	/* the department the package goes to: named once per round, the same until it is back */
	int64_t task_id = in->task_id ? in->task_id : round_task;
	if (in->task_id && round_task && in->task_id != round_task)
		return yc_fail(e, YC_E_CONFLICT, "task",
		               "该资料袋本轮送往另一项任务的部门，交回窗口后才能改送其他部门");
	struct yc_task_row t = {0};
	if (task_id) {
		st = yc_task_get(db, a, task_id, &t, e);
		if (st == YC_E_NOT_FOUND || (st == YC_OK && t.case_id != c->id))
			return yc_fail(e, YC_E_BAD_INPUT, "task", "本办件没有这项任务");
		if (st != YC_OK)
			return st;
	} else if (yc_handover_at_dept(step))
		return yc_fail(e, YC_E_BAD_INPUT, "task", "送交或取回部门资料须指明任务（task）");
	if (pr->role == YC_ROLE_DEPT && yc_policy_scope(pr, t.region, t.dept) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, "task", "这不是本部门的任务");
	/* who gave and who received: the recorder is one end; the other is the package's holder
	 * when the recorder receives it, unknown when the recorder hands it over */
	bool gives = yc_handover_giver(step) == pr->role;
	struct yc_handover_row row = {.case_id = c->id,
	                              .task_id = task_id,
	                              .step = yc_handover_step_name(step),
	                              .package = in->package,
	                              .from_user = gives ? who->id : holder,
	                              .to_user = gives ? 0 : who->id,
	                              .recorded_by = who->id,
	                              .recorded_role = who->role,
	                              .note = in->note,
	                              .at = now};
	int64_t id = 0;
	st = yc_handover_insert(db, &row, &id, e);
	json_t *detail = json_pack(
	    "{s:s, s:s, s:o, s:s?}", "step", row.step, "package", row.package, "task",
	    task_id ? json_integer(task_id) : json_null(), "dept", task_id ? t.dept : NULL);
	if (st == YC_OK)
		st = yc_case_event_add(db, c->id, "handover", c->state, c->state, who->id,
		                       who->role, yc_app_json_text(a, detail), now, e);
	if (st == YC_OK)
		st = yc_app_audit(db, a, who, now, "handover.record", "case", c->number, c->region,
		                  NULL, detail, e);
	json_decref(detail);
	if (st == YC_OK)
		st = yc_handover_list_case(db, a, c->id, in->package, &h, &nh, e);
	for (int64_t i = 0; st == YC_OK && i < nh; i++)
		if (h[i].id == id)
			*out = h[i];
	return st;
}

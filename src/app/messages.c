/* messages.c — telling people what happened: in-app messages (我的消息) to one account or to the
 * staff of a role whose scope covers a region, and the SMS that goes with them through the outbox
 * (sent later by the jobs thread, src/jobs/outbox.c). Everything here is written in the caller's
 * transaction: nothing is told unless the change it tells about commits. See app.h and
 * docs/messages.md. */
#include "app.h"

#include "../core/policy.h"
#include "../core/roles.h"

#include "../core/calendar.h"
#include "../core/case_fsm.h"
#include "../core/text.h"

#include <stdio.h>
#include <string.h>

/* One message row, and its SMS when phone is set. */
static enum yc_status write_one(struct yc_db *db, struct yc_arena *a, int64_t now, int64_t user,
                                const struct yc_message_out *m, const char *phone,
                                struct yc_error *e)
{
	struct yc_message_row row = {.user_id = user,
	                             .case_id = m->case_id,
	                             .kind = m->kind,
	                             .title = m->title,
	                             .body = m->body ? m->body : "",
	                             .link = m->link,
	                             .created_at = now};
	int64_t id = 0;
	enum yc_status st = user ? yc_message_insert(db, &row, &id, e) : YC_OK;
	if (st != YC_OK || !phone || !phone[0])
		return st;
	struct yc_outbox_row o = {.channel = "sms",
	                          .recipient = phone,
	                          .subject = m->title,
	                          .body =
	                              yc_printf(a, "%s：%s%s%s", m->title, m->body ? m->body : "",
	                                        m->link ? " 详见 " : "", m->link ? m->link : ""),
	                          .case_id = m->case_id,
	                          .message_id = id,
	                          .created_at = now};
	return yc_outbox_insert(db, &o, NULL, e);
}

enum yc_status yc_app_message(struct yc_db *db, struct yc_arena *a, int64_t now,
                              const struct yc_message_out *m, struct yc_error *e)
{
	if (!m->kind || !m->title)
		return yc_fail(e, YC_E_INTERNAL, NULL, "消息缺少类别或标题");
	if (m->user_id)
		return write_one(db, a, now, m->user_id, m, m->sms_phone, e);
	if (!m->role) /* nobody's account (a walk-in applicant): the SMS alone */
		return write_one(db, a, now, 0, m, m->sms_phone, e);
	if (!m->region)
		return yc_fail(e, YC_E_INTERNAL, NULL, "消息缺少收件地区");
	enum yc_role role = yc_role_parse(m->role, strlen(m->role));
	struct yc_staff *staff;
	int64_t n = 0;
	enum yc_status st = yc_message_staff(db, a, m->role, m->region, &staff, &n, e);
	/* the staff whose scope covers the region (and the department): the policy's one rule */
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		struct yc_principal p = {.user_id = staff[i].id,
		                         .username = staff[i].username,
		                         .role = role,
		                         .region = staff[i].region,
		                         .dept = staff[i].dept};
		if (yc_policy_scope(&p, m->region, role == YC_ROLE_DEPT ? m->dept : NULL) != YC_OK)
			continue;
		st = write_one(db, a, now, staff[i].id, m, NULL, e);
	}
	/* an SMS to a phone of its own (the staff's own phones are not written to) */
	if (st == YC_OK && m->sms_phone)
		st = write_one(db, a, now, 0, m, m->sms_phone, e);
	return st;
}

/* ---- what the applicant (and the window) is told of a case event ---- */

/* A template's {number}, {matter}, {notice} and {due} filled from the case. */
static const char *fill(struct yc_arena *a, const char *tpl, const struct yc_case_row *c,
                        const char *notice)
{
	static const char *const keys[] = {"{number}", "{matter}", "{notice}", "{due}"};
	const char *vals[] = {c->number, c->matter_name ? c->matter_name : c->matter_code,
	                      notice ? notice : "", c->due_day ? c->due_day : "（待定）"};
	const char *out = "";
	for (const char *p = tpl; *p;) {
		int k = 0;
		while (k < 4 && strncmp(p, keys[k], strlen(keys[k])) != 0)
			k++;
		if (k < 4) {
			out = yc_printf(a, "%s%s", out, vals[k]);
			p += strlen(keys[k]);
		} else {
			const char *q = strchr(p + 1, '{');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			out = yc_printf(a, "%s%.*s", out, (int)len, p);
			p += len;
		}
	}
	return out;
}

/* One row per event the applicant should know; sms: also by SMS to the case's phone. */
static const struct told {
	enum yc_case_event event;
	const char *kind, *title, *body;
	bool sms;
} told[] = {
    {YC_EV_SUBMIT, "case.submitted", "申请已提交",
     "你的“{matter}”申请已提交（办件编号 {number}），窗口将在 5 个工作日内作出受理决定。", false},
    {YC_EV_RESUBMIT, "case.resubmitted", "补正材料已提交",
     "办件 {number}（{matter}）的补正材料已提交，窗口将重新审查，5 个工作日内作出决定。", false},
    {YC_EV_ACCEPT, "case.accepted", "申请已受理",
     "你的“{matter}”申请（办件编号 {number}）已受理，受理通知书编号 {notice}，承诺办结日期 "
     "{due}。",
     true},
    {YC_EV_SUPPLEMENT, "case.supplement", "请补正材料",
     "办件 {number}（{matter}）需要补正材料，请按补正材料通知书 {notice} "
     "一次性补齐后重新提交。",
     true},
    {YC_EV_REFUSE, "case.refused", "申请不予受理",
     "办件 {number}（{matter}）不予受理，理由和救济途径见不予受理通知书 {notice}。", true},
    {YC_EV_DEEMED_ACCEPT, "case.deemed_accepted", "申请已视为受理",
     "窗口未在 5 个工作日内作出决定，办件 {number}（{matter}）依法自收到材料之日起视为受理，"
     "受理通知书编号 {notice}，承诺办结日期 {due}。",
     true},
    {YC_EV_STOP, "case.stopped", "办件已终止办理",
     "办件 {number}（{matter}）的容缺材料逾期未补交，已终止办理，并记入诚信档案。", true},
    {YC_EV_REVOKE, "case.revoked", "办件已撤销",
     "经核查，办件 {number}（{matter}）的告知承诺与实际情况不符，办件已撤销，办理结果作废。", true},
    {YC_EV_CONCLUDE, "case.concluded", "办件已办结",
     "办件 {number}（{matter}）已办结，请查看办理结果并选择送达方式。", true},
    {YC_EV_DELIVER, "case.delivered", "办理结果已送达",
     "办件 {number}（{matter}）的办理结果已一次送达，请查收。", true},
    {YC_EV_ARCHIVE, "case.archived", "办件已归档", "办件 {number}（{matter}）已归档。", false},
};

enum yc_status yc_app_case_told(struct yc_db *db, struct yc_arena *a, int64_t now, const char *from,
                                const struct yc_case_row *c, int event, unsigned effects,
                                const char *notice, struct yc_error *e)
{
	(void)from; /* the table is by event; from is kept for templates that need it */
	enum yc_status st = YC_OK;
	for (size_t i = 0; i < sizeof told / sizeof told[0]; i++) {
		const struct told *t = &told[i];
		if ((int)t->event != event)
			continue;
		const char *phone = t->sms && c->applicant_phone && c->applicant_phone[0]
		                        ? c->applicant_phone
		                        : NULL;
		if (!c->applicant_user && !phone)
			break;
		struct yc_message_out m = {
		    .user_id = c->applicant_user,
		    .case_id = c->id,
		    .kind = t->kind,
		    .title = t->title,
		    .body = fill(a,
		                 notice && !strstr(t->body, "{notice}")
		                     ? yc_printf(a, "%s文书编号 {notice}。", t->body)
		                     : t->body,
		                 c, notice),
		    .link = yc_printf(a, "/my/cases/%lld", (long long)c->id),
		    .sms_phone = phone};
		st = yc_app_message(db, a, now, &m, e);
		break;
	}
	if (st == YC_OK && (effects & YC_FX_TELL_WINDOW)) {
		struct yc_message_out m = {
		    .role = "window",
		    .region = c->region,
		    .case_id = c->id,
		    .kind = "case.deemed_accepted.window",
		    .title = "办件已视为受理",
		    .body = fill(
		        a,
		        "办件 {number}（{matter}）在收到材料后 5 个工作日内未作出决定，已依法"
		        "自收到材料之日起视为受理（受理通知书 {notice}），承诺办结日期 {due}。",
		        c, notice),
		    .link = yc_printf(a, "/window/cases/%lld", (long long)c->id)};
		st = yc_app_message(db, a, now, &m, e);
	}
	return st;
}

/* ---- reminders before a tolerated material's deadline (job cases.remind) ---- */

#define REMIND_WORKDAYS 2

enum yc_status yc_app_cases_remind(struct yc_db *db, struct yc_arena *a, int64_t now,
                                   int64_t *affected, struct yc_error *e)
{
	int32_t d = yc_date_cst(now);
	yc_day today = yc_day_of(d / 10000, (unsigned)(d / 100 % 100), (unsigned)(d % 100)), until;
	struct yc_error ce = {0};
	enum yc_status st =
	    yc_app_workdays_add(db, a, today, REMIND_WORKDAYS, NULL, 0, &until, &ce);
	/* a year without a calendar: two calendar days instead (a reminder a little early or late
	 * is better than none; the deadline itself was fixed when the case was accepted) */
	if (st == YC_E_CALENDAR_MISSING)
		until = today + REMIND_WORKDAYS;
	else if (st != YC_OK)
		return yc_fail(e, st, ce.field, ce.message);
	struct yc_remind_row *rows;
	int64_t n = 0;
	*affected = 0;
	st = yc_remind_due(db, a, yc_day_str(a, today), yc_day_str(a, until), &rows, &n, e);
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		bool marked = false;
		struct yc_case_row c;
		if ((st = yc_remind_mark(db, rows[i].case_id, rows[i].slot, yc_day_str(a, today),
		                         &marked, e)) != YC_OK ||
		    !marked)
			continue;
		if ((st = yc_case_get(db, a, rows[i].case_id, &c, e)) != YC_OK)
			break;
		struct yc_message_out m = {
		    .user_id = c.applicant_user,
		    .case_id = c.id,
		    .kind = "case.tolerance_reminder",
		    .title = "容缺材料即将到期",
		    .body = yc_printf(a,
		                      "办件 %s（%s）容缺受理时承诺补交的材料“%s”须在 %s "
		                      "前补交；逾期未补交的，办件将终止办理并记入诚信档案。",
		                      c.number, c.matter_name ? c.matter_name : c.matter_code,
		                      rows[i].name, rows[i].deadline),
		    .link = yc_printf(a, "/my/cases/%lld", (long long)c.id),
		    .sms_phone =
		        c.applicant_phone && c.applicant_phone[0] ? c.applicant_phone : NULL};
		if (m.user_id || m.sms_phone)
			st = yc_app_message(db, a, now, &m, e);
		if (st == YC_OK)
			(*affected)++;
	}
	return st;
}

/* ---- the outbox, for admins ---- */

enum yc_status yc_app_outbox_retry(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, int64_t id, struct yc_error *e)
{
	struct yc_outbox_row o;
	enum yc_status st = yc_outbox_get(db, a, id, &o, e);
	if (st == YC_OK)
		st = yc_outbox_retry(db, id, now, e);
	if (st != YC_OK)
		return st;
	json_t *before = json_pack("{s:s, s:I, s:s?}", "state", o.state, "attempts",
	                           (json_int_t)o.attempts, "last_error", o.last_error);
	json_t *after = json_pack("{s:s, s:i}", "state", "pending", "attempts", 0);
	char eid[24];
	snprintf(eid, sizeof eid, "%lld", (long long)id);
	st = yc_app_audit(db, a, who, now, "outbox.retry", "outbox", eid, o.case_region, before,
	                  after, e);
	json_decref(before);
	json_decref(after);
	return st;
}

/* cases.c — cases up to acceptance: create a draft (online or at a window for a walk-in applicant),
 * edit it, and every lifecycle event through the one transition table of core/case_fsm.h, with
 * its preconditions (a complete, valid form and every required material before a submission; one
 * supplement notice listing every problem; a legal reason for a refusal), its notices, its history
 * row and its audit row, in the caller's transaction. See app.h. */
#include "app.h"

#include "../core/calendar.h"
#include "../core/case_fsm.h"
#include "../core/codes.h"
#include "../core/credentials.h"
#include "../core/situation.h"
#include "../core/text.h"
#include "../core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The situation of the answers, frozen for the case: items, material slots, form keys. */
static enum yc_status freeze(const struct yc_matter_loaded *l, const json_t *answers,
                             struct yc_arena *a, json_t **frozen, struct yc_problems *p,
                             struct yc_error *e)
{
	json_t *step = NULL;
	enum yc_status st = yc_app_interview_step(l, answers, a, &step, p, e);
	if (st != YC_OK)
		return st;
	json_t *sit = json_object_get(step, "situation");
	if (!sit) {
		json_decref(step);
		return yc_fail(e, YC_E_BAD_INPUT, "answers", "请先回答完导办问题");
	}
	/* the slots need the records of the situation: build it once more from the answers */
	struct yc_situation s;
	st = yc_app_situation_of(l, answers, a, &s, p, e);
	if (st != YC_OK) {
		json_decref(step);
		return st;
	}
	json_t *keys = json_array();
	for (int i = 0; i < s.form.nfields; i++)
		json_array_append_new(keys, json_string(s.form.fields[i].key));
	*frozen = json_pack("{s:O, s:o, s:o, s:O, s:O}", "items", json_object_get(sit, "items"),
	                    "slots", yc_situation_slots(&s), "fields", keys, "promised_days",
	                    json_object_get(sit, "promised_days"), "notes",
	                    json_object_get(sit, "notes"));
	json_decref(step);
	return YC_OK;
}

/* The day in China (UTC+8) of unix time t, as a calendar day and as YYYY-MM-DD. */
static yc_day cst_day(int64_t t)
{
	int32_t d = yc_date_cst(t);
	return yc_day_of(d / 10000, (unsigned)(d / 100 % 100), (unsigned)(d % 100));
}

static void day_of(int64_t t, char out[11])
{
	yc_day_format(cst_day(t), out);
}

/* One row per new material slot: a 免提交 one attached from the shared-data registry when the
 * applicant (by ID number) or the company of the form (its credit_code) holds a valid
 * certificate of that name, every other one missing. Slots in `have` stay as they are. */
static enum yc_status attach_slots(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                   const char *id_number, const json_t *form, json_t *frozen,
                                   const struct yc_case_material *have, int64_t nh, int64_t now,
                                   struct yc_error *e)
{
	char today[11];
	day_of(now, today);
	const char *subjects[2] = {id_number,
	                           json_string_value(json_object_get(form, "credit_code"))};
	enum yc_status st = YC_OK;
	size_t i;
	json_t *slot;
	json_array_foreach(json_object_get(frozen, "slots"), i, slot)
	{
		const char *key = json_string_value(json_object_get(slot, "slot"));
		bool known = false;
		for (int64_t k = 0; k < nh && !known; k++)
			known = strcmp(have[k].slot, key) == 0;
		if (known)
			continue;
		struct yc_case_material m = {.slot = key,
		                             .name =
		                                 json_string_value(json_object_get(slot, "name")),
		                             .status = "missing",
		                             .pages = -1,
		                             .updated_at = now};
		if (strcmp(json_string_value(json_object_get(slot, "source")), "shared") == 0)
			for (int k = 0; k < 2 && st == YC_OK && !m.reference; k++) {
				struct yc_shared_cert cert;
				bool found = false;
				if (subjects[k])
					st = yc_shared_find(db, a, subjects[k], m.name, today,
					                    &cert, &found, e);
				if (found) {
					m.status = "shared";
					m.reference =
					    yc_printf(a, "%s %s", cert.issuer, cert.number);
					m.valid_until = cert.valid_until;
				}
			}
		if (st == YC_OK)
			st = yc_case_material_put(db, case_id, &m, e);
		if (st != YC_OK)
			break;
	}
	return st;
}

enum yc_status yc_app_case_create(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, const struct yc_case_input *in,
                                  struct yc_problems *p, struct yc_case_row *out,
                                  struct yc_error *e)
{
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, a, in->matter, 0, &l, e);
	json_t *frozen = NULL;
	if (st == YC_OK)
		st = freeze(&l, in->answers, a, &frozen, p, e);
	if (st != YC_OK) {
		yc_app_matter_unload(&l);
		return st;
	}
	struct yc_case_row c = {.matter_code = l.row.code,
	                        .matter_version = l.ver.version,
	                        .region = l.m.region,
	                        .channel = in->channel,
	                        .applicant_user = in->applicant_user,
	                        .applicant_name = in->applicant_name,
	                        .applicant_id_number = in->applicant_id_number,
	                        .applicant_phone = in->applicant_phone,
	                        .created_by = who->id,
	                        .answers = yc_app_json_text(a, in->answers),
	                        .form = yc_app_json_text(a, in->form),
	                        .situation = yc_app_json_text(a, frozen),
	                        .created_at = now};
	struct yc_form_row f;
	bool has_form = false;
	st = yc_form_published(db, a, c.matter_code, c.matter_version, &f, &has_form, e);
	if (st == YC_OK && has_form) {
		c.form_id = f.id;
		c.form_version = f.version;
	}
	/* number: handling region, the day in China, the day's sequence of that region */
	int32_t day = yc_date_cst(now);
	int64_t seq = 0;
	if (st == YC_OK)
		st = yc_counter_take(db, yc_printf(a, "case.%s.%d", c.region, day), &seq, e);
	c.number = yc_printf(a, "%s-%d-%06lld", c.region, day, (long long)seq);
	int64_t id = 0;
	if (st == YC_OK)
		st = yc_case_insert(db, &c, &id, e);
	if (st == YC_OK)
		st = attach_slots(db, a, id, in->applicant_id_number, in->form, frozen, NULL, 0,
		                  now, e);
	json_decref(frozen);
	if (st == YC_OK)
		st = yc_case_event_add(db, id, "create", "", "draft", who->id, who->role,
		                       yc_printf(a, "{\"channel\":\"%s\"}", c.channel), now, e);
	if (st == YC_OK) {
		json_t *after =
		    json_pack("{s:s, s:s, s:I, s:s}", "number", c.number, "matter", c.matter_code,
		              "matter_version", (json_int_t)c.matter_version, "channel", c.channel);
		st = yc_app_audit(db, a, who, now, "case.create", "case", c.number, c.region, NULL,
		                  after, e);
		json_decref(after);
	}
	if (st == YC_OK)
		st = yc_case_get(db, a, id, out, e);
	yc_app_matter_unload(&l);
	return st;
}

enum yc_status yc_app_case_edit(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                int64_t now, struct yc_case_row *c, int64_t version,
                                const json_t *answers, const json_t *form, struct yc_problems *p,
                                struct yc_error *e)
{
	if (version != c->version)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新，请刷新后重试");
	bool supplementing = strcmp(c->state, "supplementing") == 0;
	if (strcmp(c->state, "draft") != 0 && !supplementing)
		return yc_fail(e, YC_E_CONFLICT, "state", "只有草稿或待补正的办件可以修改表单");
	/* while supplementing only the form is corrected: the situation (and its notice) stays */
	if (supplementing) {
		json_t *was = json_loads(c->answers, 0, NULL);
		bool same = json_equal(was, answers);
		json_decref(was);
		if (!same)
			return yc_fail(
			    e, YC_E_CONFLICT, "answers",
			    "补正时不能更改导办回答（办事情形）；如情形有变，请撤回后重新申请");
	}
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, a, c->matter_code, c->matter_version, &l, e);
	json_t *frozen = NULL;
	if (st == YC_OK)
		st = freeze(&l, answers, a, &frozen, p, e);
	yc_app_matter_unload(&l);
	if (st != YC_OK)
		return st;
	st = yc_case_set_draft(db, c->id, version, yc_app_json_text(a, answers),
	                       yc_app_json_text(a, form), yc_app_json_text(a, frozen), now, e);
	/* the slots follow the situation: new ones added, kept ones keep their files */
	struct yc_case_material *have;
	int64_t nh = 0;
	if (st == YC_OK)
		st = yc_case_materials(db, a, c->id, &have, &nh, e);
	if (st == YC_OK)
		st = attach_slots(db, a, c->id, c->applicant_id_number, form, frozen, have, nh, now,
		                  e);
	json_decref(frozen);
	if (st == YC_OK)
		st = yc_app_audit(db, a, who, now, "case.edit", "case", c->number, c->region, NULL,
		                  NULL, e);
	return st == YC_OK ? yc_case_get(db, a, c->id, c, e) : st;
}

/* ---- deadlines ---- */

/* The n-th working day after the day (in China) of t, as YYYY-MM-DD; NULL when the calendar of a
 * needed year is not loaded (the deadline is then unknown, never guessed: the case view says
 * so). Other failures go to e. */
static enum yc_status workday_after(struct yc_db *db, struct yc_arena *a, int64_t t, int64_t n,
                                    const char **out, struct yc_error *e)
{
	yc_day from = cst_day(t), to;
	struct yc_error ce = {0};
	enum yc_status st = yc_app_workdays_add(db, a, from, n, NULL, 0, &to, &ce);
	*out = NULL;
	if (st == YC_E_CALENDAR_MISSING)
		return YC_OK;
	if (st != YC_OK)
		return yc_fail(e, st, ce.field, ce.message);
	*out = yc_day_str(a, to);
	return YC_OK;
}

/* The frozen slot `key` of the case's situation (borrowed from sit), or NULL. */
static json_t *slot_of(json_t *sit, const char *key)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(sit, "slots"), i, x)
	{
		if (strcmp(json_string_value(json_object_get(x, "slot")), key) == 0)
			return x;
	}
	return NULL;
}

/* The department of the first item that asks for a slot. */
static const char *slot_dept(json_t *sit, json_t *slot)
{
	const char *item = json_string_value(json_array_get(json_object_get(slot, "items"), 0));
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(sit, "items"), i, x)
	{
		if (item && strcmp(json_string_value(json_object_get(x, "code")), item) == 0)
			return json_string_value(json_object_get(x, "dept"));
	}
	return NULL;
}

/* ---- notices ---- */

static const struct {
	const char *kind, *prefix, *title;
} notice_kinds[] = {
    {"accept", "SL", "受理通知书"},        {"supplement", "BZ", "补正材料通知书"},
    {"refuse", "BY", "不予受理通知书"},    {"commitment", "CN", "告知承诺书"},
    {"tolerance", "RQ", "容缺受理通知书"}, {"receipt", "SD", "送达回证"},
    {"public", "GG", "公告送达"},
};

enum yc_status yc_app_notice_issue(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, const struct yc_case_row *c, const char *kind,
                                   json_t *sections, const char **number, struct yc_error *e)
{
	const char *prefix = NULL, *title = NULL;
	for (size_t i = 0; i < sizeof notice_kinds / sizeof notice_kinds[0]; i++)
		if (strcmp(notice_kinds[i].kind, kind) == 0) {
			prefix = notice_kinds[i].prefix;
			title = notice_kinds[i].title;
		}
	int year = yc_date_cst(now) / 10000;
	int64_t seq = 0;
	enum yc_status st =
	    yc_counter_take(db, yc_printf(a, "notice.%s.%s.%d", kind, c->region, year), &seq, e);
	if (st == YC_OK && !prefix)
		st = yc_fail(e, YC_E_INTERNAL, "kind", "未知的通知书种类");
	if (st != YC_OK) {
		json_decref(sections);
		return st;
	}
	*number = yc_printf(a, "%s-%s-%d-%06lld", prefix, c->region, year, (long long)seq);
	struct yc_region rg = {0};
	if (yc_region_get(db, a, c->region, &rg, NULL) != YC_OK)
		rg.name = c->region;
	char masked[32] = "";
	yc_mask_id_number(c->applicant_id_number, strlen(c->applicant_id_number), masked,
	                  sizeof masked);
	char at[24];
	yc_time_iso(now, at);
	json_t *n = json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:o, s:s, s:s}",
	    "number", *number, "kind", kind, "title", title, "issuer",
	    yc_printf(a, "%s政务服务中心", rg.name), "region_name", rg.name, "issued_at", at,
	    "applicant", "name", c->applicant_name, "id_masked", masked, "matter", "code",
	    c->matter_code, "name", c->matter_name ? c->matter_name : "", "case_number", c->number,
	    "sections", sections, "footer",
	    "本通知书由 yici 系统生成，可扫码或在政务服务网核验真伪。", "verify_url",
	    yc_printf(a, "/verify/notice/%s", *number));
	struct yc_notice_row row = {.number = *number,
	                            .kind = kind,
	                            .case_id = c->id,
	                            .region = c->region,
	                            .content = yc_app_json_text(a, n),
	                            .issued_at = now};
	json_decref(n);
	return yc_notice_insert(db, &row, who->id, e);
}

json_t *yc_app_para(const char *heading, const char *text)
{
	return json_pack("{s:s, s:[s]}", "heading", heading, "paragraphs", text);
}

/* ---- preconditions ---- */

/* Submit / resubmit: the form passes, and every slot that needs an upload has one — or, for a
 * non-core material, tolerance (容缺) is asked for it (`tolerate`: slot keys). */
static enum yc_status ready(struct yc_db *db, struct yc_arena *a, const struct yc_case_row *c,
                            int64_t now, const json_t *tolerate, struct yc_problems *p,
                            struct yc_error *e)
{
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, a, c->matter_code, c->matter_version, &l, e);
	json_t *answers = json_loads(c->answers, 0, NULL), *form = json_loads(c->form, 0, NULL);
	json_t *out = NULL;
	int32_t today = yc_date_cst(now);
	if (st == YC_OK)
		st = yc_app_form_check(&l, answers, form, today, a, &out, p, e);
	yc_app_matter_unload(&l);
	if (st == YC_OK && !json_is_true(json_object_get(out, "valid"))) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(out, "errors"), i, x)
		{
			yc_problem_add(
			    p,
			    yc_printf(a, "form.%s", json_string_value(json_object_get(x, "field"))),
			    "%s", json_string_value(json_object_get(x, "message")));
		}
	}
	json_decref(out);
	json_decref(answers);
	json_decref(form);
	if (st != YC_OK)
		return st;
	struct yc_case_material *mats;
	int64_t n = 0;
	if ((st = yc_case_materials(db, a, c->id, &mats, &n, e)) != YC_OK)
		return st;
	char today_s[11];
	day_of(now, today_s);
	json_t *sit = json_loads(c->situation, 0, NULL);
	size_t k;
	json_t *x;
	json_array_foreach(tolerate, k, x)
	{
		const char *key = json_string_value(x);
		json_t *slot = key ? slot_of(sit, key) : NULL;
		const char *f = yc_printf(a, "tolerate[%zu]", k);
		bool missing = false;
		for (int64_t i = 0; i < n && slot; i++)
			if (strcmp(mats[i].slot, key) == 0)
				missing = strcmp(mats[i].status, "missing") == 0;
		if (!slot)
			yc_problem_add(p, f, "本办件没有这项材料");
		else if (json_is_true(json_object_get(slot, "core")))
			yc_problem_add(p, f, "“%s”是核心材料，不能容缺",
			               json_string_value(json_object_get(slot, "name")));
		else if (!missing)
			yc_problem_add(p, f, "“%s”已提供，无需容缺",
			               json_string_value(json_object_get(slot, "name")));
	}
	json_decref(sit);
	for (int64_t i = 0; i < n; i++) {
		bool tolerated = false;
		json_array_foreach(tolerate, k, x)
		{
			if (json_is_string(x) && strcmp(json_string_value(x), mats[i].slot) == 0)
				tolerated = true;
		}
		if (strcmp(mats[i].status, "missing") == 0 && !tolerated)
			yc_problem_add(p, yc_printf(a, "materials.%s", mats[i].slot),
			               "缺少材料“%s”", mats[i].name);
		else if (mats[i].valid_until && strcmp(mats[i].valid_until, today_s) < 0)
			yc_problem_add(p, yc_printf(a, "materials.%s", mats[i].slot),
			               "“%s”已于 %s 过期，请提供有效期内的材料", mats[i].name,
			               mats[i].valid_until);
	}
	if (json_array_size(tolerate) && !p->n &&
	    (st = yc_app_credit_check(db, a, c->applicant_id_number, now, "容缺受理", e)) != YC_OK)
		return st;
	if (p->n)
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "还有 %d 处需要补齐，请逐项处理后再提交", p->n));
	return YC_OK;
}

static bool in_list(const json_t *list, const char *s)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		if (json_is_string(x)
		        ? strcmp(json_string_value(x), s) == 0
		        : strcmp(json_string_value(json_object_get(x, "slot")), s) == 0)
			return true;
	}
	return false;
}

/* The supplement notice's list: every entry names a material slot or a form field of this case,
 * what is wrong and what to bring; at least one, at most 100. */
static json_t *supplement_table(const struct yc_case_row *c, const json_t *items,
                                const char *deadline, const char *channel, struct yc_arena *a,
                                struct yc_problems *p)
{
	json_t *sit = json_loads(c->situation, 0, NULL);
	json_t *slots = json_object_get(sit, "slots"), *fields = json_object_get(sit, "fields");
	json_t *rows = json_array();
	size_t n = json_array_size(items);
	if (!json_is_array(items) || n == 0 || n > 100)
		yc_problem_add(p, "items", "请列出需要补正的全部内容（1 至 100 项）");
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x)
	{
		const char *base = yc_printf(a, "items[%zu]", i);
		const char *slot = json_string_value(json_object_get(x, "slot"));
		const char *field = json_string_value(json_object_get(x, "field"));
		const char *reason = json_string_value(json_object_get(x, "reason"));
		const char *bring = json_string_value(json_object_get(x, "bring"));
		const char *what = NULL;
		if (!json_is_object(x)) {
			yc_problem_add(p, base, "应为对象 {slot 或 field, reason, bring}");
			continue;
		}
		if ((slot != NULL) == (field != NULL))
			yc_problem_add(p, base,
			               "应且只应指明一项材料（slot）或一个表单字段（field）");
		else if (slot && !in_list(slots, slot))
			yc_problem_add(p, yc_printf(a, "%s.slot", base), "本办件没有材料“%s”",
			               slot);
		else if (field && !in_list(fields, field))
			yc_problem_add(p, yc_printf(a, "%s.field", base),
			               "本办件的表单没有字段“%s”", field);
		else if (slot) {
			size_t k;
			json_t *s;
			json_array_foreach(slots, k, s)
			{
				if (strcmp(json_string_value(json_object_get(s, "slot")), slot) ==
				    0)
					what = json_string_value(json_object_get(s, "name"));
			}
		} else
			what = yc_printf(a, "表单字段 %s", field);
		if (!reason || !reason[0] ||
		    yc_text_check(reason, strlen(reason), 1, 500, false, "reason", NULL) != YC_OK)
			yc_problem_add(p, yc_printf(a, "%s.reason", base),
			               "请写明问题（1 至 500 字）");
		if (!bring || !bring[0] ||
		    yc_text_check(bring, strlen(bring), 1, 500, false, "bring", NULL) != YC_OK)
			yc_problem_add(p, yc_printf(a, "%s.bring", base),
			               "请写明需要补正的内容（1 至 500 字）");
		if (what && reason && bring)
			json_array_append_new(rows,
			                      json_pack("[s, s, s, s, s]", what, reason, bring,
			                                deadline ? deadline : "", channel));
	}
	json_decref(sit);
	return rows;
}

/* ---- acceptance: tolerance (容缺) and verifications of commitments ---- */

static int64_t promised_days(const struct yc_case_row *c)
{
	json_t *sit = json_loads(c->situation, 0, NULL);
	int64_t days = json_integer_value(json_object_get(sit, "promised_days"));
	json_decref(sit);
	return days;
}

/* Before accepting: every slot asked 容缺 has a deadline in `tolerance`, not in the past and not
 * later than the promised time limit (`due`, NULL when the calendar does not reach it); nothing
 * else is listed. */
static enum yc_status accept_checks(struct yc_db *db, struct yc_arena *a, int64_t now,
                                    const struct yc_case_row *c, const struct yc_case_decision *d,
                                    const char *due, struct yc_problems *p, struct yc_error *e)
{
	struct yc_case_material *mats;
	int64_t n = 0;
	enum yc_status st = yc_case_materials(db, a, c->id, &mats, &n, e);
	if (st != YC_OK)
		return st;
	char today[11];
	day_of(now, today);
	size_t k;
	json_t *x;
	json_array_foreach(d->tolerance, k, x)
	{
		const char *f = yc_printf(a, "tolerance[%zu]", k);
		const char *slot = json_string_value(json_object_get(x, "slot"));
		const char *dl = json_string_value(json_object_get(x, "deadline"));
		bool asked = false;
		for (int64_t i = 0; i < n && slot; i++)
			asked |= strcmp(mats[i].slot, slot) == 0 &&
			         strcmp(mats[i].status, "tolerance_requested") == 0;
		if (!asked)
			yc_problem_add(p, f, "该材料未申请容缺");
		else if (!dl || !yc_date_valid(dl, strlen(dl), NULL))
			yc_problem_add(p, yc_printf(a, "%s.deadline", f),
			               "请给出补交期限（YYYY-MM-DD）");
		else if (strcmp(dl, today) < 0)
			yc_problem_add(p, yc_printf(a, "%s.deadline", f), "补交期限不能早于今天");
		else if (due && strcmp(dl, due) > 0)
			yc_problem_add(p, yc_printf(a, "%s.deadline", f),
			               "补交期限不能晚于承诺办结期限 %s", due);
	}
	for (int64_t i = 0; i < n; i++) {
		if (strcmp(mats[i].status, "tolerance_requested") != 0)
			continue;
		bool listed = false;
		json_array_foreach(d->tolerance, k, x)
		{
			const char *slot = json_string_value(json_object_get(x, "slot"));
			listed |= slot && strcmp(slot, mats[i].slot) == 0;
		}
		if (!listed)
			yc_problem_add(p, yc_printf(a, "tolerance.%s", mats[i].slot),
			               "“%s”申请了容缺：请给出补交期限，或要求补正", mats[i].name);
	}
	if (p->n)
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "容缺受理有 %d 处需要处理", p->n));
	return YC_OK;
}

/* After accepting: the tolerated slots and their 容缺受理通知书; a verification task per committed
 * slot for the department of its item, due by the case's due day. */
static enum yc_status after_accept(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, const struct yc_case_row *c,
                                   const struct yc_case_decision *d, struct yc_error *e)
{
	struct yc_case_material *mats;
	int64_t n = 0;
	enum yc_status st = yc_case_materials(db, a, c->id, &mats, &n, e);
	json_t *sit = json_loads(c->situation, 0, NULL);
	json_t *rows = json_array();
	size_t k;
	json_t *x;
	json_array_foreach(st == YC_OK ? d->tolerance : NULL, k, x)
	{
		const char *slot = json_string_value(json_object_get(x, "slot"));
		const char *dl = json_string_value(json_object_get(x, "deadline"));
		json_t *s = slot_of(sit, slot);
		const char *name = json_string_value(json_object_get(s, "name"));
		struct yc_case_material m = {.slot = slot,
		                             .name = name,
		                             .status = "tolerated",
		                             .deadline = dl,
		                             .pages = -1,
		                             .round = c->round,
		                             .updated_at = now};
		if (st == YC_OK)
			st = yc_case_material_put(db, c->id, &m, e);
		json_array_append_new(rows,
		                      json_pack("[s, s, s]", name, dl, "线上提交或到综合窗口提交"));
	}
	const char *number = NULL;
	if (st == YC_OK && json_array_size(rows)) {
		json_t *sections = json_pack(
		    "[o, {s:s, s:[], s:{s:[s, s, s], s:o}}, o]",
		    yc_app_para("容缺受理",
		                "你（单位）的主要申请材料齐全、符合法定形式，次要材料暂缺。根"
		                "据容缺受理制度，"
		                "本机关先行受理并进入审查。你已签署《申请容缺受理承诺书》。"),
		    "heading", "需要补交的材料", "paragraphs", "table", "columns", "材料",
		    "补交期限", "方式", "rows", json_incref(rows),
		    yc_app_para("逾期后果",
		                "逾期未补交的，本机关将终止办理，并依法记入诚信档案；在全部材料补齐"
		                "之前，办理结果不予送达。"));
		st = yc_app_notice_issue(db, a, who, now, c, "tolerance", sections, &number, e);
	}
	json_decref(rows);
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		if (strcmp(mats[i].status, "committed") != 0)
			continue;
		json_t *s = slot_of(sit, mats[i].slot);
		const char *dept = s ? slot_dept(sit, s) : NULL;
		if (!dept)
			continue;
		struct yc_verification v = {.case_id = c->id,
		                            .slot = mats[i].slot,
		                            .name = mats[i].name,
		                            .dept = dept,
		                            .notice = mats[i].filename ? mats[i].filename : "",
		                            .due_day = c->due_day,
		                            .created_at = now};
		st = yc_verification_add(db, &v, e);
	}
	json_decref(sit);
	return st;
}

/* ---- 告知承诺 ---- */

enum yc_status yc_app_case_commit(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, struct yc_case_row *c, int64_t version,
                                  const char *slot, const char *ip, struct yc_problems *p,
                                  struct yc_error *e)
{
	(void)p;
	if (version != c->version)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新，请刷新后重试");
	if (strcmp(c->state, "draft") != 0 && strcmp(c->state, "supplementing") != 0)
		return yc_fail(e, YC_E_CONFLICT, "state", "只有填写中或待补正的办件可以作出承诺");
	json_t *sit = json_loads(c->situation, 0, NULL);
	json_t *s = slot_of(sit, slot);
	if (!s) {
		json_decref(sit);
		return yc_fail(e, YC_E_NOT_FOUND, "slot", "本办件没有这项材料");
	}
	const char *name = yc_strdup(a, json_string_value(json_object_get(s, "name")));
	bool allowed = json_is_true(json_object_get(s, "commitment"));
	json_decref(sit);
	if (!allowed)
		return yc_fail(e, YC_E_CONFLICT, "slot",
		               yc_printf(a, "“%s”不在告知承诺材料清单内，须提交材料", name));
	enum yc_status st =
	    yc_app_credit_check(db, a, c->applicant_id_number, now, "告知承诺制", e);
	if (st != YC_OK)
		return st;
	/* the four elements (国办发〔2020〕42号) and the verification to come */
	const char *text = yc_printf(
	    a,
	    "一、证明义务：申请人应当证明其符合“%s”所要求的条件。\n"
	    "二、证明内容：%s。\n"
	    "三、承诺方式：申请人以本承诺书书面承诺已经符合上述条件，承诺所提供的信息真实、准确、"
	    "完整，愿意接受核查，不再提交该项证明材料。\n"
	    "四、不实承诺的法律责任：承诺不实的，行政机关将终止办理、撤销已作出的决定，依法追究"
	    "法律责任，并将失信信息记入诚信档案、推送信用信息共享平台。\n"
	    "核查：受理后，承办部门将通过数据共享、网络核验、协助核查或现场核查等方式，在承诺办结期"
	    "限内对承诺内容进行核查。",
	    c->matter_name ? c->matter_name : c->matter_code, name);
	char hash[YC_HEX256_SIZE];
	yc_sha256_hex(text, strlen(text), hash);
	char at[24];
	yc_time_iso(now, at);
	json_t *sections = json_pack(
	    "[o, {s:s, s:[s, s, s, s]}]", yc_app_para("承诺内容", text), "heading", "签署",
	    "paragraphs", yc_printf(a, "签署人：%s（账户 %s）", c->applicant_name, who->username),
	    yc_printf(a, "签署时间：%s", at), yc_printf(a, "签署地址：%s", ip ? ip : "未知"),
	    yc_printf(a, "承诺文本摘要（SHA-256）：%s", hash));
	const char *number = NULL;
	st = yc_app_notice_issue(db, a, who, now, c, "commitment", sections, &number, e);
	struct yc_case_material m = {.slot = slot,
	                             .name = name,
	                             .status = "committed",
	                             .sha256 = hash,
	                             .filename = number,
	                             .pages = -1,
	                             .round = c->round,
	                             .updated_at = now};
	if (st == YC_OK)
		st = yc_case_material_put(db, c->id, &m, e);
	if (st == YC_OK)
		st = yc_case_touch(db, c->id, version, now, e);
	if (st == YC_OK)
		st = yc_case_event_add(
		    db, c->id, "commit", c->state, c->state, who->id, who->role,
		    yc_printf(a, "{\"slot\":\"%s\",\"notice\":\"%s\",\"sha256\":\"%s\"}", slot,
		              number, hash),
		    now, e);
	if (st == YC_OK) {
		json_t *after = json_pack("{s:s, s:s, s:s, s:s?}", "slot", slot, "notice", number,
		                          "sha256", hash, "ip", ip);
		st = yc_app_audit(db, a, who, now, "case.commit", "case", c->number, c->region,
		                  NULL, after, e);
		json_decref(after);
	}
	return st == YC_OK ? yc_case_get(db, a, c->id, c, e) : st;
}

enum yc_status yc_app_case_attach(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, struct yc_case_row *c, int64_t version,
                                  const char *slot, const struct yc_case_file *files, int n,
                                  const char *valid_until, struct yc_problems *p,
                                  struct yc_error *e)
{
	/* 智审: a document past its printed validity is refused at once */
	char today[11];
	day_of(now, today);
	if (valid_until && !yc_date_valid(valid_until, strlen(valid_until), NULL))
		return yc_fail(e, YC_E_BAD_INPUT, "valid_until",
		               "有效期应为 YYYY-MM-DD 格式的日期");
	if (valid_until && strcmp(valid_until, today) < 0)
		return yc_fail(
		    e, YC_E_BAD_INPUT, "valid_until",
		    yc_printf(a, "该证件已于 %s 过期，请提供有效期内的材料", valid_until));
	if (version != c->version)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新，请刷新后重试");
	/* a case being filled takes any slot; an accepted one only the tolerated materials that
	 * are still due (容缺补交) */
	bool filling = strcmp(c->state, "draft") == 0 || strcmp(c->state, "supplementing") == 0;
	bool late = false;
	if (!filling) {
		enum yc_case_state cs;
		late = yc_case_state_parse(c->state, &cs) &&
		       (cs == YC_CASE_ACCEPTED || cs == YC_CASE_IN_PROGRESS ||
		        cs == YC_CASE_CONCLUDED);
		struct yc_case_material *mats;
		int64_t nm = 0;
		enum yc_status ms = late ? yc_case_materials(db, a, c->id, &mats, &nm, e) : YC_OK;
		if (ms != YC_OK)
			return ms;
		bool tolerated = false;
		for (int64_t i = 0; i < nm; i++)
			tolerated |= strcmp(mats[i].slot, slot) == 0 &&
			             strcmp(mats[i].status, "tolerated") == 0;
		if (!tolerated)
			return yc_fail(e, YC_E_CONFLICT, "state",
			               late ? "受理后只能补交容缺材料"
			                    : "只有填写中或待补正的办件可以上传材料");
	}
	json_t *sit = json_loads(c->situation, 0, NULL);
	json_t *s = slot_of(sit, slot);
	if (!s) {
		json_decref(sit);
		return yc_fail(e, YC_E_NOT_FOUND, "slot", "本办件没有这项材料");
	}
	const char *name = yc_strdup(a, json_string_value(json_object_get(s, "name")));
	json_t *formats = json_object_get(s, "formats");
	const char *accepted = "";
	size_t k;
	json_t *x;
	json_array_foreach(formats, k, x)
	{
		accepted = yc_printf(a, "%s%s%s", accepted, k ? "、" : "", json_string_value(x));
	}
	int64_t size = 0, pages = 0;
	for (int i = 0; i < n; i++) {
		bool ok = json_array_size(formats) == 0;
		json_array_foreach(formats, k, x)
		{
			ok |= strcmp(json_string_value(x), files[i].type) == 0;
		}
		if (!ok)
			yc_problem_add(p, yc_printf(a, "files[%d]", i),
			               "“%s”按内容是 %s 文件，本材料只接受 %s",
			               files[i].filename ? files[i].filename : "文件",
			               files[i].type, accepted);
		size += files[i].size;
		pages = pages >= 0 && files[i].pages >= 0 ? pages + files[i].pages : -1;
	}
	json_decref(sit);
	if (p->n)
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "有 %d 个文件不符合“%s”的格式要求", p->n, name));
	enum yc_status st = yc_case_files_set(db, c->id, slot, files, n, who->id, now, e);
	struct yc_case_material m = {
	    .slot = slot,
	    .name = name,
	    .status = "uploaded",
	    .sha256 = files[0].sha256,
	    .size = size,
	    .type = files[0].type,
	    .pages = pages,
	    .filename = n == 1 ? files[0].filename : yc_printf(a, "%d 个文件", n),
	    .round = strcmp(c->state, "supplementing") == 0 ? c->round + 1 : c->round,
	    .valid_until = valid_until,
	    .updated_at = now};
	if (st == YC_OK)
		st = yc_case_material_put(db, c->id, &m, e);
	if (st == YC_OK)
		st = yc_case_touch(db, c->id, version, now, e);
	json_t *detail = json_pack("{s:s, s:i, s:I, s:s}", "slot", slot, "files", n, "bytes",
	                           (json_int_t)size, "sha256", files[0].sha256);
	if (st == YC_OK)
		st = yc_case_event_add(db, c->id, late ? "tolerance_supplied" : "upload", c->state,
		                       c->state, who->id, who->role, yc_app_json_text(a, detail),
		                       now, e);
	if (st == YC_OK)
		st = yc_app_audit(db, a, who, now, "case.upload", "case", c->number, c->region,
		                  NULL, detail, e);
	json_decref(detail);
	if (st == YC_OK)
		st = yc_case_get(db, a, c->id, c, e);
	/* the last tolerated material of a concluded case: its results may go out now */
	if (st == YC_OK && late && strcmp(c->state, "concluded") == 0)
		st = yc_app_delivery_on_conclude(db, a, now, c, e);
	return st;
}

enum yc_status yc_app_verification_decide(struct yc_db *db, struct yc_arena *a,
                                          const struct yc_actor *who, int64_t now,
                                          struct yc_verification *v, const char *result,
                                          const char *note, struct yc_error *e)
{
	enum yc_status st = yc_verification_decide(db, v->id, result, note, who->id, now, e);
	struct yc_case_row c;
	if (st == YC_OK)
		st = yc_case_get(db, a, v->case_id, &c, e);
	if (st == YC_OK) {
		json_t *after =
		    json_pack("{s:s, s:s, s:s?}", "slot", v->slot, "result", result, "note", note);
		st = yc_app_audit(db, a, who, now, "verification.decide", "case", c.number,
		                  c.region, NULL, after, e);
		json_decref(after);
	}
	if (st == YC_OK && strcmp(result, "false") == 0) {
		struct yc_case_decision d = {.event = YC_EV_REVOKE, .version = c.version};
		struct yc_problems p;
		yc_problems_init(&p, a);
		enum yc_case_state cs;
		if (yc_case_state_parse(c.state, &cs) &&
		    yc_case_check(cs, YC_EV_REVOKE, YC_ROLE_DEPT) == YC_OK)
			st = yc_app_case_event(db, a, who, YC_ROLE_DEPT, now, &c, &d, &p, e);
		struct yc_credit_row cr = {.subject_id = c.applicant_id_number,
		                           .subject_name = c.applicant_name,
		                           .kind = "dishonest",
		                           .source = "commitment_false",
		                           .reason = yc_printf(a, "办件 %s 告知承诺不实：%s%s%s",
		                                               c.number, v->name, note ? "，" : "",
		                                               note ? note : ""),
		                           .region = c.region,
		                           .case_id = c.id,
		                           .starts_at = now,
		                           .expires_at = now + (int64_t)3 * 365 * 86400};
		if (st == YC_OK)
			st = yc_app_credit_record(db, a, who, now, &cr, e);
	}
	return st == YC_OK ? yc_verification_get(db, a, v->id, v, e) : st;
}

/* ---- the one runner of lifecycle events ---- */

enum yc_status yc_app_case_event(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                 unsigned actor, int64_t now, struct yc_case_row *c,
                                 const struct yc_case_decision *d, struct yc_problems *p,
                                 struct yc_error *e)
{
	enum yc_case_state from;
	if (!yc_case_state_parse(c->state, &from))
		return yc_fail(e, YC_E_INTERNAL, NULL, "办件状态无法识别");
	if (d->version != c->version)
		return yc_fail(e, YC_E_CONFLICT, "version", "办件已被他人更新，请刷新后重试");
	enum yc_case_event ev = d->event;
	/* "submit" on a case waiting for supplements is its resubmission */
	if (ev == YC_EV_SUBMIT && from == YC_CASE_SUPPLEMENTING)
		ev = YC_EV_RESUBMIT;
	enum yc_status st = yc_case_check(from, ev, actor);
	if (st == YC_E_CONFLICT && ev == YC_EV_SUPPLEMENT && from == YC_CASE_SUPPLEMENTING)
		return yc_fail(e, st, "action", "本轮已发出补正材料通知书，不能再次要求补正");
	if (st != YC_OK)
		return yc_fail(e, st, "action",
		               st == YC_E_FORBIDDEN
		                   ? "当前角色不能进行此操作"
		                   : yc_printf(a, "办件处于“%s”，不能%s", yc_case_state_zh(from),
		                               yc_case_event_name(ev)));
	const struct yc_case_transition *t = yc_case_step(from, ev, actor);
	const char *notice = NULL;
	json_t *detail = json_object();
	if (ev == YC_EV_SUBMIT || ev == YC_EV_RESUBMIT)
		st = ready(db, a, c, now, d->tolerate, p, e);
	/* the slots asked for tolerance wait for the window's decision */
	size_t ti;
	json_t *tx;
	bool asks = st == YC_OK && (ev == YC_EV_SUBMIT || ev == YC_EV_RESUBMIT) &&
	            json_array_size(d->tolerate);
	json_t *sit = asks ? json_loads(c->situation, 0, NULL) : NULL; /* parsed once */
	json_array_foreach(asks ? d->tolerate : NULL, ti, tx)
	{
		json_t *slot = slot_of(sit, json_string_value(tx));
		struct yc_case_material m = {.slot = json_string_value(tx),
		                             .name =
		                                 json_string_value(json_object_get(slot, "name")),
		                             .status = "tolerance_requested",
		                             .pages = -1,
		                             .round = c->round + 1,
		                             .updated_at = now};
		if (st == YC_OK)
			st = yc_case_material_put(db, c->id, &m, e);
	}
	json_decref(sit);
	/* acceptance starts the time limit: the due day, once, for the checks and the case */
	int64_t accepted_at = ev == YC_EV_DEEMED_ACCEPT ? c->received_at : now;
	const char *due_day = NULL;
	int64_t days =
	    (t->effects & (YC_FX_CLOCK_START | YC_FX_NOTICE_ACCEPT)) ? promised_days(c) : 0;
	if (st == YC_OK && (t->effects & YC_FX_CLOCK_START))
		st = workday_after(db, a, accepted_at, days, &due_day, e);
	if (st == YC_OK && ev == YC_EV_ACCEPT)
		st = accept_checks(db, a, now, c, d, due_day, p, e);
	if (st == YC_OK && (t->effects & YC_FX_NOTICE_SUPPLEMENT)) {
		if (!d->deadline || !yc_date_valid(d->deadline, strlen(d->deadline), NULL))
			yc_problem_add(p, "deadline", "请给出补正期限（YYYY-MM-DD）");
		const char *channel = d->channel ? d->channel : "线上补正或到综合窗口补正";
		json_t *rows = supplement_table(c, d->items, d->deadline, channel, a, p);
		if (p->n) {
			json_decref(rows);
			st = yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
			             yc_printf(a, "补正清单有 %d 处问题", p->n));
		} else {
			json_t *sections = json_pack(
			    "[o, {s:s, s:[], s:{s:[s, s, s, s, s], s:o}}, o]",
			    yc_app_para(
			        "告知事项",
			        yc_printf(
			            a,
			            "你（单位）于本轮提交的“%s”申请材料不齐全或者不符合法定形"
			            "式。根据《中华人民共和国行政许可法》第三十二条，现一次性告知"
			            "需要补正的全部内容如下：",
			            c->matter_name ? c->matter_name : c->matter_code)),
			    "heading", "需要补正的内容", "paragraphs", "table", "columns",
			    "材料或字段", "问题", "需补正内容", "期限", "方式", "rows", rows,
			    yc_app_para(
			        "说明",
			        "请在期限内补正上列全部内容。补正后重新计算受理时间；逾期未补正的，"
			        "视为放弃申请。"));
			st = yc_app_notice_issue(db, a, who, now, c, "supplement", sections,
			                         &notice, e);
			json_object_set_new(detail, "items", json_deep_copy(d->items));
		}
	}
	if (st == YC_OK && (t->effects & YC_FX_NOTICE_REFUSE)) {
		if (!d->reason || yc_text_check(d->reason, strlen(d->reason), 2, 1000, false,
		                                "reason", NULL) != YC_OK)
			st = yc_fail(e, YC_E_BAD_INPUT, "reason",
			             "不予受理须写明法定理由（2 至 1000 字）");
		else {
			json_t *sections = json_pack(
			    "[o, o, o]", yc_app_para("不予受理的理由", d->reason),
			    yc_app_para("法律依据", d->basis
			                                ? d->basis
			                                : "《中华人民共和国行政许可法》第三十二条"),
			    yc_app_para("救济途径",
			                "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政"
			                "复议，或者在六个月内依法向人民法院提起行政诉讼。"));
			st =
			    yc_app_notice_issue(db, a, who, now, c, "refuse", sections, &notice, e);
			json_object_set_new(detail, "reason", json_string(d->reason));
		}
	}
	if (st == YC_OK && (t->effects & YC_FX_NOTICE_ACCEPT)) {
		const char *when =
		    ev == YC_EV_DEEMED_ACCEPT
		        ? "窗口未在收到材料之日起 5 个工作日内作出决定，依法自收到材"
		          "料之日起视为受理。"
		        : "你（单位）提交的申请材料齐全、符合法定形式，决定予以受理。";
		json_t *sections = json_pack(
		    "[o, o, o]", yc_app_para("受理决定", when),
		    yc_app_para("办理期限",
		                days
		                    ? yc_printf(a, "自受理次日起 %lld 个工作日内办结（承诺时限）。",
		                                (long long)days)
		                    : "即办件，当场办结。"),
		    yc_app_para("受理人", who->username ? who->username : "系统"));
		st = yc_app_notice_issue(db, a, who, now, c, "accept", sections, &notice, e);
	}
	if (st != YC_OK) {
		json_decref(detail);
		return st;
	}
	/* the new lifecycle fields */
	struct yc_case_row next = *c;
	next.state = yc_case_state_name(t->to);
	if (t->effects & YC_FX_NEW_ROUND)
		next.round = c->round + 1;
	if (t->effects & YC_FX_RECEIVED) {
		next.received_at = now;
		st = workday_after(db, a, now, 5, &next.decide_by, e); /* 行政许可法 Art. 32 */
	}
	if (t->effects & YC_FX_NOTICE_SUPPLEMENT)
		next.supplement_round = c->round;
	if (t->effects & YC_FX_CLOCK_START) {
		next.accepted_at = accepted_at;
		next.due_day = due_day;
	}
	if (t->effects & (YC_FX_NOTICE_ACCEPT | YC_FX_NOTICE_REFUSE | YC_FX_NOTICE_SUPPLEMENT))
		next.decided_at = now;
	if (notice)
		json_object_set_new(detail, "notice", json_string(notice));
	const char *dtext = yc_app_json_text(a, detail);
	json_decref(detail);
	if (st == YC_OK)
		st = yc_case_set_state(db, &next, c->version, now, e);
	if (st == YC_OK && (t->effects & YC_FX_CLOCK_START))
		st = after_accept(db, a, who, now, &next, d, e);
	if (st == YC_OK)
		st = yc_case_event_add(db, c->id, yc_case_event_name(ev), c->state, next.state,
		                       who->id, who->role, dtext, now, e);
	if (st == YC_OK) {
		json_t *before =
		    json_pack("{s:s, s:I}", "state", c->state, "version", (json_int_t)c->version);
		json_t *after = json_pack("{s:s, s:s?}", "state", next.state, "notice", notice);
		st = yc_app_audit(db, a, who, now, yc_printf(a, "case.%s", yc_case_event_name(ev)),
		                  "case", c->number, c->region, before, after, e);
		json_decref(before);
		json_decref(after);
	}
	/* the applicant's message (and SMS), the window's when deemed accepted (messages.c) */
	if (st == YC_OK)
		st = yc_app_case_told(db, a, now, c->state, &next, ev, t->effects, notice, e);
	if (st == YC_OK)
		st = yc_case_get(db, a, c->id, c, e);
	/* what the transition asks of the other parts of the case */
	if (st == YC_OK && (t->effects & YC_FX_CLOSE_TASKS))
		st = yc_app_case_close_tasks(db, a, who, now, c->id, e);
	if (st == YC_OK && (t->effects & YC_FX_REVOKE_RESULTS))
		st = yc_app_results_revoke(db, a, who, now, c->id,
		                           ev == YC_EV_STOP ? "容缺材料逾期未补交，办件终止"
		                                            : "告知承诺经核查不实，依法撤销",
		                           e);
	if (st == YC_OK && (t->effects & YC_FX_DISPATCH))
		st = yc_app_case_dispatch(db, a, who, now, c, e);
	return st;
}

/* ---- the watches (jobs) ---- */

enum yc_status yc_app_cases_watch(struct yc_db *db, struct yc_arena *a, int64_t now, bool tolerance,
                                  int64_t *affected, struct yc_error *e)
{
	char today[11];
	day_of(now, today);
	int64_t *ids, n = 0;
	enum yc_status st = yc_case_ids_due(db, a, tolerance, today, &ids, &n, e);
	const struct yc_actor sys = {.id = 0, .username = "system", .role = "system"};
	*affected = 0;
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		struct yc_case_row c;
		if ((st = yc_case_get(db, a, ids[i], &c, e)) != YC_OK)
			break;
		struct yc_problems p;
		yc_problems_init(&p, a);
		struct yc_case_decision d = {.event = tolerance ? YC_EV_STOP : YC_EV_DEEMED_ACCEPT,
		                             .version = c.version};
		struct yc_case_row before = c;
		st = yc_app_case_event(db, a, &sys, YC_ACTOR_SYSTEM, now, &c, &d, &p, e);
		if (st == YC_OK && tolerance) {
			/* the materials that did not arrive, named in the 失信 record */
			struct yc_case_material *m;
			int64_t nm = 0;
			const char *names = "";
			if ((st = yc_case_materials(db, a, c.id, &m, &nm, e)) != YC_OK)
				break;
			for (int64_t k = 0; k < nm; k++)
				if (strcmp(m[k].status, "tolerated") == 0 && m[k].deadline &&
				    strcmp(m[k].deadline, today) < 0)
					names = yc_printf(a, "%s%s%s（期限 %s）", names,
					                  names[0] ? "、" : "", m[k].name,
					                  m[k].deadline);
			struct yc_credit_row cr = {
			    .subject_id = before.applicant_id_number,
			    .subject_name = before.applicant_name,
			    .kind = "dishonest",
			    .source = "tolerance_missed",
			    .reason =
			        yc_printf(a, "办件 %s 容缺材料逾期未补：%s", before.number, names),
			    .region = before.region,
			    .case_id = before.id,
			    .starts_at = now,
			    .expires_at = now + (int64_t)3 * 365 * 86400};
			st = yc_app_credit_record(db, a, &sys, now, &cr, e);
		}
		if (st == YC_OK)
			(*affected)++;
	}
	return st;
}

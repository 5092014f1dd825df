/* cases.c — cases (办件) up to acceptance over HTTP: create (online by the applicant, or at a
 * window for a walk-in applicant), list (the applicant's own; the window's queue of its region,
 * oldest receipt first), view, edit a draft, submit, the window's decision (accept / supplement /
 * refuse), withdraw, and notices. Access to a case is decided by yc_policy_case; every change
 * runs in one transaction through src/app. */
#include "http.h"

#include "../app/app.h"
#include "../blob/blob.h"
#include "../core/case_fsm.h"
#include "../core/codes.h"
#include "../core/text.h"
#include "../render/notice_pdf.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct c_ctx {
	struct yc_req *r;
	int64_t id;
	struct yc_case_input in;
	struct yc_case_decision d;
	const json_t *answers, *form;
	const char *state, *region;
	const char *slot; /* commitment */
	struct yc_page pg;
	struct yc_problems p;
	json_t *out;
	bool edit;
};

static enum yc_status reply(struct yc_req *r, struct c_ctx *c, enum yc_status st, int status)
{
	return yc_reply_tx(r, &c->p, st, status, &c->out);
}

/* A case as shown. `full`: the detail view (form, materials, notices, history); else a list row
 * with the ID number masked. */
static json_t *case_view(struct yc_req *r, struct yc_db *db, const struct yc_case_row *c, bool full)
{
	char masked[32] = "";
	yc_mask_id_number(c->applicant_id_number, strlen(c->applicant_id_number), masked,
	                  sizeof masked);
	enum yc_case_state s = YC_CASE_DRAFT;
	yc_case_state_parse(c->state, &s);
	json_t *v = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:I, s:s, s:{s:s, s:s, s:o}, s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)c->id, "number", c->number, "state", c->state, "state_name",
	    yc_case_state_zh(s), "matter", c->matter_code, "matter_version",
	    (json_int_t)c->matter_version, "matter_name", c->matter_name ? c->matter_name : "",
	    "version", (json_int_t)c->version, "region", c->region, "applicant", "name",
	    c->applicant_name, "id_number", full ? c->applicant_id_number : masked, "phone",
	    yc_jstr(c->applicant_phone), "channel", json_string(c->channel), "created_at",
	    yc_jtime(c->created_at), "received_at",
	    c->received_at ? yc_jtime(c->received_at) : json_null(), "accepted_at",
	    c->accepted_at ? yc_jtime(c->accepted_at) : json_null());
	json_object_set_new(v, "form_version",
	                    c->form_id ? json_pack("{s:I, s:I}", "id", (json_int_t)c->form_id,
	                                           "version", (json_int_t)c->form_version)
	                               : json_null());
	json_object_set_new(v, "round", json_integer(c->round));
	/* the window decides by decide_by (5 working days); the promised limit ends on due_day;
	 * null while the calendar of the year is not set */
	json_object_set_new(v, "decide_by", yc_jstr(c->decide_by));
	json_object_set_new(v, "due_day", yc_jstr(c->due_day));
	if (!full)
		return v;
	json_object_set_new(v, "answers", yc_jparse(c->answers));
	json_object_set_new(v, "form", yc_jparse(c->form));
	json_object_set_new(v, "situation", yc_jparse(c->situation));
	struct yc_case_material *m;
	int64_t nm = 0;
	json_t *mats = json_array();
	if (yc_case_materials(db, r->a, c->id, &m, &nm, NULL) == YC_OK)
		for (int64_t i = 0; i < nm; i++)
			json_array_append_new(
			    mats,
			    json_pack("{s:s, s:s, s:s, s:o, s:I, s:o, s:o, s:o, s:o, s:o}", "slot",
			              m[i].slot, "name", m[i].name, "status", m[i].status, "sha256",
			              yc_jstr(m[i].sha256), "size", (json_int_t)m[i].size, "type",
			              yc_jstr(m[i].type), "filename", yc_jstr(m[i].filename),
			              "pages",
			              m[i].pages >= 0 ? json_integer(m[i].pages) : json_null(),
			              "deadline", yc_jstr(m[i].deadline), "reference",
			              yc_jstr(m[i].reference)));
	for (int64_t i = 0; i < nm; i++)
		json_object_set_new(json_array_get(mats, (size_t)i), "valid_until",
		                    yc_jstr(m[i].valid_until));
	json_object_set_new(v, "materials", mats);
	struct yc_notice_row *n;
	int64_t nn = 0;
	json_t *notices = json_array();
	if (yc_notice_list(db, r->a, c->id, &n, &nn, NULL) == YC_OK)
		for (int64_t i = 0; i < nn; i++)
			json_array_append_new(
			    notices, json_pack("{s:s, s:s, s:o}", "number", n[i].number, "kind",
			                       n[i].kind, "issued_at", yc_jtime(n[i].issued_at)));
	json_object_set_new(v, "notices", notices);
	struct yc_case_history *h = NULL;
	int64_t nh = 0;
	if (yc_case_events(db, r->a, c->id, &h, &nh, NULL) != YC_OK)
		nh = 0;
	json_object_set_new(v, "history", yc_history_json(h, nh));
	/* after acceptance: the tasks (分办) and, once concluded, each task's outcome */
	json_object_set_new(v, "tasks", yc_tasks_of_case(r, db, c->id));
	json_object_set_new(v, "results", yc_results_of_case(r, db, c->id));
	return v;
}

/* ---- create ---- */

static enum yc_status create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct c_ctx *c = vctx;
	yc_problems_init(&c->p, c->r->a);
	struct yc_matter_row m;
	enum yc_status st = yc_matter_get(db, c->r->a, c->in.matter, &m, e);
	if (st != YC_OK)
		return st;
	/* a clerk enters cases of the matters handled in their region */
	if (c->r->principal->role == YC_ROLE_WINDOW &&
	    yc_policy_scope(c->r->principal, m.region, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, "matter", "该一件事不在本窗口的受理区划内");
	struct yc_actor who = yc_actor_of(c->r);
	struct yc_case_row row;
	st = yc_app_case_create(db, c->r->a, &who, c->r->now, &c->in, &c->p, &row, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "case", case_view(c->r, db, &row, true));
	return st;
}

enum yc_status yc_h_cases_create(struct yc_req *r, struct yc_error *e)
{
	struct c_ctx c = {.r = r};
	json_t *answers = NULL, *form = NULL, *applicant = NULL;
	const struct yc_field f[] = {{"matter", YC_F_STRING, true, &c.in.matter, NULL},
	                             {"answers", YC_F_OBJECT, false, &answers, NULL},
	                             {"form", YC_F_OBJECT, false, &form, NULL},
	                             {"applicant", YC_F_OBJECT, false, &applicant, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 4, e);
	if (st != YC_OK)
		return st;
	json_t *empty = json_object();
	c.in.answers = answers ? answers : empty;
	c.in.form = form ? form : empty;
	if (r->principal->role == YC_ROLE_APPLICANT) {
		if (applicant) {
			json_decref(empty);
			return yc_fail(e, YC_E_BAD_INPUT, "applicant",
			               "申请人本人在线申请时不需要填写申请人身份，由账户确定");
		}
		c.in.channel = "online";
		c.in.applicant_user = r->user->id;
		c.in.applicant_name = r->user->name;
		c.in.applicant_id_number = r->user->id_number;
		c.in.applicant_phone = r->user->phone;
		if (!c.in.applicant_id_number) {
			json_decref(empty);
			return yc_fail(e, YC_E_FORBIDDEN, NULL,
			               "账户未实名（缺少身份证号码），不能申请");
		}
	} else { /* window: a walk-in applicant, identity recorded (帮代办) */
		c.in.channel = "window";
		const char *name = json_string_value(json_object_get(applicant, "name"));
		const char *id = json_string_value(json_object_get(applicant, "id_number"));
		const char *phone = json_string_value(json_object_get(applicant, "phone"));
		const char *bad = NULL, *why = NULL;
		if (!applicant)
			bad = "applicant",
			why = "窗口代为录入时须填写申请人身份（姓名、身份证号码）";
		else if (!name || yc_text_check(name, strlen(name), 2, 50, false, "name", NULL))
			bad = "applicant.name", why = "申请人姓名应为 2 至 50 个字";
		else if (!id ||
		         yc_id_number_check(id, strlen(id), yc_date_cst(r->now)) != YC_CODE_OK)
			bad = "applicant.id_number", why = "身份证号码无效（GB 11643）";
		else if (phone && !yc_phone_valid(phone, strlen(phone)))
			bad = "applicant.phone", why = "联系电话无效";
		if (bad) {
			json_decref(empty);
			return yc_fail(e, YC_E_BAD_INPUT, bad, why);
		}
		c.in.applicant_name = name;
		c.in.applicant_id_number = id;
		c.in.applicant_phone = phone;
	}
	st = yc_store_tx(r->store, YC_TX_WRITE, create_tx, &c, e);
	json_decref(empty);
	return reply(r, &c, st, 201);
}

/* ---- list ---- */

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct c_ctx *c = vctx;
	struct yc_case_row *rows;
	int64_t n = 0, total = 0;
	enum yc_status st;
	if (c->r->principal->role == YC_ROLE_APPLICANT)
		st = yc_case_list_mine(db, c->r->a, c->r->principal->user_id, c->state, &c->pg,
		                       &rows, &n, &total, e);
	else
		st = yc_case_list_region(db, c->r->a, c->region, c->state, &c->pg, &rows, &n,
		                         &total, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, case_view(c->r, db, &rows[i], false));
	c->out = yc_list_json(items, total, &c->pg);
	return YC_OK;
}

static const char *const states[] = {
    "draft",     "submitted", "supplementing", "accepted", "refused", "in_progress", "concluded",
    "delivered", "archived",  "withdrawn",     "stopped",  "revoked", NULL};

enum yc_status yc_h_cases_list(struct yc_req *r, struct yc_error *e)
{
	struct c_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "state", states, &c.state, e);
	if (st == YC_OK && r->principal->role != YC_ROLE_APPLICANT) {
		bool given;
		st = yc_query_scope(r, &c.region, &given, e);
	}
	if (st != YC_OK)
		return st;
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e), 200);
}

/* ---- one case ---- */

/* Load case c->id and decide access (one place: yc_policy_case). */
static enum yc_status load(struct yc_db *db, struct c_ctx *c, struct yc_case_row *row,
                           struct yc_error *e)
{
	enum yc_status st = yc_case_get(db, c->r->a, c->id, row, e);
	if (st != YC_OK)
		return st;
	st = yc_policy_case(c->r->principal, row->region, row->applicant_user, row->created_by);
	if (st != YC_OK)
		return yc_fail(e, st, NULL,
		               c->r->principal->role == YC_ROLE_APPLICANT
		                   ? "这不是你的办件"
		                   : "该办件不在本账号的区划范围内");
	return YC_OK;
}

static enum yc_status get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct c_ctx *c = vctx;
	struct yc_case_row row;
	enum yc_status st = load(db, c, &row, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "case", case_view(c->r, db, &row, true));
	return st;
}

enum yc_status yc_h_cases_get(struct yc_req *r, struct yc_error *e)
{
	struct c_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	return reply(r, &c, yc_store_tx(r->store, YC_TX_READ, get_tx, &c, e), 200);
}

static enum yc_status change_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct c_ctx *c = vctx;
	yc_problems_init(&c->p, c->r->a);
	struct yc_case_row row;
	enum yc_status st = load(db, c, &row, e);
	struct yc_actor who = yc_actor_of(c->r);
	if (st == YC_OK && c->slot)
		st = yc_app_case_commit(db, c->r->a, &who, c->r->now, &row, c->d.version, c->slot,
		                        c->r->ip, &c->p, e);
	else if (st == YC_OK && c->edit)
		st = yc_app_case_edit(db, c->r->a, &who, c->r->now, &row, c->d.version, c->answers,
		                      c->form, &c->p, e);
	else if (st == YC_OK)
		st = yc_app_case_event(db, c->r->a, &who, (unsigned)c->r->principal->role,
		                       c->r->now, &row, &c->d, &c->p, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "case", case_view(c->r, db, &row, true));
	return st;
}

static enum yc_status run_change(struct yc_req *r, struct c_ctx *c, struct yc_error *e)
{
	enum yc_status st = yc_param_id(r, 0, &c->id, e);
	if (st != YC_OK)
		return st;
	if (c->d.version < 1)
		return yc_fail(e, YC_E_BAD_INPUT, "version", "请提供办件的当前版本号（version）");
	return reply(r, c, yc_store_tx(r->store, YC_TX_WRITE, change_tx, c, e), 200);
}

enum yc_status yc_h_cases_draft(struct yc_req *r, struct yc_error *e)
{
	struct c_ctx c = {.r = r, .edit = true};
	json_t *answers = NULL, *form = NULL;
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"answers", YC_F_OBJECT, true, &answers, NULL},
	                             {"form", YC_F_OBJECT, true, &form, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 3, e);
	if (st != YC_OK)
		return st;
	c.answers = answers;
	c.form = form;
	return run_change(r, &c, e);
}

static enum yc_status simple_event(struct yc_req *r, enum yc_case_event ev, struct yc_error *e)
{
	struct c_ctx c = {.r = r, .d = {.event = (int)ev}};
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 1, e);
	return st == YC_OK ? run_change(r, &c, e) : st;
}

enum yc_status yc_h_cases_submit(struct yc_req *r, struct yc_error *e)
{
	struct c_ctx c = {.r = r, .d = {.event = (int)YC_EV_SUBMIT}};
	json_t *tolerate = NULL;
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"tolerate", YC_F_ARRAY, false, &tolerate, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK)
		return st;
	if (json_array_size(tolerate) > 100)
		return yc_fail(e, YC_E_BAD_INPUT, "tolerate", "容缺材料至多 100 项");
	c.d.tolerate = tolerate;
	return run_change(r, &c, e);
}

enum yc_status yc_h_cases_withdraw(struct yc_req *r, struct yc_error *e)
{
	return simple_event(r, YC_EV_WITHDRAW, e);
}

enum yc_status yc_h_cases_decision(struct yc_req *r, struct yc_error *e)
{
	struct c_ctx c = {.r = r};
	const char *action = NULL;
	json_t *items = NULL, *tolerance = NULL;
	const struct yc_field f[] = {{"action", YC_F_STRING, true, &action, NULL},
	                             {"version", YC_F_INT, true, &c.d.version, NULL},
	                             {"reason", YC_F_STRING, false, &c.d.reason, NULL},
	                             {"basis", YC_F_STRING, false, &c.d.basis, NULL},
	                             {"items", YC_F_ARRAY, false, &items, NULL},
	                             {"deadline", YC_F_STRING, false, &c.d.deadline, NULL},
	                             {"channel", YC_F_STRING, false, &c.d.channel, NULL},
	                             {"tolerance", YC_F_ARRAY, false, &tolerance, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 8, e);
	if (st != YC_OK)
		return st;
	enum yc_case_event ev;
	if (!yc_case_event_parse(action, &ev) ||
	    (ev != YC_EV_ACCEPT && ev != YC_EV_SUPPLEMENT && ev != YC_EV_REFUSE))
		return yc_fail(e, YC_E_BAD_INPUT, "action",
		               "action 应为 accept、supplement 或 refuse");
	if (c.d.channel && yc_text_check(c.d.channel, strlen(c.d.channel), 1, 200, false, "channel",
	                                 NULL) != YC_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "channel", "补正方式应为 1 至 200 个字");
	if (c.d.basis &&
	    yc_text_check(c.d.basis, strlen(c.d.basis), 1, 1000, false, "basis", NULL) != YC_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "basis", "法律依据应为 1 至 1000 个字");
	if (tolerance && ev != YC_EV_ACCEPT)
		return yc_fail(e, YC_E_BAD_INPUT, "tolerance", "容缺期限只在受理时给出");
	c.d.event = ev;
	c.d.items = items;
	c.d.tolerance = tolerance;
	return run_change(r, &c, e);
}

enum yc_status yc_h_cases_commit(struct yc_req *r, struct yc_error *e)
{
	struct c_ctx c = {.r = r, .slot = r->params[1]};
	const struct yc_field f[] = {{"version", YC_F_INT, true, &c.d.version, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 1, e);
	return st == YC_OK ? run_change(r, &c, e) : st;
}

/* ---- material files ---- */

struct f_ctx {
	struct yc_req *r;
	int64_t id, version, seq;
	const char *slot, *valid_until;
	struct yc_case_file *files;
	int n;
	struct yc_problems p;
	json_t *out;
	struct yc_case_file file; /* download */
};

static enum yc_status attach_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct f_ctx *f = vctx;
	struct c_ctx c = {.r = f->r, .id = f->id};
	yc_problems_init(&f->p, f->r->a);
	struct yc_case_row row;
	enum yc_status st = load(db, &c, &row, e);
	struct yc_actor who = yc_actor_of(f->r);
	if (st == YC_OK)
		st = yc_app_case_attach(db, f->r->a, &who, f->r->now, &row, f->version, f->slot,
		                        f->files, f->n, f->valid_until, &f->p, e);
	if (st == YC_OK) {
		json_t *check = json_array();
		for (int i = 0; i < f->r->nuploads; i++)
			json_array_append_new(check, yc_upload_json(&f->r->uploads[i]));
		f->out = json_pack("{s:o, s:o}", "case", case_view(f->r, db, &row, true), "check",
		                   check);
	}
	return st;
}

/* PUT /cases/{id}/materials/{slot}: multipart, one file or more, and the field "version". The
 * files were streamed into the file store and typed by their content before this runs. */
enum yc_status yc_h_cases_upload(struct yc_req *r, struct yc_error *e)
{
	struct f_ctx f = {.r = r, .slot = r->params[1]};
	enum yc_status st = yc_param_id(r, 0, &f.id, e);
	if (st != YC_OK)
		return st;
	const char *version = NULL;
	for (int i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].name, "version") == 0)
			version = r->form[i].value;
		else if (strcmp(r->form[i].name, "valid_until") == 0 && *r->form[i].value)
			f.valid_until = r->form[i].value;
	}
	char *end = NULL;
	f.version = version ? strtoll(version, &end, 10) : 0;
	if (!version || !*version || *end || f.version < 1)
		return yc_fail(e, YC_E_BAD_INPUT, "version",
		               "请在表单字段 version 中提供办件的当前版本号");
	if (r->nuploads == 0)
		return yc_fail(e, YC_E_BAD_INPUT, "file", "请选择要上传的文件");
	struct yc_problems p;
	yc_problems_init(&p, r->a);
	f.files = yc_alloc(r->a, sizeof *f.files * (size_t)r->nuploads);
	for (int i = 0; i < r->nuploads; i++) {
		const struct yc_upload *u = &r->uploads[i];
		if (!u->type) { /* refused by its content: empty, not an accepted type, a broken PDF
			         */
			yc_problem_add(&p, yc_printf(r->a, "files[%d]", i), "%s：%s",
			               u->filename ? u->filename : "文件",
			               u->message ? u->message : "文件不可用");
			continue;
		}
		f.files[f.n++] = (struct yc_case_file){.sha256 = u->sha256,
		                                       .size = u->size,
		                                       .type = u->type,
		                                       .mime = u->mime,
		                                       .pages = u->pages,
		                                       .filename = u->filename};
	}
	if (p.n) {
		yc_reply_problems(r, &p, YC_E_BAD_INPUT);
		return yc_fail(e, YC_E_BAD_INPUT, p.v[0].field,
		               yc_printf(r->a, "有 %d 个文件不能作为申请材料", p.n));
	}
	st = yc_store_tx(r->store, YC_TX_WRITE, attach_tx, &f, e);
	yc_reply_problems(r, &f.p, st);
	if (st != YC_OK && f.out)
		json_decref(f.out);
	return st == YC_OK ? yc_reply_json(r, 200, f.out) : st;
}

/* A department reads the materials of the items it decides in this case: the slot must be asked
 * for by the item of one of its tasks. */
static enum yc_status dept_may_read(struct yc_db *db, struct yc_req *r, const struct yc_case_row *c,
                                    const char *slot, struct yc_error *e)
{
	struct yc_task_row *t;
	int64_t n = 0;
	enum yc_status st = yc_task_list_case(db, r->a, c->id, &t, &n, e);
	if (st != YC_OK)
		return st;
	json_t *sit = json_loads(c->situation, 0, NULL);
	bool ok = false;
	size_t i, j;
	json_t *s, *it;
	json_array_foreach(json_object_get(sit, "slots"), i, s)
	{
		if (strcmp(json_string_value(json_object_get(s, "slot")), slot) != 0)
			continue;
		json_array_foreach(json_object_get(s, "items"), j, it)
		{
			for (int64_t k = 0; k < n && !ok; k++)
				ok = strcmp(t[k].item_code, json_string_value(it)) == 0 &&
				     yc_policy_scope(r->principal, t[k].region, t[k].dept) == YC_OK;
		}
	}
	json_decref(sit);
	return ok ? YC_OK : yc_fail(e, YC_E_FORBIDDEN, NULL, "本部门的分办任务不涉及这项材料");
}

static enum yc_status file_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct f_ctx *f = vctx;
	struct c_ctx c = {.r = f->r, .id = f->id};
	struct yc_case_row row;
	bool dept = f->r->principal->role == YC_ROLE_DEPT;
	enum yc_status st = dept ? yc_case_get(db, f->r->a, f->id, &row, e) : load(db, &c, &row, e);
	if (st == YC_OK && dept)
		st = dept_may_read(db, f->r, &row, f->slot, e);
	struct yc_case_file *files;
	int64_t n = 0;
	if (st == YC_OK)
		st = yc_case_files(db, f->r->a, f->id, f->slot, &files, &n, e);
	if (st == YC_OK && (f->seq < 0 || f->seq >= n))
		st = yc_fail(e, YC_E_NOT_FOUND, NULL, "该材料没有这个文件");
	if (st == YC_OK)
		f->file = files[f->seq];
	/* staff reading an applicant's materials is logged (DESIGN.md §5) */
	if (st == YC_OK && f->r->principal->role != YC_ROLE_APPLICANT) {
		struct yc_actor who = yc_actor_of(f->r);
		json_t *after = json_pack("{s:s, s:I, s:s}", "slot", f->slot, "file",
		                          (json_int_t)f->seq, "sha256", f->file.sha256);
		st = yc_app_audit(db, f->r->a, &who, f->r->now, "case.material_read", "case",
		                  row.number, row.region, NULL, after, e);
		json_decref(after);
	}
	return st;
}

/* GET /cases/{id}/materials/{slot}/file?n=0: one file of a slot, for preview. */
enum yc_status yc_h_cases_file(struct yc_req *r, struct yc_error *e)
{
	struct f_ctx f = {.r = r, .slot = r->params[1]};
	enum yc_status st = yc_param_id(r, 0, &f.id, e);
	if (st != YC_OK)
		return st;
	const char *n = yc_query(r, "n");
	char *end = NULL;
	f.seq = n ? strtoll(n, &end, 10) : 0;
	if (n && (!*n || *end || f.seq < 0 || f.seq > 50))
		return yc_fail(e, YC_E_BAD_INPUT, "n", "n 应为文件序号（0 起）");
	enum yc_tx_mode mode = r->principal->role == YC_ROLE_APPLICANT ? YC_TX_READ : YC_TX_WRITE;
	if ((st = yc_store_tx(r->store, mode, file_tx, &f, e)) != YC_OK)
		return st;
	int fd = -1;
	int64_t size = 0;
	if ((st = yc_blob_open(r->cfg->data_dir, f.file.sha256, &fd, &size, e)) != YC_OK)
		return st == YC_E_NOT_FOUND ? yc_fail(e, YC_E_INTERNAL, NULL, "材料文件缺失") : st;
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)size, fd);
	if (!resp) {
		close(fd);
		return yc_fail(e, YC_E_INTERNAL, NULL, NULL);
	}
	MHD_add_response_header(resp, "Content-Type", f.file.mime);
	MHD_add_response_header(
	    resp, "Content-Disposition",
	    yc_printf(r->a, "inline; filename=\"%s.%s\"", f.file.sha256, f.file.type));
	if (r->response)
		MHD_destroy_response(r->response);
	r->response = resp;
	r->status = 200;
	return YC_OK;
}

/* ---- verifications of commitments (the department's) ---- */

static json_t *verif_view(const struct yc_verification *v)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o}", "id",
	                 (json_int_t)v->id, "case_id", (json_int_t)v->case_id, "slot", v->slot,
	                 "name", v->name, "dept", v->dept, "notice", v->notice, "due_day",
	                 yc_jstr(v->due_day), "state", v->state, "note", yc_jstr(v->note),
	                 "decided_at", v->decided_at ? yc_jtime(v->decided_at) : json_null());
}

struct v_ctx {
	struct yc_req *r;
	int64_t id;
	const char *state, *result, *note;
	struct yc_page pg;
	json_t *out;
};

static enum yc_status vlist_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct v_ctx *c = vctx;
	struct yc_verification *rows;
	int64_t n = 0, total = 0;
	enum yc_status st = yc_verification_list(db, c->r->a, c->r->principal->dept, c->state,
	                                         &c->pg, &rows, &n, &total, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, verif_view(&rows[i]));
	c->out = yc_list_json(items, total, &c->pg);
	return YC_OK;
}

enum yc_status yc_h_verifications_list(struct yc_req *r, struct yc_error *e)
{
	static const char *const vstates[] = {"pending", "confirmed", "false", NULL};
	struct v_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st == YC_OK)
		st = yc_query_oneof(r, "state", vstates, &c.state, e);
	if (st == YC_OK && !r->principal->dept)
		st = yc_fail(e, YC_E_FORBIDDEN, NULL, "账户未关联部门");
	if (st != YC_OK)
		return st;
	st = yc_store_tx(r->store, YC_TX_READ, vlist_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status vdecide_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct v_ctx *c = vctx;
	struct yc_verification v;
	enum yc_status st = yc_verification_get(db, c->r->a, c->id, &v, e);
	if (st != YC_OK)
		return st;
	if (yc_policy_scope(c->r->principal, NULL, v.dept) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "这不是本部门的核查任务");
	struct yc_actor who = yc_actor_of(c->r);
	st = yc_app_verification_decide(db, c->r->a, &who, c->r->now, &v, c->result, c->note, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "verification", verif_view(&v));
	return st;
}

enum yc_status yc_h_verifications_decide(struct yc_req *r, struct yc_error *e)
{
	struct v_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	const struct yc_field f[] = {{"result", YC_F_STRING, true, &c.result, NULL},
	                             {"note", YC_F_STRING, false, &c.note, NULL}};
	if ((st = yc_parse_fields(r, f, 2, e)) != YC_OK)
		return st;
	if (strcmp(c.result, "confirmed") != 0 && strcmp(c.result, "false") != 0)
		return yc_fail(e, YC_E_BAD_INPUT, "result",
		               "result 应为 confirmed（属实）或 false（不实）");
	if (c.note && yc_text_check(c.note, strlen(c.note), 1, 1000, false, "note", NULL) != YC_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "note", "核查说明应为 1 至 1000 字");
	if (strcmp(c.result, "false") == 0 && !c.note)
		return yc_fail(e, YC_E_BAD_INPUT, "note", "核查不实须写明核查情况");
	st = yc_store_tx(r->store, YC_TX_WRITE, vdecide_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

/* ---- notices ---- */

struct n_ctx {
	struct yc_req *r;
	const char *number;
	bool public_check; /* the public verification: no login, only what the paper shows */
	struct yc_notice_row row;
	json_t *out;
};

static enum yc_status notice_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct n_ctx *n = vctx;
	enum yc_status st = yc_notice_get(db, n->r->a, n->number, &n->row, e);
	if (st != YC_OK || n->public_check)
		return st;
	struct yc_case_row c;
	if ((st = yc_case_get(db, n->r->a, n->row.case_id, &c, e)) != YC_OK)
		return st;
	if (yc_policy_case(n->r->principal, c.region, c.applicant_user, c.created_by) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, NULL, "无权查看该通知书");
	return YC_OK;
}

/* The absolute address of the public check page of a notice (the QR code's target): the
 * configured public address (YICI_PUBLIC_URL, e.g. https://zwfw.example.gov.cn) or this
 * server's listen address. */
static const char *verify_url(struct yc_req *r, const char *path)
{
	const char *base = getenv("YICI_PUBLIC_URL");
	if (!base || !base[0])
		return yc_printf(r->a, "http://%s%s", r->cfg->listen, path);
	size_t n = strlen(base);
	return yc_printf(r->a, "%.*s%s", (int)(base[n - 1] == '/' ? n - 1 : n), base, path);
}

enum yc_status yc_h_notices_get(struct yc_req *r, struct yc_error *e)
{
	struct n_ctx n = {.r = r, .number = r->params[0]};
	size_t len = strlen(n.number);
	bool pdf = len > 4 && strcmp(n.number + len - 4, ".pdf") == 0;
	if (pdf)
		n.number = yc_strndup(r->a, n.number, len - 4);
	if (strlen(n.number) > 40)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "通知书不存在");
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, notice_tx, &n, e);
	if (st != YC_OK)
		return st;
	json_t *doc = yc_jparse(n.row.content);
	json_object_set_new(
	    doc, "verify_url",
	    json_string(verify_url(r, json_string_value(json_object_get(doc, "verify_url")))));
	if (!pdf)
		return yc_reply_json(r, 200, json_pack("{s:o}", "notice", doc));
	unsigned char *bytes = NULL;
	size_t blen = 0;
	st = yc_notice_pdf(doc, r->a, &bytes, &blen, e);
	json_decref(doc);
	if (st != YC_OK)
		return st;
	st = yc_reply_raw(r, 200, "application/pdf", bytes, blen);
	if (st == YC_OK && r->response)
		MHD_add_response_header(r->response, "Content-Disposition",
		                        yc_printf(r->a, "inline; filename=\"%s.pdf\"", n.number));
	return st;
}

/* The public check (扫码核验): whether a notice of this number was issued, and what it says on
 * its face — never the applicant's ID number, only a masked name. */
enum yc_status yc_h_notices_verify(struct yc_req *r, struct yc_error *e)
{
	struct n_ctx n = {.r = r, .number = r->params[0], .public_check = true};
	if (strlen(n.number) > 40)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "查无此通知书");
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, notice_tx, &n, e);
	if (st == YC_E_NOT_FOUND)
		return yc_fail(e, st, NULL, "查无此通知书：可能是伪造的，请向政务服务中心核实");
	if (st != YC_OK)
		return st;
	json_t *doc = yc_jparse(n.row.content);
	const char *name =
	    json_string_value(json_object_get(json_object_get(doc, "applicant"), "name"));
	/* the first character, the rest masked */
	const char *masked = "*";
	if (name && name[0]) {
		const unsigned char *p = (const unsigned char *)name;
		int k = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : 4;
		masked = yc_printf(r->a, "%.*s**", k, name);
	}
	json_t *out = json_pack(
	    "{s:{s:b, s:s, s:s, s:O, s:O, s:O, s:s, s:O, s:O}}", "notice", "genuine", 1, "number",
	    n.row.number, "kind", n.row.kind, "title", json_object_get(doc, "title"), "issuer",
	    json_object_get(doc, "issuer"), "issued_at", json_object_get(doc, "issued_at"),
	    "applicant", masked, "matter", json_object_get(json_object_get(doc, "matter"), "name"),
	    "case_number", json_object_get(doc, "case_number"));
	json_decref(doc);
	return yc_reply_json(r, 200, out);
}

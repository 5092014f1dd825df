/* interview.c — the guided interview (一次导办) and the one form (一次表单) of a published matter,
 * for everyone (no login): one stateless interview step, the form check of a situation, and the
 * values an applicant's account already knows (免填). */
#include "http.h"

#include "../app/app.h"
#include "../core/codes.h"
#include "../core/text.h"

#include <string.h>

/* Render collected problems beside the error (answers.<id>, values.<key>). */
static enum yc_status reject(struct yc_req *r, const struct yc_problems *p, enum yc_status st)
{
	return yc_reply_problems(r, p, st);
}

struct iv_ctx {
	struct yc_req *r;
	const json_t *answers, *values;
	struct yc_problems p;
	json_t *out;
	bool form;
};

static enum yc_status iv_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct iv_ctx *c = vctx;
	struct yc_matter_loaded l;
	yc_problems_init(&c->p, c->r->a);
	enum yc_status st = yc_app_matter_load(db, c->r->a, c->r->params[0], 0, &l, e);
	if (st == YC_OK) {
		if (c->form) {
			/* the calendar day in China (UTC+8): ages and dates are judged by it */
			int32_t today = yc_date_cst(c->r->now);
			st = yc_app_form_check(&l, c->answers, c->values, today, c->r->a, &c->out,
			                       &c->p, e);
		} else {
			st = yc_app_interview_step(&l, c->answers, c->r->a, &c->out, &c->p, e);
			json_t *sit = st == YC_OK ? json_object_get(c->out, "situation") : NULL;
			struct yc_form_row f;
			bool found = false;
			if (sit)
				st = yc_form_published(db, c->r->a, l.row.code, l.ver.version, &f,
				                       &found, e);
			/* the published form version a filled form will record (null: none yet) */
			if (sit && st == YC_OK)
				json_object_set_new(sit, "form_version",
				                    found ? json_pack("{s:I, s:I}", "id",
				                                      (json_int_t)f.id, "version",
				                                      (json_int_t)f.version)
				                          : json_null());
		}
	}
	yc_app_matter_unload(&l);
	if (st != YC_OK && c->out) { /* a retried or failed attempt leaves nothing behind */
		json_decref(c->out);
		c->out = NULL;
	}
	return st;
}

static enum yc_status run(struct yc_req *r, struct iv_ctx *c, struct yc_error *e)
{
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, iv_tx, c, e);
	if (st != YC_OK)
		return reject(r, &c->p, st);
	return yc_reply_json(r, 200, c->out);
}

enum yc_status yc_h_matter_interview(struct yc_req *r, struct yc_error *e)
{
	json_t *answers = NULL;
	const struct yc_field f[] = {{"answers", YC_F_OBJECT, false, &answers, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 1, e);
	if (st != YC_OK)
		return st;
	json_t *empty = json_object();
	struct iv_ctx c = {.r = r, .answers = answers ? answers : empty};
	st = run(r, &c, e);
	json_decref(empty);
	return st;
}

enum yc_status yc_h_matter_form_check(struct yc_req *r, struct yc_error *e)
{
	json_t *answers = NULL, *values = NULL;
	const struct yc_field f[] = {{"answers", YC_F_OBJECT, false, &answers, NULL},
	                             {"values", YC_F_OBJECT, true, &values, NULL}};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK)
		return st;
	json_t *empty = json_object();
	struct iv_ctx c = {
	    .r = r, .answers = answers ? answers : empty, .values = values, .form = true};
	st = yc_store_tx(r->store, YC_TX_READ, iv_tx, &c, e);
	json_decref(empty);
	if (st != YC_OK)
		return reject(r, &c.p, st);
	if (json_is_true(json_object_get(c.out, "valid")))
		return yc_reply_json(r, 200, c.out);
	/* values that do not pass: a structured 400 listing every error ({field, code, message}) */
	json_t *errors = json_incref(json_object_get(c.out, "errors"));
	json_int_t total = json_integer_value(json_object_get(c.out, "total"));
	json_decref(c.out);
	json_t *first = json_array_get(errors, 0);
	r->problems = errors;
	return yc_fail(e, YC_E_BAD_INPUT,
	               first ? yc_strdup(r->a, json_string_value(json_object_get(first, "field")))
	                     : "values",
	               yc_printf(r->a, "表单有 %lld 处需要修改", (long long)total));
}

struct prefill_ctx {
	struct yc_req *r;
	json_t *values, *sources;
};

/* Values of the applicant's five newest cases that were submitted at least once: data elements
 * only (keys without "."), scalars only, the newest case first, kept where nothing is set yet. */
static enum yc_status prefill_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct prefill_ctx *c = vctx;
	struct yc_page pg = {.page = 1, .per_page = 5};
	struct yc_case_row *rows;
	int64_t n = 0, total = 0;
	enum yc_status st = yc_case_list_mine(db, c->r->a, c->r->principal->user_id, NULL, &pg,
	                                      &rows, &n, &total, e);
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		if (!rows[i].round) /* a draft never submitted: not a fact yet */
			continue;
		struct yc_case_row full;
		if ((st = yc_case_get(db, c->r->a, rows[i].id, &full, e)) != YC_OK)
			break;
		json_t *form = json_loads(full.form, 0, NULL);
		const char *k;
		json_t *v;
		json_object_foreach(form, k, v)
		{
			if (strchr(k, '.') || json_object_get(c->values, k) ||
			    !(json_is_string(v) || json_is_number(v) || json_is_boolean(v)))
				continue;
			json_object_set(c->values, k, v);
			json_object_set_new(
			    c->sources, k, json_string(yc_printf(c->r->a, "case:%s", full.number)));
		}
		json_decref(form);
	}
	return st;
}

/* 免填: what the caller's account already knows, keyed by data element, each with its source.
 * Birth date and gender follow from a GB 11643 ID number; the applicant's earlier cases add the
 * rest (source "case:<number>"). */
enum yc_status yc_h_me_prefill(struct yc_req *r, struct yc_error *e)
{
	(void)e;
	json_t *values = json_object(), *sources = json_object();
	const struct yc_user *u = r->user;
	if (u && u->name && u->name[0]) {
		json_object_set_new(values, "applicant_name", json_string(u->name));
		json_object_set_new(sources, "applicant_name", json_string("account"));
	}
	if (u && u->phone && u->phone[0]) {
		json_object_set_new(values, "phone", json_string(u->phone));
		json_object_set_new(sources, "phone", json_string("account"));
	}
	if (u && u->id_number && strlen(u->id_number) == 18) {
		const char *id = u->id_number;
		json_object_set_new(values, "id_number", json_string(id));
		json_object_set_new(
		    values, "birth_date",
		    json_string(yc_printf(r->a, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12)));
		json_object_set_new(values, "gender",
		                    json_string((id[16] - '0') % 2 ? "男" : "女"));
		json_object_set_new(sources, "id_number", json_string("account"));
		json_object_set_new(sources, "birth_date", json_string("id_number"));
		json_object_set_new(sources, "gender", json_string("id_number"));
	}
	/* then what the applicant's earlier cases said (newest first), never over the account */
	struct prefill_ctx pc = {.r = r, .values = values, .sources = sources};
	if (r->principal->role == YC_ROLE_APPLICANT) {
		enum yc_status st = yc_store_tx(r->store, YC_TX_READ, prefill_tx, &pc, e);
		if (st != YC_OK) {
			json_decref(values);
			json_decref(sources);
			return st;
		}
	}
	return yc_reply_json(r, 200, json_pack("{s:o, s:o}", "values", values, "sources", sources));
}

/* results.c — results (办理结果) of approved tasks, signed with the department's electronic seal
 * (电子印章, made on the department's first result), their check and their revocation. See
 * app.h and docs/results.md. */
#include "app.h"

#include "../core/pinyin.h"
#include "../core/seal.h"
#include "../core/text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static unsigned char server_key[YC_SEAL_SERVER_KEY_BYTES];
static bool server_key_set;

void yc_app_seal_key_set(const unsigned char key[32])
{
	memcpy(server_key, key, sizeof server_key);
	server_key_set = true;
}

enum yc_status yc_app_seal_key_check(struct yc_db *db, struct yc_arena *a, struct yc_error *e)
{
	struct yc_dept_seal s;
	bool found = false;
	enum yc_status st = yc_dept_seal_any(db, a, &s, &found, e);
	if (st != YC_OK || !found)
		return st;
	unsigned char sk[YC_SEAL_SK_BYTES];
	bool ok = server_key_set && yc_seal_unbox(server_key, s.secret_box, s.nonce, sk);
	sodium_memzero(sk, sizeof sk);
	return ok ? YC_OK
	          : yc_fail(e, YC_E_CONFLICT, "key_file",
	                    yc_printf(a, "服务器密钥打不开本数据库中已有的部门电子印章（%s）",
	                              s.key_id));
}

/* The department's current seal, made now when it has none: a fresh key pair whose secret key is
 * kept only sealed under the server key. Two first results at once: one insert wins and both
 * read its row (on PostgreSQL the loser retries). */
static enum yc_status current_seal(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, const struct yc_dept *d, struct yc_dept_seal *out,
                                   struct yc_error *e)
{
	bool found = false;
	enum yc_status st = yc_dept_seal_current(db, a, d->code, out, &found, e);
	if (st != YC_OK || found)
		return st;
	unsigned char pk[YC_SEAL_PK_BYTES], sk[YC_SEAL_SK_BYTES];
	yc_seal_keypair(pk, sk);
	char pkb[YC_SEAL_PK_B64], box[YC_SEAL_BOX_B64], nonce[YC_SEAL_NONCE_B64];
	char key_id[YC_SEAL_KEY_ID];
	yc_seal_b64(pk, sizeof pk, pkb, sizeof pkb);
	yc_seal_box(server_key, sk, box, nonce);
	sodium_memzero(sk, sizeof sk);
	yc_seal_key_id(d->code, pk, key_id);
	struct yc_dept_seal s = {.dept = d->code,
	                         .key_id = key_id,
	                         .public_key = pkb,
	                         .secret_box = box,
	                         .nonce = nonce,
	                         .created_at = now};
	bool added = false;
	if ((st = yc_dept_seal_add(db, &s, &added, e)) != YC_OK)
		return st;
	if (added) {
		json_t *after = json_pack("{s:s, s:s, s:s}", "dept", d->code, "key_id", key_id,
		                          "public_key", pkb);
		st = yc_app_audit(db, a, who, now, "seal.create", "dept_seal", key_id, d->region,
		                  NULL, after, e);
		json_decref(after);
		if (st != YC_OK)
			return st;
	}
	st = yc_dept_seal_current(db, a, d->code, out, &found, e);
	return st == YC_OK && !found ? yc_fail(e, YC_E_INTERNAL, NULL, "部门电子印章无法建立") : st;
}

/* The department's tag in result numbers: the pinyin initials of its sector (市场监管 → SCJG),
 * at most 6 letters, or BM (部门) without a sector. */
static const char *dept_tag(struct yc_arena *a, const struct yc_dept *d)
{
	char buf[64];
	long n = d->sector ? yc_pinyin_initials(d->sector, strlen(d->sector), buf, sizeof buf) : -1;
	char *t = yc_alloc(a, 7);
	int k = 0;
	for (long i = 0; i < n && k < 6; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			t[k++] = (char)(buf[i] - 'a' + 'A');
	t[k] = '\0';
	return k ? t : "BM";
}

static void day_str(int64_t days, char out[24])
{
	int y;
	unsigned m, d;
	yc_civil_from_days(days, &y, &m, &d);
	snprintf(out, 24, "%04d-%02u-%02u", y, m, d);
}

/* A result's own fields: an object of at most 30 entries, names of 1–40 characters, values a
 * text of at most 500 characters, a number or true/false. */
static enum yc_status check_fields(struct yc_arena *a, const json_t *f, struct yc_error *e)
{
	if (!f || json_is_null(f))
		return YC_OK;
	if (!json_is_object(f))
		return yc_fail(e, YC_E_BAD_INPUT, "fields", "结果字段（fields）应为对象");
	if (json_object_size(f) > 30)
		return yc_fail(e, YC_E_BAD_INPUT, "fields", "结果字段不能超过 30 项");
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)f, k, v)
	{
		const char *field = yc_printf(a, "fields.%s", k);
		if (yc_text_check(k, strlen(k), 1, 40, false, "fields", NULL) != YC_OK)
			return yc_fail(e, YC_E_BAD_INPUT, field, "结果字段名应为 1 至 40 个字");
		if (json_is_string(v)) {
			const char *s = json_string_value(v);
			if (yc_text_check(s, strlen(s), 0, 500, false, "fields", NULL) != YC_OK)
				return yc_fail(e, YC_E_BAD_INPUT, field,
				               "结果字段的值应为不超过 500 字的一行文字");
		} else if (!json_is_number(v) && !json_is_boolean(v)) {
			return yc_fail(e, YC_E_BAD_INPUT, field,
			               "结果字段的值应为文字、数字或是否");
		}
	}
	return YC_OK;
}

/* The signed facts of a stored (or about to be stored) result. */
static struct yc_result_facts facts_of(const struct yc_result_row *r, const json_t *fields,
                                       char at[24])
{
	yc_time_iso(r->issued_at, at);
	return (struct yc_result_facts){.number = r->number,
	                                .dept = r->dept,
	                                .name = r->name,
	                                .item_code = r->item_code,
	                                .holder_name = r->holder_name,
	                                .holder_id = r->holder_id,
	                                .valid_from = r->valid_from,
	                                .valid_until = r->valid_until,
	                                .case_number = r->case_number,
	                                .issued_at = at,
	                                .key_id = r->key_id,
	                                .fields = fields};
}

enum yc_status yc_app_result_issue(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, const struct yc_case_row *c,
                                   const struct yc_task_row *t, const json_t *fields,
                                   const char **number, struct yc_error *e)
{
	if (number)
		*number = NULL;
	if (!server_key_set)
		return yc_fail(e, YC_E_INTERNAL, NULL, "服务器密钥未设置，不能签发办理结果");
	enum yc_status st = check_fields(a, fields, e);
	if (st != YC_OK)
		return st;
	/* one result per task: issuing again gives the same result */
	struct yc_result_row old;
	bool found = false;
	if ((st = yc_result_by_task(db, a, t->id, &old, &found, e)) != YC_OK)
		return st;
	if (found) {
		if (number)
			*number = old.number;
		return YC_OK;
	}
	struct yc_dept d;
	if ((st = yc_dept_get(db, a, t->dept, &d, e)) != YC_OK)
		return st;
	struct yc_dept_seal seal;
	if ((st = current_seal(db, a, who, now, &d, &seal, e)) != YC_OK)
		return st;
	unsigned char sk[YC_SEAL_SK_BYTES];
	if (!yc_seal_unbox(server_key, seal.secret_box, seal.nonce, sk))
		return yc_fail(
		    e, YC_E_INTERNAL, NULL,
		    "部门电子印章无法启用：服务器密钥与建立印章时的不一致（--key-file）");

	/* validity: the item's valid_years, else 5 years for 行政许可, else 长期 */
	struct yc_item_row irow;
	struct yc_item item;
	json_t *doc = NULL;
	st = yc_app_item_load(db, a, t->item_code, 0, &irow, &item, &doc, e);
	int64_t years = st == YC_OK ? item.result_valid_years : -1;
	bool licence = st == YC_OK && item.type && strcmp(item.type, "01") == 0;
	const char *result_name = st == YC_OK && item.result ? yc_strdup(a, item.result) : NULL;
	json_decref(doc);
	if (st != YC_OK && st != YC_E_NOT_FOUND) {
		sodium_memzero(sk, sizeof sk);
		return st;
	}
	if (years < 0)
		years = licence ? 5 : 0;
	int32_t today = yc_date_cst(now);
	int y = today / 10000;
	unsigned m = (unsigned)(today / 100 % 100), dd = (unsigned)(today % 100);
	char from[24], until[24];
	day_str(yc_days_from_civil(y, m, dd), from);
	if (years > 0) /* the day before the same date `years` later: 2026-12-01 → 2031-11-30 */
		day_str(yc_days_from_civil(y + (int)years, m, dd) - 1, until);

	/* the number: <tag>-<dept region>-<year>-<6 digits>, counted per tag, region and year */
	const char *tag = dept_tag(a, &d);
	int64_t seq = 0;
	st = yc_counter_take(db, yc_printf(a, "result.%s.%s.%d", tag, d.region, y), &seq, e);
	if (st != YC_OK) {
		sodium_memzero(sk, sizeof sk);
		return st;
	}
	struct yc_result_row r = {
	    .number = yc_printf(a, "%s-%s-%d-%06lld", tag, d.region, y, (long long)seq),
	    .case_id = c->id,
	    .task_id = t->id,
	    .item_code = t->item_code,
	    .item_name = t->item_name,
	    .dept = d.code,
	    .name = t->item_result && t->item_result[0] ? t->item_result
	            : result_name                       ? result_name
	                                                : yc_printf(a, "%s决定书", t->item_name),
	    .holder_name = c->applicant_name,
	    .holder_id = c->applicant_id_number,
	    .valid_from = from,
	    .valid_until = years > 0 ? until : NULL,
	    .key_id = seal.key_id,
	    .issued_by = who->id,
	    .issued_at = now,
	    .case_number = c->number};
	json_t *f = fields && json_is_object(fields) ? json_deep_copy(fields) : json_object();
	char at[24];
	struct yc_result_facts facts = facts_of(&r, f, at);
	r.payload = yc_result_payload(a, &facts);
	r.fields = yc_app_json_text(a, f);
	json_decref(f);
	if (!r.payload) {
		sodium_memzero(sk, sizeof sk);
		return yc_fail(e, YC_E_INTERNAL, NULL, "办理结果的签名内容无法生成");
	}
	char sig[YC_SEAL_SIG_B64];
	yc_seal_sign(sk, r.payload, sig);
	sodium_memzero(sk, sizeof sk);
	r.signature = yc_strdup(a, sig);
	int64_t id = 0;
	if ((st = yc_result_insert(db, &r, &id, e)) != YC_OK)
		return st;
	json_t *after =
	    json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:o}", "number", r.number, "case",
	              c->number, "task", (json_int_t)t->id, "dept", r.dept, "name", r.name,
	              "key_id", r.key_id, "valid_from", r.valid_from, "valid_until",
	              r.valid_until ? json_string(r.valid_until) : json_null());
	st = yc_app_audit(db, a, who, now, "result.issue", "result", r.number, c->region, NULL,
	                  after, e);
	json_decref(after);
	if (st == YC_OK && number)
		*number = r.number;
	return st;
}

enum yc_status yc_app_results_revoke(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, int64_t now, int64_t case_id,
                                     const char *reason, struct yc_error *e)
{
	struct yc_result_row *rows;
	int64_t n = 0;
	enum yc_status st = yc_result_list_case(db, a, case_id, &rows, &n, e);
	if (!reason || !reason[0])
		reason = "办理结果已被撤销";
	for (int64_t i = 0; st == YC_OK && i < n; i++) {
		if (strcmp(rows[i].state, "current") != 0)
			continue;
		bool changed = false;
		if ((st = yc_result_revoke(db, rows[i].id, reason, now, &changed, e)) != YC_OK ||
		    !changed)
			continue;
		json_t *before = json_pack("{s:s}", "state", "current");
		json_t *after = json_pack("{s:s, s:s}", "state", "revoked", "reason", reason);
		st = yc_app_audit(db, a, who, now, "result.revoke", "result", rows[i].number,
		                  rows[i].case_region, before, after, e);
		json_decref(before);
		json_decref(after);
	}
	return st;
}

struct yc_result_check yc_app_result_check(struct yc_arena *a, const struct yc_result_row *r,
                                           const struct yc_dept_seal *s, const char *sig,
                                           int32_t today)
{
	struct yc_result_check k = {.status = "not_genuine"};
	json_t *fields = r->fields ? json_loads(r->fields, 0, NULL) : NULL;
	if (json_is_object(fields)) {
		char at[24];
		struct yc_result_facts f = facts_of(r, fields, at);
		const char *p = yc_result_payload(a, &f);
		k.payload_ok = p && r->payload && strcmp(p, r->payload) == 0;
	}
	json_decref(fields);
	/* the seal must be the department's own */
	bool seal_ok = s && s->public_key && strcmp(s->dept, r->dept) == 0;
	const char *presented = sig ? sig : r->signature;
	k.signature_valid = k.payload_ok && seal_ok && r->signature &&
	                    yc_seal_verify(s->public_key, r->payload, presented);
	k.genuine = k.signature_valid && (!sig || strcmp(sig, r->signature) == 0);
	if (!k.genuine)
		return k;
	char d[24];
	snprintf(d, sizeof d, "%04d-%02d-%02d", (int)(today / 10000), (int)(today / 100 % 100),
	         (int)(today % 100));
	if (strcmp(r->state, "revoked") == 0)
		k.status = "revoked";
	else if (strcmp(r->state, "current") != 0)
		k.genuine = false; /* a state no writer sets */
	else if (r->valid_until && strcmp(d, r->valid_until) > 0)
		k.status = "expired";
	else
		k.status = "current";
	return k;
}

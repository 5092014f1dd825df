/* validate.c — the form validation engine; see validate.h and docs/forms.md. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "validate.h"

#include "codes.h"
#include "cond.h"
#include "text.h"

#include <pcre2.h>
#include <stdarg.h>
#include <string.h>

/* PCRE2 limits for one match: a hostile pattern or value gives up instead of hanging. */
#define MATCH_LIMIT 100000
#define DEPTH_LIMIT 10000
#define HEAP_LIMIT  2048 /* KiB */

/* ---- patterns ---- */

static void *arena_malloc(PCRE2_SIZE n, void *data)
{
	return yc_alloc(data, n);
}

static void arena_free(void *p, void *data)
{
	(void)p;
	(void)data;
}

const struct pcre2_real_code_8 *yc_pattern_compile(struct yc_arena *a, const char *pattern,
                                                   const char **why)
{
	size_t len = strlen(pattern);
	if (len > YC_PATTERN_MAX) {
		*why = yc_printf(a, "正则表达式不应超过 %d 字节", YC_PATTERN_MAX);
		return NULL;
	}
	/* compiled in the arena: nothing to free, and nothing outlives it */
	pcre2_general_context *g = pcre2_general_context_create(arena_malloc, arena_free, a);
	pcre2_compile_context *cc = pcre2_compile_context_create(g);
	pcre2_set_parens_nest_limit(cc, 32);
	pcre2_set_max_pattern_length(cc, YC_PATTERN_MAX);
	int err;
	PCRE2_SIZE off;
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)pattern, len,
	                  PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_NEVER_BACKSLASH_C,
	                  &err, &off, cc);
	if (!re) {
		PCRE2_UCHAR msg[256];
		if (pcre2_get_error_message(err, msg, sizeof msg) < 0)
			strcpy((char *)msg, "?");
		*why = yc_printf(a, "正则表达式无效（第 %zu 字节）：%s", (size_t)off, (char *)msg);
	}
	return re;
}

/* ---- formats ---- */

static int digits(const char *s, int n)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	return x;
}

bool yc_date_valid(const char *s, size_t len, int32_t *out)
{
	if (!s || len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1000 || m < 1 || m > 12 || d < 1)
		return false;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return false;
	if (out)
		*out = y * 10000 + m * 100 + d;
	return true;
}

static bool alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool yc_email_valid(const char *s, size_t len)
{
	if (!s || len < 3 || len > 254)
		return false;
	const char *at = memchr(s, '@', len);
	if (!at || memchr(at + 1, '@', len - (size_t)(at - s) - 1))
		return false;
	size_t local = (size_t)(at - s), dom = len - local - 1;
	if (local < 1 || local > 64 || dom < 3)
		return false;
	for (size_t i = 0; i < local; i++) {
		char c = s[i];
		if (c == '.') {
			if (i == 0 || i == local - 1 || s[i - 1] == '.')
				return false;
		} else if (!alnum(c) && !strchr("!#$%&'*+/=?^_`{|}~-", c)) {
			return false;
		}
	}
	const char *d = at + 1;
	size_t label = 0, labels = 0, last = 0;
	bool last_alpha = true;
	for (size_t i = 0; i <= dom; i++) {
		if (i == dom || d[i] == '.') {
			if (label == 0 || label > 63 || d[i - 1] == '-' || d[i - label] == '-')
				return false;
			labels++;
			last = label;
			last_alpha = true;
			for (size_t k = i - label; k < i; k++)
				last_alpha &= !(d[k] >= '0' && d[k] <= '9') && d[k] != '-';
			label = 0;
		} else if (alnum(d[i]) || d[i] == '-') {
			label++;
		} else {
			return false;
		}
	}
	return labels >= 2 && last >= 2 && last_alpha;
}

/* ---- the run ---- */

struct run {
	const struct yc_form *f;
	const json_t *values;
	int32_t today;
	struct yc_arena *a;
	struct yc_form_errors *out;
	const json_t **valid; /* per entry: the value when present and valid */
	json_t **views;       /* per item: its own form's valid values (for required_when) */
	pcre2_match_context *mctx;
	pcre2_match_data *md;
};

__attribute__((format(printf, 4, 5))) static void err(struct run *r, const char *field,
                                                      const char *code, const char *fmt, ...)
{
	struct yc_form_errors *o = r->out;
	o->total++;
	if (o->n >= YC_FORM_MAX_ERRORS)
		return;
	if (!o->v)
		o->v = yc_alloc(r->a, sizeof *o->v * (YC_FORM_MAX_ERRORS + 1));
	va_list ap;
	va_start(ap, fmt);
	o->v[o->n++] = (struct yc_form_error){
	    .field = yc_strdup(r->a, field), .code = code, .message = yc_vprintf(r->a, fmt, ap)};
	va_end(ap);
}

/* A key as it may be shown: at most 64 bytes, cut at a character boundary. */
static const char *shown(struct yc_arena *a, const char *key)
{
	size_t n = strlen(key);
	if (n <= 64)
		return key;
	n = 64;
	while (n > 0 && ((unsigned char)key[n] & 0xc0) == 0x80)
		n--;
	return yc_printf(a, "%.*s…", (int)n, key);
}

static bool blank(const json_t *v)
{
	if (!v || json_is_null(v))
		return true;
	if (json_is_array(v))
		return json_array_size(v) == 0;
	if (!json_is_string(v) || json_string_length(v) > YC_FORM_MAX_VALUE)
		return false;
	const char *s = json_string_value(v);
	for (size_t i = 0, n = json_string_length(v); i < n; i++)
		if (!strchr(" \t\r\n", s[i]) || !s[i])
			return false;
	return true;
}

static const char *type_zh(const char *t)
{
	static const struct {
		const char *t, *zh;
	} names[] = {{"text", "文本"},
	             {"number", "数字"},
	             {"date", "日期（YYYY-MM-DD）"},
	             {"enum", "选项值"},
	             {"region", "行政区划代码"},
	             {"id_number", "身份证号码"},
	             {"credit_code", "统一社会信用代码"},
	             {"phone", "电话号码"},
	             {"email", "电子邮箱"},
	             {"address", "地址"},
	             {"file", "文件"},
	             {"bool", "是或否"}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].t, t) == 0)
			return names[i].zh;
	return t;
}

/* Length (code points), control characters and patterns of a free-text string. */
static bool check_text(struct run *r, const struct yc_form_entry *e, const char *path,
                       const char *s, size_t n)
{
	long cps = yc_utf8_len(s, n);
	if (cps < 0) {
		err(r, path, "type", "“%s”不是有效的 UTF-8 文本", e->label);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
			err(r, path, "type", "“%s”含有控制字符", e->label);
			return false;
		}
	}
	bool ok = true;
	if (e->min_length >= 0 && cps < e->min_length) {
		err(r, path, "min_length", "“%s”至少应有 %lld 个字符（现有 %ld 个）", e->label,
		    (long long)e->min_length, cps);
		ok = false;
	}
	if (e->max_length >= 0 && cps > e->max_length) {
		err(r, path, "max_length", "“%s”至多 %lld 个字符（现有 %ld 个）", e->label,
		    (long long)e->max_length, cps);
		return false; /* a pattern is not run on an over-long value */
	}
	for (int k = 0; k < e->npatterns; k++) {
		if (!r->md) {
			r->mctx = pcre2_match_context_create(NULL);
			r->md = pcre2_match_data_create(1, NULL);
			pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
			pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
			pcre2_set_heap_limit(r->mctx, HEAP_LIMIT);
		}
		const struct yc_form_field *src = e->patterned[k];
		int rc = pcre2_match((const pcre2_code *)src->regex, (PCRE2_SPTR)s, n, 0,
		                     PCRE2_NO_UTF_CHECK, r->md, r->mctx);
		if (rc >= 0)
			continue;
		ok = false;
		if (rc == PCRE2_ERROR_NOMATCH)
			err(r, path, "pattern", "“%s”的格式不符合要求%s%s", e->label,
			    src->help ? "：" : "", src->help ? src->help : "");
		else
			err(r, path, "pattern_limit",
			    "“%s”的格式无法在限定步数内校验，请简化填写内容", e->label);
	}
	return ok;
}

static bool check_file(struct run *r, const struct yc_form_entry *e, const char *path,
                       const json_t *v)
{
	const json_t *id = v;
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		json_object_foreach((json_t *)v, k, x)
		{
			bool ok = strcmp(k, "id") == 0 ? json_is_string(x)
			          : strcmp(k, "name") == 0
			              ? json_is_string(x) && json_string_length(x) <= 255
			          : strcmp(k, "mime") == 0
			              ? json_is_string(x) && json_string_length(x) <= 100
			          : strcmp(k, "size") == 0
			              ? json_is_integer(x) && json_integer_value(x) >= 0
			              : false;
			if (!ok) {
				err(r, path, "file", "“%s”的文件引用含无效成员 %s", e->label,
				    shown(r->a, k));
				return false;
			}
		}
		id = json_object_get(v, "id");
	}
	size_t n = json_string_length(id);
	const char *s = json_string_value(id);
	bool ok = json_is_string(id) && n >= 1 && n <= 256;
	for (size_t i = 0; ok && i < n; i++)
		ok = (unsigned char)s[i] > 0x20 && s[i] != 0x7f;
	if (!ok)
		err(r, path, "file", "“%s”应为已上传文件的引用（字符串或含 id 的对象）", e->label);
	return ok;
}

static bool has_option(const struct yc_form_entry *e, const char *s)
{
	for (int k = 0; k < e->noptions; k++)
		if (strcmp(e->options[k].value, s) == 0)
			return true;
	return false;
}

/* One value (an element of a multiple one) of entry e. */
static bool check_one(struct run *r, const struct yc_form_entry *e, const char *path,
                      const json_t *v)
{
	const char *t = e->type;
	if (strcmp(t, "number") == 0) {
		if (!json_is_number(v)) {
			err(r, path, "type", "“%s”应为数字", e->label);
			return false;
		}
		double x = json_number_value(v);
		bool ok = true;
		if (e->has_min && x < e->min) {
			err(r, path, "min", "“%s”不应小于 %g", e->label, e->min);
			ok = false;
		}
		if (e->has_max && x > e->max) {
			err(r, path, "max", "“%s”不应大于 %g", e->label, e->max);
			ok = false;
		}
		return ok;
	}
	if (strcmp(t, "bool") == 0) {
		if (!json_is_boolean(v))
			err(r, path, "type", "“%s”应为 true 或 false", e->label);
		return json_is_boolean(v);
	}
	if (strcmp(t, "file") == 0)
		return check_file(r, e, path, v);
	if (!json_is_string(v)) {
		err(r, path, "type", "“%s”应为%s（字符串）", e->label, type_zh(t));
		return false;
	}
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (n > YC_FORM_MAX_VALUE) { /* refused before it is read */
		err(r, path, "too_long", "“%s”过长（超过 %d 字节）", e->label, YC_FORM_MAX_VALUE);
		return false;
	}
	if (memchr(s, 0, n)) {
		err(r, path, "type", "“%s”含有控制字符", e->label);
		return false;
	}
	if (strcmp(t, "text") == 0 || strcmp(t, "address") == 0)
		return check_text(r, e, path, s, n);
	if (strcmp(t, "email") == 0) {
		if (!yc_email_valid(s, n)) {
			err(r, path, "email", "“%s”不是有效的电子邮箱地址", e->label);
			return false;
		}
		return check_text(r, e, path, s, n);
	}
	if (strcmp(t, "enum") == 0) {
		if (e->options ? !has_option(e, s) : n == 0 || n > 100) {
			err(r, path, "option", "“%s”的取值“%s”不在可选范围内", e->label,
			    shown(r->a, s));
			return false;
		}
		return true;
	}
	if (strcmp(t, "date") == 0) {
		if (!yc_date_valid(s, n, NULL)) {
			err(r, path, "date", "“%s”应为有效日期（YYYY-MM-DD）", e->label);
			return false;
		}
		return true;
	}
	if (strcmp(t, "region") == 0) {
		if (yc_region_level(s, n) == YC_REGION_INVALID) {
			err(r, path, "region", "“%s”不是有效的行政区划代码", e->label);
			return false;
		}
		return true;
	}
	if (strcmp(t, "id_number") == 0) {
		enum yc_code_check c = yc_id_number_check(s, n, r->today);
		if (c != YC_CODE_OK) {
			err(r, path, "id_number", "“%s”无效：%s", e->label, yc_code_reason_zh(c));
			return false;
		}
		return true;
	}
	if (strcmp(t, "credit_code") == 0) {
		enum yc_code_check c = yc_credit_code_check(s, n);
		if (c != YC_CODE_OK) {
			err(r, path, "credit_code", "“%s”无效：%s", e->label, yc_code_reason_zh(c));
			return false;
		}
		return true;
	}
	if (strcmp(t, "phone") == 0) {
		if (!yc_phone_valid(s, n)) {
			err(r, path, "phone", "“%s”不是有效的手机号码或固定电话", e->label);
			return false;
		}
		return true;
	}
	err(r, path, "type", "“%s”的类型 %s 无法校验", e->label, t);
	return false;
}

static void check_entry(struct run *r, int i)
{
	const struct yc_form_entry *e = &r->f->fields[i];
	const json_t *v = json_object_get(r->values, e->key);
	if (blank(v))
		return; /* required and required_when are decided once every value is known */
	if (e->multiple) {
		size_t n = json_array_size(v);
		if (!json_is_array(v)) {
			err(r, e->key, "type", "“%s”应为数组（可多选）", e->label);
			return;
		}
		if (n > YC_FORM_MAX_FILES) {
			err(r, e->key, "too_many", "“%s”至多 %d 项", e->label, YC_FORM_MAX_FILES);
			return;
		}
		bool ok = true;
		for (size_t k = 0; k < n; k++) {
			const json_t *x = json_array_get(v, k);
			const char *path = yc_printf(r->a, "%s[%zu]", e->key, k);
			if (!check_one(r, e, path, x)) {
				ok = false;
				continue;
			}
			for (size_t j = 0; j < k; j++)
				if (json_equal(json_array_get(v, j), (json_t *)x)) {
					err(r, path, "duplicate", "“%s”有重复项", e->label);
					ok = false;
					break;
				}
		}
		if (ok)
			r->valid[i] = v;
		return;
	}
	if (json_is_array(v) || (json_is_object(v) && strcmp(e->type, "file") != 0)) {
		err(r, e->key, "type", "“%s”应为单个%s", e->label, type_zh(e->type));
		return;
	}
	if (check_one(r, e, e->key, v))
		r->valid[i] = v;
}

/* Each item's own form of valid values, for the conditions written on it. */
static void build_views(struct run *r)
{
	const struct yc_form *f = r->f;
	r->views = yc_alloc(r->a, sizeof *r->views * (size_t)(f->nitems + 1));
	for (int i = 0; i < f->nitems; i++)
		r->views[i] = json_object();
	for (int i = 0; i < f->nfields; i++) {
		const struct yc_form_entry *e = &f->fields[i];
		if (!r->valid[i])
			continue;
		for (int s = 0; s < e->nsources; s++) {
			const struct yc_form_field *x = e->sources[s].field;
			json_t *val = x->multiple && !json_is_array(r->valid[i])
			                  ? json_pack("[O]", r->valid[i])
			                  : json_incref((json_t *)r->valid[i]);
			json_object_set_new(r->views[e->sources[s].item], x->key, val);
		}
	}
}

static void check_required(struct run *r, int i)
{
	const struct yc_form_entry *e = &r->f->fields[i];
	if (!blank(json_object_get(r->values, e->key)))
		return;
	if (e->required) {
		err(r, e->key, "required", "请填写“%s”", e->label);
		return;
	}
	if (!e->conditional)
		return;
	if (!r->views)
		build_views(r);
	for (int s = 0; s < e->nsources; s++) {
		const struct yc_form_field *x = e->sources[s].field;
		if (x->required_when &&
		    yc_cond_eval(x->required_when, r->views[e->sources[s].item])) {
			err(r, e->key, "required", "根据所填情况，须填写“%s”", e->label);
			return;
		}
	}
}

static int entry_index(const struct yc_form *f, const char *key)
{
	const struct yc_form_entry *e = yc_form_find(f, key);
	return e ? (int)(e - f->fields) : -1;
}

static void check_rule(struct run *r, const struct yc_form_mrule *x)
{
	int fi = entry_index(r->f, x->field), oi = x->other ? entry_index(r->f, x->other) : -1;
	if (fi < 0 || !r->valid[fi] || (x->other && (oi < 0 || !r->valid[oi])))
		return; /* a missing or invalid value is reported by itself */
	const struct yc_form_entry *fe = &r->f->fields[fi],
	                           *oe = oi >= 0 ? &r->f->fields[oi] : NULL;
	const json_t *fv = r->valid[fi], *ov = oi >= 0 ? r->valid[oi] : NULL;
	const char *m = x->message;
	/* the reader checked the types on each item; a merge conflict may have changed them */
	bool dates = strcmp(fe->type, "date") == 0, id = strcmp(fe->type, "id_number") == 0;
	if ((strcmp(x->kind, "not_before") == 0 && (!dates || strcmp(oe->type, "date") != 0)) ||
	    (strcmp(x->kind, "adult") == 0 && !id) ||
	    (strcmp(x->kind, "birth_date_of") == 0 &&
	     (!dates || strcmp(oe->type, "id_number") != 0)))
		return;
	if (strcmp(x->kind, "not_before") == 0) {
		if (strcmp(json_string_value(fv), json_string_value(ov)) < 0)
			err(r, fe->key, "not_before", "%s",
			    m ? m : yc_printf(r->a, "“%s”不应早于“%s”", fe->label, oe->label));
	} else if (strcmp(x->kind, "adult") == 0) {
		int32_t birth = yc_id_number_birth(json_string_value(fv));
		if (birth + 180000 > r->today)
			err(r, fe->key, "adult", "%s",
			    m ? m
			      : yc_printf(r->a, "“%s”应为年满 18 周岁的成年人的身份证号码",
			                  fe->label));
	} else if (strcmp(x->kind, "matches") == 0) {
		if (!json_equal((json_t *)fv, (json_t *)ov))
			err(r, fe->key, "matches", "%s",
			    m ? m : yc_printf(r->a, "“%s”应与“%s”一致", fe->label, oe->label));
	} else if (strcmp(x->kind, "birth_date_of") == 0) {
		int32_t d = 0;
		yc_date_valid(json_string_value(fv), json_string_length(fv), &d);
		if (d != yc_id_number_birth(json_string_value(ov)))
			err(r, fe->key, "birth_date_of", "%s",
			    m ? m
			      : yc_printf(r->a, "“%s”与“%s”中的出生日期不一致", fe->label,
			                  oe->label));
	}
}

bool yc_form_validate(const struct yc_form *f, const json_t *values, int32_t today,
                      struct yc_arena *a, struct yc_form_errors *out)
{
	*out = (struct yc_form_errors){.a = a};
	struct run r = {.f = f, .values = values, .today = today, .a = a, .out = out};
	if (!json_is_object(values)) {
		err(&r, "", "not_object", "表单内容应为 JSON 对象（字段键 → 值）");
		return false;
	}
	r.valid = yc_alloc(a, sizeof *r.valid * (size_t)(f->nfields + 1));
	for (int i = 0; i < f->nfields; i++)
		check_entry(&r, i);
	for (int i = 0; i < f->nfields; i++)
		check_required(&r, i);
	for (int i = 0; i < f->nrules; i++)
		check_rule(&r, &f->rules[i]);
	const char *k;
	size_t klen;
	json_t *v;
	json_object_keylen_foreach((json_t *)values, k, klen, v)
	{
		if (strlen(k) != klen || !yc_form_find(f, k)) {
			const char *name = strlen(k) == klen
			                       ? shown(a, k)
			                       : yc_printf(a, "%s\\u0000…", shown(a, k));
			err(&r, name, "unknown_field", "表单中没有字段“%s”", name);
		}
	}
	for (int i = 0; r.views && i < f->nitems; i++)
		json_decref(r.views[i]);
	pcre2_match_data_free(r.md);
	pcre2_match_context_free(r.mctx);
	if (out->total > out->n) {
		int more = out->total - out->n;
		out->v[out->n++] = (struct yc_form_error){
		    .field = "", .code = "more", .message = yc_printf(a, "还有 %d 项错误", more)};
	}
	return out->total == 0;
}

json_t *yc_form_errors_json(const struct yc_form_errors *e)
{
	json_t *a = json_array();
	for (int i = 0; i < e->n; i++)
		json_array_append_new(a,
		                      json_pack("{s:s, s:s, s:s}", "field", e->v[i].field, "code",
		                                e->v[i].code, "message", e->v[i].message));
	return a;
}

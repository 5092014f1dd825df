/* catalog.c — catalog codes, documents and publish checks; see catalog.h. */
#include "catalog.h"

#include "codes.h"
#include "cond.h"
#include "text.h"
#include "validate.h" /* yc_pattern_compile, YC_FORM_MAX_VALUE */

#include <stdio.h>
#include <string.h>

static const struct {
	const char *code, *name;
} item_types[] = {
    {"00", "行政权力事项"}, {"01", "行政许可"}, {"02", "行政处罚"},     {"03", "行政强制"},
    {"04", "行政征收"},     {"05", "行政给付"}, {"06", "行政检查"},     {"07", "行政确认"},
    {"08", "行政奖励"},     {"09", "行政裁决"}, {"10", "其他行政权力"}, {"20", "公共服务"},
};

const char *yc_item_type_name(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < sizeof item_types / sizeof item_types[0]; i++)
		if (strcmp(item_types[i].code, code) == 0)
			return item_types[i].name;
	return NULL;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

const char *yc_code_parse(const char *s, bool matter, struct yc_code_parts *out)
{
	memset(out, 0, sizeof *out);
	if (!s || strlen(s) != 24)
		return "实施编码应为 24 位：基本编码 10 位 + 行政区划 12 位 + 实施主体序号 2 位";
	memcpy(out->type, s, 2);
	memcpy(out->main, s + 2, 5);
	memcpy(out->sub, s + 7, 3);
	memcpy(out->basic, s, 10);
	memcpy(out->region12, s + 10, 12);
	memcpy(out->body, s + 22, 2);
	if (matter) {
		if (strcmp(out->type, "TC") != 0)
			return "一件事的事项类型代码应为 TC";
	} else if (!all_digits(out->type, 2) || !yc_item_type_name(out->type)) {
		return "事项类型代码无效（GB/T 39046 附录 A.1）";
	}
	if (!all_digits(out->main, 5) || strcmp(out->main, "00000") == 0)
		return "主项编码应为 00001 至 99999";
	if (!all_digits(out->sub, 3))
		return "子项编码应为 3 位数字";
	if (!all_digits(out->region12, 12) ||
	    yc_region_level(out->region12, 12) == YC_REGION_INVALID)
		return "实施编码中的行政区划部分无效";
	if (!all_digits(out->body, 2) || strcmp(out->body, "00") == 0)
		return "实施主体序号应为 01 至 99";
	/* 430104000000 → 430104; 430104001000 → 430104001000 (a town keeps 12 digits) */
	if (memcmp(out->region12 + 6, "000000", 6) == 0)
		memcpy(out->region, out->region12, 6);
	else
		memcpy(out->region, out->region12, 12);
	return NULL;
}

bool yc_matter_code_make(int64_t seq, int sub, const char *region, int body, char out[25])
{
	size_t rl = region ? strlen(region) : 0;
	if (seq < 1 || seq > 99999 || sub < 0 || sub > 999 || body < 1 || body > 99 ||
	    (rl != 6 && rl != 12) || !all_digits(region, rl))
		return false;
	snprintf(out, 25, "TC%05lld%03d%s%s%02d", (long long)seq, sub, region,
	         rl == 6 ? "000000" : "", body);
	return true;
}

/* ---- problems ---- */

void yc_problems_init(struct yc_problems *p, struct yc_arena *a)
{
	memset(p, 0, sizeof *p);
	p->a = a;
}

void yc_problem_add(struct yc_problems *p, const char *field, const char *fmt, ...)
{
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 16;
		struct yc_problem *v = yc_alloc(p->a, sizeof *v * (size_t)cap);
		if (p->n)
			memcpy(v, p->v, sizeof *v * (size_t)p->n);
		p->v = v;
		p->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	p->v[p->n].message = yc_vprintf(p->a, fmt, ap);
	va_end(ap);
	p->v[p->n].field = yc_strdup(p->a, field);
	p->n++;
}

/* ---- reading documents ---- */

struct reader {
	const json_t *obj;
	const char *prefix;
	struct yc_problems *p;
	struct yc_arena *a;
	int before;
};

static const char *path(struct reader *r, const char *key)
{
	return r->prefix && r->prefix[0] ? yc_printf(r->a, "%s.%s", r->prefix, key) : key;
}

/* A string field: required or not, with a length limit in characters. */
static const char *str(struct reader *r, const char *key, bool required, long max)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			yc_problem_add(r->p, path(r, key), "缺少必填字段");
		return NULL;
	}
	if (!json_is_string(v)) {
		yc_problem_add(r->p, path(r, key), "应为字符串");
		return NULL;
	}
	const char *s = json_string_value(v);
	struct yc_error e;
	if (yc_text_check(s, json_string_length(v), required ? 1 : 0, max, true, key, &e) !=
	    YC_OK) {
		yc_problem_add(r->p, path(r, key), "%s", e.message);
		return NULL;
	}
	return s;
}

static int64_t num(struct reader *r, const char *key, bool required, int64_t lo, int64_t hi,
                   int64_t dflt)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			yc_problem_add(r->p, path(r, key), "缺少必填字段");
		return dflt;
	}
	if (!json_is_integer(v)) {
		yc_problem_add(r->p, path(r, key), "应为整数");
		return dflt;
	}
	int64_t x = json_integer_value(v);
	if (x < lo || x > hi) {
		yc_problem_add(r->p, path(r, key), "应在 %lld 至 %lld 之间", (long long)lo,
		               (long long)hi);
		return dflt;
	}
	return x;
}

static bool boolean(struct reader *r, const char *key, bool dflt)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_boolean(v)) {
		yc_problem_add(r->p, path(r, key), "应为 true 或 false");
		return dflt;
	}
	return json_is_true(v);
}

static const char *oneof(struct reader *r, const char *key, bool required,
                         const char *const *allowed)
{
	const char *s = str(r, key, required, 40);
	if (!s)
		return NULL;
	for (const char *const *a = allowed; *a; a++)
		if (strcmp(*a, s) == 0)
			return s;
	char *list = yc_strdup(r->a, "");
	for (const char *const *a = allowed; *a; a++)
		list = yc_printf(r->a, "%s%s%s", list, list[0] ? "、" : "", *a);
	yc_problem_add(r->p, path(r, key), "取值应为 %s 之一", list);
	return NULL;
}

/* An array of allowed strings into out (at most max, no repeats). */
static int strset(struct reader *r, const char *key, const char *const *allowed, const char **out,
                  int max)
{
	json_t *v = json_object_get(r->obj, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v)) {
		yc_problem_add(r->p, path(r, key), "应为数组");
		return 0;
	}
	int n = 0;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		const char *s = json_is_string(x) ? json_string_value(x) : NULL;
		const char *hit = NULL;
		for (const char *const *a = allowed; s && *a; a++)
			if (strcmp(*a, s) == 0)
				hit = *a;
		if (!hit) {
			yc_problem_add(r->p, yc_printf(r->a, "%s[%zu]", path(r, key), i),
			               "不认识的取值");
			continue;
		}
		bool dup = false;
		for (int k = 0; k < n; k++)
			dup |= out[k] == hit;
		if (dup) {
			yc_problem_add(r->p, yc_printf(r->a, "%s[%zu]", path(r, key), i), "重复");
			continue;
		}
		if (n < max)
			out[n++] = hit;
	}
	return n;
}

static const char *const channels[] = {"window", "online", "mobile", "post", NULL};
static const char *const kinds[] = {"immediate", "promised", NULL};
static const char *const sources[] = {"applicant", "government", "shared", NULL};
static const char *const forms[] = {"original", "copy", "both", NULL};
static const char *const formats[] = {"pdf", "jpg", "png", "ofd", NULL};
static const char *const audiences[] = {"person", "company", NULL};
const char *const yc_field_types[] = {"text",      "number",      "date",  "enum",  "region",
                                      "id_number", "credit_code", "phone", "email", "address",
                                      "file",      "bool",        NULL};

bool yc_key_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

static void read_material_at(const char *prefix, struct yc_problems *p, struct yc_arena *a,
                             const json_t *m, struct yc_material *out)
{
	struct reader r = {.obj = m, .prefix = prefix, .p = p, .a = a};
	memset(out, 0, sizeof *out);
	if (!json_is_object(m)) {
		yc_problem_add(r.p, r.prefix, "应为对象");
		return;
	}
	out->key = str(&r, "key", true, 64);
	if (out->key && !yc_key_ok(out->key))
		yc_problem_add(r.p, path(&r, "key"), "只能由小写字母、数字和下划线组成");
	out->name = str(&r, "name", true, 100);
	const char *src = oneof(&r, "source", true, sources);
	out->source = !src                             ? YC_SRC_APPLICANT
	              : strcmp(src, "shared") == 0     ? YC_SRC_SHARED
	              : strcmp(src, "government") == 0 ? YC_SRC_GOVERNMENT
	                                               : YC_SRC_APPLICANT;
	out->core = boolean(&r, "core", true);
	out->commitment = boolean(&r, "commitment", false);
	out->form = oneof(&r, "form", false, forms);
	if (!out->form)
		out->form = "original";
	out->copies = num(&r, "copies", false, 0, 99, 1);
	out->nformats = strset(&r, "formats", formats, out->formats, 4);
	out->sample = str(&r, "sample", false, 2000);
	out->note = str(&r, "note", false, 2000);
}

static void read_material(struct reader *parent, const json_t *m, size_t i, struct yc_material *out)
{
	read_material_at(yc_printf(parent->a, "%s[%zu]", path(parent, "materials"), i), parent->p,
	                 parent->a, m, out);
}

bool yc_material_from_json(const json_t *m, const char *prefix, struct yc_arena *a,
                           struct yc_material *out, struct yc_problems *p)
{
	int before = p->n;
	read_material_at(prefix, p, a, m, out);
	return p->n == before;
}

static void unknown_keys(struct reader *r, const char *const *known);

static bool type_in(const char *type, const char *const *set)
{
	for (const char *const *t = set; type && *t; t++)
		if (strcmp(*t, type) == 0)
			return true;
	return false;
}

/* A number (integer or real) that may be absent. */
static double real(struct reader *r, const char *key, bool *has)
{
	json_t *v = json_object_get(r->obj, key);
	*has = false;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v)) {
		yc_problem_add(r->p, path(r, key), "应为数字");
		return 0;
	}
	*has = true;
	return json_number_value(v);
}

#define MAX_OPTIONS 500

static void read_options(struct reader *r, struct yc_form_field *out)
{
	static const char *const option_keys[] = {"value", "label", NULL};
	json_t *v = json_object_get(r->obj, "options");
	if (!v || json_is_null(v))
		return;
	size_t n = json_array_size(v);
	if (!json_is_array(v) || n == 0 || n > MAX_OPTIONS) {
		yc_problem_add(r->p, path(r, "options"), "应为 1 至 %d 个选项的数组", MAX_OPTIONS);
		return;
	}
	out->options = yc_alloc(r->a, sizeof *out->options * n);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(v, i);
		struct reader ro = {.obj = o,
		                    .prefix = yc_printf(r->a, "%s[%zu]", path(r, "options"), i),
		                    .p = r->p,
		                    .a = r->a};
		if (!json_is_object(o)) {
			yc_problem_add(r->p, ro.prefix, "应为对象 {\"value\", \"label\"}");
			continue;
		}
		unknown_keys(&ro, option_keys);
		const char *value = str(&ro, "value", true, 100);
		const char *label = str(&ro, "label", true, 100);
		if (!value || !label)
			continue;
		bool dup = false;
		for (int k = 0; k < out->noptions && !dup; k++)
			dup = strcmp(out->options[k].value, value) == 0;
		if (dup) {
			yc_problem_add(r->p, path(&ro, "value"), "选项值重复");
			continue;
		}
		out->options[out->noptions++] = (struct yc_form_option){value, label};
	}
}

static const char *const field_keys[] = {
    "key", "label", "type",    "element", "required", "required_when", "min_length", "max_length",
    "min", "max",   "pattern", "options", "section",  "help",          "multiple",   NULL};
static const char *const text_types[] = {"text", "address", "email", NULL};
static const char *const multiple_types[] = {"file", "enum", NULL};

static void read_field(struct reader *parent, const json_t *f, size_t i, struct yc_form_field *out)
{
	struct reader r = {.obj = f,
	                   .prefix = yc_printf(parent->a, "%s[%zu]", path(parent, "fields"), i),
	                   .p = parent->p,
	                   .a = parent->a};
	memset(out, 0, sizeof *out);
	out->min_length = out->max_length = -1;
	if (!json_is_object(f)) {
		yc_problem_add(r.p, r.prefix, "应为对象");
		return;
	}
	out->key = str(&r, "key", true, 64);
	if (out->key && !yc_key_ok(out->key))
		yc_problem_add(r.p, path(&r, "key"), "只能由小写字母、数字和下划线组成");
	out->label = str(&r, "label", true, 100);
	out->type = oneof(&r, "type", true, yc_field_types);
	out->element = str(&r, "element", false, 64);

	/* constraints (docs/forms.md) */
	unknown_keys(&r, field_keys);
	const char *t = out->type;
	out->required = boolean(&r, "required", false);
	json_t *rw = json_object_get(f, "required_when");
	if (rw && !json_is_null(rw)) {
		out->required_when = rw; /* checked against the whole form by check_form */
		if (out->required)
			yc_problem_add(r.p, path(&r, "required_when"),
			               "已设为必填（required），不应再设必填条件");
	}
	out->min_length = num(&r, "min_length", false, 0, YC_FORM_MAX_VALUE, -1);
	out->max_length = num(&r, "max_length", false, 1, YC_FORM_MAX_VALUE, -1);
	out->min = real(&r, "min", &out->has_min);
	out->max = real(&r, "max", &out->has_max);
	out->pattern = str(&r, "pattern", false, YC_PATTERN_MAX);
	if (out->pattern && !out->pattern[0]) {
		yc_problem_add(r.p, path(&r, "pattern"), "不应为空");
		out->pattern = NULL;
	} else if (out->pattern) {
		const char *why = NULL;
		out->regex = yc_pattern_compile(r.a, out->pattern, &why);
		if (!out->regex)
			yc_problem_add(r.p, path(&r, "pattern"), "%s", why);
	}
	read_options(&r, out);
	out->section = str(&r, "section", false, 40);
	out->help = str(&r, "help", false, 500);
	out->multiple = boolean(&r, "multiple", false);
	if (!t)
		return;
	if ((out->min_length >= 0 || out->max_length >= 0 || out->pattern) &&
	    !type_in(t, text_types))
		yc_problem_add(
		    r.p, path(&r, out->pattern ? "pattern" : "min_length"),
		    "只有文本（text）、地址（address）和电子邮箱（email）字段可设长度和格式");
	if (out->min_length >= 0 && out->max_length >= 0 && out->min_length > out->max_length)
		yc_problem_add(r.p, path(&r, "min_length"), "最小长度 %lld 大于最大长度 %lld",
		               (long long)out->min_length, (long long)out->max_length);
	if ((out->has_min || out->has_max) && strcmp(t, "number") != 0)
		yc_problem_add(r.p, path(&r, out->has_min ? "min" : "max"),
		               "只有数字（number）字段可设取值范围");
	if (out->has_min && out->has_max && out->min > out->max)
		yc_problem_add(r.p, path(&r, "min"), "最小值 %g 大于最大值 %g", out->min, out->max);
	if (out->options && strcmp(t, "enum") != 0)
		yc_problem_add(r.p, path(&r, "options"), "只有选项（enum）字段可设选项");
	if (out->multiple && !type_in(t, multiple_types))
		yc_problem_add(r.p, path(&r, "multiple"),
		               "只有文件（file）和选项（enum）字段可多选");
}

/* ---- the whole item form: required_when conditions and form_rules ---- */

struct form_ctx {
	const struct yc_item *it;
	struct yc_cond_ref *refs; /* refs[i] for it->fields[i] */
	const char *self;         /* the field whose condition is being checked */
	const char *path;
	struct yc_problems *p;
};

static const struct yc_cond_ref *form_resolve(void *ctx, const char *id)
{
	struct form_ctx *c = ctx;
	for (int i = 0; i < c->it->nfields; i++)
		if (c->refs[i].id && strcmp(c->refs[i].id, id) == 0)
			return &c->refs[i];
	return NULL;
}

static void form_dep(void *ctx, const char *id)
{
	struct form_ctx *c = ctx;
	if (c->self && strcmp(c->self, id) == 0)
		yc_problem_add(c->p, c->path, "必填条件不能引用字段本身");
}

static const struct yc_form_field *field_named(const struct yc_item *it, const char *key)
{
	for (int i = 0; key && i < it->nfields; i++)
		if (it->fields[i].key && strcmp(it->fields[i].key, key) == 0)
			return &it->fields[i];
	return NULL;
}

static void read_rule(struct reader *parent, const struct yc_item *it, const json_t *x, size_t i,
                      struct yc_form_rule *out)
{
	static const char *const rule_keys[] = {"kind", "field", "other", "message", NULL};
	static const char *const rule_kinds[] = {"not_before", "adult", "matches", "birth_date_of",
	                                         NULL};
	struct reader r = {.obj = x,
	                   .prefix = yc_printf(parent->a, "%s[%zu]", path(parent, "form_rules"), i),
	                   .p = parent->p,
	                   .a = parent->a};
	memset(out, 0, sizeof *out);
	if (!json_is_object(x)) {
		yc_problem_add(r.p, r.prefix, "应为对象");
		return;
	}
	unknown_keys(&r, rule_keys);
	out->kind = oneof(&r, "kind", true, rule_kinds);
	out->field = str(&r, "field", true, 64);
	out->other = str(&r, "other", false, 64);
	out->message = str(&r, "message", false, 200);
	if (!out->kind)
		return;
	bool two = strcmp(out->kind, "adult") != 0;
	const struct yc_form_field *f = field_named(it, out->field);
	const struct yc_form_field *o = field_named(it, out->other);
	if (out->field && !f)
		yc_problem_add(r.p, path(&r, "field"), "表单中没有字段 %s", out->field);
	if (two && !out->other)
		yc_problem_add(r.p, path(&r, "other"), "缺少必填字段");
	else if (!two && out->other)
		yc_problem_add(r.p, path(&r, "other"), "adult 规则只涉及一个字段");
	else if (out->other && !o)
		yc_problem_add(r.p, path(&r, "other"), "表单中没有字段 %s", out->other);
	else if (two && f == o && f)
		yc_problem_add(r.p, path(&r, "other"), "应为另一个字段");
	if (!f || !f->type || (two && (!o || !o->type)))
		return;
	const char *need_f = NULL, *need_o = NULL;
	if (strcmp(out->kind, "not_before") == 0)
		need_f = need_o = "date";
	else if (strcmp(out->kind, "adult") == 0)
		need_f = "id_number";
	else if (strcmp(out->kind, "birth_date_of") == 0)
		need_f = "date", need_o = "id_number";
	else if (strcmp(f->type, o->type) != 0)
		yc_problem_add(r.p, path(&r, "other"), "matches 规则的两个字段类型应相同");
	if (need_f && strcmp(f->type, need_f) != 0)
		yc_problem_add(r.p, path(&r, "field"), "%s 规则要求 %s 类型的字段", out->kind,
		               need_f);
	if (need_o && strcmp(o->type, need_o) != 0)
		yc_problem_add(r.p, path(&r, "other"), "%s 规则要求 %s 类型的字段", out->kind,
		               need_o);
}

#define MAX_RULES 100

/* After every field is read: the required_when conditions refer to fields of the same form, and
 * the form_rules name them. */
bool yc_fields_from_json(const json_t *fields, const char *prefix, struct yc_arena *a,
                         struct yc_form_field **out, int *n, struct yc_problems *p)
{
	int before = p->n;
	struct reader r = {.prefix = prefix, .p = p, .a = a};
	size_t k = json_array_size(fields);
	*out = yc_alloc(a, sizeof **out * (k + 1));
	*n = (int)k;
	for (size_t i = 0; i < k; i++)
		read_field(&r, json_array_get(fields, i), i, &(*out)[i]);
	return p->n == before;
}

static void check_form(struct reader *r, const json_t *doc, struct yc_item *out)
{
	struct form_ctx c = {.it = out, .p = r->p};
	c.refs = yc_alloc(r->a, sizeof *c.refs * (size_t)(out->nfields + 1));
	for (int i = 0; i < out->nfields; i++) {
		const struct yc_form_field *f = &out->fields[i];
		struct yc_cond_ref *ref = &c.refs[i];
		ref->id = f->key;
		const char *t = f->type ? f->type : "text";
		ref->type = strcmp(t, "number") == 0   ? YC_CT_NUMBER
		            : strcmp(t, "date") == 0   ? YC_CT_DATE
		            : strcmp(t, "region") == 0 ? YC_CT_REGION
		            : strcmp(t, "bool") == 0   ? YC_CT_BOOL
		                                       : YC_CT_TEXT;
		if (strcmp(t, "enum") == 0 && f->options) {
			ref->type = f->multiple ? YC_CT_MULTI : YC_CT_CHOICE;
			const char **opts =
			    yc_alloc(r->a, sizeof *opts * (size_t)(f->noptions + 1));
			for (int k = 0; k < f->noptions; k++)
				opts[k] = f->options[k].value;
			ref->options = opts;
		}
	}
	for (int i = 0; i < out->nfields; i++) {
		const struct yc_form_field *f = &out->fields[i];
		if (!f->required_when)
			continue;
		c.self = f->key;
		c.path = yc_printf(r->a, "%s[%d].required_when", path(r, "fields"), i);
		yc_cond_check(f->required_when, c.path, form_resolve, &c, form_dep, r->p);
	}
	json_t *rs = json_object_get(doc, "form_rules");
	if (!rs || json_is_null(rs))
		return;
	if (!json_is_array(rs) || json_array_size(rs) > MAX_RULES) {
		yc_problem_add(r->p, path(r, "form_rules"), "应为至多 %d 条规则的数组", MAX_RULES);
		return;
	}
	out->nrules = (int)json_array_size(rs);
	out->rules = yc_alloc(r->a, sizeof *out->rules * (size_t)(out->nrules + 1));
	for (int i = 0; i < out->nrules; i++)
		read_rule(r, out, json_array_get(rs, (size_t)i), (size_t)i, &out->rules[i]);
}

static const char *const item_keys[] = {
    "code",       "name",           "type",          "dept",       "region",      "basis",
    "conditions", "statutory_days", "promised_days", "kind",       "fees",        "channels",
    "result",     "fields",         "materials",     "form_rules", "valid_years", NULL};
static const char *const matter_keys[] = {
    "code",  "name",          "audience",        "theme",        "region",      "lead_dept",
    "items", "promised_days", "channels",        "cross_region", "description", "place",
    "hours", "phone",         "complaint_phone", "interview",    NULL};

static void unknown_keys(struct reader *r, const char *const *known)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)r->obj, k, v)
	{
		bool ok = false;
		for (const char *const *x = known; *x && !ok; x++)
			ok = strcmp(*x, k) == 0;
		if (!ok)
			yc_problem_add(r->p, path(r, k), "不认识的字段");
	}
}

bool yc_item_from_json(const json_t *doc, const char *prefix, struct yc_arena *a,
                       struct yc_item *out, struct yc_problems *p)
{
	int before = p->n;
	memset(out, 0, sizeof *out);
	struct reader r = {.obj = doc, .prefix = prefix, .p = p, .a = a};
	if (!json_is_object(doc)) {
		yc_problem_add(p, prefix && prefix[0] ? prefix : "item", "事项应为 JSON 对象");
		return false;
	}
	unknown_keys(&r, item_keys);
	out->code = str(&r, "code", true, 24);
	if (out->code) {
		const char *why = yc_code_parse(out->code, false, &out->parts);
		if (why)
			yc_problem_add(p, path(&r, "code"), "%s", why);
	}
	out->name = str(&r, "name", true, 200);
	out->type = str(&r, "type", true, 2);
	if (out->type && !yc_item_type_name(out->type))
		yc_problem_add(p, path(&r, "type"), "事项类型代码无效（GB/T 39046 附录 A.1）");
	if (out->type && out->code && out->parts.type[0] && strcmp(out->type, out->parts.type) != 0)
		yc_problem_add(p, path(&r, "type"), "事项类型与实施编码中的类型代码 %s 不一致",
		               out->parts.type);
	out->dept = str(&r, "dept", true, 18);
	if (out->dept && yc_credit_code_check(out->dept, strlen(out->dept)) != YC_CODE_OK)
		yc_problem_add(p, path(&r, "dept"), "部门统一社会信用代码无效");
	out->region = str(&r, "region", true, 12);
	if (out->region && yc_region_level(out->region, strlen(out->region)) == YC_REGION_INVALID)
		yc_problem_add(p, path(&r, "region"), "行政区划代码无效");
	else if (out->region && out->parts.region[0] && strcmp(out->region, out->parts.region) != 0)
		yc_problem_add(p, path(&r, "region"), "行政区划与实施编码中的区划 %s 不一致",
		               out->parts.region);
	out->basis = str(&r, "basis", true, 4000);
	out->conditions = str(&r, "conditions", false, 4000);
	out->statutory_days = num(&r, "statutory_days", true, 0, 365, 0);
	out->promised_days = num(&r, "promised_days", true, 0, 365, 0);
	if (out->promised_days > out->statutory_days)
		yc_problem_add(p, path(&r, "promised_days"),
		               "承诺时限（%lld 个工作日）超过法定时限（%lld 个工作日）",
		               (long long)out->promised_days, (long long)out->statutory_days);
	out->kind = oneof(&r, "kind", true, kinds);
	if (out->kind && strcmp(out->kind, "immediate") == 0 && out->promised_days != 0)
		yc_problem_add(p, path(&r, "promised_days"), "即办件的承诺时限应为 0（当场办结）");
	if (out->kind && strcmp(out->kind, "promised") == 0 && out->promised_days == 0)
		yc_problem_add(p, path(&r, "promised_days"), "承诺件须有承诺办结时限");
	out->fees = str(&r, "fees", false, 2000);
	out->nchannels = strset(&r, "channels", channels, out->channels, 6);
	out->result = str(&r, "result", false, 200);
	out->result_valid_years = num(&r, "valid_years", false, 0, 100, -1);
	json_t *fs = json_object_get(doc, "fields");
	if (fs && !json_is_array(fs)) {
		yc_problem_add(p, path(&r, "fields"), "应为数组");
	} else if (fs) {
		out->nfields = (int)json_array_size(fs);
		out->fields = yc_alloc(a, sizeof *out->fields * (size_t)(out->nfields + 1));
		for (int i = 0; i < out->nfields; i++)
			read_field(&r, json_array_get(fs, (size_t)i), (size_t)i, &out->fields[i]);
		for (int i = 0; i < out->nfields; i++)
			for (int k = 0; k < i; k++)
				if (out->fields[i].key && out->fields[k].key &&
				    strcmp(out->fields[i].key, out->fields[k].key) == 0)
					yc_problem_add(
					    p, yc_printf(a, "%s[%d].key", path(&r, "fields"), i),
					    "字段键重复");
	}
	check_form(&r, doc, out);
	json_t *ms = json_object_get(doc, "materials");
	if (ms && !json_is_array(ms)) {
		yc_problem_add(p, path(&r, "materials"), "应为数组");
	} else if (ms) {
		out->nmaterials = (int)json_array_size(ms);
		out->materials =
		    yc_alloc(a, sizeof *out->materials * (size_t)(out->nmaterials + 1));
		for (int i = 0; i < out->nmaterials; i++)
			read_material(&r, json_array_get(ms, (size_t)i), (size_t)i,
			              &out->materials[i]);
		for (int i = 0; i < out->nmaterials; i++)
			for (int k = 0; k < i; k++)
				if (out->materials[i].key && out->materials[k].key &&
				    strcmp(out->materials[i].key, out->materials[k].key) == 0)
					yc_problem_add(
					    p, yc_printf(a, "%s[%d].key", path(&r, "materials"), i),
					    "材料键重复");
	}
	return p->n == before;
}

static const char *const person_themes[] = {
    "生育收养", "户籍办理", "教育",   "就业创业", "社会保障", "医疗卫生", "住房",
    "婚姻登记", "退休养老", "身后事", "交通出行", "其他",     NULL};
static const char *const company_themes[] = {"设立变更", "准营准办", "投资建设", "税费办理",
                                             "人力资源", "注销退出", "其他",     NULL};

bool yc_theme_valid(const char *audience, const char *theme)
{
	if (!audience || !theme)
		return false;
	const char *const *t = strcmp(audience, "company") == 0  ? company_themes
	                       : strcmp(audience, "person") == 0 ? person_themes
	                                                         : NULL;
	for (; t && *t; t++)
		if (strcmp(*t, theme) == 0)
			return true;
	return false;
}

bool yc_matter_from_json(const json_t *doc, const char *prefix, bool code_required,
                         struct yc_arena *a, struct yc_matter *out, struct yc_problems *p)
{
	int before = p->n;
	memset(out, 0, sizeof *out);
	struct reader r = {.obj = doc, .prefix = prefix, .p = p, .a = a};
	if (!json_is_object(doc)) {
		yc_problem_add(p, prefix && prefix[0] ? prefix : "matter", "一件事应为 JSON 对象");
		return false;
	}
	unknown_keys(&r, matter_keys);
	out->code = str(&r, "code", code_required, 24);
	if (out->code) {
		const char *why = yc_code_parse(out->code, true, &out->parts);
		if (why)
			yc_problem_add(p, path(&r, "code"), "%s", why);
	}
	out->name = str(&r, "name", true, 100);
	out->audience = oneof(&r, "audience", true, audiences);
	out->theme = str(&r, "theme", true, 20);
	if (out->audience && out->theme && !yc_theme_valid(out->audience, out->theme))
		yc_problem_add(p, path(&r, "theme"), "主题“%s”不在%s主题清单中", out->theme,
		               strcmp(out->audience, "person") == 0 ? "个人" : "法人");
	out->region = str(&r, "region", true, 12);
	if (out->region && yc_region_level(out->region, strlen(out->region)) == YC_REGION_INVALID)
		yc_problem_add(p, path(&r, "region"), "行政区划代码无效");
	else if (out->region && out->parts.region[0] && strcmp(out->region, out->parts.region) != 0)
		yc_problem_add(p, path(&r, "region"), "行政区划与编码中的区划 %s 不一致",
		               out->parts.region);
	out->lead_dept = str(&r, "lead_dept", false, 18);
	if (out->lead_dept &&
	    yc_credit_code_check(out->lead_dept, strlen(out->lead_dept)) != YC_CODE_OK)
		yc_problem_add(p, path(&r, "lead_dept"), "牵头部门统一社会信用代码无效");
	out->promised_days = num(&r, "promised_days", false, 0, 365, 0);
	out->nchannels = strset(&r, "channels", channels, out->channels, 6);
	out->cross_region = boolean(&r, "cross_region", false);
	out->description = str(&r, "description", false, 4000);
	out->place = str(&r, "place", false, 200);
	out->hours = str(&r, "hours", false, 200);
	out->phone = str(&r, "phone", false, 40);
	out->complaint_phone = str(&r, "complaint_phone", false, 40);
	/* the interview (docs/interview.md) is checked with the items by the publish check */
	out->interview = json_object_get(doc, "interview");
	if (json_is_null(out->interview))
		out->interview = NULL;
	if (out->interview && !json_is_object(out->interview)) {
		yc_problem_add(p, path(&r, "interview"), "应为对象（问题、情形规则）");
		out->interview = NULL;
	}
	json_t *items = json_object_get(doc, "items");
	if (items && !json_is_array(items)) {
		yc_problem_add(p, path(&r, "items"), "应为实施编码的数组");
	} else if (items) {
		out->nitems = (int)json_array_size(items);
		out->items = yc_alloc(a, sizeof *out->items * (size_t)(out->nitems + 1));
		for (int i = 0; i < out->nitems; i++) {
			json_t *x = json_array_get(items, (size_t)i);
			const char *f = yc_printf(a, "%s[%d]", path(&r, "items"), i);
			struct yc_code_parts parts;
			if (!json_is_string(x)) {
				yc_problem_add(p, f, "应为事项实施编码");
				continue;
			}
			const char *why = yc_code_parse(json_string_value(x), false, &parts);
			if (why) {
				yc_problem_add(p, f, "%s", why);
				continue;
			}
			out->items[i] = json_string_value(x);
			for (int k = 0; k < i; k++)
				if (out->items[k] && strcmp(out->items[k], out->items[i]) == 0)
					yc_problem_add(p, f, "事项重复");
		}
	}
	return p->n == before;
}

bool yc_matter_check_publish(const struct yc_matter *m, const struct yc_item *const *items,
                             struct yc_problems *p)
{
	int before = p->n;
	if (!m->code)
		yc_problem_add(p, "code", "尚未分配一件事编码");
	if (m->nitems == 0)
		yc_problem_add(p, "items", "一件事至少应包含一个涉及事项");
	if (m->nchannels == 0)
		yc_problem_add(p, "channels", "至少应提供一种办理渠道");
	bool lead_found = false;
	for (int i = 0; i < m->nitems; i++) {
		const char *f = yc_printf(p->a, "items[%d]", i);
		const struct yc_item *it = items[i];
		if (!m->items[i])
			continue;
		if (!it) {
			yc_problem_add(p, f, "涉及事项 %s 不存在", m->items[i]);
			continue;
		}
		if (it->abolished)
			yc_problem_add(p, f, "涉及事项“%s”已取消，请先修订本一件事", it->name);
		if (it->needs_revision)
			yc_problem_add(p, f, "涉及事项“%s”已调整，须先修订", it->name);
		if (!it->dept)
			yc_problem_add(p, f, "涉及事项“%s”没有实施部门", it->name);
		else if (!it->dept_exists)
			yc_problem_add(p, f, "涉及事项“%s”的实施部门 %s 不存在", it->name,
			               it->dept);
		if (m->lead_dept && it->dept && strcmp(m->lead_dept, it->dept) == 0)
			lead_found = true;
		if (m->promised_days > it->statutory_days && it->statutory_days > 0)
			yc_problem_add(
			    p, "promised_days",
			    "承诺时限 %lld 个工作日超过涉及事项“%s”的法定时限 %lld 个工作日",
			    (long long)m->promised_days, it->name, (long long)it->statutory_days);
		/* the same material in two items must carry the same flags */
		for (int k = 0; k < i; k++) {
			const struct yc_item *ot = items[k];
			if (!ot)
				continue;
			for (int a = 0; a < it->nmaterials; a++)
				for (int b = 0; b < ot->nmaterials; b++) {
					const struct yc_material *x = &it->materials[a],
					                         *y = &ot->materials[b];
					if (!x->name || !y->name || strcmp(x->name, y->name) != 0)
						continue;
					if (x->core != y->core || x->commitment != y->commitment ||
					    x->source != y->source)
						yc_problem_add(p,
						               yc_printf(p->a,
						                         "items[%d].materials[%d]",
						                         i, a),
						               "材料“%s”在“%s”和“%s”中的属性（核心/"
						               "告知承诺/来源）相互矛盾",
						               x->name, ot->name, it->name);
				}
		}
	}
	if (!m->lead_dept)
		yc_problem_add(p, "lead_dept", "缺少牵头部门");
	else if (m->nitems && !lead_found)
		yc_problem_add(p, "lead_dept", "牵头部门应为涉及事项的实施部门之一");
	return p->n == before;
}

static json_t *by_key(const json_t *arr, const char *key)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		const char *k = json_string_value(json_object_get(x, "key"));
		if (k && strcmp(k, key) == 0)
			return x;
	}
	return NULL;
}

static void add_diff(json_t *out, const char *field, json_t *before, json_t *after)
{
	json_array_append_new(out, json_pack("{s:s, s:O, s:O}", "field", field, "before",
	                                     before ? before : json_null(), "after",
	                                     after ? after : json_null()));
}

json_t *yc_item_diff(const json_t *before, const json_t *after)
{
	json_t *out = json_array();
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)after, k, v)
	{
		if (strcmp(k, "materials") == 0)
			continue;
		json_t *old = json_object_get(before, k);
		if (!old || !json_equal(old, v))
			add_diff(out, k, old, v);
	}
	json_object_foreach((json_t *)before, k, v)
	{
		if (strcmp(k, "materials") != 0 && !json_object_get(after, k))
			add_diff(out, k, v, NULL);
	}
	json_t *mb = json_object_get(before, "materials"),
	       *ma = json_object_get(after, "materials");
	size_t i;
	json_t *m;
	char field[96];
	json_array_foreach(ma, i, m)
	{
		const char *key = json_string_value(json_object_get(m, "key"));
		json_t *old = key ? by_key(mb, key) : NULL;
		if (!old || !json_equal(old, m)) {
			snprintf(field, sizeof field, "materials.%.80s", key ? key : "?");
			add_diff(out, field, old, m);
		}
	}
	json_array_foreach(mb, i, m)
	{
		const char *key = json_string_value(json_object_get(m, "key"));
		if (key && !by_key(ma, key)) {
			snprintf(field, sizeof field, "materials.%.80s", key);
			add_diff(out, field, m, NULL);
		}
	}
	return out;
}

static const char *field_zh(const char *f)
{
	static const struct {
		const char *f, *zh;
	} names[] = {{"name", "事项名称"},
	             {"basis", "设定依据"},
	             {"conditions", "受理条件"},
	             {"statutory_days", "法定时限"},
	             {"promised_days", "承诺时限"},
	             {"kind", "办件类型"},
	             {"fees", "收费"},
	             {"channels", "办理渠道"},
	             {"result", "办理结果"},
	             {"fields", "表单字段"},
	             {"form_rules", "表单规则"}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].f, f) == 0)
			return names[i].zh;
	return f;
}

static char *short_json(struct yc_arena *a, const json_t *v)
{
	if (!v || json_is_null(v))
		return yc_strdup(a, "（无）");
	if (json_is_string(v))
		return yc_strdup(a, json_string_value(v));
	if (json_is_integer(v))
		return yc_printf(a, "%lld", (long long)json_integer_value(v));
	if (json_is_object(v) && json_is_string(json_object_get(v, "name")))
		return yc_printf(a, "“%s”", json_string_value(json_object_get(v, "name")));
	return yc_strdup(a, "（已改）");
}

char *yc_diff_summary(struct yc_arena *a, const char *item_name, const char *basis,
                      const json_t *diff)
{
	char *s = yc_printf(a, "涉及事项“%s”已调整（依据：%s）：", item_name, basis ? basis : "");
	size_t i;
	json_t *d;
	json_array_foreach(diff, i, d)
	{
		const char *f = json_string_value(json_object_get(d, "field"));
		const json_t *b = json_object_get(d, "before"), *af = json_object_get(d, "after");
		const char *sep = i ? "；" : "";
		if (f && strncmp(f, "materials.", 10) == 0) {
			if (json_is_null(b))
				s = yc_printf(a, "%s%s新增材料%s", s, sep, short_json(a, af));
			else if (json_is_null(af))
				s = yc_printf(a, "%s%s取消材料%s", s, sep, short_json(a, b));
			else
				s = yc_printf(a, "%s%s材料%s的要求改变", s, sep, short_json(a, af));
		} else if (f) {
			s = yc_printf(a, "%s%s%s由 %s 改为 %s", s, sep, field_zh(f),
			              short_json(a, b), short_json(a, af));
		}
	}
	return s;
}

/* form.c — the element dictionary, the merged form and its report; see form.h and
 * docs/forms.md. */
#include "form.h"

#include "guide.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_SECTION "基本信息"

/* ---- the element dictionary ---- */

static bool is_field_type(const char *t)
{
	for (const char *const *x = yc_field_types; *x; x++)
		if (strcmp(*x, t) == 0)
			return true;
	return false;
}

static const char *elem_str(const json_t *o, const char *key, const char *path, bool required,
                            size_t max, struct yc_problems *p)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) {
		if (required)
			yc_problem_add(p, yc_printf(p->a, "%s.%s", path, key), "缺少必填字段");
		return NULL;
	}
	if (!json_is_string(v) || json_string_length(v) > max ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		yc_problem_add(p, yc_printf(p->a, "%s.%s", path, key),
		               "应为不超过 %zu 字节的字符串", max);
		return NULL;
	}
	return json_string_value(v);
}

bool yc_elements_parse(const json_t *json, struct yc_arena *a, struct yc_elements *out,
                       struct yc_problems *p)
{
	int before = p->n;
	memset(out, 0, sizeof *out);
	if (!json_is_array(json)) {
		yc_problem_add(p, "elements", "数据元素目录应为数组");
		return false;
	}
	size_t n = json_array_size(json);
	out->v = yc_alloc(a, sizeof *out->v * (n + 1));
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_array_get(json, i);
		const char *path = yc_printf(a, "elements[%zu]", i);
		if (!json_is_object(o)) {
			yc_problem_add(p, path, "应为对象");
			continue;
		}
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)o, k, v)
		{
			if (strcmp(k, "key") != 0 && strcmp(k, "label") != 0 &&
			    strcmp(k, "type") != 0 && strcmp(k, "note") != 0)
				yc_problem_add(p, yc_printf(a, "%s.%s", path, k), "不认识的字段");
		}
		struct yc_element e = {
		    .key = elem_str(o, "key", path, true, 64, p),
		    .label = elem_str(o, "label", path, true, 300, p),
		    .type = elem_str(o, "type", path, true, 40, p),
		    .note = elem_str(o, "note", path, false, 2000, p),
		};
		if (e.key && !yc_key_ok(e.key)) {
			yc_problem_add(p, yc_printf(a, "%s.key", path),
			               "只能由小写字母、数字和下划线组成");
			e.key = NULL;
		}
		if (e.type && !is_field_type(e.type)) {
			yc_problem_add(p, yc_printf(a, "%s.type", path), "不认识的字段类型 %s",
			               e.type);
			e.type = NULL;
		}
		if (e.key && yc_element_find(out, e.key)) {
			yc_problem_add(p, yc_printf(a, "%s.key", path), "数据元素 %s 重复", e.key);
			continue;
		}
		if (e.key && e.label && e.type)
			out->v[out->n++] = e;
	}
	return p->n == before;
}

const struct yc_element *yc_element_find(const struct yc_elements *d, const char *key)
{
	for (int i = 0; d && key && i < d->n; i++)
		if (strcmp(d->v[i].key, key) == 0)
			return &d->v[i];
	return NULL;
}

/* ---- the key index ---- */

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of key: the one holding it, or the empty one where it would go. */
static unsigned slot(const struct yc_form *f, const char *key)
{
	unsigned i = hash(key) & f->index_mask;
	while (f->index[i] >= 0 && strcmp(f->fields[f->index[i]].key, key) != 0)
		i = (i + 1) & f->index_mask;
	return i;
}

const struct yc_form_entry *yc_form_find(const struct yc_form *f, const char *key)
{
	if (!f || !key || !f->index)
		return NULL;
	int k = f->index[slot(f, key)];
	return k >= 0 ? &f->fields[k] : NULL;
}

/* ---- merging ---- */

static const char *item_names(struct yc_arena *a, const struct yc_form *f,
                              const struct yc_form_entry *e)
{
	char *s = yc_strdup(a, "");
	for (int i = 0; i < e->nsources; i++) {
		const char *name = f->items[e->sources[i].item]->name;
		if (i && e->sources[i].item == e->sources[i - 1].item)
			continue;
		s = yc_printf(a, "%s%s“%s”", s, s[0] ? "、" : "", name ? name : "?");
	}
	return s;
}

/* The strictest of the sources' constraints; conflicts go to p. */
static void combine(struct yc_form *f, struct yc_form_entry *e, const struct yc_elements *dict,
                    struct yc_arena *a, struct yc_problems *p)
{
	const struct yc_form_field *first = e->sources[0].field;
	e->label = first->label;
	e->type = first->type;
	e->element = first->element;
	e->min_length = e->max_length = -1;
	e->multiple = true;
	if (e->element && dict) {
		const struct yc_element *el = yc_element_find(dict, e->element);
		if (!el) {
			yc_problem_add(p, yc_printf(a, "form.%s", e->key),
			               "数据元素 %s 不在数据元素目录中", e->element);
		} else {
			e->label = el->label;
			e->type = el->type;
		}
	}
	e->patterned = yc_alloc(a, sizeof *e->patterned * (size_t)e->nsources);
	bool any_options = false;
	for (int s = 0; s < e->nsources; s++) {
		const struct yc_form_field *x = e->sources[s].field;
		const struct yc_item *it = f->items[e->sources[s].item];
		if (strcmp(x->type, e->type) != 0)
			yc_problem_add(
			    p, yc_printf(a, "form.%s.type", e->key),
			    "事项“%s”的字段 %s 类型为 %s，与数据元素“%s”的类型 %s 不一致",
			    it->name ? it->name : "?", x->key, x->type, e->label, e->type);
		e->required |= x->required;
		e->conditional |= x->required_when != NULL;
		if (x->min_length >= 0 && x->min_length > e->min_length)
			e->min_length = x->min_length;
		if (x->max_length >= 0 && (e->max_length < 0 || x->max_length < e->max_length))
			e->max_length = x->max_length;
		if (x->has_min && (!e->has_min || x->min > e->min))
			e->min = x->min, e->has_min = true;
		if (x->has_max && (!e->has_max || x->max < e->max))
			e->max = x->max, e->has_max = true;
		if (x->regex) {
			bool dup = false;
			for (int k = 0; k < e->npatterns && !dup; k++)
				dup = strcmp(e->patterned[k]->pattern, x->pattern) == 0;
			if (!dup)
				e->patterned[e->npatterns++] = x;
		}
		if (x->options && !any_options) {
			any_options = true;
			e->options = yc_alloc(a, sizeof *e->options * (size_t)x->noptions);
			memcpy(e->options, x->options, sizeof *e->options * (size_t)x->noptions);
			e->noptions = x->noptions;
		} else if (x->options) {
			int n = 0;
			for (int k = 0; k < e->noptions; k++) {
				bool in = false;
				for (int j = 0; j < x->noptions && !in; j++)
					in = strcmp(x->options[j].value, e->options[k].value) == 0;
				if (in)
					e->options[n++] = e->options[k];
			}
			e->noptions = n;
		}
		e->multiple &= x->multiple;
		if (!e->section)
			e->section = x->section;
		if (!e->help)
			e->help = x->help;
	}
	if (e->required)
		e->conditional = false;
	if (any_options && e->noptions == 0)
		yc_problem_add(p, yc_printf(a, "form.%s.options", e->key),
		               "“%s”的可选值在各事项（%s）之间没有交集，无法合并", e->label,
		               item_names(a, f, e));
	if (e->min_length >= 0 && e->max_length >= 0 && e->min_length > e->max_length)
		yc_problem_add(p, yc_printf(a, "form.%s.min_length", e->key),
		               "“%s”合并后的最小长度 %lld 大于最大长度 %lld（%s），无法合并",
		               e->label, (long long)e->min_length, (long long)e->max_length,
		               item_names(a, f, e));
	if (e->has_min && e->has_max && e->min > e->max)
		yc_problem_add(p, yc_printf(a, "form.%s.min", e->key),
		               "“%s”合并后的最小值 %g 大于最大值 %g（%s），无法合并", e->label,
		               e->min, e->max, item_names(a, f, e));
}

static int field_index(const struct yc_item *it, const char *key)
{
	for (int k = 0; key && k < it->nfields; k++)
		if (it->fields[k].key && strcmp(it->fields[k].key, key) == 0)
			return k;
	return -1;
}

/* The merged key of item i's field `key`, or NULL. */
static const char *merged_key(const struct yc_form *f, int i, const char *key)
{
	int k = field_index(f->items[i], key);
	return k >= 0 && f->entry_of[i][k] >= 0 ? f->fields[f->entry_of[i][k]].key : NULL;
}

static void merge_rules(struct yc_form *f, struct yc_arena *a)
{
	int total = 0;
	for (int i = 0; i < f->nitems; i++)
		total += f->items[i]->nrules;
	f->rules = yc_alloc(a, sizeof *f->rules * (size_t)(total + 1));
	for (int i = 0; i < f->nitems; i++)
		for (int r = 0; r < f->items[i]->nrules; r++) {
			const struct yc_form_rule *x = &f->items[i]->rules[r];
			const char *field = merged_key(f, i, x->field);
			const char *other = x->other ? merged_key(f, i, x->other) : NULL;
			if (!x->kind || !field || (x->other && !other))
				continue;
			struct yc_form_mrule *m = NULL;
			for (int k = 0; k < f->nrules && !m; k++)
				if (strcmp(f->rules[k].kind, x->kind) == 0 &&
				    strcmp(f->rules[k].field, field) == 0 &&
				    (f->rules[k].other == other ||
				     (other && f->rules[k].other &&
				      strcmp(f->rules[k].other, other) == 0)))
					m = &f->rules[k];
			if (!m) {
				m = &f->rules[f->nrules++];
				*m = (struct yc_form_mrule){
				    .kind = x->kind,
				    .field = field,
				    .other = other,
				    .message = x->message,
				    .items = yc_alloc(a, sizeof(int) * (size_t)f->nitems)};
			}
			if (!m->nitems || m->items[m->nitems - 1] != i)
				m->items[m->nitems++] = i;
		}
}

static bool build(const struct yc_item *const *items, int n, bool single,
                  const struct yc_elements *dict, struct yc_arena *a, struct yc_form *out,
                  struct yc_problems *p)
{
	int before = p ? p->n : 0;
	memset(out, 0, sizeof *out);
	out->items = items;
	out->nitems = n;
	int sum = 0;
	for (int i = 0; i < n; i++)
		sum += items[i]->nfields;
	unsigned cap = 16;
	while (cap < (unsigned)sum * 2 + 1)
		cap *= 2;
	out->index = yc_alloc(a, sizeof *out->index * cap);
	for (unsigned i = 0; i < cap; i++)
		out->index[i] = -1;
	out->index_mask = cap - 1;
	out->fields = yc_alloc(a, sizeof *out->fields * (size_t)(sum + 1));
	out->entry_of = yc_alloc(a, sizeof *out->entry_of * (size_t)(n + 1));

	/* pass 1: one entry per merged key, in the order of first appearance */
	for (int i = 0; i < n; i++) {
		const struct yc_item *it = items[i];
		out->entry_of[i] = yc_alloc(a, sizeof(int) * (size_t)(it->nfields + 1));
		for (int k = 0; k < it->nfields; k++) {
			const struct yc_form_field *x = &it->fields[k];
			out->entry_of[i][k] = -1;
			if (!x->key || !x->type || !x->label) /* a field the reader refused */
				continue;
			const char *key = single       ? x->key
			                  : x->element ? x->element
			                               : yc_printf(a, "%s.%s", it->code, x->key);
			unsigned s = slot(out, key);
			if (out->index[s] < 0) {
				out->index[s] = out->nfields;
				out->fields[out->nfields++] = (struct yc_form_entry){.key = key};
			}
			out->entry_of[i][k] = out->index[s];
			out->fields[out->index[s]].nsources++;
		}
	}
	/* pass 2: the sources of each entry, then their strictest constraints */
	for (int e = 0; e < out->nfields; e++) {
		out->fields[e].sources =
		    yc_alloc(a, sizeof *out->fields[e].sources * (size_t)out->fields[e].nsources);
		out->fields[e].nsources = 0;
	}
	for (int i = 0; i < n; i++)
		for (int k = 0; k < items[i]->nfields; k++) {
			int e = out->entry_of[i][k];
			if (e >= 0)
				out->fields[e].sources[out->fields[e].nsources++] =
				    (struct yc_form_source){.item = i,
				                            .field = &items[i]->fields[k]};
		}
	struct yc_problems scratch;
	if (!p) {
		yc_problems_init(&scratch, a);
		p = &scratch;
	}
	for (int e = 0; e < out->nfields; e++) {
		struct yc_form_entry *x = &out->fields[e];
		combine(out, x, single ? NULL : dict, a, p);
		if (!x->section)
			x->section = single || x->element ? DEFAULT_SECTION
			                                  : (items[x->sources[0].item]->name
			                                         ? items[x->sources[0].item]->name
			                                         : DEFAULT_SECTION);
	}
	merge_rules(out, a);
	return p->n == before;
}

bool yc_form_merge(const struct yc_item *const *items, int n, const struct yc_elements *dict,
                   struct yc_arena *a, struct yc_form *out, struct yc_problems *p)
{
	return build(items, n, false, dict, a, out, p);
}

void yc_form_of_item(const struct yc_item *item, struct yc_arena *a, struct yc_form *out)
{
	const struct yc_item **items = yc_alloc(a, sizeof *items);
	items[0] = item;
	build(items, 1, true, NULL, a, out, NULL);
}

/* ---- JSON ---- */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jnum(double x)
{
	if (x > -9007199254740992.0 && x < 9007199254740992.0 && (double)(json_int_t)x == x)
		return json_integer((json_int_t)x);
	return json_real(x);
}

/* A copy of condition c with every "ref" renamed from item i's field keys to merged keys. */
static json_t *rewrite(const struct yc_form *f, int i, const json_t *c, int depth)
{
	if (depth > 64)
		return json_null();
	if (json_is_array(c)) {
		json_t *out = json_array();
		size_t k;
		json_t *v;
		json_array_foreach(c, k, v) json_array_append_new(out, rewrite(f, i, v, depth + 1));
		return out;
	}
	if (!json_is_object(c))
		return json_deep_copy(c);
	json_t *out = json_object();
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)c, k, v)
	{
		const char *m = strcmp(k, "ref") == 0 && json_is_string(v)
		                    ? merged_key(f, i, json_string_value(v))
		                    : NULL;
		json_object_set_new(out, k, m ? json_string(m) : rewrite(f, i, v, depth + 1));
	}
	return out;
}

/* The entry's required_when in merged keys: one condition, or {"any": [...]}. */
static json_t *merged_condition(const struct yc_form *f, const struct yc_form_entry *e)
{
	json_t *any = json_array();
	for (int s = 0; s < e->nsources; s++)
		if (e->sources[s].field->required_when)
			json_array_append_new(any, rewrite(f, e->sources[s].item,
			                                   e->sources[s].field->required_when, 0));
	if (json_array_size(any) == 1) {
		json_t *c = json_incref(json_array_get(any, 0));
		json_decref(any);
		return c;
	}
	return json_pack("{s:o}", "any", any);
}

static json_t *options_json(const struct yc_form_option *o, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
		    a, json_pack("{s:s, s:s}", "value", o[i].value, "label", o[i].label));
	return a;
}

static json_t *entry_items(const struct yc_form *f, const struct yc_form_entry *e)
{
	json_t *a = json_array();
	for (int s = 0; s < e->nsources; s++)
		if (!s || e->sources[s].item != e->sources[s - 1].item)
			json_array_append_new(a, jstr(f->items[e->sources[s].item]->code));
	return a;
}

static json_t *entry_json(const struct yc_form *f, const struct yc_form_entry *e)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "key", e->key, "label", e->label, "type",
	                      e->type, "required", e->required);
	if (e->element)
		json_object_set_new(o, "element", json_string(e->element));
	if (e->conditional)
		json_object_set_new(o, "required_when", merged_condition(f, e));
	if (e->min_length >= 0)
		json_object_set_new(o, "min_length", json_integer(e->min_length));
	if (e->max_length >= 0)
		json_object_set_new(o, "max_length", json_integer(e->max_length));
	if (e->has_min)
		json_object_set_new(o, "min", jnum(e->min));
	if (e->has_max)
		json_object_set_new(o, "max", jnum(e->max));
	if (e->npatterns) {
		json_t *ps = json_array();
		for (int k = 0; k < e->npatterns; k++)
			json_array_append_new(ps, json_string(e->patterned[k]->pattern));
		json_object_set_new(o, "patterns", ps);
	}
	if (e->options)
		json_object_set_new(o, "options", options_json(e->options, e->noptions));
	if (e->multiple)
		json_object_set_new(o, "multiple", json_true());
	if (e->help)
		json_object_set_new(o, "help", json_string(e->help));
	json_object_set_new(o, "items", entry_items(f, e));
	return o;
}

/* ---- the report ---- */

enum what {
	W_REQUIRED,
	W_MIN_LENGTH,
	W_MAX_LENGTH,
	W_MIN,
	W_MAX,
	W_PATTERN,
	W_OPTIONS,
	W_MULTIPLE
};
static const char *const what_names[] = {"required", "min_length", "max_length", "min",
                                         "max",      "pattern",    "options",    "multiple"};
static const char *const what_zh[] = {"必填要求", "最小长度", "最大长度", "最小值",
                                      "最大值",   "格式",     "可选值",   "多选"};

static json_t *source_value(const struct yc_form *f, const struct yc_form_source *s, enum what w)
{
	const struct yc_form_field *x = s->field;
	switch (w) {
	case W_REQUIRED:
		return x->required ? json_true()
		       : x->required_when
		           ? json_pack("{s:o}", "when", rewrite(f, s->item, x->required_when, 0))
		           : json_false();
	case W_MIN_LENGTH:
		return x->min_length >= 0 ? json_integer(x->min_length) : json_null();
	case W_MAX_LENGTH:
		return x->max_length >= 0 ? json_integer(x->max_length) : json_null();
	case W_MIN:
		return x->has_min ? jnum(x->min) : json_null();
	case W_MAX:
		return x->has_max ? jnum(x->max) : json_null();
	case W_PATTERN:
		return jstr(x->pattern);
	case W_OPTIONS: {
		if (!x->options)
			return json_null();
		json_t *a = json_array();
		for (int k = 0; k < x->noptions; k++)
			json_array_append_new(a, json_string(x->options[k].value));
		return a;
	}
	case W_MULTIPLE:
		return json_boolean(x->multiple);
	}
	return json_null();
}

static json_t *kept_value(const struct yc_form *f, const struct yc_form_entry *e, enum what w)
{
	switch (w) {
	case W_REQUIRED:
		return e->required      ? json_true()
		       : e->conditional ? json_pack("{s:o}", "when", merged_condition(f, e))
		                        : json_false();
	case W_MIN_LENGTH:
		return e->min_length >= 0 ? json_integer(e->min_length) : json_null();
	case W_MAX_LENGTH:
		return e->max_length >= 0 ? json_integer(e->max_length) : json_null();
	case W_MIN:
		return e->has_min ? jnum(e->min) : json_null();
	case W_MAX:
		return e->has_max ? jnum(e->max) : json_null();
	case W_PATTERN: {
		json_t *a = json_array();
		for (int k = 0; k < e->npatterns; k++)
			json_array_append_new(a, json_string(e->patterned[k]->pattern));
		return a;
	}
	case W_OPTIONS: {
		if (!e->options)
			return json_null();
		json_t *a = json_array();
		for (int k = 0; k < e->noptions; k++)
			json_array_append_new(a, json_string(e->options[k].value));
		return a;
	}
	case W_MULTIPLE:
		return json_boolean(e->multiple);
	}
	return json_null();
}

json_t *yc_form_report(const struct yc_form *f)
{
	json_t *report = json_array();
	for (int i = 0; i < f->nfields; i++) {
		const struct yc_form_entry *e = &f->fields[i];
		if (e->nsources < 2)
			continue;
		for (int w = W_REQUIRED; w <= W_MULTIPLE; w++) {
			json_t *vals = json_array();
			bool differ = false;
			for (int s = 0; s < e->nsources; s++) {
				json_t *v = source_value(f, &e->sources[s], (enum what)w);
				if (s && !json_equal(
				             v, json_object_get(json_array_get(vals, 0), "value")))
					differ = true;
				json_array_append_new(
				    vals, json_pack("{s:o, s:s, s:o}", "item",
				                    jstr(f->items[e->sources[s].item]->code),
				                    "field", e->sources[s].field->key, "value", v));
			}
			if (!differ) {
				json_decref(vals);
				continue;
			}
			char msg[512];
			snprintf(msg, sizeof msg, "各事项对“%s”的%s不同，合并后取最严格者",
			         e->label, what_zh[w]);
			json_array_append_new(
			    report, json_pack("{s:s, s:s, s:o, s:o, s:s}", "element", e->key,
			                      "what", what_names[w], "items", vals, "kept",
			                      kept_value(f, e, (enum what)w), "message", msg));
		}
	}
	return report;
}

/* The reduction 1 - asked/sum in hundredths (0..100, rounded); 0 when there is nothing. */
static int percent(int asked, int sum)
{
	return sum > 0 && asked < sum ? (int)((1.0 - (double)asked / (double)sum) * 100.0 + 0.5)
	                              : 0;
}

static json_t *stats_json(const struct yc_form *f)
{
	int fields_sum = 0, materials_sum = 0;
	for (int i = 0; i < f->nitems; i++) {
		for (int k = 0; k < f->items[i]->nfields; k++)
			fields_sum += f->entry_of[i][k] >= 0;
		materials_sum += f->items[i]->nmaterials;
	}
	struct yc_matter m = {.nitems = f->nitems};
	json_t *mats = yc_guide_materials(&m, f->items);
	int materials_asked = (int)json_array_size(mats);
	json_decref(mats);
	int rf = percent(f->nfields, fields_sum), rm = percent(materials_asked, materials_sum);
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:f, s:f, s:i, s:i}", "items", f->nitems,
	                 "fields_asked", f->nfields, "fields_sum", fields_sum, "materials_asked",
	                 materials_asked, "materials_sum", materials_sum, "reduction_fields",
	                 rf / 100.0, "reduction_materials", rm / 100.0, "reduction_fields_percent",
	                 rf, "reduction_materials_percent", rm);
}

json_t *yc_form_json(const struct yc_form *f)
{
	json_t *sections = json_array();
	for (int i = 0; i < f->nfields; i++) {
		const struct yc_form_entry *e = &f->fields[i];
		json_t *sec = NULL;
		size_t k;
		json_t *v;
		json_array_foreach(sections, k, v)
		{
			if (strcmp(json_string_value(json_object_get(v, "name")), e->section) == 0)
				sec = v;
		}
		if (!sec) {
			sec = json_pack("{s:s, s:[]}", "name", e->section, "fields");
			json_array_append_new(sections, sec);
		}
		json_array_append_new(json_object_get(sec, "fields"), entry_json(f, e));
	}
	json_t *rules = json_array();
	for (int i = 0; i < f->nrules; i++) {
		const struct yc_form_mrule *r = &f->rules[i];
		json_t *o = json_pack("{s:s, s:s}", "kind", r->kind, "field", r->field);
		if (r->other)
			json_object_set_new(o, "other", json_string(r->other));
		if (r->message)
			json_object_set_new(o, "message", json_string(r->message));
		json_t *codes = json_array();
		for (int k = 0; k < r->nitems; k++)
			json_array_append_new(codes, jstr(f->items[r->items[k]]->code));
		json_object_set_new(o, "items", codes);
		json_array_append_new(rules, o);
	}
	return json_pack("{s:o, s:o, s:o, s:o}", "sections", sections, "rules", rules, "report",
	                 yc_form_report(f), "stats", stats_json(f));
}

/* ---- unmerge ---- */

static json_t *form_of(json_t *out, const struct yc_item *it)
{
	const char *code = it->code ? it->code : "";
	json_t *o = json_object_get(out, code);
	if (!o) {
		o = json_object();
		json_object_set_new(out, code, o);
	}
	return o;
}

json_t *yc_form_unmerge(const struct yc_form *f, const json_t *answers)
{
	json_t *out = json_object();
	for (int i = 0; i < f->nitems; i++)
		form_of(out, f->items[i]);
	for (int i = 0; json_is_object(answers) && i < f->nfields; i++) {
		const struct yc_form_entry *e = &f->fields[i];
		json_t *v = json_object_get(answers, e->key);
		if (!v || json_is_null(v))
			continue;
		for (int s = 0; s < e->nsources; s++) {
			const struct yc_form_field *x = e->sources[s].field;
			json_t *val =
			    x->multiple && !json_is_array(v) ? json_pack("[O]", v) : json_incref(v);
			json_object_set_new(form_of(out, f->items[e->sources[s].item]), x->key,
			                    val);
		}
	}
	return out;
}

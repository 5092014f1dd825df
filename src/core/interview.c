/* interview.c — the guided interview: parsing a definition, the static path analysis and the
 * stateless runtime step; see interview.h and docs/interview.md.
 *
 * Items are handled as indexes into the matter's item list and sets of them as byte maps; a
 * situation's items are (base ∪ included) minus excluded. Question visibility is decided in
 * `order` (each question after the questions its condition references), which exists because
 * cycles are refused. */
#include "interview.h"

#include "codes.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---- */

struct ps {
	struct yc_interview *iv;
	struct yc_problems *p;
	struct yc_arena *a;
	int cur; /* question whose condition is being checked, or -1 */
};

/* base.key, or key at the top level (base ""). */
static const char *at(struct yc_arena *a, const char *base, const char *key)
{
	return base[0] ? yc_printf(a, "%s.%s", base, key) : yc_strdup(a, key);
}

/* A string member of obj: required or not, 1..max characters. NULL when absent or bad. */
static const char *get_str(struct ps *s, const json_t *obj, const char *base, const char *key,
                           bool required, long max, bool multiline)
{
	const json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			yc_problem_add(s->p, at(s->a, base, key), "缺少必填字段");
		return NULL;
	}
	if (!json_is_string(v)) {
		yc_problem_add(s->p, at(s->a, base, key), "应为字符串");
		return NULL;
	}
	struct yc_error e;
	if (yc_text_check(json_string_value(v), json_string_length(v), 1, max, multiline, key,
	                  &e) != YC_OK) {
		yc_problem_add(s->p, at(s->a, base, key), "%s", e.message);
		return NULL;
	}
	return json_string_value(v);
}

static const char *oneof(struct ps *s, const json_t *obj, const char *base, const char *key,
                         bool required, const char *const *allowed)
{
	const char *v = get_str(s, obj, base, key, required, 40, false);
	if (!v)
		return NULL;
	for (const char *const *x = allowed; *x; x++)
		if (strcmp(*x, v) == 0)
			return *x;
	char *list = yc_strdup(s->a, "");
	for (const char *const *x = allowed; *x; x++)
		list = yc_printf(s->a, "%s%s%s", list, list[0] ? "、" : "", *x);
	yc_problem_add(s->p, at(s->a, base, key), "取值应为 %s 之一", list);
	return NULL;
}

static void unknown_keys(struct ps *s, const json_t *obj, const char *base,
                         const char *const *known)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v)
	{
		bool ok = false;
		for (const char *const *x = known; *x && !ok; x++)
			ok = strcmp(*x, k) == 0;
		if (!ok)
			yc_problem_add(s->p, at(s->a, base, k), "不认识的字段");
	}
}

/* An array member (absent → NULL without a problem) of at most `max` entries. */
static const json_t *get_array(struct ps *s, const json_t *obj, const char *base, const char *key,
                               int max, bool *bad)
{
	const json_t *v = json_object_get(obj, key);
	*bad = false;
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_array(v)) {
		yc_problem_add(s->p, at(s->a, base, key), "应为数组");
		*bad = true;
		return NULL;
	}
	if (json_array_size(v) > (size_t)max) {
		yc_problem_add(s->p, at(s->a, base, key), "最多 %d 项（现有 %zu 项）", max,
		               json_array_size(v));
		*bad = true;
		return NULL;
	}
	return v;
}

static int item_index(const struct yc_interview *iv, const char *code)
{
	for (int i = 0; code && i < iv->nitems; i++)
		if (iv->items[i] && strcmp(iv->items[i], code) == 0)
			return i;
	return -1;
}

static const char *outcome_name(struct yc_arena *a, const struct yc_interview *iv, int i)
{
	const char *l = iv->o[i].label;
	return l ? yc_printf(a, "outcomes[%d]（%s）", i, l) : yc_printf(a, "outcomes[%d]", i);
}

/* ---- the question index: ids sorted, first definition wins ---- */

struct qidx {
	const char *id;
	int i;
};
struct qindex {
	struct qidx *v;
	int n;
};

static int qidx_cmp(const void *x, const void *y)
{
	const struct qidx *a = x, *b = y;
	int r = strcmp(a->id, b->id);
	return r ? r : (a->i > b->i) - (a->i < b->i);
}

static int find_q(const struct yc_interview *iv, const char *id)
{
	const struct qindex *x = iv->index;
	if (!x || !id)
		return -1;
	int lo = 0, hi = x->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int r = strcmp(id, x->v[mid].id);
		if (r == 0)
			return x->v[mid].i;
		if (r < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

static void build_index(struct ps *s)
{
	struct yc_interview *iv = s->iv;
	struct qindex *x = yc_alloc(s->a, sizeof *x);
	x->v = yc_alloc(s->a, sizeof *x->v * (size_t)(iv->nq + 1));
	for (int i = 0; i < iv->nq; i++)
		if (iv->q[i].id)
			x->v[x->n++] = (struct qidx){.id = iv->q[i].id, .i = i};
	qsort(x->v, (size_t)x->n, sizeof *x->v, qidx_cmp);
	int w = 0;
	for (int r = 0; r < x->n; r++) {
		if (w > 0 && strcmp(x->v[w - 1].id, x->v[r].id) == 0) {
			yc_problem_add(s->p, yc_printf(s->a, "questions[%d].id", x->v[r].i),
			               "问题标识“%s”重复（与 questions[%d] 相同）", x->v[r].id,
			               x->v[w - 1].i);
			continue;
		}
		x->v[w++] = x->v[r];
	}
	x->n = w;
	iv->index = x;
}

/* ---- questions ---- */

static const char *const q_types[] = {"single", "multiple", "yesno", "number",
                                      "date",   "region",   NULL};
static const char *const q_keys[] = {"id",  "label",   "type", "options", "min",
                                     "max", "integer", "help", "when",    NULL};
static const char *const opt_keys[] = {"value", "label", "help", NULL};

static enum yc_cond_type cond_type(enum yc_question_type t)
{
	switch (t) {
	case YC_Q_SINGLE:
		return YC_CT_CHOICE;
	case YC_Q_MULTIPLE:
		return YC_CT_MULTI;
	case YC_Q_YESNO:
		return YC_CT_BOOL;
	case YC_Q_NUMBER:
		return YC_CT_NUMBER;
	case YC_Q_DATE:
		return YC_CT_DATE;
	case YC_Q_REGION:
		return YC_CT_REGION;
	}
	return YC_CT_TEXT;
}

static void read_options(struct ps *s, const json_t *x, const char *base, struct yc_question *q)
{
	bool bad;
	const json_t *opts = get_array(s, x, base, "options", YC_INTERVIEW_MAX_OPTIONS, &bad);
	bool choice = q->type == YC_Q_SINGLE || q->type == YC_Q_MULTIPLE;
	if (!choice) {
		if (opts || bad)
			yc_problem_add(s->p, at(s->a, base, "options"), "只有单选题和多选题有选项");
		return;
	}
	if (bad)
		return;
	size_t n = opts ? json_array_size(opts) : 0;
	size_t need = q->type == YC_Q_SINGLE ? 2 : 1;
	if (n < need) {
		yc_problem_add(s->p, at(s->a, base, "options"), "%s至少应有 %zu 个选项",
		               q->type == YC_Q_SINGLE ? "单选题" : "多选题", need);
		if (n == 0)
			return;
	}
	q->options = yc_alloc(s->a, sizeof *q->options * n);
	q->values = yc_alloc(s->a, sizeof *q->values * (n + 1));
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_array_get(opts, i);
		const char *ob = yc_printf(s->a, "%s.options[%zu]", base, i);
		if (!json_is_object(o)) {
			yc_problem_add(s->p, ob, "选项应为对象 {\"value\", \"label\"}");
			continue;
		}
		unknown_keys(s, o, ob, opt_keys);
		const char *v = get_str(s, o, ob, "value", true, 64, false);
		const char *l = get_str(s, o, ob, "label", true, 200, false);
		(void)get_str(s, o, ob, "help", false, 1000, true);
		if (!v)
			continue;
		bool dup = false;
		for (int k = 0; k < q->noptions && !dup; k++)
			dup = strcmp(q->options[k].value, v) == 0;
		if (dup) {
			yc_problem_add(s->p, at(s->a, ob, "value"), "选项值“%s”重复", v);
			continue;
		}
		q->options[q->noptions] = (struct yc_option){.value = v, .label = l};
		q->values[q->noptions++] = v;
	}
}

static bool get_number(struct ps *s, const json_t *x, const char *base, const char *key,
                       double *out)
{
	const json_t *v = json_object_get(x, key);
	if (!v || json_is_null(v))
		return false;
	if (!json_is_number(v)) {
		yc_problem_add(s->p, at(s->a, base, key), "应为数字");
		return false;
	}
	*out = json_number_value(v);
	return true;
}

static void read_question(struct ps *s, const json_t *x, int i, struct yc_question *q)
{
	const char *base = yc_printf(s->a, "questions[%d]", i);
	q->def = x;
	if (!json_is_object(x)) {
		yc_problem_add(s->p, base, "问题应为对象");
		return;
	}
	unknown_keys(s, x, base, q_keys);
	const char *id = get_str(s, x, base, "id", true, 64, false);
	if (id && !yc_key_ok(id))
		yc_problem_add(s->p, at(s->a, base, "id"),
		               "问题标识只能由小写字母、数字和下划线组成（至多 64 个字符）");
	else
		q->id = id;
	q->label = get_str(s, x, base, "label", true, 200, false);
	q->help = get_str(s, x, base, "help", false, 1000, true);
	const char *t = oneof(s, x, base, "type", true, q_types);
	q->type = YC_Q_YESNO;
	for (int k = 0; t && q_types[k]; k++)
		if (strcmp(q_types[k], t) == 0)
			q->type = (enum yc_question_type)k;
	if (t)
		read_options(s, x, base, q);
	bool number = t && q->type == YC_Q_NUMBER;
	const char *range_keys[] = {"min", "max", "integer"};
	for (int k = 0; k < 3; k++)
		if (!number && t && json_object_get(x, range_keys[k]))
			yc_problem_add(s->p, at(s->a, base, range_keys[k]), "只有数字题可设 %s",
			               range_keys[k]);
	if (number) {
		q->has_min = get_number(s, x, base, "min", &q->min);
		q->has_max = get_number(s, x, base, "max", &q->max);
		if (q->has_min && q->has_max && q->min > q->max)
			yc_problem_add(s->p, at(s->a, base, "max"), "max 不能小于 min");
		const json_t *in = json_object_get(x, "integer");
		if (in && !json_is_boolean(in))
			yc_problem_add(s->p, at(s->a, base, "integer"), "应为 true 或 false");
		q->integer = json_is_true(in);
	}
	const json_t *w = json_object_get(x, "when");
	q->when = w && !json_is_null(w) ? w : NULL;
	q->ref = (struct yc_cond_ref){
	    .id = q->id,
	    .type = cond_type(q->type),
	    .options = (q->type == YC_Q_SINGLE || q->type == YC_Q_MULTIPLE) ? q->values : NULL};
	if (q->ref.options == NULL && (q->type == YC_Q_SINGLE || q->type == YC_Q_MULTIPLE)) {
		static const char *const none[] = {NULL};
		q->ref.options = none;
	}
}

/* ---- conditions: resolution, dependencies, cycles, order ---- */

static const struct yc_cond_ref *resolve_q(void *ctx, const char *id)
{
	struct ps *s = ctx;
	int j = find_q(s->iv, id);
	return j < 0 ? NULL : &s->iv->q[j].ref;
}

static void dep_q(void *ctx, const char *id)
{
	struct ps *s = ctx;
	int j = find_q(s->iv, id);
	if (j < 0 || s->cur < 0)
		return;
	struct yc_question *q = &s->iv->q[s->cur];
	for (int k = 0; k < q->ndeps; k++)
		if (q->deps[k] == j)
			return;
	if (!q->deps)
		q->deps = yc_alloc(s->a, sizeof *q->deps * (size_t)s->iv->nq);
	q->deps[q->ndeps++] = j;
}

struct cyc {
	struct ps *s;
	int *color, *stack, sp, *order, norder, reports;
};

static void cycle_visit(struct cyc *c, int u)
{
	const struct yc_interview *iv = c->s->iv;
	c->color[u] = 1;
	c->stack[c->sp++] = u;
	for (int k = 0; k < iv->q[u].ndeps; k++) {
		int v = iv->q[u].deps[k];
		if (c->color[v] == 0) {
			cycle_visit(c, v);
		} else if (c->color[v] == 1 && c->reports++ < 20) {
			int from = c->sp - 1;
			while (from > 0 && c->stack[from] != v)
				from--;
			char *ids = yc_strdup(c->s->a, "");
			for (int j = from; j < c->sp; j++)
				ids = yc_printf(c->s->a, "%s%s → ", ids, iv->q[c->stack[j]].id);
			ids = yc_printf(c->s->a, "%s%s", ids, iv->q[v].id);
			yc_problem_add(c->s->p, yc_printf(c->s->a, "questions[%d].when", v),
			               u == v ? "问题的出现条件引用了它自己（循环引用：%s）"
			                      : "问题的出现条件循环引用：%s",
			               ids);
		}
	}
	c->sp--;
	c->color[u] = 2;
	c->order[c->norder++] = u;
}

/* Cycles are problems; without them, `order` lists every question after its dependencies
 * (depth-first post-order from the questions in definition order: deterministic, and the
 * definition order itself when conditions only look back). */
static bool order_questions(struct ps *s)
{
	struct yc_interview *iv = s->iv;
	struct cyc c = {.s = s};
	size_t n = (size_t)iv->nq + 1;
	c.color = yc_alloc(s->a, sizeof *c.color * n);
	c.stack = yc_alloc(s->a, sizeof *c.stack * n);
	c.order = yc_alloc(s->a, sizeof *c.order * n);
	for (int u = 0; u < iv->nq; u++)
		if (c.color[u] == 0)
			cycle_visit(&c, u);
	if (c.reports > 20)
		yc_problem_add(s->p, "questions", "另有 %d 处循环引用未列出", c.reports - 20);
	iv->order = c.order;
	return c.reports == 0;
}

/* ---- items and outcomes ---- */

static const char *const top_keys[] = {"questions", "items", "outcomes", NULL};
static const char *const o_keys[] = {"label",         "when",          "include_items",
                                     "exclude_items", "add_materials", "drop_materials",
                                     "add_fields",    "notes",         NULL};
static const char *const mat_keys[] = {"item", "key",    "name",    "source", "core", "commitment",
                                       "form", "copies", "formats", "sample", "note", NULL};
static const char *const ref_keys[] = {"item", "key", NULL};
static const char *const field_types[] = {"text",   "number",    "date",        "enum",
                                          "region", "id_number", "credit_code", "phone",
                                          "email",  "address",   "file",        NULL};

/* An array of item codes of the matter, as indexes (no repeats). */
static int *read_codes(struct ps *s, const json_t *obj, const char *base, const char *key, int *n)
{
	bool bad;
	const json_t *arr = get_array(s, obj, base, key, YC_INTERVIEW_MAX_ITEMS, &bad);
	*n = 0;
	if (!arr)
		return NULL;
	int *out = yc_alloc(s->a, sizeof *out * (json_array_size(arr) + 1));
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		const char *f = yc_printf(s->a, "%s[%zu]", at(s->a, base, key), i);
		if (!json_is_string(x)) {
			yc_problem_add(s->p, f, "应为事项实施编码");
			continue;
		}
		int k = item_index(s->iv, json_string_value(x));
		if (k < 0) {
			yc_problem_add(s->p, f, "“%s”不是本一件事的涉及事项", json_string_value(x));
			continue;
		}
		bool dup = false;
		for (int j = 0; j < *n && !dup; j++)
			dup = out[j] == k;
		if (dup)
			yc_problem_add(s->p, f, "事项重复");
		else
			out[(*n)++] = k;
	}
	return out;
}

/* A full material object: the catalog's own material rules (catalog.h). */
static void check_full_material(struct ps *s, const json_t *m, const char *mb)
{
	struct yc_material tmp;
	(void)yc_material_from_json(m, mb, s->a, &tmp, s->p);
}

/* add_materials (full objects allowed) or drop_materials (references only). */
static struct yc_material_ref *read_materials(struct ps *s, const json_t *o, const char *base,
                                              const char *key, int outcome, int *n)
{
	bool bad, add = strcmp(key, "add_materials") == 0;
	const json_t *arr = get_array(s, o, base, key, YC_INTERVIEW_MAX_LIST, &bad);
	*n = 0;
	if (!arr)
		return NULL;
	struct yc_material_ref *out = yc_alloc(s->a, sizeof *out * (json_array_size(arr) + 1));
	size_t i;
	json_t *m;
	json_array_foreach(arr, i, m)
	{
		const char *mb = yc_printf(s->a, "%s.%s[%zu]", base, key, i);
		if (!json_is_object(m)) {
			yc_problem_add(s->p, mb, "应为对象 {\"item\", \"key\"}");
			continue;
		}
		bool full = add && json_object_get(m, "name");
		unknown_keys(s, m, mb, full ? mat_keys : ref_keys);
		const char *item = get_str(s, m, mb, "item", true, 24, false);
		const char *k = get_str(s, m, mb, "key", true, 64, false);
		if (k && !yc_key_ok(k)) {
			yc_problem_add(s->p, at(s->a, mb, "key"),
			               "只能由小写字母、数字和下划线组成");
			k = NULL;
		}
		if (item && item_index(s->iv, item) < 0) {
			yc_problem_add(s->p, at(s->a, mb, "item"), "“%s”不是本一件事的涉及事项",
			               item);
			item = NULL;
		}
		if (full)
			check_full_material(s, m, mb);
		if (!item || !k)
			continue;
		bool dup = false;
		for (int j = 0; j < *n && !dup; j++)
			dup = strcmp(out[j].item, item) == 0 && strcmp(out[j].key, k) == 0;
		if (dup) {
			yc_problem_add(s->p, mb, "材料重复");
			continue;
		}
		out[(*n)++] = (struct yc_material_ref){
		    .item = item, .key = k, .material = full ? m : NULL, .outcome = outcome};
	}
	return out;
}

static const json_t **read_fields(struct ps *s, const json_t *o, const char *base, int *n)
{
	bool bad;
	const json_t *arr = get_array(s, o, base, "add_fields", YC_INTERVIEW_MAX_LIST, &bad);
	*n = 0;
	if (!arr)
		return NULL;
	const json_t **out = yc_alloc(s->a, sizeof *out * (json_array_size(arr) + 1));
	size_t i;
	json_t *f;
	json_array_foreach(arr, i, f)
	{
		const char *fb = yc_printf(s->a, "%s.add_fields[%zu]", base, i);
		if (!json_is_object(f)) {
			yc_problem_add(s->p, fb, "表单字段应为对象 {\"key\", \"label\", \"type\"}");
			continue;
		}
		int before = s->p->n;
		const char *k = get_str(s, f, fb, "key", true, 64, false);
		if (k && !yc_key_ok(k))
			yc_problem_add(s->p, at(s->a, fb, "key"),
			               "只能由小写字母、数字和下划线组成");
		(void)get_str(s, f, fb, "label", true, 100, false);
		(void)oneof(s, f, fb, "type", true, field_types);
		(void)get_str(s, f, fb, "element", false, 64, false);
		if (s->p->n != before)
			continue;
		bool dup = false;
		for (int j = 0; j < *n && !dup; j++)
			dup = strcmp(json_string_value(json_object_get(out[j], "key")), k) == 0;
		if (dup)
			yc_problem_add(s->p, at(s->a, fb, "key"), "字段键“%s”重复", k);
		else
			out[(*n)++] = f;
	}
	return out;
}

static void read_outcome(struct ps *s, const json_t *x, int i, struct yc_outcome *o)
{
	const char *base = yc_printf(s->a, "outcomes[%d]", i);
	if (!json_is_object(x)) {
		yc_problem_add(s->p, base, "结果应为对象");
		o->when = json_false(); /* never applies; json_false() is a static singleton */
		return;
	}
	unknown_keys(s, x, base, o_keys);
	o->label = get_str(s, x, base, "label", false, 100, false);
	const json_t *w = json_object_get(x, "when");
	o->when = w && !json_is_null(w) ? w : NULL;
	s->cur = -1;
	yc_cond_check(o->when, at(s->a, base, "when"), resolve_q, s, NULL, s->p);
	o->include = read_codes(s, x, base, "include_items", &o->ninclude);
	o->exclude = read_codes(s, x, base, "exclude_items", &o->nexclude);
	for (int a = 0; a < o->ninclude; a++)
		for (int b = 0; b < o->nexclude; b++)
			if (o->include[a] == o->exclude[b])
				yc_problem_add(s->p, at(s->a, base, "exclude_items"),
				               "结果 %s 同时纳入和排除事项 %s", base,
				               s->iv->items[o->include[a]]);
	o->add = read_materials(s, x, base, "add_materials", i, &o->nadd);
	o->drop = read_materials(s, x, base, "drop_materials", i, &o->ndrop);
	o->fields = read_fields(s, x, base, &o->nfields);
	bool bad;
	const json_t *notes = get_array(s, x, base, "notes", YC_INTERVIEW_MAX_LIST, &bad);
	if (notes) {
		o->notes = yc_alloc(s->a, sizeof *o->notes * (json_array_size(notes) + 1));
		for (size_t k = 0; k < json_array_size(notes); k++) {
			const json_t *t = json_array_get(notes, k);
			struct yc_error e;
			const char *f = yc_printf(s->a, "%s.notes[%zu]", base, k);
			if (!json_is_string(t))
				yc_problem_add(s->p, f, "应为字符串");
			else if (yc_text_check(json_string_value(t), json_string_length(t), 1, 500,
			                       true, "note", &e) != YC_OK)
				yc_problem_add(s->p, f, "%s", e.message);
			else
				o->notes[o->nnotes++] = json_string_value(t);
		}
	}
}

bool yc_interview_parse(const json_t *def, const char *const *matter_items, int nitems,
                        struct yc_arena *a, struct yc_interview *out, struct yc_problems *p)
{
	int before = p->n;
	memset(out, 0, sizeof *out);
	out->def = def;
	out->a = a;
	out->items = matter_items;
	out->nitems = nitems < 0 ? 0 : nitems;
	struct ps s = {.iv = out, .p = p, .a = a, .cur = -1};
	if (!json_is_object(def)) {
		yc_problem_add(p, "interview", "导办定义应为 JSON 对象");
		return false;
	}
	if (out->nitems > YC_INTERVIEW_MAX_ITEMS) {
		yc_problem_add(p, "items", "一件事的涉及事项最多 %d 个", YC_INTERVIEW_MAX_ITEMS);
		return false;
	}
	unknown_keys(&s, def, "", top_keys);
	/* the caps first: nothing else is read from a definition over them */
	bool badq, bado;
	const json_t *qs = get_array(&s, def, "", "questions", YC_INTERVIEW_MAX_QUESTIONS, &badq);
	const json_t *os = get_array(&s, def, "", "outcomes", YC_INTERVIEW_MAX_OUTCOMES, &bado);
	if (badq || bado)
		return false;
	out->nq = qs ? (int)json_array_size(qs) : 0;
	out->q = yc_alloc(a, sizeof *out->q * (size_t)(out->nq + 1));
	for (int i = 0; i < out->nq; i++)
		read_question(&s, json_array_get(qs, (size_t)i), i, &out->q[i]);
	build_index(&s);
	for (int i = 0; i < out->nq; i++) {
		s.cur = i;
		yc_cond_check(out->q[i].when, yc_printf(a, "questions[%d].when", i), resolve_q, &s,
		              dep_q, p);
	}
	s.cur = -1;
	bool acyclic = order_questions(&s);

	out->base = yc_alloc(a, sizeof *out->base * (size_t)(out->nitems + 1));
	const json_t *items = json_object_get(def, "items");
	if (!items || json_is_null(items)) {
		for (int i = 0; i < out->nitems; i++)
			out->base[i] = out->items[i] != NULL;
	} else {
		int n;
		int *codes = read_codes(&s, def, "", "items", &n);
		for (int i = 0; i < n; i++)
			out->base[codes[i]] = true;
	}

	out->no = os ? (int)json_array_size(os) : 0;
	out->o = yc_alloc(a, sizeof *out->o * (size_t)(out->no + 1));
	for (int i = 0; i < out->no; i++)
		read_outcome(&s, json_array_get(os, (size_t)i), i, &out->o[i]);

	out->ok = p->n == before;
	out->analysable = acyclic;
	return out->ok;
}

/* ---- applying outcomes ---- */

/* The outcomes that hold on `values`, the first includer and excluder of each item, and the
 * final item map: (base ∪ included) \ excluded. */
struct apply {
	int *applied, napplied;
	int *inc, *exc; /* per item: first outcome including / excluding it, or -1 */
	unsigned char *set;
	int nset;
};

static void apply_init(const struct yc_interview *iv, struct yc_arena *a, struct apply *ap)
{
	size_t ni = (size_t)iv->nitems + 1;
	ap->applied = yc_alloc(a, sizeof *ap->applied * (size_t)(iv->no + 1));
	ap->inc = yc_alloc(a, sizeof *ap->inc * ni);
	ap->exc = yc_alloc(a, sizeof *ap->exc * ni);
	ap->set = yc_alloc(a, ni);
}

static void apply_outcomes(const struct yc_interview *iv, const json_t *values, struct apply *ap,
                           long *steps)
{
	ap->napplied = 0;
	for (int i = 0; i < iv->nitems; i++)
		ap->inc[i] = ap->exc[i] = -1;
	for (int k = 0; k < iv->no; k++) {
		const struct yc_outcome *o = &iv->o[k];
		if (!yc_cond_eval_steps(o->when, values, steps))
			continue;
		ap->applied[ap->napplied++] = k;
		for (int j = 0; j < o->ninclude; j++)
			if (ap->inc[o->include[j]] < 0)
				ap->inc[o->include[j]] = k;
		for (int j = 0; j < o->nexclude; j++)
			if (ap->exc[o->exclude[j]] < 0)
				ap->exc[o->exclude[j]] = k;
	}
	ap->nset = 0;
	for (int i = 0; i < iv->nitems; i++) {
		ap->set[i] = (iv->base[i] || ap->inc[i] >= 0) && ap->exc[i] < 0 && iv->items[i];
		ap->nset += ap->set[i];
	}
}

/* ---- the static analysis ---- */

struct consts {
	double *v;
	int n, cap;
	bool *mentioned; /* MULTI: options named by has */
	bool overflow;
};

struct contra {
	int a, b, item;
};

struct an {
	const struct yc_interview *iv;
	struct yc_interview_report *rep;
	struct yc_problems *p;
	struct yc_arena *a;
	json_t *values;
	json_t ***reps; /* per question: representative answers (not MULTI) */
	int *nreps;
	int **multi; /* MULTI: indexes of mentioned options */
	int *nmulti;
	struct consts *c;
	long steps;
	int stop; /* 0, STOP_PATHS, STOP_STEPS */
	bool *shown_now;
	struct apply ap;
	unsigned char **setmaps; /* per report set: its item map */
	struct contra *contra;
	int ncontra;
	bool contra_more;
	int noitem_reported;
	long noitem_paths;
};

enum { STOP_PATHS = 1, STOP_STEPS = 2 };
#define MAX_CONSTS   1024
#define MAX_CONTRA   100
#define MAX_NOITEM   10
#define DATE_MIN_DAY (-719162) /* 0001-01-01 */
#define DATE_MAX_DAY 2932896   /* 9999-12-31 */

static void add_const(struct an *s, int qi, double v)
{
	struct consts *c = &s->c[qi];
	for (int i = 0; i < c->n; i++)
		if (c->v[i] == v)
			return;
	if (c->n == MAX_CONSTS) {
		c->overflow = true;
		return;
	}
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 8;
		double *nv = yc_alloc(s->a, sizeof *nv * (size_t)cap);
		if (c->n)
			memcpy(nv, c->v, sizeof *nv * (size_t)c->n);
		c->v = nv;
		c->cap = cap;
	}
	c->v[c->n++] = v;
}

static bool date_day(const json_t *v, double *out)
{
	if (!json_is_string(v) || !yc_cond_date_valid(json_string_value(v), json_string_length(v)))
		return false;
	const char *d = json_string_value(v);
	int y = atoi(d);
	unsigned m = (unsigned)atoi(d + 5), day = (unsigned)atoi(d + 8);
	*out = (double)yc_days_from_civil(y, m, day);
	return true;
}

/* Region constants are kept as their codes read as numbers: an eq code as the 12-digit code
 * (the 6-digit form padded), a within prefix as -(prefix length * 10^13 + prefix digits), so
 * both fit in one list and are told apart by sign. */
static void add_region(struct an *s, int qi, const json_t *v, bool prefix)
{
	if (!json_is_string(v))
		return;
	const char *x = json_string_value(v);
	size_t n = json_string_length(v);
	if (prefix) {
		size_t m = yc_cond_region_prefix(x, n);
		if (m == 0)
			return;
		add_const(s, qi, -((double)m * 1e13 + strtod(yc_strndup(s->a, x, m), NULL)));
	} else if ((n == 6 || n == 12) && yc_cond_region_prefix(x, n)) {
		char full[13] = "000000000000";
		memcpy(full, x, n);
		add_const(s, qi, strtod(full, NULL));
	}
}

static void visit_const(void *ctx, const char *id, const char *op, const json_t *operand)
{
	struct an *s = ctx;
	int qi = find_q(s->iv, id);
	if (qi < 0)
		return;
	const struct yc_question *q = &s->iv->q[qi];
	bool list = strcmp(op, "in") == 0 && json_is_array(operand);
	size_t n = list ? json_array_size(operand) : 1;
	for (size_t i = 0; i < n; i++) {
		const json_t *v = list ? json_array_get(operand, i) : operand;
		double d;
		switch (q->type) {
		case YC_Q_NUMBER:
			if (strcmp(op, "answered") != 0 && json_is_number(v))
				add_const(s, qi, json_number_value(v));
			break;
		case YC_Q_DATE:
			if (strcmp(op, "answered") != 0 && date_day(v, &d))
				add_const(s, qi, d);
			break;
		case YC_Q_REGION:
			if (strcmp(op, "answered") != 0)
				add_region(s, qi, v, strcmp(op, "within") == 0);
			break;
		case YC_Q_MULTIPLE:
			if (strcmp(op, "has") == 0 && json_is_string(v))
				for (int k = 0; k < q->noptions; k++)
					if (strcmp(q->options[k].value, json_string_value(v)) == 0)
						s->c[qi].mentioned[k] = true;
			break;
		default:
			break;
		}
	}
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* A point of (lo, hi) ∩ [dlo, dhi] with the given openness (±INFINITY: unbounded), an integer
 * when `integer`; false when the intersection holds no such point. */
static bool pick(double lo, bool lo_open, double hi, bool hi_open, double dlo, double dhi,
                 bool integer, double *out)
{
	if (dlo > lo) {
		lo = dlo;
		lo_open = false;
	}
	if (dhi < hi) {
		hi = dhi;
		hi_open = false;
	}
	if (lo > hi || (lo == hi && (lo_open || hi_open)))
		return false;
	double x;
	if (integer) {
		if (isinf(lo) && isinf(hi))
			x = 0;
		else if (isinf(lo))
			x = hi_open ? ceil(hi) - 1 : floor(hi);
		else
			x = lo_open ? floor(lo) + 1 : ceil(lo);
	} else if (isinf(lo) && isinf(hi)) {
		x = 0;
	} else if (isinf(lo)) {
		x = hi_open ? hi - 1 : hi;
	} else if (isinf(hi)) {
		x = lo_open ? lo + 1 : lo;
	} else if (!lo_open) {
		x = lo;
	} else if (!hi_open) {
		x = hi;
	} else {
		x = lo / 2 + hi / 2;
	}
	if (x < lo || (x == lo && lo_open) || x > hi || (x == hi && hi_open) || isinf(x))
		return false;
	*out = x;
	return true;
}

static void add_rep(struct an *s, int qi, json_t *v, int *cap)
{
	if (s->nreps[qi] == *cap) {
		int ncap = *cap ? *cap * 2 : 8;
		json_t **nv = yc_alloc(s->a, sizeof *nv * (size_t)ncap);
		if (s->nreps[qi])
			memcpy(nv, s->reps[qi], sizeof *nv * (size_t)s->nreps[qi]);
		s->reps[qi] = nv;
		*cap = ncap;
	}
	s->reps[qi][s->nreps[qi]++] = v;
}

static json_t *number_json(double x)
{
	if (x == floor(x) && fabs(x) < 9007199254740992.0)
		return json_integer((json_int_t)x);
	return json_real(x);
}

static json_t *date_json(double day)
{
	int y;
	unsigned m, d;
	yc_civil_from_days((int64_t)day, &y, &m, &d);
	char buf[16];
	snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
	return json_string(buf);
}

/* Interval classes of a sorted constant list: below, at and between the constants, above. */
static void interval_reps(struct an *s, int qi, double dlo, double dhi, bool integer, bool date,
                          int *cap)
{
	struct consts *c = &s->c[qi];
	if (c->n > 1)
		qsort(c->v, (size_t)c->n, sizeof *c->v, cmp_double);
	double x;
	for (int i = 0; i <= c->n; i++) {
		double lo = i ? c->v[i - 1] : -INFINITY, hi = i < c->n ? c->v[i] : INFINITY;
		/* dates: a point near the constants rather than 0001-01-01 */
		if ((date && pick(lo, true, hi, true, -INFINITY, INFINITY, true, &x) && x >= dlo &&
		     x <= dhi) ||
		    pick(lo, true, hi, true, dlo, dhi, integer, &x))
			add_rep(s, qi, date ? date_json(x) : number_json(x), cap);
		if (i < c->n && pick(hi, false, hi, false, dlo, dhi, integer, &x))
			add_rep(s, qi, date ? date_json(x) : number_json(x), cap);
	}
}

/* Region classes: each code compared with eq/ne/in; for each within prefix a code whose deepest
 * enclosing prefix it is (and no compared code); and a code inside no prefix. */
struct region_consts {
	char (*codes)[13]; /* 12-digit */
	int ncodes;
	char (*prefixes)[13];
	size_t *plen;
	int nprefixes;
};

static bool region_taken(struct an *s, const struct region_consts *r, const char *code12,
                         size_t deepest)
{
	s->steps += 1 + r->ncodes + r->nprefixes;
	for (int i = 0; i < r->ncodes; i++)
		if (memcmp(r->codes[i], code12, 12) == 0)
			return true;
	for (int i = 0; i < r->nprefixes; i++)
		if (r->plen[i] > deepest && memcmp(r->prefixes[i], code12, r->plen[i]) == 0)
			return true;
	return false;
}

static json_t *region_json(const char *code12)
{
	return memcmp(code12 + 6, "000000", 6) == 0 ? json_stringn(code12, 6) : json_string(code12);
}

/* The k-th candidate code under prefix (len digits) at one level: 0 six-digit codes, 1 towns,
 * 2 villages; false when there is no k-th. */
static bool region_candidate(const char *prefix, size_t len, int level, int k, char out[13])
{
	static const int pow10[] = {1, 10, 100, 1000, 10000};
	char head[13] = "000000000000";
	memcpy(head, prefix, len);
	size_t from, to; /* the digits [from, to) that k fills */
	if (level == 0) {
		if (len > 6)
			return false;
		from = len;
		to = 6;
	} else if (level == 1) {
		if (len > 9)
			return false;
		from = len < 6 ? 6 : len;
		to = 9;
		if (len <= 6)
			k++; /* town 000 is the county itself */
	} else {
		if (len <= 6)
			head[8] = '1'; /* town 001 */
		from = len < 9 ? 9 : len;
		to = 12;
		if (len <= 9)
			k++; /* village 000 is the town itself */
	}
	size_t fill = to - from;
	if (fill > 4 || k >= pow10[fill])
		return false;
	for (size_t i = 0; i < fill; i++, k /= 10)
		head[to - 1 - i] = (char)('0' + k % 10);
	memcpy(out, head, 13);
	return true;
}

static void region_reps(struct an *s, int qi, int *cap)
{
	struct consts *c = &s->c[qi];
	struct region_consts r = {0};
	r.codes = yc_alloc(s->a, sizeof *r.codes * (size_t)(c->n + 1));
	r.prefixes = yc_alloc(s->a, sizeof *r.prefixes * (size_t)(c->n + 1));
	r.plen = yc_alloc(s->a, sizeof *r.plen * (size_t)(c->n + 1));
	if (c->n > 1)
		qsort(c->v, (size_t)c->n, sizeof *c->v, cmp_double);
	for (int i = 0; i < c->n; i++) {
		double v = c->v[i];
		if (v >= 0) {
			snprintf(r.codes[r.ncodes++], 13, "%012.0f", v);
		} else {
			double m = floor(-v / 1e13);
			size_t len = (size_t)m;
			snprintf(r.prefixes[r.nprefixes], 13, "%0*.0f", (int)len, -v - m * 1e13);
			r.plen[r.nprefixes++] = len;
		}
	}
	for (int i = 0; i < r.ncodes; i++)
		add_rep(s, qi, region_json(r.codes[i]), cap);
	for (int i = 0; i < r.nprefixes && s->steps <= YC_INTERVIEW_MAX_STEPS; i++) {
		/* a code whose deepest enclosing prefix is this one, compared with no eq code */
		size_t len = r.plen[i];
		if (len == 12) {
			char code[13];
			memcpy(code, r.prefixes[i], 13);
			if (!region_taken(s, &r, code, len))
				add_rep(s, qi, region_json(code), cap);
			continue;
		}
		bool found = false;
		char code[13];
		for (int level = 0; level < 3 && !found; level++)
			for (int k = 0; region_candidate(r.prefixes[i], len, level, k, code) &&
			                !found && s->steps <= YC_INTERVIEW_MAX_STEPS;
			     k++)
				found = yc_region_level(code, 12) != YC_REGION_INVALID &&
				        !region_taken(s, &r, code, len);
		if (found)
			add_rep(s, qi, region_json(code), cap);
	}
	static const char *const provinces[] = {
	    "43", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
	    "34", "35", "36", "37", "41", "42", "44", "45", "46", "50", "51", "52",
	    "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", NULL};
	static const char *const tails[] = {"0000000000", "0100000000", "0101000000", "0101001000",
	                                    NULL};
	for (const char *const *pv = provinces; *pv; pv++)
		for (const char *const *t = tails; *t; t++) {
			char code[13];
			memcpy(code, *pv, 2);
			memcpy(code + 2, *t, 11);
			if (!region_taken(s, &r, code, 0)) {
				add_rep(s, qi, region_json(code), cap);
				return;
			}
		}
}

static void classes(struct an *s)
{
	const struct yc_interview *iv = s->iv;
	for (int i = 0; i < iv->nq; i++)
		yc_cond_walk(iv->q[i].when, visit_const, s);
	for (int i = 0; i < iv->no; i++)
		yc_cond_walk(iv->o[i].when, visit_const, s);
	for (int qi = 0; qi < iv->nq; qi++) {
		const struct yc_question *q = &iv->q[qi];
		int cap = 0;
		if (s->c[qi].overflow)
			yc_problem_add(s->p, yc_printf(s->a, "questions[%d]", qi),
			               "条件中与问题“%s”比较的取值超过 %d 个，请简化", q->id,
			               MAX_CONSTS);
		switch (q->type) {
		case YC_Q_YESNO:
			add_rep(s, qi, json_true(), &cap);
			add_rep(s, qi, json_false(), &cap);
			break;
		case YC_Q_SINGLE:
			for (int k = 0; k < q->noptions; k++)
				add_rep(s, qi, json_string(q->options[k].value), &cap);
			break;
		case YC_Q_NUMBER:
			interval_reps(s, qi, q->has_min ? q->min : -INFINITY,
			              q->has_max ? q->max : INFINITY, q->integer, false, &cap);
			break;
		case YC_Q_DATE:
			interval_reps(s, qi, DATE_MIN_DAY, DATE_MAX_DAY, true, true, &cap);
			break;
		case YC_Q_REGION:
			region_reps(s, qi, &cap);
			break;
		case YC_Q_MULTIPLE:
			s->multi[qi] =
			    yc_alloc(s->a, sizeof *s->multi[qi] * (size_t)(q->noptions + 1));
			for (int k = 0; k < q->noptions; k++)
				if (s->c[qi].mentioned[k])
					s->multi[qi][s->nmulti[qi]++] = k;
			break;
		}
		if (q->id && (q->type == YC_Q_MULTIPLE ? q->noptions == 0 : s->nreps[qi] == 0))
			yc_problem_add(s->p, yc_printf(s->a, "questions[%d]", qi),
			               "问题“%s”没有任何可接受的回答（请检查选项或取值范围）",
			               q->id);
	}
}

/* The shown answers of the current path as JSON text, in definition order. */
static const char *example(struct an *s)
{
	json_t *o = json_object();
	for (int i = 0; i < s->iv->nq; i++) {
		json_t *v = s->iv->q[i].id ? json_object_get(s->values, s->iv->q[i].id) : NULL;
		if (v)
			json_object_set(o, s->iv->q[i].id, v);
	}
	char *t = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	const char *r = yc_strdup(s->a, t ? t : "{}");
	free(t);
	return r;
}

static void leaf(struct an *s)
{
	const struct yc_interview *iv = s->iv;
	struct yc_interview_report *rep = s->rep;
	if (rep->paths >= YC_INTERVIEW_MAX_PATHS) {
		s->stop = STOP_PATHS;
		return;
	}
	rep->paths++;
	for (int i = 0; i < iv->nq; i++)
		rep->shown[i] += s->shown_now[i];
	struct apply *ap = &s->ap;
	apply_outcomes(iv, s->values, ap, &s->steps);
	for (int k = 0; k < ap->napplied; k++)
		rep->applied[ap->applied[k]]++;
	if (rep->paths == 1 || ap->nset < rep->min_items)
		rep->min_items = ap->nset;
	if (ap->nset > rep->max_items)
		rep->max_items = ap->nset;

	for (int i = 0; i < iv->nitems; i++) {
		int a = ap->inc[i], b = ap->exc[i];
		if (a < 0 || b < 0 || a == b) /* one outcome against itself: a parse problem */
			continue;
		bool seen = false;
		for (int k = 0; k < s->ncontra && !seen; k++)
			seen = s->contra[k].a == a && s->contra[k].b == b && s->contra[k].item == i;
		if (seen)
			continue;
		if (s->ncontra == MAX_CONTRA) {
			s->contra_more = true;
			continue;
		}
		s->contra[s->ncontra++] = (struct contra){.a = a, .b = b, .item = i};
		yc_problem_add(s->p, yc_printf(s->a, "outcomes[%d]", a > b ? a : b),
		               "结果 %s 纳入而结果 %s 排除同一事项 %s，两者在同一情形下同时成立，"
		               "例如回答 %s",
		               outcome_name(s->a, iv, a), outcome_name(s->a, iv, b), iv->items[i],
		               example(s));
	}
	if (ap->nset == 0) {
		s->noitem_paths++;
		if (s->noitem_reported++ < MAX_NOITEM)
			yc_problem_add(s->p, "outcomes", "有情形没有任何涉及事项，例如回答 %s",
			               example(s));
	}
	for (int k = 0; k < rep->nsets; k++) {
		if (memcmp(s->setmaps[k], ap->set, (size_t)iv->nitems) == 0) {
			rep->sets[k].paths++;
			return;
		}
	}
	if (rep->nsets == YC_INTERVIEW_MAX_SETS) {
		rep->sets_truncated = true;
		return;
	}
	struct yc_interview_set *set = &rep->sets[rep->nsets];
	s->setmaps[rep->nsets] = yc_alloc(s->a, (size_t)iv->nitems + 1);
	memcpy(s->setmaps[rep->nsets], ap->set, (size_t)iv->nitems);
	rep->nsets++;
	set->items = yc_alloc(s->a, sizeof *set->items * (size_t)(ap->nset + 1));
	for (int i = 0; i < iv->nitems; i++)
		if (ap->set[i])
			set->items[set->nitems++] = iv->items[i];
	set->paths = 1;
	set->example = example(s);
	int *outs = yc_alloc(s->a, sizeof *outs * (size_t)(ap->napplied + 1));
	memcpy(outs, ap->applied, sizeof *outs * (size_t)ap->napplied);
	set->outcomes = outs;
	set->noutcomes = ap->napplied;
}

static void dfs(struct an *s, int k)
{
	if (s->stop)
		return;
	if (++s->steps > YC_INTERVIEW_MAX_STEPS) {
		s->stop = STOP_STEPS;
		return;
	}
	const struct yc_interview *iv = s->iv;
	if (k == iv->nq) {
		leaf(s);
		return;
	}
	int qi = iv->order[k];
	const struct yc_question *q = &iv->q[qi];
	if (!q->id || !yc_cond_eval_steps(q->when, s->values, &s->steps)) {
		s->shown_now[qi] = false;
		dfs(s, k + 1);
		return;
	}
	s->shown_now[qi] = true;
	if (q->type != YC_Q_MULTIPLE) {
		for (int r = 0; r < s->nreps[qi] && !s->stop; r++) {
			json_object_set(s->values, q->id, s->reps[qi][r]);
			dfs(s, k + 1);
		}
	} else {
		/* every subset of the options that conditions name; an empty subset stands for
		 * answers of only unnamed options (when there are any) */
		int nm = s->nmulti[qi];
		bool unnamed = q->noptions > nm;
		unsigned char bits[YC_INTERVIEW_MAX_OPTIONS + 1] = {0};
		for (;;) {
			json_t *arr = json_array();
			for (int b = 0; b < nm; b++)
				if (bits[b])
					json_array_append_new(
					    arr, json_string(q->options[s->multi[qi][b]].value));
			if (json_array_size(arr) == 0 && unnamed) {
				for (int o = 0; o < q->noptions; o++)
					if (!s->c[qi].mentioned[o]) {
						json_array_append_new(
						    arr, json_string(q->options[o].value));
						break;
					}
			}
			if (json_array_size(arr) > 0) {
				json_object_set(s->values, q->id, arr);
				dfs(s, k + 1);
			}
			json_decref(arr);
			int b = 0;
			while (b < nm && bits[b]) /* binary increment */
				bits[b++] = 0;
			if (b == nm || s->stop)
				break;
			bits[b] = 1;
		}
	}
	json_object_del(s->values, q->id);
}

bool yc_interview_analyse(const struct yc_interview *iv, struct yc_interview_report *rep,
                          struct yc_problems *p)
{
	int before = p->n;
	struct yc_arena *a = iv->a;
	memset(rep, 0, sizeof *rep);
	rep->nq = iv->nq;
	rep->no = iv->no;
	rep->shown = yc_alloc(a, sizeof *rep->shown * (size_t)(iv->nq + 1));
	rep->applied = yc_alloc(a, sizeof *rep->applied * (size_t)(iv->no + 1));
	rep->sets = yc_alloc(a, sizeof *rep->sets * YC_INTERVIEW_MAX_SETS);
	if (!iv->analysable || !iv->order) {
		yc_problem_add(p, "interview", "导办定义有结构性错误（如循环引用），无法分析情形");
		return false;
	}
	size_t nq = (size_t)iv->nq + 1;
	struct an s = {.iv = iv, .rep = rep, .p = p, .a = a};
	s.values = json_object();
	s.reps = yc_alloc(a, sizeof *s.reps * nq);
	s.nreps = yc_alloc(a, sizeof *s.nreps * nq);
	s.multi = yc_alloc(a, sizeof *s.multi * nq);
	s.nmulti = yc_alloc(a, sizeof *s.nmulti * nq);
	s.c = yc_alloc(a, sizeof *s.c * nq);
	for (int i = 0; i < iv->nq; i++)
		s.c[i].mentioned = yc_alloc(a, sizeof(bool) * (size_t)(iv->q[i].noptions + 1));
	s.shown_now = yc_alloc(a, sizeof *s.shown_now * nq);
	s.setmaps = yc_alloc(a, sizeof *s.setmaps * YC_INTERVIEW_MAX_SETS);
	s.contra = yc_alloc(a, sizeof *s.contra * MAX_CONTRA);
	apply_init(iv, a, &s.ap);

	classes(&s);
	if (s.steps > YC_INTERVIEW_MAX_STEPS)
		s.stop = STOP_STEPS;
	dfs(&s, 0);

	rep->steps = s.steps;
	rep->truncated = s.stop != 0;
	if (s.stop == STOP_PATHS)
		yc_problem_add(p, "questions", "情形组合超过 %d 种，请拆分问题",
		               YC_INTERVIEW_MAX_PATHS);
	else if (s.stop == STOP_STEPS)
		yc_problem_add(p, "questions",
		               "静态检查的计算量超过上限（%d 步），请简化条件或拆分问题",
		               YC_INTERVIEW_MAX_STEPS);
	if (s.contra_more)
		yc_problem_add(p, "outcomes", "另有更多相互矛盾的结果未列出");
	if (s.noitem_paths > MAX_NOITEM)
		yc_problem_add(p, "outcomes", "共有 %ld 种情形没有任何涉及事项", s.noitem_paths);
	if (!s.stop && rep->paths > 0) /* no path at all: the reason is reported above */
		for (int i = 0; i < iv->nq; i++)
			if (iv->q[i].id && rep->shown[i] == 0)
				yc_problem_add(p, yc_printf(a, "questions[%d]", i),
				               "问题“%s”在任何情形下都不会出现", iv->q[i].id);

	json_decref(s.values);
	for (int i = 0; i < iv->nq; i++)
		for (int r = 0; r < s.nreps[i]; r++)
			json_decref(s.reps[i][r]);
	return p->n == before;
}

bool yc_interview_check(const json_t *def, const char *const *matter_items, int nitems,
                        struct yc_arena *a, struct yc_interview *iv,
                        struct yc_interview_report *rep, struct yc_problems *p)
{
	bool ok = yc_interview_parse(def, matter_items, nitems, a, iv, p);
	memset(rep, 0, sizeof *rep);
	if (!iv->analysable)
		return false;
	return yc_interview_analyse(iv, rep, p) && ok;
}

static json_t *int_array(const int *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_integer(v[i]));
	return a;
}

static json_t *str_array(const char *const *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

json_t *yc_interview_report_json(const struct yc_interview *iv,
                                 const struct yc_interview_report *rep)
{
	json_t *sets = json_array(), *qs = json_array(), *os = json_array();
	for (int i = 0; i < rep->nsets; i++) {
		const struct yc_interview_set *x = &rep->sets[i];
		json_t *ex = x->example ? json_loads(x->example, 0, NULL) : NULL;
		json_array_append_new(sets, json_pack("{s:o, s:I, s:o, s:o}", "items",
		                                      str_array(x->items, x->nitems), "paths",
		                                      (json_int_t)x->paths, "example",
		                                      ex ? ex : json_object(), "outcomes",
		                                      int_array(x->outcomes, x->noutcomes)));
	}
	for (int i = 0; i < rep->nq && i < iv->nq; i++)
		json_array_append_new(qs, json_pack("{s:s?, s:I}", "id", iv->q[i].id, "shown_paths",
		                                    (json_int_t)rep->shown[i]));
	for (int i = 0; i < rep->no && i < iv->no; i++)
		json_array_append_new(os, json_pack("{s:i, s:s?, s:I}", "index", i, "label",
		                                    iv->o[i].label, "applied_paths",
		                                    (json_int_t)rep->applied[i]));
	return json_pack(
	    "{s:I, s:b, s:i, s:i, s:o, s:b, s:o, s:o}", "paths", (json_int_t)rep->paths, "complete",
	    !rep->truncated, "min_items", rep->min_items, "max_items", rep->max_items, "situations",
	    sets, "situations_truncated", rep->sets_truncated, "questions", qs, "outcomes", os);
}

/* ---- the runtime step ---- */

enum ans { ANS_NONE, ANS_OK, ANS_BAD };

static const char *answer_problem(struct yc_arena *a, const struct yc_question *q, const json_t *v)
{
	switch (q->type) {
	case YC_Q_SINGLE: {
		if (yc_cond_value_ok(&q->ref, v))
			return NULL;
		char *list = yc_strdup(a, "");
		for (int k = 0; k < q->noptions; k++)
			list = yc_printf(a, "%s%s%s", list, k ? "、" : "", q->options[k].value);
		return yc_printf(a, "应为选项之一：%s", list);
	}
	case YC_Q_MULTIPLE:
		return yc_cond_value_ok(&q->ref, v) ? NULL : "应为非空数组，每项为不重复的选项值";
	case YC_Q_YESNO:
		return json_is_boolean(v) ? NULL : "应为 true 或 false";
	case YC_Q_NUMBER: {
		if (!json_is_number(v))
			return "应为数字";
		double x = json_number_value(v);
		if (q->integer && x != floor(x))
			return "应为整数";
		if (q->has_min && x < q->min)
			return yc_printf(a, "应不小于 %g", q->min);
		if (q->has_max && x > q->max)
			return yc_printf(a, "应不大于 %g", q->max);
		return NULL;
	}
	case YC_Q_DATE:
		return yc_cond_value_ok(&q->ref, v) ? NULL : "应为 YYYY-MM-DD 格式的有效日期";
	case YC_Q_REGION:
		return yc_cond_value_ok(&q->ref, v) ? NULL
		                                    : "应为有效的行政区划代码（6 位或 12 位数字）";
	}
	return "无效";
}

static void situation(const struct yc_interview *iv, struct yc_arena *a, const struct apply *ap,
                      struct yc_situation_core *out)
{
	out->complete = true;
	out->items = yc_alloc(a, sizeof *out->items * (size_t)(ap->nset + 1));
	for (int i = 0; i < iv->nitems; i++)
		if (ap->set[i])
			out->items[out->nitems++] = iv->items[i];
	out->outcomes = yc_alloc(a, sizeof *out->outcomes * (size_t)(ap->napplied + 1));
	memcpy(out->outcomes, ap->applied, sizeof *out->outcomes * (size_t)ap->napplied);
	out->noutcomes = ap->napplied;
	int nadd = 0, ndrop = 0, nfields = 0, nnotes = 0;
	for (int k = 0; k < ap->napplied; k++) {
		const struct yc_outcome *o = &iv->o[ap->applied[k]];
		nadd += o->nadd;
		ndrop += o->ndrop;
		nfields += o->nfields;
		nnotes += o->nnotes;
	}
	out->add = yc_alloc(a, sizeof *out->add * (size_t)(nadd + 1));
	out->drop = yc_alloc(a, sizeof *out->drop * (size_t)(ndrop + 1));
	out->fields = yc_alloc(a, sizeof *out->fields * (size_t)(nfields + 1));
	out->notes = yc_alloc(a, sizeof *out->notes * (size_t)(nnotes + 1));
	for (int k = 0; k < ap->napplied; k++) {
		const struct yc_outcome *o = &iv->o[ap->applied[k]];
		for (int pass = 0; pass < 2; pass++) {
			const struct yc_material_ref *src = pass ? o->drop : o->add;
			struct yc_material_ref *dst = pass ? out->drop : out->add;
			int *n = pass ? &out->ndrop : &out->nadd;
			for (int j = 0; j < (pass ? o->ndrop : o->nadd); j++) {
				int it = item_index(iv, src[j].item);
				if (it < 0 || !ap->set[it])
					continue; /* belongs to an item not in this situation */
				bool dup = false;
				for (int m = 0; m < *n && !dup; m++)
					dup = strcmp(dst[m].item, src[j].item) == 0 &&
					      strcmp(dst[m].key, src[j].key) == 0;
				if (!dup)
					dst[(*n)++] = src[j];
			}
		}
		for (int j = 0; j < o->nfields; j++) {
			const char *key = json_string_value(json_object_get(o->fields[j], "key"));
			bool dup = false;
			for (int m = 0; m < out->nfields && !dup; m++)
				dup = strcmp(
				          json_string_value(json_object_get(out->fields[m], "key")),
				          key) == 0;
			if (!dup)
				out->fields[out->nfields++] = o->fields[j];
		}
		for (int j = 0; j < o->nnotes; j++) {
			bool dup = false;
			for (int m = 0; m < out->nnotes && !dup; m++)
				dup = strcmp(out->notes[m], o->notes[j]) == 0;
			if (!dup)
				out->notes[out->nnotes++] = o->notes[j];
		}
	}
}

#define MAX_UNKNOWN_ANSWERS 20

enum yc_status yc_interview_step(const struct yc_interview *iv, const json_t *answers,
                                 struct yc_arena *a, json_t **next_questions,
                                 struct yc_situation_core *out, struct yc_problems *p)
{
	*next_questions = NULL;
	memset(out, 0, sizeof *out);
	if (!iv->ok || !iv->order) {
		yc_problem_add(p, "interview", "本一件事的导办定义有误，暂不能使用");
		return YC_E_CONFLICT;
	}
	if (answers && json_is_null(answers))
		answers = NULL;
	if (answers && !json_is_object(answers)) {
		yc_problem_add(p, "answers", "应为对象：问题标识 → 回答");
		return YC_E_BAD_INPUT;
	}
	int before = p->n;
	size_t nq = (size_t)iv->nq + 1;
	enum ans *st = yc_alloc(a, sizeof *st * nq);
	const char **why = yc_alloc(a, sizeof *why * nq);
	bool *shown = yc_alloc(a, sizeof *shown * nq), *uncertain = yc_alloc(a, nq);
	size_t known = 0;
	for (int i = 0; i < iv->nq; i++) {
		const json_t *v = answers ? json_object_get(answers, iv->q[i].id) : NULL;
		if (v)
			known++;
		if (!v || json_is_null(v))
			continue;
		why[i] = answer_problem(a, &iv->q[i], v);
		st[i] = why[i] ? ANS_BAD : ANS_OK;
	}
	if (answers && json_object_size(answers) > known) {
		int unknown = 0;
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)answers, k, v)
		{
			if (find_q(iv, k) >= 0)
				continue;
			if (++unknown > MAX_UNKNOWN_ANSWERS)
				break;
			yc_problem_add(p, yc_printf(a, "answers.%s", k), "没有这个问题");
		}
		if (unknown > MAX_UNKNOWN_ANSWERS)
			yc_problem_add(p, "answers", "还有更多不认识的问题标识，未逐一列出");
	}

	/* visibility, each question after those it references; a question depending on a bad
	 * answer is undecided and gets no "not shown" problem */
	json_t *values = json_object();
	long steps = 0;
	for (int k = 0; k < iv->nq; k++) {
		int i = iv->order[k];
		const struct yc_question *q = &iv->q[i];
		for (int d = 0; d < q->ndeps && !uncertain[i]; d++)
			uncertain[i] = st[q->deps[d]] == ANS_BAD || uncertain[q->deps[d]];
		if (uncertain[i])
			continue;
		shown[i] = yc_cond_eval_steps(q->when, values, &steps);
		if (shown[i] && st[i] == ANS_OK)
			json_object_set(values, q->id, json_object_get(answers, q->id));
	}
	for (int i = 0; i < iv->nq; i++) {
		if (st[i] != ANS_NONE && !shown[i] && !uncertain[i])
			yc_problem_add(p, yc_printf(a, "answers.%s", iv->q[i].id),
			               "在当前回答下不出现这个问题，不应作答");
		else if (st[i] == ANS_BAD)
			yc_problem_add(p, yc_printf(a, "answers.%s", iv->q[i].id), "%s", why[i]);
	}
	if (p->n != before) {
		json_decref(values);
		return YC_E_BAD_INPUT;
	}

	json_t *next = NULL;
	for (int i = 0; i < iv->nq; i++) {
		if (!shown[i] || st[i] != ANS_NONE)
			continue;
		if (!next)
			next = json_array();
		json_t *q = json_deep_copy(iv->q[i].def);
		json_object_del(q, "when");
		json_array_append_new(next, q);
	}
	if (next) {
		json_decref(values);
		*next_questions = next;
		return YC_OK;
	}
	struct apply ap;
	apply_init(iv, a, &ap);
	apply_outcomes(iv, values, &ap, &steps);
	json_decref(values);
	situation(iv, a, &ap, out);
	if (out->nitems == 0) {
		yc_problem_add(p, "interview", "按这些回答没有任何涉及事项，导办定义有误");
		return YC_E_CONFLICT;
	}
	return YC_OK;
}

json_t *yc_situation_core_json(const struct yc_situation_core *s)
{
	json_t *add = json_array(), *drop = json_array(), *fields = json_array();
	for (int i = 0; i < s->nadd; i++)
		json_array_append_new(add, s->add[i].material
		                               ? json_deep_copy(s->add[i].material)
		                               : json_pack("{s:s, s:s}", "item", s->add[i].item,
		                                           "key", s->add[i].key));
	for (int i = 0; i < s->ndrop; i++)
		json_array_append_new(
		    drop, json_pack("{s:s, s:s}", "item", s->drop[i].item, "key", s->drop[i].key));
	for (int i = 0; i < s->nfields; i++)
		json_array_append_new(fields, json_deep_copy(s->fields[i]));
	return json_pack("{s:b, s:o, s:o, s:o, s:o, s:o, s:o}", "complete", s->complete, "items",
	                 str_array(s->items, s->nitems), "add_materials", add, "drop_materials",
	                 drop, "fields", fields, "notes", str_array(s->notes, s->nnotes),
	                 "outcomes", int_array(s->outcomes, s->noutcomes));
}

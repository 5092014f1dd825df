/* cond.c — the one condition language (interview questions and outcomes, form required-when); see
 * cond.h and docs/interview.md. Checking is strict and names every problem; evaluation is lenient
 * (anything malformed is false) so that it is safe on any input. Both are bounded: nesting by
 * YC_COND_MAX_DEPTH, size (for checking) by YC_COND_MAX_NODES. */
#include "cond.h"

#include "arena.h"
#include "codes.h"

#include <string.h>

/* ---- values ---- */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool yc_cond_date_valid(const char *s, size_t len)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) || !digits(s + 5, 2) ||
	    !digits(s + 8, 2))
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	int max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

static bool region_valid(const json_t *v)
{
	if (!json_is_string(v))
		return false;
	size_t n = json_string_length(v);
	return (n == 6 || n == 12) && strlen(json_string_value(v)) == n &&
	       yc_region_level(json_string_value(v), n) != YC_REGION_INVALID;
}

static bool in_options(const struct yc_cond_ref *r, const json_t *v)
{
	if (!json_is_string(v) || !r->options)
		return false;
	const char *s = json_string_value(v);
	for (const char *const *o = r->options; *o; o++)
		if (strcmp(*o, s) == 0)
			return true;
	return false;
}

bool yc_cond_value_ok(const struct yc_cond_ref *r, const json_t *v)
{
	if (!r || !v)
		return false;
	switch (r->type) {
	case YC_CT_TEXT:
		return json_is_string(v);
	case YC_CT_CHOICE:
		return in_options(r, v);
	case YC_CT_MULTI: {
		if (!json_is_array(v) || json_array_size(v) == 0)
			return false;
		size_t i, k;
		json_t *x;
		json_array_foreach(v, i, x)
		{
			if (!in_options(r, x))
				return false;
			for (k = 0; k < i; k++)
				if (strcmp(json_string_value(json_array_get(v, k)),
				           json_string_value(x)) == 0)
					return false;
		}
		return true;
	}
	case YC_CT_BOOL:
		return json_is_boolean(v);
	case YC_CT_NUMBER:
		return json_is_number(v);
	case YC_CT_DATE:
		return json_is_string(v) &&
		       yc_cond_date_valid(json_string_value(v), json_string_length(v));
	case YC_CT_REGION:
		return region_valid(v);
	}
	return false;
}

/* The meaningful prefix of a region code or prefix for "within": "430100" → "4301", "430000" →
 * "43", "430104000000" → "430104", "430104001000" → "430104001"; 2, 4 and 9 digits stay. Returns
 * the length, 0 when s is not such a prefix. */
static size_t region_prefix(const char *s, size_t n)
{
	if (!digits(s, n))
		return 0;
	if (n == 12) {
		if (memcmp(s + 6, "000000", 6) != 0)
			return memcmp(s + 9, "000", 3) == 0 ? 9 : 12;
		n = 6;
	}
	if (n == 6)
		return memcmp(s + 2, "0000", 4) == 0 ? 2 : memcmp(s + 4, "00", 2) == 0 ? 4 : 6;
	return n == 2 || n == 4 || n == 9 ? n : 0;
}

size_t yc_cond_region_prefix(const char *s, size_t n)
{
	return s ? region_prefix(s, n) : 0;
}

/* A "within" operand: 2, 4, 6, 9 or 12 digits that pad (with zeros) to a valid region code. */
static bool within_ok(const json_t *v)
{
	if (!json_is_string(v))
		return false;
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (strlen(s) != n || region_prefix(s, n) == 0)
		return false;
	char full[13] = "000000000000";
	memcpy(full, s, n);
	return yc_region_level(full, n <= 6 ? 6 : 12) != YC_REGION_INVALID;
}

/* ---- checking ---- */

struct chk {
	yc_cond_resolve resolve;
	void *ctx;
	yc_cond_dep dep;
	struct yc_problems *p;
	const char *root; /* the path of the whole condition */
	int nodes;
	bool too_many;
};

static const char *const ops[] = {"eq", "ne",  "in",     "has",      "gt", "gte",
                                  "lt", "lte", "within", "answered", NULL};

static bool is_op(const char *k)
{
	for (const char *const *o = ops; *o; o++)
		if (strcmp(*o, k) == 0)
			return true;
	return false;
}

static const char *type_zh(enum yc_cond_type t)
{
	switch (t) {
	case YC_CT_TEXT:
		return "文本";
	case YC_CT_CHOICE:
		return "单选";
	case YC_CT_MULTI:
		return "多选";
	case YC_CT_BOOL:
		return "是否";
	case YC_CT_NUMBER:
		return "数字";
	case YC_CT_DATE:
		return "日期";
	case YC_CT_REGION:
		return "行政区划";
	}
	return "?";
}

static const char *sub(struct chk *k, const char *path, const char *key)
{
	return yc_printf(k->p->a, "%s.%s", path, key);
}

/* One operand of eq / ne / in for a reference of type r->type. */
static void check_scalar(struct chk *k, const struct yc_cond_ref *r, const json_t *v,
                         const char *path)
{
	switch (r->type) {
	case YC_CT_TEXT:
		if (!json_is_string(v))
			yc_problem_add(k->p, path, "“%s”是文本，比较值应为字符串", r->id);
		return;
	case YC_CT_CHOICE:
		if (!json_is_string(v))
			yc_problem_add(k->p, path, "“%s”是单选，比较值应为选项的值（字符串）",
			               r->id);
		else if (!in_options(r, v))
			yc_problem_add(k->p, path, "“%s”没有选项“%s”", r->id, json_string_value(v));
		return;
	case YC_CT_MULTI:
		return; /* refused by the caller */
	case YC_CT_BOOL:
		if (!json_is_boolean(v))
			yc_problem_add(k->p, path, "“%s”是是否题，比较值应为 true 或 false", r->id);
		return;
	case YC_CT_NUMBER:
		if (!json_is_number(v))
			yc_problem_add(k->p, path, "“%s”是数字，比较值应为数字", r->id);
		return;
	case YC_CT_DATE:
		if (!json_is_string(v) ||
		    !yc_cond_date_valid(json_string_value(v), json_string_length(v)))
			yc_problem_add(k->p, path, "“%s”是日期，比较值应为 YYYY-MM-DD 格式的日期",
			               r->id);
		return;
	case YC_CT_REGION:
		if (!region_valid(v))
			yc_problem_add(k->p, path, "“%s”是行政区划，比较值应为有效的行政区划代码",
			               r->id);
		return;
	}
}

static void check_operand(struct chk *k, const struct yc_cond_ref *r, const char *op,
                          const json_t *v, const char *path)
{
	if (strcmp(op, "answered") == 0) {
		if (!json_is_boolean(v))
			yc_problem_add(k->p, path, "answered 的值应为 true 或 false");
		return;
	}
	if (strcmp(op, "has") == 0) {
		if (r->type != YC_CT_MULTI)
			yc_problem_add(k->p, path, "has 只用于多选问题，“%s”是%s", r->id,
			               type_zh(r->type));
		else if (!json_is_string(v))
			yc_problem_add(k->p, path, "has 的值应为选项的值（字符串）");
		else if (!in_options(r, v))
			yc_problem_add(k->p, path, "“%s”没有选项“%s”", r->id, json_string_value(v));
		return;
	}
	if (strcmp(op, "within") == 0) {
		if (r->type != YC_CT_REGION)
			yc_problem_add(k->p, path, "within 只用于行政区划，“%s”是%s", r->id,
			               type_zh(r->type));
		else if (!within_ok(v))
			yc_problem_add(
			    k->p, path,
			    "within 的值应为行政区划代码或其前缀（2、4、6、9 或 12 位数字）");
		return;
	}
	if (op[0] == 'g' || op[0] == 'l') { /* gt gte lt lte */
		if (r->type != YC_CT_NUMBER && r->type != YC_CT_DATE)
			yc_problem_add(k->p, path, "%s 只用于数字和日期，“%s”是%s", op, r->id,
			               type_zh(r->type));
		else
			check_scalar(k, r, v, path);
		return;
	}
	/* eq ne in */
	if (r->type == YC_CT_MULTI) {
		yc_problem_add(k->p, path, "“%s”是多选问题，请用 has 判断是否选中某个选项", r->id);
		return;
	}
	if (strcmp(op, "in") != 0) {
		check_scalar(k, r, v, path);
		return;
	}
	if (!json_is_array(v) || json_array_size(v) == 0) {
		yc_problem_add(k->p, path, "in 的值应为非空数组");
		return;
	}
	if (json_array_size(v) > YC_COND_MAX_NODES) {
		yc_problem_add(k->p, path, "in 的值最多 %d 个", YC_COND_MAX_NODES);
		return;
	}
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) check_scalar(k, r, x, yc_printf(k->p->a, "%s[%zu]", path, i));
}

static void check_node(struct chk *k, const json_t *c, const char *path, int depth);

static void check_list(struct chk *k, const json_t *v, const char *path, int depth)
{
	if (!json_is_array(v) || json_array_size(v) == 0) {
		yc_problem_add(k->p, path, "应为非空的条件数组");
		return;
	}
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		if (k->too_many)
			return;
		check_node(k, x, yc_printf(k->p->a, "%s[%zu]", path, i), depth + 1);
	}
}

static void check_node(struct chk *k, const json_t *c, const char *path, int depth)
{
	if (++k->nodes > YC_COND_MAX_NODES) {
		if (!k->too_many)
			yc_problem_add(k->p, k->root, "条件过于复杂：最多 %d 个节点",
			               YC_COND_MAX_NODES);
		k->too_many = true;
		return;
	}
	if (json_is_boolean(c))
		return;
	if (!json_is_object(c)) {
		yc_problem_add(k->p, path, "条件应为 true、false 或对象");
		return;
	}
	const json_t *all = json_object_get(c, "all"), *any = json_object_get(c, "any"),
	             *not = json_object_get(c, "not");
	if (all || any || not ) {
		const char *key;
		json_t *v;
		bool first = true;
		json_object_foreach((json_t *)c, key, v)
		{
			bool comb = strcmp(key, "all") == 0 || strcmp(key, "any") == 0 ||
			            strcmp(key, "not") == 0;
			if (comb && first) {
				first = false;
				continue;
			}
			yc_problem_add(k->p, sub(k, path, key),
			               comb
			                   ? "all、any、not 每个条件只能用一个"
			                   : "all、any、not 不能与其他键并用（不认识的运算符“%s”）",
			               key);
		}
		if (depth >= YC_COND_MAX_DEPTH) {
			yc_problem_add(k->p, path, "条件嵌套超过 %d 层", YC_COND_MAX_DEPTH);
			return;
		}
		if (all)
			check_list(k, all, sub(k, path, "all"), depth);
		else if (any)
			check_list(k, any, sub(k, path, "any"), depth);
		else
			check_node(k, not, sub(k, path, "not"), depth + 1);
		return;
	}
	const char *key, *op = NULL;
	json_t *v, *operand = NULL;
	int nops = 0;
	json_object_foreach((json_t *)c, key, v)
	{
		if (strcmp(key, "ref") == 0)
			continue;
		if (!is_op(key)) {
			yc_problem_add(k->p, sub(k, path, key), "不认识的运算符“%s”", key);
			continue;
		}
		if (nops++ == 0) {
			op = key;
			operand = v;
		}
	}
	if (nops == 0)
		yc_problem_add(k->p, path,
		               "缺少比较运算符（eq、ne、in、has、gt、gte、lt、lte、within、"
		               "answered 之一）");
	else if (nops > 1)
		yc_problem_add(k->p, path, "一个比较只能有一个运算符，多个比较请用 all 或 any");
	const json_t *ref = json_object_get(c, "ref");
	if (!ref) {
		yc_problem_add(k->p, sub(k, path, "ref"), "缺少 ref（引用的问题或字段）");
		return;
	}
	if (!json_is_string(ref) || json_string_length(ref) == 0) {
		yc_problem_add(k->p, sub(k, path, "ref"), "ref 应为问题或字段的标识（字符串）");
		return;
	}
	const char *id = json_string_value(ref);
	if (k->dep)
		k->dep(k->ctx, id);
	const struct yc_cond_ref *r = k->resolve ? k->resolve(k->ctx, id) : NULL;
	if (!r) {
		yc_problem_add(k->p, sub(k, path, "ref"), "引用了不存在的问题或字段“%s”", id);
		return;
	}
	if (nops == 1)
		check_operand(k, r, op, operand, sub(k, path, op));
}

bool yc_cond_check(const json_t *c, const char *path, yc_cond_resolve resolve, void *ctx,
                   yc_cond_dep dep, struct yc_problems *p)
{
	if (!c)
		return true;
	int before = p->n;
	const char *root = path && path[0] ? path : "when";
	struct chk k = {.resolve = resolve, .ctx = ctx, .dep = dep, .p = p, .root = root};
	check_node(&k, c, root, 0);
	return p->n == before;
}

/* ---- evaluation ---- */

static bool str_eq(const json_t *a, const json_t *b)
{
	size_t na = json_string_length(a), nb = json_string_length(b);
	const char *sa = json_string_value(a), *sb = json_string_value(b);
	if (na == nb)
		return memcmp(sa, sb, na) == 0;
	/* a region's 6-digit and zero-padded 12-digit forms are one region */
	if (na == 12 && nb == 6) {
		const char *t = sa;
		sa = sb;
		sb = t;
		na = 6;
		nb = 12;
	}
	return na == 6 && nb == 12 && digits(sa, 6) && memcmp(sa, sb, 6) == 0 &&
	       memcmp(sb + 6, "000000", 6) == 0;
}

static bool scalar_eq(const json_t *a, const json_t *b)
{
	if (json_is_number(a) && json_is_number(b))
		return json_number_value(a) == json_number_value(b);
	if (json_is_string(a) && json_is_string(b))
		return str_eq(a, b);
	if (json_is_boolean(a) && json_is_boolean(b))
		return json_is_true(a) == json_is_true(b);
	return false;
}

/* Order of v against the operand: false when they do not compare (different kinds). */
static bool order(const json_t *v, const json_t *w, int *out)
{
	if (json_is_number(v) && json_is_number(w)) {
		double x = json_number_value(v), y = json_number_value(w);
		*out = x < y ? -1 : x > y ? 1 : 0;
		return true;
	}
	if (json_is_string(v) && json_is_string(w)) {
		int r = strcmp(json_string_value(v), json_string_value(w));
		*out = r < 0 ? -1 : r > 0 ? 1 : 0;
		return true;
	}
	return false;
}

static bool within(const json_t *v, const json_t *w)
{
	if (!json_is_string(v) || !json_is_string(w))
		return false;
	size_t m = region_prefix(json_string_value(w), json_string_length(w));
	return m > 0 && json_string_length(v) >= m &&
	       memcmp(json_string_value(v), json_string_value(w), m) == 0;
}

static bool compare(const json_t *c, const json_t *values)
{
	const json_t *ref = json_object_get(c, "ref");
	if (!json_is_string(ref))
		return false;
	const char *key, *op = NULL;
	json_t *w, *operand = NULL;
	json_object_foreach((json_t *)c, key, w)
	{
		if (strcmp(key, "ref") != 0) {
			op = key;
			operand = w;
			break;
		}
	}
	if (!op)
		return false;
	const json_t *v =
	    json_is_object(values) ? json_object_get(values, json_string_value(ref)) : NULL;
	bool absent = !v || json_is_null(v);
	if (strcmp(op, "answered") == 0)
		return json_is_boolean(operand) && json_is_true(operand) == !absent;
	if (absent)
		return false;
	int r;
	switch (op[0]) {
	case 'e':
		return strcmp(op, "eq") == 0 && scalar_eq(v, operand);
	case 'n':
		return strcmp(op, "ne") == 0 && !scalar_eq(v, operand);
	case 'i': {
		if (strcmp(op, "in") != 0 || !json_is_array(operand))
			return false;
		size_t i;
		json_t *x;
		json_array_foreach(operand, i, x) if (scalar_eq(v, x)) return true;
		return false;
	}
	case 'h': {
		if (strcmp(op, "has") != 0 || !json_is_array(v))
			return false;
		size_t i;
		json_t *x;
		json_array_foreach(v, i,
		                   x) if (json_is_string(x) && scalar_eq(x, operand)) return true;
		return false;
	}
	case 'g':
	case 'l':
		if (!order(v, operand, &r))
			return false;
		if (strcmp(op, "gt") == 0)
			return r > 0;
		if (strcmp(op, "gte") == 0)
			return r >= 0;
		if (strcmp(op, "lt") == 0)
			return r < 0;
		if (strcmp(op, "lte") == 0)
			return r <= 0;
		return false;
	case 'w':
		return strcmp(op, "within") == 0 && within(v, operand);
	}
	return false;
}

static bool eval_node(const json_t *c, const json_t *values, int depth, long *steps)
{
	(*steps)++;
	if (json_is_boolean(c))
		return json_is_true(c);
	if (!json_is_object(c) || depth > YC_COND_MAX_DEPTH)
		return false;
	const json_t *x;
	if ((x = json_object_get(c, "all"))) {
		if (!json_is_array(x))
			return false;
		size_t i;
		json_t *e;
		json_array_foreach(x, i,
		                   e) if (!eval_node(e, values, depth + 1, steps)) return false;
		return true;
	}
	if ((x = json_object_get(c, "any"))) {
		if (!json_is_array(x))
			return false;
		size_t i;
		json_t *e;
		json_array_foreach(x, i, e) if (eval_node(e, values, depth + 1, steps)) return true;
		return false;
	}
	if ((x = json_object_get(c, "not")))
		return depth + 1 <= YC_COND_MAX_DEPTH && !eval_node(x, values, depth + 1, steps);
	return compare(c, values);
}

bool yc_cond_eval_steps(const json_t *c, const json_t *values, long *steps)
{
	if (!c)
		return true;
	return eval_node(c, values, 0, steps);
}

bool yc_cond_eval(const json_t *c, const json_t *values)
{
	long steps = 0;
	return yc_cond_eval_steps(c, values, &steps);
}

/* ---- walking ---- */

static void walk(const json_t *c, yc_cond_visit visit, void *ctx, int depth)
{
	if (!json_is_object(c) || depth > YC_COND_MAX_DEPTH)
		return;
	const json_t *x;
	if ((x = json_object_get(c, "all")) || (x = json_object_get(c, "any"))) {
		size_t i;
		json_t *e;
		if (json_is_array(x))
			json_array_foreach(x, i, e) walk(e, visit, ctx, depth + 1);
		return;
	}
	if ((x = json_object_get(c, "not"))) {
		walk(x, visit, ctx, depth + 1);
		return;
	}
	const json_t *ref = json_object_get(c, "ref");
	if (!json_is_string(ref))
		return;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)c, key, v)
	{
		if (strcmp(key, "ref") != 0 && is_op(key))
			visit(ctx, json_string_value(ref), key, v);
	}
}

void yc_cond_walk(const json_t *c, yc_cond_visit visit, void *ctx)
{
	walk(c, visit, ctx, 0);
}

/* test_interview.c — unit tests of the condition language (cond.h) and of the guided interview
 * (interview.h): parsing and its problems, the static path analysis and the runtime step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "catalog.h"
#include "cond.h"

#include <string.h>
#include <time.h>

/* ---- helpers ---- */

static json_t *J(const char *text)
{
	json_error_t e;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &e);
	if (!v)
		fail_msg("bad test JSON: %s: %s", e.text, text);
	return v;
}

/* true when some problem has exactly this field and its message contains `needle`. */
static bool has_problem(const struct yc_problems *p, const char *field, const char *needle)
{
	for (int i = 0; i < p->n; i++)
		if ((!field || strcmp(p->v[i].field, field) == 0) &&
		    (!needle || strstr(p->v[i].message, needle)))
			return true;
	return false;
}

static void dump(const struct yc_problems *p)
{
	for (int i = 0; i < p->n; i++)
		print_message("  problem %s: %s\n", p->v[i].field, p->v[i].message);
}

/* ---- conditions ---- */

static const char *const colours[] = {"red", "green", "blue", NULL};
static const struct yc_cond_ref refs[] = {
    {.id = "name", .type = YC_CT_TEXT},
    {.id = "colour", .type = YC_CT_CHOICE, .options = colours},
    {.id = "tags", .type = YC_CT_MULTI, .options = colours},
    {.id = "ok", .type = YC_CT_BOOL},
    {.id = "n", .type = YC_CT_NUMBER},
    {.id = "day", .type = YC_CT_DATE},
    {.id = "place", .type = YC_CT_REGION},
};

static const struct yc_cond_ref *resolve(void *ctx, const char *id)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
		if (strcmp(refs[i].id, id) == 0)
			return &refs[i];
	return NULL;
}

static int ndeps;
static void count_dep(void *ctx, const char *id)
{
	(void)ctx;
	(void)id;
	ndeps++;
}

/* Check that condition `c` is valid and evaluates to `want` on `values`. */
static void cond_is(const char *c, const char *values, bool want)
{
	struct yc_arena *a = yc_arena_new();
	struct yc_problems p;
	yc_problems_init(&p, a);
	json_t *jc = J(c), *jv = J(values);
	bool ok = yc_cond_check(jc, "when", resolve, NULL, NULL, &p);
	if (!ok)
		dump(&p);
	assert_true(ok);
	if (yc_cond_eval(jc, jv) != want)
		fail_msg("%s on %s: expected %s", c, values, want ? "true" : "false");
	json_decref(jc);
	json_decref(jv);
	yc_arena_free(a);
}

static void test_cond_operators(void **state)
{
	(void)state;
	const char *v = "{\"name\":\"张三\",\"colour\":\"red\",\"tags\":[\"red\",\"blue\"],"
	                "\"ok\":true,\"n\":5,\"day\":\"2024-03-01\",\"place\":\"430104\"}";
	cond_is("true", v, true);
	cond_is("false", v, false);
	cond_is("{\"ref\":\"name\",\"eq\":\"张三\"}", v, true);
	cond_is("{\"ref\":\"name\",\"eq\":\"李四\"}", v, false);
	cond_is("{\"ref\":\"colour\",\"eq\":\"red\"}", v, true);
	cond_is("{\"ref\":\"colour\",\"eq\":\"blue\"}", v, false);
	cond_is("{\"ref\":\"colour\",\"ne\":\"blue\"}", v, true);
	cond_is("{\"ref\":\"colour\",\"ne\":\"red\"}", v, false);
	cond_is("{\"ref\":\"colour\",\"in\":[\"green\",\"red\"]}", v, true);
	cond_is("{\"ref\":\"colour\",\"in\":[\"green\",\"blue\"]}", v, false);
	cond_is("{\"ref\":\"tags\",\"has\":\"blue\"}", v, true);
	cond_is("{\"ref\":\"tags\",\"has\":\"green\"}", v, false);
	cond_is("{\"ref\":\"ok\",\"eq\":true}", v, true);
	cond_is("{\"ref\":\"ok\",\"eq\":false}", v, false);
	cond_is("{\"ref\":\"n\",\"eq\":5}", v, true);
	cond_is("{\"ref\":\"n\",\"eq\":5.0}", v, true);
	cond_is("{\"ref\":\"n\",\"eq\":6}", v, false);
	cond_is("{\"ref\":\"n\",\"gt\":4}", v, true);
	cond_is("{\"ref\":\"n\",\"gt\":5}", v, false);
	cond_is("{\"ref\":\"n\",\"gte\":5}", v, true);
	cond_is("{\"ref\":\"n\",\"gte\":5.5}", v, false);
	cond_is("{\"ref\":\"n\",\"lt\":6}", v, true);
	cond_is("{\"ref\":\"n\",\"lt\":5}", v, false);
	cond_is("{\"ref\":\"n\",\"lte\":5}", v, true);
	cond_is("{\"ref\":\"n\",\"lte\":4.9}", v, false);
	cond_is("{\"ref\":\"n\",\"in\":[1,5]}", v, true);
	cond_is("{\"ref\":\"day\",\"lt\":\"2024-03-02\"}", v, true);
	cond_is("{\"ref\":\"day\",\"gt\":\"2024-03-01\"}", v, false);
	cond_is("{\"ref\":\"day\",\"gte\":\"2024-03-01\"}", v, true);
	cond_is("{\"ref\":\"day\",\"eq\":\"2024-03-01\"}", v, true);
	cond_is("{\"ref\":\"place\",\"within\":\"4301\"}", v, true);
	cond_is("{\"ref\":\"place\",\"within\":\"430100\"}", v, true);
	cond_is("{\"ref\":\"place\",\"within\":\"430000\"}", v, true);
	cond_is("{\"ref\":\"place\",\"within\":\"430200\"}", v, false);
	cond_is("{\"ref\":\"place\",\"within\":\"430104001\"}", v, false);
	cond_is("{\"ref\":\"place\",\"eq\":\"430104000000\"}", v, true);
	cond_is("{\"ref\":\"place\",\"eq\":\"430105\"}", v, false);
	cond_is("{\"ref\":\"place\",\"within\":\"430104\"}", "{\"place\":\"430104001000\"}", true);
	cond_is("{\"ref\":\"place\",\"within\":\"430104002\"}", "{\"place\":\"430104001000\"}",
	        false);
	cond_is("{\"ref\":\"ok\",\"answered\":true}", v, true);
	cond_is("{\"ref\":\"ok\",\"answered\":false}", v, false);
	cond_is("{\"ref\":\"ok\",\"answered\":false}", "{}", true);
	cond_is("{\"ref\":\"ok\",\"answered\":true}", "{\"ok\":null}", false);
	/* a comparison on a missing value is false, even ne */
	cond_is("{\"ref\":\"colour\",\"ne\":\"red\"}", "{}", false);
	cond_is("{\"ref\":\"n\",\"lt\":100}", "{}", false);
	cond_is("{\"not\":{\"ref\":\"colour\",\"eq\":\"red\"}}", "{}", true);
	cond_is("{\"all\":[{\"ref\":\"ok\",\"eq\":true},{\"ref\":\"n\",\"gt\":1}]}", v, true);
	cond_is("{\"all\":[{\"ref\":\"ok\",\"eq\":true},{\"ref\":\"n\",\"gt\":9}]}", v, false);
	cond_is("{\"any\":[{\"ref\":\"ok\",\"eq\":false},{\"ref\":\"n\",\"gt\":1}]}", v, true);
	cond_is("{\"any\":[{\"ref\":\"ok\",\"eq\":false},{\"ref\":\"n\",\"gt\":9}]}", v, false);
	cond_is("{\"not\":{\"ref\":\"ok\",\"eq\":true}}", v, false);
	cond_is("{\"not\":{\"ref\":\"ok\",\"eq\":false}}", v, true);
	assert_true(yc_cond_eval(NULL, NULL));
}

/* The condition must fail the check with a problem at `field` whose message contains `needle`. */
static void cond_bad(const char *c, const char *field, const char *needle)
{
	struct yc_arena *a = yc_arena_new();
	struct yc_problems p;
	yc_problems_init(&p, a);
	json_t *jc = J(c);
	assert_false(yc_cond_check(jc, "questions[2].when", resolve, NULL, NULL, &p));
	if (!has_problem(&p, field, needle)) {
		dump(&p);
		fail_msg("%s: no problem %s: %s", c, field, needle);
	}
	json_decref(jc);
	yc_arena_free(a);
}

static void test_cond_problems(void **state)
{
	(void)state;
	cond_bad("{\"all\":[true,{\"ref\":\"nope\",\"eq\":1}]}", "questions[2].when.all[1].ref",
	         "不存在");
	cond_bad("{\"ref\":\"colour\",\"eq\":\"purple\"}", "questions[2].when.eq", "purple");
	cond_bad("{\"ref\":\"colour\",\"in\":[\"red\",\"purple\"]}", "questions[2].when.in[1]",
	         "purple");
	cond_bad("{\"ref\":\"tags\",\"has\":\"purple\"}", "questions[2].when.has", "purple");
	cond_bad("{\"ref\":\"tags\",\"eq\":\"red\"}", "questions[2].when.eq", "has");
	cond_bad("{\"ref\":\"colour\",\"has\":\"red\"}", "questions[2].when.has", "多选");
	cond_bad("{\"ref\":\"ok\",\"eq\":\"yes\"}", "questions[2].when.eq", "true");
	cond_bad("{\"ref\":\"n\",\"gt\":\"5\"}", "questions[2].when.gt", "数字");
	cond_bad("{\"ref\":\"name\",\"gt\":\"a\"}", "questions[2].when.gt", "只用于数字和日期");
	cond_bad("{\"ref\":\"day\",\"lt\":\"2024-02-30\"}", "questions[2].when.lt", "日期");
	cond_bad("{\"ref\":\"place\",\"within\":\"43010\"}", "questions[2].when.within", "前缀");
	cond_bad("{\"ref\":\"place\",\"within\":\"990000\"}", "questions[2].when.within", "前缀");
	cond_bad("{\"ref\":\"n\",\"within\":\"43\"}", "questions[2].when.within", "行政区划");
	cond_bad("{\"ref\":\"place\",\"eq\":\"123\"}", "questions[2].when.eq", "行政区划代码");
	cond_bad("{\"ref\":\"ok\",\"answered\":1}", "questions[2].when.answered", "true");
	cond_bad("{\"ref\":\"n\",\"eq\":1,\"foo\":2}", "questions[2].when.foo", "不认识的运算符");
	cond_bad("{\"ref\":\"n\"}", "questions[2].when", "缺少比较运算符");
	cond_bad("{\"ref\":\"n\",\"eq\":1,\"ne\":2}", "questions[2].when", "只能有一个运算符");
	cond_bad("{\"eq\":1}", "questions[2].when.ref", "缺少 ref");
	cond_bad("{\"ref\":3,\"eq\":1}", "questions[2].when.ref", "字符串");
	cond_bad("{\"all\":[]}", "questions[2].when.all", "非空");
	cond_bad("{\"any\":{}}", "questions[2].when.any", "非空");
	cond_bad("{\"all\":[true],\"ref\":\"n\"}", "questions[2].when.ref", "不能与其他键并用");
	cond_bad("{\"all\":[true],\"any\":[true]}", "questions[2].when.any", "只能用一个");
	cond_bad("3", "questions[2].when", "对象");
	cond_bad("{\"ref\":\"n\",\"in\":[]}", "questions[2].when.in", "非空数组");

	/* nesting deeper than the limit is a problem, not a stack overflow */
	char deep[4096] = "";
	size_t n = 0;
	for (int i = 0; i < YC_COND_MAX_DEPTH + 5; i++)
		n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"not\":");
	n += (size_t)snprintf(deep + n, sizeof deep - n, "true");
	for (int i = 0; i < YC_COND_MAX_DEPTH + 5; i++)
		n += (size_t)snprintf(deep + n, sizeof deep - n, "}");
	cond_bad(deep, NULL, "嵌套超过");
	json_t *jd = J(deep);
	(void)yc_cond_eval(jd, NULL); /* bounded: returns, whatever the value */
	json_decref(jd);

	/* too many nodes */
	char big[8192] = "{\"any\":[";
	n = strlen(big);
	for (int i = 0; i < YC_COND_MAX_NODES + 10; i++)
		n += (size_t)snprintf(big + n, sizeof big - n, "%strue", i ? "," : "");
	snprintf(big + n, sizeof big - n, "]}");
	cond_bad(big, "questions[2].when", "过于复杂");

	/* dep sees every reference */
	struct yc_arena *a = yc_arena_new();
	struct yc_problems p;
	yc_problems_init(&p, a);
	json_t *c =
	    J("{\"all\":[{\"ref\":\"n\",\"gt\":1},{\"not\":{\"ref\":\"ok\",\"eq\":true}}]}");
	ndeps = 0;
	assert_true(yc_cond_check(c, "when", resolve, NULL, count_dep, &p));
	assert_int_equal(ndeps, 2);
	assert_true(yc_cond_check(NULL, "when", resolve, NULL, NULL, &p));
	json_decref(c);
	yc_arena_free(a);
}

static void test_cond_eval_hostile(void **state)
{
	(void)state;
	/* unchecked, malformed conditions evaluate to false and never crash */
	const char *bad[] = {"3",
	                     "\"x\"",
	                     "null",
	                     "[]",
	                     "{}",
	                     "{\"all\":3}",
	                     "{\"any\":\"x\"}",
	                     "{\"ref\":1,\"eq\":1}",
	                     "{\"ref\":\"n\",\"gt\":\"x\"}",
	                     "{\"ref\":\"n\",\"in\":3}",
	                     "{\"ref\":\"tags\",\"has\":3}",
	                     "{\"ref\":\"n\",\"bogus\":3}",
	                     "{\"ref\":\"place\",\"within\":\"4\"}"};
	json_t *v = J("{\"n\":5,\"tags\":[\"a\"],\"place\":\"430104\"}");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *c = J(bad[i]);
		assert_false(yc_cond_eval(c, v));
		json_decref(c);
	}
	json_t *c = J("{\"ref\":\"n\",\"eq\":5}");
	assert_false(yc_cond_eval(c, NULL));
	json_t *arr = J("[1]");
	assert_false(yc_cond_eval(c, arr));
	json_decref(arr);
	json_decref(c);
	json_decref(v);

	assert_true(yc_cond_date_valid("2024-02-29", 10));
	assert_false(yc_cond_date_valid("2023-02-29", 10));
	assert_false(yc_cond_date_valid("2023-13-01", 10));
	assert_false(yc_cond_date_valid("2023-1-01", 9));
	assert_false(yc_cond_date_valid("0000-01-01", 10));
	assert_false(yc_cond_date_valid(NULL, 0));
	json_t *m = J("[\"red\",\"red\"]"), *m2 = J("[\"red\",\"blue\"]"), *m3 = J("[]");
	assert_false(yc_cond_value_ok(&refs[2], m));
	assert_true(yc_cond_value_ok(&refs[2], m2));
	assert_false(yc_cond_value_ok(&refs[2], m3));
	json_decref(m);
	json_decref(m2);
	json_decref(m3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cond_operators),
	    cmocka_unit_test(test_cond_problems),
	    cmocka_unit_test(test_cond_eval_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

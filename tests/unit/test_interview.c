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
#include "interview.h"

#include <stdio.h>
#include <stdlib.h>
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

/* ---- interviews ---- */

#define BIZ  "200000000143010000000001"
#define FOOD "010000200043010000000001"
#define FIRE "010000300043010000000001"
#define LIQ  "010000400043010000000001"
static const char *const matter_items[] = {BIZ, FOOD, FIRE, LIQ};

/* A small restaurant definition: 2 + 3 × 3 × 2 = 20 paths. */
static const char *restaurant =
    "{\"questions\":["
    "{\"id\":\"has_premises\",\"label\":\"是否已有经营场所\",\"type\":\"yesno\"},"
    "{\"id\":\"premises\",\"label\":\"场所性质\",\"type\":\"single\","
    " \"options\":[{\"value\":\"rent\",\"label\":\"租赁\"},{\"value\":\"own\",\"label\":\"自有\"},"
    "  {\"value\":\"other\",\"label\":\"其他\"}],"
    " \"when\":{\"ref\":\"has_premises\",\"eq\":true}},"
    "{\"id\":\"seats\",\"label\":\"座位数\",\"type\":\"number\",\"min\":0,\"max\":5000,"
    " \"integer\":true,\"help\":\"按餐位计\",\"when\":{\"ref\":\"has_premises\",\"eq\":true}},"
    "{\"id\":\"liquor\",\"label\":\"是否销售酒类\",\"type\":\"yesno\"}],"
    "\"items\":[\"" BIZ "\",\"" FOOD "\"],"
    "\"outcomes\":["
    "{\"label\":\"大型餐馆\",\"when\":{\"ref\":\"seats\",\"gt\":50},\"include_items\":[\"" FIRE
    "\"],"
    " \"notes\":[\"座位超过 50 个须办理消防检查\"]},"
    "{\"when\":{\"ref\":\"liquor\",\"eq\":true},\"include_items\":[\"" LIQ "\"],"
    " \"add_fields\":[{\"key\":\"liquor_kinds\",\"label\":\"经营酒类\",\"type\":\"text\"}]},"
    "{\"when\":{\"ref\":\"premises\",\"eq\":\"rent\"},"
    " \"add_materials\":[{\"item\":\"" BIZ "\",\"key\":\"lease\"},"
    "  {\"item\":\"" FOOD "\",\"key\":\"lease_copy\",\"name\":\"租赁合同复印件\",\"source\":"
    "\"applicant\",\"core\":false,\"form\":\"copy\",\"copies\":1,\"formats\":[\"pdf\"]}],"
    " \"drop_materials\":[{\"item\":\"" BIZ "\",\"key\":\"property_cert\"}],"
    " \"notes\":[\"请提供租赁合同\"]}]}";

struct fx {
	struct yc_arena *a;
	struct yc_problems p;
	json_t *def;
	struct yc_interview iv;
	struct yc_interview_report rep;
};

static bool fx_check(struct fx *f, const char *def)
{
	f->a = yc_arena_new();
	yc_problems_init(&f->p, f->a);
	f->def = J(def);
	return yc_interview_check(f->def, matter_items, 4, f->a, &f->iv, &f->rep, &f->p);
}

static void fx_done(struct fx *f)
{
	json_decref(f->def);
	yc_arena_free(f->a);
}

static void expect_problem(struct fx *f, const char *field, const char *needle)
{
	if (!has_problem(&f->p, field, needle)) {
		dump(&f->p);
		fail_msg("no problem %s: %s", field ? field : "*", needle);
	}
}

static void test_analyse_restaurant(void **state)
{
	(void)state;
	struct fx f;
	bool ok = fx_check(&f, restaurant);
	if (!ok)
		dump(&f.p);
	assert_true(ok);
	assert_int_equal(f.p.n, 0);
	/* has_premises=false: liquor 2; true: premises 3 × seats {0, 50, 51} × liquor 2 */
	assert_int_equal(f.rep.paths, 20);
	assert_false(f.rep.truncated);
	assert_int_equal(f.rep.min_items, 2);
	assert_int_equal(f.rep.max_items, 4);
	assert_int_equal(f.rep.nsets, 4);
	assert_int_equal(f.rep.shown[0], 20);
	assert_int_equal(f.rep.shown[1], 18);
	assert_int_equal(f.rep.shown[3], 20);
	assert_int_equal(f.rep.applied[0], 6);  /* seats 51: 3 premises × 2 liquor */
	assert_int_equal(f.rep.applied[1], 10); /* liquor */
	assert_int_equal(f.rep.applied[2], 6);  /* rent: 3 seats × 2 liquor */
	long total = 0;
	bool seen_fire = false;
	for (int i = 0; i < f.rep.nsets; i++) {
		total += f.rep.sets[i].paths;
		assert_non_null(f.rep.sets[i].example);
		for (int k = 0; k < f.rep.sets[i].nitems; k++)
			if (strcmp(f.rep.sets[i].items[k], FIRE) == 0) {
				seen_fire = true;
				assert_non_null(strstr(f.rep.sets[i].example, "\"seats\":51"));
			}
	}
	assert_int_equal(total, 20);
	assert_true(seen_fire);
	json_t *r = yc_interview_report_json(&f.iv, &f.rep);
	assert_int_equal(json_integer_value(json_object_get(r, "paths")), 20);
	assert_true(json_is_true(json_object_get(r, "complete")));
	assert_int_equal(json_array_size(json_object_get(r, "situations")), 4);
	json_t *s0 = json_array_get(json_object_get(r, "situations"), 0);
	assert_true(json_is_object(json_object_get(s0, "example")));
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(r, "outcomes"), 0), "label")),
	                    "大型餐馆");
	json_decref(r);
	fx_done(&f);
}

/* The number of paths of a definition that must check cleanly. */
static long paths_of(const char *def)
{
	struct fx f;
	bool ok = fx_check(&f, def);
	if (!ok)
		dump(&f.p);
	assert_true(ok);
	long n = f.rep.paths;
	fx_done(&f);
	return n;
}

static void test_analyse_classes(void **state)
{
	(void)state;
	/* thresholds 3 and 10: below, at 3, between, at 10, above */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"n\",\"label\":\"人数\",\"type\":\"number\"}],"
	             "\"outcomes\":[{\"when\":{\"ref\":\"n\",\"gt\":3}},{\"when\":{\"ref\":\"n\","
	             "\"lte\":10}}]}"),
	    5);
	/* the same with min 3: nothing below 3 */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"n\",\"label\":\"人数\",\"type\":\"number\","
	             "\"min\":3}],\"outcomes\":[{\"when\":{\"ref\":\"n\",\"gt\":3}},"
	             "{\"when\":{\"ref\":\"n\",\"lte\":10}}]}"),
	    4);
	/* integers between 3 and 4: none */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"n\",\"label\":\"人数\",\"type\":\"number\","
	             "\"integer\":true}],\"outcomes\":[{\"when\":{\"ref\":\"n\",\"in\":[3,4]}}]}"),
	    4);
	/* no constant: one class */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"n\",\"label\":\"人数\",\"type\":\"number\"}]}"), 1);
	/* a date threshold: before, on, after; examples near the threshold */
	struct fx f;
	assert_true(fx_check(&f, "{\"questions\":[{\"id\":\"d\",\"label\":\"D\",\"type\":"
	                         "\"date\"}],\"outcomes\":[{\"when\":{\"ref\":\"d\",\"gte\":"
	                         "\"2024-03-01\"},\"exclude_items\":[\"" LIQ "\"]}]}"));
	assert_int_equal(f.rep.nsets, 2);
	assert_string_equal(f.rep.sets[0].example, "{\"d\":\"2024-02-29\"}");
	assert_string_equal(f.rep.sets[1].example, "{\"d\":\"2024-03-01\"}");
	assert_int_equal(f.rep.sets[1].paths, 2);
	fx_done(&f);
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"d\",\"label\":\"成立日期\",\"type\":\"date\"}],"
	             "\"outcomes\":[{\"when\":{\"ref\":\"d\",\"lt\":\"2024-01-01\"}}]}"),
	    3);
	/* a region prefix and a code in it: that code, elsewhere inside, outside */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"r\",\"label\":\"所在地\",\"type\":\"region\"}],"
	             "\"outcomes\":[{\"when\":{\"ref\":\"r\",\"within\":\"430100\"}},"
	             "{\"when\":{\"ref\":\"r\",\"eq\":\"430104\"}}]}"),
	    3);
	/* nested prefixes: inside 4301, inside 43 but not 4301, outside 43 */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"r\",\"label\":\"所在地\",\"type\":\"region\"}],"
	             "\"outcomes\":[{\"when\":{\"ref\":\"r\",\"within\":\"43\"}},"
	             "{\"when\":{\"ref\":\"r\",\"within\":\"4301\"}}]}"),
	    3);
	/* a code and the same code as a prefix: that code, a town inside it, outside */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"r\",\"label\":\"所在地\",\"type\":\"region\"}],"
	             "\"outcomes\":[{\"when\":{\"ref\":\"r\",\"within\":\"430104\"}},"
	             "{\"when\":{\"ref\":\"r\",\"ne\":\"430104\"}}]}"),
	    3);
	/* multiple choice: subsets of the options named by has ({}, {a}, {b}, {a,b}) */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"m\",\"label\":\"经营项目\",\"type\":\"multiple\","
	             "\"options\":[{\"value\":\"a\",\"label\":\"A\"},{\"value\":\"b\",\"label\":"
	             "\"B\"},{\"value\":\"c\",\"label\":\"C\"}]}],\"outcomes\":[{\"when\":{\"ref\":"
	             "\"m\",\"has\":\"a\"}},{\"when\":{\"ref\":\"m\",\"has\":\"b\"}}]}"),
	    4);
	/* ... and when every option is named, the empty subset is no answer */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"m\",\"label\":\"经营项目\",\"type\":\"multiple\","
	             "\"options\":[{\"value\":\"a\",\"label\":\"A\"},{\"value\":\"b\",\"label\":"
	             "\"B\"}]}],\"outcomes\":[{\"when\":{\"ref\":\"m\",\"has\":\"a\"}},"
	             "{\"when\":{\"ref\":\"m\",\"has\":\"b\"}}]}"),
	    3);
	/* no questions: one path */
	assert_int_equal(paths_of("{}"), 1);
	/* a forward reference without a cycle is fine: b is decided first */
	assert_int_equal(
	    paths_of("{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\",\"when\":{"
	             "\"ref\":\"b\",\"eq\":true}},{\"id\":\"b\",\"label\":\"B\",\"type\":"
	             "\"yesno\"}]}"),
	    3);
}

static void test_analyse_problems(void **state)
{
	(void)state;
	struct fx f;
	/* never shown: its condition can never hold */
	assert_false(fx_check(&f,
	                      "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\"},"
	                      "{\"id\":\"b\",\"label\":\"B\",\"type\":\"yesno\",\"when\":{\"all\":"
	                      "[{\"ref\":\"a\",\"eq\":true},{\"ref\":\"a\",\"eq\":false}]}}]}"));
	expect_problem(&f, "questions[1]", "不会出现");
	assert_int_equal(f.p.n, 1);
	fx_done(&f);

	/* never shown through a hidden question: c needs b, b is never shown */
	assert_false(fx_check(
	    &f, "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\"},"
	        "{\"id\":\"b\",\"label\":\"B\",\"type\":\"yesno\",\"when\":{\"ref\":\"a\","
	        "\"answered\":false}},{\"id\":\"c\",\"label\":\"C\",\"type\":\"yesno\",\"when\":{"
	        "\"ref\":\"b\",\"eq\":true}}]}"));
	expect_problem(&f, "questions[1]", "不会出现");
	expect_problem(&f, "questions[2]", "不会出现");
	fx_done(&f);

	/* shown only for a town inside 430104: a class of its own, so not "never shown" */
	assert_true(fx_check(
	    &f, "{\"questions\":[{\"id\":\"r\",\"label\":\"R\",\"type\":\"region\"},"
	        "{\"id\":\"b\",\"label\":\"B\",\"type\":\"yesno\",\"when\":{\"all\":["
	        "{\"ref\":\"r\",\"within\":\"430104\"},{\"ref\":\"r\",\"ne\":\"430104\"}]}}]}"));
	assert_int_equal(f.rep.shown[1], 2); /* the town path, answered yes or no */
	assert_non_null(strstr(f.rep.sets[0].example, "\"r\":\"430104"));
	fx_done(&f);

	/* a question without any acceptable answer */
	assert_false(fx_check(&f, "{\"questions\":[{\"id\":\"n\",\"label\":\"N\",\"type\":"
	                          "\"number\",\"integer\":true,\"min\":0.2,\"max\":0.8}]}"));
	expect_problem(&f, "questions[0]", "没有任何可接受的回答");
	assert_int_equal(f.p.n, 1);
	assert_int_equal(f.rep.paths, 0);
	fx_done(&f);

	/* a path without items */
	assert_false(fx_check(&f,
	                      "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\"}],"
	                      "\"items\":[],\"outcomes\":[{\"when\":{\"ref\":\"a\",\"eq\":true},"
	                      "\"include_items\":[\"" BIZ "\"]}]}"));
	expect_problem(&f, "outcomes", "没有任何涉及事项");
	expect_problem(&f, "outcomes", "{\"a\":false}");
	fx_done(&f);

	/* two outcomes contradict on one path; both and the item are named */
	assert_false(
	    fx_check(&f, "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\"},"
	                 "{\"id\":\"b\",\"label\":\"B\",\"type\":\"yesno\"}],"
	                 "\"outcomes\":[{\"label\":\"纳入\",\"when\":{\"ref\":\"a\",\"eq\":true},"
	                 "\"include_items\":[\"" LIQ "\"]},{\"when\":{\"ref\":\"b\",\"eq\":true},"
	                 "\"exclude_items\":[\"" LIQ "\"]}]}"));
	expect_problem(&f, "outcomes[1]", "outcomes[0]（纳入）");
	expect_problem(&f, "outcomes[1]", "outcomes[1]");
	expect_problem(&f, "outcomes[1]", LIQ);
	assert_int_equal(f.p.n, 1); /* reported once, though only one path shows it */
	fx_done(&f);

	/* outcomes that include and exclude one item but never together: fine */
	assert_true(fx_check(
	    &f, "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\"}],"
	        "\"outcomes\":[{\"when\":{\"ref\":\"a\",\"eq\":true},\"include_items\":[\"" LIQ
	        "\"]},{\"when\":{\"ref\":\"a\",\"eq\":false},\"exclude_items\":[\"" LIQ "\"]}]}"));
	fx_done(&f);

	/* one outcome including and excluding the same item */
	assert_false(fx_check(&f, "{\"outcomes\":[{\"include_items\":[\"" LIQ "\"],"
	                          "\"exclude_items\":[\"" LIQ "\"]}]}"));
	expect_problem(&f, "outcomes[0].exclude_items", "同时纳入和排除");
	fx_done(&f);

	/* every problem at once: unknown question, unknown value, never shown, no item */
	assert_false(fx_check(
	    &f, "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"single\",\"options\":["
	        "{\"value\":\"x\",\"label\":\"X\"},{\"value\":\"y\",\"label\":\"Y\"}]},"
	        "{\"id\":\"b\",\"label\":\"B\",\"type\":\"yesno\",\"when\":{\"ref\":\"a\",\"eq\":"
	        "\"z\"}}],\"items\":[],\"outcomes\":[{\"when\":{\"ref\":\"nope\",\"eq\":1},"
	        "\"include_items\":[\"" BIZ "\"]}]}"));
	expect_problem(&f, "questions[1].when.eq", "没有选项“z”");
	expect_problem(&f, "outcomes[0].when.ref", "不存在的问题或字段“nope”");
	expect_problem(&f, "questions[1]", "不会出现");
	expect_problem(&f, "outcomes", "没有任何涉及事项");
	fx_done(&f);
}

static void test_cycles(void **state)
{
	(void)state;
	struct fx f;
	assert_false(fx_check(&f,
	                      "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\","
	                      "\"when\":{\"ref\":\"a\",\"eq\":true}}]}"));
	expect_problem(&f, "questions[0].when", "循环引用：a → a");
	assert_false(f.iv.analysable);
	fx_done(&f);

	assert_false(fx_check(
	    &f, "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\",\"when\":{"
	        "\"ref\":\"b\",\"eq\":true}},{\"id\":\"b\",\"label\":\"B\",\"type\":\"yesno\","
	        "\"when\":{\"not\":{\"ref\":\"c\",\"eq\":true}}},{\"id\":\"c\",\"label\":\"C\","
	        "\"type\":\"yesno\",\"when\":{\"any\":[{\"ref\":\"a\",\"answered\":true}]}},"
	        "{\"id\":\"d\",\"label\":\"D\",\"type\":\"yesno\"}]}"));
	expect_problem(&f, "questions[0].when", "循环引用：a → b → c → a");
	assert_int_equal(f.p.n, 1);
	fx_done(&f);

	/* a cycle is no reason to stay silent about other problems */
	assert_false(fx_check(
	    &f, "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\",\"when\":{"
	        "\"ref\":\"b\",\"eq\":true}},{\"id\":\"b\",\"label\":\"B\",\"type\":\"yesno\","
	        "\"when\":{\"ref\":\"a\",\"eq\":1}}]}"));
	expect_problem(&f, "questions[0].when", "循环引用：a → b → a");
	expect_problem(&f, "questions[1].when.eq", "true 或 false");
	fx_done(&f);
}

static void test_parse_problems(void **state)
{
	(void)state;
	struct fx f;
	assert_false(fx_check(
	    &f,
	    "{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\",\"colour\":1},"
	    "{\"id\":\"a\",\"label\":\"A2\",\"type\":\"yesno\"},"
	    "{\"id\":\"Bad-Id\",\"label\":\"B\",\"type\":\"yesno\"},"
	    "{\"id\":\"c\",\"type\":\"essay\"},"
	    "{\"id\":\"d\",\"label\":\"D\",\"type\":\"single\",\"options\":[{\"value\":\"x\","
	    "\"label\":\"X\"}]},"
	    "{\"id\":\"e\",\"label\":\"E\",\"type\":\"multiple\",\"options\":[{\"value\":\"x\","
	    "\"label\":\"X\"},{\"value\":\"x\",\"label\":\"X2\"},3]},"
	    "{\"id\":\"g\",\"label\":\"G\",\"type\":\"yesno\",\"options\":[],\"min\":1},"
	    "{\"id\":\"h\",\"label\":\"H\",\"type\":\"number\",\"min\":5,\"max\":1,\"integer\":1},"
	    "7],"
	    "\"items\":[\"" BIZ "\",\"999\"],\"extra\":true,"
	    "\"outcomes\":[{\"include_items\":[\"999\",\"" BIZ "\",\"" BIZ "\"],\"foo\":1,"
	    "\"add_materials\":[{\"item\":\"" BIZ "\"},{\"item\":\"" FOOD "\",\"key\":\"k\","
	    "\"name\":\"材料\",\"source\":\"mars\",\"copies\":300}],"
	    "\"drop_materials\":[{\"item\":\"999\",\"key\":\"k\"}],"
	    "\"add_fields\":[{\"key\":\"f\",\"label\":\"F\",\"type\":\"blob\"},"
	    "{\"key\":\"g\",\"label\":\"G\",\"type\":\"text\"},{\"key\":\"g\",\"label\":\"G\","
	    "\"type\":\"text\"}],\"notes\":[\"\",3]},5]}"));
	expect_problem(&f, "questions[0].colour", "不认识的字段");
	expect_problem(&f, "questions[1].id", "重复");
	expect_problem(&f, "questions[2].id", "小写字母");
	expect_problem(&f, "questions[3].label", "缺少必填字段");
	expect_problem(&f, "questions[3].type", "之一");
	expect_problem(&f, "questions[4].options", "至少应有 2 个");
	expect_problem(&f, "questions[5].options[1].value", "重复");
	expect_problem(&f, "questions[5].options[2]", "对象");
	expect_problem(&f, "questions[6].options", "只有单选题和多选题");
	expect_problem(&f, "questions[6].min", "只有数字题");
	expect_problem(&f, "questions[7].max", "不能小于 min");
	expect_problem(&f, "questions[7].integer", "true 或 false");
	expect_problem(&f, "questions[8]", "对象");
	expect_problem(&f, "items[1]", "不是本一件事的涉及事项");
	expect_problem(&f, "extra", "不认识的字段");
	expect_problem(&f, "outcomes[0].include_items[0]", "不是本一件事的涉及事项");
	expect_problem(&f, "outcomes[0].include_items[2]", "重复");
	expect_problem(&f, "outcomes[0].foo", "不认识的字段");
	expect_problem(&f, "outcomes[0].add_materials[0].key", "缺少必填字段");
	expect_problem(&f, "outcomes[0].add_materials[1].source", "之一");
	expect_problem(&f, "outcomes[0].add_materials[1].copies", "0 至 99");
	expect_problem(&f, "outcomes[0].drop_materials[0].item", "不是本一件事的涉及事项");
	expect_problem(&f, "outcomes[0].add_fields[0].type", "之一");
	expect_problem(&f, "outcomes[0].add_fields[2].key", "重复");
	expect_problem(&f, "outcomes[0].notes[0]", NULL);
	expect_problem(&f, "outcomes[0].notes[1]", "字符串");
	expect_problem(&f, "outcomes[1]", "对象");
	fx_done(&f);

	assert_false(fx_check(&f, "[]"));
	expect_problem(&f, "interview", "对象");
	fx_done(&f);
	assert_false(fx_check(&f, "{\"questions\":{}}"));
	expect_problem(&f, "questions", "数组");
	fx_done(&f);
}

/* A definition with `n` entries built by `fmt` (with %d for the index), inside `pre` / `post`. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *build(const char *pre, const char *fmt, int n, const char *post)
{
	size_t cap = strlen(pre) + strlen(post) + (size_t)n * (strlen(fmt) + 16) + 1;
	char *s = malloc(cap);
	size_t len = (size_t)snprintf(s, cap, "%s", pre);
	for (int i = 0; i < n; i++) {
		if (i)
			len += (size_t)snprintf(s + len, cap - len, ",");
		len += (size_t)snprintf(s + len, cap - len, fmt, i, i);
	}
	snprintf(s + len, cap - len, "%s", post);
	return s;
}
#pragma GCC diagnostic pop

static void test_caps(void **state)
{
	(void)state;
	struct fx f;
	char *d = build("{\"questions\":[", "{\"id\":\"q%d\",\"label\":\"Q%d\",\"type\":\"yesno\"}",
	                1000, "]}");
	assert_false(fx_check(&f, d));
	expect_problem(&f, "questions", "最多 200 项");
	assert_int_equal(f.p.n, 1);
	fx_done(&f);
	free(d);

	d = build("{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"single\",\"options\":[",
	          "{\"value\":\"v%d\",\"label\":\"V%d\"}", 101, "]}]}");
	assert_false(fx_check(&f, d));
	expect_problem(&f, "questions[0].options", "最多 100 项");
	fx_done(&f);
	free(d);

	d = build("{\"outcomes\":[", "{\"notes\":[\"n%d%d\"]}", 201, "]}");
	assert_false(fx_check(&f, d));
	expect_problem(&f, "outcomes", "最多 200 项");
	fx_done(&f);
	free(d);

	/* 10^6 combinations: six questions of ten options; rejected at the cap, quickly */
	d = build("{\"questions\":[",
	          "{\"id\":\"q%d\",\"label\":\"Q%d\",\"type\":\"single\",\"options\":["
	          "{\"value\":\"0\",\"label\":\"0\"},{\"value\":\"1\",\"label\":\"1\"},"
	          "{\"value\":\"2\",\"label\":\"2\"},{\"value\":\"3\",\"label\":\"3\"},"
	          "{\"value\":\"4\",\"label\":\"4\"},{\"value\":\"5\",\"label\":\"5\"},"
	          "{\"value\":\"6\",\"label\":\"6\"},{\"value\":\"7\",\"label\":\"7\"},"
	          "{\"value\":\"8\",\"label\":\"8\"},{\"value\":\"9\",\"label\":\"9\"}]}",
	          6,
	          "],\"outcomes\":[{\"when\":{\"ref\":\"q5\",\"eq\":\"9\"},\"notes\":[\"x\"]}]}");
	clock_t t0 = clock();
	assert_false(fx_check(&f, d));
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("  10^6 paths rejected in %.3f s (%ld steps)\n", secs, f.rep.steps);
	assert_true(secs < 1.0);
	expect_problem(&f, "questions", "情形组合超过 100000 种，请拆分问题");
	assert_true(f.rep.truncated);
	assert_int_equal(f.rep.paths, YC_INTERVIEW_MAX_PATHS);
	assert_false(has_problem(&f.p, NULL, "不会出现")); /* unknown when truncated */
	fx_done(&f);
	free(d);

	/* 2^200 combinations of yes/no questions with heavy conditions: bounded too */
	d = build("{\"questions\":[",
	          "{\"id\":\"q%d\",\"label\":\"Q%d\",\"type\":\"yesno\",\"when\":{\"any\":["
	          "{\"ref\":\"z\",\"answered\":false},{\"ref\":\"z\",\"answered\":false},"
	          "{\"ref\":\"z\",\"answered\":false},{\"ref\":\"z\",\"answered\":false}]}}",
	          199, ",{\"id\":\"z\",\"label\":\"Z\",\"type\":\"yesno\",\"when\":false}]}");
	t0 = clock();
	assert_false(fx_check(&f, d));
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("  2^199 paths rejected in %.3f s (%ld steps)\n", secs, f.rep.steps);
	assert_true(secs < 2.0);
	assert_true(f.rep.truncated);
	fx_done(&f);
	free(d);

	/* few paths but conditions of 200 nodes on every question: the work cap stops it */
	char *any = build("{\"any\":[", "{\"ref\":\"z\",\"eq\":true}", 200, ",true]}");
	char *q = malloc(strlen(any) + 128);
	snprintf(q, strlen(any) + 128,
	         "{\"id\":\"q%%d\",\"label\":\"Q%%d\",\"type\":\"yesno\","
	         "\"when\":%s}",
	         any);
	d = build("{\"questions\":[", q, 30,
	          ",{\"id\":\"z\",\"label\":\"Z\",\"type\":\"yesno\",\"when\":false}]}");
	free(any);
	free(q);
	t0 = clock();
	assert_false(fx_check(&f, d));
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("  heavy conditions rejected in %.3f s (%ld paths)\n", secs, f.rep.paths);
	assert_true(secs < 1.0);
	expect_problem(&f, "questions", "计算量超过上限");
	assert_true(f.rep.truncated);
	assert_true(f.rep.paths < YC_INTERVIEW_MAX_PATHS);
	fx_done(&f);
	free(d);
}

/* ---- the runtime step ---- */

struct run {
	struct yc_arena *a;
	struct yc_problems p;
	json_t *def, *answers, *next;
	struct yc_interview iv;
	struct yc_situation_core s;
	enum yc_status st;
};

static void run_step(struct run *r, const char *answers)
{
	json_decref(r->answers);
	json_decref(r->next);
	yc_problems_init(&r->p, r->a);
	r->answers = answers ? J(answers) : NULL;
	r->next = NULL;
	r->st = yc_interview_step(&r->iv, r->answers, r->a, &r->next, &r->s, &r->p);
}

static void run_init(struct run *r, const char *def)
{
	memset(r, 0, sizeof *r);
	r->a = yc_arena_new();
	yc_problems_init(&r->p, r->a);
	r->def = J(def);
	bool ok = yc_interview_parse(r->def, matter_items, 4, r->a, &r->iv, &r->p);
	if (!ok)
		dump(&r->p);
	assert_true(ok);
}

static void run_done(struct run *r)
{
	json_decref(r->answers);
	json_decref(r->next);
	json_decref(r->def);
	yc_arena_free(r->a);
}

static const char *next_id(struct run *r, size_t i)
{
	return json_string_value(json_object_get(json_array_get(r->next, i), "id"));
}

static void test_step_flow(void **state)
{
	(void)state;
	struct run r;
	run_init(&r, restaurant);

	run_step(&r, NULL);
	assert_int_equal(r.st, YC_OK);
	assert_false(r.s.complete);
	assert_int_equal(json_array_size(r.next), 2); /* has_premises, liquor; the rest hidden */
	assert_string_equal(next_id(&r, 0), "has_premises");
	assert_string_equal(next_id(&r, 1), "liquor");
	assert_null(json_object_get(json_array_get(r.next, 0), "when"));

	run_step(&r, "{\"has_premises\":true}");
	assert_int_equal(r.st, YC_OK);
	assert_int_equal(json_array_size(r.next), 3);
	assert_string_equal(next_id(&r, 0), "premises");
	assert_string_equal(next_id(&r, 1), "seats");
	assert_string_equal(next_id(&r, 2), "liquor");
	assert_null(json_object_get(json_array_get(r.next, 1), "when"));
	assert_string_equal(json_string_value(json_object_get(json_array_get(r.next, 1), "help")),
	                    "按餐位计");

	/* null is no answer */
	run_step(&r, "{\"has_premises\":true,\"premises\":\"rent\",\"seats\":80,\"liquor\":null}");
	assert_int_equal(r.st, YC_OK);
	assert_int_equal(json_array_size(r.next), 1);
	assert_string_equal(next_id(&r, 0), "liquor");

	const char *full =
	    "{\"liquor\":true,\"has_premises\":true,\"premises\":\"rent\",\"seats\":80}";
	run_step(&r, full);
	assert_int_equal(r.st, YC_OK);
	assert_null(r.next);
	assert_true(r.s.complete);
	assert_int_equal(r.s.nitems, 4);
	assert_string_equal(r.s.items[0], BIZ);
	assert_string_equal(r.s.items[1], FOOD);
	assert_string_equal(r.s.items[2], FIRE);
	assert_string_equal(r.s.items[3], LIQ);
	assert_int_equal(r.s.noutcomes, 3);
	assert_int_equal(r.s.nadd, 2);
	assert_string_equal(r.s.add[0].key, "lease");
	assert_null(r.s.add[0].material);
	assert_non_null(r.s.add[1].material);
	assert_int_equal(r.s.ndrop, 1);
	assert_int_equal(r.s.nfields, 1);
	assert_int_equal(r.s.nnotes, 2);
	assert_string_equal(r.s.notes[0], "座位超过 50 个须办理消防检查");
	json_t *j1 = yc_situation_core_json(&r.s);
	char *t1 = json_dumps(j1, JSON_COMPACT);

	/* the same answers (in another order) give the same situation */
	run_step(&r, "{\"seats\":80,\"premises\":\"rent\",\"has_premises\":true,\"liquor\":true}");
	assert_int_equal(r.st, YC_OK);
	json_t *j2 = yc_situation_core_json(&r.s);
	char *t2 = json_dumps(j2, JSON_COMPACT);
	assert_string_equal(t1, t2);
	assert_non_null(strstr(t1, "\"lease_copy\""));
	free(t1);
	free(t2);
	json_decref(j1);
	json_decref(j2);

	/* no premises: the small situation */
	run_step(&r, "{\"has_premises\":false,\"liquor\":false}");
	assert_int_equal(r.st, YC_OK);
	assert_true(r.s.complete);
	assert_int_equal(r.s.nitems, 2);
	assert_int_equal(r.s.noutcomes, 0);
	assert_int_equal(r.s.nadd, 0);
	run_done(&r);
}

static void step_bad(struct run *r, const char *answers, const char *field, const char *needle)
{
	run_step(r, answers);
	assert_int_equal(r->st, YC_E_BAD_INPUT);
	assert_null(r->next);
	if (!has_problem(&r->p, field, needle)) {
		dump(&r->p);
		fail_msg("%s: no problem %s: %s", answers, field, needle);
	}
}

static void test_step_bad_answers(void **state)
{
	(void)state;
	struct run r;
	run_init(&r, restaurant);
	step_bad(&r, "[]", "answers", "对象");
	step_bad(&r, "{\"has_premises\":\"yes\"}", "answers.has_premises", "true 或 false");
	step_bad(&r, "{\"nope\":1}", "answers.nope", "没有这个问题");
	step_bad(&r, "{\"has_premises\":false,\"premises\":\"rent\"}", "answers.premises",
	         "不出现");
	step_bad(&r, "{\"premises\":\"rent\"}", "answers.premises", "不出现");
	step_bad(&r, "{\"has_premises\":true,\"premises\":\"castle\"}", "answers.premises",
	         "选项之一：rent、own、other");
	step_bad(&r, "{\"has_premises\":true,\"premises\":3}", "answers.premises", "选项之一");
	step_bad(&r, "{\"has_premises\":true,\"seats\":-1}", "answers.seats", "不小于 0");
	step_bad(&r, "{\"has_premises\":true,\"seats\":6000}", "answers.seats", "不大于 5000");
	step_bad(&r, "{\"has_premises\":true,\"seats\":2.5}", "answers.seats", "整数");
	step_bad(&r, "{\"has_premises\":true,\"seats\":\"80\"}", "answers.seats", "数字");

	/* all at once; a bad answer does not make its dependants "not shown" */
	run_step(&r,
	         "{\"has_premises\":1,\"premises\":\"rent\",\"liquor\":\"no\",\"x\":1,\"y\":2}");
	assert_int_equal(r.st, YC_E_BAD_INPUT);
	assert_true(has_problem(&r.p, "answers.has_premises", "true 或 false"));
	assert_true(has_problem(&r.p, "answers.liquor", "true 或 false"));
	assert_true(has_problem(&r.p, "answers.x", "没有这个问题"));
	assert_true(has_problem(&r.p, "answers.y", "没有这个问题"));
	assert_false(has_problem(&r.p, "answers.premises", NULL));
	assert_int_equal(r.p.n, 4);

	/* many unknown ids: bounded */
	char *many = build("{", "\"k%d_%d\":1", 5000, "}");
	run_step(&r, many);
	free(many);
	assert_int_equal(r.st, YC_E_BAD_INPUT);
	assert_true(r.p.n <= 22);
	assert_true(has_problem(&r.p, "answers", "更多"));
	run_done(&r);

	run_init(&r, "{\"questions\":[{\"id\":\"d\",\"label\":\"D\",\"type\":\"date\"},"
	             "{\"id\":\"r\",\"label\":\"R\",\"type\":\"region\"},"
	             "{\"id\":\"m\",\"label\":\"M\",\"type\":\"multiple\",\"options\":["
	             "{\"value\":\"a\",\"label\":\"A\"},{\"value\":\"b\",\"label\":\"B\"}]}]}");
	step_bad(&r, "{\"d\":\"2024-02-30\"}", "answers.d", "日期");
	step_bad(&r, "{\"d\":20240101}", "answers.d", "日期");
	step_bad(&r, "{\"r\":\"4301\"}", "answers.r", "行政区划");
	step_bad(&r, "{\"r\":\"990000\"}", "answers.r", "行政区划");
	step_bad(&r, "{\"m\":\"a\"}", "answers.m", "数组");
	step_bad(&r, "{\"m\":[]}", "answers.m", "非空");
	step_bad(&r, "{\"m\":[\"a\",\"a\"]}", "answers.m", "不重复");
	step_bad(&r, "{\"m\":[\"c\"]}", "answers.m", "选项");
	run_step(&r, "{\"d\":\"2024-02-29\",\"r\":\"430104001000\",\"m\":[\"b\",\"a\"]}");
	assert_int_equal(r.st, YC_OK);
	assert_true(r.s.complete);
	assert_int_equal(r.s.nitems, 4);
	run_done(&r);

	/* a definition that did not parse cannot be run */
	struct yc_arena *a = yc_arena_new();
	struct yc_problems p;
	yc_problems_init(&p, a);
	json_t *def = J("{\"questions\":[{\"id\":\"a\",\"label\":\"A\",\"type\":\"yesno\","
	                "\"when\":{\"ref\":\"a\",\"eq\":true}}]}");
	struct yc_interview iv;
	assert_false(yc_interview_parse(def, matter_items, 4, a, &iv, &p));
	json_t *next = NULL;
	struct yc_situation_core s;
	assert_int_equal(yc_interview_step(&iv, NULL, a, &next, &s, &p), YC_E_CONFLICT);
	assert_null(next);
	json_decref(def);
	yc_arena_free(a);
}

/* A 50-question definition: one step in well under a millisecond. */
static void test_step_speed(void **state)
{
	(void)state;
	char *d = build("{\"questions\":[",
	                "{\"id\":\"q%d\",\"label\":\"Q%d\",\"type\":\"yesno\",\"when\":{\"any\":["
	                "{\"ref\":\"z\",\"answered\":false},{\"ref\":\"z\",\"eq\":true}]}}",
	                50, ",{\"id\":\"z\",\"label\":\"Z\",\"type\":\"yesno\"}]}");
	struct run r;
	run_init(&r, d);
	free(d);
	char *answers = build("{", "\"q%d\":true", 50, ",\"z\":true}");
	json_t *ans = J(answers);
	free(answers);
	clock_t t0 = clock();
	int n = 2000;
	for (int i = 0; i < n; i++) {
		struct yc_arena *a = yc_arena_new();
		struct yc_problems p;
		yc_problems_init(&p, a);
		json_t *next = NULL;
		struct yc_situation_core s;
		assert_int_equal(yc_interview_step(&r.iv, ans, a, &next, &s, &p), YC_OK);
		assert_true(s.complete);
		yc_arena_free(a);
	}
	double us = (double)(clock() - t0) / CLOCKS_PER_SEC * 1e6 / n;
	print_message("  one step of a 51-question interview: %.1f µs\n", us);
	assert_true(us < 5000); /* generous: sanitizers, a shared machine */
	json_decref(ans);
	run_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cond_operators),
	    cmocka_unit_test(test_cond_problems),
	    cmocka_unit_test(test_cond_eval_hostile),
	    cmocka_unit_test(test_analyse_restaurant),
	    cmocka_unit_test(test_analyse_classes),
	    cmocka_unit_test(test_analyse_problems),
	    cmocka_unit_test(test_cycles),
	    cmocka_unit_test(test_parse_problems),
	    cmocka_unit_test(test_caps),
	    cmocka_unit_test(test_step_flow),
	    cmocka_unit_test(test_step_bad_answers),
	    cmocka_unit_test(test_step_speed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

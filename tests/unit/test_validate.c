/* test_validate.c — unit tests of the form validation engine (validate.c): every type valid and
 * invalid, required and required_when, length in code points, range, patterns (and a
 * catastrophic one, bounded), cross-field rules, a merged form, and hostile input: 1,000
 * unknown fields, a 5 MB value, nested objects, a non-object. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "catalog.h"
#include "form.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TODAY 20250101

#define ID_1990     "430104199003071237" /* born 1990-03-07 */
#define ID_2010     "430104201001011230" /* born 2010-01-01 */
#define ID_20070101 "430104200701011237"
#define ID_20070102 "430104200701021232"
#define CREDIT      "114301047267147587"

static json_t *docs[16];
static int ndocs;

static void free_docs(void)
{
	while (ndocs)
		json_decref(docs[--ndocs]);
}

/* One item's own form from its fields and rules (JSON text). */
static struct yc_form *form(struct yc_arena *a, const char *fields, const char *rules)
{
	char *text = yc_printf(a,
	                       "{\"code\":\"010000100043010400000001\",\"name\":\"测试事项\","
	                       "\"type\":\"01\",\"dept\":\"114301047267147587\",\"region\":"
	                       "\"430104\",\"basis\":\"《测试条例》\",\"statutory_days\":5,"
	                       "\"promised_days\":1,\"kind\":\"promised\",\"fields\":%s%s%s}",
	                       fields, rules ? ",\"form_rules\":" : "", rules ? rules : "");
	json_error_t je;
	json_t *doc = json_loads(text, 0, &je);
	if (!doc)
		fail_msg("bad test JSON: %s in %s", je.text, text);
	docs[ndocs++] = doc;
	struct yc_item *it = yc_alloc(a, sizeof *it);
	struct yc_problems p;
	yc_problems_init(&p, a);
	if (!yc_item_from_json(doc, "", a, it, &p)) {
		for (int i = 0; i < p.n; i++)
			fprintf(stderr, "  problem %s: %s\n", p.v[i].field, p.v[i].message);
		fail_msg("the test item does not read");
	}
	struct yc_form *f = yc_alloc(a, sizeof *f);
	yc_form_of_item(it, a, f);
	return f;
}

static struct yc_form_errors run(struct yc_arena *a, const struct yc_form *f, const char *values)
{
	json_error_t je;
	json_t *v = json_loads(values, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
	if (!v)
		fail_msg("bad test JSON: %s in %s", je.text, values);
	struct yc_form_errors e;
	bool ok = yc_form_validate(f, v, TODAY, a, &e);
	assert_int_equal(ok, e.total == 0);
	json_decref(v);
	return e;
}

static void dump(const struct yc_form_errors *e)
{
	for (int i = 0; i < e->n; i++)
		fprintf(stderr, "  error %s %s: %s\n", e->v[i].field, e->v[i].code,
		        e->v[i].message);
}

/* values must give no error */
static void ok(struct yc_arena *a, const struct yc_form *f, const char *values)
{
	struct yc_form_errors e = run(a, f, values);
	if (e.total) {
		dump(&e);
		fail_msg("expected no error for %s", values);
	}
}

/* values must give exactly one error, at field with code */
static void bad(struct yc_arena *a, const struct yc_form *f, const char *values, const char *field,
                const char *code)
{
	struct yc_form_errors e = run(a, f, values);
	if (e.total != 1 || strcmp(e.v[0].field, field) != 0 || strcmp(e.v[0].code, code) != 0) {
		dump(&e);
		fail_msg("expected one error %s %s for %s", field, code, values);
	}
	assert_non_null(strstr(e.v[0].message, "“")); /* the message names the field */
}

static bool has_error(const struct yc_form_errors *e, const char *field, const char *code)
{
	for (int i = 0; i < e->n; i++)
		if (strcmp(e->v[i].field, field) == 0 && strcmp(e->v[i].code, code) == 0)
			return true;
	return false;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_formats(void **state)
{
	(void)state;
	assert_true(yc_date_valid("2024-02-29", 10, NULL));
	assert_false(yc_date_valid("2023-02-29", 10, NULL));
	assert_false(yc_date_valid("2024-04-31", 10, NULL));
	assert_false(yc_date_valid("2024-13-01", 10, NULL));
	assert_false(yc_date_valid("2024-00-10", 10, NULL));
	assert_false(yc_date_valid("2024-1-01", 9, NULL));
	assert_false(yc_date_valid("2024/01/01", 10, NULL));
	assert_false(yc_date_valid("2024-01-01T00:00:00Z", 20, NULL));
	assert_true(yc_date_valid("1900-02-28", 10, NULL));
	assert_false(yc_date_valid("1900-02-29", 10, NULL)); /* not a leap year */
	assert_true(yc_date_valid("2000-02-29", 10, NULL));
	int32_t d = 0;
	assert_true(yc_date_valid("2025-12-31", 10, &d));
	assert_int_equal(d, 20251231);

	assert_true(yc_email_valid("zhang.san@example.com", 21));
	assert_true(yc_email_valid("a+b@mail.hunan.gov.cn", 21));
	assert_false(yc_email_valid("a@b", 3));
	assert_false(yc_email_valid("ab.example.com", 14));
	assert_false(yc_email_valid("a..b@example.com", 16));
	assert_false(yc_email_valid(".a@example.com", 14));
	assert_false(yc_email_valid("a@@example.com", 14));
	assert_false(yc_email_valid("a@-example.com", 14));
	assert_false(yc_email_valid("a@example.c", 11));
	assert_false(yc_email_valid("a@example.123", 13));
	assert_false(yc_email_valid("a b@example.com", 15));
	assert_false(yc_email_valid("张三@example.com", strlen("张三@example.com")));

	struct yc_arena *a = yc_arena_new();
	const char *why = NULL;
	assert_non_null(yc_pattern_compile(a, "[0-9]{6}", &why));
	assert_null(yc_pattern_compile(a, "(unclosed", &why));
	assert_non_null(strstr(why, "正则表达式无效"));
	char *huge = yc_alloc(a, YC_PATTERN_MAX + 2);
	memset(huge, 'a', YC_PATTERN_MAX + 1);
	assert_null(yc_pattern_compile(a, huge, &why));
	yc_arena_free(a);
}

static void test_types(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_form *f = form(
	    a,
	    "[{\"key\":\"name\",\"label\":\"姓名\",\"type\":\"text\"},"
	    "{\"key\":\"n\",\"label\":\"人数\",\"type\":\"number\",\"min\":1,\"max\":99},"
	    "{\"key\":\"d\",\"label\":\"日期\",\"type\":\"date\"},"
	    "{\"key\":\"k\",\"label\":\"种类\",\"type\":\"enum\",\"options\":[{\"value\":\"a\","
	    "\"label\":\"甲\"},{\"value\":\"b\",\"label\":\"乙\"}]},"
	    "{\"key\":\"ks\",\"label\":\"多选\",\"type\":\"enum\",\"multiple\":true,\"options\":[{"
	    "\"value\":\"a\",\"label\":\"甲\"},{\"value\":\"b\",\"label\":\"乙\"}]},"
	    "{\"key\":\"free\",\"label\":\"民族\",\"type\":\"enum\"},"
	    "{\"key\":\"r\",\"label\":\"区划\",\"type\":\"region\"},"
	    "{\"key\":\"id\",\"label\":\"身份证号码\",\"type\":\"id_number\"},"
	    "{\"key\":\"cc\",\"label\":\"统一社会信用代码\",\"type\":\"credit_code\"},"
	    "{\"key\":\"ph\",\"label\":\"电话\",\"type\":\"phone\"},"
	    "{\"key\":\"em\",\"label\":\"邮箱\",\"type\":\"email\"},"
	    "{\"key\":\"ad\",\"label\":\"地址\",\"type\":\"address\"},"
	    "{\"key\":\"fi\",\"label\":\"附件\",\"type\":\"file\"},"
	    "{\"key\":\"fs\",\"label\":\"照片\",\"type\":\"file\",\"multiple\":true},"
	    "{\"key\":\"yes\",\"label\":\"同意\",\"type\":\"bool\"}]",
	    NULL);
	/* all valid at once; nothing required */
	ok(a, f, "{}");
	ok(a, f,
	   "{\"name\":\"张三\",\"n\":3,\"d\":\"2024-02-29\",\"k\":\"a\",\"ks\":[\"a\",\"b\"],"
	   "\"free\":\"汉族\",\"r\":\"430104\",\"id\":\"" ID_1990 "\",\"cc\":\"" CREDIT "\","
	   "\"ph\":\"0731-88882000\",\"em\":\"a@example.com\",\"ad\":\"长沙市岳麓区麓山南路 1 号\\n"
	   "2 栋\",\"fi\":\"upload-1\",\"fs\":[\"u1\",{\"id\":\"u2\",\"name\":\"门头.jpg\","
	   "\"size\":1024,\"mime\":\"image/jpeg\"}],\"yes\":false}");
	ok(a, f, "{\"n\":1,\"fi\":{\"id\":\"x\"},\"r\":\"430104001000\",\"ph\":\"13800138000\"}");
	ok(a, f, "{\"n\":99.0,\"name\":null,\"d\":\"\"}"); /* null and "" are not given */

	bad(a, f, "{\"name\":\"张\\u0001三\"}", "name", "type");
	bad(a, f, "{\"name\":12}", "name", "type");
	bad(a, f, "{\"n\":\"3\"}", "n", "type");
	bad(a, f, "{\"n\":0}", "n", "min");
	bad(a, f, "{\"n\":99.5}", "n", "max");
	bad(a, f, "{\"d\":\"2023-02-29\"}", "d", "date");
	bad(a, f, "{\"d\":\"2024-1-1\"}", "d", "date");
	bad(a, f, "{\"k\":\"c\"}", "k", "option");
	bad(a, f, "{\"k\":[\"a\"]}", "k", "type");
	bad(a, f, "{\"k\":\"a\\u0000b\"}", "k", "type"); /* not "a" */
	bad(a, f, "{\"ks\":\"a\"}", "ks", "type");
	bad(a, f, "{\"ks\":[\"a\",\"z\"]}", "ks[1]", "option");
	bad(a, f, "{\"ks\":[\"a\",\"a\"]}", "ks[1]", "duplicate");
	bad(a, f, "{\"r\":\"999999\"}", "r", "region");
	bad(a, f, "{\"r\":430104}", "r", "type");
	bad(a, f, "{\"id\":\"430104199003071238\"}", "id", "id_number"); /* check digit */
	bad(a, f, "{\"id\":\"430104203003071231\"}", "id", "id_number"); /* born in the future */
	bad(a, f, "{\"cc\":\"114301047267147588\"}", "cc", "credit_code");
	bad(a, f, "{\"ph\":\"12345\"}", "ph", "phone");
	bad(a, f, "{\"ph\":\"+8613800138000\"}", "ph", "phone");
	bad(a, f, "{\"em\":\"a@b\"}", "em", "email");
	bad(a, f, "{\"ad\":{\"city\":\"长沙\"}}", "ad", "type");
	bad(a, f, "{\"fi\":12}", "fi", "file");
	bad(a, f, "{\"fi\":\"\\u0000x\"}", "fi", "file");
	bad(a, f, "{\"fi\":{\"name\":\"a.pdf\"}}", "fi", "file");
	bad(a, f, "{\"fi\":{\"id\":\"x\",\"owner\":{\"deep\":1}}}", "fi", "file");
	bad(a, f, "{\"fi\":[\"u1\"]}", "fi", "type");
	bad(a, f, "{\"fs\":[\"u1\",7]}", "fs[1]", "file");
	bad(a, f, "{\"yes\":\"true\"}", "yes", "type");
	/* a key with a NUL byte (not from the parser, which refuses it) is not the key before it */
	json_t *nul = json_object();
	json_object_setn_new(nul, "k\0x", 3, json_string("a"));
	struct yc_form_errors e;
	assert_false(yc_form_validate(f, nul, TODAY, a, &e));
	assert_int_equal(e.total, 1);
	assert_string_equal(e.v[0].code, "unknown_field");
	assert_string_equal(e.v[0].field, "k\\u0000…");
	json_decref(nul);
	/* nested objects where a scalar is expected: one type error each, never walked */
	e = run(a, f,
	        "{\"name\":{\"a\":{\"b\":{\"c\":[1,2,3]}}},\"n\":[1],\"d\":{},\"id\":[[\"x\"]],"
	        "\"yes\":{\"v\":true}}");
	assert_int_equal(e.total, 5);
	for (int i = 0; i < e.n; i++)
		assert_string_equal(e.v[i].code, "type");
	/* a value of a wrong type in an array of files */
	json_t *many = json_array();
	for (int i = 0; i < YC_FORM_MAX_FILES + 1; i++)
		json_array_append_new(many, json_sprintf("u%d", i));
	json_t *vals = json_pack("{s:o}", "fs", many);
	assert_false(yc_form_validate(f, vals, TODAY, a, &e));
	assert_string_equal(e.v[0].code, "too_many");
	json_decref(vals);
	free_docs();
	yc_arena_free(a);
}

static void test_required(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_form *f = form(
	    a,
	    "[{\"key\":\"name\",\"label\":\"姓名\",\"type\":\"text\",\"required\":true},"
	    "{\"key\":\"kind\",\"label\":\"发票种类\",\"type\":\"enum\",\"options\":[{\"value\":"
	    "\"electronic\",\"label\":\"电子发票\"},{\"value\":\"paper\",\"label\":\"纸质发票\"}]},"
	    "{\"key\":\"email\",\"label\":\"接收邮箱\",\"type\":\"email\",\"required_when\":{"
	    "\"ref\":"
	    "\"kind\",\"eq\":\"electronic\"}},"
	    "{\"key\":\"agent\",\"label\":\"委托代理\",\"type\":\"bool\"},"
	    "{\"key\":\"agent_id\",\"label\":\"代理人身份证号码\",\"type\":\"id_number\","
	    "\"required_when\":{\"all\":[{\"ref\":\"agent\",\"eq\":true},{\"not\":{\"ref\":"
	    "\"kind\","
	    "\"eq\":\"paper\"}}]}},"
	    "{\"key\":\"files\",\"label\":\"材料\",\"type\":\"file\",\"multiple\":true,"
	    "\"required\":"
	    "true}]",
	    NULL);
	ok(a, f, "{\"name\":\"张三\",\"files\":[\"u1\"]}");
	bad(a, f, "{\"files\":[\"u1\"]}", "name", "required");
	bad(a, f, "{\"name\":\"  \\t \",\"files\":[\"u1\"]}", "name", "required");
	bad(a, f, "{\"name\":\"张三\",\"files\":[]}", "files", "required");
	/* required_when both ways */
	bad(a, f, "{\"name\":\"张三\",\"files\":[\"u1\"],\"kind\":\"electronic\"}", "email",
	    "required");
	ok(a, f, "{\"name\":\"张三\",\"files\":[\"u1\"],\"kind\":\"paper\"}");
	ok(a, f,
	   "{\"name\":\"张三\",\"files\":[\"u1\"],\"kind\":\"electronic\",\"email\":"
	   "\"a@example.com\"}");
	/* a condition on an invalid value does not hold: only the value's own error */
	bad(a, f, "{\"name\":\"张三\",\"files\":[\"u1\"],\"kind\":\"fax\"}", "kind", "option");
	/* all / not */
	bad(a, f, "{\"name\":\"张三\",\"files\":[\"u1\"],\"agent\":true}", "agent_id", "required");
	ok(a, f, "{\"name\":\"张三\",\"files\":[\"u1\"],\"agent\":true,\"kind\":\"paper\"}");
	ok(a, f, "{\"name\":\"张三\",\"files\":[\"u1\"],\"agent\":false}");
	ok(a, f,
	   "{\"name\":\"张三\",\"files\":[\"u1\"],\"agent\":true,\"agent_id\":\"" ID_1990 "\"}");
	/* every error at once */
	struct yc_form_errors e = run(a, f, "{\"kind\":\"electronic\",\"agent\":true}");
	assert_int_equal(e.total, 4);
	assert_true(has_error(&e, "name", "required"));
	assert_true(has_error(&e, "files", "required"));
	assert_true(has_error(&e, "email", "required"));
	assert_true(has_error(&e, "agent_id", "required"));
	json_t *j = yc_form_errors_json(&e);
	assert_int_equal(json_array_size(j), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "code")),
	                    "required");
	assert_non_null(json_object_get(json_array_get(j, 0), "message"));
	json_decref(j);
	free_docs();
	yc_arena_free(a);
}

static void test_length_pattern(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_form *f = form(
	    a,
	    "[{\"key\":\"city\",\"label\":\"城市\",\"type\":\"text\",\"min_length\":2,"
	    "\"max_length\":5},"
	    "{\"key\":\"zip\",\"label\":\"邮政编码\",\"type\":\"text\",\"pattern\":\"[0-9]{6}\","
	    "\"help\":\"6 位数字\"},"
	    "{\"key\":\"han\",\"label\":\"中文名\",\"type\":\"text\",\"pattern\":\"\\\\p{Han}{2,4}"
	    "\"},"
	    "{\"key\":\"evil\",\"label\":\"编号\",\"type\":\"text\",\"pattern\":\"(a|aa)+\"},"
	    "{\"key\":\"em\",\"label\":\"单位邮箱\",\"type\":\"email\",\"pattern\":\".*@hunan\\\\."
	    "gov\\\\.cn\"}]",
	    NULL);
	/* length in code points, not bytes: 5 characters are 15 bytes */
	ok(a, f, "{\"city\":\"湖南长沙市\"}");
	ok(a, f, "{\"city\":\"长沙\"}");
	bad(a, f, "{\"city\":\"湖南省长沙市\"}", "city", "max_length");
	bad(a, f, "{\"city\":\"湘\"}", "city", "min_length");
	ok(a, f, "{\"city\":\"😀😀\"}"); /* two code points of four bytes */
	/* the pattern must match the whole value */
	ok(a, f, "{\"zip\":\"410000\"}");
	bad(a, f, "{\"zip\":\"41000a\"}", "zip", "pattern");
	bad(a, f, "{\"zip\":\"4100001\"}", "zip", "pattern");
	bad(a, f, "{\"zip\":\"x410000\"}", "zip", "pattern");
	struct yc_form_errors e = run(a, f, "{\"zip\":\"1\"}");
	assert_non_null(strstr(e.v[0].message, "6 位数字")); /* the help is told */
	ok(a, f, "{\"han\":\"欧阳修\"}");
	bad(a, f, "{\"han\":\"Li\"}", "han", "pattern");
	ok(a, f, "{\"em\":\"a@hunan.gov.cn\"}");
	bad(a, f, "{\"em\":\"a@example.com\"}", "em", "pattern");
	/* a catastrophic pattern on a hostile value stops at the match limit */
	ok(a, f, "{\"evil\":\"aaaa\"}");
	char *v = yc_alloc(a, 4096);
	strcpy(v, "{\"evil\":\"");
	memset(v + strlen(v), 'a', 2000);
	strcat(v, "!\"}");
	double t0 = now();
	e = run(a, f, v);
	double took = now() - t0;
	assert_int_equal(e.total, 1);
	assert_string_equal(e.v[0].field, "evil");
	assert_true(strcmp(e.v[0].code, "pattern_limit") == 0 ||
	            strcmp(e.v[0].code, "pattern") == 0);
	assert_true(took < 2.0);
	memset(v, 0, 4096);
	strcpy(v, "{\"evil\":\"");
	memset(v + strlen(v), 'a', 40);
	strcat(v, "b\"}");
	t0 = now();
	bad(a, f, v, "evil", "pattern_limit"); /* exponential without the limit */
	assert_true(now() - t0 < 2.0);
	free_docs();
	yc_arena_free(a);
}

static void test_rules(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_form *f =
	    form(a,
	         "[{\"key\":\"start\",\"label\":\"开始日期\",\"type\":\"date\"},"
	         "{\"key\":\"end\",\"label\":\"结束日期\",\"type\":\"date\"},"
	         "{\"key\":\"rep\",\"label\":\"法定代表人身份证号码\",\"type\":\"id_number\"},"
	         "{\"key\":\"birth\",\"label\":\"出生日期\",\"type\":\"date\"},"
	         "{\"key\":\"pw\",\"label\":\"账号\",\"type\":\"text\"},"
	         "{\"key\":\"pw2\",\"label\":\"确认账号\",\"type\":\"text\"}]",
	         "[{\"kind\":\"not_before\",\"field\":\"end\",\"other\":\"start\"},"
	         "{\"kind\":\"adult\",\"field\":\"rep\"},"
	         "{\"kind\":\"birth_date_of\",\"field\":\"birth\",\"other\":\"rep\"},"
	         "{\"kind\":\"matches\",\"field\":\"pw2\",\"other\":\"pw\",\"message\":"
	         "\"两次填写的账号不一致\"}]");
	ok(a, f, "{\"start\":\"2025-01-01\",\"end\":\"2025-01-01\"}");
	ok(a, f, "{\"start\":\"2024-12-31\",\"end\":\"2025-06-30\"}");
	bad(a, f, "{\"start\":\"2025-01-02\",\"end\":\"2025-01-01\"}", "end", "not_before");
	ok(a, f, "{\"end\":\"2025-01-01\"}"); /* a missing value is no rule error */
	bad(a, f, "{\"start\":\"2025-13-01\",\"end\":\"2025-01-01\"}", "start", "date");
	/* adult: 18 years on the day of the 18th birthday */
	ok(a, f, "{\"rep\":\"" ID_1990 "\"}");
	ok(a, f, "{\"rep\":\"" ID_20070101 "\"}");
	bad(a, f, "{\"rep\":\"" ID_20070102 "\"}", "rep", "adult");
	bad(a, f, "{\"rep\":\"" ID_2010 "\"}", "rep", "adult");
	ok(a, f, "{\"rep\":\"" ID_1990 "\",\"birth\":\"1990-03-07\"}");
	bad(a, f, "{\"rep\":\"" ID_1990 "\",\"birth\":\"1990-03-08\"}", "birth", "birth_date_of");
	ok(a, f, "{\"pw\":\"abc\",\"pw2\":\"abc\"}");
	struct yc_form_errors e = run(a, f, "{\"pw\":\"abc\",\"pw2\":\"abd\"}");
	assert_int_equal(e.total, 1);
	assert_string_equal(e.v[0].code, "matches");
	assert_string_equal(e.v[0].message, "两次填写的账号不一致");
	free_docs();
	yc_arena_free(a);
}

static void test_hostile(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_form *f = form(a,
	                         "[{\"key\":\"name\",\"label\":\"名称\",\"type\":\"text\","
	                         "\"max_length\":100,\"required\":true},"
	                         "{\"key\":\"note\",\"label\":\"备注\",\"type\":\"text\","
	                         "\"pattern\":\"(x+x+)+y\"}]",
	                         NULL);
	/* not an object */
	const char *not_objects[] = {"[]", "\"x\"", "1", "null", "[{\"name\":\"a\"}]"};
	for (size_t i = 0; i < sizeof not_objects / sizeof *not_objects; i++) {
		struct yc_form_errors e = run(a, f, not_objects[i]);
		assert_int_equal(e.total, 1);
		assert_string_equal(e.v[0].code, "not_object");
		assert_string_equal(e.v[0].field, "");
	}
	struct yc_form_errors e;
	assert_false(yc_form_validate(f, NULL, TODAY, a, &e));
	assert_string_equal(e.v[0].code, "not_object");

	/* 1,000 unknown fields: each counted, 100 listed, then one "more" entry */
	json_t *v = json_pack("{s:s}", "name", "长沙某某有限公司");
	for (int i = 0; i < 1000; i++)
		json_object_set_new(v, yc_printf(a, "x%d", i), json_integer(i));
	assert_false(yc_form_validate(f, v, TODAY, a, &e));
	assert_int_equal(e.total, 1000);
	assert_int_equal(e.n, YC_FORM_MAX_ERRORS + 1);
	assert_string_equal(e.v[0].field, "x0");
	assert_string_equal(e.v[0].code, "unknown_field");
	assert_string_equal(e.v[YC_FORM_MAX_ERRORS].code, "more");
	assert_string_equal(e.v[YC_FORM_MAX_ERRORS].message, "还有 900 项错误");
	json_t *j = yc_form_errors_json(&e);
	assert_int_equal(json_array_size(j), YC_FORM_MAX_ERRORS + 1);
	json_decref(j);
	/* the form's own errors come before the unknown fields */
	json_object_del(v, "name");
	assert_false(yc_form_validate(f, v, TODAY, a, &e));
	assert_int_equal(e.total, 1001);
	assert_string_equal(e.v[0].code, "required");
	json_decref(v);

	/* a 5 MB value: refused by its size, quickly, in a field with or without max_length */
	size_t big = 5u << 20;
	char *s = malloc(big + 1);
	memset(s, 'a', big);
	s[big] = 0;
	v = json_pack("{s:s, s:s}", "name", s, "note", s);
	double t0 = now();
	assert_false(yc_form_validate(f, v, TODAY, a, &e));
	assert_true(now() - t0 < 0.5);
	assert_int_equal(e.total, 2);
	assert_string_equal(e.v[0].code, "too_long");
	assert_string_equal(e.v[1].code, "too_long");
	assert_true(yc_arena_size(a) < (1u << 20)); /* the value was not copied */
	json_decref(v);
	/* just under the cap: read, and refused by max_length in linear time */
	memset(s, 0, big);
	memset(s, 'a', YC_FORM_MAX_VALUE);
	v = json_pack("{s:s}", "name", s);
	assert_false(yc_form_validate(f, v, TODAY, a, &e));
	assert_string_equal(e.v[0].code, "max_length");
	json_decref(v);
	/* the hostile pattern on a long value: bounded */
	memset(s, 'x', YC_FORM_MAX_VALUE);
	v = json_pack("{s:s, s:s}", "name", "某", "note", s);
	t0 = now();
	assert_false(yc_form_validate(f, v, TODAY, a, &e));
	assert_true(now() - t0 < 2.0);
	assert_string_equal(e.v[0].field, "note");
	json_decref(v);
	/* a 5 MB unknown key is shown cut short */
	memset(s, 'k', big);
	v = json_pack("{s:s, s:i}", "name", "某", s, 1);
	assert_false(yc_form_validate(f, v, TODAY, a, &e));
	assert_string_equal(e.v[0].code, "unknown_field");
	assert_true(strlen(e.v[0].field) < 80);
	json_decref(v);
	free(s);
	free_docs();
	yc_arena_free(a);
}

/* Validation of a merged form: merged keys, per-item conditions and rules. */
static void test_merged(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
#define TMPL                                                                                       \
	"{\"code\":\"%s\",\"name\":\"%s\",\"type\":\"%s\",\"dept\":\"%s\","                        \
	"\"region\":\"430104\",\"basis\":\"《测试条例》\",\"statutory_days\":5,"             \
	"\"promised_days\":1,\"kind\":\"promised\",\"fields\":%s,\"form_rules\":%s}"
	json_t *d1 = json_loads(
	    yc_printf(
	        a, TMPL, "010000100043010400000001", "设立登记", "01", "114301047267147587",
	        "[{\"key\":\"n\",\"label\":\"名称\",\"type\":\"text\",\"element\":\"entity_name\","
	        "\"max_length\":10},{\"key\":\"rep\",\"label\":\"法人\",\"type\":\"id_number\","
	        "\"element\":\"legal_rep_id_number\",\"required\":true}]",
	        "[{\"kind\":\"adult\",\"field\":\"rep\"}]"),
	    0, NULL);
	json_t *d2 = json_loads(
	    yc_printf(a, TMPL, "100000300043010400000001", "申领发票", "10", "114301047981933142",
	              "[{\"key\":\"name\",\"label\":\"纳税人名称\",\"type\":\"text\",\"element\":"
	              "\"entity_name\",\"required\":true,\"min_length\":4},"
	              "{\"key\":\"paper\",\"label\":\"需要纸质发票\",\"type\":\"bool\"},"
	              "{\"key\":\"addr\",\"label\":\"邮寄地址\",\"type\":\"address\",\"element\":"
	              "\"delivery_address\",\"required_when\":{\"ref\":\"paper\",\"eq\":true}}]",
	              "[]"),
	    0, NULL);
	assert_non_null(d1);
	assert_non_null(d2);
	struct yc_item it[2];
	struct yc_problems p;
	yc_problems_init(&p, a);
	assert_true(yc_item_from_json(d1, "", a, &it[0], &p));
	assert_true(yc_item_from_json(d2, "", a, &it[1], &p));
	const struct yc_item *items[2] = {&it[0], &it[1]};
	struct yc_form f;
	assert_true(yc_form_merge(items, 2, NULL, a, &f, &p));
	const char *paper = "100000300043010400000001.paper";
	json_t *v = json_pack("{s:s, s:s}", "entity_name", "长沙某某有限公司",
	                      "legal_rep_id_number", ID_1990);
	struct yc_form_errors e;
	assert_true(yc_form_validate(&f, v, TODAY, a, &e));
	/* strictest: 4 to 10 characters, required */
	json_object_set_new(v, "entity_name", json_string("长沙某某有限责任公司一"));
	assert_false(yc_form_validate(&f, v, TODAY, a, &e));
	assert_true(has_error(&e, "entity_name", "max_length"));
	json_object_set_new(v, "entity_name", json_string("某某"));
	assert_false(yc_form_validate(&f, v, TODAY, a, &e));
	assert_true(has_error(&e, "entity_name", "min_length"));
	json_object_del(v, "entity_name");
	/* item 2's condition on its own key, answered under the merged key */
	json_object_set_new(v, paper, json_true());
	assert_false(yc_form_validate(&f, v, TODAY, a, &e));
	assert_true(has_error(&e, "entity_name", "required"));
	assert_true(has_error(&e, "delivery_address", "required"));
	assert_int_equal(e.total, 2);
	json_object_set_new(v, paper, json_false());
	json_object_set_new(v, "entity_name", json_string("长沙某某公司"));
	json_object_set_new(v, "legal_rep_id_number", json_string(ID_2010));
	assert_false(yc_form_validate(&f, v, TODAY, a, &e));
	assert_int_equal(e.total, 1);
	assert_string_equal(e.v[0].code, "adult");
	/* the item keys are unknown to the merged form */
	json_object_set_new(v, "legal_rep_id_number", json_string(ID_1990));
	json_object_set_new(v, "paper", json_true());
	assert_false(yc_form_validate(&f, v, TODAY, a, &e));
	assert_int_equal(e.total, 1);
	assert_string_equal(e.v[0].code, "unknown_field");
	json_decref(v);

	/* a 200-field form validates quickly */
	char *fields = yc_strdup(a, "[");
	for (int i = 0; i < 200; i++)
		fields = yc_printf(a,
		                   "%s%s{\"key\":\"f%d\",\"label\":\"字段%d\",\"type\":\"%s\","
		                   "\"required\":true}",
		                   fields, i ? "," : "", i, i,
		                   i % 4 == 0   ? "text"
		                   : i % 4 == 1 ? "phone"
		                   : i % 4 == 2 ? "id_number"
		                                : "date");
	fields = yc_printf(a, "%s]", fields);
	struct yc_form *big = form(a, fields, NULL);
	v = json_object();
	for (int i = 0; i < 200; i++)
		json_object_set_new(v, yc_printf(a, "f%d", i),
		                    json_string(i % 4 == 0   ? "长沙市岳麓区"
		                                : i % 4 == 1 ? "13800138000"
		                                : i % 4 == 2 ? ID_1990
		                                             : "2024-05-06"));
	double t0 = now();
	for (int k = 0; k < 100; k++)
		assert_true(yc_form_validate(big, v, TODAY, a, &e));
	double each = (now() - t0) / 100;
	fprintf(stderr, "  one validation of a 200-field form: %.1f µs (sanitizers on)\n",
	        each * 1e6);
	assert_true(each < 0.01);
	json_decref(v);
	json_decref(d1);
	json_decref(d2);
	free_docs();
	yc_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_formats),  cmocka_unit_test(test_types),
	    cmocka_unit_test(test_required), cmocka_unit_test(test_length_pattern),
	    cmocka_unit_test(test_rules),    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_merged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

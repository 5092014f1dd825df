/* test_form.c — unit tests of the form field constraints read with an item (catalog.c), the
 * element dictionary and the merged form (form.c): the strictest constraint, conflicts, the
 * merge report, the reduction numbers and unmerge; and the whole demo catalog merged. */
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

#define A_CODE "010000100043010400000001"
#define B_CODE "100000200043010400000001"
#define C_CODE "100000300043010400000001"

static json_t *docs[64];
static int ndocs;

static void free_docs(void)
{
	while (ndocs)
		json_decref(docs[--ndocs]);
}

/* An item document with the given fields, materials and form_rules (JSON text; rules may be
 * NULL), read into a new item. */
static const struct yc_item *item_p(struct yc_arena *a, const char *code, const char *type,
                                    const char *dept, const char *name, const char *fields,
                                    const char *materials, const char *rules, struct yc_problems *p)
{
	char *text = yc_printf(a,
	                       "{\"code\":\"%s\",\"name\":\"%s\",\"type\":\"%s\",\"dept\":\"%s\","
	                       "\"region\":\"430104\",\"basis\":\"《测试条例》\","
	                       "\"statutory_days\":5,\"promised_days\":1,\"kind\":\"promised\","
	                       "\"fields\":%s,\"materials\":%s%s%s}",
	                       code, name, type, dept, fields, materials,
	                       rules ? ",\"form_rules\":" : "", rules ? rules : "");
	json_error_t je;
	json_t *doc = json_loads(text, 0, &je);
	if (!doc)
		fail_msg("bad test JSON: %s in %s", je.text, text);
	docs[ndocs++] = doc;
	struct yc_item *it = yc_alloc(a, sizeof *it);
	yc_item_from_json(doc, "", a, it, p);
	return it;
}

static void dump_problems(const struct yc_problems *p)
{
	for (int i = 0; i < p->n; i++)
		fprintf(stderr, "  problem %s: %s\n", p->v[i].field, p->v[i].message);
}

/* An item that must read without a problem. */
static const struct yc_item *item(struct yc_arena *a, const char *code, const char *type,
                                  const char *dept, const char *name, const char *fields,
                                  const char *materials, const char *rules)
{
	struct yc_problems p;
	yc_problems_init(&p, a);
	const struct yc_item *it = item_p(a, code, type, dept, name, fields, materials, rules, &p);
	if (p.n)
		dump_problems(&p);
	assert_int_equal(p.n, 0);
	return it;
}

static bool has_problem(const struct yc_problems *p, const char *field, const char *needle)
{
	for (int i = 0; i < p->n; i++)
		if (strncmp(p->v[i].field, field, strlen(field)) == 0 &&
		    (p->v[i].field[strlen(field)] == 0 || p->v[i].field[strlen(field)] == '.') &&
		    (!needle || strstr(p->v[i].message, needle)))
			return true;
	return false;
}

/* Read a one-item document whose fields are `fields` and expect a problem at `field`. */
static void expect_field_problem(struct yc_arena *a, const char *fields, const char *rules,
                                 const char *field, const char *needle)
{
	struct yc_problems p;
	yc_problems_init(&p, a);
	item_p(a, A_CODE, "01", "114301047267147587", "甲", fields, "[]", rules, &p);
	if (!has_problem(&p, field, needle)) {
		dump_problems(&p);
		fail_msg("expected a problem at %s (%s) for %s", field, needle ? needle : "",
		         fields);
	}
}

static const char *const dict_json =
    "[{\"key\":\"entity_name\",\"label\":\"市场主体（单位）名称\",\"type\":\"text\"},"
    "{\"key\":\"legal_rep_id_number\",\"label\":\"法定代表人身份证号码\",\"type\":\"id_number\"},"
    "{\"key\":\"phone\",\"label\":\"联系电话\",\"type\":\"phone\"},"
    "{\"key\":\"entity_type\",\"label\":\"市场主体类型\",\"type\":\"enum\"},"
    "{\"key\":\"credit_code\",\"label\":\"统一社会信用代码\",\"type\":\"credit_code\"},"
    "{\"key\":\"email\",\"label\":\"电子邮箱\",\"type\":\"email\",\"note\":\"选填\"},"
    "{\"key\":\"site_photos\",\"label\":\"场所照片\",\"type\":\"file\"},"
    "{\"key\":\"business_area\",\"label\":\"经营场所面积\",\"type\":\"number\"}]";

static struct yc_elements dict(struct yc_arena *a)
{
	json_t *j = json_loads(dict_json, 0, NULL);
	assert_non_null(j);
	docs[ndocs++] = j;
	struct yc_elements d;
	struct yc_problems p;
	yc_problems_init(&p, a);
	assert_true(yc_elements_parse(j, a, &d, &p));
	assert_int_equal(d.n, 8);
	return d;
}

/* The known three-item example (docs/forms.md): 15 fields → 9, 7 materials → 5. */
static void three_items(struct yc_arena *a, const struct yc_item *out[3])
{
	out[0] = item(
	    a, A_CODE, "01", "114301047267147587", "市场主体设立登记",
	    "[{\"key\":\"entity_name\",\"label\":\"企业名称\",\"type\":\"text\","
	    "\"element\":\"entity_name\",\"required\":true,\"max_length\":50},"
	    "{\"key\":\"legal_rep_id_number\",\"label\":\"法定代表人身份证号\",\"type\":\"id_"
	    "number\","
	    "\"element\":\"legal_rep_id_number\",\"required\":true},"
	    "{\"key\":\"phone\",\"label\":\"联系电话\",\"type\":\"phone\",\"element\":\"phone\","
	    "\"required\":true},"
	    "{\"key\":\"entity_type\",\"label\":\"类型\",\"type\":\"enum\",\"element\":"
	    "\"entity_type\",\"options\":[{\"value\":\"limited\",\"label\":\"有限责任公司\"},"
	    "{\"value\":\"sole\",\"label\":\"个人独资企业\"},{\"value\":\"individual\",\"label\":"
	    "\"个体工商户\"}]},"
	    "{\"key\":\"start_date\",\"label\":\"成立日期\",\"type\":\"date\",\"section\":\"登记\"}"
	    "]",
	    "[{\"key\":\"form\",\"name\":\"设立登记申请书\",\"source\":\"applicant\"},"
	    "{\"key\":\"articles\",\"name\":\"公司章程\",\"source\":\"applicant\"},"
	    "{\"key\":\"rep_id\",\"name\":\"法定代表人身份证件\",\"source\":\"shared\"}]",
	    "[{\"kind\":\"adult\",\"field\":\"legal_rep_id_number\"}]");
	out[1] = item(
	    a, B_CODE, "10", "11430104136270106C", "公章刻制备案",
	    "[{\"key\":\"name\",\"label\":\"单位名称\",\"type\":\"text\",\"element\":"
	    "\"entity_name\",\"min_length\":2,\"max_length\":30,\"pattern\":\"[^<>]+\"},"
	    "{\"key\":\"rep_id\",\"label\":\"法人身份证\",\"type\":\"id_number\",\"element\":"
	    "\"legal_rep_id_number\"},"
	    "{\"key\":\"contact\",\"label\":\"联系人电话\",\"type\":\"phone\",\"element\":"
	    "\"phone\","
	    "\"required\":true},"
	    "{\"key\":\"seal_count\",\"label\":\"刻制枚数\",\"type\":\"number\",\"required\":true,"
	    "\"min\":1,\"max\":10},"
	    "{\"key\":\"entity_type\",\"label\":\"单位类型\",\"type\":\"enum\",\"element\":"
	    "\"entity_type\",\"options\":[{\"value\":\"limited\",\"label\":\"有限公司\"},"
	    "{\"value\":\"individual\",\"label\":\"个体户\"},{\"value\":\"partnership\",\"label\":"
	    "\"合伙企业\"}]}]",
	    "[{\"key\":\"rep_id\",\"name\":\"法定代表人身份证件\",\"source\":\"shared\"},"
	    "{\"key\":\"seal\",\"name\":\"印章式样\",\"source\":\"applicant\"}]",
	    "[{\"kind\":\"adult\",\"field\":\"rep_id\"}]");
	out[2] = item(
	    a, C_CODE, "10", "114301047981933142", "首次申领发票",
	    "[{\"key\":\"entity_name\",\"label\":\"纳税人名称\",\"type\":\"text\",\"element\":"
	    "\"entity_name\",\"max_length\":40},"
	    "{\"key\":\"credit_code\",\"label\":\"纳税人识别号\",\"type\":\"credit_code\","
	    "\"element\":\"credit_code\",\"required\":true},"
	    "{\"key\":\"phone\",\"label\":\"办税人电话\",\"type\":\"phone\",\"element\":\"phone\"},"
	    "{\"key\":\"invoice_type\",\"label\":\"发票种类\",\"type\":\"enum\",\"options\":["
	    "{\"value\":\"electronic\",\"label\":\"电子发票\"},{\"value\":\"paper\",\"label\":"
	    "\"纸质发票\"}]},"
	    "{\"key\":\"email\",\"label\":\"接收邮箱\",\"type\":\"email\",\"element\":\"email\","
	    "\"required_when\":{\"ref\":\"invoice_type\",\"eq\":\"electronic\"}}]",
	    "[{\"key\":\"licence\",\"name\":\"营业执照\",\"source\":\"shared\"},"
	    "{\"key\":\"rep_id\",\"name\":\"法定代表人身份证件\",\"source\":\"shared\"}]",
	    NULL);
}

static const struct yc_form_entry *entry(const struct yc_form *f, const char *key)
{
	const struct yc_form_entry *e = yc_form_find(f, key);
	if (!e)
		fail_msg("no merged field %s", key);
	return e;
}

static json_t *report_of(json_t *report, const char *element, const char *what)
{
	size_t i;
	json_t *r;
	json_array_foreach(report, i, r)
	{
		if (strcmp(json_string_value(json_object_get(r, "element")), element) == 0 &&
		    strcmp(json_string_value(json_object_get(r, "what")), what) == 0)
			return r;
	}
	return NULL;
}

static void test_field_constraints_read(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	/* the fields of today's documents still read, without constraints */
	const struct yc_item *it =
	    item(a, A_CODE, "01", "114301047267147587", "甲",
	         "[{\"key\":\"entity_name\",\"label\":\"名称\",\"type\":\"text\",\"element\":"
	         "\"entity_name\"}]",
	         "[]", NULL);
	assert_int_equal(it->nfields, 1);
	assert_false(it->fields[0].required);
	assert_int_equal(it->fields[0].min_length, -1);
	assert_int_equal(it->fields[0].max_length, -1);
	assert_null(it->fields[0].regex);
	assert_int_equal(it->nrules, 0);
	/* every constraint read */
	it = item(
	    a, A_CODE, "01", "114301047267147587", "甲",
	    "[{\"key\":\"kind\",\"label\":\"种类\",\"type\":\"enum\",\"options\":[{\"value\":"
	    "\"a\",\"label\":\"甲\"},{\"value\":\"b\",\"label\":\"乙\"}],\"multiple\":true,"
	    "\"section\":\"基本\",\"help\":\"可多选\"},"
	    "{\"key\":\"note\",\"label\":\"说明\",\"type\":\"text\",\"min_length\":2,"
	    "\"max_length\":20,\"pattern\":\"\\\\p{Han}+\",\"required_when\":{\"ref\":\"kind\","
	    "\"has\":\"b\"}},"
	    "{\"key\":\"area\",\"label\":\"面积\",\"type\":\"number\",\"required\":true,\"min\":0."
	    "5,\"max\":1000},"
	    "{\"key\":\"ok\",\"label\":\"同意\",\"type\":\"bool\"},"
	    "{\"key\":\"start\",\"label\":\"开始\",\"type\":\"date\"},"
	    "{\"key\":\"end\",\"label\":\"结束\",\"type\":\"date\"}]",
	    "[]",
	    "[{\"kind\":\"not_before\",\"field\":\"end\",\"other\":\"start\",\"message\":"
	    "\"结束日期不能早于开始日期\"}]");
	assert_int_equal(it->fields[0].noptions, 2);
	assert_string_equal(it->fields[0].options[1].label, "乙");
	assert_true(it->fields[0].multiple);
	assert_string_equal(it->fields[0].section, "基本");
	assert_int_equal(it->fields[1].min_length, 2);
	assert_int_equal(it->fields[1].max_length, 20);
	assert_non_null(it->fields[1].regex);
	assert_non_null(it->fields[1].required_when);
	assert_true(it->fields[2].required);
	assert_true(it->fields[2].has_min);
	assert_true(it->fields[2].min == 0.5);
	assert_int_equal(it->nrules, 1);
	assert_string_equal(it->rules[0].other, "start");

	/* each wrong constraint is a problem at its path */
	const char *t = "{\"key\":\"x\",\"label\":\"X\",\"type\":\"text\"";
	struct {
		const char *extra, *field, *needle;
	} bad[] = {
	    {",\"pattern\":\"([a-z\"", "fields[0].pattern", "正则表达式无效"},
	    {",\"pattern\":\"\"", "fields[0].pattern", NULL},
	    {",\"min_length\":5,\"max_length\":3", "fields[0].min_length", "大于"},
	    {",\"min_length\":-1", "fields[0].min_length", NULL},
	    {",\"max_length\":\"10\"", "fields[0].max_length", "整数"},
	    {",\"min\":1", "fields[0].min", "数字"},
	    {",\"options\":[{\"value\":\"a\",\"label\":\"甲\"}]", "fields[0].options", "enum"},
	    {",\"multiple\":true", "fields[0].multiple", NULL},
	    {",\"required\":\"yes\"", "fields[0].required", NULL},
	    {",\"requried\":true", "fields[0].requried", "不认识"},
	    {",\"required_when\":{\"ref\":\"nobody\",\"eq\":\"a\"}", "fields[0].required_when",
	     NULL},
	    {",\"required\":true,\"required_when\":{\"ref\":\"x\",\"answered\":true}",
	     "fields[0].required_when", "不应再设"},
	    {",\"required_when\":{\"ref\":\"x\",\"answered\":true}", "fields[0].required_when",
	     "本身"},
	    {",\"section\":\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五"
	     "六七八九十一\"",
	     "fields[0].section", NULL},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *fields = yc_printf(a, "[%s%s}]", t, bad[i].extra);
		expect_field_problem(a, fields, NULL, bad[i].field, bad[i].needle);
	}
	expect_field_problem(
	    a,
	    "[{\"key\":\"x\",\"label\":\"X\",\"type\":\"enum\",\"options\":[{\"value\":"
	    "\"a\",\"label\":\"甲\"},{\"value\":\"a\",\"label\":\"乙\"}]}]",
	    NULL, "fields[0].options[1].value", "重复");
	expect_field_problem(
	    a, "[{\"key\":\"x\",\"label\":\"X\",\"type\":\"number\",\"min\":5,\"max\":1}]", NULL,
	    "fields[0].min", "大于");
	expect_field_problem(a, "[{\"key\":\"x\",\"label\":\"X\",\"type\":\"colour\"}]", NULL,
	                     "fields[0].type", NULL);
	/* rules name fields of the form, of the right types */
	const char *two = "[{\"key\":\"d\",\"label\":\"D\",\"type\":\"date\"},{\"key\":\"t\","
	                  "\"label\":\"T\",\"type\":\"text\"},{\"key\":\"id\",\"label\":\"ID\","
	                  "\"type\":\"id_number\"}]";
	expect_field_problem(a, two, "[{\"kind\":\"not_before\",\"field\":\"d\",\"other\":\"zz\"}]",
	                     "form_rules[0].other", "没有字段");
	expect_field_problem(a, two, "[{\"kind\":\"not_before\",\"field\":\"d\",\"other\":\"t\"}]",
	                     "form_rules[0].other", "date");
	expect_field_problem(a, two, "[{\"kind\":\"adult\",\"field\":\"d\"}]",
	                     "form_rules[0].field", "id_number");
	expect_field_problem(a, two, "[{\"kind\":\"adult\",\"field\":\"id\",\"other\":\"d\"}]",
	                     "form_rules[0].other", NULL);
	expect_field_problem(a, two, "[{\"kind\":\"matches\",\"field\":\"d\",\"other\":\"t\"}]",
	                     "form_rules[0].other", "类型");
	expect_field_problem(a, two, "[{\"kind\":\"older\",\"field\":\"d\"}]", "form_rules[0].kind",
	                     NULL);
	expect_field_problem(a, two, "[{\"kind\":\"matches\",\"field\":\"d\",\"other\":\"d\"}]",
	                     "form_rules[0].other", "另一个");
	expect_field_problem(a, two, "{\"kind\":\"adult\"}", "form_rules", NULL);
	free_docs();
	yc_arena_free(a);
}

static void test_elements(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_elements d = dict(a);
	assert_string_equal(yc_element_find(&d, "phone")->label, "联系电话");
	assert_null(yc_element_find(&d, "nope"));
	json_t *bad = json_loads("[{\"key\":\"a\",\"label\":\"甲\",\"type\":\"text\"},"
	                         "{\"key\":\"a\",\"label\":\"乙\",\"type\":\"text\"},"
	                         "{\"key\":\"B\",\"label\":\"丙\",\"type\":\"text\"},"
	                         "{\"key\":\"c\",\"label\":\"丁\",\"type\":\"colour\"},"
	                         "{\"key\":\"d\",\"type\":\"text\",\"x\":1}, 5]",
	                         0, NULL);
	struct yc_problems p;
	yc_problems_init(&p, a);
	assert_false(yc_elements_parse(bad, a, &d, &p));
	assert_true(has_problem(&p, "elements[1].key", "重复"));
	assert_true(has_problem(&p, "elements[2].key", NULL));
	assert_true(has_problem(&p, "elements[3].type", NULL));
	assert_true(has_problem(&p, "elements[4].label", NULL));
	assert_true(has_problem(&p, "elements[4].x", NULL));
	assert_true(has_problem(&p, "elements[5]", NULL));
	assert_int_equal(d.n, 1);
	json_decref(bad);
	yc_problems_init(&p, a);
	assert_false(yc_elements_parse(json_object_get(NULL, "x"), a, &d, &p));
	free_docs();
	yc_arena_free(a);
}

static void test_merge_strictest(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	const struct yc_item *items[3];
	three_items(a, items);
	struct yc_elements d = dict(a);
	struct yc_form f;
	struct yc_problems p;
	yc_problems_init(&p, a);
	assert_true(yc_form_merge(items, 3, &d, a, &f, &p));
	assert_int_equal(p.n, 0);
	assert_int_equal(f.nfields, 9);
	/* the element label wins over the items' own labels */
	const struct yc_form_entry *name = entry(&f, "entity_name");
	assert_string_equal(name->label, "市场主体（单位）名称");
	assert_true(name->required);            /* required in A only */
	assert_int_equal(name->min_length, 2);  /* B */
	assert_int_equal(name->max_length, 30); /* min of 50, 30, 40 */
	assert_int_equal(name->npatterns, 1);
	assert_int_equal(name->nsources, 3);
	const struct yc_form_entry *type = entry(&f, "entity_type");
	assert_int_equal(type->noptions, 2); /* limited, individual */
	assert_string_equal(type->options[0].value, "limited");
	assert_string_equal(type->options[1].value, "individual");
	assert_true(entry(&f, "legal_rep_id_number")->required);
	assert_true(entry(&f, "phone")->required);
	/* fields without an element stay per item */
	const struct yc_form_entry *seal = entry(&f, B_CODE ".seal_count");
	assert_true(seal->has_min && seal->min == 1 && seal->has_max && seal->max == 10);
	assert_string_equal(seal->section, "公章刻制备案"); /* the item's name by default */
	assert_string_equal(entry(&f, A_CODE ".start_date")->section, "登记");
	assert_null(yc_form_find(&f, "seal_count"));
	const struct yc_form_entry *email = entry(&f, "email");
	assert_false(email->required);
	assert_true(email->conditional);
	/* the two adult rules become one in merged keys, stated by A and B */
	assert_int_equal(f.nrules, 1);
	assert_string_equal(f.rules[0].kind, "adult");
	assert_string_equal(f.rules[0].field, "legal_rep_id_number");
	assert_int_equal(f.rules[0].nitems, 2);

	/* the JSON for the API: sections, constraints, report, stats */
	json_t *j = yc_form_json(&f);
	json_t *sections = json_object_get(j, "sections");
	assert_int_equal(json_array_size(sections),
	                 4); /* 基本信息, 登记, 公章刻制备案, 首次申领发票 */
	json_t *basic = json_array_get(sections, 0);
	assert_string_equal(json_string_value(json_object_get(basic, "name")), "基本信息");
	json_t *f0 = json_array_get(json_object_get(basic, "fields"), 0);
	assert_string_equal(json_string_value(json_object_get(f0, "key")), "entity_name");
	assert_int_equal(json_integer_value(json_object_get(f0, "max_length")), 30);
	assert_int_equal(json_array_size(json_object_get(f0, "items")), 3);
	assert_string_equal(json_string_value(json_array_get(json_object_get(f0, "patterns"), 0)),
	                    "[^<>]+");
	/* the condition is rewritten to merged keys for the browser */
	json_t *em = NULL;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(basic, "fields"), i, x)
	{
		if (strcmp(json_string_value(json_object_get(x, "key")), "email") == 0)
			em = x;
	}
	assert_non_null(em);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(em, "required_when"), "ref")),
	    C_CODE ".invoice_type");
	json_t *report = json_object_get(j, "report");
	assert_int_equal(json_array_size(report), 7);
	json_t *r = report_of(report, "entity_name", "max_length");
	assert_non_null(r);
	assert_int_equal(json_integer_value(json_object_get(r, "kept")), 30);
	assert_int_equal(json_array_size(json_object_get(r, "items")), 3);
	assert_non_null(report_of(report, "entity_name", "required"));
	assert_non_null(report_of(report, "entity_name", "min_length"));
	assert_non_null(report_of(report, "entity_name", "pattern"));
	assert_non_null(report_of(report, "phone", "required"));
	assert_non_null(report_of(report, "legal_rep_id_number", "required"));
	r = report_of(report, "entity_type", "options");
	assert_non_null(r);
	assert_int_equal(json_array_size(json_object_get(r, "kept")), 2);
	assert_null(report_of(report, "credit_code", "required")); /* one source: nothing differs */
	json_t *st = json_object_get(j, "stats");
	assert_int_equal(json_integer_value(json_object_get(st, "fields_asked")), 9);
	assert_int_equal(json_integer_value(json_object_get(st, "fields_sum")), 15);
	assert_int_equal(json_integer_value(json_object_get(st, "materials_asked")), 5);
	assert_int_equal(json_integer_value(json_object_get(st, "materials_sum")), 7);
	assert_true(json_real_value(json_object_get(st, "reduction_fields")) == 0.4);
	assert_true(json_real_value(json_object_get(st, "reduction_materials")) == 0.29);
	assert_int_equal(json_integer_value(json_object_get(st, "reduction_fields_percent")), 40);
	assert_int_equal(json_integer_value(json_object_get(st, "reduction_materials_percent")),
	                 29);
	assert_int_equal(json_array_size(json_object_get(j, "rules")), 1);
	json_decref(j);
	free_docs();
	yc_arena_free(a);
}

static void test_merge_conflicts(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_elements d = dict(a);
	const struct yc_item *items[2];
	items[0] =
	    item(a, A_CODE, "01", "114301047267147587", "甲",
	         "[{\"key\":\"t\",\"label\":\"类型\",\"type\":\"enum\",\"element\":\"entity_type\","
	         "\"options\":[{\"value\":\"a\",\"label\":\"甲\"}]},"
	         "{\"key\":\"n\",\"label\":\"名称\",\"type\":\"text\",\"element\":\"entity_name\","
	         "\"min_length\":20},"
	         "{\"key\":\"area\",\"label\":\"面积\",\"type\":\"number\",\"element\":\"business_"
	         "area\","
	         "\"min\":100},"
	         "{\"key\":\"p\",\"label\":\"照片\",\"type\":\"file\",\"element\":\"site_photos\","
	         "\"multiple\":true},"
	         "{\"key\":\"w\",\"label\":\"网址\",\"type\":\"text\",\"element\":\"website\"},"
	         "{\"key\":\"m\",\"label\":\"电话\",\"type\":\"text\",\"element\":\"phone\"}]",
	         "[]", NULL);
	items[1] = item(
	    a, B_CODE, "10", "11430104136270106C", "乙",
	    "[{\"key\":\"t\",\"label\":\"类型\",\"type\":\"enum\",\"element\":\"entity_type\","
	    "\"options\":[{\"value\":\"b\",\"label\":\"乙\"}]},"
	    "{\"key\":\"n\",\"label\":\"名称\",\"type\":\"text\",\"element\":\"entity_name\","
	    "\"max_length\":10},"
	    "{\"key\":\"area\",\"label\":\"面积\",\"type\":\"number\",\"element\":\"business_"
	    "area\","
	    "\"max\":50},"
	    "{\"key\":\"p\",\"label\":\"照片\",\"type\":\"file\",\"element\":\"site_photos\"}]",
	    "[]", NULL);
	struct yc_form f;
	struct yc_problems p;
	yc_problems_init(&p, a);
	assert_false(yc_form_merge(items, 2, &d, a, &f, &p));
	assert_true(has_problem(&p, "form.entity_type.options", "没有交集"));
	assert_true(has_problem(&p, "form.entity_name.min_length", "大于最大长度"));
	assert_true(has_problem(&p, "form.business_area.min", "大于最大值"));
	assert_true(has_problem(&p, "form.website", "不在数据元素目录"));
	assert_true(has_problem(&p, "form.phone.type", "不一致"));
	assert_int_equal(p.n, 5);
	/* the form is still built for the admin to see */
	assert_int_equal(entry(&f, "entity_type")->noptions, 0);
	/* several files only when every item takes several */
	assert_false(entry(&f, "site_photos")->multiple);
	json_t *report = yc_form_report(&f);
	json_t *r = report_of(report, "site_photos", "multiple");
	assert_non_null(r);
	assert_true(json_is_false(json_object_get(r, "kept")));
	json_decref(report);
	/* unmerge gives the item that takes several files an array */
	json_t *ans = json_pack("{s:s, s:s}", "site_photos", "file-1", "entity_name", "某某");
	json_t *u = yc_form_unmerge(&f, ans);
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(json_object_get(u, A_CODE), "p"), 0)),
	    "file-1");
	assert_string_equal(json_string_value(json_object_get(json_object_get(u, B_CODE), "p")),
	                    "file-1");
	json_decref(u);
	json_decref(ans);
	/* without a dictionary, fields of one element still merge, under their own label */
	yc_problems_init(&p, a);
	assert_false(yc_form_merge(items, 2, NULL, a, &f, &p));
	assert_string_equal(entry(&f, "entity_name")->label, "名称");
	free_docs();
	yc_arena_free(a);
}

static void test_unmerge(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	const struct yc_item *items[3];
	three_items(a, items);
	struct yc_elements d = dict(a);
	struct yc_form f;
	struct yc_problems p;
	yc_problems_init(&p, a);
	assert_true(yc_form_merge(items, 3, &d, a, &f, &p));
	json_t *ans = json_pack("{s:s, s:s, s:i, s:s, s:s}", "entity_name", "长沙某某有限公司",
	                        "phone", "13800138000", B_CODE ".seal_count", 2,
	                        C_CODE ".invoice_type", "paper", "unknown", "ignored");
	json_t *u = yc_form_unmerge(&f, ans);
	assert_int_equal(json_object_size(u), 3);
	json_t *fa = json_object_get(u, A_CODE), *fb = json_object_get(u, B_CODE),
	       *fc = json_object_get(u, C_CODE);
	/* each department sees its own keys */
	assert_string_equal(json_string_value(json_object_get(fa, "entity_name")),
	                    "长沙某某有限公司");
	assert_string_equal(json_string_value(json_object_get(fb, "name")), "长沙某某有限公司");
	assert_string_equal(json_string_value(json_object_get(fc, "entity_name")),
	                    "长沙某某有限公司");
	assert_string_equal(json_string_value(json_object_get(fb, "contact")), "13800138000");
	assert_string_equal(json_string_value(json_object_get(fa, "phone")), "13800138000");
	assert_int_equal(json_integer_value(json_object_get(fb, "seal_count")), 2);
	assert_null(json_object_get(fa, "seal_count"));
	assert_string_equal(json_string_value(json_object_get(fc, "invoice_type")), "paper");
	assert_int_equal(json_object_size(fa), 2);
	assert_int_equal(json_object_size(fb), 3);
	assert_int_equal(json_object_size(fc), 3);
	json_decref(u);
	/* not an object: every item's form is empty */
	u = yc_form_unmerge(&f, json_array_get(NULL, 0));
	assert_int_equal(json_object_size(json_object_get(u, A_CODE)), 0);
	json_decref(u);
	json_decref(ans);

	/* one item's own form keeps its own keys and labels */
	struct yc_form one;
	yc_form_of_item(items[1], a, &one);
	assert_int_equal(one.nfields, 5);
	assert_string_equal(entry(&one, "name")->label, "单位名称");
	assert_string_equal(entry(&one, "seal_count")->section, "基本信息");
	assert_string_equal(one.rules[0].field, "rep_id");
	free_docs();
	yc_arena_free(a);
}

static char *slurp(const char *rel)
{
	char path[4096];
	const char *here = __FILE__;
	const char *cut = strstr(here, "tests/unit/");
	if (!cut)
		return NULL;
	snprintf(path, sizeof path, "%.*s%s", (int)(cut - here), here, rel);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, fp) != (size_t)n)
		n = 0;
	s[n] = 0;
	fclose(fp);
	return s;
}

/* Every item of the demo catalog reads, and every demo matter merges without a conflict, with
 * fewer fields asked than the sum of the items' fields. */
static void test_demo_catalog(void **state)
{
	(void)state;
	char *cat = slurp("data/catalog/demo.json"), *el = slurp("data/catalog/elements.json");
	if (!cat || !el) {
		free(cat);
		free(el);
		skip();
	}
	struct yc_arena *a = yc_arena_new();
	json_t *jc = json_loads(cat, 0, NULL), *je = json_loads(el, 0, NULL);
	assert_non_null(jc);
	assert_non_null(je);
	struct yc_problems p;
	yc_problems_init(&p, a);
	struct yc_elements d;
	assert_true(yc_elements_parse(je, a, &d, &p));
	json_t *jitems = json_object_get(jc, "items");
	size_t n = json_array_size(jitems);
	struct yc_item *all = yc_alloc(a, sizeof *all * n);
	for (size_t i = 0; i < n; i++) {
		assert_true(yc_item_from_json(json_array_get(jitems, i), "", a, &all[i], &p));
	}
	size_t mi;
	json_t *m;
	int merged = 0;
	json_array_foreach(json_object_get(jc, "matters"), mi, m)
	{
		json_t *codes = json_object_get(m, "items");
		int k = (int)json_array_size(codes);
		const struct yc_item **items = yc_alloc(a, sizeof *items * (size_t)k);
		for (int j = 0; j < k; j++)
			for (size_t i = 0; i < n; i++)
				if (strcmp(all[i].code,
				           json_string_value(json_array_get(codes, j))) == 0)
					items[j] = &all[i];
		struct yc_form f;
		assert_true(yc_form_merge(items, k, &d, a, &f, &p));
		json_t *j = yc_form_json(&f);
		json_t *st = json_object_get(j, "stats");
		if (k > 1)
			assert_true(json_integer_value(json_object_get(st, "fields_asked")) <
			            json_integer_value(json_object_get(st, "fields_sum")));
		json_decref(j);
		merged++;
	}
	if (p.n)
		dump_problems(&p);
	assert_int_equal(p.n, 0);
	assert_int_equal(merged, 17);
	json_decref(jc);
	json_decref(je);
	free(cat);
	free(el);
	yc_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_field_constraints_read),
	    cmocka_unit_test(test_elements),
	    cmocka_unit_test(test_merge_strictest),
	    cmocka_unit_test(test_merge_conflicts),
	    cmocka_unit_test(test_unmerge),
	    cmocka_unit_test(test_demo_catalog),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

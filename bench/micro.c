/* micro.c — in-process micro benchmark of the two hot paths of the portal (issue 5, "Fuzzing and
 * speed"): one interview step for a 50-question definition and one validation of a 200-field
 * form. Target: each under 50 µs median.
 *
 * The interview: 50 questions (yes/no, single choice of 4, integer 0..1000, in turn), most shown
 * only under a condition on earlier ones (comparisons, all/any/not, in lists, thresholds), 12
 * outcomes including and excluding items, adding and dropping materials, adding fields and notes.
 * The complete answers are found by walking the interview (each question asked next answered by a
 * fixed rule) and then timed as the endpoint gets them: one stateless step that yields the
 * situation.
 *
 * The form: 4 items of 56 fields each, 8 of them shared data elements (merged into one field)
 * and 48 of their own, merged into a 200-field form: every field type, every constraint
 * (required, required_when, lengths, ranges, PCRE2 patterns, options, multiple, sections, help)
 * and the four cross-field rules. The values are valid (checked before timing).
 *
 * Each call gets a fresh arena (created and freed inside the timed region, as a request does).
 * Calls are timed in batches of BATCH with CLOCK_MONOTONIC; a batch's time / BATCH is one sample.
 * Prints the median, p99 and mean of the per-call samples. Also reported, for reference: parse +
 * step (what POST /interview does with a loaded definition) and merge + validate.
 *
 * Build: the CMake target bench_micro (cmake --build build --target bench_micro), or bench/run.sh
 * builds it. Run: bench_micro [calls] (default 10000). */
#include "arena.h"
#include "calendar.h"
#include "catalog.h"
#include "form.h"
#include "interview.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 10
#define TODAY 20260615

static void die(const char *what)
{
	fprintf(stderr, "bench_micro: %s\n", what);
	exit(1);
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct stats {
	double median, p99, mean; /* µs per call */
};

static struct stats summarise(double *ns, int n)
{
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += ns[i];
	qsort(ns, (size_t)n, sizeof *ns, cmp_double);
	int p = (int)(0.99 * (n - 1) + 0.5);
	return (struct stats){ns[n / 2] / 1e3, ns[p] / 1e3, sum / n / 1e3};
}

static json_t *load(const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &je);
	if (!j) {
		fprintf(stderr, "bench_micro: bad JSON (%s at %d): %.200s\n", je.text, je.position,
		        text + (je.position > 100 ? je.position - 100 : 0));
		exit(1);
	}
	return j;
}

/* A growing string. */
struct buf {
	char *s;
	size_t n, cap;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct buf *b, const char *fmt, ...)
{
	if (!b->s) {
		b->cap = 4096;
		b->s = malloc(b->cap);
		if (!b->s)
			die("out of memory");
	}
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int k = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
		if (k >= 0 && (size_t)k < b->cap - b->n) {
			b->n += (size_t)k;
			return;
		}
		b->cap *= 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			die("out of memory");
	}
}

/* ---------------------------------------------------------------- the interview */

#define NQ     50
#define NITEMS 8

static const char *const items[NITEMS] = {"010000100043010400000001", "100000200043010400000001",
                                          "070000400043010400000001", "200000500043010000000001",
                                          "050002000043010400000001", "040003400043010400000001",
                                          "010000700043010400000001", "100000800043010400000001"};

/* A condition that holds under the walk's answers (yes, "o0", 42) or not, on question j. */
static void cond_on(struct buf *b, int j, bool holds)
{
	switch (j % 3) {
	case 0:
		put(b, "{\"ref\":\"q%d\",\"eq\":%s}", j, holds ? "true" : "false");
		break;
	case 1:
		put(b, "{\"ref\":\"q%d\",\"in\":[%s]}", j,
		    holds ? "\"o0\",\"o2\"" : "\"o1\",\"o3\"");
		break;
	default:
		put(b, "{\"ref\":\"q%d\",\"%s\":%d}", j, holds ? "gte" : "gt", holds ? 18 : 60);
		break;
	}
}

static char *interview_text(void)
{
	struct buf b = {0};
	put(&b, "{\"items\":[");
	for (int i = 0; i < 4; i++)
		put(&b, "%s\"%s\"", i ? "," : "", items[i]);
	put(&b, "],\"questions\":[");
	for (int i = 0; i < NQ; i++) {
		put(&b, "%s{\"id\":\"q%d\",\"label\":\"第 %d 个问题：是否符合条件\",", i ? "," : "",
		    i, i + 1);
		if (i % 5 == 0)
			put(&b, "\"help\":\"按实际情况回答，影响需要办理的事项和材料\",");
		switch (i % 3) {
		case 0:
			put(&b, "\"type\":\"yesno\"");
			break;
		case 1:
			put(&b, "\"type\":\"single\",\"options\":[");
			for (int k = 0; k < 4; k++)
				put(&b, "%s{\"value\":\"o%d\",\"label\":\"选项 %d\"}", k ? "," : "",
				    k, k + 1);
			put(&b, "]");
			break;
		default:
			put(&b, "\"type\":\"number\",\"min\":0,\"max\":1000,\"integer\":true");
			break;
		}
		/* conditions: none for the first three and every seventh; then a mix of shapes, a
		 * few that hide the question under the walk's answers */
		if (i >= 3 && i % 7 != 0) {
			bool holds = i % 11 != 5;
			put(&b, ",\"when\":");
			switch (i % 4) {
			case 0:
				cond_on(&b, i - 1, holds);
				break;
			case 1:
				put(&b, "{\"all\":[");
				cond_on(&b, i - 2, holds);
				put(&b, ",{\"not\":");
				cond_on(&b, i - 3, false);
				put(&b, "}]}");
				break;
			case 2:
				put(&b, "{\"any\":[");
				cond_on(&b, i - 1, false);
				put(&b, ",");
				cond_on(&b, i / 2, holds);
				put(&b, "]}");
				break;
			default:
				put(&b, "{\"all\":[");
				cond_on(&b, i - 3, holds);
				put(&b, ",{\"any\":[");
				cond_on(&b, i - 2, true);
				put(&b, ",");
				cond_on(&b, i - 1, false);
				put(&b, "]},{\"ref\":\"q%d\",\"answered\":true}]}", i - 3);
				break;
			}
		}
		put(&b, "}");
	}
	put(&b, "],\"outcomes\":[");
	for (int k = 0; k < 12; k++) {
		int j = 4 + k * 4; /* the question the outcome looks at */
		put(&b, "%s{\"label\":\"情形 %d\",\"when\":{\"all\":[", k ? "," : "", k + 1);
		cond_on(&b, j, k % 3 != 2);
		put(&b, ",");
		cond_on(&b, j + 1, true);
		put(&b, "]}");
		if (k < 4)
			put(&b, ",\"include_items\":[\"%s\"]", items[4 + k]);
		if (k == 6)
			put(&b, ",\"exclude_items\":[\"%s\"]", items[3]);
		if (k % 2 == 0)
			put(&b,
			    ",\"add_materials\":[{\"item\":\"%s\",\"key\":\"lease_%d\",\"name\":"
			    "\"租赁合同\","
			    "\"source\":\"applicant\",\"form\":\"copy\",\"copies\":1}]",
			    items[k % 3], k);
		if (k % 3 == 1)
			put(&b, ",\"drop_materials\":[{\"item\":\"%s\",\"key\":\"property_cert\"}]",
			    items[k % 2]);
		if (k % 4 == 3)
			put(&b,
			    ",\"add_fields\":[{\"key\":\"extra_%d\",\"label\":\"补充信息 "
			    "%d\",\"type\":"
			    "\"text\",\"max_length\":100}]",
			    k, k);
		put(&b, ",\"notes\":[\"符合情形 %d 的须另行提交相关说明\"]}", k + 1);
	}
	put(&b, "]}");
	return b.s;
}

static json_t *walk_answer(const json_t *q)
{
	const char *t = json_string_value(json_object_get(q, "type"));
	if (strcmp(t, "yesno") == 0)
		return json_true();
	if (strcmp(t, "single") == 0)
		return json_string("o0");
	return json_integer(42);
}

static void dump_problems(const struct yc_problems *p)
{
	for (int i = 0; i < p->n && i < 10; i++)
		fprintf(stderr, "  %s: %s\n", p->v[i].field, p->v[i].message);
}

static void bench_interview(int calls)
{
	char *text = interview_text();
	json_t *def = load(text);
	struct yc_arena *pa = yc_arena_new();
	struct yc_problems p;
	yc_problems_init(&p, pa);
	struct yc_interview iv;
	if (!yc_interview_parse(def, items, NITEMS, pa, &iv, &p)) {
		dump_problems(&p);
		die("the benchmark interview does not parse");
	}
	/* walk to the complete answers */
	json_t *answers = json_object();
	struct yc_situation_core sc;
	int rounds = 0;
	for (;; rounds++) {
		struct yc_arena *a = yc_arena_new();
		struct yc_problems sp;
		yc_problems_init(&sp, a);
		json_t *next = NULL;
		if (yc_interview_step(&iv, answers, a, &next, &sc, &sp) != YC_OK) {
			dump_problems(&sp);
			die("the walk failed");
		}
		yc_arena_free(a);
		if (!next)
			break;
		size_t i;
		json_t *q;
		json_array_foreach(next, i, q) json_object_set_new(
		    answers, json_string_value(json_object_get(q, "id")), walk_answer(q));
		json_decref(next);
	}
	/* the situation of the complete answers */
	{
		struct yc_arena *a = yc_arena_new();
		struct yc_problems sp;
		yc_problems_init(&sp, a);
		json_t *next = NULL;
		yc_interview_step(&iv, answers, a, &next, &sc, &sp);
		printf("interview: %d questions (%zu answered, %d rounds to complete), %d outcomes "
		       "(%d applied), %d items in the situation, definition %zu bytes\n",
		       iv.nq, json_object_size(answers), rounds, iv.no, sc.noutcomes, sc.nitems,
		       strlen(text));
		yc_arena_free(a);
	}

	int n = calls / BATCH;
	double *ns = malloc(sizeof *ns * (size_t)n);
	for (int warm = 0; warm < 2; warm++) /* first pass warms caches, second is measured */
		for (int s = 0; s < n; s++) {
			double t0 = now_ns();
			for (int k = 0; k < BATCH; k++) {
				struct yc_arena *a = yc_arena_new();
				struct yc_problems sp;
				yc_problems_init(&sp, a);
				json_t *next = NULL;
				struct yc_situation_core out;
				if (yc_interview_step(&iv, answers, a, &next, &out, &sp) != YC_OK ||
				    next || !out.complete)
					die("a timed step did not give the situation");
				yc_arena_free(a);
			}
			ns[s] = (now_ns() - t0) / BATCH;
		}
	struct stats st = summarise(ns, n);
	printf("interview step (50 questions, complete answers): median %.2f us  p99 %.2f us  "
	       "mean %.2f us  (%d calls)  %s\n",
	       st.median, st.p99, st.mean, n * BATCH,
	       st.median < 50 ? "< 50 us: ok" : ">= 50 us: SLOW");

	/* for reference: what the endpoint does with the loaded definition */
	for (int s = 0; s < n; s++) {
		double t0 = now_ns();
		for (int k = 0; k < BATCH; k++) {
			struct yc_arena *a = yc_arena_new();
			struct yc_problems sp;
			yc_problems_init(&sp, a);
			struct yc_interview iv2;
			if (!yc_interview_parse(def, items, NITEMS, a, &iv2, &sp))
				die("parse");
			json_t *next = NULL;
			struct yc_situation_core out;
			if (yc_interview_step(&iv2, answers, a, &next, &out, &sp) != YC_OK || next)
				die("step");
			yc_arena_free(a);
		}
		ns[s] = (now_ns() - t0) / BATCH;
	}
	st = summarise(ns, n);
	printf("interview parse + step (reference):               median %.2f us  p99 %.2f us  "
	       "mean %.2f us\n",
	       st.median, st.p99, st.mean);
	free(ns);
	json_decref(answers);
	yc_arena_free(pa);
	json_decref(def);
	free(text);
}

/* ---------------------------------------------------------------- the form */

#define FITEMS 4
#define SHARED 8
#define OWN    48

/* Field shapes: the JSON of the field after its key, and a valid value (JSON). "%s" in the
 * shape is the item's field key prefix for required_when references. */
struct shape {
	const char *type, *spec, *value;
};

/* Shared data elements: the same element key in every item (merged into one field). */
static const struct shape shared[SHARED] = {
    {"text",
     "\"required\":true,\"min_length\":2,\"max_length\":30,\"pattern\":\"[\\\\p{Han}A-Za-z·]+\"",
     "\"张三丰\""},
    {"id_number", "\"required\":true", "\"430104199003071237\""},
    {"phone", "\"required\":true,\"help\":\"手机号码或固定电话\"", "\"13800138000\""},
    {"address", "\"required\":true,\"max_length\":100", "\"长沙市岳麓区麓山南路 1 号\""},
    {"email", "\"max_length\":100", "\"zhang.san@example.com\""},
    {"date", "\"required\":true", "\"1990-03-07\""},
    {"enum",
     "\"required\":true,\"options\":[{\"value\":\"male\",\"label\":\"男\"},{\"value\":\"female\","
     "\"label\":\"女\"}]",
     "\"male\""},
    {"text", "\"pattern\":\"[0-9]{6}\"", "\"410000\""},
};
static const char *const shared_keys[SHARED] = {"applicant_name", "id_number",  "phone",
                                                "address",        "email",      "birth_date",
                                                "gender",         "postal_code"};

/* The fields of an item's own, by index mod the count. */
static const struct shape own[] = {
    {"text", "\"required\":true,\"min_length\":2,\"max_length\":50,\"pattern\":\"[^<>]+\"",
     "\"长沙市岳麓区某某餐饮有限公司\""},
    {"number", "\"required\":true,\"min\":0,\"max\":10000000", "500"},
    {"date", "\"required\":true", "\"2024-05-01\""},
    {"enum",
     "\"options\":[{\"value\":\"a\",\"label\":\"甲\"},{\"value\":\"b\",\"label\":\"乙\"},{"
     "\"value\":"
     "\"c\",\"label\":\"丙\"}],\"multiple\":true",
     "[\"a\",\"c\"]"},
    {"region", "\"required\":true", "\"430104\""},
    {"credit_code", "\"required\":true", "\"91430104MA4L16LH1J\""},
    {"phone", "", "\"0731-88881234\""},
    {"email", "\"max_length\":60", "\"office@example.com.cn\""},
    {"address", "\"max_length\":100,\"section\":\"经营场所\"", "\"长沙市岳麓区银盆岭街道 8 号\""},
    {"file", "\"required\":true,\"multiple\":true", "[\"f-1001\",{\"id\":\"f-1002\"}]"},
    {"bool", "", "true"},
    {"text", "\"max_length\":2000,\"help\":\"按规范表述填写\"", "\"餐饮服务；食品销售\""},
    {"number", "\"min\":1,\"max\":100000", "12"},
    {"text", "\"required_when\":{\"ref\":\"%s0\",\"answered\":true},\"pattern\":\"[0-9]{6}\"",
     "\"410013\""},
    {"enum",
     "\"required\":true,\"options\":[{\"value\":\"rent\",\"label\":\"租赁\"},{\"value\":\"own\","
     "\"label\":\"自有\"},{\"value\":\"free\",\"label\":\"无偿使用\"}]",
     "\"rent\""},
    {"id_number",
     "\"required_when\":{\"all\":[{\"ref\":\"%s1\",\"gt\":100},{\"ref\":\"%s14\",\"eq\":\"rent\"}]"
     "}",
     "\"430104198805051233\""},
    {"date", "", "\"2025-01-01\""},
};
#define NOWN ((int)(sizeof own / sizeof *own))

static char *item_text(int it)
{
	static const char *const codes[FITEMS] = {
	    "010000100043010400000001", "100000200043010400000001", "070000400043010400000001",
	    "050002000043010400000001"};
	static const char *const types[FITEMS] = {"01", "10", "07", "05"};
	static const char *const depts[FITEMS] = {"114301047267147587", "11430104136270106C",
	                                          "114301049972837939", "11430104298416227D"};
	static const char *const kinds[FITEMS] = {"promised", "promised", "immediate", "promised"};
	struct buf b = {0};
	put(&b,
	    "{\"code\":\"%s\",\"name\":\"测试事项 %d\",\"type\":\"%s\",\"dept\":\"%s\","
	    "\"region\":\"430104\",\"basis\":\"《测试条例》\",\"statutory_days\":20,"
	    "\"promised_days\":%d,\"kind\":\"%s\",\"materials\":[{\"key\":\"property_cert\","
	    "\"name\":\"场所使用证明\",\"source\":\"applicant\",\"form\":\"copy\",\"copies\":1}],"
	    "\"fields\":[",
	    codes[it], it + 1, types[it], depts[it], strcmp(kinds[it], "immediate") ? 5 : 0,
	    kinds[it]);
	for (int i = 0; i < SHARED; i++)
		put(&b,
		    "%s{\"key\":\"%s\",\"label\":\"共享 "
		    "%d\",\"type\":\"%s\",\"element\":\"%s\",%s%s\"section\":\"申请人\"}",
		    i ? "," : "", shared_keys[i], i, shared[i].type, shared_keys[i], shared[i].spec,
		    shared[i].spec[0] ? "," : "");
	for (int i = 0; i < OWN; i++) {
		const struct shape *s = &own[i % NOWN];
		char spec[512];
		/* required_when references: f<base><k> → this item's field f<i - i%NOWN + k> */
		char pre[16];
		snprintf(pre, sizeof pre, "f%d_", it);
		const char *x = s->spec;
		size_t o = 0;
		while (*x && o < sizeof spec - 24) {
			if (x[0] == '%' && x[1] == 's') {
				int k = atoi(x + 2);
				while (x[2] >= '0' && x[2] <= '9')
					x++;
				o += (size_t)snprintf(spec + o, sizeof spec - o, "%s%d", pre,
				                      i - i % NOWN + k);
				x += 2;
			} else {
				spec[o++] = *x++;
			}
		}
		spec[o] = 0;
		put(&b, ",{\"key\":\"f%d_%d\",\"label\":\"事项 %d 字段 %d\",\"type\":\"%s\"%s%s}",
		    it, i, it + 1, i, s->type, spec[0] ? "," : "", spec);
	}
	put(&b,
	    "],\"form_rules\":["
	    "{\"kind\":\"adult\",\"field\":\"id_number\"},"
	    "{\"kind\":\"birth_date_of\",\"field\":\"birth_date\",\"other\":\"id_number\"},"
	    "{\"kind\":\"not_before\",\"field\":\"f%d_16\",\"other\":\"f%d_2\",\"message\":"
	    "\"结束日期不应早于开始日期\"},"
	    "{\"kind\":\"matches\",\"field\":\"f%d_23\",\"other\":\"f%d_6\"}]}",
	    it, it, it, it);
	return b.s;
}

static json_t *form_values(int nitems)
{
	json_t *v = json_object();
	for (int i = 0; i < SHARED; i++)
		json_object_set_new(v, shared_keys[i], load(shared[i].value));
	for (int it = 0; it < nitems; it++)
		for (int i = 0; i < OWN; i++) {
			char key[64];
			static const char *const codes[FITEMS] = {
			    "010000100043010400000001", "100000200043010400000001",
			    "070000400043010400000001", "050002000043010400000001"};
			snprintf(key, sizeof key, "%s.f%d_%d", codes[it], it, i);
			json_object_set_new(v, key, load(own[i % NOWN].value));
		}
	return v;
}

static void bench_form(int calls)
{
	json_t *docs[FITEMS];
	struct yc_item it[FITEMS];
	const struct yc_item *ip[FITEMS];
	struct yc_arena *pa = yc_arena_new();
	struct yc_problems p;
	yc_problems_init(&p, pa);
	size_t bytes = 0;
	for (int i = 0; i < FITEMS; i++) {
		char *t = item_text(i);
		bytes += strlen(t);
		docs[i] = load(t);
		free(t);
		if (!yc_item_from_json(docs[i], "item", pa, &it[i], &p)) {
			dump_problems(&p);
			die("a benchmark item does not read");
		}
		ip[i] = &it[i];
	}
	struct yc_form f;
	if (!yc_form_merge(ip, FITEMS, NULL, pa, &f, &p)) {
		dump_problems(&p);
		die("the benchmark form does not merge");
	}
	json_t *values = form_values(FITEMS);
	{
		struct yc_arena *a = yc_arena_new();
		struct yc_form_errors errs;
		if (!yc_form_validate(&f, values, TODAY, a, &errs)) {
			for (int i = 0; i < errs.n && i < 10; i++)
				fprintf(stderr, "  %s %s: %s\n", errs.v[i].field, errs.v[i].code,
				        errs.v[i].message);
			die("the benchmark values do not validate");
		}
		yc_arena_free(a);
	}
	int types = 0;
	for (const char *const *t = yc_field_types; *t; t++) {
		for (int i = 0; i < f.nfields; i++)
			if (strcmp(f.fields[i].type, *t) == 0) {
				types++;
				break;
			}
	}
	printf("form: %d items, %d fields merged (%d field types, %d rules), %zu values, item "
	       "documents %zu bytes\n",
	       FITEMS, f.nfields, types, f.nrules, json_object_size(values), bytes);

	int n = calls / BATCH;
	double *ns = malloc(sizeof *ns * (size_t)n);
	for (int warm = 0; warm < 2; warm++)
		for (int s = 0; s < n; s++) {
			double t0 = now_ns();
			for (int k = 0; k < BATCH; k++) {
				struct yc_arena *a = yc_arena_new();
				struct yc_form_errors errs;
				if (!yc_form_validate(&f, values, TODAY, a, &errs))
					die("a timed validation failed");
				yc_arena_free(a);
			}
			ns[s] = (now_ns() - t0) / BATCH;
		}
	struct stats st = summarise(ns, n);
	printf("form validate (%d fields, valid values):         median %.2f us  p99 %.2f us  "
	       "mean %.2f us  (%d calls)  %s\n",
	       f.nfields, st.median, st.p99, st.mean, n * BATCH,
	       st.median < 50 ? "< 50 us: ok" : ">= 50 us: SLOW");

	for (int s = 0; s < n; s++) {
		double t0 = now_ns();
		for (int k = 0; k < BATCH; k++) {
			struct yc_arena *a = yc_arena_new();
			struct yc_problems mp;
			yc_problems_init(&mp, a);
			struct yc_form f2;
			yc_form_merge(ip, FITEMS, NULL, a, &f2, &mp);
			struct yc_form_errors errs;
			if (!yc_form_validate(&f2, values, TODAY, a, &errs))
				die("merge + validate");
			yc_arena_free(a);
		}
		ns[s] = (now_ns() - t0) / BATCH;
	}
	st = summarise(ns, n);
	printf("form merge + validate (reference):                median %.2f us  p99 %.2f us  "
	       "mean %.2f us\n",
	       st.median, st.p99, st.mean);
	free(ns);
	json_decref(values);
	yc_arena_free(pa);
	for (int i = 0; i < FITEMS; i++)
		json_decref(docs[i]);
}

/* Working-day arithmetic (issue 7, "Speed"): one million "add N working days" on the real
 * calendar of 2025 and 2026 (data/calendar/calendar-cn.json), from days spread over 2025 and N
 * from 0 to 60 (the longest statutory limits are 20 to 60 working days), half of them with a
 * suspension period. Target: the million in under 1 s. */
static void bench_workdays(void)
{
	struct yc_arena *a = yc_arena_new();
	json_error_t je;
	json_t *doc = json_load_file(YICI_SOURCE_DIR "/data/calendar/calendar-cn.json", 0, &je);
	if (!doc)
		die("data/calendar/calendar-cn.json does not read");
	struct yc_cal_year *years;
	int ny = 0;
	struct yc_problems p;
	yc_problems_init(&p, a);
	if (!yc_cal_years_read(doc, a, &years, &ny, &p))
		die("the calendar does not read");
	struct yc_calendar *cal = yc_cal_new(a);
	for (int i = 0; i < ny; i++)
		yc_cal_set(cal, &years[i]);
	yc_day jan1 = yc_day_of(2025, 1, 1);
	const int calls = 1000000;
	unsigned x = 12345;
	int64_t sum = 0;
	double t0 = now_ns();
	for (int i = 0; i < calls; i++) {
		x = x * 1103515245u + 12345u;
		yc_day from = jan1 + (yc_day)((x >> 8) % 365), out;
		int64_t n = (x >> 20) % 61;
		struct yc_cal_period susp = {from + 3, from + 10};
		struct yc_error e = {0};
		if (yc_cal_add_excl(cal, from, n, &susp, (x & 1) ? 1 : 0, &out, &e) != YC_OK)
			die("add working days");
		sum += out;
	}
	double s = (now_ns() - t0) / 1e9;
	printf("working days: 1,000,000 additions (N 0..60, half with a suspension): %.3f s  "
	       "(%.0f ns each)  %s  [checksum %lld]\n",
	       s, s * 1e9 / calls, s < 1 ? "< 1 s: ok" : ">= 1 s: SLOW", (long long)sum);
	json_decref(doc);
	yc_arena_free(a);
}

int main(int argc, char **argv)
{
	int calls = argc > 1 ? atoi(argv[1]) : 10000;
	if (calls < BATCH * 10)
		calls = BATCH * 10;
	bench_interview(calls);
	bench_form(calls);
	bench_workdays();
	return 0;
}

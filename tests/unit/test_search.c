/* test_search.c — the shared parts of a catalog search (src/core/search.c: keys, plan, filters,
 * merge, ranking, paging) and the in-memory index (src/core/textindex.c), the latter checked
 * against a brute force over a few thousand generated documents. Deterministic: a fixed seed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pinyin.h"
#include "search.h"
#include "textindex.h"

/* ---- keys of a name ---- */

#define MAX_KEYS 128

struct keyset {
	int n;
	char k[MAX_KEYS][40];
};

static void collect_key(const char *key, size_t len, void *ctx)
{
	struct keyset *ks = ctx;
	assert_true(len > 0 && len < sizeof ks->k[0]);
	assert_true(ks->n < MAX_KEYS);
	memcpy(ks->k[ks->n], key, len);
	ks->k[ks->n][len] = '\0';
	ks->n++;
}

static int key_count(const struct keyset *ks, const char *key)
{
	int c = 0;
	for (int i = 0; i < ks->n; i++)
		c += strcmp(ks->k[i], key) == 0;
	return c;
}

static int prefix_count(const struct keyset *ks, const char *prefix)
{
	int c = 0;
	for (int i = 0; i < ks->n; i++)
		c += strncmp(ks->k[i], prefix, strlen(prefix)) == 0;
	return c;
}

static int keys_of(const char *name, const char *initials, struct keyset *ks)
{
	memset(ks, 0, sizeof *ks);
	return yc_search_keys(name, initials, collect_key, ks);
}

static void test_keys_restaurant(void **state)
{
	(void)state;
	static const char *const want[] = {"g:我要", "g:要开", "g:开餐", "g:餐馆",
	                                   "p:w",    "p:wy",   "d:yk",   "d:kc",
	                                   "d:cg",   "q:wyk",  "q:ykc",  "q:kcg"};
	size_t nwant = sizeof want / sizeof want[0];
	struct keyset ks;
	int r = keys_of("我要开餐馆", "wykcg", &ks);
	assert_int_equal(r, (int)nwant);
	assert_int_equal(ks.n, (int)nwant);
	for (size_t i = 0; i < nwant; i++)
		assert_int_equal(key_count(&ks, want[i]), 1);

	/* the initials the pinyin table gives are those of the example */
	char ini[32];
	const char *name = "我要开餐馆";
	assert_int_equal(yc_pinyin_initials(name, strlen(name), ini, sizeof ini), 5);
	assert_string_equal(ini, "wykcg");
}

static void test_keys_short_and_mixed(void **state)
{
	(void)state;
	struct keyset ks;
	/* one character: no "g:" key; one initial: only "p:" + it */
	assert_int_equal(keys_of("证", "z", &ks), 1);
	assert_int_equal(ks.n, 1);
	assert_string_equal(ks.k[0], "p:z");
	assert_int_equal(keys_of("证", "", &ks), 0);
	assert_int_equal(ks.n, 0);
	assert_int_equal(keys_of("", "", &ks), 0);

	/* two initials: p:x, p:xy, no d: (it starts at the second initial), no q: */
	assert_int_equal(keys_of("退休", "tx", &ks), 3);
	assert_int_equal(key_count(&ks, "g:退休"), 1);
	assert_int_equal(key_count(&ks, "p:t"), 1);
	assert_int_equal(key_count(&ks, "p:tx"), 1);
	assert_int_equal(prefix_count(&ks, "d:"), 0);
	assert_int_equal(prefix_count(&ks, "q:"), 0);

	/* mixed ASCII and CJK: pairs of code points, not of bytes */
	assert_int_equal(keys_of("A类证明", "", &ks), 3);
	assert_int_equal(ks.n, 3);
	assert_int_equal(key_count(&ks, "g:A类"), 1);
	assert_int_equal(key_count(&ks, "g:类证"), 1);
	assert_int_equal(key_count(&ks, "g:证明"), 1);
	for (int i = 0; i < ks.n; i++)
		assert_int_equal(yc_search_chars(ks.k[i] + 2, 10), 2);

	/* ASCII only */
	assert_int_equal(keys_of("ab1", "ab1", &ks), 2 + 2 + 1 + 1);
	assert_int_equal(key_count(&ks, "g:ab"), 1);
	assert_int_equal(key_count(&ks, "g:b1"), 1);
	assert_int_equal(key_count(&ks, "d:b1"), 1);
	assert_int_equal(key_count(&ks, "q:ab1"), 1);

	/* a key may repeat: one emit per position */
	assert_int_equal(keys_of("33333", "", &ks), 4);
	assert_int_equal(key_count(&ks, "g:33"), 4);
	assert_int_equal(keys_of("（4362）", "4362", &ks), 5 + 2 + 2 + 2);
	assert_int_equal(key_count(&ks, "g:（4"), 1);
	assert_int_equal(key_count(&ks, "g:2）"), 1);
	assert_int_equal(key_count(&ks, "q:436"), 1);
	assert_int_equal(key_count(&ks, "q:362"), 1);
}

static void test_chars(void **state)
{
	(void)state;
	assert_int_equal(yc_search_chars("", 5), 0);
	assert_int_equal(yc_search_chars("我要开餐馆", 100), 5);
	assert_int_equal(yc_search_chars("我要开餐馆", 3), 3);
	assert_int_equal(yc_search_chars("A类证明", 100), 4);
	assert_int_equal(yc_search_chars("abc", 2), 2);
	assert_int_equal(yc_search_chars("（4362）", 100), 6);
}

/* ---- the plan of a query ---- */

static void assert_no_pinyin(const struct yc_search_plan *p)
{
	assert_null(p->pinyin[0]);
	assert_null(p->pinyin[1]);
	assert_null(p->need);
}

static void test_plan_terms(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_search_plan p;

	assert_true(yc_search_plan(a, "开 餐馆", &p));
	assert_int_equal(p.nterms, 2);
	assert_string_equal(p.terms[0], "开");
	assert_string_equal(p.terms[1], "餐馆");
	assert_string_equal(p.longest, "餐馆");
	assert_no_pinyin(&p);

	/* full-width space (U+3000), tabs and several spaces split too */
	assert_true(yc_search_plan(a, "开\xe3\x80\x80餐馆", &p));
	assert_int_equal(p.nterms, 2);
	assert_string_equal(p.terms[0], "开");
	assert_string_equal(p.terms[1], "餐馆");
	assert_string_equal(p.longest, "餐馆");
	assert_true(yc_search_plan(a, "\xe3\x80\x80 退休\t 证明\xe3\x80\x80\xe3\x80\x80办理 ", &p));
	assert_int_equal(p.nterms, 3);
	assert_string_equal(p.terms[0], "退休");
	assert_string_equal(p.terms[1], "证明");
	assert_string_equal(p.terms[2], "办理");

	/* only white space: no term */
	assert_false(yc_search_plan(a, " ", &p));
	assert_false(yc_search_plan(a, " \t\r\n ", &p));
	assert_false(yc_search_plan(a, "\xe3\x80\x80", &p));
	assert_false(yc_search_plan(a, " \xe3\x80\x80 \xe3\x80\x80\t", &p));

	/* longest by bytes: "abcd" (4) < "餐馆" (6) < "abcdefg" (7) */
	assert_true(yc_search_plan(a, "abcd 餐馆", &p));
	assert_string_equal(p.longest, "餐馆");
	assert_true(yc_search_plan(a, "餐馆 abcdefg", &p));
	assert_string_equal(p.longest, "abcdefg");
	assert_true(yc_search_plan(a, "开 营业执照 餐馆", &p));
	assert_string_equal(p.longest, "营业执照");

	/* at most YC_SEARCH_MAX_TERMS terms */
	assert_true(yc_search_plan(a, "a b c d e f g h i j k l m n o p q r s", &p));
	assert_int_equal(p.nterms, YC_SEARCH_MAX_TERMS);
	assert_string_equal(p.terms[YC_SEARCH_MAX_TERMS - 1], "p");

	/* the query itself is not changed */
	const char *q = "开\xe3\x80\x80餐馆";
	char before[32];
	strcpy(before, q);
	assert_true(yc_search_plan(a, before, &p));
	assert_string_equal(before, q);
	yc_arena_free(a);
}

static void test_plan_pinyin(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_search_plan p;

	assert_true(yc_search_plan(a, "kcg", &p));
	assert_int_equal(p.nterms, 1);
	assert_string_equal(p.longest, "kcg");
	assert_non_null(p.pinyin[0]);
	assert_string_equal(p.pinyin[0], "q:kcg");
	assert_null(p.pinyin[1]);
	assert_null(p.need);

	assert_true(yc_search_plan(a, "KC", &p));
	assert_string_equal(p.pinyin[0], "p:kc");
	assert_non_null(p.pinyin[1]);
	assert_string_equal(p.pinyin[1], "d:kc");
	assert_null(p.need);

	assert_true(yc_search_plan(a, "k", &p));
	assert_string_equal(p.pinyin[0], "p:k");
	assert_null(p.pinyin[1]);
	assert_null(p.need);

	assert_true(yc_search_plan(a, "wykcg", &p));
	assert_string_equal(p.pinyin[0], "q:wyk");
	assert_null(p.pinyin[1]);
	assert_non_null(p.need);
	assert_string_equal(p.need, "wykcg");

	/* lower-cased for the keys; the term keeps its case */
	assert_true(yc_search_plan(a, " WyKcG ", &p));
	assert_string_equal(p.terms[0], "WyKcG");
	assert_string_equal(p.pinyin[0], "q:wyk");
	assert_string_equal(p.need, "wykcg");

	/* 12 letters still pinyin, 13 not */
	assert_true(yc_search_plan(a, "abcdefghijkl", &p));
	assert_string_equal(p.pinyin[0], "q:abc");
	assert_string_equal(p.need, "abcdefghijkl");
	assert_true(yc_search_plan(a, "abcdefghijklm", &p));
	assert_no_pinyin(&p);

	/* two terms, digits, CJK: not pinyin */
	assert_true(yc_search_plan(a, "kcg 退休", &p));
	assert_int_equal(p.nterms, 2);
	assert_no_pinyin(&p);
	assert_true(yc_search_plan(a, "kc wy", &p));
	assert_no_pinyin(&p);
	assert_true(yc_search_plan(a, "kc3", &p));
	assert_no_pinyin(&p);
	assert_true(yc_search_plan(a, "a类", &p));
	assert_no_pinyin(&p);
	assert_true(yc_search_plan(a, "退休", &p));
	assert_no_pinyin(&p);
	yc_arena_free(a);
}

static void test_how(void **state)
{
	(void)state;
	assert_int_equal(yc_search_how("餐馆", "餐馆"), YC_MATCH_EXACT);
	assert_int_equal(yc_search_how("餐馆许可", "餐馆"), YC_MATCH_PREFIX);
	assert_int_equal(yc_search_how("餐馆", "餐"), YC_MATCH_PREFIX);
	assert_int_equal(yc_search_how("开餐馆", "餐馆"), YC_MATCH_CONTAINS);
	assert_int_equal(yc_search_how("我要开餐馆", "开"), YC_MATCH_CONTAINS);
	assert_int_equal(yc_search_how("abc", "abc"), YC_MATCH_EXACT);
	assert_int_equal(yc_search_how("abc", "ab"), YC_MATCH_PREFIX);
	assert_int_equal(yc_search_how("abc", "bc"), YC_MATCH_CONTAINS);
}

/* ---- filters ---- */

static void test_filter(void **state)
{
	(void)state;
	struct yc_search_hit d = {.id = 1,
	                          .kind = "item",
	                          .code = "C1",
	                          .name = "开餐馆",
	                          .audience = "personal",
	                          .theme = "food",
	                          .dept = "D01",
	                          .region = "430104"};
	struct yc_search_filter f = {0};
	assert_true(yc_search_filter_ok(&f, &d));

	f.audience = "personal";
	assert_true(yc_search_filter_ok(&f, &d));
	f.audience = "corporate";
	assert_false(yc_search_filter_ok(&f, &d));
	f.audience = "person"; /* equality, not prefix */
	assert_false(yc_search_filter_ok(&f, &d));
	f.audience = NULL;

	f.theme = "food";
	assert_true(yc_search_filter_ok(&f, &d));
	f.theme = "pension";
	assert_false(yc_search_filter_ok(&f, &d));
	f.theme = NULL;

	f.dept = "D01";
	assert_true(yc_search_filter_ok(&f, &d));
	f.dept = "D012";
	assert_false(yc_search_filter_ok(&f, &d));
	f.dept = "D0";
	assert_false(yc_search_filter_ok(&f, &d));
	f.dept = NULL;

	/* all three set and equal */
	f.audience = "personal";
	f.theme = "food";
	f.dept = "D01";
	assert_true(yc_search_filter_ok(&f, &d));
	f.theme = "x";
	assert_false(yc_search_filter_ok(&f, &d));
	f = (struct yc_search_filter){0};

	/* region: the prefix its code stands for */
	strcpy(f.region, "4301");
	f.region_len = 4;
	assert_true(yc_search_filter_ok(&f, &d));
	d.region = "430201";
	assert_false(yc_search_filter_ok(&f, &d));
	d.region = "4301";
	assert_true(yc_search_filter_ok(&f, &d));
	d.region = "43";
	assert_false(yc_search_filter_ok(&f, &d));
	d.region = NULL;
	assert_false(yc_search_filter_ok(&f, &d));
	strcpy(f.region, "430104");
	f.region_len = 6;
	d.region = "430104";
	assert_true(yc_search_filter_ok(&f, &d));
	d.region = "430105";
	assert_false(yc_search_filter_ok(&f, &d));
	f.region_len = 0; /* any region, even none */
	assert_true(yc_search_filter_ok(&f, &d));
	d.region = NULL;
	assert_true(yc_search_filter_ok(&f, &d));

	/* a document without the field fails a filter on it */
	struct yc_search_hit bare = {.id = 2, .kind = "item", .code = "C2", .name = "退休"};
	f = (struct yc_search_filter){0};
	assert_true(yc_search_filter_ok(&f, &bare));
	f.audience = "personal";
	assert_false(yc_search_filter_ok(&f, &bare));
	f.audience = NULL;
	f.theme = "food";
	assert_false(yc_search_filter_ok(&f, &bare));
	f.theme = NULL;
	f.dept = "D01";
	assert_false(yc_search_filter_ok(&f, &bare));
}

/* ---- merge, ranking, paging ---- */

static struct yc_search_hit mk(int64_t id, const char *kind, const char *code, const char *name)
{
	return (struct yc_search_hit){
	    .id = id, .kind = kind, .code = code, .name = name, .initials = ""};
}

static void test_hits_add(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_search_hits h = {.a = a};
	struct yc_search_hit d = mk(7, "item", "C7", "开餐馆");
	yc_search_hits_add(&h, &d, YC_MATCH_CONTAINS);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.v[0].match, YC_MATCH_CONTAINS);
	yc_search_hits_add(&h, &d, YC_MATCH_PINYIN); /* worse: kept */
	assert_int_equal(h.n, 1);
	assert_int_equal(h.v[0].match, YC_MATCH_CONTAINS);
	yc_search_hits_add(&h, &d, YC_MATCH_PREFIX); /* better: taken */
	assert_int_equal(h.n, 1);
	assert_int_equal(h.v[0].match, YC_MATCH_PREFIX);
	yc_search_hits_add(&h, &d, YC_MATCH_SYNONYM);
	assert_int_equal(h.v[0].match, YC_MATCH_PREFIX);
	yc_search_hits_add(&h, &d, YC_MATCH_EXACT);
	assert_int_equal(h.v[0].match, YC_MATCH_EXACT);
	/* copied by value, strings shared */
	assert_int_equal(h.v[0].id, 7);
	assert_ptr_equal(h.v[0].name, d.name);
	assert_ptr_equal(h.v[0].code, d.code);

	/* many documents: the array grows, each id once, order of first addition kept */
	static char names[300][16];
	struct yc_search_hit docs[300];
	for (int i = 0; i < 300; i++) {
		snprintf(names[i], sizeof names[i], "n%d", i);
		docs[i] = mk(1000 + i, "item", names[i], names[i]);
	}
	for (int i = 0; i < 300; i++)
		yc_search_hits_add(&h, &docs[i], YC_MATCH_PINYIN);
	for (int i = 299; i >= 0; i -= 2)
		yc_search_hits_add(&h, &docs[i], YC_MATCH_CONTAINS);
	for (int i = 0; i < 300; i += 3)
		yc_search_hits_add(&h, &docs[i], YC_MATCH_SYNONYM);
	assert_int_equal(h.n, 301);
	assert_true(h.cap >= h.n);
	for (int i = 0; i < 300; i++) {
		const struct yc_search_hit *x = &h.v[1 + i];
		assert_int_equal(x->id, 1000 + i);
		assert_ptr_equal(x->name, names[i]);
		enum yc_match want = i % 2        ? YC_MATCH_CONTAINS
		                     : i % 3 == 0 ? YC_MATCH_SYNONYM
		                                  : YC_MATCH_PINYIN;
		assert_int_equal(x->match, want);
	}
	yc_arena_free(a);
}

static void test_finish_rank_and_page(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_search_plan p;
	assert_true(yc_search_plan(a, "许可", &p));

	struct {
		struct yc_search_hit d;
		enum yc_match m;
	} in[] = {
	    {mk(1, "item", "Y", "食品经营许可证明文件"), YC_MATCH_SYNONYM}, /* long, synonym */
	    {mk(2, "item", "B", "许可"), YC_MATCH_EXACT},
	    {mk(3, "item", "A", "许可证明"), YC_MATCH_PREFIX},
	    {mk(4, "item", "Z", "许可证"), YC_MATCH_PREFIX},
	    {mk(5, "item", "C", "办理许可"), YC_MATCH_CONTAINS},
	    {mk(6, "item", "D", "开许可"), YC_MATCH_CONTAINS},
	    {mk(7, "item", "E", "行政"), YC_MATCH_PINYIN}, /* short, pinyin */
	    {mk(8, "matter", "F", "办理许可事项"), YC_MATCH_CONTAINS},
	    {mk(9, "matter", "G", "许可"), YC_MATCH_EXACT},
	    {mk(10, "item", "H", "退休"), YC_MATCH_CONTAINS}, /* lacks the term: dropped */
	    {mk(11, "item", "M", "许可甲"), YC_MATCH_PREFIX}, /* same length as 许可证 */
	    {mk(12, "item", "Q", "许可ab"), YC_MATCH_PREFIX}, /* 8 bytes < 9 */
	    {mk(13, "matter", "I", "行政审批"), YC_MATCH_PINYIN},
	    {mk(14, "matter", "J", "养老"), YC_MATCH_PREFIX}, /* lacks the term: dropped */
	};
	/* the order expected: matters (exact, contains, pinyin), then items by match, then
	 * shorter names (bytes), then code */
	static const int64_t want[] = {9, 8, 13, 2, 12, 11, 4, 3, 6, 5, 1, 7};
	int64_t nwant = (int64_t)(sizeof want / sizeof want[0]);
	size_t nin = sizeof in / sizeof in[0];

	/* added in a scrambled order, some twice with a worse match */
	struct yc_search_hits h = {.a = a};
	for (size_t i = 0; i < nin; i++) {
		size_t j = (i * 5 + 3) % nin;
		yc_search_hits_add(&h, &in[j].d, in[j].m);
		/* (not the two that lack the term: found by pinyin too, they would stay) */
		const struct yc_search_hit *next = &in[(j + 1) % nin].d;
		if (next->id != 10 && next->id != 14)
			yc_search_hits_add(&h, next, YC_MATCH_PINYIN);
	}
	for (size_t i = 0; i < nin; i++)
		yc_search_hits_add(&h, &in[i].d, in[i].m);
	assert_int_equal(h.n, (int64_t)nin);

	struct yc_search_hit *out = NULL;
	int64_t n = -1, total = -1;
	yc_search_finish(&h, &p, 1, 100, &out, &n, &total);
	assert_int_equal(total, nwant);
	assert_int_equal(n, nwant);
	assert_non_null(out);
	for (int64_t i = 0; i < nwant; i++)
		assert_int_equal(out[i].id, want[i]);
	assert_int_equal(out[0].match, YC_MATCH_EXACT);
	assert_int_equal(out[2].match, YC_MATCH_PINYIN);

	/* page 2 of 2 */
	yc_search_finish(&h, &p, 2, 2, &out, &n, &total);
	assert_int_equal(total, nwant);
	assert_int_equal(n, 2);
	assert_non_null(out);
	assert_int_equal(out[0].id, 13);
	assert_int_equal(out[1].id, 2);
	/* the last full page, a short last page, a page past the end */
	yc_search_finish(&h, &p, 6, 2, &out, &n, &total);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].id, 1);
	assert_int_equal(out[1].id, 7);
	yc_search_finish(&h, &p, 3, 5, &out, &n, &total);
	assert_int_equal(total, nwant);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].id, 1);
	assert_int_equal(out[1].id, 7);
	yc_search_finish(&h, &p, 7, 2, &out, &n, &total);
	assert_int_equal(total, nwant);
	assert_int_equal(n, 0);
	yc_search_finish(&h, &p, 4, 5, &out, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, nwant);

	/* no hits */
	struct yc_search_hits empty = {.a = a};
	yc_search_finish(&empty, &p, 1, 20, &out, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	yc_arena_free(a);
}

/* A hit found by name that lacks a term stays when it was also found by synonym or pinyin, as
 * that match; one found by name alone goes. */
static void test_finish_keeps_other_match(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_search_plan p;
	assert_true(yc_search_plan(a, "开饭店 证明", &p));
	struct yc_search_hit d[] = {
	    mk(1, "item", "A", "开饭店餐馆登记"), /* by name (lacks 证明) and by synonym */
	    mk(2, "item", "B", "餐馆登记"),       /* by synonym only */
	    mk(3, "item", "C", "开饭店备案"),     /* by name only, lacks 证明 */
	    mk(4, "item", "D", "开饭店证明"),     /* by name, both terms */
	};
	struct yc_search_hits h = {.a = a};
	yc_search_hits_add(&h, &d[0], YC_MATCH_SYNONYM);
	yc_search_hits_add(&h, &d[0], YC_MATCH_PREFIX);
	yc_search_hits_add(&h, &d[1], YC_MATCH_SYNONYM);
	yc_search_hits_add(&h, &d[2], YC_MATCH_PREFIX);
	yc_search_hits_add(&h, &d[3], YC_MATCH_PREFIX);
	yc_search_hits_add(&h, &d[3], YC_MATCH_PINYIN);
	struct yc_search_hit *out = NULL;
	int64_t n = 0, total = 0;
	yc_search_finish(&h, &p, 1, 10, &out, &n, &total);
	assert_int_equal(total, 3);
	assert_int_equal(out[0].id, 4);
	assert_int_equal(out[0].match, YC_MATCH_PREFIX);
	assert_int_equal(out[1].id, 2); /* shorter name first among synonyms */
	assert_int_equal(out[2].id, 1);
	assert_int_equal(out[2].match, YC_MATCH_SYNONYM);
	/* page 0 counts as page 1 */
	yc_search_finish(&h, &p, 0, 2, &out, &n, &total);
	assert_int_equal(n, 2);
	assert_int_equal(out[0].id, 4);
	yc_arena_free(a);
}

static void test_finish_every_term(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_search_plan p;
	assert_true(yc_search_plan(a, "餐馆 许可", &p));
	assert_string_equal(p.longest, "餐馆");

	struct yc_search_hit d[] = {
	    mk(1, "item", "A", "餐馆许可"),   /* both terms */
	    mk(2, "item", "B", "餐馆登记"),   /* lacks 许可 */
	    mk(3, "item", "C", "开餐馆"),     /* lacks 许可 */
	    mk(4, "item", "D", "食品经营"),   /* synonym: kept */
	    mk(5, "item", "E", "我要开餐馆"), /* pinyin: kept */
	    mk(6, "item", "F", "开餐馆的许可"),
	    mk(7, "matter", "G", "餐馆"), /* exact to the longest, lacks 许可 */
	};
	struct yc_search_hits h = {.a = a};
	yc_search_hits_add(&h, &d[0], YC_MATCH_PREFIX);
	yc_search_hits_add(&h, &d[1], YC_MATCH_PREFIX);
	yc_search_hits_add(&h, &d[2], YC_MATCH_CONTAINS);
	yc_search_hits_add(&h, &d[3], YC_MATCH_SYNONYM);
	yc_search_hits_add(&h, &d[4], YC_MATCH_PINYIN);
	yc_search_hits_add(&h, &d[5], YC_MATCH_CONTAINS);
	yc_search_hits_add(&h, &d[6], YC_MATCH_EXACT);

	struct yc_search_hit *out = NULL;
	int64_t n = -1, total = -1;
	yc_search_finish(&h, &p, 1, 10, &out, &n, &total);
	assert_int_equal(total, 4);
	assert_int_equal(n, 4);
	assert_int_equal(out[0].id, 1);
	assert_int_equal(out[1].id, 6);
	assert_int_equal(out[2].id, 4);
	assert_int_equal(out[3].id, 5);
	assert_int_equal(out[2].match, YC_MATCH_SYNONYM);
	assert_int_equal(out[3].match, YC_MATCH_PINYIN);
	yc_arena_free(a);
}

/* ---- the in-memory index against a brute force ---- */

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static const char *const CJK[] = {"办", "理", "申", "请", "证", "明", "许", "可", "登", "记",
                                  "开", "餐", "馆", "退", "休", "个", "人", "企", "业", "经",
                                  "营", "食", "品", "执", "照", "变", "更", "注", "销", "户"};
#define NCJK (sizeof CJK / sizeof CJK[0])
static const char *const WORDS[] = {"开餐馆", "退休", "营业执照", "证明", "33333", "（4362）"};
#define NWORDS (sizeof WORDS / sizeof WORDS[0])

/* One character of the generated names (or of a random query). */
static const char *gen_char(void)
{
	static const char *const digits[] = {"3", "3", "4", "6", "2", "0", "9"};
	static const char *const letters[] = {"a", "b", "k", "A"};
	unsigned r = below(100);
	if (r < 75)
		return CJK[below(NCJK)];
	if (r < 90)
		return digits[below(sizeof digits / sizeof digits[0])];
	return letters[below(sizeof letters / sizeof letters[0])];
}

/* A name of 1..20 characters into buf (at least 128 bytes). */
static void gen_name(char *buf)
{
	int target = below(4) == 0 ? 1 + (int)below(3) : 1 + (int)below(20);
	int nch = 0;
	buf[0] = '\0';
	while (nch < target) {
		unsigned r = below(100);
		if (r < 12) {
			const char *w = WORDS[below(NWORDS)];
			int wc = yc_search_chars(w, 100);
			if (nch + wc <= target) {
				strcat(buf, w);
				nch += wc;
				continue;
			}
		} else if (r < 16 && target - nch >= 6) {
			char tmp[32];
			snprintf(tmp, sizeof tmp, "（%u%u%u%u）", below(10), below(10), below(10),
			         below(10));
			strcat(buf, tmp);
			nch += 6;
			continue;
		}
		strcat(buf, gen_char());
		nch++;
	}
}

/* A name of 10..20 characters from some 3,000 ideographs (pieces seldom repeat: many keys). */
static void gen_wide_name(char *buf)
{
	int target = 10 + (int)below(11);
	char *o = buf;
	for (int i = 0; i < target; i++) {
		if (below(20) == 0) {
			*o++ = (char)('a' + below(3));
			continue;
		}
		unsigned cp = 0x4e00 + below(3000);
		*o++ = (char)(0xe0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	*o = '\0';
}

#define NDOCS 3000

struct world {
	struct yc_search_hit ref[NDOCS]; /* the reference copy, strings in ra */
	bool matter[NDOCS];
	size_t name_len[NDOCS];
	size_t nref;
	struct yc_arena *ra;
	struct yc_tindex *ix;
	size_t name_bytes;
};

static char *dup_or_null(const char *s)
{
	if (!s)
		return NULL;
	char *c = strdup(s);
	assert_non_null(c);
	return c;
}

static const char *const AUDIENCES[] = {NULL, "personal", "corporate"};
static const char *const THEMES[] = {NULL, "food", "pension", "housing"};

static void build_world(struct world *w, bool wide)
{
	memset(w, 0, sizeof *w);
	w->ra = yc_arena_new();
	w->nref = NDOCS;
	struct yc_search_hit *in = calloc(NDOCS, sizeof *in);
	assert_non_null(in);
	int64_t id = 5000000000LL; /* beyond 32 bits */
	for (size_t i = 0; i < NDOCS; i++) {
		char name[128], ini[64], code[16], region[16], dept[16];
		if (wide)
			gen_wide_name(name);
		else
			gen_name(name);
		long il = yc_pinyin_initials(name, strlen(name), ini, sizeof ini);
		assert_true(il >= 0);
		snprintf(code, sizeof code, "C%05zu", NDOCS - i);
		snprintf(region, sizeof region, "43%02u%02u", below(5), below(20));
		snprintf(dept, sizeof dept, "D%02u", below(12));
		id += 1 + (int64_t)below(7);
		bool matter = below(10) == 0;
		struct yc_search_hit r = {
		    .id = id,
		    .kind = matter ? "matter" : "item",
		    .code = yc_strdup(w->ra, code),
		    .name = yc_strdup(w->ra, name),
		    .audience = AUDIENCES[below(3)],
		    .theme = THEMES[below(4)],
		    .dept = yc_strdup(w->ra, dept),
		    .dept_name = below(2) ? "某某局" : NULL,
		    .region = yc_strdup(w->ra, region),
		    .region_name = "长沙市",
		    .initials = yc_strdup(w->ra, ini),
		    .match = YC_MATCH_PINYIN,
		};
		w->ref[i] = r;
		w->matter[i] = matter;
		w->name_len[i] = strlen(name);
		w->name_bytes += strlen(name);
		/* the input: every string its own heap block, freed right after the build */
		in[i] = (struct yc_search_hit){
		    .id = r.id,
		    .kind = dup_or_null(r.kind),
		    .code = dup_or_null(r.code),
		    .name = dup_or_null(r.name),
		    .audience = dup_or_null(r.audience),
		    .theme = dup_or_null(r.theme),
		    .dept = dup_or_null(r.dept),
		    .dept_name = dup_or_null(r.dept_name),
		    .region = dup_or_null(r.region),
		    .region_name = dup_or_null(r.region_name),
		    .initials = dup_or_null(r.initials),
		    .match = YC_MATCH_PINYIN,
		};
	}
	w->ix = yc_tindex_build(in, NDOCS);
	assert_non_null(w->ix);
	for (size_t i = 0; i < NDOCS; i++) {
		const char *s[] = {
		    in[i].kind, in[i].code,      in[i].name,   in[i].audience,    in[i].theme,
		    in[i].dept, in[i].dept_name, in[i].region, in[i].region_name, in[i].initials};
		for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
			free((void *)s[k]);
	}
	free(in);
}

static void free_world(struct world *w)
{
	yc_tindex_free(w->ix);
	yc_arena_free(w->ra);
}

static bool same_str(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

struct visit {
	const struct world *w;
	int64_t ids[NDOCS + 1];
	size_t n;
	size_t stop_after; /* 0: never stop */
	bool bad;          /* a document not in the reference, or its fields differ */
};

static void visit_reset(struct visit *v, const struct world *w, size_t stop_after)
{
	v->w = w;
	v->n = 0;
	v->stop_after = stop_after;
	v->bad = false;
}

static bool visitor(const struct yc_search_hit *d, void *ctx)
{
	struct visit *v = ctx;
	if (v->n >= NDOCS) {
		v->bad = true;
		return false;
	}
	v->ids[v->n++] = d->id;
	/* the reference document of this id */
	size_t lo = 0, hi = v->w->nref;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->w->ref[mid].id < d->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == v->w->nref || v->w->ref[lo].id != d->id) {
		v->bad = true;
	} else {
		const struct yc_search_hit *r = &v->w->ref[lo];
		if (!same_str(d->name, r->name) || !same_str(d->kind, r->kind) ||
		    !same_str(d->code, r->code) || !same_str(d->audience, r->audience) ||
		    !same_str(d->theme, r->theme) || !same_str(d->dept, r->dept) ||
		    !same_str(d->dept_name, r->dept_name) || !same_str(d->region, r->region) ||
		    !same_str(d->region_name, r->region_name) ||
		    !same_str(d->initials, r->initials))
			v->bad = true;
	}
	return v->stop_after == 0 || v->n < v->stop_after;
}

/* The ids of the documents whose name contains term (one character: matters only). */
static size_t brute_contains(const struct world *w, const char *term, int64_t *out)
{
	bool one = yc_search_chars(term, 2) == 1;
	size_t k = 0, tl = strlen(term);
	for (size_t i = 0; i < NDOCS && tl; i++)
		if ((!one || w->matter[i]) && w->name_len[i] >= tl && strstr(w->ref[i].name, term))
			out[k++] = w->ref[i].id;
	return k;
}

struct stats {
	size_t queries, nonempty, big, stops;
};

static void check_contains(const struct world *w, struct visit *v, int64_t *want, const char *term,
                           bool try_stop, struct stats *st)
{
	size_t nwant = brute_contains(w, term, want);
	visit_reset(v, w, 0);
	yc_tindex_contains(w->ix, term, visitor, v);
	if (v->n != nwant || v->bad)
		fail_msg("contains \"%s\": %zu documents visited, %zu expected%s", term, v->n,
		         nwant, v->bad ? " (a document differs)" : "");
	for (size_t i = 0; i < nwant; i++)
		if (v->ids[i] != want[i])
			fail_msg("contains \"%s\": document %zu is id %lld, expected %lld", term, i,
			         (long long)v->ids[i], (long long)want[i]);
	st->queries++;
	st->nonempty += nwant > 0;
	st->big += nwant > YC_SEARCH_CANDIDATES;
	if (!try_stop || nwant < 2)
		return;
	/* a visitor that has enough after k documents */
	size_t ks[] = {1, 2, nwant / 2, nwant - 1};
	for (size_t j = 0; j < sizeof ks / sizeof ks[0]; j++) {
		size_t k = ks[j] ? ks[j] : 1;
		visit_reset(v, w, k);
		yc_tindex_contains(w->ix, term, visitor, v);
		if (v->n != k || v->bad)
			fail_msg("contains \"%s\" stopping after %zu: %zu visited", term, k, v->n);
		for (size_t i = 0; i < k; i++)
			assert_int_equal(v->ids[i], want[i]);
		st->stops++;
	}
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Byte offsets of the characters of s, and the end: off[0..n]. */
static int char_offsets(const char *s, int *off, int max)
{
	int n = 0;
	const unsigned char *p = (const unsigned char *)s;
	size_t at = 0;
	while (p[at] && n < max) {
		off[n++] = (int)at;
		unsigned c = p[at];
		at += c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
	}
	off[n] = (int)at;
	return n;
}

/* Every query of a set against the brute force: substrings of 1..6 characters of every step-th
 * name, whole names and long pieces of them, random strings, strings no name has. */
static void check_queries(const struct world *w, struct visit *v, int64_t *want, size_t step,
                          int nrandom, struct stats *st)
{
	struct yc_arena *qa = yc_arena_new();
	size_t cap = 20000, nq = 0;
	const char **q = malloc(sizeof *q * cap);
	assert_non_null(q);
	for (size_t i = 0; i < NDOCS; i += step) {
		const char *name = w->ref[i].name;
		int off[32];
		int nc = char_offsets(name, off, 30);
		for (int s = 0; s < nc; s++)
			for (int len = 1; len <= 6 && s + len <= nc; len++) {
				assert_true(nq < cap);
				q[nq++] =
				    yc_strndup(qa, name + off[s], (size_t)(off[s + len] - off[s]));
			}
		assert_true(nq + 3 < cap);
		q[nq++] = name;
		if (nc > 12) {
			q[nq++] = yc_strndup(qa, name + off[1], (size_t)(off[12] - off[1]));
			q[nq++] =
			    yc_strndup(qa, name + off[nc - 10], (size_t)(off[nc] - off[nc - 10]));
		}
	}
	for (int i = 0; i < nrandom; i++) {
		char buf[64] = "";
		int len = 1 + (int)below(i < nrandom / 3 ? 2 : 5);
		for (int k = 0; k < len; k++)
			strcat(buf, gen_char());
		assert_true(nq < cap);
		q[nq++] = yc_strdup(qa, buf);
	}
	static const char *const absent[] = {"龘",
	                                     "z",
	                                     "Z",
	                                     "。",
	                                     "开z",
	                                     "z开",
	                                     "龘龘",
	                                     "开餐馆龘",
	                                     "龘开餐馆",
	                                     "开餐馆z退休",
	                                     "ab龘",
	                                     "3333333333333333333333333",
	                                     "办理申请证明许可登记开餐馆退休个人企业",
	                                     "（）",
	                                     "（4362（"};
	for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
		q[nq++] = absent[i];
	qsort(q, nq, sizeof *q, cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < nq; i++)
		if (u == 0 || strcmp(q[u - 1], q[i]))
			q[u++] = q[i];
	nq = u;
	for (size_t i = 0; i < nq; i++)
		check_contains(w, v, want, q[i], i % 5 == 0, st);
	free(q);
	yc_arena_free(qa);
}

static void test_tindex_contains(void **state)
{
	(void)state;
	struct world *w = malloc(sizeof *w);
	struct visit *v = malloc(sizeof *v);
	int64_t *want = malloc(sizeof *want * NDOCS);
	assert_non_null(w);
	assert_non_null(v);
	assert_non_null(want);
	build_world(w, false);
	assert_int_equal(yc_tindex_docs(w->ix), NDOCS);
	assert_true(yc_tindex_bytes(w->ix) > w->name_bytes);

	struct stats st = {0};
	check_queries(w, v, want, 19, 1500, &st);
	/* the queries did find things, many found more than one lookup's candidates */
	assert_true(st.queries > 5000);
	assert_true(st.nonempty > st.queries / 3);
	assert_true(st.big > 20);
	assert_true(st.stops > 500);

	/* one character: matters only, and only those */
	size_t n = brute_contains(w, "开", want);
	assert_true(n > 10);
	visit_reset(v, w, 0);
	yc_tindex_contains(w->ix, "开", visitor, v);
	assert_int_equal(v->n, n);
	for (size_t i = 0; i < v->n; i++) {
		size_t j = 0;
		while (w->ref[j].id != v->ids[i])
			j++;
		assert_true(w->matter[j]);
	}
	/* an empty term finds nothing */
	visit_reset(v, w, 0);
	yc_tindex_contains(w->ix, "", visitor, v);
	assert_int_equal(v->n, 0);

	free_world(w);
	free(w);
	free(v);
	free(want);
}

/* ---- key lookups ---- */

struct keypair {
	char key[24];
	uint32_t doc;
};

struct pairs {
	struct keypair *v;
	size_t n, cap;
	uint32_t doc;
	int emitted;
};

static void collect_pair(const char *key, size_t len, void *ctx)
{
	struct pairs *p = ctx;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4096;
		p->v = realloc(p->v, sizeof *p->v * p->cap);
		assert_non_null(p->v);
	}
	assert_true(len < sizeof p->v[0].key);
	memcpy(p->v[p->n].key, key, len);
	p->v[p->n].key[len] = '\0';
	p->v[p->n].doc = p->doc;
	p->n++;
	p->emitted++;
}

static int cmp_pair(const void *x, const void *y)
{
	const struct keypair *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->doc > b->doc) - (a->doc < b->doc);
}

/* Every key of every document (yc_search_keys) against the documents that emit it; returns the
 * number of distinct keys, *nbig those with more documents than one lookup takes. */
static size_t check_keys(const struct world *w, struct visit *v, size_t *nbig)
{
	/* every key of every document, once per document */
	struct pairs ps = {0};
	for (uint32_t i = 0; i < NDOCS; i++) {
		ps.doc = i;
		ps.emitted = 0;
		int r = yc_search_keys(w->ref[i].name, w->ref[i].initials, collect_pair, &ps);
		assert_int_equal(r, ps.emitted);
	}
	qsort(ps.v, ps.n, sizeof *ps.v, cmp_pair);
	size_t u = 0;
	for (size_t i = 0; i < ps.n; i++)
		if (u == 0 || cmp_pair(&ps.v[u - 1], &ps.v[i]))
			ps.v[u++] = ps.v[i];
	ps.n = u;

	size_t nkeys = 0;
	*nbig = 0;
	for (size_t i = 0; i < ps.n;) {
		size_t j = i;
		while (j < ps.n && strcmp(ps.v[j].key, ps.v[i].key) == 0)
			j++;
		const char *key = ps.v[i].key;
		size_t nwant = j - i;
		visit_reset(v, w, 0);
		yc_tindex_key(w->ix, key, visitor, v);
		if (v->n != nwant || v->bad)
			fail_msg("key \"%s\": %zu documents visited, %zu expected", key, v->n,
			         nwant);
		for (size_t k = 0; k < nwant; k++)
			assert_int_equal(v->ids[k], w->ref[ps.v[i + k].doc].id);
		if (nwant > 2 && nkeys % 3 == 0) {
			size_t stop = 1 + nkeys % (nwant - 1);
			visit_reset(v, w, stop);
			yc_tindex_key(w->ix, key, visitor, v);
			assert_int_equal(v->n, stop);
			for (size_t k = 0; k < stop; k++)
				assert_int_equal(v->ids[k], w->ref[ps.v[i + k].doc].id);
		}
		nkeys++;
		*nbig += nwant > YC_SEARCH_CANDIDATES;
		i = j;
	}
	free(ps.v);
	return nkeys;
}

static void test_tindex_key(void **state)
{
	(void)state;
	struct world *w = malloc(sizeof *w);
	struct visit *v = malloc(sizeof *v);
	assert_non_null(w);
	assert_non_null(v);
	build_world(w, false);

	size_t nbig = 0, nkeys = check_keys(w, v, &nbig);
	assert_true(nkeys > 1000);
	assert_true(nbig > 10);

	/* keys no document has */
	static const char *const unknown[] = {"",       "p:",       "p:v",  "d:vv", "q:vvv",
	                                      "g:龘龘", "x:开餐",   "开餐", "g:开", "q:kc",
	                                      "p:kcgx", "g:开餐馆", "g:",   "d:k"};
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		visit_reset(v, w, 0);
		yc_tindex_key(w->ix, unknown[i], visitor, v);
		if (v->n)
			fail_msg("unknown key \"%s\": %zu documents visited", unknown[i], v->n);
	}
	free_world(w);
	free(w);
	free(v);
}

/* Names from a large alphabet: more keys than the key table first has room for, so it grows
 * while the index is built. */
static void test_tindex_wide(void **state)
{
	(void)state;
	struct world *w = malloc(sizeof *w);
	struct visit *v = malloc(sizeof *v);
	int64_t *want = malloc(sizeof *want * NDOCS);
	assert_non_null(w);
	assert_non_null(v);
	assert_non_null(want);
	build_world(w, true);
	assert_int_equal(yc_tindex_docs(w->ix), NDOCS);

	size_t nbig = 0, nkeys = check_keys(w, v, &nbig);
	assert_true(nkeys > 33000);
	struct stats st = {0};
	check_queries(w, v, want, 97, 300, &st);
	assert_true(st.nonempty > 1000);

	free_world(w);
	free(w);
	free(v);
	free(want);
}

static void test_tindex_small(void **state)
{
	(void)state;
	struct visit *v = malloc(sizeof *v);
	assert_non_null(v);
	struct world *w = calloc(1, sizeof *w); /* for the visitor's reference: none */
	assert_non_null(w);

	/* no documents */
	struct yc_search_hit none[1] = {mk(1, "item", "C", "开餐馆")};
	struct yc_tindex *ix = yc_tindex_build(none, 0);
	assert_non_null(ix);
	assert_int_equal(yc_tindex_docs(ix), 0);
	assert_true(yc_tindex_bytes(ix) > 0);
	static const char *const terms[] = {"开", "开餐", "开餐馆", "我要开餐馆", "a", "ab", "abc"};
	for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
		visit_reset(v, w, 0);
		yc_tindex_contains(ix, terms[i], visitor, v);
		assert_int_equal(v->n, 0);
	}
	static const char *const keys[] = {"p:k", "d:kc", "q:kcg", "g:开餐", ""};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		visit_reset(v, w, 0);
		yc_tindex_key(ix, keys[i], visitor, v);
		assert_int_equal(v->n, 0);
	}
	yc_tindex_free(ix);
	yc_tindex_free(NULL);

	/* a few documents by hand: the example of the header */
	w->nref = 4;
	w->ref[0] = mk(10, "item", "A", "我要开餐馆");
	w->ref[0].initials = "wykcg";
	w->ref[1] = mk(20, "matter", "B", "开餐馆");
	w->ref[1].initials = "kcg";
	w->ref[2] = mk(30, "item", "C", "退休");
	w->ref[2].initials = "tx";
	w->ref[3] = mk(40, "matter", "D", "餐馆开业");
	w->ref[3].initials = "cgky";
	ix = yc_tindex_build(w->ref, 4);
	assert_non_null(ix);
	assert_int_equal(yc_tindex_docs(ix), 4);
	struct {
		const char *term;
		int64_t ids[4];
		size_t n;
	} cases[] = {
	    {"开", {20, 40}, 2}, /* one character: matters */
	    {"退", {0}, 0},      /* in an item only */
	    {"餐馆", {10, 20, 40}, 3},
	    {"开餐馆", {10, 20}, 2},
	    {"要开餐馆", {10}, 1},
	    {"馆开", {40}, 1},
	    {"退休", {30}, 1},
	    {"休退", {0}, 0},
	    {"我要开餐馆", {10}, 1},
	    {"我要开餐馆啊", {0}, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		visit_reset(v, w, 0);
		yc_tindex_contains(ix, cases[i].term, visitor, v);
		if (v->n != cases[i].n)
			fail_msg("\"%s\": %zu visited, %zu expected", cases[i].term, v->n,
			         cases[i].n);
		for (size_t k = 0; k < v->n; k++)
			assert_int_equal(v->ids[k], cases[i].ids[k]);
	}
	struct {
		const char *key;
		int64_t ids[4];
		size_t n;
	} kcases[] = {
	    {"q:kcg", {10, 20}, 2},
	    {"p:k", {20}, 1},
	    {"d:kc", {10}, 1},
	    {"p:kc", {20}, 1},
	    {"g:餐馆", {10, 20, 40}, 3},
	    {"d:ky", {40}, 1},
	    {"p:t", {30}, 1},
	    {"q:wyk", {10}, 1},
	    {"q:tx", {0}, 0},
	};
	for (size_t i = 0; i < sizeof kcases / sizeof kcases[0]; i++) {
		visit_reset(v, w, 0);
		yc_tindex_key(ix, kcases[i].key, visitor, v);
		if (v->n != kcases[i].n)
			fail_msg("key \"%s\": %zu visited, %zu expected", kcases[i].key, v->n,
			         kcases[i].n);
		for (size_t k = 0; k < v->n; k++)
			assert_int_equal(v->ids[k], kcases[i].ids[k]);
	}
	yc_tindex_free(ix);
	free(w);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keys_restaurant),
	    cmocka_unit_test(test_keys_short_and_mixed),
	    cmocka_unit_test(test_chars),
	    cmocka_unit_test(test_plan_terms),
	    cmocka_unit_test(test_plan_pinyin),
	    cmocka_unit_test(test_how),
	    cmocka_unit_test(test_filter),
	    cmocka_unit_test(test_hits_add),
	    cmocka_unit_test(test_finish_rank_and_page),
	    cmocka_unit_test(test_finish_keeps_other_match),
	    cmocka_unit_test(test_finish_every_term),
	    cmocka_unit_test(test_tindex_contains),
	    cmocka_unit_test(test_tindex_key),
	    cmocka_unit_test(test_tindex_wide),
	    cmocka_unit_test(test_tindex_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

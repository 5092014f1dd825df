/* test_notice_pdf.c — unit tests of the notice PDF renderer (src/render/notice_pdf.c): the example
 * notice renders as a one-page PDF whose text (pdftotext) holds the title, the number, the date in
 * China time and the verification line; output is byte-identical across renders and threads; a
 * 120-row table spans pages with its header repeated; a cell taller than a page is cut across
 * pages; bad input and hostile sizes fail with clear errors; missing fonts fail, not tofu.
 *
 * Needs pdftotext and pdfinfo (Debian poppler-utils, installed by scripts/deps.sh). With
 * YICI_NOTICE_SAMPLE=dir set, the rendered samples are also written there for a look. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "notice_pdf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

/* LeakSanitizer (YICI_SANITIZE builds): fontconfig keeps its configuration and font patterns for
 * the life of the process (one-time, not per render), and cairo 1.16 (Debian 12) loses one
 * 768-byte array per embedded CFF font when a PDF surface is finished (cairo-cff-subset.c), about
 * 3 KB per notice. Neither is ours; everything else is still checked. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcairo.so\n";
}

static const char *EXAMPLE =
    "{\"number\":\"YL-430104-2026-000123\",\"kind\":\"supplement\",\"title\":\"补正材料通知书\","
    "\"issuer\":\"长沙市岳麓区政务服务中心\",\"region_name\":\"岳麓区\","
    "\"issued_at\":\"2026-11-30T17:30:00Z\","
    "\"applicant\":{\"name\":\"张三\",\"id_masked\":\"430104********1230\"},"
    "\"matter\":{\"code\":\"TC430104000000000001\",\"name\":\"我要开餐馆\"},"
    "\"case_number\":\"430104-20261130-000045\","
    "\"sections\":["
    "{\"paragraphs\":[\"你于2026年11月30日提交的“我要开餐馆”一件事申请，经审查，申请材料不齐全"
    "（或者不符合法定形式），请在下列期限内一次性补正以下材料和内容。补正后，本机关将在收到补正材料"
    "之日起受理或者作出不予受理的决定。\"]},"
    "{\"heading\":\"一、需补正的材料和内容\",\"table\":{\"columns\":[\"材料或字段\",\"问题\","
    "\"需补正内容\",\"期限\",\"方式\"],\"rows\":["
    "[\"营业场所租赁合同\",\"合同已过期\",\"提交在有效期内的租赁合同或续租协议\","
    "\"2026年12月8日前\",\"网上提交\"],"
    "[\"经营者身份证明\",\"图片模糊，无法辨认\",\"重新上传清晰的身份证正反面照片\","
    "\"2026年12月8日前\",\"网上提交或窗口递交\"],"
    "[\"从业人员健康证明\",\"缺少\",\"提交全部从业人员的健康证明\",\"2026年12月8日前\","
    "\"窗口递交\"]]}},"
    "{\"heading\":\"二、补正方式\",\"paragraphs\":[\"请登录一件事一次办平台，在“我的办件”中"
    "按上表逐项补正；也可以携带原件到岳麓区政务服务中心综合受理窗口办理。逾期未补正的，视为撤回申请"
    "。"
    "\"]}],"
    "\"footer\":\"本通知书一式两份，申请人与受理机关各执一份。如有疑问，请拨打 0731-12345。\","
    "\"verify_url\":\"http://127.0.0.1:8080/verify/notice/YL-430104-2026-000123\"}";

static json_t *load(const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	if (!j)
		fail_msg("bad test JSON: %s", je.text);
	return j;
}

static enum yc_status render(json_t *j, struct yc_arena *a, unsigned char **pdf, size_t *len,
                             struct yc_error *e)
{
	*e = (struct yc_error){0};
	enum yc_status st = yc_notice_pdf(j, a, pdf, len, e);
	if (st != YC_OK)
		fprintf(stderr, "  render: %d %s (%s)\n", st, e->message,
		        e->field ? e->field : "-");
	return st;
}

/* Write the PDF to dir/name.pdf (and to $YICI_NOTICE_SAMPLE/name.pdf); its path. */
static char *save(struct yc_arena *a, const char *name, const unsigned char *pdf, size_t len)
{
	char *path = yc_printf(a, "%s/%s.pdf", dir, name);
	const char *keep = getenv("YICI_NOTICE_SAMPLE");
	for (int k = 0; k < (keep ? 2 : 1); k++) {
		const char *p = k ? yc_printf(a, "%s/%s.pdf", keep, name) : path;
		FILE *f = fopen(p, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(pdf, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
	}
	return path;
}

/* The standard output of a shell command. */
static char *run(struct yc_arena *a, const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	size_t k;
	while ((k = fread(out + n, 1, cap - n - 1, p)) > 0) {
		n += k;
		if (cap - n < 1024)
			out = realloc(out, cap *= 2);
	}
	out[n] = 0;
	int rc = pclose(p);
	if (rc != 0)
		fail_msg("command failed (%d): %s", rc, cmd);
	char *r = yc_strdup(a, out);
	free(out);
	return r;
}

static int pages(struct yc_arena *a, const char *path)
{
	char *info = run(a, yc_printf(a, "pdfinfo '%s'", path));
	char *p = strstr(info, "\nPages:");
	assert_non_null(p);
	return atoi(p + 7);
}

/* The text of page n (0: all pages), spaces and line breaks removed so that wrapped text joins. */
static char *text(struct yc_arena *a, const char *path, int n)
{
	char *t = run(a, n ? yc_printf(a, "pdftotext -f %d -l %d '%s' -", n, n, path)
	                   : yc_printf(a, "pdftotext '%s' -", path));
	char *w = t;
	for (char *r = t; *r; r++)
		if (*r != ' ' && *r != '\n' && *r != '\f')
			*w++ = *r;
	*w = 0;
	return t;
}

/* "/Type /Page" objects in the PDF (cairo writes no object streams). */
static int page_objects(const unsigned char *pdf, size_t len)
{
	int n = 0;
	const char *k = "/Type /Page";
	for (size_t i = 0; i + 12 <= len; i++)
		if (memcmp(pdf + i, k, 11) == 0 && pdf[i + 11] != 's')
			n++;
	return n;
}

static void assert_pdf(const unsigned char *pdf, size_t len)
{
	assert_true(len > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	size_t end = len;
	while (end > 0 && (pdf[end - 1] == '\n' || pdf[end - 1] == '\r'))
		end--;
	assert_true(end >= 5);
	assert_memory_equal(pdf + end - 5, "%%EOF", 5);
}

static void assert_has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("text lacks \"%s\" in:\n%.2000s", needle, hay);
}

/* Every word that pdftotext -bbox finds lies within the margins (ML = MR = 62 pt, a little
 * tolerance for glyph side bearings). */
static void assert_inside(struct yc_arena *a, const char *path)
{
	char *b = run(a, yc_printf(a, "pdftotext -bbox '%s' -", path));
	int words = 0;
	for (char *p = strstr(b, "<word "); p; p = strstr(p + 1, "<word ")) {
		double x0 = strtod(strstr(p, "xMin=\"") + 6, NULL);
		double y0 = strtod(strstr(p, "yMin=\"") + 6, NULL);
		double x1 = strtod(strstr(p, "xMax=\"") + 6, NULL);
		double y1 = strtod(strstr(p, "yMax=\"") + 6, NULL);
		if (x0 < 60 || x1 > 595.276 - 60 || y0 < 20 || y1 > 841.89 - 20)
			fail_msg("a word outside the margins: %.120s", p);
		words++;
	}
	assert_true(words > 10);
}

/* Without the fonts (an empty fontconfig configuration) rendering fails clearly. Runs first, in
 * a child process, before any font set-up in this process. */
static void test_missing_font(void **state)
{
	(void)state;
	char *conf = NULL;
	struct yc_arena *a = yc_arena_new();
	conf = yc_printf(a, "%s/fonts.conf", dir);
	FILE *f = fopen(conf, "w");
	assert_non_null(f);
	fprintf(f,
	        "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>%s/fc-cache</cachedir>"
	        "</fontconfig>\n",
	        dir);
	fclose(f);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setenv("FONTCONFIG_FILE", conf, 1);
		json_t *j = json_loads(EXAMPLE, 0, NULL);
		unsigned char *pdf;
		size_t len;
		struct yc_error e = {0};
		enum yc_status st = yc_notice_pdf(j, a, &pdf, &len, &e);
		int ok = st == YC_E_INTERNAL && pdf == NULL && e.message &&
		         strstr(e.message, "fonts-noto-cjk") && strstr(e.message, "字体");
		if (!ok)
			fprintf(stderr, "  child: %d %s\n", st, e.message ? e.message : "-");
		_exit(ok ? 0 : 1);
	}
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 0);
	yc_arena_free(a);
}

static void test_example(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	json_t *j = load(EXAMPLE);
	unsigned char *pdf;
	size_t len;
	struct yc_error e;
	assert_int_equal(render(j, a, &pdf, &len, &e), YC_OK);
	assert_pdf(pdf, len);
	assert_int_equal(page_objects(pdf, len), 1);
	char *path = save(a, "notice", pdf, len);
	assert_int_equal(pages(a, path), 1);
	char *t = text(a, path, 0);
	assert_has(t, "补正材料通知书");
	assert_has(t, "YL-430104-2026-000123");
	assert_has(t, "2026年12月1日"); /* 17:30 UTC on 30 November is 1 December in China */
	assert_has(t, "长沙市岳麓区政务服务中心");
	assert_has(t, "张三");
	assert_has(t, "430104********1230");
	assert_has(t, "需补正内容");
	assert_has(t, "从业人员健康证明");
	assert_has(t, "扫码核验");
	assert_has(t, "本通知书由yici系统生成，可扫码核验真伪");
	assert_has(t, "第1页共1页");
	assert_has(t, "一件事一次办");
	char *info = run(a, yc_printf(a, "pdfinfo '%s'", path));
	assert_has(info, "补正材料通知书"); /* the title in the metadata */
	assert_has(info, "yici");
	assert_has(info, "595.276 x 841.89 pts (A4)");
	json_decref(j);
	yc_arena_free(a);
}

/* A kind without a title gets the title of its kind. */
static void test_default_title(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	json_t *j = load(EXAMPLE);
	json_object_del(j, "title");
	json_object_set_new(j, "kind", json_string("refuse"));
	unsigned char *pdf;
	size_t len;
	struct yc_error e;
	assert_int_equal(render(j, a, &pdf, &len, &e), YC_OK);
	char *path = save(a, "refuse", pdf, len);
	assert_has(text(a, path, 0), "不予受理通知书");
	assert_inside(a, path);
	json_decref(j);
	yc_arena_free(a);
}

/* The same notice gives the same bytes: stored as issued, rendered again identically. */
static void test_deterministic(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	json_t *j = load(EXAMPLE);
	unsigned char *p1, *p2;
	size_t n1, n2;
	struct yc_error e;
	assert_int_equal(render(j, a, &p1, &n1, &e), YC_OK);
	assert_int_equal(render(j, a, &p2, &n2, &e), YC_OK);
	assert_int_equal(n1, n2);
	assert_memory_equal(p1, p2, n1);
	json_decref(j);
	yc_arena_free(a);
}

struct job {
	json_t *j;
	const unsigned char *want;
	size_t wantlen;
	int ok;
};

static void *worker(void *arg)
{
	struct job *jb = arg;
	for (int k = 0; k < 3; k++) {
		struct yc_arena *a = yc_arena_new();
		unsigned char *pdf;
		size_t len;
		struct yc_error e = {0};
		if (yc_notice_pdf(jb->j, a, &pdf, &len, &e) == YC_OK && len == jb->wantlen &&
		    memcmp(pdf, jb->want, len) == 0)
			jb->ok++;
		yc_arena_free(a);
	}
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	json_t *j = load(EXAMPLE);
	unsigned char *pdf;
	size_t len;
	struct yc_error e;
	assert_int_equal(render(j, a, &pdf, &len, &e), YC_OK);
	pthread_t th[4];
	struct job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){j, pdf, len, 0};
		assert_int_equal(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(jobs[i].ok, 3);
	}
	json_decref(j);
	yc_arena_free(a);
}

/* A supplement notice listing 120 problems: several pages, the header on each, numbered pages, the
 * verification block on the last one. */
static void test_long_table(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	json_t *j = load(EXAMPLE);
	json_t *rows = json_object_get(
	    json_object_get(json_array_get(json_object_get(j, "sections"), 1), "table"), "rows");
	json_array_clear(rows);
	for (int i = 1; i <= 120; i++)
		json_array_append_new(
		    rows,
		    json_pack("[s,s,s,s,s]", yc_printf(a, "材料第%03d项", i),
		              i % 7 == 0
		                  ? "材料内容与申请表填写的经营场所地址不一致，且缺少产权人签字"
		                  : "缺少",
		              i % 5 == 0 ? "提交加盖公章的复印件，并由经办人签字确认与原件一致"
		                         : "补交原件",
		              "2026年12月8日前", "网上提交"));
	unsigned char *pdf;
	size_t len;
	struct yc_error e;
	assert_int_equal(render(j, a, &pdf, &len, &e), YC_OK);
	assert_pdf(pdf, len);
	char *path = save(a, "long-table", pdf, len);
	int n = pages(a, path);
	assert_true(n >= 4);
	assert_true(n <= 8);
	assert_int_equal(page_objects(pdf, len), n);
	for (int p = 1; p <= n; p++) {
		char *t = text(a, path, p);
		assert_has(t, yc_printf(a, "第%d页共%d页", p, n));
		assert_has(t, "YL-430104-2026-000123"); /* the number on every page */
		if (p < n || strstr(t, "材料第120项")) {
			assert_has(t, "需补正内容");
			assert_has(t, "材料或字段");
		}
		if (p > 1 && strstr(t, "材料第"))
			assert_has(t, "（续表）");
		if (p < n)
			assert_null(strstr(t, "扫码核验"));
	}
	char *all = text(a, path, 0);
	for (int i = 1; i <= 120; i++)
		assert_has(all, yc_printf(a, "材料第%03d项", i));
	assert_has(text(a, path, n), "扫码核验");
	json_decref(j);
	yc_arena_free(a);
}

/* Long unbroken strings wrap; a cell taller than a page is cut across pages; the longest number,
 * issuer and applicant name stay inside the page. */
static void test_long_strings(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	json_t *j = load(EXAMPLE);
	json_t *secs = json_object_get(j, "sections");
	json_object_set_new(j, "number",
	                    json_string("YL-430104-2026-0000000000000000000000000000000"
	                                "000000000000000001"));
	char *issuer = yc_alloc(a, 3 * 60 + 1), *name = yc_alloc(a, 3 * 100 + 1);
	for (int i = 0; i < 100; i++) {
		if (i < 60)
			memcpy(issuer + 3 * i, "政", 3);
		memcpy(name + 3 * i, "名", 3);
	}
	json_object_set_new(j, "issuer", json_string(issuer));
	json_object_set_new(json_object_get(j, "applicant"), "name", json_string(name));
	char *word = yc_alloc(a, 3001);
	memset(word, 'A', 3000);
	char *cjk = yc_alloc(a, 3 * 1000 + 1);
	for (int i = 0; i < 1000; i++)
		memcpy(cjk + 3 * i, "审", 3);
	json_array_append_new(secs,
	                      json_pack("{s:s,s:[s],s:{s:[s,s,s,s,s,s,s,s],s:[[s,s,s,s,s,s,s,s]]}}",
	                                "heading", "三、长文本", "paragraphs", word, "table",
	                                "columns", "一", "二", "三", "四", "五", "六", "七", "八",
	                                "rows", cjk, word + 2000, "x", "", "y", "z", "w", "v"));
	unsigned char *pdf;
	size_t len;
	struct yc_error e;
	assert_int_equal(render(j, a, &pdf, &len, &e), YC_OK);
	assert_pdf(pdf, len);
	char *path = save(a, "long-strings", pdf, len);
	int n = pages(a, path);
	assert_true(n >= 3);
	assert_true(n <= 8);
	assert_inside(a, path);
	json_decref(j);
	yc_arena_free(a);
}

static void expect_fail(const char *patch_key, json_t *value, enum yc_status want,
                        const char *field)
{
	struct yc_arena *a = yc_arena_new();
	json_t *j = load(EXAMPLE);
	if (value)
		json_object_set_new(j, patch_key, value);
	else
		json_object_del(j, patch_key);
	unsigned char *pdf = (unsigned char *)"x";
	size_t len = 7;
	struct yc_error e = {0};
	enum yc_status st = yc_notice_pdf(j, a, &pdf, &len, &e);
	if (st != want || !e.field || strcmp(e.field, field) != 0)
		fail_msg("%s: got %d field %s (%s), want %d field %s", patch_key, st,
		         e.field ? e.field : "-", e.message ? e.message : "-", want, field);
	assert_null(pdf);
	assert_int_equal(len, 0);
	assert_non_null(e.message);
	assert_int_equal(yc_notice_check(j, a, &e), want);
	json_decref(j);
	yc_arena_free(a);
}

static void test_bad_input(void **state)
{
	(void)state;
	expect_fail("number", NULL, YC_E_BAD_INPUT, "number");
	expect_fail("number", json_integer(123), YC_E_BAD_INPUT, "number");
	expect_fail("number", json_string(""), YC_E_BAD_INPUT, "number");
	expect_fail("number", json_string("YL\n1"), YC_E_BAD_INPUT, "number");
	expect_fail("number", json_stringn("YL\xff", 3), YC_E_BAD_INPUT, "number");
	expect_fail("number", json_string("YL-\u202e321"), YC_E_BAD_INPUT, "number"); /* RLO */
	expect_fail("number", json_string("YL-\u2067321"), YC_E_BAD_INPUT, "number"); /* RLI */
	expect_fail("number",
	            json_string("YL-0000000000000000000000000000000000000000000000000000000"
	                        "0000000001"),
	            YC_E_TOO_LARGE, "number");
	expect_fail("kind", json_string("approve"), YC_E_BAD_INPUT, "kind");
	expect_fail("kind", NULL, YC_E_BAD_INPUT, "kind");
	expect_fail("issuer", json_null(), YC_E_BAD_INPUT, "issuer");
	expect_fail("issued_at", json_string("2026-12-01"), YC_E_BAD_INPUT, "issued_at");
	expect_fail("issued_at", json_string("2026-02-30T09:30:00Z"), YC_E_BAD_INPUT, "issued_at");
	expect_fail("applicant", json_string("张三"), YC_E_BAD_INPUT, "applicant");
	expect_fail("applicant", json_pack("{s:s}", "id_masked", "430104"), YC_E_BAD_INPUT,
	            "applicant.name");
	expect_fail("matter", NULL, YC_E_BAD_INPUT, "matter");
	expect_fail("sections", json_object(), YC_E_BAD_INPUT, "sections");
	expect_fail("sections", json_pack("[{s:[i]}]", "paragraphs", 5), YC_E_BAD_INPUT,
	            "sections[0].paragraphs[0]");
	expect_fail("sections", json_pack("[s]", "x"), YC_E_BAD_INPUT, "sections[0]");
	expect_fail("sections", json_pack("[{s:{s:[]}}]", "table", "columns"), YC_E_BAD_INPUT,
	            "sections[0].table.columns");
	expect_fail("sections",
	            json_pack("[{s:{s:[s],s:[[s,s]]}}]", "table", "columns", "a", "rows", "1", "2"),
	            YC_E_BAD_INPUT, "sections[0].table.rows[0]");
	expect_fail("sections",
	            json_pack("[{}, {s:{s:[s,s],s:[[s,i]]}}]", "table", "columns", "a", "b", "rows",
	                      "1", 2),
	            YC_E_BAD_INPUT, "sections[1].table.rows[0][1]");
	expect_fail("verify_url", json_string("javascript:alert(1)"), YC_E_BAD_INPUT, "verify_url");
	expect_fail("verify_url", json_string("http://x/a'b"), YC_E_BAD_INPUT, "verify_url");
	expect_fail("verify_url", NULL, YC_E_BAD_INPUT, "verify_url");

	struct yc_arena *a = yc_arena_new();
	struct yc_error e = {0};
	unsigned char *pdf;
	size_t len;
	json_t *arr = json_array();
	assert_int_equal(yc_notice_pdf(arr, a, &pdf, &len, &e), YC_E_BAD_INPUT);
	assert_int_equal(yc_notice_pdf(NULL, a, &pdf, &len, &e), YC_E_BAD_INPUT);
	json_decref(arr);
	yc_arena_free(a);
}

static void test_hostile_sizes(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	/* 10,000 table rows: refused before any layout */
	json_t *rows = json_array();
	for (int i = 0; i < 10000; i++)
		json_array_append_new(rows, json_pack("[s]", "x"));
	expect_fail("sections",
	            json_pack("[{s:{s:[s],s:o}}]", "table", "columns", "材料", "rows", rows),
	            YC_E_TOO_LARGE, "sections[0].table.rows");
	/* too many columns, a paragraph over 4,000 characters, a 300-byte URL */
	expect_fail("sections",
	            json_pack("[{s:{s:[s,s,s,s,s,s,s,s,s]}}]", "table", "columns", "1", "2", "3",
	                      "4", "5", "6", "7", "8", "9"),
	            YC_E_TOO_LARGE, "sections[0].table.columns");
	char *big = yc_alloc(a, 4002);
	memset(big, 'x', 4001);
	expect_fail("sections", json_pack("[{s:[s]}]", "paragraphs", big), YC_E_TOO_LARGE,
	            "sections[0].paragraphs[0]");
	char *url = yc_printf(a, "http://127.0.0.1:8080/verify/notice/%0280d", 1);
	expect_fail("verify_url", json_string(url), YC_E_TOO_LARGE, "verify_url");
	/* over the total text limit */
	json_t *secs = json_array();
	char *para = yc_alloc(a, 4001);
	memset(para, 'y', 4000);
	for (int i = 0; i < 30; i++) {
		json_t *ps = json_array();
		for (int k = 0; k < 3; k++)
			json_array_append_new(ps, json_string(para));
		json_array_append_new(secs, json_pack("{s:o}", "paragraphs", ps));
	}
	expect_fail("sections", secs, YC_E_TOO_LARGE, "sections[21].paragraphs[2]");
	/* within every input limit but more than 50 pages: refused after counting the pages */
	char *cjk = yc_alloc(a, 3 * 4000 + 1);
	for (int i = 0; i < 4000; i++)
		memcpy(cjk + 3 * i, i % 40 == 39 ? "。" : "页", 3);
	secs = json_array();
	for (int i = 0; i < 20; i++)
		json_array_append_new(secs, json_pack("{s:[s]}", "paragraphs", cjk));
	json_t *j = load(EXAMPLE);
	json_object_set_new(j, "sections", secs);
	struct yc_error e = {0};
	unsigned char *pdf;
	size_t len;
	assert_int_equal(yc_notice_check(j, a, &e), YC_OK);
	assert_int_equal(yc_notice_pdf(j, a, &pdf, &len, &e), YC_E_TOO_LARGE);
	assert_null(pdf);
	assert_non_null(strstr(e.message, "50 页"));
	json_decref(j);
	yc_arena_free(a);
}

/* The mark drawn with cairo has the colours of the SVG where its shapes are. */
static void test_mark(void **state)
{
	(void)state;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_paint(cr);
	yc_mark_draw(cr, 0, 0, 64);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
#define AT(x, y) (*(const uint32_t *)(px + (y)*stride + (x)*4) & 0xffffff)
	assert_int_equal(AT(32, 32), 0xffd24a); /* the yellow bar */
	assert_int_equal(AT(10, 10), 0x1d5fb8); /* the blue square */
	assert_int_equal(AT(3, 32), 0xffffff);  /* the white rim */
	assert_int_equal(AT(0, 0), 0x000000);   /* outside the rounded corner */
	assert_int_equal(AT(15, 31), 0xffffff); /* the loop, left of the centre */
	assert_int_equal(AT(32, 14), 0xffffff); /* the loop, above the centre */
	assert_int_equal(AT(20, 32), 0x1d5fb8); /* inside the loop, left of the bar */
#undef AT
	cairo_surface_destroy(s);
}

int main(void)
{
	/* GLib's slice allocator hides leaked pango objects from LeakSanitizer: plain malloc */
	setenv("G_SLICE", "always-malloc", 1);
	snprintf(dir, sizeof dir, "/tmp/yici-notice-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	if (system("command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null") != 0) {
		fprintf(stderr,
		        "test_notice_pdf needs pdftotext and pdfinfo: install poppler-utils "
		        "(scripts/deps.sh)\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_missing_font), /* first: before this process sets up fonts */
	    cmocka_unit_test(test_example),       cmocka_unit_test(test_default_title),
	    cmocka_unit_test(test_deterministic), cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_long_table),    cmocka_unit_test(test_long_strings),
	    cmocka_unit_test(test_bad_input),     cmocka_unit_test(test_hostile_sizes),
	    cmocka_unit_test(test_mark),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}

/* notice_pdf.c — a notice as an A4 PDF; see notice_pdf.h and docs/notices.md.
 *
 * Two passes over the same layout code: the first counts the pages (nothing is drawn), the second
 * draws them knowing the total for "第 1 页 共 N 页". Layout is deterministic (one pango context
 * with fixed font options for both passes), so both passes break pages at the same places.
 *
 * Text flows line by line: a paragraph continues on the next page at a line boundary; a table row
 * that does not fit moves to the next page (header repeated), and a row taller than a page is cut
 * at line boundaries of its cells, each slice with its own borders. */
#include "notice_pdf.h"

#include "result_pdf.h"
#include "text.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <qrencode.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- page geometry (points) and styles ---- */

#define PW        595.276 /* A4 */
#define PH        841.890
#define ML        62.0
#define MR        62.0
#define BW        (PW - ML - MR)
#define MARK_Y    28.0
#define MARK_SIZE 30.0
#define RULE_Y    68.0
#define BODY_TOP  86.0
#define BODY_BOT  (PH - 64.0)
#define FOOT_Y    (PH - 46.0)
#define PADX      5.0
#define PADY      4.0
#define QR_SIZE   74.0
#define MAX_PDF   (32u << 20)
#define SANS      "Noto Sans CJK SC"
#define SERIF     "Noto Serif CJK SC"
#define SZ_TITLE  21.0
#define SZ_HEAD   12.5
#define SZ_BODY   11.5
#define SZ_CELL   9.5
#define SZ_SMALL  8.5
#define SZ_BRAND  11.0
#define LH        1.448 /* the line height of Noto CJK, in em */
#define LS_BODY   1.25  /* line spacing factors (of LH): body 1.8 em */
#define LS_CELL   1.0
#define LS_SMALL  1.1
#define EPS       0.01

struct rgb {
	double r, g, b;
};
static const struct rgb INK = {0.10, 0.10, 0.12}, BLUE = {0x1d / 255.0, 0x5f / 255.0, 0xb8 / 255.0},
                        DARK = {0x17 / 255.0, 0x32 / 255.0, 0x5c / 255.0},
                        GRAY = {0.40, 0.42, 0.46}, BORDER = {0.55, 0.61, 0.70},
                        HEAD_FILL = {0xe8 / 255.0, 0xef / 255.0, 0xf8 / 255.0},
                        LABEL_FILL = {0.955, 0.965, 0.98};

/* ---- the notice, checked ---- */

struct sect {
	const char *heading;
	int npara;
	const char **para;
	int ncols; /* 0: no table */
	const char **cols;
	int nrows;
	const char ***rows; /* nrows x ncols, missing cells "" */
	double *colw;       /* column widths, computed once by the first pass */
};

struct notice {
	const char *number, *kind, *title, *issuer, *region, *date, *app_name, *app_id,
	    *matter_name, *matter_code, *case_number, *footer, *url, *issued_at;
	int nsect;
	struct sect *sect;
	bool result; /* kind "result": a signed result (result_pdf.h), not a notice */
};

static const struct {
	const char *kind, *title;
} kinds[] = {
    {"accept", "受理通知书"},     {"supplement", "补正材料通知书"}, {"refuse", "不予受理通知书"},
    {"commitment", "告知承诺书"}, {"tolerance", "容缺办理承诺书"},  {"result", "办理结果"},
    {"receipt", "送达回证"},      {"public", "公告送达"},
};

struct ck {
	struct yc_arena *a;
	struct yc_error *e;
	size_t total;
};

static enum yc_status vfail(struct ck *c, enum yc_status st, const char *msg, const char *pathfmt,
                            va_list ap)
{
	return yc_fail(c->e, st, yc_vprintf(c->a, pathfmt, ap), msg);
}

static enum yc_status fail_at(struct ck *c, enum yc_status st, const char *msg, const char *pathfmt,
                              ...) __attribute__((format(printf, 4, 5)));
static enum yc_status fail_at(struct ck *c, enum yc_status st, const char *msg, const char *pathfmt,
                              ...)
{
	va_list ap;
	va_start(ap, pathfmt);
	enum yc_status rc = vfail(c, st, msg, pathfmt, ap);
	va_end(ap);
	return rc;
}

/* The string v (NULL when absent) at the path: valid UTF-8, no control characters (newline and
 * tab allowed when multiline), at most max code points, counted into the total. */
static enum yc_status text_at(struct ck *c, const json_t *v, const char *label, bool required,
                              long max, bool multiline, const char **out, const char *pathfmt, ...)
    __attribute__((format(printf, 8, 9)));
static enum yc_status text_at(struct ck *c, const json_t *v, const char *label, bool required,
                              long max, bool multiline, const char **out, const char *pathfmt, ...)
{
	const char *msg = NULL;
	enum yc_status st = YC_E_BAD_INPUT;
	*out = NULL;
	if (!v || json_is_null(v)) {
		if (!required)
			return YC_OK;
		msg = yc_printf(c->a, "通知书缺少%s", label);
	} else if (!json_is_string(v)) {
		msg = yc_printf(c->a, "%s应为文字（字符串）", label);
	} else {
		const char *s = json_string_value(v);
		size_t len = json_string_length(v);
		long n = yc_utf8_len(s, len);
		bool ctl = false;
		for (size_t i = 0; i < len && !ctl; i++) {
			unsigned char ch = (unsigned char)s[i];
			ctl =
			    (ch < 0x20 && !(multiline && (ch == '\n' || ch == '\t'))) || ch == 0x7f;
			/* bidirectional controls (U+202A..U+202E, U+2066..U+2069) could make a
			 * notice show its text in another order than it holds */
			if (ch == 0xe2 && i + 2 < len) {
				unsigned char b1 = (unsigned char)s[i + 1],
				              b2 = (unsigned char)s[i + 2];
				ctl |= (b1 == 0x80 && b2 >= 0xaa && b2 <= 0xae) ||
				       (b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9);
			}
		}
		c->total += len;
		if (n < 0)
			msg = yc_printf(c->a, "%s不是有效的 UTF-8 文字", label);
		else if (ctl)
			msg = yc_printf(c->a, "%s不能包含控制字符", label);
		else if (required && n == 0)
			msg = yc_printf(c->a, "%s不能为空", label);
		else if (n > max) {
			st = YC_E_TOO_LARGE;
			msg = yc_printf(c->a, "%s超过 %ld 字的上限", label, max);
		} else if (c->total > YC_NOTICE_MAX_TEXT) {
			st = YC_E_TOO_LARGE;
			msg =
			    yc_printf(c->a, "通知书文字总量超过 %d 字节的上限", YC_NOTICE_MAX_TEXT);
		} else {
			*out = s;
			return YC_OK;
		}
	}
	va_list ap;
	va_start(ap, pathfmt);
	enum yc_status rc = vfail(c, st, msg, pathfmt, ap);
	va_end(ap);
	return rc;
}

#define TRY(x)                                                                                     \
	do {                                                                                       \
		enum yc_status rc_ = (x);                                                          \
		if (rc_ != YC_OK)                                                                  \
			return rc_;                                                                \
	} while (0)

static bool url_ok(const char *u)
{
	if (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0)
		return false;
	for (const char *p = u; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= 0x20 || ch >= 0x7f ||
		    !strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		            "0123456789-._~:/?#[]@!$&()*+,;=%",
		            ch))
			return false;
	}
	return true;
}

static enum yc_status obj_at(struct ck *c, const json_t *v, const char *label, const char *path)
{
	if (!v)
		return fail_at(c, YC_E_BAD_INPUT, yc_printf(c->a, "通知书缺少%s", label), "%s",
		               path);
	if (!json_is_object(v))
		return fail_at(c, YC_E_BAD_INPUT, yc_printf(c->a, "%s应为对象", label), "%s", path);
	return YC_OK;
}

static enum yc_status parse_table(struct ck *c, const json_t *t, int si, struct sect *s)
{
	TRY(obj_at(c, t, "表格", yc_printf(c->a, "sections[%d].table", si)));
	const json_t *cols = json_object_get(t, "columns"), *rows = json_object_get(t, "rows");
	if (!json_is_array(cols) || json_array_size(cols) == 0)
		return fail_at(c, YC_E_BAD_INPUT, "表格的列名（columns）应为非空的文字数组",
		               "sections[%d].table.columns", si);
	if (json_array_size(cols) > YC_NOTICE_MAX_COLUMNS)
		return fail_at(c, YC_E_TOO_LARGE, "表格超过 8 列的上限",
		               "sections[%d].table.columns", si);
	if (rows && !json_is_array(rows))
		return fail_at(c, YC_E_BAD_INPUT, "表格的行（rows）应为数组",
		               "sections[%d].table.rows", si);
	if (json_array_size(rows) > YC_NOTICE_MAX_ROWS)
		return fail_at(c, YC_E_TOO_LARGE,
		               yc_printf(c->a, "表格有 %zu 行，超过 %d 行的上限",
		                         json_array_size(rows), YC_NOTICE_MAX_ROWS),
		               "sections[%d].table.rows", si);
	s->ncols = (int)json_array_size(cols);
	s->cols = yc_alloc(c->a, sizeof *s->cols * (size_t)s->ncols);
	for (int j = 0; j < s->ncols; j++)
		TRY(text_at(c, json_array_get(cols, (size_t)j), "表格列名", true, 40, false,
		            &s->cols[j], "sections[%d].table.columns[%d]", si, j));
	s->nrows = (int)json_array_size(rows);
	s->rows = yc_alloc(c->a, sizeof *s->rows * (size_t)(s->nrows ? s->nrows : 1));
	for (int i = 0; i < s->nrows; i++) {
		const json_t *row = json_array_get(rows, (size_t)i);
		if (!json_is_array(row))
			return fail_at(c, YC_E_BAD_INPUT, "表格的每一行应为文字数组",
			               "sections[%d].table.rows[%d]", si, i);
		if (json_array_size(row) > (size_t)s->ncols)
			return fail_at(c, YC_E_BAD_INPUT, "表格的行比列名多出单元格",
			               "sections[%d].table.rows[%d]", si, i);
		s->rows[i] = yc_alloc(c->a, sizeof **s->rows * (size_t)s->ncols);
		for (int j = 0; j < s->ncols; j++) {
			const json_t *cell = json_array_get(row, (size_t)j);
			TRY(text_at(c, cell, "表格单元格", false, YC_NOTICE_MAX_CELL_CHARS, true,
			            &s->rows[i][j], "sections[%d].table.rows[%d][%d]", si, i, j));
			if (!s->rows[i][j])
				s->rows[i][j] = "";
		}
	}
	return YC_OK;
}

static enum yc_status parse(const json_t *j, struct yc_arena *a, struct notice *n,
                            struct yc_error *e)
{
	struct ck c = {a, e, 0};
	memset(n, 0, sizeof *n);
	if (!json_is_object(j))
		return fail_at(&c, YC_E_BAD_INPUT, "通知书应为 JSON 对象", "notice");
	TRY(text_at(&c, json_object_get(j, "number"), "通知书编号（number）", true, 64, false,
	            &n->number, "number"));
	TRY(text_at(&c, json_object_get(j, "kind"), "通知书种类（kind）", true, 20, false, &n->kind,
	            "kind"));
	const char *deftitle = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(n->kind, kinds[i].kind) == 0)
			deftitle = kinds[i].title;
	if (!deftitle)
		return fail_at(&c, YC_E_BAD_INPUT,
		               "通知书种类（kind）应为 accept、supplement、refuse、commitment、"
		               "tolerance、receipt、public 或 result",
		               "kind");
	n->result = strcmp(n->kind, "result") == 0;
	TRY(text_at(&c, json_object_get(j, "title"), "标题（title）", false, 40, false, &n->title,
	            "title"));
	if (!n->title || !*n->title)
		n->title = deftitle;
	TRY(text_at(&c, json_object_get(j, "issuer"), "出具机关（issuer）", true, 60, false,
	            &n->issuer, "issuer"));
	TRY(text_at(&c, json_object_get(j, "region_name"), "区划名称（region_name）", false, 40,
	            false, &n->region, "region_name"));
	TRY(text_at(&c, json_object_get(j, "issued_at"), "出具时间（issued_at）", true, 20, false,
	            &n->issued_at, "issued_at"));
	int64_t t;
	if (strlen(n->issued_at) != 20 || !yc_time_parse(n->issued_at, &t))
		return fail_at(&c, YC_E_BAD_INPUT,
		               "出具时间（issued_at）应为 YYYY-MM-DDTHH:MM:SSZ 格式的 UTC 时间",
		               "issued_at");
	int32_t ymd = yc_date_cst(t);
	n->date = yc_printf(a, "%d年%d月%d日", ymd / 10000, ymd / 100 % 100, ymd % 100);

	const json_t *app = json_object_get(j, "applicant");
	TRY(obj_at(&c, app, "申请人（applicant）", "applicant"));
	TRY(text_at(&c, json_object_get(app, "name"), "申请人姓名或名称（applicant.name）", true,
	            100, false, &n->app_name, "applicant.name"));
	TRY(text_at(&c, json_object_get(app, "id_masked"), "申请人证件号码（applicant.id_masked）",
	            false, 40, false, &n->app_id, "applicant.id_masked"));
	const json_t *m = json_object_get(j, "matter");
	TRY(obj_at(&c, m, "办理事项（matter）", "matter"));
	TRY(text_at(&c, json_object_get(m, "name"), "事项名称（matter.name）", true, 100, false,
	            &n->matter_name, "matter.name"));
	TRY(text_at(&c, json_object_get(m, "code"), "事项编码（matter.code）", false, 64, false,
	            &n->matter_code, "matter.code"));
	TRY(text_at(&c, json_object_get(j, "case_number"), "办件编号（case_number）", false, 64,
	            false, &n->case_number, "case_number"));
	TRY(text_at(&c, json_object_get(j, "footer"), "附注（footer）", false, 1000, true,
	            &n->footer, "footer"));
	TRY(text_at(&c, json_object_get(j, "verify_url"), "核验地址（verify_url）", true,
	            YC_NOTICE_MAX_URL, false, &n->url, "verify_url"));
	if (strlen(n->url) > YC_NOTICE_MAX_URL)
		return fail_at(&c, YC_E_TOO_LARGE, "核验地址（verify_url）超过 256 字节的上限",
		               "verify_url");
	if (!url_ok(n->url))
		return fail_at(
		    &c, YC_E_BAD_INPUT,
		    "核验地址（verify_url）应为 http:// 或 https:// 开头、不含空格和引号的网址",
		    "verify_url");

	const json_t *ss = json_object_get(j, "sections");
	if (!json_is_array(ss))
		return fail_at(&c, YC_E_BAD_INPUT, "通知书正文（sections）应为数组", "sections");
	if (json_array_size(ss) > YC_NOTICE_MAX_SECTIONS)
		return fail_at(&c, YC_E_TOO_LARGE, "通知书正文超过 30 节的上限", "sections");
	n->nsect = (int)json_array_size(ss);
	n->sect = yc_alloc(a, sizeof *n->sect * (size_t)(n->nsect ? n->nsect : 1));
	for (int i = 0; i < n->nsect; i++) {
		const json_t *s = json_array_get(ss, (size_t)i);
		struct sect *o = &n->sect[i];
		TRY(obj_at(&c, s, "正文的一节", yc_printf(a, "sections[%d]", i)));
		TRY(text_at(&c, json_object_get(s, "heading"), "小标题（heading）", false, 100,
		            false, &o->heading, "sections[%d].heading", i));
		const json_t *ps = json_object_get(s, "paragraphs");
		if (ps && !json_is_array(ps))
			return fail_at(&c, YC_E_BAD_INPUT, "段落（paragraphs）应为文字数组",
			               "sections[%d].paragraphs", i);
		if (json_array_size(ps) > YC_NOTICE_MAX_PARAGRAPHS)
			return fail_at(&c, YC_E_TOO_LARGE, "一节超过 60 段的上限",
			               "sections[%d].paragraphs", i);
		o->npara = (int)json_array_size(ps);
		o->para = yc_alloc(a, sizeof *o->para * (size_t)(o->npara ? o->npara : 1));
		for (int k = 0; k < o->npara; k++)
			TRY(text_at(&c, json_array_get(ps, (size_t)k), "段落", true,
			            YC_NOTICE_MAX_PARA_CHARS, true, &o->para[k],
			            "sections[%d].paragraphs[%d]", i, k));
		const json_t *tab = json_object_get(s, "table");
		if (tab && !json_is_null(tab))
			TRY(parse_table(&c, tab, i, o));
	}
	return YC_OK;
}

enum yc_status yc_notice_check(const json_t *notice, struct yc_arena *a, struct yc_error *e)
{
	struct notice n;
	return parse(notice, a, &n, e);
}

/* ---- fonts: set up once ---- */

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t render_mu = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *fontmap;
static bool have_sans, have_serif;

static void fonts_init(void)
{
	fontmap = pango_cairo_font_map_new();
	if (!fontmap)
		return;
	PangoFontFamily **fam = NULL;
	int nfam = 0;
	pango_font_map_list_families(fontmap, &fam, &nfam);
	for (int i = 0; i < nfam; i++) {
		const char *name = pango_font_family_get_name(fam[i]);
		have_sans |= strcmp(name, SANS) == 0;
		have_serif |= strcmp(name, SERIF) == 0;
	}
	g_free(fam);
}

/* ---- layout ---- */

/* A pango layout and where its lines are: line i spans [top[i], top[i+1]) (the last one up to h),
 * its baseline at base[i] and its left edge at x[i], all relative to the layout. */
struct lines {
	PangoLayout *l;
	int n;
	double *top, *base, *x;
	double h, w;
};

struct rend {
	cairo_t *cr;
	PangoContext *pc;
	struct yc_arena *tmp;
	const struct notice *n;
	QRcode *qr;
	bool draw, overflow;
	int page, total;
	double y;
	PangoFontDescription *f_title, *f_head, *f_body, *f_cell, *f_cellb, *f_small, *f_brand;
};

static PangoFontDescription *font(const char *family, double size, bool bold)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	return fd;
}

enum { WRAP_WORDS = 0, ONE_LINE = 1, WRAP_CHARS = 2 };

/* Lay out text in width (0: no wrapping), measured; by words and else characters, or by
 * characters only, or in one line cut with "…". Release with done(). */
static struct lines *mk_full(struct rend *r, const char *text, const PangoFontDescription *fd,
                             double width, PangoAlignment al, double indent, double spacing,
                             int mode)
{
	struct lines *L = yc_alloc(r->tmp, sizeof *L);
	L->l = pango_layout_new(r->pc);
	pango_layout_set_font_description(L->l, fd);
	if (width > 0) {
		pango_layout_set_width(L->l, pango_units_from_double(width));
		pango_layout_set_wrap(L->l,
		                      mode == WRAP_CHARS ? PANGO_WRAP_CHAR : PANGO_WRAP_WORD_CHAR);
		if (mode == ONE_LINE)
			pango_layout_set_ellipsize(L->l, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_alignment(L->l, al);
	if (indent > 0)
		pango_layout_set_indent(L->l, pango_units_from_double(indent));
	if (spacing > 0)
		pango_layout_set_line_spacing(L->l, (float)spacing);
	pango_layout_set_text(L->l, text, -1);
	/* no hyphen where a long number, ID or URL breaks: the text must read as given */
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	pango_layout_set_attributes(L->l, attrs);
	pango_attr_list_unref(attrs);

	PangoRectangle ink, log;
	pango_layout_get_extents(L->l, &ink, &log);
	L->h = pango_units_to_double(log.height);
	L->w = pango_units_to_double(log.width);
	L->n = pango_layout_get_line_count(L->l);
	L->top = yc_alloc(r->tmp, sizeof(double) * 3 * (size_t)L->n);
	L->base = L->top + L->n;
	L->x = L->base + L->n;
	PangoLayoutIter *it = pango_layout_get_iter(L->l);
	int i = 0;
	do {
		PangoRectangle ll;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		pango_layout_line_get_extents(pango_layout_iter_get_line_readonly(it), NULL, &ll);
		L->top[i] = pango_units_to_double(log.y);
		L->base[i] = pango_units_to_double(pango_layout_iter_get_baseline(it));
		L->x[i] = pango_units_to_double(log.x - ll.x);
		i++;
	} while (i < L->n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	L->n = i;
	return L;
}

static struct lines *mk(struct rend *r, const char *text, const PangoFontDescription *fd,
                        double width, PangoAlignment al, double indent, double spacing)
{
	return mk_full(r, text, fd, width, al, indent, spacing, WRAP_WORDS);
}

static void done(struct lines *L)
{
	if (L && L->l) {
		g_object_unref(L->l);
		L->l = NULL;
	}
}

/* Height of lines [i, j). */
static double span(const struct lines *L, int i, int j)
{
	if (j <= i)
		return 0;
	return (j < L->n ? L->top[j] : L->h) - L->top[i];
}

/* How many lines from i fit in height h. */
static int fit(const struct lines *L, int i, double h)
{
	int j = i;
	while (j < L->n && span(L, i, j + 1) <= h + EPS)
		j++;
	return j;
}

static void color(struct rend *r, struct rgb c)
{
	cairo_set_source_rgb(r->cr, c.r, c.g, c.b);
}

/* Draw lines [i, j) with the top of line i at (x, y). */
static void show(struct rend *r, const struct lines *L, int i, int j, double x, double y)
{
	if (!r->draw)
		return;
	for (int k = i; k < j; k++) {
		cairo_move_to(r->cr, x + L->x[k], y + L->base[k] - L->top[i]);
		pango_cairo_show_layout_line(r->cr, pango_layout_get_line_readonly(L->l, k));
	}
}

static void show_all(struct rend *r, const struct lines *L, double x, double y)
{
	show(r, L, 0, L->n, x, y);
}

/* ---- pages ---- */

static void page_header(struct rend *r)
{
	cairo_t *cr = r->cr;
	yc_mark_draw(cr, ML, MARK_Y, MARK_SIZE);
	struct lines *brand = mk(r, "一件事一次办 · yici", r->f_brand, 0, PANGO_ALIGN_LEFT, 0, 0);
	struct lines *iss = mk_full(r, r->n->issuer, r->f_small, BW / 2 - MARK_SIZE - 16,
	                            PANGO_ALIGN_LEFT, 0, 0, ONE_LINE);
	double h = brand->h + iss->h, y = MARK_Y + MARK_SIZE / 2 - h / 2;
	color(r, DARK);
	show_all(r, brand, ML + MARK_SIZE + 8, y);
	color(r, GRAY);
	show_all(r, iss, ML + MARK_SIZE + 8, y + brand->h);
	double nw = BW * 0.5;
	struct lines *num = mk_full(r, yc_printf(r->tmp, "编号：%s", r->n->number), r->f_cell, nw,
	                            PANGO_ALIGN_RIGHT, 0, 0, WRAP_CHARS);
	color(r, INK);
	show_all(r, num, ML + BW - nw, MARK_Y + MARK_SIZE / 2 - num->h / 2);
	done(brand);
	done(iss);
	done(num);
	color(r, BLUE);
	cairo_set_line_width(cr, 0.9);
	cairo_move_to(cr, ML, RULE_Y);
	cairo_line_to(cr, ML + BW, RULE_Y);
	cairo_stroke(cr);
}

static void page_footer(struct rend *r)
{
	char *t = yc_printf(r->tmp, "第 %d 页 共 %d 页", r->page, r->total);
	struct lines *L = mk(r, t, r->f_small, BW, PANGO_ALIGN_CENTER, 0, 0);
	color(r, GRAY);
	show_all(r, L, ML, FOOT_Y);
	done(L);
}

static void page_begin(struct rend *r)
{
	if (++r->page > YC_NOTICE_MAX_PAGES)
		r->overflow = true;
	if (r->draw && !r->overflow)
		page_header(r);
	r->y = BODY_TOP;
}

static void page_end(struct rend *r)
{
	if (r->draw && !r->overflow) {
		page_footer(r);
		cairo_show_page(r->cr);
	}
}

static void new_page(struct rend *r)
{
	page_end(r);
	page_begin(r);
}

static bool at_top(const struct rend *r)
{
	return r->y <= BODY_TOP + EPS;
}

/* A new page unless h more points fit on this one (or this one is still empty). */
static void ensure(struct rend *r, double h)
{
	if (r->y + h > BODY_BOT + EPS && !at_top(r))
		new_page(r);
}

/* Flow the lines of L at x from the current position, continuing on new pages; a paragraph of
 * three lines or more does not leave a single line at the bottom of a page. */
static void flow(struct rend *r, const struct lines *L, double x)
{
	int i = 0;
	while (i < L->n && !r->overflow) {
		int j = fit(L, i, BODY_BOT - r->y);
		if (!at_top(r) && (j == i || (i == 0 && j == 1 && L->n >= 3))) {
			new_page(r);
			continue;
		}
		if (j == i) /* a line taller than a page: cannot happen with these fonts */
			j = i + 1;
		show(r, L, i, j, x, r->y);
		r->y += span(L, i, j);
		i = j;
	}
}

/* ---- tables ---- */

struct row {
	int n;
	struct lines *c[YC_NOTICE_MAX_COLUMNS];
	double h;
};

static void row_make(struct rend *r, struct row *w, int n, const char *const *texts,
                     const double *widths, PangoFontDescription *const *fonts)
{
	w->n = n;
	w->h = 0;
	for (int j = 0; j < n; j++) {
		w->c[j] =
		    mk(r, texts[j], fonts[j], widths[j] - 2 * PADX, PANGO_ALIGN_LEFT, 0, LS_CELL);
		w->h = fmax(w->h, w->c[j]->h + 2 * PADY);
	}
}

static void row_done(struct row *w)
{
	for (int j = 0; j < w->n; j++)
		done(w->c[j]);
}

/* Draw lines [from[j], to[j]) of every cell as a slice of height h at the current position. */
static void row_show(struct rend *r, const struct row *w, const double *widths, const int *from,
                     const int *to, double h, const struct rgb *fills, const struct rgb *inks)
{
	if (!r->draw)
		return;
	cairo_t *cr = r->cr;
	double x = ML;
	for (int j = 0; j < w->n; j++) {
		cairo_rectangle(cr, x, r->y, widths[j], h);
		if (fills) {
			color(r, fills[j]);
			cairo_fill_preserve(cr);
		}
		color(r, BORDER);
		cairo_set_line_width(cr, 0.6);
		cairo_stroke(cr);
		color(r, inks[j]);
		int a = from ? from[j] : 0, b = to ? to[j] : w->c[j]->n;
		show(r, w->c[j], a, b, x + PADX, r->y + PADY);
		x += widths[j];
	}
}

/* A row at the current position: whole when it fits here or on a new page, else cut at line
 * boundaries across pages; `head` (if any) is redrawn after each page break. */
static void row_flow(struct rend *r, const struct row *w, const double *widths,
                     const struct rgb *fills, const struct rgb *inks,
                     void (*head)(struct rend *, void *), void *arg, double headh)
{
	if (r->y + w->h > BODY_BOT + EPS && w->h <= BODY_BOT - BODY_TOP - headh) {
		new_page(r);
		if (head)
			head(r, arg);
	}
	if (r->overflow)
		return;
	if (r->y + w->h <= BODY_BOT + EPS) {
		row_show(r, w, widths, NULL, NULL, w->h, fills, inks);
		r->y += w->h;
		return;
	}
	int from[YC_NOTICE_MAX_COLUMNS] = {0}, to[YC_NOTICE_MAX_COLUMNS];
	for (;;) {
		double avail = BODY_BOT - r->y - 2 * PADY, h = 0;
		bool progress = false, rest = false;
		for (int j = 0; j < w->n; j++) {
			to[j] = fit(w->c[j], from[j], avail);
			progress |= to[j] > from[j];
			h = fmax(h, span(w->c[j], from[j], to[j]));
		}
		if (progress) {
			row_show(r, w, widths, from, to, h + 2 * PADY, fills, inks);
			r->y += h + 2 * PADY;
			for (int j = 0; j < w->n; j++) {
				from[j] = to[j];
				rest |= from[j] < w->c[j]->n;
			}
			if (!rest)
				return;
		} else if (at_top(r)) {
			return; /* nothing fits on an empty page: cannot happen */
		}
		new_page(r);
		if (r->overflow)
			return;
		if (head)
			head(r, arg);
	}
}

struct thead {
	const struct sect *s;
	struct row row;
	struct rgb fills[YC_NOTICE_MAX_COLUMNS], inks[YC_NOTICE_MAX_COLUMNS];
	struct lines *cont;
};

static void thead_show(struct rend *r, void *arg)
{
	struct thead *t = arg;
	if (t->cont) { /* after a page break: "续表" above the repeated header */
		color(r, GRAY);
		show_all(r, t->cont, ML, r->y);
		r->y += t->cont->h + 2;
	}
	row_show(r, &t->row, t->s->colw, NULL, NULL, t->row.h, t->fills, t->inks);
	r->y += t->row.h;
}

/* Column widths from the natural (unwrapped) widths of the cells, filling the body width, as a
 * browser lays out an automatic table: a column narrower than its fair share of the width left
 * keeps its natural width (so that short dates and names do not wrap); the wide columns share the
 * rest in proportion to their natural widths, each at least a few characters wide. */
static void col_widths(struct rend *r, struct sect *s)
{
	int nc = s->ncols, nfree = nc;
	double nat[YC_NOTICE_MAX_COLUMNS], *w = yc_alloc(r->tmp, sizeof(double) * (size_t)nc);
	bool fixed[YC_NOTICE_MAX_COLUMNS] = {false};
	for (int j = 0; j < nc; j++) {
		struct lines *L = mk(r, s->cols[j], r->f_cellb, 0, PANGO_ALIGN_LEFT, 0, 0);
		double x = L->w;
		done(L);
		for (int i = 0; i < s->nrows && x < BW; i++) {
			if (!*s->rows[i][j])
				continue;
			L = mk(r, s->rows[i][j], r->f_cell, 0, PANGO_ALIGN_LEFT, 0, 0);
			x = fmax(x, L->w);
			done(L);
		}
		nat[j] = fmin(x, BW) + 2 * PADX + 1; /* 1: rounding, or the last character wraps */
	}
	double rest = BW;
	for (bool changed = true; changed && nfree > 0;) {
		changed = false;
		double share = rest / nfree;
		for (int j = 0; j < nc; j++)
			if (!fixed[j] && nat[j] <= share) {
				w[j] = nat[j];
				fixed[j] = changed = true;
				rest -= nat[j];
				nfree--;
			}
	}
	if (nfree == 0) { /* everything fits unwrapped: stretch to the full width */
		for (int j = 0; j < nc; j++)
			w[j] *= BW / (BW - rest);
	} else {
		double share = rest / nfree, sfloor = 0, sover = 0, floor[YC_NOTICE_MAX_COLUMNS];
		for (int j = 0; j < nc; j++)
			if (!fixed[j]) {
				floor[j] =
				    fmin(nat[j], fmax(3.2 * SZ_CELL + 2 * PADX, 0.6 * share));
				sfloor += floor[j];
				sover += nat[j] - floor[j];
			}
		for (int j = 0; j < nc; j++)
			if (!fixed[j])
				w[j] =
				    sfloor >= rest || sover <= 0
				        ? rest / nfree
				        : floor[j] + (rest - sfloor) * (nat[j] - floor[j]) / sover;
	}
	s->colw = w;
}

static void table_flow(struct rend *r, struct sect *s)
{
	if (!s->colw)
		col_widths(r, s);
	struct thead t = {.s = s};
	PangoFontDescription *hf[YC_NOTICE_MAX_COLUMNS], *cf[YC_NOTICE_MAX_COLUMNS];
	struct rgb inks[YC_NOTICE_MAX_COLUMNS];
	for (int j = 0; j < s->ncols; j++) {
		hf[j] = r->f_cellb;
		cf[j] = r->f_cell;
		t.fills[j] = HEAD_FILL;
		t.inks[j] = DARK;
		inks[j] = INK;
	}
	row_make(r, &t.row, s->ncols, s->cols, s->colw, hf);
	struct row w = {0};
	if (s->nrows)
		row_make(r, &w, s->ncols, s->rows[0], s->colw, cf);
	ensure(r, t.row.h + fmin(s->nrows ? w.h : 0, 3 * SZ_CELL * LH * LS_CELL + 2 * PADY));
	thead_show(r, &t);
	t.cont = mk(r, "（续表）", r->f_small, 0, PANGO_ALIGN_LEFT, 0, 0);
	double headh = t.row.h + t.cont->h + 2;
	for (int i = 0; i < s->nrows && !r->overflow; i++) {
		if (i > 0)
			row_make(r, &w, s->ncols, s->rows[i], s->colw, cf);
		row_flow(r, &w, s->colw, NULL, inks, thead_show, &t, headh);
		row_done(&w);
	}
	done(t.cont);
	row_done(&t.row);
}

/* The grid under the title: applicant, ID, matter, code, case number, date. */
static void info_flow(struct rend *r)
{
	const struct notice *n = r->n;
	const char *cells[3][4] = {
	    {n->result ? "持有人" : "申请人", n->app_name, "证件号码", n->app_id ? n->app_id : "—"},
	    {"办理事项", n->matter_name, "事项编码", n->matter_code ? n->matter_code : "—"},
	    {"办件编号", n->case_number ? n->case_number : "—", n->result ? "签发日期" : "通知日期",
	     n->date},
	};
	double widths[4] = {BW * 0.14, BW * 0.36, BW * 0.14, BW * 0.36};
	PangoFontDescription *fonts[4] = {r->f_cellb, r->f_cell, r->f_cellb, r->f_cell};
	struct rgb fills[4] = {LABEL_FILL, {1, 1, 1}, LABEL_FILL, {1, 1, 1}};
	struct rgb inks[4] = {DARK, INK, DARK, INK};
	struct row rows[3];
	double h = 0;
	for (int i = 0; i < 3; i++) {
		row_make(r, &rows[i], 4, cells[i], widths, fonts);
		h += rows[i].h;
	}
	ensure(r, h);
	for (int i = 0; i < 3; i++) {
		row_flow(r, &rows[i], widths, fills, inks, NULL, NULL, 0);
		row_done(&rows[i]);
	}
}

/* ---- closing, verification ---- */

static void closing_flow(struct rend *r)
{
	struct lines *iss = mk(r, r->n->issuer, r->f_body, 0, PANGO_ALIGN_LEFT, 0, 0);
	struct lines *date = mk(r, r->n->date, r->f_body, 0, PANGO_ALIGN_LEFT, 0, 0);
	double w = fmin(fmax(iss->w, date->w), BW), right = ML + BW - SZ_BODY;
	if (right - w < ML)
		right = ML + w;
	r->y += 2 * SZ_BODY;
	ensure(r, iss->h + date->h + 4);
	color(r, INK);
	double y = r->y;
	if (iss->w > BW) { /* a very long issuer name: wrapped, right-aligned */
		done(iss);
		iss = mk(r, r->n->issuer, r->f_body, BW, PANGO_ALIGN_RIGHT, 0, 0);
		show_all(r, iss, ML, y);
	} else {
		show_all(r, iss, right - w + (w - iss->w) / 2, y);
	}
	show_all(r, date, right - w + (w - date->w) / 2, y + iss->h + 4);
	if (r->n->result && r->draw) /* the seal over the issuer's name */
		yc_seal_stamp_draw(r->cr, fmax(right - w / 2, ML + 40), y + iss->h, 33);
	r->y += iss->h + date->h + 4;
	done(iss);
	done(date);
}

static void qr_show(struct rend *r, double x, double y, double size)
{
	cairo_t *cr = r->cr;
	int n = r->qr->width, quiet = 2;
	double m = size / (n + 2 * quiet);
	x += quiet * m;
	y += quiet * m;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n;) {
			if (!(r->qr->data[i * n + j] & 1)) {
				j++;
				continue;
			}
			int k = j;
			while (k < n && (r->qr->data[i * n + k] & 1))
				k++;
			cairo_rectangle(cr, x + j * m, y + i * m, (k - j) * m, m);
			j = k;
		}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_fill(cr);
}

/* The verification block at the bottom of the last page: the QR code bottom-right with its
 * caption, and on its left the generation line, the number and the check address. */
static void verify_flow(struct rend *r)
{
	const struct notice *n = r->n;
	double tw = BW - QR_SIZE - 16;
	struct lines *cap = mk(r, "扫码核验", r->f_small, QR_SIZE, PANGO_ALIGN_CENTER, 0, 0);
	struct lines *gen = mk(r,
	                       n->result ? "本结果由 yici 系统签发并加盖电子印章，可扫码核验真伪"
	                                 : "本通知书由 yici 系统生成，可扫码核验真伪",
	                       r->f_cellb, tw, PANGO_ALIGN_LEFT, 0, LS_SMALL);
	struct lines *num =
	    mk(r, yc_printf(r->tmp, "%s编号：%s", n->result ? "结果" : "通知书", n->number),
	       r->f_small, tw, PANGO_ALIGN_LEFT, 0, LS_SMALL);
	struct lines *url = mk(r, yc_printf(r->tmp, "核验地址：%s", n->url), r->f_small, tw,
	                       PANGO_ALIGN_LEFT, 0, LS_SMALL);
	double h = QR_SIZE + cap->h;
	if (r->y + 16 + h > BODY_BOT + EPS)
		new_page(r);
	if (r->draw && !r->overflow) {
		cairo_t *cr = r->cr;
		double y = BODY_BOT - h, qx = ML + BW - QR_SIZE;
		double dashes[] = {2, 2};
		cairo_set_dash(cr, dashes, 2, 0);
		color(r, BORDER);
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, ML, y - 8);
		cairo_line_to(cr, ML + BW, y - 8);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		char *link = yc_printf(r->tmp, "uri='%s'", n->url);
		cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
		qr_show(r, qx, y, QR_SIZE);
		cairo_tag_end(cr, CAIRO_TAG_LINK);
		color(r, GRAY);
		show_all(r, cap, qx, y + QR_SIZE);
		double ty = y + (h - gen->h - num->h - url->h) / 2;
		color(r, DARK);
		show_all(r, gen, ML, ty);
		color(r, GRAY);
		show_all(r, num, ML, ty + gen->h);
		cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
		show_all(r, url, ML, ty + gen->h + num->h);
		cairo_tag_end(cr, CAIRO_TAG_LINK);
	}
	r->y = BODY_BOT;
	done(cap);
	done(gen);
	done(num);
	done(url);
}

/* ---- the document ---- */

static void document(struct rend *r)
{
	const struct notice *n = r->n;
	page_begin(r);
	struct lines *L = mk(r, n->title, r->f_title, BW, PANGO_ALIGN_CENTER, 0, 0);
	r->y += 4;
	color(r, INK);
	flow(r, L, ML);
	done(L);
	r->y += 14;
	info_flow(r);
	r->y += 16;

	if (!n->result) { /* a notice is addressed to the applicant */
		L = mk(r, yc_printf(r->tmp, "%s：", n->app_name), r->f_body, BW, PANGO_ALIGN_LEFT,
		       0, LS_BODY);
		color(r, INK);
		flow(r, L, ML);
		done(L);
	}
	double line = SZ_BODY * LH * LS_BODY;
	for (int i = 0; i < n->nsect && !r->overflow; i++) {
		struct sect *s = &n->sect[i];
		if (s->heading) {
			L = mk(r, s->heading, r->f_head, BW, PANGO_ALIGN_LEFT, 0, 0);
			r->y += 8;
			ensure(r, L->h + 4 + (s->npara ? 2 * line : 60));
			color(r, DARK);
			flow(r, L, ML);
			r->y += 4;
			done(L);
		}
		for (int k = 0; k < s->npara && !r->overflow; k++) {
			L = mk(r, s->para[k], r->f_body, BW, PANGO_ALIGN_LEFT, 2 * SZ_BODY,
			       LS_BODY);
			color(r, INK);
			flow(r, L, ML);
			r->y += 3;
			done(L);
		}
		if (s->ncols && !r->overflow) {
			r->y += 4;
			table_flow(r, s);
			r->y += 10;
		}
	}
	if (!r->overflow)
		closing_flow(r);
	if (n->footer && *n->footer && !r->overflow) {
		r->y += 14;
		L = mk(r, n->footer, r->f_small, BW, PANGO_ALIGN_LEFT, 0, LS_SMALL);
		color(r, GRAY);
		flow(r, L, ML);
		done(L);
	}
	if (!r->overflow)
		verify_flow(r);
	page_end(r);
}

struct buf {
	unsigned char *p;
	size_t n, cap;
	bool over;
};

static cairo_status_t buf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *b = closure;
	if (b->n + len > MAX_PDF) {
		b->over = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	if (b->n + len > b->cap) {
		size_t cap = b->cap ? b->cap : 1 << 16;
		while (cap < b->n + len)
			cap *= 2;
		unsigned char *p = realloc(b->p, cap);
		if (!p)
			abort(); /* as the arena does */
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	return CAIRO_STATUS_SUCCESS;
}

static enum yc_status render(const struct notice *n, struct yc_arena *a, unsigned char **pdf,
                             size_t *len, struct yc_error *e)
{
	struct buf b = {0};
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(buf_write, &b, PW, PH);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, n->title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_AUTHOR, n->issuer);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_SUBJECT, n->number);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "yici");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, n->issued_at);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, n->issued_at);

	struct rend r = {.n = n, .tmp = yc_arena_new()};
	r.cr = cairo_create(sf);
	r.pc = pango_font_map_create_context(fontmap);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(r.pc, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(r.pc, 72);
	pango_context_set_round_glyph_positions(r.pc, FALSE);
	pango_context_set_language(r.pc, pango_language_from_string("zh-cn"));
	const char *serif = have_serif ? SERIF : SANS;
	r.f_title = font(serif, SZ_TITLE, true);
	r.f_head = font(SANS, SZ_HEAD, true);
	r.f_body = font(serif, SZ_BODY, false);
	r.f_cell = font(SANS, SZ_CELL, false);
	r.f_cellb = font(SANS, SZ_CELL, true);
	r.f_small = font(SANS, SZ_SMALL, false);
	r.f_brand = font(SANS, SZ_BRAND, true);
	r.qr = QRcode_encodeString(n->url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

	enum yc_status st = YC_OK;
	if (!r.qr) {
		st = yc_fail(e, YC_E_INTERNAL, "verify_url", "无法生成核验二维码");
	} else {
		document(&r); /* pass 1: count the pages */
		if (r.overflow) {
			st = yc_fail(e, YC_E_TOO_LARGE, "sections",
			             yc_printf(a, "通知书超过 %d 页的上限，请精简内容",
			                       YC_NOTICE_MAX_PAGES));
		} else {
			r.total = r.page;
			r.page = 0;
			r.draw = true;
			document(&r); /* pass 2: draw */
			if (r.page != r.total)
				st = yc_fail(e, YC_E_INTERNAL, NULL, "通知书分页不一致");
		}
	}
	PangoFontDescription *fds[] = {r.f_title, r.f_cell,  r.f_head, r.f_body,
	                               r.f_cellb, r.f_small, r.f_brand};
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		pango_font_description_free(fds[i]);
	if (r.qr)
		QRcode_free(r.qr);
	g_object_unref(r.pc);
	cairo_status_t cst = cairo_status(r.cr);
	cairo_destroy(r.cr);
	cairo_surface_finish(sf);
	if (cst == CAIRO_STATUS_SUCCESS)
		cst = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	yc_arena_free(r.tmp);

	if (st == YC_OK && b.over)
		st = yc_fail(e, YC_E_TOO_LARGE, NULL, "生成的 PDF 超过 32 MB 的上限");
	else if (st == YC_OK && cst != CAIRO_STATUS_SUCCESS)
		st = yc_fail(e, YC_E_INTERNAL, NULL,
		             yc_printf(a, "生成 PDF 失败：%s", cairo_status_to_string(cst)));
	if (st == YC_OK) {
		*pdf = yc_alloc(a, b.n);
		memcpy(*pdf, b.p, b.n);
		*len = b.n;
	}
	free(b.p);
	return st;
}

enum yc_status yc_notice_fonts(struct yc_error *e)
{
	pthread_once(&fonts_once, fonts_init);
	if (!fontmap || !have_sans)
		return yc_fail(e, YC_E_INTERNAL, NULL,
		               "未找到 Noto Sans CJK SC 字体，无法生成通知书 PDF（请安装 Debian "
		               "软件包 fonts-noto-cjk）");
	return YC_OK;
}

enum yc_status yc_notice_pdf(const json_t *notice, struct yc_arena *a, unsigned char **pdf,
                             size_t *len, struct yc_error *e)
{
	*pdf = NULL;
	*len = 0;
	struct notice n;
	TRY(parse(notice, a, &n, e));
	TRY(yc_notice_fonts(e));
	pthread_mutex_lock(&render_mu);
	enum yc_status st = render(&n, a, pdf, len, e);
	pthread_mutex_unlock(&render_mu);
	return st;
}

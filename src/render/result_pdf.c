/* result_pdf.c — a result as a PDF through the notice renderer; see result_pdf.h. */
#include "result_pdf.h"

#include "notice_pdf.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void yc_seal_stamp_draw(cairo_t *cr, double cx, double cy, double r)
{
	cairo_save(cr);
	cairo_set_source_rgba(cr, 0.84, 0.09, 0.11, 0.78);
	cairo_set_line_width(cr, r * 0.07);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r * 0.96, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_set_line_width(cr, r * 0.02);
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r * 0.84, 0, 2 * M_PI);
	cairo_stroke(cr);
	/* the star: ten points, outer and inner radius alternating, the first pointing up */
	double ro = r * 0.36, ri = ro * 0.382;
	for (int i = 0; i < 10; i++) {
		double ang = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? ri : ro;
		double x = cx + rr * cos(ang), y = cy + rr * sin(ang);
		if (i == 0)
			cairo_move_to(cr, x, y);
		else
			cairo_line_to(cr, x, y);
	}
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* 2026-12-01 → 2026年12月1日 */
static const char *zh_day(struct yc_arena *a, const char *d)
{
	int y = 0, m = 0, dd = 0;
	if (!d || sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return d ? d : "";
	return yc_printf(a, "%d年%d月%d日", y, m, dd);
}

static json_t *row2(const char *k, const char *v)
{
	return json_pack("[s, s]", k, v ? v : "");
}

enum yc_status yc_result_pdf(const struct yc_result_doc *d, struct yc_arena *a, unsigned char **pdf,
                             size_t *len, struct yc_error *e)
{
	const char *validity =
	    d->valid_until
	        ? yc_printf(a, "%s至%s", zh_day(a, d->valid_from), zh_day(a, d->valid_until))
	        : yc_printf(a, "长期（自%s起）", zh_day(a, d->valid_from));
	json_t *rows = json_array();
	/* the holder, the item and the case are in the grid above, the department under the seal */
	json_array_append_new(rows, row2("结果编号", d->number));
	json_array_append_new(rows, row2("有效期限", validity));
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)d->fields, k, v)
	{
		const char *text = json_is_string(v)  ? json_string_value(v)
		                   : json_is_true(v)  ? "是"
		                   : json_is_false(v) ? "否"
		                   : json_is_integer(v)
		                       ? yc_printf(a, "%lld", (long long)json_integer_value(v))
		                   : json_is_real(v) ? yc_printf(a, "%g", json_real_value(v))
		                                     : "";
		json_array_append_new(rows, row2(k, text));
	}
	json_t *seal = json_array();
	json_array_append_new(seal, row2("印章标识", d->key_id));
	json_array_append_new(seal, row2("签名指纹", d->fingerprint));
	json_array_append_new(seal, row2("印章公钥", d->public_key));
	/* a title of at most 40 characters: a longer result name stays in the table only */
	long n = d->name ? yc_utf8_len(d->name, strlen(d->name)) : -1;
	json_t *doc = json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:s, s:s, s:["
	    "{s:s, s:{s:[s, s], s:o}},"
	    "{s:s, s:[s], s:{s:[s, s], s:o}}]}",
	    "number", d->number, "kind", "result", "title", n > 0 && n <= 40 ? d->name : "办理结果",
	    "issuer", d->dept_name, "region_name", d->region_name ? d->region_name : "",
	    "issued_at", d->issued_at, "applicant", "name", d->holder_name, "id_masked",
	    d->holder_id_masked ? d->holder_id_masked : "", "matter", "name", d->item_name, "code",
	    d->item_code, "case_number", d->case_number, "verify_url", d->verify_url, "footer",
	    d->revoked_note ? d->revoked_note
	                    : "本结果以电子印章签署，与加盖实物印章的纸质结果具有同等效力。可扫码"
	                      "查验是否真实有效、是否已过期或被撤销。",
	    "sections", "heading", "一、结果信息", "table", "columns", "项目", "内容", "rows", rows,
	    "heading", "二、电子印章", "paragraphs",
	    yc_printf(a,
	              "本结果由%s以电子印章签署（Ed25519 数字签名），结果编号、持有人、有效期限"
	              "和结果信息均在签名范围内。",
	              d->dept_name),
	    "table", "columns", "项目", "内容", "rows", seal);
	if (!doc)
		return yc_fail(e, YC_E_INTERNAL, NULL, "办理结果的 PDF 内容无法生成");
	enum yc_status st = yc_notice_pdf(doc, a, pdf, len, e);
	json_decref(doc);
	return st;
}

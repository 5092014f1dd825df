/* notice_pdf.h — a notice (受理通知书, 补正材料通知书, 不予受理通知书, 告知承诺书, 容缺办理承诺书)
 * rendered as an A4 PDF with cairo + pango and the Noto CJK fonts (Debian fonts-noto-cjk).
 *
 * Pure functions: no file or network I/O, the PDF is written into memory. The same notice JSON
 * gives the same bytes (the PDF creation date is the notice's issued_at), so a notice stored as
 * issued can be rendered again identically. Thread-safe: fontconfig and the pango font map are set
 * up once (pthread_once); renders are serialized by one mutex because the shared pango font map is
 * not thread-safe. The JSON accepted, the layout and the limits are described in docs/notices.md.
 */
#ifndef YICI_NOTICE_PDF_H
#define YICI_NOTICE_PDF_H

#include "arena.h"
#include "err.h"

#include <cairo.h>
#include <jansson.h>
#include <stddef.h>

/* Limits (also in docs/notices.md). Input over a limit fails with YC_E_TOO_LARGE naming the field.
 */
#define YC_NOTICE_MAX_PAGES      50
#define YC_NOTICE_MAX_SECTIONS   30
#define YC_NOTICE_MAX_PARAGRAPHS 60   /* per section */
#define YC_NOTICE_MAX_PARA_CHARS 4000 /* code points per paragraph */
#define YC_NOTICE_MAX_COLUMNS    8
#define YC_NOTICE_MAX_ROWS       500    /* per table */
#define YC_NOTICE_MAX_CELL_CHARS 1000   /* code points per table cell */
#define YC_NOTICE_MAX_URL        256    /* bytes of verify_url (the QR code must stay scannable) */
#define YC_NOTICE_MAX_TEXT       262144 /* bytes of all text together */

/* Check a notice document without rendering it: YC_OK, or YC_E_BAD_INPUT (missing field, wrong
 * type, bad value) / YC_E_TOO_LARGE (over a limit) with e->field naming the offending field, e.g.
 * "sections[1].table.rows[3][2]". Call it before storing a notice; yc_notice_pdf() runs it too.
 * Strings in `e` are static or owned by `a`. */
enum yc_status yc_notice_check(const json_t *notice, struct yc_arena *a, struct yc_error *e);

/* Render `notice` as a PDF into *pdf (owned by `a`), *len bytes. Fails with the errors of
 * yc_notice_check(), with YC_E_TOO_LARGE when the notice would take more than
 * YC_NOTICE_MAX_PAGES pages, and with YC_E_INTERNAL when the Noto CJK fonts are not installed or
 * cairo fails (message in Chinese). On failure *pdf is NULL and *len 0. */
enum yc_status yc_notice_pdf(const json_t *notice, struct yc_arena *a, unsigned char **pdf,
                             size_t *len, struct yc_error *e);

/* Set up fontconfig and the fonts now (the first call takes about 0.2 s): YC_OK, or YC_E_INTERNAL
 * with a Chinese message when Noto Sans CJK SC is missing. A server may call it at start to fail
 * early or to log the problem; yc_notice_pdf() does it by itself. */
enum yc_status yc_notice_fonts(struct yc_error *e);

/* The yici mark (web/src/components/YiciMark.vue, viewBox 0 0 64 64) drawn with cairo paths in the
 * square of side `size` at (x, y). */
void yc_mark_draw(cairo_t *cr, double x, double y, double size);

#endif

/* result_pdf.h — a result (办理结果: licence, certificate, decision) as an A4 PDF.
 *
 * The result is laid out by the notice renderer (notice_pdf.h, kind "result"): the same page,
 * header, grid, tables and QR block, addressed to no one, with the department's red seal over
 * its name, the seal's key id, the signature's fingerprint and the public key, and a QR code to
 * the public verify page. Pure functions (no I/O), deterministic for the same input, thread-safe
 * as yc_notice_pdf(). See docs/results.md. */
#ifndef YICI_RESULT_PDF_H
#define YICI_RESULT_PDF_H

#include "arena.h"
#include "err.h"

#include <cairo.h>
#include <jansson.h>
#include <stddef.h>

/* What the PDF shows. Dates YYYY-MM-DD; valid_until NULL: 长期. */
struct yc_result_doc {
	const char *number, *name, *dept_name, *region_name, *issued_at; /* issued_at: ISO UTC */
	const char *holder_name, *holder_id_masked, *item_code, *item_name, *case_number;
	const char *valid_from, *valid_until;
	const char *key_id, *fingerprint, *public_key;
	const char *verify_url;   /* http(s)://…/verify/<number>?sig=… (at most 256 bytes) */
	const char *revoked_note; /* NULL, or why and when the result was revoked */
	const json_t *fields;     /* the result's own fields (object; NULL: none) */
};

/* Render d into *pdf (owned by a), *len bytes; the errors of yc_notice_pdf(). */
enum yc_status yc_result_pdf(const struct yc_result_doc *d, struct yc_arena *a, unsigned char **pdf,
                             size_t *len, struct yc_error *e);

/* The department's seal: a red double ring around a five-pointed star, centred at (cx, cy)
 * with outer radius r, drawn translucent over what is below. */
void yc_seal_stamp_draw(cairo_t *cr, double cx, double cy, double r);

#endif

/* sniff.h — what a file is, decided by its content (never by its name or the client's word).
 *
 * Four types are accepted for materials: "pdf", "jpg", "png" and "ofd" (GB/T 33190, a ZIP package
 * whose root holds OFD.xml). The decision has two steps so that an upload can be judged while it
 * streams: yc_sniff_head() on the first bytes (at least YC_SNIFF_HEAD of them, or the whole file
 * when shorter) names a candidate with libmagic, and yc_sniff_whole() on the complete file
 * confirms it (a PDF ends with %%EOF in its last KiB, an OFD package holds OFD.xml) and counts a
 * PDF's pages for the 智审 checks. Anything else (an executable renamed .pdf, text, a ZIP that is
 * not an OFD, an empty file) gets type NULL with a problem code and a Chinese message.
 *
 * libmagic handles are per thread (loaded on first use, closed when the thread exits). */
#ifndef YICI_SNIFF_H
#define YICI_SNIFF_H

#include "../core/err.h"

#include <stdbool.h>
#include <stddef.h>

#define YC_SNIFF_HEAD 4096
/* Pages counted at most (a larger count is reported as this). */
#define YC_PDF_PAGES_MAX 100000

struct yc_sniff {
	const char *type;    /* "pdf" | "jpg" | "png" | "ofd"; NULL when not accepted */
	char mime[96];       /* by content: the canonical type of an accepted file (application/pdf,
	                        image/jpeg, image/png, application/ofd), libmagic's answer otherwise */
	int pages;           /* a PDF's pages; -1 when unknown or not a PDF */
	const char *problem; /* NULL when accepted; "empty", "type", "pdf_incomplete", "not_ofd" */
	const char *message; /* Chinese, static; NULL when accepted */
};

/* Check that the magic database loads (call once at start). */
enum yc_status yc_sniff_init(struct yc_error *e);

/* Close the calling thread's libmagic handle (threads that exit do this themselves). */
void yc_sniff_thread_done(void);

/* Step 1: the candidate type from the first n bytes of a file (n < YC_SNIFF_HEAD only when the
 * file is that short; n == 0 is an empty file). */
void yc_sniff_head(const void *head, size_t n, struct yc_sniff *out);

/* Step 2: confirm out's candidate on the whole file and count PDF pages. Does nothing when step 1
 * refused the file already. */
void yc_sniff_whole(const void *data, size_t n, struct yc_sniff *out);

/* Both steps on a file in memory. */
void yc_sniff_buffer(const void *data, size_t n, struct yc_sniff *out);

/* The pages of a PDF: page objects (/Type /Page, not /Pages) counted once per object number, also
 * inside Flate-compressed object streams (PDF 1.5+), bounded in time and memory. -1 when none
 * is found (not a PDF, encrypted object streams, an unknown filter). */
int yc_pdf_pages(const void *data, size_t n);

/* Does a ZIP archive hold an entry named exactly `name` (found by its local file header)? */
bool yc_zip_has_entry(const void *data, size_t n, const char *name);

#endif

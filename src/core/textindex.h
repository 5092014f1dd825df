/* textindex.h — the catalog's search documents held in memory, with their keys.
 *
 * Built once from every search document (in id order, which is the ranking order) and never
 * changed after: any number of threads may read one index at the same time. It answers the same
 * lookups as the store's indexes (search.h): the documents whose name contains a term (one
 * character: matters only), by intersecting the lists of the term's 2-character pieces and
 * checking the name; and the documents under a key ("p:…", "d:…", "q:…" of yc_search_keys).
 * Lists hold document numbers in id order, so a lookup visits the best documents first and
 * stops as soon as the visitor has enough. Pure: no I/O; the index owns copies of its strings. */
#ifndef YICI_CORE_TEXTINDEX_H
#define YICI_CORE_TEXTINDEX_H

#include "search.h"

#include <stdbool.h>
#include <stddef.h>

struct yc_tindex;

/* docs must be in ascending id order; NULL when n is over 2^31 or memory runs out. */
struct yc_tindex *yc_tindex_build(const struct yc_search_hit *docs, size_t n);
void yc_tindex_free(struct yc_tindex *ix);

size_t yc_tindex_docs(const struct yc_tindex *ix);
/* Bytes held (documents, strings, lists and the key table). */
size_t yc_tindex_bytes(const struct yc_tindex *ix);

/* Called for each document found, best first; return false to stop. */
typedef bool (*yc_tindex_visit)(const struct yc_search_hit *d, void *ctx);

/* Documents whose name contains term, in id order (1 character: matters only). */
void yc_tindex_contains(const struct yc_tindex *ix, const char *term, yc_tindex_visit visit,
                        void *ctx);
/* Documents under key, in id order. */
void yc_tindex_key(const struct yc_tindex *ix, const char *key, yc_tindex_visit visit, void *ctx);

#endif

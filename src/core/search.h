/* search.h — what a catalog search means, apart from where its candidates come from.
 *
 * A query is split at white space into terms; the longest term finds candidates by name, every
 * term must be in the name of a hit found by name; a query of ASCII letters alone is also read as
 * pinyin initials ("kcg" → 我要开餐馆); an admin's synonyms whose term appears in the query add the
 * documents named like their target. Candidates come from a source — the store's indexes (FTS5
 * trigram / pg_trgm and the 2-character keys, src/store/search.c) or the node's in-memory index
 * (textindex.h) — that lists documents in id order, which is the ranking order (migration 0018),
 * and gives at most YC_SEARCH_CANDIDATES of each lookup. This module holds the parts both sources
 * share: the keys of a name, the filters, the plan of a query, and the merge, ranking and paging of
 * the hits. Pure: no I/O. */
#ifndef YICI_CORE_SEARCH_H
#define YICI_CORE_SEARCH_H

#include "arena.h"

#include <stdbool.h>
#include <stdint.h>

#define YC_SEARCH_CANDIDATES 100 /* per lookup (one term, one key, one synonym) */
#define YC_SEARCH_MAX_TERMS  16
#define YC_SEARCH_MAX_PINYIN 12 /* longest query still read as pinyin initials */

enum yc_match {
	YC_MATCH_EXACT,
	YC_MATCH_PREFIX,
	YC_MATCH_CONTAINS,
	YC_MATCH_SYNONYM,
	YC_MATCH_PINYIN
};

/* One search document as a hit (also the in-memory index's document). */
struct yc_search_hit {
	int64_t id;
	const char *kind, *code, *name, *audience, *theme, *dept, *dept_name, *region, *region_name;
	const char *initials;
	enum yc_match match;
	int other; /* the best synonym or pinyin match it was also found by, or -1 */
};

/* Make x's strings copies in a (NULL stays NULL): a hit that outlives where it came from. */
void yc_search_hit_own(struct yc_arena *a, struct yc_search_hit *x);

struct yc_search_query {
	const char *q; /* already checked: 1..100 characters */
	const char *audience, *theme, *dept, *region;
};

/* The query's filters; region is kept as the prefix its code stands for (4301 for 430100). */
struct yc_search_filter {
	const char *audience, *theme, *dept;
	char region[13];
	int region_len; /* 0: any region */
};
bool yc_search_filter_ok(const struct yc_search_filter *f, const struct yc_search_hit *d);

/* The keys of a name that the trigram index cannot serve, "g:" + every 2 characters (退休), "p:" +
 * the first one and two pinyin initials, "d:" + every later two, "q:" + every three in a row.
 * Calls emit once per key (a key may repeat); returns the number of keys. */
typedef void (*yc_search_key_fn)(const char *key, size_t len, void *ctx);
int yc_search_keys(const char *name, const char *initials, yc_search_key_fn emit, void *ctx);

/* Bytes of the character at s: 2, 3 or 4 for a UTF-8 lead byte (fewer when the text ends
 * first), 1 for anything else (ASCII, a stray byte), 0 at the end. */
int yc_search_cp(const char *s);
/* Number of characters (code points) of s, at most max. */
int yc_search_chars(const char *s, int max);

/* How a query is looked up. */
struct yc_search_plan {
	const char *terms[YC_SEARCH_MAX_TERMS];
	int nterms;
	const char *longest; /* finds the candidates by name */
	/* pinyin: up to two keys; when need is set, a hit's initials must contain it */
	const char *pinyin[2];
	const char *need;
};
/* False when the query has no term (only white space). */
bool yc_search_plan(struct yc_arena *a, const char *q, struct yc_search_plan *p);

/* How a name contains a term: exact, prefix or contains (the caller knows it contains it). */
enum yc_match yc_search_how(const char *name, const char *term);

/* The hits of one search, each document once with its best match. */
struct yc_search_hits {
	struct yc_search_hit *v;
	int64_t n, cap;
	struct yc_arena *a;
};
/* Add d (copied by value, its strings not copied) as `m`, or improve its match. */
void yc_search_hits_add(struct yc_search_hits *h, const struct yc_search_hit *d, enum yc_match m);

/* Keep the hits found by name that contain every term (one that does not but was also found by
 * synonym or pinyin stays as that), rank them (matters first, then exact,
 * prefix, contains, synonym, pinyin, then shorter names, then code) and cut page `page` of
 * `per_page` (page 1 is the first; below 1 counts as 1): *out points into h, *n hits, *total
 * of all. */
void yc_search_finish(struct yc_search_hits *h, const struct yc_search_plan *p, int64_t page,
                      int64_t per_page, struct yc_search_hit **out, int64_t *n, int64_t *total);

#endif

/* search.c — the catalog search index in the store, and its lookups.
 *
 * Every published matter and active item has a row in search_docs, numbered in ranking order
 * (migration 0018). Names are found by
 *  - substrings of 3+ characters: SQLite FTS5 with the trigram tokenizer (search_fts MATCH), or
 *    PostgreSQL pg_trgm (LIKE '%…%' on a GIN trigram index) — the only backend difference, here;
 *  - 1- and 2-character queries (退休, 出生), which trigrams cannot find: search_grams "g:…";
 *  - pinyin initials prefixes ("kcg" → 开餐馆): search_grams "p:…" (keys of src/core/search.c).
 * What a search means (terms, pinyin, synonyms, ranking) is src/core/search.c; src/app/search.c
 * asks these lookups, or the node's in-memory copy of the same documents. */
#include "backend.h"

#include "../core/pinyin.h"
#include "../core/search.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

/* A document's id is its place in the ranking: matters before items, shorter names first, then
 * the order of indexing (seq: SQLite code_counters 'search_docs', PostgreSQL the sequence
 * search_docs_seq, taken in the insert). The trigram index and the 2-character keys list
 * documents by id, so the first rows they give are the best ones and a LIMIT stops early
 * (migration 0018). */
#define SEQ_BITS 40
static int64_t doc_place(int rank, int name_len)
{
	return ((int64_t)rank * 1024 + (name_len < 1023 ? name_len : 1023)) << SEQ_BITS;
}

enum yc_status yc_search_drop(struct yc_db *db, const char *kind, const char *code,
                              struct yc_error *e)
{
	yc_store_touch(db);
	struct yc_rows r;
	struct yc_param p[] = {PT(kind), PT(code)};
	enum yc_status st = q_run(db, YC_STMT_SDOC_GET, p, 2, &r, e);
	if (st != YC_OK)
		return st;
	int64_t id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	if (!id)
		return YC_OK;
	struct yc_param d[] = {PI(id)};
	if ((st = q_exec(db, YC_STMT_SGRAM_DELETE, d, 1, NULL, e)) != YC_OK ||
	    (st = q_exec(db, YC_STMT_SFTS_DELETE, d, 1, NULL, e)) != YC_OK)
		return st;
	return q_exec(db, YC_STMT_SDOC_DELETE, d, 1, NULL, e);
}

static void add_key(const char *key, size_t len, void *ctx)
{
	json_array_append_new(ctx, json_stringn(key, len));
}

enum yc_status yc_search_compact(struct yc_db *db, struct yc_error *e)
{
	return q_exec(db, YC_STMT_SFTS_OPTIMIZE, NULL, 0, NULL, e);
}

enum yc_status yc_search_put(struct yc_db *db, struct yc_arena *a, const struct yc_search_doc *d,
                             struct yc_error *e)
{
	enum yc_status st = yc_search_drop(db, d->kind, d->code, e);
	if (st != YC_OK)
		return st;
	size_t nl = strlen(d->name);
	char *initials = yc_alloc(a, nl + 1);
	if (yc_pinyin_initials(d->name, nl, initials, nl + 1) < 0)
		initials[0] = '\0';
	int ncp = yc_search_chars(d->name, 256);
	bool matter = strcmp(d->kind, "matter") == 0;
	struct yc_param seq = PT(NULL); /* PostgreSQL: nextval in the insert */
	if (strcmp(db->store->be->kind, "sqlite") == 0) {
		int64_t n = 0;
		if ((st = q_int1(db, YC_STMT_SDOC_SEQ, NULL, 0, &n, e)) != YC_OK)
			return st;
		if (n <= 0 || n >= ((int64_t)1 << SEQ_BITS))
			return yc_fail(e, YC_E_INTERNAL, NULL, "检索文档编号已用尽");
		seq = PI(n);
	}
	struct yc_param p[] = {PI(doc_place(matter ? 0 : 1, ncp)),
	                       PT(d->kind),
	                       PT(d->code),
	                       PT(d->name),
	                       PT(initials),
	                       PT(d->audience),
	                       PT(d->theme),
	                       PT(d->dept),
	                       PT(d->region),
	                       PI(matter ? 0 : 1),
	                       PI(ncp),
	                       seq};
	int64_t id = 0;
	if ((st = q_int1(db, YC_STMT_SDOC_INSERT, p, NPARAM(p), &id, e)) != YC_OK)
		return st;
	struct yc_param f[] = {PI(id), PT(d->name)};
	if ((st = q_exec(db, YC_STMT_SFTS_INSERT, f, 2, NULL, e)) != YC_OK)
		return st;
	/* Every key of the name (src/core/search.c) in one statement, as a JSON array of strings */
	json_t *grams = json_array();
	yc_search_keys(d->name, initials, add_key, grams);
	char *list = json_dumps(grams, JSON_COMPACT);
	json_decref(grams);
	if (!list)
		return yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	struct yc_param g[] = {PT(list), PI(id), PI(matter ? 0 : 1), PI(ncp)};
	st = q_exec(db, YC_STMT_SGRAM_INSERT, g, NPARAM(g), NULL, e);
	free(list);
	return st;
}

static void read_hit(struct yc_rows *r, struct yc_arena *a, struct yc_search_hit *x)
{
	x->id = q_int(r, 0);
	x->kind = q_str(r, 1, a);
	x->code = q_str(r, 2, a);
	x->name = q_str(r, 3, a);
	x->audience = q_str(r, 4, a);
	x->theme = q_str(r, 5, a);
	x->dept = q_str(r, 6, a);
	x->dept_name = q_str(r, 7, a);
	x->region = q_str(r, 8, a);
	x->region_name = q_str(r, 9, a);
	x->initials = q_str(r, 10, a);
	x->match = YC_MATCH_CONTAINS;
	x->other = -1;
}

/* The lookup's first parameter, then the filters ($2..$6) and the limit ($7). */
static void params(struct yc_param p[7], struct yc_arena *a, const char *first,
                   const struct yc_search_filter *f)
{
	p[0] = PT(first);
	p[1] = PT(f->audience);
	p[2] = PT(f->theme);
	p[3] = PT(f->dept);
	p[4] = PT(f->region_len ? yc_strndup(a, f->region, (size_t)f->region_len) : NULL);
	p[5] = PI(f->region_len);
	p[6] = PI(YC_SEARCH_CANDIDATES);
}

enum yc_status yc_search_by_name(struct yc_db *db, struct yc_search_hits *h, const char *term,
                                 const struct yc_search_filter *f, int as, struct yc_error *e)
{
	int ncp = yc_search_chars(term, 3);
	if (ncp == 0)
		return YC_OK;
	const char *first;
	enum yc_stmt id;
	if (ncp == 1) { /* one character: names of matters only, by a scan of the matters */
		first = yc_like_contains(h->a, term);
		id = YC_STMT_SEARCH_MATTER_LIKE;
	} else if (ncp == 2) {
		first = yc_printf(h->a, "g:%s", term);
		id = YC_STMT_SEARCH_GRAM;
	} else if (strcmp(db->store->be->kind, "sqlite") == 0) {
		/* one FTS5 phrase: quotes doubled, so that no FTS syntax (OR, NEAR, *) takes effect
		 */
		char *q = yc_alloc(h->a, strlen(term) * 2 + 3), *w = q;
		*w++ = '"';
		for (const char *s = term; *s; s++) {
			if (*s == '"')
				*w++ = '"';
			*w++ = *s;
		}
		*w++ = '"';
		*w = '\0';
		first = q;
		id = YC_STMT_SEARCH_TRI;
	} else {
		first = yc_like_contains(h->a, term);
		id = YC_STMT_SEARCH_TRI;
	}
	/* the trigram and LIKE lookups also take the term itself ($8): FTS5 trigram and SQLite's
	 * LIKE fold ASCII case, so the exact substring is checked before the limit, not after it */
	struct yc_param p[8];
	params(p, h->a, first, f);
	p[7] = PT(term);
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, id == YC_STMT_SEARCH_GRAM ? 7 : 8, &r, e);
	if (st != YC_OK)
		return st;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		const char *name = q_text(&r, 3);
		if (!name || !strstr(name, term)) /* checked in SQL too */
			continue;
		struct yc_search_hit x;
		read_hit(&r, h->a, &x);
		yc_search_hits_add(h, &x, as >= 0 ? (enum yc_match)as : yc_search_how(name, term));
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_search_by_key(struct yc_db *db, struct yc_search_hits *h, const char *key,
                                const char *need, const struct yc_search_filter *f,
                                struct yc_error *e)
{
	struct yc_param p[7];
	params(p, h->a, key, f);
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_SEARCH_GRAM, p, 7, &r, e);
	if (st != YC_OK)
		return st;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		const char *ini = q_text(&r, 10);
		if (need && (!ini || !strstr(ini, need)))
			continue;
		struct yc_search_hit x;
		read_hit(&r, h->a, &x);
		yc_search_hits_add(h, &x, YC_MATCH_PINYIN);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_search_synonyms(struct yc_db *db, struct yc_arena *a, const char *q,
                                  const char *targets[YC_SEARCH_SYNONYMS], int *n,
                                  struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param sp[] = {PT(q)};
	enum yc_status st = q_run(db, YC_STMT_SYN_MATCH, sp, 1, &r, e);
	if (st != YC_OK)
		return st;
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < YC_SEARCH_SYNONYMS; ok = q_next(&r))
		targets[(*n)++] = q_str(&r, 1, a);
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_search_docs(struct yc_db *db, struct yc_arena *a, struct yc_search_hit **docs,
                              int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_SEARCH_ALL, NULL, 0, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*n = 0;
	*docs = NULL;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*docs = yc_grow(a, *docs, *n, &cap, sizeof **docs);
		read_hit(&r, a, &(*docs)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

/* search.c — catalog search: one index, two backends.
 *
 * Every published matter and active item has a row in search_docs. Names are found by
 *  - substrings of 3+ characters: SQLite FTS5 with the trigram tokenizer (search_fts MATCH), or
 *    PostgreSQL pg_trgm (LIKE '%…%' on a GIN trigram index) — the only backend difference, here;
 *  - 1- and 2-character queries (退休, 出生), which trigrams cannot find: search_grams "g:…";
 *  - pinyin initials prefixes ("kcg" → 开餐馆): search_grams "p:…";
 *  - synonyms kept by admin ("生孩子" → 新生儿出生): the target's name is searched as well.
 * Candidates of each source are merged in C and ranked: matters first, then exact, prefix,
 * contains, synonym, pinyin, then shorter names. */
#include "backend.h"

#include "../core/pinyin.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#define CANDIDATES 100
#define MAX_GRAMS  12

/* Byte lengths of each code point of s; returns the count (at most max). */
static int split_cp(const char *s, const char **starts, int *lens, int max)
{
	int n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n < max) {
		int k = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : 4;
		for (int i = 1; i < k; i++)
			if (!p[i]) /* truncated: stop */
				return n;
		starts[n] = (const char *)p;
		lens[n] = k;
		n++;
		p += k;
	}
	return n;
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
	const char *starts[256];
	int lens[256];
	int ncp = split_cp(d->name, starts, lens, 256);
	bool matter = strcmp(d->kind, "matter") == 0;
	struct yc_param p[] = {PT(d->kind),        PT(d->code),  PT(d->name), PT(initials),
	                       PT(d->audience),    PT(d->theme), PT(d->dept), PT(d->region),
	                       PI(matter ? 0 : 1), PI(ncp)};
	struct yc_rows r;
	if ((st = q_run(db, YC_STMT_SDOC_INSERT, p, NPARAM(p), &r, e)) != YC_OK)
		return st;
	int64_t id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	struct yc_param f[] = {PI(id), PT(d->name)};
	if ((st = q_exec(db, YC_STMT_SFTS_INSERT, f, 2, NULL, e)) != YC_OK)
		return st;
	/* Every key of the name in one statement (a JSON array of strings): 2-character pieces, the
	 * first one and two pinyin initials, every later two ("kc" in 我要开餐馆, wykcg) and every
	 * three consecutive initials. */
	json_t *grams = json_array();
	for (int i = 0; i + 1 < ncp; i++)
		json_array_append_new(
		    grams, json_string(yc_printf(a, "g:%.*s", lens[i] + lens[i + 1], starts[i])));
	size_t il = strlen(initials);
	for (size_t k = 1; k <= 2 && k <= il; k++)
		json_array_append_new(grams, json_string(yc_printf(a, "p:%.*s", (int)k, initials)));
	for (size_t at = 1; at + 2 <= il; at++)
		json_array_append_new(grams, json_string(yc_printf(a, "d:%.2s", initials + at)));
	for (size_t at = 0; at + 3 <= il; at++)
		json_array_append_new(grams, json_string(yc_printf(a, "q:%.3s", initials + at)));
	char *list = json_dumps(grams, JSON_COMPACT);
	json_decref(grams);
	if (!list)
		return yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	struct yc_param g[] = {PT(list), PI(id), PI(matter ? 0 : 1), PI(ncp)};
	st = q_exec(db, YC_STMT_SGRAM_INSERT, g, NPARAM(g), NULL, e);
	free(list);
	return st;
}

struct hits {
	struct yc_search_hit *v;
	int64_t n, cap;
	struct yc_arena *a;
};

static void add_hit(struct hits *h, struct yc_rows *r, enum yc_match m)
{
	int64_t id = q_int(r, 0);
	for (int64_t i = 0; i < h->n; i++)
		if (h->v[i].id == id) {
			if (m < h->v[i].match)
				h->v[i].match = m;
			return;
		}
	if (h->n == h->cap) {
		int64_t cap = h->cap ? h->cap * 2 : 64;
		struct yc_search_hit *nv = yc_alloc(h->a, sizeof *nv * (size_t)cap);
		if (h->n)
			memcpy(nv, h->v, sizeof *nv * (size_t)h->n);
		h->v = nv;
		h->cap = cap;
	}
	struct yc_search_hit *x = &h->v[h->n++];
	x->id = id;
	x->kind = q_str(r, 1, h->a);
	x->code = q_str(r, 2, h->a);
	x->name = q_str(r, 3, h->a);
	x->audience = q_str(r, 4, h->a);
	x->theme = q_str(r, 5, h->a);
	x->dept = q_str(r, 6, h->a);
	x->dept_name = q_str(r, 7, h->a);
	x->region = q_str(r, 8, h->a);
	x->region_name = q_str(r, 9, h->a);
	x->match = m;
}

/* How a name matches a term: exact, prefix or contains (the caller checked it contains it). */
static enum yc_match how(const char *name, const char *term)
{
	if (strcmp(name, term) == 0)
		return YC_MATCH_EXACT;
	if (strncmp(name, term, strlen(term)) == 0)
		return YC_MATCH_PREFIX;
	return YC_MATCH_CONTAINS;
}

/* Candidates whose name contains term, ranked as `as` (or by how they match when as < 0). */
static enum yc_status by_name(struct yc_db *db, struct hits *h, const char *term,
                              const struct yc_param *filters, int as, struct yc_error *e)
{
	const char *starts[128];
	int lens[128];
	int ncp = split_cp(term, starts, lens, 128);
	if (ncp == 0)
		return YC_OK;
	struct yc_param p[7];
	memcpy(p + 1, filters, sizeof *p * 5);
	p[6] = PI(CANDIDATES);
	enum yc_stmt id;
	if (ncp == 1) { /* one character: names of matters only, by a scan of the matters */
		p[0] = PT(yc_like_contains(h->a, term));
		id = YC_STMT_SEARCH_MATTER_LIKE;
	} else if (ncp == 2) {
		p[0] = PT(yc_printf(h->a, "g:%s", term));
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
		p[0] = PT(q);
		id = YC_STMT_SEARCH_TRI;
	} else {
		p[0] = PT(yc_like_contains(h->a, term));
		id = YC_STMT_SEARCH_TRI;
	}
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, 7, &r, e);
	if (st != YC_OK)
		return st;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		const char *name = q_text(&r, 3);
		if (!name ||
		    !strstr(name, term)) /* FTS5 trigram folds case: keep exact substrings */
			continue;
		add_hit(h, &r, as >= 0 ? (enum yc_match)as : how(name, term));
	}
	q_done(&r);
	return YC_OK;
}

static bool ascii_letters(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

static int rank_cmp(const void *x, const void *y)
{
	const struct yc_search_hit *a = x, *b = y;
	int ka = strcmp(a->kind, "matter") == 0 ? 0 : 1,
	    kb = strcmp(b->kind, "matter") == 0 ? 0 : 1;
	if (ka != kb)
		return ka - kb;
	if (a->match != b->match)
		return (int)a->match - (int)b->match;
	size_t la = strlen(a->name), lb = strlen(b->name);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a->code, b->code);
}

enum yc_status yc_search(struct yc_db *db, struct yc_arena *a, const struct yc_search_query *q,
                         const struct yc_page *pg, struct yc_search_hit **out, int64_t *n,
                         int64_t *total, struct yc_error *e)
{
	struct hits h = {.a = a};
	char prefix[13] = "";
	int plen = q->region ? yc_region_prefix(q->region, prefix) : 0;
	const struct yc_param filters[5] = {PT(q->audience), PT(q->theme), PT(q->dept),
	                                    PT(plen ? prefix : NULL), PI(plen)};
	/* Terms: the query split at white space; the longest one finds candidates, every one must
	 * be in the name. */
	char *copy = yc_strdup(a, q->q);
	for (char *w = copy; (w = strstr(w, "\xe3\x80\x80"));) /* full-width space */
		memcpy(w, "   ", 3);
	const char *terms[16];
	int nt = 0;
	for (char *save = NULL, *t = strtok_r(copy, " \t\r\n", &save); t && nt < 16;
	     t = strtok_r(NULL, " \t\r\n", &save))
		terms[nt++] = t;
	if (nt == 0) {
		*n = *total = 0;
		*out = NULL;
		return YC_OK;
	}
	const char *longest = terms[0];
	for (int i = 1; i < nt; i++)
		if (strlen(terms[i]) > strlen(longest))
			longest = terms[i];
	enum yc_status st = by_name(db, &h, longest, filters, -1, e);
	if (st != YC_OK)
		return st;
	if (nt == 1 && ascii_letters(longest) && strlen(longest) <= MAX_GRAMS) {
		char *lower = yc_strdup(a, longest);
		for (char *s = lower; *s; s++)
			if (*s >= 'A' && *s <= 'Z')
				*s = (char)(*s - 'A' + 'a');
		size_t ql = strlen(lower);
		/* up to two letters: the first initials of a name, then (two letters) the same two
		 * later in it; more: any three in a row, then the whole query must be in the
		 * initials */
		const char *keys[2] = {ql <= 2 ? yc_printf(a, "p:%s", lower)
		                               : yc_printf(a, "q:%.3s", lower),
		                       ql == 2 ? yc_printf(a, "d:%s", lower) : NULL};
		for (int k = 0; k < 2 && keys[k]; k++) {
			struct yc_param p[7];
			p[0] = PT(keys[k]);
			memcpy(p + 1, filters, sizeof filters);
			p[6] = PI(CANDIDATES);
			struct yc_rows r;
			if ((st = q_run(db, YC_STMT_SEARCH_GRAM, p, 7, &r, e)) != YC_OK)
				return st;
			for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
				const char *ini = q_text(&r, 10);
				if (ql > 3 && (!ini || !strstr(ini, lower)))
					continue;
				add_hit(&h, &r, YC_MATCH_PINYIN);
			}
			q_done(&r);
		}
	}
	/* synonyms whose term appears in the query */
	struct yc_rows r;
	struct yc_param sp[] = {PT(q->q)};
	if ((st = q_run(db, YC_STMT_SYN_MATCH, sp, 1, &r, e)) != YC_OK)
		return st;
	const char *targets[5];
	int ntg = 0;
	for (bool ok = q_has_row(&r); ok && ntg < 5; ok = q_next(&r))
		targets[ntg++] = q_str(&r, 1, a);
	q_done(&r);
	for (int i = 0; i < ntg; i++)
		if ((st = by_name(db, &h, targets[i], filters, YC_MATCH_SYNONYM, e)) != YC_OK)
			return st;
	/* every term must be in the name, unless the hit came by synonym or pinyin */
	int64_t k = 0;
	for (int64_t i = 0; i < h.n; i++) {
		bool keep = true;
		if (h.v[i].match <= YC_MATCH_CONTAINS)
			for (int t = 0; t < nt && keep; t++)
				keep = strstr(h.v[i].name, terms[t]) != NULL;
		if (keep)
			h.v[k++] = h.v[i];
	}
	h.n = k;
	if (h.n > 1)
		qsort(h.v, (size_t)h.n, sizeof *h.v, rank_cmp);
	*total = h.n;
	int64_t off = (pg->page - 1) * pg->per_page;
	*out = off < h.n ? h.v + off : NULL;
	*n = off < h.n ? (h.n - off < pg->per_page ? h.n - off : pg->per_page) : 0;
	return YC_OK;
}

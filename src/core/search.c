/* search.c — keys, plan, merge and ranking of a catalog search; see search.h. */
#include "search.h"

#include <stdlib.h>
#include <string.h>

int yc_search_cp(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int k = (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 1;
	return (int)strnlen(s, (size_t)k);
}

int yc_search_chars(const char *s, int max)
{
	int n = 0;
	for (; *s && n < max; n++)
		s += yc_search_cp(s);
	return n;
}

static const char *own(struct yc_arena *a, const char *s)
{
	return s ? yc_strdup(a, s) : NULL;
}

void yc_search_hit_own(struct yc_arena *a, struct yc_search_hit *x)
{
	const char **f[] = {&x->kind, &x->code,      &x->name,   &x->audience,    &x->theme,
	                    &x->dept, &x->dept_name, &x->region, &x->region_name, &x->initials};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		*f[i] = own(a, *f[i]);
}

bool yc_search_filter_ok(const struct yc_search_filter *f, const struct yc_search_hit *d)
{
	if (f->audience && (!d->audience || strcmp(d->audience, f->audience)))
		return false;
	if (f->theme && (!d->theme || strcmp(d->theme, f->theme)))
		return false;
	if (f->dept && (!d->dept || strcmp(d->dept, f->dept)))
		return false;
	if (f->region_len && (!d->region || strncmp(d->region, f->region, (size_t)f->region_len)))
		return false;
	return true;
}

int yc_search_keys(const char *name, const char *initials, yc_search_key_fn emit, void *ctx)
{
	char key[16];
	int n = 0;
	const char *p = name;
	while (*p) {
		int k1 = yc_search_cp(p), k2 = yc_search_cp(p + k1);
		if (!k2)
			break;
		memcpy(key, "g:", 2);
		memcpy(key + 2, p, (size_t)(k1 + k2));
		emit(key, (size_t)(2 + k1 + k2), ctx);
		n++;
		p += k1;
	}
	size_t il = strlen(initials);
	for (size_t k = 1; k <= 2 && k <= il; k++, n++) {
		memcpy(key, "p:", 2);
		memcpy(key + 2, initials, k);
		emit(key, 2 + k, ctx);
	}
	for (size_t at = 1; at + 2 <= il; at++, n++) {
		memcpy(key, "d:", 2);
		memcpy(key + 2, initials + at, 2);
		emit(key, 4, ctx);
	}
	for (size_t at = 0; at + 3 <= il; at++, n++) {
		memcpy(key, "q:", 2);
		memcpy(key + 2, initials + at, 3);
		emit(key, 5, ctx);
	}
	return n;
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

bool yc_search_plan(struct yc_arena *a, const char *q, struct yc_search_plan *p)
{
	memset(p, 0, sizeof *p);
	char *copy = yc_strdup(a, q);
	for (char *w = copy; (w = strstr(w, "\xe3\x80\x80"));) /* full-width space */
		memcpy(w, "   ", 3);
	for (char *save = NULL, *t = strtok_r(copy, " \t\r\n", &save);
	     t && p->nterms < YC_SEARCH_MAX_TERMS; t = strtok_r(NULL, " \t\r\n", &save))
		p->terms[p->nterms++] = t;
	if (p->nterms == 0)
		return false;
	p->longest = p->terms[0];
	for (int i = 1; i < p->nterms; i++)
		if (strlen(p->terms[i]) > strlen(p->longest))
			p->longest = p->terms[i];
	size_t ql = strlen(p->longest);
	if (p->nterms == 1 && ascii_letters(p->longest) && ql <= YC_SEARCH_MAX_PINYIN) {
		char *lower = yc_strdup(a, p->longest);
		for (char *s = lower; *s; s++)
			if (*s >= 'A' && *s <= 'Z')
				*s = (char)(*s - 'A' + 'a');
		/* up to two letters: the first initials of a name, then (two letters) the same two
		 * later in it; more: any three in a row, then the whole query must be in the
		 * initials */
		p->pinyin[0] =
		    ql <= 2 ? yc_printf(a, "p:%s", lower) : yc_printf(a, "q:%.3s", lower);
		p->pinyin[1] = ql == 2 ? yc_printf(a, "d:%s", lower) : NULL;
		p->need = ql > 3 ? lower : NULL;
	}
	return true;
}

enum yc_match yc_search_how(const char *name, const char *term)
{
	if (strcmp(name, term) == 0)
		return YC_MATCH_EXACT;
	if (strncmp(name, term, strlen(term)) == 0)
		return YC_MATCH_PREFIX;
	return YC_MATCH_CONTAINS;
}

void yc_search_hits_add(struct yc_search_hits *h, const struct yc_search_hit *d, enum yc_match m)
{
	for (int64_t i = 0; i < h->n; i++) {
		struct yc_search_hit *x = &h->v[i];
		if (x->id != d->id)
			continue;
		enum yc_match by_key = m > YC_MATCH_CONTAINS ? m : x->match;
		if (by_key > YC_MATCH_CONTAINS && (x->other < 0 || (int)by_key < x->other))
			x->other = (int)by_key;
		if (m < x->match)
			x->match = m;
		return;
	}
	h->v = yc_grow(h->a, h->v, h->n, &h->cap, sizeof *h->v);
	h->v[h->n] = *d;
	h->v[h->n].match = m;
	h->v[h->n++].other = m > YC_MATCH_CONTAINS ? (int)m : -1;
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

void yc_search_finish(struct yc_search_hits *h, const struct yc_search_plan *p, int64_t page,
                      int64_t per_page, struct yc_search_hit **out, int64_t *n, int64_t *total)
{
	/* every term must be in the name, unless the hit came by synonym or pinyin */
	int64_t k = 0;
	for (int64_t i = 0; i < h->n; i++) {
		struct yc_search_hit *x = &h->v[i];
		bool keep = true;
		if (x->match <= YC_MATCH_CONTAINS)
			for (int t = 0; t < p->nterms && keep; t++)
				keep = strstr(x->name, p->terms[t]) != NULL;
		if (!keep && x->other >= 0) { /* not by name, but by synonym or pinyin */
			x->match = (enum yc_match)x->other;
			keep = true;
		}
		if (keep)
			h->v[k++] = *x;
	}
	h->n = k;
	if (h->n > 1)
		qsort(h->v, (size_t)h->n, sizeof *h->v, rank_cmp);
	*total = h->n;
	int64_t off = (page > 1 ? page - 1 : 0) * per_page;
	*out = off < h->n ? h->v + off : NULL;
	*n = off < h->n ? (h->n - off < per_page ? h->n - off : per_page) : 0;
}

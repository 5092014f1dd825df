/* textindex.c — in-memory search documents and their key lists; see textindex.h.
 *
 * Keys are those of yc_search_keys() plus "u:" + each character of a matter's name (for queries
 * of one character). One open-addressing table maps a key to its list, a slice of one array of
 * document numbers; the build runs twice over the documents, first counting each key's documents,
 * then filling the slices, so every list is in document (id) order without sorting. */
#include "textindex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	const char *key;                /* in the index's arena; NULL: empty slot */
	uint32_t len, off, count, last; /* last: 1 + the last document counted or filled */
};

struct yc_tindex {
	struct yc_arena *a;
	struct yc_search_hit *docs;
	size_t ndocs;
	struct slot *slots;
	size_t nslots, used; /* nslots: a power of two */
	uint32_t *lists;
	size_t nlists;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static struct slot *find(const struct yc_tindex *ix, const char *key, size_t len)
{
	size_t mask = ix->nslots - 1;
	for (size_t i = hash(key, len) & mask;; i = (i + 1) & mask) {
		struct slot *s = &ix->slots[i];
		if (!s->key || (s->len == len && memcmp(s->key, key, len) == 0))
			return s;
	}
}

static bool grow(struct yc_tindex *ix)
{
	size_t n = ix->nslots ? ix->nslots * 2 : 1 << 16;
	struct slot *old = ix->slots;
	size_t nold = ix->nslots;
	ix->slots = calloc(n, sizeof *ix->slots);
	if (!ix->slots) {
		ix->slots = old;
		return false;
	}
	ix->nslots = n;
	for (size_t i = 0; i < nold; i++)
		if (old[i].key)
			*find(ix, old[i].key, old[i].len) = old[i];
	free(old);
	return true;
}

struct pass {
	struct yc_tindex *ix;
	uint32_t doc;
	bool fill, failed;
};

static void put_key(const char *key, size_t len, void *ctx)
{
	struct pass *p = ctx;
	struct yc_tindex *ix = p->ix;
	if (p->failed)
		return;
	struct slot *s = find(ix, key, len);
	if (!s->key) {
		if (p->fill) /* cannot happen: the first pass saw every key */
			return;
		if ((ix->used + 1) * 2 > ix->nslots) {
			if (!grow(ix)) {
				p->failed = true;
				return;
			}
			s = find(ix, key, len);
		}
		s->key = yc_strndup(ix->a, key, len);
		s->len = (uint32_t)len;
		ix->used++;
	}
	if (s->last == p->doc + 1) /* the same key twice in one name */
		return;
	s->last = p->doc + 1;
	if (p->fill)
		ix->lists[s->off + s->count++] = p->doc;
	else
		s->count++;
}

/* Calls emit with "t:" + every 3 characters in a row of s. */
static void trigrams(const char *s, yc_search_key_fn emit, void *ctx)
{
	for (const char *c = s; *c;) {
		size_t k1 = (size_t)yc_search_cp(c), k2 = (size_t)yc_search_cp(c + k1),
		       k3 = k2 ? (size_t)yc_search_cp(c + k1 + k2) : 0;
		if (!k3)
			return;
		char key[16] = "t:";
		memcpy(key + 2, c, k1 + k2 + k3);
		emit(key, 2 + k1 + k2 + k3, ctx);
		c += k1;
	}
}

/* Every key of document d: those of the store's index, every 3 characters in a row, and each
 * character of a matter's name. */
static void keys_of(const struct yc_search_hit *d, struct pass *p)
{
	yc_search_keys(d->name, d->initials ? d->initials : "", put_key, p);
	trigrams(d->name, put_key, p);
	if (strcmp(d->kind, "matter"))
		return;
	char key[8] = "u:";
	for (const char *c = d->name; *c;) {
		size_t have = (size_t)yc_search_cp(c);
		memcpy(key + 2, c, have);
		put_key(key, 2 + have, p);
		c += have;
	}
}

struct yc_tindex *yc_tindex_build(const struct yc_search_hit *docs, size_t n)
{
	if (n > INT32_MAX)
		return NULL;
	struct yc_tindex *ix = calloc(1, sizeof *ix);
	if (!ix)
		return NULL;
	ix->a = yc_arena_new();
	ix->docs = yc_alloc(ix->a, sizeof *ix->docs * (n ? n : 1));
	ix->ndocs = n;
	if (!grow(ix))
		return yc_tindex_free(ix), NULL;
	for (size_t i = 0; i < n; i++) {
		const struct yc_search_hit *d = &docs[i];
		struct yc_search_hit *c = &ix->docs[i];
		*c = *d;
		c->kind = d->kind ? d->kind : "item";
		c->code = d->code ? d->code : "";
		c->name = d->name ? d->name : "";
		c->initials = d->initials ? d->initials : "";
		c->match = YC_MATCH_CONTAINS;
		c->other = -1;
		yc_search_hit_own(ix->a, c);
	}
	struct pass p = {.ix = ix};
	for (size_t i = 0; i < n && !p.failed; i++) {
		p.doc = (uint32_t)i;
		keys_of(&ix->docs[i], &p);
	}
	if (p.failed)
		return yc_tindex_free(ix), NULL;
	for (size_t i = 0; i < ix->nslots; i++) {
		struct slot *s = &ix->slots[i];
		if (!s->key)
			continue;
		s->off = (uint32_t)ix->nlists;
		ix->nlists += s->count;
		s->count = 0;
		s->last = 0;
	}
	ix->lists = malloc(sizeof *ix->lists * (ix->nlists ? ix->nlists : 1));
	if (!ix->lists || ix->nlists > UINT32_MAX)
		return yc_tindex_free(ix), NULL;
	p.fill = true;
	for (size_t i = 0; i < n; i++) {
		p.doc = (uint32_t)i;
		keys_of(&ix->docs[i], &p);
	}
	return ix;
}

void yc_tindex_free(struct yc_tindex *ix)
{
	if (!ix)
		return;
	free(ix->lists);
	free(ix->slots);
	yc_arena_free(ix->a);
	free(ix);
}

size_t yc_tindex_docs(const struct yc_tindex *ix)
{
	return ix->ndocs;
}

size_t yc_tindex_bytes(const struct yc_tindex *ix)
{
	return sizeof *ix + yc_arena_size(ix->a) + ix->nslots * sizeof *ix->slots +
	       ix->nlists * sizeof *ix->lists;
}

static const struct slot *lookup(const struct yc_tindex *ix, const char *key, size_t len)
{
	const struct slot *s = find(ix, key, len);
	return s->key ? s : NULL;
}

void yc_tindex_key(const struct yc_tindex *ix, const char *key, yc_tindex_visit visit, void *ctx)
{
	const struct slot *s = lookup(ix, key, strlen(key));
	for (uint32_t i = 0; s && i < s->count; i++)
		if (!visit(&ix->docs[ix->lists[s->off + i]], ctx))
			return;
}

/* First position at or after `at` in list[0..n) holding a value >= x (galloping search). */
static uint32_t seek(const uint32_t *list, uint32_t n, uint32_t at, uint32_t x)
{
	uint32_t step = 1, lo = at, hi = at;
	while (hi < n && list[hi] < x) {
		lo = hi + 1;
		hi = at + step;
		step *= 2;
	}
	if (hi > n)
		hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (list[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The shortest lists of a long term narrow enough; the name check does the rest. */
#define MAX_LISTS 8

struct pieces {
	const struct yc_tindex *ix;
	const struct slot *v[MAX_LISTS]; /* the shortest lists, shortest first */
	int n;
	bool missing;
};

static void add_piece(const char *key, size_t len, void *ctx)
{
	struct pieces *pc = ctx;
	const struct slot *s = pc->missing ? NULL : lookup(pc->ix, key, len);
	if (!s) {
		pc->missing = true;
		return;
	}
	for (int i = 0; i < pc->n; i++)
		if (pc->v[i] == s) /* the same piece twice */
			return;
	int at;
	if (pc->n < MAX_LISTS)
		at = pc->n++;
	else if (s->count < pc->v[MAX_LISTS - 1]->count)
		at = MAX_LISTS - 1;
	else
		return;
	while (at > 0 && pc->v[at - 1]->count > s->count) {
		pc->v[at] = pc->v[at - 1];
		at--;
	}
	pc->v[at] = s;
}

void yc_tindex_contains(const struct yc_tindex *ix, const char *term, yc_tindex_visit visit,
                        void *ctx)
{
	int ncp = yc_search_chars(term, 3);
	size_t len = strlen(term);
	if (ncp == 0 || (ncp < 3 && len > 8))
		return;
	char key[16];
	if (ncp == 1) {
		memcpy(key, "u:", 2);
		memcpy(key + 2, term, len + 1);
		yc_tindex_key(ix, key, visit, ctx);
		return;
	}
	/* the lists of the term's pieces: itself (2 characters), else every 3 in a row */
	struct pieces pc = {.ix = ix};
	if (ncp == 2) {
		memcpy(key, "g:", 2);
		add_piece(key, 2 + len, (memcpy(key + 2, term, len), &pc));
	} else {
		trigrams(term, add_piece, &pc);
	}
	if (pc.missing || pc.n == 0)
		return; /* a piece no name has */
	/* leapfrog: every list's cursor moves to the largest document any cursor is at, until all
	 * agree (a document with every piece) or one runs out */
	uint32_t cur[MAX_LISTS] = {0};
	const uint32_t *list[MAX_LISTS];
	for (int l = 0; l < pc.n; l++)
		list[l] = ix->lists + pc.v[l]->off;
	uint32_t doc = list[0][0];
	for (;;) {
		bool all = true;
		for (int l = 0; l < pc.n && all; l++) {
			cur[l] = seek(list[l], pc.v[l]->count, cur[l], doc);
			if (cur[l] == pc.v[l]->count)
				return;
			if (list[l][cur[l]] != doc) {
				doc = list[l][cur[l]];
				all = false;
			}
		}
		if (!all)
			continue;
		const struct yc_search_hit *d = &ix->docs[doc];
		/* 2 and 3 characters: the piece is the term; longer: the pieces may be apart */
		if ((ncp == 2 || len == pc.v[0]->len - 2 || strstr(d->name, term)) &&
		    !visit(d, ctx))
			return;
		if (++cur[0] == pc.v[0]->count)
			return;
		doc = list[0][cur[0]];
	}
}

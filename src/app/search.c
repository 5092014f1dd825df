/* search.c — the public catalog search: the plan of src/core/search.c asked of one source.
 *
 * Two sources answer the same lookups: the store's indexes (FTS5 trigram / pg_trgm and the
 * 2-character keys, src/store/search.c) and the node's in-memory copy of the search documents
 * (src/core/textindex.c). The copy is made per catalog epoch by a builder thread of its own
 * (yc_app_search_start): a search that finds no copy of the current epoch asks the store and
 * wakes the builder, which reads every document in one read transaction — the epoch first, so the
 * documents are at least as new as the epoch the copy is labelled with — and makes the new copy
 * current; so no search waits for a build (110,000 documents take ~0.4 s). Without the builder
 * (not started, or it could not start) the first such search builds the copy itself, and the
 * others ask the store meanwhile. A copy is shared by reference: a search holds it from lookup to
 * the end of its hits, the last holder frees it. Off (yc_app_search_memory(false)): the store
 * alone. */
#include "app.h"

#include "../core/textindex.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct snapshot {
	int64_t epoch;
	atomic_int refs;
	struct yc_tindex *ix;
	struct yc_arena *a;     /* the synonyms */
	struct yc_synonym *syn; /* longest term first */
	int64_t nsyn;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct snapshot *current;
static atomic_bool building;
static atomic_bool memory_on = true;
/* the builder thread: woken with the newest epoch a search found no copy of */
static pthread_mutex_t wake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t builder;
static bool builder_on, stopping;
static int64_t wanted; /* 0: nothing to do */
static struct yc_store *builder_store;
/* for /metrics */
static atomic_llong n_builds, n_copy, n_store, build_us, copy_docs, copy_bytes, copy_epoch;

void yc_app_search_stats(struct yc_search_stats *st)
{
	*st = (struct yc_search_stats){.builds = atomic_load(&n_builds),
	                               .by_copy = atomic_load(&n_copy),
	                               .by_store = atomic_load(&n_store),
	                               .build_us = atomic_load(&build_us),
	                               .docs = atomic_load(&copy_docs),
	                               .bytes = atomic_load(&copy_bytes),
	                               .epoch = atomic_load(&copy_epoch)};
}

void yc_app_search_memory(bool on)
{
	atomic_store(&memory_on, on);
}

static void release(struct snapshot *s)
{
	if (s && atomic_fetch_sub(&s->refs, 1) == 1) {
		yc_tindex_free(s->ix);
		yc_arena_free(s->a);
		free(s);
	}
}

static struct snapshot *acquire(int64_t epoch)
{
	pthread_mutex_lock(&lock);
	struct snapshot *s = current && current->epoch == epoch ? current : NULL;
	if (s)
		atomic_fetch_add(&s->refs, 1);
	pthread_mutex_unlock(&lock);
	return s;
}

static int syn_cmp(const void *x, const void *y)
{
	const struct yc_synonym *a = x, *b = y;
	int la = yc_search_chars(a->term, 1000), lb = yc_search_chars(b->term, 1000);
	if (la != lb)
		return lb - la;
	return strcmp(a->term, b->term);
}

/* A copy of every search document at the transaction's epoch, made current; NULL (no error)
 * when another search is building one or memory ran out. */
static enum yc_status build(struct yc_db *db, struct snapshot **out, struct yc_error *e)
{
	*out = NULL;
	if (atomic_exchange(&building, true))
		return YC_OK;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct snapshot *s = calloc(1, sizeof *s);
	enum yc_status st = s ? YC_OK : yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	struct yc_arena *tmp = yc_arena_new();
	struct yc_search_hit *docs = NULL;
	int64_t n = 0;
	if (st == YC_OK) {
		s->a = yc_arena_new();
		atomic_init(&s->refs, 2); /* current's and the caller's */
		/* the epoch first: the documents read after it are at least as new */
		st = yc_store_epoch_in(db, false, &s->epoch, e);
	}
	if (st == YC_OK && s->epoch == 0) /* this transaction changed the catalog: no copy */
		st = YC_E_NOT_FOUND;
	if (st == YC_OK)
		st = yc_search_docs(db, tmp, &docs, &n, e);
	if (st == YC_OK)
		st = yc_synonym_list(db, s->a, &s->syn, &s->nsyn, e);
	if (st == YC_OK && !(s->ix = yc_tindex_build(docs, (size_t)n)))
		st = YC_E_NOT_FOUND; /* out of memory: the store answers */
	yc_arena_free(tmp);
	if (st != YC_OK) {
		if (s) {
			yc_tindex_free(s->ix);
			yc_arena_free(s->a);
			free(s);
		}
		atomic_store(&building, false);
		return st == YC_E_NOT_FOUND ? YC_OK : st;
	}
	if (s->nsyn > 1)
		qsort(s->syn, (size_t)s->nsyn, sizeof *s->syn, syn_cmp);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	atomic_fetch_add(&n_builds, 1);
	atomic_store(&build_us, (long long)((t1.tv_sec - t0.tv_sec) * 1000000 +
	                                    (t1.tv_nsec - t0.tv_nsec) / 1000));
	atomic_store(&copy_docs, (long long)yc_tindex_docs(s->ix));
	atomic_store(&copy_bytes, (long long)yc_tindex_bytes(s->ix));
	atomic_store(&copy_epoch, (long long)s->epoch);
	pthread_mutex_lock(&lock);
	struct snapshot *old = current;
	if (old && old->epoch > s->epoch) { /* a newer one came meanwhile: keep it */
		pthread_mutex_unlock(&lock);
		atomic_store(&s->refs, 1);
	} else {
		current = s;
		pthread_mutex_unlock(&lock);
		release(old);
	}
	atomic_store(&building, false);
	*out = s;
	return YC_OK;
}

static enum yc_status build_tx(struct yc_db *db, void *ctx, struct yc_error *e)
{
	struct snapshot **out = ctx;
	release(*out); /* a retried transaction */
	*out = NULL;
	return build(db, out, e);
}

static void *builder_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&wake_lock);
	for (;;) {
		while (!wanted && !stopping)
			pthread_cond_wait(&wake, &wake_lock);
		if (stopping)
			break;
		int64_t epoch = wanted;
		wanted = 0;
		pthread_mutex_unlock(&wake_lock);
		pthread_mutex_lock(&lock);
		bool have = current && current->epoch >= epoch; /* made meanwhile, or newer */
		pthread_mutex_unlock(&lock);
		if (!have) {
			struct snapshot *made = NULL;
			struct yc_error e = {0};
			yc_store_tx(builder_store, YC_TX_READ, build_tx, &made, &e);
			release(made);
		}
		pthread_mutex_lock(&wake_lock);
	}
	pthread_mutex_unlock(&wake_lock);
	return NULL;
}

/* Ask the builder for a copy at epoch (or newer); false when there is no builder. */
static bool want(int64_t epoch)
{
	pthread_mutex_lock(&wake_lock);
	bool on = builder_on;
	if (on && epoch > wanted) {
		wanted = epoch;
		pthread_cond_signal(&wake);
	}
	pthread_mutex_unlock(&wake_lock);
	return on;
}

void yc_app_search_start(struct yc_store *s)
{
	pthread_mutex_lock(&wake_lock);
	if (!builder_on && atomic_load(&memory_on)) {
		builder_store = s;
		stopping = false;
		builder_on = pthread_create(&builder, NULL, builder_main, NULL) == 0;
	}
	pthread_mutex_unlock(&wake_lock);
}

void yc_app_search_stop(void)
{
	pthread_mutex_lock(&wake_lock);
	bool on = builder_on;
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&wake_lock);
	if (on)
		pthread_join(builder, NULL);
	pthread_mutex_lock(&wake_lock);
	builder_on = false;
	builder_store = NULL;
	wanted = 0;
	pthread_mutex_unlock(&wake_lock);
	pthread_mutex_lock(&lock);
	struct snapshot *old = current;
	current = NULL;
	pthread_mutex_unlock(&lock);
	release(old);
}

/* ---- the two sources ---- */

struct source {
	struct yc_db *db;
	struct snapshot *snap; /* NULL: the store */
	const struct yc_search_filter *f;
};

struct collect {
	struct yc_search_hits *h;
	const struct yc_search_filter *f;
	const char *term, *need;
	int as, taken;
};

static bool take(const struct yc_search_hit *d, void *ctx)
{
	struct collect *c = ctx;
	if (!yc_search_filter_ok(c->f, d))
		return true;
	/* like the store: the limit counts what passes the filters, the initials check comes after
	 */
	c->taken++;
	if (!c->need || strstr(d->initials, c->need))
		yc_search_hits_add(
		    c->h, d,
		    c->term ? (c->as >= 0 ? (enum yc_match)c->as : yc_search_how(d->name, c->term))
		            : YC_MATCH_PINYIN);
	return c->taken < YC_SEARCH_CANDIDATES;
}

static enum yc_status by_name(struct source *src, struct yc_search_hits *h, const char *term,
                              int as, struct yc_error *e)
{
	if (!src->snap)
		return yc_search_by_name(src->db, h, term, src->f, as, e);
	struct collect c = {.h = h, .f = src->f, .term = term, .as = as};
	yc_tindex_contains(src->snap->ix, term, take, &c);
	return YC_OK;
}

static enum yc_status by_key(struct source *src, struct yc_search_hits *h, const char *key,
                             const char *need, struct yc_error *e)
{
	if (!src->snap)
		return yc_search_by_key(src->db, h, key, need, src->f, e);
	struct collect c = {.h = h, .f = src->f, .need = need, .as = -1};
	yc_tindex_key(src->snap->ix, key, take, &c);
	return YC_OK;
}

static enum yc_status synonyms(struct source *src, struct yc_arena *a, const char *q,
                               const char *targets[YC_SEARCH_SYNONYMS], int *n, struct yc_error *e)
{
	if (!src->snap)
		return yc_search_synonyms(src->db, a, q, targets, n, e);
	*n = 0;
	for (int64_t i = 0; i < src->snap->nsyn && *n < YC_SEARCH_SYNONYMS; i++)
		if (strstr(q, src->snap->syn[i].term))
			targets[(*n)++] = src->snap->syn[i].target;
	return YC_OK;
}

/* The plan asked of src; *out is the page, its strings in a. */
static enum yc_status run(struct source *src, struct yc_arena *a, const struct yc_search_query *q,
                          const struct yc_search_plan *plan, int64_t page, int64_t per_page,
                          struct yc_search_hit **out, int64_t *n, int64_t *total,
                          struct yc_error *e)
{
	struct yc_search_hits h = {.a = a};
	enum yc_status st = by_name(src, &h, plan->longest, -1, e);
	for (int k = 0; st == YC_OK && k < 2 && plan->pinyin[k]; k++)
		st = by_key(src, &h, plan->pinyin[k], plan->need, e);
	const char *targets[YC_SEARCH_SYNONYMS];
	int ntg = 0;
	if (st == YC_OK)
		st = synonyms(src, a, q->q, targets, &ntg, e);
	for (int i = 0; st == YC_OK && i < ntg; i++)
		st = by_name(src, &h, targets[i], YC_MATCH_SYNONYM, e);
	if (st != YC_OK)
		return st;
	yc_search_finish(&h, plan, page, per_page, out, n, total);
	if (src->snap) /* the page's strings outlive the copy */
		for (int64_t i = 0; i < *n; i++)
			yc_search_hit_own(a, &(*out)[i]);
	return YC_OK;
}

static void filter_of(const struct yc_search_query *q, struct yc_search_filter *f)
{
	*f = (struct yc_search_filter){.audience = q->audience, .theme = q->theme, .dept = q->dept};
	f->region_len = q->region ? yc_region_prefix(q->region, f->region) : 0;
}

void yc_app_search_copy(int64_t epoch, struct yc_arena *a, const struct yc_search_query *q,
                        int64_t page, int64_t per_page, struct yc_search_hit **out, int64_t *n,
                        int64_t *total, bool *done)
{
	*done = false;
	if (!atomic_load(&memory_on))
		return;
	struct source src = {0};
	if (!(src.snap = acquire(epoch))) {
		want(epoch);
		return;
	}
	struct yc_search_filter f;
	filter_of(q, &f);
	src.f = &f;
	struct yc_search_plan plan;
	*out = NULL;
	*n = *total = 0;
	*done = !yc_search_plan(a, q->q, &plan) ||
	        run(&src, a, q, &plan, page, per_page, out, n, total, NULL) == YC_OK;
	release(src.snap);
	if (*done)
		atomic_fetch_add(&n_copy, 1);
}

enum yc_status yc_app_search(struct yc_db *db, struct yc_arena *a, const struct yc_search_query *q,
                             int64_t page, int64_t per_page, struct yc_search_hit **out, int64_t *n,
                             int64_t *total, struct yc_error *e)
{
	*out = NULL;
	*n = *total = 0;
	struct yc_search_plan plan;
	if (!yc_search_plan(a, q->q, &plan))
		return YC_OK;
	struct yc_search_filter f;
	filter_of(q, &f);
	struct source src = {.db = db, .f = &f};
	enum yc_status st;
	if (atomic_load(&memory_on)) {
		int64_t epoch = 0;
		if ((st = yc_store_epoch_in(db, true, &epoch, e)) != YC_OK)
			return st;
		if (epoch && !(src.snap = acquire(epoch)) && !want(epoch) &&
		    (st = build(db, &src.snap, e)) != YC_OK)
			return st;
	}
	st = run(&src, a, q, &plan, page, per_page, out, n, total, e);
	atomic_fetch_add(src.snap ? &n_copy : &n_store, 1);
	release(src.snap);
	return st;
}

/* metrics.c — request counters and latency histograms per route, in Prometheus text format.
 *
 * Counters are per process (each node is scraped on its own, as Prometheus expects); they are
 * plain atomics updated when a request completes. */
#include "http.h"

#include "../app/app.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define MAX_ROUTES 128
#define NSTATUS    16
#define NBUCKETS   12

static const int statuses[NSTATUS] = {200, 201, 204, 304, 400, 401, 403, 404,
                                      405, 409, 413, 423, 429, 500, 503, 0};
static const double buckets[NBUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                         0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

/* Slot MAX_ROUTES - 1 holds requests with no route (static files and 404s). */
static atomic_uint_fast64_t count[MAX_ROUTES][NSTATUS];
static atomic_uint_fast64_t hist[MAX_ROUTES][NBUCKETS + 1];
static atomic_uint_fast64_t sum_us[MAX_ROUTES];

static int slot(int route)
{
	return (route >= 0 && route < MAX_ROUTES - 1) ? route : MAX_ROUTES - 1;
}

void yc_metrics_record(int route, int status, double seconds)
{
	int s = slot(route), k = NSTATUS - 1;
	for (int i = 0; i < NSTATUS - 1; i++)
		if (statuses[i] == status) {
			k = i;
			break;
		}
	atomic_fetch_add(&count[s][k], 1);
	int b = 0;
	while (b < NBUCKETS && seconds > buckets[b])
		b++;
	atomic_fetch_add(&hist[s][b], 1);
	atomic_fetch_add(&sum_us[s], (uint64_t)(seconds * 1e6));
}

struct buf {
	char *p;
	size_t len, cap;
	struct yc_arena *a;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = yc_vprintf(b->a, fmt, ap);
	va_end(ap);
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16384;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *np = yc_alloc(b->a, cap);
		if (b->len)
			memcpy(np, b->p, b->len);
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n + 1);
	b->len += n;
}

static const char *route_label(int s)
{
	return s < yc_route_count ? yc_routes[s].path : "other";
}

static const char *method_label(int s)
{
	return s < yc_route_count ? yc_routes[s].method : "any";
}

char *yc_metrics_text(struct yc_arena *a, size_t *len)
{
	struct buf b = {.a = a};
	put(&b, "# HELP yici_http_requests_total HTTP requests by route and status.\n"
	        "# TYPE yici_http_requests_total counter\n");
	for (int s = 0; s < MAX_ROUTES; s++) {
		if (s >= yc_route_count && s != MAX_ROUTES - 1)
			continue;
		for (int k = 0; k < NSTATUS; k++) {
			uint64_t v = atomic_load(&count[s][k]);
			if (!v)
				continue;
			char st[8];
			if (statuses[k])
				snprintf(st, sizeof st, "%d", statuses[k]);
			else
				snprintf(st, sizeof st, "other");
			put(&b,
			    "yici_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} "
			    "%llu\n",
			    method_label(s), route_label(s), st, (unsigned long long)v);
		}
	}
	put(&b, "# HELP yici_http_request_duration_seconds Time from first byte to answer.\n"
	        "# TYPE yici_http_request_duration_seconds histogram\n");
	for (int s = 0; s < MAX_ROUTES; s++) {
		if (s >= yc_route_count && s != MAX_ROUTES - 1)
			continue;
		uint64_t total = 0;
		for (int i = 0; i <= NBUCKETS; i++)
			total += atomic_load(&hist[s][i]);
		if (!total)
			continue;
		uint64_t cum = 0;
		for (int i = 0; i < NBUCKETS; i++) {
			cum += atomic_load(&hist[s][i]);
			put(&b,
			    "yici_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\","
			    "le=\"%g\"} "
			    "%llu\n",
			    method_label(s), route_label(s), buckets[i], (unsigned long long)cum);
		}
		put(&b,
		    "yici_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\",le=\"+"
		    "Inf\"} "
		    "%llu\n",
		    method_label(s), route_label(s), (unsigned long long)total);
		put(&b, "yici_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n",
		    method_label(s), route_label(s), (double)atomic_load(&sum_us[s]) / 1e6);
		put(&b,
		    "yici_http_request_duration_seconds_count{method=\"%s\",route=\"%s\"} %llu\n",
		    method_label(s), route_label(s), (unsigned long long)total);
	}
	put(&b,
	    "# HELP yici_store_errors_total Database errors seen by this process.\n"
	    "# TYPE yici_store_errors_total counter\n"
	    "yici_store_errors_total %llu\n",
	    (unsigned long long)yc_store_error_count());
	struct yc_search_stats ss;
	yc_app_search_stats(&ss);
	put(&b,
	    "# HELP yici_search_answers_total Public searches by what answered them (the in-memory "
	    "copy or the database).\n"
	    "# TYPE yici_search_answers_total counter\n"
	    "yici_search_answers_total{source=\"copy\"} %lld\n"
	    "yici_search_answers_total{source=\"store\"} %lld\n"
	    "# HELP yici_search_copy_builds_total In-memory copies of the search documents made.\n"
	    "# TYPE yici_search_copy_builds_total counter\n"
	    "yici_search_copy_builds_total %lld\n"
	    "# HELP yici_search_copy_documents Documents in the last copy made.\n"
	    "# TYPE yici_search_copy_documents gauge\n"
	    "yici_search_copy_documents %lld\n"
	    "# HELP yici_search_copy_bytes Memory held by the last copy made.\n"
	    "# TYPE yici_search_copy_bytes gauge\n"
	    "yici_search_copy_bytes %lld\n"
	    "# HELP yici_search_copy_build_seconds Time the last copy took to make.\n"
	    "# TYPE yici_search_copy_build_seconds gauge\n"
	    "yici_search_copy_build_seconds %.6f\n"
	    "# HELP yici_search_copy_epoch Catalog epoch of the last copy made.\n"
	    "# TYPE yici_search_copy_epoch gauge\n"
	    "yici_search_copy_epoch %lld\n",
	    ss.by_copy, ss.by_store, ss.builds, ss.docs, ss.bytes, (double)ss.build_us / 1e6,
	    ss.epoch);
	*len = b.len;
	return b.p;
}

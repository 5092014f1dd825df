/* calendar.c — the working-day calendar as a use case: setting a year (checked, normalized,
 * audited), importing a document of years (yici demo), and working-day arithmetic over the years
 * in the store, for the API and for other modules (case deadlines). See app.h and
 * docs/calendar.md. */
#include "app.h"

#include "../core/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* A stored row read back into a year; a document the core cannot read is a fault of the store. */
static enum yc_status row_year(struct yc_arena *a, const struct yc_calendar_row *row,
                               struct yc_cal_year *y, struct yc_error *e)
{
	json_t *doc = row->doc ? json_loads(row->doc, 0, NULL) : NULL;
	struct yc_problems p;
	yc_problems_init(&p, a);
	bool ok = doc && yc_cal_year_read((int)row->year, doc, "", a, y, &p);
	json_decref(doc);
	if (!ok)
		return yc_fail(
		    e, YC_E_INTERNAL, NULL,
		    yc_printf(a, "存储的 %lld 年工作日历无法读取", (long long)row->year));
	return YC_OK;
}

/* The stored years, parsed, kept per catalog epoch (calendar writes raise it): a request that
 * needs the calendar copies these few hundred days instead of reading and parsing every year's
 * document again. One per process, guarded by its lock; replaced when the epoch moves. */
static struct {
	pthread_mutex_t lock;
	int64_t epoch; /* 0: nothing kept */
	struct yc_arena *a;
	struct yc_cal_year *years;
	int n;
} kept = {.lock = PTHREAD_MUTEX_INITIALIZER};

static struct yc_cal_year *copy_years(struct yc_arena *a, const struct yc_cal_year *v, int n)
{
	struct yc_cal_year *out = yc_alloc(a, sizeof *out * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		out[i] = v[i];
		out[i].holidays = yc_alloc(a, sizeof(yc_day) * (size_t)(v[i].nholidays + 1));
		out[i].workdays = yc_alloc(a, sizeof(yc_day) * (size_t)(v[i].nworkdays + 1));
		memcpy(out[i].holidays, v[i].holidays, sizeof(yc_day) * (size_t)v[i].nholidays);
		memcpy(out[i].workdays, v[i].workdays, sizeof(yc_day) * (size_t)v[i].nworkdays);
	}
	return out;
}

/* The kept years of `epoch` copied into a; false when another epoch (or none) is kept. */
static bool kept_years(int64_t epoch, struct yc_arena *a, struct yc_cal_year **v, int *n)
{
	pthread_mutex_lock(&kept.lock);
	bool hit = epoch && kept.epoch == epoch;
	if (hit) {
		*v = copy_years(a, kept.years, kept.n);
		*n = kept.n;
	}
	pthread_mutex_unlock(&kept.lock);
	return hit;
}

static void keep_years(int64_t epoch, const struct yc_cal_year *v, int n)
{
	struct yc_arena *a = yc_arena_new();
	struct yc_cal_year *copy = copy_years(a, v, n);
	pthread_mutex_lock(&kept.lock);
	struct yc_arena *old = kept.a;
	kept.a = a;
	kept.years = copy;
	kept.n = n;
	kept.epoch = epoch;
	pthread_mutex_unlock(&kept.lock);
	if (old)
		yc_arena_free(old);
}

enum yc_status yc_app_calendar(struct yc_db *db, struct yc_arena *a, struct yc_calendar **out,
                               struct yc_error *e)
{
	struct yc_cal_year *years = NULL;
	int ny = 0;
	int64_t epoch = 0;
	enum yc_status st = yc_store_epoch_in(db, true, &epoch, e);
	if (st != YC_OK)
		return st;
	if (!kept_years(epoch, a, &years, &ny)) {
		/* read in this transaction's snapshot, and keep under the snapshot's own epoch (the
		 * node may have heard of a newer one already) */
		if ((st = yc_store_epoch_in(db, false, &epoch, e)) != YC_OK)
			return st;
		struct yc_calendar_row *rows;
		int64_t n = 0;
		if ((st = yc_calendar_list(db, a, &rows, &n, e)) != YC_OK)
			return st;
		years = yc_alloc(a, sizeof *years * (size_t)(n ? n : 1));
		for (int64_t i = 0; i < n; i++)
			if ((st = row_year(a, &rows[i], &years[ny++], e)) != YC_OK)
				return st;
		if (epoch)
			keep_years(epoch, years, ny);
	}
	struct yc_calendar *c = yc_cal_new(a);
	for (int i = 0; i < ny; i++)
		yc_cal_set(c, &years[i]);
	*out = c;
	return YC_OK;
}

enum yc_status yc_app_workdays_add(struct yc_db *db, struct yc_arena *a, yc_day from, int64_t n,
                                   const struct yc_cal_period *susp, int nsusp, yc_day *out,
                                   struct yc_error *e)
{
	struct yc_calendar *c;
	enum yc_status st = yc_app_calendar(db, a, &c, e);
	return st == YC_OK ? yc_cal_add_excl(c, from, n, susp, nsusp, out, e) : st;
}

enum yc_status yc_app_workdays_between(struct yc_db *db, struct yc_arena *a, yc_day from, yc_day to,
                                       const struct yc_cal_period *susp, int nsusp, int64_t *days,
                                       struct yc_error *e)
{
	struct yc_calendar *c;
	enum yc_status st = yc_app_calendar(db, a, &c, e);
	return st == YC_OK ? yc_cal_between_excl(c, from, to, susp, nsusp, days, e) : st;
}

json_t *yc_app_calendar_json(const struct yc_calendar_row *row)
{
	json_t *doc = row->doc ? json_loads(row->doc, 0, NULL) : NULL;
	json_t *h = json_object_get(doc, "holidays"), *w = json_object_get(doc, "workdays");
	h = h ? json_incref(h) : json_array();
	w = w ? json_incref(w) : json_array();
	char at[24];
	yc_time_iso(row->updated_at, at);
	json_t *v =
	    json_pack("{s:I, s:o, s:o, s:s, s:s?}", "year", (json_int_t)row->year, "holidays", h,
	              "workdays", w, "updated_at", at, "updated_by", row->updated_by_name);
	json_decref(doc);
	return v;
}

/* Store year y (already checked) and audit it with the former document. */
static enum yc_status put_year(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                               int64_t now, const struct yc_cal_year *y, struct yc_error *e)
{
	struct yc_calendar_row old;
	bool found = false;
	enum yc_status st = yc_calendar_get(db, a, y->year, &old, &found, e);
	if (st != YC_OK)
		return st;
	json_t *after = yc_cal_year_json(y);
	char *text = json_dumps(after, JSON_COMPACT);
	json_t *before = found ? json_loads(old.doc, 0, NULL) : NULL;
	st = text ? yc_calendar_put(db, y->year, text, who->id, now, e)
	          : yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	if (st == YC_OK)
		st = yc_app_audit(db, a, who, now, "calendar.set", "calendar",
		                  yc_printf(a, "%d", y->year), NULL, before, after, e);
	free(text);
	json_decref(after);
	json_decref(before);
	return st;
}

enum yc_status yc_app_calendar_set(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, int year, const json_t *doc, struct yc_problems *p,
                                   struct yc_calendar_row *out, struct yc_error *e)
{
	struct yc_cal_year y;
	if (!yc_cal_year_read(year, doc, "", a, &y, p))
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               p->n == 1 ? p->v[0].message
		                         : yc_printf(a, "共发现 %d 个问题，请逐条修正", p->n));
	enum yc_status st = put_year(db, a, who, now, &y, e);
	bool found = false;
	if (st == YC_OK)
		st = yc_calendar_get(db, a, year, out, &found, e);
	if (st == YC_OK && !found)
		st = yc_fail(e, YC_E_INTERNAL, NULL, NULL);
	return st;
}

enum yc_status yc_app_calendar_import(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_actor *who, int64_t now, const json_t *doc,
                                      bool replace, struct yc_problems *p, int *added,
                                      struct yc_error *e)
{
	*added = 0;
	struct yc_cal_year *years;
	int n = 0;
	if (!yc_cal_years_read(doc, a, &years, &n, p))
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "工作日历文件有 %d 个问题：%s", p->n, p->v[0].message));
	for (int i = 0; i < n; i++) {
		struct yc_calendar_row old;
		bool found = false;
		enum yc_status st = yc_calendar_get(db, a, years[i].year, &old, &found, e);
		if (st == YC_OK && (replace || !found)) {
			st = put_year(db, a, who, now, &years[i], e);
			*added += st == YC_OK;
		}
		if (st != YC_OK)
			return st;
	}
	return YC_OK;
}

/* calendar.c — the working-day calendar years in the store: one row per year with its normalized
 * document of official holidays and make-up working days. The store does not read the documents;
 * src/core/calendar.c does. */
#include "backend.h"

#include <string.h>

static void read_row(struct yc_rows *r, struct yc_arena *a, struct yc_calendar_row *c)
{
	c->year = q_int(r, 0);
	c->doc = q_str(r, 1, a);
	c->updated_at = q_int(r, 2);
	c->updated_by = q_int(r, 3);
	c->updated_by_name = q_str(r, 4, a);
}

enum yc_status yc_calendar_put(struct yc_db *db, int64_t year, const char *doc, int64_t by,
                               int64_t now, struct yc_error *e)
{
	struct yc_param p[] = {PI(year), PT(doc), PI(now), PI(by)};
	yc_store_touch(
	    db); /* the nodes' parsed calendars are kept per epoch (src/app/calendar.c) */
	return q_exec(db, YC_STMT_CALENDAR_PUT, p, NPARAM(p), NULL, e);
}

enum yc_status yc_calendar_get(struct yc_db *db, struct yc_arena *a, int64_t year,
                               struct yc_calendar_row *out, bool *found, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(year)};
	enum yc_status st = q_run(db, YC_STMT_CALENDAR_GET, p, NPARAM(p), &r, e);
	if (st == YC_OK) {
		*found = q_has_row(&r);
		if (*found)
			read_row(&r, a, out);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_calendar_list(struct yc_db *db, struct yc_arena *a, struct yc_calendar_row **rows,
                                int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_CALENDAR_LIST, NULL, 0, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 8;
	*rows = yc_alloc(a, sizeof **rows * (size_t)cap);
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		if (*n == cap) {
			struct yc_calendar_row *nv = yc_alloc(a, sizeof *nv * (size_t)(cap * 2));
			memcpy(nv, *rows, sizeof *nv * (size_t)cap);
			*rows = nv;
			cap *= 2;
		}
		read_row(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

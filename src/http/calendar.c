/* calendar.c — the working-day calendar endpoints (docs/calendar.md): a province admin sets a year
 * (PUT /api/v1/calendar/{year}); anyone logged in reads the years and asks for the n-th working
 * day after a date or the working days between two dates. The years are read from the store on
 * every request (at most 100 small rows), so every node answers from the same calendar at once. */
#include "http.h"

#include "../app/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cal_ctx {
	struct yc_req *r;
	int year;
	yc_day from, to;
	int64_t n;
	struct yc_cal_period *susp;
	int nsusp;
	bool add; /* add (from, n) rather than between (from, to) */
	struct yc_problems p;
	json_t *out;
};

/* The {year} of the path: four digits within the years a calendar can hold. */
static enum yc_status path_year(struct yc_req *r, int *year, struct yc_error *e)
{
	const char *s = r->nparams > 0 ? r->params[0] : "";
	int y = 0;
	bool ok = strlen(s) == 4;
	for (int i = 0; ok && i < 4; i++) {
		ok = s[i] >= '0' && s[i] <= '9';
		y = y * 10 + (s[i] - '0');
	}
	if (!ok || y < YC_CAL_YEAR_MIN || y > YC_CAL_YEAR_MAX)
		return yc_fail(e, YC_E_BAD_INPUT, "year",
		               yc_printf(r->a, "年份应为 %d 至 %d 之间的四位数字", YC_CAL_YEAR_MIN,
		                         YC_CAL_YEAR_MAX));
	*year = y;
	return YC_OK;
}

/* ---- query arguments ---- */

struct known_args {
	const char *const *names;
	const char *unknown; /* the first argument not in names */
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
	(void)kind;
	(void)value;
	struct known_args *k = cls;
	for (const char *const *n = k->names; *n; n++)
		if (strcmp(*n, key) == 0)
			return MHD_YES;
	k->unknown = key;
	return MHD_NO;
}

static enum yc_status only_args(struct yc_req *r, const char *const *names, struct yc_error *e)
{
	struct known_args k = {.names = names};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &k);
	if (k.unknown)
		return yc_fail(e, YC_E_BAD_INPUT, yc_strdup(r->a, k.unknown), "不认识的查询参数");
	return YC_OK;
}

static enum yc_status date_arg(struct yc_req *r, const char *name, yc_day *out, struct yc_error *e)
{
	const char *s = yc_query(r, name);
	if (!s)
		return yc_fail(e, YC_E_BAD_INPUT, name, "缺少日期参数（YYYY-MM-DD）");
	if (!yc_day_parse(s, out))
		return yc_fail(e, YC_E_BAD_INPUT, name, "日期应为 YYYY-MM-DD 格式的真实日期");
	return YC_OK;
}

/* days: a decimal integer 0..YC_CAL_MAX_DAYS, digits only. */
static enum yc_status days_arg(struct yc_req *r, int64_t *out, struct yc_error *e)
{
	const char *s = yc_query(r, "days");
	const char *why = yc_printf(r->a, "工作日数应为 0 至 %d 的整数", YC_CAL_MAX_DAYS);
	if (!s)
		return yc_fail(e, YC_E_BAD_INPUT, "days", why);
	size_t len = strlen(s);
	bool digits = len > 0 && len <= 9;
	for (size_t i = 0; digits && i < len; i++)
		digits = s[i] >= '0' && s[i] <= '9';
	if (!digits)
		return yc_fail(e, YC_E_BAD_INPUT, "days", why);
	long v = strtol(s, NULL, 10);
	if (v > YC_CAL_MAX_DAYS)
		return yc_fail(e, YC_E_BAD_INPUT, "days", why);
	*out = v;
	return YC_OK;
}

/* ---- handlers ---- */

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct cal_ctx *c = vctx;
	struct yc_calendar_row *rows;
	int64_t n = 0;
	enum yc_status st = yc_calendar_list(db, c->r->a, &rows, &n, e);
	if (st != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < n; i++)
		json_array_append_new(items, yc_app_calendar_json(&rows[i]));
	c->out = json_pack("{s:o}", "items", items);
	return YC_OK;
}

enum yc_status yc_h_calendar_list(struct yc_req *r, struct yc_error *e)
{
	struct cal_ctx c = {.r = r};
	enum yc_status st = yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct cal_ctx *c = vctx;
	struct yc_calendar_row row;
	bool found = false;
	enum yc_status st = yc_calendar_get(db, c->r->a, c->year, &row, &found, e);
	if (st == YC_OK && !found)
		return yc_fail(e, YC_E_NOT_FOUND, "year",
		               yc_printf(c->r->a, "%d 年的工作日历尚未设置", c->year));
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "calendar", yc_app_calendar_json(&row));
	return st;
}

enum yc_status yc_h_calendar_get(struct yc_req *r, struct yc_error *e)
{
	struct cal_ctx c = {.r = r};
	enum yc_status st = path_year(r, &c.year, e);
	if (st == YC_OK)
		st = yc_store_tx(r->store, YC_TX_READ, get_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status put_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct cal_ctx *c = vctx;
	yc_problems_init(&c->p, c->r->a); /* the callback may run again after a conflict */
	struct yc_actor who = yc_actor_of(c->r);
	struct yc_calendar_row row;
	enum yc_status st =
	    yc_app_calendar_set(db, c->r->a, &who, c->r->now, c->year, c->r->json, &c->p, &row, e);
	if (st == YC_OK)
		c->out = json_pack("{s:o}", "calendar", yc_app_calendar_json(&row));
	return st;
}

enum yc_status yc_h_calendar_put(struct yc_req *r, struct yc_error *e)
{
	struct cal_ctx c = {.r = r};
	enum yc_status st = path_year(r, &c.year, e);
	if (st != YC_OK)
		return st;
	/* The calendar is national (State Council notices) and the same for every region: only an
	 * admin whose scope is a whole province sets it. */
	const char *region = r->principal->region;
	char province[7] = "";
	if (region && strlen(region) >= 2)
		snprintf(province, sizeof province, "%.2s0000", region);
	if (!province[0] || yc_policy_scope(r->principal, province, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, "year", "工作日历只能由省级管理员设置");
	st = yc_store_tx(r->store, YC_TX_WRITE, put_tx, &c, e);
	if (st == YC_E_BAD_INPUT && c.p.n)
		r->problems = yc_problems_json(&c.p);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

static enum yc_status count_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct cal_ctx *c = vctx;
	struct yc_calendar *cal;
	enum yc_status st = yc_app_calendar(db, c->r->a, &cal, e);
	if (st != YC_OK)
		return st;
	if (c->add) {
		yc_day out;
		st = yc_cal_add_excl(cal, c->from, c->n, c->susp, c->nsusp, &out, e);
		if (st == YC_OK)
			c->out = json_pack("{s:s}", "date", yc_day_str(c->r->a, out));
	} else {
		int64_t days = 0;
		st = yc_cal_between_excl(cal, c->from, c->to, c->susp, c->nsusp, &days, e);
		if (st == YC_OK)
			c->out = json_pack("{s:I}", "days", (json_int_t)days);
	}
	if (st == YC_E_CALENDAR_MISSING) {
		/* which argument took the count out of the calendar: the start (the day after the
		 * earlier date lies in a year without one), or how far it goes */
		yc_day lo = c->add || c->from <= c->to ? c->from : c->to;
		bool start = !yc_cal_has(cal, yc_day_year(lo + 1));
		e->field = start ? (lo == c->from ? "from" : "to")
		                 : (c->add ? "days" : (lo == c->from ? "to" : "from"));
	}
	return st;
}

static enum yc_status count(struct yc_req *r, bool add, struct yc_error *e)
{
	static const char *const add_args[] = {"from", "days", "suspended", NULL};
	static const char *const between_args[] = {"from", "to", "suspended", NULL};
	struct cal_ctx c = {.r = r, .add = add};
	enum yc_status st = only_args(r, add ? add_args : between_args, e);
	if (st == YC_OK)
		st = date_arg(r, "from", &c.from, e);
	if (st == YC_OK)
		st = add ? days_arg(r, &c.n, e) : date_arg(r, "to", &c.to, e);
	if (st == YC_OK)
		st = yc_cal_periods_parse(yc_query(r, "suspended"), "suspended", r->a, &c.susp,
		                          &c.nsusp, e);
	if (st == YC_OK)
		st = yc_store_tx(r->store, YC_TX_READ, count_tx, &c, e);
	return st == YC_OK ? yc_reply_json(r, 200, c.out) : st;
}

enum yc_status yc_h_calendar_add(struct yc_req *r, struct yc_error *e)
{
	return count(r, true, e);
}

enum yc_status yc_h_calendar_between(struct yc_req *r, struct yc_error *e)
{
	return count(r, false, e);
}

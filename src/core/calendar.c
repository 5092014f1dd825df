/* calendar.c — the working-day calendar: year documents, and counting working days over the years
 * loaded. See calendar.h for the counting rules; docs/calendar.md for the reasons. */
#include "calendar.h"

#include "text.h"
#include "validate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NYEARS (YC_CAL_YEAR_MAX - YC_CAL_YEAR_MIN + 1)

struct yc_calendar {
	struct yc_arena *a; /* for error messages naming a year */
	uint8_t
	    *off[NYEARS]; /* per loaded year: 1 for each day of the year (0-based) that is off */
};

/* ---- dates ---- */

bool yc_day_parse(const char *s, yc_day *out)
{
	int32_t ymd;
	if (!s || !yc_date_valid(s, strlen(s), &ymd))
		return false;
	*out = yc_day_of(ymd / 10000, (unsigned)(ymd / 100 % 100), (unsigned)(ymd % 100));
	return true;
}

yc_day yc_day_of(int y, unsigned m, unsigned d)
{
	return (yc_day)yc_days_from_civil(y, m, d);
}

void yc_day_format(yc_day d, char out[11])
{
	int y;
	unsigned m, dd;
	yc_civil_from_days(d, &y, &m, &dd);
	snprintf(out, 11, "%04d-%02u-%02u", y, m, dd);
}

char *yc_day_str(struct yc_arena *a, yc_day d)
{
	char s[11];
	yc_day_format(d, s);
	return yc_strdup(a, s);
}

int yc_day_year(yc_day d)
{
	int y;
	unsigned m, dd;
	yc_civil_from_days(d, &y, &m, &dd);
	return y;
}

int yc_day_weekday(yc_day d)
{
	int64_t w = ((int64_t)d + 3) % 7; /* 1970-01-01 was a Thursday: 0 Monday */
	return (int)(w < 0 ? w + 7 : w) + 1;
}

static bool weekend(yc_day d)
{
	return yc_day_weekday(d) >= 6;
}

static const char *weekday_zh(yc_day d)
{
	static const char *const names[] = {"一", "二", "三", "四", "五", "六", "日"};
	return names[yc_day_weekday(d) - 1];
}

/* ---- year documents ---- */

static int cmp_day(const void *x, const void *y)
{
	yc_day a = *(const yc_day *)x, b = *(const yc_day *)y;
	return (a > b) - (a < b);
}

/* Read one list of a year document into v (arena); index[i] is the position in the document of
 * v[i]. Problems under prefix+name. */
static void read_list(int year, const json_t *doc, const char *name, const char *prefix,
                      struct yc_arena *a, yc_day **v, int **index, int *n, struct yc_problems *p)
{
	*v = NULL;
	*index = NULL;
	*n = 0;
	const json_t *list = json_object_get(doc, name);
	const char *path = yc_printf(a, "%s%s", prefix, name);
	if (!list) {
		yc_problem_add(p, path, "缺少必填字段（没有日期时填 []）");
		return;
	}
	if (!json_is_array(list)) {
		yc_problem_add(p, path, "应为日期数组，如 [\"%d-01-01\"]", year);
		return;
	}
	size_t size = json_array_size(list);
	if (size > 366) {
		yc_problem_add(p, path, "一年至多 366 个日期，此处有 %zu 个", size);
		return;
	}
	*v = yc_alloc(a, sizeof **v * (size ? size : 1));
	*index = yc_alloc(a, sizeof **index * (size ? size : 1));
	for (size_t i = 0; i < size; i++) {
		const json_t *x = json_array_get(list, i);
		const char *at = yc_printf(a, "%s[%zu]", path, i);
		yc_day d;
		if (!json_is_string(x) || !yc_day_parse(json_string_value(x), &d)) {
			yc_problem_add(p, at, "不是有效的日期，应为 YYYY-MM-DD 格式的真实日期");
			continue;
		}
		if (yc_day_year(d) != year) {
			yc_problem_add(p, at, "%s 不在 %d 年内", json_string_value(x), year);
			continue;
		}
		int dup = -1;
		for (int k = 0; k < *n && dup < 0; k++)
			if ((*v)[k] == d)
				dup = (*index)[k];
		if (dup >= 0) {
			yc_problem_add(p, at, "%s 重复列出（与 %s[%d] 相同）", json_string_value(x),
			               path, dup);
			continue;
		}
		(*index)[*n] = (int)i;
		(*v)[(*n)++] = d;
	}
}

bool yc_cal_year_read(int year, const json_t *doc, const char *prefix, struct yc_arena *a,
                      struct yc_cal_year *out, struct yc_problems *p)
{
	int before = p->n;
	*out = (struct yc_cal_year){.year = year};
	if (!prefix)
		prefix = "";
	if (year < YC_CAL_YEAR_MIN || year > YC_CAL_YEAR_MAX) {
		yc_problem_add(p, prefix[0] ? yc_strndup(a, prefix, strlen(prefix) - 1) : "year",
		               "年份应在 %d 至 %d 之间", YC_CAL_YEAR_MIN, YC_CAL_YEAR_MAX);
		return false;
	}
	if (!json_is_object(doc)) {
		yc_problem_add(p, prefix[0] ? yc_strndup(a, prefix, strlen(prefix) - 1) : "",
		               "应为对象 {\"holidays\":[…],\"workdays\":[…]}");
		return false;
	}
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)doc, key, v)
	{
		if (strcmp(key, "holidays") != 0 && strcmp(key, "workdays") != 0)
			yc_problem_add(p, yc_printf(a, "%s%s", prefix, key),
			               "不认识的字段（只有 holidays 和 workdays）");
	}
	int *hi, *wi;
	read_list(year, doc, "holidays", prefix, a, &out->holidays, &hi, &out->nholidays, p);
	read_list(year, doc, "workdays", prefix, a, &out->workdays, &wi, &out->nworkdays, p);
	for (int i = 0; i < out->nworkdays; i++) {
		yc_day d = out->workdays[i];
		char s[11];
		yc_day_format(d, s);
		const char *at = yc_printf(a, "%sworkdays[%d]", prefix, wi[i]);
		if (!weekend(d))
			yc_problem_add(p, at,
			               "%s 是星期%s，本来就是工作日；调休上班日应为星期六或星期日",
			               s, weekday_zh(d));
		for (int k = 0; k < out->nholidays; k++)
			if (out->holidays[k] == d)
				yc_problem_add(p, at, "%s 同时列为节假日（%sholidays[%d]）", s,
				               prefix, hi[k]);
	}
	if (p->n > before)
		return false;
	qsort(out->holidays, (size_t)out->nholidays, sizeof *out->holidays, cmp_day);
	qsort(out->workdays, (size_t)out->nworkdays, sizeof *out->workdays, cmp_day);
	return true;
}

json_t *yc_cal_year_json(const struct yc_cal_year *y)
{
	json_t *h = json_array(), *w = json_array();
	char s[11];
	for (int i = 0; i < y->nholidays; i++) {
		yc_day_format(y->holidays[i], s);
		json_array_append_new(h, json_string(s));
	}
	for (int i = 0; i < y->nworkdays; i++) {
		yc_day_format(y->workdays[i], s);
		json_array_append_new(w, json_string(s));
	}
	return json_pack("{s:o, s:o}", "holidays", h, "workdays", w);
}

/* A year key "2025": exactly four digits. */
static int year_key(const char *k)
{
	if (strlen(k) != 4)
		return -1;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (k[i] < '0' || k[i] > '9')
			return -1;
		y = y * 10 + (k[i] - '0');
	}
	return y;
}

static int cmp_year(const void *x, const void *y)
{
	return ((const struct yc_cal_year *)x)->year - ((const struct yc_cal_year *)y)->year;
}

bool yc_cal_years_read(const json_t *doc, struct yc_arena *a, struct yc_cal_year **years, int *n,
                       struct yc_problems *p)
{
	int before = p->n;
	*years = NULL;
	*n = 0;
	if (!json_is_object(doc)) {
		yc_problem_add(p, "", "应为对象 {\"2025\":{\"holidays\":[…],\"workdays\":[…]},…}");
		return false;
	}
	*years = yc_alloc(a, sizeof **years * (json_object_size(doc) + 1));
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)doc, key, v)
	{
		if (key[0] == '_')
			continue;
		int y = year_key(key);
		if (y < 0) {
			yc_problem_add(p, yc_strdup(a, key), "应为四位年份，如 \"2025\"");
			continue;
		}
		if (yc_cal_year_read(y, v, yc_printf(a, "%s.", key), a, &(*years)[*n], p))
			(*n)++;
	}
	if (p->n > before) {
		*n = 0;
		return false;
	}
	qsort(*years, (size_t)*n, sizeof **years, cmp_year);
	return true;
}

/* ---- a calendar ---- */

struct yc_calendar *yc_cal_new(struct yc_arena *a)
{
	struct yc_calendar *c = yc_alloc(a, sizeof *c);
	c->a = a;
	return c;
}

void yc_cal_set(struct yc_calendar *c, const struct yc_cal_year *y)
{
	if (y->year < YC_CAL_YEAR_MIN || y->year > YC_CAL_YEAR_MAX)
		return;
	uint8_t *off = yc_alloc(c->a, 366);
	yc_day first = yc_day_of(y->year, 1, 1), next = yc_day_of(y->year + 1, 1, 1);
	for (yc_day d = first; d < next; d++)
		off[d - first] = weekend(d);
	for (int i = 0; i < y->nholidays; i++)
		if (y->holidays[i] >= first && y->holidays[i] < next)
			off[y->holidays[i] - first] = 1;
	for (int i = 0; i < y->nworkdays; i++)
		if (y->workdays[i] >= first && y->workdays[i] < next)
			off[y->workdays[i] - first] = 0;
	c->off[y->year - YC_CAL_YEAR_MIN] = off;
}

bool yc_cal_has(const struct yc_calendar *c, int year)
{
	return year >= YC_CAL_YEAR_MIN && year <= YC_CAL_YEAR_MAX && c->off[year - YC_CAL_YEAR_MIN];
}

static enum yc_status missing(const struct yc_calendar *c, int year, struct yc_error *e)
{
	if (year < YC_CAL_YEAR_MIN || year > YC_CAL_YEAR_MAX)
		return yc_fail(
		    e, YC_E_CALENDAR_MISSING, NULL,
		    yc_printf(c->a,
		              "%d 年不在工作日历可设置的范围（%d 至 %d 年）内，无法计算工作日",
		              year, YC_CAL_YEAR_MIN, YC_CAL_YEAR_MAX));
	return yc_fail(e, YC_E_CALENDAR_MISSING, NULL,
	               yc_printf(c->a,
	                         "%d 年的工作日历尚未设置，无法计算工作日；请管理员先设置 %d "
	                         "年的法定节假日和调休上班日",
	                         year, year));
}

/* Whether day d (as int64, so that any step from a yc_day is safe) is off; YC_E_CALENDAR_MISSING
 * when its year is not loaded. The cached year avoids a civil-date conversion per day. */
struct cursor {
	int year;
	int64_t first, next; /* days of the cached year: [first, next) */
	const uint8_t *off;
};

static enum yc_status day_off(const struct yc_calendar *c, struct cursor *k, int64_t d, bool *off,
                              struct yc_error *e)
{
	if (!k->off || d < k->first || d >= k->next) {
		int y;
		unsigned m, dd;
		yc_civil_from_days(d, &y, &m, &dd);
		if (!yc_cal_has(c, y))
			return missing(c, y, e);
		k->year = y;
		k->first = yc_days_from_civil(y, 1, 1);
		k->next = yc_days_from_civil(y + 1, 1, 1);
		k->off = c->off[y - YC_CAL_YEAR_MIN];
	}
	*off = k->off[d - k->first] != 0;
	return YC_OK;
}

enum yc_status yc_cal_is_workday(const struct yc_calendar *c, yc_day d, bool *out,
                                 struct yc_error *e)
{
	struct cursor k = {0};
	bool off = false;
	enum yc_status st = day_off(c, &k, d, &off, e);
	if (st == YC_OK)
		*out = !off;
	return st;
}

/* The last day of the suspension that covers d (periods may overlap: the latest end among those
 * covering d), or INT64_MIN when no period covers d. Jumping to it keeps a long suspension from
 * being walked day by day. */
static int64_t suspended_until(const struct yc_cal_period *susp, int nsusp, int64_t d)
{
	int64_t until = INT64_MIN;
	for (int i = 0; i < nsusp; i++)
		if (d >= susp[i].start && d <= susp[i].end && susp[i].end > until)
			until = susp[i].end;
	return until;
}

static enum yc_status check_periods(const struct yc_cal_period *susp, int nsusp, struct yc_error *e)
{
	if (nsusp < 0 || nsusp > YC_CAL_MAX_PERIODS || (nsusp && !susp))
		return yc_fail(e, YC_E_BAD_INPUT, "suspended",
		               "中止计时的期间段数不正确（至多 64 段）");
	for (int i = 0; i < nsusp; i++)
		if (susp[i].start > susp[i].end)
			return yc_fail(e, YC_E_BAD_INPUT, "suspended",
			               "中止计时期间的开始日期不能晚于结束日期");
	return YC_OK;
}

enum yc_status yc_cal_add_excl(const struct yc_calendar *c, yc_day from, int64_t n,
                               const struct yc_cal_period *susp, int nsusp, yc_day *out,
                               struct yc_error *e)
{
	if (n < 0 || n > YC_CAL_MAX_DAYS)
		return yc_fail(e, YC_E_BAD_INPUT, "days",
		               yc_printf(c->a, "工作日数应为 0 至 %d 的整数", YC_CAL_MAX_DAYS));
	enum yc_status st = check_periods(susp, nsusp, e);
	if (st != YC_OK)
		return st;
	struct cursor k = {0};
	int64_t d = from;
	/* Each step looks at a day of a loaded year (at most NYEARS * 366 of them), jumps over a
	 * whole suspension (at most nsusp jumps between two looked-at days), or fails: bounded. */
	while (n > 0) {
		d++;
		int64_t until = suspended_until(susp, nsusp, d);
		if (until != INT64_MIN) {
			d = until; /* the next step is the day after the suspension */
			continue;
		}
		bool off = false;
		if ((st = day_off(c, &k, d, &off, e)) != YC_OK)
			return st;
		if (!off)
			n--;
	}
	*out = (yc_day)d;
	return YC_OK;
}

enum yc_status yc_cal_add(const struct yc_calendar *c, yc_day from, int64_t n, yc_day *out,
                          struct yc_error *e)
{
	return yc_cal_add_excl(c, from, n, NULL, 0, out, e);
}

enum yc_status yc_cal_between_excl(const struct yc_calendar *c, yc_day from, yc_day to,
                                   const struct yc_cal_period *susp, int nsusp, int64_t *days,
                                   struct yc_error *e)
{
	enum yc_status st = check_periods(susp, nsusp, e);
	if (st != YC_OK)
		return st;
	int64_t lo = from < to ? from : to, hi = from < to ? to : from, count = 0;
	struct cursor k = {0};
	/* As in add: days of loaded years, jumps over suspensions, or a failure. */
	for (int64_t d = lo + 1; d <= hi; d++) {
		int64_t until = suspended_until(susp, nsusp, d);
		if (until != INT64_MIN) {
			d = until;
			continue;
		}
		bool off = false;
		if ((st = day_off(c, &k, d, &off, e)) != YC_OK)
			return st;
		count += !off;
	}
	*days = from <= to ? count : -count;
	return YC_OK;
}

enum yc_status yc_cal_between(const struct yc_calendar *c, yc_day from, yc_day to, int64_t *days,
                              struct yc_error *e)
{
	return yc_cal_between_excl(c, from, to, NULL, 0, days, e);
}

/* ---- suspension periods ---- */

enum yc_status yc_cal_periods_parse(const char *s, const char *field, struct yc_arena *a,
                                    struct yc_cal_period **v, int *n, struct yc_error *e)
{
	*v = yc_alloc(a, sizeof **v * YC_CAL_MAX_PERIODS);
	*n = 0;
	if (!s || !*s)
		return YC_OK;
	const char *p = s;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (*n == YC_CAL_MAX_PERIODS)
			return yc_fail(
			    e, YC_E_BAD_INPUT, field,
			    yc_printf(a, "中止计时的期间至多 %d 段", YC_CAL_MAX_PERIODS));
		yc_day d0, d1;
		char *x = len == 21 && p[10] == '/' ? yc_strndup(a, p, len) : NULL;
		if (x)
			x[10] = '\0';
		if (!x || !yc_day_parse(x, &d0) || !yc_day_parse(x + 11, &d1))
			return yc_fail(
			    e, YC_E_BAD_INPUT, field,
			    yc_printf(a,
			              "第 %d 段中止计时期间应为 YYYY-MM-DD/YYYY-MM-DD（开始日/"
			              "结束日，含两端），多段以逗号分隔",
			              *n + 1));
		if (d0 > d1)
			return yc_fail(
			    e, YC_E_BAD_INPUT, field,
			    yc_printf(a, "第 %d 段中止计时期间的开始日期晚于结束日期", *n + 1));
		(*v)[(*n)++] = (struct yc_cal_period){d0, d1};
		if (!end)
			return YC_OK;
		p = end + 1;
	}
}

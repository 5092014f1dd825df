/* calendar.h — the working-day calendar (工作日历): which days count when a time limit is given in
 * working days (行政许可法 Art. 82), and the arithmetic on them. Pure functions, no I/O.
 *
 * A calendar is a set of years. In a loaded year a day is a working day unless it is a Saturday or
 * a Sunday, or an official holiday (法定节假日) of that year; a Saturday or Sunday listed as a
 * make-up working day (调休上班日) is a working day. A year that is not loaded is never guessed:
 * any computation that needs one of its days fails with YC_E_CALENDAR_MISSING naming the year.
 *
 * Counting (docs/calendar.md): a time limit runs from the day after the event, so
 *   yc_cal_add(from, n)        = the n-th working day after `from` (n = 0: `from` itself);
 *   yc_cal_between(from, to)   = the number of working days in (from, to]; negative when to < from
 *                                (minus the working days in (to, from]), 0 when equal.
 * For n >= 0, between(from, add(from, n)) == n. Days inside a suspension period (听证, 检验, 检测,
 * 鉴定, 专家评审, the applicant's rectification: Art. 45) are not counted, and need no calendar.
 *
 * Days are numbered from 1970-01-01 (yc_day 0). A calendar and everything it returns live in the
 * arena it was made in. */
#ifndef YICI_CALENDAR_H
#define YICI_CALENDAR_H

#include "arena.h"
#include "catalog.h" /* struct yc_problems */
#include "err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define YC_CAL_YEAR_MIN    2000 /* years a calendar can hold */
#define YC_CAL_YEAR_MAX    2099
#define YC_CAL_MAX_DAYS    3650 /* yc_cal_add: at most this many working days */
#define YC_CAL_MAX_PERIODS 64   /* suspension periods of one computation */

typedef int32_t yc_day; /* days since 1970-01-01 */

/* ---- dates ---- */

/* A real date "YYYY-MM-DD" (years 1000-9999), exactly; false otherwise. */
bool yc_day_parse(const char *s, yc_day *out);
/* "YYYY-MM-DD" of d into out. */
void yc_day_format(yc_day d, char out[11]);
/* d as an arena string "YYYY-MM-DD". */
char *yc_day_str(struct yc_arena *a, yc_day d);
/* The day of y-m-d (m and d must be a real date). */
yc_day yc_day_of(int y, unsigned m, unsigned d);
int yc_day_year(yc_day d);
/* ISO weekday: 1 Monday ... 6 Saturday, 7 Sunday. */
int yc_day_weekday(yc_day d);

/* ---- one year ---- */

struct yc_cal_year {
	int year;
	yc_day *holidays; /* ascending, unique */
	int nholidays;
	yc_day *workdays; /* ascending, unique, each a Saturday or a Sunday */
	int nworkdays;
};

/* Read the document of `year`: {"holidays":["YYYY-MM-DD",…],"workdays":["YYYY-MM-DD",…]}, both
 * required (empty arrays allowed), nothing else. Every problem goes to p under prefix (e.g. "" or
 * "2025."): a field that is not a date or not in the year ("holidays[3]"), a date listed twice, a
 * make-up working day that is not a Saturday or Sunday, a date in both lists, an unknown field, a
 * year outside YC_CAL_YEAR_MIN..MAX ("year"). A holiday may fall on a weekend. Returns true when
 * there was no problem; out (arena-owned) is then the year with both lists sorted. */
bool yc_cal_year_read(int year, const json_t *doc, const char *prefix, struct yc_arena *a,
                      struct yc_cal_year *out, struct yc_problems *p);

/* The year as its normalized document {"holidays":[…],"workdays":[…]} (new reference). */
json_t *yc_cal_year_json(const struct yc_cal_year *y);

/* Read a document of several years, {"2025":{…},"2026":{…}} (the format of
 * data/calendar/calendar-cn.json); keys beginning with "_" are comments. Problems under "2025."
 * etc. Returns true when none; *years (arena) in ascending order. */
bool yc_cal_years_read(const json_t *doc, struct yc_arena *a, struct yc_cal_year **years, int *n,
                       struct yc_problems *p);

/* ---- a calendar ---- */

struct yc_calendar;

/* An empty calendar (no year loaded), owned by a. */
struct yc_calendar *yc_cal_new(struct yc_arena *a);
/* Load (or replace) year y->year; a year outside YC_CAL_YEAR_MIN..MAX is ignored. */
void yc_cal_set(struct yc_calendar *c, const struct yc_cal_year *y);
bool yc_cal_has(const struct yc_calendar *c, int year);

/* A suspension period: days start..end, both included. */
struct yc_cal_period {
	yc_day start, end;
};

/* Read "YYYY-MM-DD/YYYY-MM-DD" periods separated by commas (at most YC_CAL_MAX_PERIODS, start <=
 * end); bad input naming `field` otherwise. *v in the arena. */
enum yc_status yc_cal_periods_parse(const char *s, const char *field, struct yc_arena *a,
                                    struct yc_cal_period **v, int *n, struct yc_error *e);

/* Whether d is a working day; YC_E_CALENDAR_MISSING when its year is not loaded. */
enum yc_status yc_cal_is_workday(const struct yc_calendar *c, yc_day d, bool *out,
                                 struct yc_error *e);

/* The n-th working day after from (0 <= n <= YC_CAL_MAX_DAYS, else bad input "days"), skipping the
 * days of the nsusp periods susp (may be NULL when nsusp is 0). Fails with
 * YC_E_CALENDAR_MISSING (message naming the year) when it reaches a year that is not loaded. */
enum yc_status yc_cal_add_excl(const struct yc_calendar *c, yc_day from, int64_t n,
                               const struct yc_cal_period *susp, int nsusp, yc_day *out,
                               struct yc_error *e);
enum yc_status yc_cal_add(const struct yc_calendar *c, yc_day from, int64_t n, yc_day *out,
                          struct yc_error *e);

/* Working days in (from, to] not inside any period (negative when to < from, see above).
 * YC_E_CALENDAR_MISSING when a day counted lies in a year that is not loaded. */
enum yc_status yc_cal_between_excl(const struct yc_calendar *c, yc_day from, yc_day to,
                                   const struct yc_cal_period *susp, int nsusp, int64_t *days,
                                   struct yc_error *e);
enum yc_status yc_cal_between(const struct yc_calendar *c, yc_day from, yc_day to, int64_t *days,
                              struct yc_error *e);

#endif

/* test_calendar.c — unit tests of the working-day calendar (calendar.c) over the official years
 * shipped in data/calendar/calendar-cn.json: the Spring Festival and National Day weeks with their
 * make-up Saturdays and Sundays, year boundaries, a year not loaded, suspension periods, the
 * add/between inverse properties, and the checks on a year document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *rel)
{
	char path[4096];
	const char *here = __FILE__;
	const char *cut = strstr(here, "tests/unit/");
	if (!cut)
		return NULL;
	snprintf(path, sizeof path, "%.*s%s", (int)(cut - here), here, rel);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, fp) != (size_t)n)
		n = 0;
	s[n] = 0;
	fclose(fp);
	return s;
}

static void dump_problems(const struct yc_problems *p)
{
	for (int i = 0; i < p->n; i++)
		fprintf(stderr, "  %s: %s\n", p->v[i].field, p->v[i].message);
}

/* A calendar with every year of the shipped calendar-cn.json. */
static struct yc_calendar *official(struct yc_arena *a)
{
	char *text = slurp("data/calendar/calendar-cn.json");
	assert_non_null(text);
	json_t *doc = json_loads(text, 0, NULL);
	free(text);
	assert_non_null(doc);
	struct yc_problems p;
	yc_problems_init(&p, a);
	struct yc_cal_year *years;
	int n = 0;
	bool ok = yc_cal_years_read(doc, a, &years, &n, &p);
	if (!ok)
		dump_problems(&p);
	assert_true(ok);
	assert_int_equal(n, 2);
	assert_int_equal(years[0].year, 2025);
	assert_int_equal(years[1].year, 2026);
	struct yc_calendar *c = yc_cal_new(a);
	for (int i = 0; i < n; i++)
		yc_cal_set(c, &years[i]);
	json_decref(doc);
	return c;
}

static yc_day D(const char *s)
{
	yc_day d = 0;
	if (!yc_day_parse(s, &d))
		fail_msg("bad date in test: %s", s);
	return d;
}

static bool work(const struct yc_calendar *c, const char *s)
{
	bool w = false;
	struct yc_error e = {0};
	assert_int_equal(yc_cal_is_workday(c, D(s), &w, &e), YC_OK);
	return w;
}

/* add(from, n) as "YYYY-MM-DD". */
static const char *add(struct yc_arena *a, const struct yc_calendar *c, const char *from, int64_t n)
{
	yc_day out = 0;
	struct yc_error e = {0};
	enum yc_status st = yc_cal_add(c, D(from), n, &out, &e);
	if (st != YC_OK)
		fail_msg("add(%s, %lld): %s", from, (long long)n, e.message);
	return yc_day_str(a, out);
}

static int64_t between(const struct yc_calendar *c, const char *from, const char *to)
{
	int64_t days = 0;
	struct yc_error e = {0};
	enum yc_status st = yc_cal_between(c, D(from), D(to), &days, &e);
	if (st != YC_OK)
		fail_msg("between(%s, %s): %s", from, to, e.message);
	return days;
}

static void test_dates(void **state)
{
	(void)state;
	yc_day d;
	assert_true(yc_day_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_int_equal(yc_day_weekday(d), 4); /* Thursday */
	assert_true(yc_day_parse("2024-02-29", &d));
	assert_false(yc_day_parse("2025-02-29", &d));
	assert_false(yc_day_parse("2025-2-01", &d));
	assert_false(yc_day_parse("2025-01-01x", &d));
	assert_false(yc_day_parse("", &d));
	assert_false(yc_day_parse(NULL, &d));
	assert_int_equal(yc_day_weekday(D("2025-01-26")), 7);
	assert_int_equal(yc_day_weekday(D("2025-02-08")), 6);
	assert_int_equal(yc_day_weekday(D("2026-01-05")), 1);
	assert_int_equal(yc_day_weekday(D("1969-12-31")), 3);
	char s[11];
	yc_day_format(D("2099-12-31"), s);
	assert_string_equal(s, "2099-12-31");
	assert_int_equal(yc_day_year(D("2026-01-01")), 2026);
	assert_int_equal(yc_day_year(D("2025-12-31")), 2025);
	assert_int_equal(yc_day_of(2026, 1, 1), D("2026-01-01"));
}

/* 2025 春节: 1-28 … 2-4 off; Sunday 1-26 and Saturday 2-8 are make-up working days. */
static void test_spring_festival_2025(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_calendar *c = official(a);
	assert_true(work(c, "2025-01-24"));  /* Friday */
	assert_false(work(c, "2025-01-25")); /* Saturday */
	assert_true(work(c, "2025-01-26"));  /* Sunday, 调休 */
	assert_true(work(c, "2025-01-27"));
	for (yc_day d = D("2025-01-28"); d <= D("2025-02-04"); d++) {
		bool w = true;
		assert_int_equal(yc_cal_is_workday(c, d, &w, NULL), YC_OK);
		assert_false(w);
	}
	assert_true(work(c, "2025-02-05"));
	assert_true(work(c, "2025-02-08"));  /* Saturday, 调休 */
	assert_false(work(c, "2025-02-09")); /* Sunday */
	assert_string_equal(add(a, c, "2025-01-24", 1), "2025-01-26");
	assert_string_equal(add(a, c, "2025-01-25", 1), "2025-01-26");
	assert_string_equal(add(a, c, "2025-01-26", 1), "2025-01-27");
	assert_string_equal(add(a, c, "2025-01-27", 1), "2025-02-05");
	assert_string_equal(add(a, c, "2025-01-27", 4), "2025-02-08");
	assert_string_equal(add(a, c, "2025-01-27", 5), "2025-02-10");
	assert_string_equal(add(a, c, "2025-01-30", 1), "2025-02-05");
	assert_int_equal(between(c, "2025-01-24", "2025-02-10"), 7);
	assert_int_equal(between(c, "2025-01-27", "2025-02-04"), 0);
	/* 20 working days from acceptance on 2025-01-20 (Art. 42) */
	assert_string_equal(add(a, c, "2025-01-20", 20), "2025-02-21");
	yc_arena_free(a);
}

/* 2025 国庆 + 中秋: 10-1 … 10-8 off; Sunday 9-28 and Saturday 10-11 are working days. */
static void test_national_day_2025(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_calendar *c = official(a);
	assert_false(work(c, "2025-09-27"));
	assert_true(work(c, "2025-09-28"));
	assert_false(work(c, "2025-10-04"));
	assert_false(work(c, "2025-10-08")); /* Wednesday */
	assert_true(work(c, "2025-10-09"));
	assert_true(work(c, "2025-10-11"));
	assert_false(work(c, "2025-10-12"));
	assert_string_equal(add(a, c, "2025-09-26", 1), "2025-09-28");
	assert_string_equal(add(a, c, "2025-09-30", 1), "2025-10-09");
	assert_string_equal(add(a, c, "2025-09-30", 3), "2025-10-11");
	assert_string_equal(add(a, c, "2025-09-30", 4), "2025-10-13");
	assert_int_equal(between(c, "2025-09-26", "2025-10-13"), 7);
	/* 5 working days for the window to decide, received on the eve of the holiday */
	assert_string_equal(add(a, c, "2025-09-30", 5), "2025-10-14");
	yc_arena_free(a);
}

/* 2026 春节: 2-15 … 2-23 off (nine days); Saturdays 2-14 and 2-28 are working days. 国庆: 10-1 …
 * 10-7 off, Sunday 9-20 and Saturday 10-10 working; 中秋 9-25 … 9-27 off. */
static void test_2026_weeks(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_calendar *c = official(a);
	assert_true(work(c, "2026-02-14"));
	assert_false(work(c, "2026-02-15"));
	assert_false(work(c, "2026-02-23")); /* Monday */
	assert_true(work(c, "2026-02-24"));
	assert_true(work(c, "2026-02-28"));
	assert_false(work(c, "2026-03-01"));
	assert_string_equal(add(a, c, "2026-02-13", 1), "2026-02-14");
	assert_string_equal(add(a, c, "2026-02-14", 1), "2026-02-24");
	assert_string_equal(add(a, c, "2026-02-14", 5), "2026-02-28");
	assert_string_equal(add(a, c, "2026-02-14", 6), "2026-03-02");
	assert_int_equal(between(c, "2026-02-13", "2026-03-02"), 7);

	assert_true(work(c, "2026-09-20")); /* Sunday */
	assert_false(work(c, "2026-09-25"));
	assert_false(work(c, "2026-10-07"));
	assert_true(work(c, "2026-10-10")); /* Saturday */
	assert_string_equal(add(a, c, "2026-09-24", 1), "2026-09-28");
	assert_string_equal(add(a, c, "2026-09-30", 1), "2026-10-08");
	assert_string_equal(add(a, c, "2026-09-30", 3), "2026-10-10");
	assert_string_equal(add(a, c, "2026-09-30", 4), "2026-10-12");
	yc_arena_free(a);
}

/* Across 31 December into the next year; a year that is not loaded is an error naming it. */
static void test_year_boundaries(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_calendar *c = official(a);
	/* 2026-01-01 … 01-03 off, Sunday 2026-01-04 a make-up working day */
	assert_string_equal(add(a, c, "2025-12-30", 1), "2025-12-31");
	assert_string_equal(add(a, c, "2025-12-31", 1), "2026-01-04");
	assert_string_equal(add(a, c, "2025-12-31", 2), "2026-01-05");
	assert_string_equal(add(a, c, "2025-12-26", 3), "2025-12-31");
	assert_string_equal(add(a, c, "2025-12-26", 4), "2026-01-04");
	assert_int_equal(between(c, "2025-12-31", "2026-01-05"), 2);
	assert_int_equal(between(c, "2025-12-01", "2026-01-31"), 22 + 21);
	/* the interval (from, to] does not look at `from`: 2024 is not needed */
	assert_int_equal(between(c, "2024-12-31", "2025-01-02"), 1);
	assert_string_equal(add(a, c, "2024-12-31", 1), "2025-01-02");
	/* n = 0 is `from` itself, needing no calendar */
	assert_string_equal(add(a, c, "2030-05-01", 0), "2030-05-01");
	assert_string_equal(add(a, c, "2025-02-01", 0), "2025-02-01");
	assert_int_equal(between(c, "2030-05-01", "2030-05-01"), 0);

	/* 2027 not loaded: the first day of 2027 looked at fails, naming the year */
	assert_string_equal(add(a, c, "2026-12-30", 1), "2026-12-31");
	struct yc_error e = {0};
	yc_day out = 12345;
	assert_int_equal(yc_cal_add(c, D("2026-12-30"), 2, &out, &e), YC_E_CALENDAR_MISSING);
	assert_int_equal(e.status, YC_E_CALENDAR_MISSING);
	assert_non_null(strstr(e.message, "2027 年"));
	assert_int_equal(out, 12345);
	assert_string_equal(yc_status_code(YC_E_CALENDAR_MISSING), "calendar_missing");
	int64_t days = 99;
	e = (struct yc_error){0};
	assert_int_equal(yc_cal_between(c, D("2026-12-01"), D("2027-01-10"), &days, &e),
	                 YC_E_CALENDAR_MISSING);
	assert_non_null(strstr(e.message, "2027"));
	assert_int_equal(days, 99);
	e = (struct yc_error){0};
	assert_int_equal(yc_cal_between(c, D("2024-12-30"), D("2025-01-10"), &days, &e),
	                 YC_E_CALENDAR_MISSING);
	assert_non_null(strstr(e.message, "2024"));
	bool w;
	assert_int_equal(yc_cal_is_workday(c, D("2027-03-01"), &w, &e), YC_E_CALENDAR_MISSING);
	/* a year outside what a calendar can hold */
	e = (struct yc_error){0};
	assert_int_equal(yc_cal_is_workday(c, D("1999-12-31"), &w, &e), YC_E_CALENDAR_MISSING);
	assert_non_null(strstr(e.message, "1999"));
	assert_false(yc_cal_has(c, 2027));
	assert_true(yc_cal_has(c, 2026));
	assert_false(yc_cal_has(c, 1900));

	/* loading 2027 (weekends only, for the test) lets the same computation go on */
	struct yc_cal_year y27 = {.year = 2027};
	yc_cal_set(c, &y27);
	assert_string_equal(add(a, c, "2026-12-30", 2), "2027-01-01");
	assert_string_equal(add(a, c, "2026-12-31", 2), "2027-01-04");
	/* a huge span still ends at the first year not loaded (2028) */
	e = (struct yc_error){0};
	assert_int_equal(yc_cal_add(c, D("2025-01-01"), YC_CAL_MAX_DAYS, &out, &e),
	                 YC_E_CALENDAR_MISSING);
	assert_non_null(strstr(e.message, "2028"));
	yc_arena_free(a);
}

static void test_bounds(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_calendar *c = yc_cal_new(a);
	for (int y = YC_CAL_YEAR_MIN; y <= YC_CAL_YEAR_MAX; y++) {
		struct yc_cal_year yy = {.year = y};
		yc_cal_set(c, &yy);
	}
	struct yc_error e = {0};
	yc_day out;
	assert_int_equal(yc_cal_add(c, D("2025-01-01"), -1, &out, &e), YC_E_BAD_INPUT);
	assert_string_equal(e.field, "days");
	assert_int_equal(yc_cal_add(c, D("2025-01-01"), YC_CAL_MAX_DAYS + 1, &out, &e),
	                 YC_E_BAD_INPUT);
	/* the largest n works when every year is loaded: 3650 weekdays = 730 weeks */
	assert_int_equal(yc_cal_add(c, D("2025-01-03"), YC_CAL_MAX_DAYS, &out, &e), YC_OK);
	assert_int_equal(out, D("2025-01-03") + 730 * 7);
	/* the whole range, both ways */
	int64_t days = 0;
	assert_int_equal(yc_cal_between(c, D("1999-12-31"), D("2099-12-31"), &days, &e), YC_OK);
	assert_true(days > 26000 && days < 26200);
	int64_t back = 0;
	assert_int_equal(yc_cal_between(c, D("2099-12-31"), D("1999-12-31"), &back, &e), YC_OK);
	assert_int_equal(back, -days);
	assert_int_equal(yc_cal_between(c, D("1999-12-30"), D("2000-01-05"), &days, &e),
	                 YC_E_CALENDAR_MISSING);
	assert_int_equal(yc_cal_add(c, D("2099-12-30"), 5, &out, &e), YC_E_CALENDAR_MISSING);
	assert_non_null(strstr(e.message, "2100"));
	/* a suspension over millions of days is jumped, not walked */
	struct yc_cal_period huge = {D("1000-01-01"), D("9999-12-31")};
	assert_int_equal(
	    yc_cal_between_excl(c, D("1000-01-01"), D("9999-12-31"), &huge, 1, &days, &e), YC_OK);
	assert_int_equal(days, 0);
	assert_int_equal(yc_cal_add_excl(c, D("2025-01-01"), 1, &huge, 1, &out, &e),
	                 YC_E_CALENDAR_MISSING);
	assert_non_null(strstr(e.message, "10000"));
	struct yc_cal_period bad = {D("2025-01-02"), D("2025-01-01")};
	assert_int_equal(yc_cal_add_excl(c, D("2025-01-01"), 1, &bad, 1, &out, &e), YC_E_BAD_INPUT);
	assert_string_equal(e.field, "suspended");
	assert_int_equal(
	    yc_cal_add_excl(c, D("2025-01-01"), 1, &bad, YC_CAL_MAX_PERIODS + 1, &out, &e),
	    YC_E_BAD_INPUT);
	yc_arena_free(a);
}

/* Suspension periods (Art. 45) are not counted, whether they hold working days or not. */
static void test_suspension(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_calendar *c = official(a);
	struct yc_error e = {0};
	yc_day out;
	/* Monday 2025-03-03 + 5 = Monday 03-10; with 03-05 … 03-06 suspended: 03-12 */
	assert_string_equal(add(a, c, "2025-03-03", 5), "2025-03-10");
	struct yc_cal_period s1 = {D("2025-03-05"), D("2025-03-06")};
	assert_int_equal(yc_cal_add_excl(c, D("2025-03-03"), 5, &s1, 1, &out, &e), YC_OK);
	assert_int_equal(out, D("2025-03-12"));
	int64_t days = 0;
	assert_int_equal(
	    yc_cal_between_excl(c, D("2025-03-03"), D("2025-03-12"), &s1, 1, &days, &e), YC_OK);
	assert_int_equal(days, 5);
	assert_int_equal(between(c, "2025-03-03", "2025-03-12"), 7);
	/* overlapping and touching periods, one over a weekend */
	struct yc_cal_period s2[] = {{D("2025-03-05"), D("2025-03-07")},
	                             {D("2025-03-06"), D("2025-03-09")},
	                             {D("2025-03-10"), D("2025-03-10")}};
	assert_int_equal(yc_cal_add_excl(c, D("2025-03-03"), 2, s2, 3, &out, &e), YC_OK);
	assert_int_equal(out, D("2025-03-11"));
	assert_int_equal(yc_cal_between_excl(c, D("2025-03-03"), D("2025-03-14"), s2, 3, &days, &e),
	                 YC_OK);
	assert_int_equal(days, 1 + 4);
	/* a suspension starting on `from` and one ending after `to` */
	struct yc_cal_period s3 = {D("2025-03-01"), D("2025-03-04")};
	assert_int_equal(yc_cal_add_excl(c, D("2025-03-03"), 1, &s3, 1, &out, &e), YC_OK);
	assert_int_equal(out, D("2025-03-05"));
	struct yc_cal_period s4 = {D("2025-03-12"), D("2025-04-30")};
	assert_int_equal(
	    yc_cal_between_excl(c, D("2025-03-03"), D("2025-03-20"), &s4, 1, &days, &e), YC_OK);
	assert_int_equal(days, 6);
	/* suspended days need no calendar: 2027 is not loaded but wholly suspended */
	struct yc_cal_period s5 = {D("2027-01-01"), D("2027-12-31")};
	assert_int_equal(
	    yc_cal_between_excl(c, D("2026-12-30"), D("2027-12-31"), &s5, 1, &days, &e), YC_OK);
	assert_int_equal(days, 1);
	assert_int_equal(yc_cal_add_excl(c, D("2026-12-30"), 2, &s5, 1, &out, &e),
	                 YC_E_CALENDAR_MISSING);
	assert_non_null(strstr(e.message, "2028"));
	/* the periods text of the HTTP API */
	struct yc_cal_period *v;
	int n = -1;
	assert_int_equal(yc_cal_periods_parse("2025-03-05/2025-03-06,2025-04-01/2025-04-01",
	                                      "suspended", a, &v, &n, &e),
	                 YC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].start, D("2025-03-05"));
	assert_int_equal(v[1].end, D("2025-04-01"));
	assert_int_equal(yc_cal_periods_parse("", "suspended", a, &v, &n, &e), YC_OK);
	assert_int_equal(n, 0);
	const char *bad[] = {"2025-03-06/2025-03-05",
	                     "2025-03-05",
	                     "2025-03-05/",
	                     "x",
	                     "2025-03-05/2025-03-06,",
	                     "2025-02-30/2025-03-01",
	                     "2025-03-05/2025-03-06,,2025-03-07/2025-03-08"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e = (struct yc_error){0};
		assert_int_equal(yc_cal_periods_parse(bad[i], "suspended", a, &v, &n, &e),
		                 YC_E_BAD_INPUT);
		assert_string_equal(e.field, "suspended");
	}
	char *many = yc_strdup(a, "2025-01-01/2025-01-01");
	for (int i = 1; i <= YC_CAL_MAX_PERIODS; i++)
		many = yc_printf(a, "%s,2025-01-01/2025-01-01", many);
	assert_int_equal(yc_cal_periods_parse(many, "suspended", a, &v, &n, &e), YC_E_BAD_INPUT);
	yc_arena_free(a);
}

/* For every start day of the loaded years and n up to 30: between(from, add(from, n)) == n, the
 * day reached is a working day, and no earlier day reaches n. Likewise with a suspension. */
static void test_inverse(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_calendar *c = official(a);
	struct yc_cal_period s = {D("2025-07-07"), D("2025-07-20")};
	struct yc_error e = {0};
	int checked = 0;
	for (yc_day from = D("2024-12-31"); from <= D("2026-11-15"); from++) {
		for (int susp = 0; susp < 2; susp++) {
			for (int64_t n = 0; n <= 30; n++) {
				yc_day to;
				int64_t back = -1;
				assert_int_equal(yc_cal_add_excl(c, from, n, &s, susp, &to, &e),
				                 YC_OK);
				assert_int_equal(
				    yc_cal_between_excl(c, from, to, &s, susp, &back, &e), YC_OK);
				assert_int_equal(back, n);
				if (n == 0) {
					assert_int_equal(to, from);
					continue;
				}
				bool w = false;
				assert_int_equal(yc_cal_is_workday(c, to, &w, &e), YC_OK);
				assert_true(w);
				assert_false(susp && to >= s.start && to <= s.end);
				assert_int_equal(
				    yc_cal_between_excl(c, from, to - 1, &s, susp, &back, &e),
				    YC_OK);
				assert_int_equal(back, n - 1);
				/* and backwards: minus the same count */
				assert_int_equal(
				    yc_cal_between_excl(c, to, from, &s, susp, &back, &e), YC_OK);
				assert_int_equal(back, -n);
				checked++;
			}
		}
	}
	assert_true(checked > 40000);
	/* add(from, between(from, to)) is `to` when `to` is a working day after from */
	for (yc_day to = D("2025-01-02"); to <= D("2026-12-31"); to++) {
		bool w = false;
		assert_int_equal(yc_cal_is_workday(c, to, &w, &e), YC_OK);
		int64_t n = 0;
		yc_day back;
		assert_int_equal(yc_cal_between(c, D("2025-01-01"), to, &n, &e), YC_OK);
		assert_int_equal(yc_cal_add(c, D("2025-01-01"), n, &back, &e), YC_OK);
		if (w)
			assert_int_equal(back, to);
		else
			assert_true(back < to);
	}
	/* working days per year: 248 in 2025 and in 2026 */
	assert_int_equal(between(c, "2024-12-31", "2025-12-31"), 248);
	assert_int_equal(between(c, "2025-12-31", "2026-12-31"), 248);
	yc_arena_free(a);
}

static struct yc_problems read_doc(struct yc_arena *a, int year, const char *text,
                                   struct yc_cal_year *y, bool *ok)
{
	json_error_t je;
	json_t *doc = json_loads(text, 0, &je);
	if (!doc)
		fail_msg("bad JSON in test: %s", je.text);
	struct yc_problems p;
	yc_problems_init(&p, a);
	*ok = yc_cal_year_read(year, doc, "", a, y, &p);
	json_decref(doc);
	return p;
}

static bool has_problem(const struct yc_problems *p, const char *field, const char *part)
{
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->v[i].field, field) == 0 && (!part || strstr(p->v[i].message, part)))
			return true;
	return false;
}

static void test_year_document(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_cal_year y;
	bool ok;
	struct yc_problems p =
	    read_doc(a, 2025,
	             "{\"holidays\":[\"2025-10-02\",\"2025-10-01\",\"2025-02-01\"],"
	             "\"workdays\":[\"2025-10-11\",\"2025-09-28\"]}",
	             &y, &ok);
	assert_true(ok);
	assert_int_equal(p.n, 0);
	assert_int_equal(y.nholidays, 3);
	assert_int_equal(y.holidays[0],
	                 D("2025-02-01")); /* sorted; a holiday on a Saturday is fine */
	json_t *j = yc_cal_year_json(&y);
	char *s = json_dumps(j, JSON_COMPACT);
	assert_string_equal(s, "{\"holidays\":[\"2025-02-01\",\"2025-10-01\",\"2025-10-02\"],"
	                       "\"workdays\":[\"2025-09-28\",\"2025-10-11\"]}");
	free(s);
	json_decref(j);
	p = read_doc(a, 2025, "{\"holidays\":[],\"workdays\":[]}", &y, &ok);
	assert_true(ok);

	p = read_doc(a, 2025,
	             "{\"holidays\":[\"2025-02-30\",\"2024-12-31\",\"2025-01-01\",\"2025-01-01\",5,"
	             "\"2025-1-02\"],"
	             "\"workdays\":[\"2025-01-27\",\"2025-01-01\",\"2025-01-26\"],\"extra\":1}",
	             &y, &ok);
	assert_false(ok);
	if (p.n != 9)
		dump_problems(&p);
	assert_int_equal(p.n, 9);
	assert_true(has_problem(&p, "extra", "不认识"));
	assert_true(has_problem(&p, "holidays[0]", "有效的日期"));
	assert_true(has_problem(&p, "holidays[1]", "不在 2025 年内"));
	assert_true(has_problem(&p, "holidays[3]", "holidays[2]"));
	assert_true(has_problem(&p, "holidays[4]", "有效的日期"));
	assert_true(has_problem(&p, "holidays[5]", "有效的日期"));
	assert_true(has_problem(&p, "workdays[0]", "星期一"));
	assert_true(has_problem(&p, "workdays[1]", "星期三"));
	assert_true(has_problem(&p, "workdays[1]", "同时列为节假日（holidays[2]）"));

	p = read_doc(a, 2025, "{}", &y, &ok);
	assert_false(ok);
	assert_int_equal(p.n, 2);
	assert_true(has_problem(&p, "holidays", "缺少"));
	assert_true(has_problem(&p, "workdays", "缺少"));
	p = read_doc(a, 2025, "{\"holidays\":\"2025-01-01\",\"workdays\":{}}", &y, &ok);
	assert_int_equal(p.n, 2);
	assert_true(has_problem(&p, "holidays", "数组"));
	p = read_doc(a, 2025, "[]", &y, &ok);
	assert_false(ok);
	assert_int_equal(p.n, 1);
	p = read_doc(a, 1999, "{\"holidays\":[],\"workdays\":[]}", &y, &ok);
	assert_false(ok);
	assert_true(has_problem(&p, "year", "2000"));
	p = read_doc(a, 2100, "{\"holidays\":[],\"workdays\":[]}", &y, &ok);
	assert_false(ok);

	/* more than 366 dates is refused before they are read one by one */
	char *big = yc_strdup(a, "{\"workdays\":[],\"holidays\":[\"2025-01-01\"");
	for (int i = 0; i < 400; i++)
		big = yc_printf(a, "%s,\"2025-01-01\"", big);
	big = yc_printf(a, "%s]}", big);
	p = read_doc(a, 2025, big, &y, &ok);
	assert_false(ok);
	assert_int_equal(p.n, 1);
	assert_true(has_problem(&p, "holidays", "366"));

	/* a document of years, with its comment key; problems under the year */
	json_t *doc = json_loads("{\"_note\":\"x\",\"2026\":{\"holidays\":[],\"workdays\":[]},"
	                         "\"2025\":{\"holidays\":[\"2026-01-01\"],\"workdays\":[]},"
	                         "\"20x5\":{},\"1999\":{\"holidays\":[],\"workdays\":[]}}",
	                         0, NULL);
	struct yc_problems q;
	yc_problems_init(&q, a);
	struct yc_cal_year *years;
	int n = 7;
	assert_false(yc_cal_years_read(doc, a, &years, &n, &q));
	assert_int_equal(n, 0);
	if (q.n != 3)
		dump_problems(&q);
	assert_int_equal(q.n, 3);
	assert_true(has_problem(&q, "2025.holidays[0]", "不在 2025 年内"));
	assert_true(has_problem(&q, "20x5", "四位年份"));
	assert_true(has_problem(&q, "1999", "2000"));
	json_decref(doc);
	yc_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_spring_festival_2025),
	    cmocka_unit_test(test_national_day_2025),
	    cmocka_unit_test(test_2026_weeks),
	    cmocka_unit_test(test_year_boundaries),
	    cmocka_unit_test(test_bounds),
	    cmocka_unit_test(test_suspension),
	    cmocka_unit_test(test_inverse),
	    cmocka_unit_test(test_year_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

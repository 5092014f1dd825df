/* fuzz_interview.c — libFuzzer harness for the interview definition (src/core/interview.h): the
 * parser, the static check (path analysis and its report) and the runtime step.
 *
 * Input: a definition as JSON text, optionally followed by "\n--\n" and an answers object. The
 * matter's items are A to H. The harness
 *   1. checks the definition (yc_interview_check) and renders the report;
 *   2. when it parsed, takes one step with the given answers;
 *   3. then walks to a complete situation: starting from the given answers (when they are an
 *      object that the step accepted) or from none, it answers every question the step asks
 *      next with a value chosen by the input's bytes (an option, yes/no, a bound or a value in
 *      between, a date, a region), until the step answers with a situation, refuses, or a
 *      bounded number of rounds has passed.
 * Everything is freed at the end of each run, so LeakSanitizer sees any leak of the module. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "interview.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const items[] = {"A", "B", "C", "D", "E", "F", "G", "H"};

/* A tiny deterministic byte source over the input. */
struct rng {
	const uint8_t *d;
	size_t n, i;
	uint32_t h;
};

static unsigned pick(struct rng *r, unsigned n)
{
	uint8_t b = r->n ? r->d[r->i++ % r->n] : 0;
	r->h = r->h * 1664525u + 1013904223u + b;
	return n ? (r->h >> 8) % n : 0;
}

/* An answer for one question object of a "next" list (its definition without "when"). */
static json_t *answer_for(const json_t *q, struct rng *r)
{
	const char *type = json_string_value(json_object_get(q, "type"));
	const json_t *opts = json_object_get(q, "options");
	size_t nopt = json_array_size(opts);
	if (!type)
		return json_null();
	if (strcmp(type, "yesno") == 0)
		return json_boolean(pick(r, 2));
	if (strcmp(type, "single") == 0 || strcmp(type, "multiple") == 0) {
		if (!nopt)
			return json_string("x");
		const json_t *v =
		    json_object_get(json_array_get(opts, pick(r, (unsigned)nopt)), "value");
		json_t *s = v ? json_incref((json_t *)v) : json_string("x");
		if (strcmp(type, "single") == 0)
			return s;
		json_t *arr = json_array();
		json_array_append_new(arr, s);
		if (nopt > 1 && pick(r, 2)) { /* a second, maybe repeated, option */
			v = json_object_get(json_array_get(opts, pick(r, (unsigned)nopt)), "value");
			if (v)
				json_array_append(arr, (json_t *)v);
		}
		return arr;
	}
	if (strcmp(type, "number") == 0) {
		const json_t *mn = json_object_get(q, "min"), *mx = json_object_get(q, "max");
		double lo = json_is_number(mn) ? json_number_value(mn) : -1000;
		double hi = json_is_number(mx) ? json_number_value(mx) : 1000;
		bool integer = json_is_true(json_object_get(q, "integer"));
		switch (pick(r, 5)) {
		case 0:
			return json_real(lo);
		case 1:
			return json_real(hi);
		case 2:
			return json_integer((json_int_t)pick(r, 200));
		case 3:
			return integer ? json_integer((json_int_t)((lo + hi) / 2))
			               : json_real(lo + (hi - lo) / 3);
		default:
			return json_real(0.5 * pick(r, 100));
		}
	}
	if (strcmp(type, "date") == 0) {
		static const char *const dates[] = {"2024-01-01", "2000-02-29", "1999-12-31",
		                                    "2026-06-15", "1970-01-01", "2024-13-01"};
		return json_string(dates[pick(r, 6)]);
	}
	if (strcmp(type, "region") == 0) {
		static const char *const regions[] = {"430104", "430100",       "430000",
		                                      "110101", "430104001000", "430111"};
		return json_string(regions[pick(r, 6)]);
	}
	return json_null();
}

static void finish(struct yc_situation_core *sc)
{
	json_decref(yc_situation_core_json(sc));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sep = memmem(data, size, "\n--\n", 4);
	size_t dn = sep ? (size_t)(sep - (const char *)data) : size;
	json_t *def = json_loadb((const char *)data, dn, JSON_DECODE_ANY, NULL);
	json_t *ans = sep ? json_loadb(sep + 4, size - dn - 4, JSON_DECODE_ANY, NULL) : NULL;
	if (!def) {
		json_decref(ans);
		return 0;
	}
	struct yc_arena *a = yc_arena_new();
	struct yc_problems p;
	yc_problems_init(&p, a);
	struct yc_interview iv;
	struct yc_interview_report rep;
	memset(&rep, 0, sizeof rep);
	bool ok = yc_interview_check(def, items, 8, a, &iv, &rep, &p);
	json_decref(yc_interview_report_json(&iv, &rep));
	(void)ok;

	/* the step, as the API takes it: answers as given (any JSON) */
	json_t *next = NULL;
	struct yc_situation_core sc;
	enum yc_status st = yc_interview_step(&iv, ans, a, &next, &sc, &p);
	if (st == YC_OK && !next)
		finish(&sc);
	json_t *cur = st == YC_OK && json_is_object(ans) ? json_deep_copy(ans) : json_object();

	/* walk: answer what is asked next, at most nq + 2 rounds */
	struct rng r = {.d = data, .n = size, .h = (uint32_t)size};
	for (int round = 0; st == YC_OK && next && round < iv.nq + 2; round++) {
		size_t i;
		json_t *q;
		json_array_foreach(next, i, q)
		{
			const char *id = json_string_value(json_object_get(q, "id"));
			if (id)
				json_object_set_new(cur, id, answer_for(q, &r));
		}
		json_decref(next);
		next = NULL;
		struct yc_problems p2;
		yc_problems_init(&p2, a);
		st = yc_interview_step(&iv, cur, a, &next, &sc, &p2);
		if (st == YC_OK && !next)
			finish(&sc);
	}
	json_decref(next);
	json_decref(cur);
	yc_arena_free(a);
	json_decref(def);
	json_decref(ans);
	return 0;
}

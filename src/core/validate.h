/* validate.h — the validation engine of the forms (issue 5, point 6; docs/forms.md).
 *
 * A filled form is a JSON object: field key → value. yc_form_validate checks it against a merged
 * form (or one item's form) and returns every error at once, each with the field path, a stable
 * code and a Chinese message: unknown fields, types (ID number, credit code, region, phone through
 * codes.h; email; calendar dates; numbers; options; file references), required and
 * required_when (cond.h), length in code points, range, PCRE2 patterns, and the cross-field rules.
 *
 * Bounded on hostile input: one value is at most YC_FORM_MAX_VALUE bytes (longer ones are refused
 * before they are read), patterns run under PCRE2 match, depth and heap limits, nested values are
 * never walked beyond one level, and at most YC_FORM_MAX_ERRORS errors are listed (then one entry
 * "还有 N 项错误"). Pure: no I/O; errors live in the arena. */
#ifndef YICI_VALIDATE_H
#define YICI_VALIDATE_H

#include "arena.h"
#include "form.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define YC_FORM_MAX_ERRORS 100
#define YC_FORM_MAX_VALUE  65536 /* bytes of one string value */
#define YC_FORM_MAX_FILES  50    /* files (or options) in one multiple value */
#define YC_PATTERN_MAX     500   /* bytes of one pattern */

struct yc_form_error {
	const char *field;   /* the field key ("" for the whole form), "key[2]" inside an array */
	const char *code;    /* stable: required, type, unknown_field, max_length, pattern, ... */
	const char *message; /* Chinese */
};

struct yc_form_errors {
	struct yc_form_error *v; /* at most YC_FORM_MAX_ERRORS, plus one "more" entry */
	int n;
	int total; /* every error found, also those not listed */
	struct yc_arena *a;
};

/* Validate `values` against form f. `today` (yyyymmdd) bounds ID numbers' birth dates and
 * decides the adult rule. Fills out (in arena a); true when there is no error. */
bool yc_form_validate(const struct yc_form *f, const json_t *values, int32_t today,
                      struct yc_arena *a, struct yc_form_errors *out);

/* The errors as [{"field","code","message"}] (new reference). */
json_t *yc_form_errors_json(const struct yc_form_errors *e);

/* Compile a form field pattern (anchored at both ends, UTF-8, at most YC_PATTERN_MAX bytes) in
 * arena a, which then owns it. NULL when invalid, with a Chinese reason in *why. */
const struct pcre2_real_code_8 *yc_pattern_compile(struct yc_arena *a, const char *pattern,
                                                   const char **why);

/* A real calendar date "YYYY-MM-DD" (years 1000-9999) of exactly len bytes; its yyyymmdd in *out
 * when out is not NULL. */
bool yc_date_valid(const char *s, size_t len, int32_t *out);

/* An e-mail address local@domain (ASCII, at most 254 bytes, a dotted domain with a letter TLD). */
bool yc_email_valid(const char *s, size_t len);

#endif

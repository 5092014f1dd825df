/* cond.h — the one condition language of yici: when an interview question is shown, when an
 * interview outcome applies (issue 5, 情形), and when a form field is required (required-when).
 *
 * A condition is JSON (docs/interview.md):
 *   true                                always
 *   {"ref": ID, "eq": V}   {"ref": ID, "ne": V}
 *   {"ref": ID, "in": [V, ...]}         the value is one of the list
 *   {"ref": ID, "has": V}               a multiple-choice value contains V
 *   {"ref": ID, "gt"|"gte"|"lt"|"lte": N}   numbers; dates compare as "YYYY-MM-DD" strings
 *   {"ref": ID, "within": "4301"}       a region code starts with the prefix
 *   {"ref": ID, "answered": true|false}
 *   {"all": [C, ...]}  {"any": [C, ...]}  {"not": C}
 * ID names an interview question (interview conditions) or a form field key (form conditions).
 * Pure: no I/O. */
#ifndef YICI_COND_H
#define YICI_COND_H

#include "catalog.h" /* struct yc_problems */

#include <jansson.h>
#include <stdbool.h>

/* The kind of value a reference holds. */
enum yc_cond_type {
	YC_CT_TEXT,
	YC_CT_CHOICE, /* one string of `options` */
	YC_CT_MULTI,  /* an array of strings of `options` */
	YC_CT_BOOL,
	YC_CT_NUMBER,
	YC_CT_DATE,   /* "YYYY-MM-DD" */
	YC_CT_REGION, /* 6- or 12-digit region code */
};

struct yc_cond_ref {
	const char *id;
	enum yc_cond_type type;
	const char *const *options; /* CHOICE and MULTI: NULL-terminated; else NULL */
};

/* Look up a reference by id; NULL when there is none. */
typedef const struct yc_cond_ref *(*yc_cond_resolve)(void *ctx, const char *id);
/* Told of every id a condition references (for dependency graphs and cycle checks). */
typedef void (*yc_cond_dep)(void *ctx, const char *id);

/* Maximum nesting of all/any/not; deeper conditions are a problem, never a stack overflow. */
#define YC_COND_MAX_DEPTH 32

/* Check the shape of condition c and every id and value in it (unknown id, value outside the
 * options, operator not fit for the type, ...). Every problem is added to p under `path` (e.g.
 * "questions[2].when"). `dep` may be NULL. Returns true when there was no problem. */
bool yc_cond_check(const json_t *c, const char *path, yc_cond_resolve resolve, void *ctx,
                   yc_cond_dep dep, struct yc_problems *p);

/* Evaluate a checked condition against `values` (a JSON object: id → value). A NULL condition
 * holds. A comparison on an id without a value is false (and {"answered": false} is true). */
bool yc_cond_eval(const json_t *c, const json_t *values);

#endif

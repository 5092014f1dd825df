/* cond.h — the one condition language of yici: when an interview question is shown, when an
 * interview outcome applies (issue 5, 情形), and when a form field is required (required-when).
 *
 * A condition is JSON (docs/interview.md):
 *   true                                always (false: never)
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

/* Maximum number of nodes (comparisons, all/any/not) in one condition. */
#define YC_COND_MAX_NODES 256

/* Check the shape of condition c and every id and value in it (unknown id, value outside the
 * options, operator not fit for the type, unknown operator key, too deep, too many nodes, ...).
 * Every problem is added to p under `path` (e.g. "questions[2].when", deeper parts as
 * "questions[2].when.all[1].ref"). `dep` may be NULL; it is called once per comparison with the
 * id it references (known or not). A NULL condition is fine. Returns true when there was no
 * problem. Operators per type:
 *   TEXT     eq ne in answered          CHOICE  eq ne in answered
 *   MULTI    has answered               BOOL    eq ne answered
 *   NUMBER   eq ne in gt gte lt lte answered
 *   DATE     eq ne in gt gte lt lte answered ("YYYY-MM-DD" operands)
 *   REGION   eq ne in within answered   (within: 2, 4, 6, 9 or 12 digits; "430100" means 长沙市,
 *                                        i.e. the prefix "4301") */
bool yc_cond_check(const json_t *c, const char *path, yc_cond_resolve resolve, void *ctx,
                   yc_cond_dep dep, struct yc_problems *p);

/* Evaluate a checked condition against `values` (a JSON object: id → value). A NULL condition
 * holds. A comparison on an id without a value (absent or null) is false (and
 * {"answered": false} is true). Safe on unchecked input: anything malformed is false, nesting
 * deeper than YC_COND_MAX_DEPTH is false. Region values compare with their 6-digit and
 * zero-padded 12-digit forms as equal. */
bool yc_cond_eval(const json_t *c, const json_t *values);

/* yc_cond_eval that also adds the number of nodes it visited to *steps (for bounded analyses). */
bool yc_cond_eval_steps(const json_t *c, const json_t *values, long *steps);

/* Told of every comparison in a condition: the id, the operator ("eq", "within", ...) and its
 * operand (borrowed). */
typedef void (*yc_cond_visit)(void *ctx, const char *id, const char *op, const json_t *operand);

/* Visit every comparison of c (depth-limited like yc_cond_check). */
void yc_cond_walk(const json_t *c, yc_cond_visit visit, void *ctx);

/* true when s (len bytes) is a real calendar date "YYYY-MM-DD" (years 0001..9999). */
bool yc_cond_date_valid(const char *s, size_t len);

/* The meaningful prefix length of a region code or "within" operand: "430100" → 4 ("4301"),
 * "430000" → 2, "430104000000" → 6, "430104001000" → 9; 2, 4 and 9 digits stay as they are.
 * 0 when s (n bytes) is not such a code or prefix. */
size_t yc_cond_region_prefix(const char *s, size_t n);

/* true when v is a value of the reference's type (a string of the options, a non-empty array of
 * distinct options, a boolean, a number, a real date, a valid region code; text: a string). */
bool yc_cond_value_ok(const struct yc_cond_ref *r, const json_t *v);

#endif

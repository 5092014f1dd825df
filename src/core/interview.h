/* interview.h — the guided interview (一次导办) of a matter version: its questions, the outcomes
 * that pick the items, materials, form fields and notes of a situation (情形), the static check
 * that proves a definition sound before it is published, and the stateless runtime step.
 *
 * The definition is JSON stored with the matter version under "interview" (docs/interview.md).
 * Conditions are those of cond.h, with ref = a question id.
 *
 * Promises: pure (no I/O, no globals); every problem is reported at once with a JSON path and a
 * Chinese message; everything is bounded for hostile input (the caps below, condition depth and
 * size, a cap on the paths and on the work of the analysis); the same definition and answers
 * always give the same result. Memory comes from the caller's arena; JSON values returned with a
 * new reference say so. A parsed interview borrows from the definition: keep `def` alive. */
#ifndef YICI_INTERVIEW_H
#define YICI_INTERVIEW_H

#include "arena.h"
#include "catalog.h" /* struct yc_problems */
#include "cond.h"
#include "err.h"

#include <jansson.h>
#include <stdbool.h>

#define YC_INTERVIEW_MAX_QUESTIONS 200
#define YC_INTERVIEW_MAX_OPTIONS   100
#define YC_INTERVIEW_MAX_OUTCOMES  200
#define YC_INTERVIEW_MAX_ITEMS     100 /* items of the matter */
#define YC_INTERVIEW_MAX_LIST      100 /* entries of one outcome list (materials, fields, notes) */
#define YC_INTERVIEW_MAX_PATHS     100000
#define YC_INTERVIEW_MAX_STEPS     3000000 /* condition nodes and search steps of one analysis */
#define YC_INTERVIEW_MAX_SETS      50      /* distinct item sets listed in a report */

enum yc_question_type {
	YC_Q_SINGLE,   /* one option value (string) */
	YC_Q_MULTIPLE, /* a non-empty array of distinct option values */
	YC_Q_YESNO,    /* true or false */
	YC_Q_NUMBER,   /* a number within min..max (an integer when "integer": true) */
	YC_Q_DATE,     /* "YYYY-MM-DD" */
	YC_Q_REGION,   /* a 6- or 12-digit region code */
};

struct yc_option {
	const char *value, *label;
};

struct yc_question {
	const char *id, *label, *help;
	enum yc_question_type type;
	struct yc_option *options;
	int noptions;
	const char *
	    *values; /* option values, NULL-terminated (the condition reference's options) */
	bool has_min, has_max, integer;
	double min, max;
	const json_t *when; /* NULL: always shown */
	const json_t *def;  /* the question's object in the definition */
	struct yc_cond_ref ref;
	int *deps; /* the questions its `when` references (indexes), no repeats */
	int ndeps;
};

/* A material an outcome adds or drops. */
struct yc_material_ref {
	const char *item;       /* implementation code of the item the material belongs to */
	const char *key;        /* the material's key */
	const json_t *material; /* add: the full material object, or NULL for a reference to the
	                           item's own material; drop: NULL */
	int outcome;            /* index of the outcome */
};

struct yc_outcome {
	const char *label; /* optional name for people */
	const json_t *when;
	int *include, *exclude; /* indexes into the matter's items */
	int ninclude, nexclude;
	struct yc_material_ref *add, *drop;
	int nadd, ndrop;
	const json_t **fields; /* add_fields objects (borrowed) */
	int nfields;
	const char **notes;
	int nnotes;
};

struct yc_interview {
	const json_t *def;
	struct yc_arena *a;
	const char *const *items; /* the matter's items (implementation codes), borrowed */
	int nitems;
	bool *base; /* base[i]: items[i] applies before any outcome */
	struct yc_question *q;
	int nq;
	int *order; /* question indexes in evaluation order (each after the questions it references)
	             */
	struct yc_outcome *o;
	int no;
	void *index;     /* question lookup by id (private) */
	bool ok;         /* parsed without a problem */
	bool analysable; /* the structure is whole and acyclic, even if parsing found problems */
};

/* Read and check a definition against the matter's items. Problems: shape (types, required keys,
 * unknown keys, counts over the caps), duplicate question ids, unknown item codes, unknown
 * question ids or option values in conditions, operators unfit for the question's type, cycles
 * of `when` references (self-reference included; the cycle's ids are named). `out` is filled as
 * far as possible even when there are problems; it borrows from `def` and `matter_items`.
 * Returns true when there was no problem. */
bool yc_interview_parse(const json_t *def, const char *const *matter_items, int nitems,
                        struct yc_arena *a, struct yc_interview *out, struct yc_problems *p);

/* One distinct set of items that some paths yield. */
struct yc_interview_set {
	const char **items; /* matter order */
	int nitems;
	long paths;          /* how many paths yield this set */
	const char *example; /* the answers of the first such path, as JSON text (arena-owned) */
	const int *outcomes; /* the outcomes applied on that path */
	int noutcomes;
};

struct yc_interview_report {
	long paths;     /* complete answer combinations found (by equivalence classes) */
	long steps;     /* work done */
	bool truncated; /* stopped at YC_INTERVIEW_MAX_PATHS or YC_INTERVIEW_MAX_STEPS */
	int min_items, max_items;
	struct yc_interview_set *sets;
	int nsets;
	bool sets_truncated; /* more than YC_INTERVIEW_MAX_SETS distinct sets */
	long *shown;         /* shown[i]: paths on which question i is shown */
	long *applied;       /* applied[i]: paths on which outcome i applies */
	int nq, no;
};

/* The static check: enumerate every reachable combination of answers (a hidden question has no
 * answer; numbers, dates and regions by the classes their conditions distinguish) and add a
 * problem for each question never shown, each path without any item (with an example), each
 * outcome pair (or single outcome) that includes and excludes one item on one path, and when the
 * paths or the work exceed their caps. Fills `rep` (arena of the interview). Needs
 * iv->analysable; returns true when there was no problem. */
bool yc_interview_analyse(const struct yc_interview *iv, struct yc_interview_report *rep,
                          struct yc_problems *p);

/* Parse, then analyse when the structure allows it, so that every problem is listed at once. */
bool yc_interview_check(const json_t *def, const char *const *matter_items, int nitems,
                        struct yc_arena *a, struct yc_interview *iv,
                        struct yc_interview_report *rep, struct yc_problems *p);

/* The report for the admin page (new reference): {"paths", "complete", "min_items", "max_items",
 * "situations": [{"items", "paths", "example", "outcomes"}], "situations_truncated",
 * "questions": [{"id", "shown_paths"}], "outcomes": [{"index", "label", "applied_paths"}]}. */
json_t *yc_interview_report_json(const struct yc_interview *iv,
                                 const struct yc_interview_report *rep);

/* What a complete set of answers selects; everything borrowed from the interview or in the arena.
 */
struct yc_situation_core {
	bool complete;
	const char **items; /* final item codes, matter order */
	int nitems;
	struct yc_material_ref *add; /* materials added, first outcome first, one per (item, key) */
	int nadd;
	struct yc_material_ref *drop; /* materials dropped from the final items */
	int ndrop;
	const json_t **fields; /* form fields added, one per key (first wins) */
	int nfields;
	const char **notes; /* notes, in outcome order, without repeats */
	int nnotes;
	int *outcomes; /* indexes of the applied outcomes */
	int noutcomes;
};

/* One stateless step. `answers` is a JSON object question id → value (NULL or null values:
 * unanswered). Bad answers (wrong type, unknown id, an answer to a question not shown, a value
 * outside the options, a number outside min..max, a malformed date or region) are all added to p
 * under "answers.<id>" and give YC_E_BAD_INPUT. When a shown question is unanswered,
 * *next_questions is a new array of the shown, unanswered questions in definition order (their
 * definition objects without "when") and out->complete is false. Else *next_questions is NULL
 * and `out` holds the situation. A definition that did not parse gives YC_E_CONFLICT; a
 * complete path without any item (not possible after a clean analysis) gives YC_E_CONFLICT. */
enum yc_status yc_interview_step(const struct yc_interview *iv, const json_t *answers,
                                 struct yc_arena *a, json_t **next_questions,
                                 struct yc_situation_core *out, struct yc_problems *p);

/* The situation core as JSON (new reference): {"items": [codes], "add_materials": [...],
 * "drop_materials": [{"item","key"}], "fields": [...], "notes": [...], "outcomes": [indexes]}. */
json_t *yc_situation_core_json(const struct yc_situation_core *s);

#endif

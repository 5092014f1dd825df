/* form.h — the one merged form (一次表单) of a situation (issue 5, point 4; docs/forms.md).
 *
 * Each item keeps its own original form: fields with a key, a label, a type, optional constraints,
 * and the shared data element (数据元素, data/catalog/elements.json) each field records. The
 * merged form asks each element once for all items of a situation: fields naming the same element
 * become one field that carries the strictest of their constraints, and every difference is
 * reported to the administrator; fields without an element stay per item under the key
 * "<item code>.<field key>". `yc_form_unmerge` turns the merged answers back into each item's own
 * form, so that each department sees the form it knows.
 *
 * Pure: no I/O. Everything is allocated in the caller's arena, except the JSON that the *_json
 * functions and yc_form_unmerge return (the caller owns that reference). A form points into its
 * items (strings, conditions, compiled patterns): keep the items and their documents alive. */
#ifndef YICI_FORM_H
#define YICI_FORM_H

#include "arena.h"
#include "catalog.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* ---- the element dictionary ---- */

struct yc_element {
	const char *key, *label, *type, *note;
};

struct yc_elements {
	struct yc_element *v;
	int n;
};

/* Read the element dictionary (an array of {"key","label","type","note"}). Every problem goes to
 * p ("elements[3].type", ...); true when there was none. Strings point into `json`. */
bool yc_elements_parse(const json_t *json, struct yc_arena *a, struct yc_elements *out,
                       struct yc_problems *p);

/* The element with this key, or NULL. */
const struct yc_element *yc_element_find(const struct yc_elements *d, const char *key);

/* ---- the merged form ---- */

/* One original field that a merged field stands for. */
struct yc_form_source {
	int item; /* index into yc_form.items */
	const struct yc_form_field *field;
};

/* A field of the merged form. Constraints are the strictest of its sources'. */
struct yc_form_entry {
	const char *key; /* the element key; "<item code>.<field key>" without element; the field
	                    key itself in a single-item form */
	const char *label, *type, *element, *section, *help;
	bool required;                  /* required by some source */
	bool conditional;               /* some source has required_when (and none is required) */
	int64_t min_length, max_length; /* -1 when not set */
	bool has_min, has_max;
	double min, max;
	const struct yc_form_field **patterned; /* sources with a pattern: all must match */
	int npatterns;
	struct yc_form_option *options; /* the intersection; NULL when any value is allowed */
	int noptions;
	bool multiple; /* only when every source allows several */
	struct yc_form_source *sources;
	int nsources;
};

/* A cross-field rule of the merged form, in merged keys. */
struct yc_form_mrule {
	const char *kind, *field, *other, *message;
	int *items; /* indexes into yc_form.items of the items that state it */
	int nitems;
};

struct yc_form {
	const struct yc_item *const *items;
	int nitems;
	struct yc_form_entry *fields; /* in the order of first appearance */
	int nfields;
	struct yc_form_mrule *rules;
	int nrules;
	/* private: key index and, per item, the merged entry of each of its fields */
	int *index;
	unsigned index_mask;
	int **entry_of;
};

/* Merge the forms of the items of a situation (items[0..n-1], none NULL) with the element
 * dictionary `dict` (NULL: no dictionary; element fields then keep their own label and type).
 * Conflicts (no common option, a minimum above a maximum, an element missing from the
 * dictionary or of another type) are added to p under "form.<key>...". The form is built even
 * then; returns true when there was no conflict. */
bool yc_form_merge(const struct yc_item *const *items, int n, const struct yc_elements *dict,
                   struct yc_arena *a, struct yc_form *out, struct yc_problems *p);

/* The form of one item alone, keyed by its own field keys (for a department's own form). */
void yc_form_of_item(const struct yc_item *item, struct yc_arena *a, struct yc_form *out);

/* The entry with this key, or NULL. O(1). */
const struct yc_form_entry *yc_form_find(const struct yc_form *f, const char *key);

/* The merged form for the API and the UI (new reference):
 *   {"sections":[{"name", "fields":[{"key","label","type","element"?,"required",
 *                 "required_when"?, "min_length"?, "max_length"?, "min"?, "max"?,
 *                 "patterns"?, "options"?, "multiple"?, "help"?, "items":[codes]}]}],
 *    "rules":[{"kind","field","other"?,"message"?,"items":[codes]}],
 *    "report":[{"element","what","items":[{"item","value"}],"kept","message"}],
 *    "stats":{"items","fields_asked","fields_sum","materials_asked","materials_sum",
 *             "reduction_fields","reduction_materials",
 *             "reduction_fields_percent","reduction_materials_percent"}} */
json_t *yc_form_json(const struct yc_form *f);

/* The merge report alone (the "report" array above; new reference). */
json_t *yc_form_report(const struct yc_form *f);

/* Each item's own form filled from the merged answers (element → value):
 * {item code: {field key: value}} (new reference). Answers for unknown keys are ignored; a
 * single value goes into an item field that takes several files as a one-element array. */
json_t *yc_form_unmerge(const struct yc_form *f, const json_t *answers);

#endif

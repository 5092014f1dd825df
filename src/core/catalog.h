/* catalog.h — items (政务服务事项) and matters (一件事): their codes, their documents and the
 * checks that guard publishing (seed parts 2, 3, 11 and 12; docs/catalog.md).
 *
 * An item or a matter version is a JSON document (the import schema of docs/catalog.md). This
 * module turns documents into records, checks each field, and decides whether a matter version may
 * be published, returning every problem at once. Pure: no I/O; JSON through jansson. */
#ifndef YICI_CATALOG_H
#define YICI_CATALOG_H

#include "arena.h"
#include "err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

/* ---- codes ---- */

struct yc_code_parts {
	char type[3];   /* "01".."20" or "TC" */
	char main[6];   /* 5 digits */
	char sub[4];    /* 3 digits */
	char basic[11]; /* type + main + sub */
	char region12[13];
	char region[13]; /* region12 without trailing zeros of the town and village parts */
	char body[3];    /* implementing body number, 01..99 */
};

/* Parse a 24-character implementation code. `matter` selects the TC type code; an item code has a
 * 2-digit type from the GB/T 39046 table. Returns NULL when valid, else a Chinese reason. */
const char *yc_code_parse(const char *s, bool matter, struct yc_code_parts *out);

/* Compose a matter implementation code from its sequence number (1..99999), sub item number,
 * region (6 or 12 digits) and body number. false when a part is out of range. */
bool yc_matter_code_make(int64_t seq, int sub, const char *region, int body, char out[25]);

/* The Chinese name of an item type code ("01" → 行政许可), or NULL when unknown. */
const char *yc_item_type_name(const char *code);

/* ---- documents ---- */

enum yc_material_source { YC_SRC_APPLICANT, YC_SRC_GOVERNMENT, YC_SRC_SHARED };

struct yc_material {
	const char *key, *name;
	enum yc_material_source source;
	bool core, commitment;
	const char *form; /* original | copy | both */
	int64_t copies;
	const char *formats[4];
	int nformats;
	const char *sample, *note;
};

/* ---- form fields (docs/forms.md) ---- */

/* The field types, NULL-terminated: text number date enum region id_number credit_code phone
 * email address file bool. */
extern const char *const yc_field_types[];

struct yc_form_option {
	const char *value, *label;
};

struct pcre2_real_code_8; /* a compiled PCRE2 pattern (validate.h yc_pattern_compile) */

/* One field of an item's own form. Everything after `element` is an optional constraint; a field
 * without any is optional and checked only by its type. */
struct yc_form_field {
	const char *key, *label, *type, *element;
	bool required;
	const json_t *required_when;    /* a cond.h condition on the item's field keys, or NULL */
	int64_t min_length, max_length; /* code points; -1 when not set */
	bool has_min, has_max;          /* number fields */
	double min, max;
	const char *pattern;                   /* PCRE2, must match the whole value; or NULL */
	const struct pcre2_real_code_8 *regex; /* `pattern` compiled, owned by the parse arena */
	struct yc_form_option *options;        /* enum fields; NULL when any value is allowed */
	int noptions;
	const char *section, *help;
	bool multiple; /* file: several files; enum: several options */
};

/* A cross-field rule of an item's form ("form_rules"): kind is not_before (date `field` not
 * before date `other`), adult (ID number `field` of a person at least 18 years old), matches
 * (`field` equals `other`) or birth_date_of (date `field` is the birth date in ID number
 * `other`). `other` is NULL for adult; `message` is an optional Chinese message. */
struct yc_form_rule {
	const char *kind, *field, *other, *message;
};

struct yc_item {
	const char *code, *name, *type, *dept, *region, *basis, *conditions, *fees, *result, *kind;
	int64_t statutory_days, promised_days;
	int64_t result_valid_years; /* "valid_years": 0 长期, -1 not given (docs/results.md) */
	const char *channels[6];
	int nchannels;
	struct yc_material *materials;
	int nmaterials;
	struct yc_form_field *fields;
	int nfields;
	struct yc_form_rule *rules; /* "form_rules" */
	int nrules;
	struct yc_code_parts parts;
	/* filled by the caller from the store before a publish check */
	const char *dept_name; /* the department's name (for guides), NULL when unknown */
	bool dept_exists;
	bool abolished;
	bool needs_revision;
	int64_t version;
};

struct yc_matter {
	const char *code, *name, *audience, *theme, *region, *lead_dept, *description;
	const char *place, *hours, *phone, *complaint_phone;
	int64_t promised_days;
	const char *channels[6];
	int nchannels;
	bool cross_region;
	const char **items; /* implementation codes */
	int nitems;
	const json_t *interview; /* the guided interview (interview.h), NULL when there is none */
	struct yc_code_parts parts;
};

/* Every problem of a document or a publish check: the field (JSON path) and a Chinese message. */
struct yc_problem {
	const char *field;
	const char *message;
};
struct yc_problems {
	struct yc_problem *v;
	int n, cap;
	struct yc_arena *a;
};
void yc_problems_init(struct yc_problems *p, struct yc_arena *a);
void yc_problem_add(struct yc_problems *p, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Read an item document. Every field problem is added to p (prefix names the document, e.g.
 * "items[3]"); returns false when there was any. Strings point into `doc`. */
bool yc_item_from_json(const json_t *doc, const char *prefix, struct yc_arena *a,
                       struct yc_item *out, struct yc_problems *p);

/* A key of a field, material or question: 1 to 64 of [a-z0-9_]. */
bool yc_key_ok(const char *s);

/* Read one material object (the "materials" entries of an item document; also the materials an
 * interview outcome adds). Problems go under `prefix`; true when there was none. */
bool yc_material_from_json(const json_t *m, const char *prefix, struct yc_arena *a,
                           struct yc_material *out, struct yc_problems *p);

/* Read an array of form field objects (as an item's "fields"; also the fields an interview
 * outcome adds) under prefix ("<prefix>.fields[2].type"). true when there was no problem. */
bool yc_fields_from_json(const json_t *fields, const char *prefix, struct yc_arena *a,
                         struct yc_form_field **out, int *n, struct yc_problems *p);

/* Read a matter document; `code_required` false lets an import or a new draft omit the code. */
bool yc_matter_from_json(const json_t *doc, const char *prefix, bool code_required,
                         struct yc_arena *a, struct yc_matter *out, struct yc_problems *p);

/* The publish check of a matter version against the items it names (items[i] for m->items[i],
 * NULL when the item does not exist). Adds every problem to p; true when there is none. */
bool yc_matter_check_publish(const struct yc_matter *m, const struct yc_item *const *items,
                             struct yc_problems *p);

/* The differences between two item documents: [{"field","before","after"}], materials compared
 * by their key ("materials.health_cert"), everything else by top-level field. */
json_t *yc_item_diff(const json_t *before, const json_t *after);

/* One Chinese line naming the differences, for a matter's revision note. */
char *yc_diff_summary(struct yc_arena *a, const char *item_name, const char *basis,
                      const json_t *diff);

/* Theme names per audience (docs/catalog.md). */
bool yc_theme_valid(const char *audience, const char *theme);

#endif

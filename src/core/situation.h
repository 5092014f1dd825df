/* situation.h — the situation (情形) that complete interview answers select, as the applicant is
 * told it once (一次告知): the items that apply, each with the materials the outcomes added or
 * dropped; the merged material list (each material once, with its flags); the one merged form
 * (each data element asked once, form.h); time limits, fees, notes, and the service guide of
 * exactly that situation. A matter without an interview has one situation: all its items.
 *
 * Pure: no I/O. Everything lives in the caller's arena or in the documents it borrows from
 * (keep the matter, its items and the interview alive); *_json return new references. */
#ifndef YICI_SITUATION_H
#define YICI_SITUATION_H

#include "catalog.h"
#include "form.h"
#include "interview.h"

#include <jansson.h>
#include <stdbool.h>

struct yc_situation {
	struct yc_matter m;           /* the matter narrowed to the situation's items */
	const struct yc_item **items; /* the situation's items (copies with adjusted materials),
	                                 in m.items order */
	int nitems;
	const char **notes;
	int nnotes;
	struct yc_form form; /* the merged form of the situation */
	bool form_ok;        /* the merge found no conflict */
};

/* The situation of `sc` (NULL: every item of the matter, no outcome). items[i] belongs to
 * m->items[i] and none is NULL. Materials an outcome adds as full objects are read with the
 * catalog's material rules; one it names by key must be a material of that item. Problems go to p
 * (a material added twice is kept once; a form conflict is a problem). Returns false when there
 * was a problem; `out` is usable in either case. */
bool yc_situation_make(const struct yc_matter *m, const struct yc_item *const *items,
                       const struct yc_situation_core *sc, const struct yc_elements *dict,
                       struct yc_arena *a, struct yc_situation *out, struct yc_problems *p);

/* The situation for the API (new reference):
 *   {"items":[{"code","name","type","dept","kind","statutory_days","promised_days","fees",
 *              "result"}],
 *    "materials":[merged, as in the guide], "form":{yc_form_json},
 *    "promised_days", "statutory_days" (the longest statutory limit of the items, which run in
 *    parallel), "items_promised_days" (the sum of the items' own promised limits, handled one
 *    after the other), "fees":[{"item","fees"}], "notes":[...],
 *    "guide":{yc_guide_build of the narrowed matter}} */
json_t *yc_situation_json(const struct yc_situation *s, int64_t version);

/* The material slots of the situation: its merged materials (by name, as in the guide), each with
 * a stable slot key "<item code>.<material key>" of the first item that asks for it (new
 * reference): [{"slot","name","source","core","commitment","form","copies","formats",
 * "items":[codes]}]. A case keeps one file (or a commitment, or a tolerance) per slot. */
json_t *yc_situation_slots(const struct yc_situation *s);

#endif

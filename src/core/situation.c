/* situation.c — the situation of complete interview answers; see situation.h. */
#include "situation.h"

#include "guide.h"

#include <stdio.h>
#include <string.h>

static int item_at(const struct yc_matter *m, const char *code)
{
	for (int i = 0; i < m->nitems; i++)
		if (strcmp(m->items[i], code) == 0)
			return i;
	return -1;
}

static int material_at(const struct yc_item *it, const char *key)
{
	for (int k = 0; k < it->nmaterials; k++)
		if (it->materials[k].key && strcmp(it->materials[k].key, key) == 0)
			return k;
	return -1;
}

/* A copy of item `src` with the outcomes' materials for it added and dropped. */
static const struct yc_item *adjust(const struct yc_item *src, const struct yc_situation_core *sc,
                                    struct yc_arena *a, struct yc_problems *p)
{
	int extra = 0;
	for (int i = 0; sc && i < sc->nadd; i++)
		extra += strcmp(sc->add[i].item, src->code) == 0;
	struct yc_item *it = yc_alloc(a, sizeof *it);
	*it = *src;
	it->materials = yc_alloc(a, sizeof *it->materials * (size_t)(src->nmaterials + extra + 1));
	it->nmaterials = 0;
	for (int k = 0; k < src->nmaterials; k++) {
		bool dropped = false;
		for (int i = 0; sc && i < sc->ndrop && !dropped; i++)
			dropped = strcmp(sc->drop[i].item, src->code) == 0 &&
			          strcmp(sc->drop[i].key, src->materials[k].key) == 0;
		if (!dropped)
			it->materials[it->nmaterials++] = src->materials[k];
	}
	for (int i = 0; sc && i < sc->nadd; i++) {
		const struct yc_material_ref *r = &sc->add[i];
		if (strcmp(r->item, src->code) != 0)
			continue;
		const char *where = yc_printf(a, "outcomes[%d].add_materials", r->outcome);
		if (!r->material) { /* the item's own material, named by key: it is there already */
			if (material_at(src, r->key) < 0)
				yc_problem_add(p, where, "事项“%s”没有材料“%s”", src->name, r->key);
			continue;
		}
		if (material_at(it, r->key) >= 0)
			continue; /* the item has it already: listed once */
		struct yc_material m;
		if (yc_material_from_json(r->material, where, a, &m, p))
			it->materials[it->nmaterials++] = m;
	}
	return it;
}

bool yc_situation_make(const struct yc_matter *m, const struct yc_item *const *items,
                       const struct yc_situation_core *sc, const struct yc_elements *dict,
                       struct yc_arena *a, struct yc_situation *out, struct yc_problems *p)
{
	int before = p->n;
	memset(out, 0, sizeof *out);
	out->m = *m;
	int n = sc ? sc->nitems : m->nitems;
	out->m.items = yc_alloc(a, sizeof *out->m.items * (size_t)(n + 1));
	out->items = yc_alloc(a, sizeof *out->items * (size_t)(n + 1));
	out->m.nitems = 0;
	for (int i = 0; i < n; i++) {
		int at = sc ? item_at(m, sc->items[i]) : i;
		if (at < 0) {
			yc_problem_add(p, "items", "情形中的事项“%s”不属于本一件事", sc->items[i]);
			continue;
		}
		out->m.items[out->m.nitems] = m->items[at];
		out->items[out->m.nitems] = adjust(items[at], sc, a, p);
		out->m.nitems++;
	}
	out->nitems = out->m.nitems;
	if (sc) {
		out->notes = sc->notes;
		out->nnotes = sc->nnotes;
	}
	/* fields the outcomes add belong to the matter itself: one more form beside the items' */
	int nforms = out->nitems;
	const struct yc_item **forms = out->items;
	if (sc && sc->nfields) {
		json_t *list = json_array();
		for (int i = 0; i < sc->nfields; i++)
			json_array_append(list, (json_t *)sc->fields[i]);
		struct yc_item *extra = yc_alloc(a, sizeof *extra);
		extra->code = m->code;
		extra->name = yc_printf(a, "%s（情形补充）", m->name);
		extra->dept = m->lead_dept;
		yc_fields_from_json(list, "outcomes.add_fields", a, &extra->fields, &extra->nfields,
		                    p);
		json_decref(
		    list); /* the field strings point into the outcome objects, still alive */
		forms = yc_alloc(a, sizeof *forms * (size_t)(nforms + 2));
		memcpy(forms, out->items, sizeof *forms * (size_t)nforms);
		forms[nforms++] = extra;
	}
	out->form_ok = yc_form_merge(forms, nforms, dict, a, &out->form, p);
	return p->n == before;
}

json_t *yc_situation_json(const struct yc_situation *s, int64_t version)
{
	json_t *items = json_array(), *fees = json_array(), *notes = json_array();
	int64_t statutory = 0, promised_sum = 0;
	for (int i = 0; i < s->nitems; i++) {
		const struct yc_item *it = s->items[i];
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s, s:I, s:I, s:s?, s:s?}", "code",
		              it->code, "name", it->name, "type", it->type, "dept", it->dept,
		              "dept_name", it->dept_name, "kind", it->kind ? it->kind : "promised",
		              "statutory_days", (json_int_t)it->statutory_days, "promised_days",
		              (json_int_t)it->promised_days, "fees", it->fees, "result",
		              it->result));
		if (it->statutory_days > statutory)
			statutory = it->statutory_days;
		promised_sum += it->promised_days;
		if (it->fees && it->fees[0])
			json_array_append_new(
			    fees, json_pack("{s:s, s:s}", "item", it->name, "fees", it->fees));
	}
	for (int i = 0; i < s->nnotes; i++)
		json_array_append_new(notes, json_string(s->notes[i]));
	const struct yc_item *const *its = (const struct yc_item *const *)s->items;
	return json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:o, s:o}", "items", items,
	                 "materials", yc_guide_materials(&s->m, its), "form",
	                 yc_form_json(&s->form), "promised_days", (json_int_t)s->m.promised_days,
	                 "statutory_days", (json_int_t)statutory, "items_promised_days",
	                 (json_int_t)promised_sum, "fees", fees, "notes", notes, "guide",
	                 yc_guide_build(&s->m, version, its));
}

static const char *source_code(enum yc_material_source s)
{
	return s == YC_SRC_SHARED ? "shared" : s == YC_SRC_GOVERNMENT ? "government" : "applicant";
}

json_t *yc_situation_slots(const struct yc_situation *s)
{
	json_t *list = json_array();
	for (int i = 0; i < s->nitems; i++) {
		const struct yc_item *it = s->items[i];
		for (int k = 0; k < it->nmaterials; k++) {
			const struct yc_material *x = &it->materials[k];
			json_t *found = NULL, *v;
			size_t j;
			json_array_foreach(list, j, v)
			{
				if (strcmp(json_string_value(json_object_get(v, "name")),
				           x->name) == 0)
					found = v;
			}
			if (found) { /* one slot; the strictest flags win */
				json_array_append_new(json_object_get(found, "items"),
				                      json_string(it->code));
				if (x->core)
					json_object_set_new(found, "core", json_true());
				if (!x->commitment)
					json_object_set_new(found, "commitment", json_false());
				continue;
			}
			char slot[128]; /* a 24-character code, '.', a key of at most 64 characters
			                 */
			int sn =
			    snprintf(slot, sizeof slot, "%s.%s", it->code, x->key ? x->key : "");
			if (sn < 0 || (size_t)sn >= sizeof slot)
				continue; /* cannot happen with checked codes and keys */
			json_t *formats = json_array();
			for (int f = 0; f < x->nformats; f++)
				json_array_append_new(formats, json_string(x->formats[f]));
			json_array_append_new(
			    list, json_pack("{s:s, s:s, s:s, s:b, s:b, s:s, s:I, s:o, s:[s]}",
			                    "slot", slot, "name", x->name, "source",
			                    source_code(x->source), "core", x->core, "commitment",
			                    x->commitment, "form", x->form ? x->form : "original",
			                    "copies", (json_int_t)x->copies, "formats", formats,
			                    "items", it->code));
		}
	}
	return list;
}

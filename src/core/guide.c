/* guide.c — service guides; see guide.h. */
#include "guide.h"

#include <string.h>

static const char *source_name(enum yc_material_source s)
{
	return s == YC_SRC_SHARED ? "shared" : s == YC_SRC_GOVERNMENT ? "government" : "applicant";
}

json_t *yc_guide_materials(const struct yc_matter *m, const struct yc_item *const *items)
{
	json_t *list = json_array();
	for (int i = 0; i < m->nitems; i++) {
		const struct yc_item *it = items[i];
		for (int k = 0; k < it->nmaterials; k++) {
			const struct yc_material *x = &it->materials[k];
			json_t *found = NULL;
			size_t j;
			json_t *v;
			json_array_foreach(list, j, v)
			{
				if (strcmp(json_string_value(json_object_get(v, "name")),
				           x->name) == 0)
					found = v;
			}
			if (found) { /* listed once; the strictest copies and form win */
				json_array_append_new(json_object_get(found, "items"),
				                      json_string(it->name));
				if (x->copies >
				    json_integer_value(json_object_get(found, "copies")))
					json_object_set_new(found, "copies",
					                    json_integer(x->copies));
				if (strcmp(x->form, "both") == 0)
					json_object_set_new(found, "form", json_string("both"));
				continue;
			}
			json_t *formats = json_array();
			for (int f = 0; f < x->nformats; f++)
				json_array_append_new(formats, json_string(x->formats[f]));
			json_t *mat =
			    json_pack("{s:s, s:s, s:b, s:b, s:s, s:I, s:o, s:[s]}", "name", x->name,
			              "source", source_name(x->source), "core", x->core,
			              "commitment", x->commitment, "form", x->form, "copies",
			              (json_int_t)x->copies, "formats", formats, "items", it->name);
			if (x->sample)
				json_object_set_new(mat, "sample", json_string(x->sample));
			if (x->note)
				json_object_set_new(mat, "note", json_string(x->note));
			json_array_append_new(list, mat);
		}
	}
	return list;
}

static json_t *per_item(const struct yc_matter *m, const struct yc_item *const *items,
                        size_t offset)
{
	json_t *a = json_array();
	for (int i = 0; i < m->nitems; i++) {
		const char *text = *(const char *const *)((const char *)items[i] + offset);
		if (text && text[0])
			json_array_append_new(
			    a, json_pack("{s:s, s:s}", "item", items[i]->name, "text", text));
	}
	return a;
}

static json_t *strs(const char *const *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *yc_guide_build(const struct yc_matter *m, int64_t version,
                       const struct yc_item *const *items)
{
	json_t *statutory = json_array(), *results = json_array();
	int64_t max_statutory = 0;
	bool all_immediate = m->nitems > 0;
	for (int i = 0; i < m->nitems; i++) {
		const struct yc_item *it = items[i];
		json_array_append_new(statutory,
		                      json_pack("{s:s, s:I, s:I, s:s}", "item", it->name, "days",
		                                (json_int_t)it->statutory_days, "promised_days",
		                                (json_int_t)it->promised_days, "kind",
		                                it->kind ? it->kind : "promised"));
		if (it->statutory_days > max_statutory)
			max_statutory = it->statutory_days;
		if (!it->kind || strcmp(it->kind, "immediate") != 0)
			all_immediate = false;
		if (it->result)
			json_array_append_new(results,
			                      json_pack("{s:s, s:s, s:s, s:s?}", "item", it->name,
			                                "name", it->result, "dept", it->dept,
			                                "dept_name", it->dept_name));
	}
	/* 实施主体: each item's department, once per department */
	json_t *bodies = json_array();
	for (int i = 0; i < m->nitems; i++) {
		bool seen = false;
		for (int k = 0; k < i && !seen; k++)
			seen = items[k]->dept && items[i]->dept &&
			       strcmp(items[k]->dept, items[i]->dept) == 0;
		if (!seen && items[i]->dept)
			json_array_append_new(bodies,
			                      json_pack("{s:s, s:s?}", "dept", items[i]->dept,
			                                "name", items[i]->dept_name));
	}
	json_t *procedure = json_array();
	json_array_append_new(procedure,
	                      json_string("一次告知：查阅本指南，通过智能导办确认情形和所需材料"));
	json_array_append_new(
	    procedure, json_string("一次表单：填写一张表单，提交一套材料（线上或综合窗口）"));
	json_array_append_new(
	    procedure,
	    json_string(
	        "一次受理：综合窗口审核，材料齐全的当场受理，不齐全的一次性告知需补正的全部内容"));
	json_array_append_new(
	    procedure, json_string("一次联办：受理后分送各部门并联审批，需要时联合踏勘、联合评审"));
	json_array_append_new(
	    procedure, json_string("一次送达：全部办结后，办理结果按申请人选择的方式一次送达"));
	json_t *g = json_pack(
	    "{s:{s:s, s:s, s:I, s:s, s:s}, s:s, s:I, s:o, s:o, s:o, s:o, s:{s:I, s:I, s:b, "
	    "s:o}, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o}",
	    "matter", "code", m->code ? m->code : "", "name", m->name, "version",
	    (json_int_t)version, "audience", m->audience, "theme", m->theme, "state", "generated",
	    "version", (json_int_t)version, "basis",
	    per_item(m, items, offsetof(struct yc_item, basis)), "conditions",
	    per_item(m, items, offsetof(struct yc_item, conditions)), "materials",
	    yc_guide_materials(m, items), "procedure", procedure, "time_limit", "promised_days",
	    (json_int_t)m->promised_days, "max_statutory_days", (json_int_t)max_statutory,
	    "immediate", all_immediate, "statutory_days", statutory, "fees",
	    per_item(m, items, offsetof(struct yc_item, fees)), "place", jstr(m->place), "hours",
	    jstr(m->hours), "channels", strs(m->channels, m->nchannels), "phone", jstr(m->phone),
	    "complaint_phone", jstr(m->complaint_phone), "results", results, "cross_region",
	    m->cross_region, "description", jstr(m->description));
	json_object_set_new(g, "depts", bodies);
	return g;
}

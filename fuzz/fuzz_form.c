/* fuzz_form.c — libFuzzer harness for the forms: an item's form fields and rules as the catalog
 * reads them (src/core/catalog.h), the merged form (form.h) and the validation engine
 * (validate.h).
 *
 * Input: ITEMS "\n--\n" VALUES. ITEMS is JSON text: one item document (an object) or an array of
 * up to 6; VALUES is any JSON (the filled form; an object in real use). Item keys that have
 * nothing to do with the form (code, name, type, dept, region, basis, days, kind) are filled in
 * with valid defaults when the input does not give them, one distinct code per position, so that
 * the input can stay small: {"fields":[...],"form_rules":[...]} is a whole item. Items that read
 * with any problem are left out (the publish check refuses them), the others are
 *   - merged without a dictionary and with the element dictionary (data/catalog/elements.json,
 *     or the file named by YC_FUZZ_ELEMENTS), each merged form rendered (form JSON, report) and
 *     VALUES validated against it (errors rendered; unmerged when valid);
 *   - each validated alone against its own form (yc_form_of_item).
 * Everything is freed at the end of each run, so LeakSanitizer sees any leak. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "catalog.h"
#include "form.h"
#include "validate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 6
#define TODAY     20260615

static json_t *elements_doc;
static struct yc_arena *elements_arena;
static struct yc_elements elements;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *path = getenv("YC_FUZZ_ELEMENTS");
	if (!path)
		path = "data/catalog/elements.json";
	json_error_t je;
	elements_doc = json_load_file(path, 0, &je);
	if (!elements_doc) {
		fprintf(stderr, "fuzz_form: cannot read the element dictionary %s: %s\n", path,
		        je.text);
		exit(2);
	}
	elements_arena = yc_arena_new();
	struct yc_problems p;
	yc_problems_init(&p, elements_arena);
	if (!yc_elements_parse(elements_doc, elements_arena, &elements, &p)) {
		fprintf(stderr, "fuzz_form: %s: %d problems\n", path, p.n);
		exit(2);
	}
	return 0;
}

/* Valid item codes with their type, department and region (from the demo catalog). */
static const struct {
	const char *code, *type, *dept, *region, *kind;
	int statutory, promised;
} defaults[MAX_ITEMS] = {
    {"010000100043010400000001", "01", "114301047267147587", "430104", "promised", 3, 1},
    {"100000200043010400000001", "10", "11430104136270106C", "430104", "promised", 3, 1},
    {"070000400043010400000001", "07", "114301049972837939", "430104", "immediate", 15, 0},
    {"200000500043010000000001", "20", "12430100347787682X", "430100", "immediate", 5, 0},
    {"050002000043010400000001", "05", "11430104298416227D", "430104", "promised", 20, 10},
    {"040003400043010400000001", "04", "114301047981933142", "430104", "immediate", 5, 0},
};

static void fill(json_t *doc, int i)
{
	if (!json_is_object(doc))
		return;
	if (!json_object_get(doc, "code")) {
		json_object_set_new(doc, "code", json_string(defaults[i].code));
		if (!json_object_get(doc, "type"))
			json_object_set_new(doc, "type", json_string(defaults[i].type));
		if (!json_object_get(doc, "region"))
			json_object_set_new(doc, "region", json_string(defaults[i].region));
	}
	if (!json_object_get(doc, "name"))
		json_object_set_new(doc, "name", json_sprintf("事项%d", i + 1));
	if (!json_object_get(doc, "dept"))
		json_object_set_new(doc, "dept", json_string(defaults[i].dept));
	if (!json_object_get(doc, "basis"))
		json_object_set_new(doc, "basis", json_string("《测试条例》"));
	if (!json_object_get(doc, "kind")) {
		json_object_set_new(doc, "kind", json_string(defaults[i].kind));
		if (!json_object_get(doc, "statutory_days"))
			json_object_set_new(doc, "statutory_days",
			                    json_integer(defaults[i].statutory));
		if (!json_object_get(doc, "promised_days"))
			json_object_set_new(doc, "promised_days",
			                    json_integer(defaults[i].promised));
	}
}

static void check(const struct yc_form *f, const json_t *values, struct yc_arena *a)
{
	struct yc_form_errors errs;
	bool ok = yc_form_validate(f, values, TODAY, a, &errs);
	json_decref(yc_form_errors_json(&errs));
	if (ok)
		json_decref(yc_form_unmerge(f, values));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sep = memmem(data, size, "\n--\n", 4);
	size_t dn = sep ? (size_t)(sep - (const char *)data) : size;
	json_t *docs = json_loadb((const char *)data, dn, JSON_DECODE_ANY, NULL);
	json_t *values = sep ? json_loadb(sep + 4, size - dn - 4, JSON_DECODE_ANY, NULL) : NULL;
	if (!docs || !(json_is_object(docs) || json_is_array(docs))) {
		json_decref(docs);
		json_decref(values);
		return 0;
	}
	if (json_is_object(docs)) {
		json_t *arr = json_array();
		json_array_append_new(arr, docs);
		docs = arr;
	}
	struct yc_arena *a = yc_arena_new();
	struct yc_item it[MAX_ITEMS];
	const struct yc_item *good[MAX_ITEMS];
	int n = 0;
	for (size_t i = 0; i < json_array_size(docs) && i < MAX_ITEMS; i++) {
		json_t *doc = json_array_get(docs, i);
		fill(doc, (int)i);
		struct yc_problems p;
		yc_problems_init(&p, a);
		if (yc_item_from_json(doc, yc_printf(a, "items[%zu]", i), a, &it[n], &p))
			good[n] = &it[n], n++;
	}
	if (n > 0) {
		for (int d = 0; d < 2; d++) {
			struct yc_problems p;
			yc_problems_init(&p, a);
			struct yc_form f;
			yc_form_merge(good, n, d ? &elements : NULL, a, &f, &p);
			json_decref(yc_form_json(&f));
			json_decref(yc_form_report(&f));
			check(&f, values, a);
		}
		for (int i = 0; i < n; i++) {
			struct yc_form f;
			yc_form_of_item(good[i], a, &f);
			check(&f, values, a);
		}
	}
	yc_arena_free(a);
	json_decref(docs);
	json_decref(values);
	return 0;
}

/* catalog_cmd.c — `yici catalog import FILE` and `yici catalog export [FILE]`, and the demo catalog
 * that `yici demo` loads (data/catalog/demo.json, compiled in). */
#include "cli.h"

#include "../app/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const unsigned char yc_demo_catalog[];
extern const unsigned long yc_demo_catalog_len;

struct import_ctx {
	struct yc_arena *a;
	const json_t *doc;
	bool publish;
	struct yc_problems p;
	int items, matters;
	bool skip_if_present;
	bool skipped;
};

static enum yc_status import_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct import_ctx *c = vctx;
	const struct yc_actor who = {.id = 0, .username = "system", .role = "system"};
	yc_problems_init(&c->p, c->a);
	if (c->skip_if_present) {
		/* the demo catalog is loaded once: its first item marks it */
		const json_t *first = json_array_get(json_object_get(c->doc, "items"), 0);
		const char *code = json_string_value(json_object_get(first, "code"));
		struct yc_item_row row;
		enum yc_status st = code ? yc_item_get(db, c->a, code, 0, &row, e) : YC_E_NOT_FOUND;
		if (st == YC_OK) {
			c->skipped = true;
			return YC_OK;
		}
		if (st != YC_E_NOT_FOUND)
			return st;
	}
	return yc_app_catalog_import(db, c->a, &who, (int64_t)time(NULL), c->doc, c->publish, &c->p,
	                             &c->items, &c->matters, e);
}

static void print_problems(const struct yc_problems *p)
{
	for (int i = 0; i < p->n; i++)
		fprintf(stderr, "  %s: %s\n",
		        p->v[i].field && p->v[i].field[0] ? p->v[i].field : "-", p->v[i].message);
}

/* Import a catalog document in one transaction; prints every problem. */
static enum yc_status import_doc(struct yc_store *s, const json_t *doc, bool publish,
                                 bool skip_if_present, int *items, int *matters, bool *skipped,
                                 struct yc_error *e)
{
	struct import_ctx c = {.a = yc_arena_new(),
	                       .doc = doc,
	                       .publish = publish,
	                       .skip_if_present = skip_if_present};
	enum yc_status st = yc_store_tx(s, YC_TX_WRITE, import_tx, &c, e);
	if (st == YC_OK && !c.skipped) /* plans for the new rows, before the first search */
		yc_store_analyze(s, NULL);
	if (st == YC_E_BAD_INPUT && c.p.n) {
		fprintf(stderr, "yici: the catalog has %d problem(s); nothing was imported:\n",
		        c.p.n);
		print_problems(&c.p);
	}
	*items = c.items;
	*matters = c.matters;
	if (skipped)
		*skipped = c.skipped;
	yc_arena_free(c.a);
	return st;
}

enum yc_status yc_cli_demo_catalog(struct yc_store *s, int *added, struct yc_error *e)
{
	json_error_t jerr;
	json_t *doc = json_loadb((const char *)yc_demo_catalog, yc_demo_catalog_len, 0, &jerr);
	if (!doc)
		return yc_fail(e, YC_E_INTERNAL, "demo.json", "演示目录数据不是有效的 JSON");
	int items = 0, matters = 0;
	bool skipped = false;
	enum yc_status st = import_doc(s, doc, true, true, &items, &matters, &skipped, e);
	json_decref(doc);
	*added = items + matters;
	return st;
}

int yc_cli_catalog_import(struct yc_store *s, const char *file, bool publish)
{
	json_error_t jerr;
	json_t *doc = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		fprintf(stderr, "yici: %s: not valid JSON: %s (line %d, column %d)\n", file,
		        jerr.text, jerr.line, jerr.column);
		return 1;
	}
	struct yc_error e = {0};
	int items = 0, matters = 0;
	enum yc_status st = import_doc(s, doc, publish, false, &items, &matters, NULL, &e);
	json_decref(doc);
	if (st != YC_OK) {
		if (st != YC_E_BAD_INPUT)
			fprintf(stderr, "yici: import failed: %s [%s]\n",
			        e.message ? e.message : "", yc_store_detail());
		return 1;
	}
	printf("imported %d item(s) and %d matter(s)%s\n", items, matters,
	       publish ? ", matters published" : " as drafts");
	return 0;
}

struct export_ctx {
	struct yc_arena *a;
	json_t *out;
};

static enum yc_status export_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct export_ctx *c = vctx;
	json_t *items = json_array(), *matters = json_array(), *syn = json_array();
	c->out = json_pack("{s:s, s:o, s:o, s:o}", "format", "yici-catalog/1", "items", items,
	                   "matters", matters, "synonyms", syn);
	struct yc_page pg = {.page = 1, .per_page = 200};
	struct yc_item_filter f = {0};
	for (;; pg.page++) {
		struct yc_item_row *rows;
		int64_t n, total;
		enum yc_status st = yc_item_list(db, c->a, &f, &pg, &rows, &n, &total, e);
		if (st != YC_OK)
			return st;
		for (int64_t i = 0; i < n; i++)
			json_array_append_new(items, json_loads(rows[i].doc, 0, NULL));
		if (pg.page * pg.per_page >= total)
			break;
	}
	struct yc_matter_filter mf = {0};
	for (pg.page = 1;; pg.page++) {
		struct yc_matter_row *rows;
		int64_t n, total;
		enum yc_status st = yc_matter_admin_list(db, c->a, &mf, &pg, &rows, &n, &total, e);
		if (st != YC_OK)
			return st;
		for (int64_t i = 0; i < n; i++) {
			int64_t v = rows[i].published_version ? rows[i].published_version
			                                      : rows[i].draft_version;
			struct yc_matter_version mv;
			if (!v || yc_matter_version_get(db, c->a, rows[i].code, v, &mv, e) != YC_OK)
				continue;
			json_t *doc = json_loads(mv.doc, 0, NULL);
			/* the matter's state travels with it, so that an import keeps drafts and
			 * abolished matters as they are */
			json_object_set_new(doc, "state", json_string(rows[i].state));
			json_array_append_new(matters, doc);
		}
		if (pg.page * pg.per_page >= total)
			break;
	}
	struct yc_synonym *ss;
	int64_t ns;
	enum yc_status st = yc_synonym_list(db, c->a, &ss, &ns, e);
	for (int64_t i = 0; st == YC_OK && i < ns; i++)
		json_array_append_new(
		    syn, json_pack("{s:s, s:s}", "term", ss[i].term, "target", ss[i].target));
	return st;
}

int yc_cli_catalog_export(struct yc_store *s, const char *file)
{
	struct export_ctx c = {.a = yc_arena_new()};
	struct yc_error e = {0};
	enum yc_status st = yc_store_tx(s, YC_TX_READ, export_tx, &c, &e);
	int rc = 0;
	if (st != YC_OK) {
		fprintf(stderr, "yici: export failed: %s\n", e.message ? e.message : "");
		rc = 1;
	} else if (file) {
		if (json_dump_file(c.out, file, JSON_INDENT(1) | JSON_ENSURE_ASCII * 0) != 0) {
			fprintf(stderr, "yici: cannot write %s\n", file);
			rc = 1;
		}
	} else {
		json_dumpf(c.out, stdout, JSON_INDENT(1));
		fputc('\n', stdout);
	}
	json_decref(c.out);
	yc_arena_free(c.a);
	return rc;
}

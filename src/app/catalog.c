/* catalog.c — catalog use cases; see app.h. */
#include "app.h"

#include "../core/codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *yc_app_json_text(struct yc_arena *a, const json_t *v)
{
	if (!v)
		return NULL;
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!s)
		return NULL;
	char *out = yc_strdup(a, s);
	free(s);
	return out;
}

enum yc_status yc_app_audit(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                            int64_t now, const char *action, const char *entity,
                            const char *entity_id, const char *region, const json_t *before,
                            const json_t *after, struct yc_error *e)
{
	struct yc_audit_entry row = {.at = now,
	                             .actor_id = who->id,
	                             .actor_username = who->username,
	                             .actor_role = who->role,
	                             .action = action,
	                             .entity = entity,
	                             .entity_id = entity_id,
	                             .region = region,
	                             .before = yc_app_json_text(a, before),
	                             .after = yc_app_json_text(a, after)};
	return yc_audit_append(db, &row, e);
}

static enum yc_status problems(struct yc_problems *p, struct yc_error *e)
{
	return yc_fail(e, YC_E_BAD_INPUT, p->n ? p->v[0].field : NULL,
	               yc_printf(p->a, "共发现 %d 个问题，请逐条修正", p->n));
}

enum yc_status yc_app_item_create(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, const json_t *doc, const char *prefix,
                                  struct yc_problems *p, struct yc_error *e)
{
	struct yc_item it;
	int before = p->n;
	yc_item_from_json(doc, prefix, a, &it, p);
	const char *pre = prefix && prefix[0] ? yc_printf(a, "%s.", prefix) : "";
	if (it.dept && p->n == before) {
		struct yc_dept d;
		enum yc_status st = yc_dept_get(db, a, it.dept, &d, e);
		if (st == YC_E_NOT_FOUND)
			yc_problem_add(p, yc_printf(a, "%sdept", pre), "部门 %s 不存在", it.dept);
		else if (st != YC_OK)
			return st;
		else if (it.region && strcmp(d.region, it.region) != 0)
			yc_problem_add(p, yc_printf(a, "%sregion", pre),
			               "部门“%s”属于行政区划 %s，与事项的区划 %s 不一致", d.name,
			               d.region, it.region);
	}
	if (p->n != before)
		return problems(p, e);
	char *text = yc_app_json_text(a, doc);
	enum yc_status st = yc_item_insert(
	    db, it.code, it.parts.basic, it.parts.type, it.parts.main, it.parts.sub,
	    it.parts.region12, it.parts.body, it.name, it.dept, it.region, text, now, e);
	if (st == YC_E_CONFLICT) {
		yc_problem_add(p, yc_printf(a, "%scode", pre),
		               "实施编码 %s 已被使用（编码不可重复使用）", it.code);
		return problems(p, e);
	}
	if (st != YC_OK)
		return st;
	struct yc_search_doc sd = {
	    .kind = "item", .code = it.code, .name = it.name, .dept = it.dept, .region = it.region};
	if ((st = yc_search_put(db, a, &sd, e)) != YC_OK)
		return st;
	json_t *after = json_pack("{s:s, s:s, s:s, s:i}", "code", it.code, "name", it.name, "dept",
	                          it.dept, "version", 1);
	st = yc_app_audit(db, a, who, now, "item.create", "item", it.code, it.region, NULL, after,
	                  e);
	json_decref(after);
	return st;
}

enum yc_status yc_app_item_load(struct yc_db *db, struct yc_arena *a, const char *code,
                                int64_t version, struct yc_item_row *row, struct yc_item *item,
                                json_t **doc, struct yc_error *e)
{
	*doc = NULL;
	enum yc_status st = yc_item_get(db, a, code, version, row, e);
	if (st != YC_OK)
		return st;
	*doc = json_loads(row->doc, 0, NULL);
	struct yc_problems p;
	yc_problems_init(&p, a);
	if (!*doc || !yc_item_from_json(*doc, "", a, item, &p))
		return yc_fail(e, YC_E_INTERNAL, NULL, "事项数据损坏");
	item->version = row->version;
	item->abolished = strcmp(row->state, "abolished") == 0;
	item->dept_exists = row->dept_name != NULL;
	item->dept_name = row->dept_name;
	return YC_OK;
}

static enum yc_status check_refs(struct yc_db *db, struct yc_arena *a, const struct yc_matter *m,
                                 const char *pre, struct yc_problems *p, struct yc_error *e)
{
	if (m->region) {
		struct yc_region g;
		enum yc_status st = yc_region_get(db, a, m->region, &g, e);
		if (st == YC_E_NOT_FOUND)
			yc_problem_add(p, yc_printf(a, "%sregion", pre), "行政区划 %s 不存在",
			               m->region);
		else if (st != YC_OK)
			return st;
	}
	for (int i = 0; i < m->nitems; i++) {
		if (!m->items[i])
			continue;
		struct yc_item_row row;
		enum yc_status st = yc_item_get(db, a, m->items[i], 0, &row, e);
		if (st == YC_E_NOT_FOUND)
			yc_problem_add(p, yc_printf(a, "%sitems[%d]", pre, i), "涉及事项 %s 不存在",
			               m->items[i]);
		else if (st != YC_OK)
			return st;
	}
	return YC_OK;
}

enum yc_status yc_app_matter_create(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, int64_t now, const json_t *doc,
                                    const char *prefix, struct yc_problems *p, const char **code,
                                    struct yc_error *e)
{
	struct yc_matter m;
	int before = p->n;
	const char *pre = prefix && prefix[0] ? yc_printf(a, "%s.", prefix) : "";
	yc_matter_from_json(doc, prefix, false, a, &m, p);
	enum yc_status st = check_refs(db, a, &m, pre, p, e);
	if (st != YC_OK)
		return st;
	if (p->n != before)
		return problems(p, e);
	int64_t seq;
	char buf[25];
	if (m.code) {
		seq = strtoll(m.parts.main, NULL, 10);
		if ((st = yc_counter_raise(db, "matter.TC", seq, e)) != YC_OK)
			return st;
	} else {
		if ((st = yc_counter_next(db, "matter.TC", &seq, e)) != YC_OK)
			return st;
		if (!yc_matter_code_make(seq, 0, m.region, 1, buf))
			return yc_fail(e, YC_E_INTERNAL, NULL, "一件事编码已用尽");
		m.code = yc_strdup(a, buf);
		yc_code_parse(m.code, true, &m.parts);
	}
	json_t *full = json_deep_copy(doc);
	json_object_set_new(full, "code", json_string(m.code));
	char *text = yc_app_json_text(a, full);
	json_decref(full);
	st = yc_matter_insert(db, m.code, m.parts.basic, seq, m.region, m.name, m.audience, m.theme,
	                      m.lead_dept, m.promised_days, text, now, e);
	if (st == YC_E_CONFLICT) {
		yc_problem_add(p, yc_printf(a, "%scode", pre),
		               "一件事编码 %s 已被使用（编码不可重复使用）", m.code);
		return problems(p, e);
	}
	if (st != YC_OK)
		return st;
	*code = yc_strdup(a, m.code); /* m.code may point into doc */
	json_t *after = json_pack("{s:s, s:s, s:i, s:s}", "code", m.code, "name", m.name, "version",
	                          1, "state", "draft");
	st = yc_app_audit(db, a, who, now, "matter.create", "matter", m.code, m.region, NULL, after,
	                  e);
	json_decref(after);
	return st;
}

enum yc_status yc_app_matter_update_draft(struct yc_db *db, struct yc_arena *a,
                                          const struct yc_actor *who, int64_t now, const char *code,
                                          const json_t *doc, struct yc_problems *p,
                                          struct yc_error *e)
{
	struct yc_matter_row row;
	enum yc_status st = yc_matter_get(db, a, code, &row, e);
	if (st != YC_OK)
		return st;
	if (!row.draft_version)
		return yc_fail(e, YC_E_CONFLICT, NULL,
		               "没有草稿版本：已发布的版本不可修改，请先“修订”");
	struct yc_matter m;
	yc_matter_from_json(doc, "", false, a, &m, p);
	if (m.code && strcmp(m.code, code) != 0)
		yc_problem_add(p, "code", "一件事编码不可更改");
	if (m.region && strcmp(m.region, row.region) != 0)
		yc_problem_add(p, "region", "行政区划不可更改（它是编码的一部分）");
	if ((st = check_refs(db, a, &m, "", p, e)) != YC_OK)
		return st;
	if (p->n)
		return problems(p, e);
	json_t *full = json_deep_copy(doc);
	json_object_set_new(full, "code", json_string(code));
	char *text = yc_app_json_text(a, full);
	json_decref(full);
	st = yc_matter_update_draft(db, code, row.draft_version, m.name, m.audience, m.theme,
	                            m.lead_dept, m.promised_days, text, now, e);
	if (st != YC_OK)
		return st;
	json_t *after = json_pack("{s:s, s:I, s:s}", "name", m.name, "version",
	                          (json_int_t)row.draft_version, "state", "draft");
	st = yc_app_audit(db, a, who, now, "matter.update", "matter", code, row.region, NULL, after,
	                  e);
	json_decref(after);
	return st;
}

enum yc_status yc_app_matter_load(struct yc_db *db, struct yc_arena *a, const char *code,
                                  int64_t version, struct yc_matter_loaded *out, struct yc_error *e)
{
	memset(out, 0, sizeof *out);
	enum yc_status st = yc_matter_get(db, a, code, &out->row, e);
	if (st != YC_OK)
		return st;
	if (!version) {
		if (strcmp(out->row.state, "published") != 0 || !out->row.published_version)
			return yc_fail(e, YC_E_NOT_FOUND, NULL, "该一件事尚未发布或已废止");
		version = out->row.published_version;
	}
	if ((st = yc_matter_version_get(db, a, code, version, &out->ver, e)) != YC_OK)
		return st;
	out->doc = json_loads(out->ver.doc, 0, NULL);
	struct yc_problems p;
	yc_problems_init(&p, a);
	if (!out->doc)
		return yc_fail(e, YC_E_INTERNAL, NULL, "一件事数据损坏");
	yc_matter_from_json(out->doc, "", false, a, &out->m, &p);
	int n = out->m.nitems;
	out->items = yc_alloc(a, sizeof *out->items * (size_t)(n + 1));
	out->item_rows = yc_alloc(a, sizeof *out->item_rows * (size_t)(n + 1));
	out->item_docs = yc_alloc(a, sizeof *out->item_docs * (size_t)(n + 1));
	/* a published version reads the item versions it pinned */
	json_t *pinned = out->ver.items ? json_loads(out->ver.items, 0, NULL) : NULL;
	for (int i = 0; i < n; i++) {
		if (!out->m.items[i])
			continue;
		int64_t iv = 0;
		size_t k;
		json_t *x;
		json_array_foreach(pinned, k, x)
		{
			if (strcmp(json_string_value(json_object_get(x, "code")),
			           out->m.items[i]) == 0)
				iv = json_integer_value(json_object_get(x, "version"));
		}
		struct yc_item *it = yc_alloc(a, sizeof *it);
		st = yc_app_item_load(db, a, out->m.items[i], iv, &out->item_rows[i], it,
		                      &out->item_docs[i], e);
		if (st == YC_E_NOT_FOUND)
			continue;
		if (st != YC_OK) {
			json_decref(pinned);
			return st;
		}
		out->items[i] = it;
	}
	json_decref(pinned);
	return YC_OK;
}

void yc_app_matter_unload(struct yc_matter_loaded *l)
{
	if (l->doc)
		json_decref(l->doc);
	for (int i = 0; l->item_docs && i < l->m.nitems; i++)
		if (l->item_docs[i])
			json_decref(l->item_docs[i]);
	l->doc = NULL;
}

enum yc_status yc_app_matter_publish(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, int64_t now, const char *code,
                                     int64_t version, struct yc_problems *p, struct yc_error *e)
{
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, a, code, version, &l, e);
	if (st != YC_OK) {
		yc_app_matter_unload(&l);
		return st;
	}
	if (strcmp(l.ver.state, "draft") != 0) {
		yc_app_matter_unload(&l);
		return yc_fail(e, YC_E_CONFLICT, "version", "该版本不是草稿，不能发布");
	}
	yc_matter_check_publish(&l.m, (const struct yc_item *const *)l.items, p);
	json_decref(yc_app_situation_check(&l, l.m.interview, a, p)); /* interview and form */
	if (p->n) {
		yc_app_matter_unload(&l);
		return problems(p, e);
	}
	json_t *pins = json_array();
	for (int i = 0; i < l.m.nitems; i++)
		json_array_append_new(pins, json_pack("{s:s, s:I}", "code", l.items[i]->code,
		                                      "version", (json_int_t)l.items[i]->version));
	char *pinned = yc_app_json_text(a, pins);
	json_decref(pins);
	st = yc_matter_publish(db, code, version, pinned, now, e);
	if (st == YC_OK) {
		struct yc_search_doc sd = {.kind = "matter",
		                           .code = code,
		                           .name = l.m.name,
		                           .audience = l.m.audience,
		                           .theme = l.m.theme,
		                           .dept = l.m.lead_dept,
		                           .region = l.m.region};
		st = yc_search_put(db, a, &sd, e);
	}
	if (st == YC_OK) {
		json_t *after = json_pack("{s:s, s:I, s:s}", "name", l.m.name, "version",
		                          (json_int_t)version, "state", "published");
		st = yc_app_audit(db, a, who, now, "matter.publish", "matter", code, l.row.region,
		                  NULL, after, e);
		json_decref(after);
	}
	yc_app_matter_unload(&l);
	return st;
}

enum yc_status yc_app_matter_revise(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, int64_t now, const char *code,
                                    int64_t *version, struct yc_error *e)
{
	struct yc_matter_row row;
	enum yc_status st = yc_matter_get(db, a, code, &row, e);
	if (st != YC_OK)
		return st;
	if (strcmp(row.state, "abolished") == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "已废止的一件事不能修订");
	if (row.draft_version)
		return yc_fail(e, YC_E_CONFLICT, NULL, "已有草稿版本，请直接编辑该草稿");
	struct yc_matter_version cur;
	if ((st = yc_matter_version_get(db, a, code, row.published_version, &cur, e)) != YC_OK)
		return st;
	struct yc_matter_versions_max {
		int64_t v;
	} mx = {0};
	struct yc_matter_version *all;
	int64_t n;
	if ((st = yc_matter_versions(db, a, code, &all, &n, e)) != YC_OK)
		return st;
	for (int64_t i = 0; i < n; i++)
		if (all[i].version > mx.v)
			mx.v = all[i].version;
	json_t *doc = json_loads(cur.doc, 0, NULL);
	struct yc_problems p;
	yc_problems_init(&p, a);
	struct yc_matter m;
	yc_matter_from_json(doc, "", false, a, &m, &p);
	*version = mx.v + 1;
	st = yc_matter_new_draft(db, code, *version, m.name, m.audience, m.theme, m.lead_dept,
	                         m.promised_days, cur.doc, now, e);
	json_decref(doc);
	if (st != YC_OK)
		return st;
	json_t *after = json_pack("{s:I, s:s, s:I}", "version", (json_int_t)*version, "state",
	                          "draft", "from", (json_int_t)row.published_version);
	st = yc_app_audit(db, a, who, now, "matter.revise", "matter", code, row.region, NULL, after,
	                  e);
	json_decref(after);
	return st;
}

enum yc_status yc_app_matter_abolish(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, int64_t now, const char *code,
                                     struct yc_error *e)
{
	struct yc_matter_row row;
	enum yc_status st = yc_matter_get(db, a, code, &row, e);
	if (st != YC_OK)
		return st;
	if (strcmp(row.state, "abolished") == 0)
		return yc_fail(e, YC_E_CONFLICT, NULL, "该一件事已废止");
	if ((st = yc_matter_abolish(db, code, now, e)) != YC_OK ||
	    (st = yc_search_drop(db, "matter", code, e)) != YC_OK)
		return st;
	json_t *before = json_pack("{s:s}", "state", row.state);
	json_t *after = json_pack("{s:s}", "state", "abolished");
	st = yc_app_audit(db, a, who, now, "matter.abolish", "matter", code, row.region, before,
	                  after, e);
	json_decref(before);
	json_decref(after);
	return st;
}

enum yc_status yc_app_catalog_import(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, int64_t now, const json_t *doc,
                                     bool publish, struct yc_problems *p, int *nitems,
                                     int *nmatters, struct yc_error *e)
{
	*nitems = *nmatters = 0;
	if (!json_is_object(doc)) {
		yc_problem_add(p, "", "目录文件应为 JSON 对象");
		return problems(p, e);
	}
	const char *fmt = json_string_value(json_object_get(doc, "format"));
	if (!fmt || strcmp(fmt, "yici-catalog/1") != 0)
		yc_problem_add(p, "format", "format 应为 \"yici-catalog/1\"");
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)doc, k, v)
	{
		if (strcmp(k, "format") && strcmp(k, "items") && strcmp(k, "matters") &&
		    strcmp(k, "synonyms"))
			yc_problem_add(p, k, "不认识的字段");
	}
	json_t *items = json_object_get(doc, "items"), *matters = json_object_get(doc, "matters"),
	       *syn = json_object_get(doc, "synonyms");
	if (items && !json_is_array(items))
		yc_problem_add(p, "items", "应为数组");
	if (matters && !json_is_array(matters))
		yc_problem_add(p, "matters", "应为数组");
	if (syn && !json_is_array(syn))
		yc_problem_add(p, "synonyms", "应为数组");
	if (p->n)
		return problems(p, e);
	size_t i;
	enum yc_status st;
	/* Items first: collect every problem of every item (and go on with matters) before failing.
	 */
	json_array_foreach(items, i, v)
	{
		st = yc_app_item_create(db, a, who, now, v, yc_printf(a, "items[%zu]", i), p, e);
		if (st == YC_OK)
			(*nitems)++;
		else if (st != YC_E_BAD_INPUT)
			return st;
	}
	size_t nm = json_array_size(matters);
	const char **codes = yc_alloc(a, sizeof *codes * (nm + 1));
	const char **states = yc_alloc(a, sizeof *states * (nm + 1));
	json_array_foreach(matters, i, v)
	{
		/* "state" (export) says what the matter was: published (default), draft or
		 * abolished */
		const char *state = json_string_value(json_object_get(v, "state"));
		if (json_object_get(v, "state") &&
		    (!state || (strcmp(state, "published") && strcmp(state, "draft") &&
		                strcmp(state, "abolished")))) {
			yc_problem_add(p, yc_printf(a, "matters[%zu].state", i),
			               "state 应为 published、draft 或 abolished");
			continue;
		}
		states[i] = state ? state : "published";
		json_t *doc1 = json_deep_copy(v);
		json_object_del(doc1, "state");
		st = yc_app_matter_create(db, a, who, now, doc1, yc_printf(a, "matters[%zu]", i), p,
		                          &codes[i], e);
		json_decref(doc1);
		if (st == YC_OK)
			(*nmatters)++;
		else if (st != YC_E_BAD_INPUT)
			return st;
	}
	json_array_foreach(syn, i, v)
	{
		const char *term = json_string_value(json_object_get(v, "term"));
		const char *target = json_string_value(json_object_get(v, "target"));
		if (!term || !target || !term[0] || !target[0] || strlen(term) > 60 ||
		    strlen(target) > 100 || strpbrk(term, "%_\\ \t")) {
			yc_problem_add(p, yc_printf(a, "synonyms[%zu]", i),
			               "同义词须有 term 和 target，且 term 不含空格和 %% _ \\");
			continue;
		}
		if ((st = yc_synonym_put(db, term, target, now, e)) != YC_OK)
			return st;
	}
	/* Publish (or abolish) every matter that could be created, also when other parts of the
	 * file have problems: their own problems (contradicting materials, limits) are reported in
	 * the same answer. Nothing is kept when there is any problem: the caller rolls back. */
	for (size_t m = 0; m < nm; m++) {
		if (!codes[m])
			continue;
		if (strcmp(states[m], "abolished") == 0) {
			if ((st = yc_app_matter_abolish(db, a, who, now, codes[m], e)) != YC_OK)
				return st;
			continue;
		}
		if (!publish || strcmp(states[m], "draft") == 0)
			continue;
		int before = p->n;
		st = yc_app_matter_publish(db, a, who, now, codes[m], 1, p, e);
		if (st == YC_E_BAD_INPUT) {
			for (int x = before; x < p->n; x++)
				p->v[x].field = yc_printf(a, "matters[%zu].%s", m, p->v[x].field);
			continue;
		}
		if (st != YC_OK)
			return st;
	}
	if (p->n)
		return problems(p, e);
	/* many documents at once: merge the trigram index, so that searches read one segment */
	return yc_search_compact(db, e);
}

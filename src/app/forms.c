/* forms.c — the lifecycle of the one merged form (一次表单) of a matter version: compiled from its
 * items (编制), reviewed (审核), published (发布), revised by compiling a new version (修订) and
 * abolished (废止). Every step is audited. See app.h. */
#include "app.h"

#include "../core/situation.h"

#include <stdlib.h>
#include <string.h>

static json_t *form_view(const struct yc_form_row *f)
{
	json_t *content = json_loads(f->content, 0, NULL);
	return json_pack("{s:I, s:s, s:I, s:I, s:s, s:s?, s:o, s:I, s:I, s:I}", "id",
	                 (json_int_t)f->id, "matter_code", f->matter_code, "matter_version",
	                 (json_int_t)f->matter_version, "version", (json_int_t)f->version, "state",
	                 f->state, "note", f->note, "content", content ? content : json_null(),
	                 "created_at", (json_int_t)f->created_at, "updated_at",
	                 (json_int_t)f->updated_at, "published_at", (json_int_t)f->published_at);
}

json_t *yc_app_form_json(const struct yc_form_row *f)
{
	return form_view(f);
}

enum yc_status yc_app_form_compile(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, const char *code, int64_t version,
                                   struct yc_problems *p, struct yc_form_row *out,
                                   struct yc_error *e)
{
	struct yc_matter_loaded l;
	enum yc_status st = yc_app_matter_load(db, a, code, version, &l, e);
	if (st != YC_OK) {
		yc_app_matter_unload(&l);
		return st;
	}
	for (int i = 0; i < l.m.nitems; i++)
		if (!l.items[i])
			yc_problem_add(p, yc_printf(a, "items[%d]", i), "事项“%s”不存在",
			               l.m.items[i]);
	struct yc_situation s;
	if (!p->n)
		yc_situation_make(&l.m, (const struct yc_item *const *)l.items, NULL,
		                  yc_app_elements(), a, &s, p);
	if (p->n) {
		yc_app_matter_unload(&l);
		return yc_fail(e, YC_E_BAD_INPUT, p->v[0].field,
		               yc_printf(a, "表单合并发现 %d 个问题，请先修正事项表单", p->n));
	}
	json_t *content = yc_form_json(&s.form);
	char *text = json_dumps(content, JSON_COMPACT);
	json_decref(content);
	int64_t id = 0, fv = 0;
	st = text ? yc_form_insert(db, code, l.ver.version, text, who->id, now, &id, &fv, e)
	          : yc_fail(e, YC_E_INTERNAL, NULL, "内存不足");
	free(text);
	if (st == YC_OK)
		st = yc_form_get(db, a, id, out, e);
	if (st == YC_OK) {
		json_t *after =
		    json_pack("{s:I, s:I, s:s}", "version", (json_int_t)fv, "matter_version",
		              (json_int_t)l.ver.version, "state", "compiled");
		st = yc_app_audit(db, a, who, now, "form.compile", "form", code, l.row.region, NULL,
		                  after, e);
		json_decref(after);
	}
	yc_app_matter_unload(&l);
	return st;
}

enum yc_status yc_app_form_step(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                int64_t now, struct yc_form_row *f, const char *region,
                                const char *action, const char *note, struct yc_error *e)
{
	static const struct {
		const char *action, *from[3], *to;
	} steps[] = {
	    {"review", {"compiled"}, "reviewed"},
	    {"publish", {"reviewed"}, "published"},
	    {"abolish", {"compiled", "reviewed", "published"}, "abolished"},
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (strcmp(steps[i].action, action) != 0)
			continue;
		const char *from = NULL;
		for (int k = 0; k < 3 && steps[i].from[k] && !from; k++)
			if (strcmp(steps[i].from[k], f->state) == 0)
				from = steps[i].from[k];
		if (!from)
			return yc_fail(e, YC_E_CONFLICT, "state",
			               yc_printf(a, "表单处于“%s”状态，不能%s", f->state, action));
		if (strcmp(action, "publish") == 0) {
			struct yc_matter_row m;
			enum yc_status st = yc_matter_get(db, a, f->matter_code, &m, e);
			if (st != YC_OK)
				return st;
			if (strcmp(m.state, "published") != 0 ||
			    m.published_version != f->matter_version)
				return yc_fail(
				    e, YC_E_CONFLICT, "matter_version",
				    "表单所依据的一件事版本不是现行发布版本，请重新编制表单");
		}
		json_t *before = json_pack("{s:s}", "state", f->state);
		enum yc_status st = yc_form_set_state(db, f, from, steps[i].to, note, now, e);
		if (st == YC_OK) {
			json_t *after = json_pack("{s:s, s:I, s:s?}", "state", steps[i].to,
			                          "version", (json_int_t)f->version, "note", note);
			st = yc_app_audit(db, a, who, now, yc_printf(a, "form.%s", action), "form",
			                  f->matter_code, region, before, after, e);
			json_decref(after);
		}
		json_decref(before);
		return st == YC_OK ? yc_form_get(db, a, f->id, f, e) : st;
	}
	return yc_fail(e, YC_E_BAD_INPUT, "action", "未知的表单操作");
}

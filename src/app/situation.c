/* situation.c — the guided interview and the one form of a loaded matter version: the checks that
 * guard publishing (interview static check, form merge conflicts), the interview step, and the
 * form check. See app.h. */
#include "app.h"

#include "../core/situation.h"
#include "../core/validate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char yc_elements_json[];
extern const unsigned long yc_elements_json_len;

static struct yc_elements elements;
static bool elements_ok;
static json_t *elements_doc; /* kept for the life of the process: elements point into it */
static struct yc_arena *elements_arena;
static pthread_once_t elements_once = PTHREAD_ONCE_INIT;

static void elements_load(void)
{
	/* kept for the life of the process: the dictionary is compiled into the binary */
	elements_arena = yc_arena_new();
	elements_doc = json_loadb((const char *)yc_elements_json, yc_elements_json_len, 0, NULL);
	struct yc_problems p;
	yc_problems_init(&p, elements_arena);
	elements_ok =
	    elements_doc && yc_elements_parse(elements_doc, elements_arena, &elements, &p);
}

const struct yc_elements *yc_app_elements(void)
{
	pthread_once(&elements_once, elements_load);
	return elements_ok ? &elements : NULL;
}

static const char *const *matter_items(const struct yc_matter_loaded *l)
{
	return (const char *const *)l->m.items;
}

static bool items_whole(const struct yc_matter_loaded *l)
{
	for (int i = 0; i < l->m.nitems; i++)
		if (!l->items[i])
			return false;
	return l->m.nitems > 0;
}

/* Problems of a sub-check under a prefix ("interview.questions[2]..."). */
static void copy_problems(struct yc_problems *to, const struct yc_problems *from, const char *pre)
{
	for (int i = 0; i < from->n; i++)
		yc_problem_add(
		    to, from->v[i].field ? yc_printf(to->a, "%s.%s", pre, from->v[i].field) : pre,
		    "%s", from->v[i].message);
}

json_t *yc_app_situation_check(const struct yc_matter_loaded *l, const json_t *interview,
                               struct yc_arena *a, struct yc_problems *p)
{
	json_t *report = NULL;
	if (!items_whole(l))
		return NULL; /* the publish check names the missing items */
	struct yc_interview iv;
	bool iv_ok = false;
	if (interview) {
		struct yc_problems ip;
		yc_problems_init(&ip, a);
		struct yc_interview_report rep;
		memset(&rep, 0, sizeof rep);
		yc_interview_check(interview, matter_items(l), l->m.nitems, a, &iv, &rep, &ip);
		if (iv.analysable)
			report = yc_interview_report_json(&iv, &rep);
		iv_ok = iv.analysable;
		copy_problems(p, &ip, "interview");
	}
	/* every item's form merged, with every field any outcome adds (first of a key): an element
	 * two of them constrain incompatibly is a problem */
	struct yc_situation_core all = {.items = (const char **)l->m.items, .nitems = l->m.nitems};
	int cap = 0;
	for (int k = 0; iv_ok && k < iv.no; k++)
		cap += iv.o[k].nfields;
	all.fields = yc_alloc(a, sizeof *all.fields * (size_t)(cap + 1));
	for (int k = 0; iv_ok && k < iv.no; k++)
		for (int f = 0; f < iv.o[k].nfields; f++) {
			const char *key =
			    json_string_value(json_object_get(iv.o[k].fields[f], "key"));
			bool seen = !key;
			for (int j = 0; j < all.nfields && !seen; j++)
				seen = strcmp(key, json_string_value(
				                       json_object_get(all.fields[j], "key"))) == 0;
			if (!seen)
				all.fields[all.nfields++] = iv.o[k].fields[f];
		}
	struct yc_problems fp;
	yc_problems_init(&fp, a);
	struct yc_situation s;
	yc_situation_make(&l->m, (const struct yc_item *const *)l->items, &all, yc_app_elements(),
	                  a, &s, &fp);
	for (int i = 0; i < fp.n; i++)
		yc_problem_add(p, fp.v[i].field, "%s", fp.v[i].message);
	return report;
}

/* The answers through the interview: *next the questions still to answer, or (next NULL) *scp
 * the situation core (NULL for a matter without an interview: all its items). */
static enum yc_status resolve(const struct yc_matter_loaded *l, const json_t *answers,
                              struct yc_arena *a, struct yc_situation_core *sc,
                              struct yc_situation_core **scp, json_t **next, struct yc_problems *p,
                              struct yc_error *e)
{
	*next = NULL;
	*scp = NULL;
	if (!items_whole(l))
		return yc_fail(e, YC_E_INTERNAL, NULL, "一件事引用的事项缺失");
	if (!l->m.interview) {
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)answers, k, v)
		{
			(void)v;
			yc_problem_add(p, yc_printf(a, "answers.%s", k), "本一件事没有这个问题");
		}
		return p->n ? yc_fail(e, YC_E_BAD_INPUT, p->v[0].field, "本一件事没有导办问题")
		            : YC_OK;
	}
	struct yc_interview iv;
	struct yc_problems dp;
	yc_problems_init(&dp, a);
	if (!yc_interview_parse(l->m.interview, matter_items(l), l->m.nitems, a, &iv, &dp))
		return yc_fail(e, YC_E_INTERNAL, NULL, "已发布的导办问题无法读取");
	enum yc_status st = yc_interview_step(&iv, answers, a, next, sc, p);
	if (st == YC_E_BAD_INPUT)
		return yc_fail(e, st, p->n ? p->v[0].field : "answers",
		               yc_printf(a, "共有 %d 处回答有误", p->n));
	if (st != YC_OK)
		return yc_fail(e, st, NULL, "无法确定办事情形");
	if (!*next)
		*scp = sc;
	return YC_OK;
}

/* The situation of resolved answers (scp NULL: every item). */
static void make(const struct yc_matter_loaded *l, const struct yc_situation_core *scp,
                 struct yc_arena *a, struct yc_situation *out)
{
	struct yc_problems sp; /* a published version merges without a conflict */
	yc_problems_init(&sp, a);
	yc_situation_make(&l->m, (const struct yc_item *const *)l->items, scp, yc_app_elements(), a,
	                  out, &sp);
}

/* The answers must be complete: the situation core (scp NULL: every item). */
static enum yc_status complete(const struct yc_matter_loaded *l, const json_t *answers,
                               struct yc_arena *a, struct yc_situation_core *sc,
                               struct yc_situation_core **scp, struct yc_problems *p,
                               struct yc_error *e)
{
	json_t *next;
	enum yc_status st = resolve(l, answers, a, sc, scp, &next, p, e);
	if (st == YC_OK && next) {
		json_decref(next);
		return yc_fail(e, YC_E_BAD_INPUT, "answers", "请先回答完导办问题");
	}
	return st;
}

enum yc_status yc_app_interview_step(const struct yc_matter_loaded *l, const json_t *answers,
                                     struct yc_arena *a, json_t **out, struct yc_problems *p,
                                     struct yc_error *e)
{
	struct yc_situation_core sc, *scp;
	json_t *next;
	*out = NULL;
	enum yc_status st = resolve(l, answers, a, &sc, &scp, &next, p, e);
	if (st != YC_OK)
		return st;
	if (next) {
		*out = json_pack("{s:o}", "next", next);
		return YC_OK;
	}
	struct yc_situation s;
	make(l, scp, a, &s);
	json_t *sit = yc_situation_json(&s, l->ver.version);
	if (scp)
		json_object_set_new(sit, "outcomes", yc_situation_core_json(scp));
	json_object_set_new(sit, "matter",
	                    json_pack("{s:s, s:s, s:I}", "code", l->row.code, "name", l->m.name,
	                              "version", (json_int_t)l->ver.version));
	*out = json_pack("{s:o}", "situation", sit);
	return YC_OK;
}

enum yc_status yc_app_form_check(const struct yc_matter_loaded *l, const json_t *answers,
                                 const json_t *values, int32_t today, struct yc_arena *a,
                                 json_t **out, struct yc_problems *p, struct yc_error *e)
{
	struct yc_situation_core sc, *scp;
	*out = NULL;
	enum yc_status st = complete(l, answers, a, &sc, &scp, p, e);
	if (st != YC_OK)
		return st;
	struct yc_situation s;
	make(l, scp, a, &s);
	struct yc_form_errors errs;
	bool ok = yc_form_validate(&s.form, values, today, a, &errs);
	*out = json_pack("{s:b, s:o, s:i}", "valid", ok, "errors", yc_form_errors_json(&errs),
	                 "total", errs.total);
	if (ok)
		json_object_set_new(*out, "forms", yc_form_unmerge(&s.form, values));
	return YC_OK;
}

enum yc_status yc_app_situation_of(const struct yc_matter_loaded *l, const json_t *answers,
                                   struct yc_arena *a, struct yc_situation *out,
                                   struct yc_problems *p, struct yc_error *e)
{
	struct yc_situation_core sc, *scp;
	enum yc_status st = complete(l, answers, a, &sc, &scp, p, e);
	if (st == YC_OK)
		make(l, scp, a, out);
	return st;
}

/* parse.c — declarative parsing of JSON bodies and query arguments. */
#include "http.h"

#include "../core/codes.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *type_zh(enum yc_field_type t)
{
	switch (t) {
	case YC_F_STRING:
		return "字符串";
	case YC_F_INT:
		return "整数";
	case YC_F_BOOL:
		return "布尔值";
	case YC_F_OBJECT:
		return "对象";
	case YC_F_ARRAY:
		return "数组";
	}
	return "?";
}

enum yc_status yc_parse_fields(struct yc_req *r, const struct yc_field *f, int n,
                               struct yc_error *e)
{
	json_t *obj = r->json;
	if (!json_is_object(obj))
		return yc_fail(e, YC_E_BAD_JSON, NULL, NULL);
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		bool known = false;
		for (int i = 0; i < n && !known; i++)
			known = strcmp(f[i].name, key) == 0;
		if (!known)
			return yc_fail(e, YC_E_BAD_INPUT, yc_strdup(r->a, key), "不认识的字段");
	}
	for (int i = 0; i < n; i++) {
		v = json_object_get(obj, f[i].name);
		if (f[i].present)
			*f[i].present = v != NULL && !json_is_null(v);
		if (!v || json_is_null(v)) {
			if (f[i].required)
				return yc_fail(e, YC_E_BAD_INPUT, f[i].name, "缺少必填字段");
			continue;
		}
		bool ok = false;
		switch (f[i].type) {
		case YC_F_STRING:
			if ((ok = json_is_string(v)))
				*(const char **)f[i].dest = json_string_value(v);
			break;
		case YC_F_INT:
			if ((ok = json_is_integer(v)))
				*(int64_t *)f[i].dest = json_integer_value(v);
			break;
		case YC_F_BOOL:
			if ((ok = json_is_boolean(v)))
				*(int *)f[i].dest = json_is_true(v);
			break;
		case YC_F_OBJECT:
			if ((ok = json_is_object(v)))
				*(json_t **)f[i].dest = v;
			break;
		case YC_F_ARRAY:
			if ((ok = json_is_array(v)))
				*(json_t **)f[i].dest = v;
			break;
		}
		if (!ok)
			return yc_fail(e, YC_E_BAD_INPUT, f[i].name,
			               yc_printf(r->a, "字段类型错误，应为%s", type_zh(f[i].type)));
	}
	return YC_OK;
}

const char *yc_query(struct yc_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	return (v && v[0]) ? v : NULL;
}

static bool parse_int(const char *s, int64_t *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

enum yc_status yc_query_page(struct yc_req *r, struct yc_page *pg, struct yc_error *e)
{
	pg->page = 1;
	pg->per_page = 20;
	const char *p = yc_query(r, "page"), *pp = yc_query(r, "per_page");
	if (p && (!parse_int(p, &pg->page) || pg->page < 1 || pg->page > 1000000))
		return yc_fail(e, YC_E_BAD_INPUT, "page", "页码应为 1 以上的整数");
	if (pp && (!parse_int(pp, &pg->per_page) || pg->per_page < 1 || pg->per_page > 200))
		return yc_fail(e, YC_E_BAD_INPUT, "per_page", "每页条数应为 1 至 200");
	return YC_OK;
}

json_t *yc_list_json(json_t *items, int64_t total, const struct yc_page *pg)
{
	return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "page",
	                 (json_int_t)pg->page, "per_page", (json_int_t)pg->per_page);
}

enum yc_status yc_param_id(struct yc_req *r, int i, int64_t *id, struct yc_error *e)
{
	if (i >= r->nparams || !parse_int(r->params[i], id) || *id < 1)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "对象不存在");
	return YC_OK;
}

enum yc_status yc_query_oneof(struct yc_req *r, const char *name, const char *const *allowed,
                              const char **out, struct yc_error *e)
{
	*out = yc_query(r, name);
	if (!*out)
		return YC_OK;
	int n = 0;
	for (const char *const *a = allowed; *a; a++, n++)
		if (strcmp(*a, *out) == 0)
			return YC_OK;
	char *list = yc_strdup(r->a, "");
	for (int i = 0; i < n; i++)
		list = yc_printf(r->a, "%s%s%s", list,
		                 i == 0       ? ""
		                 : i == n - 1 ? " 或 "
		                              : "、",
		                 allowed[i]);
	*out = NULL;
	return yc_fail(e, YC_E_BAD_INPUT, name, yc_printf(r->a, "%s 应为 %s", name, list));
}

enum yc_status yc_query_region(struct yc_req *r, const char *name, const char **out,
                               struct yc_error *e)
{
	*out = yc_query(r, name);
	if (*out && yc_region_level(*out, strlen(*out)) == YC_REGION_INVALID) {
		*out = NULL;
		return yc_fail(e, YC_E_BAD_INPUT, name, "行政区划代码无效");
	}
	return YC_OK;
}

enum yc_status yc_query_scope(struct yc_req *r, const char **out, bool *given, struct yc_error *e)
{
	enum yc_status st = yc_query_region(r, "region", out, e);
	if (st != YC_OK)
		return st;
	if (given)
		*given = *out != NULL;
	if (!*out) {
		*out = r->principal->region;
		return YC_OK;
	}
	if (yc_policy_scope(r->principal, *out, NULL) != YC_OK)
		return yc_fail(e, YC_E_FORBIDDEN, "region", "超出本账号的区划范围");
	return YC_OK;
}

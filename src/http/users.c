/* users.c — staff accounts kept by admins: list, create, read, change. */
#include "http.h"

#include "../core/account.h"
#include "../core/codes.h"
#include "../core/credentials.h"
#include "../core/text.h"

#include <string.h>

static bool is_province(const char *code)
{
	return code && yc_region_level(code, strlen(code)) == YC_REGION_PROVINCE;
}

/* May the principal manage user u? Staff within the admin's region; applicants (no region) only
 * by an admin of a whole province. */
static enum yc_status may_manage(struct yc_req *r, const struct yc_user *u, struct yc_error *e)
{
	enum yc_status st;
	if (u->region)
		st = yc_policy_scope(r->principal, u->region, NULL);
	else
		st = is_province(r->principal->region) ? YC_OK : YC_E_FORBIDDEN;
	return st == YC_OK ? YC_OK : yc_fail(e, st, NULL, "该账号不在本账号的管理范围内");
}

struct list_ctx {
	struct yc_req *r;
	struct yc_user_filter f;
	struct yc_page pg;
	struct yc_user *items;
	int64_t n, total;
};

static enum yc_status list_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct list_ctx *c = vctx;
	return yc_user_list(db, c->r->a, &c->f, &c->pg, &c->items, &c->n, &c->total, e);
}

enum yc_status yc_h_users_list(struct yc_req *r, struct yc_error *e)
{
	struct list_ctx c = {.r = r};
	enum yc_status st = yc_query_page(r, &c.pg, e);
	if (st != YC_OK)
		return st;
	c.f.role = yc_query(r, "role");
	if (c.f.role && yc_role_parse(c.f.role, strlen(c.f.role)) == YC_ROLE_NONE)
		return yc_fail(e, YC_E_BAD_INPUT, "role", "角色不存在");
	c.f.q = yc_query(r, "q");
	bool given;
	if ((st = yc_query_scope(r, &c.f.region, &given, e)) != YC_OK)
		return st;
	if (!given && c.f.role && strcmp(c.f.role, "applicant") == 0 &&
	    is_province(r->principal->region))
		c.f.region = NULL; /* applicants have no region; a province admin sees them all */
	if ((st = yc_store_tx(r->store, YC_TX_READ, list_tx, &c, e)) != YC_OK)
		return st;
	json_t *items = json_array();
	for (int64_t i = 0; i < c.n; i++)
		json_array_append_new(items, yc_user_json(&c.items[i]));
	return yc_reply_json(r, 200, yc_list_json(items, c.total, &c.pg));
}

struct create_ctx {
	struct yc_req *r;
	struct yc_user u;
};

static enum yc_status create_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct create_ctx *c = vctx;
	struct yc_req *r = c->r;
	enum yc_status st;
	if (c->u.dept) { /* a dept user's region is their department's */
		struct yc_dept d;
		st = yc_dept_get(db, r->a, c->u.dept, &d, e);
		if (st == YC_E_NOT_FOUND)
			return yc_fail(e, YC_E_BAD_INPUT, "dept", "部门不存在");
		if (st != YC_OK)
			return st;
		if (c->u.region && strcmp(d.region, c->u.region) != 0)
			return yc_fail(e, YC_E_BAD_INPUT, "dept", "部门不属于该行政区划");
		c->u.region = d.region;
		c->u.dept_name = d.name;
	}
	if ((st = yc_policy_manage_account(r->principal, c->u.role, c->u.region)) != YC_OK)
		return yc_fail(e, st, "region", "不能在本账号区划范围以外创建账号");
	struct yc_region reg;
	st = yc_region_get(db, r->a, c->u.region, &reg, e);
	if (st == YC_E_NOT_FOUND)
		return yc_fail(e, YC_E_BAD_INPUT, "region", "行政区划不存在");
	if (st != YC_OK)
		return st;
	c->u.region_name = reg.name;
	struct yc_user existing;
	st = yc_user_by_username(db, r->a, c->u.username, &existing, e);
	if (st == YC_OK)
		return yc_fail(e, YC_E_CONFLICT, "username", "用户名已被使用");
	if (st != YC_E_NOT_FOUND)
		return st;
	if ((st = yc_user_insert(db, &c->u, r->now, &c->u.id, e)) != YC_OK)
		return st;
	c->u.created_at = r->now;
	json_t *after = yc_user_json(&c->u);
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)c->u.id);
	st = yc_audit(r, db, "user.create", "user", idbuf, c->u.region, NULL, after, e);
	json_decref(after);
	return st;
}

enum yc_status yc_h_users_create(struct yc_req *r, struct yc_error *e)
{
	const char *username = NULL, *password = NULL, *name = NULL, *role = NULL, *region = NULL,
	           *dept = NULL, *phone = NULL;
	const struct yc_field f[] = {
	    {"username", YC_F_STRING, true, &username, NULL},
	    {"password", YC_F_STRING, true, &password, NULL},
	    {"name", YC_F_STRING, true, &name, NULL},
	    {"role", YC_F_STRING, true, &role, NULL},
	    {"region", YC_F_STRING, false, &region, NULL},
	    {"dept", YC_F_STRING, false, &dept, NULL},
	    {"phone", YC_F_STRING, false, &phone, NULL},
	};
	enum yc_status st = yc_parse_fields(r, f, 7, e);
	if (st != YC_OK)
		return st;
	const struct yc_account_input in = {.username = username,
	                                    .password = password,
	                                    .name = name,
	                                    .role = role,
	                                    .region = region,
	                                    .dept = dept,
	                                    .phone = phone};
	enum yc_role ro;
	const char *uname;
	if ((st = yc_account_check(&in, yc_date_cst(r->now), r->a, &ro, &uname, e)) != YC_OK)
		return st;
	if (!yc_role_is_staff(ro))
		return yc_fail(e, YC_E_BAD_INPUT, "role", "申请人账号请通过注册创建");
	char hash[YC_PWHASH_MAX];
	if (yc_password_hash(password, strlen(password), hash) != YC_OK)
		return yc_fail(e, YC_E_INTERNAL, NULL, NULL);
	struct create_ctx c = {.r = r,
	                       .u = {.username = uname,
	                             .password_hash = hash,
	                             .name = name,
	                             .role = ro,
	                             .region = region,
	                             .dept = dept,
	                             .phone = phone,
	                             .active = true}};
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, create_tx, &c, e)) != YC_OK)
		return st;
	return yc_reply_json(r, 201, json_pack("{s:o}", "user", yc_user_json(&c.u)));
}

struct get_ctx {
	struct yc_req *r;
	int64_t id;
	struct yc_user u;
	/* patch */
	const char *name, *phone;
	bool has_name, has_phone, has_active;
	int active;
};

static enum yc_status get_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct get_ctx *c = vctx;
	enum yc_status st = yc_user_by_id(db, c->r->a, c->id, &c->u, e);
	if (st != YC_OK)
		return st;
	return may_manage(c->r, &c->u, e);
}

enum yc_status yc_h_users_get(struct yc_req *r, struct yc_error *e)
{
	struct get_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	if ((st = yc_store_tx(r->store, YC_TX_READ, get_tx, &c, e)) != YC_OK)
		return st;
	return yc_reply_json(r, 200, json_pack("{s:o}", "user", yc_user_json(&c.u)));
}

static enum yc_status patch_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct get_ctx *c = vctx;
	enum yc_status st = get_tx(db, c, e);
	if (st != YC_OK)
		return st;
	if (c->has_active && !c->active && c->u.id == c->r->principal->user_id)
		return yc_fail(e, YC_E_BAD_INPUT, "active", "不能停用自己的账号");
	json_t *before = yc_user_json(&c->u);
	if (c->has_name)
		c->u.name = c->name;
	if (c->has_phone)
		c->u.phone = c->phone;
	if (c->has_active)
		c->u.active = c->active;
	if ((st = yc_user_update(db, &c->u, c->r->now, e)) == YC_OK && c->has_active && !c->active)
		st = yc_session_delete_user(db, c->u.id, e);
	if (st == YC_OK) {
		json_t *after = yc_user_json(&c->u);
		char idbuf[24];
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)c->u.id);
		st =
		    yc_audit(c->r, db, "user.update", "user", idbuf, c->u.region, before, after, e);
		json_decref(after);
	}
	json_decref(before);
	return st;
}

enum yc_status yc_h_users_patch(struct yc_req *r, struct yc_error *e)
{
	struct get_ctx c = {.r = r};
	enum yc_status st = yc_param_id(r, 0, &c.id, e);
	if (st != YC_OK)
		return st;
	const struct yc_field f[] = {
	    {"name", YC_F_STRING, false, &c.name, &c.has_name},
	    {"phone", YC_F_STRING, false, &c.phone, &c.has_phone},
	    {"active", YC_F_BOOL, false, &c.active, &c.has_active},
	};
	if ((st = yc_parse_fields(r, f, 3, e)) != YC_OK)
		return st;
	if (!c.has_name && !c.has_phone && !c.has_active)
		return yc_fail(e, YC_E_BAD_INPUT, NULL,
		               "没有要修改的字段（name、phone 或 active）");
	if (c.has_name && (st = yc_text_check(c.name, strlen(c.name), 1, 50, false, "name", e)))
		return st;
	if (c.has_phone && !yc_phone_valid(c.phone, strlen(c.phone)))
		return yc_fail(e, YC_E_BAD_INPUT, "phone", "电话号码格式不正确");
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, patch_tx, &c, e)) != YC_OK)
		return st;
	return yc_reply_json(r, 200, json_pack("{s:o}", "user", yc_user_json(&c.u)));
}

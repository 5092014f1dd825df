/* auth.c — who is asking (bearer tokens), registration, login with lockout, logout, /me. */
#include "http.h"

#include "../core/account.h"
#include "../core/codes.h"
#include "../core/credentials.h"
#include "../core/text.h"

#include <string.h>

#define LOCK_WINDOW   (15 * 60) /* failures counted over 15 minutes */
#define LOCK_FAILURES 5
#define LOCK_TIME     (15 * 60)
#define TOUCH_EVERY   60 /* refresh last_seen at most once a minute */

json_t *yc_user_json(const struct yc_user *u)
{
	char idm[32] = "", phm[32] = "";
	if (u->id_number)
		yc_mask_id_number(u->id_number, strlen(u->id_number), idm, sizeof idm);
	if (u->phone)
		yc_mask_phone(u->phone, strlen(u->phone), phm, sizeof phm);
	json_t *j =
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)u->id, "username",
	              u->username ? u->username : "", "name", u->name ? u->name : "", "role",
	              yc_role_name(u->role) ? yc_role_name(u->role) : "", "role_name",
	              yc_role_zh(u->role) ? yc_role_zh(u->role) : "", "active", u->active);
	json_object_set_new(j, "region",
	                    u->region ? json_pack("{s:s, s:s}", "code", u->region, "name",
	                                          u->region_name ? u->region_name : "")
	                              : json_null());
	json_object_set_new(j, "dept",
	                    u->dept ? json_pack("{s:s, s:s}", "code", u->dept, "name",
	                                        u->dept_name ? u->dept_name : "")
	                            : json_null());
	json_object_set_new(j, "id_number", u->id_number ? json_string(idm) : json_null());
	json_object_set_new(j, "phone", u->phone ? json_string(phm) : json_null());
	json_object_set_new(j, "created_at", yc_jtime(u->created_at));
	return j;
}

/* ---- authentication ---- */

struct auth_ctx {
	struct yc_req *r;
	struct yc_user u;
	int64_t last_seen;
};

static enum yc_status auth_read(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct auth_ctx *c = vctx;
	return yc_session_user(db, c->r->a, c->r->token_hash, c->r->now, c->r->cfg->session_idle,
	                       &c->u, &c->last_seen, e);
}

static enum yc_status auth_touch(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct auth_ctx *c = vctx;
	return yc_session_touch(db, c->r->token_hash, c->r->now, e);
}

enum yc_status yc_authenticate(struct yc_req *r, struct yc_error *e)
{
	const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
	if (!h)
		return YC_OK;
	if (strncmp(h, "Bearer ", 7) != 0)
		return yc_fail(e, YC_E_UNAUTHENTICATED, NULL, "Authorization 须为 Bearer 令牌");
	const char *tok = h + 7;
	if (!yc_is_hex256(tok, strlen(tok)))
		return yc_fail(e, YC_E_UNAUTHENTICATED, NULL, "登录令牌无效");
	yc_sha256_hex(tok, 64, r->token_hash);
	struct auth_ctx c = {.r = r};
	/* One statement: no transaction needed for the read. */
	struct yc_db *db = yc_store_db(r->store, e);
	if (!db)
		return YC_E_STORE_UNAVAILABLE;
	enum yc_status st = auth_read(db, &c, e);
	if (st == YC_E_UNAUTHENTICATED)
		return yc_fail(e, st, NULL, "登录已过期或令牌无效，请重新登录");
	if (st != YC_OK)
		return st;
	if (!c.u.active)
		return yc_fail(e, YC_E_UNAUTHENTICATED, NULL, "账号已停用");
	if (r->now - c.last_seen >= TOUCH_EVERY) {
		st = yc_store_tx(r->store, YC_TX_WRITE, auth_touch, &c, e);
		if (st != YC_OK)
			return st;
	}
	r->user = yc_alloc(r->a, sizeof *r->user);
	*r->user = c.u;
	r->principal = yc_alloc(r->a, sizeof *r->principal);
	*r->principal = (struct yc_principal){.user_id = c.u.id,
	                                      .username = c.u.username,
	                                      .role = c.u.role,
	                                      .region = c.u.region,
	                                      .dept = c.u.dept};
	return YC_OK;
}

/* ---- register ---- */

struct reg_ctx {
	struct yc_req *r;
	struct yc_user u;
};

static enum yc_status reg_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct reg_ctx *c = vctx;
	enum yc_status st = yc_user_insert(db, &c->u, c->r->now, &c->u.id, e);
	if (st != YC_OK)
		return st;
	c->u.created_at = c->r->now;
	json_t *after = yc_user_json(&c->u);
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)c->u.id);
	st = yc_audit(c->r, db, "user.register", "user", idbuf, NULL, NULL, after, e);
	json_decref(after);
	return st;
}

enum yc_status yc_h_register(struct yc_req *r, struct yc_error *e)
{
	const char *username = NULL, *password = NULL, *name = NULL, *id_number = NULL,
	           *phone = NULL;
	const struct yc_field f[] = {
	    {"username", YC_F_STRING, true, &username, NULL},
	    {"password", YC_F_STRING, true, &password, NULL},
	    {"name", YC_F_STRING, true, &name, NULL},
	    {"id_number", YC_F_STRING, true, &id_number, NULL},
	    {"phone", YC_F_STRING, true, &phone, NULL},
	};
	enum yc_status st = yc_parse_fields(r, f, 5, e);
	if (st != YC_OK)
		return st;
	const struct yc_account_input in = {.username = username,
	                                    .password = password,
	                                    .name = name,
	                                    .role = "applicant",
	                                    .phone = phone,
	                                    .id_number = id_number};
	enum yc_role role;
	const char *uname;
	if ((st = yc_account_check(&in, yc_date_cst(r->now), r->a, &role, &uname, e)) != YC_OK)
		return st;
	char hash[YC_PWHASH_MAX];
	if (yc_password_hash(password, strlen(password), hash) != YC_OK)
		return yc_fail(e, YC_E_INTERNAL, NULL, NULL);
	struct reg_ctx c = {.r = r,
	                    .u = {.username = uname,
	                          .password_hash = hash,
	                          .name = name,
	                          .role = role,
	                          .id_number = id_number,
	                          .phone = phone,
	                          .active = true}};
	st = yc_store_tx(r->store, YC_TX_WRITE, reg_tx, &c, e);
	if (st != YC_OK)
		return st;
	c.u.password_hash = NULL;
	return yc_reply_json(r, 201, json_pack("{s:o}", "user", yc_user_json(&c.u)));
}

/* ---- login ---- */

struct login_ctx {
	struct yc_req *r;
	const char *username;
	struct yc_user u;
	bool found;
	int64_t failures, last_failure;
	bool ok;
	char token[YC_HEX256_SIZE], token_hash[YC_HEX256_SIZE];
};

static enum yc_status login_read(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct login_ctx *c = vctx;
	enum yc_status st = yc_login_failure_count(db, c->username, c->r->now - LOCK_WINDOW,
	                                           &c->failures, &c->last_failure, e);
	if (st != YC_OK)
		return st;
	st = yc_user_by_username(db, c->r->a, c->username, &c->u, e);
	c->found = st == YC_OK;
	return st == YC_E_NOT_FOUND ? YC_OK : st;
}

static enum yc_status login_write(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct login_ctx *c = vctx;
	struct yc_req *r = c->r;
	enum yc_status st;
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)(c->found ? c->u.id : 0));
	if (!c->ok) {
		st = yc_login_failure_add(db, c->username, r->now, r->ip, e);
		if (st != YC_OK)
			return st;
		json_t *after = json_pack("{s:s, s:s}", "username", c->username, "ip", r->ip);
		st = yc_audit(r, db, "session.login_failed", "user", c->found ? idbuf : NULL,
		              c->found ? c->u.region : NULL, NULL, after, e);
		json_decref(after);
		return st;
	}
	if ((st = yc_login_failure_clear(db, c->username, e)) != YC_OK)
		return st;
	yc_token_new(c->token, c->token_hash);
	if ((st = yc_session_insert(db, c->token_hash, c->u.id, r->now, r->ip, e)) != YC_OK)
		return st;
	/* The audit row names the session by the first 12 hex of its hash: enough to follow it,
	 * useless to take it over. */
	json_t *after = json_pack("{s:s, s:s%}", "ip", r->ip, "session", c->token_hash, (size_t)12);
	r->principal = yc_alloc(r->a, sizeof *r->principal);
	*r->principal = (struct yc_principal){.user_id = c->u.id,
	                                      .username = c->u.username,
	                                      .role = c->u.role,
	                                      .region = c->u.region,
	                                      .dept = c->u.dept};
	st = yc_audit(r, db, "session.login", "user", idbuf, c->u.region, NULL, after, e);
	json_decref(after);
	return st;
}

enum yc_status yc_h_login(struct yc_req *r, struct yc_error *e)
{
	const char *username = NULL, *password = NULL;
	const struct yc_field f[] = {
	    {"username", YC_F_STRING, true, &username, NULL},
	    {"password", YC_F_STRING, true, &password, NULL},
	};
	enum yc_status st = yc_parse_fields(r, f, 2, e);
	if (st != YC_OK)
		return st;
	if (strlen(username) > 64 || strlen(password) > 128)
		return yc_fail(e, YC_E_BAD_CREDENTIALS, NULL, NULL);
	struct login_ctx c = {.r = r, .username = yc_username_normalize(r->a, username)};
	if ((st = yc_store_tx(r->store, YC_TX_READ, login_read, &c, e)) != YC_OK)
		return st;
	if (c.failures >= LOCK_FAILURES && r->now < c.last_failure + LOCK_TIME) {
		yc_fail(e, YC_E_LOCKED, NULL, NULL);
		e->retry_after = (int)(c.last_failure + LOCK_TIME - r->now);
		return YC_E_LOCKED;
	}
	/* The slow hash runs outside any transaction. */
	c.ok = yc_password_verify(c.found ? c.u.password_hash : NULL, password, strlen(password));
	if (c.ok && !c.u.active)
		return yc_fail(e, YC_E_DISABLED, NULL, NULL);
	if ((st = yc_store_tx(r->store, YC_TX_WRITE, login_write, &c, e)) != YC_OK)
		return st;
	if (!c.ok)
		return yc_fail(e, YC_E_BAD_CREDENTIALS, NULL, NULL);
	return yc_reply_json(r, 200,
	                     json_pack("{s:s, s:o, s:I, s:o}", "token", c.token, "expires_at",
	                               yc_jtime(r->now + r->cfg->session_idle), "idle_seconds",
	                               (json_int_t)r->cfg->session_idle, "user",
	                               yc_user_json(&c.u)));
}

/* ---- logout and me ---- */

static enum yc_status logout_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct yc_req *r = vctx;
	enum yc_status st = yc_session_delete(db, r->token_hash, e);
	if (st != YC_OK)
		return st;
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)r->principal->user_id);
	return yc_audit(r, db, "session.logout", "user", idbuf, r->principal->region, NULL, NULL,
	                e);
}

enum yc_status yc_h_logout(struct yc_req *r, struct yc_error *e)
{
	enum yc_status st = yc_store_tx(r->store, YC_TX_WRITE, logout_tx, r, e);
	if (st != YC_OK)
		return st;
	return yc_reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

enum yc_status yc_h_me(struct yc_req *r, struct yc_error *e)
{
	(void)e;
	return yc_reply_json(r, 200, json_pack("{s:o}", "user", yc_user_json(r->user)));
}

struct yc_actor yc_actor_of(const struct yc_req *r)
{
	return (struct yc_actor){.id = r->principal->user_id,
	                         .username = r->principal->username,
	                         .role = yc_role_name(r->principal->role)};
}

/* accounts.c — users, sessions and login failures in the store. */
#include "backend.h"

#include <string.h>

/* Reads the USER_COLS columns starting at column 0. */
static void read_user(struct yc_rows *r, struct yc_arena *a, struct yc_user *u)
{
	u->id = q_int(r, 0);
	u->username = q_str(r, 1, a);
	u->name = q_str(r, 2, a);
	const char *role = q_text(r, 3);
	u->role = yc_role_parse(role, role ? strlen(role) : 0);
	u->region = q_str(r, 4, a);
	u->region_name = q_str(r, 5, a);
	u->dept = q_str(r, 6, a);
	u->dept_name = q_str(r, 7, a);
	u->id_number = q_str(r, 8, a);
	u->phone = q_str(r, 9, a);
	u->active = q_int(r, 10) != 0;
	u->created_at = q_int(r, 11);
	u->password_hash = NULL;
}

enum yc_status yc_user_insert(struct yc_db *db, const struct yc_user *u, int64_t now, int64_t *id,
                              struct yc_error *e)
{
	if (u->role == YC_ROLE_APPLICANT && u->id_number) {
		int64_t taken = 0;
		struct yc_param q[] = {PT(u->id_number)};
		enum yc_status st = q_int1(db, YC_STMT_USER_ID_NUMBER_TAKEN, q, 1, &taken, e);
		if (st != YC_OK)
			return st;
		if (taken)
			return yc_fail(e, YC_E_CONFLICT, "id_number", "该身份证号码已注册账号");
	}
	struct yc_param p[] = {PT(u->username),  PT(u->password_hash),
	                       PT(u->name),      PT(yc_role_name(u->role)),
	                       PT(u->region),    PT(u->dept),
	                       PT(u->id_number), PT(u->phone),
	                       PB(u->active),    PI(now)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_USER_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	if (st == YC_E_CONFLICT)
		return yc_fail(e, st, "username", "用户名已被使用");
	if (st == YC_E_BAD_INPUT)
		return yc_fail(e, st, u->dept ? "dept" : "region", "引用的行政区划或部门不存在");
	return st;
}

static enum yc_status user_one(struct yc_db *db, struct yc_arena *a, enum yc_stmt id,
                               const struct yc_param *p, struct yc_user *out, bool with_hash,
                               struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, 1, &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r)) {
			read_user(&r, a, out);
			if (with_hash)
				out->password_hash = q_str(&r, 12, a);
		} else {
			st = yc_fail(e, YC_E_NOT_FOUND, NULL, "用户不存在");
		}
	}
	q_done(&r);
	return st;
}

enum yc_status yc_user_by_id(struct yc_db *db, struct yc_arena *a, int64_t id, struct yc_user *out,
                             struct yc_error *e)
{
	struct yc_param p[] = {PI(id)};
	return user_one(db, a, YC_STMT_USER_BY_ID, p, out, false, e);
}

enum yc_status yc_user_by_username(struct yc_db *db, struct yc_arena *a, const char *username,
                                   struct yc_user *out, struct yc_error *e)
{
	struct yc_param p[] = {PT(username)};
	return user_one(db, a, YC_STMT_USER_BY_USERNAME, p, out, true, e);
}

enum yc_status yc_user_update(struct yc_db *db, const struct yc_user *u, int64_t now,
                              struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(u->id), PT(u->name), PT(u->phone), PB(u->active), PI(now)};
	enum yc_status st = q_exec(db, YC_STMT_USER_UPDATE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_NOT_FOUND, NULL, "用户不存在");
	return st;
}

enum yc_status yc_user_list(struct yc_db *db, struct yc_arena *a, const struct yc_user_filter *f,
                            const struct yc_page *pg, struct yc_user **items, int64_t *n,
                            int64_t *total, struct yc_error *e)
{
	char prefix[13] = "";
	int plen = f->region ? yc_region_prefix(f->region, prefix) : 0;
	char *like = yc_like_contains(a, f->q);
	struct yc_param p[] = {PT(f->role),      PT(plen ? prefix : NULL),
	                       PI(plen),         PT(like),
	                       PI(pg->per_page), PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_USER_COUNT, p, 4, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	st = q_run(db, YC_STMT_USER_LIST, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	*items = yc_alloc(a, sizeof **items * (size_t)pg->per_page);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r))
		read_user(&r, a, &(*items)[(*n)++]);
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_session_insert(struct yc_db *db, const char *token_hash, int64_t user_id,
                                 int64_t now, const char *ip, struct yc_error *e)
{
	struct yc_param p[] = {PT(token_hash), PI(user_id), PI(now), PT(ip)};
	return q_exec(db, YC_STMT_SESSION_INSERT, p, NPARAM(p), NULL, e);
}

enum yc_status yc_session_user(struct yc_db *db, struct yc_arena *a, const char *token_hash,
                               int64_t now, int64_t idle, struct yc_user *out, int64_t *last_seen,
                               struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(token_hash), PI(now - idle)};
	enum yc_status st = q_run(db, YC_STMT_SESSION_USER, p, NPARAM(p), &r, e);
	if (st == YC_OK) {
		if (q_has_row(&r)) {
			read_user(&r, a, out);
			*last_seen = q_int(&r, 13);
		} else {
			st = yc_fail(e, YC_E_UNAUTHENTICATED, NULL, NULL);
		}
	}
	q_done(&r);
	return st;
}

enum yc_status yc_session_touch(struct yc_db *db, const char *token_hash, int64_t now,
                                struct yc_error *e)
{
	struct yc_param p[] = {PT(token_hash), PI(now)};
	return q_exec(db, YC_STMT_SESSION_TOUCH, p, NPARAM(p), NULL, e);
}

enum yc_status yc_session_delete(struct yc_db *db, const char *token_hash, struct yc_error *e)
{
	struct yc_param p[] = {PT(token_hash)};
	return q_exec(db, YC_STMT_SESSION_DELETE, p, 1, NULL, e);
}

enum yc_status yc_session_delete_user(struct yc_db *db, int64_t user_id, struct yc_error *e)
{
	struct yc_param p[] = {PI(user_id)};
	return q_exec(db, YC_STMT_SESSION_DELETE_USER, p, 1, NULL, e);
}

enum yc_status yc_session_expire(struct yc_db *db, int64_t before, int64_t *n, struct yc_error *e)
{
	struct yc_param p[] = {PI(before)};
	return q_exec(db, YC_STMT_SESSION_EXPIRE, p, 1, n, e);
}

enum yc_status yc_login_failure_add(struct yc_db *db, const char *username, int64_t now,
                                    const char *ip, struct yc_error *e)
{
	struct yc_param p[] = {PT(username), PI(now), PT(ip)};
	return q_exec(db, YC_STMT_LOGIN_FAIL_ADD, p, NPARAM(p), NULL, e);
}

enum yc_status yc_login_failure_count(struct yc_db *db, const char *username, int64_t since,
                                      int64_t *count, int64_t *last, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PT(username), PI(since)};
	enum yc_status st = q_run(db, YC_STMT_LOGIN_FAIL_COUNT, p, NPARAM(p), &r, e);
	if (st == YC_OK) {
		*count = q_has_row(&r) ? q_int(&r, 0) : 0;
		*last = q_has_row(&r) ? q_int(&r, 1) : 0;
	}
	q_done(&r);
	return st;
}

enum yc_status yc_login_failure_clear(struct yc_db *db, const char *username, struct yc_error *e)
{
	struct yc_param p[] = {PT(username)};
	return q_exec(db, YC_STMT_LOGIN_FAIL_CLEAR, p, 1, NULL, e);
}

enum yc_status yc_login_failure_prune(struct yc_db *db, int64_t before, int64_t *n,
                                      struct yc_error *e)
{
	struct yc_param p[] = {PI(before)};
	return q_exec(db, YC_STMT_LOGIN_FAIL_PRUNE, p, 1, n, e);
}

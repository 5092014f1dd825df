/* demo.c — `yici user add` and `yici demo`: accounts, regions and departments written by the
 * system itself, each change in the audit log with actor "system". */
#include "cli.h"

#include "../app/app.h"
#include "../core/codes.h"
#include "../core/credentials.h"
#include "../core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct yc_embedded_file {
	const char *name;
	const char *data;
	unsigned long len;
};
extern const struct yc_embedded_file yc_demo_files[];
extern const int yc_demo_files_count;

static const struct yc_embedded_file *demo_file(const char *name)
{
	for (int i = 0; i < yc_demo_files_count; i++)
		if (strcmp(yc_demo_files[i].name, name) == 0)
			return &yc_demo_files[i];
	return NULL;
}

/* Audit text of a few key/value pairs, JSON-escaped by hand for the plain demo values. */
static char *json_kv(struct yc_arena *a, const char *const *kv, int n)
{
	char *out = yc_strdup(a, "{");
	for (int i = 0; i + 1 < n; i += 2) {
		if (!kv[i + 1])
			continue;
		char *v = yc_strdup(a, "");
		for (const char *p = kv[i + 1]; *p; p++) {
			if (*p == '"' || *p == '\\')
				v = yc_printf(a, "%s\\%c", v, *p);
			else if ((unsigned char)*p < 0x20)
				v = yc_printf(a, "%s\\u%04x", v, (unsigned char)*p);
			else
				v = yc_printf(a, "%s%c", v, *p);
		}
		out = yc_printf(a, "%s%s\"%s\":\"%s\"", out, out[1] ? "," : "", kv[i], v);
	}
	return yc_printf(a, "%s}", out);
}

static enum yc_status system_audit(struct yc_db *db, const char *action, const char *entity,
                                   const char *id, const char *region, const char *after,
                                   struct yc_error *e)
{
	struct yc_audit_entry row = {.at = (int64_t)time(NULL),
	                             .actor_id = 0,
	                             .actor_username = "system",
	                             .actor_role = "system",
	                             .action = action,
	                             .entity = entity,
	                             .entity_id = id,
	                             .region = region,
	                             .after = after};
	return yc_audit_append(db, &row, e);
}

struct add_ctx {
	struct yc_arena *a;
	struct yc_user u;
	bool skip_existing;
	bool added;
};

static enum yc_status add_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct add_ctx *c = vctx;
	struct yc_user old;
	enum yc_status st = yc_user_by_username(db, c->a, c->u.username, &old, e);
	if (st == YC_OK) {
		if (c->skip_existing)
			return YC_OK;
		return yc_fail(e, YC_E_CONFLICT, "username", "用户名已被使用");
	}
	if (st != YC_E_NOT_FOUND)
		return st;
	if (c->u.dept) {
		struct yc_dept d;
		st = yc_dept_get(db, c->a, c->u.dept, &d, e);
		if (st == YC_E_NOT_FOUND)
			return yc_fail(e, YC_E_BAD_INPUT, "dept", "部门不存在");
		if (st != YC_OK)
			return st;
		if (c->u.region && strcmp(c->u.region, d.region) != 0)
			return yc_fail(e, YC_E_BAD_INPUT, "dept", "部门不属于该行政区划");
		c->u.region = d.region;
	}
	if (c->u.region) {
		struct yc_region g;
		st = yc_region_get(db, c->a, c->u.region, &g, e);
		if (st == YC_E_NOT_FOUND)
			return yc_fail(e, YC_E_BAD_INPUT, "region", "行政区划不存在");
		if (st != YC_OK)
			return st;
	}
	int64_t now = (int64_t)time(NULL);
	if ((st = yc_user_insert(db, &c->u, now, &c->u.id, e)) != YC_OK)
		return st;
	char *id = yc_printf(c->a, "%lld", (long long)c->u.id);
	const char *kv[] = {
	    "username", c->u.username, "name", c->u.name, "role", yc_role_name(c->u.role),
	    "region",   c->u.region,   "dept", c->u.dept};
	c->added = true;
	return system_audit(db, "user.create", "user", id, c->u.region, json_kv(c->a, kv, 10), e);
}

static enum yc_status add_user(struct yc_store *s, struct yc_arena *a,
                               const struct yc_account_input *in, bool skip_existing, int64_t *id,
                               bool *added, struct yc_error *e)
{
	enum yc_role role;
	const char *uname;
	enum yc_status st =
	    yc_account_check(in, yc_date_cst((int64_t)time(NULL)), a, &role, &uname, e);
	if (st != YC_OK)
		return st;
	char hash[YC_PWHASH_MAX];
	if (yc_password_hash(in->password, strlen(in->password), hash) != YC_OK)
		return yc_fail(e, YC_E_INTERNAL, NULL, NULL);
	struct add_ctx c = {.a = a,
	                    .u = {.username = uname,
	                          .password_hash = hash,
	                          .name = in->name,
	                          .role = role,
	                          .region = in->region,
	                          .dept = in->dept,
	                          .phone = in->phone,
	                          .id_number = in->id_number,
	                          .active = true},
	                    .skip_existing = skip_existing};
	st = yc_store_tx(s, YC_TX_WRITE, add_tx, &c, e);
	if (id)
		*id = c.u.id;
	if (added)
		*added = c.added;
	return st;
}

enum yc_status yc_cli_user_add(struct yc_store *s, const struct yc_account_input *in, int64_t *id,
                               struct yc_error *e)
{
	struct yc_arena *a = yc_arena_new();
	enum yc_status st = add_user(s, a, in, false, id, NULL, e);
	yc_arena_free(a);
	return st;
}

/* Split one CSV line (no quoting in the demo files) into at most n fields in place. */
static int split(char *line, char **f, int n)
{
	int k = 0;
	char *p = line;
	while (k < n) {
		f[k++] = p;
		char *c = strchr(p, ',');
		if (!c)
			break;
		*c = '\0';
		p = c + 1;
	}
	for (int i = 0; i < k; i++)
		if (!f[i][0])
			f[i] = NULL;
	return k;
}

/* Lines of an embedded CSV without its comments and header, in the arena. */
static char **csv_lines(struct yc_arena *a, const char *name, int *n)
{
	const struct yc_embedded_file *f = demo_file(name);
	*n = 0;
	if (!f)
		return NULL;
	char *text = yc_strndup(a, f->data, f->len);
	int cap = 1;
	for (char *p = text; *p; p++)
		cap += *p == '\n';
	char **lines = yc_alloc(a, sizeof *lines * (size_t)cap);
	bool header = true;
	for (char *save = NULL, *l = strtok_r(text, "\r\n", &save); l;
	     l = strtok_r(NULL, "\r\n", &save)) {
		if (l[0] == '#' || !l[0])
			continue;
		if (header) {
			header = false;
			continue;
		}
		lines[(*n)++] = l;
	}
	return lines;
}

struct place_ctx {
	struct yc_arena *a;
	char **lines;
	int n;
	int added;
};

static enum yc_status regions_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct place_ctx *c = vctx;
	int64_t now = (int64_t)time(NULL);
	for (int i = 0; i < c->n; i++) {
		char *f[3] = {0};
		char *line = yc_strdup(c->a, c->lines[i]);
		if (split(line, f, 3) < 2 || !f[0] || !f[1])
			return yc_fail(e, YC_E_BAD_INPUT, "regions.csv", "演示区划数据格式错误");
		struct yc_region g;
		enum yc_status st = yc_region_get(db, c->a, f[0], &g, e);
		if (st == YC_OK)
			continue;
		if (st != YC_E_NOT_FOUND)
			return st;
		enum yc_region_level lv = yc_region_level(f[0], strlen(f[0]));
		if (lv == YC_REGION_INVALID)
			return yc_fail(e, YC_E_BAD_INPUT, "regions.csv", "演示区划代码无效");
		g = (struct yc_region){
		    .code = f[0], .name = f[1], .parent = f[2], .level = yc_region_level_name(lv)};
		if ((st = yc_region_insert(db, &g, now, e)) != YC_OK)
			return st;
		const char *kv[] = {"code", g.code, "name", g.name, "parent", g.parent};
		if ((st = system_audit(db, "region.create", "region", g.code, g.code,
		                       json_kv(c->a, kv, 6), e)) != YC_OK)
			return st;
		c->added++;
	}
	return YC_OK;
}

static enum yc_status depts_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct place_ctx *c = vctx;
	int64_t now = (int64_t)time(NULL);
	for (int i = 0; i < c->n; i++) {
		char *f[4] = {0};
		char *line = yc_strdup(c->a, c->lines[i]);
		if (split(line, f, 4) < 3 || !f[0] || !f[1] || !f[2])
			return yc_fail(e, YC_E_BAD_INPUT, "depts.csv", "演示部门数据格式错误");
		if (yc_credit_code_check(f[0], strlen(f[0])) != YC_CODE_OK)
			return yc_fail(e, YC_E_BAD_INPUT, "depts.csv",
			               "演示部门统一社会信用代码无效");
		struct yc_dept d;
		enum yc_status st = yc_dept_get(db, c->a, f[0], &d, e);
		if (st == YC_OK)
			continue;
		if (st != YC_E_NOT_FOUND)
			return st;
		d = (struct yc_dept){.code = f[0], .name = f[1], .region = f[2], .sector = f[3]};
		if ((st = yc_dept_insert(db, &d, now, e)) != YC_OK)
			return st;
		const char *kv[] = {"code",   d.code,   "name",   d.name,
		                    "region", d.region, "sector", d.sector};
		if ((st = system_audit(db, "dept.create", "dept", d.code, d.region,
		                       json_kv(c->a, kv, 8), e)) != YC_OK)
			return st;
		c->added++;
	}
	return YC_OK;
}

/* The official working-day calendar years (data/calendar/calendar-cn.json, compiled in); a year
 * already in the database (set by an admin) is kept. */
extern const unsigned char yc_demo_calendar[];
extern const unsigned long yc_demo_calendar_len;

struct calendar_ctx {
	struct yc_arena *a;
	const json_t *doc;
	int added;
};

static enum yc_status calendar_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct calendar_ctx *c = vctx;
	struct yc_problems p;
	yc_problems_init(&p, c->a);
	const struct yc_actor who = {.id = 0, .username = "system", .role = "system"};
	return yc_app_calendar_import(db, c->a, &who, (int64_t)time(NULL), c->doc, false, &p,
	                              &c->added, e);
}

/* The demo rows of the shared-data registry (data/demo/shared_certificates.csv). */
static enum yc_status shared_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct place_ctx *c = vctx;
	int64_t now = (int64_t)time(NULL);
	for (int i = 0; i < c->n; i++) {
		char *f[5] = {0};
		if (split(c->lines[i], f, 5) < 4 || !f[0] || !f[1] || !f[2] || !f[3])
			return yc_fail(e, YC_E_BAD_INPUT, "shared_certificates.csv",
			               "演示共享证照数据格式错误");
		const struct yc_shared_cert cert = {.subject_id = f[0],
		                                    .name = f[1],
		                                    .number = f[2],
		                                    .issuer = f[3],
		                                    .valid_until = f[4]};
		bool added = false;
		enum yc_status st = yc_shared_add(db, &cert, now, &added, e);
		if (st != YC_OK)
			return st;
		c->added += added;
	}
	return YC_OK;
}

static enum yc_status demo_calendar(struct yc_store *s, struct yc_arena *a, int *added,
                                    struct yc_error *e)
{
	json_t *doc = json_loadb((const char *)yc_demo_calendar, yc_demo_calendar_len, 0, NULL);
	if (!doc)
		return yc_fail(e, YC_E_INTERNAL, "calendar-cn.json", "演示工作日历不是有效的 JSON");
	struct calendar_ctx c = {.a = a, .doc = doc};
	enum yc_status st = yc_store_tx(s, YC_TX_WRITE, calendar_tx, &c, e);
	*added = c.added;
	json_decref(doc);
	return st;
}

enum yc_status yc_cli_demo(struct yc_store *s, int *added, struct yc_error *e)
{
	struct yc_arena *a = yc_arena_new();
	struct place_ctx c = {.a = a};
	c.lines = csv_lines(a, "regions.csv", &c.n);
	enum yc_status st = yc_store_tx(s, YC_TX_WRITE, regions_tx, &c, e);
	if (st == YC_OK) {
		c.lines = csv_lines(a, "depts.csv", &c.n);
		st = yc_store_tx(s, YC_TX_WRITE, depts_tx, &c, e);
	}
	int n = 0;
	char **lines = csv_lines(a, "accounts.csv", &n);
	for (int i = 0; st == YC_OK && i < n; i++) {
		char *f[8] = {0};
		split(lines[i], f, 8);
		const struct yc_account_input in = {.username = f[0],
		                                    .password = f[1],
		                                    .name = f[2],
		                                    .role = f[3],
		                                    .region = f[4],
		                                    .dept = f[5],
		                                    .phone = f[6],
		                                    .id_number = f[7]};
		bool was_added = false;
		st = add_user(s, a, &in, true, NULL, &was_added, e);
		c.added += was_added;
	}
	if (st == YC_OK) {
		int n2 = 0;
		st = yc_cli_demo_catalog(s, &n2, e);
		c.added += n2;
	}
	if (st == YC_OK) {
		int n3 = 0;
		st = demo_calendar(s, a, &n3, e);
		c.added += n3;
	}
	if (st == YC_OK) {
		c.lines = csv_lines(a, "shared_certificates.csv", &c.n);
		st = yc_store_tx(s, YC_TX_WRITE, shared_tx, &c, e);
	}
	if (added)
		*added = c.added;
	yc_arena_free(a);
	return st;
}

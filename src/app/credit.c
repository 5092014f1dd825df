/* credit.c — credit records (诚信档案): recorded by admins and supervisors, or by the system when
 * a commitment proves false or a tolerated material misses its deadline; every record and every
 * revocation is audited. See app.h. */
#include "app.h"

#include "../core/codes.h"
#include "../core/text.h"

#include <string.h>

enum yc_status yc_app_credit_record(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, int64_t now,
                                    struct yc_credit_row *c, struct yc_error *e)
{
	c->created_by = who->id;
	c->created_at = now;
	int64_t id = 0;
	enum yc_status st = yc_credit_insert(db, c, &id, e);
	if (st != YC_OK)
		return st;
	c->id = id;
	json_t *after = json_pack("{s:s, s:s, s:s, s:I}", "kind", c->kind, "source", c->source,
	                          "reason", c->reason, "expires_at", (json_int_t)c->expires_at);
	st = yc_app_audit(db, a, who, now, "credit.record", "credit",
	                  yc_printf(a, "%lld", (long long)id), c->region, NULL, after, e);
	json_decref(after);
	return st;
}

enum yc_status yc_app_credit_check(struct yc_db *db, struct yc_arena *a, const char *subject,
                                   int64_t now, const char *what, struct yc_error *e)
{
	struct yc_credit_row c;
	bool found = false;
	enum yc_status st = yc_credit_live(db, a, subject, now, &c, &found, e);
	if (st != YC_OK || !found)
		return st;
	char until[24];
	yc_time_iso(c.expires_at, until);
	until[10] = '\0';
	return yc_fail(e, YC_E_FORBIDDEN, "credit",
	               yc_printf(a, "申请人有有效期至 %s 的失信记录（%s），不能适用%s", until,
	                         c.reason, what));
}

/* policy.h — the one place that decides who may do what.
 *
 * A decision is taken from (principal, the roles a route admits, the region and department the
 * request touches). src/http calls yc_policy_route() for every request before the handler runs and
 * yc_policy_scope() whenever a handler knows which region or department an object belongs to;
 * no handler decides access by itself. Pure functions: no I/O. */
#ifndef YICI_POLICY_H
#define YICI_POLICY_H

#include "err.h"
#include "roles.h"

#include <stdbool.h>
#include <stdint.h>

/* Who is asking: a logged-in user. An anonymous request has no principal (NULL). */
struct yc_principal {
	int64_t user_id;
	const char *username;
	enum yc_role role;
	const char *region; /* GB/T 2260 code of the staff member's scope, NULL for applicants */
	const char *dept;   /* credit code of a dept user's department, NULL otherwise */
};

/* Route admission. `roles` is a mask of YC_ROLE_BIT(); 0 means public (no login needed).
 * Returns YC_OK, YC_E_UNAUTHENTICATED (login needed) or YC_E_FORBIDDEN (wrong role). */
enum yc_status yc_policy_route(const struct yc_principal *p, unsigned roles);

/* Scope of an object: may `p` act on something in `region` (NULL: not regional) owned by
 * department `dept` (NULL: no department)? Staff act within their region and below; a dept user
 * also only on their own department; applicants never have a staff scope. Returns YC_OK or
 * YC_E_FORBIDDEN. */
enum yc_status yc_policy_scope(const struct yc_principal *p, const char *region, const char *dept);

/* Whether `p` may create or manage an account of `role` in `region`: admins only, within their
 * region, and never an account of a wider region than their own. */
enum yc_status yc_policy_manage_account(const struct yc_principal *p, enum yc_role role,
                                        const char *region);

/* Access to a case: an applicant only to cases of their own account (or that they entered);
 * window staff, supervisors and admins to cases whose handling region is within their scope;
 * other roles reach cases only through their tasks. */
enum yc_status yc_policy_case(const struct yc_principal *p, const char *region, int64_t owner,
                              int64_t creator);

#endif

/* policy.c — access decisions; see policy.h. */
#include "policy.h"

#include "codes.h"

#include <string.h>

enum yc_status yc_policy_route(const struct yc_principal *p, unsigned roles)
{
	if (roles == 0)
		return YC_OK;
	if (!p)
		return YC_E_UNAUTHENTICATED;
	if (p->role <= YC_ROLE_NONE || p->role >= YC_ROLE_COUNT)
		return YC_E_FORBIDDEN;
	return (roles & YC_ROLE_BIT(p->role)) ? YC_OK : YC_E_FORBIDDEN;
}

enum yc_status yc_policy_scope(const struct yc_principal *p, const char *region, const char *dept)
{
	if (!p)
		return YC_E_UNAUTHENTICATED;
	if (!yc_role_is_staff(p->role) || !p->region)
		return YC_E_FORBIDDEN;
	if (region && !yc_region_within(region, p->region))
		return YC_E_FORBIDDEN;
	if (p->role == YC_ROLE_DEPT && dept && (!p->dept || strcmp(p->dept, dept) != 0))
		return YC_E_FORBIDDEN;
	return YC_OK;
}

enum yc_status yc_policy_manage_account(const struct yc_principal *p, enum yc_role role,
                                        const char *region)
{
	if (!p)
		return YC_E_UNAUTHENTICATED;
	if (p->role != YC_ROLE_ADMIN)
		return YC_E_FORBIDDEN;
	if (role != YC_ROLE_APPLICANT && !region)
		return YC_E_FORBIDDEN;
	return yc_policy_scope(p, region, NULL);
}

enum yc_status yc_policy_case(const struct yc_principal *p, const char *region, int64_t owner,
                              int64_t creator)
{
	if (!p)
		return YC_E_UNAUTHENTICATED;
	switch (p->role) {
	case YC_ROLE_APPLICANT:
		return p->user_id && (p->user_id == owner || p->user_id == creator)
		           ? YC_OK
		           : YC_E_FORBIDDEN;
	case YC_ROLE_WINDOW:
	case YC_ROLE_SUPERVISOR:
	case YC_ROLE_ADMIN:
		return yc_policy_scope(p, region, NULL);
	default: /* departments see their tasks, couriers their hand-overs (issue 7), not cases */
		return YC_E_FORBIDDEN;
	}
}

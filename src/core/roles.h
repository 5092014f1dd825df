/* roles.h — the six roles of DESIGN.md §1 and their names.
 *
 * A role is a small integer so that a route can carry the set of roles it admits as a bit mask
 * (YC_ROLE_BIT(r)). Names are the glossary code names; yc_role_zh() gives the Chinese name. */
#ifndef YICI_ROLES_H
#define YICI_ROLES_H

#include <stdbool.h>
#include <stddef.h>

enum yc_role {
	YC_ROLE_NONE = 0,
	YC_ROLE_APPLICANT = 1,
	YC_ROLE_WINDOW = 2,
	YC_ROLE_COURIER = 3,
	YC_ROLE_DEPT = 4,
	YC_ROLE_ADMIN = 5,
	YC_ROLE_SUPERVISOR = 6,
};
#define YC_ROLE_COUNT 7

#define YC_ROLE_BIT(r) (1u << (r))
#define YC_ROLES_STAFF                                                                             \
	(YC_ROLE_BIT(YC_ROLE_WINDOW) | YC_ROLE_BIT(YC_ROLE_COURIER) | YC_ROLE_BIT(YC_ROLE_DEPT) |  \
	 YC_ROLE_BIT(YC_ROLE_ADMIN) | YC_ROLE_BIT(YC_ROLE_SUPERVISOR))
#define YC_ROLES_ANY (YC_ROLES_STAFF | YC_ROLE_BIT(YC_ROLE_APPLICANT))

/* "applicant", "window", ...; NULL for YC_ROLE_NONE or an out-of-range value. */
const char *yc_role_name(enum yc_role r);

/* 申请人, 综合受理窗口人员, ... */
const char *yc_role_zh(enum yc_role r);

/* The role named by s[0..len), or YC_ROLE_NONE. */
enum yc_role yc_role_parse(const char *s, size_t len);

/* Whether accounts of this role are staff (need a region; created by an admin). */
bool yc_role_is_staff(enum yc_role r);

#endif

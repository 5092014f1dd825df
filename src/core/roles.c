/* roles.c — role names; see roles.h. */
#include "roles.h"

#include <string.h>

static const char *const names[YC_ROLE_COUNT] = {
    NULL, "applicant", "window", "courier", "dept", "admin", "supervisor",
};

static const char *const names_zh[YC_ROLE_COUNT] = {
    NULL,
    "申请人",
    "综合受理窗口人员",
    "资料流转员",
    "业务主管部门审批人员",
    "政务管理服务部门",
    "监督检查",
};

const char *yc_role_name(enum yc_role r)
{
	return (r > YC_ROLE_NONE && r < YC_ROLE_COUNT) ? names[r] : NULL;
}

const char *yc_role_zh(enum yc_role r)
{
	return (r > YC_ROLE_NONE && r < YC_ROLE_COUNT) ? names_zh[r] : NULL;
}

enum yc_role yc_role_parse(const char *s, size_t len)
{
	if (!s)
		return YC_ROLE_NONE;
	for (int r = 1; r < YC_ROLE_COUNT; r++)
		if (strlen(names[r]) == len && memcmp(names[r], s, len) == 0)
			return (enum yc_role)r;
	return YC_ROLE_NONE;
}

bool yc_role_is_staff(enum yc_role r)
{
	return r >= YC_ROLE_WINDOW && r < YC_ROLE_COUNT;
}

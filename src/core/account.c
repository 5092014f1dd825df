/* account.c — rules for new accounts; see account.h. */
#include "account.h"

#include "codes.h"
#include "credentials.h"
#include "text.h"

#include <string.h>

enum yc_status yc_account_check(const struct yc_account_input *in, int32_t today_yyyymmdd,
                                struct yc_arena *a, enum yc_role *role, const char **username,
                                struct yc_error *e)
{
	enum yc_status st;
	if (!in->username)
		return yc_fail(e, YC_E_BAD_INPUT, "username", "缺少必填字段");
	if (!in->password)
		return yc_fail(e, YC_E_BAD_INPUT, "password", "缺少必填字段");
	if (!in->name)
		return yc_fail(e, YC_E_BAD_INPUT, "name", "缺少必填字段");
	if ((st = yc_username_check(in->username, strlen(in->username), e)) != YC_OK ||
	    (st = yc_password_check(in->password, strlen(in->password), e)) != YC_OK ||
	    (st = yc_text_check(in->name, strlen(in->name), 1, 50, false, "name", e)) != YC_OK)
		return st;
	enum yc_role r = in->role ? yc_role_parse(in->role, strlen(in->role)) : YC_ROLE_NONE;
	if (r == YC_ROLE_NONE)
		return yc_fail(e, YC_E_BAD_INPUT, "role",
		               "角色应为 applicant、window、courier、dept、admin 或 supervisor");
	if (in->phone && !yc_phone_valid(in->phone, strlen(in->phone)))
		return yc_fail(e, YC_E_BAD_INPUT, "phone", "电话号码格式不正确");
	if (r == YC_ROLE_APPLICANT) {
		if (!in->id_number)
			return yc_fail(e, YC_E_BAD_INPUT, "id_number", "缺少必填字段");
		if (!in->phone)
			return yc_fail(e, YC_E_BAD_INPUT, "phone", "缺少必填字段");
		if (in->region)
			return yc_fail(e, YC_E_BAD_INPUT, "region", "申请人账号不属于行政区划");
		if (in->dept)
			return yc_fail(e, YC_E_BAD_INPUT, "dept", "申请人账号不属于部门");
	} else {
		if (r == YC_ROLE_DEPT && !in->dept)
			return yc_fail(e, YC_E_BAD_INPUT, "dept", "部门审批人员须指定所属部门");
		if (r != YC_ROLE_DEPT && in->dept)
			return yc_fail(e, YC_E_BAD_INPUT, "dept", "只有部门审批人员属于部门");
		if (!in->region && !in->dept)
			return yc_fail(e, YC_E_BAD_INPUT, "region", "工作人员须指定行政区划");
	}
	if (in->id_number) {
		enum yc_code_check cc =
		    yc_id_number_check(in->id_number, strlen(in->id_number), today_yyyymmdd);
		if (cc != YC_CODE_OK)
			return yc_fail(e, YC_E_BAD_INPUT, "id_number",
			               yc_printf(a, "身份证号码无效：%s", yc_code_reason_zh(cc)));
	}
	if (in->region && yc_region_level(in->region, strlen(in->region)) == YC_REGION_INVALID)
		return yc_fail(e, YC_E_BAD_INPUT, "region", "行政区划代码无效（GB/T 2260）");
	if (in->dept && yc_credit_code_check(in->dept, strlen(in->dept)) != YC_CODE_OK)
		return yc_fail(e, YC_E_BAD_INPUT, "dept", "部门统一社会信用代码无效");
	*role = r;
	*username = yc_username_normalize(a, in->username);
	return YC_OK;
}

/* err.c — names and default messages of the error values in err.h. */
#include "err.h"

#include <stddef.h>

static const struct {
	enum yc_status st;
	const char *code;
	const char *message;
} table[] = {
    {YC_OK, "ok", "成功"},
    {YC_E_BAD_INPUT, "bad_input", "输入不正确"},
    {YC_E_BAD_JSON, "bad_json", "请求内容不是有效的 JSON 对象"},
    {YC_E_NOT_FOUND, "not_found", "找不到请求的对象"},
    {YC_E_CONFLICT, "conflict", "与现有数据冲突"},
    {YC_E_FORBIDDEN, "forbidden", "无权执行此操作"},
    {YC_E_UNAUTHENTICATED, "unauthenticated", "请先登录，或登录已过期"},
    {YC_E_BAD_CREDENTIALS, "bad_credentials", "用户名或密码错误"},
    {YC_E_LOCKED, "locked", "密码错误次数过多，账号已临时锁定，请稍后再试"},
    {YC_E_DISABLED, "account_disabled", "账号已停用，请联系管理员"},
    {YC_E_TOO_LARGE, "too_large", "请求内容过大"},
    {YC_E_METHOD, "method_not_allowed", "不支持该请求方法"},
    {YC_E_STORE_UNAVAILABLE, "store_unavailable", "数据库暂时不可用，请稍后再试"},
    {YC_E_CALENDAR_MISSING, "calendar_missing", "所需年份的工作日历尚未设置"},
    {YC_E_INTERNAL, "internal", "系统内部错误"},
    {YC_E_RETRY, "retry", "数据冲突，请重试"},
};

static size_t find(enum yc_status st)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].st == st)
			return i;
	return sizeof table / sizeof table[0] - 2; /* internal */
}

const char *yc_status_code(enum yc_status st)
{
	return table[find(st)].code;
}

const char *yc_status_message(enum yc_status st)
{
	return table[find(st)].message;
}

enum yc_status yc_fail(struct yc_error *e, enum yc_status st, const char *field,
                       const char *message)
{
	if (e) {
		e->status = st;
		e->field = field;
		e->message = message ? message : yc_status_message(st);
		e->retry_after = 0;
	}
	return st;
}

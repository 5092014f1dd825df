/* delivery.c — delivery methods, UPU S10 item numbers, hand-over steps; see delivery.h. */
#include "delivery.h"

#include <string.h>

static const char *const methods[YC_DM_COUNT][2] = {
    [YC_DM_PICKUP] = {"pickup", "窗口自取"}, [YC_DM_POST] = {"post", "邮政寄递"},
    [YC_DM_ONLINE] = {"online", "网上传输"}, [YC_DM_SMS] = {"sms", "短信告知"},
    [YC_DM_NOTICE] = {"notice", "公示公告"},
};

const char *yc_delivery_method_name(enum yc_delivery_method m)
{
	return (unsigned)m < YC_DM_COUNT ? methods[m][0] : NULL;
}

const char *yc_delivery_method_zh(enum yc_delivery_method m)
{
	return (unsigned)m < YC_DM_COUNT ? methods[m][1] : NULL;
}

bool yc_delivery_method_parse(const char *s, enum yc_delivery_method *out)
{
	for (int i = 0; s && i < YC_DM_COUNT; i++)
		if (strcmp(methods[i][0], s) == 0) {
			*out = (enum yc_delivery_method)i;
			return true;
		}
	return false;
}

const char *yc_delivery_state_zh(const char *state)
{
	if (!state)
		return NULL;
	if (strcmp(state, "chosen") == 0)
		return "已选择，待送达";
	if (strcmp(state, "sent") == 0)
		return "已寄出";
	if (strcmp(state, "delivered") == 0)
		return "已送达";
	return NULL;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

int yc_s10_check_digit(const char *serial8)
{
	static const int w[8] = {8, 6, 4, 2, 3, 5, 9, 7};
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		if (!digit(serial8[i]))
			return -1;
		sum += (serial8[i] - '0') * w[i];
	}
	int c = 11 - sum % 11;
	return c == 10 ? 0 : c == 11 ? 5 : c;
}

enum yc_s10_check yc_s10_check(const char *s, size_t len)
{
	if (!s || len != 13)
		return YC_S10_LENGTH;
	if (!upper(s[0]) || !upper(s[1]) || !upper(s[11]) || !upper(s[12]))
		return YC_S10_FORMAT;
	for (int i = 2; i < 11; i++)
		if (!digit(s[i]))
			return YC_S10_FORMAT;
	return yc_s10_check_digit(s + 2) == s[10] - '0' ? YC_S10_OK : YC_S10_CHECKSUM;
}

const char *yc_s10_reason_zh(enum yc_s10_check r)
{
	switch (r) {
	case YC_S10_OK:
		return "有效";
	case YC_S10_LENGTH:
		return "邮件号应为 13 位（如 EA123456785CN）";
	case YC_S10_FORMAT:
		return "邮件号应为 2 位字母、9 位数字、2 位国家代码（如 EA123456785CN）";
	case YC_S10_CHECKSUM:
		return "邮件号校验位不正确，请核对后重新录入";
	}
	return "邮件号无效";
}

bool yc_mobile_valid(const char *s, size_t len)
{
	if (!s || len != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
		return false;
	for (size_t i = 2; i < len; i++)
		if (!digit(s[i]))
			return false;
	return true;
}

bool yc_postcode_valid(const char *s, size_t len)
{
	if (!s || len != 6)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!digit(s[i]))
			return false;
	return true;
}

/* One row per step: name, Chinese name, giver, receiver, who may record it. */
static const struct {
	const char *name, *zh;
	enum yc_role giver, receiver;
	unsigned recorders;
} steps[YC_HO_COUNT] = {
    [YC_HO_WINDOW_TO_COURIER] = {"window_to_courier", "窗口交资料流转员", YC_ROLE_WINDOW,
                                 YC_ROLE_COURIER, YC_ROLE_BIT(YC_ROLE_WINDOW)},
    [YC_HO_COURIER_TO_DEPT] = {"courier_to_dept", "资料流转员交部门", YC_ROLE_COURIER, YC_ROLE_DEPT,
                               YC_ROLE_BIT(YC_ROLE_COURIER) | YC_ROLE_BIT(YC_ROLE_DEPT)},
    [YC_HO_DEPT_TO_COURIER] = {"dept_to_courier", "部门交资料流转员", YC_ROLE_DEPT, YC_ROLE_COURIER,
                               YC_ROLE_BIT(YC_ROLE_COURIER) | YC_ROLE_BIT(YC_ROLE_DEPT)},
    [YC_HO_COURIER_TO_WINDOW] = {"courier_to_window", "资料流转员交回窗口", YC_ROLE_COURIER,
                                 YC_ROLE_WINDOW, YC_ROLE_BIT(YC_ROLE_WINDOW)},
};

const char *yc_handover_step_name(enum yc_handover_step s)
{
	return (unsigned)s < YC_HO_COUNT ? steps[s].name : NULL;
}

const char *yc_handover_step_zh(enum yc_handover_step s)
{
	return (unsigned)s < YC_HO_COUNT ? steps[s].zh : NULL;
}

bool yc_handover_step_parse(const char *s, enum yc_handover_step *out)
{
	for (int i = 0; s && i < YC_HO_COUNT; i++)
		if (strcmp(steps[i].name, s) == 0) {
			*out = (enum yc_handover_step)i;
			return true;
		}
	return false;
}

bool yc_handover_may_record(enum yc_handover_step s, enum yc_role role)
{
	return (unsigned)s < YC_HO_COUNT && (unsigned)role < 32 &&
	       (steps[s].recorders & YC_ROLE_BIT(role));
}

enum yc_role yc_handover_giver(enum yc_handover_step s)
{
	return (unsigned)s < YC_HO_COUNT ? steps[s].giver : YC_ROLE_NONE;
}

enum yc_role yc_handover_receiver(enum yc_handover_step s)
{
	return (unsigned)s < YC_HO_COUNT ? steps[s].receiver : YC_ROLE_NONE;
}

bool yc_handover_at_dept(enum yc_handover_step s)
{
	return s == YC_HO_COURIER_TO_DEPT || s == YC_HO_DEPT_TO_COURIER;
}

bool yc_handover_follows(int last, enum yc_handover_step s)
{
	if ((unsigned)s >= YC_HO_COUNT)
		return false;
	if (last < 0 || last == YC_HO_COURIER_TO_WINDOW)
		return s == YC_HO_WINDOW_TO_COURIER;
	return last < YC_HO_COUNT && (int)s == last + 1;
}

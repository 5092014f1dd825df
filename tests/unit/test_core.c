/* test_core.c — unit tests of src/core besides the code validators: roles and the access policy,
 * the audit hash chain, text checks and dates, credentials, account rules and the arena. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "account.h"
#include "arena.h"
#include "audit.h"
#include "credentials.h"
#include "err.h"
#include "policy.h"
#include "roles.h"
#include "text.h"

#include <string.h>

static void test_roles(void **state)
{
	(void)state;
	for (int r = 1; r < YC_ROLE_COUNT; r++) {
		const char *n = yc_role_name((enum yc_role)r);
		assert_non_null(n);
		assert_int_equal(yc_role_parse(n, strlen(n)), r);
		assert_non_null(yc_role_zh((enum yc_role)r));
	}
	assert_int_equal(yc_role_parse("root", 4), YC_ROLE_NONE);
	assert_int_equal(yc_role_parse("admi", 4), YC_ROLE_NONE);
	assert_int_equal(yc_role_parse("adminx", 6), YC_ROLE_NONE);
	assert_null(yc_role_name(YC_ROLE_NONE));
	assert_null(yc_role_name((enum yc_role)99));
	assert_false(yc_role_is_staff(YC_ROLE_APPLICANT));
	assert_true(yc_role_is_staff(YC_ROLE_WINDOW));
	assert_true(yc_role_is_staff(YC_ROLE_SUPERVISOR));
}

static void test_policy_route(void **state)
{
	(void)state;
	struct yc_principal admin = {.user_id = 1, .role = YC_ROLE_ADMIN, .region = "430000"};
	struct yc_principal app = {.user_id = 2, .role = YC_ROLE_APPLICANT};
	unsigned admin_only = YC_ROLE_BIT(YC_ROLE_ADMIN);
	assert_int_equal(yc_policy_route(NULL, 0), YC_OK);
	assert_int_equal(yc_policy_route(NULL, admin_only), YC_E_UNAUTHENTICATED);
	assert_int_equal(yc_policy_route(&admin, admin_only), YC_OK);
	assert_int_equal(yc_policy_route(&app, admin_only), YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_route(&app, YC_ROLES_ANY), YC_OK);
	assert_int_equal(yc_policy_route(&app, YC_ROLES_STAFF), YC_E_FORBIDDEN);
	struct yc_principal bogus = {.role = (enum yc_role)42};
	assert_int_equal(yc_policy_route(&bogus, YC_ROLES_ANY), YC_E_FORBIDDEN);
}

static void test_policy_scope(void **state)
{
	(void)state;
	struct yc_principal city = {.role = YC_ROLE_SUPERVISOR, .region = "430100"};
	struct yc_principal county = {.role = YC_ROLE_WINDOW, .region = "430104"};
	struct yc_principal dept = {
	    .role = YC_ROLE_DEPT, .region = "430104", .dept = "114301047267147587"};
	struct yc_principal app = {.role = YC_ROLE_APPLICANT};
	assert_int_equal(yc_policy_scope(&city, "430104", NULL), YC_OK);
	assert_int_equal(yc_policy_scope(&city, "430100", NULL), YC_OK);
	assert_int_equal(yc_policy_scope(&city, "430104001000", NULL), YC_OK);
	assert_int_equal(yc_policy_scope(&city, "430200", NULL), YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_scope(&city, "430000", NULL), YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_scope(&county, "430105", NULL), YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_scope(&dept, "430104", "114301047267147587"), YC_OK);
	assert_int_equal(yc_policy_scope(&dept, "430104", "11430104136270106C"), YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_scope(&app, "430104", NULL), YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_scope(NULL, "430104", NULL), YC_E_UNAUTHENTICATED);
}

static void test_policy_manage(void **state)
{
	(void)state;
	struct yc_principal prov = {.role = YC_ROLE_ADMIN, .region = "430000"};
	struct yc_principal county = {.role = YC_ROLE_ADMIN, .region = "430104"};
	struct yc_principal sup = {.role = YC_ROLE_SUPERVISOR, .region = "430000"};
	assert_int_equal(yc_policy_manage_account(&prov, YC_ROLE_WINDOW, "430104"), YC_OK);
	assert_int_equal(yc_policy_manage_account(&county, YC_ROLE_WINDOW, "430104"), YC_OK);
	assert_int_equal(yc_policy_manage_account(&county, YC_ROLE_WINDOW, "430105"),
	                 YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_manage_account(&county, YC_ROLE_ADMIN, "430000"),
	                 YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_manage_account(&sup, YC_ROLE_WINDOW, "430104"), YC_E_FORBIDDEN);
	assert_int_equal(yc_policy_manage_account(&prov, YC_ROLE_WINDOW, NULL), YC_E_FORBIDDEN);
}

static struct yc_audit_entry row(int64_t seq, const char *prev)
{
	return (struct yc_audit_entry){.seq = seq,
	                               .at = 1764576000 + seq,
	                               .actor_id = 1,
	                               .actor_username = "admin",
	                               .actor_role = "admin",
	                               .action = "user.create",
	                               .entity = "user",
	                               .entity_id = "7",
	                               .region = "430104",
	                               .before = NULL,
	                               .after = "{\"name\":\"张三\"}",
	                               .prev_hash = prev};
}

static void test_audit_chain(void **state)
{
	(void)state;
	char h1[YC_HEX256_SIZE], h2[YC_HEX256_SIZE], h3[YC_HEX256_SIZE];
	struct yc_audit_entry a = row(1, YC_AUDIT_GENESIS);
	yc_audit_hash(&a, h1);
	a.hash = h1;
	assert_true(yc_is_hex256(h1, strlen(h1)));
	assert_true(yc_audit_row_ok(&a, YC_AUDIT_GENESIS));
	struct yc_audit_entry b = row(2, h1);
	yc_audit_hash(&b, h2);
	b.hash = h2;
	assert_true(yc_audit_row_ok(&b, h1));
	assert_string_not_equal(h1, h2);
	/* any change of content breaks the row */
	struct yc_audit_entry c = b;
	c.after = "{\"name\":\"李四\"}";
	assert_false(yc_audit_row_ok(&c, h1));
	c = b;
	c.at++;
	assert_false(yc_audit_row_ok(&c, h1));
	c = b;
	c.before = "";
	assert_false(yc_audit_row_ok(&c, h1)); /* "" differs from NULL */
	/* a wrong link breaks it too */
	assert_false(yc_audit_row_ok(&b, YC_AUDIT_GENESIS));
	/* fields cannot be shifted into each other */
	struct yc_audit_entry d = row(2, h1), e2 = row(2, h1);
	d.entity = "us";
	d.entity_id = "er7";
	e2.entity = "user";
	e2.entity_id = "7";
	yc_audit_hash(&d, h2);
	yc_audit_hash(&e2, h3);
	assert_string_not_equal(h2, h3);
}

static void test_text(void **state)
{
	(void)state;
	struct yc_error e = {0};
	assert_int_equal(yc_utf8_len("张三", strlen("张三")), 2);
	assert_int_equal(yc_utf8_len("\xff", 1), -1);
	assert_int_equal(yc_utf8_len("\xe5\xbc", 2), -1);     /* truncated */
	assert_int_equal(yc_utf8_len("\xc0\xaf", 2), -1);     /* overlong */
	assert_int_equal(yc_utf8_len("\xed\xa0\x80", 3), -1); /* surrogate */
	assert_int_equal(yc_text_check("张三", strlen("张三"), 1, 2, false, "name", &e), YC_OK);
	assert_int_equal(yc_text_check("张三丰", strlen("张三丰"), 1, 2, false, "name", &e),
	                 YC_E_BAD_INPUT);
	assert_string_equal(e.field, "name");
	assert_int_equal(yc_text_check("", 0, 1, 2, false, "name", &e), YC_E_BAD_INPUT);
	assert_int_equal(yc_text_check("a\nb", 3, 1, 9, false, "x", &e), YC_E_BAD_INPUT);
	assert_int_equal(yc_text_check("a\nb", 3, 1, 9, true, "x", &e), YC_OK);
	assert_int_equal(yc_text_check("'); DROP TABLE users;--", 23, 1, 50, false, "x", &e),
	                 YC_OK);
}

static void test_time(void **state)
{
	(void)state;
	char b[24];
	yc_time_iso(0, b);
	assert_string_equal(b, "1970-01-01T00:00:00Z");
	yc_time_iso(1764576000, b);
	assert_string_equal(b, "2025-12-01T08:00:00Z");
	int64_t t;
	assert_true(yc_time_parse("2026-12-01", &t));
	yc_time_iso(t, b);
	assert_string_equal(b, "2026-12-01T00:00:00Z");
	assert_true(yc_time_parse("2024-02-29T23:59:59Z", &t));
	assert_false(yc_time_parse("2025-02-29", &t));
	assert_false(yc_time_parse("2026-13-01", &t));
	assert_false(yc_time_parse("2026-1-01", &t));
	assert_false(yc_time_parse("2026-12-01T24:00:00Z", &t));
	assert_false(yc_time_parse("", &t));
	/* China Standard Time is UTC+8: 16:00Z is already the next day */
	assert_true(yc_time_parse("2026-11-30T16:00:00Z", &t));
	assert_int_equal(yc_date_cst(t), 20261201);
	assert_int_equal(yc_date_cst(t - 1), 20261130);
	for (int64_t d = -800000; d < 800000; d += 997) {
		int y;
		unsigned m, dd;
		yc_civil_from_days(d, &y, &m, &dd);
		assert_int_equal(yc_days_from_civil(y, m, dd), d);
	}
}

static void test_credentials(void **state)
{
	(void)state;
	struct yc_error e = {0};
	assert_int_equal(yc_credentials_init(), YC_OK);
	assert_int_equal(yc_username_check("zhang_san", 9, &e), YC_OK);
	assert_int_equal(yc_username_check("ab", 2, &e), YC_E_BAD_INPUT);
	assert_int_equal(yc_username_check("张三", strlen("张三"), &e), YC_E_BAD_INPUT);
	assert_int_equal(yc_username_check("a b c", 5, &e), YC_E_BAD_INPUT);
	assert_int_equal(yc_password_check("Passw0rd", 8, &e), YC_OK);
	assert_int_equal(yc_password_check("short1", 6, &e), YC_E_BAD_INPUT);
	assert_int_equal(yc_password_check("onlyletters", 11, &e), YC_E_BAD_INPUT);
	assert_int_equal(yc_password_check("1234567890", 10, &e), YC_E_BAD_INPUT);
	char h[YC_PWHASH_MAX];
	assert_int_equal(yc_password_hash("Passw0rd", 8, h), YC_OK);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(yc_password_verify(h, "Passw0rd", 8));
	assert_false(yc_password_verify(h, "Passw0rD", 8));
	assert_false(yc_password_verify(NULL, "Passw0rd", 8));
	char t1[YC_HEX256_SIZE], t1h[YC_HEX256_SIZE], t2[YC_HEX256_SIZE], t2h[YC_HEX256_SIZE];
	yc_token_new(t1, t1h);
	yc_token_new(t2, t2h);
	assert_true(yc_is_hex256(t1, strlen(t1)));
	assert_string_not_equal(t1, t2);
	char again[YC_HEX256_SIZE];
	yc_sha256_hex(t1, 64, again);
	assert_string_equal(again, t1h);
	yc_sha256_hex("abc", 3, again);
	assert_string_equal(again,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_false(yc_is_hex256("ABC", 3));
}

static void test_account(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	struct yc_error e = {0};
	enum yc_role role;
	const char *u;
	struct yc_account_input ok = {.username = "ZhangSan",
	                              .password = "Passw0rd1",
	                              .name = "张三",
	                              .role = "applicant",
	                              .phone = "13800138000",
	                              .id_number = "430104199001011230"};
	assert_int_equal(yc_account_check(&ok, 20261201, a, &role, &u, &e), YC_OK);
	assert_int_equal(role, YC_ROLE_APPLICANT);
	assert_string_equal(u, "zhangsan");
	struct yc_account_input bad = ok;
	bad.id_number = "430104199001011231";
	assert_int_equal(yc_account_check(&bad, 20261201, a, &role, &u, &e), YC_E_BAD_INPUT);
	assert_string_equal(e.field, "id_number");
	bad = ok;
	bad.region = "430104";
	assert_int_equal(yc_account_check(&bad, 20261201, a, &role, &u, &e), YC_E_BAD_INPUT);
	assert_string_equal(e.field, "region");
	struct yc_account_input staff = {
	    .username = "w1", .password = "Passw0rd1", .name = "窗口", .role = "window"};
	staff.username = "w01";
	assert_int_equal(yc_account_check(&staff, 20261201, a, &role, &u, &e), YC_E_BAD_INPUT);
	assert_string_equal(e.field, "region");
	staff.region = "43010";
	assert_int_equal(yc_account_check(&staff, 20261201, a, &role, &u, &e), YC_E_BAD_INPUT);
	staff.region = "430104";
	assert_int_equal(yc_account_check(&staff, 20261201, a, &role, &u, &e), YC_OK);
	staff.dept = "114301047267147587";
	assert_int_equal(yc_account_check(&staff, 20261201, a, &role, &u, &e), YC_E_BAD_INPUT);
	assert_string_equal(e.field, "dept");
	staff.role = "dept";
	assert_int_equal(yc_account_check(&staff, 20261201, a, &role, &u, &e), YC_OK);
	staff.dept = "114301047267147588";
	assert_int_equal(yc_account_check(&staff, 20261201, a, &role, &u, &e), YC_E_BAD_INPUT);
	staff.role = "root";
	assert_int_equal(yc_account_check(&staff, 20261201, a, &role, &u, &e), YC_E_BAD_INPUT);
	assert_string_equal(e.field, "role");
	yc_arena_free(a);
}

static void test_arena(void **state)
{
	(void)state;
	struct yc_arena *a = yc_arena_new();
	char *p = yc_alloc(a, 3);
	assert_int_equal(((uintptr_t)p) % 16, 0);
	assert_int_equal(p[0] | p[1] | p[2], 0);
	char *big = yc_alloc(a, 1 << 20);
	big[(1 << 20) - 1] = 1;
	char *s = yc_printf(a, "%s-%d-%s", "甲", 42, "乙");
	assert_string_equal(s, "甲-42-乙");
	char *longs = yc_printf(a, "%05000d", 7);
	assert_int_equal(strlen(longs), 5000);
	assert_string_equal(yc_strndup(a, "abcdef", 3), "abc");
	assert_null(yc_strdup(a, NULL));
	assert_true(yc_arena_size(a) >= (1 << 20));
	assert_null(yc_arena_free(a));
	assert_null(yc_arena_free(NULL));
}

static void test_errors(void **state)
{
	(void)state;
	struct yc_error e;
	assert_int_equal(yc_fail(&e, YC_E_CONFLICT, "username", NULL), YC_E_CONFLICT);
	assert_string_equal(yc_status_code(e.status), "conflict");
	assert_string_equal(e.field, "username");
	assert_non_null(e.message);
	assert_string_equal(yc_status_code(YC_E_BAD_JSON), "bad_json");
	assert_string_equal(yc_status_code(YC_E_STORE_UNAVAILABLE), "store_unavailable");
	assert_int_equal(yc_fail(NULL, YC_E_LOCKED, NULL, NULL), YC_E_LOCKED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_roles),        cmocka_unit_test(test_policy_route),
	    cmocka_unit_test(test_policy_scope), cmocka_unit_test(test_policy_manage),
	    cmocka_unit_test(test_audit_chain),  cmocka_unit_test(test_text),
	    cmocka_unit_test(test_time),         cmocka_unit_test(test_credentials),
	    cmocka_unit_test(test_account),      cmocka_unit_test(test_arena),
	    cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_delivery.c — UPU S10 item numbers (the EMS tracking number of a postal delivery), mobile
 * numbers and postcodes, delivery methods, and the order and recorders of hand-overs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "delivery.h"

static enum yc_s10_check s10(const char *s)
{
	return yc_s10_check(s, strlen(s));
}

static void test_s10_known_numbers(void **state)
{
	(void)state;
	/* the example and the UPU S10 standard's own example */
	assert_int_equal(s10("EA123456785CN"), YC_S10_OK);
	assert_int_equal(s10("RA473124829GB"), YC_S10_OK);
	assert_int_equal(yc_s10_check_digit("12345678"), 5);
	assert_int_equal(yc_s10_check_digit("47312482"), 9);
	/* 11 - sum mod 11 = 11 → 5 (sum 0), = 10 → 0 (sum 12 = 4 × 3) */
	assert_int_equal(yc_s10_check_digit("00000000"), 5);
	assert_int_equal(s10("EE000000005CN"), YC_S10_OK);
	assert_int_equal(yc_s10_check_digit("00004000"), 0);
	assert_int_equal(s10("EE000040000CN"), YC_S10_OK);
	assert_int_equal(yc_s10_check_digit("1234567X"), -1);
}

static void test_s10_every_serial_has_one_digit(void **state)
{
	(void)state;
	/* for a spread of serials exactly one of the ten digits passes, and it is check_digit */
	char s[14];
	for (long serial = 0; serial < 100000000; serial += 9973) {
		int good = 0, which = -1;
		for (int d = 0; d < 10; d++) {
			snprintf(s, sizeof s, "EA%08ld%dCN", serial, d);
			if (s10(s) == YC_S10_OK) {
				good++;
				which = d;
			} else
				assert_int_equal(s10(s), YC_S10_CHECKSUM);
		}
		assert_int_equal(good, 1);
		snprintf(s, sizeof s, "%08ld", serial);
		assert_int_equal(which, yc_s10_check_digit(s));
	}
}

static void test_s10_bad_shapes(void **state)
{
	(void)state;
	assert_int_equal(s10("EA123456784CN"), YC_S10_CHECKSUM);
	assert_int_equal(s10("EA123456786CN"), YC_S10_CHECKSUM);
	assert_int_equal(s10("EA12345678CN"), YC_S10_LENGTH);
	assert_int_equal(s10("EA1234567855CN"), YC_S10_LENGTH);
	assert_int_equal(s10(""), YC_S10_LENGTH);
	assert_int_equal(yc_s10_check(NULL, 13), YC_S10_LENGTH);
	assert_int_equal(s10("ea123456785cn"), YC_S10_FORMAT); /* the caller upper-cases a scan */
	assert_int_equal(s10("E1123456785CN"), YC_S10_FORMAT);
	assert_int_equal(s10("EA12345678ACN"), YC_S10_FORMAT);
	assert_int_equal(s10("EA123456785C1"), YC_S10_FORMAT);
	assert_int_equal(s10("1234567890123"), YC_S10_FORMAT);
	for (int r = YC_S10_OK; r <= YC_S10_CHECKSUM; r++)
		assert_non_null(yc_s10_reason_zh((enum yc_s10_check)r));
}

static void test_mobile_and_postcode(void **state)
{
	(void)state;
	assert_true(yc_mobile_valid("13800138000", 11));
	assert_true(yc_mobile_valid("19912345678", 11));
	assert_false(yc_mobile_valid("12800138000", 11)); /* 12x is not a mobile prefix */
	assert_false(yc_mobile_valid("1380013800", 10));
	assert_false(yc_mobile_valid("0731-8888888", 12)); /* a landline cannot take an SMS */
	assert_false(yc_mobile_valid("1380013800a", 11));
	assert_false(yc_mobile_valid(NULL, 11));
	assert_true(yc_postcode_valid("410006", 6));
	assert_false(yc_postcode_valid("41000", 5));
	assert_false(yc_postcode_valid("41000a", 6));
}

static void test_methods(void **state)
{
	(void)state;
	for (int m = 0; m < YC_DM_COUNT; m++) {
		enum yc_delivery_method back;
		assert_true(yc_delivery_method_parse(yc_delivery_method_name(m), &back));
		assert_int_equal(back, m);
		assert_non_null(yc_delivery_method_zh(m));
	}
	enum yc_delivery_method x;
	assert_false(yc_delivery_method_parse("email", &x));
	assert_false(yc_delivery_method_parse("Pickup", &x));
	assert_false(yc_delivery_method_parse(NULL, &x));
	assert_null(yc_delivery_method_name(YC_DM_COUNT));
	assert_string_equal(yc_delivery_state_zh("sent"), "已寄出");
	assert_null(yc_delivery_state_zh("lost"));
}

static void test_handover_order(void **state)
{
	(void)state;
	/* a package starts at the window, goes round once, and may start a new round */
	assert_true(yc_handover_follows(-1, YC_HO_WINDOW_TO_COURIER));
	for (int s = YC_HO_COURIER_TO_DEPT; s < YC_HO_COUNT; s++)
		assert_false(yc_handover_follows(-1, s));
	assert_true(yc_handover_follows(YC_HO_WINDOW_TO_COURIER, YC_HO_COURIER_TO_DEPT));
	assert_true(yc_handover_follows(YC_HO_COURIER_TO_DEPT, YC_HO_DEPT_TO_COURIER));
	assert_true(yc_handover_follows(YC_HO_DEPT_TO_COURIER, YC_HO_COURIER_TO_WINDOW));
	assert_true(yc_handover_follows(YC_HO_COURIER_TO_WINDOW, YC_HO_WINDOW_TO_COURIER));
	/* no skipping, no going back, no repeating */
	assert_false(yc_handover_follows(YC_HO_WINDOW_TO_COURIER, YC_HO_DEPT_TO_COURIER));
	assert_false(yc_handover_follows(YC_HO_WINDOW_TO_COURIER, YC_HO_COURIER_TO_WINDOW));
	assert_false(yc_handover_follows(YC_HO_WINDOW_TO_COURIER, YC_HO_WINDOW_TO_COURIER));
	assert_false(yc_handover_follows(YC_HO_COURIER_TO_DEPT, YC_HO_COURIER_TO_DEPT));
	assert_false(yc_handover_follows(YC_HO_DEPT_TO_COURIER, YC_HO_WINDOW_TO_COURIER));
	assert_false(yc_handover_follows(YC_HO_COURIER_TO_WINDOW, YC_HO_COURIER_TO_DEPT));
	assert_false(yc_handover_follows(YC_HO_WINDOW_TO_COURIER, YC_HO_COUNT));
}

static void test_handover_recorders(void **state)
{
	(void)state;
	const enum yc_role W = YC_ROLE_WINDOW, C = YC_ROLE_COURIER, D = YC_ROLE_DEPT;
	assert_true(yc_handover_may_record(YC_HO_WINDOW_TO_COURIER, W));
	assert_false(yc_handover_may_record(YC_HO_WINDOW_TO_COURIER, C));
	assert_false(yc_handover_may_record(YC_HO_WINDOW_TO_COURIER, D));
	assert_true(yc_handover_may_record(YC_HO_COURIER_TO_DEPT, C));
	assert_true(yc_handover_may_record(YC_HO_COURIER_TO_DEPT, D));
	assert_false(yc_handover_may_record(YC_HO_COURIER_TO_DEPT, W));
	assert_true(yc_handover_may_record(YC_HO_DEPT_TO_COURIER, C));
	assert_true(yc_handover_may_record(YC_HO_DEPT_TO_COURIER, D));
	assert_true(yc_handover_may_record(YC_HO_COURIER_TO_WINDOW, W));
	assert_false(yc_handover_may_record(YC_HO_COURIER_TO_WINDOW, C));
	for (int s = 0; s < YC_HO_COUNT; s++) {
		assert_false(yc_handover_may_record(s, YC_ROLE_APPLICANT));
		assert_false(yc_handover_may_record(s, YC_ROLE_ADMIN));
		assert_false(yc_handover_may_record(s, YC_ROLE_SUPERVISOR));
		assert_int_not_equal(yc_handover_giver(s), yc_handover_receiver(s));
		enum yc_handover_step back;
		assert_true(yc_handover_step_parse(yc_handover_step_name(s), &back));
		assert_int_equal(back, s);
		assert_non_null(yc_handover_step_zh(s));
	}
	assert_int_equal(yc_handover_giver(YC_HO_DEPT_TO_COURIER), D);
	assert_int_equal(yc_handover_receiver(YC_HO_COURIER_TO_WINDOW), W);
	assert_true(yc_handover_at_dept(YC_HO_COURIER_TO_DEPT));
	assert_false(yc_handover_at_dept(YC_HO_WINDOW_TO_COURIER));
	enum yc_handover_step x;
	assert_false(yc_handover_step_parse("window_to_dept", &x));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_s10_known_numbers),
	    cmocka_unit_test(test_s10_every_serial_has_one_digit),
	    cmocka_unit_test(test_s10_bad_shapes),
	    cmocka_unit_test(test_mobile_and_postcode),
	    cmocka_unit_test(test_methods),
	    cmocka_unit_test(test_handover_order),
	    cmocka_unit_test(test_handover_recorders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

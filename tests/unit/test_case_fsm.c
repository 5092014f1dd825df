/* test_case_fsm.c — the case transition table: who may do what in which state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "case_fsm.h"

#define A YC_ROLE_APPLICANT
#define W YC_ROLE_WINDOW
#define S YC_ACTOR_SYSTEM

static void test_happy_path(void **state)
{
	(void)state;
	const struct yc_case_transition *t = yc_case_step(YC_CASE_DRAFT, YC_EV_SUBMIT, A);
	assert_non_null(t);
	assert_int_equal(t->to, YC_CASE_SUBMITTED);
	assert_true(t->effects & YC_FX_RECEIVED);
	t = yc_case_step(YC_CASE_SUBMITTED, YC_EV_ACCEPT, W);
	assert_non_null(t);
	assert_int_equal(t->to, YC_CASE_ACCEPTED);
	assert_true(t->effects & YC_FX_NOTICE_ACCEPT);
	assert_true(t->effects & YC_FX_CLOCK_START);
}

static void test_supplement_once_per_round(void **state)
{
	(void)state;
	const struct yc_case_transition *t = yc_case_step(YC_CASE_SUBMITTED, YC_EV_SUPPLEMENT, W);
	assert_non_null(t);
	assert_int_equal(t->to, YC_CASE_SUPPLEMENTING);
	assert_true(t->effects & YC_FX_NOTICE_SUPPLEMENT);
	/* a second supplement notice in the same round: no row → conflict */
	assert_null(yc_case_step(YC_CASE_SUPPLEMENTING, YC_EV_SUPPLEMENT, W));
	assert_int_equal(yc_case_check(YC_CASE_SUPPLEMENTING, YC_EV_SUPPLEMENT, W), YC_E_CONFLICT);
	/* the applicant resubmits: back at the window, a new round */
	t = yc_case_step(YC_CASE_SUPPLEMENTING, YC_EV_RESUBMIT, A);
	assert_non_null(t);
	assert_int_equal(t->to, YC_CASE_SUBMITTED);
	assert_true(t->effects & YC_FX_NEW_ROUND);
}

static void test_who(void **state)
{
	(void)state;
	/* the applicant cannot decide; the window can; the system only deems acceptance */
	assert_int_equal(yc_case_check(YC_CASE_SUBMITTED, YC_EV_ACCEPT, A), YC_E_FORBIDDEN);
	assert_int_equal(yc_case_check(YC_CASE_SUBMITTED, YC_EV_ACCEPT, YC_ROLE_DEPT),
	                 YC_E_FORBIDDEN);
	assert_int_equal(yc_case_check(YC_CASE_SUBMITTED, YC_EV_ACCEPT, W), YC_OK);
	assert_int_equal(yc_case_check(YC_CASE_SUBMITTED, YC_EV_DEEMED_ACCEPT, W), YC_E_FORBIDDEN);
	const struct yc_case_transition *t =
	    yc_case_step(YC_CASE_SUBMITTED, YC_EV_DEEMED_ACCEPT, S);
	assert_non_null(t);
	assert_true(t->effects & YC_FX_TELL_WINDOW);
	/* a clerk submits for a walk-in applicant */
	assert_non_null(yc_case_step(YC_CASE_DRAFT, YC_EV_SUBMIT, W));
	/* only the applicant withdraws a submitted case */
	assert_non_null(yc_case_step(YC_CASE_SUBMITTED, YC_EV_WITHDRAW, A));
	assert_int_equal(yc_case_check(YC_CASE_SUBMITTED, YC_EV_WITHDRAW, W), YC_E_FORBIDDEN);
	/* out-of-range actors never pass */
	assert_null(yc_case_step(YC_CASE_DRAFT, YC_EV_SUBMIT, 99));
}

static void test_closed_states(void **state)
{
	(void)state;
	enum yc_case_state closed[] = {YC_CASE_REFUSED, YC_CASE_WITHDRAWN, YC_CASE_STOPPED,
	                               YC_CASE_REVOKED};
	for (size_t i = 0; i < sizeof closed / sizeof closed[0]; i++) {
		assert_false(yc_case_open(closed[i]));
		for (int ev = 0; ev < YC_EV_COUNT; ev++)
			for (unsigned who = 0; who <= YC_ACTOR_SYSTEM; who++)
				assert_null(yc_case_step(closed[i], (enum yc_case_event)ev, who));
	}
	assert_int_equal(yc_case_check(YC_CASE_REFUSED, YC_EV_ACCEPT, W), YC_E_CONFLICT);
	assert_true(yc_case_open(YC_CASE_SUBMITTED));
}

static void test_table_is_a_function(void **state)
{
	(void)state;
	size_t n;
	const struct yc_case_transition *t = yc_case_table(&n);
	assert_true(n >= 10);
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].actors != 0);
		assert_non_null(yc_case_state_name(t[i].from));
		assert_non_null(yc_case_state_name(t[i].to));
		assert_non_null(yc_case_event_name(t[i].event));
		for (size_t k = i + 1; k < n; k++) /* one row per (state, event) */
			assert_false(t[i].from == t[k].from && t[i].event == t[k].event);
	}
}

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < YC_CASE_STATE_COUNT; s++) {
		enum yc_case_state back;
		assert_true(yc_case_state_parse(yc_case_state_name((enum yc_case_state)s), &back));
		assert_int_equal(back, s);
		assert_non_null(yc_case_state_zh((enum yc_case_state)s));
	}
	for (int ev = 0; ev < YC_EV_COUNT; ev++) {
		enum yc_case_event back;
		assert_true(yc_case_event_parse(yc_case_event_name((enum yc_case_event)ev), &back));
		assert_int_equal(back, ev);
	}
	enum yc_case_state s;
	assert_false(yc_case_state_parse("Submitted", &s));
	assert_false(yc_case_state_parse(NULL, &s));
	assert_null(yc_case_state_name(YC_CASE_STATE_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_happy_path),
	    cmocka_unit_test(test_supplement_once_per_round),
	    cmocka_unit_test(test_who),
	    cmocka_unit_test(test_closed_states),
	    cmocka_unit_test(test_table_is_a_function),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

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

static void test_after_acceptance(void **state)
{
	(void)state;
	const unsigned D = YC_ROLE_DEPT, C = YC_ROLE_COURIER;
	/* acceptance (also deemed) dispatches; only the system dispatches and concludes */
	assert_true(yc_case_step(YC_CASE_SUBMITTED, YC_EV_ACCEPT, W)->effects & YC_FX_DISPATCH);
	assert_true(yc_case_step(YC_CASE_SUBMITTED, YC_EV_DEEMED_ACCEPT, S)->effects &
	            YC_FX_DISPATCH);
	assert_int_equal(yc_case_step(YC_CASE_ACCEPTED, YC_EV_DISPATCH, S)->to,
	                 YC_CASE_IN_PROGRESS);
	assert_int_equal(yc_case_check(YC_CASE_ACCEPTED, YC_EV_DISPATCH, W), YC_E_FORBIDDEN);
	assert_int_equal(yc_case_step(YC_CASE_IN_PROGRESS, YC_EV_CONCLUDE, S)->to,
	                 YC_CASE_CONCLUDED);
	assert_int_equal(yc_case_check(YC_CASE_IN_PROGRESS, YC_EV_CONCLUDE, D), YC_E_FORBIDDEN);
	/* delivery once concluded: the window, the courier (post) or the system (online, SMS) */
	assert_int_equal(yc_case_check(YC_CASE_IN_PROGRESS, YC_EV_DELIVER, W), YC_E_CONFLICT);
	assert_int_equal(yc_case_step(YC_CASE_CONCLUDED, YC_EV_DELIVER, W)->to, YC_CASE_DELIVERED);
	assert_non_null(yc_case_step(YC_CASE_CONCLUDED, YC_EV_DELIVER, C));
	assert_non_null(yc_case_step(YC_CASE_CONCLUDED, YC_EV_DELIVER, S));
	assert_int_equal(yc_case_check(YC_CASE_CONCLUDED, YC_EV_DELIVER, A), YC_E_FORBIDDEN);
	assert_int_equal(yc_case_step(YC_CASE_DELIVERED, YC_EV_ARCHIVE, S)->to, YC_CASE_ARCHIVED);
	/* withdrawing an open case closes its tasks; a concluded one cannot be withdrawn */
	assert_true(yc_case_step(YC_CASE_IN_PROGRESS, YC_EV_WITHDRAW, A)->effects &
	            YC_FX_CLOSE_TASKS);
	assert_int_equal(yc_case_check(YC_CASE_CONCLUDED, YC_EV_WITHDRAW, A), YC_E_CONFLICT);
	/* a false commitment revokes the results, even after archiving; a missed tolerance
	 * deadline stops the case before delivery, never after */
	const struct yc_case_transition *t = yc_case_step(YC_CASE_ARCHIVED, YC_EV_REVOKE, D);
	assert_non_null(t);
	assert_true(t->effects & YC_FX_REVOKE_RESULTS);
	assert_true(t->effects & YC_FX_CREDIT);
	assert_true(yc_case_step(YC_CASE_CONCLUDED, YC_EV_STOP, S)->effects & YC_FX_REVOKE_RESULTS);
	assert_true(yc_case_step(YC_CASE_IN_PROGRESS, YC_EV_STOP, S)->effects & YC_FX_CLOSE_TASKS);
	assert_int_equal(yc_case_check(YC_CASE_DELIVERED, YC_EV_STOP, S), YC_E_CONFLICT);
	assert_true(yc_case_open(YC_CASE_IN_PROGRESS));
	assert_false(yc_case_open(YC_CASE_ARCHIVED));
}

static void test_task_table(void **state)
{
	(void)state;
	const unsigned D = YC_ROLE_DEPT;
	assert_int_equal(yc_task_step(YC_TASK_PENDING, YC_TEV_APPROVE, D)->to, YC_TASK_APPROVED);
	assert_int_equal(yc_task_step(YC_TASK_PENDING, YC_TEV_REFUSE, D)->to, YC_TASK_REFUSED);
	assert_int_equal(yc_task_step(YC_TASK_PENDING, YC_TEV_RECTIFY, D)->to, YC_TASK_RECTIFYING);
	/* the applicant (or a clerk for them) reports the fix; not the department */
	assert_int_equal(yc_task_step(YC_TASK_RECTIFYING, YC_TEV_RECTIFIED, A)->to,
	                 YC_TASK_PENDING);
	assert_non_null(yc_task_step(YC_TASK_RECTIFYING, YC_TEV_RECTIFIED, W));
	assert_int_equal(yc_task_check(YC_TASK_RECTIFYING, YC_TEV_RECTIFIED, D), YC_E_FORBIDDEN);
	/* nobody but the department decides */
	assert_int_equal(yc_task_check(YC_TASK_PENDING, YC_TEV_APPROVE, A), YC_E_FORBIDDEN);
	assert_int_equal(yc_task_check(YC_TASK_PENDING, YC_TEV_APPROVE, W), YC_E_FORBIDDEN);
	/* a suspended task is not decided until it resumes */
	assert_int_equal(yc_task_step(YC_TASK_PENDING, YC_TEV_SUSPEND, D)->to, YC_TASK_SUSPENDED);
	assert_int_equal(yc_task_check(YC_TASK_SUSPENDED, YC_TEV_APPROVE, D), YC_E_CONFLICT);
	assert_int_equal(yc_task_step(YC_TASK_SUSPENDED, YC_TEV_RESUME, D)->to, YC_TASK_PENDING);
	assert_int_equal(yc_task_check(YC_TASK_SUSPENDED, YC_TEV_SUSPEND, D), YC_E_CONFLICT);
	/* the clock runs only while pending */
	assert_true(yc_task_clock_runs(YC_TASK_PENDING));
	assert_false(yc_task_clock_runs(YC_TASK_SUSPENDED));
	assert_false(yc_task_clock_runs(YC_TASK_RECTIFYING));
	/* ended tasks take no event; open ones can be closed by the system only */
	enum yc_task_state ended[] = {YC_TASK_APPROVED, YC_TASK_REFUSED, YC_TASK_CLOSED};
	for (size_t i = 0; i < sizeof ended / sizeof ended[0]; i++) {
		assert_true(yc_task_ended(ended[i]));
		for (int ev = 0; ev < YC_TEV_COUNT; ev++)
			for (unsigned who = 0; who <= YC_ACTOR_SYSTEM; who++)
				assert_null(yc_task_step(ended[i], (enum yc_task_event)ev, who));
	}
	assert_non_null(yc_task_step(YC_TASK_RECTIFYING, YC_TEV_CLOSE, S));
	assert_int_equal(yc_task_check(YC_TASK_PENDING, YC_TEV_CLOSE, D), YC_E_FORBIDDEN);
	assert_null(yc_task_step(YC_TASK_PENDING, YC_TEV_APPROVE, 99));
	/* one row per (state, event); names round trip */
	size_t n;
	const struct yc_task_transition *t = yc_task_table(&n);
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			assert_false(t[i].from == t[k].from && t[i].event == t[k].event);
	for (int st = 0; st < YC_TASK_STATE_COUNT; st++) {
		enum yc_task_state back;
		assert_true(yc_task_state_parse(yc_task_state_name((enum yc_task_state)st), &back));
		assert_int_equal(back, st);
		assert_non_null(yc_task_state_zh((enum yc_task_state)st));
	}
	for (int ev = 0; ev < YC_TEV_COUNT; ev++) {
		enum yc_task_event back;
		assert_true(yc_task_event_parse(yc_task_event_name((enum yc_task_event)ev), &back));
		assert_int_equal(back, ev);
	}
	enum yc_task_state x;
	assert_false(yc_task_state_parse("Pending", &x));
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
	    cmocka_unit_test(test_after_acceptance),
	    cmocka_unit_test(test_task_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

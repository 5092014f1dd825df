/* case_fsm.c — the one transition table of the case lifecycle; see case_fsm.h. */
#include "case_fsm.h"

#include <string.h>

#define APPLICANT YC_ACTOR_BIT(YC_ROLE_APPLICANT)
#define WINDOW    YC_ACTOR_BIT(YC_ROLE_WINDOW)
#define SYSTEM    YC_ACTOR_BIT(YC_ACTOR_SYSTEM)
#define DEPT      YC_ACTOR_BIT(YC_ROLE_DEPT)

/* One row per allowed (state, event); the actors column says who may cause it. A window clerk
 * submits and resubmits for a walk-in applicant (帮代办) as well. */
static const struct yc_case_transition table[] = {
    {YC_CASE_DRAFT, YC_EV_SUBMIT, APPLICANT | WINDOW, YC_CASE_SUBMITTED,
     YC_FX_RECEIVED | YC_FX_NEW_ROUND},
    {YC_CASE_SUBMITTED, YC_EV_ACCEPT, WINDOW, YC_CASE_ACCEPTED,
     YC_FX_NOTICE_ACCEPT | YC_FX_CLOCK_START | YC_FX_DISPATCH},
    {YC_CASE_SUBMITTED, YC_EV_SUPPLEMENT, WINDOW, YC_CASE_SUPPLEMENTING, YC_FX_NOTICE_SUPPLEMENT},
    {YC_CASE_SUBMITTED, YC_EV_REFUSE, WINDOW, YC_CASE_REFUSED, YC_FX_NOTICE_REFUSE},
    {YC_CASE_SUBMITTED, YC_EV_DEEMED_ACCEPT, SYSTEM, YC_CASE_ACCEPTED,
     YC_FX_NOTICE_ACCEPT | YC_FX_CLOCK_START | YC_FX_TELL_WINDOW | YC_FX_DISPATCH},
    {YC_CASE_SUPPLEMENTING, YC_EV_RESUBMIT, APPLICANT | WINDOW, YC_CASE_SUBMITTED,
     YC_FX_RECEIVED | YC_FX_NEW_ROUND},
    {YC_CASE_SUPPLEMENTING, YC_EV_REFUSE, WINDOW, YC_CASE_REFUSED, YC_FX_NOTICE_REFUSE},
    {YC_CASE_DRAFT, YC_EV_WITHDRAW, APPLICANT | WINDOW, YC_CASE_WITHDRAWN, 0},
    {YC_CASE_SUBMITTED, YC_EV_WITHDRAW, APPLICANT, YC_CASE_WITHDRAWN, 0},
    {YC_CASE_SUPPLEMENTING, YC_EV_WITHDRAW, APPLICANT, YC_CASE_WITHDRAWN, 0},
    {YC_CASE_ACCEPTED, YC_EV_WITHDRAW, APPLICANT, YC_CASE_WITHDRAWN, YC_FX_CLOSE_TASKS},
    {YC_CASE_IN_PROGRESS, YC_EV_WITHDRAW, APPLICANT, YC_CASE_WITHDRAWN, YC_FX_CLOSE_TASKS},
    /* dispatch follows acceptance in the same transaction; the case concludes when its last
     * task ends (at once when every item is 即办件) */
    {YC_CASE_ACCEPTED, YC_EV_DISPATCH, SYSTEM, YC_CASE_IN_PROGRESS, 0},
    {YC_CASE_IN_PROGRESS, YC_EV_CONCLUDE, SYSTEM, YC_CASE_CONCLUDED, YC_FX_TELL_APPLICANT},
    {YC_CASE_CONCLUDED, YC_EV_DELIVER, SYSTEM | WINDOW | YC_ACTOR_BIT(YC_ROLE_COURIER),
     YC_CASE_DELIVERED, YC_FX_TELL_APPLICANT},
    {YC_CASE_DELIVERED, YC_EV_ARCHIVE, SYSTEM, YC_CASE_ARCHIVED, 0},
    /* a tolerated material missing by its deadline stops the case at any point before delivery
     * (the result is not delivered until it arrives) */
    {YC_CASE_ACCEPTED, YC_EV_STOP, SYSTEM | WINDOW, YC_CASE_STOPPED, YC_FX_CREDIT},
    {YC_CASE_IN_PROGRESS, YC_EV_STOP, SYSTEM | WINDOW, YC_CASE_STOPPED,
     YC_FX_CREDIT | YC_FX_CLOSE_TASKS},
    {YC_CASE_CONCLUDED, YC_EV_STOP, SYSTEM | WINDOW, YC_CASE_STOPPED,
     YC_FX_CREDIT | YC_FX_REVOKE_RESULTS},
    /* a commitment found false revokes the case and its results, even after delivery */
    {YC_CASE_ACCEPTED, YC_EV_REVOKE, SYSTEM | DEPT, YC_CASE_REVOKED, YC_FX_CREDIT},
    {YC_CASE_IN_PROGRESS, YC_EV_REVOKE, SYSTEM | DEPT, YC_CASE_REVOKED,
     YC_FX_CREDIT | YC_FX_CLOSE_TASKS | YC_FX_REVOKE_RESULTS},
    {YC_CASE_CONCLUDED, YC_EV_REVOKE, SYSTEM | DEPT, YC_CASE_REVOKED,
     YC_FX_CREDIT | YC_FX_REVOKE_RESULTS},
    {YC_CASE_DELIVERED, YC_EV_REVOKE, SYSTEM | DEPT, YC_CASE_REVOKED,
     YC_FX_CREDIT | YC_FX_REVOKE_RESULTS},
    {YC_CASE_ARCHIVED, YC_EV_REVOKE, SYSTEM | DEPT, YC_CASE_REVOKED,
     YC_FX_CREDIT | YC_FX_REVOKE_RESULTS},
};

const struct yc_case_transition *yc_case_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

const struct yc_case_transition *yc_case_step(enum yc_case_state from, enum yc_case_event ev,
                                              unsigned actor)
{
	if (actor > YC_ACTOR_SYSTEM)
		return NULL;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].from == from && table[i].event == ev &&
		    (table[i].actors & YC_ACTOR_BIT(actor)))
			return &table[i];
	return NULL;
}

enum yc_status yc_case_check(enum yc_case_state from, enum yc_case_event ev, unsigned actor)
{
	if (yc_case_step(from, ev, actor))
		return YC_OK;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].from == from && table[i].event == ev)
			return YC_E_FORBIDDEN;
	return YC_E_CONFLICT;
}

static const char *const state_names[YC_CASE_STATE_COUNT][2] = {
    [YC_CASE_DRAFT] = {"draft", "草稿"},
    [YC_CASE_SUBMITTED] = {"submitted", "已提交，待受理"},
    [YC_CASE_SUPPLEMENTING] = {"supplementing", "待补正"},
    [YC_CASE_ACCEPTED] = {"accepted", "已受理"},
    [YC_CASE_REFUSED] = {"refused", "不予受理"},
    [YC_CASE_IN_PROGRESS] = {"in_progress", "办理中"},
    [YC_CASE_CONCLUDED] = {"concluded", "已办结"},
    [YC_CASE_DELIVERED] = {"delivered", "已送达"},
    [YC_CASE_ARCHIVED] = {"archived", "已归档"},
    [YC_CASE_WITHDRAWN] = {"withdrawn", "已撤回"},
    [YC_CASE_STOPPED] = {"stopped", "已终止（容缺材料逾期未补）"},
    [YC_CASE_REVOKED] = {"revoked", "已撤销（承诺不实）"},
};

static const char *const event_names[YC_EV_COUNT] = {
    [YC_EV_SUBMIT] = "submit",         [YC_EV_ACCEPT] = "accept",
    [YC_EV_SUPPLEMENT] = "supplement", [YC_EV_RESUBMIT] = "resubmit",
    [YC_EV_REFUSE] = "refuse",         [YC_EV_DEEMED_ACCEPT] = "deemed_accept",
    [YC_EV_WITHDRAW] = "withdraw",     [YC_EV_STOP] = "stop",
    [YC_EV_REVOKE] = "revoke",         [YC_EV_DISPATCH] = "dispatch",
    [YC_EV_CONCLUDE] = "conclude",     [YC_EV_DELIVER] = "deliver",
    [YC_EV_ARCHIVE] = "archive",
};

const char *yc_case_state_name(enum yc_case_state s)
{
	return (unsigned)s < YC_CASE_STATE_COUNT ? state_names[s][0] : NULL;
}

const char *yc_case_state_zh(enum yc_case_state s)
{
	return (unsigned)s < YC_CASE_STATE_COUNT ? state_names[s][1] : NULL;
}

bool yc_case_state_parse(const char *s, enum yc_case_state *out)
{
	for (int i = 0; s && i < YC_CASE_STATE_COUNT; i++)
		if (strcmp(state_names[i][0], s) == 0) {
			*out = (enum yc_case_state)i;
			return true;
		}
	return false;
}

const char *yc_case_event_name(enum yc_case_event ev)
{
	return (unsigned)ev < YC_EV_COUNT ? event_names[ev] : NULL;
}

bool yc_case_event_parse(const char *s, enum yc_case_event *out)
{
	for (int i = 0; s && i < YC_EV_COUNT; i++)
		if (strcmp(event_names[i], s) == 0) {
			*out = (enum yc_case_event)i;
			return true;
		}
	return false;
}

bool yc_case_open(enum yc_case_state s)
{
	switch (s) {
	case YC_CASE_DRAFT:
	case YC_CASE_SUBMITTED:
	case YC_CASE_SUPPLEMENTING:
	case YC_CASE_ACCEPTED:
	case YC_CASE_IN_PROGRESS:
	case YC_CASE_CONCLUDED:
		return true;
	default:
		return false;
	}
}

/* ---- tasks ---- */

/* The department decides and suspends; the applicant (or a clerk for a walk-in applicant)
 * reports a rectification; the system closes a task whose case ended otherwise. */
static const struct yc_task_transition task_table[] = {
    {YC_TASK_PENDING, YC_TEV_APPROVE, DEPT | SYSTEM, YC_TASK_APPROVED},
    {YC_TASK_PENDING, YC_TEV_REFUSE, DEPT | SYSTEM, YC_TASK_REFUSED},
    {YC_TASK_PENDING, YC_TEV_RECTIFY, DEPT | SYSTEM, YC_TASK_RECTIFYING},
    {YC_TASK_RECTIFYING, YC_TEV_RECTIFIED, APPLICANT | WINDOW, YC_TASK_PENDING},
    {YC_TASK_PENDING, YC_TEV_SUSPEND, DEPT, YC_TASK_SUSPENDED},
    {YC_TASK_SUSPENDED, YC_TEV_RESUME, DEPT, YC_TASK_PENDING},
    {YC_TASK_PENDING, YC_TEV_CLOSE, SYSTEM, YC_TASK_CLOSED},
    {YC_TASK_SUSPENDED, YC_TEV_CLOSE, SYSTEM, YC_TASK_CLOSED},
    {YC_TASK_RECTIFYING, YC_TEV_CLOSE, SYSTEM, YC_TASK_CLOSED},
};

const struct yc_task_transition *yc_task_table(size_t *n)
{
	*n = sizeof task_table / sizeof task_table[0];
	return task_table;
}

const struct yc_task_transition *yc_task_step(enum yc_task_state from, enum yc_task_event ev,
                                              unsigned actor)
{
	if (actor > YC_ACTOR_SYSTEM)
		return NULL;
	for (size_t i = 0; i < sizeof task_table / sizeof task_table[0]; i++)
		if (task_table[i].from == from && task_table[i].event == ev &&
		    (task_table[i].actors & YC_ACTOR_BIT(actor)))
			return &task_table[i];
	return NULL;
}

enum yc_status yc_task_check(enum yc_task_state from, enum yc_task_event ev, unsigned actor)
{
	if (yc_task_step(from, ev, actor))
		return YC_OK;
	for (size_t i = 0; i < sizeof task_table / sizeof task_table[0]; i++)
		if (task_table[i].from == from && task_table[i].event == ev)
			return YC_E_FORBIDDEN;
	return YC_E_CONFLICT;
}

static const char *const task_state_names[YC_TASK_STATE_COUNT][2] = {
    [YC_TASK_PENDING] = {"pending", "审批中"},
    [YC_TASK_SUSPENDED] = {"suspended", "特别程序中"},
    [YC_TASK_RECTIFYING] = {"rectifying", "待整改"},
    [YC_TASK_APPROVED] = {"approved", "准予"},
    [YC_TASK_REFUSED] = {"refused", "不予"},
    [YC_TASK_CLOSED] = {"closed", "已关闭"},
};

static const char *const task_event_names[YC_TEV_COUNT] = {
    [YC_TEV_APPROVE] = "approve",     [YC_TEV_REFUSE] = "refuse",   [YC_TEV_RECTIFY] = "rectify",
    [YC_TEV_RECTIFIED] = "rectified", [YC_TEV_SUSPEND] = "suspend", [YC_TEV_RESUME] = "resume",
    [YC_TEV_CLOSE] = "close",
};

const char *yc_task_state_name(enum yc_task_state s)
{
	return (unsigned)s < YC_TASK_STATE_COUNT ? task_state_names[s][0] : NULL;
}

const char *yc_task_state_zh(enum yc_task_state s)
{
	return (unsigned)s < YC_TASK_STATE_COUNT ? task_state_names[s][1] : NULL;
}

bool yc_task_state_parse(const char *s, enum yc_task_state *out)
{
	for (int i = 0; s && i < YC_TASK_STATE_COUNT; i++)
		if (strcmp(task_state_names[i][0], s) == 0) {
			*out = (enum yc_task_state)i;
			return true;
		}
	return false;
}

const char *yc_task_event_name(enum yc_task_event ev)
{
	return (unsigned)ev < YC_TEV_COUNT ? task_event_names[ev] : NULL;
}

bool yc_task_event_parse(const char *s, enum yc_task_event *out)
{
	for (int i = 0; s && i < YC_TEV_COUNT; i++)
		if (strcmp(task_event_names[i], s) == 0) {
			*out = (enum yc_task_event)i;
			return true;
		}
	return false;
}

bool yc_task_ended(enum yc_task_state s)
{
	return s == YC_TASK_APPROVED || s == YC_TASK_REFUSED || s == YC_TASK_CLOSED;
}

bool yc_task_clock_runs(enum yc_task_state s)
{
	return s == YC_TASK_PENDING;
}

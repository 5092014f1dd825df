/* case_fsm.h — the case lifecycle (DESIGN.md §4) as one transition table:
 * (state, event, role) → next state, effects.
 *
 * Every change of a case's state goes through yc_case_step(); nothing else decides whether an
 * event is allowed. Later parts of the lifecycle (dispatch, tasks, conclusion, delivery) add rows
 * and events to the same table, not new mechanisms. Effects tell the caller what the transition
 * asks for (a notice of a kind, the start of the legal clock, a new submission round); the caller
 * performs them in the same transaction. Pure: no I/O. */
#ifndef YICI_CASE_FSM_H
#define YICI_CASE_FSM_H

#include "err.h"
#include "roles.h"

#include <stdbool.h>
#include <stddef.h>

enum yc_case_state {
	YC_CASE_DRAFT,
	YC_CASE_SUBMITTED,     /* waiting for the window's decision (5 working days) */
	YC_CASE_SUPPLEMENTING, /* a supplement notice asked for everything missing, once */
	YC_CASE_ACCEPTED,
	YC_CASE_REFUSED,
	YC_CASE_IN_PROGRESS, /* dispatched to the departments (issue 7) */
	YC_CASE_CONCLUDED,
	YC_CASE_DELIVERED,
	YC_CASE_ARCHIVED,
	YC_CASE_WITHDRAWN,
	YC_CASE_STOPPED, /* a tolerated material missing by its deadline */
	YC_CASE_REVOKED, /* a false commitment found */
	YC_CASE_STATE_COUNT
};

enum yc_case_event {
	YC_EV_SUBMIT,     /* draft → submitted */
	YC_EV_ACCEPT,     /* the window accepts (受理通知书) */
	YC_EV_SUPPLEMENT, /* the window asks once for everything missing (补正材料通知书) */
	YC_EV_RESUBMIT,   /* the applicant brings what was asked */
	YC_EV_REFUSE,     /* the window refuses with a legal reason (不予受理通知书) */
	YC_EV_DEEMED_ACCEPT, /* 5 working days without a decision: accepted from the day of receipt
	                      */
	YC_EV_WITHDRAW,      /* the applicant withdraws an open case */
	YC_EV_STOP,          /* a tolerated material did not arrive by its deadline */
	YC_EV_REVOKE,        /* a commitment was found false */
	YC_EV_COUNT
};

/* The system itself (jobs): not one of the six roles of a person. */
#define YC_ACTOR_SYSTEM YC_ROLE_COUNT
#define YC_ACTOR_BIT(r) (1u << (r))

enum yc_case_effect {
	YC_FX_NOTICE_ACCEPT = 1 << 0,     /* issue a 受理通知书 */
	YC_FX_NOTICE_SUPPLEMENT = 1 << 1, /* issue a 补正材料通知书 (at most one per round) */
	YC_FX_NOTICE_REFUSE = 1 << 2,     /* issue a 不予受理通知书 */
	YC_FX_CLOCK_START = 1 << 3,       /* the time limit runs from the working day after */
	YC_FX_NEW_ROUND = 1 << 4,         /* a new submission round: a new supplement allowed */
	YC_FX_RECEIVED = 1 << 5,          /* record the day of receipt (the 5-day clock) */
	YC_FX_CREDIT = 1 << 6,            /* write a credit record (失信) */
	YC_FX_TELL_WINDOW = 1 << 7,       /* tell the window (deemed acceptance) */
};

struct yc_case_transition {
	enum yc_case_state from;
	enum yc_case_event event;
	unsigned actors; /* YC_ACTOR_BIT of roles (and YC_ACTOR_SYSTEM) allowed */
	enum yc_case_state to;
	unsigned effects;
};

/* The transition for (state, event, actor), or NULL when the table has none: the caller answers
 * YC_E_CONFLICT (event not possible in this state) or YC_E_FORBIDDEN (possible, not for this
 * actor), as yc_case_check tells. */
const struct yc_case_transition *yc_case_step(enum yc_case_state from, enum yc_case_event ev,
                                              unsigned actor);

/* Why an event is refused: YC_OK when yc_case_step finds a row; YC_E_FORBIDDEN when the state
 * allows the event for other actors; YC_E_CONFLICT otherwise. */
enum yc_status yc_case_check(enum yc_case_state from, enum yc_case_event ev, unsigned actor);

/* The whole table (for documentation and tests). */
const struct yc_case_transition *yc_case_table(size_t *n);

/* Code names ("draft", "submitted", …; "submit", "accept", …) and Chinese names. */
const char *yc_case_state_name(enum yc_case_state s);
const char *yc_case_state_zh(enum yc_case_state s);
bool yc_case_state_parse(const char *s, enum yc_case_state *out);
const char *yc_case_event_name(enum yc_case_event ev);
bool yc_case_event_parse(const char *s, enum yc_case_event *out);

/* Whether a case in this state is still open (may be withdrawn, counts in queues). */
bool yc_case_open(enum yc_case_state s);

#endif

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
	YC_EV_DISPATCH,      /* accepted → in_progress: one task per item, all at once (分办) */
	YC_EV_CONCLUDE,      /* every task has ended (办结) */
	YC_EV_DELIVER,       /* all results handed over once (一次送达) */
	YC_EV_ARCHIVE,       /* delivered → archived */
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
	YC_FX_DISPATCH = 1 << 8,          /* create the tasks (one per item of the situation) */
	YC_FX_CLOSE_TASKS = 1 << 9,       /* end the open tasks (the case ended otherwise) */
	YC_FX_REVOKE_RESULTS = 1 << 10,   /* the case's results show as revoked */
	YC_FX_TELL_APPLICANT = 1 << 11,   /* tell the applicant (results ready, delivered) */
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

/* ---- tasks (分办任务): the part of a case one department decides ----
 *
 * DESIGN.md §4: pending → approved | refused | rectifying → pending. A department may also suspend
 * a task for a hearing, testing, inspection or expert review (行政许可法 Art. 45): the clock stops
 * while it is suspended or waiting for the applicant's rectification, and the days are shown in
 * the task's history. A task of a case that ended otherwise (withdrawn, stopped, revoked) is
 * closed. The same table style as the case's: (state, event, actor) → next state. */
enum yc_task_state {
	YC_TASK_PENDING,    /* the department is deciding; the clock runs */
	YC_TASK_SUSPENDED,  /* 特别程序: hearing, testing, expert review; the clock stops */
	YC_TASK_RECTIFYING, /* 整改: the applicant fixes what the department asked; the clock stops
	                     */
	YC_TASK_APPROVED,
	YC_TASK_REFUSED,
	YC_TASK_CLOSED, /* the case ended before the task did */
	YC_TASK_STATE_COUNT
};

enum yc_task_event {
	YC_TEV_APPROVE,   /* 准予 */
	YC_TEV_REFUSE,    /* 不予, with a legal reason */
	YC_TEV_RECTIFY,   /* 整改: what to fix and by when */
	YC_TEV_RECTIFIED, /* the applicant (or a clerk for them) reports the fix; the task resumes
	                   */
	YC_TEV_SUSPEND,   /* 特别程序 starts */
	YC_TEV_RESUME,    /* 特别程序 ends */
	YC_TEV_CLOSE,     /* the case ended otherwise */
	YC_TEV_COUNT
};

struct yc_task_transition {
	enum yc_task_state from;
	enum yc_task_event event;
	unsigned actors;
	enum yc_task_state to;
};

const struct yc_task_transition *yc_task_step(enum yc_task_state from, enum yc_task_event ev,
                                              unsigned actor);
/* As yc_case_check, for tasks. */
enum yc_status yc_task_check(enum yc_task_state from, enum yc_task_event ev, unsigned actor);
const struct yc_task_transition *yc_task_table(size_t *n);
const char *yc_task_state_name(enum yc_task_state s);
const char *yc_task_state_zh(enum yc_task_state s);
bool yc_task_state_parse(const char *s, enum yc_task_state *out);
const char *yc_task_event_name(enum yc_task_event ev);
bool yc_task_event_parse(const char *s, enum yc_task_event *out);
/* Ended: approved, refused or closed. */
bool yc_task_ended(enum yc_task_state s);
/* Whether the task's clock runs in this state (pending only). */
bool yc_task_clock_runs(enum yc_task_state s);

#endif

/* app.h — use cases shared by the HTTP API and the command line (catalog import, demo data).
 *
 * Each function runs inside a write transaction the caller opened (it takes a struct yc_db),
 * checks with src/core, writes with src/store and appends the audit rows. It knows nothing of HTTP.
 * Problems with a document are collected in a struct yc_problems (every problem at once); the
 * function then returns YC_E_BAD_INPUT. */
#ifndef YICI_APP_H
#define YICI_APP_H

#include "../core/calendar.h"
#include "../core/catalog.h"
#include "../core/form.h"
#include "../store/store.h"

#include <jansson.h>

/* Who does it, for the audit log. */
struct yc_actor {
	int64_t id; /* 0: the system (command line) or anonymous */
	const char *username;
	const char *role; /* role code name, "system" or "anonymous" */
};

/* A compact JSON text of v in the arena (NULL for NULL): how documents are stored. */
char *yc_app_json_text(struct yc_arena *a, const json_t *v);

enum yc_status yc_app_audit(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                            int64_t now, const char *action, const char *entity,
                            const char *entity_id, const char *region, const json_t *before,
                            const json_t *after, struct yc_error *e);

/* Create an item from its document (checks codes, department, region; indexes it for search). */
enum yc_status yc_app_item_create(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, const json_t *doc, const char *prefix,
                                  struct yc_problems *p, struct yc_error *e);

/* An item as stored (current version when version is 0), read into a record; NULL doc on error. */
enum yc_status yc_app_item_load(struct yc_db *db, struct yc_arena *a, const char *code,
                                int64_t version, struct yc_item_row *row, struct yc_item *item,
                                json_t **doc, struct yc_error *e);

/* Create a matter draft (version 1) from its document. Without a code one is allocated from the
 * counter; with one (import) it is checked and the counter raised past it. *code gets the code. */
enum yc_status yc_app_matter_create(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, int64_t now, const json_t *doc,
                                    const char *prefix, struct yc_problems *p, const char **code,
                                    struct yc_error *e);

/* Replace the draft's document (code and region stay). */
enum yc_status yc_app_matter_update_draft(struct yc_db *db, struct yc_arena *a,
                                          const struct yc_actor *who, int64_t now, const char *code,
                                          const json_t *doc, struct yc_problems *p,
                                          struct yc_error *e);

/* Publish a draft version after the publish check (all problems into p). */
enum yc_status yc_app_matter_publish(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, int64_t now, const char *code,
                                     int64_t version, struct yc_problems *p, struct yc_error *e);

/* A new draft beside the published version; abolish. */
enum yc_status yc_app_matter_revise(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, int64_t now, const char *code,
                                    int64_t *version, struct yc_error *e);
enum yc_status yc_app_matter_abolish(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, int64_t now, const char *code,
                                     struct yc_error *e);

/* A matter version with its items, ready for views and guides. items[i] is NULL when missing. */
struct yc_matter_loaded {
	struct yc_matter_row row;
	struct yc_matter_version ver;
	json_t *doc; /* owned: json_decref when done */
	struct yc_matter m;
	struct yc_item **items;
	struct yc_item_row *item_rows;
	json_t **item_docs; /* owned */
};
/* version 0: the published version (not_found when none). */
enum yc_status yc_app_matter_load(struct yc_db *db, struct yc_arena *a, const char *code,
                                  int64_t version, struct yc_matter_loaded *out,
                                  struct yc_error *e);
void yc_app_matter_unload(struct yc_matter_loaded *l);

/* ---- interview and form (situation.c) ---- */

/* The data element dictionary compiled into the binary (data/catalog/elements.json). */
const struct yc_elements *yc_app_elements(void);

/* The checks of a matter version's interview (`interview`, NULL: none) and of its items' merged
 * form, every problem into p ("interview.questions[1].when", "form.phone.max_length", ...).
 * Returns the interview report for the admin (new reference) or NULL. */
json_t *yc_app_situation_check(const struct yc_matter_loaded *l, const json_t *interview,
                               struct yc_arena *a, struct yc_problems *p);

/* One stateless interview step of a loaded version: *out = {"next":[questions]} or
 * {"situation":{...}} (situation.h). Bad answers: every problem in p, YC_E_BAD_INPUT. */
enum yc_status yc_app_interview_step(const struct yc_matter_loaded *l, const json_t *answers,
                                     struct yc_arena *a, json_t **out, struct yc_problems *p,
                                     struct yc_error *e);

/* Validate filled form values for the situation of complete answers: *out = {"valid", "errors",
 * "total", "forms" (each item's own form, when valid)}. `today` is yyyymmdd. */
enum yc_status yc_app_form_check(const struct yc_matter_loaded *l, const json_t *answers,
                                 const json_t *values, int32_t today, struct yc_arena *a,
                                 json_t **out, struct yc_problems *p, struct yc_error *e);

/* The situation of complete answers, as records (for the case's material slots). */
struct yc_situation;
enum yc_status yc_app_situation_of(const struct yc_matter_loaded *l, const json_t *answers,
                                   struct yc_arena *a, struct yc_situation *out,
                                   struct yc_problems *p, struct yc_error *e);

/* ---- cases up to acceptance (cases.c) ---- */

/* A new case: the matter (its published version), the interview answers, the form values, and
 * who applies — the applicant's own account online, or a walk-in applicant a window clerk enters
 * (帮代办: identity recorded, applicant_user their account if they have one, else 0). */
struct yc_case_input {
	const char *matter;
	const json_t *answers, *form;
	const char *channel; /* "online" | "window" */
	int64_t applicant_user;
	const char *applicant_name, *applicant_id_number, *applicant_phone;
};
enum yc_status yc_app_case_create(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, const struct yc_case_input *in,
                                  struct yc_problems *p, struct yc_case_row *out,
                                  struct yc_error *e);

/* Replace a draft's answers and form (version must match); the material slots follow the new
 * situation (files of kept slots stay). A case waiting for supplements may correct its form with
 * the same answers. c is re-read. */
enum yc_status yc_app_case_edit(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                int64_t now, struct yc_case_row *c, int64_t version,
                                const json_t *answers, const json_t *form, struct yc_problems *p,
                                struct yc_error *e);

/* One lifecycle event (core/case_fsm.h) with what it needs. */
struct yc_case_decision {
	int event;                      /* enum yc_case_event */
	int64_t version;                /* the case version the caller saw */
	const char *reason;             /* refuse: the legal reason */
	const char *basis;              /* refuse: the legal basis (optional) */
	const json_t *items;            /* supplement: [{slot | field, reason, bring}] */
	const char *deadline, *channel; /* supplement */
	const json_t *tolerate;         /* submit: slot keys of non-core materials asked 容缺 */
	const json_t *tolerance;        /* accept: [{slot, deadline}] for those slots */
};

/* Issue a numbered notice of `kind` (accept, supplement, refuse, commitment, tolerance, receipt
 * 送达回证, public 公告送达) for case c: numbered per kind, region and year, stored as issued.
 * sections (consumed): [{"heading","paragraphs":[…]} | {"heading","table":{"columns","rows"}}].
 * *number gets its number. */
enum yc_status yc_app_notice_issue(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, const struct yc_case_row *c, const char *kind,
                                   json_t *sections, const char **number, struct yc_error *e);
/* A notice section {"heading": heading, "paragraphs": [text]} (new reference). */
json_t *yc_app_para(const char *heading, const char *text);

/* 告知承诺: the applicant commits instead of proving material `slot` (on the published
 * commitment list): refused to a 失信 subject (403 with the reason); the 告知承诺书 with its four
 * elements and the verification to come is issued and signed (account, time, IP, SHA-256 of the
 * text); the slot becomes committed. c is re-read. */
enum yc_status yc_app_case_commit(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, struct yc_case_row *c, int64_t version,
                                  const char *slot, const char *ip, struct yc_problems *p,
                                  struct yc_error *e);

/* Attach files (already in the file store) to material slot `slot` of a case being filled (or a
 * tolerated slot of an accepted case), replacing the slot's former files: each file's type (by
 * content) must be one the material accepts (problems in p, "files[i]"); a document whose
 * printed validity `valid_until` (YYYY-MM-DD, NULL: none given) is past is refused (智审). The
 * version is raised; c is re-read. */
enum yc_status yc_app_case_attach(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, struct yc_case_row *c, int64_t version,
                                  const char *slot, const struct yc_case_file *files, int n,
                                  const char *valid_until, struct yc_problems *p,
                                  struct yc_error *e);

/* A department's conclusion on a verification: "confirmed", or "false" — then the case is
 * revoked and a 失信 record written (3 years). */
enum yc_status yc_app_verification_decide(struct yc_db *db, struct yc_arena *a,
                                          const struct yc_actor *who, int64_t now,
                                          struct yc_verification *v, const char *result,
                                          const char *note, struct yc_error *e);
/* Run event d on case c as `who` (actor: a role, or YC_ACTOR_SYSTEM): version check, the
 * transition table, preconditions (submit: the form passes and no material is missing — every
 * problem in p; supplement: a complete list, once per round; refuse: a reason), the notice,
 * the history row and the audit row. c is re-read. */
enum yc_status yc_app_case_event(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                 unsigned actor, int64_t now, struct yc_case_row *c,
                                 const struct yc_case_decision *d, struct yc_problems *p,
                                 struct yc_error *e);

/* The case watches, run by jobs as the system: cases undecided after their decide-by day are
 * accepted from the day of receipt (受理通知书 as deemed, the window told in the history);
 * cases with a tolerated material past its deadline are stopped and a 失信 record written.
 * At most 100 cases a call; *affected counts them. */
enum yc_status yc_app_cases_watch(struct yc_db *db, struct yc_arena *a, int64_t now, bool tolerance,
                                  int64_t *affected, struct yc_error *e);

/* ---- tasks: joint handling (tasks.c; docs/tasks.md) ---- */

/* One task event (core/case_fsm.h, the task table) with what it needs. */
struct yc_task_decision {
	int event;              /* enum yc_task_event */
	int64_t version;        /* the task version the caller saw */
	const char *opinion;    /* approve / refuse / rectify: the department's opinion */
	const char *basis;      /* refuse: the legal reason (required) */
	const char *rectify_by; /* rectify: YYYY-MM-DD, by when the applicant fixes it */
	const char *reason;     /* suspend: hearing | testing | inspection | expert_review */
	const json_t *fields;   /* approve: the result's own fields (optional object) */
};
/* Run event d on task t as `who` (actor: a role or YC_ACTOR_SYSTEM) in the caller's
 * transaction: version check, the task table, preconditions (approve: no tolerated material of
 * the item still missing — 400 naming them), the clock (stops on suspend / rectify, due day moved
 * on resume / rectified), the result of an approval, the history and audit rows; the case
 * concludes when its last task ends. t is re-read. */
enum yc_status yc_app_task_event(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                 unsigned actor, int64_t now, struct yc_task_row *t,
                                 const struct yc_task_decision *d, struct yc_problems *p,
                                 struct yc_error *e);
/* Dispatch (分办) an accepted case: one task per item of its situation for the item's
 * department, due by the item's promised working days (never later than the matter's), then the
 * case goes to in_progress; 即办件 are approved at once (and the case may conclude). c is re-read.
 * A due day in a year without a calendar fails (calendar_missing). */
enum yc_status yc_app_case_dispatch(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, int64_t now, struct yc_case_row *c,
                                    struct yc_error *e);
/* Conclude the case when every task has ended (then the delivery hook runs). */
enum yc_status yc_app_case_conclude_if_done(struct yc_db *db, struct yc_arena *a, int64_t now,
                                            int64_t case_id, struct yc_error *e);
/* The delivery hook, run right after a case concludes (delivery.c). */
enum yc_status yc_app_delivery_on_conclude(struct yc_db *db, struct yc_arena *a, int64_t now,
                                           struct yc_case_row *c, struct yc_error *e);
/* What the views need to colour tasks: today, the next working day, the calendar. */
struct yc_calendar;
struct yc_task_clock {
	int32_t today, next; /* yc_day */
	struct yc_calendar *cal;
};
enum yc_status yc_app_task_clock(struct yc_db *db, struct yc_arena *a, int64_t now,
                                 struct yc_task_clock *out, struct yc_error *e);
/* "green" | "yellow" (due by the next working day) | "red" (overdue) | "stopped" (suspended or
 * rectifying) for a task whose clock is on; NULL for an ended one. *days_left: working days from
 * today to the due day (negative when overdue) when *known. */
const char *yc_app_task_light(const struct yc_task_clock *k, const struct yc_task_row *t,
                              int64_t *days_left, bool *known);
/* The item's own original form of a task, filled from the case's merged form (new reference;
 * {} when the form cannot be read back). */
enum yc_status yc_app_task_form(struct yc_db *db, struct yc_arena *a, int64_t now,
                                const struct yc_case_row *c, const char *item_code, json_t **out,
                                struct yc_error *e);
/* Close every open task of a case that ended otherwise (withdrawn, stopped, revoked). */
enum yc_status yc_app_case_close_tasks(struct yc_db *db, struct yc_arena *a,
                                       const struct yc_actor *who, int64_t now, int64_t case_id,
                                       struct yc_error *e);
/* The time-limit watch (job tasks.watch): running tasks turn yellow at one working day left and
 * red when overdue; the department and the region's supervisors are told once per change.
 * *affected counts the tasks that changed colour. */
enum yc_status yc_app_tasks_watch(struct yc_db *db, struct yc_arena *a, int64_t now,
                                  int64_t *affected, struct yc_error *e);

/* ---- joint review / inspection / acceptance (joint.c; docs/joint.md) ---- */

/* The lead department (牵头部门) of case c: the lead_dept of its matter version; *dept NULL when
 * the matter names none. */
enum yc_status yc_app_joint_lead(struct yc_db *db, struct yc_arena *a, const struct yc_case_row *c,
                                 const char **dept, struct yc_error *e);
/* What the lead schedules. */
struct yc_joint_input {
	const char *kind; /* review (联合评审) | inspection (联合勘验) | acceptance (联合验收) */
	const char *scheduled_at;   /* local time (UTC+8) "YYYY-MM-DDTHH:MM", in the future */
	const char *place;          /* 2–200 characters */
	const json_t *participants; /* [{"name","dept","role"}], 1–50 */
	const json_t *tasks;        /* [task id]: at least two pending tasks of the case */
};
/* Schedule one event for several tasks of case c (in progress) as `who`, a user of department
 * `dept`, which must be the case's lead department (403). Bad fields, fewer than two tasks or a
 * task of another case: every problem in p (400); a task not pending or already in a scheduled
 * event: 409 naming it. The history of each task gets "joint_scheduled"; audited. *id gets the
 * event's id. */
enum yc_status yc_app_joint_schedule(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, const char *dept, int64_t now,
                                     const struct yc_case_row *c, const struct yc_joint_input *in,
                                     struct yc_problems *p, int64_t *id, struct yc_error *e);
/* The departments of event j's tasks in task order (each once), and the tasks (arena). */
enum yc_status yc_app_joint_tasks(struct yc_db *db, struct yc_arena *a,
                                  const struct yc_joint_row *j, struct yc_task_row **tasks,
                                  int64_t *ntasks, const char ***depts, int64_t *ndepts,
                                  struct yc_error *e);
/* Department `dept` records its opinion on scheduled event j once: verdict pass | fail |
 * rectify, opinion 2–2000 characters. Not a participating department: 403; a second opinion:
 * 409. The event's version is raised; each task's history gets "joint_opinion"; audited. j is
 * re-read. */
enum yc_status yc_app_joint_opinion(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, const char *dept, int64_t now,
                                    struct yc_joint_row *j, const char *verdict,
                                    const char *opinion, struct yc_error *e);
/* The lead's conclusion. */
struct yc_joint_decision {
	int64_t version;                       /* the event version the caller saw */
	const char *conclusion;                /* pass | fail | pass_after_rectification */
	const char *note;                      /* fail: the basis (required); else optional */
	const char *rectify_note, *rectify_by; /* pass_after_rectification: what, by when */
};
/* Conclude scheduled event j (the lead department only; version checked): every participating
 * department must have given its opinion (400 naming the missing ones); then, in the caller's
 * transaction, the conclusion is applied to every task through yc_app_task_event as the system
 * on behalf of `who` (pass → approve, fail → refuse, pass_after_rectification → rectify); a task
 * no longer pending fails the whole conclusion (409 naming it, nothing applied). Each task's
 * history gets "joint_concluded"; audited. j is re-read. */
enum yc_status yc_app_joint_conclude(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, const char *dept, int64_t now,
                                     struct yc_joint_row *j, const struct yc_joint_decision *d,
                                     struct yc_problems *p, struct yc_error *e);
/* Cancel scheduled event j (the lead department, version checked; note: why, optional). The
 * tasks are left as they are; each task's history gets "joint_cancelled"; audited. */
enum yc_status yc_app_joint_cancel(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   const char *dept, int64_t now, struct yc_joint_row *j,
                                   int64_t version, const char *note, struct yc_error *e);

/* ---- messages (我的消息) and the notification outbox (messages.c) ---- */

/* A message about what happened: to one account, or to every active staff account of a role
 * whose scope covers region (and, for role dept, of department dept). With sms_phone it also
 * goes out as an SMS through the outbox (the webhook channel), retried with backoff. Written in
 * the caller's transaction: nothing is sent unless it commits. */
struct yc_message_out {
	int64_t user_id;       /* the addressee; 0: staff by role and scope */
	const char *role;      /* user_id 0: "window", "dept", "supervisor", … */
	const char *region;    /* user_id 0: the region the message concerns */
	const char *dept;      /* user_id 0 and role dept: the department */
	int64_t case_id;       /* 0 when none */
	const char *kind;      /* stable code: case.accepted, task.overdue, … */
	const char *title;     /* short, Chinese */
	const char *body;      /* one paragraph, Chinese */
	const char *link;      /* web path to open, e.g. /my/cases/12; NULL none */
	const char *sms_phone; /* non-NULL: also an SMS to this phone */
};
enum yc_status yc_app_message(struct yc_db *db, struct yc_arena *a, int64_t now,
                              const struct yc_message_out *m, struct yc_error *e);

/* Tell the people concerned of a case event (enum yc_case_event) that took case c (as written:
 * the new state) from state `from` with these transition effects (core/case_fsm.h) and notice
 * number (NULL: none): the applicant's message for each event they should know (receipt, accept,
 * supplement, refuse, deemed acceptance, stop, revoke, conclusion, delivery, archive) with an SMS
 * to the case's phone for the decisions; the window staff of the region when the effects say
 * YC_FX_TELL_WINDOW. One table of events (messages.c). Called by yc_app_case_event. */
enum yc_status yc_app_case_told(struct yc_db *db, struct yc_arena *a, int64_t now, const char *from,
                                const struct yc_case_row *c, int event, unsigned effects,
                                const char *notice, struct yc_error *e);

/* The job cases.remind: a tolerated (容缺) material of an open case whose deadline falls within
 * two working days from today (two calendar days when the year has no calendar) is reminded
 * once — message and SMS to the applicant naming the material and the deadline. At most 100 a
 * call; *affected counts them. */
enum yc_status yc_app_cases_remind(struct yc_db *db, struct yc_arena *a, int64_t now,
                                   int64_t *affected, struct yc_error *e);

/* An admin puts a failed outbox row back (pending, due now, attempts from 0); audited. */
enum yc_status yc_app_outbox_retry(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, int64_t id, struct yc_error *e);

/* ---- one delivery (一次送达) and hand-overs of paper materials (delivery.c; docs/delivery.md)
 * ---- */

/* The tolerated (容缺) materials of a case still missing: while there is one, no result goes out
 * (rows in the arena, *n of them). */
enum yc_status yc_app_delivery_blockers(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                        struct yc_case_material **rows, int64_t *n,
                                        struct yc_error *e);
/* The applicant's (or, for a walk-in, the window's) choice of how the results go out. */
struct yc_delivery_choice {
	int64_t version;    /* the case version the caller saw */
	const char *method; /* pickup | post | online | sms | notice (window only) */
	const char *recipient_name, *phone; /* post: both; sms: the mobile phone */
	const json_t *address; /* post: {"province","city","district","detail","postcode"} */
};
/* Choose (or change, until the results are sent) the delivery of case c (accepted, in progress
 * or concluded) as `who` with role `actor`; every field problem into p (400); notice by an
 * applicant 403; stale 409. History "delivery_choose", audit delivery.choose; the case version
 * is raised. A concluded case delivers at once by online or SMS. c is re-read. */
enum yc_status yc_app_delivery_choose(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_actor *who, unsigned actor, int64_t now,
                                      struct yc_case_row *c, const struct yc_delivery_choice *in,
                                      struct yc_problems *p, struct yc_error *e);
/* The signer at the window and the signature image, already in the file store. */
struct yc_delivery_signing {
	int64_t version;
	const char *signer_name, *signer_id_number, *signature_sha256;
};
/* Pickup (自取): the window hands every result of concluded case c over; the 送达回证 lists them,
 * the signer, the time and the signature's hash; then the case is delivered and archived. No
 * choice made yet: pickup is recorded now. Another method chosen: 409. c is re-read. */
enum yc_status yc_app_delivery_handover(struct yc_db *db, struct yc_arena *a,
                                        const struct yc_actor *who, int64_t now,
                                        struct yc_case_row *c, const struct yc_delivery_signing *in,
                                        struct yc_problems *p, struct yc_error *e);
/* Post: the window sends the results (EMS number `tracking`, UPU S10; again to correct it while
 * on its way); the delivery is sent. c is re-read. */
enum yc_status yc_app_delivery_dispatch(struct yc_db *db, struct yc_arena *a,
                                        const struct yc_actor *who, int64_t now,
                                        struct yc_case_row *c, int64_t version,
                                        const char *tracking, struct yc_problems *p,
                                        struct yc_error *e);
/* Post: the item arrived (window or courier, `actor`); the case is delivered and archived. */
enum yc_status yc_app_delivery_confirm(struct yc_db *db, struct yc_arena *a,
                                       const struct yc_actor *who, unsigned actor, int64_t now,
                                       struct yc_case_row *c, int64_t version,
                                       struct yc_problems *p, struct yc_error *e);
/* 公告送达: the applicant cannot be reached; the public notice (reason NULL: the usual one) lists
 * every result; the case is delivered and archived. */
enum yc_status yc_app_delivery_public(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_actor *who, int64_t now,
                                      struct yc_case_row *c, int64_t version, const char *reason,
                                      struct yc_problems *p, struct yc_error *e);
/* One hand-over of a package of paper materials. */
struct yc_handover_input {
	const char *step;    /* core/delivery.h names */
	const char *package; /* the scanned code */
	int64_t task_id;     /* the task (department) it goes to; 0: the round's, or none */
	const char *note;
};
/* Record a hand-over of case c by principal pr (its role decides which steps it may record;
 * a department user only for its own task's department: 403) in the package's order (409), with
 * who gave and who received it where known; history "handover", audit handover.record. *out gets
 * the row as read back. The caller checked pr's access to the case's region. */
struct yc_principal;
enum yc_status yc_app_handover_record(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_actor *who, const struct yc_principal *pr,
                                      int64_t now, const struct yc_case_row *c,
                                      const struct yc_handover_input *in,
                                      struct yc_handover_row *out, struct yc_problems *p,
                                      struct yc_error *e);

/* ---- results (办理结果) signed with the department's electronic seal (results.c) ---- */

/* Issue the result of approved task t of case c: numbered, holder = the applicant, validity,
 * the item's result name and `fields`, signed with the department's Ed25519 seal (made on first
 * use). *number gets the result number. */
enum yc_status yc_app_result_issue(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, const struct yc_case_row *c,
                                   const struct yc_task_row *t, const json_t *fields,
                                   const char **number, struct yc_error *e);
/* Every current result of the case shows as revoked, with the reason. */
enum yc_status yc_app_results_revoke(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, int64_t now, int64_t case_id,
                                     const char *reason, struct yc_error *e);

/* The server key (32 bytes) that seals the departments' secret keys: set once at start, before
 * any thread runs (yici serve --key-file). Without it results cannot be issued. */
void yc_app_seal_key_set(const unsigned char key[32]);
/* Whether the server key opens the seals already made in this database (YC_OK also when there
 * are none yet); else YC_E_CONFLICT naming the department's key id. */
enum yc_status yc_app_seal_key_check(struct yc_db *db, struct yc_arena *a, struct yc_error *e);

/* What the check of a stored result found. genuine: the columns still give the signed text and
 * the signature (the one presented, else the stored one) verifies under the seal's public key.
 * status: "not_genuine", else "revoked", "expired" (after valid_until) or "current". */
struct yc_result_check {
	bool payload_ok, signature_valid, genuine;
	const char *status;
};
/* Check result r (as read by yc_result_get) against its seal s (NULL: the seal is missing),
 * with the signature `sig` presented by a reader (NULL: none) on `today` (YYYYMMDD, CST). */
struct yc_result_check yc_app_result_check(struct yc_arena *a, const struct yc_result_row *r,
                                           const struct yc_dept_seal *s, const char *sig,
                                           int32_t today);

/* ---- credit records (credit.c) ---- */

/* Record c (kind, source, reason, subject, region, dates set by the caller) and audit it. */
enum yc_status yc_app_credit_record(struct yc_db *db, struct yc_arena *a,
                                    const struct yc_actor *who, int64_t now,
                                    struct yc_credit_row *c, struct yc_error *e);

/* YC_OK when `subject` has no live 失信 record; else YC_E_FORBIDDEN (field "credit") with the
 * record's reason and expiry in the message: "… 不能适用<what>". */
enum yc_status yc_app_credit_check(struct yc_db *db, struct yc_arena *a, const char *subject,
                                   int64_t now, const char *what, struct yc_error *e);

/* ---- the form lifecycle (forms.c) ---- */

/* Compile the merged form of a matter version (0: the published one) as a new form version in
 * state "compiled"; merge conflicts are problems (nothing stored). */
enum yc_status yc_app_form_compile(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, const char *code, int64_t version,
                                   struct yc_problems *p, struct yc_form_row *out,
                                   struct yc_error *e);

/* One lifecycle step of form f: "review" (compiled → reviewed), "publish" (reviewed → published,
 * only for the matter's current published version; the former published form is superseded),
 * "abolish" (→ abolished). f is re-read after the step. */
enum yc_status yc_app_form_step(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                int64_t now, struct yc_form_row *f, const char *region,
                                const char *action, const char *note, struct yc_error *e);

/* A form version as JSON (new reference). */
json_t *yc_app_form_json(const struct yc_form_row *f);

/* Import a whole catalog document ("yici-catalog/1") and publish its matters; every problem is
 * reported; *items / *matters count what was imported. */
enum yc_status yc_app_catalog_import(struct yc_db *db, struct yc_arena *a,
                                     const struct yc_actor *who, int64_t now, const json_t *doc,
                                     bool publish, struct yc_problems *p, int *items, int *matters,
                                     struct yc_error *e);

/* ---- the working-day calendar (calendar.c, docs/calendar.md) ---- */

/* Every year stored, as a calendar (core/calendar.h) owned by a: load once, compute many. */
enum yc_status yc_app_calendar(struct yc_db *db, struct yc_arena *a, struct yc_calendar **out,
                               struct yc_error *e);

/* Over the stored years: the n-th working day after `from`, and the working days in (from, to]
 * (negative when to < from), the days of the nsusp suspension periods not counted (susp may be
 * NULL when nsusp is 0). YC_E_CALENDAR_MISSING, naming the year, when a needed year has no
 * calendar; bad input "days" / "suspended" as in core/calendar.h. */
enum yc_status yc_app_workdays_add(struct yc_db *db, struct yc_arena *a, yc_day from, int64_t n,
                                   const struct yc_cal_period *susp, int nsusp, yc_day *out,
                                   struct yc_error *e);
enum yc_status yc_app_workdays_between(struct yc_db *db, struct yc_arena *a, yc_day from, yc_day to,
                                       const struct yc_cal_period *susp, int nsusp, int64_t *days,
                                       struct yc_error *e);

/* Set a year from its document (every problem into p, nothing stored then), stored normalized,
 * audited as calendar.set with the former document; *out is the stored row. */
enum yc_status yc_app_calendar_set(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                   int64_t now, int year, const json_t *doc, struct yc_problems *p,
                                   struct yc_calendar_row *out, struct yc_error *e);

/* Store every year of a document of years ({"2025":{…},…}); a year already stored is kept
 * unless `replace`. *added counts the years written. */
enum yc_status yc_app_calendar_import(struct yc_db *db, struct yc_arena *a,
                                      const struct yc_actor *who, int64_t now, const json_t *doc,
                                      bool replace, struct yc_problems *p, int *added,
                                      struct yc_error *e);

/* A stored year as {"year","holidays","workdays","updated_at","updated_by"} (new reference). */
json_t *yc_app_calendar_json(const struct yc_calendar_row *row);

/* The public catalog search (src/app/search.c): page `page` of `per_page` hits, ranked; *total
 * of all. Runs in a read transaction of the caller's. */
enum yc_status yc_app_search(struct yc_db *db, struct yc_arena *a, const struct yc_search_query *q,
                             int64_t page, int64_t per_page, struct yc_search_hit **out, int64_t *n,
                             int64_t *total, struct yc_error *e);
/* The same search answered from the node's in-memory copy made at `epoch`, without the store:
 * *done is false when there is no such copy (then ask yc_app_search). */
void yc_app_search_copy(int64_t epoch, struct yc_arena *a, const struct yc_search_query *q,
                        int64_t page, int64_t per_page, struct yc_search_hit **out, int64_t *n,
                        int64_t *total, bool *done);
/* What the search copy has done in this process (for /metrics). */
struct yc_search_stats {
	long long builds, by_copy, by_store;    /* copies made; searches answered by each source */
	long long build_us, docs, bytes, epoch; /* the last copy made */
};
void yc_app_search_stats(struct yc_search_stats *st);
/* The thread that makes the search copy after each catalog change, reading from s (server start);
 * stop it (and free the copy) before s is closed. Without it, a search makes the copy itself. */
void yc_app_search_start(struct yc_store *s);
void yc_app_search_stop(void);
/* Whether searches use the node's in-memory copy of the search documents (default on). */
void yc_app_search_memory(bool on);

#endif

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

/* Attach files (already in the file store) to material slot `slot` of a case being filled,
 * replacing the slot's former files: each file's type (by content) must be one the material
 * accepts (problems in p, "files[i]"). The version is raised; c is re-read. */
enum yc_status yc_app_case_attach(struct yc_db *db, struct yc_arena *a, const struct yc_actor *who,
                                  int64_t now, struct yc_case_row *c, int64_t version,
                                  const char *slot, const struct yc_case_file *files, int n,
                                  struct yc_problems *p, struct yc_error *e);

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
/* The time-limit watch (job tasks.watch): running tasks turn yellow at one working day left and
 * red when overdue; the department and the region's supervisors are told once per change.
 * *affected counts the tasks that changed colour. */
enum yc_status yc_app_tasks_watch(struct yc_db *db, struct yc_arena *a, int64_t now,
                                  int64_t *affected, struct yc_error *e);

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

#endif

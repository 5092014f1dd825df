/* jobs.h — periodic background jobs that run inside `yici serve`.
 *
 * Every node runs the same scheduler thread. A job runs only after its row in table `jobs` has
 * been claimed inside a write transaction (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL; the
 * single writer on SQLite), and the run is recorded in `job_runs` under (name, slot) in the same
 * transaction, so two nodes never run the same slot of a job twice. */
#ifndef YICI_JOBS_H
#define YICI_JOBS_H

#include "../core/err.h"
#include "../store/store.h"

#include <stdatomic.h>

struct yc_jobs;

struct yc_jobs_config {
	const char *node;     /* name of this node in job_runs ("host:pid") */
	int tick_seconds;     /* how often the scheduler looks for due jobs */
	int64_t session_idle; /* sessions idle longer than this are deleted */
	const char *webhook;  /* the outbox's webhook URL (SMS channel); NULL: rows stay pending */
	int webhook_timeout_ms; /* one POST's limit; 0 = 5000 */
};

/* Start the scheduler thread; NULL when the thread cannot start. */
struct yc_jobs *yc_jobs_start(struct yc_store *s, const struct yc_jobs_config *cfg);

/* Stop and join the thread; accepts NULL, returns NULL. */
struct yc_jobs *yc_jobs_stop(struct yc_jobs *j);

/* Run every job that is due at `now` once (the scheduler's tick); *ran gets how many ran. */
enum yc_status yc_jobs_run_due(struct yc_store *s, const struct yc_jobs_config *cfg, int64_t now,
                               int *ran, struct yc_error *e);

/* The notification outbox (outbox.c, docs/messages.md): claim the due rows in one short
 * transaction, POST each to cfg->webhook outside any transaction, record the outcomes in a second
 * one (2xx sent; otherwise pending again with full-jitter backoff, failed after 12 attempts).
 * halt (may be NULL) set: sending stops and the rows go back to pending untouched. *sent counts
 * the rows the receiver took. Without a webhook nothing happens. */
enum yc_status yc_outbox_pump(struct yc_store *s, const struct yc_jobs_config *cfg, int64_t now,
                              const atomic_bool *halt, int *sent, struct yc_error *e);
/* The jobs thread's tick: a few pumps (up to 8 batches) while rows are being sent. */
void yc_outbox_tick(struct yc_store *s, const struct yc_jobs_config *cfg, const atomic_bool *halt);

/* Run the work of job `name` once at `now`, outside its schedule (the command line's `yici jobs
 * run`: an operator runs a watch now), in one write transaction; *affected as the job reports.
 * YC_E_NOT_FOUND for a name no job has. */
enum yc_status yc_jobs_run_one(struct yc_store *s, const struct yc_jobs_config *cfg,
                               const char *name, int64_t now, int64_t *affected,
                               struct yc_error *e);

#endif

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

struct yc_jobs;

struct yc_jobs_config {
	const char *node;     /* name of this node in job_runs ("host:pid") */
	int tick_seconds;     /* how often the scheduler looks for due jobs */
	int64_t session_idle; /* sessions idle longer than this are deleted */
};

/* Start the scheduler thread; NULL when the thread cannot start. */
struct yc_jobs *yc_jobs_start(struct yc_store *s, const struct yc_jobs_config *cfg);

/* Stop and join the thread; accepts NULL, returns NULL. */
struct yc_jobs *yc_jobs_stop(struct yc_jobs *j);

/* Run every job that is due at `now` once (the scheduler's tick); *ran gets how many ran. */
enum yc_status yc_jobs_run_due(struct yc_store *s, const struct yc_jobs_config *cfg, int64_t now,
                               int *ran, struct yc_error *e);

#endif

/* jobs.c — the scheduler and the housekeeping jobs; see jobs.h. */
#include "jobs.h"

#include "../app/app.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOGIN_FAILURE_KEEP (24 * 3600)
#define IDEMPOTENCY_KEEP   (24 * 3600)

struct yc_jobs {
	struct yc_store *store;
	struct yc_jobs_config cfg;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping;
	atomic_bool halt; /* set with stopping: a webhook POST on the wire gives up */
};

struct run_ctx {
	const struct yc_jobs_config *cfg;
	int64_t now;
	bool found;
	struct yc_arena *a;
};

static enum yc_status work(struct yc_db *db, const struct yc_job *j, const struct run_ctx *c,
                           int64_t *affected, struct yc_error *e)
{
	if (strcmp(j->name, "sessions.expire") == 0)
		return yc_session_expire(db, c->now - c->cfg->session_idle, affected, e);
	if (strcmp(j->name, "login_failures.prune") == 0)
		return yc_login_failure_prune(db, c->now - LOGIN_FAILURE_KEEP, affected, e);
	if (strcmp(j->name, "idempotency.prune") == 0)
		return yc_idem_prune(db, c->now - IDEMPOTENCY_KEEP, affected, e);
	if (strcmp(j->name, "cases.deem_accept") == 0)
		return yc_app_cases_watch(db, c->a, c->now, false, affected, e);
	if (strcmp(j->name, "cases.tolerance") == 0)
		return yc_app_cases_watch(db, c->a, c->now, true, affected, e);
	if (strcmp(j->name, "tasks.watch") == 0)
		return yc_app_tasks_watch(db, c->a, c->now, affected, e);
	if (strcmp(j->name, "cases.remind") == 0)
		return yc_app_cases_remind(db, c->a, c->now, affected, e);
	*affected = -1; /* a job of a newer version of yici: leave it to the nodes that know it */
	return YC_OK;
}

struct one_ctx {
	struct run_ctx run;
	const char *name;
	int64_t affected;
};

static enum yc_status one_tx(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct one_ctx *o = vctx;
	struct yc_job j = {.name = o->name};
	return work(db, &j, &o->run, &o->affected, e);
}

enum yc_status yc_jobs_run_one(struct yc_store *s, const struct yc_jobs_config *cfg,
                               const char *name, int64_t now, int64_t *affected, struct yc_error *e)
{
	struct one_ctx o = {.run = {.cfg = cfg, .now = now, .a = yc_arena_new()}, .name = name};
	enum yc_status st = yc_store_tx(s, YC_TX_WRITE, one_tx, &o, e);
	yc_arena_free(o.run.a);
	*affected = o.affected;
	if (st == YC_OK && o.affected < 0)
		return yc_fail(e, YC_E_NOT_FOUND, "name", "没有这个作业");
	return st;
}

static enum yc_status run_one(struct yc_db *db, void *vctx, struct yc_error *e)
{
	struct run_ctx *c = vctx;
	struct yc_job j;
	bool fresh = false;
	enum yc_status st = yc_job_claim(db, c->a, c->now, c->cfg->node, &j, &c->found, &fresh, e);
	if (st != YC_OK || !c->found)
		return st;
	int64_t affected = 0;
	if (fresh && (st = work(db, &j, c, &affected, e)) != YC_OK)
		return st;
	return yc_job_finish(db, &j, c->now, c->cfg->node, affected < 0 ? 0 : affected, e);
}

enum yc_status yc_jobs_run_due(struct yc_store *s, const struct yc_jobs_config *cfg, int64_t now,
                               int *ran, struct yc_error *e)
{
	*ran = 0;
	for (int i = 0; i < 32; i++) { /* bounded: a tick never runs forever */
		struct run_ctx c = {.cfg = cfg, .now = now, .a = yc_arena_new()};
		enum yc_status st = yc_store_tx(s, YC_TX_WRITE, run_one, &c, e);
		yc_arena_free(c.a);
		if (st != YC_OK)
			return st;
		if (!c.found)
			break;
		(*ran)++;
	}
	return YC_OK;
}

static void *loop(void *arg)
{
	struct yc_jobs *j = arg;
	pthread_mutex_lock(&j->lock);
	while (!j->stopping) {
		pthread_mutex_unlock(&j->lock);
		struct yc_error e = {0};
		int ran = 0;
		/* Errors (database down) are retried on the next tick; the store counts them. */
		yc_jobs_run_due(j->store, &j->cfg, (int64_t)time(NULL), &ran, &e);
		/* the notification outbox, never inside a transaction (outbox.c) */
		yc_outbox_tick(j->store, &j->cfg, &j->halt);
		pthread_mutex_lock(&j->lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += j->cfg.tick_seconds > 0 ? j->cfg.tick_seconds : 10;
		while (!j->stopping && pthread_cond_timedwait(&j->wake, &j->lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

struct yc_jobs *yc_jobs_start(struct yc_store *s, const struct yc_jobs_config *cfg)
{
	struct yc_jobs *j = calloc(1, sizeof *j);
	if (!j)
		return NULL;
	j->store = s;
	j->cfg = *cfg;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->wake, NULL);
	if (pthread_create(&j->thread, NULL, loop, j) != 0) {
		pthread_cond_destroy(&j->wake);
		pthread_mutex_destroy(&j->lock);
		free(j);
		return NULL;
	}
	return j;
}

struct yc_jobs *yc_jobs_stop(struct yc_jobs *j)
{
	if (!j)
		return NULL;
	pthread_mutex_lock(&j->lock);
	j->stopping = true;
	atomic_store(&j->halt, true);
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->lock);
	pthread_join(j->thread, NULL);
	pthread_cond_destroy(&j->wake);
	pthread_mutex_destroy(&j->lock);
	free(j);
	return NULL;
}

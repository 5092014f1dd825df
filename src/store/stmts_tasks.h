/* stmts_tasks.h — the statements of tasks (src/store/tasks.c): X(name, sql, pg) rows as in stmts.h
 * (pg: the PostgreSQL text when it differs, else NULL), chained into YC_STMTS there. */
#ifndef YICI_STORE_STMTS_TASKS_H
#define YICI_STORE_STMTS_TASKS_H

#define YC_STMTS_TASKS(X)

#endif

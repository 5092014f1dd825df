/* stmts_results.h — the statements of results and department seals (src/store/results.c): X(name, sql, pg) rows as in stmts.h
 * (pg: the PostgreSQL text when it differs, else NULL), chained into YC_STMTS there. */
#ifndef YICI_STORE_STMTS_RESULTS_H
#define YICI_STORE_STMTS_RESULTS_H

#define YC_STMTS_RESULTS(X)

#endif

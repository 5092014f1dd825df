/* stmts_delivery.h — the statements of deliveries and hand-overs (src/store/delivery.c): X(name, sql, pg) rows as in stmts.h
 * (pg: the PostgreSQL text when it differs, else NULL), chained into YC_STMTS there. */
#ifndef YICI_STORE_STMTS_DELIVERY_H
#define YICI_STORE_STMTS_DELIVERY_H

#define YC_STMTS_DELIVERY(X)

#endif

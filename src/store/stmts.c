/* stmts.c — the statement table of stmts.h. */
#include "stmts.h"

#include <stddef.h>

const char *const yc_stmt_name[YC_STMT_COUNT] = {
#define X(name, sql, pg) #name,
    YC_STMTS(X)
#undef X
};

const char *const yc_stmt_sql[YC_STMT_COUNT] = {
#define X(name, sql, pg) sql,
    YC_STMTS(X)
#undef X
};

const char *const yc_stmt_sql_pg[YC_STMT_COUNT] = {
#define X(name, sql, pg) pg,
    YC_STMTS(X)
#undef X
};

/* stmts_joint.h — the statements of joint review / inspection events (src/store/joint.c): X(name, sql, pg) rows as in stmts.h
 * (pg: the PostgreSQL text when it differs, else NULL), chained into YC_STMTS there. */
#ifndef YICI_STORE_STMTS_JOINT_H
#define YICI_STORE_STMTS_JOINT_H

#define YC_STMTS_JOINT(X)

#endif

/* audit_log.c — the hash-chained audit log in the store (chain rules in core/audit.h). */
#include "backend.h"

#include <stdio.h>
#include <string.h>

static void read_audit(struct yc_rows *r, struct yc_arena *a, struct yc_audit_entry *x)
{
	x->seq = q_int(r, 0);
	x->at = q_int(r, 1);
	x->actor_id = q_int(r, 2);
	x->actor_username = q_str(r, 3, a);
	x->actor_role = q_str(r, 4, a);
	x->action = q_str(r, 5, a);
	x->entity = q_str(r, 6, a);
	x->entity_id = q_str(r, 7, a);
	x->region = q_str(r, 8, a);
	x->before = q_str(r, 9, a);
	x->after = q_str(r, 10, a);
	x->prev_hash = q_str(r, 11, a);
	x->hash = q_str(r, 12, a);
}

enum yc_status yc_audit_append(struct yc_db *db, struct yc_audit_entry *row, struct yc_error *e)
{
	enum yc_status st;
	if (!db->audit_held) { /* first append of this transaction: lock the head */
		struct yc_rows r;
		if ((st = q_run(db, YC_STMT_AUDIT_HEAD_LOCK, NULL, 0, &r, e)) != YC_OK)
			return st;
		if (!q_has_row(&r)) {
			q_done(&r);
			return yc_fail(e, YC_E_INTERNAL, NULL, "审计日志头缺失");
		}
		const char *ph = q_text(&r, 1);
		db->audit_seq = q_int(&r, 0);
		snprintf(db->audit_hash, sizeof db->audit_hash, "%s", ph ? ph : YC_AUDIT_GENESIS);
		q_done(&r);
		db->audit_held = true;
	}
	char prev[YC_HEX256_SIZE], hash[YC_HEX256_SIZE];
	memcpy(prev, db->audit_hash, sizeof prev);
	row->seq = db->audit_seq + 1;
	row->prev_hash = prev;
	yc_audit_hash(row, hash);
	row->hash = hash;
	struct yc_param p[] = {PI(row->seq),
	                       PI(row->at),
	                       PI(row->actor_id),
	                       PT(row->actor_username),
	                       PT(row->actor_role),
	                       PT(row->action),
	                       PT(row->entity),
	                       PT(row->entity_id),
	                       PT(row->region),
	                       PT(row->before),
	                       PT(row->after),
	                       PT(prev),
	                       PT(hash)};
	st = q_exec(db, YC_STMT_AUDIT_INSERT, p, NPARAM(p), NULL, e);
	if (st == YC_OK) {
		db->audit_seq = row->seq;
		memcpy(db->audit_hash, hash, sizeof hash);
		db->audit_dirty = true;
		/* outside yc_store_tx nothing flushes at commit: write the head now */
		if (!db->in_tx)
			st = yc_store_flush(db, e);
	}
	if (st == YC_E_CONFLICT) /* two writers raced for one seq: retry the transaction */
		st = yc_fail(e, YC_E_RETRY, NULL, NULL);
	if (!db->in_tx)
		db->audit_held = false;
	row->prev_hash = row->hash = NULL; /* they pointed at this frame */
	return st;
}

enum yc_status yc_audit_list(struct yc_db *db, struct yc_arena *a, const struct yc_audit_filter *f,
                             const struct yc_page *pg, struct yc_audit_entry **items, int64_t *n,
                             int64_t *total, struct yc_error *e)
{
	char prefix[13] = "";
	int plen = f->region ? yc_region_prefix(f->region, prefix) : 0;
	struct yc_param p[] = {PT(plen ? prefix : NULL),
	                       PI(plen),
	                       PT(f->actor),
	                       PT(f->entity),
	                       PT(f->action),
	                       PI(f->from),
	                       PI(f->to),
	                       PB(f->include_unscoped),
	                       PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_AUDIT_COUNT, p, 8, total, e);
	if (st != YC_OK)
		return st;
	struct yc_rows r;
	st = q_run(db, YC_STMT_AUDIT_LIST, p, NPARAM(p), &r, e);
	if (st != YC_OK)
		return st;
	*items = yc_alloc(a, sizeof **items * (size_t)pg->per_page);
	*n = 0;
	for (bool ok = q_has_row(&r); ok && *n < pg->per_page; ok = q_next(&r))
		read_audit(&r, a, &(*items)[(*n)++]);
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_audit_verify(struct yc_db *db, int64_t *rows, int64_t *first_broken,
                               struct yc_error *e)
{
	enum { BATCH = 1000 };
	char prev[YC_HEX256_SIZE] = YC_AUDIT_GENESIS;
	int64_t last = 0, expect = 1;
	*rows = 0;
	*first_broken = 0;
	for (;;) {
		struct yc_arena *a = yc_arena_new();
		struct yc_rows r;
		struct yc_param p[] = {PI(last), PI(BATCH)};
		enum yc_status st = q_run(db, YC_STMT_AUDIT_ALL, p, NPARAM(p), &r, e);
		if (st != YC_OK) {
			yc_arena_free(a);
			return st;
		}
		int got = 0;
		for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
			struct yc_audit_entry x;
			read_audit(&r, a, &x);
			got++;
			(*rows)++;
			if (!*first_broken && (x.seq != expect || !yc_audit_row_ok(&x, prev)))
				*first_broken = x.seq != expect ? expect : x.seq;
			snprintf(prev, sizeof prev, "%s", x.hash ? x.hash : "");
			last = x.seq;
			expect = x.seq + 1;
		}
		q_done(&r);
		yc_arena_free(a);
		if (got < BATCH)
			break;
	}
	/* The head must point at the last row: a deleted tail shows here. */
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_AUDIT_HEAD_GET, NULL, 0, &r, e);
	if (st != YC_OK)
		return st;
	if (q_has_row(&r) && !*first_broken) {
		int64_t head_seq = q_int(&r, 0);
		const char *head_hash = q_text(&r, 1);
		if (head_seq != last || !head_hash || strcmp(head_hash, prev) != 0)
			*first_broken = head_seq > last ? last + 1 : (last ? last : 1);
	}
	q_done(&r);
	return YC_OK;
}

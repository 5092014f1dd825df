/* delivery.c — deliveries (一次送达) and hand-overs of paper materials in the store. A case has
 * at most one delivery row (its chosen method and how far it got); hand-over rows are only ever
 * added. */
#include "backend.h"

#include <string.h>

static void read_delivery(struct yc_rows *r, struct yc_arena *a, struct yc_delivery_row *d)
{
	d->id = q_int(r, 0);
	d->case_id = q_int(r, 1);
	d->method = q_str(r, 2, a);
	d->state = q_str(r, 3, a);
	d->recipient_name = q_str(r, 4, a);
	d->phone = q_str(r, 5, a);
	d->address = q_str(r, 6, a);
	d->tracking_number = q_str(r, 7, a);
	d->signature_sha256 = q_str(r, 8, a);
	d->signer_name = q_str(r, 9, a);
	d->signer_id_number = q_str(r, 10, a);
	d->receipt_notice = q_str(r, 11, a);
	d->public_notice = q_str(r, 12, a);
	d->chosen_by = q_int(r, 13);
	d->chosen_at = q_int(r, 14);
	d->sent_at = q_int(r, 15);
	d->delivered_at = q_int(r, 16);
	d->delivered_by = q_int(r, 17);
	d->version = q_int(r, 18);
}

enum yc_status yc_delivery_get(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                               struct yc_delivery_row *out, bool *found, struct yc_error *e)
{
	struct yc_rows r;
	struct yc_param p[] = {PI(case_id)};
	enum yc_status st = q_run(db, YC_STMT_DELIVERY_GET, p, 1, &r, e);
	*found = false;
	if (st == YC_OK && q_has_row(&r)) {
		*found = true;
		read_delivery(&r, a, out);
	}
	q_done(&r);
	return st;
}

enum yc_status yc_delivery_insert(struct yc_db *db, const struct yc_delivery_row *d,
                                  struct yc_error *e)
{
	struct yc_param p[] = {PI(d->case_id),  PT(d->method),  PT(d->recipient_name),
	                       PT(d->phone),    PT(d->address), PI(d->chosen_by),
	                       PI(d->chosen_at)};
	enum yc_status st = q_exec(db, YC_STMT_DELIVERY_INSERT, p, NPARAM(p), NULL, e);
	/* another request chose at the same moment: run the whole transaction again */
	return st == YC_E_CONFLICT ? yc_fail(e, YC_E_RETRY, NULL, NULL) : st;
}

enum yc_status yc_delivery_update(struct yc_db *db, const struct yc_delivery_row *d,
                                  int64_t version, struct yc_error *e)
{
	int64_t n = 0;
	struct yc_param p[] = {PI(d->case_id),          PI(version),
	                       PT(d->method),           PT(d->state),
	                       PT(d->recipient_name),   PT(d->phone),
	                       PT(d->address),          PT(d->tracking_number),
	                       PT(d->signature_sha256), PT(d->signer_name),
	                       PT(d->signer_id_number), PT(d->receipt_notice),
	                       PT(d->public_notice),    PI(d->chosen_by),
	                       PI(d->chosen_at),        PI(d->sent_at),
	                       PI(d->delivered_at),     PI(d->delivered_by)};
	enum yc_status st = q_exec(db, YC_STMT_DELIVERY_UPDATE, p, NPARAM(p), &n, e);
	if (st == YC_OK && n == 0)
		return yc_fail(e, YC_E_CONFLICT, "version", "送达信息已被他人更新，请刷新后重试");
	return st;
}

static void read_handover(struct yc_rows *r, struct yc_arena *a, struct yc_handover_row *h)
{
	h->id = q_int(r, 0);
	h->case_id = q_int(r, 1);
	h->task_id = q_int(r, 2);
	h->step = q_str(r, 3, a);
	h->package = q_str(r, 4, a);
	h->from_user = q_int(r, 5);
	h->to_user = q_int(r, 6);
	h->recorded_by = q_int(r, 7);
	h->recorded_role = q_str(r, 8, a);
	h->note = q_str(r, 9, a);
	h->at = q_int(r, 10);
	h->case_number = q_str(r, 11, a);
	h->dept = q_str(r, 12, a);
	h->dept_name = q_str(r, 13, a);
	h->item_name = q_str(r, 14, a);
	h->from_name = q_str(r, 15, a);
	h->to_name = q_str(r, 16, a);
	h->recorded_name = q_str(r, 17, a);
	h->recorded_username = q_str(r, 18, a);
}

enum yc_status yc_handover_insert(struct yc_db *db, const struct yc_handover_row *h, int64_t *id,
                                  struct yc_error *e)
{
	struct yc_param p[] = {PI(h->case_id),     PI(h->task_id),       PT(h->step),
	                       PT(h->package),     PI(h->from_user),     PI(h->to_user),
	                       PI(h->recorded_by), PT(h->recorded_role), PT(h->note),
	                       PI(h->at)};
	struct yc_rows r;
	enum yc_status st = q_run(db, YC_STMT_HANDOVER_INSERT, p, NPARAM(p), &r, e);
	if (st == YC_OK && id)
		*id = q_has_row(&r) ? q_int(&r, 0) : 0;
	q_done(&r);
	return st;
}

static enum yc_status rows_of(struct yc_db *db, struct yc_arena *a, enum yc_stmt id,
                              const struct yc_param *p, int np, struct yc_handover_row **rows,
                              int64_t *n, struct yc_error *e)
{
	struct yc_rows r;
	enum yc_status st = q_run(db, id, p, np, &r, e);
	if (st != YC_OK)
		return st;
	int64_t cap = 0;
	*rows = NULL;
	*n = 0;
	for (bool ok = q_has_row(&r); ok; ok = q_next(&r)) {
		*rows = yc_grow(a, *rows, *n, &cap, sizeof **rows);
		read_handover(&r, a, &(*rows)[(*n)++]);
	}
	q_done(&r);
	return YC_OK;
}

enum yc_status yc_handover_list_case(struct yc_db *db, struct yc_arena *a, int64_t case_id,
                                     const char *package, struct yc_handover_row **rows, int64_t *n,
                                     struct yc_error *e)
{
	struct yc_param p[] = {PI(case_id), PT(package)};
	if (package)
		return rows_of(db, a, YC_STMT_HANDOVER_PACKAGE, p, 2, rows, n, e);
	return rows_of(db, a, YC_STMT_HANDOVER_CASE, p, 1, rows, n, e);
}

enum yc_status yc_handover_list(struct yc_db *db, struct yc_arena *a,
                                const struct yc_handover_filter *f, const struct yc_page *pg,
                                struct yc_handover_row **rows, int64_t *n, int64_t *total,
                                struct yc_error *e)
{
	/* every case under the region's prefix: prefix <= region < prefix + ":" */
	char prefix[13] = "";
	yc_region_prefix(f->region, prefix);
	const char *upper = yc_printf(a, "%s:", prefix);
	struct yc_param p[] = {PI(f->recorded_by),
	                       PT(f->package),
	                       PT(prefix),
	                       PT(upper),
	                       PT(f->dept),
	                       PI(pg->per_page),
	                       PI((pg->page - 1) * pg->per_page)};
	enum yc_status st = q_int1(db, YC_STMT_HANDOVER_COUNT, p, 5, total, e);
	return st == YC_OK ? rows_of(db, a, YC_STMT_HANDOVER_LIST, p, NPARAM(p), rows, n, e) : st;
}

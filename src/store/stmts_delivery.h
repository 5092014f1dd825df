/* stmts_delivery.h — the statements of deliveries and hand-overs (src/store/delivery.c): X(name,
 * sql, pg) rows as in stmts.h (pg: the PostgreSQL text when it differs, else NULL), chained into
 * YC_STMTS there. */
#ifndef YICI_STORE_STMTS_DELIVERY_H
#define YICI_STORE_STMTS_DELIVERY_H

/* Columns of a delivery, read by read_delivery() in delivery.c. */
#define DELIVERY_COLS                                                                              \
	"id, case_id, method, state, recipient_name, phone, address, tracking_number, "            \
	"signature_sha256, signer_name, signer_id_number, receipt_notice, public_notice, "         \
	"chosen_by, chosen_at, sent_at, delivered_at, delivered_by, version"
/* Columns of a hand-over with its case number, task department and people's names, read by
 * read_handover() in delivery.c. */
#define HANDOVER_COLS                                                                              \
	"h.id, h.case_id, h.task_id, h.step, h.package, h.from_user, h.to_user, h.recorded_by, "   \
	"h.recorded_role, h.note, h.at, c.number, t.dept, dp.name, t.item_name, fu.name, "         \
	"tu.name, "                                                                                \
	"ru.name, ru.username"
#define HANDOVER_FROM                                                                              \
	" FROM handovers h JOIN cases c ON c.id = h.case_id LEFT JOIN tasks t ON t.id = "          \
	"h.task_id "                                                                               \
	"LEFT JOIN depts dp ON dp.code = t.dept LEFT JOIN users fu ON fu.id = h.from_user LEFT "   \
	"JOIN users tu ON tu.id = h.to_user JOIN users ru ON ru.id = h.recorded_by"
/* $1 recorder (0: anyone), $2 package (NULL: any), $3..$4 the region range of the case, $5 the
 * department of the task (NULL: any) */
#define HANDOVER_FILTER                                                                            \
	" WHERE (CAST($1 AS BIGINT) = 0 OR h.recorded_by = $1) AND (CAST($2 AS TEXT) IS NULL OR "  \
	"h.package = $2) AND c.region >= $3 AND c.region < $4 AND (CAST($5 AS TEXT) IS NULL OR "   \
	"t.dept = $5)"

#define YC_STMTS_DELIVERY(X)                                                                       \
	X(DELIVERY_GET, "SELECT " DELIVERY_COLS " FROM deliveries WHERE case_id = $1", NULL)       \
	X(DELIVERY_INSERT,                                                                         \
	  "INSERT INTO deliveries (case_id, method, state, recipient_name, phone, address, "       \
	  "chosen_by, chosen_at, version) VALUES ($1, $2, 'chosen', $3, $4, $5, $6, $7, 1)",       \
	  NULL)                                                                                    \
	X(DELIVERY_UPDATE,                                                                         \
	  "UPDATE deliveries SET method = $3, state = $4, recipient_name = $5, phone = $6, "       \
	  "address = $7, tracking_number = $8, signature_sha256 = $9, signer_name = $10, "         \
	  "signer_id_number = $11, receipt_notice = $12, public_notice = $13, chosen_by = $14, "   \
	  "chosen_at = $15, sent_at = NULLIF(CAST($16 AS BIGINT), 0), delivered_at = "             \
	  "NULLIF(CAST($17 AS BIGINT), 0), delivered_by = NULLIF(CAST($18 AS BIGINT), 0), "        \
	  "version = version + 1 WHERE case_id = $1 AND version = $2",                             \
	  NULL)                                                                                    \
	X(HANDOVER_INSERT,                                                                         \
	  "INSERT INTO handovers (case_id, task_id, step, package, from_user, to_user, "           \
	  "recorded_by, recorded_role, note, at) VALUES ($1, NULLIF(CAST($2 AS BIGINT), 0), $3, "  \
	  "$4, NULLIF(CAST($5 AS BIGINT), 0), NULLIF(CAST($6 AS BIGINT), 0), $7, $8, $9, $10) "    \
	  "RETURNING id",                                                                          \
	  NULL)                                                                                    \
	X(HANDOVER_CASE,                                                                           \
	  "SELECT " HANDOVER_COLS HANDOVER_FROM " WHERE h.case_id = $1 ORDER BY h.id", NULL)       \
	X(HANDOVER_PACKAGE,                                                                        \
	  "SELECT " HANDOVER_COLS HANDOVER_FROM                                                    \
	  " WHERE h.case_id = $1 AND h.package = $2 ORDER BY h.id",                                \
	  NULL)                                                                                    \
	X(HANDOVER_LIST,                                                                           \
	  "SELECT " HANDOVER_COLS HANDOVER_FROM HANDOVER_FILTER                                    \
	  " ORDER BY h.id DESC LIMIT $6 OFFSET $7",                                                \
	  NULL)                                                                                    \
	X(HANDOVER_COUNT,                                                                          \
	  "SELECT count(*) FROM handovers h JOIN cases c ON c.id = h.case_id LEFT JOIN tasks t "   \
	  "ON t.id = h.task_id" HANDOVER_FILTER,                                                   \
	  NULL)

#endif

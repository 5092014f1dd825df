/* ops.c — operations endpoints: /healthz, /metrics, /api/openapi.json. */
#include "http.h"

#include <string.h>

/* docs/openapi.json, embedded by the build (see CMakeLists.txt). */
extern const unsigned char yc_openapi_json[];
extern const unsigned long yc_openapi_json_len;

enum yc_status yc_h_healthz(struct yc_req *r, struct yc_error *e)
{
	enum yc_status st = yc_store_ping(r->store, e);
	if (st != YC_OK)
		return yc_fail(e, YC_E_STORE_UNAVAILABLE, NULL, NULL);
	return yc_reply_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

enum yc_status yc_h_metrics(struct yc_req *r, struct yc_error *e)
{
	(void)e;
	size_t len = 0;
	char *text = yc_metrics_text(r->a, &len);
	return yc_reply_raw(r, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
}

enum yc_status yc_h_openapi(struct yc_req *r, struct yc_error *e)
{
	(void)e;
	return yc_reply_raw(r, 200, "application/json; charset=utf-8", yc_openapi_json,
	                    (size_t)yc_openapi_json_len);
}

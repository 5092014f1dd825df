/* routes.c — the whole route table of yici, and path matching.
 *
 * Each route names its method, path template, handler and the roles it admits (0: public).
 * server.c answers 404 / 405 / 401 / 403 from this table before any handler runs. Every route here
 * must be described in docs/openapi.json (a test checks it against `yici routes`). */
#include "http.h"

#include <string.h>

#define ANY        YC_ROLES_ANY
#define ADMIN      YC_ROLE_BIT(YC_ROLE_ADMIN)
#define AUDITORS   (YC_ROLE_BIT(YC_ROLE_ADMIN) | YC_ROLE_BIT(YC_ROLE_SUPERVISOR))
#define DEPT       YC_ROLE_BIT(YC_ROLE_DEPT)
#define APPLICANT  YC_ROLE_BIT(YC_ROLE_APPLICANT)
#define WINDOW     YC_ROLE_BIT(YC_ROLE_WINDOW)
#define SUPERVISOR YC_ROLE_BIT(YC_ROLE_SUPERVISOR)
#define JSON       YC_ROUTE_JSON_BODY
#define CACHE      YC_ROUTE_PUBLIC_CACHE
#define UPLOAD     YC_ROUTE_UPLOAD

const struct yc_route yc_routes[] = {
    {"POST", "/api/v1/auth/register", yc_h_register, 0, JSON},
    {"POST", "/api/v1/auth/login", yc_h_login, 0, JSON},
    {"POST", "/api/v1/auth/logout", yc_h_logout, ANY, 0},
    {"GET", "/api/v1/me", yc_h_me, ANY, 0},
    {"GET", "/api/v1/me/prefill", yc_h_me_prefill, ANY, 0},
    /* 我的消息 (messages.c); read-all comes before {id} */
    {"GET", "/api/v1/me/messages", yc_h_me_messages, ANY, 0},
    {"POST", "/api/v1/me/messages/read-all", yc_h_me_messages_read_all, ANY, 0},
    {"POST", "/api/v1/me/messages/{id}/read", yc_h_me_message_read, ANY, 0},
    {"POST", "/api/v1/uploads/check", yc_h_uploads_check, ANY, UPLOAD},

    {"GET", "/api/v1/users", yc_h_users_list, ADMIN, 0},
    {"POST", "/api/v1/users", yc_h_users_create, ADMIN, JSON},
    {"GET", "/api/v1/users/{id}", yc_h_users_get, ADMIN, 0},
    {"PATCH", "/api/v1/users/{id}", yc_h_users_patch, ADMIN, JSON},

    {"GET", "/api/v1/regions", yc_h_regions_list, 0, 0},
    {"POST", "/api/v1/regions", yc_h_regions_create, ADMIN, JSON},
    {"GET", "/api/v1/regions/{code}", yc_h_regions_get, 0, 0},
    {"PATCH", "/api/v1/regions/{code}", yc_h_regions_patch, ADMIN, JSON},

    {"GET", "/api/v1/depts", yc_h_depts_list, 0, 0},
    {"POST", "/api/v1/depts", yc_h_depts_create, ADMIN, JSON},
    {"GET", "/api/v1/depts/{code}", yc_h_depts_get, 0, 0},
    {"PATCH", "/api/v1/depts/{code}", yc_h_depts_patch, ADMIN, JSON},

    {"GET", "/api/v1/audit", yc_h_audit_list, AUDITORS, 0},
    {"GET", "/api/v1/audit/verify", yc_h_audit_verify, AUDITORS, 0},
    {"GET", "/api/v1/outbox", yc_h_outbox_list, ADMIN, 0},
    {"POST", "/api/v1/outbox/{id}/retry", yc_h_outbox_retry, ADMIN, 0},

    {"GET", "/api/v1/search", yc_h_search, 0, CACHE},
    {"GET", "/api/v1/themes", yc_h_themes, 0, CACHE},
    {"GET", "/api/v1/matters", yc_h_matters_list, 0, CACHE},
    {"POST", "/api/v1/matters", yc_h_matters_create, ADMIN, JSON},
    {"GET", "/api/v1/matters/{code}", yc_h_matters_get, 0, CACHE},
    {"GET", "/api/v1/matters/{code}/guide", yc_h_matters_guide, 0, CACHE},
    {"POST", "/api/v1/matters/{code}/interview", yc_h_matter_interview, 0, JSON | CACHE},
    {"POST", "/api/v1/matters/{code}/interview/check", yc_h_matter_interview_check, ADMIN, JSON},
    {"POST", "/api/v1/matters/{code}/form/check", yc_h_matter_form_check, 0, JSON},
    {"GET", "/api/v1/matters/{code}/forms", yc_h_forms_list, ADMIN, 0},
    {"POST", "/api/v1/matters/{code}/forms", yc_h_forms_compile, ADMIN, JSON},
    {"GET", "/api/v1/forms/{id}", yc_h_forms_get, ADMIN, 0},
    {"POST", "/api/v1/forms/{id}/review", yc_h_forms_review, ADMIN, JSON},
    {"POST", "/api/v1/forms/{id}/publish", yc_h_forms_publish, ADMIN, 0},
    {"POST", "/api/v1/forms/{id}/abolish", yc_h_forms_abolish, ADMIN, JSON},
    {"GET", "/api/v1/matters/{code}/versions", yc_h_matter_versions, ADMIN, 0},
    {"GET", "/api/v1/matters/{code}/versions/{version}", yc_h_matter_version, ADMIN, 0},
    {"PUT", "/api/v1/matters/{code}/draft", yc_h_matter_draft, ADMIN, JSON},
    {"POST", "/api/v1/matters/{code}/publish", yc_h_matter_publish, ADMIN, JSON},
    {"POST", "/api/v1/matters/{code}/revise", yc_h_matter_revise, ADMIN, 0},
    {"POST", "/api/v1/matters/{code}/abolish", yc_h_matter_abolish, ADMIN, 0},
    {"GET", "/api/v1/matters/{code}/guides", yc_h_guides_list, ADMIN, 0},
    {"POST", "/api/v1/matters/{code}/guides", yc_h_guides_create, ADMIN, 0},
    {"POST", "/api/v1/matters/{code}/feedback", yc_h_feedback_create, 0, JSON},
    {"GET", "/api/v1/guides/{id}", yc_h_guides_get, ADMIN | DEPT, 0},
    {"PUT", "/api/v1/guides/{id}", yc_h_guides_edit, ADMIN, JSON},
    {"POST", "/api/v1/guides/{id}/consult", yc_h_guides_consult, ADMIN, 0},
    {"POST", "/api/v1/guides/{id}/comments", yc_h_guides_comment, DEPT, JSON},
    {"POST", "/api/v1/guides/{id}/comments/{cid}/answer", yc_h_guides_answer, ADMIN, JSON},
    {"POST", "/api/v1/guides/{id}/publish", yc_h_guides_publish, ADMIN, 0},
    {"POST", "/api/v1/guides/{id}/withdraw", yc_h_guides_withdraw, ADMIN, 0},
    {"GET", "/api/v1/feedback", yc_h_feedback_list, ADMIN, 0},
    {"POST", "/api/v1/feedback/{id}/close", yc_h_feedback_close, ADMIN, JSON},
    {"POST", "/api/v1/changes", yc_h_changes_create, DEPT, JSON},
    {"GET", "/api/v1/changes", yc_h_changes_list, ADMIN | DEPT, 0},
    {"GET", "/api/v1/changes/{id}", yc_h_changes_get, ADMIN | DEPT, 0},
    {"POST", "/api/v1/changes/{id}/decision", yc_h_changes_decide, ADMIN, JSON},
    {"GET", "/api/v1/admin/matters", yc_h_admin_matters, ADMIN, 0},
    {"GET", "/api/v1/items", yc_h_items_list, ADMIN, 0},
    {"POST", "/api/v1/items", yc_h_items_create, ADMIN, JSON},
    {"GET", "/api/v1/items/{code}", yc_h_items_get, 0, CACHE},
    {"GET", "/api/v1/synonyms", yc_h_synonyms_list, 0, CACHE},
    {"PUT", "/api/v1/synonyms/{term}", yc_h_synonyms_put, ADMIN, JSON},
    {"DELETE", "/api/v1/synonyms/{term}", yc_h_synonyms_delete, ADMIN, 0},

    /* the literal /add and /between come before {year}: the first route that matches wins */
    {"GET", "/api/v1/calendar", yc_h_calendar_list, ANY, 0},
    {"GET", "/api/v1/calendar/add", yc_h_calendar_add, ANY, 0},
    {"GET", "/api/v1/calendar/between", yc_h_calendar_between, ANY, 0},
    {"GET", "/api/v1/calendar/{year}", yc_h_calendar_get, ANY, 0},
    {"PUT", "/api/v1/calendar/{year}", yc_h_calendar_put, ADMIN, JSON},

    {"GET", "/healthz", yc_h_healthz, 0, 0},
    {"GET", "/metrics", yc_h_metrics, 0, 0},
    {"GET", "/api/openapi.json", yc_h_openapi, 0, 0},

    /* cases (办件) up to acceptance, notices, verifications, credit */
    {"POST", "/api/v1/cases", yc_h_cases_create, APPLICANT | WINDOW, JSON},
    {"GET", "/api/v1/cases", yc_h_cases_list, APPLICANT | WINDOW | SUPERVISOR | ADMIN, 0},
    {"GET", "/api/v1/cases/{id}", yc_h_cases_get, APPLICANT | WINDOW | SUPERVISOR | ADMIN, 0},
    {"PUT", "/api/v1/cases/{id}/draft", yc_h_cases_draft, APPLICANT | WINDOW, JSON},
    {"POST", "/api/v1/cases/{id}/submit", yc_h_cases_submit, APPLICANT | WINDOW, JSON},
    {"POST", "/api/v1/cases/{id}/withdraw", yc_h_cases_withdraw, APPLICANT | WINDOW, JSON},
    {"POST", "/api/v1/cases/{id}/decision", yc_h_cases_decision, WINDOW, JSON},
    {"PUT", "/api/v1/cases/{id}/materials/{slot}", yc_h_cases_upload, APPLICANT | WINDOW, UPLOAD},
    {"GET", "/api/v1/cases/{id}/materials/{slot}/file", yc_h_cases_file,
     APPLICANT | WINDOW | SUPERVISOR | ADMIN | DEPT, 0},
    {"POST", "/api/v1/cases/{id}/materials/{slot}/commitment", yc_h_cases_commit,
     APPLICANT | WINDOW, JSON},
    {"GET", "/api/v1/tasks", yc_h_tasks_list, DEPT, 0},
    {"GET", "/api/v1/tasks/{id}", yc_h_tasks_get, DEPT | WINDOW | SUPERVISOR | ADMIN, 0},
    {"POST", "/api/v1/tasks/{id}/decision", yc_h_tasks_decision, DEPT, JSON},
    {"POST", "/api/v1/tasks/{id}/suspend", yc_h_tasks_suspend, DEPT, JSON},
    {"POST", "/api/v1/tasks/{id}/resume", yc_h_tasks_resume, DEPT, JSON},
    {"POST", "/api/v1/cases/{id}/tasks/{task}/rectified", yc_h_cases_task_rectified,
     APPLICANT | WINDOW, JSON},
    {"GET", "/api/v1/watch", yc_h_watch, SUPERVISOR | ADMIN, 0},
    /* joint review / inspection / acceptance (联合评审 / 联合勘验 / 联合验收) */
    {"POST", "/api/v1/cases/{id}/joint-events", yc_h_joint_schedule, DEPT, JSON},
    {"GET", "/api/v1/cases/{id}/joint-events", yc_h_joint_case_list,
     DEPT | WINDOW | SUPERVISOR | ADMIN, 0},
    {"GET", "/api/v1/joint-events", yc_h_joint_list, DEPT, 0},
    {"GET", "/api/v1/joint-events/{id}", yc_h_joint_get, DEPT | WINDOW | SUPERVISOR | ADMIN, 0},
    {"POST", "/api/v1/joint-events/{id}/opinions", yc_h_joint_opinion, DEPT, JSON},
    {"POST", "/api/v1/joint-events/{id}/conclude", yc_h_joint_conclude, DEPT, JSON},
    {"POST", "/api/v1/joint-events/{id}/cancel", yc_h_joint_cancel, DEPT, JSON},
    {"GET", "/api/v1/verifications", yc_h_verifications_list, DEPT, 0},
    {"POST", "/api/v1/verifications/{id}", yc_h_verifications_decide, DEPT, JSON},
    /* one delivery (一次送达) and the hand-overs of paper materials (delivery.c) */
    {"GET", "/api/v1/cases/{id}/delivery", yc_h_delivery_get,
     APPLICANT | WINDOW | SUPERVISOR | ADMIN, 0},
    {"POST", "/api/v1/cases/{id}/delivery", yc_h_delivery_choose, APPLICANT | WINDOW, JSON},
    {"POST", "/api/v1/cases/{id}/delivery/handover", yc_h_delivery_handover, WINDOW, JSON},
    {"POST", "/api/v1/cases/{id}/delivery/dispatch", yc_h_delivery_dispatch, WINDOW, JSON},
    {"POST", "/api/v1/cases/{id}/delivery/status", yc_h_delivery_status,
     WINDOW | YC_ROLE_BIT(YC_ROLE_COURIER), JSON},
    {"POST", "/api/v1/cases/{id}/delivery/notice", yc_h_delivery_notice, WINDOW, JSON},
    {"POST", "/api/v1/cases/{id}/handovers", yc_h_handovers_create,
     WINDOW | YC_ROLE_BIT(YC_ROLE_COURIER) | DEPT, JSON},
    {"GET", "/api/v1/cases/{id}/handovers", yc_h_handovers_case,
     WINDOW | YC_ROLE_BIT(YC_ROLE_COURIER) | DEPT | SUPERVISOR | ADMIN, 0},
    {"GET", "/api/v1/handovers", yc_h_handovers_list,
     WINDOW | YC_ROLE_BIT(YC_ROLE_COURIER) | DEPT | SUPERVISOR | ADMIN, 0},
    {"GET", "/api/v1/notices/{number}", yc_h_notices_get, APPLICANT | WINDOW | SUPERVISOR | ADMIN,
     0},
    {"GET", "/api/v1/verify/notices/{number}", yc_h_notices_verify, 0, 0},
    /* results (办理结果) and the departments' seals (results.c) */
    {"GET", "/api/v1/results/{number}", yc_h_results_verify, 0, 0},
    {"GET", "/api/v1/results/{number}/pdf", yc_h_results_pdf,
     APPLICANT | WINDOW | SUPERVISOR | ADMIN | DEPT, 0},
    {"GET", "/api/v1/cases/{id}/results", yc_h_case_results,
     APPLICANT | WINDOW | SUPERVISOR | ADMIN | DEPT, 0},
    {"GET", "/api/v1/depts/{code}/seal", yc_h_dept_seal, 0, 0},
    {"GET", "/api/v1/credit", yc_h_credit_list, AUDITORS, 0},
    {"POST", "/api/v1/credit", yc_h_credit_create, AUDITORS, JSON},
    {"POST", "/api/v1/credit/{id}/revoke", yc_h_credit_revoke, AUDITORS, JSON},
};
const int yc_route_count = (int)(sizeof yc_routes / sizeof yc_routes[0]);

/* Match one template against a path; on success fill params (arena copies). */
static bool match(const char *tpl, const char *path, struct yc_arena *a, const char **params,
                  int *nparams)
{
	int n = 0;
	const char *t = tpl, *p = path;
	while (*t && *p) {
		if (*t == '{') {
			const char *te = strchr(t, '}');
			const char *pe = strchr(p, '/');
			if (!te)
				return false;
			if (!pe)
				pe = p + strlen(p);
			if (pe == p || n >= YC_MAX_PARAMS)
				return false;
			if (params)
				params[n] = yc_strndup(a, p, (size_t)(pe - p));
			n++;
			t = te + 1;
			p = pe;
			continue;
		}
		if (*t != *p)
			return false;
		t++;
		p++;
	}
	if (*t || *p)
		return false;
	if (nparams)
		*nparams = n;
	return true;
}

int yc_route_match(const char *method, const char *path, struct yc_arena *a, const char **params,
                   int *nparams, const char **allow)
{
	char *methods = NULL;
	bool head = strcmp(method, "HEAD") == 0;
	for (int i = 0; i < yc_route_count; i++) {
		if (!match(yc_routes[i].path, path, NULL, NULL, NULL))
			continue;
		if (strcmp(yc_routes[i].method, method) == 0 ||
		    (head && strcmp(yc_routes[i].method, "GET") == 0)) {
			match(yc_routes[i].path, path, a, params, nparams);
			return i;
		}
		methods = methods ? yc_printf(a, "%s, %s", methods, yc_routes[i].method)
		                  : yc_strdup(a, yc_routes[i].method);
	}
	if (methods) {
		*allow = methods;
		return -2;
	}
	return -1;
}

/* da-client.h: the Devin Enterprise API client
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "da-client-error.h"
#include "da-models.h"
#include "da-pager.h"
#include "da-response-cache.h"

G_BEGIN_DECLS

#define DA_DEFAULT_BASE_URL "https://api.devin.ai/v2/enterprise"

/**
 * DaClient:
 *
 * Talks to one Devin Enterprise API server. Everything is asynchronous (`_async`/`_finish`,
 * GTask, GCancellable). The version of the API (paths, auth header, paging style, timestamps,
 * error bodies) is decided in here: callers only see models, pagers and DA_CLIENT_ERROR.
 *
 * Reads are retried on 429 (honouring Retry-After in seconds or as an HTTP date, else exponential
 * backoff with jitter, capped) and on 502/503/504, a bounded number of times; writes only on 429.
 * A Retry-After of more than five minutes is not waited out: the error goes to the caller with
 * da_client_error_get_retry_after() set.
 * Each pending retry emits "retry-scheduled" (guint delay_ms, GError *reason) first.
 * Any 401 also emits "unauthorized" (GError *error), so the application can go back to sign-in.
 * With a response cache, reads are answered from it when the server cannot be reached, and the
 * client says it is "offline" (see da_client_set_response_cache()).
 */
#define DA_TYPE_CLIENT (da_client_get_type ())
G_DECLARE_FINAL_TYPE (DaClient, da_client, DA, CLIENT, GObject)

/* Refuses (DA_CLIENT_ERROR_INSECURE) a base URL that is not http(s), or plain http:// to a host
 * that is not loopback (127.0.0.0/8, ::1, localhost). Both the current "/v2/enterprise" and the
 * older "/api/v2/enterprise" prefix work; an address with no path gets "/v2/enterprise".
 * @base_url NULL means DA_DEFAULT_BASE_URL. @session is the one SoupSession the app owns (NULL:
 * the client makes its own: with da_client_session_new(), or for a server on loopback without
 * a proxy resolver at all); lists load with up to 4 requests in flight, which libsoup sends
 * over as many connections as the session allows (2 by default; 4 measured no faster against
 * the local server). */
DaClient     *da_client_new                (const char    *base_url,
                                            SoupSession   *session,
                                            GError       **error);
/* A session as the app's clients use: a timeout of 15 s, the app's user agent, and no proxy
 * for this computer's loopback addresses (the system's proxy for any other; see
 * da-proxy-resolver.h). (transfer full) */
SoupSession  *da_client_session_new        (void);
const char   *da_client_get_base_url       (DaClient      *self);
/* the host of the base URL, for messages and labels */
const char   *da_client_get_host           (DaClient      *self);
SoupSession  *da_client_get_session        (DaClient      *self);

/* The key is kept in memory only, sent as "Authorization: Bearer <key>", never logged. */
void          da_client_set_api_key        (DaClient      *self,
                                            const char    *api_key);
gboolean      da_client_has_api_key        (DaClient      *self);

/* How many times a read is retried (default 4); the backoff base and cap (default 1 s, 60 s).
 * Tests make these short. */
void          da_client_set_retry_policy   (DaClient      *self,
                                            guint          max_retries,
                                            guint          base_delay_ms,
                                            guint          max_delay_ms);

/* ---- Offline ---------------------------------------------------------------------------- */

/* With a cache (NULL: none, the default), the body of every successful GET is kept in it under
 * the request's path and query, and a GET that fails with DA_CLIENT_ERROR_NETWORK (the server
 * cannot be reached; not a 4xx or 5xx) is answered from it when it holds that request. The
 * client is then "offline" until a request succeeds again. */
void          da_client_set_response_cache (DaClient        *self,
                                            DaResponseCache *cache);
/* (transfer none) (nullable) */
DaResponseCache *da_client_get_response_cache (DaClient     *self);
/* TRUE from a read answered from the cache until a request succeeds. Property "offline". */
gboolean      da_client_get_offline        (DaClient      *self);
/* While offline, when the oldest of the cached answers served since was stored (Unix seconds);
 * 0 when online. Property "offline-data-time". */
gint64        da_client_get_offline_data_time (DaClient   *self);

/* Generic completion for calls that return nothing but success. */
gboolean      da_client_call_finish        (DaClient      *self,
                                            GAsyncResult  *result,
                                            GError       **error);

/* ---- Members ---------------------------------------------------------------------------- */

/* GET /members; @email (nullable) filters by exact address. Items: DaMember. */
DaPager      *da_client_list_members               (DaClient            *self,
                                                    const char          *email);
void          da_client_get_member_async           (DaClient            *self,
                                                    const char          *user_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DaMember     *da_client_get_member_finish          (DaClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* POST /members/invite; at most 100 addresses (more → DA_CLIENT_ERROR_INVALID_REQUEST without
 * sending). */
void          da_client_invite_members_async       (DaClient            *self,
                                                    const char * const  *emails,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DaInviteResult *da_client_invite_members_finish    (DaClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* PATCH /members/roles. Finish with da_client_call_finish(). */
void          da_client_update_member_roles_async  (DaClient            *self,
                                                    const char * const  *user_ids,
                                                    const char          *role_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* DELETE /members/{user_id}. Finish with da_client_call_finish(). */
void          da_client_delete_member_async        (DaClient            *self,
                                                    const char          *user_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* GET /members/{user_id}/organizations. Items: DaOrgMembership. */
DaPager      *da_client_list_member_organizations  (DaClient            *self,
                                                    const char          *user_id);

/* GET /roles: a GPtrArray of DaRole, (transfer full). */
void          da_client_list_roles_async           (DaClient            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray    *da_client_list_roles_finish          (DaClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* ---- Organizations ---------------------------------------------------------------------- */

/* GET /organizations. Items: DaOrganization. */
DaPager      *da_client_list_organizations         (DaClient            *self);
/* POST /organizations; @acu_limit is the per-cycle limit, DA_UNSET for none. */
void          da_client_create_organization_async  (DaClient            *self,
                                                    const char          *name,
                                                    gint64               acu_limit,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DaOrganization *da_client_create_organization_finish (DaClient          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void          da_client_get_organization_async     (DaClient            *self,
                                                    const char          *org_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DaOrganization *da_client_get_organization_finish  (DaClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* PATCH /organizations/{org_id}. @name: NULL keeps the name. @change_limit: FALSE keeps the
 * limit; TRUE sets it to @acu_limit, or clears it when @acu_limit is DA_UNSET.
 * Finish with da_client_call_finish(). */
void          da_client_update_organization_async  (DaClient            *self,
                                                    const char          *org_id,
                                                    const char          *name,
                                                    gboolean             change_limit,
                                                    gint64               acu_limit,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* DELETE /organizations/{org_id}. Finish with da_client_call_finish(). */
void          da_client_delete_organization_async  (DaClient            *self,
                                                    const char          *org_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* GET /organizations/{org_id}/members. Items: DaOrgMembership. */
DaPager      *da_client_list_organization_members  (DaClient            *self,
                                                    const char          *org_id);
/* POST /organizations/{org_id}/members; @org_role NULL means org_member.
 * Finish with da_client_call_finish(). */
void          da_client_add_organization_members_async (DaClient        *self,
                                                    const char          *org_id,
                                                    const char * const  *user_ids,
                                                    const char          *org_role,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* DELETE /organizations/{org_id}/members/{user_id}. Finish with da_client_call_finish(). */
void          da_client_remove_organization_member_async (DaClient      *self,
                                                    const char          *org_id,
                                                    const char          *user_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* PATCH /organizations/{org_id}/members/roles. Finish with da_client_call_finish(). */
void          da_client_update_organization_member_roles_async (DaClient *self,
                                                    const char          *org_id,
                                                    const char * const  *user_ids,
                                                    const char          *role_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

/* ---- IdP groups ------------------------------------------------------------------------- */

/* GET /groups. Items: DaIdpGroup. */
DaPager      *da_client_list_groups                (DaClient            *self);
/* GET /organizations/{org_id}/groups. Items: DaOrgGroup. */
DaPager      *da_client_list_organization_groups   (DaClient            *self,
                                                    const char          *org_id);
/* POST /organizations/{org_id}/groups */
void          da_client_link_organization_group_async (DaClient         *self,
                                                    const char          *org_id,
                                                    const char          *group_name,
                                                    const char          *role,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DaOrgGroup   *da_client_link_organization_group_finish (DaClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* DELETE /organizations/{org_id}/groups/{group_name}. Finish with da_client_call_finish(). */
void          da_client_unlink_organization_group_async (DaClient       *self,
                                                    const char          *org_id,
                                                    const char          *group_name,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

/* ---- Git connections and permissions ---------------------------------------------------- */

/* One entry of a grant: exactly one of @repo_path and @group_prefix (path segments). */
typedef struct
{
  char  *connection_id;
  GStrv  repo_path;
  GStrv  group_prefix;
} DaGitGrant;

DaGitGrant   *da_git_grant_new                     (const char          *connection_id,
                                                    const char * const  *repo_path,
                                                    const char * const  *group_prefix);
void          da_git_grant_free                    (DaGitGrant          *grant);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaGitGrant, da_git_grant_free)

/* GET /organizations/{org_id}/git/connections. Items: DaGitConnection. */
DaPager      *da_client_list_git_connections       (DaClient            *self,
                                                    const char          *org_id);
/* GET /organizations/{org_id}/git/permissions. Items: DaGitPermission. */
DaPager      *da_client_list_git_permissions       (DaClient            *self,
                                                    const char          *org_id);
/* POST /organizations/{org_id}/git/permissions with the documented array body;
 * @grants: DaGitGrant*. */
void          da_client_grant_git_permissions_async (DaClient           *self,
                                                    const char          *org_id,
                                                    GPtrArray           *grants,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DaGrantResult *da_client_grant_git_permissions_finish (DaClient         *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* DELETE /organizations/{org_id}/git/permissions/{permission_id}.
 * Finish with da_client_call_finish(). */
void          da_client_revoke_git_permission_async (DaClient           *self,
                                                    const char          *org_id,
                                                    const char          *permission_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

/* ---- API keys --------------------------------------------------------------------------- */

/* GET /api-keys (page/per_page); @org_id nullable. Items: DaApiKey. */
DaPager      *da_client_list_api_keys              (DaClient            *self,
                                                    const char          *org_id);
/* DELETE /api-keys/{id}. Finish with da_client_call_finish(). */
void          da_client_revoke_api_key_async       (DaClient            *self,
                                                    const char          *api_key_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* DELETE /api-keys: every key of the enterprise, this app's own included.
 * Finish with da_client_call_finish(). */
void          da_client_revoke_all_api_keys_async  (DaClient            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

/* ---- Audit logs ------------------------------------------------------------------------- */

/* GET /audit-logs, newest first, paged with before/after cursors. @since and @until
 * (DA_TIME_UNSET for open ends) bound the events' times. Items: DaAuditEvent. */
DaPager      *da_client_list_audit_logs            (DaClient            *self,
                                                    gint64               since,
                                                    gint64               until);

/* ---- Consumption and metrics ------------------------------------------------------------ */

/* GET /consumption/cycles: a GPtrArray of DaBillingCycle, current (newest) first. */
void          da_client_list_billing_cycles_async  (DaClient            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray    *da_client_list_billing_cycles_finish (DaClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* GET /consumption/daily, or /consumption/daily/{user_id} when @user_id is set. @start and
 * @end: DA_TIME_UNSET for the server's default (the current cycle). @org_ids nullable. */
void          da_client_get_daily_consumption_async (DaClient           *self,
                                                    const char          *user_id,
                                                    gint64               start,
                                                    gint64               end,
                                                    const char * const  *org_ids,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DaConsumption *da_client_get_daily_consumption_finish (DaClient         *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

typedef enum
{
  DA_METRICS_USAGE,
  DA_METRICS_PRS,
  DA_METRICS_SESSIONS,
  DA_METRICS_SEARCHES,
} DaMetricsKind;

/* GET /metrics/{usage,prs,sessions,searches}. */
void          da_client_get_metrics_async          (DaClient            *self,
                                                    DaMetricsKind        kind,
                                                    gint64               start,
                                                    gint64               end,
                                                    const char * const  *org_ids,
                                                    const char * const  *user_ids,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DaUsageMetrics *da_client_get_metrics_finish       (DaClient            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* ---- Sessions --------------------------------------------------------------------------- */

/* The filters of the session lists; every member is optional (DA_TIME_UNSET / NULL). */
typedef struct
{
  gint64  created_from;
  gint64  created_to;
  gint64  updated_from;
  gint64  updated_to;
  GStrv   org_ids;
  GStrv   user_ids;
  GStrv   session_ids;
} DaSessionQuery;

DaSessionQuery *da_session_query_new               (void);
DaSessionQuery *da_session_query_copy              (const DaSessionQuery *query);
void            da_session_query_free              (DaSessionQuery      *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaSessionQuery, da_session_query_free)

/* GET /sessions or /sessions/insights (@insights), enterprise-wide; @query nullable.
 * Items: DaSession. */
DaPager      *da_client_list_sessions              (DaClient             *self,
                                                    const DaSessionQuery *query,
                                                    gboolean              insights);

G_END_DECLS

/* da-client-endpoints.c: every endpoint of the API client
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-client-private.h"

/* The most addresses one invitation may carry. */
#define MAX_INVITES 100

typedef enum
{
  RESULT_NONE,
  RESULT_OBJECT,
  RESULT_LIST,
} ResultKind;

typedef struct
{
  ResultKind    kind;
  DaDecodeFunc  decode;
  const char   *older_key;
  GCompareFunc  sort;
} CallData;

static GError *
wrong_shape_error (DaResponse *response,
                   const char *what)
{
  g_autoptr(GError) inner = g_error_new_literal (DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE, what);

  return _da_response_wrap_error (response, inner);
}

static int
compare_cycles_newest_first (gconstpointer a,
                             gconstpointer b)
{
  DaBillingCycle *ca = *(DaBillingCycle **) a;
  DaBillingCycle *cb = *(DaBillingCycle **) b;
  gint64 sa = da_billing_cycle_get_start (ca);
  gint64 sb = da_billing_cycle_get_start (cb);

  return sa < sb ? 1 : sa > sb ? -1 : 0;
}

static void
on_call_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  DaClient *self = DA_CLIENT (object);
  g_autoptr(DaResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  response = _da_client_send_finish (self, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->kind == RESULT_NONE)
    {
      /* Nothing to read but success ({"status": "success"}, or no body at all). A body that is
       * not JSON is not the server's answer (a proxy's, a broken one): the change may not have
       * been made, and saying it was would mislead. */
      if (response->body != NULL && g_bytes_get_size (response->body) > 0)
        {
          g_autoptr(JsonNode) answer = _da_response_parse_json (response, &error);

          if (answer == NULL)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  root = _da_response_parse_json (response, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->kind == RESULT_OBJECT)
    {
      gpointer item;

      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          g_task_return_error (task, wrong_shape_error (response, "the answer is not an object"));
          return;
        }

      item = data->decode (json_node_get_object (root), &error);
      if (item == NULL)
        {
          if (error == NULL)
            g_set_error_literal (&error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE,
                                 "the answer could not be decoded");
          g_task_return_error (task, _da_response_wrap_error (response, error));
          return;
        }

      g_task_return_pointer (task, item, g_object_unref);
    }
  else
    {
      const DaApiFlavor *flavor = self->flavor;
      g_autoptr(GPtrArray) items = NULL;
      JsonArray *array;

      array = flavor->get_bare_list (root, data->older_key);
      if (array == NULL)
        {
          g_task_return_error (task, wrong_shape_error (response, "the answer is not a list"));
          return;
        }

      items = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gpointer item;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_task_return_error (task, wrong_shape_error (response,
                                                            "a list item is not an object"));
              return;
            }

          item = data->decode (json_node_get_object (element), &error);
          if (item == NULL)
            {
              if (error == NULL)
                g_set_error_literal (&error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE,
                                     "a list item could not be decoded");
              g_task_return_error (task, _da_response_wrap_error (response, error));
              return;
            }
          g_ptr_array_add (items, item);
        }

      if (data->sort != NULL)
        g_ptr_array_sort (items, data->sort);

      g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
    }
}

/* Sends one request; the task carries @source_tag so the matching _finish can check it.
 * Takes @path, @query and @body. */
static void
call (DaClient            *self,
      gpointer             source_tag,
      const char          *method,
      char                *path,
      DaQuery             *query,
      GBytes              *body,
      ResultKind           kind,
      DaDecodeFunc         decode,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  g_autofree char *owned_path = path;
  g_autoptr(GPtrArray) owned_query = query;
  g_autoptr(GBytes) owned_body = body;
  GTask *task;
  CallData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (CallData, 1);
  data->kind = kind;
  data->decode = decode;
  g_task_set_task_data (task, data, g_free);

  _da_client_send_async (self, method, owned_path, owned_query, owned_body, cancellable,
                         on_call_sent_cb, task);
}

static void
return_early_error (DaClient            *self,
                    gpointer             source_tag,
                    GError              *error,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, error);
}

static gpointer
finish_pointer (DaClient      *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
path_for (DaClient   *self,
          DaEndpoint  endpoint)
{
  return _da_api_flavor_build_path (self->flavor, endpoint, NULL);
}

static const char *
param (DaClient *self,
       DaParam   which)
{
  return self->flavor->params[which];
}

static void
add_time (DaClient   *self,
          DaQuery    *query,
          DaParam     which,
          gint64      when)
{
  g_autofree char *text = NULL;

  if (when == DA_TIME_UNSET)
    return;

  text = self->flavor->format_time (when);
  _da_query_add (query, param (self, which), text);
}

static DaPager *
new_pager (DaClient     *self,
           DaEndpoint    endpoint,
           GType         item_type,
           DaDecodeFunc  decode,
           char         *path,
           DaQuery      *query)
{
  g_autofree char *owned_path = path;
  g_autoptr(GPtrArray) owned_query = query;

  return _da_pager_new (self, self->flavor->endpoints[endpoint].paging, item_type, decode, NULL,
                        owned_path, owned_query);
}

/* ---- Members ----------------------------------------------------------------------------- */

DaPager *
da_client_list_members (DaClient   *self,
                        const char *email)
{
  DaQuery *query;

  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  query = _da_query_new ();
  if (email != NULL && *email != '\0')
    _da_query_add (query, param (self, DA_PARAM_EMAIL), email);

  return new_pager (self, DA_EP_MEMBERS, DA_TYPE_MEMBER, (DaDecodeFunc) da_member_new_from_json,
                    path_for (self, DA_EP_MEMBERS), query);
}

void
da_client_get_member_async (DaClient            *self,
                            const char          *user_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (user_id != NULL);

  call (self, da_client_get_member_async, "GET",
        _da_api_flavor_build_path (self->flavor, DA_EP_MEMBER, user_id, NULL), NULL, NULL,
        RESULT_OBJECT, (DaDecodeFunc) da_member_new_from_json, cancellable, callback, user_data);
}

DaMember *
da_client_get_member_finish (DaClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, da_client_get_member_async, error);
}

void
da_client_invite_members_async (DaClient            *self,
                                const char * const  *emails,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  guint n;

  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (emails != NULL);

  n = g_strv_length ((GStrv) emails);
  if (n > MAX_INVITES)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("At most %u person can be invited at a time; this "
                                           "list has %u. Split it and invite the rest after.",
                                           "At most %u people can be invited at a time; this "
                                           "list has %u. Split it and invite the rest after.",
                                           MAX_INVITES), MAX_INVITES, n);
      return_early_error (self, da_client_invite_members_async,
                          da_client_error_new_full (DA_CLIENT_ERROR_INVALID_REQUEST, 0, "emails",
                                                    0, message),
                          callback, user_data);
      return;
    }

  call (self, da_client_invite_members_async, "POST", path_for (self, DA_EP_MEMBERS_INVITE),
        NULL, self->flavor->invite_body (emails), RESULT_OBJECT,
        (DaDecodeFunc) da_invite_result_new_from_json, cancellable, callback, user_data);
}

DaInviteResult *
da_client_invite_members_finish (DaClient      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, da_client_invite_members_async, error);
}

void
da_client_update_member_roles_async (DaClient            *self,
                                     const char * const  *user_ids,
                                     const char          *role_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (user_ids != NULL);
  g_return_if_fail (role_id != NULL);

  call (self, da_client_update_member_roles_async, "PATCH",
        path_for (self, DA_EP_MEMBERS_ROLES), NULL, self->flavor->roles_body (user_ids, role_id),
        RESULT_NONE, NULL, cancellable, callback, user_data);
}

void
da_client_delete_member_async (DaClient            *self,
                               const char          *user_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (user_id != NULL);

  call (self, da_client_delete_member_async, "DELETE",
        _da_api_flavor_build_path (self->flavor, DA_EP_MEMBER, user_id, NULL), NULL, NULL,
        RESULT_NONE, NULL, cancellable, callback, user_data);
}

DaPager *
da_client_list_member_organizations (DaClient   *self,
                                     const char *user_id)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  return new_pager (self, DA_EP_MEMBER_ORGANIZATIONS, DA_TYPE_ORG_MEMBERSHIP,
                    (DaDecodeFunc) da_org_membership_new_from_json,
                    _da_api_flavor_build_path (self->flavor, DA_EP_MEMBER_ORGANIZATIONS, user_id,
                                               NULL),
                    NULL);
}

void
da_client_list_roles_async (DaClient            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));

  call (self, da_client_list_roles_async, "GET", path_for (self, DA_EP_ROLES), NULL, NULL,
        RESULT_LIST, (DaDecodeFunc) da_role_new_from_json, cancellable, callback, user_data);
}

GPtrArray *
da_client_list_roles_finish (DaClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, da_client_list_roles_async, error);
}

/* ---- Organizations ----------------------------------------------------------------------- */

DaPager *
da_client_list_organizations (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  return new_pager (self, DA_EP_ORGANIZATIONS, DA_TYPE_ORGANIZATION,
                    (DaDecodeFunc) da_organization_new_from_json,
                    path_for (self, DA_EP_ORGANIZATIONS), NULL);
}

void
da_client_create_organization_async (DaClient            *self,
                                     const char          *name,
                                     gint64               acu_limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (name != NULL);

  call (self, da_client_create_organization_async, "POST",
        path_for (self, DA_EP_ORGANIZATIONS), NULL,
        self->flavor->create_org_body (name, acu_limit), RESULT_OBJECT,
        (DaDecodeFunc) da_organization_new_from_json, cancellable, callback, user_data);
}

DaOrganization *
da_client_create_organization_finish (DaClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_pointer (self, result, da_client_create_organization_async, error);
}

void
da_client_get_organization_async (DaClient            *self,
                                  const char          *org_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);

  call (self, da_client_get_organization_async, "GET",
        _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION, org_id, NULL), NULL, NULL,
        RESULT_OBJECT, (DaDecodeFunc) da_organization_new_from_json, cancellable, callback,
        user_data);
}

DaOrganization *
da_client_get_organization_finish (DaClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_pointer (self, result, da_client_get_organization_async, error);
}

void
da_client_update_organization_async (DaClient            *self,
                                     const char          *org_id,
                                     const char          *name,
                                     gboolean             change_limit,
                                     gint64               acu_limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);

  call (self, da_client_update_organization_async, "PATCH",
        _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION, org_id, NULL), NULL,
        self->flavor->update_org_body (name, change_limit, acu_limit), RESULT_NONE, NULL,
        cancellable, callback, user_data);
}

void
da_client_delete_organization_async (DaClient            *self,
                                     const char          *org_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);

  call (self, da_client_delete_organization_async, "DELETE",
        _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION, org_id, NULL), NULL, NULL,
        RESULT_NONE, NULL, cancellable, callback, user_data);
}

DaPager *
da_client_list_organization_members (DaClient   *self,
                                     const char *org_id)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  return new_pager (self, DA_EP_ORGANIZATION_MEMBERS, DA_TYPE_ORG_MEMBERSHIP,
                    (DaDecodeFunc) da_org_membership_new_from_json,
                    _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION_MEMBERS, org_id,
                                               NULL),
                    NULL);
}

void
da_client_add_organization_members_async (DaClient            *self,
                                          const char          *org_id,
                                          const char * const  *user_ids,
                                          const char          *org_role,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);
  g_return_if_fail (user_ids != NULL);

  call (self, da_client_add_organization_members_async, "POST",
        _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION_MEMBERS, org_id, NULL), NULL,
        self->flavor->add_org_members_body (org_id, user_ids, org_role), RESULT_NONE, NULL,
        cancellable, callback, user_data);
}

void
da_client_remove_organization_member_async (DaClient            *self,
                                            const char          *org_id,
                                            const char          *user_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);
  g_return_if_fail (user_id != NULL);

  call (self, da_client_remove_organization_member_async, "DELETE",
        _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION_MEMBER, org_id, user_id,
                                   NULL),
        NULL, NULL, RESULT_NONE, NULL, cancellable, callback, user_data);
}

void
da_client_update_organization_member_roles_async (DaClient            *self,
                                                  const char          *org_id,
                                                  const char * const  *user_ids,
                                                  const char          *role_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);
  g_return_if_fail (user_ids != NULL);
  g_return_if_fail (role_id != NULL);

  call (self, da_client_update_organization_member_roles_async, "PATCH",
        _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION_MEMBERS_ROLES, org_id, NULL),
        NULL, self->flavor->roles_body (user_ids, role_id), RESULT_NONE, NULL, cancellable,
        callback, user_data);
}

/* ---- IdP groups -------------------------------------------------------------------------- */

DaPager *
da_client_list_groups (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  return new_pager (self, DA_EP_GROUPS, DA_TYPE_IDP_GROUP,
                    (DaDecodeFunc) da_idp_group_new_from_json, path_for (self, DA_EP_GROUPS),
                    NULL);
}

DaPager *
da_client_list_organization_groups (DaClient   *self,
                                    const char *org_id)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  return new_pager (self, DA_EP_ORGANIZATION_GROUPS, DA_TYPE_ORG_GROUP,
                    (DaDecodeFunc) da_org_group_new_from_json,
                    _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION_GROUPS, org_id,
                                               NULL),
                    NULL);
}

void
da_client_link_organization_group_async (DaClient            *self,
                                         const char          *org_id,
                                         const char          *group_name,
                                         const char          *role,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);
  g_return_if_fail (group_name != NULL);
  g_return_if_fail (role != NULL);

  call (self, da_client_link_organization_group_async, "POST",
        _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION_GROUPS, org_id, NULL), NULL,
        self->flavor->link_group_body (group_name, role), RESULT_OBJECT,
        (DaDecodeFunc) da_org_group_new_from_json, cancellable, callback, user_data);
}

DaOrgGroup *
da_client_link_organization_group_finish (DaClient      *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return finish_pointer (self, result, da_client_link_organization_group_async, error);
}

void
da_client_unlink_organization_group_async (DaClient            *self,
                                           const char          *org_id,
                                           const char          *group_name,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);
  g_return_if_fail (group_name != NULL);

  call (self, da_client_unlink_organization_group_async, "DELETE",
        _da_api_flavor_build_path (self->flavor, DA_EP_ORGANIZATION_GROUP, org_id, group_name,
                                   NULL),
        NULL, NULL, RESULT_NONE, NULL, cancellable, callback, user_data);
}

/* ---- Git connections and permissions ----------------------------------------------------- */

DaGitGrant *
da_git_grant_new (const char         *connection_id,
                  const char * const *repo_path,
                  const char * const *group_prefix)
{
  DaGitGrant *grant;

  g_return_val_if_fail (connection_id != NULL, NULL);
  g_return_val_if_fail ((repo_path == NULL) != (group_prefix == NULL), NULL);

  grant = g_new0 (DaGitGrant, 1);
  grant->connection_id = g_strdup (connection_id);
  grant->repo_path = g_strdupv ((GStrv) repo_path);
  grant->group_prefix = g_strdupv ((GStrv) group_prefix);

  return grant;
}

void
da_git_grant_free (DaGitGrant *grant)
{
  if (grant == NULL)
    return;

  g_free (grant->connection_id);
  g_strfreev (grant->repo_path);
  g_strfreev (grant->group_prefix);
  g_free (grant);
}

DaPager *
da_client_list_git_connections (DaClient   *self,
                                const char *org_id)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  return new_pager (self, DA_EP_GIT_CONNECTIONS, DA_TYPE_GIT_CONNECTION,
                    (DaDecodeFunc) da_git_connection_new_from_json,
                    _da_api_flavor_build_path (self->flavor, DA_EP_GIT_CONNECTIONS, org_id, NULL),
                    NULL);
}

DaPager *
da_client_list_git_permissions (DaClient   *self,
                                const char *org_id)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);
  g_return_val_if_fail (org_id != NULL, NULL);

  return new_pager (self, DA_EP_GIT_PERMISSIONS, DA_TYPE_GIT_PERMISSION,
                    (DaDecodeFunc) da_git_permission_new_from_json,
                    _da_api_flavor_build_path (self->flavor, DA_EP_GIT_PERMISSIONS, org_id, NULL),
                    NULL);
}

void
da_client_grant_git_permissions_async (DaClient            *self,
                                       const char          *org_id,
                                       GPtrArray           *grants,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);
  g_return_if_fail (grants != NULL);

  for (guint i = 0; i < grants->len; i++)
    {
      DaGitGrant *grant = g_ptr_array_index (grants, i);

      g_return_if_fail (grant != NULL && grant->connection_id != NULL);
      g_return_if_fail ((grant->repo_path == NULL) != (grant->group_prefix == NULL));
    }

  call (self, da_client_grant_git_permissions_async, "POST",
        _da_api_flavor_build_path (self->flavor, DA_EP_GIT_PERMISSIONS, org_id, NULL), NULL,
        self->flavor->grant_body (grants), RESULT_OBJECT,
        (DaDecodeFunc) da_grant_result_new_from_json, cancellable, callback, user_data);
}

DaGrantResult *
da_client_grant_git_permissions_finish (DaClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish_pointer (self, result, da_client_grant_git_permissions_async, error);
}

void
da_client_revoke_git_permission_async (DaClient            *self,
                                       const char          *org_id,
                                       const char          *permission_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (org_id != NULL);
  g_return_if_fail (permission_id != NULL);

  call (self, da_client_revoke_git_permission_async, "DELETE",
        _da_api_flavor_build_path (self->flavor, DA_EP_GIT_PERMISSION, org_id, permission_id,
                                   NULL),
        NULL, NULL, RESULT_NONE, NULL, cancellable, callback, user_data);
}

/* ---- API keys ---------------------------------------------------------------------------- */

DaPager *
da_client_list_api_keys (DaClient   *self,
                         const char *org_id)
{
  DaQuery *query;

  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  query = _da_query_new ();
  if (org_id != NULL && *org_id != '\0')
    _da_query_add (query, param (self, DA_PARAM_ORG_ID), org_id);

  return new_pager (self, DA_EP_API_KEYS, DA_TYPE_API_KEY,
                    (DaDecodeFunc) da_api_key_new_from_json, path_for (self, DA_EP_API_KEYS),
                    query);
}

void
da_client_revoke_api_key_async (DaClient            *self,
                                const char          *api_key_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (api_key_id != NULL);

  call (self, da_client_revoke_api_key_async, "DELETE",
        _da_api_flavor_build_path (self->flavor, DA_EP_API_KEY, api_key_id, NULL), NULL, NULL,
        RESULT_NONE, NULL, cancellable, callback, user_data);
}

void
da_client_revoke_all_api_keys_async (DaClient            *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (DA_IS_CLIENT (self));

  call (self, da_client_revoke_all_api_keys_async, "DELETE", path_for (self, DA_EP_API_KEYS),
        NULL, NULL, RESULT_NONE, NULL, cancellable, callback, user_data);
}

/* ---- Audit logs -------------------------------------------------------------------------- */

DaPager *
da_client_list_audit_logs (DaClient *self,
                           gint64    since,
                           gint64    until)
{
  DaPager *pager;

  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  pager = _da_pager_new (self, self->flavor->endpoints[DA_EP_AUDIT_LOGS].paging,
                         DA_TYPE_AUDIT_EVENT, (DaDecodeFunc) da_audit_event_new_from_json,
                         (DaIdFunc) da_audit_event_get_audit_log_id,
                         self->flavor->endpoints[DA_EP_AUDIT_LOGS].path, NULL);
  _da_pager_set_time_range (pager, since, until);

  return pager;
}

/* ---- Consumption and metrics ------------------------------------------------------------- */

void
da_client_list_billing_cycles_async (DaClient            *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  CallData *data;

  g_return_if_fail (DA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_client_list_billing_cycles_async);

  data = g_new0 (CallData, 1);
  data->kind = RESULT_LIST;
  data->decode = (DaDecodeFunc) da_billing_cycle_new_from_json;
  data->older_key = "cycles";
  data->sort = compare_cycles_newest_first;
  g_task_set_task_data (task, data, g_free);

  {
    g_autofree char *path = path_for (self, DA_EP_CONSUMPTION_CYCLES);

    _da_client_send_async (self, "GET", path, NULL, NULL, cancellable, on_call_sent_cb, task);
  }
}

GPtrArray *
da_client_list_billing_cycles_finish (DaClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_pointer (self, result, da_client_list_billing_cycles_async, error);
}

void
da_client_get_daily_consumption_async (DaClient            *self,
                                       const char          *user_id,
                                       gint64               start,
                                       gint64               end,
                                       const char * const  *org_ids,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  DaQuery *query;
  char *path;

  g_return_if_fail (DA_IS_CLIENT (self));

  if (user_id != NULL)
    path = _da_api_flavor_build_path (self->flavor, DA_EP_CONSUMPTION_DAILY_USER, user_id, NULL);
  else
    path = path_for (self, DA_EP_CONSUMPTION_DAILY);

  query = _da_query_new ();
  add_time (self, query, DA_PARAM_START, start);
  add_time (self, query, DA_PARAM_END, end);
  _da_query_add_strv (query, param (self, DA_PARAM_ORG_IDS), org_ids);

  call (self, da_client_get_daily_consumption_async, "GET", path, query, NULL, RESULT_OBJECT,
        (DaDecodeFunc) da_consumption_new_from_json, cancellable, callback, user_data);
}

DaConsumption *
da_client_get_daily_consumption_finish (DaClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish_pointer (self, result, da_client_get_daily_consumption_async, error);
}

void
da_client_get_metrics_async (DaClient            *self,
                             DaMetricsKind        kind,
                             gint64               start,
                             gint64               end,
                             const char * const  *org_ids,
                             const char * const  *user_ids,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  DaEndpoint endpoint;
  DaQuery *query;

  g_return_if_fail (DA_IS_CLIENT (self));

  switch (kind)
    {
    case DA_METRICS_PRS:
      endpoint = DA_EP_METRICS_PRS;
      break;
    case DA_METRICS_SESSIONS:
      endpoint = DA_EP_METRICS_SESSIONS;
      break;
    case DA_METRICS_SEARCHES:
      endpoint = DA_EP_METRICS_SEARCHES;
      break;
    case DA_METRICS_USAGE:
    default:
      endpoint = DA_EP_METRICS_USAGE;
      break;
    }

  query = _da_query_new ();
  add_time (self, query, DA_PARAM_START, start);
  add_time (self, query, DA_PARAM_END, end);
  _da_query_add_strv (query, param (self, DA_PARAM_ORG_IDS), org_ids);
  _da_query_add_strv (query, param (self, DA_PARAM_USER_IDS), user_ids);

  call (self, da_client_get_metrics_async, "GET", path_for (self, endpoint), query, NULL,
        RESULT_OBJECT, (DaDecodeFunc) da_usage_metrics_new_from_json, cancellable, callback,
        user_data);
}

DaUsageMetrics *
da_client_get_metrics_finish (DaClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, da_client_get_metrics_async, error);
}

/* ---- Sessions ---------------------------------------------------------------------------- */

DaSessionQuery *
da_session_query_new (void)
{
  DaSessionQuery *query = g_new0 (DaSessionQuery, 1);

  query->created_from = DA_TIME_UNSET;
  query->created_to = DA_TIME_UNSET;
  query->updated_from = DA_TIME_UNSET;
  query->updated_to = DA_TIME_UNSET;

  return query;
}

DaSessionQuery *
da_session_query_copy (const DaSessionQuery *query)
{
  DaSessionQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_new0 (DaSessionQuery, 1);
  copy->created_from = query->created_from;
  copy->created_to = query->created_to;
  copy->updated_from = query->updated_from;
  copy->updated_to = query->updated_to;
  copy->org_ids = g_strdupv (query->org_ids);
  copy->user_ids = g_strdupv (query->user_ids);
  copy->session_ids = g_strdupv (query->session_ids);

  return copy;
}

void
da_session_query_free (DaSessionQuery *query)
{
  if (query == NULL)
    return;

  g_strfreev (query->org_ids);
  g_strfreev (query->user_ids);
  g_strfreev (query->session_ids);
  g_free (query);
}

DaPager *
da_client_list_sessions (DaClient             *self,
                         const DaSessionQuery *filters,
                         gboolean              insights)
{
  DaEndpoint endpoint = insights ? DA_EP_SESSIONS_INSIGHTS : DA_EP_SESSIONS;
  DaQuery *query;

  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  query = _da_query_new ();
  if (filters != NULL)
    {
      add_time (self, query, DA_PARAM_CREATED_FROM, filters->created_from);
      add_time (self, query, DA_PARAM_CREATED_TO, filters->created_to);
      add_time (self, query, DA_PARAM_UPDATED_FROM, filters->updated_from);
      add_time (self, query, DA_PARAM_UPDATED_TO, filters->updated_to);
      _da_query_add_strv (query, param (self, DA_PARAM_ORG_IDS),
                          (const char * const *) filters->org_ids);
      _da_query_add_strv (query, param (self, DA_PARAM_USER_IDS),
                          (const char * const *) filters->user_ids);
      _da_query_add_strv (query, param (self, DA_PARAM_SESSION_IDS),
                          (const char * const *) filters->session_ids);
    }

  return new_pager (self, endpoint, DA_TYPE_SESSION, (DaDecodeFunc) da_session_new_from_json,
                    path_for (self, endpoint), query);
}

/* test-client.c: DaClient against the local API server over real HTTP
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-client.h"
#include "da-client-private.h"
#include "da-mock-server.h"
#include "da-proxy-resolver.h"

#define MEMBER_KEY "apk_user_member_only"

typedef struct
{
  DaMockServer  *server;
  SoupSession   *session;
  DaClient      *client;
  GAsyncResult  *result;
  guint          retries;
  guint          last_delay_ms;
  GError        *last_reason;
  guint          unauthorized;
} Fixture;

/* ---- Helpers ----------------------------------------------------------------------------- */

static void
capture_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static gboolean
on_watchdog_cb (gpointer user_data)
{
  g_error ("the test took too long");
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_result (Fixture *f)
{
  guint watchdog = g_timeout_add_seconds (60, on_watchdog_cb, NULL);

  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (watchdog);
  return g_steal_pointer (&f->result);
}

static void
on_retry_scheduled_cb (DaClient     *client,
                       guint         delay_ms,
                       const GError *reason,
                       Fixture      *f)
{
  f->retries++;
  f->last_delay_ms = delay_ms;
  g_clear_error (&f->last_reason);
  f->last_reason = g_error_copy (reason);
}

static void
on_unauthorized_cb (DaClient     *client,
                    const GError *error,
                    Fixture      *f)
{
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED);
  f->unauthorized++;
}

static DaClient *
make_client (Fixture    *f,
             const char *base_url,
             const char *key)
{
  g_autoptr(GError) error = NULL;
  DaClient *client;

  client = da_client_new (base_url, f->session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  da_client_set_api_key (client, key);
  da_client_set_retry_policy (client, 4, 5, 40);
  g_signal_connect (client, "retry-scheduled", G_CALLBACK (on_retry_scheduled_cb), f);
  g_signal_connect (client, "unauthorized", G_CALLBACK (on_unauthorized_cb), f);

  return client;
}

static void
start_server (Fixture       *f,
              DaMockOptions *options)
{
  g_autoptr(GError) error = NULL;

  f->server = da_mock_server_new (options);
  da_mock_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  f->session = soup_session_new_with_options ("timeout", 10, "max-conns-per-host", 4, NULL);
  f->client = make_client (f, da_mock_server_get_base_url (f->server),
                           da_mock_server_get_admin_key (f->server));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 60;
  options.member_key = g_strdup (MEMBER_KEY);
  options.compat_examples = GPOINTER_TO_INT (data);
  start_server (f, &options);
  da_mock_options_clear (&options);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_error (&f->last_reason);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  if (f->server != NULL)
    da_mock_server_stop (f->server);
  g_clear_object (&f->server);
}

static GListModel *
load_all (Fixture *f,
          DaPager *pager)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  da_pager_load_all_async (pager, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_true (da_pager_load_all_finish (pager, result, &error));
  g_assert_no_error (error);
  g_assert_false (da_pager_get_has_more (pager));

  return da_pager_get_model (pager);
}

static GError *
load_all_error (Fixture *f,
                DaPager *pager)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  da_pager_load_all_async (pager, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_false (da_pager_load_all_finish (pager, result, &error));
  g_assert_nonnull (error);

  return error;
}

static void
call_ok (Fixture *f)
{
  g_autoptr(GAsyncResult) result = wait_result (f);
  g_autoptr(GError) error = NULL;

  g_assert_true (da_client_call_finish (f->client, result, &error));
  g_assert_no_error (error);
}

/* The roles, asked through @client */
static GPtrArray *
list_roles_with (Fixture   *f,
                 DaClient  *client,
                 GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  da_client_list_roles_async (client, NULL, capture_cb, f);
  result = wait_result (f);

  return da_client_list_roles_finish (client, result, error);
}

static GPtrArray *
list_roles (Fixture  *f,
            GError  **error)
{
  return list_roles_with (f, f->client, error);
}

static void
add_fault (Fixture    *f,
           const char *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (da_mock_server_add_fault (f->server, spec, &error), >, 0);
  g_assert_no_error (error);
}

static DaMember *
first_member (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  GListModel *model = load_all (f, pager);

  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  return g_list_model_get_item (model, 0);
}

static DaOrganization *
some_organization (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (f->client);
  GListModel *model = load_all (f, pager);

  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  return g_list_model_get_item (model, 0);
}

/* ---- Construction ------------------------------------------------------------------------ */

static void
test_new_urls (void)
{
  struct {
    const char *url;
    const char *base;     /* NULL: refused */
    const char *host;
  } cases[] = {
    { "https://api.devin.ai/v2/enterprise", "https://api.devin.ai/v2/enterprise", "api.devin.ai" },
    { "https://api.devin.ai/v2/enterprise/", "https://api.devin.ai/v2/enterprise", "api.devin.ai" },
    { "https://api.devin.ai/api/v2/enterprise", "https://api.devin.ai/api/v2/enterprise",
      "api.devin.ai" },
    { "https://api.devin.ai", "https://api.devin.ai/v2/enterprise", "api.devin.ai" },
    { "http://127.0.0.1:8080/v2/enterprise", "http://127.0.0.1:8080/v2/enterprise", "127.0.0.1" },
    { "http://127.3.4.5/v2/enterprise", "http://127.3.4.5/v2/enterprise", "127.3.4.5" },
    { "http://localhost:9/v2/enterprise", "http://localhost:9/v2/enterprise", "localhost" },
    { "http://[::1]:9/v2/enterprise", "http://[::1]:9/v2/enterprise", "::1" },
    { "http://api.devin.ai/v2/enterprise", NULL, NULL },
    { "http://10.0.0.1/v2/enterprise", NULL, NULL },
    { "http://localhost.example.com/v2/enterprise", NULL, NULL },
    { "ftp://api.devin.ai/v2/enterprise", NULL, NULL },
    { "file:///etc/passwd", NULL, NULL },
    { "api.devin.ai/v2/enterprise", NULL, NULL },
    { "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DaClient) client = da_client_new (cases[i].url, NULL, &error);

      g_test_message ("%s", cases[i].url);
      if (cases[i].base == NULL)
        {
          g_assert_null (client);
          g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INSECURE);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (da_client_get_base_url (client), ==, cases[i].base);
          g_assert_cmpstr (da_client_get_host (client), ==, cases[i].host);
          g_assert_nonnull (da_client_get_session (client));
        }
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DaClient) client = da_client_new (NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (da_client_get_base_url (client), ==, DA_DEFAULT_BASE_URL);
    g_assert_false (da_client_has_api_key (client));
    da_client_set_api_key (client, "apk_user_x");
    g_assert_true (da_client_has_api_key (client));
    da_client_set_api_key (client, NULL);
    g_assert_false (da_client_has_api_key (client));
  }
}

/* ---- Every endpoint ---------------------------------------------------------------------- */

static void
test_members (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(DaPager) filtered = NULL;
  g_autoptr(DaMember) member = NULL;
  g_autoptr(DaMember) got = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  model = load_all (f, pager);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  g_assert_cmpint (da_pager_get_total (pager), ==, 60);
  g_assert_true (g_list_model_get_item_type (model) == DA_TYPE_MEMBER);
  member = g_list_model_get_item (model, 7);
  g_assert_nonnull (da_member_get_email (member));

  filtered = da_client_list_members (f->client, da_member_get_email (member));
  model = load_all (f, filtered);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(DaMember) only = g_list_model_get_item (model, 0);

    g_assert_cmpstr (da_member_get_user_id (only), ==, da_member_get_user_id (member));
  }

  da_client_get_member_async (f->client, da_member_get_user_id (member), NULL, capture_cb, f);
  result = wait_result (f);
  got = da_client_get_member_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_member_get_email (got), ==, da_member_get_email (member));
  g_assert_cmpstr (da_member_get_enterprise_role (got), ==,
                   da_member_get_enterprise_role (member));
}

static void
test_member_mutations (Fixture       *f,
                       gconstpointer  data)
{
  const char *emails[] = { "new.person@example.com", "another.person@example.com", NULL };
  g_autoptr(DaMember) member = first_member (f);
  g_autoptr(DaInviteResult) invite = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaPager) pager = NULL;
  g_autoptr(DaMember) invited = NULL;
  const char *ids[2] = { NULL, NULL };
  GListModel *model;

  da_client_invite_members_async (f->client, emails, NULL, capture_cb, f);
  result = wait_result (f);
  invite = da_client_invite_members_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_invite_result_get_invited_count (invite), ==, 2);
  g_clear_object (&result);

  /* The invited address is in later lists. */
  pager = da_client_list_members (f->client, "new.person@example.com");
  model = load_all (f, pager);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  invited = g_list_model_get_item (model, 0);

  ids[0] = da_member_get_user_id (invited);
  da_client_update_member_roles_async (f->client, ids, "account_admin", NULL, capture_cb, f);
  call_ok (f);

  da_client_get_member_async (f->client, ids[0], NULL, capture_cb, f);
  result = wait_result (f);
  {
    g_autoptr(DaMember) after = da_client_get_member_finish (f->client, result, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (da_member_get_enterprise_role (after), ==, "account_admin");
  }
  g_clear_object (&result);

  /* Member organizations */
  {
    g_autoptr(DaPager) orgs = da_client_list_member_organizations (f->client,
                                                                   da_member_get_user_id (member));

    model = load_all (f, orgs);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaOrgMembership) m = g_list_model_get_item (model, i);

        g_assert_cmpstr (da_org_membership_get_user_id (m), ==, da_member_get_user_id (member));
        g_assert_nonnull (da_org_membership_get_org_id (m));
      }
  }

  da_client_delete_member_async (f->client, ids[0], NULL, capture_cb, f);
  call_ok (f);

  da_client_get_member_async (f->client, ids[0], NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_get_member_finish (f->client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (da_client_error_get_status (error), ==, 404);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_invite_too_many (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 101; i++)
    g_ptr_array_add (emails, g_strdup_printf ("person%u@example.com", i));
  g_ptr_array_add (emails, NULL);

  da_mock_server_reset_counts (f->server);
  da_client_invite_members_async (f->client, (const char * const *) emails->pdata, NULL,
                                  capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_invite_members_finish (f->client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (da_client_error_get_field (error), ==, "emails");
  g_assert_cmpuint (da_mock_server_count_requests (f->server, NULL, NULL), ==, 0);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = list_roles (f, &error);
  gboolean found_admin = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, >=, 4);
  for (guint i = 0; i < roles->len; i++)
    if (g_strcmp0 (da_role_get_role_id (g_ptr_array_index (roles, i)), "account_admin") == 0)
      found_admin = TRUE;
  g_assert_true (found_admin);
}

static void
test_organizations (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaOrganization) created = NULL;
  g_autoptr(DaOrganization) got = NULL;
  g_autoptr(DaPager) pager = NULL;
  g_autoptr(DaMember) member = first_member (f);
  const char *user_ids[] = { da_member_get_user_id (member), NULL };
  GListModel *model;
  gboolean found = FALSE;
  const char *org_id;

  da_client_create_organization_async (f->client, "Test Mobile 7", 800, NULL, capture_cb, f);
  result = wait_result (f);
  created = da_client_create_organization_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_organization_get_org_name (created), ==, "Test Mobile 7");
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (created), ==, 800);
  org_id = da_organization_get_org_id (created);
  g_clear_object (&result);

  pager = da_client_list_organizations (f->client);
  model = load_all (f, pager);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (model, i);

      if (g_str_equal (da_organization_get_org_id (org), org_id))
        found = TRUE;
    }
  g_assert_true (found);

  da_client_update_organization_async (f->client, org_id, "Test Mobile Apps 7", TRUE, DA_UNSET, NULL,
                                       capture_cb, f);
  call_ok (f);

  da_client_get_organization_async (f->client, org_id, NULL, capture_cb, f);
  result = wait_result (f);
  got = da_client_get_organization_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_organization_get_org_name (got), ==, "Test Mobile Apps 7");
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (got), ==, DA_UNSET);
  g_clear_object (&result);
  g_clear_object (&got);

  da_client_update_organization_async (f->client, org_id, NULL, TRUE, 1200, NULL, capture_cb, f);
  call_ok (f);
  da_client_get_organization_async (f->client, org_id, NULL, capture_cb, f);
  result = wait_result (f);
  got = da_client_get_organization_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_organization_get_org_name (got), ==, "Test Mobile Apps 7");
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (got), ==, 1200);
  g_clear_object (&result);

  /* Organization members */
  da_client_add_organization_members_async (f->client, org_id, user_ids, "org_admin", NULL,
                                            capture_cb, f);
  call_ok (f);
  {
    g_autoptr(DaPager) members = da_client_list_organization_members (f->client, org_id);
    gboolean in_org = FALSE;

    model = load_all (f, members);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaOrgMembership) m = g_list_model_get_item (model, i);

        if (g_str_equal (da_org_membership_get_user_id (m), user_ids[0]))
          {
            in_org = TRUE;
            g_assert_cmpstr (da_org_membership_get_org_role (m), ==, "org_admin");
          }
      }
    g_assert_true (in_org);
  }

  da_client_update_organization_member_roles_async (f->client, org_id, user_ids, "org_member",
                                                    NULL, capture_cb, f);
  call_ok (f);
  {
    g_autoptr(DaPager) members = da_client_list_organization_members (f->client, org_id);

    model = load_all (f, members);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaOrgMembership) m = g_list_model_get_item (model, i);

        if (g_str_equal (da_org_membership_get_user_id (m), user_ids[0]))
          g_assert_cmpstr (da_org_membership_get_org_role (m), ==, "org_member");
      }
  }

  da_client_remove_organization_member_async (f->client, org_id, user_ids[0], NULL, capture_cb,
                                              f);
  call_ok (f);
  {
    g_autoptr(DaPager) members = da_client_list_organization_members (f->client, org_id);

    model = load_all (f, members);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaOrgMembership) m = g_list_model_get_item (model, i);

        g_assert_cmpstr (da_org_membership_get_user_id (m), !=, user_ids[0]);
      }
  }

  da_client_delete_organization_async (f->client, org_id, NULL, capture_cb, f);
  call_ok (f);

  da_client_get_organization_async (f->client, org_id, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_get_organization_finish (f->client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND);
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DaOrganization) org = some_organization (f);
  const char *org_id = da_organization_get_org_id (org);
  g_autoptr(DaPager) groups = da_client_list_groups (f->client);
  g_autoptr(DaIdpGroup) group = NULL;
  g_autoptr(DaOrgGroup) linked = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  gboolean found;

  model = load_all (f, groups);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  group = g_list_model_get_item (model, 0);

  da_client_link_organization_group_async (f->client, org_id, da_idp_group_get_group_name (group),
                                           "admin", NULL, capture_cb, f);
  result = wait_result (f);
  linked = da_client_link_organization_group_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_org_group_get_group_name (linked), ==, da_idp_group_get_group_name (group));
  g_assert_cmpstr (da_org_group_get_org_id (linked), ==, org_id);

  {
    g_autoptr(DaPager) org_groups = da_client_list_organization_groups (f->client, org_id);

    found = FALSE;
    model = load_all (f, org_groups);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaOrgGroup) g = g_list_model_get_item (model, i);

        if (g_str_equal (da_org_group_get_group_name (g), da_idp_group_get_group_name (group)))
          found = TRUE;
      }
    g_assert_true (found);
  }

  da_client_unlink_organization_group_async (f->client, org_id,
                                             da_idp_group_get_group_name (group), NULL,
                                             capture_cb, f);
  call_ok (f);

  {
    g_autoptr(DaPager) org_groups = da_client_list_organization_groups (f->client, org_id);

    model = load_all (f, org_groups);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaOrgGroup) g = g_list_model_get_item (model, i);

        g_assert_cmpstr (da_org_group_get_group_name (g), !=, da_idp_group_get_group_name (group));
      }
  }
}

static void
test_git (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(DaOrganization) org = some_organization (f);
  const char *org_id = da_organization_get_org_id (org);
  g_autoptr(DaPager) connections = da_client_list_git_connections (f->client, org_id);
  g_autoptr(DaGitConnection) connection = NULL;
  g_autoptr(GPtrArray) grants = g_ptr_array_new_with_free_func ((GDestroyNotify) da_git_grant_free);
  const char *repo[] = { "acme", "brand-new-repo", NULL };
  const char *group[] = { "platform-team", NULL };
  g_autoptr(DaGrantResult) granted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *permission_ids;
  GListModel *model;
  gboolean found;

  model = load_all (f, connections);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  connection = g_list_model_get_item (model, 0);

  g_ptr_array_add (grants, da_git_grant_new (da_git_connection_get_connection_id (connection),
                                             repo, NULL));
  g_ptr_array_add (grants, da_git_grant_new (da_git_connection_get_connection_id (connection),
                                             NULL, group));
  da_client_grant_git_permissions_async (f->client, org_id, grants, NULL, capture_cb, f);
  result = wait_result (f);
  granted = da_client_grant_git_permissions_finish (f->client, result, &error);
  g_assert_no_error (error);
  permission_ids = da_grant_result_get_permission_ids (granted);
  g_assert_cmpuint (g_strv_length ((GStrv) permission_ids), ==, 2);
  g_assert_cmpstr (da_grant_result_lookup_name (granted, permission_ids[0]), ==,
                   "acme/brand-new-repo");

  {
    g_autoptr(DaPager) permissions = da_client_list_git_permissions (f->client, org_id);

    found = FALSE;
    model = load_all (f, permissions);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaGitPermission) p = g_list_model_get_item (model, i);

        if (g_str_equal (da_git_permission_get_permission_id (p), permission_ids[0]))
          {
            found = TRUE;
            g_assert_cmpstr (da_git_permission_get_repo_path (p), ==, "acme/brand-new-repo");
          }
      }
    g_assert_true (found);
  }

  da_client_revoke_git_permission_async (f->client, org_id, permission_ids[0], NULL, capture_cb,
                                         f);
  call_ok (f);

  {
    g_autoptr(DaPager) permissions = da_client_list_git_permissions (f->client, org_id);

    model = load_all (f, permissions);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaGitPermission) p = g_list_model_get_item (model, i);

        g_assert_cmpstr (da_git_permission_get_permission_id (p), !=, permission_ids[0]);
      }
  }
}

static void
test_api_keys (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_api_keys (f->client, NULL);
  g_autoptr(DaPager) again = NULL;
  g_autoptr(DaApiKey) key = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  guint n;

  g_assert_cmpint (da_pager_get_style (pager), ==, DA_PAGER_PAGE);
  da_pager_set_page_size (pager, 1000);
  g_assert_cmpuint (da_pager_get_page_size (pager), ==, 100);
  da_pager_set_page_size (pager, 3);

  model = load_all (f, pager);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpint (da_pager_get_total (pager), ==, n);
  key = g_list_model_get_item (model, 1);

  da_client_revoke_api_key_async (f->client, da_api_key_get_id (key), NULL, capture_cb, f);
  call_ok (f);

  again = da_client_list_api_keys (f->client, NULL);
  model = load_all (f, again);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  for (guint i = 0; i < n - 1; i++)
    {
      g_autoptr(DaApiKey) k = g_list_model_get_item (model, i);

      g_assert_cmpstr (da_api_key_get_id (k), !=, da_api_key_get_id (key));
    }

  /* Revoking all keys revokes ours too: the next call is unauthorized. */
  da_client_revoke_all_api_keys_async (f->client, NULL, capture_cb, f);
  call_ok (f);

  g_assert_cmpuint (f->unauthorized, ==, 0);
  da_client_list_roles_async (f->client, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_list_roles_finish (f->client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (f->unauthorized, ==, 1);
}

static void
test_audit_logs (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_audit_logs (f->client, DA_TIME_UNSET, DA_TIME_UNSET);
  GListModel *model;
  gint64 previous = G_MAXINT64;

  g_assert_cmpint (da_pager_get_style (pager), ==, DA_PAGER_CURSOR);
  model = load_all (f, pager);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 600);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);

      g_assert_cmpint (da_audit_event_get_created_at (event), <=, previous);
      previous = da_audit_event_get_created_at (event);
    }
}

static void
test_consumption (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(DaConsumption) all = NULL;
  g_autoptr(DaConsumption) one = NULL;
  g_autoptr(DaMember) member = first_member (f);
  DaBillingCycle *current;
  guint n_users = 0;
  const DaConsumptionEntry *users;

  da_client_list_billing_cycles_async (f->client, NULL, capture_cb, f);
  result = wait_result (f);
  cycles = da_client_list_billing_cycles_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cycles->len, ==, 6);
  for (guint i = 1; i < cycles->len; i++)
    g_assert_cmpint (da_billing_cycle_get_start (g_ptr_array_index (cycles, i - 1)), >,
                     da_billing_cycle_get_start (g_ptr_array_index (cycles, i)));
  current = g_ptr_array_index (cycles, 0);
  g_assert_true (da_billing_cycle_contains (current, g_get_real_time () / G_USEC_PER_SEC));
  g_clear_object (&result);

  da_client_get_daily_consumption_async (f->client, NULL, da_billing_cycle_get_start (current),
                                         DA_TIME_UNSET, NULL, NULL, capture_cb, f);
  result = wait_result (f);
  all = da_client_get_daily_consumption_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (da_consumption_get_total_acus (all), >=, 0);
  users = da_consumption_get_by_user (all, &n_users);
  g_assert_true (n_users == 0 || users != NULL);
  g_clear_object (&result);

  da_client_get_daily_consumption_async (f->client, da_member_get_user_id (member),
                                         DA_TIME_UNSET, DA_TIME_UNSET, NULL, NULL, capture_cb, f);
  result = wait_result (f);
  one = da_client_get_daily_consumption_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (da_consumption_get_total_acus (one), <=,
                     da_consumption_get_total_acus (all) + 0.001);
  g_assert_cmpfloat_with_epsilon (da_consumption_get_total_acus (one),
                                  da_consumption_lookup_user (all, da_member_get_user_id (member)),
                                  0.01);
}

static void
test_metrics (Fixture       *f,
              gconstpointer  data)
{
  DaMetricsKind kinds[] = { DA_METRICS_USAGE, DA_METRICS_PRS, DA_METRICS_SESSIONS,
                            DA_METRICS_SEARCHES };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DaUsageMetrics) metrics = NULL;

      da_client_get_metrics_async (f->client, kinds[i], now - 90 * 86400, now, NULL, NULL, NULL,
                                   capture_cb, f);
      result = wait_result (f);
      metrics = da_client_get_metrics_finish (f->client, result, &error);
      g_assert_no_error (error);

      switch (kinds[i])
        {
        case DA_METRICS_USAGE:
          g_assert_cmpint (da_usage_metrics_get_sessions_count (metrics), >=, 0);
          g_assert_cmpint (da_usage_metrics_get_searches_count (metrics), >=, 0);
          break;
        case DA_METRICS_PRS:
          g_assert_cmpint (da_usage_metrics_get_prs_opened (metrics), >=, 0);
          break;
        case DA_METRICS_SESSIONS:
          g_assert_cmpint (da_usage_metrics_get_sessions_count (metrics), >=, 0);
          break;
        case DA_METRICS_SEARCHES:
        default:
          g_assert_cmpint (da_usage_metrics_get_searches_count (metrics), >=, 0);
          break;
        }
    }
}

static void
test_sessions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_sessions (f->client, NULL, FALSE);
  g_autoptr(DaPager) insights = da_client_list_sessions (f->client, NULL, TRUE);
  g_autoptr(DaSessionQuery) query = da_session_query_new ();
  g_autoptr(DaSessionQuery) copy = NULL;
  g_autoptr(DaSession) first = NULL;
  g_autoptr(DaPager) filtered = NULL;
  GListModel *model;
  guint n_with_analysis = 0;

  model = load_all (f, pager);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
  first = g_list_model_get_item (model, 0);

  model = load_all (f, insights);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaSession) s = g_list_model_get_item (model, i);

      if (da_session_get_analysis (s) != NULL)
        n_with_analysis++;
    }
  g_assert_cmpuint (n_with_analysis, >, 0);

  /* Filters */
  query->org_ids = g_strdupv ((GStrv) (const char *[]) { da_session_get_org_id (first), NULL });
  query->created_from = da_session_get_created_at (first) - 1;
  query->created_to = da_session_get_created_at (first) + 1;
  copy = da_session_query_copy (query);
  g_assert_cmpstr (copy->org_ids[0], ==, da_session_get_org_id (first));

  filtered = da_client_list_sessions (f->client, copy, FALSE);
  model = load_all (f, filtered);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaSession) s = g_list_model_get_item (model, i);

      g_assert_cmpstr (da_session_get_org_id (s), ==, da_session_get_org_id (first));
      g_assert_cmpint (da_session_get_created_at (s), >=, query->created_from);
      g_assert_cmpint (da_session_get_created_at (s), <=, query->created_to);
    }
}

/* ---- Error classes ----------------------------------------------------------------------- */

static void
test_error_unauthorized (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DaClient) client = make_client (f, da_mock_server_get_base_url (f->server),
                                            "apk_user_not_a_real_key");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  da_client_list_roles_async (client, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_list_roles_finish (client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (da_client_error_get_status (error), ==, 401);
  g_assert_cmpstr (error->message, ==, "The server rejected the API key. Check that it is a "
                                       "current Enterprise Admin key.");
  g_assert_null (strstr (error->message, "apk_user_not_a_real_key"));
  g_assert_cmpuint (f->unauthorized, ==, 1);
  g_assert_cmpuint (f->retries, ==, 0);
}

static void
test_error_forbidden (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DaClient) client = make_client (f, da_mock_server_get_base_url (f->server),
                                            MEMBER_KEY);
  g_autoptr(DaPager) pager = da_client_list_members (client, NULL);
  g_autoptr(GError) error = load_all_error (f, pager);

  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_FORBIDDEN);
  g_assert_cmpuint (da_client_error_get_status (error), ==, 403);
  g_assert_true (g_str_has_prefix (error->message, "This needs an Enterprise Admin key: "));
  g_assert_cmpuint (strlen (error->message), >, strlen ("This needs an Enterprise Admin key: "));
  g_assert_nonnull (da_pager_get_error (pager));
  g_assert_cmpuint (f->unauthorized, ==, 0);
}

static void
test_error_invalid_request (Fixture       *f,
                            gconstpointer  data)
{
  const char *emails[] = { "not-an-email", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  da_client_invite_members_async (f->client, emails, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_invite_members_finish (f->client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST);
  g_assert_true (da_client_error_get_status (error) == 400
                 || da_client_error_get_status (error) == 422);
  g_test_message ("invite: %s", error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_clear_object (&result);

  /* A role of the wrong type */
  {
    g_autoptr(DaMember) member = first_member (f);
    const char *ids[] = { da_member_get_user_id (member), NULL };

    da_client_update_member_roles_async (f->client, ids, "org_admin", NULL, capture_cb, f);
    result = wait_result (f);
    g_assert_false (da_client_call_finish (f->client, result, &error));
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST);
    g_assert_nonnull (strstr (error->message, "org_admin"));
    g_test_message ("roles: %s", error->message);
    g_clear_error (&error);
    g_clear_object (&result);
  }

  /* A 422 list names the field, in one sentence. */
  {
    g_autoptr(GPtrArray) query = _da_query_new ();
    g_autoptr(DaResponse) response = NULL;

    _da_query_add (query, "limit", "500");
    _da_client_send_async (f->client, "GET", "/members", query, NULL, NULL, capture_cb, f);
    result = wait_result (f);
    response = _da_client_send_finish (f->client, result, &error);
    g_assert_null (response);
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST);
    g_assert_cmpuint (da_client_error_get_status (error), ==, 422);
    g_assert_cmpstr (da_client_error_get_field (error), ==, "limit");
    g_assert_true (g_str_has_prefix (error->message, "limit: "));
    g_test_message ("limit: %s", error->message);
  }
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  add_fault (f, "GET /roles 429 times=1 retry-after=1");
  da_mock_server_reset_counts (f->server);

  roles = list_roles (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (roles);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/roles"), ==, 2);
  g_assert_cmpuint (f->retries, ==, 1);
  g_assert_cmpuint (f->last_delay_ms, ==, 1000);
  g_assert_error (f->last_reason, DA_CLIENT_ERROR, DA_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (da_client_error_get_retry_after (f->last_reason), ==, 1);
  g_assert_cmpstr (f->last_reason->message, ==,
                   "The server is rate limiting requests. Try again in 1 second.");
}

static void
test_rate_limited_gives_up (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  add_fault (f, "GET /roles 429");
  da_client_set_retry_policy (f->client, 2, 5, 20);
  da_mock_server_reset_counts (f->server);

  roles = list_roles (f, &error);
  g_assert_null (roles);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (da_client_error_get_status (error), ==, 429);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/roles"), ==, 3);
  g_assert_cmpuint (f->retries, ==, 2);
  /* Backoff without Retry-After stays within the policy's cap. */
  g_assert_cmpuint (f->last_delay_ms, <=, 20);
  g_assert_cmpuint (f->last_delay_ms, >=, 1);
}

static void
test_retry_after_too_long (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  /* An hour is not waited out silently: the caller gets the error and the delay. */
  add_fault (f, "GET /roles 429 times=1 retry-after=3600");
  da_mock_server_reset_counts (f->server);

  roles = list_roles (f, &error);
  g_assert_null (roles);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (da_client_error_get_retry_after (error), ==, 3600);
  g_assert_cmpstr (error->message, ==,
                   "The server is rate limiting requests. Try again in 3600 seconds.");
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/roles"), ==, 1);
  g_assert_cmpuint (f->retries, ==, 0);
}

static void
test_retry_get_503 (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  add_fault (f, "GET /roles 503 times=2");
  da_mock_server_reset_counts (f->server);

  roles = list_roles (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (roles);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/roles"), ==, 3);
  g_assert_cmpuint (f->retries, ==, 2);
  g_assert_error (f->last_reason, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  add_fault (f, "GET /roles 503");
  da_client_set_retry_policy (f->client, 1, 5, 10);
  roles = list_roles (f, &error);
  g_assert_null (roles);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (da_client_error_get_status (error), ==, 503);
  g_assert_cmpstr (error->message, ==,
                   "The server had a problem (503 Service Unavailable). Try again later.");
  g_clear_error (&error);
  da_mock_server_clear_faults (f->server);

  /* A 500 on a read is not retried: the server did act and failed. */
  add_fault (f, "GET /roles 500 times=1");
  da_mock_server_reset_counts (f->server);
  f->retries = 0;
  roles = list_roles (f, &error);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/roles"), ==, 1);
  g_assert_cmpuint (f->retries, ==, 0);
}

static void
test_post_500_not_retried (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  add_fault (f, "POST /organizations 500 times=1");
  da_mock_server_reset_counts (f->server);

  da_client_create_organization_async (f->client, "Never", DA_UNSET, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_create_organization_finish (f->client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/organizations"), ==, 1);
  g_assert_cmpuint (f->retries, ==, 0);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Nor a 503. */
  add_fault (f, "POST /organizations 503 times=1");
  da_mock_server_reset_counts (f->server);
  da_client_create_organization_async (f->client, "Never", DA_UNSET, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_create_organization_finish (f->client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/organizations"), ==, 1);
}

static void
test_post_429_retried (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaOrganization) org = NULL;

  add_fault (f, "POST /organizations 429 times=1");
  da_mock_server_reset_counts (f->server);

  da_client_create_organization_async (f->client, "Retried", DA_UNSET, NULL, capture_cb, f);
  result = wait_result (f);
  org = da_client_create_organization_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_organization_get_org_name (org), ==, "Retried");
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/organizations"), ==, 2);
  g_assert_cmpuint (f->retries, ==, 1);
}

static void
on_retry_cancel_cb (DaClient     *client,
                    guint         delay_ms,
                    const GError *reason,
                    GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_cancel_during_retry (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gulong id;

  /* The wait of 30 s is cut short by the cancellation. */
  add_fault (f, "GET /roles 429 retry-after=30");
  id = g_signal_connect (f->client, "retry-scheduled", G_CALLBACK (on_retry_cancel_cb),
                         cancellable);
  da_client_list_roles_async (f->client, cancellable, capture_cb, f);
  result = wait_result (f);
  g_signal_handler_disconnect (f->client, id);
  g_assert_null (da_client_list_roles_finish (f->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 20 * G_USEC_PER_SEC);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled before it starts */
  g_cancellable_reset (cancellable);
  g_cancellable_cancel (cancellable);
  da_client_get_member_async (f->client, "user-nobody", cancellable, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_get_member_finish (f->client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static guint16
unused_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  /* Closed again when the socket goes: nobody listens there. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_error_network (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/v2/enterprise", unused_port ());
  g_autoptr(DaClient) client = make_client (f, url, "apk_user_demo");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  da_client_list_roles_async (client, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_list_roles_finish (client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK);
  g_assert_cmpuint (da_client_error_get_status (error), ==, 0);
  g_assert_cmpstr (error->message, ==, "Could not reach 127.0.0.1: connection refused. Check "
                                       "your network connection.");
}

/* ---- Proxies ----------------------------------------------------------------------------- */

static void
on_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char ***proxies = user_data;
  g_autoptr(GError) error = NULL;

  *proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);
  g_assert_no_error (error);
}

/* Loopback is reached directly; anything else is asked of the fallback. */
static void
test_proxy_resolver (void)
{
  g_autoptr(GProxyResolver) fallback =
    g_simple_proxy_resolver_new ("http://proxy.example.com:3128", NULL);
  g_autoptr(GProxyResolver) resolver = da_proxy_resolver_new (fallback);
  g_autoptr(SoupSession) session = da_client_session_new ();
  struct {
    const char *uri;
    const char *proxy;
  } cases[] = {
    { "http://127.0.0.1:8080", "direct://" },
    { "http://127.3.4.5/v2/enterprise", "direct://" },
    { "http://[::1]:9000", "direct://" },
    { "http://localhost:1234", "direct://" },
    { "http://LocalHost.", "direct://" },
    { "https://api.devin.ai:443", "http://proxy.example.com:3128" },
    { "http://127.0.0.1.example.com", "http://proxy.example.com:3128" },
    { "http://10.0.0.1:80", "http://proxy.example.com:3128" },
    { "https://[2001:db8::1]", "http://proxy.example.com:3128" },
  };

  g_assert_true (g_proxy_resolver_is_supported (resolver));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) proxies = g_proxy_resolver_lookup (resolver, cases[i].uri, NULL, &error);
      g_auto(GStrv) async_proxies = NULL;

      g_assert_no_error (error);
      g_test_message ("%s -> %s", cases[i].uri, proxies[0]);
      g_assert_cmpuint (g_strv_length (proxies), ==, 1);
      g_assert_cmpstr (proxies[0], ==, cases[i].proxy);

      g_proxy_resolver_lookup_async (resolver, cases[i].uri, NULL, on_lookup_cb, &async_proxies);
      while (async_proxies == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (g_strv_equal ((const char * const *) async_proxies,
                                   (const char * const *) proxies));
    }

  /* The app's sessions resolve that way, and a client's own for any server but on loopback,
   * where it has no resolver at all (GLib would load the system's to answer "direct"). */
  g_assert_true (DA_IS_PROXY_RESOLVER (soup_session_get_proxy_resolver (session)));
  {
    g_autoptr(DaClient) remote = da_client_new ("https://api.devin.ai", NULL, NULL);
    g_autoptr(DaClient) local = da_client_new ("http://127.0.0.1:8080", NULL, NULL);
    g_autoptr(DaClient) local6 = da_client_new ("http://[::1]:8080", NULL, NULL);

    g_assert_true (DA_IS_PROXY_RESOLVER (
      soup_session_get_proxy_resolver (da_client_get_session (remote))));
    g_assert_null (soup_session_get_proxy_resolver (da_client_get_session (local)));
    g_assert_null (soup_session_get_proxy_resolver (da_client_get_session (local6)));
  }
}

/* A proxy the system names is not used for a server on loopback, where it could not reach. */
static void
test_proxy_loopback (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *proxy_url = g_strdup_printf ("http://127.0.0.1:%u", unused_port ());
  g_autoptr(GProxyResolver) system = g_simple_proxy_resolver_new (proxy_url, NULL);
  g_autoptr(GProxyResolver) resolver = da_proxy_resolver_new (system);
  const char *base_url = da_mock_server_get_base_url (f->server);

  /* The app's way: the server answers. */
  {
    g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", resolver,
                                                                    NULL);
    g_autoptr(DaClient) client = da_client_new (base_url, session, NULL);
    g_autoptr(GPtrArray) roles = NULL;
    g_autoptr(GError) error = NULL;

    da_client_set_api_key (client, da_mock_server_get_admin_key (f->server));
    roles = list_roles_with (f, client, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (roles->len, >, 0);
  }

  /* The system's resolver alone would have sent the request to the proxy, which is not there. */
  {
    g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", system,
                                                                    NULL);
    g_autoptr(DaClient) client = da_client_new (base_url, session, NULL);
    g_autoptr(GError) error = NULL;

    da_client_set_api_key (client, da_mock_server_get_admin_key (f->server));
    da_client_set_retry_policy (client, 0, 5, 40);
    g_assert_null (list_roles_with (f, client, &error));
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK);
  }
}

static void
test_error_timeout (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 1, NULL);
  g_autoptr(DaClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  client = da_client_new (da_mock_server_get_base_url (f->server), session, &error);
  g_assert_no_error (error);
  da_client_set_api_key (client, da_mock_server_get_admin_key (f->server));
  add_fault (f, "GET /roles stall");

  da_client_list_roles_async (client, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_list_roles_finish (client, result, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));
}

static void
test_error_bad_bodies (Fixture       *f,
                       gconstpointer  data)
{
  const char *faults[] = { "truncate", "html", "malformed", "wrong-types" };

  da_client_set_retry_policy (f->client, 0, 5, 10);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *spec = g_strdup_printf ("GET /members %s", faults[i]);
      g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
      g_autoptr(GError) error = NULL;

      da_mock_server_clear_faults (f->server);
      add_fault (f, spec);
      error = load_all_error (f, pager);
      g_test_message ("%s: %s", faults[i], error->message);
      g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE);
      g_assert_nonnull (strstr (error->message, "127.0.0.1"));
      g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), ==, 0);

      if (g_str_equal (faults[i], "html"))
        {
          g_assert_nonnull (strstr (error->message, "502, text/html from 127.0.0.1"));
          g_assert_nonnull (strstr (error->message, "proxy"));
        }
      if (g_str_equal (faults[i], "wrong-types"))
        g_assert_nonnull (strstr (error->message, "/members"));
    }

  /* A change answered 200 with a body that is not JSON: not reported done (the server did
   * not act), and the same call goes through once the answers are whole again. */
  da_mock_server_clear_faults (f->server);
  {
    g_autoptr(DaMember) member = first_member (f);
    const char *ids[] = { da_member_get_user_id (member), NULL };
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    add_fault (f, "PATCH /members/roles malformed");
    da_client_update_member_roles_async (f->client, ids, "account_admin", NULL, capture_cb, f);
    result = wait_result (f);
    g_assert_false (da_client_call_finish (f->client, result, &error));
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE);
    g_assert_nonnull (strstr (error->message, "could not be read"));

    da_mock_server_clear_faults (f->server);
    da_client_update_member_roles_async (f->client, ids, "account_admin", NULL, capture_cb, f);
    call_ok (f);
  }

  /* A change whose answer is cut off was made by the server: the message does not ask for it
   * to be sent again blindly. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(DaOrganization) org = NULL;

    da_mock_server_clear_faults (f->server);
    add_fault (f, "POST /organizations truncate");
    da_client_create_organization_async (f->client, "Cut Short", DA_UNSET, NULL, capture_cb, f);
    result = wait_result (f);
    org = da_client_create_organization_finish (f->client, result, &error);
    g_assert_null (org);
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "could not be read"));
    g_assert_nonnull (strstr (error->message, "may have been made"));
    g_assert_null (strstr (error->message, "; try again"));
  }

  /* The same for a single object */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    da_mock_server_clear_faults (f->server);
    add_fault (f, "GET /organizations/* wrong-types");
    da_client_get_organization_async (f->client, "org-whatever", NULL, capture_cb, f);
    result = wait_result (f);
    g_assert_null (da_client_get_organization_finish (f->client, result, &error));
    g_test_message ("%s", error->message);
    g_assert_true (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE)
                   || g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND));
  }
}

/* A throw-away self-signed certificate for 127.0.0.1, made for this test only. */
static const char self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkTCCATagAwIBAgIUGCdWSVeOUjV40LGi0EnhpcbaMxAwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyODE2MTE0OVoYDzIxMjYxMTA0\n"
  "MTYxMTQ5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAAQThhOEriLkDYaKcxkCuCcaXxbdZp7/js0JP7Q1eX/ELjm2CxmTxVjs\n"
  "U/+hR5LgIlu74ajHFnxIK9I0lqvWjYCUo2QwYjAdBgNVHQ4EFgQUW3/oqIX0oQQP\n"
  "jzfyi4wampq4rgYwHwYDVR0jBBgwFoAUW3/oqIX0oQQPjzfyi4wampq4rgYwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC\n"
  "IQCyWV0853jimzF26ruWlVPWkFcB6qnhP08R5UbQU6Q0ggIhAPsVX/8uiFIUz1xu\n"
  "gllb8bmlTetUb5dkPXEABs9EW7Km\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgwP+D6etcdFoJ+qbl\n"
  "Qc1Jan/5Xkn4Ghm0BFUKNyHp5tyhRANCAAQThhOEriLkDYaKcxkCuCcaXxbdZp7/\n"
  "js0JP7Q1eX/ELjm2CxmTxVjsU/+hR5LgIlu74ajHFnxIK9I0lqvWjYCU\n"
  "-----END PRIVATE KEY-----\n";

static void
tls_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

/* ---- Large bodies -------------------------------------------------------------------------- */

#define N_LARGE_ROLES 12000

static char *
large_roles_json (void)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < N_LARGE_ROLES; i++)
    g_string_append_printf (json, "%s{\"role_id\": \"role_%05u\", \"role_name\": "
                            "\"Role number %u, with a name long enough to fill the page\", "
                            "\"role_type\": \"enterprise\"}", i > 0 ? ", " : "", i, i);
  g_string_append (json, "]");
  return g_string_free (json, FALSE);
}

static void
large_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  const char *json = user_data;
  gsize length = strlen (json);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (strstr (path, "/chunked/") != NULL)
    {
      /* Without a length, in pieces of uneven sizes. */
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (gsize at = 0; at < length;)
        {
          gsize n = MIN (length - at, 7777 + at % 50000);

          soup_message_body_append (body, SOUP_MEMORY_COPY, json + at, n);
          at += n;
        }
      soup_message_body_complete (body);
    }
  else
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY, json, length);
    }
}

/* An answer of many pieces of a read is whole, with its length given or sent in chunks. */
static void
test_large_bodies (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = large_roles_json ();
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoslist(GUri) uris = NULL;
  g_autoptr(GError) error = NULL;
  const char *ways[] = { "length", "chunked" };

  g_assert_cmpuint (strlen (json), >, 4 * 256 * 1024);
  soup_server_add_handler (server, NULL, large_handler, json, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);

  for (guint i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%d/%s/v2/enterprise",
                                              g_uri_get_port (uris->data), ways[i]);
      g_autoptr(DaClient) client = make_client (f, url, "apk_user_demo");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) roles = NULL;

      da_client_list_roles_async (client, NULL, capture_cb, f);
      result = wait_result (f);
      roles = da_client_list_roles_finish (client, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (roles->len, ==, N_LARGE_ROLES);
      g_assert_cmpstr (da_role_get_role_id (g_ptr_array_index (roles, 0)), ==, "role_00000");
      g_assert_cmpstr (da_role_get_role_id (g_ptr_array_index (roles, N_LARGE_ROLES - 1)), ==,
                       "role_11999");
      g_assert_cmpstr (da_role_get_role_name (g_ptr_array_index (roles, 4321)), ==,
                       "Role number 4321, with a name long enough to fill the page");
    }

  soup_server_disconnect (server);
}

static void
test_error_untrusted_certificate (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(DaClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend");
      return;
    }

  certificate = g_tls_certificate_new_from_pem (self_signed_pem, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/v2/enterprise", g_uri_get_port (uris->data));

  /* The certificate is not trusted: the request never goes out, and the message says why. */
  client = make_client (f, url, "apk_user_demo");
  da_client_list_roles_async (client, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_client_list_roles_finish (client, result, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  soup_server_disconnect (server);
}

/* ---- Both dialects ----------------------------------------------------------------------- */

static void
test_compat_dialect (Fixture       *f,
                     gconstpointer  data)
{
  const char *emails[] = { "compat.person@example.com", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  {
    g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);

    model = load_all (f, pager);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaMember) m = g_list_model_get_item (model, i);

        g_assert_nonnull (da_member_get_email (m));
        g_assert_nonnull (da_member_get_enterprise_role (m));
      }
  }

  {
    g_autoptr(GPtrArray) cycles = NULL;

    da_client_list_billing_cycles_async (f->client, NULL, capture_cb, f);
    result = wait_result (f);
    cycles = da_client_list_billing_cycles_finish (f->client, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cycles->len, ==, 6);
    for (guint i = 1; i < cycles->len; i++)
      g_assert_cmpint (da_billing_cycle_get_start (g_ptr_array_index (cycles, i - 1)), >,
                       da_billing_cycle_get_start (g_ptr_array_index (cycles, i)));
    g_clear_object (&result);
  }

  {
    g_autoptr(DaPager) pager = da_client_list_sessions (f->client, NULL, TRUE);

    da_pager_set_page_size (pager, 50);
    model = load_all (f, pager);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
  }

  {
    g_autoptr(DaInviteResult) invite = NULL;

    da_client_invite_members_async (f->client, emails, NULL, capture_cb, f);
    result = wait_result (f);
    invite = da_client_invite_members_finish (f->client, result, &error);
    g_assert_no_error (error);
    g_assert_cmpint (da_invite_result_get_invited_count (invite), ==, 1);
    g_clear_object (&result);
  }

  {
    g_autoptr(DaPager) pager = da_client_list_audit_logs (f->client, DA_TIME_UNSET,
                                                          DA_TIME_UNSET);

    model = load_all (f, pager);
    g_assert_cmpuint (g_list_model_get_n_items (model), >=, 600);
  }

  {
    g_autoptr(DaOrganization) org = NULL;

    da_client_create_organization_async (f->client, "Compat Org", 300, NULL, capture_cb, f);
    result = wait_result (f);
    org = da_client_create_organization_finish (f->client, result, &error);
    g_assert_no_error (error);
    g_assert_nonnull (da_organization_get_org_id (org));
    g_clear_object (&result);
  }
}

/* ---- Debug output ------------------------------------------------------------------------ */

static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          if (fields[i].length < 0)
            g_string_append (captured_log, fields[i].value);
          else
            g_string_append_len (captured_log, fields[i].value, fields[i].length);
          g_string_append_c (captured_log, '\n');
        }
    }

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    return g_log_writer_default (level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static void
run_debug_output (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  const char *emails[] = { "debug.person@example.com", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaInviteResult) invite = NULL;
  g_autoptr(DaPager) pager = NULL;
  DaMockOptions options;

  captured_log = g_string_new (NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv ("DA_DEBUG_HTTP", "2", TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  da_mock_options_init (&options);
  options.members = 10;
  start_server (f, &options);
  da_mock_options_clear (&options);

  pager = da_client_list_members (f->client, NULL);
  load_all (f, pager);

  da_client_invite_members_async (f->client, emails, NULL, capture_cb, f);
  result = wait_result (f);
  invite = da_client_invite_members_finish (f->client, result, &error);
  g_assert_no_error (error);

  /* The logs are there, with bodies, and the key is not. */
  g_assert_nonnull (strstr (captured_log->str, "GET /members"));
  g_assert_nonnull (strstr (captured_log->str, "Authorization: Bearer apk_…redacted"));
  g_assert_nonnull (strstr (captured_log->str, "debug.person@example.com"));
  g_assert_null (strstr (captured_log->str, da_mock_server_get_admin_key (f->server)));
  g_assert_null (strstr (captured_log->str, "user_demo"));

  fixture_teardown (f, NULL);
  g_string_free (captured_log, TRUE);
}

/* In a process of its own: the log writer can be set only once, and the environment changes. */
static void
test_debug_output (void)
{
  if (g_test_subprocess ())
    {
      run_debug_output ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- The mapping itself ------------------------------------------------------------------ */

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_error_bodies (void)
{
  struct {
    const char *body;
    const char *detail;
    const char *field;
  } cases[] = {
    { "{\"detail\": \"Organization not found\"}", "Organization not found", NULL },
    { "{\"detail\": [{\"loc\": [\"query\", \"limit\"], \"msg\": \"Input should be less "
      "than or equal to 200\", \"type\": \"less_than_equal\"}]}",
      "limit: Input should be less than or equal to 200", "limit" },
    { "{\"detail\": [{\"loc\": [\"body\", \"emails\", 0], \"msg\": \"value is not a valid "
      "email address\"}, {\"loc\": [\"body\", \"role\"], \"msg\": \"Field required\"}]}",
      "emails: value is not a valid email address; role: Field required", "emails" },
    { "{\"type\": \"about:blank\", \"title\": \"Not Found\", \"status\": 404, "
      "\"detail\": \"Organization org-1 was not found\"}",
      "Organization org-1 was not found", NULL },
    { "{\"type\": \"https://example.com/validation\", \"title\": \"Validation failed\", "
      "\"status\": 422, \"detail\": \"The request is invalid\", \"errors\": [{\"pointer\": "
      "\"#/body/display_name\", \"detail\": \"must not be empty\"}]}",
      "display_name: must not be empty", "display_name" },
    { "{\"title\": \"Too Many Requests\", \"status\": 429}", "Too Many Requests", NULL },
    { "\"Internal Server Error\"", "Internal Server Error", NULL },
    { "{\"detail\": {\"msg\": \"Role has the wrong type\"}}", "Role has the wrong type", NULL },
    { "{\"detail\": \"line one\\nline two\"}", "line one line two", NULL },
    { "{\"detail\": 12}", NULL, NULL },
    { "{\"detail\": []}", NULL, NULL },
    { "[1, 2]", NULL, NULL },
    { "{}", NULL, NULL },
    /* Nothing readable is no message (found by fuzz/fuzz-error-body); a readable one further
     * on is taken. */
    { "\"   \"", NULL, NULL },
    { "{\"detail\": \" \\n\\t \"}", NULL, NULL },
    { "{\"detail\": \"  \", \"title\": \"Conflict\"}", "Conflict", NULL },
    { "{\"detail\": [{\"loc\": [\"body\", \"name\"], \"msg\": \"  \"}]}", NULL, NULL },
    { "{\"detail\": {\"msg\": \"\\u0001\"}}", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = json (cases[i].body);
      g_autofree char *detail = NULL;
      g_autofree char *field = NULL;
      gboolean found;

      found = _da_api_parse_error_body (root, &detail, &field);
      g_assert_cmpint (found, ==, cases[i].detail != NULL);
      g_assert_cmpstr (detail, ==, cases[i].detail);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

static GError *
status_error (guint       status,
              const char *content_type,
              const char *body,
              guint       retry_after)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  return _da_client_error_from_status (status, content_type, bytes, "api.devin.ai", retry_after);
}

static void
test_error_statuses (void)
{
  GError *error;

  error = status_error (401, "application/json", "{\"detail\": \"Not authenticated\"}", 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (da_client_error_get_status (error), ==, 401);
  g_clear_error (&error);

  error = status_error (403, "application/json",
                        "{\"detail\": \"Enterprise admin access required\"}", 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "This needs an Enterprise Admin key: Enterprise admin access required");
  g_clear_error (&error);

  error = status_error (404, "application/json", "{\"detail\": \"Organization not found\"}", 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Organization not found");
  g_clear_error (&error);

  error = status_error (404, NULL, NULL, 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This item no longer exists on the server.");
  g_clear_error (&error);

  /* The framework's bare answer for a path it does not know says nothing to act on. */
  error = status_error (404, "application/json", "{\"detail\": \"Not Found\"}", 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This item no longer exists on the server.");
  g_clear_error (&error);

  error = status_error (422, "application/json",
                        "{\"detail\": [{\"loc\": [\"query\", \"limit\"], \"msg\": \"Input should "
                        "be less than or equal to 200\", \"type\": \"less_than_equal\"}]}", 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "limit: Input should be less than or equal to 200");
  g_assert_cmpstr (da_client_error_get_field (error), ==, "limit");
  g_assert_cmpuint (da_client_error_get_status (error), ==, 422);
  g_clear_error (&error);

  error = status_error (400, "text/plain", "bad", 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "The server refused the request (400 Bad Request).");
  g_clear_error (&error);

  error = status_error (429, "application/json", "{\"detail\": \"slow down\"}", 4);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==,
                   "The server is rate limiting requests. Try again in 4 seconds.");
  g_assert_cmpuint (da_client_error_get_retry_after (error), ==, 4);
  g_clear_error (&error);

  error = status_error (503, "application/json", "{\"detail\": \"down\"}", 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==,
                   "The server had a problem (503 Service Unavailable). Try again later.");
  g_clear_error (&error);

  error = status_error (502, "text/html", "<html><body>Bad gateway</body></html>", 0);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message, ==, "The server’s answer could not be read (502, text/html "
                                       "from api.devin.ai). A proxy or gateway may be in the way.");
  g_assert_cmpuint (da_client_error_get_status (error), ==, 502);
  g_clear_error (&error);

  /* A content type a proxy made up is told on one line, and cut to a readable length (found by
   * fuzz/fuzz-error-body). */
  error = status_error (502, "text/h\001tml;\tcharset=x", "<html></html>", 0);
  g_assert_nonnull (strstr (error->message, "(502, text/h tml; charset=x from api.devin.ai)"));
  g_clear_error (&error);
  {
    g_autofree char *long_type = g_strnfill (300, 'x');

    error = status_error (502, long_type, "<html></html>", 0);
    g_assert_nonnull (strstr (error->message, "xxx… from api.devin.ai"));
    g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 200);
    g_clear_error (&error);
  }

  /* Errors of other domains have none of the extra facts. */
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  g_assert_cmpuint (da_client_error_get_status (error), ==, 0);
  g_assert_null (da_client_error_get_field (error));
  g_assert_cmpuint (da_client_error_get_retry_after (error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpuint (da_client_error_get_status (NULL), ==, 0);

  /* Copies keep them. */
  {
    g_autoptr(GError) original = da_client_error_new_full (DA_CLIENT_ERROR_INVALID_REQUEST, 422,
                                                           "emails", 0, "emails: bad");
    g_autoptr(GError) copy = g_error_copy (original);

    g_assert_cmpstr (da_client_error_get_field (copy), ==, "emails");
    g_assert_cmpuint (da_client_error_get_status (copy), ==, 422);
  }
}

static void
test_error_io (void)
{
  struct {
    GQuark domain;
    int code;
    guint status;
    int expected;
    const char *message;
  } cases[] = {
    { 0, G_RESOLVER_ERROR_NOT_FOUND, 0, DA_CLIENT_ERROR_NETWORK,
      "Could not reach api.devin.ai: the name could not be resolved. Check your network "
      "connection." },
    { 0, G_IO_ERROR_CONNECTION_REFUSED, 0, DA_CLIENT_ERROR_NETWORK,
      "Could not reach api.devin.ai: connection refused. Check your network connection." },
    { 0, G_IO_ERROR_TIMED_OUT, 0, DA_CLIENT_ERROR_NETWORK,
      "Could not reach api.devin.ai: the server did not answer in time. Check your network "
      "connection." },
    { 0, G_TLS_ERROR_BAD_CERTIFICATE, 0, DA_CLIENT_ERROR_NETWORK,
      "Could not reach api.devin.ai securely: its certificate is not trusted, so the connection "
      "was refused. Check the server address and the system’s certificates." },
    { 0, G_IO_ERROR_PARTIAL_INPUT, 200, DA_CLIENT_ERROR_INVALID_RESPONSE,
      "The server’s answer was cut off (200, application/json from api.devin.ai). Try again." },
  };

  cases[0].domain = G_RESOLVER_ERROR;
  cases[1].domain = G_IO_ERROR;
  cases[2].domain = G_IO_ERROR;
  cases[3].domain = G_TLS_ERROR;
  cases[4].domain = G_IO_ERROR;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) io = g_error_new_literal (cases[i].domain, cases[i].code, "low level");
      g_autoptr(GError) error = _da_client_error_from_io (io, cases[i].status, "application/json",
                                                          "api.devin.ai");

      g_assert_error (error, DA_CLIENT_ERROR, cases[i].expected);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
    g_autoptr(GError) error = _da_client_error_from_io (io, 0, NULL, "api.devin.ai");

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_retry_after_values (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 8, 12, 10, 0, 0);

  g_assert_cmpint (_da_parse_retry_after ("1", now), ==, 1);
  g_assert_cmpint (_da_parse_retry_after (" 120 ", now), ==, 120);
  g_assert_cmpint (_da_parse_retry_after ("0", now), ==, 0);
  g_assert_cmpint (_da_parse_retry_after ("Tue, 12 Aug 2025 10:00:30 GMT", now), ==, 30);
  g_assert_cmpint (_da_parse_retry_after ("Tue, 12 Aug 2025 09:00:00 GMT", now), ==, 0);
  g_assert_cmpint (_da_parse_retry_after ("soon", now), ==, -1);
  g_assert_cmpint (_da_parse_retry_after ("", now), ==, -1);
  g_assert_cmpint (_da_parse_retry_after (NULL, now), ==, -1);
  g_assert_cmpint (_da_parse_retry_after ("99999999999999999999", now), ==, G_MAXINT32);
}

static void
test_json_reader (void)
{
  const char *same[] = {
    "{\"items\": [{\"a\": 1, \"b\": -2.5e3, \"c\": \"x\\u00e9\\n\\\"y\\\"\", \"d\": null, "
    "\"e\": true, \"f\": false, \"g\": [], \"h\": {}}], \"total\": 1}",
    "[1, 2, 3]",
    "\"just a string\"",
    "  {\"emoji\": \"\\ud83d\\ude00\", \"raw\": \"caf\u00c3\u00a9\"}  ",
    "{\"dup\": 1, \"dup\": 2}",
    "{\"big\": 9223372036854775807, \"small\": -9223372036854775808, \"zero\": -0}",
    "0",
  };
  const char *bad[] = {
    "", " ", "{", "[1, 2", "{\"a\": }", "{\"a\" 1}", "{a: 1}", "[1,]", "{\"a\": 1,}",
    "tru", "nul", "01", "1.", "-", "1e", ".5", "\"unterminated", "\"bad \\x escape\"",
    "\"lone \\ud800\"", "\"lone \\udc00\"", "\"nul \\u0000\"", "\"tab\there\"",
    "{} {}", "[1] x", "// comment\n1", "<html><body>Bad gateway</body></html>",
  };
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) ours = NULL;

      g_test_message ("%s", same[i]);
      g_assert_true (json_parser_load_from_data (parser, same[i], -1, NULL));
      ours = _da_json_read (same[i], strlen (same[i]), &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (ours, json_parser_get_root (parser)));
    }

  /* Types as json-glib gives them */
  {
    const char *numbers = "{\"i\": 3, \"d\": 3.0, \"h\": 18446744073709551616}";

    node = _da_json_read (numbers, strlen (numbers), &error);
  }
  g_assert_no_error (error);
  g_assert_true (json_node_get_value_type (json_object_get_member (json_node_get_object (node), "i"))
                 == G_TYPE_INT64);
  g_assert_true (json_node_get_value_type (json_object_get_member (json_node_get_object (node), "d"))
                 == G_TYPE_DOUBLE);
  g_assert_true (json_node_get_value_type (json_object_get_member (json_node_get_object (node), "h"))
                 == G_TYPE_DOUBLE);
  g_clear_pointer (&node, json_node_unref);

  /* Only the given length is read: the bytes after it do not count. */
  node = _da_json_read ("[1]garbage", 3, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_clear_pointer (&node, json_node_unref);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad: %s", bad[i]);
      node = _da_json_read (bad[i], strlen (bad[i]), &error);
      g_assert_null (node);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  /* Invalid UTF-8, inside a string or not */
  node = _da_json_read ("{\"a\": \"\xff\xfe\"}", 10, &error);
  g_assert_null (node);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Deep nesting is an error, not a crash; moderate nesting is fine. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  node = _da_json_read (deep->str, deep->len, &error);
  g_assert_null (node);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_string_truncate (deep, 0);
  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "{\"a\":[");
  g_string_append (deep, "1");
  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "]}");
  node = _da_json_read (deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  /* Every prefix of a document is either an error or (for the whole) the document. */
  {
    const char *doc = same[0];
    gsize len = strlen (doc);

    for (gsize i = 0; i < len; i++)
      {
        node = _da_json_read (doc, i, &error);
        g_assert_null (node);
        g_assert_nonnull (error);
        g_clear_error (&error);
      }
  }
}

static void
test_redaction (void)
{
  g_autofree char *a = _da_redact_header_line ("Authorization: Bearer apk_user_secret123");
  g_autofree char *b = _da_redact_header_line ("authorization: Bearer cog_abcdef");
  g_autofree char *c = _da_redact_header_line ("Authorization: Bearer plainsecret");
  g_autofree char *d = _da_redact_header_line ("Accept: application/json");
  g_autofree char *e = _da_redact_header_line ("Authorization: secretwithoutscheme");

  g_assert_cmpstr (a, ==, "Authorization: Bearer apk_…redacted");
  g_assert_cmpstr (b, ==, "Authorization: Bearer cog_…redacted");
  g_assert_cmpstr (c, ==, "Authorization: Bearer …redacted");
  g_assert_null (d);
  g_assert_nonnull (e);
  g_assert_null (strstr (e, "secret"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, compat) \
  g_test_add ("/client/" path, Fixture, GINT_TO_POINTER (compat), fixture_setup, func, \
              fixture_teardown)

  g_test_add_func ("/client/new/urls", test_new_urls);
  ADD ("members", test_members, FALSE);
  ADD ("members/mutations", test_member_mutations, FALSE);
  ADD ("members/invite-too-many", test_invite_too_many, FALSE);
  ADD ("roles", test_roles, FALSE);
  ADD ("organizations", test_organizations, FALSE);
  ADD ("groups", test_groups, FALSE);
  ADD ("git", test_git, FALSE);
  ADD ("api-keys", test_api_keys, FALSE);
  ADD ("audit-logs", test_audit_logs, FALSE);
  ADD ("consumption", test_consumption, FALSE);
  ADD ("metrics", test_metrics, FALSE);
  ADD ("sessions", test_sessions, FALSE);
  ADD ("error/unauthorized", test_error_unauthorized, FALSE);
  ADD ("error/forbidden", test_error_forbidden, FALSE);
  ADD ("error/invalid-request", test_error_invalid_request, FALSE);
  ADD ("error/rate-limited-gives-up", test_rate_limited_gives_up, FALSE);
  ADD ("error/server", test_server_error, FALSE);
  ADD ("error/network", test_error_network, FALSE);
  ADD ("error/timeout", test_error_timeout, FALSE);
  g_test_add_func ("/client/proxy/resolver", test_proxy_resolver);
  ADD ("proxy/loopback", test_proxy_loopback, FALSE);
  ADD ("error/bad-bodies", test_error_bad_bodies, FALSE);
  ADD ("large-bodies", test_large_bodies, FALSE);
  ADD ("error/untrusted-certificate", test_error_untrusted_certificate, FALSE);
  ADD ("retry/retry-after", test_retry_after, FALSE);
  ADD ("retry/retry-after-too-long", test_retry_after_too_long, FALSE);
  ADD ("retry/get-503", test_retry_get_503, FALSE);
  ADD ("retry/post-500-not-retried", test_post_500_not_retried, FALSE);
  ADD ("retry/post-429-retried", test_post_429_retried, FALSE);
  ADD ("retry/cancel", test_cancel_during_retry, FALSE);
  ADD ("compat-dialect", test_compat_dialect, TRUE);
  g_test_add_func ("/client/debug-output", test_debug_output);
  g_test_add_func ("/client/mapping/error-bodies", test_error_bodies);
  g_test_add_func ("/client/mapping/statuses", test_error_statuses);
  g_test_add_func ("/client/mapping/io", test_error_io);
  g_test_add_func ("/client/mapping/retry-after", test_retry_after_values);
  g_test_add_func ("/client/mapping/redaction", test_redaction);
  g_test_add_func ("/client/json-reader", test_json_reader);

#undef ADD

  return g_test_run ();
}

/* test-context.c: DaContext and its shared caches, against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-context.h"
#include "da-mock-server.h"

typedef struct
{
  DaMockServer *server;
  SoupSession  *session;
  DaContext    *context;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DaClient) client = NULL;

  f->server = da_mock_server_new (NULL);
  g_assert_true (da_mock_server_start (f->server, 0, &error));
  g_assert_no_error (error);

  f->session = soup_session_new ();
  client = da_client_new (da_mock_server_get_base_url (f->server), f->session, &error);
  g_assert_no_error (error);
  da_client_set_api_key (client, da_mock_server_get_admin_key (f->server));
  da_client_set_retry_policy (client, 1, 10, 20);
  f->context = da_context_new (client, NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->session);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
}

/* Collects the results of async calls. */
typedef struct
{
  GPtrArray *results;
} Results;

static void
collect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Results *results = user_data;

  g_ptr_array_add (results->results, g_object_ref (result));
}

static void
wait_for_results (Results *results,
                  guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (results->results->len < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static Results *
results_new (void)
{
  Results *results = g_new0 (Results, 1);

  results->results = g_ptr_array_new_with_free_func (g_object_unref);
  return results;
}

static void
results_free (Results *results)
{
  g_ptr_array_unref (results->results);
  g_free (results);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Results, results_free)

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
test_properties (Fixture       *f,
                 gconstpointer  data)
{
  guint notified = 0;

  g_assert_true (DA_IS_CLIENT (da_context_get_client (f->context)));
  g_assert_null (da_context_get_settings (f->context));
  g_assert_false (da_context_get_demo (f->context));
  g_assert_cmpstr (da_context_get_server (f->context), ==,
                   da_mock_server_get_base_url (f->server));

  /* The label is the server's host until set. */
  g_assert_cmpstr (da_context_get_account_label (f->context), ==, "127.0.0.1");
  g_signal_connect (f->context, "notify::account-label", G_CALLBACK (count_notify_cb), &notified);
  da_context_set_account_label (f->context, "Production");
  da_context_set_account_label (f->context, "Production");
  g_assert_cmpstr (da_context_get_account_label (f->context), ==, "Production");
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_roles_loaded_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Results) results = results_new ();
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_assert_false (da_context_get_roles_loaded (f->context));
  g_assert_null (da_context_lookup_role_name (f->context, "account_admin"));
  g_signal_connect (f->context, "notify::roles-loaded", G_CALLBACK (count_notify_cb), &notified);

  /* Two callers at once share one request. */
  da_context_load_roles_async (f->context, NULL, collect_cb, results);
  da_context_load_roles_async (f->context, NULL, collect_cb, results);
  wait_for_results (results, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) roles = da_context_load_roles_finish (f->context,
                                                                 results->results->pdata[i],
                                                                 &error);
      g_assert_no_error (error);
      g_assert_cmpuint (roles->len, ==, 6);
    }
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/roles"), ==, 1);
  g_assert_true (da_context_get_roles_loaded (f->context));
  g_assert_cmpuint (notified, ==, 1);

  g_assert_cmpstr (da_context_lookup_role_name (f->context, "account_admin"), ==, "Admin");
  g_assert_cmpstr (da_context_lookup_role_name (f->context, "org_member"), ==, "Member");
  g_assert_null (da_context_lookup_role_name (f->context, "no-such-role"));
  g_assert_null (da_context_lookup_role_name (f->context, NULL));

  /* Later callers are answered from the cache. */
  da_context_load_roles_async (f->context, NULL, collect_cb, results);
  wait_for_results (results, 3);
  {
    g_autoptr(GPtrArray) roles = da_context_load_roles_finish (f->context,
                                                               results->results->pdata[2],
                                                               &error);
    g_assert_no_error (error);
    g_assert_true (roles == da_context_get_roles (f->context));
  }
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/roles"), ==, 1);
}

static void
test_roles_failure_not_kept (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(Results) results = results_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  da_mock_server_add_fault (f->server, "GET /roles 500", &error);
  g_assert_no_error (error);

  da_context_load_roles_async (f->context, NULL, collect_cb, results);
  wait_for_results (results, 1);
  roles = da_context_load_roles_finish (f->context, results->results->pdata[0], &error);
  g_assert_null (roles);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_false (da_context_get_roles_loaded (f->context));

  /* The next call tries again. */
  da_mock_server_clear_faults (f->server);
  da_context_load_roles_async (f->context, NULL, collect_cb, results);
  wait_for_results (results, 2);
  roles = da_context_load_roles_finish (f->context, results->results->pdata[1], &error);
  g_assert_no_error (error);
  g_assert_nonnull (roles);
  g_assert_true (da_context_get_roles_loaded (f->context));
}

static guint
api_org_count (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (da_context_get_client (f->context));
  g_autoptr(Results) results = results_new ();
  g_autoptr(GError) error = NULL;

  da_pager_load_all_async (pager, NULL, collect_cb, results);
  wait_for_results (results, 1);
  g_assert_true (da_pager_load_all_finish (pager, results->results->pdata[0], &error));
  g_assert_no_error (error);
  return g_list_model_get_n_items (da_pager_get_model (pager));
}

static void
test_organizations (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Results) results = results_new ();
  g_autoptr(GError) error = NULL;
  GListModel *model = da_context_get_organizations (f->context);
  guint changes = 0;
  guint n;

  g_assert_false (da_context_get_organizations_loaded (f->context));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == DA_TYPE_ORGANIZATION);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_items_changed_cb), &changes);

  da_context_load_organizations_async (f->context, FALSE, NULL, collect_cb, results);
  wait_for_results (results, 1);
  g_assert_true (da_context_load_organizations_finish (f->context, results->results->pdata[0],
                                                       &error));
  g_assert_no_error (error);
  g_assert_true (da_context_get_organizations_loaded (f->context));
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, api_org_count (f));
  g_assert_cmpuint (n, >, 0);
  /* One change for the whole list. */
  g_assert_cmpuint (changes, ==, 1);

  /* Names by ID. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (model, i);

      g_assert_true (da_context_lookup_organization (f->context,
                                                     da_organization_get_org_id (org)) == org);
      g_assert_cmpstr (da_context_lookup_org_name (f->context, da_organization_get_org_id (org)),
                       ==, da_organization_get_org_name (org));
    }
  g_assert_null (da_context_lookup_org_name (f->context, "org-nonexistent"));

  /* Loaded once: no new request unless asked to refresh. */
  da_mock_server_reset_counts (f->server);
  da_context_load_organizations_async (f->context, FALSE, NULL, collect_cb, results);
  wait_for_results (results, 2);
  g_assert_true (da_context_load_organizations_finish (f->context, results->results->pdata[1],
                                                       &error));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/organizations*"), ==, 0);

  /* A refresh sees an organization created since, in the same model object. */
  {
    g_autoptr(Results) created = results_new ();
    g_autoptr(DaOrganization) org = NULL;
    DaClient *client = da_context_get_client (f->context);

    da_client_create_organization_async (client, "Context Test Org", DA_UNSET, NULL,
                                         collect_cb, created);
    wait_for_results (created, 1);
    org = da_client_create_organization_finish (client, created->results->pdata[0], &error);
    g_assert_no_error (error);

    da_context_load_organizations_async (f->context, TRUE, NULL, collect_cb, results);
    wait_for_results (results, 3);
    g_assert_true (da_context_load_organizations_finish (f->context, results->results->pdata[2],
                                                         &error));
    g_assert_true (da_context_get_organizations (f->context) == model);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
    g_assert_cmpstr (da_context_lookup_org_name (f->context, da_organization_get_org_id (org)),
                     ==, "Context Test Org");
  }
}

static void
test_refresh_during_load_loads_again (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(Results) results = results_new ();
  g_autoptr(GError) error = NULL;

  /* A refresh asked while a load runs gets a load that starts after it. */
  da_context_load_organizations_async (f->context, FALSE, NULL, collect_cb, results);
  da_context_load_organizations_async (f->context, TRUE, NULL, collect_cb, results);
  /* And a plain load asked meanwhile shares the first one. */
  da_context_load_organizations_async (f->context, FALSE, NULL, collect_cb, results);
  wait_for_results (results, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (da_context_load_organizations_finish (f->context, results->results->pdata[i],
                                                           &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/organizations*"), ==, 2);
}

typedef struct
{
  Fixture *f;
  Results *results;
} Chained;

/* A caller who, told the load is done, asks for a fresh one at once. */
static void
refresh_again_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Chained *chained = user_data;

  collect_cb (object, result, chained->results);
  da_context_load_organizations_async (chained->f->context, TRUE, NULL, collect_cb,
                                       chained->results);
}

static void
test_refresh_from_a_callback (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(Results) results = results_new ();
  g_autoptr(GError) error = NULL;
  Chained chained = { f, results };

  da_context_load_organizations_async (f->context, FALSE, NULL, refresh_again_cb, &chained);
  da_context_load_organizations_async (f->context, TRUE, NULL, collect_cb, results);
  wait_for_results (results, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (da_context_load_organizations_finish (f->context, results->results->pdata[i],
                                                           &error));
      g_assert_no_error (error);
    }
  /* The second load served both the waiting refresh and the callback's. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/organizations*"), ==, 2);
}

static void
test_forget (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Results) results = results_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  da_context_load_roles_async (f->context, NULL, collect_cb, results);
  da_context_load_organizations_async (f->context, FALSE, NULL, collect_cb, results);
  wait_for_results (results, 2);
  g_assert_true (da_context_get_roles_loaded (f->context));
  g_assert_true (da_context_get_organizations_loaded (f->context));

  da_context_forget (f->context);
  g_assert_false (da_context_get_roles_loaded (f->context));
  g_assert_false (da_context_get_organizations_loaded (f->context));
  g_assert_cmpuint (g_list_model_get_n_items (da_context_get_organizations (f->context)), ==, 0);
  g_assert_null (da_context_lookup_role_name (f->context, "account_admin"));

  /* A load under way when forgotten is cancelled at once. */
  g_ptr_array_set_size (results->results, 0);
  da_context_load_roles_async (f->context, NULL, collect_cb, results);
  da_context_forget (f->context);
  wait_for_results (results, 1);
  roles = da_context_load_roles_finish (f->context, results->results->pdata[0], &error);
  g_assert_null (roles);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Its late answer changes nothing; a new load works. */
  g_main_context_iteration (NULL, FALSE);
  g_assert_false (da_context_get_roles_loaded (f->context));
  da_context_load_roles_async (f->context, NULL, collect_cb, results);
  wait_for_results (results, 2);
  roles = da_context_load_roles_finish (f->context, results->results->pdata[1], &error);
  g_assert_no_error (error);
  g_assert_true (da_context_get_roles_loaded (f->context));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/context/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("properties", test_properties);
  ADD ("roles-loaded-once", test_roles_loaded_once);
  ADD ("roles-failure-not-kept", test_roles_failure_not_kept);
  ADD ("organizations", test_organizations);
  ADD ("refresh-during-load-loads-again", test_refresh_during_load_loads_again);
  ADD ("refresh-from-a-callback", test_refresh_from_a_callback);
  ADD ("forget", test_forget);

#undef ADD

  return g_test_run ();
}

/* test-pager.c: DaPager over the three paging styles, against the local API server and against
 * small servers of odd envelopes
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-client.h"
#include "da-client-private.h"
#include "da-mock-server.h"

typedef struct
{
  DaMockServer  *server;
  SoupServer    *local;
  SoupSession   *session;
  DaClient      *client;
  GAsyncResult  *result;

  /* the local server */
  const char    *mode;
  guint          local_total;
  guint          local_requests;
  GPtrArray     *local_asked;     /* "skip:limit" of each request, when not NULL */

  /* page-loaded bookkeeping */
  guint          pages;
  guint          expected_position;
  GCancellable  *cancel_after_pages_cancellable;
  guint          cancel_after_pages;
  guint          add_events_after_pages;
  guint          items_changed;
  gboolean       prepending;
} Fixture;

typedef struct
{
  guint members;
  guint audit_events;
  guint audit_limit_max;   /* 0: the server's default */
  guint audit_page_cap;
} Sizes;

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
  guint watchdog = g_timeout_add_seconds (120, on_watchdog_cb, NULL);

  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (watchdog);
  return g_steal_pointer (&f->result);
}

static gboolean
load_all (Fixture       *f,
          DaPager       *pager,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  da_pager_load_all_async (pager, cancellable, capture_cb, f);
  result = wait_result (f);

  return da_pager_load_all_finish (pager, result, error);
}

static gboolean
load_next (Fixture  *f,
           DaPager  *pager,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  da_pager_load_next_async (pager, NULL, capture_cb, f);
  result = wait_result (f);

  return da_pager_load_next_finish (pager, result, error);
}

static void
add_fault (Fixture    *f,
           const char *spec)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (da_mock_server_add_fault (f->server, spec, &error), >, 0);
  g_assert_no_error (error);
}

static void
on_page_loaded_cb (DaPager  *pager,
                   guint     position,
                   guint     n_items,
                   Fixture  *f)
{
  /* Pages arrive in order, each right after the previous one. */
  g_assert_cmpuint (position, ==, f->expected_position);
  if (!f->prepending)
    g_assert_cmpuint (position + n_items, ==,
                      g_list_model_get_n_items (da_pager_get_model (pager)));
  f->expected_position = position + n_items;
  f->pages++;

  if (f->cancel_after_pages != 0 && f->pages == f->cancel_after_pages)
    g_cancellable_cancel (f->cancel_after_pages_cancellable);

  if (f->add_events_after_pages != 0 && f->pages == f->add_events_after_pages)
    da_mock_server_add_audit_events (f->server, 25);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, >, 0);
  f->items_changed++;
}

static void
watch (Fixture *f,
       DaPager *pager)
{
  f->pages = 0;
  f->items_changed = 0;
  f->expected_position = g_list_model_get_n_items (da_pager_get_model (pager));
  g_signal_connect (pager, "page-loaded", G_CALLBACK (on_page_loaded_cb), f);
  g_signal_connect (da_pager_get_model (pager), "items-changed", G_CALLBACK (on_items_changed_cb),
                    f);
}

/* The user IDs of a member list, in order. */
static GPtrArray *
member_ids (GListModel *model)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (model, i);

      g_ptr_array_add (ids, g_strdup (da_member_get_user_id (member)));
    }

  return ids;
}

static void
assert_unique (GPtrArray *ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_add (seen, g_ptr_array_index (ids, i)));
}

static void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

/* Every member, one page of 200 after the other with load_next. */
static GPtrArray *
reference_members (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GError) error = NULL;

  while (da_pager_get_has_more (pager))
    {
      g_assert_true (load_next (f, pager, &error));
      g_assert_no_error (error);
    }

  return member_ids (da_pager_get_model (pager));
}

/* ---- Fixtures ---------------------------------------------------------------------------- */

static void
make_client (Fixture    *f,
             const char *base_url,
             const char *key)
{
  g_autoptr(GError) error = NULL;

  f->session = soup_session_new_with_options ("timeout", 20, "max-conns-per-host", 4, NULL);
  f->client = da_client_new (base_url, f->session, &error);
  g_assert_no_error (error);
  da_client_set_api_key (f->client, key);
  da_client_set_retry_policy (f->client, 3, 5, 20);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const Sizes *sizes = data;
  g_autoptr(GError) error = NULL;
  DaMockOptions options;

  da_mock_options_init (&options);
  if (sizes != NULL && sizes->members != 0)
    options.members = sizes->members;
  if (sizes != NULL && sizes->audit_events != 0)
    options.audit_events = sizes->audit_events;
  if (sizes != NULL && sizes->audit_limit_max != 0)
    options.audit_limit_max = sizes->audit_limit_max;
  if (sizes != NULL)
    options.audit_page_cap = sizes->audit_page_cap;
  f->server = da_mock_server_new (&options);
  da_mock_options_clear (&options);

  da_mock_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  make_client (f, da_mock_server_get_base_url (f->server),
               da_mock_server_get_admin_key (f->server));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  if (f->server != NULL)
    da_mock_server_stop (f->server);
  g_clear_object (&f->server);
  if (f->local != NULL)
    soup_server_disconnect (f->local);
  g_clear_object (&f->local);
  g_clear_object (&f->cancel_after_pages_cancellable);
  g_clear_pointer (&f->local_asked, g_ptr_array_unref);
}

/* ---- Skip/limit -------------------------------------------------------------------------- */

static const Sizes sizes_450 = { 450, 0 };
static const Sizes sizes_250 = { 250, 0 };
static const Sizes sizes_1000 = { 1000, 0 };
static const Sizes sizes_2000 = { 2000, 0 };
static const Sizes sizes_audit = { 20, 10000 };
static const Sizes sizes_audit_max_200 = { 20, 10000, 200, 0 };
static const Sizes sizes_audit_max_100 = { 20, 10000, 100, 0 };
static const Sizes sizes_audit_cap_250 = { 20, 10000, 0, 250 };
static const Sizes sizes_audit_1050 = { 20, 1050, 0, 0 };
static const Sizes sizes_audit_1150 = { 20, 1150, 0, 0 };
static const Sizes sizes_audit_members = { 1000, 10000 };

static void
test_skip_limit_pages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GPtrArray) reference = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (da_pager_get_style (pager), ==, DA_PAGER_SKIP_LIMIT);
  g_assert_cmpuint (da_pager_get_page_size (pager), ==, 200);
  g_assert_true (da_pager_get_has_more (pager));
  g_assert_cmpint (da_pager_get_total (pager), ==, -1);
  g_assert_false (da_pager_get_loading (pager));

  reference = reference_members (f);
  g_assert_cmpuint (reference->len, ==, 450);

  da_pager_set_page_size (pager, 100);
  watch (f, pager);
  da_mock_server_reset_counts (f->server);

  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (da_pager_get_error (pager));
  g_assert_false (da_pager_get_loading (pager));
  g_assert_false (da_pager_get_has_more (pager));
  g_assert_cmpint (da_pager_get_total (pager), ==, 450);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/members"), ==, 5);
  g_assert_cmpuint (f->pages, ==, 5);
  g_assert_cmpuint (f->items_changed, ==, 5);

  ids = member_ids (da_pager_get_model (pager));
  assert_unique (ids);
  assert_same_ids (ids, reference);

  /* Loading a finished list asks nothing. */
  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_true (load_next (f, pager, &error));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/members"), ==, 5);
}

static void
test_skip_limit_last_page (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *model = da_pager_get_model (pager);

  watch (f, pager);
  g_assert_true (load_next (f, pager, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 200);
  g_assert_true (da_pager_get_has_more (pager));
  g_assert_cmpint (da_pager_get_total (pager), ==, 250);

  g_assert_true (load_next (f, pager, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 250);
  g_assert_false (da_pager_get_has_more (pager));
  g_assert_cmpuint (f->pages, ==, 2);

  da_mock_server_reset_counts (f->server);
  g_assert_true (load_next (f, pager, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 250);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, NULL, NULL), ==, 0);
}

static void
test_ordering_with_concurrency (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GPtrArray) reference = reference_members (f);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  /* Every third request is slow, so later pages overtake earlier ones. */
  add_fault (f, "GET /members latency delay=150 every=3");
  da_pager_set_page_size (pager, 50);
  watch (f, pager);
  da_mock_server_reset_counts (f->server);

  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->pages, ==, 20);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/members"), ==, 20);

  ids = member_ids (da_pager_get_model (pager));
  assert_unique (ids);
  assert_same_ids (ids, reference);
}

static void
test_cancel_midway (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GPtrArray) reference = reference_members (f);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  add_fault (f, "GET /members latency delay=20");
  da_pager_set_page_size (pager, 50);
  watch (f, pager);
  f->cancel_after_pages_cancellable = g_cancellable_new ();
  f->cancel_after_pages = 3;

  g_assert_false (load_all (f, pager, f->cancel_after_pages_cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The pages already in stay; nothing after the cancellation was added. */
  n = g_list_model_get_n_items (da_pager_get_model (pager));
  g_assert_cmpuint (n, ==, 150);
  g_assert_cmpuint (f->pages, ==, 3);
  g_assert_true (da_pager_get_has_more (pager));
  g_assert_false (da_pager_get_loading (pager));
  g_assert_null (da_pager_get_error (pager));

  /* A later load continues where it stopped. */
  f->cancel_after_pages = 0;
  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  ids = member_ids (da_pager_get_model (pager));
  assert_unique (ids);
  assert_same_ids (ids, reference);
}

static void
test_load_next_after_error (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GPtrArray) reference = reference_members (f);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model = da_pager_get_model (pager);

  da_pager_set_page_size (pager, 100);
  g_assert_true (load_next (f, pager, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 100);

  add_fault (f, "GET /members 500 times=1");
  g_assert_false (load_next (f, pager, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 100);
  g_assert_true (da_pager_get_has_more (pager));
  g_assert_error (da_pager_get_error (pager), DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);

  g_assert_true (load_next (f, pager, &error));
  g_assert_no_error (error);
  g_assert_null (da_pager_get_error (pager));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 200);

  /* An error in the middle of load_all keeps what is in order, and a retry fills the rest. */
  add_fault (f, "GET /members 500 times=1");
  g_assert_false (load_all (f, pager, NULL, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);

  ids = member_ids (model);
  assert_unique (ids);
  assert_same_ids (ids, reference);
}

static void
test_load_all_error_midway (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GPtrArray) reference = reference_members (f);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  da_pager_set_page_size (pager, 100);
  add_fault (f, "GET /members 500 every=4");

  g_assert_false (load_all (f, pager, NULL, &error));
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_clear_error (&error);

  n = g_list_model_get_n_items (da_pager_get_model (pager));
  g_assert_cmpuint (n % 100, ==, 0);
  g_assert_cmpuint (n, <, 1000);
  ids = member_ids (da_pager_get_model (pager));
  assert_unique (ids);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, g_ptr_array_index (reference, i));
  g_clear_pointer (&ids, g_ptr_array_unref);

  da_mock_server_clear_faults (f->server);
  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  ids = member_ids (da_pager_get_model (pager));
  assert_same_ids (ids, reference);
}

static void
test_load_while_loading (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  da_pager_load_all_async (pager, NULL, capture_cb, f);
  g_assert_true (da_pager_get_loading (pager));

  /* A second load while one runs is refused, and the first goes on. */
  {
    Fixture other = { 0 };

    da_pager_load_next_async (pager, NULL, capture_cb, &other);
    second = wait_result (&other);
  }
  g_assert_false (da_pager_load_next_finish (pager, second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);

  first = wait_result (f);
  g_assert_true (da_pager_load_all_finish (pager, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), ==, 1000);
}

static void
test_page_sizes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DaPager) members = da_client_list_members (f->client, NULL);
  g_autoptr(DaPager) keys = da_client_list_api_keys (f->client, NULL);
  g_autoptr(DaPager) audit = da_client_list_audit_logs (f->client, DA_TIME_UNSET, DA_TIME_UNSET);

  g_assert_cmpuint (da_pager_get_first_page_size (members), ==, 0);
  da_pager_set_page_size (members, 0);
  g_assert_cmpuint (da_pager_get_page_size (members), ==, 1);
  da_pager_set_page_size (members, 5000);
  g_assert_cmpuint (da_pager_get_page_size (members), ==, 200);

  g_assert_cmpuint (da_pager_get_page_size (keys), ==, 100);
  da_pager_set_page_size (keys, 5000);
  g_assert_cmpuint (da_pager_get_page_size (keys), ==, 100);

  /* Audit logs come a page after the other: large pages (no maximum is documented). */
  g_assert_cmpuint (da_pager_get_page_size (audit), ==, 1000);
  da_pager_set_page_size (audit, 5000);
  g_assert_cmpuint (da_pager_get_page_size (audit), ==, 1000);
  g_assert_cmpint (da_pager_get_style (audit), ==, DA_PAGER_CURSOR);
  g_assert_true (da_pager_get_item_type (audit) == DA_TYPE_AUDIT_EVENT);
  g_assert_true (da_pager_get_item_type (members) == DA_TYPE_MEMBER);
  g_assert_true (da_pager_get_item_type (keys) == DA_TYPE_API_KEY);
}

/* ---- Page/per_page ----------------------------------------------------------------------- */

static void
test_page_style (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DaPager) all = da_client_list_api_keys (f->client, NULL);
  g_autoptr(DaPager) pager = da_client_list_api_keys (f->client, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *model;
  guint n;

  g_assert_true (load_all (f, all, NULL, &error));
  n = g_list_model_get_n_items (da_pager_get_model (all));
  g_assert_cmpuint (n, >, 4);

  da_pager_set_page_size (pager, 2);
  /* Ignored here: page-numbered pages are all of one size, which another first would misalign. */
  da_pager_set_first_page_size (pager, 1);
  da_mock_server_reset_counts (f->server);
  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  model = da_pager_get_model (pager);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpint (da_pager_get_total (pager), ==, n);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/api-keys"), ==,
                    (n + 1) / 2);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaApiKey) key = g_list_model_get_item (model, i);
      g_autoptr(DaApiKey) same = g_list_model_get_item (da_pager_get_model (all), i);

      g_assert_true (g_hash_table_add (seen, g_strdup (da_api_key_get_id (key))));
      g_assert_cmpstr (da_api_key_get_id (key), ==, da_api_key_get_id (same));
    }
}

/* ---- Cursors ----------------------------------------------------------------------------- */

static void
assert_newest_first (GListModel *model)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 previous = G_MAXINT64;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);

      g_assert_cmpint (da_audit_event_get_created_at (event), <=, previous);
      previous = da_audit_event_get_created_at (event);
      g_assert_true (g_hash_table_add (seen, g_strdup (da_audit_event_get_audit_log_id (event))));
    }
}

static void
test_audit_cursor (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_audit_logs (f->client, DA_TIME_UNSET, DA_TIME_UNSET);
  g_autoptr(GPtrArray) newer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaAuditEvent) first = NULL;
  GListModel *model = da_pager_get_model (pager);

  /* Other admins add events while we read. */
  watch (f, pager);
  f->add_events_after_pages = 1;
  da_mock_server_reset_counts (f->server);

  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10000);
  g_assert_cmpuint (f->pages, ==, 10);
  g_assert_cmpint (da_pager_get_total (pager), ==, -1);
  /* 10 full pages of 1,000, then an empty one that ends the list */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/audit-logs"), <=, 11);
  assert_newest_first (model);

  first = g_list_model_get_item (model, 0);

  /* Reading forward brings exactly the events added meanwhile, newest first. */
  da_pager_fetch_newer_async (pager, NULL, capture_cb, f);
  result = wait_result (f);
  newer = da_pager_fetch_newer_finish (pager, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newer->len, ==, 25);
  for (guint i = 0; i < newer->len; i++)
    g_assert_cmpint (da_audit_event_get_created_at (g_ptr_array_index (newer, i)), >=,
                     da_audit_event_get_created_at (first));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10000);

  f->expected_position = 0;
  f->prepending = TRUE;
  f->add_events_after_pages = 0;
  f->pages = 0;
  da_pager_prepend (pager, newer);
  g_assert_cmpuint (f->pages, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10025);
  assert_newest_first (model);
  g_clear_object (&result);
  g_clear_pointer (&newer, g_ptr_array_unref);

  /* Nothing new: nothing fetched. A page of newer ones past the page size walks forward. */
  f->expected_position = g_list_model_get_n_items (model);
  da_pager_fetch_newer_async (pager, NULL, capture_cb, f);
  result = wait_result (f);
  newer = da_pager_fetch_newer_finish (pager, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newer->len, ==, 0);
  g_clear_object (&result);
  g_clear_pointer (&newer, g_ptr_array_unref);

  da_pager_set_page_size (pager, 10);
  da_mock_server_add_audit_events (f->server, 37);
  da_pager_fetch_newer_async (pager, NULL, capture_cb, f);
  result = wait_result (f);
  newer = da_pager_fetch_newer_finish (pager, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newer->len, ==, 37);
  f->expected_position = 0;
  da_pager_prepend (pager, newer);
  assert_newest_first (model);
}

/* A server whose maximum is lower than the pages asked for and says so (422 on `limit`): the
 * pages asked for get smaller, down to the API's default, and the whole log loads, in order. */
static void
test_audit_refused_size (Fixture       *f,
                         gconstpointer  data)
{
  const Sizes *sizes = data;
  g_autoptr(DaPager) pager = da_client_list_audit_logs (f->client, DA_TIME_UNSET, DA_TIME_UNSET);
  g_autoptr(DaPager) next = da_client_list_audit_logs (f->client, DA_TIME_UNSET, DA_TIME_UNSET);
  g_autoptr(GError) error = NULL;
  GListModel *model = da_pager_get_model (pager);
  guint pages = 10000 / sizes->audit_limit_max;

  da_mock_server_reset_counts (f->server);
  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10000);
  assert_newest_first (model);
  g_assert_cmpuint (da_pager_get_page_size (pager), ==, sizes->audit_limit_max);
  /* the refused sizes (1,000, and 200 for a maximum of 100), the pages, the empty one */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/audit-logs"), <=,
                    (sizes->audit_limit_max < 200 ? 2 : 1) + pages + 1);

  /* One page at a time (as the Audit Log page loads), the first comes at once. */
  g_assert_true (load_next (f, next, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (next)), ==,
                    sizes->audit_limit_max);
  g_assert_true (da_pager_get_has_more (next));
}

/* A server that gives fewer entries than asked without a word: a short page of at least the
 * API's default size is not taken for the end, and the whole log loads. */
static void
test_audit_capped (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_audit_logs (f->client, DA_TIME_UNSET, DA_TIME_UNSET);
  g_autoptr(GError) error = NULL;
  GListModel *model = da_pager_get_model (pager);

  da_mock_server_reset_counts (f->server);
  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10000);
  assert_newest_first (model);
  /* 40 pages of 250, the empty one, and perhaps one asked before the size was known */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/audit-logs"), <=, 42);
}

/* Where a log ends: a last page under the API's default size ends it (1,050 events: 1,000, then
 * 50); a last page of at least that size, fewer than asked, is followed by one more, which comes
 * empty and ends it (1,150: 1,000, then 150). The next page is asked for as soon as a page's last
 * ID is read, before the page is decoded, so either load may ask for one page past the end. */
static void
test_audit_last_page (Fixture       *f,
                      gconstpointer  data)
{
  const Sizes *sizes = data;
  g_autoptr(DaPager) pager = da_client_list_audit_logs (f->client, DA_TIME_UNSET, DA_TIME_UNSET);
  g_autoptr(GError) error = NULL;

  da_mock_server_reset_counts (f->server);
  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), ==,
                    sizes->audit_events);
  g_assert_false (da_pager_get_has_more (pager));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/audit-logs"), <=, 3);
}

static void
test_audit_range (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DaPager) everything = da_client_list_audit_logs (f->client, DA_TIME_UNSET,
                                                             DA_TIME_UNSET);
  g_autoptr(DaPager) range = NULL;
  g_autoptr(DaAuditEvent) newest = NULL;
  g_autoptr(DaAuditEvent) oldest = NULL;
  g_autoptr(GError) error = NULL;
  guint strict = 0, inclusive = 0, n;
  gint64 since, until;
  GListModel *model;

  g_assert_true (load_all (f, everything, NULL, &error));
  model = da_pager_get_model (everything);
  newest = g_list_model_get_item (model, 1000);
  oldest = g_list_model_get_item (model, 6000);
  until = da_audit_event_get_created_at (newest);
  since = da_audit_event_get_created_at (oldest);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);
      gint64 t = da_audit_event_get_created_at (event);

      if (t > since && t < until)
        strict++;
      if (t >= since && t <= until)
        inclusive++;
    }

  range = da_client_list_audit_logs (f->client, since, until);
  da_pager_set_page_size (range, 150);
  g_assert_true (load_all (f, range, NULL, &error));
  g_assert_no_error (error);
  model = da_pager_get_model (range);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, strict);
  g_assert_cmpuint (n, <=, inclusive);
  assert_newest_first (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);

      g_assert_cmpint (da_audit_event_get_created_at (event), >=, since);
      g_assert_cmpint (da_audit_event_get_created_at (event), <=, until);
    }
}

static void
test_fetch_newer_wrong_style (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  da_pager_fetch_newer_async (pager, NULL, capture_cb, f);
  result = wait_result (f);
  g_assert_null (da_pager_fetch_newer_finish (pager, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

/* ---- Envelopes of other servers ---------------------------------------------------------- */

static guint
query_uint (GHashTable *query,
            const char *name,
            guint       fallback)
{
  const char *value = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
local_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  guint skip = query_uint (query, "skip", 0);
  guint limit = query_uint (query, "limit", 100);
  g_autoptr(GString) body = g_string_new (NULL);
  const char *mode = f->mode;
  guint first, count;

  f->local_requests++;
  if (f->local_asked != NULL)
    g_ptr_array_add (f->local_asked, g_strdup_printf ("%u:%u", skip, limit));

  if (g_str_equal (mode, "ignores-skip"))
    skip = 0;
  if (g_str_equal (mode, "caps-limit"))
    limit = MIN (limit, 50);

  first = MIN (skip, f->local_total);
  count = MIN (limit, f->local_total - first);

  if (g_str_equal (mode, "bare-array"))
    g_string_append (body, "[");
  else if (g_str_equal (mode, "older-key"))
    g_string_append (body, "{\"members\": [");
  else
    g_string_append (body, "{\"items\": [");

  for (guint i = 0; i < count && g_str_equal (mode, "large-members"); i++)
    {
      /* Members of a name of 4 KiB each: a page of 200 is some 800 KiB. */
      g_string_append_printf (body, "%s{\"user_id\": \"user-%u\", \"email\": \"m%u@example.com\", "
                              "\"enterprise_role\": \"member\", \"name\": \"", i > 0 ? ", " : "",
                              first + i, first + i);
      for (guint j = 0; j < 4096; j++)
        g_string_append_c (body, 'a' + j % 26);
      g_string_append (body, "\"}");
    }
  for (guint i = 0; i < count && !g_str_equal (mode, "large-members"); i++)
    g_string_append_printf (body, "%s{\"role_id\": \"role-%u\", \"role_name\": \"Role %u\", "
                            "\"role_type\": \"account\"}", i > 0 ? ", " : "", first + i,
                            first + i);

  if (g_str_equal (mode, "bare-array"))
    g_string_append (body, "]");
  else if (g_str_equal (mode, "total-only") || g_str_equal (mode, "caps-limit") ||
           g_str_equal (mode, "large-members"))
    g_string_append_printf (body, "], \"total\": %u, \"skip\": %u, \"limit\": %u}",
                            f->local_total, skip, limit);
  else if (g_str_equal (mode, "empty-has-more"))
    g_string_append (body, "], \"has_more\": true}");
  else if (g_str_equal (mode, "wrong-total"))
    g_string_append (body, "], \"total\": \"many\"}");
  else
    g_string_append (body, "]}");

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str,
                                    body->len);
}

static DaPager *
local_pager (Fixture    *f,
             const char *mode,
             guint       total,
             guint       page_size)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;
  DaPager *pager;

  if (f->local == NULL)
    {
      f->local = soup_server_new (NULL, NULL);
      soup_server_add_handler (f->local, "/v2/enterprise/things", local_handler, f, NULL);
      soup_server_listen_local (f->local, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
      g_assert_no_error (error);
      uris = soup_server_get_uris (f->local);
      base = g_strdup_printf ("http://127.0.0.1:%d/v2/enterprise", g_uri_get_port (uris->data));
      make_client (f, base, "apk_user_local");
    }

  f->mode = mode;
  f->local_total = total;
  f->local_requests = 0;

  pager = _da_pager_new (f->client, DA_PAGER_SKIP_LIMIT, DA_TYPE_ROLE,
                         (DaDecodeFunc) da_role_new_from_json, NULL, "/things", NULL);
  da_pager_set_page_size (pager, page_size);

  return pager;
}

static void
assert_roles_in_order (GListModel *model,
                       guint       n)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaRole) role = g_list_model_get_item (model, i);
      g_autofree char *expected = g_strdup_printf ("role-%u", i);

      g_assert_cmpstr (da_role_get_role_id (role), ==, expected);
    }
}

static void
test_envelopes (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* No has_more: derived from the total. */
  {
    g_autoptr(DaPager) pager = local_pager (f, "total-only", 25, 10);

    g_assert_true (load_all (f, pager, NULL, &error));
    g_assert_no_error (error);
    assert_roles_in_order (da_pager_get_model (pager), 25);
    g_assert_cmpint (da_pager_get_total (pager), ==, 25);
    g_assert_cmpuint (f->local_requests, ==, 3);
  }

  /* Neither has_more nor total: a short page ends the list. */
  {
    g_autoptr(DaPager) pager = local_pager (f, "items-only", 25, 10);

    g_assert_true (load_all (f, pager, NULL, &error));
    assert_roles_in_order (da_pager_get_model (pager), 25);
    g_assert_cmpint (da_pager_get_total (pager), ==, -1);
    g_assert_cmpuint (f->local_requests, ==, 3);
  }

  /* A full last page costs one more, empty, request. */
  {
    g_autoptr(DaPager) pager = local_pager (f, "items-only", 20, 10);

    g_assert_true (load_all (f, pager, NULL, &error));
    assert_roles_in_order (da_pager_get_model (pager), 20);
    g_assert_cmpuint (f->local_requests, ==, 3);
  }

  /* The older key, and a bare array. */
  {
    g_autoptr(DaPager) pager = local_pager (f, "older-key", 15, 10);

    g_assert_true (load_all (f, pager, NULL, &error));
    assert_roles_in_order (da_pager_get_model (pager), 15);
  }
  {
    g_autoptr(DaPager) pager = local_pager (f, "bare-array", 7, 10);

    g_assert_true (load_all (f, pager, NULL, &error));
    assert_roles_in_order (da_pager_get_model (pager), 7);
  }

  /* A server that says has_more but sends nothing does not make us loop. */
  {
    g_autoptr(DaPager) pager = local_pager (f, "empty-has-more", 0, 10);

    g_assert_true (load_all (f, pager, NULL, &error));
    g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), ==, 0);
    g_assert_cmpuint (f->local_requests, ==, 1);
    g_assert_false (da_pager_get_has_more (pager));
  }

  /* Nor does one that ignores skip. */
  {
    g_autoptr(DaPager) pager = local_pager (f, "ignores-skip", 100, 10);

    g_assert_true (load_all (f, pager, NULL, &error));
    assert_roles_in_order (da_pager_get_model (pager), 10);
    g_assert_cmpuint (f->local_requests, ==, 2);
  }

  /* A server with a lower maximum than we ask for: no gaps, no duplicates. */
  {
    g_autoptr(DaPager) pager = local_pager (f, "caps-limit", 230, 200);

    g_assert_true (load_all (f, pager, NULL, &error));
    g_assert_no_error (error);
    assert_roles_in_order (da_pager_get_model (pager), 230);
  }

  /* A wrong-typed envelope is an invalid response naming the endpoint. */
  {
    g_autoptr(DaPager) pager = local_pager (f, "wrong-total", 5, 10);

    g_assert_false (load_all (f, pager, NULL, &error));
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE);
    g_assert_nonnull (strstr (error->message, "/things"));
    g_assert_nonnull (strstr (error->message, "127.0.0.1"));
    g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), ==, 0);
    g_clear_error (&error);
  }
}

/* ---- A smaller first page ----------------------------------------------------------------- */

static void
test_first_page_cursor (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DaPager) pager = da_client_list_audit_logs (f->client, DA_TIME_UNSET, DA_TIME_UNSET);
  g_autoptr(GError) error = NULL;
  GListModel *model = da_pager_get_model (pager);

  da_pager_set_page_size (pager, 200);
  da_pager_set_first_page_size (pager, 50);
  g_assert_cmpuint (da_pager_get_first_page_size (pager), ==, 50);
  watch (f, pager);
  da_mock_server_reset_counts (f->server);

  /* The first page alone, then pages of the page size. */
  g_assert_true (load_next (f, pager, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 50);
  g_assert_true (load_next (f, pager, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 250);

  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (da_pager_get_has_more (pager));
  /* 50, then 200 at a time: 49 full pages and one of 150. */
  g_assert_cmpuint (f->pages, ==, 51);
  assert_newest_first (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10000);
}

/* Where pages are decoded: a hot list's first page as it comes, the others on the main thread
 * when it is idle, but for a page too large for that, which goes to the worker thread; a list
 * without a decoder of the text goes to the worker thread (test_first_page_offsets()). The
 * local server's pages come after the mock server's: the client is replaced. */
static void
test_decoding_where (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint at_once, when_idle, in_thread;

  {
    g_autoptr(DaPager) pager = da_client_list_audit_logs (f->client, DA_TIME_UNSET,
                                                          DA_TIME_UNSET);

    da_pager_set_page_size (pager, 200);
    da_pager_set_first_page_size (pager, 50);
    watch (f, pager);
    g_assert_true (load_all (f, pager, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), ==, 10000);
    assert_newest_first (da_pager_get_model (pager));

    /* 50, then 49 pages of 200, one of 150 and the empty one that tells the end. */
    _da_pager_get_decode_counts (pager, &at_once, &when_idle, &in_thread);
    g_assert_cmpuint (at_once, ==, 1);
    g_assert_cmpuint (when_idle, ==, 51);
    g_assert_cmpuint (in_thread, ==, 0);
  }

  {
    g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);

    da_pager_set_page_size (pager, 100);
    da_pager_set_first_page_size (pager, 30);
    watch (f, pager);
    g_assert_true (load_all (f, pager, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), ==, 1000);

    /* 30, then 100 at a time: 10 pages of 100 and one of 70. */
    _da_pager_get_decode_counts (pager, &at_once, &when_idle, &in_thread);
    g_assert_cmpuint (at_once, ==, 1);
    g_assert_cmpuint (when_idle, ==, 10);
    g_assert_cmpuint (in_thread, ==, 0);
  }

  {
    g_autoptr(DaPager) pager = NULL;

    /* Pages of some 800 KiB: too large for the main thread. */
    g_object_unref (local_pager (f, "large-members", 450, 200));
    pager = _da_pager_new (f->client, DA_PAGER_SKIP_LIMIT, DA_TYPE_MEMBER,
                           (DaDecodeFunc) da_member_new_from_json, NULL, "/things", NULL);
    da_pager_set_page_size (pager, 200);
    watch (f, pager);
    g_assert_true (load_all (f, pager, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), ==, 450);
    {
      g_autoptr(DaMember) last = g_list_model_get_item (da_pager_get_model (pager), 449);

      g_assert_cmpstr (da_member_get_user_id (last), ==, "user-449");
      g_assert_cmpuint (strlen (da_member_get_name (last)), ==, 4096);
    }

    /* 200, 200 and 50 (some 200 KiB, on the main thread). */
    _da_pager_get_decode_counts (pager, &at_once, &when_idle, &in_thread);
    g_assert_cmpuint (at_once, ==, 0);
    g_assert_cmpuint (when_idle, ==, 1);
    g_assert_cmpuint (in_thread, ==, 2);
  }
}

/* Which roles were decoded on the main thread, and which in another. */
static GMutex decoded_lock;
static GThread *main_thread;
static GHashTable *decoded_on_main;   /* role ID → TRUE (on the main thread) or FALSE */

static gpointer
decode_role_recording (JsonObject  *object,
                       GError     **error)
{
  const char *id = json_object_get_string_member_with_default (object, "role_id", "");

  g_mutex_lock (&decoded_lock);
  g_hash_table_insert (decoded_on_main, g_strdup (id),
                       GINT_TO_POINTER (g_thread_self () == main_thread));
  g_mutex_unlock (&decoded_lock);

  return da_role_new_from_json (object, error);
}

static void
test_first_page_offsets (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DaPager) pager = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) decoded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *expected[] = { "0:30", "30:100", "130:100", "230:100" };

  /* The local server, with a pager of our own decoder. */
  g_object_unref (local_pager (f, "total-only", 250, 100));
  pager = _da_pager_new (f->client, DA_PAGER_SKIP_LIMIT, DA_TYPE_ROLE, decode_role_recording,
                         NULL, "/things", NULL);
  da_pager_set_page_size (pager, 100);
  da_pager_set_first_page_size (pager, 30);
  f->local_asked = g_ptr_array_new_with_free_func (g_free);
  f->local_requests = 0;
  main_thread = g_thread_self ();
  decoded_on_main = decoded;
  watch (f, pager);

  g_assert_true (load_all (f, pager, NULL, &error));
  g_assert_no_error (error);
  decoded_on_main = NULL;

  /* Every role once, in order, from four requests: 30 first, then 100 at a time from 30. */
  assert_roles_in_order (da_pager_get_model (pager), 250);
  g_assert_cmpuint (f->pages, ==, 4);
  /* In any order: four requests are in flight at once. */
  g_assert_cmpuint (f->local_asked->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_ptr_array_find_with_equal_func (f->local_asked, expected[i], g_str_equal,
                                                     NULL));

  /* The first page's rows at once, on the main thread; the others in a worker thread. */
  g_assert_cmpuint (g_hash_table_size (decoded), ==, 250);
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *id = g_strdup_printf ("role-%u", i);
      gpointer on_main = NULL;

      g_assert_true (g_hash_table_lookup_extended (decoded, id, NULL, &on_main));
      if (i < 30)
        g_assert_true (GPOINTER_TO_INT (on_main));
      else
        g_assert_false (GPOINTER_TO_INT (on_main));
    }

  /* A server that ignores skip answers the start of the list again, whatever the size asked
   * for: the list ends there rather than showing those rows twice. */
  {
    g_autoptr(DaPager) again = local_pager (f, "ignores-skip", 250, 100);

    da_pager_set_first_page_size (again, 30);
    g_assert_true (load_all (f, again, NULL, &error));
    g_assert_no_error (error);
    assert_roles_in_order (da_pager_get_model (again), 30);
    g_assert_cmpuint (f->local_requests, ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, sizes, func) \
  g_test_add ("/pager/" path, Fixture, sizes, fixture_setup, func, fixture_teardown)

  ADD ("skip-limit/pages", &sizes_450, test_skip_limit_pages);
  ADD ("skip-limit/last-page", &sizes_250, test_skip_limit_last_page);
  ADD ("skip-limit/ordering", &sizes_1000, test_ordering_with_concurrency);
  ADD ("skip-limit/cancel", &sizes_2000, test_cancel_midway);
  ADD ("skip-limit/load-next-after-error", &sizes_450, test_load_next_after_error);
  ADD ("skip-limit/load-all-error", &sizes_1000, test_load_all_error_midway);
  ADD ("skip-limit/while-loading", &sizes_1000, test_load_while_loading);
  ADD ("page-sizes", NULL, test_page_sizes);
  ADD ("page-style", NULL, test_page_style);
  ADD ("cursor/audit", &sizes_audit, test_audit_cursor);
  ADD ("cursor/range", &sizes_audit, test_audit_range);
  ADD ("cursor/refused-size-200", &sizes_audit_max_200, test_audit_refused_size);
  ADD ("cursor/refused-size-100", &sizes_audit_max_100, test_audit_refused_size);
  ADD ("cursor/capped", &sizes_audit_cap_250, test_audit_capped);
  ADD ("cursor/last-page-short", &sizes_audit_1050, test_audit_last_page);
  ADD ("cursor/last-page-default-size", &sizes_audit_1150, test_audit_last_page);
  ADD ("cursor/wrong-style", NULL, test_fetch_newer_wrong_style);
  ADD ("first-page/cursor", &sizes_audit, test_first_page_cursor);
  ADD ("decoding/where", &sizes_audit_members, test_decoding_where);
  g_test_add ("/pager/envelopes", Fixture, NULL, NULL, test_envelopes, fixture_teardown);
  g_test_add ("/pager/first-page/offsets", Fixture, NULL, NULL, test_first_page_offsets,
              fixture_teardown);

#undef ADD

  return g_test_run ();
}

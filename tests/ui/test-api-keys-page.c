/* test-api-keys-page.c: the API Keys page against the local server, and Revoke All in the whole
 * application
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-api-keys-page.h"
#include "da-application.h"
#include "da-format.h"
#include "da-list-footer.h"
#include "da-state-view.h"
#include "da-test-ui.h"
#include "da-welcome-page.h"
#include "da-window.h"

#define MEMBER_KEY "apk_user_member_api_keys"
#define PAGE_SIZE 10

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  GtkWidget    *page;
  GtkWindow    *window;
  DaStateView  *state_view;
} Fixture;

static void
start_server (Fixture *f)
{
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 60;
  options.member_key = g_strdup (MEMBER_KEY);
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *key = data;

  start_server (f);
  f->context = da_test_context_new (f->server, key);
  f->page = da_api_keys_page_new (f->context);
  /* Small pages, so that the list takes several requests. */
  da_api_keys_page_set_page_size (DA_API_KEYS_PAGE (f->page), PAGE_SIZE);
  f->state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  g_assert_nonnull (f->state_view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  g_clear_object (&f->context);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = da_test_find_widget (root, G_TYPE_NONE, name);

  g_assert_nonnull (widget);
  return widget;
}

static GListModel *
rows_of (GtkWidget *page)
{
  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (find (page, "keys-view"))));
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (rows_of (f->page));
}

static gboolean
is_settled (GtkWidget *page)
{
  DaStateView *view = DA_STATE_VIEW (da_test_find_widget (page, DA_TYPE_STATE_VIEW, NULL));

  return !da_page_get_busy (DA_PAGE (page)) &&
         da_state_view_get_state (view) != DA_STATE_VIEW_LOADING;
}

static void
show_page (Fixture *f)
{
  f->window = da_test_window_new (f->page, 1000, 640);
  DA_TEST_WAIT_UNTIL (is_settled (f->page));
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static GListModel *
api_keys_with (DaClient   *client,
               const char *org_id,
               GError    **error)
{
  g_autoptr(DaPager) pager = da_client_list_api_keys (client, org_id);
  DaTestAsync async = { 0 };
  gboolean ok;

  da_pager_load_all_async (pager, NULL, da_test_async_cb, &async);
  ok = da_pager_load_all_finish (pager, da_test_async_wait (&async), error);
  da_test_async_clear (&async);
  return ok ? g_object_ref (da_pager_get_model (pager)) : NULL;
}

static GListModel *
api_keys (Fixture    *f,
          const char *org_id)
{
  g_autoptr(GError) error = NULL;
  GListModel *keys = api_keys_with (da_context_get_client (f->context), org_id, &error);

  g_assert_no_error (error);
  return keys;
}

static gboolean
has_key (GListModel *keys,
         const char *key_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(DaApiKey) key = g_list_model_get_item (keys, i);

      if (g_strcmp0 (da_api_key_get_id (key), key_id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_list_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GListModel) keys = NULL;
  g_autofree char *count = NULL;
  g_autofree char *created = NULL;
  guint n_service = 0, n_user = 0;
  guint n;

  da_mock_server_reset_counts (f->server);
  show_page (f);
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));

  keys = api_keys (f, NULL);
  n = g_list_model_get_n_items (keys);
  g_assert_cmpuint (n, >, 3 * PAGE_SIZE);
  g_assert_cmpuint (n_rows (f), ==, n);
  /* Page after page, not all at once. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/api-keys"), >=,
                    (n + PAGE_SIZE - 1) / PAGE_SIZE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (da_test_find_widget (f->page,
                                                                           DA_TYPE_LIST_FOOTER,
                                                                           NULL))));

  count = g_strdup_printf ("%u keys", n);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find (f->page, "count-label"))), ==, count);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaApiKey) key = g_list_model_get_item (keys, i);

      if (da_api_key_get_is_service_key (key))
        n_service++;
      else
        n_user++;
    }
  g_assert_cmpuint (n_service, >, 0);
  g_assert_cmpuint (n_user, >, 0);

  /* Owners, or "Service key", on the rows in view. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(DaApiKey) key = g_list_model_get_item (rows_of (f->page), i);

      g_assert_true (da_test_has_label (f->page, da_api_key_get_is_service_key (key)
                                                 ? "Service key"
                                                 : da_api_key_get_user_email (key)));
    }
  {
    g_autoptr(DaApiKey) first = g_list_model_get_item (rows_of (f->page), 0);

    g_autofree char *exact = da_format_exact_time (da_api_key_get_created_at (first));
    GtkWidget *label;

    /* When it was created: relative, and exact in a tooltip. */
    created = da_format_relative_time (da_api_key_get_created_at (first), da_now ());
    label = da_test_find_by_text (f->page, GTK_TYPE_LABEL, created);
    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, exact);
    g_assert_true (da_test_has_label (f->page, da_api_key_get_org_name (first)));
  }

  da_test_screenshot (GTK_WIDGET (f->window), "api-keys");
}

static guint
org_position (Fixture    *f,
              const char *org_id)
{
  GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (find (f->page,
                                                                    "organization-dropdown")));
  const char *name = da_context_lookup_org_name (f->context, org_id);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      return i;

  g_assert_not_reached ();
  return GTK_INVALID_LIST_POSITION;
}

static void
test_filter_by_organization (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) org_keys = NULL;
  g_autoptr(DaApiKey) some = NULL;
  GtkDropDown *dropdown;
  g_autofree char *org_id = NULL;
  GListModel *rows;

  show_page (f);
  DA_TEST_WAIT_UNTIL (da_context_get_organizations_loaded (f->context));
  all = api_keys (f, NULL);
  some = g_list_model_get_item (all, g_list_model_get_n_items (all) - 1);
  org_id = g_strdup (da_api_key_get_org_id (some));

  dropdown = GTK_DROP_DOWN (find (f->page, "organization-dropdown"));
  da_mock_server_reset_counts (f->server);
  gtk_drop_down_set_selected (dropdown, org_position (f, org_id));
  g_assert_cmpstr (da_api_keys_page_get_org_id (DA_API_KEYS_PAGE (f->page)), ==, org_id);
  DA_TEST_WAIT_UNTIL (is_settled (f->page) && n_rows (f) < g_list_model_get_n_items (all));

  /* The server did the filtering. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/api-keys"), >=, 1);
  org_keys = api_keys (f, org_id);
  rows = rows_of (f->page);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, g_list_model_get_n_items (org_keys));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DaApiKey) key = g_list_model_get_item (rows, i);

      g_assert_cmpstr (da_api_key_get_org_id (key), ==, org_id);
    }

  /* Back to every organization. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_null (da_api_keys_page_get_org_id (DA_API_KEYS_PAGE (f->page)));
  DA_TEST_WAIT_UNTIL (is_settled (f->page) && n_rows (f) == g_list_model_get_n_items (all));
}

static void
test_filtered_organization_deleted (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GListModel) orgs = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doomed = NULL;
  GtkDropDown *dropdown;
  DaTestAsync async = { 0 };

  show_page (f);
  DA_TEST_WAIT_UNTIL (da_context_get_organizations_loaded (f->context));
  orgs = g_object_ref (da_context_get_organizations (f->context));
  {
    /* The last organization: not the primary one, which cannot be deleted. */
    g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, g_list_model_get_n_items (orgs) - 1);

    doomed = g_strdup (da_organization_get_org_id (org));
  }
  dropdown = GTK_DROP_DOWN (find (f->page, "organization-dropdown"));
  gtk_drop_down_set_selected (dropdown, org_position (f, doomed));
  DA_TEST_WAIT_UNTIL (is_settled (f->page));
  g_assert_cmpstr (da_api_keys_page_get_org_id (DA_API_KEYS_PAGE (f->page)), ==, doomed);

  /* Another admin deletes it; the page is refreshed. */
  da_client_delete_organization_async (da_context_get_client (f->context), doomed, NULL,
                                       da_test_async_cb, &async);
  g_assert_true (da_client_call_finish (da_context_get_client (f->context),
                                        da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);
  da_page_refresh (DA_PAGE (f->page));

  /* Every organization's keys again, and the filter no longer offers it. */
  all = api_keys (f, NULL);
  DA_TEST_WAIT_UNTIL (is_settled (f->page) &&
                      da_api_keys_page_get_org_id (DA_API_KEYS_PAGE (f->page)) == NULL &&
                      n_rows (f) == g_list_model_get_n_items (all));
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_CONTENT);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_false (da_api_keys_page_select_org (DA_API_KEYS_PAGE (f->page), doomed));
}

static void
test_revoke_one (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autofree char *key_id = NULL;
  GtkSelectionModel *rows;
  guint position = GTK_INVALID_LIST_POSITION;

  show_page (f);
  before = api_keys (f, NULL);
  rows = GTK_SELECTION_MODEL (rows_of (f->page));

  /* Nothing selected, nothing to revoke. */
  g_assert_false (gtk_widget_is_sensitive (find (f->page, "revoke-button")));

  /* A service key: not the one this test signs in with. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(DaApiKey) key = g_list_model_get_item (G_LIST_MODEL (rows), i);

      if (da_api_key_get_is_service_key (key))
        {
          position = i;
          key_id = g_strdup (da_api_key_get_id (key));
          break;
        }
    }
  g_assert_nonnull (key_id);
  gtk_selection_model_select_item (rows, position, TRUE);
  g_assert_true (gtk_widget_is_sensitive (find (f->page, "revoke-button")));

  /* Cancelled: nothing is sent. */
  da_mock_server_reset_counts (f->server);
  da_test_click (find (f->page, "revoke-button"));
  da_test_answer_confirm (NULL, "cancel");
  da_test_spin (100);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "DELETE", NULL), ==, 0);

  /* Confirmed: gone from the server and from the list. */
  da_test_click (find (f->page, "revoke-button"));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG,
                                                             "da-confirm-dialog")),
                      "revoke-confirm");
  da_test_answer_confirm (NULL, "confirm");
  DA_TEST_WAIT_UNTIL (da_mock_server_count_requests (f->server, "DELETE", "/api-keys/*") == 1 &&
                      is_settled (f->page) &&
                      n_rows (f) == g_list_model_get_n_items (before) - 1);

  after = api_keys (f, NULL);
  g_assert_false (has_key (after, key_id));
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before) - 1);
  g_assert_false (has_key (rows_of (f->page), key_id));
}

static void
test_page_fails_then_retry (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GListModel) keys = NULL;
  g_autoptr(GError) error = NULL;
  DaListFooter *footer;

  /* The second request fails; the first page's keys stay. */
  da_mock_server_add_fault (f->server, "GET /api-keys 500 every=2 times=1", &error);
  g_assert_no_error (error);

  show_page (f);
  footer = DA_LIST_FOOTER (da_test_find_widget (f->page, DA_TYPE_LIST_FOOTER, NULL));
  g_assert_cmpint (da_list_footer_get_state (footer), ==, DA_LIST_FOOTER_ERROR);
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_CONTENT);
  g_assert_cmpuint (n_rows (f), >=, PAGE_SIZE);
  da_test_screenshot (GTK_WIDGET (f->window), "page-failed");

  /* Retry goes on from there, with nothing twice. */
  da_test_click (find (f->page, "list-footer-retry"));
  DA_TEST_WAIT_UNTIL (is_settled (f->page) &&
                      da_list_footer_get_state (footer) == DA_LIST_FOOTER_HIDDEN);
  keys = api_keys (f, NULL);
  g_assert_cmpuint (n_rows (f), ==, g_list_model_get_n_items (keys));
  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(DaApiKey) key = g_list_model_get_item (keys, i);

      g_assert_true (has_key (rows_of (f->page), da_api_key_get_id (key)));
    }
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  show_page (f);
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_FORBIDDEN);
  g_assert_false (gtk_widget_is_sensitive (find (f->page, "revoke-all-button")));
}

/* ---- Revoke All, in the whole application ---------------------------------------------- */

typedef struct
{
  DaMockServer  *server;
  DaApplication *app;
  DaWindow      *window;
} AppFixture;

static void
app_set_up (AppFixture    *f,
            gconstpointer  data)
{
  Fixture server = { 0 };
  g_autoptr(GError) error = NULL;

  da_test_keyring_clear_all ();
  start_server (&server);
  f->server = server.server;

  f->app = da_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), APP_ID ".TestApiKeys");
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  da_application_set_server_url (f->app, da_mock_server_get_base_url (f->server));
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));

  f->window = DA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_true (DA_IS_WINDOW (f->window));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
app_tear_down (AppFixture    *f,
               gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (f->app));
    }
  g_application_quit (G_APPLICATION (f->app));
  da_test_spin (50);
  g_clear_object (&f->app);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
  da_test_keyring_clear_all ();
}

/* Closes the toasts shown, as a person would with their close buttons (a toast's time only
 * runs while the window is active, which under Xvfb it may not be). */
static void
dismiss_toasts (AppFixture *f)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");
  GtkWidget *toast;

  g_assert_true (toast_type != G_TYPE_INVALID);
  while ((toast = da_test_find_widget (GTK_WIDGET (f->window), toast_type, NULL)) != NULL)
    {
      g_autoptr(GPtrArray) buttons = da_test_find_all (toast, GTK_TYPE_BUTTON);

      g_assert_cmpuint (buttons->len, >=, 1);
      /* The close button is the last one. */
      da_test_click (g_ptr_array_index (buttons, buttons->len - 1));
      DA_TEST_WAIT_UNTIL (da_test_find_widget (GTK_WIDGET (f->window), toast_type, NULL) != toast);
    }
}

static void
test_revoke_all_signs_out (AppFixture    *f,
                           gconstpointer  data)
{
  g_autoptr(DaClient) client = da_test_client_new (f->server, NULL);
  g_autoptr(DaClient) checker = da_test_client_new (f->server, NULL);
  g_autoptr(GListModel) still = NULL;
  g_autoptr(GError) error = NULL;
  DaPage *page;
  GtkWindow *dialog;

  /* Signed in with the server's admin key, for this session only. */
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_WELCOME);
  da_application_signed_in (f->app, client, FALSE);
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_SIGNED_IN);

  g_assert_true (da_window_show_page (f->window, "api-keys"));
  page = da_window_get_page (f->window, "api-keys");
  g_assert_true (DA_IS_API_KEYS_PAGE (page));
  DA_TEST_WAIT_UNTIL (is_settled (GTK_WIDGET (page)) &&
                      g_list_model_get_n_items (rows_of (GTK_WIDGET (page))) > 0);
  da_mock_server_reset_counts (f->server);

  /* The confirmation must be typed, and says the app signs out. */
  da_test_click (find (GTK_WIDGET (page), "revoke-all-button"));
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "confirm"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "sign out"));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (dialog), "revoke-all-confirm");
  da_test_answer_confirm ("revoke all keys", "confirm");

  /* The app is back at the key entry right away, saying why. */
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_WELCOME);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "DELETE", "/api-keys"), ==, 1);
  g_assert_nonnull (strstr (da_application_get_welcome_message (f->app), "revoked"));
  g_assert_nonnull (da_test_find_widget (GTK_WIDGET (f->window), DA_TYPE_WELCOME_PAGE, NULL));
  g_assert_null (da_window_get_page (f->window, "api-keys"));
  g_assert_true (da_test_has_label (GTK_WIDGET (f->window),
                                    "Every API key of the enterprise was revoked"));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (f->window), "signed-out");
  dismiss_toasts (f);

  /* The server agrees: the key no longer works. */
  still = api_keys_with (checker, NULL, &error);
  g_assert_null (still);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED);
}

static void
test_fits_narrow_window (Fixture       *f,
                         gconstpointer  data)
{
  int minimum = 0;

  /* A phone's width: the window folds to the page alone, which must fit. */
  f->window = da_test_window_new (f->page, 360, 640);
  DA_TEST_WAIT_UNTIL (is_settled (f->page));
  gtk_widget_measure (f->page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  da_test_screenshot (GTK_WIDGET (f->window), "narrow");
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, key, func) \
  g_test_add ("/api-keys-page/" path, Fixture, key, fixture_set_up, func, fixture_tear_down)

  ADD ("list-pages", NULL, test_list_pages);
  ADD ("filter-by-organization", NULL, test_filter_by_organization);
  ADD ("filtered-organization-deleted", NULL, test_filtered_organization_deleted);
  ADD ("revoke-one", NULL, test_revoke_one);
  ADD ("page-fails-then-retry", NULL, test_page_fails_then_retry);
  ADD ("forbidden", MEMBER_KEY, test_forbidden);
  ADD ("fits-narrow-window", NULL, test_fits_narrow_window);
  g_test_add ("/api-keys-page/revoke-all-signs-out", AppFixture, NULL, app_set_up,
              test_revoke_all_signs_out, app_tear_down);

  return g_test_run ();
}

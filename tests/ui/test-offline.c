/* test-offline.c: pages showing their last data when the server cannot be reached
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page is loaded against the local server with a response cache, then the server stops
 * answering (connections closed without an answer, or the server stopped): a refresh keeps the
 * data, the banner says how old it is, and the editing actions are disabled until Retry reaches
 * the server again.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "da-api-keys-page.h"
#include "da-application.h"
#include "da-format.h"
#include "da-member-details.h"
#include "da-members-page.h"
#include "da-offline-banner.h"
#include "da-organization-window.h"
#include "da-organizations-page.h"
#include "da-permissions-page.h"
#include "da-row-viewport.h"
#include "da-state-view.h"
#include "da-test-ui.h"
#include "da-welcome-page.h"
#include "da-window.h"

typedef struct
{
  DaMockServer    *server;
  DaContext       *context;
  DaResponseCache *cache;
  char            *folder;
  GtkWidget       *page;
  DaOfflineBanner *banner;
  GtkWindow       *window;
  guint            n_refreshes;
} Fixture;

/* ---- helpers --------------------------------------------------------------------------- */

static DaClient *
client_of (Fixture *f)
{
  return da_context_get_client (f->context);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_folder = NULL;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 240;
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->folder = g_dir_make_tmp ("da-offline-XXXXXX", &error);
  g_assert_no_error (error);
  cache_folder = g_build_filename (f->folder, "cache", NULL);
  f->cache = da_response_cache_new (cache_folder);

  f->context = da_test_context_new (f->server, NULL);
  da_client_set_response_cache (client_of (f), f->cache);
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
  g_clear_object (&f->cache);
  remove_tree (f->folder);
  g_free (f->folder);
}

static void
refresh_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  Fixture *f = user_data;

  f->n_refreshes++;
  da_page_refresh (DA_PAGE (f->page));
}

static void
show_toast_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  g_test_message ("Toast: %s", g_variant_get_string (parameter, NULL));
}

/* The page under the banner in a window whose "win.refresh" refreshes the page, as the app's
 * window has them. */
static void
show_page (Fixture   *f,
           GtkWidget *page)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  static const GActionEntry entries[] = {
    { "refresh", refresh_cb },
    { "show-toast", show_toast_cb, "s" },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), f);

  f->page = page;
  f->banner = DA_OFFLINE_BANNER (da_offline_banner_new ());
  da_offline_banner_set_client (f->banner, client_of (f));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->banner));
  gtk_box_append (GTK_BOX (box), page);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (f->window, 1100, 700);
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0);
}

/* The page's content is shown, loaded, and its answers are on disk. */
static gboolean
is_settled (Fixture *f)
{
  DaStateView *view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));

  return !da_page_get_busy (DA_PAGE (f->page)) &&
         (view == NULL || da_state_view_get_state (view) == DA_STATE_VIEW_CONTENT) &&
         da_response_cache_get_n_pending (f->cache) == 0;
}

/* The first button (or other actionable) under @root bound to @action. */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
retry_button (Fixture *f)
{
  return da_test_get_widget (GTK_WIDGET (f->banner), "offline-banner-retry");
}

/* The list's rows, as the page's (first) column view shows them. */
static guint
n_rows (Fixture *f)
{
  GtkWidget *view = da_test_find_widget (f->page, GTK_TYPE_COLUMN_VIEW, NULL);

  g_assert_nonnull (view);
  return g_list_model_get_n_items (G_LIST_MODEL (da_column_view_get_list_model (GTK_COLUMN_VIEW (view))));
}

static void
select_rows (Fixture *f,
             guint    n)
{
  GtkWidget *view = da_test_find_widget (f->page, GTK_TYPE_COLUMN_VIEW, NULL);
  GtkSelectionModel *model = da_column_view_get_list_model (GTK_COLUMN_VIEW (view));

  if (n == 1)
    gtk_selection_model_select_item (model, 0, TRUE);
  else
    gtk_selection_model_select_range (model, 0, n, TRUE);
}

/* The server stops answering; Retry (the window's refresh) loads the page from the cache. */
static void
go_offline (Fixture    *f,
            const char *screenshot)
{
  g_autoptr(GError) error = NULL;
  guint refreshes = f->n_refreshes;
  g_autofree char *when = NULL;
  g_autofree char *expected = NULL;

  g_assert_false (da_client_get_offline (client_of (f)));
  g_assert_false (da_offline_banner_get_revealed (f->banner));

  da_mock_server_add_fault (f->server, "* refuse", &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "win.refresh", NULL);
  g_assert_cmpuint (f->n_refreshes, ==, refreshes + 1);

  DA_TEST_WAIT_UNTIL (da_client_get_offline (client_of (f)) && is_settled (f));

  /* The data stays, and the banner says when it is from. */
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_true (da_offline_banner_get_revealed (f->banner));
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (retry_button (f)));
  when = da_format_relative_time (da_client_get_offline_data_time (client_of (f)), da_now ());
  expected = g_strdup_printf ("Offline — showing data from %s", when);
  g_assert_cmpstr (da_offline_banner_get_text (f->banner), ==, expected);
  g_assert_true (da_test_has_label (GTK_WIDGET (f->banner), "Offline — showing data from"));
  g_assert_true (gtk_widget_is_sensitive (retry_button (f)));

  if (screenshot != NULL)
    da_test_screenshot (GTK_WIDGET (f->window), screenshot);
}

/* The server answers again; Retry brings the page back online. */
static void
come_back (Fixture *f)
{
  da_mock_server_clear_faults (f->server);
  da_mock_server_reset_counts (f->server);

  da_test_click (retry_button (f));
  DA_TEST_WAIT_UNTIL (!da_client_get_offline (client_of (f)) && is_settled (f));

  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", NULL), >, 0);
  g_assert_false (da_offline_banner_get_revealed (f->banner));
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
}

static void
assert_sensitive (GtkWidget *widget,
                  gboolean   sensitive)
{
  g_assert_nonnull (widget);
  if (gtk_widget_is_sensitive (widget) != sensitive)
    g_error ("%s (%s) is %s", gtk_widget_get_name (widget), G_OBJECT_TYPE_NAME (widget),
             sensitive ? "insensitive" : "sensitive");
}

/* ---- the pages ------------------------------------------------------------------------- */

static void
test_members_page (Fixture       *f,
                   gconstpointer  data)
{
  const char *edits[] = { "invite-members-button", "role-selected-button",
                          "orgs-selected-button", "remove-selected-button" };
  guint rows;

  show_page (f, da_members_page_new (f->context));
  DA_TEST_WAIT_UNTIL (is_settled (f) && n_rows (f) == 240);
  select_rows (f, 3);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    assert_sensitive (da_test_get_widget (f->page, edits[i]), TRUE);
  g_assert_true (da_page_get_can_new (DA_PAGE (f->page)));
  rows = n_rows (f);

  go_offline (f, "members");
  g_assert_cmpuint (n_rows (f), ==, rows);
  select_rows (f, 3);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    assert_sensitive (da_test_get_widget (f->page, edits[i]), FALSE);
  /* Ctrl+N does nothing either. */
  g_assert_false (da_page_get_can_new (DA_PAGE (f->page)));

  /* One member's details: read, not changed. */
  select_rows (f, 1);
  {
    GtkWidget *details = da_test_find_widget (f->page, DA_TYPE_MEMBER_DETAILS, NULL);

    DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (da_test_get_widget (details, "remove-member-button")));
    DA_TEST_WAIT_UNTIL (!da_member_details_get_organizations_loading (DA_MEMBER_DETAILS (details)));
    assert_sensitive (da_test_get_widget (details, "remove-member-button"), FALSE);
    assert_sensitive (da_test_get_widget (details, "role-row"), FALSE);
    assert_sensitive (da_test_get_widget (details, "add-org-button"), FALSE);
  }

  come_back (f);
  g_assert_cmpuint (n_rows (f), ==, rows);
  select_rows (f, 3);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    assert_sensitive (da_test_get_widget (f->page, edits[i]), TRUE);
  g_assert_true (da_page_get_can_new (DA_PAGE (f->page)));
  select_rows (f, 1);
  {
    GtkWidget *details = da_test_find_widget (f->page, DA_TYPE_MEMBER_DETAILS, NULL);

    DA_TEST_WAIT_UNTIL (!da_member_details_get_organizations_loading (DA_MEMBER_DETAILS (details)));
    assert_sensitive (da_test_get_widget (details, "remove-member-button"), TRUE);
    DA_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (da_test_get_widget (details, "role-row")));
  }
}

static void
test_organizations_page (Fixture       *f,
                         gconstpointer  data)
{
  const char *edits[] = { "orgs.new", "orgs.edit", "orgs.delete" };
  guint rows;

  show_page (f, da_organizations_page_new (f->context));
  DA_TEST_WAIT_UNTIL (is_settled (f) && n_rows (f) > 0);
  select_rows (f, 1);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    assert_sensitive (find_actionable (f->page, edits[i]), TRUE);
  rows = n_rows (f);

  go_offline (f, "organizations");
  g_assert_cmpuint (n_rows (f), ==, rows);
  select_rows (f, 1);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    assert_sensitive (find_actionable (f->page, edits[i]), FALSE);
  g_assert_false (da_page_get_can_new (DA_PAGE (f->page)));
  /* The details still open: reading is not editing. */
  assert_sensitive (find_actionable (f->page, "orgs.details"), TRUE);

  come_back (f);
  select_rows (f, 1);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    assert_sensitive (find_actionable (f->page, edits[i]), TRUE);
  g_assert_true (da_page_get_can_new (DA_PAGE (f->page)));
}

static void
test_organization_window (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *orgs;
  g_autoptr(DaOrganization) org = NULL;
  DaOfflineBanner *banner;
  GtkWidget *window;
  GtkWidget *add;

  /* The organizations page loads the organizations, and its window an organization's
   * members; both are kept. */
  show_page (f, da_organizations_page_new (f->context));
  DA_TEST_WAIT_UNTIL (is_settled (f) && n_rows (f) > 0);
  orgs = da_context_get_organizations (f->context);
  org = g_list_model_get_item (orgs, 0);
  window = da_organization_window_new (f->context, org);
  gtk_window_present (GTK_WINDOW (window));
  add = da_test_get_widget (window, "add-members-button");
  DA_TEST_WAIT_UNTIL (!da_organization_window_get_busy (DA_ORGANIZATION_WINDOW (window)) &&
                      gtk_widget_is_sensitive (add) &&
                      da_response_cache_get_n_pending (f->cache) == 0);
  gtk_window_destroy (GTK_WINDOW (window));

  go_offline (f, NULL);

  /* Opened offline, it shows the members it loaded before, and changes nothing. */
  window = da_organization_window_new (f->context, org);
  gtk_window_present (GTK_WINDOW (window));
  DA_TEST_WAIT_UNTIL (!da_organization_window_get_busy (DA_ORGANIZATION_WINDOW (window)));
  add = da_test_get_widget (window, "add-members-button");
  {
    GtkWidget *view = da_test_get_widget (window, "members-view");
    GtkSelectionModel *members = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (members)), >, 0);
    gtk_selection_model_select_item (members, 0, TRUE);
  }
  assert_sensitive (add, FALSE);
  assert_sensitive (da_test_get_widget (window, "remove-members-button"), FALSE);
  assert_sensitive (da_test_get_widget (window, "change-role-button"), FALSE);
  /* It has the banner too, with its own Retry. */
  banner = DA_OFFLINE_BANNER (da_test_find_widget (window, DA_TYPE_OFFLINE_BANNER, NULL));
  g_assert_nonnull (banner);
  g_assert_true (da_offline_banner_get_revealed (banner));
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (da_test_get_widget (GTK_WIDGET (banner),
                                                          "offline-banner-retry")));
  da_test_screenshot (window, "organization-window");

  /* Back online through the window's own Retry: its actions come back without reopening it. */
  da_mock_server_clear_faults (f->server);
  da_mock_server_reset_counts (f->server);
  da_test_click (da_test_get_widget (GTK_WIDGET (banner), "offline-banner-retry"));
  DA_TEST_WAIT_UNTIL (!da_client_get_offline (client_of (f)) &&
                      !da_organization_window_get_busy (DA_ORGANIZATION_WINDOW (window)));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/organizations/*/members*"),
                    >, 0);
  g_assert_false (da_offline_banner_get_revealed (banner));
  g_assert_false (da_offline_banner_get_revealed (f->banner));
  DA_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (add));
  assert_sensitive (da_test_get_widget (window, "remove-members-button"), TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_permissions_page (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *grant;
  guint rows;

  show_page (f, da_permissions_page_new (f->context));
  DA_TEST_WAIT_UNTIL (is_settled (f) &&
                      da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page)) != NULL);
  grant = da_test_get_widget (f->page, "grant-button");
  DA_TEST_WAIT_UNTIL (is_settled (f) && gtk_widget_is_sensitive (grant));
  rows = n_rows (f);
  g_assert_cmpuint (rows, >, 0);
  select_rows (f, 1);
  assert_sensitive (da_test_get_widget (f->page, "revoke-button"), TRUE);

  go_offline (f, "permissions");
  g_assert_cmpuint (n_rows (f), ==, rows);
  select_rows (f, 1);
  assert_sensitive (grant, FALSE);
  assert_sensitive (da_test_get_widget (f->page, "revoke-button"), FALSE);
  g_assert_false (da_page_get_can_new (DA_PAGE (f->page)));

  come_back (f);
  DA_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (grant));
  select_rows (f, 1);
  assert_sensitive (da_test_get_widget (f->page, "revoke-button"), TRUE);
  g_assert_true (da_page_get_can_new (DA_PAGE (f->page)));
}

static void
test_api_keys_page (Fixture       *f,
                    gconstpointer  data)
{
  guint rows;

  show_page (f, da_api_keys_page_new (f->context));
  DA_TEST_WAIT_UNTIL (is_settled (f) && n_rows (f) > 0);
  rows = n_rows (f);
  select_rows (f, 1);
  assert_sensitive (da_test_get_widget (f->page, "revoke-button"), TRUE);
  assert_sensitive (da_test_get_widget (f->page, "revoke-all-button"), TRUE);

  go_offline (f, "api-keys");
  g_assert_cmpuint (n_rows (f), ==, rows);
  select_rows (f, 1);
  assert_sensitive (da_test_get_widget (f->page, "revoke-button"), FALSE);
  assert_sensitive (da_test_get_widget (f->page, "revoke-all-button"), FALSE);

  come_back (f);
  select_rows (f, 1);
  assert_sensitive (da_test_get_widget (f->page, "revoke-button"), TRUE);
  assert_sensitive (da_test_get_widget (f->page, "revoke-all-button"), TRUE);
}

/* Stopped rather than refusing: the connection is refused, and a read never made before has
 * nothing to show but its error. */
static void
test_server_stopped (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint16 port = da_mock_server_get_port (f->server);
  GtkWidget *lookup;

  show_page (f, da_members_page_new (f->context));
  DA_TEST_WAIT_UNTIL (is_settled (f) && n_rows (f) == 240);

  da_mock_server_stop (f->server);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "win.refresh", NULL);
  DA_TEST_WAIT_UNTIL (da_client_get_offline (client_of (f)) && is_settled (f));
  g_assert_cmpuint (n_rows (f), ==, 240);
  g_assert_true (da_offline_banner_get_revealed (f->banner));

  /* An address never looked up: the page says it could not reach the server. */
  da_test_type (da_test_get_widget (f->page, "members-search"), "nobody.here@example.com");
  lookup = da_test_get_widget (f->page, "lookup-button");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (lookup));
  da_test_click (lookup);
  DA_TEST_WAIT_UNTIL (da_test_has_label (f->page, "The address could not be looked up."));
  g_assert_true (da_client_get_offline (client_of (f)));

  da_mock_server_start (f->server, port, &error);
  g_assert_no_error (error);
  da_test_type (da_test_get_widget (f->page, "members-search"), "");
  da_test_click (retry_button (f));
  DA_TEST_WAIT_UNTIL (!da_client_get_offline (client_of (f)) && is_settled (f));
  g_assert_false (da_offline_banner_get_revealed (f->banner));
}

/* ---- the application ------------------------------------------------------------------- */

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".entry"))
      n++;

  return n;
}

/* The app as `devin-admin --server <local server>` starts it, signed in with a key typed on the
 * key entry; its offline cache is in the test's own $XDG_CACHE_HOME. */
static DaApplication *
start_app (Fixture *f)
{
  static guint n_apps;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  /* Each app of the program is exported on the bus under an ID of its own. */
  g_autofree char *app_id = g_strdup_printf ("%s.TestOffline%u", APP_ID, ++n_apps);
  DaApplication *app = da_application_new ();
  GtkWidget *welcome;

  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "server-url");
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  da_application_set_server_url (app, da_mock_server_get_base_url (f->server));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  f->window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (DA_IS_WINDOW (f->window));
  DA_TEST_WAIT_UNTIL (da_application_get_state (app) == DA_APP_STATE_WELCOME);

  welcome = da_test_find_widget (GTK_WIDGET (f->window), DA_TYPE_WELCOME_PAGE, NULL);
  da_test_type (da_test_get_widget (welcome, "api-key-entry"), da_mock_server_get_admin_key (f->server));
  da_test_click (da_test_get_widget (welcome, "sign-in-button"));
  if (!da_test_has_keyring ())
    {
      GtkWidget *session_only = da_test_get_widget (welcome, "session-only-button");

      DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (session_only));
      da_test_click (session_only);
    }
  DA_TEST_WAIT_UNTIL (da_application_get_state (app) == DA_APP_STATE_SIGNED_IN);

  return app;
}

static void
test_application (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DaApplication) app = NULL;
  g_autofree char *folder =
    da_response_cache_dup_folder_for_server (da_mock_server_get_base_url (f->server));
  g_autoptr(GError) error = NULL;
  guint16 port = da_mock_server_get_port (f->server);
  DaOfflineBanner *banner;
  DaClient *client;
  GtkWidget *invite;
  GtkWindow *dialog;
  guint rows;

  app = start_app (f);
  client = da_context_get_client (da_application_get_context (app));
  g_assert_nonnull (da_client_get_response_cache (client));
  g_assert_cmpstr (da_response_cache_get_folder (da_client_get_response_cache (client)), ==,
                   folder);
  g_assert_true (g_str_has_prefix (folder, g_get_user_cache_dir ()));

  g_assert_true (da_window_show_page (DA_WINDOW (f->window), "members"));
  f->page = GTK_WIDGET (da_window_get_page (DA_WINDOW (f->window), "members"));
  g_set_object (&f->cache, da_client_get_response_cache (client));
  DA_TEST_WAIT_UNTIL (is_settled (f) && n_rows (f) == 240);
  g_assert_cmpuint (count_entries (folder), >, 0);
  rows = n_rows (f);
  invite = da_test_get_widget (f->page, "invite-members-button");
  assert_sensitive (invite, TRUE);
  banner = DA_OFFLINE_BANNER (da_test_find_widget (GTK_WIDGET (f->window),
                                                   DA_TYPE_OFFLINE_BANNER, NULL));
  g_assert_nonnull (banner);
  g_assert_false (da_offline_banner_get_revealed (banner));

  /* The server goes away; the window's Refresh keeps the list and says it is offline. */
  da_mock_server_stop (f->server);
  da_test_click (da_test_find_by_text (GTK_WIDGET (f->window), GTK_TYPE_BUTTON,
                                       "Refresh (Ctrl+R)"));
  DA_TEST_WAIT_UNTIL (da_client_get_offline (client) && is_settled (f));
  g_assert_true (da_offline_banner_get_revealed (banner));
  g_assert_true (g_str_has_prefix (da_offline_banner_get_text (banner),
                                   "Offline — showing data from "));
  g_assert_cmpuint (n_rows (f), ==, rows);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  assert_sensitive (invite, FALSE);
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (da_test_get_widget (GTK_WIDGET (banner),
                                                          "offline-banner-retry")));
  da_test_screenshot (GTK_WIDGET (f->window), "window");

  /* Back, and Retry. */
  da_mock_server_start (f->server, port, &error);
  g_assert_no_error (error);
  da_test_click (da_test_get_widget (GTK_WIDGET (banner), "offline-banner-retry"));
  DA_TEST_WAIT_UNTIL (!da_client_get_offline (client) && is_settled (f));
  g_assert_false (da_offline_banner_get_revealed (banner));
  assert_sensitive (invite, TRUE);

  /* Signing out forgets what was loaded. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "sign-out-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign-out");
  DA_TEST_WAIT_UNTIL (da_application_get_state (app) == DA_APP_STATE_WELCOME);
  DA_TEST_WAIT_UNTIL (!g_file_test (folder, G_FILE_TEST_EXISTS));
  f->page = NULL;

  gtk_window_destroy (g_steal_pointer (&f->window));
  g_application_quit (G_APPLICATION (app));
  da_test_spin (50);
  da_test_keyring_clear_all ();
}

static void
quit_app (Fixture       *f,
          DaApplication *app)
{
  if (f->window != NULL)
    gtk_window_destroy (g_steal_pointer (&f->window));
  g_application_quit (G_APPLICATION (app));
  da_test_spin (50);
  da_test_keyring_clear_all ();
}

/* Stores one entry in the cache folder of @server, as an earlier run would have. */
static void
seed_cache (const char *server)
{
  g_autoptr(DaResponseCache) cache = da_response_cache_new_for_server (server);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  DaTestAsync async = { 0 };

  da_response_cache_store_async (cache, "/members", body, g_get_real_time (), NULL,
                                 da_test_async_cb, &async);
  g_assert_true (da_response_cache_store_finish (cache, da_test_async_wait (&async), NULL));
  da_test_async_clear (&async);
}

/* Removing an account forgets what was loaded from its server, shown or not. */
static void
test_account_removed (Fixture       *f,
                      gconstpointer  data)
{
  const char *other = "https://staging.example.com/v2/enterprise";
  g_autofree char *folder =
    da_response_cache_dup_folder_for_server (da_mock_server_get_base_url (f->server));
  g_autofree char *other_folder = da_response_cache_dup_folder_for_server (other);
  g_autoptr(DaApplication) app = NULL;
  DaTestAsync async = { 0 };
  DaClient *client;

  seed_cache (other);
  g_assert_true (g_file_test (other_folder, G_FILE_TEST_IS_DIR));

  app = start_app (f);
  client = da_context_get_client (da_application_get_context (app));
  da_accounts_add (da_application_get_accounts (app), other, "Staging");
  g_assert_true (da_window_show_page (DA_WINDOW (f->window), "members"));
  f->page = GTK_WIDGET (da_window_get_page (DA_WINDOW (f->window), "members"));
  g_set_object (&f->cache, da_client_get_response_cache (client));
  DA_TEST_WAIT_UNTIL (is_settled (f) && n_rows (f) == 240);
  g_assert_cmpuint (count_entries (folder), >, 0);

  /* Another account: its folder goes, this one's stays. */
  da_application_remove_account_async (app, other, NULL, da_test_async_cb, &async);
  da_application_remove_account_finish (app, da_test_async_wait (&async), NULL);
  da_test_async_clear (&async);
  DA_TEST_WAIT_UNTIL (!g_file_test (other_folder, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (folder), >, 0);

  /* The account shown. */
  da_application_remove_account_async (app, da_client_get_base_url (client), NULL,
                                       da_test_async_cb, &async);
  da_application_remove_account_finish (app, da_test_async_wait (&async), NULL);
  da_test_async_clear (&async);
  DA_TEST_WAIT_UNTIL (!g_file_test (folder, G_FILE_TEST_EXISTS));
  f->page = NULL;

  quit_app (f, app);
}

/* A key the server rejects: what was loaded with it is not shown to the next key. */
static void
test_key_rejected (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder =
    da_response_cache_dup_folder_for_server (da_mock_server_get_base_url (f->server));
  g_autoptr(DaApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  DaClient *client;

  app = start_app (f);
  client = da_context_get_client (da_application_get_context (app));
  g_assert_true (da_window_show_page (DA_WINDOW (f->window), "members"));
  f->page = GTK_WIDGET (da_window_get_page (DA_WINDOW (f->window), "members"));
  g_set_object (&f->cache, da_client_get_response_cache (client));
  DA_TEST_WAIT_UNTIL (is_settled (f) && n_rows (f) == 240);
  g_assert_cmpuint (count_entries (folder), >, 0);

  da_mock_server_add_fault (f->server, "GET * 401", &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  DA_TEST_WAIT_UNTIL (da_application_get_state (app) == DA_APP_STATE_WELCOME);
  DA_TEST_WAIT_UNTIL (!g_file_test (folder, G_FILE_TEST_EXISTS));
  f->page = NULL;

  quit_app (f, app);
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/offline/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("members-page", test_members_page);
  ADD ("organizations-page", test_organizations_page);
  ADD ("organization-window", test_organization_window);
  ADD ("permissions-page", test_permissions_page);
  ADD ("api-keys-page", test_api_keys_page);
  ADD ("server-stopped", test_server_stopped);
  ADD ("application", test_application);
  ADD ("account-removed", test_account_removed);
  ADD ("key-rejected", test_key_rejected);

  return g_test_run ();
}

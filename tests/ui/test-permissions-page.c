/* test-permissions-page.c: the Permissions page and the grant dialog against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-grant-dialog.h"
#include "da-permissions-page.h"
#include "da-state-view.h"
#include "da-test-ui.h"

#define MEMBER_KEY "apk_user_member_permissions"

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  GtkWidget    *page;
  GtkWindow    *window;
  DaStateView  *state_view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *key = data;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 60;
  options.member_key = g_strdup (MEMBER_KEY);
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, key);
  f->page = da_permissions_page_new (f->context);
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

static DaClient *
client_of (Fixture *f)
{
  return da_context_get_client (f->context);
}

static GtkWidget *
find (Fixture    *f,
      const char *name)
{
  GtkWidget *widget = da_test_find_widget (f->page, G_TYPE_NONE, name);

  g_assert_nonnull (widget);
  return widget;
}

static GtkSelectionModel *
rows_of (Fixture *f)
{
  return gtk_column_view_get_model (GTK_COLUMN_VIEW (find (f, "permissions-view")));
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (rows_of (f)));
}

static gboolean
is_settled (Fixture *f)
{
  return !da_page_get_busy (DA_PAGE (f->page)) &&
         da_state_view_get_state (f->state_view) != DA_STATE_VIEW_LOADING;
}

static void
show_page (Fixture *f)
{
  f->window = da_test_window_new (f->page, 1000, 640);
  DA_TEST_WAIT_UNTIL (is_settled (f));
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static GListModel *
api_list (DaPager *pager)
{

  return da_test_load_all (pager);
}

static GListModel *
api_permissions (Fixture    *f,
                 const char *org_id)
{
  g_autoptr(DaPager) pager = da_client_list_git_permissions (client_of (f), org_id);

  return api_list (pager);
}

static GListModel *
api_organizations (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (client_of (f));

  return api_list (pager);
}

static DaGitPermission *
find_permission (GListModel *permissions,
                 const char *path,
                 gboolean    group)
{
  for (guint i = 0; i < g_list_model_get_n_items (permissions); i++)
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (permissions, i);

      if (g_strcmp0 (da_git_permission_get_display_path (permission), path) == 0 &&
          da_git_permission_is_group (permission) == group)
        return permission;
    }

  return NULL;
}

static gboolean
has_permission_id (GListModel *permissions,
                   const char *permission_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (permissions); i++)
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (permissions, i);

      if (g_strcmp0 (da_git_permission_get_permission_id (permission), permission_id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The position of @org_id's name in the page's organization list. */
static guint
org_position (Fixture    *f,
              const char *org_id)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find (f, "organization-dropdown"));
  GListModel *names = gtk_drop_down_get_model (dropdown);
  const char *name = da_context_lookup_org_name (f->context, org_id);

  g_assert_nonnull (name);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* Picks @org_id in the page's organization list, as a person would, and waits for its list. */
static void
pick_org (Fixture    *f,
          const char *org_id)
{
  guint position = org_position (f, org_id);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (f, "organization-dropdown")), position);
  g_assert_cmpstr (da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page)), ==, org_id);
  DA_TEST_WAIT_UNTIL (is_settled (f));
}

/* An organization other than the one shown that has at least @min permissions. */
static char *
other_org_with_permissions (Fixture *f,
                            guint    min)
{
  g_autoptr(GListModel) orgs = api_organizations (f);
  const char *shown = da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page));

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);
      g_autoptr(GListModel) permissions = NULL;

      if (g_strcmp0 (da_organization_get_org_id (org), shown) == 0)
        continue;
      permissions = api_permissions (f, da_organization_get_org_id (org));
      if (g_list_model_get_n_items (permissions) >= min)
        return g_strdup (da_organization_get_org_id (org));
    }

  g_assert_not_reached ();
  return NULL;
}

static DaGrantDialog *
open_grant_dialog (Fixture *f)
{
  GtkWindow *dialog;

  da_test_click (find (f, "grant-button"));
  dialog = da_test_wait_for_toplevel (DA_TYPE_GRANT_DIALOG, "grant-dialog");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return DA_GRANT_DIALOG (dialog);
}

static GtkWidget *
dialog_widget (DaGrantDialog *dialog,
               const char    *name)
{
  GtkWidget *widget = da_test_find_widget (GTK_WIDGET (dialog), G_TYPE_NONE, name);

  g_assert_nonnull (widget);
  return widget;
}

/* Types @text into the dialog's lines, as pasting it would. */
static void
type_lines (DaGrantDialog *dialog,
            const char    *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (dialog_widget (dialog, "grant-lines-view"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static guint
count_rows_named (GtkWidget  *root,
                  const char *name)
{
  g_autoptr(GPtrArray) rows = da_test_find_all (root, ADW_TYPE_ACTION_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (rows, i)), name) == 0)
      n++;
  return n;
}

static gboolean
line_is_marked (DaGrantDialog *dialog,
                int            line)
{
  GtkTextView *view = GTK_TEXT_VIEW (dialog_widget (dialog, "grant-lines-view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "invalid");
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  return gtk_text_iter_has_tag (&iter, tag);
}

static gboolean
send_enabled (DaGrantDialog *dialog)
{
  return gtk_widget_is_sensitive (dialog_widget (dialog, "grant-send-button"));
}

/* Picks the connection of @name in the dialog's list, as a person would. */
static void
pick_connection (DaGrantDialog *dialog,
                 const char    *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (dialog_widget (dialog, "grant-connection-row"));
  GListModel *connections = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(DaGitConnection) connection = g_list_model_get_item (connections, i);

      if (g_strcmp0 (da_git_connection_get_name (connection), name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_assert_not_reached ();
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_list_matches_api (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GListModel) permissions = NULL;
  g_autoptr(GListModel) orgs = NULL;
  g_autoptr(DaOrganization) first = NULL;
  g_autofree char *count = NULL;
  const char *org_id;
  gboolean saw_github = FALSE;

  show_page (f);
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_search (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_new (DA_PAGE (f->page)));

  /* The first organization of the server's list, until another is picked. */
  orgs = api_organizations (f);
  first = g_list_model_get_item (orgs, 0);
  org_id = da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page));
  g_assert_cmpstr (org_id, ==, da_organization_get_org_id (first));

  permissions = api_permissions (f, org_id);
  g_assert_cmpuint (g_list_model_get_n_items (permissions), >, 0);
  g_assert_cmpuint (n_rows (f), ==, g_list_model_get_n_items (permissions));

  count = g_strdup_printf ("%u permission", g_list_model_get_n_items (permissions));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (find (f, "count-label"))),
                                   count));

  /* Each permission with its path, host and the connections to that host. */
  for (guint i = 0; i < g_list_model_get_n_items (permissions); i++)
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (permissions, i);

      g_assert_true (da_test_has_label (f->page, da_git_permission_get_display_path (permission)));
      if (g_strcmp0 (da_git_permission_get_host (permission), "github.com") == 0)
        saw_github = TRUE;
    }
  g_assert_true (da_test_has_label (f->page, "github.com"));
  g_assert_true (saw_github);
  /* Two connections of the seeded enterprise go to github.com. */
  g_assert_true (da_test_has_label (f->page, "acme (GitHub App), Release bot token"));

  da_test_screenshot (GTK_WIDGET (f->window), "permissions");
}

static void
test_pick_organization (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GListModel) permissions = NULL;
  g_autofree char *org_id = NULL;

  show_page (f);
  org_id = other_org_with_permissions (f, 1);
  pick_org (f, org_id);

  permissions = api_permissions (f, org_id);
  g_assert_cmpuint (n_rows (f), ==, g_list_model_get_n_items (permissions));
  for (guint i = 0; i < g_list_model_get_n_items (permissions); i++)
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (permissions, i);

      g_assert_true (da_test_has_label (f->page, da_git_permission_get_display_path (permission)));
    }

  /* A refresh keeps the organization picked. */
  da_mock_server_reset_counts (f->server);
  da_page_refresh (DA_PAGE (f->page));
  DA_TEST_WAIT_UNTIL (is_settled (f));
  g_assert_cmpstr (da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page)), ==, org_id);
  g_assert_cmpuint (n_rows (f), ==, g_list_model_get_n_items (permissions));
  /* …and asks for the organizations again, then for that one's permissions. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/organizations"), ==, 1);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET",
                                                   "/organizations/*/git/permissions"), ==, 1);
}

static gboolean
all_rows_on_host (Fixture    *f,
                  const char *host)
{
  GListModel *rows = G_LIST_MODEL (rows_of (f));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (rows, i);

      if (g_strcmp0 (da_git_permission_get_host (permission), host) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *search = find (f, "search-entry");
  GListModel *rows;
  guint all;

  show_page (f);
  all = n_rows (f);
  g_assert_cmpuint (all, >, 0);

  da_page_focus_search (DA_PAGE (f->page));
  g_assert_true (gtk_widget_has_focus (search) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (search)),
                                         search));

  /* By host, whatever the case: only github.com rows stay. */
  da_test_type (search, "GITHUB.COM");
  DA_TEST_WAIT_UNTIL (all_rows_on_host (f, "github.com"));
  rows = G_LIST_MODEL (rows_of (f));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);

  /* Nothing matches: an empty state says so. */
  da_test_type (search, "no such repository anywhere");
  DA_TEST_WAIT_UNTIL (n_rows (f) == 0);
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_EMPTY);
  g_assert_nonnull (da_test_find_by_text (f->page, ADW_TYPE_STATUS_PAGE,
                                          "No Matching Permissions"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (find (f, "count-label"))),
                                   "0 of "));

  /* Cleared: every row again. */
  da_test_type (search, "");
  DA_TEST_WAIT_UNTIL (n_rows (f) == all);
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_CONTENT);
}

static void
test_grant_github (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autofree char *org_id = NULL;
  DaGrantDialog *dialog;
  DaGitPermission *permission;
  guint n_before;

  show_page (f);
  org_id = g_strdup (da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page)));
  before = api_permissions (f, org_id);
  n_before = g_list_model_get_n_items (before);
  da_mock_server_reset_counts (f->server);

  dialog = open_grant_dialog (f);
  pick_connection (dialog, "acme (GitHub App)");
  /* Nothing typed: nothing to send. */
  g_assert_false (send_enabled (dialog));

  /* The three forms: a path, an address, a group prefix; a comment and a blank line. */
  type_lines (dialog,
              "acme/new-ledger\n"
              "\n"
              "# the web front end\n"
              "https://github.com/acme/web-portal.git\n"
              "acme-labs/*\n");
  g_assert_cmpuint (da_grant_dialog_get_n_valid (dialog), ==, 3);
  g_assert_cmpuint (da_grant_dialog_get_n_invalid (dialog), ==, 0);
  g_assert_cmpuint (count_rows_named (GTK_WIDGET (dialog), "grant-line-ok"), ==, 3);
  g_assert_true (send_enabled (dialog));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (dialog), "grant");

  da_test_click (dialog_widget (dialog, "grant-send-button"));
  /* No second request while the first is under way. */
  g_assert_true (da_grant_dialog_get_sending (dialog));
  g_assert_false (send_enabled (dialog));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (dialog_widget (dialog, "grant-done-button")));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST",
                                                   "/organizations/*/git/permissions"), ==, 1);

  /* The server has them, in their documented shapes… */
  after = api_permissions (f, org_id);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, n_before + 3);
  permission = find_permission (after, "acme/new-ledger", FALSE);
  g_assert_nonnull (permission);
  g_assert_cmpstr (da_git_permission_get_repo_path (permission), ==, "acme/new-ledger");
  g_assert_cmpstr (da_git_permission_get_host (permission), ==, "github.com");
  permission = find_permission (after, "acme/web-portal", FALSE);
  g_assert_nonnull (permission);
  permission = find_permission (after, "acme-labs", TRUE);
  g_assert_nonnull (permission);
  g_assert_cmpstr (da_git_permission_get_group_prefix (permission), ==, "acme-labs");

  /* …the dialog lists what was created… */
  g_assert_nonnull (da_test_find_by_text (dialog_widget (dialog, "grant-result-list"),
                                          ADW_TYPE_ACTION_ROW, "acme/new-ledger"));
  g_assert_nonnull (da_test_find_by_text (dialog_widget (dialog, "grant-result-list"),
                                          ADW_TYPE_ACTION_ROW, "acme/web-portal"));
  g_assert_nonnull (da_test_find_by_text (dialog_widget (dialog, "grant-result-list"),
                                          ADW_TYPE_ACTION_ROW, "acme-labs"));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (dialog), "grant-result");

  /* …and the page's list catches up behind it. */
  DA_TEST_WAIT_UNTIL (n_rows (f) == n_before + 3 && is_settled (f));
  /* Done closes it, and nothing keeps it alive. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  da_test_click (dialog_widget (dialog, "grant-done-button"));
  DA_TEST_WAIT_UNTIL (dialog == NULL);
}

static void
test_grant_dialog_goes_with_page (Fixture       *f,
                                  gconstpointer  data)
{
  DaGrantDialog *dialog;

  show_page (f);
  dialog = open_grant_dialog (f);
  type_lines (dialog, "acme/not-sent\n");
  da_mock_server_reset_counts (f->server);

  /* The page goes (as it does when the app signs out): so does its dialog, sending nothing. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (f->window);
  f->window = NULL;
  DA_TEST_WAIT_UNTIL (dialog == NULL);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", NULL), ==, 0);
}

static void
test_grant_gitlab_group (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GListModel) after = NULL;
  const char *org_id;
  DaGrantDialog *dialog;
  DaGitPermission *permission;

  show_page (f);
  org_id = da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page));

  /* Ctrl+N opens the same dialog. */
  da_page_activate_new (DA_PAGE (f->page));
  dialog = DA_GRANT_DIALOG (da_test_wait_for_toplevel (DA_TYPE_GRANT_DIALOG, "grant-dialog"));
  pick_connection (dialog, "Acme GitLab");
  type_lines (dialog,
              "group:platform/tooling\n"
              "https://gitlab.acme.example/platform/api-gateway/-/tree/main\n");
  g_assert_cmpuint (da_grant_dialog_get_n_valid (dialog), ==, 2);
  da_test_click (dialog_widget (dialog, "grant-send-button"));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (dialog_widget (dialog, "grant-done-button")));

  after = api_permissions (f, org_id);
  permission = find_permission (after, "platform/tooling", TRUE);
  g_assert_nonnull (permission);
  g_assert_cmpstr (da_git_permission_get_host (permission), ==, "gitlab.acme.example");
  permission = find_permission (after, "platform/api-gateway", FALSE);
  g_assert_nonnull (permission);
  g_assert_cmpstr (da_git_permission_get_host (permission), ==, "gitlab.acme.example");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_grant_invalid_lines (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  const char *org_id;
  DaGrantDialog *dialog;

  show_page (f);
  org_id = da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page));
  before = api_permissions (f, org_id);
  da_mock_server_reset_counts (f->server);

  dialog = open_grant_dialog (f);
  pick_connection (dialog, "acme (GitHub App)");
  type_lines (dialog,
              "acme/fine-repo\n"
              "acme\n"
              "https://gitlab.acme.example/platform/api\n"
              "acme/fine-repo\n"
              "https://user:secret@github.com/acme/x\n");

  /* Each wrong line is marked in place and listed with its reason; the good one is not. */
  g_assert_cmpuint (da_grant_dialog_get_n_valid (dialog), ==, 1);
  g_assert_cmpuint (da_grant_dialog_get_n_invalid (dialog), ==, 4);
  g_assert_false (line_is_marked (dialog, 0));
  g_assert_true (line_is_marked (dialog, 1));
  g_assert_true (line_is_marked (dialog, 2));
  g_assert_true (line_is_marked (dialog, 3));
  g_assert_true (line_is_marked (dialog, 4));
  g_assert_cmpuint (count_rows_named (GTK_WIDGET (dialog), "grant-line-invalid"), ==, 4);
  g_assert_true (da_test_has_label (GTK_WIDGET (dialog), "the connection is for github.com"));
  g_assert_true (da_test_has_label (GTK_WIDGET (dialog), "already in the list"));
  g_assert_true (da_test_has_label (GTK_WIDGET (dialog), "4 lines need fixing"));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (dialog), "grant-invalid");

  /* Nothing can be sent, not even by the shortcut. */
  g_assert_false (send_enabled (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "grant.send", NULL);
  da_test_spin (200);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", NULL), ==, 0);

  /* The host check follows the connection: with the GitLab one the address is fine. */
  pick_connection (dialog, "Acme GitLab");
  g_assert_false (line_is_marked (dialog, 2));

  /* Fixed, it goes. */
  pick_connection (dialog, "acme (GitHub App)");
  type_lines (dialog, "acme/fine-repo\nacme/other-repo\n");
  g_assert_cmpuint (da_grant_dialog_get_n_invalid (dialog), ==, 0);
  g_assert_cmpuint (count_rows_named (GTK_WIDGET (dialog), "grant-line-invalid"), ==, 0);
  g_assert_true (send_enabled (dialog));
  da_test_click (dialog_widget (dialog, "grant-send-button"));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (dialog_widget (dialog, "grant-done-button")));

  after = api_permissions (f, org_id);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before) + 2);
  g_assert_null (find_permission (after, "acme", TRUE));
  g_assert_nonnull (find_permission (after, "acme/other-repo", FALSE));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_grant_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *kept = NULL;
  const char *org_id;
  DaGrantDialog *dialog;
  GtkWidget *message;

  show_page (f);
  org_id = da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page));
  before = api_permissions (f, org_id);

  g_assert_cmpuint (da_mock_server_add_fault (f->server,
                                              "POST /organizations/*/git/permissions 422 times=1",
                                              &error), !=, 0);
  g_assert_no_error (error);

  dialog = open_grant_dialog (f);
  type_lines (dialog, "acme/refused-once\n");
  da_test_click (dialog_widget (dialog, "grant-send-button"));
  message = dialog_widget (dialog, "grant-message-label");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (message));

  /* Said in the dialog, which stays open with what was typed, ready to try again. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (da_grant_dialog_get_sending (dialog));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==, "Unprocessable Entity");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (dialog_widget (dialog, "grant-lines-view")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  kept = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (kept, ==, "acme/refused-once\n");
  g_assert_true (send_enabled (dialog));
  after = api_permissions (f, org_id);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (dialog), "grant-refused");

  /* The second try goes through. */
  g_clear_object (&after);
  da_test_click (dialog_widget (dialog, "grant-send-button"));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (dialog_widget (dialog, "grant-done-button")));
  after = api_permissions (f, org_id);
  g_assert_nonnull (find_permission (after, "acme/refused-once", FALSE));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_revoke_several (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autofree char *org_id = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  GtkSelectionModel *rows;

  show_page (f);
  org_id = other_org_with_permissions (f, 3);
  pick_org (f, org_id);
  before = api_permissions (f, org_id);
  g_assert_cmpuint (n_rows (f), ==, g_list_model_get_n_items (before));

  /* Nothing selected: nothing to revoke. */
  g_assert_false (gtk_widget_is_sensitive (find (f, "revoke-button")));

  rows = rows_of (f);
  gtk_selection_model_select_item (rows, 0, TRUE);
  gtk_selection_model_select_item (rows, 2, FALSE);
  {
    g_autoptr(DaGitPermission) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
    g_autoptr(DaGitPermission) second = g_list_model_get_item (G_LIST_MODEL (rows), 2);

    first_id = g_strdup (da_git_permission_get_permission_id (first));
    second_id = g_strdup (da_git_permission_get_permission_id (second));
  }

  /* Cancelled: nothing is sent. */
  da_mock_server_reset_counts (f->server);
  da_test_click (find (f, "revoke-button"));
  da_test_answer_confirm (NULL, "cancel");
  da_test_spin (100);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "DELETE", NULL), ==, 0);

  /* Confirmed: both go. */
  da_test_click (find (f, "revoke-button"));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG,
                                                             "da-confirm-dialog")),
                      "revoke-confirm");
  da_test_answer_confirm (NULL, "confirm");
  DA_TEST_WAIT_UNTIL (da_mock_server_count_requests (f->server, "DELETE", NULL) == 2 &&
                      n_rows (f) == g_list_model_get_n_items (before) - 2 && is_settled (f));

  after = api_permissions (f, org_id);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before) - 2);
  g_assert_false (has_permission_id (after, first_id));
  g_assert_false (has_permission_id (after, second_id));
}

static void
test_revoke_one (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GListModel) after = NULL;
  g_autofree char *permission_id = NULL;
  const char *org_id;
  GtkSelectionModel *rows;

  show_page (f);
  org_id = da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page));
  rows = rows_of (f);
  gtk_selection_model_select_item (rows, 0, TRUE);
  {
    g_autoptr(DaGitPermission) permission = g_list_model_get_item (G_LIST_MODEL (rows), 0);

    permission_id = g_strdup (da_git_permission_get_permission_id (permission));
  }

  /* The action the Delete key is bound to. */
  gtk_widget_grab_focus (find (f, "permissions-view"));
  g_assert_true (gtk_widget_activate_action (f->page, "page.revoke", NULL));
  da_test_answer_confirm (NULL, "confirm");
  DA_TEST_WAIT_UNTIL (da_mock_server_count_requests (f->server, "DELETE", NULL) == 1 &&
                      is_settled (f));

  after = api_permissions (f, org_id);
  g_assert_false (has_permission_id (after, permission_id));
}

static void
test_organization_deleted_elsewhere (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) orgs = NULL;
  g_autofree char *doomed = NULL;
  DaTestAsync async = { 0 };

  show_page (f);
  doomed = other_org_with_permissions (f, 1);

  /* Another admin deletes it while this page still lists it. */
  da_client_delete_organization_async (client_of (f), doomed, NULL, da_test_async_cb, &async);
  g_assert_true (da_client_call_finish (client_of (f), da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);

  /* Picking it: the page says it is gone and refreshes the organizations. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (f, "organization-dropdown")),
                              org_position (f, doomed));
  DA_TEST_WAIT_UNTIL (is_settled (f) &&
                      g_strcmp0 (da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (f->page)),
                                 doomed) != 0);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_CONTENT);
  g_assert_false (da_permissions_page_select_org (DA_PERMISSIONS_PAGE (f->page), doomed));

  orgs = api_organizations (f);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (find (f, "organization-dropdown")))),
                    ==, g_list_model_get_n_items (orgs));
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  show_page (f);
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_FORBIDDEN);
  g_assert_false (da_page_get_can_new (DA_PAGE (f->page)));
  g_assert_false (gtk_widget_is_sensitive (find (f, "grant-button")));
  da_test_screenshot (GTK_WIDGET (f->window), "forbidden");
}

static void
test_server_error_then_retry (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *retry;

  da_mock_server_add_fault (f->server, "GET /organizations/*/git/permissions 500 times=1",
                            &error);
  g_assert_no_error (error);

  show_page (f);
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_ERROR);
  g_assert_nonnull (da_page_get_error (DA_PAGE (f->page)));

  retry = da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry");
  da_test_click (retry);
  DA_TEST_WAIT_UNTIL (is_settled (f));
  g_assert_cmpint (da_state_view_get_state (f->state_view), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_cmpuint (n_rows (f), >, 0);
}

static void
test_fits_narrow_window (Fixture       *f,
                         gconstpointer  data)
{
  int minimum = 0;

  /* A phone's width: the window folds to the page alone, which must fit. */
  f->window = da_test_window_new (f->page, 360, 640);
  DA_TEST_WAIT_UNTIL (is_settled (f));
  gtk_widget_measure (f->page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  da_test_screenshot (GTK_WIDGET (f->window), "narrow");
}

/* A server that refuses every grant, naming a field as FastAPI does. */
typedef struct
{
  guint       n_requests;
  const char *field;
} RefusingServer;

static void
refuse_grant_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  RefusingServer *refusing = user_data;
  g_autofree char *body = NULL;

  refusing->n_requests++;
  body = g_strdup_printf ("{\"detail\": [{\"loc\": [\"body\", 0, \"%s\"], "
                          "\"msg\": \"Refused here\", \"type\": \"value_error\"}]}",
                          refusing->field);
  soup_server_message_set_status (message, 422, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
test_grant_refusal_names_field (void)
{
  RefusingServer refusing = { 0, "connection_id" };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SoupSession) session = da_test_session_new ();
  g_autoptr(DaClient) client = NULL;
  g_autoptr(DaContext) context = NULL;
  g_autoptr(GListStore) connections = g_list_store_new (DA_TYPE_GIT_CONNECTION);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DaGitConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base_url = NULL;
  const char *json = "{\"connection_id\": \"conn-1\", \"name\": \"Example\", "
                     "\"host\": \"github.com\", \"type\": \"github_app\", "
                     "\"created_at\": \"2025-01-01T00:00:00Z\"}";
  DaGrantDialog *dialog;
  GtkWidget *connection_error;
  GtkWidget *lines_error;

  soup_server_add_handler (server, NULL, refuse_grant_cb, &refusing, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d/v2/enterprise", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  client = da_client_new (base_url, session, &error);
  g_assert_no_error (error);
  da_client_set_api_key (client, "apk_user_test");
  context = da_context_new (client, NULL, FALSE);

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  connection = da_git_connection_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                                &error);
  g_assert_no_error (error);
  g_list_store_append (connections, connection);

  dialog = da_grant_dialog_new (context, "org-1", "Example Org", G_LIST_MODEL (connections));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  connection_error = dialog_widget (dialog, "grant-connection-error");
  lines_error = dialog_widget (dialog, "grant-lines-error");
  type_lines (dialog, "acme/api\n");

  /* The connection named: said under the connection. */
  da_test_click (dialog_widget (dialog, "grant-send-button"));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (connection_error));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (connection_error)), "Refused here"));
  g_assert_false (gtk_widget_get_visible (lines_error));
  g_assert_false (gtk_widget_is_drawable (dialog_widget (dialog, "grant-message-label")));

  /* A path named: said under the lines. */
  refusing.field = "repo_path";
  da_test_click (dialog_widget (dialog, "grant-send-button"));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (lines_error));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (lines_error)), "Refused here"));
  g_assert_false (gtk_widget_get_visible (connection_error));
  g_assert_cmpuint (refusing.n_requests, ==, 2);
  /* Typing again clears what the server said about the text before. */
  type_lines (dialog, "acme/api-v2\n");
  g_assert_false (gtk_widget_get_visible (lines_error));

  gtk_window_destroy (GTK_WINDOW (dialog));
  DA_TEST_WAIT_UNTIL (dialog == NULL);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, key, func) \
  g_test_add ("/permissions-page/" path, Fixture, key, fixture_set_up, func, fixture_tear_down)

  ADD ("list-matches-api", NULL, test_list_matches_api);
  ADD ("pick-organization", NULL, test_pick_organization);
  ADD ("filter", NULL, test_filter);
  ADD ("grant-github", NULL, test_grant_github);
  ADD ("grant-gitlab-group", NULL, test_grant_gitlab_group);
  ADD ("grant-dialog-goes-with-page", NULL, test_grant_dialog_goes_with_page);
  ADD ("grant-invalid-lines", NULL, test_grant_invalid_lines);
  ADD ("grant-refused", NULL, test_grant_refused);
  ADD ("revoke-several", NULL, test_revoke_several);
  ADD ("revoke-one", NULL, test_revoke_one);
  ADD ("organization-deleted-elsewhere", NULL, test_organization_deleted_elsewhere);
  ADD ("forbidden", MEMBER_KEY, test_forbidden);
  ADD ("fits-narrow-window", NULL, test_fits_narrow_window);
  ADD ("server-error-then-retry", NULL, test_server_error_then_retry);

  g_test_add_func ("/permissions-page/grant-refusal-names-field", test_grant_refusal_names_field);

  return g_test_run ();
}

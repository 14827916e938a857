/* test-fault-matrix.c: every page's load and every change, against every way a server fails
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole application, signed in against a local server, driven through its widgets. For each
 * operation (the load of a page, or a change made through a dialog or a confirmation) and each
 * fault of da-fault-matrix.c, a cell checks that
 *   - the app says what went wrong, with the message of that kind of error (ARCHITECTURE.md's
 *     mapping: key entry, notice, toast, status page, list footer, inline in the dialog);
 *   - the main loop kept turning while it waited (a timeout source kept firing);
 *   - nothing typed is lost (the dialog keeps its text) and nothing loaded is lost (the rows
 *     shown before stay shown);
 *   - once the fault is lifted, Retry or sending again works, checked through the API (the
 *     server's state and its request counts).
 * Each cell is one line of the table in the log. A failing cell does not stop the others: the
 * test fails at the end, naming them.
 *
 * DA_FAULT_MATRIX=loads or =writes runs one half (meson runs the halves as two tests).
 */

#include "config.h"

#include <string.h>

#include "da-fault-matrix.h"
#include "da-grant-dialog.h"
#include "da-list-footer.h"
#include "da-member-details.h"
#include "da-members-page.h"
#include "da-organization-dialog.h"
#include "da-permissions-page.h"
#include "da-state-view.h"
#include "da-test-ui.h"

/* How long a cell waits for the app to say something. */
#define SHOW_TIMEOUT_MS 20000

static GPtrArray *failed_cells;

static DaMockOptions *
matrix_options (void)
{
  DaMockOptions *options = g_new0 (DaMockOptions, 1);

  da_mock_options_init (options);
  options->members = 150;
  return options;
}

static void
free_options (DaMockOptions *options)
{
  da_mock_options_clear (options);
  g_free (options);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaMockOptions, free_options)

static void
add_fault (DaFmApp    *app,
           const char *method,
           const char *path,
           const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = g_strdup_printf ("%s %s %s", method, path, what);

  g_assert_cmpuint (da_mock_server_add_fault (da_fm_app_get_server (app), spec, &error), >, 0);
  g_assert_no_error (error);
}

static void
note_cell (const char *operation,
           const char *fault,
           gboolean    pass)
{
  if (!pass)
    g_ptr_array_add (failed_cells, g_strdup_printf ("%s × %s", operation, fault));
}

/* Fails the test case, naming its failed cells (the others ran all the same). */
static void
report_failed_cells (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (failed_cells->len == 0)
    return;

  for (guint i = 0; i < failed_cells->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "; " : "",
                            (char *) g_ptr_array_index (failed_cells, i));
  g_test_fail_printf ("%u cells failed: %s", failed_cells->len, names->str);
}

/* A button labelled Retry that is on screen, or NULL. */
static GtkWidget *
drawable_retry (DaFmApp *app)
{
  g_autoptr(GPtrArray) buttons = da_test_find_all (GTK_WIDGET (da_fm_app_get_window (app)),
                                                   GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (gtk_widget_is_drawable (button) && gtk_widget_is_sensitive (button) &&
          da_test_find_by_text (button, GTK_TYPE_BUTTON, "Retry") == button)
        return button;
    }

  return NULL;
}

/* What a page shows of what it loaded: the items of its list when the list is on screen, else the
 * rows of its first boxed list on screen (Overview, Consumption). */
static guint
rows_shown (DaPage *page)
{
  GtkWidget *view = da_test_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
  g_autoptr(GPtrArray) boxes = NULL;

  if (view != NULL)
    {
      if (!gtk_widget_is_drawable (view))
        return 0;
      return g_list_model_get_n_items (G_LIST_MODEL (da_test_list_model (GTK_WIDGET (page))));
    }

  boxes = da_test_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX);
  for (guint i = 0; i < boxes->len; i++)
    {
      GtkWidget *box = g_ptr_array_index (boxes, i);
      guint n = 0;

      if (!gtk_widget_is_drawable (box))
        continue;
      for (GtkWidget *row = gtk_widget_get_first_child (box);
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row))
          n++;
      return n;
    }

  return 0;
}

/* ---- The loads ------------------------------------------------------------------------- */

typedef struct
{
  const char *page_id;
  const char *name;
} Load;

static const Load loads[] = {
  { "overview", "Overview" },
  { "members", "Members" },
  { "organizations", "Organizations" },
  { "permissions", "Permissions" },
  { "api-keys", "API Keys" },
  { "audit-log", "Audit Log" },
  { "sessions", "Sessions" },
  { "consumption", "Consumption" },
};

typedef struct
{
  DaFmApp            *app;
  const char * const *needles;
  char               *shown;
} ShownWait;

/* Something expected is shown, and the main loop has turned meanwhile. */
static gboolean
shown_cb (gpointer user_data)
{
  ShownWait *wait = user_data;

  if (wait->shown == NULL)
    wait->shown = da_fm_app_find_shown (wait->app, wait->needles);
  return wait->shown != NULL && da_loop_probe_get_ticks (da_fm_app_get_probe (wait->app)) > 0;
}

static gboolean
signed_out_cb (gpointer user_data)
{
  return !da_fm_app_is_signed_in (user_data);
}

static gboolean
page_idle_cb (gpointer user_data)
{
  return !da_page_get_busy (user_data);
}

typedef struct
{
  DaFmApp    *app;
  const char *page_id;
  guint       rows;
} PageWait;

static gboolean
page_back_cb (gpointer user_data)
{
  PageWait *wait = user_data;
  DaPage *page = da_fm_app_get_page (wait->app, wait->page_id);

  return page != NULL && da_fm_page_is_settled (page) && rows_shown (page) >= wait->rows;
}

static void
run_load_cell (DaFmApp         *app,
               const Load      *load,
               const DaFmFault *fault)
{
  DaMockServer *server = da_fm_app_get_server (app);
  DaLoopProbe *probe = da_fm_app_get_probe (app);
  ShownWait shown = { app, fault->needles, NULL };
  PageWait back = { app, load->page_id, 0 };
  const char *loaded = "n/a";
  const char *recovered = "NO";
  gboolean pass = TRUE;
  guint ticks, gets;
  gint64 block;
  DaPage *page;

  da_fm_app_tidy (app);
  if (!da_fm_app_is_signed_in (app))
    g_assert_true (da_fm_app_sign_in (app));
  page = da_fm_app_show_page (app, load->page_id);
  g_assert_nonnull (page);
  back.rows = rows_shown (page);
  g_assert_cmpuint (back.rows, >, 0);

  /* Every read the page makes meets the fault. */
  add_fault (app, "GET", "*", fault->what);
  da_fm_app_mark_baseline (app);
  da_loop_probe_reset (probe);
  da_fm_app_refresh (app);

  pass &= da_fm_app_wait (app, shown_cb, &shown, SHOW_TIMEOUT_MS);
  ticks = da_loop_probe_get_ticks (probe);
  block = da_loop_probe_get_max_block_us (probe);
  pass &= ticks > 0;
  if (shown.shown == NULL)
    {
      g_autofree char *seen = da_fm_app_describe_new (app);

      g_test_message ("%s × %s: nothing expected was shown; new: %s", load->name, fault->name,
                      seen);
    }

  /* What the page shows once it has finished with the fault (a 404 refreshes once first). */
  if (fault->kind == DA_FM_RETRIED)
    da_fm_app_wait (app, page_back_cb, &back, SHOW_TIMEOUT_MS);
  else if (fault->kind != DA_FM_SIGNED_OUT)
    da_fm_app_wait (app, page_idle_cb, page, SHOW_TIMEOUT_MS);

  if (fault->kind != DA_FM_SIGNED_OUT)
    {
      gboolean kept = rows_shown (page) >= back.rows;

      loaded = kept ? "kept" : "LOST";
      pass &= kept;
    }
  else
    pass &= da_fm_app_wait (app, signed_out_cb, app, SHOW_TIMEOUT_MS);

  /* The fault lifted, the page comes back as a person would bring it back. */
  da_mock_server_clear_faults (server);
  gets = da_mock_server_count_requests (server, "GET", NULL);
  if (fault->kind == DA_FM_SIGNED_OUT)
    {
      if (da_fm_app_sign_in (app) && da_fm_app_show_page (app, load->page_id) != NULL)
        recovered = "signed in";
    }
  else if (fault->kind == DA_FM_RETRIED)
    {
      if (page_back_cb (&back))
        recovered = "by itself";
    }
  else
    {
      GtkWidget *retry = drawable_retry (app);

      if (retry != NULL)
        da_test_click (retry);
      else
        da_fm_app_refresh (app);
      if (da_fm_app_wait (app, page_back_cb, &back, SHOW_TIMEOUT_MS) &&
          da_mock_server_count_requests (server, "GET", NULL) > gets)
        recovered = retry != NULL ? "Retry" : "Refresh";
    }
  pass &= !g_str_equal (recovered, "NO");

  da_fm_log_cell (load->name, fault->name, shown.shown, "n/a", loaded, recovered, ticks, block,
                  pass);
  note_cell (load->name, fault->name, pass);
  g_free (shown.shown);
}

static void
test_load (gconstpointer data)
{
  const Load *load = data;
  g_autoptr(DaMockOptions) options = matrix_options ();
  g_autofree char *title = g_strdup_printf ("Fault matrix: loading %s", load->name);
  DaFmApp *app = da_fm_app_new (options);
  const DaFmFault *faults;
  guint n_faults;

  faults = da_fm_get_faults (&n_faults);
  g_ptr_array_set_size (failed_cells, 0);
  da_fm_log_header (title);
  for (guint i = 0; i < n_faults; i++)
    run_load_cell (app, load, &faults[i]);

  da_fm_app_free (app);
  report_failed_cells ();
}

/* ---- Checks through the API -------------------------------------------------------------- */

static DaMember *
api_member (DaClient   *api,
            const char *user_id)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  DaMember *member;

  da_client_get_member_async (api, user_id, NULL, da_test_async_cb, &async);
  member = da_client_get_member_finish (api, da_test_async_wait (&async), &error);
  da_test_async_clear (&async);
  if (member == NULL)
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND);
  return member;
}

static guint
api_count_email (DaClient   *api,
                 const char *email)
{
  g_autoptr(DaPager) pager = da_client_list_members (api, email);
  g_autoptr(GListModel) members = da_test_load_all (pager);

  return g_list_model_get_n_items (members);
}

static GListModel *
api_orgs (DaClient *api)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (api);

  return da_test_load_all (pager);
}

static DaOrganization *
api_find_org (DaClient   *api,
              const char *org_id,
              const char *name,
              guint      *n_named)
{
  g_autoptr(GListModel) orgs = api_orgs (api);
  DaOrganization *found = NULL;

  if (n_named != NULL)
    *n_named = 0;
  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);

      if ((org_id != NULL && g_str_equal (da_organization_get_org_id (org), org_id)) ||
          (name != NULL && g_strcmp0 (da_organization_get_org_name (org), name) == 0))
        {
          if (n_named != NULL)
            (*n_named)++;
          if (found == NULL)
            found = g_object_ref (org);
        }
    }

  return found;
}

static char *
api_create_org (DaClient   *api,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DaOrganization) org = NULL;
  DaTestAsync async = { 0 };

  da_client_create_organization_async (api, name, DA_UNSET, NULL, da_test_async_cb, &async);
  org = da_client_create_organization_finish (api, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return g_strdup (da_organization_get_org_id (org));
}

static GListModel *
api_permissions (DaClient   *api,
                 const char *org_id)
{
  g_autoptr(DaPager) pager = da_client_list_git_permissions (api, org_id);

  return da_test_load_all (pager);
}

/* How many permissions of @org_id are for the repository @path, and the ID of one. */
static guint
api_count_permissions (DaClient    *api,
                       const char  *org_id,
                       const char  *path,
                       char       **permission_id)
{
  g_autoptr(GListModel) permissions = api_permissions (api, org_id);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (permissions); i++)
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (permissions, i);

      if (g_strcmp0 (da_git_permission_get_repo_path (permission), path) == 0)
        {
          if (n++ == 0 && permission_id != NULL)
            *permission_id = g_strdup (da_git_permission_get_permission_id (permission));
        }
    }

  return n;
}

static gboolean
api_has_permission_id (DaClient   *api,
                       const char *org_id,
                       const char *permission_id)
{
  g_autoptr(GListModel) permissions = api_permissions (api, org_id);

  for (guint i = 0; i < g_list_model_get_n_items (permissions); i++)
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (permissions, i);

      if (g_str_equal (da_git_permission_get_permission_id (permission), permission_id))
        return TRUE;
    }

  return FALSE;
}

/* Grants @path in @org_id through the first GitHub connection, as another admin would. */
static void
api_grant (DaClient   *api,
           const char *org_id,
           const char *path)
{
  g_autoptr(DaPager) pager = da_client_list_git_connections (api, org_id);
  g_autoptr(GListModel) connections = da_test_load_all (pager);
  g_autoptr(GPtrArray) grants = g_ptr_array_new_with_free_func ((GDestroyNotify) da_git_grant_free);
  g_autoptr(DaGitConnection) connection = NULL;
  g_autoptr(DaGrantResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  DaTestAsync async = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (connections) && connection == NULL; i++)
    {
      g_autoptr(DaGitConnection) candidate = g_list_model_get_item (connections, i);

      if (g_strcmp0 (da_git_connection_get_host (candidate), "github.com") == 0)
        connection = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (connection);

  g_ptr_array_add (grants, da_git_grant_new (da_git_connection_get_connection_id (connection),
                                             (const char * const *) segments, NULL));
  da_client_grant_git_permissions_async (api, org_id, grants, NULL, da_test_async_cb, &async);
  result = da_client_grant_git_permissions_finish (api, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
}

static gboolean
api_has_key (DaClient   *api,
             const char *key_id)
{
  g_autoptr(DaPager) pager = da_client_list_api_keys (api, NULL);
  g_autoptr(GListModel) keys = da_test_load_all (pager);

  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(DaApiKey) key = g_list_model_get_item (keys, i);

      if (g_str_equal (da_api_key_get_id (key), key_id))
        return TRUE;
    }

  return FALSE;
}

/* ---- The changes ------------------------------------------------------------------------- */

typedef struct _Operation Operation;

/* One cell of a change: the operation, what it acts on and what was typed. */
typedef struct
{
  DaFmApp         *app;
  const Operation *op;
  guint            serial;
  GHashTable      *used;       /* IDs acted on already in this row of the matrix */
  char            *target;     /* the ID acted on */
  char            *text;       /* what was typed */
  char            *org_id;     /* the organization of a permission */
  GtkWindow       *dialog;     /* (weak) the dialog or confirmation open */
} Cell;

struct _Operation
{
  const char *name;
  const char *page_id;
  const char *method;
  const char *path;
  /* Chooses what to act on, opens the dialog or the confirmation as a person would (@twice: with
   * a double click) and fills it in; sends nothing. FALSE when that did not work. */
  gboolean  (*open)      (Cell *cell,
                          gboolean twice);
  /* The button that sends, in the dialog or confirmation open. */
  GtkWidget *(*send_button) (Cell *cell);
  /* Whether the dialog still holds what was typed; NULL when nothing is typed. */
  gboolean  (*kept)      (Cell *cell);
  /* Through the API: the change was made, exactly once. */
  gboolean  (*effective) (Cell *cell);
  /* The change removes a row of the page's list. */
  gboolean    removes;
};

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->target, g_free);
  g_clear_pointer (&cell->text, g_free);
  g_clear_pointer (&cell->org_id, g_free);
  if (cell->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (cell->dialog), (gpointer *) &cell->dialog);
  cell->dialog = NULL;
}

static void
set_dialog (Cell      *cell,
            GtkWindow *dialog)
{
  if (cell->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (cell->dialog), (gpointer *) &cell->dialog);
  cell->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &cell->dialog);
}

static DaClient *
cell_api (Cell *cell)
{
  return da_fm_app_get_api (cell->app);
}

static DaPage *
cell_page (Cell *cell)
{
  return da_fm_app_get_page (cell->app, cell->op->page_id);
}

static gboolean
dialog_open (Cell *cell)
{
  return cell->dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (cell->dialog));
}

static gboolean
sensitive_cb (gpointer user_data)
{
  return user_data != NULL && gtk_widget_is_sensitive (user_data);
}

/* Two clicks in a row when @twice, as a double click gives: the second lands only if the
 * button is still there to take it (da_test_click_again(): shown, sensitive, and no modal
 * dialog the first click opened over its window). */
static void
click (Cell      *cell,
       GtkWidget *button,
       gboolean   twice)
{
  g_autoptr(GtkWidget) held = g_object_ref (button);

  /* As a person would, once the button is enabled (it follows what the app loads). */
  da_fm_app_wait (cell->app, sensitive_cb, button, 10000);
  da_test_click (button);
  if (twice)
    da_test_click_again (button);
}

/* One click, once the button is enabled. */
static void
press (Cell      *cell,
       GtkWidget *button)
{
  click (cell, button, FALSE);
}

typedef struct
{
  GType       type;
  const char *name;
} ToplevelWait;

static gboolean
toplevel_shown_cb (gpointer user_data)
{
  ToplevelWait *wait = user_data;

  return da_test_find_toplevel (wait->type, wait->name, NULL) != NULL;
}

/* Waits for the one dialog a click opened; FALSE when none came, or more than one (a double
 * click that opened two). */
static gboolean
wait_dialog (Cell       *cell,
             GType       type,
             const char *name)
{
  ToplevelWait wait = { type, name };
  GtkWindow *dialog;
  guint n;

  if (!da_fm_app_wait (cell->app, toplevel_shown_cb, &wait, 10000))
    {
      g_test_message ("%s: no %s opened", cell->op->name, g_type_name (type));
      return FALSE;
    }
  /* A second dialog from a second click would be there by now. */
  da_fm_app_spin (cell->app, 100);
  dialog = da_test_find_toplevel (type, name, &n);
  set_dialog (cell, dialog);
  if (n != 1)
    g_test_message ("%s: %u dialogs open, not one", cell->op->name, n);
  return dialog != NULL && n == 1;
}

static GtkWidget *
dialog_widget (Cell       *cell,
               const char *name)
{
  if (cell->dialog == NULL)
    return NULL;
  return da_test_find_widget (GTK_WIDGET (cell->dialog), G_TYPE_NONE, name);
}

static char *
text_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWidget *
page_widget (Cell       *cell,
             const char *name)
{
  return da_test_find_widget (GTK_WIDGET (cell_page (cell)), G_TYPE_NONE, name);
}

/* The destructive button of the confirmation open. */
static GtkWidget *
confirm_button (Cell *cell)
{
  g_autoptr(GPtrArray) buttons = NULL;

  if (cell->dialog == NULL)
    return NULL;
  buttons = da_test_find_all (GTK_WIDGET (cell->dialog), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "destructive") ||
        gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "destructive-action"))
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* The suggested (non-destructive) answer of a message dialog. */
static GtkWidget *
suggested_button (Cell *cell)
{
  g_autoptr(GPtrArray) buttons = NULL;

  if (cell->dialog == NULL)
    return NULL;
  buttons = da_test_find_all (GTK_WIDGET (cell->dialog), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "suggested") ||
        gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "suggested-action"))
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* Selects, as a click would, the row of the page's list with the ID @wanted, or (@wanted NULL)
 * the first for which @row_id gives an ID not used yet; returns its ID. @add: keep the rows
 * selected already. */
typedef const char *(*RowId) (gpointer item, gpointer user_data);

static char *
select_row_full (Cell       *cell,
                 RowId       row_id,
                 gpointer    user_data,
                 const char *wanted,
                 gboolean    add)
{
  GtkSelectionModel *model = da_test_list_model (GTK_WIDGET (cell_page (cell)));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *id = row_id (item, user_data);

      if (id == NULL || (wanted != NULL ? !g_str_equal (id, wanted)
                                        : g_hash_table_contains (cell->used, id)))
        continue;
      g_hash_table_add (cell->used, g_strdup (id));
      gtk_selection_model_select_item (model, i, !add);
      return g_strdup (id);
    }

  return NULL;
}

/* The cell's target again when it has one (sending again acts on the same), else a new one. */
static gboolean
select_target (Cell     *cell,
               RowId     row_id,
               gpointer  user_data)
{
  g_autofree char *id = select_row_full (cell, row_id, user_data, cell->target, FALSE);

  if (id != NULL && cell->target == NULL)
    cell->target = g_steal_pointer (&id);
  return id != NULL || cell->target != NULL;
}

/* -- invite -- */

static gboolean
invite_open (Cell     *cell,
             gboolean  twice)
{
  GtkWidget *view;

  click (cell, page_widget (cell, "invite-members-button"), twice);
  if (!wait_dialog (cell, GTK_TYPE_WINDOW, "da-invite-dialog"))
    return FALSE;

  if (cell->text == NULL)
    cell->text = g_strdup_printf ("matrix-%u@example.org", cell->serial);
  view = dialog_widget (cell, "invite-text");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), cell->text, -1);
  return da_fm_app_wait (cell->app, sensitive_cb, dialog_widget (cell, "invite-button"), 5000);
}

static GtkWidget *
invite_send_button (Cell *cell)
{
  return dialog_widget (cell, "invite-button");
}

static gboolean
invite_kept (Cell *cell)
{
  g_autofree char *text = NULL;

  if (!dialog_open (cell))
    return FALSE;
  text = text_view_text (dialog_widget (cell, "invite-text"));
  return g_strcmp0 (text, cell->text) == 0;
}

static gboolean
invite_effective (Cell *cell)
{
  return api_count_email (cell_api (cell), cell->text) == 1;
}

/* -- role change -- */

static const char *
plain_member_id (gpointer item,
                 gpointer user_data)
{
  DaMember *member = item;

  if (g_strcmp0 (da_member_get_enterprise_role (member), "account_member") != 0)
    return NULL;
  return da_member_get_user_id (member);
}

static gboolean
choose_admin (AdwComboRow *row)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "Admin") == 0)
      {
        adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
role_open (Cell     *cell,
           gboolean  twice)
{
  g_autofree char *second = NULL;

  /* Two members at once: their roles are changed with the selection's button and dialog. The
   * second member's ID is kept in org_id. */
  if (!select_target (cell, plain_member_id, NULL))
    return FALSE;
  second = select_row_full (cell, plain_member_id, NULL, cell->org_id, TRUE);
  if (second == NULL)
    return FALSE;
  if (cell->org_id == NULL)
    cell->org_id = g_steal_pointer (&second);

  click (cell, page_widget (cell, "role-selected-button"), twice);
  if (!wait_dialog (cell, ADW_TYPE_MESSAGE_DIALOG, "da-member-role-dialog"))
    return FALSE;
  return choose_admin (ADW_COMBO_ROW (dialog_widget (cell, "role-row")));
}

static gboolean
role_effective (Cell *cell)
{
  g_autoptr(DaMember) first = api_member (cell_api (cell), cell->target);
  g_autoptr(DaMember) second = api_member (cell_api (cell), cell->org_id);

  return first != NULL && second != NULL &&
         g_strcmp0 (da_member_get_enterprise_role (first), "account_admin") == 0 &&
         g_strcmp0 (da_member_get_enterprise_role (second), "account_admin") == 0;
}

/* -- removing a member -- */

static gboolean
details_show (gpointer user_data)
{
  Cell *cell = user_data;
  GtkWidget *details = da_test_find_widget (GTK_WIDGET (cell_page (cell)),
                                            DA_TYPE_MEMBER_DETAILS, NULL);
  DaMember *member = details != NULL ? da_member_details_get_member (DA_MEMBER_DETAILS (details))
                                     : NULL;
  GtkWidget *button = page_widget (cell, "remove-member-button");

  return member != NULL && g_strcmp0 (da_member_get_user_id (member), cell->target) == 0 &&
         button != NULL && gtk_widget_is_drawable (button) && gtk_widget_is_sensitive (button);
}

static gboolean
remove_open (Cell     *cell,
             gboolean  twice)
{
  if (!select_target (cell, plain_member_id, NULL) ||
      !da_fm_app_wait (cell->app, details_show, cell, 10000))
    return FALSE;

  click (cell, page_widget (cell, "remove-member-button"), twice);
  return wait_dialog (cell, ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
}

static gboolean
remove_effective (Cell *cell)
{
  g_autoptr(DaMember) member = api_member (cell_api (cell), cell->target);

  return member == NULL;
}

/* -- creating an organization -- */

static gboolean
create_open (Cell     *cell,
             gboolean  twice)
{
  click (cell, page_widget (cell, "organization-new-button"), twice);
  if (!wait_dialog (cell, DA_TYPE_ORGANIZATION_DIALOG, NULL))
    return FALSE;

  if (cell->text == NULL)
    cell->text = g_strdup_printf ("Matrix Org %u", cell->serial);
  da_test_type (dialog_widget (cell, "organization-name-row"), cell->text);
  da_test_type (dialog_widget (cell, "organization-limit-row"), "250");
  return gtk_widget_is_sensitive (dialog_widget (cell, "organization-save-button"));
}

static GtkWidget *
org_save_button (Cell *cell)
{
  return dialog_widget (cell, "organization-save-button");
}

static const char *
entry_text (Cell       *cell,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (dialog_widget (cell, name)));
}

static gboolean
create_kept (Cell *cell)
{
  return dialog_open (cell) &&
         g_strcmp0 (entry_text (cell, "organization-name-row"), cell->text) == 0 &&
         g_strcmp0 (entry_text (cell, "organization-limit-row"), "250") == 0;
}

static gboolean
create_effective (Cell *cell)
{
  g_autoptr(DaOrganization) org = NULL;
  guint n = 0;

  org = api_find_org (cell_api (cell), NULL, cell->text, &n);
  if (n > 1)
    g_test_message ("%s: %u organizations named “%s”", cell->op->name, n, cell->text);
  return n == 1 && da_organization_get_max_cycle_acu_limit (org) == 250;
}

/* -- editing an organization -- */

static const char *
other_org_id (gpointer item,
              gpointer user_data)
{
  DaOrganization *org = item;
  const char *primary = user_data;

  if (g_strcmp0 (da_organization_get_org_id (org), primary) == 0 ||
      g_str_has_prefix (da_organization_get_org_name (org), "Matrix Org"))
    return NULL;
  return da_organization_get_org_id (org);
}

static char *
primary_org_id (Cell *cell)
{
  g_autoptr(GListModel) orgs = api_orgs (cell_api (cell));
  g_autoptr(DaOrganization) primary = g_list_model_get_item (orgs, 0);

  return g_strdup (da_organization_get_org_id (primary));
}

static gboolean
edit_open (Cell     *cell,
           gboolean  twice)
{
  g_autofree char *primary = primary_org_id (cell);

  if (!select_target (cell, other_org_id, primary))
    return FALSE;

  click (cell, page_widget (cell, "organization-edit-button"), twice);
  if (!wait_dialog (cell, DA_TYPE_ORGANIZATION_DIALOG, NULL))
    return FALSE;

  if (cell->text == NULL)
    cell->text = g_strdup_printf ("Renamed %u", cell->serial);
  da_test_type (dialog_widget (cell, "organization-name-row"), cell->text);
  return gtk_widget_is_sensitive (dialog_widget (cell, "organization-save-button"));
}

static gboolean
edit_kept (Cell *cell)
{
  return dialog_open (cell) &&
         g_strcmp0 (entry_text (cell, "organization-name-row"), cell->text) == 0;
}

static gboolean
edit_effective (Cell *cell)
{
  g_autoptr(DaOrganization) org = api_find_org (cell_api (cell), cell->target, NULL, NULL);

  return org != NULL && g_strcmp0 (da_organization_get_org_name (org), cell->text) == 0;
}

/* -- deleting an organization -- */

static const char *
org_named (gpointer item,
           gpointer user_data)
{
  DaOrganization *org = item;

  if (g_strcmp0 (da_organization_get_org_name (org), user_data) != 0)
    return NULL;
  return da_organization_get_org_id (org);
}

typedef struct
{
  Cell     *cell;
  RowId     row_id;
  gpointer  data;
} RowWait;

static gboolean
row_listed_cb (gpointer user_data)
{
  RowWait *wait = user_data;
  DaPage *page = cell_page (wait->cell);
  GListModel *model = G_LIST_MODEL (da_test_list_model (GTK_WIDGET (page)));

  if (!da_fm_page_is_settled (page))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (wait->row_id (item, wait->data) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Refreshes the page until it lists a row that @row_id takes. */
static gboolean
refresh_until_listed (Cell     *cell,
                      RowId     row_id,
                      gpointer  data)
{
  RowWait wait = { cell, row_id, data };

  da_fm_app_refresh (cell->app);
  return da_fm_app_wait (cell->app, row_listed_cb, &wait, 20000);
}

static gboolean
delete_open (Cell     *cell,
             gboolean  twice)
{
  GtkWidget *entry;

  /* An organization of its own to delete, made by another admin. */
  if (cell->text == NULL)
    {
      cell->text = g_strdup_printf ("Doomed %u", cell->serial);
      g_free (api_create_org (cell_api (cell), cell->text));
      if (!refresh_until_listed (cell, org_named, cell->text))
        return FALSE;
    }
  if (!select_target (cell, org_named, cell->text))
    return FALSE;

  click (cell, page_widget (cell, "organization-delete-button"), twice);
  if (!wait_dialog (cell, ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog"))
    return FALSE;
  entry = dialog_widget (cell, "confirm-phrase-entry");
  if (entry != NULL)
    da_test_type (entry, cell->text);
  return confirm_button (cell) != NULL && gtk_widget_is_sensitive (confirm_button (cell));
}

static gboolean
delete_effective (Cell *cell)
{
  g_autoptr(DaOrganization) org = api_find_org (cell_api (cell), cell->target, NULL, NULL);

  return org == NULL;
}

/* -- granting a permission -- */

/* The organization whose permissions the page shows. */
static const char *
shown_org_id (Cell *cell)
{
  return da_permissions_page_get_org_id (DA_PERMISSIONS_PAGE (cell_page (cell)));
}

static gboolean
grant_open (Cell     *cell,
            gboolean  twice)
{
  GtkWidget *view;

  if (cell->org_id == NULL)
    cell->org_id = g_strdup (shown_org_id (cell));
  click (cell, page_widget (cell, "grant-button"), twice);
  if (!wait_dialog (cell, DA_TYPE_GRANT_DIALOG, "grant-dialog"))
    return FALSE;

  if (cell->text == NULL)
    cell->text = g_strdup_printf ("acme/matrix-grant-%u", cell->serial);
  view = dialog_widget (cell, "grant-lines-view");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), cell->text, -1);
  return da_fm_app_wait (cell->app, sensitive_cb, dialog_widget (cell, "grant-send-button"), 5000);
}

static GtkWidget *
grant_send_button (Cell *cell)
{
  return dialog_widget (cell, "grant-send-button");
}

static gboolean
grant_kept (Cell *cell)
{
  g_autofree char *text = NULL;

  if (!dialog_open (cell))
    return FALSE;
  text = text_view_text (dialog_widget (cell, "grant-lines-view"));
  return g_strcmp0 (text, cell->text) == 0;
}

static gboolean
grant_effective (Cell *cell)
{
  guint n = api_count_permissions (cell_api (cell), cell->org_id, cell->text, NULL);

  if (n > 1)
    g_test_message ("%s: %u permissions for %s", cell->op->name, n, cell->text);
  return n == 1;
}

/* -- revoking a permission -- */

static const char *
permission_with_id (gpointer item,
                    gpointer user_data)
{
  DaGitPermission *permission = item;

  if (g_strcmp0 (da_git_permission_get_permission_id (permission), user_data) != 0)
    return NULL;
  return da_git_permission_get_permission_id (permission);
}

static gboolean
revoke_permission_open (Cell     *cell,
                        gboolean  twice)
{
  /* A permission of its own to revoke, granted by another admin. */
  if (cell->target == NULL)
    {
      cell->org_id = g_strdup (shown_org_id (cell));
      cell->text = g_strdup_printf ("acme/matrix-revoke-%u", cell->serial);
      api_grant (cell_api (cell), cell->org_id, cell->text);
      api_count_permissions (cell_api (cell), cell->org_id, cell->text, &cell->target);
      if (!refresh_until_listed (cell, permission_with_id, cell->target))
        return FALSE;
    }
  if (!select_target (cell, permission_with_id, cell->target))
    return FALSE;

  click (cell, page_widget (cell, "revoke-button"), twice);
  return wait_dialog (cell, ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
}

static gboolean
revoke_permission_effective (Cell *cell)
{
  return !api_has_permission_id (cell_api (cell), cell->org_id, cell->target);
}

/* -- revoking an API key -- */

static const char *
service_key_id (gpointer item,
                gpointer user_data)
{
  DaApiKey *key = item;

  /* Service keys: never the key this app signed in with. */
  if (!da_api_key_get_is_service_key (key))
    return NULL;
  return da_api_key_get_id (key);
}

static gboolean
revoke_key_open (Cell     *cell,
                 gboolean  twice)
{
  if (!select_target (cell, service_key_id, NULL))
    return FALSE;

  click (cell, page_widget (cell, "revoke-button"), twice);
  return wait_dialog (cell, ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
}

static gboolean
revoke_key_effective (Cell *cell)
{
  return !api_has_key (cell_api (cell), cell->target);
}

static const Operation operations[] = {
  { "invite", "members", "POST", "/members/invite",
    invite_open, invite_send_button, invite_kept, invite_effective, FALSE },
  { "change roles", "members", "PATCH", "/members/roles",
    role_open, suggested_button, NULL, role_effective, FALSE },
  { "remove member", "members", "DELETE", "/members/*",
    remove_open, confirm_button, NULL, remove_effective, TRUE },
  { "create organization", "organizations", "POST", "/organizations",
    create_open, org_save_button, create_kept, create_effective, FALSE },
  { "edit organization", "organizations", "PATCH", "/organizations/*",
    edit_open, org_save_button, edit_kept, edit_effective, FALSE },
  { "delete organization", "organizations", "DELETE", "/organizations/*",
    delete_open, confirm_button, NULL, delete_effective, TRUE },
  { "grant permission", "permissions", "POST", "/organizations/*/git/permissions",
    grant_open, grant_send_button, grant_kept, grant_effective, FALSE },
  { "revoke permission", "permissions", "DELETE", "/organizations/*/git/permissions/*",
    revoke_permission_open, confirm_button, NULL, revoke_permission_effective, TRUE },
  { "revoke API key", "api-keys", "DELETE", "/api-keys/*",
    revoke_key_open, confirm_button, NULL, revoke_key_effective, TRUE },
};

/* ---- Running a change ------------------------------------------------------------------- */

static DaMockOptions *
write_options (void)
{
  DaMockOptions *options = matrix_options ();

  /* A service key for each organization: enough to revoke one per cell. */
  options->orgs = 18;
  return options;
}

static guint
count_writes (Cell *cell)
{
  return da_mock_server_count_requests (da_fm_app_get_server (cell->app), cell->op->method,
                                        cell->op->path);
}

static gboolean
effective_cb (gpointer user_data)
{
  Cell *cell = user_data;

  return cell->op->effective (cell);
}

/* Waits (polling the API) for the change to be in effect, then for the page to settle. */
static gboolean
wait_effective (Cell *cell)
{
  gint64 deadline = g_get_monotonic_time () +
                    (gint64) SHOW_TIMEOUT_MS * da_test_wait_scale () * 1000;

  while (!effective_cb (cell))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      da_fm_app_spin (cell->app, 100);
    }

  return da_fm_app_wait (cell->app, page_idle_cb, cell_page (cell), SHOW_TIMEOUT_MS);
}

/* Opens the operation on its page, signed in. */
static gboolean
open_operation (Cell     *cell,
                gboolean  twice)
{
  if (!da_fm_app_is_signed_in (cell->app) && !da_fm_app_sign_in (cell->app))
    {
      g_test_message ("%s: could not sign in", cell->op->name);
      return FALSE;
    }
  if (da_fm_app_show_page (cell->app, cell->op->page_id) == NULL)
    {
      g_test_message ("%s: the page %s did not load", cell->op->name, cell->op->page_id);
      return FALSE;
    }
  if (!cell->op->open (cell, twice))
    {
      g_test_message ("%s: could not open or fill in", cell->op->name);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  ShownWait  shown;
  Cell      *cell;
  gint64     next_check;
} ActedWait;

/* For a fault after which the server has made the change: the app says its answer could not be
 * read, or (an answer with nothing to spoil) it is done, the change in effect. An error would
 * have come within a second over loopback (× da_test_wait_scale ()): only then is "done"
 * concluded. */
static gboolean
acted_cb (gpointer user_data)
{
  ActedWait *wait = user_data;
  gint64 now = g_get_monotonic_time ();

  if (shown_cb (&wait->shown))
    return TRUE;
  if (now < wait->next_check || da_page_get_busy (cell_page (wait->cell)))
    return FALSE;
  wait->next_check = now + 200 * 1000;
  return wait->cell->op->effective (wait->cell);
}

static void
fail_because (gboolean   *pass,
              GString    *why,
              const char *reason)
{
  *pass = FALSE;
  g_string_append_printf (why, "%s%s", why->len > 0 ? "; " : "", reason);
}

/* Names made by the test (invitations, organizations, repositories) are unique to the run. */
static guint serial;

static void
run_write_cell (DaFmApp         *app,
                const Operation *op,
                const DaFmFault *fault,
                GHashTable      *used)
{
  DaLoopProbe *probe = da_fm_app_get_probe (app);
  ActedWait wait = { { app, fault->needles, NULL }, NULL, 0 };
  Cell cell = { app, op, ++serial, used, NULL, NULL, NULL, NULL };
  g_autoptr(GString) why = g_string_new (NULL);
  const char *typed = "n/a";
  const char *loaded = "n/a";
  const char *recovered = "NO";
  gboolean acted = fault->acts_on_write;
  gboolean pass = TRUE;
  guint rows_before, writes, ticks = 0;
  gint64 block = 0;
  GtkWidget *send;

  wait.cell = &cell;
  da_fm_app_tidy (app);
  if (!open_operation (&cell, FALSE))
    g_error ("%s: could not open the operation", op->name);
  rows_before = rows_shown (cell_page (&cell));

  add_fault (app, op->method, op->path, fault->what);
  da_fm_app_mark_baseline (app);
  da_loop_probe_reset (probe);
  writes = count_writes (&cell);
  send = op->send_button (&cell);
  g_assert_nonnull (send);
  wait.next_check = g_get_monotonic_time () + (gint64) da_test_wait_scale () * G_USEC_PER_SEC;
  press (&cell, send);

  if (!da_fm_app_wait (app, acted ? acted_cb : shown_cb, acted ? (gpointer) &wait : &wait.shown,
                       SHOW_TIMEOUT_MS))
    fail_because (&pass, why, "nothing expected shown");
  ticks = da_loop_probe_get_ticks (probe);
  block = da_loop_probe_get_max_block_us (probe);
  if (ticks == 0)
    fail_because (&pass, why, "the main loop did not turn");
  /* An answer that could not be read to a change the server made: the app must not ask for it
   * to be sent again blindly. */
  if (acted && wait.shown.shown != NULL && strstr (wait.shown.shown, "may have been made") == NULL)
    fail_because (&pass, why, "does not say the change may have been made");
  if (wait.shown.shown == NULL)
    {
      g_autofree char *seen = da_fm_app_describe_new (app);

      if (acted && pass)
        wait.shown.shown = g_strdup_printf ("done (no answer to spoil): %s", seen);
      else
        g_test_message ("%s × %s: new on screen: %s", op->name, fault->name, seen);
    }

  if (fault->kind == DA_FM_SIGNED_OUT)
    {
      /* The key entry, not a page: what was loaded went with the pages, by design. (The app
       * first takes the rejected key out of the keyring.) */
      if (!da_fm_app_wait (app, signed_out_cb, app, SHOW_TIMEOUT_MS))
        fail_because (&pass, why, "still signed in");
    }
  else
    {
      DaPage *page = cell_page (&cell);

      if (fault->kind != DA_FM_RETRIED)
        da_fm_app_wait (app, page_idle_cb, page, SHOW_TIMEOUT_MS);
      if (op->kept != NULL && g_str_equal (fault->what, "404") && !dialog_open (&cell))
        {
          /* What was edited no longer exists (the app was told so): its dialog goes, by design
           * (ARCHITECTURE.md: toast "… no longer exists", and the list refreshes). */
          typed = "gone";
        }
      else if (op->kept != NULL && fault->kind != DA_FM_RETRIED &&
               (!acted || dialog_open (&cell)))
        {
          gboolean kept = op->kept (&cell);

          typed = kept ? "kept" : "LOST";
          if (!kept)
            fail_because (&pass, why, "what was typed is gone");
        }
      if (rows_shown (page) + (op->removes ? 1 : 0) >= rows_before)
        loaded = "kept";
      else
        {
          loaded = "LOST";
          fail_because (&pass, why, "rows shown before are gone");
        }
    }

  da_mock_server_clear_faults (da_fm_app_get_server (app));
  if (fault->kind == DA_FM_RETRIED)
    {
      /* Sent again only because the server did not act: two requests, one change. */
      if (!wait_effective (&cell))
        fail_because (&pass, why, "the change was not made after the wait");
      else if (count_writes (&cell) != writes + 2)
        fail_because (&pass, why, "not exactly two requests");
      else
        recovered = "by itself";
    }
  else if (acted)
    {
      /* Nothing to send again: the change is there once, and the page shows the server's state
       * after a refresh. */
      if (dialog_open (&cell))
        gtk_window_destroy (cell.dialog);
      da_fm_app_refresh (app);
      if (!wait_effective (&cell) || !da_fm_page_is_settled (cell_page (&cell)))
        fail_because (&pass, why, "the change is not there once, or the page did not settle");
      else
        recovered = "once";
    }
  else if (op->effective (&cell))
    fail_because (&pass, why, "the change was made despite the fault");
  else
    {
      guint before;

      /* The server did nothing; sending again (after signing in again for a 401) does it. */
      if (dialog_open (&cell) && fault->kind != DA_FM_SIGNED_OUT)
        {
          before = count_writes (&cell);
          press (&cell, op->send_button (&cell));
        }
      else
        {
          /* The same as before: the server did nothing with it. */
          if (dialog_open (&cell))
            gtk_window_destroy (cell.dialog);
          da_fm_app_tidy (app);
          if (!open_operation (&cell, FALSE))
            fail_because (&pass, why, "could not open it again");
          before = count_writes (&cell);
          if (pass)
            press (&cell, op->send_button (&cell));
        }
      if (!pass)
        ;
      else if (!wait_effective (&cell))
        fail_because (&pass, why, "sending again did not make the change");
      else if (count_writes (&cell) != before + 1)
        fail_because (&pass, why, "sending again was not one request");
      else
        recovered = fault->kind == DA_FM_SIGNED_OUT ? "signed in" : "sent again";
    }

  da_fm_log_cell (op->name, fault->name, wait.shown.shown, typed, loaded, recovered, ticks, block,
                  pass);
  if (!pass)
    g_test_message ("%s × %s failed: %s", op->name, fault->name, why->str);
  note_cell (op->name, fault->name, pass);
  g_free (wait.shown.shown);
  cell_clear (&cell);
}

static void
test_write (gconstpointer data)
{
  const Operation *op = data;
  g_autoptr(DaMockOptions) options = write_options ();
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *title = g_strdup_printf ("Fault matrix: %s", op->name);
  DaFmApp *app = da_fm_app_new (options);
  const DaFmFault *faults;
  guint n_faults;

  faults = da_fm_get_faults (&n_faults);
  g_ptr_array_set_size (failed_cells, 0);
  da_fm_log_header (title);
  for (guint i = 0; i < n_faults; i++)
    run_write_cell (app, op, &faults[i], used);

  da_fm_app_free (app);
  report_failed_cells ();
}

/* Double clicks on the button that opens and on the one that sends: one dialog, one request,
 * one change. */
static void
test_double_click (void)
{
  g_autoptr(DaMockOptions) options = write_options ();
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DaFmApp *app = da_fm_app_new (options);

  g_ptr_array_set_size (failed_cells, 0);
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      const Operation *op = &operations[i];
      Cell cell = { app, op, ++serial, used, NULL, NULL, NULL, NULL };
      gboolean opened, effective;
      guint writes;

      da_fm_app_tidy (app);
      opened = open_operation (&cell, TRUE);
      writes = count_writes (&cell);
      if (opened)
        {
          GtkWidget *send = op->send_button (&cell);

          g_assert_nonnull (send);
          click (&cell, send, TRUE);
        }
      effective = opened && wait_effective (&cell);
      /* Anything sent late would have arrived by now. */
      da_fm_app_spin (app, 300);
      writes = count_writes (&cell) - writes;
      g_test_message ("Double click: %-20s | one dialog: %-3s | requests: %u | "
                      "change made once: %s", op->name, opened ? "yes" : "NO", writes,
                      effective ? "yes" : "NO");
      if (!opened || writes != 1 || !effective)
        g_ptr_array_add (failed_cells, g_strdup_printf ("double click × %s", op->name));
      cell_clear (&cell);
    }

  da_fm_app_free (app);
  report_failed_cells ();
}

int
main (int   argc,
      char *argv[])
{
  const char *part = g_getenv ("DA_FAULT_MATRIX");
  g_autofree char **args = g_new0 (char *, argc + 2);

  /* Every operation's row of the matrix runs, even after one failed. */
  for (int i = 0; i < argc; i++)
    args[i] = argv[i];
  args[argc++] = (char *) "--keep-going";
  argv = args;

  da_test_ui_init (&argc, &argv);
  failed_cells = g_ptr_array_new_with_free_func (g_free);

  if (part == NULL || g_str_equal (part, "loads"))
    for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
      {
        g_autofree char *path = g_strdup_printf ("/fault-matrix/load/%s", loads[i].page_id);

        g_test_add_data_func (path, &loads[i], test_load);
      }

  if (part == NULL || g_str_equal (part, "writes"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
        {
          g_autofree char *name = g_strdelimit (g_strdup (operations[i].name), " ", '-');
          g_autofree char *path = g_strdup_printf ("/fault-matrix/write/%s", name);

          g_test_add_data_func (path, &operations[i], test_write);
        }
      g_test_add_func ("/fault-matrix/double-click", test_double_click);
    }

  return g_test_run ();
}

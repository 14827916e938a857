/* da-test-ui.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "da-test-ui.h"
#include "da-welcome-page.h"
#include "da-window.h"

static const SecretSchema *
key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.devinadmin.DevinAdmin.ApiKey", SECRET_SCHEMA_NONE,
    { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };

  return &schema;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  /* Keeps g_main_context_iteration (NULL, TRUE) from sleeping past a deadline. */
  return G_SOURCE_CONTINUE;
}

void
da_test_ui_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, NULL);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  gtk_init ();
  adw_init ();

  /* What AdwApplication does for the app: its style sheet and icons from the resources. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      RESOURCE_BASE_PATH "/icons");
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  /* No transitions: a screenshot shows one state, not a crossfade of two. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_timeout_add (50, wake_up_cb, NULL);
}

gboolean
da_test_has_keyring (void)
{
  return g_strcmp0 (g_getenv ("DA_TEST_KEYRING"), "none") != 0;
}

/* ---- the application ------------------------------------------------------------------- */

void
da_test_settings_reset (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* @url: the server, or NULL for the demo */
static DaApplication *
app_new (const char *url)
{
  static guint n_apps;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = NULL;
  DaApplication *app = da_application_new ();
  GtkWindow *window;

  /* Each app is exported on the bus under an ID of its own: the previous one may not be gone
   * yet. */
  app_id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_apps);
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (url == NULL)
    da_application_set_demo (app, TRUE);
  else
    da_application_set_server_url (app, url);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = da_test_app_get_window (app);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return app;
}

DaApplication *
da_test_app_new (DaMockServer *server)
{
  return app_new (server != NULL ? da_mock_server_get_base_url (server) : NULL);
}

DaApplication *
da_test_app_new_for_url (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return app_new (url);
}

GtkWindow *
da_test_app_get_window (DaApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DA_IS_WINDOW (l->data))
      return l->data;

  g_error ("The application has no main window");
  return NULL;
}

void
da_test_app_free (DaApplication *app)
{
  GList *windows;

  if (app == NULL)
    return;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  g_application_quit (G_APPLICATION (app));
  da_test_spin (50);
  g_object_unref (app);
}

void
da_test_app_sign_in (DaApplication *app,
                     const char    *key)
{
  GtkWidget *welcome;

  DA_TEST_WAIT_UNTIL (da_application_get_state (app) == DA_APP_STATE_WELCOME);
  welcome = da_test_find_widget (GTK_WIDGET (da_test_app_get_window (app)), DA_TYPE_WELCOME_PAGE,
                                 NULL);
  g_assert_nonnull (welcome);
  da_test_type (da_test_find_widget (welcome, G_TYPE_NONE, "api-key-entry"), key);
  da_test_click (da_test_find_widget (welcome, G_TYPE_NONE, "sign-in-button"));

  /* Without a keyring, the key is used for this session only. */
  if (!da_test_has_keyring ())
    {
      GtkWidget *session_only = da_test_find_widget (welcome, G_TYPE_NONE, "session-only-button");

      DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (session_only));
      da_test_click (session_only);
    }

  DA_TEST_WAIT_UNTIL (da_application_get_state (app) == DA_APP_STATE_SIGNED_IN);
}

/* ---- server and context ---------------------------------------------------------------- */

DaMockServer *
da_test_server_new (const DaMockOptions *options)
{
  g_autoptr(GError) error = NULL;
  DaMockServer *server = da_mock_server_new (options);

  if (!da_mock_server_start (server, 0, &error))
    g_error ("The local server did not start: %s", error->message);
  g_test_message ("Local server at %s", da_mock_server_get_base_url (server));
  return server;
}

SoupSession *
da_test_session_new (void)
{
  return soup_session_new_with_options ("timeout", 5 * da_test_wait_scale (),
                                        "user-agent", "DevinAdmin-tests ",
                                        NULL);
}

DaClient *
da_test_client_new (DaMockServer *server,
                    const char   *api_key)
{
  g_autoptr(SoupSession) session = da_test_session_new ();
  g_autoptr(GError) error = NULL;
  DaClient *client;

  client = da_client_new (da_mock_server_get_base_url (server), session, &error);
  g_assert_no_error (error);
  da_client_set_api_key (client, api_key != NULL ? api_key : da_mock_server_get_admin_key (server));
  da_client_set_retry_policy (client, 2, 50, 200);
  return client;
}

DaContext *
da_test_context_new (DaMockServer *server,
                     const char   *api_key)
{
  g_autoptr(DaClient) client = da_test_client_new (server, api_key);

  return da_context_new (client, NULL, FALSE);
}

/* ---- main loop ------------------------------------------------------------------------- */

guint
da_test_wait_scale (void)
{
  static guint scale = 0;

  if (scale == 0)
    {
      const char *env = g_getenv ("DA_TEST_WAIT_SCALE");
      guint64 value = 0;

      if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 100, &value, NULL))
        scale = (guint) value;
      else
#ifdef __SANITIZE_ADDRESS__
        scale = 4;
#else
        scale = 1;
#endif
    }

  return scale;
}

void
da_test_wait_for (DaTestCondition  condition,
                  gpointer         user_data,
                  guint            timeout_ms,
                  const char      *description)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * da_test_wait_scale () * 1000;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", description);
      g_main_context_iteration (NULL, TRUE);
    }
}

void
da_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

void
da_test_async_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DaTestAsync *async = user_data;

  g_assert_null (async->result);
  async->result = g_object_ref (result);
}

GAsyncResult *
da_test_async_wait (DaTestAsync *async)
{
  DA_TEST_WAIT_UNTIL (async->result != NULL);
  return async->result;
}

void
da_test_async_clear (DaTestAsync *async)
{
  g_clear_object (&async->result);
}

GListModel *
da_test_load_all (DaPager *pager)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };

  da_pager_load_all_async (pager, NULL, da_test_async_cb, &async);
  g_assert_true (da_pager_load_all_finish (pager, da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return g_object_ref (da_pager_get_model (pager));
}

/* ---- windows and widgets --------------------------------------------------------------- */

GtkWindow *
da_test_window_new (GtkWidget *child,
                    int        width,
                    int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                      gtk_widget_get_width (child) > 0);
  return window;
}

void
da_test_window_resize (GtkWindow *window,
                       int        width,
                       int        height)
{
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_widget_unrealize (GTK_WIDGET (window));
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                      gtk_widget_get_width (GTK_WIDGET (window)) > 0 &&
                      gtk_widget_get_width (GTK_WIDGET (window)) <= width);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (type == G_TYPE_NONE || g_type_is_a (G_OBJECT_TYPE (widget), type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

GPtrArray *
da_test_find_all (GtkWidget *root,
                  GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (root), found);

  collect (root, type, found);
  return found;
}

GtkWidget *
da_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *name)
{
  g_autoptr(GPtrArray) all = da_test_find_all (root, type);

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (all, i);

      if (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
        return widget;
    }

  return NULL;
}

GtkWidget *
da_test_get_widget (GtkWidget  *root,
                    const char *name)
{
  GtkWidget *widget = da_test_find_widget (root, G_TYPE_NONE, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static char *
strip_mnemonic (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        g_string_append_c (s, *p++);
      else if (*p != '_')
        g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

static gboolean
text_matches (GtkWidget  *widget,
              const char *text)
{
  const char *own = NULL;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *plain = strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));

      if (g_strcmp0 (plain, text) == 0)
        return TRUE;
    }
  else if (GTK_IS_BUTTON (widget))
    {
      /* A button with a box of its own: the label inside. */
      g_autoptr(GPtrArray) labels = da_test_find_all (widget, GTK_TYPE_LABEL);

      for (guint i = 0; i < labels->len; i++)
        if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
          return TRUE;
    }

  if (GTK_IS_LABEL (widget))
    own = gtk_label_get_text (GTK_LABEL (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    own = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  else if (ADW_IS_STATUS_PAGE (widget))
    own = adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  else if (ADW_IS_WINDOW_TITLE (widget))
    own = adw_window_title_get_title (ADW_WINDOW_TITLE (widget));

  if (own != NULL && g_strcmp0 (own, text) == 0)
    return TRUE;

  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

GtkWidget *
da_test_find_by_text (GtkWidget  *root,
                      GType       type,
                      const char *text)
{
  g_autoptr(GPtrArray) all = da_test_find_all (root, type);

  for (guint i = 0; i < all->len; i++)
    if (text_matches (g_ptr_array_index (all, i), text))
      return g_ptr_array_index (all, i);

  return NULL;
}

GtkSelectionModel *
da_test_list_model (GtkWidget *root)
{
  GtkWidget *view = da_test_find_widget (root, GTK_TYPE_COLUMN_VIEW, NULL);
  GtkWidget *parent;

  if (view == NULL)
    return NULL;

  /* A long list's view shows a window of it: its parent holds the whole model. */
  parent = gtk_widget_get_parent (view);
  if (parent != NULL && !GTK_IS_SCROLLED_WINDOW (parent))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (parent), "model");

      if (pspec != NULL && g_type_is_a (pspec->value_type, GTK_TYPE_SELECTION_MODEL))
        {
          g_autoptr(GtkSelectionModel) model = NULL;

          g_object_get (parent, "model", &model, NULL);
          return model;
        }
    }

  return gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
}

gboolean
da_test_has_label (GtkWidget  *root,
                   const char *needle)
{
  g_autoptr(GPtrArray) labels = da_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_is_drawable (label) &&
          strstr (gtk_label_get_text (GTK_LABEL (label)), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* A click on a button, or the activation of another widget; FALSE when it has nothing to do. */
static gboolean
press (GtkWidget *widget)
{
  if (!GTK_IS_BUTTON (widget))
    return gtk_widget_activate (widget);

  g_signal_emit_by_name (widget, "clicked");
  return TRUE;
}

void
da_test_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (press (button));
}

gboolean
da_test_modal_over (GtkRoot *root)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* A modal window @root itself is transient for is under it, and takes nothing from it. */
      if (GTK_ROOT (window) == root || !gtk_widget_get_visible (GTK_WIDGET (window)) ||
          !gtk_window_get_modal (window))
        continue;
      for (GtkWindow *parent = gtk_window_get_transient_for (window);
           parent != NULL;
           parent = gtk_window_get_transient_for (parent))
        if (GTK_ROOT (parent) == root)
          return TRUE;
    }

  return FALSE;
}

gboolean
da_test_click_again (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root == NULL || !gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) ||
      da_test_modal_over (root))
    return FALSE;

  press (widget);
  return TRUE;
}

GtkWidget *
da_test_find_row_check (GtkWidget  *root,
                        const char *text)
{
  g_autoptr(GPtrArray) checks = da_test_find_all (root, GTK_TYPE_CHECK_BUTTON);

  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (checks, i);

      if (gtk_widget_get_mapped (check) &&
          da_test_find_by_text (gtk_widget_get_parent (check), GTK_TYPE_LABEL, text) != NULL)
        return check;
    }

  return NULL;
}

void
da_test_type (GtkWidget  *editable,
              const char *text)
{
  g_assert_true (GTK_IS_EDITABLE (editable));

  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* ---- dialogs --------------------------------------------------------------------------- */

GtkWindow *
da_test_find_toplevel (GType       type,
                       const char *name,
                       guint      *n_found)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;
  guint n = 0;

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (type != G_TYPE_NONE && !g_type_is_a (G_OBJECT_TYPE (window), type))
        continue;
      if (name != NULL && g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) != 0)
        continue;
      if (!gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      n++;
      found = window;
    }

  if (n_found != NULL)
    *n_found = n;
  return found;
}

GtkWindow *
da_test_wait_for_toplevel (GType       type,
                           const char *name)
{
  GtkWindow *window = NULL;

  DA_TEST_WAIT_UNTIL ((window = da_test_find_toplevel (type, name, NULL)) != NULL);
  return window;
}

static gboolean
chooser_has_file (GtkFileChooser *chooser,
                  GFile          *file)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);

  return chosen != NULL && g_file_equal (chosen, file);
}

void
da_test_answer_file_chooser (GFile *file)
{
  GtkWindow *dialog = da_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);

  GtkWidget *accept = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (file == NULL)
    {
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      return;
    }

  /* GtkFileChooserNative sets up its dialog (folder, suggested name) as it shows it, and on a
   * loaded machine that can land after a choice made too early: choose, let it settle, and
   * choose again until the choice holds. */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);

      g_assert_cmpuint (attempt, <, 20);
      da_test_spin (200);
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        {
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, &error);
          g_assert_no_error (error);
          gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
        }
      else
        {
          gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error);
          g_assert_no_error (error);
        }
      DA_TEST_WAIT_UNTIL (chooser_has_file (GTK_FILE_CHOOSER (dialog), file));
      da_test_spin (200);
      if (chooser_has_file (GTK_FILE_CHOOSER (dialog), file))
        break;
    }

  /* Press the dialog's own accept button, as a person would: the chooser checks the name
   * (and, for a file that exists, asks before replacing it) before it responds. */
  accept = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_nonnull (accept);
  da_test_click (accept);
}

void
da_test_answer_confirm (const char *phrase,
                        const char *response)
{
  GtkWindow *dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");

  if (phrase != NULL)
    {
      GtkWidget *entry = da_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY,
                                              "confirm-phrase-entry");

      g_assert_nonnull (entry);
      da_test_type (entry, phrase);
    }

  if (g_strcmp0 (response, "confirm") == 0)
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                            "confirm"));
  /* What a click on the response's button does: respond, then close. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
}

/* ---- screenshots ----------------------------------------------------------------------- */

static void
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* The paintable draws the widget's last frame, which a redraw queued since (a spinner, a
   * progress bar, a label that changed) has dropped: wait for the next frame then. */
  for (guint i = 0; node == NULL && i < 40; i++)
    {
      g_autoptr(GdkPaintable) current = gtk_widget_paintable_new (widget);

      if (i > 0)
        da_test_spin (50);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (current, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

void
da_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *dir = g_getenv ("DA_SCREENSHOT_DIR");
  g_autofree char *test = g_path_get_basename (g_get_prgname ());
  g_autoptr(GtkWidget) held = NULL;
  gboolean shown;
  static const struct {
    AdwColorScheme  scheme;
    const char     *suffix;
  } variants[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (dir == NULL || *dir == '\0')
    return;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  /* The main loop turns while the pictures are taken: what the widget shows can end meanwhile
   * (a dialog that closes once its work is done), and it must outlive this. */
  held = g_object_ref (widget);
  shown = gtk_widget_get_mapped (widget);
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s-%s.png", test, name, variants[i].suffix);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      adw_style_manager_set_color_scheme (style, variants[i].scheme);
      /* Let the new style reach every widget and a frame be laid out; a window just presented
       * on a loaded machine may take longer to get its size. */
      da_test_spin (250);
      DA_TEST_WAIT_UNTIL ((shown && !gtk_widget_get_mapped (widget)) ||
                          (gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0));
      if (shown && !gtk_widget_get_mapped (widget))
        {
          g_test_message ("Screenshot %s: gone from the screen before its picture", file);
          break;
        }
      save_png (widget, path);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  da_test_spin (100);
}

/* ---- keyring --------------------------------------------------------------------------- */

char *
da_test_keyring_lookup (const char *server)
{
  g_autoptr(GError) error = NULL;
  char *key;

  key = secret_password_lookup_sync (key_schema (), NULL, &error, "server", server, NULL);
  g_assert_no_error (error);
  return key;
}

void
da_test_keyring_clear_all (void)
{
  g_autoptr(GError) error = NULL;

  if (!da_test_has_keyring ())
    return;

  secret_password_clear_sync (key_schema (), NULL, &error, NULL);
  g_assert_no_error (error);
}

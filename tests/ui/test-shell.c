/* test-shell.c: the application and its window, signed in against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "da-application.h"
#include "da-figure.h"
#include "da-format.h"
#include "da-pages.h"
#include "da-state-view.h"
#include "da-test-ui.h"
#include "da-welcome-page.h"
#include "da-window.h"

typedef struct
{
  DaMockServer  *server;
  DaApplication *app;
  DaWindow      *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DaMockOptions options;

  da_test_keyring_clear_all ();

  da_mock_options_init (&options);
  options.members = 300;
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);
}

/* Starts the app as `devin-admin --server <local server>` would (or --demo), with the settings
 * as they are. */
static void
launch_app (Fixture  *f,
            gboolean  demo)
{
  f->app = da_test_app_new (demo ? NULL : f->server);
  f->window = DA_WINDOW (da_test_app_get_window (f->app));
}

/* The same, with the settings as on a first start (they live in memory for the whole test
 * program). */
static void
start_app (Fixture  *f,
           gboolean  demo)
{
  da_test_settings_reset ();
  launch_app (f, demo);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->app, da_test_app_free);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
  da_test_keyring_clear_all ();
}

static DaAppState
state_of (Fixture *f)
{
  return da_application_get_state (f->app);
}

static DaWelcomePage *
welcome_page (Fixture *f)
{
  return DA_WELCOME_PAGE (da_test_find_widget (GTK_WIDGET (f->window), DA_TYPE_WELCOME_PAGE,
                                               NULL));
}

static void
sign_in (Fixture    *f,
         const char *key)
{
  DaWelcomePage *welcome;

  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_WELCOME);
  welcome = welcome_page (f);
  g_assert_nonnull (welcome);
  da_test_type (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "api-key-entry"), key);
  da_test_click (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "sign-in-button"));

  /* Without a keyring, the key is used for this session only. */
  if (!da_test_has_keyring ())
    {
      GtkWidget *session_only = da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE,
                                                     "session-only-button");

      DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (session_only));
      da_test_click (session_only);
    }

  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);
}

static DaStateView *
overview_state (Fixture *f)
{
  DaPage *page = da_window_get_page (f->window, "overview");

  g_assert_nonnull (page);
  return DA_STATE_VIEW (da_test_find_widget (GTK_WIDGET (page), DA_TYPE_STATE_VIEW, NULL));
}

static GtkWidget *
sidebar_row (Fixture    *f,
             const char *id)
{
  g_autofree char *name = g_strconcat ("sidebar-", id, NULL);

  return da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_BOX_ROW, name);
}

/* Shows the window again at @width: a window keeps the size of its surface, so it gets a new
 * one (the way a window manager would resize it is not there under Xvfb). */
static void
resize_window (Fixture *f,
               int      width)
{
  da_test_window_resize (GTK_WINDOW (f->window), width, 720);
}

/* Closes the toast on show, as a person would with its close button. AdwToastOverlay counts a
 * toast's time only while the window is active, which under Xvfb it may not be. */
static void
dismiss_toast (Fixture *f)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");
  GtkWidget *toast;
  g_autoptr(GPtrArray) buttons = NULL;

  g_assert_true (toast_type != G_TYPE_INVALID);
  toast = da_test_find_widget (GTK_WIDGET (f->window), toast_type, NULL);
  g_assert_nonnull (toast);
  buttons = da_test_find_all (toast, GTK_TYPE_BUTTON);
  g_assert_cmpuint (buttons->len, >=, 1);
  /* The close button is the last one. */
  da_test_click (g_ptr_array_index (buttons, buttons->len - 1));
}

static AdwLeaflet *
leaflet (Fixture *f)
{
  return ADW_LEAFLET (da_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET, NULL));
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_first_run_sign_in (Fixture       *f,
                        gconstpointer  data)
{
  const char *key = da_mock_server_get_admin_key (f->server);
  const char *server = da_mock_server_get_base_url (f->server);
  g_autofree char *stored = NULL;
  g_autofree char *members = NULL;
  DaFigure *figure;

  if (!da_test_has_keyring ())
    {
      g_test_skip ("Needs a keyring");
      return;
    }

  start_app (f, FALSE);

  /* Nothing stored: the welcome page, asking for the key, at the address given. */
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_WELCOME);
  g_assert_cmpstr (da_welcome_page_get_server_url (welcome_page (f)), ==, server);
  da_test_screenshot (GTK_WIDGET (f->window), "welcome");

  sign_in (f, key);

  /* Stored in the keyring. */
  stored = da_test_keyring_lookup (server);
  g_assert_cmpstr (stored, ==, key);

  /* The Overview shows the server's figures. */
  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, "overview");
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);
  figure = DA_FIGURE (da_test_find_widget (GTK_WIDGET (f->window), DA_TYPE_FIGURE,
                                           "members-figure"));
  members = da_format_count (300);
  g_assert_cmpstr (da_figure_get_value (figure), ==, members);

  /* The window says which server it shows. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "127.0.0.1"));

  da_test_screenshot (GTK_WIDGET (f->window), "overview");
}

static void
test_stored_key_signs_in (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DaKeyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };

  if (!da_test_has_keyring ())
    {
      g_test_skip ("Needs a keyring");
      return;
    }

  store = da_key_store_new ();
  da_key_store_store_async (store, da_mock_server_get_base_url (f->server),
                            da_mock_server_get_admin_key (f->server), NULL,
                            da_test_async_cb, &async);
  g_assert_true (da_key_store_store_finish (store, da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);

  start_app (f, FALSE);

  /* The window is there at once, while the keyring answers; then straight to the pages. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_APP_STATE_STARTING);
  g_assert_cmpint (state_of (f), ==, DA_APP_STATE_SIGNED_IN);
  g_assert_null (welcome_page (f));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);
}

static void
test_every_page_opens (Fixture       *f,
                       gconstpointer  data)
{
  const DaPageEntry *entries;
  guint n_entries;

  start_app (f, TRUE);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);

  entries = da_pages_get_all (&n_entries);
  g_assert_cmpuint (n_entries, >=, 1);

  /* The sidebar lists exactly the pages that are built. */
  {
    GtkWidget *sidebar = da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_BOX, "sidebar");
    g_autoptr(GPtrArray) rows = da_test_find_all (sidebar, GTK_TYPE_LIST_BOX_ROW);

    g_assert_cmpuint (rows->len, ==, n_entries);
  }

  for (int i = n_entries - 1; i >= 0; i--)
    {
      GtkWidget *row = sidebar_row (f, entries[i].id);
      DaPage *page;

      g_assert_nonnull (row);
      da_test_click (row);
      g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, entries[i].id);
      page = da_window_get_visible_page (f->window);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page, entries[i].get_type ()));
      g_assert_nonnull (da_page_get_title (page));
      g_assert_true (da_test_has_label (GTK_WIDGET (f->window), da_page_get_title (page)));
      /* The page loads when shown. */
      DA_TEST_WAIT_UNTIL (!da_page_get_busy (page));
    }

  /* win.show-page does the same, and refuses an unknown page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             entries[0].id));
  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, entries[0].id);
  g_assert_false (da_window_show_page (f->window, "no-such-page"));
}

/* The pages created so far, wherever they are in the window. */
static guint
count_pages (Fixture *f)
{
  g_autoptr(GPtrArray) pages = da_test_find_all (GTK_WIDGET (f->window), DA_TYPE_PAGE);

  return pages->len;
}

/* The stacks on screen (but a drop-down's button's, a stack of its own of one small row); with
 * @check, each asserted not to be homogeneous. */
static guint
count_mapped_stacks (Fixture  *f,
                     gboolean  check)
{
  g_autoptr(GPtrArray) stacks = da_test_find_all (GTK_WIDGET (f->window), GTK_TYPE_STACK);
  guint n_mapped = 0;

  for (guint i = 0; i < stacks->len; i++)
    {
      GtkStack *stack = g_ptr_array_index (stacks, i);

      if (!gtk_widget_get_mapped (GTK_WIDGET (stack)) ||
          gtk_widget_get_ancestor (GTK_WIDGET (stack), GTK_TYPE_DROP_DOWN) != NULL)
        continue;
      n_mapped++;
      if (check)
        {
          g_assert_false (gtk_stack_get_hhomogeneous (stack));
          g_assert_false (gtk_stack_get_vhomogeneous (stack));
        }
    }

  return n_mapped;
}

/* Start-up builds the sidebar from the page table and only the page it shows; any other page is
 * created when first needed: shown through the sidebar (a click, or a selection as the keyboard
 * makes it), win.show-page, or asked for with da_window_get_page(). */
static void
test_pages_created_when_needed (Fixture       *f,
                                gconstpointer  data)
{
  const DaPageEntry *entries;
  guint n_entries;
  DaPage *page;

  start_app (f, TRUE);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);
  entries = da_pages_get_all (&n_entries);

  /* Every row is there, with the table's title and icon, but only the Overview exists. */
  for (guint i = 0; i < n_entries; i++)
    {
      GtkWidget *row = sidebar_row (f, entries[i].id);
      GtkWidget *icon;

      g_assert_nonnull (row);
      g_assert_true (da_test_has_label (row, entries[i].title));
      icon = da_test_find_widget (row, GTK_TYPE_IMAGE, NULL);
      g_assert_nonnull (icon);
      g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, entries[i].icon_name);
    }
  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, "overview");
  g_assert_cmpuint (count_pages (f), ==, 1);
  da_test_spin (200);
  g_assert_cmpuint (count_pages (f), ==, 1);

  /* A click in the sidebar creates its page. */
  da_test_click (sidebar_row (f, "members"));
  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, "members");
  g_assert_true (DA_IS_PAGE (da_window_get_visible_page (f->window)));
  g_assert_cmpuint (count_pages (f), ==, 2);

  /* A layout measures what is shown only: no stack on screen measures its hidden children
   * (pages made earlier, status pages) too. Once the page has loaded and shows its list and its
   * details pane: the window's stack, the page stack, the Members page's state view, list and
   * details. */
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (da_window_get_visible_page (f->window)));
  DA_TEST_WAIT_UNTIL (count_mapped_stacks (f, FALSE) >= 5);
  g_assert_cmpuint (count_mapped_stacks (f, TRUE), >=, 5);

  /* So does a row selected (the arrow keys in the sidebar), and win.show-page. */
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (sidebar_row (f, "sessions"))),
                           GTK_LIST_BOX_ROW (sidebar_row (f, "sessions")));
  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, "sessions");
  g_assert_cmpuint (count_pages (f), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s",
                                             "permissions"));
  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, "permissions");
  g_assert_cmpuint (count_pages (f), ==, 4);

  /* Asked for, a page is created without being shown, once. */
  page = da_window_get_page (f->window, "audit-log");
  g_assert_nonnull (page);
  g_assert_cmpuint (count_pages (f), ==, 5);
  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, "permissions");
  g_assert_true (da_window_get_page (f->window, "audit-log") == page);
  g_assert_cmpuint (count_pages (f), ==, 5);
  g_assert_null (da_window_get_page (f->window, "no-such-page"));
  g_assert_cmpuint (count_pages (f), ==, 5);

  /* Each page's own title and icon are the ones its row shows. */
  for (guint i = 0; i < n_entries; i++)
    {
      page = da_window_get_page (f->window, entries[i].id);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page, entries[i].get_type ()));
      g_assert_cmpstr (da_page_get_title (page), ==, entries[i].title);
      g_assert_cmpstr (da_page_get_icon_name (page), ==, entries[i].icon_name);
    }
  g_assert_cmpuint (count_pages (f), ==, n_entries);
}

/* Signed in with the page of last time kept in the settings: that page is the only one made. */
static void
test_last_page_created_alone (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);

  da_test_settings_reset ();
  g_settings_set_string (settings, "last-page", "audit-log");
  launch_app (f, FALSE);
  sign_in (f, da_mock_server_get_admin_key (f->server));

  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, "audit-log");
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (da_window_get_visible_page (f->window)));
  g_assert_cmpuint (count_pages (f), ==, 1);

  /* A link to another page creates it. */
  da_window_show_organization (f->window, "org-that-is-not-there");
  g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, "organizations");
  g_assert_cmpuint (count_pages (f), ==, 2);
  DA_TEST_WAIT_UNTIL (da_test_has_label (GTK_WIDGET (f->window),
                                         "That organization no longer exists"));
}

/* A state no frame showed is not faded out: no frame draws two states at once then. A state
 * that was on screen still fades, except the spinner giving way to the content. */
static void
test_unseen_state_not_faded (void)
{
  GtkWidget *view = da_state_view_new ();
  GtkStack *stack;
  GtkWindow *window;

  /* The tests run without animations; this one is about them. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  g_object_ref_sink (view);
  stack = GTK_STACK (da_test_find_widget (view, GTK_TYPE_STACK, NULL));
  window = da_test_window_new (view, 600, 400);

  /* Loading, then the content, with no frame in between. */
  da_state_view_show_loading (DA_STATE_VIEW (view));
  da_test_spin (300);
  da_state_view_show_content (DA_STATE_VIEW (view));
  da_state_view_show_loading (DA_STATE_VIEW (view));
  da_state_view_show_content (DA_STATE_VIEW (view));
  g_assert_false (gtk_stack_get_transition_running (stack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");

  /* The content was drawn: going to the loading state fades. */
  da_test_spin (300);
  da_state_view_show_loading (DA_STATE_VIEW (view));
  g_assert_true (gtk_stack_get_transition_running (stack));

  /* The content the spinner was drawn for shows at once, not faded in over it. */
  da_test_spin (300);
  g_assert_false (gtk_stack_get_transition_running (stack));
  da_state_view_show_content (DA_STATE_VIEW (view));
  g_assert_false (gtk_stack_get_transition_running (stack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");

  gtk_window_destroy (window);
  g_assert_finalize_object (view);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* Signed in before the first frame (the demo), the window shows its pages at once rather than
 * fading from the spinner no frame showed. */
static void
test_start_not_faded (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *overlay;
  GtkStack *main_stack;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  start_app (f, TRUE);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  overlay = da_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY, NULL);
  main_stack = GTK_STACK (adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "main");
  g_assert_false (gtk_stack_get_transition_running (main_stack));
}

/* The windows' icon (for X11 window managers) is set after the first frames, not before. */
static void
test_window_icon_set (Fixture       *f,
                      gconstpointer  data)
{
  gtk_window_set_default_icon_name (NULL);
  start_app (f, TRUE);
  DA_TEST_WAIT_UNTIL (g_strcmp0 (gtk_window_get_default_icon_name (), APP_ID) == 0);
}

/* The header bar's busy spinner draws an icon Adwaita has only as an SVG. The app draws it at
 * start-up in a worker thread, as the very icon GTK gives the spinner: GTK keeps icons by name,
 * size, scale and lookup flags, and GtkSpinner looks its icon up with no flags, so an icon
 * looked up with other flags (GTK_ICON_LOOKUP_PRELOAD, say) is another one, and the spinner's
 * would still be drawn on the main thread, in the first frame of a list. */
static void
test_spinner_icon_drawn_at_start_up (Fixture       *f,
                                     gconstpointer  data)
{
  GtkIconPaintable *icon;
  g_autoptr(GtkIconPaintable) spinners = NULL;
  GtkWidget *window;

  start_app (f, TRUE);
  window = GTK_WIDGET (f->window);
  /* Looked up and drawn in a worker thread, while the window is built. */
  DA_TEST_WAIT_UNTIL (_da_application_get_spinner_icon (f->app) != NULL);
  icon = _da_application_get_spinner_icon (f->app);
  g_assert_cmpstr (gtk_icon_paintable_get_icon_name (icon), ==, "process-working-symbolic");

  /* The lookup of a spinner in this window (gtkcssimageicontheme.c): its icon size, the
   * window's scale, no flags. */
  spinners = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (window)),
                                         "process-working-symbolic", NULL, 16,
                                         gtk_widget_get_scale_factor (window), GTK_TEXT_DIR_NONE,
                                         0);
  g_assert_true (spinners == icon);
}

static gboolean
tls_loaded (DaApplication *app)
{
  gboolean started, loaded;

  _da_application_get_tls_prepared (app, &started, &loaded);
  return loaded;
}

/* Start-up loads GLib's TLS backend and the trusted certificates in a worker thread when the
 * server is https://, and not for the demo, which is on http://. */
static void
test_tls_prepared_at_start_up (Fixture       *f,
                               gconstpointer  data)
{
  DaApplication *app;
  gboolean started = TRUE, loaded = TRUE;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("GLib has no TLS backend here");
      return;
    }

  start_app (f, TRUE);
  _da_application_get_tls_prepared (f->app, &started, &loaded);
  g_assert_false (started);
  g_assert_false (loaded);

  /* No key for this server in the keyring: the app waits at the key entry, nothing is sent. */
  app = da_test_app_new_for_url ("https://127.0.0.1:9/v2/enterprise");
  _da_application_get_tls_prepared (app, &started, &loaded);
  g_assert_true (started);
  DA_TEST_WAIT_UNTIL (tls_loaded (app));
  DA_TEST_WAIT_UNTIL (da_application_get_state (app) == DA_APP_STATE_WELCOME);
  da_test_app_free (app);
}

static void
test_narrow_window_folds (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *back;

  start_app (f, TRUE);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);
  g_assert_false (adw_leaflet_get_folded (leaflet (f)));

  resize_window (f, 390);
  DA_TEST_WAIT_UNTIL (adw_leaflet_get_folded (leaflet (f)));

  /* One column: the page, with a back button to the list of pages. */
  back = da_test_find_by_text (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "Back");
  g_assert_nonnull (back);
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (back));
  da_test_screenshot (GTK_WIDGET (f->window), "narrow-page");

  da_test_click (back);
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (sidebar_row (f, "overview")));
  da_test_screenshot (GTK_WIDGET (f->window), "narrow-sidebar");

  /* Picking a page goes to it. */
  da_test_click (sidebar_row (f, "overview"));
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (GTK_WIDGET (da_window_get_page (f->window,
                                                                              "overview"))));

  /* Wide again: two columns, no back button. */
  resize_window (f, 1100);
  DA_TEST_WAIT_UNTIL (!adw_leaflet_get_folded (leaflet (f)));
  DA_TEST_WAIT_UNTIL (!gtk_widget_is_drawable (back));
}

/* At a phone's width (360 pixels, the window's smallest), every page fits: none makes the
 * window wider. */
static void
test_every_page_fits_360 (Fixture       *f,
                          gconstpointer  data)
{
  const DaPageEntry *entries;
  guint n_entries;

  start_app (f, TRUE);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);
  resize_window (f, 360);
  DA_TEST_WAIT_UNTIL (adw_leaflet_get_folded (leaflet (f)));

  entries = da_pages_get_all (&n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      DaPage *page = da_window_get_page (f->window, entries[i].id);
      int min_width;

      g_assert_true (da_window_show_page (f->window, entries[i].id));
      DA_TEST_WAIT_UNTIL (!da_page_get_busy (page));
      da_test_spin (100);
      /* The window's content, without the decorations' margins. */
      gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)),
                          GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      g_test_message ("%s: the window's content needs %d pixels", entries[i].id, min_width);
      g_assert_cmpint (min_width, <=, 360);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
    }
}

static GtkWindow *
find_sign_out_dialog (Fixture *f)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;

  /* A dialog is not always added to the application: look at every toplevel. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (window))
          return window;
      }
  }

  return NULL;
}

static void
test_window_size_kept (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  launch_app (f, TRUE);

  /* The size of last time. */
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* Resized, then closed: the new size is kept for next time. */
  resize_window (f, 1000);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_demo_mode (Fixture       *f,
                gconstpointer  data)
{
  DaContext *context;
  g_autoptr(DaKeyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) servers = NULL;
  DaTestAsync async = { 0 };

  start_app (f, TRUE);

  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);
  context = da_application_get_context (f->app);
  g_assert_true (da_context_get_demo (context));
  g_assert_null (da_application_get_key_store (f->app));
  /* A local server, on loopback, reached without asking for a proxy. */
  g_assert_true (g_str_has_prefix (da_context_get_server (context), "http://127.0.0.1:"));
  g_assert_null (soup_session_get_proxy_resolver (da_application_get_session (f->app)));

  /* Marked as a demo. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "Demo"));
  g_assert_true (da_test_has_label (GTK_WIDGET (f->window), "Demo"));
  /* Nothing to sign out of: the action is disabled, no dialog comes. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL);
  da_test_spin (200);
  g_assert_null (find_sign_out_dialog (f));

  /* The seeded enterprise: 1,000 members. */
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);
  {
    DaFigure *figure = DA_FIGURE (da_test_find_widget (GTK_WIDGET (f->window), DA_TYPE_FIGURE,
                                                       "members-figure"));
    g_autofree char *thousand = da_format_count (1000);

    g_assert_cmpstr (da_figure_get_value (figure), ==, thousand);
  }

  /* The keyring was not touched. */
  if (da_test_has_keyring ())
    {
      store = da_key_store_new ();
      da_key_store_list_servers_async (store, NULL, da_test_async_cb, &async);
      servers = da_key_store_list_servers_finish (store, da_test_async_wait (&async), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (servers), ==, 0);
      da_test_async_clear (&async);
    }

  da_test_screenshot (GTK_WIDGET (f->window), "demo");
}

static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  const char *server = da_mock_server_get_base_url (f->server);
  g_autofree char *stored = NULL;
  GtkWindow *dialog;

  if (!da_test_has_keyring ())
    {
      g_test_skip ("Needs a keyring");
      return;
    }

  start_app (f, FALSE);
  sign_in (f, da_mock_server_get_admin_key (f->server));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);

  /* Sign Out asks first; Cancel keeps everything. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  DA_TEST_WAIT_UNTIL ((dialog = find_sign_out_dialog (f)) != NULL);
  da_test_screenshot (GTK_WIDGET (dialog), "sign-out-dialog");
  da_test_click (da_test_find_by_text (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Cancel"));
  da_test_spin (100);
  g_assert_cmpint (state_of (f), ==, DA_APP_STATE_SIGNED_IN);
  stored = da_test_keyring_lookup (server);
  g_assert_nonnull (stored);
  g_clear_pointer (&stored, g_free);

  DA_TEST_WAIT_UNTIL (find_sign_out_dialog (f) == NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  DA_TEST_WAIT_UNTIL ((dialog = find_sign_out_dialog (f)) != NULL);
  da_test_click (da_test_find_by_text (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Sign Out"));

  /* Back to the welcome page, the key gone, the loaded data forgotten. */
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_WELCOME);
  stored = da_test_keyring_lookup (server);
  g_assert_null (stored);
  g_assert_null (da_application_get_context (f->app));
  g_assert_null (da_window_get_page (f->window, "overview"));
  g_assert_nonnull (welcome_page (f));
}

static void
test_unauthorized_returns_to_key_entry (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DaWelcomePage *welcome;
  GtkWidget *label;

  start_app (f, FALSE);
  sign_in (f, da_mock_server_get_admin_key (f->server));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);

  /* The key is revoked elsewhere: the next request gets a 401. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "* 401", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));

  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_WELCOME);
  welcome = welcome_page (f);
  g_assert_nonnull (welcome);
  label = da_test_find_widget (GTK_WIDGET (welcome), GTK_TYPE_LABEL, "message-label");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "rejected the API key"));
  g_assert_null (da_application_get_context (f->app));

  /* The rejected key left the keyring, and the key entry says so. */
  if (da_test_has_keyring ())
    {
      g_autofree char *stored = da_test_keyring_lookup (da_mock_server_get_base_url (f->server));

      g_assert_null (stored);
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)),
                                "was removed from the keyring"));
    }

  da_test_screenshot (GTK_WIDGET (f->window), "key-rejected");
}

/* After Revoke All (here through the API, as the API Keys page or another admin does), the
 * stored key is dead: the app clears it at its first refusal, and the next start asks for a key
 * instead of trying it. */
static void
test_revoked_key_is_cleared (Fixture       *f,
                             gconstpointer  data)
{
  const char *server = da_mock_server_get_base_url (f->server);
  g_autoptr(DaClient) api = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  DaTestAsync async = { 0 };
  DaWelcomePage *welcome;
  GtkWidget *label;

  if (!da_test_has_keyring ())
    {
      g_test_skip ("Needs a keyring");
      return;
    }

  start_app (f, FALSE);
  sign_in (f, da_mock_server_get_admin_key (f->server));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);
  stored = da_test_keyring_lookup (server);
  g_assert_nonnull (stored);
  g_clear_pointer (&stored, g_free);

  api = da_test_client_new (f->server, NULL);
  da_client_revoke_all_api_keys_async (api, NULL, da_test_async_cb, &async);
  g_assert_true (da_client_call_finish (api, da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_WELCOME);
  welcome = welcome_page (f);
  label = da_test_find_widget (GTK_WIDGET (welcome), GTK_TYPE_LABEL, "message-label");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "revoked"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "was removed from the keyring"));
  stored = da_test_keyring_lookup (server);
  g_assert_null (stored);

  /* The next start: straight to the key entry, the dead key never sent again. */
  da_test_app_free (g_steal_pointer (&f->app));
  da_mock_server_reset_counts (f->server);
  launch_app (f, FALSE);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_APP_STATE_STARTING);
  g_assert_cmpint (state_of (f), ==, DA_APP_STATE_WELCOME);
  da_test_spin (200);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/members"), ==, 0);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/metrics/usage"), ==, 0);
}

/* The pictures of the metainfo (data/screenshots/ holds copies of the light ones): the demo's
 * enterprise, page by page, at a laptop's size and at a phone's width. */
static void
test_store_screenshots (Fixture       *f,
                        gconstpointer  data)
{
  static const char *pages[] = { "overview", "members", "organizations", "consumption",
                                 "audit-log" };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);

  da_test_settings_reset ();
  g_settings_set_int (settings, "window-width", 1200);
  g_settings_set_int (settings, "window-height", 720);
  launch_app (f, TRUE);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strconcat ("store-", pages[i], NULL);
      DaPage *page;

      g_assert_true (da_window_show_page (f->window, pages[i]));
      page = da_window_get_page (f->window, pages[i]);
      DA_TEST_WAIT_UNTIL (!da_page_get_busy (page));
      g_assert_null (da_page_get_error (page));
      da_test_spin (300);
      da_test_screenshot (GTK_WIDGET (f->window), name);
    }

  g_assert_true (da_window_show_page (f->window, "overview"));
  resize_window (f, 360);
  DA_TEST_WAIT_UNTIL (adw_leaflet_get_folded (leaflet (f)));
  da_test_spin (300);
  da_test_screenshot (GTK_WIDGET (f->window), "store-narrow");
}

static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  GtkWindow *about;
  g_autofree char *version = NULL;
  g_autofree char *website = NULL;
  g_autofree char *issues = NULL;
  g_autofree char *debug_info = NULL;
  g_autofree char *icon = NULL;
  GtkLicense license;

  launch_app (f, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  about = da_test_wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW, "about-window");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (about)) &&
                      gtk_widget_get_width (GTK_WIDGET (about)) > 0);

  g_object_get (about, "version", &version, "website", &website, "issue-url", &issues,
                "debug-info", &debug_info, "license-type", &license, "application-icon", &icon,
                NULL);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (g_str_has_prefix (website, "https://"));
  g_assert_true (g_str_has_prefix (issues, "https://"));
  /* The library versions, for bug reports. */
  g_assert_nonnull (strstr (debug_info, "GTK 4."));
  g_assert_nonnull (strstr (debug_info, "libadwaita 1."));
  g_assert_nonnull (strstr (debug_info, "libsoup 3."));
  g_assert_nonnull (strstr (debug_info, "GLib 2."));
  g_assert_nonnull (strstr (debug_info, "json-glib"));
  g_assert_nonnull (strstr (debug_info, "libsecret"));

  da_test_screenshot (GTK_WIDGET (about), "about");
  gtk_window_destroy (about);
}

static void
test_rate_limit_toast (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  start_app (f, FALSE);
  sign_in (f, da_mock_server_get_admin_key (f->server));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);

  /* Two 429s with Retry-After: the client waits and retries, and the window says so. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server,
                                              "GET /metrics/usage 429 times=2 retry-after=1",
                                              &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));

  DA_TEST_WAIT_UNTIL (da_test_has_label (GTK_WIDGET (f->window), "Rate limited, retrying in 1 s"));
  da_test_screenshot (GTK_WIDGET (f->window), "rate-limited");

  /* The page gets its figures in the end, with no error of its own. */
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (da_window_get_page (f->window, "overview")));
  g_assert_cmpint (da_state_view_get_state (overview_state (f)), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (da_window_get_page (f->window, "overview")));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/metrics/usage"), >=, 3);

  /* One toast, however many retries: once it is gone, no other one waits in the queue. */
  labels = da_test_find_all (GTK_WIDGET (f->window), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "Rate limited") != NULL)
      n++;
  g_assert_cmpuint (n, <=, 1);
  /* Its 5 s may have run out while a slowed app (ASan) retried: then it is gone already. */
  if (da_test_find_widget (GTK_WIDGET (f->window), g_type_from_name ("AdwToastWidget"), NULL))
    dismiss_toast (f);
  DA_TEST_WAIT_UNTIL (!da_test_has_label (GTK_WIDGET (f->window), "Rate limited"));
  da_test_spin (500);
  g_assert_false (da_test_has_label (GTK_WIDGET (f->window), "Rate limited"));
}

static void
test_toasts_are_not_stacked (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = NULL;
  guint n = 0;

  start_app (f, TRUE);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);

  da_window_add_toast (f->window, "This member no longer exists");
  da_window_add_toast (f->window, "This member no longer exists");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-toast", "s",
                                             "This member no longer exists"));
  DA_TEST_WAIT_UNTIL (da_test_has_label (GTK_WIDGET (f->window), "This member no longer exists"));

  labels = da_test_find_all (GTK_WIDGET (f->window), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)),
                   "This member no longer exists") == 0)
      n++;
  g_assert_cmpuint (n, ==, 1);

  /* A toast overlay shows one toast at a time and queues the others: once this one is gone,
   * none with the same title follows. */
  dismiss_toast (f);
  DA_TEST_WAIT_UNTIL (!da_test_has_label (GTK_WIDGET (f->window), "This member no longer exists"));
  da_test_spin (500);
  g_assert_false (da_test_has_label (GTK_WIDGET (f->window), "This member no longer exists"));

  /* Once dismissed, the same message may show again. */
  da_window_add_toast (f->window, "This member no longer exists");
  DA_TEST_WAIT_UNTIL (da_test_has_label (GTK_WIDGET (f->window), "This member no longer exists"));
}

static void
test_no_keyring_session_only (Fixture       *f,
                              gconstpointer  data)
{
  DaWelcomePage *welcome;
  GtkWidget *label;
  GtkWidget *session_only;

  if (da_test_has_keyring ())
    {
      g_test_skip ("Runs only without a Secret Service (DA_TEST_KEYRING=none)");
      return;
    }

  start_app (f, FALSE);

  /* The saved key cannot be read: the welcome page says why, and the app goes on. */
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_WELCOME);
  welcome = welcome_page (f);
  label = da_test_find_widget (GTK_WIDGET (welcome), GTK_TYPE_LABEL, "message-label");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "No keyring service"));

  da_test_type (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "api-key-entry"),
                da_mock_server_get_admin_key (f->server));
  da_test_click (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "sign-in-button"));
  session_only = da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "session-only-button");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (session_only));
  da_test_screenshot (GTK_WIDGET (f->window), "no-keyring");
  da_test_click (session_only);

  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_SIGNED_IN);
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (overview_state (f)) == DA_STATE_VIEW_CONTENT);

  /* Sign Out with a session-only key has no keyring to clear, and does not complain. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  {
    GtkWindow *dialog;

    DA_TEST_WAIT_UNTIL ((dialog = find_sign_out_dialog (f)) != NULL);
    da_test_click (da_test_find_by_text (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Sign Out"));
  }
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_APP_STATE_WELCOME);
  da_test_spin (200);
  g_assert_false (da_test_has_label (GTK_WIDGET (f->window), "could not be removed"));
}

static void
test_version_info (void)
{
  g_autofree char *info = da_application_dup_version_info ();
  g_autofree char *gtk = g_strdup_printf ("GTK %u.%u.", gtk_get_major_version (),
                                          gtk_get_minor_version ());

  g_assert_true (g_str_has_prefix (info, "Devin Admin " PACKAGE_VERSION));
  g_assert_nonnull (strstr (info, gtk));
  g_assert_nonnull (strstr (info, "libadwaita 1."));
  g_assert_nonnull (strstr (info, "libsoup 3."));
}

static void
run_app (const char * const  *args,
         char               **out,
         char               **err,
         int                 *status)
{
  const char *binary = g_getenv ("DA_APP_BINARY");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, status,
                &error);
  g_assert_no_error (error);
}

/* Without its settings (the schema not installed, as in a run from the build tree), the window
 * opens at the size the settings would give on a first start, not at its smallest. */
static void
test_default_size_without_settings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GtkWindow *window = g_object_new (DA_TYPE_WINDOW, NULL);
  int width, height;

  g_object_ref_sink (window);
  gtk_window_get_default_size (window, &width, &height);
  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, "io.github.devinadmin.DevinAdmin", TRUE);
  g_assert_nonnull (schema);
  {
    g_autoptr(GSettingsSchemaKey) width_key = g_settings_schema_get_key (schema, "window-width");
    g_autoptr(GSettingsSchemaKey) height_key = g_settings_schema_get_key (schema,
                                                                          "window-height");
    g_autoptr(GVariant) default_width = g_settings_schema_key_get_default_value (width_key);
    g_autoptr(GVariant) default_height = g_settings_schema_key_get_default_value (height_key);

    g_assert_cmpint (width, ==, g_variant_get_int32 (default_width));
    g_assert_cmpint (height, ==, g_variant_get_int32 (default_height));
  }

  gtk_window_destroy (window);
  g_object_unref (window);
}

static void
test_command_line (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  {
    const char *args[] = { "--version", NULL };

    run_app (args, &out, &err, &status);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_str_has_prefix (out, "Devin Admin " PACKAGE_VERSION));
    g_assert_nonnull (strstr (out, "GTK 4."));
    g_assert_nonnull (strstr (out, "libadwaita 1."));
    g_assert_nonnull (strstr (out, "libsoup 3."));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *args[] = { "--help", NULL };

    run_app (args, &out, &err, &status);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "--demo"));
    g_assert_nonnull (strstr (out, "--server=URL"));
    g_assert_nonnull (strstr (out, "--version"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    /* Plain http:// to another computer is refused before anything starts. */
    const char *args[] = { "--server", "http://api.example.com/v2/enterprise", NULL };

    run_app (args, &out, &err, &status);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "https://"));
  }
}

typedef struct
{
  GString  *err;        /* what the app wrote to stderr */
  gboolean  done;       /* end of stream */
} ReadErr;

static void
on_err_line_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReadErr *read = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (object),
                                                                result, NULL, NULL);

  if (line == NULL)
    {
      read->done = TRUE;
      return;
    }
  g_string_append_printf (read->err, "%s\n", line);
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL,
                                       on_err_line_cb, read);
}

/* --page opens the window on that page, and DA_REPORT_FIRST_FRAME has the app say on stderr
 * when the first frame with the Members page's rows was painted (the start-up benchmark's hook):
 * a CLOCK_MONOTONIC time between the start and now, written once. */
static void
test_start_page_first_frame (void)
{
  const char *binary = g_getenv ("DA_APP_BINARY");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  ReadErr read = { g_string_new (NULL), FALSE };
  const char *line;
  gint64 start, frame, end;

  g_assert_nonnull (binary);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "DA_REPORT_FIRST_FRAME", "1", TRUE);

  start = g_get_monotonic_time ();
  app = g_subprocess_launcher_spawn (launcher, &error, binary, "--demo", "--page", "members",
                                     NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  g_data_input_stream_read_line_async (err, G_PRIORITY_DEFAULT, NULL, on_err_line_cb, &read);

  DA_TEST_WAIT_UNTIL (strstr (read.err->str, "first-frame ") != NULL || read.done);
  end = g_get_monotonic_time ();
  line = strstr (read.err->str, "first-frame ");
  if (line == NULL)
    g_error ("No first frame reported; the app wrote: %s", read.err->str);
  frame = g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10);
  g_assert_cmpint (frame, >, start);
  g_assert_cmpint (frame, <=, end);

  /* Once only, however many frames follow. */
  da_test_spin (1500);
  line = strstr (read.err->str, "first-frame ");
  g_assert_null (strstr (line + 1, "first-frame "));

  g_subprocess_send_signal (app, SIGTERM);
  DA_TEST_WAIT_UNTIL (read.done);
  g_subprocess_wait (app, NULL, NULL);
  g_string_free (read.err, TRUE);

  /* The option is listed. */
  {
    const char *args[] = { "--help", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err_text = NULL;
    int status;

    run_app (args, &out, &err_text, &status);
    g_assert_nonnull (strstr (out, "--page=ID"));
  }
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/shell/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("first-run-sign-in", test_first_run_sign_in);
  ADD ("stored-key-signs-in", test_stored_key_signs_in);
  ADD ("every-page-opens", test_every_page_opens);
  ADD ("pages-created-when-needed", test_pages_created_when_needed);
  ADD ("last-page-created-alone", test_last_page_created_alone);
  ADD ("window-icon-set", test_window_icon_set);
  ADD ("spinner-icon-drawn-at-start-up", test_spinner_icon_drawn_at_start_up);
  ADD ("tls-prepared-at-start-up", test_tls_prepared_at_start_up);
  ADD ("start-not-faded", test_start_not_faded);
  ADD ("narrow-window-folds", test_narrow_window_folds);
  ADD ("every-page-fits-360", test_every_page_fits_360);
  ADD ("window-size-kept", test_window_size_kept);
  ADD ("demo-mode", test_demo_mode);
  ADD ("sign-out", test_sign_out);
  ADD ("unauthorized-returns-to-key-entry", test_unauthorized_returns_to_key_entry);
  ADD ("revoked-key-is-cleared", test_revoked_key_is_cleared);
  ADD ("about", test_about);
  ADD ("store-screenshots", test_store_screenshots);
  ADD ("rate-limit-toast", test_rate_limit_toast);
  ADD ("toasts-are-not-stacked", test_toasts_are_not_stacked);
  ADD ("no-keyring-session-only", test_no_keyring_session_only);
  g_test_add_func ("/shell/unseen-state-not-faded", test_unseen_state_not_faded);
  g_test_add_func ("/shell/version-info", test_version_info);
  g_test_add_func ("/shell/command-line", test_command_line);
  g_test_add_func ("/shell/default-size-without-settings", test_default_size_without_settings);
  g_test_add_func ("/shell/start-page-first-frame", test_start_page_first_frame);

#undef ADD

  return g_test_run ();
}

/* test-shortcuts.c: the keyboard shortcuts of the application and its window
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4 has no way to send a key event from a test. So each key is looked up among the window's
 * own shortcut controllers (where a real key press is matched), by its keyval and modifiers, and
 * the action that key would trigger is run as the controller runs it; then the test checks the
 * effect through the page, the server's request counts or the windows shown.
 */

#include "config.h"

#include "da-members-page.h"
#include "da-pages.h"
#include "da-test-ui.h"
#include "da-window.h"

typedef struct
{
  DaMockServer  *server;
  DaApplication *app;
  DaWindow      *window;
} Fixture;

/* Every shortcut of the issue, as the application must register it. */
static const struct {
  const char *action;
  const char *accels[3];
} expected[] = {
  { "win.focus-search", { "<Control>f", NULL } },
  { "win.refresh", { "<Control>r", "F5", NULL } },
  { "win.new", { "<Control>n", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DaMockOptions options;

  da_test_keyring_clear_all ();
  da_test_settings_reset ();

  da_mock_options_init (&options);
  options.members = 120;
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->app = da_test_app_new (f->server);
  f->window = DA_WINDOW (da_test_app_get_window (f->app));
  da_test_app_sign_in (f->app, da_mock_server_get_admin_key (f->server));
  /* Signed in, a keyboard user starts from the sidebar. */
  DA_TEST_WAIT_UNTIL (gtk_root_get_focus (GTK_ROOT (f->window)) != NULL);
  g_assert_true (GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (f->window))));
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

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 GtkShortcutTrigger *key)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            key) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            key);

  return gtk_shortcut_trigger_equal (trigger, key);
}

/* The shortcut a press of @keyval with @modifiers triggers in the window, from any of its
 * shortcut controllers (the application's accelerators among them). (transfer full) */
static GtkShortcut *
find_shortcut (Fixture         *f,
               guint            keyval,
               GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_autoptr(GtkShortcutTrigger) key = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), key))
            return g_steal_pointer (&shortcut);
        }
    }

  return NULL;
}

/* Presses the key as far as GTK can be made to in a test: its shortcut runs on the window. */
static void
press (Fixture         *f,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcut) shortcut = find_shortcut (f, keyval, modifiers);
  g_autofree char *name = gtk_accelerator_name (keyval, modifiers);

  if (shortcut == NULL)
    g_error ("No shortcut for %s in the window", name);

  g_test_message ("Pressing %s", name);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (f->window),
                                               gtk_shortcut_get_arguments (shortcut)));
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_accels_registered (Fixture       *f,
                        gconstpointer  data)
{
  const DaPageEntry *pages;
  guint n_pages;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                                     expected[i].action);

      g_test_message ("%s", expected[i].action);
      g_assert_cmpstrv (accels, expected[i].accels);
    }

  /* Alt+1 … Alt+8: the pages in the sidebar's order. */
  pages = da_pages_get_all (&n_pages);
  g_assert_cmpuint (n_pages, ==, 8);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page::%s", pages[i].id);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                                     action);

      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_cmpstr (accels[0], ==, accel);
    }
}

static void
test_alt_number_switches_pages (Fixture       *f,
                                gconstpointer  data)
{
  const DaPageEntry *pages;
  guint n_pages;

  pages = da_pages_get_all (&n_pages);
  for (guint i = n_pages; i > 0; i--)
    {
      press (f, GDK_KEY_1 + (i - 1), GDK_ALT_MASK);
      g_assert_cmpstr (da_window_get_visible_page_id (f->window), ==, pages[i - 1].id);
    }
}

static void
test_page_shortcuts (Fixture       *f,
                     gconstpointer  data)
{
  DaPage *page;
  GtkWidget *focus;
  GtkWindow *invite;
  guint n_before;

  press (f, GDK_KEY_2, GDK_ALT_MASK);
  page = da_window_get_visible_page (f->window);
  g_assert_true (DA_IS_MEMBERS_PAGE (page));
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (page) && da_page_get_can_export (page));

  /* Ctrl+F: the focus goes to the page's search entry. */
  press (f, GDK_KEY_f, GDK_CONTROL_MASK);
  DA_TEST_WAIT_UNTIL ((focus = gtk_root_get_focus (GTK_ROOT (f->window))) != NULL &&
                      gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));

  /* Ctrl+R and F5: the page loads again. */
  n_before = da_mock_server_count_requests (f->server, "GET", "/members");
  press (f, GDK_KEY_r, GDK_CONTROL_MASK);
  DA_TEST_WAIT_UNTIL (da_mock_server_count_requests (f->server, "GET", "/members") > n_before);
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (page));
  n_before = da_mock_server_count_requests (f->server, "GET", "/members");
  press (f, GDK_KEY_F5, 0);
  DA_TEST_WAIT_UNTIL (da_mock_server_count_requests (f->server, "GET", "/members") > n_before);
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (page));

  /* Ctrl+N: the page's "new" action, the invitation. */
  g_assert_null (da_test_find_toplevel (g_type_from_name ("DaInviteDialog"), NULL, NULL));
  press (f, GDK_KEY_n, GDK_CONTROL_MASK);
  DA_TEST_WAIT_UNTIL ((invite = da_test_find_toplevel (g_type_from_name ("DaInviteDialog"), NULL,
                                                        NULL)) != NULL);
  gtk_window_destroy (invite);

  /* Ctrl+E: the export asks where to save; cancelled, nothing happens. */
  press (f, GDK_KEY_e, GDK_CONTROL_MASK);
  da_test_answer_file_chooser (NULL);
}

static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkWindow *overlay;
  g_autoptr(GPtrArray) shortcuts = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const DaPageEntry *pages;
  guint n_pages;

  /* Built when first asked for, not with the window. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));

  /* Ctrl+? opens it. */
  press (f, GDK_KEY_question, GDK_CONTROL_MASK);
  DA_TEST_WAIT_UNTIL ((overlay = da_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW, NULL,
                                                         NULL)) != NULL);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  g_assert_true (GTK_WINDOW (gtk_application_window_get_help_overlay (
                   GTK_APPLICATION_WINDOW (f->window))) == overlay);
  g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (f->window));

  /* Every entry shows a key, and every shortcut of the app is listed. */
  shortcuts = da_test_find_all (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      GObject *shortcut = g_ptr_array_index (shortcuts, i);
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (shortcut, "title", &title, "accelerator", &accelerator,
                    "action-name", &action, NULL);
      g_test_message ("%s: %s (%s)", title, accelerator, action);
      g_assert_nonnull (accelerator);
      g_assert_cmpstr (accelerator, !=, "");
      if (action != NULL)
        g_hash_table_add (listed, g_steal_pointer (&action));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_hash_table_contains (listed, expected[i].action));
  pages = da_pages_get_all (&n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page::%s", pages[i].id);

      g_assert_true (g_hash_table_contains (listed, action));
    }

  gtk_window_set_default_size (overlay, 1000, 640);
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (overlay), "shortcuts");
  gtk_window_destroy (overlay);
}

static void
on_quit_activated_cb (GSimpleAction *action,
                      GVariant      *param,
                      gboolean      *quit)
{
  *quit = TRUE;
}

static void
test_close_and_quit (Fixture       *f,
                     gconstpointer  data)
{
  GAction *quit_action = g_action_map_lookup_action (G_ACTION_MAP (f->app), "quit");
  gboolean quit = FALSE;
  GtkWindow *preferences;

  /* Ctrl+, opens Preferences. */
  press (f, GDK_KEY_comma, GDK_CONTROL_MASK);
  DA_TEST_WAIT_UNTIL ((preferences = da_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW, NULL,
                                                             NULL)) != NULL);
  gtk_window_destroy (preferences);

  /* Ctrl+Q quits the application (the action is run; the test's app does not run a loop of its
   * own to leave). */
  g_signal_connect (quit_action, "activate", G_CALLBACK (on_quit_activated_cb), &quit);
  press (f, GDK_KEY_q, GDK_CONTROL_MASK);
  g_assert_true (quit);

  /* Ctrl+W closes the window. */
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  press (f, GDK_KEY_w, GDK_CONTROL_MASK);
  DA_TEST_WAIT_UNTIL (f->window == NULL || !gtk_widget_get_visible (GTK_WIDGET (f->window)));
}

/* The primary menu is made when it is first opened, and F10 opens it with its items. */
static void
test_primary_menu_made_when_opened (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *menu_button = da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON,
                                                "primary-menu-button");
  GtkPopover *popover;
  GMenuModel *model;
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *label = NULL;

  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_true (gtk_widget_get_sensitive (menu_button));

  press (f, GDK_KEY_F10, 0);
  DA_TEST_WAIT_UNTIL (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)) != NULL &&
                      gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)))));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_assert_true (model == gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
  section = g_menu_model_get_item_link (model, 1, G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "_Preferences");

  /* Opened again, it is the same menu. */
  gtk_popover_popdown (popover);
  DA_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_true (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)) == popover);
  gtk_popover_popdown (popover);
}

/* Every control of the window's frame can be reached with the keyboard. */
static void
test_keyboard_reach (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *menu_button = da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON,
                                                "primary-menu-button");
  GtkWidget *sidebar = da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_BOX, "sidebar");
  g_autoptr(GPtrArray) rows = da_test_find_all (sidebar, GTK_TYPE_LIST_BOX_ROW);

  /* F10 opens the primary menu. */
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));
  /* The sidebar's rows take the focus, in the sidebar's order. */
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_assert_true (gtk_widget_get_focusable (row));
      g_assert_true (gtk_widget_grab_focus (row));
      g_assert_true (gtk_widget_has_focus (row));
    }
  /* Tab leaves the sidebar for the page's side of the window (its header's buttons, then the
   * page), rather than going through every row; Shift+Tab goes to the sidebar's header. */
  {
    GtkEventController *keys = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (sidebar);
    GtkWidget *focus;
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          keys = controller;
      }
    g_assert_nonnull (keys);

    gtk_widget_grab_focus (g_ptr_array_index (rows, 0));
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
    g_assert_true (handled);
    focus = gtk_root_get_focus (GTK_ROOT (f->window));
    g_test_message ("Tab: %s", G_OBJECT_TYPE_NAME (focus));
    g_assert_false (gtk_widget_is_ancestor (focus, sidebar));
    g_assert_true (gtk_widget_is_ancestor (focus, gtk_widget_get_parent (
                     GTK_WIDGET (da_window_get_visible_page (f->window)))) ||
                   gtk_widget_get_ancestor (focus, ADW_TYPE_HEADER_BAR) != NULL);

    gtk_widget_grab_focus (g_ptr_array_index (rows, 2));
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_ISO_Left_Tab, 0, GDK_SHIFT_MASK,
                           &handled);
    g_assert_true (handled);
    focus = gtk_root_get_focus (GTK_ROOT (f->window));
    g_assert_true (gtk_widget_get_ancestor (focus, GTK_TYPE_MENU_BUTTON) == menu_button);

    /* The arrows are the list's own. */
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    g_assert_false (handled);
  }
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/shortcuts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("registered", test_accels_registered);
  ADD ("alt-number-switches-pages", test_alt_number_switches_pages);
  ADD ("page-shortcuts", test_page_shortcuts);
  ADD ("shortcuts-window", test_shortcuts_window);
  ADD ("close-and-quit", test_close_and_quit);
  ADD ("keyboard-reach", test_keyboard_reach);
  ADD ("primary-menu-made-when-opened", test_primary_menu_made_when_opened);

#undef ADD

  return g_test_run ();
}

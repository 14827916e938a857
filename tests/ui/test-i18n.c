/* test-i18n.c: the application in German
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs with LANGUAGE=de and LC_ALL=C.UTF-8 (glibc honours LANGUAGE for messages with any locale
 * but "C"/"POSIX"), against the catalogs the build made from po/ (DA_TEST_LOCALEDIR). Saves the
 * German screenshots of the window, Preferences, Keyboard Shortcuts and About.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-application.h"
#include "da-test-ui.h"
#include "da-window.h"

typedef struct
{
  DaApplication *app;
  DaWindow      *window;
} Fixture;

/* The demo: the app with its own local server, signed in at once, no keyring needed. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  static guint n_apps;
  g_autofree char *app_id = g_strdup_printf ("%s.TestI18n%u", APP_ID, ++n_apps);

  g_settings_reset (settings, "last-page");
  f->app = da_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  da_application_set_demo (f->app, TRUE);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));

  f->window = DA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_true (DA_IS_WINDOW (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)) &&
                      da_application_get_state (f->app) == DA_APP_STATE_SIGNED_IN);
}

static void
fixture_tear_down (Fixture       *f,
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
}

static GtkWidget *
sidebar_row (Fixture    *f,
             const char *id)
{
  g_autofree char *name = g_strconcat ("sidebar-", id, NULL);

  return da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LIST_BOX_ROW, name);
}

/* ---- tests ----------------------------------------------------------------------------- */

/* The catalog itself: plain messages, plural forms and messages with a context. */
static void
test_catalog (void)
{
  g_assert_cmpstr (_("Members"), ==, "Mitglieder");
  g_assert_cmpstr (ngettext ("%s member", "%s members", 1), ==, "%s Mitglied");
  g_assert_cmpstr (ngettext ("%s member", "%s members", 2), ==, "%s Mitglieder");
  g_assert_cmpstr (ngettext ("%s member", "%s members", 0), ==, "%s Mitglieder");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "session status", "New"), ==, "Neu");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "organization role", "Admin"), ==,
                   "Administrator");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "last login", "Never"), ==, "Nie");
  /* A string with no translation would come back as it is. */
  g_assert_cmpstr (_("Offline — showing data from %s"), ==, "Offline – Datenstand: %s");
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  static const struct {
    const char *id;
    const char *title;
  } pages[] = {
    { "overview", "Übersicht" },
    { "members", "Mitglieder" },
    { "organizations", "Organisationen" },
    { "permissions", "Berechtigungen" },
    { "api-keys", "API-Schlüssel" },
    { "audit-log", "Audit-Protokoll" },
    { "sessions", "Sitzungen" },
    { "consumption", "Verbrauch" },
  };
  GtkWidget *page;

  /* The sidebar, as a person reads it. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *row = sidebar_row (f, pages[i].id);

      g_assert_nonnull (row);
      g_assert_true (da_test_has_label (row, pages[i].title));
      g_assert_cmpstr (da_page_get_title (da_window_get_page (f->window, pages[i].id)), ==,
                       pages[i].title);
    }
  g_assert_true (da_test_has_label (GTK_WIDGET (f->window), "Demo – erfundene Daten von einem "
                                                            "lokalen Server"));
  g_assert_null (da_test_find_by_text (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "Members"));

  /* A count with its plural, once the members are loaded. */
  g_assert_true (da_window_show_page (f->window, "members"));
  page = GTK_WIDGET (da_window_get_page (f->window, "members"));
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (page)) &&
                      da_test_has_label (page, " Mitglieder"));
  g_assert_nonnull (da_test_find_by_text (page, GTK_TYPE_BUTTON, "Einladen …"));
  da_test_screenshot (GTK_WIDGET (f->window), "members");
}

static GtkWindow *
open_from_action (Fixture    *f,
                  const char *action,
                  GType       type)
{
  GtkWindow *window;

  if (g_str_has_prefix (action, "app."))
    g_action_group_activate_action (G_ACTION_GROUP (f->app), action + strlen ("app."), NULL);
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));

  window = da_test_wait_for_toplevel (type, NULL);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                      gtk_widget_get_width (GTK_WIDGET (window)) > 0);
  return window;
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *window = open_from_action (f, "app.preferences", ADW_TYPE_PREFERENCES_WINDOW);

  g_assert_true (da_test_has_label (GTK_WIDGET (window), "Nutzungswarnungen"));
  g_assert_true (da_test_has_label (GTK_WIDGET (window), "Im Hintergrund weiter prüfen"));
  da_test_screenshot (GTK_WIDGET (window), "preferences");
  gtk_window_destroy (window);
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  GtkWindow *window = open_from_action (f, "win.show-help-overlay", GTK_TYPE_SHORTCUTS_WINDOW);

  g_assert_true (da_test_has_label (GTK_WIDGET (window), "Aktualisieren"));
  g_assert_true (da_test_has_label (GTK_WIDGET (window), "Fenster schließen"));
  da_test_screenshot (GTK_WIDGET (window), "shortcuts");
  gtk_window_destroy (window);
}

static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  GtkWindow *window = open_from_action (f, "app.about", ADW_TYPE_ABOUT_WINDOW);

  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (window)), ==,
                   "Die Autoren von Devin Admin");
  g_assert_cmpstr (adw_about_window_get_translator_credits (ADW_ABOUT_WINDOW (window)), ==,
                   "Die Autoren von Devin Admin");
  da_test_screenshot (GTK_WIDGET (window), "about");
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("DA_TEST_LOCALEDIR");
  g_autofree char *catalog = NULL;

  da_test_ui_init (&argc, &argv);

  /* The catalogs of this build, not installed ones. */
  g_assert_nonnull (localedir);
  catalog = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalog, G_FILE_TEST_EXISTS))
    g_error ("%s is not built: run `meson compile` first", catalog);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  /* As main() does: ngettext() in the app's code uses the default domain. */
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/catalog", test_catalog);
#define ADD(path, func) \
  g_test_add ("/i18n/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("window", test_window);
  ADD ("preferences", test_preferences);
  ADD ("shortcuts", test_shortcuts);
  ADD ("about", test_about);

  return g_test_run ();
}

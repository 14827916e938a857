/* test-preferences.c: the Preferences window and what it edits
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-notifier.h"
#include "da-preferences-window.h"
#include "da-test-ui.h"

typedef struct
{
  GSettings   *settings;
  SoupSession *session;
  GtkWidget   *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  da_test_settings_reset ();
  f->settings = g_settings_new (APP_ID_BASE);
  f->session = da_test_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->session);
  g_clear_object (&f->settings);
}

static void
open_window (Fixture *f)
{
  f->window = da_preferences_window_new (f->settings, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (f->window));
}

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = da_test_find_widget (f->window, G_TYPE_NONE, name);

  g_assert_nonnull (widget);
  return widget;
}

/* Types @value into a spin button and confirms it, as a person would. */
static void
type_number (GtkWidget *spin,
             const char *value)
{
  da_test_type (spin, value);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  open_window (f);

  /* What the schema says a first start has. */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (named (f, "notifications-switch"))));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (named (f, "threshold-spin"))),
                     ==, 80);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (named (f, "interval-spin"))),
                     ==, 15);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (named (f, "background-switch"))));
  /* Without an application there are no accounts to list, and no enterprise to limit. */
  g_assert_false (gtk_widget_get_visible (named (f, "accounts-group")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "enterprise-limit-spin")));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 900);
  da_test_spin (100);
  da_test_screenshot (f->window, "general");
}

static void
test_usage_alerts_saved (Fixture       *f,
                         gconstpointer  data)
{
  open_window (f);

  /* A threshold in percent. */
  type_number (named (f, "threshold-spin"), "90");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "acu-warning-threshold"), ==, 90);
  /* Out of range: held to the range. */
  type_number (named (f, "threshold-spin"), "150");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "acu-warning-threshold"), ==, 99);

  /* The interval in minutes, kept in seconds; one minute at least. */
  type_number (named (f, "interval-spin"), "30");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "refresh-interval"), ==, 1800);
  type_number (named (f, "interval-spin"), "0");
  g_assert_cmpuint (g_settings_get_uint (f->settings, "refresh-interval"), ==, 60);

  /* Background checks. */
  da_test_click (named (f, "background-switch"));
  g_assert_true (g_settings_get_boolean (f->settings, "run-in-background"));

  /* Notifications off: the rest has nothing to act on. */
  da_test_click (named (f, "notifications-switch"));
  g_assert_false (g_settings_get_boolean (f->settings, "notifications-enabled"));
  g_assert_false (gtk_widget_is_sensitive (named (f, "threshold-spin")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "interval-spin")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "background-switch")));

  /* Changed elsewhere: the window follows. */
  g_settings_set_boolean (f->settings, "notifications-enabled", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (named (f, "notifications-switch"))));
  g_settings_set_uint (f->settings, "refresh-interval", 300);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (named (f, "interval-spin"))),
                     ==, 5);
}

static void
test_server_refused (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *row, *error_label;
  g_autofree char *url = NULL;

  open_window (f);
  row = named (f, "server-url-entry");
  error_label = named (f, "server-url-error");

  /* Plain http:// to another computer is refused, saying why, and nothing is saved. */
  da_test_type (row, "http://devin-proxy.example.com");
  g_signal_emit_by_name (row, "apply");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https://"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  url = g_settings_get_string (f->settings, "server-url");
  g_assert_cmpstr (url, ==, "https://api.devin.ai/v2/enterprise");
  da_test_screenshot (f->window, "server-refused");

  /* Loopback may be plain http. */
  da_test_type (row, "http://localhost:8080/v2/enterprise");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (f->settings, "server-url");
  g_assert_cmpstr (url, ==, "http://localhost:8080/v2/enterprise");
}

/* With the application, signed in: the accounts, and the enterprise's own limit. */
static void
test_with_application (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DaMockServer) server = da_test_server_new (NULL);
  DaApplication *app;
  GtkWidget *spin;
  GtkWidget *add_row;
  g_autoptr(GVariant) limits = NULL;
  guint32 limit = 0;

  app = da_test_app_new (server);
  da_test_app_sign_in (app, da_mock_server_get_admin_key (server));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  f->window = GTK_WIDGET (da_test_wait_for_toplevel (DA_TYPE_PREFERENCES_WINDOW, NULL));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (f->window));
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  g_assert_true (gtk_widget_is_drawable (named (f, "accounts-group")));

  /* The enterprise shown gets a limit of its own; 0 removes it. */
  spin = named (f, "enterprise-limit-spin");
  g_assert_true (gtk_widget_is_sensitive (spin));
  type_number (spin, "5000");
  limits = g_settings_get_value (f->settings, "enterprise-acu-limits");
  g_assert_true (g_variant_lookup (limits, da_mock_server_get_base_url (server), "u", &limit));
  g_assert_cmpuint (limit, ==, 5000);
  g_clear_pointer (&limits, g_variant_unref);
  type_number (spin, "0");
  limits = g_settings_get_value (f->settings, "enterprise-acu-limits");
  g_assert_false (g_variant_lookup (limits, da_mock_server_get_base_url (server), "u", &limit));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 1000);
  da_test_spin (100);
  da_test_screenshot (f->window, "signed-in");

  /* Add Account… goes to the key entry in the main window. */
  add_row = named (f, "add-account-row");
  g_signal_emit_by_name (add_row, "activated");
  DA_TEST_WAIT_UNTIL (f->window == NULL);
  DA_TEST_WAIT_UNTIL (da_application_get_adding_account (app));
  da_application_cancel_add_account (app);
  DA_TEST_WAIT_UNTIL (da_application_get_state (app) == DA_APP_STATE_SIGNED_IN);

  da_test_app_free (app);
  da_mock_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/preferences/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("defaults", test_defaults);
  ADD ("usage-alerts-saved", test_usage_alerts_saved);
  ADD ("server-refused", test_server_refused);
  ADD ("with-application", test_with_application);

#undef ADD

  return g_test_run ();
}

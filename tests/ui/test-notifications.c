/* test-notifications.c: usage notifications against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test is the desktop's notification server: it owns org.gtk.Notifications on its private
 * session bus (tests/run-test.sh) before the application sends anything, so GLib's notification
 * backend sends every GNotification to it over D-Bus, where it is recorded. Thresholds are
 * crossed by changing organizations' limits through the API, as an admin elsewhere would.
 */

#include "config.h"

#include <math.h>

#include "da-format.h"
#include "da-notifier.h"
#include "da-organizations-page.h"
#include "da-test-ui.h"
#include "da-window.h"

/* ---- the notification server ----------------------------------------------------------- */

typedef struct
{
  char     *app_id;
  char     *id;
  GVariant *notification;  /* a{sv} */
} Sent;

static GPtrArray *sent;     /* Sent, in the order received */
static guint      n_removed;

static void
sent_free (Sent *item)
{
  g_free (item->app_id);
  g_free (item->id);
  g_variant_unref (item->notification);
  g_free (item);
}

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' name='app_id' direction='in'/>"
  "      <arg type='s' name='id' direction='in'/>"
  "      <arg type='a{sv}' name='notification' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' name='app_id' direction='in'/>"
  "      <arg type='s' name='id' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      Sent *item = g_new0 (Sent, 1);

      g_variant_get (parameters, "(ss@a{sv})", &item->app_id, &item->id, &item->notification);
      g_test_message ("Notification %s from %s", item->id, item->app_id);
      g_ptr_array_add (sent, item);
    }
  else
    {
      n_removed++;
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 result;

  sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sent_free);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1); /* DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */
}

static const char *
sent_string (Sent       *item,
             const char *key)
{
  const char *value = NULL;

  g_variant_lookup (item->notification, key, "&s", &value);
  return value;
}

/* ---- fixture --------------------------------------------------------------------------- */

typedef struct
{
  DaMockServer  *server;
  DaClient      *api;     /* the test's own client, for changes through the API */
  DaApplication *app;
  GSettings     *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  da_test_keyring_clear_all ();
  da_test_settings_reset ();
  g_ptr_array_set_size (sent, 0);
  n_removed = 0;

  f->server = da_test_server_new (NULL);
  f->api = da_test_client_new (f->server, NULL);
  f->settings = g_settings_new (APP_ID_BASE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->app, da_test_app_free);
  g_clear_object (&f->api);
  g_clear_object (&f->settings);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
  da_test_keyring_clear_all ();
}

static void
launch (Fixture *f)
{
  f->app = da_test_app_new (f->server);
  /* The key entry, unless a key is stored from an earlier launch. */
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) != DA_APP_STATE_STARTING);
  if (da_application_get_state (f->app) == DA_APP_STATE_WELCOME)
    da_test_app_sign_in (f->app, da_mock_server_get_admin_key (f->server));
}

/* Runs the notifier's scheduled check now, as its timer would, and waits for it to end;
 * returns how many notifications it sent. */
static gssize
run_check (Fixture *f)
{
  DaNotifier *notifier = da_application_get_notifier (f->app);
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  guint n_before = sent->len;
  gssize n;

  da_notifier_check_async (notifier, NULL, da_test_async_cb, &async);
  n = da_notifier_check_finish (notifier, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);

  /* The notifications travel over the bus; none more come. */
  DA_TEST_WAIT_UNTIL (sent->len >= n_before + (guint) n);
  da_test_spin (100);
  g_assert_cmpuint (sent->len, ==, n_before + (guint) n);
  return n;
}

/* The ACUs each organization used in the current billing cycle, as the app counts them:
 * org_id → double *. */
static GHashTable *
usage_by_org (Fixture *f)
{
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(DaConsumption) consumption = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const DaConsumptionEntry *entries;
  DaTestAsync async = { 0 };
  gint64 start = DA_TIME_UNSET;
  guint n;

  da_client_list_billing_cycles_async (f->api, NULL, da_test_async_cb, &async);
  cycles = da_client_list_billing_cycles_finish (f->api, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  for (guint i = 0; i < cycles->len && start == DA_TIME_UNSET; i++)
    if (da_billing_cycle_contains (g_ptr_array_index (cycles, i), da_now ()))
      start = da_billing_cycle_get_start (g_ptr_array_index (cycles, i));

  da_client_get_daily_consumption_async (f->api, NULL, start, DA_TIME_UNSET, NULL, NULL,
                                         da_test_async_cb, &async);
  consumption = da_client_get_daily_consumption_finish (f->api, da_test_async_wait (&async),
                                                        &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);

  entries = da_consumption_get_by_org (consumption, &n);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (usage, g_strdup (entries[i].key), g_memdup2 (&entries[i].acus,
                                                                      sizeof (double)));
  return usage;
}

static GPtrArray *
list_orgs (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (f->api);
  g_autoptr(GListModel) model = da_test_load_all (pager);
  GPtrArray *orgs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (orgs, g_list_model_get_item (model, i));
  return orgs;
}

static void
set_limit (Fixture    *f,
           const char *org_id,
           gint64      limit)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };

  da_client_update_organization_async (f->api, org_id, NULL, TRUE, limit, NULL,
                                       da_test_async_cb, &async);
  g_assert_true (da_client_call_finish (f->api, da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);
}

/* Clears every organization's limit but that of the one that used the most ACUs this cycle,
 * which is returned with what it used. (transfer full) */
static DaOrganization *
only_busiest_org (Fixture *f,
                  double  *used)
{
  g_autoptr(GPtrArray) orgs = list_orgs (f);
  g_autoptr(GHashTable) usage = usage_by_org (f);
  DaOrganization *busiest = NULL;

  *used = 0;
  for (guint i = 0; i < orgs->len; i++)
    {
      DaOrganization *org = g_ptr_array_index (orgs, i);
      double *acus = g_hash_table_lookup (usage, da_organization_get_org_id (org));

      if (da_organization_get_max_cycle_acu_limit (org) != DA_UNSET)
        set_limit (f, da_organization_get_org_id (org), DA_UNSET);
      if (acus != NULL && *acus > *used)
        {
          *used = *acus;
          busiest = org;
        }
    }

  g_assert_nonnull (busiest);
  g_assert_cmpfloat (*used, >, 20);
  return g_object_ref (busiest);
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_usage_alert_levels (void)
{
  g_assert_cmpint (da_usage_alert_for (79, 100, 80), ==, DA_USAGE_ALERT_NONE);
  g_assert_cmpint (da_usage_alert_for (80, 100, 80), ==, DA_USAGE_ALERT_WARNING);
  g_assert_cmpint (da_usage_alert_for (100, 100, 80), ==, DA_USAGE_ALERT_WARNING);
  g_assert_cmpint (da_usage_alert_for (100.5, 100, 80), ==, DA_USAGE_ALERT_EXCEEDED);
  g_assert_cmpint (da_usage_alert_for (50, 100, 50), ==, DA_USAGE_ALERT_WARNING);
  /* No limit, nothing used, nonsense: nothing to say. */
  g_assert_cmpint (da_usage_alert_for (5000, -1, 80), ==, DA_USAGE_ALERT_NONE);
  g_assert_cmpint (da_usage_alert_for (5000, 0, 80), ==, DA_USAGE_ALERT_NONE);
  g_assert_cmpint (da_usage_alert_for (NAN, 100, 80), ==, DA_USAGE_ALERT_NONE);
  g_assert_cmpint (da_usage_alert_for (-3, 100, 80), ==, DA_USAGE_ALERT_NONE);
}

/* The seeded enterprise has organizations near and past their limits: the first check says so
 * once for each, the next one says nothing. */
static void
test_seeded_crossings (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) orgs = list_orgs (f);
  g_autoptr(GHashTable) usage = usage_by_org (f);
  guint n_expected = 0;

  for (guint i = 0; i < orgs->len; i++)
    {
      DaOrganization *org = g_ptr_array_index (orgs, i);
      double *acus = g_hash_table_lookup (usage, da_organization_get_org_id (org));

      if (da_usage_alert_for (acus != NULL ? *acus : 0,
                              da_organization_get_max_cycle_acu_limit (org), 80) !=
          DA_USAGE_ALERT_NONE)
        n_expected++;
    }
  g_assert_cmpuint (n_expected, >=, 2);

  launch (f);
  /* Checked at the interval, not at once: nothing yet. */
  g_assert_true (da_notifier_get_active (da_application_get_notifier (f->app)));
  g_assert_cmpuint (da_notifier_get_interval (da_application_get_notifier (f->app)), ==, 900);
  da_test_spin (300);
  g_assert_cmpuint (sent->len, ==, 0);

  g_assert_true (da_notifier_run_scheduled (da_application_get_notifier (f->app)));
  DA_TEST_WAIT_UNTIL (sent->len >= n_expected);
  da_test_spin (300);
  g_assert_cmpuint (sent->len, ==, n_expected);
  for (guint i = 0; i < sent->len; i++)
    {
      Sent *item = g_ptr_array_index (sent, i);

      g_assert_cmpstr (item->app_id, ==, g_application_get_application_id (G_APPLICATION (f->app)));
      g_assert_cmpstr (sent_string (item, "default-action"), ==, "app.show-organization");
    }

  /* No repeats. */
  g_assert_cmpint (run_check (f), ==, 0);
  g_assert_cmpuint (sent->len, ==, n_expected);
}

static void
test_threshold_then_limit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  const char *org_id;
  g_autofree char *title = NULL;
  Sent *warning, *exceeded;
  double used;
  gint64 limit;

  org = only_busiest_org (f, &used);
  org_id = da_organization_get_org_id (org);
  launch (f);
  g_assert_cmpint (run_check (f), ==, 0);

  /* Elsewhere, the limit is lowered to about 90 % of what the organization used. */
  limit = (gint64) ceil (used / 0.9);
  set_limit (f, org_id, limit);
  g_assert_cmpint (run_check (f), ==, 1);
  warning = g_ptr_array_index (sent, 0);
  title = g_strdup_printf ("“%s” is close to its ACU limit", da_organization_get_org_name (org));
  g_assert_cmpstr (sent_string (warning, "title"), ==, title);
  g_assert_nonnull (strstr (sent_string (warning, "body"), "ACUs used in this billing cycle"));
  g_assert_nonnull (strstr (sent_string (warning, "body"), "127.0.0.1"));
  g_assert_cmpstr (sent_string (warning, "priority"), ==, "normal");
  {
    g_autoptr(GVariant) target = g_variant_lookup_value (warning->notification,
                                                         "default-action-target", NULL);
    const char *server, *target_org;

    g_assert_nonnull (target);
    g_variant_get (target, "(&s&s)", &server, &target_org);
    g_assert_cmpstr (server, ==, da_mock_server_get_base_url (f->server));
    g_assert_cmpstr (target_org, ==, org_id);
  }

  /* Checked again: the same crossing is not notified twice. */
  g_assert_cmpint (run_check (f), ==, 0);

  /* Lower again, under what it used: past the limit, a second notification that replaces the
   * first (same ID), and no more after it. */
  set_limit (f, org_id, (gint64) floor (used) - 5);
  g_assert_cmpint (run_check (f), ==, 1);
  exceeded = g_ptr_array_index (sent, 1);
  g_assert_cmpstr (exceeded->id, ==, warning->id);
  g_clear_pointer (&title, g_free);
  title = g_strdup_printf ("“%s” passed its ACU limit", da_organization_get_org_name (org));
  g_assert_cmpstr (sent_string (exceeded, "title"), ==, title);
  g_assert_cmpstr (sent_string (exceeded, "priority"), ==, "high");
  g_assert_cmpint (run_check (f), ==, 0);

  /* Remembered across a restart of the app (in the settings). */
  g_clear_pointer (&f->app, da_test_app_free);
  launch (f);
  g_assert_cmpint (run_check (f), ==, 0);

  /* A new limit is a new crossing. */
  set_limit (f, org_id, (gint64) ceil (used / 0.85));
  g_assert_cmpint (run_check (f), ==, 1);
}

static void
test_activate_opens_organization (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(GVariant) target = NULL;
  const char *action;
  DaWindow *window;
  DaPage *page;
  DaOrganization *selected;
  double used;

  org = only_busiest_org (f, &used);
  set_limit (f, da_organization_get_org_id (org), (gint64) ceil (used / 0.9));
  launch (f);
  window = DA_WINDOW (da_test_app_get_window (f->app));
  g_assert_cmpstr (da_window_get_visible_page_id (window), ==, "overview");
  g_assert_cmpint (run_check (f), ==, 1);

  /* The desktop activates the notification's default action with its target. */
  action = sent_string (g_ptr_array_index (sent, 0), "default-action");
  target = g_variant_lookup_value (((Sent *) g_ptr_array_index (sent, 0))->notification,
                                   "default-action-target", NULL);
  {
    g_autofree char *text = g_variant_print (target, FALSE);

    g_test_message ("Activating %s %s of %s", action, text,
                    ((Sent *) g_ptr_array_index (sent, 0))->app_id);
  }
  g_assert_cmpstr (((Sent *) g_ptr_array_index (sent, 0))->app_id, ==,
                   g_application_get_application_id (G_APPLICATION (f->app)));
  g_assert_true (g_str_has_prefix (action, "app."));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), action + strlen ("app."), target);

  /* The Organizations page, once loaded, with that organization selected. */
  g_assert_cmpstr (da_window_get_visible_page_id (window), ==, "organizations");
  page = da_window_get_page (window, "organizations");
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (page) &&
                      (selected = da_organizations_page_get_selected (
                         DA_ORGANIZATIONS_PAGE (page))) != NULL);
  g_assert_cmpstr (da_organization_get_org_id (selected), ==, da_organization_get_org_id (org));
  da_test_screenshot (GTK_WIDGET (window), "organization-shown");
}

static void
test_enterprise_limit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) usage = NULL;
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(GVariant) target = NULL;
  GVariantBuilder builder;
  Sent *item;
  double used, total = 0;
  GHashTableIter iter;
  gpointer value;
  DaWindow *window;

  org = only_busiest_org (f, &used);
  usage = usage_by_org (f);
  g_hash_table_iter_init (&iter, usage);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += *(double *) value;
  launch (f);
  g_assert_cmpint (run_check (f), ==, 0);

  /* The person's own limit for the enterprise (the API has none), past 90 % of it. The
   * enterprise's total may count more than the organizations' sessions. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{su}"));
  g_variant_builder_add (&builder, "{su}", "https://other.example.com/v2/enterprise", 1);
  g_variant_builder_add (&builder, "{su}", da_mock_server_get_base_url (f->server),
                         (guint32) floor (total * 0.999));
  g_settings_set_value (f->settings, "enterprise-acu-limits", g_variant_builder_end (&builder));
  g_assert_cmpint (run_check (f), ==, 1);
  item = g_ptr_array_index (sent, 0);
  g_assert_cmpstr (sent_string (item, "title"), ==, "The enterprise passed its ACU limit");
  g_assert_cmpstr (sent_string (item, "default-action"), ==, "app.show-page");
  g_assert_cmpint (run_check (f), ==, 0);

  /* Opens the Consumption page. */
  window = DA_WINDOW (da_test_app_get_window (f->app));
  target = g_variant_lookup_value (item->notification, "default-action-target", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-page", target);
  g_assert_cmpstr (da_window_get_visible_page_id (window), ==, "consumption");
}

static void
test_disabled_and_threshold_setting (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  DaNotifier *notifier;
  double used;

  org = only_busiest_org (f, &used);
  /* 70 % of the limit: under the default threshold. */
  set_limit (f, da_organization_get_org_id (org), (gint64) ceil (used / 0.7));
  launch (f);
  notifier = da_application_get_notifier (f->app);
  g_assert_cmpint (run_check (f), ==, 0);

  /* Notifications off: no checks scheduled. */
  g_settings_set_boolean (f->settings, "notifications-enabled", FALSE);
  g_assert_false (da_notifier_get_active (notifier));
  g_assert_false (da_notifier_run_scheduled (notifier));

  /* On again, warning from 60 %: this one is past it now. */
  g_settings_set_boolean (f->settings, "notifications-enabled", TRUE);
  g_settings_set_uint (f->settings, "acu-warning-threshold", 60);
  g_assert_true (da_notifier_run_scheduled (notifier));
  DA_TEST_WAIT_UNTIL (sent->len == 1);

  /* The interval follows the setting. */
  g_settings_set_uint (f->settings, "refresh-interval", 120);
  g_assert_cmpuint (da_notifier_get_interval (notifier), ==, 120);
}

static void
test_background (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  GtkWindow *window;
  DaNotifier *notifier;
  double used;

  org = only_busiest_org (f, &used);
  launch (f);
  notifier = da_application_get_notifier (f->app);

  /* Not allowed: no hold, closing the window would end the app. */
  g_assert_false (da_application_get_in_background_hold (f->app));

  /* Allowed: the app holds itself, and checks on with its window closed. */
  g_settings_set_boolean (f->settings, "run-in-background", TRUE);
  g_assert_true (da_application_get_in_background_hold (f->app));
  window = da_test_app_get_window (f->app);
  gtk_window_close (window);
  DA_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (f->app)) == NULL);
  g_assert_nonnull (da_application_get_context (f->app));
  g_assert_true (da_notifier_get_active (notifier));

  set_limit (f, da_organization_get_org_id (org), (gint64) ceil (used / 0.9));
  g_assert_true (da_notifier_run_scheduled (notifier));
  DA_TEST_WAIT_UNTIL (sent->len == 1);

  /* Activated, the notification opens a window at the organization. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-organization",
                                  g_variant_new ("(ss)", da_mock_server_get_base_url (f->server),
                                                 da_organization_get_org_id (org)));
  window = da_test_app_get_window (f->app);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (da_window_get_visible_page_id (DA_WINDOW (window)), ==, "organizations");

  /* Not allowed any more: the hold goes. */
  g_settings_set_boolean (f->settings, "run-in-background", FALSE);
  g_assert_false (da_application_get_in_background_hold (f->app));
}

/* Demo mode checks nothing. */
static void
test_demo_checks_nothing (Fixture       *f,
                          gconstpointer  data)
{
  f->app = da_test_app_new (NULL);
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_SIGNED_IN);
  g_assert_false (da_notifier_get_active (da_application_get_notifier (f->app)));
  g_assert_false (da_notifier_run_scheduled (da_application_get_notifier (f->app)));
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);
  start_notification_server ();

#define ADD(path, func) \
  g_test_add ("/notifications/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/notifications/alert-levels", test_usage_alert_levels);
  ADD ("seeded-crossings", test_seeded_crossings);
  ADD ("threshold-then-limit", test_threshold_then_limit);
  ADD ("activate-opens-organization", test_activate_opens_organization);
  ADD ("enterprise-limit", test_enterprise_limit);
  ADD ("disabled-and-threshold-setting", test_disabled_and_threshold_setting);
  ADD ("background", test_background);
  ADD ("demo-checks-nothing", test_demo_checks_nothing);

#undef ADD

  return g_test_run ();
}

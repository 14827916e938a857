/* test-accounts.c: several enterprises, each with its key in the keyring
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two local servers stand for two enterprises (production and a staging proxy, say). Registered
 * twice: with the wrapper's keyring, and with DA_TEST_KEYRING=none, where keys are for the
 * session only and the parts that need a keyring are skipped.
 */

#include "config.h"

#include "da-menu-button.h"
#include "da-test-ui.h"
#include "da-welcome-page.h"
#include "da-window.h"

typedef struct
{
  DaMockServer  *production;
  DaMockServer  *staging;
  DaApplication *app;
  DaWindow      *window;
  GSettings     *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DaMockOptions options;

  da_test_keyring_clear_all ();
  da_test_settings_reset ();
  f->settings = g_settings_new (APP_ID_BASE);

  f->production = da_test_server_new (NULL);
  da_mock_options_init (&options);
  options.members = 40;
  options.orgs = 3;
  options.seed = 2;
  g_free (options.admin_key);
  options.admin_key = g_strdup ("apk_user_staging_admin");
  f->staging = da_test_server_new (&options);
  da_mock_options_clear (&options);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->app, da_test_app_free);
  g_clear_object (&f->settings);
  da_mock_server_stop (f->production);
  da_mock_server_stop (f->staging);
  g_clear_object (&f->production);
  g_clear_object (&f->staging);
  da_test_keyring_clear_all ();
}

static const char *
production_url (Fixture *f)
{
  return da_mock_server_get_base_url (f->production);
}

static const char *
staging_url (Fixture *f)
{
  return da_mock_server_get_base_url (f->staging);
}

static void
launch (Fixture *f)
{
  f->app = da_test_app_new (f->production);
  f->window = DA_WINDOW (da_test_app_get_window (f->app));
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) != DA_APP_STATE_STARTING);
}

static DaWelcomePage *
welcome_page (Fixture *f)
{
  return DA_WELCOME_PAGE (da_test_find_widget (GTK_WIDGET (f->window), DA_TYPE_WELCOME_PAGE,
                                               NULL));
}

/* Types into the key entry as a person would: the address (when given), a name for the account
 * (when given) and the key; then signs in. */
static void
sign_in_on_key_entry (Fixture    *f,
                      const char *server,
                      const char *label,
                      const char *key)
{
  DaWelcomePage *welcome;

  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_WELCOME);
  welcome = welcome_page (f);
  g_assert_nonnull (welcome);
  if (server != NULL)
    da_test_type (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "server-entry"), server);
  if (label != NULL)
    da_test_type (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "account-label-entry"),
                  label);
  da_test_type (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "api-key-entry"), key);
  da_test_click (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "sign-in-button"));

  if (!da_test_has_keyring ())
    {
      GtkWidget *session_only = da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE,
                                                     "session-only-button");

      DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (session_only));
      da_test_click (session_only);
    }

  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_SIGNED_IN);
}

static const char *
shown_server (Fixture *f)
{
  DaContext *context = da_application_get_context (f->app);

  return context != NULL ? da_context_get_server (context) : NULL;
}

/* The labels and targets of the primary menu's Accounts section. */
static GPtrArray *
menu_accounts (Fixture *f,
               gboolean with_targets)
{
  GtkWidget *button = da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON,
                                           "primary-menu-button");
  GMenuModel *menu = da_menu_button_get_menu (GTK_MENU_BUTTON (button));
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GVariant) target = NULL;

      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      target = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE_STRING);
      if (with_targets && target != NULL)
        g_ptr_array_add (items, g_strdup_printf ("%s=%s", label,
                                                 g_variant_get_string (target, NULL)));
      else
        g_ptr_array_add (items, g_steal_pointer (&label));
    }

  return items;
}

static gboolean
menu_has (Fixture    *f,
          const char *label,
          const char *server)
{
  g_autoptr(GPtrArray) items = menu_accounts (f, TRUE);
  g_autofree char *wanted = g_strdup_printf ("%s=%s", label, server);

  return g_ptr_array_find_with_equal_func (items, wanted, g_str_equal, NULL);
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_name_and_title (Fixture       *f,
                     gconstpointer  data)
{
  DaAccounts *accounts;
  g_autoptr(GPtrArray) items = NULL;

  launch (f);
  /* No account yet: the key entry's menu has none to offer. */
  {
    GtkWidget *button = NULL;
    g_autoptr(GPtrArray) buttons = da_test_find_all (GTK_WIDGET (f->window),
                                                      GTK_TYPE_MENU_BUTTON);
    GtkPopover *popover;

    for (guint i = 0; i < buttons->len && button == NULL; i++)
      if (gtk_widget_is_drawable (g_ptr_array_index (buttons, i)))
        button = g_ptr_array_index (buttons, i);
    g_assert_nonnull (button);
    /* The menu is made as it is opened. */
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    g_assert_nonnull (popover);
    DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)) &&
                        gtk_widget_get_width (GTK_WIDGET (popover)) > 0);
    da_test_spin (200);
    g_assert_false (da_test_has_label (GTK_WIDGET (popover), "Accounts"));
    da_test_screenshot (GTK_WIDGET (popover), "welcome-menu");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }

  /* A name for the account is typed with the key. */
  sign_in_on_key_entry (f, NULL, "Production", da_mock_server_get_admin_key (f->production));

  accounts = da_application_get_accounts (f->app);
  g_assert_cmpuint (da_accounts_get_n_accounts (accounts), ==, 1);
  g_assert_cmpstr (da_accounts_get_label (accounts, production_url (f)), ==, "Production");
  DA_TEST_WAIT_UNTIL (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (f->window)),
                                 "Devin Admin — Production") == 0);
  g_assert_true (da_test_has_label (GTK_WIDGET (f->window), "Production"));

  /* The settings have the label, never the key. */
  {
    g_autoptr(GVariant) value = g_settings_get_value (f->settings, "accounts");
    g_autofree char *text = g_variant_print (value, FALSE);

    g_assert_nonnull (strstr (text, "Production"));
    g_assert_nonnull (strstr (text, production_url (f)));
    g_assert_null (strstr (text, da_mock_server_get_admin_key (f->production)));
  }

  /* The menu lists it, checked, and "Add Account…". */
  g_assert_true (menu_has (f, "Production", production_url (f)));
  items = menu_accounts (f, FALSE);
  g_assert_cmpstr (g_ptr_array_index (items, items->len - 1), ==, "_Add Account…");
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (f->app),
                                                                 "account");

    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, production_url (f));
  }
}

static void
test_add_cancel_then_add (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *cancel;
  DaContext *first;
  DaAccounts *accounts;

  launch (f);
  sign_in_on_key_entry (f, NULL, NULL, da_mock_server_get_admin_key (f->production));
  first = da_application_get_context (f->app);
  g_assert_nonnull (first);

  /* Add Account: the key entry, with Cancel and the server's part open. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "add-account", NULL);
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_WELCOME);
  g_assert_true (da_application_get_adding_account (f->app));
  cancel = da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON,
                                "cancel-add-account-button");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (cancel));
  g_assert_true (gtk_widget_is_drawable (da_test_find_widget (GTK_WIDGET (f->window), G_TYPE_NONE,
                                                              "account-label-entry")));
  g_assert_cmpstr (da_welcome_page_get_server_url (welcome_page (f)), ==,
                   "https://api.devin.ai/v2/enterprise");
  da_test_screenshot (GTK_WIDGET (f->window), "add-account");

  /* Cancel: back to the account shown, without asking for its key again. */
  da_test_click (cancel);
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_SIGNED_IN);
  g_assert_false (da_application_get_adding_account (f->app));
  g_assert_cmpstr (shown_server (f), ==, production_url (f));
  g_assert_false (gtk_widget_is_drawable (cancel));

  /* Add Account again, for the staging server: it is shown, and both are accounts. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "add-account", NULL);
  sign_in_on_key_entry (f, staging_url (f), "Staging", "apk_user_staging_admin");
  g_assert_cmpstr (shown_server (f), ==, staging_url (f));
  accounts = da_application_get_accounts (f->app);
  g_assert_cmpuint (da_accounts_get_n_accounts (accounts), ==, 2);
  DA_TEST_WAIT_UNTIL (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (f->window)),
                                 "Devin Admin — Staging") == 0);
  g_assert_true (menu_has (f, "Staging", staging_url (f)));
  {
    GtkWidget *button = da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON,
                                             "primary-menu-button");
    GtkPopover *popover;

    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    g_assert_nonnull (popover);
    DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)) &&
                        gtk_widget_get_width (GTK_WIDGET (popover)) > 0);
    da_test_spin (200);
    da_test_screenshot (GTK_WIDGET (popover), "menu");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }
  {
    /* Without a name, the account is called by its host and port. */
    g_autofree char *host = da_accounts_dup_host (production_url (f));

    g_assert_true (g_str_has_prefix (host, "127.0.0.1:"));
    g_assert_true (menu_has (f, host, production_url (f)));
  }

  /* The staging enterprise's data: its 40 members. */
  {
    GtkWidget *figure;

    DA_TEST_WAIT_UNTIL ((figure = da_test_find_widget (GTK_WIDGET (f->window), G_TYPE_NONE,
                                                       "members-figure")) != NULL &&
                        da_test_has_label (figure, "40"));
  }

  if (da_test_has_keyring ())
    {
      g_autofree char *stored = da_test_keyring_lookup (staging_url (f));

      g_assert_cmpstr (stored, ==, "apk_user_staging_admin");
    }
}

static void
count_key_entries_cb (DaApplication *app,
                      GParamSpec    *pspec,
                      guint         *n_key_entries)
{
  if (da_application_get_state (app) == DA_APP_STATE_WELCOME)
    (*n_key_entries)++;
}

static void
test_switch_without_signing_out (Fixture       *f,
                                 gconstpointer  data)
{
  DaContext *staging_context;
  GtkWidget *figure;
  guint n_key_entries = 0;
  gulong handler;

  if (!da_test_has_keyring ())
    {
      g_test_skip ("Switching to a stored key needs a keyring");
      return;
    }

  launch (f);
  sign_in_on_key_entry (f, NULL, "Production", da_mock_server_get_admin_key (f->production));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "add-account", NULL);
  sign_in_on_key_entry (f, staging_url (f), "Staging", "apk_user_staging_admin");
  staging_context = da_application_get_context (f->app);

  /* Back to production from the menu: its stored key signs in; no key entry. */
  handler = g_signal_connect (f->app, "notify::state", G_CALLBACK (count_key_entries_cb),
                              &n_key_entries);
  g_action_group_change_action_state (G_ACTION_GROUP (f->app), "account",
                                      g_variant_new_string (production_url (f)));
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_SIGNED_IN &&
                      g_strcmp0 (shown_server (f), production_url (f)) == 0);
  g_signal_handler_disconnect (f->app, handler);
  g_assert_cmpuint (n_key_entries, ==, 0);
  g_assert_true (da_application_get_context (f->app) != staging_context);
  DA_TEST_WAIT_UNTIL (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (f->window)),
                                 "Devin Admin — Production") == 0);

  /* The pages are the production enterprise's: 120 members. */
  DA_TEST_WAIT_UNTIL ((figure = da_test_find_widget (GTK_WIDGET (f->window), G_TYPE_NONE,
                                                     "members-figure")) != NULL &&
                      da_test_has_label (figure, "120"));
  g_assert_cmpuint (da_mock_server_count_requests (f->staging, "GET", "/members"), >, 0);

  /* And the next start shows the account shown last. */
  {
    g_autofree char *next = g_settings_get_string (f->settings, "server-url");

    g_assert_cmpstr (next, ==, production_url (f));
  }
}

static void
test_account_without_key (Fixture       *f,
                          gconstpointer  data)
{
  DaAccounts *accounts;
  GtkWidget *message;

  launch (f);
  sign_in_on_key_entry (f, NULL, NULL, da_mock_server_get_admin_key (f->production));

  /* An account whose key is not stored (removed from the keyring elsewhere): choosing it asks
   * for its key, at its address, and says why. */
  accounts = da_application_get_accounts (f->app);
  da_accounts_add (accounts, staging_url (f), "Staging");
  g_assert_true (menu_has (f, "Staging", staging_url (f)));
  da_application_switch_account (f->app, staging_url (f));
  DA_TEST_WAIT_UNTIL (da_application_get_state (f->app) == DA_APP_STATE_WELCOME);
  g_assert_cmpstr (da_welcome_page_get_server_url (welcome_page (f)), ==, staging_url (f));
  if (da_test_has_keyring ())
    {
      message = da_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "message-label");
      DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (message));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)),
                                "No API key is saved for Staging"));
    }

  /* The welcome page's menu still lists the accounts, to go back. */
  {
    GtkWidget *button = NULL;
    g_autoptr(GPtrArray) buttons = da_test_find_all (GTK_WIDGET (f->window),
                                                      GTK_TYPE_MENU_BUTTON);

    for (guint i = 0; i < buttons->len && button == NULL; i++)
      if (gtk_widget_is_drawable (g_ptr_array_index (buttons, i)))
        button = g_ptr_array_index (buttons, i);
    g_assert_nonnull (button);
    {
      GMenuModel *menu = da_menu_button_get_menu (GTK_MENU_BUTTON (button));
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

      g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
    }
  }

  sign_in_on_key_entry (f, NULL, NULL, "apk_user_staging_admin");
  g_assert_cmpstr (shown_server (f), ==, staging_url (f));
  /* The name given before stays. */
  g_assert_cmpstr (da_accounts_get_label (accounts, staging_url (f)), ==, "Staging");
}

static void
test_keys_in_keyring_become_accounts (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(DaKeyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  DaAccounts *accounts;

  if (!da_test_has_keyring ())
    {
      g_test_skip ("Needs a keyring");
      return;
    }

  /* Two keys stored (by an earlier version of the app), no accounts in the settings. */
  store = da_key_store_new ();
  da_key_store_store_async (store, production_url (f), da_mock_server_get_admin_key (f->production),
                            NULL, da_test_async_cb, &async);
  g_assert_true (da_key_store_store_finish (store, da_test_async_wait (&async), &error));
  da_test_async_clear (&async);
  da_key_store_store_async (store, staging_url (f), "apk_user_staging_admin", NULL,
                            da_test_async_cb, &async);
  g_assert_true (da_key_store_store_finish (store, da_test_async_wait (&async), &error));
  da_test_async_clear (&async);

  launch (f);
  g_assert_cmpint (da_application_get_state (f->app), ==, DA_APP_STATE_SIGNED_IN);
  accounts = da_application_get_accounts (f->app);
  DA_TEST_WAIT_UNTIL (da_accounts_get_n_accounts (accounts) == 2);
  g_assert_true (da_accounts_contains (accounts, staging_url (f)));
  g_assert_null (da_accounts_get_label (accounts, staging_url (f)));
  da_test_screenshot (GTK_WIDGET (f->window), "two-accounts");
}

/* The account rows of Preferences, by server. */
static GtkWidget *
account_row (GtkWidget  *list,
             const char *server)
{
  g_autoptr(GPtrArray) rows = da_test_find_all (list, ADW_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (rows, i)), server) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static guint
count_account_rows (GtkWidget *list)
{
  g_autoptr(GPtrArray) rows = da_test_find_all (list, ADW_TYPE_ENTRY_ROW);

  return rows->len;
}

static void
test_preferences_rename_and_remove (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWindow *preferences;
  GtkWidget *list;
  GtkWidget *row;
  GtkWidget *remove = NULL;
  GtkWindow *dialog;
  DaAccounts *accounts;

  launch (f);
  sign_in_on_key_entry (f, NULL, "Production", da_mock_server_get_admin_key (f->production));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "add-account", NULL);
  sign_in_on_key_entry (f, staging_url (f), NULL, "apk_user_staging_admin");
  accounts = da_application_get_accounts (f->app);

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  preferences = da_test_wait_for_toplevel (ADW_TYPE_PREFERENCES_WINDOW, NULL);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)) &&
                      gtk_widget_get_width (GTK_WIDGET (preferences)) > 0);
  list = da_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_LIST_BOX, "accounts-list");
  g_assert_true (gtk_widget_is_drawable (list));
  g_assert_cmpuint (count_account_rows (list), ==, 2);
  row = account_row (list, staging_url (f));
  g_assert_nonnull (row);
  da_test_screenshot (GTK_WIDGET (preferences), "preferences-accounts");

  /* Renamed: the window's title follows; the row stays where the focus is. */
  da_test_type (row, "Staging Proxy");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (account_row (list, staging_url (f)) == row);
  g_assert_cmpstr (da_accounts_get_label (accounts, staging_url (f)), ==, "Staging Proxy");
  DA_TEST_WAIT_UNTIL (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (f->window)),
                                 "Devin Admin — Staging Proxy") == 0);

  /* Removing the production account asks first; then its key leaves the keyring, while the
   * account shown stays signed in. */
  row = account_row (list, production_url (f));
  g_assert_nonnull (row);
  {
    g_autoptr(GPtrArray) buttons = da_test_find_all (row, GTK_TYPE_BUTTON);

    for (guint i = 0; i < buttons->len; i++)
      if (g_str_has_prefix (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)) ?: "",
                            "Remove the Account"))
        remove = g_ptr_array_index (buttons, i);
  }
  g_assert_nonnull (remove);
  da_test_click (remove);
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "remove-account-dialog");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
                      gtk_widget_get_width (GTK_WIDGET (dialog)) > 0);
  da_test_screenshot (GTK_WIDGET (dialog), "remove-account");
  da_test_click (da_test_find_by_text (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Remove"));
  DA_TEST_WAIT_UNTIL (!da_accounts_contains (accounts, production_url (f)));
  g_assert_cmpint (da_application_get_state (f->app), ==, DA_APP_STATE_SIGNED_IN);
  g_assert_cmpstr (shown_server (f), ==, staging_url (f));
  if (da_test_has_keyring ())
    {
      g_autofree char *stored = da_test_keyring_lookup (production_url (f));

      g_assert_null (stored);
    }
  DA_TEST_WAIT_UNTIL (count_account_rows (list) == 1);

  gtk_window_destroy (preferences);
}

static void
on_changed_cb (DaAccounts *accounts,
               guint      *n_changed)
{
  (*n_changed)++;
}

/* The list itself: order, labels, duplicates, merging the keyring's servers, the settings. */
static void
test_list (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(DaAccounts) accounts = NULL;
  g_autoptr(DaAccounts) other = NULL;
  g_auto(GStrv) servers = NULL;
  const char *keyring[] = { "https://b.example.com/v2/enterprise", "", "https://c.example.com",
                            NULL };
  guint n_changed = 0;
  char *host;

  da_test_settings_reset ();
  settings = g_settings_new (APP_ID_BASE);
  accounts = da_accounts_new (settings);
  g_signal_connect (accounts, "changed", G_CALLBACK (on_changed_cb), &n_changed);
  g_assert_cmpuint (da_accounts_get_n_accounts (accounts), ==, 0);

  da_accounts_add (accounts, "https://a.example.com/v2/enterprise", NULL);
  da_accounts_add (accounts, "https://b.example.com/v2/enterprise", "  Staging ");
  g_assert_cmpuint (n_changed, ==, 2);
  /* Added twice: once; a label given the second time is set. */
  da_accounts_add (accounts, "https://a.example.com/v2/enterprise", NULL);
  g_assert_cmpuint (n_changed, ==, 2);
  da_accounts_add (accounts, "https://a.example.com/v2/enterprise", "Production");
  g_assert_cmpuint (n_changed, ==, 3);
  g_assert_cmpstr (da_accounts_get_label (accounts, "https://a.example.com/v2/enterprise"), ==,
                   "Production");
  /* Labels are stripped; an empty one is none, and the host is shown instead. */
  g_assert_cmpstr (da_accounts_get_label (accounts, "https://b.example.com/v2/enterprise"), ==,
                   "Staging");
  da_accounts_set_label (accounts, "https://b.example.com/v2/enterprise", "   ");
  g_assert_null (da_accounts_get_label (accounts, "https://b.example.com/v2/enterprise"));
  host = da_accounts_dup_display_name (accounts, "https://b.example.com/v2/enterprise");
  g_assert_cmpstr (host, ==, "b.example.com");
  g_free (host);
  host = da_accounts_dup_host ("http://127.0.0.1:8080/v2/enterprise");
  g_assert_cmpstr (host, ==, "127.0.0.1:8080");
  g_free (host);

  /* The keyring's servers that are not accounts yet are added after the others, unnamed. */
  da_accounts_merge (accounts, keyring);
  servers = da_accounts_dup_servers (accounts);
  {
    const char *expected[] = { "https://a.example.com/v2/enterprise",
                               "https://b.example.com/v2/enterprise",
                               "https://c.example.com", NULL };

    g_assert_cmpstrv (servers, expected);
  }

  /* Kept in the settings: another reader sees the same; a change there is followed here. */
  other = da_accounts_new (settings);
  g_assert_cmpuint (da_accounts_get_n_accounts (other), ==, 3);
  g_assert_cmpstr (da_accounts_get_label (other, "https://a.example.com/v2/enterprise"), ==,
                   "Production");
  n_changed = 0;
  da_accounts_remove (other, "https://c.example.com");
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_false (da_accounts_contains (accounts, "https://c.example.com"));
  g_assert_cmpuint (da_accounts_get_n_accounts (accounts), ==, 2);

  /* Unknown servers change nothing. */
  da_accounts_set_label (accounts, "https://z.example.com", "Z");
  da_accounts_remove (accounts, "https://z.example.com");
  g_assert_cmpuint (n_changed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

  g_test_add_func ("/accounts/list", test_list);

#define ADD(path, func) \
  g_test_add ("/accounts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("name-and-title", test_name_and_title);
  ADD ("add-cancel-then-add", test_add_cancel_then_add);
  ADD ("switch-without-signing-out", test_switch_without_signing_out);
  ADD ("account-without-key", test_account_without_key);
  ADD ("keys-in-keyring-become-accounts", test_keys_in_keyring_become_accounts);
  ADD ("preferences-rename-and-remove", test_preferences_rename_and_remove);

#undef ADD

  return g_test_run ();
}

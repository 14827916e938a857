/* test-sign-in.c: the key entry against the local server and the keyring
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registered twice: with the wrapper's unlocked keyring, and with DA_TEST_KEYRING=none (no
 * Secret Service at all) for the session-only path.
 */

#include "config.h"

#include "da-test-ui.h"
#include "da-welcome-page.h"

#define MEMBER_KEY "apk_user_member_sign_in"

typedef struct
{
  DaMockServer  *server;
  SoupSession   *session;
  DaKeyStore    *key_store;
  DaWelcomePage *page;
  GtkWindow     *window;

  /* what "signed-in" said */
  DaClient      *signed_in_client;
  gboolean       stored;
  guint          n_signed_in;
} Fixture;

static void
on_signed_in_cb (DaWelcomePage *page,
                 DaClient      *client,
                 gboolean       stored,
                 Fixture       *f)
{
  g_set_object (&f->signed_in_client, client);
  f->stored = stored;
  f->n_signed_in++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DaMockOptions options;

  da_test_keyring_clear_all ();

  da_mock_options_init (&options);
  options.member_key = g_strdup (MEMBER_KEY);
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->session = da_test_session_new ();
  f->key_store = da_key_store_new ();
  f->page = DA_WELCOME_PAGE (da_welcome_page_new (f->session, f->key_store));
  da_welcome_page_set_server_url (f->page, da_mock_server_get_base_url (f->server));
  g_signal_connect (f->page, "signed-in", G_CALLBACK (on_signed_in_cb), f);
  f->window = da_test_window_new (GTK_WIDGET (f->page), 800, 720);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->signed_in_client);
  g_clear_object (&f->key_store);
  g_clear_object (&f->session);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
  da_test_keyring_clear_all ();
}

static GtkWidget *
key_entry (Fixture *f)
{
  return da_test_find_widget (GTK_WIDGET (f->page), ADW_TYPE_PASSWORD_ENTRY_ROW, "api-key-entry");
}

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = da_test_find_widget (GTK_WIDGET (f->page), G_TYPE_NONE, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
message (Fixture *f)
{
  GtkWidget *label = named (f, "message-label");

  return gtk_widget_is_drawable (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
sign_in_with (Fixture    *f,
              const char *key)
{
  da_test_type (key_entry (f), key);
  da_test_click (named (f, "sign-in-button"));
  g_assert_true (da_welcome_page_get_busy (f->page));
  DA_TEST_WAIT_UNTIL (!da_welcome_page_get_busy (f->page));
}

static void
test_good_key_is_stored (Fixture       *f,
                         gconstpointer  data)
{
  const char *key = da_mock_server_get_admin_key (f->server);
  const char *server = da_mock_server_get_base_url (f->server);
  g_autofree char *stored_key = NULL;

  if (!da_test_has_keyring ())
    {
      g_test_skip ("Needs a keyring");
      return;
    }

  /* Nothing can be sent before a key is typed. */
  g_assert_false (gtk_widget_get_sensitive (named (f, "sign-in-button")));
  da_test_screenshot (GTK_WIDGET (f->window), "welcome");

  sign_in_with (f, key);

  g_assert_cmpuint (f->n_signed_in, ==, 1);
  g_assert_true (f->stored);
  g_assert_nonnull (f->signed_in_client);
  g_assert_true (da_client_has_api_key (f->signed_in_client));
  g_assert_cmpstr (da_client_get_base_url (f->signed_in_client), ==, server);

  /* The key is in the keyring, under the server's address. */
  stored_key = da_test_keyring_lookup (server);
  g_assert_cmpstr (stored_key, ==, key);

  /* One cheap request checked it before anything was stored. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/members*"), ==, 1);

  /* The form forgets the key. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_entry (f))), ==, "");
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  const char *server = da_mock_server_get_base_url (f->server);
  g_autofree char *stored_key = NULL;

  sign_in_with (f, "apk_user_not_a_real_key");

  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_nonnull (message (f));
  g_assert_nonnull (strstr (message (f), "This key was rejected"));
  /* What was typed stays. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_entry (f))), ==,
                   "apk_user_not_a_real_key");
  /* No Retry for a wrong key: the key must change. */
  g_assert_false (gtk_widget_is_drawable (named (f, "retry-button")));

  if (da_test_has_keyring ())
    {
      stored_key = da_test_keyring_lookup (server);
      g_assert_null (stored_key);
    }

  da_test_screenshot (GTK_WIDGET (f->window), "wrong-key");
}

static void
test_not_an_admin (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *stored_key = NULL;

  sign_in_with (f, MEMBER_KEY);

  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_nonnull (message (f));
  g_assert_nonnull (strstr (message (f), "not an Enterprise Admin"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_entry (f))), ==, MEMBER_KEY);

  if (da_test_has_keyring ())
    {
      stored_key = da_test_keyring_lookup (da_mock_server_get_base_url (f->server));
      g_assert_null (stored_key);
    }
}

static void
test_network_error_then_retry (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DaMockServer) closed = da_test_server_new (NULL);
  g_autofree char *closed_url = g_strdup (da_mock_server_get_base_url (closed));
  const char *key = da_mock_server_get_admin_key (f->server);

  /* A server that went away: nobody listens on its port. */
  da_mock_server_stop (closed);
  da_welcome_page_set_server_url (f->page, closed_url);

  sign_in_with (f, key);
  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_nonnull (message (f));
  g_assert_nonnull (strstr (message (f), "127.0.0.1"));
  g_assert_true (gtk_widget_is_drawable (named (f, "retry-button")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_entry (f))), ==, key);

  da_test_screenshot (GTK_WIDGET (f->window), "network-error");

  /* The right address, then Retry. */
  da_welcome_page_set_server_url (f->page, da_mock_server_get_base_url (f->server));
  da_test_click (named (f, "retry-button"));
  DA_TEST_WAIT_UNTIL (!da_welcome_page_get_busy (f->page));

  if (da_test_has_keyring ())
    {
      g_assert_cmpuint (f->n_signed_in, ==, 1);
      g_assert_null (message (f));
      g_assert_true (f->stored);
    }
  else
    {
      /* The key was checked; only the keyring failed. */
      g_assert_cmpuint (f->n_signed_in, ==, 0);
      g_assert_nonnull (strstr (message (f), "could not be saved in the keyring"));
      g_assert_true (gtk_widget_is_drawable (named (f, "session-only-button")));
    }
}

static void
test_insecure_server_refused (Fixture       *f,
                              gconstpointer  data)
{
  guint before = da_mock_server_count_requests (f->server, NULL, NULL);
  GtkWidget *expander;

  da_welcome_page_set_server_url (f->page, "http://api.example.com/v2/enterprise");
  da_test_type (key_entry (f), da_mock_server_get_admin_key (f->server));
  da_test_click (named (f, "sign-in-button"));

  /* Refused before anything is sent, and the address is shown to be fixed. */
  g_assert_false (da_welcome_page_get_busy (f->page));
  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_nonnull (message (f));
  expander = da_test_find_widget (GTK_WIDGET (f->page), ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  da_test_spin (100);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, NULL, NULL), ==, before);
}

static void
test_session_only_without_keyring (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *session_only;

  if (da_test_has_keyring ())
    {
      g_test_skip ("Runs only without a Secret Service (DA_TEST_KEYRING=none)");
      return;
    }

  sign_in_with (f, da_mock_server_get_admin_key (f->server));

  /* The key works but cannot be kept: say why and offer the session-only path. */
  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_nonnull (message (f));
  g_assert_nonnull (strstr (message (f), "could not be saved in the keyring"));
  g_assert_nonnull (strstr (message (f), "No keyring service"));
  session_only = named (f, "session-only-button");
  g_assert_true (gtk_widget_is_drawable (session_only));
  g_assert_true (gtk_widget_is_drawable (named (f, "retry-button")));

  da_test_screenshot (GTK_WIDGET (f->window), "no-keyring");

  /* Retry tries the keyring again, and fails the same way. */
  da_test_click (named (f, "retry-button"));
  DA_TEST_WAIT_UNTIL (!da_welcome_page_get_busy (f->page));
  g_assert_cmpuint (f->n_signed_in, ==, 0);
  g_assert_true (gtk_widget_is_drawable (session_only));

  da_test_click (session_only);
  g_assert_cmpuint (f->n_signed_in, ==, 1);
  g_assert_false (f->stored);
  g_assert_true (da_client_has_api_key (f->signed_in_client));
}

static void
test_message_shown (Fixture       *f,
                    gconstpointer  data)
{
  da_welcome_page_set_message (f->page, "The server rejected the API key.");
  g_assert_cmpstr (message (f), ==, "The server rejected the API key.");
  da_welcome_page_set_message (f->page, NULL);
  g_assert_null (message (f));
}

/* Shows the window again at @width (a window keeps the size of its surface under Xvfb). */
static void
resize (Fixture *f,
        int      width)
{
  da_test_window_resize (f->window, width, 720);
  da_test_spin (100);
}

/* A long message beside its icon, with a long unbroken word (an address), and its buttons, at a
 * phone's width and wider: laid out without a complaint from GTK (a fatal critical here). */
static void
test_long_message_narrow (Fixture       *f,
                          gconstpointer  data)
{
  static const int widths[] = { 360, 420, 600, 800, 361 };
  GtkWidget *label;

  /* The keyring fails, so Retry and "Use for This Session Only" show too. */
  da_welcome_page_set_message (f->page,
                               "The local server could not start: Error binding to address "
                               "http://very-long-host-name.internal.example.com:8443/api/v2/"
                               "enterprise/consumption/daily?start=2026-01-01T08:00:00Z: "
                               "Address already in use. Check that no other program listens "
                               "there, then try again; or sign in for this session only, in "
                               "which case the key is not kept once you quit the app.");
  label = named (f, "message-label");
  gtk_widget_set_visible (named (f, "retry-button"), TRUE);
  gtk_widget_set_visible (named (f, "session-only-button"), TRUE);
  gtk_widget_set_visible (gtk_widget_get_parent (named (f, "retry-button")), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      resize (f, widths[i]);
      DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (label));
      /* Nothing sticks out of the window. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->page)), <=, widths[i]);
    }

  resize (f, 360);
  da_test_screenshot (GTK_WIDGET (f->window), "long-message-narrow");
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/sign-in/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("good-key-is-stored", test_good_key_is_stored);
  ADD ("wrong-key", test_wrong_key);
  ADD ("not-an-admin", test_not_an_admin);
  ADD ("network-error-then-retry", test_network_error_then_retry);
  ADD ("insecure-server-refused", test_insecure_server_refused);
  ADD ("session-only-without-keyring", test_session_only_without_keyring);
  ADD ("message-shown", test_message_shown);
  ADD ("long-message-narrow", test_long_message_narrow);

#undef ADD

  return g_test_run ();
}

/* test-key-store.c: DaKeyStore against a real gnome-keyring-daemon
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test wrapper (tests/run-test.sh) gives this program a private session bus with an unlocked
 * gnome-keyring, or, with DA_TEST_KEYRING=none, a bus on which no Secret Service exists. Run
 * outside the wrapper, the keyring tests skip themselves rather than touch a real keyring.
 */

#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "da-key-store.h"

#define SERVER_A "https://api.devin.ai/v2/enterprise"
#define SERVER_B "http://127.0.0.1:8123/v2/enterprise"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Waiter;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

/* Runs the main loop until the pending call completes; returns its result (owned). */
static GAsyncResult *
wait_for (Waiter *waiter)
{
  GAsyncResult *result;

  g_main_loop_run (waiter->loop);
  result = g_steal_pointer (&waiter->result);
  g_assert_nonnull (result);
  return result;
}

static Waiter *
waiter_new (void)
{
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->loop = g_main_loop_new (NULL, FALSE);
  return waiter;
}

static void
waiter_free (Waiter *waiter)
{
  g_main_loop_unref (waiter->loop);
  g_clear_object (&waiter->result);
  g_free (waiter);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Waiter, waiter_free)

static gboolean
keyring_expected (void)
{
  return g_strcmp0 (g_getenv ("DA_TEST_KEYRING"), "none") != 0;
}

/* TRUE when this test should run; skips it otherwise. */
static gboolean
require_keyring (gboolean want_keyring)
{
  if (g_getenv ("DA_TEST_TMP") == NULL)
    {
      g_test_skip ("Needs the private keyring of tests/run-test.sh");
      return FALSE;
    }
  if (want_keyring && !keyring_expected ())
    {
      g_test_skip ("No Secret Service in this run (DA_TEST_KEYRING=none)");
      return FALSE;
    }
  if (!want_keyring && keyring_expected ())
    {
      g_test_skip ("Runs only without a Secret Service (DA_TEST_KEYRING=none)");
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_key (DaKeyStore  *store,
           const char  *server,
           const char  *key,
           GError     **error)
{
  g_autoptr(Waiter) waiter = waiter_new ();
  g_autoptr(GAsyncResult) result = NULL;

  da_key_store_store_async (store, server, key, NULL, on_done_cb, waiter);
  result = wait_for (waiter);
  return da_key_store_store_finish (store, result, error);
}

static char *
lookup_key (DaKeyStore    *store,
            const char    *server,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(Waiter) waiter = waiter_new ();
  g_autoptr(GAsyncResult) result = NULL;

  da_key_store_lookup_async (store, server, cancellable, on_done_cb, waiter);
  result = wait_for (waiter);
  return da_key_store_lookup_finish (store, result, error);
}

static gboolean
clear_key (DaKeyStore  *store,
           const char  *server,
           GError     **error)
{
  g_autoptr(Waiter) waiter = waiter_new ();
  g_autoptr(GAsyncResult) result = NULL;

  da_key_store_clear_async (store, server, NULL, on_done_cb, waiter);
  result = wait_for (waiter);
  return da_key_store_clear_finish (store, result, error);
}

static GStrv
list_servers (DaKeyStore  *store,
              GError     **error)
{
  g_autoptr(Waiter) waiter = waiter_new ();
  g_autoptr(GAsyncResult) result = NULL;

  da_key_store_list_servers_async (store, NULL, on_done_cb, waiter);
  result = wait_for (waiter);
  return da_key_store_list_servers_finish (store, result, error);
}

/* The items of our schema, read straight from the keyring with libsecret (asynchronously: the
 * synchronous search leaks in libsecret 0.20). */
static GList *
raw_items (void)
{
  static const SecretSchema schema = {
    "io.github.devinadmin.DevinAdmin.ApiKey", SECRET_SCHEMA_NONE,
    { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autoptr(Waiter) waiter = waiter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  secret_password_search (&schema, SECRET_SEARCH_ALL, NULL, on_done_cb, waiter, NULL);
  result = wait_for (waiter);
  items = secret_password_search_finish (result, &error);
  g_assert_no_error (error);
  return items;
}

static void
test_label (void)
{
  g_autofree char *a = da_key_store_dup_label (SERVER_A);
  g_autofree char *b = da_key_store_dup_label (SERVER_B);
  g_autofree char *c = da_key_store_dup_label ("not a url");

  g_assert_cmpstr (a, ==, "Devin Admin API key for api.devin.ai");
  g_assert_cmpstr (b, ==, "Devin Admin API key for 127.0.0.1");
  g_assert_cmpstr (c, ==, "Devin Admin API key for not a url");
}

static void
test_nothing_stored (void)
{
  g_autoptr(DaKeyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  if (!require_keyring (TRUE))
    return;

  store = da_key_store_new ();
  key = lookup_key (store, "https://nothing.example.com/v2/enterprise", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(DaKeyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;
  char *key;

  if (!require_keyring (TRUE))
    return;

  store = da_key_store_new ();

  g_assert_true (store_key (store, SERVER_A, "apk_user_first", &error));
  g_assert_no_error (error);

  key = lookup_key (store, SERVER_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "apk_user_first");
  da_key_store_free_key (key);

  /* What a person sees in Passwords and Keys. */
  items = raw_items ();
  g_assert_cmpuint (g_list_length (items), ==, 1);
  {
    g_autofree char *label = secret_retrievable_get_label (items->data);
    g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (items->data);

    g_assert_cmpstr (label, ==, "Devin Admin API key for api.devin.ai");
    g_assert_cmpstr (g_hash_table_lookup (attributes, "server"), ==, SERVER_A);
  }
  g_list_free_full (items, g_object_unref);

  /* Storing again replaces the key: still one item. */
  g_assert_true (store_key (store, SERVER_A, "apk_user_second", &error));
  g_assert_no_error (error);
  key = lookup_key (store, SERVER_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "apk_user_second");
  da_key_store_free_key (key);
  items = raw_items ();
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_list_free_full (items, g_object_unref);

  g_assert_true (clear_key (store, SERVER_A, &error));
  g_assert_no_error (error);
  key = lookup_key (store, SERVER_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  items = raw_items ();
  g_assert_cmpuint (g_list_length (items), ==, 0);

  /* Clearing what is not there is not an error. */
  g_assert_true (clear_key (store, SERVER_A, &error));
  g_assert_no_error (error);
}

static void
test_several_servers (void)
{
  g_autoptr(DaKeyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) servers = NULL;
  char *key;

  if (!require_keyring (TRUE))
    return;

  store = da_key_store_new ();

  servers = list_servers (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (servers);
  g_assert_cmpuint (g_strv_length (servers), ==, 0);
  g_clear_pointer (&servers, g_strfreev);

  g_assert_true (store_key (store, SERVER_A, "apk_user_a", &error));
  g_assert_true (store_key (store, SERVER_B, "apk_user_b", &error));
  g_assert_no_error (error);

  servers = list_servers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (servers), ==, 2);
  /* sorted */
  g_assert_cmpstr (servers[0], ==, SERVER_B);
  g_assert_cmpstr (servers[1], ==, SERVER_A);
  g_clear_pointer (&servers, g_strfreev);

  key = lookup_key (store, SERVER_B, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "apk_user_b");
  da_key_store_free_key (key);

  /* Clearing one server leaves the other. */
  g_assert_true (clear_key (store, SERVER_B, &error));
  g_assert_no_error (error);
  key = lookup_key (store, SERVER_A, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "apk_user_a");
  da_key_store_free_key (key);

  servers = list_servers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (servers), ==, 1);
  g_assert_cmpstr (servers[0], ==, SERVER_A);

  g_assert_true (clear_key (store, SERVER_A, &error));
  g_assert_no_error (error);
}

static void
test_cancelled (void)
{
  g_autoptr(DaKeyStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  char *key;

  if (g_getenv ("DA_TEST_TMP") == NULL)
    {
      g_test_skip ("Needs the private keyring of tests/run-test.sh");
      return;
    }

  store = da_key_store_new ();
  g_cancellable_cancel (cancellable);
  key = lookup_key (store, SERVER_A, cancellable, &error);
  g_assert_null (key);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_unavailable (void)
{
  g_autoptr(DaKeyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) servers = NULL;
  char *key;

  if (!require_keyring (FALSE))
    return;

  store = da_key_store_new ();

  /* "No usable Secret Service" is an error, unlike "nothing stored". */
  key = lookup_key (store, SERVER_A, NULL, &error);
  g_assert_null (key);
  g_assert_error (error, DA_KEY_STORE_ERROR, DA_KEY_STORE_ERROR_UNAVAILABLE);
  g_test_message ("lookup: %s", error->message);
  g_assert_nonnull (strstr (error->message, "No keyring service"));
  g_assert_nonnull (strstr (error->message, "cannot be kept between sessions"));
  g_clear_error (&error);

  g_assert_false (store_key (store, SERVER_A, "apk_user_lost", &error));
  g_assert_error (error, DA_KEY_STORE_ERROR, DA_KEY_STORE_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (clear_key (store, SERVER_A, &error));
  g_assert_error (error, DA_KEY_STORE_ERROR, DA_KEY_STORE_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  servers = list_servers (store, &error);
  g_assert_null (servers);
  g_assert_error (error, DA_KEY_STORE_ERROR, DA_KEY_STORE_ERROR_UNAVAILABLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/key-store/label", test_label);
  /* first, so that the tests after it show a cancelled call leaves the store usable */
  g_test_add_func ("/key-store/cancelled", test_cancelled);
  g_test_add_func ("/key-store/nothing-stored", test_nothing_stored);
  g_test_add_func ("/key-store/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/key-store/several-servers", test_several_servers);
  g_test_add_func ("/key-store/unavailable", test_unavailable);

  return g_test_run ();
}

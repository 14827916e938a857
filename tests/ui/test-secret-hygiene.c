/* test-secret-hygiene.c: the real app, signed in with all debug output on, keeps its key secret
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A local server accepts a key made up for this run. The app binary (DA_APP_BINARY) runs with
 * G_MESSAGES_DEBUG=all, libsoup's logger at its most verbose (DA_DEBUG_HTTP=2) and its settings
 * in a key file (GSETTINGS_BACKEND=keyfile). test-secret-hygiene-driver.py, given the server's
 * address and the key on its stdin, types both into the welcome page over AT-SPI, signs in and
 * opens every page. Then the key must be in no process's command line or environment
 * (/proc/<pid>/cmdline and environ, every process, the app's and the driver's included), and,
 * once the app has quit, in none of what it printed and in no file under the test's HOME, XDG
 * folders and temporary folder (settings, cache, keyring included). Each check is shown to be
 * able to fail: the debug log holds the redacted Authorization header, the settings file the
 * server's address, the keyring the key, and the cache the answers.
 */

#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <string.h>

#include "da-key-store.h"
#include "da-mock-server.h"
#include "da-test-secret.h"

#define APP_TIMEOUT_S 60
#define AT_SPI_BUS_LAUNCHER "/usr/libexec/at-spi-bus-launcher"

#define ELAPSED_S(start) ((double) (g_get_monotonic_time () - (start)) / G_USEC_PER_SEC)

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_files (path);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        n++;
    }

  return n;
}

/* The command line and environment of every process we may read. */
static void
scan_processes (const char *needle,
                GPtrArray  *found,
                guint      *n_processes)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      static const char * const files[] = { "cmdline", "environ" };

      if (!g_ascii_isdigit (name[0]))
        continue;

      (*n_processes)++;
      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          g_autofree char *path = g_build_filename ("/proc", name, files[i], NULL);

          if (da_test_file_holds (path, needle))
            g_ptr_array_add (found, g_steal_pointer (&path));
        }
    }
}

static void
report (GPtrArray  *found,
        const char *what)
{
  for (guint i = 0; i < found->len; i++)
    g_test_message ("the key is in %s: %s", what, (const char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **key = user_data;
  g_autoptr(GError) error = NULL;

  *key = da_key_store_lookup_finish (DA_KEY_STORE (object), result, &error);
  g_assert_no_error (error);
  if (*key == NULL)
    *key = g_strdup ("");
}

static char *
keyring_lookup (const char *server)
{
  g_autoptr(DaKeyStore) store = da_key_store_new ();
  char *key = NULL;

  da_key_store_lookup_async (store, server, NULL, lookup_cb, &key);
  while (key == NULL)
    g_main_context_iteration (NULL, TRUE);

  return key;
}

static void
quit_app (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bus);
  /* As the app's own Quit does: through its exported actions. */
  reply = g_dbus_connection_call_sync (bus, APP_ID, path, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
wait_exit (GSubprocess *process,
           guint        seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (g_subprocess_get_identifier (process) == NULL)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50 * 1000);
    }

  return FALSE;
}

static void
test_signed_in_app (void)
{
  const char *app_binary = g_getenv ("DA_APP_BINARY");
  const char *tmp = g_getenv ("DA_TEST_TMP");
  g_autofree char *key = da_test_make_key ();
  const char *secret = key + strlen ("apk_user_");
  g_autoptr(DaMockServer) server = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GSubprocess) driver = NULL;
  g_autoptr(GSubprocess) a11y_bus = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autofree char *app_tmp = NULL;
  g_autofree char *app_out = NULL;
  g_autofree char *app_err = NULL;
  g_autofree char *driver_script = NULL;
  g_autofree char *driver_in = NULL;
  g_autofree char *driver_out = NULL;
  g_autofree char *driver_err = NULL;
  g_autofree char *settings_file = NULL;
  g_autofree char *settings_text = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  DaMockOptions options;
  const char *url;
  guint n_files = 0, n_processes = 0, n_cache_files = 0;

  if (app_binary == NULL || !g_file_test (app_binary, G_FILE_TEST_IS_EXECUTABLE) || tmp == NULL)
    {
      g_test_skip ("Needs the app binary and the test wrapper (DA_APP_BINARY, DA_TEST_TMP)");
      return;
    }
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("Needs /usr/bin/python3 with AT-SPI");
      return;
    }
  if (g_strcmp0 (g_getenv ("DA_TEST_KEYRING"), "none") == 0)
    {
      g_test_skip ("Needs a keyring");
      return;
    }

  /* A local server that takes this run's key. */
  da_mock_options_init (&options);
  g_free (options.admin_key);
  options.admin_key = g_strdup (key);
  options.members = 300;
  server = da_mock_server_new (&options);
  da_mock_options_clear (&options);
  g_assert_true (da_mock_server_start (server, 0, &error));
  g_assert_no_error (error);
  url = da_mock_server_get_base_url (server);

  /* The accessibility bus, started here rather than by D-Bus activation: its registry says
   * hello on its stdout, which would be ours, in the middle of TAP. */
  if (g_file_test (AT_SPI_BUS_LAUNCHER, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_autoptr(GSubprocessLauncher) a11y_launcher = NULL;
      g_autofree char *a11y_log = g_build_filename (tmp, "a11y-bus.log", NULL);

      a11y_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_subprocess_launcher_set_stdout_file_path (a11y_launcher, a11y_log);
      g_subprocess_launcher_set_stderr_file_path (a11y_launcher, a11y_log);
      a11y_bus = g_subprocess_launcher_spawn (a11y_launcher, &error, AT_SPI_BUS_LAUNCHER,
                                              "--launch-immediately", NULL);
      g_assert_no_error (error);
    }

  /* The app, as verbose as it gets, its settings in a file. */
  app_tmp = g_build_filename (tmp, "app-tmp", NULL);
  g_assert_cmpint (g_mkdir_with_parents (app_tmp, 0700), ==, 0);
  app_out = g_build_filename (tmp, "app-stdout.log", NULL);
  app_err = g_build_filename (tmp, "app-stderr.log", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "DA_DEBUG_HTTP", "2", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "atspi", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  g_subprocess_launcher_setenv (launcher, "TMPDIR", app_tmp, TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, app_out);
  g_subprocess_launcher_set_stderr_file_path (launcher, app_err);
  app = g_subprocess_launcher_spawn (launcher, &error, app_binary, NULL);
  g_assert_no_error (error);

  /* The driver gets the address and the key on its stdin. */
  driver_script = g_test_build_filename (G_TEST_DIST, "ui", "test-secret-hygiene-driver.py",
                                         NULL);
  driver = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                             | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             "/usr/bin/python3", driver_script, NULL);
  g_assert_no_error (error);
  driver_in = g_strdup_printf ("%s\n%s\n", url, key);
  g_subprocess_communicate_utf8 (driver, driver_in, NULL, &driver_out, &driver_err, &error);
  g_assert_no_error (error);
  g_test_message ("driver, after %.1f s:\n%s", ELAPSED_S (start), driver_out);
  if (driver_err != NULL && *driver_err != '\0')
    g_test_message ("driver's stderr:\n%s", driver_err);
  if (g_str_has_prefix (driver_out, "skip "))
    {
      g_subprocess_force_exit (app);
      wait_exit (app, APP_TIMEOUT_S);
      g_test_skip (driver_out);
      return;
    }
  g_assert_true (g_subprocess_get_if_exited (driver));
  g_assert_cmpint (g_subprocess_get_exit_status (driver), ==, 0);
  g_assert_nonnull (strstr (driver_out, "\ndone\n"));

  /* Every page asked the server for something. */
  g_assert_cmpuint (da_mock_server_count_requests (server, "GET", "/members*"), >, 0);
  g_assert_cmpuint (da_mock_server_count_requests (server, "GET", "/organizations*"), >, 0);
  g_assert_cmpuint (da_mock_server_count_requests (server, "GET", "/api-keys*"), >, 0);
  g_assert_cmpuint (da_mock_server_count_requests (server, "GET", "/audit-logs*"), >, 0);
  g_assert_cmpuint (da_mock_server_count_requests (server, "GET", "/sessions*"), >, 0);
  g_assert_cmpuint (da_mock_server_count_requests (server, "GET", "/consumption*"), >, 0);

  /* While the app runs: no process shows it on its command line or in its environment. */
  g_assert_null (g_subprocess_get_identifier (driver));
  g_assert_nonnull (g_subprocess_get_identifier (app));
  scan_processes (secret, found, &n_processes);
  g_test_message ("%u processes looked at", n_processes);
  g_assert_cmpuint (n_processes, >, 3);
  report (found, "a process's command line or environment");

  /* The app quits as a person would have it quit; it was signed in, so the key was stored. */
  quit_app ();
  if (!wait_exit (app, APP_TIMEOUT_S))
    {
      g_subprocess_force_exit (app);
      g_error ("the app did not quit");
    }
  g_test_message ("the app quit after %.1f s", ELAPSED_S (start));
  if (!g_subprocess_get_if_exited (app) || g_subprocess_get_exit_status (app) != 0)
    {
      g_autofree char *err_text = NULL;
      gsize length = 0;

      /* What went wrong is at the end of what it printed (a sanitizer's report). */
      g_file_get_contents (app_err, &err_text, &length, NULL);
      g_test_message ("the app's stderr ends with:\n%s",
                      err_text != NULL ? err_text + (length > 8000 ? length - 8000 : 0) : "");
    }
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);

  /* Nothing it printed holds the key; what it printed is the most it can print (GLib writes
   * debug messages to stdout, warnings to stderr). */
  g_assert_true (da_test_file_holds (app_out, "Authorization: Bearer apk_…redacted"));
  g_assert_true (da_test_file_holds (app_out, "HTTP < HTTP/1.1 200"));
  g_assert_false (da_test_file_holds (app_err, secret));
  g_assert_false (da_test_file_holds (app_out, secret));
  g_assert_null (strstr (driver_out, secret));
  g_assert_true (driver_err == NULL || strstr (driver_err, secret) == NULL);

  /* No file under HOME, the XDG folders or the temporary folder holds it… */
  {
    const char *folders[] = {
      g_get_home_dir (), g_get_user_config_dir (), g_get_user_data_dir (), g_get_user_cache_dir (),
      g_get_user_state_dir (), g_get_user_runtime_dir (), app_tmp,
    };

    for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
      da_test_scan_folder (folders[i], secret, found, &n_files);
    n_cache_files = count_files (g_get_user_cache_dir ());
  }
  g_test_message ("%u files looked at, %u of them in the cache folder", n_files, n_cache_files);
  report (found, "a file");

  /* …though the settings file is one of them, with the address typed on the welcome page… */
  settings_file = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile",
                                    NULL);
  g_assert_true (g_file_get_contents (settings_file, &settings_text, NULL, NULL));
  g_test_message ("GSettings (key file):\n%s", settings_text);
  g_assert_nonnull (strstr (settings_text, url));
  g_assert_null (strstr (settings_text, secret));
  /* …the cache holds the answers the pages loaded… */
  g_assert_cmpuint (n_cache_files, >, 0);
  /* …and the keyring's file holds the key, but not in plain text. */
  stored = keyring_lookup (url);
  g_assert_cmpstr (stored, ==, key);

  g_test_message ("done after %.1f s", ELAPSED_S (start));
  da_mock_server_stop (server);
  if (a11y_bus != NULL)
    {
      g_subprocess_send_signal (a11y_bus, SIGTERM);
      wait_exit (a11y_bus, 10);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-hygiene/signed-in-app", test_signed_in_app);

  return g_test_run ();
}

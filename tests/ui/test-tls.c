/* test-tls.c: an untrusted certificate, or plain http:// to another computer, is refused
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An HTTPS server with a self-signed certificate (made by openssl for this run) stands in for a
 * server the system does not trust, or someone in the middle. Signing in to it through the
 * welcome page is refused with a message that says the certificate is not trusted; the key is
 * neither sent (no request reaches the server) nor stored. A page of a signed-in window
 * pointing at it shows the same refusal instead of data. And a plain http:// address of
 * another computer is refused wherever an address is given: the welcome page, Preferences and
 * `devin-admin --server`, before anything is sent.
 */

#include "config.h"

#include <string.h>

#include "da-overview-page.h"
#include "da-preferences-window.h"
#include "da-state-view.h"
#include "da-test-ui.h"
#include "da-welcome-page.h"

typedef struct
{
  GTlsCertificate *certificate;
  SoupServer      *server;
  char            *url;          /* https://127.0.0.1:PORT/v2/enterprise */
  guint            n_requests;   /* that got through to a handler */
} TlsServer;

static TlsServer tls;

/* A key made up for this run. */
static char *
make_key (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("apk_user_", uuid, NULL);
}

static void
any_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  static const char body[] = "{\"items\": [], \"total\": 0, \"has_more\": false}";

  tls.n_requests++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

/* A key and a certificate for 127.0.0.1, made by openssl in the test's folder. */
static gboolean
make_certificate (GError **error)
{
  g_autofree char *dir = g_build_filename (g_getenv ("DA_TEST_TMP") != NULL
                                           ? g_getenv ("DA_TEST_TMP") : g_get_tmp_dir (),
                                           "tls-XXXXXX", NULL);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_mkdtemp (dir) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no folder for the certificate");
      return FALSE;
    }
  cert = g_build_filename (dir, "cert.pem", NULL);
  key = g_build_filename (dir, "key.pem", NULL);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
      "-keyout", key, "-out", cert, NULL,
    };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                       &status, error)
        || !g_spawn_check_wait_status (status, error))
      return FALSE;
  }

  tls.certificate = g_tls_certificate_new_from_files (cert, key, error);
  return tls.certificate != NULL;
}

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  tls.server = soup_server_new ("tls-certificate", tls.certificate, NULL);
  soup_server_add_handler (tls.server, NULL, any_handler, NULL, NULL);
  soup_server_listen_local (tls.server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (tls.server);
  tls.url = g_strdup_printf ("https://127.0.0.1:%d/v2/enterprise", g_uri_get_port (uris->data));
  g_test_message ("self-signed server at %s", tls.url);
}

static gboolean
skip_without_tls (void)
{
  if (tls.server == NULL)
    {
      g_test_skip ("No TLS backend or no openssl to make a certificate");
      return TRUE;
    }
  return FALSE;
}

/* ---- The welcome page ------------------------------------------------------------------- */

typedef struct
{
  DaWelcomePage *page;
  GtkWindow     *window;
  guint          n_signed_in;
} Welcome;

static void
on_signed_in_cb (DaWelcomePage *page,
                 DaClient      *client,
                 gboolean       stored,
                 Welcome       *w)
{
  w->n_signed_in++;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = da_test_find_widget (root, G_TYPE_NONE, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
message (Welcome *w)
{
  GtkWidget *label = named (GTK_WIDGET (w->page), "message-label");

  return gtk_widget_is_drawable (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
welcome_open (Welcome     *w,
              SoupSession *session,
              DaKeyStore  *store)
{
  w->page = DA_WELCOME_PAGE (da_welcome_page_new (session, store));
  g_signal_connect (w->page, "signed-in", G_CALLBACK (on_signed_in_cb), w);
  w->window = da_test_window_new (GTK_WIDGET (w->page), 800, 720);
}

static void
sign_in (Welcome    *w,
         const char *url,
         const char *key)
{
  da_welcome_page_set_server_url (w->page, url);
  da_test_type (da_test_find_widget (GTK_WIDGET (w->page), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                     "api-key-entry"), key);
  da_test_click (named (GTK_WIDGET (w->page), "sign-in-button"));
  DA_TEST_WAIT_UNTIL (!da_welcome_page_get_busy (w->page));
}

static void
test_welcome_untrusted_certificate (void)
{
  g_autoptr(SoupSession) session = da_test_session_new ();
  g_autoptr(DaKeyStore) store = da_key_store_new ();
  g_autofree char *key = make_key ();
  g_autofree char *stored = NULL;
  Welcome w = { 0, };

  if (skip_without_tls ())
    return;

  da_test_keyring_clear_all ();
  welcome_open (&w, session, store);
  tls.n_requests = 0;
  sign_in (&w, tls.url, key);

  /* Refused, saying why, with nothing sent and nothing stored. */
  g_assert_cmpuint (w.n_signed_in, ==, 0);
  g_assert_nonnull (message (&w));
  g_test_message ("%s", message (&w));
  g_assert_nonnull (strstr (message (&w), "127.0.0.1"));
  g_assert_nonnull (strstr (message (&w), "certificate is not trusted"));
  g_assert_cmpuint (tls.n_requests, ==, 0);
  if (da_test_has_keyring ())
    {
      stored = da_test_keyring_lookup (tls.url);
      g_assert_null (stored);
    }
  da_test_screenshot (GTK_WIDGET (w.window), "untrusted-certificate");

  /* Trying again does not wear the refusal down. */
  da_test_click (named (GTK_WIDGET (w.page), "retry-button"));
  DA_TEST_WAIT_UNTIL (!da_welcome_page_get_busy (w.page));
  g_assert_cmpuint (w.n_signed_in, ==, 0);
  g_assert_nonnull (strstr (message (&w), "certificate is not trusted"));
  g_assert_cmpuint (tls.n_requests, ==, 0);

  gtk_window_destroy (w.window);
  da_test_keyring_clear_all ();
}

static void
test_welcome_plain_http_refused (void)
{
  g_autoptr(SoupSession) session = da_test_session_new ();
  g_autoptr(DaKeyStore) store = da_key_store_new ();
  g_autofree char *key = make_key ();
  static const char * const refused[] = {
    "http://api.example.com/v2/enterprise",
    "http://10.0.0.7:8000/v2/enterprise",
    "http://127.0.0.1.example.com/v2/enterprise",
    "http://localhost.example.com/v2/enterprise",
    "HTTP://API.EXAMPLE.COM/v2/enterprise",
    "http://127.0.0.1@api.example.com/v2/enterprise",
  };
  Welcome w = { 0, };

  welcome_open (&w, session, store);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      sign_in (&w, refused[i], key);
      g_test_message ("%s: %s", refused[i], message (&w));
      g_assert_cmpuint (w.n_signed_in, ==, 0);
      g_assert_nonnull (message (&w));
      g_assert_nonnull (strstr (message (&w), "https://"));
    }

  gtk_window_destroy (w.window);
}

/* ---- A page of a signed-in window -------------------------------------------------------- */

static void
test_page_untrusted_certificate (void)
{
  g_autoptr(SoupSession) session = da_test_session_new ();
  g_autoptr(DaClient) client = NULL;
  g_autoptr(DaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = make_key ();
  DaStateView *view;
  GtkWindow *window;
  GtkWidget *page;

  if (skip_without_tls ())
    return;

  /* As after a start with a key stored for this server. */
  client = da_client_new (tls.url, session, &error);
  g_assert_no_error (error);
  da_client_set_api_key (client, key);
  da_client_set_retry_policy (client, 1, 20, 20);
  context = da_context_new (client, NULL, FALSE);
  tls.n_requests = 0;

  page = da_overview_page_new (context);
  window = da_test_window_new (page, 1000, 700);
  view = DA_STATE_VIEW (da_test_find_widget (page, DA_TYPE_STATE_VIEW, NULL));
  g_assert_nonnull (view);
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (view) == DA_STATE_VIEW_ERROR);

  /* The page says why, and shows nothing from the server. */
  g_assert_true (da_test_has_label (page, "certificate is not trusted"));
  g_assert_cmpuint (tls.n_requests, ==, 0);
  da_test_screenshot (GTK_WIDGET (window), "page-untrusted-certificate");

  gtk_window_destroy (window);
}

/* ---- Preferences and the command line ----------------------------------------------------- */

static void
test_preferences_plain_http_refused (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(SoupSession) session = da_test_session_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *window;
  GtkWidget *row;
  GtkWidget *error_label;

  g_settings_reset (settings, "server-url");
  before = g_settings_get_string (settings, "server-url");
  window = da_preferences_window_new (settings, session);
  gtk_window_present (GTK_WINDOW (window));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window));

  row = da_test_find_widget (window, ADW_TYPE_ENTRY_ROW, "server-url-entry");
  error_label = da_test_find_widget (window, GTK_TYPE_LABEL, "server-url-error");
  g_assert_nonnull (row);
  g_assert_nonnull (error_label);

  da_test_type (row, "http://10.0.0.7:8000/v2/enterprise");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https://"));
  after = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_command_line_plain_http_refused (void)
{
  const char *binary = g_getenv ("DA_APP_BINARY");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("No app binary (DA_APP_BINARY)");
      return;
    }

  {
    const char *argv[] = { binary, "--server", "http://10.0.0.7:8000/v2/enterprise", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
  }

  /* Refused before anything starts, and said why. */
  g_test_message ("%s", err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "https://"));
  g_assert_nonnull (strstr (err, "10.0.0.7"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  da_test_ui_init (&argc, &argv);

  if (g_tls_backend_supports_tls (g_tls_backend_get_default ()) && make_certificate (&error))
    start_server ();
  else
    g_test_message ("no TLS server: %s", error != NULL ? error->message : "no TLS backend");

  g_test_add_func ("/tls/welcome-untrusted-certificate", test_welcome_untrusted_certificate);
  g_test_add_func ("/tls/welcome-plain-http-refused", test_welcome_plain_http_refused);
  g_test_add_func ("/tls/page-untrusted-certificate", test_page_untrusted_certificate);
  g_test_add_func ("/tls/preferences-plain-http-refused", test_preferences_plain_http_refused);
  g_test_add_func ("/tls/command-line-plain-http-refused", test_command_line_plain_http_refused);

  status = g_test_run ();

  if (tls.server != NULL)
    soup_server_disconnect (tls.server);
  g_clear_object (&tls.server);
  g_clear_object (&tls.certificate);
  g_clear_pointer (&tls.url, g_free);

  return status;
}

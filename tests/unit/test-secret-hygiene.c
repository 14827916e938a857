/* test-secret-hygiene.c: the API key never leaves the client but in its Authorization header
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With every debug message on (G_MESSAGES_DEBUG=all) and libsoup's logger at its most verbose
 * (DA_DEBUG_HTTP=2: headers and bodies), a client talks to the local server: every line logged
 * is captured, the Authorization header is there but redacted, and the key is nowhere. A server
 * that echoes the key in its error bodies does not get it into an error message (which the app
 * shows and may log), nor into the debug log of those bodies. A redirect to another origin does
 * not carry the key along. The key stored in the keyring is in no file in plain text.
 *
 * The whole app, signed in through its welcome page, is checked the same way by
 * tests/ui/test-secret-hygiene.c.
 */

#include "config.h"

#include <string.h>

#include "da-client.h"
#include "da-client-private.h"
#include "da-key-store.h"
#include "da-mock-server.h"
#include "da-test-secret.h"

typedef struct
{
  GString  *log;          /* every line logged, whatever its level */
  guint     n_lines;
} Capture;

static Capture capture;

/* Keeps every log line (debug included) instead of printing it: a test prints only TAP. */
static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  /* Every field as it is (g_log_writer_format_fields() would convert it to the locale's
   * character set). */
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (capture.log, fields[i].value);
      else
        g_string_append_len (capture.log, fields[i].value, fields[i].length);
      g_string_append_c (capture.log, ' ');
    }
  g_string_append_c (capture.log, '\n');
  capture.n_lines++;

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    return g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static void
assert_no_key (const char *text,
               const char *key,
               const char *where)
{
  const char *found;

  g_assert_nonnull (key);
  /* The secret part: everything after "apk_user_". */
  found = strstr (text, key + strlen ("apk_user_"));
  if (found != NULL)
    {
      gsize offset = found - text;
      g_autofree char *context = g_strndup (text + (offset > 60 ? offset - 60 : 0), 120);

      g_test_message ("the key is in %s: …%s…", where, context);
      g_test_fail ();
    }
}

static void
capture_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  return g_steal_pointer (slot);
}

static DaClient *
make_client (SoupSession *session,
             const char  *base_url,
             const char  *key)
{
  g_autoptr(GError) error = NULL;
  DaClient *client = da_client_new (base_url, session, &error);

  g_assert_no_error (error);
  da_client_set_api_key (client, key);
  da_client_set_retry_policy (client, 0, 10, 10);
  return client;
}

/* ---- Redaction ------------------------------------------------------------------------- */

static void
test_redact_header_line (void)
{
  static const struct {
    const char *line;
    const char *expected;   /* NULL: not a credential header, left alone */
    const char *secret;     /* must not be in the redacted line */
  } cases[] = {
    { "Authorization: Bearer apk_user_0123456789abcdef", "Authorization: Bearer apk_…redacted",
      "0123456789abcdef" },
    { "authorization: bearer cog_0123456789abcdef", "Authorization: bearer cog_…redacted",
      "0123456789abcdef" },
    { "Authorization:Bearer   apk_0123456789abcdef", "Authorization: Bearer apk_…redacted",
      "0123456789abcdef" },
    { "Proxy-Authorization: Basic dXNlcjpwYXNzd29yZA==", "Proxy-Authorization: Basic …redacted",
      "dXNlcjpwYXNzd29yZA" },
    /* A key with no scheme, even one followed by a space: no part of it is kept. */
    { "Authorization: apk_user_0123456789abcdef", "Authorization: Bearer apk_…redacted",
      "0123456789abcdef" },
    { "Authorization: 0123456789abcdef ", NULL, "0123456789abcdef" },
    { "Authorization: Bearer 0123456789abcdef", "Authorization: Bearer …redacted",
      "0123456789abcdef" },
    { "Authorization: Bearer a_0123456789abcdef", "Authorization: Bearer a_…redacted",
      "0123456789abcdef" },
    { "Accept: application/json", NULL, NULL },
    { "X-Authorization-Hint: none", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *redacted = _da_redact_header_line (cases[i].line);

      g_test_message ("%s → %s", cases[i].line, redacted != NULL ? redacted : "(kept)");
      if (cases[i].secret != NULL)
        {
          g_assert_nonnull (redacted);
          g_assert_null (strstr (redacted, cases[i].secret));
          g_assert_nonnull (strstr (redacted, "…redacted"));
        }
      else
        g_assert_null (redacted);
      if (cases[i].expected != NULL)
        g_assert_cmpstr (redacted, ==, cases[i].expected);
    }
}

/* ---- Debug logging ---------------------------------------------------------------------- */

static void
test_debug_log (void)
{
  g_autofree char *key = da_test_make_key ();
  g_autoptr(DaMockServer) server = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autoptr(DaClient) client = NULL;
  g_autoptr(DaClient) wrong = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  DaMockOptions options;
  const char *emails[] = { "hygiene.check@example.com", NULL };

  da_mock_options_init (&options);
  g_free (options.admin_key);
  options.admin_key = g_strdup (key);
  options.members = 30;
  server = da_mock_server_new (&options);
  da_mock_options_clear (&options);
  g_assert_true (da_mock_server_start (server, 0, &error));
  g_assert_no_error (error);

  /* The logger is added to the session by the first client made with DA_DEBUG_HTTP set. */
  g_string_truncate (capture.log, 0);
  client = make_client (session, da_mock_server_get_base_url (server), key);

  /* A read, a write with a body, a paged list and a failure. */
  da_client_list_roles_async (client, NULL, capture_cb, &slot);
  result = wait_result (&slot);
  roles = da_client_list_roles_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, >, 0);
  g_clear_object (&result);

  da_client_invite_members_async (client, emails, NULL, capture_cb, &slot);
  result = wait_result (&slot);
  g_clear_object (&result);

  {
    g_autoptr(DaPager) pager = da_client_list_members (client, NULL);

    da_pager_load_next_async (pager, NULL, capture_cb, &slot);
    result = wait_result (&slot);
    g_assert_true (da_pager_load_next_finish (pager, result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (da_pager_get_model (pager)), >, 0);
    g_clear_object (&result);
  }

  /* A key with one character changed is refused: neither is logged. */
  {
    g_autofree char *other = g_strdup (key);

    other[strlen (other) - 1] = other[strlen (other) - 1] == '0' ? '1' : '0';
    wrong = make_client (session, da_mock_server_get_base_url (server), other);
    da_client_list_roles_async (wrong, NULL, capture_cb, &slot);
    result = wait_result (&slot);
    g_assert_null (da_client_list_roles_finish (wrong, result, &error));
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED);
    assert_no_key (error->message, other, "the error message");
    g_clear_error (&error);
    g_clear_object (&result);
    assert_no_key (capture.log->str, other, "the debug log");
  }

  /* The log is as verbose as it gets: headers, bodies, the redacted Authorization header. */
  g_test_message ("%u lines logged", capture.n_lines);
  g_assert_nonnull (strstr (capture.log->str, "HTTP > GET "));
  g_assert_nonnull (strstr (capture.log->str, "HTTP < HTTP/1.1 200"));
  g_assert_nonnull (strstr (capture.log->str, "hygiene.check@example.com"));
  g_assert_nonnull (strstr (capture.log->str, "Authorization: Bearer apk_…redacted"));
  assert_no_key (capture.log->str, key, "the debug log");

  da_mock_server_stop (server);
}

/* ---- A server that echoes the key ------------------------------------------------------- */

typedef struct
{
  guint  status;
  char  *last_authorization;
  guint  n_requests;
} EchoServer;

/* Answers with @status and a body quoting the Authorization header back, in every shape the
 * client reads a message from. */
static void
echo_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  EchoServer *echo = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autofree char *body = NULL;

  echo->n_requests++;
  g_free (echo->last_authorization);
  echo->last_authorization = g_strdup (auth);

  if (g_str_has_suffix (path, "/roles"))
    body = g_strdup_printf ("{\"detail\": \"The key %s is not allowed here\"}", auth);
  else if (g_str_has_suffix (path, "/invite"))
    body = g_strdup_printf ("{\"detail\": [{\"loc\": [\"header\", \"authorization\"], "
                            "\"msg\": \"bad value\", \"input\": \"%s\"}, "
                            "{\"loc\": [\"body\", \"emails\"], \"msg\": \"%s is odd\"}]}", auth,
                            auth);
  else
    body = g_strdup_printf ("{\"title\": \"Refused: %s\"}", auth);

  soup_server_message_set_status (msg, echo->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
test_error_messages_never_hold_the_key (void)
{
  g_autofree char *key = da_test_make_key ();
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(DaClient) client = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  EchoServer echo = { 0, };
  gsize log_start = capture.log->len;
  static const guint statuses[] = { 400, 403, 404, 409, 422, 500, 503 };
  GAsyncResult *slot = NULL;

  soup_server_add_handler (server, NULL, echo_handler, &echo, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/v2/enterprise", g_uri_get_port (uris->data));
  client = make_client (session, url, key);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      const char *emails[] = { "someone@example.com", NULL };
      g_autoptr(GAsyncResult) result = NULL;

      echo.status = statuses[i];

      da_client_list_roles_async (client, NULL, capture_cb, &slot);
      result = wait_result (&slot);
      g_assert_null (da_client_list_roles_finish (client, result, &error));
      g_test_message ("%u: %s", statuses[i], error->message);
      g_assert_true (error->domain == DA_CLIENT_ERROR);
      assert_no_key (error->message, key, "an error message");
      g_clear_error (&error);
      g_clear_object (&result);

      da_client_invite_members_async (client, emails, NULL, capture_cb, &slot);
      result = wait_result (&slot);
      g_assert_true (da_client_invite_members_finish (client, result, &error) == NULL);
      g_test_message ("%u: %s", statuses[i], error->message);
      assert_no_key (error->message, key, "an error message");
      g_assert_true (da_client_error_get_field (error) == NULL
                     || strstr (da_client_error_get_field (error), key) == NULL);
      g_clear_error (&error);
      g_clear_object (&result);

      da_client_get_organization_async (client, "org-1", NULL, capture_cb, &slot);
      result = wait_result (&slot);
      g_assert_null (da_client_get_organization_finish (client, result, &error));
      g_test_message ("%u: %s", statuses[i], error->message);
      assert_no_key (error->message, key, "an error message");
      g_clear_error (&error);
    }

  /* The server did get the key, and did echo it: the test could fail. */
  g_assert_cmpuint (echo.n_requests, >=, 3 * G_N_ELEMENTS (statuses));
  g_assert_nonnull (echo.last_authorization);
  g_assert_nonnull (strstr (echo.last_authorization, key));

  /* The bodies that quoted it were logged, without it. */
  g_assert_nonnull (strstr (capture.log->str + log_start, "is not allowed here"));
  assert_no_key (capture.log->str + log_start, key, "the debug log");

  g_free (echo.last_authorization);
  soup_server_disconnect (server);
}

/* ---- Redirects -------------------------------------------------------------------------- */

typedef struct
{
  char  *target;              /* where the first server sends every request */
  guint  status;              /* of the redirect */
  guint  n_arrived;           /* requests that reached the second server */
  guint  n_with_key;          /* of which with an Authorization header */
} Redirect;

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Redirect *redirect = user_data;

  soup_server_message_set_redirect (msg, redirect->status, redirect->target);
}

static void
target_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Redirect *redirect = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  redirect->n_arrived++;
  if (soup_message_headers_get_one (headers, "Authorization") != NULL)
    redirect->n_with_key++;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

static guint
listen_port (SoupServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  return g_uri_get_port (uris->data);
}

static void
test_redirect_to_another_origin (void)
{
  g_autofree char *key = da_test_make_key ();
  g_autoptr(SoupServer) first = soup_server_new (NULL, NULL);
  g_autoptr(SoupServer) second = soup_server_new (NULL, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = NULL;
  Redirect redirect = { 0, };
  guint first_port, second_port;
  static const struct {
    guint       status;
    const char *host;       /* of the target */
    gboolean    same_origin;
  } cases[] = {
    { 302, "localhost", FALSE },   /* another host */
    { 307, "localhost", FALSE },
    { 308, "127.0.0.1", FALSE },   /* the same host, another port */
  };

  soup_server_add_handler (first, NULL, redirect_handler, &redirect, NULL);
  soup_server_add_handler (second, NULL, target_handler, &redirect, NULL);
  first_port = listen_port (first);
  second_port = listen_port (second);
  url = g_strdup_printf ("http://127.0.0.1:%u/v2/enterprise", first_port);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DaClient) client = make_client (session, url, key);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) roles = NULL;
      g_autoptr(GError) error = NULL;
      GAsyncResult *slot = NULL;

      redirect.status = cases[i].status;
      g_free (redirect.target);
      redirect.target = g_strdup_printf ("http://%s:%u/v2/enterprise/roles", cases[i].host,
                                         second_port);
      redirect.n_arrived = redirect.n_with_key = 0;

      da_client_list_roles_async (client, NULL, capture_cb, &slot);
      result = wait_result (&slot);
      roles = da_client_list_roles_finish (client, result, &error);
      g_test_message ("%u to %s: %s", cases[i].status, redirect.target,
                      error != NULL ? error->message : "followed");

      /* Followed or not, the key did not go along. */
      g_assert_cmpuint (redirect.n_with_key, ==, 0);
    }

  /* The target itself gets the key when it is asked directly: the test could fail. */
  {
    g_autofree char *direct = g_strdup_printf ("http://127.0.0.1:%u/v2/enterprise", second_port);
    g_autoptr(DaClient) client = make_client (session, direct, key);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) roles = NULL;
    GAsyncResult *slot = NULL;

    redirect.n_arrived = redirect.n_with_key = 0;
    da_client_list_roles_async (client, NULL, capture_cb, &slot);
    result = wait_result (&slot);
    roles = da_client_list_roles_finish (client, result, NULL);
    g_assert_cmpuint (redirect.n_with_key, ==, 1);
  }

  g_free (redirect.target);
  soup_server_disconnect (first);
  soup_server_disconnect (second);
}

/* ---- The keyring ------------------------------------------------------------------------ */

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
test_keyring_file_has_no_plain_key (void)
{
  g_autofree char *key = da_test_make_key ();
  g_autoptr(DaKeyStore) store = da_key_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *dirs[] = {
    g_get_home_dir (), g_get_user_data_dir (), g_get_user_config_dir (), g_get_user_cache_dir (),
    g_get_user_state_dir (), g_get_user_runtime_dir (),
  };
  const char *server = "https://hygiene.example.com/v2/enterprise";
  GAsyncResult *slot = NULL;
  guint n_files = 0;
  gboolean stored;

  if (g_strcmp0 (g_getenv ("DA_TEST_KEYRING"), "none") == 0 || g_getenv ("DA_TEST_TMP") == NULL)
    {
      g_test_skip ("Needs the test wrapper's keyring and folders");
      return;
    }

  da_key_store_store_async (store, server, key, NULL, store_done_cb, &slot);
  result = wait_result (&slot);
  stored = da_key_store_store_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_true (stored);
  g_clear_object (&result);

  /* It is there (the store could fail this test)… */
  da_key_store_lookup_async (store, server, NULL, store_done_cb, &slot);
  result = wait_result (&slot);
  {
    g_autofree char *back = da_key_store_lookup_finish (store, result, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (back, ==, key);
  }

  /* …but in no file in plain text. */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    da_test_scan_folder (dirs[i], key + strlen ("apk_user_"), found, &n_files);
  g_test_message ("%u files looked at", n_files);
  g_assert_cmpuint (n_files, >, 0);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("the key is in %s", (const char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* All debug output on, before anything logs; the writer keeps it from stdout. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv ("DA_DEBUG_HTTP", "2", TRUE);
  capture.log = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-hygiene/redact-header-line", test_redact_header_line);
  g_test_add_func ("/secret-hygiene/debug-log", test_debug_log);
  g_test_add_func ("/secret-hygiene/error-messages", test_error_messages_never_hold_the_key);
  g_test_add_func ("/secret-hygiene/redirect-to-another-origin", test_redirect_to_another_origin);
  g_test_add_func ("/secret-hygiene/keyring-file", test_keyring_file_has_no_plain_key);

  return g_test_run ();
}

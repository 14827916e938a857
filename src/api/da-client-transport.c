/* da-client-transport.c: requests, retries and the mapping of failures to DA_CLIENT_ERROR
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-client-private.h"

/* A Retry-After longer than this is not waited out silently: the error goes to the caller,
 * carrying the delay, so a person can decide. */
#define MAX_HONOURED_RETRY_AFTER_S 300

/* ---- Queries ----------------------------------------------------------------------------- */

DaQuery *
_da_query_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

void
_da_query_add (DaQuery    *query,
               const char *name,
               const char *value)
{
  g_assert (query != NULL);
  g_assert (name != NULL);

  if (value == NULL)
    return;

  g_ptr_array_add (query, g_strdup (name));
  g_ptr_array_add (query, g_strdup (value));
}

void
_da_query_add_strv (DaQuery            *query,
                    const char         *name,
                    const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    _da_query_add (query, name, values[i]);
}

DaQuery *
_da_query_copy (DaQuery *query)
{
  DaQuery *copy = _da_query_new ();

  for (guint i = 0; query != NULL && i < query->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (query, i)));

  return copy;
}

static char *
build_uri (DaClient   *self,
           const char *path,
           DaQuery    *query)
{
  GString *uri = g_string_new (self->base_url);

  g_string_append (uri, path);
  for (guint i = 0; query != NULL && i + 1 < query->len; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (g_ptr_array_index (query, i), NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (g_ptr_array_index (query, i + 1), NULL, FALSE);

      g_string_append_c (uri, i == 0 ? '?' : '&');
      g_string_append_printf (uri, "%s=%s", name, value);
    }

  return g_string_free (uri, FALSE);
}

/* ---- Responses --------------------------------------------------------------------------- */

void
da_response_free (DaResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->path);
  g_free (response->host);
  g_free (response);
}

static gboolean
is_json_type (const char *content_type)
{
  if (content_type == NULL)
    return FALSE;

  return g_str_equal (content_type, "application/json")
         || g_str_has_suffix (content_type, "+json");
}

/* A header value as a person may read it in one line: valid UTF-8 (libsoup gives that), its
 * control characters as spaces, cut to a readable length. (transfer full) */
static char *
clean_header_value (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *out = g_string_new (NULL);
  const char *p;
  guint n = 0;

  for (p = valid; *p != '\0' && n < 80; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
    }
  if (*p != '\0')
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static char *
describe_answer (guint       status,
                 const char *content_type,
                 const char *host)
{
  g_autofree char *type = content_type != NULL ? clean_header_value (content_type) : NULL;

  /* Translators: the facts of an answer a person may pass on: status, content type and the
   * server's host, e.g. "502, text/html from proxy.example.com" */
  return g_strdup_printf (_("%u, %s from %s"), status,
                          type != NULL ? type : _("no content type"), host);
}

static GError *
unreadable_answer_error (guint       status,
                         const char *content_type,
                         const char *host)
{
  g_autofree char *facts = describe_answer (status, content_type, host);
  g_autofree char *message = NULL;

  if (is_json_type (content_type))
    /* Translators: %s is e.g. "200, application/json from api.devin.ai" */
    message = g_strdup_printf (_("The server’s answer could not be read (%s). It may have been "
                                 "cut off; try again."), facts);
  else
    /* Translators: %s is e.g. "502, text/html from proxy.example.com" */
    message = g_strdup_printf (_("The server’s answer could not be read (%s). A proxy or gateway "
                                 "may be in the way."), facts);

  return da_client_error_new_full (DA_CLIENT_ERROR_INVALID_RESPONSE, status, NULL, 0, message);
}

static JsonNode *
parse_bytes (GBytes  *bytes,
             GError **error)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  if (data == NULL || size == 0)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "empty body");
      return NULL;
    }

  /* Bodies are not NUL-terminated: the reader goes by the length. */
  return _da_json_read (data, size, error);
}

JsonNode *
_da_response_parse_json (DaResponse  *response,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  root = parse_bytes (response->body, &local_error);
  if (root == NULL && response->change)
    {
      g_autofree char *facts = describe_answer (response->status, response->content_type,
                                                response->host);
      g_autofree char *message = NULL;

      /* A 2xx to a change: the server made it, whatever came back. Sending it again blindly
       * could make it twice. */
      /* Translators: %s is e.g. "200, application/json from api.devin.ai" */
      message = g_strdup_printf (_("The server’s answer could not be read (%s). The change may "
                                   "have been made: refresh to see before trying again."), facts);
      g_propagate_error (error, da_client_error_new_full (DA_CLIENT_ERROR_INVALID_RESPONSE,
                                                          response->status, NULL, 0, message));
      return NULL;
    }
  if (root == NULL)
    {
      g_propagate_error (error, unreadable_answer_error (response->status,
                                                         response->content_type,
                                                         response->host));
      return NULL;
    }

  return root;
}

GError *
_da_response_wrap_error (DaResponse   *response,
                         const GError *error)
{
  g_autofree char *message = NULL;

  if (error->domain == DA_CLIENT_ERROR)
    return g_error_copy (error);

  if (response->change)
    /* Translators: the first %s is the endpoint ("/organizations"), the second the server's
     * host, the third what was wrong, e.g. 'organization: "org_id" is a number' */
    message = g_strdup_printf (_("The server’s answer to %s from %s could not be read: %s. The "
                                 "change may have been made: refresh to see before trying "
                                 "again."),
                               response->path, response->host, error->message);
  else
    /* Translators: the first %s is the endpoint ("/members"), the second the server's host, the
     * third what was wrong, e.g. 'member: "email" is a number, expected a string' */
    message = g_strdup_printf (_("The server’s answer to %s from %s could not be read: %s. "
                                 "The server may be of another version than this application."),
                               response->path, response->host, error->message);

  return da_client_error_new_full (DA_CLIENT_ERROR_INVALID_RESPONSE, response->status, NULL, 0,
                                   message);
}

/* ---- Mapping failures -------------------------------------------------------------------- */

static const char *
status_phrase (guint status)
{
  const char *phrase = soup_status_get_phrase (status);

  if (phrase == NULL || g_str_equal (phrase, "Unknown Error"))
    return NULL;

  return phrase;
}

GError *
_da_client_error_from_status (guint       status,
                              const char *content_type,
                              GBytes     *body,
                              const char *host,
                              guint       retry_after)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *field = NULL;
  g_autofree char *message = NULL;
  gboolean has_body = body != NULL && g_bytes_get_size (body) > 0;
  gboolean is_json = FALSE;

  if (has_body)
    {
      root = parse_bytes (body, NULL);
      is_json = root != NULL;
    }

  if (root != NULL)
    _da_api_parse_error_body (root, &detail, &field);

  switch (status)
    {
    case 401:
      return da_client_error_new_full (DA_CLIENT_ERROR_UNAUTHORIZED, status, NULL, 0,
                                       _("The server rejected the API key. Check that it is a "
                                         "current Enterprise Admin key."));

    case 403:
      if (detail != NULL)
        /* Translators: %s is the server's own explanation */
        message = g_strdup_printf (_("This needs an Enterprise Admin key: %s"), detail);
      else
        message = g_strdup (_("This needs an Enterprise Admin key."));
      return da_client_error_new_full (DA_CLIENT_ERROR_FORBIDDEN, status, NULL, 0, message);

    case 404:
      /* A bare "Not Found" (a web framework's own answer) says nothing a person can act on. */
      if (detail != NULL && g_ascii_strcasecmp (detail, "Not Found") == 0)
        g_clear_pointer (&detail, g_free);
      return da_client_error_new_full (DA_CLIENT_ERROR_NOT_FOUND, status, NULL, 0,
                                       detail != NULL ? detail
                                       : _("This item no longer exists on the server."));

    case 429:
      if (retry_after > 0)
        message = g_strdup_printf (ngettext ("The server is rate limiting requests. Try again in "
                                             "%u second.",
                                             "The server is rate limiting requests. Try again in "
                                             "%u seconds.", retry_after), retry_after);
      else
        message = g_strdup (_("The server is rate limiting requests. Try again in a moment."));
      return da_client_error_new_full (DA_CLIENT_ERROR_RATE_LIMITED, status, NULL, retry_after,
                                       message);

    default:
      break;
    }

  if (status >= 400 && status < 500)
    {
      if (detail == NULL)
        {
          const char *phrase = status_phrase (status);

          if (phrase != NULL)
            /* Translators: %u is an HTTP status and %s its English name */
            message = g_strdup_printf (_("The server refused the request (%u %s)."), status,
                                       phrase);
          else
            message = g_strdup_printf (_("The server refused the request (%u)."), status);
        }
      return da_client_error_new_full (DA_CLIENT_ERROR_INVALID_REQUEST, status, field, 0,
                                       detail != NULL ? detail : message);
    }

  if (status >= 500 && status < 600)
    {
      const char *phrase;

      /* A page that is not JSON in front of a 5xx is a proxy or gateway talking. */
      if (has_body && !is_json && !is_json_type (content_type))
        return unreadable_answer_error (status, content_type, host);

      phrase = status_phrase (status);
      if (phrase != NULL)
        /* Translators: %u is an HTTP status and %s its English name,
         * e.g. "503 Service Unavailable" */
        message = g_strdup_printf (_("The server had a problem (%u %s). Try again later."),
                                   status, phrase);
      else
        message = g_strdup_printf (_("The server had a problem (%u). Try again later."), status);
      return da_client_error_new_full (DA_CLIENT_ERROR_SERVER, status, NULL, retry_after, message);
    }

  return unreadable_answer_error (status, content_type, host);
}

GError *
_da_client_error_from_io (const GError *error,
                          guint         status,
                          const char   *content_type,
                          const char   *host)
{
  g_autofree char *message = NULL;
  DaClientError code = DA_CLIENT_ERROR_NETWORK;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == G_RESOLVER_ERROR)
    /* Translators: %s is a host name; the same shape as the other "Could not reach" messages */
    message = g_strdup_printf (_("Could not reach %s: the name could not be resolved. Check your "
                                 "network connection."), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    message = g_strdup_printf (_("Could not reach %s: connection refused. Check your network "
                                 "connection."), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    message = g_strdup_printf (_("Could not reach %s: the server did not answer in time. Check "
                                 "your network connection."), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    message = g_strdup_printf (_("Could not reach %s: no route to the server. Check your network "
                                 "connection."), host);
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE)
           || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD)
           || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
    message = g_strdup_printf (_("Could not reach %s securely: its certificate is not trusted, so "
                                 "the connection was refused. Check the server address and the "
                                 "system’s certificates."), host);
  else if (error->domain == G_TLS_ERROR)
    /* Translators: the first %s is a host name, the second a technical reason */
    message = g_strdup_printf (_("Could not reach %s securely: %s. Check the server address."),
                               host, error->message);
  else if (status != 0 && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)
                           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
                           || g_error_matches (error, SOUP_SESSION_ERROR,
                                               SOUP_SESSION_ERROR_ENCODING)))
    {
      g_autofree char *facts = describe_answer (status, content_type, host);

      code = DA_CLIENT_ERROR_INVALID_RESPONSE;
      /* Translators: %s is e.g. "200, application/json from api.devin.ai" */
      message = g_strdup_printf (_("The server’s answer was cut off (%s). Try again."), facts);
    }
  else if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING))
    {
      code = DA_CLIENT_ERROR_INVALID_RESPONSE;
      message = g_strdup_printf (_("The answer from %s could not be read. A proxy or gateway may "
                                   "be in the way."), host);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    message = g_strdup_printf (_("Could not reach %s: the connection closed before an answer "
                                 "came. Check your network connection."), host);
  else
    /* Translators: the first %s is a host name, the second a technical reason */
    message = g_strdup_printf (_("Could not reach %s: %s. Check your network connection."),
                               host, error->message);

  return da_client_error_new_full (code, status, NULL, 0, message);
}

gint64
_da_parse_retry_after (const char *value,
                       GDateTime  *now)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) when = NULL;
  const char *p;

  if (value == NULL)
    return -1;

  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    return -1;

  for (p = text; g_ascii_isdigit (*p); p++)
    ;
  if (*p == '\0')
    {
      guint64 seconds = g_ascii_strtoull (text, NULL, 10);

      return (gint64) MIN (seconds, (guint64) G_MAXINT32);
    }

  when = soup_date_time_new_from_http_string (text);
  if (when == NULL)
    return -1;

  return MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
}

static gboolean
is_auth_scheme (const char *word,
                gsize       length)
{
  static const char * const schemes[] = { "Bearer", "Basic", "Token", "Digest", "Negotiate" };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (length == strlen (schemes[i]) && g_ascii_strncasecmp (word, schemes[i], length) == 0)
      return TRUE;

  return FALSE;
}

char *
_da_redact_header_line (const char *line)
{
  static const char * const names[] = { "Authorization:", "Proxy-Authorization:" };
  const char *value;
  const char *token;
  g_autofree char *scheme = NULL;
  g_autofree char *prefix = NULL;
  const char *underscore;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize len = strlen (names[i]);

      if (g_ascii_strncasecmp (line, names[i], len) != 0)
        continue;

      value = line + len;
      while (*value == ' ')
        value++;

      /* The first word is kept only when it is a scheme: a value with no scheme but a space
       * would otherwise show its start, which is the key. */
      token = strchr (value, ' ');
      if (token != NULL && is_auth_scheme (value, token - value))
        {
          scheme = g_strndup (value, token - value);
          token++;
        }
      else
        {
          scheme = g_strdup ("Bearer");
          token = value;
        }
      while (*token == ' ')
        token++;

      /* Keep only the kind of key ("apk_", "cog_"), which tells nothing secret. */
      underscore = strchr (token, '_');
      if (underscore != NULL && underscore - token <= 4)
        prefix = g_strndup (token, underscore - token + 1);

      return g_strdup_printf ("%.*s %s %s…redacted", (int) len, names[i], scheme,
                              prefix != NULL ? prefix : "");
    }

  return NULL;
}

/* The keys in use: secret → number of clients holding it. */
static GMutex secrets_lock;
static GHashTable *secrets;

/* Keys shorter than this are no keys (and would blank out common words). */
#define MIN_SECRET_LENGTH 8

void
_da_secret_add (const char *secret)
{
  gpointer count;

  if (secret == NULL || strlen (secret) < MIN_SECRET_LENGTH)
    return;

  g_mutex_lock (&secrets_lock);
  if (secrets == NULL)
    secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count = g_hash_table_lookup (secrets, secret);
  g_hash_table_replace (secrets, g_strdup (secret),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  g_mutex_unlock (&secrets_lock);
}

void
_da_secret_remove (const char *secret)
{
  guint count;

  if (secret == NULL || strlen (secret) < MIN_SECRET_LENGTH)
    return;

  g_mutex_lock (&secrets_lock);
  if (secrets != NULL)
    {
      count = GPOINTER_TO_UINT (g_hash_table_lookup (secrets, secret));
      if (count > 1)
        g_hash_table_replace (secrets, g_strdup (secret), GUINT_TO_POINTER (count - 1));
      else
        g_hash_table_remove (secrets, secret);
    }
  g_mutex_unlock (&secrets_lock);
}

char *
_da_redact_secrets (const char *text)
{
  g_autoptr(GString) out = NULL;
  GHashTableIter iter;
  gpointer secret;

  if (text == NULL)
    return NULL;

  g_mutex_lock (&secrets_lock);
  if (secrets != NULL)
    {
      g_hash_table_iter_init (&iter, secrets);
      while (g_hash_table_iter_next (&iter, &secret, NULL))
        {
          const char *found = strstr (out != NULL ? out->str : text, secret);
          const char *underscore;
          g_autofree char *mask = NULL;

          if (found == NULL)
            continue;

          /* Only the kind of key ("apk_") is left, as in the Authorization header. */
          underscore = strchr (secret, '_');
          if (underscore != NULL && underscore - (const char *) secret <= 4)
            mask = g_strdup_printf ("%.*s…redacted", (int) (underscore - (const char *) secret + 1),
                                    (const char *) secret);
          else
            mask = g_strdup ("…redacted");

          if (out == NULL)
            out = g_string_new (text);
          g_string_replace (out, secret, mask, 0);
        }
    }
  g_mutex_unlock (&secrets_lock);

  return out != NULL ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* ---- Sending ----------------------------------------------------------------------------- */

/* A server may quote the key back in its error body: it never reaches a message, which the app
 * shows and may log. (transfer full): @error or its replacement */
static GError *
scrub_error (GError *error)
{
  g_autofree char *message = _da_redact_secrets (error->message);
  g_autofree char *field = _da_redact_secrets (da_client_error_get_field (error));
  GError *clean;

  if (message == NULL && field == NULL)
    return error;

  clean = da_client_error_new_full (error->code, da_client_error_get_status (error),
                                    field != NULL ? field : da_client_error_get_field (error),
                                    da_client_error_get_retry_after (error),
                                    message != NULL ? message : error->message);
  g_error_free (error);
  return clean;
}

typedef struct
{
  char        *method;
  char        *path;
  char        *uri;
  GBytes      *body;
  SoupMessage *message;
  guint        attempt;
  gint64       started;
  GSource     *timeout_source;
  GSource     *cancel_source;
  char        *cache_key;      /* a read the response cache may keep: path and query */
  GError      *network_error;  /* while the cache is asked instead */
  GInputStream *stream;        /* the answer's body, while it is read */
  guint8      *buffer;         /* what of it came so far */
  gsize        length;
  gsize        capacity;
} SendData;

static void
send_data_free (SendData *data)
{
  g_free (data->method);
  g_free (data->path);
  g_free (data->uri);
  g_free (data->cache_key);
  g_clear_error (&data->network_error);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_free);
  g_clear_object (&data->message);
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_source_unref (data->timeout_source);
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_source_unref (data->cancel_source);
    }
  g_free (data);
}

static gboolean
is_read (const char *method)
{
  return g_str_equal (method, "GET") || g_str_equal (method, "HEAD");
}

static gboolean
may_retry (const char *method,
           guint       status)
{
  if (status == 429)
    return TRUE;   /* the server did not act, whatever the method */

  return is_read (method) && (status == 502 || status == 503 || status == 504);
}

static guint
backoff_delay (DaClient *self,
               guint     attempt)
{
  guint64 delay = self->base_delay_ms;
  double jitter;

  for (guint i = 0; i < attempt && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->max_delay_ms);

  /* ±20 % so that clients that failed together do not come back together. */
  jitter = g_random_double_range (0.8, 1.2);
  delay = (guint64) (delay * jitter);

  return (guint) MIN (delay, self->max_delay_ms);
}

static void send_attempt (GTask *task);

static void
on_cache_lookup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DaClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  DaResponse *response;
  gint64 stored_at = 0;

  body = da_response_cache_lookup_finish (DA_RESPONSE_CACHE (object), result, &stored_at, &error);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (body == NULL)
    {
      if (error != NULL)
        g_debug ("No cached answer to %s: %s", data->path, error->message);
      g_task_return_error (task, g_steal_pointer (&data->network_error));
      return;
    }

  g_debug ("GET %s answered from the cache of %" G_GINT64_FORMAT, data->path,
           stored_at / G_USEC_PER_SEC);
  _da_client_note_offline (self, stored_at);

  response = g_new0 (DaResponse, 1);
  response->status = SOUP_STATUS_OK;
  response->content_type = g_strdup ("application/json");
  response->body = g_steal_pointer (&body);
  response->path = g_strdup (data->path);
  response->host = g_strdup (self->host);
  response->cached_at = stored_at;
  g_task_return_pointer (task, response, (GDestroyNotify) da_response_free);
}

static void
end_wait (SendData *data)
{
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_clear_pointer (&data->timeout_source, g_source_unref);
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_clear_pointer (&data->cancel_source, g_source_unref);
    }
}

static gboolean
on_retry_timeout_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);

  end_wait (data);
  data->attempt++;
  send_attempt (g_steal_pointer (&task));

  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);

  end_wait (data);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  /* The task is held by the wait; whichever source fires first ends the other. */
  data->timeout_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (data->timeout_source, on_retry_timeout_cb, task, NULL);
  g_source_set_static_name (data->timeout_source, "[da] retry");

  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (on_retry_cancelled_cb), task,
                             NULL);
      g_source_attach (data->cancel_source, context);
    }

  g_source_attach (data->timeout_source, context);
}

/* What came back: the whole body, or the error that ended the exchange. Takes @task, @body and
 * @error. */
static void
handle_answer (GTask  *task_in,
               GBytes *body_in,
               GError *error_in)
{
  g_autoptr(GTask) task = task_in;
  DaClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = error_in;
  g_autoptr(GBytes) body = body_in;
  g_autoptr(DaResponse) response = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  gint64 retry_after = -1;
  guint status;

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);
  content_type = headers != NULL ? soup_message_headers_get_content_type (headers, NULL) : NULL;

  g_debug ("%s %s -> %u (%" G_GINT64_FORMAT " ms)%s", data->method, data->path, status,
           (g_get_monotonic_time () - data->started) / 1000,
           error != NULL ? " failed" : "");

  if (body == NULL)
    {
      g_autoptr(GError) mapped = _da_client_error_from_io (error, status, content_type,
                                                           self->host);

      /* The server cannot be reached: the last answer to this read will do, if there is one. */
      if (data->cache_key != NULL && self->cache != NULL
          && g_error_matches (mapped, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK))
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          data->network_error = g_steal_pointer (&mapped);
          da_response_cache_lookup_async (self->cache, data->cache_key, cancellable,
                                          on_cache_lookup_cb, g_steal_pointer (&task));
          return;
        }

      /* The answer to a change was cut off: the server may well have made it, and sending it
       * again blindly could make it twice. */
      if (!is_read (data->method) &&
          g_error_matches (mapped, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE))
        {
          g_autofree char *facts = describe_answer (status, content_type, self->host);
          g_autofree char *message = NULL;

          /* Translators: %s is e.g. "200, application/json from api.devin.ai" */
          message = g_strdup_printf (_("The server’s answer was cut off (%s). The change may "
                                       "have been made: refresh to see before trying again."),
                                     facts);
          g_clear_error (&mapped);
          mapped = da_client_error_new_full (DA_CLIENT_ERROR_INVALID_RESPONSE, status, NULL, 0,
                                             message);
        }

      g_task_return_error (task, g_steal_pointer (&mapped));
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (data->cache_key != NULL && self->cache != NULL)
        da_response_cache_store_async (self->cache, data->cache_key, body, g_get_real_time (),
                                       NULL, NULL, NULL);
      _da_client_note_online (self);

      response = g_new0 (DaResponse, 1);
      response->status = status;
      response->content_type = g_strdup (content_type);
      response->body = g_steal_pointer (&body);
      response->path = g_strdup (data->path);
      response->host = g_strdup (self->host);
      response->change = !is_read (data->method);
      g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) da_response_free);
      return;
    }

  if (headers != NULL && status == 429)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      retry_after = _da_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                           now);
    }
  else if (headers != NULL && status >= 500)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      retry_after = _da_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                           now);
    }

  error = _da_client_error_from_status (status, content_type, body, self->host,
                                        retry_after > 0 ? (guint) retry_after : 0);
  error = scrub_error (error);

  if (may_retry (data->method, status) && data->attempt < self->max_retries
      && retry_after <= MAX_HONOURED_RETRY_AFTER_S)
    {
      guint delay_ms;

      if (retry_after >= 0)
        delay_ms = (guint) retry_after * 1000;
      else
        delay_ms = backoff_delay (self, data->attempt);

      _da_client_emit_retry_scheduled (self, delay_ms, error);

      if (g_task_return_error_if_cancelled (task))
        return;

      g_clear_object (&data->message);
      schedule_retry (g_steal_pointer (&task), delay_ms);
      return;
    }

  if (status == 401)
    _da_client_emit_unauthorized (self, error);

  g_task_return_error (task, g_steal_pointer (&error));
}

/* A body is read in large pieces: soup_session_send_and_read_async() reads 8 KiB at a time,
 * a turn of the main loop each, and a page of the audit log is some 120 KiB. When the body's
 * length is known, the first read asks for all of it. */
#define BODY_READ_SIZE      (256 * 1024)
#define MAX_PREALLOCATED    (32 * 1024 * 1024)

static void read_body (GTask *task);

static void
end_body (SendData *data)
{
  if (data->stream != NULL)
    g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&data->stream);
}

static void
on_body_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      end_body (data);
      g_clear_pointer (&data->buffer, g_free);
      handle_answer (task, NULL, error);
      return;
    }

  if (n == 0)
    {
      gsize length = data->length;
      guint8 *buffer = g_steal_pointer (&data->buffer);

      end_body (data);
      /* Room asked for and not used goes back. */
      if (length + 4096 < data->capacity)
        buffer = g_realloc (buffer, MAX (length, 1));
      data->length = data->capacity = 0;
      handle_answer (task, g_bytes_new_take (buffer, length), NULL);
      return;
    }

  data->length += (gsize) n;
  read_body (task);
}

static void
read_body (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  if (data->length == data->capacity)
    {
      data->capacity = MAX (data->capacity * 2, data->length + BODY_READ_SIZE);
      data->buffer = g_realloc (data->buffer, data->capacity);
    }

  g_input_stream_read_async (data->stream, data->buffer + data->length,
                             data->capacity - data->length, G_PRIORITY_DEFAULT,
                             g_task_get_cancellable (task), on_body_read_cb, task);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  goffset length = 0;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      handle_answer (task, NULL, error);
      return;
    }

  headers = soup_message_get_response_headers (data->message);
  if (headers != NULL &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (headers);

  /* One byte more than the length, for the read that finds the end. */
  data->length = 0;
  data->capacity = length > 0 && length <= MAX_PREALLOCATED ? (gsize) length + 1
                                                             : BODY_READ_SIZE;
  g_clear_pointer (&data->buffer, g_free);
  data->buffer = g_malloc (data->capacity);
  read_body (task);
}

static void
send_attempt (GTask *task)
{
  DaClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autoptr(GUri) uri = NULL;

  g_clear_object (&data->message);

  uri = g_uri_parse (data->uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The address of %s is not valid."),
                                                  data->path);

      g_task_return_error (task, da_client_error_new_full (DA_CLIENT_ERROR_INSECURE, 0, NULL, 0,
                                                           message));
      g_object_unref (task);
      return;
    }

  data->message = soup_message_new_from_uri (data->method, uri);
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL)
    {
      g_autofree char *auth = self->flavor->auth_header (self->api_key);

      soup_message_headers_replace (headers, "Authorization", auth);
      /* Not kept longer than needed. */
      memset (auth, 0, strlen (auth));
    }
  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (data->message, "application/json", data->body);

  data->started = g_get_monotonic_time ();
  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent_cb, task);
}

void
_da_client_send_async (DaClient            *self,
                       const char          *method,
                       const char          *path,
                       DaQuery             *query,
                       GBytes              *body,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  SendData *data;

  g_assert (DA_IS_CLIENT (self));
  g_assert (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _da_client_send_async);
  g_task_set_name (task, "[da] send");

  data = g_new0 (SendData, 1);
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->uri = build_uri (self, path, query);
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  if (g_str_equal (method, "GET"))
    data->cache_key = g_strdup (data->uri + strlen (self->base_url));
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  send_attempt (task);
}

DaResponse *
_da_client_send_finish (DaClient      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == _da_client_send_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

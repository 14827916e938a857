/* da-mock-server.c: HTTP, threading, routing, auth and the control API of the local API server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SoupServer lives in a thread of its own, with its own GMainContext, so the test or app that
 * started it never waits on it. All data sits in one MockState behind one mutex; requests from
 * many connections are served one after the other by that thread, each in well under a
 * millisecond.
 *
 * Order of checks, as FastAPI does it: route (404, 405), then auth (401, 403), then validation
 * (422), then the handler (400, 404, 200). Faults come before all of that, as if a proxy stood in
 * front of the server.
 */

#include "config.h"

#include <string.h>

#include "da-mock-private.h"

#define PREFIX_NEW "/v2/enterprise"
#define PREFIX_OLD "/api/v2/enterprise"
#define STALL_PROMISED_LENGTH 65536

struct _DaMockServer
{
  GObject       parent_instance;

  GMutex        lock;               /* guards state, faults, counts */
  DaMockOptions options;            /* what the state is seeded from */
  MockState    *state;              /* seeded when first needed: see ensure_state_locked() */
  GPtrArray    *faults;             /* MockFault* */
  guint         next_fault_id;
  GHashTable   *counts;             /* "METHOD path" -> GUINT_TO_POINTER (count) */

  /* the serving thread */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *soup;
  GCancellable *cancellable;        /* cancelled when stopping */
  GPtrArray    *stalled;            /* GIOStream*, only touched by the serving thread */
  gboolean      stopping;           /* only touched by the serving thread */
  guint16       port;
  char         *base_url;

  /* start-up handshake */
  GMutex        start_lock;
  GCond         start_cond;
  gboolean      start_done;
  GError       *start_error;
};

G_DEFINE_FINAL_TYPE (DaMockServer, da_mock_server, G_TYPE_OBJECT)

/* The data, seeded from the options the first time it is needed: in the serving thread as soon
 * as it listens (so that the app's demo builds its window meanwhile, and the first request finds
 * it ready), or by whatever needs it first. With the lock held. */
static MockState *
ensure_state_locked (DaMockServer *self)
{
  if (self->state == NULL)
    self->state = mock_state_new (&self->options);

  return self->state;
}

/* ---- Options -------------------------------------------------------------------------------- */

void
da_mock_options_init (DaMockOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->members = 120;
  options->orgs = 6;
  options->audit_events = 600;
  options->sessions = 300;
  options->cycles = 6;
  options->seed = 1;
  options->admin_key = g_strdup (DA_MOCK_DEFAULT_ADMIN_KEY);
  options->member_key = NULL;
  options->compat_examples = FALSE;
  options->use_groups = TRUE;
  options->now = DA_MOCK_NOW_REAL;
  options->audit_limit_max = 1000;
  options->audit_page_cap = 0;
}

void
da_mock_options_clear (DaMockOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->admin_key, g_free);
  g_clear_pointer (&options->member_key, g_free);
}

void
da_mock_options_copy (DaMockOptions       *dest,
                      const DaMockOptions *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  dest->admin_key = g_strdup (src->admin_key != NULL ? src->admin_key : DA_MOCK_DEFAULT_ADMIN_KEY);
  dest->member_key = g_strdup (src->member_key);
}

/* ---- Routing -------------------------------------------------------------------------------- */

static gboolean
pattern_matches (const char  *pattern,
                 char       **segments,
                 guint        n_segments)
{
  const char *p = pattern;
  guint i = 0;

  if (*p == '/')
    p++;

  while (*p != '\0')
    {
      const char *end = strchr (p, '/');
      gsize len;

      if (end == NULL)
        end = p + strlen (p);
      len = end - p;

      if (i >= n_segments)
        return FALSE;

      if (!(len == 2 && p[0] == '{' && p[1] == '}'))
        {
          if (strlen (segments[i]) != len || strncmp (segments[i], p, len) != 0)
            return FALSE;
        }

      i++;
      p = *end == '/' ? end + 1 : end;
    }

  return i == n_segments;
}

static const MockRoute *
find_route (MockRequest *req,
            gboolean    *path_known)
{
  const MockRoute *tables[] = { mock_member_routes, mock_org_routes, mock_activity_routes };

  *path_known = FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      for (const MockRoute *route = tables[t]; route->method != NULL; route++)
        {
          if (route->compat_only && !req->compat)
            continue;
          if (!pattern_matches (route->pattern, req->segments, req->n_segments))
            continue;
          if (strcmp (route->method, req->method) == 0)
            return route;
          *path_known = TRUE;
        }
    }

  return NULL;
}

static char **
split_path (const char *path,
            guint      *n_segments)
{
  g_auto(GStrv) raw = g_strsplit (path, "/", -1);
  GPtrArray *segments = g_ptr_array_new ();

  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *decoded;

      /* the leading slash, and one trailing slash */
      if (raw[i][0] == '\0' && (i == 0 || raw[i + 1] == NULL))
        continue;

      decoded = g_uri_unescape_string (raw[i], NULL);
      g_ptr_array_add (segments, decoded != NULL ? decoded : g_strdup (raw[i]));
    }

  *n_segments = segments->len;
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (segments, FALSE);
}

/* Compares without leaking how much of the key matched. */
static gboolean
key_equal (const char *given,
           const char *expected)
{
  gsize given_len, expected_len;
  guchar diff = 0;

  if (given == NULL || expected == NULL)
    return FALSE;

  given_len = strlen (given);
  expected_len = strlen (expected);
  for (gsize i = 0; i < expected_len; i++)
    diff |= (guchar) (expected[i] ^ (i < given_len ? given[i] : 0));

  return diff == 0 && given_len == expected_len;
}

/* 401/403 as the API answers them; TRUE when the caller may go on. */
static gboolean
check_auth (MockRequest *req,
            const char  *authorization)
{
  MockState *state = req->state;
  const char *key;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      mock_reply_detail (req, SOUP_STATUS_UNAUTHORIZED, "Not authenticated");
      return FALSE;
    }

  key = authorization + 7;
  while (*key == ' ')
    key++;

  if (!state->admin_key_revoked && key_equal (key, state->options.admin_key))
    return TRUE;

  if (!state->member_key_revoked && state->options.member_key != NULL &&
      key_equal (key, state->options.member_key))
    {
      mock_reply_detail (req, SOUP_STATUS_FORBIDDEN, "Enterprise admin access required");
      return FALSE;
    }

  mock_reply_detail (req, SOUP_STATUS_UNAUTHORIZED, "Invalid API key");
  return FALSE;
}

static void
dispatch (DaMockServer *self,
          MockRequest  *req,
          const char   *authorization)
{
  const MockRoute *route;
  gboolean path_known;

  route = find_route (req, &path_known);
  if (route == NULL)
    {
      if (path_known)
        mock_reply_detail (req, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
      else
        mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  if (!check_auth (req, authorization))
    return;

  route->handler (req);

  if (mock_request_has_errors (req))
    mock_reply_validation (req);
}

/* Strips the API prefix; NULL when the path is outside the API. */
static const char *
api_subpath (const char *path)
{
  if (g_str_has_prefix (path, PREFIX_OLD) &&
      (path[strlen (PREFIX_OLD)] == '/' || path[strlen (PREFIX_OLD)] == '\0'))
    return path + strlen (PREFIX_OLD);
  if (g_str_has_prefix (path, PREFIX_NEW) &&
      (path[strlen (PREFIX_NEW)] == '/' || path[strlen (PREFIX_NEW)] == '\0'))
    return path + strlen (PREFIX_NEW);
  return NULL;
}

/* Runs the API on one request; the answer is left in @req. */
static void
answer_request (DaMockServer      *self,
                SoupServerMessage *msg,
                MockRequest       *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  const char *subpath = api_subpath (path);
  const char *authorization;
  g_autoptr(GBytes) bytes = NULL;

  req->method = soup_server_message_get_method (msg);

  if (subpath == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  req->segments = split_path (subpath, &req->n_segments);
  mock_request_parse_query (req, g_uri_get_query (uri));

  if (body != NULL && body->length > 0)
    {
      bytes = soup_message_body_flatten (body);
      req->body = g_bytes_get_data (bytes, &req->body_len);
    }

  authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "Authorization");

  g_mutex_lock (&self->lock);
  req->state = ensure_state_locked (self);
  req->compat = req->state->options.compat_examples;
  dispatch (self, req, authorization);
  g_mutex_unlock (&self->lock);

  /* The body bytes go away with this frame: handlers keep no pointer into them. */
  g_clear_object (&req->parser);
  req->body = NULL;
  req->body_len = 0;
}

static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    default:
      return soup_status_get_phrase (status);
    }
}

static void
send_request_answer (SoupServerMessage *msg,
                     MockRequest       *req)
{
  gsize len = req->out->len;
  char *data = g_string_free (g_steal_pointer (&req->out), FALSE);

  soup_server_message_set_status (msg, req->status, reason_phrase (req->status));
  if (req->retry_after != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Retry-After", req->retry_after);
  soup_server_message_set_response (msg, req->content_type, SOUP_MEMORY_TAKE, data, len);
  req->out = g_string_new (NULL);
}

/* ---- Faults on the wire --------------------------------------------------------------------- */

static const char html_502[] =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
  "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n"
  "</html>\r\n";

static const char malformed_json[] =
  "{\"items\": [{\"user_id\": \"user-1\", \"email\": \"lena@acme.example\",, \"name\": }";

static void
write_all (GIOStream  *stream,
           const char *data,
           gsize       len)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  if (!g_output_stream_write_all (out, data, len, NULL, NULL, &error))
    g_debug ("mock server: writing a faulty answer failed: %s", error->message);
}

typedef struct
{
  DaMockServer *self;
  GIOStream    *stream;
} StallWatch;

static void
on_stalled_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  StallWatch *watch = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  /* Anything from the client (more requests on a stalled connection) is ignored; its end or a
   * stop closes the connection. */
  if (bytes != NULL && g_bytes_get_size (bytes) > 0 && !watch->self->stopping)
    {
      g_input_stream_read_bytes_async (G_INPUT_STREAM (object), 4096, G_PRIORITY_DEFAULT,
                                       watch->self->cancellable, on_stalled_read_cb, watch);
      return;
    }

  g_io_stream_close (watch->stream, NULL, NULL);
  if (watch->self->stalled != NULL)
    g_ptr_array_remove (watch->self->stalled, watch->stream);
  g_object_unref (watch->stream);
  g_free (watch);
}

static void
raw_stall (DaMockServer *self,
           GIOStream    *stream)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %d\r\n"
                                           "\r\n"
                                           "{\"items\": [", STALL_PROMISED_LENGTH);
  StallWatch *watch = g_new0 (StallWatch, 1);

  write_all (stream, head, strlen (head));

  watch->self = self;
  watch->stream = g_object_ref (stream);
  g_ptr_array_add (self->stalled, g_object_ref (stream));
  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (stream), 4096,
                                   G_PRIORITY_DEFAULT, self->cancellable, on_stalled_read_cb,
                                   watch);
}

static void
raw_truncate (GIOStream   *stream,
              MockRequest *req)
{
  g_autofree char *head = NULL;
  gsize half = req->out->len / 2;

  head = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          req->status, reason_phrase (req->status), req->content_type,
                          req->out->len);
  write_all (stream, head, strlen (head));
  write_all (stream, req->out->str, half);
  g_io_stream_close (stream, NULL, NULL);
}

typedef struct
{
  DaMockServer      *self;
  SoupServerMessage *msg;
  MockFaultAction    action;
  gboolean           finished;   /* the client went away meanwhile */
  gulong             finished_id;
} Deferred;

static void
deferred_free (gpointer data)
{
  Deferred *deferred = data;

  g_clear_signal_handler (&deferred->finished_id, deferred->msg);
  g_object_unref (deferred->msg);
  g_free (deferred);
}

static void
on_deferred_msg_finished_cb (SoupServerMessage *msg,
                             Deferred          *deferred)
{
  deferred->finished = TRUE;
}

static void
apply_fault (DaMockServer          *self,
             SoupServerMessage     *msg,
             const MockFaultAction *action);

static gboolean
on_deferred_cb (gpointer user_data)
{
  Deferred *deferred = user_data;
  DaMockServer *self = deferred->self;
  SoupServerMessage *msg = deferred->msg;
  MockFaultKind kind = deferred->action.kind;
  GIOStream *stream;

  if (self->stopping || deferred->finished)
    return G_SOURCE_REMOVE;

  if (kind == MOCK_FAULT_REFUSE || kind == MOCK_FAULT_STALL || kind == MOCK_FAULT_TRUNCATE)
    {
      MockRequest req;

      mock_request_init (&req);
      if (kind == MOCK_FAULT_TRUNCATE)
        answer_request (self, msg, &req);

      g_clear_signal_handler (&deferred->finished_id, msg);
      stream = soup_server_message_steal_connection (msg);
      if (stream != NULL)
        {
          if (kind == MOCK_FAULT_REFUSE)
            g_io_stream_close (stream, NULL, NULL);
          else if (kind == MOCK_FAULT_STALL)
            raw_stall (self, stream);
          else
            raw_truncate (stream, &req);
          g_object_unref (stream);
        }
      mock_request_clear (&req);
      return G_SOURCE_REMOVE;
    }

  /* The delay is over: answer as the fault says, then let libsoup write it. */
  deferred->action.delay_ms = 0;
  apply_fault (self, msg, &deferred->action);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
defer (DaMockServer          *self,
       SoupServerMessage     *msg,
       const MockFaultAction *action)
{
  Deferred *deferred = g_new0 (Deferred, 1);
  g_autoptr(GSource) source = NULL;

  deferred->self = self;
  deferred->msg = g_object_ref (msg);
  deferred->action = *action;
  deferred->finished_id = g_signal_connect (msg, "finished",
                                            G_CALLBACK (on_deferred_msg_finished_cb), deferred);

  soup_server_message_pause (msg);

  source = action->delay_ms > 0 ? g_timeout_source_new (action->delay_ms) : g_idle_source_new ();
  g_source_set_callback (source, on_deferred_cb, deferred, deferred_free);
  g_source_set_name (source, "[devin-mock-server] deferred answer");
  g_source_attach (source, self->context);
}

static void
apply_fault (DaMockServer          *self,
             SoupServerMessage     *msg,
             const MockFaultAction *action)
{
  MockRequest req;

  if (action->delay_ms > 0 || action->kind == MOCK_FAULT_REFUSE ||
      action->kind == MOCK_FAULT_STALL || action->kind == MOCK_FAULT_TRUNCATE)
    {
      defer (self, msg, action);
      return;
    }

  mock_request_init (&req);

  switch (action->kind)
    {
    case MOCK_FAULT_STATUS:
      mock_reply_detail (&req, action->status, "%s", reason_phrase (action->status));
      if (action->retry_after >= 0)
        req.retry_after = g_strdup_printf ("%d", action->retry_after);
      break;

    case MOCK_FAULT_HTML:
      req.status = SOUP_STATUS_BAD_GATEWAY;
      req.content_type = "text/html";
      g_string_assign (req.out, html_502);
      break;

    case MOCK_FAULT_MALFORMED:
      req.status = SOUP_STATUS_OK;
      g_string_assign (req.out, malformed_json);
      break;

    case MOCK_FAULT_WRONG_TYPES:
      answer_request (self, msg, &req);
      {
        GString *mangled = mock_fault_wrong_types (req.out->str, req.out->len);

        g_string_free (req.out, TRUE);
        req.out = mangled;
      }
      break;

    case MOCK_FAULT_LATENCY:
    case MOCK_FAULT_STALL:
    case MOCK_FAULT_TRUNCATE:
    case MOCK_FAULT_REFUSE:
    default:
      answer_request (self, msg, &req);
      break;
    }

  send_request_answer (msg, &req);
  mock_request_clear (&req);
}

/* ---- Request counting ----------------------------------------------------------------------- */

static void
count_request (DaMockServer *self,
               const char   *method,
               const char   *path)
{
  char *key = g_strconcat (method, " ", path, NULL);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));

  g_hash_table_replace (self->counts, key, GUINT_TO_POINTER (count + 1));
}

static guint
count_matching (DaMockServer *self,
                const char   *method,
                const char   *path_glob)
{
  g_autoptr(GPatternSpec) pattern = path_glob != NULL ? g_pattern_spec_new (path_glob) : NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint total = 0;

  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *space = strchr (key, ' ');
      g_autofree char *key_method = g_strndup (key, space - (const char *) key);

      if (method != NULL && g_ascii_strcasecmp (method, key_method) != 0)
        continue;
      if (pattern != NULL && !g_pattern_spec_match_string (pattern, space + 1))
        continue;
      total += GPOINTER_TO_UINT (value);
    }

  return total;
}

/* ---- Control API (/_mock/…) --------------------------------------------------------------- */

static void
handle_control (DaMockServer      *self,
                SoupServerMessage *msg,
                const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  MockRequest req;
  MockJson json;

  mock_request_init (&req);
  mock_request_parse_query (&req, g_uri_get_query (uri));
  req.method = method;
  if (body != NULL && body->length > 0)
    {
      bytes = soup_message_body_flatten (body);
      req.body = g_bytes_get_data (bytes, &req.body_len);
    }

  if (strcmp (path, "/_mock/faults") == 0 && strcmp (method, "POST") == 0)
    {
      JsonObject *obj = mock_request_body_object (&req);
      const char *spec = obj != NULL ? mock_body_string (&req, obj, "spec", TRUE, NULL) : NULL;

      if (!mock_request_has_errors (&req))
        {
          g_autoptr(GError) error = NULL;
          guint id = da_mock_server_add_fault (self, spec, &error);

          if (id == 0)
            {
              mock_reply_detail (&req, SOUP_STATUS_BAD_REQUEST, "%s", error->message);
            }
          else
            {
              mock_reply_begin (&req, SOUP_STATUS_OK, &json);
              mock_json_begin_object (&json);
              mock_json_member_int (&json, "id", id);
              mock_json_end_object (&json);
            }
        }
    }
  else if (strcmp (path, "/_mock/faults") == 0 && strcmp (method, "GET") == 0)
    {
      mock_reply_begin (&req, SOUP_STATUS_OK, &json);
      mock_json_begin_object (&json);
      mock_json_key (&json, "faults");
      mock_json_begin_array (&json);
      g_mutex_lock (&self->lock);
      for (guint i = 0; i < self->faults->len; i++)
        {
          MockFault *fault = g_ptr_array_index (self->faults, i);

          mock_json_begin_object (&json);
          mock_json_member_int (&json, "id", fault->id);
          mock_json_member_string (&json, "spec", fault->spec);
          mock_json_key (&json, "remaining");
          if (fault->times < 0)
            mock_json_null (&json);
          else
            mock_json_int (&json, fault->times);
          mock_json_end_object (&json);
        }
      g_mutex_unlock (&self->lock);
      mock_json_end_array (&json);
      mock_json_end_object (&json);
    }
  else if (strcmp (path, "/_mock/faults") == 0 && strcmp (method, "DELETE") == 0)
    {
      da_mock_server_clear_faults (self);
      mock_reply_success (&req);
    }
  else if (g_str_has_prefix (path, "/_mock/faults/") && strcmp (method, "DELETE") == 0)
    {
      guint64 id = 0;
      gboolean found = FALSE;

      if (g_ascii_string_to_unsigned (path + strlen ("/_mock/faults/"), 10, 1, G_MAXUINT, &id,
                                      NULL))
        {
          g_mutex_lock (&self->lock);
          for (guint i = 0; i < self->faults->len; i++)
            {
              MockFault *fault = g_ptr_array_index (self->faults, i);

              if (fault->id == id)
                {
                  g_ptr_array_remove_index (self->faults, i);
                  found = TRUE;
                  break;
                }
            }
          g_mutex_unlock (&self->lock);
        }

      if (found)
        mock_reply_success (&req);
      else
        mock_reply_detail (&req, SOUP_STATUS_NOT_FOUND, "Fault not found");
    }
  else if (strcmp (path, "/_mock/requests") == 0 && strcmp (method, "GET") == 0)
    {
      guint count = da_mock_server_count_requests (self, mock_query_get (&req, "method"),
                                                   mock_query_get (&req, "path"));

      mock_reply_begin (&req, SOUP_STATUS_OK, &json);
      mock_json_begin_object (&json);
      mock_json_member_int (&json, "count", count);
      mock_json_end_object (&json);
    }
  else if (strcmp (path, "/_mock/requests") == 0 && strcmp (method, "DELETE") == 0)
    {
      da_mock_server_reset_counts (self);
      mock_reply_success (&req);
    }
  else if (strcmp (path, "/_mock/audit-events") == 0 && strcmp (method, "POST") == 0)
    {
      JsonObject *obj = mock_request_body_object (&req);
      gboolean present = FALSE, is_null = FALSE;
      gint64 count = 0;

      if (obj != NULL)
        count = mock_body_int (&req, obj, "count", TRUE, 1, &present, &is_null);
      if (count > 1000000)
        mock_request_invalid (&req, "less_than_equal",
                              "Input should be less than or equal to 1000000", "body", "count",
                              NULL);

      if (!mock_request_has_errors (&req) && present && !is_null)
        {
          da_mock_server_add_audit_events (self, (guint) count);
          mock_reply_begin (&req, SOUP_STATUS_OK, &json);
          mock_json_begin_object (&json);
          mock_json_member_string (&json, "status", "success");
          mock_json_member_int (&json, "added", count);
          mock_json_end_object (&json);
        }
      else if (!mock_request_has_errors (&req))
        {
          mock_request_invalid (&req, "int_type", "Input should be a valid integer", "body",
                                "count", NULL);
        }
    }
  else if (g_str_has_prefix (path, "/_mock/faults") || strcmp (path, "/_mock/requests") == 0 ||
           strcmp (path, "/_mock/audit-events") == 0)
    {
      mock_reply_detail (&req, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
    }
  else
    {
      mock_reply_detail (&req, SOUP_STATUS_NOT_FOUND, "Not Found");
    }

  if (mock_request_has_errors (&req))
    mock_reply_validation (&req);

  g_clear_object (&req.parser);
  req.body = NULL;
  send_request_answer (msg, &req);
  mock_request_clear (&req);
}

/* ---- The SoupServer callback ---------------------------------------------------------------- */

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  DaMockServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *subpath;
  MockFaultAction action;
  gboolean faulty;
  MockRequest req;

  if (strcmp (path, "/_mock") == 0 || g_str_has_prefix (path, "/_mock/"))
    {
      handle_control (self, msg, path);
      return;
    }

  subpath = api_subpath (path);
  if (subpath == NULL)
    subpath = path;
  else if (*subpath == '\0')
    subpath = "/";

  g_mutex_lock (&self->lock);
  count_request (self, method, subpath);
  faulty = mock_faults_pick (self->faults, method, subpath, &action);
  g_mutex_unlock (&self->lock);

  if (faulty)
    {
      apply_fault (self, msg, &action);
      return;
    }

  mock_request_init (&req);
  answer_request (self, msg, &req);
  send_request_answer (msg, &req);
  mock_request_clear (&req);
}

/* ---- The serving thread --------------------------------------------------------------------- */

static gboolean
quit_loop_cb (gpointer user_data)
{
  DaMockServer *self = user_data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

static void
finish_start (DaMockServer *self,
              GError       *error)
{
  g_mutex_lock (&self->start_lock);
  self->start_error = error;
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_lock);
}

static void
drain_context (GMainContext *context)
{
  for (guint i = 0; i < 1000 && g_main_context_pending (context); i++)
    g_main_context_iteration (context, FALSE);
}

static gpointer
server_thread (gpointer data)
{
  DaMockServer *self = data;
  GError *error = NULL;
  g_autoptr(GSList) uris = NULL;
  guint16 wanted_port = self->port;

  g_main_context_push_thread_default (self->context);

  self->soup = soup_server_new ("server-header", "devin-mock-server ", NULL);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);

  if (!soup_server_listen_local (self->soup, wanted_port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_clear_object (&self->soup);
      g_main_context_pop_thread_default (self->context);
      finish_start (self, error);
      return NULL;
    }

  uris = soup_server_get_uris (self->soup);
  self->port = uris != NULL ? (guint16) g_uri_get_port (uris->data) : wanted_port;
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u" PREFIX_NEW, self->port);

  finish_start (self, NULL);

  g_mutex_lock (&self->lock);
  ensure_state_locked (self);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  /* Stopping: end stalled answers, drop the connections, then let pending callbacks see
   * `stopping` and free what they hold. */
  self->stopping = TRUE;
  g_cancellable_cancel (self->cancellable);
  drain_context (self->context);
  for (guint i = 0; i < self->stalled->len; i++)
    g_io_stream_close (g_ptr_array_index (self->stalled, i), NULL, NULL);
  g_ptr_array_set_size (self->stalled, 0);
  soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  drain_context (self->context);

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
da_mock_server_dispose (GObject *object)
{
  DaMockServer *self = (DaMockServer *) object;

  da_mock_server_stop (self);

  G_OBJECT_CLASS (da_mock_server_parent_class)->dispose (object);
}

static void
da_mock_server_finalize (GObject *object)
{
  DaMockServer *self = (DaMockServer *) object;

  g_clear_pointer (&self->state, mock_state_free);
  da_mock_options_clear (&self->options);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->start_lock);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (da_mock_server_parent_class)->finalize (object);
}

static void
da_mock_server_class_init (DaMockServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = da_mock_server_dispose;
  object_class->finalize = da_mock_server_finalize;
}

static void
da_mock_server_init (DaMockServer *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->start_lock);
  g_cond_init (&self->start_cond);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) mock_fault_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->next_fault_id = 1;
}

/* ---- Public API ----------------------------------------------------------------------------- */

DaMockServer *
da_mock_server_new (const DaMockOptions *options)
{
  DaMockServer *self = g_object_new (DA_TYPE_MOCK_SERVER, NULL);

  if (options != NULL)
    da_mock_options_copy (&self->options, options);
  else
    da_mock_options_init (&self->options);

  return self;
}

void
da_mock_server_seed (DaMockServer *self)
{
  g_return_if_fail (DA_IS_MOCK_SERVER (self));

  g_mutex_lock (&self->lock);
  ensure_state_locked (self);
  g_mutex_unlock (&self->lock);
}

gboolean
da_mock_server_start (DaMockServer  *self,
                      guint16        port,
                      GError       **error)
{
  GError *start_error;

  g_return_val_if_fail (DA_IS_MOCK_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->thread != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, "The server is already running");
      return FALSE;
    }

  self->port = port;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->cancellable = g_cancellable_new ();
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->stopping = FALSE;
  self->start_done = FALSE;
  self->start_error = NULL;

  self->thread = g_thread_new ("devin-mock-server", server_thread, self);

  g_mutex_lock (&self->start_lock);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_lock);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->start_lock);

  if (start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      g_clear_object (&self->cancellable);
      g_clear_pointer (&self->stalled, g_ptr_array_unref);
      g_propagate_error (error, start_error);
      return FALSE;
    }

  return TRUE;
}

void
da_mock_server_stop (DaMockServer *self)
{
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (DA_IS_MOCK_SERVER (self));

  if (self->thread == NULL)
    return;

  source = g_idle_source_new ();
  g_source_set_callback (source, quit_loop_cb, self, NULL);
  g_source_attach (source, self->context);

  g_thread_join (g_steal_pointer (&self->thread));

  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stalled, g_ptr_array_unref);
}

guint16
da_mock_server_get_port (DaMockServer *self)
{
  g_return_val_if_fail (DA_IS_MOCK_SERVER (self), 0);

  return self->port;
}

const char *
da_mock_server_get_base_url (DaMockServer *self)
{
  g_return_val_if_fail (DA_IS_MOCK_SERVER (self), NULL);

  return self->base_url;
}

const char *
da_mock_server_get_admin_key (DaMockServer *self)
{
  g_return_val_if_fail (DA_IS_MOCK_SERVER (self), NULL);

  return self->options.admin_key;
}

guint
da_mock_server_add_fault (DaMockServer  *self,
                          const char    *spec,
                          GError       **error)
{
  MockFault *fault;
  guint id;

  g_return_val_if_fail (DA_IS_MOCK_SERVER (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  fault = mock_fault_parse (spec, error);
  if (fault == NULL)
    return 0;

  g_mutex_lock (&self->lock);
  id = fault->id = self->next_fault_id++;
  g_ptr_array_add (self->faults, fault);
  g_mutex_unlock (&self->lock);

  return id;
}

void
da_mock_server_remove_fault (DaMockServer *self,
                             guint         fault_id)
{
  g_return_if_fail (DA_IS_MOCK_SERVER (self));

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->faults->len; i++)
    {
      MockFault *fault = g_ptr_array_index (self->faults, i);

      if (fault->id == fault_id)
        {
          g_ptr_array_remove_index (self->faults, i);
          break;
        }
    }
  g_mutex_unlock (&self->lock);
}

void
da_mock_server_clear_faults (DaMockServer *self)
{
  g_return_if_fail (DA_IS_MOCK_SERVER (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  g_mutex_unlock (&self->lock);
}

guint
da_mock_server_count_requests (DaMockServer *self,
                               const char   *method,
                               const char   *path_glob)
{
  guint count;

  g_return_val_if_fail (DA_IS_MOCK_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  count = count_matching (self, method, path_glob);
  g_mutex_unlock (&self->lock);

  return count;
}

void
da_mock_server_reset_counts (DaMockServer *self)
{
  g_return_if_fail (DA_IS_MOCK_SERVER (self));

  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->counts);
  g_mutex_unlock (&self->lock);
}

void
da_mock_server_add_audit_events (DaMockServer *self,
                                 guint         n)
{
  g_return_if_fail (DA_IS_MOCK_SERVER (self));

  g_mutex_lock (&self->lock);
  mock_state_add_random_audit (ensure_state_locked (self), n);
  g_mutex_unlock (&self->lock);
}

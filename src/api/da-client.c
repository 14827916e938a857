/* da-client.c: the Devin Enterprise API client
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file holds the object itself; requests and retries are in da-client-transport.c, the
 * endpoints in da-client-endpoints.c and what is particular to v2 in da-api-v2.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-client-private.h"
#include "da-proxy-resolver.h"

#define DEFAULT_MAX_RETRIES    4
#define DEFAULT_BASE_DELAY_MS  1000
#define DEFAULT_MAX_DELAY_MS   60000

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_HOST,
  PROP_SESSION,
  PROP_OFFLINE,
  PROP_OFFLINE_DATA_TIME,
  N_PROPS
};

enum {
  RETRY_SCHEDULED,
  UNAUTHORIZED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DaClient, da_client, G_TYPE_OBJECT)

/* ---- Debug logging ----------------------------------------------------------------------- */

static void
print_http_debug (SoupLogger         *logger,
                  SoupLoggerLogLevel  level,
                  char                direction,
                  const char         *data,
                  gpointer            user_data)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *redacted = _da_redact_header_line (lines[i]);
      /* A body, or any header, may hold a key too (a server echoing it). */
      g_autofree char *blanked = _da_redact_secrets (redacted != NULL ? redacted : lines[i]);

      g_debug ("HTTP %c %s", direction,
               blanked != NULL ? blanked : redacted != NULL ? redacted : lines[i]);
    }
}

/* DA_DEBUG_HTTP=1 logs headers, =2 bodies too; the Authorization header is always redacted. */
static void
maybe_add_logger (SoupSession *session)
{
  const char *env = g_getenv ("DA_DEBUG_HTTP");
  g_autoptr(SoupLogger) logger = NULL;
  SoupLoggerLogLevel level;

  if (env == NULL || soup_session_has_feature (session, SOUP_TYPE_LOGGER))
    return;

  if (g_str_equal (env, "1"))
    level = SOUP_LOGGER_LOG_HEADERS;
  else if (g_str_equal (env, "2"))
    level = SOUP_LOGGER_LOG_BODY;
  else
    return;

  logger = soup_logger_new (level);
  soup_logger_set_printer (logger, print_http_debug, NULL, NULL);
  soup_session_add_feature (session, SOUP_SESSION_FEATURE (logger));
}

/* ---- Base URL ---------------------------------------------------------------------------- */

gboolean
_da_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
check_base_url (const char         *base_url,
                const DaApiFlavor  *flavor,
                char              **normalized,
                char              **host_out,
                GError            **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *path = NULL;
  const char *host;
  int port;

  uri = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_scheme (uri) == NULL)
    {
      g_propagate_error (error,
                         da_client_error_new_full (DA_CLIENT_ERROR_INSECURE, 0, NULL, 0,
                                                   _("The server address is not a web address. "
                                                     "Enter an address that starts with "
                                                     "https://.")));
      return FALSE;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_uri_get_host (uri);

  if ((!g_str_equal (scheme, "https") && !g_str_equal (scheme, "http"))
      || host == NULL || *host == '\0')
    {
      g_propagate_error (error,
                         da_client_error_new_full (DA_CLIENT_ERROR_INSECURE, 0, NULL, 0,
                                                   _("The server address is not a web address. "
                                                     "Enter an address that starts with "
                                                     "https://.")));
      return FALSE;
    }

  if (g_str_equal (scheme, "http") && !_da_is_loopback_host (host))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a host name */
      message = g_strdup_printf (_("Plain http:// would send the API key unencrypted to %s. Use "
                                   "an https:// address; http:// is only allowed for this "
                                   "computer."), host);
      g_propagate_error (error, da_client_error_new_full (DA_CLIENT_ERROR_INSECURE, 0, NULL, 0,
                                                          message));
      return FALSE;
    }

  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  if (*path == '\0')
    {
      g_free (path);
      path = g_strdup (flavor->default_prefix);
    }

  port = g_uri_get_port (uri);
  if ((port == 443 && g_str_equal (scheme, "https")) || (port == 80 && g_str_equal (scheme, "http")))
    port = -1;

  /* Whatever else the address carried (user info, query, fragment) is dropped. */
  *normalized = g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, port, path, NULL, NULL);
  *host_out = g_strdup (host);

  return TRUE;
}

/* ---- GObject ----------------------------------------------------------------------------- */

void
_da_client_emit_retry_scheduled (DaClient     *self,
                                 guint         delay_ms,
                                 const GError *reason)
{
  g_signal_emit (self, signals[RETRY_SCHEDULED], 0, delay_ms, reason);
}

void
_da_client_emit_unauthorized (DaClient     *self,
                              const GError *error)
{
  g_signal_emit (self, signals[UNAUTHORIZED], 0, error);
}

void
_da_client_note_online (DaClient *self)
{
  if (!self->offline)
    return;

  g_debug ("Back online with %s", self->host);
  self->offline = FALSE;
  self->offline_data_time = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_DATA_TIME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
}

void
_da_client_note_offline (DaClient *self,
                         gint64    stored_at)
{
  gint64 data_time = stored_at / G_USEC_PER_SEC;

  /* The data shown is as old as the oldest answer served from the cache. */
  if (!self->offline || data_time < self->offline_data_time)
    {
      self->offline_data_time = data_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_DATA_TIME]);
    }

  if (!self->offline)
    {
      g_debug ("Offline: %s cannot be reached, answering from the cache", self->host);
      self->offline = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
    }
}

static void
forget_key (DaClient *self)
{
  if (self->api_key != NULL)
    {
      _da_secret_remove (self->api_key);
      memset (self->api_key, 0, strlen (self->api_key));
      g_clear_pointer (&self->api_key, g_free);
    }
}

static void
da_client_finalize (GObject *object)
{
  DaClient *self = (DaClient *)object;

  forget_key (self);
  g_clear_object (&self->cache);
  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);

  G_OBJECT_CLASS (da_client_parent_class)->finalize (object);
}

static void
da_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DaClient *self = DA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    case PROP_OFFLINE_DATA_TIME:
      g_value_set_int64 (value, self->offline_data_time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_client_class_init (DaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = da_client_finalize;
  object_class->get_property = da_client_get_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_DATA_TIME] =
    g_param_spec_int64 ("offline-data-time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DaClient::retry-scheduled:
   * @delay_ms: how long the client waits before trying again
   * @reason: the error that made it wait (a 429 or a 5xx)
   */
  signals[RETRY_SCHEDULED] =
    g_signal_new ("retry-scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_ERROR);

  /**
   * DaClient::unauthorized:
   * @error: the DA_CLIENT_ERROR_UNAUTHORIZED error
   *
   * The server rejected the key (any 401).
   */
  signals[UNAUTHORIZED] =
    g_signal_new ("unauthorized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
da_client_init (DaClient *self)
{
  self->flavor = &da_api_v2;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
}

/* ---- Public API -------------------------------------------------------------------------- */

/* A session with the app's timeout and user agent and @resolver for its proxies (NULL: none).
 * The trailing space of the user agent lets libsoup append its own token. */
static SoupSession *
new_session (GProxyResolver *resolver)
{
  SoupSession *session = soup_session_new_with_options ("timeout", 15,
                                                        "user-agent",
                                                        "DevinAdmin/" PACKAGE_VERSION " ",
                                                        NULL);

  soup_session_set_proxy_resolver (session, resolver);

  return session;
}

SoupSession *
da_client_session_new (void)
{
  g_autoptr(GProxyResolver) resolver = da_proxy_resolver_new (NULL);

  return new_session (resolver);
}

DaClient *
da_client_new (const char   *base_url,
               SoupSession  *session,
               GError      **error)
{
  g_autoptr(DaClient) self = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (base_url == NULL)
    base_url = DA_DEFAULT_BASE_URL;

  if (!check_base_url (base_url, &da_api_v2, &normalized, &host, error))
    return NULL;

  self = g_object_new (DA_TYPE_CLIENT, NULL);
  self->base_url = g_steal_pointer (&normalized);
  self->host = g_steal_pointer (&host);

  /* A session for a server on loopback only has no proxy resolver at all: with one, GLib
   * loads the system's (GIO's modules, the desktop's proxy settings) as the first connection
   * is made, 2.7 ms of the main thread here before the first request, even to answer
   * "direct". */
  if (session != NULL)
    self->session = g_object_ref (session);
  else if (_da_is_loopback_host (self->host))
    self->session = new_session (NULL);
  else
    self->session = da_client_session_new ();
  maybe_add_logger (self->session);

  return g_steal_pointer (&self);
}

const char *
da_client_get_base_url (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  return self->base_url;
}

const char *
da_client_get_host (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  return self->host;
}

SoupSession *
da_client_get_session (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  return self->session;
}

void
da_client_set_api_key (DaClient   *self,
                       const char *api_key)
{
  g_return_if_fail (DA_IS_CLIENT (self));

  forget_key (self);
  if (api_key != NULL && *api_key != '\0')
    {
      self->api_key = g_strdup (api_key);
      _da_secret_add (self->api_key);
    }
}

gboolean
da_client_has_api_key (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), FALSE);

  return self->api_key != NULL;
}

void
da_client_set_retry_policy (DaClient *self,
                            guint     max_retries,
                            guint     base_delay_ms,
                            guint     max_delay_ms)
{
  g_return_if_fail (DA_IS_CLIENT (self));

  self->max_retries = max_retries;
  self->base_delay_ms = MAX (base_delay_ms, 1);
  self->max_delay_ms = MAX (max_delay_ms, self->base_delay_ms);
}

void
da_client_set_response_cache (DaClient        *self,
                              DaResponseCache *cache)
{
  g_return_if_fail (DA_IS_CLIENT (self));
  g_return_if_fail (cache == NULL || DA_IS_RESPONSE_CACHE (cache));

  g_set_object (&self->cache, cache);
}

DaResponseCache *
da_client_get_response_cache (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), NULL);

  return self->cache;
}

gboolean
da_client_get_offline (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), FALSE);

  return self->offline;
}

gint64
da_client_get_offline_data_time (DaClient *self)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), 0);

  return self->offline_data_time;
}

gboolean
da_client_call_finish (DaClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (DA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

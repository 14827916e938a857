/* da-proxy-resolver.c: no proxy for this computer, the system's for the rest
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A proxy cannot reach this computer's loopback addresses, so a server on them (a local test
 * server, a tunnel) is always reached directly, whatever the system's proxy settings or the
 * environment's http_proxy say. Any other address is looked up by the system's resolver.
 * (GLib 2.74 loads the system's resolver anyway when a session with a resolver connects; a
 * session that only ever talks to loopback has none: see da_client_new() and the demo.)
 */

#include "config.h"

#include "da-proxy-resolver.h"

#include "da-client-private.h"

struct _DaProxyResolver
{
  GObject         parent_instance;

  GProxyResolver *fallback;   /* NULL: the system's, looked up when first needed */
};

static void da_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaProxyResolver, da_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      da_proxy_resolver_iface_init))

static const char * const direct[] = { "direct://", NULL };

static gboolean
is_loopback_uri (const char *uri)
{
  g_autofree char *host = NULL;

  if (!g_uri_split_network (uri, G_URI_FLAGS_NONE, NULL, &host, NULL, NULL) || host == NULL)
    return FALSE;

  return _da_is_loopback_host (host);
}

static GProxyResolver *
get_fallback (DaProxyResolver *self)
{
  return self->fallback != NULL ? self->fallback : g_proxy_resolver_get_default ();
}

static gboolean
da_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
da_proxy_resolver_lookup (GProxyResolver  *resolver,
                          const char      *uri,
                          GCancellable    *cancellable,
                          GError         **error)
{
  DaProxyResolver *self = DA_PROXY_RESOLVER (resolver);

  if (is_loopback_uri (uri))
    return g_strdupv ((char **) direct);

  return g_proxy_resolver_lookup (get_fallback (self), uri, cancellable, error);
}

static void
on_fallback_lookup_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);
  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
da_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                const char          *uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  DaProxyResolver *self = DA_PROXY_RESOLVER (resolver);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_proxy_resolver_lookup_async);

  if (is_loopback_uri (uri))
    {
      g_task_return_pointer (task, g_strdupv ((char **) direct), (GDestroyNotify) g_strfreev);
      return;
    }

  g_proxy_resolver_lookup_async (get_fallback (self), uri, cancellable, on_fallback_lookup_cb,
                                 g_steal_pointer (&task));
}

static char **
da_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
da_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = da_proxy_resolver_is_supported;
  iface->lookup = da_proxy_resolver_lookup;
  iface->lookup_async = da_proxy_resolver_lookup_async;
  iface->lookup_finish = da_proxy_resolver_lookup_finish;
}

static void
da_proxy_resolver_finalize (GObject *object)
{
  DaProxyResolver *self = DA_PROXY_RESOLVER (object);

  g_clear_object (&self->fallback);

  G_OBJECT_CLASS (da_proxy_resolver_parent_class)->finalize (object);
}

static void
da_proxy_resolver_class_init (DaProxyResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = da_proxy_resolver_finalize;
}

static void
da_proxy_resolver_init (DaProxyResolver *self)
{
}

GProxyResolver *
da_proxy_resolver_new (GProxyResolver *fallback)
{
  DaProxyResolver *self = g_object_new (DA_TYPE_PROXY_RESOLVER, NULL);

  g_set_object (&self->fallback, fallback);

  return G_PROXY_RESOLVER (self);
}

/* da-proxy-resolver.h: no proxy for this computer, the system's for the rest
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DA_TYPE_PROXY_RESOLVER (da_proxy_resolver_get_type ())

G_DECLARE_FINAL_TYPE (DaProxyResolver, da_proxy_resolver, DA, PROXY_RESOLVER, GObject)

/* Loopback addresses (127.0.0.0/8, ::1, localhost) are answered "direct://"; any other is
 * asked of @fallback, or when NULL of g_proxy_resolver_get_default(). */
GProxyResolver *da_proxy_resolver_new (GProxyResolver *fallback);

G_END_DECLS

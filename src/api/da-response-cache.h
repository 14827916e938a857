/* da-response-cache.h: the last answers of the server, kept on disk for when it cannot be reached
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * DaResponseCache:
 *
 * Bodies of successful answers to reads, one file each in a folder of their own, so that the
 * app can show the last data it loaded when the server cannot be reached. A #DaClient given a
 * cache keeps every successful GET in it and answers from it on network errors only (see
 * da_client_set_response_cache()).
 *
 * An entry holds its key (the request's path and query), the time it was stored and the body:
 * never the API key, never a header. The folder is created 0700 and every file 0600. Writes are
 * atomic (a temporary file renamed over the entry) and, like every other operation, run in a
 * worker thread, one at a time per cache. Beyond a total size or a number of entries the oldest
 * entries are removed.
 */
#define DA_TYPE_RESPONSE_CACHE (da_response_cache_get_type ())
G_DECLARE_FINAL_TYPE (DaResponseCache, da_response_cache, DA, RESPONSE_CACHE, GObject)

/* The default limits of a cache. */
#define DA_RESPONSE_CACHE_DEFAULT_MAX_SIZE    (64 * 1024 * 1024)
#define DA_RESPONSE_CACHE_DEFAULT_MAX_ENTRIES 4096

/* $XDG_CACHE_HOME/devin-admin/<SHA-256 of @base_url in hex>: the folder of one server's
 * cache. (transfer full) */
char            *da_response_cache_dup_folder_for_server (const char        *base_url);

/* A cache in @folder, which is created when the first entry is stored. (transfer full) */
DaResponseCache *da_response_cache_new            (const char           *folder);
/* A cache in da_response_cache_dup_folder_for_server (@base_url). (transfer full) */
DaResponseCache *da_response_cache_new_for_server (const char           *base_url);

const char      *da_response_cache_get_folder     (DaResponseCache      *self);

/* Bounds kept after each store: the sum of the entries' file sizes and their number. An answer
 * bigger than @max_size on its own is not kept. */
void             da_response_cache_set_limits     (DaResponseCache      *self,
                                                   guint64               max_size,
                                                   guint                 max_entries);

/* Keeps @body under @key (replacing what was there), stored at @stored_at (Unix microseconds,
 * as g_get_real_time()). A store begun before da_response_cache_clear_async() is dropped.
 * @callback may be NULL. */
void             da_response_cache_store_async    (DaResponseCache      *self,
                                                   const char           *key,
                                                   GBytes               *body,
                                                   gint64                stored_at,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         da_response_cache_store_finish   (DaResponseCache      *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* The body kept under @key, and when it was stored (Unix microseconds). NULL without an error
 * when there is none (or the entry is unreadable: it is then removed). (transfer full) */
void             da_response_cache_lookup_async   (DaResponseCache      *self,
                                                   const char           *key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GBytes          *da_response_cache_lookup_finish  (DaResponseCache      *self,
                                                   GAsyncResult         *result,
                                                   gint64               *stored_at,
                                                   GError              **error);

/* How many stores have begun and not ended yet (tests wait for 0 before going offline). */
guint            da_response_cache_get_n_pending  (DaResponseCache      *self);

/* Removes every entry and the folder; stores begun before are dropped. @callback may be
 * NULL. */
void             da_response_cache_clear_async    (DaResponseCache      *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         da_response_cache_clear_finish   (DaResponseCache      *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS

/* da-key-store.h: the API keys in the desktop keyring (libsecret)
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DA_KEY_STORE_ERROR (da_key_store_error_quark ())

/**
 * DaKeyStoreError:
 * @DA_KEY_STORE_ERROR_UNAVAILABLE: there is no usable Secret Service: none on the session bus,
 *   no session bus at all, the keyring is locked and cannot be unlocked, or the person dismissed
 *   the unlock prompt. The message says which, in words a person can act on.
 *
 * Cancellation (through the caller's GCancellable) is reported as %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  DA_KEY_STORE_ERROR_UNAVAILABLE,
} DaKeyStoreError;

GQuark da_key_store_error_quark (void);

/**
 * DaKeyStore:
 *
 * Keeps one Enterprise Admin API key per server in the desktop keyring, under the app's own
 * schema `io.github.devinadmin.DevinAdmin.ApiKey` with the attribute `server` (the API base URL),
 * labelled "Devin Admin API key for <host>" so a person recognises it in Passwords and Keys.
 * Several servers' keys live side by side. Only the key is stored: everything else about an
 * account lives in GSettings.
 *
 * Everything is asynchronous. A lookup that finds nothing returns %NULL **without** an error;
 * an error always means the keyring could not be used (%DA_KEY_STORE_ERROR_UNAVAILABLE).
 */
#define DA_TYPE_KEY_STORE (da_key_store_get_type ())
G_DECLARE_FINAL_TYPE (DaKeyStore, da_key_store, DA, KEY_STORE, GObject)

DaKeyStore   *da_key_store_new                (void);

/* The label of the item stored for @server, e.g. "Devin Admin API key for api.devin.ai". */
char         *da_key_store_dup_label          (const char           *server);

/* Stores (or replaces) the key of @server. */
void          da_key_store_store_async        (DaKeyStore           *self,
                                               const char           *server,
                                               const char           *api_key,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      da_key_store_store_finish       (DaKeyStore           *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* The key of @server: (transfer full) (nullable); %NULL with no error when none is stored.
 * Free it with da_key_store_free_key(), which wipes the memory. */
void          da_key_store_lookup_async       (DaKeyStore           *self,
                                               const char           *server,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
char         *da_key_store_lookup_finish      (DaKeyStore           *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Removes the key of @server; succeeds when there was none. */
void          da_key_store_clear_async        (DaKeyStore           *self,
                                               const char           *server,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      da_key_store_clear_finish       (DaKeyStore           *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* The servers that have a key stored, sorted; (transfer full), never %NULL on success.
 * Reads only attributes: no secret is unlocked or transferred. */
void          da_key_store_list_servers_async (DaKeyStore           *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GStrv         da_key_store_list_servers_finish (DaKeyStore          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Wipes and frees a key returned by da_key_store_lookup_finish(). */
void          da_key_store_free_key           (char                 *api_key);

G_END_DECLS

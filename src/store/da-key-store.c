/* da-key-store.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "da-key-store.h"

struct _DaKeyStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (DaKeyStore, da_key_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (da-key-store-error-quark, da_key_store_error)

#define SERVER_ATTRIBUTE "server"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.devinadmin.DevinAdmin.ApiKey", SECRET_SCHEMA_NONE,
    {
      { SERVER_ATTRIBUTE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* About cancellation: libsecret shares one connection to the Secret Service per process, and a
 * call cancelled while that connection is being set up leaves it failed for every later call.
 * So the caller's GCancellable is never handed to libsecret: the calls are short, and the GTask
 * (which checks its cancellable) reports G_IO_ERROR_CANCELLED to a caller who cancelled. */

/* Every failure of libsecret means the keyring cannot be used; say why in words a person can act
 * on. */
static GError *
translate_error (GError *error)
{
  const char *why;

  g_assert (error != NULL);

  /* libsecret never sees our cancellable: its "cancelled" is a prompt the person dismissed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    why = _("The keyring was not unlocked: the password prompt was dismissed.");
  else if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND))
    why = _("No keyring service (such as GNOME Keyring) is running on this desktop.");
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    why = _("The keyring is locked and could not be unlocked.");
  else if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
           g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    why = _("The keyring has no default collection to keep passwords in.");
  else
    why = NULL;

  g_debug ("Keyring unavailable: %s", error->message);

  if (why != NULL)
    {
      GError *unavailable = g_error_new (DA_KEY_STORE_ERROR, DA_KEY_STORE_ERROR_UNAVAILABLE,
                                         /* Translators: %s explains why the keyring is unusable */
                                         _("%s The key cannot be kept between sessions."), why);
      g_error_free (error);
      return unavailable;
    }
  else
    {
      GError *unavailable = g_error_new (DA_KEY_STORE_ERROR, DA_KEY_STORE_ERROR_UNAVAILABLE,
                                         /* Translators: %s is a technical message from the
                                          * keyring */
                                         _("The keyring could not be used (%s). The key cannot be "
                                           "kept between sessions."),
                                         error->message);
      g_error_free (error);
      return unavailable;
    }
}

static void
da_key_store_class_init (DaKeyStoreClass *klass)
{
}

static void
da_key_store_init (DaKeyStore *self)
{
}

DaKeyStore *
da_key_store_new (void)
{
  return g_object_new (DA_TYPE_KEY_STORE, NULL);
}

char *
da_key_store_dup_label (const char *server)
{
  g_autoptr(GUri) uri = NULL;
  const char *host = NULL;

  g_return_val_if_fail (server != NULL, NULL);

  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    host = server;

  /* Translators: the name of the API key in the keyring (Passwords and Keys); %s is a host name */
  return g_strdup_printf (_("Devin Admin API key for %s"), host);
}

/* ---- store ----------------------------------------------------------------------------- */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
da_key_store_store_async (DaKeyStore          *self,
                          const char          *server,
                          const char          *api_key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (DA_IS_KEY_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (api_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_key_store_store_async);

  label = da_key_store_dup_label (server);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, api_key, NULL,
                         store_cb, g_steal_pointer (&task),
                         SERVER_ATTRIBUTE, server,
                         NULL);
}

gboolean
da_key_store_store_finish (DaKeyStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DA_IS_KEY_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == da_key_store_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- lookup ---------------------------------------------------------------------------- */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *api_key;

  api_key = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_pointer (task, api_key, (GDestroyNotify) secret_password_free);
}

void
da_key_store_lookup_async (DaKeyStore          *self,
                           const char          *server,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DA_IS_KEY_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_key_store_lookup_async);

  secret_password_lookup (get_schema (), NULL, lookup_cb, task,
                          SERVER_ATTRIBUTE, server,
                          NULL);
}

char *
da_key_store_lookup_finish (DaKeyStore    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (DA_IS_KEY_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == da_key_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- clear ----------------------------------------------------------------------------- */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
da_key_store_clear_async (DaKeyStore          *self,
                          const char          *server,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DA_IS_KEY_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_key_store_clear_async);

  secret_password_clear (get_schema (), NULL, clear_cb, task,
                         SERVER_ATTRIBUTE, server,
                         NULL);
}

gboolean
da_key_store_clear_finish (DaKeyStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DA_IS_KEY_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == da_key_store_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- list servers ---------------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, translate_error (error));
      return;
    }

  for (const GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *server = g_hash_table_lookup (attributes, SERVER_ATTRIBUTE);

      if (server != NULL &&
          !g_ptr_array_find_with_equal_func (servers, server, g_str_equal, NULL))
        g_ptr_array_add (servers, g_strdup (server));
    }
  g_list_free_full (items, g_object_unref);

  g_ptr_array_sort (servers, compare_strings);
  g_ptr_array_add (servers, NULL);
  g_task_return_pointer (task, g_ptr_array_steal (servers, NULL), (GDestroyNotify) g_strfreev);
}

void
da_key_store_list_servers_async (DaKeyStore          *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DA_IS_KEY_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_key_store_list_servers_async);

  secret_password_search (get_schema (), SECRET_SEARCH_ALL, NULL, search_cb, task, NULL);
}

GStrv
da_key_store_list_servers_finish (DaKeyStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (DA_IS_KEY_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        da_key_store_list_servers_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
da_key_store_free_key (char *api_key)
{
  secret_password_free (api_key);
}

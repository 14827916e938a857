/* da-accounts.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-accounts.h"

#define ACCOUNTS_KEY "accounts"

typedef struct
{
  char *server;
  char *label;  /* NULL: none */
} Account;

struct _DaAccounts
{
  GObject     parent_instance;

  /* Owned */
  GSettings  *settings;   /* NULL: in memory only */
  GArray     *accounts;   /* Account */
  gboolean    writing;    /* our own write is being notified */
};

G_DEFINE_FINAL_TYPE (DaAccounts, da_accounts, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
account_clear (gpointer data)
{
  Account *account = data;

  g_clear_pointer (&account->server, g_free);
  g_clear_pointer (&account->label, g_free);
}

static Account *
find (DaAccounts *self,
      const char *server,
      guint      *index)
{
  if (server == NULL)
    return NULL;

  for (guint i = 0; i < self->accounts->len; i++)
    {
      Account *account = &g_array_index (self->accounts, Account, i);

      if (g_str_equal (account->server, server))
        {
          if (index != NULL)
            *index = i;
          return account;
        }
    }

  return NULL;
}

static void
append (DaAccounts *self,
        const char *server,
        const char *label)
{
  g_autofree char *stripped = label != NULL ? g_strstrip (g_strdup (label)) : NULL;
  Account account = {
    g_strdup (server),
    stripped != NULL && *stripped != '\0' ? g_steal_pointer (&stripped) : NULL,
  };

  g_array_append_val (self->accounts, account);
}

/* From the setting; entries with an empty or repeated server are skipped. */
static void
load (DaAccounts *self)
{
  g_autoptr(GVariant) value = NULL;
  GVariantIter iter;
  const char *server, *label;

  g_array_set_size (self->accounts, 0);
  if (self->settings == NULL)
    return;

  value = g_settings_get_value (self->settings, ACCOUNTS_KEY);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &server, &label))
    if (*server != '\0' && find (self, server, NULL) == NULL)
      append (self, server, label);
}

static void
save_and_notify (DaAccounts *self)
{
  if (self->settings != NULL)
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
      for (guint i = 0; i < self->accounts->len; i++)
        {
          Account *account = &g_array_index (self->accounts, Account, i);

          g_variant_builder_add (&builder, "(ss)", account->server,
                                 account->label != NULL ? account->label : "");
        }

      self->writing = TRUE;
      g_settings_set_value (self->settings, ACCOUNTS_KEY, g_variant_builder_end (&builder));
      self->writing = FALSE;
    }

  g_signal_emit (self, signals [CHANGED], 0);
}

static void
on_settings_changed_cb (DaAccounts *self)
{
  if (self->writing)
    return;

  load (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
da_accounts_finalize (GObject *object)
{
  DaAccounts *self = (DaAccounts *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->accounts, g_array_unref);

  G_OBJECT_CLASS (da_accounts_parent_class)->finalize (object);
}

static void
da_accounts_class_init (DaAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = da_accounts_finalize;

  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
da_accounts_init (DaAccounts *self)
{
  self->accounts = g_array_new (FALSE, TRUE, sizeof (Account));
  g_array_set_clear_func (self->accounts, account_clear);
}

DaAccounts *
da_accounts_new (GSettings *settings)
{
  DaAccounts *self;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DA_TYPE_ACCOUNTS, NULL);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed::" ACCOUNTS_KEY,
                               G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
    }
  load (self);

  return self;
}

GStrv
da_accounts_dup_servers (DaAccounts *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (DA_IS_ACCOUNTS (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->accounts->len; i++)
    g_strv_builder_add (builder, g_array_index (self->accounts, Account, i).server);

  return g_strv_builder_end (builder);
}

guint
da_accounts_get_n_accounts (DaAccounts *self)
{
  g_return_val_if_fail (DA_IS_ACCOUNTS (self), 0);

  return self->accounts->len;
}

gboolean
da_accounts_contains (DaAccounts *self,
                      const char *server)
{
  g_return_val_if_fail (DA_IS_ACCOUNTS (self), FALSE);

  return find (self, server, NULL) != NULL;
}

const char *
da_accounts_get_label (DaAccounts *self,
                       const char *server)
{
  Account *account;

  g_return_val_if_fail (DA_IS_ACCOUNTS (self), NULL);

  account = find (self, server, NULL);
  return account != NULL ? account->label : NULL;
}

char *
da_accounts_dup_host (const char *server)
{
  g_autoptr(GUri) uri = NULL;
  const char *host = NULL;

  g_return_val_if_fail (server != NULL, NULL);

  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    host = g_uri_get_host (uri);

  if (host == NULL || *host == '\0')
    return g_strdup (server);

  /* Another port than the scheme's says which of two servers on one host this is. */
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", host, g_uri_get_port (uri));

  return g_strdup (host);
}

char *
da_accounts_dup_display_name (DaAccounts *self,
                              const char *server)
{
  const char *label;

  g_return_val_if_fail (DA_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  label = da_accounts_get_label (self, server);
  if (label != NULL)
    return g_strdup (label);

  return da_accounts_dup_host (server);
}

void
da_accounts_add (DaAccounts *self,
                 const char *server,
                 const char *label)
{
  Account *account;

  g_return_if_fail (DA_IS_ACCOUNTS (self));
  g_return_if_fail (server != NULL && *server != '\0');

  account = find (self, server, NULL);
  if (account == NULL)
    {
      append (self, server, label);
      save_and_notify (self);
    }
  else if (label != NULL)
    {
      da_accounts_set_label (self, server, label);
    }
}

void
da_accounts_set_label (DaAccounts *self,
                       const char *server,
                       const char *label)
{
  Account *account;
  g_autofree char *stripped = NULL;

  g_return_if_fail (DA_IS_ACCOUNTS (self));

  account = find (self, server, NULL);
  if (account == NULL)
    return;

  if (label != NULL)
    stripped = g_strstrip (g_strdup (label));
  if (stripped != NULL && *stripped == '\0')
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (account->label, stripped) == 0)
    return;

  g_free (account->label);
  account->label = g_steal_pointer (&stripped);
  save_and_notify (self);
}

void
da_accounts_remove (DaAccounts *self,
                    const char *server)
{
  guint index;

  g_return_if_fail (DA_IS_ACCOUNTS (self));

  if (find (self, server, &index) == NULL)
    return;

  g_array_remove_index (self->accounts, index);
  save_and_notify (self);
}

void
da_accounts_merge (DaAccounts         *self,
                   const char * const *servers)
{
  gboolean changed = FALSE;

  g_return_if_fail (DA_IS_ACCOUNTS (self));

  for (guint i = 0; servers != NULL && servers[i] != NULL; i++)
    {
      if (*servers[i] == '\0' || find (self, servers[i], NULL) != NULL)
        continue;

      append (self, servers[i], NULL);
      changed = TRUE;
    }

  if (changed)
    save_and_notify (self);
}

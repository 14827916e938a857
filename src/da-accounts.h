/* da-accounts.h: the enterprises the app signs in to
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * DaAccounts:
 *
 * The accounts a person looks after (a production enterprise and a staging proxy, say): each is
 * an API base URL (as da_client_get_base_url() gives it) with a label the person chose. The list
 * lives in the "accounts" setting, in the order the accounts were added; the keys live in the
 * keyring (#DaKeyStore), one item per server, never here. Without settings (tests), the list is
 * kept in memory.
 *
 * Signal "changed": the list or a label changed (here, or in the settings from elsewhere).
 * No GTK.
 */
#define DA_TYPE_ACCOUNTS (da_accounts_get_type ())
G_DECLARE_FINAL_TYPE (DaAccounts, da_accounts, DA, ACCOUNTS, GObject)

DaAccounts  *da_accounts_new               (GSettings          *settings);

/* The servers, in the order they were added. (transfer full), never NULL. */
GStrv        da_accounts_dup_servers       (DaAccounts         *self);
guint        da_accounts_get_n_accounts    (DaAccounts         *self);
gboolean     da_accounts_contains          (DaAccounts         *self,
                                            const char         *server);
/* The label the person gave @server; NULL when none (or not an account). */
const char  *da_accounts_get_label         (DaAccounts         *self,
                                            const char         *server);
/* What to call @server: its label, else its host (else the URL itself). (transfer full) */
char        *da_accounts_dup_display_name  (DaAccounts         *self,
                                            const char         *server);

/* Adds @server at the end unless it is there; sets its label when @label is not NULL (an empty
 * label clears it). */
void         da_accounts_add               (DaAccounts         *self,
                                            const char         *server,
                                            const char         *label);
/* Sets or clears (NULL or "") the label of an account; does nothing for an unknown server. */
void         da_accounts_set_label         (DaAccounts         *self,
                                            const char         *server,
                                            const char         *label);
/* Forgets @server (its key is the caller's to clear). */
void         da_accounts_remove            (DaAccounts         *self,
                                            const char         *server);
/* Adds, without labels, the servers of @servers that are not accounts yet: keys found in the
 * keyring that the list does not know (stored by an older version, or the list was reset). */
void         da_accounts_merge             (DaAccounts         *self,
                                            const char * const *servers);

/* The host of @server for labels and messages. (transfer full) */
char        *da_accounts_dup_host          (const char         *server);

G_END_DECLS

/* da-welcome-page.h: signing in with an Enterprise Admin API key
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "da-client.h"
#include "da-key-store.h"

G_BEGIN_DECLS

/**
 * DaWelcomePage:
 *
 * The key entry: an Enterprise Admin API key (a password entry) and, under an expander, the
 * server's address and an optional name for the account. Sign In checks the key with one cheap request before anything is stored:
 * a rejected key (401), a key whose owner is not an Enterprise Admin (403) and an unreachable
 * server (with Retry) are each explained, and the entry keeps what was typed. A valid key is
 * stored with the #DaKeyStore; when the keyring cannot be used the page explains why and offers
 * "Use for This Session Only" (and Retry).
 *
 * Signal "signed-in" (DaClient *client, gboolean stored): the client carries the checked key;
 * @stored is FALSE for a key kept for this session only. The entry is cleared then.
 *
 * Properties: "session" (SoupSession, construct-only), "key-store" (DaKeyStore, nullable,
 * construct-only: without one every key is for this session only), "server-url", "message"
 * (why the key is asked for, e.g. after a 401; nullable), "busy" (read-only).
 */
#define DA_TYPE_WELCOME_PAGE (da_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (DaWelcomePage, da_welcome_page, DA, WELCOME_PAGE, GtkWidget)

GtkWidget  *da_welcome_page_new            (SoupSession   *session,
                                            DaKeyStore    *key_store);

const char *da_welcome_page_get_server_url (DaWelcomePage *self);
void        da_welcome_page_set_server_url (DaWelcomePage *self,
                                            const char    *server_url);
/* An explanation shown above the form until the next attempt (nullable). */
void        da_welcome_page_set_message    (DaWelcomePage *self,
                                            const char    *message);
gboolean    da_welcome_page_get_busy       (DaWelcomePage *self);
/* Opens (or closes) the server's part of the form, where the address and the account's name
 * are typed. */
void        da_welcome_page_set_server_expanded (DaWelcomePage *self,
                                            gboolean       expanded);
/* The name typed for the account ("Production"), without leading spaces; "" when none. */
const char *da_welcome_page_get_account_label (DaWelcomePage *self);

/* The same as pressing Sign In. */
void        da_welcome_page_sign_in        (DaWelcomePage *self);

G_END_DECLS

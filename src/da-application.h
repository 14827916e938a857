/* da-application.h: the application and its sign-in states
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "da-accounts.h"
#include "da-context.h"
#include "da-key-store.h"
#include "da-notifier.h"

G_BEGIN_DECLS

/**
 * DaAppState:
 * @DA_APP_STATE_STARTING: looking the key up in the keyring (or starting the demo server)
 * @DA_APP_STATE_WELCOME: asking for a key
 * @DA_APP_STATE_SIGNED_IN: a #DaContext exists and the pages show its enterprise
 *
 * starting → (key found) signed-in, or (none, or no usable keyring) welcome;
 * welcome → (key checked, then stored or kept for this session) signed-in;
 * signed-in → (401 anywhere, or Sign Out) welcome. Demo mode goes from starting straight to
 * signed-in with the local server's throw-away key and never touches the keyring.
 *
 * Several accounts (#DaAccounts): switching to another account goes through starting (its key
 * is looked up) to signed-in with a new #DaContext, or to welcome when no key is stored for it.
 * Adding an account goes to welcome while the current account is kept: cancelling goes back to
 * it, and signing in shows the new one.
 */
typedef enum
{
  DA_APP_STATE_STARTING,
  DA_APP_STATE_WELCOME,
  DA_APP_STATE_SIGNED_IN,
} DaAppState;

#define DA_TYPE_APP_STATE (da_app_state_get_type ())
GType da_app_state_get_type (void);

#define DA_TYPE_APPLICATION (da_application_get_type ())
G_DECLARE_FINAL_TYPE (DaApplication, da_application, DA, APPLICATION, AdwApplication)

DaApplication *da_application_new                  (void);

/* Before the first activation (tests; the command line sets them otherwise). */
void           da_application_set_demo             (DaApplication  *self,
                                                    gboolean        demo);
void           da_application_set_server_url       (DaApplication  *self,
                                                    const char     *server_url);

gboolean       da_application_get_demo             (DaApplication  *self);
DaAppState     da_application_get_state            (DaApplication  *self);
/* The page the window opens on first (--page ID), or NULL. */
const char    *da_application_get_start_page       (DaApplication  *self);
/* (nullable): set while signed in */
DaContext     *da_application_get_context          (DaApplication  *self);
/* The server the app signs in to: --server, else the "server-url" setting, else the default. */
const char    *da_application_get_server_url       (DaApplication  *self);
SoupSession   *da_application_get_session          (DaApplication  *self);
/* (nullable): NULL in demo mode */
DaKeyStore    *da_application_get_key_store        (DaApplication  *self);
/* (nullable): NULL when the schema is not installed */
GSettings     *da_application_get_settings         (DaApplication  *self);
/* (nullable): why the key entry is shown (a rejected key, an unusable keyring) */
const char    *da_application_get_welcome_message  (DaApplication  *self);

/* From the key entry: @client carries a checked key; @stored says whether it is in the
 * keyring. */
void           da_application_signed_in            (DaApplication  *self,
                                                    DaClient       *client,
                                                    gboolean        stored);
/* Clears the stored key, forgets the loaded data and goes back to the key entry. A key that
 * could not be removed is reported in @error but the app signs out anyway. */
void           da_application_sign_out_async       (DaApplication       *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       da_application_sign_out_finish      (DaApplication       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* ---- Accounts ---------------------------------------------------------------------------- */

/* (nullable): NULL before startup */
DaAccounts    *da_application_get_accounts         (DaApplication  *self);
/* Shows the enterprise at @server (an API base URL): its stored key signs in, or the key entry
 * asks for one. Nothing happens in demo mode or when @server is already shown. The same as
 * activating "app.account" with @server. */
void           da_application_switch_account       (DaApplication  *self,
                                                    const char     *server);
/* The key entry for another account; the current one stays until the new one signs in. */
void           da_application_add_account          (DaApplication  *self);
/* Back to the account shown before da_application_add_account(). */
void           da_application_cancel_add_account   (DaApplication  *self);
/* TRUE while the key entry is for an added account (it can be cancelled). Property
 * "adding-account". */
gboolean       da_application_get_adding_account   (DaApplication  *self);
/* The address the key entry proposes: the current server, or the default one when adding an
 * account. */
const char    *da_application_get_welcome_server_url (DaApplication *self);
/* Removes the key of @server from the keyring and the account from the list; when it is the one
 * shown, the app goes back to the key entry. A key that could not be removed is reported in
 * @error, but the account is removed anyway. */
void           da_application_remove_account_async (DaApplication       *self,
                                                    const char          *server,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       da_application_remove_account_finish (DaApplication      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* ---- Notifications and the background ---------------------------------------------------- */

/* (nullable): NULL before startup. It watches the signed-in enterprise (not in demo mode). */
DaNotifier    *da_application_get_notifier         (DaApplication  *self);
/* TRUE while the app holds itself to keep checking with no window ("run-in-background" on,
 * notifications on, signed in, not a demo). */
gboolean       da_application_get_in_background_hold (DaApplication *self);

/* The versions of the app and of GTK, libadwaita and libsoup at run time, one a line. */
char          *da_application_dup_version_info     (void);

/* For tests: the busy spinner's icon, drawn at start-up in a worker thread (NULL before
 * startup). GTK's icon theme answers the spinner's own lookup with this very icon. */
GtkIconPaintable *_da_application_get_spinner_icon (DaApplication  *self);

/* For tests: whether start-up began loading TLS in a worker thread (an https:// server, not the
 * demo), and whether that thread has loaded the system's trusted certificates. */
void           _da_application_get_tls_prepared    (DaApplication  *self,
                                                    gboolean       *started,
                                                    gboolean       *loaded);

G_END_DECLS

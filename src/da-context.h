/* da-context.h: one signed-in enterprise, handed to the window and every page
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "da-client.h"

G_BEGIN_DECLS

/**
 * DaContext:
 *
 * What every page needs to talk to one enterprise: the #DaClient (with its key), the app's
 * #GSettings (%NULL in tests), a label for the account, and whether this is the demo. It also
 * keeps two small caches that many pages share: the roles (`GET /roles`) and the organizations
 * (`GET /organizations`, a #GListModel that stays the same object across refreshes).
 *
 * No GTK, no globals: a test builds a page with a context pointing at a local server.
 *
 * Properties: "client", "settings", "demo" (construct-only), "account-label", "server"
 * (read-only, the client's base URL), "organizations" (read-only), "organizations-loaded",
 * "roles-loaded" (read-only, notified on change).
 */
#define DA_TYPE_CONTEXT (da_context_get_type ())
G_DECLARE_FINAL_TYPE (DaContext, da_context, DA, CONTEXT, GObject)

DaContext    *da_context_new                        (DaClient             *client,
                                                     GSettings            *settings,
                                                     gboolean              demo);

DaClient     *da_context_get_client                 (DaContext            *self);
/* nullable: tests build contexts without settings */
GSettings    *da_context_get_settings               (DaContext            *self);
gboolean      da_context_get_demo                   (DaContext            *self);
/* the API base URL */
const char   *da_context_get_server                 (DaContext            *self);
/* What the window's subtitle calls this account: the server's host unless set. */
const char   *da_context_get_account_label          (DaContext            *self);
void          da_context_set_account_label          (DaContext            *self,
                                                     const char           *label);

/* ---- Roles ------------------------------------------------------------------------------ */

/* Loads the roles once and keeps them; later calls (and calls made while the first is under
 * way) complete from the same answer. A failed load is not kept: the next call tries again.
 * Finish: (transfer container) a GPtrArray of DaRole. */
void          da_context_load_roles_async           (DaContext            *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray    *da_context_load_roles_finish          (DaContext            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* (transfer none) (nullable): the roles once loaded */
GPtrArray    *da_context_get_roles                  (DaContext            *self);
gboolean      da_context_get_roles_loaded           (DaContext            *self);
/* The display name of a role ("Admin", a custom role's name); NULL when the roles are not
 * loaded yet or the ID is unknown: callers then show the ID itself. */
const char   *da_context_lookup_role_name           (DaContext            *self,
                                                     const char           *role_id);

/* ---- Organizations ---------------------------------------------------------------------- */

/* A GListModel of DaOrganization in the server's order. The same object for the life of the
 * context: a refresh replaces its items in one change. */
GListModel   *da_context_get_organizations          (DaContext            *self);
gboolean      da_context_get_organizations_loaded   (DaContext            *self);
/* Loads every organization through a DaPager when not loaded yet, or again when @refresh is
 * TRUE; calls made while a load is under way wait for it. On failure the model keeps what it
 * had. */
void          da_context_load_organizations_async   (DaContext            *self,
                                                     gboolean              refresh,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean      da_context_load_organizations_finish  (DaContext            *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* (transfer none) (nullable) */
DaOrganization *da_context_lookup_organization      (DaContext            *self,
                                                     const char           *org_id);
/* The organization's name, NULL when unknown or not loaded. */
const char   *da_context_lookup_org_name            (DaContext            *self,
                                                     const char           *org_id);

/* Forgets the cached roles and organizations (after a change elsewhere, or on sign-out) and
 * cancels loads under way. */
void          da_context_forget                     (DaContext            *self);

G_END_DECLS

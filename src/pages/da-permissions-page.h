/* da-permissions-page.h: which repositories an organization may use
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaPermissionsPage:
 *
 * The git permissions of one organization, picked from the context's organizations (the page
 * remembers its pick across refreshes): repository paths and group prefixes with their host and
 * the git connection for that host. A text filter (Ctrl+F); Grant (Ctrl+N) opens a
 * #DaGrantDialog; Revoke (Delete) revokes the selected permissions, one or several, after a
 * confirmation. Loads when first shown and on refresh.
 *
 * Widget names for tests: "organization-dropdown", "search-entry", "revoke-button",
 * "grant-button", "permissions-view", "count-label".
 */
#define DA_TYPE_PERMISSIONS_PAGE (da_permissions_page_get_type ())
G_DECLARE_FINAL_TYPE (DaPermissionsPage, da_permissions_page, DA, PERMISSIONS_PAGE, GtkWidget)

GtkWidget  *da_permissions_page_new            (DaContext         *context);

/* The ID of the organization shown, NULL before the organizations are loaded. */
const char *da_permissions_page_get_org_id     (DaPermissionsPage *self);
/* Shows @org_id's permissions (as picking it in the page's list does); FALSE when it is not
 * among the loaded organizations. */
gboolean    da_permissions_page_select_org     (DaPermissionsPage *self,
                                                const char        *org_id);

G_END_DECLS

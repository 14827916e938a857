/* da-organizations-page.h: the enterprise's organizations
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaOrganizationsPage:
 *
 * Every organization of the enterprise (the context's shared list): name, members and admins,
 * the per-cycle ACU limit, and the ACUs used in the current billing cycle as a level bar against
 * the limit. Create (Ctrl+N), rename or change the limit (F2), delete (Delete, typing the name
 * to confirm), and open an organization's members and IdP groups (Enter). Filter by name
 * (Ctrl+F); export the list as CSV (Ctrl+E).
 *
 * The page's actions are "orgs.new", "orgs.details", "orgs.edit" and "orgs.delete"; the last
 * three act on the selected organization.
 */
#define DA_TYPE_ORGANIZATIONS_PAGE (da_organizations_page_get_type ())
G_DECLARE_FINAL_TYPE (DaOrganizationsPage, da_organizations_page, DA, ORGANIZATIONS_PAGE,
                      GtkWidget)

GtkWidget      *da_organizations_page_new           (DaContext            *context);

/* (transfer none) (nullable): the selected organization */
DaOrganization *da_organizations_page_get_selected  (DaOrganizationsPage  *self);
/* Selects the organization with @org_id if it is listed (the filter may hide it); returns
 * whether it did. */
gboolean        da_organizations_page_select        (DaOrganizationsPage  *self,
                                                     const char           *org_id);

G_END_DECLS

/* da-organization-window.h: an organization's members and IdP groups
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "da-context.h"

G_BEGIN_DECLS

/**
 * DaOrganizationWindow:
 *
 * A window about one organization, in two views:
 *
 * - Members: the organization's members with their organization roles, filtered by text. Add
 *   existing enterprise members with a role (a searchable picker, #DaOrganizationMemberPicker),
 *   change the role of the selected members, remove them (after confirmation).
 * - IdP Groups: the groups linked to the organization and their roles; link another of the
 *   enterprise's groups with a role, unlink one (after confirmation). When the enterprise does
 *   not use IdP groups (`GET /groups` says they are not enabled, or lists none) an empty state
 *   says so.
 *
 * Every change is checked afterwards by reloading the list from the server.
 *
 * Signals:
 *   "changed" (): members or groups changed (the organization's counts are stale).
 *   "organization-gone" (): the organization no longer exists (404); the window closes.
 *
 * Widget names: "members-view", "members-search", "add-members-button", "change-role-button",
 * "remove-members-button", "groups-list", "link-group-row", "link-role-row",
 * "link-group-button", "members-error", "groups-error".
 */
#define DA_TYPE_ORGANIZATION_WINDOW (da_organization_window_get_type ())
G_DECLARE_FINAL_TYPE (DaOrganizationWindow, da_organization_window, DA, ORGANIZATION_WINDOW,
                      AdwWindow)

GtkWidget      *da_organization_window_new              (DaContext            *context,
                                                         DaOrganization       *organization);
DaOrganization *da_organization_window_get_organization (DaOrganizationWindow *self);

/* Whether a load or a change is under way. */
gboolean        da_organization_window_get_busy         (DaOrganizationWindow *self);
/* Shows "members" or "groups". */
void            da_organization_window_show_view        (DaOrganizationWindow *self,
                                                         const char           *name);

G_END_DECLS

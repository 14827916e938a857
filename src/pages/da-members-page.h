/* da-members-page.h: finding, inviting, changing and removing the enterprise's members
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaMembersPage:
 *
 * Every member of the enterprise in a GtkColumnView (name with initials, email, enterprise role,
 * last login, logins, sessions), filled page by page as `GET /members` answers and usable while
 * it loads. Search by name or email as you type over the loaded members, a role filter, and a
 * look-up of an exact address on the server (`GET /members?email=`). Columns sort; the last login
 * puts "Never" last in either direction.
 *
 * Selecting one member shows their details (#DaMemberDetails) beside the list, or in place of
 * the list on a narrow window; selecting several offers changing their role, adding them to
 * organizations and removing them. Invite (#DaInviteDialog) and Export (the visible rows, as
 * RFC 4180 CSV) are the page's "new" and "export" actions. Loads when first shown.
 *
 * Widget names: "members-search", "role-filter", "invite-members-button", "export-button",
 * "members-count", "members-list", "members-message", "lookup-button", "invite-address-button",
 * "selection-label", "role-selected-button", "orgs-selected-button", "remove-selected-button",
 * "details-button", "details-back-button".
 */
#define DA_TYPE_MEMBERS_PAGE (da_members_page_get_type ())
G_DECLARE_FINAL_TYPE (DaMembersPage, da_members_page, DA, MEMBERS_PAGE, GtkWidget)

GtkWidget  *da_members_page_new                 (DaContext     *context);

/* What the list shows: DaMember items, filtered and sorted as on screen. */
GListModel *da_members_page_get_visible_model   (DaMembersPage *self);
/* The selection model of the list (a GtkMultiSelection over the visible model). */
GtkSelectionModel *da_members_page_get_selection (DaMembersPage *self);
/* Every member loaded (in the server's order). */
GListModel *da_members_page_get_loaded_model    (DaMembersPage *self);

G_END_DECLS

/* da-organization-member-picker.h: choosing enterprise members to add to an organization
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "da-context.h"

G_BEGIN_DECLS

/**
 * DaOrganizationMemberPicker:
 *
 * A modal window listing the enterprise's members (`GET /members`, filled page by page), with a
 * search over names and addresses and a check box on each; members already in the organization
 * are marked and cannot be picked. An organization role (from `GET /roles`, the "org" ones;
 * Member by default) applies to everyone picked. Add sends them in one
 * `POST /organizations/{id}/members`; the button is insensitive while it is under way and the
 * window, with what was picked, stays open on failure, saying why in the server's words.
 *
 * Signals:
 *   "added" (guint n_members): the server accepted; the window closes.
 *   "not-found" (): the server answered 404 (the organization, or a member, is gone); the
 *     window stays open with the server's words, and the caller checks which it was.
 *
 * Widget names: "picker-search", "picker-list", "picker-role-row", "picker-add-button",
 * "picker-error"; each row's check button is named "picker-check".
 */
#define DA_TYPE_ORGANIZATION_MEMBER_PICKER (da_organization_member_picker_get_type ())
G_DECLARE_FINAL_TYPE (DaOrganizationMemberPicker, da_organization_member_picker,
                      DA, ORGANIZATION_MEMBER_PICKER, AdwWindow)

/* @existing_user_ids: (nullable): the organization's members, shown as such */
GtkWidget  *da_organization_member_picker_new          (DaContext                  *context,
                                                        DaOrganization             *organization,
                                                        const char * const         *existing_user_ids);
/* The enterprise's members as loaded (DaMember), in the server's order. */
GListModel *da_organization_member_picker_get_members  (DaOrganizationMemberPicker *self);
/* Whether the members are still loading or an addition is under way. */
gboolean    da_organization_member_picker_get_busy     (DaOrganizationMemberPicker *self);
/* The user IDs picked so far, sorted. (transfer full) */
GStrv       da_organization_member_picker_dup_picked   (DaOrganizationMemberPicker *self);

G_END_DECLS

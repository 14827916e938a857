/* da-member-details.h: one member, their organizations and what can be done to them
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "da-context.h"

G_BEGIN_DECLS

/**
 * DaMemberDetails:
 *
 * Every profile field of a member, their enterprise role as a combo row, and their organizations
 * with the organization role (`GET /members/{id}/organizations`). Adding the member to
 * organizations and removing them from one happen here; the enterprise role and removal from the
 * enterprise concern the list as well, so they are asked of the page with the signals
 * "change-role" (const char *role_id) and "remove". The page answers a role change with
 * da_member_details_set_member() (the new member, or the same one to put the role back).
 *
 * Widget names: "role-row", "add-org-button", "remove-member-button", "member-orgs-list" (its
 * rows' remove buttons are named "remove-org-<org id>"), "details-message".
 */
#define DA_TYPE_MEMBER_DETAILS (da_member_details_get_type ())
G_DECLARE_FINAL_TYPE (DaMemberDetails, da_member_details, DA, MEMBER_DETAILS, GtkWidget)

GtkWidget  *da_member_details_new                    (DaContext       *context);
/* (nullable) */
DaMember   *da_member_details_get_member             (DaMemberDetails *self);
/* Shows @member; its organizations load again when it is another person. */
void        da_member_details_set_member             (DaMemberDetails *self,
                                                      DaMember        *member);
/* A role change is on its way: the role cannot be changed again until it is done. */
void        da_member_details_set_role_busy          (DaMemberDetails *self,
                                                      gboolean         busy);
/* A message about an action that failed, shown above the fields; NULL hides it. */
void        da_member_details_show_message           (DaMemberDetails *self,
                                                      const char      *message);
const char *da_member_details_get_message            (DaMemberDetails *self);
void        da_member_details_reload_organizations   (DaMemberDetails *self);
/* The member's organizations as loaded: a GListModel of DaOrgMembership. (nullable) */
GListModel *da_member_details_get_organizations      (DaMemberDetails *self);
gboolean    da_member_details_get_organizations_loading (DaMemberDetails *self);

G_END_DECLS

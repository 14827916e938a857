/* da-org-membership.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* A user in an organization (UserOrgResponse), from GET /members/{id}/organizations
 * and GET /organizations/{id}/members. Older shape: "id"/"name" for "org_id"/"org_name" is not
 * possible here (name is the user's), so only the documented keys are read. */
#define DA_TYPE_ORG_MEMBERSHIP (da_org_membership_get_type ())
G_DECLARE_FINAL_TYPE (DaOrgMembership, da_org_membership, DA, ORG_MEMBERSHIP, GObject)

DaOrgMembership *da_org_membership_new_from_json        (JsonObject       *object,
                                                         GError          **error);
const char      *da_org_membership_get_user_id          (DaOrgMembership  *self);
const char      *da_org_membership_get_email            (DaOrgMembership  *self);
const char      *da_org_membership_get_name             (DaOrgMembership  *self);
const char      *da_org_membership_get_org_id           (DaOrgMembership  *self);
const char      *da_org_membership_get_org_name         (DaOrgMembership  *self);
const char      *da_org_membership_get_org_role         (DaOrgMembership  *self);
/* nullable */
const char      *da_org_membership_get_org_role_name    (DaOrgMembership  *self);
/* nullable */
const char      *da_org_membership_get_enterprise_role  (DaOrgMembership  *self);

G_END_DECLS

/* da-organization.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* An organization (OrganizationResponse). Older shape: "id"/"name" for "org_id"/"org_name". */
#define DA_TYPE_ORGANIZATION (da_organization_get_type ())
G_DECLARE_FINAL_TYPE (DaOrganization, da_organization, DA, ORGANIZATION, GObject)

DaOrganization *da_organization_new_from_json             (JsonObject      *object,
                                                           GError         **error);
const char     *da_organization_get_org_id                (DaOrganization  *self);
const char     *da_organization_get_org_name              (DaOrganization  *self);
/* DA_TIME_UNSET when null */
gint64          da_organization_get_created_at            (DaOrganization  *self);
/* DA_UNSET when there is no limit */
gint64          da_organization_get_max_cycle_acu_limit   (DaOrganization  *self);
gint64          da_organization_get_max_session_acu_limit (DaOrganization  *self);
gint64          da_organization_get_org_admin_count       (DaOrganization  *self);
gint64          da_organization_get_org_member_count      (DaOrganization  *self);
gint64          da_organization_get_org_user_count        (DaOrganization  *self);

G_END_DECLS

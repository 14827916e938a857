/* da-org-group.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* An IdP group linked to an organization (OrganizationGroupResponse). */
#define DA_TYPE_ORG_GROUP (da_org_group_get_type ())
G_DECLARE_FINAL_TYPE (DaOrgGroup, da_org_group, DA, ORG_GROUP, GObject)

DaOrgGroup  *da_org_group_new_from_json (JsonObject  *object,
                                         GError     **error);
const char  *da_org_group_get_group_name (DaOrgGroup *self);
const char  *da_org_group_get_org_id     (DaOrgGroup *self);
const char  *da_org_group_get_role       (DaOrgGroup *self);

G_END_DECLS

/* da-idp-group.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* An enterprise IdP group (EnterpriseGroupResponse). */
#define DA_TYPE_IDP_GROUP (da_idp_group_get_type ())
G_DECLARE_FINAL_TYPE (DaIdpGroup, da_idp_group, DA, IDP_GROUP, GObject)

DaIdpGroup  *da_idp_group_new_from_json      (JsonObject  *object,
                                              GError     **error);
const char  *da_idp_group_get_group_name     (DaIdpGroup  *self);
gint64       da_idp_group_get_org_count      (DaIdpGroup  *self);
/* org_id → role; NULL when the group has no organization. Sorted by org_id. */
const char * const *da_idp_group_get_org_ids (DaIdpGroup  *self);
const char  *da_idp_group_get_role_for_org   (DaIdpGroup  *self,
                                              const char  *org_id);

G_END_DECLS

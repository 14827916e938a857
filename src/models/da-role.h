/* da-role.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* A role (RoleResponse). role_type is "account" (enterprise) or "org". */
#define DA_TYPE_ROLE (da_role_get_type ())
G_DECLARE_FINAL_TYPE (DaRole, da_role, DA, ROLE, GObject)

DaRole      *da_role_new_from_json      (JsonObject  *object,
                                         GError     **error);
const char  *da_role_get_role_id        (DaRole      *self);
const char  *da_role_get_role_name      (DaRole      *self);
const char  *da_role_get_role_type      (DaRole      *self);
gboolean     da_role_is_enterprise_role (DaRole      *self);
gboolean     da_role_is_org_role        (DaRole      *self);

G_END_DECLS

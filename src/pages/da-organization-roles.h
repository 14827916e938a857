/* da-organization-roles.h: the roles a member can have in an organization
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "da-context.h"

G_BEGIN_DECLS

/* The organization roles ("org" role_type) of the enterprise, in the server's order, with their
 * display names as a GtkStringList for combo rows and menus. */
typedef struct _DaOrgRoles DaOrgRoles;

/* @roles: (nullable): the enterprise's roles (DaRole), as from da_context_load_roles_finish();
 * NULL or no organization role in it: the documented ones (org_member, org_admin). */
DaOrgRoles  *da_org_roles_new        (GPtrArray   *roles);
void         da_org_roles_free       (DaOrgRoles  *self);
guint        da_org_roles_get_n      (DaOrgRoles  *self);
/* (nullable): NULL when @position is out of range */
const char  *da_org_roles_get_id     (DaOrgRoles  *self,
                                      guint        position);
const char  *da_org_roles_get_name   (DaOrgRoles  *self,
                                      guint        position);
/* The position of @role_id; 0 when it is not there. */
guint        da_org_roles_find       (DaOrgRoles  *self,
                                      const char  *role_id);
/* (transfer none): a GtkStringList of the names */
GListModel  *da_org_roles_get_names  (DaOrgRoles  *self);

/* How a role reads: the context's name for it, else @fallback_name, else the documented names of
 * "org_admin"/"admin" and "org_member"/"member", else the ID itself. (transfer full) */
char        *da_org_role_display_name (DaContext  *context,
                                       const char *role_id,
                                       const char *fallback_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaOrgRoles, da_org_roles_free)

G_END_DECLS

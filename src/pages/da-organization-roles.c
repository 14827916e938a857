/* da-organization-roles.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-organization-roles.h"

struct _DaOrgRoles
{
  GPtrArray     *ids;
  GtkStringList *names;
};

static const char *
documented_name (const char *role_id)
{
  if (g_strcmp0 (role_id, "org_admin") == 0 || g_strcmp0 (role_id, "admin") == 0)
    return C_("organization role", "Admin");
  if (g_strcmp0 (role_id, "org_member") == 0 || g_strcmp0 (role_id, "member") == 0)
    return C_("organization role", "Member");
  return NULL;
}

DaOrgRoles *
da_org_roles_new (GPtrArray *roles)
{
  DaOrgRoles *self = g_new0 (DaOrgRoles, 1);

  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->names = gtk_string_list_new (NULL);

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      DaRole *role = g_ptr_array_index (roles, i);
      const char *name = da_role_get_role_name (role);

      if (!da_role_is_org_role (role))
        continue;

      g_ptr_array_add (self->ids, g_strdup (da_role_get_role_id (role)));
      gtk_string_list_append (self->names,
                              name != NULL && *name != '\0' ? name : da_role_get_role_id (role));
    }

  if (self->ids->len == 0)
    {
      g_ptr_array_add (self->ids, g_strdup ("org_member"));
      gtk_string_list_append (self->names, documented_name ("org_member"));
      g_ptr_array_add (self->ids, g_strdup ("org_admin"));
      gtk_string_list_append (self->names, documented_name ("org_admin"));
    }

  return self;
}

void
da_org_roles_free (DaOrgRoles *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->ids);
  g_object_unref (self->names);
  g_free (self);
}

guint
da_org_roles_get_n (DaOrgRoles *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ids->len;
}

const char *
da_org_roles_get_id (DaOrgRoles *self,
                     guint       position)
{
  g_return_val_if_fail (self != NULL, NULL);

  return position < self->ids->len ? g_ptr_array_index (self->ids, position) : NULL;
}

const char *
da_org_roles_get_name (DaOrgRoles *self,
                       guint       position)
{
  g_return_val_if_fail (self != NULL, NULL);

  return position < self->ids->len ? gtk_string_list_get_string (self->names, position) : NULL;
}

guint
da_org_roles_find (DaOrgRoles *self,
                   const char *role_id)
{
  guint position = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (role_id != NULL && g_ptr_array_find_with_equal_func (self->ids, role_id, g_str_equal,
                                                           &position))
    return position;
  return 0;
}

GListModel *
da_org_roles_get_names (DaOrgRoles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return G_LIST_MODEL (self->names);
}

char *
da_org_role_display_name (DaContext  *context,
                          const char *role_id,
                          const char *fallback_name)
{
  const char *name = NULL;

  if (role_id == NULL)
    return g_strdup (fallback_name != NULL ? fallback_name : "—");

  if (context != NULL)
    name = da_context_lookup_role_name (context, role_id);
  if (name == NULL || *name == '\0')
    name = fallback_name;
  if (name == NULL || *name == '\0')
    name = documented_name (role_id);
  if (name == NULL || *name == '\0')
    name = role_id;

  return g_strdup (name);
}

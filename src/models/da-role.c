/* da-role.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-role.h"
#include "da-json-private.h"

#define WHAT N_("role")

struct _DaRole
{
  GObject     parent_instance;

  gpointer    strings;
  /* Interned when short */
  const char *role_id;
  const char *role_name;
  const char *role_type;
};

G_DEFINE_FINAL_TYPE (DaRole, da_role, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLE_ID,
  PROP_ROLE_NAME,
  PROP_ROLE_TYPE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_role_finalize (GObject *object)
{
  DaRole *self = (DaRole *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_role_parent_class)->finalize (object);
}

static void
da_role_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DaRole *self = DA_ROLE (object);

  switch (prop_id)
    {
    case PROP_ROLE_ID:
      g_value_set_string (value, self->role_id);
      break;
    case PROP_ROLE_NAME:
      g_value_set_string (value, self->role_name);
      break;
    case PROP_ROLE_TYPE:
      g_value_set_string (value, self->role_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_role_class_init (DaRoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_role_finalize;
  object_class->get_property = da_role_get_property;

  properties [PROP_ROLE_ID] = g_param_spec_string ("role-id", NULL, NULL, NULL, flags);
  properties [PROP_ROLE_NAME] = g_param_spec_string ("role-name", NULL, NULL, NULL, flags);
  properties [PROP_ROLE_TYPE] = g_param_spec_string ("role-type", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_role_init (DaRole *self)
{
}

/**
 * da_role_new_from_json:
 * @object: (nullable): a RoleResponse
 *
 * Returns: (transfer full): the role, or %NULL with a %DA_MODEL_ERROR
 */
DaRole *
da_role_new_from_json (JsonObject  *object,
                       GError     **error)
{
  const char *role_id = NULL;
  const char *role_name = NULL;
  const char *role_type = NULL;
  DaStringPack pack;
  DaRole *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "role_id", NULL, DA_FIELD_ID, &role_id, error) ||
      !da_json_read_string (object, WHAT, "role_name", NULL, DA_FIELD_REQUIRED,
                            &role_name, error) ||
      !da_json_read_string (object, WHAT, "role_type", NULL, DA_FIELD_REQUIRED, &role_type, error))
    return NULL;

  self = g_object_new (DA_TYPE_ROLE, NULL);

  da_string_pack_init (&pack);
  da_string_pack_add_interned (&pack, &self->role_id, role_id);
  da_string_pack_add_interned (&pack, &self->role_name, role_name);
  da_string_pack_add_interned (&pack, &self->role_type, role_type);
  self->strings = da_string_pack_finish (&pack);

  return self;
}

const char *
da_role_get_role_id (DaRole *self)
{
  g_return_val_if_fail (DA_IS_ROLE (self), NULL);

  return self->role_id;
}

const char *
da_role_get_role_name (DaRole *self)
{
  g_return_val_if_fail (DA_IS_ROLE (self), NULL);

  return self->role_name;
}

const char *
da_role_get_role_type (DaRole *self)
{
  g_return_val_if_fail (DA_IS_ROLE (self), NULL);

  return self->role_type;
}

/* An enterprise-level role ("account"), which members hold enterprise-wide */
gboolean
da_role_is_enterprise_role (DaRole *self)
{
  g_return_val_if_fail (DA_IS_ROLE (self), FALSE);

  return g_strcmp0 (self->role_type, "account") == 0;
}

/* An organization-level role ("org") */
gboolean
da_role_is_org_role (DaRole *self)
{
  g_return_val_if_fail (DA_IS_ROLE (self), FALSE);

  return g_strcmp0 (self->role_type, "org") == 0;
}

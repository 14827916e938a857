/* da-org-group.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-org-group.h"
#include "da-json-private.h"

#define WHAT N_("organization group")

struct _DaOrgGroup
{
  GObject     parent_instance;

  gpointer    strings;
  /* In the one block */
  const char *group_name;
  /* Interned when short */
  const char *org_id;
  const char *role;
};

G_DEFINE_FINAL_TYPE (DaOrgGroup, da_org_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GROUP_NAME,
  PROP_ORG_ID,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_org_group_finalize (GObject *object)
{
  DaOrgGroup *self = (DaOrgGroup *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_org_group_parent_class)->finalize (object);
}

static void
da_org_group_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DaOrgGroup *self = DA_ORG_GROUP (object);

  switch (prop_id)
    {
    case PROP_GROUP_NAME:
      g_value_set_string (value, self->group_name);
      break;
    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_org_group_class_init (DaOrgGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_org_group_finalize;
  object_class->get_property = da_org_group_get_property;

  properties [PROP_GROUP_NAME] = g_param_spec_string ("group-name", NULL, NULL, NULL, flags);
  properties [PROP_ORG_ID] = g_param_spec_string ("org-id", NULL, NULL, NULL, flags);
  properties [PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_org_group_init (DaOrgGroup *self)
{
}

/**
 * da_org_group_new_from_json:
 * @object: (nullable): an OrganizationGroupResponse
 *
 * Returns: (transfer full): the organization group, or %NULL with a %DA_MODEL_ERROR
 */
DaOrgGroup *
da_org_group_new_from_json (JsonObject  *object,
                            GError     **error)
{
  const char *group_name = NULL;
  const char *org_id = NULL;
  const char *role = NULL;
  DaStringPack pack;
  DaOrgGroup *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "group_name", NULL, DA_FIELD_ID, &group_name, error) ||
      !da_json_read_string (object, WHAT, "org_id", NULL, DA_FIELD_ID, &org_id, error) ||
      !da_json_read_string (object, WHAT, "role", NULL, DA_FIELD_REQUIRED, &role, error))
    return NULL;

  self = g_object_new (DA_TYPE_ORG_GROUP, NULL);

  da_string_pack_init (&pack);
  da_string_pack_add (&pack, &self->group_name, group_name);
  da_string_pack_add_interned (&pack, &self->org_id, org_id);
  da_string_pack_add_interned (&pack, &self->role, role);
  self->strings = da_string_pack_finish (&pack);

  return self;
}

const char *
da_org_group_get_group_name (DaOrgGroup *self)
{
  g_return_val_if_fail (DA_IS_ORG_GROUP (self), NULL);

  return self->group_name;
}

const char *
da_org_group_get_org_id (DaOrgGroup *self)
{
  g_return_val_if_fail (DA_IS_ORG_GROUP (self), NULL);

  return self->org_id;
}

const char *
da_org_group_get_role (DaOrgGroup *self)
{
  g_return_val_if_fail (DA_IS_ORG_GROUP (self), NULL);

  return self->role;
}

/* da-org-membership.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-org-membership.h"
#include "da-json-private.h"

#define WHAT N_("organization membership")

struct _DaOrgMembership
{
  GObject     parent_instance;

  gpointer    strings;
  /* In the one block */
  const char *user_id;
  const char *email;
  const char *name;
  /* Interned when short */
  const char *org_id;
  const char *org_name;
  const char *org_role;
  const char *org_role_name;
  const char *enterprise_role;
};

G_DEFINE_FINAL_TYPE (DaOrgMembership, da_org_membership, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_ORG_ID,
  PROP_ORG_NAME,
  PROP_ORG_ROLE,
  PROP_ORG_ROLE_NAME,
  PROP_ENTERPRISE_ROLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_org_membership_finalize (GObject *object)
{
  DaOrgMembership *self = (DaOrgMembership *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_org_membership_parent_class)->finalize (object);
}

static void
da_org_membership_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DaOrgMembership *self = DA_ORG_MEMBERSHIP (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;
    case PROP_ORG_NAME:
      g_value_set_string (value, self->org_name);
      break;
    case PROP_ORG_ROLE:
      g_value_set_string (value, self->org_role);
      break;
    case PROP_ORG_ROLE_NAME:
      g_value_set_string (value, self->org_role_name);
      break;
    case PROP_ENTERPRISE_ROLE:
      g_value_set_string (value, self->enterprise_role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_org_membership_class_init (DaOrgMembershipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_org_membership_finalize;
  object_class->get_property = da_org_membership_get_property;

  properties [PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties [PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_ORG_ID] = g_param_spec_string ("org-id", NULL, NULL, NULL, flags);
  properties [PROP_ORG_NAME] = g_param_spec_string ("org-name", NULL, NULL, NULL, flags);
  properties [PROP_ORG_ROLE] = g_param_spec_string ("org-role", NULL, NULL, NULL, flags);
  properties [PROP_ORG_ROLE_NAME] = g_param_spec_string ("org-role-name", NULL, NULL, NULL, flags);
  properties [PROP_ENTERPRISE_ROLE] =
    g_param_spec_string ("enterprise-role", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_org_membership_init (DaOrgMembership *self)
{
}

/**
 * da_org_membership_new_from_json:
 * @object: (nullable): a UserOrgResponse
 *
 * Returns: (transfer full): the organization membership, or %NULL with a %DA_MODEL_ERROR
 */
DaOrgMembership *
da_org_membership_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  const char *user_id = NULL;
  const char *email = NULL;
  const char *name = NULL;
  const char *org_id = NULL;
  const char *org_name = NULL;
  const char *org_role = NULL;
  const char *org_role_name = NULL;
  const char *enterprise_role = NULL;
  DaStringPack pack;
  DaOrgMembership *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "user_id", NULL, DA_FIELD_ID, &user_id, error) ||
      !da_json_read_string (object, WHAT, "email", NULL, DA_FIELD_REQUIRED, &email, error) ||
      !da_json_read_string (object, WHAT, "name", NULL, DA_FIELD_REQUIRED, &name, error) ||
      !da_json_read_string (object, WHAT, "org_id", NULL, DA_FIELD_ID, &org_id, error) ||
      !da_json_read_string (object, WHAT, "org_name", NULL, DA_FIELD_REQUIRED, &org_name, error) ||
      !da_json_read_string (object, WHAT, "org_role", NULL, DA_FIELD_REQUIRED, &org_role, error) ||
      !da_json_read_string (object, WHAT, "org_role_name", NULL, 0, &org_role_name, error) ||
      !da_json_read_string (object, WHAT, "enterprise_role", NULL, 0, &enterprise_role, error))
    return NULL;

  self = g_object_new (DA_TYPE_ORG_MEMBERSHIP, NULL);

  da_string_pack_init (&pack);
  da_string_pack_add (&pack, &self->user_id, user_id);
  da_string_pack_add (&pack, &self->email, email);
  da_string_pack_add (&pack, &self->name, name);
  da_string_pack_add_interned (&pack, &self->org_id, org_id);
  da_string_pack_add_interned (&pack, &self->org_name, org_name);
  da_string_pack_add_interned (&pack, &self->org_role, org_role);
  da_string_pack_add_interned (&pack, &self->org_role_name, org_role_name);
  da_string_pack_add_interned (&pack, &self->enterprise_role, enterprise_role);
  self->strings = da_string_pack_finish (&pack);

  return self;
}

const char *
da_org_membership_get_user_id (DaOrgMembership *self)
{
  g_return_val_if_fail (DA_IS_ORG_MEMBERSHIP (self), NULL);

  return self->user_id;
}

const char *
da_org_membership_get_email (DaOrgMembership *self)
{
  g_return_val_if_fail (DA_IS_ORG_MEMBERSHIP (self), NULL);

  return self->email;
}

const char *
da_org_membership_get_name (DaOrgMembership *self)
{
  g_return_val_if_fail (DA_IS_ORG_MEMBERSHIP (self), NULL);

  return self->name;
}

const char *
da_org_membership_get_org_id (DaOrgMembership *self)
{
  g_return_val_if_fail (DA_IS_ORG_MEMBERSHIP (self), NULL);

  return self->org_id;
}

const char *
da_org_membership_get_org_name (DaOrgMembership *self)
{
  g_return_val_if_fail (DA_IS_ORG_MEMBERSHIP (self), NULL);

  return self->org_name;
}

const char *
da_org_membership_get_org_role (DaOrgMembership *self)
{
  g_return_val_if_fail (DA_IS_ORG_MEMBERSHIP (self), NULL);

  return self->org_role;
}

const char *
da_org_membership_get_org_role_name (DaOrgMembership *self)
{
  g_return_val_if_fail (DA_IS_ORG_MEMBERSHIP (self), NULL);

  return self->org_role_name;
}

const char *
da_org_membership_get_enterprise_role (DaOrgMembership *self)
{
  g_return_val_if_fail (DA_IS_ORG_MEMBERSHIP (self), NULL);

  return self->enterprise_role;
}

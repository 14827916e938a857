/* da-organization.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-organization.h"
#include "da-json-private.h"

#define WHAT N_("organization")

struct _DaOrganization
{
  GObject     parent_instance;

  gpointer    strings;
  /* Interned when short: there are few organizations */
  const char *org_id;
  const char *org_name;

  gint64      created_at;
  gint64      max_cycle_acu_limit;
  gint64      max_session_acu_limit;
  gint64      org_admin_count;
  gint64      org_member_count;
  gint64      org_user_count;
};

G_DEFINE_FINAL_TYPE (DaOrganization, da_organization, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORG_ID,
  PROP_ORG_NAME,
  PROP_CREATED_AT,
  PROP_MAX_CYCLE_ACU_LIMIT,
  PROP_MAX_SESSION_ACU_LIMIT,
  PROP_ORG_ADMIN_COUNT,
  PROP_ORG_MEMBER_COUNT,
  PROP_ORG_USER_COUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_organization_finalize (GObject *object)
{
  DaOrganization *self = (DaOrganization *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_organization_parent_class)->finalize (object);
}

static void
da_organization_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DaOrganization *self = DA_ORGANIZATION (object);

  switch (prop_id)
    {
    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;
    case PROP_ORG_NAME:
      g_value_set_string (value, self->org_name);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_MAX_CYCLE_ACU_LIMIT:
      g_value_set_int64 (value, self->max_cycle_acu_limit);
      break;
    case PROP_MAX_SESSION_ACU_LIMIT:
      g_value_set_int64 (value, self->max_session_acu_limit);
      break;
    case PROP_ORG_ADMIN_COUNT:
      g_value_set_int64 (value, self->org_admin_count);
      break;
    case PROP_ORG_MEMBER_COUNT:
      g_value_set_int64 (value, self->org_member_count);
      break;
    case PROP_ORG_USER_COUNT:
      g_value_set_int64 (value, self->org_user_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_organization_class_init (DaOrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_organization_finalize;
  object_class->get_property = da_organization_get_property;

  properties [PROP_ORG_ID] = g_param_spec_string ("org-id", NULL, NULL, NULL, flags);
  properties [PROP_ORG_NAME] = g_param_spec_string ("org-name", NULL, NULL, NULL, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_MAX_CYCLE_ACU_LIMIT] =
    g_param_spec_int64 ("max-cycle-acu-limit", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);
  properties [PROP_MAX_SESSION_ACU_LIMIT] =
    g_param_spec_int64 ("max-session-acu-limit", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);
  properties [PROP_ORG_ADMIN_COUNT] =
    g_param_spec_int64 ("org-admin-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_ORG_MEMBER_COUNT] =
    g_param_spec_int64 ("org-member-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_ORG_USER_COUNT] =
    g_param_spec_int64 ("org-user-count", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_organization_init (DaOrganization *self)
{
  self->created_at = DA_TIME_UNSET;
  self->max_cycle_acu_limit = DA_UNSET;
  self->max_session_acu_limit = DA_UNSET;
}

/**
 * da_organization_new_from_json:
 * @object: (nullable): an OrganizationResponse, or the older {"id", "name", "acu_limit", …}
 *
 * Returns: (transfer full): the organization, or %NULL with a %DA_MODEL_ERROR
 */
DaOrganization *
da_organization_new_from_json (JsonObject  *object,
                               GError     **error)
{
  const char *org_id = NULL;
  const char *org_name = NULL;
  gint64 created_at = DA_TIME_UNSET;
  gint64 max_cycle_acu_limit = DA_UNSET;
  gint64 max_session_acu_limit = DA_UNSET;
  gint64 org_admin_count = 0;
  gint64 org_member_count = 0;
  gint64 org_user_count = 0;
  DaStringPack pack;
  DaOrganization *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "org_id", "id", DA_FIELD_ID, &org_id, error) ||
      !da_json_read_string (object, WHAT, "org_name", "name", DA_FIELD_REQUIRED, &org_name,
                            error) ||
      !da_json_read_time (object, WHAT, "created_at", NULL, 0, &created_at, error) ||
      !da_json_read_count (object, WHAT, "max_cycle_acu_limit", "acu_limit", 0,
                           &max_cycle_acu_limit,
                           error) ||
      !da_json_read_count (object, WHAT, "max_session_acu_limit", NULL, 0,
                           &max_session_acu_limit, error) ||
      !da_json_read_count (object, WHAT, "org_admin_count", NULL, 0, &org_admin_count, error) ||
      !da_json_read_count (object, WHAT, "org_member_count", NULL, 0, &org_member_count, error) ||
      !da_json_read_count (object, WHAT, "org_user_count", NULL, 0, &org_user_count, error))
    return NULL;

  self = g_object_new (DA_TYPE_ORGANIZATION, NULL);

  da_string_pack_init (&pack);
  da_string_pack_add_interned (&pack, &self->org_id, org_id);
  da_string_pack_add (&pack, &self->org_name, org_name);
  self->strings = da_string_pack_finish (&pack);

  self->created_at = created_at;
  self->max_cycle_acu_limit = max_cycle_acu_limit;
  self->max_session_acu_limit = max_session_acu_limit;
  self->org_admin_count = org_admin_count;
  self->org_member_count = org_member_count;
  self->org_user_count = org_user_count;

  return self;
}

const char *
da_organization_get_org_id (DaOrganization *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION (self), NULL);

  return self->org_id;
}

const char *
da_organization_get_org_name (DaOrganization *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION (self), NULL);

  return self->org_name;
}

gint64
da_organization_get_created_at (DaOrganization *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION (self), DA_TIME_UNSET);

  return self->created_at;
}

gint64
da_organization_get_max_cycle_acu_limit (DaOrganization *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION (self), DA_UNSET);

  return self->max_cycle_acu_limit;
}

gint64
da_organization_get_max_session_acu_limit (DaOrganization *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION (self), DA_UNSET);

  return self->max_session_acu_limit;
}

gint64
da_organization_get_org_admin_count (DaOrganization *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION (self), 0);

  return self->org_admin_count;
}

gint64
da_organization_get_org_member_count (DaOrganization *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION (self), 0);

  return self->org_member_count;
}

gint64
da_organization_get_org_user_count (DaOrganization *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION (self), 0);

  return self->org_user_count;
}

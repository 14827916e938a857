/* da-member.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-member.h"
#include "da-json-private.h"

#define WHAT N_("member")

struct _DaMember
{
  GObject     parent_instance;

  /* One block holds user_id, email, name and saml_id */
  gpointer    strings;
  const char *user_id;
  const char *email;
  const char *name;
  const char *saml_id;
  /* Interned */
  const char *enterprise_role;

  gint64      created_at;
  gint64      last_login;
  gint64      login_count;
  gint64      sessions_created_count;
  gint64      searches_created_count;
};

G_DEFINE_FINAL_TYPE (DaMember, da_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_ENTERPRISE_ROLE,
  PROP_CREATED_AT,
  PROP_LAST_LOGIN,
  PROP_LOGIN_COUNT,
  PROP_SAML_ID,
  PROP_SESSIONS_CREATED_COUNT,
  PROP_SEARCHES_CREATED_COUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_member_finalize (GObject *object)
{
  DaMember *self = (DaMember *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_member_parent_class)->finalize (object);
}

static void
da_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DaMember *self = DA_MEMBER (object);

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
    case PROP_ENTERPRISE_ROLE:
      g_value_set_string (value, self->enterprise_role);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_LAST_LOGIN:
      g_value_set_int64 (value, self->last_login);
      break;
    case PROP_LOGIN_COUNT:
      g_value_set_int64 (value, self->login_count);
      break;
    case PROP_SAML_ID:
      g_value_set_string (value, self->saml_id);
      break;
    case PROP_SESSIONS_CREATED_COUNT:
      g_value_set_int64 (value, self->sessions_created_count);
      break;
    case PROP_SEARCHES_CREATED_COUNT:
      g_value_set_int64 (value, self->searches_created_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_member_class_init (DaMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_member_finalize;
  object_class->get_property = da_member_get_property;

  properties [PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties [PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_ENTERPRISE_ROLE] =
    g_param_spec_string ("enterprise-role", NULL, NULL, NULL, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_LAST_LOGIN] =
    g_param_spec_int64 ("last-login", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_LOGIN_COUNT] =
    g_param_spec_int64 ("login-count", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);
  properties [PROP_SAML_ID] = g_param_spec_string ("saml-id", NULL, NULL, NULL, flags);
  properties [PROP_SESSIONS_CREATED_COUNT] =
    g_param_spec_int64 ("sessions-created-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_SEARCHES_CREATED_COUNT] =
    g_param_spec_int64 ("searches-created-count", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_member_init (DaMember *self)
{
  self->created_at = DA_TIME_UNSET;
  self->last_login = DA_TIME_UNSET;
  self->login_count = DA_UNSET;
}

/**
 * da_member_new_from_json:
 * @object: (nullable): an EnterpriseUserResponse, or a member of the older "members" lists
 *
 * Returns: (transfer full): the member, or %NULL with a %DA_MODEL_ERROR
 */
DaMember *
da_member_new_from_json (JsonObject  *object,
                         GError     **error)
{
  const char *user_id = NULL;
  const char *email = NULL;
  const char *name = NULL;
  const char *role = NULL;
  const char *saml_id = NULL;
  gint64 created_at = DA_TIME_UNSET;
  gint64 last_login = DA_TIME_UNSET;
  gint64 login_count = DA_UNSET;
  gint64 sessions_created_count = 0;
  gint64 searches_created_count = 0;
  DaStringPack pack;
  DaMember *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "user_id", "id", DA_FIELD_ID, &user_id, error) ||
      !da_json_read_string (object, WHAT, "email", NULL, DA_FIELD_REQUIRED, &email, error) ||
      !da_json_read_string (object, WHAT, "name", NULL, DA_FIELD_REQUIRED, &name, error) ||
      !da_json_read_string (object, WHAT, "enterprise_role", "role", DA_FIELD_REQUIRED, &role,
                            error) ||
      !da_json_read_time (object, WHAT, "created_at", NULL, 0, &created_at, error) ||
      !da_json_read_time (object, WHAT, "last_login", NULL, 0, &last_login, error) ||
      !da_json_read_count (object, WHAT, "login_count", NULL, 0, &login_count, error) ||
      !da_json_read_string (object, WHAT, "saml_id", NULL, 0, &saml_id, error) ||
      !da_json_read_count (object, WHAT, "sessions_created_count", NULL, 0,
                           &sessions_created_count, error) ||
      !da_json_read_count (object, WHAT, "searches_created_count", NULL, 0,
                           &searches_created_count, error))
    return NULL;

  self = g_object_new (DA_TYPE_MEMBER, NULL);

  da_string_pack_init (&pack);
  da_string_pack_add (&pack, &self->user_id, user_id);
  da_string_pack_add (&pack, &self->email, email);
  da_string_pack_add (&pack, &self->name, name);
  da_string_pack_add (&pack, &self->saml_id, saml_id);
  da_string_pack_add_interned (&pack, &self->enterprise_role, role);
  self->strings = da_string_pack_finish (&pack);

  self->created_at = created_at;
  self->last_login = last_login;
  self->login_count = login_count;
  self->sessions_created_count = sessions_created_count;
  self->searches_created_count = searches_created_count;

  return self;
}

const char *
da_member_get_user_id (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return self->user_id;
}

const char *
da_member_get_email (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return self->email;
}

const char *
da_member_get_name (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return self->name;
}

const char *
da_member_get_enterprise_role (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return self->enterprise_role;
}

gint64
da_member_get_created_at (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), DA_TIME_UNSET);

  return self->created_at;
}

gint64
da_member_get_last_login (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), DA_TIME_UNSET);

  return self->last_login;
}

gint64
da_member_get_login_count (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), DA_UNSET);

  return self->login_count;
}

/* nullable: members without single sign-on have none */
const char *
da_member_get_saml_id (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return self->saml_id;
}

gint64
da_member_get_sessions_created_count (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), 0);

  return self->sessions_created_count;
}

gint64
da_member_get_searches_created_count (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), 0);

  return self->searches_created_count;
}

/* da-api-key.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-api-key.h"
#include "da-json-private.h"

#define WHAT N_("API key")

struct _DaApiKey
{
  GObject     parent_instance;

  gpointer    strings;
  /* In the one block */
  const char *id;
  const char *user_id;
  const char *user_email;
  /* Interned when short */
  const char *org_id;
  const char *org_name;

  gboolean    is_service_key;
  gint64      created_at;
};

G_DEFINE_FINAL_TYPE (DaApiKey, da_api_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORG_ID,
  PROP_ORG_NAME,
  PROP_USER_ID,
  PROP_USER_EMAIL,
  PROP_IS_SERVICE_KEY,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_api_key_finalize (GObject *object)
{
  DaApiKey *self = (DaApiKey *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_api_key_parent_class)->finalize (object);
}

static void
da_api_key_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DaApiKey *self = DA_API_KEY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;
    case PROP_ORG_NAME:
      g_value_set_string (value, self->org_name);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USER_EMAIL:
      g_value_set_string (value, self->user_email);
      break;
    case PROP_IS_SERVICE_KEY:
      g_value_set_boolean (value, self->is_service_key);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_api_key_class_init (DaApiKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_api_key_finalize;
  object_class->get_property = da_api_key_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_ORG_ID] = g_param_spec_string ("org-id", NULL, NULL, NULL, flags);
  properties [PROP_ORG_NAME] = g_param_spec_string ("org-name", NULL, NULL, NULL, flags);
  properties [PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties [PROP_USER_EMAIL] = g_param_spec_string ("user-email", NULL, NULL, NULL, flags);
  properties [PROP_IS_SERVICE_KEY] =
    g_param_spec_boolean ("is-service-key", NULL, NULL, FALSE, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_api_key_init (DaApiKey *self)
{
  self->created_at = DA_TIME_UNSET;
}

/**
 * da_api_key_new_from_json:
 * @object: (nullable): an ApiKeyResponse
 *
 * Returns: (transfer full): the API key, or %NULL with a %DA_MODEL_ERROR
 */
DaApiKey *
da_api_key_new_from_json (JsonObject  *object,
                          GError     **error)
{
  const char *id = NULL;
  const char *org_id = NULL;
  const char *org_name = NULL;
  const char *user_id = NULL;
  const char *user_email = NULL;
  JsonNode *service_node;
  const char *service_name;
  gboolean service_is_null;
  gboolean is_service_key = FALSE;
  gint64 created_at = DA_TIME_UNSET;
  DaStringPack pack;
  DaApiKey *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "id", NULL, DA_FIELD_ID, &id, error) ||
      !da_json_read_string (object, WHAT, "org_id", NULL, DA_FIELD_ID, &org_id, error) ||
      !da_json_read_string (object, WHAT, "org_name", NULL, DA_FIELD_REQUIRED, &org_name, error) ||
      !da_json_read_string (object, WHAT, "user_id", NULL, 0, &user_id, error) ||
      !da_json_read_string (object, WHAT, "user_email", NULL, 0, &user_email, error) ||
      !da_json_read_boolean (object, WHAT, "is_service_key", NULL, 0, &is_service_key, error) ||
      !da_json_read_time (object, WHAT, "created_at", NULL, 0, &created_at, error))
    return NULL;

  /* Without the flag, a key that belongs to no user is a service key. */
  service_node = da_json_lookup (object, "is_service_key", NULL, &service_name, &service_is_null);
  if (service_node == NULL)
    is_service_key = user_id == NULL;

  self = g_object_new (DA_TYPE_API_KEY, NULL);

  da_string_pack_init (&pack);
  da_string_pack_add (&pack, &self->id, id);
  da_string_pack_add_interned (&pack, &self->org_id, org_id);
  da_string_pack_add_interned (&pack, &self->org_name, org_name);
  da_string_pack_add (&pack, &self->user_id, user_id);
  da_string_pack_add (&pack, &self->user_email, user_email);
  self->strings = da_string_pack_finish (&pack);

  self->is_service_key = is_service_key;
  self->created_at = created_at;

  return self;
}

const char *
da_api_key_get_id (DaApiKey *self)
{
  g_return_val_if_fail (DA_IS_API_KEY (self), NULL);

  return self->id;
}

const char *
da_api_key_get_org_id (DaApiKey *self)
{
  g_return_val_if_fail (DA_IS_API_KEY (self), NULL);

  return self->org_id;
}

const char *
da_api_key_get_org_name (DaApiKey *self)
{
  g_return_val_if_fail (DA_IS_API_KEY (self), NULL);

  return self->org_name;
}

const char *
da_api_key_get_user_id (DaApiKey *self)
{
  g_return_val_if_fail (DA_IS_API_KEY (self), NULL);

  return self->user_id;
}

const char *
da_api_key_get_user_email (DaApiKey *self)
{
  g_return_val_if_fail (DA_IS_API_KEY (self), NULL);

  return self->user_email;
}

gboolean
da_api_key_get_is_service_key (DaApiKey *self)
{
  g_return_val_if_fail (DA_IS_API_KEY (self), FALSE);

  return self->is_service_key;
}

gint64
da_api_key_get_created_at (DaApiKey *self)
{
  g_return_val_if_fail (DA_IS_API_KEY (self), DA_TIME_UNSET);

  return self->created_at;
}

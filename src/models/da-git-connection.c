/* da-git-connection.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-git-connection.h"
#include "da-json-private.h"

#define WHAT N_("git connection")

struct _DaGitConnection
{
  GObject     parent_instance;

  gpointer    strings;
  /* In the one block */
  const char *connection_id;
  const char *name;
  /* Interned when short */
  const char *host;
  const char *connection_type;

  gint64      created_at;
};

G_DEFINE_FINAL_TYPE (DaGitConnection, da_git_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION_ID,
  PROP_NAME,
  PROP_HOST,
  PROP_CONNECTION_TYPE,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_git_connection_finalize (GObject *object)
{
  DaGitConnection *self = (DaGitConnection *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_git_connection_parent_class)->finalize (object);
}

static void
da_git_connection_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DaGitConnection *self = DA_GIT_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_CONNECTION_ID:
      g_value_set_string (value, self->connection_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_CONNECTION_TYPE:
      g_value_set_string (value, self->connection_type);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_git_connection_class_init (DaGitConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_git_connection_finalize;
  object_class->get_property = da_git_connection_get_property;

  properties [PROP_CONNECTION_ID] = g_param_spec_string ("connection-id", NULL, NULL, NULL, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties [PROP_CONNECTION_TYPE] =
    g_param_spec_string ("connection-type", NULL, NULL, NULL, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_git_connection_init (DaGitConnection *self)
{
  self->created_at = DA_TIME_UNSET;
}

/**
 * da_git_connection_new_from_json:
 * @object: (nullable): a GitConnectionResponse
 *
 * Returns: (transfer full): the git connection, or %NULL with a %DA_MODEL_ERROR
 */
DaGitConnection *
da_git_connection_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  const char *connection_id = NULL;
  const char *name = NULL;
  const char *host = NULL;
  const char *connection_type = NULL;
  gint64 created_at = DA_TIME_UNSET;
  DaStringPack pack;
  DaGitConnection *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "connection_id", NULL, DA_FIELD_ID,
                            &connection_id, error) ||
      !da_json_read_string (object, WHAT, "name", NULL, DA_FIELD_REQUIRED, &name, error) ||
      !da_json_read_string (object, WHAT, "host", NULL, DA_FIELD_REQUIRED, &host, error) ||
      !da_json_read_string (object, WHAT, "type", NULL, DA_FIELD_REQUIRED,
                            &connection_type, error) ||
      !da_json_read_time (object, WHAT, "created_at", NULL, 0, &created_at, error))
    return NULL;

  self = g_object_new (DA_TYPE_GIT_CONNECTION, NULL);

  da_string_pack_init (&pack);
  da_string_pack_add (&pack, &self->connection_id, connection_id);
  da_string_pack_add (&pack, &self->name, name);
  da_string_pack_add_interned (&pack, &self->host, host);
  da_string_pack_add_interned (&pack, &self->connection_type, connection_type);
  self->strings = da_string_pack_finish (&pack);

  self->created_at = created_at;

  return self;
}

const char *
da_git_connection_get_connection_id (DaGitConnection *self)
{
  g_return_val_if_fail (DA_IS_GIT_CONNECTION (self), NULL);

  return self->connection_id;
}

const char *
da_git_connection_get_name (DaGitConnection *self)
{
  g_return_val_if_fail (DA_IS_GIT_CONNECTION (self), NULL);

  return self->name;
}

const char *
da_git_connection_get_host (DaGitConnection *self)
{
  g_return_val_if_fail (DA_IS_GIT_CONNECTION (self), NULL);

  return self->host;
}

const char *
da_git_connection_get_connection_type (DaGitConnection *self)
{
  g_return_val_if_fail (DA_IS_GIT_CONNECTION (self), NULL);

  return self->connection_type;
}

gint64
da_git_connection_get_created_at (DaGitConnection *self)
{
  g_return_val_if_fail (DA_IS_GIT_CONNECTION (self), DA_TIME_UNSET);

  return self->created_at;
}

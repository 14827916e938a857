/* da-git-permission.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-git-permission.h"
#include "da-json-private.h"

#define WHAT N_("git permission")

struct _DaGitPermission
{
  GObject     parent_instance;

  gpointer    strings;
  /* In the one block */
  const char *permission_id;
  const char *repo_path;
  const char *group_prefix;
  const char *prefix_path;
  /* Interned when short */
  const char *host;
};

G_DEFINE_FINAL_TYPE (DaGitPermission, da_git_permission, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERMISSION_ID,
  PROP_HOST,
  PROP_REPO_PATH,
  PROP_GROUP_PREFIX,
  PROP_PREFIX_PATH,
  PROP_IS_GROUP,
  PROP_DISPLAY_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_git_permission_finalize (GObject *object)
{
  DaGitPermission *self = (DaGitPermission *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_git_permission_parent_class)->finalize (object);
}

static void
da_git_permission_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DaGitPermission *self = DA_GIT_PERMISSION (object);

  switch (prop_id)
    {
    case PROP_PERMISSION_ID:
      g_value_set_string (value, self->permission_id);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_REPO_PATH:
      g_value_set_string (value, self->repo_path);
      break;
    case PROP_GROUP_PREFIX:
      g_value_set_string (value, self->group_prefix);
      break;
    case PROP_PREFIX_PATH:
      g_value_set_string (value, self->prefix_path);
      break;
    case PROP_IS_GROUP:
      g_value_set_boolean (value, da_git_permission_is_group (self));
      break;
    case PROP_DISPLAY_PATH:
      g_value_set_string (value, da_git_permission_get_display_path (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_git_permission_class_init (DaGitPermissionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_git_permission_finalize;
  object_class->get_property = da_git_permission_get_property;

  properties [PROP_PERMISSION_ID] = g_param_spec_string ("permission-id", NULL, NULL, NULL, flags);
  properties [PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties [PROP_REPO_PATH] = g_param_spec_string ("repo-path", NULL, NULL, NULL, flags);
  properties [PROP_GROUP_PREFIX] = g_param_spec_string ("group-prefix", NULL, NULL, NULL, flags);
  properties [PROP_PREFIX_PATH] = g_param_spec_string ("prefix-path", NULL, NULL, NULL, flags);
  properties [PROP_IS_GROUP] = g_param_spec_boolean ("is-group", NULL, NULL, FALSE, flags);
  properties [PROP_DISPLAY_PATH] =
    g_param_spec_string ("display-path", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_git_permission_init (DaGitPermission *self)
{
}

/**
 * da_git_permission_new_from_json:
 * @object: (nullable): a GitPermissionResponse
 *
 * Returns: (transfer full): the git permission, or %NULL with a %DA_MODEL_ERROR
 */
DaGitPermission *
da_git_permission_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  const char *permission_id = NULL;
  const char *host = NULL;
  const char *repo_path = NULL;
  const char *group_prefix = NULL;
  const char *prefix_path = NULL;
  DaStringPack pack;
  DaGitPermission *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "permission_id", NULL, DA_FIELD_ID,
                            &permission_id, error) ||
      !da_json_read_string (object, WHAT, "host", NULL, DA_FIELD_REQUIRED, &host, error) ||
      !da_json_read_string (object, WHAT, "repo_path", NULL, 0, &repo_path, error) ||
      !da_json_read_string (object, WHAT, "group_prefix", NULL, 0, &group_prefix, error) ||
      !da_json_read_string (object, WHAT, "prefix_path", NULL, 0, &prefix_path, error))
    return NULL;

  self = g_object_new (DA_TYPE_GIT_PERMISSION, NULL);

  da_string_pack_init (&pack);
  da_string_pack_add (&pack, &self->permission_id, permission_id);
  da_string_pack_add_interned (&pack, &self->host, host);
  da_string_pack_add (&pack, &self->repo_path, repo_path);
  da_string_pack_add (&pack, &self->group_prefix, group_prefix);
  da_string_pack_add (&pack, &self->prefix_path, prefix_path);
  self->strings = da_string_pack_finish (&pack);

  return self;
}

const char *
da_git_permission_get_permission_id (DaGitPermission *self)
{
  g_return_val_if_fail (DA_IS_GIT_PERMISSION (self), NULL);

  return self->permission_id;
}

const char *
da_git_permission_get_host (DaGitPermission *self)
{
  g_return_val_if_fail (DA_IS_GIT_PERMISSION (self), NULL);

  return self->host;
}

const char *
da_git_permission_get_repo_path (DaGitPermission *self)
{
  g_return_val_if_fail (DA_IS_GIT_PERMISSION (self), NULL);

  return self->repo_path;
}

const char *
da_git_permission_get_group_prefix (DaGitPermission *self)
{
  g_return_val_if_fail (DA_IS_GIT_PERMISSION (self), NULL);

  return self->group_prefix;
}

const char *
da_git_permission_get_prefix_path (DaGitPermission *self)
{
  g_return_val_if_fail (DA_IS_GIT_PERMISSION (self), NULL);

  return self->prefix_path;
}

/* A group permission (every repository under a prefix) rather than one repository */
gboolean
da_git_permission_is_group (DaGitPermission *self)
{
  g_return_val_if_fail (DA_IS_GIT_PERMISSION (self), FALSE);

  return self->repo_path == NULL && self->group_prefix != NULL;
}

/* The repo path, else the group prefix, else the prefix path; "" when the server gave none of
 * them, so that a label never gets NULL. */
const char *
da_git_permission_get_display_path (DaGitPermission *self)
{
  g_return_val_if_fail (DA_IS_GIT_PERMISSION (self), NULL);

  if (self->repo_path != NULL)
    return self->repo_path;
  if (self->group_prefix != NULL)
    return self->group_prefix;
  if (self->prefix_path != NULL)
    return self->prefix_path;
  return "";
}

/* da-grant-result.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-grant-result.h"
#include "da-json-private.h"

#define WHAT N_("grant result")

typedef struct
{
  const char *permission_id;
  const char *name;
} PermissionName;

struct _DaGrantResult
{
  GObject         parent_instance;

  /* One block: the ID vector, the (id, name) pairs, then the strings */
  gpointer        strings;
  const char    **permission_ids;
  PermissionName *names;
  guint           n_names;
};

G_DEFINE_FINAL_TYPE (DaGrantResult, da_grant_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERMISSION_IDS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *no_ids[] = { NULL };

static void
da_grant_result_finalize (GObject *object)
{
  DaGrantResult *self = (DaGrantResult *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_grant_result_parent_class)->finalize (object);
}

static void
da_grant_result_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DaGrantResult *self = DA_GRANT_RESULT (object);

  switch (prop_id)
    {
    case PROP_PERMISSION_IDS:
      g_value_set_boxed (value, self->permission_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_grant_result_class_init (DaGrantResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_grant_result_finalize;
  object_class->get_property = da_grant_result_get_property;

  properties [PROP_PERMISSION_IDS] =
    g_param_spec_boxed ("permission-ids", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_grant_result_init (DaGrantResult *self)
{
  self->permission_ids = no_ids;
}

static gboolean
check_ids (JsonArray  *ids,
           GError    **error)
{
  guint n = ids != NULL ? json_array_get_length (ids) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strdup_printf ("permission_ids[%u]", i);
      JsonNode *node = json_array_get_element (ids, i);
      const char *id;

      if (JSON_NODE_HOLDS_NULL (node))
        {
          da_json_set_missing (error, WHAT, field, TRUE);
          return FALSE;
        }
      if (!da_json_node_get_string (node, WHAT, field, DA_FIELD_NOT_EMPTY, &id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_names (JsonObject  *names,
             guint       *n_names,
             GError     **error)
{
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  *n_names = 0;
  if (names == NULL)
    return TRUE;

  json_object_iter_init (&iter, names);
  while (json_object_iter_next (&iter, &id, &node))
    {
      g_autofree char *field = NULL;
      const char *name;

      if (!g_utf8_validate (id, -1, NULL))
        {
          da_json_set_invalid (error, WHAT, "permission_names", DA_JSON_PROBLEM_BAD_UTF8);
          return FALSE;
        }

      field = da_json_map_field ("permission_names", id);
      if (JSON_NODE_HOLDS_NULL (node))
        {
          da_json_set_missing (error, WHAT, field, TRUE);
          return FALSE;
        }
      if (!da_json_node_get_string (node, WHAT, field, 0, &name, error))
        return FALSE;

      (*n_names)++;
    }

  return TRUE;
}

/**
 * da_grant_result_new_from_json:
 * @object: (nullable): {"status", "permission_ids", "permission_names"}, or the older
 *   {"status": "success"} (then both lists are empty)
 *
 * Returns: (transfer full): the result, or %NULL with a %DA_MODEL_ERROR
 */
DaGrantResult *
da_grant_result_new_from_json (JsonObject  *object,
                               GError     **error)
{
  const char *status = NULL;
  JsonArray *ids = NULL;
  JsonObject *names = NULL;
  guint n_ids;
  guint n_names = 0;
  gsize ids_offset = 0;
  gsize names_offset = 0;
  DaStringPack pack;
  DaGrantResult *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "status", NULL, 0, &status, error) ||
      !da_json_read_array (object, WHAT, "permission_ids", NULL, 0, &ids, error) ||
      !da_json_read_object (object, WHAT, "permission_names", NULL, 0, &names, error) ||
      !check_ids (ids, error) ||
      !check_names (names, &n_names, error))
    return NULL;

  n_ids = ids != NULL ? json_array_get_length (ids) : 0;

  self = g_object_new (DA_TYPE_GRANT_RESULT, NULL);

  da_string_pack_init (&pack);
  if (n_ids > 0)
    {
      ids_offset = da_string_pack_reserve (&pack, (n_ids + 1) * sizeof (char *));
      for (guint i = 0; i < n_ids; i++)
        da_string_pack_add_at (&pack, ids_offset + i * sizeof (char *),
                               json_array_get_string_element (ids, i));
    }
  if (n_names > 0)
    {
      JsonObjectIter iter;
      const char *id;
      JsonNode *node;
      guint i = 0;

      names_offset = da_string_pack_reserve (&pack, n_names * sizeof (PermissionName));
      json_object_iter_init (&iter, names);
      while (json_object_iter_next (&iter, &id, &node))
        {
          gsize pair = names_offset + i++ * sizeof (PermissionName);

          da_string_pack_add_at (&pack, pair + G_STRUCT_OFFSET (PermissionName, permission_id),
                                 id);
          da_string_pack_add_at (&pack, pair + G_STRUCT_OFFSET (PermissionName, name),
                                 json_node_get_string (node));
        }
    }
  self->strings = da_string_pack_finish (&pack);

  if (n_ids > 0)
    self->permission_ids = (const char **) ((char *) self->strings + ids_offset);
  if (n_names > 0)
    {
      self->names = (PermissionName *) ((char *) self->strings + names_offset);
      self->n_names = n_names;
    }

  return self;
}

/* In request order; never NULL, empty for the older answer. (transfer none) */
const char * const *
da_grant_result_get_permission_ids (DaGrantResult *self)
{
  g_return_val_if_fail (DA_IS_GRANT_RESULT (self), NULL);

  return (const char * const *) self->permission_ids;
}

/* nullable: the repository or group path of a permission just granted */
const char *
da_grant_result_lookup_name (DaGrantResult *self,
                             const char    *permission_id)
{
  g_return_val_if_fail (DA_IS_GRANT_RESULT (self), NULL);

  if (permission_id == NULL)
    return NULL;

  for (guint i = 0; i < self->n_names; i++)
    if (strcmp (self->names[i].permission_id, permission_id) == 0)
      return self->names[i].name;

  return NULL;
}

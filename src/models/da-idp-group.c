/* da-idp-group.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "da-idp-group.h"
#include "da-json-private.h"

#define WHAT N_("IdP group")

typedef struct
{
  const char *org_id;
  const char *role;
} OrgRole;

struct _DaIdpGroup
{
  GObject      parent_instance;

  /* One block: the (org_id, role) pairs sorted by org_id, the org_id vector, the group name.
   * Organization IDs and roles are interned. */
  gpointer     strings;
  const char  *group_name;
  OrgRole     *org_roles;
  const char **org_ids;
  guint        n_orgs;

  gint64       org_count;
};

G_DEFINE_FINAL_TYPE (DaIdpGroup, da_idp_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GROUP_NAME,
  PROP_ORG_COUNT,
  PROP_ORG_IDS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static int
compare_org_roles (gconstpointer a,
                   gconstpointer b)
{
  const OrgRole *role_a = a;
  const OrgRole *role_b = b;

  return strcmp (role_a->org_id, role_b->org_id);
}

static void
da_idp_group_finalize (GObject *object)
{
  DaIdpGroup *self = (DaIdpGroup *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_idp_group_parent_class)->finalize (object);
}

static void
da_idp_group_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DaIdpGroup *self = DA_IDP_GROUP (object);

  switch (prop_id)
    {
    case PROP_GROUP_NAME:
      g_value_set_string (value, self->group_name);
      break;
    case PROP_ORG_COUNT:
      g_value_set_int64 (value, self->org_count);
      break;
    case PROP_ORG_IDS:
      g_value_set_boxed (value, self->org_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_idp_group_class_init (DaIdpGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_idp_group_finalize;
  object_class->get_property = da_idp_group_get_property;

  properties [PROP_GROUP_NAME] = g_param_spec_string ("group-name", NULL, NULL, NULL, flags);
  properties [PROP_ORG_COUNT] =
    g_param_spec_int64 ("org-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_ORG_IDS] = g_param_spec_boxed ("org-ids", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_idp_group_init (DaIdpGroup *self)
{
}

/**
 * da_idp_group_new_from_json:
 * @object: (nullable): an EnterpriseGroupResponse
 *
 * A missing "org_count" is the number of organizations in "role_by_org_id".
 *
 * Returns: (transfer full): the group, or %NULL with a %DA_MODEL_ERROR
 */
DaIdpGroup *
da_idp_group_new_from_json (JsonObject  *object,
                            GError     **error)
{
  const char *group_name = NULL;
  gint64 org_count = DA_UNSET;
  JsonObject *role_by_org_id = NULL;
  JsonObjectIter iter;
  const char *org_id;
  JsonNode *node;
  guint n_orgs = 0;
  gsize pairs_offset = 0;
  gsize ids_offset = 0;
  DaStringPack pack;
  DaIdpGroup *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "group_name", NULL, DA_FIELD_ID, &group_name, error) ||
      !da_json_read_count (object, WHAT, "org_count", NULL, 0, &org_count, error) ||
      !da_json_read_object (object, WHAT, "role_by_org_id", NULL, 0, &role_by_org_id, error))
    return NULL;

  if (role_by_org_id != NULL)
    {
      json_object_iter_init (&iter, role_by_org_id);
      while (json_object_iter_next (&iter, &org_id, &node))
        {
          g_autofree char *field = NULL;
          const char *role;

          if (!g_utf8_validate (org_id, -1, NULL))
            {
              da_json_set_invalid (error, WHAT, "role_by_org_id", DA_JSON_PROBLEM_BAD_UTF8);
              return NULL;
            }

          field = da_json_map_field ("role_by_org_id", org_id);
          if (*org_id == '\0')
            {
              da_json_set_invalid (error, WHAT, field, DA_JSON_PROBLEM_EMPTY);
              return NULL;
            }
          if (JSON_NODE_HOLDS_NULL (node))
            {
              da_json_set_missing (error, WHAT, field, TRUE);
              return NULL;
            }
          if (!da_json_node_get_string (node, WHAT, field, DA_FIELD_NOT_EMPTY, &role, error))
            return NULL;

          n_orgs++;
        }
    }

  self = g_object_new (DA_TYPE_IDP_GROUP, NULL);

  da_string_pack_init (&pack);
  if (n_orgs > 0)
    {
      guint i = 0;

      pairs_offset = da_string_pack_reserve (&pack, n_orgs * sizeof (OrgRole));
      ids_offset = da_string_pack_reserve (&pack, (n_orgs + 1) * sizeof (char *));

      json_object_iter_init (&iter, role_by_org_id);
      while (json_object_iter_next (&iter, &org_id, &node))
        {
          gsize pair = pairs_offset + i++ * sizeof (OrgRole);

          da_string_pack_add_interned_at (&pack, pair + G_STRUCT_OFFSET (OrgRole, org_id), org_id);
          da_string_pack_add_interned_at (&pack, pair + G_STRUCT_OFFSET (OrgRole, role),
                                          json_node_get_string (node));
        }
    }
  da_string_pack_add (&pack, &self->group_name, group_name);
  self->strings = da_string_pack_finish (&pack);

  if (n_orgs > 0)
    {
      self->n_orgs = n_orgs;
      self->org_roles = (OrgRole *) ((char *) self->strings + pairs_offset);
      self->org_ids = (const char **) ((char *) self->strings + ids_offset);

      qsort (self->org_roles, n_orgs, sizeof (OrgRole), compare_org_roles);
      for (guint i = 0; i < n_orgs; i++)
        self->org_ids[i] = self->org_roles[i].org_id;
      self->org_ids[n_orgs] = NULL;
    }

  self->org_count = org_count != DA_UNSET ? org_count : n_orgs;

  return self;
}

const char *
da_idp_group_get_group_name (DaIdpGroup *self)
{
  g_return_val_if_fail (DA_IS_IDP_GROUP (self), NULL);

  return self->group_name;
}

gint64
da_idp_group_get_org_count (DaIdpGroup *self)
{
  g_return_val_if_fail (DA_IS_IDP_GROUP (self), 0);

  return self->org_count;
}

/* Sorted; NULL when the group is linked to no organization. (transfer none) */
const char * const *
da_idp_group_get_org_ids (DaIdpGroup *self)
{
  g_return_val_if_fail (DA_IS_IDP_GROUP (self), NULL);

  return (const char * const *) self->org_ids;
}

/* nullable: the role of the group's members in @org_id ("org_admin", "org_member", …) */
const char *
da_idp_group_get_role_for_org (DaIdpGroup *self,
                               const char *org_id)
{
  OrgRole needle = { org_id, NULL };
  const OrgRole *found;

  g_return_val_if_fail (DA_IS_IDP_GROUP (self), NULL);

  if (org_id == NULL || self->n_orgs == 0)
    return NULL;

  found = bsearch (&needle, self->org_roles, self->n_orgs, sizeof (OrgRole), compare_org_roles);

  return found != NULL ? found->role : NULL;
}

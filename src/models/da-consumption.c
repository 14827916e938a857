/* da-consumption.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "da-consumption.h"
#include "da-json-private.h"

#define WHAT N_("consumption")

typedef enum
{
  MAP_BY_DATE,
  MAP_BY_ORG,
  MAP_BY_USER,
  N_MAPS
} MapKind;

static const char * const map_names[N_MAPS] = {
  "consumption_by_date",
  "consumption_by_org_id",
  "consumption_by_user",
};

struct _DaConsumption
{
  GObject             parent_instance;

  /* One block: the three sorted entry arrays, then their keys */
  gpointer            strings;
  DaConsumptionEntry *entries[N_MAPS];
  guint               n_entries[N_MAPS];

  double              total_acus;
};

G_DEFINE_FINAL_TYPE (DaConsumption, da_consumption, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOTAL_ACUS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const DaConsumptionEntry *entry_a = a;
  const DaConsumptionEntry *entry_b = b;

  return strcmp (entry_a->key, entry_b->key);
}

/* "YYYY-MM-DD", a real date */
static gboolean
is_day_key (const char *key)
{
  gint64 unused;

  return strlen (key) == 10 && da_json_parse_timestamp (key, &unused);
}

/* Checks one map; *n_entries is its size. */
static gboolean
check_map (JsonObject  *map,
           MapKind      kind,
           guint       *n_entries,
           GError     **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  *n_entries = 0;
  if (map == NULL)
    return TRUE;

  json_object_iter_init (&iter, map);
  while (json_object_iter_next (&iter, &key, &node))
    {
      g_autofree char *field = NULL;
      double acus;

      if (!g_utf8_validate (key, -1, NULL))
        {
          da_json_set_invalid (error, WHAT, map_names[kind], DA_JSON_PROBLEM_BAD_UTF8);
          return FALSE;
        }

      field = da_json_map_field (map_names[kind], key);

      if (*key == '\0')
        {
          da_json_set_invalid (error, WHAT, field, DA_JSON_PROBLEM_EMPTY);
          return FALSE;
        }

      if (kind == MAP_BY_DATE && !is_day_key (key))
        {
          da_json_set_invalid (error, WHAT, field, DA_JSON_PROBLEM_BAD_DATE);
          return FALSE;
        }

      if (JSON_NODE_HOLDS_NULL (node))
        {
          da_json_set_missing (error, WHAT, field, TRUE);
          return FALSE;
        }

      if (!da_json_node_get_amount (node, WHAT, field, &acus, error))
        return FALSE;

      (*n_entries)++;
    }

  return TRUE;
}

static gsize
reserve_map (DaStringPack *pack,
             JsonObject   *map,
             guint         n_entries)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;
  gsize offset = da_string_pack_reserve (pack, n_entries * sizeof (DaConsumptionEntry));
  guint i = 0;

  if (map == NULL)
    return offset;

  json_object_iter_init (&iter, map);
  while (json_object_iter_next (&iter, &key, &node))
    {
      gsize entry_offset = offset + i++ * sizeof (DaConsumptionEntry);

      da_string_pack_add_at (pack, entry_offset + G_STRUCT_OFFSET (DaConsumptionEntry, key), key);
    }

  return offset;
}

static void
fill_map (DaConsumptionEntry *entries,
          JsonObject         *map,
          guint               n_entries)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;
  guint i = 0;

  if (map == NULL)
    return;

  /* Same order as reserve_map(): the table of a JsonObject does not change in between. */
  json_object_iter_init (&iter, map);
  while (json_object_iter_next (&iter, &key, &node))
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        entries[i].acus = (double) json_node_get_int (node);
      else
        entries[i].acus = json_node_get_double (node);
      i++;
    }

  g_assert (i == n_entries);
  /* An empty map has no table at all (entries is NULL), which qsort() must not be given. */
  if (n_entries > 1)
    qsort (entries, n_entries, sizeof (DaConsumptionEntry), compare_entries);
}

static void
da_consumption_finalize (GObject *object)
{
  DaConsumption *self = (DaConsumption *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_consumption_parent_class)->finalize (object);
}

static void
da_consumption_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DaConsumption *self = DA_CONSUMPTION (object);

  switch (prop_id)
    {
    case PROP_TOTAL_ACUS:
      g_value_set_double (value, self->total_acus);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_consumption_class_init (DaConsumptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_consumption_finalize;
  object_class->get_property = da_consumption_get_property;

  properties [PROP_TOTAL_ACUS] =
    g_param_spec_double ("total-acus", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_consumption_init (DaConsumption *self)
{
}

/**
 * da_consumption_new_from_json:
 * @object: (nullable): the answer of /consumption/daily or /consumption/daily/{user_id}
 *
 * A missing "total_acus" is the sum of the days; a missing map is empty.
 *
 * Returns: (transfer full): the consumption, or %NULL with a %DA_MODEL_ERROR
 */
DaConsumption *
da_consumption_new_from_json (JsonObject  *object,
                              GError     **error)
{
  JsonObject *maps[N_MAPS] = { NULL, };
  guint n_entries[N_MAPS];
  gsize offsets[N_MAPS];
  double total_acus = -1;
  DaStringPack pack;
  DaConsumption *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_amount (object, WHAT, "total_acus", NULL, 0, &total_acus, error))
    return NULL;

  for (guint i = 0; i < N_MAPS; i++)
    {
      if (!da_json_read_object (object, WHAT, map_names[i], NULL, 0, &maps[i], error) ||
          !check_map (maps[i], i, &n_entries[i], error))
        return NULL;
    }

  self = g_object_new (DA_TYPE_CONSUMPTION, NULL);

  da_string_pack_init (&pack);
  for (guint i = 0; i < N_MAPS; i++)
    offsets[i] = reserve_map (&pack, maps[i], n_entries[i]);
  self->strings = da_string_pack_finish (&pack);

  for (guint i = 0; i < N_MAPS; i++)
    {
      self->n_entries[i] = n_entries[i];
      self->entries[i] = n_entries[i] > 0
                         ? (DaConsumptionEntry *) ((char *) self->strings + offsets[i])
                         : NULL;
      fill_map (self->entries[i], maps[i], n_entries[i]);
    }

  if (total_acus < 0)
    {
      total_acus = 0;
      for (guint i = 0; i < self->n_entries[MAP_BY_DATE]; i++)
        total_acus += self->entries[MAP_BY_DATE][i].acus;
    }
  self->total_acus = total_acus;

  return self;
}

double
da_consumption_get_total_acus (DaConsumption *self)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION (self), 0);

  return self->total_acus;
}

static const DaConsumptionEntry *
get_entries (DaConsumption *self,
             MapKind        kind,
             guint         *n_entries)
{
  if (n_entries != NULL)
    *n_entries = self->n_entries[kind];

  return self->entries[kind];
}

/* Days ("YYYY-MM-DD", billing days starting 08:00 UTC) in order. (transfer none) */
const DaConsumptionEntry *
da_consumption_get_by_date (DaConsumption *self,
                            guint         *n_entries)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION (self), NULL);

  return get_entries (self, MAP_BY_DATE, n_entries);
}

const DaConsumptionEntry *
da_consumption_get_by_org (DaConsumption *self,
                           guint         *n_entries)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION (self), NULL);

  return get_entries (self, MAP_BY_ORG, n_entries);
}

const DaConsumptionEntry *
da_consumption_get_by_user (DaConsumption *self,
                            guint         *n_entries)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION (self), NULL);

  return get_entries (self, MAP_BY_USER, n_entries);
}

static double
lookup (DaConsumption *self,
        MapKind        kind,
        const char    *key)
{
  DaConsumptionEntry needle = { key, 0 };
  const DaConsumptionEntry *found;

  if (key == NULL || self->n_entries[kind] == 0)
    return 0;

  found = bsearch (&needle, self->entries[kind], self->n_entries[kind],
                   sizeof (DaConsumptionEntry), compare_entries);

  return found != NULL ? found->acus : 0;
}

double
da_consumption_lookup_date (DaConsumption *self,
                            const char    *day)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION (self), 0);

  return lookup (self, MAP_BY_DATE, day);
}

double
da_consumption_lookup_org (DaConsumption *self,
                           const char    *org_id)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION (self), 0);

  return lookup (self, MAP_BY_ORG, org_id);
}

double
da_consumption_lookup_user (DaConsumption *self,
                            const char    *user_id)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION (self), 0);

  return lookup (self, MAP_BY_USER, user_id);
}

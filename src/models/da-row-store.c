/* da-row-store.c: a list of model objects in one array
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-row-store.h"

struct _DaRowStore
{
  GObject    parent_instance;

  GType      item_type;
  gpointer  *items;       /* strong references */
  guint      n_items;
  guint      allocated;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaRowStore, da_row_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The GListModel methods are called through g_list_model_*(), which has checked the instance
 * already; they are called per row (a filter or a sort over 50,000 members asks for each), so
 * they cast without checking again. */
static GType
da_row_store_get_item_type_iface (GListModel *model)
{
  return ((DaRowStore *) model)->item_type;
}

static guint
da_row_store_get_n_items (GListModel *model)
{
  return ((DaRowStore *) model)->n_items;
}

static gpointer
da_row_store_get_item (GListModel *model,
                       guint       position)
{
  DaRowStore *self = (DaRowStore *) model;

  if (position >= self->n_items)
    return NULL;

  return g_object_ref (self->items[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = da_row_store_get_item_type_iface;
  iface->get_n_items = da_row_store_get_n_items;
  iface->get_item = da_row_store_get_item;
}

static void
da_row_store_finalize (GObject *object)
{
  DaRowStore *self = DA_ROW_STORE (object);

  for (guint i = 0; i < self->n_items; i++)
    g_object_unref (self->items[i]);
  g_free (self->items);

  G_OBJECT_CLASS (da_row_store_parent_class)->finalize (object);
}

static void
da_row_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DaRowStore *self = DA_ROW_STORE (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_row_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DaRowStore *self = DA_ROW_STORE (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      /* Construct-only; GListStore's rule: an object type or an interface. */
      self->item_type = g_value_get_gtype (value);
      if (!g_type_is_a (self->item_type, G_TYPE_OBJECT) &&
          !G_TYPE_IS_INTERFACE (self->item_type))
        g_critical ("DaRowStore: item type %s is not an object type",
                    g_type_name (self->item_type));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_row_store_class_init (DaRowStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = da_row_store_finalize;
  object_class->get_property = da_row_store_get_property;
  object_class->set_property = da_row_store_set_property;

  properties [PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_row_store_init (DaRowStore *self)
{
  self->item_type = G_TYPE_OBJECT;
}

/**
 * da_row_store_new:
 * @item_type: the type of the items, an object type or an interface
 *
 * Returns: (transfer full): an empty store
 */
DaRowStore *
da_row_store_new (GType item_type)
{
  return g_object_new (DA_TYPE_ROW_STORE, "item-type", item_type, NULL);
}

GType
da_row_store_get_item_type (DaRowStore *self)
{
  g_return_val_if_fail (DA_IS_ROW_STORE (self), G_TYPE_INVALID);

  return self->item_type;
}

/* Room for @n_more items: the array doubles, so appending a page at a time stays linear. */
static void
reserve (DaRowStore *self,
         guint       n_more)
{
  gsize wanted = (gsize) self->n_items + n_more;
  gsize size = MAX (self->allocated, 16);

  if (wanted <= self->allocated)
    return;

  while (size < wanted)
    size *= 2;
  if (size > G_MAXUINT)
    size = G_MAXUINT;

  self->items = g_renew (gpointer, self->items, size);
  self->allocated = (guint) size;
}

/**
 * da_row_store_splice:
 * @position: where the change begins, at most the number of items
 * @n_removals: how many items go from there
 * @additions: (array length=n_additions) (element-type GObject) (nullable): the items that come
 *   in their place, each of the store's item type; the store takes references
 * @n_additions: how many
 *
 * Like g_list_store_splice(): one "items-changed" for the whole change.
 */
void
da_row_store_splice (DaRowStore *self,
                     guint       position,
                     guint       n_removals,
                     gpointer   *additions,
                     guint       n_additions)
{
  g_autofree gpointer *removed = NULL;
  guint tail;

  g_return_if_fail (DA_IS_ROW_STORE (self));
  g_return_if_fail (position <= self->n_items);
  g_return_if_fail (n_removals <= self->n_items - position);
  g_return_if_fail (n_additions == 0 || additions != NULL);
  g_return_if_fail (n_additions <= G_MAXUINT - (self->n_items - n_removals));

  for (guint i = 0; i < n_additions; i++)
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (additions[i], self->item_type));

  if (n_removals == 0 && n_additions == 0)
    return;

  /* The removed items are let go only once the array is whole again. */
  if (n_removals > 0)
    removed = g_memdup2 (self->items + position, sizeof (gpointer) * n_removals);

  tail = self->n_items - position - n_removals;
  if (n_additions > n_removals)
    reserve (self, n_additions - n_removals);
  if (n_additions != n_removals && tail > 0)
    memmove (self->items + position + n_additions, self->items + position + n_removals,
             sizeof (gpointer) * tail);
  for (guint i = 0; i < n_additions; i++)
    self->items[position + i] = g_object_ref (additions[i]);
  self->n_items = self->n_items - n_removals + n_additions;

  for (guint i = 0; i < n_removals; i++)
    g_object_unref (removed[i]);

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
  if (n_removals != n_additions)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

void
da_row_store_append (DaRowStore *self,
                     gpointer    item)
{
  g_return_if_fail (DA_IS_ROW_STORE (self));

  da_row_store_splice (self, self->n_items, 0, &item, 1);
}

void
da_row_store_remove (DaRowStore *self,
                     guint       position)
{
  g_return_if_fail (DA_IS_ROW_STORE (self));
  g_return_if_fail (position < self->n_items);

  da_row_store_splice (self, position, 1, NULL, 0);
}

void
da_row_store_remove_all (DaRowStore *self)
{
  g_return_if_fail (DA_IS_ROW_STORE (self));

  da_row_store_splice (self, 0, self->n_items, NULL, 0);
  /* An emptied list gives its array back (the audit export empties its pager after every
   * page). */
  if (self->n_items == 0)
    {
      g_clear_pointer (&self->items, g_free);
      self->allocated = 0;
    }
}

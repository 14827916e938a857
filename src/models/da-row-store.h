/* da-row-store.h: a list of model objects in one array
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a pager loads into: a GListModel like GListStore, but its items are in one array, where
 * GListStore keeps a tree node per item. With 100,000 rows that is about 32 bytes less per row,
 * and an item at any position is found at once (a sorted or filtered view of the list asks for
 * positions out of order, which GListStore answers by walking its tree). */
#define DA_TYPE_ROW_STORE (da_row_store_get_type ())
G_DECLARE_FINAL_TYPE (DaRowStore, da_row_store, DA, ROW_STORE, GObject)

DaRowStore *da_row_store_new        (GType       item_type);
GType       da_row_store_get_item_type (DaRowStore *self);
void        da_row_store_splice     (DaRowStore *self,
                                     guint       position,
                                     guint       n_removals,
                                     gpointer   *additions,
                                     guint       n_additions);
void        da_row_store_append     (DaRowStore *self,
                                     gpointer    item);
void        da_row_store_remove     (DaRowStore *self,
                                     guint       position);
void        da_row_store_remove_all (DaRowStore *self);

G_END_DECLS

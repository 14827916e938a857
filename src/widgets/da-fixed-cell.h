/* da-fixed-cell.h: a list cell in a column of fixed width
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * DaFixedCell:
 *
 * Holds the one widget of a cell in a GtkColumnView column that has a fixed width. Measured
 * across, it asks for no width: GTK 4.8 measures every cell of a column across whenever the
 * window's size is computed, fixed width or not, and for an ellipsized label that is its text
 * laid out twice, for a width the column does not use. Measured down, it asks for its child's
 * height at the width given; its child gets all of its allocation, so an ellipsized label still
 * ellipsizes at the column's width. The child stays what a screen reader and the tests find.
 */
#define DA_TYPE_FIXED_CELL (da_fixed_cell_get_type ())
G_DECLARE_FINAL_TYPE (DaFixedCell, da_fixed_cell, DA, FIXED_CELL, GtkWidget)

GtkWidget *da_fixed_cell_new       (GtkWidget   *child);
GtkWidget *da_fixed_cell_get_child (DaFixedCell *self);

/* The widget @item shows: the child of the DaFixedCell it shows, or else its own child. */
GtkWidget *da_fixed_cell_get_item_content (GtkListItem *item);

G_END_DECLS

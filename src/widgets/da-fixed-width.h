/* da-fixed-width.h: a widget whose width is set from outside, not by its content
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * DaFixedWidth:
 *
 * Holds one widget whose width its parent or its own width request decides: a cell of a
 * GtkColumnView column of fixed width, a side pane of set width. Measured across, it asks for no
 * width of its own (only its width request), so its child is never measured across for its
 * parent: GTK 4.8 measures every cell of a column across whenever the window's size is computed,
 * fixed width or not (an ellipsized label's text laid out twice, for a width the column does not
 * use), and a pane's natural width would follow the longest line of its text. Measured down, it
 * asks for its child's height at the width given; its child gets all of its allocation, so a
 * label still ellipsizes or wraps at the width it gets. The child stays what a screen reader and
 * the tests find.
 */
#define DA_TYPE_FIXED_WIDTH (da_fixed_width_get_type ())
G_DECLARE_FINAL_TYPE (DaFixedWidth, da_fixed_width, DA, FIXED_WIDTH, AdwBin)

/* Its child is an AdwBin's: adw_bin_get_child () and adw_bin_set_child (). */
GtkWidget *da_fixed_width_new (GtkWidget *child);

/* The widget @item shows: the child of the DaFixedWidth it shows, or else its own child. */
GtkWidget *da_fixed_width_get_item_content (GtkListItem *item);

G_END_DECLS

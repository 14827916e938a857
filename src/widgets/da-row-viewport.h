/* da-row-viewport.h: a GtkColumnView with a row widget per row in view, for long lists
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * DaRowViewport:
 *
 * GTK 4.8's list views keep about 200 row widgets around the rows in view, and make new ones
 * for the rows a change of the model brings: with a long list, every key typed in a search
 * built and laid out 200 rows again. A DaRowViewport sits between a GtkScrolledWindow and a
 * GtkColumnView and gives the column view as many rows as the view shows (one more while a row
 * is half scrolled out), each row showing the item of the model at the scrolled position. The
 * rows are made once; scrolling and changes of the model only bind them to other items.
 *
 *   GtkScrolledWindow
 *   └── DaRowViewport ("child": the GtkColumnView; "model": the list's selection model)
 *
 * The column view keeps its header, columns, sorters and styles; its model is the viewport's
 * (never set it directly). Its columns' factories must be GtkSignalListItemFactory: their
 * handlers get each row's item with da_list_item_get_item(), and are called again (unbind, then
 * bind) when a row shows another item. The scrolled window's vertical adjustment measures the
 * whole list (rows × the height of a row), so a page reads and sets the scroll position as
 * before. Selection, Up, Down, Page Up, Page Down, Home and End (with Shift and Ctrl) work on the
 * whole model; a column view's "activate" position is a row of the view: map it with
 * da_row_viewport_get_position().
 *
 * Rows are assumed to be of one height, that of the first row.
 */
#define DA_TYPE_ROW_VIEWPORT (da_row_viewport_get_type ())
G_DECLARE_FINAL_TYPE (DaRowViewport, da_row_viewport, DA, ROW_VIEWPORT, GtkWidget)

GtkWidget         *da_row_viewport_new           (void);

void               da_row_viewport_set_child     (DaRowViewport     *self,
                                                  GtkColumnView     *child);
GtkColumnView     *da_row_viewport_get_child     (DaRowViewport     *self);

/* The list's selection model (a GtkSingleSelection, GtkMultiSelection, …), nullable. */
void               da_row_viewport_set_model     (DaRowViewport     *self,
                                                  GtkSelectionModel *model);
GtkSelectionModel *da_row_viewport_get_model     (DaRowViewport     *self);

/* The position in the model of the column view's row @row, or GTK_INVALID_LIST_POSITION. */
guint              da_row_viewport_get_position  (DaRowViewport     *self,
                                                  guint              row);
/* How many rows the column view has: those in view. */
guint              da_row_viewport_get_n_rows    (DaRowViewport     *self);

/* The item a list item shows: through a DaRowViewport, the model's item at its row; otherwise
 * gtk_list_item_get_item(). (transfer none) */
gpointer           da_list_item_get_item         (GtkListItem       *list_item);
/* A cell's tooltip, shown when asked for. gtk_widget_set_tooltip_text() asks the display where
 * the pointer is (a round trip to the X server) each time: binding rows with it made scrolling
 * and searching wait on the display. The text is also the cell's accessible description. */
void               da_cell_set_tooltip           (GtkWidget         *cell,
                                                  const char        *text);
/* (nullable) */
const char        *da_cell_get_tooltip           (GtkWidget         *cell);

/* The model a column view shows: its DaRowViewport's, or its own. (transfer none) */
GtkSelectionModel *da_column_view_get_list_model (GtkColumnView     *column_view);

G_END_DECLS

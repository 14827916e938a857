/* da-fixed-cell.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-fixed-cell.h"

struct _DaFixedCell
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (DaFixedCell, da_fixed_cell, GTK_TYPE_WIDGET)

static void
da_fixed_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DaFixedCell *self = DA_FIXED_CELL (widget);

  /* Across, the column's fixed width decides: the text need not be laid out to learn its. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL || self->child == NULL)
    {
      *minimum = *natural = 0;
      return;
    }

  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static void
da_fixed_cell_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DaFixedCell *self = DA_FIXED_CELL (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
da_fixed_cell_get_request_mode (GtkWidget *widget)
{
  DaFixedCell *self = DA_FIXED_CELL (widget);

  return self->child != NULL ? gtk_widget_get_request_mode (self->child)
                             : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
da_fixed_cell_dispose (GObject *object)
{
  DaFixedCell *self = DA_FIXED_CELL (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (da_fixed_cell_parent_class)->dispose (object);
}

static void
da_fixed_cell_class_init (DaFixedCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_fixed_cell_dispose;

  widget_class->measure = da_fixed_cell_measure;
  widget_class->size_allocate = da_fixed_cell_size_allocate;
  widget_class->get_request_mode = da_fixed_cell_get_request_mode;

  /* Nothing of its own for a screen reader: its child is the cell's content. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
da_fixed_cell_init (DaFixedCell *self)
{
}

GtkWidget *
da_fixed_cell_new (GtkWidget *child)
{
  DaFixedCell *self;

  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);
  g_return_val_if_fail (gtk_widget_get_parent (child) == NULL, NULL);

  self = g_object_new (DA_TYPE_FIXED_CELL, NULL);
  self->child = child;
  gtk_widget_set_parent (child, GTK_WIDGET (self));

  return GTK_WIDGET (self);
}

GtkWidget *
da_fixed_cell_get_child (DaFixedCell *self)
{
  g_return_val_if_fail (DA_IS_FIXED_CELL (self), NULL);

  return self->child;
}

GtkWidget *
da_fixed_cell_get_item_content (GtkListItem *item)
{
  GtkWidget *child;

  g_return_val_if_fail (GTK_IS_LIST_ITEM (item), NULL);

  child = gtk_list_item_get_child (item);
  return DA_IS_FIXED_CELL (child) ? DA_FIXED_CELL (child)->child : child;
}

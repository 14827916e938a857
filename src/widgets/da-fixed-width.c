/* da-fixed-width.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-fixed-width.h"

struct _DaFixedWidth
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (DaFixedWidth, da_fixed_width, ADW_TYPE_BIN)

static void
da_fixed_width_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  /* Across, the width request (or the column) decides: the content need not be laid out. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL || child == NULL)
    {
      *minimum = *natural = 0;
      return;
    }

  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static void
da_fixed_width_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
da_fixed_width_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
da_fixed_width_class_init (DaFixedWidthClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = da_fixed_width_measure;
  widget_class->size_allocate = da_fixed_width_size_allocate;
  widget_class->get_request_mode = da_fixed_width_get_request_mode;

  /* Nothing of its own for a screen reader: its child is the content. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
da_fixed_width_init (DaFixedWidth *self)
{
  /* AdwBin's layout manager would measure the child: the vfuncs above lay it out instead. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

GtkWidget *
da_fixed_width_new (GtkWidget *child)
{
  GtkWidget *self;

  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);
  g_return_val_if_fail (gtk_widget_get_parent (child) == NULL, NULL);

  self = g_object_new (DA_TYPE_FIXED_WIDTH, NULL);
  adw_bin_set_child (ADW_BIN (self), child);

  return self;
}

GtkWidget *
da_fixed_width_get_item_content (GtkListItem *item)
{
  GtkWidget *child;

  g_return_val_if_fail (GTK_IS_LIST_ITEM (item), NULL);

  child = gtk_list_item_get_child (item);
  return DA_IS_FIXED_WIDTH (child) ? adw_bin_get_child (ADW_BIN (child)) : child;
}

/* da-chart-forms.c: DaChart as text, as a table and as a picture
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-chart-private.h"

/* ---- text about the data ------------------------------------------------------------------ */

char *
da_chart_dup_point_text (DaChart *self,
                         guint    index)
{
  GString *text;
  double limit;

  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  if (index >= self->n)
    return NULL;

  text = g_string_new (category_detail (self, index));

  for (guint s = 0; s < self->series->len && s < MAX_TIP_SERIES; s++)
    {
      DaChartSeries *series = get_series (self, s);
      g_autofree char *value = format_value (self, series->values[index]);

      g_autofree char *entry = NULL;

      if (self->series->len == 1 && (series->name == NULL || *series->name == '\0'))
        entry = g_steal_pointer (&value);
      else
        /* Translators: a name and a value in a chart's tooltip, e.g. "Engineering: 12 ACUs" */
        entry = g_strdup_printf (_("%s: %s"), series->name, value);
      g_string_append_printf (text, "\n%s", entry);
    }

  if (self->series->len > 1)
    {
      g_autofree char *total = format_value (self, self->totals[index]);
      /* Translators: the sum of a stacked bar in a chart's tooltip */
      g_autofree char *entry = g_strdup_printf (_("Total: %s"), total);

      g_string_append_printf (text, "\n%s", entry);
    }

  for (guint l = 0; l < self->lines->len; l++)
    {
      DaChartSeries *line = get_line (self, l);
      g_autofree char *value = format_value (self, line->values[index]);
      g_autofree char *entry = g_strdup_printf (_("%s: %s"), line->name, value);

      g_string_append_printf (text, "\n%s", entry);
    }

  limit = limit_of (self, index);
  if (!isnan (limit))
    {
      g_autofree char *value = format_value (self, limit);
      g_autofree char *entry = NULL;

      if (limit > 0)
        /* Translators: a limit and how much of it is used, e.g. "Limit: 1,500 ACUs (34 % used)" */
        entry = g_strdup_printf (_("Limit: %s (%.0f %% used)"), value,
                                 floor (self->totals[index] / limit * 100));
      else
        /* Translators: a limit in a chart's tooltip, e.g. "Limit: 0 ACUs" */
        entry = g_strdup_printf (_("Limit: %s"), value);
      g_string_append_printf (text, "\n%s", entry);
    }

  return g_string_free (text, FALSE);
}

char *
da_chart_dup_summary (DaChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *count = NULL;
  double sum = 0;
  guint highest = 0;

  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  if (self->n == 0)
    return g_strdup (self->empty_text != NULL ? self->empty_text : _("No data"));

  for (guint i = 0; i < self->n; i++)
    {
      sum += self->totals[i];
      if (self->totals[i] > self->totals[highest])
        highest = i;
    }

  count = da_format_count (self->n);
  if (self->n == 1)
    /* Translators: what a chart with one bar shows, e.g. "One bar: June 5." */
    g_string_append_printf (text, _("One bar: %s."), category_detail (self, 0));
  else
    g_string_append_printf (text,
                            /* Translators: what a chart shows, e.g. "18 bars, from June 5 to
                             * June 22." */
                            ngettext ("%s bar, from %s to %s.", "%s bars, from %s to %s.",
                                      self->n),
                            count, category_detail (self, 0), category_detail (self, self->n - 1));

  if (self->series->len > 0)
    {
      g_autofree char *high = format_value (self, self->totals[highest]);
      g_autofree char *total = format_value (self, sum);

      if (self->n > 1)
        {
          g_string_append_c (text, ' ');
          /* Translators: the highest bar of a chart, e.g. "Highest: 412 ACUs, June 10." */
          g_string_append_printf (text, _("Highest: %s, %s."), high,
                                  category_detail (self, highest));
        }
      g_string_append_c (text, ' ');
      /* Translators: the sum of a chart's bars, e.g. "Total: 3,400 ACUs." */
      g_string_append_printf (text, _("Total: %s."), total);
    }

  for (guint t = 0; t < self->thresholds->len; t++)
    {
      DaChartThreshold *threshold = get_threshold (self, t);
      g_autofree char *value = format_value (self, threshold->value);

      g_string_append_c (text, ' ');
      /* Translators: a limit drawn on a chart, e.g. "Engineering limit: 1,500 ACUs." */
      g_string_append_printf (text, _("%s: %s."), threshold->name, value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}


/* ---- the table ---------------------------------------------------------------------------- */

typedef struct
{
  grefcount   ref_count;
  guint       n_columns;
  GPtrArray  *cells;   /* row-major strings */
} TableData;

typedef struct
{
  TableData  *data;
  guint       column;
} TableColumn;

static TableData *
table_data_ref (TableData *data)
{
  g_ref_count_inc (&data->ref_count);
  return data;
}

static void
table_data_unref (TableData *data)
{
  if (!g_ref_count_dec (&data->ref_count))
    return;

  g_ptr_array_unref (data->cells);
  g_free (data);
}

static void
table_column_free (gpointer  data,
                   GClosure *closure)
{
  TableColumn *column = data;

  table_data_unref (column->data);
  g_free (column);
}

static void
on_table_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   TableColumn              *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->column == 0 ? 0 : 1);
  if (column->column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_table_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  TableColumn              *column)
{
  GtkStringObject *row = gtk_list_item_get_item (item);
  guint64 index = g_ascii_strtoull (gtk_string_object_get_string (row), NULL, 10);
  guint cell = (guint) index * column->data->n_columns + column->column;

  if (cell < column->data->cells->len)
    gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                         g_ptr_array_index (column->data->cells, cell));
}

static char *
dup_column_title (DaChart    *self,
                  const char *name)
{
  if (self->unit == NULL)
    return g_strdup (name);
  /* Translators: a column of numbers with their unit, e.g. "Engineering (ACUs)" */
  return g_strdup_printf (_("%s (%s)"), name, self->unit);
}

GtkWidget *
da_chart_create_table (DaChart *self)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  GtkNoSelection *selection;
  TableData *data;
  GtkWidget *view;
  gboolean with_total;
  gboolean with_limits;

  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  with_total = self->stacked && self->series->len > 1;
  with_limits = self->limits != NULL;

  g_ptr_array_add (titles, g_strdup (self->category_title != NULL ? self->category_title
                                                                  : _("Category")));
  for (guint s = 0; s < self->series->len; s++)
    {
      const char *name = get_series (self, s)->name;

      g_ptr_array_add (titles, dup_column_title (self, *name != '\0' ? name : _("Value")));
    }
  if (with_total)
    g_ptr_array_add (titles, dup_column_title (self, _("Total")));
  for (guint l = 0; l < self->lines->len; l++)
    g_ptr_array_add (titles, g_strdup (get_line (self, l)->name));
  if (with_limits)
    g_ptr_array_add (titles, dup_column_title (self, _("Limit")));

  data = g_new0 (TableData, 1);
  g_ref_count_init (&data->ref_count);
  data->n_columns = titles->len;
  data->cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->n; i++)
    {
      char index[16];

      g_ptr_array_add (data->cells, g_strdup (category_detail (self, i)));
      for (guint s = 0; s < self->series->len; s++)
        g_ptr_array_add (data->cells, da_format_acus (get_series (self, s)->values[i]));
      if (with_total)
        g_ptr_array_add (data->cells, da_format_acus (self->totals[i]));
      for (guint l = 0; l < self->lines->len; l++)
        g_ptr_array_add (data->cells, da_format_acus (get_line (self, l)->values[i]));
      if (with_limits)
        {
          double limit = limit_of (self, i);

          g_ptr_array_add (data->cells, isnan (limit) ? g_strdup ("—") : da_format_acus (limit));
        }

      g_snprintf (index, sizeof index, "%u", i);
      gtk_string_list_append (rows, index);
    }

  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), FALSE);
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  -1);

  for (guint c = 0; c < titles->len; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      TableColumn *column = g_new0 (TableColumn, 1);
      GtkColumnViewColumn *view_column;

      column->data = table_data_ref (data);
      column->column = c;
      g_signal_connect (factory, "setup", G_CALLBACK (on_table_setup_cb), column);
      g_signal_connect_data (factory, "bind", G_CALLBACK (on_table_bind_cb), column,
                             table_column_free, 0);

      view_column = gtk_column_view_column_new (g_ptr_array_index (titles, c), factory);
      gtk_column_view_column_set_expand (view_column, c == 0);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), view_column);
      g_object_unref (view_column);
    }

  table_data_unref (data);
  return view;
}

/* ---- a picture ---------------------------------------------------------------------------- */

GdkTexture *
da_chart_render_texture (DaChart *self,
                         int      scale)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) own_renderer = NULL;
  GskRenderer *renderer = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  DaChartColors colors;
  int width, height;

  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return NULL;
  scale = MAX (scale, 1);

  _da_chart_get_colors (self, &colors);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_append_color (snapshot, &colors.background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  _da_chart_draw (self, snapshot, width, height, scale, FALSE);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  native = gtk_widget_get_native (GTK_WIDGET (self));
  if (native != NULL)
    renderer = gtk_native_get_renderer (native);
  if (renderer == NULL)
    {
      g_autoptr(GError) error = NULL;

      own_renderer = gsk_cairo_renderer_new ();
      if (!gsk_renderer_realize (own_renderer, NULL, &error))
        {
          g_warning ("Could not draw the chart: %s", error->message);
          return NULL;
        }
      renderer = own_renderer;
    }

  {
    GdkTexture *texture = gsk_renderer_render_texture (renderer, node,
                                                       &GRAPHENE_RECT_INIT (0, 0, width * scale,
                                                                            height * scale));

    if (own_renderer != NULL)
      gsk_renderer_unrealize (own_renderer);
    return texture;
  }
}

/* da-chart-draw.c: the colours, layout and drawing of DaChart
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-chart-private.h"

typedef enum
{
  LEGEND_SERIES,
  LEGEND_LINE,
  LEGEND_THRESHOLD,
} LegendKind;

typedef struct
{
  LegendKind  kind;
  guint       index;
  double      x;
  double      y;
} LegendItem;


/* The GNOME palette's middle shades: readable on the light and the dark background. */
static const char * const palette[] = {
  "#3584e4", "#2ec27e", "#e5a50a", "#ff7800", "#e01b24", "#9141ac", "#986a44", "#1c71d8",
  "#26a269", "#c64600",
};

/* ---- colours ------------------------------------------------------------------------------ */

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

void
_da_chart_get_colors (DaChart       *self,
                      DaChartColors *colors)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &colors->fg);
  lookup_color (context, "accent_bg_color", "#3584e4", &colors->accent);
  lookup_color (context, "error_bg_color", "#e01b24", &colors->error);
  lookup_color (context, "window_bg_color", "#fafafa", &colors->background);
}

static double
color_distance (const GdkRGBA *a,
                const GdkRGBA *b)
{
  return fabs (a->red - b->red) + fabs (a->green - b->green) + fabs (a->blue - b->blue);
}

/* The n-th colour after the accent: the palette without its colour nearest the accent. */
static void
palette_color (const DaChartColors *colors,
               guint                n,
               GdkRGBA             *color)
{
  guint nearest = 0;
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GdkRGBA candidate;

      gdk_rgba_parse (&candidate, palette[i]);
      if (color_distance (&candidate, &colors->accent) < best)
        {
          best = color_distance (&candidate, &colors->accent);
          nearest = i;
        }
    }

  n %= G_N_ELEMENTS (palette) - 1;
  gdk_rgba_parse (color, palette[n >= nearest ? n + 1 : n]);
}

void
_da_chart_color_of_series (DaChart             *self,
                           const DaChartColors *colors,
                           guint                index,
                           GdkRGBA             *color)
{
  DaChartSeries *series = get_series (self, index);

  if (series->muted)
    {
      *color = colors->fg;
      color->alpha *= 0.3f;
    }
  else if (index == 0)
    *color = colors->accent;
  else
    palette_color (colors, index - 1, color);
}

static void
color_of_line (DaChart             *self,
               const DaChartColors *colors,
               guint                index,
               GdkRGBA             *color)
{
  if (index == 0)
    {
      *color = colors->fg;
      color->alpha *= 0.85f;
    }
  else
    palette_color (colors, self->series->len + index - 1, color);
}

static void
color_of_threshold (DaChart             *self,
                    const DaChartColors *colors,
                    guint                index,
                    GdkRGBA             *color)
{
  DaChartThreshold *threshold = get_threshold (self, index);

  if (threshold->line >= 0 && (guint) threshold->line < self->lines->len)
    color_of_line (self, colors, threshold->line, color);
  else
    color_of_line (self, colors, 0, color);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

/* ---- text --------------------------------------------------------------------------------- */

static PangoLayout *
create_text (DaChart    *self,
             const char *text,
             gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Figures line up in tabular digits. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static double
text_width (DaChart    *self,
            const char *text,
            gboolean    small)
{
  g_autoptr(PangoLayout) layout = create_text (self, text, small);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

double
_da_chart_small_line_height (DaChart *self)
{
  g_autoptr(PangoLayout) layout = create_text (self, "0", TRUE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* ---- layout ------------------------------------------------------------------------------- */

void
_da_chart_invalidate_layout (DaChart *self)
{
  self->layout.valid = FALSE;
}

static double
value_max (DaChart *self)
{
  double max = 0;

  if (self->stacked)
    return da_chart_max (self->totals, self->n);

  for (guint s = 0; s < self->series->len; s++)
    max = MAX (max, da_chart_max (get_series (self, s)->values, self->n));
  return max;
}

static double
line_max (DaChart *self)
{
  double max = 0;

  for (guint l = 0; l < self->lines->len; l++)
    max = MAX (max, da_chart_max (get_line (self, l)->values, self->n));
  return max;
}

static double
threshold_max (DaChart *self)
{
  double max = 0;

  for (guint t = 0; t < self->thresholds->len; t++)
    max = MAX (max, da_chart_max (&get_threshold (self, t)->value, 1));
  return max;
}

static char *
dup_legend_name (DaChart    *self,
                 LegendKind  kind,
                 guint       index)
{
  switch (kind)
    {
    case LEGEND_SERIES:
      return g_strdup (get_series (self, index)->name);
    case LEGEND_LINE:
      return g_strdup (get_line (self, index)->name);
    case LEGEND_THRESHOLD:
      {
        DaChartThreshold *threshold = get_threshold (self, index);
        g_autofree char *value = format_value (self, threshold->value);

        /* Translators: a limit in a chart's legend, e.g. "Engineering limit: 1,500 ACUs" */
        return g_strdup_printf (_("%s: %s"), threshold->name, value);
      }
    default:
      g_assert_not_reached ();
    }
}

/* Lays the legend out in rows across @width from @top; returns its height. */
static double
layout_legend (DaChart       *self,
               DaChartLayout *layout,
               double         width,
               double         top)
{
  double x = PADDING;
  double y = top;
  double row = MAX (layout->line_height, SWATCH) + 4;
  gboolean any = FALSE;

  if (layout->legend == NULL)
    layout->legend = g_array_new (FALSE, FALSE, sizeof (LegendItem));
  g_array_set_size (layout->legend, 0);

  for (LegendKind kind = LEGEND_SERIES; kind <= LEGEND_THRESHOLD; kind++)
    {
      guint count = kind == LEGEND_SERIES ? (self->series->len > 1 ? self->series->len : 0)
                  : kind == LEGEND_LINE ? self->lines->len
                  : self->thresholds->len;

      for (guint i = 0; i < count; i++)
        {
          g_autofree char *name = dup_legend_name (self, kind, i);
          double item = SWATCH + 6 + text_width (self, name, TRUE);
          LegendItem entry = { kind, i, 0, 0 };

          if (any && x + item > width - PADDING)
            {
              x = PADDING;
              y += row;
            }
          entry.x = x;
          entry.y = y;
          g_array_append_val (layout->legend, entry);
          x += item + LEGEND_GAP;
          any = TRUE;
        }
    }

  return any ? y + row - top + 4 : 0;
}

static double
tick_labels_width (DaChart            *self,
                   const DaChartTicks *ticks)
{
  double width = 0;

  for (guint i = 0; i < ticks->n_ticks; i++)
    {
      g_autofree char *label = da_chart_ticks_format (ticks, da_chart_ticks_value (ticks, i));

      width = MAX (width, text_width (self, label, TRUE));
    }
  return width;
}

static double
max_label_width (DaChart *self)
{
  double width = 0;

  /* Measuring thousands of labels is wasted: they all look alike then. */
  for (guint i = 0; i < self->n; i += self->n > 400 ? self->n / 200 : 1)
    width = MAX (width, text_width (self, self->labels[i], TRUE));
  if (self->n > 0)
    width = MAX (width, text_width (self, self->labels[self->n - 1], TRUE));
  return width;
}

static char *
dup_bar_value_text (DaChart *self,
                    guint    index)
{
  g_autofree char *value = da_format_acus (self->totals[index]);
  double limit = limit_of (self, index);
  g_autofree char *limit_text = NULL;

  if (isnan (limit))
    return g_steal_pointer (&value);

  limit_text = da_format_acus (limit);
  /* Translators: a bar's value against its limit, e.g. "512.5 / 1,500" */
  return g_strdup_printf (_("%s / %s"), value, limit_text);
}

void
_da_chart_ensure_layout (DaChart *self,
                         int      width,
                         int      height)
{
  DaChartLayout *layout = &self->layout;
  double top, bottom, left, right;
  double bars_max, lines_max;
  gboolean has_lines;
  int max_ticks;

  if (layout->valid && layout->width == width && layout->height == height)
    return;

  layout->valid = TRUE;
  layout->width = width;
  layout->height = height;
  layout->line_height = _da_chart_small_line_height (self);
  layout->category_width = 0;
  layout->label_stride = 1;

  top = PADDING + layout_legend (self, layout, width, PADDING);
  bottom = PADDING;
  left = PADDING;
  right = PADDING;

  has_lines = self->lines->len > 0;
  bars_max = value_max (self);
  lines_max = line_max (self);
  if (has_lines)
    lines_max = MAX (lines_max, threshold_max (self));
  else
    bars_max = MAX (bars_max, threshold_max (self));
  if (!is_vertical (self))
    bars_max = MAX (bars_max, da_chart_max (self->limits, self->limits != NULL ? self->n : 0));
  layout->line_axis = has_lines && is_vertical (self);

  if (is_vertical (self))
    {
      double plot_height;

      /* the units above the axes */
      if (self->unit != NULL || (layout->line_axis && self->line_unit != NULL))
        top += layout->line_height + 4;
      bottom += layout->line_height + LABEL_GAP;

      plot_height = MAX (height - top - bottom, 1);
      max_ticks = (int) CLAMP (plot_height / (layout->line_height * 2.5), 2, MAX_TICKS);
      da_chart_ticks_compute (0, bars_max, max_ticks, &layout->ticks);
      left += tick_labels_width (self, &layout->ticks) + LABEL_GAP;

      if (layout->line_axis)
        {
          /* as many ticks as the bars' axis: its grid lines serve both */
          da_chart_ticks_compute_aligned (lines_max, layout->ticks.n_ticks, &layout->line_ticks);
          right += tick_labels_width (self, &layout->line_ticks) + LABEL_GAP;
        }

      graphene_rect_init (&layout->plot, left, top,
                          MAX (width - left - right, 1), plot_height);

      if (self->n > 0)
        layout->label_stride = da_chart_label_stride (layout->plot.size.width / self->n,
                                                      max_label_width (self), 10);
    }
  else
    {
      double value_width = 0;
      double plot_width;
      double probe;

      layout->category_width = MIN (max_label_width (self), width * 0.4) + LABEL_GAP;
      left += layout->category_width;

      for (guint i = 0; i < self->n; i++)
        {
          g_autofree char *text = dup_bar_value_text (self, i);

          value_width = MAX (value_width, text_width (self, text, TRUE));
        }
      right += value_width + LABEL_GAP;

      bottom += layout->line_height + LABEL_GAP;
      if (self->unit != NULL)
        bottom += layout->line_height + 2;

      plot_width = MAX (width - left - right, 1);
      /* The ticks' labels along the axis need room of their own. */
      da_chart_ticks_compute (0, bars_max, MAX_TICKS, &layout->ticks);
      probe = tick_labels_width (self, &layout->ticks) + 16;
      max_ticks = (int) CLAMP (plot_width / MAX (probe, 1), 2, MAX_TICKS);
      da_chart_ticks_compute (0, bars_max, max_ticks, &layout->ticks);

      graphene_rect_init (&layout->plot, left, top, plot_width,
                          MAX (height - top - bottom, 1));

      if (self->n > 0)
        layout->label_stride = da_chart_label_stride (layout->plot.size.height / self->n,
                                                      layout->line_height, 2);
    }
}

/* The bar of category @index between the values @from and @to, snapped to the pixel grid. */
void
_da_chart_bar_rect (DaChart         *self,
                    guint            index,
                    guint            slot,
                    guint            n_slots,
                    double           from,
                    double           to,
                    int              scale,
                    graphene_rect_t *rect)
{
  const graphene_rect_t *plot = &self->layout.plot;
  const DaChartTicks *ticks = &self->layout.ticks;
  double start, size, a, b;

  if (is_vertical (self))
    {
      da_chart_band_bar (plot->origin.x, plot->size.width, self->n, index, BAR_FILL, MAX_COLUMN,
                         1.0 / scale, &start, &size);
      start += size / n_slots * slot;
      size /= n_slots;
      a = da_chart_ticks_scale (ticks, to, plot->origin.y + plot->size.height, plot->origin.y);
      b = da_chart_ticks_scale (ticks, from, plot->origin.y + plot->size.height, plot->origin.y);
      a = da_chart_snap (a, scale);
      b = da_chart_snap (b, scale);
      /* a small non-zero value stays visible next to a huge one */
      if (to > from && b - a < 1.0 / scale)
        a = b - 1.0 / scale;
      graphene_rect_init (rect, da_chart_snap (start, scale), a,
                          MAX (da_chart_snap (start + size, scale) - da_chart_snap (start, scale),
                               1.0 / scale),
                          b - a);
    }
  else
    {
      da_chart_band_bar (plot->origin.y, plot->size.height, self->n, index, BAR_FILL, MAX_ROW_BAR,
                         1.0 / scale, &start, &size);
      start += size / n_slots * slot;
      size /= n_slots;
      a = da_chart_snap (da_chart_ticks_scale (ticks, from, plot->origin.x,
                                               plot->origin.x + plot->size.width), scale);
      b = da_chart_snap (da_chart_ticks_scale (ticks, to, plot->origin.x,
                                               plot->origin.x + plot->size.width), scale);
      if (to > from && b - a < 1.0 / scale)
        b = a + 1.0 / scale;
      graphene_rect_init (rect, a, da_chart_snap (start, scale), b - a,
                          MAX (da_chart_snap (start + size, scale) - da_chart_snap (start, scale),
                               1.0 / scale));
    }
}

/* The whole band of category @index, across the plot. */
void
_da_chart_band_rect (DaChart         *self,
                     guint            index,
                     graphene_rect_t *rect)
{
  const graphene_rect_t *plot = &self->layout.plot;

  if (is_vertical (self))
    {
      double band = plot->size.width / self->n;

      graphene_rect_init (rect, plot->origin.x + band * index, plot->origin.y, band,
                          plot->size.height);
    }
  else
    {
      double band = plot->size.height / self->n;

      graphene_rect_init (rect, 0, plot->origin.y + band * index, self->layout.width, band);
    }
}

static double
line_position (DaChart *self,
               guint    index,
               double   value)
{
  const graphene_rect_t *plot = &self->layout.plot;
  const DaChartTicks *ticks = self->layout.line_axis ? &self->layout.line_ticks
                                                      : &self->layout.ticks;

  return da_chart_ticks_scale (ticks, value, plot->origin.y + plot->size.height, plot->origin.y);
}

static double
threshold_position (DaChart *self,
                    double   value)
{
  const graphene_rect_t *plot = &self->layout.plot;

  if (is_vertical (self))
    return line_position (self, 0, value);
  return da_chart_ticks_scale (&self->layout.ticks, value, plot->origin.x,
                               plot->origin.x + plot->size.width);
}

/* ---- drawing ------------------------------------------------------------------------------ */

static void
draw_legend (DaChart             *self,
             GtkSnapshot         *snapshot,
             const DaChartColors *colors)
{
  GdkRGBA text = with_alpha (&colors->fg, 0.8f);

  for (guint i = 0; i < self->layout.legend->len; i++)
    {
      LegendItem *item = &g_array_index (self->layout.legend, LegendItem, i);
      g_autofree char *name = dup_legend_name (self, item->kind, item->index);
      g_autoptr(PangoLayout) layout = create_text (self, name, TRUE);
      double middle = item->y + self->layout.line_height / 2;
      GdkRGBA color;

      switch (item->kind)
        {
        case LEGEND_SERIES:
          _da_chart_color_of_series (self, colors, item->index, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (item->x, middle - SWATCH / 2,
                                                          SWATCH, SWATCH));
          break;
        case LEGEND_LINE:
          color_of_line (self, colors, item->index, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (item->x, middle - 1, SWATCH, 2));
          break;
        case LEGEND_THRESHOLD:
          color_of_threshold (self, colors, item->index, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (item->x, middle - 1, 4, 2));
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (item->x + 6, middle - 1, 4, 2));
          break;
        default:
          g_assert_not_reached ();
        }

      draw_text (snapshot, layout, item->x + SWATCH + 6, item->y, &text);
    }
}

static void
draw_vertical_axes (DaChart             *self,
                    GtkSnapshot         *snapshot,
                    const DaChartColors *colors,
                    int                  scale)
{
  const DaChartLayout *layout = &self->layout;
  const graphene_rect_t *plot = &layout->plot;
  GdkRGBA grid = with_alpha (&colors->fg, 0.12f);
  GdkRGBA base = with_alpha (&colors->fg, 0.45f);
  GdkRGBA text = with_alpha (&colors->fg, 0.7f);
  double hairline = 1.0 / scale;

  for (guint i = 0; i < layout->ticks.n_ticks; i++)
    {
      double value = da_chart_ticks_value (&layout->ticks, i);
      double y = da_chart_snap (da_chart_ticks_scale (&layout->ticks, value,
                                                      plot->origin.y + plot->size.height,
                                                      plot->origin.y), scale);
      g_autofree char *label = da_chart_ticks_format (&layout->ticks, value);
      g_autoptr(PangoLayout) text_layout = create_text (self, label, TRUE);
      int w, h;

      gtk_snapshot_append_color (snapshot, value == 0 ? &base : &grid,
                                 &GRAPHENE_RECT_INIT (plot->origin.x,
                                                      y - (value == 0 ? 0 : hairline),
                                                      plot->size.width, hairline));
      pango_layout_get_pixel_size (text_layout, &w, &h);
      draw_text (snapshot, text_layout, plot->origin.x - LABEL_GAP - w, y - h / 2.0, &text);
    }

  if (layout->line_axis)
    for (guint i = 0; i < layout->line_ticks.n_ticks; i++)
      {
        double value = da_chart_ticks_value (&layout->line_ticks, i);
        double y = da_chart_ticks_scale (&layout->line_ticks, value,
                                         plot->origin.y + plot->size.height, plot->origin.y);
        g_autofree char *label = da_chart_ticks_format (&layout->line_ticks, value);
        g_autoptr(PangoLayout) text_layout = create_text (self, label, TRUE);
        int h;

        pango_layout_get_pixel_size (text_layout, NULL, &h);
        draw_text (snapshot, text_layout, plot->origin.x + plot->size.width + LABEL_GAP,
                   y - h / 2.0, &text);
      }

  /* the units, above the axes' labels */
  if (self->unit != NULL)
    {
      g_autoptr(PangoLayout) unit = create_text (self, self->unit, TRUE);

      draw_text (snapshot, unit, PADDING, plot->origin.y - layout->line_height - 4 -
                 layout->line_height / 2, &text);
    }
  if (layout->line_axis && self->line_unit != NULL)
    {
      g_autoptr(PangoLayout) unit = create_text (self, self->line_unit, TRUE);
      int w;

      pango_layout_get_pixel_size (unit, &w, NULL);
      draw_text (snapshot, unit, layout->width - PADDING - w,
                 plot->origin.y - layout->line_height - 4 - layout->line_height / 2, &text);
    }

  /* the categories, as many as fit */
  for (guint i = 0; i < self->n; i += layout->label_stride)
    {
      g_autoptr(PangoLayout) text_layout = create_text (self, self->labels[i], TRUE);
      double band = plot->size.width / self->n;
      double x;
      int w;

      pango_layout_get_pixel_size (text_layout, &w, NULL);
      x = plot->origin.x + band * (i + 0.5) - w / 2.0;
      x = CLAMP (x, 0, layout->width - w);
      draw_text (snapshot, text_layout, x, plot->origin.y + plot->size.height + LABEL_GAP / 2,
                 &text);
    }
}

static void
draw_horizontal_axes (DaChart             *self,
                      GtkSnapshot         *snapshot,
                      const DaChartColors *colors,
                      int                  scale)
{
  const DaChartLayout *layout = &self->layout;
  const graphene_rect_t *plot = &layout->plot;
  GdkRGBA grid = with_alpha (&colors->fg, 0.12f);
  GdkRGBA base = with_alpha (&colors->fg, 0.45f);
  GdkRGBA text = with_alpha (&colors->fg, 0.7f);
  GdkRGBA names = with_alpha (&colors->fg, 0.9f);
  double hairline = 1.0 / scale;
  double band = self->n > 0 ? plot->size.height / self->n : 0;

  for (guint i = 0; i < layout->ticks.n_ticks; i++)
    {
      double value = da_chart_ticks_value (&layout->ticks, i);
      double x = da_chart_snap (da_chart_ticks_scale (&layout->ticks, value, plot->origin.x,
                                                      plot->origin.x + plot->size.width), scale);
      g_autofree char *label = da_chart_ticks_format (&layout->ticks, value);
      g_autoptr(PangoLayout) text_layout = create_text (self, label, TRUE);
      int w;

      gtk_snapshot_append_color (snapshot, value == 0 ? &base : &grid,
                                 &GRAPHENE_RECT_INIT (x, plot->origin.y, hairline,
                                                      plot->size.height));
      pango_layout_get_pixel_size (text_layout, &w, NULL);
      draw_text (snapshot, text_layout, CLAMP (x - w / 2.0, 0, layout->width - w),
                 plot->origin.y + plot->size.height + LABEL_GAP / 2, &text);
    }

  if (self->unit != NULL)
    {
      g_autoptr(PangoLayout) unit = create_text (self, self->unit, TRUE);
      int w;

      pango_layout_get_pixel_size (unit, &w, NULL);
      draw_text (snapshot, unit, plot->origin.x + (plot->size.width - w) / 2,
                 plot->origin.y + plot->size.height + LABEL_GAP / 2 + layout->line_height + 2,
                 &text);
    }

  for (guint i = 0; i < self->n; i += layout->label_stride)
    {
      g_autoptr(PangoLayout) name = create_text (self, self->labels[i], TRUE);
      g_autofree char *value_text = dup_bar_value_text (self, i);
      g_autoptr(PangoLayout) value = create_text (self, value_text, TRUE);
      graphene_rect_t bar;
      int h;

      pango_layout_set_width (name, (int) ((layout->category_width - LABEL_GAP) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (name, NULL, &h);
      draw_text (snapshot, name, PADDING, plot->origin.y + band * (i + 0.5) - h / 2.0, &names);

      /* after the bar, or after its limit's mark when that is further */
      _da_chart_bar_rect (self, i, 0, 1, 0, MAX (self->totals[i], isnan (limit_of (self, i)) ? 0
                          : limit_of (self, i)),
                          scale, &bar);
      draw_text (snapshot, value, bar.origin.x + bar.size.width + LABEL_GAP,
                 plot->origin.y + band * (i + 0.5) - h / 2.0, &text);
    }
}

static void
draw_bars (DaChart             *self,
           GtkSnapshot         *snapshot,
           const DaChartColors *colors,
           int                  scale)
{
  guint n_series = self->series->len;

  for (guint i = 0; i < self->n; i++)
    {
      double limit = limit_of (self, i);
      graphene_rect_t rect;

      /* a horizontal bar's limit: a track up to it */
      if (!is_vertical (self) && !isnan (limit))
        {
          GdkRGBA track = with_alpha (&colors->fg, 0.08f);

          _da_chart_bar_rect (self, i, 0, 1, 0, limit, scale, &rect);
          gtk_snapshot_append_color (snapshot, &track, &rect);
        }

      for (guint s = 0; s < n_series; s++)
        {
          double value = get_series (self, s)->values[i];
          double from = 0, to;
          GdkRGBA color;

          if (!(isfinite (value) && value > 0))
            continue;

          if (self->stacked)
            {
              from = s > 0 ? self->tops[(gsize) (s - 1) * self->n + i] : 0;
              to = self->tops[(gsize) s * self->n + i];
              _da_chart_bar_rect (self, i, 0, 1, from, to, scale, &rect);
            }
          else
            {
              to = value;
              _da_chart_bar_rect (self, i, s, n_series, 0, to, scale, &rect);
            }

          _da_chart_color_of_series (self, colors, s, &color);
          gtk_snapshot_append_color (snapshot, &color, &rect);
        }

      /* what goes over the limit, and the limit's mark */
      if (!is_vertical (self) && !isnan (limit))
        {
          GdkRGBA mark = with_alpha (&colors->fg, 0.7f);

          if (self->totals[i] > limit)
            {
              _da_chart_bar_rect (self, i, 0, 1, limit, self->totals[i], scale, &rect);
              gtk_snapshot_append_color (snapshot, &colors->error, &rect);
            }
          _da_chart_bar_rect (self, i, 0, 1, 0, limit, scale, &rect);
          gtk_snapshot_append_color (snapshot, &mark,
                                     &GRAPHENE_RECT_INIT (rect.origin.x + rect.size.width - 1,
                                                          rect.origin.y - 3, 2,
                                                          rect.size.height + 6));
        }
    }
}

static void
draw_lines_and_thresholds (DaChart             *self,
                           GtkSnapshot         *snapshot,
                           const DaChartColors *colors)
{
  const graphene_rect_t *plot = &self->layout.plot;
  cairo_t *cr;

  if (self->lines->len == 0 && self->thresholds->len == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, self->layout.width,
                                                       self->layout.height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint t = 0; t < self->thresholds->len; t++)
    {
      DaChartThreshold *threshold = get_threshold (self, t);
      double pos = threshold_position (self, threshold->value);
      static const double dashes[] = { 6, 4 };
      GdkRGBA color;

      if (!isfinite (threshold->value))
        continue;
      color_of_threshold (self, colors, t, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      if (is_vertical (self))
        {
          cairo_move_to (cr, plot->origin.x, pos);
          cairo_line_to (cr, plot->origin.x + plot->size.width, pos);
        }
      else
        {
          cairo_move_to (cr, pos, plot->origin.y);
          cairo_line_to (cr, pos, plot->origin.y + plot->size.height);
        }
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);

  if (is_vertical (self) && self->n > 0)
    {
      double band = plot->size.width / self->n;

      for (guint l = 0; l < self->lines->len; l++)
        {
          DaChartSeries *line = get_line (self, l);
          GdkRGBA color;

          color_of_line (self, colors, l, &color);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_set_line_width (cr, 2);

          for (guint i = 0; i < self->n; i++)
            {
              double value = isfinite (line->values[i]) ? line->values[i] : 0;
              double x = plot->origin.x + band * (i + 0.5);
              double y = line_position (self, i, value);

              if (i == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_stroke (cr);

          if (self->n <= MAX_MARKERS)
            for (guint i = 0; i < self->n; i++)
              {
                double value = isfinite (line->values[i]) ? line->values[i] : 0;

                cairo_new_sub_path (cr);
                cairo_arc (cr, plot->origin.x + band * (i + 0.5), line_position (self, i, value),
                           2.5, 0, 2 * G_PI);
              }
          cairo_fill (cr);
        }
    }

  cairo_destroy (cr);
}

static void
draw_highlights (DaChart             *self,
                 GtkSnapshot         *snapshot,
                 const DaChartColors *colors,
                 int                  scale)
{
  graphene_rect_t band;

  if (self->hover_index >= 0 && (guint) self->hover_index < self->n)
    {
      GdkRGBA hover = with_alpha (&colors->fg, 0.06f);

      _da_chart_band_rect (self, self->hover_index, &band);
      gtk_snapshot_append_color (snapshot, &hover, &band);
    }

  if (gtk_widget_has_focus (GTK_WIDGET (self)) &&
      (self->keyboard_mode || gtk_widget_has_visible_focus (GTK_WIDGET (self))) &&
      self->focus_index >= 0 && (guint) self->focus_index < self->n)
    {
      GskRoundedRect outline;
      float width = 2;

      _da_chart_band_rect (self, self->focus_index, &band);
      gsk_rounded_rect_init_from_rect (&outline, &band, 4);
      gtk_snapshot_append_border (snapshot, &outline,
                                  (float[4]) { width, width, width, width },
                                  (GdkRGBA[4]) { colors->accent, colors->accent,
                                                 colors->accent, colors->accent });
    }
}

void
_da_chart_draw (DaChart     *self,
                GtkSnapshot *snapshot,
                int          width,
                int          height,
                int          scale,
                gboolean     interactive)
{
  DaChartColors colors;

  if (width <= 0 || height <= 0)
    return;

  _da_chart_ensure_layout (self, width, height);
  _da_chart_get_colors (self, &colors);

  if (self->n == 0)
    {
      const char *empty = self->empty_text != NULL ? self->empty_text : _("No data");
      g_autoptr(PangoLayout) layout = create_text (self, empty, FALSE);
      GdkRGBA text = with_alpha (&colors.fg, 0.55f);
      int w, h;

      pango_layout_set_width (layout, (int) (MAX (width - 2 * PADDING, 1) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (layout, &w, &h);
      draw_text (snapshot, layout, PADDING, (height - h) / 2.0, &text);
      return;
    }

  if (interactive)
    draw_highlights (self, snapshot, &colors, scale);
  draw_legend (self, snapshot, &colors);

  if (is_vertical (self))
    draw_vertical_axes (self, snapshot, &colors, scale);
  else
    draw_horizontal_axes (self, snapshot, &colors, scale);

  draw_bars (self, snapshot, &colors, scale);
  draw_lines_and_thresholds (self, snapshot, &colors);
}

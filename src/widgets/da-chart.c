/* da-chart.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "da-chart-math.h"
#include "da-chart.h"
#include "da-format.h"

#define PADDING         6.0
#define LABEL_GAP       6.0
#define SWATCH          10.0
#define LEGEND_GAP      16.0
#define BAR_FILL        0.7
#define MAX_COLUMN      48.0
#define MAX_ROW_BAR     20.0
#define ROW_HEIGHT      28.0
#define MIN_ROW_HEIGHT  14.0
#define MIN_HEIGHT      220.0
#define NATURAL_HEIGHT  280.0
#define MAX_TICKS       8
/* Categories beyond this have no point markers on lines. */
#define MAX_MARKERS     40
/* How many series a tooltip lists one by one. */
#define MAX_TIP_SERIES  12

typedef struct
{
  char     *name;
  double   *values;
  gboolean  muted;
} Series;

typedef struct
{
  char     *name;
  double    value;
  int       line;
} Threshold;

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

/* Where everything goes at one size; computed when needed, dropped when data or size change. */
typedef struct
{
  gboolean         valid;
  int              width;
  int              height;
  graphene_rect_t  plot;
  GArray          *legend;        /* LegendItem */
  double           line_height;   /* of the small text */
  DaChartTicks     ticks;         /* of the bars' axis */
  DaChartTicks     line_ticks;    /* of the lines' axis, when line_axis */
  gboolean         line_axis;
  double           category_width;  /* horizontal: the names' column */
  guint            label_stride;
} Layout;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA error;
  GdkRGBA background;
} Colors;

struct _DaChart
{
  GtkWidget          parent_instance;

  GtkOrientation     orientation;
  gboolean           stacked;
  char              *title;
  char              *unit;
  char              *line_unit;
  char              *category_title;
  char              *empty_text;

  DaChartFormatFunc  format_func;
  gpointer           format_data;
  GDestroyNotify     format_destroy;

  /* Data */
  guint              n;
  GStrv              labels;
  GStrv              details;
  GPtrArray         *series;      /* Series */
  GPtrArray         *lines;       /* Series */
  GArray            *thresholds;  /* Threshold */
  double            *limits;      /* n, or NULL */
  double            *tops;        /* n_series × n */
  double            *totals;      /* n */

  Layout             layout;

  /* Interaction */
  int                focus_index;
  int                hover_index;
  gboolean           keyboard_mode;
  GtkWidget         *tip;
  GtkLabel          *tip_label;
};

G_DEFINE_FINAL_TYPE (DaChart, da_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORIENTATION,
  PROP_STACKED,
  PROP_TITLE,
  PROP_UNIT,
  PROP_LINE_UNIT,
  PROP_CATEGORY_TITLE,
  PROP_EMPTY_TEXT,
  PROP_FOCUS_INDEX,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The GNOME palette's middle shades: readable on the light and the dark background. */
static const char * const palette[] = {
  "#3584e4", "#2ec27e", "#e5a50a", "#ff7800", "#e01b24", "#9141ac", "#986a44", "#1c71d8",
  "#26a269", "#c64600",
};

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_free (series->values);
  g_free (series);
}

static void
threshold_clear (gpointer data)
{
  Threshold *threshold = data;

  g_free (threshold->name);
}

static gboolean
is_vertical (DaChart *self)
{
  return self->orientation == GTK_ORIENTATION_VERTICAL;
}

static char *
format_value (DaChart *self,
              double   value)
{
  if (self->format_func != NULL)
    return self->format_func (value, self->format_data);
  return da_format_acus (value);
}

static const char *
category_detail (DaChart *self,
                 guint    index)
{
  if (self->details != NULL && self->details[index] != NULL && *self->details[index] != '\0')
    return self->details[index];
  return self->labels[index];
}

static Series *
get_series (DaChart *self,
            guint    index)
{
  return g_ptr_array_index (self->series, index);
}

static Series *
get_line (DaChart *self,
          guint    index)
{
  return g_ptr_array_index (self->lines, index);
}

static Threshold *
get_threshold (DaChart *self,
               guint    index)
{
  return &g_array_index (self->thresholds, Threshold, index);
}

static double
limit_of (DaChart *self,
          guint    index)
{
  if (self->limits == NULL || index >= self->n)
    return NAN;
  return isfinite (self->limits[index]) && self->limits[index] >= 0 ? self->limits[index] : NAN;
}

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

static void
get_colors (DaChart *self,
            Colors  *colors)
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
palette_color (const Colors *colors,
               guint         n,
               GdkRGBA      *color)
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

static void
color_of_series (DaChart      *self,
                 const Colors *colors,
                 guint         index,
                 GdkRGBA      *color)
{
  Series *series = get_series (self, index);

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
color_of_line (DaChart      *self,
               const Colors *colors,
               guint         index,
               GdkRGBA      *color)
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
color_of_threshold (DaChart      *self,
                    const Colors *colors,
                    guint         index,
                    GdkRGBA      *color)
{
  Threshold *threshold = get_threshold (self, index);

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

static double
small_line_height (DaChart *self)
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

static void
invalidate_layout (DaChart *self)
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
        Threshold *threshold = get_threshold (self, index);
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
layout_legend (DaChart *self,
               Layout  *layout,
               double   width,
               double   top)
{
  double x = PADDING;
  double y = top;
  double row = MAX (layout->line_height, SWATCH) + 4;
  gboolean any = FALSE;

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

static void
ensure_layout (DaChart *self,
               int      width,
               int      height)
{
  Layout *layout = &self->layout;
  double top, bottom, left, right;
  double bars_max, lines_max;
  gboolean has_lines;
  int max_ticks;

  if (layout->valid && layout->width == width && layout->height == height)
    return;

  layout->valid = TRUE;
  layout->width = width;
  layout->height = height;
  layout->line_height = small_line_height (self);
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
static void
bar_rect (DaChart         *self,
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
static void
band_rect (DaChart         *self,
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
draw_legend (DaChart      *self,
             GtkSnapshot  *snapshot,
             const Colors *colors)
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
          color_of_series (self, colors, item->index, &color);
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
draw_vertical_axes (DaChart      *self,
                    GtkSnapshot  *snapshot,
                    const Colors *colors,
                    int           scale)
{
  const Layout *layout = &self->layout;
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
                                 &GRAPHENE_RECT_INIT (plot->origin.x, y - (value == 0 ? 0 : hairline),
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
draw_horizontal_axes (DaChart      *self,
                      GtkSnapshot  *snapshot,
                      const Colors *colors,
                      int           scale)
{
  const Layout *layout = &self->layout;
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
      bar_rect (self, i, 0, 1, 0, MAX (self->totals[i], isnan (limit_of (self, i)) ? 0
                                                                                  : limit_of (self, i)),
                scale, &bar);
      draw_text (snapshot, value, bar.origin.x + bar.size.width + LABEL_GAP,
                 plot->origin.y + band * (i + 0.5) - h / 2.0, &text);
    }
}

static void
draw_bars (DaChart      *self,
           GtkSnapshot  *snapshot,
           const Colors *colors,
           int           scale)
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

          bar_rect (self, i, 0, 1, 0, limit, scale, &rect);
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
              bar_rect (self, i, 0, 1, from, to, scale, &rect);
            }
          else
            {
              to = value;
              bar_rect (self, i, s, n_series, 0, to, scale, &rect);
            }

          color_of_series (self, colors, s, &color);
          gtk_snapshot_append_color (snapshot, &color, &rect);
        }

      /* what goes over the limit, and the limit's mark */
      if (!is_vertical (self) && !isnan (limit))
        {
          GdkRGBA mark = with_alpha (&colors->fg, 0.7f);

          if (self->totals[i] > limit)
            {
              bar_rect (self, i, 0, 1, limit, self->totals[i], scale, &rect);
              gtk_snapshot_append_color (snapshot, &colors->error, &rect);
            }
          bar_rect (self, i, 0, 1, 0, limit, scale, &rect);
          gtk_snapshot_append_color (snapshot, &mark,
                                     &GRAPHENE_RECT_INIT (rect.origin.x + rect.size.width - 1,
                                                          rect.origin.y - 3, 2,
                                                          rect.size.height + 6));
        }
    }
}

static void
draw_lines_and_thresholds (DaChart      *self,
                           GtkSnapshot  *snapshot,
                           const Colors *colors)
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
      Threshold *threshold = get_threshold (self, t);
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
          Series *line = get_line (self, l);
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
draw_highlights (DaChart      *self,
                 GtkSnapshot  *snapshot,
                 const Colors *colors,
                 int           scale)
{
  graphene_rect_t band;

  if (self->hover_index >= 0 && (guint) self->hover_index < self->n)
    {
      GdkRGBA hover = with_alpha (&colors->fg, 0.06f);

      band_rect (self, self->hover_index, &band);
      gtk_snapshot_append_color (snapshot, &hover, &band);
    }

  if (gtk_widget_has_focus (GTK_WIDGET (self)) &&
      (self->keyboard_mode || gtk_widget_has_visible_focus (GTK_WIDGET (self))) &&
      self->focus_index >= 0 && (guint) self->focus_index < self->n)
    {
      GskRoundedRect outline;
      float width = 2;

      band_rect (self, self->focus_index, &band);
      gsk_rounded_rect_init_from_rect (&outline, &band, 4);
      gtk_snapshot_append_border (snapshot, &outline,
                                  (float[4]) { width, width, width, width },
                                  (GdkRGBA[4]) { colors->accent, colors->accent,
                                                 colors->accent, colors->accent });
    }
}

static void
draw_chart (DaChart     *self,
            GtkSnapshot *snapshot,
            int          width,
            int          height,
            int          scale,
            gboolean     interactive)
{
  Colors colors;

  if (width <= 0 || height <= 0)
    return;

  ensure_layout (self, width, height);
  get_colors (self, &colors);

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
      Series *series = get_series (self, s);
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
      Series *line = get_line (self, l);
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
      Threshold *threshold = get_threshold (self, t);
      g_autofree char *value = format_value (self, threshold->value);

      g_string_append_c (text, ' ');
      /* Translators: a limit drawn on a chart, e.g. "Engineering limit: 1,500 ACUs." */
      g_string_append_printf (text, _("%s: %s."), threshold->name, value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_accessible (DaChart *self)
{
  g_autofree char *summary = da_chart_dup_summary (self);
  g_autofree char *description = NULL;

  if (self->focus_index >= 0 && (guint) self->focus_index < self->n &&
      gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      g_autofree char *point = da_chart_dup_point_text (self, self->focus_index);
      g_auto(GStrv) lines = g_strsplit (point, "\n", -1);
      g_autofree char *joined = g_strjoinv (", ", lines);

      description = g_strdup_printf ("%s. %s", joined, summary);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : summary,
                                  -1);
}

/* ---- the focus popover -------------------------------------------------------------------- */

static void
update_tip (DaChart *self)
{
  gboolean show = self->focus_index >= 0 && (guint) self->focus_index < self->n &&
                  gtk_widget_has_focus (GTK_WIDGET (self)) &&
                  (self->keyboard_mode || gtk_widget_has_visible_focus (GTK_WIDGET (self))) &&
                  gtk_widget_get_mapped (GTK_WIDGET (self));

  if (show)
    {
      g_autofree char *text = da_chart_dup_point_text (self, self->focus_index);
      graphene_rect_t area;

      gtk_label_set_label (self->tip_label, text);
      if (da_chart_get_bar_area (self, self->focus_index, &area))
        gtk_popover_set_pointing_to (GTK_POPOVER (self->tip),
                                     &(GdkRectangle) {
                                       (int) area.origin.x, (int) area.origin.y,
                                       MAX ((int) area.size.width, 1),
                                       MAX ((int) area.size.height, 1) });
      if (!gtk_widget_get_visible (self->tip))
        gtk_popover_popup (GTK_POPOVER (self->tip));
    }
  else if (gtk_widget_get_visible (self->tip))
    gtk_popover_popdown (GTK_POPOVER (self->tip));
}

/* ---- data changes ------------------------------------------------------------------------- */

static void
restack (DaChart *self)
{
  gsize n_values = (gsize) self->series->len * self->n;
  g_autofree double *values = g_new0 (double, MAX (n_values, 1));

  for (guint s = 0; s < self->series->len; s++)
    memcpy (values + (gsize) s * self->n, get_series (self, s)->values,
            sizeof (double) * self->n);

  g_free (self->tops);
  g_free (self->totals);
  self->tops = g_new0 (double, MAX (n_values, 1));
  self->totals = g_new0 (double, MAX (self->n, 1));
  da_chart_stack (values, self->series->len, self->n, self->tops, self->totals);
}

static void
data_changed (DaChart *self,
              gboolean resize)
{
  restack (self);
  invalidate_layout (self);

  if (self->focus_index >= (int) self->n)
    self->focus_index = self->n > 0 ? (int) self->n - 1 : -1;
  self->hover_index = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), self->n > 0);

  update_accessible (self);
  update_tip (self);
  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
move_focus (DaChart *self,
            int      index)
{
  if (self->n == 0)
    return;

  index = CLAMP (index, 0, (int) self->n - 1);
  if (index != self->focus_index)
    {
      self->focus_index = index;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FOCUS_INDEX]);
    }
  update_accessible (self);
  update_tip (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- actions and events ------------------------------------------------------------------- */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DaChart *self = DA_CHART (widget);
  int delta = g_variant_get_int32 (parameter);

  self->keyboard_mode = TRUE;
  move_focus (self, self->focus_index < 0 ? 0 : self->focus_index + delta);
}

static void
jump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DaChart *self = DA_CHART (widget);
  int index = g_variant_get_int32 (parameter);

  self->keyboard_mode = TRUE;
  move_focus (self, index < 0 ? (int) self->n - 1 : index);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DaChart *self = DA_CHART (widget);

  if (self->focus_index >= 0 && (guint) self->focus_index < self->n)
    g_signal_emit (self, signals[ACTIVATED], 0, (guint) self->focus_index);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              DaChart                  *self)
{
  int index = da_chart_get_index_at (self, x, y);

  if (index != self->hover_index)
    {
      self->hover_index = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             DaChart                  *self)
{
  if (self->hover_index != -1)
    {
      self->hover_index = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               DaChart         *self)
{
  int index = da_chart_get_index_at (self, x, y);

  if (index < 0)
    return;

  self->keyboard_mode = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  move_focus (self, index);
  if (n_press == 1)
    g_signal_emit (self, signals[ACTIVATED], 0, (guint) index);
}

static void
on_focus_enter_cb (GtkEventControllerFocus *controller,
                   DaChart                 *self)
{
  if (self->focus_index < 0 && self->n > 0)
    {
      self->focus_index = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FOCUS_INDEX]);
    }
  update_accessible (self);
  update_tip (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   DaChart                 *self)
{
  self->keyboard_mode = FALSE;
  update_accessible (self);
  update_tip (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

static void
da_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  DaChart *self = DA_CHART (widget);
  double line = small_line_height (self);
  double legend = self->series->len > 1 || self->lines->len > 0 || self->thresholds->len > 0
                  ? line + 8 : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else if (is_vertical (self))
    {
      /* In a scrolled page the minimum is what a chart gets: make it one that reads well. */
      *minimum = (int) (MIN_HEIGHT + legend);
      *natural = (int) (NATURAL_HEIGHT + legend);
    }
  else
    {
      double frame = 2 * PADDING + legend + 2 * line + 2 * LABEL_GAP + 2;
      guint rows = MAX (self->n, 1);

      /* thousands of rows are squeezed, a few have room */
      *minimum = (int) (frame + rows * (rows > 100 ? MIN_ROW_HEIGHT : ROW_HEIGHT));
      *natural = (int) (frame + rows * ROW_HEIGHT);
    }
}

static void
da_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  DaChart *self = DA_CHART (widget);

  invalidate_layout (self);
  ensure_layout (self, width, height);

  gtk_popover_present (GTK_POPOVER (self->tip));
}

static void
da_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  DaChart *self = DA_CHART (widget);

  draw_chart (self, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
              gtk_widget_get_scale_factor (widget), TRUE);
}

static gboolean
da_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip)
{
  DaChart *self = DA_CHART (widget);
  int index = keyboard_mode ? self->focus_index : da_chart_get_index_at (self, x, y);
  g_autofree char *text = NULL;
  graphene_rect_t band;

  if (index < 0 || (guint) index >= self->n)
    return FALSE;

  text = da_chart_dup_point_text (self, index);
  gtk_tooltip_set_text (tooltip, text);
  band_rect (self, index, &band);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) band.origin.x, (int) band.origin.y,
                              MAX ((int) band.size.width, 1), MAX ((int) band.size.height, 1) });
  return TRUE;
}

static gboolean
da_chart_focus (GtkWidget        *widget,
                GtkDirectionType  direction)
{
  /* One stop in the focus chain; the arrow keys move inside. */
  if (gtk_widget_is_focus (widget) || !gtk_widget_get_focusable (widget))
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

static void
da_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  DaChart *self = DA_CHART (widget);

  GTK_WIDGET_CLASS (da_chart_parent_class)->css_changed (widget, change);

  /* fonts and colours may have changed: measure again */
  invalidate_layout (self);
  gtk_widget_queue_resize (widget);
}

static void
da_chart_unmap (GtkWidget *widget)
{
  DaChart *self = DA_CHART (widget);

  if (gtk_widget_get_visible (self->tip))
    gtk_popover_popdown (GTK_POPOVER (self->tip));

  GTK_WIDGET_CLASS (da_chart_parent_class)->unmap (widget);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
da_chart_dispose (GObject *object)
{
  DaChart *self = (DaChart *)object;

  g_clear_pointer (&self->tip, gtk_widget_unparent);
  self->tip_label = NULL;

  G_OBJECT_CLASS (da_chart_parent_class)->dispose (object);
}

static void
da_chart_finalize (GObject *object)
{
  DaChart *self = (DaChart *)object;

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);

  g_free (self->title);
  g_free (self->unit);
  g_free (self->line_unit);
  g_free (self->category_title);
  g_free (self->empty_text);
  g_strfreev (self->labels);
  g_strfreev (self->details);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->lines);
  g_array_unref (self->thresholds);
  g_free (self->limits);
  g_free (self->tops);
  g_free (self->totals);
  g_array_unref (self->layout.legend);

  G_OBJECT_CLASS (da_chart_parent_class)->finalize (object);
}

static void
da_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DaChart *self = DA_CHART (object);

  switch (prop_id)
    {
    case PROP_ORIENTATION:
      g_value_set_enum (value, self->orientation);
      break;
    case PROP_STACKED:
      g_value_set_boolean (value, self->stacked);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_LINE_UNIT:
      g_value_set_string (value, self->line_unit);
      break;
    case PROP_CATEGORY_TITLE:
      g_value_set_string (value, self->category_title);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;
    case PROP_FOCUS_INDEX:
      g_value_set_int (value, self->focus_index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DaChart *self = DA_CHART (object);

  switch (prop_id)
    {
    case PROP_ORIENTATION:
      da_chart_set_orientation (self, g_value_get_enum (value));
      break;
    case PROP_STACKED:
      da_chart_set_stacked (self, g_value_get_boolean (value));
      break;
    case PROP_TITLE:
      da_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      da_chart_set_unit (self, g_value_get_string (value));
      break;
    case PROP_LINE_UNIT:
      da_chart_set_line_unit (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY_TITLE:
      da_chart_set_category_title (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      da_chart_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_FOCUS_INDEX:
      da_chart_set_focus_index (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_chart_class_init (DaChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_chart_dispose;
  object_class->finalize = da_chart_finalize;
  object_class->get_property = da_chart_get_property;
  object_class->set_property = da_chart_set_property;

  widget_class->measure = da_chart_measure;
  widget_class->size_allocate = da_chart_size_allocate;
  widget_class->snapshot = da_chart_snapshot;
  widget_class->query_tooltip = da_chart_query_tooltip;
  widget_class->focus = da_chart_focus;
  widget_class->css_changed = da_chart_css_changed;
  widget_class->unmap = da_chart_unmap;

  properties [PROP_ORIENTATION] =
    g_param_spec_enum ("orientation", NULL, NULL,
                       GTK_TYPE_ORIENTATION, GTK_ORIENTATION_VERTICAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STACKED] =
    g_param_spec_boolean ("stacked", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LINE_UNIT] =
    g_param_spec_string ("line-unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CATEGORY_TITLE] =
    g_param_spec_string ("category-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_FOCUS_INDEX] =
    g_param_spec_int ("focus-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DaChart::activated:
   * @index: the category
   *
   * A category was clicked, or Enter or Space pressed on it.
   */
  signals [ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * DaChart::changed:
   *
   * The data changed (a table made of them is out of date).
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "chart.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "chart.jump", "i", jump_action);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "chart.move", "i", -7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "chart.move", "i", 7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.jump", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "chart.jump", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.jump", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "chart.jump", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
da_chart_init (DaChart *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkWidget *label;

  self->orientation = GTK_ORIENTATION_VERTICAL;
  self->stacked = TRUE;
  self->labels = g_new0 (char *, 1);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->lines = g_ptr_array_new_with_free_func (series_free);
  self->thresholds = g_array_new (FALSE, FALSE, sizeof (Threshold));
  g_array_set_clear_func (self->thresholds, threshold_clear);
  self->layout.legend = g_array_new (FALSE, FALSE, sizeof (LegendItem));
  self->focus_index = -1;
  self->hover_index = -1;
  restack (self);

  gtk_widget_add_css_class (GTK_WIDGET (self), "da-chart");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* What keyboard focus shows: GTK 4 has no tooltips for the keyboard. */
  self->tip = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->tip), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->tip), GTK_POS_TOP);
  gtk_widget_set_can_focus (self->tip, FALSE);
  gtk_widget_set_can_target (self->tip, FALSE);
  gtk_widget_add_css_class (self->tip, "da-chart-tip");
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_popover_set_child (GTK_POPOVER (self->tip), label);
  self->tip_label = GTK_LABEL (label);
  gtk_widget_set_parent (self->tip, GTK_WIDGET (self));

  update_accessible (self);
}

/* ---- public API --------------------------------------------------------------------------- */

GtkWidget *
da_chart_new (void)
{
  return g_object_new (DA_TYPE_CHART, NULL);
}

GtkOrientation
da_chart_get_orientation (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), GTK_ORIENTATION_VERTICAL);

  return self->orientation;
}

void
da_chart_set_orientation (DaChart        *self,
                          GtkOrientation  orientation)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (self->orientation == orientation)
    return;

  self->orientation = orientation;
  gtk_popover_set_position (GTK_POPOVER (self->tip),
                            orientation == GTK_ORIENTATION_VERTICAL ? GTK_POS_TOP : GTK_POS_BOTTOM);
  invalidate_layout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ORIENTATION]);
}

gboolean
da_chart_get_stacked (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), TRUE);

  return self->stacked;
}

void
da_chart_set_stacked (DaChart  *self,
                      gboolean  stacked)
{
  g_return_if_fail (DA_IS_CHART (self));

  stacked = !!stacked;
  if (self->stacked == stacked)
    return;

  self->stacked = stacked;
  invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STACKED]);
}

static gboolean
set_string (DaChart     *self,
            char       **field,
            const char  *value,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return TRUE;
}

const char *
da_chart_get_title (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->title;
}

void
da_chart_set_title (DaChart    *self,
                    const char *title)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (set_string (self, &self->title, title, properties [PROP_TITLE]))
    update_accessible (self);
}

const char *
da_chart_get_unit (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->unit;
}

void
da_chart_set_unit (DaChart    *self,
                   const char *unit)
{
  g_return_if_fail (DA_IS_CHART (self));

  set_string (self, &self->unit, unit, properties [PROP_UNIT]);
}

const char *
da_chart_get_line_unit (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->line_unit;
}

void
da_chart_set_line_unit (DaChart    *self,
                        const char *unit)
{
  g_return_if_fail (DA_IS_CHART (self));

  set_string (self, &self->line_unit, unit, properties [PROP_LINE_UNIT]);
}

const char *
da_chart_get_category_title (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->category_title;
}

void
da_chart_set_category_title (DaChart    *self,
                             const char *title)
{
  g_return_if_fail (DA_IS_CHART (self));

  set_string (self, &self->category_title, title, properties [PROP_CATEGORY_TITLE]);
}

const char *
da_chart_get_empty_text (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->empty_text;
}

void
da_chart_set_empty_text (DaChart    *self,
                         const char *text)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (set_string (self, &self->empty_text, text, properties [PROP_EMPTY_TEXT]))
    update_accessible (self);
}

void
da_chart_set_format_func (DaChart           *self,
                          DaChartFormatFunc  func,
                          gpointer           user_data,
                          GDestroyNotify     destroy)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);

  self->format_func = func;
  self->format_data = user_data;
  self->format_destroy = destroy;

  invalidate_layout (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
da_chart_set_categories (DaChart            *self,
                         guint               n,
                         const char * const *labels,
                         const char * const *details)
{
  g_return_if_fail (DA_IS_CHART (self));
  g_return_if_fail (labels != NULL || n == 0);

  g_strfreev (self->labels);
  g_strfreev (self->details);
  self->labels = g_new0 (char *, n + 1);
  self->details = NULL;
  for (guint i = 0; i < n; i++)
    self->labels[i] = g_strdup (labels[i] != NULL ? labels[i] : "");
  if (details != NULL)
    {
      self->details = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->details[i] = g_strdup (details[i] != NULL ? details[i] : "");
    }

  self->n = n;
  g_ptr_array_set_size (self->series, 0);
  g_ptr_array_set_size (self->lines, 0);
  g_array_set_size (self->thresholds, 0);
  g_clear_pointer (&self->limits, g_free);

  data_changed (self, TRUE);
}

static Series *
series_new (const char   *name,
            const double *values,
            guint         n,
            gboolean      muted)
{
  Series *series = g_new0 (Series, 1);

  series->name = g_strdup (name != NULL ? name : "");
  series->values = g_new0 (double, MAX (n, 1));
  if (n > 0)
    memcpy (series->values, values, sizeof (double) * n);
  series->muted = muted;
  return series;
}

guint
da_chart_add_series (DaChart      *self,
                     const char   *name,
                     const double *values,
                     gboolean      muted)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);
  g_return_val_if_fail (values != NULL || self->n == 0, 0);

  g_ptr_array_add (self->series, series_new (name, values, self->n, muted));
  data_changed (self, TRUE);
  return self->series->len - 1;
}

guint
da_chart_add_line (DaChart      *self,
                   const char   *name,
                   const double *values)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);
  g_return_val_if_fail (values != NULL || self->n == 0, 0);

  g_ptr_array_add (self->lines, series_new (name, values, self->n, FALSE));
  data_changed (self, TRUE);
  return self->lines->len - 1;
}

void
da_chart_add_threshold (DaChart    *self,
                        const char *name,
                        double      value,
                        int         line)
{
  Threshold threshold;

  g_return_if_fail (DA_IS_CHART (self));

  threshold.name = g_strdup (name != NULL ? name : "");
  threshold.value = value;
  threshold.line = line;
  g_array_append_val (self->thresholds, threshold);
  data_changed (self, TRUE);
}

void
da_chart_set_limits (DaChart      *self,
                     const double *limits)
{
  g_return_if_fail (DA_IS_CHART (self));

  g_clear_pointer (&self->limits, g_free);
  if (limits != NULL && self->n > 0)
    self->limits = g_memdup2 (limits, sizeof (double) * self->n);
  data_changed (self, FALSE);
}

void
da_chart_clear (DaChart *self)
{
  g_return_if_fail (DA_IS_CHART (self));

  da_chart_set_categories (self, 0, NULL, NULL);
}

guint
da_chart_get_n_categories (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);

  return self->n;
}

guint
da_chart_get_n_series (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);

  return self->series->len;
}

guint
da_chart_get_n_lines (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);

  return self->lines->len;
}

guint
da_chart_get_n_thresholds (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);

  return self->thresholds->len;
}

const char *
da_chart_get_label (DaChart *self,
                    guint    index)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return index < self->n ? self->labels[index] : NULL;
}

const char *
da_chart_get_series_name (DaChart *self,
                          guint    series)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return series < self->series->len ? get_series (self, series)->name : NULL;
}

double
da_chart_get_value (DaChart *self,
                    guint    series,
                    guint    index)
{
  g_return_val_if_fail (DA_IS_CHART (self), NAN);

  if (series >= self->series->len || index >= self->n)
    return NAN;
  return get_series (self, series)->values[index];
}

double
da_chart_get_total (DaChart *self,
                    guint    index)
{
  g_return_val_if_fail (DA_IS_CHART (self), NAN);

  return index < self->n ? self->totals[index] : NAN;
}

double
da_chart_get_line_value (DaChart *self,
                         guint    line,
                         guint    index)
{
  g_return_val_if_fail (DA_IS_CHART (self), NAN);

  if (line >= self->lines->len || index >= self->n)
    return NAN;
  return get_line (self, line)->values[index];
}

double
da_chart_get_threshold (DaChart *self,
                        guint    threshold)
{
  g_return_val_if_fail (DA_IS_CHART (self), NAN);

  return threshold < self->thresholds->len ? get_threshold (self, threshold)->value : NAN;
}

void
da_chart_get_series_color (DaChart *self,
                           guint    series,
                           GdkRGBA *color)
{
  Colors colors;

  g_return_if_fail (DA_IS_CHART (self));
  g_return_if_fail (color != NULL);
  g_return_if_fail (series < self->series->len);

  get_colors (self, &colors);
  color_of_series (self, &colors, series, color);
}

int
da_chart_get_focus_index (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), -1);

  return self->focus_index;
}

void
da_chart_set_focus_index (DaChart *self,
                          int      index)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (index < 0 || self->n == 0)
    {
      if (self->focus_index != -1)
        {
          self->focus_index = -1;
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FOCUS_INDEX]);
          update_accessible (self);
          update_tip (self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return;
    }

  move_focus (self, index);
}

int
da_chart_get_index_at (DaChart *self,
                       double   x,
                       double   y)
{
  int width, height;
  const graphene_rect_t *plot;

  g_return_val_if_fail (DA_IS_CHART (self), -1);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->n == 0 || width <= 0 || height <= 0)
    return -1;

  ensure_layout (self, width, height);
  plot = &self->layout.plot;

  if (is_vertical (self))
    {
      /* the band from the top of the plot down to the category's label */
      if (y < plot->origin.y || y > height)
        return -1;
      return da_chart_band_at (plot->origin.x, plot->size.width, self->n, x);
    }

  /* a row, from its name to its value */
  if (x < 0 || x > width)
    return -1;
  return da_chart_band_at (plot->origin.y, plot->size.height, self->n, y);
}

gboolean
da_chart_get_bar_area (DaChart         *self,
                       guint            index,
                       graphene_rect_t *area)
{
  int width, height;

  g_return_val_if_fail (DA_IS_CHART (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (index >= self->n || width <= 0 || height <= 0)
    return FALSE;

  ensure_layout (self, width, height);
  if (self->stacked || self->series->len <= 1)
    bar_rect (self, index, 0, 1, 0, MAX (self->totals[index], 0),
              gtk_widget_get_scale_factor (GTK_WIDGET (self)), area);
  else
    {
      double max = 0;

      for (guint s = 0; s < self->series->len; s++)
        max = MAX (max, da_chart_max (&get_series (self, s)->values[index], 1));
      bar_rect (self, index, 0, 1, 0, max, gtk_widget_get_scale_factor (GTK_WIDGET (self)), area);
    }
  return TRUE;
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
        g_ptr_array_add (data->cells, isnan (limit_of (self, i)) ? g_strdup ("—")
                                                                  : da_format_acus (limit_of (self, i)));

      g_snprintf (index, sizeof index, "%u", i);
      gtk_string_list_append (rows, index);
    }

  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)))));
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
  Colors colors;
  int width, height;

  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return NULL;
  scale = MAX (scale, 1);

  get_colors (self, &colors);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_append_color (snapshot, &colors.background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, snapshot, width, height, scale, FALSE);
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

/* da-chart-private.h: what the files of DaChart share
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * da-chart.c: the widget, its data and interaction; da-chart-draw.c: colours, layout and
 * drawing; da-chart-forms.c: the chart as text, as a table and as a picture.
 */

#pragma once

#include <math.h>

#include "da-chart-math.h"
#include "da-chart.h"
#include "da-format.h"

G_BEGIN_DECLS

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
} DaChartSeries;

typedef struct
{
  char     *name;
  double    value;
  int       line;
} DaChartThreshold;

/* Where everything goes at one size; computed when needed, dropped when data or size change. */
typedef struct
{
  gboolean         valid;
  int              width;
  int              height;
  graphene_rect_t  plot;
  GArray          *legend;        /* LegendItem, da-chart-draw.c */
  double           line_height;   /* of the small text */
  DaChartTicks     ticks;         /* of the bars' axis */
  DaChartTicks     line_ticks;    /* of the lines' axis, when line_axis */
  gboolean         line_axis;
  double           category_width;  /* horizontal: the names' column */
  guint            label_stride;
} DaChartLayout;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA error;
  GdkRGBA background;
} DaChartColors;

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
  GPtrArray         *series;      /* DaChartSeries */
  GPtrArray         *lines;       /* DaChartSeries */
  GArray            *thresholds;  /* DaChartThreshold */
  double            *limits;      /* n, or NULL */
  double            *tops;        /* n_series × n */
  double            *totals;      /* n */

  DaChartLayout      layout;

  /* Interaction */
  int                focus_index;
  int                hover_index;
  gboolean           keyboard_mode;
  GtkWidget         *tip;
  GtkLabel          *tip_label;
};

static inline gboolean
is_vertical (DaChart *self)
{
  return self->orientation == GTK_ORIENTATION_VERTICAL;
}

static inline char *
format_value (DaChart *self,
              double   value)
{
  if (self->format_func != NULL)
    return self->format_func (value, self->format_data);
  return da_format_acus (value);
}

static inline const char *
category_detail (DaChart *self,
                 guint    index)
{
  if (self->details != NULL && self->details[index] != NULL && *self->details[index] != '\0')
    return self->details[index];
  return self->labels[index];
}

static inline DaChartSeries *
get_series (DaChart *self,
            guint    index)
{
  return g_ptr_array_index (self->series, index);
}

static inline DaChartSeries *
get_line (DaChart *self,
          guint    index)
{
  return g_ptr_array_index (self->lines, index);
}

static inline DaChartThreshold *
get_threshold (DaChart *self,
               guint    index)
{
  return &g_array_index (self->thresholds, DaChartThreshold, index);
}

static inline double
limit_of (DaChart *self,
          guint    index)
{
  if (self->limits == NULL || index >= self->n)
    return NAN;
  return isfinite (self->limits[index]) && self->limits[index] >= 0 ? self->limits[index] : NAN;
}

void     _da_chart_invalidate_layout  (DaChart         *self);
void     _da_chart_ensure_layout      (DaChart         *self,
                                       int              width,
                                       int              height);
void     _da_chart_get_colors         (DaChart         *self,
                                       DaChartColors          *colors);
void     _da_chart_color_of_series    (DaChart         *self,
                                       const DaChartColors    *colors,
                                       guint            index,
                                       GdkRGBA         *color);
double   _da_chart_small_line_height  (DaChart         *self);
/* The bar of category @index between the values @from and @to (slot @slot of @n_slots side by
 * side), snapped to the pixel grid of @scale. */
void     _da_chart_bar_rect           (DaChart         *self,
                                       guint            index,
                                       guint            slot,
                                       guint            n_slots,
                                       double           from,
                                       double           to,
                                       int              scale,
                                       graphene_rect_t *rect);
/* The whole band of category @index, across the plot */
void     _da_chart_band_rect          (DaChart         *self,
                                       guint            index,
                                       graphene_rect_t *rect);
/* Everything at @width × @height; @interactive adds the hover and focus highlights. */
void     _da_chart_draw               (DaChart         *self,
                                       GtkSnapshot     *snapshot,
                                       int              width,
                                       int              height,
                                       int              scale,
                                       gboolean         interactive);

G_END_DECLS

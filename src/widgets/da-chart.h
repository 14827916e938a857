/* da-chart.h: the bar charts of the app, drawn with GtkSnapshot and cairo
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Formats a value for a tooltip or the accessible description, e.g. "512.5 ACUs".
 * (transfer full) */
typedef char *(*DaChartFormatFunc) (double    value,
                                    gpointer  user_data);

/**
 * DaChart:
 *
 * One bar chart widget for every chart of the app. Its data are categories (billing days,
 * organizations, cycles) with one value per category in each series:
 *
 * - "orientation" %GTK_ORIENTATION_VERTICAL: columns rising from a category axis at the bottom;
 *   %GTK_ORIENTATION_HORIZONTAL: one bar per row, growing right from the category names.
 * - Several series are stacked ("stacked", the default) or drawn side by side; a legend names
 *   them. Lines (a cumulative sum, say) and thresholds (a limit) use a second axis on the right
 *   when there is a line, else the bars' axis. A per-category limit draws a marker on each bar
 *   and the part over it in the error colour.
 * - Axis ticks are "nice" numbers (da-chart-math.h), labels never overlap, small non-zero bars
 *   stay visible next to a huge one, and thousands of categories draw as a dense area.
 * - Colours come from the style: the accent colour for the first series, the foreground for text
 *   and lines, so the light, dark and high-contrast styles and a changed accent all follow.
 *   Drawing is aligned to the device pixels of the scale factor.
 * - Hovering shows a tooltip with the category's detail and exact values; the chart takes the
 *   keyboard focus, the arrow keys, Home and End move between categories and show the same text
 *   in a popover; Enter, Space or a click emit "activated". The accessible description says
 *   what the chart shows (and the focused category).
 * - da_chart_create_table() gives the same numbers as a GtkColumnView, and
 *   da_chart_render_texture() a picture for export.
 */
#define DA_TYPE_CHART (da_chart_get_type ())
G_DECLARE_FINAL_TYPE (DaChart, da_chart, DA, CHART, GtkWidget)

GtkWidget      *da_chart_new                 (void);

GtkOrientation  da_chart_get_orientation     (DaChart            *self);
void            da_chart_set_orientation     (DaChart            *self,
                                              GtkOrientation      orientation);
gboolean        da_chart_get_stacked         (DaChart            *self);
void            da_chart_set_stacked         (DaChart            *self,
                                              gboolean            stacked);
/* What the chart shows, for its accessible label and the table ("Daily usage") */
const char     *da_chart_get_title           (DaChart            *self);
void            da_chart_set_title           (DaChart            *self,
                                              const char         *title);
/* The unit of the bars' axis, written above it ("ACUs"); nullable */
const char     *da_chart_get_unit            (DaChart            *self);
void            da_chart_set_unit            (DaChart            *self,
                                              const char         *unit);
/* The title of the lines' axis ("Cumulative"); nullable */
const char     *da_chart_get_line_unit       (DaChart            *self);
void            da_chart_set_line_unit       (DaChart            *self,
                                              const char         *unit);
/* The table's header of the categories ("Day") */
const char     *da_chart_get_category_title  (DaChart            *self);
void            da_chart_set_category_title  (DaChart            *self,
                                              const char         *title);
/* Written in place of the bars when there are no categories ("No usage") */
const char     *da_chart_get_empty_text      (DaChart            *self);
void            da_chart_set_empty_text      (DaChart            *self,
                                              const char         *text);
/* How values read in tooltips and the description; the default is da_format_acus(). */
void            da_chart_set_format_func     (DaChart            *self,
                                              DaChartFormatFunc   func,
                                              gpointer            user_data,
                                              GDestroyNotify      destroy);

/* ---- Data -------------------------------------------------------------------------------- */

/* Replaces the categories and removes every series, line, threshold and limit. @labels are
 * short, for the axis ("Jun 5"); @details (nullable, or NULL items) longer, for tooltips and
 * the table ("Thursday, June 5, 2025"). @n is the number of categories. */
void            da_chart_set_categories      (DaChart            *self,
                                              guint               n,
                                              const char * const *labels,
                                              const char * const *details);
/* Adds a series of n_categories values (copied). A muted series (an "Other") is drawn in a
 * neutral colour. Returns its index. */
guint           da_chart_add_series          (DaChart            *self,
                                              const char         *name,
                                              const double       *values,
                                              gboolean            muted);
/* Adds a line of n_categories values (copied), on the lines' axis. Returns its index. */
guint           da_chart_add_line            (DaChart            *self,
                                              const char         *name,
                                              const double       *values);
/* A horizontal (vertical in a horizontal chart) dashed line at @value, named in the legend;
 * drawn in the colour of line @line, or of the text when -1. */
void            da_chart_add_threshold       (DaChart            *self,
                                              const char         *name,
                                              double              value,
                                              int                 line);
/* One limit per category (copied; NAN where there is none), drawn on horizontal bars. */
void            da_chart_set_limits          (DaChart            *self,
                                              const double       *limits);
/* Removes the categories and everything else. */
void            da_chart_clear               (DaChart            *self);

guint           da_chart_get_n_categories    (DaChart            *self);
guint           da_chart_get_n_series        (DaChart            *self);
guint           da_chart_get_n_lines         (DaChart            *self);
guint           da_chart_get_n_thresholds    (DaChart            *self);
const char     *da_chart_get_label           (DaChart            *self,
                                              guint               index);
const char     *da_chart_get_series_name     (DaChart            *self,
                                              guint               series);
/* NAN when out of range */
double          da_chart_get_value           (DaChart            *self,
                                              guint               series,
                                              guint               index);
/* The sum of the series at category @index (what a stacked bar shows) */
double          da_chart_get_total           (DaChart            *self,
                                              guint               index);
double          da_chart_get_line_value      (DaChart            *self,
                                              guint               line,
                                              guint               index);
double          da_chart_get_threshold       (DaChart            *self,
                                              guint               threshold);
/* The colour series @series is drawn in, as the chart's style has it now */
void            da_chart_get_series_color    (DaChart            *self,
                                              guint               series,
                                              GdkRGBA            *color);

/* ---- Interaction ------------------------------------------------------------------------- */

/* The category the keyboard focus is on; -1 when none */
int             da_chart_get_focus_index     (DaChart            *self);
void            da_chart_set_focus_index     (DaChart            *self,
                                              int                 index);
/* The category under a point of the widget; -1 when none */
int             da_chart_get_index_at        (DaChart            *self,
                                              double              x,
                                              double              y);
/* The area of category @index's bar (every series together) in widget coordinates, as drawn at
 * the current size; FALSE when there is no such category or the chart has no size. */
gboolean        da_chart_get_bar_area        (DaChart            *self,
                                              guint               index,
                                              graphene_rect_t    *area);
/* What the tooltip and the focus popover say about category @index. (transfer full) */
char           *da_chart_dup_point_text      (DaChart            *self,
                                              guint               index);
/* The summary the accessible description starts with. (transfer full) */
char           *da_chart_dup_summary         (DaChart            *self);

/* ---- Other forms ------------------------------------------------------------------------- */

/* A new GtkColumnView with the same numbers: the category, each series, the total (stacked,
 * more than one series), each line and the limits. Not updated: make a new one when the data
 * change ("changed" says when). */
GtkWidget      *da_chart_create_table        (DaChart            *self);
/* The chart as drawn now, on the window's background colour, at @scale times its size (1 or
 * more). NULL when the chart has no size. (transfer full) */
GdkTexture     *da_chart_render_texture      (DaChart            *self,
                                              int                 scale);

G_END_DECLS

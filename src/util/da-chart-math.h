/* da-chart-math.h: the arithmetic of charts: axis ticks, stacking, bands and hit-testing
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK here: DaChart draws with what these functions compute, and they are tested without a
 * display. Values that are negative, NaN or infinite count as 0 wherever bars are stacked or
 * summed, so data from a server never breaks a chart.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DaChartTicks:
 * @min: the first tick, at or below the lowest value (and never above 0)
 * @max: the last tick, at or above the highest value (and never below 0)
 * @step: the distance between ticks: 1, 2, 2.5 or 5 times a power of ten
 * @n_ticks: how many ticks there are, @min and @max included
 * @decimals: how many decimals a tick's label needs
 * @first: @min / @step, exactly (the ticks are @first … @first + @n_ticks - 1 steps)
 * @mantissa: 1, 2, 2.5 or 5
 * @exponent: @step is @mantissa × 10^@exponent
 *
 * "Nice" ticks of a value axis. Zero is always on the axis, since bars start there.
 */
typedef struct
{
  double  min;
  double  max;
  double  step;
  guint   n_ticks;
  guint   decimals;
  gint64  first;
  double  mantissa;
  int     exponent;
} DaChartTicks;

/* Ticks for values from @lo to @hi (in any order), at most @max_ticks of them (at least 2, or 3
 * when the range spans both sides of zero). An empty range (both 0) gives 0 … 1; non-finite
 * bounds count as 0. */
void     da_chart_ticks_compute     (double              lo,
                                     double              hi,
                                     guint               max_ticks,
                                     DaChartTicks       *ticks);
/* Ticks from 0 to at least @hi in exactly @n_ticks (at least 2) steps of a nice size, for a
 * second axis whose ticks line up with the first one's grid. */
void     da_chart_ticks_compute_aligned (double          hi,
                                         guint           n_ticks,
                                         DaChartTicks   *ticks);
/* The value of tick @i (0 … n_ticks - 1), computed from integers so that 0.1 × 3 is 0.3. */
double   da_chart_ticks_value       (const DaChartTicks *ticks,
                                     guint               i);
/* Where @value falls on an axis drawn from @from (at @min) to @to (at @max); not clamped. */
double   da_chart_ticks_scale       (const DaChartTicks *ticks,
                                     double              value,
                                     double              from,
                                     double              to);
/* A tick's label with the locale's digit grouping and @decimals decimals ("1,500", "0.25").
 * (transfer full) */
char    *da_chart_ticks_format      (const DaChartTicks *ticks,
                                     double              value);

/* The largest value of @values that counts (finite and > 0); 0 when none does. */
double   da_chart_max               (const double       *values,
                                     guint               n);

/* Stacks @n_series series of @n_points values each (@values[s * n_points + i]). Fills @tops
 * (nullable, the same shape) with the top of each series' segment and @totals (nullable,
 * @n_points) with each point's sum. Returns the largest total, 0 when there is none. */
double   da_chart_stack             (const double       *values,
                                     guint               n_series,
                                     guint               n_points,
                                     double             *tops,
                                     double             *totals);
/* Which series' segment of point @point holds @value, given the @tops of da_chart_stack();
 * -1 when @value is below 0 or above the stack. Empty segments never hold anything. */
int      da_chart_stack_segment_at  (const double       *tops,
                                     guint               n_series,
                                     guint               n_points,
                                     guint               point,
                                     double              value);
/* Running sums of @values into @sums (which may be @values itself). Returns the last sum. */
double   da_chart_cumulative        (const double       *values,
                                     guint               n,
                                     double             *sums);

/* @n bands share the span [@start, @start + @length). Which band holds @pos: -1 outside. */
int      da_chart_band_at           (double              start,
                                     double              length,
                                     guint               n,
                                     double              pos);
/* The bar centred in band @i: @fill (0 … 1) of the band, at most @max_size when > 0. When the
 * gaps that leaves would be thinner than @min_gap, the bar fills its band. */
void     da_chart_band_bar          (double              start,
                                     double              length,
                                     guint               n,
                                     guint               i,
                                     double              fill,
                                     double              max_size,
                                     double              min_gap,
                                     double             *bar_start,
                                     double             *bar_size);
/* Every how many bands a label can be drawn without overlapping its neighbour: labels
 * @label_size long (plus @gap) in bands @band long. At least 1. */
guint    da_chart_label_stride      (double              band,
                                     double              label_size,
                                     double              gap);
/* @value on the device pixel grid of @scale (1, 2, …) */
double   da_chart_snap              (double              value,
                                     int                 scale);

/* What @used becomes at @end if use goes on at the pace it had from @start to @now: @used when
 * @now is at or after @end, -1 when it cannot be told (@now at or before @start). */
double   da_chart_project           (double              used,
                                     gint64              start,
                                     gint64              now,
                                     gint64              end);
/* The relative change from @before to @after (0.25 for 25 % more); NAN when @before is not
 * above 0 or either is not finite. */
double   da_chart_change            (double              before,
                                     double              after);

G_END_DECLS

/* da-chart-math.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "da-chart-math.h"

/* Beyond this, values are clamped: ranges and steps stay finite. */
#define VALUE_LIMIT 1e300

/* Rounding of quotients that should be integers but come out a hair off (1.1 / 0.1). */
#define EPSILON 1e-9

static double
counted (double value)
{
  return isfinite (value) && value > 0 ? value : 0;
}

static double
clamp_value (double value)
{
  if (!isfinite (value))
    return 0;
  return CLAMP (value, -VALUE_LIMIT, VALUE_LIMIT);
}

static double
power_of_ten (int exponent)
{
  return pow (10.0, exponent);
}

/* mantissa × 10^exponent × k, computed so that negative exponents divide by an exact power */
static double
scaled (double mantissa,
        int    exponent,
        double k)
{
  if (exponent < 0)
    return k * mantissa / power_of_ten (-exponent);
  return k * mantissa * power_of_ten (exponent);
}

void
da_chart_ticks_compute (double        lo,
                        double        hi,
                        guint         max_ticks,
                        DaChartTicks *ticks)
{
  static const double mantissas[] = { 1, 2, 2.5, 5 };
  double raw;
  int exponent;

  g_return_if_fail (ticks != NULL);

  lo = clamp_value (lo);
  hi = clamp_value (hi);
  if (lo > hi)
    {
      double swap = lo;

      lo = hi;
      hi = swap;
    }
  lo = MIN (lo, 0);
  hi = MAX (hi, 0);
  if (hi - lo <= 0)
    hi = 1;

  max_ticks = MAX (max_ticks, 2);
  if (lo < 0 && hi > 0)
    max_ticks = MAX (max_ticks, 3);

  raw = (hi - lo) / (max_ticks - 1);
  exponent = (int) floor (log10 (raw));

  /* The smallest nice step whose ticks cover the range in at most max_ticks; a step ten times
   * the raw one always does, so this ends within two decades. */
  for (int e = exponent; e <= exponent + 2; e++)
    for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
      {
        double step = scaled (mantissas[m], e, 1);
        double first = floor (lo / step + EPSILON);
        double last = ceil (hi / step - EPSILON);

        gboolean last_try = e == exponent + 2 && m == G_N_ELEMENTS (mantissas) - 1;

        if (last - first > max_ticks - 1 && !last_try)
          continue;

        ticks->mantissa = mantissas[m];
        ticks->exponent = e;
        ticks->step = step;
        ticks->first = (gint64) first;
        ticks->n_ticks = (guint) (last - first) + 1;
        ticks->min = scaled (mantissas[m], e, first);
        ticks->max = scaled (mantissas[m], e, last);
        ticks->decimals = (guint) (MAX (0, -e) + (mantissas[m] == 2.5 && e <= 0 ? 1 : 0));
        return;
      }

  g_assert_not_reached ();
}

void
da_chart_ticks_compute_aligned (double        hi,
                                guint         n_ticks,
                                DaChartTicks *ticks)
{
  static const double mantissas[] = { 1, 2, 2.5, 5 };
  guint intervals;
  double raw;
  int exponent;

  g_return_if_fail (ticks != NULL);

  hi = clamp_value (hi);
  if (!(hi > 0))
    hi = 1;
  intervals = MAX (n_ticks, 2) - 1;
  raw = hi / intervals;
  exponent = (int) floor (log10 (raw));

  /* the smallest nice step that reaches hi in that many intervals */
  for (int e = exponent; e <= exponent + 1; e++)
    for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
      {
        double step = scaled (mantissas[m], e, 1);

        if (step * intervals < hi * (1 - EPSILON) && e < exponent + 1)
          continue;

        ticks->mantissa = mantissas[m];
        ticks->exponent = e;
        ticks->step = step;
        ticks->first = 0;
        ticks->n_ticks = intervals + 1;
        ticks->min = 0;
        ticks->max = scaled (mantissas[m], e, intervals);
        ticks->decimals = (guint) (MAX (0, -e) + (mantissas[m] == 2.5 && e <= 0 ? 1 : 0));
        return;
      }

  g_assert_not_reached ();
}

double
da_chart_ticks_value (const DaChartTicks *ticks,
                      guint               i)
{
  g_return_val_if_fail (ticks != NULL, 0);

  return scaled (ticks->mantissa, ticks->exponent, (double) (ticks->first + (gint64) i));
}

double
da_chart_ticks_scale (const DaChartTicks *ticks,
                      double              value,
                      double              from,
                      double              to)
{
  g_return_val_if_fail (ticks != NULL, from);

  if (!(ticks->max > ticks->min) || !isfinite (value))
    return from;
  return from + (value - ticks->min) / (ticks->max - ticks->min) * (to - from);
}

char *
da_chart_ticks_format (const DaChartTicks *ticks,
                       double              value)
{
  g_return_val_if_fail (ticks != NULL, NULL);

  if (!isfinite (value))
    return g_strdup ("—");
  /* no "-0" */
  if (fabs (value) < ticks->step * EPSILON)
    value = 0;
  return g_strdup_printf ("%'.*f", (int) ticks->decimals, value);
}

double
da_chart_max (const double *values,
              guint         n)
{
  double max = 0;

  g_return_val_if_fail (values != NULL || n == 0, 0);

  for (guint i = 0; i < n; i++)
    max = MAX (max, counted (values[i]));
  return max;
}

double
da_chart_stack (const double *values,
                guint         n_series,
                guint         n_points,
                double       *tops,
                double       *totals)
{
  double max = 0;

  g_return_val_if_fail (values != NULL || n_series == 0 || n_points == 0, 0);

  for (guint i = 0; i < n_points; i++)
    {
      double sum = 0;

      for (guint s = 0; s < n_series; s++)
        {
          sum += counted (values[(gsize) s * n_points + i]);
          if (tops != NULL)
            tops[(gsize) s * n_points + i] = sum;
        }
      if (totals != NULL)
        totals[i] = sum;
      max = MAX (max, sum);
    }
  return max;
}

int
da_chart_stack_segment_at (const double *tops,
                           guint         n_series,
                           guint         n_points,
                           guint         point,
                           double        value)
{
  double bottom = 0;

  g_return_val_if_fail (tops != NULL || n_series == 0, -1);

  if (point >= n_points || !(value >= 0))
    return -1;

  for (guint s = 0; s < n_series; s++)
    {
      double top = tops[(gsize) s * n_points + point];

      if (top > bottom && value >= bottom && value < top)
        return (int) s;
      bottom = MAX (bottom, top);
    }
  return -1;
}

double
da_chart_cumulative (const double *values,
                     guint         n,
                     double       *sums)
{
  double sum = 0;

  g_return_val_if_fail (values != NULL || n == 0, 0);
  g_return_val_if_fail (sums != NULL || n == 0, 0);

  for (guint i = 0; i < n; i++)
    {
      sum += counted (values[i]);
      sums[i] = sum;
    }
  return sum;
}

int
da_chart_band_at (double start,
                  double length,
                  guint  n,
                  double pos)
{
  double index;

  if (n == 0 || !(length > 0) || !isfinite (pos))
    return -1;
  if (pos < start || pos >= start + length)
    return -1;

  index = floor ((pos - start) / (length / n));
  return (int) CLAMP (index, 0, (double) n - 1);
}

void
da_chart_band_bar (double  start,
                   double  length,
                   guint   n,
                   guint   i,
                   double  fill,
                   double  max_size,
                   double  min_gap,
                   double *bar_start,
                   double *bar_size)
{
  double band;
  double size;

  g_return_if_fail (bar_start != NULL && bar_size != NULL);

  if (n == 0 || !(length > 0))
    {
      *bar_start = start;
      *bar_size = 0;
      return;
    }

  band = length / n;
  size = band * CLAMP (fill, 0, 1);
  if (max_size > 0)
    size = MIN (size, max_size);
  if (band - size < min_gap)
    size = band;

  *bar_start = start + band * i + (band - size) / 2;
  *bar_size = size;
}

guint
da_chart_label_stride (double band,
                       double label_size,
                       double gap)
{
  double stride;

  if (!(band > 0) || !isfinite (label_size + gap))
    return 1;

  stride = ceil ((MAX (label_size, 0) + MAX (gap, 0)) / band - EPSILON);
  return (guint) CLAMP (stride, 1, (double) G_MAXUINT);
}

double
da_chart_snap (double value,
               int    scale)
{
  scale = MAX (scale, 1);
  return round (value * scale) / scale;
}

double
da_chart_project (double used,
                  gint64 start,
                  gint64 now,
                  gint64 end)
{
  if (!isfinite (used) || end <= start)
    return -1;
  if (now >= end)
    return used;
  if (now <= start)
    return -1;

  return used / (double) (now - start) * (double) (end - start);
}

double
da_chart_change (double before,
                 double after)
{
  if (!isfinite (before) || !isfinite (after) || !(before > 0))
    return NAN;

  return (after - before) / before;
}

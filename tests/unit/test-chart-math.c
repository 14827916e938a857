/* test-chart-math.c: nice ticks, stacking, bands and hit-testing of charts
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "da-chart-math.h"

typedef struct
{
  double       lo;
  double       hi;
  guint        max_ticks;
  double       min;
  double       max;
  double       step;
  guint        n_ticks;
  guint        decimals;
  const char  *labels;   /* every tick's label, joined by spaces */
} TickCase;

static void
test_ticks_table (void)
{
  static const TickCase cases[] = {
    /* nothing at all: a unit axis */
    { 0, 0, 5,              0, 1, 0.25, 5, 2, "0.00 0.25 0.50 0.75 1.00" },
    { 0, 100, 5,            0, 100, 25, 5, 0, "0 25 50 75 100" },
    { 0, 412.5, 5,          0, 600, 200, 4, 0, "0 200 400 600" },
    { 0, 1, 6,              0, 1, 0.2, 6, 1, "0.0 0.2 0.4 0.6 0.8 1.0" },
    { 0, 7, 5,              0, 8, 2, 5, 0, "0 2 4 6 8" },
    /* reversed bounds are sorted */
    { 7, 0, 5,              0, 8, 2, 5, 0, "0 2 4 6 8" },
    /* a range on both sides of zero */
    { -3, 7, 5,             -5, 10, 5, 4, 0, "-5 0 5 10" },
    /* a single value: the axis still starts at zero */
    { 5, 5, 5,              0, 6, 2, 4, 0, "0 2 4 6" },
    { 0, 1e6, 5,            0, 1e6, 2.5e5, 5, 0, "250000 500000 750000 1000000" },
    /* fractions that floating point gets a hair wrong */
    { 0, 0.3, 4,            0, 0.3, 0.1, 4, 1, "0.0 0.1 0.2 0.3" },
    { 0, 1.1, 12,           0, 1.1, 0.1, 12, 1, NULL },
    { 0, 0.0042, 5,         0, 0.006, 0.002, 4, 3, "0.000 0.002 0.004 0.006" },
    /* one huge outlier among small values: the top still a nice number */
    { 0, 98765.4, 6,        0, 100000, 20000, 6, 0, "0 20000 40000 60000 80000 100000" },
    /* fewer than two ticks asked for */
    { 0, 10, 0,             0, 10, 10, 2, 0, "0 10" },
    { -1, 1, 2,             -1, 1, 1, 3, 0, "-1 0 1" },
    /* what a server should never send */
    { NAN, INFINITY, 5,     0, 1, 0.25, 5, 2, NULL },
    { -INFINITY, 3, 5,      0, 3, 1, 4, 0, "0 1 2 3" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const TickCase *tc = &cases[c];
      DaChartTicks ticks;

      g_test_message ("ticks of %g … %g, at most %u", tc->lo, tc->hi, tc->max_ticks);
      da_chart_ticks_compute (tc->lo, tc->hi, tc->max_ticks, &ticks);

      g_assert_cmpfloat_with_epsilon (ticks.min, tc->min, 1e-12);
      g_assert_cmpfloat_with_epsilon (ticks.max, tc->max, 1e-9 * MAX (1, tc->max));
      g_assert_cmpfloat_with_epsilon (ticks.step, tc->step, 1e-12 * MAX (1, tc->step));
      g_assert_cmpuint (ticks.n_ticks, ==, tc->n_ticks);
      g_assert_cmpuint (ticks.decimals, ==, tc->decimals);
      g_assert_cmpuint (ticks.n_ticks, <=, MAX (tc->max_ticks, 3));

      /* The ticks cover the values, and zero. */
      if (isfinite (tc->lo) && isfinite (tc->hi))
        {
          g_assert_cmpfloat (ticks.min, <=, MIN (MIN (tc->lo, tc->hi), 0));
          g_assert_cmpfloat (ticks.max, >=, MAX (tc->lo, tc->hi));
        }
      g_assert_cmpfloat (ticks.min, <=, 0);
      g_assert_cmpfloat (ticks.max, >=, 0);

      /* The first and last ticks are min and max, evenly spaced in between. */
      g_assert_cmpfloat (da_chart_ticks_value (&ticks, 0), ==, ticks.min);
      g_assert_cmpfloat_with_epsilon (da_chart_ticks_value (&ticks, ticks.n_ticks - 1), ticks.max,
                                      1e-12 * MAX (1, ticks.max));

      if (tc->labels != NULL)
        {
          g_autoptr(GString) joined = g_string_new (NULL);
          g_auto(GStrv) expected = g_strsplit (tc->labels, " ", -1);
          guint first = g_strv_length (expected) < ticks.n_ticks ? 1 : 0;

          for (guint i = first; i < ticks.n_ticks; i++)
            {
              g_autofree char *label = da_chart_ticks_format (&ticks,
                                                              da_chart_ticks_value (&ticks, i));

              g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", label);
            }
          g_assert_cmpstr (joined->str, ==, tc->labels);
        }
    }
}

static void
test_ticks_exact_values (void)
{
  DaChartTicks ticks;

  /* 0.1 × 3 is 0.30000000000000004 in floating point; a tick is exactly 0.3. */
  da_chart_ticks_compute (0, 0.3, 4, &ticks);
  g_assert_cmpfloat (da_chart_ticks_value (&ticks, 3), ==, 0.3);
  g_assert_cmpfloat (da_chart_ticks_value (&ticks, 1), ==, 0.1);

  /* No "-0" label for a range that ends at zero from below. */
  da_chart_ticks_compute (-0.3, 0, 4, &ticks);
  {
    g_autofree char *label = da_chart_ticks_format (&ticks,
                                                    da_chart_ticks_value (&ticks,
                                                                          ticks.n_ticks - 1));

    g_assert_cmpstr (label, ==, "0.0");
  }
}

static void
test_ticks_many_ranges (void)
{
  /* Whatever the range and count, the ticks are at most max_ticks, cover the range, and each
   * label is different from its neighbour. */
  for (int e = -6; e <= 12; e++)
    for (double m = 1; m < 10; m += 0.37)
      for (guint max_ticks = 2; max_ticks <= 12; max_ticks++)
        {
          double hi = m * pow (10, e);
          DaChartTicks ticks;
          g_autofree char *previous = NULL;

          da_chart_ticks_compute (0, hi, max_ticks, &ticks);
          g_assert_cmpuint (ticks.n_ticks, <=, max_ticks);
          g_assert_cmpuint (ticks.n_ticks, >=, 2);
          g_assert_cmpfloat (ticks.max, >=, hi * (1 - 1e-12));
          g_assert_cmpfloat (ticks.min, ==, 0);

          for (guint i = 0; i < ticks.n_ticks; i++)
            {
              char *label = da_chart_ticks_format (&ticks, da_chart_ticks_value (&ticks, i));

              g_assert_cmpstr (label, !=, previous);
              g_free (previous);
              previous = label;
            }
        }
}

static void
test_ticks_aligned (void)
{
  static const struct {
    double hi;
    guint  n_ticks;
    double step;
    double max;
  } cases[] = {
    { 600, 5, 200, 800 },    /* 150 a step is not nice: 200 */
    { 593.1, 5, 200, 800 },
    { 80, 5, 20, 80 },
    { 81, 5, 25, 100 },
    { 1, 3, 0.5, 1 },
    { 0, 5, 0.25, 1 },       /* nothing: a unit axis */
    { 9e5, 2, 1e6, 1e6 },
    { 0.3, 4, 0.1, 0.3 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      DaChartTicks ticks;

      g_test_message ("aligned ticks to %g in %u", cases[c].hi, cases[c].n_ticks);
      da_chart_ticks_compute_aligned (cases[c].hi, cases[c].n_ticks, &ticks);
      /* exactly as many ticks as the other axis: the grid lines are shared */
      g_assert_cmpuint (ticks.n_ticks, ==, cases[c].n_ticks);
      g_assert_cmpfloat (ticks.min, ==, 0);
      g_assert_cmpfloat_with_epsilon (ticks.step, cases[c].step, 1e-12 * cases[c].step);
      g_assert_cmpfloat_with_epsilon (ticks.max, cases[c].max, 1e-12 * cases[c].max);
      g_assert_cmpfloat (ticks.max, >=, cases[c].hi);
    }

  /* Everywhere: the fewest nice steps that reach the top, never twice as much as needed
   * plus a step. */
  for (int e = -4; e <= 9; e++)
    for (double m = 1; m < 10; m += 0.53)
      for (guint n = 2; n <= 9; n++)
        {
          double hi = m * pow (10, e);
          DaChartTicks ticks;

          da_chart_ticks_compute_aligned (hi, n, &ticks);
          g_assert_cmpuint (ticks.n_ticks, ==, n);
          g_assert_cmpfloat (ticks.max, >=, hi * (1 - 1e-9));
          g_assert_cmpfloat (ticks.max, <=, 2.5 * hi);
        }
}

static void
test_ticks_scale (void)
{
  DaChartTicks ticks;

  da_chart_ticks_compute (0, 100, 5, &ticks);
  /* A vertical axis: 0 at the bottom (y = 200), the top tick at y = 0. */
  g_assert_cmpfloat (da_chart_ticks_scale (&ticks, 0, 200, 0), ==, 200);
  g_assert_cmpfloat (da_chart_ticks_scale (&ticks, 100, 200, 0), ==, 0);
  g_assert_cmpfloat (da_chart_ticks_scale (&ticks, 25, 200, 0), ==, 150);
  /* not clamped: a value over the axis is drawn over it */
  g_assert_cmpfloat (da_chart_ticks_scale (&ticks, 200, 200, 0), ==, -200);
  g_assert_cmpfloat (da_chart_ticks_scale (&ticks, NAN, 200, 0), ==, 200);
}

static void
test_stacking (void)
{
  /* three series of four points */
  const double values[] = {
    1, 2, 0, 4,
    10, NAN, 0, 1,
    100, -5, 0, INFINITY,
  };
  double tops[12];
  double totals[4];
  double max;

  max = da_chart_stack (values, 3, 4, tops, totals);
  g_assert_cmpfloat (max, ==, 111);
  g_assert_cmpfloat (totals[0], ==, 111);
  /* NaN, negative and infinite values count as nothing */
  g_assert_cmpfloat (totals[1], ==, 2);
  g_assert_cmpfloat (totals[2], ==, 0);
  g_assert_cmpfloat (totals[3], ==, 5);

  g_assert_cmpfloat (tops[0 * 4 + 0], ==, 1);
  g_assert_cmpfloat (tops[1 * 4 + 0], ==, 11);
  g_assert_cmpfloat (tops[2 * 4 + 0], ==, 111);
  g_assert_cmpfloat (tops[2 * 4 + 1], ==, 2);

  /* The top of the last series is each point's total. */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (tops[2 * 4 + i], ==, totals[i]);

  /* Nothing to stack */
  g_assert_cmpfloat (da_chart_stack (NULL, 0, 0, NULL, NULL), ==, 0);
  g_assert_cmpfloat (da_chart_stack (values, 3, 0, NULL, NULL), ==, 0);
  /* One series is its own total */
  g_assert_cmpfloat (da_chart_stack (values, 1, 4, NULL, totals), ==, 4);
  g_assert_cmpfloat (totals[1], ==, 2);
}

static void
test_stack_hit_testing (void)
{
  const double values[] = {
    5, 0,
    0, 3,
    10, 1,
  };
  double tops[6];

  da_chart_stack (values, 3, 2, tops, NULL);

  /* point 0: series 0 holds [0, 5), series 1 is empty, series 2 holds [5, 15) */
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 0, 0), ==, 0);
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 0, 4.99), ==, 0);
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 0, 5), ==, 2);
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 0, 14.9), ==, 2);
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 0, 15), ==, -1);
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 0, -1), ==, -1);
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 0, NAN), ==, -1);
  /* point 1: series 1 holds [0, 3), series 2 [3, 4) */
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 1, 1), ==, 1);
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 1, 3.5), ==, 2);
  /* no such point */
  g_assert_cmpint (da_chart_stack_segment_at (tops, 3, 2, 2, 1), ==, -1);
}

static void
test_cumulative (void)
{
  double values[] = { 1.5, 2, NAN, -4, 0.5 };
  double sums[5];

  g_assert_cmpfloat (da_chart_cumulative (values, 5, sums), ==, 4);
  g_assert_cmpfloat (sums[0], ==, 1.5);
  g_assert_cmpfloat (sums[1], ==, 3.5);
  g_assert_cmpfloat (sums[2], ==, 3.5);
  g_assert_cmpfloat (sums[3], ==, 3.5);
  g_assert_cmpfloat (sums[4], ==, 4);

  /* in place */
  g_assert_cmpfloat (da_chart_cumulative (values, 5, values), ==, 4);
  g_assert_cmpfloat (values[1], ==, 3.5);

  g_assert_cmpfloat (da_chart_cumulative (NULL, 0, NULL), ==, 0);

  g_assert_cmpfloat (da_chart_max ((const double[]) { NAN, 3, -7, 2 }, 4), ==, 3);
  g_assert_cmpfloat (da_chart_max ((const double[]) { -1, NAN }, 2), ==, 0);
  g_assert_cmpfloat (da_chart_max (NULL, 0), ==, 0);
}

static void
test_bands (void)
{
  double start, size;

  /* ten bands of 10 from x = 50 */
  g_assert_cmpint (da_chart_band_at (50, 100, 10, 49.9), ==, -1);
  g_assert_cmpint (da_chart_band_at (50, 100, 10, 50), ==, 0);
  g_assert_cmpint (da_chart_band_at (50, 100, 10, 59.99), ==, 0);
  g_assert_cmpint (da_chart_band_at (50, 100, 10, 60), ==, 1);
  g_assert_cmpint (da_chart_band_at (50, 100, 10, 149.99), ==, 9);
  g_assert_cmpint (da_chart_band_at (50, 100, 10, 150), ==, -1);
  g_assert_cmpint (da_chart_band_at (50, 100, 0, 60), ==, -1);
  g_assert_cmpint (da_chart_band_at (50, 0, 10, 50), ==, -1);
  g_assert_cmpint (da_chart_band_at (50, 100, 10, NAN), ==, -1);

  /* a bar 70 % of its band, centred */
  da_chart_band_bar (50, 100, 10, 3, 0.7, 0, 1, &start, &size);
  g_assert_cmpfloat_with_epsilon (size, 7, 1e-9);
  g_assert_cmpfloat_with_epsilon (start, 81.5, 1e-9);
  /* The bar's centre is in its band: hit-testing finds it. */
  g_assert_cmpint (da_chart_band_at (50, 100, 10, start + size / 2), ==, 3);

  /* a single bar in a wide chart is no wider than asked */
  da_chart_band_bar (0, 600, 1, 0, 0.7, 48, 1, &start, &size);
  g_assert_cmpfloat (size, ==, 48);
  g_assert_cmpfloat (start, ==, 276);

  /* thousands of bars: too thin for gaps, each fills its band */
  da_chart_band_bar (0, 600, 3000, 1500, 0.7, 48, 1, &start, &size);
  g_assert_cmpfloat_with_epsilon (size, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (start, 300, 1e-9);
  g_assert_cmpint (da_chart_band_at (0, 600, 3000, 300.1), ==, 1500);

  /* no bands */
  da_chart_band_bar (10, 600, 0, 0, 0.7, 48, 1, &start, &size);
  g_assert_cmpfloat (size, ==, 0);
}

static void
test_label_stride (void)
{
  /* labels 30 wide with a gap of 8 in bands of 20: every second one fits */
  g_assert_cmpuint (da_chart_label_stride (20, 30, 8), ==, 2);
  g_assert_cmpuint (da_chart_label_stride (40, 30, 8), ==, 1);
  g_assert_cmpuint (da_chart_label_stride (0.2, 30, 8), ==, 190);
  g_assert_cmpuint (da_chart_label_stride (19, 30, 8), ==, 2);
  g_assert_cmpuint (da_chart_label_stride (0, 30, 8), ==, 1);
}

static void
test_snap (void)
{
  g_assert_cmpfloat (da_chart_snap (10.3, 1), ==, 10);
  g_assert_cmpfloat (da_chart_snap (10.3, 2), ==, 10.5);
  g_assert_cmpfloat (da_chart_snap (10.2, 2), ==, 10);
  g_assert_cmpfloat (da_chart_snap (10.7, 0), ==, 11);
}

static void
test_projection (void)
{
  const gint64 day = 24 * 3600;

  /* 100 ACUs in 10 days of a 30-day cycle: 300 by its end */
  g_assert_cmpfloat_with_epsilon (da_chart_project (100, 0, 10 * day, 30 * day), 300, 1e-9);
  /* the cycle is over: what was used */
  g_assert_cmpfloat (da_chart_project (100, 0, 31 * day, 30 * day), ==, 100);
  g_assert_cmpfloat (da_chart_project (100, 0, 30 * day, 30 * day), ==, 100);
  /* not started, or nonsense */
  g_assert_cmpfloat (da_chart_project (100, 0, 0, 30 * day), ==, -1);
  g_assert_cmpfloat (da_chart_project (100, 10, 5, 30 * day), ==, -1);
  g_assert_cmpfloat (da_chart_project (100, 30 * day, 40 * day, 30 * day), ==, -1);
  g_assert_cmpfloat (da_chart_project (NAN, 0, 10, 30), ==, -1);

  g_assert_cmpfloat_with_epsilon (da_chart_change (100, 125), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (da_chart_change (200, 50), -0.75, 1e-12);
  g_assert_true (isnan (da_chart_change (0, 50)));
  g_assert_true (isnan (da_chart_change (-1, 50)));
  g_assert_true (isnan (da_chart_change (10, NAN)));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-math/ticks/table", test_ticks_table);
  g_test_add_func ("/chart-math/ticks/exact-values", test_ticks_exact_values);
  g_test_add_func ("/chart-math/ticks/many-ranges", test_ticks_many_ranges);
  g_test_add_func ("/chart-math/ticks/aligned", test_ticks_aligned);
  g_test_add_func ("/chart-math/ticks/scale", test_ticks_scale);
  g_test_add_func ("/chart-math/stacking", test_stacking);
  g_test_add_func ("/chart-math/stack-hit-testing", test_stack_hit_testing);
  g_test_add_func ("/chart-math/cumulative", test_cumulative);
  g_test_add_func ("/chart-math/bands", test_bands);
  g_test_add_func ("/chart-math/label-stride", test_label_stride);
  g_test_add_func ("/chart-math/snap", test_snap);
  g_test_add_func ("/chart-math/projection", test_projection);

  return g_test_run ();
}

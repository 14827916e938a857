/* test-chart.c: the chart widget: layout, hit-testing, pixels, keyboard, styles and its table
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "da-chart.h"
#include "da-format.h"
#include "da-test-ui.h"

typedef struct
{
  GtkWidget  *chart;
  GtkWindow  *window;
  guint       n_formatted;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->chart = da_chart_new ();
  da_chart_set_title (DA_CHART (f->chart), "Daily usage");
  da_chart_set_unit (DA_CHART (f->chart), "ACUs");
  da_chart_set_category_title (DA_CHART (f->chart), "Day");
  da_chart_set_empty_text (DA_CHART (f->chart), "No usage in this cycle");
  g_object_ref_sink (f->chart);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_finalize_object (f->chart);
}

static void
show_chart (Fixture *f,
            int      width,
            int      height)
{
  f->window = da_test_window_new (f->chart, width, height);
  da_test_spin (50);
}

static DaChart *
chart_of (Fixture *f)
{
  return DA_CHART (f->chart);
}

/* Days "Jun 1" … with the values given. */
static void
set_days (DaChart      *chart,
          guint         n,
          const double *values)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (labels, g_strdup_printf ("Jun %u", i + 1));
      g_ptr_array_add (details, g_strdup_printf ("June %u, 2025", i + 1));
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (details, NULL);

  da_chart_set_categories (chart, n, (const char * const *) labels->pdata,
                           (const char * const *) details->pdata);
  if (values != NULL)
    da_chart_add_series (chart, "All organizations", values, FALSE);
}

/* ---- pixels ------------------------------------------------------------------------------ */

typedef struct
{
  int     width;
  int     height;
  gsize   stride;
  guchar *data;
} Pixels;

static void
pixels_clear (Pixels *pixels)
{
  g_clear_pointer (&pixels->data, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pixels, pixels_clear)

static void
download (GdkTexture *texture,
          Pixels     *pixels)
{
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = (gsize) pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
}

/* The pixel at (x, y): gdk_texture_download() writes premultiplied ARGB32 in native order. */
static void
pixel_at (const Pixels *pixels,
          int           x,
          int           y,
          GdkRGBA      *color)
{
  guint32 value;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, pixels->width);
  g_assert_cmpint (y, <, pixels->height);

  memcpy (&value, pixels->data + (gsize) y * pixels->stride + (gsize) x * 4, 4);
  color->alpha = ((value >> 24) & 0xff) / 255.f;
  color->red = color->alpha > 0 ? ((value >> 16) & 0xff) / 255.f / color->alpha : 0;
  color->green = color->alpha > 0 ? ((value >> 8) & 0xff) / 255.f / color->alpha : 0;
  color->blue = color->alpha > 0 ? (value & 0xff) / 255.f / color->alpha : 0;
}

static gboolean
color_near (const GdkRGBA *a,
            const GdkRGBA *b)
{
  return fabs (a->red - b->red) < 0.03 && fabs (a->green - b->green) < 0.03 &&
         fabs (a->blue - b->blue) < 0.03;
}

static void
assert_color_at (const Pixels  *pixels,
                 double         x,
                 double         y,
                 const GdkRGBA *expected,
                 gboolean       equal)
{
  GdkRGBA found;
  g_autofree char *want = gdk_rgba_to_string (expected);
  g_autofree char *got = NULL;

  pixel_at (pixels, (int) floor (x), (int) floor (y), &found);
  got = gdk_rgba_to_string (&found);
  g_test_message ("pixel at %.1f, %.1f: %s, %s %s", x, y, got, equal ? "expected" : "not", want);
  g_assert_true (color_near (&found, expected) == equal);
}

static void
lookup_named_color (GtkWidget  *widget,
                    const char *name,
                    GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name,
                                                 color));
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static guint
table_rows (GtkWidget *table)
{
  GtkSelectionModel *rows = gtk_column_view_get_model (GTK_COLUMN_VIEW (table));

  return g_list_model_get_n_items (G_LIST_MODEL (rows));
}

/* ---- tests ------------------------------------------------------------------------------- */

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GtkWidget) table = NULL;
  graphene_rect_t area;

  show_chart (f, 500, 260);

  g_assert_cmpuint (da_chart_get_n_categories (chart_of (f)), ==, 0);
  /* Nothing to move the keyboard through: not in the focus chain. */
  g_assert_false (gtk_widget_get_focusable (f->chart));
  g_assert_cmpint (da_chart_get_index_at (chart_of (f), 250, 130), ==, -1);
  g_assert_false (da_chart_get_bar_area (chart_of (f), 0, &area));
  g_assert_null (da_chart_dup_point_text (chart_of (f), 0));

  summary = da_chart_dup_summary (chart_of (f));
  g_assert_cmpstr (summary, ==, "No usage in this cycle");

  texture = da_chart_render_texture (chart_of (f), 1);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (f->chart));

  table = g_object_ref_sink (da_chart_create_table (chart_of (f)));
  g_assert_cmpuint (table_rows (table), ==, 0);

  /* A series with no categories is empty too. */
  da_chart_add_series (chart_of (f), "Nothing", NULL, FALSE);
  g_assert_cmpuint (da_chart_get_n_series (chart_of (f)), ==, 1);
  da_test_spin (50);

  da_test_screenshot (GTK_WIDGET (f->window), "empty");
}

static void
test_single_point (Fixture       *f,
                   gconstpointer  data)
{
  const double values[] = { 42.5 };
  graphene_rect_t area;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  int width;

  set_days (chart_of (f), 1, values);
  show_chart (f, 600, 260);
  width = gtk_widget_get_width (f->chart);

  g_assert_true (gtk_widget_get_focusable (f->chart));
  g_assert_true (da_chart_get_bar_area (chart_of (f), 0, &area));
  /* One bar in a wide chart: no wider than a column should be, in the middle of the plot. */
  g_assert_cmpfloat (area.size.width, <=, 48);
  g_assert_cmpfloat (area.size.width, >=, 20);
  g_assert_cmpfloat (fabs (area.origin.x + area.size.width / 2 - width / 2.0), <, 40);
  g_assert_cmpfloat (area.size.height, >, 50);

  summary = da_chart_dup_summary (chart_of (f));
  g_assert_cmpstr (summary, ==, "One bar: June 1, 2025. Total: 42.5.");

  text = da_chart_dup_point_text (chart_of (f), 0);
  g_assert_cmpstr (text, ==, "June 1, 2025\nAll organizations: 42.5");

  da_test_screenshot (GTK_WIDGET (f->window), "single");
}

static char *
format_acus (double   value,
             gpointer user_data)
{
  g_autofree char *number = da_format_acus (value);

  (*(guint *) user_data)++;
  return g_strdup_printf ("%s ACUs", number);
}

static void
test_stacking (Fixture       *f,
               gconstpointer  data)
{
  const double engineering[] = { 10, 20, 0, 5, 7.5 };
  const double research[] = { 5, NAN, 0, 5, 2.5 };
  const double other[] = { 1, 1, 0, -3, 0 };
  double cumulative[5];
  graphene_rect_t areas[5];
  g_autofree char *text = NULL;

  set_days (chart_of (f), 5, NULL);
  /* the count lives as long as the chart */
  da_chart_set_format_func (chart_of (f), format_acus, &f->n_formatted, NULL);
  g_assert_cmpuint (da_chart_add_series (chart_of (f), "Engineering", engineering, FALSE), ==, 0);
  g_assert_cmpuint (da_chart_add_series (chart_of (f), "Research", research, FALSE), ==, 1);
  g_assert_cmpuint (da_chart_add_series (chart_of (f), "Other", other, TRUE), ==, 2);
  for (guint i = 0; i < 5; i++)
    cumulative[i] = (i > 0 ? cumulative[i - 1] : 0) + engineering[i] +
                    (isnan (research[i]) ? 0 : research[i]) + MAX (other[i], 0);
  g_assert_cmpuint (da_chart_add_line (chart_of (f), "Cumulative", cumulative), ==, 0);
  da_chart_add_threshold (chart_of (f), "Engineering limit", 80, 0);
  da_chart_set_line_unit (chart_of (f), "Cumulative");
  show_chart (f, 700, 320);

  /* The stack of each day is the sum of what counts. */
  g_assert_cmpfloat (da_chart_get_total (chart_of (f), 0), ==, 16);
  g_assert_cmpfloat (da_chart_get_total (chart_of (f), 1), ==, 21);
  g_assert_cmpfloat (da_chart_get_total (chart_of (f), 2), ==, 0);
  g_assert_cmpfloat (da_chart_get_total (chart_of (f), 3), ==, 10);
  g_assert_cmpfloat (da_chart_get_total (chart_of (f), 4), ==, 10);
  g_assert_true (isnan (da_chart_get_total (chart_of (f), 5)));
  g_assert_cmpfloat (da_chart_get_value (chart_of (f), 1, 4), ==, 2.5);
  g_assert_cmpfloat (da_chart_get_line_value (chart_of (f), 0, 4), ==, 57);
  g_assert_cmpfloat (da_chart_get_threshold (chart_of (f), 0), ==, 80);

  /* Bars are as tall as their totals, on one scale. */
  for (guint i = 0; i < 5; i++)
    g_assert_true (da_chart_get_bar_area (chart_of (f), i, &areas[i]));
  g_assert_cmpfloat (fabs (areas[1].size.height / areas[0].size.height - 21.0 / 16.0), <, 0.05);
  g_assert_cmpfloat (areas[2].size.height, ==, 0);
  g_assert_cmpfloat (fabs (areas[3].size.height - areas[4].size.height), <, 1);
  /* They stand on the same baseline, left to right. */
  for (guint i = 1; i < 5; i++)
    {
      g_assert_cmpfloat (areas[i].origin.x, >, areas[i - 1].origin.x);
      g_assert_cmpfloat (fabs (areas[i].origin.y + areas[i].size.height -
                               areas[0].origin.y - areas[0].size.height), <, 1);
    }

  /* The tooltip lists each series, the total and the line, through the format function. */
  text = da_chart_dup_point_text (chart_of (f), 0);
  g_assert_cmpstr (text, ==,
                   "June 1, 2025\n"
                   "Engineering: 10 ACUs\n"
                   "Research: 5 ACUs\n"
                   "Other: 1 ACUs\n"
                   "Total: 16 ACUs\n"
                   "Cumulative: 16 ACUs");
  g_assert_cmpuint (f->n_formatted, >, 0);

  /* Side by side, the tallest series sets the bar's height. */
  da_chart_set_stacked (chart_of (f), FALSE);
  da_test_spin (50);
  {
    graphene_rect_t side;

    g_assert_true (da_chart_get_bar_area (chart_of (f), 0, &side));
    g_assert_cmpfloat (side.size.height, <, areas[0].size.height);
  }
  da_chart_set_stacked (chart_of (f), TRUE);
  da_test_spin (50);

  da_test_screenshot (GTK_WIDGET (f->window), "stacked");
}

static void
test_hit_testing (Fixture       *f,
                  gconstpointer  data)
{
  const double values[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
  const guint n = G_N_ELEMENTS (values);

  set_days (chart_of (f), n, values);
  show_chart (f, 640, 300);

  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t area;
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      g_assert_true (da_chart_get_bar_area (chart_of (f), i, &area));
      /* On the bar, above it (the band) and under it, the tooltip is the bar's. */
      g_assert_cmpint (da_chart_get_index_at (chart_of (f), area.origin.x + area.size.width / 2,
                                              area.origin.y + area.size.height / 2), ==, (int) i);
      g_assert_cmpint (da_chart_get_index_at (chart_of (f), area.origin.x + area.size.width / 2,
                                              area.origin.y - 5), ==, (int) i);
      text = da_chart_dup_point_text (chart_of (f), i);
      expected = g_strdup_printf ("June %u, 2025\nAll organizations: %g", i + 1, values[i]);
      g_assert_cmpstr (text, ==, expected);
    }

  /* Left of the plot (the axis' labels) and above it (the legend) hold no bar. */
  g_assert_cmpint (da_chart_get_index_at (chart_of (f), 2, 150), ==, -1);
  g_assert_cmpint (da_chart_get_index_at (chart_of (f), 320, 1), ==, -1);

  /* Rows of a horizontal chart: the whole row, name included, is the bar's. */
  da_chart_set_orientation (chart_of (f), GTK_ORIENTATION_HORIZONTAL);
  da_test_spin (100);
  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t area;

      g_assert_true (da_chart_get_bar_area (chart_of (f), i, &area));
      g_assert_cmpint (da_chart_get_index_at (chart_of (f), area.origin.x + area.size.width / 2,
                                              area.origin.y + area.size.height / 2), ==, (int) i);
      g_assert_cmpint (da_chart_get_index_at (chart_of (f), 3,
                                              area.origin.y + area.size.height / 2), ==, (int) i);
    }
  g_assert_cmpint (da_chart_get_index_at (chart_of (f), 100, -5), ==, -1);
}

static void
test_png_bar_positions (Fixture       *f,
                        gconstpointer  data)
{
  const double values[] = { 10, 40, 25, 0, 35 };
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) sharp = NULL;
  g_autoptr(GBytes) png = NULL;
  g_auto(Pixels) pixels = { 0 };
  g_auto(Pixels) sharp_pixels = { 0 };
  GdkRGBA accent, bar, background;

  set_days (chart_of (f), G_N_ELEMENTS (values), values);
  show_chart (f, 600, 300);

  lookup_named_color (f->chart, "accent_bg_color", &accent);
  lookup_named_color (f->chart, "window_bg_color", &background);
  da_chart_get_series_color (chart_of (f), 0, &bar);
  /* The first series is drawn in the accent colour. */
  g_assert_true (color_near (&bar, &accent));

  texture = da_chart_render_texture (chart_of (f), 1);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (f->chart));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (f->chart));

  /* What an export writes is a PNG of that size. */
  png = gdk_texture_save_to_png_bytes (texture);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GdkTexture) loaded = gdk_texture_new_from_bytes (png, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (loaded), ==, gdk_texture_get_width (texture));
  }

  download (texture, &pixels);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      graphene_rect_t area;
      double cx;

      g_assert_true (da_chart_get_bar_area (chart_of (f), i, &area));
      cx = area.origin.x + area.size.width / 2;
      if (values[i] > 0)
        {
          /* inside the bar: the accent colour; above it: the background */
          assert_color_at (&pixels, cx, area.origin.y + area.size.height / 2, &accent, TRUE);
          assert_color_at (&pixels, cx, area.origin.y + 3, &accent, TRUE);
          assert_color_at (&pixels, cx, area.origin.y - 4, &accent, FALSE);
        }
      else
        assert_color_at (&pixels, cx, area.origin.y - 8, &accent, FALSE);
      /* between bars: never the accent */
      assert_color_at (&pixels, area.origin.x - 3, area.origin.y + area.size.height / 2, &accent,
                       FALSE);
    }
  /* The corner is the window's background (the legend and axes are elsewhere). */
  assert_color_at (&pixels, gtk_widget_get_width (f->chart) - 2, 2, &background, TRUE);

  /* HiDPI: twice the pixels, the same bars at twice the coordinates. */
  sharp = da_chart_render_texture (chart_of (f), 2);
  g_assert_cmpint (gdk_texture_get_width (sharp), ==, 2 * gtk_widget_get_width (f->chart));
  download (sharp, &sharp_pixels);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      graphene_rect_t area;

      if (values[i] == 0)
        continue;
      g_assert_true (da_chart_get_bar_area (chart_of (f), i, &area));
      assert_color_at (&sharp_pixels, 2 * (area.origin.x + area.size.width / 2),
                       2 * (area.origin.y + area.size.height / 2), &accent, TRUE);
      /* The edges are sharp: across them, each device pixel is the bar or the background,
       * never a blend of both. */
      for (int dx = -3; dx <= 3; dx++)
        {
          GdkRGBA found;

          pixel_at (&sharp_pixels, (int) (2 * area.origin.x) + dx,
                    (int) (2 * (area.origin.y + area.size.height / 2)), &found);
          g_assert_true (color_near (&found, &accent) || color_near (&found, &background));
        }
    }
}

static void
test_outlier (Fixture       *f,
              gconstpointer  data)
{
  const double values[] = { 0.4, 1, 100000, 2, 0 };

  set_days (chart_of (f), G_N_ELEMENTS (values), values);
  show_chart (f, 500, 260);

  /* Small values next to a huge one are still drawn, at least a pixel tall; zero is not. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      graphene_rect_t area;

      g_assert_true (da_chart_get_bar_area (chart_of (f), i, &area));
      if (values[i] > 0)
        g_assert_cmpfloat (area.size.height, >=, 1);
      else
        g_assert_cmpfloat (area.size.height, ==, 0);
    }

  da_test_screenshot (GTK_WIDGET (f->window), "outlier");
}

static void
test_thousands (Fixture       *f,
                gconstpointer  data)
{
  const guint n = 5000;
  g_autofree double *values = g_new (double, n);
  g_autoptr(GdkTexture) texture = NULL;
  int width;

  for (guint i = 0; i < n; i++)
    values[i] = 50 + 40 * sin (i / 100.0) + (i % 7);
  set_days (chart_of (f), n, values);
  show_chart (f, 800, 300);
  width = gtk_widget_get_width (f->chart);

  /* Narrower than a pixel, each bar is drawn a pixel wide where it is, and pointing at that
   * pixel finds it or a neighbour sharing the pixel. */
  for (guint i = 0; i < n; i += 997)
    {
      graphene_rect_t area;
      int found;

      g_assert_true (da_chart_get_bar_area (chart_of (f), i, &area));
      g_assert_cmpfloat (area.origin.x, >=, 0);
      g_assert_cmpfloat (area.origin.x, <, width);
      g_assert_cmpfloat (area.size.width, ==, 1);
      found = da_chart_get_index_at (chart_of (f), area.origin.x + area.size.width / 2,
                                     area.origin.y + 1);
      g_assert_cmpint (abs (found - (int) i), <=, (int) (n / width) + 1);
    }
  /* in order from left to right */
  {
    graphene_rect_t first, last;

    g_assert_true (da_chart_get_bar_area (chart_of (f), 0, &first));
    g_assert_true (da_chart_get_bar_area (chart_of (f), n - 1, &last));
    g_assert_cmpfloat (first.origin.x, <, last.origin.x);
    g_assert_cmpint (da_chart_get_index_at (chart_of (f), first.origin.x + 0.01, 100), ==, 0);
  }

  texture = da_chart_render_texture (chart_of (f), 1);
  g_assert_nonnull (texture);

  da_test_screenshot (GTK_WIDGET (f->window), "thousands");
}

static void
on_activated_cb (DaChart *chart,
                 guint    index,
                 int     *activated)
{
  *activated = (int) index;
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  const double values[] = { 1, 2, 3, 4 };
  GtkWidget *tip;
  int activated = -1;

  set_days (chart_of (f), G_N_ELEMENTS (values), values);
  g_signal_connect (f->chart, "activated", G_CALLBACK (on_activated_cb), &activated);
  g_assert_cmpint (da_chart_get_focus_index (chart_of (f)), ==, -1);
  show_chart (f, 500, 300);

  g_assert_true (gtk_widget_grab_focus (f->chart));
  /* Focus lands on the first day. */
  g_assert_cmpint (da_chart_get_focus_index (chart_of (f)), ==, 0);

  /* The arrow keys' action moves through the days and shows a tip for each. */
  g_assert_true (gtk_widget_activate_action (f->chart, "chart.move", "i", 1));
  g_assert_cmpint (da_chart_get_focus_index (chart_of (f)), ==, 1);
  tip = da_test_find_widget (f->chart, GTK_TYPE_POPOVER, NULL);
  g_assert_nonnull (tip);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (tip));
  g_assert_true (da_test_has_label (tip, "June 2, 2025"));
  g_assert_true (da_test_has_label (tip, "All organizations: 2"));
  /* The tip does not take the focus. */
  g_assert_true (gtk_widget_has_focus (f->chart));

  da_test_screenshot (GTK_WIDGET (f->window), "keyboard");

  /* Never past either end */
  g_assert_true (gtk_widget_activate_action (f->chart, "chart.move", "i", 10));
  g_assert_cmpint (da_chart_get_focus_index (chart_of (f)), ==, 3);
  g_assert_true (gtk_widget_activate_action (f->chart, "chart.move", "i", -10));
  g_assert_cmpint (da_chart_get_focus_index (chart_of (f)), ==, 0);
  g_assert_true (gtk_widget_activate_action (f->chart, "chart.jump", "i", -1));
  g_assert_cmpint (da_chart_get_focus_index (chart_of (f)), ==, 3);
  g_assert_true (da_test_has_label (tip, "June 4, 2025"));

  /* Enter activates the focused day. */
  g_assert_true (gtk_widget_activate_action (f->chart, "chart.activate", NULL));
  g_assert_cmpint (activated, ==, 3);

  /* New data with fewer days keep the focus on one that exists. */
  set_days (chart_of (f), 2, values);
  g_assert_cmpint (da_chart_get_focus_index (chart_of (f)), ==, 1);

  /* Focus elsewhere hides the tip. */
  gtk_widget_set_focusable (f->chart, FALSE);
  gtk_window_set_focus (f->window, NULL);
  DA_TEST_WAIT_UNTIL (!gtk_widget_get_visible (tip));
}

static void
test_styles (Fixture       *f,
             gconstpointer  data)
{
  const double values[] = { 10, 20, 30 };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  g_auto(Pixels) light_pixels = { 0 };
  g_auto(Pixels) dark_pixels = { 0 };
  GdkRGBA accent, corner_light, corner_dark, fg_light, fg_dark;
  graphene_rect_t area;

  set_days (chart_of (f), G_N_ELEMENTS (values), values);
  show_chart (f, 500, 260);
  g_assert_true (da_chart_get_bar_area (chart_of (f), 1, &area));

  lookup_named_color (f->chart, "accent_bg_color", &accent);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (f->chart), &fg_light);
  G_GNUC_END_IGNORE_DEPRECATIONS
  light = da_chart_render_texture (chart_of (f), 1);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  da_test_spin (200);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (f->chart), &fg_dark);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dark = da_chart_render_texture (chart_of (f), 1);

  download (light, &light_pixels);
  download (dark, &dark_pixels);

  /* The background and the text follow the style... */
  pixel_at (&light_pixels, 1, 1, &corner_light);
  pixel_at (&dark_pixels, 1, 1, &corner_dark);
  g_assert_false (color_near (&corner_light, &corner_dark));
  g_assert_false (color_near (&fg_light, &fg_dark));
  g_assert_cmpfloat (corner_light.red + corner_light.green + corner_light.blue, >,
                     corner_dark.red + corner_dark.green + corner_dark.blue);

  /* ...and the bars keep the accent colour. */
  assert_color_at (&light_pixels, area.origin.x + area.size.width / 2,
                   area.origin.y + area.size.height / 2, &accent, TRUE);
  lookup_named_color (f->chart, "accent_bg_color", &accent);
  assert_color_at (&dark_pixels, area.origin.x + area.size.width / 2,
                   area.origin.y + area.size.height / 2, &accent, TRUE);

  /* A different accent colour (high contrast, a theme) is followed at once. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    g_autoptr(GdkTexture) tinted = NULL;
    g_auto(Pixels) tinted_pixels = { 0 };
    GdkRGBA green;

    gdk_rgba_parse (&green, "#2ec27e");
    gtk_css_provider_load_from_data (css, "@define-color accent_bg_color #2ec27e;", -1);
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_USER);
    da_test_spin (100);
    tinted = da_chart_render_texture (chart_of (f), 1);
    download (tinted, &tinted_pixels);
    assert_color_at (&tinted_pixels, area.origin.x + area.size.width / 2,
                     area.origin.y + area.size.height / 2, &green, TRUE);
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (css));
  }
}

static guint
column_count (GtkWidget *table)
{
  return g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (table)));
}

static const char *
column_title (GtkWidget *table,
              guint      i)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (table)), i);

  return gtk_column_view_column_get_title (column);
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  const double engineering[] = { 10, 20.25, 0 };
  const double research[] = { 5, 1, 2 };
  const double cumulative[] = { 15, 36.25, 38.25 };
  GtkWidget *table;
  GtkWidget *scrolled;
  GtkWindow *window;

  set_days (chart_of (f), 3, NULL);
  da_chart_add_series (chart_of (f), "Engineering", engineering, FALSE);
  da_chart_add_series (chart_of (f), "Research", research, FALSE);
  da_chart_add_line (chart_of (f), "Cumulative", cumulative);

  table = da_chart_create_table (chart_of (f));
  /* the day, each series, the total, the line */
  g_assert_cmpuint (column_count (table), ==, 5);
  g_assert_cmpstr (column_title (table, 0), ==, "Day");
  g_assert_cmpstr (column_title (table, 1), ==, "Engineering (ACUs)");
  g_assert_cmpstr (column_title (table, 2), ==, "Research (ACUs)");
  g_assert_cmpstr (column_title (table, 3), ==, "Total (ACUs)");
  g_assert_cmpstr (column_title (table, 4), ==, "Cumulative");
  g_assert_cmpuint (table_rows (table), ==, 3);

  /* Shown, its cells are the chart's numbers. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), table);
  window = da_test_window_new (scrolled, 600, 300);
  da_test_spin (100);
  g_assert_true (da_test_has_label (table, "June 2, 2025"));
  g_assert_true (da_test_has_label (table, "20.2") || da_test_has_label (table, "20.3"));
  g_assert_true (da_test_has_label (table, "21.2") || da_test_has_label (table, "21.3"));
  g_assert_true (da_test_has_label (table, "38.2") || da_test_has_label (table, "38.3"));
  da_test_screenshot (GTK_WIDGET (window), "table");
  gtk_window_destroy (window);

  /* Limits add a column; one series has no total. */
  da_chart_set_orientation (chart_of (f), GTK_ORIENTATION_HORIZONTAL);
  set_days (chart_of (f), 3, engineering);
  da_chart_set_limits (chart_of (f), (const double[]) { 15, NAN, 1 });
  table = g_object_ref_sink (da_chart_create_table (chart_of (f)));
  g_assert_cmpuint (column_count (table), ==, 3);
  g_assert_cmpstr (column_title (table, 1), ==, "All organizations (ACUs)");
  g_assert_cmpstr (column_title (table, 2), ==, "Limit (ACUs)");
  g_object_unref (table);
}

static void
test_horizontal_limits (Fixture       *f,
                        gconstpointer  data)
{
  const char *names[] = { "Engineering", "Research and Development of Long Names", "Sales" };
  const double used[] = { 900, 300, 50 };
  const double limits[] = { 600, 1000, NAN };
  g_autoptr(GdkTexture) texture = NULL;
  g_auto(Pixels) pixels = { 0 };
  g_autofree char *text = NULL;
  graphene_rect_t area;
  GdkRGBA accent, error;
  int natural;

  da_chart_set_orientation (chart_of (f), GTK_ORIENTATION_HORIZONTAL);
  da_chart_set_categories (chart_of (f), 3, names, NULL);
  da_chart_add_series (chart_of (f), "Used", used, FALSE);
  da_chart_set_limits (chart_of (f), limits);

  /* A row per organization: taller with more of them. */
  gtk_widget_measure (f->chart, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, >=, 3 * 28);

  show_chart (f, 640, 220);
  lookup_named_color (f->chart, "accent_bg_color", &accent);
  lookup_named_color (f->chart, "error_bg_color", &error);

  text = da_chart_dup_point_text (chart_of (f), 0);
  g_assert_cmpstr (text, ==, "Engineering\nUsed: 900\nLimit: 600 (150 % used)");

  texture = da_chart_render_texture (chart_of (f), 1);
  download (texture, &pixels);

  /* Engineering is over its limit: its bar is the accent up to the limit, then the error
   * colour. */
  g_assert_true (da_chart_get_bar_area (chart_of (f), 0, &area));
  assert_color_at (&pixels, area.origin.x + area.size.width * 0.3,
                   area.origin.y + area.size.height / 2, &accent, TRUE);
  assert_color_at (&pixels, area.origin.x + area.size.width * 0.9,
                   area.origin.y + area.size.height / 2, &error, TRUE);
  /* Research is under: all accent. */
  g_assert_true (da_chart_get_bar_area (chart_of (f), 1, &area));
  assert_color_at (&pixels, area.origin.x + area.size.width * 0.9,
                   area.origin.y + area.size.height / 2, &accent, TRUE);

  da_test_screenshot (GTK_WIDGET (f->window), "horizontal");
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/chart/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("empty", test_empty);
  ADD ("single-point", test_single_point);
  ADD ("stacking", test_stacking);
  ADD ("hit-testing", test_hit_testing);
  ADD ("png-bar-positions", test_png_bar_positions);
  ADD ("outlier", test_outlier);
  ADD ("thousands", test_thousands);
  ADD ("keyboard", test_keyboard);
  ADD ("styles", test_styles);
  ADD ("table", test_table);
  ADD ("horizontal-limits", test_horizontal_limits);

#undef ADD

  return g_test_run ();
}

/* test-consumption-page.c: the Consumption page against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "da-chart.h"
#include "da-consumption-days.h"
#include "da-consumption-page.h"
#include "da-consumption-section.h"
#include "da-csv.h"
#include "da-figure.h"
#include "da-format.h"
#include "da-pages.h"
#include "da-state-view.h"
#include "da-test-ui.h"

#define MEMBER_KEY "apk_user_member_consumption"
#define BILLING_DAY_OFFSET (8 * 3600)

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  GtkWidget    *page;
  GtkWindow    *window;
  DaStateView  *state_view;
  char         *tmpdir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *key = data;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 200;
  options.member_key = g_strdup (MEMBER_KEY);
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, key);
  f->page = da_consumption_page_new (f->context);
  f->state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  g_assert_nonnull (f->state_view);
  f->tmpdir = g_dir_make_tmp ("consumption-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  g_clear_object (&f->context);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
  remove_dir (f->tmpdir);
  g_free (f->tmpdir);
}

static DaStateViewState
state_of (Fixture *f)
{
  return da_state_view_get_state (f->state_view);
}

/* Shows the page and waits until everything it asked for is in. */
static void
show_page (Fixture *f,
           int      width,
           int      height)
{
  f->window = da_test_window_new (f->page, width, height);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING &&
                      !da_page_get_busy (DA_PAGE (f->page)));
  /* and laid out, as a person sees it */
  da_test_spin (100);
}

static void
wait_idle (Fixture *f)
{
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  da_test_spin (50);
}

static DaFigure *
figure (Fixture    *f,
        const char *name)
{
  GtkWidget *widget = da_test_find_widget (f->page, DA_TYPE_FIGURE, name);

  g_assert_nonnull (widget);
  return DA_FIGURE (widget);
}

static DaConsumptionSection *
section (Fixture    *f,
         const char *name)
{
  GtkWidget *widget = da_test_find_widget (f->page, DA_TYPE_CONSUMPTION_SECTION, name);

  g_assert_nonnull (widget);
  return DA_CONSUMPTION_SECTION (widget);
}

static DaChart *
chart (Fixture    *f,
       const char *name)
{
  return da_consumption_section_get_chart (section (f, name));
}

static gboolean
figure_shown (Fixture    *f,
              const char *name)
{
  /* a figure hides with its place in the flow box */
  return gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (figure (f, name))));
}

static guint
table_rows (GtkWidget *table)
{
  GtkSelectionModel *rows = gtk_column_view_get_model (GTK_COLUMN_VIEW (table));

  return g_list_model_get_n_items (G_LIST_MODEL (rows));
}

static GtkDropDown *
cycle_dropdown (Fixture *f)
{
  GtkWidget *widget = da_test_find_widget (f->page, GTK_TYPE_DROP_DOWN, "cycle-dropdown");

  g_assert_nonnull (widget);
  return GTK_DROP_DOWN (widget);
}

static void
assert_acus_close (double found,
                   double expected)
{
  /* the API rounds to hundredths */
  g_assert_cmpfloat (fabs (found - expected), <, 0.0051);
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static GPtrArray *
api_cycles (DaClient *client)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  GPtrArray *cycles;

  da_client_list_billing_cycles_async (client, NULL, da_test_async_cb, &async);
  cycles = da_client_list_billing_cycles_finish (client, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  g_assert_cmpuint (cycles->len, >, 1);
  return cycles;
}

static DaConsumption *
api_daily (DaClient       *client,
           const char     *user_id,
           DaBillingCycle *cycle,
           const char     *org_id)
{
  g_autoptr(GError) error = NULL;
  const char *org_ids[] = { org_id, NULL };
  DaTestAsync async = { 0 };
  DaConsumption *consumption;

  da_client_get_daily_consumption_async (client, user_id, da_billing_cycle_get_start (cycle),
                                         da_billing_cycle_get_end (cycle),
                                         org_id != NULL ? org_ids : NULL, NULL,
                                         da_test_async_cb, &async);
  consumption = da_client_get_daily_consumption_finish (client, da_test_async_wait (&async),
                                                        &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return consumption;
}

static DaUsageMetrics *
api_metrics (DaClient       *client,
             DaBillingCycle *cycle)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  DaUsageMetrics *metrics;

  da_client_get_metrics_async (client, DA_METRICS_USAGE, da_billing_cycle_get_start (cycle),
                               da_billing_cycle_get_end (cycle), NULL, NULL, NULL,
                               da_test_async_cb, &async);
  metrics = da_client_get_metrics_finish (client, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return metrics;
}

static DaMember *
api_member (DaClient   *client,
            const char *user_id)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  DaMember *member;

  da_client_get_member_async (client, user_id, NULL, da_test_async_cb, &async);
  member = da_client_get_member_finish (client, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return member;
}

/* The billing days of @cycle up to now, as the API names them */
static GStrv
days_of (DaBillingCycle *cycle)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gint64 start = da_billing_cycle_get_start (cycle);
  gint64 end = MIN (da_billing_cycle_get_end (cycle), da_now () + 1);

  for (gint64 t = start; t < end; t += 24 * 3600)
    {
      g_autofree char *key = da_format_iso_date (t - BILLING_DAY_OFFSET);

      g_strv_builder_add (builder, key);
    }
  return g_strv_builder_end (builder);
}

static const DaConsumptionEntry *
largest (const DaConsumptionEntry *entries,
         guint                     n)
{
  const DaConsumptionEntry *best = NULL;

  for (guint i = 0; i < n; i++)
    if (best == NULL || entries[i].acus > best->acus ||
        (entries[i].acus == best->acus && g_strcmp0 (entries[i].key, best->key) < 0))
      best = &entries[i];
  return best;
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_totals_match_api (Fixture       *f,
                       gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(DaConsumption) consumption = NULL;
  g_autoptr(DaUsageMetrics) metrics = NULL;
  g_auto(GStrv) days = NULL;
  g_autofree char *total = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *prs = NULL;
  DaBillingCycle *current;
  DaChart *daily;
  double sum = 0;

  show_page (f, 1100, 900);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_export (DA_PAGE (f->page)));

  cycles = api_cycles (client);
  current = g_ptr_array_index (cycles, 0);
  consumption = api_daily (client, NULL, current, NULL);
  metrics = api_metrics (client, current);
  days = days_of (current);

  /* The picker lists every cycle, the current one first and chosen. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (cycle_dropdown (f))), ==,
                    cycles->len);
  g_assert_cmpuint (gtk_drop_down_get_selected (cycle_dropdown (f)), ==, 0);
  {
    GtkStringObject *chosen = gtk_drop_down_get_selected_item (cycle_dropdown (f));

    g_assert_true (g_str_has_suffix (gtk_string_object_get_string (chosen), "(Current)"));
  }

  /* The figures are the API's. */
  total = da_format_acus (da_consumption_get_total_acus (consumption));
  sessions = da_format_count (da_usage_metrics_get_sessions_count (metrics));
  prs = da_format_count (da_usage_metrics_get_prs_opened (metrics));
  g_assert_cmpstr (da_figure_get_value (figure (f, "total-figure")), ==, total);
  g_assert_cmpstr (da_figure_get_value (figure (f, "sessions-figure")), ==, sessions);
  g_assert_cmpstr (da_figure_get_value (figure (f, "prs-figure")), ==, prs);
  g_assert_true (da_consumption_get_total_acus (consumption) > 0);

  /* A bar a billing day, each the API's figure for that day; together the cycle's total. */
  daily = chart (f, "daily-section");
  g_assert_cmpuint (da_chart_get_n_categories (daily), ==, g_strv_length (days));
  g_assert_cmpuint (da_chart_get_n_series (daily), ==, 1);
  for (guint i = 0; days[i] != NULL; i++)
    {
      assert_acus_close (da_chart_get_value (daily, 0, i),
                         da_consumption_lookup_date (consumption, days[i]));
      sum += da_chart_get_value (daily, 0, i);
    }
  g_assert_cmpfloat (fabs (sum - da_consumption_get_total_acus (consumption)), <,
                     0.01 * g_strv_length (days));
  /* the cumulative line ends at the total */
  g_assert_cmpuint (da_chart_get_n_lines (daily), ==, 1);
  g_assert_cmpfloat (fabs (da_chart_get_line_value (daily, 0, g_strv_length (days) - 1) - sum), <,
                     1e-6);

  /* By organization: one bar each, largest first, named, the API's figures. */
  {
    DaChart *orgs = chart (f, "organizations-section");
    const DaConsumptionEntry *by_org;
    guint n = 0;

    by_org = da_consumption_get_by_org (consumption, &n);
    g_assert_cmpuint (da_chart_get_n_categories (orgs), ==, n);
    for (guint i = 0; i < n; i++)
      {
        const char *name = da_chart_get_label (orgs, i);
        gboolean found = FALSE;

        if (i > 0)
          g_assert_cmpfloat (da_chart_get_value (orgs, 0, i), <=,
                             da_chart_get_value (orgs, 0, i - 1));
        for (guint j = 0; j < n; j++)
          if (g_strcmp0 (da_context_lookup_org_name (f->context, by_org[j].key), name) == 0)
            {
              assert_acus_close (da_chart_get_value (orgs, 0, i), by_org[j].acus);
              found = TRUE;
            }
        g_assert_true (found);
      }
  }

  /* Top users: the members who used most, by name, with their figures. */
  {
    g_autoptr(GPtrArray) rows = NULL;
    const DaConsumptionEntry *by_user;
    const DaConsumptionEntry *top;
    g_autoptr(DaMember) member = NULL;
    g_autofree char *acus = NULL;
    g_autofree char *acus_text = NULL;
    guint n = 0, used = 0;

    by_user = da_consumption_get_by_user (consumption, &n);
    for (guint i = 0; i < n; i++)
      used += by_user[i].acus > 0;
    top = largest (by_user, n);
    g_assert_nonnull (top);
    member = api_member (client, top->key);

    rows = da_test_find_all (da_test_find_widget (f->page, GTK_TYPE_LIST_BOX, "users-list"),
                             ADW_TYPE_ACTION_ROW);
    g_assert_cmpuint (rows->len, ==, MIN (used, 10));
    g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                     da_member_get_name (member));
    g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), ==,
                     da_member_get_email (member));
    acus = da_format_acus (top->acus);
    acus_text = g_strdup_printf ("%s ACUs", acus);
    g_assert_true (da_test_has_label (g_ptr_array_index (rows, 0), acus_text));
  }

  da_test_screenshot (GTK_WIDGET (f->window), "page");

  /* and the rest of the page, scrolled down */
  {
    GtkWidget *scrolled = da_test_find_widget (f->page, GTK_TYPE_SCROLLED_WINDOW, NULL);
    GtkAdjustment *adjustment;

    g_assert_nonnull (scrolled);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    da_test_spin (100);
    da_test_screenshot (GTK_WIDGET (f->window), "page-end");
  }
}

static void
test_change_and_projection (Fixture       *f,
                            gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(DaConsumption) consumption = NULL;
  g_autoptr(DaConsumption) previous = NULL;
  g_auto(GStrv) days = NULL;
  g_auto(GStrv) previous_days = NULL;
  g_autofree char *expected = NULL;
  DaBillingCycle *current;
  double before = 0, total, change;
  const char *projection;

  show_page (f, 1100, 900);

  cycles = api_cycles (client);
  current = g_ptr_array_index (cycles, 0);
  consumption = api_daily (client, NULL, current, NULL);
  previous = api_daily (client, NULL, g_ptr_array_index (cycles, 1), NULL);
  days = days_of (current);
  previous_days = days_of (g_ptr_array_index (cycles, 1));

  /* the previous cycle by the same billing day */
  for (guint i = 0; days[i] != NULL && previous_days[i] != NULL; i++)
    before += da_consumption_lookup_date (previous, previous_days[i]);
  total = da_consumption_get_total_acus (consumption);
  change = (total - before) / before;
  if (round (fabs (change) * 100) == 0)
    expected = g_strdup ("As much as by this day last cycle");
  else
    expected = g_strdup_printf ("%s %.0f %% on this day last cycle", change > 0 ? "Up" : "Down",
                                round (fabs (change) * 100));
  g_assert_cmpstr (da_figure_get_detail (figure (f, "total-figure")), ==, expected);

  /* At the pace so far, the cycle ends higher than it is now. */
  g_assert_true (figure_shown (f, "projection-figure"));
  projection = da_figure_get_value (figure (f, "projection-figure"));
  g_test_message ("total %g, projected %s", total, projection);
  g_assert_true (g_str_has_prefix (da_figure_get_detail (figure (f, "projection-figure")),
                                   "At the current pace, by "));
  {
    g_autofree char *digits = g_strdup (projection);
    char *end = NULL;
    double value;

    /* the C locale has no digit grouping */
    value = g_ascii_strtod (digits, &end);
    g_assert_true (end != NULL && *end == '\0');
    g_assert_cmpfloat (value, >=, total);
  }
}

static void
test_switching_cycles_reloads (Fixture       *f,
                               gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(DaConsumption) consumption = NULL;
  g_autoptr(DaUsageMetrics) metrics = NULL;
  g_auto(GStrv) days = NULL;
  g_autofree char *total = NULL;
  g_autofree char *sessions = NULL;
  DaBillingCycle *older;
  DaChart *daily;
  guint daily_before, metrics_before;

  show_page (f, 1100, 900);
  cycles = api_cycles (client);
  older = g_ptr_array_index (cycles, 2);
  consumption = api_daily (client, NULL, older, NULL);
  metrics = api_metrics (client, older);
  days = days_of (older);

  daily_before = da_mock_server_count_requests (f->server, "GET", "/consumption/daily");
  metrics_before = da_mock_server_count_requests (f->server, "GET", "/metrics/usage");

  gtk_drop_down_set_selected (cycle_dropdown (f), 2);
  g_assert_true (da_page_get_busy (DA_PAGE (f->page)));
  wait_idle (f);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);

  /* That cycle, its previous one for the comparison, and its metrics were asked for. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/consumption/daily"), ==,
                    daily_before + 2);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/metrics/usage"), ==,
                    metrics_before + 1);

  total = da_format_acus (da_consumption_get_total_acus (consumption));
  sessions = da_format_count (da_usage_metrics_get_sessions_count (metrics));
  g_assert_cmpstr (da_figure_get_value (figure (f, "total-figure")), ==, total);
  g_assert_cmpstr (da_figure_get_value (figure (f, "sessions-figure")), ==, sessions);
  g_assert_true (g_str_has_suffix (da_figure_get_detail (figure (f, "total-figure")),
                                   "the previous cycle"));
  /* A past cycle has nothing to project. */
  g_assert_false (figure_shown (f, "projection-figure"));

  /* Every day of that cycle, each the API's figure */
  daily = chart (f, "daily-section");
  g_assert_cmpuint (da_chart_get_n_categories (daily), ==, g_strv_length (days));
  g_assert_cmpuint (g_strv_length (days), >=, 28);
  for (guint i = 0; days[i] != NULL; i++)
    assert_acus_close (da_chart_get_value (daily, 0, i),
                       da_consumption_lookup_date (consumption, days[i]));

  /* A refresh keeps the chosen cycle. */
  da_page_refresh (DA_PAGE (f->page));
  wait_idle (f);
  g_assert_cmpuint (gtk_drop_down_get_selected (cycle_dropdown (f)), ==, 2);
  g_assert_cmpstr (da_figure_get_value (figure (f, "total-figure")), ==, total);
}

/* TRUE when a label under @root reads exactly @text */
static gboolean
has_exact_label (GtkWidget  *root,
                 const char *text)
{
  g_autoptr(GPtrArray) labels = da_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_table_matches_chart (Fixture       *f,
                          gconstpointer  data)
{
  DaConsumptionSection *orgs_section;
  DaChart *orgs;
  GtkWidget *toggle;
  GtkWidget *table;

  show_page (f, 1100, 1400);
  orgs_section = section (f, "organizations-section");
  orgs = da_consumption_section_get_chart (orgs_section);
  g_assert_null (da_consumption_section_get_table (orgs_section));

  toggle = da_test_find_widget (GTK_WIDGET (orgs_section), GTK_TYPE_TOGGLE_BUTTON,
                                "show-table-button");
  da_test_click (toggle);
  g_assert_true (da_consumption_section_get_show_table (orgs_section));
  table = da_consumption_section_get_table (orgs_section);
  g_assert_nonnull (table);
  g_assert_true (GTK_IS_COLUMN_VIEW (table));
  da_test_spin (200);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (table));

  /* A row per bar, with the bar's name and number. */
  g_assert_cmpuint (table_rows (table), ==,
                    da_chart_get_n_categories (orgs));
  for (guint i = 0; i < da_chart_get_n_categories (orgs); i++)
    {
      g_autofree char *value = da_format_acus (da_chart_get_value (orgs, 0, i));

      g_assert_true (has_exact_label (table, da_chart_get_label (orgs, i)));
      g_assert_true (has_exact_label (table, value));
    }
  /* While the table shows, the picture cannot be saved. */
  g_assert_false (gtk_widget_get_sensitive (da_test_find_widget (GTK_WIDGET (orgs_section),
                                                                 GTK_TYPE_BUTTON,
                                                                 "save-image-button")));

  /* The daily table follows a change of cycle. */
  {
    DaConsumptionSection *daily_section = section (f, "daily-section");
    DaChart *daily = da_consumption_section_get_chart (daily_section);
    GtkWidget *daily_table;

    da_consumption_section_set_show_table (daily_section, TRUE);
    gtk_drop_down_set_selected (cycle_dropdown (f), 1);
    wait_idle (f);
    daily_table = da_consumption_section_get_table (daily_section);
    g_assert_nonnull (daily_table);
    g_assert_cmpuint (table_rows (daily_table), ==,
                      da_chart_get_n_categories (daily));
    da_test_spin (200);
    {
      g_autofree char *value = da_format_acus (da_chart_get_value (daily, 0, 0));

      g_assert_true (has_exact_label (daily_table, value));
    }
  }

  da_test_screenshot (GTK_WIDGET (f->window), "tables");

  /* and back to the chart */
  da_test_click (toggle);
  g_assert_null (da_consumption_section_get_table (orgs_section));
}

static void
test_user_selection (Fixture       *f,
                     gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(DaConsumption) mine = NULL;
  g_auto(GStrv) days = NULL;
  DaConsumptionSection *user_section;
  DaChart *user_chart;
  GtkWidget *row;
  guint before;

  show_page (f, 1100, 900);
  user_section = section (f, "user-section");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (user_section)));

  rows = da_test_find_all (da_test_find_widget (f->page, GTK_TYPE_LIST_BOX, "users-list"),
                           ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, >, 1);
  row = g_ptr_array_index (rows, 1);

  before = da_mock_server_count_requests (f->server, "GET", "/consumption/daily/*");
  da_test_click (row);
  wait_idle (f);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/consumption/daily/*"), ==,
                    before + 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (user_section)));

  /* the member's own days, from /consumption/daily/{user_id} */
  cycles = api_cycles (client);
  mine = api_daily (client, g_object_get_data (G_OBJECT (row), "da-user-id"),
                    g_ptr_array_index (cycles, 0), NULL);
  days = days_of (g_ptr_array_index (cycles, 0));
  user_chart = da_consumption_section_get_chart (user_section);
  g_assert_cmpuint (da_chart_get_n_categories (user_chart), ==, g_strv_length (days));
  for (guint i = 0; days[i] != NULL; i++)
    assert_acus_close (da_chart_get_value (user_chart, 0, i),
                       da_consumption_lookup_date (mine, days[i]));
  {
    const char *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
    g_autofree char *title = g_strdup_printf ("Daily Usage of %s", name);

    g_assert_cmpstr (da_consumption_section_get_title (user_section), ==, title);
  }

  da_test_screenshot (GTK_WIDGET (f->window), "user");
}

static void
test_stacked_by_organization (Fixture       *f,
                              gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(DaConsumption) consumption = NULL;
  g_auto(GStrv) days = NULL;
  GtkWidget *check;
  DaChart *daily;
  const DaConsumptionEntry *by_org;
  guint n_orgs = 0, used = 0, before;

  show_page (f, 1100, 900);
  cycles = api_cycles (client);
  consumption = api_daily (client, NULL, g_ptr_array_index (cycles, 0), NULL);
  days = days_of (g_ptr_array_index (cycles, 0));
  by_org = da_consumption_get_by_org (consumption, &n_orgs);
  for (guint i = 0; i < n_orgs; i++)
    used += by_org[i].acus > 0;

  before = da_mock_server_count_requests (f->server, "GET", "/consumption/daily");
  check = da_test_find_widget (f->page, GTK_TYPE_CHECK_BUTTON, "stack-check");
  da_test_click (check);
  wait_idle (f);
  /* one request per organization stacked */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/consumption/daily"), ==,
                    before + MIN (used, 5));

  daily = chart (f, "daily-section");
  g_assert_cmpuint (da_chart_get_n_series (daily), >=, MIN (used, 5));
  g_assert_cmpuint (da_chart_get_n_series (daily), <=, MIN (used, 5) + 1);

  /* Each organization's segments are its own days; the stacks are the enterprise's days. */
  for (guint s = 0; s < MIN (used, 5); s++)
    {
      const char *name = da_chart_get_series_name (daily, s);
      const char *org_id = NULL;
      g_autoptr(DaConsumption) own = NULL;

      for (guint i = 0; i < n_orgs; i++)
        if (g_strcmp0 (da_context_lookup_org_name (f->context, by_org[i].key), name) == 0)
          org_id = by_org[i].key;
      g_assert_nonnull (org_id);
      own = api_daily (client, NULL, g_ptr_array_index (cycles, 0), org_id);
      for (guint i = 0; days[i] != NULL; i++)
        assert_acus_close (da_chart_get_value (daily, s, i),
                           da_consumption_lookup_date (own, days[i]));
    }
  for (guint i = 0; days[i] != NULL; i++)
    g_assert_cmpfloat (fabs (da_chart_get_total (daily, i) -
                             da_consumption_lookup_date (consumption, days[i])), <, 0.06);

  da_test_screenshot (GTK_WIDGET (f->window), "stacked");

  /* Unstacked again: one series, nothing asked for. */
  before = da_mock_server_count_requests (f->server, NULL, NULL);
  da_test_click (check);
  g_assert_cmpuint (da_chart_get_n_series (daily), ==, 1);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, NULL, NULL), ==, before);
}

static void
test_organization_limit (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *orgs = da_context_get_organizations (f->context);
  GtkDropDown *compare;
  DaOrganization *limited = NULL;
  DaChart *daily;
  GListModel *choices;
  guint chosen = GTK_INVALID_LIST_POSITION;

  show_page (f, 1100, 900);

  for (guint i = 0; i < g_list_model_get_n_items (orgs) && limited == NULL; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);

      if (da_organization_get_max_cycle_acu_limit (org) > 0)
        limited = org;
    }
  g_assert_nonnull (limited);

  compare = GTK_DROP_DOWN (da_test_find_widget (f->page, GTK_TYPE_DROP_DOWN, "compare-dropdown"));
  g_assert_nonnull (compare);
  choices = gtk_drop_down_get_model (compare);
  /* "No Organization", then every organization */
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, g_list_model_get_n_items (orgs) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (choices), i);

      if (g_str_has_prefix (text, da_organization_get_org_name (limited)) &&
          strstr (text, "ACUs)") != NULL)
        chosen = i;
    }
  g_assert_cmpuint (chosen, !=, GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (compare, chosen);
  wait_idle (f);

  /* The organization's cumulative use, and its limit as a threshold of the same colour */
  daily = chart (f, "daily-section");
  g_assert_cmpuint (da_chart_get_n_lines (daily), ==, 2);
  g_assert_cmpuint (da_chart_get_n_thresholds (daily), ==, 1);
  g_assert_cmpfloat (da_chart_get_threshold (daily, 0), ==,
                     (double) da_organization_get_max_cycle_acu_limit (limited));
  {
    g_autofree char *summary = da_chart_dup_summary (daily);
    g_autofree char *limit_name = g_strdup_printf ("%s limit",
                                                   da_organization_get_org_name (limited));

    g_assert_nonnull (strstr (summary, limit_name));
  }

  /* The by-organization chart draws limits too, for the current cycle. */
  {
    DaChart *by_org = chart (f, "organizations-section");
    g_autoptr(GtkWidget) table = g_object_ref_sink (da_chart_create_table (by_org));
    GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (table));

    /* the organization, its ACUs, its limit */
    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 3);
  }

  da_test_screenshot (GTK_WIDGET (f->window), "limit");

  /* back to none: the organization's line and limit go */
  gtk_drop_down_set_selected (compare, 0);
  g_assert_cmpuint (da_chart_get_n_lines (daily), ==, 1);
  g_assert_cmpuint (da_chart_get_n_thresholds (daily), ==, 0);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(DaConsumption) consumption = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, "cycle.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) days = NULL;
  guint n_days = 0, n_orgs = 0, n_users = 0, n_metrics = 0;
  guint api_orgs = 0, api_users = 0;

  show_page (f, 1100, 900);
  cycles = api_cycles (client);
  consumption = api_daily (client, NULL, g_ptr_array_index (cycles, 0), NULL);
  days = days_of (g_ptr_array_index (cycles, 0));
  da_consumption_get_by_org (consumption, &api_orgs);
  da_consumption_get_by_user (consumption, &api_users);

  file = g_file_new_for_path (path);
  da_test_click (da_test_find_widget (f->page, GTK_TYPE_BUTTON, "export-button"));
  da_test_answer_file_chooser (file);
  DA_TEST_WAIT_UNTIL (g_file_test (path, G_FILE_TEST_EXISTS));
  da_test_spin (200);

  text = read_file (path);
  rows = da_csv_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 0))[0], ==, "kind");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 0))[5], ==, "acu_limit");

  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (g_strv_length (row), ==, 6);
      if (g_str_equal (row[0], "cycle"))
        assert_acus_close (g_ascii_strtod (row[4], NULL),
                           da_consumption_get_total_acus (consumption));
      else if (g_str_equal (row[0], "day"))
        {
          g_assert_cmpstr (row[1], ==, days[n_days]);
          assert_acus_close (g_ascii_strtod (row[4], NULL),
                             da_consumption_lookup_date (consumption, row[1]));
          n_days++;
        }
      else if (g_str_equal (row[0], "organization"))
        {
          assert_acus_close (g_ascii_strtod (row[4], NULL),
                             da_consumption_lookup_org (consumption, row[1]));
          g_assert_cmpstr (row[2], ==, da_context_lookup_org_name (f->context, row[1]));
          n_orgs++;
        }
      else if (g_str_equal (row[0], "user"))
        {
          assert_acus_close (g_ascii_strtod (row[4], NULL),
                             da_consumption_lookup_user (consumption, row[1]));
          n_users++;
        }
      else if (g_str_equal (row[0], "metric"))
        n_metrics++;
      else
        g_assert_not_reached ();
    }
  g_assert_cmpuint (n_days, ==, g_strv_length (days));
  g_assert_cmpuint (n_orgs, ==, api_orgs);
  g_assert_cmpuint (n_users, ==, api_users);
  g_assert_cmpuint (n_metrics, ==, 5);
}

static void
test_export_png (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "daily.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  DaConsumptionSection *daily_section;

  show_page (f, 1100, 900);
  daily_section = section (f, "daily-section");

  da_test_click (da_test_find_widget (GTK_WIDGET (daily_section), GTK_TYPE_BUTTON,
                                      "save-image-button"));
  da_test_answer_file_chooser (file);
  DA_TEST_WAIT_UNTIL (g_file_test (path, G_FILE_TEST_EXISTS));
  da_test_spin (200);

  /* a PNG of the chart, at twice its size */
  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==,
                   2 * gtk_widget_get_width (GTK_WIDGET (chart (f, "daily-section"))));
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GPtrArray) cycles = NULL;
  DaChart *history;
  guint n;

  show_page (f, 1100, 900);
  cycles = api_cycles (client);
  n = cycles->len;
  history = chart (f, "history-section");

  /* Every cycle, oldest first, with its total */
  g_assert_cmpuint (da_chart_get_n_categories (history), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaConsumption) consumption = api_daily (client, NULL,
                                                        g_ptr_array_index (cycles, n - 1 - i),
                                                        NULL);

      assert_acus_close (da_chart_get_value (history, 0, i),
                         da_consumption_get_total_acus (consumption));
    }

  /* Activating a cycle's bar chooses that cycle. */
  g_signal_emit_by_name (history, "activated", (guint) 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (cycle_dropdown (f)), ==, n - 1);
  wait_idle (f);
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  f->window = da_test_window_new (f->page, 1000, 700);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);

  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_FORBIDDEN);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_FORBIDDEN);
  g_assert_false (da_page_get_can_export (DA_PAGE (f->page)));
}

static void
test_server_error_then_retry (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /metrics/usage 500", &error), >, 0);
  g_assert_no_error (error);

  f->window = da_test_window_new (f->page, 1000, 700);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_ERROR);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  wait_idle (f);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_ERROR);

  da_mock_server_clear_faults (f->server);
  da_test_click (da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry"));
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);
  wait_idle (f);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
}

static void
test_members_who_left (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  /* The top users are no longer members: their rows say their IDs, and the page is fine. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /members/* 404", &error), >, 0);
  g_assert_no_error (error);

  show_page (f, 1100, 900);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/members/*"), >, 0);

  rows = da_test_find_all (da_test_find_widget (f->page, GTK_TYPE_LIST_BOX, "users-list"),
                           ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), ==,
                     g_object_get_data (G_OBJECT (g_ptr_array_index (rows, i)), "da-user-id"));
}

static void
test_wrong_server_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Answers that are not what the API says are an error in place, with Retry: never a crash
   * or a critical. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /consumption/daily malformed",
                                              &error), >, 0);
  g_assert_no_error (error);

  f->window = da_test_window_new (f->page, 1000, 700);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_ERROR);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_INVALID_RESPONSE);
  wait_idle (f);
  g_assert_false (da_page_get_can_export (DA_PAGE (f->page)));

  da_mock_server_clear_faults (f->server);
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /consumption/cycles truncate",
                                              &error), >, 0);
  da_test_click (da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry"));
  wait_idle (f);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_ERROR);
  g_assert_nonnull (da_page_get_error (DA_PAGE (f->page)));

  /* Members of the wrong shape only lose their names. */
  da_mock_server_clear_faults (f->server);
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /members/* wrong-types",
                                              &error), >, 0);
  da_test_click (da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry"));
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);
  wait_idle (f);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_export (DA_PAGE (f->page)));
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  show_page (f, 360, 900);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);

  /* A phone's width is enough, with everything loaded and every table shown. */
  {
    const char *names[] = { "daily-section", "organizations-section", "history-section" };
    int minimum;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      da_consumption_section_set_show_table (section (f, names[i]), TRUE);
    da_test_click (da_test_find_widget (f->page, GTK_TYPE_CHECK_BUTTON, "stack-check"));
    wait_idle (f);
    gtk_widget_measure (f->page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("minimum width %d", minimum);
    g_assert_cmpint (minimum, <=, 360);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      da_consumption_section_set_show_table (section (f, names[i]), FALSE);
  }
  da_test_screenshot (GTK_WIDGET (f->window), "narrow");
}

static DaBillingCycle *
cycle_new (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  DaBillingCycle *cycle;

  g_assert_nonnull (node);
  cycle = da_billing_cycle_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return cycle;
}

static gint64
utc (const char *iso)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (date);
  return g_date_time_to_unix (date);
}

static void
test_billing_days (void)
{
  g_autoptr(DaBillingCycle) june = cycle_new ("{\"start\": \"2025-06-05T08:00:00Z\", "
                                              "\"end\": \"2025-07-05T08:00:00Z\"}");
  g_autoptr(DaBillingCycle) odd = cycle_new ("{\"start\": \"2025-06-05T00:00:00Z\", "
                                             "\"end\": \"2025-06-07T00:00:00Z\"}");
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) so_far = NULL;
  g_auto(GStrv) before_eight = NULL;
  g_auto(GStrv) odd_days = NULL;
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *past = NULL;
  g_autofree char *current = NULL;

  /* A billing day runs from 08:00 UTC to 08:00 UTC and is named by the date it starts on. */
  g_assert_cmpint (da_consumption_billing_day_start (utc ("2025-06-05T08:00:00Z")), ==,
                   utc ("2025-06-05T08:00:00Z"));
  g_assert_cmpint (da_consumption_billing_day_start (utc ("2025-06-06T07:59:59Z")), ==,
                   utc ("2025-06-05T08:00:00Z"));
  g_assert_cmpint (da_consumption_billing_day_start (utc ("1969-12-31T07:00:00Z")), ==,
                   utc ("1969-12-30T08:00:00Z"));

  /* A past cycle: every day, the last one the day before its end. */
  all = da_consumption_cycle_days (june, utc ("2025-08-01T00:00:00Z"));
  g_assert_cmpuint (g_strv_length (all), ==, 30);
  g_assert_cmpstr (all[0], ==, "2025-06-05");
  g_assert_cmpstr (all[29], ==, "2025-07-04");
  g_assert_false (da_consumption_cycle_is_current (june, utc ("2025-08-01T00:00:00Z")));

  /* The current cycle: up to today's billing day; before 08:00 that is still yesterday's. */
  so_far = da_consumption_cycle_days (june, utc ("2025-06-07T09:00:00Z"));
  g_assert_cmpuint (g_strv_length (so_far), ==, 3);
  g_assert_cmpstr (so_far[2], ==, "2025-06-07");
  before_eight = da_consumption_cycle_days (june, utc ("2025-06-07T07:00:00Z"));
  g_assert_cmpuint (g_strv_length (before_eight), ==, 2);
  g_assert_cmpstr (before_eight[1], ==, "2025-06-06");
  g_assert_true (da_consumption_cycle_is_current (june, utc ("2025-06-07T07:00:00Z")));
  g_assert_false (da_consumption_cycle_is_current (june, utc ("2025-07-05T08:00:00Z")));
  g_assert_false (da_consumption_cycle_is_current (june, utc ("2025-06-05T07:59:59Z")));

  /* A cycle from midnight to midnight still counts in billing days. */
  odd_days = da_consumption_cycle_days (odd, utc ("2025-08-01T00:00:00Z"));
  g_assert_cmpuint (g_strv_length (odd_days), ==, 3);
  g_assert_cmpstr (odd_days[0], ==, "2025-06-04");
  g_assert_cmpstr (odd_days[2], ==, "2025-06-06");

  /* Names of days and cycles (C locale) */
  da_consumption_day_labels ("2025-06-05", &label, &detail);
  g_assert_cmpstr (label, ==, "Jun 5");
  g_assert_cmpstr (detail, ==, "Thursday, June 5, 2025");
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&detail, g_free);
  da_consumption_day_labels ("not a day", &label, &detail);
  g_assert_cmpstr (label, ==, "not a day");
  g_assert_cmpstr (detail, ==, "not a day");

  past = da_consumption_format_cycle (june, utc ("2025-08-01T00:00:00Z"));
  g_assert_cmpstr (past, ==, "Jun 5 – Jul 4, 2025");
  current = da_consumption_format_cycle (june, utc ("2025-06-10T00:00:00Z"));
  g_assert_cmpstr (current, ==, "Jun 5 – Jul 4, 2025 (Current)");
}

static void
test_in_the_sidebar (Fixture       *f,
                     gconstpointer  data)
{
  guint n = 0;
  const DaPageEntry *pages = da_pages_get_all (&n);

  /* The last page of the sidebar */
  g_assert_nonnull (da_pages_lookup ("consumption"));
  g_assert_cmpstr (pages[n - 1].id, ==, "consumption");
  g_assert_true (pages[n - 1].get_type () == DA_TYPE_CONSUMPTION_PAGE);
  g_assert_cmpstr (da_page_get_title (DA_PAGE (f->page)), ==, "Consumption");
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func, key) \
  g_test_add ("/consumption-page/" path, Fixture, key, fixture_set_up, func, fixture_tear_down)

  ADD ("totals-match-api", test_totals_match_api, NULL);
  ADD ("change-and-projection", test_change_and_projection, NULL);
  ADD ("switching-cycles-reloads", test_switching_cycles_reloads, NULL);
  ADD ("table-matches-chart", test_table_matches_chart, NULL);
  ADD ("user-selection", test_user_selection, NULL);
  ADD ("stacked-by-organization", test_stacked_by_organization, NULL);
  ADD ("organization-limit", test_organization_limit, NULL);
  ADD ("export-csv", test_export_csv, NULL);
  ADD ("export-png", test_export_png, NULL);
  ADD ("history", test_history, NULL);
  ADD ("forbidden", test_forbidden, MEMBER_KEY);
  ADD ("server-error-then-retry", test_server_error_then_retry, NULL);
  ADD ("members-who-left", test_members_who_left, NULL);
  ADD ("wrong-server-data", test_wrong_server_data, NULL);
  ADD ("narrow", test_narrow, NULL);
  ADD ("in-the-sidebar", test_in_the_sidebar, NULL);
  g_test_add_func ("/consumption-page/billing-days", test_billing_days);

#undef ADD

  return g_test_run ();
}

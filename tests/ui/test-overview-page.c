/* test-overview-page.c: the Overview page against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-figure.h"
#include "da-format.h"
#include "da-overview-page.h"
#include "da-pages.h"
#include "da-state-view.h"
#include "da-test-ui.h"
#include "da-usage-bar.h"

#define MEMBER_KEY "apk_user_member_overview"

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  GtkWidget    *page;
  GtkWindow    *window;
  DaStateView  *state_view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *key = data;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 250;
  options.member_key = g_strdup (MEMBER_KEY);
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, key);
  f->page = da_overview_page_new (f->context);
  f->state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  g_assert_nonnull (f->state_view);
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
}

static void
show_page (Fixture *f,
           int      width)
{
  f->window = da_test_window_new (f->page, width, 760);
}

static DaStateViewState
state_of (Fixture *f)
{
  return da_state_view_get_state (f->state_view);
}

static const char *
figure_value (Fixture    *f,
              const char *name)
{
  GtkWidget *figure = da_test_find_widget (f->page, DA_TYPE_FIGURE, name);

  g_assert_nonnull (figure);
  return da_figure_get_value (DA_FIGURE (figure));
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static gint64
api_members_total (DaClient *client)
{
  g_autoptr(DaPager) pager = da_client_list_members (client, NULL);
  g_autoptr(GListModel) loaded = da_test_load_all (pager);

  return g_list_model_get_n_items (loaded);
}

static guint
api_orgs_count (DaClient *client)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (client);
  g_autoptr(GListModel) loaded = da_test_load_all (pager);

  return g_list_model_get_n_items (loaded);
}

static DaConsumption *
api_consumption (DaClient *client)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  DaConsumption *consumption;

  da_client_get_daily_consumption_async (client, NULL, DA_TIME_UNSET, DA_TIME_UNSET, NULL, NULL,
                                         da_test_async_cb, &async);
  consumption = da_client_get_daily_consumption_finish (client, da_test_async_wait (&async),
                                                        &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return consumption;
}

static DaUsageMetrics *
api_metrics (DaClient *client)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  DaUsageMetrics *metrics;

  da_client_get_metrics_async (client, DA_METRICS_USAGE, DA_TIME_UNSET, DA_TIME_UNSET, NULL, NULL,
                               NULL, da_test_async_cb, &async);
  metrics = da_client_get_metrics_finish (client, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return metrics;
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_figures_match_api (Fixture       *f,
                        gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(DaConsumption) consumption = NULL;
  g_autoptr(DaUsageMetrics) metrics = NULL;
  g_autofree char *members = NULL;
  g_autofree char *orgs = NULL;
  g_autofree char *acus = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *prs = NULL;

  show_page (f, 1000);
  /* The page loads when shown, with a spinner in place first. */
  g_assert_true (da_page_get_busy (DA_PAGE (f->page)) || state_of (f) == DA_STATE_VIEW_CONTENT);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);
  g_assert_false (da_page_get_busy (DA_PAGE (f->page)));
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));

  members = da_format_count (api_members_total (client));
  orgs = da_format_count (api_orgs_count (client));
  consumption = api_consumption (client);
  metrics = api_metrics (client);
  acus = da_format_acus (da_consumption_get_total_acus (consumption));
  sessions = da_format_count (da_usage_metrics_get_sessions_count (metrics));
  prs = da_format_count (da_usage_metrics_get_prs_opened (metrics));

  g_assert_cmpstr (figure_value (f, "members-figure"), ==, members);
  g_assert_cmpstr (members, ==, "250");
  g_assert_cmpstr (figure_value (f, "organizations-figure"), ==, orgs);
  g_assert_cmpstr (figure_value (f, "acus-figure"), ==, acus);
  g_assert_cmpstr (figure_value (f, "sessions-figure"), ==, sessions);
  g_assert_cmpstr (figure_value (f, "prs-figure"), ==, prs);

  /* The context keeps the organizations it loaded, for the other pages. */
  g_assert_true (da_context_get_organizations_loaded (f->context));
  g_assert_cmpuint (g_list_model_get_n_items (da_context_get_organizations (f->context)), ==,
                    api_orgs_count (client));

  /* The organizations with a limit show it as the app's usage bar, as on the Organizations
   * page: no level bar of the page's own. */
  {
    g_autoptr(GPtrArray) usage_bars = da_test_find_all (GTK_WIDGET (f->page), DA_TYPE_USAGE_BAR);
    g_autoptr(GPtrArray) level_bars = da_test_find_all (GTK_WIDGET (f->page),
                                                         GTK_TYPE_LEVEL_BAR);

    g_assert_cmpuint (usage_bars->len, >=, 1);
    g_assert_cmpuint (level_bars->len, ==, usage_bars->len);
    for (guint i = 0; i < level_bars->len; i++)
      g_assert_nonnull (gtk_widget_get_ancestor (g_ptr_array_index (level_bars, i),
                                                 DA_TYPE_USAGE_BAR));
  }

  da_test_screenshot (GTK_WIDGET (f->window), "overview");
}

static void
test_top_organizations (Fixture       *f,
                        gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(DaConsumption) consumption = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *list;
  const DaConsumptionEntry *by_org;
  const DaConsumptionEntry *top = NULL;
  guint n = 0, used = 0;

  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);

  consumption = api_consumption (client);
  by_org = da_consumption_get_by_org (consumption, &n);
  for (guint i = 0; i < n; i++)
    {
      if (by_org[i].acus > 0)
        used++;
      if (top == NULL || by_org[i].acus > top->acus)
        top = &by_org[i];
    }

  list = da_test_find_widget (f->page, GTK_TYPE_LIST_BOX, NULL);
  g_assert_nonnull (list);
  rows = da_test_find_all (list, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, MIN (used, 5));

  if (top != NULL && top->acus > 0)
    {
      /* The first row is the organization that used most, by name. */
      const char *name = da_context_lookup_org_name (f->context, top->key);

      g_assert_nonnull (name);
      g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, name);
    }
}

static void
test_links_only_to_built_pages (Fixture       *f,
                                gconstpointer  data)
{
  const char *names[] = {
    "members-figure", "organizations-figure", "acus-figure", "sessions-figure", "prs-figure",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      DaFigure *figure = DA_FIGURE (da_test_find_widget (f->page, DA_TYPE_FIGURE, names[i]));
      gboolean built = da_pages_lookup (da_figure_get_page_id (figure)) != NULL;
      GtkWidget *button = da_test_find_widget (GTK_WIDGET (figure), GTK_TYPE_BUTTON, NULL);

      g_test_message ("%s → %s: %s", names[i], da_figure_get_page_id (figure),
                      built ? "built" : "not built");
      g_assert_cmpint (da_figure_get_linked (figure), ==, built);
      /* A link is a button that opens the page; otherwise there is no button at all. */
      if (built)
        {
          g_assert_nonnull (button);
          g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                           "win.show-page");
        }
      else
        g_assert_null (button);
    }

  /* And a figure made a link shows as one. */
  {
    DaFigure *figure = DA_FIGURE (da_test_find_widget (f->page, DA_TYPE_FIGURE,
                                                       "members-figure"));

    da_figure_set_linked (figure, TRUE);
    g_assert_nonnull (da_test_find_widget (GTK_WIDGET (figure), GTK_TYPE_BUTTON, NULL));
    da_figure_set_linked (figure, FALSE);
    g_assert_null (da_test_find_widget (GTK_WIDGET (figure), GTK_TYPE_BUTTON, NULL));
  }
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);

  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_FORBIDDEN);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_FORBIDDEN);
  g_assert_true (da_test_has_label (f->page, "Enterprise Admin Key Needed"));

  da_test_screenshot (GTK_WIDGET (f->window), "forbidden");
}

static void
test_server_error_then_retry (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *retry;

  /* More failures than the client retries. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /metrics/usage 500", &error), >, 0);
  g_assert_no_error (error);

  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_ERROR);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_assert_true (da_test_has_label (f->page, "The Server Had a Problem"));

  da_test_screenshot (GTK_WIDGET (f->window), "error");

  /* The server recovers; Retry loads the page. */
  da_mock_server_clear_faults (f->server);
  retry = da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_drawable (retry));
  da_test_click (retry);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
}

static void
test_not_found_refreshes_once (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Every answer a 404: the page refreshes once (after a toast), then says so in place. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /metrics/usage 404", &error), >, 0);
  g_assert_no_error (error);

  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_ERROR);
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  da_test_spin (300);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_ERROR);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/metrics/usage"), ==, 2);

  /* Once the server answers again, Retry brings the figures back. */
  da_mock_server_clear_faults (f->server);
  da_test_click (da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry"));
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);
}

static void
test_network_error (Fixture       *f,
                    gconstpointer  data)
{
  /* Nobody listens any more. */
  da_mock_server_stop (f->server);

  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_ERROR);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_NETWORK);
  g_assert_true (da_test_has_label (f->page, "Could Not Reach the Server"));
  g_assert_nonnull (da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry"));
}

static void
test_refresh_keeps_content (Fixture       *f,
                            gconstpointer  data)
{
  guint before;

  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);

  before = da_mock_server_count_requests (f->server, "GET", "/metrics/usage");
  da_page_refresh (DA_PAGE (f->page));
  /* While it reloads, the figures stay in place. */
  g_assert_true (da_page_get_busy (DA_PAGE (f->page)));
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/metrics/usage"), ==,
                    before + 1);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  show_page (f, 360);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);
  da_test_screenshot (GTK_WIDGET (f->window), "narrow");
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func, key) \
  g_test_add ("/overview-page/" path, Fixture, key, fixture_set_up, func, fixture_tear_down)

  ADD ("figures-match-api", test_figures_match_api, NULL);
  ADD ("top-organizations", test_top_organizations, NULL);
  ADD ("links-only-to-built-pages", test_links_only_to_built_pages, NULL);
  ADD ("forbidden", test_forbidden, MEMBER_KEY);
  ADD ("server-error-then-retry", test_server_error_then_retry, NULL);
  ADD ("not-found-refreshes-once", test_not_found_refreshes_once, NULL);
  ADD ("network-error", test_network_error, NULL);
  ADD ("refresh-keeps-content", test_refresh_keeps_content, NULL);
  ADD ("narrow", test_narrow, NULL);

#undef ADD

  return g_test_run ();
}

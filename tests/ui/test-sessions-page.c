/* test-sessions-page.c: the Sessions page against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-date-range-button.h"
#include "da-format.h"
#include "da-list-footer.h"
#include "da-session-details.h"
#include "da-sessions-page.h"
#include "da-state-view.h"
#include "da-test-ui.h"

#define MEMBER_KEY "apk_user_member_sessions"
#define DAY (G_GINT64_CONSTANT (86400))

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
  options.sessions = 300;
  options.member_key = g_strdup (MEMBER_KEY);
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, key);
  f->page = da_sessions_page_new (f->context);
  f->state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  g_assert_nonnull (f->state_view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  else
    g_object_unref (g_object_ref_sink (f->page));
  g_clear_object (&f->context);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
}

static void
show_page (Fixture *f,
           int      width,
           int      height)
{
  f->window = da_test_window_new (f->page, width, height);
}

static DaStateViewState
state_of (Fixture *f)
{
  return da_state_view_get_state (f->state_view);
}

static GtkWidget *
find (Fixture    *f,
      GType       type,
      const char *name)
{
  GtkWidget *widget = da_test_find_widget (f->page, type, name);

  g_assert_nonnull (widget);
  return widget;
}

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (find (f, GTK_TYPE_COLUMN_VIEW, "sessions-column-view"));
}

static GtkSingleSelection *
selection (Fixture *f)
{
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view (f)));
}

/* What the list shows, in its order. */
static GListModel *
shown (Fixture *f)
{
  return gtk_single_selection_get_model (selection (f));
}

/* What is loaded, in the server's order. */
static GListModel *
loaded (Fixture *f)
{
  GtkSortListModel *sorted = GTK_SORT_LIST_MODEL (shown (f));
  GtkFilterListModel *filtered = GTK_FILTER_LIST_MODEL (gtk_sort_list_model_get_model (sorted));

  return gtk_filter_list_model_get_model (filtered);
}

static DaListFooter *
footer (Fixture *f)
{
  return DA_LIST_FOOTER (find (f, DA_TYPE_LIST_FOOTER, NULL));
}

static GtkAdjustment *
vadjustment (Fixture *f)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (column_view (f)),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

static void
wait_loaded (Fixture *f)
{
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING &&
                      !da_page_get_busy (DA_PAGE (f->page)));
}

/* Waits until @widget has been laid out in two more frames: then its scroll adjustment measures
 * what the list holds now (setting a value from a stale one points at no row). */
static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return *frames < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
wait_frames (GtkWidget *widget)
{
  guint frames = 0;

  gtk_widget_add_tick_callback (widget, count_frame_cb, &frames, NULL);
  DA_TEST_WAIT_UNTIL (frames >= 3);
}

static void
load_to_end (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  GtkAdjustment *adjustment = vadjustment (f);

  while (!da_sessions_page_get_complete (DA_SESSIONS_PAGE (f->page)))
    {
      g_assert_cmpint (da_list_footer_get_state (footer (f)), !=, DA_LIST_FOOTER_ERROR);
      if (g_get_monotonic_time () > deadline)
        g_error ("The sessions did not load to their end");
      wait_frames (GTK_WIDGET (column_view (f)));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static GPtrArray *
api_sessions (Fixture              *f,
              const DaSessionQuery *query)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(DaPager) pager = da_client_list_sessions (client, query, TRUE);
  g_autoptr(GListModel) model = da_test_load_all (pager);
  GPtrArray *sessions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (sessions, g_list_model_get_item (model, i));
  return sessions;
}

static char *
api_member_email (Fixture    *f,
                  const char *user_id)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = NULL;
  DaTestAsync async = { 0 };

  da_client_get_member_async (client, user_id, NULL, da_test_async_cb, &async);
  member = da_client_get_member_finish (client, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return g_strdup (da_member_get_email (member));
}

static void
assert_shows (GListModel *model,
              GPtrArray  *expected)
{
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaSession) session = g_list_model_get_item (model, i);

      g_assert_cmpstr (da_session_get_session_id (session), ==,
                       da_session_get_session_id (g_ptr_array_index (expected, i)));
    }
}

static void
assert_no_duplicates (GListModel *model)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaSession) session = g_list_model_get_item (model, i);
      const char *id = da_session_get_session_id (session);

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
    }
}

static guint
dropdown_index_of (GtkDropDown *dropdown,
                   const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;

  g_error ("No “%s” in the dropdown", text);
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *email = NULL;
  g_autofree char *acus = NULL;
  DaSession *first;
  guint n;

  show_page (f, 1280, 720);
  wait_loaded (f);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_cmpstr (da_page_get_title (DA_PAGE (f->page)), ==, "Sessions");

  /* The first page, in the server's order (newest first). */
  sessions = api_sessions (f, NULL);
  g_assert_cmpuint (sessions->len, ==, 300);
  n = g_list_model_get_n_items (loaded (f));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 300);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaSession) session = g_list_model_get_item (shown (f), i);

      g_assert_cmpstr (da_session_get_session_id (session), ==,
                       da_session_get_session_id (g_ptr_array_index (sessions, i)));
      /* with insights */
      g_assert_nonnull (da_session_get_initial_user_message (session));
    }

  /* Title, organization by name, creator by email, status, ACUs. */
  first = g_ptr_array_index (sessions, 0);
  email = api_member_email (f, da_session_get_user_id (first));
  acus = da_format_acus (da_session_get_acus_consumed (first));
  g_assert_true (da_test_has_label (f->page, da_session_get_title (first)));
  g_assert_true (da_test_has_label (f->page,
                                    da_context_lookup_org_name (f->context,
                                                                da_session_get_org_id (first))));
  DA_TEST_WAIT_UNTIL (da_test_has_label (f->page, email));
  g_assert_true (da_test_has_label (f->page,
                                    da_session_status_label (da_session_get_status (first))));
  g_assert_true (da_test_has_label (f->page, acus));

  da_test_screenshot (GTK_WIDGET (f->window), "list");
}

static void
test_filter_organization (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(DaSessionQuery) query = da_session_query_new ();
  g_autoptr(DaSessionQuery) page_query = NULL;
  g_autoptr(DaOrganization) org = NULL;
  GtkDropDown *dropdown;
  const char *ids[2] = { NULL, NULL };
  guint before;

  show_page (f, 1200, 700);
  wait_loaded (f);

  org = g_list_model_get_item (da_context_get_organizations (f->context), 2);
  ids[0] = da_organization_get_org_id (org);
  query->org_ids = g_strdupv ((GStrv) ids);
  expected = api_sessions (f, query);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (expected->len, <, 300);

  /* The server is asked for the organization's sessions. */
  before = da_mock_server_count_requests (f->server, "GET", "/sessions/insights");
  dropdown = GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "sessions-org-dropdown"));
  gtk_drop_down_set_selected (dropdown,
                              dropdown_index_of (dropdown, da_organization_get_org_name (org)));
  wait_loaded (f);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/sessions/insights"), >,
                    before);
  page_query = da_sessions_page_dup_query (DA_SESSIONS_PAGE (f->page));
  g_assert_cmpstr (page_query->org_ids[0], ==, ids[0]);

  load_to_end (f);
  assert_shows (shown (f), expected);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (da_session_get_org_id (g_ptr_array_index (expected, i)), ==, ids[0]);

  /* All organizations again. */
  gtk_drop_down_set_selected (dropdown, 0);
  wait_loaded (f);
  load_to_end (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 300);
}

static void
test_filter_user (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(DaSessionQuery) query = da_session_query_new ();
  g_autofree char *email = NULL;
  GtkWidget *entry;
  GtkWidget *error_label;
  const char *ids[2] = { NULL, NULL };
  guint requests;

  show_page (f, 1200, 700);
  wait_loaded (f);
  all = api_sessions (f, NULL);

  ids[0] = da_session_get_user_id (g_ptr_array_index (all, 3));
  query->user_ids = g_strdupv ((GStrv) ids);
  expected = api_sessions (f, query);
  g_assert_cmpuint (expected->len, >, 0);
  email = api_member_email (f, ids[0]);

  entry = find (f, GTK_TYPE_SEARCH_ENTRY, "sessions-user-entry");
  error_label = find (f, GTK_TYPE_LABEL, "sessions-user-error");

  /* An address nobody has: said next to the entry; the list stays. */
  requests = da_mock_server_count_requests (f->server, "GET", "/sessions/insights");
  da_test_type (entry, "nobody@nowhere.example");
  g_signal_emit_by_name (entry, "activate");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (error_label));
  g_assert_true (da_test_has_label (f->page, "No member has the email “nobody@nowhere.example”"));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/sessions/insights"), ==,
                    requests);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  da_test_screenshot (GTK_WIDGET (f->window), "unknown-creator");

  /* A member's address: their sessions, asked of the server. */
  da_test_type (entry, email);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (entry, "activate");
  DA_TEST_WAIT_UNTIL (da_mock_server_count_requests (f->server, "GET", "/sessions/insights") >
                      requests);
  wait_loaded (f);
  load_to_end (f);
  assert_shows (shown (f), expected);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (da_session_get_user_id (g_ptr_array_index (expected, i)), ==, ids[0]);

  /* Cleared: everyone's again. */
  da_test_type (entry, "");
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_LOADING || da_page_get_busy (DA_PAGE (f->page)));
  wait_loaded (f);
  load_to_end (f);
  assert_shows (shown (f), all);
}

static void
test_filter_created (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (now, -12);
  g_autoptr(GDateTime) last = g_date_time_add_days (now, -5);
  g_autoptr(GDateTime) first_midnight = NULL;
  g_autoptr(GDateTime) after_last = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(DaSessionQuery) page_query = NULL;
  gint64 since, until;

  show_page (f, 1200, 700);
  wait_loaded (f);

  gtk_menu_button_popup (GTK_MENU_BUTTON (find (f, GTK_TYPE_MENU_BUTTON,
                                                "date-range-menu-button")));
  da_test_spin (100);
  gtk_calendar_select_day (GTK_CALENDAR (find (f, GTK_TYPE_CALENDAR, "range-from-calendar")),
                           first);
  gtk_calendar_select_day (GTK_CALENDAR (find (f, GTK_TYPE_CALENDAR, "range-to-calendar")), last);
  da_test_click (find (f, GTK_TYPE_BUTTON, "range-apply"));
  wait_loaded (f);

  first_midnight = g_date_time_new_local (g_date_time_get_year (first),
                                          g_date_time_get_month (first),
                                          g_date_time_get_day_of_month (first), 0, 0, 0);
  {
    g_autoptr(GDateTime) last_midnight =
      g_date_time_new_local (g_date_time_get_year (last), g_date_time_get_month (last),
                             g_date_time_get_day_of_month (last), 0, 0, 0);

    after_last = g_date_time_add_days (last_midnight, 1);
  }
  since = g_date_time_to_unix (first_midnight);
  until = g_date_time_to_unix (after_last);
  page_query = da_sessions_page_dup_query (DA_SESSIONS_PAGE (f->page));
  g_assert_cmpint (page_query->created_from, ==, since);
  g_assert_cmpint (page_query->created_to, ==, until - 1);

  /* Worked out from every session, not from the page's own request. */
  all = api_sessions (f, NULL);
  expected = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      DaSession *session = g_ptr_array_index (all, i);

      if (da_session_get_created_at (session) >= since &&
          da_session_get_created_at (session) < until)
        g_ptr_array_add (expected, g_object_ref (session));
    }
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (expected->len, <, all->len);

  load_to_end (f);
  assert_shows (shown (f), expected);
}

static gboolean
has_status (DaSession  *session,
            const char *status)
{
  return g_strcmp0 (da_session_get_status (session), status) == 0;
}

static void
test_filter_status (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_object_unref);
  GtkDropDown *dropdown;
  GtkWidget *note;
  guint requests;

  show_page (f, 1200, 700);
  wait_loaded (f);
  all = api_sessions (f, NULL);
  for (guint i = 0; i < all->len; i++)
    if (has_status (g_ptr_array_index (all, i), "error"))
      g_ptr_array_add (expected, g_object_ref (g_ptr_array_index (all, i)));
  g_assert_cmpuint (expected->len, >, 0);

  /* Applied to what is loaded: no new request for the first page. */
  requests = da_mock_server_count_requests (f->server, "GET", "/sessions/insights");
  dropdown = GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "sessions-status-dropdown"));
  gtk_drop_down_set_selected (dropdown, dropdown_index_of (dropdown, "Failed"));
  note = find (f, GTK_TYPE_LABEL, "sessions-filter-note");
  g_assert_true (gtk_widget_get_visible (note));
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      g_autoptr(DaSession) session = g_list_model_get_item (shown (f), i);

      g_assert_true (has_status (session, "error"));
    }

  /* Loaded to the end: exactly the server's failed sessions. */
  load_to_end (f);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/sessions/insights"), >,
                    requests);
  assert_shows (shown (f), expected);
  da_test_screenshot (GTK_WIDGET (f->window), "status-filter");

  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_false (gtk_widget_get_visible (note));
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, all->len);
}

static guint
position_of (Fixture    *f,
             const char *session_id)
{
  GListModel *model = shown (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaSession) session = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_session_get_session_id (session), session_id) == 0)
        return i;
    }

  g_error ("Session %s is not in the list", session_id);
}

static gboolean
has_line (GtkWidget  *root,
          const char *name,
          const char *text)
{
  GtkWidget *section = da_test_find_widget (root, GTK_TYPE_BOX, name);
  g_autofree char *line = g_strdup_printf ("• %s", text);

  return section != NULL && da_test_find_by_text (section, GTK_TYPE_LABEL, line) != NULL;
}

static void
check_lines (GtkWidget  *details,
             JsonObject *analysis,
             const char *member,
             const char *name)
{
  g_auto(GStrv) lines = da_session_analysis_dup_lines (analysis, member);

  if (lines == NULL)
    {
      g_assert_null (da_test_find_widget (details, GTK_TYPE_BOX, name));
      return;
    }

  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_true (has_line (details, name, lines[i]));
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  DaSession *with = NULL;
  DaSession *without = NULL;
  GtkWidget *details;
  GtkWidget *flap;
  guint n_loaded;

  show_page (f, 1300, 760);
  wait_loaded (f);
  sessions = api_sessions (f, NULL);
  n_loaded = g_list_model_get_n_items (loaded (f));

  /* A session with an analysis and pull requests, and one without an analysis. */
  for (guint i = 0; i < n_loaded; i++)
    {
      DaSession *session = g_ptr_array_index (sessions, i);
      guint n_prs = 0;

      da_session_get_pull_requests (session, &n_prs);
      if (with == NULL && da_session_get_analysis (session) != NULL && n_prs > 0)
        with = session;
      if (without == NULL && da_session_get_analysis (session) == NULL)
        without = session;
    }
  g_assert_nonnull (with);
  g_assert_nonnull (without);

  details = find (f, DA_TYPE_SESSION_DETAILS, NULL);
  flap = find (f, ADW_TYPE_FLAP, NULL);
  gtk_single_selection_set_selected (selection (f), position_of (f, da_session_get_session_id (with)));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  da_test_spin (200);

  {
    JsonObject *analysis = da_session_get_analysis (with);
    g_autoptr(GPtrArray) feedback = da_session_analysis_get_feedback_items (analysis);
    GtkWidget *message = da_test_find_widget (details, GTK_TYPE_LABEL, "session-details-message");
    GtkWidget *suggested = da_test_find_widget (details, GTK_TYPE_LABEL,
                                                "session-details-suggested-prompt");
    GtkWidget *prs = da_test_find_widget (details, GTK_TYPE_LIST_BOX, "session-details-prs");
    GtkWidget *open = da_test_find_widget (details, GTK_TYPE_BUTTON, "session-details-open");
    g_autoptr(GPtrArray) rows = da_test_find_all (prs, ADW_TYPE_ACTION_ROW);
    const DaPullRequest *pull_requests;
    g_autofree char *creator = api_member_email (f, da_session_get_user_id (with));
    guint n_prs = 0;

    /* The initial message and the suggested prompt, as the API has them. */
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                     da_session_get_initial_user_message (with));
    g_assert_nonnull (suggested);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (suggested)), ==,
                     da_session_analysis_get_suggested_prompt (analysis));

    /* Each feedback item, the issues, action items and timeline. */
    g_assert_nonnull (feedback);
    for (guint i = 0; i < feedback->len; i++)
      {
        const DaFeedbackItem *item = g_ptr_array_index (feedback, i);
        GtkWidget *section = da_test_find_widget (details, GTK_TYPE_BOX,
                                                  "session-details-feedback");

        g_assert_nonnull (da_test_find_by_text (section, GTK_TYPE_LABEL, item->summary));
        g_assert_nonnull (da_test_find_by_text (section, GTK_TYPE_LABEL, item->details));
      }
    check_lines (details, analysis, "issues", "session-details-issues");
    check_lines (details, analysis, "action_items", "session-details-action-items");
    check_lines (details, analysis, "timeline", "session-details-timeline");
    g_assert_nonnull (da_test_find_widget (details, GTK_TYPE_BOX, "session-details-issues"));
    g_assert_nonnull (da_test_find_widget (details, GTK_TYPE_BOX, "session-details-timeline"));

    /* Each pull request a link to its URL; Open in Browser the session's. */
    pull_requests = da_session_get_pull_requests (with, &n_prs);
    g_assert_cmpuint (rows->len, ==, n_prs);
    for (guint i = 0; i < n_prs; i++)
      {
        GtkActionable *row = g_ptr_array_index (rows, i);

        g_assert_cmpstr (gtk_actionable_get_action_name (row), ==, "details.open-uri");
        g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (row), NULL),
                         ==, pull_requests[i].url);
      }
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==,
                     "details.open-uri");
    g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open)), NULL),
                     ==, da_session_get_url (with));
    g_assert_true (gtk_widget_is_sensitive (open));

    /* The creator by email once known. */
    DA_TEST_WAIT_UNTIL (da_test_has_label (details, creator));
    da_test_screenshot (GTK_WIDGET (f->window), "details");
  }

  /* Without an analysis: said so, no empty sections. */
  gtk_single_selection_set_selected (selection (f),
                                     position_of (f, da_session_get_session_id (without)));
  g_assert_cmpstr (da_session_get_session_id (da_session_details_get_session (DA_SESSION_DETAILS (details))),
                   ==, da_session_get_session_id (without));
  g_assert_nonnull (da_test_find_widget (details, GTK_TYPE_LABEL, "session-details-no-analysis"));
  g_assert_null (da_test_find_widget (details, GTK_TYPE_LABEL, "session-details-suggested-prompt"));
  g_assert_null (da_test_find_widget (details, GTK_TYPE_BOX, "session-details-issues"));

  /* Close. */
  da_test_click (da_test_find_widget (details, GTK_TYPE_BUTTON, "session-details-close"));
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (f)), ==,
                    GTK_INVALID_LIST_POSITION);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  GListModel *columns;
  GtkColumnViewColumn *acus = NULL;
  double previous = G_MAXDOUBLE;

  show_page (f, 1200, 700);
  wait_loaded (f);
  g_assert_cmpuint (g_list_model_get_n_items (loaded (f)), <, 300);

  columns = gtk_column_view_get_columns (column_view (f));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "ACUs") == 0)
        acus = column;
    }
  g_assert_nonnull (acus);

  /* Sorting loads every session first, so the order is the whole list's. */
  gtk_column_view_sort_by_column (column_view (f), acus, GTK_SORT_DESCENDING);
  DA_TEST_WAIT_UNTIL (da_sessions_page_get_complete (DA_SESSIONS_PAGE (f->page)) &&
                      !da_page_get_busy (DA_PAGE (f->page)));

  all = api_sessions (f, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, all->len);
  for (guint i = 0; i < g_list_model_get_n_items (shown (f)); i++)
    {
      g_autoptr(DaSession) session = g_list_model_get_item (shown (f), i);

      g_assert_cmpfloat (da_session_get_acus_consumed (session), <=, previous);
      previous = da_session_get_acus_consumed (session);
    }
  assert_no_duplicates (shown (f));
  {
    double most = 0;

    for (guint i = 0; i < all->len; i++)
      most = MAX (most, da_session_get_acus_consumed (g_ptr_array_index (all, i)));
    g_autoptr(DaSession) top = g_list_model_get_item (shown (f), 0);
    g_assert_cmpfloat (da_session_get_acus_consumed (top), ==, most);
  }
  da_test_screenshot (GTK_WIDGET (f->window), "sorted");
}

static void
test_retry_mid_paging (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  guint before;

  show_page (f, 1200, 700);
  wait_loaded (f);
  adjustment = vadjustment (f);
  before = g_list_model_get_n_items (loaded (f));
  g_assert_cmpuint (before, <, 300);

  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /sessions/insights 503", &error),
                    >, 0);
  g_assert_no_error (error);
  wait_frames (GTK_WIDGET (column_view (f)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  DA_TEST_WAIT_UNTIL (da_list_footer_get_state (footer (f)) == DA_LIST_FOOTER_ERROR);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_cmpuint (g_list_model_get_n_items (loaded (f)), ==, before);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  da_test_spin (200);
  da_test_screenshot (GTK_WIDGET (f->window), "paging-error");

  da_mock_server_clear_faults (f->server);
  da_test_click (find (f, GTK_TYPE_BUTTON, "list-footer-retry"));
  load_to_end (f);

  all = api_sessions (f, NULL);
  assert_shows (loaded (f), all);
  assert_no_duplicates (loaded (f));
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  show_page (f, 1000, 700);
  wait_loaded (f);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_FORBIDDEN);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_FORBIDDEN);
}

static void
test_statuses (void)
{
  g_assert_cmpstr (da_session_status_label ("exit"), ==, "Finished");
  g_assert_cmpstr (da_session_status_label ("error"), ==, "Failed");
  g_assert_cmpstr (da_session_status_label ("blocked_on_user"), ==, "blocked_on_user");
  g_assert_cmpstr (da_session_status_style ("error"), ==, "error");
  g_assert_null (da_session_status_style ("new"));
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func, key) \
  g_test_add ("/sessions-page/" path, Fixture, key, fixture_set_up, func, fixture_tear_down)

  ADD ("list", test_list, NULL);
  ADD ("filter-organization", test_filter_organization, NULL);
  ADD ("filter-user", test_filter_user, NULL);
  ADD ("filter-created", test_filter_created, NULL);
  ADD ("filter-status", test_filter_status, NULL);
  ADD ("details", test_details, NULL);
  ADD ("sort", test_sort, NULL);
  ADD ("retry-mid-paging", test_retry_mid_paging, NULL);
  ADD ("forbidden", test_forbidden, MEMBER_KEY);
  g_test_add_func ("/sessions-page/statuses", test_statuses);

#undef ADD

  return g_test_run ();
}

/* test-audit-log-page.c: the Audit Log page against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "da-audit-event-details.h"
#include "da-audit-export.h"
#include "da-audit-format.h"
#include "da-audit-log-page.h"
#include "da-csv.h"
#include "da-date-range-button.h"
#include "da-format.h"
#include "da-list-footer.h"
#include "da-row-viewport.h"
#include "da-state-view.h"
#include "da-test-ui.h"

#define MEMBER_KEY "apk_user_member_audit"
#define DAY (G_GINT64_CONSTANT (86400))

typedef struct
{
  guint       audit_events;
  const char *api_key;
} Setup;

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  GtkWidget    *page;
  GtkWindow    *window;
  DaStateView  *state_view;
  char         *tmpdir;
} Fixture;

static const Setup setup_default = { 600, NULL };
static const Setup setup_large = { 10000, NULL };
static const Setup setup_medium = { 2000, NULL };
static const Setup setup_member = { 600, MEMBER_KEY };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;
  g_autoptr(GError) error = NULL;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.audit_events = setup->audit_events;
  options.member_key = g_strdup (MEMBER_KEY);
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, setup->api_key);
  f->page = da_audit_log_page_new (f->context);
  f->state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  g_assert_nonnull (f->state_view);

  f->tmpdir = g_dir_make_tmp ("da-audit-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
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
  remove_tree (f->tmpdir);
  g_free (f->tmpdir);
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
  return GTK_COLUMN_VIEW (find (f, GTK_TYPE_COLUMN_VIEW, "audit-column-view"));
}

static GtkSingleSelection *
selection (Fixture *f)
{
  return GTK_SINGLE_SELECTION (da_column_view_get_list_model (column_view (f)));
}

/* What the list shows: the events that pass the filters. */
static GListModel *
shown (Fixture *f)
{
  return gtk_single_selection_get_model (selection (f));
}

/* What is loaded: the pager's model under the filter. */
static GListModel *
loaded (Fixture *f)
{
  return gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (shown (f)));
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
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING && !da_page_get_busy (DA_PAGE (f->page)));
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

/* Scrolls to the end until the whole range is loaded, as a reader would. */
static void
load_to_end (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) 240 * da_test_wait_scale () * G_USEC_PER_SEC;
  GtkAdjustment *adjustment = vadjustment (f);

  while (!da_audit_log_page_get_complete (DA_AUDIT_LOG_PAGE (f->page)))
    {
      g_assert_cmpint (da_list_footer_get_state (footer (f)), !=, DA_LIST_FOOTER_ERROR);
      if (g_get_monotonic_time () > deadline)
        g_error ("The audit log did not load to its end");
      wait_frames (GTK_WIDGET (column_view (f)));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
}

/* The button labelled @text that is on screen (the footer has a hidden Retry too). */
static GtkWidget *
find_drawable_button (Fixture    *f,
                      const char *text)
{
  g_autoptr(GPtrArray) buttons = da_test_find_all (f->page, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (gtk_widget_is_drawable (button) &&
          da_test_find_by_text (button, GTK_TYPE_BUTTON, text) == button)
        return button;
    }

  g_error ("No button “%s” on screen", text);
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static GPtrArray *
api_events (Fixture *f,
            gint64   since,
            gint64   until)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(DaPager) pager = da_client_list_audit_logs (client, since, until);
  g_autoptr(GListModel) model = da_test_load_all (pager);
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (events, g_list_model_get_item (model, i));
  return events;
}

typedef gboolean (*EventPredicate) (DaAuditEvent *event,
                                    gconstpointer data);

static GPtrArray *
select_events (GPtrArray      *events,
               EventPredicate  predicate,
               gconstpointer   data)
{
  GPtrArray *selected = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < events->len; i++)
    if (predicate (g_ptr_array_index (events, i), data))
      g_ptr_array_add (selected, g_object_ref (g_ptr_array_index (events, i)));
  return selected;
}

/* The list shows exactly @expected, in order. */
static void
assert_shows (GListModel *model,
              GPtrArray  *expected)
{
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);

      g_assert_cmpstr (da_audit_event_get_audit_log_id (event), ==,
                       da_audit_event_get_audit_log_id (g_ptr_array_index (expected, i)));
    }
}

static void
assert_no_duplicates (GListModel *model)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 previous = G_MAXINT64;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);
      const char *id = da_audit_event_get_audit_log_id (event);

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
      /* newest first */
      g_assert_cmpint (da_audit_event_get_created_at (event), <=, previous);
      previous = da_audit_event_get_created_at (event);
    }
}

static gboolean
action_is (DaAuditEvent  *event,
           gconstpointer  data)
{
  return g_strcmp0 (da_audit_event_get_action (event), data) == 0;
}

static gboolean
org_is (DaAuditEvent  *event,
        gconstpointer  data)
{
  return g_strcmp0 (da_audit_event_get_org_id (event), data) == 0;
}

static gboolean
lower_contains (const char *text,
                const char *needle)
{
  g_autofree char *lower = text != NULL ? g_ascii_strdown (text, -1) : NULL;

  return lower != NULL && strstr (lower, needle) != NULL;
}

static gboolean
actor_contains (DaAuditEvent  *event,
                gconstpointer  data)
{
  return lower_contains (da_audit_event_get_user_email (event), data);
}

typedef struct
{
  DaContext  *context;
  const char *word;
} SearchData;

static gboolean
anything_contains (DaAuditEvent  *event,
                   gconstpointer  data)
{
  const SearchData *search = data;
  const char *org_id = da_audit_event_get_org_id (event);

  return lower_contains (da_audit_event_get_audit_log_id (event), search->word) ||
         lower_contains (da_audit_event_get_action (event), search->word) ||
         lower_contains (da_audit_action_label (da_audit_event_get_action (event)), search->word) ||
         lower_contains (da_audit_event_get_user_email (event), search->word) ||
         lower_contains (da_audit_event_get_user_id (event), search->word) ||
         lower_contains (org_id, search->word) ||
         (org_id != NULL &&
          lower_contains (da_context_lookup_org_name (search->context, org_id), search->word)) ||
         lower_contains (da_audit_event_get_data_json (event), search->word);
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
note_busy_cb (gboolean   *was_busy,
              GParamSpec *pspec,
              GObject    *page)
{
  *was_busy |= da_page_get_busy (DA_PAGE (page));
}

static void
test_first_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  gboolean was_busy = FALSE;
  GListModel *model;

  /* Busy while the first page loads: seen through the property, since on a loaded machine the
   * first page may have arrived by the time the window is shown. */
  g_signal_connect_swapped (f->page, "notify::busy", G_CALLBACK (note_busy_cb), &was_busy);
  was_busy = da_page_get_busy (DA_PAGE (f->page));
  show_page (f, 1100, 700);
  wait_loaded (f);
  g_signal_handlers_disconnect_by_data (f->page, &was_busy);
  g_assert_true (was_busy);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_search (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_export (DA_PAGE (f->page)));
  g_assert_cmpstr (da_page_get_title (DA_PAGE (f->page)), ==, "Audit Log");

  /* The rows are the events themselves: no wrapper object per row. */
  model = loaded (f);
  g_assert_true (g_list_model_get_item_type (model) == DA_TYPE_AUDIT_EVENT);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);

  /* The first events are the server's newest, in its order. */
  events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);

      g_assert_cmpstr (da_audit_event_get_audit_log_id (event), ==,
                       da_audit_event_get_audit_log_id (g_ptr_array_index (events, i)));
    }

  /* Readable labels, relative times, organization names. */
  {
    DaAuditEvent *first = g_ptr_array_index (events, 0);
    const char *org_id = da_audit_event_get_org_id (first);

    g_assert_true (da_test_has_label (f->page,
                                      da_audit_action_label (da_audit_event_get_action (first))));
    if (org_id != NULL)
      g_assert_true (da_test_has_label (f->page, da_context_lookup_org_name (f->context, org_id)));
  }

  da_test_screenshot (GTK_WIDGET (f->window), "list");
}

static void
test_paging_10000 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  GtkAdjustment *adjustment;
  gboolean added = FALSE;
  gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  show_page (f, 1000, 700);
  wait_loaded (f);
  adjustment = vadjustment (f);

  while (!da_audit_log_page_get_complete (DA_AUDIT_LOG_PAGE (f->page)))
    {
      /* Others at work while the reader pages: new events do not disturb the walk. */
      if (!added && g_list_model_get_n_items (loaded (f)) >= 3000)
        {
          da_mock_server_add_audit_events (f->server, 50);
          added = TRUE;
        }
      g_assert_cmpint (da_list_footer_get_state (footer (f)), !=, DA_LIST_FOOTER_ERROR);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_main_context_iteration (NULL, TRUE);
    }
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  g_assert_true (added);

  /* Every event exactly once, in order: the server's list without the 50 added since. */
  events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
  g_assert_cmpuint (events->len, ==, 10050);
  expected = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 50; i < events->len; i++)
    g_ptr_array_add (expected, g_object_ref (g_ptr_array_index (events, i)));
  assert_shows (loaded (f), expected);
  assert_no_duplicates (loaded (f));
  g_assert_cmpint (da_list_footer_get_state (footer (f)), ==, DA_LIST_FOOTER_HIDDEN);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  GtkDropDown *action_dropdown;
  GtkDropDown *org_dropdown;
  GtkWidget *actor_entry;
  GtkWidget *search_entry;
  GtkWidget *note;

  show_page (f, 1100, 700);
  wait_loaded (f);
  events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
  g_assert_cmpuint (events->len, ==, 1500);

  action_dropdown = GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "audit-action-dropdown"));
  org_dropdown = GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "audit-org-dropdown"));
  actor_entry = find (f, GTK_TYPE_SEARCH_ENTRY, "audit-actor-entry");
  search_entry = find (f, GTK_TYPE_SEARCH_ENTRY, "audit-search-entry");
  note = find (f, GTK_TYPE_LABEL, "audit-filter-note");
  g_assert_false (gtk_widget_get_visible (note));

  /* By action: the page loads on while matches are few; at the end, exactly the server's. */
  gtk_drop_down_set_selected (action_dropdown,
                              dropdown_index_of (action_dropdown,
                                                 da_audit_action_label ("update_org")));
  g_assert_true (gtk_widget_get_visible (note));
  load_to_end (f);
  {
    g_autoptr(GPtrArray) expected = select_events (events, action_is, "update_org");

    g_assert_cmpuint (expected->len, >, 0);
    g_assert_cmpuint (expected->len, <, 200);
    assert_shows (shown (f), expected);
    g_assert_true (da_test_has_label (f->page, "in this date range"));
  }
  da_test_screenshot (GTK_WIDGET (f->window), "filtered");

  /* By organization, together with the action. */
  {
    GListModel *orgs = da_context_get_organizations (f->context);
    g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, 1);
    const char *org_id = da_organization_get_org_id (org);
    g_autoptr(GPtrArray) by_action = select_events (events, action_is, "update_org");
    g_autoptr(GPtrArray) expected = select_events (by_action, org_is, org_id);
    g_autoptr(GPtrArray) by_org = select_events (events, org_is, org_id);

    gtk_drop_down_set_selected (org_dropdown,
                                dropdown_index_of (org_dropdown,
                                                   da_organization_get_org_name (org)));
    assert_shows (shown (f), expected);

    /* The organization alone. */
    gtk_drop_down_set_selected (action_dropdown, 0);
    assert_shows (shown (f), by_org);
    gtk_drop_down_set_selected (org_dropdown, 0);
  }

  /* By actor: part of an email, any case. */
  {
    DaAuditEvent *some = g_ptr_array_index (events, 7);
    g_autofree char *email = g_strdup (da_audit_event_get_user_email (some));
    g_autofree char *part = NULL;
    g_autofree char *needle = NULL;
    g_autoptr(GPtrArray) expected = NULL;

    g_assert_nonnull (email);
    *strchr (email, '@') = '\0';
    part = g_ascii_strup (email, -1);
    needle = g_ascii_strdown (email, -1);
    expected = select_events (events, actor_contains, needle);
    g_assert_cmpuint (expected->len, >, 0);

    da_test_type (actor_entry, part);
    DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (shown (f)) == expected->len);
    assert_shows (shown (f), expected);
    da_test_type (actor_entry, "");
    DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (shown (f)) == events->len);
  }

  /* Text search over what is loaded. */
  {
    SearchData search = { f->context, "saml" };
    g_autoptr(GPtrArray) expected = select_events (events, anything_contains, &search);

    g_assert_cmpuint (expected->len, >, 0);
    da_test_type (search_entry, "SAML");
    DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (shown (f)) == expected->len);
    assert_shows (shown (f), expected);

    /* Clear Filters leaves the search; clearing it shows everything again. */
    da_test_click (find (f, GTK_TYPE_BUTTON, "audit-clear-filters"));
    assert_shows (shown (f), expected);
    da_test_type (search_entry, "");
    DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (shown (f)) == events->len);
    g_assert_false (gtk_widget_get_visible (note));
  }
}

static void
pick_custom_range (Fixture   *f,
                   GDateTime *first,
                   GDateTime *last)
{
  GtkWidget *from = find (f, GTK_TYPE_CALENDAR, "range-from-calendar");
  GtkWidget *to = find (f, GTK_TYPE_CALENDAR, "range-to-calendar");
  GtkWidget *menu_button = find (f, GTK_TYPE_MENU_BUTTON, "date-range-menu-button");

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  da_test_spin (100);
  gtk_calendar_select_day (GTK_CALENDAR (from), first);
  gtk_calendar_select_day (GTK_CALENDAR (to), last);
  da_test_click (find (f, GTK_TYPE_BUTTON, "range-apply"));
}

static void
test_date_range (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (now, -20);
  g_autoptr(GDateTime) last = g_date_time_add_days (now, -10);
  g_autoptr(GDateTime) first_midnight = NULL;
  g_autoptr(GDateTime) after_last = NULL;
  gint64 since, until;

  show_page (f, 1100, 700);
  wait_loaded (f);

  /* Last 7 days: asked of the server, exactly its answer. */
  da_test_click (find (f, GTK_TYPE_BUTTON, "range-7-days"));
  wait_loaded (f);
  da_audit_log_page_get_range (DA_AUDIT_LOG_PAGE (f->page), &since, &until);
  g_assert_cmpint (until, ==, DA_TIME_UNSET);
  g_assert_cmpint (ABS (since - (da_now () - 7 * DAY)), <, 60);
  load_to_end (f);
  {
    g_autoptr(GPtrArray) expected = api_events (f, since, DA_TIME_UNSET);

    g_assert_cmpuint (expected->len, >, 0);
    assert_shows (loaded (f), expected);
    for (guint i = 0; i < expected->len; i++)
      g_assert_cmpint (da_audit_event_get_created_at (g_ptr_array_index (expected, i)), >=,
                       since);
  }

  /* A custom range of local days, both included: exactly the server's events of those days. */
  pick_custom_range (f, first, last);
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
  da_audit_log_page_get_range (DA_AUDIT_LOG_PAGE (f->page), &since, &until);
  g_assert_cmpint (since, ==, g_date_time_to_unix (first_midnight));
  g_assert_cmpint (until, ==, g_date_time_to_unix (after_last));
  load_to_end (f);
  {
    g_autoptr(GPtrArray) all = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
    g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_object_unref);

    /* Worked out from the whole log, not from the page's own request. */
    for (guint i = 0; i < all->len; i++)
      {
        DaAuditEvent *event = g_ptr_array_index (all, i);
        gint64 t = da_audit_event_get_created_at (event);

        if (t > since && t < until)
          g_ptr_array_add (expected, g_object_ref (event));
      }
    g_assert_cmpuint (expected->len, >, 0);
    assert_shows (loaded (f), expected);
  }

  /* A closed range gets no new events: Live is off. */
  g_assert_false (gtk_widget_get_sensitive (find (f, GTK_TYPE_TOGGLE_BUTTON, "audit-live-button")));

  /* A first day after the last is refused in place. */
  pick_custom_range (f, last, first);
  g_assert_true (da_test_has_label (f->page, "The first day must not be after the last day."));
  da_test_screenshot (GTK_WIDGET (f->window), "custom-range");
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (find (f, GTK_TYPE_BUTTON,
                                                                   "range-apply"),
                                                             GTK_TYPE_POPOVER)));
  da_audit_log_page_get_range (DA_AUDIT_LOG_PAGE (f->page), &since, &until);
  g_assert_cmpint (since, ==, g_date_time_to_unix (first_midnight));

  /* Today, in a log whose newest event is older: the empty state says so. */
  {
    g_autoptr(GPtrArray) today = NULL;
    gint64 midnight;

    da_test_click (find (f, GTK_TYPE_BUTTON, "range-today"));
    wait_loaded (f);
    da_audit_log_page_get_range (DA_AUDIT_LOG_PAGE (f->page), &midnight, NULL);
    today = api_events (f, midnight, DA_TIME_UNSET);
    g_assert_cmpint (state_of (f), ==, today->len > 0 ? DA_STATE_VIEW_CONTENT
                                                      : DA_STATE_VIEW_EMPTY);
  }
}

static void
test_empty_range (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;

  /* No events at all. */
  show_page (f, 1000, 700);
  wait_loaded (f);
  events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_EMPTY);
  g_assert_true (da_test_has_label (f->page, "No Events"));
  da_test_screenshot (GTK_WIDGET (f->window), "empty");

  /* Live brings the first ones in. */
  da_audit_log_page_set_poll_interval (DA_AUDIT_LOG_PAGE (f->page), 100);
  da_test_click (find (f, GTK_TYPE_TOGGLE_BUTTON, "audit-live-button"));
  da_mock_server_add_audit_events (f->server, 2);
  DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (loaded (f)) == 2);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
}

static void
copied_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) copied_node = NULL;
  g_autofree char *copied = NULL;
  DaAuditEventDetails *details;
  DaAuditEvent *event = NULL;
  GtkWidget *flap;
  guint position = 0;

  show_page (f, 1200, 720);
  wait_loaded (f);
  events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);

  /* An event with data and an organization. */
  for (position = 0; position < g_list_model_get_n_items (shown (f)); position++)
    {
      event = g_ptr_array_index (events, position);
      if (da_audit_event_get_data_json (event) != NULL && da_audit_event_get_org_id (event) != NULL)
        break;
    }
  g_assert_nonnull (event);

  details = DA_AUDIT_EVENT_DETAILS (find (f, DA_TYPE_AUDIT_EVENT_DETAILS, NULL));
  flap = find (f, ADW_TYPE_FLAP, NULL);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));

  gtk_single_selection_set_selected (selection (f), position);
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  g_assert_cmpstr (da_audit_event_get_audit_log_id (da_audit_event_details_get_event (details)),
                   ==, da_audit_event_get_audit_log_id (event));
  da_test_spin (200);

  /* Every field, and the data pretty-printed. */
  g_assert_true (da_test_has_label (GTK_WIDGET (details), da_audit_event_get_audit_log_id (event)));
  g_assert_true (da_test_has_label (GTK_WIDGET (details), da_audit_event_get_user_email (event)));
  g_assert_true (da_test_has_label (GTK_WIDGET (details), da_audit_event_get_user_id (event)));
  g_assert_true (da_test_has_label (GTK_WIDGET (details),
                                    da_context_lookup_org_name (f->context,
                                                                da_audit_event_get_org_id (event))));
  {
    GtkWidget *data_label = da_test_find_widget (GTK_WIDGET (details), GTK_TYPE_LABEL,
                                                 "audit-details-data");
    g_autoptr(JsonNode) shown_data = json_from_string (gtk_label_get_text (GTK_LABEL (data_label)),
                                                       NULL);
    g_autoptr(JsonNode) api_data = da_audit_event_dup_data (event);

    g_assert_nonnull (shown_data);
    g_assert_true (json_node_equal (shown_data, api_data));
    /* indented */
    g_assert_nonnull (strchr (gtk_label_get_text (GTK_LABEL (data_label)), '\n'));
  }
  da_test_screenshot (GTK_WIDGET (f->window), "details");

  /* Copy puts the whole event on the clipboard as JSON. */
  da_test_click (da_test_find_widget (GTK_WIDGET (details), GTK_TYPE_BUTTON, "audit-details-copy"));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (f->page), NULL, copied_cb, &copied);
  DA_TEST_WAIT_UNTIL (copied != NULL);
  copied_node = json_from_string (copied, NULL);
  g_assert_nonnull (copied_node);
  {
    JsonObject *object = json_node_get_object (copied_node);
    g_autoptr(JsonNode) api_data = da_audit_event_dup_data (event);

    g_assert_cmpstr (json_object_get_string_member (object, "audit_log_id"), ==,
                     da_audit_event_get_audit_log_id (event));
    g_assert_cmpstr (json_object_get_string_member (object, "action"), ==,
                     da_audit_event_get_action (event));
    g_assert_cmpstr (json_object_get_string_member (object, "user_email"), ==,
                     da_audit_event_get_user_email (event));
    g_assert_true (json_node_equal (json_object_get_member (object, "data"), api_data));
  }

  /* Close: nothing selected, the pane hidden. */
  da_test_click (da_test_find_widget (GTK_WIDGET (details), GTK_TYPE_BUTTON,
                                      "audit-details-close"));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (f)), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));

  /* Refresh keeps the selection by ID. */
  gtk_single_selection_set_selected (selection (f), position);
  da_page_refresh (DA_PAGE (f->page));
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  wait_loaded (f);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (f)), ==, position);
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
}

static DaAuditEvent *
event_from_json (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  DaAuditEvent *event;

  g_assert_nonnull (node);
  event = da_audit_event_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return event;
}

static void
test_masking_and_labels (void)
{
  g_autoptr(DaAuditEvent) event = NULL;
  g_autoptr(DaAuditEvent) plain = NULL;
  g_autoptr(JsonNode) masked = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *pretty = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(DaAuditFilter) filter = da_audit_filter_new ();
  JsonObject *object;

  event = event_from_json ("{\"audit_log_id\": \"audit-1\", \"action\": \"create_api_key\","
                           " \"created_at\": \"2025-08-11T10:04:55Z\","
                           " \"user_email\": \"Zoë.Müller@example.com\","
                           " \"data\": {\"api_key_id\": \"apk-0001\","
                           "  \"token\": \"abc\", \"nested\": {\"password\": \"hunter2\"},"
                           "  \"list\": [\"apk_user_0123456789abcdef\"],"
                           "  \"note\": \"a, \\\"quoted\\\"\\nline\"}}");

  /* Secrets are masked wherever they are; IDs are not secrets. */
  masked = da_audit_dup_masked_data (event);
  object = json_node_get_object (masked);
  g_assert_cmpstr (json_object_get_string_member (object, "api_key_id"), ==, "apk-0001");
  g_assert_cmpstr (json_object_get_string_member (object, "token"), ==, "••••••••");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "nested"),
                                                  "password"), ==, "••••••••");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "list"),
                                                  0), ==, "••••••••");

  summary = da_audit_summarize_data (event);
  g_assert_null (strstr (summary, "hunter2"));
  g_assert_null (strstr (summary, "abc"));
  g_assert_null (strchr (summary, '\n'));
  pretty = da_audit_format_data_pretty (event);
  g_assert_null (strstr (pretty, "hunter2"));
  g_assert_null (strstr (pretty, "apk_user_"));

  /* Exports mask too, and quote the data as CSV. */
  da_audit_append_csv_row (csv, event, NULL);
  g_assert_null (strstr (csv->str, "hunter2"));
  {
    g_autoptr(GPtrArray) rows = da_csv_parse (csv->str, csv->len, NULL);
    GStrv fields = g_ptr_array_index (rows, 0);
    g_autoptr(JsonNode) data = json_from_string (fields[8], NULL);

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (fields[0], ==, "audit-1");
    g_assert_cmpstr (fields[1], ==, "2025-08-11T10:04:55Z");
    g_assert_true (json_node_equal (data, masked));
  }
  da_audit_append_json_line (line, event, NULL);
  g_assert_null (strstr (line->str, "hunter2"));
  g_assert_true (g_str_has_suffix (line->str, "}\n"));
  /* one line */
  g_assert_true (strchr (line->str, '\n') == line->str + line->len - 1);

  /* Numbers that json-glib 1.6 writes as "1e+20.0" stay JSON, in a line and in the details
   * (found by fuzz/fuzz-json-reader). */
  {
    g_autoptr(DaAuditEvent) numbers = NULL;
    g_autoptr(GString) numbers_line = g_string_new (NULL);
    g_autofree char *numbers_pretty = NULL;
    g_autoptr(JsonNode) data = NULL;
    g_autoptr(JsonNode) from_line = NULL;
    g_autoptr(JsonNode) from_pretty = NULL;

    numbers = event_from_json ("{\"audit_log_id\": \"audit-3\", \"action\": \"login\","
                               " \"data\": {\"big\": 1e20, \"tiny\": 5e-324,"
                               " \"list\": [12, -0.5, {}, []], \"empty\": {}}}");
    data = da_audit_dup_masked_data (numbers);
    da_audit_append_json_line (numbers_line, numbers, NULL);
    from_line = json_from_string (numbers_line->str, NULL);
    g_assert_nonnull (from_line);
    g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (from_line),
                                                            "data"), data));
    numbers_pretty = da_audit_format_data_pretty (numbers);
    from_pretty = json_from_string (numbers_pretty, NULL);
    g_assert_nonnull (from_pretty);
    g_assert_true (json_node_equal (from_pretty, data));
  }

  /* Known actions read as words; others as they are. */
  g_assert_cmpstr (da_audit_action_label ("create_org"), ==, "Created an organization");
  g_assert_cmpstr (da_audit_action_label ("brand_new_action"), ==, "brand_new_action");

  /* A search never finds a secret by its value, and Unicode case does not matter. */
  filter->search = g_strdup ("hunter2");
  g_assert_false (da_audit_filter_match (filter, event, NULL));
  g_free (filter->search);
  filter->search = g_strdup ("ZOË");
  g_assert_true (da_audit_filter_match (filter, event, NULL));
  g_free (filter->search);
  filter->search = g_strdup ("zoë quoted");
  g_assert_true (da_audit_filter_match (filter, event, NULL));
  g_free (filter->search);
  filter->search = g_strdup ("zoë absent");
  g_assert_false (da_audit_filter_match (filter, event, NULL));

  /* An event without data. */
  plain = event_from_json ("{\"audit_log_id\": \"audit-2\", \"action\": \"login\"}");
  g_assert_null (da_audit_summarize_data (plain));
  g_assert_null (da_audit_dup_masked_data (plain));
}

/* ---- export ---------------------------------------------------------------------------- */

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
export_through_ui (Fixture    *f,
                   const char *action,
                   const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_widget_activate_action (f->page, action, NULL);
  g_assert_false (da_page_get_can_export (DA_PAGE (f->page)));
  da_test_answer_file_chooser (file);
  DA_TEST_WAIT_UNTIL (da_page_get_can_export (DA_PAGE (f->page)));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *csv_path = g_build_filename (f->tmpdir, "audit.csv", NULL);
  g_autofree char *jsonl_path = g_build_filename (f->tmpdir, "audit.jsonl", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *jsonl = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *action_dropdown;

  show_page (f, 1100, 700);
  wait_loaded (f);

  /* Only the first page is loaded; the export walks the whole range with the filter on. */
  action_dropdown = GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "audit-action-dropdown"));
  gtk_drop_down_set_selected (action_dropdown,
                              dropdown_index_of (action_dropdown,
                                                 da_audit_action_label ("add_member")));
  events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
  expected = select_events (events, action_is, "add_member");
  g_assert_cmpuint (expected->len, >, 10);

  export_through_ui (f, "page.export-csv", csv_path);
  csv = read_file (csv_path);
  rows = da_csv_parse (csv, -1, &error);
  g_assert_no_error (error);
  /* CRLF rows, a header first */
  g_assert_nonnull (strstr (csv, "\r\n"));
  g_assert_cmpuint (rows->len, ==, expected->len + 1);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 0))[0], ==, "audit_log_id");
  for (guint i = 0; i < expected->len; i++)
    {
      DaAuditEvent *event = g_ptr_array_index (expected, i);
      GStrv fields = g_ptr_array_index (rows, i + 1);
      g_autoptr(JsonNode) row_data = json_from_string (fields[8], NULL);
      g_autoptr(JsonNode) api_data = da_audit_event_dup_data (event);
      const char *org_id = da_audit_event_get_org_id (event);

      g_assert_cmpuint (g_strv_length (fields), ==, 9);
      g_assert_cmpstr (fields[0], ==, da_audit_event_get_audit_log_id (event));
      g_assert_cmpstr (fields[2], ==, "add_member");
      g_assert_cmpstr (fields[3], ==, da_audit_event_get_user_email (event));
      g_assert_cmpstr (fields[4], ==, da_audit_event_get_user_id (event));
      g_assert_cmpstr (fields[6], ==, org_id != NULL ? org_id : "");
      g_assert_cmpstr (fields[7], ==, da_context_lookup_org_name (f->context, org_id));
      /* The data holds commas and quotes: quoted and read back intact. */
      g_assert_nonnull (strchr (fields[8], ','));
      g_assert_true (json_node_equal (row_data, api_data));
    }

  export_through_ui (f, "page.export-json-lines", jsonl_path);
  jsonl = read_file (jsonl_path);
  g_assert_true (g_str_has_suffix (jsonl, "\n"));
  lines = g_strsplit (jsonl, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, expected->len + 1);
  for (guint i = 0; i < expected->len; i++)
    {
      DaAuditEvent *event = g_ptr_array_index (expected, i);
      g_autoptr(JsonNode) node = json_from_string (lines[i], &error);
      g_autoptr(JsonNode) api_data = da_audit_event_dup_data (event);
      JsonObject *object;

      g_assert_no_error (error);
      object = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (object, "audit_log_id"), ==,
                       da_audit_event_get_audit_log_id (event));
      g_assert_cmpstr (json_object_get_string_member (object, "user_email"), ==,
                       da_audit_event_get_user_email (event));
      g_assert_true (json_node_equal (json_object_get_member (object, "data"), api_data));
    }
}

typedef struct
{
  guint64  n_written;
  guint    calls;
  double   last_fraction;
} Progress;

static void
progress_cb (guint64  n_written,
             double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (n_written, >=, progress->n_written);
  progress->n_written = n_written;
  progress->last_fraction = fraction;
  progress->calls++;
}

static void
test_export_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *new_path = g_build_filename (f->tmpdir, "new.csv", NULL);
  g_autofree char *old_path = g_build_filename (f->tmpdir, "old.jsonl", NULL);
  g_autofree char *ui_path = g_build_filename (f->tmpdir, "ui.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;

  /* Slow pages, so that the export is cancelled half-way. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /audit-logs latency delay=150",
                                              &error), >, 0);
  g_assert_no_error (error);

  /* A new file is not left half-written. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) file = g_file_new_for_path (new_path);
    Progress progress = { 0, 0, -1 };
    DaTestAsync async = { 0 };

    da_audit_export_async (f->context, da_now () - 30 * DAY, DA_TIME_UNSET, NULL,
                           DA_AUDIT_EXPORT_CSV, file, progress_cb, &progress, cancellable,
                           da_test_async_cb, &async);
    DA_TEST_WAIT_UNTIL (progress.calls >= 2);
    g_assert_cmpfloat (progress.last_fraction, >, 0);
    g_assert_cmpfloat (progress.last_fraction, <, 1);
    g_cancellable_cancel (cancellable);
    g_assert_false (da_audit_export_finish (da_test_async_wait (&async), NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    da_test_async_clear (&async);
    g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  }

  /* A file that was there keeps what it had. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) file = g_file_new_for_path (old_path);
    Progress progress = { 0, 0, -1 };
    DaTestAsync async = { 0 };

    g_file_set_contents (old_path, "old contents\n", -1, &error);
    g_assert_no_error (error);
    da_audit_export_async (f->context, DA_TIME_UNSET, DA_TIME_UNSET, NULL,
                           DA_AUDIT_EXPORT_JSON_LINES, file, progress_cb, &progress, cancellable,
                           da_test_async_cb, &async);
    DA_TEST_WAIT_UNTIL (progress.calls >= 2);
    /* No start to the range: no fraction to give. */
    g_assert_cmpfloat (progress.last_fraction, ==, -1);
    g_cancellable_cancel (cancellable);
    g_assert_false (da_audit_export_finish (da_test_async_wait (&async), NULL, &error));
    g_clear_error (&error);
    da_test_async_clear (&async);
    old = read_file (old_path);
    g_assert_cmpstr (old, ==, "old contents\n");
  }

  /* Through the page: a progress dialog whose Cancel stops the export. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (ui_path);
    GtkWindow *dialog;
    GtkWidget *progress_bar;

    show_page (f, 1000, 700);
    wait_loaded (f);
    gtk_widget_activate_action (f->page, "page.export-csv", NULL);
    da_test_answer_file_chooser (file);
    dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "audit-export-dialog");
    progress_bar = da_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR,
                                        "audit-export-progress");
    g_assert_nonnull (progress_bar);
    DA_TEST_WAIT_UNTIL (da_test_has_label (GTK_WIDGET (dialog), "written so far"));
    da_test_screenshot (GTK_WIDGET (dialog), "export-progress");
    g_assert_false (da_page_get_can_export (DA_PAGE (f->page)));

    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    DA_TEST_WAIT_UNTIL (da_page_get_can_export (DA_PAGE (f->page)));
    g_assert_false (g_file_test (ui_path, G_FILE_TEST_EXISTS));
  }
}

/* ---- errors ---------------------------------------------------------------------------- */

static void
test_retry_mid_paging (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *retry;
  guint before;

  show_page (f, 1000, 700);
  wait_loaded (f);
  adjustment = vadjustment (f);

  /* Page on until half-way, then the server fails more often than the client retries. */
  while (g_list_model_get_n_items (loaded (f)) < 1000)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_main_context_iteration (NULL, TRUE);
    }
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /audit-logs 503", &error), >, 0);
  g_assert_no_error (error);

  before = g_list_model_get_n_items (loaded (f));
  g_assert_cmpuint (before, <, 2000);
  wait_frames (GTK_WIDGET (column_view (f)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  DA_TEST_WAIT_UNTIL (da_list_footer_get_state (footer (f)) == DA_LIST_FOOTER_ERROR);
  /* The rows loaded stay; the error is at the end of the list, with Retry. */
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_cmpuint (g_list_model_get_n_items (loaded (f)), ==, before);
  g_assert_true (da_test_has_label (f->page, "The Server Had a Problem"));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  da_test_spin (200);
  da_test_screenshot (GTK_WIDGET (f->window), "paging-error");

  /* Scrolling does not retry by itself. */
  g_assert_cmpuint (g_list_model_get_n_items (loaded (f)), ==, before);

  da_mock_server_clear_faults (f->server);
  retry = find (f, GTK_TYPE_BUTTON, "list-footer-retry");
  da_test_click (retry);
  load_to_end (f);

  events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
  assert_shows (loaded (f), events);
  assert_no_duplicates (loaded (f));
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
}

static void
test_first_page_error (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /audit-logs 500", &error), >, 0);
  g_assert_no_error (error);

  show_page (f, 1000, 700);
  wait_loaded (f);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_ERROR);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  da_test_screenshot (GTK_WIDGET (f->window), "error");

  da_mock_server_clear_faults (f->server);
  da_test_click (find_drawable_button (f, "Retry"));
  wait_loaded (f);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
}

static void
test_refresh_error_keeps_list (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n;

  show_page (f, 1000, 700);
  wait_loaded (f);
  n = g_list_model_get_n_items (loaded (f));

  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /audit-logs 503", &error), >, 0);
  g_assert_no_error (error);
  da_page_refresh (DA_PAGE (f->page));
  DA_TEST_WAIT_UNTIL (da_list_footer_get_state (footer (f)) == DA_LIST_FOOTER_ERROR);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_cmpuint (g_list_model_get_n_items (loaded (f)), ==, n);

  da_mock_server_clear_faults (f->server);
  da_mock_server_add_audit_events (f->server, 3);
  da_test_click (find (f, GTK_TYPE_BUTTON, "list-footer-retry"));
  wait_loaded (f);
  g_assert_cmpint (da_list_footer_get_state (footer (f)), ==, DA_LIST_FOOTER_HIDDEN);
  {
    g_autoptr(GPtrArray) events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
    g_autoptr(DaAuditEvent) first = g_list_model_get_item (loaded (f), 0);

    g_assert_cmpstr (da_audit_event_get_audit_log_id (first), ==,
                     da_audit_event_get_audit_log_id (g_ptr_array_index (events, 0)));
  }
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
  g_assert_false (da_page_get_can_export (DA_PAGE (f->page)));
}

/* ---- live ------------------------------------------------------------------------------ */

/* The first row drawn at @min_y or below: its event and where it is drawn. */
static DaAuditEvent *
row_below (Fixture *f,
           double   min_y,
           double  *y_out)
{
  g_autoptr(GPtrArray) labels = da_test_find_all (GTK_WIDGET (column_view (f)), GTK_TYPE_LABEL);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (column_view (f)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  DaAuditEvent *best = NULL;
  double best_y = G_MAXDOUBLE;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      DaAuditEvent *event = g_object_get_data (G_OBJECT (label), "da-audit-event");
      graphene_point_t point;

      if (event == NULL || !gtk_widget_get_mapped (label) ||
          !gtk_widget_compute_point (label, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point))
        continue;
      if (point.y >= min_y && point.y < best_y)
        {
          best_y = point.y;
          best = event;
        }
    }

  g_assert_nonnull (best);
  *y_out = best_y;
  return best;
}

/* The first row in view (below the column headers): its event and where it is drawn. */
static DaAuditEvent *
first_row_in_view (Fixture *f,
                   double  *y_out)
{
  return row_below (f, 20, y_out);
}

static double
y_of (Fixture      *f,
      DaAuditEvent *event)
{
  g_autoptr(GPtrArray) labels = da_test_find_all (GTK_WIDGET (column_view (f)), GTK_TYPE_LABEL);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (column_view (f)),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      graphene_point_t point;

      if (g_object_get_data (G_OBJECT (label), "da-audit-event") == event &&
          gtk_widget_get_mapped (label) &&
          gtk_widget_compute_point (label, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point))
        return point.y;
    }

  return -G_MAXDOUBLE;
}

/* @n_new events arrive; the button then counts @n_unseen. */
static void
check_new_events_keep_view (Fixture *f,
                            guint    n_new,
                            guint    n_unseen)
{
  g_autoptr(DaAuditEvent) reader_sees = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GtkWidget *button = find (f, GTK_TYPE_BUTTON, "audit-new-events-button");
  g_autofree char *label = g_strdup_printf ("%u new event%s", n_unseen,
                                            n_unseen == 1 ? "" : "s");
  guint n_before = g_list_model_get_n_items (loaded (f));
  double y_before;

  reader_sees = g_object_ref (first_row_in_view (f, &y_before));

  da_mock_server_add_audit_events (f->server, n_new);
  DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (loaded (f)) == n_before + n_new);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (button));
  g_assert_true (da_test_has_label (button, label));
  da_test_spin (300);
  wait_frames (GTK_WIDGET (column_view (f)));

  /* The row the reader was looking at has not moved. */
  g_assert_cmpfloat_with_epsilon (y_of (f, reader_sees), y_before, 1.5);

  /* The new ones are on top, newest first, as the server has them. */
  events = api_events (f, DA_TIME_UNSET, DA_TIME_UNSET);
  for (guint i = 0; i < n_before + n_new; i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (loaded (f), i);

      g_assert_cmpstr (da_audit_event_get_audit_log_id (event), ==,
                       da_audit_event_get_audit_log_id (g_ptr_array_index (events, i)));
    }
  assert_no_duplicates (loaded (f));
}

static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *button;
  GtkAdjustment *adjustment;

  show_page (f, 1100, 700);
  wait_loaded (f);
  da_audit_log_page_set_poll_interval (DA_AUDIT_LOG_PAGE (f->page), 100);
  button = find (f, GTK_TYPE_BUTTON, "audit-new-events-button");
  adjustment = vadjustment (f);
  g_assert_false (gtk_widget_get_visible (button));

  da_test_click (find (f, GTK_TYPE_TOGGLE_BUTTON, "audit-live-button"));

  /* Reading in the middle of the list, as a reader scrolls: once the rows are laid out, and
   * looking at them once they are drawn there. */
  wait_frames (GTK_WIDGET (column_view (f)));
  gtk_adjustment_set_value (adjustment, 1200);
  da_test_spin (300);
  wait_frames (GTK_WIDGET (column_view (f)));
  check_new_events_keep_view (f, 3, 3);
  da_test_screenshot (GTK_WIDGET (f->window), "new-events");

  /* More come: the count grows. */
  check_new_events_keep_view (f, 1, 4);

  /* The button goes to them. */
  da_test_click (button);
  da_test_spin (200);
  wait_frames (GTK_WIDGET (column_view (f)));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_false (gtk_widget_get_visible (button));
  {
    double y;
    DaAuditEvent *top = first_row_in_view (f, &y);
    g_autoptr(DaAuditEvent) newest = g_list_model_get_item (loaded (f), 0);

    g_assert_true (top == newest);
  }

  /* At the top, new events do not push the rows in view down either. */
  check_new_events_keep_view (f, 2, 2);

  /* Live off: no more requests. */
  da_test_click (find (f, GTK_TYPE_TOGGLE_BUTTON, "audit-live-button"));
  {
    guint requests = da_mock_server_count_requests (f->server, "GET", "/audit-logs");

    da_test_spin (400);
    g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/audit-logs"), ==,
                      requests);
  }
}

/* The rows follow the scroll bar pixel for pixel: within a row, across rows, by a page, back
 * up. (Rows are one pixel taller than their content with the separator under them: a view that
 * took the content's height for the row's scrolled 1 px too far per row.) */
static void
test_scroll_by_pixels (Fixture       *f,
                       gconstpointer  data)
{
  static const double steps[] = { 1, 7, 13, 20, 21, 22, 45, 100, 250, 333, -1, -13, -100, -290 };
  GtkAdjustment *adjustment;

  show_page (f, 1000, 700);
  wait_loaded (f);
  adjustment = vadjustment (f);
  wait_frames (GTK_WIDGET (column_view (f)));
  gtk_adjustment_set_value (adjustment, 800);
  wait_frames (GTK_WIDGET (column_view (f)));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double value = gtk_adjustment_get_value (adjustment);
      double y;
      /* a row that stays in view: at least a step below the headers, or at the top going up */
      DaAuditEvent *row = row_below (f, 20 + MAX (0, steps[i]), &y);

      gtk_adjustment_set_value (adjustment, value + steps[i]);
      wait_frames (GTK_WIDGET (column_view (f)));
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value + steps[i]);
      g_test_message ("value %.0f → %.0f: the row at %.1f is at %.1f", value, value + steps[i],
                      y, y_of (f, row));
      g_assert_cmpfloat_with_epsilon (y_of (f, row), y - steps[i], 0.5);
    }
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  show_page (f, 420, 700);
  wait_loaded (f);
  gtk_single_selection_set_selected (selection (f), 2);
  da_test_spin (300);
  da_test_screenshot (GTK_WIDGET (f->window), "narrow-details");
}

static void
test_date_range_button (void)
{
  GtkWidget *button = g_object_ref_sink (da_date_range_button_new ());
  DaDateRangeButton *range = DA_DATE_RANGE_BUTTON (button);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) yesterday_midnight = g_date_time_add_days (midnight, -1);
  g_autoptr(GDateTime) week_ago_midnight = g_date_time_add_days (midnight, -7);
  gint64 since, until;

  /* No bounds at first. */
  g_assert_cmpint (da_date_range_button_get_range (range), ==, DA_DATE_RANGE_ALL);
  da_date_range_button_get_bounds (range, &since, &until);
  g_assert_cmpint (since, ==, DA_TIME_UNSET);
  g_assert_cmpint (until, ==, DA_TIME_UNSET);

  /* Today: from local midnight, open at the end. */
  da_date_range_button_set_preset (range, DA_DATE_RANGE_TODAY);
  da_date_range_button_get_bounds (range, &since, &until);
  g_assert_cmpint (since, ==, g_date_time_to_unix (midnight));
  g_assert_cmpint (until, ==, DA_TIME_UNSET);

  /* The last 30 days: 30 × 24 hours back from now. */
  da_date_range_button_set_preset (range, DA_DATE_RANGE_LAST_30_DAYS);
  da_date_range_button_get_bounds (range, &since, &until);
  g_assert_cmpint (ABS (since - (da_now () - 30 * DAY)), <=, 2);

  /* Days in the past: both included, closed at the midnight after the last. */
  da_date_range_button_set_custom (range, week_ago, two_days_ago);
  g_assert_cmpint (da_date_range_button_get_range (range), ==, DA_DATE_RANGE_CUSTOM);
  da_date_range_button_get_bounds (range, &since, &until);
  g_assert_cmpint (since, ==, g_date_time_to_unix (week_ago_midnight));
  {
    g_autoptr(GDateTime) after = g_date_time_add_days (two_days_ago, 1);
    g_autoptr(GDateTime) after_midnight =
      g_date_time_new_local (g_date_time_get_year (after), g_date_time_get_month (after),
                             g_date_time_get_day_of_month (after), 0, 0, 0);

    g_assert_cmpint (until, ==, g_date_time_to_unix (after_midnight));
  }

  /* A range that ends today stays open, so that new events still belong to it. */
  da_date_range_button_set_custom (range, yesterday_midnight, now);
  da_date_range_button_get_bounds (range, &since, &until);
  g_assert_cmpint (since, ==, g_date_time_to_unix (yesterday_midnight));
  g_assert_cmpint (until, ==, DA_TIME_UNSET);

  /* "All" can be named for what it is. */
  da_date_range_button_set_all_label (range, "Any Time");
  da_date_range_button_set_preset (range, DA_DATE_RANGE_ALL);
  g_assert_nonnull (da_test_find_by_text (button, GTK_TYPE_LABEL, "Any Time"));

  g_assert_finalize_object (button);
}

int
main (int   argc,
      char *argv[])
{
  static const Setup setup_filters = { 1500, NULL };
  static const Setup setup_none = { 0, NULL };

  da_test_ui_init (&argc, &argv);

#define ADD(path, setup, func) \
  g_test_add ("/audit-log-page/" path, Fixture, &setup, fixture_set_up, func, fixture_tear_down)

  ADD ("first-page", setup_default, test_first_page);
  ADD ("paging-10000", setup_large, test_paging_10000);
  ADD ("filters", setup_filters, test_filters);
  ADD ("date-range", setup_default, test_date_range);
  ADD ("empty-range", setup_none, test_empty_range);
  ADD ("details", setup_default, test_details);
  g_test_add_func ("/audit-log-page/masking-and-labels", test_masking_and_labels);
  g_test_add_func ("/audit-log-page/date-range-button", test_date_range_button);
  ADD ("export", setup_medium, test_export);
  ADD ("export-cancel", setup_large, test_export_cancel);
  ADD ("retry-mid-paging", setup_medium, test_retry_mid_paging);
  ADD ("first-page-error", setup_default, test_first_page_error);
  ADD ("refresh-error-keeps-list", setup_default, test_refresh_error_keeps_list);
  ADD ("forbidden", setup_member, test_forbidden);
  ADD ("live", setup_default, test_live);
  ADD ("scroll-by-pixels", setup_default, test_scroll_by_pixels);
  ADD ("narrow", setup_default, test_narrow);

#undef ADD

  return g_test_run ();
}

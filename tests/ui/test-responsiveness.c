/* test-responsiveness.c: the main loop while long lists load
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads 50,000 members into the Members page (as it opens, and again sorted by name, as a refresh
 * of a sorted list does) and 100,000 audit events into the Audit Log page (scrolled to its end, as
 * a reader would) from the local server, with a probe on the main loop
 * (da-loop-probe.h) that measures the longest time an input event would have waited.
 *
 * As in the app, the window is on screen before the page is shown in it, with a sidebar of the
 * pages' icons and titles: what is measured is the page being shown and loading, not the start of
 * the program (its first window, the display's fonts and icon theme, which the app loads for its
 * first frame).
 *
 * The figures are printed ("Responsiveness: …" lines); the test asserts only what does not
 * depend on the machine: everything loaded, once, and the probe kept firing. With
 * DA_RESPONSIVENESS_MAX_MS set (build-aux/measure-responsiveness.sh sets 50), the longest block
 * must also stay under that many milliseconds.
 */

#include "config.h"

#include <stdlib.h>

#include "da-audit-log-page.h"
#include "da-format.h"
#include "da-list-footer.h"
#include "da-loop-probe.h"
#include "da-members-page.h"
#include "da-pages.h"
#include "da-state-view.h"
#include "da-test-ui.h"

#define N_MEMBERS      50000
#define N_EVENTS       100000
#define PROBE_INTERVAL 2
/* A generous bound on a whole load (× da_test_wait_scale ()), so a wedged run fails instead of
 * hanging. */
#define LOAD_TIMEOUT_S 600

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  GtkWidget    *page;
  GtkWindow    *window;
  GtkBox       *holder;
  DaLoopProbe  *probe;
} Fixture;

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->probe, da_loop_probe_free);
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  g_clear_object (&f->context);
  if (f->server != NULL)
    da_mock_server_stop (f->server);
  g_clear_object (&f->server);
}

static void
start_server (Fixture *f,
              guint    members,
              guint    events)
{
  DaMockOptions options;
  gint64 start = g_get_monotonic_time ();

  da_mock_options_init (&options);
  options.members = members;
  options.audit_events = events;
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);
  g_test_message ("Seeded %u members and %u audit events in %.1f s", members, events,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  f->context = da_test_context_new (f->server, NULL);
}

/* The app's sidebar, as far as the display is concerned: each page's icon and title. */
static GtkWidget *
sidebar_new (void)
{
  GtkWidget *list = gtk_list_box_new ();
  const DaPageEntry *pages;
  guint n_pages;

  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_widget_set_size_request (list, 220, -1);
  pages = da_pages_get_all (&n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

      gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name (pages[i].icon_name));
      gtk_box_append (GTK_BOX (row), gtk_label_new (pages[i].title));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return list;
}

/* A window on screen with a sidebar, and room for a page beside it. */
static void
show_window (Fixture *f)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  f->holder = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_hexpand (GTK_WIDGET (f->holder), TRUE);
  gtk_box_append (GTK_BOX (box), sidebar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->holder));
  f->window = da_test_window_new (box, 1280, 800);
  /* Its first frames drawn. */
  da_test_spin (200);
}

/* Shows @page in the window, with the probe on from then on; returns when that began. */
static gint64
show_page (Fixture   *f,
           GtkWidget *page)
{
  f->page = page;
  gtk_widget_set_vexpand (page, TRUE);
  f->probe = da_loop_probe_new (PROBE_INTERVAL);
  gtk_box_append (f->holder, page);

  return g_get_monotonic_time ();
}

/* Prints the figures, and checks them against DA_RESPONSIVENESS_MAX_MS when it is set. */
static void
report (Fixture    *f,
        const char *what,
        guint       n_items,
        gint64      started)
{
  double seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  double block_ms = da_loop_probe_get_max_block_us (f->probe) / 1000.0;
  double busy_ms = da_loop_probe_get_max_busy_us (f->probe) / 1000.0;
  guint ticks = da_loop_probe_get_ticks (f->probe);
  const char *limit = g_getenv ("DA_RESPONSIVENESS_MAX_MS");

  g_test_message ("Responsiveness: %s: %u loaded in %.1f s; the main loop was blocked %.1f ms at "
                  "most, and worked %.1f ms at most between two probe ticks (%u ticks)", what,
                  n_items, seconds, block_ms, busy_ms, ticks);

  /* Deterministic: the loop turned all along. */
  g_assert_cmpuint (ticks, >, 0);

  if (limit != NULL && *limit != '\0')
    {
      double max_ms = g_ascii_strtod (limit, NULL);

      if (block_ms > max_ms)
        g_test_fail_printf ("%s: the main loop was blocked %.1f ms, more than %.0f ms", what,
                            block_ms, max_ms);
    }
}

/* ---- Members ------------------------------------------------------------------------------ */

static guint
api_member_total (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_members (da_context_get_client (f->context), NULL);
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  gint64 total;

  da_pager_load_next_async (pager, NULL, da_test_async_cb, &async);
  g_assert_true (da_pager_load_next_finish (pager, da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);
  total = da_pager_get_total (pager);
  g_assert_cmpint (total, >, 0);
  return (guint) total;
}

/* Cheap: checked between two iterations of the loop, where its time counts as the loop's. */
static gboolean
members_loaded (Fixture     *f,
                DaStateView *state)
{
  GListModel *loaded = da_members_page_get_loaded_model (DA_MEMBERS_PAGE (f->page));

  return !da_page_get_busy (DA_PAGE (f->page)) &&
         da_state_view_get_state (state) == DA_STATE_VIEW_CONTENT &&
         g_list_model_get_n_items (loaded) >= N_MEMBERS;
}

static void
test_members (Fixture       *f,
              gconstpointer  data)
{
  gboolean sorted = GPOINTER_TO_INT (data);
  GtkColumnView *column_view;
  GtkWidget *page;
  GListModel *loaded;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  DaStateView *state;
  gint64 started, deadline;
  guint requests;

  start_server (f, N_MEMBERS, 100);
  g_assert_cmpuint (api_member_total (f), ==, N_MEMBERS);
  da_mock_server_reset_counts (f->server);

  show_window (f);
  page = da_members_page_new (f->context);
  column_view = GTK_COLUMN_VIEW (da_test_find_widget (page, GTK_TYPE_COLUMN_VIEW, NULL));
  if (sorted)
    {
      /* The first column, Name, as a click on its header sorts it. */
      g_autoptr(GtkColumnViewColumn) name_column =
        g_list_model_get_item (gtk_column_view_get_columns (column_view), 0);

      gtk_column_view_sort_by_column (column_view, name_column, GTK_SORT_ASCENDING);
    }
  started = show_page (f, page);

  deadline = g_get_monotonic_time () +
             (gint64) LOAD_TIMEOUT_S * da_test_wait_scale () * G_USEC_PER_SEC;
  state = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  while (!members_loaded (f, state))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The members did not load");
      g_main_context_iteration (NULL, TRUE);
    }
  report (f, sorted ? "Members page, sorted by name" : "Members page", N_MEMBERS, started);

  /* Sorted to the end once the page is no longer busy. */
  if (sorted)
    {
      GListModel *visible = da_members_page_get_visible_model (DA_MEMBERS_PAGE (f->page));
      GtkSorter *sorter = gtk_column_view_get_sorter (column_view);

      g_assert_cmpuint (g_list_model_get_n_items (visible), ==, N_MEMBERS);
      for (guint i = 1; i < N_MEMBERS; i++)
        {
          g_autoptr(DaMember) before = g_list_model_get_item (visible, i - 1);
          g_autoptr(DaMember) after = g_list_model_get_item (visible, i);

          if (gtk_sorter_compare (sorter, before, after) == GTK_ORDERING_LARGER)
            g_error ("Rows %u and %u are out of order: %s, %s", i - 1, i,
                     da_member_get_name (before), da_member_get_name (after));
        }
    }

  /* Every member once, in as many requests as pages. */
  loaded = da_members_page_get_loaded_model (DA_MEMBERS_PAGE (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (loaded), ==, N_MEMBERS);
  for (guint i = 0; i < N_MEMBERS; i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (loaded, i);

      g_assert_true (g_hash_table_add (ids, (gpointer) da_member_get_user_id (member)));
    }
  requests = da_mock_server_count_requests (f->server, "GET", "/members");
  g_test_message ("%u requests for the members", requests);
  g_assert_cmpuint (requests, >, 0);
  g_assert_cmpuint (requests, <=, N_MEMBERS / 100 + 1);
  {
    GtkWidget *count = da_test_find_widget (f->page, GTK_TYPE_LABEL, "members-count");
    g_autofree char *number = da_format_count (N_MEMBERS);
    g_autofree char *expected = g_strdup_printf ("%s members", number);

    g_assert_nonnull (count);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, expected);
  }
}

/* ---- Audit log ---------------------------------------------------------------------------- */

static GListModel *
audit_rows (Fixture *f)
{
  return G_LIST_MODEL (da_test_list_model (f->page));
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static void
test_audit_log (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GtkAdjustment *adjustment;
  DaListFooter *footer;
  GListModel *rows;
  GtkWidget *view;
  guint frames = 0;
  guint tick_id;
  gint64 started, deadline;

  start_server (f, 500, N_EVENTS);

  show_window (f);
  started = show_page (f, da_audit_log_page_new (f->context));
  view = da_test_find_widget (f->page, GTK_TYPE_COLUMN_VIEW, NULL);
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW)));
  tick_id = gtk_widget_add_tick_callback (view, count_frame_cb, &frames, NULL);

  /* A reader who keeps scrolling to the end: after each frame, the end again. */
  deadline = g_get_monotonic_time () +
             (gint64) LOAD_TIMEOUT_S * da_test_wait_scale () * G_USEC_PER_SEC;
  footer = DA_LIST_FOOTER (da_test_find_widget (f->page, DA_TYPE_LIST_FOOTER, NULL));
  while (!da_audit_log_page_get_complete (DA_AUDIT_LOG_PAGE (f->page)) ||
         da_page_get_busy (DA_PAGE (f->page)))
    {
      guint seen = frames;

      if (g_get_monotonic_time () > deadline)
        g_error ("The audit log did not load to its end");
      g_assert_cmpint (da_list_footer_get_state (footer), !=, DA_LIST_FOOTER_ERROR);
      while (frames == seen && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
  gtk_widget_remove_tick_callback (view, tick_id);
  report (f, "Audit Log page", N_EVENTS, started);

  /* Every event once. */
  rows = audit_rows (f);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_EVENTS);
  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (rows, i);

      g_assert_true (g_hash_table_add (ids, (gpointer) da_audit_event_get_audit_log_id (event)));
    }
  g_test_message ("%u requests for the audit log",
                  da_mock_server_count_requests (f->server, "GET", "/audit-logs"));
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

  g_test_add ("/responsiveness/members", Fixture, GINT_TO_POINTER (FALSE), NULL, test_members,
              fixture_tear_down);
  g_test_add ("/responsiveness/members-sorted", Fixture, GINT_TO_POINTER (TRUE), NULL,
              test_members, fixture_tear_down);
  g_test_add ("/responsiveness/audit-log", Fixture, NULL, NULL, test_audit_log,
              fixture_tear_down);

  return g_test_run ();
}

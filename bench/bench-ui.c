/* bench-ui.c: typing in the Members page's search, and scrolling through the Audit Log
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-ui typing [--runs N]
 *   bench-ui rows
 *
 * Needs a display (build-aux/run-benchmarks.sh gives it one). The local server runs in the
 * process, as in the UI tests; the pages are built with a context pointing at it, in a window
 * of 1280 × 800.
 *
 * typing: the Members page with 50,000 members, all loaded. A query is typed a key at a time,
 * then taken back; each key is timed from setting the entry's text until the filtered list has
 * settled and a frame has been drawn after it. Prints one line per key:
 *
 *   key "<query>" rows=N ms=T
 *
 * rows: the Audit Log with 100,000 events, scrolled through from top to bottom a screenful at
 * a time (older pages load on the way), then back up. The rows' widgets are counted as the
 * cells of the first column the factory sets up; the rows visible are those whose cells meet the
 * scrolled window. Prints:
 *
 *   rows loaded=N created=C visible=V
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>

#include "da-audit-log-page.h"
#include "da-members-page.h"
#include "da-mock-server.h"
#include "da-row-viewport.h"

/* Between two keys in search: 8 keys a second. */
#define KEY_INTERVAL_MS 125

/* Screenfuls scrolled a step through the audit log. */
#define SCROLL_STEP 7

#define WIDTH 1280
#define HEIGHT 800

/* ---- Helpers ----------------------------------------------------------------------------- */

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_UNTIL(expr, seconds) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC; \
    while (!(expr)) \
      { \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("Timed out waiting for %s", #expr); \
        g_main_context_iteration (NULL, TRUE); \
      } \
  } G_STMT_END

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *name)
{
  if ((type == G_TYPE_NONE || g_type_is_a (G_OBJECT_TYPE (root), type)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static DaMockServer *
start_server (guint members,
              guint audit_events)
{
  g_autoptr(GError) error = NULL;
  DaMockOptions options;
  DaMockServer *server;

  da_mock_options_init (&options);
  options.members = members;
  options.audit_events = audit_events;
  server = da_mock_server_new (&options);
  da_mock_options_clear (&options);

  if (!da_mock_server_start (server, 0, &error))
    g_error ("%s", error->message);

  return server;
}

static DaContext *
context_new (DaMockServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DaClient) client = da_client_new (da_mock_server_get_base_url (server), NULL, &error);

  if (client == NULL)
    g_error ("%s", error->message);
  da_client_set_api_key (client, da_mock_server_get_admin_key (server));

  return da_context_new (client, NULL, FALSE);
}

static GtkWindow *
window_new (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, WIDTH, HEIGHT);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)) && gtk_widget_get_width (child) > 0,
              20);
  return window;
}

/* Frames drawn since start; waiting for the next one. */
typedef struct
{
  GdkFrameClock *clock;
  guint          painted;
  gint64         last_paint;
} Frames;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Frames        *frames)
{
  frames->painted++;
  frames->last_paint = g_get_monotonic_time ();
}

static void
frames_watch (Frames    *frames,
              GtkWindow *window)
{
  frames->clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (frames->clock, "after-paint", G_CALLBACK (on_after_paint_cb), frames);
}

static void
frames_unwatch (Frames *frames)
{
  g_signal_handlers_disconnect_by_data (frames->clock, frames);
}

/* Runs the main loop for @ms milliseconds. */
static void
spin_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
wait_for_frame (Frames *frames)
{
  guint seen = frames->painted;

  WAIT_UNTIL (frames->painted > seen, 10);
}

/* ---- Typing ------------------------------------------------------------------------------ */

static gboolean search_changed;

/* CPU time of the process, in µs */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      gpointer        user_data)
{
  search_changed = TRUE;
}

static GtkFilterListModel *
members_filter_model (GtkColumnView *view)
{
  GtkSelectionModel *selection = da_column_view_get_list_model (view);
  GListModel *model = G_LIST_MODEL (selection);

  /* Down the chain to the filter. */
  while (model != NULL && !GTK_IS_FILTER_LIST_MODEL (model))
    {
      if (GTK_IS_MULTI_SELECTION (model))
        model = gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model));
      else if (GTK_IS_SINGLE_SELECTION (model))
        model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
      else if (GTK_IS_SORT_LIST_MODEL (model))
        model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
      else
        model = NULL;
    }

  if (model == NULL)
    g_error ("The Members page has no GtkFilterListModel");

  return GTK_FILTER_LIST_MODEL (model);
}

static int
run_typing (guint runs)
{
  static const char keys[] = "maria g\b\b\b\b\b\b\b";
  g_autoptr(DaMockServer) server = start_server (50000, 600);
  g_autoptr(DaContext) context = context_new (server);
  GtkWidget *page = da_members_page_new (context);
  GtkWindow *window = window_new (page);
  GtkWidget *entry, *view;
  GtkFilterListModel *filter_model;
  Frames frames = { 0 };

  view = find_widget (page, GTK_TYPE_COLUMN_VIEW, NULL);
  entry = find_widget (page, GTK_TYPE_SEARCH_ENTRY, NULL);
  if (view == NULL || entry == NULL)
    g_error ("The Members page has no column view or search entry");
  filter_model = members_filter_model (GTK_COLUMN_VIEW (view));

  /* Everyone loaded, and the page at rest. */
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (filter_model)) == 50000, 120);
  if (g_getenv ("DA_BENCH_SORTED") != NULL)
    {
      /* Sorted by the first column, Name, as a click on its header does. */
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
      g_autoptr(GtkColumnViewColumn) name = g_list_model_get_item (columns, 0);

      /* The page sorts at once when it is not loading. */
      gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), name, GTK_SORT_ASCENDING);
      spin_for (1000);
    }
  frames_watch (&frames, window);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed_cb), NULL);
  gtk_widget_grab_focus (entry);
  wait_for_frame (&frames);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  /* Under callgrind (--collect-atstart=no), only the typing is counted. */
  CALLGRIND_TOGGLE_COLLECT;
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GString) query = g_string_new (NULL);

      for (guint i = 0; keys[i] != '\0'; i++)
        {
          gint64 start, cpu_start;
          guint seen;

          /* A person types a few keys a second: the frame clock is at rest when the key
           * comes, as it would be (typing within its frame interval would add a wait for the
           * next frame to every key). */
          spin_for (KEY_INTERVAL_MS);

          search_changed = FALSE;
          seen = frames.painted;
          start = g_get_monotonic_time ();
          cpu_start = cpu_now ();
          /* What a key does: one character in at the end, or one out. */
          if (keys[i] == '\b')
            {
              g_string_truncate (query, query->len - 1);
              gtk_editable_delete_text (GTK_EDITABLE (entry), (int) query->len, -1);
            }
          else
            {
              int position = (int) query->len;

              g_string_append_c (query, keys[i]);
              gtk_editable_insert_text (GTK_EDITABLE (entry), &keys[i], 1, &position);
            }
          WAIT_UNTIL (search_changed && gtk_filter_list_model_get_pending (filter_model) == 0,
                      20);
          /* A frame drawn after the list settled. */
          seen = frames.painted;
          WAIT_UNTIL (frames.painted > seen, 10);

          if (g_getenv ("DA_BENCH_DEBUG"))
            fprintf (stderr, "cpu %.1f ms\n", (cpu_now () - cpu_start) / 1000.0);
          printf ("key \"%s\" rows=%u ms=%.3f\n", query->str,
                  g_list_model_get_n_items (G_LIST_MODEL (filter_model)),
                  (frames.last_paint - start) / 1000.0);
          fflush (stdout);
        }
    }

  CALLGRIND_TOGGLE_COLLECT;
  frames_unwatch (&frames);
  gtk_window_destroy (window);
  return 0;
}

/* ---- Rows -------------------------------------------------------------------------------- */

typedef struct
{
  guint       created;
  GHashTable *bound;    /* GtkListItem → TRUE, of the first column */
} RowCount;

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RowCount                 *count)
{
  count->created++;
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            RowCount                 *count)
{
  g_hash_table_add (count->bound, item);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RowCount                 *count)
{
  g_hash_table_remove (count->bound, item);
}

static void
on_teardown_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RowCount                 *count)
{
  g_hash_table_remove (count->bound, item);
}

/* Rows whose cell of the first column meets the scrolled window. */
static guint
count_visible (RowCount  *count,
               GtkWidget *scrolled)
{
  GHashTableIter iter;
  gpointer item;
  guint visible = 0;
  int height = gtk_widget_get_height (scrolled);

  g_hash_table_iter_init (&iter, count->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      GtkWidget *child = gtk_list_item_get_child (GTK_LIST_ITEM (item));
      graphene_rect_t bounds;

      if (child == NULL || !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, scrolled, &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height)
        visible++;
    }

  return visible;
}

static int
run_rows (void)
{
  g_autoptr(DaMockServer) server = start_server (120, 100000);
  g_autoptr(DaContext) context = context_new (server);
  GtkWidget *page = da_audit_log_page_new (context);
  GtkWindow *window;
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) first = NULL;
  GtkListItemFactory *factory;
  GtkWidget *view, *scrolled;
  GtkAdjustment *adjustment;
  RowCount count = { 0 };
  Frames frames = { 0 };
  guint visible = 0;

  view = find_widget (page, GTK_TYPE_COLUMN_VIEW, NULL);
  if (view == NULL)
    g_error ("The Audit Log page has no column view");
  scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* Counting from the start: the rows of the first page too, so before the window is shown. */
  count.bound = g_hash_table_new (NULL, NULL);
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  first = g_list_model_get_item (columns, 0);
  factory = gtk_column_view_column_get_factory (first);
  if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory))
    g_error ("The Audit Log's first column has no GtkSignalListItemFactory");
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), &count);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), &count);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), &count);
  g_signal_connect (factory, "teardown", G_CALLBACK (on_teardown_cb), &count);

  /* Shown once counting: the first page's rows can be bound before the window's first frame. */
  window = window_new (page);
  frames_watch (&frames, window);
  WAIT_UNTIL (g_hash_table_size (count.bound) > 0, 300);
  wait_for_frame (&frames);

  /* Down a screenful at a time; older pages load near the end. */
  for (;;)
    {
      double value = gtk_adjustment_get_value (adjustment);
      double screen = gtk_adjustment_get_page_size (adjustment);
      double end = gtk_adjustment_get_upper (adjustment) - screen;

      if (value >= end)
        {
          /* At the end: either everything is there, or the next page is on its way. */
          if (da_audit_log_page_get_complete (DA_AUDIT_LOG_PAGE (page)))
            break;
          g_main_context_iteration (NULL, TRUE);
          continue;
        }

      /* Several screenfuls a step: scrolled through in a few hundred frames. */
      gtk_adjustment_set_value (adjustment,
                                MIN (end, value + SCROLL_STEP * screen));
      wait_for_frame (&frames);
      visible = MAX (visible, count_visible (&count, scrolled));
    }

  /* And back up, with everything loaded. */
  while (gtk_adjustment_get_value (adjustment) > 0)
    {
      gtk_adjustment_set_value (adjustment,
                                MAX (0, gtk_adjustment_get_value (adjustment) -
                                        SCROLL_STEP * gtk_adjustment_get_page_size (adjustment)));
      wait_for_frame (&frames);
      visible = MAX (visible, count_visible (&count, scrolled));
    }

  printf ("rows loaded=%u created=%u visible=%u\n",
          g_list_model_get_n_items (G_LIST_MODEL (
            da_column_view_get_list_model (GTK_COLUMN_VIEW (view)))),
          count.created, visible);
  fflush (stdout);

  frames_unwatch (&frames);
  gtk_window_destroy (window);
  g_hash_table_unref (count.bound);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 3;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s typing [--runs N] | rows\n", argv[0]);
      return 2;
    }
  if (argc >= 4 && g_str_equal (argv[2], "--runs"))
    runs = (guint) MAX (1, atoi (argv[3]));

  gtk_init ();
  adw_init ();
  /* What AdwApplication does for the app: its style sheet and icons from the resources. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      RESOURCE_BASE_PATH "/icons");
  }
  g_timeout_add (50, wake_up_cb, NULL);

  if (g_str_equal (argv[1], "typing"))
    return run_typing (runs);
  if (g_str_equal (argv[1], "rows"))
    return run_rows ();

  fprintf (stderr, "usage: %s typing [--runs N] | rows\n", argv[0]);
  return 2;
}

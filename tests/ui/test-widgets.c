/* test-widgets.c: DaPage's shared behaviour, DaStateView and DaFigure
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-avatar.h"
#include "da-figure.h"
#include "da-fixed-width.h"
#include "da-page.h"
#include "da-preferences-window.h"
#include "da-row-viewport.h"
#include "da-list-footer.h"
#include "da-state-view.h"
#include "da-test-ui.h"

/* ---- a bar that counts how often it is measured ------------------------------------------- */

#define TEST_TYPE_COUNTED_BAR (test_counted_bar_get_type ())
G_DECLARE_FINAL_TYPE (TestCountedBar, test_counted_bar, TEST, COUNTED_BAR, GtkWidget)

struct _TestCountedBar
{
  GtkWidget parent_instance;
  guint     n_measured;
};

G_DEFINE_FINAL_TYPE (TestCountedBar, test_counted_bar, GTK_TYPE_WIDGET)

static void
test_counted_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  TEST_COUNTED_BAR (widget)->n_measured++;
  *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? 40 : 100;
}

static void
test_counted_bar_class_init (TestCountedBarClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = test_counted_bar_measure;
}

static void
test_counted_bar_init (TestCountedBar *self)
{
}

/* ---- a page of the tests' own, to see what the interface gives every page --------------- */

#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, GtkWidget)

struct _TestPage
{
  GtkWidget parent_instance;
  guint     n_refresh;
  guint     n_search;
};

static void test_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPage, test_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE, test_page_iface_init))

enum {
  PROP_0,
  N_PROPS
};

static void
test_page_refresh (DaPage *page)
{
  TEST_PAGE (page)->n_refresh++;
}

static void
test_page_focus_search (DaPage *page)
{
  TEST_PAGE (page)->n_search++;
}

static void
test_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = test_page_refresh;
  iface->focus_search = test_page_focus_search;
}

static void
test_page_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
test_page_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
test_page_class_init (TestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_page_get_property;
  object_class->set_property = test_page_set_property;
  g_assert_cmpuint (da_page_install_properties (object_class, N_PROPS), ==, DA_PAGE_N_PROPS);
}

static void
test_page_init (TestPage *self)
{
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_page_properties (void)
{
  g_autoptr(DaMockServer) server = da_test_server_new (NULL);
  g_autoptr(DaContext) context = da_test_context_new (server, NULL);
  DaPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, "context", context, NULL));
  g_autoptr(GError) error = g_error_new_literal (DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER, "Oops");
  g_autoptr(DaContext) read_context = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *title = NULL;
  guint busy_notes = 0;
  gboolean busy;

  g_assert_true (da_page_get_context (page) == context);
  g_object_get (page, "context", &read_context, NULL);
  g_assert_true (read_context == context);

  da_page_set_title (page, "Tests");
  da_page_set_icon_name (page, "face-smile-symbolic");
  g_object_get (page, "title", &title, "busy", &busy, NULL);
  g_assert_cmpstr (title, ==, "Tests");
  g_assert_false (busy);
  g_assert_cmpstr (da_page_get_icon_name (page), ==, "face-smile-symbolic");

  /* Notified once per change. */
  g_signal_connect (page, "notify::busy", G_CALLBACK (count_notify_cb), &busy_notes);
  da_page_set_busy (page, TRUE);
  da_page_set_busy (page, TRUE);
  da_page_set_busy (page, FALSE);
  g_assert_cmpuint (busy_notes, ==, 2);

  da_page_set_error (page, error);
  g_object_get (page, "error", &read_error, NULL);
  g_assert_error (read_error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  da_page_set_error (page, NULL);
  g_assert_null (da_page_get_error (page));

  /* Optional actions run only when the page says they can. */
  da_page_focus_search (page);
  g_assert_cmpuint (TEST_PAGE (page)->n_search, ==, 0);
  da_page_set_can_search (page, TRUE);
  da_page_focus_search (page);
  g_assert_cmpuint (TEST_PAGE (page)->n_search, ==, 1);
  /* Missing ones do nothing. */
  da_page_set_can_new (page, TRUE);
  da_page_activate_new (page);
  da_page_set_can_export (page, TRUE);
  da_page_export (page);

  g_assert_finalize_object (page);
}

/* The one error mapping, case by case. */
static void
on_toast_cb (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GPtrArray *toasts = user_data;

  g_ptr_array_add (toasts, g_variant_dup_string (param, NULL));
}

static void
test_page_error_mapping (void)
{
  g_autoptr(DaMockServer) server = da_test_server_new (NULL);
  g_autoptr(DaContext) context = da_test_context_new (server, NULL);
  GtkWidget *page = g_object_new (TEST_TYPE_PAGE, "context", context, NULL);
  GtkWindow *window = da_test_window_new (page, 300, 200);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show_toast = g_simple_action_new ("show-toast", G_VARIANT_TYPE_STRING);
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_free);
  struct {
    GQuark             domain;
    int                code;
    DaPageErrorResult  result;
    gboolean           error_kept;
    guint              refreshes;
  } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, DA_PAGE_ERROR_IGNORED, FALSE, 0 },
    { DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED, DA_PAGE_ERROR_ELSEWHERE, FALSE, 0 },
    { DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND, DA_PAGE_ERROR_TOAST, FALSE, 1 },
    { DA_CLIENT_ERROR, DA_CLIENT_ERROR_FORBIDDEN, DA_PAGE_ERROR_IN_PAGE, TRUE, 0 },
    { DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER, DA_PAGE_ERROR_IN_PAGE, TRUE, 0 },
    { DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK, DA_PAGE_ERROR_IN_PAGE, TRUE, 0 },
    { DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE, DA_PAGE_ERROR_IN_PAGE, TRUE, 0 },
    { DA_CLIENT_ERROR, DA_CLIENT_ERROR_RATE_LIMITED, DA_PAGE_ERROR_IN_PAGE, TRUE, 0 },
  };

  /* A window's win.show-toast, as DaWindow has. */
  g_signal_connect (show_toast, "activate", G_CALLBACK (on_toast_cb), toasts);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_toast));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (group));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new (cases[i].domain, cases[i].code, "Case %u", i);
      guint refreshes = TEST_PAGE (page)->n_refresh;
      guint n_toasts = toasts->len;

      da_page_set_error (DA_PAGE (page), NULL);
      g_assert_cmpint (da_page_handle_error (DA_PAGE (page), error), ==, cases[i].result);
      g_assert_cmpint (da_page_get_error (DA_PAGE (page)) != NULL, ==, cases[i].error_kept);
      g_assert_cmpuint (TEST_PAGE (page)->n_refresh - refreshes, ==, cases[i].refreshes);
      if (cases[i].result == DA_PAGE_ERROR_TOAST)
        {
          g_assert_cmpuint (toasts->len, ==, n_toasts + 1);
          g_assert_cmpstr (g_ptr_array_index (toasts, n_toasts), ==, error->message);
        }
      else
        g_assert_cmpuint (toasts->len, ==, n_toasts);
    }

  /* A 404 met again by the refresh it caused shows in the page instead of refreshing again. */
  {
    g_autoptr(GError) error = g_error_new (DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND, "Gone");
    guint refreshes;

    da_page_set_error (DA_PAGE (page), NULL);
    g_assert_cmpint (da_page_handle_error (DA_PAGE (page), error), ==, DA_PAGE_ERROR_TOAST);
    refreshes = TEST_PAGE (page)->n_refresh;
    g_assert_cmpint (da_page_handle_error (DA_PAGE (page), error), ==, DA_PAGE_ERROR_IN_PAGE);
    g_assert_cmpuint (TEST_PAGE (page)->n_refresh, ==, refreshes);
    /* After a good load, a 404 refreshes again. */
    da_page_set_error (DA_PAGE (page), NULL);
    g_assert_cmpint (da_page_handle_error (DA_PAGE (page), error), ==, DA_PAGE_ERROR_TOAST);
  }

  gtk_window_destroy (window);
}

/* ---- DaStateView ----------------------------------------------------------------------- */

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_state_view (void)
{
  DaStateView *view = DA_STATE_VIEW (da_state_view_new ());
  GtkWidget *content = gtk_label_new ("The content");
  GtkWindow *window;
  g_autoptr(GError) server = g_error_new_literal (DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER,
                                                  "The server had a problem (503).");
  g_autoptr(GError) network = g_error_new_literal (DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK,
                                                   "Could not reach api.devin.ai.");
  g_autoptr(GError) forbidden = g_error_new_literal (DA_CLIENT_ERROR, DA_CLIENT_ERROR_FORBIDDEN,
                                                     "This needs an Enterprise Admin key.");
  guint retries = 0;
  GtkWidget *status;

  da_state_view_set_content (view, content);
  g_assert_true (da_state_view_get_content (view) == content);
  da_state_view_set_empty_title (view, "No Members");
  da_state_view_set_empty_description (view, "Invite someone to start.");
  da_state_view_set_empty_icon_name (view, "system-users-symbolic");
  g_signal_connect (view, "retry", G_CALLBACK (count_cb), &retries);
  window = da_test_window_new (GTK_WIDGET (view), 600, 500);

  /* A spinner in place first. */
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_LOADING);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (da_test_find_widget (GTK_WIDGET (view),
                                                                             GTK_TYPE_SPINNER,
                                                                             NULL))));
  g_assert_false (gtk_widget_is_drawable (content));
  da_test_screenshot (GTK_WIDGET (window), "loading");

  da_state_view_show_content (view);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_CONTENT);
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (content));

  /* The status pages are made when first needed: a view that only loaded and showed its
   * content has none to style, lay out or load icons for. */
  {
    g_autoptr(GPtrArray) pages = da_test_find_all (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE);

    g_assert_cmpuint (pages->len, ==, 0);
  }

  da_state_view_show_empty (view);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_EMPTY);
  status = da_test_find_by_text (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE, "No Members");
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==,
                   "Invite someone to start.");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (status));
  da_test_screenshot (GTK_WIDGET (window), "empty");

  /* Errors: a title from the class, the message, and Retry. */
  da_state_view_show_error (view, server);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_ERROR);
  status = da_test_find_by_text (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE,
                                 "The Server Had a Problem");
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==,
                   server->message);
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status)), ==,
                   "dialog-warning-symbolic");

  da_state_view_show_error (view, network);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "Could Not Reach the Server");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status)), ==,
                   "network-offline-symbolic");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (status));
  da_test_click (da_test_find_by_text (status, GTK_TYPE_BUTTON, "Retry"));
  g_assert_cmpuint (retries, ==, 1);
  da_test_screenshot (GTK_WIDGET (window), "offline");

  /* A 403 is a notice of its own. */
  da_state_view_show_error (view, forbidden);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_FORBIDDEN);
  status = da_test_find_by_text (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE,
                                 "Enterprise Admin Key Needed");
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==,
                   forbidden->message);
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (status));
  da_test_click (da_test_find_by_text (status, GTK_TYPE_BUTTON, "Retry"));
  g_assert_cmpuint (retries, ==, 2);

  /* Each made once, whatever came first; what the empty page says changes on it once made. */
  da_state_view_show_empty (view);
  da_state_view_set_empty_title (view, "No Members Yet");
  g_assert_nonnull (da_test_find_by_text (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE,
                                          "No Members Yet"));
  da_state_view_show_error (view, server);
  {
    g_autoptr(GPtrArray) pages = da_test_find_all (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE);

    g_assert_cmpuint (pages->len, ==, 3);
  }

  gtk_window_destroy (window);

  /* Nothing said about the empty state: a title and an icon of its own. */
  view = DA_STATE_VIEW (da_state_view_new ());
  window = da_test_window_new (GTK_WIDGET (view), 600, 500);
  da_state_view_show_empty (view);
  status = da_test_find_by_text (GTK_WIDGET (view), ADW_TYPE_STATUS_PAGE, "Nothing Here");
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status)), ==,
                   "edit-find-symbolic");
  gtk_window_destroy (window);
}

static void
count_frames_cb (GdkFrameClock *clock,
                 guint         *frames)
{
  (*frames)++;
}

/* The view taken out of its window and put back: mapped anew, in a window on screen. */
static void
reopen (GtkBox      *box,
        DaStateView *view)
{
  g_object_ref (view);
  gtk_box_remove (box, GTK_WIDGET (view));
  gtk_box_append (box, GTK_WIDGET (view));
  g_object_unref (view);
}

/* Content that comes before the first frame of a view opened in a window already on screen
 * waits for that frame, which shows "Loading"; once drawn, the view shows content at once. */
static void
test_state_view_first_frame (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window = da_test_window_new (box, 600, 500);
  DaStateView *view = DA_STATE_VIEW (da_state_view_new ());
  GtkWidget *content = gtk_label_new ("The content");
  GtkWidget *spinner = da_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SPINNER, NULL);
  GdkFrameClock *clock;
  guint frames = 0;
  gulong handler;

  da_test_spin (200);
  da_state_view_set_content (view, content);
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (view));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frames_cb), &frames);

  /* The answer came before the view's first frame: that frame shows "Loading"... */
  da_state_view_show_content (view);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_LOADING);
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_false (gtk_widget_get_mapped (content));

  /* ...and the content the next one, without a fade. */
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (view) == DA_STATE_VIEW_CONTENT);
  g_assert_cmpuint (frames, >=, 1);
  g_assert_true (gtk_widget_get_mapped (content));
  g_assert_false (gtk_widget_get_mapped (spinner));

  /* Drawn once, a reload that answers before its "Loading" was drawn shows the content at once,
   * with no spinner flashing for a frame. */
  da_state_view_show_loading (view);
  da_state_view_show_content (view);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_CONTENT);

  /* A view opened again waits again; one hidden while it waits shows the content at once. */
  reopen (GTK_BOX (box), view);
  da_state_view_show_loading (view);
  da_state_view_show_content (view);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_LOADING);
  gtk_widget_set_visible (GTK_WIDGET (view), FALSE);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_CONTENT);

  /* And another state asked for while the content waits replaces it. */
  gtk_widget_set_visible (GTK_WIDGET (view), TRUE);
  reopen (GTK_BOX (box), view);
  da_state_view_show_loading (view);
  da_state_view_show_content (view);
  da_state_view_show_empty (view);
  da_test_spin (100);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_EMPTY);

  /* A view that no frame draws (here: transparent, which GTK does not draw) shows the content
   * after a while all the same. */
  {
    gint64 start;

    gtk_widget_set_opacity (GTK_WIDGET (view), 0);
    reopen (GTK_BOX (box), view);
    da_state_view_show_loading (view);
    start = g_get_monotonic_time ();
    da_state_view_show_content (view);
    g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_LOADING);
    DA_TEST_WAIT_UNTIL (da_state_view_get_state (view) == DA_STATE_VIEW_CONTENT);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  }

  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (window);
}

/* A reload of the content on screen that fails: the content stays, the error and Retry above
 * it; retrying keeps it shown until the answer comes. */
static void
test_state_view_keeps_content (void)
{
  DaStateView *view = DA_STATE_VIEW (da_state_view_new ());
  GtkWidget *content = gtk_label_new ("The content");
  GtkWindow *window;
  g_autoptr(GError) server = g_error_new_literal (DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER,
                                                  "The server had a problem (500).");
  g_autoptr(GError) forbidden = g_error_new_literal (DA_CLIENT_ERROR, DA_CLIENT_ERROR_FORBIDDEN,
                                                     "This needs an Enterprise Admin key.");
  guint retries = 0;
  GtkWidget *bar;

  da_state_view_set_content (view, content);
  g_signal_connect (view, "retry", G_CALLBACK (count_cb), &retries);
  window = da_test_window_new (GTK_WIDGET (view), 600, 500);

  /* A first load that fails has nothing to keep: the status page. */
  da_state_view_show_error (view, server);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_ERROR);
  g_assert_null (da_test_find_widget (GTK_WIDGET (view), DA_TYPE_LIST_FOOTER, NULL));

  /* Loaded, then a reload fails: the content stays, with why and Retry above it. */
  da_state_view_show_loading (view);
  da_state_view_show_content (view);
  da_state_view_show_error (view, server);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_CONTENT);
  bar = da_test_find_widget (GTK_WIDGET (view), DA_TYPE_LIST_FOOTER, "state-view-stale");
  g_assert_nonnull (bar);
  g_assert_cmpint (da_list_footer_get_state (DA_LIST_FOOTER (bar)), ==, DA_LIST_FOOTER_ERROR);
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (content) && gtk_widget_is_drawable (bar));
  g_assert_true (da_test_has_label (bar, "The server had a problem (500)."));
  da_test_screenshot (GTK_WIDGET (window), "stale");
  da_test_click (da_test_find_widget (bar, GTK_TYPE_BUTTON, "list-footer-retry"));
  g_assert_cmpuint (retries, ==, 1);

  /* Retrying: still shown, the bar gone until the answer. */
  da_state_view_show_loading (view);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_CONTENT);
  g_assert_false (gtk_widget_get_visible (bar));
  g_assert_true (gtk_widget_is_drawable (content));

  /* A 403 on a reload says so above the content too; a success takes the bar away. */
  da_state_view_show_error (view, forbidden);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_CONTENT);
  g_assert_true (da_test_has_label (bar, "Enterprise Admin Key Needed"));
  da_state_view_show_content (view);
  g_assert_false (gtk_widget_get_visible (bar));

  /* Without the bar up, loading is the spinner again (another list is coming). */
  da_state_view_show_loading (view);
  g_assert_cmpint (da_state_view_get_state (view), ==, DA_STATE_VIEW_LOADING);

  gtk_window_destroy (window);
}

/* ---- DaFigure -------------------------------------------------------------------------- */

static void
test_figure (void)
{
  DaFigure *figure = DA_FIGURE (g_object_ref_sink (da_figure_new ()));
  GtkWidget *detail;
  GtkWidget *button;

  da_figure_set_caption (figure, "Members");
  da_figure_set_value (figure, "1,000");
  g_assert_cmpstr (da_figure_get_caption (figure), ==, "Members");
  g_assert_cmpstr (da_figure_get_value (figure), ==, "1,000");

  /* No detail, no empty line. */
  detail = NULL;
  da_figure_set_detail (figure, NULL);
  da_figure_set_detail (figure, "12 admins");
  detail = da_test_find_by_text (GTK_WIDGET (figure), GTK_TYPE_LABEL, "12 admins");
  g_assert_nonnull (detail);
  g_assert_true (gtk_widget_get_visible (detail));
  da_figure_set_detail (figure, NULL);
  g_assert_false (gtk_widget_get_visible (detail));

  /* A link needs both a page and "linked". */
  da_figure_set_linked (figure, TRUE);
  g_assert_null (da_test_find_widget (GTK_WIDGET (figure), GTK_TYPE_BUTTON, NULL));
  da_figure_set_page_id (figure, "members");
  button = da_test_find_widget (GTK_WIDGET (figure), GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.show-page");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)),
                                         NULL), ==, "members");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Open Members");
  /* The same widgets inside, moved into the button. */
  g_assert_nonnull (da_test_find_by_text (button, GTK_TYPE_LABEL, "1,000"));

  da_figure_set_page_id (figure, NULL);
  g_assert_null (da_test_find_widget (GTK_WIDGET (figure), GTK_TYPE_BUTTON, NULL));
  g_assert_nonnull (da_test_find_by_text (GTK_WIDGET (figure), GTK_TYPE_LABEL, "1,000"));

  g_assert_finalize_object (figure);
}

/* ---- Preferences ---------------------------------------------------------------------- */

static void
test_preferences_server (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(SoupSession) session = da_test_session_new ();
  GtkWidget *window;
  GtkWidget *row;
  GtkWidget *error_label;
  g_autofree char *url = NULL;

  g_settings_reset (settings, "server-url");
  window = da_preferences_window_new (settings, session);
  gtk_window_present (GTK_WINDOW (window));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window));

  row = da_test_find_widget (window, ADW_TYPE_ENTRY_ROW, "server-url-entry");
  error_label = da_test_find_widget (window, GTK_TYPE_LABEL, "server-url-error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "https://api.devin.ai/v2/enterprise");

  /* Plain http:// to another computer is refused, with the reason next to the field. */
  da_test_type (row, "http://proxy.example.com/v2/enterprise");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https://"));
  url = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (url, ==, "https://api.devin.ai/v2/enterprise");
  g_clear_pointer (&url, g_free);
  da_test_screenshot (window, "preferences-refused");

  /* Typing again hides the complaint; a good address is saved. */
  da_test_type (row, "https://proxy.example.com/v2/enterprise");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (row, "apply");
  url = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (url, ==, "https://proxy.example.com/v2/enterprise");
  g_clear_pointer (&url, g_free);

  /* Loopback may be plain http. */
  da_test_type (row, "http://127.0.0.1:8000/v2/enterprise");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_get_visible (error_label));
  url = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8000/v2/enterprise");
  g_clear_pointer (&url, g_free);

  /* Empty means the default again. */
  da_test_type (row, "");
  g_signal_emit_by_name (row, "apply");
  {
    g_autoptr(GVariant) user_value = g_settings_get_user_value (settings, "server-url");

    g_assert_null (user_value);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "https://api.devin.ai/v2/enterprise");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- DaRowViewport ---------------------------------------------------------------------- */

typedef struct
{
  guint n_bind;
  guint n_unbind;
} BindCount;

/* A cell of a fixed-width column asks for no width, so its text is not laid out to measure it,
 * but for its label's height, and its label fills it and ellipsizes at its width. */
static char *
color_class_of (GtkWidget *widget)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  for (guint i = 0; classes[i] != NULL; i++)
    if (g_str_has_prefix (classes[i], "color"))
      return g_strdup (classes[i]);
  return NULL;
}

static int
label_font_size (GtkLabel *label)
{
  PangoAttrList *attributes = gtk_label_get_attributes (label);
  g_autoptr(PangoAttrIterator) iter = NULL;
  PangoAttribute *size;

  if (attributes == NULL)
    return -1;
  iter = pango_attr_list_get_iterator (attributes);
  size = pango_attr_iterator_get (iter, PANGO_ATTR_ABSOLUTE_SIZE);
  return size != NULL ? ((PangoAttrInt *) size)->value : -1;
}

/* A DaAvatar shows the initials and colour an AdwAvatar shows for the same text, its initials
 * in one font size but for wide ones, where an AdwAvatar fits each to its disc. */
static void
test_avatar (void)
{
  static const char *texts[] = {
    "Noah Gómez", "María José García", "Robert \"Bobby\" Tables", "Zoë Łukasiewicz-Ørsted",
    "yui watanabe", "Kwame Kim", "Wanjiru Mwangi", "Ingrid", "  Ólafur  Arnalds  ",
    "ユイ ワタナベ",
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autoptr(GHashTable) adw_sizes = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) da_sizes = g_hash_table_new (NULL, NULL);
  GtkWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_box_append (GTK_BOX (row), adw_avatar_new (28, texts[i], TRUE));
      gtk_box_append (GTK_BOX (row), da_avatar_new (28));
      da_avatar_set_text (DA_AVATAR (gtk_widget_get_last_child (row)), texts[i]);
      gtk_box_append (GTK_BOX (box), row);
    }
  window = da_test_window_new (box, 200, 400);
  da_test_spin (100);

  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *adw = gtk_widget_get_first_child (row);
      DaAvatar *da = DA_AVATAR (gtk_widget_get_last_child (row));
      /* An AdwAvatar's insides (its label, the node with its colour class), looked into only
       * here, to check that a DaAvatar looks as an AdwAvatar would. */
      GtkLabel *adw_label = GTK_LABEL (da_test_find_widget (adw, GTK_TYPE_LABEL, NULL));
      GtkLabel *da_label = GTK_LABEL (da_test_find_widget (GTK_WIDGET (da), GTK_TYPE_LABEL,
                                                           NULL));
      g_autofree char *adw_color = color_class_of (gtk_widget_get_first_child (adw));
      g_autofree char *da_color = color_class_of (GTK_WIDGET (da));

      g_test_message ("%s: %s %s, AdwAvatar %s %s", da_avatar_get_text (da),
                      da_avatar_get_initials (da), da_color, gtk_label_get_label (adw_label),
                      adw_color);
      g_assert_nonnull (adw_color);
      g_assert_cmpstr (da_color, ==, adw_color);
      g_assert_cmpstr (da_avatar_get_initials (da), ==, gtk_label_get_label (adw_label));
      g_assert_cmpstr (gtk_label_get_label (da_label), ==, da_avatar_get_initials (da));

      /* A disc of its size, its initials in the middle. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (da)), ==, 28);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (da)), ==, 28);
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (da), da_color));
      g_assert_cmpstr (gtk_widget_get_css_name (GTK_WIDGET (da)), ==, "avatar");

      /* 0.36 of 28 pixels, whole pixels, smaller only for wide initials */
      g_assert_cmpint (label_font_size (da_label), <=, 10 * PANGO_SCALE);
      g_assert_cmpint (label_font_size (da_label) % PANGO_SCALE, ==, 0);
      if (label_font_size (da_label) < 10 * PANGO_SCALE)
        g_assert_cmpstr (da_avatar_get_initials (da), ==, "WM");
      g_hash_table_add (da_sizes, GINT_TO_POINTER (label_font_size (da_label)));
      g_hash_table_add (adw_sizes, GINT_TO_POINTER (label_font_size (adw_label)));
    }
  /* Why it exists: AdwAvatar's initials take many sizes, each a font to load. */
  g_test_message ("AdwAvatar used %u font sizes for %zu texts, DaAvatar %u",
                  g_hash_table_size (adw_sizes), G_N_ELEMENTS (texts),
                  g_hash_table_size (da_sizes));
  g_assert_cmpuint (g_hash_table_size (da_sizes), <=, 2);
  g_assert_cmpuint (g_hash_table_size (adw_sizes), >, g_hash_table_size (da_sizes));

  /* Another text, another colour class in place of the first; no text, no initials. */
  {
    DaAvatar *da = DA_AVATAR (da_avatar_new (28));
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    g_object_ref_sink (da);
    da_avatar_set_text (da, "Noah Gómez");
    first = color_class_of (GTK_WIDGET (da));
    da_avatar_set_text (da, "Ingrid");
    second = color_class_of (GTK_WIDGET (da));
    g_assert_cmpstr (first, !=, second);
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (da), first));
    da_avatar_set_text (da, NULL);
    g_assert_cmpstr (da_avatar_get_initials (da), ==, "");
    g_assert_null (color_class_of (GTK_WIDGET (da)));
    g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (da)), ==,
                     GTK_ACCESSIBLE_ROLE_PRESENTATION);
    g_object_unref (da);
  }

  da_test_screenshot (GTK_WIDGET (window), "avatars");
  gtk_window_destroy (window);
}

static void
test_fixed_width (void)
{
  GtkWidget *label = gtk_label_new ("A name far too long for the column it is shown in");
  GtkWidget *cell = da_fixed_width_new (label);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWindow *window;
  int min, nat, label_min, label_nat, height, label_height;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_assert_true (adw_bin_get_child (ADW_BIN (cell)) == label);
  g_assert_true (gtk_widget_get_parent (label) == cell);

  gtk_widget_set_size_request (cell, 120, -1);
  gtk_box_append (GTK_BOX (box), cell);
  window = da_test_window_new (box, 400, 100);
  da_test_spin (100);

  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &label_min, &label_nat, NULL, NULL);
  /* The size request of 120 px is all it asks for: nothing of the text's width. */
  g_assert_cmpint (min, ==, 120);
  g_assert_cmpint (nat, ==, 120);
  g_assert_cmpint (label_nat, >, 120);

  gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, 120, NULL, &height, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, 120, NULL, &label_height, NULL, NULL);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpint (height, ==, label_height);

  g_assert_cmpint (gtk_widget_get_width (label), ==, gtk_widget_get_width (cell));
  g_assert_cmpint (gtk_widget_get_height (label), ==, gtk_widget_get_height (cell));
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));

  gtk_window_destroy (window);

  /* What a list item shows, in a DaFixedWidth or not. */
  {
    g_autoptr(GtkListItem) item = g_object_new (GTK_TYPE_LIST_ITEM, NULL);
    GtkWidget *plain = gtk_label_new ("plain");
    GtkWidget *wrapped = gtk_label_new ("wrapped");

    gtk_list_item_set_child (item, plain);
    g_assert_true (da_fixed_width_get_item_content (item) == plain);
    gtk_list_item_set_child (item, da_fixed_width_new (wrapped));
    g_assert_true (da_fixed_width_get_item_content (item) == wrapped);
  }
}

static void
count_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                BindCount                *count)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
count_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               BindCount                *count)
{
  GtkStringObject *item = da_list_item_get_item (list_item);

  count->n_bind++;
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      gtk_string_object_get_string (item));
}

static void
count_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 BindCount                *count)
{
  count->n_unbind++;
}

static void
append_strings (GtkStringList *list,
                guint          from,
                guint          n)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = from; i < from + n; i++)
    g_ptr_array_add (strings, g_strdup_printf ("Row %u", i));
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (list, from, 0, (const char * const *) strings->pdata);
}

/* The row widget showing the model's position @selected, and only it, is drawn selected. */
static void
assert_row_selection (DaRowViewport *viewport,
                      guint          selected)
{
  GtkWidget *rows = gtk_widget_get_last_child (GTK_WIDGET (da_row_viewport_get_child (viewport)));
  guint n_selected = 0;
  guint row = 0;

  /* The column view's children: its header, then its list view; the list view's: the rows. */
  for (GtkWidget *child = gtk_widget_get_first_child (rows); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean is_selected;
      guint position;

      if (!gtk_widget_get_visible (child) || g_strcmp0 (gtk_widget_get_css_name (child), "row") != 0)
        continue;
      position = da_row_viewport_get_position (viewport, row++);
      is_selected = (gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_SELECTED) != 0;
      if (is_selected)
        n_selected++;
      g_assert_cmpint (is_selected, ==, position == selected);
    }
  g_assert_cmpuint (row, ==, da_row_viewport_get_n_rows (viewport));
  g_assert_cmpuint (n_selected, <=, 1);
}

/* A row viewport (put in @viewport) with a one-column view of strings whose setups, binds and
 * unbinds @count counts, in a scrolled window: returned, floating. Its model is the caller's. */
static GtkWidget *
counted_list_new (BindCount  *count,
                  GtkWidget **viewport)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnView *column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (count_setup_cb), count);
  g_signal_connect (factory, "bind", G_CALLBACK (count_bind_cb), count);
  g_signal_connect (factory, "unbind", G_CALLBACK (count_unbind_cb), count);
  gtk_column_view_append_column (column_view, gtk_column_view_column_new ("Name", factory));
  *viewport = da_row_viewport_new ();
  da_row_viewport_set_child (DA_ROW_VIEWPORT (*viewport), column_view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), *viewport);
  return scrolled;
}

/* The rows a list makes when its model comes before the window's first layout (the rows' height
 * known, the view's not yet), with a bar of @above pixels over the list; and, when
 * @rows_after_layout is given, the rows it has once the window is shown and laid out. */
static guint
rows_before_first_layout (int    window_height,
                          int    above,
                          guint *rows_after_layout)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  GtkSingleSelection *selection = gtk_single_selection_new (G_LIST_MODEL (list));
  BindCount count = { 0, };
  GtkWidget *viewport;
  GtkWidget *scrolled = counted_list_new (&count, &viewport);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  guint n_rows;

  gtk_widget_set_vexpand (scrolled, TRUE);
  if (above > 0)
    {
      GtkWidget *bar = gtk_label_new ("A bar over the list");

      gtk_widget_set_size_request (bar, -1, above);
      gtk_box_append (GTK_BOX (box), bar);
    }
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_window_set_default_size (window, 400, window_height);
  gtk_window_set_child (window, box);
  append_strings (list, 0, 200);

  da_row_viewport_set_model (DA_ROW_VIEWPORT (viewport), GTK_SELECTION_MODEL (selection));
  n_rows = da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport));
  g_assert_cmpuint (n_rows, >, 1);

  if (rows_after_layout != NULL)
    {
      gtk_window_present (window);
      DA_TEST_WAIT_UNTIL (gtk_widget_get_height (scrolled) > 0 && count.n_bind >= n_rows);
      da_test_spin (200);
      *rows_after_layout = da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport));
    }

  gtk_window_destroy (window);
  g_object_unref (selection);
  return n_rows;
}

/* Before the window's first layout, a list makes as many rows as the window will show, not as
 * many as a tall screen would, nor rows for the height of the bars above it: each row made is
 * laid out in the first frame. And none too few: once laid out, the list needs no more. */
static void
test_row_viewport_rows_before_layout (void)
{
  guint low = rows_before_first_layout (300, 0, NULL);
  guint high = rows_before_first_layout (900, 0, NULL);
  guint under_bar, after_layout;

  g_assert_cmpuint (low, <, high);
  g_assert_cmpuint (low * 3, >=, high - 3);

  /* A window of 900 with a bar of 450 over the list: the rows of a list 450 high. */
  under_bar = rows_before_first_layout (900, 450, &after_layout);
  g_test_message ("rows: %u in 300, %u in 900, %u under a bar of 450 (%u once laid out)",
                  low, high, under_bar, after_layout);
  g_assert_cmpuint (under_bar, <, high);
  g_assert_cmpuint (under_bar, <=, rows_before_first_layout (450, 0, NULL));
  g_assert_cmpuint (after_layout, ==, under_bar);
}

/* With no rows, or before a row tells their height, a list does not measure what surrounds it
 * to know how many rows it wants: a page makes its list before it is in a window, and the bars
 * measured then are measured again once they have the window's style. */
static void
test_row_viewport_empty_measures_nothing_around (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  GtkSingleSelection *selection = gtk_single_selection_new (G_LIST_MODEL (list));
  BindCount count = { 0, };
  GtkWidget *viewport;
  GtkWidget *scrolled = counted_list_new (&count, &viewport);
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  TestCountedBar *bar = g_object_new (TEST_TYPE_COUNTED_BAR, NULL);
  GtkWindow *window;

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bar));
  gtk_box_append (GTK_BOX (box), scrolled);

  /* An empty model: no rows, nothing measured. */
  da_row_viewport_set_model (DA_ROW_VIEWPORT (viewport), GTK_SELECTION_MODEL (selection));
  g_assert_cmpuint (da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport)), ==, 0);
  g_assert_cmpuint (bar->n_measured, ==, 0);

  /* In a window, with items: the first row tells their height, and the bar is measured to know
   * how many rows fit. */
  window = da_test_window_new (box, 400, 400);
  append_strings (list, 0, 100);
  DA_TEST_WAIT_UNTIL (da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport)) > 1 &&
                      count.n_bind >= da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport)));
  g_assert_cmpuint (bar->n_measured, >, 0);

  gtk_window_destroy (window);
  g_object_unref (box);
  g_object_unref (selection);
}

/* A list that grows below the view (a page of a long list arriving) binds none of the rows in
 * view again: each bind sets the row's labels, whose layout then runs again, and with a
 * 50,000-row list loading that was most of the time a page took on the main thread. */
static void
test_row_viewport_append_below (void)
{
  BindCount count = { 0, };
  GtkStringList *list = gtk_string_list_new (NULL);
  GtkSingleSelection *selection = gtk_single_selection_new (G_LIST_MODEL (list));
  GtkWidget *viewport;
  GtkWidget *scrolled = counted_list_new (&count, &viewport);
  GtkWindow *window;
  guint n_rows, binds_before, unbinds_before, first;

  da_row_viewport_set_model (DA_ROW_VIEWPORT (viewport), GTK_SELECTION_MODEL (selection));
  append_strings (list, 0, 200);

  window = da_test_window_new (scrolled, 400, 400);
  DA_TEST_WAIT_UNTIL (da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport)) > 5 &&
                      count.n_bind >= da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport)));
  da_test_spin (100);
  n_rows = da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport));
  g_assert_cmpuint (n_rows, <, 200);

  /* Pages arriving below the view: no row shows another item, so none is bound again. */
  binds_before = count.n_bind;
  unbinds_before = count.n_unbind;
  for (guint page = 1; page <= 5; page++)
    {
      append_strings (list, page * 200, 200);
      da_test_spin (50);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1200);
  g_assert_cmpuint (da_row_viewport_get_n_rows (DA_ROW_VIEWPORT (viewport)), ==, n_rows);
  g_assert_cmpuint (count.n_bind, ==, binds_before);
  g_assert_cmpuint (count.n_unbind, ==, unbinds_before);

  /* A row inserted above the view keeps the rows in view as they are; one inserted into the
   * view moves the rows under it, each bound once to its new item. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            600);
  /* The rows follow the scroll at the next frame. */
  DA_TEST_WAIT_UNTIL (da_row_viewport_get_position (DA_ROW_VIEWPORT (viewport), 0) > 10);
  first = da_row_viewport_get_position (DA_ROW_VIEWPORT (viewport), 0);
  binds_before = count.n_bind;
  gtk_string_list_splice (list, 0, 0, (const char *[]) { "New above", NULL });
  da_test_spin (100);
  g_assert_cmpuint (count.n_bind, ==, binds_before);
  g_assert_cmpuint (da_row_viewport_get_position (DA_ROW_VIEWPORT (viewport), 0), ==, first + 1);
  gtk_string_list_splice (list, first + 3, 0, (const char *[]) { "New in view", NULL });
  da_test_spin (100);
  g_assert_cmpuint (count.n_bind - binds_before, ==, n_rows - 2);

  /* Selecting a row tells the column view of the rows that changed, and only of them (GTK 4.8
   * binds each row it is told of again). */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), <, 30);
  binds_before = count.n_bind;
  gtk_single_selection_set_selected (selection, 40);
  da_test_spin (100);
  g_assert_cmpuint (count.n_bind - binds_before, <=, 1);
  assert_row_selection (DA_ROW_VIEWPORT (viewport), 40);
  gtk_single_selection_set_selected (selection, 33);
  da_test_spin (100);
  g_assert_cmpuint (count.n_bind - binds_before, <=, 3);
  assert_row_selection (DA_ROW_VIEWPORT (viewport), 33);

  /* Scrolled so that the selected row leaves the view, and back. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            3000);
  DA_TEST_WAIT_UNTIL (da_row_viewport_get_position (DA_ROW_VIEWPORT (viewport), 0) > 50);
  assert_row_selection (DA_ROW_VIEWPORT (viewport), 33);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            600);
  DA_TEST_WAIT_UNTIL (da_row_viewport_get_position (DA_ROW_VIEWPORT (viewport), 0) < 40);
  assert_row_selection (DA_ROW_VIEWPORT (viewport), 33);

  gtk_window_destroy (window);
  g_object_unref (selection);
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

  g_test_add_func ("/page/properties", test_page_properties);
  g_test_add_func ("/page/error-mapping", test_page_error_mapping);
  g_test_add_func ("/state-view/states", test_state_view);
  g_test_add_func ("/state-view/keeps-content", test_state_view_keeps_content);
  g_test_add_func ("/state-view/first-frame", test_state_view_first_frame);
  g_test_add_func ("/fixed-width/measure", test_fixed_width);
  g_test_add_func ("/avatar/like-adw-avatar", test_avatar);
  g_test_add_func ("/figure/link", test_figure);
  g_test_add_func ("/preferences/server", test_preferences_server);
  g_test_add_func ("/row-viewport/append-below", test_row_viewport_append_below);
  g_test_add_func ("/row-viewport/rows-before-layout", test_row_viewport_rows_before_layout);
  g_test_add_func ("/row-viewport/empty-measures-nothing-around",
                   test_row_viewport_empty_measures_nothing_around);

  return g_test_run ();
}

/* da-fault-matrix.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-fault-matrix.h"
#include "da-list-footer.h"
#include "da-state-view.h"
#include "da-test-ui.h"
#include "da-welcome-page.h"

/* How often the readable texts and the toasts are looked at while waiting. */
#define POLL_INTERVAL_US (30 * 1000)

/* ---- The faults ------------------------------------------------------------------------ */

static const DaFmFault faults[] = {
  { "401", "401", { "rejected the API key" }, DA_FM_SIGNED_OUT, FALSE },
  { "403", "403", { "Enterprise Admin" }, DA_FM_REFUSED, FALSE },
  { "404", "404", { "no longer" }, DA_FM_REFUSED, FALSE },
  { "422", "422", { "Unprocessable Entity" }, DA_FM_REFUSED, FALSE },
  { "429 Retry-After", "429 times=1 retry-after=1", { "retrying in", "rate limiting" },
    DA_FM_RETRIED, FALSE },
  { "500", "500", { "500 Internal Server Error" }, DA_FM_REFUSED, FALSE },
  { "503", "503", { "503 Service Unavailable" }, DA_FM_REFUSED, FALSE },
  { "refused", "refuse", { "Could not reach", "Offline" }, DA_FM_REFUSED, FALSE },
  { "stall", "stall", { "did not answer in time", "Offline" }, DA_FM_REFUSED, FALSE },
  { "truncated", "truncate", { "cut off", "could not be read" }, DA_FM_ACTED, TRUE },
  { "HTML body", "html", { "proxy or gateway" }, DA_FM_REFUSED, FALSE },
  { "malformed JSON", "malformed", { "could not be read" }, DA_FM_REFUSED, FALSE },
  { "wrong types", "wrong-types", { "could not be read" }, DA_FM_ACTED, TRUE },
};

const DaFmFault *
da_fm_get_faults (guint *n_faults)
{
  *n_faults = G_N_ELEMENTS (faults);
  return faults;
}

/* ---- The application ------------------------------------------------------------------- */

struct _DaFmApp
{
  DaMockServer  *server;
  DaApplication *app;
  DaWindow      *window;
  DaClient      *api;
  DaLoopProbe   *probe;

  GHashTable    *baseline;     /* texts readable at the baseline */
  GPtrArray     *toasts;       /* toast titles seen since the baseline */
  gint64         last_poll;
};

static gboolean
wait_until (DaFmApp      *self,
            DaFmCondition condition,
            gpointer      user_data,
            guint         timeout_ms);

static DaWelcomePage *
welcome_page (DaFmApp *self)
{
  return DA_WELCOME_PAGE (da_test_find_widget (GTK_WIDGET (self->window), DA_TYPE_WELCOME_PAGE,
                                               NULL));
}

static gboolean
is_welcome_cb (gpointer user_data)
{
  DaFmApp *self = user_data;

  return da_application_get_state (self->app) == DA_APP_STATE_WELCOME &&
         welcome_page (self) != NULL && !da_welcome_page_get_busy (welcome_page (self));
}

static gboolean
is_signed_in_cb (gpointer user_data)
{
  DaFmApp *self = user_data;

  return da_application_get_state (self->app) == DA_APP_STATE_SIGNED_IN;
}

static gboolean
session_only_shown_cb (gpointer user_data)
{
  DaFmApp *self = user_data;
  DaWelcomePage *welcome = welcome_page (self);
  GtkWidget *button;

  if (da_application_get_state (self->app) == DA_APP_STATE_SIGNED_IN)
    return TRUE;
  if (welcome == NULL)
    return FALSE;
  button = da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "session-only-button");
  return button != NULL && gtk_widget_is_drawable (button);
}

gboolean
da_fm_app_sign_in (DaFmApp *self)
{
  DaWelcomePage *welcome;
  DaContext *context;

  if (!wait_until (self, is_welcome_cb, self, 10000))
    return FALSE;

  welcome = welcome_page (self);
  da_test_type (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "api-key-entry"),
                da_mock_server_get_admin_key (self->server));
  da_test_click (da_test_find_widget (GTK_WIDGET (welcome), G_TYPE_NONE, "sign-in-button"));

  if (!da_test_has_keyring ())
    {
      if (!wait_until (self, session_only_shown_cb, self, 10000))
        return FALSE;
      if (!is_signed_in_cb (self))
        da_test_click (da_test_find_widget (GTK_WIDGET (welcome_page (self)), G_TYPE_NONE,
                                            "session-only-button"));
    }

  if (!wait_until (self, is_signed_in_cb, self, 10000))
    return FALSE;

  /* Short retries, as every test's client has: the matrix is about what is shown, not about
   * how long the app waits. */
  context = da_application_get_context (self->app);
  da_client_set_retry_policy (da_context_get_client (context), 2, 50, 200);
  return TRUE;
}

DaFmApp *
da_fm_app_new (const DaMockOptions *options)
{
  static guint n_apps;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = NULL;
  DaFmApp *self = g_new0 (DaFmApp, 1);

  da_test_keyring_clear_all ();

  self->server = da_test_server_new (options);
  self->api = da_test_client_new (self->server, NULL);
  self->probe = da_loop_probe_new (5);
  self->baseline = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->toasts = g_ptr_array_new_with_free_func (g_free);

  /* Wide enough for every page's list and details side by side. */
  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "server-url");
  g_settings_set_int (settings, "window-width", 1400);
  g_settings_set_int (settings, "window-height", 860);

  self->app = da_application_new ();
  app_id = g_strdup_printf ("%s.FaultMatrix%u", APP_ID, ++n_apps);
  g_application_set_application_id (G_APPLICATION (self->app), app_id);
  g_application_set_flags (G_APPLICATION (self->app), G_APPLICATION_NON_UNIQUE);
  da_application_set_server_url (self->app, da_mock_server_get_base_url (self->server));
  g_application_register (G_APPLICATION (self->app), NULL, &error);
  g_assert_no_error (error);
  /* A stalled answer is given up soon (later in a slower build, where answers take longer). */
  soup_session_set_timeout (da_application_get_session (self->app),
                            DA_FM_STALL_TIMEOUT_S * da_test_wait_scale ());
  g_application_activate (G_APPLICATION (self->app));

  self->window = DA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self->app)));
  g_assert_true (DA_IS_WINDOW (self->window));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (self->window)));

  if (!da_fm_app_sign_in (self))
    g_error ("Could not sign in to the local server");

  return self;
}

void
da_fm_app_free (DaFmApp *self)
{
  GList *windows;

  if (self == NULL)
    return;

  windows = gtk_application_get_windows (GTK_APPLICATION (self->app));
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (self->app));
    }
  g_application_quit (G_APPLICATION (self->app));
  da_test_spin (50);
  g_clear_object (&self->app);

  g_clear_object (&self->api);
  da_mock_server_stop (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->probe, da_loop_probe_free);
  g_clear_pointer (&self->baseline, g_hash_table_unref);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  da_test_keyring_clear_all ();
  g_free (self);
}

DaMockServer *
da_fm_app_get_server (DaFmApp *self)
{
  return self->server;
}

DaApplication *
da_fm_app_get_application (DaFmApp *self)
{
  return self->app;
}

DaWindow *
da_fm_app_get_window (DaFmApp *self)
{
  return self->window;
}

DaClient *
da_fm_app_get_api (DaFmApp *self)
{
  return self->api;
}

DaLoopProbe *
da_fm_app_get_probe (DaFmApp *self)
{
  return self->probe;
}

gboolean
da_fm_app_is_signed_in (DaFmApp *self)
{
  return is_signed_in_cb (self);
}

static DaStateView *
state_view_of (DaPage *page)
{
  return DA_STATE_VIEW (da_test_find_widget (GTK_WIDGET (page), DA_TYPE_STATE_VIEW, NULL));
}

gboolean
da_fm_page_is_settled (DaPage *page)
{
  DaStateView *state_view = state_view_of (page);
  g_autoptr(GPtrArray) footers = da_test_find_all (GTK_WIDGET (page), DA_TYPE_LIST_FOOTER);

  if (da_page_get_busy (page) || da_page_get_error (page) != NULL)
    return FALSE;

  if (state_view != NULL)
    {
      DaStateViewState state = da_state_view_get_state (state_view);

      if (state != DA_STATE_VIEW_CONTENT && state != DA_STATE_VIEW_EMPTY)
        return FALSE;
    }

  for (guint i = 0; i < footers->len; i++)
    {
      DaListFooterState state = da_list_footer_get_state (g_ptr_array_index (footers, i));

      if (state == DA_LIST_FOOTER_ERROR || state == DA_LIST_FOOTER_LOADING)
        return FALSE;
    }

  return TRUE;
}

DaPage *
da_fm_app_get_page (DaFmApp    *self,
                    const char *page_id)
{
  return da_window_get_page (self->window, page_id);
}

typedef struct
{
  DaFmApp    *self;
  const char *page_id;
} ShowPage;

static gboolean
page_loaded_cb (gpointer user_data)
{
  ShowPage *show = user_data;
  DaPage *page = da_fm_app_get_page (show->self, show->page_id);

  return page != NULL && gtk_widget_get_mapped (GTK_WIDGET (page)) &&
         da_fm_page_is_settled (page);
}

DaPage *
da_fm_app_show_page (DaFmApp    *self,
                     const char *page_id)
{
  ShowPage show = { self, page_id };

  if (!da_fm_app_is_signed_in (self))
    return NULL;

  if (g_strcmp0 (da_window_get_visible_page_id (self->window), page_id) != 0)
    {
      g_autofree char *row_name = g_strconcat ("sidebar-", page_id, NULL);
      GtkWidget *row = da_test_find_widget (GTK_WIDGET (self->window), GTK_TYPE_LIST_BOX_ROW,
                                            row_name);

      g_assert_nonnull (row);
      da_test_click (row);
    }

  if (!wait_until (self, page_loaded_cb, &show, 20000))
    return NULL;

  return da_fm_app_get_page (self, page_id);
}

void
da_fm_app_refresh (DaFmApp *self)
{
  GtkWidget *button = da_test_find_by_text (GTK_WIDGET (self->window), GTK_TYPE_BUTTON,
                                            "Refresh");

  if (button != NULL && gtk_widget_is_sensitive (button))
    da_test_click (button);
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self->window), "win.refresh",
                                               NULL));
}

/* ---- What a person can read ------------------------------------------------------------- */

static GType
toast_widget_type (void)
{
  return g_type_from_name ("AdwToastWidget");
}

static GtkWidget *
toast_overlay (DaFmApp *self)
{
  return da_test_find_widget (GTK_WIDGET (self->window), ADW_TYPE_TOAST_OVERLAY, NULL);
}

static char *
toast_text (GtkWidget *toast)
{
  g_autoptr(GPtrArray) labels = da_test_find_all (toast, GTK_TYPE_LABEL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = gtk_label_get_text (g_ptr_array_index (labels, i));

      if (label == NULL || *label == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, label);
    }

  return g_string_free (text, FALSE);
}

/* The close button of a toast: the last button in it. */
static void
dismiss_toast (GtkWidget *toast)
{
  g_autoptr(GPtrArray) buttons = da_test_find_all (toast, GTK_TYPE_BUTTON);

  if (buttons->len > 0)
    g_signal_emit_by_name (g_ptr_array_index (buttons, buttons->len - 1), "clicked");
}

/* Records the toast on show. A toast that says nothing the matrix looks for is dismissed, so the
 * ones queued behind it come up (under Xvfb a toast's time may never run out). */
static void
poll_toasts (DaFmApp *self,
             gboolean dismiss_all)
{
  GtkWidget *overlay = toast_overlay (self);
  GType type = toast_widget_type ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);

  if (overlay == NULL || type == G_TYPE_INVALID)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_type_is_a (G_OBJECT_TYPE (child), type))
      g_ptr_array_add (shown, g_object_ref (child));

  /* Dismissing a toast removes its widget: look at them all first. */
  for (guint i = 0; i < shown->len; i++)
    {
      GtkWidget *toast = g_ptr_array_index (shown, i);
      g_autofree char *text = toast_text (toast);
      gboolean known = FALSE;

      for (guint j = 0; j < self->toasts->len; j++)
        if (g_str_equal (g_ptr_array_index (self->toasts, j), text))
          known = TRUE;
      if (!known && *text != '\0')
        {
          g_test_message ("Toast: %s", text);
          g_ptr_array_add (self->toasts, g_strdup (text));
        }
    }

  if (dismiss_all)
    for (guint i = 0; i < shown->len; i++)
      if (gtk_widget_get_parent (g_ptr_array_index (shown, i)) != NULL)
        dismiss_toast (g_ptr_array_index (shown, i));
}

static void
poll (DaFmApp *self)
{
  gint64 now = g_get_monotonic_time ();

  if (now - self->last_poll < POLL_INTERVAL_US)
    return;
  self->last_poll = now;
  poll_toasts (self, FALSE);
}

static gboolean
iterate_until (DaFmApp      *self,
               DaFmCondition condition,
               gpointer      user_data,
               guint         ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
      poll (self);
    }

  return TRUE;
}

/* Gives up after @timeout_ms, longer in a slower build (da_test_wait_scale ()). */
static gboolean
wait_until (DaFmApp      *self,
            DaFmCondition condition,
            gpointer      user_data,
            guint         timeout_ms)
{
  return iterate_until (self, condition, user_data, timeout_ms * da_test_wait_scale ());
}

gboolean
da_fm_app_wait (DaFmApp       *self,
                DaFmCondition  condition,
                gpointer       user_data,
                guint          timeout_ms)
{
  return wait_until (self, condition, user_data, timeout_ms);
}

static gboolean
never_cb (gpointer user_data)
{
  return FALSE;
}

void
da_fm_app_spin (DaFmApp *self,
                guint    ms)
{
  iterate_until (self, never_cb, NULL, ms);
}

void
da_fm_app_tidy (DaFmApp *self)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (self->window))
        g_ptr_array_add (others, g_object_ref (window));
    }
  for (guint i = 0; i < others->len; i++)
    gtk_window_destroy (g_ptr_array_index (others, i));

  /* Each dismissal lets the next queued toast come up. */
  for (guint i = 0; i < 20; i++)
    {
      poll_toasts (self, TRUE);
      da_test_spin (10);
    }
  g_ptr_array_set_size (self->toasts, 0);
}

/* Where @label is, in words of the table. */
static const char *
place_of (DaFmApp   *self,
          GtkWidget *label)
{
  GtkRoot *root = gtk_widget_get_root (label);
  GtkWidget *footer = gtk_widget_get_ancestor (label, DA_TYPE_LIST_FOOTER);

  if (root != GTK_ROOT (self->window))
    return "dialog";
  if (gtk_widget_get_ancestor (label, DA_TYPE_WELCOME_PAGE) != NULL)
    return "key entry";
  if (footer != NULL && g_strcmp0 (gtk_widget_get_name (footer), "state-view-stale") == 0)
    return "above the content";
  if (footer != NULL)
    return "list footer";
  if (gtk_widget_get_ancestor (label, ADW_TYPE_STATUS_PAGE) != NULL)
    return "status page";
  return "page";
}

typedef void (*TextFunc) (DaFmApp    *self,
                          GtkWidget  *label,
                          const char *text,
                          gpointer    user_data);

static void
foreach_text (DaFmApp  *self,
              TextFunc  func,
              gpointer  user_data)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();
  GType toast_type = toast_widget_type ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      g_autoptr(GPtrArray) labels = NULL;

      if (!gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;

      labels = da_test_find_all (GTK_WIDGET (window), GTK_TYPE_LABEL);
      for (guint j = 0; j < labels->len; j++)
        {
          GtkWidget *label = g_ptr_array_index (labels, j);
          const char *text = gtk_label_get_text (GTK_LABEL (label));

          if (text == NULL || *text == '\0' || !gtk_widget_is_drawable (label))
            continue;
          /* Toasts are followed on their own. */
          if (toast_type != G_TYPE_INVALID && gtk_widget_get_ancestor (label, toast_type) != NULL)
            continue;
          func (self, label, text, user_data);
        }
    }
}

static void
add_to_baseline (DaFmApp    *self,
                 GtkWidget  *label,
                 const char *text,
                 gpointer    user_data)
{
  g_hash_table_add (self->baseline, g_strdup (text));
}

void
da_fm_app_mark_baseline (DaFmApp *self)
{
  g_hash_table_remove_all (self->baseline);
  foreach_text (self, add_to_baseline, NULL);
  g_ptr_array_set_size (self->toasts, 0);
  poll_toasts (self, FALSE);
}

static gboolean
contains_one (const char         *text,
              const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (text, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char * const *needles;
  char               *found;
  GString            *all;
} Search;

static void
search_text (DaFmApp    *self,
             GtkWidget  *label,
             const char *text,
             gpointer    user_data)
{
  Search *search = user_data;

  if (g_hash_table_contains (self->baseline, text))
    return;

  if (search->all != NULL)
    {
      if (search->all->len > 0)
        g_string_append (search->all, " | ");
      g_string_append_printf (search->all, "%s: %s", place_of (self, label), text);
      return;
    }

  if (search->found == NULL && contains_one (text, search->needles))
    search->found = g_strdup_printf ("%s: %s", place_of (self, label), text);
}

char *
da_fm_app_find_shown (DaFmApp            *self,
                      const char * const *needles)
{
  Search search = { needles, NULL, NULL };

  poll_toasts (self, FALSE);
  for (guint i = 0; i < self->toasts->len; i++)
    if (contains_one (g_ptr_array_index (self->toasts, i), needles))
      return g_strdup_printf ("toast: %s", (char *) g_ptr_array_index (self->toasts, i));

  foreach_text (self, search_text, &search);
  return search.found;
}

char *
da_fm_app_describe_new (DaFmApp *self)
{
  Search search = { NULL, NULL, g_string_new (NULL) };

  for (guint i = 0; i < self->toasts->len; i++)
    g_string_append_printf (search.all, "%stoast: %s", search.all->len > 0 ? " | " : "",
                            (char *) g_ptr_array_index (self->toasts, i));
  foreach_text (self, search_text, &search);
  if (search.all->len == 0)
    g_string_append (search.all, "nothing new");
  return g_string_free (search.all, FALSE);
}

/* ---- The table ------------------------------------------------------------------------- */

#define SHOWN_WIDTH 96

void
da_fm_log_header (const char *title)
{
  g_test_message ("%s", title);
  g_test_message ("%-22s | %-15s | %-*s | %-8s | %-8s | %-10s | %-16s | %s", "operation", "fault",
                  SHOWN_WIDTH, "shown", "typed", "loaded", "recovered", "main loop", "cell");
}

void
da_fm_log_cell (const char *operation,
                const char *fault,
                const char *shown,
                const char *typed,
                const char *loaded,
                const char *recovered,
                guint       ticks,
                gint64      max_block_us,
                gboolean    pass)
{
  g_autofree char *flat = g_strdelimit (g_strdup (shown != NULL ? shown : "nothing"), "\n", ' ');
  g_autofree char *cut = NULL;
  g_autofree char *loop = g_strdup_printf ("%u ticks, %" G_GINT64_FORMAT " ms", ticks,
                                           max_block_us / 1000);

  /* Long messages are cut at a character boundary. */
  if (g_utf8_strlen (flat, -1) > SHOWN_WIDTH)
    {
      const char *end = g_utf8_offset_to_pointer (flat, SHOWN_WIDTH - 1);

      cut = g_strdup_printf ("%.*s…", (int) (end - flat), flat);
      g_free (flat);
      flat = g_steal_pointer (&cut);
    }

  g_test_message ("%-22s | %-15s | %-*s | %-8s | %-8s | %-10s | %-16s | %s", operation, fault,
                  SHOWN_WIDTH + (int) (strlen (flat) - g_utf8_strlen (flat, -1)), flat, typed,
                  loaded, recovered, loop, pass ? "PASS" : "FAIL");
}

/* da-audit-log-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model chain: the DaPager's GListStore of DaAuditEvent (no wrapper objects: 100,000 events
 * stay at about 170 bytes each) → GtkFilterListModel (filters and search, over what is loaded) →
 * GtkSingleSelection → GtkColumnView. The log is in time order, newest first, so it has no column
 * sorters. Older pages load as the reader nears the end of the list; Live puts newer events at the
 * top, where the list view keeps the rows in view where they are.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-audit-event-details.h"
#include "da-audit-export.h"
#include "da-audit-format.h"
#include "da-audit-log-page.h"
#include "da-date-range-button.h"
#include "da-dialogs.h"
#include "da-fixed-width.h"
#include "da-format.h"
#include "da-list-footer.h"
#include "da-row-viewport.h"
#include "da-state-view.h"

/* Events per request: the API's maximum, fewest round trips. */
#define PAGE_SIZE 200
#define DEFAULT_POLL_INTERVAL_MS 10000

struct _DaAuditLogPage
{
  GtkWidget           parent_instance;

  /* Owned */
  DaPager            *pager;            /* the list shown */
  DaPager            *next_pager;       /* its replacement, until its first page is there */
  GCancellable       *cancellable;      /* loads of both pagers */
  GCancellable       *live_cancellable;
  GCancellable       *export_cancellable;
  DaAuditFilter      *filter;
  GtkCustomFilter    *custom_filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  GtkStringList      *org_names;
  GPtrArray          *org_ids;          /* org_ids[i] is item i + 1 of the dropdown */
  GtkWidget          *export_dialog;
  GtkWidget          *export_progress;
  gint64              since;
  gint64              until;
  gint64              next_since;
  gint64              next_until;
  guint               generation;       /* of loads: answers to older ones are dropped */
  guint               first_pending;
  GError             *first_error;
  gboolean            keep_content;     /* the load under way is a refresh of what is shown */
  gboolean            loaded;
  gboolean            more_failed;      /* the footer shows a failed page */
  gboolean            refresh_failed;   /* the footer shows a failed refresh */
  gboolean            polling;
  guint               poll_interval_ms;
  guint               poll_source;
  GdkFrameClock      *after_paint_clock;
  gulong              after_paint_id;
  double              restore_value;    /* where to scroll once laid out, or -1 */
  guint               new_count;

  /* Template widgets */
  DaDateRangeButton  *range_button;
  GtkWidget          *search_entry;
  GtkWidget          *filter_button;
  GtkWidget          *filter_button_label;
  GtkDropDown        *action_dropdown;
  GtkWidget          *actor_entry;
  GtkDropDown        *org_dropdown;
  GtkWidget          *live_button;
  GtkWidget          *export_button;
  GtkWidget          *filter_note;
  DaStateView        *state_view;
  AdwFlap            *flap;
  GtkWidget          *scrolled_window;
  DaRowViewport      *row_viewport;
  GtkColumnView      *column_view;
  DaListFooter       *footer;
  GtkWidget          *new_events_button;
  AdwButtonContent   *new_events_content;
  DaAuditEventDetails *details;
};

static void da_audit_log_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaAuditLogPage, da_audit_log_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE, da_audit_log_page_iface_init))

enum {
  PROP_0,
  N_PROPS
};

/* What a callback gets: the page, and which load it belongs to. */
typedef struct
{
  DaAuditLogPage *self;
  guint           generation;
} Request;

static Request *
request_new (DaAuditLogPage *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->generation = self->generation;
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static gboolean
request_is_current (Request *request)
{
  return request->generation == request->self->generation;
}

static DaContext *
get_context (DaAuditLogPage *self)
{
  return da_page_get_context (DA_PAGE (self));
}

static GtkAdjustment *
get_vadjustment (DaAuditLogPage *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled_window));
}

/* ---- State ------------------------------------------------------------------------------- */

static void
update_busy (DaAuditLogPage *self)
{
  gboolean busy = self->next_pager != NULL ||
                  (self->pager != NULL && da_pager_get_loading (self->pager));

  da_page_set_busy (DA_PAGE (self), busy);
}

static void
update_footer (DaAuditLogPage *self)
{
  if (self->more_failed || self->refresh_failed)
    return;

  if (self->pager != NULL && da_pager_get_loading (self->pager))
    da_list_footer_show_loading (self->footer,
                                 g_list_model_get_n_items (da_pager_get_model (self->pager)), -1);
  else
    da_list_footer_hide (self->footer);
}

static void
update_filter_note (DaAuditLogPage *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  guint n_total;

  if (self->pager == NULL || !da_audit_filter_is_active (self->filter))
    {
      gtk_widget_set_visible (self->filter_note, FALSE);
      return;
    }

  n_total = g_list_model_get_n_items (da_pager_get_model (self->pager));
  shown = da_format_count (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)));
  total = da_format_count (n_total);

  if (!da_pager_get_has_more (self->pager))
    text = g_strdup_printf (ngettext ("Showing %s of %s event in this date range.",
                                      "Showing %s of %s events in this date range.", n_total),
                            shown, total);
  else
    text = g_strdup_printf (ngettext ("Showing %s of %s event loaded so far. Older events load "
                                      "as you scroll.",
                                      "Showing %s of %s events loaded so far. Older events load "
                                      "as you scroll.", n_total),
                            shown, total);

  gtk_label_set_label (GTK_LABEL (self->filter_note), text);
  gtk_widget_set_visible (self->filter_note, TRUE);
}

static void
update_new_events (DaAuditLogPage *self)
{
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;

  gtk_widget_set_visible (self->new_events_button, self->new_count > 0);
  if (self->new_count == 0)
    return;

  count = da_format_count (self->new_count);
  label = g_strdup_printf (ngettext ("%s new event", "%s new events", self->new_count), count);
  adw_button_content_set_label (self->new_events_content, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_events_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_live_sensitivity (DaAuditLogPage *self)
{
  /* A range that ends in the past gets no new events. */
  gboolean open = self->until == DA_TIME_UNSET;

  if (!open)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->live_button), FALSE);
  gtk_widget_set_sensitive (self->live_button, open);
  gtk_widget_set_tooltip_text (self->live_button,
                               open ? _("Check for new events every few seconds")
                                    : _("Live needs a date range that ends today"));
}

static void set_exporting (DaAuditLogPage *self,
                           gboolean        exporting);

/* ---- Loading more as the reader scrolls -------------------------------------------------- */

static void more_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
load_more (DaAuditLogPage *self)
{
  if (self->pager == NULL || !da_pager_get_has_more (self->pager) ||
      da_pager_get_loading (self->pager) || self->more_failed || self->refresh_failed)
    return;

  da_pager_load_next_async (self->pager, self->cancellable, more_cb, request_new (self));
  update_footer (self);
  update_busy (self);
}

static gboolean
near_end (DaAuditLogPage *self)
{
  GtkAdjustment *adjustment = get_vadjustment (self);
  double page_size = gtk_adjustment_get_page_size (adjustment);

  /* Within a screen of the end, or the list does not fill the view. */
  return gtk_adjustment_get_value (adjustment) + 2 * page_size >=
         gtk_adjustment_get_upper (adjustment);
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   DaAuditLogPage *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  g_clear_object (&self->after_paint_clock);

  /* A refreshed list goes back to where the reader was, as far as it reaches now that it is laid
   * out (a position past its end would point at no row). */
  if (self->restore_value >= 0)
    {
      GtkAdjustment *adjustment = get_vadjustment (self);
      double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, MAX (0, MIN (self->restore_value, end)));
      self->restore_value = -1;
    }

  if (gtk_widget_get_mapped (self->scrolled_window) && near_end (self))
    load_more (self);
}

/* Checks whether the reader is near the end once the list is laid out again (after a page or a
 * filter change the adjustment is only right after the next layout). */
static void
queue_maybe_load_more (DaAuditLogPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (self->scrolled_window);

  if (clock == NULL || self->after_paint_id != 0)
    return;

  self->after_paint_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb),
                                           self);
  gtk_widget_queue_draw (self->scrolled_window);
}

static void
cancel_maybe_load_more (DaAuditLogPage *self)
{
  /* A clock whose window is gone has dropped its handlers already. */
  if (self->after_paint_clock != NULL &&
      g_signal_handler_is_connected (self->after_paint_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->after_paint_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->after_paint_clock);
}

static void
more_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DaAuditLogPage *self = request->self;
  g_autoptr(GError) error = NULL;

  if (!da_pager_load_next_finish (DA_PAGER (object), result, &error))
    {
      if (!request_is_current (request) || DA_PAGER (object) != self->pager)
        return;

      update_busy (self);
      if (da_page_handle_error (DA_PAGE (self), error) == DA_PAGE_ERROR_IN_PAGE)
        {
          self->more_failed = TRUE;
          da_list_footer_show_error (self->footer, error);
        }
      else
        update_footer (self);
      return;
    }

  if (!request_is_current (request) || DA_PAGER (object) != self->pager)
    return;

  da_page_set_error (DA_PAGE (self), NULL);
  update_busy (self);
  update_footer (self);
  update_filter_note (self);
  queue_maybe_load_more (self);
}

static void
on_adjustment_changed_cb (DaAuditLogPage *self)
{
  GtkAdjustment *adjustment = get_vadjustment (self);

  /* At the top, the new events are in view. */
  if (self->new_count > 0 && gtk_adjustment_get_value (adjustment) <= 0)
    {
      self->new_count = 0;
      update_new_events (self);
    }

  queue_maybe_load_more (self);
}

/* ---- Loading the list -------------------------------------------------------------------- */

static char *
dup_selected_id (DaAuditLogPage *self)
{
  DaAuditEvent *event = gtk_single_selection_get_selected_item (self->selection);

  return event != NULL ? g_strdup (da_audit_event_get_audit_log_id (event)) : NULL;
}

static void
select_by_id (DaAuditLogPage *self,
              const char     *id)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);

  if (id != NULL)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);

        if (g_strcmp0 (da_audit_event_get_audit_log_id (event), id) == 0)
          {
            gtk_single_selection_set_selected (self->selection, i);
            return;
          }
      }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
stop_polling (DaAuditLogPage *self)
{
  g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);
  self->live_cancellable = g_cancellable_new ();
  self->polling = FALSE;
}

static void
on_pager_loading_changed_cb (DaAuditLogPage *self)
{
  update_busy (self);
}

/* The first page of the new list is there: show it in place of the old one. */
static void
swap_in (DaAuditLogPage *self)
{
  g_autofree char *selected_id = dup_selected_id (self);
  double value = gtk_adjustment_get_value (get_vadjustment (self));
  gboolean keep = self->keep_content;

  if (self->pager != NULL)
    g_signal_handlers_disconnect_by_data (self->pager, self);
  g_clear_object (&self->pager);
  self->pager = g_steal_pointer (&self->next_pager);
  self->since = self->next_since;
  self->until = self->next_until;
  g_signal_connect_object (self->pager, "notify::loading",
                           G_CALLBACK (on_pager_loading_changed_cb), self, G_CONNECT_SWAPPED);

  /* Newer events found for the old list belong to it. */
  stop_polling (self);
  self->new_count = 0;
  update_new_events (self);

  gtk_filter_list_model_set_model (self->filter_model, da_pager_get_model (self->pager));
  select_by_id (self, keep ? selected_id : NULL);
  /* Scrolled once laid out: before, the adjustment still measures the old list. */
  self->restore_value = keep ? value : -1;
  if (!keep)
    gtk_adjustment_set_value (get_vadjustment (self), 0);

  self->loaded = TRUE;
  self->more_failed = FALSE;
  self->refresh_failed = FALSE;
  da_page_set_error (DA_PAGE (self), NULL);
  set_exporting (self, self->export_cancellable != NULL);

  if (g_list_model_get_n_items (da_pager_get_model (self->pager)) == 0)
    da_state_view_show_empty (self->state_view);
  else
    da_state_view_show_content (self->state_view);

  update_live_sensitivity (self);
  update_footer (self);
  update_filter_note (self);
  update_busy (self);
  queue_maybe_load_more (self);
}

static void
first_done (DaAuditLogPage *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->first_pending > 0);
  if (--self->first_pending > 0)
    return;

  error = g_steal_pointer (&self->first_error);
  if (error == NULL)
    {
      swap_in (self);
      return;
    }

  g_clear_object (&self->next_pager);
  update_busy (self);

  if (da_page_handle_error (DA_PAGE (self), error) != DA_PAGE_ERROR_IN_PAGE)
    return;

  if (self->keep_content && self->pager != NULL)
    {
      /* The list stays; the footer says the refresh failed, with Retry. */
      self->refresh_failed = TRUE;
      da_list_footer_show_error (self->footer, error);
    }
  else
    da_state_view_show_error (self->state_view, error);
}

static void
first_page_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DaAuditLogPage *self = request->self;
  g_autoptr(GError) error = NULL;

  da_pager_load_next_finish (DA_PAGER (object), result, &error);
  if (!request_is_current (request))
    return;

  if (error != NULL && self->first_error == NULL)
    self->first_error = g_steal_pointer (&error);
  first_done (self);
}

static void
orgs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  /* Without names the page shows organization IDs: not a reason to fail. */
  if (!da_context_load_organizations_finish (DA_CONTEXT (object), result, &error))
    g_debug ("Audit log: organizations not loaded: %s", error->message);

  if (request_is_current (request))
    first_done (request->self);
}

static void
start_load (DaAuditLogPage *self,
            gboolean        keep_content)
{
  DaContext *context = get_context (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  g_clear_object (&self->next_pager);
  g_clear_error (&self->first_error);
  cancel_maybe_load_more (self);

  self->keep_content = keep_content && self->pager != NULL;
  da_date_range_button_get_bounds (self->range_button, &self->next_since, &self->next_until);
  self->next_pager = da_client_list_audit_logs (da_context_get_client (context),
                                                self->next_since, self->next_until);
  da_pager_set_page_size (self->next_pager, PAGE_SIZE);

  self->first_pending = 1;
  if (!da_context_get_organizations_loaded (context))
    {
      self->first_pending++;
      da_context_load_organizations_async (context, FALSE, self->cancellable, orgs_cb,
                                           request_new (self));
    }
  da_pager_load_next_async (self->next_pager, self->cancellable, first_page_cb,
                            request_new (self));

  /* The old list's footer: its loads were just cancelled. */
  self->more_failed = FALSE;
  self->refresh_failed = FALSE;
  update_footer (self);
  update_busy (self);

  if (!self->keep_content)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      da_state_view_show_loading (self->state_view);
    }
}

/* ---- Filters ----------------------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DaAuditLogPage *self = user_data;

  return da_audit_filter_match (self->filter, item, get_context (self));
}

static char *
dup_entry_text (GtkWidget *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
read_filters (DaAuditLogPage *self)
{
  guint action = gtk_drop_down_get_selected (self->action_dropdown);
  guint org = gtk_drop_down_get_selected (self->org_dropdown);
  const char * const *actions = da_audit_known_actions ();
  DaAuditFilter *filter = da_audit_filter_new ();
  g_autofree char *button_label = NULL;
  guint n_filters = 0;

  if (action != GTK_INVALID_LIST_POSITION && action > 0 && actions[action - 1] != NULL)
    filter->action = g_strdup (actions[action - 1]);
  if (org != GTK_INVALID_LIST_POSITION && org > 0 && org - 1 < self->org_ids->len)
    filter->org_id = g_strdup (g_ptr_array_index (self->org_ids, org - 1));
  filter->actor = dup_entry_text (self->actor_entry);
  filter->search = dup_entry_text (self->search_entry);

  da_audit_filter_free (self->filter);
  self->filter = filter;

  n_filters = (filter->action != NULL) + (filter->org_id != NULL) + (filter->actor != NULL);
  if (n_filters > 0)
    /* Translators: the Filters button with how many filters are on, e.g. "Filters (2)" */
    button_label = g_strdup_printf (_("Filters (%u)"), n_filters);
  gtk_label_set_label (GTK_LABEL (self->filter_button_label),
                       button_label != NULL ? button_label : _("Filters"));
  if (n_filters > 0)
    gtk_widget_add_css_class (self->filter_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->filter_button, "suggested-action");
}

static void
on_filters_changed_cb (DaAuditLogPage *self)
{
  read_filters (self);
  gtk_filter_changed (GTK_FILTER (self->custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_filter_note (self);
  queue_maybe_load_more (self);
}

static void
on_clear_filters_clicked_cb (DaAuditLogPage *self)
{
  gtk_drop_down_set_selected (self->action_dropdown, 0);
  gtk_drop_down_set_selected (self->org_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->actor_entry), "");
  on_filters_changed_cb (self);
}

static void
fill_action_dropdown (DaAuditLogPage *self)
{
  const char * const *actions = da_audit_known_actions ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("All Actions"));
  for (guint i = 0; actions[i] != NULL; i++)
    gtk_string_list_append (labels, da_audit_action_label (actions[i]));

  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->action_dropdown, 0);
}

static void
on_organizations_changed_cb (DaAuditLogPage *self)
{
  GListModel *orgs = da_context_get_organizations (get_context (self));
  g_autofree char *selected = self->filter != NULL ? g_strdup (self->filter->org_id) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (orgs);
  guint position = 0;

  g_ptr_array_set_size (self->org_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);

      g_ptr_array_add (self->org_ids, g_strdup (da_organization_get_org_id (org)));
      g_ptr_array_add (names, (gpointer) da_organization_get_org_name (org));
      if (g_strcmp0 (selected, da_organization_get_org_id (org)) == 0)
        position = i + 1;
    }
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_by_func (self->org_dropdown, on_filters_changed_cb, self);
  gtk_string_list_splice (self->org_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->org_names)) - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->org_dropdown, position);
  g_signal_handlers_unblock_by_func (self->org_dropdown, on_filters_changed_cb, self);

  /* A chosen organization that is gone no longer filters. */
  if (selected != NULL && position == 0)
    on_filters_changed_cb (self);
}

/* ---- Live -------------------------------------------------------------------------------- */

static void
newer_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DaAuditLogPage *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint matched = 0;

  items = da_pager_fetch_newer_finish (DA_PAGER (object), result, &error);
  if (DA_PAGER (object) != self->pager || g_error_matches (error, G_IO_ERROR,
                                                           G_IO_ERROR_CANCELLED))
    return;

  self->polling = FALSE;

  if (items == NULL)
    {
      /* A missed poll is not the page's failure: say so, and the next poll tries again. */
      g_autofree char *message = g_strdup_printf (_("Could not check for new events: %s"),
                                                  error->message);

      if (!g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
        da_page_show_toast (DA_PAGE (self), message);
      return;
    }

  if (items->len == 0)
    return;

  for (guint i = 0; i < items->len; i++)
    if (da_audit_filter_match (self->filter, g_ptr_array_index (items, i), get_context (self)))
      matched++;

  /* The list view keeps the rows in view where they are: the new ones go above. */
  da_pager_prepend (self->pager, items);
  self->new_count += matched;
  update_new_events (self);
  update_filter_note (self);

  if (da_state_view_get_state (self->state_view) == DA_STATE_VIEW_EMPTY)
    da_state_view_show_content (self->state_view);
}

static gboolean
poll_cb (gpointer user_data)
{
  DaAuditLogPage *self = user_data;

  if (self->pager == NULL || self->polling || self->next_pager != NULL)
    return G_SOURCE_CONTINUE;

  self->polling = TRUE;
  da_pager_fetch_newer_async (self->pager, self->live_cancellable, newer_cb, request_new (self));
  return G_SOURCE_CONTINUE;
}

static void
on_live_toggled_cb (DaAuditLogPage *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->live_button));

  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (!active)
    {
      stop_polling (self);
      return;
    }

  self->poll_source = g_timeout_add (self->poll_interval_ms, poll_cb, self);
  poll_cb (self);
}

static void
on_new_events_clicked_cb (DaAuditLogPage *self)
{
  gtk_adjustment_set_value (get_vadjustment (self), 0);
  self->new_count = 0;
  update_new_events (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* ---- Details ----------------------------------------------------------------------------- */

static void
on_selection_changed_cb (DaAuditLogPage *self)
{
  DaAuditEvent *event = gtk_single_selection_get_selected_item (self->selection);

  da_audit_event_details_set_event (self->details, event, get_context (self));
  adw_flap_set_reveal_flap (self->flap, event != NULL);
}

static void
on_reveal_flap_changed_cb (DaAuditLogPage *self)
{
  /* Closed by the person (a folded flap closes on a click outside): nothing is selected. */
  if (!adw_flap_get_reveal_flap (self->flap))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
on_details_close_cb (DaAuditLogPage *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* ---- Columns ----------------------------------------------------------------------------- */

typedef enum
{
  COLUMN_TIME,
  COLUMN_ACTION,
  COLUMN_ACTOR,
  COLUMN_ORGANIZATION,
  COLUMN_DETAILS,
} Column;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (GPOINTER_TO_UINT (user_data) == COLUMN_TIME)
    gtk_widget_add_css_class (label, "numeric");
  /* All but Details have fixed widths: their cells need not be measured across. */
  gtk_list_item_set_child (list_item, GPOINTER_TO_UINT (user_data) != COLUMN_DETAILS
                                      ? da_fixed_width_new (label) : label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DaAuditLogPage           *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "da-column"));
  DaAuditEvent *event = da_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (da_fixed_width_get_item_content (list_item));
  g_autofree char *owned = NULL;
  const char *text = NULL;
  const char *tooltip = NULL;

  switch (column)
    {
    case COLUMN_TIME:
      {
        gint64 created_at = da_audit_event_get_created_at (event);

        if (created_at != DA_TIME_UNSET)
          {
            g_autofree char *exact = da_format_exact_time (created_at);

            text = owned = da_format_relative_time (created_at, da_now ());
            da_cell_set_tooltip (GTK_WIDGET (label), exact);
          }
        else
          da_cell_set_tooltip (GTK_WIDGET (label), NULL);
        g_object_set_data (G_OBJECT (label), "da-audit-event", event);
      }
      break;

    case COLUMN_ACTION:
      text = da_audit_action_label (da_audit_event_get_action (event));
      tooltip = da_audit_event_get_action (event);
      break;

    case COLUMN_ACTOR:
      text = tooltip = da_audit_actor (event);
      break;

    case COLUMN_ORGANIZATION:
      {
        const char *org_id = da_audit_event_get_org_id (event);
        const char *name = org_id != NULL ? da_context_lookup_org_name (get_context (self), org_id)
                                          : NULL;

        text = name != NULL ? name : org_id;
        tooltip = org_id;
      }
      break;

    case COLUMN_DETAILS:
    default:
      text = tooltip = owned = da_audit_summarize_data (event);
      break;
    }

  gtk_label_set_label (label, text != NULL ? text : "");
  if (column != COLUMN_TIME)
    da_cell_set_tooltip (GTK_WIDGET (label), tooltip);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (da_fixed_width_get_item_content (list_item)), "da-audit-event",
                     NULL);
}

static void
add_column (DaAuditLogPage *self,
            Column          column,
            const char     *title,
            int             fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "da-column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  else
    gtk_column_view_column_set_expand (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

/* ---- Export ------------------------------------------------------------------------------ */

static void
set_exporting (DaAuditLogPage *self,
               gboolean        exporting)
{
  gboolean can = !exporting && self->loaded;

  da_page_set_can_export (DA_PAGE (self), can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-csv", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-json-lines", can);
}

static void
export_progress_cb (guint64  n_written,
                    double   fraction,
                    gpointer user_data)
{
  DaAuditLogPage *self = user_data;
  g_autofree char *count = NULL;
  g_autofree char *body = NULL;

  if (self->export_dialog == NULL)
    return;

  count = da_format_count ((gint64) n_written);
  body = g_strdup_printf (ngettext ("%s event written so far.", "%s events written so far.",
                                    (gulong) MIN (n_written, G_MAXULONG)), count);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self->export_dialog), body);

  if (fraction >= 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->export_progress), fraction);
  else
    gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->export_progress));
}

static void
close_export_dialog (DaAuditLogPage *self)
{
  if (self->export_dialog == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->export_dialog, self);
  gtk_window_destroy (GTK_WINDOW (self->export_dialog));
  g_clear_object (&self->export_dialog);
  self->export_progress = NULL;
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DaAuditLogPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 n_written = 0;

  da_audit_export_finish (result, &n_written, &error);

  close_export_dialog (self);
  g_clear_object (&self->export_cancellable);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  set_exporting (self, FALSE);

  if (error == NULL)
    {
      g_autofree char *count = da_format_count ((gint64) n_written);
      g_autofree char *message = g_strdup_printf (ngettext ("Exported %s event",
                                                            "Exported %s events",
                                                            (gulong) MIN (n_written, G_MAXULONG)),
                                                  count);

      da_page_show_toast (DA_PAGE (self), message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      da_page_show_toast (DA_PAGE (self), _("Export cancelled; no file was written"));
    }
  else
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Export Failed"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s\n\nNo file was written. Try again, or choose "
                                        "another place to save it."),
                                      error->message);
      gtk_widget_set_name (dialog, "audit-export-error-dialog");
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_export_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              DaAuditLogPage   *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

typedef struct
{
  DaAuditLogPage      *self;
  DaAuditExportFormat  format;
} ExportRequest;

static void
export_file_chosen_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autofree ExportRequest *request = user_data;
  g_autoptr(DaAuditLogPage) self = request->self;
  g_autoptr(GFile) file = da_choose_save_file_finish (result);
  GtkRoot *root;

  if (file == NULL || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    {
      set_exporting (self, FALSE);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->export_dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                _("Exporting the Audit Log"),
                                                _("Reading the first events…"));
  g_object_ref_sink (self->export_dialog);
  gtk_widget_set_name (self->export_dialog, "audit-export-dialog");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self->export_dialog), "cancel",
                                   _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self->export_dialog), "cancel");
  self->export_progress = gtk_progress_bar_new ();
  gtk_widget_set_name (self->export_progress, "audit-export-progress");
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (self->export_progress), 0.1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self->export_dialog),
                                      self->export_progress);
  g_signal_connect_object (self->export_dialog, "response",
                           G_CALLBACK (on_export_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->export_dialog));

  self->export_cancellable = g_cancellable_new ();
  da_audit_export_async (get_context (self), self->since, self->until, self->filter,
                         request->format, file, export_progress_cb, self,
                         self->export_cancellable, exported_cb, g_object_ref (self));
}

static void
start_export (DaAuditLogPage      *self,
              DaAuditExportFormat  format)
{
  ExportRequest *request;
  gboolean csv = format == DA_AUDIT_EXPORT_CSV;

  if (self->export_cancellable != NULL || !self->loaded)
    return;

  set_exporting (self, TRUE);
  request = g_new0 (ExportRequest, 1);
  request->self = g_object_ref (self);
  request->format = format;
  da_choose_save_file_async (GTK_WIDGET (self), _("Export Audit Log"),
                             csv ? "audit-log.csv" : "audit-log.jsonl",
                             csv ? _("CSV files") : _("JSON Lines files"),
                             csv ? "*.csv" : "*.jsonl",
                             NULL, export_file_chosen_cb, request);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DaAuditLogPage *self = DA_AUDIT_LOG_PAGE (widget);

  start_export (self, g_str_equal (action_name, "page.export-csv") ? DA_AUDIT_EXPORT_CSV
                                                                   : DA_AUDIT_EXPORT_JSON_LINES);
}

/* ---- DaPage ------------------------------------------------------------------------------ */

static void
da_audit_log_page_refresh (DaPage *page)
{
  DaAuditLogPage *self = DA_AUDIT_LOG_PAGE (page);

  start_load (self, self->loaded && da_page_get_error (page) == NULL);
}

static void
da_audit_log_page_focus_search (DaPage *page)
{
  DaAuditLogPage *self = DA_AUDIT_LOG_PAGE (page);

  gtk_widget_grab_focus (self->search_entry);
}

static void
da_audit_log_page_export (DaPage *page)
{
  DaAuditLogPage *self = DA_AUDIT_LOG_PAGE (page);

  gtk_menu_button_popup (GTK_MENU_BUTTON (self->export_button));
}

static void
on_range_changed_cb (DaAuditLogPage *self)
{
  start_load (self, FALSE);
}

static void
on_state_retry_cb (DaAuditLogPage *self)
{
  start_load (self, FALSE);
}

static void
on_footer_retry_cb (DaAuditLogPage *self)
{
  if (self->refresh_failed)
    {
      self->refresh_failed = FALSE;
      start_load (self, TRUE);
      return;
    }

  /* The pager continues where it stopped: the failed page is asked for again. */
  self->more_failed = FALSE;
  load_more (self);
}

static void
da_audit_log_page_map (GtkWidget *widget)
{
  DaAuditLogPage *self = DA_AUDIT_LOG_PAGE (widget);

  GTK_WIDGET_CLASS (da_audit_log_page_parent_class)->map (widget);

  /* Load when first shown. */
  if (!self->loaded && self->next_pager == NULL)
    start_load (self, FALSE);
  else
    queue_maybe_load_more (self);
}

static void
da_audit_log_page_constructed (GObject *object)
{
  DaAuditLogPage *self = (DaAuditLogPage *)object;
  GListModel *orgs;

  G_OBJECT_CLASS (da_audit_log_page_parent_class)->constructed (object);

  orgs = da_context_get_organizations (get_context (self));
  g_signal_connect_object (orgs, "items-changed", G_CALLBACK (on_organizations_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_organizations_changed_cb (self);
}

static void
da_audit_log_page_dispose (GObject *object)
{
  DaAuditLogPage *self = (DaAuditLogPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->live_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  cancel_maybe_load_more (self);
  close_export_dialog (self);

  if (self->pager != NULL)
    g_signal_handlers_disconnect_by_data (self->pager, self);
  g_clear_object (&self->pager);
  g_clear_object (&self->next_pager);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_AUDIT_LOG_PAGE);
  /* Children the template made but did not bind are ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->custom_filter);
  g_clear_object (&self->org_names);

  G_OBJECT_CLASS (da_audit_log_page_parent_class)->dispose (object);
}

static void
da_audit_log_page_finalize (GObject *object)
{
  DaAuditLogPage *self = (DaAuditLogPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->live_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_pointer (&self->filter, da_audit_filter_free);
  g_clear_pointer (&self->org_ids, g_ptr_array_unref);
  g_clear_error (&self->first_error);

  G_OBJECT_CLASS (da_audit_log_page_parent_class)->finalize (object);
}

static void
da_audit_log_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_audit_log_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_audit_log_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = da_audit_log_page_refresh;
  iface->focus_search = da_audit_log_page_focus_search;
  iface->export = da_audit_log_page_export;
}

static void
da_audit_log_page_class_init (DaAuditLogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = da_audit_log_page_constructed;
  object_class->dispose = da_audit_log_page_dispose;
  object_class->finalize = da_audit_log_page_finalize;
  object_class->get_property = da_audit_log_page_get_property;
  object_class->set_property = da_audit_log_page_set_property;

  widget_class->map = da_audit_log_page_map;

  da_page_install_properties (object_class, N_PROPS);

  g_type_ensure (DA_TYPE_STATE_VIEW);
  g_type_ensure (DA_TYPE_LIST_FOOTER);
  g_type_ensure (DA_TYPE_ROW_VIEWPORT);
  g_type_ensure (DA_TYPE_DATE_RANGE_BUTTON);
  g_type_ensure (DA_TYPE_AUDIT_EVENT_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-audit-log-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, range_button);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, filter_button_label);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, actor_entry);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, org_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, live_button);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, filter_note);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, flap);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, row_viewport);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, footer);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, new_events_button);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, new_events_content);
  gtk_widget_class_bind_template_child (widget_class, DaAuditLogPage, details);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_live_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_events_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_state_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_footer_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_flap_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_close_cb);

  gtk_widget_class_install_action (widget_class, "page.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "page.export-json-lines", NULL, export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_audit_log_page_init (DaAuditLogPage *self)
{
  GtkAdjustment *adjustment;

  self->since = DA_TIME_UNSET;
  self->until = DA_TIME_UNSET;
  self->poll_interval_ms = DEFAULT_POLL_INTERVAL_MS;
  self->restore_value = -1;
  self->filter = da_audit_filter_new ();
  self->org_ids = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->live_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Narrow windows: the entry gives way rather than widen the page. */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search_entry), 8);

  da_page_set_title (DA_PAGE (self), _("Audit Log"));
  da_page_set_icon_name (DA_PAGE (self), "document-open-recent-symbolic");
  da_page_set_can_search (DA_PAGE (self), TRUE);
  set_exporting (self, FALSE);

  /* The empty model until the first page is there. */
  self->custom_filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->custom_filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  da_row_viewport_set_model (self->row_viewport, GTK_SELECTION_MODEL (self->selection));

  add_column (self, COLUMN_TIME, _("Time"), 150);
  add_column (self, COLUMN_ACTION, _("Action"), 230);
  add_column (self, COLUMN_ACTOR, _("Actor"), 230);
  add_column (self, COLUMN_ORGANIZATION, _("Organization"), 160);
  add_column (self, COLUMN_DETAILS, _("Details"), -1);

  fill_action_dropdown (self);
  self->org_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->org_names, _("All Organizations"));
  gtk_drop_down_set_model (self->org_dropdown, G_LIST_MODEL (self->org_names));
  gtk_drop_down_set_selected (self->org_dropdown, 0);

  adjustment = get_vadjustment (self);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_adjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_filter_note), self, G_CONNECT_SWAPPED);

  update_live_sensitivity (self);
  update_new_events (self);
}

GtkWidget *
da_audit_log_page_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_AUDIT_LOG_PAGE,
                       "context", context,
                       NULL);
}

void
da_audit_log_page_get_range (DaAuditLogPage *self,
                             gint64         *since,
                             gint64         *until)
{
  g_return_if_fail (DA_IS_AUDIT_LOG_PAGE (self));

  if (since != NULL)
    *since = self->since;
  if (until != NULL)
    *until = self->until;
}

gboolean
da_audit_log_page_get_complete (DaAuditLogPage *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_LOG_PAGE (self), FALSE);

  return self->pager != NULL && !da_pager_get_has_more (self->pager);
}

void
da_audit_log_page_set_poll_interval (DaAuditLogPage *self,
                                     guint           interval_ms)
{
  g_return_if_fail (DA_IS_AUDIT_LOG_PAGE (self));

  self->poll_interval_ms = MAX (interval_ms, 10);
  if (self->poll_source != 0)
    {
      g_clear_handle_id (&self->poll_source, g_source_remove);
      self->poll_source = g_timeout_add (self->poll_interval_ms, poll_cb, self);
    }
}

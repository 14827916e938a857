/* da-sessions-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model chain: the DaPager's GListStore of DaSession → GtkFilterListModel (status, over what
 * is loaded) → GtkSortListModel (the column view's sorter) → GtkSingleSelection → GtkColumnView.
 * Sessions name their creator by ID only: the emails are asked for one member at a time as rows
 * show them, and kept.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-date-range-button.h"
#include "da-format.h"
#include "da-list-footer.h"
#include "da-session-details.h"
#include "da-sessions-page.h"
#include "da-state-view.h"

#define PAGE_SIZE 100

struct _DaSessionsPage
{
  GtkWidget           parent_instance;

  /* Owned */
  DaPager            *pager;
  DaPager            *next_pager;
  DaSessionQuery     *query;
  DaSessionQuery     *next_query;
  GCancellable       *cancellable;         /* loads of the list */
  GCancellable       *lookup_cancellable;  /* members: their emails, the creator filter */
  GtkCustomFilter    *status_filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  GtkStringList      *org_names;
  GPtrArray          *org_ids;             /* org_ids[i] is item i + 1 of the dropdown */
  char               *status;              /* the status filter, or NULL */
  char               *user_id;             /* the creator filter, or NULL */
  GHashTable         *emails;              /* user_id → email ("" when unknown) */
  GHashTable         *pending_emails;      /* user_ids being asked for */
  GHashTable         *creator_labels;      /* bound creator GtkLabel → user_id */
  GdkFrameClock      *after_paint_clock;
  gulong              after_paint_id;
  guint               generation;
  guint               first_pending;
  GError             *first_error;
  gboolean            keep_content;
  gboolean            loaded;
  gboolean            more_failed;
  gboolean            refresh_failed;

  /* Template widgets */
  GtkDropDown        *org_dropdown;
  GtkWidget          *user_entry;
  DaDateRangeButton  *range_button;
  GtkDropDown        *status_dropdown;
  GtkWidget          *user_error;
  GtkWidget          *filter_note;
  DaStateView        *state_view;
  AdwFlap            *flap;
  GtkWidget          *scrolled_window;
  GtkColumnView      *column_view;
  DaListFooter       *footer;
  DaSessionDetails   *details;
};

static void da_sessions_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaSessionsPage, da_sessions_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE, da_sessions_page_iface_init))

enum {
  PROP_0,
  N_PROPS
};

typedef struct
{
  DaSessionsPage *self;
  guint           generation;
  char           *text;
} Request;

static Request *
request_new (DaSessionsPage *self,
             const char     *text)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->generation = self->generation;
  request->text = g_strdup (text);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request->text);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static gboolean
request_is_current (Request *request)
{
  return request->generation == request->self->generation;
}

static DaContext *
get_context (DaSessionsPage *self)
{
  return da_page_get_context (DA_PAGE (self));
}

static DaClient *
get_client (DaSessionsPage *self)
{
  return da_context_get_client (get_context (self));
}

static GtkAdjustment *
get_vadjustment (DaSessionsPage *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled_window));
}

static gboolean
is_sorted (DaSessionsPage *self)
{
  GtkSorter *sorter;

  /* (the columns go while the page is disposed, and the sorter says so) */
  if (self->column_view == NULL)
    return FALSE;

  sorter = gtk_column_view_get_sorter (self->column_view);
  return sorter != NULL && gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE;
}

/* ---- Creators ---------------------------------------------------------------------------- */

/* The creator's email when known, else NULL. */
static const char *
lookup_email (DaSessionsPage *self,
              const char     *user_id)
{
  const char *email;

  if (user_id == NULL)
    return NULL;

  email = g_hash_table_lookup (self->emails, user_id);
  return email != NULL && *email != '\0' ? email : NULL;
}

static void
show_email (DaSessionsPage *self,
            const char     *user_id)
{
  const char *email = lookup_email (self, user_id);
  GHashTableIter iter;
  gpointer label, id;
  DaSession *shown;

  g_hash_table_iter_init (&iter, self->creator_labels);
  while (g_hash_table_iter_next (&iter, &label, &id))
    if (g_strcmp0 (id, user_id) == 0)
      gtk_label_set_label (label, email != NULL ? email : user_id);

  shown = da_session_details_get_session (self->details);
  if (shown != NULL && g_strcmp0 (da_session_get_user_id (shown), user_id) == 0)
    da_session_details_set_creator (self->details, email);
}

static void
member_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DaSessionsPage *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = NULL;

  member = da_client_get_member_finish (DA_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_hash_table_remove (self->pending_emails, request->text);
  /* A member who left, or who could not be asked for: the row keeps the ID. */
  if (member == NULL)
    g_debug ("Sessions: no email for %s: %s", request->text, error->message);
  g_hash_table_replace (self->emails, g_strdup (request->text),
                        g_strdup (member != NULL && da_member_get_email (member) != NULL
                                  ? da_member_get_email (member) : ""));
  show_email (self, request->text);
}

static void
request_email (DaSessionsPage *self,
               const char     *user_id)
{
  if (user_id == NULL || g_hash_table_contains (self->emails, user_id) ||
      g_hash_table_contains (self->pending_emails, user_id))
    return;

  g_hash_table_add (self->pending_emails, g_strdup (user_id));
  da_client_get_member_async (get_client (self), user_id, self->lookup_cancellable, member_cb,
                              request_new (self, user_id));
}

/* ---- State ------------------------------------------------------------------------------- */

static void
update_busy (DaSessionsPage *self)
{
  da_page_set_busy (DA_PAGE (self), self->next_pager != NULL ||
                                    (self->pager != NULL && da_pager_get_loading (self->pager)));
}

static void
update_footer (DaSessionsPage *self)
{
  if (self->more_failed || self->refresh_failed)
    return;

  if (self->pager != NULL && da_pager_get_loading (self->pager))
    da_list_footer_show_loading (self->footer,
                                 g_list_model_get_n_items (da_pager_get_model (self->pager)),
                                 da_pager_get_total (self->pager));
  else
    da_list_footer_hide (self->footer);
}

static void
update_filter_note (DaSessionsPage *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;
  guint n_total;

  if (self->pager == NULL || self->status == NULL)
    {
      gtk_widget_set_visible (self->filter_note, FALSE);
      return;
    }

  n_total = g_list_model_get_n_items (da_pager_get_model (self->pager));
  shown = da_format_count (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)));
  total = da_format_count (n_total);
  if (!da_pager_get_has_more (self->pager))
    text = g_strdup_printf (ngettext ("Showing %s of %s session.",
                                      "Showing %s of %s sessions.", n_total),
                            shown, total);
  else
    text = g_strdup_printf (ngettext ("Showing %s of %s session loaded so far. The status "
                                      "filter applies to loaded sessions; more load as you "
                                      "scroll.",
                                      "Showing %s of %s sessions loaded so far. The status "
                                      "filter applies to loaded sessions; more load as you "
                                      "scroll.", n_total),
                            shown, total);

  gtk_label_set_label (GTK_LABEL (self->filter_note), text);
  gtk_widget_set_visible (self->filter_note, TRUE);
}

/* ---- Loading more ------------------------------------------------------------------------ */

static void more_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
load_more (DaSessionsPage *self)
{
  if (self->pager == NULL || !da_pager_get_has_more (self->pager) ||
      da_pager_get_loading (self->pager) || self->more_failed || self->refresh_failed)
    return;

  /* A sorted list is sorted over every session of the query. */
  if (is_sorted (self))
    da_pager_load_all_async (self->pager, self->cancellable, more_cb, request_new (self, "all"));
  else
    da_pager_load_next_async (self->pager, self->cancellable, more_cb, request_new (self, NULL));
  update_footer (self);
  update_busy (self);
}

static gboolean
near_end (DaSessionsPage *self)
{
  GtkAdjustment *adjustment = get_vadjustment (self);

  return gtk_adjustment_get_value (adjustment) + 2 * gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment);
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   DaSessionsPage *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  g_clear_object (&self->after_paint_clock);

  if (gtk_widget_get_mapped (self->scrolled_window) && (near_end (self) || is_sorted (self)))
    load_more (self);
}

/* Checks whether more is needed once the list is laid out again. */
static void
queue_maybe_load_more (DaSessionsPage *self)
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
cancel_maybe_load_more (DaSessionsPage *self)
{
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
  DaSessionsPage *self = request->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (request->text != NULL)
    ok = da_pager_load_all_finish (DA_PAGER (object), result, &error);
  else
    ok = da_pager_load_next_finish (DA_PAGER (object), result, &error);

  if (!request_is_current (request) || DA_PAGER (object) != self->pager)
    return;

  update_busy (self);
  if (!ok)
    {
      if (da_page_handle_error (DA_PAGE (self), error) == DA_PAGE_ERROR_IN_PAGE)
        {
          self->more_failed = TRUE;
          da_list_footer_show_error (self->footer, error);
        }
      else
        update_footer (self);
      return;
    }

  da_page_set_error (DA_PAGE (self), NULL);
  update_footer (self);
  update_filter_note (self);
  queue_maybe_load_more (self);
}

static void
on_pager_changed_cb (DaSessionsPage *self)
{
  update_busy (self);
  if (self->pager != NULL && da_pager_get_loading (self->pager))
    update_footer (self);
}

/* ---- Loading the list -------------------------------------------------------------------- */

static void
select_by_id (DaSessionsPage *self,
              const char     *id)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);

  if (id != NULL)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DaSession) session = g_list_model_get_item (model, i);

        if (g_strcmp0 (da_session_get_session_id (session), id) == 0)
          {
            gtk_single_selection_set_selected (self->selection, i);
            return;
          }
      }

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
swap_in (DaSessionsPage *self)
{
  DaSession *selected = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *selected_id = selected != NULL ? g_strdup (da_session_get_session_id (selected))
                                                  : NULL;
  gboolean keep = self->keep_content;

  if (self->pager != NULL)
    g_signal_handlers_disconnect_by_data (self->pager, self);
  g_clear_object (&self->pager);
  self->pager = g_steal_pointer (&self->next_pager);
  g_clear_pointer (&self->query, da_session_query_free);
  self->query = g_steal_pointer (&self->next_query);
  g_signal_connect_object (self->pager, "notify::loading", G_CALLBACK (on_pager_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pager, "page-loaded", G_CALLBACK (on_pager_changed_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_filter_list_model_set_model (self->filter_model, da_pager_get_model (self->pager));
  select_by_id (self, keep ? selected_id : NULL);
  if (!keep)
    gtk_adjustment_set_value (get_vadjustment (self), 0);

  self->loaded = TRUE;
  self->more_failed = FALSE;
  self->refresh_failed = FALSE;
  da_page_set_error (DA_PAGE (self), NULL);

  if (g_list_model_get_n_items (da_pager_get_model (self->pager)) == 0)
    da_state_view_show_empty (self->state_view);
  else
    da_state_view_show_content (self->state_view);

  update_footer (self);
  update_filter_note (self);
  update_busy (self);
  queue_maybe_load_more (self);
}

static void
first_done (DaSessionsPage *self)
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
  g_clear_pointer (&self->next_query, da_session_query_free);
  update_busy (self);

  if (da_page_handle_error (DA_PAGE (self), error) != DA_PAGE_ERROR_IN_PAGE)
    return;

  if (self->keep_content && self->pager != NULL)
    {
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
  DaSessionsPage *self = request->self;
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

  if (!da_context_load_organizations_finish (DA_CONTEXT (object), result, &error))
    g_debug ("Sessions: organizations not loaded: %s", error->message);

  if (request_is_current (request))
    first_done (request->self);
}

static DaSessionQuery *
build_query (DaSessionsPage *self)
{
  DaSessionQuery *query = da_session_query_new ();
  guint org = gtk_drop_down_get_selected (self->org_dropdown);
  gint64 since, until;

  if (org != GTK_INVALID_LIST_POSITION && org > 0 && org - 1 < self->org_ids->len)
    {
      const char *ids[] = { g_ptr_array_index (self->org_ids, org - 1), NULL };

      query->org_ids = g_strdupv ((GStrv) ids);
    }

  if (self->user_id != NULL)
    {
      const char *ids[] = { self->user_id, NULL };

      query->user_ids = g_strdupv ((GStrv) ids);
    }

  da_date_range_button_get_bounds (self->range_button, &since, &until);
  query->created_from = since;
  /* The API's bound is inclusive: the last second of the range. */
  query->created_to = until != DA_TIME_UNSET ? until - 1 : DA_TIME_UNSET;

  return query;
}

static void
start_load (DaSessionsPage *self,
            gboolean        keep_content)
{
  DaContext *context = get_context (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  g_clear_object (&self->next_pager);
  g_clear_pointer (&self->next_query, da_session_query_free);
  g_clear_error (&self->first_error);
  cancel_maybe_load_more (self);

  self->keep_content = keep_content && self->pager != NULL;
  self->next_query = build_query (self);
  self->next_pager = da_client_list_sessions (get_client (self), self->next_query, TRUE);
  da_pager_set_page_size (self->next_pager, PAGE_SIZE);

  self->first_pending = 1;
  if (!da_context_get_organizations_loaded (context))
    {
      self->first_pending++;
      da_context_load_organizations_async (context, FALSE, self->cancellable, orgs_cb,
                                           request_new (self, NULL));
    }
  da_pager_load_next_async (self->next_pager, self->cancellable, first_page_cb,
                            request_new (self, NULL));

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
status_filter_func (gpointer item,
                    gpointer user_data)
{
  DaSessionsPage *self = user_data;

  return self->status == NULL || g_strcmp0 (self->status, da_session_get_status (item)) == 0;
}

static void
on_status_changed_cb (DaSessionsPage *self)
{
  const char * const *statuses = da_session_known_statuses ();
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  g_clear_pointer (&self->status, g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->status = g_strdup (statuses[selected - 1]);

  gtk_filter_changed (GTK_FILTER (self->status_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_filter_note (self);
  queue_maybe_load_more (self);
}

static void
on_server_filters_changed_cb (DaSessionsPage *self)
{
  if (self->loaded || self->next_pager != NULL)
    start_load (self, FALSE);
}

static void
show_user_error (DaSessionsPage *self,
                 const char     *message)
{
  gtk_label_set_label (GTK_LABEL (self->user_error), message != NULL ? message : "");
  gtk_widget_set_visible (self->user_error, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (self->user_entry, "error");
  else
    gtk_widget_remove_css_class (self->user_entry, "error");
}

static void
user_found_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DaSessionsPage *self = request->self;
  DaPager *pager = DA_PAGER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = NULL;

  if (!da_pager_load_next_finish (pager, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          da_page_handle_error (DA_PAGE (self), error) != DA_PAGE_ERROR_IN_PAGE)
        return;

      /* The list is fine: only the look-up failed. Say so next to the entry. */
      da_page_set_error (DA_PAGE (self), NULL);
      message = g_strdup_printf (_("Could not look the member up: %s"), error->message);
      show_user_error (self, message);
      return;
    }

  /* The text may have changed while the member was asked for. */
  if (g_strcmp0 (request->text, gtk_editable_get_text (GTK_EDITABLE (self->user_entry))) != 0)
    return;

  if (g_list_model_get_n_items (da_pager_get_model (pager)) > 0)
    member = g_list_model_get_item (da_pager_get_model (pager), 0);

  if (member == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No member has the email “%s”. Check the "
                                                    "address, or clear it to see every "
                                                    "creator’s sessions."),
                                                  request->text);

      show_user_error (self, message);
      return;
    }

  show_user_error (self, NULL);
  g_hash_table_replace (self->emails, g_strdup (da_member_get_user_id (member)),
                        g_strdup (da_member_get_email (member)));
  g_free (self->user_id);
  self->user_id = g_strdup (da_member_get_user_id (member));
  start_load (self, FALSE);
}

static void
on_user_activate_cb (DaSessionsPage *self)
{
  g_autofree char *email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_entry))));
  g_autoptr(DaPager) pager = NULL;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->pending_emails);

  if (*email == '\0')
    {
      show_user_error (self, NULL);
      if (self->user_id != NULL)
        {
          g_clear_pointer (&self->user_id, g_free);
          start_load (self, FALSE);
        }
      return;
    }

  pager = da_client_list_members (get_client (self), email);
  da_pager_set_page_size (pager, 1);
  da_pager_load_next_async (pager, self->lookup_cancellable, user_found_cb,
                            request_new (self, gtk_editable_get_text (GTK_EDITABLE (self->user_entry))));
}

static void
on_user_changed_cb (DaSessionsPage *self)
{
  /* Cleared: every creator again. Typed: applied on Enter. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->user_entry)) == '\0')
    on_user_activate_cb (self);
  else
    show_user_error (self, NULL);
}

static void
on_organizations_changed_cb (DaSessionsPage *self)
{
  GListModel *orgs = da_context_get_organizations (get_context (self));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = gtk_drop_down_get_selected (self->org_dropdown);
  g_autofree char *selected_id = NULL;
  guint n = g_list_model_get_n_items (orgs);
  guint position = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected - 1 < self->org_ids->len)
    selected_id = g_strdup (g_ptr_array_index (self->org_ids, selected - 1));

  g_ptr_array_set_size (self->org_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);

      g_ptr_array_add (self->org_ids, g_strdup (da_organization_get_org_id (org)));
      g_ptr_array_add (names, (gpointer) da_organization_get_org_name (org));
      if (g_strcmp0 (selected_id, da_organization_get_org_id (org)) == 0)
        position = i + 1;
    }
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_by_func (self->org_dropdown, on_server_filters_changed_cb, self);
  gtk_string_list_splice (self->org_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->org_names)) - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->org_dropdown, position);
  g_signal_handlers_unblock_by_func (self->org_dropdown, on_server_filters_changed_cb, self);

  if (selected_id != NULL && position == 0)
    on_server_filters_changed_cb (self);
}

/* ---- Details ----------------------------------------------------------------------------- */

static void
on_selection_changed_cb (DaSessionsPage *self)
{
  DaSession *session = gtk_single_selection_get_selected_item (self->selection);

  if (session != NULL)
    request_email (self, da_session_get_user_id (session));
  da_session_details_set_session (self->details, session, get_context (self),
                                  session != NULL ? lookup_email (self,
                                                                  da_session_get_user_id (session))
                                                  : NULL);
  adw_flap_set_reveal_flap (self->flap, session != NULL);
}

static void
on_reveal_flap_changed_cb (DaSessionsPage *self)
{
  if (!adw_flap_get_reveal_flap (self->flap))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
on_details_close_cb (DaSessionsPage *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* ---- Columns ----------------------------------------------------------------------------- */

typedef enum
{
  COLUMN_TITLE,
  COLUMN_ORGANIZATION,
  COLUMN_CREATOR,
  COLUMN_STATUS,
  COLUMN_ACUS,
  COLUMN_CREATED,
  COLUMN_PRS,
} Column;

typedef struct
{
  DaSessionsPage *self;
  Column          column;
} ColumnData;

static const char *
org_name_of (DaSessionsPage *self,
             DaSession      *session)
{
  const char *org_id = da_session_get_org_id (session);
  const char *name = org_id != NULL ? da_context_lookup_org_name (get_context (self), org_id)
                                    : NULL;

  return name != NULL ? name : org_id;
}

static int
compare_strings (const char *a,
                 const char *b)
{
  g_autofree char *fa = a != NULL ? g_utf8_collate_key (a, -1) : NULL;
  g_autofree char *fb = b != NULL ? g_utf8_collate_key (b, -1) : NULL;

  return g_strcmp0 (fa, fb);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  ColumnData *data = user_data;
  DaSession *sa = (DaSession *) a;
  DaSession *sb = (DaSession *) b;
  DaSessionsPage *self = data->self;
  int result = 0;

  switch (data->column)
    {
    case COLUMN_TITLE:
      result = compare_strings (da_session_get_title (sa), da_session_get_title (sb));
      break;

    case COLUMN_ORGANIZATION:
      result = compare_strings (org_name_of (self, sa), org_name_of (self, sb));
      break;

    case COLUMN_CREATOR:
      {
        const char *ea = lookup_email (self, da_session_get_user_id (sa));
        const char *eb = lookup_email (self, da_session_get_user_id (sb));

        result = compare_strings (ea != NULL ? ea : da_session_get_user_id (sa),
                                  eb != NULL ? eb : da_session_get_user_id (sb));
      }
      break;

    case COLUMN_STATUS:
      result = compare_strings (da_session_status_label (da_session_get_status (sa)),
                                da_session_status_label (da_session_get_status (sb)));
      break;

    case COLUMN_ACUS:
      {
        double x = da_session_get_acus_consumed (sa), y = da_session_get_acus_consumed (sb);

        result = x < y ? -1 : x > y ? 1 : 0;
      }
      break;

    case COLUMN_CREATED:
      {
        gint64 x = da_session_get_created_at (sa), y = da_session_get_created_at (sb);

        result = x < y ? -1 : x > y ? 1 : 0;
      }
      break;

    case COLUMN_PRS:
    default:
      {
        guint x = 0, y = 0;

        da_session_get_pull_requests (sa, &x);
        da_session_get_pull_requests (sb, &y);
        result = x < y ? -1 : x > y ? 1 : 0;
      }
      break;
    }

  /* Ties keep a stable order: the session ID. */
  if (result == 0)
    result = g_strcmp0 (da_session_get_session_id (sa), da_session_get_session_id (sb));

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_ACUS ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column == COLUMN_ACUS || column == COLUMN_CREATED)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ColumnData               *data)
{
  DaSessionsPage *self = data->self;
  DaSession *session = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *owned = NULL;
  g_autofree char *tooltip_owned = NULL;
  const char *text = NULL;
  const char *tooltip = NULL;

  switch (data->column)
    {
    case COLUMN_TITLE:
      text = tooltip = da_session_get_title (session);
      if (text == NULL)
        text = _("Untitled session");
      g_object_set_data (G_OBJECT (label), "da-session", session);
      break;

    case COLUMN_ORGANIZATION:
      text = org_name_of (self, session);
      tooltip = da_session_get_org_id (session);
      break;

    case COLUMN_CREATOR:
      {
        const char *user_id = da_session_get_user_id (session);
        const char *email = lookup_email (self, user_id);

        text = email != NULL ? email : user_id;
        tooltip = user_id;
        if (user_id != NULL)
          {
            g_hash_table_replace (self->creator_labels, label, g_strdup (user_id));
            request_email (self, user_id);
          }
      }
      break;

    case COLUMN_STATUS:
      {
        const char *style = da_session_status_style (da_session_get_status (session));

        text = da_session_status_label (da_session_get_status (session));
        tooltip = da_session_get_status (session);
        for (const char * const *s = (const char *[]) { "accent", "success", "error", "warning",
                                                        NULL }; *s != NULL; s++)
          gtk_widget_remove_css_class (label, *s);
        if (style != NULL)
          gtk_widget_add_css_class (label, style);
      }
      break;

    case COLUMN_ACUS:
      text = owned = da_format_acus (da_session_get_acus_consumed (session));
      break;

    case COLUMN_CREATED:
      if (da_session_get_created_at (session) != DA_TIME_UNSET)
        {
          text = owned = da_format_relative_time (da_session_get_created_at (session), da_now ());
          tooltip = tooltip_owned = da_format_exact_time (da_session_get_created_at (session));
        }
      break;

    case COLUMN_PRS:
    default:
      {
        const DaPullRequest *prs;
        guint n = 0;

        prs = da_session_get_pull_requests (session, &n);
        owned = da_session_format_pr_states (session);
        text = owned != NULL ? owned : "—";
        if (n > 0)
          {
            g_autoptr(GString) urls = g_string_new (NULL);

            for (guint i = 0; i < n; i++)
              if (prs[i].url != NULL)
                g_string_append_printf (urls, "%s%s", urls->len > 0 ? "\n" : "", prs[i].url);
            tooltip = tooltip_owned = g_string_free (g_steal_pointer (&urls), FALSE);
          }
      }
      break;
    }

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnData               *data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);

  if (data->column == COLUMN_CREATOR)
    g_hash_table_remove (data->self->creator_labels, label);
  else if (data->column == COLUMN_TITLE)
    g_object_set_data (G_OBJECT (label), "da-session", NULL);
}

static void
add_column (DaSessionsPage *self,
            Column          column,
            const char     *title,
            int             fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  ColumnData *data = g_new0 (ColumnData, 1);
  GtkSorter *sorter;

  data->self = self;
  data->column = column;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), data);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* A negative width: at least that wide, and it takes the room left. */
  gtk_column_view_column_set_fixed_width (view_column, ABS (fixed_width));
  gtk_column_view_column_set_expand (view_column, fixed_width < 0);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, data, g_free));
  gtk_column_view_column_set_sorter (view_column, sorter);
  g_object_unref (sorter);
  gtk_column_view_append_column (self->column_view, view_column);
}

static void
on_sorter_changed_cb (DaSessionsPage *self)
{
  /* Sorted by a column: load every session of the query, so the order is the whole list's. */
  if (is_sorted (self))
    load_more (self);
}

/* ---- DaPage ------------------------------------------------------------------------------ */

static void
da_sessions_page_refresh (DaPage *page)
{
  DaSessionsPage *self = DA_SESSIONS_PAGE (page);

  start_load (self, self->loaded && da_page_get_error (page) == NULL);
}

static void
da_sessions_page_focus_search (DaPage *page)
{
  DaSessionsPage *self = DA_SESSIONS_PAGE (page);

  gtk_widget_grab_focus (self->user_entry);
}

static void
on_state_retry_cb (DaSessionsPage *self)
{
  start_load (self, FALSE);
}

static void
on_footer_retry_cb (DaSessionsPage *self)
{
  if (self->refresh_failed)
    {
      self->refresh_failed = FALSE;
      start_load (self, TRUE);
      return;
    }

  self->more_failed = FALSE;
  load_more (self);
}

static void
on_adjustment_changed_cb (DaSessionsPage *self)
{
  queue_maybe_load_more (self);
}

static void
da_sessions_page_map (GtkWidget *widget)
{
  DaSessionsPage *self = DA_SESSIONS_PAGE (widget);

  GTK_WIDGET_CLASS (da_sessions_page_parent_class)->map (widget);

  if (!self->loaded && self->next_pager == NULL)
    start_load (self, FALSE);
  else
    queue_maybe_load_more (self);
}

static void
da_sessions_page_constructed (GObject *object)
{
  DaSessionsPage *self = (DaSessionsPage *)object;
  GListModel *orgs;

  G_OBJECT_CLASS (da_sessions_page_parent_class)->constructed (object);

  orgs = da_context_get_organizations (get_context (self));
  g_signal_connect_object (orgs, "items-changed", G_CALLBACK (on_organizations_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_organizations_changed_cb (self);
}

static void
da_sessions_page_dispose (GObject *object)
{
  DaSessionsPage *self = (DaSessionsPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  cancel_maybe_load_more (self);

  if (self->pager != NULL)
    g_signal_handlers_disconnect_by_data (self->pager, self);
  g_clear_object (&self->pager);
  g_clear_object (&self->next_pager);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_SESSIONS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->status_filter);
  g_clear_object (&self->org_names);

  G_OBJECT_CLASS (da_sessions_page_parent_class)->dispose (object);
}

static void
da_sessions_page_finalize (GObject *object)
{
  DaSessionsPage *self = (DaSessionsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->query, da_session_query_free);
  g_clear_pointer (&self->next_query, da_session_query_free);
  g_clear_pointer (&self->org_ids, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_hash_table_unref);
  g_clear_pointer (&self->pending_emails, g_hash_table_unref);
  g_clear_pointer (&self->creator_labels, g_hash_table_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_error (&self->first_error);

  G_OBJECT_CLASS (da_sessions_page_parent_class)->finalize (object);
}

static void
da_sessions_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_sessions_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_sessions_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = da_sessions_page_refresh;
  iface->focus_search = da_sessions_page_focus_search;
}

static void
da_sessions_page_class_init (DaSessionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = da_sessions_page_constructed;
  object_class->dispose = da_sessions_page_dispose;
  object_class->finalize = da_sessions_page_finalize;
  object_class->get_property = da_sessions_page_get_property;
  object_class->set_property = da_sessions_page_set_property;

  widget_class->map = da_sessions_page_map;

  da_page_install_properties (object_class, N_PROPS);

  g_type_ensure (DA_TYPE_STATE_VIEW);
  g_type_ensure (DA_TYPE_LIST_FOOTER);
  g_type_ensure (DA_TYPE_DATE_RANGE_BUTTON);
  g_type_ensure (DA_TYPE_SESSION_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-sessions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, org_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, range_button);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, user_error);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, filter_note);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, flap);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, footer);
  gtk_widget_class_bind_template_child (widget_class, DaSessionsPage, details);
  gtk_widget_class_bind_template_callback (widget_class, on_server_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_state_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_footer_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_flap_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_close_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_sessions_page_init (DaSessionsPage *self)
{
  const char * const *statuses = da_session_known_statuses ();
  g_autoptr(GtkStringList) status_labels = gtk_string_list_new (NULL);
  GtkAdjustment *adjustment;

  self->org_ids = g_ptr_array_new_with_free_func (g_free);
  self->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->creator_labels = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->cancellable = g_cancellable_new ();
  self->lookup_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Narrow windows: the entry gives way rather than widen the page. */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->user_entry), 8);

  da_page_set_title (DA_PAGE (self), _("Sessions"));
  da_page_set_icon_name (DA_PAGE (self), "utilities-terminal-symbolic");
  da_page_set_can_search (DA_PAGE (self), TRUE);
  da_date_range_button_set_all_label (self->range_button, _("Any Time"));

  self->status_filter = gtk_custom_filter_new (status_filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL,
                                                  g_object_ref (GTK_FILTER (self->status_filter)));

  add_column (self, COLUMN_TITLE, _("Title"), -260);
  add_column (self, COLUMN_ORGANIZATION, _("Organization"), 150);
  add_column (self, COLUMN_CREATOR, _("Creator"), 200);
  add_column (self, COLUMN_STATUS, _("Status"), 100);
  add_column (self, COLUMN_ACUS, _("ACUs"), 80);
  add_column (self, COLUMN_CREATED, _("Created"), 120);
  add_column (self, COLUMN_PRS, _("Pull Requests"), 140);

  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_string_list_append (status_labels, _("All Statuses"));
  for (guint i = 0; statuses[i] != NULL; i++)
    gtk_string_list_append (status_labels, da_session_status_label (statuses[i]));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (status_labels));
  gtk_drop_down_set_selected (self->status_dropdown, 0);

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
}

GtkWidget *
da_sessions_page_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_SESSIONS_PAGE,
                       "context", context,
                       NULL);
}

DaSessionQuery *
da_sessions_page_dup_query (DaSessionsPage *self)
{
  g_return_val_if_fail (DA_IS_SESSIONS_PAGE (self), NULL);

  return self->query != NULL ? da_session_query_copy (self->query) : da_session_query_new ();
}

gboolean
da_sessions_page_get_complete (DaSessionsPage *self)
{
  g_return_val_if_fail (DA_IS_SESSIONS_PAGE (self), FALSE);

  return self->pager != NULL && !da_pager_get_has_more (self->pager);
}

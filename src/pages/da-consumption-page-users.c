/* da-consumption-page-users.c: the top users of the Consumption page, and a member's own chart
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-consumption-page-private.h"
#include "da-format.h"

static void next_member (DaConsumptionPage *self);

/* ---- top users ---------------------------------------------------------------------------- */

static void
update_user_row (DaConsumptionPage *self,
                 AdwActionRow      *row)
{
  const char *user_id = g_object_get_data (G_OBJECT (row), "da-user-id");
  DaMember *member = g_hash_table_lookup (self->members, user_id);
  const char *name = member != NULL ? da_member_get_name (member) : NULL;
  const char *email = member != NULL ? da_member_get_email (member) : NULL;

  if (name == NULL || *name == '\0')
    name = email;
  if (name == NULL || *name == '\0')
    name = user_id;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (row, email != NULL && g_strcmp0 (email, name) != 0 ? email : "");
}

static GtkWidget *
create_user_row (DaConsumptionPage        *self,
                 const DaConsumptionEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;
  g_autofree char *acus = da_format_acus (entry->acus);
  /* Translators: ACUs a member used in the cycle, e.g. "412.5 ACUs" */
  g_autofree char *text = g_strdup_printf (_("%s ACUs"), acus);

  gtk_widget_set_name (row, "user-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "da-user-id", g_strdup (entry->key), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  update_user_row (self, ADW_ACTION_ROW (row));
  return row;
}

static void
update_user_rows (DaConsumptionPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->users_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      update_user_row (self, ADW_ACTION_ROW (child));

  if (self->selected_user != NULL && self->user_consumption != NULL)
    _da_consumption_page_load_user (self);
}

static void
member_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = NULL;
  DaConsumptionPage *self = request->self;

  member = da_client_get_member_finish (DA_CLIENT (object), result, &error);
  /* a newer cycle's list counts its own look-ups from zero */
  if (_da_consumption_page_request_is_current (request))
    {
      g_assert (self->member_requests > 0);
      self->member_requests--;
    }

  /* A member who left keeps showing as their ID: that is no error of the page. */
  if (member != NULL)
    {
      g_hash_table_replace (self->members, g_strdup (request->key), g_steal_pointer (&member));
      update_user_rows (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No name for member %s: %s", request->key, error->message);

  if (_da_consumption_page_request_is_current (request))
    next_member (self);
}

static void
next_member (DaConsumptionPage *self)
{
  while (self->member_requests < MEMBER_REQUESTS && !g_queue_is_empty (&self->member_queue))
    {
      g_autofree char *user_id = g_queue_pop_head (&self->member_queue);
      Request *request;

      if (g_hash_table_contains (self->members, user_id))
        continue;
      self->member_requests++;
      request = _da_consumption_page_request_new (self, KIND_CYCLE, user_id, 0);
      da_client_get_member_async (_da_consumption_page_get_client (self), user_id,
                                  self->cycle_cancellable, member_cb, request);
    }
}

void
_da_consumption_page_show_users (DaConsumptionPage *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
  const DaConsumptionEntry *by_user;
  GtkWidget *child;
  GtkListBoxRow *to_select = NULL;
  guint n = 0;

  /* Nothing is selected while the rows go: the selection stays what it was. */
  g_signal_handlers_block_matched (self->users_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->users_list))) != NULL)
    gtk_list_box_remove (self->users_list, child);
  g_signal_handlers_unblock_matched (self->users_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);

  g_clear_pointer (&self->top_users, g_ptr_array_unref);
  g_queue_clear_full (&self->member_queue, g_free);

  by_user = da_consumption_get_by_user (self->consumption, &n);
  sorted = _da_consumption_page_sorted_entries (by_user, n);
  self->top_users = g_ptr_array_new ();
  for (guint i = 0; i < sorted->len && self->top_users->len < TOP_USERS; i++)
    {
      const DaConsumptionEntry *entry = g_ptr_array_index (sorted, i);
      GtkWidget *row;

      if (!(entry->acus > 0))
        continue;
      g_ptr_array_add (self->top_users, (gpointer) entry);
      row = create_user_row (self, entry);
      gtk_list_box_append (self->users_list, row);
      if (g_strcmp0 (entry->key, self->selected_user) == 0)
        to_select = GTK_LIST_BOX_ROW (row);
      if (!g_hash_table_contains (self->members, entry->key))
        g_queue_push_tail (&self->member_queue, g_strdup (entry->key));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->users_list), self->top_users->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->users_empty_label), self->top_users->len == 0);

  self->member_requests = 0;
  next_member (self);

  /* The member chosen before, if still among the top users, with this cycle's days. */
  g_clear_object (&self->user_consumption);
  if (to_select != NULL)
    {
      g_signal_handlers_block_matched (self->users_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                       self);
      gtk_list_box_select_row (self->users_list, to_select);
      g_signal_handlers_unblock_matched (self->users_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                         NULL, self);
      _da_consumption_page_load_user (self);
    }
  else
    {
      g_clear_pointer (&self->selected_user, g_free);
      gtk_widget_set_visible (GTK_WIDGET (self->user_section), FALSE);
    }
}

static const char *
selected_user_name (DaConsumptionPage *self)
{
  DaMember *member = g_hash_table_lookup (self->members, self->selected_user);

  if (member != NULL && da_member_get_name (member) != NULL && *da_member_get_name (member))
    return da_member_get_name (member);
  if (member != NULL && da_member_get_email (member) != NULL)
    return da_member_get_email (member);
  return self->selected_user;
}

static void
show_user (DaConsumptionPage *self)
{
  DaChart *chart = da_consumption_section_get_chart (self->user_section);
  g_autofree double *values = NULL;
  /* Translators: the title of one member's daily chart, e.g. "Daily Usage of Zoë Müller" */
  g_autofree char *title = g_strdup_printf (_("Daily Usage of %s"), selected_user_name (self));

  da_consumption_section_set_title (self->user_section, title);
  _da_consumption_page_set_day_categories (self, chart);
  values = _da_consumption_page_day_values (self, self->user_consumption);
  da_chart_add_series (chart, selected_user_name (self), values, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->user_section), TRUE);
}

static void
user_daily_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaConsumption) consumption = NULL;
  DaConsumptionPage *self = request->self;

  consumption = da_client_get_daily_consumption_finish (DA_CLIENT (object), result, &error);
  if (!_da_consumption_page_request_is_current (request))
    return;
  if (consumption == NULL)
    {
      _da_consumption_page_fail (self, error);
      return;
    }

  g_set_object (&self->user_consumption, consumption);
  show_user (self);
}

void
_da_consumption_page_load_user (DaConsumptionPage *self)
{
  Request *request;

  if (self->selected_user == NULL || self->cycle == NULL)
    return;

  /* Already here (the name just came): draw again with it. */
  if (self->user_consumption != NULL)
    {
      show_user (self);
      return;
    }

  _da_consumption_page_reset_cancellable (&self->user_cancellable);
  self->user_serial++;
  request = _da_consumption_page_request_new (self, KIND_USER, self->selected_user, 0);
  da_client_get_daily_consumption_async (_da_consumption_page_get_client (self),
                                         self->selected_user,
                                         da_billing_cycle_get_start (self->cycle),
                                         da_billing_cycle_get_end (self->cycle), NULL,
                                         self->user_cancellable, user_daily_cb, request);
}

void
_da_consumption_page_on_user_selected_cb (DaConsumptionPage *self,
                                          GtkListBoxRow     *row)
{
  const char *user_id = row != NULL ? g_object_get_data (G_OBJECT (row), "da-user-id") : NULL;

  if (g_strcmp0 (user_id, self->selected_user) == 0)
    return;

  g_free (self->selected_user);
  self->selected_user = g_strdup (user_id);
  g_clear_object (&self->user_consumption);

  if (user_id == NULL)
    {
      g_cancellable_cancel (self->user_cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self->user_section), FALSE);
      return;
    }
  _da_consumption_page_load_user (self);
}


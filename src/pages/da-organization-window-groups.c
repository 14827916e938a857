/* da-organization-window-groups.c: the IdP groups of an organization
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-a11y.h"
#include "da-dialogs.h"
#include "da-organization-window-private.h"

/* ---- groups ----------------------------------------------------------------------------- */

static char *
group_role_text (DaOrganizationWindow *self,
                 const char           *role)
{
  return da_org_role_display_name (NULL, role, NULL);
}

static GtkWidget *
create_group_row (DaOrganizationWindow *self,
                  DaOrgGroup           *group)
{
  const char *name = da_org_group_get_group_name (group);
  g_autofree char *role = group_role_text (self, da_org_group_get_role (group));
  g_autofree char *tooltip = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role);

  button = gtk_button_new_with_mnemonic (_("_Unlink"));
  da_a11y_label_from_mnemonic (button, _("_Unlink"));
  gtk_widget_set_name (button, "unlink-group-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is an IdP group's name */
  tooltip = g_strdup_printf (_("Unlink “%s”"), name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "groups.unlink");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
show_groups (DaOrganizationWindow *self,
             GListModel           *linked,
             GPtrArray            *enterprise_groups)
{
  g_autoptr(GHashTable) linked_names = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (linked);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_list))) != NULL)
    gtk_list_box_remove (self->groups_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrgGroup) group = g_list_model_get_item (linked, i);

      g_hash_table_add (linked_names, (gpointer) da_org_group_get_group_name (group));
      gtk_list_box_append (self->groups_list, create_group_row (self, group));
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No groups are linked to this organization"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->groups_list, row);
    }

  /* What can be linked: the enterprise's groups not linked yet. */
  g_ptr_array_set_size (self->available_groups, 0);
  for (guint i = 0; i < enterprise_groups->len; i++)
    {
      const char *name = da_idp_group_get_group_name (g_ptr_array_index (enterprise_groups, i));

      if (!g_hash_table_contains (linked_names, name))
        g_ptr_array_add (self->available_groups, g_strdup (name));
    }

  gtk_string_list_splice (self->available_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->available_names)),
                          (const char * const *) self->available_groups->pdata);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_group_row),
                            self->available_groups->len > 0 && _da_org_window_is_online (self));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->link_group_row),
                               self->available_groups->len == 0
                               ? _("Every group of the enterprise is linked already")
                               : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.link",
                                 self->available_groups->len > 0 && !self->changing &&
                                 _da_org_window_is_online (self));

  da_state_view_show_content (self->groups_state);
}

typedef struct
{
  DaOrganizationWindow *self;
  GPtrArray            *enterprise_groups;  /* DaIdpGroup */
  GCancellable         *cancellable;
} GroupsLoad;

static void
groups_load_free (GroupsLoad *load)
{
  g_object_unref (load->self);
  g_clear_pointer (&load->enterprise_groups, g_ptr_array_unref);
  g_object_unref (load->cancellable);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GroupsLoad, groups_load_free)

static void
groups_failed (DaOrganizationWindow *self,
               const GError         *error)
{
  if (_da_org_window_handle_common_error (self, error))
    return;

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST))
    {
      /* "IdP groups are not enabled for this enterprise" */
      da_state_view_show_empty (self->groups_state);
      return;
    }

  da_state_view_show_error (self->groups_state, error);
}

static void
org_groups_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GroupsLoad) load = user_data;
  DaOrganizationWindow *self = load->self;
  g_autoptr(GError) error = NULL;

  if (!da_pager_load_all_finish (DA_PAGER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (load->cancellable != self->groups_cancellable)
    return;

  self->groups_loading = FALSE;
  _da_org_window_busy_changed (self, -1);

  if (error != NULL)
    {
      if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
        _da_org_window_organization_gone (self);
      else
        groups_failed (self, error);
      return;
    }

  show_groups (self, da_pager_get_model (DA_PAGER (object)), load->enterprise_groups);
}

static void
enterprise_groups_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GroupsLoad) load = user_data;
  DaOrganizationWindow *self = load->self;
  GListModel *model = da_pager_get_model (DA_PAGER (object));
  g_autoptr(GError) error = NULL;
  g_autoptr(DaPager) pager = NULL;
  GCancellable *cancellable;
  guint n;

  if (!da_pager_load_all_finish (DA_PAGER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (load->cancellable != self->groups_cancellable)
    return;

  if (error != NULL)
    {
      self->groups_loading = FALSE;
      _da_org_window_busy_changed (self, -1);
      groups_failed (self, error);
      return;
    }

  /* No group at all: the enterprise does not use them. */
  n = g_list_model_get_n_items (model);
  if (n == 0)
    {
      self->groups_loading = FALSE;
      _da_org_window_busy_changed (self, -1);
      da_state_view_show_empty (self->groups_state);
      return;
    }

  load->enterprise_groups = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (load->enterprise_groups, g_list_model_get_item (model, i));

  pager = da_client_list_organization_groups (_da_org_window_get_client (self),
                                              _da_org_window_org_id (self));
  cancellable = load->cancellable;
  da_pager_load_all_async (pager, cancellable, org_groups_cb, g_steal_pointer (&load));
}

void
_da_org_window_load_groups (DaOrganizationWindow *self)
{
  g_autoptr(DaPager) pager = NULL;
  GroupsLoad *load;

  if (self->groups_loading)
    {
      /* Replaced: the cancelled load does not come back to count itself out. */
      g_cancellable_cancel (self->groups_cancellable);
      _da_org_window_busy_changed (self, -1);
    }
  g_clear_object (&self->groups_cancellable);
  self->groups_loading = TRUE;
  self->groups_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->groups_cancellable,
                           G_CONNECT_SWAPPED);
  _da_org_window_busy_changed (self, 1);

  if (da_state_view_get_state (self->groups_state) != DA_STATE_VIEW_CONTENT)
    da_state_view_show_loading (self->groups_state);

  load = g_new0 (GroupsLoad, 1);
  load->self = g_object_ref (self);
  load->cancellable = g_object_ref (self->groups_cancellable);

  pager = da_client_list_groups (_da_org_window_get_client (self));
  da_pager_load_all_async (pager, load->cancellable, enterprise_groups_cb, load);
}

void
_da_org_window_on_groups_retry_cb (DaOrganizationWindow *self)
{
  _da_org_window_load_groups (self);
}

typedef struct
{
  DaOrganizationWindow *self;
  char                 *group_name;
  char                 *role_text;
} GroupChange;

static void
group_change_free (GroupChange *change)
{
  g_object_unref (change->self);
  g_free (change->group_name);
  g_free (change->role_text);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GroupChange, group_change_free)

static void
link_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GroupChange) change = user_data;
  DaOrganizationWindow *self = change->self;
  g_autoptr(DaOrgGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  group = da_client_link_organization_group_finish (DA_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _da_org_window_set_changing (self, FALSE);

  if (group == NULL)
    {
      _da_org_window_change_failed (self, error, TRUE);
      return;
    }

  /* Translators: the first %s is an IdP group's name, the second a role ("Admin") */
  message = g_strdup_printf (_("Linked “%s” as %s"), change->group_name, change->role_text);
  _da_org_window_changed (self, message, FALSE, TRUE);
}

void
_da_org_window_link_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (widget);
  guint position = adw_combo_row_get_selected (self->link_group_row);
  /* The documented roles of a group link. */
  const char *role = adw_combo_row_get_selected (self->link_role_row) == 1 ? "admin" : "member";
  GroupChange *change;

  if (self->changing || position >= self->available_groups->len)
    return;

  change = g_new0 (GroupChange, 1);
  change->self = g_object_ref (self);
  change->group_name = g_strdup (g_ptr_array_index (self->available_groups, position));
  change->role_text = group_role_text (self, role);

  _da_org_window_show_groups_error (self, NULL);
  _da_org_window_set_changing (self, TRUE);
  da_client_link_organization_group_async (_da_org_window_get_client (self),
                                           _da_org_window_org_id (self),
                                           change->group_name,
                                           role, self->cancellable, link_cb, change);
}

static void
unlink_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GroupChange) change = user_data;
  DaOrganizationWindow *self = change->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!da_client_call_finish (DA_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _da_org_window_set_changing (self, FALSE);

  if (error != NULL)
    {
      _da_org_window_change_failed (self, error, TRUE);
      return;
    }

  /* Translators: %s is an IdP group's name */
  message = g_strdup_printf (_("Unlinked “%s”"), change->group_name);
  _da_org_window_changed (self, message, FALSE, TRUE);
}

static void
confirm_unlink_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GroupChange) change = user_data;
  DaOrganizationWindow *self = change->self;
  const char *group_name;

  if (!da_confirm_destructive_finish (result) || self->changing)
    return;

  group_name = change->group_name;
  _da_org_window_show_groups_error (self, NULL);
  _da_org_window_set_changing (self, TRUE);
  da_client_unlink_organization_group_async (_da_org_window_get_client (self),
                                             _da_org_window_org_id (self),
                                             group_name,
                                             self->cancellable, unlink_cb,
                                             g_steal_pointer (&change));
}

void
_da_org_window_unlink_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GroupChange *change;

  if (self->changing)
    return;

  change = g_new0 (GroupChange, 1);
  change->self = g_object_ref (self);
  change->group_name = g_strdup (name);

  /* Translators: the first %s is an IdP group's name, the second an organization's */
  heading = g_strdup_printf (_("Unlink “%s” from %s?"), name, _da_org_window_org_name (self));
  /* Translators: %s is an organization's name */
  body = g_strdup_printf (_("Members of the group no longer belong to %s through it. The group "
                            "can be linked again."), _da_org_window_org_name (self));
  da_confirm_destructive_async (GTK_WIDGET (self), heading, body, _("_Unlink"), NULL,
                                self->cancellable, confirm_unlink_cb, change);
}

/* da-organization-window.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "da-dialogs.h"
#include "da-format.h"
#include "da-organization-member-picker.h"
#include "da-organization-roles.h"
#include "da-organization-window-private.h"
#include "da-state-view.h"


G_DEFINE_FINAL_TYPE (DaOrganizationWindow, da_organization_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ORGANIZATION,
  N_PROPS
};

enum {
  CHANGED,
  ORGANIZATION_GONE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* ---- helpers ---------------------------------------------------------------------------- */

DaClient *
_da_org_window_get_client (DaOrganizationWindow *self)
{
  return da_context_get_client (self->context);
}

const char *
_da_org_window_org_id (DaOrganizationWindow *self)
{
  return da_organization_get_org_id (self->organization);
}

const char *
_da_org_window_org_name (DaOrganizationWindow *self)
{
  return da_organization_get_org_name (self->organization);
}

void
_da_org_window_show_toast (DaOrganizationWindow *self,
                           const char           *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_message (GtkWidget  *box,
              GtkLabel   *label,
              const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (box, message != NULL);
}

static void
show_members_error (DaOrganizationWindow *self,
                    const char           *message)
{
  show_message (self->members_error_box, self->members_error_label, message);
}

void
_da_org_window_show_groups_error (DaOrganizationWindow *self,
                                  const char           *message)
{
  show_message (self->groups_error_box, self->groups_error_label, message);
}

void
_da_org_window_busy_changed (DaOrganizationWindow *self,
                             int                   delta)
{
  g_assert (delta > 0 || self->busy_count > 0);

  self->busy_count += delta;
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), self->busy_count > 0);
  gtk_spinner_set_spinning (self->busy_spinner, self->busy_count > 0);
}

/* The organization was deleted elsewhere: the caller says so and refreshes its list. */
void
_da_org_window_organization_gone (DaOrganizationWindow *self)
{
  if (self->gone)
    return;

  self->gone = TRUE;
  g_signal_emit (self, signals [ORGANIZATION_GONE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Errors every request shares: TRUE when handled (nothing more to show). */
gboolean
_da_org_window_handle_common_error (DaOrganizationWindow *self,
                                    const GError         *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    {
      /* The main window goes back to the key entry; this one has nothing left to show. */
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    }

  return FALSE;
}

static GStrv
dup_selected_user_ids (DaOrganizationWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->members_selection));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    {
      do
        {
          g_autoptr(DaOrgMembership) membership =
            g_list_model_get_item (G_LIST_MODEL (self->members_selection), position);

          if (membership != NULL)
            g_strv_builder_add (builder, da_org_membership_get_user_id (membership));
        }
      while (gtk_bitset_iter_next (&iter, &position));
    }

  return g_strv_builder_end (builder);
}

/* A member's name as it reads in a sentence, or their address when they have none. */
static const char *
membership_display_name (DaOrgMembership *membership)
{
  const char *name = da_org_membership_get_name (membership);

  return name != NULL && *name != '\0' ? name : da_org_membership_get_email (membership);
}

static DaOrgMembership *
find_membership (DaOrganizationWindow *self,
                 const char           *user_id)
{
  GListModel *model = gtk_filter_list_model_get_model (self->members_filter_model);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_org_membership_get_user_id (membership), user_id) == 0)
        return g_steal_pointer (&membership);
    }

  return NULL;
}

/* ---- members: state --------------------------------------------------------------------- */

static void
update_member_actions (DaOrganizationWindow *self)
{
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->members_selection));
  gboolean any = !gtk_bitset_is_empty (selected);
  gboolean can_change = !self->changing && _da_org_window_is_online (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.add",
                                 self->members_loaded && can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.remove", any && can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.set-role", any && can_change);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_role_button), any && can_change);
}

gboolean
_da_org_window_is_online (DaOrganizationWindow *self)
{
  return !da_client_get_offline (da_context_get_client (self->context));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (widget);

  _da_org_window_load_members (self);
  _da_org_window_load_groups (self);
}

/* Offline, the window shows what was loaded before and nothing can be changed. */
static void
on_offline_changed_cb (DaOrganizationWindow *self)
{
  gboolean can_change = !self->changing && _da_org_window_is_online (self);

  update_member_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.unlink", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.link",
                                 can_change && self->available_groups->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_group_row),
                            self->available_groups->len > 0 && _da_org_window_is_online (self));
}

static void
update_members_state (DaOrganizationWindow *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->members_filter_model);
  guint n = all != NULL ? g_list_model_get_n_items (all) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->members_filter_model));
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->members_selection));
  guint n_selected = gtk_bitset_get_size (selected);
  g_autofree char *count = da_format_count (n);
  g_autofree char *text = NULL;

  update_member_actions (self);

  if (!self->members_loaded)
    return;

  if (n == 0)
    da_state_view_show_empty (self->members_state);
  else
    da_state_view_show_content (self->members_state);
  gtk_stack_set_visible_child_name (self->members_stack,
                                    shown == 0 && n > 0 ? "no-results" : "list");

  text = g_strdup_printf (ngettext ("%s member", "%s members", n), count);
  if (n_selected > 0)
    {
      /* Translators: a count of members, then how many of them are selected */
      g_autofree char *with = g_strdup_printf (ngettext ("%s · %u selected", "%s · %u selected",
                                                         n_selected),
                                               text, n_selected);
      g_free (text);
      text = g_steal_pointer (&with);
    }
  gtk_label_set_label (self->members_summary, text);
}

static void
on_members_selection_changed_cb (DaOrganizationWindow *self)
{
  update_members_state (self);
}

/* ---- members: the list ------------------------------------------------------------------ */

static gboolean
members_filter_func (gpointer item,
                     gpointer user_data)
{
  DaOrganizationWindow *self = user_data;
  DaOrgMembership *membership = item;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  if (self->members_search_text == NULL)
    return TRUE;

  name = g_utf8_casefold (da_org_membership_get_name (membership), -1);
  email = g_utf8_casefold (da_org_membership_get_email (membership), -1);
  return strstr (name, self->members_search_text) != NULL ||
         strstr (email, self->members_search_text) != NULL;
}

static char *
membership_role_text (DaOrganizationWindow *self,
                      DaOrgMembership      *membership)
{
  return da_org_role_display_name (self->context, da_org_membership_get_org_role (membership),
                                   da_org_membership_get_org_role_name (membership));
}

static int
compare_roles (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DaOrganizationWindow *self = user_data;
  g_autofree char *ra = membership_role_text (self, (DaOrgMembership *) a);
  g_autofree char *rb = membership_role_text (self, (DaOrgMembership *) b);

  return g_utf8_collate (ra, rb);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  DaOrgMembership *membership = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       da_org_membership_get_name (membership));
}

static void
bind_email_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  DaOrgMembership *membership = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       da_org_membership_get_email (membership));
}

static void
bind_role_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  DaOrganizationWindow *self = user_data;
  g_autofree char *role = membership_role_text (self, gtk_list_item_get_item (item));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), role);
}

static GtkSorter *
string_sorter (const char *property)
{
  GtkStringSorter *sorter =
    gtk_string_sorter_new (gtk_property_expression_new (DA_TYPE_ORG_MEMBERSHIP, NULL, property));

  gtk_string_sorter_set_ignore_case (sorter, TRUE);
  return GTK_SORTER (sorter);
}

static void
add_member_column (DaOrganizationWindow *self,
                   const char           *title,
                   GCallback             bind,
                   GtkSorter            *sorter,
                   gboolean              expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), self);
  g_signal_connect (factory, "bind", bind, self);
  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->members_view, column);
  g_object_unref (sorter);
}

static void
create_member_columns (DaOrganizationWindow *self)
{
  add_member_column (self, _("Name"), G_CALLBACK (bind_name_cb), string_sorter ("name"), TRUE);
  add_member_column (self, _("Email"), G_CALLBACK (bind_email_cb), string_sorter ("email"), TRUE);
  add_member_column (self, _("Role"), G_CALLBACK (bind_role_cb),
                     GTK_SORTER (gtk_custom_sorter_new (compare_roles, self, NULL)), FALSE);
}

static void
on_members_search_changed_cb (DaOrganizationWindow *self)
{
  g_autofree char *stripped =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->members_search))));

  g_clear_pointer (&self->members_search_text, g_free);
  if (*stripped != '\0')
    self->members_search_text = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->members_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_members_state (self);
}

static void
rebuild_role_menu (DaOrganizationWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < da_org_roles_get_n (self->roles); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (da_org_roles_get_name (self->roles, i), NULL);
      const char *role_id = da_org_roles_get_id (self->roles, i);

      g_menu_item_set_action_and_target_value (item, "members.set-role",
                                               g_variant_new_string (role_id));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->change_role_button, G_MENU_MODEL (menu));
}

/* ---- members: loading ------------------------------------------------------------------- */

static void
members_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DaOrganizationWindow) self = user_data;
  DaPager *pager = DA_PAGER (object);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) selected = NULL;

  if (!da_pager_load_all_finish (pager, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* An answer to a load that was replaced meanwhile. */
  if (pager != self->members_pager)
    return;

  g_clear_object (&self->members_pager);
  _da_org_window_busy_changed (self, -1);

  if (error != NULL)
    {
      if (_da_org_window_handle_common_error (self, error))
        return;
      if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
        {
          _da_org_window_organization_gone (self);
          return;
        }
      if (!self->members_loaded)
        da_state_view_show_error (self->members_state, error);
      else
        show_members_error (self, error->message);
      return;
    }

  /* Swap the fresh list in, keeping the selection by user ID. */
  selected = dup_selected_user_ids (self);
  gtk_filter_list_model_set_model (self->members_filter_model, da_pager_get_model (pager));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->members_selection));
  for (guint i = 0; selected[i] != NULL; i++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->members_selection));

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(DaOrgMembership) membership =
            g_list_model_get_item (G_LIST_MODEL (self->members_selection), j);

          if (g_strcmp0 (da_org_membership_get_user_id (membership), selected[i]) == 0)
            {
              gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->members_selection), j,
                                               FALSE);
              break;
            }
        }
    }

  self->members_loaded = TRUE;
  update_members_state (self);
}

static void
roles_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DaOrganizationWindow) self = user_data;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;

  roles = da_context_load_roles_finish (DA_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _da_org_window_busy_changed (self, -1);

  /* Without an answer the documented roles stand in. */
  if (roles != NULL)
    {
      g_clear_pointer (&self->roles, da_org_roles_free);
      self->roles = da_org_roles_new (roles);
      rebuild_role_menu (self);
    }

  /* Role names may read better now. */
  if (self->members_loaded)
    gtk_filter_changed (GTK_FILTER (self->members_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
_da_org_window_load_members (DaOrganizationWindow *self)
{
  if (self->members_pager != NULL)
    {
      /* Replaced: the cancelled load does not come back to count itself out. */
      g_cancellable_cancel (self->members_cancellable);
      _da_org_window_busy_changed (self, -1);
    }
  g_clear_object (&self->members_cancellable);
  g_clear_object (&self->members_pager);

  self->members_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->members_cancellable,
                           G_CONNECT_SWAPPED);
  _da_org_window_busy_changed (self, 1);

  if (!self->members_loaded)
    da_state_view_show_loading (self->members_state);

  self->members_pager = da_client_list_organization_members (_da_org_window_get_client (self),
                                                             _da_org_window_org_id (self));
  da_pager_load_all_async (self->members_pager, self->members_cancellable, members_loaded_cb,
                           g_object_ref (self));
}

static void
on_members_retry_cb (DaOrganizationWindow *self)
{
  _da_org_window_load_members (self);
}

/* ---- members: changes ------------------------------------------------------------------- */

void
_da_org_window_set_changing (DaOrganizationWindow *self,
                             gboolean              changing)
{
  self->changing = changing;
  _da_org_window_busy_changed (self, changing ? 1 : -1);
  update_member_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.link",
                                 !changing && _da_org_window_is_online (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.unlink",
                                 !changing && _da_org_window_is_online (self));
}

/* After a change that succeeded: say so, check it against the server, and tell the caller. */
void
_da_org_window_changed (DaOrganizationWindow *self,
                        const char           *message,
                        gboolean              members,
                        gboolean              groups)
{
  _da_org_window_show_toast (self, message);
  if (members)
    _da_org_window_load_members (self);
  if (groups)
    _da_org_window_load_groups (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

/* A change failed: in the server's words. A 404 may mean the organization is gone: the reload
 * finds out. */
void
_da_org_window_change_failed (DaOrganizationWindow *self,
                              const GError         *error,
                              gboolean              groups)
{
  if (_da_org_window_handle_common_error (self, error))
    return;

  if (groups)
    _da_org_window_show_groups_error (self, error->message);
  else
    show_members_error (self, error->message);

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
    {
      if (groups)
        _da_org_window_load_groups (self);
      else
        _da_org_window_load_members (self);
    }
}

typedef struct
{
  DaOrganizationWindow *self;
  char                 *role_name;
  guint                 n;
} RoleChange;

static void
role_change_free (RoleChange *change)
{
  g_object_unref (change->self);
  g_free (change->role_name);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoleChange, role_change_free)

static void
set_role_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RoleChange) change = user_data;
  DaOrganizationWindow *self = change->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!da_client_call_finish (DA_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _da_org_window_set_changing (self, FALSE);

  if (error != NULL)
    {
      _da_org_window_change_failed (self, error, FALSE);
      return;
    }

  /* Translators: %u members got the role %s, e.g. "2 members are now Admin" */
  message = g_strdup_printf (ngettext ("%u member is now %s", "%u members are now %s", change->n),
                             change->n, change->role_name);
  _da_org_window_changed (self, message, TRUE, FALSE);
}

static void
set_role_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (widget);
  const char *role_id = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) user_ids = dup_selected_user_ids (self);
  RoleChange *change;
  guint position;

  if (self->changing || user_ids[0] == NULL)
    return;

  change = g_new0 (RoleChange, 1);
  change->self = g_object_ref (self);
  position = da_org_roles_find (self->roles, role_id);
  change->role_name = da_org_role_display_name (self->context, role_id,
                                                da_org_roles_get_name (self->roles, position));
  change->n = g_strv_length (user_ids);

  show_members_error (self, NULL);
  _da_org_window_set_changing (self, TRUE);
  da_client_update_organization_member_roles_async (_da_org_window_get_client (self),
                                                    _da_org_window_org_id (self),
                                                    (const char * const *) user_ids, role_id,
                                                    self->cancellable, set_role_cb, change);
}

/* Removing several members is one request each, one after the other; the first failure stops. */
typedef struct
{
  DaOrganizationWindow *self;
  GStrv                 user_ids;
  guint                 next;
} Removal;

static void
removal_free (Removal *removal)
{
  g_object_unref (removal->self);
  g_strfreev (removal->user_ids);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Removal, removal_free)

static void remove_next (Removal *removal);

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;
  DaOrganizationWindow *self = removal->self;
  g_autoptr(GError) error = NULL;

  if (!da_client_call_finish (DA_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      _da_org_window_set_changing (self, FALSE);
      _da_org_window_change_failed (self, error, FALSE);
      /* Those removed before the failure are gone: the list shows it. */
      if (removal->next > 0 && !self->gone &&
          !g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
        {
          _da_org_window_load_members (self);
          g_signal_emit (self, signals [CHANGED], 0);
        }
      return;
    }

  removal->next++;
  if (removal->user_ids[removal->next] != NULL)
    {
      remove_next (g_steal_pointer (&removal));
      return;
    }

  _da_org_window_set_changing (self, FALSE);
  {
    g_autofree char *message = g_strdup_printf (ngettext ("Removed %u member",
                                                          "Removed %u members", removal->next),
                                                removal->next);
    _da_org_window_changed (self, message, TRUE, FALSE);
  }
}

static void
remove_next (Removal *removal)
{
  DaOrganizationWindow *self = removal->self;

  da_client_remove_organization_member_async (_da_org_window_get_client (self),
                                              _da_org_window_org_id (self),
                                              removal->user_ids[removal->next],
                                              self->cancellable, remove_cb, removal);
}

static void
confirm_remove_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;

  if (!da_confirm_destructive_finish (result) || removal->self->changing)
    return;

  show_members_error (removal->self, NULL);
  _da_org_window_set_changing (removal->self, TRUE);
  remove_next (g_steal_pointer (&removal));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (widget);
  g_auto(GStrv) user_ids = dup_selected_user_ids (self);
  guint n = g_strv_length (user_ids);
  g_autofree char *heading = NULL;
  Removal *removal;

  if (n == 0 || self->changing)
    return;

  if (n == 1)
    {
      g_autoptr(DaOrgMembership) membership = find_membership (self, user_ids[0]);

      /* Translators: the first %s is a member's name, the second an organization's */
      heading = g_strdup_printf (_("Remove %s from %s?"),
                                 membership != NULL ? membership_display_name (membership)
                                                    : user_ids[0],
                                 _da_org_window_org_name (self));
    }
  else
    /* Translators: %u members, %s an organization's name */
    heading = g_strdup_printf (ngettext ("Remove %u member from %s?",
                                         "Remove %u members from %s?", n),
                               n, _da_org_window_org_name (self));

  removal = g_new0 (Removal, 1);
  removal->self = g_object_ref (self);
  removal->user_ids = g_steal_pointer (&user_ids);

  da_confirm_destructive_async (GTK_WIDGET (self), heading,
                                _("They lose access to the organization but stay in the "
                                  "enterprise, and can be added again."),
                                _("_Remove"), NULL, self->cancellable, confirm_remove_cb,
                                removal);
}

static void
on_picker_added_cb (DaOrganizationWindow *self,
                    guint                 n)
{
  g_autofree char *message = NULL;

  /* Translators: %u members were added to the organization %s */
  message = g_strdup_printf (ngettext ("Added %u member to %s", "Added %u members to %s", n),
                             n, _da_org_window_org_name (self));
  _da_org_window_changed (self, message, TRUE, FALSE);
}

static void
on_picker_not_found_cb (DaOrganizationWindow *self)
{
  /* The organization may be gone: the reload finds out. */
  _da_org_window_load_members (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (widget);
  GListModel *model = gtk_filter_list_model_get_model (self->members_filter_model);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) existing = NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  GtkWidget *picker;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (model, i);

      g_strv_builder_add (builder, da_org_membership_get_user_id (membership));
    }
  existing = g_strv_builder_end (builder);

  picker = da_organization_member_picker_new (self->context, self->organization,
                                              (const char * const *) existing);
  gtk_window_set_transient_for (GTK_WINDOW (picker), GTK_WINDOW (self));
  g_signal_connect_object (picker, "added", G_CALLBACK (on_picker_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (picker, "not-found", G_CALLBACK (on_picker_not_found_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "members");
  gtk_widget_grab_focus (GTK_WIDGET (self->members_search));
}

/* ---- GObject ---------------------------------------------------------------------------- */

/* The view switcher takes the title's place when the window is wide: the name moves aside. */
static void
on_title_visible_cb (DaOrganizationWindow *self)
{
  if (self->org_name_label == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->org_name_label),
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
da_organization_window_constructed (GObject *object)
{
  DaOrganizationWindow *self = (DaOrganizationWindow *)object;

  G_OBJECT_CLASS (da_organization_window_parent_class)->constructed (object);

  gtk_window_set_title (GTK_WINDOW (self), _da_org_window_org_name (self));
  adw_view_switcher_title_set_title (self->switcher_title, _da_org_window_org_name (self));
  gtk_label_set_label (self->org_name_label, _da_org_window_org_name (self));
  on_title_visible_cb (self);

  self->roles = da_org_roles_new (da_context_get_roles (self->context));
  rebuild_role_menu (self);

  _da_org_window_busy_changed (self, 1);
  da_context_load_roles_async (self->context, self->cancellable, roles_cb, g_object_ref (self));
  _da_org_window_load_members (self);
  _da_org_window_load_groups (self);
  update_member_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "groups.link", FALSE);
  g_signal_connect_object (da_context_get_client (self->context), "notify::offline",
                           G_CALLBACK (on_offline_changed_cb), self, G_CONNECT_SWAPPED);
  da_offline_banner_set_client (self->offline_banner, da_context_get_client (self->context));
  if (!_da_org_window_is_online (self))
    on_offline_changed_cb (self);
}

static void
da_organization_window_dispose (GObject *object)
{
  DaOrganizationWindow *self = (DaOrganizationWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->members_view != NULL)
    gtk_column_view_set_model (self->members_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_ORGANIZATION_WINDOW);

  g_clear_object (&self->members_selection);
  g_clear_object (&self->members_sort_model);
  g_clear_object (&self->members_filter_model);
  g_clear_object (&self->members_filter);
  g_clear_object (&self->empty_members);

  G_OBJECT_CLASS (da_organization_window_parent_class)->dispose (object);
}

static void
da_organization_window_finalize (GObject *object)
{
  DaOrganizationWindow *self = (DaOrganizationWindow *)object;

  g_clear_object (&self->members_cancellable);
  g_clear_object (&self->members_pager);
  g_clear_object (&self->groups_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->organization);
  g_clear_object (&self->available_names);
  g_clear_pointer (&self->available_groups, g_ptr_array_unref);
  g_clear_pointer (&self->members_search_text, g_free);
  g_clear_pointer (&self->roles, da_org_roles_free);

  G_OBJECT_CLASS (da_organization_window_parent_class)->finalize (object);
}

static void
da_organization_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_ORGANIZATION:
      g_value_set_object (value, self->organization);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_organization_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DaOrganizationWindow *self = DA_ORGANIZATION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_ORGANIZATION:
      self->organization = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_organization_window_class_init (DaOrganizationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = da_organization_window_constructed;
  object_class->dispose = da_organization_window_dispose;
  object_class->finalize = da_organization_window_finalize;
  object_class->get_property = da_organization_window_get_property;
  object_class->set_property = da_organization_window_set_property;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, DA_TYPE_CONTEXT, flags);
  properties [PROP_ORGANIZATION] =
    g_param_spec_object ("organization", NULL, NULL, DA_TYPE_ORGANIZATION, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals [ORGANIZATION_GONE] =
    g_signal_new ("organization-gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DA_TYPE_STATE_VIEW);

  g_type_ensure (DA_TYPE_OFFLINE_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-organization-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, org_name_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, members_search);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, change_role_button);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, members_error_box);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, members_error_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, members_state);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, members_stack);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, members_view);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, members_summary);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, groups_state);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, groups_error_box);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, groups_error_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, groups_list);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, link_group_row);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, link_role_row);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationWindow, offline_banner);
  gtk_widget_class_bind_template_callback (widget_class, on_members_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_visible_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_members_retry_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_groups_retry_cb",
                                                G_CALLBACK (_da_org_window_on_groups_retry_cb));

  gtk_widget_class_install_action (widget_class, "members.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "members.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "members.set-role", "s", set_role_action);
  gtk_widget_class_install_action (widget_class, "members.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "groups.link", NULL,
                                   _da_org_window_link_action);
  gtk_widget_class_install_action (widget_class, "groups.unlink", "s",
                                   _da_org_window_unlink_action);
  /* What the offline banner's Retry activates, as in the main window. */
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
}

static void
da_organization_window_init (DaOrganizationWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->available_groups = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->available_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->link_group_row, G_LIST_MODEL (self->available_names));

  self->empty_members = g_list_store_new (DA_TYPE_ORG_MEMBERSHIP);
  self->members_filter = gtk_custom_filter_new (members_filter_func, self, NULL);
  self->members_filter_model =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->empty_members)),
                               g_object_ref (GTK_FILTER (self->members_filter)));
  self->members_sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->members_filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->members_view)));
  self->members_selection =
    gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->members_sort_model)));
  gtk_column_view_set_model (self->members_view, GTK_SELECTION_MODEL (self->members_selection));
  g_signal_connect_object (self->members_selection, "selection-changed",
                           G_CALLBACK (on_members_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  create_member_columns (self);
  gtk_search_entry_set_key_capture_widget (self->members_search,
                                           GTK_WIDGET (self->members_view));
}

GtkWidget *
da_organization_window_new (DaContext      *context,
                            DaOrganization *organization)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (DA_IS_ORGANIZATION (organization), NULL);

  return g_object_new (DA_TYPE_ORGANIZATION_WINDOW,
                       "context", context,
                       "organization", organization,
                       NULL);
}

DaOrganization *
da_organization_window_get_organization (DaOrganizationWindow *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION_WINDOW (self), NULL);

  return self->organization;
}

gboolean
da_organization_window_get_busy (DaOrganizationWindow *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION_WINDOW (self), FALSE);

  return self->busy_count > 0;
}

void
da_organization_window_show_view (DaOrganizationWindow *self,
                                  const char           *name)
{
  g_return_if_fail (DA_IS_ORGANIZATION_WINDOW (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* da-permissions-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-dialogs.h"
#include "da-grant-dialog.h"
#include "da-permissions-page.h"
#include "da-state-view.h"

/* How many names a confirmation lists before "and N more". */
#define MAX_NAMED 5

/* One load of the page: the organizations (on refresh), then the connections and the
 * permissions of the organization picked. A new load cancels the one before; answers for an
 * older load are dropped. */
typedef struct
{
  grefcount      ref_count;
  GCancellable  *cancellable;
  char          *org_id;
  DaPager       *connections;
  DaPager       *permissions;
  gboolean       connections_done;
  gboolean       permissions_done;
  gboolean       shown;          /* its permissions are in the list */
} Load;

struct _DaPermissionsPage
{
  GtkWidget            parent_instance;

  /* Owned */
  Load                *load;
  GCancellable        *cancellable;       /* of revocations; cancelled in dispose */
  DaPager             *pager;             /* whose permissions the list shows */
  GListModel          *connections;       /* DaGitConnection of the organization shown */
  GHashTable          *host_connections;  /* lower-cased host → connection names */
  GtkStringList       *org_names;
  GPtrArray           *org_ids;           /* parallel to org_names */
  char                *org_id;            /* the organization picked */
  char                *shown_org_id;      /* whose permissions the list holds */
  char                *needle;            /* the filter's text, lower-cased; NULL for none */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkMultiSelection   *selection;
  GtkWindow           *grant_dialog;      /* while open; a weak pointer */
  guint                n_refreshes;
  guint                n_revoking;
  gboolean             loaded;
  gboolean             syncing_orgs;

  /* Template widgets */
  GtkDropDown         *org_dropdown;
  GtkSearchEntry      *search_entry;
  DaStateView         *state_view;
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  GtkLabel            *count_label;
};

static void da_permissions_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaPermissionsPage, da_permissions_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE,
                                                      da_permissions_page_iface_init))

enum {
  PROP_0,
  N_PROPS
};

static void start_org_load (DaPermissionsPage *self);

/* ---- loads ----------------------------------------------------------------------------- */

static Load *
load_new (void)
{
  Load *load = g_new0 (Load, 1);

  g_ref_count_init (&load->ref_count);
  load->cancellable = g_cancellable_new ();
  return load;
}

static Load *
load_ref (Load *load)
{
  g_ref_count_inc (&load->ref_count);
  return load;
}

static void
load_unref (Load *load)
{
  if (!g_ref_count_dec (&load->ref_count))
    return;

  g_clear_object (&load->cancellable);
  g_clear_object (&load->connections);
  g_clear_object (&load->permissions);
  g_free (load->org_id);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_unref)

typedef struct
{
  DaPermissionsPage *self;
  Load              *load;
} Request;

static Request *
request_new (DaPermissionsPage *self,
             Load              *load)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->load = load_ref (load);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  load_unref (request->load);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static DaClient *
get_client (DaPermissionsPage *self)
{
  return da_context_get_client (da_page_get_context (DA_PAGE (self)));
}

static const char *
get_org_name (DaPermissionsPage *self,
              const char        *org_id)
{
  const char *name = da_context_lookup_org_name (da_page_get_context (DA_PAGE (self)), org_id);

  return name != NULL ? name : org_id;
}

static void
cancel_load (DaPermissionsPage *self)
{
  if (self->load == NULL)
    return;

  g_cancellable_cancel (self->load->cancellable);
  g_clear_pointer (&self->load, load_unref);
}

/* ---- what the page shows --------------------------------------------------------------- */

static const char *
connection_names (DaPermissionsPage *self,
                  DaGitPermission   *permission)
{
  g_autofree char *host = NULL;
  const char *names;

  if (self->host_connections == NULL || da_git_permission_get_host (permission) == NULL)
    return NULL;

  host = g_ascii_strdown (da_git_permission_get_host (permission), -1);
  names = g_hash_table_lookup (self->host_connections, host);
  return names;
}

static const char *
kind_text (DaGitPermission *permission)
{
  return da_git_permission_is_group (permission) ? _("Group") : _("Repository");
}

static void
update_actions (DaPermissionsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gboolean showing = self->org_id != NULL && g_strcmp0 (self->org_id, self->shown_org_id) == 0 &&
                     da_page_get_error (DA_PAGE (self)) == NULL;
  /* Offline, the list shows what was loaded before and nothing can be granted or revoked. */
  gboolean online = !da_page_get_offline (DA_PAGE (self));
  gboolean can_grant = showing && online && self->connections != NULL &&
                       g_list_model_get_n_items (self->connections) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.revoke",
                                 showing && online && self->n_revoking == 0 &&
                                 !gtk_bitset_is_empty (selected));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.grant", can_grant);
  da_page_set_can_new (DA_PAGE (self), can_grant);
  da_page_set_can_search (DA_PAGE (self), showing);
}

static void
update_count (DaPermissionsPage *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filter_model);
  guint total = all != NULL ? g_list_model_get_n_items (all) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (all == NULL)
    text = g_strdup ("");
  else if (shown == total)
    text = g_strdup_printf (ngettext ("%u permission", "%u permissions", total), total);
  else
    /* Translators: permissions that match the filter, of all of them */
    text = g_strdup_printf (ngettext ("%u of %u permission", "%u of %u permissions", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
}

/* Content or an empty state, once a list is shown (not while the first load runs or an error
 * is shown). */
static void
update_view (DaPermissionsPage *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filter_model);

  update_count (self);

  if (da_page_get_error (DA_PAGE (self)) != NULL || (self->load != NULL && !self->load->shown))
    return;

  if (self->org_id == NULL)
    {
      da_state_view_set_empty_title (self->state_view, _("No Organizations"));
      da_state_view_set_empty_description (self->state_view,
                                           _("Create an organization first: permissions are "
                                             "granted to organizations."));
      da_state_view_show_empty (self->state_view);
    }
  else if (all == NULL || g_list_model_get_n_items (all) == 0)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is an organization's name */
      description = g_strdup_printf (_("Sessions in %s cannot use any repository yet. Grant "
                                       "it repositories or groups to work on."),
                                     get_org_name (self, self->org_id));
      da_state_view_set_empty_title (self->state_view, _("No Repository Permissions"));
      da_state_view_set_empty_description (self->state_view, description);
      da_state_view_show_empty (self->state_view);
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is the text typed in the filter */
      description = g_strdup_printf (_("No repository, group, host or connection matches "
                                       "“%s”."),
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      da_state_view_set_empty_title (self->state_view, _("No Matching Permissions"));
      da_state_view_set_empty_description (self->state_view, description);
      da_state_view_show_empty (self->state_view);
    }
  else
    da_state_view_show_content (self->state_view);
}

static void
set_connections (DaPermissionsPage *self,
                 GListModel        *connections)
{
  g_set_object (&self->connections, connections);
  g_clear_pointer (&self->host_connections, g_hash_table_unref);
  self->host_connections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(DaGitConnection) connection = g_list_model_get_item (connections, i);
      g_autofree char *host = NULL;
      const char *names;

      if (da_git_connection_get_host (connection) == NULL)
        continue;

      host = g_ascii_strdown (da_git_connection_get_host (connection), -1);
      names = g_hash_table_lookup (self->host_connections, host);
      g_hash_table_insert (self->host_connections, g_strdup (host),
                           names != NULL
                           /* Translators: joins the names of connections to the same host */
                           ? g_strdup_printf (_("%s, %s"), names,
                                              da_git_connection_get_name (connection))
                           : g_strdup (da_git_connection_get_name (connection)));
    }
}

static GHashTable *
dup_selected_ids (DaPermissionsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                                     position);

      g_hash_table_add (ids, g_strdup (da_git_permission_get_permission_id (permission)));
    }

  return ids;
}

static void
select_ids (DaPermissionsPage *self,
            GHashTable        *ids)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  if (g_hash_table_size (ids) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaGitPermission) permission = g_list_model_get_item (model, i);

      if (g_hash_table_contains (ids, da_git_permission_get_permission_id (permission)))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, FALSE);
    }
}

/* Puts the permissions of @load in the list, keeping the selection and the scroll position
 * when it is the same organization's list again. */
static void
swap_in (DaPermissionsPage *self,
         Load              *load)
{
  g_autoptr(GHashTable) selected = dup_selected_ids (self);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gboolean same = g_strcmp0 (self->shown_org_id, load->org_id) == 0;
  double scroll = gtk_adjustment_get_value (vadjustment);

  load->shown = TRUE;
  set_connections (self, da_pager_get_model (load->connections));
  g_set_object (&self->pager, load->permissions);
  g_free (self->shown_org_id);
  self->shown_org_id = g_strdup (load->org_id);

  gtk_filter_list_model_set_model (self->filter_model, da_pager_get_model (load->permissions));

  if (same)
    {
      select_ids (self, selected);
      gtk_adjustment_set_value (vadjustment, scroll);
    }

  update_view (self);
  update_actions (self);
}

static void
maybe_show (DaPermissionsPage *self,
            Load              *load)
{
  if (load->shown || !load->connections_done)
    return;
  /* The list comes in once its first page is there, or once it is known to be empty. */
  if (!load->permissions_done &&
      g_list_model_get_n_items (da_pager_get_model (load->permissions)) == 0)
    return;

  swap_in (self, load);
}

static void
load_failed (DaPermissionsPage *self,
             Load              *load,
             const GError      *error)
{
  g_autoptr(GError) shown_error = NULL;

  if (load != self->load || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  cancel_load (self);
  da_page_set_busy (DA_PAGE (self), FALSE);

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND) &&
      load->org_id != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is an organization's name */
      message = g_strdup_printf (_("The organization “%s” no longer exists. It may have been "
                                   "deleted elsewhere."),
                                 get_org_name (self, load->org_id));
      shown_error = da_client_error_new_full (DA_CLIENT_ERROR_NOT_FOUND,
                                              da_client_error_get_status (error), NULL, 0,
                                              message);
    }
  else
    shown_error = g_error_copy (error);

  /* A 404 refreshes the page (and its organizations) from here. */
  if (da_page_handle_error (DA_PAGE (self), shown_error) == DA_PAGE_ERROR_IN_PAGE)
    {
      da_state_view_show_error (self->state_view, shown_error);
      gtk_label_set_label (self->count_label, "");
    }
  update_actions (self);
}

static void
load_finished (DaPermissionsPage *self,
               Load              *load)
{
  g_assert (load == self->load);

  g_clear_pointer (&self->load, load_unref);
  self->loaded = TRUE;
  da_page_set_busy (DA_PAGE (self), FALSE);
  da_page_set_error (DA_PAGE (self), NULL);
  update_view (self);
  update_actions (self);
}

static void
connections_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  DaPermissionsPage *self = request->self;
  Load *load = request->load;

  if (!da_pager_load_all_finish (DA_PAGER (object), result, &error))
    {
      load_failed (self, load, error);
      return;
    }
  if (load != self->load)
    return;

  load->connections_done = TRUE;
  maybe_show (self, load);
  if (load->permissions_done)
    load_finished (self, load);
}

static void
permissions_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  DaPermissionsPage *self = request->self;
  Load *load = request->load;

  if (!da_pager_load_all_finish (DA_PAGER (object), result, &error))
    {
      load_failed (self, load, error);
      return;
    }
  if (load != self->load)
    return;

  load->permissions_done = TRUE;
  maybe_show (self, load);
  if (load->connections_done)
    load_finished (self, load);
}

static void
on_page_loaded_cb (DaPermissionsPage *self,
                   guint              position,
                   guint              n_items,
                   DaPager           *pager)
{
  if (self->load != NULL && self->load->permissions == pager)
    maybe_show (self, self->load);
}

static void
load_org (DaPermissionsPage *self,
          Load              *load)
{
  DaClient *client = get_client (self);

  g_assert (self->org_id != NULL);

  load->org_id = g_strdup (self->org_id);
  load->connections = da_client_list_git_connections (client, load->org_id);
  load->permissions = da_client_list_git_permissions (client, load->org_id);
  g_signal_connect_object (load->permissions, "page-loaded", G_CALLBACK (on_page_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  da_pager_load_all_async (load->connections, load->cancellable, connections_cb,
                           request_new (self, load));
  da_pager_load_all_async (load->permissions, load->cancellable, permissions_cb,
                           request_new (self, load));
}

/* Loads the permissions of the organization picked, without loading the organizations again.
 * The list stays in place while the same organization's list reloads. */
static void
start_org_load (DaPermissionsPage *self)
{
  cancel_load (self);

  if (self->org_id == NULL)
    return;

  self->load = load_new ();
  da_page_set_busy (DA_PAGE (self), TRUE);
  if (g_strcmp0 (self->org_id, self->shown_org_id) != 0 ||
      da_page_get_error (DA_PAGE (self)) != NULL)
    {
      da_state_view_show_loading (self->state_view);
      gtk_label_set_label (self->count_label, "");
    }
  update_actions (self);
  load_org (self, self->load);
}

/* ---- organizations --------------------------------------------------------------------- */

/* The organization list: names shorten in the button when space is short (the page fits a
 * phone's width), not in the list that pops up. */
static void
setup_org_item_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  shorten)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (shorten != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_org_item_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkStringObject *name = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       gtk_string_object_get_string (name));
}

static GtkListItemFactory *
create_org_factory (gboolean shorten)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_org_item_cb),
                    shorten ? GINT_TO_POINTER (1) : NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_org_item_cb), NULL);
  return factory;
}

/* Refills the organization list from the context's, keeping the organization picked when it is
 * still there (else the first). */
static void
sync_orgs (DaPermissionsPage *self)
{
  GListModel *orgs = da_context_get_organizations (da_page_get_context (DA_PAGE (self)));
  guint n = g_list_model_get_n_items (orgs);
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->org_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->org_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);
      const char *id = da_organization_get_org_id (org);
      const char *name = da_organization_get_org_name (org);

      g_ptr_array_add (self->org_ids, g_strdup (id));
      g_ptr_array_add (names, g_strdup (name != NULL && name[0] != '\0' ? name : id));
      if (g_strcmp0 (id, self->org_id) == 0)
        selected = i;
    }
  g_ptr_array_add (names, NULL);

  if (selected == GTK_INVALID_LIST_POSITION && n > 0)
    selected = 0;
  g_free (self->org_id);
  self->org_id = selected != GTK_INVALID_LIST_POSITION
                 ? g_strdup (g_ptr_array_index (self->org_ids, selected)) : NULL;

  self->syncing_orgs = TRUE;
  gtk_string_list_splice (self->org_names, 0, old_n, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->org_dropdown, selected);
  self->syncing_orgs = FALSE;
}

static void
on_orgs_changed_cb (DaPermissionsPage *self)
{
  sync_orgs (self);

  /* Changed elsewhere (another page refreshed them): follow, unless a load of ours is under
   * way and will. */
  if (self->loaded && self->load == NULL && g_strcmp0 (self->org_id, self->shown_org_id) != 0)
    {
      if (self->org_id != NULL)
        start_org_load (self);
      else
        {
          gtk_filter_list_model_set_model (self->filter_model, NULL);
          g_clear_pointer (&self->shown_org_id, g_free);
          update_view (self);
          update_actions (self);
        }
    }
}

static void
on_org_selected_cb (DaPermissionsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->org_dropdown);
  const char *id;

  if (self->syncing_orgs || selected >= self->org_ids->len)
    return;

  id = g_ptr_array_index (self->org_ids, selected);
  if (g_strcmp0 (id, self->org_id) == 0)
    return;

  g_free (self->org_id);
  self->org_id = g_strdup (id);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  start_org_load (self);
}

static void
orgs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  DaPermissionsPage *self = request->self;
  Load *load = request->load;

  if (!da_context_load_organizations_finish (DA_CONTEXT (object), result, &error))
    {
      load_failed (self, load, error);
      return;
    }
  if (load != self->load)
    return;

  sync_orgs (self);
  if (self->org_id == NULL)
    {
      /* No organization at all: nothing to list. */
      gtk_filter_list_model_set_model (self->filter_model, NULL);
      g_clear_pointer (&self->shown_org_id, g_free);
      load->shown = TRUE;
      load_finished (self, load);
      return;
    }

  load_org (self, load);
}

/* ---- filter and sorting ---------------------------------------------------------------- */

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *lower = NULL;

  if (haystack == NULL)
    return FALSE;
  lower = g_utf8_strdown (haystack, -1);
  return strstr (lower, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DaPermissionsPage *self = user_data;
  DaGitPermission *permission = item;

  if (self->needle == NULL)
    return TRUE;

  return contains (da_git_permission_get_display_path (permission), self->needle) ||
         contains (da_git_permission_get_host (permission), self->needle) ||
         contains (connection_names (self, permission), self->needle) ||
         contains (kind_text (permission), self->needle);
}

static void
on_search_changed_cb (DaPermissionsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->needle, g_free);
  if (stripped[0] != '\0')
    self->needle = g_utf8_strdown (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static int
compare_path (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return g_utf8_collate (da_git_permission_get_display_path ((DaGitPermission *) a),
                         da_git_permission_get_display_path ((DaGitPermission *) b));
}

static int
compare_kind (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  int ka = da_git_permission_is_group ((DaGitPermission *) a);
  int kb = da_git_permission_is_group ((DaGitPermission *) b);

  return ka != kb ? ka - kb : compare_path (a, b, user_data);
}

static int
compare_host (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  int cmp = g_strcmp0 (da_git_permission_get_host ((DaGitPermission *) a),
                       da_git_permission_get_host ((DaGitPermission *) b));

  return cmp != 0 ? cmp : compare_path (a, b, user_data);
}

static int
compare_connection (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  DaPermissionsPage *self = user_data;
  int cmp = g_strcmp0 (connection_names (self, (DaGitPermission *) a),
                       connection_names (self, (DaGitPermission *) b));

  return cmp != 0 ? cmp : compare_path (a, b, user_data);
}

/* ---- columns --------------------------------------------------------------------------- */

typedef enum
{
  COLUMN_PATH,
  COLUMN_KIND,
  COLUMN_HOST,
  COLUMN_CONNECTION,
} Column;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DaPermissionsPage        *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "da-column"));
  DaGitPermission *permission = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_PATH:
      text = da_git_permission_get_display_path (permission);
      break;
    case COLUMN_KIND:
      text = kind_text (permission);
      break;
    case COLUMN_HOST:
      text = da_git_permission_get_host (permission);
      break;
    case COLUMN_CONNECTION:
      text = connection_names (self, permission);
      if (text == NULL)
        text = _("No connection for this host");
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, text);
  if (column == COLUMN_CONNECTION && connection_names (self, permission) == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
add_column (DaPermissionsPage *self,
            Column             column,
            const char        *title,
            GCompareDataFunc   compare,
            gboolean           expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "da-column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);

  view_column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare, self, NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
  g_object_unref (sorter);
}

/* ---- revoking -------------------------------------------------------------------------- */

typedef struct
{
  DaPermissionsPage *self;
  char              *org_id;
  GPtrArray         *permissions;  /* DaGitPermission */
  guint              pending;
  guint              n_revoked;
  guint              n_gone;       /* already revoked elsewhere (404) */
  guint              n_failed;
  GError            *error;        /* the first failure */
  char              *failed_path;
} Revoke;

static void
revoke_free (Revoke *revoke)
{
  g_object_unref (revoke->self);
  g_free (revoke->org_id);
  g_ptr_array_unref (revoke->permissions);
  g_clear_error (&revoke->error);
  g_free (revoke->failed_path);
  g_free (revoke);
}

static void
revoke_done (Revoke *revoke)
{
  DaPermissionsPage *self = revoke->self;
  g_autofree char *text = NULL;

  self->n_revoking = 0;

  if (revoke->n_failed == 1 && revoke->n_revoked == 0)
    /* Translators: the first %s is a repository or group, the second why it failed */
    text = g_strdup_printf (_("Could not revoke access to %s: %s"), revoke->failed_path,
                            revoke->error->message);
  else if (revoke->n_failed > 0)
    /* Translators: %u is a number of permissions, %s why the first one failed */
    text = g_strdup_printf (ngettext ("%u permission could not be revoked: %s",
                                      "%u permissions could not be revoked: %s",
                                      revoke->n_failed),
                            revoke->n_failed, revoke->error->message);
  else if (revoke->n_gone > 0 && revoke->n_gone == revoke->n_revoked)
    {
      /* The server had none of them any more: say so rather than claim it was done here. */
      DaGitPermission *first = g_ptr_array_index (revoke->permissions, 0);

      if (revoke->n_gone == 1)
        /* Translators: %s is a repository or group */
        text = g_strdup_printf (_("Access to %s no longer exists: it was revoked elsewhere"),
                                da_git_permission_get_display_path (first));
      else
        text = g_strdup_printf (ngettext ("%u permission no longer exists: it was revoked "
                                          "elsewhere",
                                          "%u permissions no longer exist: they were revoked "
                                          "elsewhere", revoke->n_gone),
                                revoke->n_gone);
    }
  else if (revoke->n_revoked == 1)
    /* Translators: %s is a repository or group */
    text = g_strdup_printf (_("Access to %s revoked"),
                            da_git_permission_get_display_path (g_ptr_array_index (revoke->permissions, 0)));
  else
    text = g_strdup_printf (ngettext ("%u permission revoked", "%u permissions revoked",
                                      revoke->n_revoked),
                            revoke->n_revoked);

  da_page_show_toast (DA_PAGE (self), text);

  if (g_strcmp0 (revoke->org_id, self->org_id) == 0)
    start_org_load (self);
  else
    update_actions (self);
}

typedef struct
{
  Revoke          *revoke;
  DaGitPermission *permission;
} RevokeOne;

static void
revoke_one_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  RevokeOne *one = user_data;
  Revoke *revoke = one->revoke;
  g_autoptr(DaGitPermission) permission = one->permission;
  g_autoptr(GError) error = NULL;

  g_free (one);
  g_assert (revoke->pending > 0);

  if (da_client_call_finish (DA_CLIENT (object), result, &error))
    revoke->n_revoked++;
  else if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
    {
      /* Gone already: what was asked for holds. */
      revoke->n_revoked++;
      revoke->n_gone++;
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    {
      revoke->n_failed++;
      if (revoke->error == NULL)
        {
          revoke->error = g_steal_pointer (&error);
          revoke->failed_path = g_strdup (da_git_permission_get_display_path (permission));
        }
    }

  if (--revoke->pending > 0)
    return;

  if (!g_cancellable_is_cancelled (revoke->self->cancellable))
    revoke_done (revoke);
  revoke_free (revoke);
}

static void
confirm_revoke_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Revoke *revoke = user_data;
  DaPermissionsPage *self = revoke->self;
  DaClient *client = get_client (self);

  if (!da_confirm_destructive_finish (result) || g_cancellable_is_cancelled (self->cancellable))
    {
      revoke_free (revoke);
      return;
    }

  self->n_revoking = revoke->permissions->len;
  revoke->pending = revoke->permissions->len;
  update_actions (self);

  for (guint i = 0; i < revoke->permissions->len; i++)
    {
      DaGitPermission *permission = g_ptr_array_index (revoke->permissions, i);
      RevokeOne *one = g_new0 (RevokeOne, 1);

      one->revoke = revoke;
      one->permission = g_object_ref (permission);
      da_client_revoke_git_permission_async (client, revoke->org_id,
                                             da_git_permission_get_permission_id (permission),
                                             self->cancellable, revoke_one_cb, one);
    }
}

static char *
list_names (GPtrArray *permissions)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = permissions->len;

  for (guint i = 0; i < MIN (n, MAX_NAMED); i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, da_git_permission_get_display_path (g_ptr_array_index (permissions, i)));
    }

  if (n > MAX_NAMED)
    /* Translators: after a list of names, e.g. "a/b, c/d and 3 more" */
    g_string_append_printf (names, ngettext (" and %u more", " and %u more", n - MAX_NAMED),
                            n - MAX_NAMED);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DaPermissionsPage *self = DA_PERMISSIONS_PAGE (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *names = NULL;
  const char *org_name;
  GtkBitsetIter iter;
  Revoke *revoke;
  guint position;

  if (self->n_revoking > 0 || gtk_bitset_is_empty (selected) || self->shown_org_id == NULL)
    return;

  revoke = g_new0 (Revoke, 1);
  revoke->self = g_object_ref (self);
  revoke->org_id = g_strdup (self->shown_org_id);
  revoke->permissions = g_ptr_array_new_with_free_func (g_object_unref);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (revoke->permissions,
                     g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  org_name = get_org_name (self, revoke->org_id);
  names = list_names (revoke->permissions);
  if (revoke->permissions->len == 1)
    {
      /* Translators: %s is a repository path or group prefix */
      heading = g_strdup_printf (_("Revoke Access to %s?"), names);
      /* Translators: the first %s is an organization, the second a repository or group */
      body = g_strdup_printf (_("Sessions in %s will no longer be able to use %s."),
                              org_name, names);
    }
  else
    {
      heading = g_strdup_printf (ngettext ("Revoke %u Permission?", "Revoke %u Permissions?",
                                           revoke->permissions->len),
                                 revoke->permissions->len);
      /* Translators: the first %s is an organization, the second a list of repositories */
      body = g_strdup_printf (_("Sessions in %s will no longer be able to use %s."),
                              org_name, names);
    }

  da_confirm_destructive_async (GTK_WIDGET (self), heading, body, _("_Revoke"), NULL,
                                self->cancellable, confirm_revoke_cb, revoke);
}

/* ---- granting -------------------------------------------------------------------------- */

static void
on_granted_cb (DaPermissionsPage *self,
               DaGrantResult     *result,
               DaGrantDialog     *dialog)
{
  /* The dialog shows what was created; the list catches up behind it. */
  start_org_load (self);
}

static void
grant_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  DaPermissionsPage *self = DA_PERMISSIONS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  DaGrantDialog *dialog;

  if (self->shown_org_id == NULL || self->connections == NULL ||
      g_list_model_get_n_items (self->connections) == 0)
    return;

  dialog = da_grant_dialog_new (da_page_get_context (DA_PAGE (self)), self->shown_org_id,
                                get_org_name (self, self->shown_org_id), self->connections);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "granted", G_CALLBACK (on_granted_cb), self,
                           G_CONNECT_SWAPPED);
  /* It goes with the page (signing out removes the pages). */
  if (self->grant_dialog != NULL)
    gtk_window_destroy (self->grant_dialog);
  g_set_weak_pointer (&self->grant_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- DaPage ---------------------------------------------------------------------------- */

static void
da_permissions_page_refresh (DaPage *page)
{
  DaPermissionsPage *self = DA_PERMISSIONS_PAGE (page);
  DaContext *context = da_page_get_context (page);

  cancel_load (self);
  self->load = load_new ();

  da_page_set_busy (page, TRUE);
  if (!self->loaded || da_page_get_error (page) != NULL)
    da_state_view_show_loading (self->state_view);

  /* The first load takes the organizations another page may have loaded; a refresh asks for
   * them again (one may have been deleted or renamed elsewhere). */
  da_context_load_organizations_async (context, self->n_refreshes++ > 0, self->load->cancellable,
                                       orgs_cb, request_new (self, self->load));
}

static void
da_permissions_page_focus_search (DaPage *page)
{
  DaPermissionsPage *self = DA_PERMISSIONS_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
da_permissions_page_activate_new (DaPage *page)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "page.grant", NULL);
}

static void
on_retry_cb (DaPermissionsPage *self)
{
  da_page_refresh (DA_PAGE (self));
}

static void
on_selection_changed_cb (DaPermissionsPage *self)
{
  update_actions (self);
}

static void
on_filtered_changed_cb (DaPermissionsPage *self)
{
  update_view (self);
}

static void
da_permissions_page_map (GtkWidget *widget)
{
  DaPermissionsPage *self = DA_PERMISSIONS_PAGE (widget);

  GTK_WIDGET_CLASS (da_permissions_page_parent_class)->map (widget);

  if (!self->loaded && self->load == NULL && da_page_get_error (DA_PAGE (self)) == NULL)
    da_page_refresh (DA_PAGE (self));
}

static void
da_permissions_page_constructed (GObject *object)
{
  DaPermissionsPage *self = (DaPermissionsPage *)object;
  DaContext *context;

  G_OBJECT_CLASS (da_permissions_page_parent_class)->constructed (object);

  context = da_page_get_context (DA_PAGE (self));
  g_return_if_fail (DA_IS_CONTEXT (context));

  g_signal_connect_object (da_context_get_organizations (context), "items-changed",
                           G_CALLBACK (on_orgs_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (da_context_get_client (context), "notify::offline",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  sync_orgs (self);
}

static void
da_permissions_page_dispose (GObject *object)
{
  DaPermissionsPage *self = (DaPermissionsPage *)object;
  GtkWidget *child;

  cancel_load (self);
  g_cancellable_cancel (self->cancellable);
  if (self->grant_dialog != NULL)
    gtk_window_destroy (self->grant_dialog);
  g_clear_weak_pointer (&self->grant_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_PERMISSIONS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->pager);
  g_clear_object (&self->connections);
  g_clear_object (&self->org_names);

  G_OBJECT_CLASS (da_permissions_page_parent_class)->dispose (object);
}

static void
da_permissions_page_finalize (GObject *object)
{
  DaPermissionsPage *self = (DaPermissionsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->host_connections, g_hash_table_unref);
  g_clear_pointer (&self->org_ids, g_ptr_array_unref);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->shown_org_id, g_free);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (da_permissions_page_parent_class)->finalize (object);
}

static void
da_permissions_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_permissions_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_permissions_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = da_permissions_page_refresh;
  iface->focus_search = da_permissions_page_focus_search;
  iface->activate_new = da_permissions_page_activate_new;
}

static void
da_permissions_page_class_init (DaPermissionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = da_permissions_page_constructed;
  object_class->dispose = da_permissions_page_dispose;
  object_class->finalize = da_permissions_page_finalize;
  object_class->get_property = da_permissions_page_get_property;
  object_class->set_property = da_permissions_page_set_property;

  widget_class->map = da_permissions_page_map;

  da_page_install_properties (object_class, N_PROPS);

  g_type_ensure (DA_TYPE_STATE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-permissions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaPermissionsPage, org_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DaPermissionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DaPermissionsPage, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaPermissionsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DaPermissionsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DaPermissionsPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_cb);

  gtk_widget_class_install_action (widget_class, "page.revoke", NULL, revoke_action);
  gtk_widget_class_install_action (widget_class, "page.grant", NULL, grant_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "page.revoke", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "page.revoke", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_permissions_page_init (DaPermissionsPage *self)
{
  GtkSortListModel *sort_model;
  GtkExpression *expression;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  da_page_set_title (DA_PAGE (self), _("Permissions"));
  da_page_set_icon_name (DA_PAGE (self), "folder-remote-symbolic");

  self->cancellable = g_cancellable_new ();
  self->org_ids = g_ptr_array_new_with_free_func (g_free);
  self->org_names = gtk_string_list_new (NULL);

  gtk_drop_down_set_model (self->org_dropdown, G_LIST_MODEL (self->org_names));
  factory = create_org_factory (TRUE);
  gtk_drop_down_set_factory (self->org_dropdown, factory);
  g_object_unref (factory);
  factory = create_org_factory (FALSE);
  gtk_drop_down_set_list_factory (self->org_dropdown, factory);
  g_object_unref (factory);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->org_dropdown, expression);
  gtk_expression_unref (expression);
  g_signal_connect_object (self->org_dropdown, "notify::selected",
                           G_CALLBACK (on_org_selected_cb), self, G_CONNECT_SWAPPED);

  add_column (self, COLUMN_PATH, _("Repository or Group"), compare_path, TRUE);
  add_column (self, COLUMN_KIND, _("Kind"), compare_kind, FALSE);
  add_column (self, COLUMN_HOST, _("Host"), compare_host, FALSE);
  add_column (self, COLUMN_CONNECTION, _("Connection"), compare_connection, TRUE);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                        g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (sort_model));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filtered_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  update_actions (self);
}

GtkWidget *
da_permissions_page_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_PERMISSIONS_PAGE,
                       "context", context,
                       NULL);
}

const char *
da_permissions_page_get_org_id (DaPermissionsPage *self)
{
  g_return_val_if_fail (DA_IS_PERMISSIONS_PAGE (self), NULL);

  return self->org_id;
}

gboolean
da_permissions_page_select_org (DaPermissionsPage *self,
                                const char        *org_id)
{
  g_return_val_if_fail (DA_IS_PERMISSIONS_PAGE (self), FALSE);

  for (guint i = 0; i < self->org_ids->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->org_ids, i), org_id) == 0)
        {
          gtk_drop_down_set_selected (self->org_dropdown, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* da-api-keys-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-api-keys-page.h"
#include "da-dialogs.h"
#include "da-format.h"
#include "da-list-footer.h"
#include "da-state-view.h"

/* One load of the list: a pager walking every page of the keys. A new load cancels the one
 * before; answers for an older load are dropped. */
typedef struct
{
  grefcount      ref_count;
  GCancellable  *cancellable;
  DaPager       *pager;
  char          *org_id;  /* the filter it loads with; NULL for all */
  gboolean       shown;   /* its keys are in the list */
} Load;

struct _DaApiKeysPage
{
  GtkWidget           parent_instance;

  /* Owned */
  Load               *load;
  GCancellable       *cancellable;      /* of revocations; cancelled in dispose */
  DaPager            *pager;            /* whose keys the list shows */
  GtkStringList      *org_names;        /* "All Organizations", then each organization */
  GPtrArray          *org_ids;          /* parallel to org_names; NULL for all */
  char               *org_id;           /* the filter picked; NULL for all */
  char               *shown_org_id;     /* the filter of the keys shown */
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  guint               page_size;
  guint               n_refreshes;
  gboolean            loaded;
  gboolean            revoking;
  gboolean            syncing_orgs;

  /* Template widgets */
  GtkDropDown        *org_dropdown;
  DaStateView        *state_view;
  GtkScrolledWindow  *scroller;
  GtkColumnView      *column_view;
  DaListFooter       *footer;
  GtkLabel           *count_label;
};

static void da_api_keys_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaApiKeysPage, da_api_keys_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE, da_api_keys_page_iface_init))

enum {
  PROP_0,
  N_PROPS
};

static void start_load (DaApiKeysPage *self);

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
  g_clear_object (&load->pager);
  g_free (load->org_id);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_unref)

typedef struct
{
  DaApiKeysPage *self;
  Load          *load;
} Request;

static Request *
request_new (DaApiKeysPage *self,
             Load          *load)
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
get_client (DaApiKeysPage *self)
{
  return da_context_get_client (da_page_get_context (DA_PAGE (self)));
}

static void
cancel_load (DaApiKeysPage *self)
{
  if (self->load == NULL)
    return;

  g_cancellable_cancel (self->load->cancellable);
  g_clear_pointer (&self->load, load_unref);
}

/* ---- what the page shows --------------------------------------------------------------- */

static const char *
org_name_of (DaApiKeysPage *self,
             DaApiKey      *key)
{
  const char *name = da_api_key_get_org_name (key);

  if (name == NULL || name[0] == '\0')
    name = da_context_lookup_org_name (da_page_get_context (DA_PAGE (self)),
                                       da_api_key_get_org_id (key));
  return name != NULL ? name : da_api_key_get_org_id (key);
}

static gboolean
is_service_key (DaApiKey *key)
{
  return da_api_key_get_is_service_key (key) || da_api_key_get_user_email (key) == NULL;
}

static const char *
owner_of (DaApiKey *key)
{
  return is_service_key (key) ? _("Service key") : da_api_key_get_user_email (key);
}

static DaApiKey *
get_selected_key (DaApiKeysPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return DA_IS_API_KEY (item) ? DA_API_KEY (item) : NULL;
}

static void
update_actions (DaApiKeysPage *self)
{
  gboolean showing = self->pager != NULL && da_page_get_error (DA_PAGE (self)) == NULL;
  /* Offline, the list shows what was loaded before and no key can be revoked. */
  gboolean can_revoke = showing && !self->revoking && !da_page_get_offline (DA_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.revoke",
                                 can_revoke && get_selected_key (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.revoke-all", can_revoke);
}

static void
update_count (DaApiKeysPage *self)
{
  GListModel *keys = gtk_sort_list_model_get_model (self->sort_model);
  guint n = keys != NULL ? g_list_model_get_n_items (keys) : 0;
  gint64 total = self->pager != NULL ? da_pager_get_total (self->pager) : -1;
  g_autofree char *text = NULL;

  if (keys == NULL)
    text = g_strdup ("");
  else if (self->pager != NULL && da_pager_get_has_more (self->pager) && total > n)
    {
      g_autofree char *loaded = da_format_count (n);
      g_autofree char *all = da_format_count (total);

      /* Translators: keys loaded so far, of how many there are */
      text = g_strdup_printf (ngettext ("%s of %s key", "%s of %s keys", total), loaded, all);
    }
  else
    {
      g_autofree char *count = da_format_count (n);

      text = g_strdup_printf (ngettext ("%s key", "%s keys", n), count);
    }
  gtk_label_set_label (self->count_label, text);
}

static void
update_view (DaApiKeysPage *self)
{
  GListModel *keys = gtk_sort_list_model_get_model (self->sort_model);

  update_count (self);

  if (da_page_get_error (DA_PAGE (self)) != NULL || (self->load != NULL && !self->load->shown))
    return;

  if (keys != NULL && g_list_model_get_n_items (keys) > 0)
    {
      da_state_view_show_content (self->state_view);
      return;
    }

  if (self->shown_org_id != NULL)
    {
      const char *name = da_context_lookup_org_name (da_page_get_context (DA_PAGE (self)),
                                                     self->shown_org_id);
      g_autofree char *description = NULL;

      /* Translators: %s is an organization's name */
      description = g_strdup_printf (_("No one in %s has an API key, and it has no service "
                                       "key."),
                                     name != NULL ? name : self->shown_org_id);
      da_state_view_set_empty_description (self->state_view, description);
    }
  else
    da_state_view_set_empty_description (self->state_view,
                                         _("No one in the enterprise has an API key."));
  da_state_view_show_empty (self->state_view);
}

static void
swap_in (DaApiKeysPage *self,
         Load          *load)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  DaApiKey *selected = get_selected_key (self);
  g_autofree char *selected_id = selected != NULL ? g_strdup (da_api_key_get_id (selected)) : NULL;
  gboolean same = self->pager != NULL && g_strcmp0 (self->shown_org_id, self->org_id) == 0;
  double scroll = gtk_adjustment_get_value (vadjustment);

  load->shown = TRUE;
  g_set_object (&self->pager, load->pager);
  g_free (self->shown_org_id);
  self->shown_org_id = g_strdup (self->org_id);
  gtk_sort_list_model_set_model (self->sort_model, da_pager_get_model (load->pager));

  if (same && selected_id != NULL)
    {
      GListModel *model = G_LIST_MODEL (self->selection);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(DaApiKey) key = g_list_model_get_item (model, i);

          if (g_strcmp0 (da_api_key_get_id (key), selected_id) == 0)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }
  if (same)
    gtk_adjustment_set_value (vadjustment, scroll);

  update_view (self);
  update_actions (self);
}

static void
load_failed (DaApiKeysPage *self,
             Load          *load,
             const GError  *error)
{
  g_autoptr(GError) shown_error = NULL;

  if (load != self->load || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->load, load_unref);
  da_page_set_busy (DA_PAGE (self), FALSE);

  if (load->shown)
    {
      /* A page after the first failed: the keys already there stay, the footer offers to go
       * on from where it stopped. */
      if (!g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
        da_list_footer_show_error (self->footer, error);
      update_count (self);
      update_actions (self);
      return;
    }

  da_list_footer_hide (self->footer);

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND) && load->org_id != NULL)
    {
      const char *name = da_context_lookup_org_name (da_page_get_context (DA_PAGE (self)),
                                                     load->org_id);
      g_autofree char *message = NULL;

      /* Translators: %s is an organization's name */
      message = g_strdup_printf (_("The organization “%s” no longer exists. It may have been "
                                   "deleted elsewhere."),
                                 name != NULL ? name : load->org_id);
      shown_error = da_client_error_new_full (DA_CLIENT_ERROR_NOT_FOUND,
                                              da_client_error_get_status (error), NULL, 0,
                                              message);

      /* The refresh that follows shows every organization's keys. */
      if (g_strcmp0 (self->org_id, load->org_id) == 0)
        {
          g_clear_pointer (&self->org_id, g_free);
          self->syncing_orgs = TRUE;
          gtk_drop_down_set_selected (self->org_dropdown, 0);
          self->syncing_orgs = FALSE;
        }
    }
  else
    shown_error = g_error_copy (error);

  if (da_page_handle_error (DA_PAGE (self), shown_error) == DA_PAGE_ERROR_IN_PAGE)
    {
      da_state_view_show_error (self->state_view, shown_error);
      gtk_label_set_label (self->count_label, "");
    }
  update_actions (self);
}

static void
keys_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  DaApiKeysPage *self = request->self;
  Load *load = request->load;

  if (!da_pager_load_all_finish (DA_PAGER (object), result, &error))
    {
      load_failed (self, load, error);
      return;
    }
  if (load != self->load)
    return;

  if (!load->shown)
    swap_in (self, load);

  g_clear_pointer (&self->load, load_unref);
  self->loaded = TRUE;
  da_list_footer_hide (self->footer);
  da_page_set_busy (DA_PAGE (self), FALSE);
  da_page_set_error (DA_PAGE (self), NULL);
  update_view (self);
  update_actions (self);
}

static void
on_page_loaded_cb (DaApiKeysPage *self,
                   guint          position,
                   guint          n_items,
                   DaPager       *pager)
{
  if (self->load == NULL || self->load->pager != pager)
    return;

  /* The list comes in with its first page, and fills as the others arrive. */
  if (!self->load->shown)
    swap_in (self, self->load);

  if (da_pager_get_has_more (pager))
    da_list_footer_show_loading (self->footer,
                                 g_list_model_get_n_items (da_pager_get_model (pager)),
                                 da_pager_get_total (pager));
  update_count (self);
}

/* Loads the keys of the organization picked (or all) into a fresh list, swapped in once its
 * first page is there. */
static void
start_load (DaApiKeysPage *self)
{
  gboolean same = self->pager != NULL && g_strcmp0 (self->org_id, self->shown_org_id) == 0;

  cancel_load (self);

  self->load = load_new ();
  self->load->org_id = g_strdup (self->org_id);
  self->load->pager = da_client_list_api_keys (get_client (self), self->org_id);
  if (self->page_size > 0)
    da_pager_set_page_size (self->load->pager, self->page_size);
  g_signal_connect_object (self->load->pager, "page-loaded", G_CALLBACK (on_page_loaded_cb),
                           self, G_CONNECT_SWAPPED);

  da_page_set_busy (DA_PAGE (self), TRUE);
  if (!same || da_page_get_error (DA_PAGE (self)) != NULL)
    {
      da_state_view_show_loading (self->state_view);
      gtk_label_set_label (self->count_label, "");
    }
  da_list_footer_hide (self->footer);
  update_actions (self);

  da_pager_load_all_async (self->load->pager, self->load->cancellable, keys_cb,
                           request_new (self, self->load));
}

static void
on_footer_retry_cb (DaApiKeysPage *self)
{
  if (self->pager == NULL || self->load != NULL)
    return;

  /* Go on with the same pager from the page that failed. */
  self->load = load_new ();
  self->load->org_id = g_strdup (self->shown_org_id);
  self->load->pager = g_object_ref (self->pager);
  self->load->shown = TRUE;
  da_page_set_busy (DA_PAGE (self), TRUE);
  da_list_footer_show_loading (self->footer,
                               g_list_model_get_n_items (da_pager_get_model (self->pager)),
                               da_pager_get_total (self->pager));
  da_pager_load_all_async (self->load->pager, self->load->cancellable, keys_cb,
                           request_new (self, self->load));
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

static void
sync_orgs (DaApiKeysPage *self)
{
  GListModel *orgs = da_context_get_organizations (da_page_get_context (DA_PAGE (self)));
  guint n = g_list_model_get_n_items (orgs);
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->org_names));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  g_ptr_array_set_size (self->org_ids, 0);
  g_ptr_array_add (self->org_ids, NULL);
  g_ptr_array_add (names, g_strdup (_("All Organizations")));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);
      const char *id = da_organization_get_org_id (org);
      const char *name = da_organization_get_org_name (org);

      g_ptr_array_add (self->org_ids, g_strdup (id));
      g_ptr_array_add (names, g_strdup (name != NULL && name[0] != '\0' ? name : id));
      if (g_strcmp0 (id, self->org_id) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  /* An organization that is gone: back to all of them. */
  if (selected == 0)
    g_clear_pointer (&self->org_id, g_free);

  self->syncing_orgs = TRUE;
  gtk_string_list_splice (self->org_names, 0, old_n, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->org_dropdown, selected);
  self->syncing_orgs = FALSE;
}

static void
on_orgs_changed_cb (DaApiKeysPage *self)
{
  sync_orgs (self);

  /* The organization filtered by was deleted elsewhere: show every key. */
  if (self->loaded && self->load == NULL && g_strcmp0 (self->org_id, self->shown_org_id) != 0)
    start_load (self);
}

static void
on_org_selected_cb (DaApiKeysPage *self)
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
  start_load (self);
}

static void
orgs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(DaApiKeysPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The organizations only name the filter's choices: the list works without them, and says
   * so itself when the server fails. */
  if (!da_context_load_organizations_finish (DA_CONTEXT (object), result, &error))
    g_debug ("API keys: organizations not loaded: %s", error->message);
}

/* ---- columns --------------------------------------------------------------------------- */

typedef enum
{
  COLUMN_OWNER,
  COLUMN_ORGANIZATION,
  COLUMN_CREATED,
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
              DaApiKeysPage            *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "da-column"));
  DaApiKey *key = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  gboolean dim = FALSE;

  switch (column)
    {
    case COLUMN_OWNER:
      text = g_strdup (owner_of (key));
      dim = is_service_key (key);
      tooltip = g_strdup (text);
      break;
    case COLUMN_ORGANIZATION:
      text = g_strdup (org_name_of (self, key));
      tooltip = g_strdup (text);
      break;
    case COLUMN_CREATED:
      text = da_format_relative_time (da_api_key_get_created_at (key), da_now ());
      tooltip = da_format_exact_time (da_api_key_get_created_at (key));
      if (text == NULL)
        {
          text = g_strdup (_("Unknown"));
          dim = TRUE;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static int
compare_owner (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DaApiKey *ka = (DaApiKey *) a;
  DaApiKey *kb = (DaApiKey *) b;

  /* Members' keys first, by address; service keys after them. */
  if (is_service_key (ka) != is_service_key (kb))
    return is_service_key (ka) ? 1 : -1;
  return g_strcmp0 (da_api_key_get_user_email (ka), da_api_key_get_user_email (kb));
}

static int
compare_organization (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  DaApiKeysPage *self = user_data;
  const char *na = org_name_of (self, (DaApiKey *) a);
  const char *nb = org_name_of (self, (DaApiKey *) b);
  int cmp = g_utf8_collate (na != NULL ? na : "", nb != NULL ? nb : "");

  return cmp != 0 ? cmp : compare_owner (a, b, user_data);
}

static int
compare_created (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  gint64 ta = da_api_key_get_created_at ((DaApiKey *) a);
  gint64 tb = da_api_key_get_created_at ((DaApiKey *) b);

  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

static void
add_column (DaApiKeysPage    *self,
            Column            column,
            const char       *title,
            GCompareDataFunc  compare,
            gboolean          expand)
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

/* What a failed revocation shows: 401 and cancellation nothing (the window or no one handles
 * them), 404 a toast and a fresh list, anything else a toast saying why. */
static void
show_revoke_error (DaApiKeysPage *self,
                   const GError  *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    return;

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
    {
      g_autoptr(GError) gone = NULL;

      gone = da_client_error_new_full (DA_CLIENT_ERROR_NOT_FOUND,
                                       da_client_error_get_status (error), NULL, 0,
                                       _("This API key no longer exists: it was revoked "
                                         "elsewhere."));
      da_page_handle_error (DA_PAGE (self), gone);
      return;
    }

  {
    g_autofree char *text = NULL;

    /* Translators: %s says why */
    text = g_strdup_printf (_("Could not revoke the key: %s"), error->message);
    da_page_show_toast (DA_PAGE (self), text);
  }
}

static void
revoke_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DaApiKeysPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->revoking = FALSE;
  update_actions (self);

  if (!da_client_call_finish (DA_CLIENT (object), result, &error))
    {
      show_revoke_error (self, error);
      return;
    }

  da_page_show_toast (DA_PAGE (self), _("API key revoked"));
  /* If it was this app's own key, this request is refused and the window returns to the key
   * entry. */
  start_load (self);
}

static void
confirm_revoke_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DaApiKeysPage *self = DA_API_KEYS_PAGE (object);
  g_autofree char *key_id = user_data;

  if (!da_confirm_destructive_finish (result) || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->revoking = TRUE;
  update_actions (self);
  da_client_revoke_api_key_async (get_client (self), key_id, self->cancellable, revoke_cb,
                                  g_object_ref (self));
}

static void
revoke_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DaApiKeysPage *self = DA_API_KEYS_PAGE (widget);
  DaApiKey *key = get_selected_key (self);
  g_autofree char *body = NULL;

  if (key == NULL || self->revoking)
    return;

  if (is_service_key (key))
    /* Translators: %s is an organization's name */
    body = g_strdup_printf (_("The service key of %s stops working at once: anything that "
                              "uses it will be refused."),
                            org_name_of (self, key));
  else
    /* Translators: the first %s is a person's address, the second an organization's name */
    body = g_strdup_printf (_("The key of %s in %s stops working at once: anything that uses "
                              "it will be refused. If it is the key Devin Admin uses, Devin "
                              "Admin signs out."),
                            da_api_key_get_user_email (key), org_name_of (self, key));

  da_confirm_destructive_async (GTK_WIDGET (self), _("Revoke This API Key?"), body,
                                _("_Revoke"), NULL, self->cancellable, confirm_revoke_cb,
                                g_strdup (da_api_key_get_id (key)));
}

static void
revoke_all_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DaApiKeysPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->revoking = FALSE;
  update_actions (self);

  if (!da_client_call_finish (DA_CLIENT (object), result, &error))
    {
      show_revoke_error (self, error);
      return;
    }

  da_page_show_toast (DA_PAGE (self), _("Every API key of the enterprise was revoked"));
  /* This app's key went with the others: ask the server at once, so that its refusal takes
   * the window back to the key entry now rather than at the next click. */
  start_load (self);
}

static void
confirm_revoke_all_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DaApiKeysPage) self = user_data;

  if (!da_confirm_destructive_finish (result) || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->revoking = TRUE;
  update_actions (self);
  da_client_revoke_all_api_keys_async (get_client (self), self->cancellable, revoke_all_cb,
                                       g_object_ref (self));
}

static void
revoke_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DaApiKeysPage *self = DA_API_KEYS_PAGE (widget);

  if (self->revoking)
    return;

  da_confirm_destructive_async (GTK_WIDGET (self),
                                _("Revoke Every API Key?"),
                                _("Every API key of the enterprise stops working at once, in "
                                  "every organization: service keys, members’ keys, and the "
                                  "key Devin Admin uses. Devin Admin will sign out, and you "
                                  "will need a new Enterprise Admin key to sign in again."),
                                _("_Revoke All Keys"),
                                /* Translators: typed to confirm revoking every API key */
                                _("revoke all keys"),
                                self->cancellable, confirm_revoke_all_cb, g_object_ref (self));
}

/* ---- DaPage ---------------------------------------------------------------------------- */

static void
da_api_keys_page_refresh (DaPage *page)
{
  DaApiKeysPage *self = DA_API_KEYS_PAGE (page);
  DaContext *context = da_page_get_context (page);

  /* The first load takes the organizations another page may have loaded; a refresh asks for
   * them again. */
  da_context_load_organizations_async (context, self->n_refreshes++ > 0, self->cancellable,
                                       orgs_cb, g_object_ref (self));
  start_load (self);
}

static void
on_retry_cb (DaApiKeysPage *self)
{
  da_page_refresh (DA_PAGE (self));
}

static void
on_selection_changed_cb (DaApiKeysPage *self)
{
  update_actions (self);
}

static void
da_api_keys_page_map (GtkWidget *widget)
{
  DaApiKeysPage *self = DA_API_KEYS_PAGE (widget);

  GTK_WIDGET_CLASS (da_api_keys_page_parent_class)->map (widget);

  if (!self->loaded && self->load == NULL && da_page_get_error (DA_PAGE (self)) == NULL)
    da_page_refresh (DA_PAGE (self));
}

static void
da_api_keys_page_constructed (GObject *object)
{
  DaApiKeysPage *self = (DaApiKeysPage *)object;
  DaContext *context;

  G_OBJECT_CLASS (da_api_keys_page_parent_class)->constructed (object);

  context = da_page_get_context (DA_PAGE (self));
  g_return_if_fail (DA_IS_CONTEXT (context));

  g_signal_connect_object (da_context_get_organizations (context), "items-changed",
                           G_CALLBACK (on_orgs_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (da_context_get_client (context), "notify::offline",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  sync_orgs (self);
}

static void
da_api_keys_page_dispose (GObject *object)
{
  DaApiKeysPage *self = (DaApiKeysPage *)object;
  GtkWidget *child;

  cancel_load (self);
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_API_KEYS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->pager);
  g_clear_object (&self->org_names);

  G_OBJECT_CLASS (da_api_keys_page_parent_class)->dispose (object);
}

static void
da_api_keys_page_finalize (GObject *object)
{
  DaApiKeysPage *self = (DaApiKeysPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->org_ids, g_ptr_array_unref);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->shown_org_id, g_free);

  G_OBJECT_CLASS (da_api_keys_page_parent_class)->finalize (object);
}

static void
da_api_keys_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_api_keys_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_api_keys_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = da_api_keys_page_refresh;
}

static void
da_api_keys_page_class_init (DaApiKeysPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = da_api_keys_page_constructed;
  object_class->dispose = da_api_keys_page_dispose;
  object_class->finalize = da_api_keys_page_finalize;
  object_class->get_property = da_api_keys_page_get_property;
  object_class->set_property = da_api_keys_page_set_property;

  widget_class->map = da_api_keys_page_map;

  da_page_install_properties (object_class, N_PROPS);

  g_type_ensure (DA_TYPE_STATE_VIEW);
  g_type_ensure (DA_TYPE_LIST_FOOTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-api-keys-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaApiKeysPage, org_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DaApiKeysPage, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaApiKeysPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DaApiKeysPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DaApiKeysPage, footer);
  gtk_widget_class_bind_template_child (widget_class, DaApiKeysPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_footer_retry_cb);

  gtk_widget_class_install_action (widget_class, "page.revoke", NULL, revoke_action);
  gtk_widget_class_install_action (widget_class, "page.revoke-all", NULL, revoke_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "page.revoke", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "page.revoke", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_api_keys_page_init (DaApiKeysPage *self)
{
  GtkExpression *expression;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  da_page_set_title (DA_PAGE (self), _("API Keys"));
  da_page_set_icon_name (DA_PAGE (self), "dialog-password-symbolic");

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

  add_column (self, COLUMN_OWNER, _("Owner"), compare_owner, TRUE);
  add_column (self, COLUMN_ORGANIZATION, _("Organization"), compare_organization, TRUE);
  add_column (self, COLUMN_CREATED, _("Created"), compare_created, FALSE);

  self->sort_model = gtk_sort_list_model_new (NULL,
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

GtkWidget *
da_api_keys_page_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_API_KEYS_PAGE,
                       "context", context,
                       NULL);
}

const char *
da_api_keys_page_get_org_id (DaApiKeysPage *self)
{
  g_return_val_if_fail (DA_IS_API_KEYS_PAGE (self), NULL);

  return self->org_id;
}

gboolean
da_api_keys_page_select_org (DaApiKeysPage *self,
                             const char    *org_id)
{
  g_return_val_if_fail (DA_IS_API_KEYS_PAGE (self), FALSE);

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

void
da_api_keys_page_set_page_size (DaApiKeysPage *self,
                                guint          page_size)
{
  g_return_if_fail (DA_IS_API_KEYS_PAGE (self));

  self->page_size = page_size;
}

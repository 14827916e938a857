/* da-organizations-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-csv.h"
#include "da-dialogs.h"
#include "da-format.h"
#include "da-organization-dialog.h"
#include "da-organization-window.h"
#include "da-organizations-page.h"
#include "da-state-view.h"
#include "da-usage-bar.h"

/* One load of the page: the organizations (through the context), and the billing cycles
 * followed by the cycle's consumption. A refresh starts a new one; answers for an older one are
 * dropped. */
typedef struct
{
  grefcount        ref_count;
  GCancellable    *cancellable;
  guint            pending;
  GError          *orgs_error;
  GError          *usage_error;
  DaBillingCycle  *cycle;
  DaConsumption   *consumption;
} Load;

struct _DaOrganizationsPage
{
  GtkWidget            parent_instance;

  /* Owned */
  Load                *load;
  gboolean             loaded;
  GCancellable        *cancellable;     /* mutations, dialogs and exports; cancelled in dispose */
  GHashTable          *usage;           /* org_id → double *: ACUs used this cycle; NULL: unknown */
  DaBillingCycle      *cycle;
  GHashTable          *bound_bars;      /* DaUsageBar * → DaOrganization *, the bars on screen */
  char                *search_text;     /* case-folded, NULL when empty */
  char                *select_after_change;

  GListModel          *organizations;   /* the context's */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  GtkSorter           *usage_sorter;

  /* Template widgets */
  DaStateView         *state_view;
  GtkSearchEntry      *search_entry;
  GtkLabel            *summary_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
};

static void da_organizations_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaOrganizationsPage, da_organizations_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE,
                                                      da_organizations_page_iface_init))

enum {
  PROP_0,
  N_PROPS
};

static void reload_organizations (DaOrganizationsPage *self);

/* ---- loads ------------------------------------------------------------------------------ */

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
  g_clear_error (&load->orgs_error);
  g_clear_error (&load->usage_error);
  g_clear_object (&load->cycle);
  g_clear_object (&load->consumption);
  g_free (load);
}

typedef struct
{
  DaOrganizationsPage *self;
  Load                *load;
} Request;

static Request *
request_new (DaOrganizationsPage *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->load = load_ref (self->load);
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

/* ---- helpers ---------------------------------------------------------------------------- */

static DaContext *
get_context (DaOrganizationsPage *self)
{
  return da_page_get_context (DA_PAGE (self));
}

static DaClient *
get_client (DaOrganizationsPage *self)
{
  return da_context_get_client (get_context (self));
}

static GtkWindow *
get_parent_window (DaOrganizationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ACUs used by @org_id this cycle, or -1 when not known. */
static double
lookup_usage (DaOrganizationsPage *self,
              const char          *org_id)
{
  double *acus;

  if (self->usage == NULL)
    return -1;

  acus = g_hash_table_lookup (self->usage, org_id);
  /* An organization with no session this cycle is not in the breakdown: it used nothing. */
  return acus != NULL ? *acus : 0.0;
}

static void
update_bar (DaOrganizationsPage *self,
            DaUsageBar          *bar,
            DaOrganization      *org)
{
  da_usage_bar_set_usage (bar, lookup_usage (self, da_organization_get_org_id (org)),
                          da_organization_get_max_cycle_acu_limit (org));
}

static void
update_bound_bars (DaOrganizationsPage *self)
{
  GHashTableIter iter;
  gpointer bar, org;

  g_hash_table_iter_init (&iter, self->bound_bars);
  while (g_hash_table_iter_next (&iter, &bar, &org))
    update_bar (self, DA_USAGE_BAR (bar), DA_ORGANIZATION (org));
}

static char *
format_cycle_start (DaBillingCycle *cycle)
{
  g_autoptr(GDateTime) start = NULL;

  if (cycle == NULL || da_billing_cycle_get_start (cycle) == DA_TIME_UNSET)
    return NULL;

  /* Billing days are counted in UTC from 08:00, so the UTC date names the day. */
  start = g_date_time_new_from_unix_utc (da_billing_cycle_get_start (cycle));
  if (start == NULL)
    return NULL;

  /* Translators: the date a billing cycle started, see strftime(3) */
  return g_date_time_format (start, _("%B %-d"));
}

static void
update_summary (DaOrganizationsPage *self)
{
  guint n = g_list_model_get_n_items (self->organizations);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count_text = da_format_count (n);
  g_autofree char *count = NULL;
  g_autofree char *since = format_cycle_start (self->cycle);
  g_autofree char *usage = NULL;

  if (self->search_text != NULL && shown != n)
    {
      g_autofree char *shown_text = da_format_count (shown);

      /* Translators: organizations shown by a search, of all, e.g. "2 of 6 organizations" */
      count = g_strdup_printf (ngettext ("%s of %s organization", "%s of %s organizations", n),
                               shown_text, count_text);
    }
  else
    count = g_strdup_printf (ngettext ("%s organization", "%s organizations", n), count_text);

  if (self->usage == NULL)
    usage = g_strdup (_("ACUs used this cycle could not be loaded"));
  else if (since != NULL)
    /* Translators: %s is the date the current billing cycle started, e.g. "June 5" */
    usage = g_strdup_printf (_("ACUs used in the billing cycle since %s"), since);
  else
    usage = g_strdup (_("ACUs used in the current billing cycle"));

  {
    /* Translators: the line above the list: a count and what the ACU column shows */
    g_autofree char *text = g_strdup_printf (_("%s · %s"), count, usage);

    gtk_label_set_label (self->summary_label, text);
  }
}

static void
update_list_state (DaOrganizationsPage *self)
{
  guint n = g_list_model_get_n_items (self->organizations);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (!self->loaded || da_page_get_error (DA_PAGE (self)) != NULL)
    return;

  if (n == 0)
    da_state_view_show_empty (self->state_view);
  else
    da_state_view_show_content (self->state_view);

  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 && n > 0 ? "no-results" : "list");
  da_page_set_can_export (DA_PAGE (self), shown > 0);
  update_summary (self);
}

static void
update_actions (DaOrganizationsPage *self)
{
  gboolean selected = da_organizations_page_get_selected (self) != NULL;
  /* Offline, the list shows what was loaded before and nothing can be changed. */
  gboolean online = !da_page_get_offline (DA_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orgs.new", self->loaded && online);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orgs.details", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orgs.edit",
                                 selected && self->loaded && online);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orgs.delete", selected && online);
  da_page_set_can_new (DA_PAGE (self), self->loaded && online);
}

static void
show_error_dialog (DaOrganizationsPage *self,
                   const char          *heading,
                   const char          *body)
{
  GtkWidget *dialog = adw_message_dialog_new (get_parent_window (self), heading, body);

  gtk_widget_set_name (dialog, "organization-error-dialog");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An organization that no longer exists (deleted elsewhere): say so and refresh the list. */
static void
organization_gone (DaOrganizationsPage *self,
                   const char          *name)
{
  g_autofree char *message = NULL;

  /* Translators: %s is an organization's name */
  message = g_strdup_printf (_("“%s” no longer exists; the list is refreshed"), name);
  da_page_show_toast (DA_PAGE (self), message);
  reload_organizations (self);
}

/* ---- the load --------------------------------------------------------------------------- */

static void
load_done (DaOrganizationsPage *self,
           Load                *load)
{
  da_page_set_busy (DA_PAGE (self), FALSE);

  if (load->orgs_error != NULL)
    {
      if (da_page_handle_error (DA_PAGE (self), load->orgs_error) == DA_PAGE_ERROR_IN_PAGE)
        {
          da_state_view_show_error (self->state_view, load->orgs_error);
          da_page_set_can_search (DA_PAGE (self), FALSE);
          da_page_set_can_export (DA_PAGE (self), FALSE);
        }
      return;
    }

  g_clear_object (&self->cycle);
  if (load->cycle != NULL)
    self->cycle = g_object_ref (load->cycle);

  g_clear_pointer (&self->usage, g_hash_table_unref);
  if (load->consumption != NULL)
    {
      const DaConsumptionEntry *by_org;
      guint n = 0;

      self->usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      by_org = da_consumption_get_by_org (load->consumption, &n);
      for (guint i = 0; i < n; i++)
        g_hash_table_replace (self->usage, g_strdup (by_org[i].key),
                              g_memdup2 (&by_org[i].acus, sizeof (double)));
    }
  else if (load->usage_error != NULL &&
           !g_error_matches (load->usage_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (load->usage_error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    {
      g_autofree char *message = NULL;

      /* The organizations are there; only the bars are missing. Say why, keep the list. */
      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("Could not load the ACUs used this cycle: %s"),
                                 load->usage_error->message);
      da_page_show_toast (DA_PAGE (self), message);
    }

  self->loaded = TRUE;
  da_page_set_error (DA_PAGE (self), NULL);
  da_page_set_can_search (DA_PAGE (self), TRUE);
  da_page_set_can_new (DA_PAGE (self), TRUE);
  update_bound_bars (self);
  gtk_sorter_changed (self->usage_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  update_actions (self);
  update_list_state (self);
}

static void
request_done (Request *request)
{
  g_assert (request->load->pending > 0);

  if (--request->load->pending > 0 || request->load != request->self->load)
    return;

  load_done (request->self, request->load);
}

static void
orgs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;

  da_context_load_organizations_finish (DA_CONTEXT (object), result,
                                        &request->load->orgs_error);
  request_done (request);
}

static void
consumption_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;

  request->load->consumption =
    da_client_get_daily_consumption_finish (DA_CLIENT (object), result,
                                            &request->load->usage_error);
  request_done (request);
}

static void
cycles_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GPtrArray) cycles = NULL;
  gint64 start = DA_TIME_UNSET;

  cycles = da_client_list_billing_cycles_finish (DA_CLIENT (object), result,
                                                 &request->load->usage_error);
  if (cycles == NULL)
    {
      request_done (request);
      return;
    }

  /* The current cycle comes first; with none, the server's default is the current cycle. */
  if (cycles->len > 0)
    {
      request->load->cycle = g_object_ref (g_ptr_array_index (cycles, 0));
      start = da_billing_cycle_get_start (request->load->cycle);
    }

  da_client_get_daily_consumption_async (DA_CLIENT (object), NULL, start, DA_TIME_UNSET, NULL,
                                         request->load->cancellable, consumption_cb,
                                         request_new (request->self));
  /* This request's part is passed on to the consumption's. */
  request->load->pending++;
  request_done (request);
}

static void
da_organizations_page_refresh (DaPage *page)
{
  DaOrganizationsPage *self = DA_ORGANIZATIONS_PAGE (page);

  if (self->load != NULL)
    {
      g_cancellable_cancel (self->load->cancellable);
      g_clear_pointer (&self->load, load_unref);
    }

  self->load = load_new ();
  self->load->pending = 2;

  da_page_set_busy (page, TRUE);
  if (!self->loaded || da_page_get_error (page) != NULL)
    da_state_view_show_loading (self->state_view);

  da_context_load_organizations_async (get_context (self), TRUE, self->load->cancellable,
                                       orgs_cb, request_new (self));
  da_client_list_billing_cycles_async (get_client (self), self->load->cancellable, cycles_cb,
                                       request_new (self));
}

/* After a change: the organizations only (the ACUs used do not change with them). */
static void
reload_orgs_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DaOrganizationsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!da_context_load_organizations_finish (DA_CONTEXT (object), result, &error) &&
      da_page_handle_error (DA_PAGE (self), error) == DA_PAGE_ERROR_IN_PAGE)
    da_state_view_show_error (self->state_view, error);
}

static void
reload_organizations (DaOrganizationsPage *self)
{
  da_context_load_organizations_async (get_context (self), TRUE, self->cancellable,
                                       reload_orgs_cb, g_object_ref (self));
}

/* ---- the list --------------------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DaOrganizationsPage *self = user_data;
  DaOrganization *org = item;
  g_autofree char *name = NULL;

  if (self->search_text == NULL)
    return TRUE;

  name = g_utf8_casefold (da_organization_get_org_name (org), -1);
  return strstr (name, self->search_text) != NULL ||
         g_strcmp0 (da_organization_get_org_id (org), self->search_text) == 0;
}

static int
compare_limits (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  gint64 la = da_organization_get_max_cycle_acu_limit ((DaOrganization *) a);
  gint64 lb = da_organization_get_max_cycle_acu_limit ((DaOrganization *) b);

  /* No limit is more than any limit. */
  if (la < 0)
    la = G_MAXINT64;
  if (lb < 0)
    lb = G_MAXINT64;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

static int
compare_usage (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DaOrganizationsPage *self = user_data;
  double ua = lookup_usage (self, da_organization_get_org_id ((DaOrganization *) a));
  double ub = lookup_usage (self, da_organization_get_org_id ((DaOrganization *) b));

  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

static void
set_cell_margins (GtkWidget *cell)
{
  gtk_widget_set_margin_top (cell, 8);
  gtk_widget_set_margin_bottom (cell, 8);
  gtk_widget_set_margin_start (cell, 6);
  gtk_widget_set_margin_end (cell, 6);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gboolean numeric = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  set_cell_margins (label);
  gtk_list_item_set_child (item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  DaOrganization *org = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  gtk_label_set_label (label, da_organization_get_org_name (org));
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), da_organization_get_org_name (org));
}

static void
bind_count (GtkListItem *item,
            gint64       count)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = count >= 0 ? da_format_count (count) : g_strdup ("—");

  gtk_label_set_label (label, text);
}

static void
bind_members_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  bind_count (item, da_organization_get_org_user_count (gtk_list_item_get_item (item)));
}

static void
bind_admins_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  bind_count (item, da_organization_get_org_admin_count (gtk_list_item_get_item (item)));
}

static void
bind_limit_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  DaOrganization *org = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  gint64 limit = da_organization_get_max_cycle_acu_limit (org);

  if (limit >= 0)
    {
      g_autofree char *text = da_format_count (limit);

      gtk_label_set_label (label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_label_set_label (label, _("No limit"));
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static void
setup_usage_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *bar = da_usage_bar_new ();

  set_cell_margins (bar);
  gtk_list_item_set_child (item, bar);
}

static void
bind_usage_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  DaOrganizationsPage *self = user_data;
  DaUsageBar *bar = DA_USAGE_BAR (gtk_list_item_get_child (item));
  DaOrganization *org = gtk_list_item_get_item (item);

  g_hash_table_replace (self->bound_bars, bar, org);
  update_bar (self, bar, org);
}

static void
unbind_usage_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  DaOrganizationsPage *self = user_data;

  g_hash_table_remove (self->bound_bars, gtk_list_item_get_child (item));
}

static void
add_column (DaOrganizationsPage *self,
            const char          *title,
            GtkListItemFactory  *factory,
            GtkSorter           *sorter,
            gboolean             expand,
            int                  fixed_width)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);

  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->column_view, column);
  g_clear_object (&sorter);
}

static GtkListItemFactory *
label_factory (DaOrganizationsPage *self,
               gboolean             numeric,
               GCallback            bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", bind, self);
  return factory;
}

static GtkSorter *
int_sorter (const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (DA_TYPE_ORGANIZATION,
                                                                          NULL, property)));
}

static void
create_columns (DaOrganizationsPage *self)
{
  GtkListItemFactory *factory;
  GtkStringSorter *name_sorter;

  name_sorter = gtk_string_sorter_new (gtk_property_expression_new (DA_TYPE_ORGANIZATION, NULL,
                                                                    "org-name"));
  gtk_string_sorter_set_ignore_case (name_sorter, TRUE);
  add_column (self, _("Name"), label_factory (self, FALSE, G_CALLBACK (bind_name_cb)),
              GTK_SORTER (name_sorter), TRUE, -1);
  add_column (self, _("Members"), label_factory (self, TRUE, G_CALLBACK (bind_members_cb)),
              int_sorter ("org-user-count"), FALSE, -1);
  add_column (self, _("Admins"), label_factory (self, TRUE, G_CALLBACK (bind_admins_cb)),
              int_sorter ("org-admin-count"), FALSE, -1);
  add_column (self, _("ACU Limit"), label_factory (self, TRUE, G_CALLBACK (bind_limit_cb)),
              GTK_SORTER (gtk_custom_sorter_new (compare_limits, NULL, NULL)), FALSE, -1);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_usage_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_usage_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_usage_cb), self);
  self->usage_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_usage, self, NULL));
  add_column (self, _("Used This Cycle"), factory, g_object_ref (self->usage_sorter), FALSE, 240);
}

static DaOrganization *
selected_org (DaOrganizationsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
on_selection_changed_cb (DaOrganizationsPage *self)
{
  update_actions (self);
}

/* Before the context's list changes (a refresh replaces every item): remember the selection. */
static void
on_orgs_changing_cb (GListModel          *model,
                     guint                position,
                     guint                removed,
                     guint                added,
                     DaOrganizationsPage *self)
{
  DaOrganization *org = selected_org (self);

  if (self->select_after_change == NULL && org != NULL)
    self->select_after_change = g_strdup (da_organization_get_org_id (org));
}

/* After it changed: select the same organization again, by ID. */
static void
on_orgs_changed_cb (GListModel          *model,
                    guint                position,
                    guint                removed,
                    guint                added,
                    DaOrganizationsPage *self)
{
  g_autofree char *org_id = g_steal_pointer (&self->select_after_change);

  if (org_id != NULL)
    da_organizations_page_select (self, org_id);
  update_list_state (self);
  update_actions (self);
}

static void
on_search_changed_cb (DaOrganizationsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_text, g_free);
  if (*stripped != '\0')
    self->search_text = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_state (self);
}

static void
on_stop_search_cb (DaOrganizationsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_retry_cb (DaOrganizationsPage *self)
{
  da_page_refresh (DA_PAGE (self));
}

/* ---- details ---------------------------------------------------------------------------- */

static void
on_window_changed_cb (DaOrganizationsPage *self)
{
  /* Members and admins counted afresh. */
  reload_organizations (self);
}

static void
on_window_gone_cb (DaOrganizationsPage  *self,
                   DaOrganizationWindow *window)
{
  organization_gone (self,
                     da_organization_get_org_name (da_organization_window_get_organization (window)));
}

static void
open_details (DaOrganizationsPage *self,
              DaOrganization      *org)
{
  GtkWidget *window = da_organization_window_new (get_context (self), org);

  gtk_window_set_transient_for (GTK_WINDOW (window), get_parent_window (self));
  g_signal_connect_object (window, "changed", G_CALLBACK (on_window_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "organization-gone", G_CALLBACK (on_window_gone_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_column_view_activate_cb (DaOrganizationsPage *self,
                            guint                position)
{
  g_autoptr(DaOrganization) org = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (org != NULL)
    open_details (self, org);
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DaOrganizationsPage *self = DA_ORGANIZATIONS_PAGE (widget);
  DaOrganization *org = selected_org (self);

  if (org != NULL)
    open_details (self, org);
}

/* ---- create and edit -------------------------------------------------------------------- */

static void
on_dialog_saved_cb (DaOrganizationDialog *dialog,
                    const char           *org_id,
                    const char           *name,
                    DaOrganizationsPage  *self)
{
  g_autofree char *message = NULL;

  if (da_organization_dialog_get_organization (dialog) == NULL)
    /* Translators: %s is the new organization's name */
    message = g_strdup_printf (_("Created “%s”"), name);
  else
    /* Translators: %s is the organization's name */
    message = g_strdup_printf (_("Saved “%s”"), name);
  da_page_show_toast (DA_PAGE (self), message);

  /* The new (or renamed) organization stays selected once the list is back. */
  g_free (self->select_after_change);
  self->select_after_change = g_strdup (org_id);
  reload_organizations (self);
}

static void
on_dialog_gone_cb (DaOrganizationDialog *dialog,
                   DaOrganizationsPage  *self)
{
  organization_gone (self,
                     da_organization_get_org_name (da_organization_dialog_get_organization (dialog)));
}

static void
open_dialog (DaOrganizationsPage *self,
             DaOrganization      *org)
{
  GtkWidget *dialog = da_organization_dialog_new (get_context (self), org);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_parent_window (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, 0);
  g_signal_connect_object (dialog, "organization-gone", G_CALLBACK (on_dialog_gone_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (DA_ORGANIZATIONS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DaOrganizationsPage *self = DA_ORGANIZATIONS_PAGE (widget);
  DaOrganization *org = selected_org (self);

  if (org != NULL)
    open_dialog (self, org);
}

/* ---- delete ----------------------------------------------------------------------------- */

typedef struct
{
  DaOrganizationsPage *self;
  DaOrganization      *org;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->org);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  DaOrganizationsPage *self = data->self;
  const char *name = da_organization_get_org_name (data->org);
  g_autoptr(GError) error = NULL;

  if (da_client_call_finish (DA_CLIENT (object), result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the deleted organization's name */
      message = g_strdup_printf (_("Deleted “%s”"), name);
      da_page_show_toast (DA_PAGE (self), message);
      reload_organizations (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    return;

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
    {
      organization_gone (self, name);
      return;
    }

  /* The server's refusal (the primary organization cannot be deleted) in its own words. */
  {
    g_autofree char *heading = NULL;

    /* Translators: %s is an organization's name */
    heading = g_strdup_printf (_("Could Not Delete “%s”"), name);
    show_error_dialog (self, heading, error->message);
  }
}

static void
confirm_delete_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  DaOrganizationsPage *self = data->self;
  const char *org_id = da_organization_get_org_id (data->org);

  if (!da_confirm_destructive_finish (result))
    return;

  da_client_delete_organization_async (get_client (self), org_id, self->cancellable, delete_cb,
                                       g_steal_pointer (&data));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DaOrganizationsPage *self = DA_ORGANIZATIONS_PAGE (widget);
  DaOrganization *org = selected_org (self);
  g_autofree char *heading = NULL;
  DeleteData *data;

  if (org == NULL)
    return;

  data = g_new0 (DeleteData, 1);
  data->self = g_object_ref (self);
  data->org = g_object_ref (org);

  /* Translators: %s is an organization's name */
  heading = g_strdup_printf (_("Delete “%s”?"), da_organization_get_org_name (org));
  da_confirm_destructive_async (GTK_WIDGET (self), heading,
                                _("The organization and all its memberships are removed for "
                                  "good. Its members stay in the enterprise."),
                                _("_Delete"),
                                da_organization_get_org_name (org),
                                self->cancellable, confirm_delete_cb, data);
}

/* ---- export ----------------------------------------------------------------------------- */

static GBytes *
build_csv (DaOrganizationsPage *self,
           guint               *n_rows)
{
  g_autoptr(DaCsvWriter) writer = da_csv_writer_new ();
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);

  da_csv_writer_add_row (writer, (const char * const[]) {
                           "org_id", "org_name", "org_user_count", "org_admin_count",
                           "max_cycle_acu_limit", "acus_used_this_cycle", NULL,
                         });

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (model, i);
      gint64 limit = da_organization_get_max_cycle_acu_limit (org);
      double used = lookup_usage (self, da_organization_get_org_id (org));

      da_csv_writer_add_field (writer, da_organization_get_org_id (org));
      da_csv_writer_add_field (writer, da_organization_get_org_name (org));
      da_csv_writer_add_int (writer, da_organization_get_org_user_count (org));
      da_csv_writer_add_int (writer, da_organization_get_org_admin_count (org));
      if (limit >= 0)
        da_csv_writer_add_int (writer, limit);
      else
        da_csv_writer_add_field (writer, NULL);
      if (used >= 0)
        da_csv_writer_add_double (writer, used);
      else
        da_csv_writer_add_field (writer, NULL);
      da_csv_writer_end_row (writer);
    }

  *n_rows = n;
  return da_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}

typedef struct
{
  DaOrganizationsPage *self;
  guint                n_rows;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!da_save_bytes_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_error_dialog (data->self, _("Could Not Export Organizations"), error->message);
      return;
    }

  message = g_strdup_printf (ngettext ("Exported %u organization", "Exported %u organizations",
                                       data->n_rows),
                             data->n_rows);
  da_page_show_toast (DA_PAGE (data->self), message);
}

static void
choose_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GFile) file = da_choose_save_file_finish (result);
  g_autoptr(GBytes) bytes = NULL;
  DaOrganizationsPage *self;

  if (file == NULL)
    return;

  /* What the list shows when the file was chosen. */
  self = data->self;
  bytes = build_csv (self, &data->n_rows);
  da_save_bytes_async (file, bytes, FALSE, self->cancellable, save_cb, g_steal_pointer (&data));
}

static void
da_organizations_page_export (DaPage *page)
{
  DaOrganizationsPage *self = DA_ORGANIZATIONS_PAGE (page);
  ExportData *data;

  if (!da_page_get_can_export (page))
    return;

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  da_choose_save_file_async (GTK_WIDGET (self), _("Export Organizations"), "organizations.csv",
                             _("CSV files"), "*.csv", self->cancellable, choose_file_cb, data);
}

/* ---- DaPage ----------------------------------------------------------------------------- */

static void
da_organizations_page_focus_search (DaPage *page)
{
  DaOrganizationsPage *self = DA_ORGANIZATIONS_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
da_organizations_page_activate_new (DaPage *page)
{
  DaOrganizationsPage *self = DA_ORGANIZATIONS_PAGE (page);

  if (self->loaded)
    open_dialog (self, NULL);
}

static void
da_organizations_page_map (GtkWidget *widget)
{
  DaOrganizationsPage *self = DA_ORGANIZATIONS_PAGE (widget);

  GTK_WIDGET_CLASS (da_organizations_page_parent_class)->map (widget);

  /* Load when first shown. */
  if (!self->loaded && self->load == NULL)
    da_page_refresh (DA_PAGE (self));
}

static void
da_organizations_page_constructed (GObject *object)
{
  DaOrganizationsPage *self = (DaOrganizationsPage *)object;

  G_OBJECT_CLASS (da_organizations_page_parent_class)->constructed (object);

  self->organizations = g_object_ref (da_context_get_organizations (get_context (self)));

  /* First in line: the selection is still there when this runs. */
  g_signal_connect_object (self->organizations, "items-changed",
                           G_CALLBACK (on_orgs_changing_cb), self, 0);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (self->organizations),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* Last in line: the list is filtered and sorted again when this runs. */
  g_signal_connect_object (self->organizations, "items-changed",
                           G_CALLBACK (on_orgs_changed_cb), self, G_CONNECT_AFTER);
  g_signal_connect_object (da_context_get_client (get_context (self)), "notify::offline",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

static void
da_organizations_page_dispose (GObject *object)
{
  DaOrganizationsPage *self = (DaOrganizationsPage *)object;
  GtkWidget *child;

  if (self->load != NULL)
    g_cancellable_cancel (self->load->cancellable);
  g_clear_pointer (&self->load, load_unref);
  g_cancellable_cancel (self->cancellable);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_ORGANIZATIONS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->organizations != NULL)
    g_signal_handlers_disconnect_by_data (self->organizations, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->usage_sorter);
  g_clear_object (&self->organizations);
  g_clear_object (&self->cycle);
  g_clear_pointer (&self->usage, g_hash_table_unref);
  g_hash_table_remove_all (self->bound_bars);

  G_OBJECT_CLASS (da_organizations_page_parent_class)->dispose (object);
}

static void
da_organizations_page_finalize (GObject *object)
{
  DaOrganizationsPage *self = (DaOrganizationsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bound_bars, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->select_after_change, g_free);

  G_OBJECT_CLASS (da_organizations_page_parent_class)->finalize (object);
}

static void
da_organizations_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_organizations_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_organizations_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = da_organizations_page_refresh;
  iface->focus_search = da_organizations_page_focus_search;
  iface->activate_new = da_organizations_page_activate_new;
  iface->export = da_organizations_page_export;
}

static void
da_organizations_page_class_init (DaOrganizationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = da_organizations_page_constructed;
  object_class->dispose = da_organizations_page_dispose;
  object_class->finalize = da_organizations_page_finalize;
  object_class->get_property = da_organizations_page_get_property;
  object_class->set_property = da_organizations_page_set_property;

  widget_class->map = da_organizations_page_map;

  da_page_install_properties (object_class, N_PROPS);

  g_type_ensure (DA_TYPE_STATE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-organizations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationsPage, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "orgs.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "orgs.details", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "orgs.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "orgs.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "orgs.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "orgs.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "orgs.delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_organizations_page_init (DaOrganizationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bound_bars = g_hash_table_new (NULL, NULL);

  da_page_set_title (DA_PAGE (self), _("Organizations"));
  da_page_set_icon_name (DA_PAGE (self), "network-workgroup-symbolic");

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  create_columns (self);
}

GtkWidget *
da_organizations_page_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_ORGANIZATIONS_PAGE,
                       "context", context,
                       NULL);
}

DaOrganization *
da_organizations_page_get_selected (DaOrganizationsPage *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATIONS_PAGE (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return selected_org (self);
}

gboolean
da_organizations_page_select (DaOrganizationsPage *self,
                              const char          *org_id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (DA_IS_ORGANIZATIONS_PAGE (self), FALSE);
  g_return_val_if_fail (org_id != NULL, FALSE);

  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_organization_get_org_id (org), org_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* da-overview-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-figure.h"
#include "da-format.h"
#include "da-overview-page.h"
#include "da-pages.h"
#include "da-state-view.h"
#include "da-usage-bar.h"

/* How many organizations the "Most ACUs" list shows. */
#define TOP_ORGS 5

/* One load of the page: five requests in flight, their answers, the first error. A refresh
 * starts a new one; answers for an older one are dropped. */
typedef struct
{
  grefcount        ref_count;
  GCancellable    *cancellable;
  guint            pending;
  GError          *error;

  gint64           members_total;
  DaBillingCycle  *cycle;
  DaConsumption   *consumption;
  DaUsageMetrics  *metrics;
  gboolean         orgs_done;
} Load;

struct _DaOverviewPage
{
  GtkWidget      parent_instance;

  /* Owned */
  Load          *load;
  gboolean       loaded;

  /* Template widgets */
  DaStateView   *state_view;
  GtkLabel      *cycle_label;
  DaFigure      *members_figure;
  DaFigure      *orgs_figure;
  DaFigure      *acus_figure;
  DaFigure      *sessions_figure;
  DaFigure      *prs_figure;
  GtkWidget     *orgs_section;
  GtkListBox    *orgs_list;
};

static void da_overview_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaOverviewPage, da_overview_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE, da_overview_page_iface_init))

enum {
  PROP_0,
  N_PROPS
};

static Load *
load_new (void)
{
  Load *load = g_new0 (Load, 1);

  g_ref_count_init (&load->ref_count);
  load->cancellable = g_cancellable_new ();
  load->members_total = -1;
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
  g_clear_error (&load->error);
  g_clear_object (&load->cycle);
  g_clear_object (&load->consumption);
  g_clear_object (&load->metrics);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_unref)

/* What a callback gets: the page and the load it belongs to. */
typedef struct
{
  DaOverviewPage *self;
  Load           *load;
} Request;

static Request *
request_new (DaOverviewPage *self)
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

static DaClient *
get_client (DaOverviewPage *self)
{
  return da_context_get_client (da_page_get_context (DA_PAGE (self)));
}

static char *
format_cycle (DaBillingCycle *cycle)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (cycle == NULL || da_billing_cycle_get_start (cycle) == DA_TIME_UNSET)
    return NULL;

  /* Billing days are counted in UTC from 08:00, so the UTC date names the day. */
  start = g_date_time_new_from_unix_utc (da_billing_cycle_get_start (cycle));
  if (start == NULL)
    return NULL;
  /* Translators: a date in a billing cycle's range, see strftime(3) */
  start_text = g_date_time_format (start, _("%B %-d"));

  if (da_billing_cycle_get_end (cycle) != DA_TIME_UNSET)
    end = g_date_time_new_from_unix_utc (da_billing_cycle_get_end (cycle));
  if (end == NULL)
    /* Translators: %s is the date the current billing cycle started */
    return g_strdup_printf (_("Billing cycle since %s"), start_text);

  /* Translators: the last date of a billing cycle's range, see strftime(3) */
  end_text = g_date_time_format (end, _("%B %-d, %Y"));
  /* Translators: the current billing cycle, e.g. "Billing cycle June 5 – July 5, 2026" */
  return g_strdup_printf (_("Billing cycle %s – %s"), start_text, end_text);
}

static GtkWidget *
create_org_row (DaOverviewPage *self,
                const char     *org_id,
                double          acus)
{
  DaContext *context = da_page_get_context (DA_PAGE (self));
  DaOrganization *org = da_context_lookup_organization (context, org_id);
  g_autofree char *acus_text = da_format_acus (acus);
  g_autofree char *usage = NULL;
  g_autofree char *limit_text = NULL;
  GtkWidget *row;
  GtkWidget *suffix;
  gint64 limit = org != NULL ? da_organization_get_max_cycle_acu_limit (org) : DA_UNSET;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 org != NULL ? da_organization_get_org_name (org) : org_id);
  if (limit > 0)
    limit_text = da_format_count (limit);
  if (org != NULL && da_organization_get_org_user_count (org) >= 0)
    {
      gint64 n = da_organization_get_org_user_count (org);
      g_autofree char *count = da_format_count (n);
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%s member", "%s members", n), count);

      if (limit_text != NULL)
        {
          /* Translators: an organization's members and limit, e.g. "143 members · limit 317
           * ACUs" */
          g_autofree char *with_limit = g_strdup_printf (_("%s · limit %s ACUs"), subtitle,
                                                         limit_text);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), with_limit);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  if (limit > 0)
    {
      /* The same bar as the Organizations page: warning and error colours, the percentage, a
       * sentence for screen readers. */
      suffix = da_usage_bar_new ();
      da_usage_bar_set_usage (DA_USAGE_BAR (suffix), acus, limit);
      gtk_widget_set_size_request (suffix, 160, -1);
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      /* Translators: ACUs used of an organization's limit, e.g. "512.0 of 1,500 ACUs" */
      usage = g_strdup_printf (_("%s of %s ACUs"), acus_text, limit_text);
      gtk_widget_set_tooltip_text (suffix, usage);
    }
  else
    {
      /* Translators: ACUs used by an organization with no limit, e.g. "512.0 ACUs" */
      usage = g_strdup_printf (_("%s ACUs"), acus_text);
      suffix = gtk_label_new (usage);
      gtk_label_set_xalign (GTK_LABEL (suffix), 1);
      gtk_widget_add_css_class (suffix, "numeric");
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

static int
compare_entries_by_acus (gconstpointer a,
                         gconstpointer b)
{
  const DaConsumptionEntry *ea = *(const DaConsumptionEntry * const *) a;
  const DaConsumptionEntry *eb = *(const DaConsumptionEntry * const *) b;

  if (ea->acus != eb->acus)
    return ea->acus < eb->acus ? 1 : -1;
  return g_strcmp0 (ea->key, eb->key);
}

static void
show_top_orgs (DaOverviewPage *self,
               DaConsumption  *consumption)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  const DaConsumptionEntry *by_org;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->orgs_list))) != NULL)
    gtk_list_box_remove (self->orgs_list, child);

  by_org = da_consumption_get_by_org (consumption, &n);
  for (guint i = 0; i < n; i++)
    if (by_org[i].acus > 0)
      g_ptr_array_add (entries, (gpointer) &by_org[i]);
  g_ptr_array_sort (entries, compare_entries_by_acus);

  for (guint i = 0; i < MIN (entries->len, TOP_ORGS); i++)
    {
      const DaConsumptionEntry *entry = g_ptr_array_index (entries, i);

      gtk_list_box_append (self->orgs_list, create_org_row (self, entry->key, entry->acus));
    }

  gtk_widget_set_visible (self->orgs_section, entries->len > 0);
}

static void
set_count (DaFigure *figure,
           gint64    count)
{
  g_autofree char *text = count >= 0 ? da_format_count (count) : g_strdup ("—");

  da_figure_set_value (figure, text);
}

static void
show_results (DaOverviewPage *self,
              Load           *load)
{
  DaContext *context = da_page_get_context (DA_PAGE (self));
  g_autofree char *cycle_text = format_cycle (load->cycle);
  g_autofree char *acus = da_format_acus (da_consumption_get_total_acus (load->consumption));
  g_autofree char *searches = NULL;
  g_autofree char *prs_detail = NULL;
  gint64 n_searches = da_usage_metrics_get_searches_count (load->metrics);
  gint64 merged = da_usage_metrics_get_prs_merged (load->metrics);
  gint64 closed = da_usage_metrics_get_prs_closed (load->metrics);

  gtk_label_set_label (self->cycle_label, cycle_text != NULL ? cycle_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cycle_label), cycle_text != NULL);

  set_count (self->members_figure, load->members_total);
  set_count (self->orgs_figure,
             g_list_model_get_n_items (da_context_get_organizations (context)));
  da_figure_set_value (self->acus_figure, acus);

  set_count (self->sessions_figure, da_usage_metrics_get_sessions_count (load->metrics));
  if (n_searches >= 0)
    {
      g_autofree char *count = da_format_count (n_searches);

      searches = g_strdup_printf (ngettext ("%s search", "%s searches", n_searches), count);
    }
  da_figure_set_detail (self->sessions_figure, searches);

  set_count (self->prs_figure, da_usage_metrics_get_prs_opened (load->metrics));
  if (merged >= 0 && closed >= 0)
    {
      g_autofree char *merged_text = da_format_count (merged);
      g_autofree char *closed_text = da_format_count (closed);

      /* Translators: pull requests opened this cycle that were merged and closed */
      prs_detail = g_strdup_printf (_("%s merged · %s closed"), merged_text, closed_text);
    }
  da_figure_set_detail (self->prs_figure, prs_detail);

  show_top_orgs (self, load->consumption);
}

/* Called as each answer of @load arrives. */
static void
request_done (DaOverviewPage *self,
              Load           *load,
              GError         *error)
{
  g_assert (load->pending > 0);

  if (error != NULL && load->error == NULL)
    load->error = g_error_copy (error);

  if (--load->pending > 0 || load != self->load)
    return;

  da_page_set_busy (DA_PAGE (self), FALSE);

  if (load->error != NULL)
    {
      if (da_page_handle_error (DA_PAGE (self), load->error) == DA_PAGE_ERROR_IN_PAGE)
        da_state_view_show_error (self->state_view, load->error);
      return;
    }

  show_results (self, load);
  self->loaded = TRUE;
  da_page_set_error (DA_PAGE (self), NULL);
  da_state_view_show_content (self->state_view);
}

static void
members_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  DaPager *pager = DA_PAGER (object);

  if (da_pager_load_next_finish (pager, result, &error))
    {
      request->load->members_total = da_pager_get_total (pager);
      /* A server that does not say its total: count what the page brought, if it was all. */
      if (request->load->members_total < 0 && !da_pager_get_has_more (pager))
        request->load->members_total = g_list_model_get_n_items (da_pager_get_model (pager));
    }

  request_done (request->self, request->load, error);
}

static void
orgs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  request->load->orgs_done = da_context_load_organizations_finish (DA_CONTEXT (object), result,
                                                                   &error);
  request_done (request->self, request->load, error);
}

static void
cycles_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cycles = NULL;

  cycles = da_client_list_billing_cycles_finish (DA_CLIENT (object), result, &error);
  if (cycles != NULL && cycles->len > 0)
    request->load->cycle = g_object_ref (g_ptr_array_index (cycles, 0));

  request_done (request->self, request->load, error);
}

static void
consumption_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  request->load->consumption = da_client_get_daily_consumption_finish (DA_CLIENT (object), result,
                                                                       &error);
  request_done (request->self, request->load, error);
}

static void
metrics_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;

  request->load->metrics = da_client_get_metrics_finish (DA_CLIENT (object), result, &error);
  request_done (request->self, request->load, error);
}

static void
da_overview_page_refresh (DaPage *page)
{
  DaOverviewPage *self = DA_OVERVIEW_PAGE (page);
  DaContext *context = da_page_get_context (page);
  DaClient *client = get_client (self);
  g_autoptr(DaPager) members = NULL;

  if (self->load != NULL)
    {
      g_cancellable_cancel (self->load->cancellable);
      g_clear_pointer (&self->load, load_unref);
    }

  self->load = load_new ();
  self->load->pending = 5;

  da_page_set_busy (page, TRUE);
  if (!self->loaded || da_page_get_error (page) != NULL)
    da_state_view_show_loading (self->state_view);

  /* One member is enough: the envelope says how many there are. */
  members = da_client_list_members (client, NULL);
  da_pager_set_page_size (members, 1);
  da_pager_load_next_async (members, self->load->cancellable, members_cb, request_new (self));

  da_context_load_organizations_async (context, TRUE, self->load->cancellable, orgs_cb,
                                       request_new (self));
  da_client_list_billing_cycles_async (client, self->load->cancellable, cycles_cb,
                                       request_new (self));
  /* No dates: the server's default is the current billing cycle up to now. */
  da_client_get_daily_consumption_async (client, NULL, DA_TIME_UNSET, DA_TIME_UNSET, NULL,
                                         self->load->cancellable, consumption_cb,
                                         request_new (self));
  da_client_get_metrics_async (client, DA_METRICS_USAGE, DA_TIME_UNSET, DA_TIME_UNSET, NULL, NULL,
                               self->load->cancellable, metrics_cb, request_new (self));
}

static void
on_retry_cb (DaOverviewPage *self)
{
  da_page_refresh (DA_PAGE (self));
}

static void
da_overview_page_map (GtkWidget *widget)
{
  DaOverviewPage *self = DA_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (da_overview_page_parent_class)->map (widget);

  /* Load when first shown. */
  if (!self->loaded && self->load == NULL)
    da_page_refresh (DA_PAGE (self));
}

static void
link_figures (DaOverviewPage *self)
{
  DaFigure *figures[] = {
    self->members_figure, self->orgs_figure, self->acus_figure,
    self->sessions_figure, self->prs_figure,
  };

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (figures[i]));

      /* A figure is a link only to a page that is built. */
      da_figure_set_linked (figures[i], da_pages_lookup (da_figure_get_page_id (figures[i])) != NULL);
      /* The figures are not a selection: only their links take the focus. */
      if (GTK_IS_FLOW_BOX_CHILD (child))
        gtk_widget_set_focusable (child, FALSE);
    }
}

static void
da_overview_page_dispose (GObject *object)
{
  DaOverviewPage *self = (DaOverviewPage *)object;
  GtkWidget *child;

  if (self->load != NULL)
    g_cancellable_cancel (self->load->cancellable);
  g_clear_pointer (&self->load, load_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_OVERVIEW_PAGE);
  /* Children the template made but did not bind are ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (da_overview_page_parent_class)->dispose (object);
}

static void
da_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_overview_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = da_overview_page_refresh;
}

static void
da_overview_page_class_init (DaOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_overview_page_dispose;
  object_class->get_property = da_overview_page_get_property;
  object_class->set_property = da_overview_page_set_property;

  widget_class->map = da_overview_page_map;

  da_page_install_properties (object_class, N_PROPS);

  g_type_ensure (DA_TYPE_STATE_VIEW);
  g_type_ensure (DA_TYPE_FIGURE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, cycle_label);
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, members_figure);
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, orgs_figure);
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, acus_figure);
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, sessions_figure);
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, prs_figure);
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, orgs_section);
  gtk_widget_class_bind_template_child (widget_class, DaOverviewPage, orgs_list);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_overview_page_init (DaOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  da_page_set_title (DA_PAGE (self), _("Overview"));
  da_page_set_icon_name (DA_PAGE (self), "view-grid-symbolic");

  gtk_widget_set_visible (self->orgs_section, FALSE);
  link_figures (self);
}

GtkWidget *
da_overview_page_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_OVERVIEW_PAGE,
                       "context", context,
                       NULL);
}

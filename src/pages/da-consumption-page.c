/* da-consumption-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "da-a11y.h"
#include "da-chart-math.h"
#include "da-consumption-page-private.h"
#include "da-format.h"

static void da_consumption_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaConsumptionPage, da_consumption_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE, da_consumption_page_iface_init))

enum {
  PROP_0,
  N_PROPS
};

static void load_cycle      (DaConsumptionPage *self);
static void show_daily      (DaConsumptionPage *self);
static void next_history    (DaConsumptionPage *self);

/* ---- requests ----------------------------------------------------------------------------- */

static guint
serial_of (DaConsumptionPage *self,
           RequestKind        kind)
{
  switch (kind)
    {
    case KIND_REFRESH:
      return self->refresh_serial;
    case KIND_CYCLE:
      return self->cycle_serial;
    case KIND_USER:
      return self->user_serial;
    default:
      g_assert_not_reached ();
    }
}

static void
update_busy (DaConsumptionPage *self)
{
  gboolean busy = self->in_flight > 0;

  da_page_set_busy (DA_PAGE (self), busy);
  /* answers that come after dispose */
  if (self->busy_spinner == NULL)
    return;
  gtk_spinner_set_spinning (self->busy_spinner, busy && self->loaded);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy && self->loaded);
}

Request *
_da_consumption_page_request_new (DaConsumptionPage *self,
                                  RequestKind        kind,
                                  const char        *key,
                                  guint              index)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->kind = kind;
  request->serial = serial_of (self, kind);
  request->key = g_strdup (key);
  request->index = index;

  self->in_flight++;
  update_busy (self);
  return request;
}

void
_da_consumption_page_request_free (Request *request)
{
  g_assert (request->self->in_flight > 0);
  request->self->in_flight--;
  update_busy (request->self);

  g_object_unref (request->self);
  g_free (request->key);
  g_free (request);
}

/* TRUE when the answer belongs to the load of its kind that is current. */
gboolean
_da_consumption_page_request_is_current (Request *request)
{
  return request->serial == serial_of (request->self, request->kind);
}

DaClient *
_da_consumption_page_get_client (DaConsumptionPage *self)
{
  return da_context_get_client (da_page_get_context (DA_PAGE (self)));
}

void
_da_consumption_page_reset_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

/* An error of a load: shown once, the one mapping deciding where. */
void
_da_consumption_page_fail (DaConsumptionPage *self,
                           const GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->failed)
    return;

  self->failed = TRUE;
  if (da_page_handle_error (DA_PAGE (self), error) == DA_PAGE_ERROR_IN_PAGE)
    {
      g_cancellable_cancel (self->cycle_cancellable);
      g_cancellable_cancel (self->user_cancellable);
      da_page_set_can_export (DA_PAGE (self), FALSE);
      da_state_view_show_error (self->state_view, error);
    }
}

/* ---- cycles ------------------------------------------------------------------------------ */

static DaBillingCycle *
chosen_cycle (DaConsumptionPage *self,
              guint             *index)
{
  guint selected;

  if (self->cycles == NULL || self->cycles->len == 0)
    return NULL;

  selected = gtk_drop_down_get_selected (self->cycle_dropdown);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->cycles->len)
    selected = 0;
  if (index != NULL)
    *index = selected;
  return g_ptr_array_index (self->cycles, selected);
}

/* ---- formatting for charts ---------------------------------------------------------------- */

static char *
format_acus_with_unit (double   value,
                       gpointer user_data)
{
  g_autofree char *number = da_format_acus (value);

  /* Translators: an amount of ACUs in a chart's tooltip, e.g. "412.5 ACUs" */
  return g_strdup_printf (_("%s ACUs"), number);
}

void
_da_consumption_page_set_day_categories (DaConsumptionPage *self,
                                         DaChart           *chart)
{
  guint n = self->days != NULL ? g_strv_length (self->days) : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      char *label, *detail;

      da_consumption_day_labels (self->days[i], &label, &detail);
      g_ptr_array_add (labels, label);
      g_ptr_array_add (details, detail);
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (details, NULL);

  da_chart_set_categories (chart, n, (const char * const *) labels->pdata,
                           (const char * const *) details->pdata);
}

double *
_da_consumption_page_day_values (DaConsumptionPage *self,
                                 DaConsumption     *consumption)
{
  guint n = g_strv_length (self->days);
  double *values = g_new0 (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    values[i] = da_consumption_lookup_date (consumption, self->days[i]);
  return values;
}

static const char *
org_name (DaConsumptionPage *self,
          const char        *org_id)
{
  const char *name = da_context_lookup_org_name (da_page_get_context (DA_PAGE (self)), org_id);

  return name != NULL ? name : org_id;
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

/* Entries from most ACUs to least. (transfer container) */
GPtrArray *
_da_consumption_page_sorted_entries (const DaConsumptionEntry *entries,
                                     guint                     n)
{
  GPtrArray *sorted = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, (gpointer) &entries[i]);
  g_ptr_array_sort (sorted, compare_entries_by_acus);
  return sorted;
}

/* ---- figures ------------------------------------------------------------------------------ */

static void
set_count (DaFigure *figure,
           gint64    count)
{
  g_autofree char *text = count >= 0 ? da_format_count (count) : g_strdup ("—");

  da_figure_set_value (figure, text);
}

static void
set_figure_visible (DaFigure *figure,
                    gboolean  visible)
{
  GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (figure));

  gtk_widget_set_visible (GTK_IS_FLOW_BOX_CHILD (child) ? child : GTK_WIDGET (figure), visible);
}

/* What the previous cycle had used by the same billing day, or all of it for a past cycle. */
static double
previous_same_day (DaConsumptionPage *self)
{
  g_auto(GStrv) previous_days = NULL;
  guint n_days, n_previous;
  double sum = 0;

  if (self->previous == NULL || self->previous_cycle == NULL)
    return NAN;
  if (!da_consumption_cycle_is_current (self->cycle, da_now ()))
    return da_consumption_get_total_acus (self->previous);

  previous_days = da_consumption_cycle_days (self->previous_cycle, da_now ());
  n_previous = g_strv_length (previous_days);
  n_days = g_strv_length (self->days);
  for (guint i = 0; i < MIN (n_days, n_previous); i++)
    sum += da_consumption_lookup_date (self->previous, previous_days[i]);
  return sum;
}

static void
show_figures (DaConsumptionPage *self)
{
  double total = da_consumption_get_total_acus (self->consumption);
  double change = da_chart_change (previous_same_day (self), total);
  gboolean current = da_consumption_cycle_is_current (self->cycle, da_now ());
  g_autofree char *total_text = da_format_acus (total);
  g_autofree char *change_text = NULL;
  g_autofree char *searches = NULL;
  g_autofree char *prs_detail = NULL;
  gint64 n_searches = da_usage_metrics_get_searches_count (self->metrics);
  gint64 merged = da_usage_metrics_get_prs_merged (self->metrics);
  gint64 closed = da_usage_metrics_get_prs_closed (self->metrics);

  da_figure_set_value (self->total_figure, total_text);
  if (isfinite (change))
    {
      double percent = round (fabs (change) * 100);
      g_autofree char *number = g_strdup_printf ("%.0f", percent);

      if (percent == 0)
        change_text = g_strdup (current ? _("As much as by this day last cycle")
                                        : _("As much as the previous cycle"));
      else if (change > 0)
        /* Translators: the change against the previous cycle by the same billing day */
        change_text = g_strdup_printf (current ? _("Up %s %% on this day last cycle")
                                               : _("Up %s %% on the previous cycle"), number);
      else
        change_text = g_strdup_printf (current ? _("Down %s %% on this day last cycle")
                                               : _("Down %s %% on the previous cycle"), number);
    }
  da_figure_set_detail (self->total_figure, change_text);

  set_figure_visible (self->projection_figure, current);
  if (current)
    {
      gint64 end = da_billing_cycle_get_end (self->cycle);
      double projection = end != DA_TIME_UNSET
                          ? da_chart_project (total, da_billing_cycle_get_start (self->cycle),
                                              da_now (), end)
                          : -1;
      g_autofree char *value = projection >= 0 ? da_format_acus (projection) : g_strdup ("—");
      g_autofree char *last_day = NULL;
      g_autofree char *detail = NULL;

      if (end != DA_TIME_UNSET)
        {
          /* Translators: the last day of the cycle in "At the current pace, by %s" */
          last_day = da_consumption_format_utc (da_consumption_billing_day_start (end - 1),
                                                _("%B %-d"));
          /* Translators: how the projection is made; %s is the cycle's last day */
          detail = g_strdup_printf (_("At the current pace, by %s"), last_day);
        }
      da_figure_set_value (self->projection_figure, value);
      da_figure_set_detail (self->projection_figure, detail);
    }

  set_count (self->sessions_figure, da_usage_metrics_get_sessions_count (self->metrics));
  if (n_searches >= 0)
    {
      g_autofree char *count = da_format_count (n_searches);

      searches = g_strdup_printf (ngettext ("%s search", "%s searches", n_searches), count);
    }
  da_figure_set_detail (self->sessions_figure, searches);

  set_count (self->prs_figure, da_usage_metrics_get_prs_opened (self->metrics));
  if (merged >= 0 && closed >= 0)
    {
      g_autofree char *merged_text = da_format_count (merged);
      g_autofree char *closed_text = da_format_count (closed);

      /* Translators: pull requests opened in the cycle that were merged and closed */
      prs_detail = g_strdup_printf (_("%s merged · %s closed"), merged_text, closed_text);
    }
  da_figure_set_detail (self->prs_figure, prs_detail);
}

/* ---- daily usage -------------------------------------------------------------------------- */

static gboolean
stacking_ready (DaConsumptionPage *self)
{
  if (!gtk_check_button_get_active (self->stack_check) || self->stacked_orgs == NULL ||
      self->stacked_orgs->len == 0)
    return FALSE;

  for (guint i = 0; i < self->stacked_orgs->len; i++)
    if (!g_hash_table_contains (self->org_daily, g_ptr_array_index (self->stacked_orgs, i)))
      return FALSE;
  return TRUE;
}

static const char *
compared_org (DaConsumptionPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->compare_dropdown);

  if (self->compare_ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0 ||
      selected > self->compare_ids->len)
    return NULL;
  return g_ptr_array_index (self->compare_ids, selected - 1);
}

static void
show_daily (DaConsumptionPage *self)
{
  DaChart *chart = da_consumption_section_get_chart (self->daily_section);
  DaContext *context = da_page_get_context (DA_PAGE (self));
  g_autofree double *totals = NULL;
  g_autofree double *cumulative = NULL;
  const char *org_id;
  guint n;

  if (self->consumption == NULL)
    return;

  n = g_strv_length (self->days);
  totals = _da_consumption_page_day_values (self, self->consumption);
  cumulative = g_new0 (double, MAX (n, 1));

  _da_consumption_page_set_day_categories (self, chart);

  if (stacking_ready (self))
    {
      g_autofree double *sum = g_new0 (double, MAX (n, 1));
      g_autofree double *other = g_new0 (double, MAX (n, 1));

      for (guint s = 0; s < self->stacked_orgs->len; s++)
        {
          const char *id = g_ptr_array_index (self->stacked_orgs, s);
          DaConsumption *own = g_hash_table_lookup (self->org_daily, id);
          g_autofree double *values = _da_consumption_page_day_values (self, own);

          for (guint i = 0; i < n; i++)
            sum[i] += values[i];
          da_chart_add_series (chart, org_name (self, id), values, FALSE);
        }

      /* The rest: smaller organizations, and usage tied to none. */
      for (guint i = 0; i < n; i++)
        other[i] = MAX (totals[i] - sum[i], 0);
      if (da_chart_max (other, n) >= 0.05)
        /* Translators: the part of a stacked bar that is not one of the organizations shown */
        da_chart_add_series (chart, _("Other"), other, TRUE);
    }
  else
    da_chart_add_series (chart, _("All organizations"), totals, FALSE);

  da_chart_cumulative (totals, n, cumulative);
  /* Translators: the running total of the cycle's ACUs in the daily chart */
  da_chart_add_line (chart, _("Cumulative"), cumulative);

  org_id = compared_org (self);
  if (org_id != NULL && g_hash_table_contains (self->org_daily, org_id))
    {
      DaOrganization *org = da_context_lookup_organization (context, org_id);
      DaConsumption *own = g_hash_table_lookup (self->org_daily, org_id);
      g_autofree double *values = _da_consumption_page_day_values (self, own);
      /* Translators: an organization's running total of ACUs, e.g. "Engineering, cumulative" */
      g_autofree char *line_name = g_strdup_printf (_("%s, cumulative"), org_name (self, org_id));
      gint64 limit = org != NULL ? da_organization_get_max_cycle_acu_limit (org) : DA_UNSET;
      guint line;

      da_chart_cumulative (values, n, values);
      line = da_chart_add_line (chart, line_name, values);
      if (limit >= 0)
        {
          /* Translators: an organization's ACU limit per cycle, e.g. "Engineering limit" */
          g_autofree char *limit_name = g_strdup_printf (_("%s limit"), org_name (self, org_id));

          da_chart_add_threshold (chart, limit_name, (double) limit, (int) line);
        }
    }
}

static void
org_daily_cb (GObject      *object,
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

  g_hash_table_insert (self->org_daily, g_strdup (request->key), g_steal_pointer (&consumption));
  show_daily (self);
}

static void
request_org_daily (DaConsumptionPage *self,
                   const char        *org_id)
{
  const char *org_ids[] = { org_id, NULL };
  Request *request;

  /* here, or on its way */
  if (g_hash_table_contains (self->org_daily, org_id) ||
      g_hash_table_contains (self->org_asked, org_id))
    return;

  g_hash_table_add (self->org_asked, g_strdup (org_id));
  request = _da_consumption_page_request_new (self, KIND_CYCLE, org_id, 0);
  da_client_get_daily_consumption_async (_da_consumption_page_get_client (self), NULL,
                                         da_billing_cycle_get_start (self->cycle),
                                         da_billing_cycle_get_end (self->cycle), org_ids,
                                         self->cycle_cancellable, org_daily_cb, request);
}

static void
start_stacking (DaConsumptionPage *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
  const DaConsumptionEntry *by_org;
  guint n = 0;

  if (self->consumption == NULL || self->stacked_orgs != NULL)
    return;

  by_org = da_consumption_get_by_org (self->consumption, &n);
  sorted = _da_consumption_page_sorted_entries (by_org, n);
  self->stacked_orgs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < sorted->len && self->stacked_orgs->len < STACKED_ORGS; i++)
    {
      const DaConsumptionEntry *entry = g_ptr_array_index (sorted, i);

      if (entry->acus > 0)
        g_ptr_array_add (self->stacked_orgs, g_strdup (entry->key));
    }

  for (guint i = 0; i < self->stacked_orgs->len; i++)
    request_org_daily (self, g_ptr_array_index (self->stacked_orgs, i));
}

static void
on_stack_toggled_cb (DaConsumptionPage *self)
{
  if (gtk_check_button_get_active (self->stack_check))
    start_stacking (self);
  show_daily (self);
}

static void
on_compare_selected_cb (DaConsumptionPage *self)
{
  const char *org_id;

  if (self->updating || self->consumption == NULL)
    return;

  org_id = compared_org (self);
  if (org_id != NULL)
    request_org_daily (self, org_id);
  show_daily (self);
}

/* ---- by organization ---------------------------------------------------------------------- */

static void
show_orgs (DaConsumptionPage *self)
{
  DaChart *chart = da_consumption_section_get_chart (self->orgs_section);
  DaContext *context = da_page_get_context (DA_PAGE (self));
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree double *values = NULL;
  g_autofree double *limits = NULL;
  gboolean any_limit = FALSE;
  /* Limits are today's: against a past cycle they would mislead. */
  gboolean current = da_consumption_cycle_is_current (self->cycle, da_now ());
  const DaConsumptionEntry *by_org;
  guint n = 0;

  by_org = da_consumption_get_by_org (self->consumption, &n);
  sorted = _da_consumption_page_sorted_entries (by_org, n);
  values = g_new0 (double, MAX (n, 1));
  limits = g_new0 (double, MAX (n, 1));

  for (guint i = 0; i < sorted->len; i++)
    {
      const DaConsumptionEntry *entry = g_ptr_array_index (sorted, i);
      DaOrganization *org = da_context_lookup_organization (context, entry->key);
      gint64 limit = org != NULL ? da_organization_get_max_cycle_acu_limit (org) : DA_UNSET;

      g_ptr_array_add (names, (gpointer) org_name (self, entry->key));
      values[i] = entry->acus;
      limits[i] = current && limit >= 0 ? (double) limit : NAN;
      any_limit |= current && limit >= 0;
    }
  g_ptr_array_add (names, NULL);

  da_chart_set_categories (chart, sorted->len, (const char * const *) names->pdata, NULL);
  /* Translators: the ACUs each organization used, a column of the chart's table */
  da_chart_add_series (chart, C_("acus", "Used"), values, FALSE);
  if (any_limit)
    da_chart_set_limits (chart, limits);
}

/* ---- history ------------------------------------------------------------------------------ */

static void
show_history (DaConsumptionPage *self)
{
  DaChart *chart = da_consumption_section_get_chart (self->history_section);
  guint n = self->cycles->len;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = g_new0 (double, MAX (n, 1));

  /* oldest first, left to right */
  for (guint i = 0; i < n; i++)
    {
      DaBillingCycle *cycle = g_ptr_array_index (self->cycles, n - 1 - i);
      gint64 start = da_billing_cycle_get_start (cycle);

      /* Translators: a billing cycle on the history chart's axis, see strftime(3) */
      g_ptr_array_add (labels, start != DA_TIME_UNSET
                               ? da_consumption_format_utc (start, _("%b %Y"))
                               : g_strdup ("—"));
      g_ptr_array_add (details, da_consumption_format_cycle (cycle, da_now ()));
      values[i] = self->history[n - 1 - i];
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (details, NULL);

  da_chart_set_categories (chart, n, (const char * const *) labels->pdata,
                           (const char * const *) details->pdata);
  /* Translators: the ACUs each cycle used, a column of the chart's table */
  da_chart_add_series (chart, C_("acus", "Used"), values, FALSE);
}

static void
history_cb (GObject      *object,
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

  self->history[request->index] = da_consumption_get_total_acus (consumption);
  self->history_next = request->index + 1;
  next_history (self);
}

/* One cycle after the other: a long history does not flood the server. */
static void
next_history (DaConsumptionPage *self)
{
  while (self->history_next < self->cycles->len)
    {
      DaBillingCycle *cycle = g_ptr_array_index (self->cycles, self->history_next);
      Request *request;

      /* the older answer's shape says it already */
      if (da_billing_cycle_get_acus_used (cycle) >= 0)
        {
          self->history[self->history_next++] = da_billing_cycle_get_acus_used (cycle);
          continue;
        }

      request = _da_consumption_page_request_new (self, KIND_REFRESH, NULL, self->history_next);
      da_client_get_daily_consumption_async (_da_consumption_page_get_client (self), NULL,
                                             da_billing_cycle_get_start (cycle),
                                             da_billing_cycle_get_end (cycle), NULL,
                                             self->cancellable, history_cb, request);
      return;
    }

  show_history (self);
}

static void
on_history_activated_cb (DaConsumptionPage *self,
                         guint              index)
{
  guint n = self->cycles != NULL ? self->cycles->len : 0;

  /* The history's bars are the cycles, oldest first: a click chooses one. */
  if (index < n)
    gtk_drop_down_set_selected (self->cycle_dropdown, n - 1 - index);
}

/* ---- the chosen cycle --------------------------------------------------------------------- */

static void
show_cycle (DaConsumptionPage *self)
{
  const char *org_id;

  show_figures (self);
  show_daily (self);
  show_orgs (self);
  _da_consumption_page_show_users (self);

  if (gtk_check_button_get_active (self->stack_check))
    start_stacking (self);
  org_id = compared_org (self);
  if (org_id != NULL)
    request_org_daily (self, org_id);

  self->loaded = TRUE;
  da_page_set_error (DA_PAGE (self), NULL);
  da_page_set_can_export (DA_PAGE (self), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  da_state_view_show_content (self->state_view);
  update_busy (self);
}

static void
cycle_request_done (DaConsumptionPage *self)
{
  g_assert (self->cycle_pending > 0);

  if (--self->cycle_pending > 0 || self->failed)
    return;
  show_cycle (self);
}

static void
cycle_daily_cb (GObject      *object,
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
    _da_consumption_page_fail (self, error);
  else if (request->index == 0)
    g_set_object (&self->consumption, consumption);
  else
    g_set_object (&self->previous, consumption);
  /* A 404 refreshes the page at once: this answer then belongs to a load that is over. */
  if (_da_consumption_page_request_is_current (request))
    cycle_request_done (self);
}

static void
metrics_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaUsageMetrics) metrics = NULL;
  DaConsumptionPage *self = request->self;

  metrics = da_client_get_metrics_finish (DA_CLIENT (object), result, &error);
  if (!_da_consumption_page_request_is_current (request))
    return;
  if (metrics == NULL)
    _da_consumption_page_fail (self, error);
  else
    g_set_object (&self->metrics, metrics);
  if (_da_consumption_page_request_is_current (request))
    cycle_request_done (self);
}

static void
load_cycle (DaConsumptionPage *self)
{
  DaClient *client = _da_consumption_page_get_client (self);
  DaBillingCycle *cycle;
  Request *request;
  guint index = 0;

  cycle = chosen_cycle (self, &index);
  if (cycle == NULL)
    return;

  _da_consumption_page_reset_cancellable (&self->cycle_cancellable);
  _da_consumption_page_reset_cancellable (&self->user_cancellable);
  self->cycle_serial++;
  self->user_serial++;
  self->failed = FALSE;

  g_set_object (&self->cycle, cycle);
  g_clear_object (&self->previous_cycle);
  if (index + 1 < self->cycles->len)
    self->previous_cycle = g_object_ref (g_ptr_array_index (self->cycles, index + 1));
  self->chosen_start = da_billing_cycle_get_start (cycle);

  g_clear_object (&self->consumption);
  g_clear_object (&self->previous);
  g_clear_object (&self->metrics);
  g_clear_object (&self->user_consumption);
  g_hash_table_remove_all (self->org_daily);
  g_hash_table_remove_all (self->org_asked);
  g_clear_pointer (&self->stacked_orgs, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_strfreev);
  self->days = da_consumption_cycle_days (cycle, da_now ());

  self->cycle_pending = self->previous_cycle != NULL ? 3 : 2;

  request = _da_consumption_page_request_new (self, KIND_CYCLE, NULL, 0);
  da_client_get_daily_consumption_async (client, NULL, da_billing_cycle_get_start (cycle),
                                         da_billing_cycle_get_end (cycle), NULL,
                                         self->cycle_cancellable, cycle_daily_cb, request);
  request = _da_consumption_page_request_new (self, KIND_CYCLE, NULL, 0);
  da_client_get_metrics_async (client, DA_METRICS_USAGE, da_billing_cycle_get_start (cycle),
                               da_billing_cycle_get_end (cycle), NULL, NULL,
                               self->cycle_cancellable, metrics_cb, request);
  if (self->previous_cycle != NULL)
    {
      /* index 1: the previous cycle's days */
      request = _da_consumption_page_request_new (self, KIND_CYCLE, NULL, 1);
      da_client_get_daily_consumption_async (client, NULL,
                                             da_billing_cycle_get_start (self->previous_cycle),
                                             da_billing_cycle_get_end (self->previous_cycle), NULL,
                                             self->cycle_cancellable, cycle_daily_cb, request);
    }
}

static void
on_cycle_selected_cb (DaConsumptionPage *self)
{
  DaBillingCycle *cycle;

  if (self->updating)
    return;

  cycle = chosen_cycle (self, NULL);
  if (cycle == NULL || cycle == self->cycle)
    return;
  load_cycle (self);
}

/* ---- the refresh -------------------------------------------------------------------------- */

static void
fill_cycle_dropdown (DaConsumptionPage *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < self->cycles->len; i++)
    {
      DaBillingCycle *cycle = g_ptr_array_index (self->cycles, i);
      g_autofree char *text = da_consumption_format_cycle (cycle, da_now ());

      gtk_string_list_append (choices, text);
      if (da_billing_cycle_get_start (cycle) == self->chosen_start)
        selected = i;
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->cycle_dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->cycle_dropdown, selected);
  self->updating = FALSE;
}

static int
compare_orgs_by_name (gconstpointer a,
                      gconstpointer b)
{
  DaOrganization *oa = *(DaOrganization * const *) a;
  DaOrganization *ob = *(DaOrganization * const *) b;

  return g_utf8_collate (da_organization_get_org_name (oa), da_organization_get_org_name (ob));
}

static void
fill_compare_dropdown (DaConsumptionPage *self)
{
  GListModel *orgs = da_context_get_organizations (da_page_get_context (DA_PAGE (self)));
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *chosen = g_strdup (compared_org (self));
  guint selected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (orgs, i));
  g_ptr_array_sort (sorted, compare_orgs_by_name);

  g_clear_pointer (&self->compare_ids, g_ptr_array_unref);
  self->compare_ids = g_ptr_array_new_with_free_func (g_free);
  /* Translators: the compare drop-down's choice of no organization */
  gtk_string_list_append (choices, _("No Organization"));

  for (guint i = 0; i < sorted->len; i++)
    {
      DaOrganization *org = g_ptr_array_index (sorted, i);
      gint64 limit = da_organization_get_max_cycle_acu_limit (org);
      g_autofree char *text = NULL;

      if (limit >= 0)
        {
          g_autofree char *limit_text = da_format_count (limit);

          /* Translators: an organization and its cycle limit, e.g. "Engineering (1,500 ACUs)" */
          text = g_strdup_printf (_("%s (%s ACUs)"), da_organization_get_org_name (org),
                                  limit_text);
        }
      else
        text = g_strdup (da_organization_get_org_name (org));

      gtk_string_list_append (choices, text);
      g_ptr_array_add (self->compare_ids, g_strdup (da_organization_get_org_id (org)));
      if (g_strcmp0 (chosen, da_organization_get_org_id (org)) == 0)
        selected = i + 1;
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->compare_dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->compare_dropdown, selected);
  self->updating = FALSE;
}

static void
refresh_request_done (DaConsumptionPage *self)
{
  g_assert (self->refresh_pending > 0);

  if (--self->refresh_pending > 0 || self->failed)
    return;

  if (self->cycles->len == 0)
    {
      self->loaded = TRUE;
      da_page_set_error (DA_PAGE (self), NULL);
      da_page_set_can_export (DA_PAGE (self), FALSE);
      da_state_view_show_empty (self->state_view);
      return;
    }

  fill_cycle_dropdown (self);
  fill_compare_dropdown (self);

  g_free (self->history);
  self->history = g_new0 (double, self->cycles->len);
  self->history_next = 0;
  next_history (self);

  load_cycle (self);
}

static void
cycles_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  DaConsumptionPage *self = request->self;

  cycles = da_client_list_billing_cycles_finish (DA_CLIENT (object), result, &error);
  if (!_da_consumption_page_request_is_current (request))
    return;
  if (cycles == NULL)
    _da_consumption_page_fail (self, error);
  else
    {
      g_clear_pointer (&self->cycles, g_ptr_array_unref);
      self->cycles = g_steal_pointer (&cycles);
    }
  /* A 404 refreshes the page at once: this answer then belongs to the refresh before. */
  if (_da_consumption_page_request_is_current (request))
    refresh_request_done (self);
}

static void
orgs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  DaConsumptionPage *self = request->self;

  if (!da_context_load_organizations_finish (DA_CONTEXT (object), result, &error))
    {
      if (_da_consumption_page_request_is_current (request))
        _da_consumption_page_fail (self, error);
    }
  if (_da_consumption_page_request_is_current (request))
    refresh_request_done (self);
}

static void
da_consumption_page_refresh (DaPage *page)
{
  DaConsumptionPage *self = DA_CONSUMPTION_PAGE (page);
  DaContext *context = da_page_get_context (page);
  Request *request;

  _da_consumption_page_reset_cancellable (&self->cancellable);
  _da_consumption_page_reset_cancellable (&self->cycle_cancellable);
  _da_consumption_page_reset_cancellable (&self->user_cancellable);
  self->refresh_serial++;
  self->cycle_serial++;
  self->user_serial++;
  self->started = TRUE;
  self->failed = FALSE;
  self->refresh_pending = 2;

  if (!self->loaded || da_page_get_error (page) != NULL)
    da_state_view_show_loading (self->state_view);

  request = _da_consumption_page_request_new (self, KIND_REFRESH, NULL, 0);
  da_client_list_billing_cycles_async (_da_consumption_page_get_client (self), self->cancellable,
                                       cycles_cb, request);
  request = _da_consumption_page_request_new (self, KIND_REFRESH, NULL, 0);
  da_context_load_organizations_async (context, self->loaded, self->cancellable, orgs_cb,
                                       request);
}

static void
on_retry_cb (DaConsumptionPage *self)
{
  da_page_refresh (DA_PAGE (self));
}

/* ---- GtkWidget and GObject ---------------------------------------------------------------- */

static void
da_consumption_page_map (GtkWidget *widget)
{
  DaConsumptionPage *self = DA_CONSUMPTION_PAGE (widget);

  GTK_WIDGET_CLASS (da_consumption_page_parent_class)->map (widget);

  /* Load when first shown. */
  if (!self->started)
    da_page_refresh (DA_PAGE (self));
}

static void
da_consumption_page_dispose (GObject *object)
{
  DaConsumptionPage *self = (DaConsumptionPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->cycle_cancellable);
  g_cancellable_cancel (self->user_cancellable);
  g_cancellable_cancel (self->dialog_cancellable);
  /* whatever still comes back is stale */
  self->refresh_serial++;
  self->cycle_serial++;
  self->user_serial++;
  /* rows going away select nothing */
  if (self->users_list != NULL)
    g_signal_handlers_disconnect_by_data (self->users_list, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_CONSUMPTION_PAGE);
  /* Children the template made but did not bind are ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->cycle_cancellable);
  g_clear_object (&self->user_cancellable);
  g_clear_object (&self->dialog_cancellable);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_object (&self->cycle);
  g_clear_object (&self->previous_cycle);
  g_clear_object (&self->consumption);
  g_clear_object (&self->previous);
  g_clear_object (&self->metrics);
  g_clear_pointer (&self->days, g_strfreev);
  g_clear_pointer (&self->org_daily, g_hash_table_unref);
  g_clear_pointer (&self->stacked_orgs, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_hash_table_unref);
  g_clear_pointer (&self->org_asked, g_hash_table_unref);
  g_queue_clear_full (&self->member_queue, g_free);
  g_clear_pointer (&self->top_users, g_ptr_array_unref);
  g_clear_pointer (&self->selected_user, g_free);
  g_clear_object (&self->user_consumption);
  g_clear_pointer (&self->compare_ids, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_free);

  G_OBJECT_CLASS (da_consumption_page_parent_class)->dispose (object);
}

static void
da_consumption_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_consumption_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_consumption_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = da_consumption_page_refresh;
  iface->export = _da_consumption_page_export;
}

static void
da_consumption_page_class_init (DaConsumptionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_consumption_page_dispose;
  object_class->get_property = da_consumption_page_get_property;
  object_class->set_property = da_consumption_page_set_property;

  widget_class->map = da_consumption_page_map;

  da_page_install_properties (object_class, N_PROPS);

  g_type_ensure (DA_TYPE_STATE_VIEW);
  g_type_ensure (DA_TYPE_FIGURE);
  g_type_ensure (DA_TYPE_CONSUMPTION_SECTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-consumption-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, cycle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, total_figure);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, projection_figure);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, sessions_figure);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, prs_figure);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, daily_section);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, orgs_section);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, users_list);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, users_empty_label);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, user_section);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionPage, history_section);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cycle_selected_cb);
  /* in da-consumption-page-save.c and da-consumption-page-users.c */
  gtk_widget_class_bind_template_callback_full (
    widget_class, "on_export_clicked_cb", G_CALLBACK (_da_consumption_page_on_export_clicked_cb));
  gtk_widget_class_bind_template_callback_full (
    widget_class, "on_save_image_cb", G_CALLBACK (_da_consumption_page_on_save_image_cb));
  gtk_widget_class_bind_template_callback_full (
    widget_class, "on_user_selected_cb", G_CALLBACK (_da_consumption_page_on_user_selected_cb));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
on_choice_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_choice_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (choice));
}

/* A drop-down whose button shortens a long choice in a narrow window; its list shows it all. */
static void
set_up_dropdown (GtkDropDown *dropdown)
{
  for (int ellipsize = 0; ellipsize <= 1; ellipsize++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_choice_setup_cb),
                        GINT_TO_POINTER (ellipsize));
      g_signal_connect (factory, "bind", G_CALLBACK (on_choice_bind_cb), NULL);
      if (ellipsize)
        gtk_drop_down_set_factory (dropdown, factory);
      else
        gtk_drop_down_set_list_factory (dropdown, factory);
    }
}

static void
set_up_chart (DaChart    *chart,
              const char *category_title,
              const char *empty_text)
{
  da_chart_set_format_func (chart, format_acus_with_unit, NULL, NULL);
  /* Translators: the unit of a chart's value axis */
  da_chart_set_unit (chart, _("ACUs"));
  da_chart_set_category_title (chart, category_title);
  da_chart_set_empty_text (chart, empty_text);
}

static void
da_consumption_page_init (DaConsumptionPage *self)
{
  GtkWidget *compare_box;
  GtkWidget *compare_label;
  DaChart *chart;

  gtk_widget_init_template (GTK_WIDGET (self));

  da_page_set_title (DA_PAGE (self), _("Consumption"));
  da_page_set_icon_name (DA_PAGE (self), "power-profile-performance-symbolic");

  self->cancellable = g_cancellable_new ();
  self->cycle_cancellable = g_cancellable_new ();
  self->user_cancellable = g_cancellable_new ();
  self->dialog_cancellable = g_cancellable_new ();
  self->chosen_start = DA_TIME_UNSET;
  self->org_daily = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->org_asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->member_queue);

  da_state_view_set_empty_icon_name (self->state_view, "power-profile-performance-symbolic");
  da_state_view_set_empty_title (self->state_view, _("No Billing Cycles"));
  da_state_view_set_empty_description (self->state_view,
                                       _("The server lists no billing cycle for this "
                                         "enterprise yet."));

  /* Translators: the axis of days in the daily charts' tables */
  set_up_chart (da_consumption_section_get_chart (self->daily_section), _("Day"),
                _("No usage in this cycle yet"));
  chart = da_consumption_section_get_chart (self->daily_section);
  /* Translators: the title of the daily chart's second axis */
  da_chart_set_line_unit (chart, _("Cumulative"));

  chart = da_consumption_section_get_chart (self->orgs_section);
  set_up_chart (chart, _("Organization"), _("No organization used ACUs in this cycle"));
  da_chart_set_orientation (chart, GTK_ORIENTATION_HORIZONTAL);

  set_up_chart (da_consumption_section_get_chart (self->user_section), _("Day"),
                _("No usage in this cycle"));

  chart = da_consumption_section_get_chart (self->history_section);
  set_up_chart (chart, _("Billing Cycle"), _("No billing cycles"));
  g_signal_connect_object (chart, "activated", G_CALLBACK (on_history_activated_cb), self,
                           G_CONNECT_SWAPPED);

  /* The daily chart's own controls */
  self->stack_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("By _Organization")));
  da_a11y_label_from_mnemonic (GTK_WIDGET (self->stack_check), _("By _Organization"));
  gtk_widget_set_name (GTK_WIDGET (self->stack_check), "stack-check");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stack_check),
                               _("Stack each day’s bar by the organizations that used most"));
  g_signal_connect_object (self->stack_check, "toggled", G_CALLBACK (on_stack_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  da_consumption_section_add_control (self->daily_section, GTK_WIDGET (self->stack_check));

  compare_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  compare_label = gtk_label_new_with_mnemonic (_("_Limit of"));
  self->compare_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_name (GTK_WIDGET (self->compare_dropdown), "compare-dropdown");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_dropdown),
                               _("Draw an organization’s use of the cycle against its limit"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (compare_label), GTK_WIDGET (self->compare_dropdown));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->compare_dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, compare_label, NULL,
                                  -1);
  g_signal_connect_object (self->compare_dropdown, "notify::selected",
                           G_CALLBACK (on_compare_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (compare_box), compare_label);
  gtk_box_append (GTK_BOX (compare_box), GTK_WIDGET (self->compare_dropdown));
  da_consumption_section_add_control (self->daily_section, compare_box);

  set_up_dropdown (self->cycle_dropdown);
  set_up_dropdown (self->compare_dropdown);

  /* The figures are not a selection, nor links: the focus passes them by. */
  {
    DaFigure *figures[] = {
      self->total_figure, self->projection_figure, self->sessions_figure, self->prs_figure,
    };

    for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
      {
        GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (figures[i]));

        if (GTK_IS_FLOW_BOX_CHILD (child))
          gtk_widget_set_focusable (child, FALSE);
      }
  }

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
}

GtkWidget *
da_consumption_page_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_CONSUMPTION_PAGE,
                       "context", context,
                       NULL);
}

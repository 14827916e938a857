/* da-consumption-export.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-consumption-export.h"
#include "da-csv.h"
#include "da-format.h"

/* A billing day starts at 08:00 UTC and is named by the date it starts on. */
#define BILLING_DAY_OFFSET (8 * 3600)

static int
compare_by_acus (gconstpointer a,
                 gconstpointer b)
{
  const DaConsumptionEntry *ea = *(const DaConsumptionEntry * const *) a;
  const DaConsumptionEntry *eb = *(const DaConsumptionEntry * const *) b;

  if (ea->acus != eb->acus)
    return ea->acus < eb->acus ? 1 : -1;
  return g_strcmp0 (ea->key, eb->key);
}

static GPtrArray *
sorted_entries (const DaConsumptionEntry *entries,
                guint                     n)
{
  GPtrArray *sorted = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, (gpointer) &entries[i]);
  g_ptr_array_sort (sorted, compare_by_acus);
  return sorted;
}

static void
add_row (DaCsvWriter *writer,
         const char  *kind,
         const char  *key,
         const char  *name,
         const char  *email,
         double       value,
         gint64       limit)
{
  da_csv_writer_add_field (writer, kind);
  da_csv_writer_add_field (writer, key);
  da_csv_writer_add_field (writer, name);
  da_csv_writer_add_field (writer, email);
  da_csv_writer_add_double (writer, value);
  if (limit >= 0)
    da_csv_writer_add_int (writer, limit);
  else
    da_csv_writer_add_field (writer, NULL);
  da_csv_writer_end_row (writer);
}

static void
add_metric (DaCsvWriter *writer,
            const char  *key,
            gint64       count)
{
  if (count < 0)
    return;

  da_csv_writer_add_field (writer, "metric");
  da_csv_writer_add_field (writer, key);
  da_csv_writer_add_field (writer, NULL);
  da_csv_writer_add_field (writer, NULL);
  da_csv_writer_add_int (writer, count);
  da_csv_writer_add_field (writer, NULL);
  da_csv_writer_end_row (writer);
}

GBytes *
da_consumption_export_csv (const DaConsumptionExport *data)
{
  static const char * const header[] = {
    "kind", "key", "name", "email", "value", "acu_limit", NULL
  };
  g_autoptr(DaCsvWriter) writer = da_csv_writer_new ();
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *range = NULL;
  const DaConsumptionEntry *entries;
  guint n = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (DA_IS_CONTEXT (data->context), NULL);
  g_return_val_if_fail (DA_IS_BILLING_CYCLE (data->cycle), NULL);
  g_return_val_if_fail (DA_IS_CONSUMPTION (data->consumption), NULL);

  da_csv_writer_add_row (writer, header);

  {
    gint64 start = da_billing_cycle_get_start (data->cycle);
    gint64 end = da_billing_cycle_get_end (data->cycle);
    g_autofree char *first = start != DA_TIME_UNSET
                             ? da_format_iso_date (start - BILLING_DAY_OFFSET) : NULL;
    g_autofree char *last = end != DA_TIME_UNSET
                            ? da_format_iso_date (end - 1 - BILLING_DAY_OFFSET) : NULL;

    range = g_strdup_printf ("%s/%s", first != NULL ? first : "", last != NULL ? last : "");
    add_row (writer, "cycle", range, NULL, NULL,
             da_consumption_get_total_acus (data->consumption), DA_UNSET);
  }

  for (guint i = 0; data->days != NULL && data->days[i] != NULL; i++)
    add_row (writer, "day", data->days[i], NULL, NULL,
             da_consumption_lookup_date (data->consumption, data->days[i]), DA_UNSET);

  entries = da_consumption_get_by_org (data->consumption, &n);
  orgs = sorted_entries (entries, n);
  for (guint i = 0; i < orgs->len; i++)
    {
      const DaConsumptionEntry *entry = g_ptr_array_index (orgs, i);
      DaOrganization *org = da_context_lookup_organization (data->context, entry->key);

      add_row (writer, "organization", entry->key,
               org != NULL ? da_organization_get_org_name (org) : NULL, NULL, entry->acus,
               org != NULL ? da_organization_get_max_cycle_acu_limit (org) : DA_UNSET);
    }

  entries = da_consumption_get_by_user (data->consumption, &n);
  users = sorted_entries (entries, n);
  for (guint i = 0; i < users->len; i++)
    {
      const DaConsumptionEntry *entry = g_ptr_array_index (users, i);
      DaMember *member = data->members != NULL ? g_hash_table_lookup (data->members, entry->key)
                                               : NULL;

      add_row (writer, "user", entry->key,
               member != NULL ? da_member_get_name (member) : NULL,
               member != NULL ? da_member_get_email (member) : NULL,
               entry->acus, DA_UNSET);
    }

  if (data->metrics != NULL)
    {
      add_metric (writer, "sessions_count", da_usage_metrics_get_sessions_count (data->metrics));
      add_metric (writer, "searches_count", da_usage_metrics_get_searches_count (data->metrics));
      add_metric (writer, "prs_opened", da_usage_metrics_get_prs_opened (data->metrics));
      add_metric (writer, "prs_merged", da_usage_metrics_get_prs_merged (data->metrics));
      add_metric (writer, "prs_closed", da_usage_metrics_get_prs_closed (data->metrics));
    }

  return da_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}

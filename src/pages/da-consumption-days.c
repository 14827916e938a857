/* da-consumption-days.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-consumption-days.h"
#include "da-format.h"

#define DAY      (24 * 3600)
/* A cycle is about a month; a server that says otherwise gets this many days at most. */
#define MAX_DAYS 400

gint64
da_consumption_billing_day_start (gint64 when)
{
  gint64 t = when - DA_BILLING_DAY_OFFSET;
  gint64 day = t >= 0 ? t / DAY : -((-t + DAY - 1) / DAY);

  return day * DAY + DA_BILLING_DAY_OFFSET;
}

gboolean
da_consumption_cycle_is_current (DaBillingCycle *cycle,
                                 gint64          now)
{
  gint64 end;

  g_return_val_if_fail (DA_IS_BILLING_CYCLE (cycle), FALSE);

  end = da_billing_cycle_get_end (cycle);
  return da_billing_cycle_get_start (cycle) <= now && (end == DA_TIME_UNSET || now < end);
}

GStrv
da_consumption_cycle_days (DaBillingCycle *cycle,
                           gint64          now)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gint64 start, end, last_moment;

  g_return_val_if_fail (DA_IS_BILLING_CYCLE (cycle), NULL);

  start = da_billing_cycle_get_start (cycle);
  end = da_billing_cycle_get_end (cycle);
  last_moment = end == DA_TIME_UNSET || end > now ? now : end - 1;

  if (start != DA_TIME_UNSET)
    {
      gint64 first = da_consumption_billing_day_start (start);
      gint64 last = da_consumption_billing_day_start (last_moment);

      for (gint64 day = first, n = 0; day <= last && n < MAX_DAYS; day += DAY, n++)
        {
          g_autofree char *key = da_format_iso_date (day);

          g_strv_builder_add (builder, key);
        }
    }

  return g_strv_builder_end (builder);
}

void
da_consumption_day_labels (const char  *key,
                           char       **label,
                           char       **detail)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) date = NULL;

  g_return_if_fail (key != NULL && label != NULL && detail != NULL);

  iso = g_strdup_printf ("%sT12:00:00Z", key);
  date = g_date_time_new_from_iso8601 (iso, utc);
  if (date == NULL)
    {
      *label = g_strdup (key);
      *detail = g_strdup (key);
      return;
    }

  /* Translators: a billing day on a chart's axis, see strftime(3) */
  *label = g_date_time_format (date, _("%b %-d"));
  /* Translators: a billing day in a tooltip or table, see strftime(3) */
  *detail = g_date_time_format (date, _("%A, %B %-d, %Y"));
}

char *
da_consumption_format_utc (gint64      when,
                           const char *format)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  date = g_date_time_new_from_unix_utc (when);
  return date != NULL ? g_date_time_format (date, format) : g_strdup ("");
}

char *
da_consumption_format_cycle (DaBillingCycle *cycle,
                             gint64          now)
{
  gint64 start, end;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *range = NULL;

  g_return_val_if_fail (DA_IS_BILLING_CYCLE (cycle), NULL);

  start = da_billing_cycle_get_start (cycle);
  end = da_billing_cycle_get_end (cycle);
  if (start == DA_TIME_UNSET)
    return g_strdup (_("Unknown cycle"));

  /* Translators: the first day of a billing cycle's range, see strftime(3) */
  first = da_consumption_format_utc (da_consumption_billing_day_start (start), _("%b %-d"));
  if (end == DA_TIME_UNSET)
    /* Translators: a billing cycle with no end date; %s is its first day */
    range = g_strdup_printf (_("Since %s"), first);
  else
    {
      /* Translators: the last day of a billing cycle's range, see strftime(3) */
      last = da_consumption_format_utc (da_consumption_billing_day_start (end - 1),
                                        _("%b %-d, %Y"));
      /* Translators: a billing cycle, e.g. "Jun 5 – Jul 4, 2025" */
      range = g_strdup_printf (_("%s – %s"), first, last);
    }

  if (da_consumption_cycle_is_current (cycle, now))
    /* Translators: the current billing cycle in the cycle picker; %s is its range */
    return g_strdup_printf (_("%s (Current)"), range);
  return g_steal_pointer (&range);
}

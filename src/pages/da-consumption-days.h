/* da-consumption-days.h: billing days and cycles, as the Consumption page names them
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-models.h"

G_BEGIN_DECLS

/* A billing day starts at 08:00 UTC (midnight Pacific Standard Time) and the API names it by the
 * date it starts on. */
#define DA_BILLING_DAY_OFFSET (8 * 3600)

/* Where the billing day holding @when starts (Unix seconds) */
gint64    da_consumption_billing_day_start (gint64           when);
/* TRUE when @now falls in @cycle (a cycle with no end has not ended) */
gboolean  da_consumption_cycle_is_current  (DaBillingCycle  *cycle,
                                            gint64           now);
/* The billing days of @cycle up to the one holding @now, "YYYY-MM-DD", at most 400 of them;
 * empty for a cycle with no start. (transfer full) */
GStrv     da_consumption_cycle_days        (DaBillingCycle  *cycle,
                                            gint64           now);
/* The short and long names of a billing day "2025-06-05": "Jun 5" and "Thursday, June 5, 2025"
 * (the key itself when it is no date). */
void      da_consumption_day_labels        (const char      *key,
                                            char           **label,
                                            char           **detail);
/* @when in UTC with a strftime(3) @format; "" when out of range. (transfer full) */
char     *da_consumption_format_utc        (gint64           when,
                                            const char      *format);
/* A cycle's first and last billing day, "Jun 5 – Jul 4, 2025", with " (Current)" when @now is
 * in it. (transfer full) */
char     *da_consumption_format_cycle      (DaBillingCycle  *cycle,
                                            gint64           now);

G_END_DECLS

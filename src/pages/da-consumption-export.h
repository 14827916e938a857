/* da-consumption-export.h: one billing cycle's consumption as CSV
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-context.h"

G_BEGIN_DECLS

/* What an export holds; every pointer is borrowed. */
typedef struct
{
  DaContext          *context;       /* organizations' names and limits */
  DaBillingCycle     *cycle;
  DaConsumption      *consumption;   /* of the whole cycle */
  DaUsageMetrics     *metrics;       /* nullable */
  GHashTable         *members;       /* nullable: user_id → DaMember, for names and emails */
  const char * const *days;          /* the cycle's billing days, "YYYY-MM-DD", NULL-terminated */
} DaConsumptionExport;

/* The cycle's consumption as RFC 4180 CSV, one fact a row, with the header
 * "kind,key,name,email,value,acu_limit":
 *   cycle         key "START/END" (billing days), value the cycle's total ACUs
 *   day           key the billing day, value its ACUs (every day of the cycle, 0 included)
 *   organization  key the org_id, name, value its ACUs, acu_limit its cycle limit (empty: none)
 *   user          key the user_id, name and email when known, value its ACUs
 *   metric        key sessions_count, searches_count, prs_opened, prs_merged, prs_closed
 * Organizations and users are listed from most ACUs to least. (transfer full) */
GBytes *da_consumption_export_csv (const DaConsumptionExport *data);

G_END_DECLS

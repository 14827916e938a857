/* da-consumption.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* Daily ACU consumption, from GET /consumption/daily and /consumption/daily/{user_id}. */
typedef struct
{
  const char *key;   /* "YYYY-MM-DD" (a billing day), an org_id or a user_id */
  double      acus;
} DaConsumptionEntry;

#define DA_TYPE_CONSUMPTION (da_consumption_get_type ())
G_DECLARE_FINAL_TYPE (DaConsumption, da_consumption, DA, CONSUMPTION, GObject)

DaConsumption            *da_consumption_new_from_json  (JsonObject     *object,
                                                         GError        **error);
double                    da_consumption_get_total_acus (DaConsumption  *self);
/* Entries sorted by key. (transfer none) */
const DaConsumptionEntry *da_consumption_get_by_date    (DaConsumption  *self,
                                                         guint          *n_entries);
const DaConsumptionEntry *da_consumption_get_by_org     (DaConsumption  *self,
                                                         guint          *n_entries);
/* Empty for a single user's consumption. */
const DaConsumptionEntry *da_consumption_get_by_user    (DaConsumption  *self,
                                                         guint          *n_entries);
/* 0 when absent */
double                    da_consumption_lookup_date    (DaConsumption  *self,
                                                         const char     *day);
double                    da_consumption_lookup_org     (DaConsumption  *self,
                                                         const char     *org_id);
double                    da_consumption_lookup_user    (DaConsumption  *self,
                                                         const char     *user_id);

G_END_DECLS

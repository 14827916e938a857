/* da-billing-cycle.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* A billing cycle. Documented: {"start", "end"}. Older shape: {"start_date", "end_date",
 * "acus_used"}. */
#define DA_TYPE_BILLING_CYCLE (da_billing_cycle_get_type ())
G_DECLARE_FINAL_TYPE (DaBillingCycle, da_billing_cycle, DA, BILLING_CYCLE, GObject)

DaBillingCycle *da_billing_cycle_new_from_json  (JsonObject      *object,
                                                 GError         **error);
gint64          da_billing_cycle_get_start      (DaBillingCycle  *self);
gint64          da_billing_cycle_get_end        (DaBillingCycle  *self);
/* < 0 when the server did not say (the documented shape never does) */
double          da_billing_cycle_get_acus_used  (DaBillingCycle  *self);
gboolean        da_billing_cycle_contains       (DaBillingCycle  *self,
                                                 gint64           when);

G_END_DECLS

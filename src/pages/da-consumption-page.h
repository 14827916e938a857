/* da-consumption-page.h: ACU usage, limits and metrics, by billing cycle
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaConsumptionPage:
 *
 * A billing cycle picker (`/consumption/cycles`, the current cycle first) and, for the chosen
 * cycle: the ACUs used, their change against the same day of the previous cycle, a projection to
 * the end of the cycle at the current pace, sessions, searches and pull requests
 * (`/metrics/usage`); charts (DaChart) of the daily usage (optionally stacked by organization,
 * with the cumulative sum, and a chosen organization's cumulative use against its cycle limit),
 * of the usage by organization against their limits, of the top users (a member's own daily
 * chart on selection) and of every cycle's total. Each chart has a table form and saves as PNG;
 * Export saves the cycle's figures as CSV (da-consumption-export.h).
 *
 * The v2 API documents no enterprise-wide ACU limit, so only organizations' limits are drawn.
 *
 * Loads when first shown and on refresh; choosing another cycle loads that cycle.
 */
#define DA_TYPE_CONSUMPTION_PAGE (da_consumption_page_get_type ())
G_DECLARE_FINAL_TYPE (DaConsumptionPage, da_consumption_page, DA, CONSUMPTION_PAGE, GtkWidget)

GtkWidget *da_consumption_page_new (DaContext *context);

G_END_DECLS

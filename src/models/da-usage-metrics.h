/* da-usage-metrics.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* Counts from GET /metrics/usage, /metrics/prs, /metrics/sessions and /metrics/searches.
 * A count the endpoint did not return is DA_UNSET. */
#define DA_TYPE_USAGE_METRICS (da_usage_metrics_get_type ())
G_DECLARE_FINAL_TYPE (DaUsageMetrics, da_usage_metrics, DA, USAGE_METRICS, GObject)

DaUsageMetrics *da_usage_metrics_new_from_json        (JsonObject      *object,
                                                       GError         **error);
gint64          da_usage_metrics_get_sessions_count   (DaUsageMetrics  *self);
gint64          da_usage_metrics_get_searches_count   (DaUsageMetrics  *self);
gint64          da_usage_metrics_get_prs_opened       (DaUsageMetrics  *self);
gint64          da_usage_metrics_get_prs_closed       (DaUsageMetrics  *self);
gint64          da_usage_metrics_get_prs_merged       (DaUsageMetrics  *self);

G_END_DECLS

/* da-usage-metrics.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-usage-metrics.h"
#include "da-json-private.h"

#define WHAT N_("usage metrics")

struct _DaUsageMetrics
{
  GObject     parent_instance;


  gint64      sessions_count;
  gint64      searches_count;
  gint64      prs_opened;
  gint64      prs_closed;
  gint64      prs_merged;
};

G_DEFINE_FINAL_TYPE (DaUsageMetrics, da_usage_metrics, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSIONS_COUNT,
  PROP_SEARCHES_COUNT,
  PROP_PRS_OPENED,
  PROP_PRS_CLOSED,
  PROP_PRS_MERGED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_usage_metrics_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DaUsageMetrics *self = DA_USAGE_METRICS (object);

  switch (prop_id)
    {
    case PROP_SESSIONS_COUNT:
      g_value_set_int64 (value, self->sessions_count);
      break;
    case PROP_SEARCHES_COUNT:
      g_value_set_int64 (value, self->searches_count);
      break;
    case PROP_PRS_OPENED:
      g_value_set_int64 (value, self->prs_opened);
      break;
    case PROP_PRS_CLOSED:
      g_value_set_int64 (value, self->prs_closed);
      break;
    case PROP_PRS_MERGED:
      g_value_set_int64 (value, self->prs_merged);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_usage_metrics_class_init (DaUsageMetricsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = da_usage_metrics_get_property;

  properties [PROP_SESSIONS_COUNT] =
    g_param_spec_int64 ("sessions-count", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);
  properties [PROP_SEARCHES_COUNT] =
    g_param_spec_int64 ("searches-count", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);
  properties [PROP_PRS_OPENED] =
    g_param_spec_int64 ("prs-opened", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);
  properties [PROP_PRS_CLOSED] =
    g_param_spec_int64 ("prs-closed", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);
  properties [PROP_PRS_MERGED] =
    g_param_spec_int64 ("prs-merged", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_usage_metrics_init (DaUsageMetrics *self)
{
  self->sessions_count = DA_UNSET;
  self->searches_count = DA_UNSET;
  self->prs_opened = DA_UNSET;
  self->prs_closed = DA_UNSET;
  self->prs_merged = DA_UNSET;
}

/**
 * da_usage_metrics_new_from_json:
 * @object: (nullable): the answer of one of the /metrics endpoints
 *
 * Returns: (transfer full): the usage metrics, or %NULL with a %DA_MODEL_ERROR
 */
DaUsageMetrics *
da_usage_metrics_new_from_json (JsonObject  *object,
                                GError     **error)
{
  gint64 sessions_count = DA_UNSET;
  gint64 searches_count = DA_UNSET;
  gint64 prs_opened = DA_UNSET;
  gint64 prs_closed = DA_UNSET;
  gint64 prs_merged = DA_UNSET;
  DaUsageMetrics *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_count (object, WHAT, "sessions_count", NULL, 0, &sessions_count, error) ||
      !da_json_read_count (object, WHAT, "searches_count", NULL, 0, &searches_count, error) ||
      !da_json_read_count (object, WHAT, "prs_opened", NULL, 0, &prs_opened, error) ||
      !da_json_read_count (object, WHAT, "prs_closed", NULL, 0, &prs_closed, error) ||
      !da_json_read_count (object, WHAT, "prs_merged", NULL, 0, &prs_merged, error))
    return NULL;

  self = g_object_new (DA_TYPE_USAGE_METRICS, NULL);

  self->sessions_count = sessions_count;
  self->searches_count = searches_count;
  self->prs_opened = prs_opened;
  self->prs_closed = prs_closed;
  self->prs_merged = prs_merged;

  return self;
}

gint64
da_usage_metrics_get_sessions_count (DaUsageMetrics *self)
{
  g_return_val_if_fail (DA_IS_USAGE_METRICS (self), DA_UNSET);

  return self->sessions_count;
}

gint64
da_usage_metrics_get_searches_count (DaUsageMetrics *self)
{
  g_return_val_if_fail (DA_IS_USAGE_METRICS (self), DA_UNSET);

  return self->searches_count;
}

gint64
da_usage_metrics_get_prs_opened (DaUsageMetrics *self)
{
  g_return_val_if_fail (DA_IS_USAGE_METRICS (self), DA_UNSET);

  return self->prs_opened;
}

gint64
da_usage_metrics_get_prs_closed (DaUsageMetrics *self)
{
  g_return_val_if_fail (DA_IS_USAGE_METRICS (self), DA_UNSET);

  return self->prs_closed;
}

gint64
da_usage_metrics_get_prs_merged (DaUsageMetrics *self)
{
  g_return_val_if_fail (DA_IS_USAGE_METRICS (self), DA_UNSET);

  return self->prs_merged;
}

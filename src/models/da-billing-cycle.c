/* da-billing-cycle.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-billing-cycle.h"
#include "da-json-private.h"

#define WHAT N_("billing cycle")

struct _DaBillingCycle
{
  GObject  parent_instance;

  gint64   start;
  gint64   end;
  double   acus_used;
};

G_DEFINE_FINAL_TYPE (DaBillingCycle, da_billing_cycle, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_ACUS_USED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_billing_cycle_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DaBillingCycle *self = DA_BILLING_CYCLE (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;
    case PROP_END:
      g_value_set_int64 (value, self->end);
      break;
    case PROP_ACUS_USED:
      g_value_set_double (value, self->acus_used);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_billing_cycle_class_init (DaBillingCycleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = da_billing_cycle_get_property;

  properties [PROP_START] =
    g_param_spec_int64 ("start", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_END] =
    g_param_spec_int64 ("end", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_ACUS_USED] =
    g_param_spec_double ("acus-used", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_billing_cycle_init (DaBillingCycle *self)
{
  self->start = DA_TIME_UNSET;
  self->end = DA_TIME_UNSET;
  self->acus_used = -1;
}

/**
 * da_billing_cycle_new_from_json:
 * @object: (nullable): {"start", "end"}, or the older {"start_date", "end_date", "acus_used"}
 *   (dates may be bare "YYYY-MM-DD": UTC midnight)
 *
 * Returns: (transfer full): the cycle, or %NULL with a %DA_MODEL_ERROR
 */
DaBillingCycle *
da_billing_cycle_new_from_json (JsonObject  *object,
                                GError     **error)
{
  gint64 start = DA_TIME_UNSET;
  gint64 end = DA_TIME_UNSET;
  double acus_used = -1;
  const char *end_name = "end";
  gboolean end_is_null;
  DaBillingCycle *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_time (object, WHAT, "start", "start_date", DA_FIELD_REQUIRED, &start, error) ||
      !da_json_read_time (object, WHAT, "end", "end_date", DA_FIELD_REQUIRED, &end, error) ||
      !da_json_read_amount (object, WHAT, "acus_used", NULL, 0, &acus_used, error))
    return NULL;

  if (end <= start)
    {
      da_json_lookup (object, "end", "end_date", &end_name, &end_is_null);
      da_json_set_invalid (error, WHAT, end_name, DA_JSON_PROBLEM_ENDS_BEFORE_START);
      return NULL;
    }

  self = g_object_new (DA_TYPE_BILLING_CYCLE, NULL);
  self->start = start;
  self->end = end;
  self->acus_used = acus_used;

  return self;
}

gint64
da_billing_cycle_get_start (DaBillingCycle *self)
{
  g_return_val_if_fail (DA_IS_BILLING_CYCLE (self), DA_TIME_UNSET);

  return self->start;
}

gint64
da_billing_cycle_get_end (DaBillingCycle *self)
{
  g_return_val_if_fail (DA_IS_BILLING_CYCLE (self), DA_TIME_UNSET);

  return self->end;
}

double
da_billing_cycle_get_acus_used (DaBillingCycle *self)
{
  g_return_val_if_fail (DA_IS_BILLING_CYCLE (self), -1);

  return self->acus_used;
}

/* Whether @when (Unix seconds) falls in the cycle: start included, end excluded. */
gboolean
da_billing_cycle_contains (DaBillingCycle *self,
                           gint64          when)
{
  g_return_val_if_fail (DA_IS_BILLING_CYCLE (self), FALSE);

  return when >= self->start && when < self->end;
}

/* da-notifier.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "da-format.h"
#include "da-notifier.h"

/* What the schema says, for a notifier without settings. */
#define DEFAULT_INTERVAL   900
#define DEFAULT_THRESHOLD  80
#define MIN_INTERVAL       60
/* At most this many crossings are remembered (the oldest go first). */
#define MAX_REMEMBERED     500
/* The subject of the enterprise's own limit in the remembered crossings. */
#define ENTERPRISE_SUBJECT "*enterprise*"

struct _DaNotifier
{
  GObject        parent_instance;

  GApplication  *application;  /* not owned */

  /* Owned */
  GSettings     *settings;     /* nullable */
  DaContext     *context;      /* nullable */
  GCancellable  *cancellable;  /* of the check under way */
  GStrv          remembered;   /* without settings */
  guint          timeout_id;
};

G_DEFINE_FINAL_TYPE (DaNotifier, da_notifier, G_TYPE_OBJECT)

/* One check: the billing cycle, the consumption in it, then the organizations. */
typedef struct
{
  DaContext      *context;
  DaBillingCycle *cycle;
  DaConsumption  *consumption;
  DaPager        *pager;
  GCancellable   *caller_cancellable;  /* the caller's, linked to the check's own */
  gulong          cancelled_handler;
} Check;

static void schedule (DaNotifier *self,
                      guint       seconds);

static void
check_free (Check *check)
{
  if (check->caller_cancellable != NULL)
    g_cancellable_disconnect (check->caller_cancellable, check->cancelled_handler);
  g_clear_object (&check->caller_cancellable);
  g_clear_object (&check->context);
  g_clear_object (&check->cycle);
  g_clear_object (&check->consumption);
  g_clear_object (&check->pager);
  g_free (check);
}

/* ---- the settings ---------------------------------------------------------------------- */

static gboolean
notifications_enabled (DaNotifier *self)
{
  return self->settings == NULL || g_settings_get_boolean (self->settings,
                                                           "notifications-enabled");
}

static guint
interval (DaNotifier *self)
{
  guint seconds = self->settings != NULL
                    ? g_settings_get_uint (self->settings, "refresh-interval")
                    : DEFAULT_INTERVAL;

  return MAX (seconds, MIN_INTERVAL);
}

static guint
threshold (DaNotifier *self)
{
  guint percent = self->settings != NULL
                    ? g_settings_get_uint (self->settings, "acu-warning-threshold")
                    : DEFAULT_THRESHOLD;

  return CLAMP (percent, 1, 99);
}

static gint64
enterprise_limit (DaNotifier *self,
                  const char *server)
{
  guint32 limit = 0;

  if (self->settings == NULL)
    return -1;

  {
    g_autoptr(GVariant) limits = g_settings_get_value (self->settings, "enterprise-acu-limits");

    if (!g_variant_lookup (limits, server, "u", &limit))
      return -1;
  }

  return limit > 0 ? (gint64) limit : -1;
}

static GStrv
dup_remembered (DaNotifier *self)
{
  if (self->settings != NULL)
    return g_settings_get_strv (self->settings, "notified-crossings");

  return g_strdupv (self->remembered != NULL ? self->remembered : (char *[]) { NULL });
}

static void
set_remembered (DaNotifier         *self,
                const char * const *remembered)
{
  if (self->settings != NULL)
    {
      g_settings_set_strv (self->settings, "notified-crossings", remembered);
      return;
    }

  g_strfreev (self->remembered);
  self->remembered = g_strdupv ((char **) remembered);
}

/* ---- crossings ------------------------------------------------------------------------- */

DaUsageAlert
da_usage_alert_for (double used,
                    gint64 limit,
                    guint  threshold_percent)
{
  if (limit <= 0 || used < 0 || isnan (used))
    return DA_USAGE_ALERT_NONE;

  if (used > (double) limit)
    return DA_USAGE_ALERT_EXCEEDED;

  if (used * 100.0 >= (double) limit * threshold_percent)
    return DA_USAGE_ALERT_WARNING;

  return DA_USAGE_ALERT_NONE;
}

/* Whole percents rounded down, as the usage bars show them; past the limit never "100 %". */
static int
percent_of (double used,
            gint64 limit)
{
  double percent = floor (used * 100.0 / (double) limit);

  if (used > (double) limit && percent <= 100)
    percent = 101;
  return (int) MIN (percent, 1e6);
}

static char *
crossing_key (const char   *server,
              const char   *subject,
              const char   *cycle,
              gint64        limit,
              DaUsageAlert  alert)
{
  return g_strdup_printf ("%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s", server, subject, cycle, limit,
                          alert == DA_USAGE_ALERT_EXCEEDED ? "exceeded" : "warning");
}

/* Drops what was remembered of @server's earlier cycles, and the oldest beyond the cap. */
static void
forget_old_cycles (GPtrArray  *remembered,
                   const char *server,
                   const char *cycle)
{
  g_autofree char *prefix = g_strconcat (server, "\t", NULL);

  for (guint i = remembered->len; i > 0; i--)
    {
      const char *entry = g_ptr_array_index (remembered, i - 1);
      g_auto(GStrv) fields = NULL;

      if (!g_str_has_prefix (entry, prefix))
        continue;

      fields = g_strsplit (entry, "\t", -1);
      if (g_strv_length (fields) != 5 || !g_str_equal (fields[2], cycle))
        g_ptr_array_remove_index (remembered, i - 1);
    }

  while (remembered->len > MAX_REMEMBERED)
    g_ptr_array_remove_index (remembered, 0);
}

static gboolean
is_remembered (GPtrArray  *remembered,
               const char *key)
{
  return g_ptr_array_find_with_equal_func (remembered, key, g_str_equal, NULL);
}

static char *
notification_id (const char *server,
                 const char *subject)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, server, -1);

  return g_strdup_printf ("acu-%.12s-%s", hash, subject);
}

static GNotification *
build_notification (DaContext    *context,
                    const char   *org_id,
                    const char   *org_name,
                    double        used,
                    gint64        limit,
                    DaUsageAlert  alert)
{
  const char *server = da_context_get_server (context);
  const char *account = da_context_get_account_label (context);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *used_text = da_format_acus (used);
  g_autofree char *limit_text = da_format_acus ((double) limit);
  int percent = percent_of (used, limit);
  GNotification *notification;

  if (org_id != NULL && alert == DA_USAGE_ALERT_EXCEEDED)
    /* Translators: a notification's title; %s is an organization's name */
    title = g_strdup_printf (_("“%s” passed its ACU limit"), org_name);
  else if (org_id != NULL)
    /* Translators: a notification's title; %s is an organization's name */
    title = g_strdup_printf (_("“%s” is close to its ACU limit"), org_name);
  else if (alert == DA_USAGE_ALERT_EXCEEDED)
    title = g_strdup (_("The enterprise passed its ACU limit"));
  else
    title = g_strdup (_("The enterprise is close to its ACU limit"));

  /* Translators: a notification's text, e.g. "Production: 1,275 of 1,500 ACUs used in this
   * billing cycle (85 %)."; the first %s is the account's name, %d %% a percentage */
  body = g_strdup_printf (_("%s: %s of %s ACUs used in this billing cycle (%d %%)."),
                          account, used_text, limit_text, percent);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, alert == DA_USAGE_ALERT_EXCEEDED
                                                ? G_NOTIFICATION_PRIORITY_HIGH
                                                : G_NOTIFICATION_PRIORITY_NORMAL);
  if (org_id != NULL)
    {
      g_notification_set_default_action_and_target (notification, "app.show-organization",
                                                    "(ss)", server, org_id);
      g_notification_add_button_with_target (notification, _("Show Organization"),
                                             "app.show-organization", "(ss)", server, org_id);
    }
  else
    {
      g_notification_set_default_action_and_target (notification, "app.show-page",
                                                    "(ss)", server, "consumption");
      g_notification_add_button_with_target (notification, _("Show Consumption"),
                                             "app.show-page", "(ss)", server, "consumption");
    }

  return notification;
}

/* Sends the notification for one subject unless this crossing was sent before; returns whether
 * it sent one. */
static gboolean
consider (DaNotifier *self,
          GPtrArray  *remembered,
          DaContext  *context,
          const char *cycle,
          const char *org_id,
          const char *org_name,
          double      used,
          gint64      limit)
{
  const char *server = da_context_get_server (context);
  const char *subject = org_id != NULL ? org_id : ENTERPRISE_SUBJECT;
  DaUsageAlert alert = da_usage_alert_for (used, limit, threshold (self));
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GNotification) notification = NULL;

  if (alert == DA_USAGE_ALERT_NONE)
    return FALSE;

  key = crossing_key (server, subject, cycle, limit, alert);
  if (is_remembered (remembered, key))
    return FALSE;

  /* Past the limit at once: the warning is not worth sending any more. */
  g_ptr_array_add (remembered, g_steal_pointer (&key));
  if (alert == DA_USAGE_ALERT_EXCEEDED)
    {
      g_autofree char *warning = crossing_key (server, subject, cycle, limit,
                                               DA_USAGE_ALERT_WARNING);

      if (!is_remembered (remembered, warning))
        g_ptr_array_add (remembered, g_steal_pointer (&warning));
    }

  id = notification_id (server, subject);
  notification = build_notification (context, org_id, org_name, used, limit, alert);
  g_debug ("Usage notification %s for %s", id, subject);
  g_application_send_notification (self->application, id, notification);
  return TRUE;
}

static gssize
evaluate (DaNotifier *self,
          Check      *check)
{
  const char *server = da_context_get_server (check->context);
  GListModel *orgs = da_pager_get_model (check->pager);
  g_auto(GStrv) old = dup_remembered (self);
  g_autoptr(GPtrArray) remembered = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cycle = NULL;
  gint64 limit;
  gssize n_sent = 0;

  if (check->cycle != NULL && da_billing_cycle_get_start (check->cycle) != DA_TIME_UNSET)
    cycle = g_strdup_printf ("%" G_GINT64_FORMAT, da_billing_cycle_get_start (check->cycle));
  else
    cycle = g_strdup ("current");

  for (guint i = 0; old[i] != NULL; i++)
    g_ptr_array_add (remembered, g_strdup (old[i]));
  forget_old_cycles (remembered, server, cycle);

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);
      const char *org_id = da_organization_get_org_id (org);
      const char *name = da_organization_get_org_name (org);

      limit = da_organization_get_max_cycle_acu_limit (org);
      if (limit == DA_UNSET || limit <= 0)
        continue;

      /* An organization with no session this cycle is not in the breakdown: it used nothing. */
      if (consider (self, remembered, check->context, cycle, org_id,
                    name != NULL && *name != '\0' ? name : org_id,
                    MAX (0.0, da_consumption_lookup_org (check->consumption, org_id)), limit))
        n_sent++;
    }

  limit = enterprise_limit (self, server);
  if (limit > 0 &&
      consider (self, remembered, check->context, cycle, NULL, NULL,
                da_consumption_get_total_acus (check->consumption), limit))
    n_sent++;

  g_ptr_array_add (remembered, NULL);
  if (!g_strv_equal ((const char * const *) old, (const char * const *) remembered->pdata))
    set_remembered (self, (const char * const *) remembered->pdata);

  return n_sent;
}

/* ---- a check --------------------------------------------------------------------------- */

static void
orgs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DaNotifier *self = g_task_get_source_object (task);
  Check *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!da_pager_load_all_finish (DA_PAGER (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_int (task, evaluate (self, check));
}

static void
consumption_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  check->consumption = da_client_get_daily_consumption_finish (DA_CLIENT (object), result,
                                                               &error);
  if (check->consumption == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  check->pager = da_client_list_organizations (DA_CLIENT (object));
  da_pager_load_all_async (check->pager, cancellable, orgs_cb, g_steal_pointer (&task));
}

static void
cycles_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *check = g_task_get_task_data (task);
  g_autoptr(GPtrArray) cycles = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  gint64 start = DA_TIME_UNSET;
  gint64 now = da_now ();

  cycles = da_client_list_billing_cycles_finish (DA_CLIENT (object), result, &error);
  if (cycles == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The cycle that holds today; else the newest (first); with none, the server's default. */
  for (guint i = 0; i < cycles->len && check->cycle == NULL; i++)
    if (da_billing_cycle_contains (g_ptr_array_index (cycles, i), now))
      check->cycle = g_object_ref (g_ptr_array_index (cycles, i));
  if (check->cycle == NULL && cycles->len > 0)
    check->cycle = g_object_ref (g_ptr_array_index (cycles, 0));
  if (check->cycle != NULL)
    start = da_billing_cycle_get_start (check->cycle);

  cancellable = g_task_get_cancellable (task);
  da_client_get_daily_consumption_async (DA_CLIENT (object), NULL, start, DA_TIME_UNSET, NULL,
                                         cancellable, consumption_cb, g_steal_pointer (&task));
}

static void
check_cancelled_cb (GCancellable *cancellable,
                    GCancellable *check_cancellable)
{
  g_cancellable_cancel (check_cancellable);
}

void
da_notifier_check_async (DaNotifier          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (DA_IS_NOTIFIER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* One check at a time. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, da_notifier_check_async);
  check = g_new0 (Check, 1);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  /* The caller's cancellable cancels this check too, for as long as it runs. */
  if (cancellable != NULL)
    {
      check->caller_cancellable = g_object_ref (cancellable);
      check->cancelled_handler = g_cancellable_connect (cancellable,
                                                        G_CALLBACK (check_cancelled_cb),
                                                        g_object_ref (self->cancellable),
                                                        g_object_unref);
    }

  if (self->context == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "No enterprise to check");
      return;
    }

  check->context = g_object_ref (self->context);

  da_client_list_billing_cycles_async (da_context_get_client (self->context), self->cancellable,
                                       cycles_cb, g_steal_pointer (&task));
}

gssize
da_notifier_check_finish (DaNotifier    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (DA_IS_NOTIFIER (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- the schedule ---------------------------------------------------------------------- */

static void
scheduled_check_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gssize n_sent;

  n_sent = da_notifier_check_finish (DA_NOTIFIER (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The usage check failed, trying again at the next interval: %s", error->message);
  else if (n_sent > 0)
    g_debug ("The usage check sent %" G_GSSIZE_FORMAT " notifications", n_sent);
}

static void
check_and_reschedule (DaNotifier *self)
{
  da_notifier_check_async (self, NULL, scheduled_check_cb, NULL);
  schedule (self, interval (self));
}

static gboolean
timeout_cb (gpointer user_data)
{
  DaNotifier *self = user_data;

  self->timeout_id = 0;
  check_and_reschedule (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (DaNotifier *self,
          guint       seconds)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (da_notifier_get_active (self))
    self->timeout_id = g_timeout_add_seconds (seconds, timeout_cb, self);
}

static void
stop (DaNotifier *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
on_settings_changed_cb (DaNotifier *self,
                        const char *key)
{
  if (g_strcmp0 (key, "notifications-enabled") == 0)
    {
      if (!notifications_enabled (self))
        stop (self);
      else if (self->timeout_id == 0)
        schedule (self, interval (self));
    }
  else if (g_strcmp0 (key, "refresh-interval") == 0 && self->timeout_id != 0)
    {
      schedule (self, interval (self));
    }
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
da_notifier_dispose (GObject *object)
{
  DaNotifier *self = (DaNotifier *)object;

  stop (self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (da_notifier_parent_class)->dispose (object);
}

static void
da_notifier_finalize (GObject *object)
{
  DaNotifier *self = (DaNotifier *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->remembered, g_strfreev);

  G_OBJECT_CLASS (da_notifier_parent_class)->finalize (object);
}

static void
da_notifier_class_init (DaNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = da_notifier_dispose;
  object_class->finalize = da_notifier_finalize;
}

static void
da_notifier_init (DaNotifier *self)
{
}

DaNotifier *
da_notifier_new (GApplication *application,
                 GSettings    *settings)
{
  DaNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DA_TYPE_NOTIFIER, NULL);
  self->application = application;
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  return self;
}

void
da_notifier_set_context (DaNotifier *self,
                         DaContext  *context)
{
  g_return_if_fail (DA_IS_NOTIFIER (self));
  g_return_if_fail (!context || DA_IS_CONTEXT (context));

  if (self->context == context)
    return;

  stop (self);
  g_set_object (&self->context, context);
  /* Not at once: the pages are loading the same data, and a person who just opened the window
   * sees the levels on the Organizations page. */
  schedule (self, interval (self));
}

DaContext *
da_notifier_get_context (DaNotifier *self)
{
  g_return_val_if_fail (DA_IS_NOTIFIER (self), NULL);

  return self->context;
}

guint
da_notifier_get_interval (DaNotifier *self)
{
  g_return_val_if_fail (DA_IS_NOTIFIER (self), DEFAULT_INTERVAL);

  return interval (self);
}

gboolean
da_notifier_run_scheduled (DaNotifier *self)
{
  g_return_val_if_fail (DA_IS_NOTIFIER (self), FALSE);

  if (self->timeout_id == 0)
    return FALSE;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  check_and_reschedule (self);
  return TRUE;
}

gboolean
da_notifier_get_active (DaNotifier *self)
{
  g_return_val_if_fail (DA_IS_NOTIFIER (self), FALSE);

  return self->context != NULL && notifications_enabled (self);
}

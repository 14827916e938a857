/* da-notifier.h: notifications when ACU limits are near or passed
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "da-context.h"

G_BEGIN_DECLS

/**
 * DaUsageAlert:
 * @DA_USAGE_ALERT_NONE: below the warning threshold, or no limit
 * @DA_USAGE_ALERT_WARNING: at or past the warning threshold ("acu-warning-threshold") of the
 *   limit, not past the limit
 * @DA_USAGE_ALERT_EXCEEDED: past the limit (more than 100 %)
 */
typedef enum
{
  DA_USAGE_ALERT_NONE,
  DA_USAGE_ALERT_WARNING,
  DA_USAGE_ALERT_EXCEEDED,
} DaUsageAlert;

/* Where @used ACUs stand against @limit (<= 0: no limit) with a warning at @threshold %. */
DaUsageAlert da_usage_alert_for (double used,
                                 gint64 limit,
                                 guint  threshold);

/**
 * DaNotifier:
 *
 * While it has a #DaContext and the "notifications-enabled" setting is on, checks every
 * "refresh-interval" seconds (the first time one interval after it gets the context) the ACUs used in the
 * current billing cycle against each organization's per-cycle limit, and against the
 * enterprise's own limit when the person set one ("enterprise-acu-limits": the v2 API documents
 * no enterprise-wide limit). It sends one #GNotification through the application when a use
 * crosses the warning threshold ("acu-warning-threshold" %) and another when it passes the
 * limit. Crossings already notified are remembered in "notified-crossings" by server, billing
 * cycle and limit, so a crossing is never notified twice, even across restarts; a new limit or a
 * new cycle can be notified again.
 *
 * An organization's notification opens it: its default action is "app.show-organization" with
 * the target (server, org_id); the enterprise's is "app.show-page" with (server, "consumption").
 * Notification IDs are per server and subject, so "passed" replaces "close to".
 *
 * The checks use their own requests (they do not disturb the pages' lists) and fail quietly: a
 * check that fails is tried again at the next interval. No GTK.
 */
#define DA_TYPE_NOTIFIER (da_notifier_get_type ())
G_DECLARE_FINAL_TYPE (DaNotifier, da_notifier, DA, NOTIFIER, GObject)

/* @application: (not owned, must outlive the notifier) where notifications are sent;
 * @settings: (nullable) without settings, the schema's defaults apply and nothing is
 * remembered between notifiers. */
DaNotifier  *da_notifier_new              (GApplication         *application,
                                           GSettings            *settings);

/* (nullable) The enterprise to watch; NULL stops the checks. */
void         da_notifier_set_context      (DaNotifier           *self,
                                           DaContext            *context);
DaContext   *da_notifier_get_context      (DaNotifier           *self);
/* TRUE while checks are scheduled: a context is set and notifications are enabled. */
gboolean     da_notifier_get_active       (DaNotifier           *self);

/* The seconds between two checks ("refresh-interval", at least 60). */
guint        da_notifier_get_interval     (DaNotifier           *self);
/* When a check is scheduled, runs it now (and schedules the next one a full interval later), as
 * the timer would; FALSE when none is scheduled. */
gboolean     da_notifier_run_scheduled    (DaNotifier           *self);

/* Runs one check now, whatever the schedule; finishes with the number of notifications sent. A
 * check under way is cancelled first. */
void         da_notifier_check_async      (DaNotifier           *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gssize       da_notifier_check_finish     (DaNotifier           *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS

/* da-audit-event-details.h: every field of one audit event
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "da-context.h"

G_BEGIN_DECLS

/**
 * DaAuditEventDetails:
 *
 * The side pane of the Audit Log page: the event's time, action, actor, organization and IDs,
 * and its `data` pretty-printed (secrets masked), with Copy (the whole event as JSON) and Close
 * (emits "close"). Widget names: "audit-details-copy", "audit-details-close",
 * "audit-details-data" (the data label).
 */
#define DA_TYPE_AUDIT_EVENT_DETAILS (da_audit_event_details_get_type ())
G_DECLARE_FINAL_TYPE (DaAuditEventDetails, da_audit_event_details, DA, AUDIT_EVENT_DETAILS,
                      GtkWidget)

GtkWidget    *da_audit_event_details_new        (void);
/* @event: (nullable); @context gives organization names */
void          da_audit_event_details_set_event  (DaAuditEventDetails *self,
                                                 DaAuditEvent        *event,
                                                 DaContext           *context);
/* (nullable) (transfer none) */
DaAuditEvent *da_audit_event_details_get_event  (DaAuditEventDetails *self);

G_END_DECLS

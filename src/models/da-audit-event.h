/* da-audit-event.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* An audit log entry. Documented: "audit_log_id", "action", "created_at", "user_id",
 * "user_email", "org_id", "data", "service_user_id", "service_user_name".
 * Older shape ("logs"): "id", "timestamp", "action", "actor" (an email). */
#define DA_TYPE_AUDIT_EVENT (da_audit_event_get_type ())
G_DECLARE_FINAL_TYPE (DaAuditEvent, da_audit_event, DA, AUDIT_EVENT, GObject)

DaAuditEvent *da_audit_event_new_from_json          (JsonObject    *object,
                                                     GError       **error);
const char   *da_audit_event_get_audit_log_id       (DaAuditEvent  *self);
/* nullable */
const char   *da_audit_event_get_action             (DaAuditEvent  *self);
gint64        da_audit_event_get_created_at         (DaAuditEvent  *self);
/* nullable */
const char   *da_audit_event_get_user_id            (DaAuditEvent  *self);
/* nullable */
const char   *da_audit_event_get_user_email         (DaAuditEvent  *self);
/* nullable */
const char   *da_audit_event_get_org_id             (DaAuditEvent  *self);
/* nullable */
const char   *da_audit_event_get_service_user_name  (DaAuditEvent  *self);
/* nullable: the "data" member as compact JSON text (kept as text to keep memory small) */
const char   *da_audit_event_get_data_json          (DaAuditEvent  *self);
/* nullable: "data" parsed again; (transfer full) */
JsonNode     *da_audit_event_dup_data               (DaAuditEvent  *self);

G_END_DECLS

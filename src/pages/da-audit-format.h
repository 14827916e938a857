/* da-audit-format.h: how audit events read, match filters and are written out
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-context.h"

G_BEGIN_DECLS

/* A readable label for a known action ("Created organization"), or @action itself. */
const char   *da_audit_action_label        (const char         *action);
/* The known actions, NULL-terminated, in the order a filter offers them. */
const char * const *da_audit_known_actions (void);

/* The event's "data" with secrets masked: members named like a secret (token, password, secret,
 * api_key, key) and strings shaped like an API key ("apk_…") become "••••••••".
 * (transfer full) (nullable): NULL when the event has no data */
JsonNode     *da_audit_dup_masked_data     (DaAuditEvent       *event);
/* A one-line summary of the masked data: "user_email: ana@example.com · role_id: org_admin".
 * (transfer full) (nullable) */
char         *da_audit_summarize_data      (DaAuditEvent       *event);
/* The masked data as indented JSON. (transfer full) (nullable) */
char         *da_audit_format_data_pretty  (DaAuditEvent       *event);
/* Who did it: the email, else the service user's name, else the user ID. (nullable) */
const char   *da_audit_actor               (DaAuditEvent       *event);

/**
 * DaAuditFilter:
 * @action: (nullable): exact action name
 * @actor: (nullable): part of the actor's email or name, any case
 * @org_id: (nullable): exact organization ID
 * @search: (nullable): words that must all appear (any case) in the event's ID, action, label,
 *   actor, organization (ID or name) or data
 *
 * The filters of the Audit Log page. They apply to loaded events: the v2 API filters the audit
 * log by time only.
 */
typedef struct
{
  char  *action;
  char  *actor;
  char  *org_id;
  char  *search;
} DaAuditFilter;

DaAuditFilter *da_audit_filter_new         (void);
DaAuditFilter *da_audit_filter_copy        (const DaAuditFilter *filter);
void           da_audit_filter_free        (DaAuditFilter      *filter);
/* TRUE when at least one filter is set */
gboolean       da_audit_filter_is_active   (const DaAuditFilter *filter);
/* @context: (nullable): to match organization names */
gboolean       da_audit_filter_match       (const DaAuditFilter *filter,
                                            DaAuditEvent       *event,
                                            DaContext          *context);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaAuditFilter, da_audit_filter_free)

/* CSV: the header row, then one row per event (RFC 4180, CRLF), data masked. */
void          da_audit_append_csv_header   (GString            *out);
void          da_audit_append_csv_row      (GString            *out,
                                            DaAuditEvent       *event,
                                            DaContext          *context);
/* JSON Lines: one object per line with the event's fields, data masked. */
void          da_audit_append_json_line    (GString            *out,
                                            DaAuditEvent       *event,
                                            DaContext          *context);
/* The whole event as indented JSON (for Copy), data masked. (transfer full) */
char         *da_audit_format_event_json   (DaAuditEvent       *event,
                                            DaContext          *context);

/* ASCII and Unicode case-insensitive "contains"; @needle_folded from g_utf8_casefold(). */
gboolean      da_audit_text_contains       (const char         *haystack,
                                            const char         *needle_folded);

G_END_DECLS

/* da-audit-log-page.h: what happened in the enterprise
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaAuditLogPage:
 *
 * The enterprise's audit log, newest first, in a GtkColumnView that loads older pages (the API's
 * `before` cursor) as the reader nears the end. The date range goes to the server; the action,
 * actor and organization filters and the search narrow the events loaded so far, and while one
 * is on the page keeps loading until the list fills. Selecting an event shows all its fields.
 * Live polls for newer events and puts them above without moving the rows in view, with an
 * "N new events" button to go to them. Export writes the range and filters to CSV or JSON Lines.
 *
 * Widget names: "audit-column-view", "audit-search-entry", "audit-filter-button",
 * "audit-action-dropdown", "audit-actor-entry", "audit-org-dropdown", "audit-clear-filters",
 * "audit-filter-note", "audit-live-button", "audit-new-events-button", "audit-export-button";
 * the export progress dialog "audit-export-dialog". The time label of each row carries the
 * row's DaAuditEvent as object data "da-audit-event" (for tests and tools).
 */
#define DA_TYPE_AUDIT_LOG_PAGE (da_audit_log_page_get_type ())
G_DECLARE_FINAL_TYPE (DaAuditLogPage, da_audit_log_page, DA, AUDIT_LOG_PAGE, GtkWidget)

GtkWidget *da_audit_log_page_new               (DaContext      *context);

/* The range the list was asked for (DA_TIME_UNSET for open ends). */
void       da_audit_log_page_get_range         (DaAuditLogPage *self,
                                                gint64         *since,
                                                gint64         *until);
/* TRUE once every event of the range is loaded. */
gboolean   da_audit_log_page_get_complete      (DaAuditLogPage *self);
/* How often Live asks for newer events; default 10 s. */
void       da_audit_log_page_set_poll_interval (DaAuditLogPage *self,
                                                guint           interval_ms);

G_END_DECLS

/* da-sessions-page.h: what Devin did
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaSessionsPage:
 *
 * The enterprise's sessions with their insights (`/sessions/insights`), newest first, loading
 * page by page as the reader scrolls: title, organization, creator, status, ACUs, created, and
 * the states of their pull requests. The organization, the creator (by email) and the created
 * dates go to the server; the status narrows what is loaded, and while it is on the page keeps
 * loading until the list fills. Sorting by a column loads every session of the filters first.
 * Selecting a session shows its details (DaSessionDetails).
 *
 * Widget names: "sessions-column-view", "sessions-org-dropdown", "sessions-user-entry",
 * "sessions-user-error", "sessions-status-dropdown", "sessions-filter-note". The title label of
 * each row carries the row's DaSession as object data "da-session".
 */
#define DA_TYPE_SESSIONS_PAGE (da_sessions_page_get_type ())
G_DECLARE_FINAL_TYPE (DaSessionsPage, da_sessions_page, DA, SESSIONS_PAGE, GtkWidget)

GtkWidget      *da_sessions_page_new         (DaContext      *context);

/* (transfer full): the query the list was asked for */
DaSessionQuery *da_sessions_page_dup_query   (DaSessionsPage *self);
/* TRUE once every session of the query is loaded. */
gboolean        da_sessions_page_get_complete (DaSessionsPage *self);

G_END_DECLS

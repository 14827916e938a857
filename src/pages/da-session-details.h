/* da-session-details.h: one Devin session, its first message, its analysis and its pull requests
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "da-context.h"

G_BEGIN_DECLS

/**
 * DaSessionDetails:
 *
 * The side pane of the Sessions page: the session's title, status, organization, creator, ACUs
 * and times; the initial message; the analysis (the suggested prompt with its feedback items,
 * the issues, the action items and the timeline); the pull requests, each a link; and Open in
 * Browser for the session's URL. Links open with gtk_show_uri_full() through the widget action
 * "details.open-uri" (a string: the URL); a failure is said in a toast.
 *
 * Widget names: "session-details-open" (Open in Browser), "session-details-close",
 * "session-details-message", "session-details-suggested-prompt", "session-details-prs" (the list
 * of pull requests), "session-details-analysis" (the box of the analysis).
 */
#define DA_TYPE_SESSION_DETAILS (da_session_details_get_type ())
G_DECLARE_FINAL_TYPE (DaSessionDetails, da_session_details, DA, SESSION_DETAILS, GtkWidget)

GtkWidget  *da_session_details_new          (void);
/* @session: (nullable); @creator: (nullable) the creator's email when known */
void        da_session_details_set_session  (DaSessionDetails *self,
                                             DaSession        *session,
                                             DaContext        *context,
                                             const char       *creator);
/* (nullable) (transfer none) */
DaSession  *da_session_details_get_session  (DaSessionDetails *self);
/* Updates the creator once their email is known. */
void        da_session_details_set_creator  (DaSessionDetails *self,
                                             const char       *creator);

/* A readable status ("Running", "Finished"), or @status itself when unknown. */
const char *da_session_status_label         (const char       *status);
/* A style class for the status ("accent", "success", "error", "warning"), or NULL. */
const char *da_session_status_style         (const char       *status);
/* The known statuses, NULL-terminated, in the order a filter offers them. */
const char * const *da_session_known_statuses (void);
/* "merged · open": the states of the pull requests, or NULL when there is none. (transfer full) */
char       *da_session_format_pr_states     (DaSession        *session);

G_END_DECLS

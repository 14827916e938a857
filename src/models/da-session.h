/* da-session.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* A Devin session (SessionResponse), with insights when the list came from
 * /sessions/insights. Older shape ("sessions"): "id" for "session_id", "insight" for
 * "session_analysis". */
typedef struct
{
  char *url;
  char *state;   /* nullable: "open", "merged", "closed", … */
} DaPullRequest;

#define DA_TYPE_SESSION (da_session_get_type ())
G_DECLARE_FINAL_TYPE (DaSession, da_session, DA, SESSION, GObject)

DaSession          *da_session_new_from_json             (JsonObject  *object,
                                                          GError     **error);
const char         *da_session_get_session_id            (DaSession   *self);
/* nullable in the older shape */
const char         *da_session_get_org_id                (DaSession   *self);
/* nullable */
const char         *da_session_get_user_id               (DaSession   *self);
/* nullable */
const char         *da_session_get_title                 (DaSession   *self);
/* nullable: "new", "claimed", "running", "exit", "error", "suspended", "resuming", … */
const char         *da_session_get_status                (DaSession   *self);
/* never NULL; may be empty */
const char * const *da_session_get_tags                  (DaSession   *self);
/* nullable */
const char         *da_session_get_url                   (DaSession   *self);
double              da_session_get_acus_consumed         (DaSession   *self);
const DaPullRequest *da_session_get_pull_requests        (DaSession   *self,
                                                          guint       *n_pull_requests);
gint64              da_session_get_created_at            (DaSession   *self);
gint64              da_session_get_updated_at            (DaSession   *self);
/* nullable */
const char         *da_session_get_initial_user_message  (DaSession   *self);
/* nullable: the analysis object ("session_analysis", or the older "insight"); (transfer none).
 * Read it with the helpers of da-session-analysis.h. */
JsonObject         *da_session_get_analysis              (DaSession   *self);

G_END_DECLS

/* da-session-analysis.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* Reading a session analysis object (SessionInsightsAnalysis) without trusting its shape.
 * Every function tolerates missing members and wrong types and returns NULL/0 then. */
typedef struct
{
  const char *issue_id;
  const char *summary;
  const char *details;
  const char *excerpt;
} DaFeedbackItem;

/* nullable */
const char *da_session_analysis_get_original_prompt  (JsonObject *analysis);
/* nullable */
const char *da_session_analysis_get_suggested_prompt (JsonObject *analysis);
/* (transfer container): DaFeedbackItem* whose strings belong to @analysis */
GPtrArray  *da_session_analysis_get_feedback_items   (JsonObject *analysis);
/* For "issues", "action_items" and "timeline": one readable line per item, whatever the item's
 * shape (a string; an object with "summary", "title", "description", "text" or "message"; else the
 * compact JSON). (transfer full) */
GStrv       da_session_analysis_dup_lines            (JsonObject *analysis,
                                                      const char *member_name);

G_END_DECLS

/* da-invite-result.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* The answer to POST /members/invite: {"status", "invited_count",
 * "invitee_user_id_to_email"}. Older shape: {"invited": ["email", …]}. */
#define DA_TYPE_INVITE_RESULT (da_invite_result_get_type ())
G_DECLARE_FINAL_TYPE (DaInviteResult, da_invite_result, DA, INVITE_RESULT, GObject)

DaInviteResult     *da_invite_result_new_from_json      (JsonObject      *object,
                                                         GError         **error);
gint64              da_invite_result_get_invited_count  (DaInviteResult  *self);
/* The emails that were newly invited, in the order given. (transfer none) */
const char * const *da_invite_result_get_invited_emails (DaInviteResult  *self);
/* nullable: the user id of an invited email */
const char         *da_invite_result_lookup_user_id     (DaInviteResult  *self,
                                                         const char      *email);

G_END_DECLS

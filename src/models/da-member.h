/* da-member.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* An enterprise member (EnterpriseUserResponse). Older shape: "role" for "enterprise_role". */
#define DA_TYPE_MEMBER (da_member_get_type ())
G_DECLARE_FINAL_TYPE (DaMember, da_member, DA, MEMBER, GObject)

DaMember    *da_member_new_from_json                (JsonObject  *object,
                                                     GError     **error);
const char  *da_member_get_user_id                  (DaMember    *self);
const char  *da_member_get_email                    (DaMember    *self);
const char  *da_member_get_name                     (DaMember    *self);
const char  *da_member_get_enterprise_role          (DaMember    *self);
gint64       da_member_get_created_at               (DaMember    *self);
/* DA_TIME_UNSET when the member never logged in */
gint64       da_member_get_last_login               (DaMember    *self);
/* DA_UNSET when null */
gint64       da_member_get_login_count              (DaMember    *self);
const char  *da_member_get_saml_id                  (DaMember    *self);
gint64       da_member_get_sessions_created_count   (DaMember    *self);
gint64       da_member_get_searches_created_count   (DaMember    *self);

/* What lists search and sort by (see da-member.c) */
char        *da_member_fold_for_search              (const char  *text);
const char  *da_member_get_search_text              (DaMember    *self);
const char  *da_member_get_name_key                 (DaMember    *self);
const char  *da_member_get_email_key                (DaMember    *self);

G_END_DECLS

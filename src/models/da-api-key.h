/* da-api-key.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* An API key of the enterprise (ApiKeyResponse). */
#define DA_TYPE_API_KEY (da_api_key_get_type ())
G_DECLARE_FINAL_TYPE (DaApiKey, da_api_key, DA, API_KEY, GObject)

DaApiKey    *da_api_key_new_from_json      (JsonObject  *object,
                                            GError     **error);
const char  *da_api_key_get_id             (DaApiKey    *self);
const char  *da_api_key_get_org_id         (DaApiKey    *self);
const char  *da_api_key_get_org_name       (DaApiKey    *self);
/* nullable (service keys) */
const char  *da_api_key_get_user_id        (DaApiKey    *self);
/* nullable (service keys) */
const char  *da_api_key_get_user_email     (DaApiKey    *self);
gboolean     da_api_key_get_is_service_key (DaApiKey    *self);
gint64       da_api_key_get_created_at     (DaApiKey    *self);

G_END_DECLS

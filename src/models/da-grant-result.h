/* da-grant-result.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* The answer to POST /organizations/{org_id}/git/permissions: {"status", "permission_ids",
 * "permission_names"}. The older answer is only {"status": "success"}: then the lists are empty. */
#define DA_TYPE_GRANT_RESULT (da_grant_result_get_type ())
G_DECLARE_FINAL_TYPE (DaGrantResult, da_grant_result, DA, GRANT_RESULT, GObject)

DaGrantResult      *da_grant_result_new_from_json        (JsonObject     *object,
                                                          GError        **error);
/* In request order. (transfer none) */
const char * const *da_grant_result_get_permission_ids   (DaGrantResult  *self);
/* nullable */
const char         *da_grant_result_lookup_name          (DaGrantResult  *self,
                                                          const char     *permission_id);

G_END_DECLS

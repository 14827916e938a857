/* da-git-connection.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* A git connection an organization may use (GitConnectionResponse). */
#define DA_TYPE_GIT_CONNECTION (da_git_connection_get_type ())
G_DECLARE_FINAL_TYPE (DaGitConnection, da_git_connection, DA, GIT_CONNECTION, GObject)

DaGitConnection *da_git_connection_new_from_json        (JsonObject       *object,
                                                         GError          **error);
const char      *da_git_connection_get_connection_id    (DaGitConnection  *self);
const char      *da_git_connection_get_name             (DaGitConnection  *self);
const char      *da_git_connection_get_host             (DaGitConnection  *self);
/* e.g. "github_app", "gitlab_token"; may be an unknown string */
const char      *da_git_connection_get_connection_type  (DaGitConnection  *self);
gint64           da_git_connection_get_created_at       (DaGitConnection  *self);

G_END_DECLS

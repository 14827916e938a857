/* da-git-permission.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* A repository or group permission of an organization (GitPermissionResponse). */
#define DA_TYPE_GIT_PERMISSION (da_git_permission_get_type ())
G_DECLARE_FINAL_TYPE (DaGitPermission, da_git_permission, DA, GIT_PERMISSION, GObject)

DaGitPermission *da_git_permission_new_from_json     (JsonObject       *object,
                                                      GError          **error);
const char      *da_git_permission_get_permission_id (DaGitPermission  *self);
const char      *da_git_permission_get_host          (DaGitPermission  *self);
/* nullable: "owner/repo" for a repository permission */
const char      *da_git_permission_get_repo_path     (DaGitPermission  *self);
/* nullable: "group" or "group/subgroup" for a group permission */
const char      *da_git_permission_get_group_prefix  (DaGitPermission  *self);
/* nullable */
const char      *da_git_permission_get_prefix_path   (DaGitPermission  *self);
gboolean         da_git_permission_is_group          (DaGitPermission  *self);
/* the repo path, else the group prefix, else the prefix path */
const char      *da_git_permission_get_display_path  (DaGitPermission  *self);

G_END_DECLS

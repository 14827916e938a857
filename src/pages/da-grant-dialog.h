/* da-grant-dialog.h: giving an organization access to repositories
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "da-context.h"

G_BEGIN_DECLS

/**
 * DaGrantDialog:
 *
 * Grants one organization git permissions: pick one of its git connections, then type
 * repositories (owner/repo, a repository's address) and group prefixes ("acme/" + "*"), one a line.
 * Each line is checked as it is typed and marked in place (with the reason listed under the
 * text): a line that is not a repository or group, a repeated line, or an address on another
 * host than the connection's. Nothing is sent while a line is wrong. Grant (Ctrl+Enter) sends
 * the documented body — one entry per line with `repo_path` or `group_prefix` segments — in one
 * request; while it runs the button is disabled. A refusal (400/422) shows next to the
 * connection or the lines when the server names one, else above the form; the text typed stays.
 * On success the dialog lists the permissions the server created and emits "granted".
 *
 * Widget names for tests: "grant-connection-row", "grant-lines-view", "grant-send-button",
 * "grant-message-label", "grant-connection-error", "grant-lines-error", "grant-summary-label",
 * "grant-check-list" (rows named "grant-line-ok" or "grant-line-invalid"), "grant-result-list",
 * "grant-done-button".
 *
 * Signal "granted" (DaGrantResult *result): after the server created the permissions.
 */
#define DA_TYPE_GRANT_DIALOG (da_grant_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DaGrantDialog, da_grant_dialog, DA, GRANT_DIALOG, AdwWindow)

/* @connections: the organization's DaGitConnection items. */
DaGrantDialog *da_grant_dialog_new              (DaContext     *context,
                                                 const char    *org_id,
                                                 const char    *org_name,
                                                 GListModel    *connections);

/* The connection picked; (nullable) (transfer none) */
const char    *da_grant_dialog_get_connection_id (DaGrantDialog *self);
/* Picks the connection with that ID; FALSE when the organization has none such. */
gboolean       da_grant_dialog_set_connection_id (DaGrantDialog *self,
                                                  const char    *connection_id);

/* How many lines are ready to send, and how many must be fixed first. */
guint          da_grant_dialog_get_n_valid      (DaGrantDialog *self);
guint          da_grant_dialog_get_n_invalid    (DaGrantDialog *self);
/* A request is under way. */
gboolean       da_grant_dialog_get_sending      (DaGrantDialog *self);

G_END_DECLS

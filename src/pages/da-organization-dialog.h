/* da-organization-dialog.h: creating an organization, or renaming it and changing its limit
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "da-context.h"

G_BEGIN_DECLS

/**
 * DaOrganizationDialog:
 *
 * A modal window with the organization's name (required, trimmed, not the name of another
 * organization, compared case-insensitively) and its ACU limit per billing cycle (a positive
 * whole number, or empty for no limit). Without an organization it creates one
 * (`POST /organizations`); with one it renames it and sets, changes or clears its limit
 * (`PATCH /organizations/{id}`, only what changed).
 *
 * What is typed is checked before sending and explained next to its field; the server's 400/422
 * is shown in its own words next to the field it names, else above the form. The button is
 * insensitive while a request is under way and the window stays open, with what was typed, on
 * any failure.
 *
 * Signals:
 *   "saved" (const char *org_id, const char *name): the server accepted; the window closes.
 *   "organization-gone" (): the organization being edited no longer exists (404); the window
 *     closes and the caller says so and refreshes.
 *
 * Widget names: "organization-name-row", "organization-limit-row", "organization-save-button",
 * "organization-name-error", "organization-limit-error", "organization-dialog-error".
 */
#define DA_TYPE_ORGANIZATION_DIALOG (da_organization_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DaOrganizationDialog, da_organization_dialog, DA, ORGANIZATION_DIALOG,
                      AdwWindow)

/* @organization: (nullable): the organization to edit, NULL to create one */
GtkWidget      *da_organization_dialog_new              (DaContext            *context,
                                                         DaOrganization       *organization);
/* (nullable) (transfer none) */
DaOrganization *da_organization_dialog_get_organization (DaOrganizationDialog *self);
/* Whether a request is under way. */
gboolean        da_organization_dialog_get_busy         (DaOrganizationDialog *self);

G_END_DECLS

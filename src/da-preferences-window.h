/* da-preferences-window.h
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * DaPreferencesWindow:
 *
 * Edits the settings a person should edit: the server's address, which is checked (https, or
 * plain http only on this computer) before it is saved and used at the next sign-in; the usage
 * alerts (notifications on or off, the warning threshold in percent, the minutes between two
 * checks, an enterprise-wide limit for the enterprise shown, keeping on checking in the
 * background). Given its #DaApplication with gtk_window_set_application (), it lists the accounts
 * too: rename, remove (after asking), add.
 */
#define DA_TYPE_PREFERENCES_WINDOW (da_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (DaPreferencesWindow, da_preferences_window, DA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *da_preferences_window_new (GSettings   *settings,
                                      SoupSession *session);

G_END_DECLS

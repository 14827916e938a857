/* da-window.h: the main window
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "da-application.h"
#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaWindow:
 *
 * Follows the application's sign-in state: a spinner while starting, the key entry
 * (#DaWelcomePage) when a key is needed, and, once signed in, a sidebar of pages (from the one
 * table in da-pages.c) beside the visible page, folding to one column with a back button on
 * narrow windows. A page is created when it is first needed, not at sign-in. The header has
 * Refresh and the primary menu; transient messages are toasts, never stacked twice.
 *
 * Actions: win.refresh (Ctrl+R, F5), win.show-page(s) (Alt+1 … Alt+8 in the sidebar's order),
 * win.show-toast(s), win.sign-out, win.focus-search (Ctrl+F), win.new (Ctrl+N), win.export
 * (Ctrl+E); the shortcuts are set by the application. The primary menu lists the accounts
 * (app.account, a radio item each) and "Add Account…"; while an account is being added, the key
 * entry's header has Cancel.
 */
#define DA_TYPE_WINDOW (da_window_get_type ())
G_DECLARE_FINAL_TYPE (DaWindow, da_window, DA, WINDOW, AdwApplicationWindow)

DaWindow   *da_window_new                (DaApplication *application);

/* Shows @title as a toast unless a toast with the same title is already shown. */
void        da_window_add_toast          (DaWindow      *self,
                                          const char    *title);
/* FALSE when no page has that ID (or the window is not signed in). */
gboolean    da_window_show_page          (DaWindow      *self,
                                          const char    *page_id);
/* (nullable) */
DaPage     *da_window_get_visible_page   (DaWindow      *self);
const char *da_window_get_visible_page_id (DaWindow     *self);
/* Shows the Organizations page with the organization @org_id selected; when the page has not
 * loaded it yet, once it has (a toast says so when it is not there any more). */
void        da_window_show_organization  (DaWindow      *self,
                                          const char    *org_id);
/* (nullable) the page with that ID, created on first use (the window creates a page only when
 * it is first shown or asked for); NULL for an unknown ID, or before signing in. */
DaPage     *da_window_get_page           (DaWindow      *self,
                                          const char    *page_id);

G_END_DECLS

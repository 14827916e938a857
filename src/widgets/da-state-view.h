/* da-state-view.h: content, loading, empty, error or forbidden — the states of a page
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  DA_STATE_VIEW_CONTENT,
  DA_STATE_VIEW_LOADING,
  DA_STATE_VIEW_EMPTY,
  DA_STATE_VIEW_ERROR,
  DA_STATE_VIEW_FORBIDDEN,
} DaStateViewState;

#define DA_TYPE_STATE_VIEW_STATE (da_state_view_state_get_type ())
GType da_state_view_state_get_type (void);

/**
 * DaStateView:
 *
 * Shows one of a page's states in the same place and the same way on every page: its content;
 * a spinner in place while the first load runs; an empty status page ("No Members"); an error
 * status page with the error's title and message and a Retry button; or, for a 403, a notice
 * that this needs an Enterprise Admin key (with Retry too).
 *
 * Properties: "content" (the page's own widget), "state", "empty-icon-name", "empty-title",
 * "empty-description", "loading-label". Signal "retry" when Retry is pressed.
 */
#define DA_TYPE_STATE_VIEW (da_state_view_get_type ())
G_DECLARE_FINAL_TYPE (DaStateView, da_state_view, DA, STATE_VIEW, GtkWidget)

GtkWidget        *da_state_view_new                 (void);

GtkWidget        *da_state_view_get_content         (DaStateView   *self);
void              da_state_view_set_content         (DaStateView   *self,
                                                     GtkWidget     *content);
DaStateViewState  da_state_view_get_state           (DaStateView   *self);

void              da_state_view_show_content        (DaStateView   *self);
/* The spinner in place; but when a reload of the content shown failed (see below), the content
 * stays while the page tries again. */
void              da_state_view_show_loading        (DaStateView   *self);
void              da_state_view_show_empty          (DaStateView   *self);
/* ERROR, or FORBIDDEN for a 403, with da_state_view_error_title() and the error's message. When
 * the content is on screen (a page reloading what it shows keeps it meanwhile), it stays and the
 * state stays CONTENT: the error and Retry show above it (a DaListFooter named
 * "state-view-stale"), until the next show_*(). */
void              da_state_view_show_error          (DaStateView   *self,
                                                     const GError  *error);

void              da_state_view_set_empty_icon_name (DaStateView   *self,
                                                     const char    *icon_name);
void              da_state_view_set_empty_title     (DaStateView   *self,
                                                     const char    *title);
void              da_state_view_set_empty_description (DaStateView *self,
                                                     const char    *description);
void              da_state_view_set_loading_label   (DaStateView   *self,
                                                     const char    *label);

/* A short title for an error shown in place of content ("Could Not Reach the Server"); the
 * error's message is the description. */
const char       *da_state_view_error_title         (const GError  *error);

G_END_DECLS

/* da-first-frame.h: report the first frame that shows a list with rows (start-up timing)
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The environment variable that asks for the report. */
#define DA_FIRST_FRAME_ENV "DA_REPORT_FIRST_FRAME"

/*
 * When the environment has DA_REPORT_FIRST_FRAME (any value), writes one line to standard
 * error after the first frame painted while @widget is mapped, @model has items and no stack
 * around @widget is in a transition (a frame in the middle of a fade shows the rows half drawn):
 *
 *   first-frame <CLOCK_MONOTONIC in microseconds>
 *
 * then stops watching. It is how the start-up benchmark (bench/) learns when the populated
 * Members page is on screen. Without the variable it does nothing and keeps nothing.
 */
void     da_first_frame_report_when (GtkWidget  *widget,
                                     GListModel *model);

/* Whether the report was asked for (the variable, read once). */
gboolean da_first_frame_wanted      (void);

G_END_DECLS

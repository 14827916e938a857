/* da-format.h: how times, counts and ACUs read in the app
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", "12 March",
 * "12 March 2024" (another year), and "in 5 minutes" for future times. @when and @now are Unix
 * seconds; DA_TIME_UNSET (G_MININT64) gives NULL. (transfer full) */
char  *da_format_relative_time  (gint64      when,
                                 gint64      now);
/* The exact local time, e.g. "Tuesday, 12 March 2025, 14:03:22 CET". (transfer full) */
char  *da_format_exact_time     (gint64      when);
/* A local date, e.g. "12 Mar 2025". (transfer full) */
char  *da_format_date           (gint64      when);
/* A UTC date as the API writes it, "2025-03-12". (transfer full) */
char  *da_format_iso_date       (gint64      when);
/* "2025-03-12T14:03:22Z", for exports. (transfer full) */
char  *da_format_iso_timestamp  (gint64      when);
/* A count with the locale's digit grouping: "12,345". (transfer full) */
char  *da_format_count          (gint64      count);
/* ACUs with digit grouping and at most one decimal: "1,234.5", "80". (transfer full) */
char  *da_format_acus           (double      acus);
/* The text an avatar takes its initials and colour from, for a person's @name: "Doe, Jane" (a
 * directory's "family, given" order) reads as "Jane Doe", so that the initials are JD; a common
 * title or suffix after a comma is left out ("Jane Doe, PhD" reads as "Jane Doe"); any other
 * name as it is. NULL for NULL. (transfer full) */
char  *da_format_avatar_text    (const char *name);
/* Unix seconds now (g_get_real_time () / G_USEC_PER_SEC) */
gint64 da_now                   (void);

G_END_DECLS

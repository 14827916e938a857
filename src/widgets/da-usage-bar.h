/* da-usage-bar.h: ACUs used against a limit, as a level bar
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * DaUsageLevel:
 * @DA_USAGE_LEVEL_UNKNOWN: the use is not known (not loaded, or the server did not say)
 * @DA_USAGE_LEVEL_NO_LIMIT: there is no limit: the use is shown as a number, without a bar
 * @DA_USAGE_LEVEL_NORMAL: below 80 % of the limit
 * @DA_USAGE_LEVEL_WARNING: from 80 % of the limit up to the limit itself
 * @DA_USAGE_LEVEL_ERROR: over the limit
 */
typedef enum
{
  DA_USAGE_LEVEL_UNKNOWN,
  DA_USAGE_LEVEL_NO_LIMIT,
  DA_USAGE_LEVEL_NORMAL,
  DA_USAGE_LEVEL_WARNING,
  DA_USAGE_LEVEL_ERROR,
} DaUsageLevel;

#define DA_TYPE_USAGE_LEVEL (da_usage_level_get_type ())
GType da_usage_level_get_type (void);

/* The share of the limit from which the bar warns. */
#define DA_USAGE_WARNING_FRACTION 0.8

/**
 * DaUsageBar:
 *
 * ACUs used against a limit (an organization's per-cycle limit, say): a GtkLevelBar and a label
 * ("450.3 · 90 %"). The bar takes the warning colour from 80 % of the limit and the error colour
 * over it (the label too, so the colour is not the only sign); over the limit the bar is full.
 * Without a limit only the number shows; when the use is unknown, a dash. A screen reader reads
 * the whole sentence ("450.3 of 500 ACUs used, 90 %").
 *
 * Properties: "used" (double, ACUs; negative for unknown), "limit" (gint64, negative for no
 * limit), "level" (DaUsageLevel, read-only), "text" (read-only, the label's text).
 */
#define DA_TYPE_USAGE_BAR (da_usage_bar_get_type ())
G_DECLARE_FINAL_TYPE (DaUsageBar, da_usage_bar, DA, USAGE_BAR, GtkWidget)

GtkWidget    *da_usage_bar_new          (void);

/* Sets both at once (one update, one notification each). @used < 0: unknown; @limit < 0: no
 * limit. */
void          da_usage_bar_set_usage    (DaUsageBar *self,
                                         double      used,
                                         gint64      limit);
double        da_usage_bar_get_used     (DaUsageBar *self);
void          da_usage_bar_set_used     (DaUsageBar *self,
                                         double      used);
gint64        da_usage_bar_get_limit    (DaUsageBar *self);
void          da_usage_bar_set_limit    (DaUsageBar *self,
                                         gint64      limit);
DaUsageLevel  da_usage_bar_get_level    (DaUsageBar *self);
/* The label's text: "450.3 · 90 %", "12.5" (no limit), "—" (unknown). */
const char   *da_usage_bar_get_text     (DaUsageBar *self);

/* What the bar would show for @used of @limit, without a widget. */
DaUsageLevel  da_usage_level_for        (double      used,
                                         gint64      limit);

G_END_DECLS

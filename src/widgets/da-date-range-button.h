/* da-date-range-button.h: choosing a range of days
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  DA_DATE_RANGE_ALL,           /* no bounds */
  DA_DATE_RANGE_TODAY,         /* since local midnight */
  DA_DATE_RANGE_LAST_7_DAYS,   /* the last 7 × 24 hours */
  DA_DATE_RANGE_LAST_30_DAYS,  /* the last 30 × 24 hours */
  DA_DATE_RANGE_CUSTOM,        /* from one local day to another, both included */
} DaDateRange;

/**
 * DaDateRangeButton:
 *
 * A menu button that shows the chosen range ("Last 7 Days", "3 Jul – 10 Jul 2025") and opens a
 * popover with the presets and, for a custom range, two calendars (no date row in libadwaita
 * 1.2). Emits "changed" when a person picks a range.
 *
 * Widget names for tests and tools: the preset buttons "range-all", "range-today",
 * "range-7-days", "range-30-days"; the calendars "range-from-calendar" and
 * "range-to-calendar"; the custom range's Apply button "range-apply".
 */
#define DA_TYPE_DATE_RANGE_BUTTON (da_date_range_button_get_type ())
G_DECLARE_FINAL_TYPE (DaDateRangeButton, da_date_range_button, DA, DATE_RANGE_BUTTON, GtkWidget)

GtkWidget    *da_date_range_button_new          (void);
DaDateRange   da_date_range_button_get_range    (DaDateRangeButton *self);
/* Sets a preset (not DA_DATE_RANGE_CUSTOM); does not emit "changed". */
void          da_date_range_button_set_preset   (DaDateRangeButton *self,
                                                 DaDateRange        range);
/* A custom range of local days, @first to @last included; does not emit "changed". */
void          da_date_range_button_set_custom   (DaDateRangeButton *self,
                                                 GDateTime         *first,
                                                 GDateTime         *last);
/* The "all" preset's label ("All Time", "Any Time"). */
void          da_date_range_button_set_all_label (DaDateRangeButton *self,
                                                 const char        *label);

/* The range as Unix seconds, computed now for the relative presets: @since is the first second
 * in the range, @until the first second after it; DA_TIME_UNSET (G_MININT64) for an open end.
 * A custom range that ends today or later is open at its end. */
void          da_date_range_button_get_bounds   (DaDateRangeButton *self,
                                                 gint64            *since,
                                                 gint64            *until);

G_END_DECLS

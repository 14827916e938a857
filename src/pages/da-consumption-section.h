/* da-consumption-section.h: one chart of the Consumption page, with its table and picture
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "da-chart.h"

G_BEGIN_DECLS

/**
 * DaConsumptionSection:
 *
 * A heading, a row of controls of the page's own, and a chart in a card. The "Show as Table"
 * toggle (widget name "show-table-button") puts the chart's numbers in a GtkColumnView instead,
 * rebuilt whenever the chart changes; the "Save as Image" button ("save-image-button") emits
 * "save-image" (it is insensitive while the table is shown, or the chart is empty).
 *
 * Properties: "title", "show-table".
 */
#define DA_TYPE_CONSUMPTION_SECTION (da_consumption_section_get_type ())
G_DECLARE_FINAL_TYPE (DaConsumptionSection, da_consumption_section, DA, CONSUMPTION_SECTION,
                      GtkWidget)

GtkWidget   *da_consumption_section_new            (void);
DaChart     *da_consumption_section_get_chart      (DaConsumptionSection *self);
const char  *da_consumption_section_get_title      (DaConsumptionSection *self);
void         da_consumption_section_set_title      (DaConsumptionSection *self,
                                                    const char           *title);
gboolean     da_consumption_section_get_show_table (DaConsumptionSection *self);
void         da_consumption_section_set_show_table (DaConsumptionSection *self,
                                                    gboolean              show_table);
/* Appends @control to the row under the heading (a check button, a drop-down). */
void         da_consumption_section_add_control    (DaConsumptionSection *self,
                                                    GtkWidget            *control);
/* The table shown now, NULL while the chart is. (transfer none) */
GtkWidget   *da_consumption_section_get_table      (DaConsumptionSection *self);

G_END_DECLS

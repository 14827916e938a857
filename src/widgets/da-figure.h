/* da-figure.h: one figure of a summary, a link to where it comes from
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * DaFigure:
 *
 * A card with a caption ("Members"), a large value ("1,000") and an optional detail line
 * ("412 merged"). When "page-id" is set and "linked" is TRUE the card is a button that activates
 * `win.show-page(page-id)`; otherwise it is plain text, so a figure whose page is not built is
 * not a dead link. The button's accessible label reads caption and value together.
 */
#define DA_TYPE_FIGURE (da_figure_get_type ())
G_DECLARE_FINAL_TYPE (DaFigure, da_figure, DA, FIGURE, GtkWidget)

GtkWidget  *da_figure_new            (void);

const char *da_figure_get_caption    (DaFigure   *self);
void        da_figure_set_caption    (DaFigure   *self,
                                      const char *caption);
const char *da_figure_get_value      (DaFigure   *self);
void        da_figure_set_value      (DaFigure   *self,
                                      const char *value);
const char *da_figure_get_detail     (DaFigure   *self);
void        da_figure_set_detail     (DaFigure   *self,
                                      const char *detail);
const char *da_figure_get_icon_name  (DaFigure   *self);
void        da_figure_set_icon_name  (DaFigure   *self,
                                      const char *icon_name);
const char *da_figure_get_page_id    (DaFigure   *self);
void        da_figure_set_page_id    (DaFigure   *self,
                                      const char *page_id);
gboolean    da_figure_get_linked     (DaFigure   *self);
void        da_figure_set_linked     (DaFigure   *self,
                                      gboolean    linked);

G_END_DECLS

/* da-menu-button.h: a menu button whose menu is made when it is first opened
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Gives @button the menu of @model, made when the button is first opened (a click, its
 * mnemonic, F10 for a primary menu) rather than now: GtkMenuButton makes the whole popover of
 * a menu model, a widget per item with its accelerator's label, as the model is set, and the
 * window's menus are opened in few of the app's starts. Until then the button is a menu button
 * as any other: sensitive, and a menu button to a screen reader.
 */
void        da_menu_button_set_menu_model_later (GtkMenuButton *button,
                                                 GMenuModel    *model);

/* The menu @button opens, made yet or not. (transfer none) */
GMenuModel *da_menu_button_get_menu             (GtkMenuButton *button);

G_END_DECLS

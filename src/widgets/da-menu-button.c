/* da-menu-button.c: a menu button whose menu is made when it is first opened
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-menu-button.h"

#define MODEL_KEY "da-menu-button-model"

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GMenuModel *model;

  /* Called at each opening: the menu is made at the first. */
  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  model = g_object_get_data (G_OBJECT (button), MODEL_KEY);
  gtk_menu_button_set_menu_model (button, model);
}

void
da_menu_button_set_menu_model_later (GtkMenuButton *button,
                                     GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  g_object_set_data_full (G_OBJECT (button), MODEL_KEY, g_object_ref (model), g_object_unref);
  gtk_menu_button_set_create_popup_func (button, create_popup_cb, NULL, NULL);
}

GMenuModel *
da_menu_button_get_menu (GtkMenuButton *button)
{
  GMenuModel *model;

  g_return_val_if_fail (GTK_IS_MENU_BUTTON (button), NULL);

  model = gtk_menu_button_get_menu_model (button);
  if (model == NULL)
    model = g_object_get_data (G_OBJECT (button), MODEL_KEY);

  return model;
}

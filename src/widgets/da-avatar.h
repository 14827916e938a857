/* da-avatar.h: a person's initials on a coloured disc, for long lists
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * DaAvatar:
 *
 * What AdwAvatar shows for a text without an image, for rows of a list: the initials of the
 * text's first and last words on a disc of the colour AdwAvatar gives the same text (libadwaita's
 * `avatar` node and its `colorN` classes, so the styles, light and dark, are libadwaita's).
 *
 * AdwAvatar fits each text's initials to its disc with a font size of their own (7.8 to 13.6
 * pixels for the first rows of the demo's Members list at 28 pixels): nearly every row then
 * needs a font of its own, which Pango, FreeType and cairo load, hint and rasterize, about 10 ms
 * of a screenful's first frame. A DaAvatar's initials take one size, 0.36 of the disc's, but for
 * the few too wide for it ("WM"), which take a smaller one, in whole pixels. It is a presentation
 * to assistive technologies: the text beside it says who it is.
 */
#define DA_TYPE_AVATAR (da_avatar_get_type ())
G_DECLARE_FINAL_TYPE (DaAvatar, da_avatar, DA, AVATAR, GtkWidget)

GtkWidget  *da_avatar_new          (int         size);

/* (nullable) */
void        da_avatar_set_text     (DaAvatar   *self,
                                    const char *text);
const char *da_avatar_get_text     (DaAvatar   *self);
/* The initials shown, "" for no text. */
const char *da_avatar_get_initials (DaAvatar   *self);
int         da_avatar_get_size     (DaAvatar   *self);

G_END_DECLS

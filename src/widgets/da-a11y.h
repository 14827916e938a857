/* da-a11y.h: small accessibility helpers
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 gives a button whose label has a mnemonic ("_Retry") that label, underscore included,
 * as its accessible name, so a screen reader says "underscore Retry". This sets the accessible
 * label to @mnemonic_text without its mnemonic marks ("__" stays one "_"). Call it wherever
 * such a label is set from code; .ui files set <accessibility><property name="label">. */
void   da_a11y_label_from_mnemonic (GtkWidget  *widget,
                                    const char *mnemonic_text);

/* @mnemonic_text without its mnemonic marks. (transfer full) */
char  *da_a11y_strip_mnemonic      (const char *mnemonic_text);

G_END_DECLS

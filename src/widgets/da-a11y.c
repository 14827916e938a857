/* da-a11y.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-a11y.h"

char *
da_a11y_strip_mnemonic (const char *mnemonic_text)
{
  GString *text;

  if (mnemonic_text == NULL)
    return NULL;

  text = g_string_sized_new (strlen (mnemonic_text));
  for (const char *p = mnemonic_text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (text, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

void
da_a11y_label_from_mnemonic (GtkWidget  *widget,
                             const char *mnemonic_text)
{
  g_autofree char *label = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  label = da_a11y_strip_mnemonic (mnemonic_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

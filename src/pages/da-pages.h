/* da-pages.h: the pages of the window, in sidebar order
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One page of the sidebar: a stable ID (for `win.show-page`, the "last-page" setting and
 * links between pages) and its DaPage type. */
typedef struct
{
  const char  *id;
  GType      (*get_type) (void);
} DaPageEntry;

/* Every page that is built, in sidebar order. */
const DaPageEntry *da_pages_get_all (guint      *n_pages);
/* NULL when no page has that ID (not built yet). */
const DaPageEntry *da_pages_lookup  (const char *id);

G_END_DECLS

/* da-pages.h: the pages of the window, in sidebar order
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One page of the sidebar: a stable ID (for `win.show-page`, the "last-page" setting and
 * links between pages), what its sidebar row shows and its DaPage type. The window builds the
 * sidebar from the table alone and creates a page only when it is first needed, so @title and
 * @icon_name are the page's own "title" and "icon-name" (a test checks they agree). @title is
 * untranslated (N_()): translate it with _() where it is shown. */
typedef struct
{
  const char  *id;
  const char  *title;
  const char  *icon_name;
  GType      (*get_type) (void);
} DaPageEntry;

/* Every page that is built, in sidebar order. */
const DaPageEntry *da_pages_get_all (guint      *n_pages);
/* NULL when no page has that ID (not built yet). */
const DaPageEntry *da_pages_lookup  (const char *id);

G_END_DECLS

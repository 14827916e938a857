/* da-list-footer.h: the end of a list that loads page by page
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  DA_LIST_FOOTER_HIDDEN,    /* the list is complete: nothing shown */
  DA_LIST_FOOTER_LOADING,   /* a spinner and "Loading more…" (with a count when known) */
  DA_LIST_FOOTER_MORE,      /* a "Load More" button (lists that load on demand) */
  DA_LIST_FOOTER_ERROR,     /* what went wrong and a Retry button */
} DaListFooterState;

/**
 * DaListFooter:
 *
 * Sits under a list (below the GtkColumnView/GtkListView in the same scrolled box, or as the
 * list's last row) and says how the loading stands: loading more, more to load, or a failure in
 * the middle of paging with Retry — the rows already loaded stay where they are. Its Retry and
 * Load More buttons emit "retry" and "load-more"; the page then continues its DaPager where it
 * stopped (da_pager_load_next_async/load_all_async), so nothing is duplicated or skipped.
 *
 * The Retry button's widget name is "list-footer-retry", Load More's "list-footer-more".
 */
#define DA_TYPE_LIST_FOOTER (da_list_footer_get_type ())
G_DECLARE_FINAL_TYPE (DaListFooter, da_list_footer, DA, LIST_FOOTER, GtkWidget)

GtkWidget         *da_list_footer_new          (void);
DaListFooterState  da_list_footer_get_state    (DaListFooter  *self);
void               da_list_footer_hide         (DaListFooter  *self);
/* @loaded and @total: -1 when unknown; shown as "Loading more… (1,200 of 50,000)" */
void               da_list_footer_show_loading (DaListFooter  *self,
                                                gint64         loaded,
                                                gint64         total);
void               da_list_footer_show_more    (DaListFooter  *self);
void               da_list_footer_show_error   (DaListFooter  *self,
                                                const GError  *error);

G_END_DECLS

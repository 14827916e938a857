/* da-pager.h: walking the pages of a list endpoint into a GListModel
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * DaPagerStyle:
 * @DA_PAGER_SKIP_LIMIT: `skip`/`limit` with the {items, total, has_more, next_cursor} envelope
 * @DA_PAGER_PAGE: `page`/`per_page` with the same envelope (API keys)
 * @DA_PAGER_CURSOR: `before`/`after` cursors with `limit` (audit logs), newest first
 *
 * Which style a list uses is decided inside the client; pages only see a DaPager.
 */
typedef enum
{
  DA_PAGER_SKIP_LIMIT,
  DA_PAGER_PAGE,
  DA_PAGER_CURSOR,
} DaPagerStyle;

#define DA_TYPE_PAGER (da_pager_get_type ())
G_DECLARE_FINAL_TYPE (DaPager, da_pager, DA, PAGER, GObject)

/* Made by the list functions of DaClient. The model is a DaRowStore of the item type; each page
 * that arrives is appended with one da_row_store_splice(), so a list fills while it loads. */
GListModel   *da_pager_get_model        (DaPager              *self);
GType         da_pager_get_item_type    (DaPager              *self);
DaPagerStyle  da_pager_get_style        (DaPager              *self);

/* Items per request; clamped to what the endpoint allows (200, or 100 for API keys). */
void          da_pager_set_page_size    (DaPager              *self,
                                         guint                 page_size);
guint         da_pager_get_page_size    (DaPager              *self);

/* Items in the first request from the start of the list, when it should be smaller than the
 * pages after it: a page that opens on the list shows its first screenful sooner. 0 (the
 * default) asks for a page size there too. Not for page-numbered lists (page/per_page), whose
 * pages are all of one size. */
void          da_pager_set_first_page_size (DaPager           *self,
                                            guint              first_page_size);
guint         da_pager_get_first_page_size (DaPager           *self);

/* Load every remaining page. Pages keep their order in the model whatever order they arrive in.
 * Cancelling stops after the pages already appended; the model keeps them, and a later load
 * continues from there. One load runs at a time: starting another load (all or next) while one
 * runs fails with G_IO_ERROR_PENDING; loading a list that has no more pages succeeds at once. */
void          da_pager_load_all_async   (DaPager              *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean      da_pager_load_all_finish  (DaPager              *self,
                                         GAsyncResult         *result,
                                         GError              **error);

/* Load the next page only (for lists that load as the reader scrolls). On error nothing is
 * appended and the cursor does not move: calling it again retries the same page. */
void          da_pager_load_next_async  (DaPager              *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean      da_pager_load_next_finish (DaPager              *self,
                                         GAsyncResult         *result,
                                         GError              **error);

/* DA_PAGER_CURSOR only: fetch events newer than the newest one loaded (all of them, page by
 * page), without touching the model. Returns them newest first; (transfer full): a GPtrArray of
 * the item type. da_pager_prepend() later puts them at the top. */
void          da_pager_fetch_newer_async  (DaPager              *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray    *da_pager_fetch_newer_finish (DaPager              *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void          da_pager_prepend            (DaPager              *self,
                                           GPtrArray            *items);

gboolean      da_pager_get_has_more     (DaPager              *self);
/* The server's total, or -1 when the endpoint does not say. */
gint64        da_pager_get_total        (DaPager              *self);
gboolean      da_pager_get_loading      (DaPager              *self);
/* nullable: the error of the last load, cleared when a load starts */
const GError *da_pager_get_error        (DaPager              *self);

/* Properties: "model", "item-type", "has-more", "total", "loading" (notified on change).
 * Signal "page-loaded" (guint position, guint n_items): after each splice. */

G_END_DECLS

/* da-pager.c: walking the pages of a list endpoint into a GListModel
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One implementation for the three paging styles. Offset lists (skip/limit and page/per_page)
 * are addressed by the offset of their first item: once the first page has told the total,
 * load_all keeps a few requests in flight and splices the pages in order as they become
 * contiguous. Cursor lists (audit logs, newest first) go one page at a time, each page's oldest
 * entry being the next `before`. A list's first page, when small, is decoded at once, so that
 * its rows are in the next frame. The hot lists' pages (read straight from the text, well under
 * a millisecond each) are decoded on the main thread when it has nothing more urgent to do; any
 * other page is parsed and decoded in a worker thread (models are immutable).
 *
 * Cursor lists ask for large pages (the API documents no maximum for them), so a server's
 * maximum may be lower than what is asked. A server that refuses the size (422 on `limit`) is
 * asked again with the next smaller of the other lists' maximum and the API's default; one that
 * answers fewer entries than asked, but no fewer than its default page, may have given all it
 * gives at once rather than reached the end: the next page tells, and from then on pages are
 * taken to be of that size.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-client-private.h"

/* Requests in flight while load_all walks an offset list whose total is known. */
#define MAX_IN_FLIGHT 4

/* A list's first page up to this size is decoded on the main thread (see on_page_sent_cb()). */
#define INLINE_DECODE_MAX (64 * 1024)
/* A hot list's page up to this size is decoded on the main thread too, but when it is idle
 * (see decode_when_idle()). */
#define IDLE_DECODE_MAX (512 * 1024)

struct _DaPager
{
  GObject        parent_instance;

  DaClient      *client;
  DaPagerStyle   style;
  GType          item_type;
  DaDecodeFunc   decode;
  DaScanFunc     scan;             /* the decoder of the text, or NULL */
  DaIdFunc       get_id;
  char          *path;
  DaQuery       *base_query;

  DaRowStore    *store;
  guint          page_size;
  guint          effective_size;   /* what the server actually pages by */
  gboolean       short_page_seen;  /* a short cursor page was taken as the server's maximum */
  guint          first_page_size;  /* 0: the first page is of page_size too */

  /* Pages decoded as they came, when the main loop was idle, and in the worker thread. */
  guint          decoded_at_once;
  guint          decoded_when_idle;
  guint          decoded_in_thread;

  /* Where the next page starts: an item offset, or for cursor lists a page count. */
  guint64        next_offset;
  gboolean       has_more;
  gint64         total;
  gboolean       loading;
  GError        *error;
  guint          last_fingerprint;
  gboolean       have_fingerprint;

  /* Cursor lists */
  gint64         since;
  gint64         until;
  char          *oldest_id;
  char          *newest_id;
  char          *last_first_id;

  struct _LoadOp *op;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ITEM_TYPE,
  PROP_HAS_MORE,
  PROP_TOTAL,
  PROP_LOADING,
  N_PROPS
};

enum {
  PAGE_LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DaPager, da_pager, G_TYPE_OBJECT)

/* ---- One load ---------------------------------------------------------------------------- */

typedef struct _LoadOp
{
  int            ref_count;
  DaPager       *pager;
  GTask         *task;
  GCancellable  *cancellable;       /* ours: cancelled with the caller's */
  GCancellable  *user_cancellable;
  gulong         cancel_id;
  guint          max_pages;         /* 0 = all */
  guint          pages_issued;
  guint          in_flight;
  guint          generation;        /* bumped when issued pages become useless */
  guint64        issue_offset;
  GHashTable    *done;              /* offset → DaPage, decoded but not yet spliced */
  GHashTable    *cursors;           /* cursor lists: offset → the `before` it was asked with */
  GError        *error;
  gboolean       stop_issuing;
  gboolean       finished;
} LoadOp;

typedef struct
{
  LoadOp    *op;
  guint64    offset;
  guint      size;
  guint      generation;
} PageRequest;

/* What a worker thread needs to decode a page. */
typedef struct
{
  DaResponse        *response;
  const DaApiFlavor *flavor;
  DaPagerStyle       style;
  DaDecodeFunc       decode;
  DaScanFunc         scan;
  DaIdFunc           get_id;
} DecodeJob;

static LoadOp *
load_op_ref (LoadOp *op)
{
  op->ref_count++;
  return op;
}

static void
load_op_unref (LoadOp *op)
{
  if (--op->ref_count > 0)
    return;

  if (op->cancel_id != 0)
    g_cancellable_disconnect (op->user_cancellable, op->cancel_id);
  g_clear_object (&op->user_cancellable);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->task);
  g_clear_pointer (&op->done, g_hash_table_unref);
  g_clear_pointer (&op->cursors, g_hash_table_unref);
  g_clear_error (&op->error);
  g_clear_object (&op->pager);
  g_free (op);
}

static void
page_request_free (PageRequest *request)
{
  load_op_unref (request->op);
  g_free (request);
}

static void
decode_job_free (DecodeJob *job)
{
  g_clear_pointer (&job->response, da_response_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageRequest, page_request_free)

static void
on_user_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

static void
set_loading (DaPager  *self,
             gboolean  loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_has_more (DaPager  *self,
              gboolean  has_more)
{
  if (self->has_more == has_more)
    return;

  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
set_total (DaPager *self,
           gint64   total)
{
  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

static gboolean
user_cancelled (LoadOp *op)
{
  return op->user_cancellable != NULL && g_cancellable_is_cancelled (op->user_cancellable);
}

static void
record_error (LoadOp *op,
              GError *error)
{
  op->stop_issuing = TRUE;
  if (op->error == NULL)
    op->error = error;
  else
    g_error_free (error);
}

static void
finish_op (LoadOp *op)
{
  DaPager *self = op->pager;

  g_assert (!op->finished);
  g_assert (op->in_flight == 0);

  op->finished = TRUE;
  if (self->op == op)
    self->op = NULL;

  /* Decoded pages that could not be put in order are dropped: the cursor has not passed them,
   * so the next load asks for them again. */
  g_hash_table_remove_all (op->done);

  g_clear_error (&self->error);
  if (op->error != NULL && !g_error_matches (op->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->error = g_error_copy (op->error);

  set_loading (self, FALSE);

  if (op->error != NULL)
    g_task_return_error (op->task, g_steal_pointer (&op->error));
  else
    g_task_return_boolean (op->task, TRUE);

  load_op_unref (op);
}

/* ---- Requests ---------------------------------------------------------------------------- */

static const DaApiFlavor *
flavor_of (DaPager *self)
{
  return self->client->flavor;
}

static char *
format_time (DaPager *self,
             gint64   when)
{
  return flavor_of (self)->format_time (when);
}

static char *
uint_to_string (guint64 value)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

static DaQuery *
build_offset_query (DaPager *self,
                    guint64  offset,
                    guint    size)
{
  const DaApiFlavor *flavor = flavor_of (self);
  DaQuery *query = _da_query_copy (self->base_query);
  g_autofree char *size_text = uint_to_string (size);

  if (self->style == DA_PAGER_PAGE)
    {
      g_autofree char *page_text = uint_to_string (offset / size + 1);

      _da_query_add (query, flavor->params[DA_PARAM_PAGE], page_text);
      _da_query_add (query, flavor->params[DA_PARAM_PER_PAGE], size_text);
    }
  else
    {
      g_autofree char *skip_text = uint_to_string (offset);

      _da_query_add (query, flavor->params[DA_PARAM_SKIP], skip_text);
      _da_query_add (query, flavor->params[DA_PARAM_LIMIT], size_text);
    }

  return query;
}

/* A cursor query: @before and @after are IDs or NULL; the time range fills the open ends. */
static DaQuery *
build_cursor_query (DaPager    *self,
                    guint       size,
                    const char *before,
                    const char *after)
{
  const DaApiFlavor *flavor = flavor_of (self);
  DaQuery *query = _da_query_copy (self->base_query);
  g_autofree char *size_text = uint_to_string (size);
  g_autofree char *until_text = NULL;
  g_autofree char *since_text = NULL;

  if (before == NULL && self->until != DA_TIME_UNSET)
    before = until_text = format_time (self, self->until);
  if (after == NULL && self->since != DA_TIME_UNSET)
    after = since_text = format_time (self, self->since);

  _da_query_add (query, flavor->params[DA_PARAM_LIMIT], size_text);
  _da_query_add (query, flavor->params[DA_PARAM_BEFORE], before);
  _da_query_add (query, flavor->params[DA_PARAM_AFTER], after);

  return query;
}

static DaPage *
decode_job_run (DecodeJob  *job,
                GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  DaPage *page;

  /* The hot lists are decoded straight from the text; anything unusual the general way. */
  if (job->scan != NULL && job->flavor->scan_page != NULL)
    {
      gsize length;
      const char *text = g_bytes_get_data (job->response->body, &length);

      page = job->flavor->scan_page (job->flavor, text != NULL ? text : "", length, job->scan,
                                     job->get_id);
      if (page != NULL)
        return page;
    }

  root = _da_response_parse_json (job->response, error);
  if (root == NULL)
    return NULL;

  page = job->flavor->parse_page (job->flavor, root, job->style, job->decode, job->get_id,
                                  &local_error);
  if (page == NULL)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE,
                             "list: the page could not be read");
      g_propagate_error (error, _da_response_wrap_error (job->response, local_error));
      return NULL;
    }

  return page;
}

/* Decodes a page in the decoding thread; the task owns its job and takes the page back to the
 * main context. */
static void
decode_page_thread (gpointer data,
                    gpointer user_data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  DaPage *page = decode_job_run (g_task_get_task_data (task), &error);

  if (page != NULL)
    g_task_return_pointer (task, page, (GDestroyNotify) da_page_free);
  else
    g_task_return_error (task, error);
}

/* One thread decodes the pages that go to a thread (those of lists without a decoder of the
 * text, and large ones), one page after the other. Lists are fetched by the I/O of the main
 * thread and answered by a server: decoding threads that took every core kept the main thread
 * from asking for the next page, and (on the local server) the server from answering it;
 * decoding is what may lag. */
static void
decode_in_thread (GTask *task)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *new_pool = g_thread_pool_new (decode_page_thread, NULL, 1, FALSE, NULL);

      g_once_init_leave (&pool, new_pool);
    }

  g_thread_pool_push (pool, task, NULL);
}

/* Sends one GET of the list and decodes the page (see on_page_sent_cb() for where); @ready gets
 * the page or the error (both owned) and @data. */
typedef void (*PageReadyFunc) (gpointer  data,
                               DaPage   *page,
                               GError   *error);
/* Called on the main thread with the answer's body, before it is decoded. */
typedef void (*BodyReadyFunc) (gpointer    data,
                               DaResponse *response);

typedef struct
{
  gpointer       data;
  PageReadyFunc  ready;
  BodyReadyFunc  body_ready;
  DaPager       *pager;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_object_unref (fetch->pager);
  g_free (fetch);
}

static void
on_page_decoded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Fetch *fetch = user_data;
  GError *error = NULL;
  DaPage *page;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  fetch->ready (fetch->data, page, error);
  fetch_free (fetch);
}

typedef struct
{
  Fetch     *fetch;
  DecodeJob *job;
} IdleDecode;

static gboolean
decode_when_idle_cb (gpointer user_data)
{
  IdleDecode *idle = user_data;
  GError *error = NULL;
  DaPage *page;

  page = decode_job_run (idle->job, &error);
  idle->fetch->pager->decoded_when_idle++;
  decode_job_free (idle->job);
  idle->fetch->ready (idle->fetch->data, page, error);
  fetch_free (idle->fetch);
  g_free (idle);

  return G_SOURCE_REMOVE;
}

/* A hot list's page is decoded on the main thread, once it has nothing more urgent to do (input,
 * drawing, answers to other requests): its decoder reads the text in well under a millisecond
 * for 1,000 audit events or 200 members (on the benchmarks' machine), and meanwhile the server
 * works on the next page, already asked for (see on_load_body_ready()). In a worker thread it
 * took longer all told: two threads to wake a page, the body read by one core and decoded by
 * another, and on a machine of two cores the server's thread to share them with (build-aux/
 * run-benchmarks.sh, the README's Performance). */
static void
decode_when_idle (Fetch     *fetch,
                  DecodeJob *job)
{
  IdleDecode *idle = g_new (IdleDecode, 1);

  idle->fetch = fetch;
  idle->job = job;
  g_idle_add_full (G_PRIORITY_LOW, decode_when_idle_cb, idle, NULL);
}

static void
on_page_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fetch *fetch = user_data;
  DaPager *self = fetch->pager;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  DaResponse *response;
  DecodeJob *job;

  response = _da_client_send_finish (DA_CLIENT (object), result, &error);
  if (response == NULL)
    {
      fetch->ready (fetch->data, NULL, error);
      fetch_free (fetch);
      return;
    }

  if (fetch->body_ready != NULL)
    fetch->body_ready (fetch->data, response);

  job = g_new0 (DecodeJob, 1);
  job->response = response;
  job->flavor = flavor_of (self);
  job->style = self->style;
  job->decode = self->decode;
  job->scan = self->scan;
  job->get_id = self->get_id;

  /* The first rows of a list are decoded at once: the worker thread's answer would come back
   * only after the frame being drawn meanwhile, so they would wait a frame, and a page opened
   * would first show "loading" although its rows had come. Small, as a first page is, it takes
   * well under a millisecond. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0 &&
      g_bytes_get_size (response->body) <= INLINE_DECODE_MAX)
    {
      DaPage *page = decode_job_run (job, &error);

      self->decoded_at_once++;
      decode_job_free (job);
      fetch->ready (fetch->data, page, error);
      fetch_free (fetch);
      return;
    }

  if (job->scan != NULL && job->flavor->scan_page != NULL &&
      g_bytes_get_size (response->body) <= IDLE_DECODE_MAX)
    {
      decode_when_idle (fetch, job);
      return;
    }

  self->decoded_in_thread++;
  task = g_task_new (NULL, NULL, on_page_decoded_cb, fetch);
  g_task_set_source_tag (task, on_page_sent_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) decode_job_free);
  decode_in_thread (g_steal_pointer (&task));
}

static void
fetch_page (DaPager       *self,
            DaQuery       *query,
            GCancellable  *cancellable,
            gpointer       data,
            PageReadyFunc  ready,
            BodyReadyFunc  body_ready)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->data = data;
  fetch->ready = ready;
  fetch->body_ready = body_ready;
  fetch->pager = g_object_ref (self);

  _da_client_send_async (self->client, "GET", self->path, query, NULL, cancellable,
                         on_page_sent_cb, fetch);
}

/* ---- Loading into the model -------------------------------------------------------------- */

static void pump (LoadOp *op);

static void
append_page (DaPager *self,
             DaPage  *page)
{
  guint position = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (page->items->len == 0)
    return;

  da_row_store_splice (self->store, position, 0, page->items->pdata, page->items->len);
  g_signal_emit (self, signals[PAGE_LOADED], 0, position, page->items->len);
}

/* A page at offset @offset of an offset list, now in order. Returns FALSE when the list ended. */
static gboolean
take_offset_page (LoadOp  *op,
                  guint64  offset,
                  guint    size,
                  DaPage  *page)
{
  DaPager *self = op->pager;
  guint n = page->items->len;
  gboolean more;

  /* A server that ignores skip answers the same first page again: stop rather than loop. */
  if (n > 0 && offset > 0 && self->have_fingerprint && page->fingerprint == self->last_fingerprint)
    {
      g_debug ("%s: the server repeated a page; ending the list", self->path);
      set_has_more (self, FALSE);
      return FALSE;
    }
  if (n > 0)
    {
      self->last_fingerprint = page->fingerprint;
      self->have_fingerprint = TRUE;
    }

  if (page->total >= 0)
    set_total (self, page->total);

  if (n == 0)
    more = FALSE;
  else if (page->has_more >= 0)
    more = page->has_more == 1;
  else if (page->total >= 0)
    more = offset + n < (guint64) page->total;
  else
    more = n >= size;

  if (more && n != size)
    {
      /* The server pages by another size than we asked for (a lower maximum, say): what was
       * issued after this page is misaligned. Continue from here with the server's size. */
      if (self->style == DA_PAGER_PAGE && offset % n != 0)
        {
          record_error (op, da_client_error_new_full (DA_CLIENT_ERROR_INVALID_RESPONSE, 0, NULL,
                                                      0, _("The server changed how it pages "
                                                           "this list while it was loading. "
                                                           "Reload the list.")));
          return FALSE;
        }
      self->effective_size = n;
      op->generation++;
      g_hash_table_remove_all (op->done);
      append_page (self, page);
      self->next_offset = offset + n;
      op->issue_offset = self->next_offset;
      return TRUE;
    }

  append_page (self, page);
  self->next_offset = offset + size;
  set_has_more (self, more);

  return more;
}

/* The next page of a cursor list may have been asked for before this one was decoded (see
 * on_load_body_ready()): asked with another cursor than this page's last ID, it is of no use,
 * nor what was asked for after it. */
static void
drop_misprefetched (LoadOp     *op,
                    const char *last_id)
{
  DaPager *self = op->pager;
  guint64 here = self->next_offset;
  guint64 next = here + 1;
  const char *asked = g_hash_table_lookup (op->cursors, &next);

  g_hash_table_remove (op->cursors, &here);

  if (!g_hash_table_contains (op->cursors, &next) || g_strcmp0 (asked, last_id) == 0)
    return;

  g_debug ("%s: a page was asked for with the wrong cursor; asking again", self->path);
  op->generation++;
  g_hash_table_remove_all (op->done);
  g_hash_table_remove_all (op->cursors);
  op->issue_offset = next;
}

/* A page of a cursor list, now in order. Returns FALSE when the list ended. */
static gboolean
take_cursor_page (LoadOp *op,
                  guint   size,
                  DaPage *page)
{
  DaPager *self = op->pager;
  guint n = page->items->len;
  gboolean more;

  /* A server that ignores the cursor answers the same page again: stop rather than loop. */
  if (n > 0 && self->last_first_id != NULL && page->first_id != NULL
      && g_str_equal (self->last_first_id, page->first_id))
    {
      g_debug ("%s: the server repeated a page; ending the list", self->path);
      set_has_more (self, FALSE);
      return FALSE;
    }

  if (n == 0)
    more = FALSE;
  else if (page->has_more >= 0)
    more = page->has_more == 1;
  else if (n >= MIN (size, self->effective_size))
    more = TRUE;
  else if (!self->short_page_seen && n >= flavor_of (self)->default_page_size)
    {
      /* Perhaps the most the server gives at once, not the end: see the top of the file. */
      g_debug ("%s: %u entries for %u asked; asking for the next page to know", self->path, n,
               size);
      self->short_page_seen = TRUE;
      self->effective_size = n;
      more = TRUE;
    }
  else
    more = FALSE;

  /* Without IDs there is no cursor to continue from. */
  if (more && page->last_id == NULL)
    more = FALSE;

  append_page (self, page);
  if (more && page->last_id != NULL)
    drop_misprefetched (op, page->last_id);
  if (n > 0)
    {
      if (self->newest_id == NULL)
        self->newest_id = g_strdup (page->first_id);
      g_free (self->oldest_id);
      self->oldest_id = g_strdup (page->last_id);
      g_free (self->last_first_id);
      self->last_first_id = g_strdup (page->first_id);
    }
  self->next_offset++;
  set_has_more (self, more);

  return more;
}

static void
splice_ready_pages (LoadOp *op)
{
  DaPager *self = op->pager;

  /* A handler of "page-loaded" may cancel: check before each page. */
  while (self->has_more && !user_cancelled (op))
    {
      g_autoptr(DaPage) page = NULL;
      guint64 offset = self->next_offset;
      gpointer key = NULL;
      gboolean more;
      guint size;

      if (!g_hash_table_steal_extended (op->done, &offset, &key, (gpointer *) &page))
        break;
      g_free (key);

      size = page->requested_size;
      if (self->style == DA_PAGER_CURSOR)
        more = take_cursor_page (op, size, page);
      else
        more = take_offset_page (op, offset, size, page);

      if (!more)
        {
          op->stop_issuing = TRUE;
          /* Prefetched pages past the end are of no use. */
          op->generation++;
          g_cancellable_cancel (op->cancellable);
          break;
        }
    }
}

/* A page size the server refused (422 on the page size): asks again from where the list is with
 * the next smaller of the other lists' maximum and the API's default. FALSE when the error is
 * another, or there is no smaller size. */
static gboolean
retry_smaller_pages (LoadOp       *op,
                     const GError *error)
{
  DaPager *self = op->pager;
  const DaApiFlavor *flavor = flavor_of (self);
  const char *param = flavor->params[self->style == DA_PAGER_PAGE ? DA_PARAM_PER_PAGE
                                                                   : DA_PARAM_LIMIT];
  guint sizes[] = { flavor->max_page_size, flavor->default_page_size };
  guint smaller = 0;

  if (!g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST) ||
      g_strcmp0 (da_client_error_get_field (error), param) != 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sizes) && smaller == 0; i++)
    if (sizes[i] < self->effective_size)
      smaller = sizes[i];
  if (smaller == 0)
    return FALSE;

  g_debug ("%s: pages of %u refused; asking for %u", self->path, self->effective_size, smaller);
  self->page_size = self->effective_size = smaller;
  op->generation++;
  g_hash_table_remove_all (op->done);
  g_hash_table_remove_all (op->cursors);
  op->issue_offset = self->next_offset;
  /* The refused page was not loaded: it is asked for again within the same load. */
  op->pages_issued--;

  return TRUE;
}

static void
on_load_page_ready (gpointer  data,
                    DaPage   *page,
                    GError   *error)
{
  g_autoptr(PageRequest) request = data;
  g_autoptr(DaPage) owned_page = page;
  LoadOp *op = request->op;

  g_assert (op->in_flight > 0);
  op->in_flight--;

  if (request->generation != op->generation)
    {
      /* Issued before the list ended or changed its page size: nothing to do with it. */
      g_clear_error (&error);
    }
  else if (error != NULL && !op->stop_issuing && retry_smaller_pages (op, error))
    {
      g_clear_error (&error);
    }
  else if (error != NULL)
    {
      record_error (op, error);
    }
  else
    {
      guint64 *key = g_new (guint64, 1);

      *key = request->offset;
      owned_page->requested_size = request->size;
      g_hash_table_insert (op->done, key, g_steal_pointer (&owned_page));
      splice_ready_pages (op);
    }

  pump (op);
}

/* The items to ask for in the page at @offset (for cursor lists, a count of pages). */
static guint
size_at (DaPager *self,
         guint64  offset)
{
  if (offset == 0 && self->first_page_size > 0 && self->style != DA_PAGER_PAGE)
    return MIN (self->first_page_size, self->effective_size);

  return self->effective_size;
}

static gboolean
can_issue (LoadOp  *op,
           guint64  offset)
{
  DaPager *self = op->pager;

  if (op->max_pages != 0 && op->pages_issued >= op->max_pages)
    return FALSE;

  /* The next page needed is always worth asking for. */
  if (offset == self->next_offset && op->in_flight == 0)
    return TRUE;

  /* Cursor lists and lists of unknown length go one page at a time. */
  if (self->style == DA_PAGER_CURSOR || self->total < 0 || !self->have_fingerprint)
    return FALSE;

  return offset < (guint64) self->total;
}

static void on_load_body_ready (gpointer    data,
                                DaResponse *response);

/* @cursor: for cursor lists, the `before` to ask with */
static void
issue_page (LoadOp     *op,
            guint64     offset,
            const char *cursor)
{
  DaPager *self = op->pager;
  g_autoptr(GPtrArray) query = NULL;
  PageRequest *request;

  request = g_new0 (PageRequest, 1);
  request->op = load_op_ref (op);
  request->offset = offset;
  request->size = size_at (self, offset);
  request->generation = op->generation;

  if (self->style == DA_PAGER_CURSOR)
    {
      guint64 *key = g_new (guint64, 1);

      *key = offset;
      g_hash_table_insert (op->cursors, key, g_strdup (cursor));
      query = build_cursor_query (self, request->size, cursor, NULL);
    }
  else
    {
      query = build_offset_query (self, offset, request->size);
    }

  op->in_flight++;
  op->pages_issued++;
  fetch_page (self, query, op->cancellable, request, on_load_page_ready,
              self->style == DA_PAGER_CURSOR ? on_load_body_ready : NULL);
}

/* The last item of a page, read from the end of the body without decoding the rest: the
 * envelope's closing brackets, then the item's own, matched backwards (a quote closes or opens
 * a string unless an odd number of backslashes precede it). NULL when the body does not end
 * that way; it is only a guess, checked when the page is decoded. (transfer full) */
static gpointer
guess_last_item (DaPager    *self,
                 DaResponse *response)
{
  g_autofree DaJsonScan *scan = NULL;
  gsize length;
  const char *text = g_bytes_get_data (response->body, &length);
  const char *p, *item_end;
  gboolean in_string = FALSE;
  guint depth = 0;
  gpointer item;

  if (text == NULL || self->scan == NULL)
    return NULL;

  p = text + length;
#define SKIP_SPACE_BACK() \
  while (p > text && (p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\r' || p[-1] == '\t')) p--
  SKIP_SPACE_BACK ();
  if (p == text || p[-1] != '}')
    return NULL;
  p--;
  SKIP_SPACE_BACK ();
  if (p == text || p[-1] != ']')
    return NULL;
  p--;
  SKIP_SPACE_BACK ();
  if (p == text || p[-1] != '}')
    return NULL;
  item_end = p;

  while (p > text)
    {
      char c = *--p;

      if (c == '"')
        {
          const char *q = p;

          while (q > text && q[-1] == '\\')
            q--;
          if ((p - q) % 2 == 0)
            in_string = !in_string;
        }
      else if (!in_string && (c == '}' || c == ']'))
        depth++;
      else if (!in_string && (c == '{' || c == '['))
        {
          if (depth == 0)
            return NULL;
          if (--depth == 0)
            break;
        }
    }
  if (depth != 0 || *p != '{')
    return NULL;
  {
    const char *item_start = p;

    SKIP_SPACE_BACK ();
    if (p == text || (p[-1] != ',' && p[-1] != '['))
      return NULL;
    p = item_start;
  }
#undef SKIP_SPACE_BACK

  if (!da_utf8_validate_len (p, item_end - p))
    return NULL;

  scan = g_new (DaJsonScan, 1);
  da_json_scan_init (scan, p, item_end - p);
  item = self->scan (scan);
  if (item != NULL && scan->p != scan->end)
    g_clear_object (&item);

  return item;
}

/* Cursor lists: the next page's cursor is the ID of this page's last item. Guessed from the end
 * of the body, it lets the next request go while this page is decoded, rather than after. */
static void
on_load_body_ready (gpointer    data,
                    DaResponse *response)
{
  PageRequest *request = data;
  LoadOp *op = request->op;
  DaPager *self = op->pager;
  g_autoptr(GObject) last = NULL;
  const char *cursor;

  if (op->finished || op->max_pages != 0 || op->stop_issuing || user_cancelled (op) ||
      request->generation != op->generation || request->offset + 1 != op->issue_offset ||
      op->in_flight >= MAX_IN_FLIGHT)
    return;

  last = guess_last_item (self, response);
  if (last == NULL || (cursor = self->get_id (last)) == NULL)
    return;

  issue_page (op, op->issue_offset, cursor);
  op->issue_offset++;
}

static void
pump (LoadOp *op)
{
  DaPager *self = op->pager;
  guint max_in_flight = op->max_pages == 1 ? 1 : MAX_IN_FLIGHT;

  if (op->finished)
    return;

  if (op->issue_offset < self->next_offset)
    op->issue_offset = self->next_offset;

  while (!op->stop_issuing && self->has_more && op->in_flight < max_in_flight
         && !user_cancelled (op) && can_issue (op, op->issue_offset))
    {
      guint64 offset = op->issue_offset;

      op->issue_offset += self->style == DA_PAGER_CURSOR ? 1 : size_at (self, offset);
      issue_page (op, offset, self->oldest_id);
    }

  if (op->in_flight == 0)
    {
      if (user_cancelled (op) && op->error == NULL)
        op->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         _("The operation was cancelled"));
      finish_op (op);
    }
}

static void
start_load (DaPager             *self,
            guint                max_pages,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadOp *op;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (self->op != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("This list is already loading."));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!self->has_more)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  op = g_new0 (LoadOp, 1);
  op->ref_count = 1;
  op->pager = g_object_ref (self);
  op->task = g_steal_pointer (&task);
  op->cancellable = g_cancellable_new ();
  op->max_pages = max_pages;
  op->issue_offset = self->next_offset;
  op->done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) da_page_free);
  op->cursors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (cancellable);
      op->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled_cb),
                                             g_object_ref (op->cancellable), g_object_unref);
    }

  self->op = op;
  g_clear_error (&self->error);
  set_loading (self, TRUE);

  pump (op);
}

/* ---- Newer entries of a cursor list ------------------------------------------------------ */

typedef struct
{
  DaPager   *pager;
  GTask     *task;
  GPtrArray *items;       /* newest first */
  char      *before;      /* backward walk: the next `before`, or NULL for the range's end */
  char      *after;       /* the lower bound (an ID), or NULL for the range's start */
  gboolean   forward;     /* walking forward with `after` only */
  char      *last_first_id;
} NewerOp;

static void
newer_op_free (NewerOp *op)
{
  g_clear_object (&op->pager);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_free (op->before);
  g_free (op->after);
  g_free (op->last_first_id);
  g_free (op);
}

static void fetch_newer_page (NewerOp *op);

static gpointer
ref_item (gconstpointer item,
          gpointer      user_data)
{
  return g_object_ref ((gpointer) item);
}

static void
on_newer_page_ready (gpointer  data,
                     DaPage   *page,
                     GError   *error)
{
  g_autoptr(DaPage) owned_page = page;
  NewerOp *op = data;
  g_autoptr(GTask) task = g_steal_pointer (&op->task);
  guint n;
  gboolean more;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n = page->items->len;
  if (n > 0 && op->last_first_id != NULL && page->first_id != NULL
      && g_str_equal (op->last_first_id, page->first_id))
    n = 0;   /* the server ignored the cursor */

  more = n > 0 && page->last_id != NULL
         && (page->has_more >= 0 ? page->has_more == 1 : n >= op->pager->effective_size);

  if (n > 0)
    {
      g_free (op->last_first_id);
      op->last_first_id = g_strdup (page->first_id);

      if (op->forward)
        {
          /* Each page is newer than the ones before it: it goes in front. */
          g_ptr_array_extend_and_steal (page->items, g_steal_pointer (&op->items));
          op->items = g_steal_pointer (&page->items);
          g_free (op->after);
          op->after = g_strdup (page->first_id);
        }
      else
        {
          g_ptr_array_extend (op->items, page->items, ref_item, NULL);
          g_free (op->before);
          op->before = g_strdup (page->last_id);
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (more)
    {
      op->task = g_steal_pointer (&task);
      fetch_newer_page (op);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&op->items), (GDestroyNotify) g_ptr_array_unref);
}

static void
fetch_newer_page (NewerOp *op)
{
  DaPager *self = op->pager;
  g_autoptr(GPtrArray) query = NULL;

  if (op->forward)
    query = build_cursor_query (self, self->effective_size, NULL, op->after);
  else
    query = build_cursor_query (self, self->effective_size, op->before, op->after);

  fetch_page (self, query, g_task_get_cancellable (op->task), op, on_newer_page_ready, NULL);
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
da_pager_dispose (GObject *object)
{
  DaPager *self = (DaPager *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (da_pager_parent_class)->dispose (object);
}

static void
da_pager_finalize (GObject *object)
{
  DaPager *self = (DaPager *)object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->base_query, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->oldest_id, g_free);
  g_clear_pointer (&self->newest_id, g_free);
  g_clear_pointer (&self->last_first_id, g_free);

  G_OBJECT_CLASS (da_pager_parent_class)->finalize (object);
}

static void
da_pager_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DaPager *self = DA_PAGER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->store);
      break;

    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_pager_class_init (DaPagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = da_pager_dispose;
  object_class->finalize = da_pager_finalize;
  object_class->get_property = da_pager_get_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DaPager::page-loaded:
   * @position: where the page went in the model
   * @n_items: how many items it brought
   */
  signals[PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
da_pager_init (DaPager *self)
{
  self->has_more = TRUE;
  self->total = -1;
  self->since = DA_TIME_UNSET;
  self->until = DA_TIME_UNSET;
}

/* ---- Internal API ------------------------------------------------------------------------ */

static guint
max_page_size (DaPager *self)
{
  const DaApiFlavor *flavor = flavor_of (self);

  switch (self->style)
    {
    case DA_PAGER_PAGE:
      return flavor->max_per_page;
    case DA_PAGER_CURSOR:
      return flavor->max_cursor_page_size;
    case DA_PAGER_SKIP_LIMIT:
    default:
      return flavor->max_page_size;
    }
}

DaPager *
_da_pager_new (DaClient     *client,
               DaPagerStyle  style,
               GType         item_type,
               DaDecodeFunc  decode,
               DaIdFunc      get_id,
               const char   *path,
               DaQuery      *base_query)
{
  DaPager *self;

  g_assert (DA_IS_CLIENT (client));
  g_assert (decode != NULL);
  g_assert (style != DA_PAGER_CURSOR || get_id != NULL);

  self = g_object_new (DA_TYPE_PAGER, NULL);
  self->client = g_object_ref (client);
  self->style = style;
  self->item_type = item_type;
  self->decode = decode;
  self->scan = da_json_scan_func_for_type (item_type);
  self->get_id = get_id;
  self->path = g_strdup (path);
  self->base_query = _da_query_copy (base_query);
  self->store = da_row_store_new (item_type);
  self->page_size = max_page_size (self);
  self->effective_size = self->page_size;

  return self;
}

void
_da_pager_get_decode_counts (DaPager *self,
                             guint   *at_once,
                             guint   *when_idle,
                             guint   *in_thread)
{
  g_assert (DA_IS_PAGER (self));

  *at_once = self->decoded_at_once;
  *when_idle = self->decoded_when_idle;
  *in_thread = self->decoded_in_thread;
}

void
_da_pager_set_time_range (DaPager *self,
                          gint64   since,
                          gint64   until)
{
  g_assert (DA_IS_PAGER (self));

  self->since = since;
  self->until = until;
}

/* ---- Public API -------------------------------------------------------------------------- */

GListModel *
da_pager_get_model (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), NULL);

  return G_LIST_MODEL (self->store);
}

GType
da_pager_get_item_type (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), G_TYPE_INVALID);

  return self->item_type;
}

DaPagerStyle
da_pager_get_style (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), DA_PAGER_SKIP_LIMIT);

  return self->style;
}

void
da_pager_set_page_size (DaPager *self,
                        guint    page_size)
{
  g_return_if_fail (DA_IS_PAGER (self));

  self->page_size = CLAMP (page_size, 1, max_page_size (self));
  self->effective_size = self->page_size;
  self->short_page_seen = FALSE;
}

guint
da_pager_get_page_size (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), 0);

  return self->page_size;
}

void
da_pager_set_first_page_size (DaPager *self,
                              guint    first_page_size)
{
  g_return_if_fail (DA_IS_PAGER (self));

  self->first_page_size = first_page_size;
}

guint
da_pager_get_first_page_size (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), 0);

  return self->first_page_size;
}

void
da_pager_load_all_async (DaPager             *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (DA_IS_PAGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_load (self, 0, da_pager_load_all_async, cancellable, callback, user_data);
}

gboolean
da_pager_load_all_finish (DaPager       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (DA_IS_PAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
da_pager_load_next_async (DaPager             *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (DA_IS_PAGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_load (self, 1, da_pager_load_next_async, cancellable, callback, user_data);
}

gboolean
da_pager_load_next_finish (DaPager       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DA_IS_PAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
da_pager_fetch_newer_async (DaPager             *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NewerOp *op;

  g_return_if_fail (DA_IS_PAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_pager_fetch_newer_async);

  if (self->style != DA_PAGER_CURSOR)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Only the audit log can fetch newer entries."));
      return;
    }

  /* The task owns the op; while a page is on its way the op holds the task. */
  op = g_new0 (NewerOp, 1);
  op->pager = g_object_ref (self);
  op->items = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, op, (GDestroyNotify) newer_op_free);
  op->task = g_steal_pointer (&task);

  if (self->newest_id != NULL && self->until == DA_TIME_UNSET)
    {
      /* Forward from the newest entry we have. */
      op->forward = TRUE;
      op->after = g_strdup (self->newest_id);
    }
  else
    {
      /* Backward from the end of the range down to the newest entry we have. */
      op->forward = FALSE;
      op->after = g_strdup (self->newest_id);
    }

  fetch_newer_page (op);
}

GPtrArray *
da_pager_fetch_newer_finish (DaPager       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (DA_IS_PAGER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
da_pager_prepend (DaPager   *self,
                  GPtrArray *items)
{
  g_return_if_fail (DA_IS_PAGER (self));
  g_return_if_fail (items != NULL);

  if (items->len == 0)
    return;

  for (guint i = 0; i < items->len; i++)
    g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (g_ptr_array_index (items, i), self->item_type));

  da_row_store_splice (self->store, 0, 0, items->pdata, items->len);

  if (self->get_id != NULL)
    {
      g_free (self->newest_id);
      self->newest_id = g_strdup (self->get_id (g_ptr_array_index (items, 0)));
      if (self->oldest_id == NULL)
        self->oldest_id = g_strdup (self->get_id (g_ptr_array_index (items, items->len - 1)));
    }

  g_signal_emit (self, signals[PAGE_LOADED], 0, 0, items->len);
}

gboolean
da_pager_get_has_more (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), FALSE);

  return self->has_more;
}

gint64
da_pager_get_total (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), -1);

  return self->total;
}

gboolean
da_pager_get_loading (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), FALSE);

  return self->loading;
}

const GError *
da_pager_get_error (DaPager *self)
{
  g_return_val_if_fail (DA_IS_PAGER (self), NULL);

  return self->error;
}

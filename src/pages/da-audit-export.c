/* da-audit-export.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page of the log is held at a time: each page is written, then dropped from the pager's
 * model, so exporting 100,000 events takes no more memory than one page.
 */

#include "config.h"

#include "da-audit-export.h"

typedef struct
{
  DaContext                 *context;
  DaPager                   *pager;
  DaAuditFilter             *filter;
  DaAuditExportFormat        format;
  GFile                     *file;
  gboolean                   existed;
  GFileOutputStream         *stream;
  GString                   *buffer;
  guint64                    n_written;
  gint64                     since;
  gint64                     top;        /* the range's end, or the newest event's time */
  double                     fraction;
  DaAuditExportProgressFunc  progress;
  gpointer                   progress_data;
  GError                    *error;      /* kept while the file is cleaned up */
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->context);
  g_clear_object (&export->pager);
  g_clear_pointer (&export->filter, da_audit_filter_free);
  g_clear_object (&export->file);
  g_clear_object (&export->stream);
  if (export->buffer != NULL)
    g_string_free (export->buffer, TRUE);
  g_clear_error (&export->error);
  g_free (export);
}

static void load_next_page (GTask *task);

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);

  /* Removing what we wrote is best effort: the error that stopped us is what matters. */
  g_file_delete_finish (G_FILE (object), result, NULL);
  g_task_return_error (task, g_steal_pointer (&export->error));
}

static void
on_discarded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);

  g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, NULL);

  if (!export->existed)
    {
      g_file_delete_async (export->file, G_PRIORITY_DEFAULT, NULL, on_deleted_cb,
                           g_steal_pointer (&task));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&export->error));
}

/* Stops with @error (owned), leaving no half-written file behind. */
static void
fail (GTask  *task,
      GError *error)
{
  Export *export = g_task_get_task_data (task);
  g_autoptr(GCancellable) discard = NULL;

  g_clear_error (&export->error);
  export->error = error;

  if (export->stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&export->error));
      g_object_unref (task);
      return;
    }

  /* Closing a replacing stream with a cancelled cancellable drops its temporary file and keeps
   * the file that was there; a new file is removed once closed. */
  discard = g_cancellable_new ();
  g_cancellable_cancel (discard);
  g_output_stream_close_async (G_OUTPUT_STREAM (export->stream), G_PRIORITY_DEFAULT, discard,
                               on_discarded_cb, task);
}

static void
on_closed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      fail (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
report_progress (Export *export)
{
  if (export->progress != NULL)
    export->progress (export->n_written, export->fraction, export->progress_data);
}

static void
continue_or_close (GTask *task)
{
  Export *export = g_task_get_task_data (task);

  report_progress (export);

  if (da_pager_get_has_more (export->pager))
    {
      load_next_page (task);
      return;
    }

  g_output_stream_close_async (G_OUTPUT_STREAM (export->stream), G_PRIORITY_DEFAULT,
                               g_task_get_cancellable (task), on_closed_cb, task);
}

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      fail (task, error);
      return;
    }

  g_string_truncate (export->buffer, 0);
  continue_or_close (task);
}

static void
on_page_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  GListModel *model = da_pager_get_model (export->pager);
  GError *error = NULL;
  guint n;

  if (!da_pager_load_next_finish (export->pager, result, &error))
    {
      fail (task, error);
      return;
    }

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaAuditEvent) event = g_list_model_get_item (model, i);
      gint64 created_at = da_audit_event_get_created_at (event);

      if (created_at != DA_TIME_UNSET)
        {
          if (export->top == DA_TIME_UNSET)
            export->top = created_at;
          if (export->since != DA_TIME_UNSET && export->top > export->since)
            export->fraction = CLAMP ((double) (export->top - created_at) /
                                      (double) (export->top - export->since), 0.0, 1.0);
        }

      if (!da_audit_filter_match (export->filter, event, export->context))
        continue;

      if (export->format == DA_AUDIT_EXPORT_CSV)
        da_audit_append_csv_row (export->buffer, event, export->context);
      else
        da_audit_append_json_line (export->buffer, event, export->context);
      export->n_written++;
    }

  /* Written pages are not kept. */
  da_row_store_remove_all (DA_ROW_STORE (model));

  if (export->buffer->len == 0)
    {
      continue_or_close (task);
      return;
    }

  g_output_stream_write_all_async (G_OUTPUT_STREAM (export->stream), export->buffer->str,
                                   export->buffer->len, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_written_cb, task);
}

static void
load_next_page (GTask *task)
{
  Export *export = g_task_get_task_data (task);

  da_pager_load_next_async (export->pager, g_task_get_cancellable (task), on_page_loaded_cb,
                            task);
}

static void
on_replaced_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;

  export->stream = g_file_replace_finish (G_FILE (object), result, &error);
  if (export->stream == NULL)
    {
      fail (task, error);
      return;
    }

  if (export->format == DA_AUDIT_EXPORT_CSV)
    da_audit_append_csv_header (export->buffer);

  load_next_page (task);
}

static void
on_queried_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, NULL);
  export->existed = info != NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_file_replace_async (export->file, NULL, FALSE, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT,
                        g_task_get_cancellable (task), on_replaced_cb, task);
}

void
da_audit_export_async (DaContext                 *context,
                       gint64                     since,
                       gint64                     until,
                       const DaAuditFilter       *filter,
                       DaAuditExportFormat        format,
                       GFile                     *file,
                       DaAuditExportProgressFunc  progress,
                       gpointer                   progress_data,
                       GCancellable              *cancellable,
                       GAsyncReadyCallback        callback,
                       gpointer                   user_data)
{
  GTask *task;
  Export *export;

  g_return_if_fail (DA_IS_CONTEXT (context));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  export = g_new0 (Export, 1);
  export->context = g_object_ref (context);
  /* The client's pages, its largest for the audit log: the log comes a page after the other. */
  export->pager = da_client_list_audit_logs (da_context_get_client (context), since, until);
  export->filter = da_audit_filter_copy (filter);
  export->format = format;
  export->file = g_object_ref (file);
  export->buffer = g_string_sized_new (64 * 1024);
  export->since = since;
  export->top = until;
  export->fraction = -1;
  export->progress = progress;
  export->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_audit_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);

  /* Whether the file is there decides what a failure leaves: its old contents, or nothing. */
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, on_queried_cb, task);
}

gboolean
da_audit_export_finish (GAsyncResult  *result,
                        guint64       *n_written,
                        GError       **error)
{
  Export *export;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  export = g_task_get_task_data (G_TASK (result));
  if (n_written != NULL)
    *n_written = export->n_written;
  return g_task_propagate_boolean (G_TASK (result), error);
}

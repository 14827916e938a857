/* da-audit-export.h: writing the audit log of a range to a file
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "da-audit-format.h"
#include "da-context.h"

G_BEGIN_DECLS

typedef enum
{
  DA_AUDIT_EXPORT_CSV,
  DA_AUDIT_EXPORT_JSON_LINES,
} DaAuditExportFormat;

/* @n_written: events written so far; @fraction: how far through the range (0 to 1), or -1 when
 * the range has no start to measure against. */
typedef void (*DaAuditExportProgressFunc) (guint64  n_written,
                                           double   fraction,
                                           gpointer user_data);

/**
 * da_audit_export_async:
 * @since, @until: the range (DA_TIME_UNSET for open ends), as in da_client_list_audit_logs()
 * @filter: (nullable): only the events it matches are written
 *
 * Walks the audit log of the range from the server to its end, page by page, and writes the
 * matching events to @file as they come (CSV with a header row, or JSON Lines; data masked as in
 * da-audit-format.h), without blocking. Cancelling, or a failure, leaves no half-written file:
 * a file that existed keeps its old contents, a new one is removed. @progress is called after
 * each page written.
 */
void      da_audit_export_async   (DaContext                 *context,
                                   gint64                     since,
                                   gint64                     until,
                                   const DaAuditFilter       *filter,
                                   DaAuditExportFormat        format,
                                   GFile                     *file,
                                   DaAuditExportProgressFunc  progress,
                                   gpointer                   progress_data,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data);
/* @n_written: (out) (optional): how many events were written */
gboolean  da_audit_export_finish  (GAsyncResult              *result,
                                   guint64                   *n_written,
                                   GError                   **error);

G_END_DECLS

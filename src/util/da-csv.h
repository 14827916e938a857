/* da-csv.h: writing RFC 4180 CSV
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* RFC 4180: fields separated by commas, rows ended by CRLF; a field holding a comma, a double
 * quote, a CR or LF, or leading or trailing spaces is quoted, its quotes doubled. UTF-8, no
 * byte order mark. */
typedef struct _DaCsvWriter DaCsvWriter;

DaCsvWriter *da_csv_writer_new            (void);
/* @value: nullable (an empty field) */
void         da_csv_writer_add_field      (DaCsvWriter        *self,
                                           const char         *value);
void         da_csv_writer_add_int        (DaCsvWriter        *self,
                                           gint64              value);
/* Locale-independent, shortest exact form ("12.5", "3") */
void         da_csv_writer_add_double     (DaCsvWriter        *self,
                                           double              value);
void         da_csv_writer_end_row        (DaCsvWriter        *self);
/* A whole row at once: @fields is NULL-terminated. */
void         da_csv_writer_add_row        (DaCsvWriter        *self,
                                           const char * const *fields);
gsize        da_csv_writer_get_n_rows     (DaCsvWriter        *self);
/* (transfer full): the text so far, the writer freed */
GBytes      *da_csv_writer_free_to_bytes  (DaCsvWriter        *self);
void         da_csv_writer_free           (DaCsvWriter        *self);

/* Appends @value as one field (quoted when needed) to @out, without separator. */
void         da_csv_append_field          (GString            *out,
                                           const char         *value);

/* Reading, for tests and imports: splits RFC 4180 text into rows of fields (quoted fields,
 * doubled quotes, CRLF or LF). Returns NULL with @error on an unterminated quote.
 * (transfer full): a GPtrArray of GStrv. */
GPtrArray   *da_csv_parse                 (const char         *text,
                                           gssize              length,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaCsvWriter, da_csv_writer_free)

G_END_DECLS

/* da-csv.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <gio/gio.h>

#include "da-csv.h"

struct _DaCsvWriter
{
  GString  *text;
  gsize     n_rows;
  gsize     row_start;    /* where the current row begins in @text */
  gboolean  row_started;
};

DaCsvWriter *
da_csv_writer_new (void)
{
  DaCsvWriter *self = g_new0 (DaCsvWriter, 1);

  self->text = g_string_sized_new (4096);
  return self;
}

static gboolean
needs_quotes (const char *value)
{
  gsize len = strlen (value);

  if (len == 0)
    return FALSE;
  if (value[0] == ' ' || value[len - 1] == ' ')
    return TRUE;
  return strpbrk (value, ",\"\r\n") != NULL;
}

void
da_csv_append_field (GString    *out,
                     const char *value)
{
  g_return_if_fail (out != NULL);

  if (value == NULL || value[0] == '\0')
    return;

  if (!needs_quotes (value))
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
da_csv_writer_add_field (DaCsvWriter *self,
                         const char  *value)
{
  g_return_if_fail (self != NULL);

  if (self->row_started)
    g_string_append_c (self->text, ',');
  self->row_started = TRUE;
  da_csv_append_field (self->text, value);
}

void
da_csv_writer_add_int (DaCsvWriter *self,
                       gint64       value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  da_csv_writer_add_field (self, buf);
}

void
da_csv_writer_add_double (DaCsvWriter *self,
                          double       value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* g_ascii_dtostr gives the shortest form that reads back exactly, with a '.' whatever the
   * locale. */
  g_ascii_dtostr (buf, sizeof buf, value);
  da_csv_writer_add_field (self, buf);
}

void
da_csv_writer_end_row (DaCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  /* A row of one empty field would be an empty line, which a reader skips: quote it. */
  if (self->row_started && self->text->len == self->row_start)
    g_string_append (self->text, "\"\"");
  g_string_append (self->text, "\r\n");
  self->row_started = FALSE;
  self->row_start = self->text->len;
  self->n_rows++;
}

void
da_csv_writer_add_row (DaCsvWriter        *self,
                       const char * const *fields)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (fields != NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    da_csv_writer_add_field (self, fields[i]);
  da_csv_writer_end_row (self);
}

gsize
da_csv_writer_get_n_rows (DaCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

GBytes *
da_csv_writer_free_to_bytes (DaCsvWriter *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_steal_pointer (&self->text);
  g_free (self);
  return g_string_free_to_bytes (text);
}

void
da_csv_writer_free (DaCsvWriter *self)
{
  if (self == NULL)
    return;

  g_string_free (self->text, TRUE);
  g_free (self);
}

GPtrArray *
da_csv_parse (const char  *text,
              gssize       length,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p;
  const char *end;
  gboolean in_quotes = FALSE;
  gboolean field_started = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);
  p = text;
  end = text + length;

  while (p < end)
    {
      char c = *p;

      if (in_quotes)
        {
          if (c == '"')
            {
              if (p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                  continue;
                }
              in_quotes = FALSE;
            }
          else
            g_string_append_c (field, c);
          p++;
          continue;
        }

      if (c == '"' && field->len == 0)
        {
          in_quotes = TRUE;
          field_started = TRUE;
        }
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          field_started = TRUE;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          if (field_started || field->len > 0 || fields->len > 0)
            {
              g_ptr_array_add (fields, g_strdup (field->str));
              g_ptr_array_add (fields, NULL);
              g_ptr_array_add (rows, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
              fields = g_ptr_array_new_with_free_func (g_free);
            }
          g_string_truncate (field, 0);
          field_started = FALSE;
        }
      else
        {
          g_string_append_c (field, c);
          field_started = TRUE;
        }
      p++;
    }

  if (in_quotes)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The CSV text ends inside a quoted field."));
      return NULL;
    }

  if (field_started || field->len > 0 || fields->len > 0)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
    }

  return g_steal_pointer (&rows);
}

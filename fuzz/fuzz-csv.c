/* fuzz-csv.c: the CSV reader (da_csv_parse) on any file, and the writer against it
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two properties, on any input. Rows that the exports write with DaCsvWriter (fields made of
 * the input, cut at the bytes 0x1E between rows and 0x1F between fields) must read back as the
 * same rows: the writer quotes whatever the reader would otherwise split or lose. And rows the
 * reader makes of any text (fields cut at a NUL byte, as C strings are) must too, once written.
 */

#include "config.h"

#include <string.h>

#include "da-csv.h"
#include "da-fuzz.h"

static void
print_rows (const char *what,
            GPtrArray  *rows)
{
  g_printerr ("%s: %u rows\n", what, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *fields = g_ptr_array_index (rows, i);

      g_printerr ("  row %u:", i);
      for (guint j = 0; fields[j] != NULL; j++)
        {
          g_autofree char *escaped = g_strescape (fields[j], NULL);

          g_printerr (" “%s”", escaped);
        }
      g_printerr ("\n");
    }
}

/* Writes @rows with DaCsvWriter, reads the text back and checks that the rows are the same. */
static void
check_round_trip (GPtrArray *rows)
{
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  DaCsvWriter *writer;
  gsize length = 0;
  const char *text;

  writer = da_csv_writer_new ();
  for (guint i = 0; i < rows->len; i++)
    da_csv_writer_add_row (writer, g_ptr_array_index (rows, i));
  DA_FUZZ_CHECK (da_csv_writer_get_n_rows (writer) == rows->len);
  bytes = da_csv_writer_free_to_bytes (writer);

  text = g_bytes_get_data (bytes, &length);
  again = da_csv_parse (text != NULL ? text : "", length, &error);
  DA_FUZZ_CHECK (again != NULL);

  if (again->len != rows->len)
    {
      print_rows ("written", rows);
      print_rows ("read back", again);
      DA_FUZZ_CHECK (!"the same number of rows read back");
    }
  for (guint i = 0; i < rows->len; i++)
    {
      if (!g_strv_equal (g_ptr_array_index (rows, i), g_ptr_array_index (again, i)))
        {
          print_rows ("written", rows);
          print_rows ("read back", again);
          DA_FUZZ_CHECK (!"the same rows read back");
        }
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  da_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) exported = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = da_fuzz_dup_string (data, size);
  g_auto(GStrv) lines = NULL;

  /* What an export writes: rows of fields (every row has at least one). */
  lines = g_strsplit (text, "\x1e", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (exported, g_strsplit (lines[i], "\x1f", -1));
  for (guint i = 0; i < exported->len; i++)
    if (((char **) g_ptr_array_index (exported, i))[0] == NULL)
      g_ptr_array_remove_index (exported, i--);
  check_round_trip (exported);

  /* What the reader makes of any text. */
  rows = da_csv_parse ((const char *) data, size, &error);
  if (rows == NULL)
    {
      DA_FUZZ_CHECK (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
      return 0;
    }
  DA_FUZZ_CHECK (error == NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *fields = g_ptr_array_index (rows, i);

      /* The reader never makes a row without fields. */
      DA_FUZZ_CHECK (fields != NULL && fields[0] != NULL);
    }
  check_round_trip (rows);

  return 0;
}

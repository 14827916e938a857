/* test-util.c: CSV writing and reading, and the formats of times, counts and ACUs
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "da-csv.h"
#include "da-format.h"

static char *
bytes_to_string (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strndup (data, len);
}

static void
test_csv_quoting (void)
{
  g_autoptr(DaCsvWriter) writer = da_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  const char *header[] = { "name", "email", "note", NULL };

  da_csv_writer_add_row (writer, header);
  da_csv_writer_add_field (writer, "Smith, Jane");
  da_csv_writer_add_field (writer, "jane@example.com");
  da_csv_writer_add_field (writer, "said \"hi\"");
  da_csv_writer_end_row (writer);
  da_csv_writer_add_field (writer, "Zoë Müller");
  da_csv_writer_add_field (writer, NULL);
  da_csv_writer_add_field (writer, "two\nlines");
  da_csv_writer_end_row (writer);
  da_csv_writer_add_field (writer, " padded ");
  da_csv_writer_add_int (writer, -42);
  da_csv_writer_add_double (writer, 12.5);
  da_csv_writer_end_row (writer);
  g_assert_cmpuint (da_csv_writer_get_n_rows (writer), ==, 4);

  bytes = da_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  text = bytes_to_string (bytes);
  g_assert_cmpstr (text, ==,
                   "name,email,note\r\n"
                   "\"Smith, Jane\",jane@example.com,\"said \"\"hi\"\"\"\r\n"
                   "Zoë Müller,,\"two\nlines\"\r\n"
                   "\" padded \",-42,12.5\r\n");
}

static void
test_csv_round_trip (void)
{
  const char *values[] = { "plain", "a,b", "\"quoted\"", "multi\r\nline", "", "naïve ☃", NULL };
  g_autoptr(DaCsvWriter) writer = da_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  da_csv_writer_add_row (writer, values);
  da_csv_writer_add_row (writer, values);
  bytes = da_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  data = g_bytes_get_data (bytes, &len);

  rows = da_csv_parse (data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv fields = g_ptr_array_index (rows, r);

      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length ((GStrv) values));
      for (guint i = 0; values[i] != NULL; i++)
        g_assert_cmpstr (fields[i], ==, values[i]);
    }

  /* A row of one empty field is not an empty line, which a reader skips (found by
   * fuzz/fuzz-csv). */
  {
    const char *one[] = { "", NULL };
    const char *two[] = { "name", NULL };

    writer = da_csv_writer_new ();
    da_csv_writer_add_row (writer, two);
    da_csv_writer_add_row (writer, one);
    da_csv_writer_add_field (writer, NULL);
    da_csv_writer_end_row (writer);
    da_csv_writer_add_row (writer, two);
    g_clear_pointer (&bytes, g_bytes_unref);
    bytes = da_csv_writer_free_to_bytes (g_steal_pointer (&writer));
    data = g_bytes_get_data (bytes, &len);
    g_assert_cmpmem (data, len, "name\r\n\"\"\r\n\"\"\r\nname\r\n", 20);

    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = da_csv_parse (data, len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 4);
    g_assert_cmpstrv (g_ptr_array_index (rows, 1), one);
    g_assert_cmpstrv (g_ptr_array_index (rows, 2), one);
  }
}

static void
test_csv_parse_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = da_csv_parse ("a,\"unterminated\n", -1, &error);
  g_autoptr(GPtrArray) lf_rows = NULL;
  g_autoptr(GPtrArray) empty = NULL;

  g_assert_null (rows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  lf_rows = da_csv_parse ("a,b\nc,d\n\n", -1, NULL);
  g_assert_cmpuint (lf_rows->len, ==, 2);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (lf_rows, 1))[1], ==, "d");

  empty = da_csv_parse ("", 0, NULL);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_relative_time (void)
{
  const gint64 now = 1760000000;  /* a fixed moment */
  struct {
    gint64      delta;
    const char *expected;
  } cases[] = {
    { 0, "just now" },
    { 59, "just now" },
    { 60, "1 minute ago" },
    { 5 * 60 + 3, "5 minutes ago" },
    { 3600, "1 hour ago" },
    { 3 * 3600 + 59, "3 hours ago" },
    { -30, "in a moment" },
    { -120, "in 2 minutes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = da_format_relative_time (now - cases[i].delta, now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_null (da_format_relative_time (G_MININT64, now));

  {
    g_autofree char *days = da_format_relative_time (now - 4 * 86400, now);
    g_autofree char *old = da_format_relative_time (now - 800 * 86400, now);

    g_assert_cmpstr (days, ==, "4 days ago");
    /* another year: the year is written */
    g_assert_nonnull (strstr (old, "2023"));
  }
}

/* Times are shown in the local zone, which da_format keeps rather than looking it up at every
 * call: a change of TZ is still followed at once, and the result is GLib's own. */
static void
test_local_zone (void)
{
  const gint64 when = 1741788202;  /* 2025-03-12T14:03:22Z */
  const char *zones[] = { "UTC", "+09:00", "-05:30", "UTC" };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *exact = NULL;
      g_autofree char *date = NULL;
      g_autofree char *expected_date = NULL;

      g_setenv ("TZ", zones[i], TRUE);
      local = g_date_time_new_from_unix_local (when);
      expected = g_date_time_format (local, "%A, %-d %B %Y, %H:%M:%S %Z");
      expected_date = g_date_time_format (local, "%-d %b %Y");
      exact = da_format_exact_time (when);
      date = da_format_date (when);

      g_test_message ("TZ=%s: %s", zones[i], exact);
      g_assert_cmpstr (exact, ==, expected);
      g_assert_cmpstr (date, ==, expected_date);
    }

  /* Days are counted in the local zone: 30 hours before 02:00 UTC on 13 March is 20:00 on
   * 11 March in UTC (two days ago) and 05:00 on 12 March nine hours east (yesterday). */
  {
    const gint64 now = 1741831200;   /* 2025-03-13T02:00:00Z */
    g_autofree char *utc = NULL;
    g_autofree char *east = NULL;

    g_setenv ("TZ", "UTC", TRUE);
    utc = da_format_relative_time (now - 30 * 3600, now);
    g_setenv ("TZ", "+09:00", TRUE);
    east = da_format_relative_time (now - 30 * 3600, now);

    g_assert_cmpstr (utc, ==, "2 days ago");
    g_assert_cmpstr (east, ==, "yesterday");
  }
  g_setenv ("TZ", "UTC", TRUE);
}

static void
test_iso_formats (void)
{
  g_autofree char *date = da_format_iso_date (1741788202);
  g_autofree char *stamp = da_format_iso_timestamp (1741788202);

  g_assert_cmpstr (date, ==, "2025-03-12");
  g_assert_cmpstr (stamp, ==, "2025-03-12T14:03:22Z");
  g_assert_null (da_format_iso_timestamp (G_MININT64));
}

static void
test_numbers (void)
{
  g_autofree char *count = da_format_count (12345);
  g_autofree char *acus = da_format_acus (1234.56);
  g_autofree char *whole = da_format_acus (80.0);
  g_autofree char *negzero = da_format_acus (-0.01);
  g_autofree char *nan = da_format_acus (NAN);

  /* The C locale has no grouping */
  g_assert_cmpstr (count, ==, "12345");
  g_assert_cmpstr (acus, ==, "1234.6");
  g_assert_cmpstr (whole, ==, "80");
  g_assert_cmpstr (negzero, ==, "0");
  g_assert_cmpstr (nan, ==, "—");
}

static void
test_avatar_text (void)
{
  static const struct { const char *name, *expected; } cases[] = {
    /* A directory's "family, given" order, as enterprise SSO often sends it */
    { "Doe, Jane", "Jane Doe" },
    { "García, María José", "María José García" },
    { "  Doe ,  Jane  ", "Jane Doe" },
    { "García López, María", "María García López" },
    /* A title or suffix after a whole name */
    { "Jane Doe, PhD", "Jane Doe" },
    { "John Smith, Jr.", "John Smith" },
    { "Jane Doe, Ph.D.", "Jane Doe" },
    { "Doe, Jr", "Doe" },
    /* As written */
    { "Jane Doe", "Jane Doe" },
    { "Robert \"Bobby\" Tables", "Robert \"Bobby\" Tables" },
    { "渡辺 結衣", "渡辺 結衣" },
    { "Doe,", "Doe," },
    { ", Jane", ", Jane" },
    { "Smith, John, Jr.", "Smith, John, Jr." },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = da_format_avatar_text (cases[i].name);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  g_assert_null (da_format_avatar_text (NULL));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C");
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/quoting", test_csv_quoting);
  g_test_add_func ("/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/csv/parse-errors", test_csv_parse_errors);
  g_test_add_func ("/format/relative-time", test_relative_time);
  g_test_add_func ("/format/local-zone", test_local_zone);
  g_test_add_func ("/format/iso", test_iso_formats);
  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/avatar-text", test_avatar_text);

  return g_test_run ();
}

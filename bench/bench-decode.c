/* bench-decode.c: the decoding of list pages alone, on one thread
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-decode members|audit-logs RUNS FILE…
 *
 * Reads the given answers' bodies (pages of GET /members or /audit-logs, as a server sent them),
 * then decodes all of them into model objects RUNS times, as the pager's decoding thread does,
 * and prints one line:
 *
 *   decode <list> rows=N runs=R median_ms=M min_ms=A max_ms=B
 *
 * the time of one pass over all the pages. The objects of every pass are kept until the end (as
 * a fetch's are, in memory the process has not used before) and never freed. Not one of the
 * five benchmarks: a way to measure a change to the decoder without the server, the network
 * and the scheduler of two cores in the figure (build-aux/run-benchmarks.sh does not run it).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "da-client-private.h"
#include "da-json-scan.h"
#include "da-audit-event.h"
#include "da-member.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  DaScanFunc scan;
  DaIdFunc get_id;
  guint runs, rows = 0;

  if (argc < 4 || (!g_str_equal (argv[1], "members") && !g_str_equal (argv[1], "audit-logs")) ||
      (runs = (guint) g_ascii_strtoull (argv[2], NULL, 10)) == 0)
    {
      fprintf (stderr, "usage: %s members|audit-logs RUNS FILE…\n", argv[0]);
      return 2;
    }

  if (g_str_equal (argv[1], "members"))
    {
      scan = _da_member_new_from_scan;
      get_id = (DaIdFunc) da_member_get_user_id;
    }
  else
    {
      scan = _da_audit_event_new_from_scan;
      get_id = (DaIdFunc) da_audit_event_get_audit_log_id;
    }

  for (int i = 3; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      char *text;
      gsize length;

      if (!g_file_get_contents (argv[i], &text, &length, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_ptr_array_add (bodies, g_bytes_new_take (text, length));
    }

  /* The types are made before the first pass, as they are in the app before a list loads. */
  g_type_ensure (DA_TYPE_MEMBER);
  g_type_ensure (DA_TYPE_AUDIT_EVENT);

  for (guint run = 0; run < runs; run++)
    {
      GPtrArray *pages = g_ptr_array_new ();
      gint64 start, end;
      double ms;

      start = g_get_monotonic_time ();
      for (guint i = 0; i < bodies->len; i++)
        {
          gsize length;
          const char *text = g_bytes_get_data (g_ptr_array_index (bodies, i), &length);
          DaPage *page = da_api_v2.scan_page (&da_api_v2, text, length, scan, get_id);

          if (page == NULL)
            {
              fprintf (stderr, "%s: not a page the decoder reads\n", argv[3 + i]);
              return 1;
            }
          g_ptr_array_add (pages, page);
        }
      end = g_get_monotonic_time ();

      rows = 0;
      for (guint i = 0; i < pages->len; i++)
        rows += ((DaPage *) g_ptr_array_index (pages, i))->items->len;
      ms = (end - start) / 1000.0;
      g_array_append_val (times, ms);
      g_ptr_array_add (kept, pages);
    }

  g_array_sort (times, compare_doubles);
  printf ("decode %s rows=%u runs=%u median_ms=%.2f min_ms=%.2f max_ms=%.2f\n", argv[1], rows,
          runs, g_array_index (times, double, times->len / 2), g_array_index (times, double, 0),
          g_array_index (times, double, times->len - 1));

  fflush (stdout);

  _exit (0);
}

/* bench-fetch.c: every member, or every audit event, through the client into model objects
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-fetch members|audit-logs BASE_URL [--memory | --urls FILE]
 *
 * Loads the whole list with the client as the app has it (the client's own session, the
 * pager's requests in flight, pages decoded in worker threads) and prints one line:
 *
 *   fetch <list> rows=N seconds=S
 *   memory <list> rows=N wire_bytes=B rss_added=R
 *
 * The key comes from the environment (DA_BENCH_KEY, else the local server's demo key), never
 * from the command line. The models stay loaded, as in the app; the program ends as soon as the
 * load has.
 *
 * With --urls, the URLs of the pages the client asked for are written to FILE, one a line, in
 * curl's configuration syntax (url = "…"), so that curl can fetch the same pages.
 *
 * With DA_BENCH_THREADS=1 in the environment, a line for each thread follows the fetch line:
 *
 *   thread <name> cpu_ms=T
 *
 * its CPU time since it started (/proc/self/task/<id>/schedstat), to see where a fetch's work
 * is done.
 *
 * With --memory, the first page is loaded first (so that threads, connections and the code
 * of the libraries are there already), then the resident memory that no file backs is read
 * (/proc/self/statm, after malloc_trim), the rest of the list loaded, and the memory read again:
 * what the other rows added, against the bytes of the answers that brought them.
 */

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "da-client.h"
#include "da-mock-server.h"

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  guint64    wire_bytes;
} Run;

static gint64
resident_bytes (void)
{
  g_autofree char *text = NULL;
  guint64 size = 0, resident = 0, shared = 0;

  malloc_trim (0);
  if (!g_file_get_contents ("/proc/self/statm", &text, NULL, NULL) ||
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &size, &resident, &shared) != 3)
    return -1;

  return (gint64) (resident - shared) * sysconf (_SC_PAGESIZE);
}

static void
print_thread_times (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *id;

  while (dir != NULL && (id = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stat_path = g_strdup_printf ("/proc/self/task/%s/schedstat", id);
      g_autofree char *comm_path = g_strdup_printf ("/proc/self/task/%s/comm", id);
      g_autofree char *stat = NULL;
      g_autofree char *comm = NULL;

      if (!g_file_get_contents (stat_path, &stat, NULL, NULL) ||
          !g_file_get_contents (comm_path, &comm, NULL, NULL))
        continue;
      printf ("thread %s cpu_ms=%.1f\n", g_strstrip (comm),
              g_ascii_strtoull (stat, NULL, 10) / 1e6);
    }
}

static void
on_got_body_cb (SoupMessage *message,
                gpointer     user_data)
{
  Run *run = user_data;
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  goffset length = soup_message_headers_get_content_length (headers);

  if (length > 0)
    run->wire_bytes += (guint64) length;
}

static void
on_request_queued_cb (SoupSession *session,
                      SoupMessage *message,
                      gpointer     user_data)
{
  g_signal_connect (message, "got-body", G_CALLBACK (on_got_body_cb), user_data);
}

static void
on_url_queued_cb (SoupSession *session,
                  SoupMessage *message,
                  gpointer     user_data)
{
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (message));

  g_string_append_printf (user_data, "url = \"%s\"\n", uri);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == da_pager_load_next_async)
    da_pager_load_next_finish (DA_PAGER (object), result, &run->error);
  else
    da_pager_load_all_finish (DA_PAGER (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
run_load (DaPager  *pager,
          gboolean  all,
          Run      *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  if (all)
    da_pager_load_all_async (pager, NULL, on_loaded_cb, run);
  else
    da_pager_load_next_async (pager, NULL, on_loaded_cb, run);
  g_main_loop_run (run->loop);
  g_clear_pointer (&run->loop, g_main_loop_unref);

  if (run->error != NULL)
    {
      fprintf (stderr, "%s\n", run->error->message);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DaClient) client = NULL;
  g_autoptr(DaPager) pager = NULL;
  const char *key = g_getenv ("DA_BENCH_KEY");
  gboolean memory = argc > 3 && g_str_equal (argv[3], "--memory");
  const char *urls_file = argc > 4 && g_str_equal (argv[3], "--urls") ? argv[4] : NULL;
  g_autoptr(GString) urls = g_string_new (NULL);
  Run run = { 0 };
  gint64 start, end, rss_before;
  guint first_rows, rows;

  if (argc < 3 || (!g_str_equal (argv[1], "members") && !g_str_equal (argv[1], "audit-logs")))
    {
      fprintf (stderr, "usage: %s members|audit-logs BASE_URL [--memory | --urls FILE]\n",
               argv[0]);
      return 2;
    }

  client = da_client_new (argv[2], NULL, &error);
  if (client == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  da_client_set_api_key (client, key != NULL && *key != '\0' ? key : DA_MOCK_DEFAULT_ADMIN_KEY);

  if (g_str_equal (argv[1], "members"))
    pager = da_client_list_members (client, NULL);
  else
    pager = da_client_list_audit_logs (client, DA_TIME_UNSET, DA_TIME_UNSET);

  if (memory)
    {
      if (!run_load (pager, FALSE, &run))
        return 1;
      first_rows = g_list_model_get_n_items (da_pager_get_model (pager));

      g_signal_connect (da_client_get_session (client), "request-queued",
                        G_CALLBACK (on_request_queued_cb), &run);
      rss_before = resident_bytes ();
      if (!run_load (pager, TRUE, &run))
        return 1;

      rows = g_list_model_get_n_items (da_pager_get_model (pager)) - first_rows;
      printf ("memory %s rows=%u wire_bytes=%" G_GUINT64_FORMAT " rss_added=%" G_GINT64_FORMAT
              "\n", argv[1], rows, run.wire_bytes, resident_bytes () - rss_before);
    }
  else
    {
      if (urls_file != NULL)
        g_signal_connect (da_client_get_session (client), "request-queued",
                          G_CALLBACK (on_url_queued_cb), urls);
      start = g_get_monotonic_time ();
      if (!run_load (pager, TRUE, &run))
        return 1;
      end = g_get_monotonic_time ();

      rows = g_list_model_get_n_items (da_pager_get_model (pager));
      printf ("fetch %s rows=%u seconds=%.6f\n", argv[1], rows, (end - start) / 1e6);
      if (g_strcmp0 (g_getenv ("DA_BENCH_THREADS"), "1") == 0)
        print_thread_times ();
      if (urls_file != NULL && !g_file_set_contents (urls_file, urls->str, urls->len, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }
  fflush (stdout);

  _exit (0);
}

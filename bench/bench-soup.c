/* bench-soup.c: libsoup alone, fetching the pages the client asked for
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-soup URLS_FILE
 *
 * A reference for benchmark 1, beside curl's: the same page URLs (the file bench-fetch --urls
 * writes, in curl's configuration syntax), one after the other as curl fetches them, through one
 * SoupSession and soup_session_send_and_read_async(), libsoup's own way of reading a whole answer
 * (the client reads bodies itself, in larger pieces); the bodies are counted and dropped, nothing
 * is decoded. What libsoup's own work adds to the
 * transfer, so that the client's time can be told apart from the library's. Prints
 *
 *   soup pages=N bytes=B seconds=S
 *
 * The key comes from the environment (DA_BENCH_KEY), never from the command line.
 */

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  GMainLoop   *loop;
  SoupSession *session;
  GPtrArray   *urls;
  char        *authorization;
  guint        next;
  guint64      bytes;
  gboolean     failed;
} Run;

static void fetch_next (Run *run);

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              &error);

  if (body == NULL || soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      fprintf (stderr, "%s: %s\n", (const char *) g_ptr_array_index (run->urls, run->next - 1),
               error != NULL ? error->message : soup_message_get_reason_phrase (message));
      run->failed = TRUE;
      g_main_loop_quit (run->loop);
      return;
    }

  run->bytes += g_bytes_get_size (body);
  fetch_next (run);
}

static void
fetch_next (Run *run)
{
  g_autoptr(SoupMessage) message = NULL;
  SoupMessageHeaders *headers;

  if (run->next == run->urls->len)
    {
      g_main_loop_quit (run->loop);
      return;
    }

  message = soup_message_new ("GET", g_ptr_array_index (run->urls, run->next++));
  if (message == NULL)
    {
      fprintf (stderr, "%s: not a URL\n", (const char *) g_ptr_array_index (run->urls, run->next - 1));
      run->failed = TRUE;
      g_main_loop_quit (run->loop);
      return;
    }
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Authorization", run->authorization);
  soup_session_send_and_read_async (run->session, message, G_PRIORITY_DEFAULT, NULL, on_read_cb,
                                    run);
}

/* The URLs of lines `url = "…"`. */
static GPtrArray *
read_urls (const char  *path,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *urls;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;

  urls = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gsize length = strlen (line);

      if (g_str_has_prefix (line, "url = \"") && length > 8 && line[length - 1] == '"')
        g_ptr_array_add (urls, g_strndup (line + 7, length - 8));
    }
  return urls;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *key = g_getenv ("DA_BENCH_KEY");
  Run run = { 0 };
  gint64 start, end;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s URLS_FILE\n", argv[0]);
      return 2;
    }
  if (key == NULL || *key == '\0')
    {
      fprintf (stderr, "%s: DA_BENCH_KEY is not set\n", argv[0]);
      return 2;
    }

  run.urls = read_urls (argv[1], &error);
  if (run.urls == NULL || run.urls->len == 0)
    {
      fprintf (stderr, "%s: %s\n", argv[1], error != NULL ? error->message : "no URLs");
      return 1;
    }

  run.authorization = g_strdup_printf ("Bearer %s", key);
  run.session = soup_session_new ();
  run.loop = g_main_loop_new (NULL, FALSE);

  start = g_get_monotonic_time ();
  fetch_next (&run);
  g_main_loop_run (run.loop);
  end = g_get_monotonic_time ();

  if (run.failed)
    return 1;

  printf ("soup pages=%u bytes=%" G_GUINT64_FORMAT " seconds=%.6f\n", run.urls->len, run.bytes,
          (end - start) / 1e6);
  fflush (stdout);
  _exit (0);
}

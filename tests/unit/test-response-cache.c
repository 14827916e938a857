/* test-response-cache.c: the offline cache on disk, and DaClient answering from it
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "da-client.h"
#include "da-mock-server.h"
#include "da-response-cache.h"

typedef struct
{
  char            *folder;   /* a fresh temporary folder; the cache lives in folder/cache */
  DaResponseCache *cache;
  DaMockServer    *server;
  SoupSession     *session;
  DaClient        *client;
} Fixture;

/* ---- helpers --------------------------------------------------------------------------- */

static gboolean
on_watchdog_cb (gpointer user_data)
{
  g_error ("the test took too long");
  return G_SOURCE_REMOVE;
}

static void
capture_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  guint watchdog = g_timeout_add_seconds (60, on_watchdog_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (watchdog);
  return g_steal_pointer (result);
}

static void
store (DaResponseCache *cache,
       const char      *key,
       const char      *body,
       gint64           stored_at)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;

  da_response_cache_store_async (cache, key, bytes, stored_at, NULL, capture_cb, &result);
  done = wait_result (&result);
  g_assert_true (da_response_cache_store_finish (cache, done, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (da_response_cache_get_n_pending (cache), ==, 0);
}

/* The body kept under @key as a string, or NULL. */
static char *
lookup (DaResponseCache *cache,
        const char      *key,
        gint64          *stored_at)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  da_response_cache_lookup_async (cache, key, NULL, capture_cb, &result);
  done = wait_result (&result);
  body = da_response_cache_lookup_finish (cache, done, stored_at, &error);
  g_assert_no_error (error);
  if (body == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static gboolean
has_entry (DaResponseCache *cache,
           const char      *key)
{
  g_autofree char *body = lookup (cache, key, NULL);

  return body != NULL;
}

static void
clear (DaResponseCache *cache)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;

  da_response_cache_clear_async (cache, NULL, capture_cb, &result);
  done = wait_result (&result);
  g_assert_true (da_response_cache_clear_finish (cache, done, &error));
  g_assert_no_error (error);
}

/* The names of the files in @folder, in no particular order. */
static GPtrArray *
list_files (const char *folder)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GPtrArray) names = list_files (folder);

  return names->len;
}

/* Entries only, not the temporary files of writes under way. */
static guint
count_entries (const char *folder)
{
  g_autoptr(GPtrArray) names = list_files (folder);
  guint n = 0;

  for (guint i = 0; i < names->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (names, i), ".entry"))
      n++;

  return n;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_folder = NULL;

  f->folder = g_dir_make_tmp ("da-cache-XXXXXX", &error);
  g_assert_no_error (error);
  cache_folder = g_build_filename (f->folder, "cache", NULL);
  f->cache = da_response_cache_new (cache_folder);
}

static void
start_server (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 450;
  f->server = da_mock_server_new (&options);
  da_mock_options_clear (&options);
  da_mock_server_start (f->server, 0, &error);
  g_assert_no_error (error);

  f->session = soup_session_new_with_options ("timeout", 10, NULL);
  f->client = da_client_new (da_mock_server_get_base_url (f->server), f->session, &error);
  g_assert_no_error (error);
  da_client_set_api_key (f->client, da_mock_server_get_admin_key (f->server));
  da_client_set_retry_policy (f->client, 2, 5, 20);
  da_client_set_response_cache (f->client, f->cache);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->server != NULL)
    da_mock_server_stop (f->server);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_object (&f->cache);
  remove_tree (f->folder);
  g_free (f->folder);
}

/* ---- the cache on its own -------------------------------------------------------------- */

static void
test_store_and_lookup (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  gint64 stored_at = -1;

  /* Nothing yet, and no folder made for a lookup. */
  g_assert_null (lookup (f->cache, "/members?skip=0&limit=200", &stored_at));
  g_assert_cmpint (stored_at, ==, 0);
  g_assert_false (g_file_test (da_response_cache_get_folder (f->cache), G_FILE_TEST_EXISTS));

  store (f->cache, "/members?skip=0&limit=200", "{\"items\":[]}", 1700000000123456);
  store (f->cache, "/members?skip=200&limit=200", "{\"items\":[1]}", 1700000001000000);

  body = lookup (f->cache, "/members?skip=0&limit=200", &stored_at);
  g_assert_cmpstr (body, ==, "{\"items\":[]}");
  g_assert_cmpint (stored_at, ==, 1700000000123456);
  other = lookup (f->cache, "/members?skip=200&limit=200", &stored_at);
  g_assert_cmpstr (other, ==, "{\"items\":[1]}");
  g_assert_cmpint (stored_at, ==, 1700000001000000);
  g_assert_null (lookup (f->cache, "/members?skip=400&limit=200", NULL));

  /* A new answer replaces the old one. */
  store (f->cache, "/members?skip=0&limit=200", "{\"items\":[2]}", 1700000002000000);
  g_clear_pointer (&body, g_free);
  body = lookup (f->cache, "/members?skip=0&limit=200", &stored_at);
  g_assert_cmpstr (body, ==, "{\"items\":[2]}");
  g_assert_cmpint (stored_at, ==, 1700000002000000);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  const char *url = "https://api.devin.ai/v2/enterprise";
  g_autofree char *expected_parent = g_build_filename (g_get_user_cache_dir (), "devin-admin",
                                                       NULL);
  g_autofree char *folder = da_response_cache_dup_folder_for_server (url);
  g_autofree char *other = da_response_cache_dup_folder_for_server ("https://staging.example.com/v2/enterprise");
  g_autofree char *hash = NULL;
  g_autoptr(DaResponseCache) cache = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *entry = NULL;
  mode_t old_umask;

  /* $XDG_CACHE_HOME/devin-admin/<a hash of the URL>, one per server, and no URL in the name */
  g_assert_true (g_str_has_prefix (folder, expected_parent));
  hash = g_path_get_basename (folder);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_null (strstr (folder, "devin.ai"));
  g_assert_cmpstr (folder, !=, other);

  /* Private whatever the umask says. */
  old_umask = umask (0);
  cache = da_response_cache_new_for_server (url);
  g_assert_cmpstr (da_response_cache_get_folder (cache), ==, folder);
  store (cache, "/members", "{}", g_get_real_time ());
  store (cache, "/organizations", "{}", g_get_real_time ());
  umask (old_umask);

  g_assert_cmphex (mode_of (expected_parent), ==, 0700);
  g_assert_cmphex (mode_of (folder), ==, 0700);
  names = list_files (folder);
  g_assert_cmpuint (names->len, ==, 2);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      g_assert_cmphex (mode_of (path), ==, 0600);
    }

  /* A folder that was there already, open to others, is made private. */
  clear (cache);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  store (cache, "/members", "{}", g_get_real_time ());
  g_assert_cmphex (mode_of (folder), ==, 0700);

  clear (cache);
  remove_tree (expected_parent);
}

static void
test_eviction_by_count (Fixture       *f,
                        gconstpointer  data)
{
  gint64 base = (gint64) 1700000000 * G_USEC_PER_SEC;

  da_response_cache_set_limits (f->cache, 1024 * 1024, 3);

  /* Stored out of order: the age of an entry is that of its answer. */
  store (f->cache, "/a", "{\"a\":1}", base + 3000000);
  store (f->cache, "/b", "{\"b\":1}", base + 1000000);
  store (f->cache, "/c", "{\"c\":1}", base + 4000000);
  store (f->cache, "/d", "{\"d\":1}", base + 2000000);
  store (f->cache, "/e", "{\"e\":1}", base + 5000000);

  g_assert_cmpuint (count_files (da_response_cache_get_folder (f->cache)), ==, 3);
  g_assert_false (has_entry (f->cache, "/b"));
  g_assert_false (has_entry (f->cache, "/d"));
  g_assert_true (has_entry (f->cache, "/a"));
  g_assert_true (has_entry (f->cache, "/c"));
  g_assert_true (has_entry (f->cache, "/e"));
}

static guint64
folder_size (const char *folder)
{
  g_autoptr(GPtrArray) names = list_files (folder);
  guint64 total = 0;

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      total += st.st_size;
    }

  return total;
}

static void
test_eviction_by_size (Fixture       *f,
                       gconstpointer  data)
{
  const guint64 limit = 10 * 1024;
  gint64 now = g_get_real_time ();
  g_autofree char *body = g_strnfill (3000, 'x');
  g_autofree char *huge = g_strnfill (limit + 1, 'y');
  const char *folder = da_response_cache_get_folder (f->cache);

  da_response_cache_set_limits (f->cache, limit, 1000);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("/page/%u", i);

      store (f->cache, key, body, now + i);
      g_assert_cmpuint (folder_size (folder), <=, limit);
    }

  /* Three entries of a little more than 3000 bytes fit in 10 KiB: the newest three. */
  g_assert_cmpuint (count_files (folder), ==, 3);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("/page/%u", i);

      g_assert_cmpint (has_entry (f->cache, key), ==, i >= 7);
    }

  /* An answer bigger than the whole cache is not kept, and pushes nothing out. */
  store (f->cache, "/huge", huge, now + 100);
  g_assert_false (has_entry (f->cache, "/huge"));
  g_assert_cmpuint (count_files (folder), ==, 3);

  /* The limits hold across caches on the same folder (another run of the app). */
  {
    g_autoptr(DaResponseCache) again = da_response_cache_new (folder);

    da_response_cache_set_limits (again, limit, 1000);
    store (again, "/page/10", body, now + 200);
    g_assert_cmpuint (folder_size (folder), <=, limit);
    g_assert_false (has_entry (again, "/page/7"));
    g_assert_true (has_entry (again, "/page/10"));
  }
}

static void
on_ordered_store_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  guint *n_done = user_data;

  g_assert_true (da_response_cache_store_finish (DA_RESPONSE_CACHE (object), result, NULL));
  (*n_done)++;
}

/* Stores are written in the order they were asked for: the last answer to a request wins. */
static void
test_stores_in_order (Fixture       *f,
                      gconstpointer  data)
{
  const guint n = 200;
  guint n_done = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"answer\":%u}", i);
      g_autofree char *key = g_strdup_printf ("/page/%u", i % 7);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      da_response_cache_store_async (f->cache, key, bytes, g_get_real_time (), NULL,
                                     on_ordered_store_cb, &n_done);
    }
  while (n_done < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (da_response_cache_get_n_pending (f->cache), ==, 0);

  for (guint k = 0; k < 7; k++)
    {
      g_autofree char *key = g_strdup_printf ("/page/%u", k);
      g_autofree char *body = lookup (f->cache, key, NULL);
      guint newest = k + ((n - 1 - k) / 7) * 7;
      g_autofree char *expected = g_strdup_printf ("{\"answer\":%u}", newest);

      g_assert_cmpstr (body, ==, expected);
    }
}

/* ---- atomic writes --------------------------------------------------------------------- */

typedef struct
{
  DaResponseCache *reader;   /* another cache on the same folder: as another process would */
  const char      *folder;
  gsize            size;
  int              writing;  /* atomic */
  int              n_found;  /* atomic */
} Race;

static void
on_reader_lookup_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GBytes **body = user_data;
  g_autoptr(GError) error = NULL;

  *body = da_response_cache_lookup_finish (DA_RESPONSE_CACHE (object), result, NULL, &error);
  g_assert_no_error (error);
  /* Once the entry is there, a reader sees a whole one: never none, never a part. */
  g_assert_nonnull (*body);
}

/* Reads the entry again and again, on a thread and main context of its own, while the test's
 * thread replaces it. */
static gpointer
reader_thread (gpointer user_data)
{
  Race *race = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  while (g_atomic_int_get (&race->writing))
    {
      g_autoptr(GBytes) body = NULL;
      const char *data;
      gsize size;

      da_response_cache_lookup_async (race->reader, "/members", NULL, on_reader_lookup_cb,
                                      &body);
      while (body == NULL)
        g_main_context_iteration (context, TRUE);

      data = g_bytes_get_data (body, &size);
      g_assert_cmpuint (size, ==, race->size);
      g_assert_true (data[0] == 'a' || data[0] == 'b');
      for (gsize i = 1; i < size; i++)
        if (data[i] != data[0])
          g_error ("an entry mixes two answers at byte %" G_GSIZE_FORMAT, i);
      g_atomic_int_inc (&race->n_found);
    }
  g_main_context_pop_thread_default (context);

  return NULL;
}

static void
test_atomic_writes (Fixture       *f,
                    gconstpointer  data)
{
  const gsize size = 2 * 1024 * 1024;
  g_autofree char *a = g_strnfill (size, 'a');
  g_autofree char *b = g_strnfill (size, 'b');
  const char *folder = da_response_cache_get_folder (f->cache);
  g_autoptr(GPtrArray) names = NULL;
  GThread *thread;
  Race race = { 0 };

  race.reader = da_response_cache_new (folder);
  race.folder = folder;
  race.size = size;

  store (f->cache, "/members", a, g_get_real_time ());
  g_atomic_int_set (&race.writing, TRUE);
  thread = g_thread_new ("reader", reader_thread, &race);

  /* The writer replaces the entry again and again while the reader reads it. */
  for (guint i = 0; i < 40 || g_atomic_int_get (&race.n_found) < 20; i++)
    {
      store (f->cache, "/members", i % 2 == 0 ? b : a, g_get_real_time ());
      g_assert_cmpuint (i, <, 100000);
    }

  g_atomic_int_set (&race.writing, FALSE);
  g_thread_join (thread);
  g_test_message ("%d whole entries read while they were being replaced", race.n_found);

  /* No temporary file is left behind: the folder holds the one entry. */
  names = list_files (folder);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (names, 0), ".entry"));

  g_object_unref (race.reader);
}

static void
test_damaged_entry (Fixture       *f,
                    gconstpointer  data)
{
  const char *folder = da_response_cache_get_folder (f->cache);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  store (f->cache, "/members", "{\"items\":[{\"user_id\":\"u1\"}]}", g_get_real_time ());
  names = list_files (folder);
  g_assert_cmpuint (names->len, ==, 1);
  path = g_build_filename (folder, g_ptr_array_index (names, 0), NULL);

  /* Cut in half (a disk that filled up, a copy gone wrong): no answer, and the entry goes. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
  g_assert_false (has_entry (f->cache, "/members"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Empty, or not an entry at all. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_false (has_entry (f->cache, "/members"));
  g_assert_true (g_file_set_contents (path, "<html>not an entry</html>", -1, NULL));
  g_assert_false (has_entry (f->cache, "/members"));

  /* And the next run sweeps away a stale temporary file of a write that never finished, but
   * not one that may be under way. */
  {
    g_autofree char *temp = g_build_filename (folder, "0123.entry.ABC123", NULL);
    g_autofree char *recent = g_build_filename (folder, "4567.entry.DEF456", NULL);
    struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };
    g_autoptr(DaResponseCache) next_run = da_response_cache_new (folder);

    g_assert_true (g_file_set_contents (temp, "partial", -1, NULL));
    g_assert_cmpint (utimensat (AT_FDCWD, temp, old, 0), ==, 0);
    g_assert_true (g_file_set_contents (recent, "partial", -1, NULL));
    store (next_run, "/organizations", "{}", g_get_real_time ());
    g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (recent, G_FILE_TEST_EXISTS));
  }
}

static void
test_clear (Fixture       *f,
            gconstpointer  data)
{
  const char *folder = da_response_cache_get_folder (f->cache);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store (f->cache, "/members", "{}", g_get_real_time ());
  store (f->cache, "/organizations", "{}", g_get_real_time ());
  clear (f->cache);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_false (has_entry (f->cache, "/members"));

  /* Clearing what is not there is no error. */
  clear (f->cache);

  /* A store begun before a clear is dropped, whichever thread runs first. */
  da_response_cache_store_async (f->cache, "/roles", body, g_get_real_time (), NULL, capture_cb,
                                 &stored);
  da_response_cache_clear_async (f->cache, NULL, capture_cb, &cleared);
  result = wait_result (&stored);
  g_assert_true (da_response_cache_store_finish (f->cache, result, &error));
  g_clear_object (&result);
  result = wait_result (&cleared);
  g_assert_true (da_response_cache_clear_finish (f->cache, result, &error));
  g_assert_no_error (error);
  g_assert_false (has_entry (f->cache, "/roles"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* The cache works again afterwards. */
  store (f->cache, "/roles", "{}", g_get_real_time ());
  g_assert_true (has_entry (f->cache, "/roles"));
}

/* ---- the client with a cache ----------------------------------------------------------- */

/* Loads every member through a new pager; returns how many, or -1 with @error set. */
static int
load_members (Fixture  *f,
              GError  **error)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) done = NULL;

  da_pager_set_page_size (pager, 200);
  da_pager_load_all_async (pager, NULL, capture_cb, &result);
  done = wait_result (&result);
  if (!da_pager_load_all_finish (pager, done, error))
    return -1;

  return (int) g_list_model_get_n_items (da_pager_get_model (pager));
}

static void
wait_for_files (const char *folder,
                guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* The client keeps answers without waiting for the disk. */
  while (count_entries (folder) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
folder_contains (const char *folder,
                 const char *needle)
{
  g_autoptr(GPtrArray) names = list_files (folder);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      for (gsize at = 0; at + strlen (needle) <= length; at++)
        if (memcmp (contents + at, needle, strlen (needle)) == 0)
          return TRUE;
    }

  return FALSE;
}

static guint n_offline_notifies;

static void
on_offline_notify_cb (DaClient   *client,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  n_offline_notifies++;
}

static void
test_client_offline (Fixture       *f,
                     gconstpointer  data)
{
  const char *folder = da_response_cache_get_folder (f->cache);
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  guint16 port;

  start_server (f);
  port = da_mock_server_get_port (f->server);
  g_signal_connect (f->client, "notify::offline", G_CALLBACK (on_offline_notify_cb), NULL);
  n_offline_notifies = 0;

  /* Online: three pages of members, each kept. */
  g_assert_cmpint (load_members (f, &error), ==, 450);
  g_assert_no_error (error);
  g_assert_false (da_client_get_offline (f->client));
  g_assert_cmpint (da_client_get_offline_data_time (f->client), ==, 0);
  wait_for_files (folder, 3);

  /* Neither the key nor any header is kept; the data is. */
  g_assert_false (folder_contains (folder, da_mock_server_get_admin_key (f->server)));
  g_assert_false (folder_contains (folder, "Bearer"));
  g_assert_false (folder_contains (folder, "Authorization"));
  g_assert_false (folder_contains (folder, "application/json"));
  g_assert_true (folder_contains (folder, "\"user_id\""));

  /* The server goes away: the same list comes from the cache, and the client says so. */
  da_mock_server_stop (f->server);
  g_assert_cmpint (load_members (f, &error), ==, 450);
  g_assert_no_error (error);
  g_assert_true (da_client_get_offline (f->client));
  g_assert_cmpint (n_offline_notifies, ==, 1);
  g_assert_cmpint (da_client_get_offline_data_time (f->client), >=, before);
  g_assert_cmpint (da_client_get_offline_data_time (f->client), <=,
                   g_get_real_time () / G_USEC_PER_SEC);

  /* A read never made before has nothing to fall back on. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GAsyncResult) done = NULL;
    g_autoptr(GPtrArray) roles = NULL;

    da_client_list_roles_async (f->client, NULL, capture_cb, &result);
    done = wait_result (&result);
    roles = da_client_list_roles_finish (f->client, done, &error);
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK);
    g_assert_null (roles);
    g_clear_error (&error);
    g_assert_true (da_client_get_offline (f->client));
  }

  /* Back: the next success ends offline. */
  da_mock_server_start (f->server, port, &error);
  g_assert_no_error (error);
  g_assert_cmpint (load_members (f, &error), ==, 450);
  g_assert_no_error (error);
  g_assert_false (da_client_get_offline (f->client));
  g_assert_cmpint (da_client_get_offline_data_time (f->client), ==, 0);
  g_assert_cmpint (n_offline_notifies, ==, 2);
}

static void
test_client_only_network_errors (Fixture       *f,
                                 gconstpointer  data)
{
  const char *folder = da_response_cache_get_folder (f->cache);
  g_autoptr(GError) error = NULL;

  start_server (f);
  g_assert_cmpint (load_members (f, &error), ==, 450);
  wait_for_files (folder, 3);

  /* A server that answers, even with an error, is not "offline": its error is shown. */
  da_mock_server_add_fault (f->server, "GET /members* 500", &error);
  g_assert_no_error (error);
  g_assert_cmpint (load_members (f, &error), ==, -1);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_false (da_client_get_offline (f->client));
  da_mock_server_clear_faults (f->server);

  da_mock_server_add_fault (f->server, "GET /members* 403", &error);
  g_assert_cmpint (load_members (f, &error), ==, -1);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (da_client_get_offline (f->client));
  da_mock_server_clear_faults (f->server);

  da_mock_server_add_fault (f->server, "GET /members* html", &error);
  g_assert_cmpint (load_members (f, &error), ==, -1);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_false (da_client_get_offline (f->client));
  da_mock_server_clear_faults (f->server);

  /* A connection closed without an answer is a network error: the cache answers. */
  da_mock_server_add_fault (f->server, "GET /members* refuse", &error);
  g_assert_cmpint (load_members (f, &error), ==, 450);
  g_assert_no_error (error);
  g_assert_true (da_client_get_offline (f->client));
  da_mock_server_clear_faults (f->server);

  /* Writes are never answered from the cache, nor kept. */
  da_mock_server_add_fault (f->server, "POST * refuse", &error);
  {
    const char *emails[] = { "new.person@example.com", NULL };
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GAsyncResult) done = NULL;
    g_autoptr(DaInviteResult) invited = NULL;

    da_client_invite_members_async (f->client, emails, NULL, capture_cb, &result);
    done = wait_result (&result);
    invited = da_client_invite_members_finish (f->client, done, &error);
    g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK);
    g_assert_null (invited);
    g_clear_error (&error);
  }
  g_assert_false (folder_contains (folder, "new.person@example.com"));
}

static void
test_client_without_cache (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  start_server (f);
  da_client_set_response_cache (f->client, NULL);
  g_assert_null (da_client_get_response_cache (f->client));

  g_assert_cmpint (load_members (f, &error), ==, 450);
  da_mock_server_stop (f->server);
  g_assert_cmpint (load_members (f, &error), ==, -1);
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK);
  g_assert_false (da_client_get_offline (f->client));
  g_assert_false (g_file_test (da_response_cache_get_folder (f->cache), G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/response-cache/store-and-lookup", test_store_and_lookup);
  ADD ("/response-cache/permissions", test_permissions);
  ADD ("/response-cache/eviction/count", test_eviction_by_count);
  ADD ("/response-cache/eviction/size", test_eviction_by_size);
  ADD ("/response-cache/stores-in-order", test_stores_in_order);
  ADD ("/response-cache/atomic-writes", test_atomic_writes);
  ADD ("/response-cache/damaged-entry", test_damaged_entry);
  ADD ("/response-cache/clear", test_clear);
  ADD ("/response-cache/client/offline", test_client_offline);
  ADD ("/response-cache/client/only-network-errors", test_client_only_network_errors);
  ADD ("/response-cache/client/without-cache", test_client_without_cache);

  return g_test_run ();
}

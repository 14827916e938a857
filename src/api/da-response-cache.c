/* da-response-cache.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "da-response-cache.h"

/* The layout of an entry: format version, stored at (Unix µs), key, body. */
#define ENTRY_TYPE      "(uxsay)"
#define ENTRY_VERSION   1
#define ENTRY_SUFFIX    ".entry"
/* A temporary file left by a write that never finished (the app was killed) goes after this. */
#define STALE_TEMP_USEC ((gint64) G_USEC_PER_SEC * 60 * 60)

struct _DaResponseCache
{
  GObject  parent_instance;

  char    *folder;
  int      generation;   /* atomic: bumped by each clear */
  int      n_pending;    /* atomic: stores begun and not ended */

  GMutex   queue_lock;   /* guards the two below */
  GQueue   queue;        /* GTask of the stores waiting */
  gboolean draining;     /* a worker empties the queue */

  /* Held by the worker thread doing a job; guards what follows. */
  GMutex   lock;
  guint64  max_size;
  guint    max_entries;
  gint64   total_size;   /* of the entries, -1 until counted */
  gint64   n_entries;
};

G_DEFINE_FINAL_TYPE (DaResponseCache, da_response_cache, G_TYPE_OBJECT)

/* ---- entries on disk ------------------------------------------------------------------- */

static char *
entry_path (DaResponseCache *self,
            const char      *key)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *name = g_strconcat (hash, ENTRY_SUFFIX, NULL);

  return g_build_filename (self->folder, name, NULL);
}

static gboolean
ensure_folder (DaResponseCache  *self,
               GError          **error)
{
  /* Folders that do not exist yet, the parents included, are made private; the folder itself
   * is made private whatever it was. */
  if (g_mkdir_with_parents (self->folder, 0700) != 0 || g_chmod (self->folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create the cache folder %s: %s", self->folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gint64
mtime_usec (const GStatBuf *st)
{
  return (gint64) st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

typedef struct
{
  char   *path;
  gint64  size;
  gint64  mtime;
} FileFacts;

static void
file_facts_clear (FileFacts *facts)
{
  g_free (facts->path);
}

static int
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  const FileFacts *fa = a;
  const FileFacts *fb = b;

  if (fa->mtime != fb->mtime)
    return fa->mtime < fb->mtime ? -1 : 1;
  return strcmp (fa->path, fb->path);
}

/* Counts the entries (and removes stale temporary files), then removes the oldest entries until
 * the limits hold. Called with the lock held. */
static void
count_and_evict (DaResponseCache *self)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GArray) entries = NULL;
  gint64 now = g_get_real_time ();
  const char *name;

  self->total_size = 0;
  self->n_entries = 0;

  dir = g_dir_open (self->folder, 0, NULL);
  if (dir == NULL)
    return;

  entries = g_array_new (FALSE, FALSE, sizeof (FileFacts));
  g_array_set_clear_func (entries, (GDestroyNotify) file_facts_clear);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->folder, name, NULL);
      GStatBuf st;
      FileFacts facts;

      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      if (!g_str_has_suffix (name, ENTRY_SUFFIX))
        {
          if (now - mtime_usec (&st) > STALE_TEMP_USEC)
            g_unlink (path);
          continue;
        }

      facts.path = g_steal_pointer (&path);
      facts.size = st.st_size;
      facts.mtime = mtime_usec (&st);
      g_array_append_val (entries, facts);
      self->total_size += st.st_size;
      self->n_entries++;
    }

  if ((guint64) self->total_size <= self->max_size && self->n_entries <= self->max_entries)
    return;

  g_array_sort (entries, compare_oldest_first);
  for (guint i = 0; i < entries->len; i++)
    {
      FileFacts *facts = &g_array_index (entries, FileFacts, i);

      if ((guint64) self->total_size <= self->max_size && self->n_entries <= self->max_entries)
        break;

      if (g_unlink (facts->path) == 0 || errno == ENOENT)
        {
          self->total_size -= facts->size;
          self->n_entries--;
        }
    }

  g_debug ("Response cache: %" G_GINT64_FORMAT " entries, %" G_GINT64_FORMAT " bytes after "
           "removing the oldest", self->n_entries, self->total_size);
}

/* ---- store ----------------------------------------------------------------------------- */

typedef struct
{
  char   *key;
  GBytes *body;
  gint64  stored_at;
  int     generation;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_free (job->key);
  g_bytes_unref (job->body);
  g_free (job);
}

static gboolean
store_locked (DaResponseCache  *self,
              StoreJob         *job,
              GError          **error)
{
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *path = NULL;
  struct timespec times[2];
  GStatBuf st;
  gint64 old_size = -1;

  /* Cleared since this store began: its answer belongs to what was cleared. */
  if (g_atomic_int_get (&self->generation) != job->generation)
    return TRUE;

  if (g_bytes_get_size (job->body) > self->max_size)
    return TRUE;

  if (!ensure_folder (self, error))
    return FALSE;

  entry = g_variant_ref_sink (g_variant_new ("(uxs@ay)", ENTRY_VERSION, job->stored_at, job->key,
                                             g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                                       job->body, TRUE)));
  data = g_variant_get_data_as_bytes (entry);
  path = entry_path (self, job->key);

  if (g_lstat (path, &st) == 0)
    old_size = st.st_size;

  /* A temporary file beside the entry, synced and renamed over it: a reader sees the old entry
   * or the new one, never a part. */
  if (!g_file_set_contents_full (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  /* The entry's age is that of its answer: eviction goes by it. */
  times[0].tv_sec = 0;
  times[0].tv_nsec = UTIME_NOW;
  times[1].tv_sec = job->stored_at / G_USEC_PER_SEC;
  times[1].tv_nsec = (job->stored_at % G_USEC_PER_SEC) * 1000;
  utimensat (AT_FDCWD, path, times, 0);

  if (self->total_size >= 0)
    {
      self->total_size += (gint64) g_bytes_get_size (data) - MAX (old_size, 0);
      if (old_size < 0)
        self->n_entries++;
    }

  if (self->total_size < 0 || (guint64) self->total_size > self->max_size
      || self->n_entries > self->max_entries)
    count_and_evict (self);

  return TRUE;
}

/* Stores wait in a queue that one worker at a time empties: a long list kept page by page takes
 * one thread of the pool, not one per page waiting for the lock. */
static void
drain_thread (GTask        *drain,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DaResponseCache *self = source_object;

  for (;;)
    {
      g_autoptr(GTask) task = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_mutex_lock (&self->queue_lock);
      task = g_queue_pop_head (&self->queue);
      if (task == NULL)
        self->draining = FALSE;
      g_mutex_unlock (&self->queue_lock);

      if (task == NULL)
        break;

      g_mutex_lock (&self->lock);
      ok = store_locked (self, g_task_get_task_data (task), &error);
      g_mutex_unlock (&self->lock);
      g_atomic_int_dec_and_test (&self->n_pending);

      if (!ok)
        {
          g_debug ("Response cache: could not store an entry: %s", error->message);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      else
        g_task_return_boolean (task, TRUE);
    }

  g_task_return_boolean (drain, TRUE);
}

void
da_response_cache_store_async (DaResponseCache     *self,
                               const char          *key,
                               GBytes              *body,
                               gint64               stored_at,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  StoreJob *job;
  gboolean start;

  g_return_if_fail (DA_IS_RESPONSE_CACHE (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (body != NULL);

  job = g_new0 (StoreJob, 1);
  job->key = g_strdup (key);
  job->body = g_bytes_ref (body);
  job->stored_at = stored_at;
  job->generation = g_atomic_int_get (&self->generation);
  g_atomic_int_inc (&self->n_pending);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_response_cache_store_async);
  g_task_set_name (task, "[da] cache store");
  g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);

  g_mutex_lock (&self->queue_lock);
  g_queue_push_tail (&self->queue, task);
  start = !self->draining;
  self->draining = TRUE;
  g_mutex_unlock (&self->queue_lock);

  if (start)
    {
      g_autoptr(GTask) drain = g_task_new (self, NULL, NULL, NULL);

      g_task_set_name (drain, "[da] cache writer");
      g_task_run_in_thread (drain, drain_thread);
    }
}

gboolean
da_response_cache_store_finish (DaResponseCache  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (DA_IS_RESPONSE_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- lookup ---------------------------------------------------------------------------- */

typedef struct
{
  GBytes *body;
  gint64  stored_at;
} Found;

static void
found_free (Found *found)
{
  g_clear_pointer (&found->body, g_bytes_unref);
  g_free (found);
}

static Found *
lookup_locked (DaResponseCache  *self,
               const char       *key,
               GError          **error)
{
  g_autofree char *path = entry_path (self, key);
  g_autoptr(GBytes) data = NULL;
  char *contents = NULL;
  gsize length = 0;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *entry_key = NULL;
  guint32 version = 0;
  Found *found;

  /* Read rather than mapped: a file cut short under a mapping would kill the process. */
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  data = g_bytes_new_take (contents, length);
  entry = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (ENTRY_TYPE), data,
                                                        FALSE));
  if (g_variant_is_normal_form (entry))
    g_variant_get (entry, "(ux&s@ay)", &version, NULL, &entry_key, NULL);

  if (version != ENTRY_VERSION || entry_key == NULL)
    {
      /* Cut short, damaged or of another format: not worth keeping. */
      g_debug ("Response cache: removing an unreadable entry %s", path);
      g_unlink (path);
      return NULL;
    }

  if (!g_str_equal (entry_key, key))
    return NULL;

  found = g_new0 (Found, 1);
  g_variant_get_child (entry, 1, "x", &found->stored_at);
  body = g_variant_get_child_value (entry, 3);
  found->body = g_variant_get_data_as_bytes (body);
  return found;
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DaResponseCache *self = source_object;
  g_autoptr(GError) error = NULL;
  Found *found;

  g_mutex_lock (&self->lock);
  found = lookup_locked (self, task_data, &error);
  g_mutex_unlock (&self->lock);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, found, (GDestroyNotify) found_free);
}

void
da_response_cache_lookup_async (DaResponseCache     *self,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DA_IS_RESPONSE_CACHE (self));
  g_return_if_fail (key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_response_cache_lookup_async);
  g_task_set_name (task, "[da] cache lookup");
  g_task_set_task_data (task, g_strdup (key), g_free);
  g_task_run_in_thread (task, lookup_thread);
}

GBytes *
da_response_cache_lookup_finish (DaResponseCache  *self,
                                 GAsyncResult     *result,
                                 gint64           *stored_at,
                                 GError          **error)
{
  Found *found;
  GBytes *body;

  g_return_val_if_fail (DA_IS_RESPONSE_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (stored_at != NULL)
    *stored_at = 0;

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return NULL;

  if (stored_at != NULL)
    *stored_at = found->stored_at;
  body = g_steal_pointer (&found->body);
  found_free (found);
  return body;
}

/* ---- clear ----------------------------------------------------------------------------- */

static gboolean
clear_locked (DaResponseCache  *self,
              GError          **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;
  gboolean ok = TRUE;

  self->total_size = -1;
  self->n_entries = 0;

  dir = g_dir_open (self->folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->folder, name, NULL);

      if (g_unlink (path) != 0 && errno != ENOENT && ok)
        {
          int saved_errno = errno;

          ok = FALSE;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not remove %s: %s", path, g_strerror (saved_errno));
        }
    }

  if (ok && g_rmdir (self->folder) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      ok = FALSE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not remove %s: %s", self->folder, g_strerror (saved_errno));
    }

  return ok;
}

static void
clear_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DaResponseCache *self = source_object;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = clear_locked (self, &error);
  g_mutex_unlock (&self->lock);

  if (!ok)
    {
      g_debug ("Response cache: could not clear: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

void
da_response_cache_clear_async (DaResponseCache     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DA_IS_RESPONSE_CACHE (self));

  /* From now on, stores already queued are dropped. */
  g_atomic_int_inc (&self->generation);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_response_cache_clear_async);
  g_task_set_name (task, "[da] cache clear");
  g_task_run_in_thread (task, clear_thread);
}

gboolean
da_response_cache_clear_finish (DaResponseCache  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (DA_IS_RESPONSE_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
da_response_cache_finalize (GObject *object)
{
  DaResponseCache *self = (DaResponseCache *)object;

  g_clear_pointer (&self->folder, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->queue_lock);

  G_OBJECT_CLASS (da_response_cache_parent_class)->finalize (object);
}

static void
da_response_cache_class_init (DaResponseCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = da_response_cache_finalize;
}

static void
da_response_cache_init (DaResponseCache *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->queue_lock);
  g_queue_init (&self->queue);
  self->max_size = DA_RESPONSE_CACHE_DEFAULT_MAX_SIZE;
  self->max_entries = DA_RESPONSE_CACHE_DEFAULT_MAX_ENTRIES;
  self->total_size = -1;
}

/* ---- public API ------------------------------------------------------------------------ */

char *
da_response_cache_dup_folder_for_server (const char *base_url)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, base_url, -1);
  return g_build_filename (g_get_user_cache_dir (), "devin-admin", hash, NULL);
}

DaResponseCache *
da_response_cache_new (const char *folder)
{
  DaResponseCache *self;

  g_return_val_if_fail (folder != NULL && g_path_is_absolute (folder), NULL);

  self = g_object_new (DA_TYPE_RESPONSE_CACHE, NULL);
  self->folder = g_strdup (folder);
  return self;
}

DaResponseCache *
da_response_cache_new_for_server (const char *base_url)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  folder = da_response_cache_dup_folder_for_server (base_url);
  return da_response_cache_new (folder);
}

const char *
da_response_cache_get_folder (DaResponseCache *self)
{
  g_return_val_if_fail (DA_IS_RESPONSE_CACHE (self), NULL);

  return self->folder;
}

guint
da_response_cache_get_n_pending (DaResponseCache *self)
{
  g_return_val_if_fail (DA_IS_RESPONSE_CACHE (self), 0);

  return (guint) g_atomic_int_get (&self->n_pending);
}

void
da_response_cache_set_limits (DaResponseCache *self,
                              guint64          max_size,
                              guint            max_entries)
{
  g_return_if_fail (DA_IS_RESPONSE_CACHE (self));

  g_mutex_lock (&self->lock);
  self->max_size = max_size;
  self->max_entries = max_entries;
  g_mutex_unlock (&self->lock);
}

/* da-test-secret.c: what the secret-hygiene tests share to make a key and look for it
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked into tests/unit/test-secret-hygiene (the client alone) and tests/ui/test-secret-hygiene
 * (the whole app).
 */

#include "da-test-secret.h"

#include <string.h>

/* A key nobody could guess, as the local server will accept it; its secret part (after
 * "apk_user_") is what must never show. */
char *
da_test_make_key (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_auto(GStrv) parts = g_strsplit (uuid, "-", -1);
  g_autofree char *hex = g_strjoinv ("", parts);

  return g_strconcat ("apk_user_", hex, NULL);
}

gboolean
da_test_bytes_hold (const char *data,
                    gsize       length,
                    const char *needle)
{
  gsize needle_length = strlen (needle);

  /* NUL bytes do not end the search: command lines, environments and binary files. */
  for (gsize i = 0; i + needle_length <= length; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

gboolean
da_test_file_holds (const char *path,
                    const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return da_test_bytes_hold (contents, length, needle);
}

/* Every regular file under @dir (recursively, not following links) whose name or contents hold
 * @needle is added to @found; @n_files counts the regular files looked at. */
void
da_test_scan_folder (const char *dir,
                     const char *needle,
                     GPtrArray  *found,
                     guint      *n_files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (strstr (name, needle) != NULL)
        g_ptr_array_add (found, g_strdup (path));

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        da_test_scan_folder (path, needle, found, n_files);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          (*n_files)++;
          if (da_test_file_holds (path, needle))
            g_ptr_array_add (found, g_steal_pointer (&path));
        }
    }
}

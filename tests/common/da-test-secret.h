/* da-test-secret.h: what the secret-hygiene tests share to make a key and look for it
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *da_test_make_key    (void);
gboolean  da_test_bytes_hold  (const char *data,
                               gsize       length,
                               const char *needle);
gboolean  da_test_file_holds  (const char *path,
                               const char *needle);
void      da_test_scan_folder (const char *dir,
                               const char *needle,
                               GPtrArray  *found,
                               guint      *n_files);

G_END_DECLS

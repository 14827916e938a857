/* fuzz-input-repo.c: the repository-path parser of the grant dialog, and the ACU limit parser
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * da_input_parse_repo_lines() on anything typed or pasted: each line is EMPTY, a REPOSITORY or
 * GROUP whose segments are plain names (what is sent as repo_path or group_prefix), or INVALID
 * with a reason; a user name or password in an address is never kept. The segments of a
 * repository read back as the same repository. da_input_parse_acu_limit() on the same text:
 * a limit it accepts is in range and reads back from its digits.
 */

#include "config.h"

#include <string.h>

#include "da-fuzz.h"
#include "da-input.h"

static void
check_segments (DaRepoLine *line)
{
  guint n;

  DA_FUZZ_CHECK (line->segments != NULL);
  n = g_strv_length (line->segments);
  DA_FUZZ_CHECK (n >= 1);
  if (line->kind == DA_REPO_LINE_REPOSITORY)
    DA_FUZZ_CHECK (n >= 2);

  for (guint i = 0; i < n; i++)
    {
      const char *segment = line->segments[i];

      DA_FUZZ_CHECK (*segment != '\0');
      DA_FUZZ_CHECK (strcmp (segment, ".") != 0 && strcmp (segment, "..") != 0);
      for (const char *p = segment; *p != '\0'; p++)
        DA_FUZZ_CHECK (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.');
    }
}

static void
check_line (DaRepoLine *line,
            gboolean    in_list)
{
  gsize length;

  DA_FUZZ_CHECK (line != NULL);
  DA_FUZZ_CHECK (line->text != NULL && g_utf8_validate (line->text, -1, NULL));
  length = strlen (line->text);
  DA_FUZZ_CHECK (length == 0 || (!g_ascii_isspace (line->text[0])
                                 && !g_ascii_isspace (line->text[length - 1])));
  DA_FUZZ_CHECK (line->reason == NULL || g_utf8_validate (line->reason, -1, NULL));
  if (line->host != NULL)
    {
      DA_FUZZ_CHECK (g_utf8_validate (line->host, -1, NULL));
      DA_FUZZ_CHECK (strchr (line->host, '@') == NULL);
    }

  switch (line->kind)
    {
    case DA_REPO_LINE_EMPTY:
      DA_FUZZ_CHECK (!in_list);
      DA_FUZZ_CHECK (line->text[0] == '\0' || line->text[0] == '#');
      break;

    case DA_REPO_LINE_REPOSITORY:
    case DA_REPO_LINE_GROUP:
      DA_FUZZ_CHECK (line->reason == NULL);
      check_segments (line);
      break;

    case DA_REPO_LINE_INVALID:
      DA_FUZZ_CHECK (line->reason != NULL && *line->reason != '\0');
      break;

    default:
      DA_FUZZ_CHECK (!"a known kind");
    }
}

/* owner/repo written back from the segments is the same repository; acme/ the same group. */
static void
check_reads_back (DaRepoLine *line)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(DaRepoLine) again = NULL;

  if (line->kind != DA_REPO_LINE_REPOSITORY && line->kind != DA_REPO_LINE_GROUP)
    return;

  path = g_strjoinv ("/", line->segments);
  text = g_strconcat (path, line->kind == DA_REPO_LINE_GROUP ? "/*" : "", NULL);
  again = da_input_parse_repo_line (text);
  if (again->kind != line->kind || !g_strv_equal ((const char * const *) again->segments,
                                                  (const char * const *) line->segments))
    {
      g_printerr ("“%s” read as %d, written back as “%s”, read as %d (%s)\n", line->text,
                  line->kind, text, again->kind, again->reason ? again->reason : "");
      DA_FUZZ_CHECK (!"a repository or group reads back from its segments");
    }
}

static void
check_acu_limit (const char *text)
{
  g_autofree char *reason = NULL;
  gint64 limit = 0;

  if (da_input_parse_acu_limit (text, &limit, &reason))
    {
      DA_FUZZ_CHECK (reason == NULL);
      DA_FUZZ_CHECK (limit == -1 || (limit >= 1 && limit <= 1000000000));
      if (limit > 0)
        {
          g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, limit);
          gint64 again = 0;

          DA_FUZZ_CHECK (da_input_parse_acu_limit (digits, &again, NULL));
          DA_FUZZ_CHECK (again == limit);
        }
    }
  else
    {
      DA_FUZZ_CHECK (reason != NULL && *reason != '\0');
      DA_FUZZ_CHECK (g_utf8_validate (reason, -1, NULL));
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
  g_autofree char *text = da_fuzz_dup_string (data, size);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(DaRepoLine) single = NULL;
  guint n_single = 0;

  lines = da_input_parse_repo_lines (text);
  DA_FUZZ_CHECK (lines != NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      DaRepoLine *line = g_ptr_array_index (lines, i);

      check_line (line, TRUE);
      check_reads_back (line);
    }

  /* Each line on its own gives the same kinds, but for repeats (INVALID in the list). */
  {
    g_auto(GStrv) parts = g_strsplit_set (text, "\r\n", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        g_autoptr(DaRepoLine) line = da_input_parse_repo_line (parts[i]);

        check_line (line, FALSE);
        if (line->kind == DA_REPO_LINE_EMPTY)
          continue;
        DA_FUZZ_CHECK (n_single < lines->len);
        DA_FUZZ_CHECK (((DaRepoLine *) g_ptr_array_index (lines, n_single))->kind == line->kind
                       || ((DaRepoLine *) g_ptr_array_index (lines, n_single))->kind
                          == DA_REPO_LINE_INVALID);
        n_single++;
      }
  }
  DA_FUZZ_CHECK (n_single == lines->len);

  single = da_input_parse_repo_line (text);
  check_line (single, FALSE);

  check_acu_limit (text);

  return 0;
}

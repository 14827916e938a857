/* test-input.c: the parsers of what an administrator types, over tables of inputs
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-input.h"

/* Inputs are logged as escaped text: some are not UTF-8, and a TAP line must be. */
static void
log_input (const char *kind,
           const char *text)
{
  g_autofree char *escaped = g_strescape (text != NULL ? text : "(null)", NULL);

  g_test_message ("%s: “%s”", kind, escaped);
}

/* Emails */

#define V DA_EMAIL_VALID
#define M DA_EMAIL_MALFORMED
#define D DA_EMAIL_DUPLICATE

typedef struct
{
  DaEmailStatus  status;
  const char    *text;
  const char    *address;   /* for VALID and DUPLICATE */
  const char    *reason;    /* a part of the reason, for MALFORMED and DUPLICATE */
} ExpectedEmail;

typedef struct
{
  const char    *input;
  gssize         length;
  ExpectedEmail  entries[6];
} EmailCase;

static const EmailCase email_cases[] = {
  /* Separators */
  { "lena@example.com, omar@example.com", -1,
    { { V, "lena@example.com", "lena@example.com", NULL },
      { V, "omar@example.com", "omar@example.com", NULL } } },
  { "lena@example.com;omar@example.com\nkai@example.org\tzoe@example.net \r\n uma@example.io", -1,
    { { V, "lena@example.com", "lena@example.com", NULL },
      { V, "omar@example.com", "omar@example.com", NULL },
      { V, "kai@example.org", "kai@example.org", NULL },
      { V, "zoe@example.net", "zoe@example.net", NULL },
      { V, "uma@example.io", "uma@example.io", NULL } } },
  { "", -1, { { 0, NULL, NULL, NULL } } },
  { "  \n , ;\t ;; ", -1, { { 0, NULL, NULL, NULL } } },

  /* Name <address> forms, a quoted name may hold a comma */
  { "Lena Park <lena@example.com>, \"Diaz, Omar\" <omar@example.com>", -1,
    { { V, "Lena Park <lena@example.com>", "lena@example.com", NULL },
      { V, "\"Diaz, Omar\" <omar@example.com>", "omar@example.com", NULL } } },
  { "Lena Park <lena@example.com>; Kai <kai@example.org>", -1,
    { { V, "Lena Park <lena@example.com>", "lena@example.com", NULL },
      { V, "Kai <kai@example.org>", "kai@example.org", NULL } } },
  { "<lena@example.com", -1,
    { { M, "<lena@example.com", NULL, "not closed" } } },
  { "Lena <lena park@example.com>", -1,
    { { M, "Lena <lena park@example.com>", NULL, "Spaces are not allowed" } } },

  /* What a person gets wrong, and is told */
  { "lena", -1, { { M, "lena", NULL, "Missing @" } } },
  { "lena@example", -1, { { M, "lena@example", NULL, "needs a dot" } } },
  { "lena @ example.com", -1, { { M, "lena @ example.com", NULL, "Spaces are not allowed" } } },
  { "lena@ example.com", -1, { { M, "lena@ example.com", NULL, "Spaces are not allowed" } } },
  { "lena@example .com", -1, { { M, "lena@example .com", NULL, "Spaces are not allowed" } } },
  { "lena@@example.com", -1, { { M, "lena@@example.com", NULL, "more than one @" } } },
  { "@example.com", -1, { { M, "@example.com", NULL, "before @ is missing" } } },
  { "lena@", -1, { { M, "lena@", NULL, "after @ is missing" } } },
  { "lena.@example.com", -1, { { M, "lena.@example.com", NULL, "dot" } } },
  { ".lena@example.com", -1, { { M, ".lena@example.com", NULL, "dot" } } },
  { "le..na@example.com", -1, { { M, "le..na@example.com", NULL, "two dots" } } },
  { "lena@example..com", -1, { { M, "lena@example..com", NULL, "two dots" } } },
  { "lena@.example.com", -1, { { M, "lena@.example.com", NULL, "dot" } } },
  { "lena@example.com.", -1, { { M, "lena@example.com.", NULL, "dot" } } },
  { "lena@-example.com", -1, { { M, "lena@-example.com", NULL, "hyphen" } } },
  { "lena@example-.com", -1, { { M, "lena@example-.com", NULL, "hyphen" } } },
  { "lena@example.c", -1, { { M, "lena@example.c", NULL, "“c” is not valid" } } },
  { "lena@example.123", -1, { { M, "lena@example.123", NULL, "“123” is not valid" } } },
  { "lena(work)@example.com", -1,
    { { M, "lena(work)@example.com", NULL, "“(” is not allowed" } } },
  { "lena@exa_mple.com", -1, { { M, "lena@exa_mple.com", NULL, "“_” is not allowed" } } },
  { "lena@[10.0.0.1]", -1, { { M, "lena@[10.0.0.1]", NULL, "“[” is not allowed" } } },
  { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", -1,
    { { M, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com", NULL,
        "too long" } } },
  { "lena@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", -1,
    { { M, "lena@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", NULL,
        "too long" } } },

  /* Accepted forms */
  { "mailto:lena@example.com", -1,
    { { V, "mailto:lena@example.com", "lena@example.com", NULL } } },
  { "'lena@example.com'", -1, { { V, "'lena@example.com'", "lena@example.com", NULL } } },
  { "first.last+tag@sub.example.co.uk", -1,
    { { V, "first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk", NULL } } },
  { "Lena@Example.COM", -1, { { V, "Lena@Example.COM", "Lena@example.com", NULL } } },
  { "jürgen@exämple.de", -1, { { V, "jürgen@exämple.de", "jürgen@exämple.de", NULL } } },
  { "JÜRGEN@EXÄMPLE.DE", -1, { { V, "JÜRGEN@EXÄMPLE.DE", "JÜRGEN@exämple.de", NULL } } },

  /* Duplicates, case-insensitively, against earlier valid ones */
  { "Lena@Example.com, lena@example.com\nLENA@EXAMPLE.COM", -1,
    { { V, "Lena@Example.com", "Lena@example.com", NULL },
      { D, "lena@example.com", "lena@example.com", "already in the list" },
      { D, "LENA@EXAMPLE.COM", "LENA@example.com", "already in the list" } } },
  { "lena@example, lena@example, Kai <kai@example.org>, kai@example.org", -1,
    { { M, "lena@example", NULL, "needs a dot" },
      { M, "lena@example", NULL, "needs a dot" },
      { V, "Kai <kai@example.org>", "kai@example.org", NULL },
      { D, "kai@example.org", "kai@example.org", "already in the list" } } },

  /* A typed list with a mistake stays a typed list (no column free of "@") */
  { "lena@example.com, omar", -1,
    { { V, "lena@example.com", "lena@example.com", NULL },
      { M, "omar", NULL, "Missing @" } } },
  { "lena@example.com, omar\nkai@example.org, zoe@example.net", -1,
    { { V, "lena@example.com", "lena@example.com", NULL },
      { M, "omar", NULL, "Missing @" },
      { V, "kai@example.org", "kai@example.org", NULL },
      { V, "zoe@example.net", "zoe@example.net", NULL } } },

  /* CSV with a header row and quoted cells: only the cells with an address count */
  { "name,email,role\n\"Park, Lena\",lena@example.com,admin\r\n"
    "Omar Diaz,omar@example.com,member\n", -1,
    { { V, "lena@example.com", "lena@example.com", NULL },
      { V, "omar@example.com", "omar@example.com", NULL } } },
  { "Name;E-mail\n\"Lena \"\"LP\"\" Park\";lena@example.com\n\"Omar\nDiaz\";omar@example.com", -1,
    { { V, "lena@example.com", "lena@example.com", NULL },
      { V, "omar@example.com", "omar@example.com", NULL } } },
  { "Lena Park,lena@example.com\nOmar Diaz,omar@example\n", -1,
    { { V, "lena@example.com", "lena@example.com", NULL },
      { M, "omar@example", NULL, "needs a dot" } } },
  { "\xEF\xBB\xBF" "email,name\nlena@example.com,Lena\n", -1,
    { { V, "lena@example.com", "lena@example.com", NULL } } },
  /* A spreadsheet's row, pasted: tab-separated */
  { "Lena Park\tlena@example.com\tadmin", -1,
    { { V, "lena@example.com", "lena@example.com", NULL } } },
  /* A cell may hold "Name <address>" */
  { "team,contact\nPayments,Lena Park <lena@example.com>\n"
    "Search,\"Diaz, Omar <omar@example.com>\"", -1,
    { { V, "Lena Park <lena@example.com>", "lena@example.com", NULL },
      { V, "Diaz, Omar <omar@example.com>", "omar@example.com", NULL } } },

  /* A one-column list with a header */
  { "Email\nlena@example.com\nomar@example.com\n", -1,
    { { V, "lena@example.com", "lena@example.com", NULL },
      { V, "omar@example.com", "omar@example.com", NULL } } },

  /* Lengths, NULs and bytes that are not UTF-8 */
  { "lena@example.com, omar@example.com", 16,
    { { V, "lena@example.com", "lena@example.com", NULL } } },
  { "lena@example.com\0omar@example.com", 33,
    { { M, "lena@example.com\xEF\xBF\xBDomar@example.com", NULL, "more than one @" } } },
  { "lena@exa\xffmple.com, kai@example.org", -1,
    { { M, "lena@exa\xEF\xBF\xBDmple.com", NULL, "is not allowed" },
      { V, "kai@example.org", "kai@example.org", NULL } } },
};

static void
test_emails (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (email_cases); i++)
    {
      const EmailCase *c = &email_cases[i];
      g_autoptr(GPtrArray) entries = da_input_parse_emails (c->input, c->length);
      guint n_expected = 0;

      log_input ("emails", c->input);

      while (n_expected < G_N_ELEMENTS (c->entries) && c->entries[n_expected].text != NULL)
        n_expected++;

      g_assert_nonnull (entries);
      g_assert_cmpuint (entries->len, ==, n_expected);

      for (guint e = 0; e < n_expected; e++)
        {
          const ExpectedEmail *expected = &c->entries[e];
          DaEmailEntry *entry = g_ptr_array_index (entries, e);

          g_assert_cmpstr (entry->text, ==, expected->text);
          g_assert_cmpint (entry->status, ==, expected->status);

          if (expected->status == DA_EMAIL_VALID)
            {
              g_assert_cmpstr (entry->address, ==, expected->address);
              g_assert_null (entry->reason);
            }
          else
            {
              g_assert_nonnull (entry->reason);
              g_assert_true (g_utf8_validate (entry->reason, -1, NULL));
              if (strstr (entry->reason, expected->reason) == NULL)
                g_error ("reason “%s” does not say “%s”", entry->reason, expected->reason);
              if (expected->status == DA_EMAIL_DUPLICATE)
                g_assert_cmpstr (entry->address, ==, expected->address);
              else
                g_assert_null (entry->address);
            }
        }
    }

  /* No text at all */
  {
    g_autoptr(GPtrArray) entries = da_input_parse_emails (NULL, -1);

    g_assert_cmpuint (entries->len, ==, 0);
  }
}

static void
test_email_is_valid (void)
{
  struct {
    const char *address;
    gboolean    valid;
  } cases[] = {
    { "lena@example.com", TRUE },
    { "o'neil+work@mail.example.co.uk", TRUE },
    { "x@a.io", TRUE },
    { "ünïcödé@exämple.de", TRUE },
    { "lena@example", FALSE },
    { "lena", FALSE },
    { " lena@example.com", FALSE },
    { "lena@example.com ", FALSE },
    { "Lena <lena@example.com>", FALSE },
    { "lena@exa mple.com", FALSE },
    { "a@b@example.com", FALSE },
    { "lena@example.c", FALSE },
    { "\"lena\"@example.com", FALSE },
    { "lena@exa\xffmple.com", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      log_input ("valid", cases[i].address);
      g_assert_cmpint (da_input_email_is_valid (cases[i].address), ==, cases[i].valid);
    }
}

/* A large paste stays linear and intact. */
static void
test_emails_many (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) entries = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "Person %u <person.%u@example.com>,\n", i, i % 4000);

  entries = da_input_parse_emails (text->str, text->len);
  g_assert_cmpuint (entries->len, ==, 5000);

  for (guint i = 0; i < entries->len; i++)
    {
      DaEmailEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpint (entry->status, ==, i < 4000 ? DA_EMAIL_VALID : DA_EMAIL_DUPLICATE);
    }
}

/* Repository lines */

#define R DA_REPO_LINE_REPOSITORY
#define G DA_REPO_LINE_GROUP
#define E DA_REPO_LINE_EMPTY
#define I DA_REPO_LINE_INVALID

static const struct {
  const char     *line;
  DaRepoLineKind  kind;
  const char     *host;
  const char     *path;     /* the segments joined by "|" */
  const char     *reason;   /* a part of the reason */
} repo_cases[] = {
  { "acme/ledger-service", R, NULL, "acme|ledger-service", NULL },
  { "  acme/ledger-service  ", R, NULL, "acme|ledger-service", NULL },
  { "acme/ledger-service.git", R, NULL, "acme|ledger-service", NULL },
  { "Acme_Co/ledger.service", R, NULL, "Acme_Co|ledger.service", NULL },
  { "platform/infra/terraform", R, NULL, "platform|infra|terraform", NULL },
  { "https://github.com/acme/ledger-service", R, "github.com", "acme|ledger-service", NULL },
  { "https://GitHub.com/acme/ledger-service.git", R, "github.com", "acme|ledger-service", NULL },
  { "https://github.com/acme/ledger-service/", R, "github.com", "acme|ledger-service", NULL },
  { "https://github.com/acme/ledger-service/tree/main/src", R, "github.com",
    "acme|ledger-service", NULL },
  { "https://github.com/acme/ledger-service/pull/12?diff=split#top", R, "github.com",
    "acme|ledger-service", NULL },
  { "http://git.example.net:8080/acme/tools", R, "git.example.net", "acme|tools", NULL },
  { "git@github.com:acme/ledger-service.git", R, "github.com", "acme|ledger-service", NULL },
  { "github.com:acme/ledger-service", R, "github.com", "acme|ledger-service", NULL },
  { "ssh://git@gitlab.example.net:2222/platform/infra/terraform.git", R, "gitlab.example.net",
    "platform|infra|terraform", NULL },
  { "https://gitlab.example.net/platform/infra/terraform/-/tree/main", R, "gitlab.example.net",
    "platform|infra|terraform", NULL },
  { "acme/", G, NULL, "acme", NULL },
  { "acme/*", G, NULL, "acme", NULL },
  { "platform/infra/", G, NULL, "platform|infra", NULL },
  { "platform/infra/*", G, NULL, "platform|infra", NULL },
  { "group:acme", G, NULL, "acme", NULL },
  { "Group: platform/infra", G, NULL, "platform|infra", NULL },
  { "https://gitlab.example.net/platform/*", G, "gitlab.example.net", "platform", NULL },
  { "", E, NULL, NULL, NULL },
  { "   \t ", E, NULL, NULL, NULL },
  { "# the payments team", E, NULL, NULL, NULL },
  { "acme", I, NULL, NULL, "acme/repo" },
  { "https://github.com/acme", I, "github.com", NULL, "acme/*" },
  { "*", I, NULL, NULL, "owner/repo" },
  { "/", I, NULL, NULL, "owner/repo" },
  { "acme//ledger", I, NULL, NULL, "empty name" },
  { "acme/ledger service", I, NULL, NULL, "Spaces" },
  { "acme/*/ledger", I, NULL, NULL, "at the end" },
  { "acme/led*", I, NULL, NULL, "at the end" },
  { "acme/ledger!", I, NULL, NULL, "“!” is not allowed" },
  { "acme/../etc", I, NULL, NULL, "“..”" },
  { "https://github.com/acme/ledger/extra", I, "github.com", NULL, "owner/repo" },
  { "https://user:s3cret@github.com/acme/ledger", I, NULL, NULL, "password" },
  { "https://oauth2:glpat-123@gitlab.example.net/a/b.git", I, NULL, NULL, "password" },
  /* Found by fuzz/fuzz-input-repo: a password in an ssh:// address, and the host after the last
   * "@" (never one holding user information). */
  { "ssh://git:s3cret@gitlab.example.net/a/b.git", I, NULL, NULL, "password" },
  { "ssh://git@x@gitlab.example.net/platform/tools.git", R, "gitlab.example.net",
    "platform|tools", NULL },
  { "git@x@github.com:acme/ledger-service.git", R, "github.com", "acme|ledger-service", NULL },
  /* A Cyrillic "е" (U+0435), whose low byte is "5", is not a repository name's letter. */
  { "acme/l\xd0\xb5" "dger", I, NULL, NULL, "“е” is not allowed" },
  { "acme/ledger.git.git", I, NULL, NULL, "cannot end in .git" },
  { "acme/.git", I, NULL, NULL, "cannot end in .git" },
  { "ftp://example.com/acme/ledger", I, NULL, NULL, "https://" },
  { "https:///acme/ledger", I, NULL, NULL, "no host" },
  { "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u", I, NULL, NULL, "too many" },
  { "acme/l\xffger", I, NULL, NULL, "is not allowed" },
};

static void
test_repo_lines (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (repo_cases); i++)
    {
      g_autoptr(DaRepoLine) line = da_input_parse_repo_line (repo_cases[i].line);
      g_autofree char *stripped = g_strstrip (g_utf8_make_valid (repo_cases[i].line, -1));

      log_input ("repo line", repo_cases[i].line);

      g_assert_cmpint (line->kind, ==, repo_cases[i].kind);
      g_assert_cmpstr (line->text, ==, stripped);
      g_assert_cmpstr (line->host, ==, repo_cases[i].host);

      if (repo_cases[i].kind == R || repo_cases[i].kind == G)
        {
          g_autofree char *path = g_strjoinv ("|", line->segments);

          g_assert_cmpstr (path, ==, repo_cases[i].path);
          g_assert_null (line->reason);
        }
      else if (repo_cases[i].kind == I)
        {
          g_assert_null (line->segments);
          g_assert_nonnull (line->reason);
          if (strstr (line->reason, repo_cases[i].reason) == NULL)
            g_error ("reason “%s” does not say “%s”", line->reason, repo_cases[i].reason);
          /* A credential never reaches what is sent or shown as the reason. */
          g_assert_null (strstr (line->reason, "s3cret"));
          g_assert_null (strstr (line->reason, "glpat"));
        }
      else
        {
          g_assert_null (line->segments);
          g_assert_null (line->reason);
        }
    }

  /* NULL is an empty line */
  {
    g_autoptr(DaRepoLine) line = da_input_parse_repo_line (NULL);

    g_assert_cmpint (line->kind, ==, DA_REPO_LINE_EMPTY);
  }
}

static void
test_repo_lines_text (void)
{
  g_autoptr(GPtrArray) lines = NULL;
  DaRepoLine *line;

  lines = da_input_parse_repo_lines ("acme/ledger\n\n# comment\r\n"
                                     "https://github.com/acme/billing.git\r\n"
                                     "ACME/Ledger\n"
                                     "acme/*\n"
                                     "group:acme\n"
                                     "acme\n"
                                     "git@github.com:acme/ledger.git\n");
  g_assert_cmpuint (lines->len, ==, 7);

  line = g_ptr_array_index (lines, 0);
  g_assert_cmpint (line->kind, ==, DA_REPO_LINE_REPOSITORY);
  g_assert_cmpstr (line->text, ==, "acme/ledger");

  line = g_ptr_array_index (lines, 1);
  g_assert_cmpint (line->kind, ==, DA_REPO_LINE_REPOSITORY);
  g_assert_cmpstr (line->host, ==, "github.com");

  /* The same repository again, in other letters */
  line = g_ptr_array_index (lines, 2);
  g_assert_cmpint (line->kind, ==, DA_REPO_LINE_INVALID);
  g_assert_cmpstr (line->reason, ==, "This repository is already in the list");

  line = g_ptr_array_index (lines, 3);
  g_assert_cmpint (line->kind, ==, DA_REPO_LINE_GROUP);

  line = g_ptr_array_index (lines, 4);
  g_assert_cmpint (line->kind, ==, DA_REPO_LINE_INVALID);
  g_assert_cmpstr (line->reason, ==, "This group is already in the list");

  line = g_ptr_array_index (lines, 5);
  g_assert_cmpint (line->kind, ==, DA_REPO_LINE_INVALID);

  /* With a host, it is another line than the same path without one */
  line = g_ptr_array_index (lines, 6);
  g_assert_cmpint (line->kind, ==, DA_REPO_LINE_REPOSITORY);

  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = da_input_parse_repo_lines ("");
  g_assert_cmpuint (lines->len, ==, 0);

  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = da_input_parse_repo_lines (NULL);
  g_assert_cmpuint (lines->len, ==, 0);
}

/* ACU limits */

static void
test_acu_limits (void)
{
  struct {
    const char *text;
    gboolean    valid;
    gint64      limit;
    const char *reason;   /* a part of the reason */
  } cases[] = {
    { "", TRUE, -1, NULL },
    { "   ", TRUE, -1, NULL },
    { "\xC2\xA0", TRUE, -1, NULL },
    { NULL, TRUE, -1, NULL },
    { "1500", TRUE, 1500, NULL },
    { " 42 ", TRUE, 42, NULL },
    { "1", TRUE, 1, NULL },
    { "007", TRUE, 7, NULL },
    { "1,500", TRUE, 1500, NULL },
    { "1 500", TRUE, 1500, NULL },
    { "1\xC2\xA0" "500", TRUE, 1500, NULL },
    { "1\xE2\x80\xAF" "500", TRUE, 1500, NULL },
    { "1'500", TRUE, 1500, NULL },
    { "12,345,678", TRUE, 12345678, NULL },
    { "1000000000", TRUE, 1000000000, NULL },
    { "1,000,000,000", TRUE, 1000000000, NULL },
    { "-3", FALSE, 0, "positive" },
    { "\xE2\x88\x92" "3", FALSE, 0, "positive" },
    { "0", FALSE, 0, "positive" },
    { "0,000", FALSE, 0, "positive" },
    { "1.5", FALSE, 0, "whole" },
    { "1.500", FALSE, 0, "whole" },
    { "abc", FALSE, 0, "such as 1500" },
    { "+5", FALSE, 0, "such as 1500" },
    { "1e3", FALSE, 0, "such as 1500" },
    { "15 ACUs", FALSE, 0, "such as 1500" },
    { "\xD9\xA3", FALSE, 0, "such as 1500" },
    { "1000000001", FALSE, 0, "at most" },
    { "99999999999999999999999", FALSE, 0, "at most" },
    { "1,50", FALSE, 0, "1,500" },
    { "15,00", FALSE, 0, "1,500" },
    { "1500,", FALSE, 0, "1,500" },
    { "1234,567", FALSE, 0, "1,500" },
    { "1,500 000", FALSE, 0, "1,500" },
    { ",500", FALSE, 0, "such as 1500" },
    { "1\xff" "500", FALSE, 0, "such as 1500" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reason = NULL;
      gint64 limit = 12345;
      gboolean valid;

      log_input ("ACU limit", cases[i].text);
      valid = da_input_parse_acu_limit (cases[i].text, &limit, &reason);
      g_assert_cmpint (valid, ==, cases[i].valid);

      if (valid)
        {
          g_assert_cmpint (limit, ==, cases[i].limit);
          g_assert_null (reason);
        }
      else
        {
          g_assert_nonnull (reason);
          if (strstr (reason, cases[i].reason) == NULL)
            g_error ("reason “%s” does not say “%s”", reason, cases[i].reason);
        }
    }

  /* The out arguments are optional. */
  g_assert_true (da_input_parse_acu_limit ("10", NULL, NULL));
  g_assert_false (da_input_parse_acu_limit ("x", NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/input/emails", test_emails);
  g_test_add_func ("/input/emails/many", test_emails_many);
  g_test_add_func ("/input/email-is-valid", test_email_is_valid);
  g_test_add_func ("/input/repo-lines/one", test_repo_lines);
  g_test_add_func ("/input/repo-lines/text", test_repo_lines_text);
  g_test_add_func ("/input/acu-limits", test_acu_limits);

  return g_test_run ();
}

/* da-input.c: checking what an administrator types before it is sent
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-input.h"

#define MAX_LOCAL_PART_LENGTH 64
#define MAX_ADDRESS_LENGTH    254
#define MAX_LABEL_LENGTH      63
#define MAX_REPO_SEGMENTS     20
#define MAX_ACU_LIMIT         G_GINT64_CONSTANT (1000000000)

/* Emails */

void
da_email_entry_free (DaEmailEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->text);
  g_free (entry->address);
  g_free (entry->reason);
  g_free (entry);
}

static gboolean
is_atext (gunichar c)
{
  /* RFC 5322 atext, plus any non-ASCII letter (internationalized addresses) */
  if (c >= 0x80)
    return g_unichar_isgraph (c);
  if (g_ascii_isalnum (c))
    return TRUE;
  return strchr ("!#$%&'*+/=?^_`{|}~-", (int) c) != NULL && c != 0;
}

static gboolean
is_domain_char (gunichar c)
{
  if (c >= 0x80)
    return g_unichar_isalnum (c) || g_unichar_ismark (c);
  return g_ascii_isalnum (c) || c == '-';
}

static char *
describe_char (gunichar c)
{
  char buffer[8] = { 0, };

  g_unichar_to_utf8 (c, buffer);
  /* Translators: %s is one character, e.g. “(” is not allowed in an address */
  return g_strdup_printf (_("“%s” is not allowed in an address"), buffer);
}

/* NULL when @address (valid UTF-8) is a usable address; else why not. (transfer full) */
static char *
check_address (const char *address)
{
  const char *at;
  const char *domain;
  const char *last_dot;
  gsize local_length;
  gboolean all_digits;

  if (*address == '\0')
    return g_strdup (_("The address is empty"));

  for (const char *p = address; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return g_strdup (_("Spaces are not allowed"));

  at = strchr (address, '@');
  if (at == NULL)
    return g_strdup (_("Missing @: an address looks like name@example.com"));
  if (strchr (at + 1, '@') != NULL)
    return g_strdup (_("There is more than one @"));

  local_length = at - address;
  domain = at + 1;

  if (local_length == 0)
    return g_strdup (_("The name before @ is missing"));
  if (*domain == '\0')
    return g_strdup (_("The domain after @ is missing"));
  if (strlen (address) > MAX_ADDRESS_LENGTH)
    return g_strdup (_("The address is too long"));
  if (local_length > MAX_LOCAL_PART_LENGTH)
    return g_strdup (_("The name before @ is too long"));

  /* The part before @ */
  if (address[0] == '.' || at[-1] == '.' || g_strstr_len (address, local_length, "..") != NULL)
    return g_strdup (_("The name before @ cannot start or end with a dot, or have two dots in a "
                       "row"));
  for (const char *p = address; p < at; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '.' && !is_atext (c))
        return describe_char (c);
    }

  /* The domain */
  if (strchr (domain, '.') == NULL)
    return g_strdup (_("The domain needs a dot, as in example.com"));
  if (domain[0] == '.' || domain[strlen (domain) - 1] == '.' || strstr (domain, "..") != NULL)
    return g_strdup (_("The domain cannot start or end with a dot, or have two dots in a row"));

  for (const char *p = domain; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '.' && !is_domain_char (c))
        return describe_char (c);
    }

  for (const char *label = domain; label != NULL; )
    {
      const char *dot = strchr (label, '.');
      gsize length = dot != NULL ? (gsize) (dot - label) : strlen (label);

      if (label[0] == '-' || label[length - 1] == '-')
        return g_strdup (_("A part of the domain cannot start or end with a hyphen"));
      if (length > MAX_LABEL_LENGTH)
        return g_strdup (_("A part of the domain is too long"));

      label = dot != NULL ? dot + 1 : NULL;
    }

  last_dot = strrchr (domain, '.');
  all_digits = TRUE;
  for (const char *p = last_dot + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      all_digits = FALSE;
  if (g_utf8_strlen (last_dot + 1, -1) < 2 || all_digits)
    /* Translators: %s is the end of a domain, e.g. “c” in name@example.c */
    return g_strdup_printf (_("The domain ending “%s” is not valid"), last_dot + 1);

  return NULL;
}

gboolean
da_input_email_is_valid (const char *address)
{
  g_autofree char *reason = NULL;

  if (address == NULL || !g_utf8_validate (address, -1, NULL))
    return FALSE;

  reason = check_address (address);
  return reason == NULL;
}

/* The address to send: the domain lower-cased, the part before @ as typed. */
static char *
normalize_address (const char *address)
{
  const char *at = strchr (address, '@');
  g_autofree char *domain = g_utf8_strdown (at + 1, -1);

  return g_strdup_printf ("%.*s@%s", (int) (at - address), address, domain);
}

static gboolean
has_prefix_ascii_case (const char *text,
                       const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

static void
strip_quotes (char *text)
{
  gsize length = strlen (text);

  if (length >= 2 &&
      ((text[0] == '"' && text[length - 1] == '"') ||
       (text[0] == '\'' && text[length - 1] == '\'')))
    {
      memmove (text, text + 1, length - 2);
      text[length - 2] = '\0';
      g_strstrip (text);
    }
}

typedef struct
{
  GPtrArray  *entries;
  GHashTable *seen;   /* casefolded address → TRUE */
} EmailParse;

/* One candidate: an address, maybe in a "Name <address>" form. */
static void
add_candidate (EmailParse *parse,
               const char *start,
               gsize       length)
{
  DaEmailEntry *entry;
  g_autofree char *candidate = NULL;
  const char *open;
  char *address;

  candidate = g_strndup (start, length);
  g_strstrip (candidate);
  if (*candidate == '\0')
    return;

  entry = g_new0 (DaEmailEntry, 1);
  entry->text = g_strdup (candidate);
  g_ptr_array_add (parse->entries, entry);

  open = strchr (candidate, '<');
  if (open != NULL)
    {
      char *close = strchr (open, '>');

      if (close == NULL)
        {
          entry->status = DA_EMAIL_MALFORMED;
          entry->reason = g_strdup (_("The “<” is not closed by a “>”"));
          return;
        }

      *close = '\0';
      address = (char *) open + 1;
    }
  else
    address = candidate;

  g_strstrip (address);
  strip_quotes (address);
  if (has_prefix_ascii_case (address, "mailto:"))
    address += strlen ("mailto:");

  entry->reason = check_address (address);
  if (entry->reason != NULL)
    {
      entry->status = DA_EMAIL_MALFORMED;
      return;
    }

  entry->address = normalize_address (address);

  {
    char *key = g_utf8_casefold (entry->address, -1);

    if (g_hash_table_contains (parse->seen, key))
      {
        entry->status = DA_EMAIL_DUPLICATE;
        entry->reason = g_strdup (_("This address is already in the list"));
        g_free (key);
      }
    else
      {
        entry->status = DA_EMAIL_VALID;
        g_hash_table_add (parse->seen, key);
      }
  }
}

static gboolean
is_space_at (const char *p)
{
  return *p != '\0' && g_unichar_isspace (g_utf8_get_char (p));
}

/* A piece of typed text between separators. With a "<", it is one "Name <address>" entry; else
 * every word is one, except that words glued to an "@" or a "." by spaces ("lena @ example.com")
 * stay together, to be reported as an address with spaces. */
static void
add_segment (EmailParse *parse,
             const char *start,
             const char *end)
{
  const char *p = start;
  gboolean in_quotes = FALSE;

  for (const char *q = start; q < end; q++)
    {
      if (*q == '"')
        in_quotes = !in_quotes;
      else if (*q == '<' && !in_quotes)
        {
          add_candidate (parse, start, end - start);
          return;
        }
    }

  while (p < end)
    {
      const char *word_start;
      const char *word_end;

      while (p < end && is_space_at (p))
        p = g_utf8_next_char (p);
      if (p >= end)
        break;

      word_start = p;
      for (;;)
        {
          const char *next;

          while (p < end && !is_space_at (p))
            p = g_utf8_next_char (p);
          word_end = p;

          next = p;
          while (next < end && is_space_at (next))
            next = g_utf8_next_char (next);

          /* Glue the next word when this one ends, or the next one starts, with "@" or "." */
          if (next < end && next > word_end &&
              (word_end[-1] == '@' || word_end[-1] == '.' || *next == '@' || *next == '.'))
            {
              p = next;
              continue;
            }
          break;
        }

      add_candidate (parse, word_start, word_end - word_start);
    }
}

/* Typed or pasted text: commas, semicolons and new lines separate entries; a quoted name or an
 * address in angle brackets can hold a comma. A new line ends an unclosed quote or bracket. */
static void
split_typed (EmailParse *parse,
             const char *text)
{
  const char *segment = text;
  gboolean in_quotes = FALSE;
  gboolean in_angle = FALSE;

  for (const char *p = text; ; p++)
    {
      char c = *p;

      if (c == '\0' || c == '\n' || c == '\r' ||
          (!in_quotes && !in_angle && (c == ',' || c == ';')))
        {
          add_segment (parse, segment, p);
          if (c == '\0')
            break;
          segment = p + 1;
          in_quotes = FALSE;
          in_angle = FALSE;
          continue;
        }

      if (c == '"' && !in_angle)
        in_quotes = !in_quotes;
      else if (c == '<' && !in_quotes)
        in_angle = TRUE;
      else if (c == '>' && in_angle)
        in_angle = FALSE;
    }
}

/* CSV: records of cells, RFC 4180 quoting ("" in a quoted cell is one "), lenient about text
 * after a closing quote. (transfer full): GPtrArray of GPtrArray of char* */
static GPtrArray *
parse_csv (const char *text,
           char        delimiter)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = text;

  for (;;)
    {
      /* One cell */
      while (*p == ' ')
        p++;

      if (*p == '"')
        {
          p++;
          while (*p != '\0')
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (cell, *p++);
            }
        }

      while (*p != '\0' && *p != delimiter && *p != '\n' && *p != '\r')
        g_string_append_c (cell, *p++);

      g_ptr_array_add (record, g_strstrip (g_strdup (cell->str)));
      g_string_truncate (cell, 0);

      if (*p == delimiter)
        {
          p++;
          continue;
        }

      g_ptr_array_add (records, record);
      record = g_ptr_array_new_with_free_func (g_free);

      if (*p == '\0')
        break;
      if (*p == '\r' && p[1] == '\n')
        p++;
      p++;
    }

  g_ptr_array_unref (record);
  g_string_free (cell, TRUE);

  return records;
}

static gboolean
record_is_empty (GPtrArray *record)
{
  for (guint i = 0; i < record->len; i++)
    if (*(const char *) g_ptr_array_index (record, i) != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
record_has_at (GPtrArray *record)
{
  for (guint i = 0; i < record->len; i++)
    if (strchr (g_ptr_array_index (record, i), '@') != NULL)
      return TRUE;
  return FALSE;
}

/* Whether @records look like a table with a column of addresses beside columns of other things
 * (names, roles): then only the cells with an "@" are candidates. A list typed by hand has
 * addresses (or mistakes) everywhere, and no column free of "@". */
static gboolean
is_table (GPtrArray *records,
          char       delimiter)
{
  guint n_records = 0;
  guint n_columns = 0;
  guint first_data = 0;
  gboolean has_address_column = FALSE;
  gboolean has_other_column = FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      GPtrArray *record = g_ptr_array_index (records, i);

      if (record_is_empty (record))
        continue;
      if (record->len < 2)
        return FALSE;
      n_records++;
      n_columns = MAX (n_columns, record->len);
    }

  if (n_records < (delimiter == '\t' ? 1u : 2u))
    return FALSE;

  /* A first row without any address is a header. */
  while (first_data < records->len && record_is_empty (g_ptr_array_index (records, first_data)))
    first_data++;
  if (first_data < records->len && !record_has_at (g_ptr_array_index (records, first_data)))
    first_data++;

  for (guint column = 0; column < n_columns; column++)
    {
      gboolean any_at = FALSE;
      gboolean any_text = FALSE;

      for (guint i = first_data; i < records->len; i++)
        {
          GPtrArray *record = g_ptr_array_index (records, i);
          const char *cell;

          if (column >= record->len)
            continue;
          cell = g_ptr_array_index (record, column);
          if (strchr (cell, '@') != NULL)
            any_at = TRUE;
          else if (*cell != '\0')
            any_text = TRUE;
        }

      if (any_at)
        has_address_column = TRUE;
      else if (any_text)
        has_other_column = TRUE;
    }

  return has_address_column && has_other_column;
}

static gboolean
is_header_word (const char *cell)
{
  static const char * const words[] = {
    "email", "e-mail", "emails", "e-mails", "email address", "e-mail address",
    "email addresses", "mail", "address", "addresses",
  };
  g_autofree char *word = g_strstrip (g_ascii_strdown (cell, -1));

  strip_quotes (word);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (word, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A first line such as "email" or "Name,Email" is a header, not an entry. */
static const char *
skip_header_line (const char *text)
{
  const char *end = text + strcspn (text, "\r\n");
  g_autofree char *line = g_strndup (text, end - text);
  g_auto(GStrv) cells = NULL;
  gboolean header = FALSE;

  if (strchr (line, '@') != NULL)
    return text;

  cells = g_strsplit_set (line, ",;\t", -1);
  for (guint i = 0; cells[i] != NULL; i++)
    if (is_header_word (cells[i]))
      header = TRUE;

  return header ? end : text;
}

/**
 * da_input_parse_emails:
 * @text: what was typed or pasted
 * @length: its length in bytes, or -1 when it is NUL-terminated
 *
 * Returns: (transfer full) (element-type DaEmailEntry): the entries, in the order of the text
 */
GPtrArray *
da_input_parse_emails (const char *text,
                       gssize      length)
{
  EmailParse parse;
  g_autofree char *valid = NULL;
  const char *start;
  static const char delimiters[] = { '\t', ',', ';' };
  gboolean table = FALSE;

  parse.entries = g_ptr_array_new_with_free_func ((GDestroyNotify) da_email_entry_free);

  if (text == NULL)
    return parse.entries;

  /* Anything pasted is made valid UTF-8 first (a NUL or a stray byte becomes U+FFFD). */
  valid = g_utf8_make_valid (text, length);
  start = valid;
  if (g_str_has_prefix (start, "\xEF\xBB\xBF"))
    start += 3;

  parse.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (delimiters) && !table; i++)
    {
      g_autoptr(GPtrArray) records = NULL;

      if (strchr (start, delimiters[i]) == NULL)
        continue;

      records = parse_csv (start, delimiters[i]);
      if (!is_table (records, delimiters[i]))
        continue;

      table = TRUE;
      for (guint r = 0; r < records->len; r++)
        {
          GPtrArray *record = g_ptr_array_index (records, r);

          for (guint c = 0; c < record->len; c++)
            {
              const char *cell = g_ptr_array_index (record, c);

              const char *at = strchr (cell, '@');

              /* A cell is one entry, maybe "Last, First <address>"; or, with more than one
               * "@", a list of its own. */
              if (at == NULL)
                continue;
              if (strchr (at + 1, '@') == NULL)
                add_candidate (&parse, cell, strlen (cell));
              else
                split_typed (&parse, cell);
            }
        }
    }

  if (!table)
    split_typed (&parse, skip_header_line (start));

  g_hash_table_unref (parse.seen);

  return parse.entries;
}

/* Repository lines */

void
da_repo_line_free (DaRepoLine *line)
{
  if (line == NULL)
    return;

  g_free (line->text);
  g_free (line->host);
  g_strfreev (line->segments);
  g_free (line->reason);
  g_free (line);
}

static DaRepoLine *
repo_line_invalid (DaRepoLine *line,
                   char       *reason)
{
  line->kind = DA_REPO_LINE_INVALID;
  line->reason = reason;
  g_clear_pointer (&line->segments, g_strfreev);
  return line;
}

static gboolean
is_github_host (const char *host)
{
  return host != NULL && (strcmp (host, "github.com") == 0 || strcmp (host, "www.github.com") == 0);
}

/* Pages of a GitHub repository that a copied address may point into */
static gboolean
is_github_page (const char *segment)
{
  static const char * const pages[] = {
    "tree", "blob", "pull", "pulls", "issues", "commit", "commits", "actions", "wiki", "releases",
    "tags", "branches", "settings", "compare", "security", "projects",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (strcmp (segment, pages[i]) == 0)
      return TRUE;
  return FALSE;
}

/* NULL when @segment is a valid name; else why not. (transfer full) */
static char *
check_segment (const char *segment)
{
  if (strcmp (segment, ".") == 0 || strcmp (segment, "..") == 0)
    /* Translators: %s is "." or ".." */
    return g_strdup_printf (_("“%s” is not a repository or group name"), segment);

  for (const char *p = segment; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buffer[8] = { 0, };

      /* ASCII only: g_ascii_isalnum() of a wider character looks at its low byte. */
      if (c < 0x80 && (g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.'))
        continue;
      if (g_unichar_isspace (c))
        return g_strdup (_("Spaces are not allowed"));
      if (c == '*')
        return g_strdup (_("“*” only works at the end, for every repository of a group, as in "
                           "acme/*"));

      g_unichar_to_utf8 (c, buffer);
      /* Translators: %s is one character */
      return g_strdup_printf (_("“%s” is not allowed in a repository name"), buffer);
    }

  return NULL;
}

/* Splits "scheme://[user@]host[:port]/path" or "[user@]host:path". FALSE when @text is neither;
 * *reason is set when it is one but unusable. */
static gboolean
split_remote (const char  *text,
              char       **host,
              char       **path,
              char       **reason)
{
  const char *scheme_end = strstr (text, "://");
  const char *authority;
  const char *authority_end;
  const char *at;
  const char *colon;
  g_autofree char *host_text = NULL;

  *reason = NULL;

  if (scheme_end != NULL)
    {
      g_autofree char *scheme = g_ascii_strdown (text, scheme_end - text);
      gboolean is_http = strcmp (scheme, "https") == 0 || strcmp (scheme, "http") == 0;

      if (!is_http && strcmp (scheme, "ssh") != 0 && strcmp (scheme, "git") != 0)
        {
          *reason = g_strdup (_("Use an https:// or ssh:// address, or write owner/repo"));
          return TRUE;
        }

      authority = scheme_end + 3;
      authority_end = authority + strcspn (authority, "/?#");
      /* The user information ends at the last "@" of the authority. */
      at = g_strrstr_len (authority, authority_end - authority, "@");
      if (at != NULL && (is_http || memchr (authority, ':', at - authority) != NULL))
        {
          /* It may hold a password or a token (ssh://git@ names only a user): never keep it. */
          *reason = g_strdup (_("Remove the user name and password from the address"));
          return TRUE;
        }
      if (at != NULL)
        authority = at + 1;

      host_text = g_strndup (authority, authority_end - authority);
      colon = strchr (host_text, ':');
      if (colon != NULL)
        host_text[colon - host_text] = '\0';

      *path = g_strndup (authority_end, strcspn (authority_end, "?#"));
    }
  else
    {
      /* scp-like: git@host:owner/repo.git — a host has a dot (or is localhost) and no slash */
      colon = strchr (text, ':');
      if (colon == NULL || memchr (text, '/', colon - text) != NULL)
        return FALSE;

      at = g_strrstr_len (text, colon - text, "@");
      authority = at != NULL ? at + 1 : text;
      host_text = g_strndup (authority, colon - authority);
      if (strchr (host_text, '.') == NULL && strcmp (host_text, "localhost") != 0)
        return FALSE;

      *path = g_strdup (colon + 1);
    }

  if (*host_text == '\0')
    {
      g_clear_pointer (path, g_free);
      *reason = g_strdup (_("The address has no host"));
      return TRUE;
    }

  *host = g_ascii_strdown (host_text, -1);
  return TRUE;
}

/**
 * da_input_parse_repo_line:
 * @line: one line typed into the grant dialog
 *
 * Returns: (transfer full): what the line is
 */
DaRepoLine *
da_input_parse_repo_line (const char *line)
{
  DaRepoLine *result = g_new0 (DaRepoLine, 1);
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  gboolean is_url = FALSE;
  gboolean is_group = FALSE;
  char *cut;
  guint n;

  result->text = g_utf8_make_valid (line != NULL ? line : "", -1);
  g_strstrip (result->text);

  if (result->text[0] == '\0' || result->text[0] == '#')
    {
      result->kind = DA_REPO_LINE_EMPTY;
      return result;
    }

  if (has_prefix_ascii_case (result->text, "group:"))
    {
      path = g_strdup (result->text + strlen ("group:"));
      g_strstrip (path);
      is_group = TRUE;
    }
  else if (split_remote (result->text, &result->host, &path, &reason))
    {
      if (reason != NULL)
        return repo_line_invalid (result, g_steal_pointer (&reason));
      is_url = TRUE;
    }
  else
    path = g_strdup (result->text);

  /* GitLab pages of a project: ".../group/project/-/tree/main" */
  cut = strstr (path, "/-/");
  if (cut != NULL)
    *cut = '\0';

  while (path[0] == '/')
    memmove (path, path + 1, strlen (path));

  if (g_str_has_suffix (path, "/*"))
    {
      path[strlen (path) - 2] = '\0';
      is_group = TRUE;
    }
  else if (g_str_has_suffix (path, "/"))
    {
      while (g_str_has_suffix (path, "/"))
        path[strlen (path) - 1] = '\0';
      /* "acme/" is a group; a copied address ending with "/" is not. */
      if (!is_url)
        is_group = TRUE;
    }

  if (path[0] == '\0' || strcmp (path, "*") == 0)
    return repo_line_invalid (result, g_strdup (_("Write owner/repo, or acme/* for every "
                                                  "repository of a group")));

  result->segments = g_strsplit (path, "/", -1);
  n = g_strv_length (result->segments);

  for (guint i = 0; i < n; i++)
    {
      if (result->segments[i][0] == '\0')
        return repo_line_invalid (result, g_strdup (_("There is an empty name between two "
                                                      "slashes")));
    }

  if (is_url && is_github_host (result->host) && n > 2 && is_github_page (result->segments[2]))
    {
      for (guint i = 2; i < n; i++)
        g_clear_pointer (&result->segments[i], g_free);
      n = 2;
    }

  if (!is_group && n >= 1 && g_str_has_suffix (result->segments[n - 1], ".git") &&
      strlen (result->segments[n - 1]) > strlen (".git"))
    result->segments[n - 1][strlen (result->segments[n - 1]) - strlen (".git")] = '\0';

  /* GitHub and GitLab refuse repository names ending in .git; "ledger.git.git" would otherwise
   * be sent as a repository "ledger.git" that reads back as "ledger" (found by
   * fuzz/fuzz-input-repo). */
  if (!is_group && n >= 1 && g_str_has_suffix (result->segments[n - 1], ".git"))
    return repo_line_invalid (result, g_strdup (_("A repository name cannot end in .git")));

  for (guint i = 0; i < n; i++)
    {
      reason = check_segment (result->segments[i]);
      if (reason != NULL)
        return repo_line_invalid (result, g_steal_pointer (&reason));
    }

  if (n > MAX_REPO_SEGMENTS)
    return repo_line_invalid (result, g_strdup (_("The path has too many parts")));

  if (is_group)
    {
      result->kind = DA_REPO_LINE_GROUP;
      return result;
    }

  if (n == 1)
    /* Translators: %s is a group or owner name, e.g. Write acme/repo for one repository… */
    return repo_line_invalid (result, g_strdup_printf (_("Write %s/repo for one repository, or "
                                                         "%s/* for every repository of %s"),
                                                       result->segments[0],
                                                       result->segments[0],
                                                       result->segments[0]));

  if (is_github_host (result->host) && n > 2)
    return repo_line_invalid (result, g_strdup (_("GitHub repositories are written owner/repo")));

  result->kind = DA_REPO_LINE_REPOSITORY;
  return result;
}

static char *
repo_line_key (DaRepoLine *line)
{
  g_autofree char *path = g_strjoinv ("/", line->segments);
  g_autofree char *lower = g_utf8_strdown (path, -1);

  return g_strdup_printf ("%d %s %s", line->kind, line->host != NULL ? line->host : "", lower);
}

/**
 * da_input_parse_repo_lines:
 * @text: the lines typed into the grant dialog
 *
 * Blank lines and comments are left out; a line that repeats an earlier one is INVALID.
 *
 * Returns: (transfer full) (element-type DaRepoLine): the lines
 */
GPtrArray *
da_input_parse_repo_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) da_repo_line_free);
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return lines;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parts = g_strsplit_set (text, "\r\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      DaRepoLine *line = da_input_parse_repo_line (parts[i]);
      char *key;

      if (line->kind == DA_REPO_LINE_EMPTY)
        {
          da_repo_line_free (line);
          continue;
        }

      if (line->kind != DA_REPO_LINE_INVALID)
        {
          key = repo_line_key (line);
          if (g_hash_table_contains (seen, key))
            {
              repo_line_invalid (line, g_strdup (line->kind == DA_REPO_LINE_GROUP
                                                 ? _("This group is already in the list")
                                                 : _("This repository is already in the list")));
              g_free (key);
            }
          else
            g_hash_table_add (seen, key);
        }

      g_ptr_array_add (lines, line);
    }

  return lines;
}

/* ACU limits */

static gboolean
is_group_separator (gunichar c)
{
  /* 1,500 · 1 500 (also no-break and narrow no-break spaces) · 1'500 */
  return c == ',' || c == ' ' || c == 0x00A0 || c == 0x202F || c == '\'' || c == 0x2019;
}

static gboolean
fail_acu (char       **reason,
          const char  *message)
{
  if (reason != NULL)
    *reason = g_strdup (message);
  return FALSE;
}

/**
 * da_input_parse_acu_limit:
 * @text: (nullable): what was typed
 * @limit: (out) (optional): the limit, -1 for "no limit"
 * @reason: (out) (optional): why @text is not a limit
 *
 * Returns: whether @text is a limit (or empty: no limit)
 */
gboolean
da_input_parse_acu_limit (const char  *text,
                          gint64      *limit,
                          char       **reason)
{
  g_autofree char *copy = NULL;
  gint64 value = 0;
  guint n_digits = 0;
  guint group_digits = 0;
  guint n_groups = 0;
  gunichar separator = 0;
  const char *p;

  if (reason != NULL)
    *reason = NULL;

  copy = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_strstrip (copy);

  /* A no-break space at either end is not stripped by g_strstrip(). */
  while (g_str_has_prefix (copy, "\xC2\xA0"))
    memmove (copy, copy + 2, strlen (copy) - 1);
  while (g_str_has_suffix (copy, "\xC2\xA0"))
    copy[strlen (copy) - 2] = '\0';

  if (copy[0] == '\0')
    {
      if (limit != NULL)
        *limit = -1;
      return TRUE;
    }

  if (copy[0] == '-' || g_str_has_prefix (copy, "\xE2\x88\x92"))
    return fail_acu (reason, _("The limit must be a positive whole number"));

  for (p = copy; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          /* More than ten digits is beyond any limit: stop before it overflows. */
          if (++n_digits > 10)
            return fail_acu (reason, _("The limit can be at most 1,000,000,000 ACUs"));
          value = value * 10 + (c - '0');
          group_digits++;
          continue;
        }

      if (c == '.' && g_ascii_isdigit (p[1]))
        return fail_acu (reason, _("ACU limits are whole numbers"));

      if (is_group_separator (c) && n_digits > 0)
        {
          /* Separators between groups of three digits, all the same kind */
          if ((separator != 0 && separator != c) ||
              (n_groups == 0 && group_digits > 3) ||
              (n_groups > 0 && group_digits != 3))
            return fail_acu (reason, _("Write the limit as 1500 or 1,500"));

          separator = c;
          n_groups++;
          group_digits = 0;
          continue;
        }

      return fail_acu (reason, _("Enter a whole number of ACUs, such as 1500"));
    }

  if (n_groups > 0 && group_digits != 3)
    return fail_acu (reason, _("Write the limit as 1500 or 1,500"));

  if (value == 0)
    return fail_acu (reason, _("The limit must be a positive whole number"));

  if (value > MAX_ACU_LIMIT)
    return fail_acu (reason, _("The limit can be at most 1,000,000,000 ACUs"));

  if (limit != NULL)
    *limit = value;
  return TRUE;
}

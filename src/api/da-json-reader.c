/* da-json-reader.c: a strict, fast reader of JSON answers into json-glib nodes
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JsonParser reads through GScanner at about 40 MB/s, which made parsing the larger part of
 * loading a long list. This reader builds the same JsonNode trees (integers as gint64 when they
 * fit, else doubles; the last of duplicate keys wins) from the bytes directly, several times
 * faster. It is strict RFC 8259: one value, no comments, no trailing commas, valid UTF-8 only,
 * and a bounded depth, so hostile input is an error and never a crash.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "da-client-private.h"

#define MAX_DEPTH 256

typedef struct
{
  const char *p;
  const char *start;
  const char *end;
  guint       depth;
  GString    *scratch;
  GError    **error;
} Reader;

static JsonNode *read_value (Reader *r);

static gboolean
fail (Reader     *r,
      const char *what)
{
  if (r->error != NULL && *r->error == NULL)
    g_set_error (r->error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                 "%s at byte %" G_GSIZE_FORMAT, what, (gsize) (r->p - r->start));
  return FALSE;
}

static JsonNode *
fail_null (Reader     *r,
           const char *what)
{
  fail (r, what);
  return NULL;
}

static inline void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static gboolean
read_literal (Reader     *r,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return fail (r, "unexpected word");

  r->p += len;
  return TRUE;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader  *r,
           guint   *value)
{
  guint v = 0;

  if (r->end - r->p < 4)
    return fail (r, "short \\u escape");

  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (r->p[i]);

      if (d < 0)
        return fail (r, "bad \\u escape");
      v = (v << 4) | (guint) d;
    }

  r->p += 4;
  *value = v;
  return TRUE;
}

/* Reads a string (after its opening quote) into r->scratch. */
static gboolean
read_string (Reader *r)
{
  const char *run = r->p;

  g_string_truncate (r->scratch, 0);

  for (;;)
    {
      guchar c;

      if (r->p >= r->end)
        return fail (r, "unterminated string");

      c = (guchar) *r->p;
      if (c == '"')
        {
          g_string_append_len (r->scratch, run, r->p - run);
          r->p++;
          break;
        }
      if (c < 0x20)
        return fail (r, "control character in string");
      if (c != '\\')
        {
          r->p++;
          continue;
        }

      g_string_append_len (r->scratch, run, r->p - run);
      r->p++;
      if (r->p >= r->end)
        return fail (r, "unterminated escape");

      switch (*r->p++)
        {
        case '"': g_string_append_c (r->scratch, '"'); break;
        case '\\': g_string_append_c (r->scratch, '\\'); break;
        case '/': g_string_append_c (r->scratch, '/'); break;
        case 'b': g_string_append_c (r->scratch, '\b'); break;
        case 'f': g_string_append_c (r->scratch, '\f'); break;
        case 'n': g_string_append_c (r->scratch, '\n'); break;
        case 'r': g_string_append_c (r->scratch, '\r'); break;
        case 't': g_string_append_c (r->scratch, '\t'); break;
        case 'u':
          {
            guint unit, low;
            gunichar ch;

            if (!read_hex4 (r, &unit))
              return FALSE;

            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                  return fail (r, "lone surrogate");
                r->p += 2;
                if (!read_hex4 (r, &low))
                  return FALSE;
                if (low < 0xDC00 || low > 0xDFFF)
                  return fail (r, "lone surrogate");
                ch = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (unit >= 0xDC00 && unit <= 0xDFFF)
              {
                return fail (r, "lone surrogate");
              }
            else
              {
                ch = unit;
              }

            if (ch == 0)
              return fail (r, "NUL in string");
            g_string_append_unichar (r->scratch, ch);
          }
          break;
        default:
          return fail (r, "bad escape");
        }
      run = r->p;
    }

  /* The whole text was checked to be UTF-8 already, and escapes only add valid characters. */
  return TRUE;
}

static JsonNode *
read_number (Reader *r)
{
  const char *begin = r->p;
  gboolean is_integer = TRUE;
  JsonNode *node;

  if (r->p < r->end && *r->p == '-')
    r->p++;

  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    return fail_null (r, "bad number");
  if (*r->p == '0')
    r->p++;
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;

  if (r->p < r->end && *r->p == '.')
    {
      is_integer = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return fail_null (r, "bad number");
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      is_integer = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return fail_null (r, "bad number");
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  g_string_truncate (r->scratch, 0);
  g_string_append_len (r->scratch, begin, r->p - begin);

  node = json_node_alloc ();
  if (is_integer)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (r->scratch->str, NULL, 10);
      if (errno == 0)
        return json_node_init_int (node, value);
    }

  return json_node_init_double (node, g_ascii_strtod (r->scratch->str, NULL));
}

static JsonNode *
read_object (Reader *r)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      goto done;
    }

  for (;;)
    {
      g_autofree char *long_name = NULL;
      char short_name[128];
      const char *name;
      JsonNode *value;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"')
        {
          fail (r, "expected a member name");
          json_object_unref (object);
          return NULL;
        }
      r->p++;
      if (!read_string (r))
        {
          json_object_unref (object);
          return NULL;
        }
      /* The value reuses the scratch buffer: keep the name aside, on the stack when short. */
      if (r->scratch->len < sizeof short_name)
        {
          memcpy (short_name, r->scratch->str, r->scratch->len + 1);
          name = short_name;
        }
      else
        {
          name = long_name = g_strndup (r->scratch->str, r->scratch->len);
        }

      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        {
          fail (r, "expected ':'");
          json_object_unref (object);
          return NULL;
        }
      r->p++;

      value = read_value (r);
      if (value == NULL)
        {
          json_object_unref (object);
          return NULL;
        }
      json_object_set_member (object, name, value);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          break;
        }

      fail (r, "expected ',' or '}'");
      json_object_unref (object);
      return NULL;
    }

done:
  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;
}

static JsonNode *
read_array (Reader *r)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;

  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      goto done;
    }

  for (;;)
    {
      JsonNode *value = read_value (r);

      if (value == NULL)
        {
          json_array_unref (array);
          return NULL;
        }
      json_array_add_element (array, value);

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          break;
        }

      fail (r, "expected ',' or ']'");
      json_array_unref (array);
      return NULL;
    }

done:
  node = json_node_alloc ();
  json_node_init_array (node, array);
  json_array_unref (array);
  return node;
}

static JsonNode *
read_value (Reader *r)
{
  JsonNode *node = NULL;

  skip_space (r);
  if (r->p >= r->end)
    return fail_null (r, "unexpected end");

  switch (*r->p)
    {
    case '{':
    case '[':
      if (++r->depth > MAX_DEPTH)
        return fail_null (r, "nested too deeply");
      r->p++;
      node = r->p[-1] == '{' ? read_object (r) : read_array (r);
      r->depth--;
      return node;

    case '"':
      r->p++;
      if (!read_string (r))
        return NULL;
      node = json_node_alloc ();
      json_node_init_string (node, r->scratch->str);
      return node;

    case 't':
      if (!read_literal (r, "true"))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), TRUE);

    case 'f':
      if (!read_literal (r, "false"))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), FALSE);

    case 'n':
      if (!read_literal (r, "null"))
        return NULL;
      return json_node_init_null (json_node_alloc ());

    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r);
      return fail_null (r, "unexpected character");
    }
}

JsonNode *
_da_json_read (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  Reader r = { data, data, data + length, 0, scratch, error };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!da_utf8_validate_len (data, length))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "the text is not valid UTF-8");
      return NULL;
    }

  /* A byte order mark is tolerated, as JsonParser does. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    r.p += 3;

  root = read_value (&r);
  if (root == NULL)
    return NULL;

  skip_space (&r);
  if (r.p != r.end)
    {
      fail (&r, "data after the value");
      json_node_unref (root);
      return NULL;
    }

  return root;
}

/* da-json-scan.c: decoding the hot lists straight from the JSON text
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every check here mirrors one of the general path (src/api/da-json-reader.c for the syntax,
 * da-json.c for the fields and for compact text), in the conservative direction: when in doubt,
 * return FALSE and let the general path decide.
 */

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "da-json-private.h"
#include "da-json-scan.h"
#include "da-audit-event.h"
#include "da-member.h"

/* As the general reader: deeper nesting is an error there. */
#define MAX_DEPTH 256

/* Keys of one object that da_json_scan_compact() compares for duplicates. */
#define MAX_COMPACT_KEYS 16

void
da_json_scan_init (DaJsonScan *scan,
                   const char *text,
                   gsize       length)
{
  scan->p = text;
  scan->end = text + length;
  scan->depth = 0;
  scan->arena_used = 0;
  scan->shared_texts = NULL;
}

/* ---- Eight bytes at a time --------------------------------------------------------------- */

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether a byte of @w is below @n (n <= 128), or equal to @c: exact as a yes or no (a byte may
 * be flagged wrongly only above one that is flagged rightly). */
#define HAS_LESS(w, n) (((w) - ONES * (n)) & ~(w) & HIGHS)
#define HAS_BYTE(w, c) HAS_LESS ((w) ^ (ONES * (c)), 1)

static inline guint64
load_word (const char *p)
{
  guint64 w;

  memcpy (&w, p, sizeof w);
  return w;
}

gboolean
da_utf8_validate_len (const char *text,
                      gsize       length)
{
  const char *p = text, *end = text + length;

  while (p < end)
    {
      guchar c;
      gsize n;

#ifdef __SSE2__
      /* Plain ASCII without NUL, 32 bytes at a time: a byte with its high bit set, or a NUL,
       * sends the search to the words below. */
      while (end - p >= 32)
        {
          __m128i a = _mm_loadu_si128 ((const __m128i *) p);
          __m128i b = _mm_loadu_si128 ((const __m128i *) (p + 16));
          __m128i zero = _mm_setzero_si128 ();
          __m128i odd = _mm_or_si128 (_mm_or_si128 (a, b),
                                      _mm_or_si128 (_mm_cmpeq_epi8 (a, zero),
                                                    _mm_cmpeq_epi8 (b, zero)));

          if (_mm_movemask_epi8 (odd) != 0)
            break;
          p += 32;
        }
#endif
      /* Plain ASCII without NUL, a word at a time. */
      while (end - p >= 8)
        {
          guint64 w = load_word (p);

          if ((w & HIGHS) != 0 || HAS_LESS (w, 1) != 0)
            break;
          p += 8;
        }
      if (p >= end)
        break;

      c = (guchar) *p;
      if (c == 0)
        return FALSE;
      if (c < 0x80)
        {
          p++;
          continue;
        }

      /* One character of more bytes: GLib's rules (overlong forms, surrogates, the range). */
      if (c >= 0xC2 && c <= 0xDF)
        n = 2;
      else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
      else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
      else
        return FALSE;
      if ((gsize) (end - p) < n || !g_utf8_validate_len (p, n, NULL))
        return FALSE;
      p += n;
    }

  return TRUE;
}

/* ---- Strings ----------------------------------------------------------------------------- */

static inline gboolean
is_plain (guchar c)
{
  return c >= 0x20 && c != '"' && c != '\\';
}

/* Past the plain bytes of a string from @p: to the first quote, backslash, control character
 * or @end. */
static inline const char *
skip_plain (const char *p,
            const char *end)
{
  while (end - p >= 8)
    {
      guint64 w = load_word (p);
      guint64 special = HAS_LESS (w, 0x20) | HAS_BYTE (w, '"') | HAS_BYTE (w, '\\');

      if (special != 0)
        {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
          /* The first byte in memory is the lowest, and the lowest byte flagged is rightly so. */
          return p + (__builtin_ctzll (special) >> 3);
#else
          break;
#endif
        }
      p += 8;
    }
  while (p < end && is_plain ((guchar) *p))
    p++;

  return p;
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
read_hex4 (DaJsonScan *scan,
           guint      *value)
{
  guint v = 0;

  if (scan->end - scan->p < 4)
    return FALSE;

  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (scan->p[i]);

      if (d < 0)
        return FALSE;
      v = (v << 4) | (guint) d;
    }

  scan->p += 4;
  *value = v;
  return TRUE;
}

/* After a backslash: one escape, as the reader takes it. *ch is the character it stands for.
 * *canonical tells whether da_json_write_compact() writes that character with this very
 * escape. */
static gboolean
read_escape (DaJsonScan *scan,
             gunichar   *ch,
             gboolean   *canonical)
{
  const char *start = scan->p;

  if (scan->p >= scan->end)
    return FALSE;

  *canonical = TRUE;
  switch (*scan->p++)
    {
    case '"': *ch = '"'; return TRUE;
    case '\\': *ch = '\\'; return TRUE;
    case '/': *ch = '/'; *canonical = FALSE; return TRUE;
    case 'b': *ch = '\b'; return TRUE;
    case 'f': *ch = '\f'; return TRUE;
    case 'n': *ch = '\n'; return TRUE;
    case 'r': *ch = '\r'; return TRUE;
    case 't': *ch = '\t'; return TRUE;
    case 'u':
      {
        guint unit, low;

        if (!read_hex4 (scan, &unit))
          return FALSE;

        if (unit >= 0xD800 && unit <= 0xDBFF)
          {
            if (scan->end - scan->p < 2 || scan->p[0] != '\\' || scan->p[1] != 'u')
              return FALSE;
            scan->p += 2;
            if (!read_hex4 (scan, &low) || low < 0xDC00 || low > 0xDFFF)
              return FALSE;
            *ch = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            *canonical = FALSE;
          }
        else if (unit >= 0xDC00 && unit <= 0xDFFF)
          {
            return FALSE;
          }
        else
          {
            *ch = unit;
            /* Written as \u00xx in lower case: control characters without a short escape. */
            *canonical = unit < 0x20 && unit != '\b' && unit != '\f' && unit != '\n' &&
                         unit != '\r' && unit != '\t' &&
                         memcmp (start, "u00", 3) == 0 &&
                         !g_ascii_isupper (start[3]) && !g_ascii_isupper (start[4]);
          }

        return *ch != 0;
      }
    default:
      return FALSE;
    }
}

/* A string after its opening quote, checked and skipped; *canonical as for read_escape(). */
static gboolean
skip_string (DaJsonScan *scan,
             gboolean   *canonical)
{
  *canonical = TRUE;

  for (;;)
    {
      gunichar ch;
      gboolean escape_canonical;

      scan->p = skip_plain (scan->p, scan->end);

      if (scan->p >= scan->end)
        return FALSE;
      if (*scan->p == '"')
        {
          scan->p++;
          return TRUE;
        }
      if (*scan->p != '\\')
        return FALSE;   /* a control character */

      scan->p++;
      if (!read_escape (scan, &ch, &escape_canonical))
        return FALSE;
      *canonical = *canonical && escape_canonical;
    }
}

/* A string after its opening quote, decoded into the arena. */
static gboolean
read_string (DaJsonScan  *scan,
             const char **value,
             gsize       *length)
{
  char *out = scan->arena + scan->arena_used;
  char *limit = scan->arena + sizeof scan->arena - 1;   /* room for the NUL */
  char *o = out;

  for (;;)
    {
      const char *run = scan->p;
      gunichar ch;
      gboolean canonical;
      gsize n;

      scan->p = skip_plain (scan->p, scan->end);

      n = scan->p - run;
      if ((gsize) (limit - o) < n)
        return FALSE;
      memcpy (o, run, n);
      o += n;

      if (scan->p >= scan->end)
        return FALSE;
      if (*scan->p == '"')
        {
          scan->p++;
          break;
        }
      if (*scan->p != '\\')
        return FALSE;

      scan->p++;
      if (!read_escape (scan, &ch, &canonical))
        return FALSE;
      if (limit - o < 4)
        return FALSE;
      o += g_unichar_to_utf8 (ch, o);
    }

  *o = '\0';
  *value = out;
  *length = o - out;
  scan->arena_used += *length + 1;
  return TRUE;
}

gboolean
da_json_scan_string_or_null (DaJsonScan  *scan,
                             const char **value,
                             gsize       *length)
{
  switch (da_json_scan_peek (scan))
    {
    case '"':
      scan->p++;
      return read_string (scan, value, length);
    case 'n':
      if (!da_json_scan_null (scan))
        return FALSE;
      *value = NULL;
      *length = 0;
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- Other values ------------------------------------------------------------------------ */

static gboolean
literal (DaJsonScan *scan,
         const char *word,
         gsize       length)
{
  if ((gsize) (scan->end - scan->p) < length || memcmp (scan->p, word, length) != 0)
    return FALSE;

  scan->p += length;
  return TRUE;
}

gboolean
da_json_scan_null (DaJsonScan *scan)
{
  da_json_scan_space (scan);
  return literal (scan, "null", 4);
}

gboolean
da_json_scan_boolean (DaJsonScan *scan,
                      gboolean   *value)
{
  switch (da_json_scan_peek (scan))
    {
    case 't':
      *value = TRUE;
      return literal (scan, "true", 4);
    case 'f':
      *value = FALSE;
      return literal (scan, "false", 5);
    default:
      return FALSE;
    }
}

/* A number, checked as the reader does; *whole and *canonical say whether it is written as a
 * whole number of at most 18 digits (the reader then holds it as an exact gint64) and whether
 * da_json_write_compact() writes it the same way. */
static gboolean
skip_number (DaJsonScan *scan,
             gboolean   *whole,
             gboolean   *canonical,
             gint64     *value)
{
  gboolean negative = FALSE;
  guint64 v = 0;
  guint digits = 0;

  *whole = TRUE;

  if (scan->p < scan->end && *scan->p == '-')
    {
      negative = TRUE;
      scan->p++;
    }

  if (scan->p >= scan->end || !g_ascii_isdigit (*scan->p))
    return FALSE;
  if (*scan->p == '0')
    {
      scan->p++;
      digits = 1;
    }
  else
    while (scan->p < scan->end && g_ascii_isdigit (*scan->p))
      {
        if (++digits <= 18)
          v = v * 10 + (guint64) (*scan->p - '0');
        scan->p++;
      }

  if (scan->p < scan->end && *scan->p == '.')
    {
      *whole = FALSE;
      scan->p++;
      if (scan->p >= scan->end || !g_ascii_isdigit (*scan->p))
        return FALSE;
      while (scan->p < scan->end && g_ascii_isdigit (*scan->p))
        scan->p++;
    }

  if (scan->p < scan->end && (*scan->p == 'e' || *scan->p == 'E'))
    {
      *whole = FALSE;
      scan->p++;
      if (scan->p < scan->end && (*scan->p == '+' || *scan->p == '-'))
        scan->p++;
      if (scan->p >= scan->end || !g_ascii_isdigit (*scan->p))
        return FALSE;
      while (scan->p < scan->end && g_ascii_isdigit (*scan->p))
        scan->p++;
    }

  if (digits > 18)
    *whole = FALSE;

  *value = negative ? -(gint64) v : (gint64) v;
  /* "-0" reads as 0 and is written "0". */
  *canonical = *whole && !(negative && v == 0);
  return TRUE;
}

gboolean
da_json_scan_integer (DaJsonScan *scan,
                      gint64     *value)
{
  gboolean whole, canonical;
  char c = da_json_scan_peek (scan);

  if (c != '-' && !g_ascii_isdigit (c))
    return FALSE;

  return skip_number (scan, &whole, &canonical, value) && whole;
}

/* ---- Containers -------------------------------------------------------------------------- */

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Spaces where compact text has none. */
static inline void
space_in (DaJsonScan *scan,
          gboolean   *canonical)
{
  if (scan->p < scan->end && is_space (*scan->p))
    {
      *canonical = FALSE;
      da_json_scan_space (scan);
    }
}

gboolean
da_json_scan_object_begin (DaJsonScan *scan)
{
  if (da_json_scan_peek (scan) != '{' || ++scan->depth > MAX_DEPTH)
    return FALSE;

  scan->p++;
  return TRUE;
}

gboolean
da_json_scan_object_next (DaJsonScan  *scan,
                          guint       *index,
                          const char **key,
                          gsize       *key_length,
                          gboolean    *done)
{
  const char *start;
  char c = da_json_scan_peek (scan);

  *done = FALSE;

  if (c == '}' && *index == 0)
    goto end;

  if (*index > 0)
    {
      if (c == '}')
        goto end;
      if (c != ',')
        return FALSE;
      scan->p++;
      c = da_json_scan_peek (scan);
    }

  if (c != '"')
    return FALSE;

  start = ++scan->p;
  scan->p = skip_plain (scan->p, scan->end);
  if (scan->p >= scan->end || *scan->p != '"')
    return FALSE;   /* an escape or a control character in the key */

  *key = start;
  *key_length = scan->p - start;
  scan->p++;

  if (da_json_scan_peek (scan) != ':')
    return FALSE;
  scan->p++;

  (*index)++;
  return TRUE;

end:
  scan->p++;
  scan->depth--;
  *done = TRUE;
  return TRUE;
}

gboolean
da_json_scan_object_next_hinted (DaJsonScan  *scan,
                                 guint       *index,
                                 const char  *hint,
                                 gsize        hint_length,
                                 const char **key,
                                 gsize       *key_length,
                                 gboolean    *done)
{
  const char *p = scan->p;

  if (*index > 0 && p < scan->end && *p == ',')
    p++;

  /* "hint": */
  if (hint != NULL && (*index == 0 || p != scan->p) &&
      (gsize) (scan->end - p) >= hint_length + 3 && p[0] == '"' &&
      memcmp (p + 1, hint, hint_length) == 0 && p[hint_length + 1] == '"' &&
      p[hint_length + 2] == ':')
    {
      *key = p + 1;
      *key_length = hint_length;
      *done = FALSE;
      scan->p = p + hint_length + 3;
      (*index)++;
      return TRUE;
    }

  return da_json_scan_object_next (scan, index, key, key_length, done);
}

gboolean
da_json_scan_array_begin (DaJsonScan *scan)
{
  if (da_json_scan_peek (scan) != '[' || ++scan->depth > MAX_DEPTH)
    return FALSE;

  scan->p++;
  return TRUE;
}

gboolean
da_json_scan_array_next (DaJsonScan *scan,
                         guint      *index,
                         gboolean   *done)
{
  char c = da_json_scan_peek (scan);

  *done = FALSE;

  if (c == ']')
    {
      scan->p++;
      scan->depth--;
      *done = TRUE;
      return TRUE;
    }

  if (*index > 0)
    {
      if (c != ',')
        return FALSE;
      scan->p++;
      c = da_json_scan_peek (scan);
      /* "[1,]" */
      if (c == ']')
        return FALSE;
    }

  (*index)++;
  return c != '\0';
}

/* ---- Skipping and compact text ----------------------------------------------------------- */

static gboolean skip_value (DaJsonScan *scan,
                            guint       compact_depth,
                            gboolean   *canonical);

/* An object after its '{' (depth already counted). *canonical turns FALSE at the first thing
 * da_json_write_compact() would write otherwise. */
static gboolean
skip_object (DaJsonScan *scan,
             guint       compact_depth,
             gboolean   *canonical)
{
  const char *keys[MAX_COMPACT_KEYS];
  gsize key_lengths[MAX_COMPACT_KEYS];
  guint n_keys = 0;

  space_in (scan, canonical);
  if (scan->p < scan->end && *scan->p == '}')
    {
      scan->p++;
      scan->depth--;
      return TRUE;
    }

  for (;;)
    {
      const char *key;
      gboolean key_canonical;
      gsize key_length;

      if (scan->p >= scan->end || *scan->p != '"')
        return FALSE;

      key = ++scan->p;
      if (!skip_string (scan, &key_canonical))
        return FALSE;
      key_length = scan->p - 1 - key;

      if (*canonical)
        {
          *canonical = key_canonical && n_keys < MAX_COMPACT_KEYS;
          for (guint i = 0; *canonical && i < n_keys; i++)
            if (key_lengths[i] == key_length && memcmp (keys[i], key, key_length) == 0)
              *canonical = FALSE;
          if (*canonical)
            {
              keys[n_keys] = key;
              key_lengths[n_keys++] = key_length;
            }
        }

      space_in (scan, canonical);
      if (scan->p >= scan->end || *scan->p != ':')
        return FALSE;
      scan->p++;

      if (!skip_value (scan, compact_depth + 1, canonical))
        return FALSE;

      space_in (scan, canonical);
      if (scan->p < scan->end && *scan->p == ',')
        {
          scan->p++;
          space_in (scan, canonical);
          continue;
        }
      if (scan->p < scan->end && *scan->p == '}')
        {
          scan->p++;
          scan->depth--;
          return TRUE;
        }
      return FALSE;
    }
}

static gboolean
skip_array (DaJsonScan *scan,
            guint       compact_depth,
            gboolean   *canonical)
{
  space_in (scan, canonical);
  if (scan->p < scan->end && *scan->p == ']')
    {
      scan->p++;
      scan->depth--;
      return TRUE;
    }

  for (;;)
    {
      if (!skip_value (scan, compact_depth + 1, canonical))
        return FALSE;

      space_in (scan, canonical);
      if (scan->p < scan->end && *scan->p == ',')
        {
          scan->p++;
          continue;
        }
      if (scan->p < scan->end && *scan->p == ']')
        {
          scan->p++;
          scan->depth--;
          return TRUE;
        }
      return FALSE;
    }
}

/* Any value; @compact_depth is its depth as da_json_write_compact() counts it (1 for the value
 * kept). */
static gboolean
skip_value (DaJsonScan *scan,
            guint       compact_depth,
            gboolean   *canonical)
{
  gboolean whole, number_canonical, string_canonical;
  gint64 number;

  space_in (scan, canonical);

  if (compact_depth > DA_JSON_MAX_DEPTH)
    *canonical = FALSE;

  if (scan->p >= scan->end)
    return FALSE;

  switch (*scan->p)
    {
    case '{':
      if (++scan->depth > MAX_DEPTH)
        return FALSE;
      scan->p++;
      return skip_object (scan, compact_depth, canonical);

    case '[':
      if (++scan->depth > MAX_DEPTH)
        return FALSE;
      scan->p++;
      return skip_array (scan, compact_depth, canonical);

    case '"':
      scan->p++;
      if (!skip_string (scan, &string_canonical))
        return FALSE;
      *canonical = *canonical && string_canonical;
      return TRUE;

    case 't':
      return literal (scan, "true", 4);
    case 'f':
      return literal (scan, "false", 5);
    case 'n':
      return literal (scan, "null", 4);

    default:
      if (*scan->p != '-' && !g_ascii_isdigit (*scan->p))
        return FALSE;
      if (!skip_number (scan, &whole, &number_canonical, &number))
        return FALSE;
      *canonical = *canonical && number_canonical;
      return TRUE;
    }
}

gboolean
da_json_scan_skip (DaJsonScan *scan)
{
  gboolean canonical = FALSE;

  da_json_scan_space (scan);
  return skip_value (scan, 1, &canonical);
}

gboolean
da_json_scan_compact (DaJsonScan  *scan,
                      const char **text,
                      gsize       *length)
{
  gboolean canonical = TRUE;
  const char *start;

  da_json_scan_space (scan);
  start = scan->p;
  if (!skip_value (scan, 1, &canonical) || !canonical)
    return FALSE;

  *text = start;
  *length = scan->p - start;
  return TRUE;
}

/* ---- Fields ------------------------------------------------------------------------------ */

gboolean
da_json_scan_time (DaJsonScan *scan,
                   gint64     *value)
{
  const char *text;
  gsize length;
  gint64 seconds;

  switch (da_json_scan_peek (scan))
    {
    case '"':
      /* The API's own form, read in place; anything else as a string first. */
      if (scan->end - scan->p >= 22 && scan->p[21] == '"' &&
          da_json_parse_timestamp_utc20 (scan->p + 1, value))
        {
          scan->p += 22;
          return TRUE;
        }
      if (!da_json_scan_string_or_null (scan, &text, &length))
        return FALSE;
      return da_json_parse_timestamp (text, value);

    case 'n':
      return da_json_scan_null (scan);

    default:
      if (!da_json_scan_integer (scan, &seconds) || seconds < DA_TIME_MIN || seconds > DA_TIME_MAX)
        return FALSE;
      *value = seconds;
      return TRUE;
    }
}

gboolean
da_json_scan_count (DaJsonScan *scan,
                    gint64     *value)
{
  gint64 number;

  if (da_json_scan_peek (scan) == 'n')
    return da_json_scan_null (scan);

  if (!da_json_scan_integer (scan, &number) || number < 0)
    return FALSE;

  *value = number;
  return TRUE;
}

DaScanFunc
da_json_scan_func_for_type (GType item_type)
{
  if (item_type == DA_TYPE_MEMBER)
    return _da_member_new_from_scan;
  if (item_type == DA_TYPE_AUDIT_EVENT)
    return _da_audit_event_new_from_scan;
  return NULL;
}

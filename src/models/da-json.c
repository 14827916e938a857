/* da-json.c: reading JSON defensively, shared by every decoder
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "da-json-private.h"

/* Strings at most this long are interned; longer ones (an attacker's 1 MB "role") are not. */
#define INTERN_MAX_LENGTH 64

/* Doubles beyond 2^53 no longer hold every whole number: refuse them as counts. */
#define MAX_EXACT_DOUBLE 9007199254740992.0

G_DEFINE_QUARK (da-model-error-quark, da_model_error)

/* Errors */

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL)
    return _("missing");

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("a boolean");
        if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
          return _("a number");
        return _("an unknown value");
      }
    default:
      return _("an unknown value");
    }
}

void
da_json_set_wrong_type (GError     **error,
                        const char  *what,
                        const char  *field,
                        JsonNode    *node,
                        const char  *expected)
{
  g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE,
               /* Translators: the first %s is a kind of object ("member"), the second a field
                * name, then a kind of value ("a number") and the expected one ("a string") */
               _("%s: \"%s\" is %s, expected %s"),
               _(what), field, describe_node (node), expected);
}

void
da_json_set_missing (GError     **error,
                     const char  *what,
                     const char  *field,
                     gboolean     is_null)
{
  if (is_null)
    g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_MISSING_FIELD,
                 /* Translators: a kind of object ("member"), a field name */
                 _("%s: \"%s\" is null"), _(what), field);
  else
    g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_MISSING_FIELD,
                 /* Translators: a kind of object ("member"), a field name */
                 _("%s: \"%s\" is missing"), _(what), field);
}

void
da_json_set_invalid (GError        **error,
                     const char     *what,
                     const char     *field,
                     DaJsonProblem   problem)
{
  const char *format;

  /* Translators: in all of these, the first %s is a kind of object ("member"), the second a
   * field name */
  switch (problem)
    {
    case DA_JSON_PROBLEM_NEGATIVE:
      format = _("%s: \"%s\" is negative");
      break;
    case DA_JSON_PROBLEM_TOO_LARGE:
      format = _("%s: \"%s\" is too large");
      break;
    case DA_JSON_PROBLEM_NOT_WHOLE:
      format = _("%s: \"%s\" is not a whole number");
      break;
    case DA_JSON_PROBLEM_NOT_FINITE:
      format = _("%s: \"%s\" is not a finite number");
      break;
    case DA_JSON_PROBLEM_BAD_TIMESTAMP:
      format = _("%s: \"%s\" is not a valid timestamp");
      break;
    case DA_JSON_PROBLEM_BAD_DATE:
      format = _("%s: \"%s\" is not a valid date");
      break;
    case DA_JSON_PROBLEM_BAD_UTF8:
      format = _("%s: \"%s\" is not valid UTF-8");
      break;
    case DA_JSON_PROBLEM_EMPTY:
      format = _("%s: \"%s\" is empty");
      break;
    case DA_JSON_PROBLEM_TOO_DEEP:
      format = _("%s: \"%s\" is nested too deeply");
      break;
    case DA_JSON_PROBLEM_ENDS_BEFORE_START:
      format = _("%s: \"%s\" is before the start");
      break;
    default:
      format = _("%s: \"%s\" has an invalid value");
      break;
    }

  g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE, format, _(what), field);
}

char *
da_json_map_field (const char *map_name,
                   const char *key)
{
  g_autofree char *valid = NULL;
  g_autofree char *start = NULL;

  /* The key comes from the server: characters are counted in valid UTF-8 only, and the cut is
   * made in characters (a key longer than 64 bytes may hold fewer than 64 characters, which
   * g_utf8_substring() would read past; found by fuzz-model-consumption). */
  if (!g_utf8_validate (key, -1, NULL))
    key = valid = g_utf8_make_valid (key, -1);

  if (g_utf8_strlen (key, -1) <= 64)
    return g_strdup_printf ("%s.%s", map_name, key);

  start = g_utf8_substring (key, 0, 64);
  return g_strdup_printf ("%s.%s…", map_name, start);
}

gboolean
da_json_check_object (JsonObject  *object,
                      const char  *what,
                      GError     **error)
{
  if (object != NULL)
    return TRUE;

  g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE,
               /* Translators: %s is a kind of object ("member") */
               _("%s: the value is not an object"), _(what));
  return FALSE;
}

/* Lookups */

JsonNode *
da_json_lookup (JsonObject  *object,
                const char  *name,
                const char  *older_name,
                const char **found_name,
                gboolean    *is_null)
{
  JsonNode *node = json_object_get_member (object, name);

  *found_name = name;
  *is_null = FALSE;

  if (node == NULL && older_name != NULL)
    {
      node = json_object_get_member (object, older_name);
      if (node != NULL)
        *found_name = older_name;
    }

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *is_null = TRUE;
      return NULL;
    }

  return node;
}

/* Looks a member up; FALSE with an error when it is required and absent or null. On TRUE,
 * *node may be NULL (absent or null, optional). */
static gboolean
lookup_member (JsonObject    *object,
               const char    *what,
               const char    *name,
               const char    *older_name,
               DaFieldFlags   flags,
               JsonNode     **node,
               const char   **found_name,
               GError       **error)
{
  gboolean is_null;

  *node = da_json_lookup (object, name, older_name, found_name, &is_null);

  if (*node == NULL && (flags & DA_FIELD_REQUIRED) != 0)
    {
      da_json_set_missing (error, what, *found_name, is_null);
      return FALSE;
    }

  return TRUE;
}

/* One node */

gboolean
da_json_node_get_string (JsonNode      *node,
                         const char    *what,
                         const char    *field,
                         DaFieldFlags   flags,
                         const char   **value,
                         GError       **error)
{
  const char *text;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      da_json_set_wrong_type (error, what, field, node, _("a string"));
      return FALSE;
    }

  text = json_node_get_string (node);
  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, NULL))
    {
      da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_BAD_UTF8);
      return FALSE;
    }

  if (*text == '\0' && (flags & DA_FIELD_NOT_EMPTY) != 0)
    {
      da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_EMPTY);
      return FALSE;
    }

  *value = text;
  return TRUE;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

gboolean
da_json_node_get_count (JsonNode    *node,
                        const char  *what,
                        const char  *field,
                        gint64      *value,
                        GError     **error)
{
  if (!node_is_number (node))
    {
      da_json_set_wrong_type (error, what, field, node, _("a number"));
      return FALSE;
    }

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 number = json_node_get_int (node);

      /* json-glib wraps integers beyond 64 bits around, or clamps them to the extremes: the
       * extremes are never a real count. */
      if (number == G_MAXINT64)
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_TOO_LARGE);
          return FALSE;
        }
      if (number < 0)
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_NEGATIVE);
          return FALSE;
        }

      *value = number;
      return TRUE;
    }
  else
    {
      double number = json_node_get_double (node);

      if (!isfinite (number))
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_NOT_FINITE);
          return FALSE;
        }
      if (number < 0)
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_NEGATIVE);
          return FALSE;
        }
      if (number > MAX_EXACT_DOUBLE)
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_TOO_LARGE);
          return FALSE;
        }
      if (floor (number) != number)
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_NOT_WHOLE);
          return FALSE;
        }

      *value = (gint64) number;
      return TRUE;
    }
}

gboolean
da_json_node_get_amount (JsonNode    *node,
                         const char  *what,
                         const char  *field,
                         double      *value,
                         GError     **error)
{
  double number;

  if (!node_is_number (node))
    {
      da_json_set_wrong_type (error, what, field, node, _("a number"));
      return FALSE;
    }

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 integer = json_node_get_int (node);

      if (integer == G_MAXINT64)
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_TOO_LARGE);
          return FALSE;
        }
      number = (double) integer;
    }
  else
    number = json_node_get_double (node);

  if (!isfinite (number))
    {
      da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_NOT_FINITE);
      return FALSE;
    }
  if (number < 0)
    {
      da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_NEGATIVE);
      return FALSE;
    }
  if (number > MAX_EXACT_DOUBLE)
    {
      da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_TOO_LARGE);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

gboolean
da_json_node_get_time (JsonNode    *node,
                       const char  *what,
                       const char  *field,
                       gint64      *value,
                       GError     **error)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      da_json_set_wrong_type (error, what, field, node, _("a timestamp"));
      return FALSE;
    }

  type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (text == NULL || !da_json_parse_timestamp (text, value))
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_BAD_TIMESTAMP);
          return FALSE;
        }
      return TRUE;
    }

  /* Unix seconds, the form of the v3 API. */
  if (type == G_TYPE_INT64)
    {
      gint64 seconds = json_node_get_int (node);

      if (seconds < DA_TIME_MIN || seconds > DA_TIME_MAX)
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_BAD_TIMESTAMP);
          return FALSE;
        }
      *value = seconds;
      return TRUE;
    }
  else
    {
      double seconds = json_node_get_double (node);

      if (!isfinite (seconds) || seconds < (double) DA_TIME_MIN || seconds > (double) DA_TIME_MAX)
        {
          da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_BAD_TIMESTAMP);
          return FALSE;
        }
      *value = (gint64) floor (seconds);
      return TRUE;
    }
}

/* Members */

gboolean
da_json_read_string (JsonObject    *object,
                     const char    *what,
                     const char    *name,
                     const char    *older_name,
                     DaFieldFlags   flags,
                     const char   **value,
                     GError       **error)
{
  JsonNode *node;
  const char *found;

  if (!lookup_member (object, what, name, older_name, flags, &node, &found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return da_json_node_get_string (node, what, found, flags, value, error);
}

gboolean
da_json_read_count (JsonObject    *object,
                    const char    *what,
                    const char    *name,
                    const char    *older_name,
                    DaFieldFlags   flags,
                    gint64        *value,
                    GError       **error)
{
  JsonNode *node;
  const char *found;

  if (!lookup_member (object, what, name, older_name, flags, &node, &found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return da_json_node_get_count (node, what, found, value, error);
}

gboolean
da_json_read_amount (JsonObject    *object,
                     const char    *what,
                     const char    *name,
                     const char    *older_name,
                     DaFieldFlags   flags,
                     double        *value,
                     GError       **error)
{
  JsonNode *node;
  const char *found;

  if (!lookup_member (object, what, name, older_name, flags, &node, &found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return da_json_node_get_amount (node, what, found, value, error);
}

gboolean
da_json_read_boolean (JsonObject    *object,
                      const char    *what,
                      const char    *name,
                      const char    *older_name,
                      DaFieldFlags   flags,
                      gboolean      *value,
                      GError       **error)
{
  JsonNode *node;
  const char *found;

  if (!lookup_member (object, what, name, older_name, flags, &node, &found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      da_json_set_wrong_type (error, what, found, node, _("a boolean"));
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
da_json_read_time (JsonObject    *object,
                   const char    *what,
                   const char    *name,
                   const char    *older_name,
                   DaFieldFlags   flags,
                   gint64        *value,
                   GError       **error)
{
  JsonNode *node;
  const char *found;

  if (!lookup_member (object, what, name, older_name, flags, &node, &found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return da_json_node_get_time (node, what, found, value, error);
}

gboolean
da_json_read_array (JsonObject    *object,
                    const char    *what,
                    const char    *name,
                    const char    *older_name,
                    DaFieldFlags   flags,
                    JsonArray    **value,
                    GError       **error)
{
  JsonNode *node;
  const char *found;

  if (!lookup_member (object, what, name, older_name, flags, &node, &found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      da_json_set_wrong_type (error, what, found, node, _("an array"));
      return FALSE;
    }

  *value = json_node_get_array (node);
  return TRUE;
}

gboolean
da_json_read_object (JsonObject    *object,
                     const char    *what,
                     const char    *name,
                     const char    *older_name,
                     DaFieldFlags   flags,
                     JsonObject   **value,
                     GError       **error)
{
  JsonNode *node;
  const char *found;

  if (!lookup_member (object, what, name, older_name, flags, &node, &found, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      da_json_set_wrong_type (error, what, found, node, _("an object"));
      return FALSE;
    }

  *value = json_node_get_object (node);
  return TRUE;
}

/* Timestamps */

static gboolean
read_digits (const char **p,
             int          n_digits,
             int         *value)
{
  int result = 0;

  for (int i = 0; i < n_digits; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      result = result * 10 + (c - '0');
    }

  *p += n_digits;
  *value = result;
  return TRUE;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  if (month == 2 && leap)
    return 29;
  return days[month - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (the "days from civil" algorithm). */
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 era;
  gint64 year_of_era;
  gint64 day_of_year;
  gint64 day_of_era;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + day_of_era - 719468;
}

/* Seconds since the epoch of a date and a time of day in UTC, as both readers of times take
 * them (60 is a leap second); FALSE when a field is out of its range. */
static gboolean
time_from_fields (int     year,
                  int     month,
                  int     day,
                  int     hour,
                  int     minute,
                  int     second,
                  gint64 *value)
{
  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month) ||
      hour > 23 || minute > 59 || second > 60)
    return FALSE;

  *value = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

gboolean
da_json_parse_timestamp (const char *text,
                         gint64     *value)
{
  const char *p = text;
  int year, month, day;
  int hour = 0, minute = 0, second = 0;
  int offset_seconds = 0;
  gint64 result;

  if (text == NULL)
    return FALSE;

  if (!read_digits (&p, 4, &year) || *p++ != '-' ||
      !read_digits (&p, 2, &month) || *p++ != '-' ||
      !read_digits (&p, 2, &day))
    return FALSE;

  if (*p == 'T' || *p == 't' || *p == ' ')
    {
      p++;

      if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &minute))
        return FALSE;

      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &second))
            return FALSE;

          /* Fractions of a second are dropped. */
          if (*p == '.' || *p == ',')
            {
              p++;
              if (!g_ascii_isdigit (*p))
                return FALSE;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }

      if (*p == 'Z' || *p == 'z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          int sign = *p == '-' ? -1 : 1;
          int offset_hours, offset_minutes = 0;

          p++;
          if (!read_digits (&p, 2, &offset_hours))
            return FALSE;
          if (*p == ':')
            {
              p++;
              if (!read_digits (&p, 2, &offset_minutes))
                return FALSE;
            }
          else if (g_ascii_isdigit (*p))
            {
              if (!read_digits (&p, 2, &offset_minutes))
                return FALSE;
            }

          if (offset_hours > 23 || offset_minutes > 59)
            return FALSE;

          offset_seconds = sign * (offset_hours * 3600 + offset_minutes * 60);
        }
    }

  if (*p != '\0' || !time_from_fields (year, month, day, hour, minute, second, &result))
    return FALSE;

  *value = result - offset_seconds;
  return TRUE;
}

gboolean
da_json_parse_timestamp_utc20 (const char *text,
                               gint64     *value)
{
  int year, month, day, hour, minute, second;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* Eight bytes at a time, bytes 0-7, 8-15 and 12-19: a byte XOR its form's ('0' for a digit)
   * is 0-9 for a digit and 0 for the right separator; plus 0x76 or 0x7F its high bit is then
   * still clear. A carry out of a byte comes only from a byte whose own high bit is set, so it
   * cannot hide a wrong byte. */
  static const struct { guint64 form; guint64 add; } words[] = {
    { G_GUINT64_CONSTANT (0x2d30302d30303030), G_GUINT64_CONSTANT (0x7f76767f76767676) },
    { G_GUINT64_CONSTANT (0x30303a3030543030), G_GUINT64_CONSTANT (0x76767f76767f7676) },
    { G_GUINT64_CONSTANT (0x5a30303a30303a30), G_GUINT64_CONSTANT (0x7f76767f76767f76) },
  };
  static const guint at[] = { 0, 8, 12 };
  guint64 bad = 0;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      guint64 w, x;

      memcpy (&w, text + at[i], sizeof w);
      x = w ^ words[i].form;
      bad |= (x + words[i].add) | x;
    }
  if ((bad & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
    return FALSE;
#else
  static const char form[] = "0000-00-00T00:00:00Z";

  for (guint i = 0; i < sizeof form - 1; i++)
    if (form[i] == '0' ? (guchar) (text[i] - '0') > 9 : text[i] != form[i])
      return FALSE;
#endif

#define DIGITS2(at) ((text[at] - '0') * 10 + (text[(at) + 1] - '0'))
  year = DIGITS2 (0) * 100 + DIGITS2 (2);
  month = DIGITS2 (5);
  day = DIGITS2 (8);
  hour = DIGITS2 (11);
  minute = DIGITS2 (14);
  second = DIGITS2 (17);
#undef DIGITS2

  return time_from_fields (year, month, day, hour, minute, second, value);
}

/* Compact JSON text */

static void
append_escaped (GString    *out,
                const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');

  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
    }

  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* The shortest text that reads back as the same number, and always a JSON number. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", number);
  if (g_ascii_strtod (buffer, NULL) != number)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", number);
  g_string_append (out, buffer);
}

static gboolean
write_node (JsonNode    *node,
            GString     *out,
            guint        depth,
            const char  *what,
            const char  *field,
            GError     **error)
{
  if (depth > DA_JSON_MAX_DEPTH)
    {
      da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_TOO_DEEP);
      return FALSE;
    }

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            const char *text = json_node_get_string (node);

            if (text == NULL)
              text = "";
            if (!g_utf8_validate (text, -1, NULL))
              {
                da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_BAD_UTF8);
                return FALSE;
              }
            append_escaped (out, text);
          }
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          {
            double number = json_node_get_double (node);

            if (!isfinite (number))
              {
                da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_NOT_FINITE);
                return FALSE;
              }
            append_double (out, number);
          }
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else
          {
            da_json_set_wrong_type (error, what, field, node, _("a JSON value"));
            return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!write_node (json_array_get_element (array, i), out, depth + 1, what, field, error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL))
              {
                da_json_set_invalid (error, what, field, DA_JSON_PROBLEM_BAD_UTF8);
                return FALSE;
              }
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_escaped (out, name);
            g_string_append_c (out, ':');
            if (!write_node (member, out, depth + 1, what, field, error))
              return FALSE;
          }
        g_string_append_c (out, '}');
        return TRUE;
      }

    default:
      da_json_set_wrong_type (error, what, field, node, _("a JSON value"));
      return FALSE;
    }
}

gboolean
da_json_write_compact (JsonNode    *node,
                       GString     *out,
                       const char  *what,
                       const char  *field,
                       GError     **error)
{
  gsize start = out->len;

  if (!write_node (node, out, 1, what, field, error))
    {
      g_string_truncate (out, start);
      return FALSE;
    }

  return TRUE;
}

JsonNode *
da_json_parse_compact (const char *text,
                       gboolean    immutable)
{
  g_autoptr(JsonParser) parser = NULL;

  if (text == NULL)
    return NULL;

  parser = immutable ? json_parser_new_immutable () : json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

/* Shared texts */

#define SHARED_TEXTS_MAX 3
#define SHARED_TEXT_NONE G_MAXUINT32
#define SHARED_SLOTS_MIN 1024

struct _DaSharedTexts
{
  guint   ref_count;
  guint32 hash;
  guint32 offsets[SHARED_TEXTS_MAX];   /* SHARED_TEXT_NONE: NULL */
  guint8  n;
  char    text[];
};

typedef struct
{
  guint32        hash;
  DaSharedTexts *texts;                /* NULL: empty */
} Slot;

/* The groups, in an open-addressed table (linear probing, at most half full): with the 37,000
 * actors of 100,000 audit events a lookup costs a slot, whose hash rules out the others, and the
 * group it points to. */
static GMutex shared_texts_lock;
static Slot *slots;
static gsize n_slots;      /* a power of two, or 0 */
static gsize n_groups;

static inline guint64
mix (guint64 h,
     guint64 v)
{
  h ^= v;
  h *= G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return h ^ (h >> 29);
}

static guint32
hash_texts (const char * const *values,
            const gsize        *lengths,
            guint               n)
{
  guint64 h = n;

  for (guint i = 0; i < n; i++)
    {
      const char *p = values[i];
      gsize left = lengths[i];

      h = mix (h, values[i] != NULL ? left : G_MAXUINT64);
      for (; left >= 8; p += 8, left -= 8)
        {
          guint64 v;

          memcpy (&v, p, 8);
          h = mix (h, v);
        }
      if (left > 0)
        {
          guint64 v = 0;

          memcpy (&v, p, left);
          h = mix (h, v);
        }
    }

  return (guint32) (h ^ (h >> 32));
}

/* The lengths of @values into @lengths (0 for NULL); FALSE when all are NULL. */
static gboolean
measure_texts (const char * const *values,
               guint               n,
               gsize              *lengths)
{
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      lengths[i] = values[i] != NULL ? strlen (values[i]) : 0;
      any |= values[i] != NULL;
    }

  return any;
}

static gboolean
texts_equal (const DaSharedTexts *texts,
             const char * const  *values,
             const gsize         *lengths,
             guint                n)
{
  if (texts->n != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *text = da_shared_texts_get (texts, i);

      if (values[i] == NULL || text == NULL)
        {
          if (values[i] != text)
            return FALSE;
        }
      else if (memcmp (text, values[i], lengths[i] + 1) != 0)
        {
          return FALSE;
        }
    }

  return TRUE;
}

static void
place (Slot          *table,
       gsize          size,
       guint32        hash,
       DaSharedTexts *texts)
{
  gsize i = hash & (size - 1);

  while (table[i].texts != NULL)
    i = (i + 1) & (size - 1);
  table[i].hash = hash;
  table[i].texts = texts;
}

static void
resize (gsize size)
{
  Slot *table = g_new0 (Slot, size);

  for (gsize i = 0; i < n_slots; i++)
    if (slots[i].texts != NULL)
      place (table, size, slots[i].hash, slots[i].texts);

  g_free (slots);
  slots = table;
  n_slots = size;
}

/* With the lock held; @hash is hash_texts() of the texts. */
static const DaSharedTexts *
texts_ref_locked (const char * const *values,
                  const gsize        *lengths,
                  guint               n,
                  guint32             hash)
{
  DaSharedTexts *texts;
  gsize size = 0;
  gsize i;

  if (n_slots != 0)
    {
      for (i = hash & (n_slots - 1); slots[i].texts != NULL; i = (i + 1) & (n_slots - 1))
        if (slots[i].hash == hash && texts_equal (slots[i].texts, values, lengths, n))
          {
            slots[i].texts->ref_count++;
            return slots[i].texts;
          }
    }

  for (guint k = 0; k < n; k++)
    size += values[k] != NULL ? lengths[k] + 1 : 0;
  /* Texts come from answers read whole into memory: far below 4 GB. */
  g_assert (size < SHARED_TEXT_NONE);

  texts = g_malloc (sizeof (DaSharedTexts) + size);
  texts->ref_count = 1;
  texts->hash = hash;
  texts->n = (guint8) n;
  size = 0;
  for (guint k = 0; k < n; k++)
    {
      if (values[k] == NULL)
        {
          texts->offsets[k] = SHARED_TEXT_NONE;
          continue;
        }
      texts->offsets[k] = (guint32) size;
      memcpy (texts->text + size, values[k], lengths[k] + 1);
      size += lengths[k] + 1;
    }

  if (2 * (n_groups + 1) > n_slots)
    resize (n_slots == 0 ? SHARED_SLOTS_MIN : n_slots * 2);
  place (slots, n_slots, hash, texts);
  n_groups++;

  return texts;
}

/* Removes the group at @i, moving up the groups whose probe ran across it (linear probing
 * without tombstones). */
static void
remove_slot (gsize i)
{
  gsize mask = n_slots - 1;
  gsize j = i;

  slots[i].texts = NULL;
  for (;;)
    {
      gsize home;

      j = (j + 1) & mask;
      if (slots[j].texts == NULL)
        break;
      home = slots[j].hash & mask;
      /* Moved up only if its home is not in (i, j], cyclically. */
      if ((i <= j) ? (i < home && home <= j) : (i < home || home <= j))
        continue;
      slots[i] = slots[j];
      slots[j].texts = NULL;
      i = j;
    }
}

const DaSharedTexts *
da_shared_texts_ref (const char * const *values,
                     guint               n)
{
  gsize lengths[SHARED_TEXTS_MAX];
  const DaSharedTexts *texts;

  g_return_val_if_fail (n <= SHARED_TEXTS_MAX, NULL);

  if (!measure_texts (values, n, lengths))
    return NULL;

  g_mutex_lock (&shared_texts_lock);
  texts = texts_ref_locked (values, lengths, n, hash_texts (values, lengths, n));
  g_mutex_unlock (&shared_texts_lock);

  return texts;
}

/* A batch: the groups of a page, looked up together. */

#if defined(__GNUC__)
#define PREFETCH(address) __builtin_prefetch (address)
#else
#define PREFETCH(address) ((void) (address))
#endif

/* How many groups ahead of its lookup a group's slot is fetched; its group is fetched half as
 * many ahead, once the slot has come. */
#define BATCH_AHEAD 8

typedef struct
{
  guint32               hash;
  guint                 n;
  guint32               offsets[SHARED_TEXTS_MAX];   /* into the batch's text; NONE: NULL */
  gsize                 lengths[SHARED_TEXTS_MAX];
  const DaSharedTexts **dest;
} BatchEntry;

struct _DaSharedTextsBatch
{
  GArray  *entries;      /* BatchEntry */
  GString *text;         /* the texts of the groups waiting, each NUL-terminated */
};

DaSharedTextsBatch *
da_shared_texts_batch_new (void)
{
  DaSharedTextsBatch *batch = g_new (DaSharedTextsBatch, 1);

  batch->entries = g_array_new (FALSE, FALSE, sizeof (BatchEntry));
  batch->text = g_string_new (NULL);
  return batch;
}

void
da_shared_texts_batch_free (DaSharedTextsBatch *batch)
{
  if (batch == NULL)
    return;

  g_array_unref (batch->entries);
  g_string_free (batch->text, TRUE);
  g_free (batch);
}

void
da_shared_texts_batch_add (DaSharedTextsBatch   *batch,
                           const char * const   *values,
                           guint                 n,
                           const DaSharedTexts **dest)
{
  BatchEntry entry = { 0, };

  g_return_if_fail (batch != NULL && dest != NULL && n <= SHARED_TEXTS_MAX);

  *dest = NULL;
  if (!measure_texts (values, n, entry.lengths))
    return;

  entry.hash = hash_texts (values, entry.lengths, n);
  entry.n = n;
  entry.dest = dest;
  for (guint i = 0; i < n; i++)
    {
      if (values[i] == NULL)
        {
          entry.offsets[i] = SHARED_TEXT_NONE;
          continue;
        }
      /* Texts come from answers read whole into memory: far below 4 GB. */
      g_assert (batch->text->len < SHARED_TEXT_NONE - entry.lengths[i]);
      entry.offsets[i] = (guint32) batch->text->len;
      /* The text and its NUL; g_string_set_size() grows the room when it must. */
      g_string_set_size (batch->text, entry.offsets[i] + entry.lengths[i] + 1);
      memcpy (batch->text->str + entry.offsets[i], values[i], entry.lengths[i] + 1);
    }
  g_array_append_val (batch->entries, entry);
}

static void
batch_lookup_locked (DaSharedTextsBatch *batch,
                     const BatchEntry   *entry)
{
  const char *values[SHARED_TEXTS_MAX];

  for (guint i = 0; i < entry->n; i++)
    values[i] = entry->offsets[i] != SHARED_TEXT_NONE ? batch->text->str + entry->offsets[i]
                                                       : NULL;
  *entry->dest = texts_ref_locked (values, entry->lengths, entry->n, entry->hash);
}

void
da_shared_texts_batch_flush (DaSharedTextsBatch *batch)
{
  const BatchEntry *entries;
  guint n;

  g_return_if_fail (batch != NULL);

  entries = (const BatchEntry *) (gpointer) batch->entries->data;
  n = batch->entries->len;
  if (n == 0)
    return;

  /* Each lookup waits on memory twice, for its slot and then for its group: here the slots of
   * the groups BATCH_AHEAD ahead, and the groups of those half as far ahead, are being fetched
   * meanwhile. The table may grow as groups are added: a fetch of a stale place only wastes
   * itself. */
  g_mutex_lock (&shared_texts_lock);
  for (guint i = 0; i < n + BATCH_AHEAD; i++)
    {
      if (i < n && n_slots != 0)
        PREFETCH (&slots[entries[i].hash & (n_slots - 1)]);

      if (i >= BATCH_AHEAD / 2 && i - BATCH_AHEAD / 2 < n && n_slots != 0)
        {
          const DaSharedTexts *texts = slots[entries[i - BATCH_AHEAD / 2].hash & (n_slots - 1)].texts;

          if (texts != NULL)
            {
              PREFETCH (texts);
              PREFETCH ((const char *) texts + 64);
            }
        }

      if (i >= BATCH_AHEAD)
        batch_lookup_locked (batch, &entries[i - BATCH_AHEAD]);
    }
  g_mutex_unlock (&shared_texts_lock);

  g_array_set_size (batch->entries, 0);
  g_string_truncate (batch->text, 0);
}

void
da_shared_texts_unref (const DaSharedTexts *texts)
{
  DaSharedTexts *owned = (DaSharedTexts *) texts;

  if (texts == NULL)
    return;

  g_mutex_lock (&shared_texts_lock);
  g_assert (owned->ref_count > 0);
  if (--owned->ref_count == 0)
    {
      gsize i;

      for (i = owned->hash & (n_slots - 1); slots[i].texts != owned; i = (i + 1) & (n_slots - 1))
        g_assert (slots[i].texts != NULL);
      remove_slot (i);
      n_groups--;
      g_free (owned);
      /* A list let go gives its room back. */
      if (n_slots > SHARED_SLOTS_MIN && 8 * n_groups < n_slots)
        resize (n_slots / 2);
    }
  g_mutex_unlock (&shared_texts_lock);
}

const char *
da_shared_texts_get (const DaSharedTexts *texts,
                     guint                i)
{
  if (texts == NULL || i >= texts->n || texts->offsets[i] == SHARED_TEXT_NONE)
    return NULL;

  return texts->text + texts->offsets[i];
}

guint
_da_shared_texts_count (void)
{
  guint count;

  g_mutex_lock (&shared_texts_lock);
  count = (guint) n_groups;
  g_mutex_unlock (&shared_texts_lock);

  return count;
}

/* String packs */

void
da_string_pack_init (DaStringPack *pack)
{
  pack->head = 0;
  pack->total = 0;
  pack->n_items = 0;
  pack->more = NULL;
}

gsize
da_string_pack_reserve (DaStringPack *pack,
                        gsize         size)
{
  gsize offset = pack->head;

  pack->head += (size + sizeof (gpointer) - 1) & ~(sizeof (gpointer) - 1);
  return offset;
}

static void
push_item (DaStringPack           *pack,
           const DaStringPackItem *item)
{
  if (!item->interned)
    pack->total += item->length + 1;

  if (pack->n_items < DA_STRING_PACK_INLINE)
    {
      pack->items[pack->n_items++] = *item;
      return;
    }

  if (pack->more == NULL)
    pack->more = g_array_new (FALSE, FALSE, sizeof (DaStringPackItem));
  g_array_append_vals (pack->more, item, 1);
}

void
da_string_pack_add_len (DaStringPack  *pack,
                        const char   **dest,
                        const char    *value,
                        gsize          length)
{
  DaStringPackItem item = { value, length, dest, 0, FALSE };

  if (value == NULL)
    {
      *dest = NULL;
      return;
    }

  push_item (pack, &item);
}

void
da_string_pack_add (DaStringPack  *pack,
                    const char   **dest,
                    const char    *value)
{
  da_string_pack_add_len (pack, dest, value, value != NULL ? strlen (value) : 0);
}

void
da_string_pack_add_at (DaStringPack *pack,
                       gsize         offset,
                       const char   *value)
{
  DaStringPackItem item = { value, 0, NULL, offset, FALSE };

  g_assert (value != NULL);
  g_assert (offset + sizeof (gpointer) <= pack->head);

  item.length = strlen (value);
  push_item (pack, &item);
}

/* g_intern_string() takes a lock that every thread shares and looks the string up in one table
 * for the whole process, and a page's decoder interns the same few actions, roles and
 * organization IDs over and over. So each thread keeps the strings it interned last in a small
 * table of its own, found by a hash of their ends; interned strings live as long as the process,
 * so their addresses stay good. A slot two strings share holds the later one. */
#define INTERN_CACHE_SLOTS 64

typedef struct
{
  const char *interned;
  gsize       length;
} InternSlot;

static _Thread_local InternSlot intern_cache[INTERN_CACHE_SLOTS];

/* @value: NUL-terminated, @length bytes long */
static const char *
intern_short (const char *value,
              gsize       length)
{
  guint64 h = length, word = 0;
  InternSlot *slot;

  if (length >= sizeof word)
    {
      memcpy (&word, value, sizeof word);
      h ^= word;
      memcpy (&word, value + length - sizeof word, sizeof word);
      h = (h * 0x100000001B3ULL) ^ word;
    }
  else
    {
      memcpy (&word, value, length);
      h ^= word;
    }
  slot = &intern_cache[(h * 0x9E3779B97F4A7C15ULL) >> 58];
  G_STATIC_ASSERT (INTERN_CACHE_SLOTS == 1 << (64 - 58));

  if (slot->interned == NULL || slot->length != length ||
      memcmp (slot->interned, value, length) != 0)
    {
      slot->interned = g_intern_string (value);
      slot->length = length;
    }

  return slot->interned;
}

void
da_string_pack_add_interned (DaStringPack  *pack,
                             const char   **dest,
                             const char    *value)
{
  DaStringPackItem item = { value, 0, dest, 0, FALSE };

  if (value == NULL)
    {
      *dest = NULL;
      return;
    }

  item.length = strlen (value);
  if (item.length <= INTERN_MAX_LENGTH)
    {
      /* Interned at once: nothing to copy later. */
      *dest = intern_short (value, item.length);
      return;
    }

  push_item (pack, &item);
}

void
da_string_pack_add_interned_at (DaStringPack *pack,
                                gsize         offset,
                                const char   *value)
{
  DaStringPackItem item = { value, 0, NULL, offset, FALSE };

  g_assert (value != NULL);
  g_assert (offset + sizeof (gpointer) <= pack->head);

  item.length = strlen (value);
  item.interned = item.length <= INTERN_MAX_LENGTH;
  push_item (pack, &item);
}

static void
place_item (char                   *block,
            char                  **cursor,
            const DaStringPackItem *item)
{
  const char *address;

  if (item->interned)
    address = intern_short (item->value, item->length);
  else
    {
      memcpy (*cursor, item->value, item->length);
      (*cursor)[item->length] = '\0';
      address = *cursor;
      *cursor += item->length + 1;
    }

  if (item->dest != NULL)
    *item->dest = address;
  else
    memcpy (block + item->offset, &address, sizeof address);
}

gpointer
da_string_pack_finish (DaStringPack *pack)
{
  char *block = NULL;
  char *cursor;

  if (pack->head + pack->total > 0)
    {
      block = g_malloc0 (pack->head + pack->total);
      cursor = block + pack->head;

      for (guint i = 0; i < pack->n_items; i++)
        place_item (block, &cursor, &pack->items[i]);

      if (pack->more != NULL)
        for (guint i = 0; i < pack->more->len; i++)
          place_item (block, &cursor, &g_array_index (pack->more, DaStringPackItem, i));
    }

  g_clear_pointer (&pack->more, g_array_unref);
  pack->n_items = 0;
  pack->head = 0;
  pack->total = 0;

  return block;
}

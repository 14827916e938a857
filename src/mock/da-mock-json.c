/* da-mock-json.c: random numbers, JSON writing, time formats and reading requests
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-mock-private.h"

/* ---- Random numbers ------------------------------------------------------------------------- */

void
mock_rng_init (MockRng *rng,
               guint64  seed)
{
  rng->state = seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) +
               G_GUINT64_CONSTANT (0x632BE59BD9B4E019);
}

/* splitmix64: small, fast and good enough for seed data */
guint64
mock_rng_next (MockRng *rng)
{
  guint64 z;

  rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  z = rng->state;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

guint32
mock_rng_range (MockRng *rng,
                guint32  n)
{
  if (n == 0)
    return 0;
  return (guint32) (((mock_rng_next (rng) >> 32) * (guint64) n) >> 32);
}

gint64
mock_rng_between (MockRng *rng,
                  gint64   lo,
                  gint64   hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (mock_rng_next (rng) % (guint64) (hi - lo + 1));
}

double
mock_rng_double (MockRng *rng)
{
  return (mock_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

gboolean
mock_rng_chance (MockRng *rng,
                 double   p)
{
  return mock_rng_double (rng) < p;
}

#define MASK48 G_GUINT64_CONSTANT (0xFFFFFFFFFFFF)

/* Multiplication by an odd constant and xor-shifts are both invertible modulo 2^48. */
guint64
mock_mix48 (guint64 x)
{
  x &= MASK48;
  x = (x * G_GUINT64_CONSTANT (0x5DEECE66D)) & MASK48;
  x ^= x >> 23;
  x = (x * G_GUINT64_CONSTANT (0xB7E151628AED)) & MASK48;
  x ^= x >> 19;
  return x & MASK48;
}

guint64
mock_mix64 (guint64 x)
{
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

/* ---- JSON writing --------------------------------------------------------------------------- */

/* Decimal digits without printf, whose reading of its format was the largest part of writing a
 * list's answer. */
static void
append_uint (GString *out,
             guint64  value)
{
  char digits[20];
  char *p = digits + sizeof digits;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  g_string_append_len (out, p, digits + sizeof digits - p);
}

static void
append_int (GString *out,
            gint64   value)
{
  if (value < 0)
    {
      g_string_append_c (out, '-');
      append_uint (out, (guint64) -(value + 1) + 1);
    }
  else
    {
      append_uint (out, (guint64) value);
    }
}

void
mock_json_init (MockJson *json,
                GString  *out)
{
  json->out = out;
  json->depth = 0;
  json->after_key = FALSE;
  json->first[0] = TRUE;
}

static inline void
separate (MockJson *json)
{
  if (json->after_key)
    {
      json->after_key = FALSE;
      return;
    }
  if (!json->first[json->depth])
    g_string_append_c (json->out, ',');
  json->first[json->depth] = FALSE;
}

static inline void
push (MockJson *json,
      char      c)
{
  separate (json);
  g_string_append_c (json->out, c);
  g_assert (json->depth + 1 < MOCK_JSON_MAX_DEPTH);
  json->depth++;
  json->first[json->depth] = TRUE;
}

static inline void
pop (MockJson *json,
     char      c)
{
  g_assert (json->depth > 0);
  json->depth--;
  g_string_append_c (json->out, c);
}

void
mock_json_begin_object (MockJson *json)
{
  push (json, '{');
}

void
mock_json_end_object (MockJson *json)
{
  pop (json, '}');
}

void
mock_json_begin_array (MockJson *json)
{
  push (json, '[');
}

void
mock_json_end_array (MockJson *json)
{
  pop (json, ']');
}

/* The bytes a JSON string can't hold as they are: controls, DEL (kept out for old readers), the
 * quote and the backslash. A table, since a list's answer is mostly strings scanned byte by byte. */
static const guint8 needs_escape[256] = {
  [0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

void
mock_json_append_escaped (GString    *out,
                          const char *value)
{
  static const char hex[] = "0123456789abcdef";
  gsize len = strlen (value);
  gsize at = out->len;
  char *w;

  /* Room for the worst case (every byte as \u00XX), written in place, then cut to what was
   * written: a list's answer is mostly short strings, and an append per run of bytes cost more
   * than the bytes. */
  g_string_set_size (out, at + 6 * len + 2);
  w = out->str + at;
  *w++ = '"';
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    {
      guchar c = *p;

      if (G_LIKELY (!needs_escape[c]))
        {
          *w++ = (char) c;
          continue;
        }

      *w++ = '\\';
      switch (c)
        {
        case '"':
        case '\\':
          *w++ = (char) c;
          break;
        case '\n':
          *w++ = 'n';
          break;
        case '\r':
          *w++ = 'r';
          break;
        case '\t':
          *w++ = 't';
          break;
        default:
          *w++ = 'u';
          *w++ = '0';
          *w++ = '0';
          *w++ = hex[c >> 4];
          *w++ = hex[c & 0xf];
          break;
        }
    }
  *w++ = '"';
  g_string_truncate (out, (gsize) (w - out->str));
}

void
mock_json_key (MockJson   *json,
               const char *key)
{
  separate (json);
  mock_json_append_escaped (json->out, key);
  g_string_append_c (json->out, ':');
  json->after_key = TRUE;
}

void
mock_json_string (MockJson   *json,
                  const char *value)
{
  separate (json);
  if (value == NULL)
    {
      g_string_append (json->out, "null");
      return;
    }
  if (G_LIKELY (g_utf8_validate (value, -1, NULL)))
    {
      mock_json_append_escaped (json->out, value);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      mock_json_append_escaped (json->out, valid);
    }
}

void
mock_json_int (MockJson *json,
               gint64    value)
{
  separate (json);
  append_int (json->out, value);
}

void
mock_json_bool (MockJson *json,
                gboolean  value)
{
  separate (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
mock_json_null (MockJson *json)
{
  separate (json);
  g_string_append (json->out, "null");
}

void
mock_json_acus (MockJson *json,
                gint64    centi)
{
  guint64 abs_value = centi < 0 ? (guint64) -centi : (guint64) centi;

  char cents[3] = { '.', '0' + abs_value % 100 / 10, '0' + abs_value % 10 };

  separate (json);
  if (centi < 0)
    g_string_append_c (json->out, '-');
  append_uint (json->out, abs_value / 100);
  g_string_append_len (json->out, cents, sizeof cents);
}

void
mock_json_time (MockJson *json,
                gint64    unix_time)
{
  char buf[33];

  separate (json);
  if (unix_time == 0)
    {
      g_string_append (json->out, "null");
      return;
    }
  buf[0] = '"';
  mock_format_time (unix_time, buf + 1);
  g_string_append (json->out, buf);
  g_string_append_c (json->out, '"');
}

void
mock_json_raw (MockJson   *json,
               const char *json_text)
{
  separate (json);
  g_string_append (json->out, json_text != NULL ? json_text : "null");
}

void
mock_json_member_string (MockJson   *json,
                         const char *key,
                         const char *value)
{
  mock_json_key (json, key);
  mock_json_string (json, value);
}

void
mock_json_member_int (MockJson   *json,
                      const char *key,
                      gint64      value)
{
  mock_json_key (json, key);
  mock_json_int (json, value);
}

static void
data_json_va (GString    *out,
              const char *key,
              va_list     args)
{
  MockJson json;

  mock_json_init (&json, out);
  mock_json_begin_object (&json);
  for (const char *k = key; k != NULL; k = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      mock_json_member_string (&json, k, value);
    }
  mock_json_end_object (&json);
}

void
mock_data_json_into (GString    *out,
                     const char *key,
                     ...)
{
  va_list args;

  va_start (args, key);
  data_json_va (out, key, args);
  va_end (args);
}

char *
mock_data_json (const char *key,
                ...)
{
  GString *out = g_string_new (NULL);
  va_list args;

  va_start (args, key);
  data_json_va (out, key, args);
  va_end (args);

  return g_string_free (out, FALSE);
}

/* ---- Time ----------------------------------------------------------------------------------- */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
void
mock_civil_from_days (gint64  days,
                      gint   *year,
                      guint  *month,
                      guint  *day)
{
  gint64 z = days + 719468;
  gint64 era = floor_div (z, 146097);
  guint doe = (guint) (z - era * 146097);
  guint yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  guint doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint mp = (5 * doy + 2) / 153;

  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (gint) (yoe + era * 400 + (*month <= 2 ? 1 : 0));
}

gint64
mock_days_from_civil (gint  year,
                      guint month,
                      guint day)
{
  gint64 y = (gint64) year - (month <= 2 ? 1 : 0);
  gint64 era = floor_div (y, 400);
  guint yoe = (guint) (y - era * 400);
  guint doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  guint doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (gint64) doe - 719468;
}

/* @value in @width digits, zeros in front. */
static inline void
put_digits (char  *buf,
            guint  value,
            guint  width)
{
  for (guint i = width; i > 0; i--)
    {
      buf[i - 1] = (char) ('0' + value % 10);
      value /= 10;
    }
}

void
mock_format_time (gint64 unix_time,
                  char   buf[32])
{
  gint64 days = floor_div (unix_time, 86400);
  gint64 secs = unix_time - days * 86400;
  gint year;
  guint month, day;

  mock_civil_from_days (days, &year, &month, &day);
  if (year < 0 || year > 9999)
    {
      g_snprintf (buf, 32, "%04d-%02u-%02uT%02u:%02u:%02uZ", year, month, day,
                  (guint) (secs / 3600), (guint) (secs / 60 % 60), (guint) (secs % 60));
      return;
    }
  /* Every time of a list is written here: by hand, as printf's reading of the format cost more
   * than the rest of writing the time. */
  put_digits (buf, (guint) year, 4);
  buf[4] = '-';
  put_digits (buf + 5, month, 2);
  buf[7] = '-';
  put_digits (buf + 8, day, 2);
  buf[10] = 'T';
  put_digits (buf + 11, (guint) (secs / 3600), 2);
  buf[13] = ':';
  put_digits (buf + 14, (guint) (secs / 60 % 60), 2);
  buf[16] = ':';
  put_digits (buf + 17, (guint) (secs % 60), 2);
  buf[19] = 'Z';
  buf[20] = '\0';
}

void
mock_format_day (gint64 day_number,
                 char   buf[16])
{
  gint year;
  guint month, day;

  mock_civil_from_days (day_number, &year, &month, &day);
  g_snprintf (buf, 16, "%04d-%02u-%02u", year, month, day);
}

gboolean
mock_parse_time (const char *text,
                 gint64     *out)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  gsize len;

  if (text == NULL || *text == '\0')
    return FALSE;

  len = strlen (text);

  /* Unix seconds */
  if (strspn (text, "0123456789") == len)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64 / 2, &value, NULL))
        return FALSE;
      *out = (gint64) value;
      return TRUE;
    }

  utc = g_time_zone_new_utc ();

  /* A bare date is UTC midnight. */
  if (len == 10 && text[4] == '-' && text[7] == '-')
    {
      g_autofree char *full = g_strconcat (text, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (full, utc);
    }
  else
    {
      dt = g_date_time_new_from_iso8601 (text, utc);
    }

  if (dt == NULL)
    return FALSE;

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* ---- Requests ------------------------------------------------------------------------------- */

static void
query_param_free (gpointer data)
{
  MockQueryParam *param = data;

  g_free (param->key);
  g_free (param->value);
  g_free (param);
}

void
mock_request_init (MockRequest *req)
{
  memset (req, 0, sizeof *req);
  req->query = g_ptr_array_new_with_free_func (query_param_free);
  req->out = g_string_sized_new (1024);
  req->errors = g_string_new (NULL);
  req->status = SOUP_STATUS_OK;
  req->content_type = "application/json";
}

void
mock_request_clear (MockRequest *req)
{
  g_clear_pointer (&req->segments, g_strfreev);
  g_clear_pointer (&req->query, g_ptr_array_unref);
  if (req->out != NULL)
    g_string_free (g_steal_pointer (&req->out), TRUE);
  if (req->errors != NULL)
    g_string_free (g_steal_pointer (&req->errors), TRUE);
  g_clear_pointer (&req->retry_after, g_free);
  g_clear_object (&req->parser);
}

static char *
form_decode (const char *text,
             gsize       len)
{
  g_autofree char *copy = g_strndup (text, len);
  char *decoded;

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '+')
      *p = ' ';

  decoded = g_uri_unescape_string (copy, NULL);
  if (decoded == NULL)
    decoded = g_steal_pointer (&copy);
  return decoded;
}

void
mock_request_parse_query (MockRequest *req,
                          const char  *query)
{
  const char *p = query;

  if (query == NULL)
    return;

  while (*p != '\0')
    {
      const char *end = strchr (p, '&');
      const char *eq;
      MockQueryParam *param;

      if (end == NULL)
        end = p + strlen (p);

      if (end > p)
        {
          eq = memchr (p, '=', end - p);
          param = g_new0 (MockQueryParam, 1);
          if (eq != NULL)
            {
              param->key = form_decode (p, eq - p);
              param->value = form_decode (eq + 1, end - eq - 1);
            }
          else
            {
              param->key = form_decode (p, end - p);
              param->value = g_strdup ("");
            }
          g_ptr_array_add (req->query, param);
        }

      p = *end == '&' ? end + 1 : end;
    }
}

const char *
mock_query_get (MockRequest *req,
                const char  *key)
{
  const char *found = NULL;

  for (guint i = 0; i < req->query->len; i++)
    {
      MockQueryParam *param = g_ptr_array_index (req->query, i);

      if (strcmp (param->key, key) == 0)
        found = param->value;
    }

  return found;
}

GPtrArray *
mock_query_get_all (MockRequest *req,
                    const char  *key)
{
  GPtrArray *values = NULL;

  for (guint i = 0; i < req->query->len; i++)
    {
      MockQueryParam *param = g_ptr_array_index (req->query, i);

      if (strcmp (param->key, key) != 0)
        continue;
      if (values == NULL)
        values = g_ptr_array_new ();
      g_ptr_array_add (values, param->value);
    }

  return values;
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, out, NULL);
}

gint64
mock_query_int (MockRequest *req,
                const char  *key,
                gint64       default_value,
                gint64       min,
                gint64       max)
{
  const char *text = mock_query_get (req, key);
  gint64 value;

  if (text == NULL)
    return default_value;

  if (!parse_int (text, &value))
    {
      mock_request_invalid (req, "int_parsing",
                            "Input should be a valid integer, unable to parse string as an integer",
                            "query", key, NULL);
      return default_value;
    }

  if (value < min)
    {
      g_autofree char *msg = g_strdup_printf ("Input should be greater than or equal to %"
                                              G_GINT64_FORMAT, min);
      mock_request_invalid (req, "greater_than_equal", msg, "query", key, NULL);
      return default_value;
    }

  if (value > max)
    {
      g_autofree char *msg = g_strdup_printf ("Input should be less than or equal to %"
                                              G_GINT64_FORMAT, max);
      mock_request_invalid (req, "less_than_equal", msg, "query", key, NULL);
      return default_value;
    }

  return value;
}

gboolean
mock_query_time (MockRequest *req,
                 const char  *key,
                 gint64      *out)
{
  const char *text = mock_query_get (req, key);

  if (text == NULL || *text == '\0')
    return FALSE;

  if (!mock_parse_time (text, out))
    {
      mock_request_invalid (req, "datetime_from_date_parsing",
                            "Input should be a valid datetime or date, invalid character in year",
                            "query", key, NULL);
      return FALSE;
    }

  return TRUE;
}

void
mock_request_invalid (MockRequest *req,
                      const char  *type,
                      const char  *msg,
                      const char  *loc,
                      ...)
{
  MockJson json;
  va_list args;

  if (req->n_errors > 0)
    g_string_append_c (req->errors, ',');
  req->n_errors++;

  mock_json_init (&json, req->errors);
  mock_json_begin_object (&json);
  mock_json_member_string (&json, "type", type);
  mock_json_key (&json, "loc");
  mock_json_begin_array (&json);
  va_start (args, loc);
  for (const char *part = loc; part != NULL; part = va_arg (args, const char *))
    {
      if (*part != '\0' && strspn (part, "0123456789") == strlen (part))
        mock_json_raw (&json, part);
      else
        mock_json_string (&json, part);
    }
  va_end (args);
  mock_json_end_array (&json);
  mock_json_member_string (&json, "msg", msg);
  mock_json_end_object (&json);
}

gboolean
mock_request_has_errors (MockRequest *req)
{
  return req->n_errors > 0;
}

void
mock_reply_validation (MockRequest *req)
{
  req->status = 422;
  req->content_type = "application/json";
  g_string_truncate (req->out, 0);
  g_string_append (req->out, "{\"detail\":[");
  g_string_append_len (req->out, req->errors->str, req->errors->len);
  g_string_append (req->out, "]}");
}

JsonNode *
mock_request_body (MockRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (req->parser != NULL)
    return json_parser_get_root (req->parser);

  if (req->body == NULL || req->body_len == 0)
    {
      mock_request_invalid (req, "missing", "Field required", "body", NULL);
      return NULL;
    }

  req->parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (req->parser, req->body, req->body_len, &error) ||
      json_parser_get_root (req->parser) == NULL)
    {
      g_clear_object (&req->parser);
      mock_request_invalid (req, "json_invalid", "JSON decode error", "body", "0", NULL);
      return NULL;
    }

  return json_parser_get_root (req->parser);
}

JsonObject *
mock_request_body_object (MockRequest *req)
{
  JsonNode *root = mock_request_body (req);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      mock_request_invalid (req, "model_attributes_type",
                            "Input should be a valid dictionary or object to extract fields from",
                            "body", NULL);
      return NULL;
    }

  return json_node_get_object (root);
}

const char *
mock_body_string (MockRequest *req,
                  JsonObject  *obj,
                  const char  *name,
                  gboolean     required,
                  gboolean    *present)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (present != NULL)
    *present = node != NULL;

  if (node == NULL)
    {
      if (required)
        mock_request_invalid (req, "missing", "Field required", "body", name, NULL);
      return NULL;
    }

  if (JSON_NODE_HOLDS_NULL (node) && !required)
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      mock_request_invalid (req, "string_type", "Input should be a valid string",
                            "body", name, NULL);
      return NULL;
    }

  return json_node_get_string (node);
}

GPtrArray *
mock_body_string_list (MockRequest *req,
                       JsonObject  *obj,
                       const char  *name,
                       gboolean     required)
{
  JsonNode *node = json_object_get_member (obj, name);
  JsonArray *array;
  GPtrArray *values;
  gboolean ok = TRUE;

  if (node == NULL)
    {
      if (required)
        mock_request_invalid (req, "missing", "Field required", "body", name, NULL);
      return NULL;
    }

  if (JSON_NODE_HOLDS_NULL (node) && !required)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mock_request_invalid (req, "list_type", "Input should be a valid list", "body", name, NULL);
      return NULL;
    }

  array = json_node_get_array (node);
  values = g_ptr_array_sized_new (json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          char index[16];

          g_snprintf (index, sizeof index, "%u", i);
          mock_request_invalid (req, "string_type", "Input should be a valid string",
                                "body", name, index, NULL);
          ok = FALSE;
          continue;
        }
      g_ptr_array_add (values, (gpointer) json_node_get_string (element));
    }

  if (!ok)
    g_clear_pointer (&values, g_ptr_array_unref);

  return values;
}

gint64
mock_body_int (MockRequest *req,
               JsonObject  *obj,
               const char  *name,
               gboolean     required,
               gint64       min,
               gboolean    *present,
               gboolean    *is_null)
{
  JsonNode *node = json_object_get_member (obj, name);
  gint64 value = 0;

  *present = node != NULL;
  *is_null = FALSE;

  if (node == NULL)
    {
      if (required)
        mock_request_invalid (req, "missing", "Field required", "body", name, NULL);
      return 0;
    }

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *is_null = TRUE;
      return 0;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      mock_request_invalid (req, "int_type", "Input should be a valid integer", "body", name, NULL);
      *present = FALSE;
      return 0;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      value = json_node_get_int (node);
      break;

    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (d != (double) (gint64) d)
          {
            mock_request_invalid (req, "int_from_float",
                                  "Input should be a valid integer, got a number with a "
                                  "fractional part", "body", name, NULL);
            *present = FALSE;
            return 0;
          }
        value = (gint64) d;
      }
      break;

    case G_TYPE_STRING:
      if (!parse_int (json_node_get_string (node), &value))
        {
          mock_request_invalid (req, "int_parsing",
                                "Input should be a valid integer, unable to parse string as an "
                                "integer", "body", name, NULL);
          *present = FALSE;
          return 0;
        }
      break;

    default:
      mock_request_invalid (req, "int_type", "Input should be a valid integer", "body", name, NULL);
      *present = FALSE;
      return 0;
    }

  if (value < min)
    {
      g_autofree char *msg = g_strdup_printf ("Input should be greater than or equal to %"
                                              G_GINT64_FORMAT, min);
      mock_request_invalid (req, "greater_than_equal", msg, "body", name, NULL);
      *present = FALSE;
      return 0;
    }

  return value;
}

gboolean
mock_body_bool (MockRequest *req,
                JsonObject  *obj,
                const char  *name,
                gboolean     default_value)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return default_value;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      mock_request_invalid (req, "bool_type", "Input should be a valid boolean", "body", name,
                            NULL);
      return default_value;
    }

  return json_node_get_boolean (node);
}

MockJson *
mock_reply_begin (MockRequest *req,
                  guint        status,
                  MockJson    *json)
{
  req->status = status;
  req->content_type = "application/json";
  g_string_truncate (req->out, 0);
  mock_json_init (json, req->out);
  return json;
}

void
mock_reply_detail (MockRequest *req,
                   guint        status,
                   const char  *format,
                   ...)
{
  g_autofree char *detail = NULL;
  MockJson json;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  mock_reply_begin (req, status, &json);
  mock_json_begin_object (&json);
  mock_json_member_string (&json, "detail", detail);
  mock_json_end_object (&json);
}

void
mock_reply_success (MockRequest *req)
{
  req->status = SOUP_STATUS_OK;
  req->content_type = "application/json";
  g_string_assign (req->out, "{\"status\":\"success\"}");
}

gboolean
mock_request_page (MockRequest *req,
                   MockPage    *page)
{
  const char *skip_key = "skip";

  if (req->compat && mock_query_get (req, "skip") == NULL && mock_query_get (req, "offset") != NULL)
    skip_key = "offset";

  page->skip = mock_query_int (req, skip_key, 0, 0, G_MAXINT32);
  page->limit = mock_query_int (req, "limit", 100, 1, 200);

  return !mock_request_has_errors (req);
}

void
mock_envelope_begin (MockJson *json)
{
  mock_json_begin_object (json);
  mock_json_key (json, "items");
  mock_json_begin_array (json);
}

void
mock_envelope_end (MockJson       *json,
                   const MockPage *page,
                   gint64          total,
                   gint64          n_items)
{
  gboolean has_more = page->skip + n_items < total;

  mock_json_end_array (json);
  mock_json_member_int (json, "total", total);
  mock_json_member_int (json, "skip", page->skip);
  mock_json_member_int (json, "limit", page->limit);
  mock_json_key (json, "has_more");
  mock_json_bool (json, has_more);
  mock_json_key (json, "next_cursor");
  if (has_more)
    mock_json_int (json, page->skip + n_items);
  else
    mock_json_null (json);
  mock_json_end_object (json);
}

gboolean
mock_request_range (MockRequest *req,
                    gint64      *start,
                    gint64      *end)
{
  gint64 now = mock_state_now (req->state);
  gint64 value;

  *start = mock_state_cycle_start (req->state, now);
  *end = now;

  if (mock_query_time (req, "start_date", &value))
    *start = value;
  else if (mock_query_time (req, "start", &value))
    *start = value;

  if (mock_query_time (req, "end_date", &value))
    *end = value;
  else if (mock_query_time (req, "end", &value))
    *end = value;

  return !mock_request_has_errors (req);
}

gboolean
mock_email_is_valid (const char *email)
{
  const char *at;
  const char *domain;
  gsize len;

  if (email == NULL)
    return FALSE;

  len = strlen (email);
  if (len < 3 || len > 254)
    return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = email; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c <= 0x20 || c >= 0x7f || strchr ("()<>,;:\\\"[]", c) != NULL)
        return FALSE;
    }

  if (email[0] == '.' || at[-1] == '.' || strstr (email, "..") != NULL)
    return FALSE;

  domain = at + 1;
  if (*domain == '\0' || *domain == '.' || *domain == '-' ||
      strchr (domain, '.') == NULL || domain[strlen (domain) - 1] == '.')
    return FALSE;

  return TRUE;
}

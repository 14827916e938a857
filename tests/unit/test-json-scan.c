/* test-json-scan.c: the fast path of the hot lists against the general one
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages of members and audit events are decoded straight from the text (da-json-scan.h) when
 * they look as the API writes them, and the general way (_da_json_read, then parse_page and the
 * *_new_from_json decoders) otherwise. Each page here goes through both: when the fast path
 * takes a page, the page must be the very one the general path reads; the shapes the API writes
 * must be taken (or the fast path would be silently lost); odd ones must be left to the general
 * path, which alone says what is wrong.
 */

#include "config.h"

#include <string.h>

#include "da-client-private.h"
#include "da-json-private.h"
#include "da-models.h"

typedef enum
{
  FAST,      /* the fast path takes it */
  GENERAL,   /* the fast path leaves it to the general path */
} Expect;

typedef struct
{
  GType         type;
  DaDecodeFunc  decode;
  DaIdFunc      get_id;
  const char   *list_key;
} Lister;

static Lister members = {
  0, (DaDecodeFunc) da_member_new_from_json, NULL, "items"
};
static Lister audit = {
  0, (DaDecodeFunc) da_audit_event_new_from_json, (DaIdFunc) da_audit_event_get_audit_log_id,
  "audit_logs"
};

static void
assert_same_object (GObject *a,
                    GObject *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);

      if (G_VALUE_HOLDS_STRING (&va))
        {
          g_test_message ("%s: %s / %s", pspecs[i]->name, g_value_get_string (&va),
                          g_value_get_string (&vb));
          g_assert_cmpstr (g_value_get_string (&va), ==, g_value_get_string (&vb));
        }
      else
        g_assert_cmpint (g_param_values_cmp (pspecs[i], &va, &vb), ==, 0);
    }
}

/* Reads @text both ways; returns the page the fast path read, or NULL. */
static DaPage *
read_both (const Lister *lister,
           const char   *text,
           gssize        length,
           Expect        expect)
{
  g_autoptr(DaPage) general = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  DaScanFunc scan = da_json_scan_func_for_type (lister->type);
  DaPage *fast;

  if (length < 0)
    length = strlen (text);

  g_assert_nonnull (scan);
  fast = da_api_v2.scan_page (&da_api_v2, text, length, scan, lister->get_id);

  root = _da_json_read (text, length, NULL);
  if (root != NULL)
    general = da_api_v2.parse_page (&da_api_v2, root, DA_PAGER_SKIP_LIMIT, lister->decode,
                                    lister->get_id, &error);

  if (expect == FAST)
    g_assert_nonnull (fast);
  else
    g_assert_null (fast);

  if (fast == NULL)
    return NULL;

  /* What the fast path takes, the general path reads the same way. */
  g_assert_no_error (error);
  if (general == NULL)
    g_error ("The general path refused a page that the fast path took");
  g_assert_cmpuint (fast->items->len, ==, general->items->len);
  for (guint i = 0; i < fast->items->len; i++)
    assert_same_object (g_ptr_array_index (fast->items, i), g_ptr_array_index (general->items, i));
  g_assert_cmpint (fast->total, ==, general->total);
  g_assert_cmpint (fast->has_more, ==, general->has_more);
  g_assert_cmpuint (fast->limit_echo, ==, general->limit_echo);
  g_assert_cmpstr (fast->first_id, ==, general->first_id);
  g_assert_cmpstr (fast->last_id, ==, general->last_id);

  return fast;
}

/* A page holding the one item @item. */
static void
check_item (const Lister *lister,
            const char   *item,
            Expect        expect)
{
  g_autofree char *text = g_strdup_printf ("{\"%s\":[%s]}", lister->list_key, item);
  g_autoptr(DaPage) page = NULL;

  g_test_message ("%s", text);
  page = read_both (lister, text, -1, expect);
}

#define MEMBER_START "\"user_id\":\"user-1\",\"email\":\"a@example.com\",\"name\":\"A\"," \
                     "\"enterprise_role\":\"account_member\""

static void
test_member_items (void)
{
  /* As the API writes them */
  check_item (&members, "{" MEMBER_START ",\"created_at\":\"2026-06-10T09:00:00Z\","
                        "\"last_login\":\"2026-11-24T15:17:15Z\",\"login_count\":216,"
                        "\"saml_id\":\"a\",\"sessions_created_count\":3,"
                        "\"searches_created_count\":0}", FAST);
  check_item (&members, "{" MEMBER_START ",\"created_at\":\"2026-06-10T09:00:00Z\","
                        "\"last_login\":null,\"login_count\":null,\"saml_id\":null}", FAST);
  check_item (&members, "{" MEMBER_START "}", FAST);
  /* Spaces, escapes, other scripts, numbers as times, keys nobody reads */
  check_item (&members, " {\n \"user_id\" : \"user-2\" , \"email\":\"\", "
                        "\"name\":\"Robert \\\"Bobby\\\" Tables \\u00e9\\ud83d\\ude00\\/\\t\","
                        "\"enterprise_role\":\"r\",\"created_at\":1750000000,"
                        "\"future\":{\"a\":[1,2.5e3,true,false,null,\"x\"]},\"n\":-0.5 } ", FAST);
  check_item (&members, "{" MEMBER_START ",\"name\":\"渡辺 結衣\"}", GENERAL);
  check_item (&members, "{\"user_id\":\"u\",\"email\":\"e\",\"name\":\"渡辺 結衣\","
                        "\"enterprise_role\":\"r\",\"created_at\":\"2026-06-10T11:00:00+02:00\"}",
              FAST);

  /* Left to the general path: it reads them, or says what is wrong */
  check_item (&members, "{\"id\":\"u\",\"email\":\"e\",\"name\":\"n\",\"role\":\"r\"}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"user_id\":\"user-9\"}", GENERAL);
  check_item (&members, "{\"user_id\":\"\",\"email\":\"e\",\"name\":\"n\","
                        "\"enterprise_role\":\"r\"}", GENERAL);
  check_item (&members, "{\"email\":\"e\",\"name\":\"n\",\"enterprise_role\":\"r\"}", GENERAL);
  check_item (&members, "{\"user_id\":\"u\",\"email\":null,\"name\":\"n\","
                        "\"enterprise_role\":\"r\"}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"login_count\":-1}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"login_count\":2.0}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"login_count\":12345678901234567890}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"login_count\":\"3\"}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"created_at\":\"yesterday\"}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"created_at\":1.5}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"created_at\":99999999999999}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"saml_id\":7}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"name\":\"a\\u0000b\"}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"n\\u0061me\":\"x\"}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"x\":[1,]}", GENERAL);
  check_item (&members, "{" MEMBER_START ",}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"x\":01}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"x\":\"\\ud800\"}", GENERAL);
  check_item (&members, "{" MEMBER_START ",\"x\":tru}", GENERAL);
  check_item (&members, "{" MEMBER_START " \"x\":1}", GENERAL);
  check_item (&members, "null", GENERAL);
  check_item (&members, "[]", GENERAL);
}

#define EVENT_START "\"audit_log_id\":\"audit-1\",\"action\":\"login\"," \
                    "\"created_at\":\"2026-11-28T17:38:47Z\",\"user_id\":\"user-1\"," \
                    "\"user_email\":\"a@example.com\",\"org_id\":null"

static void
test_audit_items (void)
{
  /* As the API writes them: "data" is kept as it came */
  check_item (&audit, "{" EVENT_START ",\"data\":{\"name\":\"ledger\"}}", FAST);
  check_item (&audit, "{" EVENT_START ",\"data\":null}", FAST);
  check_item (&audit, "{" EVENT_START "}", FAST);
  check_item (&audit, "{\"audit_log_id\":\"a\",\"data\":{\"a\":[1,-2,true,null,{}],\"b\":[],"
                      "\"c\":\"q\\\"\\\\\\n\\r\\t\\b\\f\\u001f é\"}}", FAST);
  check_item (&audit, "{\"audit_log_id\":\"a\",\"data\":\"text\"}", FAST);
  check_item (&audit, "{\"audit_log_id\":\"a\",\"data\":12,\"service_user_name\":\"bot\"}", FAST);

  /* "data" that the general path would write otherwise: all of it goes that way */
  check_item (&audit, "{" EVENT_START ",\"data\":{\"name\": \"ledger\"}}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":{\"n\":1.5}}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":{\"n\":-0}}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":{\"n\":1e2}}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":{\"a\":1,\"a\":2}}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":\"\\u00e9\"}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":\"\\u001F\"}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":\"a\\/b\"}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":\"\\u000a\"}", GENERAL);
  check_item (&audit, "{" EVENT_START ",\"data\":[ 1]}", GENERAL);

  /* Older names, duplicates, wrong types */
  check_item (&audit, "{\"id\":\"a\",\"timestamp\":\"2026-11-28T17:38:47Z\",\"actor\":\"x\"}",
              GENERAL);
  check_item (&audit, "{" EVENT_START ",\"action\":\"logout\"}", GENERAL);
  check_item (&audit, "{\"audit_log_id\":5}", GENERAL);
  check_item (&audit, "{\"action\":\"login\"}", GENERAL);
  check_item (&audit, "{\"audit_log_id\":\"a\",\"org_id\":[]}", GENERAL);
}

/* A page of many events from fewer people, some of them several times on the page and some
 * without an address or with a service user's name: their actors, looked up together once the
 * page is read (da_shared_texts_batch_flush()), are the ones the general path gives. */
static void
test_audit_page_actors (void)
{
  g_autoptr(GString) text = g_string_new ("{\"audit_logs\":[");
  g_autoptr(DaPage) page = NULL;

  for (guint i = 0; i < 300; i++)
    {
      guint person = (i * 7) % 41;

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_printf (text, "{\"audit_log_id\":\"e%u\",\"action\":\"login\","
                              "\"created_at\":\"2026-11-28T17:38:47Z\",\"user_id\":\"u%u\"",
                              i, person);
      if (person % 5 != 0)
        g_string_append_printf (text, ",\"user_email\":\"p%u@example.com\"", person);
      if (person % 7 == 0)
        g_string_append (text, ",\"service_user_name\":\"ci-bot\"");
      g_string_append (text, "}");
    }
  g_string_append (text, "]}");

  page = read_both (&audit, text->str, text->len, FAST);
  g_assert_cmpuint (page->items->len, ==, 300);
  /* The same person on the page: one group of texts. */
  g_assert_cmpstr (da_audit_event_get_user_email (g_ptr_array_index (page->items, 1)), ==,
                   "p7@example.com");
  g_assert_true (da_audit_event_get_user_email (g_ptr_array_index (page->items, 1)) ==
                 da_audit_event_get_user_email (g_ptr_array_index (page->items, 42)));
}

static void
test_deep_data (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"audit_log_id\":\"a\",\"data\":");

  /* As deep as the general path keeps, then one level deeper. */
  for (guint i = 0; i < DA_JSON_MAX_DEPTH - 1; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "1");
  for (guint i = 0; i < DA_JSON_MAX_DEPTH - 1; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  check_item (&audit, deep->str, FAST);

  g_string_truncate (deep, 0);
  g_string_append (deep, "{\"audit_log_id\":\"a\",\"data\":");
  for (guint i = 0; i < DA_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "1");
  for (guint i = 0; i < DA_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  check_item (&audit, deep->str, GENERAL);

  /* Deeper than the reader goes at all, in a value nobody reads */
  g_string_truncate (deep, 0);
  g_string_append (deep, "{\"audit_log_id\":\"a\",\"other\":");
  for (guint i = 0; i < 300; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 300; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  check_item (&audit, deep->str, GENERAL);
}

static void
test_envelopes (void)
{
  g_autoptr(DaPage) page = NULL;
  const char *two = "{\"items\":[{" MEMBER_START "},{\"user_id\":\"user-2\",\"email\":\"b\","
                    "\"name\":\"B\",\"enterprise_role\":\"r\"}],\"total\":7,\"skip\":0,"
                    "\"limit\":2,\"has_more\":true,\"next_cursor\":2}";
  const char *bom = "\xEF\xBB\xBF{\"items\":[]}";

  page = read_both (&members, two, -1, FAST);
  g_assert_cmpuint (page->items->len, ==, 2);
  g_assert_cmpint (page->total, ==, 7);
  g_assert_cmpint (page->has_more, ==, 1);
  g_assert_cmpuint (page->limit_echo, ==, 2);
  g_clear_pointer (&page, da_page_free);

  /* The body is not NUL-terminated: only @length counts. */
  page = read_both (&members, "{\"items\":[],\"total\":0}garbage", 22, FAST);
  g_assert_cmpuint (page->items->len, ==, 0);
  g_clear_pointer (&page, da_page_free);

  page = read_both (&audit, "{\"audit_logs\":[{\"audit_log_id\":\"a\"},{\"audit_log_id\":\"b\"}]}",
                    -1, FAST);
  g_assert_cmpstr (page->first_id, ==, "a");
  g_assert_cmpstr (page->last_id, ==, "b");
  g_clear_pointer (&page, da_page_free);

  da_page_free (read_both (&members,
                           "{\"items\":[],\"total\":null,\"limit\":null,\"has_more\":null}", -1,
                           FAST));
  da_page_free (read_both (&members, "{\"members\":[],\"total\":-3}", -1, FAST));

  /* Left to the general path */
  read_both (&members, "{\"items\":[],\"members\":[]}", -1, GENERAL);
  read_both (&members, "{\"items\":[],\"total\":1,\"total\":2}", -1, GENERAL);
  read_both (&members, "{\"items\":[],\"total\":1.0}", -1, GENERAL);
  read_both (&members, "{\"items\":[],\"has_more\":1}", -1, GENERAL);
  read_both (&members, "{\"items\":{}}", -1, GENERAL);
  read_both (&members, "{\"total\":0}", -1, GENERAL);
  read_both (&members, "[]", -1, GENERAL);
  read_both (&members, "{\"items\":[]} x", -1, GENERAL);
  read_both (&members, "{\"items\":[]", -1, GENERAL);
  read_both (&members, "{\"items\":[],}", -1, GENERAL);
  read_both (&members, "{\"items\":[]}\xff", 13, GENERAL);
  read_both (&members, bom, -1, GENERAL);
  read_both (&members, "", 0, GENERAL);
}

/* Every prefix of a page: cut anywhere, the fast path never reads past the end, and takes
 * nothing that the general path would refuse. */
static void
test_truncated (void)
{
  const char *text = "{\"audit_logs\":[{" EVENT_START ",\"data\":{\"a\":[1,\"x\\\"y\"]}},"
                     "{\"audit_log_id\":\"b\",\"data\":null}]}";
  gsize length = strlen (text);

  for (gsize i = 0; i < length; i++)
    {
      g_autofree char *copy = g_memdup2 (text, i);
      g_autoptr(DaPage) page = NULL;

      page = read_both (&audit, copy != NULL ? copy : "", i, GENERAL);
    }
}

/* da_utf8_validate_len() says what g_utf8_validate_len() says, for every odd byte at every
 * offset of a word (its fast path reads eight bytes at a time), and for random bytes. */
static void
test_utf8_validate (void)
{
  static const char *odd[] = {
    "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",   /* é € 😀 */
    "\x00", "\x80", "\xbf", "\xc0\x80", "\xc1\xbf",      /* NUL, lone continuations, overlong */
    "\xc3", "\xe2\x82", "\xf0\x9f\x98",                 /* cut short */
    "\xed\xa0\x80", "\xef\xbf\xbf", "\xf4\x90\x80\x80",  /* a surrogate, U+FFFF, past U+10FFFF */
    "\xe0\x80\xaf", "\xf5\x80\x80\x80", "\xfe", "\xff",
  };
  GRand *rand = g_rand_new_with_seed (1128);
  char buffer[160];

  /* At every offset of the first blocks of 32 and words of 8 bytes, and past them. */
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      gsize n = MAX (strlen (odd[i]), 1);   /* "\x00" is one byte */

      for (guint offset = 0; offset + n <= 100; offset++)
        for (guint total = offset + n; total <= 100; total += 5)
          {
            memset (buffer, 'a', sizeof buffer);
            memcpy (buffer + offset, odd[i], n);
            g_assert_cmpint (da_utf8_validate_len (buffer, total), ==,
                             g_utf8_validate_len (buffer, total, NULL));
          }
    }

  for (guint round = 0; round < 40000; round++)
    {
      gsize total = g_rand_int_range (rand, 0, sizeof buffer);
      /* Mostly ASCII, now and then a byte of anything: often, or seldom enough for long runs of
       * ASCII between. */
      guint32 seldom = round % 2 == 0 ? 0xf00 : 0xff00;

      for (gsize i = 0; i < total; i++)
        {
          guint32 r = g_rand_int (rand);

          buffer[i] = (char) ((r & seldom) == 0 ? (r & 0xff) : 0x20 + (r & 0x3f));
        }
      g_assert_cmpint (da_utf8_validate_len (buffer, total), ==,
                       g_utf8_validate_len (buffer, total, NULL));
    }

  g_assert_true (da_utf8_validate_len ("", 0));
  g_rand_free (rand);
}

/* Reads the first @length bytes of @json (a string, with its quotes) as an object's key: a key
 * ends at its closing quote, and one with an escape or a control character is not taken. */
static gboolean
scan_as_key (const GString *json,
             gsize          length,
             gsize         *key_length)
{
  g_autoptr(GString) object = g_string_new ("{");
  DaJsonScan scan;
  const char *key = NULL;
  guint index = 0;
  gboolean done = FALSE;

  g_string_append_len (object, json->str, length);
  g_string_append (object, ":1}");
  da_json_scan_init (&scan, object->str, object->len);
  g_assert_true (da_json_scan_object_begin (&scan));
  if (!da_json_scan_object_next (&scan, &index, &key, key_length, &done))
    return FALSE;
  g_assert_false (done);
  g_assert_true (key == object->str + 2);
  return TRUE;
}

/* Strings and keys are read eight bytes at a time too: a quote, a backslash or a control
 * character at any offset ends the plain run there. */
static void
test_string_runs (void)
{
  for (guint length = 0; length < 20; length++)
    for (guint at = 0; at <= length; at++)
      {
        static const char specials[] = { '"', '\\', '\n', '\x01', '\x1f' };

        for (guint k = 0; k < G_N_ELEMENTS (specials); k++)
          {
            g_autoptr(GString) json = g_string_new ("\"");
            DaJsonScan scan;
            const char *value = NULL;
            gsize value_length = 0, key_length = 0;
            gboolean ok, key_ok;

            for (guint i = 0; i < length; i++)
              g_string_append_c (json, i == at ? specials[k] : (i % 3 == 0 ? '\xc3' : 'x'));
            /* keep it UTF-8: a lead byte takes its continuation */
            for (gsize i = 0; i < json->len; i++)
              if ((guchar) json->str[i] == 0xc3)
                {
                  if (i + 1 < json->len)
                    json->str[i + 1] = (char) 0xa9;
                  else
                    json->str[i] = 'x';
                }
            g_string_append (json, "\" ");

            da_json_scan_init (&scan, json->str, json->len);
            ok = da_json_scan_string_or_null (&scan, &value, &value_length);
            /* as a key, the string up to its first quote */
            key_ok = scan_as_key (json, at < length && json->str[at + 1] == '"' ? at + 2 : json->len,
                                  &key_length);

            if (at < length && json->str[at + 1] == '"')
              {
                /* the string ends there */
                g_assert_true (ok);
                g_assert_cmpuint (value_length, ==, at);
                g_assert_true (key_ok);
                g_assert_cmpuint (key_length, ==, at);
              }
            else if (at < length && (json->str[at + 1] == '\n' || json->str[at + 1] == '\x01' ||
                                     json->str[at + 1] == '\x1f'))
              {
                g_assert_false (ok);   /* a control character in a string */
                g_assert_false (key_ok);
              }
            else if (at < length && json->str[at + 1] == '\\')
              {
                g_assert_false (ok);   /* "\\x" is no escape */
                g_assert_false (key_ok);
              }
            else
              {
                g_assert_true (ok);
                g_assert_cmpuint (value_length, ==, json->len - 3);
                g_assert_cmpmem (value, value_length, json->str + 1, json->len - 3);
                g_assert_true (key_ok);
                g_assert_cmpuint (key_length, ==, json->len - 3);
              }
          }
      }
}

/* Reads @text's object with _next, or with _next_hinted and @hint before every key; returns what
 * was read: each key, then "}" or "!" where the reading failed, and where it stopped. */
static char *
read_keys (const char *text,
           const char *hint)
{
  g_autoptr(GString) out = g_string_new (NULL);
  DaJsonScan scan;
  guint index = 0;

  da_json_scan_init (&scan, text, strlen (text));
  if (!da_json_scan_object_begin (&scan))
    return g_strdup ("not an object");

  for (;;)
    {
      const char *key = NULL;
      gsize key_length = 0;
      gboolean done = FALSE, ok;

      if (hint != NULL)
        ok = da_json_scan_object_next_hinted (&scan, &index, hint, strlen (hint), &key,
                                              &key_length, &done);
      else
        ok = da_json_scan_object_next (&scan, &index, &key, &key_length, &done);
      if (!ok || done)
        {
          g_string_append (out, ok ? "}" : "!");
          break;
        }
      g_string_append_printf (out, "[%.*s]", (int) key_length, key);
      if (!da_json_scan_skip (&scan))
        {
          g_string_append (out, "?");
          break;
        }
    }
  g_string_append_printf (out, " at %d", (int) (scan.p - text));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A decoder's guess of the next key changes nothing but the speed: whatever the guess, a key is
 * read as without one (longer and shorter keys than the guess, spaces, a missing or doubled
 * comma, escapes, the end of the text). */
static void
test_hinted_keys (void)
{
  static const char *texts[] = {
    "{\"name\":1,\"email\":\"a\",\"name_x\":3}",
    "{\"nam\":1,\"name\":2,\"n\":3}",
    "{ \"name\" : 1 , \"email\":2 }",
    "{\"email\":1 \"name\":2}",
    "{\"email\":1\"name\":2}",
    "{\"email\":1,,\"name\":2}",
    "{,\"name\":1}",
    "{\"na\\u006de\":1}",
    "{\"name\"",
    "{\"name\":",
    "{\"name\" :1}",
    "{\"name\":1,",
    "{\"name\":1,\"name",
    "{}",
    "{\"\":1}",
  };
  /* Guesses are plain text, as the decoders' are. */
  static const char *hints[] = { "name", "email", "nam", "name_x", "n", "", "na", "}" };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autofree char *plain = read_keys (texts[t], NULL);

      for (guint h = 0; h < G_N_ELEMENTS (hints); h++)
        {
          g_autofree char *hinted = read_keys (texts[t], hints[h]);

          g_assert_cmpstr (hinted, ==, plain);
        }
    }

  /* What the plain reading gives, to be sure the texts try what they should. */
  {
    g_autofree char *keys = read_keys (texts[0], "name");
    g_autofree char *spaced = read_keys (texts[2], "name");
    g_autofree char *no_comma = read_keys (texts[3], "name");

    g_assert_cmpstr (keys, ==, "[name][email][name_x]} at 33");
    g_assert_cmpstr (spaced, ==, "[name][email]} at 26");
    g_assert_cmpstr (no_comma, ==, "[email]! at 11");
  }
}

/* Reads @text as a JSON string of a time, and checks the scan (which reads the API's own form in
 * place) agrees with the general parser, in what it takes and what it makes of it. Returns
 * whether it was taken. */
static gboolean
check_time (const char *text)
{
  g_autofree char *json = g_strdup_printf ("\"%s\",", text);
  DaJsonScan scan;
  gint64 scanned = 0, parsed = 0;
  gboolean scan_ok, parse_ok;

  da_json_scan_init (&scan, json, strlen (json));
  scan_ok = da_json_scan_time (&scan, &scanned);
  parse_ok = da_json_parse_timestamp (text, &parsed);

  if (scan_ok != parse_ok || (scan_ok && scanned != parsed))
    g_error ("\"%s\": scanned %d %" G_GINT64_FORMAT ", parsed %d %" G_GINT64_FORMAT, text,
             scan_ok, scanned, parse_ok, parsed);
  if (scan_ok)
    g_assert_cmpint (*scan.p, ==, ',');

  return scan_ok;
}

/* Times in the API's form ("YYYY-MM-DDTHH:MM:SSZ") are read straight from the text: the same
 * values as the general parser's, for every day of four centuries and the edges of each field,
 * and the same refusals for a wrong byte anywhere (each position, every byte value). */
static void
test_times (void)
{
  static const char *edges[] = {
    "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
    "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2000-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z", "2026-11-17T23:59:60Z", "2026-11-17T24:00:00Z",
    "2026-11-17T23:60:00Z", "2026-11-17T23:59:61Z", "2026-13-01T00:00:00Z",
    "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-04-00T00:00:00Z",
    "2026-11-17t14:55:20z", "2026-11-17 14:55:20Z", "2026-11-17T14:55:20.5Z",
    "2026-11-17T14:55:20+01:00", "2026-11-17T14:55Z", "2026-11-17", "2026-11-17T14:55:20",
  };
  char text[] = "2026-11-17T14:55:20Z";
  guint taken = 0;

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    check_time (edges[i]);

  for (int year = 1900; year < 2300; year += 3)
    for (int month = 1; month <= 12; month++)
      for (int day = 1; day <= 31; day++)
        {
          g_autofree char *t = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
                                                (day * 7) % 24, (day * 13) % 60,
                                                (month * 11) % 61);

          taken += check_time (t);
        }
  g_assert_cmpuint (taken, >, 40000);

  for (guint at = 0; at < strlen (text); at++)
    {
      char kept = text[at];

      for (guint byte = 1; byte < 256; byte++)
        {
          text[at] = (char) byte;
          if (g_utf8_validate (text, -1, NULL) && byte != '"' && byte != '\\')
            check_time (text);
        }
      text[at] = kept;
    }

  /* Characters of two and three bytes in place of digits or separators. */
  for (guint at = 0; at + 1 < strlen (text); at++)
    for (guint lead = 0xc2; lead <= 0xef; lead++)
      for (guint next = 0x80; next <= 0xbf; next += 7)
        {
          g_autofree char *changed = g_strdup (text);
          guint n = lead >= 0xe0 ? 3 : 2;

          if (at + n > strlen (text))
            continue;
          changed[at] = (char) lead;
          changed[at + 1] = (char) (lead == 0xe0 ? 0xa0 + (next & 0x1f) : next);
          if (n == 3)
            changed[at + 2] = (char) 0x80;
          if (g_utf8_validate (changed, -1, NULL))
            g_assert_false (check_time (changed));
        }

  g_assert_true (check_time (text));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  members.type = DA_TYPE_MEMBER;
  audit.type = DA_TYPE_AUDIT_EVENT;

  g_test_add_func ("/json-scan/member-items", test_member_items);
  g_test_add_func ("/json-scan/audit-items", test_audit_items);
  g_test_add_func ("/json-scan/audit-page-actors", test_audit_page_actors);
  g_test_add_func ("/json-scan/deep-data", test_deep_data);
  g_test_add_func ("/json-scan/envelopes", test_envelopes);
  g_test_add_func ("/json-scan/truncated", test_truncated);
  g_test_add_func ("/json-scan/utf8-validate", test_utf8_validate);
  g_test_add_func ("/json-scan/string-runs", test_string_runs);
  g_test_add_func ("/json-scan/hinted-keys", test_hinted_keys);
  g_test_add_func ("/json-scan/times", test_times);

  return g_test_run ();
}

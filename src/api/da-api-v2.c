/* da-api-v2.c: what is particular to the v2 Enterprise API
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paths, the auth header, the paging style of each list, query parameter names, timestamps in
 * queries, envelope keys, error bodies and request bodies all live in one table, `da_api_v2`.
 * A later version of the API (v3: other paths, `cog_` tokens, first/after cursors, Unix-second
 * timestamps, problem+json errors) is another table beside it; nothing outside src/api/ changes.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-client-private.h"
#include "da-json-private.h"

/* The longest piece of a server's message we pass on to a person. */
#define MAX_DETAIL_CHARS 400

void
da_page_free (DaPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page->first_id);
  g_free (page->last_id);
  g_free (page);
}

/* ---- Paths ------------------------------------------------------------------------------- */

static const DaEndpointInfo v2_endpoints[DA_EP_LAST] = {
  [DA_EP_MEMBERS]                    = { "/members", DA_PAGER_SKIP_LIMIT },
  [DA_EP_MEMBER]                     = { "/members/{}", DA_PAGER_SKIP_LIMIT },
  [DA_EP_MEMBERS_INVITE]             = { "/members/invite", DA_PAGER_SKIP_LIMIT },
  [DA_EP_MEMBERS_ROLES]              = { "/members/roles", DA_PAGER_SKIP_LIMIT },
  [DA_EP_MEMBER_ORGANIZATIONS]       = { "/members/{}/organizations", DA_PAGER_SKIP_LIMIT },
  [DA_EP_ROLES]                      = { "/roles", DA_PAGER_SKIP_LIMIT },
  [DA_EP_ORGANIZATIONS]              = { "/organizations", DA_PAGER_SKIP_LIMIT },
  [DA_EP_ORGANIZATION]               = { "/organizations/{}", DA_PAGER_SKIP_LIMIT },
  [DA_EP_ORGANIZATION_MEMBERS]       = { "/organizations/{}/members", DA_PAGER_SKIP_LIMIT },
  [DA_EP_ORGANIZATION_MEMBER]        = { "/organizations/{}/members/{}", DA_PAGER_SKIP_LIMIT },
  [DA_EP_ORGANIZATION_MEMBERS_ROLES] = { "/organizations/{}/members/roles", DA_PAGER_SKIP_LIMIT },
  [DA_EP_GROUPS]                     = { "/groups", DA_PAGER_SKIP_LIMIT },
  [DA_EP_ORGANIZATION_GROUPS]        = { "/organizations/{}/groups", DA_PAGER_SKIP_LIMIT },
  [DA_EP_ORGANIZATION_GROUP]         = { "/organizations/{}/groups/{}", DA_PAGER_SKIP_LIMIT },
  [DA_EP_GIT_CONNECTIONS]            = { "/organizations/{}/git/connections", DA_PAGER_SKIP_LIMIT },
  [DA_EP_GIT_PERMISSIONS]            = { "/organizations/{}/git/permissions", DA_PAGER_SKIP_LIMIT },
  [DA_EP_GIT_PERMISSION]             = { "/organizations/{}/git/permissions/{}", DA_PAGER_SKIP_LIMIT },
  [DA_EP_API_KEYS]                   = { "/api-keys", DA_PAGER_PAGE },
  [DA_EP_API_KEY]                    = { "/api-keys/{}", DA_PAGER_SKIP_LIMIT },
  [DA_EP_AUDIT_LOGS]                 = { "/audit-logs", DA_PAGER_CURSOR },
  [DA_EP_CONSUMPTION_CYCLES]         = { "/consumption/cycles", DA_PAGER_SKIP_LIMIT },
  [DA_EP_CONSUMPTION_DAILY]          = { "/consumption/daily", DA_PAGER_SKIP_LIMIT },
  [DA_EP_CONSUMPTION_DAILY_USER]     = { "/consumption/daily/{}", DA_PAGER_SKIP_LIMIT },
  [DA_EP_METRICS_USAGE]              = { "/metrics/usage", DA_PAGER_SKIP_LIMIT },
  [DA_EP_METRICS_PRS]                = { "/metrics/prs", DA_PAGER_SKIP_LIMIT },
  [DA_EP_METRICS_SESSIONS]           = { "/metrics/sessions", DA_PAGER_SKIP_LIMIT },
  [DA_EP_METRICS_SEARCHES]           = { "/metrics/searches", DA_PAGER_SKIP_LIMIT },
  [DA_EP_SESSIONS]                   = { "/sessions", DA_PAGER_SKIP_LIMIT },
  [DA_EP_SESSIONS_INSIGHTS]          = { "/sessions/insights", DA_PAGER_SKIP_LIMIT },
};

static const char * const v2_params[DA_PARAM_LAST] = {
  [DA_PARAM_SKIP]         = "skip",
  [DA_PARAM_LIMIT]        = "limit",
  [DA_PARAM_PAGE]         = "page",
  [DA_PARAM_PER_PAGE]     = "per_page",
  [DA_PARAM_BEFORE]       = "before",
  [DA_PARAM_AFTER]        = "after",
  [DA_PARAM_EMAIL]        = "email",
  [DA_PARAM_ORG_ID]       = "org_id",
  [DA_PARAM_ORG_IDS]      = "org_ids",
  [DA_PARAM_USER_IDS]     = "user_ids",
  [DA_PARAM_SESSION_IDS]  = "session_ids",
  [DA_PARAM_START]        = "start_date",
  [DA_PARAM_END]          = "end_date",
  [DA_PARAM_CREATED_FROM] = "created_date_from",
  [DA_PARAM_CREATED_TO]   = "created_date_to",
  [DA_PARAM_UPDATED_FROM] = "updated_date_from",
  [DA_PARAM_UPDATED_TO]   = "updated_date_to",
};

char *
_da_api_flavor_build_path (const DaApiFlavor *flavor,
                           DaEndpoint         endpoint,
                           ...)
{
  GString *path = g_string_new (NULL);
  const char *p;
  va_list args;

  g_assert (endpoint < DA_EP_LAST);

  va_start (args, endpoint);
  for (p = flavor->endpoints[endpoint].path; *p != '\0'; p++)
    {
      if (p[0] == '{' && p[1] == '}')
        {
          const char *arg = va_arg (args, const char *);
          g_autofree char *escaped = NULL;

          g_assert (arg != NULL);
          escaped = g_uri_escape_string (arg, NULL, FALSE);
          g_string_append (path, escaped);
          p++;
        }
      else
        {
          g_string_append_c (path, *p);
        }
    }
  va_end (args);

  return g_string_free (path, FALSE);
}

/* ---- Small helpers ----------------------------------------------------------------------- */

static char *
v2_auth_header (const char *api_key)
{
  return g_strconcat ("Bearer ", api_key, NULL);
}

static char *
v2_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_new (NULL);
  const char *p;
  guint n = 0;

  for (p = valid; *p != '\0' && n < MAX_DETAIL_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    g_string_append (out, "…");

  g_strstrip (out->str);
  out->len = strlen (out->str);

  return g_string_free (out, FALSE);
}

/* Nothing readable in @text: only spaces and control characters. */
static gboolean
is_blank (const char *text)
{
  g_autofree char *clean = clean_text (text);

  return *clean == '\0';
}

/* Sets *@detail to @text made readable; FALSE, leaving it, when nothing readable is left (a
 * message of spaces would be an empty sentence: found by fuzz/fuzz-error-body). */
static gboolean
take_detail (const char  *text,
             char       **detail)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return FALSE;

  clean = clean_text (text);
  if (*clean == '\0')
    return FALSE;

  *detail = g_steal_pointer (&clean);
  return TRUE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* ---- Error bodies ------------------------------------------------------------------------ */

/* The field a FastAPI "loc" names: its last string element that is not where it came from. */
static char *
field_from_loc (JsonNode *loc)
{
  JsonArray *array;
  guint i;

  if (loc == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (loc) && json_node_get_value_type (loc) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (loc));

  if (!JSON_NODE_HOLDS_ARRAY (loc))
    return NULL;

  array = json_node_get_array (loc);
  for (i = json_array_get_length (array); i > 0; i--)
    {
      JsonNode *element = json_array_get_element (array, i - 1);
      const char *name;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;

      name = json_node_get_string (element);
      if (g_str_equal (name, "body") || g_str_equal (name, "query") || g_str_equal (name, "path")
          || g_str_equal (name, "header") || g_str_equal (name, "cookie") || *name == '\0')
        continue;

      return g_strdup (name);
    }

  return NULL;
}

/* RFC 9457 "pointer" ("/emails/3", "#/body/limit") → its last named segment. */
static char *
field_from_pointer (const char *pointer)
{
  g_auto(GStrv) parts = NULL;
  guint i;

  if (pointer == NULL)
    return NULL;

  parts = g_strsplit (pointer, "/", -1);
  for (i = g_strv_length (parts); i > 0; i--)
    {
      const char *part = parts[i - 1];

      if (*part == '\0' || *part == '#' || g_ascii_isdigit (*part) || g_str_equal (part, "body")
          || g_str_equal (part, "query") || g_str_equal (part, "path"))
        continue;

      return g_strdup (part);
    }

  return NULL;
}

/* A list of validation problems (FastAPI "detail" items or RFC 9457 "errors") as one sentence:
 * "limit: Input should be less than or equal to 200; email: …". */
static gboolean
read_problem_list (JsonArray  *array,
                   char      **detail,
                   char      **field)
{
  g_autoptr(GString) sentence = g_string_new (NULL);
  g_autofree char *first_field = NULL;
  guint i;

  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *name = NULL;
      const char *msg = NULL;
      JsonObject *item;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        {
          msg = json_node_get_string (element);
        }
      else if (JSON_NODE_HOLDS_OBJECT (element))
        {
          item = json_node_get_object (element);
          msg = get_string_member (item, "msg");
          if (msg == NULL)
            msg = get_string_member (item, "detail");
          if (msg == NULL)
            msg = get_string_member (item, "message");

          name = field_from_loc (json_object_get_member (item, "loc"));
          if (name == NULL)
            name = field_from_pointer (get_string_member (item, "pointer"));
          if (name == NULL)
            name = field_from_loc (json_object_get_member (item, "field"));
        }

      if (msg == NULL || is_blank (msg))
        continue;

      if (sentence->len > 0)
        g_string_append (sentence, "; ");
      if (name != NULL)
        g_string_append_printf (sentence, "%s: %s", name, msg);
      else
        g_string_append (sentence, msg);

      if (first_field == NULL && name != NULL)
        first_field = g_steal_pointer (&name);
    }

  if (sentence->len == 0 || !take_detail (sentence->str, detail))
    return FALSE;

  *field = g_steal_pointer (&first_field);
  return TRUE;
}

gboolean
_da_api_parse_error_body (JsonNode  *root,
                          char     **detail,
                          char     **field)
{
  JsonObject *object;
  JsonNode *node;
  const char *text;

  g_return_val_if_fail (detail != NULL && field != NULL, FALSE);

  *detail = NULL;
  *field = NULL;

  if (root == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_STRING)
    {
      return take_detail (json_node_get_string (root), detail);
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);

  /* RFC 9457: "errors" is the precise list, "detail" the sentence, "title" the summary. */
  node = json_object_get_member (object, "errors");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node)
      && read_problem_list (json_node_get_array (node), detail, field))
    return TRUE;

  /* FastAPI: "detail" is a string, or on 422 a list of {loc, msg, type}. */
  node = json_object_get_member (object, "detail");
  if (node != NULL)
    {
      if (JSON_NODE_HOLDS_ARRAY (node)
          && read_problem_list (json_node_get_array (node), detail, field))
        return TRUE;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && take_detail (json_node_get_string (node), detail))
        return TRUE;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *inner = json_node_get_object (node);

          text = get_string_member (inner, "msg");
          if (text == NULL)
            text = get_string_member (inner, "message");
          if (take_detail (text, detail))
            {
              *field = field_from_loc (json_object_get_member (inner, "loc"));
              return TRUE;
            }
        }
    }

  text = get_string_member (object, "title");
  if (text == NULL)
    text = get_string_member (object, "message");

  return take_detail (text, detail);
}

/* ---- Envelopes --------------------------------------------------------------------------- */

/* The documented key first, then those of the older examples. */
static const char * const v2_item_keys[] = {
  "items", "members", "sessions", "logs", "audit_logs", "cycles", NULL
};

static JsonArray *
v2_get_bare_list (JsonNode   *root,
                  const char *older_key)
{
  JsonNode *node;

  if (root == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  if (older_key != NULL)
    {
      node = json_object_get_member (json_node_get_object (root), older_key);
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        return json_node_get_array (node);
    }

  node = json_object_get_member (json_node_get_object (root), "items");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  return NULL;
}

static gboolean
read_optional_int (JsonObject  *object,
                   const char  *name,
                   gint64      *value,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE,
                   "list: \"%s\" is not an integer", name);
      return FALSE;
    }

  *value = json_node_get_int (node);
  return TRUE;
}

static DaPage *
v2_parse_page (const DaApiFlavor  *flavor,
               JsonNode           *root,
               DaPagerStyle        style,
               DaDecodeFunc        decode,
               DaIdFunc            get_id,
               GError            **error)
{
  g_autoptr(DaPage) page = g_new0 (DaPage, 1);
  JsonArray *array = NULL;
  guint i, n;

  page->total = -1;
  page->has_more = -1;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *node;
      gint64 value;

      for (i = 0; v2_item_keys[i] != NULL && array == NULL; i++)
        {
          node = json_object_get_member (object, v2_item_keys[i]);
          if (node == NULL)
            continue;
          if (!JSON_NODE_HOLDS_ARRAY (node))
            {
              g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE,
                           "list: \"%s\" is not an array", v2_item_keys[i]);
              return NULL;
            }
          array = json_node_get_array (node);
        }

      value = -1;
      if (!read_optional_int (object, "total", &value, error))
        return NULL;
      page->total = value >= 0 ? value : -1;

      value = -1;
      if (!read_optional_int (object, "limit", &value, error))
        return NULL;
      page->limit_echo = value > 0 && value <= G_MAXUINT ? (guint) value : 0;

      node = json_object_get_member (object, "has_more");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              g_set_error_literal (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE,
                                   "list: \"has_more\" is not a boolean");
              return NULL;
            }
          page->has_more = json_node_get_boolean (node) ? 1 : 0;
        }
    }

  if (array == NULL)
    {
      g_set_error_literal (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE,
                           "list: no \"items\" array");
      return NULL;
    }

  n = json_array_get_length (array);
  page->items = g_ptr_array_new_full (n, g_object_unref);

  for (i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gpointer item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE,
                       "list: item %u is not an object", i);
          return NULL;
        }

      item = decode (json_node_get_object (element), error);
      if (item == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE,
                         "list: item %u could not be read", i);
          return NULL;
        }
      g_ptr_array_add (page->items, item);
    }

  if (n > 0)
    {
      g_autofree char *text = json_to_string (json_array_get_element (array, 0), FALSE);

      page->fingerprint = g_str_hash (text);
      if (get_id != NULL)
        {
          page->first_id = g_strdup (get_id (g_ptr_array_index (page->items, 0)));
          page->last_id = g_strdup (get_id (g_ptr_array_index (page->items, n - 1)));
        }
    }

  return g_steal_pointer (&page);
}

/* djb2, as g_str_hash, over bytes that are not NUL-terminated */
static guint
hash_bytes (const char *text,
            gsize       length)
{
  guint32 h = 5381;

  for (gsize i = 0; i < length; i++)
    h = (h << 5) + h + (guchar) text[i];

  return h;
}

/* The fast path of v2_parse_page: the common envelope only, every item taken by @scan; NULL for
 * anything else, v2_parse_page then decides. The first item's fingerprint is a hash of its
 * text: pages read twice the same way give the same one. */
static DaPage *
v2_scan_page (const DaApiFlavor *flavor,
              const char        *text,
              gsize              length,
              DaScanFunc         scan,
              DaIdFunc           get_id)
{
  enum { SEEN_ITEMS = 1 << 0, SEEN_TOTAL = 1 << 1, SEEN_LIMIT = 1 << 2, SEEN_HAS_MORE = 1 << 3 };
  g_autoptr(DaSharedTextsBatch) shared_texts = da_shared_texts_batch_new ();
  g_autoptr(DaPage) page = g_new0 (DaPage, 1);
  g_autofree DaJsonScan *s = g_new (DaJsonScan, 1);
  guint seen = 0, index = 0;
  gboolean done = FALSE;

  page->total = -1;
  page->has_more = -1;
  page->items = g_ptr_array_new_with_free_func (g_object_unref);

  /* A byte order mark or broken UTF-8: the general reader decides. */
  if ((length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0) ||
      !da_utf8_validate_len (text, length))
    return NULL;

  da_json_scan_init (s, text, length);
  /* The items' shared texts (an audit event's actor) are looked up together, once all are read:
   * should the page be given up, the items go without ever having had theirs. */
  s->shared_texts = shared_texts;
  if (!da_json_scan_object_begin (s))
    return NULL;

  for (;;)
    {
      const char *key;
      gsize key_length;
      guint bit = 0;
      gboolean ok = TRUE;
      gint64 value;

      if (!da_json_scan_object_next (s, &index, &key, &key_length, &done))
        return NULL;
      if (done)
        break;

      for (guint i = 0; v2_item_keys[i] != NULL; i++)
        if (da_json_scan_key_is (key, key_length, v2_item_keys[i], strlen (v2_item_keys[i])))
          bit = SEEN_ITEMS;

      if (bit == SEEN_ITEMS)
        {
          guint item_index = 0;

          if (!da_json_scan_array_begin (s))
            return NULL;
          for (;;)
            {
              const char *start;
              gpointer item;

              if (!da_json_scan_array_next (s, &item_index, &done))
                return NULL;
              if (done)
                break;

              start = s->p;
              item = scan (s);
              if (item == NULL)
                return NULL;
              if (page->items->len == 0)
                page->fingerprint = hash_bytes (start, s->p - start);
              g_ptr_array_add (page->items, item);
            }
        }
      else if (DA_JSON_SCAN_KEY_IS (key, key_length, "total"))
        {
          bit = SEEN_TOTAL;
          if (da_json_scan_peek (s) == 'n')
            ok = da_json_scan_null (s);
          else if ((ok = da_json_scan_integer (s, &value)))
            page->total = value >= 0 ? value : -1;
        }
      else if (DA_JSON_SCAN_KEY_IS (key, key_length, "limit"))
        {
          bit = SEEN_LIMIT;
          if (da_json_scan_peek (s) == 'n')
            ok = da_json_scan_null (s);
          else if ((ok = da_json_scan_integer (s, &value)))
            page->limit_echo = value > 0 && value <= G_MAXUINT ? (guint) value : 0;
        }
      else if (DA_JSON_SCAN_KEY_IS (key, key_length, "has_more"))
        {
          gboolean has_more;

          bit = SEEN_HAS_MORE;
          if (da_json_scan_peek (s) == 'n')
            ok = da_json_scan_null (s);
          else if ((ok = da_json_scan_boolean (s, &has_more)))
            page->has_more = has_more ? 1 : 0;
        }
      else
        {
          ok = da_json_scan_skip (s);
        }

      /* Twice the same key, or two lists: the general path knows which one wins. */
      if (!ok || (seen & bit) != 0)
        return NULL;
      seen |= bit;
    }

  da_json_scan_space (s);
  if ((seen & SEEN_ITEMS) == 0 || s->p != s->end)
    return NULL;

  /* All read: the items' shared texts, together. */
  da_shared_texts_batch_flush (shared_texts);

  if (page->items->len > 0 && get_id != NULL)
    {
      page->first_id = g_strdup (get_id (g_ptr_array_index (page->items, 0)));
      page->last_id = g_strdup (get_id (g_ptr_array_index (page->items, page->items->len - 1)));
    }

  return g_steal_pointer (&page);
}

static gboolean
v2_parse_error_body (JsonNode  *root,
                     char     **detail,
                     char     **field)
{
  return _da_api_parse_error_body (root, detail, field);
}

/* ---- Request bodies ---------------------------------------------------------------------- */

static GBytes *
builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static GBytes *
v2_invite_body (const char * const *emails)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_array (builder, "emails", emails);
  json_builder_end_object (builder);

  return builder_to_bytes (builder);
}

static GBytes *
v2_roles_body (const char * const *user_ids,
               const char         *role_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_array (builder, "user_ids", user_ids);
  json_builder_set_member_name (builder, "role_id");
  json_builder_add_string_value (builder, role_id);
  json_builder_end_object (builder);

  return builder_to_bytes (builder);
}

static GBytes *
v2_create_org_body (const char *name,
                    gint64      acu_limit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, name);
  if (acu_limit >= 0)
    {
      json_builder_set_member_name (builder, "acu_limit");
      json_builder_add_int_value (builder, acu_limit);
    }
  json_builder_end_object (builder);

  return builder_to_bytes (builder);
}

static GBytes *
v2_update_org_body (const char *name,
                    gboolean    change_limit,
                    gint64      acu_limit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (name != NULL)
    {
      json_builder_set_member_name (builder, "display_name");
      json_builder_add_string_value (builder, name);
    }
  if (change_limit)
    {
      /* An explicit null clears the limit. */
      json_builder_set_member_name (builder, "max_acu_limit");
      if (acu_limit >= 0)
        json_builder_add_int_value (builder, acu_limit);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  return builder_to_bytes (builder);
}

static GBytes *
v2_add_org_members_body (const char         *org_id,
                         const char * const *user_ids,
                         const char         *org_role)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *org_ids[] = { org_id, NULL };

  json_builder_begin_object (builder);
  add_string_array (builder, "user_ids", user_ids);
  add_string_array (builder, "org_ids", org_ids);
  json_builder_set_member_name (builder, "org_role");
  json_builder_add_string_value (builder, org_role != NULL ? org_role : "org_member");
  json_builder_end_object (builder);

  return builder_to_bytes (builder);
}

static GBytes *
v2_link_group_body (const char *group_name,
                    const char *role)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group_name");
  json_builder_add_string_value (builder, group_name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role);
  json_builder_end_object (builder);

  return builder_to_bytes (builder);
}

static GBytes *
v2_grant_body (GPtrArray *grants)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  /* The documented body is a bare array of {connection_id, repo_path | group_prefix}. */
  json_builder_begin_array (builder);
  for (guint i = 0; i < grants->len; i++)
    {
      DaGitGrant *grant = g_ptr_array_index (grants, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "connection_id");
      json_builder_add_string_value (builder, grant->connection_id);
      if (grant->repo_path != NULL)
        add_string_array (builder, "repo_path", (const char * const *) grant->repo_path);
      else
        add_string_array (builder, "group_prefix", (const char * const *) grant->group_prefix);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return builder_to_bytes (builder);
}

const DaApiFlavor da_api_v2 = {
  .name = "v2",
  .default_prefix = "/v2/enterprise",
  .endpoints = v2_endpoints,
  .params = v2_params,
  .max_page_size = 200,
  .max_per_page = 100,
  /* /audit-logs documents no maximum for `limit` (default 100); the older pages gave 1,000 as
   * the maximum of a list's limit. Its pages come one after the other, so their size is what
   * loading a long log costs in round trips. */
  .max_cursor_page_size = 1000,
  .default_page_size = 100,
  .auth_header = v2_auth_header,
  .format_time = v2_format_time,
  .parse_page = v2_parse_page,
  .scan_page = v2_scan_page,
  .get_bare_list = v2_get_bare_list,
  .parse_error_body = v2_parse_error_body,
  .invite_body = v2_invite_body,
  .roles_body = v2_roles_body,
  .create_org_body = v2_create_org_body,
  .update_org_body = v2_update_org_body,
  .add_org_members_body = v2_add_org_members_body,
  .link_group_body = v2_link_group_body,
  .grant_body = v2_grant_body,
};

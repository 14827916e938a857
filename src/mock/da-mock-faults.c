/* da-mock-faults.c: reading fault specs, choosing the fault a request suffers, and mangling
 * answers for the "wrong-types" fault
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grammar (see da-mock-server.h):
 *   [METHOD] PATH-GLOB WHAT [times=N|once|always] [every=K] [retry-after=S] [delay=MS]
 * The HTTP side of the faults (pausing, stealing the connection) is in da-mock-server.c.
 */

#include "config.h"

#include <string.h>

#include "da-mock-private.h"

#define DEFAULT_LATENCY_MS 500

static const struct
{
  const char    *name;
  MockFaultKind  kind;
} fault_kinds[] = {
  { "stall", MOCK_FAULT_STALL },
  { "truncate", MOCK_FAULT_TRUNCATE },
  { "html", MOCK_FAULT_HTML },
  { "malformed", MOCK_FAULT_MALFORMED },
  { "wrong-types", MOCK_FAULT_WRONG_TYPES },
  { "latency", MOCK_FAULT_LATENCY },
  { "refuse", MOCK_FAULT_REFUSE },
};

static const char *const methods[] = {
  "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
};

void
mock_fault_free (MockFault *fault)
{
  if (fault == NULL)
    return;

  g_free (fault->spec);
  g_free (fault->method);
  g_free (fault->path_glob);
  g_clear_pointer (&fault->pattern, g_pattern_spec_free);
  g_free (fault);
}

static gboolean
read_option_uint (const char  *spec,
                  const char  *token,
                  const char  *name,
                  guint64      max,
                  guint64     *out,
                  GError     **error)
{
  const char *value = token + strlen (name) + 1;

  if (!g_ascii_string_to_unsigned (value, 10, 0, max, out, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot read fault “%s”: %s needs a whole number up to %" G_GUINT64_FORMAT,
                   spec, name, max);
      return FALSE;
    }

  return TRUE;
}

MockFault *
mock_fault_parse (const char  *spec,
                  GError     **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  MockFault *fault;
  guint i = 0;

  if (spec == NULL)
    spec = "";

  parts = g_strsplit_set (spec, " \t\r\n", -1);
  for (char **p = parts; *p != NULL; p++)
    if (**p != '\0')
      g_ptr_array_add (tokens, g_strdup (*p));

  if (tokens->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot read fault “%s”: it is empty; write for example "
                   "“GET /members* 503 times=1”", spec);
      return NULL;
    }

  fault = g_new0 (MockFault, 1);
  fault->spec = g_strdup (spec);
  fault->times = -1;
  fault->every = 1;
  fault->retry_after = -1;

  /* METHOD */
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (tokens, 0), methods[m]) == 0)
        {
          fault->method = g_strdup (methods[m]);
          i++;
          break;
        }
    }
  if (fault->method == NULL && g_ascii_strcasecmp (g_ptr_array_index (tokens, 0), "ANY") == 0)
    i++;

  /* PATH-GLOB */
  if (i >= tokens->len)
    goto missing;
  {
    const char *glob = g_ptr_array_index (tokens, i);

    if (glob[0] != '/' && glob[0] != '*')
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "Cannot read fault “%s”: the path “%s” should start with / or *",
                     spec, glob);
        goto fail;
      }
    fault->path_glob = g_strdup (glob);
    fault->pattern = g_pattern_spec_new (glob);
    i++;
  }

  /* WHAT */
  if (i >= tokens->len)
    goto missing;
  {
    const char *what = g_ptr_array_index (tokens, i);
    guint64 status;
    gboolean found = FALSE;

    if (g_ascii_string_to_unsigned (what, 10, 100, 599, &status, NULL))
      {
        fault->kind = MOCK_FAULT_STATUS;
        fault->status = (guint) status;
        found = TRUE;
      }
    else
      {
        for (guint k = 0; k < G_N_ELEMENTS (fault_kinds); k++)
          {
            if (g_ascii_strcasecmp (what, fault_kinds[k].name) == 0)
              {
                fault->kind = fault_kinds[k].kind;
                found = TRUE;
                break;
              }
          }
      }

    if (!found)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     "Cannot read fault “%s”: “%s” is neither an HTTP status nor one of "
                     "stall, truncate, html, malformed, wrong-types, latency, refuse", spec, what);
        goto fail;
      }
    i++;
  }

  /* options */
  for (; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);
      guint64 value;

      if (g_ascii_strcasecmp (token, "once") == 0)
        fault->times = 1;
      else if (g_ascii_strcasecmp (token, "always") == 0)
        fault->times = -1;
      else if (g_str_has_prefix (token, "times="))
        {
          if (!read_option_uint (spec, token, "times", G_MAXINT, &value, error))
            goto fail;
          fault->times = (gint) value;
        }
      else if (g_str_has_prefix (token, "every="))
        {
          if (!read_option_uint (spec, token, "every", G_MAXINT, &value, error))
            goto fail;
          fault->every = MAX ((guint) value, 1);
        }
      else if (g_str_has_prefix (token, "retry-after="))
        {
          if (!read_option_uint (spec, token, "retry-after", 86400, &value, error))
            goto fail;
          fault->retry_after = (gint) value;
        }
      else if (g_str_has_prefix (token, "delay="))
        {
          if (!read_option_uint (spec, token, "delay", 600000, &value, error))
            goto fail;
          fault->delay_ms = (guint) value;
        }
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Cannot read fault “%s”: unknown option “%s” (known: times=N, once, "
                       "always, every=K, retry-after=S, delay=MS)", spec, token);
          goto fail;
        }
    }

  if (fault->kind == MOCK_FAULT_LATENCY && fault->delay_ms == 0)
    fault->delay_ms = DEFAULT_LATENCY_MS;

  return fault;

missing:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Cannot read fault “%s”: it needs a path and what to do, for example "
               "“GET /members* 503 times=1”", spec);
fail:
  mock_fault_free (fault);
  return NULL;
}

gboolean
mock_glob_match (const char *glob,
                 const char *text)
{
  g_autoptr(GPatternSpec) pattern = g_pattern_spec_new (glob);

  return g_pattern_spec_match_string (pattern, text);
}

gboolean
mock_faults_pick (GPtrArray       *faults,
                  const char      *method,
                  const char      *path,
                  MockFaultAction *action)
{
  memset (action, 0, sizeof *action);

  for (guint i = 0; i < faults->len; i++)
    {
      MockFault *fault = g_ptr_array_index (faults, i);

      if (fault->times == 0)
        continue;
      if (fault->method != NULL && g_ascii_strcasecmp (fault->method, method) != 0)
        continue;
      if (!g_pattern_spec_match_string (fault->pattern, path))
        continue;

      fault->seen++;
      if (fault->seen % fault->every != 0)
        continue;

      if (fault->times > 0)
        fault->times--;

      action->active = TRUE;
      action->kind = fault->kind;
      action->status = fault->status;
      action->retry_after = fault->retry_after;
      action->delay_ms = fault->delay_ms;
      return TRUE;
    }

  return FALSE;
}

/* ---- wrong-types ---------------------------------------------------------------------------- */

static gboolean
is_id_name (const char *name)
{
  return strcmp (name, "id") == 0 || g_str_has_suffix (name, "_id");
}

static void mangle_node (JsonNode *node);

static void
mangle_object (JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          if (is_id_name (name))
            {
              json_object_set_int_member (object, name, g_str_hash (text) % 1000000);
              continue;
            }
          if (strstr (name, "email") != NULL)
            {
              JsonObject *wrapped = json_object_new ();

              json_object_set_string_member (wrapped, "address", text);
              json_object_set_object_member (object, name, wrapped);
              continue;
            }
          if (g_str_has_suffix (name, "_at") || strcmp (name, "timestamp") == 0)
            {
              json_object_set_boolean_member (object, name, TRUE);
              continue;
            }
          if (strcmp (name, "name") == 0 || strcmp (name, "title") == 0)
            {
              JsonArray *array = json_array_new ();

              json_array_add_string_element (array, text);
              json_object_set_array_member (object, name, array);
              continue;
            }
        }

      mangle_node (node);
    }
}

static void
mangle_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      mangle_object (json_node_get_object (node));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        mangle_node (json_array_get_element (array, i));
    }
}

GString *
mock_fault_wrong_types (const char *body,
                        gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, body, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    return g_string_new_len (body, len);

  mangle_node (root);

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  return g_string_new (text);
}

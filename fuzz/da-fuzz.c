/* da-fuzz.c: what the libFuzzer targets share
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "da-client-private.h"
#include "da-fuzz.h"

G_NORETURN void
da_fuzz_fail (const char *file,
              int         line,
              const char *expression)
{
  fprintf (stderr, "%s:%d: invariant broken: %s\n", file, line, expression);
  abort ();
}

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }

  /* Messages, infos and debug output would only slow the run down. */
  return G_LOG_WRITER_HANDLED;
}

void
da_fuzz_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      /* Types registered once, so that their class structures are not counted as leaks of
       * the first input. */
      g_type_ensure (JSON_TYPE_NODE);
      g_type_ensure (JSON_TYPE_OBJECT);
      g_once_init_leave (&initialized, 1);
    }
}

char *
da_fuzz_dup_string (const uint8_t *data,
                    size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

JsonNode *
da_fuzz_read_json (const uint8_t *data,
                   size_t         size)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  root = _da_json_read ((const char *) data, size, &error);
  DA_FUZZ_CHECK ((root == NULL) == (error != NULL));
  return root;
}

static void
touch_json (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return;

  text = json_to_string (node, FALSE);
  DA_FUZZ_CHECK (text != NULL);
  DA_FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
}

void
da_fuzz_touch_object (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  DA_FUZZ_CHECK (G_IS_OBJECT (object));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_auto(GValue) copy = G_VALUE_INIT;
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

      if (!(pspec->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&value, type);
      g_object_get_property (object, pspec->name, &value);

      /* What the model holds is within what its property declares (no negative count, no
       * infinite amount). */
      g_value_init (&copy, type);
      g_value_copy (&value, &copy);
      if (g_param_value_validate (pspec, &copy))
        {
          fprintf (stderr, "property %s.%s holds a value outside its range\n",
                   G_OBJECT_TYPE_NAME (object), pspec->name);
          DA_FUZZ_CHECK (!"a property value is within its range");
        }

      if (type == G_TYPE_STRING)
        {
          const char *text = g_value_get_string (&value);

          DA_FUZZ_CHECK (text == NULL || g_utf8_validate (text, -1, NULL));
        }
      else if (type == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (&value);

          for (guint j = 0; strv != NULL && strv[j] != NULL; j++)
            DA_FUZZ_CHECK (g_utf8_validate (strv[j], -1, NULL));
        }
      else if (type == JSON_TYPE_OBJECT)
        {
          JsonObject *json = g_value_get_boxed (&value);

          if (json != NULL)
            {
              g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

              json_node_set_object (node, json);
              touch_json (node);
            }
        }
    }
}

void
da_fuzz_foreach_object (JsonNode  *root,
                        void     (*func) (JsonObject *object,
                                          gpointer    user_data),
                        gpointer   user_data)
{
  JsonArray *array = NULL;

  if (root == NULL)
    return;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      g_autoptr(GList) members = json_object_get_values (object);

      func (object, user_data);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = l->data;

          if (!JSON_NODE_HOLDS_ARRAY (member))
            continue;
          array = json_node_get_array (member);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_OBJECT (element))
                func (json_node_get_object (element), user_data);
            }
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            func (json_node_get_object (element), user_data);
        }
    }
}

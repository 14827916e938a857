/* fuzz-json-reader.c: the client's JSON reader (src/api/da-json-reader.c) on any bytes
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides never crashing, what the reader accepts must be JSON that json-glib's own parser
 * reads to the same tree (the reader is a faster replacement for it), and a tree it made must
 * read back the same after the models' writer (da_json_write_compact, which keeps an audit
 * event's data) writes it out. Non-finite numbers (1e999) are the writer's to refuse.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "da-client-private.h"
#include "da-fuzz.h"
#include "da-json-private.h"

/* TRUE when @node holds a number beyond what a gint64 holds. */
static gboolean
has_huge_number (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (has_huge_number (member))
            return TRUE;
        return FALSE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (has_huge_number (json_array_get_element (array, i)))
            return TRUE;
        return FALSE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) == G_TYPE_DOUBLE
             && !(fabs (json_node_get_double (node)) < 9223372036854775807.0);

    case JSON_NODE_NULL:
    default:
      return FALSE;
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  da_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = da_fuzz_read_json (data, size);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;

  if (root == NULL)
    return 0;

  DA_FUZZ_CHECK (json_node_get_node_type (root) <= JSON_NODE_NULL);

  /* json-glib's parser reads what the reader accepted, to the same tree; but json-glib 1.6
   * wraps integers beyond 64 bits around (9223372036854775808 reads as its negative), where
   * the reader keeps them as doubles. */
  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();

    if (!json_parser_load_from_data (parser, (const char *) data, size, &error))
      {
        g_printerr ("json-glib refused: %s\n", error->message);
        DA_FUZZ_CHECK (!"json-glib reads what the reader accepted");
      }
    DA_FUZZ_CHECK (json_node_equal (root, json_parser_get_root (parser)) || has_huge_number (root));
  }

  /* Written out by the models' writer and read again by the reader: the same tree. */
  out = g_string_new (NULL);
  if (!da_json_write_compact (root, out, "fuzz", "root", &error))
    {
      DA_FUZZ_CHECK (g_error_matches (error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE));
      return 0;
    }
  again = _da_json_read (out->str, out->len, &error);
  if (again == NULL)
    {
      g_printerr ("not read back: %s\n%s\n", error->message, out->str);
      DA_FUZZ_CHECK (!"the writer's output of an accepted tree is read back");
    }
  DA_FUZZ_CHECK (json_node_equal (root, again));

  return 0;
}

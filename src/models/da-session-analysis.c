/* da-session-analysis.c: reading a session analysis without trusting its shape
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-session-analysis.h"
#include "da-json-private.h"

/* Members of an item object that read as its line, in order of preference. */
static const char * const line_members[] = {
  "summary", "title", "description", "text", "message",
};

/* nullable: a string member that is valid UTF-8 */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node;
  const char *text;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  return text;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

/**
 * da_session_analysis_get_original_prompt:
 * @analysis: (nullable): a session analysis object
 *
 * Returns: (nullable): "suggested_prompt"."original_prompt" (or a top-level "original_prompt")
 */
const char *
da_session_analysis_get_original_prompt (JsonObject *analysis)
{
  const char *text = get_string (get_object (analysis, "suggested_prompt"), "original_prompt");

  return text != NULL ? text : get_string (analysis, "original_prompt");
}

/**
 * da_session_analysis_get_suggested_prompt:
 * @analysis: (nullable): a session analysis object
 *
 * Returns: (nullable): "suggested_prompt"."suggested_prompt", or "suggested_prompt" itself when
 *   it is a string
 */
const char *
da_session_analysis_get_suggested_prompt (JsonObject *analysis)
{
  const char *text = get_string (get_object (analysis, "suggested_prompt"), "suggested_prompt");

  return text != NULL ? text : get_string (analysis, "suggested_prompt");
}

/**
 * da_session_analysis_get_feedback_items:
 * @analysis: (nullable): a session analysis object
 *
 * The items of "suggested_prompt"."feedback_items" (or a top-level "feedback_items") that are
 * objects; their members that are not strings are NULL.
 *
 * Returns: (transfer container) (nullable): #DaFeedbackItem pointers whose strings belong to
 *   @analysis, NULL when there is none
 */
GPtrArray *
da_session_analysis_get_feedback_items (JsonObject *analysis)
{
  JsonArray *items = get_array (get_object (analysis, "suggested_prompt"), "feedback_items");
  GPtrArray *result = NULL;
  guint n;

  if (items == NULL)
    items = get_array (analysis, "feedback_items");
  if (items == NULL)
    return NULL;

  n = json_array_get_length (items);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *object;
      DaFeedbackItem *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      item = g_new0 (DaFeedbackItem, 1);
      item->issue_id = get_string (object, "issue_id");
      item->summary = get_string (object, "summary");
      item->details = get_string (object, "details");
      item->excerpt = get_string (object, "excerpt");

      if (result == NULL)
        result = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (result, item);
    }

  return result;
}

static char *
dup_line (JsonNode *node)
{
  g_autoptr(GString) compact = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (text == NULL || *text == '\0')
        return NULL;
      return g_utf8_make_valid (text, -1);
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      for (guint i = 0; i < G_N_ELEMENTS (line_members); i++)
        {
          const char *text = get_string (object, line_members[i]);

          if (text != NULL && *text != '\0')
            return g_strdup (text);
        }
    }

  /* Anything else reads as its JSON text (nothing when it cannot be written safely). */
  compact = g_string_new (NULL);
  if (!da_json_write_compact (node, compact, "session analysis", "item", NULL))
    return NULL;

  return g_string_free (g_steal_pointer (&compact), FALSE);
}

/**
 * da_session_analysis_dup_lines:
 * @analysis: (nullable): a session analysis object
 * @member_name: "issues", "action_items", "timeline" or another array member
 *
 * One readable line per item of the array, whatever the item's shape.
 *
 * Returns: (transfer full) (nullable): the lines, NULL when there is none
 */
GStrv
da_session_analysis_dup_lines (JsonObject *analysis,
                               const char *member_name)
{
  g_autoptr(GPtrArray) lines = NULL;
  JsonArray *items;
  guint n;

  if (member_name == NULL)
    return NULL;

  items = get_array (analysis, member_name);
  if (items == NULL)
    return NULL;

  lines = g_ptr_array_new_with_free_func (g_free);
  n = json_array_get_length (items);
  for (guint i = 0; i < n; i++)
    {
      char *line = dup_line (json_array_get_element (items, i));

      if (line == NULL)
        continue;

      g_ptr_array_add (lines, line);
    }

  if (lines->len == 0)
    return NULL;

  g_ptr_array_set_free_func (lines, NULL);
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

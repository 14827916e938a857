/* da-audit-format.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-audit-format.h"
#include "da-csv.h"
#include "da-format.h"
#include "da-json-private.h"

#define MASK "••••••••"
/* A summary longer than this is cut (the details show everything). */
#define SUMMARY_MAX_CHARS 160

static const struct
{
  const char *action;
  const char *label;
} actions[] = {
  { "login", N_("Signed in") },
  { "create_session", N_("Started a session") },
  { "sleep_session", N_("Put a session to sleep") },
  { "create_knowledge", N_("Created knowledge") },
  { "edit_knowledge", N_("Edited knowledge") },
  { "delete_knowledge", N_("Deleted knowledge") },
  { "add_enterprise_member", N_("Added an enterprise member") },
  { "delete_member", N_("Removed a member") },
  { "add_member", N_("Added an organization member") },
  { "assign_roles", N_("Assigned roles") },
  { "update_role", N_("Changed a role") },
  { "create_role", N_("Created a role") },
  { "delete_role", N_("Deleted a role") },
  { "create_org", N_("Created an organization") },
  { "update_org", N_("Updated an organization") },
  { "delete_org", N_("Deleted an organization") },
  { "create_idp_group", N_("Added an IdP group") },
  { "add_group_membership", N_("Linked an IdP group") },
  { "update_group_membership", N_("Changed an IdP group link") },
  { "delete_group_membership", N_("Unlinked an IdP group") },
  { "create_git_permission", N_("Granted repository access") },
  { "delete_git_permission", N_("Revoked repository access") },
  { "clone_repository", N_("Cloned a repository") },
  { "create_api_key", N_("Created an API key") },
  { "revoke_api_key", N_("Revoked an API key") },
  { "revoke_all_enterprise_api_keys", N_("Revoked all API keys") },
  { "create_playbook", N_("Created a playbook") },
  { "update_playbook", N_("Updated a playbook") },
  { "delete_playbook", N_("Deleted a playbook") },
};

const char *
da_audit_action_label (const char *action)
{
  if (action == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (strcmp (actions[i].action, action) == 0)
      return _(actions[i].label);

  return action;
}

const char * const *
da_audit_known_actions (void)
{
  static const char *names[G_N_ELEMENTS (actions) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      names[i] = actions[i].action;

  return names;
}

/* ---- Masking ------------------------------------------------------------------------------ */

static gboolean
is_secret_name (const char *name)
{
  static const char *parts[] = { "secret", "password", "passwd", "token", "api_key_value",
                                 "private_key", "credential" };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (strcmp (lower, "key") == 0 || strcmp (lower, "api_key") == 0 ||
      strcmp (lower, "apikey") == 0 || strcmp (lower, "authorization") == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (strstr (lower, parts[i]) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
is_secret_value (const char *value)
{
  /* API keys ("apk_user_…", "apk_…"); their IDs ("apk-…") are not secrets. */
  return value != NULL && g_str_has_prefix (value, "apk_") && strlen (value) > 8;
}

static void
mask_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *member = json_object_get_member (object, name);

          if (is_secret_name (name) && !JSON_NODE_HOLDS_NULL (member))
            json_object_set_string_member (object, name, MASK);
          else
            mask_node (member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        mask_node (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           is_secret_value (json_node_get_string (node)))
    {
      json_node_set_string (node, MASK);
    }
}

JsonNode *
da_audit_dup_masked_data (DaAuditEvent *event)
{
  JsonNode *data;

  g_return_val_if_fail (DA_IS_AUDIT_EVENT (event), NULL);

  data = da_audit_event_dup_data (event);
  if (data == NULL)
    return NULL;

  mask_node (data);
  return data;
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), name);

            g_string_append (out, first ? "" : ",");
            if (pretty)
              g_string_append_printf (out, "\n%*s", (int) (depth + 1) * 2, "");
            append_node (out, key, FALSE, 0);
            g_string_append (out, pretty ? ": " : ":");
            append_node (out, member, pretty, depth + 1);
            first = FALSE;
          }
        if (pretty && !first)
          g_string_append_printf (out, "\n%*s", (int) depth * 2, "");
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append (out, i == 0 ? "" : ",");
            if (pretty)
              g_string_append_printf (out, "\n%*s", (int) (depth + 1) * 2, "");
            append_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (pretty && n > 0)
          g_string_append_printf (out, "\n%*s", (int) depth * 2, "");
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      /* The models' writer: json-glib 1.6 writes a double such as 1e20 as "1e+20.0", which is
       * not JSON (found by fuzz/fuzz-json-reader). */
      if (!da_json_write_compact (node, out, "audit event", "data", NULL))
        g_string_append (out, "null");
      break;
    }
}

static char *
node_to_text (JsonNode *node,
              gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  append_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}

static char *
scalar_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return node_to_text (node, FALSE);
}

char *
da_audit_summarize_data (DaAuditEvent *event)
{
  g_autoptr(JsonNode) data = da_audit_dup_masked_data (event);
  g_autoptr(GString) text = NULL;

  if (data == NULL || JSON_NODE_HOLDS_NULL (data))
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      text = g_string_new (NULL);
      json_object_iter_init (&iter, json_node_get_object (data));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *value = scalar_to_text (member);

          if (text->len > 0)
            g_string_append (text, " · ");
          /* Translators: one member of an audit event's data, e.g. "user_email: ana@example.com" */
          g_string_append_printf (text, _("%s: %s"), name, value);
          if (g_utf8_strlen (text->str, -1) > SUMMARY_MAX_CHARS)
            break;
        }
    }
  else
    {
      g_autofree char *value = scalar_to_text (data);

      text = g_string_new (value);
    }

  /* One line, and not endless. */
  g_strdelimit (text->str, "\r\n\t", ' ');
  if (g_utf8_strlen (text->str, -1) > SUMMARY_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (text->str, SUMMARY_MAX_CHARS);

      g_string_truncate (text, cut - text->str);
      g_string_append (text, "…");
    }

  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
da_audit_format_data_pretty (DaAuditEvent *event)
{
  g_autoptr(JsonNode) data = da_audit_dup_masked_data (event);

  if (data == NULL)
    return NULL;
  return node_to_text (data, TRUE);
}

const char *
da_audit_actor (DaAuditEvent *event)
{
  const char *actor;

  g_return_val_if_fail (DA_IS_AUDIT_EVENT (event), NULL);

  actor = da_audit_event_get_user_email (event);
  if (actor == NULL || *actor == '\0')
    actor = da_audit_event_get_service_user_name (event);
  if (actor == NULL || *actor == '\0')
    actor = da_audit_event_get_user_id (event);
  return actor;
}

/* ---- Filters ------------------------------------------------------------------------------ */

DaAuditFilter *
da_audit_filter_new (void)
{
  return g_new0 (DaAuditFilter, 1);
}

DaAuditFilter *
da_audit_filter_copy (const DaAuditFilter *filter)
{
  DaAuditFilter *copy = da_audit_filter_new ();

  if (filter == NULL)
    return copy;

  copy->action = g_strdup (filter->action);
  copy->actor = g_strdup (filter->actor);
  copy->org_id = g_strdup (filter->org_id);
  copy->search = g_strdup (filter->search);
  return copy;
}

void
da_audit_filter_free (DaAuditFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->action);
  g_free (filter->actor);
  g_free (filter->org_id);
  g_free (filter->search);
  g_free (filter);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

gboolean
da_audit_filter_is_active (const DaAuditFilter *filter)
{
  return filter != NULL && (is_set (filter->action) || is_set (filter->actor) ||
                            is_set (filter->org_id) || is_set (filter->search));
}

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

gboolean
da_audit_text_contains (const char *haystack,
                        const char *needle_folded)
{
  gsize needle_len;

  if (needle_folded == NULL || *needle_folded == '\0')
    return TRUE;
  if (haystack == NULL)
    return FALSE;

  needle_len = strlen (needle_folded);

  if (is_ascii (needle_folded))
    {
      /* Non-ASCII bytes of the haystack never match an ASCII needle: compare bytes. */
      for (const char *p = haystack; *p != '\0'; p++)
        if (g_ascii_tolower (*p) == needle_folded[0] &&
            g_ascii_strncasecmp (p, needle_folded, needle_len) == 0)
          return TRUE;
      return FALSE;
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (haystack, -1);

      return strstr (folded, needle_folded) != NULL;
    }
}

static gboolean
event_contains (DaAuditEvent *event,
                DaContext    *context,
                const char   *word)
{
  const char *org_id = da_audit_event_get_org_id (event);
  const char *fields[] = {
    da_audit_event_get_audit_log_id (event),
    da_audit_event_get_action (event),
    da_audit_action_label (da_audit_event_get_action (event)),
    da_audit_event_get_user_email (event),
    da_audit_event_get_user_id (event),
    da_audit_event_get_service_user_name (event),
    org_id,
    context != NULL && org_id != NULL ? da_context_lookup_org_name (context, org_id) : NULL,
  };
  const char *data;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL && da_audit_text_contains (fields[i], word))
      return TRUE;

  /* The raw data text: a masked secret is never matched by its value. */
  data = da_audit_event_get_data_json (event);
  if (data != NULL && da_audit_text_contains (data, word))
    {
      g_autoptr(JsonNode) masked = da_audit_dup_masked_data (event);
      g_autofree char *text = masked != NULL ? node_to_text (masked, FALSE) : NULL;

      return text != NULL && da_audit_text_contains (text, word);
    }

  return FALSE;
}

gboolean
da_audit_filter_match (const DaAuditFilter *filter,
                       DaAuditEvent        *event,
                       DaContext           *context)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (event), FALSE);

  if (filter == NULL)
    return TRUE;

  if (is_set (filter->action) &&
      g_strcmp0 (filter->action, da_audit_event_get_action (event)) != 0)
    return FALSE;

  if (is_set (filter->org_id) &&
      g_strcmp0 (filter->org_id, da_audit_event_get_org_id (event)) != 0)
    return FALSE;

  if (is_set (filter->actor))
    {
      g_autofree char *folded = g_utf8_casefold (filter->actor, -1);

      if (!da_audit_text_contains (da_audit_event_get_user_email (event), folded) &&
          !da_audit_text_contains (da_audit_event_get_service_user_name (event), folded))
        return FALSE;
    }

  if (is_set (filter->search))
    {
      g_autofree char *folded = g_utf8_casefold (filter->search, -1);
      g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0' && !event_contains (event, context, words[i]))
          return FALSE;
    }

  return TRUE;
}

/* ---- Writing ------------------------------------------------------------------------------ */

static const char *
org_name (DaAuditEvent *event,
          DaContext    *context)
{
  const char *org_id = da_audit_event_get_org_id (event);

  if (org_id == NULL || context == NULL)
    return NULL;
  return da_context_lookup_org_name (context, org_id);
}

void
da_audit_append_csv_header (GString *out)
{
  /* Column names are for programs that read the file: not translated. */
  static const char *header[] = {
    "audit_log_id", "created_at", "action", "user_email", "user_id", "service_user_name",
    "org_id", "org_name", "data",
  };

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      da_csv_append_field (out, header[i]);
    }
  g_string_append (out, "\r\n");
}

void
da_audit_append_csv_row (GString      *out,
                         DaAuditEvent *event,
                         DaContext    *context)
{
  g_autoptr(JsonNode) data = da_audit_dup_masked_data (event);
  g_autofree char *data_text = data != NULL ? node_to_text (data, FALSE) : NULL;
  gint64 created_at = da_audit_event_get_created_at (event);
  g_autofree char *time = created_at != DA_TIME_UNSET ? da_format_iso_timestamp (created_at) : NULL;
  const char *fields[] = {
    da_audit_event_get_audit_log_id (event),
    time,
    da_audit_event_get_action (event),
    da_audit_event_get_user_email (event),
    da_audit_event_get_user_id (event),
    da_audit_event_get_service_user_name (event),
    da_audit_event_get_org_id (event),
    org_name (event, context),
    data_text,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      da_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

static JsonNode *
build_event_node (DaAuditEvent *event,
                  DaContext    *context)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *data = da_audit_dup_masked_data (event);
  gint64 created_at = da_audit_event_get_created_at (event);
  const struct
  {
    const char *name;
    const char *value;
  } strings[] = {
    { "action", da_audit_event_get_action (event) },
    { "user_id", da_audit_event_get_user_id (event) },
    { "user_email", da_audit_event_get_user_email (event) },
    { "service_user_name", da_audit_event_get_service_user_name (event) },
    { "org_id", da_audit_event_get_org_id (event) },
    { "org_name", org_name (event, context) },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "audit_log_id");
  json_builder_add_string_value (builder, da_audit_event_get_audit_log_id (event));
  json_builder_set_member_name (builder, "created_at");
  if (created_at != DA_TIME_UNSET)
    {
      g_autofree char *time = da_format_iso_timestamp (created_at);

      json_builder_add_string_value (builder, time);
    }
  else
    json_builder_add_null_value (builder);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      json_builder_set_member_name (builder, strings[i].name);
      if (strings[i].value != NULL)
        json_builder_add_string_value (builder, strings[i].value);
      else
        json_builder_add_null_value (builder);
    }

  json_builder_set_member_name (builder, "data");
  if (data != NULL)
    json_builder_add_value (builder, data);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
da_audit_append_json_line (GString      *out,
                           DaAuditEvent *event,
                           DaContext    *context)
{
  g_autoptr(JsonNode) node = build_event_node (event, context);
  g_autofree char *text = node_to_text (node, FALSE);

  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

char *
da_audit_format_event_json (DaAuditEvent *event,
                            DaContext    *context)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (DA_IS_AUDIT_EVENT (event), NULL);

  node = build_event_node (event, context);
  return node_to_text (node, TRUE);
}

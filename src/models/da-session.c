/* da-session.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-session.h"
#include "da-json-private.h"

#define WHAT N_("session")

struct _DaSession
{
  GObject        parent_instance;

  /* One block: the tag vector, the pull requests, then the strings. Organization IDs, statuses,
   * tags and pull request states are interned. */
  gpointer       strings;
  const char    *session_id;
  const char    *user_id;
  const char    *title;
  const char    *url;
  const char    *initial_user_message;
  const char    *analysis_json;
  const char    *org_id;
  const char    *status;
  const char   **tags;
  DaPullRequest *pull_requests;
  guint          n_pull_requests;

  double         acus_consumed;
  gint64         created_at;
  gint64         updated_at;

  /* analysis_json parsed on first use (sealed: nobody can change it) */
  JsonObject    *analysis;
};

G_DEFINE_FINAL_TYPE (DaSession, da_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION_ID,
  PROP_ORG_ID,
  PROP_USER_ID,
  PROP_TITLE,
  PROP_STATUS,
  PROP_TAGS,
  PROP_URL,
  PROP_ACUS_CONSUMED,
  PROP_N_PULL_REQUESTS,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_INITIAL_USER_MESSAGE,
  PROP_HAS_ANALYSIS,
  PROP_ANALYSIS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *no_tags[] = { NULL };

static void
da_session_finalize (GObject *object)
{
  DaSession *self = (DaSession *)object;

  g_clear_pointer (&self->analysis, json_object_unref);
  g_free (self->strings);

  G_OBJECT_CLASS (da_session_parent_class)->finalize (object);
}

static void
da_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DaSession *self = DA_SESSION (object);

  switch (prop_id)
    {
    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;
    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_ACUS_CONSUMED:
      g_value_set_double (value, self->acus_consumed);
      break;
    case PROP_N_PULL_REQUESTS:
      g_value_set_uint (value, self->n_pull_requests);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    case PROP_INITIAL_USER_MESSAGE:
      g_value_set_string (value, self->initial_user_message);
      break;
    case PROP_HAS_ANALYSIS:
      g_value_set_boolean (value, self->analysis_json != NULL);
      break;
    case PROP_ANALYSIS:
      g_value_set_boxed (value, da_session_get_analysis (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_session_class_init (DaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_session_finalize;
  object_class->get_property = da_session_get_property;

  properties [PROP_SESSION_ID] = g_param_spec_string ("session-id", NULL, NULL, NULL, flags);
  properties [PROP_ORG_ID] = g_param_spec_string ("org-id", NULL, NULL, NULL, flags);
  properties [PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties [PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties [PROP_ACUS_CONSUMED] =
    g_param_spec_double ("acus-consumed", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties [PROP_N_PULL_REQUESTS] =
    g_param_spec_uint ("n-pull-requests", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_INITIAL_USER_MESSAGE] =
    g_param_spec_string ("initial-user-message", NULL, NULL, NULL, flags);
  properties [PROP_HAS_ANALYSIS] =
    g_param_spec_boolean ("has-analysis", NULL, NULL, FALSE, flags);
  properties [PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_session_init (DaSession *self)
{
  self->tags = no_tags;
  self->created_at = DA_TIME_UNSET;
  self->updated_at = DA_TIME_UNSET;
}

static gboolean
check_tags (JsonArray  *tags,
            GError    **error)
{
  guint n = tags != NULL ? json_array_get_length (tags) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strdup_printf ("tags[%u]", i);
      JsonNode *node = json_array_get_element (tags, i);
      const char *tag;

      if (JSON_NODE_HOLDS_NULL (node))
        {
          da_json_set_missing (error, WHAT, field, TRUE);
          return FALSE;
        }
      if (!da_json_node_get_string (node, WHAT, field, 0, &tag, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_pull_requests (JsonArray  *pull_requests,
                     GError    **error)
{
  guint n = pull_requests != NULL ? json_array_get_length (pull_requests) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (pull_requests, i);
      g_autofree char *field = g_strdup_printf ("pull_requests[%u]", i);
      g_autofree char *url_field = g_strdup_printf ("pull_requests[%u].url", i);
      g_autofree char *state_field = g_strdup_printf ("pull_requests[%u].state", i);
      JsonObject *pull_request;
      const char *text;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          da_json_set_wrong_type (error, WHAT, field, node, _("an object"));
          return FALSE;
        }

      pull_request = json_node_get_object (node);
      node = json_object_get_member (pull_request, "url");
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          da_json_set_missing (error, WHAT, url_field, node != NULL);
          return FALSE;
        }
      if (!da_json_node_get_string (node, WHAT, url_field, 0, &text, error))
        return FALSE;

      node = json_object_get_member (pull_request, "state");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
          !da_json_node_get_string (node, WHAT, state_field, 0, &text, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * da_session_new_from_json:
 * @object: (nullable): a SessionResponse (with "initial_user_message" and "session_analysis"
 *   from the insights lists), or the older {"id", "insight", …}
 *
 * Returns: (transfer full): the session, or %NULL with a %DA_MODEL_ERROR
 */
DaSession *
da_session_new_from_json (JsonObject  *object,
                          GError     **error)
{
  const char *session_id = NULL;
  const char *org_id = NULL;
  const char *user_id = NULL;
  const char *title = NULL;
  const char *status = NULL;
  const char *url = NULL;
  const char *initial_user_message = NULL;
  JsonArray *tags = NULL;
  JsonArray *pull_requests = NULL;
  JsonObject *analysis = NULL;
  double acus_consumed = 0;
  gint64 created_at = DA_TIME_UNSET;
  gint64 updated_at = DA_TIME_UNSET;
  g_autoptr(GString) analysis_json = NULL;
  guint n_tags;
  guint n_pull_requests;
  gsize tags_offset = 0;
  gsize pull_requests_offset = 0;
  DaStringPack pack;
  DaSession *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "session_id", "id", DA_FIELD_ID, &session_id, error) ||
      !da_json_read_string (object, WHAT, "org_id", NULL, 0, &org_id, error) ||
      !da_json_read_string (object, WHAT, "user_id", NULL, 0, &user_id, error) ||
      !da_json_read_string (object, WHAT, "title", NULL, 0, &title, error) ||
      !da_json_read_string (object, WHAT, "status", NULL, 0, &status, error) ||
      !da_json_read_array (object, WHAT, "tags", NULL, 0, &tags, error) ||
      !da_json_read_string (object, WHAT, "url", NULL, 0, &url, error) ||
      !da_json_read_amount (object, WHAT, "acus_consumed", NULL, 0, &acus_consumed, error) ||
      !da_json_read_array (object, WHAT, "pull_requests", NULL, 0, &pull_requests, error) ||
      !da_json_read_time (object, WHAT, "created_at", NULL, 0, &created_at, error) ||
      !da_json_read_time (object, WHAT, "updated_at", NULL, 0, &updated_at, error) ||
      !da_json_read_string (object, WHAT, "initial_user_message", NULL, 0,
                            &initial_user_message, error) ||
      !da_json_read_object (object, WHAT, "session_analysis", "insight", 0, &analysis, error) ||
      !check_tags (tags, error) ||
      !check_pull_requests (pull_requests, error))
    return NULL;

  if (analysis != NULL)
    {
      const char *analysis_name;
      gboolean is_null;
      JsonNode *node = da_json_lookup (object, "session_analysis", "insight", &analysis_name,
                                       &is_null);

      analysis_json = g_string_sized_new (1024);
      if (!da_json_write_compact (node, analysis_json, WHAT, analysis_name, error))
        return NULL;
    }

  n_tags = tags != NULL ? json_array_get_length (tags) : 0;
  n_pull_requests = pull_requests != NULL ? json_array_get_length (pull_requests) : 0;

  self = g_object_new (DA_TYPE_SESSION, NULL);

  da_string_pack_init (&pack);
  if (n_tags > 0)
    {
      tags_offset = da_string_pack_reserve (&pack, (n_tags + 1) * sizeof (char *));
      for (guint i = 0; i < n_tags; i++)
        da_string_pack_add_interned_at (&pack, tags_offset + i * sizeof (char *),
                                        json_array_get_string_element (tags, i));
    }
  if (n_pull_requests > 0)
    {
      pull_requests_offset = da_string_pack_reserve (&pack,
                                                     n_pull_requests * sizeof (DaPullRequest));
      for (guint i = 0; i < n_pull_requests; i++)
        {
          JsonObject *pull_request = json_array_get_object_element (pull_requests, i);
          gsize offset = pull_requests_offset + i * sizeof (DaPullRequest);
          JsonNode *state = json_object_get_member (pull_request, "state");

          da_string_pack_add_at (&pack, offset + G_STRUCT_OFFSET (DaPullRequest, url),
                                 json_object_get_string_member (pull_request, "url"));
          if (state != NULL && !JSON_NODE_HOLDS_NULL (state))
            da_string_pack_add_interned_at (&pack, offset + G_STRUCT_OFFSET (DaPullRequest, state),
                                            json_node_get_string (state));
        }
    }
  da_string_pack_add (&pack, &self->session_id, session_id);
  da_string_pack_add (&pack, &self->user_id, user_id);
  da_string_pack_add (&pack, &self->title, title);
  da_string_pack_add (&pack, &self->url, url);
  da_string_pack_add (&pack, &self->initial_user_message, initial_user_message);
  if (analysis_json != NULL)
    da_string_pack_add_len (&pack, &self->analysis_json, analysis_json->str, analysis_json->len);
  da_string_pack_add_interned (&pack, &self->org_id, org_id);
  da_string_pack_add_interned (&pack, &self->status, status);
  self->strings = da_string_pack_finish (&pack);

  if (n_tags > 0)
    self->tags = (const char **) ((char *) self->strings + tags_offset);
  if (n_pull_requests > 0)
    {
      self->pull_requests = (DaPullRequest *) ((char *) self->strings + pull_requests_offset);
      self->n_pull_requests = n_pull_requests;
    }

  self->acus_consumed = acus_consumed;
  self->created_at = created_at;
  self->updated_at = updated_at;

  return self;
}

const char *
da_session_get_session_id (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  return self->session_id;
}

const char *
da_session_get_org_id (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  return self->org_id;
}

const char *
da_session_get_user_id (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  return self->user_id;
}

const char *
da_session_get_title (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  return self->title;
}

const char *
da_session_get_status (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  return self->status;
}

const char * const *
da_session_get_tags (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  return (const char * const *) self->tags;
}

const char *
da_session_get_url (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  return self->url;
}

double
da_session_get_acus_consumed (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), 0);

  return self->acus_consumed;
}

/* (transfer none): NULL when @n_pull_requests is 0 */
const DaPullRequest *
da_session_get_pull_requests (DaSession *self,
                              guint     *n_pull_requests)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  if (n_pull_requests != NULL)
    *n_pull_requests = self->n_pull_requests;

  return self->pull_requests;
}

gint64
da_session_get_created_at (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), DA_TIME_UNSET);

  return self->created_at;
}

gint64
da_session_get_updated_at (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), DA_TIME_UNSET);

  return self->updated_at;
}

const char *
da_session_get_initial_user_message (DaSession *self)
{
  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  return self->initial_user_message;
}

/* The analysis is kept as compact text and parsed the first time it is asked for; the parsed
 * object is sealed and kept. Safe to call from several threads. */
JsonObject *
da_session_get_analysis (DaSession *self)
{
  JsonObject *analysis;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (DA_IS_SESSION (self), NULL);

  analysis = g_atomic_pointer_get (&self->analysis);
  if (analysis != NULL || self->analysis_json == NULL)
    return analysis;

  root = da_json_parse_compact (self->analysis_json, TRUE);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  analysis = json_node_dup_object (root);
  if (!g_atomic_pointer_compare_and_exchange (&self->analysis, NULL, analysis))
    json_object_unref (analysis);

  return g_atomic_pointer_get (&self->analysis);
}

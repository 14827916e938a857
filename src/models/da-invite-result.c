/* da-invite-result.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-invite-result.h"
#include "da-json-private.h"

#define WHAT N_("invite result")

struct _DaInviteResult
{
  GObject      parent_instance;

  /* One block: the email vector, the parallel user ID array, then the strings */
  gpointer     strings;
  const char **emails;
  const char **user_ids;

  gint64       invited_count;
};

G_DEFINE_FINAL_TYPE (DaInviteResult, da_invite_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INVITED_COUNT,
  PROP_INVITED_EMAILS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *no_emails[] = { NULL };

static void
da_invite_result_finalize (GObject *object)
{
  DaInviteResult *self = (DaInviteResult *)object;

  g_free (self->strings);

  G_OBJECT_CLASS (da_invite_result_parent_class)->finalize (object);
}

static void
da_invite_result_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DaInviteResult *self = DA_INVITE_RESULT (object);

  switch (prop_id)
    {
    case PROP_INVITED_COUNT:
      g_value_set_int64 (value, self->invited_count);
      break;
    case PROP_INVITED_EMAILS:
      g_value_set_boxed (value, self->emails);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_invite_result_class_init (DaInviteResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_invite_result_finalize;
  object_class->get_property = da_invite_result_get_property;

  properties [PROP_INVITED_COUNT] =
    g_param_spec_int64 ("invited-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_INVITED_EMAILS] =
    g_param_spec_boxed ("invited-emails", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_invite_result_init (DaInviteResult *self)
{
  self->emails = no_emails;
}

/* The documented map of user_id → email: checks it and counts its entries. */
static gboolean
check_invitees (JsonObject  *invitees,
                guint       *n_invitees,
                GError     **error)
{
  JsonObjectIter iter;
  const char *user_id;
  JsonNode *node;

  *n_invitees = 0;
  if (invitees == NULL)
    return TRUE;

  json_object_iter_init_ordered (&iter, invitees);
  while (json_object_iter_next_ordered (&iter, &user_id, &node))
    {
      g_autofree char *field = NULL;
      const char *email;

      if (!g_utf8_validate (user_id, -1, NULL))
        {
          da_json_set_invalid (error, WHAT, "invitee_user_id_to_email", DA_JSON_PROBLEM_BAD_UTF8);
          return FALSE;
        }

      field = da_json_map_field ("invitee_user_id_to_email", user_id);
      if (*user_id == '\0')
        {
          da_json_set_invalid (error, WHAT, field, DA_JSON_PROBLEM_EMPTY);
          return FALSE;
        }
      if (JSON_NODE_HOLDS_NULL (node))
        {
          da_json_set_missing (error, WHAT, field, TRUE);
          return FALSE;
        }
      if (!da_json_node_get_string (node, WHAT, field, DA_FIELD_NOT_EMPTY, &email, error))
        return FALSE;

      (*n_invitees)++;
    }

  return TRUE;
}

/* The older list of emails. */
static gboolean
check_invited (JsonArray  *invited,
               GError    **error)
{
  guint n = invited != NULL ? json_array_get_length (invited) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strdup_printf ("invited[%u]", i);
      JsonNode *node = json_array_get_element (invited, i);
      const char *email;

      if (JSON_NODE_HOLDS_NULL (node))
        {
          da_json_set_missing (error, WHAT, field, TRUE);
          return FALSE;
        }
      if (!da_json_node_get_string (node, WHAT, field, DA_FIELD_NOT_EMPTY, &email, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * da_invite_result_new_from_json:
 * @object: (nullable): {"status", "invited_count", "invitee_user_id_to_email"}, or the older
 *   {"invited": ["email", …]}
 *
 * A missing "invited_count" is the number of emails listed.
 *
 * Returns: (transfer full): the result, or %NULL with a %DA_MODEL_ERROR
 */
DaInviteResult *
da_invite_result_new_from_json (JsonObject  *object,
                                GError     **error)
{
  gint64 invited_count = DA_UNSET;
  JsonObject *invitees = NULL;
  JsonArray *invited = NULL;
  guint n_emails = 0;
  gsize emails_offset = 0;
  gsize user_ids_offset = 0;
  DaStringPack pack;
  DaInviteResult *self;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_count (object, WHAT, "invited_count", NULL, 0, &invited_count, error) ||
      !da_json_read_object (object, WHAT, "invitee_user_id_to_email", NULL, 0, &invitees,
                            error) ||
      !check_invitees (invitees, &n_emails, error))
    return NULL;

  if (invitees == NULL)
    {
      if (!da_json_read_array (object, WHAT, "invited", NULL, 0, &invited, error) ||
          !check_invited (invited, error))
        return NULL;

      n_emails = invited != NULL ? json_array_get_length (invited) : 0;
    }

  self = g_object_new (DA_TYPE_INVITE_RESULT, NULL);

  da_string_pack_init (&pack);
  if (n_emails > 0)
    {
      emails_offset = da_string_pack_reserve (&pack, (n_emails + 1) * sizeof (char *));

      if (invitees != NULL)
        {
          JsonObjectIter iter;
          const char *user_id;
          JsonNode *node;
          guint i = 0;

          user_ids_offset = da_string_pack_reserve (&pack, n_emails * sizeof (char *));

          json_object_iter_init_ordered (&iter, invitees);
          while (json_object_iter_next_ordered (&iter, &user_id, &node))
            {
              da_string_pack_add_at (&pack, emails_offset + i * sizeof (char *),
                                     json_node_get_string (node));
              da_string_pack_add_at (&pack, user_ids_offset + i * sizeof (char *), user_id);
              i++;
            }
        }
      else
        {
          for (guint i = 0; i < n_emails; i++)
            da_string_pack_add_at (&pack, emails_offset + i * sizeof (char *),
                                   json_array_get_string_element (invited, i));
        }
    }
  self->strings = da_string_pack_finish (&pack);

  if (n_emails > 0)
    {
      /* The vector's last slot is still zeroed: it ends the vector. */
      self->emails = (const char **) ((char *) self->strings + emails_offset);
      if (invitees != NULL)
        self->user_ids = (const char **) ((char *) self->strings + user_ids_offset);
    }

  self->invited_count = invited_count != DA_UNSET ? invited_count : n_emails;

  return self;
}

gint64
da_invite_result_get_invited_count (DaInviteResult *self)
{
  g_return_val_if_fail (DA_IS_INVITE_RESULT (self), 0);

  return self->invited_count;
}

/* Never NULL; empty when the server listed no one. (transfer none) */
const char * const *
da_invite_result_get_invited_emails (DaInviteResult *self)
{
  g_return_val_if_fail (DA_IS_INVITE_RESULT (self), NULL);

  return (const char * const *) self->emails;
}

/* nullable: the user ID the server gave the invited @email (compared case-insensitively);
 * the older answer gives none. */
const char *
da_invite_result_lookup_user_id (DaInviteResult *self,
                                 const char     *email)
{
  g_return_val_if_fail (DA_IS_INVITE_RESULT (self), NULL);

  if (email == NULL || self->user_ids == NULL)
    return NULL;

  for (guint i = 0; self->emails[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->emails[i], email) == 0)
      return self->user_ids[i];

  return NULL;
}

/* da-mock-handlers-members.c: members, roles, IdP groups and API keys
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-mock-private.h"

#define MAX_INVITES 100

/* ---- Writers -------------------------------------------------------------------------------- */

void
mock_write_member (MockJson   *json,
                   MockMember *member,
                   gboolean    compat)
{
  mock_json_begin_object (json);
  mock_json_member_string (json, "user_id", member->user_id);
  mock_json_member_string (json, "email", member->email);
  mock_json_member_string (json, "name", member->name);
  mock_json_member_string (json, compat ? "role" : "enterprise_role", member->role->role_id);
  mock_json_key (json, "created_at");
  mock_json_time (json, member->created_at);
  mock_json_key (json, "last_login");
  mock_json_time (json, member->last_login);
  mock_json_key (json, "login_count");
  if (member->login_count < 0)
    mock_json_null (json);
  else
    mock_json_int (json, member->login_count);
  mock_json_member_string (json, "saml_id", member->saml_id);
  mock_json_member_int (json, "sessions_created_count", member->sessions_created);
  mock_json_member_int (json, "searches_created_count", member->searches_created);
  mock_json_end_object (json);
}

void
mock_write_user_org (MockJson       *json,
                     MockMembership *membership)
{
  MockMember *member = membership->member;

  mock_json_begin_object (json);
  mock_json_member_string (json, "user_id", member->user_id);
  mock_json_member_string (json, "email", member->email);
  mock_json_member_string (json, "name", member->name);
  mock_json_member_string (json, "org_id", membership->org->org_id);
  mock_json_member_string (json, "org_name", membership->org->name);
  mock_json_member_string (json, "org_role", membership->role->role_id);
  mock_json_member_string (json, "org_role_name", membership->role->role_name);
  mock_json_member_string (json, "enterprise_role", member->role->role_id);
  mock_json_end_object (json);
}

/* A small audit "data" object naming the users of a bulk change. (transfer full) */
static char *
users_data (const char *role_key,
            const char *role_id,
            GPtrArray  *members)
{
  GString *out = g_string_new (NULL);
  MockJson json;

  mock_json_init (&json, out);
  mock_json_begin_object (&json);
  if (role_key != NULL)
    mock_json_member_string (&json, role_key, role_id);
  mock_json_member_int (&json, "user_count", members->len);
  mock_json_key (&json, "user_ids");
  mock_json_begin_array (&json);
  for (guint i = 0; i < MIN (members->len, 20); i++)
    mock_json_string (&json, ((MockMember *) g_ptr_array_index (members, i))->user_id);
  mock_json_end_array (&json);
  mock_json_end_object (&json);

  return g_string_free (out, FALSE);
}

/* Looks up every ID; on failure answers 404 naming the missing ones. (transfer container) */
static GPtrArray *
find_members (MockRequest *req,
              GPtrArray   *user_ids)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < user_ids->len; i++)
    {
      MockMember *member = mock_state_find_member (req->state, g_ptr_array_index (user_ids, i));

      if (member == NULL)
        {
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, g_ptr_array_index (user_ids, i));
          continue;
        }
      if (g_ptr_array_find (members, member, NULL))
        continue;
      g_ptr_array_add (members, member);
    }

  if (missing->len > 0)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Users not found in enterprise: %s",
                         missing->str);
      return NULL;
    }

  return g_steal_pointer (&members);
}

/* A role of the wanted type, or an answer (404 unknown, 400 wrong type). */
static const MockRole *
find_role_of_type (MockRequest *req,
                   const char  *role_id,
                   const char  *role_type)
{
  const MockRole *role = mock_state_find_role (req->state, role_id);

  if (role == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Role not found: %s", role_id);
      return NULL;
    }

  if (strcmp (role->role_type, role_type) != 0)
    {
      if (strcmp (role_type, "account") == 0)
        mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                           "Role %s is an organization role; an enterprise (account) role is "
                           "required", role_id);
      else
        mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                           "Role %s is an enterprise role; an organization (org) role is "
                           "required", role_id);
      return NULL;
    }

  return role;
}

/* ---- Members -------------------------------------------------------------------------------- */

static void
list_members (MockRequest *req)
{
  MockState *state = req->state;
  const char *email = mock_query_get (req, "email");
  MockPage page;
  MockJson json;
  gint64 total, n_items = 0;

  if (!mock_request_page (req, &page))
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);

  if (req->compat)
    {
      mock_json_begin_object (&json);
      mock_json_key (&json, "members");
      mock_json_begin_array (&json);
    }
  else
    {
      mock_envelope_begin (&json);
    }

  if (email != NULL && *email != '\0')
    {
      MockMember *member = mock_state_find_member_by_email (state, email);

      total = member != NULL ? 1 : 0;
      if (member != NULL && page.skip == 0)
        {
          mock_write_member (&json, member, req->compat);
          n_items = 1;
        }
    }
  else
    {
      total = state->members->len;
      for (gint64 i = page.skip; i < total && n_items < page.limit; i++, n_items++)
        mock_write_member (&json, g_ptr_array_index (state->members, i), req->compat);
    }

  if (req->compat)
    {
      mock_json_end_array (&json);
      mock_json_member_int (&json, "total", total);
      mock_json_end_object (&json);
    }
  else
    {
      mock_envelope_end (&json, &page, total, n_items);
    }
}

static MockMember *
path_member (MockRequest *req,
             guint        segment)
{
  MockMember *member = mock_state_find_member (req->state, req->segments[segment]);

  if (member == NULL)
    mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "User not found in enterprise");
  return member;
}

static void
get_member (MockRequest *req)
{
  MockMember *member = path_member (req, 1);
  MockJson json;

  if (member == NULL)
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_write_member (&json, member, FALSE);
}

static void
delete_member (MockRequest *req)
{
  MockState *state = req->state;
  MockMember *member = path_member (req, 1);
  char *data;

  if (member == NULL)
    return;

  if (member == state->admin)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "You cannot remove yourself from the enterprise");
      return;
    }

  data = mock_data_json ("user_id", member->user_id, "user_email", member->email, NULL);
  mock_state_remove_member (state, member);
  mock_state_audit (state, "delete_member", state->admin, NULL, data);
  mock_reply_success (req);
}

static void
invite_members (MockRequest *req)
{
  MockState *state = req->state;
  JsonObject *body = mock_request_body_object (req);
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GPtrArray) invited = NULL;
  g_autoptr(GString) bad = NULL;
  const MockRole *role = mock_state_find_role (state, "account_member");
  const char *role_name = NULL;
  guint n_bad = 0;
  MockJson json;

  if (body == NULL)
    return;

  emails = mock_body_string_list (req, body, "emails", TRUE);
  if (req->compat)
    role_name = mock_body_string (req, body, "role", FALSE, NULL);
  if (mock_request_has_errors (req))
    return;

  if (emails->len == 0)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "At least one email address is required");
      return;
    }
  if (emails->len > MAX_INVITES)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "At most %d email addresses can be invited at once, got %u",
                         MAX_INVITES, emails->len);
      return;
    }

  bad = g_string_new (NULL);
  for (guint i = 0; i < emails->len; i++)
    {
      const char *email = g_ptr_array_index (emails, i);

      if (!mock_email_is_valid (email))
        {
          if (bad->len > 0)
            g_string_append (bad, ", ");
          g_string_append (bad, email);
          n_bad++;
        }
    }
  if (n_bad > 0)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "Invalid email address%s: %s",
                         n_bad > 1 ? "es" : "", bad->str);
      return;
    }

  if (role_name != NULL)
    {
      if (strcmp (role_name, "member") == 0)
        role_name = "account_member";
      else if (strcmp (role_name, "admin") == 0)
        role_name = "account_admin";
      role = find_role_of_type (req, role_name, "account");
      if (role == NULL)
        return;
    }

  invited = g_ptr_array_new ();
  for (guint i = 0; i < emails->len; i++)
    {
      const char *email = g_ptr_array_index (emails, i);
      MockMember *member;

      /* Existing members (and repeats in the list) are skipped. */
      if (mock_state_find_member_by_email (state, email) != NULL)
        continue;

      member = mock_state_add_member (state, email, role);
      g_ptr_array_add (invited, member);
      mock_state_audit (state, "add_enterprise_member", state->admin, NULL,
                        mock_data_json ("user_id", member->user_id, "email", member->email,
                                        "role_id", role->role_id, NULL));
    }

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_object (&json);
  if (req->compat)
    {
      mock_json_key (&json, "invited");
      mock_json_begin_array (&json);
      for (guint i = 0; i < invited->len; i++)
        mock_json_string (&json, ((MockMember *) g_ptr_array_index (invited, i))->email);
      mock_json_end_array (&json);
    }
  else
    {
      mock_json_member_string (&json, "status", "success");
      mock_json_member_int (&json, "invited_count", invited->len);
      mock_json_key (&json, "invitee_user_id_to_email");
      mock_json_begin_object (&json);
      for (guint i = 0; i < invited->len; i++)
        {
          MockMember *member = g_ptr_array_index (invited, i);
          mock_json_member_string (&json, member->user_id, member->email);
        }
      mock_json_end_object (&json);
    }
  mock_json_end_object (&json);
}

static void
update_member_roles (MockRequest *req)
{
  MockState *state = req->state;
  JsonObject *body = mock_request_body_object (req);
  g_autoptr(GPtrArray) user_ids = NULL;
  g_autoptr(GPtrArray) members = NULL;
  const MockRole *role;
  const char *role_id;

  if (body == NULL)
    return;

  user_ids = mock_body_string_list (req, body, "user_ids", TRUE);
  role_id = mock_body_string (req, body, "role_id", TRUE, NULL);
  if (mock_request_has_errors (req))
    return;

  if (user_ids->len == 0)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "At least one user_id is required");
      return;
    }

  role = find_role_of_type (req, role_id, "account");
  if (role == NULL)
    return;

  members = find_members (req, user_ids);
  if (members == NULL)
    return;

  for (guint i = 0; i < members->len; i++)
    ((MockMember *) g_ptr_array_index (members, i))->role = role;

  mock_state_audit (state, "assign_roles", state->admin, NULL,
                    users_data ("role_id", role->role_id, members));
  mock_reply_success (req);
}

static void
migrate_member_roles (MockRequest *req)
{
  MockState *state = req->state;
  JsonObject *body = mock_request_body_object (req);
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  const MockRole *source, *target;
  const char *source_id, *target_id;

  if (body == NULL)
    return;

  source_id = mock_body_string (req, body, "source_role_id", TRUE, NULL);
  target_id = mock_body_string (req, body, "target_role_id", TRUE, NULL);
  if (mock_request_has_errors (req))
    return;

  source = find_role_of_type (req, source_id, "account");
  if (source == NULL)
    return;
  target = find_role_of_type (req, target_id, "account");
  if (target == NULL)
    return;

  for (guint i = 0; i < state->members->len; i++)
    {
      MockMember *member = g_ptr_array_index (state->members, i);

      if (member->role == source)
        {
          member->role = target;
          g_ptr_array_add (moved, member);
        }
    }

  {
    g_autofree char *count = g_strdup_printf ("%u", moved->len);

    mock_state_audit (state, "assign_roles", state->admin, NULL,
                      mock_data_json ("source_role_id", source->role_id,
                                      "target_role_id", target->role_id,
                                      "user_count", count, NULL));
  }
  mock_reply_success (req);
}

static void
list_member_orgs (MockRequest *req)
{
  MockMember *member;
  MockPage page;
  MockJson json;
  gint64 total, n_items = 0;

  if (!mock_request_page (req, &page))
    return;

  member = path_member (req, 1);
  if (member == NULL)
    return;

  total = member->memberships->len;
  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (gint64 i = page.skip; i < total && n_items < page.limit; i++, n_items++)
    mock_write_user_org (&json, g_ptr_array_index (member->memberships, i));
  mock_envelope_end (&json, &page, total, n_items);
}

/* ---- Roles ---------------------------------------------------------------------------------- */

static void
list_roles (MockRequest *req)
{
  MockJson json;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_array (&json);
  for (guint i = 0; i < req->state->roles->len; i++)
    {
      MockRole *role = g_ptr_array_index (req->state->roles, i);

      mock_json_begin_object (&json);
      mock_json_member_string (&json, "role_id", role->role_id);
      mock_json_member_string (&json, "role_name", role->role_name);
      mock_json_member_string (&json, "role_type", role->role_type);
      mock_json_end_object (&json);
    }
  mock_json_end_array (&json);
}

/* ---- IdP groups ----------------------------------------------------------------------------- */

static gboolean
check_groups_enabled (MockRequest *req)
{
  if (req->state->options.use_groups)
    return TRUE;

  mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                     "IdP groups are not enabled for this enterprise");
  return FALSE;
}

static void
write_group (MockJson  *json,
             MockGroup *group)
{
  mock_json_begin_object (json);
  mock_json_member_string (json, "group_name", group->name);
  mock_json_member_int (json, "org_count", group->links->len);
  mock_json_key (json, "role_by_org_id");
  mock_json_begin_object (json);
  for (guint i = 0; i < group->links->len; i++)
    {
      MockGroupLink *link = &g_array_index (group->links, MockGroupLink, i);
      mock_json_member_string (json, link->org->org_id, link->role);
    }
  mock_json_end_object (json);
  mock_json_end_object (json);
}

static void
list_groups (MockRequest *req)
{
  GPtrArray *groups = req->state->groups;
  MockPage page;
  MockJson json;
  gint64 n_items = 0;

  if (!mock_request_page (req, &page) || !check_groups_enabled (req))
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (gint64 i = page.skip; i < groups->len && n_items < page.limit; i++, n_items++)
    write_group (&json, g_ptr_array_index (groups, i));
  mock_envelope_end (&json, &page, groups->len, n_items);
}

static void
add_groups (MockRequest *req)
{
  MockState *state = req->state;
  JsonObject *body;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  MockJson json;

  if (!check_groups_enabled (req))
    return;

  body = mock_request_body_object (req);
  if (body == NULL)
    return;
  names = mock_body_string_list (req, body, "group_names", TRUE);
  if (mock_request_has_errors (req))
    return;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (*name == '\0' || strchr (name, '/') != NULL)
        {
          mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "Invalid group name: '%s'", name);
          return;
        }
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (mock_state_find_group (state, name) != NULL)
        continue;
      g_ptr_array_add (added, mock_state_add_group (state, name));
      mock_state_audit (state, "create_idp_group", state->admin, NULL,
                        mock_data_json ("group_name", name, NULL));
    }

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_array (&json);
  for (guint i = 0; i < added->len; i++)
    mock_json_string (&json, ((MockGroup *) g_ptr_array_index (added, i))->name);
  mock_json_end_array (&json);
}

static MockGroup *
path_group (MockRequest *req)
{
  MockGroup *group;

  if (!check_groups_enabled (req))
    return NULL;

  group = mock_state_find_group (req->state, req->segments[1]);
  if (group == NULL)
    mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Group not found");
  return group;
}

static void
get_group (MockRequest *req)
{
  MockGroup *group = path_group (req);
  MockJson json;

  if (group == NULL)
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  write_group (&json, group);
}

static void
list_group_orgs (MockRequest *req)
{
  MockGroup *group;
  MockPage page;
  MockJson json;
  gint64 n_items = 0;

  if (!mock_request_page (req, &page))
    return;
  group = path_group (req);
  if (group == NULL)
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (gint64 i = page.skip; i < group->links->len && n_items < page.limit; i++, n_items++)
    {
      MockGroupLink *link = &g_array_index (group->links, MockGroupLink, i);

      mock_json_begin_object (&json);
      mock_json_member_string (&json, "org_id", link->org->org_id);
      mock_json_member_string (&json, "org_name", link->org->name);
      mock_json_member_string (&json, "role", link->role);
      mock_json_end_object (&json);
    }
  mock_envelope_end (&json, &page, group->links->len, n_items);
}

/* ---- API keys ------------------------------------------------------------------------------- */

static void
list_api_keys (MockRequest *req)
{
  MockState *state = req->state;
  gint64 page_number = mock_query_int (req, "page", 1, 1, G_MAXINT32);
  gint64 per_page = mock_query_int (req, "per_page", 25, 1, 100);
  const char *org_id = mock_query_get (req, "org_id");
  MockOrg *org = NULL;
  gint64 skip, total = 0, n_items = 0;
  gboolean has_more;
  MockJson json;

  if (mock_request_has_errors (req))
    return;

  if (org_id != NULL && *org_id != '\0')
    {
      org = mock_state_find_org (state, org_id);
      if (org == NULL)
        {
          mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Organization not found");
          return;
        }
    }

  skip = (page_number - 1) * per_page;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (guint i = 0; i < state->api_keys->len; i++)
    {
      MockApiKey *key = g_ptr_array_index (state->api_keys, i);

      if (key->revoked || (org != NULL && key->org != org))
        continue;

      if (total >= skip && n_items < per_page)
        {
          mock_json_begin_object (&json);
          mock_json_member_string (&json, "id", key->id);
          mock_json_member_string (&json, "org_id", key->org->org_id);
          mock_json_member_string (&json, "org_name", key->org->name);
          mock_json_member_string (&json, "user_id",
                                   key->member != NULL ? key->member->user_id : NULL);
          mock_json_member_string (&json, "user_email",
                                   key->member != NULL ? key->member->email : NULL);
          mock_json_key (&json, "is_service_key");
          mock_json_bool (&json, key->member == NULL);
          mock_json_key (&json, "created_at");
          mock_json_time (&json, key->created_at);
          mock_json_end_object (&json);
          n_items++;
        }
      total++;
    }

  has_more = skip + n_items < total;
  mock_json_end_array (&json);
  mock_json_member_int (&json, "total", total);
  mock_json_member_int (&json, "skip", skip);
  mock_json_member_int (&json, "limit", per_page);
  mock_json_key (&json, "has_more");
  mock_json_bool (&json, has_more);
  mock_json_key (&json, "next_cursor");
  if (has_more)
    mock_json_int (&json, page_number + 1);
  else
    mock_json_null (&json);
  mock_json_end_object (&json);
}

static void
provision_api_key (MockRequest *req)
{
  MockState *state = req->state;
  JsonObject *body = mock_request_body_object (req);
  const char *org_id;
  MockOrg *org;
  MockApiKey *key;
  char secret[64];
  MockJson json;

  if (body == NULL)
    return;
  org_id = mock_body_string (req, body, "org_id", TRUE, NULL);
  if (mock_request_has_errors (req))
    return;

  org = mock_state_find_org (state, org_id);
  if (org == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Organization not found");
      return;
    }

  key = mock_state_add_api_key (state, org, NULL);
  /* An org service key (apk_, not apk_user_): v2 itself never accepts it. */
  g_snprintf (secret, sizeof secret, "apk_%016" G_GINT64_MODIFIER "x%08x",
              mock_rng_next (&state->rng), (guint) mock_rng_next (&state->rng));
  mock_state_audit (state, "create_api_key", state->admin, org,
                    mock_data_json ("api_key_id", key->id, NULL));

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_object (&json);
  mock_json_member_string (&json, "api_key", secret);
  mock_json_member_string (&json, "org_id", org->org_id);
  mock_json_end_object (&json);
}

static void
revoke_key (MockState  *state,
            MockApiKey *key)
{
  key->revoked = TRUE;
  if (key->kind == MOCK_KEY_ADMIN)
    state->admin_key_revoked = TRUE;
  else if (key->kind == MOCK_KEY_MEMBER)
    state->member_key_revoked = TRUE;
}

static void
revoke_api_key (MockRequest *req)
{
  MockState *state = req->state;
  const char *id = req->segments[1];

  for (guint i = 0; i < state->api_keys->len; i++)
    {
      MockApiKey *key = g_ptr_array_index (state->api_keys, i);

      if (key->revoked || strcmp (key->id, id) != 0)
        continue;

      revoke_key (state, key);
      mock_state_audit (state, "revoke_api_key", state->admin, key->org,
                        mock_data_json ("api_key_id", key->id, NULL));
      mock_reply_success (req);
      return;
    }

  mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "API key not found");
}

static void
revoke_all_api_keys (MockRequest *req)
{
  MockState *state = req->state;
  guint count = 0;
  char text[16];

  for (guint i = 0; i < state->api_keys->len; i++)
    {
      MockApiKey *key = g_ptr_array_index (state->api_keys, i);

      if (!key->revoked)
        {
          revoke_key (state, key);
          count++;
        }
    }

  /* Including the caller's own key, and any configured key without an entry. */
  state->admin_key_revoked = TRUE;
  state->member_key_revoked = TRUE;

  g_snprintf (text, sizeof text, "%u", count);
  mock_state_audit (state, "revoke_all_enterprise_api_keys", state->admin, NULL,
                    mock_data_json ("revoked_count", text, NULL));
  mock_reply_success (req);
}

const MockRoute mock_member_routes[] = {
  { "GET", "/members", list_members, FALSE },
  { "POST", "/members/invite", invite_members, FALSE },
  { "PATCH", "/members/roles", update_member_roles, FALSE },
  { "PATCH", "/members/migrate-roles", migrate_member_roles, FALSE },
  { "GET", "/members/{}", get_member, FALSE },
  { "DELETE", "/members/{}", delete_member, FALSE },
  { "GET", "/members/{}/organizations", list_member_orgs, FALSE },
  { "GET", "/roles", list_roles, FALSE },
  { "GET", "/groups", list_groups, FALSE },
  { "PUT", "/groups", add_groups, FALSE },
  { "GET", "/groups/{}", get_group, FALSE },
  { "GET", "/groups/{}/organizations", list_group_orgs, FALSE },
  { "GET", "/api-keys", list_api_keys, FALSE },
  { "POST", "/api-keys", provision_api_key, FALSE },
  { "DELETE", "/api-keys", revoke_all_api_keys, FALSE },
  { "DELETE", "/api-keys/{}", revoke_api_key, FALSE },
  { NULL, NULL, NULL, FALSE },
};

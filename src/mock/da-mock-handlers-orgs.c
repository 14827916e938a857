/* da-mock-handlers-orgs.c: organizations, their members and IdP groups, git connections and
 * permissions, and cloning into a snapshot
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-mock-private.h"

/* ---- Writers -------------------------------------------------------------------------------- */

void
mock_write_org (MockJson *json,
                MockOrg  *org,
                gboolean  compat)
{
  guint admins, members, users;

  mock_org_counts (org, &admins, &members, &users);

  mock_json_begin_object (json);
  mock_json_member_string (json, compat ? "id" : "org_id", org->org_id);
  mock_json_member_string (json, compat ? "name" : "org_name", org->name);
  mock_json_key (json, "created_at");
  mock_json_time (json, org->created_at);
  mock_json_key (json, "max_cycle_acu_limit");
  if (org->max_cycle_acu_limit < 0)
    mock_json_null (json);
  else
    mock_json_int (json, org->max_cycle_acu_limit);
  mock_json_key (json, "max_session_acu_limit");
  if (org->max_session_acu_limit < 0)
    mock_json_null (json);
  else
    mock_json_int (json, org->max_session_acu_limit);
  mock_json_member_int (json, "org_admin_count", admins);
  mock_json_member_int (json, "org_member_count", members);
  mock_json_member_int (json, "org_user_count", users);
  mock_json_end_object (json);
}

static MockOrg *
path_org (MockRequest *req)
{
  MockOrg *org = mock_state_find_org (req->state, req->segments[1]);

  if (org == NULL)
    mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Organization not found");
  return org;
}

static const MockRole *
find_org_role (MockRequest *req,
               const char  *role_id)
{
  const MockRole *role = mock_state_find_role (req->state, role_id);

  if (role == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Role not found: %s", role_id);
      return NULL;
    }
  if (strcmp (role->role_type, "org") != 0)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "Role %s is an enterprise role; an organization (org) role is required",
                         role_id);
      return NULL;
    }
  return role;
}

static char *
count_data (const char *key1,
            const char *value1,
            guint       count)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", count);
  return mock_data_json (key1, value1, "user_count", text, NULL);
}

/* ---- Organizations -------------------------------------------------------------------------- */

static void
list_orgs (MockRequest *req)
{
  GPtrArray *orgs = req->state->orgs;
  MockPage page;
  MockJson json;
  gint64 n_items = 0;

  if (!mock_request_page (req, &page))
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (gint64 i = page.skip; i < orgs->len && n_items < page.limit; i++, n_items++)
    mock_write_org (&json, g_ptr_array_index (orgs, i), FALSE);
  mock_envelope_end (&json, &page, orgs->len, n_items);
}

static gboolean
check_org_name (MockRequest *req,
                const char  *name,
                MockOrg     *except)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  MockOrg *other;

  if (*stripped == '\0')
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "The organization name cannot be empty");
      return FALSE;
    }
  if (strlen (stripped) > 200)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "The organization name is longer than 200 characters");
      return FALSE;
    }

  other = mock_state_find_org_by_name (req->state, stripped);
  if (other != NULL && other != except)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "An organization named '%s' already exists", other->name);
      return FALSE;
    }

  return TRUE;
}

static void
create_org (MockRequest *req)
{
  MockState *state = req->state;
  JsonObject *body = mock_request_body_object (req);
  const char *name;
  gboolean present, is_null, add_creator;
  gint64 limit;
  MockOrg *org;
  MockJson json;

  if (body == NULL)
    return;

  /* The examples page posts {"name", "acu_limit"}. */
  if (req->compat && !json_object_has_member (body, "display_name") &&
      json_object_has_member (body, "name"))
    name = mock_body_string (req, body, "name", TRUE, NULL);
  else
    name = mock_body_string (req, body, "display_name", TRUE, NULL);
  limit = mock_body_int (req, body, "acu_limit", FALSE, 0, &present, &is_null);
  add_creator = mock_body_bool (req, body, "add_creator_as_member", TRUE);
  if (mock_request_has_errors (req))
    return;

  if (!check_org_name (req, name, NULL))
    return;

  {
    g_autofree char *stripped = g_strstrip (g_strdup (name));
    org = mock_state_add_org (state, stripped, present && !is_null ? limit : -1);
  }
  if (add_creator)
    mock_state_set_membership (state, org, state->admin,
                               mock_state_find_role (state, "org_admin"));

  mock_state_audit (state, "create_org", state->admin, org,
                    mock_data_json ("org_name", org->name, NULL));

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_write_org (&json, org, req->compat);
}

static void
get_org (MockRequest *req)
{
  MockOrg *org = path_org (req);
  MockJson json;

  if (org == NULL)
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_write_org (&json, org, FALSE);
}

static void
update_org (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  JsonObject *body;
  const char *name;
  gboolean name_present, limit_present, limit_null;
  gint64 limit;
  GString *data;
  MockJson json;

  if (org == NULL)
    return;
  body = mock_request_body_object (req);
  if (body == NULL)
    return;

  name = mock_body_string (req, body, "display_name", FALSE, &name_present);
  limit = mock_body_int (req, body, "max_acu_limit", FALSE, 0, &limit_present, &limit_null);
  if (mock_request_has_errors (req))
    return;

  if (name != NULL && !check_org_name (req, name, org))
    return;

  data = g_string_new (NULL);
  mock_json_init (&json, data);
  mock_json_begin_object (&json);
  if (name != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (name));

      mock_json_member_string (&json, "old_name", org->name);
      mock_json_member_string (&json, "display_name", stripped);
      g_free (org->name);
      org->name = g_steal_pointer (&stripped);
    }
  if (limit_present)
    {
      /* An explicit null removes the limit. */
      org->max_cycle_acu_limit = limit_null ? -1 : limit;
      mock_json_key (&json, "max_acu_limit");
      if (limit_null)
        mock_json_null (&json);
      else
        mock_json_int (&json, limit);
    }
  mock_json_end_object (&json);

  mock_state_audit (state, "update_org", state->admin, org, g_string_free (data, FALSE));
  mock_reply_success (req);
}

static void
delete_org (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  char *data;

  if (org == NULL)
    return;

  if (org->is_primary)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "The primary organization cannot be deleted");
      return;
    }

  data = mock_data_json ("org_name", org->name, NULL);
  mock_state_remove_org (state, org);
  mock_state_audit (state, "delete_org", state->admin, org, data);
  mock_reply_success (req);
}

/* ---- Organization members ------------------------------------------------------------------- */

static void
list_org_members (MockRequest *req)
{
  MockOrg *org;
  MockPage page;
  MockJson json;
  gint64 n_items = 0;

  if (!mock_request_page (req, &page))
    return;
  org = path_org (req);
  if (org == NULL)
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (gint64 i = page.skip; i < org->memberships->len && n_items < page.limit; i++, n_items++)
    mock_write_user_org (&json, g_ptr_array_index (org->memberships, i));
  mock_envelope_end (&json, &page, org->memberships->len, n_items);
}

static void
append_missing (GString    *missing,
                const char *id)
{
  if (missing->len > 0)
    g_string_append (missing, ", ");
  g_string_append (missing, id);
}

static const char *
short_group_role (const char *role)
{
  return strcmp (role, "org_admin") == 0 ? "admin" : "member";
}

static void
link_group (MockGroup  *group,
            MockOrg    *org,
            const char *role)
{
  for (guint i = 0; i < group->links->len; i++)
    {
      MockGroupLink *link = &g_array_index (group->links, MockGroupLink, i);

      if (link->org == org)
        {
          link->role = role;
          return;
        }
    }

  {
    MockGroupLink link = { org, role };
    g_array_append_val (group->links, link);
  }
}

static void
add_org_members (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  JsonObject *body;
  g_autoptr(GPtrArray) user_ids = NULL;
  g_autoptr(GPtrArray) org_ids = NULL;
  g_autoptr(GPtrArray) group_names = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *role_id;
  const MockRole *role;

  if (org == NULL)
    return;
  body = mock_request_body_object (req);
  if (body == NULL)
    return;

  user_ids = mock_body_string_list (req, body, "user_ids", TRUE);
  org_ids = mock_body_string_list (req, body, "org_ids", TRUE);
  role_id = mock_body_string (req, body, "org_role", FALSE, NULL);
  group_names = mock_body_string_list (req, body, "group_names", FALSE);
  if (mock_request_has_errors (req))
    return;

  role = find_org_role (req, role_id != NULL ? role_id : "org_member");
  if (role == NULL)
    return;

  /* The path's organization is implied when org_ids is empty. */
  if (org_ids->len == 0)
    g_ptr_array_add (targets, org);
  for (guint i = 0; i < org_ids->len; i++)
    {
      MockOrg *target = mock_state_find_org (state, g_ptr_array_index (org_ids, i));

      if (target == NULL)
        append_missing (missing, g_ptr_array_index (org_ids, i));
      else if (!g_ptr_array_find (targets, target, NULL))
        g_ptr_array_add (targets, target);
    }
  if (missing->len > 0)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Organizations not found: %s", missing->str);
      return;
    }

  for (guint i = 0; i < user_ids->len; i++)
    {
      MockMember *member = mock_state_find_member (state, g_ptr_array_index (user_ids, i));

      if (member == NULL)
        append_missing (missing, g_ptr_array_index (user_ids, i));
      else if (!g_ptr_array_find (members, member, NULL))
        g_ptr_array_add (members, member);
    }
  if (missing->len > 0)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Users not found in enterprise: %s",
                         missing->str);
      return;
    }

  if (group_names != NULL && group_names->len > 0)
    {
      if (!state->options.use_groups)
        {
          mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                             "IdP groups are not enabled for this enterprise");
          return;
        }
      for (guint i = 0; i < group_names->len; i++)
        {
          MockGroup *group = mock_state_find_group (state, g_ptr_array_index (group_names, i));

          if (group == NULL)
            append_missing (missing, g_ptr_array_index (group_names, i));
          else
            g_ptr_array_add (groups, group);
        }
      if (missing->len > 0)
        {
          mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Groups not found: %s", missing->str);
          return;
        }
    }

  if (members->len == 0 && groups->len == 0)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "At least one user_id is required");
      return;
    }

  /* All checked: now the change, all of it. */
  for (guint t = 0; t < targets->len; t++)
    {
      MockOrg *target = g_ptr_array_index (targets, t);

      for (guint i = 0; i < members->len; i++)
        mock_state_set_membership (state, target, g_ptr_array_index (members, i), role);
      for (guint i = 0; i < groups->len; i++)
        link_group (g_ptr_array_index (groups, i), target,
                    strcmp (role->role_id, "org_admin") == 0 ? "org_admin" : "org_member");

      mock_state_audit (state, "add_member", state->admin, target,
                        count_data ("role_id", role->role_id, members->len));
    }

  mock_reply_success (req);
}

static void
remove_org_member (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  MockMember *member;
  MockMembership *membership = NULL;

  if (org == NULL)
    return;

  member = mock_state_find_member (state, req->segments[3]);
  if (member != NULL)
    membership = mock_org_find_membership (org, member);
  if (membership == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "User not found in organization");
      return;
    }

  mock_state_remove_membership (state, membership);
  mock_state_audit (state, "delete_member", state->admin, org,
                    mock_data_json ("user_id", member->user_id, "user_email", member->email,
                                    NULL));
  mock_reply_success (req);
}

static void
update_org_member_roles (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  JsonObject *body;
  g_autoptr(GPtrArray) user_ids = NULL;
  g_autoptr(GPtrArray) memberships = g_ptr_array_new ();
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *role_id;
  const MockRole *role;

  if (org == NULL)
    return;
  body = mock_request_body_object (req);
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

  role = find_org_role (req, role_id);
  if (role == NULL)
    return;

  for (guint i = 0; i < user_ids->len; i++)
    {
      MockMember *member = mock_state_find_member (state, g_ptr_array_index (user_ids, i));
      MockMembership *membership = member != NULL ? mock_org_find_membership (org, member) : NULL;

      if (membership == NULL)
        append_missing (missing, g_ptr_array_index (user_ids, i));
      else
        g_ptr_array_add (memberships, membership);
    }
  if (missing->len > 0)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Users not found in organization: %s",
                         missing->str);
      return;
    }

  for (guint i = 0; i < memberships->len; i++)
    ((MockMembership *) g_ptr_array_index (memberships, i))->role = role;

  mock_state_audit (state, "update_role", state->admin, org,
                    count_data ("role_id", role->role_id, memberships->len));
  mock_reply_success (req);
}

static void
migrate_org_member_roles (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  JsonObject *body;
  const char *source_id, *target_id;
  const MockRole *source, *target;
  guint moved = 0;

  if (org == NULL)
    return;
  body = mock_request_body_object (req);
  if (body == NULL)
    return;

  source_id = mock_body_string (req, body, "source_role_id", TRUE, NULL);
  target_id = mock_body_string (req, body, "target_role_id", TRUE, NULL);
  if (mock_request_has_errors (req))
    return;

  source = find_org_role (req, source_id);
  if (source == NULL)
    return;
  target = find_org_role (req, target_id);
  if (target == NULL)
    return;

  for (guint i = 0; i < org->memberships->len; i++)
    {
      MockMembership *membership = g_ptr_array_index (org->memberships, i);

      if (membership->role == source)
        {
          membership->role = target;
          moved++;
        }
    }

  {
    char text[16];

    g_snprintf (text, sizeof text, "%u", moved);
    mock_state_audit (state, "update_role", state->admin, org,
                      mock_data_json ("source_role_id", source->role_id,
                                      "target_role_id", target->role_id,
                                      "user_count", text, NULL));
  }
  mock_reply_success (req);
}

/* ---- Organization IdP groups ---------------------------------------------------------------- */

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
list_org_groups (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org;
  MockPage page;
  MockJson json;
  gint64 total = 0, n_items = 0;

  if (!mock_request_page (req, &page))
    return;
  org = path_org (req);
  if (org == NULL || !check_groups_enabled (req))
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (guint i = 0; i < state->groups->len; i++)
    {
      MockGroup *group = g_ptr_array_index (state->groups, i);

      for (guint j = 0; j < group->links->len; j++)
        {
          MockGroupLink *link = &g_array_index (group->links, MockGroupLink, j);

          if (link->org != org)
            continue;
          if (total >= page.skip && n_items < page.limit)
            {
              mock_json_begin_object (&json);
              mock_json_member_string (&json, "group_name", group->name);
              mock_json_member_string (&json, "org_id", org->org_id);
              mock_json_member_string (&json, "role", short_group_role (link->role));
              mock_json_end_object (&json);
              n_items++;
            }
          total++;
        }
    }
  mock_envelope_end (&json, &page, total, n_items);
}

static void
add_org_group (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  JsonObject *body;
  const char *group_name, *role;
  const char *stored_role;
  MockGroup *group;
  MockJson json;

  if (org == NULL || !check_groups_enabled (req))
    return;
  body = mock_request_body_object (req);
  if (body == NULL)
    return;

  group_name = mock_body_string (req, body, "group_name", TRUE, NULL);
  role = mock_body_string (req, body, "role", TRUE, NULL);
  if (mock_request_has_errors (req))
    return;

  if (strcmp (role, "admin") == 0 || strcmp (role, "org_admin") == 0)
    stored_role = "org_admin";
  else if (strcmp (role, "member") == 0 || strcmp (role, "org_member") == 0)
    stored_role = "org_member";
  else
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "Invalid role '%s': use 'admin' or 'member'", role);
      return;
    }

  group = mock_state_find_group (state, group_name);
  if (group == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Group not found");
      return;
    }

  link_group (group, org, stored_role);
  mock_state_audit (state, "add_group_membership", state->admin, org,
                    mock_data_json ("group_name", group->name, "role", stored_role, NULL));

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_object (&json);
  mock_json_member_string (&json, "group_name", group->name);
  mock_json_member_string (&json, "org_id", org->org_id);
  mock_json_member_string (&json, "role", short_group_role (stored_role));
  mock_json_end_object (&json);
}

static void
remove_org_group (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  MockGroup *group;

  if (org == NULL || !check_groups_enabled (req))
    return;

  group = mock_state_find_group (state, req->segments[3]);
  if (group != NULL)
    {
      for (guint i = 0; i < group->links->len; i++)
        {
          if (g_array_index (group->links, MockGroupLink, i).org != org)
            continue;

          g_array_remove_index (group->links, i);
          mock_state_audit (state, "delete_group_membership", state->admin, org,
                            mock_data_json ("group_name", group->name, NULL));
          mock_reply_success (req);
          return;
        }
    }

  mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Group not found in organization");
}

/* ---- Git ------------------------------------------------------------------------------------ */

static void
list_connections (MockRequest *req)
{
  GPtrArray *connections = req->state->connections;
  MockPage page;
  MockJson json;
  gint64 n_items = 0;

  if (!mock_request_page (req, &page))
    return;
  if (path_org (req) == NULL)
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (gint64 i = page.skip; i < connections->len && n_items < page.limit; i++, n_items++)
    {
      MockGitConnection *connection = g_ptr_array_index (connections, i);

      mock_json_begin_object (&json);
      mock_json_member_string (&json, "connection_id", connection->connection_id);
      mock_json_member_string (&json, "name", connection->name);
      mock_json_member_string (&json, "host", connection->host);
      mock_json_member_string (&json, "type", connection->type);
      mock_json_key (&json, "created_at");
      mock_json_time (&json, connection->created_at);
      mock_json_end_object (&json);
    }
  mock_envelope_end (&json, &page, connections->len, n_items);
}

static void
list_permissions (MockRequest *req)
{
  MockOrg *org;
  MockPage page;
  MockJson json;
  gint64 n_items = 0;

  if (!mock_request_page (req, &page))
    return;
  org = path_org (req);
  if (org == NULL)
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_envelope_begin (&json);
  for (gint64 i = page.skip; i < org->permissions->len && n_items < page.limit; i++, n_items++)
    {
      MockGitPermission *permission = g_ptr_array_index (org->permissions, i);

      mock_json_begin_object (&json);
      mock_json_member_string (&json, "permission_id", permission->permission_id);
      mock_json_member_string (&json, "host", permission->connection->host);
      mock_json_member_string (&json, "repo_path", permission->repo_path);
      mock_json_member_string (&json, "group_prefix", permission->group_prefix);
      mock_json_member_string (&json, "prefix_path", permission->prefix_path);
      mock_json_end_object (&json);
    }
  mock_envelope_end (&json, &page, org->permissions->len, n_items);
}

static MockGitConnection *
find_connection (MockState  *state,
                 const char *connection_id)
{
  for (guint i = 0; i < state->connections->len; i++)
    {
      MockGitConnection *connection = g_ptr_array_index (state->connections, i);

      if (strcmp (connection->connection_id, connection_id) == 0)
        return connection;
    }
  return NULL;
}

typedef struct
{
  MockGitConnection *connection;
  char              *repo_path;
  char              *group_prefix;
  char              *prefix_path;
} Grant;

static void
grant_clear (gpointer data)
{
  Grant *grant = data;

  g_free (grant->repo_path);
  g_free (grant->group_prefix);
  g_free (grant->prefix_path);
}

/* Path segments (a JSON array of strings) joined with '/'; NULL with a 422 when not that. */
static char *
read_segments (MockRequest *req,
               JsonNode    *node,
               const char  *index,
               const char  *name)
{
  GString *path;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mock_request_invalid (req, "list_type", "Input should be a valid list", "body", index, name,
                            NULL);
      return NULL;
    }

  array = json_node_get_array (node);
  path = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          char sub[16];

          g_snprintf (sub, sizeof sub, "%u", i);
          mock_request_invalid (req, "string_type", "Input should be a valid string", "body",
                                index, name, sub, NULL);
          g_string_free (path, TRUE);
          return NULL;
        }
      if (path->len > 0)
        g_string_append_c (path, '/');
      g_string_append (path, json_node_get_string (element));
    }

  return g_string_free (path, FALSE);
}

static gboolean
path_is_valid (const char *path,
               guint       min_segments)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  if (g_strv_length (parts) < min_segments)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0 || strcmp (parts[i], "..") == 0)
      return FALSE;
  return TRUE;
}

/* "https://github.com/acme/repo(.git)" -> "acme/repo", checking the host */
static char *
path_from_url (MockRequest       *req,
               const char        *url,
               MockGitConnection *connection)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *path = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "Invalid repository URL: %s", url);
      return NULL;
    }
  if (g_ascii_strcasecmp (g_uri_get_host (uri), connection->host) != 0)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "The URL %s is not on %s, the host of connection %s", url,
                         connection->host, connection->connection_id);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  if (g_str_has_suffix (path, ".git"))
    path[strlen (path) - 4] = '\0';

  return g_strdup (path[0] == '/' ? path + 1 : path);
}

static void
write_grant_result (MockRequest *req,
                    GPtrArray   *permissions)
{
  MockJson json;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_object (&json);
  mock_json_member_string (&json, "status", "success");
  mock_json_key (&json, "permission_ids");
  mock_json_begin_array (&json);
  for (guint i = 0; i < permissions->len; i++)
    {
      MockGitPermission *permission = g_ptr_array_index (permissions, i);
      mock_json_string (&json, permission->permission_id);
    }
  mock_json_end_array (&json);
  mock_json_key (&json, "permission_names");
  mock_json_begin_object (&json);
  for (guint i = 0; i < permissions->len; i++)
    {
      MockGitPermission *permission = g_ptr_array_index (permissions, i);

      mock_json_member_string (&json, permission->permission_id,
                               permission->repo_path != NULL ? permission->repo_path
                                                             : permission->group_prefix);
    }
  mock_json_end_object (&json);
  mock_json_end_object (&json);
}

static void
apply_grants (MockRequest *req,
              MockOrg     *org,
              GArray      *grants)
{
  MockState *state = req->state;
  g_autoptr(GPtrArray) permissions = g_ptr_array_new ();

  for (guint i = 0; i < grants->len; i++)
    {
      Grant *grant = &g_array_index (grants, Grant, i);
      MockGitPermission *permission;

      permission = mock_state_add_permission (state, org, grant->connection, grant->repo_path,
                                              grant->group_prefix, grant->prefix_path);
      g_ptr_array_add (permissions, permission);
      mock_state_audit (state, "create_git_permission", state->admin, org,
                        grant->repo_path != NULL
                          ? mock_data_json ("permission_id", permission->permission_id,
                                            "host", grant->connection->host,
                                            "repo_path", grant->repo_path, NULL)
                          : mock_data_json ("permission_id", permission->permission_id,
                                            "host", grant->connection->host,
                                            "group_prefix", grant->group_prefix, NULL));
    }

  write_grant_result (req, permissions);
}

static const char *
optional_string (MockRequest *req,
                 JsonObject  *obj,
                 const char  *index,
                 const char  *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      mock_request_invalid (req, "string_type", "Input should be a valid string", "body", index,
                            name, NULL);
      return NULL;
    }
  return json_node_get_string (node);
}

static void
grant_permissions_documented (MockRequest *req,
                              MockOrg     *org,
                              JsonArray   *array)
{
  MockState *state = req->state;
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (Grant));
  guint n = json_array_get_length (array);

  g_array_set_clear_func (grants, grant_clear);

  if (n == 0)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "At least one permission is required");
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj;
      JsonNode *repo_path_node, *group_prefix_node;
      const char *connection_id, *repo_url, *group_url, *prefix_path;
      Grant grant = { NULL, NULL, NULL, NULL };
      guint n_targets = 0;
      char index[16];

      g_snprintf (index, sizeof index, "%u", i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          mock_request_invalid (req, "model_attributes_type",
                                "Input should be a valid dictionary or object to extract fields "
                                "from", "body", index, NULL);
          continue;
        }
      obj = json_node_get_object (node);

      if (!json_object_has_member (obj, "connection_id"))
        {
          mock_request_invalid (req, "missing", "Field required", "body", index, "connection_id",
                                NULL);
          connection_id = NULL;
        }
      else
        {
          JsonNode *id_node = json_object_get_member (obj, "connection_id");

          connection_id = NULL;
          if (!JSON_NODE_HOLDS_VALUE (id_node) ||
              json_node_get_value_type (id_node) != G_TYPE_STRING)
            mock_request_invalid (req, "string_type", "Input should be a valid string", "body",
                                  index, "connection_id", NULL);
          else
            connection_id = json_node_get_string (id_node);
        }

      repo_path_node = json_object_get_member (obj, "repo_path");
      group_prefix_node = json_object_get_member (obj, "group_prefix");
      if (repo_path_node != NULL && JSON_NODE_HOLDS_NULL (repo_path_node))
        repo_path_node = NULL;
      if (group_prefix_node != NULL && JSON_NODE_HOLDS_NULL (group_prefix_node))
        group_prefix_node = NULL;
      repo_url = optional_string (req, obj, index, "repo_url");
      group_url = optional_string (req, obj, index, "group_prefix_url");
      prefix_path = optional_string (req, obj, index, "prefix_path");

      if (repo_path_node != NULL)
        grant.repo_path = read_segments (req, repo_path_node, index, "repo_path");
      if (group_prefix_node != NULL)
        grant.group_prefix = read_segments (req, group_prefix_node, index, "group_prefix");

      if (mock_request_has_errors (req))
        {
          grant_clear (&grant);
          continue;
        }

      grant.connection = find_connection (state, connection_id);
      if (grant.connection == NULL)
        {
          grant_clear (&grant);
          mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Git connection not found: %s",
                             connection_id);
          return;
        }

      n_targets = (repo_path_node != NULL) + (repo_url != NULL) + (group_prefix_node != NULL) +
                  (group_url != NULL);
      if (n_targets != 1)
        {
          grant_clear (&grant);
          mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                             "Permission %u needs exactly one of repo_path, repo_url, "
                             "group_prefix or group_prefix_url", i);
          return;
        }

      if (repo_url != NULL)
        {
          grant.repo_path = path_from_url (req, repo_url, grant.connection);
          if (grant.repo_path == NULL)
            return;
        }
      if (group_url != NULL)
        {
          grant.group_prefix = path_from_url (req, group_url, grant.connection);
          if (grant.group_prefix == NULL)
            return;
        }

      if (grant.repo_path != NULL && !path_is_valid (grant.repo_path, 2))
        {
          mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                             "Invalid repository path '%s': expected owner/repository",
                             grant.repo_path);
          grant_clear (&grant);
          return;
        }
      if (grant.group_prefix != NULL && !path_is_valid (grant.group_prefix, 1))
        {
          mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "Invalid group prefix '%s'",
                             grant.group_prefix);
          grant_clear (&grant);
          return;
        }

      grant.prefix_path = g_strdup (prefix_path);
      g_array_append_val (grants, grant);
    }

  if (mock_request_has_errors (req))
    return;

  apply_grants (req, org, grants);
}

/* The body of the examples page: {"provider", "repository", "permission"} (compat only). */
static void
grant_permission_examples (MockRequest *req,
                           MockOrg     *org,
                           JsonObject  *body)
{
  MockState *state = req->state;
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (Grant));
  const char *provider, *repository;
  Grant grant = { NULL, NULL, NULL, NULL };

  g_array_set_clear_func (grants, grant_clear);

  provider = mock_body_string (req, body, "provider", TRUE, NULL);
  repository = mock_body_string (req, body, "repository", TRUE, NULL);
  /* v2 has no access levels: "permission" is read and ignored. */
  mock_body_string (req, body, "permission", FALSE, NULL);
  if (mock_request_has_errors (req))
    return;

  for (guint i = 0; i < state->connections->len; i++)
    {
      MockGitConnection *connection = g_ptr_array_index (state->connections, i);

      if (g_str_has_prefix (connection->type, provider))
        {
          grant.connection = connection;
          break;
        }
    }
  if (grant.connection == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST, "No git connection for provider '%s'",
                         provider);
      return;
    }
  if (!path_is_valid (repository, 2))
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "Invalid repository path '%s': expected owner/repository", repository);
      return;
    }

  grant.repo_path = g_strdup (repository);
  g_array_append_val (grants, grant);
  apply_grants (req, org, grants);
}

static void
grant_permissions (MockRequest *req)
{
  MockOrg *org = path_org (req);
  JsonNode *root;

  if (org == NULL)
    return;
  root = mock_request_body (req);
  if (root == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (root))
    grant_permissions_documented (req, org, json_node_get_array (root));
  else if (req->compat && JSON_NODE_HOLDS_OBJECT (root))
    grant_permission_examples (req, org, json_node_get_object (root));
  else
    mock_request_invalid (req, "list_type", "Input should be a valid list", "body", NULL);
}

static void
revoke_permission (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  const char *permission_id = req->segments[4];

  if (org == NULL)
    return;

  for (guint i = 0; i < org->permissions->len; i++)
    {
      MockGitPermission *permission = g_ptr_array_index (org->permissions, i);
      char *data;

      if (strcmp (permission->permission_id, permission_id) != 0)
        continue;

      data = mock_data_json ("permission_id", permission->permission_id,
                             permission->repo_path != NULL ? "repo_path" : "group_prefix",
                             permission->repo_path != NULL ? permission->repo_path
                                                           : permission->group_prefix,
                             NULL);
      g_ptr_array_remove_index (org->permissions, i);
      mock_state_audit (state, "delete_git_permission", state->admin, org, data);
      mock_reply_success (req);
      return;
    }

  mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Permission not found");
}

/* ---- Clone ---------------------------------------------------------------------------------- */

static void
clone_repository (MockRequest *req)
{
  MockState *state = req->state;
  MockOrg *org = path_org (req);
  JsonObject *body;
  const char *repo;
  g_autofree char *name = NULL;
  MockSnapshot *snapshot;
  MockJson json;

  if (org == NULL)
    return;
  body = mock_request_body_object (req);
  if (body == NULL)
    return;

  /* Two documented bodies: "repo_path" (A) or "repo" (B). */
  if (json_object_has_member (body, "repo") && !json_object_has_member (body, "repo_path"))
    repo = mock_body_string (req, body, "repo", TRUE, NULL);
  else
    repo = mock_body_string (req, body, "repo_path", TRUE, NULL);
  if (mock_request_has_errors (req))
    return;

  if (!path_is_valid (repo, 2))
    {
      mock_reply_detail (req, SOUP_STATUS_BAD_REQUEST,
                         "Invalid repository path '%s': expected owner/repository", repo);
      return;
    }

  name = g_strdup_printf ("Clone of %s", repo);
  snapshot = mock_state_add_snapshot (state, org, name, NULL, "pending");
  mock_state_audit (state, "clone_repository", state->admin, org,
                    mock_data_json ("repo_path", repo, "snapshot_id", snapshot->snapshot_id,
                                    NULL));

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_object (&json);
  mock_json_key (&json, "created_at");
  mock_json_time (&json, snapshot->created_at);
  mock_json_member_string (&json, "org_id", org->org_id);
  mock_json_member_string (&json, "snapshot_id", snapshot->snapshot_id);
  mock_json_member_string (&json, "snapshot_name", snapshot->name);
  mock_json_member_string (&json, "status", snapshot->status);
  mock_json_key (&json, "ami_id");
  mock_json_null (&json);
  mock_json_end_object (&json);
}

const MockRoute mock_org_routes[] = {
  { "GET", "/organizations", list_orgs, FALSE },
  { "POST", "/organizations", create_org, FALSE },
  { "GET", "/organizations/{}", get_org, FALSE },
  { "PATCH", "/organizations/{}", update_org, FALSE },
  { "DELETE", "/organizations/{}", delete_org, FALSE },
  { "GET", "/organizations/{}/members", list_org_members, FALSE },
  { "POST", "/organizations/{}/members", add_org_members, FALSE },
  { "PATCH", "/organizations/{}/members/roles", update_org_member_roles, FALSE },
  { "PATCH", "/organizations/{}/members/migrate-roles", migrate_org_member_roles, FALSE },
  { "DELETE", "/organizations/{}/members/{}", remove_org_member, FALSE },
  { "GET", "/organizations/{}/groups", list_org_groups, FALSE },
  { "POST", "/organizations/{}/groups", add_org_group, FALSE },
  { "DELETE", "/organizations/{}/groups/{}", remove_org_group, FALSE },
  { "GET", "/organizations/{}/git/connections", list_connections, FALSE },
  { "GET", "/organizations/{}/git/permissions", list_permissions, FALSE },
  { "POST", "/organizations/{}/git/permissions", grant_permissions, FALSE },
  { "DELETE", "/organizations/{}/git/permissions/{}", revoke_permission, FALSE },
  { "POST", "/organizations/{}/clone", clone_repository, FALSE },
  /* the older path of the examples page */
  { "GET", "/organizations/{}/permissions", list_permissions, TRUE },
  { "POST", "/organizations/{}/permissions", grant_permissions, TRUE },
  { NULL, NULL, NULL, FALSE },
};

/* da-mock-data.c: the seeded state of the local API server and what changes it
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is generated from the options with one seeded generator, so the same options give
 * the same data (with --now, to the byte). Consumption is not stored on its own: it is the ACUs
 * of the sessions, counted on the billing day, organization and user of each session, so every
 * endpoint that reports it agrees with the others.
 */

#include "config.h"

#include <string.h>

#include "da-mock-private.h"

#define DAY  G_GINT64_CONSTANT (86400)
#define HOUR G_GINT64_CONSTANT (3600)
#define BILLING_DAY_OFFSET (8 * HOUR)
#define EMAIL_DOMAIN "acme.example"

/* Salts keep the ID spaces of the different kinds apart. */
enum
{
  SALT_USER = 0x1001,
  SALT_ORG = 0x2002,
  SALT_PERMISSION = 0x3003,
  SALT_KEY = 0x4004,
  SALT_SESSION = 0x5005,
  SALT_AUDIT = 0x6006,
  SALT_CONNECTION = 0x7007,
  SALT_PLAYBOOK = 0x8008,
  SALT_SNAPSHOT = 0x9009,
  SALT_ROLE = 0xA00A,
};

/* ---- Freeing -------------------------------------------------------------------------------- */

static void
role_free (gpointer data)
{
  MockRole *role = data;

  g_free (role->role_id);
  g_free (role->role_name);
  g_free (role);
}

/* The strings of members are in state->strings. */
static void
member_free (gpointer data)
{
  MockMember *member = data;

  g_ptr_array_unref (member->memberships);
  g_free (member);
}

static void
permission_free (gpointer data)
{
  MockGitPermission *permission = data;

  g_free (permission->permission_id);
  g_free (permission->repo_path);
  g_free (permission->group_prefix);
  g_free (permission->prefix_path);
  g_free (permission);
}

static void
org_free (gpointer data)
{
  MockOrg *org = data;

  g_free (org->org_id);
  g_free (org->name);
  g_ptr_array_unref (org->memberships);
  g_ptr_array_unref (org->permissions);
  g_free (org);
}

static void
group_free (gpointer data)
{
  MockGroup *group = data;

  g_free (group->name);
  g_array_unref (group->links);
  g_free (group);
}

static void
connection_free (gpointer data)
{
  MockGitConnection *connection = data;

  g_free (connection->connection_id);
  g_free (connection->name);
  g_free (connection->host);
  g_free (connection);
}

static void
api_key_free (gpointer data)
{
  MockApiKey *key = data;

  g_free (key->id);
  g_free (key);
}

static void
session_free (gpointer data)
{
  MockSession *session = data;

  g_free (session->session_id);
  g_free (session->title);
  g_free (session);
}

static void
playbook_free (gpointer data)
{
  MockPlaybook *playbook = data;

  g_free (playbook->playbook_id);
  g_free (playbook->title);
  g_free (playbook->body);
  g_free (playbook->macro);
  g_free (playbook);
}

static void
snapshot_free (gpointer data)
{
  MockSnapshot *snapshot = data;

  g_free (snapshot->snapshot_id);
  g_free (snapshot->name);
  g_free (snapshot->description);
  g_free (snapshot);
}

void
mock_state_free (MockState *state)
{
  if (state == NULL)
    return;

  /* Organizations own the memberships that members point to: members first. */
  g_clear_pointer (&state->member_by_id, g_hash_table_unref);
  g_clear_pointer (&state->member_by_email, g_hash_table_unref);
  g_clear_pointer (&state->members, g_ptr_array_unref);
  g_clear_pointer (&state->all_members, g_ptr_array_unref);
  g_clear_pointer (&state->org_by_id, g_hash_table_unref);
  g_clear_pointer (&state->orgs, g_ptr_array_unref);
  g_clear_pointer (&state->all_orgs, g_ptr_array_unref);
  g_clear_pointer (&state->role_by_id, g_hash_table_unref);
  g_clear_pointer (&state->roles, g_ptr_array_unref);
  g_clear_pointer (&state->group_by_name, g_hash_table_unref);
  g_clear_pointer (&state->groups, g_ptr_array_unref);
  g_clear_pointer (&state->connections, g_ptr_array_unref);
  g_clear_pointer (&state->api_keys, g_ptr_array_unref);
  g_clear_pointer (&state->sessions, g_ptr_array_unref);
  g_clear_pointer (&state->searches, g_array_unref);
  g_clear_pointer (&state->audit_by_id, g_hash_table_unref);
  g_clear_pointer (&state->audit, g_ptr_array_unref);
  g_clear_pointer (&state->playbooks, g_ptr_array_unref);
  g_clear_pointer (&state->snapshots, g_ptr_array_unref);
  g_clear_pointer (&state->audit_slabs, g_ptr_array_unref);
  g_clear_pointer (&state->strings, g_string_chunk_free);
  g_free (state->account_id);
  da_mock_options_clear (&state->options);
  g_free (state);
}

/* ---- Clock and billing cycles --------------------------------------------------------------- */

gint64
mock_state_now (MockState *state)
{
  if (state->options.now != DA_MOCK_NOW_REAL)
    return state->options.now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

gint64
mock_billing_day (gint64 when)
{
  gint64 t = when - BILLING_DAY_OFFSET;

  return t >= 0 ? t / DAY : -((-t + DAY - 1) / DAY);
}

static gint64
cycle_start_in_month (MockState *state,
                      gint       year,
                      guint      month)
{
  return mock_days_from_civil (year, month, (guint) state->anchor_day) * DAY + BILLING_DAY_OFFSET;
}

gint64
mock_state_cycle_start (MockState *state,
                        gint64     when)
{
  gint64 days = when >= 0 ? when / DAY : -((-when + DAY - 1) / DAY);
  gint year;
  guint month, day;
  gint64 start;

  mock_civil_from_days (days, &year, &month, &day);
  start = cycle_start_in_month (state, year, month);
  if (start > when)
    {
      if (month == 1)
        {
          month = 12;
          year--;
        }
      else
        {
          month--;
        }
      start = cycle_start_in_month (state, year, month);
    }

  return start;
}

gint64
mock_state_next_cycle (MockState *state,
                       gint64     cycle_start)
{
  gint year;
  guint month, day;

  mock_civil_from_days (cycle_start / DAY, &year, &month, &day);
  if (month == 12)
    {
      month = 1;
      year++;
    }
  else
    {
      month++;
    }

  return cycle_start_in_month (state, year, month);
}

gint64
mock_state_previous_cycle (MockState *state,
                           gint64     cycle_start)
{
  gint year;
  guint month, day;

  mock_civil_from_days (cycle_start / DAY, &year, &month, &day);
  if (month == 1)
    {
      month = 12;
      year--;
    }
  else
    {
      month--;
    }

  return cycle_start_in_month (state, year, month);
}

/* ---- Lookups -------------------------------------------------------------------------------- */

const MockRole *
mock_state_find_role (MockState  *state,
                      const char *role_id)
{
  return role_id != NULL ? g_hash_table_lookup (state->role_by_id, role_id) : NULL;
}

MockMember *
mock_state_find_member (MockState  *state,
                        const char *user_id)
{
  return user_id != NULL ? g_hash_table_lookup (state->member_by_id, user_id) : NULL;
}

MockMember *
mock_state_find_member_by_email (MockState  *state,
                                 const char *email)
{
  g_autofree char *key = NULL;

  if (email == NULL)
    return NULL;
  key = g_ascii_strdown (email, -1);
  return g_hash_table_lookup (state->member_by_email, key);
}

MockOrg *
mock_state_find_org (MockState  *state,
                     const char *org_id)
{
  return org_id != NULL ? g_hash_table_lookup (state->org_by_id, org_id) : NULL;
}

MockOrg *
mock_state_find_org_by_name (MockState  *state,
                             const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < state->orgs->len; i++)
    {
      MockOrg *org = g_ptr_array_index (state->orgs, i);
      g_autofree char *other = g_utf8_casefold (org->name, -1);

      if (strcmp (folded, other) == 0)
        return org;
    }

  return NULL;
}

MockMembership *
mock_org_find_membership (MockOrg    *org,
                          MockMember *member)
{
  for (guint i = 0; i < member->memberships->len; i++)
    {
      MockMembership *membership = g_ptr_array_index (member->memberships, i);

      if (membership->org == org)
        return membership;
    }

  return NULL;
}

MockGroup *
mock_state_find_group (MockState  *state,
                       const char *name)
{
  return name != NULL ? g_hash_table_lookup (state->group_by_name, name) : NULL;
}

MockAuditEvent *
mock_state_find_audit (MockState  *state,
                       const char *audit_log_id)
{
  return g_hash_table_lookup (state->audit_by_id, audit_log_id);
}

void
mock_org_counts (MockOrg *org,
                 guint   *admins,
                 guint   *members,
                 guint   *users)
{
  guint n_admins = 0;

  for (guint i = 0; i < org->memberships->len; i++)
    {
      MockMembership *membership = g_ptr_array_index (org->memberships, i);

      if (strcmp (membership->role->role_id, "org_admin") == 0)
        n_admins++;
    }

  *admins = n_admins;
  *members = org->memberships->len - n_admins;
  *users = org->memberships->len;
}

/* ---- Building blocks ------------------------------------------------------------------------ */

MockRole *
mock_state_add_role (MockState  *state,
                     const char *role_id,
                     const char *role_name,
                     const char *role_type)
{
  MockRole *role = g_new0 (MockRole, 1);

  role->role_id = g_strdup (role_id);
  role->role_name = g_strdup (role_name);
  role->role_type = role_type;
  g_ptr_array_add (state->roles, role);
  g_hash_table_insert (state->role_by_id, role->role_id, role);

  return role;
}

static char *
name_from_email (const char *email)
{
  const char *at = strchr (email, '@');
  g_autofree char *local = g_strndup (email, at != NULL ? (gsize) (at - email) : strlen (email));
  GString *name = g_string_new (NULL);
  gboolean start = TRUE;

  for (const char *p = local; *p != '\0'; p++)
    {
      if (*p == '.' || *p == '_' || *p == '-' || *p == '+')
        {
          if (name->len > 0 && name->str[name->len - 1] != ' ')
            g_string_append_c (name, ' ');
          start = TRUE;
          continue;
        }
      g_string_append_c (name, start ? g_ascii_toupper (*p) : *p);
      start = FALSE;
    }

  if (name->len > 0 && name->str[name->len - 1] == ' ')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_assign (name, email);

  return g_string_free (name, FALSE);
}

/* The casefolded email, as the key of member_by_email */
static const char *
email_key (MockState  *state,
           const char *email)
{
  g_autofree char *lower = NULL;

  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      {
        lower = g_ascii_strdown (email, -1);
        return g_string_chunk_insert (state->strings, lower);
      }
  return email;
}

MockMember *
mock_state_new_member (MockState      *state,
                       const char     *email,
                       const char     *name,
                       const MockRole *role,
                       gint64          created_at)
{
  MockMember *member = g_new0 (MockMember, 1);
  guint index = state->next_member++;
  char user_id[32];

  g_snprintf (user_id, sizeof user_id, "user-%012" G_GINT64_MODIFIER "x",
              mock_mix48 (index + SALT_USER * 0x10000ULL + state->options.seed));
  member->user_id = g_string_chunk_insert (state->strings, user_id);
  member->email = g_string_chunk_insert (state->strings, email);
  member->name = g_string_chunk_insert (state->strings, name);
  member->role = role;
  member->created_at = created_at;
  member->login_count = -1;
  member->memberships = g_ptr_array_new ();

  g_ptr_array_add (state->all_members, member);
  g_ptr_array_add (state->members, member);
  g_hash_table_insert (state->member_by_id, (gpointer) member->user_id, member);
  g_hash_table_insert (state->member_by_email, (gpointer) email_key (state, member->email), member);

  return member;
}

MockOrg *
mock_state_new_org (MockState  *state,
                    const char *name,
                    gint64      created_at)
{
  MockOrg *org = g_new0 (MockOrg, 1);
  guint index = state->next_org++;

  org->org_id = g_strdup_printf ("org-%012" G_GINT64_MODIFIER "x",
                                 mock_mix48 (index + SALT_ORG * 0x10000ULL + state->options.seed));
  org->name = g_strdup (name);
  org->created_at = created_at;
  org->max_cycle_acu_limit = -1;
  org->max_session_acu_limit = -1;
  org->memberships = g_ptr_array_new_with_free_func (g_free);
  org->permissions = g_ptr_array_new_with_free_func (permission_free);

  g_ptr_array_add (state->all_orgs, org);
  g_ptr_array_add (state->orgs, org);
  g_hash_table_insert (state->org_by_id, org->org_id, org);

  return org;
}

MockMembership *
mock_state_set_membership (MockState      *state,
                           MockOrg        *org,
                           MockMember     *member,
                           const MockRole *role)
{
  MockMembership *membership = mock_org_find_membership (org, member);

  if (membership != NULL)
    {
      membership->role = role;
      return membership;
    }

  membership = g_new0 (MockMembership, 1);
  membership->org = org;
  membership->member = member;
  membership->role = role;
  g_ptr_array_add (org->memberships, membership);
  g_ptr_array_add (member->memberships, membership);

  return membership;
}

void
mock_state_remove_membership (MockState      *state,
                              MockMembership *membership)
{
  g_ptr_array_remove (membership->member->memberships, membership);
  /* frees it */
  g_ptr_array_remove (membership->org->memberships, membership);
}

MockGroup *
mock_state_add_group (MockState  *state,
                      const char *name)
{
  MockGroup *group = g_new0 (MockGroup, 1);

  group->name = g_strdup (name);
  group->links = g_array_new (FALSE, FALSE, sizeof (MockGroupLink));
  g_ptr_array_add (state->groups, group);
  g_hash_table_insert (state->group_by_name, group->name, group);

  return group;
}

MockGitConnection *
mock_state_add_connection (MockState  *state,
                           const char *name,
                           const char *host,
                           const char *type,
                           gint64      created_at)
{
  MockGitConnection *connection = g_new0 (MockGitConnection, 1);

  connection->connection_id =
    g_strdup_printf ("conn-%012" G_GINT64_MODIFIER "x",
                     mock_mix48 (state->connections->len + SALT_CONNECTION * 0x10000ULL +
                                 state->options.seed));
  connection->name = g_strdup (name);
  connection->host = g_strdup (host);
  connection->type = type;
  connection->created_at = created_at;
  g_ptr_array_add (state->connections, connection);

  return connection;
}

MockGitPermission *
mock_state_add_permission (MockState         *state,
                           MockOrg           *org,
                           MockGitConnection *connection,
                           const char        *repo_path,
                           const char        *group_prefix,
                           const char        *prefix_path)
{
  MockGitPermission *permission;

  /* Granting what is already granted gives back the existing permission. */
  for (guint i = 0; i < org->permissions->len; i++)
    {
      permission = g_ptr_array_index (org->permissions, i);
      if (g_strcmp0 (permission->connection->host, connection->host) == 0 &&
          g_strcmp0 (permission->repo_path, repo_path) == 0 &&
          g_strcmp0 (permission->group_prefix, group_prefix) == 0 &&
          g_strcmp0 (permission->prefix_path, prefix_path) == 0)
        return permission;
    }

  permission = g_new0 (MockGitPermission, 1);
  permission->permission_id =
    g_strdup_printf ("perm-%012" G_GINT64_MODIFIER "x",
                     mock_mix48 (state->next_permission++ + SALT_PERMISSION * 0x10000ULL +
                                 state->options.seed));
  permission->connection = connection;
  permission->repo_path = g_strdup (repo_path);
  permission->group_prefix = g_strdup (group_prefix);
  permission->prefix_path = g_strdup (prefix_path);
  g_ptr_array_add (org->permissions, permission);

  return permission;
}

MockApiKey *
mock_state_add_api_key (MockState  *state,
                        MockOrg    *org,
                        MockMember *member)
{
  MockApiKey *key = g_new0 (MockApiKey, 1);
  guint index = state->next_api_key++;

  key->id = g_strdup_printf ("apk-%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
                             mock_mix64 (index + SALT_KEY * 0x10000ULL + state->options.seed),
                             mock_mix64 (index ^ 0x5bd1e995ULL));
  key->org = org;
  key->member = member;
  key->created_at = mock_state_now (state);
  key->kind = MOCK_KEY_OTHER;
  g_ptr_array_add (state->api_keys, key);

  return key;
}

MockPlaybook *
mock_state_add_playbook (MockState  *state,
                         const char *title,
                         const char *body,
                         const char *macro,
                         MockMember *author)
{
  MockPlaybook *playbook = g_new0 (MockPlaybook, 1);
  guint index = state->next_playbook++;

  playbook->playbook_id =
    g_strdup_printf ("playbook-%016" G_GINT64_MODIFIER "x",
                     mock_mix64 (index + SALT_PLAYBOOK * 0x10000ULL + state->options.seed));
  playbook->title = g_strdup (title);
  playbook->body = g_strdup (body);
  playbook->macro = g_strdup (macro);
  playbook->status = "published";
  playbook->access = "team";
  playbook->created_at = mock_state_now (state);
  playbook->updated_at = playbook->created_at;
  playbook->created_by = author;
  playbook->updated_by = author;
  g_ptr_array_add (state->playbooks, playbook);

  return playbook;
}

MockSnapshot *
mock_state_add_snapshot (MockState  *state,
                         MockOrg    *org,
                         const char *name,
                         const char *description,
                         const char *status)
{
  MockSnapshot *snapshot = g_new0 (MockSnapshot, 1);
  guint index = state->next_snapshot++;

  snapshot->snapshot_id =
    g_strdup_printf ("snapshot-%012" G_GINT64_MODIFIER "x",
                     mock_mix48 (index + SALT_SNAPSHOT * 0x10000ULL + state->options.seed));
  snapshot->name = g_strdup (name);
  snapshot->description = g_strdup (description);
  snapshot->status = status;
  snapshot->created_at = mock_state_now (state);
  snapshot->org = org;
  g_ptr_array_add (state->snapshots, snapshot);

  return snapshot;
}

/* ---- Audit log ------------------------------------------------------------------------------ */

#define AUDIT_SLAB 4096

MockAuditEvent *
mock_state_append_audit (MockState   *state,
                         gint64       created_at,
                         const char  *action,
                         MockMember  *user,
                         MockOrg     *org,
                         const char  *data_json)
{
  MockAuditEvent *event;
  guint64 seq = ++state->audit_seq;

  /* Events are never freed one by one: they live in slabs, their data in the string chunk. */
  if (state->audit_slab_used == AUDIT_SLAB || state->audit_slabs->len == 0)
    {
      g_ptr_array_add (state->audit_slabs, g_new (MockAuditEvent, AUDIT_SLAB));
      state->audit_slab_used = 0;
    }
  event = (MockAuditEvent *) g_ptr_array_index (state->audit_slabs, state->audit_slabs->len - 1) +
          state->audit_slab_used++;

  g_snprintf (event->id, sizeof event->id, "audit-%016" G_GINT64_MODIFIER "x",
              mock_mix64 (seq ^ (G_GUINT64_CONSTANT (0xA5A5) << 40) ^ state->options.seed));
  event->created_at = created_at;
  event->seq = seq;
  event->action = action;
  event->user = user;
  event->org = org;
  event->data_json = data_json != NULL ? g_string_chunk_insert (state->strings, data_json) : NULL;
  g_ptr_array_add (state->audit, event);
  g_hash_table_insert (state->audit_by_id, event->id, event);

  return event;
}

MockAuditEvent *
mock_state_audit (MockState  *state,
                  const char *action,
                  MockMember *user,
                  MockOrg    *org,
                  char       *data_json)
{
  gint64 now = mock_state_now (state);
  MockAuditEvent *event;

  /* Never older than what is already there, whatever the clock does. */
  if (state->audit->len > 0)
    {
      MockAuditEvent *last = g_ptr_array_index (state->audit, state->audit->len - 1);
      now = MAX (now, last->created_at);
    }

  event = mock_state_append_audit (state, now, action, user, org, data_json);
  g_free (data_json);
  return event;
}

/* ---- Mutations ------------------------------------------------------------------------------ */

MockMember *
mock_state_add_member (MockState      *state,
                       const char     *email,
                       const MockRole *role)
{
  g_autofree char *name = name_from_email (email);

  return mock_state_new_member (state, email, name, role, mock_state_now (state));
}

void
mock_state_remove_member (MockState  *state,
                          MockMember *member)
{
  while (member->memberships->len > 0)
    mock_state_remove_membership (state, g_ptr_array_index (member->memberships, 0));

  for (guint i = 0; i < state->api_keys->len; i++)
    {
      MockApiKey *key = g_ptr_array_index (state->api_keys, i);

      if (key->member == member)
        {
          key->revoked = TRUE;
          if (key->kind == MOCK_KEY_ADMIN)
            state->admin_key_revoked = TRUE;
          else if (key->kind == MOCK_KEY_MEMBER)
            state->member_key_revoked = TRUE;
        }
    }

  g_hash_table_remove (state->member_by_id, member->user_id);
  {
    g_autofree char *key = g_ascii_strdown (member->email, -1);
    g_hash_table_remove (state->member_by_email, key);
  }
  g_ptr_array_remove (state->members, member);
  member->deleted = TRUE;
}

MockOrg *
mock_state_add_org (MockState  *state,
                    const char *name,
                    gint64      max_cycle_acu_limit)
{
  MockOrg *org = mock_state_new_org (state, name, mock_state_now (state));

  org->max_cycle_acu_limit = max_cycle_acu_limit;
  return org;
}

void
mock_state_remove_org (MockState *state,
                       MockOrg   *org)
{
  while (org->memberships->len > 0)
    mock_state_remove_membership (state, g_ptr_array_index (org->memberships, 0));

  for (guint i = 0; i < state->groups->len; i++)
    {
      MockGroup *group = g_ptr_array_index (state->groups, i);

      for (guint j = group->links->len; j > 0; j--)
        if (g_array_index (group->links, MockGroupLink, j - 1).org == org)
          g_array_remove_index (group->links, j - 1);
    }

  for (guint i = 0; i < state->api_keys->len; i++)
    {
      MockApiKey *key = g_ptr_array_index (state->api_keys, i);

      if (key->org == org)
        {
          key->revoked = TRUE;
          if (key->kind == MOCK_KEY_ADMIN)
            state->admin_key_revoked = TRUE;
          else if (key->kind == MOCK_KEY_MEMBER)
            state->member_key_revoked = TRUE;
        }
    }

  g_ptr_array_set_size (org->permissions, 0);
  g_hash_table_remove (state->org_by_id, org->org_id);
  g_ptr_array_remove (state->orgs, org);
  org->deleted = TRUE;
}

/* ---- Allocation ----------------------------------------------------------------------------- */

MockState *
mock_state_alloc (void)
{
  MockState *state = g_new0 (MockState, 1);

  state->strings = g_string_chunk_new (64 * 1024);
  state->audit_slabs = g_ptr_array_new_with_free_func (g_free);
  state->roles = g_ptr_array_new_with_free_func (role_free);
  state->role_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  state->all_members = g_ptr_array_new_full (32 + 16, member_free);
  state->members = g_ptr_array_sized_new (32 + 16);
  state->member_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  state->member_by_email = g_hash_table_new (g_str_hash, g_str_equal);
  state->all_orgs = g_ptr_array_new_with_free_func (org_free);
  state->orgs = g_ptr_array_new ();
  state->org_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  state->groups = g_ptr_array_new_with_free_func (group_free);
  state->group_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  state->connections = g_ptr_array_new_with_free_func (connection_free);
  state->api_keys = g_ptr_array_new_with_free_func (api_key_free);
  state->sessions = g_ptr_array_new_full (32, session_free);
  state->searches = g_array_new (FALSE, TRUE, sizeof (MockSearch));
  state->audit = g_ptr_array_sized_new (1024);
  state->audit_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  state->playbooks = g_ptr_array_new_with_free_func (playbook_free);
  state->snapshots = g_ptr_array_new_with_free_func (snapshot_free);


  return state;
}

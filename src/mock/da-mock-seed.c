/* da-mock-seed.c: generating the seed data and the texts of sessions
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

#include <math.h>
#include <string.h>

#include "da-mock-private.h"

#define DAY  G_GINT64_CONSTANT (86400)
#define HOUR G_GINT64_CONSTANT (3600)
#define EMAIL_DOMAIN "acme.example"

enum
{
  SALT_SESSION = 0x5005,
  SALT_ROLE = 0xA00A,
};

/* ---- Audit events by other people ----------------------------------------------------------- */

typedef enum
{
  ACTOR_ANYONE,
  ACTOR_ADMIN,
} ActorKind;

typedef struct
{
  const char *action;
  guint       weight;
  ActorKind   actor;
  gboolean    with_org;
} AuditKind;

static const AuditKind audit_kinds[] = {
  { "login", 30, ACTOR_ANYONE, FALSE },
  { "create_session", 22, ACTOR_ANYONE, TRUE },
  { "sleep_session", 6, ACTOR_ANYONE, TRUE },
  { "create_knowledge", 4, ACTOR_ANYONE, TRUE },
  { "edit_knowledge", 4, ACTOR_ANYONE, TRUE },
  { "add_member", 6, ACTOR_ADMIN, TRUE },
  { "delete_member", 2, ACTOR_ADMIN, TRUE },
  { "update_role", 3, ACTOR_ADMIN, TRUE },
  { "assign_roles", 3, ACTOR_ADMIN, FALSE },
  { "add_enterprise_member", 5, ACTOR_ADMIN, FALSE },
  { "update_org", 3, ACTOR_ADMIN, TRUE },
  { "create_org", 1, ACTOR_ADMIN, TRUE },
  { "add_group_membership", 2, ACTOR_ADMIN, TRUE },
  { "delete_group_membership", 1, ACTOR_ADMIN, TRUE },
  { "create_git_permission", 3, ACTOR_ADMIN, TRUE },
  { "delete_git_permission", 1, ACTOR_ADMIN, TRUE },
  { "revoke_api_key", 1, ACTOR_ADMIN, TRUE },
};

static MockMember *
random_member (MockState *state,
               MockRng   *rng)
{
  return g_ptr_array_index (state->members, mock_rng_range (rng, state->members->len));
}

static MockMember *
random_admin (MockState *state,
              MockRng   *rng)
{
  /* Admins are rare: try a few random members, else the key owner. */
  for (guint i = 0; i < 8; i++)
    {
      MockMember *member = random_member (state, rng);

      if (strcmp (member->role->role_id, "account_admin") == 0)
        return member;
    }
  return state->admin;
}

static MockOrg *
random_org (MockState *state,
            MockRng   *rng)
{
  return g_ptr_array_index (state->orgs, mock_rng_range (rng, state->orgs->len));
}

/* Writes the "data" of a random event into @out; FALSE when the event has none. */
static gboolean
random_audit_data (MockState  *state,
                   MockRng    *rng,
                   const char *action,
                   GString    *out)
{
  MockMember *other = random_member (state, rng);
  char text[48];

  g_string_truncate (out, 0);

  if (strcmp (action, "login") == 0)
    mock_data_json_into (out, "method", mock_rng_chance (rng, 0.8) ? "saml" : "email", NULL);
  else if (strcmp (action, "create_session") == 0 || strcmp (action, "sleep_session") == 0)
    {
      g_snprintf (text, sizeof text, "devin-%016" G_GINT64_MODIFIER "x", mock_rng_next (rng));
      mock_data_json_into (out, "session_id", text, NULL);
    }
  else if (strcmp (action, "create_knowledge") == 0 || strcmp (action, "edit_knowledge") == 0)
    mock_data_json_into (out, "name", mock_components[mock_rng_range (rng, mock_n_components)],
                         NULL);
  else if (strcmp (action, "add_member") == 0 || strcmp (action, "update_role") == 0)
    mock_data_json_into (out, "user_email", other->email,
                         "role_id", mock_rng_chance (rng, 0.2) ? "org_admin" : "org_member", NULL);
  else if (strcmp (action, "delete_member") == 0)
    mock_data_json_into (out, "user_email", other->email, NULL);
  else if (strcmp (action, "assign_roles") == 0)
    mock_data_json_into (out, "user_email", other->email,
                         "role_id", mock_rng_chance (rng, 0.3) ? "account_admin" : "account_member",
                         NULL);
  else if (strcmp (action, "add_enterprise_member") == 0)
    mock_data_json_into (out, "email", other->email, NULL);
  else if (strcmp (action, "update_org") == 0)
    {
      g_snprintf (text, sizeof text, "%u", 100 * (1 + mock_rng_range (rng, 30)));
      mock_data_json_into (out, "max_acu_limit", text, NULL);
    }
  else if (strcmp (action, "create_org") == 0)
    mock_data_json_into (out, "org_name", mock_org_names[mock_rng_range (rng, mock_n_org_names)],
                         NULL);
  else if (g_str_has_suffix (action, "group_membership"))
    mock_data_json_into (out, "group_name",
                         mock_group_names[mock_rng_range (rng, mock_n_group_names)], NULL);
  else if (g_str_has_suffix (action, "git_permission"))
    mock_data_json_into (out, "repo_path", mock_repos[mock_rng_range (rng, mock_n_repos)], NULL);
  else if (strcmp (action, "revoke_api_key") == 0)
    {
      g_snprintf (text, sizeof text, "apk-%016" G_GINT64_MODIFIER "x", mock_rng_next (rng));
      mock_data_json_into (out, "api_key_id", text, NULL);
    }
  else
    return FALSE;

  return TRUE;
}

static void
add_random_audit_at (MockState *state,
                     MockRng   *rng,
                     gint64     created_at,
                     GString   *scratch)
{
  const AuditKind *kind = &audit_kinds[0];
  guint total_weight = 0;
  MockMember *user;
  MockOrg *org;
  gboolean has_data;
  guint pick;

  for (guint i = 0; i < G_N_ELEMENTS (audit_kinds); i++)
    total_weight += audit_kinds[i].weight;

  pick = mock_rng_range (rng, total_weight);
  for (guint i = 0; i < G_N_ELEMENTS (audit_kinds); i++)
    {
      if (pick < audit_kinds[i].weight)
        {
          kind = &audit_kinds[i];
          break;
        }
      pick -= audit_kinds[i].weight;
    }

  user = kind->actor == ACTOR_ADMIN ? random_admin (state, rng) : random_member (state, rng);
  org = kind->with_org ? random_org (state, rng) : NULL;
  has_data = random_audit_data (state, rng, kind->action, scratch);
  mock_state_append_audit (state, created_at, kind->action, user, org,
                           has_data ? scratch->str : NULL);
}

void
mock_state_add_random_audit (MockState *state,
                             guint      n)
{
  g_autoptr(GString) scratch = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      gint64 now = mock_state_now (state);

      if (state->audit->len > 0)
        {
          MockAuditEvent *last = g_ptr_array_index (state->audit, state->audit->len - 1);
          now = MAX (now, last->created_at);
        }
      add_random_audit_at (state, &state->rng, now, scratch);
    }
}

/* ---- Sessions: generated texts -------------------------------------------------------------- */

static void
session_rng (MockState   *state,
             MockSession *session,
             guint64      stream,
             MockRng     *rng)
{
  mock_rng_init (rng, mock_mix64 (((guint64) state->options.seed << 32) ^ session->index ^
                                  (stream << 56)));
}

/* The component and template a session is about, drawn the same way every time. */
static void
session_topic (MockState   *state,
               MockSession *session,
               guint       *component,
               guint       *title_template,
               guint       *prompt_template)
{
  MockRng rng;

  session_rng (state, session, 1, &rng);
  *component = mock_rng_range (&rng, mock_n_components);
  *title_template = mock_rng_range (&rng, mock_n_title_templates);
  *prompt_template = mock_rng_range (&rng, mock_n_prompt_templates);
}

char *
mock_session_dup_initial_message (MockState   *state,
                                  MockSession *session)
{
  guint component, title_template, prompt_template;

  session_topic (state, session, &component, &title_template, &prompt_template);
  return g_strdup_printf (mock_prompt_templates[prompt_template], mock_components[component]);
}

void
mock_session_write_analysis (MockState   *state,
                             MockSession *session,
                             MockJson    *json)
{
  g_autofree char *original = NULL;
  g_autofree char *suggested = NULL;
  guint component, title_template, prompt_template;
  guint n_issues, n_feedback, n_actions, n_steps;
  guint first_issue;
  MockRng rng;

  if (!session->has_analysis)
    {
      mock_json_null (json);
      return;
    }

  session_topic (state, session, &component, &title_template, &prompt_template);
  session_rng (state, session, 2, &rng);
  original = g_strdup_printf (mock_prompt_templates[prompt_template], mock_components[component]);
  suggested = g_strdup_printf ("%s Start from the main branch, run the existing tests of the %s "
                               "first, and open one pull request with a short summary.",
                               original, mock_components[component]);

  n_issues = 1 + mock_rng_range (&rng, 3);
  n_feedback = 1 + mock_rng_range (&rng, n_issues);
  n_actions = mock_rng_range (&rng, 3);
  n_steps = 3 + mock_rng_range (&rng, 4);
  first_issue = mock_rng_range (&rng, mock_n_issue_texts);

  mock_json_begin_object (json);

  mock_json_key (json, "suggested_prompt");
  mock_json_begin_object (json);
  mock_json_member_string (json, "original_prompt", original);
  mock_json_member_string (json, "suggested_prompt", suggested);
  mock_json_key (json, "feedback_items");
  mock_json_begin_array (json);
  for (guint i = 0; i < n_feedback; i++)
    {
      const char *text = mock_issue_texts[(first_issue + i) % mock_n_issue_texts];
      char issue_id[16];
      g_autofree char *details = NULL;

      g_snprintf (issue_id, sizeof issue_id, "iss-%u", i + 1);
      details = g_strdup_printf ("%s, which cost time early in the session. Saying it up front "
                                 "lets the work on the %s start at once.", text,
                                 mock_components[component]);
      mock_json_begin_object (json);
      mock_json_member_string (json, "issue_id", issue_id);
      mock_json_member_string (json, "summary", text);
      mock_json_member_string (json, "details", details);
      mock_json_member_string (json, "excerpt", original);
      mock_json_end_object (json);
    }
  mock_json_end_array (json);
  mock_json_end_object (json);

  mock_json_key (json, "action_items");
  mock_json_begin_array (json);
  for (guint i = 0; i < n_actions; i++)
    {
      mock_json_begin_object (json);
      mock_json_member_string (json, "summary",
                               mock_action_texts[(first_issue + i) % mock_n_action_texts]);
      mock_json_member_string (json, "type", i == 0 ? "repository_setup" : "prompting");
      mock_json_end_object (json);
    }
  mock_json_end_array (json);

  mock_json_key (json, "issues");
  mock_json_begin_array (json);
  for (guint i = 0; i < n_issues; i++)
    {
      char issue_id[16];

      g_snprintf (issue_id, sizeof issue_id, "iss-%u", i + 1);
      mock_json_begin_object (json);
      mock_json_member_string (json, "issue_id", issue_id);
      mock_json_member_string (json, "summary",
                               mock_issue_texts[(first_issue + i) % mock_n_issue_texts]);
      mock_json_member_string (json, "severity", i == 0 ? "medium" : "low");
      mock_json_end_object (json);
    }
  mock_json_end_array (json);

  mock_json_key (json, "timeline");
  mock_json_begin_array (json);
  for (guint i = 0; i < n_steps; i++)
    {
      gint64 span = MAX (session->updated_at - session->created_at, 60);

      mock_json_begin_object (json);
      mock_json_key (json, "timestamp");
      mock_json_time (json, session->created_at + span * i / n_steps);
      mock_json_member_string (json, "title",
                               mock_timeline_texts[(i * mock_n_timeline_texts) / n_steps]);
      mock_json_end_object (json);
    }
  mock_json_end_array (json);

  mock_json_end_object (json);
}

/* ---- Seeding -------------------------------------------------------------------------------- */

/* Whatever the seed, a few names that exercise quoting and non-ASCII text. */
static const struct
{
  const char *name;
  const char *email_local;
} special_members[] = {
  { "García, María José", "maria.garcia" },
  { "Robert \"Bobby\" Tables", "bobby.tables" },
  { "Zoë Łukasiewicz-Ørsted", "zoe.lukasiewicz" },
  { "渡辺 結衣", "yui.watanabe" },
};

/* local@domain, then local2@, local3@… for the next people of the same name (no seed local part
 * ends with a digit, so these never collide). */
static void
unique_email (MockState  *state,
              GHashTable *local_counts,
              const char *local,
              char       *email,
              gsize       size)
{
  gpointer key, value;
  guint count = 0;

  if (g_hash_table_lookup_extended (local_counts, local, &key, &value))
    count = GPOINTER_TO_UINT (value);
  else
    key = g_string_chunk_insert (state->strings, local);
  g_hash_table_replace (local_counts, key, GUINT_TO_POINTER (count + 1));

  if (count == 0)
    g_snprintf (email, size, "%s@" EMAIL_DOMAIN, local);
  else
    g_snprintf (email, size, "%s%u@" EMAIL_DOMAIN, local, count + 1);
}

static void
seed_roles (MockState *state)
{
  char id[32];

  mock_state_add_role (state, "account_admin", "Admin", "account");
  mock_state_add_role (state, "account_member", "Member", "account");
  mock_state_add_role (state, "org_admin", "Admin", "org");
  mock_state_add_role (state, "org_member", "Member", "org");

  g_snprintf (id, sizeof id, "role-%06" G_GINT64_MODIFIER "x",
              mock_mix48 (SALT_ROLE + state->options.seed) & 0xffffff);
  mock_state_add_role (state, id, "Read-only Auditor", "account");
  g_snprintf (id, sizeof id, "role-%06" G_GINT64_MODIFIER "x",
              mock_mix48 (SALT_ROLE + 1 + state->options.seed) & 0xffffff);
  mock_state_add_role (state, id, "Repository Maintainer", "org");
}

static void
seed_members (MockState *state,
              MockRng   *rng)
{
  guint n = MAX (state->options.members, 1);
  gint64 span = MAX (state->seed_now - 2 * DAY - state->enterprise_start, 1);
  const MockRole *admin_role = mock_state_find_role (state, "account_admin");
  const MockRole *member_role = mock_state_find_role (state, "account_member");
  const MockRole *auditor_role = g_ptr_array_index (state->roles, 4);

  g_autoptr(GHashTable) local_counts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      char name[160], local[128], email[192];
      const MockRole *role = member_role;
      MockMember *member;
      gint64 created_at = state->enterprise_start + HOUR + (gint64) ((double) span * i / n);

      if (i >= 1 && i <= G_N_ELEMENTS (special_members))
        {
          g_strlcpy (name, special_members[i - 1].name, sizeof name);
          g_strlcpy (local, special_members[i - 1].email_local, sizeof local);
        }
      else
        {
          const MockName *first = &mock_first_names[mock_rng_range (rng, mock_n_first_names)];
          const MockName *last = &mock_last_names[mock_rng_range (rng, mock_n_last_names)];

          g_snprintf (name, sizeof name, "%s %s", first->display, last->display);
          g_snprintf (local, sizeof local, "%s.%s", first->ascii, last->ascii);
        }

      unique_email (state, local_counts, local, email, sizeof email);

      if (i == 0)
        role = admin_role;
      else if (i > G_N_ELEMENTS (special_members))
        {
          double r = mock_rng_double (rng);

          if (r < 0.03)
            role = admin_role;
          else if (r < 0.05)
            role = auditor_role;
        }

      member = mock_state_new_member (state, email, name, role, created_at);

      if (i == 0 || mock_rng_chance (rng, 0.88))
        {
          member->last_login = MIN (state->seed_now - mock_rng_between (rng, 60, 20 * DAY),
                                    state->seed_now);
          member->last_login = MAX (member->last_login, created_at + 60);
          member->login_count = 1 + (gint) mock_rng_range (rng, 400);
        }
      if (mock_rng_chance (rng, 0.7))
        {
          member->saml_id = g_string_chunk_insert_len (state->strings, member->email,
                                                       strchr (member->email, '@') - member->email);
        }
    }

  state->admin = g_ptr_array_index (state->members, 0);

  if (state->options.member_key != NULL)
    {
      for (guint i = 1; i < state->members->len; i++)
        {
          MockMember *member = g_ptr_array_index (state->members, i);

          if (member->role == member_role)
            {
              state->member_key_owner = member;
              break;
            }
        }
    }
}

static void
seed_orgs (MockState *state,
           MockRng   *rng)
{
  guint n = MAX (state->options.orgs, 1);
  const MockRole *org_admin = mock_state_find_role (state, "org_admin");
  const MockRole *org_member = mock_state_find_role (state, "org_member");
  const MockRole *maintainer = g_ptr_array_index (state->roles, 5);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = NULL;
      MockOrg *org;

      if (i < mock_n_org_names)
        name = g_strdup (mock_org_names[i]);
      else
        name = g_strdup_printf ("%s %u", mock_org_names[i % mock_n_org_names],
                                i / mock_n_org_names + 1);

      org = mock_state_new_org (state, name, state->enterprise_start + i * 3 * HOUR);
      org->is_primary = i == 0;
    }
  state->primary = g_ptr_array_index (state->orgs, 0);

  for (guint i = 0; i < state->members->len; i++)
    {
      MockMember *member = g_ptr_array_index (state->members, i);
      guint count;

      if (member == state->admin)
        {
          for (guint j = 0; j < state->orgs->len; j++)
            mock_state_set_membership (state, g_ptr_array_index (state->orgs, j), member,
                                       org_admin);
          continue;
        }

      count = mock_rng_chance (rng, 0.55) ? 1 : mock_rng_chance (rng, 0.75) ? 2 : 3;
      count = MIN (count, n);

      for (guint j = 0; j < count; j++)
        {
          MockOrg *org;
          const MockRole *role;
          double r = mock_rng_double (rng);

          if (j == 0 && mock_rng_chance (rng, 0.5))
            org = state->primary;
          else
            org = random_org (state, rng);

          role = r < 0.07 ? org_admin : r < 0.10 ? maintainer : org_member;
          if (mock_org_find_membership (org, member) == NULL)
            mock_state_set_membership (state, org, member, role);
        }
    }
}

static void
seed_groups (MockState *state)
{
  guint n_orgs = state->orgs->len;
  guint n_groups = MIN (mock_n_group_names, 3 + n_orgs / 2 + 1);

  if (!state->options.use_groups)
    return;

  for (guint i = 0; i < n_groups; i++)
    {
      MockGroup *group = mock_state_add_group (state, mock_group_names[i]);
      MockGroupLink link;

      /* The last group is registered but linked to nothing. */
      if (i == n_groups - 1)
        continue;

      link.org = g_ptr_array_index (state->orgs, n_orgs > 1 ? 1 + i % (n_orgs - 1) : 0);
      link.role = i % 3 == 0 ? "org_admin" : "org_member";
      g_array_append_val (group->links, link);

      if (i % 2 == 0 && n_orgs > 1)
        {
          link.org = state->primary;
          link.role = "org_member";
          g_array_append_val (group->links, link);
        }
    }
}

static void
seed_git (MockState *state,
          MockRng   *rng)
{
  MockGitConnection *github;
  MockGitConnection *gitlab;

  github = mock_state_add_connection (state, "acme (GitHub App)", "github.com", "github_app",
                           state->enterprise_start + 2 * HOUR);
  gitlab = mock_state_add_connection (state, "Acme GitLab", "gitlab.acme.example", "gitlab_token",
                           state->enterprise_start + 5 * DAY);
  mock_state_add_connection (state, "Release bot token", "github.com", "github_token",
                  state->enterprise_start + 9 * DAY);

  for (guint i = 0; i < state->orgs->len; i++)
    {
      MockOrg *org = g_ptr_array_index (state->orgs, i);
      guint n = 1 + mock_rng_range (rng, 4);

      for (guint j = 0; j < n; j++)
        {
          if (j == 0 || mock_rng_chance (rng, 0.6))
            mock_state_add_permission (state, org, github,
                                       mock_repos[mock_rng_range (rng, mock_n_repos)], NULL, NULL);
          else
            mock_state_add_permission (state, org, gitlab, NULL,
                                       mock_gitlab_groups[mock_rng_range (rng,
                                                                          mock_n_gitlab_groups)],
                                       NULL);
        }
    }
}

static void
seed_api_keys (MockState *state,
               MockRng   *rng)
{
  guint n_user_keys = MIN (state->members->len - 1, 30 + state->members->len / 1000);
  MockApiKey *key;

  key = mock_state_add_api_key (state, state->primary, state->admin);
  key->kind = MOCK_KEY_ADMIN;
  key->created_at = state->seed_now - 12 * DAY;

  if (state->member_key_owner != NULL)
    {
      key = mock_state_add_api_key (state, state->primary, state->member_key_owner);
      key->kind = MOCK_KEY_MEMBER;
      key->created_at = state->seed_now - 6 * DAY;
    }

  for (guint i = 0; i < state->orgs->len; i++)
    {
      key = mock_state_add_api_key (state, g_ptr_array_index (state->orgs, i), NULL);
      key->created_at = mock_rng_between (rng, state->enterprise_start, state->seed_now - HOUR);
    }

  for (guint i = 0; i < n_user_keys; i++)
    {
      guint index = 1 + mock_rng_range (rng, state->members->len - 1);
      MockMember *member = g_ptr_array_index (state->members, index);
      MockOrg *org = state->primary;

      if (member->memberships->len > 0)
        org = ((MockMembership *) g_ptr_array_index (member->memberships, 0))->org;

      key = mock_state_add_api_key (state, org, member);
      key->created_at = mock_rng_between (rng, member->created_at, state->seed_now - HOUR);
    }
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static MockMember *
random_member_of (MockState *state,
                  MockRng   *rng,
                  MockOrg   *org)
{
  MockMembership *membership;

  if (org->memberships->len == 0)
    return state->admin;
  membership = g_ptr_array_index (org->memberships, mock_rng_range (rng, org->memberships->len));
  return membership->member;
}

static void
seed_sessions (MockState *state,
               MockRng   *rng)
{
  guint n = state->options.sessions;
  gint64 current_start = mock_state_cycle_start (state, state->seed_now);
  gint64 span = MAX (state->seed_now - 10 * 60 - state->enterprise_start, 1);
  guint min_current = MIN (n, state->orgs->len);
  guint n_current = 0;
  g_autofree gint64 *times = g_new (gint64, MAX (n, 1));
  guint first_current;

  /* An enterprise that grows: the density of sessions rises from 1/2 to 3/2 of the average
   * between its start and now (half drawn uniformly, half with a linearly rising density), so
   * a cycle compares with the one before it as a real one would. */
  for (guint i = 0; i < n; i++)
    {
      double u = mock_rng_double (rng);
      double x = mock_rng_chance (rng, 0.5) ? u : sqrt (u);

      times[i] = state->enterprise_start + (gint64) (x * (double) span);
    }
  qsort (times, n, sizeof (gint64), compare_gint64);

  for (guint i = 0; i < n; i++)
    if (times[i] >= current_start)
      n_current++;

  /* Every organization gets some of the current cycle's sessions: move the latest earlier
   * sessions into the cycle when it has too few. */
  for (guint i = n - n_current; n_current < min_current && i > 0; i--, n_current++)
    times[i - 1] = mock_rng_between (rng, current_start, state->seed_now - 10 * 60);
  qsort (times, n, sizeof (gint64), compare_gint64);
  first_current = n - n_current;

  for (guint i = 0; i < n; i++)
    {
      MockSession *session = g_new0 (MockSession, 1);
      guint64 id = mock_mix64 (i + SALT_SESSION * 0x10000ULL + state->options.seed);
      guint component, title_template, prompt_template;
      gint64 age = state->seed_now - times[i];
      double r;

      session->index = i;
      session->session_id = g_strdup_printf ("devin-%016" G_GINT64_MODIFIER "x", id);
      session->created_at = times[i];

      /* Every organization gets some of the current cycle's sessions. */
      if (i >= first_current && i - first_current < state->orgs->len)
        session->org = g_ptr_array_index (state->orgs, i - first_current);
      else
        session->org = random_org (state, rng);
      session->user = random_member_of (state, rng, session->org);

      session_topic (state, session, &component, &title_template, &prompt_template);
      session->title = g_strdup_printf (mock_title_templates[title_template],
                                        mock_components[component]);

      r = mock_rng_double (rng);
      if (age < 3 * HOUR)
        session->status = r < 0.5 ? "running" : r < 0.65 ? "new" : r < 0.75 ? "claimed"
                        : r < 0.85 ? "resuming" : "suspended";
      else
        session->status = r < 0.74 ? "exit" : r < 0.83 ? "error" : "suspended";

      session->n_tags = mock_rng_range (rng, MOCK_MAX_TAGS + 1);
      for (guint t = 0; t < session->n_tags; t++)
        session->tags[t] = mock_session_tags[(component + t * 5 + mock_rng_range (rng, 3)) %
                                             mock_n_session_tags];
      if (session->n_tags == 2 && session->tags[0] == session->tags[1])
        session->n_tags = 1;

      if (strcmp (session->status, "exit") == 0)
        session->n_prs = mock_rng_chance (rng, 0.6) ? (mock_rng_chance (rng, 0.15) ? 2 : 1) : 0;
      else if (strcmp (session->status, "error") == 0 || strcmp (session->status, "running") == 0)
        session->n_prs = mock_rng_chance (rng, 0.1) ? 1 : 0;
      for (guint p = 0; p < session->n_prs; p++)
        {
          MockPullRequest *pr = &session->prs[p];
          double s = mock_rng_double (rng);

          pr->number = 100 + mock_rng_range (rng, 4000);
          pr->repo = mock_repos[mock_rng_range (rng, mock_n_repos)];
          pr->host = "github.com";
          if (strcmp (session->status, "running") == 0)
            pr->state = "open";
          else
            pr->state = s < 0.55 ? "merged" : s < 0.8 ? "open" : s < 0.95 ? "closed" : NULL;
        }

      if (strcmp (session->status, "exit") == 0)
        session->acus_centi = 40 + mock_rng_range (rng, 600) +
                              (mock_rng_chance (rng, 0.3) ? mock_rng_range (rng, 2600) : 0);
      else if (strcmp (session->status, "error") == 0)
        session->acus_centi = 10 + mock_rng_range (rng, 400);
      else
        session->acus_centi = 5 + mock_rng_range (rng, 300);

      session->updated_at = MIN (session->created_at + mock_rng_between (rng, 5 * 60, 6 * HOUR),
                                 state->seed_now);
      session->has_analysis = (strcmp (session->status, "exit") == 0 ||
                               strcmp (session->status, "error") == 0 ||
                               strcmp (session->status, "suspended") == 0) &&
                              mock_rng_chance (rng, 0.85);

      session->user->sessions_created++;
      g_ptr_array_add (state->sessions, session);
    }
}

static void
seed_searches (MockState *state,
               MockRng   *rng)
{
  guint n = state->options.sessions * 3 / 2;
  gint64 current_start = mock_state_cycle_start (state, state->seed_now);
  g_autofree gint64 *times = g_new (gint64, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    times[i] = mock_rng_chance (rng, 0.35) || current_start <= state->enterprise_start
             ? mock_rng_between (rng, current_start, state->seed_now - 60)
             : mock_rng_between (rng, state->enterprise_start, current_start - 1);
  qsort (times, n, sizeof (gint64), compare_gint64);

  g_array_set_size (state->searches, n);
  for (guint i = 0; i < n; i++)
    {
      MockSearch *search = &g_array_index (state->searches, MockSearch, i);
      MockMember *member = random_member (state, rng);

      search->created_at = times[i];
      search->user = member;
      search->org = state->primary;
      if (member->memberships->len > 0)
        {
          guint pick = mock_rng_range (rng, member->memberships->len);
          search->org = ((MockMembership *) g_ptr_array_index (member->memberships, pick))->org;
        }
      member->searches_created++;
    }
}

/* ACU limits chosen so that the current cycle's usage of limited organizations lands near 50 %,
 * between 80 and 100 %, and over 100 %. */
static void
seed_limits (MockState *state)
{
  static const double targets[] = { 0.52, 0.9, 1.18, 0.47, 0.0 };
  gint64 current_start = mock_state_cycle_start (state, state->seed_now);
  g_autoptr(GHashTable) usage = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < state->sessions->len; i++)
    {
      MockSession *session = g_ptr_array_index (state->sessions, i);
      gint64 *sum;

      if (session->created_at < current_start)
        continue;
      sum = g_hash_table_lookup (usage, session->org);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (usage, session->org, sum);
        }
      *sum += session->acus_centi;
    }

  for (guint i = 1; i < state->orgs->len; i++)
    {
      MockOrg *org = g_ptr_array_index (state->orgs, i);
      double target = targets[(i - 1) % G_N_ELEMENTS (targets)];
      gint64 *sum = g_hash_table_lookup (usage, org);
      double used = sum != NULL ? *sum / 100.0 : 0.0;

      if (target <= 0.0)
        continue;

      if (used <= 0.0)
        org->max_cycle_acu_limit = 500;
      else if (target > 1.0)
        org->max_cycle_acu_limit = MAX ((gint64) (used / target), 1);
      else
        org->max_cycle_acu_limit = MAX ((gint64) (used / target + 0.999), 1);

      if ((i - 1) % G_N_ELEMENTS (targets) < 2)
        org->max_session_acu_limit = 40;
      else if ((i - 1) % G_N_ELEMENTS (targets) == 2)
        org->max_session_acu_limit = 25;
    }

  /* The sums were allocated one by one. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, usage);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_free (value);
  }
}

static void
seed_audit (MockState *state,
            MockRng   *rng)
{
  guint n = state->options.audit_events;
  gint64 window_start = MAX (state->enterprise_start, state->seed_now - 84 * DAY);
  double slot = n > 0 ? (double) (state->seed_now - 60 - window_start) / n : 0;
  g_autoptr(GString) scratch = g_string_sized_new (128);

  for (guint i = 0; i < n; i++)
    {
      gint64 t = window_start + (gint64) (slot * i) + (gint64) (mock_rng_double (rng) * slot);

      add_random_audit_at (state, rng, MIN (t, state->seed_now - 60), scratch);
    }
}

static void
seed_playbooks_and_snapshots (MockState *state)
{
  static const struct
  {
    const char *title;
    const char *macro;
    const char *body;
  } playbooks[] = {
    { "Release notes", "!release-notes",
      "Collect the pull requests merged since the last tag, group them by area and write "
      "release notes in Markdown." },
    { "Dependency upgrade", "!deps",
      "Upgrade one dependency at a time, run the full test suite after each and open one "
      "pull request per upgrade." },
    { "Flaky test triage", NULL,
      "Run the test 50 times, record failures, find the shared cause and fix it." },
    { "New service checklist", "!new-service",
      "Create the repository from the template, set up CI, add health checks and dashboards." },
    { "Incident follow-up", NULL,
      "Read the incident notes, write the timeline and file tickets for each action item." },
  };
  gint64 now = state->seed_now;

  for (guint i = 0; i < G_N_ELEMENTS (playbooks); i++)
    {
      MockMember *author = g_ptr_array_index (state->members, i % state->members->len);
      MockPlaybook *playbook = mock_state_add_playbook (state, playbooks[i].title,
                                                        playbooks[i].body, playbooks[i].macro,
                                                        author);

      playbook->created_at = now - (40 - i * 5) * DAY;
      playbook->updated_at = now - (10 - i) * DAY;
      playbook->access = i == 2 ? "community" : "team";
    }

  for (guint i = 0; i < state->orgs->len; i++)
    {
      MockOrg *org = g_ptr_array_index (state->orgs, i);
      char date[16];
      g_autofree char *name = NULL;
      MockSnapshot *snapshot;

      mock_format_day ((now - (i + 3) * DAY) / DAY, date);
      name = g_strdup_printf ("Base image %s", date);
      snapshot = mock_state_add_snapshot (state, org, name, "Repositories cloned, dependencies "
                                          "installed", "available");
      snapshot->created_at = now - (i + 3) * DAY;
      snapshot->is_default = TRUE;
    }
}

MockState *
mock_state_new (const DaMockOptions *options)
{
  MockState *state = mock_state_alloc ();
  MockRng rng;
  gint64 current_start;
  gint year;
  guint month, day;

  da_mock_options_copy (&state->options, options);
  state->options.cycles = MAX (options->cycles, 1);

  mock_rng_init (&rng, options->seed);
  mock_rng_init (&state->rng, mock_mix64 (options->seed ^ G_GUINT64_CONSTANT (0xD1CE)));

  state->seed_now = options->now != DA_MOCK_NOW_REAL ? options->now
                                                     : g_get_real_time () / G_USEC_PER_SEC;

  /* The current cycle is some two and a half weeks old. */
  mock_civil_from_days ((state->seed_now - 18 * DAY) / DAY, &year, &month, &day);
  state->anchor_day = MIN ((gint) day, 28);
  current_start = mock_state_cycle_start (state, state->seed_now);
  state->enterprise_start = current_start;
  for (guint i = 1; i < state->options.cycles; i++)
    state->enterprise_start = mock_state_previous_cycle (state, state->enterprise_start);

  state->account_id = g_strdup_printf ("account-%06" G_GINT64_MODIFIER "x",
                                       mock_mix48 (options->seed + 77) & 0xffffff);

  seed_roles (state);
  seed_members (state, &rng);
  seed_orgs (state, &rng);
  seed_groups (state);
  seed_git (state, &rng);
  seed_api_keys (state, &rng);
  seed_sessions (state, &rng);
  seed_searches (state, &rng);
  seed_limits (state);
  seed_audit (state, &rng);
  seed_playbooks_and_snapshots (state);

  return state;
}

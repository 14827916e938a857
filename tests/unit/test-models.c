/* test-models.c: the decoders over fixtures in both dialects, and over hostile input
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <math.h>
#include <string.h>

#include "da-models.h"
#include "da-json-private.h"

typedef gpointer (*DecodeFunc) (JsonObject *object, GError **error);

/* Fixtures */

static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("DA_TEST_FIXTURES");

  if (dir != NULL)
    return g_build_filename (dir, "models", name, NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "fixtures", "models", name, NULL);
}

static JsonNode *
load_fixture (const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_parser_steal_root (parser);
}

/* The @index-th object of the list @member of @root (or of @root itself when it is an array,
 * or @root itself when @member is NULL and it is an object). Borrowed from @root. */
static JsonObject *
fixture_item (JsonNode   *root,
              const char *member,
              guint       index)
{
  JsonArray *array;

  if (member == NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_node_get_object (root);

  if (member == NULL)
    array = json_node_get_array (root);
  else
    array = json_object_get_array_member (json_node_get_object (root), member);

  g_assert_nonnull (array);
  g_assert_cmpuint (index, <, json_array_get_length (array));

  return json_array_get_object_element (array, index);
}

/* A fresh, independent copy of @object, to change in a test. (transfer full) */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  copy = json_from_string (text, NULL);

  return json_node_dup_object (copy);
}

static JsonNode *
parse_value (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* Documented and older shapes */

static void
test_member_documented (void)
{
  g_autoptr(JsonNode) root = load_fixture ("members.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) first = da_member_new_from_json (fixture_item (root, "items", 0), &error);
  g_autoptr(DaMember) second = NULL;
  g_autofree char *email = NULL;
  gint64 created_at;

  g_assert_no_error (error);
  g_assert_cmpstr (da_member_get_user_id (first), ==, "user-7c41e2");
  g_assert_cmpstr (da_member_get_email (first), ==, "maren@example.com");
  g_assert_cmpstr (da_member_get_name (first), ==, "Maren Solberg");
  g_assert_cmpstr (da_member_get_enterprise_role (first), ==, "account_admin");
  g_assert_cmpint (da_member_get_created_at (first), ==, 1736847000);
  g_assert_cmpint (da_member_get_last_login (first), ==, 1755670365);
  g_assert_cmpint (da_member_get_login_count (first), ==, 142);
  g_assert_cmpstr (da_member_get_saml_id (first), ==, "maren.solberg");
  g_assert_cmpint (da_member_get_sessions_created_count (first), ==, 58);
  g_assert_cmpint (da_member_get_searches_created_count (first), ==, 9);

  /* Roles are shared between instances. */
  g_assert_true (da_member_get_enterprise_role (first) == g_intern_static_string ("account_admin"));

  g_object_get (first, "email", &email, "created-at", &created_at, NULL);
  g_assert_cmpstr (email, ==, "maren@example.com");
  g_assert_cmpint (created_at, ==, 1736847000);

  second = da_member_new_from_json (fixture_item (root, "items", 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_member_get_name (second), ==, "Tomás Ferreira");
  g_assert_cmpint (da_member_get_last_login (second), ==, DA_TIME_UNSET);
  g_assert_cmpint (da_member_get_login_count (second), ==, DA_UNSET);
  g_assert_null (da_member_get_saml_id (second));
  g_assert_cmpint (da_member_get_sessions_created_count (second), ==, 0);
}

/* The keys a list searches and sorts by: folded once, kept with the member. */
static void
test_member_keys (void)
{
  static const char *json[] = {
    "{\"user_id\": \"u1\", \"email\": \"Zoe.Quist@Example.COM\", \"enterprise_role\": \"member\", \"name\": \"Zo\u00eb Qu\u00efst\"}",
    "{\"user_id\": \"u2\", \"email\": \"adam@example.com\", \"enterprise_role\": \"member\", \"name\": \"\u00c5sa Berg\"}",
    "{\"user_id\": \"u3\", \"email\": \"no.name@example.com\", \"enterprise_role\": \"member\", \"name\": \"\"}",
  };
  DaMember *members[G_N_ELEMENTS (json)];
  g_autofree char *folded = da_member_fold_for_search ("  ZO\xc3\x8b ");
  g_autofree char *not_utf8 = da_member_fold_for_search ("\xff\xfe");

  for (guint i = 0; i < G_N_ELEMENTS (json); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (json[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (node);
      members[i] = da_member_new_from_json (json_node_get_object (node), &error);
      g_assert_no_error (error);
    }

  /* Marks go, case folds: "zoe" finds "Zoë". */
  g_assert_cmpstr (folded, ==, "  zoe ");
  g_assert_cmpstr (not_utf8, ==, "");
  g_assert_cmpstr (da_member_get_search_text (members[0]), ==, "zoe quist zoe.quist@example.com");
  g_assert_cmpstr (da_member_get_search_text (members[1]), ==, "asa berg adam@example.com");
  g_assert_cmpstr (da_member_get_search_text (members[2]), ==, " no.name@example.com");
  g_assert_cmpstr (da_member_get_email_key (members[0]), ==, "zoe.quist@example.com");
  g_assert_cmpstr (da_member_get_name_key (members[2]), ==, "");

  /* Made once: the same text every time. */
  g_assert_true (da_member_get_search_text (members[0]) == da_member_get_search_text (members[0]));
  g_assert_true (da_member_get_name_key (members[1]) == da_member_get_name_key (members[1]));

  /* The name key sorts as the locale collates names, not by bytes: no name first. */
  g_assert_cmpint (strcmp (da_member_get_name_key (members[2]),
                           da_member_get_name_key (members[0])), <, 0);

  for (guint i = 0; i < G_N_ELEMENTS (json); i++)
    g_object_unref (members[i]);
}

static void
test_member_examples (void)
{
  g_autoptr(JsonNode) root = load_fixture ("members-examples.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = da_member_new_from_json (fixture_item (root, "members", 1), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (da_member_get_user_id (member), ==, "user-0a9d37");
  g_assert_cmpstr (da_member_get_enterprise_role (member), ==, "account_member");
  g_assert_cmpint (da_member_get_created_at (member), ==, DA_TIME_UNSET);
  g_assert_cmpint (da_member_get_login_count (member), ==, DA_UNSET);
  g_assert_cmpint (da_member_get_sessions_created_count (member), ==, 0);
}

static void
test_org_membership (void)
{
  g_autoptr(JsonNode) root = load_fixture ("member-organizations.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaOrgMembership) first = NULL;
  g_autoptr(DaOrgMembership) second = NULL;

  first = da_org_membership_new_from_json (fixture_item (root, "items", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_org_membership_get_user_id (first), ==, "user-7c41e2");
  g_assert_cmpstr (da_org_membership_get_email (first), ==, "maren@example.com");
  g_assert_cmpstr (da_org_membership_get_name (first), ==, "Maren Solberg");
  g_assert_cmpstr (da_org_membership_get_org_id (first), ==, "org-31d0aa57");
  g_assert_cmpstr (da_org_membership_get_org_name (first), ==, "Checkout");
  g_assert_cmpstr (da_org_membership_get_org_role (first), ==, "org_admin");
  g_assert_cmpstr (da_org_membership_get_org_role_name (first), ==, "Admin");
  g_assert_cmpstr (da_org_membership_get_enterprise_role (first), ==, "account_admin");

  second = da_org_membership_new_from_json (fixture_item (root, "items", 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_org_membership_get_org_role (second), ==, "org_member");
  g_assert_null (da_org_membership_get_org_role_name (second));
  g_assert_null (da_org_membership_get_enterprise_role (second));
}

static void
test_roles (void)
{
  g_autoptr(JsonNode) root = load_fixture ("roles.json");
  JsonArray *roles = json_node_get_array (root);
  const char *expected_ids[] = {
    "account_admin", "account_member", "org_admin", "org_member", "role-5a0c93"
  };
  gboolean expected_enterprise[] = { TRUE, TRUE, FALSE, FALSE, TRUE };

  g_assert_cmpuint (json_array_get_length (roles), ==, G_N_ELEMENTS (expected_ids));

  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DaRole) role = da_role_new_from_json (json_array_get_object_element (roles, i),
                                                       &error);

      g_assert_no_error (error);
      g_assert_cmpstr (da_role_get_role_id (role), ==, expected_ids[i]);
      g_assert_cmpint (da_role_is_enterprise_role (role), ==, expected_enterprise[i]);
      g_assert_cmpint (da_role_is_org_role (role), ==, !expected_enterprise[i]);
    }
}

static void
test_organizations (void)
{
  g_autoptr(JsonNode) root = load_fixture ("organizations.json");
  g_autoptr(JsonNode) older = load_fixture ("organization-examples.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaOrganization) limited = NULL;
  g_autoptr(DaOrganization) unlimited = NULL;
  g_autoptr(DaOrganization) created = NULL;

  limited = da_organization_new_from_json (fixture_item (root, "items", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_organization_get_org_id (limited), ==, "org-31d0aa57");
  g_assert_cmpstr (da_organization_get_org_name (limited), ==, "Checkout");
  g_assert_cmpint (da_organization_get_created_at (limited), ==, 1737373500);
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (limited), ==, 2400);
  g_assert_cmpint (da_organization_get_max_session_acu_limit (limited), ==, 60);
  g_assert_cmpint (da_organization_get_org_admin_count (limited), ==, 3);
  g_assert_cmpint (da_organization_get_org_member_count (limited), ==, 21);
  g_assert_cmpint (da_organization_get_org_user_count (limited), ==, 24);

  unlimited = da_organization_new_from_json (fixture_item (root, "items", 1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_organization_get_created_at (unlimited), ==, DA_TIME_UNSET);
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (unlimited), ==, DA_UNSET);
  g_assert_cmpint (da_organization_get_max_session_acu_limit (unlimited), ==, DA_UNSET);

  /* The examples page: {"id", "name", "acu_limit"} */
  created = da_organization_new_from_json (json_node_get_object (older), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_organization_get_org_id (created), ==, "org-5f2b9c10");
  g_assert_cmpstr (da_organization_get_org_name (created), ==, "Mobile Apps");
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (created), ==, 900);
  g_assert_cmpint (da_organization_get_org_user_count (created), ==, 0);
}

static void
test_org_groups (void)
{
  g_autoptr(JsonNode) root = load_fixture ("organization-groups.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaOrgGroup) group = da_org_group_new_from_json (fixture_item (root, "items", 1),
                                                            &error);

  g_assert_no_error (error);
  g_assert_cmpstr (da_org_group_get_group_name (group), ==, "okta-checkout-leads");
  g_assert_cmpstr (da_org_group_get_org_id (group), ==, "org-31d0aa57");
  g_assert_cmpstr (da_org_group_get_role (group), ==, "admin");
}

static void
test_idp_groups (void)
{
  g_autoptr(JsonNode) root = load_fixture ("groups.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaIdpGroup) linked = NULL;
  g_autoptr(DaIdpGroup) unlinked = NULL;
  g_auto(GStrv) org_ids = NULL;
  const char * const *ids;

  linked = da_idp_group_new_from_json (fixture_item (root, "items", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_idp_group_get_group_name (linked), ==, "okta-platform");
  g_assert_cmpint (da_idp_group_get_org_count (linked), ==, 2);

  /* Sorted by org_id, whatever the server's order */
  ids = da_idp_group_get_org_ids (linked);
  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length ((GStrv) ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "org-31d0aa57");
  g_assert_cmpstr (ids[1], ==, "org-88e61f02");
  g_assert_cmpstr (da_idp_group_get_role_for_org (linked, "org-31d0aa57"), ==, "org_admin");
  g_assert_cmpstr (da_idp_group_get_role_for_org (linked, "org-88e61f02"), ==, "org_member");
  g_assert_null (da_idp_group_get_role_for_org (linked, "org-00000000"));
  g_assert_null (da_idp_group_get_role_for_org (linked, NULL));

  g_object_get (linked, "org-ids", &org_ids, NULL);
  g_assert_cmpstrv (org_ids, ids);

  unlinked = da_idp_group_new_from_json (fixture_item (root, "items", 1), &error);
  g_assert_no_error (error);
  g_assert_null (da_idp_group_get_org_ids (unlinked));
  g_assert_cmpint (da_idp_group_get_org_count (unlinked), ==, 0);
  g_assert_null (da_idp_group_get_role_for_org (unlinked, "org-31d0aa57"));
}

static void
test_git_connections (void)
{
  g_autoptr(JsonNode) root = load_fixture ("git-connections.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaGitConnection) github = NULL;
  g_autoptr(DaGitConnection) gitlab = NULL;

  github = da_git_connection_new_from_json (fixture_item (root, "items", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_git_connection_get_connection_id (github), ==, "conn-gh-7f01");
  g_assert_cmpstr (da_git_connection_get_name (github), ==, "GitHub (example-co)");
  g_assert_cmpstr (da_git_connection_get_host (github), ==, "github.com");
  g_assert_cmpstr (da_git_connection_get_connection_type (github), ==, "github_app");
  g_assert_cmpint (da_git_connection_get_created_at (github), ==, 1736928000);

  /* An unknown type is kept as it is; an offset is applied. */
  gitlab = da_git_connection_new_from_json (fixture_item (root, "items", 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_git_connection_get_connection_type (gitlab), ==, "some_future_type");
  g_assert_cmpint (da_git_connection_get_created_at (gitlab), ==, 1740904200);
}

static void
test_git_permissions (void)
{
  g_autoptr(JsonNode) root = load_fixture ("git-permissions.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaGitPermission) repo = NULL;
  g_autoptr(DaGitPermission) group = NULL;
  g_autoptr(DaGitPermission) prefix = NULL;
  g_autofree char *display_path = NULL;

  repo = da_git_permission_new_from_json (fixture_item (root, "items", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_git_permission_get_permission_id (repo), ==, "perm-a1f3");
  g_assert_cmpstr (da_git_permission_get_host (repo), ==, "github.com");
  g_assert_cmpstr (da_git_permission_get_repo_path (repo), ==, "example-co/payments-api");
  g_assert_null (da_git_permission_get_group_prefix (repo));
  g_assert_null (da_git_permission_get_prefix_path (repo));
  g_assert_false (da_git_permission_is_group (repo));
  g_assert_cmpstr (da_git_permission_get_display_path (repo), ==, "example-co/payments-api");

  group = da_git_permission_new_from_json (fixture_item (root, "items", 1), &error);
  g_assert_no_error (error);
  g_assert_true (da_git_permission_is_group (group));
  g_assert_cmpstr (da_git_permission_get_display_path (group), ==, "platform/infra");
  g_object_get (group, "display-path", &display_path, NULL);
  g_assert_cmpstr (display_path, ==, "platform/infra");

  prefix = da_git_permission_new_from_json (fixture_item (root, "items", 2), &error);
  g_assert_no_error (error);
  g_assert_false (da_git_permission_is_group (prefix));
  g_assert_cmpstr (da_git_permission_get_display_path (prefix), ==, "platform/tools");
}

static void
test_grant_results (void)
{
  g_autoptr(JsonNode) root = load_fixture ("grant.json");
  g_autoptr(JsonNode) older = load_fixture ("grant-older.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaGrantResult) result = NULL;
  g_autoptr(DaGrantResult) old_result = NULL;
  const char * const expected[] = { "perm-d410", "perm-e552", NULL };

  result = da_grant_result_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (da_grant_result_get_permission_ids (result), expected);
  g_assert_cmpstr (da_grant_result_lookup_name (result, "perm-d410"), ==,
                   "example-co/payments-api");
  g_assert_cmpstr (da_grant_result_lookup_name (result, "perm-e552"), ==, "platform");
  g_assert_null (da_grant_result_lookup_name (result, "perm-0000"));
  g_assert_null (da_grant_result_lookup_name (result, NULL));

  old_result = da_grant_result_new_from_json (json_node_get_object (older), &error);
  g_assert_no_error (error);
  g_assert_nonnull (da_grant_result_get_permission_ids (old_result));
  g_assert_null (da_grant_result_get_permission_ids (old_result)[0]);
  g_assert_null (da_grant_result_lookup_name (old_result, "perm-d410"));
}

static void
test_api_keys (void)
{
  g_autoptr(JsonNode) root = load_fixture ("api-keys.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaApiKey) service = NULL;
  g_autoptr(DaApiKey) personal = NULL;
  g_autoptr(DaApiKey) derived = NULL;
  g_autoptr(JsonObject) without_flag = NULL;

  service = da_api_key_new_from_json (fixture_item (root, "items", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_api_key_get_id (service), ==, "apk-3e9b1c0d7a2f4e6b8c1d2e3f4a5b6c7d");
  g_assert_cmpstr (da_api_key_get_org_id (service), ==, "org-31d0aa57");
  g_assert_cmpstr (da_api_key_get_org_name (service), ==, "Checkout");
  g_assert_null (da_api_key_get_user_id (service));
  g_assert_null (da_api_key_get_user_email (service));
  g_assert_true (da_api_key_get_is_service_key (service));
  g_assert_cmpint (da_api_key_get_created_at (service), ==, 1746969600);

  personal = da_api_key_new_from_json (fixture_item (root, "items", 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_api_key_get_user_email (personal), ==, "maren@example.com");
  g_assert_false (da_api_key_get_is_service_key (personal));

  /* Without the flag, a key with no user is a service key. */
  without_flag = copy_object (fixture_item (root, "items", 0));
  json_object_remove_member (without_flag, "is_service_key");
  derived = da_api_key_new_from_json (without_flag, &error);
  g_assert_no_error (error);
  g_assert_true (da_api_key_get_is_service_key (derived));
}

static void
test_audit_events (void)
{
  g_autoptr(JsonNode) root = load_fixture ("audit-logs.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaAuditEvent) first = NULL;
  g_autoptr(DaAuditEvent) second = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonNode) original = NULL;
  JsonObject *data_object;

  first = da_audit_event_new_from_json (fixture_item (root, "audit_logs", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_audit_event_get_audit_log_id (first), ==, "audit-6b1e07d2");
  g_assert_cmpstr (da_audit_event_get_action (first), ==, "create_org");
  g_assert_cmpint (da_audit_event_get_created_at (first), ==, 1755525753);
  g_assert_cmpstr (da_audit_event_get_user_id (first), ==, "user-7c41e2");
  g_assert_cmpstr (da_audit_event_get_user_email (first), ==, "maren@example.com");
  g_assert_cmpstr (da_audit_event_get_org_id (first), ==, "org-5f2b9c10");
  g_assert_null (da_audit_event_get_service_user_name (first));

  /* Compact JSON text, in the server's order, escaped as JSON wants */
  g_assert_cmpstr (da_audit_event_get_data_json (first), ==,
                   "{\"org_name\":\"Mobile Apps\",\"acu_limit\":900,\"tags\":[\"a\",\"b\"],"
                   "\"ratio\":0.25,\"note\":\"quote \\\" backslash \\\\ newline \\n tab \\t "
                   "ünïcode\",\"flag\":true,\"none\":null}");

  /* … and parsed again on demand, equal to what the server sent */
  data = da_audit_event_dup_data (first);
  g_assert_nonnull (data);
  original = json_node_copy (json_object_get_member (fixture_item (root, "audit_logs", 0),
                                                     "data"));
  g_assert_true (json_node_equal (data, original));

  /* The copy is the caller's to change. */
  data_object = json_node_get_object (data);
  json_object_set_string_member (data_object, "org_name", "Changed");
  g_assert_nonnull (strstr (da_audit_event_get_data_json (first), "Mobile Apps"));

  second = da_audit_event_new_from_json (fixture_item (root, "audit_logs", 1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_audit_event_get_created_at (second), ==, 1755525540);
  g_assert_null (da_audit_event_get_user_id (second));
  g_assert_null (da_audit_event_get_org_id (second));
  g_assert_cmpstr (da_audit_event_get_service_user_name (second), ==, "ci-bot");
  g_assert_null (da_audit_event_get_data_json (second));
  g_assert_null (da_audit_event_dup_data (second));
}

/* The actor is shared between events, and outlives the first of them. */
static void
test_audit_events_shared_actor (void)
{
  g_autoptr(JsonNode) root = load_fixture ("audit-logs.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) other = copy_object (fixture_item (root, "audit_logs", 0));
  DaAuditEvent *first;
  DaAuditEvent *second;

  json_object_set_string_member (other, "audit_log_id", "audit-other");
  first = da_audit_event_new_from_json (fixture_item (root, "audit_logs", 0), &error);
  g_assert_no_error (error);
  second = da_audit_event_new_from_json (other, &error);
  g_assert_no_error (error);

  g_assert_true (da_audit_event_get_user_email (first) == da_audit_event_get_user_email (second));
  g_assert_true (da_audit_event_get_user_id (first) == da_audit_event_get_user_id (second));

  g_assert_finalize_object (first);
  g_assert_cmpstr (da_audit_event_get_user_email (second), ==, "maren@example.com");
  g_assert_cmpstr (da_audit_event_get_user_id (second), ==, "user-7c41e2");
  g_assert_finalize_object (second);
}

/* Groups of texts are told apart by every text and by which are NULL; the table keeps them
 * through growth and through removals in any order. */
/* Interned strings come out as g_intern_string() gives them, whether the decoding thread's
 * own table of recent ones has them or not: strings of every length, strings that differ only in
 * the middle (their ends, which pick the table's slot, are the same), the same strings again in
 * another order, and from another thread. */
static const char *
pack_interned (const char *value,
               gboolean    at_offset)
{
  DaStringPack pack;
  const char *dest = NULL;
  gpointer block;

  da_string_pack_init (&pack);
  if (at_offset)
    {
      gsize offset = da_string_pack_reserve (&pack, sizeof (const char *));

      da_string_pack_add_interned_at (&pack, offset, value);
      block = da_string_pack_finish (&pack);
      memcpy (&dest, (char *) block + offset, sizeof dest);
    }
  else
    {
      da_string_pack_add_interned (&pack, &dest, value);
      block = da_string_pack_finish (&pack);
    }
  g_free (block);

  return dest;
}

static GPtrArray *
interned_samples (void)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (values, g_strdup (""));
  g_ptr_array_add (values, g_strdup ("a"));
  g_ptr_array_add (values, g_strdup ("login"));
  g_ptr_array_add (values, g_strdup ("create_session"));
  g_ptr_array_add (values, g_strdup ("update_session"));
  for (guint i = 0; i < 300; i++)
    {
      /* Same first and last eight bytes, another middle. */
      g_ptr_array_add (values, g_strdup_printf ("org-aaaa%06uzzzzzzzz", i));
      g_ptr_array_add (values, g_strdup_printf ("r%u", i));
    }

  return values;
}

static gpointer
check_interned_thread (gpointer data)
{
  GPtrArray *values = data;

  for (guint i = values->len; i > 0; i--)
    {
      const char *value = g_ptr_array_index (values, i - 1);

      if (pack_interned (value, i % 2) != g_intern_string (value))
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

static void
test_string_pack_interned (void)
{
  g_autoptr(GPtrArray) values = interned_samples ();

  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < values->len; i++)
      {
        guint k = round == 1 ? values->len - 1 - i : (i * 7 + round) % values->len;
        const char *value = g_ptr_array_index (values, k);
        const char *interned = pack_interned (value, (i + round) % 2);

        g_assert_true (interned == g_intern_string (value));
        g_assert_cmpstr (interned, ==, value);
      }

  /* An alternation of two strings whose ends are the same, over and over. */
  for (guint i = 0; i < 20; i++)
    {
      const char *value = g_ptr_array_index (values, 5 + 2 * (i % 2));

      g_assert_true (pack_interned (value, FALSE) == g_intern_string (value));
    }

  {
    GThread *thread = g_thread_new ("interning", check_interned_thread, values);

    g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  }

  /* Longer than what is interned: a copy in the block, not an interned string. */
  {
    g_autofree char *long_value = g_strnfill (200, 'x');
    DaStringPack pack;
    const char *dest;
    g_autofree char *block = NULL;

    da_string_pack_init (&pack);
    da_string_pack_add_interned (&pack, &dest, long_value);
    block = da_string_pack_finish (&pack);
    g_assert_true (dest == block);
    g_assert_cmpstr (dest, ==, long_value);
  }
}

/* Groups looked up in a batch are the ones looked up alone: the same group for the same texts
 * (twice in the batch, or shared before), NULL for none; a batch let go without its lookups
 * shares nothing. */
static void
test_shared_texts_batch (void)
{
  g_autoptr(DaSharedTextsBatch) batch = da_shared_texts_batch_new ();
  const DaSharedTexts *before_batch, *dests[600], *unused[3];
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *shared[] = { "user-shared", "shared@example.com", NULL };
  const char *nothing[] = { NULL, NULL, NULL };
  guint before = _da_shared_texts_count ();

  before_batch = da_shared_texts_ref (shared, 3);

  /* Many groups, past the batch's look-ahead, some several times, the table growing meanwhile. */
  for (guint i = 0; i < G_N_ELEMENTS (dests); i++)
    {
      guint person = (i * 13) % 257;
      g_autofree char *email = g_strdup_printf ("person%u@example.com", person);
      char *id = g_strdup_printf ("user-%u", person);
      const char *values[] = { id, person % 4 == 0 ? NULL : email, person % 9 == 0 ? "bot" : NULL };

      g_ptr_array_add (ids, id);
      if (i == 100)
        da_shared_texts_batch_add (batch, shared, 3, &dests[i]);
      else if (i == 101)
        da_shared_texts_batch_add (batch, nothing, 3, &dests[i]);
      else
        da_shared_texts_batch_add (batch, values, 3, &dests[i]);
      /* Nothing until the flush; the texts were copied. */
      g_assert_null (dests[i]);
    }
  g_assert_cmpuint (_da_shared_texts_count (), ==, before + 1);
  da_shared_texts_batch_flush (batch);

  g_assert_true (dests[100] == before_batch);
  g_assert_null (dests[101]);
  for (guint i = 0; i < G_N_ELEMENTS (dests); i++)
    {
      guint person = (i * 13) % 257;
      g_autofree char *email = g_strdup_printf ("person%u@example.com", person);
      g_autofree char *id = g_strdup_printf ("user-%u", person);
      const char *values[] = { id, person % 4 == 0 ? NULL : email, person % 9 == 0 ? "bot" : NULL };
      const DaSharedTexts *alone;

      if (i == 100 || i == 101)
        continue;
      alone = da_shared_texts_ref (values, 3);
      g_assert_true (alone == dests[i]);
      g_assert_cmpstr (da_shared_texts_get (dests[i], 0), ==, id);
      g_assert_cmpstr (da_shared_texts_get (dests[i], 1), ==, values[1]);
      g_assert_cmpstr (da_shared_texts_get (dests[i], 2), ==, values[2]);
      da_shared_texts_unref (alone);
    }
  /* 257 people and the shared group. */
  g_assert_cmpuint (_da_shared_texts_count (), ==, before + 258);

  /* Let go without its lookups: nothing shared, nothing set. */
  {
    g_autoptr(DaSharedTextsBatch) dropped = da_shared_texts_batch_new ();
    const char *other[] = { "user-dropped", NULL, NULL };

    for (guint i = 0; i < G_N_ELEMENTS (unused); i++)
      da_shared_texts_batch_add (dropped, other, 3, &unused[i]);
  }
  for (guint i = 0; i < G_N_ELEMENTS (unused); i++)
    g_assert_null (unused[i]);
  g_assert_cmpuint (_da_shared_texts_count (), ==, before + 258);

  for (guint i = 0; i < G_N_ELEMENTS (dests); i++)
    da_shared_texts_unref (dests[i]);
  da_shared_texts_unref (before_batch);
  g_assert_cmpuint (_da_shared_texts_count (), ==, before);
}

static void
test_shared_texts (void)
{
  const char *a_b[] = { "a", "b", NULL };
  const char *a_b_again[] = { "a", "b", NULL };
  const char *a_none_b[] = { "a", NULL, "b" };
  const char *none_a_b[] = { NULL, "a", "b" };
  const char *ab[] = { "ab", "", NULL };
  const char *nothing[] = { NULL, NULL, NULL };
  const DaSharedTexts *groups[5];
  g_autoptr(GPtrArray) many = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint before = _da_shared_texts_count ();

  groups[0] = da_shared_texts_ref (a_b, 3);
  groups[1] = da_shared_texts_ref (a_b_again, 3);
  groups[2] = da_shared_texts_ref (a_none_b, 3);
  groups[3] = da_shared_texts_ref (none_a_b, 3);
  groups[4] = da_shared_texts_ref (ab, 3);
  g_assert_true (groups[0] == groups[1]);
  g_assert_true (groups[0] != groups[2] && groups[2] != groups[3] && groups[0] != groups[4]);
  g_assert_null (da_shared_texts_ref (nothing, 3));
  g_assert_cmpuint (_da_shared_texts_count (), ==, before + 4);

  g_assert_cmpstr (da_shared_texts_get (groups[0], 1), ==, "b");
  g_assert_null (da_shared_texts_get (groups[0], 2));
  g_assert_null (da_shared_texts_get (groups[2], 1));
  g_assert_cmpstr (da_shared_texts_get (groups[2], 2), ==, "b");
  g_assert_null (da_shared_texts_get (groups[3], 0));
  g_assert_cmpstr (da_shared_texts_get (groups[4], 0), ==, "ab");
  g_assert_cmpstr (da_shared_texts_get (groups[4], 1), ==, "");
  g_assert_null (da_shared_texts_get (NULL, 0));

  /* Texts of any length: an answer may hold a 100,000-byte address. */
  {
    g_autofree char *long_text = g_strnfill (100000, 'x');
    const char *values[] = { "user-long", long_text, "ci-bot" };
    const DaSharedTexts *group = da_shared_texts_ref (values, 3);

    g_assert_cmpstr (da_shared_texts_get (group, 1), ==, long_text);
    g_assert_cmpstr (da_shared_texts_get (group, 2), ==, "ci-bot");
    da_shared_texts_unref (group);
  }

  /* Enough groups to grow the table several times, each taken twice, let go in random order. */
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("user-%u", i);
      g_autofree char *email = g_strdup_printf ("person%u@example.com", i * 7919);
      const char *values[] = { id, email, i % 3 == 0 ? "ci-bot" : NULL };
      const DaSharedTexts *group = da_shared_texts_ref (values, 3);

      g_assert_true (da_shared_texts_ref (values, 3) == group);
      g_ptr_array_add (many, (gpointer) group);
      g_ptr_array_add (many, (gpointer) group);
    }
  g_assert_cmpuint (_da_shared_texts_count (), ==, before + 4 + 5000);

  for (guint left = many->len; left > 0; left--)
    {
      guint i = g_rand_int_range (rand, 0, (gint32) left);
      const DaSharedTexts *group = g_ptr_array_steal_index_fast (many, i);

      da_shared_texts_unref (group);
      /* Every group still held still reads and is still found. */
      if (left % 997 == 0)
        for (guint k = 0; k < many->len; k++)
          {
            const DaSharedTexts *held = g_ptr_array_index (many, k);
            const char *values[] = { da_shared_texts_get (held, 0), da_shared_texts_get (held, 1),
                                     da_shared_texts_get (held, 2) };
            const DaSharedTexts *found = da_shared_texts_ref (values, 3);

            g_assert_true (found == held);
            da_shared_texts_unref (found);
          }
    }
  g_assert_cmpuint (_da_shared_texts_count (), ==, before + 4);

  da_shared_texts_unref (groups[0]);
  g_assert_cmpuint (_da_shared_texts_count (), ==, before + 4);
  for (guint i = 1; i < G_N_ELEMENTS (groups); i++)
    da_shared_texts_unref (groups[i]);
  g_assert_cmpuint (_da_shared_texts_count (), ==, before);
}

static void
test_audit_events_examples (void)
{
  g_autoptr(JsonNode) root = load_fixture ("audit-logs-examples.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaAuditEvent) first = NULL;
  g_autoptr(DaAuditEvent) second = NULL;

  first = da_audit_event_new_from_json (fixture_item (root, "logs", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_audit_event_get_audit_log_id (first), ==, "audit-6b1e07d2");
  g_assert_cmpint (da_audit_event_get_created_at (first), ==, 1755525753);
  g_assert_cmpstr (da_audit_event_get_user_email (first), ==, "maren@example.com");
  g_assert_cmpstr (da_audit_event_get_data_json (first), ==, "{\"org_name\":\"Mobile Apps\"}");

  /* A bare date is UTC midnight. */
  second = da_audit_event_new_from_json (fixture_item (root, "logs", 1), &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_audit_event_get_created_at (second), ==, 1755388800);
  g_assert_cmpstr (da_audit_event_get_action (second), ==, "login");
}

static void
test_audit_events_unix_seconds (void)
{
  g_autoptr(JsonNode) root = load_fixture ("audit-logs-v3.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaAuditEvent) event = NULL;

  event = da_audit_event_new_from_json (fixture_item (root, "items", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_audit_event_get_created_at (event), ==, 1755525753);
  g_assert_cmpstr (da_audit_event_get_data_json (event), ==, "{}");
}

static void
test_billing_cycles (void)
{
  g_autoptr(JsonNode) root = load_fixture ("cycles.json");
  g_autoptr(JsonNode) older = load_fixture ("cycles-examples.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaBillingCycle) cycle = NULL;
  g_autoptr(DaBillingCycle) old_cycle = NULL;
  g_autoptr(DaBillingCycle) whole = NULL;

  cycle = da_billing_cycle_new_from_json (fixture_item (root, NULL, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_billing_cycle_get_start (cycle), ==, 1749456000);
  g_assert_cmpint (da_billing_cycle_get_end (cycle), ==, 1752048000);
  g_assert_cmpfloat (da_billing_cycle_get_acus_used (cycle), <, 0);
  g_assert_true (da_billing_cycle_contains (cycle, 1749456000));
  g_assert_true (da_billing_cycle_contains (cycle, 1752047999));
  g_assert_false (da_billing_cycle_contains (cycle, 1752048000));
  g_assert_false (da_billing_cycle_contains (cycle, 1749455999));

  old_cycle = da_billing_cycle_new_from_json (fixture_item (older, "cycles", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_billing_cycle_get_start (old_cycle), ==, 1752019200);
  g_assert_cmpint (da_billing_cycle_get_end (old_cycle), ==, 1754697600);
  g_assert_cmpfloat_with_epsilon (da_billing_cycle_get_acus_used (old_cycle), 1873.5, 1e-9);

  /* An integer ACU figure reads as a number too. */
  whole = da_billing_cycle_new_from_json (fixture_item (older, "cycles", 1), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (da_billing_cycle_get_acus_used (whole), 1604, 1e-9);
}

static void
test_consumption (void)
{
  g_autoptr(JsonNode) root = load_fixture ("consumption-daily.json");
  g_autoptr(JsonNode) user_root = load_fixture ("consumption-user.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaConsumption) daily = NULL;
  g_autoptr(DaConsumption) user = NULL;
  g_autoptr(DaConsumption) without_total = NULL;
  g_autoptr(JsonObject) object = NULL;
  const DaConsumptionEntry *entries;
  guint n;

  daily = da_consumption_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (da_consumption_get_total_acus (daily), 640.5, 1e-9);

  entries = da_consumption_get_by_date (daily, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (entries[0].key, ==, "2025-08-09");
  g_assert_cmpfloat_with_epsilon (entries[0].acus, 100, 1e-9);
  g_assert_cmpstr (entries[1].key, ==, "2025-08-10");
  g_assert_cmpstr (entries[2].key, ==, "2025-08-11");
  g_assert_cmpfloat_with_epsilon (entries[2].acus, 210.25, 1e-9);

  entries = da_consumption_get_by_org (daily, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (entries[0].key, ==, "org-31d0aa57");
  g_assert_cmpstr (entries[1].key, ==, "org-88e61f02");

  entries = da_consumption_get_by_user (daily, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (entries[0].key, ==, "user-0a9d37");

  g_assert_cmpfloat_with_epsilon (da_consumption_lookup_date (daily, "2025-08-10"), 330.25, 1e-9);
  g_assert_cmpfloat (da_consumption_lookup_date (daily, "2025-08-12"), ==, 0);
  g_assert_cmpfloat (da_consumption_lookup_date (daily, NULL), ==, 0);
  g_assert_cmpfloat_with_epsilon (da_consumption_lookup_org (daily, "org-88e61f02"), 240.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (da_consumption_lookup_user (daily, "user-7c41e2"), 390, 1e-9);
  g_assert_cmpfloat (da_consumption_lookup_user (daily, "user-none"), ==, 0);

  /* One user's consumption has no per-user map. */
  user = da_consumption_new_from_json (json_node_get_object (user_root), &error);
  g_assert_no_error (error);
  g_assert_null (da_consumption_get_by_user (user, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpfloat (da_consumption_lookup_user (user, "user-7c41e2"), ==, 0);
  g_assert_cmpfloat_with_epsilon (da_consumption_lookup_org (user, "org-31d0aa57"), 390, 1e-9);

  /* A missing total is the sum of the days. */
  object = copy_object (json_node_get_object (root));
  json_object_remove_member (object, "total_acus");
  without_total = da_consumption_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (da_consumption_get_total_acus (without_total), 640.5, 1e-9);

  /* Empty maps give no entries (found by fuzzing: an empty map was sorted from a NULL table,
   * which UndefinedBehaviorSanitizer stops on in the asan setup). */
  {
    g_autoptr(JsonNode) empty_root = parse_value ("{\"total_acus\": 1, \"consumption_by_org_id\": {},"
                                                  " \"consumption_by_date\": {}}");
    g_autoptr(DaConsumption) empty = NULL;

    empty = da_consumption_new_from_json (json_node_get_object (empty_root), &error);
    g_assert_no_error (error);
    entries = da_consumption_get_by_org (empty, &n);
    g_assert_cmpuint (n, ==, 0);
    entries = da_consumption_get_by_date (empty, &n);
    g_assert_cmpuint (n, ==, 0);
    g_assert_cmpfloat (da_consumption_lookup_org (empty, "org-1"), ==, 0);
    g_assert_cmpfloat_with_epsilon (da_consumption_get_total_acus (empty), 1, 1e-9);
  }

  /* A key of more than 64 bytes but fewer than 64 characters is named whole in the error, and
   * one of more than 64 characters is cut after 64 (found by fuzzing: the cut read past the end
   * of a short key of wide characters). */
  {
    struct { guint n; gboolean cut; } keys[] = { { 30, FALSE }, { 64, FALSE }, { 70, TRUE } };

    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_autoptr(GString) key = g_string_new (NULL);
        g_autoptr(GString) shown = NULL;
        g_autofree char *text = NULL;
        g_autofree char *expected = NULL;
        g_autoptr(JsonNode) bad_root = NULL;
        g_autoptr(DaConsumption) bad = NULL;
        g_autoptr(GError) bad_error = NULL;

        for (guint c = 0; c < keys[k].n; c++)
          g_string_append (key, "\u24d0"); /* ⓐ, three bytes in UTF-8 */
        text = g_strdup_printf ("{\"consumption_by_date\": {\"%s\": 1}}", key->str);
        bad_root = parse_value (text);
        bad = da_consumption_new_from_json (json_node_get_object (bad_root), &bad_error);
        g_assert_null (bad);
        g_assert_error (bad_error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE);

        shown = g_string_new (NULL);
        for (guint c = 0; c < MIN (keys[k].n, 64); c++)
          g_string_append (shown, "\u24d0");
        expected = g_strdup_printf ("consumption: \"consumption_by_date.%s%s\" is not a valid date",
                                    shown->str, keys[k].cut ? "\u2026" : "");
        g_assert_cmpstr (bad_error->message, ==, expected);
      }
  }
}

static void
test_usage_metrics (void)
{
  struct {
    const char *fixture;
    gint64 sessions, searches, opened, closed, merged;
  } cases[] = {
    { "metrics-usage.json", 318, 77, 45, 39, 30 },
    { "metrics-usage-older.json", 318, 77, DA_UNSET, DA_UNSET, DA_UNSET },
    { "metrics-prs.json", DA_UNSET, DA_UNSET, 45, 39, 30 },
    { "metrics-sessions.json", 318, DA_UNSET, DA_UNSET, DA_UNSET, DA_UNSET },
    { "metrics-searches.json", DA_UNSET, 77, DA_UNSET, DA_UNSET, DA_UNSET },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = load_fixture (cases[i].fixture);
      g_autoptr(GError) error = NULL;
      g_autoptr(DaUsageMetrics) metrics = NULL;

      metrics = da_usage_metrics_new_from_json (json_node_get_object (root), &error);
      g_assert_no_error (error);
      g_assert_cmpint (da_usage_metrics_get_sessions_count (metrics), ==, cases[i].sessions);
      g_assert_cmpint (da_usage_metrics_get_searches_count (metrics), ==, cases[i].searches);
      g_assert_cmpint (da_usage_metrics_get_prs_opened (metrics), ==, cases[i].opened);
      g_assert_cmpint (da_usage_metrics_get_prs_closed (metrics), ==, cases[i].closed);
      g_assert_cmpint (da_usage_metrics_get_prs_merged (metrics), ==, cases[i].merged);
    }
}

static void
test_sessions (void)
{
  g_autoptr(JsonNode) root = load_fixture ("sessions.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaSession) first = NULL;
  g_autoptr(DaSession) second = NULL;
  const char * const tags[] = { "webhooks", "backend", NULL };
  const DaPullRequest *pull_requests;
  guint n;
  guint n_property;

  first = da_session_new_from_json (fixture_item (root, "items", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_session_get_session_id (first), ==, "devin-4e1a9b7c30");
  g_assert_cmpstr (da_session_get_org_id (first), ==, "org-31d0aa57");
  g_assert_cmpstr (da_session_get_user_id (first), ==, "user-7c41e2");
  g_assert_cmpstr (da_session_get_title (first), ==, "Retry failed webhook deliveries");
  g_assert_cmpstr (da_session_get_status (first), ==, "exit");
  g_assert_cmpstrv (da_session_get_tags (first), tags);
  g_assert_cmpstr (da_session_get_url (first), ==, "https://app.devin.ai/sessions/4e1a9b7c30");
  g_assert_cmpfloat_with_epsilon (da_session_get_acus_consumed (first), 5.75, 1e-9);
  g_assert_cmpint (da_session_get_created_at (first), ==, 1755162720);
  g_assert_cmpint (da_session_get_updated_at (first), ==, 1755168031);
  g_assert_null (da_session_get_initial_user_message (first));
  g_assert_null (da_session_get_analysis (first));

  pull_requests = da_session_get_pull_requests (first, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (pull_requests[0].url, ==,
                   "https://github.com/example-co/payments-api/pull/1204");
  g_assert_cmpstr (pull_requests[0].state, ==, "merged");
  g_assert_cmpstr (pull_requests[1].url, ==,
                   "https://github.com/example-co/payments-api/pull/1207");
  g_assert_null (pull_requests[1].state);
  g_object_get (first, "n-pull-requests", &n_property, NULL);
  g_assert_cmpuint (n_property, ==, 2);

  second = da_session_new_from_json (fixture_item (root, "items", 1), &error);
  g_assert_no_error (error);
  g_assert_null (da_session_get_user_id (second));
  g_assert_null (da_session_get_title (second));
  g_assert_nonnull (da_session_get_tags (second));
  g_assert_null (da_session_get_tags (second)[0]);
  g_assert_null (da_session_get_pull_requests (second, &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_sessions_insights (void)
{
  g_autoptr(JsonNode) root = load_fixture ("sessions-insights.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaSession) session = NULL;
  g_autoptr(JsonObject) source = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonObject) property = NULL;
  g_auto(GStrv) issues = NULL;
  g_auto(GStrv) actions = NULL;
  g_auto(GStrv) timeline = NULL;
  JsonObject *analysis;
  DaFeedbackItem *item;
  gboolean has_analysis;

  /* Decoded from a copy that is changed afterwards: the model must not follow. */
  source = copy_object (fixture_item (root, "items", 0));
  session = da_session_new_from_json (source, &error);
  g_assert_no_error (error);
  json_object_remove_member (json_object_get_object_member (source, "session_analysis"),
                             "issues");
  json_object_set_string_member (source, "initial_user_message", "changed");

  g_assert_cmpstr (da_session_get_initial_user_message (session), ==,
                   "Webhook deliveries that fail should be retried with backoff.");
  g_object_get (session, "has-analysis", &has_analysis, NULL);
  g_assert_true (has_analysis);

  analysis = da_session_get_analysis (session);
  g_assert_nonnull (analysis);
  g_assert_true (analysis == da_session_get_analysis (session));
  g_object_get (session, "analysis", &property, NULL);
  g_assert_true (property == analysis);

  g_assert_cmpstr (da_session_analysis_get_original_prompt (analysis), ==,
                   "Webhook deliveries that fail should be retried with backoff.");
  g_assert_cmpstr (da_session_analysis_get_suggested_prompt (analysis), ==,
                   "Add exponential backoff (max 5 tries) to webhook delivery in payments-api; "
                   "keep the existing tests green.");

  items = da_session_analysis_get_feedback_items (analysis);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->issue_id, ==, "iss-31");
  g_assert_cmpstr (item->summary, ==, "No retry limit given");
  g_assert_cmpstr (item->details, ==, "The prompt did not say how many times to retry.");
  g_assert_cmpstr (item->excerpt, ==, "should be retried");
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (item->issue_id, ==, "iss-32");
  g_assert_null (item->details);

  issues = da_session_analysis_dup_lines (analysis, "issues");
  g_assert_nonnull (issues);
  g_assert_cmpuint (g_strv_length (issues), ==, 4);
  g_assert_cmpstr (issues[0], ==, "Flaky test in CI");
  g_assert_cmpstr (issues[1], ==, "Slow dependency install");
  g_assert_cmpstr (issues[2], ==, "{\"code\":7}");
  g_assert_cmpstr (issues[3], ==, "12");

  actions = da_session_analysis_dup_lines (analysis, "action_items");
  g_assert_cmpuint (g_strv_length (actions), ==, 2);
  g_assert_cmpstr (actions[0], ==, "Document the retry policy");
  g_assert_cmpstr (actions[1], ==, "Add a metric for retries");

  timeline = da_session_analysis_dup_lines (analysis, "timeline");
  g_assert_cmpuint (g_strv_length (timeline), ==, 1);
  g_assert_cmpstr (timeline[0], ==, "Cloned the repository");

  g_assert_null (da_session_analysis_dup_lines (analysis, "no_such_member"));
}

static void
test_sessions_examples (void)
{
  g_autoptr(JsonNode) root = load_fixture ("sessions-examples.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaSession) session = NULL;
  g_auto(GStrv) issues = NULL;
  JsonObject *analysis;

  session = da_session_new_from_json (fixture_item (root, "sessions", 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (da_session_get_session_id (session), ==, "devin-4e1a9b7c30");
  g_assert_null (da_session_get_url (session));

  analysis = da_session_get_analysis (session);
  g_assert_nonnull (analysis);
  g_assert_cmpstr (da_session_analysis_get_suggested_prompt (analysis), ==,
                   "Retry failed webhook deliveries with backoff");
  g_assert_null (da_session_analysis_get_feedback_items (analysis));
  issues = da_session_analysis_dup_lines (analysis, "issues");
  g_assert_cmpstr (issues[0], ==, "Missing retry limit");
}

static void
test_session_analysis_hostile (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *analysis;

  /* No analysis at all */
  g_assert_null (da_session_analysis_get_original_prompt (NULL));
  g_assert_null (da_session_analysis_get_suggested_prompt (NULL));
  g_assert_null (da_session_analysis_get_feedback_items (NULL));
  g_assert_null (da_session_analysis_dup_lines (NULL, "issues"));

  /* Every member of the wrong type */
  node = parse_value ("{\"suggested_prompt\": [1], \"feedback_items\": {\"a\": 1},"
                      " \"issues\": \"one\", \"action_items\": [[1, [2]], true, {\"summary\": 5},"
                      " {\"title\": \"\"}], \"timeline\": 3}");
  analysis = json_node_get_object (node);
  g_assert_null (da_session_analysis_get_original_prompt (analysis));
  g_assert_null (da_session_analysis_get_suggested_prompt (analysis));
  g_assert_null (da_session_analysis_get_feedback_items (analysis));
  g_assert_null (da_session_analysis_dup_lines (analysis, "issues"));
  g_assert_null (da_session_analysis_dup_lines (analysis, "timeline"));
  g_assert_null (da_session_analysis_dup_lines (analysis, NULL));

  lines = da_session_analysis_dup_lines (analysis, "action_items");
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "[1,[2]]");
  g_assert_cmpstr (lines[1], ==, "true");
  g_assert_cmpstr (lines[2], ==, "{\"summary\":5}");
  g_assert_cmpstr (lines[3], ==, "{\"title\":\"\"}");

  /* Feedback items as a string, prompt as a plain string */
  g_clear_pointer (&node, json_node_unref);
  node = parse_value ("{\"suggested_prompt\": \"Do it better\","
                      " \"feedback_items\": [null, 1, {\"summary\": [\"x\"]}]}");
  analysis = json_node_get_object (node);
  g_assert_cmpstr (da_session_analysis_get_suggested_prompt (analysis), ==, "Do it better");
  items = da_session_analysis_get_feedback_items (analysis);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_null (((DaFeedbackItem *) g_ptr_array_index (items, 0))->summary);

  /* Invalid UTF-8 in a string built by hand is not handed out. */
  json_object_set_string_member (analysis, "original_prompt", "bad \xff\xfe text");
  g_assert_null (da_session_analysis_get_original_prompt (analysis));
}

static void
test_invite_results (void)
{
  g_autoptr(JsonNode) root = load_fixture ("invite.json");
  g_autoptr(JsonNode) older = load_fixture ("invite-examples.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DaInviteResult) result = NULL;
  g_autoptr(DaInviteResult) old_result = NULL;
  const char * const expected[] = { "ines@example.com", "jonas@example.org", NULL };

  result = da_invite_result_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_invite_result_get_invited_count (result), ==, 2);
  g_assert_cmpstrv (da_invite_result_get_invited_emails (result), expected);
  g_assert_cmpstr (da_invite_result_lookup_user_id (result, "ines@example.com"), ==,
                   "user-e50a11");
  g_assert_cmpstr (da_invite_result_lookup_user_id (result, "JONAS@example.org"), ==,
                   "user-e50a10");
  g_assert_null (da_invite_result_lookup_user_id (result, "nobody@example.com"));

  old_result = da_invite_result_new_from_json (json_node_get_object (older), &error);
  g_assert_no_error (error);
  g_assert_cmpint (da_invite_result_get_invited_count (old_result), ==, 2);
  g_assert_cmpstrv (da_invite_result_get_invited_emails (old_result), expected);
  g_assert_null (da_invite_result_lookup_user_id (old_result, "ines@example.com"));
}

/* Timestamps */

static void
test_timestamps (void)
{
  struct {
    const char *text;
    gboolean valid;
    gint64 value;
  } cases[] = {
    { "2025-03-04T16:20:11Z", TRUE, 1741105211 },
    { "2025-03-04t16:20:11z", TRUE, 1741105211 },
    { "2025-03-04T16:20:11.123456Z", TRUE, 1741105211 },
    { "2025-03-04T16:20:11,5Z", TRUE, 1741105211 },
    { "2025-03-04T17:20:11+01:00", TRUE, 1741105211 },
    { "2025-03-04T11:20:11-0500", TRUE, 1741105211 },
    { "2025-03-04T21:50:11+05:30", TRUE, 1741105211 },
    { "2025-03-04T18:20:11+02", TRUE, 1741105211 },
    { "2025-03-04T16:20:11", TRUE, 1741105211 },
    { "2025-03-04 16:20:11Z", TRUE, 1741105211 },
    { "2025-03-04T16:20Z", TRUE, 1741105200 },
    { "2025-03-04", TRUE, 1741046400 },
    { "2024-02-29", TRUE, 1709164800 },
    { "2000-03-01", TRUE, 951868800 },
    { "1970-01-01T00:00:00Z", TRUE, 0 },
    { "1969-12-31T23:59:59Z", TRUE, -1 },
    { "0000-01-01", TRUE, DA_TIME_MIN },
    { "9999-12-31T23:59:59Z", TRUE, DA_TIME_MAX },
    { "2016-12-31T23:59:60Z", TRUE, 1483228800 },
    { "2025-02-29", FALSE, 0 },
    { "2025-13-01", FALSE, 0 },
    { "2025-00-10", FALSE, 0 },
    { "2025-04-31", FALSE, 0 },
    { "2025-03-04T24:00:00Z", FALSE, 0 },
    { "2025-03-04T16:60:00Z", FALSE, 0 },
    { "2025-03-04T16:20:61Z", FALSE, 0 },
    { "2025-03-04T16:20:11+24:00", FALSE, 0 },
    { "2025-03-04T16:20:11.Z", FALSE, 0 },
    { "2025-03-04T16:20:11Zjunk", FALSE, 0 },
    { "2025-03-04T16", FALSE, 0 },
    { "2025-03-04T", FALSE, 0 },
    { "2025-3-4", FALSE, 0 },
    { "20250304", FALSE, 0 },
    { "+2025-03-04", FALSE, 0 },
    { "yesterday", FALSE, 0 },
    { "", FALSE, 0 },
    { "2025-03-04\n", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = 42;
      gboolean valid = da_json_parse_timestamp (cases[i].text, &value);

      g_test_message ("timestamp “%s”", cases[i].text);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (valid)
        g_assert_cmpint (value, ==, cases[i].value);
    }

  g_assert_false (da_json_parse_timestamp (NULL, NULL));
}

static void
test_timestamps_unix_seconds (void)
{
  struct {
    const char *json;
    gboolean valid;
    gint64 value;
  } cases[] = {
    { "1741105211", TRUE, 1741105211 },
    { "1741105211.9", TRUE, 1741105211 },
    { "-1.5", TRUE, -2 },
    { "0", TRUE, 0 },
    { "-62167219200", TRUE, DA_TIME_MIN },
    { "253402300799", TRUE, DA_TIME_MAX },
    { "253402300800", FALSE, 0 },
    { "-62167219201", FALSE, 0 },
    { "1e20", FALSE, 0 },
    { "1e400", FALSE, 0 },
    { "9223372036854775807", FALSE, 0 },
    { "9223372036854775808", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"audit_log_id\": \"a-1\", \"created_at\": %s}",
                                               cases[i].json);
      g_autoptr(JsonNode) node = parse_value (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(DaAuditEvent) event = NULL;

      g_test_message ("created_at %s", cases[i].json);
      event = da_audit_event_new_from_json (json_node_get_object (node), &error);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpint (da_audit_event_get_created_at (event), ==, cases[i].value);
        }
      else
        {
          g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE);
          g_assert_cmpstr (error->message, ==,
                           "audit event: \"created_at\" is not a valid timestamp");
          g_assert_null (event);
        }
    }
}

/* Every decoder, described for the generic tests */

typedef enum
{
  F_ID,          /* required non-empty string */
  F_REQ_STRING,  /* required string */
  F_STRING,      /* optional string */
  F_COUNT,       /* optional whole number ≥ 0 */
  F_AMOUNT,      /* optional number ≥ 0 */
  F_TIME,        /* optional timestamp */
  F_REQ_TIME,    /* required timestamp */
  F_BOOLEAN,     /* optional boolean */
  F_ARRAY,       /* optional array */
  F_OBJECT,      /* optional object */
  F_ANY,         /* any JSON value */
} FieldKind;

typedef struct
{
  const char *name;
  FieldKind   kind;
} Field;

typedef struct
{
  const char *what;
  DecodeFunc  decode;
  const char *fixture;
  const char *list;
  guint       index;
  gboolean    empty_object_ok;
  const char *empty_object_message;
  Field       fields[16];
} Decoder;

#define DECODE(f) ((DecodeFunc) (f))

static const Decoder decoders[] = {
  { "member", DECODE (da_member_new_from_json), "members.json", "items", 0,
    FALSE, "member: \"user_id\" is missing",
    { { "user_id", F_ID }, { "email", F_REQ_STRING }, { "name", F_REQ_STRING },
      { "enterprise_role", F_REQ_STRING }, { "created_at", F_TIME }, { "last_login", F_TIME },
      { "login_count", F_COUNT }, { "saml_id", F_STRING },
      { "sessions_created_count", F_COUNT }, { "searches_created_count", F_COUNT } } },
  { "organization membership", DECODE (da_org_membership_new_from_json),
    "member-organizations.json", "items", 0,
    FALSE, "organization membership: \"user_id\" is missing",
    { { "user_id", F_ID }, { "email", F_REQ_STRING }, { "name", F_REQ_STRING },
      { "org_id", F_ID }, { "org_name", F_REQ_STRING }, { "org_role", F_REQ_STRING },
      { "org_role_name", F_STRING }, { "enterprise_role", F_STRING } } },
  { "role", DECODE (da_role_new_from_json), "roles.json", NULL, 0,
    FALSE, "role: \"role_id\" is missing",
    { { "role_id", F_ID }, { "role_name", F_REQ_STRING }, { "role_type", F_REQ_STRING } } },
  { "organization", DECODE (da_organization_new_from_json), "organizations.json", "items", 0,
    FALSE, "organization: \"org_id\" is missing",
    { { "org_id", F_ID }, { "org_name", F_REQ_STRING }, { "created_at", F_TIME },
      { "max_cycle_acu_limit", F_COUNT }, { "max_session_acu_limit", F_COUNT },
      { "org_admin_count", F_COUNT }, { "org_member_count", F_COUNT },
      { "org_user_count", F_COUNT } } },
  { "organization group", DECODE (da_org_group_new_from_json), "organization-groups.json",
    "items", 0, FALSE, "organization group: \"group_name\" is missing",
    { { "group_name", F_ID }, { "org_id", F_ID }, { "role", F_REQ_STRING } } },
  { "IdP group", DECODE (da_idp_group_new_from_json), "groups.json", "items", 0,
    FALSE, "IdP group: \"group_name\" is missing",
    { { "group_name", F_ID }, { "org_count", F_COUNT }, { "role_by_org_id", F_OBJECT } } },
  { "git connection", DECODE (da_git_connection_new_from_json), "git-connections.json",
    "items", 0, FALSE, "git connection: \"connection_id\" is missing",
    { { "connection_id", F_ID }, { "name", F_REQ_STRING }, { "host", F_REQ_STRING },
      { "type", F_REQ_STRING }, { "created_at", F_TIME } } },
  { "git permission", DECODE (da_git_permission_new_from_json), "git-permissions.json",
    "items", 0, FALSE, "git permission: \"permission_id\" is missing",
    { { "permission_id", F_ID }, { "host", F_REQ_STRING }, { "repo_path", F_STRING },
      { "group_prefix", F_STRING }, { "prefix_path", F_STRING } } },
  { "grant result", DECODE (da_grant_result_new_from_json), "grant.json", NULL, 0,
    TRUE, NULL,
    { { "status", F_STRING }, { "permission_ids", F_ARRAY }, { "permission_names", F_OBJECT } } },
  { "API key", DECODE (da_api_key_new_from_json), "api-keys.json", "items", 0,
    FALSE, "API key: \"id\" is missing",
    { { "id", F_ID }, { "org_id", F_ID }, { "org_name", F_REQ_STRING }, { "user_id", F_STRING },
      { "user_email", F_STRING }, { "is_service_key", F_BOOLEAN }, { "created_at", F_TIME } } },
  { "audit event", DECODE (da_audit_event_new_from_json), "audit-logs.json", "audit_logs", 0,
    FALSE, "audit event: \"audit_log_id\" is missing",
    { { "audit_log_id", F_ID }, { "action", F_STRING }, { "created_at", F_TIME },
      { "user_id", F_STRING }, { "user_email", F_STRING }, { "org_id", F_STRING },
      { "service_user_name", F_STRING }, { "data", F_ANY } } },
  { "audit event", DECODE (da_audit_event_new_from_json), "audit-logs-examples.json", "logs", 0,
    FALSE, "audit event: \"audit_log_id\" is missing",
    { { "id", F_ID }, { "timestamp", F_TIME }, { "actor", F_STRING } } },
  { "billing cycle", DECODE (da_billing_cycle_new_from_json), "cycles.json", NULL, 0,
    FALSE, "billing cycle: \"start\" is missing",
    { { "start", F_REQ_TIME }, { "end", F_REQ_TIME }, { "acus_used", F_AMOUNT } } },
  { "billing cycle", DECODE (da_billing_cycle_new_from_json), "cycles-examples.json", "cycles", 0,
    FALSE, "billing cycle: \"start\" is missing",
    { { "start_date", F_REQ_TIME }, { "end_date", F_REQ_TIME }, { "acus_used", F_AMOUNT } } },
  { "consumption", DECODE (da_consumption_new_from_json), "consumption-daily.json", NULL, 0,
    TRUE, NULL,
    { { "total_acus", F_AMOUNT }, { "consumption_by_date", F_OBJECT },
      { "consumption_by_org_id", F_OBJECT }, { "consumption_by_user", F_OBJECT } } },
  { "usage metrics", DECODE (da_usage_metrics_new_from_json), "metrics-usage.json", NULL, 0,
    TRUE, NULL,
    { { "sessions_count", F_COUNT }, { "searches_count", F_COUNT }, { "prs_opened", F_COUNT },
      { "prs_closed", F_COUNT }, { "prs_merged", F_COUNT } } },
  { "session", DECODE (da_session_new_from_json), "sessions-insights.json", "items", 0,
    FALSE, "session: \"session_id\" is missing",
    { { "session_id", F_ID }, { "org_id", F_STRING }, { "user_id", F_STRING },
      { "title", F_STRING }, { "status", F_STRING }, { "tags", F_ARRAY }, { "url", F_STRING },
      { "acus_consumed", F_AMOUNT }, { "pull_requests", F_ARRAY }, { "created_at", F_TIME },
      { "updated_at", F_TIME }, { "initial_user_message", F_STRING },
      { "session_analysis", F_OBJECT } } },
  { "session", DECODE (da_session_new_from_json), "sessions-examples.json", "sessions", 0,
    FALSE, "session: \"session_id\" is missing",
    { { "id", F_ID }, { "insight", F_OBJECT } } },
  { "invite result", DECODE (da_invite_result_new_from_json), "invite.json", NULL, 0,
    TRUE, NULL,
    { { "invited_count", F_COUNT }, { "invitee_user_id_to_email", F_OBJECT } } },
  { "invite result", DECODE (da_invite_result_new_from_json), "invite-examples.json", NULL, 0,
    TRUE, NULL,
    { { "invited", F_ARRAY } } },
};

typedef struct
{
  const char *value;        /* JSON text */
  int         code;         /* -1: accepted */
  const char *message;      /* format with what, field; NULL: the wrong-type sentence */
  const char *described;    /* for the wrong-type sentence: "a number" */
} Mutation;

static const char *
expected_type (FieldKind kind)
{
  switch (kind)
    {
    case F_ID:
    case F_REQ_STRING:
    case F_STRING:
      return "a string";
    case F_COUNT:
    case F_AMOUNT:
      return "a number";
    case F_TIME:
    case F_REQ_TIME:
      return "a timestamp";
    case F_BOOLEAN:
      return "a boolean";
    case F_ARRAY:
      return "an array";
    case F_OBJECT:
      return "an object";
    case F_ANY:
    default:
      return NULL;
    }
}

static void
check_mutation (const Decoder  *decoder,
                const Field    *field,
                const Mutation *mutation)
{
  g_autoptr(JsonNode) root = load_fixture (decoder->fixture);
  g_autoptr(JsonObject) object = copy_object (fixture_item (root, decoder->list,
                                                            decoder->index));
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) model = NULL;

  if (mutation->value != NULL)
    json_object_set_member (object, field->name, parse_value (mutation->value));
  else
    json_object_remove_member (object, field->name);

  g_test_message ("%s (%s): \"%s\" = %s", decoder->what, decoder->fixture, field->name,
                  mutation->value != NULL ? mutation->value : "(absent)");

  model = decoder->decode (object, &error);

  if (mutation->code < 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (model);
      return;
    }

  g_assert_null (model);
  g_assert_error (error, DA_MODEL_ERROR, mutation->code);

  if (mutation->message != NULL)
    {
      g_autofree char *expected = g_strdup_printf (mutation->message, decoder->what, field->name);

      g_assert_cmpstr (error->message, ==, expected);
    }
  else
    {
      g_autofree char *expected = g_strdup_printf ("%s: \"%s\" is %s, expected %s",
                                                   decoder->what, field->name,
                                                   mutation->described,
                                                   expected_type (field->kind));

      g_assert_cmpstr (error->message, ==, expected);
    }
}

static void
test_wrong_types (void)
{
  const Mutation not_strings[] = {
    { "42", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a number" },
    { "4.5", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a number" },
    { "true", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a boolean" },
    { "{\"value\": \"x\"}", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an object" },
    { "[\"x\"]", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an array" },
  };
  const Mutation not_numbers[] = {
    { "\"12\"", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a string" },
    { "false", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a boolean" },
    { "{}", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an object" },
    { "[12]", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an array" },
  };
  const Mutation not_times[] = {
    { "true", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a boolean" },
    { "{\"seconds\": 1}", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an object" },
    { "[2025, 3, 4]", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an array" },
    { "\"soon\"", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is not a valid timestamp", NULL },
    { "\"2025-02-30\"", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is not a valid timestamp",
      NULL },
    { "1e20", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is not a valid timestamp", NULL },
  };
  const Mutation not_booleans[] = {
    { "\"true\"", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a string" },
    { "1", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a number" },
    { "{}", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an object" },
    { "[]", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an array" },
  };
  const Mutation not_arrays[] = {
    { "\"x\"", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a string" },
    { "1", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a number" },
    { "{}", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an object" },
    { "false", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a boolean" },
  };
  const Mutation not_objects[] = {
    { "\"x\"", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a string" },
    { "1", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a number" },
    { "[]", DA_MODEL_ERROR_WRONG_TYPE, NULL, "an array" },
    { "true", DA_MODEL_ERROR_WRONG_TYPE, NULL, "a boolean" },
  };
  const Mutation bad_counts[] = {
    { "-1", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is negative", NULL },
    { "-0.5", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is negative", NULL },
    { "1.5", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is not a whole number", NULL },
    { "9223372036854775807", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is too large", NULL },
    /* json-glib wraps this one around to the most negative integer */
    { "9223372036854775808", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is negative", NULL },
    { "1e300", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is too large", NULL },
    { "1e400", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is not a finite number", NULL },
    { "7.0", -1, NULL, NULL },
  };
  const Mutation bad_amounts[] = {
    { "-0.25", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is negative", NULL },
    { "-1e400", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is not a finite number", NULL },
    { "9223372036854775807", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is too large", NULL },
    { "3", -1, NULL, NULL },
  };
  const Mutation empty_id[] = {
    { "\"\"", DA_MODEL_ERROR_INVALID_VALUE, "%s: \"%s\" is empty", NULL },
  };
  const Mutation absent_required[] = {
    { "null", DA_MODEL_ERROR_MISSING_FIELD, "%s: \"%s\" is null", NULL },
  };
  const Mutation absent_optional[] = {
    { "null", -1, NULL, NULL },
    { NULL, -1, NULL, NULL },
  };
  guint n_checked = 0;

  for (guint d = 0; d < G_N_ELEMENTS (decoders); d++)
    {
      const Decoder *decoder = &decoders[d];

      for (const Field *field = decoder->fields; field->name != NULL; field++)
        {
          const Mutation *lists[3] = { NULL, };
          guint lengths[3] = { 0, };
          gboolean required = field->kind == F_ID || field->kind == F_REQ_STRING ||
                              field->kind == F_REQ_TIME;

          switch (field->kind)
            {
            case F_ID:
              lists[1] = empty_id, lengths[1] = G_N_ELEMENTS (empty_id);
              G_GNUC_FALLTHROUGH;
            case F_REQ_STRING:
            case F_STRING:
              lists[0] = not_strings, lengths[0] = G_N_ELEMENTS (not_strings);
              break;
            case F_COUNT:
              lists[0] = not_numbers, lengths[0] = G_N_ELEMENTS (not_numbers);
              lists[1] = bad_counts, lengths[1] = G_N_ELEMENTS (bad_counts);
              break;
            case F_AMOUNT:
              lists[0] = not_numbers, lengths[0] = G_N_ELEMENTS (not_numbers);
              lists[1] = bad_amounts, lengths[1] = G_N_ELEMENTS (bad_amounts);
              break;
            case F_TIME:
            case F_REQ_TIME:
              lists[0] = not_times, lengths[0] = G_N_ELEMENTS (not_times);
              break;
            case F_BOOLEAN:
              lists[0] = not_booleans, lengths[0] = G_N_ELEMENTS (not_booleans);
              break;
            case F_ARRAY:
              lists[0] = not_arrays, lengths[0] = G_N_ELEMENTS (not_arrays);
              break;
            case F_OBJECT:
              lists[0] = not_objects, lengths[0] = G_N_ELEMENTS (not_objects);
              break;
            case F_ANY:
            default:
              break;
            }

          if (required)
            lists[2] = absent_required, lengths[2] = G_N_ELEMENTS (absent_required);
          else
            lists[2] = absent_optional, lengths[2] = G_N_ELEMENTS (absent_optional);

          for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
            for (guint m = 0; m < lengths[l]; m++)
              {
                check_mutation (decoder, field, &lists[l][m]);
                n_checked++;
              }

          /* Absent, for a required field: named by its documented name */
          if (required)
            {
              g_autoptr(JsonNode) root = load_fixture (decoder->fixture);
              g_autoptr(JsonObject) object = NULL;
              g_autoptr(GError) error = NULL;
              g_autoptr(GObject) model = NULL;

              object = copy_object (fixture_item (root, decoder->list, decoder->index));
              json_object_remove_member (object, field->name);
              model = decoder->decode (object, &error);
              g_assert_null (model);
              g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_MISSING_FIELD);
              g_assert_true (g_str_has_suffix (error->message, "\" is missing"));
              g_assert_true (g_str_has_prefix (error->message, decoder->what));
              n_checked++;
            }
        }
    }

  g_test_message ("%u mutations checked", n_checked);
}

static void
test_invalid_utf8 (void)
{
  guint n_checked = 0;

  for (guint d = 0; d < G_N_ELEMENTS (decoders); d++)
    {
      const Decoder *decoder = &decoders[d];

      for (const Field *field = decoder->fields; field->name != NULL; field++)
        {
          g_autoptr(JsonNode) root = NULL;
          g_autoptr(JsonObject) object = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(GObject) model = NULL;
          g_autofree char *expected = NULL;

          if (field->kind != F_ID && field->kind != F_REQ_STRING && field->kind != F_STRING &&
              field->kind != F_TIME && field->kind != F_REQ_TIME)
            continue;

          root = load_fixture (decoder->fixture);
          object = copy_object (fixture_item (root, decoder->list, decoder->index));
          json_object_set_string_member (object, field->name, "caf\xc3 \xff\xfe");
          model = decoder->decode (object, &error);

          g_assert_null (model);
          g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE);
          if (field->kind == F_TIME || field->kind == F_REQ_TIME)
            expected = g_strdup_printf ("%s: \"%s\" is not a valid timestamp", decoder->what,
                                        field->name);
          else
            expected = g_strdup_printf ("%s: \"%s\" is not valid UTF-8", decoder->what,
                                        field->name);
          g_assert_cmpstr (error->message, ==, expected);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >, 40);
}

/* Invalid UTF-8 deep inside kept values and in map keys */
static void
test_invalid_utf8_nested (void)
{
  struct {
    DecodeFunc  decode;
    const char *json;
    const char *path;     /* member (of the object, or of its first member object) to spoil */
    gboolean    key;      /* spoil a key instead of a value */
    const char *message;
  } cases[] = {
    { DECODE (da_audit_event_new_from_json),
      "{\"audit_log_id\": \"a\", \"data\": {\"inner\": {\"x\": \"ok\"}}}", "data", FALSE,
      "audit event: \"data\" is not valid UTF-8" },
    { DECODE (da_audit_event_new_from_json),
      "{\"audit_log_id\": \"a\", \"data\": {\"x\": 1}}", "data", TRUE,
      "audit event: \"data\" is not valid UTF-8" },
    { DECODE (da_session_new_from_json),
      "{\"session_id\": \"s\", \"session_analysis\": {\"issues\": [\"ok\"]}}", "session_analysis",
      FALSE, "session: \"session_analysis\" is not valid UTF-8" },
    { DECODE (da_consumption_new_from_json),
      "{\"consumption_by_org_id\": {\"org-1\": 1}}", "consumption_by_org_id", TRUE,
      "consumption: \"consumption_by_org_id\" is not valid UTF-8" },
    { DECODE (da_idp_group_new_from_json),
      "{\"group_name\": \"g\", \"role_by_org_id\": {\"org-1\": \"org_admin\"}}", "role_by_org_id",
      TRUE, "IdP group: \"role_by_org_id\" is not valid UTF-8" },
    { DECODE (da_idp_group_new_from_json),
      "{\"group_name\": \"g\", \"role_by_org_id\": {\"org-1\": \"org_admin\"}}", "role_by_org_id",
      FALSE, "IdP group: \"role_by_org_id.org-1\" is not valid UTF-8" },
    { DECODE (da_invite_result_new_from_json),
      "{\"invitee_user_id_to_email\": {\"u-1\": \"a@example.com\"}}", "invitee_user_id_to_email",
      FALSE, "invite result: \"invitee_user_id_to_email.u-1\" is not valid UTF-8" },
    { DECODE (da_grant_result_new_from_json),
      "{\"permission_names\": {\"perm-1\": \"a/b\"}}", "permission_names", TRUE,
      "grant result: \"permission_names\" is not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_value (cases[i].json);
      JsonObject *object = json_node_get_object (node);
      JsonObject *inner = json_object_get_object_member (object, cases[i].path);
      g_autoptr(GList) names = json_object_get_members (inner);
      const char *name = names->data;
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) model = NULL;

      g_test_message ("%s", cases[i].json);

      /* Replace the first member of the inner object */
      if (cases[i].key)
        {
          JsonNode *value = json_node_copy (json_object_get_member (inner, name));

          json_object_remove_member (inner, name);
          json_object_set_member (inner, "k\xff\xfe", value);
        }
      else
        {
          JsonNode *value = json_object_get_member (inner, name);

          if (JSON_NODE_HOLDS_OBJECT (value))
            json_object_set_string_member (json_node_get_object (value), "x", "\xc0\xaf");
          else if (JSON_NODE_HOLDS_ARRAY (value))
            json_array_add_string_element (json_node_get_array (value), "\xc0\xaf");
          else
            json_object_set_string_member (inner, name, "\xc0\xaf");
        }

      model = cases[i].decode (object, &error);
      g_assert_null (model);
      g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Hostile fixtures: each file, its decoder and the error it must give */

static void
test_hostile_fixtures (void)
{
  struct {
    const char *file;
    DecodeFunc  decode;
    int         code;   /* -1: decodes */
    const char *message;
  } cases[] = {
    { "member-email-number.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "member: \"email\" is a number, expected a string" },
    { "member-email-object.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "member: \"email\" is an object, expected a string" },
    { "member-id-missing.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_MISSING_FIELD,
      "member: \"user_id\" is missing" },
    { "member-id-null.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_MISSING_FIELD,
      "member: \"user_id\" is null" },
    { "member-id-empty.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_INVALID_VALUE,
      "member: \"user_id\" is empty" },
    { "member-id-array.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "member: \"user_id\" is an array, expected a string" },
    { "member-role-missing.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_MISSING_FIELD,
      "member: \"enterprise_role\" is missing" },
    { "member-count-negative.json", DECODE (da_member_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "member: \"login_count\" is negative" },
    { "member-count-fraction.json", DECODE (da_member_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "member: \"login_count\" is not a whole number" },
    { "member-count-beyond-int64.json", DECODE (da_member_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "member: \"sessions_created_count\" is negative" },
    { "member-count-far-beyond-int64.json", DECODE (da_member_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "member: \"sessions_created_count\" is negative" },
    { "member-count-int64-max.json", DECODE (da_member_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "member: \"sessions_created_count\" is too large" },
    { "member-count-huge-double.json", DECODE (da_member_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "member: \"searches_created_count\" is too large" },
    { "member-count-infinite.json", DECODE (da_member_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "member: \"searches_created_count\" is not a finite number" },
    { "member-count-string.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "member: \"login_count\" is a string, expected a number" },
    { "member-time-word.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_INVALID_VALUE,
      "member: \"created_at\" is not a valid timestamp" },
    { "member-time-impossible-date.json", DECODE (da_member_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "member: \"created_at\" is not a valid timestamp" },
    { "member-time-boolean.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "member: \"last_login\" is a boolean, expected a timestamp" },
    { "member-time-huge.json", DECODE (da_member_new_from_json), DA_MODEL_ERROR_INVALID_VALUE,
      "member: \"last_login\" is not a valid timestamp" },
    { "member-unknown-deep.json", DECODE (da_member_new_from_json), -1, NULL },
    { "audit-data-deep.json", DECODE (da_audit_event_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "audit event: \"data\" is nested too deeply" },
    { "audit-data-infinite.json", DECODE (da_audit_event_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "audit event: \"data\" is not a finite number" },
    { "audit-id-number.json", DECODE (da_audit_event_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "audit event: \"audit_log_id\" is a number, expected a string" },
    { "audit-actor-object.json", DECODE (da_audit_event_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE, "audit event: \"actor\" is an object, expected a string" },
    { "organization-name-array.json", DECODE (da_organization_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE, "organization: \"org_name\" is an array, expected a string" },
    { "organization-limit-negative.json", DECODE (da_organization_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "organization: \"max_cycle_acu_limit\" is negative" },
    { "organization-limit-string.json", DECODE (da_organization_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE,
      "organization: \"max_cycle_acu_limit\" is a string, expected a number" },
    { "session-tag-number.json", DECODE (da_session_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "session: \"tags[1]\" is a number, expected a string" },
    { "session-tags-string.json", DECODE (da_session_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "session: \"tags\" is a string, expected an array" },
    { "session-pull-request-url-missing.json", DECODE (da_session_new_from_json),
      DA_MODEL_ERROR_MISSING_FIELD, "session: \"pull_requests[1].url\" is missing" },
    { "session-pull-request-string.json", DECODE (da_session_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE, "session: \"pull_requests[0]\" is a string, expected an object" },
    { "session-analysis-string.json", DECODE (da_session_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE, "session: \"session_analysis\" is a string, expected an object" },
    { "session-acus-negative.json", DECODE (da_session_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "session: \"acus_consumed\" is negative" },
    { "consumption-day-not-a-date.json", DECODE (da_consumption_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE,
      "consumption: \"consumption_by_date.yesterday\" is not a valid date" },
    { "consumption-value-string.json", DECODE (da_consumption_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE,
      "consumption: \"consumption_by_org_id.org-1\" is a string, expected a number" },
    { "consumption-value-null.json", DECODE (da_consumption_new_from_json),
      DA_MODEL_ERROR_MISSING_FIELD, "consumption: \"consumption_by_user.user-1\" is null" },
    { "consumption-map-array.json", DECODE (da_consumption_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE,
      "consumption: \"consumption_by_date\" is an array, expected an object" },
    { "cycle-end-before-start.json", DECODE (da_billing_cycle_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "billing cycle: \"end\" is before the start" },
    { "cycle-start-missing.json", DECODE (da_billing_cycle_new_from_json),
      DA_MODEL_ERROR_MISSING_FIELD, "billing cycle: \"start\" is missing" },
    { "invite-invited-object.json", DECODE (da_invite_result_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE, "invite result: \"invited\" is an object, expected an array" },
    { "invite-email-number.json", DECODE (da_invite_result_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE,
      "invite result: \"invitee_user_id_to_email.user-1\" is a number, expected a string" },
    { "grant-ids-string.json", DECODE (da_grant_result_new_from_json), DA_MODEL_ERROR_WRONG_TYPE,
      "grant result: \"permission_ids\" is a string, expected an array" },
    { "grant-name-number.json", DECODE (da_grant_result_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE,
      "grant result: \"permission_names.perm-1\" is a number, expected a string" },
    { "idp-group-role-object.json", DECODE (da_idp_group_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE,
      "IdP group: \"role_by_org_id.org-1\" is an object, expected a string" },
    { "api-key-service-string.json", DECODE (da_api_key_new_from_json),
      DA_MODEL_ERROR_WRONG_TYPE, "API key: \"is_service_key\" is a string, expected a boolean" },
    { "role-type-missing.json", DECODE (da_role_new_from_json), DA_MODEL_ERROR_MISSING_FIELD,
      "role: \"role_type\" is missing" },
    { "metrics-count-negative.json", DECODE (da_usage_metrics_new_from_json),
      DA_MODEL_ERROR_INVALID_VALUE, "usage metrics: \"sessions_count\" is negative" },
    { "git-permission-host-null.json", DECODE (da_git_permission_new_from_json),
      DA_MODEL_ERROR_MISSING_FIELD, "git permission: \"host\" is null" },
  };
  g_autoptr(GDir) dir = NULL;
  g_autofree char *path = fixture_path ("hostile");
  const char *name;
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_build_filename ("hostile", cases[i].file, NULL);
      g_autoptr(JsonNode) root = load_fixture (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) model = NULL;

      g_test_message ("%s", cases[i].file);
      model = cases[i].decode (json_node_get_object (root), &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (model);
          continue;
        }

      g_assert_null (model);
      g_assert_error (error, DA_MODEL_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* Every hostile fixture is in the table. */
  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        listed |= strcmp (cases[i].file, name) == 0;
      if (!listed)
        g_error ("hostile/%s is not in the table of test_hostile_fixtures", name);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (cases));
}

/* Nesting far deeper than the limit, built by hand (json-glib's parser itself recurses) */
static void
test_deep_nesting (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DaAuditEvent) event = NULL;
  g_autoptr(DaSession) session = NULL;
  g_autoptr(JsonObject) session_object = json_object_new ();
  JsonNode *deep = json_node_new (JSON_NODE_NULL);
  JsonObject *analysis;
  JsonNode *exact;

  for (guint i = 0; i < 2000; i++)
    {
      JsonArray *array = json_array_new ();

      json_array_add_element (array, deep);
      deep = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (deep, array);
    }

  json_object_set_string_member (object, "audit_log_id", "audit-deep");
  json_object_set_member (object, "data", json_node_ref (deep));
  event = da_audit_event_new_from_json (object, &error);
  g_assert_null (event);
  g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "audit event: \"data\" is nested too deeply");
  g_clear_error (&error);

  /* A value node that holds nothing (only code can build one) */
  json_object_set_member (object, "action", json_node_new (JSON_NODE_VALUE));
  event = da_audit_event_new_from_json (object, &error);
  g_assert_null (event);
  g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE);
  g_assert_cmpstr (error->message, ==,
                   "audit event: \"action\" is an unknown value, expected a string");
  g_clear_error (&error);
  json_object_remove_member (object, "action");

  /* The same in a session analysis */
  analysis = json_object_new ();
  json_object_set_member (analysis, "timeline", deep);
  json_object_set_string_member (session_object, "session_id", "devin-deep");
  json_object_set_object_member (session_object, "session_analysis", analysis);
  session = da_session_new_from_json (session_object, &error);
  g_assert_null (session);
  g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "session: \"session_analysis\" is nested too deeply");
  g_clear_error (&error);

  /* Exactly at the limit is fine. */
  exact = json_node_new (JSON_NODE_NULL);
  for (guint i = 1; i < DA_JSON_MAX_DEPTH; i++)
    {
      JsonArray *array = json_array_new ();

      json_array_add_element (array, exact);
      exact = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (exact, array);
    }
  json_object_set_member (object, "data", exact);
  event = da_audit_event_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  g_assert_true (g_str_has_prefix (da_audit_event_get_data_json (event), "[[[[[[[["));
  g_assert_true (g_str_has_suffix (da_audit_event_get_data_json (event), "]]]]]]]]"));
  g_assert_nonnull (strstr (da_audit_event_get_data_json (event), "[[null]]"));
  g_assert_cmpuint (strlen (da_audit_event_get_data_json (event)),
                    ==, 2 * (DA_JSON_MAX_DEPTH - 1) + strlen ("null"));
}

static void
test_null_and_empty_objects (void)
{
  g_autoptr(JsonNode) empty = load_fixture ("empty-object.json");

  for (guint d = 0; d < G_N_ELEMENTS (decoders); d++)
    {
      const Decoder *decoder = &decoders[d];
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) model = NULL;
      g_autofree char *expected = NULL;

      /* A null in a list reaches the decoder as a NULL object. */
      model = decoder->decode (NULL, &error);
      g_assert_null (model);
      g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_WRONG_TYPE);
      expected = g_strdup_printf ("%s: the value is not an object", decoder->what);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);

      model = decoder->decode (json_node_get_object (empty), &error);
      if (decoder->empty_object_ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (model);
        }
      else
        {
          g_assert_null (model);
          g_assert_error (error, DA_MODEL_ERROR, DA_MODEL_ERROR_MISSING_FIELD);
          g_assert_cmpstr (error->message, ==, decoder->empty_object_message);
        }
    }
}

/* Every property is read-only, readable without a warning, and agrees with the getter. */
static void
test_properties (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (decoders); d++)
    {
      const Decoder *decoder = &decoders[d];
      g_autoptr(JsonNode) root = load_fixture (decoder->fixture);
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) model = NULL;
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      model = decoder->decode (fixture_item (root, decoder->list, decoder->index), &error);
      g_assert_no_error (error);

      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (model), &n_pspecs);
      g_assert_cmpuint (n_pspecs, >, 0);

      for (guint i = 0; i < n_pspecs; i++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_assert_true (pspecs[i]->flags & G_PARAM_READABLE);
          g_assert_false (pspecs[i]->flags & (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT |
                                              G_PARAM_CONSTRUCT_ONLY));
          g_value_init (&value, pspecs[i]->value_type);
          g_object_get_property (model, pspecs[i]->name, &value);
        }
    }
}

/* Memory: the instances stay small, and a decoded row costs less than its JSON on the wire. */

static gsize
allocated_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

typedef void (*WriteRow) (GString *text,
                          guint    i);

static void
write_member_row (GString *text,
                  guint    i)
{
  /* As the server writes them: compact, one null */
  g_string_append_printf (text,
                          "{\"user_id\":\"user-%06x\",\"email\":\"person.%u@example.com\","
                          "\"name\":\"Person Number %u\",\"enterprise_role\":\"account_member\","
                          "\"created_at\":\"2025-02-10T12:%02u:00Z\","
                          "\"last_login\":\"2025-08-12T07:41:09Z\",\"login_count\":%u,"
                          "\"saml_id\":null,\"sessions_created_count\":64,"
                          "\"searches_created_count\":12}",
                          i, i, i, i % 60, i % 500);
}

static void
write_audit_row (GString *text,
                 guint    i)
{
  g_string_append_printf (text,
                          "{\"audit_log_id\":\"audit-%08x\",\"action\":\"update_org_%u\","
                          "\"created_at\":\"2025-08-11T10:04:55Z\",\"user_id\":\"user-%06x\","
                          "\"user_email\":\"person.%u@example.com\",\"org_id\":\"org-7f3a21c9\","
                          "\"data\":{\"org_name\":\"Payments %u\"}}",
                          i, i % 7, i % 2000, i % 2000, i % 50);
}

static gsize
measure_rows (DecodeFunc   decode,
              WriteRow     write_row,
              guint        n_rows,
              gsize       *wire_bytes,
              GPtrArray  **models)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  gsize before;
  gsize after;

  for (guint i = 0; i < n_rows; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      write_row (text, i);
    }
  g_string_append_c (text, ']');
  *wire_bytes = (text->len - 2) / n_rows;

  root = parse_value (text->str);
  array = json_node_get_array (root);
  *models = g_ptr_array_new_full (n_rows, g_object_unref);

  before = allocated_bytes ();
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GError) error = NULL;
      gpointer model = decode (json_array_get_object_element (array, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (*models, model);
    }
  after = allocated_bytes ();

  /* The array of pointers was allocated before. */
  return after > before ? (after - before) / n_rows : 0;
}

static void
test_memory (void)
{
  GTypeQuery query;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gsize member_wire;
  gsize audit_wire;
  gsize member_cost;
  gsize audit_cost;

  g_type_query (DA_TYPE_MEMBER, &query);
  g_test_message ("DaMember instance: %u bytes", query.instance_size);
  g_assert_cmpuint (query.instance_size, <=, 112);

  g_type_query (DA_TYPE_AUDIT_EVENT, &query);
  g_test_message ("DaAuditEvent instance: %u bytes", query.instance_size);
  g_assert_cmpuint (query.instance_size, <=, 64);

  member_cost = measure_rows (DECODE (da_member_new_from_json), write_member_row, 20000,
                              &member_wire, &members);
  g_test_message ("DaMember: %" G_GSIZE_FORMAT " bytes per row in memory, %" G_GSIZE_FORMAT
                  " bytes of JSON per row", member_cost, member_wire);

  audit_cost = measure_rows (DECODE (da_audit_event_new_from_json), write_audit_row, 20000,
                             &audit_wire, &events);
  g_test_message ("DaAuditEvent: %" G_GSIZE_FORMAT " bytes per row in memory, %" G_GSIZE_FORMAT
                  " bytes of JSON per row", audit_cost, audit_wire);

  /* mallinfo2() says nothing under some allocators (sanitizers): then there is nothing to check. */
  if (member_cost > 0)
    g_assert_cmpuint (member_cost, <=, member_wire);
  if (audit_cost > 0)
    g_assert_cmpuint (audit_cost, <=, audit_wire);
}

/* Decoding is thread-safe: pagers decode pages in worker threads, while the main thread drops
 * the models of an older load. */

static gpointer
decode_sessions_in_thread (gpointer data)
{
  JsonArray *array = data;

  for (guint round = 0; round < 50; round++)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(DaSession) session = NULL;

        session = da_session_new_from_json (json_array_get_object_element (array, i), &error);
        g_assert_no_error (error);
        g_assert_nonnull (da_session_get_analysis (session));
      }

  return NULL;
}

static gpointer
decode_events_in_thread (gpointer data)
{
  JsonArray *array = data;

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(GError) error = NULL;
          DaAuditEvent *event;

          event = da_audit_event_new_from_json (json_array_get_object_element (array, i), &error);
          g_assert_no_error (error);
          g_ptr_array_add (events, event);
        }

      for (guint i = 0; i < events->len; i++)
        g_assert_nonnull (da_audit_event_get_audit_log_id (g_ptr_array_index (events, i)));
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(JsonNode) sessions = load_fixture ("sessions-insights.json");
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(JsonNode) events = NULL;
  GThread *threads[6];

  for (guint i = 0; i < 200; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      write_audit_row (text, i);
    }
  g_string_append_c (text, ']');
  events = parse_value (text->str);

  /* json-glib trees are not safe to change from several threads, but sealed ones are to read. */
  json_node_seal (sessions);
  json_node_seal (events);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      if (i % 2 == 0)
        threads[i] = g_thread_new ("sessions", decode_sessions_in_thread,
                                   json_object_get_array_member (json_node_get_object (sessions),
                                                                 "items"));
      else
        threads[i] = g_thread_new ("events", decode_events_in_thread,
                                   json_node_get_array (events));
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/member/documented", test_member_documented);
  g_test_add_func ("/models/member/examples", test_member_examples);
  g_test_add_func ("/models/member/keys", test_member_keys);
  g_test_add_func ("/models/org-membership", test_org_membership);
  g_test_add_func ("/models/role", test_roles);
  g_test_add_func ("/models/organization", test_organizations);
  g_test_add_func ("/models/org-group", test_org_groups);
  g_test_add_func ("/models/idp-group", test_idp_groups);
  g_test_add_func ("/models/git-connection", test_git_connections);
  g_test_add_func ("/models/git-permission", test_git_permissions);
  g_test_add_func ("/models/grant-result", test_grant_results);
  g_test_add_func ("/models/api-key", test_api_keys);
  g_test_add_func ("/models/audit-event/documented", test_audit_events);
  g_test_add_func ("/models/audit-event/shared-actor", test_audit_events_shared_actor);
  g_test_add_func ("/models/shared-texts", test_shared_texts);
  g_test_add_func ("/models/shared-texts-batch", test_shared_texts_batch);
  g_test_add_func ("/models/string-pack-interned", test_string_pack_interned);
  g_test_add_func ("/models/audit-event/examples", test_audit_events_examples);
  g_test_add_func ("/models/audit-event/unix-seconds", test_audit_events_unix_seconds);
  g_test_add_func ("/models/billing-cycle", test_billing_cycles);
  g_test_add_func ("/models/consumption", test_consumption);
  g_test_add_func ("/models/usage-metrics", test_usage_metrics);
  g_test_add_func ("/models/session/documented", test_sessions);
  g_test_add_func ("/models/session/insights", test_sessions_insights);
  g_test_add_func ("/models/session/examples", test_sessions_examples);
  g_test_add_func ("/models/session-analysis/hostile", test_session_analysis_hostile);
  g_test_add_func ("/models/invite-result", test_invite_results);
  g_test_add_func ("/models/timestamps/iso8601", test_timestamps);
  g_test_add_func ("/models/timestamps/unix-seconds", test_timestamps_unix_seconds);
  g_test_add_func ("/models/hostile/wrong-types", test_wrong_types);
  g_test_add_func ("/models/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/models/hostile/invalid-utf8-nested", test_invalid_utf8_nested);
  g_test_add_func ("/models/hostile/fixtures", test_hostile_fixtures);
  g_test_add_func ("/models/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/models/hostile/null-and-empty", test_null_and_empty_objects);
  g_test_add_func ("/models/properties", test_properties);
  g_test_add_func ("/models/memory", test_memory);
  g_test_add_func ("/models/threads", test_threads);

  return g_test_run ();
}

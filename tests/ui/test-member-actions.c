/* test-member-actions.c: role changes, organizations and removal from the Members page
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-member-details.h"
#include "da-members-page.h"
#include "da-state-view.h"
#include "da-test-ui.h"

#define N_MEMBERS 120

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  GtkWidget    *page;
  GtkWindow    *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DaMockOptions options;
  DaStateView *state_view;

  da_mock_options_init (&options);
  options.members = N_MEMBERS;
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, NULL);
  f->page = da_members_page_new (f->context);
  f->window = da_test_window_new (f->page, 1280, 760);
  state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (state_view) == DA_STATE_VIEW_CONTENT &&
                      !da_page_get_busy (DA_PAGE (f->page)) &&
                      da_context_get_roles_loaded (f->context));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->context);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
}

static DaClient *
client (Fixture *f)
{
  return da_context_get_client (f->context);
}

static GListModel *
visible (Fixture *f)
{
  return da_members_page_get_visible_model (DA_MEMBERS_PAGE (f->page));
}

static GtkSelectionModel *
selection (Fixture *f)
{
  return da_members_page_get_selection (DA_MEMBERS_PAGE (f->page));
}

static DaMemberDetails *
details (Fixture *f)
{
  return DA_MEMBER_DETAILS (da_test_find_widget (f->page, DA_TYPE_MEMBER_DETAILS, NULL));
}

/* How many organizations the details list for the member shown. */
static guint
n_member_orgs (Fixture *f)
{
  return g_list_model_get_n_items (da_member_details_get_organizations (details (f)));
}

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  GtkWidget *widget = da_test_find_widget (root, type, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
idle (Fixture *f)
{
  return !da_page_get_busy (DA_PAGE (f->page));
}

static const char *
page_message (Fixture *f)
{
  GtkWidget *label = find (f->page, GTK_TYPE_LABEL, "members-message");

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (label,
                                                                              GTK_TYPE_REVEALER))))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The position of the first visible member (after @from) with @role_id. */
static guint
position_with_role (Fixture    *f,
                    const char *role_id,
                    guint       from)
{
  for (guint i = from; i < g_list_model_get_n_items (visible (f)); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (visible (f), i);

      if (g_strcmp0 (da_member_get_enterprise_role (member), role_id) == 0)
        return i;
    }

  g_error ("No member with the role %s", role_id);
  return 0;
}

/* Selects the row at @position alone, as a click would, and returns its member. */
static DaMember *
select_one (Fixture *f,
            guint    position)
{
  DaMember *member = g_list_model_get_item (visible (f), position);

  gtk_selection_model_select_item (selection (f), position, TRUE);
  DA_TEST_WAIT_UNTIL (da_member_details_get_member (details (f)) == member);
  return member;
}

static guint
find_visible (Fixture    *f,
              const char *user_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (visible (f)); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (visible (f), i);

      if (g_strcmp0 (da_member_get_user_id (member), user_id) == 0)
        return i;
    }

  return G_MAXUINT;
}

/* Answers an AdwMessageDialog named @name as a click on @response would. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), response));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
}

static void
choose_in_combo (AdwComboRow *row,
                 const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  g_error ("No “%s” to choose", text);
}

static const char *
combo_text (AdwComboRow *row)
{
  return gtk_string_object_get_string (adw_combo_row_get_selected_item (row));
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static DaMember *
api_member (Fixture    *f,
            const char *user_id,
            GError    **error)
{
  DaTestAsync async = { 0 };
  DaMember *member;

  da_client_get_member_async (client (f), user_id, NULL, da_test_async_cb, &async);
  member = da_client_get_member_finish (client (f), da_test_async_wait (&async), error);
  da_test_async_clear (&async);
  return member;
}

static char *
api_role (Fixture    *f,
          const char *user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = api_member (f, user_id, &error);

  g_assert_no_error (error);
  return g_strdup (da_member_get_enterprise_role (member));
}

static gboolean
api_exists (Fixture    *f,
            const char *user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = api_member (f, user_id, &error);

  if (member != NULL)
    return TRUE;
  g_assert_error (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND);
  return FALSE;
}

static GListModel *
api_member_orgs (Fixture    *f,
                 const char *user_id)
{
  g_autoptr(DaPager) pager = da_client_list_member_organizations (client (f), user_id);

  return da_test_load_all (pager);
}

/* The organization role of @user_id in @org_id, or NULL when not in it. */
static char *
api_org_role (Fixture    *f,
              const char *user_id,
              const char *org_id)
{
  g_autoptr(GListModel) orgs = api_member_orgs (f, user_id);

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (orgs, i);

      if (g_strcmp0 (da_org_membership_get_org_id (membership), org_id) == 0)
        return g_strdup (da_org_membership_get_org_role (membership));
    }

  return NULL;
}

static GListModel *
api_orgs (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (client (f));

  return da_test_load_all (pager);
}

/* An organization @user_id is not in. (transfer full) */
static DaOrganization *
org_without (Fixture    *f,
             const char *user_id)
{
  g_autoptr(GListModel) orgs = api_orgs (f);

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);
      g_autofree char *role = api_org_role (f, user_id, da_organization_get_org_id (org));

      if (role == NULL)
        return g_steal_pointer (&org);
    }

  g_error ("%s is in every organization", user_id);
  return NULL;
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_change_role_in_details (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DaMember) member = select_one (f, position_with_role (f, "account_member", 5));
  const char *user_id = da_member_get_user_id (member);
  AdwComboRow *role = ADW_COMBO_ROW (find (GTK_WIDGET (details (f)), ADW_TYPE_COMBO_ROW,
                                           "role-row"));
  g_autofree char *now = NULL;
  g_autoptr(DaMember) shown = NULL;
  guint position;

  DA_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (GTK_WIDGET (role)));
  g_assert_cmpstr (combo_text (role), ==, "Member");

  da_mock_server_reset_counts (f->server);
  choose_in_combo (role, "Admin");
  DA_TEST_WAIT_UNTIL (idle (f) && gtk_widget_get_sensitive (GTK_WIDGET (role)));

  /* The server has it... */
  now = api_role (f, user_id);
  g_assert_cmpstr (now, ==, "account_admin");
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "PATCH", "/members/roles"), ==, 1);

  /* ...and the row and the details show it, the member still selected. */
  position = find_visible (f, user_id);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  shown = g_list_model_get_item (visible (f), position);
  g_assert_cmpstr (da_member_get_enterprise_role (shown), ==, "account_admin");
  g_assert_true (gtk_selection_model_is_selected (selection (f), position));
  g_assert_true (da_member_details_get_member (details (f)) == shown);
  g_assert_cmpstr (combo_text (role), ==, "Admin");
}

static void
test_change_role_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DaMember) member = select_one (f, position_with_role (f, "account_member", 5));
  AdwComboRow *role = ADW_COMBO_ROW (find (GTK_WIDGET (details (f)), ADW_TYPE_COMBO_ROW,
                                           "role-row"));
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  GtkWidget *message;

  DA_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (GTK_WIDGET (role)));
  da_mock_server_add_fault (f->server, "PATCH /members/roles 403", &error);
  g_assert_no_error (error);

  choose_in_combo (role, "Admin");
  DA_TEST_WAIT_UNTIL (da_member_details_get_message (details (f)) != NULL);

  /* Said next to the role, in words of the error; the role shown goes back. */
  g_assert_nonnull (strstr (da_member_details_get_message (details (f)),
                            "could not be changed"));
  g_assert_nonnull (strstr (da_member_details_get_message (details (f)), "Enterprise Admin"));
  message = find (GTK_WIDGET (details (f)), GTK_TYPE_LABEL, "details-message");
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (message));
  g_assert_cmpstr (combo_text (role), ==, "Member");
  now = api_role (f, da_member_get_user_id (member));
  g_assert_cmpstr (now, ==, "account_member");
  da_test_screenshot (GTK_WIDGET (f->window), "role-refused");
}

static void
test_change_role_of_several (Fixture       *f,
                             gconstpointer  data)
{
  guint first = position_with_role (f, "account_member", 10);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWindow *dialog;
  const char *body;

  for (guint i = 0; i < 3; i++)
    {
      guint position = position_with_role (f, "account_member", i == 0 ? first : first + 1);

      first = position;
      gtk_selection_model_select_item (selection (f), position, i == 0);
      g_ptr_array_add (chosen, g_list_model_get_item (visible (f), position));
    }
  g_assert_true (da_test_has_label (f->page, "3 selected"));

  da_mock_server_reset_counts (f->server);
  da_test_click (find (f->page, GTK_TYPE_BUTTON, "role-selected-button"));
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-member-role-dialog");

  /* It names how many, and who. */
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Change the Role of 3 Members");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  for (guint i = 0; i < chosen->len; i++)
    g_assert_nonnull (strstr (body, da_member_get_email (g_ptr_array_index (chosen, i))));
  /* Their shared role comes first; only enterprise roles are offered, custom ones too. */
  g_assert_cmpstr (combo_text (ADW_COMBO_ROW (find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                    "role-row"))), ==, "Member");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (
                      find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "role-row")))), ==, 3);
  da_test_screenshot (GTK_WIDGET (dialog), "role-dialog");

  choose_in_combo (ADW_COMBO_ROW (find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "role-row")),
                   "Read-only Auditor");
  respond (dialog, "change");
  DA_TEST_WAIT_UNTIL (idle (f) &&
                      da_mock_server_count_requests (f->server, "PATCH", "/members/roles") == 1);
  DA_TEST_WAIT_UNTIL (idle (f));

  for (guint i = 0; i < chosen->len; i++)
    {
      const char *user_id = da_member_get_user_id (g_ptr_array_index (chosen, i));
      g_autofree char *now = api_role (f, user_id);
      g_autoptr(DaMember) shown = g_list_model_get_item (visible (f), find_visible (f, user_id));

      g_assert_cmpstr (now, !=, "account_member");
      g_assert_cmpstr (now, ==, da_member_get_enterprise_role (shown));
      g_assert_cmpstr (da_context_lookup_role_name (f->context, now), ==, "Read-only Auditor");
      /* Still selected. */
      g_assert_true (gtk_selection_model_is_selected (selection (f), find_visible (f, user_id)));
    }
}

static void
test_remove_needs_confirmation (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DaMember) member = select_one (f, 9);
  const char *user_id = da_member_get_user_id (member);
  g_autofree char *heading = g_strdup_printf ("Remove %s?", da_member_get_name (member));
  GtkWindow *dialog;

  /* Cancelled: nothing sent. */
  da_mock_server_reset_counts (f->server);
  da_test_click (find (GTK_WIDGET (details (f)), GTK_TYPE_BUTTON, "remove-member-button"));
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            da_member_get_email (member)));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                                               "confirm"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  da_test_screenshot (GTK_WIDGET (dialog), "remove-confirm");
  da_test_answer_confirm (NULL, "cancel");
  da_test_spin (200);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "DELETE", NULL), ==, 0);
  g_assert_true (api_exists (f, user_id));

  /* Confirmed: gone from the server and from the list. */
  da_test_click (find (GTK_WIDGET (details (f)), GTK_TYPE_BUTTON, "remove-member-button"));
  da_test_answer_confirm (NULL, "confirm");
  DA_TEST_WAIT_UNTIL (da_mock_server_count_requests (f->server, "DELETE", NULL) == 1 && idle (f));
  g_assert_false (api_exists (f, user_id));
  g_assert_cmpuint (find_visible (f, user_id), ==, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (visible (f)), ==, N_MEMBERS - 1);
  g_assert_true (da_test_has_label (f->page, "119 members"));
}

static void
test_remove_several (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWindow *dialog;
  const char *body;

  for (guint i = 0; i < 5; i++)
    {
      gtk_selection_model_select_item (selection (f), 20 + i * 3, i == 0);
      g_ptr_array_add (chosen, g_list_model_get_item (visible (f), 20 + i * 3));
    }

  da_test_click (find (f->page, GTK_TYPE_BUTTON, "remove-selected-button"));
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");

  /* The count and the first few addresses. */
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Remove 5 Members?");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (body, da_member_get_email (g_ptr_array_index (chosen, i))));
  g_assert_null (strstr (body, da_member_get_email (g_ptr_array_index (chosen, 3))));
  g_assert_nonnull (strstr (body, "and 2 more"));

  da_test_answer_confirm (NULL, "confirm");
  DA_TEST_WAIT_UNTIL (idle (f) && g_list_model_get_n_items (visible (f)) == N_MEMBERS - 5);
  for (guint i = 0; i < chosen->len; i++)
    g_assert_false (api_exists (f, da_member_get_user_id (g_ptr_array_index (chosen, i))));
  g_assert_null (page_message (f));
}

static void
test_remove_someone_gone (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DaMember) member = select_one (f, 11);
  const char *user_id = da_member_get_user_id (member);
  DaTestAsync async = { 0 };

  /* Another admin removed them meanwhile. */
  da_client_delete_member_async (client (f), user_id, NULL, da_test_async_cb, &async);
  g_assert_true (da_client_call_finish (client (f), da_test_async_wait (&async), NULL));
  da_test_async_clear (&async);

  da_test_click (find (GTK_WIDGET (details (f)), GTK_TYPE_BUTTON, "remove-member-button"));
  da_test_answer_confirm (NULL, "confirm");

  /* "No longer a member", and the row goes away as the list reloads. */
  DA_TEST_WAIT_UNTIL (page_message (f) != NULL);
  g_assert_nonnull (strstr (page_message (f), "is no longer a member of the enterprise"));
  DA_TEST_WAIT_UNTIL (idle (f) && find_visible (f, user_id) == G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (visible (f)), ==, N_MEMBERS - 1);
  da_test_screenshot (GTK_WIDGET (f->window), "gone");
}

static void
test_remove_refused (Fixture       *f,
                     gconstpointer  data)
{
  /* The first member is the admin whose key this is: the server refuses. */
  g_autoptr(DaMember) member = select_one (f, 0);

  da_test_click (find (GTK_WIDGET (details (f)), GTK_TYPE_BUTTON, "remove-member-button"));
  da_test_answer_confirm (NULL, "confirm");
  DA_TEST_WAIT_UNTIL (page_message (f) != NULL && idle (f));
  g_assert_nonnull (strstr (page_message (f), "could not be removed"));
  g_assert_nonnull (strstr (page_message (f), "cannot remove yourself"));
  g_assert_true (api_exists (f, da_member_get_user_id (member)));
  g_assert_cmpuint (find_visible (f, da_member_get_user_id (member)), ==, 0);
}

static void
test_add_to_organization (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DaMember) member = select_one (f, 13);
  const char *user_id = da_member_get_user_id (member);
  g_autoptr(DaOrganization) org = org_without (f, user_id);
  g_autoptr(GListModel) before = api_member_orgs (f, user_id);
  g_autofree char *role = NULL;
  GtkWindow *dialog;
  GtkWidget *check;

  DA_TEST_WAIT_UNTIL (!da_member_details_get_organizations_loading (details (f)));
  da_test_click (find (GTK_WIDGET (details (f)), GTK_TYPE_BUTTON, "add-org-button"));
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-member-orgs-dialog");

  /* Organizations already joined show so and cannot be chosen again. */
  for (guint i = 0; i < g_list_model_get_n_items (before); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (before, i);
      GtkWidget *joined = find (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON,
                                da_org_membership_get_org_id (membership));

      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (joined)));
      g_assert_false (gtk_widget_is_sensitive (joined));
    }
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));

  check = find (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, da_organization_get_org_id (org));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  choose_in_combo (ADW_COMBO_ROW (find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                        "org-role-row")), "Admin");
  da_test_screenshot (GTK_WIDGET (dialog), "orgs-dialog");
  respond (dialog, "add");

  /* The server has them in it with that role; the details list it. */
  DA_TEST_WAIT_UNTIL ((role = api_org_role (f, user_id, da_organization_get_org_id (org))) != NULL);
  g_assert_cmpstr (role, ==, "org_admin");
  DA_TEST_WAIT_UNTIL (!da_member_details_get_organizations_loading (details (f)) &&
                      n_member_orgs (f) == g_list_model_get_n_items (before) + 1);
  g_assert_nonnull (da_test_find_by_text (find (GTK_WIDGET (details (f)), GTK_TYPE_LIST_BOX,
                                                "member-orgs-list"),
                                          ADW_TYPE_ACTION_ROW, da_organization_get_org_name (org)));
}

static void
test_remove_from_organization (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GListModel) orgs = NULL;
  g_autoptr(DaOrgMembership) membership = NULL;
  g_autoptr(DaMember) member = NULL;
  g_autofree char *button_name = NULL;
  g_autofree char *role = NULL;
  const char *user_id = NULL;
  guint position;

  /* Someone in an organization. */
  for (position = 1; position < N_MEMBERS; position++)
    {
      g_autoptr(DaMember) candidate = g_list_model_get_item (visible (f), position);

      g_clear_object (&orgs);
      orgs = api_member_orgs (f, da_member_get_user_id (candidate));
      if (g_list_model_get_n_items (orgs) > 0)
        break;
    }
  member = select_one (f, position);
  user_id = da_member_get_user_id (member);
  membership = g_list_model_get_item (orgs, 0);
  DA_TEST_WAIT_UNTIL (!da_member_details_get_organizations_loading (details (f)));

  button_name = g_strdup_printf ("remove-org-%s", da_org_membership_get_org_id (membership));
  da_test_click (find (GTK_WIDGET (details (f)), GTK_TYPE_BUTTON, button_name));
  da_test_answer_confirm (NULL, "confirm");

  DA_TEST_WAIT_UNTIL (n_member_orgs (f) == g_list_model_get_n_items (orgs) - 1 &&
                      !da_member_details_get_organizations_loading (details (f)));
  role = api_org_role (f, user_id, da_org_membership_get_org_id (membership));
  g_assert_null (role);
  /* Still a member of the enterprise. */
  g_assert_true (api_exists (f, user_id));
}

static void
test_add_several_to_organizations (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GListModel) orgs = api_orgs (f);
  g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, g_list_model_get_n_items (orgs) - 1);
  g_autoptr(DaMember) a = NULL;
  g_autoptr(DaMember) b = NULL;
  g_autofree char *role_a = NULL;
  g_autofree char *role_b = NULL;
  GtkWindow *dialog;

  gtk_selection_model_select_item (selection (f), 30, TRUE);
  gtk_selection_model_select_item (selection (f), 31, FALSE);
  a = g_list_model_get_item (visible (f), 30);
  b = g_list_model_get_item (visible (f), 31);

  da_test_click (find (f->page, GTK_TYPE_BUTTON, "orgs-selected-button"));
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-member-orgs-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Add 2 Members to Organizations");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON,
                                                       da_organization_get_org_id (org))), TRUE);
  g_assert_cmpstr (combo_text (ADW_COMBO_ROW (find (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                    "org-role-row"))), ==, "Member");
  respond (dialog, "add");

  DA_TEST_WAIT_UNTIL (idle (f) &&
                      (role_a = api_org_role (f, da_member_get_user_id (a),
                                              da_organization_get_org_id (org))) != NULL);
  role_b = api_org_role (f, da_member_get_user_id (b), da_organization_get_org_id (org));
  g_assert_cmpstr (role_a, ==, "org_member");
  g_assert_cmpstr (role_b, ==, "org_member");
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/member-actions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("change-role-in-details", test_change_role_in_details);
  ADD ("change-role-refused", test_change_role_refused);
  ADD ("change-role-of-several", test_change_role_of_several);
  ADD ("remove-needs-confirmation", test_remove_needs_confirmation);
  ADD ("remove-several", test_remove_several);
  ADD ("remove-someone-gone", test_remove_someone_gone);
  ADD ("remove-refused", test_remove_refused);
  ADD ("add-to-organization", test_add_to_organization);
  ADD ("remove-from-organization", test_remove_from_organization);
  ADD ("add-several-to-organizations", test_add_several_to_organizations);

#undef ADD

  return g_test_run ();
}

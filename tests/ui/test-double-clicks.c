/* test-double-clicks.c: writes are never sent twice, by a double click or by sending again
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writes the fault matrix (test-fault-matrix.c) does not double-click, in the whole
 * application signed in against the local server: Add to Organizations on the Members page and
 * in a member's details, Remove From an organization and the role in a member's details, an
 * organization window's members (add, change role, remove) and IdP groups (link, unlink), and
 * Revoke All on the API Keys page; and Change Role on the Members page asked before the app has
 * loaded the roles (the matrix asks it once they are loaded: the dialog then opens at once).
 *
 * Each is sent three ways, and the local server's own request counts say how many requests
 * reached it:
 * - at once: the button that opens is double-clicked (one dialog), then the button that sends
 *   is double-clicked, both clicks before the main loop runs: one request;
 * - in flight: the server holds its answer (a latency fault); the button that sends is clicked
 *   again while the request is under way: still one request;
 * - again after a failure: the server refuses once (503), the app says so; sending again (a
 *   double click once more) is exactly one more request, and the change is made.
 * A second click lands only where a person's would: on a button still shown and sensitive, with
 * no modal dialog over it.
 */

#include "config.h"

#include <string.h>

#include "da-fault-matrix.h"
#include "da-member-details.h"
#include "da-members-page.h"
#include "da-organization-member-picker.h"
#include "da-organization-window.h"
#include "da-test-ui.h"

/* How long the server holds an answer "in flight": well within the session's timeout of
 * DA_FM_STALL_TIMEOUT_S, and long enough for the test to click while it waits. */
#define IN_FLIGHT_MS 1000

typedef struct
{
  DaFmApp      *app;
  DaMockServer *server;
  DaClient     *api;
} Fixture;

typedef enum
{
  AT_ONCE,
  IN_FLIGHT,
  AFTER_FAILURE,
} How;

static const char *const how_names[] = { "at once", "in flight", "after a failure" };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 40;
  options.orgs = 6;
  options.audit_events = 20;
  options.sessions = 20;
  f->app = da_fm_app_new (&options);
  da_mock_options_clear (&options);
  f->server = da_fm_app_get_server (f->app);
  f->api = da_fm_app_get_api (f->app);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  da_fm_app_free (f->app);
}

/* ---- Waiting ----------------------------------------------------------------------------- */

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the app's main loop (following its toasts) until @expr holds; fails after 30 s. The
 * server counts requests in a thread of its own: a timer wakes the loop to look again. */
#define WAIT_UNTIL(f, expr) \
  G_STMT_START { \
    gint64 _end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; \
    guint _wake = g_timeout_add (20, wake_cb, NULL); \
    while (!(expr)) \
      { \
        if (g_get_monotonic_time () > _end) \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #expr); \
        da_fm_app_spin ((f)->app, 10); \
      } \
    g_source_remove (_wake); \
  } G_STMT_END

/* Anything a second click would have sent late has reached the server after this: a grace, not
 * a wait for a result (the result is waited for before). */
static void
settle (Fixture *f)
{
  da_fm_app_spin (f->app, 300);
}

static guint
requests (Fixture    *f,
          const char *method,
          const char *glob)
{
  return da_mock_server_count_requests (f->server, method, glob);
}

static void
add_fault (Fixture    *f,
           const char *method,
           const char *glob,
           How         how)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;

  if (how == IN_FLIGHT)
    spec = g_strdup_printf ("%s %s latency delay=%u times=1", method, glob, IN_FLIGHT_MS);
  else if (how == AFTER_FAILURE)
    spec = g_strdup_printf ("%s %s 503 times=1", method, glob);
  else
    return;
  g_assert_cmpuint (da_mock_server_add_fault (f->server, spec, &error), >, 0);
  g_assert_no_error (error);
}

/* ---- Clicking ---------------------------------------------------------------------------- */

/* Two clicks before the main loop runs. */
static void
double_click (GtkWidget *widget)
{
  g_autoptr(GtkWidget) held = g_object_ref (widget);
  gboolean landed;

  da_test_click (widget);
  landed = da_test_click_again (widget);
  g_test_message ("The second click on %s %s", gtk_widget_get_name (widget),
                  landed ? "landed" : "found nothing to take it");
}

static guint
count_toplevels (GType       type,
                 const char *name)
{
  guint n;

  da_test_find_toplevel (type, name, &n);
  return n;
}

/* Activates @action of @widget twice, as a double click on a menu's item or a button with
 * that action would: the second only when no modal dialog came over it. */
static void
activate_twice (GtkWidget  *widget,
                const char *action)
{
  gboolean landed;

  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  landed = !da_test_modal_over (gtk_widget_get_root (widget)) &&
           gtk_widget_activate_action (widget, action, NULL);
  g_test_message ("The second activation of %s %s", action,
                  landed ? "landed" : "found nothing to take it");
}

/* Waits for the one dialog of @type named @name a double click opened; fails when it opened
 * two. */
static GtkWindow *
wait_one_dialog (Fixture    *f,
                 GType       type,
                 const char *name)
{
  GtkWindow *dialog;
  guint n;

  WAIT_UNTIL (f, count_toplevels (type, name) > 0);
  /* A dialog a second click opened after a load would be there by now. */
  settle (f);
  dialog = da_test_find_toplevel (type, name, &n);
  g_assert_cmpuint (n, ==, 1);
  return dialog;
}

/* Double-clicks @opener and returns the one dialog it opened; fails when it opened two. */
static GtkWindow *
open_once (Fixture    *f,
           GtkWidget  *opener,
           GType       type,
           const char *name)
{
  double_click (opener);
  return wait_one_dialog (f, type, name);
}

/* The button of a message dialog's response of @appearance ("destructive" or "suggested"). */
static GtkWidget *
response_button (GtkWindow  *dialog,
                 const char *appearance)
{
  g_autoptr(GPtrArray) buttons = da_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);
  g_autofree char *action = g_strconcat (appearance, "-action", NULL);

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), appearance) ||
        gtk_widget_has_css_class (g_ptr_array_index (buttons, i), action))
      return g_ptr_array_index (buttons, i);

  g_assert_not_reached ();
  return NULL;
}

/* Clicks @send (twice, at once or while in flight) with the fault of @how on @method @glob, and
 * waits for the request to have reached the server and for @done to hold. Returns how many
 * requests reached it. @busy tells whether the app still waits for the answer. */
typedef gboolean (*Check) (Fixture *f, gpointer data);

static guint
send_twice (Fixture    *f,
            GtkWidget  *send,
            const char *method,
            const char *glob,
            How         how,
            Check       busy,
            Check       done,
            gpointer    data)
{
  g_autoptr(GtkWidget) held = g_object_ref (send);
  guint before = requests (f, method, glob);

  add_fault (f, method, glob, how);
  if (how == IN_FLIGHT)
    {
      gboolean landed;

      da_test_click (send);
      WAIT_UNTIL (f, requests (f, method, glob) > before);
      /* The server holds its answer: the app is still waiting for it. */
      g_assert_true (busy (f, data));
      landed = da_test_click_again (send);
      g_test_message ("A click on %s while its request was in flight %s",
                      gtk_widget_get_name (send), landed ? "landed" : "found nothing to take it");
    }
  else
    double_click (send);

  WAIT_UNTIL (f, requests (f, method, glob) > before && !busy (f, data) && done (f, data));
  settle (f);
  da_mock_server_clear_faults (f->server);
  return requests (f, method, glob) - before;
}

static gboolean
always (Fixture  *f,
        gpointer  data)
{
  return TRUE;
}

/* ---- The API, asked directly ------------------------------------------------------------- */

static GListModel *
api_orgs (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (f->api);

  return da_test_load_all (pager);
}

/* The ID of the organization at @position (0 is the primary one). (transfer full) */
static char *
api_org_id (Fixture *f,
            guint    position)
{
  g_autoptr(GListModel) orgs = api_orgs (f);
  g_autoptr(DaOrganization) org = NULL;

  g_assert_cmpuint (position, <, g_list_model_get_n_items (orgs));
  org = g_list_model_get_item (orgs, position);
  return g_strdup (da_organization_get_org_id (org));
}

/* The organization role of @user_id in @org_id, or NULL when not a member. (transfer full) */
static char *
api_org_role (Fixture    *f,
              const char *org_id,
              const char *user_id)
{
  g_autoptr(DaPager) pager = da_client_list_organization_members (f->api, org_id);
  g_autoptr(GListModel) members = da_test_load_all (pager);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (members, i);

      if (g_strcmp0 (da_org_membership_get_user_id (membership), user_id) == 0)
        return g_strdup (da_org_membership_get_org_role (membership));
    }

  return NULL;
}

static gboolean
api_in_org (Fixture    *f,
            const char *org_id,
            const char *user_id)
{
  g_autofree char *role = api_org_role (f, org_id, user_id);

  return role != NULL;
}

/* The organizations @user_id is in. (transfer full) */
static GHashTable *
api_member_orgs (Fixture    *f,
                 const char *user_id)
{
  g_autoptr(DaPager) pager = da_client_list_member_organizations (f->api, user_id);
  g_autoptr(GListModel) orgs = da_test_load_all (pager);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (orgs, i);

      g_hash_table_add (ids, g_strdup (da_org_membership_get_org_id (membership)));
    }

  return ids;
}

static gboolean
api_group_linked (Fixture    *f,
                  const char *org_id,
                  const char *group_name)
{
  g_autoptr(DaPager) pager = da_client_list_organization_groups (f->api, org_id);
  g_autoptr(GListModel) groups = da_test_load_all (pager);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(DaOrgGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (da_org_group_get_group_name (group), group_name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* ---- The Members page ---------------------------------------------------------------------- */

static DaPage *
members_page (Fixture *f)
{
  DaPage *page = da_fm_app_show_page (f->app, "members");

  g_assert_nonnull (page);
  return page;
}

/* Selects the members at @positions (-1 ends the list) as clicks would; returns their IDs. */
static GStrv
select_members (DaPage    *page,
                const int *positions)
{
  GtkSelectionModel *model = da_test_list_model (GTK_WIDGET (page));
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; positions[i] >= 0; i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (G_LIST_MODEL (model), positions[i]);

      g_assert_nonnull (member);
      gtk_selection_model_select_item (model, positions[i], i == 0);
      g_strv_builder_add (ids, da_member_get_user_id (member));
    }

  return g_strv_builder_end (ids);
}

static gboolean
shown_since_baseline (Fixture    *f,
                      const char *needle)
{
  const char *needles[] = { needle, NULL };
  g_autofree char *shown = da_fm_app_find_shown (f->app, needles);

  return shown != NULL;
}

/* Ticks @org_id in an open "Add to Organizations" dialog and returns its Add button. */
static GtkWidget *
choose_org (GtkWindow  *dialog,
            const char *org_id)
{
  GtkWidget *check = da_test_get_widget (GTK_WIDGET (dialog), org_id);

  g_assert_true (gtk_widget_is_sensitive (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  return response_button (dialog, "suggested");
}

typedef struct
{
  GStrv       user_ids;
  const char *org_id;
  DaPage     *page;
} OrgsAdd;

static gboolean
all_in_org (Fixture  *f,
            gpointer  data)
{
  OrgsAdd *add = data;

  for (guint i = 0; add->user_ids[i] != NULL; i++)
    if (!api_in_org (f, add->org_id, add->user_ids[i]))
      return FALSE;
  return TRUE;
}

static gboolean
page_done (Fixture  *f,
           gpointer  data)
{
  OrgsAdd *add = data;

  return !da_page_get_busy (add->page);
}

static gboolean
page_add_busy (Fixture  *f,
               gpointer  data)
{
  OrgsAdd *add = data;

  return da_page_get_busy (add->page);
}

/* The first time, the app has not loaded the roles and the organizations yet (as right after
 * signing in): the dialog opens only once they are, and a second click lands meanwhile. */
static void
forget_if_first (Fixture *f,
                 How      how)
{
  if (how == AT_ONCE)
    da_context_forget (da_application_get_context (da_fm_app_get_application (f->app)));
}

/* Opens "Add to Organizations" for the members selected: with the selection bar's button, or,
 * when the bar is too narrow for it, with the item of its Actions menu. */
static GtkWindow *
open_orgs_dialog (Fixture *f,
                  DaPage  *page)
{
  GtkWidget *button = da_test_get_widget (GTK_WIDGET (page), "orgs-selected-button");

  if (gtk_widget_get_mapped (button))
    double_click (button);
  else
    activate_twice (GTK_WIDGET (page), "members.add-to-organizations");
  return wait_one_dialog (f, ADW_TYPE_MESSAGE_DIALOG, "da-member-orgs-dialog");
}

/* Add to Organizations, for the members selected on the page. */
static void
test_members_add_to_organizations (Fixture       *f,
                                   gconstpointer  data)
{
  DaPage *page = members_page (f);

  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      const int positions[] = { 2 * how, 2 * how + 1, -1 };
      g_auto(GStrv) user_ids = select_members (page, positions);
      g_autofree char *org_id = api_org_id (f, 1 + how);
      OrgsAdd add = { user_ids, org_id, page };
      gboolean were_in = all_in_org (f, &add);
      GtkWidget *opener;
      GtkWindow *dialog;
      guint sent;

      g_test_message ("Add to Organizations, %s", how_names[how]);
      da_fm_app_tidy (f->app);
      da_fm_app_mark_baseline (f->app);
      opener = da_test_get_widget (GTK_WIDGET (page), "orgs-selected-button");
      WAIT_UNTIL (f, gtk_widget_is_sensitive (opener));
      forget_if_first (f, how);
      dialog = open_orgs_dialog (f, page);

      sent = send_twice (f, choose_org (dialog, org_id), "POST", "/organizations/*/members",
                         how, page_add_busy, page_done, &add);
      g_assert_cmpuint (sent, ==, 1);
      g_assert_cmpuint (count_toplevels (ADW_TYPE_MESSAGE_DIALOG, NULL), ==, 0);

      if (how == AFTER_FAILURE)
        {
          /* Said on the page; nothing changed. Sending again is one more request. */
          WAIT_UNTIL (f, shown_since_baseline (f, "503 Service Unavailable"));
          if (!were_in)
            g_assert_false (all_in_org (f, &add));
          dialog = open_orgs_dialog (f, page);
          sent = send_twice (f, choose_org (dialog, org_id), "POST", "/organizations/*/members",
                             AT_ONCE, page_add_busy, page_done, &add);
          g_assert_cmpuint (sent, ==, 1);
        }

      WAIT_UNTIL (f, shown_since_baseline (f, "Added 2 members"));
      g_assert_true (all_in_org (f, &add));
    }
}

static gboolean
roles_changed (Fixture  *f,
               gpointer  data)
{
  OrgsAdd *change = data;

  for (guint i = 0; change->user_ids[i] != NULL; i++)
    {
      g_autoptr(DaMember) member = NULL;
      g_autoptr(GError) error = NULL;
      DaTestAsync async = { 0 };

      da_client_get_member_async (f->api, change->user_ids[i], NULL, da_test_async_cb, &async);
      member = da_client_get_member_finish (f->api, da_test_async_wait (&async), &error);
      da_test_async_clear (&async);
      g_assert_no_error (error);
      if (g_strcmp0 (da_member_get_enterprise_role (member), "account_admin") != 0)
        return FALSE;
    }
  return !da_page_get_busy (change->page);
}

/* Change Role for the members selected, asked before the app has loaded the roles (the fault
 * matrix double-clicks it once they are loaded). */
static void
test_members_change_role (Fixture       *f,
                          gconstpointer  data)
{
  DaPage *page = members_page (f);
  GtkSelectionModel *model = da_test_list_model (GTK_WIDGET (page));
  g_autoptr(GArray) positions = g_array_new (TRUE, FALSE, sizeof (int));
  g_auto(GStrv) user_ids = NULL;
  GtkWidget *button;
  GtkWindow *dialog;
  AdwComboRow *role_row;
  OrgsAdd change = { NULL, NULL, page };
  guint sent;

  /* Two members who are not admins yet. */
  for (int i = 0; positions->len < 2; i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (member);
      if (g_strcmp0 (da_member_get_enterprise_role (member), "account_member") == 0)
        g_array_append_val (positions, i);
    }
  g_array_append_val (positions, (int) { -1 });
  user_ids = select_members (page, (const int *) positions->data);
  change.user_ids = user_ids;

  forget_if_first (f, AT_ONCE);
  button = da_test_get_widget (GTK_WIDGET (page), "role-selected-button");
  WAIT_UNTIL (f, gtk_widget_is_sensitive (button));
  if (gtk_widget_get_mapped (button))
    double_click (button);
  else
    activate_twice (GTK_WIDGET (page), "members.change-role");
  dialog = wait_one_dialog (f, ADW_TYPE_MESSAGE_DIALOG, "da-member-role-dialog");

  role_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (dialog), "role-row"));
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (role_row)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (role_row)), i),
                   "Admin") == 0)
      adw_combo_row_set_selected (role_row, i);
  sent = send_twice (f, response_button (dialog, "suggested"), "PATCH", "/members/roles",
                     AT_ONCE, page_add_busy, roles_changed, &change);
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (count_toplevels (ADW_TYPE_MESSAGE_DIALOG, NULL), ==, 0);
}

/* ---- A member's details ---------------------------------------------------------------------- */

static DaMemberDetails *
details_of (DaPage *page)
{
  GtkWidget *details = da_test_find_widget (GTK_WIDGET (page), DA_TYPE_MEMBER_DETAILS, NULL);

  /* The pane is made when a member is first shown in it: the first one, then. */
  if (details == NULL)
    {
      const int first[] = { 0, -1 };
      g_auto(GStrv) ids = select_members (page, first);

      details = da_test_find_widget (GTK_WIDGET (page), DA_TYPE_MEMBER_DETAILS, NULL);
    }
  g_assert_nonnull (details);
  return DA_MEMBER_DETAILS (details);
}

typedef struct
{
  DaMemberDetails *details;
  const char      *user_id;
  const char      *org_id;
} DetailsChange;

static gboolean
details_busy (Fixture  *f,
              gpointer  data)
{
  DetailsChange *change = data;

  /* While a change of the organizations is under way they cannot be changed again. */
  return !gtk_widget_is_sensitive (da_test_get_widget (GTK_WIDGET (change->details), "add-org-button"));
}

/* The member's organizations are listed (the reload after a change is done). */
static gboolean
details_listed (DetailsChange *change)
{
  GtkWidget *list = da_test_get_widget (GTK_WIDGET (change->details), "member-orgs-list");
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (list, GTK_TYPE_STACK));
  const char *shown = gtk_stack_get_visible_child_name (stack);

  return gtk_widget_is_drawable (GTK_WIDGET (stack)) && !details_busy (NULL, change) &&
         (g_strcmp0 (shown, "list") == 0 || g_strcmp0 (shown, "empty") == 0);
}

static GtkWidget *
remove_org_button (DetailsChange *change)
{
  g_autofree char *name = g_strdup_printf ("remove-org-%s", change->org_id);

  return da_test_find_widget (GTK_WIDGET (change->details), GTK_TYPE_BUTTON, name);
}

static gboolean
details_removed (Fixture  *f,
                 gpointer  data)
{
  DetailsChange *change = data;

  return details_listed (change) && remove_org_button (change) == NULL;
}

static gboolean
details_added (Fixture  *f,
               gpointer  data)
{
  DetailsChange *change = data;

  return details_listed (change) && remove_org_button (change) != NULL;
}

/* Shows the member at @position in the details; returns their ID. */
static char *
show_member (Fixture *f,
             DaPage  *page,
             int      position)
{
  const int positions[] = { position, -1 };
  g_auto(GStrv) ids = select_members (page, positions);
  DaMemberDetails *details = details_of (page);
  DetailsChange change = { details, ids[0], NULL };

  WAIT_UNTIL (f, da_member_details_get_member (details) != NULL &&
                 g_strcmp0 (da_member_get_user_id (da_member_details_get_member (details)),
                            ids[0]) == 0 &&
                 gtk_widget_is_drawable (da_test_get_widget (GTK_WIDGET (details), "add-org-button")) &&
                 details_listed (&change));
  return g_strdup (ids[0]);
}

/* Remove From an organization, in a member's details. */
static void
test_details_remove_from_organization (Fixture       *f,
                                       gconstpointer  data)
{
  DaPage *page = members_page (f);
  DaMemberDetails *details = details_of (page);

  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      g_autofree char *user_id = NULL;
      g_autofree char *org_id = api_org_id (f, 1 + how);
      DetailsChange change = { details, NULL, org_id };
      GtkWindow *dialog;
      guint sent;

      g_test_message ("Remove From an organization, %s", how_names[how]);
      da_fm_app_tidy (f->app);
      /* A member of that organization. */
      for (int position = 0; user_id == NULL; position++)
        {
          g_autofree char *candidate = show_member (f, page, position);

          g_assert_cmpint (position, <, 40);
          if (api_in_org (f, org_id, candidate))
            user_id = g_steal_pointer (&candidate);
        }
      change.user_id = user_id;
      WAIT_UNTIL (f, remove_org_button (&change) != NULL);

      dialog = open_once (f, remove_org_button (&change), ADW_TYPE_MESSAGE_DIALOG,
                          "da-confirm-dialog");
      sent = send_twice (f, response_button (dialog, "destructive"), "DELETE",
                         "/organizations/*/members/*", how, details_busy,
                         how == AFTER_FAILURE ? (Check) always : details_removed, &change);
      g_assert_cmpuint (sent, ==, 1);

      if (how == AFTER_FAILURE)
        {
          GtkWidget *message = da_test_get_widget (GTK_WIDGET (details), "details-message");

          WAIT_UNTIL (f, details_listed (&change) && gtk_widget_is_drawable (message) &&
                         strstr (gtk_label_get_text (GTK_LABEL (message)), "503") != NULL);
          g_assert_true (api_in_org (f, org_id, user_id));
          dialog = open_once (f, remove_org_button (&change), ADW_TYPE_MESSAGE_DIALOG,
                              "da-confirm-dialog");
          sent = send_twice (f, response_button (dialog, "destructive"), "DELETE",
                             "/organizations/*/members/*", AT_ONCE, details_busy,
                             details_removed, &change);
          g_assert_cmpuint (sent, ==, 1);
        }

      g_assert_false (api_in_org (f, org_id, user_id));
    }
}

/* Add to Organizations, in a member's details. */
static void
test_details_add_to_organizations (Fixture       *f,
                                   gconstpointer  data)
{
  DaPage *page = members_page (f);
  DaMemberDetails *details = details_of (page);

  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      g_autofree char *user_id = NULL;
      g_autofree char *org_id = NULL;
      DetailsChange change = { details, NULL, NULL };
      GtkWindow *dialog;
      guint sent;

      g_test_message ("Add to Organizations in the details, %s", how_names[how]);
      da_fm_app_tidy (f->app);
      /* A member and an organization they are not in. */
      for (int position = 10 + how; org_id == NULL; position++)
        {
          g_autofree char *candidate = show_member (f, page, position);
          g_autoptr(GHashTable) joined = api_member_orgs (f, candidate);
          g_autoptr(GListModel) orgs = api_orgs (f);

          g_assert_cmpint (position, <, 40);
          for (guint i = 1; org_id == NULL && i < g_list_model_get_n_items (orgs); i++)
            {
              g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);

              if (!g_hash_table_contains (joined, da_organization_get_org_id (org)))
                org_id = g_strdup (da_organization_get_org_id (org));
            }
          if (org_id != NULL)
            user_id = g_steal_pointer (&candidate);
        }
      change.user_id = user_id;
      change.org_id = org_id;

      forget_if_first (f, how);
      dialog = open_once (f, da_test_get_widget (GTK_WIDGET (details), "add-org-button"),
                          ADW_TYPE_MESSAGE_DIALOG, "da-member-orgs-dialog");
      sent = send_twice (f, choose_org (dialog, org_id), "POST", "/organizations/*/members",
                         how, details_busy,
                         how == AFTER_FAILURE ? (Check) always : details_added, &change);
      g_assert_cmpuint (sent, ==, 1);

      if (how == AFTER_FAILURE)
        {
          GtkWidget *message = da_test_get_widget (GTK_WIDGET (details), "details-message");

          WAIT_UNTIL (f, details_listed (&change) && gtk_widget_is_drawable (message) &&
                         strstr (gtk_label_get_text (GTK_LABEL (message)), "503") != NULL);
          g_assert_false (api_in_org (f, org_id, user_id));
          dialog = open_once (f, da_test_get_widget (GTK_WIDGET (details), "add-org-button"),
                              ADW_TYPE_MESSAGE_DIALOG, "da-member-orgs-dialog");
          sent = send_twice (f, choose_org (dialog, org_id), "POST", "/organizations/*/members",
                             AT_ONCE, details_busy, details_added, &change);
          g_assert_cmpuint (sent, ==, 1);
        }

      g_assert_true (api_in_org (f, org_id, user_id));
    }
}

static guint
combo_find (AdwComboRow *row,
            const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;

  g_assert_not_reached ();
  return G_MAXUINT;
}

static char *
api_enterprise_role (Fixture    *f,
                     const char *user_id)
{
  g_autoptr(DaMember) member = NULL;
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };

  da_client_get_member_async (f->api, user_id, NULL, da_test_async_cb, &async);
  member = da_client_get_member_finish (f->api, da_test_async_wait (&async), &error);
  da_test_async_clear (&async);
  g_assert_no_error (error);
  return g_strdup (da_member_get_enterprise_role (member));
}

/* The role in a member's details: choosing in its list sends at once, no dialog. While the
 * change is under way the row takes no second choice. */
static void
test_details_change_role (Fixture       *f,
                          gconstpointer  data)
{
  DaPage *page = members_page (f);
  DaMemberDetails *details = details_of (page);
  AdwComboRow *role_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (details), "role-row"));
  GtkSelectionModel *model = da_test_list_model (GTK_WIDGET (page));
  int position = 0;

  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      g_autofree char *user_id = NULL;
      g_autofree char *role = NULL;
      guint before = requests (f, "PATCH", "/members/roles");
      GtkWidget *message = da_test_get_widget (GTK_WIDGET (details), "details-message");

      g_test_message ("Changing the role in the details, %s", how_names[how]);
      /* A member who is not an admin. */
      while (user_id == NULL)
        {
          g_autoptr(DaMember) member = g_list_model_get_item (G_LIST_MODEL (model), position);

          g_assert_nonnull (member);
          if (g_strcmp0 (da_member_get_enterprise_role (member), "account_member") == 0)
            user_id = show_member (f, page, position);
          position++;
        }
      WAIT_UNTIL (f, gtk_widget_is_sensitive (GTK_WIDGET (role_row)));

      add_fault (f, "PATCH", "/members/roles", how);
      adw_combo_row_set_selected (role_row, combo_find (role_row, "Admin"));
      /* No second choice: at once, and while the request is in flight. */
      g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (role_row)));
      if (how == IN_FLIGHT)
        {
          WAIT_UNTIL (f, requests (f, "PATCH", "/members/roles") > before);
          g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (role_row)));
        }

      if (how == AFTER_FAILURE)
        {
          /* Said in the details; the role shown is the one the member has. Choosing again
           * sends once more. */
          WAIT_UNTIL (f, gtk_widget_is_sensitive (GTK_WIDGET (role_row)) &&
                         gtk_widget_is_drawable (message) &&
                         strstr (gtk_label_get_text (GTK_LABEL (message)), "503") != NULL);
          settle (f);
          g_assert_cmpuint (requests (f, "PATCH", "/members/roles"), ==, before + 1);
          role = api_enterprise_role (f, user_id);
          g_assert_cmpstr (role, ==, "account_member");
          g_clear_pointer (&role, g_free);
          g_assert_cmpuint (adw_combo_row_get_selected (role_row), !=,
                            combo_find (role_row, "Admin"));
          da_mock_server_clear_faults (f->server);
          before++;
          adw_combo_row_set_selected (role_row, combo_find (role_row, "Admin"));
          g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (role_row)));
        }

      WAIT_UNTIL (f, gtk_widget_is_sensitive (GTK_WIDGET (role_row)) && !da_page_get_busy (page));
      settle (f);
      da_mock_server_clear_faults (f->server);
      g_assert_cmpuint (requests (f, "PATCH", "/members/roles"), ==, before + 1);
      role = api_enterprise_role (f, user_id);
      g_assert_cmpstr (role, ==, "account_admin");
      g_assert_cmpuint (adw_combo_row_get_selected (role_row), ==, combo_find (role_row, "Admin"));
    }
}

/* ---- An organization's window ------------------------------------------------------------ */

static DaOrganizationWindow *
open_org_window (Fixture    *f,
                 const char *org_id)
{
  DaPage *page = da_fm_app_show_page (f->app, "organizations");
  GtkSelectionModel *model;
  DaOrganizationWindow *window = NULL;

  g_assert_nonnull (page);
  model = da_test_list_model (GTK_WIDGET (page));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_strcmp0 (da_organization_get_org_id (org), org_id) == 0)
        gtk_selection_model_select_item (model, i, TRUE);
    }

  da_test_click (da_test_get_widget (GTK_WIDGET (page), "organization-details-button"));
  window = DA_ORGANIZATION_WINDOW (da_test_wait_for_toplevel (DA_TYPE_ORGANIZATION_WINDOW,
                                                              NULL));
  WAIT_UNTIL (f, !da_organization_window_get_busy (window));
  return window;
}

static GListModel *
window_members (DaOrganizationWindow *window)
{
  GtkWidget *view = da_test_get_widget (GTK_WIDGET (window), "members-view");

  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
}

/* The role the window lists for @user_id, or NULL when it does not list them. */
static const char *
window_role (DaOrganizationWindow *window,
             const char           *user_id)
{
  GListModel *model = window_members (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_org_membership_get_user_id (membership), user_id) == 0)
        return da_org_membership_get_org_role (membership);
    }

  return NULL;
}

/* Selects the window's member at @position; returns their ID. (transfer full) */
static char *
select_window_member (DaOrganizationWindow *window,
                      guint                 position)
{
  GListModel *model = window_members (window);
  g_autoptr(DaOrgMembership) membership = g_list_model_get_item (model, position);

  g_assert_nonnull (membership);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), position, TRUE);
  return g_strdup (da_org_membership_get_user_id (membership));
}

typedef struct
{
  DaOrganizationWindow *window;
  const char           *org_id;
  const char           *user_id;
  const char           *role;
  const char           *group;
  DaOrganizationMemberPicker *picker;
} WindowChange;

static gboolean
window_busy (Fixture  *f,
             gpointer  data)
{
  WindowChange *change = data;

  return da_organization_window_get_busy (change->window);
}

static gboolean
window_error_shown (WindowChange *change,
                    const char   *name)
{
  GtkWidget *label = da_test_get_widget (GTK_WIDGET (change->window), name);

  return gtk_widget_is_drawable (label) &&
         strstr (gtk_label_get_text (GTK_LABEL (label)), "503") != NULL;
}

static gboolean
window_lists_role (Fixture  *f,
                   gpointer  data)
{
  WindowChange *change = data;

  return g_strcmp0 (window_role (change->window, change->user_id), change->role) == 0;
}

static gboolean
window_lacks_member (Fixture  *f,
                     gpointer  data)
{
  WindowChange *change = data;

  return window_role (change->window, change->user_id) == NULL;
}

static gboolean
picker_sending (Fixture  *f,
                gpointer  data)
{
  WindowChange *change = data;

  return change->picker != NULL && da_organization_member_picker_get_busy (change->picker);
}

static gboolean
picker_added (Fixture  *f,
              gpointer  data)
{
  WindowChange *change = data;

  return change->picker == NULL && !da_organization_window_get_busy (change->window) &&
         window_lists_role (f, change);
}

static gboolean
picker_failed (Fixture  *f,
               gpointer  data)
{
  WindowChange *change = data;

  return change->picker != NULL &&
         gtk_widget_is_drawable (da_test_get_widget (GTK_WIDGET (change->picker), "picker-error"));
}

/* An organization's members: add (with the picker), change role, remove. */
static void
test_org_window_members (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *org_id = api_org_id (f, 1);
  DaOrganizationWindow *window = open_org_window (f, org_id);
  g_autoptr(DaPager) pager = da_client_list_members (f->api, NULL);
  g_autoptr(GListModel) everyone = da_test_load_all (pager);
  guint next_outsider = 0;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  /* Adding, with the picker. */
  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      WindowChange change = { window, org_id, NULL, "org_admin", NULL, NULL };
      g_autoptr(DaMember) outsider = NULL;
      GtkWidget *check = NULL;
      AdwComboRow *role_row;
      guint sent;

      g_test_message ("Adding to an organization with the picker, %s", how_names[how]);
      while (outsider == NULL)
        {
          g_autoptr(DaMember) member = g_list_model_get_item (everyone, next_outsider++);

          g_assert_nonnull (member);
          if (!api_in_org (f, org_id, da_member_get_user_id (member)))
            outsider = g_steal_pointer (&member);
        }
      change.user_id = da_member_get_user_id (outsider);

      change.picker = DA_ORGANIZATION_MEMBER_PICKER (
        open_once (f, da_test_get_widget (GTK_WIDGET (window), "add-members-button"),
                   DA_TYPE_ORGANIZATION_MEMBER_PICKER, NULL));
      g_object_add_weak_pointer (G_OBJECT (change.picker), (gpointer *) &change.picker);
      WAIT_UNTIL (f, !da_organization_member_picker_get_busy (change.picker));
      da_test_type (da_test_get_widget (GTK_WIDGET (change.picker), "picker-search"),
                    da_member_get_email (outsider));
      WAIT_UNTIL (f, (check = da_test_find_row_check (GTK_WIDGET (change.picker),
                                                           da_member_get_email (outsider))) != NULL);
      da_test_click (check);
      role_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (change.picker), "picker-role-row"));
      for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (role_row)); i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (role_row)), i),
                       "Admin") == 0)
          adw_combo_row_set_selected (role_row, i);

      sent = send_twice (f, da_test_get_widget (GTK_WIDGET (change.picker), "picker-add-button"), "POST",
                         "/organizations/*/members", how, picker_sending,
                         how == AFTER_FAILURE ? picker_failed : picker_added, &change);
      g_assert_cmpuint (sent, ==, 1);

      if (how == AFTER_FAILURE)
        {
          /* The picker stays, saying why, with the member still picked; Add again sends once. */
          g_assert_nonnull (change.picker);
          g_assert_false (api_in_org (f, org_id, change.user_id));
          g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
          sent = send_twice (f, da_test_get_widget (GTK_WIDGET (change.picker), "picker-add-button"),
                             "POST", "/organizations/*/members", AT_ONCE, picker_sending,
                             picker_added, &change);
          g_assert_cmpuint (sent, ==, 1);
        }

      g_assert_null (change.picker);
      {
        g_autofree char *role = api_org_role (f, org_id, change.user_id);

        g_assert_cmpstr (role, ==, "org_admin");
      }
    }

  /* Changing the role: the menu's item sends at once, no dialog. */
  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      g_autofree char *user_id = select_window_member (window, how);
      WindowChange change = { window, org_id, user_id, NULL, NULL, NULL };
      guint before = requests (f, "PATCH", "/organizations/*/members/roles");
      g_autofree char *api_role = NULL;

      g_test_message ("Changing an organization role, %s", how_names[how]);
      change.role = g_strcmp0 (window_role (window, user_id), "org_admin") == 0
                    ? "org_member" : "org_admin";
      WAIT_UNTIL (f, gtk_widget_is_sensitive (da_test_get_widget (GTK_WIDGET (window),
                                                          "change-role-button")));
      add_fault (f, "PATCH", "/organizations/*/members/roles", how);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "members.set-role", "s",
                                                 change.role));
      if (how == IN_FLIGHT)
        {
          WAIT_UNTIL (f, requests (f, "PATCH", "/organizations/*/members/roles") > before);
          g_assert_true (window_busy (f, &change));
        }
      /* Again, at once or while in flight: the action is off while a change is under way. */
      gtk_widget_activate_action (GTK_WIDGET (window), "members.set-role", "s", change.role);

      if (how == AFTER_FAILURE)
        {
          WAIT_UNTIL (f, !window_busy (f, &change) && window_error_shown (&change,
                                                                          "members-error"));
          settle (f);
          g_assert_cmpuint (requests (f, "PATCH", "/organizations/*/members/roles"), ==,
                            before + 1);
          g_assert_false (window_lists_role (f, &change));
          da_mock_server_clear_faults (f->server);
          before++;
          gtk_widget_activate_action (GTK_WIDGET (window), "members.set-role", "s",
                                      change.role);
          gtk_widget_activate_action (GTK_WIDGET (window), "members.set-role", "s",
                                      change.role);
        }

      WAIT_UNTIL (f, !window_busy (f, &change) && window_lists_role (f, &change));
      settle (f);
      da_mock_server_clear_faults (f->server);
      g_assert_cmpuint (requests (f, "PATCH", "/organizations/*/members/roles"), ==, before + 1);
      api_role = api_org_role (f, org_id, user_id);
      g_assert_cmpstr (api_role, ==, change.role);
    }

  /* Removing, after a confirmation. */
  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      g_autofree char *user_id = select_window_member (window, 0);
      WindowChange change = { window, org_id, user_id, NULL, NULL, NULL };
      GtkWidget *remove = da_test_get_widget (GTK_WIDGET (window), "remove-members-button");
      GtkWindow *dialog;
      guint sent;

      g_test_message ("Removing from an organization's window, %s", how_names[how]);
      WAIT_UNTIL (f, gtk_widget_is_sensitive (remove));
      dialog = open_once (f, remove, ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
      sent = send_twice (f, response_button (dialog, "destructive"), "DELETE",
                         "/organizations/*/members/*", how, window_busy,
                         how == AFTER_FAILURE ? (Check) always : window_lacks_member, &change);
      g_assert_cmpuint (sent, ==, 1);

      if (how == AFTER_FAILURE)
        {
          WAIT_UNTIL (f, window_error_shown (&change, "members-error"));
          g_assert_true (api_in_org (f, org_id, user_id));
          WAIT_UNTIL (f, gtk_widget_is_sensitive (remove));
          dialog = open_once (f, remove, ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
          sent = send_twice (f, response_button (dialog, "destructive"), "DELETE",
                             "/organizations/*/members/*", AT_ONCE, window_busy,
                             window_lacks_member, &change);
          g_assert_cmpuint (sent, ==, 1);
        }

      g_assert_false (api_in_org (f, org_id, user_id));
    }

  g_assert_nonnull (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
unlink_button (DaOrganizationWindow *window,
               const char           *group)
{
  g_autofree char *tooltip = g_strdup_printf ("Unlink “%s”", group);

  return da_test_find_by_text (GTK_WIDGET (window), GTK_TYPE_BUTTON, tooltip);
}

static gboolean
group_listed (Fixture  *f,
              gpointer  data)
{
  WindowChange *change = data;

  return unlink_button (change->window, change->group) != NULL;
}

static gboolean
group_not_listed (Fixture  *f,
                  gpointer  data)
{
  WindowChange *change = data;

  return unlink_button (change->window, change->group) == NULL;
}

/* An organization's IdP groups: link, unlink. */
static void
test_org_window_groups (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *org_id = api_org_id (f, 1);
  DaOrganizationWindow *window = open_org_window (f, org_id);
  AdwComboRow *group_row;
  GtkWidget *link;
  GPtrArray *linked = g_ptr_array_new_with_free_func (g_free);

  da_organization_window_show_view (window, "groups");
  group_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (window), "link-group-row"));
  link = da_test_get_widget (GTK_WIDGET (window), "link-group-button");
  WAIT_UNTIL (f, !da_organization_window_get_busy (window) &&
                 g_list_model_get_n_items (adw_combo_row_get_model (group_row)) >= 3 &&
                 gtk_widget_is_drawable (link) && gtk_widget_is_sensitive (link));

  /* Linking: the button sends at once, no dialog. */
  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      WindowChange change = { window, org_id, NULL, NULL, NULL, NULL };
      g_autofree char *group = NULL;
      guint sent;

      g_test_message ("Linking a group, %s", how_names[how]);
      adw_combo_row_set_selected (group_row, 0);
      group = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (group_row)),
                                                    0));
      change.group = group;
      g_assert_false (api_group_linked (f, org_id, group));

      sent = send_twice (f, link, "POST", "/organizations/*/groups", how, window_busy,
                         how == AFTER_FAILURE ? (Check) always : group_listed, &change);
      g_assert_cmpuint (sent, ==, 1);

      if (how == AFTER_FAILURE)
        {
          /* Said inline; the choice stays. The same button sends once more. */
          WAIT_UNTIL (f, window_error_shown (&change, "groups-error"));
          g_assert_false (api_group_linked (f, org_id, group));
          g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (group_row)),
                                                       adw_combo_row_get_selected (group_row)),
                           ==, group);
          sent = send_twice (f, link, "POST", "/organizations/*/groups", AT_ONCE, window_busy,
                             group_listed, &change);
          g_assert_cmpuint (sent, ==, 1);
        }

      g_assert_true (api_group_linked (f, org_id, group));
      g_ptr_array_add (linked, g_steal_pointer (&group));
      WAIT_UNTIL (f, !window_busy (f, &change) && gtk_widget_is_sensitive (link));
    }

  /* Unlinking, after a confirmation. */
  for (How how = AT_ONCE; how <= AFTER_FAILURE; how++)
    {
      WindowChange change = { window, org_id, NULL, NULL, g_ptr_array_index (linked, how), NULL };
      GtkWindow *dialog;
      guint sent;

      g_test_message ("Unlinking a group, %s", how_names[how]);
      WAIT_UNTIL (f, group_listed (f, &change) &&
                     gtk_widget_is_sensitive (unlink_button (window, change.group)));
      dialog = open_once (f, unlink_button (window, change.group), ADW_TYPE_MESSAGE_DIALOG,
                          "da-confirm-dialog");
      sent = send_twice (f, response_button (dialog, "destructive"), "DELETE",
                         "/organizations/*/groups/*", how, window_busy,
                         how == AFTER_FAILURE ? (Check) always : group_not_listed, &change);
      g_assert_cmpuint (sent, ==, 1);

      if (how == AFTER_FAILURE)
        {
          WAIT_UNTIL (f, window_error_shown (&change, "groups-error"));
          g_assert_true (api_group_linked (f, org_id, change.group));
          WAIT_UNTIL (f, group_listed (f, &change) &&
                         gtk_widget_is_sensitive (unlink_button (window, change.group)));
          dialog = open_once (f, unlink_button (window, change.group), ADW_TYPE_MESSAGE_DIALOG,
                              "da-confirm-dialog");
          sent = send_twice (f, response_button (dialog, "destructive"), "DELETE",
                             "/organizations/*/groups/*", AT_ONCE, window_busy,
                             group_not_listed, &change);
          g_assert_cmpuint (sent, ==, 1);
        }

      g_assert_false (api_group_linked (f, org_id, change.group));
    }

  g_ptr_array_unref (linked);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Revoke All ---------------------------------------------------------------------------- */

typedef struct
{
  DaPage *page;
} RevokeAll;

static gboolean
revoke_all_busy (Fixture  *f,
                 gpointer  data)
{
  RevokeAll *revoke = data;

  /* While it is under way, Revoke All cannot be asked again. */
  return da_fm_app_is_signed_in (f->app) &&
         !gtk_widget_is_sensitive (da_test_get_widget (GTK_WIDGET (revoke->page), "revoke-all-button"));
}

static gboolean
signed_out (Fixture  *f,
            gpointer  data)
{
  return !da_fm_app_is_signed_in (f->app);
}

static gboolean
revoke_all_failed (Fixture  *f,
                   gpointer  data)
{
  return shown_since_baseline (f, "503 Service Unavailable");
}

/* Revoke All on the API Keys page: the app signs out once it is done (its own key went too). */
static void
test_revoke_all (Fixture       *f,
                 gconstpointer  data)
{
  How how = GPOINTER_TO_UINT (data);
  DaPage *page = da_fm_app_show_page (f->app, "api-keys");
  RevokeAll revoke = { page };
  GtkWindow *dialog;
  guint sent;

  g_assert_nonnull (page);
  da_fm_app_mark_baseline (f->app);
  dialog = open_once (f, da_test_get_widget (GTK_WIDGET (page), "revoke-all-button"),
                      ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
  da_test_type (da_test_get_widget (GTK_WIDGET (dialog), "confirm-phrase-entry"), "revoke all keys");
  sent = send_twice (f, response_button (dialog, "destructive"), "DELETE", "/api-keys", how,
                     revoke_all_busy, how == AFTER_FAILURE ? revoke_all_failed : signed_out,
                     &revoke);
  g_assert_cmpuint (sent, ==, 1);

  if (how == AFTER_FAILURE)
    {
      GtkWidget *button = da_test_get_widget (GTK_WIDGET (page), "revoke-all-button");

      g_assert_true (da_fm_app_is_signed_in (f->app));
      WAIT_UNTIL (f, gtk_widget_is_sensitive (button));
      dialog = open_once (f, button, ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
      da_test_type (da_test_get_widget (GTK_WIDGET (dialog), "confirm-phrase-entry"), "revoke all keys");
      sent = send_twice (f, response_button (dialog, "destructive"), "DELETE", "/api-keys",
                         AT_ONCE, revoke_all_busy, signed_out, &revoke);
      g_assert_cmpuint (sent, ==, 1);
    }

  /* The app is at the key entry; the key it used no longer works. */
  g_assert_false (da_fm_app_is_signed_in (f->app));
  g_assert_cmpuint (requests (f, "DELETE", "/api-keys/*"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/double-clicks/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("members/add-to-organizations", test_members_add_to_organizations, NULL);
  ADD ("members/change-role", test_members_change_role, NULL);
  ADD ("member-details/remove-from-organization", test_details_remove_from_organization, NULL);
  ADD ("member-details/add-to-organizations", test_details_add_to_organizations, NULL);
  ADD ("member-details/change-role", test_details_change_role, NULL);
  ADD ("organization-window/members", test_org_window_members, NULL);
  ADD ("organization-window/groups", test_org_window_groups, NULL);
  ADD ("api-keys/revoke-all/at-once", test_revoke_all, GUINT_TO_POINTER (AT_ONCE));
  ADD ("api-keys/revoke-all/in-flight", test_revoke_all, GUINT_TO_POINTER (IN_FLIGHT));
  ADD ("api-keys/revoke-all/after-failure", test_revoke_all, GUINT_TO_POINTER (AFTER_FAILURE));

#undef ADD

  return g_test_run ();
}

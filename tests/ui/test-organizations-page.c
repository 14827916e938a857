/* test-organizations-page.c: the Organizations page, its dialogs and the level bar, against the
 * local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is made through the page's widgets and checked through the API afterwards.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "da-csv.h"
#include "da-format.h"
#include "da-organization-dialog.h"
#include "da-organization-member-picker.h"
#include "da-organization-window.h"
#include "da-organizations-page.h"
#include "da-state-view.h"
#include "da-test-ui.h"
#include "da-usage-bar.h"

#define MEMBER_KEY "apk_user_member_orgs"

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  DaClient     *client;
  GtkWidget    *page;
  GtkWindow    *window;
  DaStateView  *state_view;
  GPtrArray    *toasts;
} Fixture;

typedef struct
{
  const char *key;
  gboolean    no_groups;
} Setup;

static const Setup admin_setup = { NULL, FALSE };
static const Setup member_setup = { MEMBER_KEY, FALSE };
static const Setup no_groups_setup = { NULL, TRUE };

static void
show_toast_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  Fixture *f = user_data;

  g_test_message ("Toast: %s", g_variant_get_string (parameter, NULL));
  g_ptr_array_add (f->toasts, g_variant_dup_string (parameter, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = 150;
  options.member_key = g_strdup (MEMBER_KEY);
  options.use_groups = !setup->no_groups;
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, setup->key);
  /* The checks through the API use a client of their own, with the admin key. */
  f->client = da_test_client_new (f->server, NULL);
  f->page = da_organizations_page_new (f->context);
  f->state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  f->toasts = g_ptr_array_new_with_free_func (g_free);
  g_assert_nonnull (f->state_view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  g_clear_object (&f->client);
  g_clear_object (&f->context);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->toasts, g_ptr_array_unref);
}

/* Shows the page in a window that takes its toasts as the app's window does. */
static void
show_page (Fixture *f,
           int      width)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-toast", G_VARIANT_TYPE_STRING);

  g_signal_connect (action, "activate", G_CALLBACK (show_toast_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (f->window, width, 700);
  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
  DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (f->page) && gtk_widget_get_width (f->page) > 0);
}

static DaStateViewState
state_of (Fixture *f)
{
  return da_state_view_get_state (f->state_view);
}

static void
show_loaded_page (Fixture *f)
{
  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT &&
                      !da_page_get_busy (DA_PAGE (f->page)));
}

static gboolean
has_toast (Fixture    *f,
           const char *needle)
{
  for (guint i = 0; i < f->toasts->len; i++)
    if (strstr (g_ptr_array_index (f->toasts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static GListModel *
api_orgs (Fixture *f)
{
  g_autoptr(DaPager) pager = da_client_list_organizations (f->client);

  return da_test_load_all (pager);
}

static DaOrganization *
api_find_org (Fixture    *f,
              const char *org_id,
              const char *name)
{
  g_autoptr(GListModel) orgs = api_orgs (f);

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);

      if ((org_id != NULL && g_strcmp0 (da_organization_get_org_id (org), org_id) == 0) ||
          (name != NULL && g_strcmp0 (da_organization_get_org_name (org), name) == 0))
        return g_steal_pointer (&org);
    }

  return NULL;
}

static DaOrganization *
api_org_at (Fixture *f,
            guint    position)
{
  g_autoptr(GListModel) orgs = api_orgs (f);

  g_assert_cmpuint (position, <, g_list_model_get_n_items (orgs));
  return g_list_model_get_item (orgs, position);
}

/* The first organization after the primary one with (or without) a limit. */
static DaOrganization *
api_other_org (Fixture  *f,
               gboolean  limited)
{
  g_autoptr(GListModel) orgs = api_orgs (f);

  for (guint i = 1; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);

      if ((da_organization_get_max_cycle_acu_limit (org) >= 0) == limited)
        return g_steal_pointer (&org);
    }

  g_assert_not_reached ();
  return NULL;
}

static DaOrgMembership *
api_find_membership (Fixture    *f,
                     const char *org_id,
                     const char *user_id)
{
  g_autoptr(DaPager) pager = da_client_list_organization_members (f->client, org_id);
  g_autoptr(GListModel) members = da_test_load_all (pager);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (members, i);

      if (g_strcmp0 (da_org_membership_get_user_id (membership), user_id) == 0)
        return g_steal_pointer (&membership);
    }

  return NULL;
}

static DaOrgGroup *
api_find_org_group (Fixture    *f,
                    const char *org_id,
                    const char *group_name)
{
  g_autoptr(DaPager) pager = da_client_list_organization_groups (f->client, org_id);
  g_autoptr(GListModel) groups = da_test_load_all (pager);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(DaOrgGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (da_org_group_get_group_name (group), group_name) == 0)
        return g_steal_pointer (&group);
    }

  return NULL;
}

/* An enterprise member who is not in @org_id. */
static DaMember *
api_member_outside (Fixture    *f,
                    const char *org_id)
{
  g_autoptr(DaPager) pager = da_client_list_members (f->client, NULL);
  g_autoptr(GListModel) members = da_test_load_all (pager);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (members, i);
      g_autoptr(DaOrgMembership) membership =
        api_find_membership (f, org_id, da_member_get_user_id (member));

      if (membership == NULL)
        return g_steal_pointer (&member);
    }

  g_assert_not_reached ();
  return NULL;
}

/* This billing cycle's consumption, from its start as the page asks for it. */
static DaConsumption *
api_cycle_consumption (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  DaTestAsync async = { 0 };
  DaConsumption *consumption;
  gint64 start = DA_TIME_UNSET;

  da_client_list_billing_cycles_async (f->client, NULL, da_test_async_cb, &async);
  cycles = da_client_list_billing_cycles_finish (f->client, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  if (cycles->len > 0)
    start = da_billing_cycle_get_start (g_ptr_array_index (cycles, 0));

  da_client_get_daily_consumption_async (f->client, NULL, start, DA_TIME_UNSET, NULL, NULL,
                                         da_test_async_cb, &async);
  consumption = da_client_get_daily_consumption_finish (f->client, da_test_async_wait (&async),
                                                        &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return consumption;
}

static void
api_delete_org (Fixture    *f,
                const char *org_id)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };

  da_client_delete_organization_async (f->client, org_id, NULL, da_test_async_cb, &async);
  g_assert_true (da_client_call_finish (f->client, da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);
}

static void
api_create_org (Fixture    *f,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DaOrganization) org = NULL;
  DaTestAsync async = { 0 };

  da_client_create_organization_async (f->client, name, DA_UNSET, NULL, da_test_async_cb, &async);
  org = da_client_create_organization_finish (f->client, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  g_assert_nonnull (org);
  da_test_async_clear (&async);
}

/* ---- the page's list -------------------------------------------------------------------- */

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (da_test_get_widget (f->page, "organizations-list"));
}

static GListModel *
listed (Fixture *f)
{
  return G_LIST_MODEL (gtk_column_view_get_model (column_view (f)));
}

static gboolean
page_lists (Fixture    *f,
            const char *name)
{
  GListModel *model = listed (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_organization_get_org_name (org), name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Selects a row as a click on it would. */
static void
select_org (Fixture    *f,
            const char *org_id)
{
  GListModel *model = listed (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_organization_get_org_id (org), org_id) == 0)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
          g_assert_true (da_organizations_page_get_selected (DA_ORGANIZATIONS_PAGE (f->page)) ==
                         org);
          return;
        }
    }

  g_assert_not_reached ();
}

static DaOrganizationDialog *
open_dialog (Fixture    *f,
             const char *button_name)
{
  da_test_click (da_test_get_widget (f->page, button_name));
  return DA_ORGANIZATION_DIALOG (da_test_wait_for_toplevel (DA_TYPE_ORGANIZATION_DIALOG, NULL));
}

static void
type_into (GtkWidget  *root,
           const char *name,
           const char *text)
{
  da_test_type (da_test_get_widget (root, name), text);
}

static gboolean
label_shows (GtkWidget  *root,
             const char *name,
             const char *needle)
{
  GtkWidget *label = da_test_get_widget (root, name);

  return gtk_widget_is_visible (label) &&
         strstr (gtk_label_get_text (GTK_LABEL (label)), needle) != NULL;
}

/* Clicks the dialog's button and waits for it to close. */
static void
save_and_wait_closed (DaOrganizationDialog *dialog)
{
  GtkWidget *button = da_test_get_widget (GTK_WIDGET (dialog), "organization-save-button");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  da_test_click (button);
  /* No second send while the first is under way. */
  if (dialog != NULL && da_organization_dialog_get_busy (dialog))
    g_assert_false (gtk_widget_get_sensitive (button));
  DA_TEST_WAIT_UNTIL (dialog == NULL);
}

/* ---- tests: the list and its bars ------------------------------------------------------- */

static guint
count_level (GPtrArray    *bars,
             DaUsageLevel  level)
{
  guint n = 0;

  for (guint i = 0; i < bars->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (bars, i)) &&
        da_usage_bar_get_level (g_ptr_array_index (bars, i)) == level)
      n++;
  return n;
}

static void
test_list_matches_api (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GListModel) orgs = NULL;
  g_autoptr(DaConsumption) consumption = NULL;
  g_autoptr(GPtrArray) bars = NULL;
  guint expected[DA_USAGE_LEVEL_ERROR + 1] = { 0 };
  gboolean near_half = FALSE, near_limit = FALSE, over = FALSE;

  show_loaded_page (f);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_search (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_new (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_export (DA_PAGE (f->page)));

  orgs = api_orgs (f);
  consumption = api_cycle_consumption (f);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, g_list_model_get_n_items (orgs));

  /* Every organization of the API is listed, in the server's order until a column is sorted. */
  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);
      g_autoptr(DaOrganization) row = g_list_model_get_item (listed (f), i);
      double used = da_consumption_lookup_org (consumption, da_organization_get_org_id (org));
      gint64 limit = da_organization_get_max_cycle_acu_limit (org);

      g_assert_cmpstr (da_organization_get_org_id (row), ==, da_organization_get_org_id (org));
      expected[da_usage_level_for (used, limit)]++;
      if (limit > 0)
        {
          double fraction = used / limit;

          g_test_message ("%s: %.1f of %" G_GINT64_FORMAT, da_organization_get_org_name (org),
                          used, limit);
          near_half |= fraction >= 0.4 && fraction <= 0.6;
          near_limit |= fraction >= 0.8 && fraction <= 1.0;
          over |= fraction > 1.0;
        }
    }

  /* The seeded data has a limit at about half, one near it and one exceeded ... */
  g_assert_true (near_half);
  g_assert_true (near_limit);
  g_assert_true (over);

  /* ... and the bars on screen show exactly those levels. */
  bars = da_test_find_all (f->page, DA_TYPE_USAGE_BAR);
  g_assert_cmpuint (count_level (bars, DA_USAGE_LEVEL_NORMAL), ==, expected[DA_USAGE_LEVEL_NORMAL]);
  g_assert_cmpuint (count_level (bars, DA_USAGE_LEVEL_WARNING), ==,
                    expected[DA_USAGE_LEVEL_WARNING]);
  g_assert_cmpuint (count_level (bars, DA_USAGE_LEVEL_ERROR), ==, expected[DA_USAGE_LEVEL_ERROR]);
  g_assert_cmpuint (count_level (bars, DA_USAGE_LEVEL_NO_LIMIT), ==,
                    expected[DA_USAGE_LEVEL_NO_LIMIT]);
  g_assert_cmpuint (expected[DA_USAGE_LEVEL_WARNING], >=, 1);
  g_assert_cmpuint (expected[DA_USAGE_LEVEL_ERROR], >=, 1);

  /* An organization without a limit says so. */
  g_assert_nonnull (da_test_find_by_text (f->page, GTK_TYPE_LABEL, "No limit"));

  da_test_screenshot (GTK_WIDGET (f->window), "list");
}

static void
test_usage_bar_levels (void)
{
  /* percent: what the label says after the ACUs; -1 for no percent at all */
  struct {
    double        used;
    gint64        limit;
    DaUsageLevel  level;
    int           percent;
  } cases[] = {
    { 50, 100, DA_USAGE_LEVEL_NORMAL, 50 },
    { 79.9, 100, DA_USAGE_LEVEL_NORMAL, 79 },
    { 80, 100, DA_USAGE_LEVEL_WARNING, 80 },
    { 85, 100, DA_USAGE_LEVEL_WARNING, 85 },
    { 100, 100, DA_USAGE_LEVEL_WARNING, 100 },
    { 100.2, 100, DA_USAGE_LEVEL_ERROR, 101 },
    { 120, 100, DA_USAGE_LEVEL_ERROR, 120 },
    { 0, 0, DA_USAGE_LEVEL_WARNING, 0 },
    { 3, 0, DA_USAGE_LEVEL_ERROR, -1 },
    { 1234.5, -1, DA_USAGE_LEVEL_NO_LIMIT, -1 },
    { -1, 100, DA_USAGE_LEVEL_UNKNOWN, -1 },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  DaUsageBar *shown[3];
  GtkWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DaUsageBar) bar = g_object_ref_sink (DA_USAGE_BAR (da_usage_bar_new ()));
      GtkWidget *level_bar = da_test_find_widget (GTK_WIDGET (bar), GTK_TYPE_LEVEL_BAR, NULL);

      da_usage_bar_set_usage (bar, cases[i].used, cases[i].limit);
      g_test_message ("%g of %" G_GINT64_FORMAT ": %s", cases[i].used, cases[i].limit,
                      da_usage_bar_get_text (bar));
      g_assert_cmpint (da_usage_bar_get_level (bar), ==, cases[i].level);
      g_assert_cmpint (da_usage_level_for (cases[i].used, cases[i].limit), ==, cases[i].level);
      if (cases[i].level == DA_USAGE_LEVEL_UNKNOWN)
        g_assert_cmpstr (da_usage_bar_get_text (bar), ==, "—");
      else
        {
          g_autofree char *acus = da_format_acus (cases[i].used);
          g_autofree char *text = cases[i].percent >= 0
                                  ? g_strdup_printf ("%s · %d %%", acus, cases[i].percent)
                                  : g_strdup (acus);

          g_assert_cmpstr (da_usage_bar_get_text (bar), ==, text);
        }

      /* The colours: warning from 80 %, error over the limit, neither below. */
      g_assert_cmpint (gtk_widget_has_css_class (level_bar, "da-near-limit"), ==,
                       cases[i].level == DA_USAGE_LEVEL_WARNING);
      g_assert_cmpint (gtk_widget_has_css_class (level_bar, "da-over-limit"), ==,
                       cases[i].level == DA_USAGE_LEVEL_ERROR);
      /* Over the limit the bar is full; without a limit (or a use) there is none to see. */
      g_assert_cmpint (gtk_widget_get_child_visible (level_bar), ==,
                       cases[i].level >= DA_USAGE_LEVEL_NORMAL);
      if (cases[i].level == DA_USAGE_LEVEL_ERROR)
        g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (level_bar)), ==, 1.0);
    }

  /* A bar follows its values when they change, and notifies its level. */
  {
    g_autoptr(DaUsageBar) bar = g_object_ref_sink (DA_USAGE_BAR (da_usage_bar_new ()));
    DaUsageLevel notified = DA_USAGE_LEVEL_UNKNOWN;

    g_assert_cmpint (da_usage_bar_get_level (bar), ==, DA_USAGE_LEVEL_UNKNOWN);
    g_object_set (bar, "limit", (gint64) 200, NULL);
    da_usage_bar_set_used (bar, 100);
    g_assert_cmpint (da_usage_bar_get_level (bar), ==, DA_USAGE_LEVEL_NORMAL);
    g_object_get (bar, "level", &notified, NULL);
    g_assert_cmpint (notified, ==, DA_USAGE_LEVEL_NORMAL);
    da_usage_bar_set_used (bar, 170);
    g_assert_cmpint (da_usage_bar_get_level (bar), ==, DA_USAGE_LEVEL_WARNING);
    da_usage_bar_set_limit (bar, 150);
    g_assert_cmpint (da_usage_bar_get_level (bar), ==, DA_USAGE_LEVEL_ERROR);
    da_usage_bar_set_limit (bar, -1);
    g_assert_cmpint (da_usage_bar_get_level (bar), ==, DA_USAGE_LEVEL_NO_LIMIT);
  }

  /* What the three levels look like, at 50 %, 85 % and 120 % of a limit of 1,000. */
  for (guint i = 0; i < 3; i++)
    {
      static const double used[] = { 500, 850, 1200 };

      shown[i] = DA_USAGE_BAR (da_usage_bar_new ());
      da_usage_bar_set_usage (shown[i], used[i], 1000);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (shown[i]));
    }
  g_assert_cmpint (da_usage_bar_get_level (shown[0]), ==, DA_USAGE_LEVEL_NORMAL);
  g_assert_cmpint (da_usage_bar_get_level (shown[1]), ==, DA_USAGE_LEVEL_WARNING);
  g_assert_cmpint (da_usage_bar_get_level (shown[2]), ==, DA_USAGE_LEVEL_ERROR);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  window = da_test_window_new (box, 320, 140);
  da_test_screenshot (GTK_WIDGET (window), "usage-bars");
  gtk_window_destroy (window);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autofree char *part = NULL;
  GtkWidget *search;

  show_loaded_page (f);
  org = api_org_at (f, 2);
  search = da_test_get_widget (f->page, "organizations-search");

  /* Part of a name, in another case. */
  part = g_utf8_strup (da_organization_get_org_name (org), 4);
  da_test_type (search, part);
  DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (listed (f)) >= 1 &&
                      g_list_model_get_n_items (listed (f)) <
                      g_list_model_get_n_items (da_context_get_organizations (f->context)));
  g_assert_true (page_lists (f, da_organization_get_org_name (org)));
  g_assert_true (da_test_has_label (f->page, "of"));

  da_test_type (search, "no organization is called this");
  DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (listed (f)) == 0);
  g_assert_true (da_test_has_label (f->page, "No Matching Organizations"));
  g_assert_false (da_page_get_can_export (DA_PAGE (f->page)));

  da_test_type (search, "");
  DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (listed (f)) ==
                      g_list_model_get_n_items (da_context_get_organizations (f->context)));
}

static void
test_usage_unavailable (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bars = NULL;

  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /consumption/daily 500", &error),
                    >, 0);
  g_assert_no_error (error);

  /* The organizations show; only the bars are missing, and the page says why. */
  show_loaded_page (f);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
  g_assert_true (has_toast (f, "Could not load the ACUs used this cycle"));
  g_assert_true (da_test_has_label (f->page, "could not be loaded"));
  bars = da_test_find_all (f->page, DA_TYPE_USAGE_BAR);
  g_assert_cmpuint (bars->len, >, 0);
  for (guint i = 0; i < bars->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (bars, i)))
      g_assert_cmpint (da_usage_bar_get_level (g_ptr_array_index (bars, i)), ==,
                       DA_USAGE_LEVEL_UNKNOWN);

  /* Once the server answers again, a refresh brings them back. */
  da_mock_server_clear_faults (f->server);
  da_page_refresh (DA_PAGE (f->page));
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  g_clear_pointer (&bars, g_ptr_array_unref);
  bars = da_test_find_all (f->page, DA_TYPE_USAGE_BAR);
  g_assert_cmpuint (count_level (bars, DA_USAGE_LEVEL_UNKNOWN), ==, 0);
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_FORBIDDEN);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_FORBIDDEN);
  g_assert_false (da_page_get_can_new (DA_PAGE (f->page)));
}

static void
test_server_error_then_retry (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /organizations 503", &error), >, 0);
  g_assert_no_error (error);

  show_page (f, 1000);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_ERROR);

  da_mock_server_clear_faults (f->server);
  da_test_click (da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry"));
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), >, 0);
}

/* ---- tests: create, edit, delete -------------------------------------------------------- */

static void
test_create_without_limit (Fixture       *f,
                           gconstpointer  data)
{
  DaOrganizationDialog *dialog;
  g_autoptr(DaOrganization) created = NULL;
  DaOrganization *selected;

  show_loaded_page (f);
  dialog = open_dialog (f, "organization-new-button");
  da_test_screenshot (GTK_WIDGET (dialog), "create-dialog");

  /* The name is sent trimmed. */
  type_into (GTK_WIDGET (dialog), "organization-name-row", "  Research Lab  ");
  save_and_wait_closed (dialog);

  created = api_find_org (f, NULL, "Research Lab");
  g_assert_nonnull (created);
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (created), ==, DA_UNSET);

  /* The list has it, selected, and the page said so. */
  DA_TEST_WAIT_UNTIL (page_lists (f, "Research Lab"));
  selected = da_organizations_page_get_selected (DA_ORGANIZATIONS_PAGE (f->page));
  g_assert_nonnull (selected);
  g_assert_cmpstr (da_organization_get_org_id (selected), ==,
                   da_organization_get_org_id (created));
  g_assert_true (has_toast (f, "Research Lab"));
}

static void
test_create_with_limit (Fixture       *f,
                        gconstpointer  data)
{
  DaOrganizationDialog *dialog;
  g_autoptr(DaOrganization) created = NULL;

  show_loaded_page (f);
  /* Ctrl+N is the page's "new" action. */
  da_page_activate_new (DA_PAGE (f->page));
  dialog = DA_ORGANIZATION_DIALOG (da_test_wait_for_toplevel (DA_TYPE_ORGANIZATION_DIALOG, NULL));
  type_into (GTK_WIDGET (dialog), "organization-name-row", "Wearables");
  type_into (GTK_WIDGET (dialog), "organization-limit-row", "800");
  save_and_wait_closed (dialog);

  created = api_find_org (f, NULL, "Wearables");
  g_assert_nonnull (created);
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (created), ==, 800);
}

static void
test_create_invalid_input (Fixture       *f,
                           gconstpointer  data)
{
  DaOrganizationDialog *dialog;
  g_autoptr(DaOrganization) existing = NULL;
  g_autofree char *shouted = NULL;
  GtkWidget *button;
  guint posts;

  show_loaded_page (f);
  existing = api_org_at (f, 1);
  dialog = open_dialog (f, "organization-new-button");
  button = da_test_get_widget (GTK_WIDGET (dialog), "organization-save-button");
  posts = da_mock_server_count_requests (f->server, "POST", "/organizations");

  /* No name. */
  type_into (GTK_WIDGET (dialog), "organization-name-row", "   ");
  da_test_click (button);
  g_assert_true (label_shows (GTK_WIDGET (dialog), "organization-name-error", "Enter a name"));

  /* Another organization's name, in another case and with spaces around it. */
  shouted = g_strdup_printf (" %s ", da_organization_get_org_name (existing));
  {
    g_autofree char *upper = g_utf8_strup (shouted, -1);

    type_into (GTK_WIDGET (dialog), "organization-name-row", upper);
  }
  g_assert_false (gtk_widget_is_visible (da_test_get_widget (GTK_WIDGET (dialog),
                                                      "organization-name-error")));
  da_test_click (button);
  g_assert_true (label_shows (GTK_WIDGET (dialog), "organization-name-error", "already exists"));

  /* Limits that are not positive whole numbers, each explained next to the field. */
  type_into (GTK_WIDGET (dialog), "organization-name-row", "Platform Two");
  for (guint i = 0; i < 3; i++)
    {
      static const char *limits[] = { "-5", "12.5", "lots" };

      type_into (GTK_WIDGET (dialog), "organization-limit-row", limits[i]);
      da_test_click (button);
      g_assert_true (gtk_widget_is_visible (da_test_get_widget (GTK_WIDGET (dialog),
                                                         "organization-limit-error")));
      g_assert_false (gtk_widget_is_visible (da_test_get_widget (GTK_WIDGET (dialog),
                                                          "organization-name-error")));
    }
  g_assert_true (gtk_widget_has_css_class (da_test_get_widget (GTK_WIDGET (dialog),
                                                       "organization-limit-row"), "error"));
  da_test_screenshot (GTK_WIDGET (dialog), "create-dialog-invalid");

  /* Nothing was sent, and everything typed is still there. */
  da_test_spin (100);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/organizations"), ==,
                    posts);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (da_test_get_widget (GTK_WIDGET (dialog),
                                                                    "organization-name-row"))),
                   ==, "Platform Two");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (da_test_get_widget (GTK_WIDGET (dialog),
                                                                    "organization-limit-row"))),
                   ==, "lots");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_create_refused_by_server (Fixture       *f,
                               gconstpointer  data)
{
  DaOrganizationDialog *dialog;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  guint posts;

  show_loaded_page (f);
  /* Someone else creates it after the page loaded: the page cannot know, the server can. */
  api_create_org (f, "Late Arrival");

  dialog = open_dialog (f, "organization-new-button");
  button = da_test_get_widget (GTK_WIDGET (dialog), "organization-save-button");
  type_into (GTK_WIDGET (dialog), "organization-name-row", "Late Arrival");
  type_into (GTK_WIDGET (dialog), "organization-limit-row", "300");
  posts = da_mock_server_count_requests (f->server, "POST", "/organizations");
  da_test_click (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  DA_TEST_WAIT_UNTIL (!da_organization_dialog_get_busy (dialog));

  /* In the server's own words; the dialog stays open with what was typed. */
  g_assert_true (label_shows (GTK_WIDGET (dialog), "organization-dialog-error",
                              "An organization named 'Late Arrival' already exists"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (da_test_get_widget (GTK_WIDGET (dialog),
                                                                    "organization-limit-row"))),
                   ==, "300");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/organizations"), ==,
                    posts + 1);
  da_test_screenshot (GTK_WIDGET (dialog), "create-dialog-refused");

  /* A server failure: the same, and trying again works once the server is back. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "POST /organizations 500", &error), >, 0);
  g_assert_no_error (error);
  type_into (GTK_WIDGET (dialog), "organization-name-row", "Early Bird");
  da_test_click (button);
  DA_TEST_WAIT_UNTIL (!da_organization_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_is_visible (da_test_get_widget (GTK_WIDGET (dialog),
                                                     "organization-dialog-error")));
  g_assert_null (api_find_org (f, NULL, "Early Bird"));

  da_mock_server_clear_faults (f->server);
  save_and_wait_closed (dialog);
  {
    g_autoptr(DaOrganization) created = api_find_org (f, NULL, "Early Bird");

    g_assert_nonnull (created);
    g_assert_cmpint (da_organization_get_max_cycle_acu_limit (created), ==, 300);
  }
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaOrganization) after = NULL;
  DaOrganizationDialog *dialog;
  GtkWidget *button;

  show_loaded_page (f);
  org = api_other_org (f, TRUE);
  select_org (f, da_organization_get_org_id (org));
  dialog = open_dialog (f, "organization-edit-button");
  button = da_test_get_widget (GTK_WIDGET (dialog), "organization-save-button");

  /* Unchanged, there is nothing to save. */
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (da_test_get_widget (GTK_WIDGET (dialog),
                                                                    "organization-name-row"))),
                   ==, da_organization_get_org_name (org));
  da_test_screenshot (GTK_WIDGET (dialog), "edit-dialog");

  type_into (GTK_WIDGET (dialog), "organization-name-row", "Payments Renamed");
  save_and_wait_closed (dialog);

  after = api_find_org (f, da_organization_get_org_id (org), NULL);
  g_assert_cmpstr (da_organization_get_org_name (after), ==, "Payments Renamed");
  /* The limit was left alone. */
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (after), ==,
                   da_organization_get_max_cycle_acu_limit (org));
  DA_TEST_WAIT_UNTIL (page_lists (f, "Payments Renamed"));
  /* Still selected after the list came back. */
  g_assert_cmpstr (da_organization_get_org_id (da_organizations_page_get_selected (DA_ORGANIZATIONS_PAGE (f->page))),
                   ==, da_organization_get_org_id (org));
}

static void
test_set_and_clear_limit (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaOrganization) after = NULL;
  DaOrganizationDialog *dialog;

  show_loaded_page (f);
  org = api_other_org (f, FALSE);
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (org), ==, DA_UNSET);

  /* Set. */
  select_org (f, da_organization_get_org_id (org));
  dialog = open_dialog (f, "organization-edit-button");
  type_into (GTK_WIDGET (dialog), "organization-limit-row", "2500");
  save_and_wait_closed (dialog);
  after = api_find_org (f, da_organization_get_org_id (org), NULL);
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (after), ==, 2500);
  g_assert_cmpstr (da_organization_get_org_name (after), ==, da_organization_get_org_name (org));
  g_clear_object (&after);

  /* Change, once the list shows the new limit. */
  DA_TEST_WAIT_UNTIL (da_organization_get_max_cycle_acu_limit (da_organizations_page_get_selected (DA_ORGANIZATIONS_PAGE (f->page))) == 2500);
  dialog = open_dialog (f, "organization-edit-button");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (da_test_get_widget (GTK_WIDGET (dialog),
                                                                    "organization-limit-row"))),
                   ==, "2500");
  type_into (GTK_WIDGET (dialog), "organization-limit-row", "1200");
  save_and_wait_closed (dialog);
  after = api_find_org (f, da_organization_get_org_id (org), NULL);
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (after), ==, 1200);
  g_clear_object (&after);

  /* Clear: an empty field is no limit. */
  DA_TEST_WAIT_UNTIL (da_organization_get_max_cycle_acu_limit (da_organizations_page_get_selected (DA_ORGANIZATIONS_PAGE (f->page))) == 1200);
  dialog = open_dialog (f, "organization-edit-button");
  type_into (GTK_WIDGET (dialog), "organization-limit-row", "");
  save_and_wait_closed (dialog);
  after = api_find_org (f, da_organization_get_org_id (org), NULL);
  g_assert_cmpint (da_organization_get_max_cycle_acu_limit (after), ==, DA_UNSET);
}

static void
test_edit_deleted_elsewhere (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  DaOrganizationDialog *dialog;

  show_loaded_page (f);
  org = api_other_org (f, TRUE);
  select_org (f, da_organization_get_org_id (org));
  dialog = open_dialog (f, "organization-edit-button");
  type_into (GTK_WIDGET (dialog), "organization-name-row", "Too Late");

  /* Another admin deletes it meanwhile. */
  api_delete_org (f, da_organization_get_org_id (org));
  save_and_wait_closed (dialog);

  /* The page says so and the list no longer has it. */
  g_assert_true (has_toast (f, "no longer exists"));
  DA_TEST_WAIT_UNTIL (!page_lists (f, da_organization_get_org_name (org)));
  g_assert_null (api_find_org (f, NULL, "Too Late"));
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaOrganization) after = NULL;

  show_loaded_page (f);
  org = api_other_org (f, TRUE);
  select_org (f, da_organization_get_org_id (org));

  /* Cancelled: nothing is sent. */
  da_test_click (da_test_get_widget (f->page, "organization-delete-button"));
  da_test_answer_confirm (NULL, "cancel");
  da_test_spin (100);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "DELETE", "/organizations/*"), ==,
                    0);

  /* Confirmed by typing the name. */
  da_test_click (da_test_get_widget (f->page, "organization-delete-button"));
  da_test_answer_confirm (da_organization_get_org_name (org), "confirm");
  DA_TEST_WAIT_UNTIL (!page_lists (f, da_organization_get_org_name (org)));

  after = api_find_org (f, da_organization_get_org_id (org), NULL);
  g_assert_null (after);
  g_assert_true (has_toast (f, "Deleted"));
}

static void
test_delete_primary_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DaOrganization) primary = NULL;
  g_autoptr(DaOrganization) after = NULL;
  GtkWindow *error_dialog;

  show_loaded_page (f);
  /* The server lists its primary organization first. */
  primary = api_org_at (f, 0);
  select_org (f, da_organization_get_org_id (primary));

  /* The Delete key asks too. */
  g_assert_true (gtk_widget_activate_action (f->page, "orgs.delete", NULL));
  da_test_answer_confirm (da_organization_get_org_name (primary), "confirm");

  /* The server's refusal, in its own words. */
  error_dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "organization-error-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error_dialog)),
                            "The primary organization cannot be deleted"));
  da_test_screenshot (GTK_WIDGET (error_dialog), "delete-refused");
  gtk_window_destroy (error_dialog);

  after = api_find_org (f, da_organization_get_org_id (primary), NULL);
  g_assert_nonnull (after);
  g_assert_true (page_lists (f, da_organization_get_org_name (primary)));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("da-orgs-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GListModel) orgs = NULL;
  gsize length;

  g_assert_no_error (error);
  path = g_build_filename (dir, "orgs.csv", NULL);
  file = g_file_new_for_path (path);

  show_loaded_page (f);
  orgs = api_orgs (f);
  da_page_export (DA_PAGE (f->page));
  da_test_answer_file_chooser (file);
  DA_TEST_WAIT_UNTIL (has_toast (f, "Exported"));

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  rows = da_csv_parse (contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (orgs) + 1);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 0))[0], ==, "org_id");
  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);
      GStrv row = g_ptr_array_index (rows, i + 1);

      g_assert_cmpstr (row[0], ==, da_organization_get_org_id (org));
      g_assert_cmpstr (row[1], ==, da_organization_get_org_name (org));
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* ---- tests: members and groups ---------------------------------------------------------- */

static DaOrganizationWindow *
open_details (Fixture        *f,
              DaOrganization *org)
{
  DaOrganizationWindow *window;

  select_org (f, da_organization_get_org_id (org));
  da_test_click (da_test_get_widget (f->page, "organization-details-button"));
  window = DA_ORGANIZATION_WINDOW (da_test_wait_for_toplevel (DA_TYPE_ORGANIZATION_WINDOW, NULL));
  DA_TEST_WAIT_UNTIL (!da_organization_window_get_busy (window));
  return window;
}

static GListModel *
members_listed (DaOrganizationWindow *window)
{
  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (da_test_get_widget (GTK_WIDGET (window),
                                                                                "members-view"))));
}

static gboolean
window_lists_member (DaOrganizationWindow *window,
                     const char           *user_id,
                     const char           *role)
{
  GListModel *model = members_listed (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_org_membership_get_user_id (membership), user_id) == 0)
        return role == NULL || g_strcmp0 (da_org_membership_get_org_role (membership), role) == 0;
    }

  return FALSE;
}

static void
select_member (DaOrganizationWindow *window,
               const char           *user_id)
{
  GListModel *model = members_listed (window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_org_membership_get_user_id (membership), user_id) == 0)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
          return;
        }
    }

  g_assert_not_reached ();
}

static void
test_details_members_match_api (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaPager) pager = NULL;
  g_autoptr(GListModel) members = NULL;
  DaOrganizationWindow *window;

  show_loaded_page (f);
  org = api_org_at (f, 1);
  window = open_details (f, org);

  pager = da_client_list_organization_members (f->client, da_organization_get_org_id (org));
  members = da_test_load_all (pager);
  g_assert_cmpuint (g_list_model_get_n_items (members), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (members_listed (window)), ==,
                    g_list_model_get_n_items (members));
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (members, i);

      g_assert_true (window_lists_member (window, da_org_membership_get_user_id (membership),
                                          da_org_membership_get_org_role (membership)));
    }

  da_test_screenshot (GTK_WIDGET (window), "details-members");

  /* Searching narrows the list. */
  {
    g_autoptr(DaOrgMembership) first = g_list_model_get_item (members, 0);

    da_test_type (da_test_get_widget (GTK_WIDGET (window), "members-search"),
                  da_org_membership_get_email (first));
    DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (members_listed (window)) == 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_add_member (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaMember) outsider = NULL;
  g_autoptr(DaOrgMembership) added = NULL;
  g_autoptr(DaOrganization) after = NULL;
  DaOrganizationWindow *window;
  DaOrganizationMemberPicker *picker;
  AdwComboRow *role_row;
  GtkWidget *check = NULL;
  guint admin = G_MAXUINT;

  show_loaded_page (f);
  org = api_org_at (f, 1);
  outsider = api_member_outside (f, da_organization_get_org_id (org));
  window = open_details (f, org);

  da_test_click (da_test_get_widget (GTK_WIDGET (window), "add-members-button"));
  picker = DA_ORGANIZATION_MEMBER_PICKER (da_test_wait_for_toplevel (DA_TYPE_ORGANIZATION_MEMBER_PICKER,
                                                                     NULL));
  DA_TEST_WAIT_UNTIL (!da_organization_member_picker_get_busy (picker));
  g_assert_cmpuint (g_list_model_get_n_items (da_organization_member_picker_get_members (picker)),
                    ==, 150);
  da_test_screenshot (GTK_WIDGET (picker), "member-picker");

  /* Nothing picked: nothing to add. */
  g_assert_false (gtk_widget_get_sensitive (da_test_get_widget (GTK_WIDGET (picker), "picker-add-button")));

  /* Search by address, then tick the one member shown. */
  da_test_type (da_test_get_widget (GTK_WIDGET (picker), "picker-search"),
                da_member_get_email (outsider));
  DA_TEST_WAIT_UNTIL ((check = da_test_find_row_check (GTK_WIDGET (picker), da_member_get_email (outsider))) != NULL);
  da_test_click (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  {
    g_auto(GStrv) picked = da_organization_member_picker_dup_picked (picker);

    g_assert_cmpuint (g_strv_length (picked), ==, 1);
    g_assert_cmpstr (picked[0], ==, da_member_get_user_id (outsider));
  }

  /* As an admin of the organization. */
  role_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (picker), "picker-role-row"));
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (role_row)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (role_row)), i),
                   "Admin") == 0)
      admin = i;
  g_assert_cmpuint (admin, !=, G_MAXUINT);
  adw_combo_row_set_selected (role_row, admin);
  da_test_screenshot (GTK_WIDGET (picker), "member-picker-picked");

  g_object_add_weak_pointer (G_OBJECT (picker), (gpointer *) &picker);
  da_test_click (da_test_get_widget (GTK_WIDGET (picker), "picker-add-button"));
  DA_TEST_WAIT_UNTIL (picker == NULL);

  added = api_find_membership (f, da_organization_get_org_id (org),
                               da_member_get_user_id (outsider));
  g_assert_nonnull (added);
  g_assert_cmpstr (da_org_membership_get_org_role (added), ==, "org_admin");

  /* The window's list has them, and the page counts them. */
  DA_TEST_WAIT_UNTIL (window_lists_member (window, da_member_get_user_id (outsider), "org_admin"));
  after = api_find_org (f, da_organization_get_org_id (org), NULL);
  g_assert_cmpint (da_organization_get_org_user_count (after), ==,
                   da_organization_get_org_user_count (org) + 1);
  DA_TEST_WAIT_UNTIL (da_organization_get_org_user_count (da_context_lookup_organization (f->context, da_organization_get_org_id (org))) ==
                      da_organization_get_org_user_count (after));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_member_already_in_org_cannot_be_picked (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaPager) pager = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(DaOrgMembership) member = NULL;
  DaOrganizationWindow *window;
  DaOrganizationMemberPicker *picker;
  GtkWidget *check;

  show_loaded_page (f);
  org = api_org_at (f, 1);
  pager = da_client_list_organization_members (f->client, da_organization_get_org_id (org));
  members = da_test_load_all (pager);
  member = g_list_model_get_item (members, 0);
  window = open_details (f, org);

  da_test_click (da_test_get_widget (GTK_WIDGET (window), "add-members-button"));
  picker = DA_ORGANIZATION_MEMBER_PICKER (da_test_wait_for_toplevel (DA_TYPE_ORGANIZATION_MEMBER_PICKER,
                                                                     NULL));
  DA_TEST_WAIT_UNTIL (!da_organization_member_picker_get_busy (picker));
  da_test_type (da_test_get_widget (GTK_WIDGET (picker), "picker-search"),
                da_org_membership_get_email (member));
  DA_TEST_WAIT_UNTIL ((check = da_test_find_row_check (GTK_WIDGET (picker),
                                                  da_org_membership_get_email (member))) != NULL);
  g_assert_false (gtk_widget_get_sensitive (check));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (da_test_has_label (GTK_WIDGET (picker), "Already a member"));

  /* Enter on the row does not pick them either. */
  {
    GtkWidget *list = da_test_get_widget (GTK_WIDGET (picker), "picker-list");
    GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DaMember) shown = g_list_model_get_item (model, i);

        if (g_strcmp0 (da_member_get_user_id (shown), da_org_membership_get_user_id (member)) == 0)
          g_signal_emit_by_name (list, "activate", i);
      }
  }
  {
    g_auto(GStrv) picked = da_organization_member_picker_dup_picked (picker);

    g_assert_cmpuint (g_strv_length (picked), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (picker));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_change_member_role (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaPager) pager = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(DaOrgMembership) after = NULL;
  g_autofree char *user_id = NULL;
  const char *new_role;
  DaOrganizationWindow *window;

  show_loaded_page (f);
  org = api_org_at (f, 1);
  pager = da_client_list_organization_members (f->client, da_organization_get_org_id (org));
  members = da_test_load_all (pager);
  {
    g_autoptr(DaOrgMembership) membership = g_list_model_get_item (members, 0);

    user_id = g_strdup (da_org_membership_get_user_id (membership));
    new_role = g_strcmp0 (da_org_membership_get_org_role (membership), "org_admin") == 0
               ? "org_member" : "org_admin";
  }

  window = open_details (f, org);
  g_assert_false (gtk_widget_get_sensitive (da_test_get_widget (GTK_WIDGET (window),
                                                        "change-role-button")));
  select_member (window, user_id);
  g_assert_true (gtk_widget_get_sensitive (da_test_get_widget (GTK_WIDGET (window),
                                                       "change-role-button")));

  /* What choosing the role in the button's menu does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "members.set-role", "s",
                                             new_role));
  DA_TEST_WAIT_UNTIL (window_lists_member (window, user_id, new_role) &&
                      !da_organization_window_get_busy (window));

  after = api_find_membership (f, da_organization_get_org_id (org), user_id);
  g_assert_nonnull (after);
  g_assert_cmpstr (da_org_membership_get_org_role (after), ==, new_role);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_remove_member (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaPager) pager = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(DaOrgMembership) after = NULL;
  g_autofree char *user_id = NULL;
  DaOrganizationWindow *window;

  show_loaded_page (f);
  org = api_org_at (f, 1);
  pager = da_client_list_organization_members (f->client, da_organization_get_org_id (org));
  members = da_test_load_all (pager);
  {
    g_autoptr(DaOrgMembership) membership = g_list_model_get_item (members, 1);

    user_id = g_strdup (da_org_membership_get_user_id (membership));
  }

  window = open_details (f, org);
  select_member (window, user_id);
  da_test_click (da_test_get_widget (GTK_WIDGET (window), "remove-members-button"));
  da_test_answer_confirm (NULL, "confirm");
  DA_TEST_WAIT_UNTIL (!window_lists_member (window, user_id, NULL) &&
                      !da_organization_window_get_busy (window));

  after = api_find_membership (f, da_organization_get_org_id (org), user_id);
  g_assert_null (after);

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
find_string (GListModel *model,
             const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;
  return G_MAXUINT;
}

static void
test_link_and_unlink_group (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaOrgGroup) linked = NULL;
  g_autoptr(DaOrgGroup) unlinked = NULL;
  g_autofree char *group_name = NULL;
  g_autofree char *tooltip = NULL;
  DaOrganizationWindow *window;
  AdwComboRow *group_row;
  AdwComboRow *role_row;
  DaStateView *groups_state;
  GtkWidget *unlink;

  show_loaded_page (f);
  org = api_org_at (f, 1);
  window = open_details (f, org);
  da_organization_window_show_view (window, "groups");
  groups_state = DA_STATE_VIEW (gtk_widget_get_ancestor (da_test_get_widget (GTK_WIDGET (window),
                                                                     "groups-list"),
                                                         DA_TYPE_STATE_VIEW));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (groups_state) == DA_STATE_VIEW_CONTENT);
  da_test_screenshot (GTK_WIDGET (window), "details-groups");

  /* Link one of the enterprise's groups that is not linked yet, as an admin. */
  group_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (window), "link-group-row"));
  role_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (window), "link-role-row"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (group_row)), >, 0);
  adw_combo_row_set_selected (group_row, 0);
  group_name = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (group_row)),
                                                     0));
  g_assert_null (api_find_org_group (f, da_organization_get_org_id (org), group_name));
  adw_combo_row_set_selected (role_row, find_string (adw_combo_row_get_model (role_row), "Admin"));
  da_test_click (da_test_get_widget (GTK_WIDGET (window), "link-group-button"));

  /* Translators' quotes are in the tooltip; it names the group. */
  tooltip = g_strdup_printf ("Unlink “%s”", group_name);
  DA_TEST_WAIT_UNTIL (!da_organization_window_get_busy (window) &&
                      da_test_find_by_text (GTK_WIDGET (window), GTK_TYPE_BUTTON, tooltip) != NULL);
  linked = api_find_org_group (f, da_organization_get_org_id (org), group_name);
  g_assert_nonnull (linked);
  g_assert_cmpstr (da_org_group_get_role (linked), ==, "admin");
  /* It is no longer offered for linking. */
  g_assert_cmpuint (find_string (adw_combo_row_get_model (group_row), group_name), ==, G_MAXUINT);

  /* Unlink it again. */
  unlink = da_test_find_by_text (GTK_WIDGET (window), GTK_TYPE_BUTTON, tooltip);
  da_test_click (unlink);
  da_test_answer_confirm (NULL, "confirm");
  DA_TEST_WAIT_UNTIL (!da_organization_window_get_busy (window) &&
                      da_test_find_by_text (GTK_WIDGET (window), GTK_TYPE_BUTTON, tooltip) == NULL);
  unlinked = api_find_org_group (f, da_organization_get_org_id (org), group_name);
  g_assert_null (unlinked);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_groups_not_used (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  DaOrganizationWindow *window;
  DaStateView *groups_state;

  show_loaded_page (f);
  org = api_org_at (f, 1);
  window = open_details (f, org);
  da_organization_window_show_view (window, "groups");
  groups_state = DA_STATE_VIEW (gtk_widget_get_ancestor (da_test_get_widget (GTK_WIDGET (window),
                                                                     "groups-list"),
                                                         DA_TYPE_STATE_VIEW));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (groups_state) == DA_STATE_VIEW_EMPTY);
  g_assert_true (da_test_has_label (GTK_WIDGET (window), "IdP Groups Not in Use"));
  da_test_screenshot (GTK_WIDGET (window), "details-groups-not-used");

  /* The members work as ever. */
  g_assert_cmpuint (g_list_model_get_n_items (members_listed (window)), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_details_of_deleted_org (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  DaOrganizationWindow *window;

  show_loaded_page (f);
  org = api_org_at (f, 2);
  /* Deleted elsewhere after the page loaded. */
  api_delete_org (f, da_organization_get_org_id (org));

  select_org (f, da_organization_get_org_id (org));
  da_test_click (da_test_get_widget (f->page, "organization-details-button"));
  window = DA_ORGANIZATION_WINDOW (da_test_wait_for_toplevel (DA_TYPE_ORGANIZATION_WINDOW, NULL));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  /* The window closes, the page says so and no longer lists it. */
  DA_TEST_WAIT_UNTIL (window == NULL);
  g_assert_true (has_toast (f, "no longer exists"));
  DA_TEST_WAIT_UNTIL (!page_lists (f, da_organization_get_org_name (org)));
}

static void
test_link_group_failure_keeps_choice (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_name = NULL;
  DaOrganizationWindow *window;
  AdwComboRow *group_row;
  AdwComboRow *role_row;
  DaStateView *groups_state;
  guint admin;

  show_loaded_page (f);
  org = api_org_at (f, 1);
  window = open_details (f, org);
  da_organization_window_show_view (window, "groups");
  groups_state = DA_STATE_VIEW (gtk_widget_get_ancestor (da_test_get_widget (GTK_WIDGET (window),
                                                                     "groups-list"),
                                                         DA_TYPE_STATE_VIEW));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (groups_state) == DA_STATE_VIEW_CONTENT);

  group_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (window), "link-group-row"));
  role_row = ADW_COMBO_ROW (da_test_get_widget (GTK_WIDGET (window), "link-role-row"));
  admin = find_string (adw_combo_row_get_model (role_row), "Admin");
  adw_combo_row_set_selected (role_row, admin);
  group_name = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (group_row)),
                                                     adw_combo_row_get_selected (group_row)));

  g_assert_cmpuint (da_mock_server_add_fault (f->server, "POST /organizations/*/groups 500",
                                              &error), >, 0);
  g_assert_no_error (error);
  da_test_click (da_test_get_widget (GTK_WIDGET (window), "link-group-button"));
  DA_TEST_WAIT_UNTIL (!da_organization_window_get_busy (window));

  /* Said inline; the choice stays and nothing was linked. */
  g_assert_true (gtk_widget_is_visible (da_test_get_widget (GTK_WIDGET (window), "groups-error")));
  g_assert_cmpuint (adw_combo_row_get_selected (role_row), ==, admin);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (group_row)),
                                               adw_combo_row_get_selected (group_row)),
                   ==, group_name);
  g_assert_null (api_find_org_group (f, da_organization_get_org_id (org), group_name));
  da_test_screenshot (GTK_WIDGET (window), "details-groups-error");

  /* Once the server is back, the same click links it. */
  da_mock_server_clear_faults (f->server);
  da_test_click (da_test_get_widget (GTK_WIDGET (window), "link-group-button"));
  DA_TEST_WAIT_UNTIL (!da_organization_window_get_busy (window) &&
                      !gtk_widget_is_visible (da_test_get_widget (GTK_WIDGET (window), "groups-error")));
  {
    g_autoptr(DaOrgGroup) linked = api_find_org_group (f, da_organization_get_org_id (org),
                                                       group_name);

    g_assert_nonnull (linked);
    g_assert_cmpstr (da_org_group_get_role (linked), ==, "admin");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_org_deleted_while_adding (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DaOrganization) org = NULL;
  g_autoptr(DaMember) outsider = NULL;
  DaOrganizationWindow *window;
  DaOrganizationMemberPicker *picker;
  GtkWidget *check = NULL;

  show_loaded_page (f);
  org = api_org_at (f, 2);
  outsider = api_member_outside (f, da_organization_get_org_id (org));
  window = open_details (f, org);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  da_test_click (da_test_get_widget (GTK_WIDGET (window), "add-members-button"));
  picker = DA_ORGANIZATION_MEMBER_PICKER (da_test_wait_for_toplevel (DA_TYPE_ORGANIZATION_MEMBER_PICKER,
                                                                     NULL));
  DA_TEST_WAIT_UNTIL (!da_organization_member_picker_get_busy (picker));
  da_test_type (da_test_get_widget (GTK_WIDGET (picker), "picker-search"),
                da_member_get_email (outsider));
  DA_TEST_WAIT_UNTIL ((check = da_test_find_row_check (GTK_WIDGET (picker), da_member_get_email (outsider))) != NULL);
  da_test_click (check);

  /* Another admin deletes the organization meanwhile. */
  api_delete_org (f, da_organization_get_org_id (org));
  da_test_click (da_test_get_widget (GTK_WIDGET (picker), "picker-add-button"));

  /* The windows close, and the page says the organization is gone and drops it. */
  DA_TEST_WAIT_UNTIL (window == NULL);
  g_assert_true (has_toast (f, "no longer exists"));
  DA_TEST_WAIT_UNTIL (!page_lists (f, da_organization_get_org_name (org)));
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0;

  show_page (f, 360);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT);

  /* The page fits a phone's width (the window's content is 360 wide when folded). */
  gtk_widget_measure (f->page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width: %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  da_test_screenshot (GTK_WIDGET (f->window), "narrow");
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func, setup) \
  g_test_add ("/organizations-page/" path, Fixture, &setup, fixture_set_up, func, \
              fixture_tear_down)

  g_test_add_func ("/organizations-page/usage-bar-levels", test_usage_bar_levels);
  ADD ("list-matches-api", test_list_matches_api, admin_setup);
  ADD ("search", test_search, admin_setup);
  ADD ("usage-unavailable", test_usage_unavailable, admin_setup);
  ADD ("forbidden", test_forbidden, member_setup);
  ADD ("server-error-then-retry", test_server_error_then_retry, admin_setup);
  ADD ("create-without-limit", test_create_without_limit, admin_setup);
  ADD ("create-with-limit", test_create_with_limit, admin_setup);
  ADD ("create-invalid-input", test_create_invalid_input, admin_setup);
  ADD ("create-refused-by-server", test_create_refused_by_server, admin_setup);
  ADD ("rename", test_rename, admin_setup);
  ADD ("set-and-clear-limit", test_set_and_clear_limit, admin_setup);
  ADD ("edit-deleted-elsewhere", test_edit_deleted_elsewhere, admin_setup);
  ADD ("delete", test_delete, admin_setup);
  ADD ("delete-primary-refused", test_delete_primary_refused, admin_setup);
  ADD ("export", test_export, admin_setup);
  ADD ("details-members-match-api", test_details_members_match_api, admin_setup);
  ADD ("add-member", test_add_member, admin_setup);
  ADD ("member-already-in-org", test_member_already_in_org_cannot_be_picked, admin_setup);
  ADD ("change-member-role", test_change_member_role, admin_setup);
  ADD ("remove-member", test_remove_member, admin_setup);
  ADD ("link-and-unlink-group", test_link_and_unlink_group, admin_setup);
  ADD ("link-group-failure-keeps-choice", test_link_group_failure_keeps_choice, admin_setup);
  ADD ("groups-not-used", test_groups_not_used, no_groups_setup);
  ADD ("org-deleted-while-adding", test_org_deleted_while_adding, admin_setup);
  ADD ("details-of-deleted-org", test_details_of_deleted_org, admin_setup);
  ADD ("narrow", test_narrow, admin_setup);

#undef ADD

  return g_test_run ();
}

/* test-members-page.c: the Members page's list against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "da-avatar.h"
#include "da-csv.h"
#include "da-fixed-width.h"
#include "da-format.h"
#include "da-list-footer.h"
#include "da-member-details.h"
#include "da-members-page.h"
#include "da-pages.h"
#include "da-row-viewport.h"
#include "da-state-view.h"
#include "da-test-ui.h"

#define MEMBER_KEY "apk_user_member_members"

typedef struct
{
  DaMockServer *server;
  DaContext    *context;
  GtkWidget    *page;
  GtkWindow    *window;
  DaStateView  *state_view;
  char         *tmpdir;
} Fixture;

typedef struct
{
  guint        members;
  const char  *key;
} Setup;

static const Setup default_setup = { 120, NULL };
static const Setup forbidden_setup = { 40, MEMBER_KEY };
static const Setup three_pages = { 520, NULL };
static const Setup many_pages = { 2000, NULL };
static const Setup huge = { 50000, NULL };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;
  g_autoptr(GError) error = NULL;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = setup->members;
  options.member_key = g_strdup (MEMBER_KEY);
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, setup->key);
  f->page = da_members_page_new (f->context);
  f->state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  g_assert_nonnull (f->state_view);

  f->tmpdir = g_dir_make_tmp ("test-members-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tmpdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  g_clear_object (&f->context);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);
  remove_tmpdir (f->tmpdir);
  g_free (f->tmpdir);
}

static void
show_page (Fixture *f,
           int      width)
{
  f->window = da_test_window_new (f->page, width, 720);
}

static DaMembersPage *
page (Fixture *f)
{
  return DA_MEMBERS_PAGE (f->page);
}

static DaStateViewState
state_of (Fixture *f)
{
  return da_state_view_get_state (f->state_view);
}

static GListModel *
visible (Fixture *f)
{
  return da_members_page_get_visible_model (page (f));
}

static guint
n_visible (Fixture *f)
{
  return g_list_model_get_n_items (visible (f));
}

static GListModel *
loaded (Fixture *f)
{
  return da_members_page_get_loaded_model (page (f));
}

static guint
n_loaded (Fixture *f)
{
  return g_list_model_get_n_items (loaded (f));
}

static GtkWidget *
find (Fixture    *f,
      GType       type,
      const char *name)
{
  GtkWidget *widget = da_test_find_widget (f->page, type, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find (f, GTK_TYPE_LABEL, name)));
}

static DaMemberDetails *
details_of (Fixture *f)
{
  return DA_MEMBER_DETAILS (find (f, DA_TYPE_MEMBER_DETAILS, NULL));
}

static DaListFooterState
footer_state (Fixture *f)
{
  return da_list_footer_get_state (DA_LIST_FOOTER (find (f, DA_TYPE_LIST_FOOTER, NULL)));
}

static gboolean
message_shown (Fixture *f)
{
  GtkWidget *label = find (f, GTK_TYPE_LABEL, "members-message");

  return gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (label,
                                                                              GTK_TYPE_REVEALER)));
}

static void
wait_loaded (Fixture *f)
{
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_CONTENT &&
                      !da_page_get_busy (DA_PAGE (f->page)));
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static GListModel *
api_members (DaClient *client)
{
  g_autoptr(DaPager) pager = da_client_list_members (client, NULL);

  return da_test_load_all (pager);
}

static GPtrArray *
api_roles (DaClient *client)
{
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };
  GPtrArray *roles;

  da_client_list_roles_async (client, NULL, da_test_async_cb, &async);
  roles = da_client_list_roles_finish (client, da_test_async_wait (&async), &error);
  g_assert_no_error (error);
  da_test_async_clear (&async);
  return roles;
}

static GListModel *
api_member_orgs (DaClient   *client,
                 const char *user_id)
{
  g_autoptr(DaPager) pager = da_client_list_member_organizations (client, user_id);

  return da_test_load_all (pager);
}

/* ---- an oracle of the search ----------------------------------------------------------- */

static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK &&
          type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, -1);
}

static gboolean
member_matches (DaMember   *member,
                const char *query,
                const char *role_id)
{
  g_autofree char *both = g_strconcat (da_member_get_name (member), " ",
                                       da_member_get_email (member), NULL);
  g_autofree char *key = fold (both);
  g_autofree char *folded_query = fold (query != NULL ? query : "");
  g_auto(GStrv) words = g_strsplit (folded_query, " ", -1);

  if (role_id != NULL && g_strcmp0 (da_member_get_enterprise_role (member), role_id) != 0)
    return FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (key, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static guint
expected_matches (GListModel *members,
                  const char *query,
                  const char *role_id)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (members, i);

      if (member_matches (member, query, role_id))
        n++;
    }

  return n;
}

static DaMember *
find_member (GListModel *model,
             const char *email)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (model, i);

      if (g_strcmp0 (da_member_get_email (member), email) == 0)
        return g_steal_pointer (&member);
    }

  return NULL;
}

static void
search (Fixture    *f,
        const char *text)
{
  da_test_type (find (f, GTK_TYPE_SEARCH_ENTRY, "members-search"), text);
  /* The entry reports the search from the main loop, at once (no delay is set): let it. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
select_role (Fixture    *f,
             const char *role_name)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "role-filter"));
  GListModel *names = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), role_name) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }

  g_error ("No role “%s” in the filter", role_name);
}

static GtkColumnViewColumn *
column (Fixture    *f,
        const char *title)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find (f, GTK_TYPE_COLUMN_VIEW, "members-list"));
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (c), title) == 0)
        return c;
    }

  g_error ("No column “%s”", title);
  return NULL;
}

static void
sort_by (Fixture     *f,
         const char  *title,
         GtkSortType  direction)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find (f, GTK_TYPE_COLUMN_VIEW, "members-list"));

  gtk_column_view_sort_by_column (view, column (f, title), direction);
}

static GtkAdjustment *
vadjustment (Fixture *f)
{
  GtkWidget *view = find (f, GTK_TYPE_COLUMN_VIEW, "members-list");
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_list_matches_server (Fixture       *f,
                          gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GListModel) api = NULL;
  g_autoptr(DaMember) first = NULL;
  g_autoptr(DaMember) shown = NULL;
  g_autofree char *count = NULL;
  GtkWidget *view;

  show_page (f, 1280);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);
  wait_loaded (f);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));

  api = api_members (client);
  g_assert_cmpuint (g_list_model_get_n_items (api), ==, 120);
  g_assert_cmpuint (n_visible (f), ==, 120);
  g_assert_cmpstr (label_text (f, "members-count"), ==, "120 members");

  /* The rows are the server's members, in its order until a column sorts them. */
  for (guint i = 0; i < 120; i += 17)
    {
      g_autoptr(DaMember) a = g_list_model_get_item (api, i);
      g_autoptr(DaMember) b = g_list_model_get_item (visible (f), i);

      g_assert_cmpstr (da_member_get_user_id (a), ==, da_member_get_user_id (b));
      g_assert_cmpstr (da_member_get_email (a), ==, da_member_get_email (b));
    }

  /* A sampled row as drawn: name, email and the role's name, not its ID. */
  first = g_list_model_get_item (api, 0);
  view = find (f, GTK_TYPE_COLUMN_VIEW, "members-list");
  da_test_spin (100);
  g_assert_true (da_test_has_label (view, da_member_get_name (first)));
  g_assert_true (da_test_has_label (view, da_member_get_email (first)));
  g_assert_cmpstr (da_member_get_enterprise_role (first), ==, "account_admin");
  g_assert_nonnull (da_test_find_by_text (view, GTK_TYPE_LABEL, "Admin"));
  g_assert_null (da_test_find_by_text (view, GTK_TYPE_LABEL, "account_admin"));
  /* The role's column has a fixed width: its cells are not measured across (DaFixedWidth). */
  g_assert_true (DA_IS_FIXED_WIDTH (gtk_widget_get_parent (da_test_find_by_text (view,
                                                                                GTK_TYPE_LABEL,
                                                                                "Admin"))));

  /* A name in a directory's "family, given" order: the avatar's initials are the given name's
   * and the family name's (MG), the row still reads it as written. */
  g_assert_true (da_test_has_label (view, "García, María José"));
  {
    g_autoptr(GPtrArray) avatars = da_test_find_all (view, DA_TYPE_AVATAR);
    gboolean found = FALSE;

    g_assert_cmpuint (avatars->len, >, 0);
    for (guint i = 0; i < avatars->len; i++)
      {
        DaAvatar *avatar = g_ptr_array_index (avatars, i);
        const char *text = da_avatar_get_text (avatar);

        g_assert_cmpstr (text, !=, "García, María José");
        if (g_strcmp0 (text, "María José García") == 0)
          {
            g_assert_cmpstr (da_avatar_get_initials (avatar), ==, "MG");
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* Sessions and logins with digit grouping, "Never" for those who never logged in. */
  shown = g_list_model_get_item (visible (f), 0);
  count = da_format_count (da_member_get_sessions_created_count (shown));
  g_assert_true (da_test_has_label (view, count));

  /* The page says what it can do. */
  g_assert_true (da_page_get_can_search (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_new (DA_PAGE (f->page)));
  g_assert_true (da_page_get_can_export (DA_PAGE (f->page)));
  g_assert_cmpstr (da_page_get_title (DA_PAGE (f->page)), ==, "Members");
  g_assert_nonnull (da_pages_lookup ("members"));

  /* With no one selected, the details pane says how to see someone's details, drawn as a
   * compact status page: the icon at its size, the title and the description wrapped. */
  {
    GtkWidget *title = da_test_find_by_text (f->page, GTK_TYPE_LABEL, "No Member Selected");
    GtkWidget *icon = da_test_find_widget (gtk_widget_get_parent (title), GTK_TYPE_IMAGE, NULL);
    GtkWidget *description = gtk_widget_get_next_sibling (title);

    g_assert_true (gtk_widget_is_drawable (title));
    g_assert_true (gtk_widget_has_css_class (title, "title-1"));
    g_assert_true (gtk_label_get_wrap (GTK_LABEL (title)));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (description)),
                                     "Select a member to see their details"));
    g_assert_true (gtk_widget_is_drawable (description));
    g_assert_true (gtk_label_get_wrap (GTK_LABEL (description)));
    g_assert_true (gtk_widget_has_css_class (description, "description"));
    g_assert_true (gtk_widget_is_drawable (icon));
    g_assert_cmpint (gtk_widget_get_height (icon), ==, 96);

    /* A member's details are made when one is first shown: not for this first frame. */
    g_assert_null (da_test_find_widget (f->page, DA_TYPE_MEMBER_DETAILS, NULL));

    /* The pane is as wide as asked, however long a line of its text would be. */
    g_assert_cmpint (gtk_widget_get_width (gtk_widget_get_ancestor (title, DA_TYPE_FIXED_WIDTH)),
                     ==, 320);
    g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (description))),
                     >, 1);
  }

  da_test_screenshot (GTK_WIDGET (f->window), "list");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GListModel) api = api_members (client);
  const char *queries[] = {
    /* Typing a word letter by letter (stricter each time), then taking letters away. */
    "m", "ma", "mar", "mari", "maria", "mari", "ma", "",
    /* Accents do not matter, case neither; words are all needed, in any order. */
    "zoe", "ZOË", "garcia maria", "maria garcia", "jose", "渡辺",
    /* Part of an address. */
    "bobby.tables@", "@", ".", "example", "nobody-has-this",
    "",
  };
  GtkWidget *no_match;

  show_page (f, 1280);
  wait_loaded (f);

  /* The page for no match gets its icon when first shown: GTK would load it for the hidden page
   * too, in the page's first frame. */
  no_match = da_test_find_by_text (f->page, ADW_TYPE_STATUS_PAGE, "No Matching Members");
  g_assert_nonnull (no_match);
  g_assert_null (adw_status_page_get_icon_name (ADW_STATUS_PAGE (no_match)));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      guint expected = expected_matches (api, queries[i], NULL);
      g_autofree char *count = queries[i][0] != '\0'
                               ? g_strdup_printf ("%u of 120 members", expected)
                               : g_strdup ("120 members");

      search (f, queries[i]);
      /* The count says how many of how many once the search has run. */
      DA_TEST_WAIT_UNTIL (g_strcmp0 (label_text (f, "members-count"), count) == 0);
      g_assert_cmpuint (n_visible (f), ==, expected);
      g_test_message ("“%s”: %u", queries[i], expected);

      /* Each shown member matches; the count says how many of how many. */
      for (guint j = 0; j < n_visible (f); j++)
        {
          g_autoptr(DaMember) member = g_list_model_get_item (visible (f), j);

          g_assert_true (member_matches (member, queries[i], NULL));
        }
    }

  /* The seeded names with accents, a comma, quotes and other scripts are found. */
  search (f, "zoe lukasiewicz");
  DA_TEST_WAIT_UNTIL (n_visible (f) == 1);
  search (f, "garcia, maria");
  DA_TEST_WAIT_UNTIL (n_visible (f) == 1);
  search (f, "\"bobby\"");
  DA_TEST_WAIT_UNTIL (n_visible (f) == 1);

  /* Nothing matches: the page says so, and offers nothing to look up for a mere word. */
  search (f, "nobody-has-this");
  DA_TEST_WAIT_UNTIL (n_visible (f) == 0);
  g_assert_true (gtk_widget_is_drawable (no_match));
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (no_match)), ==,
                   "edit-find-symbolic");
  g_assert_false (gtk_widget_get_visible (find (f, GTK_TYPE_BUTTON, "lookup-button")));
  g_assert_false (da_page_get_can_export (DA_PAGE (f->page)));
  da_test_screenshot (GTK_WIDGET (f->window), "no-match");

  search (f, "");
  DA_TEST_WAIT_UNTIL (n_visible (f) == 120);
}

static void
test_role_filter (Fixture       *f,
                  gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GListModel) api = api_members (client);
  g_autoptr(GPtrArray) roles = api_roles (client);
  guint n_roles = 0;

  show_page (f, 1280);
  wait_loaded (f);
  DA_TEST_WAIT_UNTIL (da_context_get_roles_loaded (f->context));

  for (guint i = 0; i < roles->len; i++)
    {
      DaRole *role = g_ptr_array_index (roles, i);
      guint expected;

      if (!da_role_is_enterprise_role (role))
        continue;
      n_roles++;

      /* Each enterprise role, custom ones included, by its name. */
      expected = expected_matches (api, NULL, da_role_get_role_id (role));
      select_role (f, da_role_get_role_name (role));
      DA_TEST_WAIT_UNTIL (n_visible (f) == expected);
      g_test_message ("%s: %u", da_role_get_role_name (role), expected);
      g_assert_cmpuint (expected, >, 0);
      for (guint j = 0; j < n_visible (f); j++)
        {
          g_autoptr(DaMember) member = g_list_model_get_item (visible (f), j);

          g_assert_cmpstr (da_member_get_enterprise_role (member), ==, da_role_get_role_id (role));
        }

      /* With a search too. */
      expected = expected_matches (api, "a", da_role_get_role_id (role));
      search (f, "a");
      DA_TEST_WAIT_UNTIL (n_visible (f) == expected);
      search (f, "");
    }

  /* The organization roles are not enterprise roles: they are not offered. */
  {
    GtkDropDown *dropdown = GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "role-filter"));

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==,
                      n_roles + 1);
  }

  /* A refresh keeps the role chosen. */
  select_role (f, "Admin");
  DA_TEST_WAIT_UNTIL (n_visible (f) == expected_matches (api, NULL, "account_admin"));
  da_page_refresh (DA_PAGE (f->page));
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  g_assert_cmpuint (n_visible (f), ==, expected_matches (api, NULL, "account_admin"));
  {
    GtkDropDown *dropdown = GTK_DROP_DOWN (find (f, GTK_TYPE_DROP_DOWN, "role-filter"));

    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (dropdown)),
                     ==, "Admin");
  }

  select_role (f, "All Roles");
  DA_TEST_WAIT_UNTIL (n_visible (f) == 120);
  g_assert_cmpstr (label_text (f, "members-count"), ==, "120 members");
}

static void
check_last_login_order (Fixture     *f,
                        GtkSortType  direction)
{
  gboolean seen_never = FALSE;
  guint n_never = 0;
  gint64 previous = DA_TIME_UNSET;

  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (visible (f), i);
      gint64 when = da_member_get_last_login (member);

      if (when == DA_TIME_UNSET)
        {
          seen_never = TRUE;
          n_never++;
          continue;
        }

      /* "Never" comes after everyone who logged in, whichever the direction. */
      g_assert_false (seen_never);
      if (previous != DA_TIME_UNSET)
        {
          if (direction == GTK_SORT_ASCENDING)
            g_assert_cmpint (previous, <=, when);
          else
            g_assert_cmpint (previous, >=, when);
        }
      previous = when;
    }

  g_assert_true (seen_never);
  g_test_message ("%u never logged in", n_never);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  guint n_found;

  show_page (f, 1280);
  wait_loaded (f);

  /* A search, then a sort: the same members, in order. */
  search (f, "ia");
  DA_TEST_WAIT_UNTIL (n_visible (f) < 120);
  n_found = n_visible (f);
  g_assert_cmpuint (n_found, >, 1);
  sort_by (f, "Sessions", GTK_SORT_ASCENDING);
  g_assert_cmpuint (n_visible (f), ==, n_found);
  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(DaMember) a = g_list_model_get_item (visible (f), i - 1);
      g_autoptr(DaMember) b = g_list_model_get_item (visible (f), i);

      g_assert_cmpint (da_member_get_sessions_created_count (a), <=,
                       da_member_get_sessions_created_count (b));
    }
  search (f, "");
  DA_TEST_WAIT_UNTIL (n_visible (f) == g_list_model_get_n_items (
                        da_members_page_get_loaded_model (page (f))));

  sort_by (f, "Last Login", GTK_SORT_ASCENDING);
  check_last_login_order (f, GTK_SORT_ASCENDING);
  sort_by (f, "Last Login", GTK_SORT_DESCENDING);
  check_last_login_order (f, GTK_SORT_DESCENDING);
  sort_by (f, "Last Login", GTK_SORT_ASCENDING);
  check_last_login_order (f, GTK_SORT_ASCENDING);

  /* The last rows say "Never", with no exact time in a tooltip. */
  {
    GtkWidget *view = find (f, GTK_TYPE_COLUMN_VIEW, "members-list");
    GtkWidget *never;

    gtk_adjustment_set_value (vadjustment (f), gtk_adjustment_get_upper (vadjustment (f)));
    da_test_spin (200);
    never = da_test_find_by_text (view, GTK_TYPE_LABEL, "Never");
    g_assert_nonnull (never);
    g_assert_null (da_cell_get_tooltip (never));
    gtk_adjustment_set_value (vadjustment (f), 0);
  }

  /* By name, in the locale's order. */
  sort_by (f, "Name", GTK_SORT_ASCENDING);
  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(DaMember) a = g_list_model_get_item (visible (f), i - 1);
      g_autoptr(DaMember) b = g_list_model_get_item (visible (f), i);
      g_autofree char *fa = g_utf8_casefold (da_member_get_name (a), -1);
      g_autofree char *fb = g_utf8_casefold (da_member_get_name (b), -1);

      g_assert_cmpint (g_utf8_collate (fa, fb), <=, 0);
    }

  /* By sessions, most first. */
  sort_by (f, "Sessions", GTK_SORT_DESCENDING);
  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(DaMember) a = g_list_model_get_item (visible (f), i - 1);
      g_autoptr(DaMember) b = g_list_model_get_item (visible (f), i);

      g_assert_cmpint (da_member_get_sessions_created_count (a), >=,
                       da_member_get_sessions_created_count (b));
    }

  /* A search keeps the order. */
  search (f, "ia");
  DA_TEST_WAIT_UNTIL (n_visible (f) < 120);
  g_assert_cmpuint (n_visible (f), >, 1);
  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(DaMember) a = g_list_model_get_item (visible (f), i - 1);
      g_autoptr(DaMember) b = g_list_model_get_item (visible (f), i);

      g_assert_cmpint (da_member_get_sessions_created_count (a), >=,
                       da_member_get_sessions_created_count (b));
    }
}

static GPtrArray *
read_csv (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GPtrArray *rows;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, length, NULL));
  rows = da_csv_parse (contents, length, &error);
  g_assert_no_error (error);
  return rows;
}

/* How many CRLF-ended rows @path has so far (it is written while the test waits). */
static guint
count_rows (const char *path)
{
  g_autofree char *contents = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  for (const char *p = contents; (p = strstr (p, "\r\n")) != NULL; p += 2)
    n++;
  return n;
}

static void
export_to (Fixture    *f,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint expected = n_visible (f) + 1;

  da_test_click (find (f, GTK_TYPE_BUTTON, "export-button"));
  da_test_answer_file_chooser (file);
  /* A header and a row per visible member (names have no line breaks in the seed). */
  DA_TEST_WAIT_UNTIL (count_rows (path) == expected);
}

static void
check_csv_is_visible (Fixture   *f,
                      GPtrArray *rows)
{
  g_assert_cmpuint (rows->len, ==, n_visible (f) + 1);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 0))[0], ==, "user_id");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (rows, 0))[2], ==, "email");

  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (visible (f), i);
      GStrv row = g_ptr_array_index (rows, i + 1);

      g_assert_cmpuint (g_strv_length (row), ==, 11);
      g_assert_cmpstr (row[0], ==, da_member_get_user_id (member));
      g_assert_cmpstr (row[1], ==, da_member_get_name (member));
      g_assert_cmpstr (row[2], ==, da_member_get_email (member));
      g_assert_cmpstr (row[3], ==, da_member_get_enterprise_role (member));
      if (da_member_get_last_login (member) == DA_TIME_UNSET)
        g_assert_cmpstr (row[6], ==, "");
      else
        {
          g_autofree char *when = da_format_iso_timestamp (da_member_get_last_login (member));

          g_assert_cmpstr (row[6], ==, when);
        }
    }
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *all_path = g_build_filename (f->tmpdir, "all.csv", NULL);
  g_autofree char *some_path = g_build_filename (f->tmpdir, "some.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;
  GStatBuf st;
  gboolean comma = FALSE, quotes = FALSE, accents = FALSE, kanji = FALSE;

  show_page (f, 1280);
  wait_loaded (f);

  /* Every row, sorted by name: the seeded names need quoting. */
  sort_by (f, "Name", GTK_SORT_DESCENDING);
  export_to (f, all_path);
  all = read_csv (all_path);
  check_csv_is_visible (f, all);
  for (guint i = 1; i < all->len; i++)
    {
      const char *name = ((GStrv) g_ptr_array_index (all, i))[1];

      comma = comma || g_strcmp0 (name, "García, María José") == 0;
      quotes = quotes || g_strcmp0 (name, "Robert \"Bobby\" Tables") == 0;
      accents = accents || g_strcmp0 (name, "Zoë Łukasiewicz-Ørsted") == 0;
      kanji = kanji || g_strcmp0 (name, "渡辺 結衣") == 0;
    }
  g_assert_true (comma && quotes && accents && kanji);

  /* Quoted as RFC 4180 wants, in UTF-8, rows ended by CRLF. */
  g_assert_true (g_file_get_contents (all_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ",\"García, María José\","));
  g_assert_nonnull (strstr (contents, ",\"Robert \"\"Bobby\"\" Tables\","));
  g_assert_true (g_str_has_prefix (contents, "user_id,name,email,"));
  g_assert_nonnull (strstr (contents, "\r\n"));
  /* The file names people: only its owner may read it. */
  g_assert_cmpint (g_stat (all_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* Only the visible rows: filtered by a search and a role, in their order. */
  search (f, "ia");
  select_role (f, "Member");
  DA_TEST_WAIT_UNTIL (n_visible (f) > 0 && n_visible (f) < 100);
  export_to (f, some_path);
  some = read_csv (some_path);
  check_csv_is_visible (f, some);
  for (guint i = 1; i < some->len; i++)
    g_assert_cmpstr (((GStrv) g_ptr_array_index (some, i))[4], ==, "Member");
}

static void
test_export_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;

  show_page (f, 1280);
  wait_loaded (f);

  da_test_click (find (f, GTK_TYPE_BUTTON, "export-button"));
  da_test_answer_file_chooser (NULL);
  da_test_spin (200);

  dir = g_dir_open (f->tmpdir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  /* Nothing to say: cancelling is not a failure. */
  g_assert_false (message_shown (f));
}

static const char *
selected_id (Fixture *f)
{
  GtkSelectionModel *selection = da_members_page_get_selection (page (f));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);
  g_autoptr(DaMember) member = NULL;
  static char *id;

  if (gtk_bitset_get_size (selected) != 1)
    return NULL;
  member = g_list_model_get_item (G_LIST_MODEL (selection), gtk_bitset_get_minimum (selected));
  g_free (id);
  id = g_strdup (da_member_get_user_id (member));
  return id;
}

static void
test_refresh_keeps_selection_and_scroll (Fixture       *f,
                                         gconstpointer  data)
{
  GtkSelectionModel *selection = da_members_page_get_selection (page (f));
  g_autofree char *chosen = NULL;
  g_autoptr(DaMember) member = NULL;
  guint before;
  double scroll;

  show_page (f, 1280);
  wait_loaded (f);
  g_assert_cmpuint (n_loaded (f), ==, 520);

  /* Down the list, a member chosen. */
  gtk_adjustment_set_value (vadjustment (f), 6000);
  da_test_spin (200);
  scroll = gtk_adjustment_get_value (vadjustment (f));
  g_assert_cmpfloat (scroll, >, 1000);
  gtk_selection_model_select_item (selection, 300, TRUE);
  member = g_list_model_get_item (G_LIST_MODEL (selection), 300);
  chosen = g_strdup (da_member_get_user_id (member));
  DA_TEST_WAIT_UNTIL (da_member_details_get_member (details_of (f)) == member);

  before = da_mock_server_count_requests (f->server, "GET", "/members");
  da_page_refresh (DA_PAGE (f->page));
  g_assert_true (da_page_get_busy (DA_PAGE (f->page)));
  /* While it reloads, the list shown stays. */
  g_assert_cmpuint (n_visible (f), ==, 520);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  /* A first page of 50, then pages of 200: 50 + 200 + 200 + 70. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/members"), ==, before + 4);

  /* New rows (new objects), the same member selected, the same place in the list. */
  g_assert_cmpuint (n_visible (f), ==, 520);
  g_assert_cmpstr (selected_id (f), ==, chosen);
  {
    g_autoptr(DaMember) again = g_list_model_get_item (G_LIST_MODEL (selection), 300);

    g_assert_true (again != member);
  }
  da_test_spin (200);
  g_test_message ("scroll %.0f → %.0f", scroll, gtk_adjustment_get_value (vadjustment (f)));
  g_assert_cmpfloat (ABS (gtk_adjustment_get_value (vadjustment (f)) - scroll), <, 1);
  g_assert_cmpstr (da_member_get_user_id (da_member_details_get_member (details_of (f))), ==,
                   chosen);
}

static void
test_fills_while_loading (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Each page takes a while: the first rows show, and can be searched, before the rest. */
  g_assert_cmpuint (da_mock_server_add_fault (f->server, "GET /members latency delay=300",
                                              &error), >, 0);
  g_assert_no_error (error);

  show_page (f, 1280);
  DA_TEST_WAIT_UNTIL (n_loaded (f) > 0);
  g_assert_cmpuint (n_loaded (f), <, 2000);
  g_assert_true (da_page_get_busy (DA_PAGE (f->page)));
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_cmpint (footer_state (f), ==, DA_LIST_FOOTER_LOADING);

  search (f, "ia");
  DA_TEST_WAIT_UNTIL (n_visible (f) > 0 && n_visible (f) < n_loaded (f));
  g_assert_true (da_page_get_busy (DA_PAGE (f->page)));
  g_assert_true (g_str_has_suffix (label_text (f, "members-count"), " members loaded so far"));
  /* The picture after the checks: under ASan, drawing the window twice (light and dark) can
   * last longer than the rest of the load. */
  da_test_screenshot (GTK_WIDGET (f->window), "loading");

  da_mock_server_clear_faults (f->server);
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));
  g_assert_cmpuint (n_loaded (f), ==, 2000);
  g_assert_cmpint (footer_state (f), ==, DA_LIST_FOOTER_HIDDEN);
  search (f, "");
  DA_TEST_WAIT_UNTIL (n_visible (f) == 2000);
  {
    g_autofree char *all = da_format_count (2000);
    g_autofree char *text = g_strdup_printf ("%s members", all);

    g_assert_cmpstr (label_text (f, "members-count"), ==, text);
  }
}

static void
test_failure_while_paging (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  DaListFooter *footer;
  guint latency, kept;

  latency = da_mock_server_add_fault (f->server, "GET /members latency delay=200", &error);
  g_assert_no_error (error);

  show_page (f, 1280);
  DA_TEST_WAIT_UNTIL (n_loaded (f) > 0);

  /* The server breaks after the first page: the pages asked for already come, then no more. */
  da_mock_server_remove_fault (f->server, latency);
  da_mock_server_add_fault (f->server, "GET /members 500", &error);
  g_assert_no_error (error);
  footer = DA_LIST_FOOTER (find (f, DA_TYPE_LIST_FOOTER, NULL));
  DA_TEST_WAIT_UNTIL (da_list_footer_get_state (footer) == DA_LIST_FOOTER_ERROR);
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)));

  /* The rows loaded stay, with the error under them. */
  kept = n_loaded (f);
  g_test_message ("%u rows kept", kept);
  g_assert_cmpuint (kept, >, 0);
  g_assert_cmpuint (kept, <, 2000);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_CONTENT);
  g_assert_true (da_test_has_label (GTK_WIDGET (footer), "The server had a problem"));
  /* The count says the list is not all there. */
  {
    g_autofree char *count = da_format_count (kept);
    g_autofree char *all = da_format_count (2000);
    g_autofree char *text = g_strdup_printf ("%s of %s members loaded", count, all);

    g_assert_cmpstr (label_text (f, "members-count"), ==, text);
  }
  da_test_screenshot (GTK_WIDGET (f->window), "paging-error");

  /* Retry continues where it stopped: every member once. */
  da_mock_server_clear_faults (f->server);
  da_test_click (find (f, GTK_TYPE_BUTTON, "list-footer-retry"));
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)) &&
                      da_list_footer_get_state (footer) == DA_LIST_FOOTER_HIDDEN);
  g_assert_cmpuint (n_loaded (f), ==, 2000);
  for (guint i = 0; i < n_loaded (f); i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (loaded (f), i);

      g_assert_true (g_hash_table_add (ids, (gpointer) da_member_get_user_id (member)));
    }
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  show_page (f, 1280);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_FORBIDDEN);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_FORBIDDEN);
  g_assert_true (da_test_has_label (f->page, "Enterprise Admin Key Needed"));
}

static void
test_network_error (Fixture       *f,
                    gconstpointer  data)
{
  da_mock_server_stop (f->server);

  show_page (f, 1280);
  DA_TEST_WAIT_UNTIL (state_of (f) != DA_STATE_VIEW_LOADING);
  g_assert_cmpint (state_of (f), ==, DA_STATE_VIEW_ERROR);
  g_assert_error (da_page_get_error (DA_PAGE (f->page)), DA_CLIENT_ERROR,
                  DA_CLIENT_ERROR_NETWORK);
  g_assert_true (da_test_has_label (f->page, "Could Not Reach the Server"));
  g_assert_nonnull (da_test_find_by_text (f->page, GTK_TYPE_BUTTON, "Retry"));
}

static void
test_server_error_then_retry (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  da_mock_server_add_fault (f->server, "GET /members 500", &error);
  g_assert_no_error (error);

  show_page (f, 1280);
  DA_TEST_WAIT_UNTIL (state_of (f) == DA_STATE_VIEW_ERROR);
  g_assert_true (da_test_has_label (f->page, "The Server Had a Problem"));
  da_test_screenshot (GTK_WIDGET (f->window), "error");

  da_mock_server_clear_faults (f->server);
  da_test_click (da_test_find_by_text (da_test_find_by_text (f->page, ADW_TYPE_STATUS_PAGE,
                                                             "The Server Had a Problem"),
                                       GTK_TYPE_BUTTON, "Retry"));
  wait_loaded (f);
  g_assert_cmpuint (n_visible (f), ==, 120);
  g_assert_null (da_page_get_error (DA_PAGE (f->page)));
}

static void
test_lookup_by_email (Fixture       *f,
                      gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GListModel) api = api_members (client);
  g_autoptr(DaMember) far = g_list_model_get_item (api, 1900);
  g_autoptr(GError) error = NULL;
  DaMemberDetails *details;
  GtkWidget *lookup;

  /* The list loads slowly: the member wanted is not loaded yet. */
  da_mock_server_add_fault (f->server, "GET /members latency delay=1500", &error);
  g_assert_no_error (error);
  show_page (f, 1280);
  DA_TEST_WAIT_UNTIL (n_loaded (f) > 0);

  search (f, da_member_get_email (far));
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (find (f, GTK_TYPE_BUTTON, "lookup-button")));
  g_assert_cmpuint (n_visible (f), ==, 0);
  g_assert_nonnull (find_member (api, da_member_get_email (far)));
  g_assert_true (da_test_has_label (f->page, "No member loaded so far matches"));

  /* Looked up on the server with its email filter: the details show them. */
  da_mock_server_clear_faults (f->server);
  da_mock_server_reset_counts (f->server);
  lookup = find (f, GTK_TYPE_BUTTON, "lookup-button");
  da_test_click (lookup);
  /* The details pane is made when a member is first shown in it. */
  DA_TEST_WAIT_UNTIL (da_test_find_widget (f->page, DA_TYPE_MEMBER_DETAILS, NULL) != NULL);
  details = details_of (f);
  DA_TEST_WAIT_UNTIL (da_member_details_get_member (details) != NULL &&
                      g_strcmp0 (da_member_get_user_id (da_member_details_get_member (details)),
                                 da_member_get_user_id (far)) == 0);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (details)));
  g_assert_true (da_test_has_label (GTK_WIDGET (details), da_member_get_email (far)));

  /* An address nobody has: the page says so and offers to invite it. */
  search (f, "nobody.at.all@example.org");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (find (f, GTK_TYPE_BUTTON, "lookup-button")));
  g_signal_emit_by_name (find (f, GTK_TYPE_SEARCH_ENTRY, "members-search"), "activate");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_visible (find (f, GTK_TYPE_BUTTON, "invite-address-button")));
  g_assert_true (da_test_has_label (f->page,
                                    "No member has the address nobody.at.all@example.org"));
  g_assert_nonnull (da_test_find_by_text (f->page, GTK_TYPE_BUTTON,
                                          "Invite nobody.at.all@example.org…"));
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "GET", "/members"), >=, 2);
  da_test_screenshot (GTK_WIDGET (f->window), "lookup-none");
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  GtkSelectionModel *selection = da_members_page_get_selection (page (f));
  DaMemberDetails *details;
  g_autoptr(GListModel) orgs = NULL;
  g_autoptr(DaMember) member = NULL;
  GtkWidget *list, *many;
  guint position = 0;

  show_page (f, 1280);
  wait_loaded (f);

  /* Someone in organizations, with a last login. */
  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(DaMember) candidate = g_list_model_get_item (visible (f), i);
      g_autoptr(GListModel) their_orgs = NULL;

      if (da_member_get_last_login (candidate) == DA_TIME_UNSET)
        continue;
      their_orgs = api_member_orgs (client, da_member_get_user_id (candidate));
      if (g_list_model_get_n_items (their_orgs) >= 2)
        {
          position = i;
          break;
        }
    }
  g_assert_cmpuint (position, >, 0);

  gtk_selection_model_select_item (selection, position, TRUE);
  member = g_list_model_get_item (G_LIST_MODEL (selection), position);
  details = details_of (f);
  g_assert_true (da_member_details_get_member (details) == member);
  DA_TEST_WAIT_UNTIL (!da_member_details_get_organizations_loading (details));
  /* Shown: on a loaded machine the pane may be mapped a main-loop turn after the selection. */
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (GTK_WIDGET (details)));

  /* Every profile field. */
  g_assert_true (da_test_has_label (GTK_WIDGET (details), da_member_get_name (member)));
  g_assert_true (da_test_has_label (GTK_WIDGET (details), da_member_get_email (member)));
  g_assert_true (da_test_has_label (GTK_WIDGET (details), da_member_get_user_id (member)));
  {
    g_autofree char *created = da_format_date (da_member_get_created_at (member));
    g_autofree char *logins = da_format_count (da_member_get_login_count (member));

    g_assert_true (da_test_has_label (GTK_WIDGET (details), created));
    g_assert_true (da_test_has_label (GTK_WIDGET (details), logins));
  }

  /* Their organizations with the organization role, as the server has them. */
  orgs = api_member_orgs (client, da_member_get_user_id (member));
  list = find (f, GTK_TYPE_LIST_BOX, "member-orgs-list");
  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(DaOrgMembership) membership = g_list_model_get_item (orgs, i);
      GtkWidget *row = da_test_find_by_text (list, ADW_TYPE_ACTION_ROW,
                                             da_org_membership_get_org_name (membership));

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       da_org_membership_get_org_role_name (membership));
    }

  /* The role as a choice of the enterprise roles, by name. */
  {
    AdwComboRow *role = ADW_COMBO_ROW (find (f, ADW_TYPE_COMBO_ROW, "role-row"));
    GtkStringObject *item = adw_combo_row_get_selected_item (role);

    DA_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (GTK_WIDGET (role)));
    g_assert_cmpstr (gtk_string_object_get_string (item), ==,
                     da_context_lookup_role_name (f->context,
                                                  da_member_get_enterprise_role (member)));
  }

  da_test_screenshot (GTK_WIDGET (f->window), "details");

  /* Several selected: what can be done to them all. */
  gtk_selection_model_select_range (selection, position, 3, TRUE);
  g_assert_true (da_test_has_label (f->page, "3 selected"));
  many = da_test_find_by_text (f->page, ADW_TYPE_STATUS_PAGE, "3 Members Selected");
  g_assert_nonnull (many);
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (many)), ==,
                   "system-users-symbolic");
  g_assert_true (gtk_widget_is_drawable (find (f, GTK_TYPE_BUTTON, "remove-selected-button")));
  da_test_screenshot (GTK_WIDGET (f->window), "several");

}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkSelectionModel *selection = da_members_page_get_selection (page (f));
  AdwLeaflet *leaflet;
  GtkWidget *view;

  show_page (f, 360);
  wait_loaded (f);
  {
    int minimum = 0;

    /* It fits a phone: 360 pixels wide. */
    gtk_widget_measure (f->page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("The page needs %d pixels", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
  leaflet = ADW_LEAFLET (find (f, ADW_TYPE_LEAFLET, NULL));
  /* Folded once the list is laid out. */
  DA_TEST_WAIT_UNTIL (adw_leaflet_get_folded (leaflet));
  view = find (f, GTK_TYPE_COLUMN_VIEW, "members-list");
  g_assert_true (gtk_widget_is_drawable (view));
  da_test_screenshot (GTK_WIDGET (f->window), "narrow");

  /* Activating a row (Enter, a double click) shows the details in place of the list. */
  gtk_selection_model_select_item (selection, 2, TRUE);
  g_signal_emit_by_name (view, "activate", 2);
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (find (f, DA_TYPE_MEMBER_DETAILS, NULL)));
  g_assert_false (gtk_widget_is_drawable (view));
  da_test_screenshot (GTK_WIDGET (f->window), "narrow-details");

  /* Back to the list. */
  da_test_click (find (f, GTK_TYPE_BUTTON, "details-back-button"));
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (view));

  /* One selected on a narrow window: a Details button under the list. */
  g_assert_true (gtk_widget_is_drawable (find (f, GTK_TYPE_BUTTON, "details-button")));
  da_test_click (find (f, GTK_TYPE_BUTTON, "details-button"));
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (find (f, DA_TYPE_MEMBER_DETAILS, NULL)));

  /* Ctrl+F brings the list and its search back. */
  da_page_focus_search (DA_PAGE (f->page));
  DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (view));
  {
    GtkWidget *entry = find (f, GTK_TYPE_SEARCH_ENTRY, "members-search");
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }

  /* Several selected on a narrow window: their actions in a menu, made when first opened. */
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  {
    GtkWidget *actions = find (f, GTK_TYPE_MENU_BUTTON, "selection-menu-button");
    GtkPopover *popover;

    DA_TEST_WAIT_UNTIL (gtk_widget_is_drawable (actions));
    g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (actions)));
    gtk_menu_button_popup (GTK_MENU_BUTTON (actions));
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (actions));
    g_assert_true (GTK_IS_POPOVER_MENU (popover));
    DA_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)) &&
                        gtk_widget_get_width (GTK_WIDGET (popover)) > 0);
    g_assert_true (da_test_has_label (GTK_WIDGET (popover), "Change Role…"));
    g_assert_true (da_test_has_label (GTK_WIDGET (popover), "Remove…"));
    da_test_screenshot (GTK_WIDGET (popover), "several-actions");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (actions));
  }
}

/* The shown columns share the list's whole width (GTK 4.8 leaves a hidden column's width empty
 * at the end unless the page sees to it). */
static void
assert_columns_fill (GtkWidget *view)
{
  GtkWidget *header = gtk_widget_get_first_child (view);

  g_assert_cmpint (gtk_widget_get_width (view), >, 0);
  g_assert_cmpint (gtk_widget_get_width (header), ==, gtk_widget_get_width (view));
}

/* Logins and Sessions show only where the list has room for them besides names and addresses
 * that can be read; narrower, the list keeps who, which role and when, and no empty space. */
static void
test_columns_by_width (Fixture       *f,
                       gconstpointer  data)
{
  static const char *always[] = { "Name", "Email", "Role", "Last Login" };
  GtkWidget *view;
  int name_width;

  /* Hidden until an allocation finds room for them: their cells are not made with the first
   * rows of a window of the default size only to be taken down at its first layout. */
  g_assert_false (gtk_column_view_column_get_visible (column (f, "Logins")));
  g_assert_false (gtk_column_view_column_get_visible (column (f, "Sessions")));

  show_page (f, 1000);
  wait_loaded (f);
  view = find (f, GTK_TYPE_COLUMN_VIEW, "members-list");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_width (view) > 0);
  da_test_spin (100);
  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    g_assert_true (gtk_column_view_column_get_visible (column (f, always[i])));
  g_assert_false (gtk_column_view_column_get_visible (column (f, "Logins")));
  g_assert_false (gtk_column_view_column_get_visible (column (f, "Sessions")));
  assert_columns_fill (view);
  name_width = gtk_widget_get_width (gtk_widget_get_first_child (
                                       gtk_widget_get_first_child (view)));
  g_test_message ("Name column at 1000 pixels: %d", name_width);
  g_assert_cmpint (name_width, >=, 180);
  da_test_screenshot (GTK_WIDGET (f->window), "without-counts");

  /* Sorted by a count, wider: the column shows, with its width, and the sort holds. */
  sort_by (f, "Logins", GTK_SORT_DESCENDING);
  da_test_window_resize (f->window, 1400, 720);
  DA_TEST_WAIT_UNTIL (gtk_column_view_column_get_visible (column (f, "Logins")));
  g_assert_true (gtk_column_view_column_get_visible (column (f, "Sessions")));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column (f, "Logins")), ==, 80);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column (f, "Sessions")), ==, 90);
  da_test_spin (100);
  assert_columns_fill (view);
  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(DaMember) a = g_list_model_get_item (visible (f), i - 1);
      g_autoptr(DaMember) b = g_list_model_get_item (visible (f), i);

      g_assert_cmpint (MAX (da_member_get_login_count (a), 0), >=,
                       MAX (da_member_get_login_count (b), 0));
    }
  da_test_screenshot (GTK_WIDGET (f->window), "with-counts");

  /* And narrower again. */
  da_test_window_resize (f->window, 1000, 720);
  DA_TEST_WAIT_UNTIL (!gtk_column_view_column_get_visible (column (f, "Logins")));
  da_test_spin (100);
  assert_columns_fill (view);
}

/* The least width of the labels of a column with @css_class, and the natural width of @sample
 * in a plain label of the same window. */
static void
least_cell_width (GtkWidget  *view,
                  const char *css_class,
                  const char *sample,
                  int        *least,
                  int        *sample_width)
{
  g_autoptr(GPtrArray) labels = da_test_find_all (view, GTK_TYPE_LABEL);
  GtkWidget *plain = gtk_label_new (sample);
  GtkWidget *found = NULL;

  for (guint i = 0; i < labels->len && found == NULL; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), css_class))
      found = g_ptr_array_index (labels, i);
  g_assert_nonnull (found);
  gtk_widget_measure (found, GTK_ORIENTATION_HORIZONTAL, -1, least, NULL, NULL, NULL);

  /* Beside it, so that it has the same font. */
  gtk_widget_set_parent (plain, found);
  gtk_widget_measure (plain, GTK_ORIENTATION_HORIZONTAL, -1, NULL, sample_width, NULL, NULL);
  gtk_widget_unparent (plain);
}

/* Names and addresses keep some 12 and 16 characters before they are ellipsized (a CSS width in
 * em, which follows the font). */
static void
test_names_keep_width (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *view;
  int least, sample;

  show_page (f, 360);
  wait_loaded (f);
  view = find (f, GTK_TYPE_COLUMN_VIEW, "members-list");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_width (view) > 0);

  least_cell_width (view, "da-member-name", "abcdefghijkl", &least, &sample);
  g_test_message ("name: at least %d pixels, 12 characters %d", least, sample);
  g_assert_cmpint (least, >=, sample * 4 / 5);
  g_assert_cmpint (least, <=, sample * 3 / 2);

  least_cell_width (view, "da-member-email", "abcdefghijklmnop", &least, &sample);
  g_test_message ("address: at least %d pixels, 16 characters %d", least, sample);
  g_assert_cmpint (least, >=, sample * 4 / 5);
  g_assert_cmpint (least, <=, sample * 3 / 2);
}

/* A page shown wide from the start has the counts at its first layout, at their widths. */
static void
test_counts_when_wide_at_start (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *view;

  show_page (f, 1400);
  wait_loaded (f);
  view = find (f, GTK_TYPE_COLUMN_VIEW, "members-list");
  DA_TEST_WAIT_UNTIL (gtk_widget_get_width (view) > 0);
  g_assert_true (gtk_column_view_column_get_visible (column (f, "Logins")));
  g_assert_true (gtk_column_view_column_get_visible (column (f, "Sessions")));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column (f, "Logins")), ==, 80);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column (f, "Sessions")), ==, 90);
  da_test_spin (100);
  assert_columns_fill (view);
  {
    g_autoptr(GPtrArray) labels = da_test_find_all (view, GTK_TYPE_LABEL);
    guint counts = 0;

    for (guint i = 0; i < labels->len; i++)
      counts += gtk_widget_has_css_class (g_ptr_array_index (labels, i), "numeric");
    /* Two a row, for every row made. */
    g_assert_cmpuint (counts, >=, 2);
  }
}

static gboolean
settled (Fixture *f)
{
  GListModel *model = da_members_page_get_visible_model (page (f));

  return gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) == 0;
}

static void
wait_settled (Fixture *f)
{
  DA_TEST_WAIT_UNTIL (settled (f));
}

/* Types @c at the end of the search, or takes the last character away when @c is '\b', as
 * keys would: one change of the entry each. */
static void
press_key (GtkWidget *entry,
           char       c)
{
  int length = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  /* NUL-terminated: the insert-text signal copies its text as a string (ASan saw the copy read
   * past a lone char). */
  const char text[2] = { c, '\0' };

  if (c == '\b')
    gtk_editable_delete_text (GTK_EDITABLE (entry), length - 1, length);
  else
    gtk_editable_insert_text (GTK_EDITABLE (entry), text, 1, &length);
}

static gboolean
all_50000_loaded_cb (gpointer user_data)
{
  Fixture *f = user_data;

  return state_of (f) == DA_STATE_VIEW_CONTENT && n_loaded (f) == 50000;
}

static void
test_search_many (Fixture       *f,
                  gconstpointer  data)
{
  const char keys[] = "maria g\b\b\b\b\b\b\b";
  GtkWidget *entry;
  gint64 slowest = 0, total = 0, slowest_settle = 0, total_settle = 0;
  g_autoptr(GString) query = g_string_new (NULL);

  show_page (f, 1280);
  /* A longer bound than most waits: under ASan, 50,000 members took over 80 s to load. */
  da_test_wait_for (all_50000_loaded_cb, f, 120000, "50,000 members to load");
  wait_loaded (f);
  entry = find (f, GTK_TYPE_SEARCH_ENTRY, "members-search");
  gtk_widget_grab_focus (entry);

  /* Typing "maria g" and taking it back over 50,000 members: how long each key keeps the main
   * loop at most, and how long until the list has followed it. Figures, not assertions. */
  for (guint i = 0; keys[i] != '\0'; i++)
    {
      guint expected;
      gint64 start, blocked = 0, settle;

      if (keys[i] == '\b')
        g_string_truncate (query, query->len - 1);
      else
        g_string_append_c (query, keys[i]);
      expected = expected_matches (loaded (f), query->str, NULL);

      start = g_get_monotonic_time ();
      press_key (entry, keys[i]);
      /* The list follows from the main loop; note the longest time one iteration takes. */
      do
        {
          gint64 before = g_get_monotonic_time ();

          g_main_context_iteration (NULL, FALSE);
          blocked = MAX (blocked, g_get_monotonic_time () - before);
          if (g_get_monotonic_time () - start >
              (gint64) 20 * da_test_wait_scale () * G_USEC_PER_SEC)
            g_error ("The list did not follow “%s”", query->str);
        }
      while (!(settled (f) && n_visible (f) == expected &&
               strstr (label_text (f, "members-count"), query->len > 0 ? " of " : "") != NULL));
      settle = g_get_monotonic_time () - start;

      total += blocked;
      total_settle += settle;
      slowest = MAX (slowest, blocked);
      slowest_settle = MAX (slowest_settle, settle);
      g_test_message ("“%s”: %u rows; the main loop was held %.1f ms at most, the list followed "
                      "in %.1f ms", query->str, n_visible (f), blocked / 1000.0, settle / 1000.0);
    }

  g_test_message ("50,000 members, %u keys: the main loop held %.1f ms on average, %.1f ms at "
                  "most; the list followed in %.1f ms on average, %.1f ms at most",
                  (guint) strlen (keys), total / 1000.0 / strlen (keys), slowest / 1000.0,
                  total_settle / 1000.0 / strlen (keys), slowest_settle / 1000.0);
  g_assert_cmpuint (n_visible (f), ==, 50000);

  /* And sorting them all. */
  {
    const char *columns[] = { "Name", "Last Login" };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        gint64 start = g_get_monotonic_time ();
        gint64 sorted;

        sort_by (f, columns[i], GTK_SORT_DESCENDING);
        sorted = g_get_monotonic_time () - start;
        wait_settled (f);
        g_test_message ("Sorting 50,000 by %s: %.1f ms, shown in %.1f ms", columns[i],
                        sorted / 1000.0, (g_get_monotonic_time () - start) / 1000.0);
      }
    check_last_login_order (f, GTK_SORT_DESCENDING);
  }
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func, setup) \
  g_test_add ("/members-page/" path, Fixture, setup, fixture_set_up, func, fixture_tear_down)

  ADD ("list-matches-server", test_list_matches_server, &default_setup);
  ADD ("search", test_search, &default_setup);
  ADD ("role-filter", test_role_filter, &default_setup);
  ADD ("sort", test_sort, &default_setup);
  ADD ("export", test_export, &default_setup);
  ADD ("export-cancelled", test_export_cancelled, &default_setup);
  ADD ("refresh-keeps-selection-and-scroll", test_refresh_keeps_selection_and_scroll,
       &three_pages);
  ADD ("fills-while-loading", test_fills_while_loading, &many_pages);
  ADD ("failure-while-paging", test_failure_while_paging, &many_pages);
  ADD ("forbidden", test_forbidden, &forbidden_setup);
  ADD ("network-error", test_network_error, &default_setup);
  ADD ("server-error-then-retry", test_server_error_then_retry, &default_setup);
  ADD ("lookup-by-email", test_lookup_by_email, &many_pages);
  ADD ("details", test_details, &default_setup);
  ADD ("narrow", test_narrow, &default_setup);
  ADD ("columns-by-width", test_columns_by_width, &default_setup);
  ADD ("counts-when-wide-at-start", test_counts_when_wide_at_start, &default_setup);
  ADD ("names-keep-width", test_names_keep_width, &default_setup);
  ADD ("search-50000", test_search_many, &huge);

#undef ADD

  return g_test_run ();
}

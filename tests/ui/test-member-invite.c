/* test-member-invite.c: inviting members from the Members page, against the local server
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "da-invite-dialog.h"
#include "da-members-page.h"
#include "da-state-view.h"
#include "da-test-ui.h"

#define N_MEMBERS 120

typedef struct
{
  DaMockServer   *server;
  DaContext      *context;
  GtkWidget      *page;
  GtkWindow      *window;
  DaInviteDialog *dialog;
  char           *tmpdir;

  /* What the dialog reported with "invited" */
  guint           n_reports;
  guint           invited;
  guint           already;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DaMockOptions options;

  da_mock_options_init (&options);
  options.members = N_MEMBERS;
  f->server = da_test_server_new (&options);
  da_mock_options_clear (&options);

  f->context = da_test_context_new (f->server, NULL);
  f->page = da_members_page_new (f->context);
  f->tmpdir = g_dir_make_tmp ("test-invite-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->tmpdir, 0, NULL);
  const char *name;

  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  g_clear_object (&f->context);
  da_mock_server_stop (f->server);
  g_clear_object (&f->server);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->tmpdir);
  g_free (f->tmpdir);
}

static guint
n_loaded (Fixture *f)
{
  return g_list_model_get_n_items (da_members_page_get_loaded_model (DA_MEMBERS_PAGE (f->page)));
}

static void
on_invited_cb (DaInviteDialog *dialog,
               guint           invited,
               guint           already,
               Fixture        *f)
{
  f->n_reports++;
  f->invited = invited;
  f->already = already;
}

/* Shows the page and opens the dialog with its Invite button, as a person would. */
static void
open_dialog (Fixture *f)
{
  DaStateView *state_view;

  f->window = da_test_window_new (f->page, 1280, 720);
  state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (state_view) == DA_STATE_VIEW_CONTENT &&
                      !da_page_get_busy (DA_PAGE (f->page)));

  da_test_click (da_test_find_widget (f->page, GTK_TYPE_BUTTON, "invite-members-button"));
  f->dialog = DA_INVITE_DIALOG (da_test_wait_for_toplevel (DA_TYPE_INVITE_DIALOG,
                                                           "da-invite-dialog"));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_signal_connect (f->dialog, "invited", G_CALLBACK (on_invited_cb), f);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->dialog)) == f->window);
}

static GtkWidget *
dialog_widget (Fixture    *f,
               GType       type,
               const char *name)
{
  GtkWidget *widget = da_test_find_widget (GTK_WIDGET (f->dialog), type, name);

  g_assert_nonnull (widget);
  return widget;
}

static GtkTextBuffer *
buffer (Fixture *f)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (dialog_widget (f, GTK_TYPE_TEXT_VIEW,
                                                                 "invite-text")));
}

/* Pastes @text into the addresses, in place of what was there. */
static void
paste (Fixture    *f,
       const char *text)
{
  gtk_text_buffer_set_text (buffer (f), text, -1);
}

static char *
typed (Fixture *f)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer (f), &start, &end);
  return gtk_text_buffer_get_text (buffer (f), &start, &end, FALSE);
}

static GtkWidget *
invite_button (Fixture *f)
{
  return dialog_widget (f, GTK_TYPE_BUTTON, "invite-button");
}

static gboolean
button_says (Fixture    *f,
             const char *label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (invite_button (f))), label) == 0;
}

static const char *
result_text (Fixture *f)
{
  GtkWidget *label = dialog_widget (f, GTK_TYPE_LABEL, "invite-result");
  GtkWidget *revealer = gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER);

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The row of the left-out address @text, and why it is left out. */
static const char *
problem (Fixture    *f,
         const char *text)
{
  GtkWidget *list = dialog_widget (f, GTK_TYPE_LIST_BOX, "invite-problems");
  GtkWidget *row = da_test_find_by_text (list, ADW_TYPE_ACTION_ROW, text);

  if (row == NULL || !gtk_widget_is_drawable (row))
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Whether @text is underlined as a problem in the addresses typed. */
static gboolean
marked (Fixture    *f,
        const char *text)
{
  GtkTextIter start, match_start, match_end;
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer (f)),
                                               "problem");

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer (f), &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  return gtk_text_iter_has_tag (&match_start, tag);
}

static void
wait_closed (Fixture *f)
{
  DA_TEST_WAIT_UNTIL (f->dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
}

/* ---- what the API says, asked directly ------------------------------------------------- */

static gboolean
api_is_member (DaClient   *client,
               const char *email)
{
  g_autoptr(DaPager) pager = da_client_list_members (client, email);
  g_autoptr(GListModel) members = da_test_load_all (pager);

  return g_list_model_get_n_items (members) == 1;
}

static guint
api_count_members (DaClient *client)
{
  g_autoptr(DaPager) pager = da_client_list_members (client, NULL);
  g_autoptr(GListModel) members = da_test_load_all (pager);

  return g_list_model_get_n_items (members);
}

static char *
api_some_member_email (DaClient *client,
                       guint     position)
{
  g_autoptr(DaPager) pager = da_client_list_members (client, NULL);
  g_autoptr(GListModel) members = da_test_load_all (pager);
  g_autoptr(DaMember) member = g_list_model_get_item (members, position);

  return g_strdup (da_member_get_email (member));
}

static char *
many_addresses (guint       n,
                const char *prefix)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%03u@example.org%s", prefix, i, i % 3 == 2 ? "\n" : ", ");

  return g_string_free (text, FALSE);
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_three_valid_one_malformed (Fixture       *f,
                                gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  const char *emails[] = { "ana.new@example.org", "ben.new@example.org", "cara.new@example.org" };
  GtkWidget *search;

  open_dialog (f);
  g_assert_false (gtk_widget_get_sensitive (invite_button (f)));

  paste (f, "ana.new@example.org, ben.new@example.org\ncara.new@example.org not-an-address");
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 3 People"));
  g_assert_true (gtk_widget_get_sensitive (invite_button (f)));

  /* The malformed one is marked where it was typed, and listed with why. */
  g_assert_true (marked (f, "not-an-address"));
  g_assert_false (marked (f, "ben.new@example.org"));
  g_assert_cmpstr (problem (f, "not-an-address"), ==,
                   "Missing @: an address looks like name@example.com");
  g_assert_true (da_test_has_label (GTK_WIDGET (f->dialog), "3 addresses to invite · 1 left out"));
  da_test_screenshot (GTK_WIDGET (f->dialog), "invite");

  da_mock_server_reset_counts (f->server);
  da_test_click (invite_button (f));
  wait_closed (f);

  /* One request with the three; the server has them; the page says so and shows them. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/members/invite"), ==, 1);
  g_assert_cmpuint (f->n_reports, ==, 1);
  g_assert_cmpuint (f->invited, ==, 3);
  g_assert_cmpuint (f->already, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    g_assert_true (api_is_member (client, emails[i]));
  g_assert_false (api_is_member (client, "not-an-address"));

  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)) && n_loaded (f) == N_MEMBERS + 3);
  search = da_test_find_widget (f->page, GTK_TYPE_SEARCH_ENTRY, "members-search");
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      GListModel *visible = da_members_page_get_visible_model (DA_MEMBERS_PAGE (f->page));

      da_test_type (search, emails[i]);
      DA_TEST_WAIT_UNTIL (g_list_model_get_n_items (visible) == 1);
    }
}

static void
test_duplicates_and_members (Fixture       *f,
                             gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autofree char *existing = api_some_member_email (client, 7);
  g_autofree char *text = NULL;

  open_dialog (f);

  /* A member already, the same new address twice (in another case), a domain without a dot. */
  text = g_strdup_printf ("%s\nNew.Person@Example.org; new.person@example.org\nx@localhost",
                          existing);
  paste (f, text);
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 1 Person"));

  g_assert_cmpstr (problem (f, existing), ==, "Already a member of the enterprise");
  g_assert_cmpstr (problem (f, "new.person@example.org"), ==,
                   "This address is already in the list");
  g_assert_cmpstr (problem (f, "x@localhost"), ==, "The domain needs a dot, as in example.com");
  g_assert_null (problem (f, "New.Person@Example.org"));
  g_assert_true (marked (f, existing));
  g_assert_true (marked (f, "x@localhost"));
  da_test_screenshot (GTK_WIDGET (f->dialog), "invite-problems");

  da_test_click (invite_button (f));
  wait_closed (f);
  g_assert_cmpuint (f->invited, ==, 1);
  g_assert_cmpuint (f->already, ==, 1);
  g_assert_true (api_is_member (client, "new.person@example.org"));
}

static void
test_more_than_a_batch (Fixture       *f,
                        gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autofree char *text = many_addresses (250, "batch");

  open_dialog (f);
  paste (f, text);
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 250 People"));

  da_mock_server_reset_counts (f->server);
  da_test_click (invite_button (f));
  g_assert_true (da_invite_dialog_get_sending (f->dialog));
  /* No second send while the first runs. */
  g_assert_false (gtk_widget_get_sensitive (invite_button (f)));
  wait_closed (f);

  /* Batches of at most 100: three requests, everyone invited. */
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/members/invite"), ==, 3);
  g_assert_cmpuint (f->invited, ==, 250);
  g_assert_cmpuint (api_count_members (client), ==, N_MEMBERS + 250);
  g_assert_true (api_is_member (client, "batch000@example.org"));
  g_assert_true (api_is_member (client, "batch249@example.org"));
  DA_TEST_WAIT_UNTIL (!da_page_get_busy (DA_PAGE (f->page)) && n_loaded (f) == N_MEMBERS + 250);
}

static void
test_rate_limited_then_sent (Fixture       *f,
                             gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GError) error = NULL;
  gboolean said_so = FALSE;

  open_dialog (f);
  g_assert_cmpuint (da_mock_server_add_fault (f->server,
                                              "POST /members/invite 429 times=1 retry-after=1",
                                              &error), >, 0);
  g_assert_no_error (error);

  paste (f, "rate.one@example.org rate.two@example.org");
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 2 People"));
  da_mock_server_reset_counts (f->server);
  da_test_click (invite_button (f));

  /* The wait is said in the dialog, then the invitations go through. */
  while (f->dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (f->dialog)))
    {
      GtkWidget *progress = dialog_widget (f, GTK_TYPE_LABEL, "invite-progress");

      if (strstr (gtk_label_get_text (GTK_LABEL (progress)), "rate limiting") != NULL &&
          gtk_widget_is_drawable (progress))
        {
          if (!said_so)
            da_test_screenshot (GTK_WIDGET (f->dialog), "invite-rate-limited");
          said_so = TRUE;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (said_so);

  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/members/invite"), ==, 2);
  g_assert_cmpuint (f->invited, ==, 2);
  g_assert_true (api_is_member (client, "rate.one@example.org"));
  g_assert_true (api_is_member (client, "rate.two@example.org"));
}

static void
test_server_error_keeps_everything (Fixture       *f,
                                    gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *text = "keep.one@example.org, keep.two@example.org\nbroken@";

  open_dialog (f);
  da_mock_server_add_fault (f->server, "POST /members/invite 500", &error);
  g_assert_no_error (error);

  paste (f, text);
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 2 People"));
  before = typed (f);
  da_test_click (invite_button (f));

  /* What happened, in the dialog; everything typed still there; Invite works again. */
  DA_TEST_WAIT_UNTIL (result_text (f) != NULL && !da_invite_dialog_get_sending (f->dialog));
  g_assert_nonnull (strstr (result_text (f), "2 addresses could not be invited"));
  g_assert_nonnull (strstr (result_text (f), "The server had a problem"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  after = typed (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (button_says (f, "_Invite 2 People"));
  g_assert_true (gtk_widget_get_sensitive (invite_button (f)));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (dialog_widget (f, GTK_TYPE_TEXT_VIEW,
                                                                             "invite-text"))));
  g_assert_cmpuint (f->n_reports, ==, 0);
  g_assert_false (api_is_member (client, "keep.one@example.org"));
  da_test_screenshot (GTK_WIDGET (f->dialog), "invite-error");

  /* The server recovers: sent as typed. */
  da_mock_server_clear_faults (f->server);
  da_test_click (invite_button (f));
  wait_closed (f);
  g_assert_cmpuint (f->invited, ==, 2);
  g_assert_true (api_is_member (client, "keep.one@example.org"));
  g_assert_true (api_is_member (client, "keep.two@example.org"));
}

static void
test_failure_after_a_batch (Fixture       *f,
                            gconstpointer  data)
{
  DaClient *client = da_context_get_client (f->context);
  g_autofree char *text = many_addresses (150, "part");
  g_autoptr(GError) error = NULL;

  open_dialog (f);
  paste (f, text);
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 150 People"));

  /* The second request fails. */
  da_mock_server_add_fault (f->server, "POST /members/invite 500 every=2", &error);
  g_assert_no_error (error);
  da_mock_server_reset_counts (f->server);
  da_test_click (invite_button (f));
  DA_TEST_WAIT_UNTIL (result_text (f) != NULL && !da_invite_dialog_get_sending (f->dialog));

  /* How many went, how many did not and why; those invited are members now, the rest remain. */
  g_assert_nonnull (strstr (result_text (f), "Invited 100 people."));
  g_assert_nonnull (strstr (result_text (f), "50 addresses could not be invited"));
  g_assert_cmpuint (f->invited, ==, 100);
  g_assert_cmpuint (api_count_members (client), ==, N_MEMBERS + 100);
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 50 People"));
  g_assert_cmpstr (problem (f, "part000@example.org"), ==, "Invited just now");
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/members/invite"), ==, 2);

  /* Trying again sends the rest only. */
  da_mock_server_clear_faults (f->server);
  da_mock_server_reset_counts (f->server);
  da_test_click (invite_button (f));
  wait_closed (f);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", "/members/invite"), ==, 1);
  g_assert_cmpuint (f->invited, ==, 50);
  g_assert_cmpuint (api_count_members (client), ==, N_MEMBERS + 150);
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_dialog (f);
  da_mock_server_add_fault (f->server, "POST /members/invite 403", &error);
  g_assert_no_error (error);

  paste (f, "nope@example.org");
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 1 Person"));
  da_test_click (invite_button (f));
  DA_TEST_WAIT_UNTIL (result_text (f) != NULL && !da_invite_dialog_get_sending (f->dialog));
  g_assert_nonnull (strstr (result_text (f), "Enterprise Admin"));
  g_assert_true (button_says (f, "_Invite 1 Person"));
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->tmpdir, "people.csv", NULL);
  g_autofree char *binary = g_build_filename (f->tmpdir, "photo.txt", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) binary_file = g_file_new_for_path (binary);
  g_autofree char *text = NULL;
  const char bytes[] = { 'x', '\xff', '\xfe', 0, 'y' };

  g_assert_true (g_file_set_contents (csv, "Name,Email,Team\r\n"
                                           "Ana Import,ana.import@example.org,Payments\r\n"
                                           "\"Bob, Jr.\",bob.import@example.org,Search\r\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (binary, bytes, sizeof bytes, NULL));

  open_dialog (f);
  paste (f, "typed.first@example.org");
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 1 Person"));

  /* The addresses of a CSV file join those typed; names and other columns stay out. */
  da_test_click (dialog_widget (f, GTK_TYPE_BUTTON, "import-button"));
  da_test_answer_file_chooser (csv_file);
  DA_TEST_WAIT_UNTIL (button_says (f, "_Invite 3 People"));
  text = typed (f);
  g_assert_cmpstr (text, ==, "typed.first@example.org\nana.import@example.org\n"
                             "bob.import@example.org\n");
  g_assert_cmpstr (result_text (f), ==, "Added 2 addresses from “people.csv”.");

  /* A file that is not text is refused, with nothing added. */
  da_test_click (dialog_widget (f, GTK_TYPE_BUTTON, "import-button"));
  da_test_answer_file_chooser (binary_file);
  DA_TEST_WAIT_UNTIL (result_text (f) != NULL && strstr (result_text (f), "photo.txt") != NULL);
  g_assert_nonnull (strstr (result_text (f), "is not a text file in UTF-8"));
  g_assert_true (button_says (f, "_Invite 3 People"));
}

static void
test_nothing_to_send (Fixture       *f,
                      gconstpointer  data)
{
  open_dialog (f);

  paste (f, "hello world");
  DA_TEST_WAIT_UNTIL (problem (f, "hello") != NULL);
  g_assert_true (button_says (f, "_Invite"));
  g_assert_false (gtk_widget_get_sensitive (invite_button (f)));

  /* Cancel closes it, with nothing sent. */
  da_mock_server_reset_counts (f->server);
  da_test_click (dialog_widget (f, GTK_TYPE_BUTTON, "invite-cancel-button"));
  wait_closed (f);
  g_assert_cmpuint (da_mock_server_count_requests (f->server, "POST", NULL), ==, 0);
}

static void
test_new_action_opens_it (Fixture       *f,
                          gconstpointer  data)
{
  DaStateView *state_view;

  f->window = da_test_window_new (f->page, 1280, 720);
  state_view = DA_STATE_VIEW (da_test_find_widget (f->page, DA_TYPE_STATE_VIEW, NULL));
  DA_TEST_WAIT_UNTIL (da_state_view_get_state (state_view) == DA_STATE_VIEW_CONTENT);

  /* Ctrl+N */
  g_assert_true (da_page_get_can_new (DA_PAGE (f->page)));
  da_page_activate_new (DA_PAGE (f->page));
  f->dialog = DA_INVITE_DIALOG (da_test_wait_for_toplevel (DA_TYPE_INVITE_DIALOG,
                                                           "da-invite-dialog"));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_assert_cmpuint (da_invite_dialog_get_n_valid (f->dialog), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  da_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/member-invite/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("three-valid-one-malformed", test_three_valid_one_malformed);
  ADD ("duplicates-and-members", test_duplicates_and_members);
  ADD ("more-than-a-batch", test_more_than_a_batch);
  ADD ("rate-limited-then-sent", test_rate_limited_then_sent);
  ADD ("server-error-keeps-everything", test_server_error_keeps_everything);
  ADD ("failure-after-a-batch", test_failure_after_a_batch);
  ADD ("forbidden", test_forbidden);
  ADD ("import", test_import);
  ADD ("nothing-to-send", test_nothing_to_send);
  ADD ("new-action-opens-it", test_new_action_opens_it);

#undef ADD

  return g_test_run ();
}

/* test-list-footer.c: the end of a list that loads page by page
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-a11y.h"
#include "da-client-error.h"
#include "da-list-footer.h"
#include "da-test-ui.h"

static void
count_cb (GtkWidget *footer,
          guint     *count)
{
  (*count)++;
}

static void
test_states (void)
{
  GtkWidget *footer = da_list_footer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window;
  g_autoptr(GError) error = da_client_error_new_full (DA_CLIENT_ERROR_SERVER, 503, NULL, 0,
                                                      "The server had a problem (503 Service "
                                                      "Unavailable). Try again later.");
  GtkWidget *retry;
  GtkWidget *more;
  guint retries = 0;
  guint loads = 0;

  gtk_box_append (GTK_BOX (box), gtk_label_new ("rows above"));
  gtk_box_append (GTK_BOX (box), footer);
  window = da_test_window_new (box, 600, 200);
  g_signal_connect (footer, "retry", G_CALLBACK (count_cb), &retries);
  g_signal_connect (footer, "load-more", G_CALLBACK (count_cb), &loads);

  retry = da_test_find_widget (footer, GTK_TYPE_BUTTON, "list-footer-retry");
  more = da_test_find_widget (footer, GTK_TYPE_BUTTON, "list-footer-more");
  g_assert_nonnull (retry);
  g_assert_nonnull (more);

  /* Hidden until there is something to say. */
  g_assert_cmpint (da_list_footer_get_state (DA_LIST_FOOTER (footer)), ==, DA_LIST_FOOTER_HIDDEN);
  g_assert_false (gtk_widget_get_visible (footer));

  da_list_footer_show_loading (DA_LIST_FOOTER (footer), 1200, 50000);
  g_assert_true (gtk_widget_get_visible (footer));
  g_assert_true (da_test_has_label (footer, "1200 of 50000"));
  g_assert_false (gtk_widget_get_visible (retry));

  da_list_footer_show_loading (DA_LIST_FOOTER (footer), -1, -1);
  g_assert_true (da_test_has_label (footer, "Loading more…"));
  g_assert_false (da_test_has_label (footer, " of "));

  /* A failure in the middle: what happened, and Retry. */
  da_list_footer_show_error (DA_LIST_FOOTER (footer), error);
  g_assert_cmpint (da_list_footer_get_state (DA_LIST_FOOTER (footer)), ==, DA_LIST_FOOTER_ERROR);
  g_assert_true (da_test_has_label (footer, "503 Service Unavailable"));
  g_assert_true (da_test_has_label (footer, "The Server Had a Problem"));
  g_assert_true (gtk_widget_get_visible (retry));
  g_assert_false (gtk_widget_get_visible (more));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (window), "error");
  da_test_click (retry);
  g_assert_cmpuint (retries, ==, 1);

  da_list_footer_show_more (DA_LIST_FOOTER (footer));
  g_assert_true (gtk_widget_get_visible (more));
  g_assert_false (gtk_widget_get_visible (retry));
  da_test_click (more);
  g_assert_cmpuint (loads, ==, 1);

  da_list_footer_hide (DA_LIST_FOOTER (footer));
  g_assert_false (gtk_widget_get_visible (footer));

  gtk_window_destroy (window);
}

static void
test_strip_mnemonic (void)
{
  const char *cases[][2] = {
    { "_Retry", "Retry" },
    { "Load _More", "Load More" },
    { "snake__case", "snake_case" },
    { "no mnemonic", "no mnemonic" },
    { "", "" },
    { "trailing_", "trailing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = da_a11y_strip_mnemonic (cases[i][0]);

      g_assert_cmpstr (text, ==, cases[i][1]);
    }
  g_assert_null (da_a11y_strip_mnemonic (NULL));
}

int
main (int argc, char *argv[])
{
  da_test_ui_init (&argc, &argv);

  g_test_add_func ("/list-footer/states", test_states);
  g_test_add_func ("/a11y/strip-mnemonic", test_strip_mnemonic);

  return g_test_run ();
}

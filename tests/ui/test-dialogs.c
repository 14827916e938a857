/* test-dialogs.c: the confirmations and file choosers every page shares
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "da-dialogs.h"
#include "da-test-ui.h"

static void
test_confirm_plain (void)
{
  GtkWindow *window = da_test_window_new (gtk_label_new ("parent"), 400, 300);
  DaTestAsync async = { 0 };

  da_confirm_destructive_async (GTK_WIDGET (window), "Remove Zoë?", "She loses access.",
                                "_Remove", NULL, NULL, da_test_async_cb, &async);
  da_test_answer_confirm (NULL, "confirm");
  g_assert_true (da_confirm_destructive_finish (da_test_async_wait (&async)));
  da_test_async_clear (&async);

  da_confirm_destructive_async (GTK_WIDGET (window), "Remove Zoë?", "She loses access.",
                                "_Remove", NULL, NULL, da_test_async_cb, &async);
  da_test_answer_confirm (NULL, "cancel");
  g_assert_false (da_confirm_destructive_finish (da_test_async_wait (&async)));
  da_test_async_clear (&async);

  gtk_window_destroy (window);
}

static void
test_confirm_phrase (void)
{
  GtkWindow *window = da_test_window_new (gtk_label_new ("parent"), 600, 400);
  DaTestAsync async = { 0 };
  GtkWindow *dialog;
  GtkWidget *entry;

  da_confirm_destructive_async (GTK_WIDGET (window), "Delete Payments?",
                                "Its members lose access to it.", "_Delete", "Payments",
                                NULL, da_test_async_cb, &async);
  dialog = da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
  entry = da_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "confirm-phrase-entry");
  g_assert_nonnull (entry);

  /* Nothing typed, or the wrong thing: the destructive response stays disabled. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "confirm"));
  da_test_type (entry, "payments");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "confirm"));
  da_test_type (entry, "Payment");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "confirm"));
  da_test_spin (100);
  da_test_screenshot (GTK_WIDGET (dialog), "confirm-phrase");

  /* The exact phrase enables it, and Enter in the entry confirms. */
  da_test_type (entry, "Payments");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "confirm"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (da_confirm_destructive_finish (da_test_async_wait (&async)));
  da_test_async_clear (&async);

  gtk_window_destroy (window);
}

static void
test_confirm_cancellable (void)
{
  GtkWindow *window = da_test_window_new (gtk_label_new ("parent"), 400, 300);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DaTestAsync async = { 0 };

  da_confirm_destructive_async (GTK_WIDGET (window), "Revoke?", NULL, "_Revoke", NULL,
                                cancellable, da_test_async_cb, &async);
  da_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "da-confirm-dialog");
  g_cancellable_cancel (cancellable);
  g_assert_false (da_confirm_destructive_finish (da_test_async_wait (&async)));
  da_test_async_clear (&async);

  gtk_window_destroy (window);
}

static void
test_save_file (void)
{
  GtkWindow *window = da_test_window_new (gtk_label_new ("parent"), 400, 300);
  g_autofree char *dir = g_dir_make_tmp ("da-dialogs-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GBytes) contents = g_bytes_new_static ("a,b\r\n", 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *read_back = NULL;
  DaTestAsync async = { 0 };
  GStatBuf st;

  da_choose_save_file_async (GTK_WIDGET (window), "Export", "members.csv", "CSV files", "*.csv",
                             NULL, da_test_async_cb, &async);
  da_test_answer_file_chooser (target);
  chosen = da_choose_save_file_finish (da_test_async_wait (&async));
  da_test_async_clear (&async);
  g_assert_nonnull (chosen);
  g_test_message ("chosen %s", g_file_peek_path (chosen));
  g_assert_true (g_file_equal (chosen, target));

  da_save_bytes_async (chosen, contents, TRUE, NULL, da_test_async_cb, &async);
  g_assert_true (da_save_bytes_finish (da_test_async_wait (&async), &error));
  g_assert_no_error (error);
  da_test_async_clear (&async);

  g_assert_true (g_file_get_contents (path, &read_back, NULL, NULL));
  g_assert_cmpstr (read_back, ==, "a,b\r\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* Cancelling the chooser gives no file. */
  da_choose_save_file_async (GTK_WIDGET (window), "Export", "members.csv", NULL, NULL,
                             NULL, da_test_async_cb, &async);
  da_test_answer_file_chooser (NULL);
  g_assert_null (da_choose_save_file_finish (da_test_async_wait (&async)));
  da_test_async_clear (&async);

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (window);
}

static void
test_save_failure (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-folder/for/sure/export.csv");
  g_autoptr(GBytes) contents = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  DaTestAsync async = { 0 };

  da_save_bytes_async (file, contents, FALSE, NULL, da_test_async_cb, &async);
  g_assert_false (da_save_bytes_finish (da_test_async_wait (&async), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  da_test_async_clear (&async);
}

int
main (int argc, char *argv[])
{
  da_test_ui_init (&argc, &argv);

  g_test_add_func ("/dialogs/confirm/plain", test_confirm_plain);
  g_test_add_func ("/dialogs/confirm/phrase", test_confirm_phrase);
  g_test_add_func ("/dialogs/confirm/cancellable", test_confirm_cancellable);
  g_test_add_func ("/dialogs/save-file", test_save_file);
  g_test_add_func ("/dialogs/save-failure", test_save_failure);

  return g_test_run ();
}

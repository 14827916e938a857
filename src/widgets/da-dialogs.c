/* da-dialogs.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-dialogs.h"

static GtkWindow *
parent_window (GtkWidget *parent)
{
  GtkRoot *root;

  if (parent == NULL)
    return NULL;
  if (GTK_IS_WINDOW (parent))
    return GTK_WINDOW (parent);
  root = gtk_widget_get_root (parent);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- Destructive confirmation ----------------------------------------------------------- */

static void
on_phrase_changed_cb (GtkEditable      *editable,
                      AdwMessageDialog *dialog)
{
  const char *phrase = g_object_get_data (G_OBJECT (dialog), "da-phrase");
  const char *typed = gtk_editable_get_text (editable);
  g_autofree char *trimmed = g_strstrip (g_strdup (typed));

  adw_message_dialog_set_response_enabled (dialog, "confirm",
                                           g_strcmp0 (trimmed, phrase) == 0);
}

static void
on_phrase_activate_cb (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "confirm"))
    adw_message_dialog_response (dialog, "confirm");
}

static void
abandon_confirm_task (gpointer data)
{
  g_autoptr(GTask) task = data;

  /* The dialog went away without an answer (its window was destroyed): not confirmed. */
  g_task_return_boolean (task, FALSE);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  /* Closing the dialog after a response may give the close response too: answer once. */
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (dialog), "da-task");

  if (task != NULL)
    g_task_return_boolean (task, g_strcmp0 (response, "confirm") == 0);
}

static void
on_confirm_cancelled_cb (GCancellable     *cancellable,
                         AdwMessageDialog *dialog)
{
  /* Closing gives the close response ("cancel"), which completes the task. */
  gtk_window_close (GTK_WINDOW (dialog));
}

void
da_confirm_destructive_async (GtkWidget           *parent,
                              const char          *heading,
                              const char          *body,
                              const char          *action_label,
                              const char          *phrase,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *dialog;

  g_return_if_fail (heading != NULL);
  g_return_if_fail (action_label != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_confirm_destructive_async);

  dialog = adw_message_dialog_new (parent_window (parent), heading, body);
  gtk_widget_set_name (dialog, "da-confirm-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", action_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (phrase != NULL && phrase[0] != '\0')
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label;
      GtkWidget *entry;
      g_autofree char *markup = NULL;
      g_autofree char *escaped = g_markup_escape_text (phrase, -1);

      /* Translators: %s is what must be typed, e.g. an organization's name */
      markup = g_strdup_printf (_("Type <b>%s</b> to confirm."), escaped);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_box_append (GTK_BOX (box), label);

      entry = gtk_entry_new ();
      gtk_widget_set_name (entry, "confirm-phrase-entry");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Confirmation"),
                                      -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                      -1);
      gtk_box_append (GTK_BOX (box), entry);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

      g_object_set_data_full (G_OBJECT (dialog), "da-phrase", g_strdup (phrase), g_free);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm", FALSE);
      g_signal_connect (entry, "changed", G_CALLBACK (on_phrase_changed_cb), dialog);
      g_signal_connect (entry, "activate", G_CALLBACK (on_phrase_activate_cb), dialog);
      gtk_widget_grab_focus (entry);
    }

  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (on_confirm_cancelled_cb),
                             dialog, 0);

  g_object_set_data_full (G_OBJECT (dialog), "da-task", g_steal_pointer (&task),
                          abandon_confirm_task);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
da_confirm_destructive_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}

/* ---- File choosers ---------------------------------------------------------------------- */

static void
on_native_response_cb (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (native);
  g_task_return_pointer (task, file, g_object_unref);
  g_object_unref (native);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *filter_name,
            const char * const *patterns)
{
  GtkFileFilter *filter;
  GtkFileFilter *all;

  if (filter_name == NULL || patterns == NULL || patterns[0] == NULL)
    return;

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);

  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, filter);
  g_object_unref (filter);
  g_object_unref (all);
}

void
da_choose_save_file_async (GtkWidget           *parent,
                           const char          *title,
                           const char          *suggested_name,
                           const char          *filter_name,
                           const char          *pattern,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkFileChooserNative *native;
  const char *patterns[] = { pattern, NULL };

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_choose_save_file_async);

  native = gtk_file_chooser_native_new (title, parent_window (parent),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  add_filter (GTK_FILE_CHOOSER (native), filter_name, patterns);

  g_signal_connect (native, "response", G_CALLBACK (on_native_response_cb),
                    g_steal_pointer (&task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

GFile *
da_choose_save_file_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

void
da_choose_open_file_async (GtkWidget           *parent,
                           const char          *title,
                           const char          *filter_name,
                           const char * const  *patterns,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkFileChooserNative *native;

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_choose_open_file_async);

  native = gtk_file_chooser_native_new (title, parent_window (parent),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native), filter_name, patterns);

  g_signal_connect (native, "response", G_CALLBACK (on_native_response_cb),
                    g_steal_pointer (&task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

GFile *
da_choose_open_file_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

/* ---- Saving ----------------------------------------------------------------------------- */

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
da_save_bytes_async (GFile               *file,
                     GBytes              *contents,
                     gboolean             private_file,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_save_bytes_async);
  g_task_set_task_data (task, g_bytes_ref (contents), (GDestroyNotify) g_bytes_unref);

  g_file_replace_contents_bytes_async (file, contents, NULL, FALSE,
                                       private_file ? G_FILE_CREATE_PRIVATE
                                                    : G_FILE_CREATE_NONE,
                                       cancellable, replace_contents_cb,
                                       g_steal_pointer (&task));
}

gboolean
da_save_bytes_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

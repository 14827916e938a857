/* da-invite-dialog.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-a11y.h"
#include "da-dialogs.h"
#include "da-format.h"
#include "da-input.h"
#include "da-invite-dialog.h"

/* How long typing may pause before the addresses are checked again. */
#define CHECK_DELAY_MS 120
/* How many left-out addresses the list shows. */
#define MAX_PROBLEM_ROWS 100

struct _DaInviteDialog
{
  AdwWindow       parent_instance;

  /* Owned */
  DaContext      *context;
  GHashTable     *member_emails;    /* folded address → anything */
  GHashTable     *invited;          /* folded addresses invited by this dialog */
  GPtrArray      *entries;          /* DaEmailEntry, as last checked */
  guint           n_valid;
  guint           check_id;
  GCancellable   *cancellable;
  GtkTextTag     *problem_tag;

  /* Sending */
  gboolean        sending;
  GPtrArray      *to_send;          /* char *, the addresses of this run */
  guint           batch;
  guint           n_batches;
  guint           n_invited;
  guint           n_already;        /* said by the server (sent, not invited) */
  guint           n_already_known;  /* left out before sending */
  gulong          retry_handler;

  /* Template widgets */
  GtkWidget      *invite_button;
  GtkWidget      *cancel_button;
  GtkWidget      *import_button;
  GtkTextView    *text_view;
  GtkLabel       *summary_label;
  GtkWidget      *progress_box;
  GtkSpinner     *spinner;
  GtkLabel       *progress_label;
  GtkRevealer    *result_revealer;
  GtkWidget      *result_box;
  GtkImage       *result_icon;
  GtkLabel       *result_label;
  GtkWidget      *problems_group;
  GtkListBox     *problems_list;
};

G_DEFINE_FINAL_TYPE (DaInviteDialog, da_invite_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  INVITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Checking --------------------------------------------------------------------------- */

char *
da_invite_dialog_fold_email (const char *email)
{
  g_return_val_if_fail (email != NULL, NULL);

  return g_utf8_casefold (email, -1);
}

static GtkTextBuffer *
get_buffer (DaInviteDialog *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

char *
da_invite_dialog_dup_text (DaInviteDialog *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (DA_IS_INVITE_DIALOG (self), NULL);

  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
}

static const char *
problem_icon (DaEmailStatus status)
{
  switch (status)
    {
    case DA_EMAIL_DUPLICATE:
      return "edit-copy-symbolic";
    case DA_EMAIL_ALREADY_MEMBER:
      return "avatar-default-symbolic";
    case DA_EMAIL_MALFORMED:
    case DA_EMAIL_VALID:
    default:
      return "dialog-warning-symbolic";
    }
}

static GtkWidget *
create_problem_row (DaEmailEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (problem_icon (entry->status));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry->reason,
                                  -1);
  if (entry->status == DA_EMAIL_MALFORMED)
    gtk_widget_add_css_class (icon, "error");
  else
    gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* Underlines, in the text, every address that will not be sent. The entries come in the order of
 * the text, so each is searched from where the previous one ended. */
static void
mark_problems (DaInviteDialog *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end, position;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->problem_tag, &start, &end);

  position = start;
  for (guint i = 0; i < self->entries->len; i++)
    {
      DaEmailEntry *entry = g_ptr_array_index (self->entries, i);
      GtkTextIter match_start, match_end;

      if (!gtk_text_iter_forward_search (&position, entry->text, GTK_TEXT_SEARCH_TEXT_ONLY,
                                         &match_start, &match_end, NULL))
        continue;
      if (entry->status != DA_EMAIL_VALID)
        gtk_text_buffer_apply_tag (buffer, self->problem_tag, &match_start, &match_end);
      position = match_end;
    }
}

static void
update_button (DaInviteDialog *self)
{
  g_autofree char *label = NULL;

  if (self->n_valid == 0)
    label = g_strdup (_("_Invite"));
  else
    {
      g_autofree char *count = da_format_count (self->n_valid);

      /* Translators: the button that sends the invitations, %s is how many */
      label = g_strdup_printf (ngettext ("_Invite %s Person", "_Invite %s People", self->n_valid),
                               count);
    }

  gtk_button_set_label (GTK_BUTTON (self->invite_button), label);
  da_a11y_label_from_mnemonic (self->invite_button, label);
  gtk_widget_set_sensitive (self->invite_button, self->n_valid > 0 && !self->sending);
}

static void
update_summary (DaInviteDialog *self,
                guint           n_left_out)
{
  g_autofree char *valid = NULL;
  g_autofree char *left_out = NULL;
  g_autofree char *text = NULL;

  if (self->entries->len == 0)
    {
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  valid = g_strdup_printf (ngettext ("%u address to invite", "%u addresses to invite",
                                     self->n_valid),
                           self->n_valid);
  if (n_left_out == 0)
    {
      gtk_label_set_label (self->summary_label, valid);
      return;
    }

  left_out = g_strdup_printf (ngettext ("%u left out", "%u left out", n_left_out), n_left_out);
  /* Translators: "3 addresses to invite · 1 left out" */
  text = g_strdup_printf (_("%s · %s"), valid, left_out);
  gtk_label_set_label (self->summary_label, text);
}

static void
run_check (DaInviteDialog *self)
{
  g_autofree char *text = da_invite_dialog_dup_text (self);
  GtkWidget *child;
  guint n_left_out = 0;

  g_clear_handle_id (&self->check_id, g_source_remove);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = da_input_parse_emails (text, -1);
  self->n_valid = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  for (guint i = 0; i < self->entries->len; i++)
    {
      DaEmailEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->status == DA_EMAIL_VALID)
        {
          g_autofree char *key = da_invite_dialog_fold_email (entry->address);

          if (g_hash_table_contains (self->invited, key))
            {
              entry->status = DA_EMAIL_ALREADY_MEMBER;
              g_free (entry->reason);
              entry->reason = g_strdup (_("Invited just now"));
            }
          else if (self->member_emails != NULL &&
                   g_hash_table_contains (self->member_emails, key))
            {
              entry->status = DA_EMAIL_ALREADY_MEMBER;
              g_free (entry->reason);
              entry->reason = g_strdup (_("Already a member of the enterprise"));
            }
          else
            {
              self->n_valid++;
              continue;
            }
        }

      if (n_left_out < MAX_PROBLEM_ROWS)
        gtk_list_box_append (self->problems_list, create_problem_row (entry));
      n_left_out++;
    }

  if (n_left_out > MAX_PROBLEM_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      guint more = n_left_out - MAX_PROBLEM_ROWS;
      g_autofree char *title = g_strdup_printf (ngettext ("And %u more", "And %u more", more),
                                                more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_append (self->problems_list, row);
    }

  gtk_widget_set_visible (self->problems_group, n_left_out > 0);
  mark_problems (self);
  update_summary (self, n_left_out);
  update_button (self);
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  DaInviteDialog *self = user_data;

  self->check_id = 0;
  run_check (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed_cb (DaInviteDialog *self)
{
  /* Until the check has run, the count on the button may be stale: nothing is sent meanwhile. */
  gtk_widget_set_sensitive (self->invite_button, FALSE);
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

/* ---- Results ---------------------------------------------------------------------------- */

static void
show_result (DaInviteDialog *self,
             const char     *text,
             gboolean        is_error)
{
  if (text == NULL)
    {
      gtk_revealer_set_reveal_child (self->result_revealer, FALSE);
      return;
    }

  gtk_label_set_label (self->result_label, text);
  gtk_image_set_from_icon_name (self->result_icon, is_error ? "dialog-error-symbolic"
                                                            : "dialog-information-symbolic");
  if (is_error)
    gtk_widget_add_css_class (self->result_box, "error");
  else
    gtk_widget_remove_css_class (self->result_box, "error");
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
}

/* ---- Sending ---------------------------------------------------------------------------- */

static void
set_sending (DaInviteDialog *self,
             gboolean        sending)
{
  self->sending = sending;

  gtk_text_view_set_editable (self->text_view, !sending);
  gtk_widget_set_sensitive (self->import_button, !sending);
  gtk_widget_set_visible (self->progress_box, sending);
  if (sending)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);

  if (!sending)
    g_clear_signal_handler (&self->retry_handler, da_context_get_client (self->context));

  update_button (self);
}

static void
show_progress (DaInviteDialog *self)
{
  g_autofree char *text = NULL;

  if (self->n_batches > 1)
    /* Translators: progress of sending invitations in several requests */
    text = g_strdup_printf (_("Sending batch %u of %u…"), self->batch + 1, self->n_batches);
  else
    text = g_strdup (_("Sending…"));

  gtk_label_set_label (self->progress_label, text);
}

static void
on_retry_scheduled_cb (DaInviteDialog *self,
                       guint           delay_ms,
                       const GError   *reason)
{
  guint seconds = MAX ((delay_ms + 999) / 1000, 1);
  g_autofree char *text = NULL;

  if (!self->sending)
    return;

  if (g_error_matches (reason, DA_CLIENT_ERROR, DA_CLIENT_ERROR_RATE_LIMITED))
    text = g_strdup_printf (ngettext ("The server is rate limiting requests: sending again in "
                                      "%u second…",
                                      "The server is rate limiting requests: sending again in "
                                      "%u seconds…", seconds),
                            seconds);
  else
    text = g_strdup_printf (ngettext ("Sending again in %u second…",
                                      "Sending again in %u seconds…", seconds),
                            seconds);

  gtk_label_set_label (self->progress_label, text);
}

static void
report_invited (DaInviteDialog *self)
{
  if (self->n_invited > 0 || self->n_already > 0 || self->n_already_known > 0)
    g_signal_emit (self, signals[INVITED], 0,
                   self->n_invited, self->n_already + self->n_already_known);
}

static void
finish_run (DaInviteDialog *self,
            const GError   *error)
{
  g_autoptr(GString) text = NULL;
  guint n_failed;

  set_sending (self, FALSE);

  if (error == NULL)
    {
      report_invited (self);
      g_clear_pointer (&self->to_send, g_ptr_array_unref);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* Everything from the batch that failed on was not invited. */
  n_failed = self->to_send->len - MIN (self->batch * DA_INVITE_BATCH_SIZE, self->to_send->len);
  text = g_string_new (NULL);

  if (self->n_invited > 0)
    {
      g_string_append_printf (text, ngettext ("Invited %u person.", "Invited %u people.",
                                              self->n_invited),
                              self->n_invited);
      g_string_append_c (text, ' ');
    }
  if (self->n_already > 0)
    {
      g_string_append_printf (text, ngettext ("%u was already a member.",
                                              "%u were already members.", self->n_already),
                              self->n_already);
      g_string_append_c (text, ' ');
    }

  /* Translators: the end of the sentence is the error, which says why */
  g_string_append_printf (text, ngettext ("%u address could not be invited: %s",
                                          "%u addresses could not be invited: %s", n_failed),
                          n_failed, error->message);
  if (!g_str_has_suffix (text->str, "."))
    g_string_append_c (text, '.');
  g_string_append_c (text, ' ');
  g_string_append (text, _("Everything typed is still here: try again when the problem is "
                           "solved."));

  show_result (self, text->str, TRUE);

  if (self->n_invited > 0 || self->n_already > 0)
    report_invited (self);
  self->n_invited = 0;
  self->n_already = 0;
  self->n_already_known = 0;
  g_clear_pointer (&self->to_send, g_ptr_array_unref);

  /* Those invited meanwhile are members now: a second try sends the others only. */
  run_check (self);
}

static void send_next_batch (DaInviteDialog *self);

static void
batch_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DaInviteDialog) self = user_data;
  g_autoptr(DaInviteResult) invite = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *emails;
  guint batch_size;
  gint64 count;

  invite = da_client_invite_members_finish (DA_CLIENT (object), result, &error);

  /* Closed while sending: what was done was reported then. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->sending)
    return;

  if (invite == NULL)
    {
      finish_run (self, error);
      return;
    }

  batch_size = MIN (DA_INVITE_BATCH_SIZE, self->to_send->len - self->batch * DA_INVITE_BATCH_SIZE);
  emails = da_invite_result_get_invited_emails (invite);
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    g_hash_table_add (self->invited, da_invite_dialog_fold_email (emails[i]));

  count = da_invite_result_get_invited_count (invite);
  if (count < 0)
    count = emails != NULL ? g_strv_length ((GStrv) emails) : 0;
  count = MIN (count, (gint64) batch_size);

  self->n_invited += count;
  self->n_already += batch_size - count;
  self->batch++;

  send_next_batch (self);
}

static void
send_next_batch (DaInviteDialog *self)
{
  g_autoptr(GPtrArray) batch = NULL;
  guint start = self->batch * DA_INVITE_BATCH_SIZE;

  if (start >= self->to_send->len)
    {
      finish_run (self, NULL);
      return;
    }

  batch = g_ptr_array_new ();
  for (guint i = start; i < self->to_send->len && i < start + DA_INVITE_BATCH_SIZE; i++)
    g_ptr_array_add (batch, g_ptr_array_index (self->to_send, i));
  g_ptr_array_add (batch, NULL);

  show_progress (self);
  da_client_invite_members_async (da_context_get_client (self->context),
                                  (const char * const *) batch->pdata,
                                  self->cancellable, batch_sent_cb, g_object_ref (self));
}

static void
on_invite_clicked_cb (DaInviteDialog *self)
{
  if (self->sending)
    return;

  /* What the button said must be what is sent. */
  if (self->check_id != 0)
    run_check (self);
  if (self->n_valid == 0)
    return;

  g_clear_pointer (&self->to_send, g_ptr_array_unref);
  self->to_send = g_ptr_array_new_with_free_func (g_free);
  self->n_already_known = 0;
  for (guint i = 0; i < self->entries->len; i++)
    {
      DaEmailEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->status == DA_EMAIL_VALID)
        g_ptr_array_add (self->to_send, g_strdup (entry->address));
      else if (entry->status == DA_EMAIL_ALREADY_MEMBER)
        self->n_already_known++;
    }

  self->batch = 0;
  self->n_batches = (self->to_send->len + DA_INVITE_BATCH_SIZE - 1) / DA_INVITE_BATCH_SIZE;
  self->n_invited = 0;
  self->n_already = 0;

  show_result (self, NULL, FALSE);
  set_sending (self, TRUE);
  self->retry_handler = g_signal_connect_object (da_context_get_client (self->context),
                                                 "retry-scheduled",
                                                 G_CALLBACK (on_retry_scheduled_cb), self,
                                                 G_CONNECT_SWAPPED);
  send_next_batch (self);
}

/* ---- Importing -------------------------------------------------------------------------- */

static void
append_entries (DaInviteDialog *self,
                GPtrArray      *entries)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (!gtk_text_iter_is_start (&end))
    {
      GtkTextIter last = end;

      gtk_text_iter_backward_char (&last);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&last)))
        g_string_append_c (text, '\n');
    }

  for (guint i = 0; i < entries->len; i++)
    {
      DaEmailEntry *entry = g_ptr_array_index (entries, i);

      g_string_append (text, entry->address != NULL ? entry->address : entry->text);
      g_string_append_c (text, '\n');
    }

  gtk_text_buffer_insert (buffer, &end, text->str, text->len);
}

static void
contents_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DaInviteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why a file could not be read */
      text = g_strdup_printf (_("The file could not be read: %s"), error->message);
      show_result (self, text, TRUE);
      return;
    }

  name = g_file_get_basename (G_FILE (object));
  if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    {
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("“%s” is not a text file in UTF-8. Save it as UTF-8 text or CSV "
                                "and import it again."), name);
      show_result (self, text, TRUE);
      return;
    }

  entries = da_input_parse_emails (contents, length);
  if (entries->len == 0)
    {
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("No addresses were found in “%s”."), name);
      show_result (self, text, TRUE);
      return;
    }

  append_entries (self, entries);
  run_check (self);

  /* Translators: %s is a file name */
  text = g_strdup_printf (ngettext ("Added %u address from “%s”.",
                                    "Added %u addresses from “%s”.", entries->len),
                          entries->len, name);
  show_result (self, text, FALSE);
}

static void
file_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DaInviteDialog) self = user_data;
  g_autoptr(GFile) file = da_choose_open_file_finish (result);

  if (file == NULL)
    return;

  g_file_load_contents_async (file, self->cancellable, contents_loaded_cb, g_object_ref (self));
}

static void
on_import_clicked_cb (DaInviteDialog *self)
{
  static const char * const patterns[] = { "*.csv", "*.txt", NULL };

  da_choose_open_file_async (GTK_WIDGET (self), _("Import Addresses"), _("CSV and text files"),
                             patterns, self->cancellable, file_chosen_cb, g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------------------------- */

static gboolean
da_invite_dialog_close_request (GtkWindow *window)
{
  DaInviteDialog *self = DA_INVITE_DIALOG (window);

  if (self->sending)
    {
      /* Closed while sending: the batches not sent yet are not sent; those sent are reported. */
      self->sending = FALSE;
      g_cancellable_cancel (self->cancellable);
      report_invited (self);
    }

  return GTK_WINDOW_CLASS (da_invite_dialog_parent_class)->close_request (window);
}

static void
da_invite_dialog_dispose (GObject *object)
{
  DaInviteDialog *self = (DaInviteDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->context != NULL)
    g_clear_signal_handler (&self->retry_handler, da_context_get_client (self->context));

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_INVITE_DIALOG);

  G_OBJECT_CLASS (da_invite_dialog_parent_class)->dispose (object);
}

static void
da_invite_dialog_finalize (GObject *object)
{
  DaInviteDialog *self = (DaInviteDialog *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->member_emails, g_hash_table_unref);
  g_clear_pointer (&self->invited, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->to_send, g_ptr_array_unref);

  G_OBJECT_CLASS (da_invite_dialog_parent_class)->finalize (object);
}

static void
da_invite_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DaInviteDialog *self = DA_INVITE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_invite_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DaInviteDialog *self = DA_INVITE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_invite_dialog_class_init (DaInviteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = da_invite_dialog_dispose;
  object_class->finalize = da_invite_dialog_finalize;
  object_class->get_property = da_invite_dialog_get_property;
  object_class->set_property = da_invite_dialog_set_property;

  window_class->close_request = da_invite_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         DA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DaInviteDialog::invited:
   * @invited: how many people were newly invited
   * @already_members: how many addresses belonged to members already
   */
  signals[INVITED] =
    g_signal_new ("invited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-invite-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, invite_button);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, result_box);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, DaInviteDialog, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, on_invite_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
da_invite_dialog_init (DaInviteDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->invited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->entries = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->problem_tag = gtk_text_buffer_create_tag (get_buffer (self), "problem",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  NULL);
  g_signal_connect_object (get_buffer (self), "changed", G_CALLBACK (on_buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_button (self);
}

/* ---- Public API ------------------------------------------------------------------------- */

DaInviteDialog *
da_invite_dialog_new (DaContext  *context,
                      GtkWindow  *parent,
                      GHashTable *member_emails)
{
  DaInviteDialog *self;

  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (DA_TYPE_INVITE_DIALOG,
                       "context", context,
                       "transient-for", parent,
                       NULL);
  if (member_emails != NULL)
    self->member_emails = g_hash_table_ref (member_emails);

  return self;
}

void
da_invite_dialog_set_text (DaInviteDialog *self,
                           const char     *text)
{
  g_return_if_fail (DA_IS_INVITE_DIALOG (self));

  gtk_text_buffer_set_text (get_buffer (self), text != NULL ? text : "", -1);
  run_check (self);
}

guint
da_invite_dialog_get_n_valid (DaInviteDialog *self)
{
  g_return_val_if_fail (DA_IS_INVITE_DIALOG (self), 0);

  return self->n_valid;
}

gboolean
da_invite_dialog_get_sending (DaInviteDialog *self)
{
  g_return_val_if_fail (DA_IS_INVITE_DIALOG (self), FALSE);

  return self->sending;
}

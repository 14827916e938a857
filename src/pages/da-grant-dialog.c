/* da-grant-dialog.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-grant-dialog.h"
#include "da-input.h"

/* One non-blank line of the text, as checked. */
typedef struct
{
  int         line_number;   /* in the text buffer */
  DaRepoLine *line;          /* owned by the dialog's parsed array */
  char       *reason;        /* nullable: why it cannot be sent */
} CheckedLine;

struct _DaGrantDialog
{
  AdwWindow       parent_instance;

  /* Owned */
  DaContext      *context;
  char           *org_id;
  char           *org_name;
  GListModel     *connections;
  GCancellable   *cancellable;
  GPtrArray      *parsed;        /* DaRepoLine, from da_input_parse_repo_lines() */
  GArray         *checked;       /* CheckedLine */
  guint           n_valid;
  guint           n_invalid;
  gboolean        sending;
  gboolean        done;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *send_button;
  GtkWidget      *done_button;
  GtkSpinner     *sending_spinner;
  GtkStack       *stack;
  GtkWidget      *message_box;
  GtkLabel       *message_label;
  AdwComboRow    *connection_row;
  GtkLabel       *connection_error_label;
  GtkTextView    *lines_view;
  GtkLabel       *lines_error_label;
  GtkWidget      *check_box;
  GtkLabel       *summary_label;
  GtkListBox     *check_list;
  AdwStatusPage  *result_page;
  GtkListBox     *result_list;
};

G_DEFINE_FINAL_TYPE (DaGrantDialog, da_grant_dialog, ADW_TYPE_WINDOW)

enum {
  GRANTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
checked_line_clear (gpointer data)
{
  CheckedLine *checked = data;

  g_clear_pointer (&checked->reason, g_free);
}

static DaGitConnection *
get_connection (DaGrantDialog *self)
{
  gpointer item = adw_combo_row_get_selected_item (self->connection_row);

  return DA_IS_GIT_CONNECTION (item) ? DA_GIT_CONNECTION (item) : NULL;
}

static gboolean
is_github (const char *host)
{
  return host != NULL && (g_ascii_strcasecmp (host, "github.com") == 0 ||
                          g_ascii_strcasecmp (host, "www.github.com") == 0);
}

static void
update_actions (DaGrantDialog *self)
{
  gboolean can_send = !self->sending && !self->done && get_connection (self) != NULL &&
                      self->n_valid > 0 && self->n_invalid == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "grant.send", can_send);
}

static void
show_message (GtkLabel   *label,
              GtkWidget  *box,
              const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (box != NULL ? box : GTK_WIDGET (label), text != NULL);
}

static void
clear_messages (DaGrantDialog *self)
{
  show_message (self->message_label, self->message_box, NULL);
  show_message (self->connection_error_label, NULL, NULL);
  show_message (self->lines_error_label, NULL, NULL);
}

/* Why @line cannot go through @connection, beyond what the parser checks; NULL when it can.
 * (transfer full) */
static char *
check_against_connection (DaRepoLine      *line,
                          DaGitConnection *connection)
{
  const char *host = connection != NULL ? da_git_connection_get_host (connection) : NULL;
  guint n = line->segments != NULL ? g_strv_length (line->segments) : 0;

  if (host == NULL)
    return NULL;

  if (line->host != NULL && g_ascii_strcasecmp (line->host, host) != 0 &&
      !(is_github (line->host) && is_github (host)))
    /* Translators: the first %s is the host of an address typed, the second the host of the
     * chosen git connection */
    return g_strdup_printf (_("This address is on %s, but the connection is for %s: choose a "
                              "connection for %s, or write the path only"),
                            line->host, host, line->host);

  if (is_github (host) && line->kind == DA_REPO_LINE_REPOSITORY && n > 2)
    return g_strdup (_("GitHub repositories are written owner/repo"));

  if (is_github (host) && line->kind == DA_REPO_LINE_GROUP && n > 1)
    return g_strdup (_("On GitHub a group is one organization or account, as in acme/*"));

  return NULL;
}

static char *
describe_line (DaRepoLine *line)
{
  g_autofree char *path = g_strjoinv ("/", line->segments);

  if (line->kind == DA_REPO_LINE_GROUP)
    /* Translators: %s is a group prefix, e.g. "platform" */
    return g_strdup_printf (_("Group: every repository under %s"), path);

  /* Translators: %s is a repository path, e.g. "acme/ledger" */
  return g_strdup_printf (_("Repository %s"), path);
}

static GtkWidget *
create_check_row (CheckedLine *checked)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *subtitle = NULL;
  gboolean valid = checked->reason == NULL;
  g_autofree char *title = NULL;

  /* Translators: a line of the grant dialog's text: its number and what was typed */
  title = g_strdup_printf (_("Line %d: %s"), checked->line_number + 1, checked->line->text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  subtitle = valid ? describe_line (checked->line) : g_strdup (checked->reason);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, valid ? "grant-line-ok" : "grant-line-invalid");

  icon = gtk_image_new_from_icon_name (valid ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_add_css_class (icon, valid ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  valid ? _("Ready") : _("Needs fixing"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static char *
get_line_text (GtkTextBuffer *buffer,
               int            line_number)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line_number);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
mark_line (GtkTextBuffer *buffer,
           int            line_number)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line_number);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag_by_name (buffer, "invalid", &start, &end);
}

/* Checks every line of the text against the parser and the chosen connection, marks the wrong
 * ones in place and lists them all under the text. */
static void
check_lines (DaGrantDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->lines_view);
  DaGitConnection *connection = get_connection (self);
  int n_lines = gtk_text_buffer_get_line_count (buffer);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  GtkTextIter start, end;
  GtkWidget *child;
  guint next = 0;

  for (int i = 0; i < n_lines; i++)
    g_ptr_array_add (texts, get_line_text (buffer, i));
  g_ptr_array_add (texts, NULL);
  /* The buffer's lines never hold a line break, so they split back the same way. */
  joined = g_strjoinv ("\n", (char **) texts->pdata);

  g_clear_pointer (&self->parsed, g_ptr_array_unref);
  self->parsed = da_input_parse_repo_lines (joined);
  g_array_set_size (self->checked, 0);
  self->n_valid = 0;
  self->n_invalid = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "invalid", &start, &end);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->check_list))) != NULL)
    gtk_list_box_remove (self->check_list, child);

  for (int i = 0; i < n_lines && next < self->parsed->len; i++)
    {
      g_autoptr(DaRepoLine) probe = da_input_parse_repo_line (g_ptr_array_index (texts, i));
      CheckedLine checked = { i, NULL, NULL };

      /* Blank lines and comments are not in the parsed array. */
      if (probe->kind == DA_REPO_LINE_EMPTY)
        continue;

      checked.line = g_ptr_array_index (self->parsed, next++);
      if (checked.line->kind == DA_REPO_LINE_INVALID)
        checked.reason = g_strdup (checked.line->reason != NULL
                                   ? checked.line->reason
                                   : _("This is not a repository or a group"));
      else
        checked.reason = check_against_connection (checked.line, connection);

      if (checked.reason != NULL)
        {
          self->n_invalid++;
          mark_line (buffer, i);
        }
      else
        self->n_valid++;

      gtk_list_box_append (self->check_list, create_check_row (&checked));
      g_array_append_val (self->checked, checked);
    }

  if (self->n_invalid > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("%u line needs fixing; nothing is sent until it is",
                                        "%u lines need fixing; nothing is sent until they are",
                                        self->n_invalid), self->n_invalid);
      gtk_label_set_label (self->summary_label, text);
    }
  else if (self->n_valid > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (ngettext ("%u permission ready to grant",
                                        "%u permissions ready to grant",
                                        self->n_valid), self->n_valid);
      gtk_label_set_label (self->summary_label, text);
    }
  gtk_widget_set_visible (self->check_box, self->checked->len > 0);

  update_actions (self);
}

static void
on_text_changed_cb (DaGrantDialog *self)
{
  /* What the server said was about the text before it changed. */
  show_message (self->lines_error_label, NULL, NULL);
  check_lines (self);
}

static void
on_connection_changed_cb (DaGrantDialog *self)
{
  DaGitConnection *connection = get_connection (self);

  show_message (self->connection_error_label, NULL, NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->connection_row),
                               connection != NULL ? da_git_connection_get_host (connection)
                                                  : _("This organization has no git connection"));
  check_lines (self);
}

static void
set_sending (DaGrantDialog *self,
             gboolean       sending)
{
  self->sending = sending;
  gtk_widget_set_visible (GTK_WIDGET (self->sending_spinner), sending);
  gtk_spinner_set_spinning (self->sending_spinner, sending);
  gtk_text_view_set_editable (self->lines_view, !sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connection_row), !sending);
  update_actions (self);
}

static GtkWidget *
create_result_row (const char *name,
                   const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
show_result (DaGrantDialog *self,
             DaGrantResult *result)
{
  const char * const *ids = da_grant_result_get_permission_ids (result);
  DaGitConnection *connection = get_connection (self);
  const char *host = connection != NULL ? da_git_connection_get_host (connection) : NULL;
  g_autofree char *description = NULL;
  guint n = ids != NULL ? g_strv_length ((char **) ids) : 0;

  if (n > 0)
    {
      for (guint i = 0; i < n; i++)
        {
          const char *name = da_grant_result_lookup_name (result, ids[i]);

          gtk_list_box_append (self->result_list,
                               create_result_row (name != NULL ? name : ids[i], host));
        }
    }
  else
    {
      /* An older server says only "success": list what was sent. */
      n = self->n_valid;
      for (guint i = 0; i < self->checked->len; i++)
        {
          CheckedLine *checked = &g_array_index (self->checked, CheckedLine, i);
          g_autofree char *path = NULL;

          if (checked->reason != NULL)
            continue;
          path = g_strjoinv ("/", checked->line->segments);
          gtk_list_box_append (self->result_list, create_result_row (path, host));
        }
    }

  /* Translators: %u is a number of permissions, %s an organization's name */
  description = g_strdup_printf (ngettext ("%u permission was created for %s.",
                                           "%u permissions were created for %s.", n),
                                 n, self->org_name);
  adw_status_page_set_description (self->result_page, description);

  self->done = TRUE;
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->send_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  gtk_widget_grab_focus (self->done_button);
  update_actions (self);
}

static gboolean
is_lines_field (const char *field)
{
  static const char * const fields[] = {
    "repo_path", "group_prefix", "repo_url", "group_prefix_url", "prefix_path",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (field, fields[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
grant_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DaGrantDialog) self = user_data;
  g_autoptr(DaGrantResult) grant_result = NULL;
  g_autoptr(GError) error = NULL;
  const char *field;

  grant_result = da_client_grant_git_permissions_finish (DA_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_sending (self, FALSE);

  if (grant_result != NULL)
    {
      show_result (self, grant_result);
      g_signal_emit (self, signals [GRANTED], 0, grant_result);
      return;
    }

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    {
      /* The window goes back to the key entry: nothing here can be sent any more. */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  field = da_client_error_get_field (error);
  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST) &&
      g_strcmp0 (field, "connection_id") == 0)
    {
      show_message (self->connection_error_label, NULL, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->connection_row));
    }
  else if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST) &&
           is_lines_field (field))
    {
      show_message (self->lines_error_label, NULL, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->lines_view));
    }
  else if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
    {
      g_autofree char *what = g_strdup (error->message);
      g_autofree char *text = NULL;

      if (g_str_has_suffix (what, "."))
        what[strlen (what) - 1] = '\0';
      /* Translators: %s is the server's own message, e.g. "Git connection not found" */
      text = g_strdup_printf (_("%s. The organization or the connection may have been removed "
                                "elsewhere; close this dialog and refresh."),
                              what);
      show_message (self->message_label, self->message_box, text);
    }
  else
    show_message (self->message_label, self->message_box, error->message);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DaGrantDialog *self = DA_GRANT_DIALOG (widget);
  DaGitConnection *connection;
  g_autoptr(GPtrArray) grants = NULL;

  /* Checked again: the connection may have changed since the last keystroke. */
  check_lines (self);
  connection = get_connection (self);
  if (self->sending || self->done || connection == NULL || self->n_invalid > 0 ||
      self->n_valid == 0)
    return;

  grants = g_ptr_array_new_with_free_func ((GDestroyNotify) da_git_grant_free);
  for (guint i = 0; i < self->checked->len; i++)
    {
      CheckedLine *checked = &g_array_index (self->checked, CheckedLine, i);
      const char * const *segments = (const char * const *) checked->line->segments;
      gboolean group = checked->line->kind == DA_REPO_LINE_GROUP;

      g_assert (checked->reason == NULL);
      g_ptr_array_add (grants,
                       da_git_grant_new (da_git_connection_get_connection_id (connection),
                                         group ? NULL : segments,
                                         group ? segments : NULL));
    }

  clear_messages (self);
  set_sending (self, TRUE);
  da_client_grant_git_permissions_async (da_context_get_client (self->context), self->org_id,
                                         grants, self->cancellable, grant_cb,
                                         g_object_ref (self));
}

static void
da_grant_dialog_dispose (GObject *object)
{
  DaGrantDialog *self = (DaGrantDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_GRANT_DIALOG);

  G_OBJECT_CLASS (da_grant_dialog_parent_class)->dispose (object);
}

static void
da_grant_dialog_finalize (GObject *object)
{
  DaGrantDialog *self = (DaGrantDialog *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->connections);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->org_id, g_free);
  g_clear_pointer (&self->org_name, g_free);
  g_clear_pointer (&self->checked, g_array_unref);
  g_clear_pointer (&self->parsed, g_ptr_array_unref);

  G_OBJECT_CLASS (da_grant_dialog_parent_class)->finalize (object);
}

static void
da_grant_dialog_class_init (DaGrantDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_grant_dialog_dispose;
  object_class->finalize = da_grant_dialog_finalize;

  signals [GRANTED] =
    g_signal_new ("granted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DA_TYPE_GRANT_RESULT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-grant-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, sending_spinner);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, connection_row);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, connection_error_label);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, lines_view);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, lines_error_label);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, check_box);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, check_list);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, DaGrantDialog, result_list);

  gtk_widget_class_install_action (widget_class, "grant.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "grant.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "grant.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
da_grant_dialog_init (DaGrantDialog *self)
{
  GtkTextBuffer *buffer;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->checked = g_array_new (FALSE, TRUE, sizeof (CheckedLine));
  g_array_set_clear_func (self->checked, checked_line_clear);

  buffer = gtk_text_view_get_buffer (self->lines_view);
  gtk_text_buffer_create_tag (buffer, "invalid",
                              "underline", PANGO_UNDERLINE_ERROR,
                              "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                              "background-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 0.15 },
                              NULL);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_text_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The name in the list; the host of the one picked is the row's subtitle. */
  expression = gtk_property_expression_new (DA_TYPE_GIT_CONNECTION, NULL, "name");
  adw_combo_row_set_expression (self->connection_row, expression);
  gtk_expression_unref (expression);
  g_signal_connect_object (self->connection_row, "notify::selected",
                           G_CALLBACK (on_connection_changed_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

DaGrantDialog *
da_grant_dialog_new (DaContext  *context,
                     const char *org_id,
                     const char *org_name,
                     GListModel *connections)
{
  DaGrantDialog *self;

  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (org_id != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (connections), NULL);

  self = g_object_new (DA_TYPE_GRANT_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->org_id = g_strdup (org_id);
  self->org_name = g_strdup (org_name != NULL ? org_name : org_id);
  self->connections = g_object_ref (connections);

  adw_window_title_set_subtitle (self->window_title, self->org_name);
  adw_combo_row_set_model (self->connection_row, connections);
  on_connection_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->lines_view));

  return self;
}

const char *
da_grant_dialog_get_connection_id (DaGrantDialog *self)
{
  DaGitConnection *connection;

  g_return_val_if_fail (DA_IS_GRANT_DIALOG (self), NULL);

  connection = get_connection (self);
  return connection != NULL ? da_git_connection_get_connection_id (connection) : NULL;
}

gboolean
da_grant_dialog_set_connection_id (DaGrantDialog *self,
                                   const char    *connection_id)
{
  g_return_val_if_fail (DA_IS_GRANT_DIALOG (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (self->connections); i++)
    {
      g_autoptr(DaGitConnection) connection = g_list_model_get_item (self->connections, i);

      if (g_strcmp0 (da_git_connection_get_connection_id (connection), connection_id) == 0)
        {
          adw_combo_row_set_selected (self->connection_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

guint
da_grant_dialog_get_n_valid (DaGrantDialog *self)
{
  g_return_val_if_fail (DA_IS_GRANT_DIALOG (self), 0);

  return self->n_valid;
}

guint
da_grant_dialog_get_n_invalid (DaGrantDialog *self)
{
  g_return_val_if_fail (DA_IS_GRANT_DIALOG (self), 0);

  return self->n_invalid;
}

gboolean
da_grant_dialog_get_sending (DaGrantDialog *self)
{
  g_return_val_if_fail (DA_IS_GRANT_DIALOG (self), FALSE);

  return self->sending;
}

/* da-member-dialogs.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-member-dialogs.h"
#include "da-models.h"

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

static void
abandon_task (gpointer data)
{
  g_autoptr(GTask) task = data;

  /* The dialog went away without an answer: nothing chosen. */
  g_task_return_pointer (task, NULL, NULL);
}

static void
on_cancelled_cb (GCancellable     *cancellable,
                 AdwMessageDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
}

static GtkWidget *
new_dialog (GtkWidget    *parent,
            const char   *name,
            const char   *heading,
            const char   *body,
            const char   *action_id,
            const char   *action_label,
            GCancellable *cancellable)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (parent), heading, body);

  gtk_widget_set_name (dialog, name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    action_id, action_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), action_id,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), action_id);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (on_cancelled_cb), dialog, 0);

  return dialog;
}

static GtkWidget *
new_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* A combo row of @roles; their IDs are kept on the row as "da-role-ids". */
static GtkWidget *
new_role_row (const char *name,
              const char *title,
              GPtrArray  *roles,
              const char *current_role_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      DaRole *role = g_ptr_array_index (roles, i);

      gtk_string_list_append (names, da_role_get_role_name (role));
      g_strv_builder_add (ids, da_role_get_role_id (role));
      if (g_strcmp0 (da_role_get_role_id (role), current_role_id) == 0)
        selected = i;
    }

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data_full (G_OBJECT (row), "da-role-ids", g_strv_builder_end (ids),
                          (GDestroyNotify) g_strfreev);
  return row;
}

static char *
dup_selected_role (GtkWidget *row)
{
  GStrv ids = g_object_get_data (G_OBJECT (row), "da-role-ids");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (ids))
    return NULL;
  return g_strdup (ids[selected]);
}

/* ---- An enterprise role ----------------------------------------------------------------- */

static void
on_role_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWidget        *row)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (dialog), "da-task");

  if (task == NULL)
    return;

  if (g_strcmp0 (response, "change") == 0)
    g_task_return_pointer (task, dup_selected_role (row), g_free);
  else
    g_task_return_pointer (task, NULL, NULL);
}

void
da_member_choose_role_async (GtkWidget           *parent,
                             const char          *heading,
                             const char          *body,
                             GPtrArray           *roles,
                             const char          *current_role_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *row;

  g_return_if_fail (heading != NULL);
  g_return_if_fail (roles != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_member_choose_role_async);

  dialog = new_dialog (parent, "da-member-role-dialog", heading, body,
                       "change", _("C_hange Role"), cancellable);

  list = new_boxed_list ();
  row = new_role_row ("role-row", _("_Role"), roles, current_role_id);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data_full (G_OBJECT (dialog), "da-task", g_steal_pointer (&task), abandon_task);
  g_signal_connect (dialog, "response", G_CALLBACK (on_role_response_cb), row);
  gtk_window_present (GTK_WINDOW (dialog));
}

char *
da_member_choose_role_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

/* ---- Organizations ---------------------------------------------------------------------- */

typedef struct
{
  GStrv  org_ids;
  char  *org_role;
} OrgsChoice;

static void
orgs_choice_free (OrgsChoice *choice)
{
  g_strfreev (choice->org_ids);
  g_free (choice->org_role);
  g_free (choice);
}

/* The check buttons of the organizations that may be chosen. */
static GPtrArray *
org_checks (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "da-org-checks");
}

static void
on_org_toggled_cb (GtkCheckButton   *check,
                   AdwMessageDialog *dialog)
{
  GPtrArray *checks = org_checks (dialog);
  gboolean any = FALSE;

  for (guint i = 0; i < checks->len; i++)
    any = any || gtk_check_button_get_active (g_ptr_array_index (checks, i));

  adw_message_dialog_set_response_enabled (dialog, "add", any);
}

static void
on_orgs_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWidget        *role_row)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (dialog), "da-task");
  g_autoptr(GStrvBuilder) ids = NULL;
  GPtrArray *checks = org_checks (dialog);
  OrgsChoice *choice;

  if (task == NULL)
    return;

  if (g_strcmp0 (response, "add") != 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  ids = g_strv_builder_new ();
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (ids, gtk_widget_get_name (check));
    }

  choice = g_new0 (OrgsChoice, 1);
  choice->org_ids = g_strv_builder_end (ids);
  choice->org_role = dup_selected_role (role_row);
  g_task_return_pointer (task, choice, (GDestroyNotify) orgs_choice_free);
}

void
da_member_choose_organizations_async (GtkWidget           *parent,
                                      const char          *heading,
                                      const char          *body,
                                      GListModel          *organizations,
                                      GHashTable          *joined,
                                      GPtrArray           *org_roles,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *checks = g_ptr_array_new ();
  const char *default_role = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkWidget *orgs_list;
  GtkWidget *role_list;
  GtkWidget *role_row;
  guint n_orgs;

  g_return_if_fail (heading != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (organizations));
  g_return_if_fail (org_roles != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_member_choose_organizations_async);

  dialog = new_dialog (parent, "da-member-orgs-dialog", heading, body,
                       "add", _("_Add"), cancellable);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "da-org-checks", checks,
                          (GDestroyNotify) g_ptr_array_unref);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  orgs_list = new_boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (orgs_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organizations"),
                                  -1);
  n_orgs = g_list_model_get_n_items (organizations);
  for (guint i = 0; i < n_orgs; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (organizations, i);
      const char *org_id = da_organization_get_org_id (org);
      gboolean already = joined != NULL && g_hash_table_contains (joined, org_id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     da_organization_get_org_name (org));
      gtk_widget_set_name (check, org_id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      da_organization_get_org_name (org),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      if (already)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          gtk_widget_set_sensitive (row, FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Already a member"));
        }
      else
        {
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_ptr_array_add (checks, check);
          g_signal_connect (check, "toggled", G_CALLBACK (on_org_toggled_cb), dialog);
        }
      gtk_list_box_append (GTK_LIST_BOX (orgs_list), row);
    }

  if (n_orgs == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No organizations"));
      gtk_list_box_append (GTK_LIST_BOX (orgs_list), row);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), orgs_list);
  gtk_box_append (GTK_BOX (box), scrolled);

  /* Organization Member is what most people get: offer it first when it is there. */
  for (guint i = 0; i < org_roles->len; i++)
    if (g_strcmp0 (da_role_get_role_id (g_ptr_array_index (org_roles, i)), "org_member") == 0)
      default_role = "org_member";

  role_list = new_boxed_list ();
  role_row = new_role_row ("org-role-row", _("Organization _Role"), org_roles, default_role);
  gtk_list_box_append (GTK_LIST_BOX (role_list), role_row);
  gtk_box_append (GTK_BOX (box), role_list);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "da-task", g_steal_pointer (&task), abandon_task);
  g_signal_connect (dialog, "response", G_CALLBACK (on_orgs_response_cb), role_row);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
da_member_choose_organizations_finish (GAsyncResult  *result,
                                       GStrv         *org_ids,
                                       char         **org_role)
{
  OrgsChoice *choice;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  choice = g_task_propagate_pointer (G_TASK (result), NULL);
  if (choice == NULL || choice->org_ids == NULL || choice->org_ids[0] == NULL)
    {
      g_clear_pointer (&choice, orgs_choice_free);
      return FALSE;
    }

  if (org_ids != NULL)
    *org_ids = g_steal_pointer (&choice->org_ids);
  if (org_role != NULL)
    *org_role = g_steal_pointer (&choice->org_role);
  orgs_choice_free (choice);
  return TRUE;
}

/* ---- Words ------------------------------------------------------------------------------ */

char *
da_member_describe_addresses (GPtrArray *members,
                              guint      max)
{
  GString *text;
  guint shown;

  g_return_val_if_fail (members != NULL, NULL);

  text = g_string_new (NULL);
  shown = members->len <= max ? members->len : max;
  for (guint i = 0; i < shown; i++)
    {
      DaMember *member = g_ptr_array_index (members, i);

      if (i > 0)
        /* Translators: what separates the addresses in a list of a few */
        g_string_append (text, _(", "));
      g_string_append (text, da_member_get_email (member));
    }

  if (shown < members->len)
    {
      guint more = members->len - shown;
      g_autofree char *addresses = g_string_free (g_steal_pointer (&text), FALSE);

      /* Translators: a list of the first few addresses, then how many others there are */
      return g_strdup_printf (ngettext ("%s and %u more", "%s and %u more", more),
                              addresses, more);
    }

  return g_string_free (text, FALSE);
}

/* da-organization-dialog.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-input.h"
#include "da-organization-dialog.h"

struct _DaOrganizationDialog
{
  AdwWindow        parent_instance;

  /* Owned */
  DaContext       *context;
  DaOrganization  *organization;
  GCancellable    *cancellable;
  gboolean         busy;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkLabel        *save_label;
  GtkSpinner      *spinner;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  AdwEntryRow     *name_row;
  GtkLabel        *name_error_label;
  AdwEntryRow     *limit_row;
  GtkLabel        *limit_error_label;
};

G_DEFINE_FINAL_TYPE (DaOrganizationDialog, da_organization_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ORGANIZATION,
  N_PROPS
};

enum {
  SAVED,
  ORGANIZATION_GONE,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* What one request sends, kept to tell what was saved. */
typedef struct
{
  DaOrganizationDialog *self;
  char                 *name;
} Send;

static void
send_free (Send *send)
{
  g_object_unref (send->self);
  g_free (send->name);
  g_free (send);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Send, send_free)

static void
show_field_error (GtkWidget  *row,
                  GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
show_general_error (DaOrganizationDialog *self,
                    const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static char *
typed_name (DaOrganizationDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

/* Whether the edit changes anything; a new organization always does. */
static gboolean
has_changes (DaOrganizationDialog *self)
{
  g_autofree char *name = typed_name (self);
  gint64 limit = -1;

  if (self->organization == NULL)
    return TRUE;

  if (g_strcmp0 (name, da_organization_get_org_name (self->organization)) != 0)
    return TRUE;

  /* A limit that cannot be read is a change: the person is told why on saving. */
  if (!da_input_parse_acu_limit (gtk_editable_get_text (GTK_EDITABLE (self->limit_row)),
                                 &limit, NULL))
    return TRUE;

  return limit != MAX (da_organization_get_max_cycle_acu_limit (self->organization), -1);
}

static void
update_save_button (DaOrganizationDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !self->busy && has_changes (self));
}

static void
set_busy (DaOrganizationDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_save_button (self);
}

/* Another organization with this name, compared case-insensitively; NULL when none. */
static DaOrganization *
find_duplicate (DaOrganizationDialog *self,
                const char           *name)
{
  GListModel *orgs = da_context_get_organizations (self->context);
  g_autofree char *folded = g_utf8_casefold (name, -1);
  guint n = g_list_model_get_n_items (orgs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaOrganization) org = g_list_model_get_item (orgs, i);
      g_autofree char *other = g_utf8_casefold (da_organization_get_org_name (org), -1);

      if (self->organization != NULL &&
          g_strcmp0 (da_organization_get_org_id (org),
                     da_organization_get_org_id (self->organization)) == 0)
        continue;
      if (g_strcmp0 (folded, other) == 0)
        return g_steal_pointer (&org);
    }

  return NULL;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Send) send = user_data;
  DaOrganizationDialog *self = send->self;
  g_autoptr(DaOrganization) created = NULL;
  g_autoptr(GError) error = NULL;
  const char *org_id;
  gboolean ok;

  if (self->organization == NULL)
    {
      created = da_client_create_organization_finish (DA_CLIENT (object), result, &error);
      ok = created != NULL;
    }
  else
    ok = da_client_call_finish (DA_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (ok)
    {
      org_id = created != NULL ? da_organization_get_org_id (created)
                               : da_organization_get_org_id (self->organization);
      g_signal_emit (self, signals [SAVED], 0, org_id, send->name);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    {
      /* The window goes back to the key entry: nothing to keep here. */
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->organization != NULL &&
      g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
    {
      g_signal_emit (self, signals [ORGANIZATION_GONE], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST))
    {
      const char *field = da_client_error_get_field (error);

      if (g_strcmp0 (field, "display_name") == 0 || g_strcmp0 (field, "name") == 0)
        {
          show_field_error (GTK_WIDGET (self->name_row), self->name_error_label, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
          return;
        }
      if (g_strcmp0 (field, "acu_limit") == 0 || g_strcmp0 (field, "max_acu_limit") == 0)
        {
          show_field_error (GTK_WIDGET (self->limit_row), self->limit_error_label,
                            error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->limit_row));
          return;
        }
    }

  /* In the server's words, above the form; what was typed stays. */
  show_general_error (self, error->message);
}

static void
save (DaOrganizationDialog *self)
{
  DaClient *client = da_context_get_client (self->context);
  g_autofree char *name = typed_name (self);
  g_autofree char *limit_reason = NULL;
  g_autoptr(DaOrganization) duplicate = NULL;
  gint64 limit = -1;
  gboolean valid = TRUE;
  Send *send;

  if (self->busy || !has_changes (self))
    return;

  show_general_error (self, NULL);

  /* Every field is checked, so that every problem shows at once; the first takes the focus. */
  if (*name == '\0')
    {
      show_field_error (GTK_WIDGET (self->name_row), self->name_error_label,
                        _("Enter a name for the organization."));
      valid = FALSE;
    }
  else if ((duplicate = find_duplicate (self, name)) != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the name of the organization that has it already */
      message = g_strdup_printf (_("“%s” already exists. Choose another name."),
                                 da_organization_get_org_name (duplicate));
      show_field_error (GTK_WIDGET (self->name_row), self->name_error_label, message);
      valid = FALSE;
    }
  else if (g_utf8_strlen (name, -1) > 200)
    {
      show_field_error (GTK_WIDGET (self->name_row), self->name_error_label,
                        _("The name can be at most 200 characters long."));
      valid = FALSE;
    }

  if (!da_input_parse_acu_limit (gtk_editable_get_text (GTK_EDITABLE (self->limit_row)),
                                 &limit, &limit_reason))
    {
      g_autofree char *message = g_strdup_printf ("%s.", limit_reason);

      show_field_error (GTK_WIDGET (self->limit_row), self->limit_error_label,
                        g_str_has_suffix (limit_reason, ".") ? limit_reason : message);
      if (valid)
        gtk_widget_grab_focus (GTK_WIDGET (self->limit_row));
      valid = FALSE;
    }

  if (!valid)
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->name_error_label)))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  send = g_new0 (Send, 1);
  send->self = g_object_ref (self);
  send->name = g_strdup (name);

  set_busy (self, TRUE);

  if (self->organization == NULL)
    {
      da_client_create_organization_async (client, name, limit >= 0 ? limit : DA_UNSET,
                                           self->cancellable, save_cb, send);
    }
  else
    {
      gint64 old_limit = da_organization_get_max_cycle_acu_limit (self->organization);
      gboolean rename = g_strcmp0 (name, da_organization_get_org_name (self->organization)) != 0;

      da_client_update_organization_async (client,
                                           da_organization_get_org_id (self->organization),
                                           rename ? name : NULL,
                                           limit != MAX (old_limit, -1),
                                           limit >= 0 ? limit : DA_UNSET,
                                           self->cancellable, save_cb, send);
    }
}

static void
on_save_clicked_cb (DaOrganizationDialog *self)
{
  save (self);
}

static void
on_entry_activated_cb (DaOrganizationDialog *self)
{
  save (self);
}

static void
on_name_changed_cb (DaOrganizationDialog *self)
{
  show_field_error (GTK_WIDGET (self->name_row), self->name_error_label, NULL);
  update_save_button (self);
}

static void
on_limit_changed_cb (DaOrganizationDialog *self)
{
  show_field_error (GTK_WIDGET (self->limit_row), self->limit_error_label, NULL);
  update_save_button (self);
}

static void
da_organization_dialog_constructed (GObject *object)
{
  DaOrganizationDialog *self = (DaOrganizationDialog *)object;

  G_OBJECT_CLASS (da_organization_dialog_parent_class)->constructed (object);

  if (self->organization == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Organization"));
      adw_window_title_set_title (self->window_title, _("New Organization"));
      gtk_label_set_label (self->save_label, _("C_reate"));
    }
  else
    {
      gint64 limit = da_organization_get_max_cycle_acu_limit (self->organization);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Organization"));
      adw_window_title_set_title (self->window_title, _("Edit Organization"));
      adw_window_title_set_subtitle (self->window_title,
                                     da_organization_get_org_name (self->organization));
      gtk_label_set_label (self->save_label, _("_Save"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             da_organization_get_org_name (self->organization));
      if (limit >= 0)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, limit);

          gtk_editable_set_text (GTK_EDITABLE (self->limit_row), text);
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->organization == NULL ? _("Create") : _("Save"),
                                  -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  update_save_button (self);
}

static void
da_organization_dialog_dispose (GObject *object)
{
  DaOrganizationDialog *self = (DaOrganizationDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_ORGANIZATION_DIALOG);

  G_OBJECT_CLASS (da_organization_dialog_parent_class)->dispose (object);
}

static void
da_organization_dialog_finalize (GObject *object)
{
  DaOrganizationDialog *self = (DaOrganizationDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->organization);

  G_OBJECT_CLASS (da_organization_dialog_parent_class)->finalize (object);
}

static void
da_organization_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DaOrganizationDialog *self = DA_ORGANIZATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_ORGANIZATION:
      g_value_set_object (value, self->organization);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_organization_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DaOrganizationDialog *self = DA_ORGANIZATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_ORGANIZATION:
      self->organization = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_organization_dialog_class_init (DaOrganizationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = da_organization_dialog_constructed;
  object_class->dispose = da_organization_dialog_dispose;
  object_class->finalize = da_organization_dialog_finalize;
  object_class->get_property = da_organization_dialog_get_property;
  object_class->set_property = da_organization_dialog_set_property;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, DA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ORGANIZATION] =
    g_param_spec_object ("organization", NULL, NULL, DA_TYPE_ORGANIZATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals [ORGANIZATION_GONE] =
    g_signal_new ("organization-gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-organization-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, save_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, limit_row);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationDialog, limit_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_limit_changed_cb);
}

static void
da_organization_dialog_init (DaOrganizationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

GtkWidget *
da_organization_dialog_new (DaContext      *context,
                            DaOrganization *organization)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (organization == NULL || DA_IS_ORGANIZATION (organization), NULL);

  return g_object_new (DA_TYPE_ORGANIZATION_DIALOG,
                       "context", context,
                       "organization", organization,
                       NULL);
}

DaOrganization *
da_organization_dialog_get_organization (DaOrganizationDialog *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION_DIALOG (self), NULL);

  return self->organization;
}

gboolean
da_organization_dialog_get_busy (DaOrganizationDialog *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION_DIALOG (self), FALSE);

  return self->busy;
}

/* da-audit-event-details.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-audit-event-details.h"
#include "da-audit-format.h"
#include "da-format.h"
#include "da-page.h"

struct _DaAuditEventDetails
{
  GtkWidget      parent_instance;

  /* Owned */
  DaAuditEvent  *event;
  DaContext     *context;

  /* Template widgets */
  GtkWidget     *box;
  GtkLabel      *title_label;
  GtkGrid       *fields_grid;
  GtkLabel      *data_label;
  GtkWidget     *copy_button;
};

G_DEFINE_FINAL_TYPE (DaAuditEventDetails, da_audit_event_details, GTK_TYPE_WIDGET)

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_field (DaAuditEventDetails *self,
           int                  row,
           const char          *name,
           const char          *value)
{
  GtkWidget *key_label;
  GtkWidget *value_label;

  if (value == NULL || *value == '\0')
    return;

  key_label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (key_label), 1);
  gtk_label_set_yalign (GTK_LABEL (key_label), 0);
  gtk_widget_add_css_class (key_label, "dim-label");

  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);

  gtk_grid_attach (self->fields_grid, key_label, 0, row, 1, 1);
  gtk_grid_attach (self->fields_grid, value_label, 1, row, 1, 1);
}

static void
clear_fields (DaAuditEventDetails *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_grid))) != NULL)
    gtk_grid_remove (self->fields_grid, child);
}

static void
update (DaAuditEventDetails *self)
{
  DaAuditEvent *event = self->event;
  const char *action;
  const char *org_id;
  g_autofree char *time = NULL;
  g_autofree char *org = NULL;
  g_autofree char *data = NULL;
  int row = 0;

  clear_fields (self);
  gtk_widget_set_sensitive (self->copy_button, event != NULL);

  if (event == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->data_label, "");
      return;
    }

  action = da_audit_event_get_action (event);
  gtk_label_set_label (self->title_label,
                       action != NULL ? da_audit_action_label (action) : _("Unknown action"));

  if (da_audit_event_get_created_at (event) != DA_TIME_UNSET)
    time = da_format_exact_time (da_audit_event_get_created_at (event));

  org_id = da_audit_event_get_org_id (event);
  if (org_id != NULL)
    {
      const char *name = self->context != NULL ? da_context_lookup_org_name (self->context, org_id)
                                               : NULL;

      /* Translators: an organization's name and its ID, e.g. "Payments (org-7f3a21c9)" */
      org = name != NULL ? g_strdup_printf (_("%s (%s)"), name, org_id) : g_strdup (org_id);
    }

  add_field (self, row++, _("Time"), time);
  add_field (self, row++, _("Action"), action);
  add_field (self, row++, _("Actor"), da_audit_event_get_user_email (event));
  add_field (self, row++, _("User ID"), da_audit_event_get_user_id (event));
  add_field (self, row++, _("Service User"), da_audit_event_get_service_user_name (event));
  add_field (self, row++, _("Organization"), org);
  add_field (self, row++, _("Event ID"), da_audit_event_get_audit_log_id (event));

  data = da_audit_format_data_pretty (event);
  gtk_label_set_label (self->data_label, data != NULL ? data : _("No data"));
}

static void
on_copy_clicked_cb (DaAuditEventDetails *self)
{
  g_autofree char *text = NULL;
  GtkWidget *page;

  if (self->event == NULL)
    return;

  text = da_audit_format_event_json (self->event, self->context);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);

  page = gtk_widget_get_ancestor (GTK_WIDGET (self), DA_TYPE_PAGE);
  if (page != NULL)
    da_page_show_toast (DA_PAGE (page), _("Event copied"));
}

static void
on_close_clicked_cb (DaAuditEventDetails *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

static void
da_audit_event_details_dispose (GObject *object)
{
  DaAuditEventDetails *self = (DaAuditEventDetails *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_AUDIT_EVENT_DETAILS);
  g_clear_object (&self->event);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (da_audit_event_details_parent_class)->dispose (object);
}

static void
da_audit_event_details_class_init (DaAuditEventDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_audit_event_details_dispose;

  /**
   * DaAuditEventDetails::close:
   *
   * The person asked to close the details.
   */
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-audit-event-details.ui");
  gtk_widget_class_bind_template_child (widget_class, DaAuditEventDetails, box);
  gtk_widget_class_bind_template_child (widget_class, DaAuditEventDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, DaAuditEventDetails, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, DaAuditEventDetails, data_label);
  gtk_widget_class_bind_template_child (widget_class, DaAuditEventDetails, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
da_audit_event_details_init (DaAuditEventDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
da_audit_event_details_new (void)
{
  return g_object_new (DA_TYPE_AUDIT_EVENT_DETAILS, NULL);
}

void
da_audit_event_details_set_event (DaAuditEventDetails *self,
                                  DaAuditEvent        *event,
                                  DaContext           *context)
{
  g_return_if_fail (DA_IS_AUDIT_EVENT_DETAILS (self));
  g_return_if_fail (event == NULL || DA_IS_AUDIT_EVENT (event));

  g_set_object (&self->context, context);
  if (!g_set_object (&self->event, event))
    return;

  update (self);
}

DaAuditEvent *
da_audit_event_details_get_event (DaAuditEventDetails *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT_DETAILS (self), NULL);

  return self->event;
}

/* da-preferences-window.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-client.h"
#include "da-preferences-window.h"

struct _DaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  SoupSession          *session;

  /* Template widgets */
  AdwEntryRow          *server_row;
  GtkLabel             *server_error_label;
};

G_DEFINE_FINAL_TYPE (DaPreferencesWindow, da_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_server_error (DaPreferencesWindow *self,
                   const char          *message)
{
  gtk_label_set_label (self->server_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->server_error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
on_server_changed_cb (DaPreferencesWindow *self)
{
  show_server_error (self, NULL);
}

static void
on_server_apply_cb (DaPreferencesWindow *self)
{
  g_autofree char *url = NULL;
  g_autoptr(DaClient) client = NULL;
  g_autoptr(GError) error = NULL;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  if (*url == '\0')
    {
      g_settings_reset (self->settings, "server-url");
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), DA_DEFAULT_BASE_URL);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The default server is used again")));
      return;
    }

  /* The client's own rules decide: https, or plain http only to this computer. */
  client = da_client_new (url, self->session, &error);
  if (client == NULL)
    {
      show_server_error (self, error->message);
      return;
    }

  g_settings_set_string (self->settings, "server-url", url);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Saved: used the next time you sign in")));
}

static void
da_preferences_window_dispose (GObject *object)
{
  DaPreferencesWindow *self = (DaPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (da_preferences_window_parent_class)->dispose (object);
}

static void
da_preferences_window_class_init (DaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, server_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed_cb);
}

static void
da_preferences_window_init (DaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
da_preferences_window_new (GSettings   *settings,
                           SoupSession *session)
{
  DaPreferencesWindow *self;
  g_autofree char *url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (DA_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  self->session = g_object_ref (session);

  url = g_settings_get_string (settings, "server-url");
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  show_server_error (self, NULL);

  return GTK_WIDGET (self);
}

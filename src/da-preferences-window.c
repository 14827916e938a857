/* da-preferences-window.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-application.h"
#include "da-client.h"
#include "da-preferences-window.h"

struct _DaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  SoupSession          *session;
  GCancellable         *cancellable;
  gulong                accounts_handler;
  gulong                context_handler;
  DaAccounts           *accounts;      /* of the application, while it is set */
  gboolean              updating;      /* the enterprise limit is being shown, not edited */

  /* Template widgets */
  GtkWidget            *accounts_group;
  GtkListBox           *accounts_list;
  AdwEntryRow          *server_row;
  GtkLabel             *server_error_label;
  GtkSwitch            *notifications_switch;
  GtkWidget            *threshold_row;
  GtkSpinButton        *threshold_spin;
  GtkWidget            *interval_row;
  GtkSpinButton        *interval_spin;
  GtkWidget            *enterprise_limit_row;
  GtkSpinButton        *enterprise_limit_spin;
  GtkWidget            *background_row;
  GtkSwitch            *background_switch;
};

G_DEFINE_FINAL_TYPE (DaPreferencesWindow, da_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static DaApplication *
get_app (DaPreferencesWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return DA_IS_APPLICATION (app) ? DA_APPLICATION (app) : NULL;
}

/* The server of the enterprise shown, when one is (not the demo's). */
static const char *
current_server (DaPreferencesWindow *self)
{
  DaApplication *app = get_app (self);
  DaContext *context = app != NULL ? da_application_get_context (app) : NULL;

  if (context == NULL || da_context_get_demo (context))
    return NULL;

  return da_context_get_server (context);
}

static void
add_toast (DaPreferencesWindow *self,
           const char          *title)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

/* ---- server ---------------------------------------------------------------------------- */

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
      add_toast (self, _("The default server is used again"));
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
  add_toast (self, _("Saved: used the next time you sign in"));
}

/* ---- usage alerts ---------------------------------------------------------------------- */

static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, (double) (g_variant_get_uint32 (variant) / 60));
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  double minutes = CLAMP (g_value_get_double (value), 1, 1440);

  return g_variant_new_uint32 ((guint32) minutes * 60);
}

static guint
get_enterprise_limit (DaPreferencesWindow *self,
                      const char          *server)
{
  g_autoptr(GVariant) limits = g_settings_get_value (self->settings, "enterprise-acu-limits");
  guint32 limit = 0;

  if (server != NULL)
    g_variant_lookup (limits, server, "u", &limit);
  return limit;
}

static void
update_enterprise_limit (DaPreferencesWindow *self)
{
  const char *server = current_server (self);

  self->updating = TRUE;
  gtk_spin_button_set_value (self->enterprise_limit_spin, get_enterprise_limit (self, server));
  self->updating = FALSE;
  /* The limit belongs to the enterprise shown: with none, there is nothing to set. */
  gtk_widget_set_sensitive (self->enterprise_limit_row, server != NULL);
}

static void
on_enterprise_limit_changed_cb (DaPreferencesWindow *self)
{
  const char *server = current_server (self);
  g_autoptr(GVariant) limits = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  guint32 value;
  guint limit;

  if (self->updating || server == NULL)
    return;

  limit = (guint) gtk_spin_button_get_value_as_int (self->enterprise_limit_spin);
  if (limit == get_enterprise_limit (self, server))
    return;

  /* The other enterprises' limits stay; 0 removes this one's. */
  limits = g_settings_get_value (self->settings, "enterprise-acu-limits");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{su}"));
  g_variant_iter_init (&iter, limits);
  while (g_variant_iter_next (&iter, "{&su}", &key, &value))
    if (!g_str_equal (key, server))
      g_variant_builder_add (&builder, "{su}", key, value);
  if (limit > 0)
    g_variant_builder_add (&builder, "{su}", server, (guint32) limit);

  g_settings_set_value (self->settings, "enterprise-acu-limits",
                        g_variant_builder_end (&builder));
}

/* ---- accounts -------------------------------------------------------------------------- */

static void update_accounts (DaPreferencesWindow *self);

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!da_application_remove_account_finish (DA_APPLICATION (object), result, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why the keyring could not be used */
      text = g_strdup_printf (_("The account was removed, but its key could not be removed from "
                                "the keyring. %s"), error->message);
      add_toast (self, text);
      return;
    }

  add_toast (self, _("Account removed"));
}

static void
on_remove_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       DaPreferencesWindow *self)
{
  DaApplication *app = get_app (self);
  const char *server = g_object_get_data (G_OBJECT (dialog), "da-server");

  if (g_strcmp0 (response, "remove") != 0 || app == NULL || server == NULL)
    return;

  da_application_remove_account_async (app, server, self->cancellable, remove_cb,
                                       g_object_ref (self));
}

static void
on_remove_clicked_cb (GtkButton           *button,
                      DaPreferencesWindow *self)
{
  const char *server = g_object_get_data (G_OBJECT (button), "da-server");
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->accounts == NULL || server == NULL)
    return;

  name = da_accounts_dup_display_name (self->accounts, server);
  if (g_strcmp0 (server, current_server (self)) == 0)
    /* Translators: %s is an account's name */
    body = g_strdup_printf (_("The API key of “%s” will be removed from this computer’s keyring, "
                              "and you will be signed out of it."), name);
  else
    /* Translators: %s is an account's name */
    body = g_strdup_printf (_("The API key of “%s” will be removed from this computer’s "
                              "keyring."), name);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Account?"), body);
  gtk_widget_set_name (dialog, "remove-account-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "da-server", g_strdup (server), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_label_apply_cb (AdwEntryRow         *row,
                   DaPreferencesWindow *self)
{
  const char *server = g_object_get_data (G_OBJECT (row), "da-server");

  if (self->accounts == NULL || server == NULL)
    return;

  da_accounts_set_label (self->accounts, server, gtk_editable_get_text (GTK_EDITABLE (row)));
  add_toast (self, _("Account renamed"));
}

static GtkWidget *
create_account_row (DaPreferencesWindow *self,
                    const char          *server,
                    gboolean             current)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *label = da_accounts_get_label (self->accounts, server);
  g_autofree char *host = da_accounts_dup_host (server);
  g_autofree char *title = NULL;
  g_autofree char *remove_name = NULL;

  if (current)
    /* Translators: an account's row in Preferences; %s is a host, e.g. "api.devin.ai (shown)" */
    title = g_strdup_printf (_("Name of %s (shown)"), host);
  else
    /* Translators: an account's row in Preferences; %s is a host */
    title = g_strdup_printf (_("Name of %s"), host);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), label != NULL ? label : "");
  gtk_widget_set_tooltip_text (row, server);
  g_object_set_data_full (G_OBJECT (row), "da-server", g_strdup (server), g_free);
  g_object_set_data (G_OBJECT (row), "da-current", GINT_TO_POINTER (current));
  g_signal_connect_object (row, "apply", G_CALLBACK (on_label_apply_cb), self, 0);

  /* Translators: a button's tooltip and name; %s is an account's host */
  remove_name = g_strdup_printf (_("Remove the Account of %s"), host);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_widget_add_css_class (remove, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (remove), "da-server", g_strdup (server), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  return row;
}

static void
on_add_account_activated_cb (DaPreferencesWindow *self)
{
  DaApplication *app = get_app (self);

  if (app == NULL)
    return;

  /* The key entry is in the main window. */
  gtk_window_close (GTK_WINDOW (self));
  da_application_add_account (app);
}

/* The rows stay when only names changed, so that the focus stays where it is. */
static gboolean
update_labels_only (DaPreferencesWindow *self,
                    const char * const  *servers,
                    const char          *current)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list));

  for (guint i = 0; servers[i] != NULL; i++, child = gtk_widget_get_next_sibling (child))
    if (!ADW_IS_ENTRY_ROW (child) ||
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "da-server"), servers[i]) != 0 ||
        GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "da-current")) !=
          (g_strcmp0 (servers[i], current) == 0))
      return FALSE;
  if (ADW_IS_ENTRY_ROW (child))
    return FALSE;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list));
       ADW_IS_ENTRY_ROW (child);
       child = gtk_widget_get_next_sibling (child))
    {
      const char *label = da_accounts_get_label (self->accounts,
                                                 g_object_get_data (G_OBJECT (child),
                                                                    "da-server"));

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (child)), label != NULL ? label : "") &&
          !gtk_widget_has_focus (child) && gtk_widget_get_focus_child (child) == NULL)
        gtk_editable_set_text (GTK_EDITABLE (child), label != NULL ? label : "");
    }

  return TRUE;
}

static void
update_accounts (DaPreferencesWindow *self)
{
  DaApplication *app = get_app (self);
  g_auto(GStrv) servers = NULL;
  const char *current = current_server (self);
  GtkWidget *child;
  GtkWidget *add_row;
  GtkWidget *add_icon;

  if (self->accounts != NULL)
    {
      servers = da_accounts_dup_servers (self->accounts);
      if (update_labels_only (self, (const char * const *) servers, current))
        return;
      g_clear_pointer (&servers, g_strfreev);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);

  gtk_widget_set_visible (self->accounts_group,
                          app != NULL && self->accounts != NULL && !da_application_get_demo (app));
  if (self->accounts == NULL)
    return;

  servers = da_accounts_dup_servers (self->accounts);
  for (guint i = 0; servers[i] != NULL; i++)
    gtk_list_box_append (self->accounts_list,
                         create_account_row (self, servers[i], g_strcmp0 (servers[i], current) == 0));

  add_row = adw_action_row_new ();
  gtk_widget_set_name (add_row, "add-account-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("_Add Account…"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (add_row), TRUE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), TRUE);
  gtk_widget_set_sensitive (add_row, current != NULL);
  add_icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (add_row), add_icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Account…"),
                                  -1);
  g_signal_connect_object (add_row, "activated", G_CALLBACK (on_add_account_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->accounts_list, add_row);
}

static void
on_context_changed_cb (DaPreferencesWindow *self)
{
  update_accounts (self);
  update_enterprise_limit (self);
}

/* The application (set with gtk_window_set_application ()) has the accounts and the enterprise
 * shown. */
static void
on_application_changed_cb (DaPreferencesWindow *self)
{
  DaApplication *app = get_app (self);

  if (self->settings == NULL)
    return; /* being destroyed */

  if (self->accounts != NULL)
    g_clear_signal_handler (&self->accounts_handler, self->accounts);
  g_clear_object (&self->accounts);

  if (app != NULL && da_application_get_accounts (app) != NULL)
    {
      self->accounts = g_object_ref (da_application_get_accounts (app));
      self->accounts_handler = g_signal_connect_object (self->accounts, "changed",
                                                        G_CALLBACK (update_accounts), self,
                                                        G_CONNECT_SWAPPED);
      if (self->context_handler == 0)
        self->context_handler = g_signal_connect_object (app, "notify::context",
                                                         G_CALLBACK (on_context_changed_cb), self,
                                                         G_CONNECT_SWAPPED);
    }

  on_context_changed_cb (self);
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
da_preferences_window_dispose (GObject *object)
{
  DaPreferencesWindow *self = (DaPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_PREFERENCES_WINDOW);
  if (self->accounts != NULL)
    g_clear_signal_handler (&self->accounts_handler, self->accounts);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (da_preferences_window_parent_class)->dispose (object);
}

static void
da_preferences_window_finalize (GObject *object)
{
  DaPreferencesWindow *self = (DaPreferencesWindow *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (da_preferences_window_parent_class)->finalize (object);
}

static void
da_preferences_window_class_init (DaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_preferences_window_dispose;
  object_class->finalize = da_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, server_error_label);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, enterprise_limit_row);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, enterprise_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, background_row);
  gtk_widget_class_bind_template_child (widget_class, DaPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_enterprise_limit_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
da_preferences_window_init (DaPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed_cb), NULL);
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

  g_settings_bind (settings, "notifications-enabled", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "acu-warning-threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "refresh-interval", self->interval_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, seconds_to_minutes, minutes_to_seconds,
                                NULL, NULL);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* Without notifications there is nothing to warn about nor to stay for. */
  g_object_bind_property (self->notifications_switch, "active", self->threshold_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->notifications_switch, "active", self->interval_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->notifications_switch, "active", self->background_row,
                          "sensitive", G_BINDING_SYNC_CREATE);

  on_application_changed_cb (self);

  return GTK_WIDGET (self);
}

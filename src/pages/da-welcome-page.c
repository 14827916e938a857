/* da-welcome-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-welcome-page.h"

struct _DaWelcomePage
{
  GtkWidget            parent_instance;

  /* Owned */
  SoupSession         *session;
  DaKeyStore          *key_store;
  GCancellable        *cancellable;
  /* The client whose key was checked, while it is being stored. */
  DaClient            *checked_client;
  char                *checked_key;
  /* What Retry does: store the checked key again, or check again. */
  gboolean             retry_store;
  gboolean             busy;

  /* Template widgets */
  GtkImage            *app_icon;
  GtkWidget           *message_box;
  GtkLabel            *message_label;
  GtkWidget           *retry_button;
  GtkWidget           *session_only_button;
  AdwPasswordEntryRow *key_row;
  AdwExpanderRow      *server_expander;
  AdwEntryRow         *server_row;
  AdwEntryRow         *label_row;
  GtkWidget           *sign_in_button;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (DaWelcomePage, da_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_KEY_STORE,
  PROP_SERVER_URL,
  PROP_MESSAGE,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
wipe_key (char **key)
{
  if (*key != NULL)
    {
      explicit_bzero (*key, strlen (*key));
      g_clear_pointer (key, g_free);
    }
}

static char *
dup_key_text (DaWelcomePage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
}

static void
update_sensitivity (DaWelcomePage *self)
{
  g_autofree char *key = dup_key_text (self);

  gtk_widget_set_sensitive (self->sign_in_button, !self->busy && *key != '\0');
  gtk_widget_set_sensitive (self->retry_button, !self->busy);
  gtk_widget_set_sensitive (self->session_only_button, !self->busy);
  explicit_bzero (key, strlen (key));
}

static void
set_busy (DaWelcomePage *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

/* Says what went wrong, with the actions that can follow; NULL @text hides it. */
static void
show_message (DaWelcomePage *self,
              const char    *text,
              gboolean       offer_retry,
              gboolean       offer_session_only)
{
  gtk_widget_set_visible (self->message_box, text != NULL);
  if (text == NULL)
    return;

  gtk_label_set_label (self->message_label, text);
  gtk_widget_set_visible (self->retry_button, offer_retry);
  gtk_widget_set_visible (self->session_only_button, offer_session_only);
  gtk_widget_set_visible (gtk_widget_get_parent (self->retry_button),
                          offer_retry || offer_session_only);
}

static void
hide_message (DaWelcomePage *self)
{
  show_message (self, NULL, FALSE, FALSE);
}

static void
update_server_subtitle (DaWelcomePage *self)
{
  const char *url = da_welcome_page_get_server_url (self);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  adw_expander_row_set_subtitle (self->server_expander, host != NULL ? host : url);
}

static void
finish_sign_in (DaWelcomePage *self,
                gboolean       stored)
{
  g_autoptr(DaClient) client = g_steal_pointer (&self->checked_client);

  wipe_key (&self->checked_key);
  set_busy (self, FALSE);
  hide_message (self);
  /* The key lives in the client (and the keyring) now, not in the form. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");

  g_signal_emit (self, signals [SIGNED_IN], 0, client, stored);
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), "");
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DaWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!da_key_store_store_finish (DA_KEY_STORE (object), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      self->retry_store = TRUE;
      /* Translators: %s says why the keyring could not be used */
      text = g_strdup_printf (_("The key works, but it could not be saved in the keyring. %s"),
                              error->message);
      show_message (self, text, TRUE, TRUE);
      gtk_widget_grab_focus (self->session_only_button);
      return;
    }

  finish_sign_in (self, TRUE);
}

static void
store_checked_key (DaWelcomePage *self)
{
  g_assert (self->checked_client != NULL);
  g_assert (self->checked_key != NULL);

  if (self->key_store == NULL)
    {
      finish_sign_in (self, FALSE);
      return;
    }

  set_busy (self, TRUE);
  da_key_store_store_async (self->key_store,
                            da_client_get_base_url (self->checked_client),
                            self->checked_key,
                            self->cancellable,
                            store_cb,
                            g_object_ref (self));
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DaWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *text;
  gboolean offer_retry = FALSE;

  if (da_pager_load_next_finish (DA_PAGER (object), result, &error))
    {
      store_checked_key (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  g_clear_object (&self->checked_client);
  wipe_key (&self->checked_key);
  self->retry_store = FALSE;

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    text = _("This key was rejected. Check that you copied the whole key and that it has not "
             "been revoked.");
  else if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_FORBIDDEN))
    text = _("This key works, but its owner is not an Enterprise Admin. Sign in with the API key "
             "of an Enterprise Admin.");
  else
    {
      /* Network, server, unreadable answers: the client's message says what happened. */
      text = error->message;
      offer_retry = TRUE;
    }

  show_message (self, text, offer_retry, FALSE);
  if (offer_retry)
    gtk_widget_grab_focus (self->retry_button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
on_sign_in_clicked_cb (DaWelcomePage *self)
{
  da_welcome_page_sign_in (self);
}

static void
on_key_activated_cb (DaWelcomePage *self)
{
  if (gtk_widget_get_sensitive (self->sign_in_button))
    da_welcome_page_sign_in (self);
}

static void
on_key_changed_cb (DaWelcomePage *self)
{
  update_sensitivity (self);
}

static void
on_server_changed_cb (DaWelcomePage *self)
{
  update_server_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SERVER_URL]);
}

static void
on_retry_clicked_cb (DaWelcomePage *self)
{
  if (self->retry_store && self->checked_client != NULL)
    store_checked_key (self);
  else
    da_welcome_page_sign_in (self);
}

static void
on_session_only_clicked_cb (DaWelcomePage *self)
{
  if (self->checked_client == NULL)
    return;

  finish_sign_in (self, FALSE);
}

static gboolean
da_welcome_page_grab_focus (GtkWidget *widget)
{
  DaWelcomePage *self = DA_WELCOME_PAGE (widget);

  /* The key is what to type first. */
  return gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
da_welcome_page_dispose (GObject *object)
{
  DaWelcomePage *self = (DaWelcomePage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_WELCOME_PAGE);
  /* Children the template made but did not bind are ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->checked_client);
  wipe_key (&self->checked_key);

  G_OBJECT_CLASS (da_welcome_page_parent_class)->dispose (object);
}

static void
da_welcome_page_finalize (GObject *object)
{
  DaWelcomePage *self = (DaWelcomePage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->key_store);

  G_OBJECT_CLASS (da_welcome_page_parent_class)->finalize (object);
}

static void
da_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DaWelcomePage *self = DA_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_KEY_STORE:
      g_value_set_object (value, self->key_store);
      break;

    case PROP_SERVER_URL:
      g_value_set_string (value, da_welcome_page_get_server_url (self));
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, gtk_widget_get_visible (self->message_box)
                                   ? gtk_label_get_label (self->message_label) : NULL);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DaWelcomePage *self = DA_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_KEY_STORE:
      self->key_store = g_value_dup_object (value);
      break;

    case PROP_SERVER_URL:
      da_welcome_page_set_server_url (self, g_value_get_string (value));
      break;

    case PROP_MESSAGE:
      da_welcome_page_set_message (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_welcome_page_class_init (DaWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_welcome_page_dispose;
  object_class->finalize = da_welcome_page_finalize;
  object_class->get_property = da_welcome_page_get_property;
  object_class->set_property = da_welcome_page_set_property;

  widget_class->grab_focus = da_welcome_page_grab_focus;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_KEY_STORE] =
    g_param_spec_object ("key-store", NULL, NULL,
                         DA_TYPE_KEY_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, DA_TYPE_CLIENT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, app_icon);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, message_box);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, session_only_button);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, key_row);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, server_expander);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, server_row);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, label_row);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, DaWelcomePage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_session_only_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_welcome_page_init (DaWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_image_set_from_icon_name (self->app_icon, APP_ID);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), DA_DEFAULT_BASE_URL);
  update_server_subtitle (self);
}

GtkWidget *
da_welcome_page_new (SoupSession *session,
                     DaKeyStore  *key_store)
{
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (!key_store || DA_IS_KEY_STORE (key_store), NULL);

  return g_object_new (DA_TYPE_WELCOME_PAGE,
                       "session", session,
                       "key-store", key_store,
                       NULL);
}

const char *
da_welcome_page_get_server_url (DaWelcomePage *self)
{
  const char *text;

  g_return_val_if_fail (DA_IS_WELCOME_PAGE (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  return *text != '\0' ? text : DA_DEFAULT_BASE_URL;
}

void
da_welcome_page_set_server_url (DaWelcomePage *self,
                                const char    *server_url)
{
  g_return_if_fail (DA_IS_WELCOME_PAGE (self));

  if (server_url == NULL || *server_url == '\0')
    server_url = DA_DEFAULT_BASE_URL;

  /* "changed" notifies */
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url);
}

void
da_welcome_page_set_message (DaWelcomePage *self,
                             const char    *message)
{
  g_return_if_fail (DA_IS_WELCOME_PAGE (self));

  /* Such a message says what went wrong before: a rejected key, an unusable keyring. */
  show_message (self, message, FALSE, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MESSAGE]);
}

gboolean
da_welcome_page_get_busy (DaWelcomePage *self)
{
  g_return_val_if_fail (DA_IS_WELCOME_PAGE (self), FALSE);

  return self->busy;
}

void
da_welcome_page_sign_in (DaWelcomePage *self)
{
  g_autoptr(DaClient) client = NULL;
  g_autoptr(DaPager) pager = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  char *key;

  g_return_if_fail (DA_IS_WELCOME_PAGE (self));

  if (self->busy)
    return;

  key = dup_key_text (self);
  if (*key == '\0')
    {
      g_free (key);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  url = g_strstrip (g_strdup (da_welcome_page_get_server_url (self)));
  client = da_client_new (url, self->session, &error);
  if (client == NULL)
    {
      wipe_key (&key);
      show_message (self, error->message, FALSE, FALSE);
      adw_expander_row_set_expanded (self->server_expander, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }

  g_clear_object (&self->checked_client);
  wipe_key (&self->checked_key);
  da_client_set_api_key (client, key);
  self->checked_key = key;
  self->checked_client = g_object_ref (client);
  self->retry_store = FALSE;

  hide_message (self);
  set_busy (self, TRUE);

  /* One cheap request: one member. It needs an Enterprise Admin's key, like everything else. */
  pager = da_client_list_members (client, NULL);
  da_pager_set_page_size (pager, 1);
  da_pager_load_next_async (pager, self->cancellable, check_cb, g_object_ref (self));
}

void
da_welcome_page_set_server_expanded (DaWelcomePage *self,
                                     gboolean       expanded)
{
  g_return_if_fail (DA_IS_WELCOME_PAGE (self));

  adw_expander_row_set_expanded (self->server_expander, expanded);
}

const char *
da_welcome_page_get_account_label (DaWelcomePage *self)
{
  const char *text;

  g_return_val_if_fail (DA_IS_WELCOME_PAGE (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->label_row));
  while (g_ascii_isspace (*text))
    text++;
  return text;
}

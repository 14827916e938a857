/* da-application.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "da-application.h"
#include "da-mock-server.h"
#include "da-preferences-window.h"
#include "da-window.h"

/* How many members the demo enterprise has. */
/* The demo enterprise: a thousand people, half a year of sessions and audit events. */
#define DEMO_MEMBERS 1000
#define DEMO_SESSIONS 1500
#define DEMO_AUDIT_EVENTS 4000

struct _DaApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  SoupSession    *session;
  DaKeyStore     *key_store;       /* NULL in demo mode */
  GSettings      *settings;        /* NULL when the schema is not installed */
  DaMockServer   *mock_server;     /* demo mode only */
  DaContext      *context;         /* while signed in */
  GCancellable   *cancellable;
  char           *server_override; /* --server */
  char           *settings_server; /* the "server-url" setting, as last read */
  char           *welcome_message;
  gulong          unauthorized_handler;

  DaAppState      state;
  gboolean        demo;
  gboolean        key_stored;      /* the key in use is in the keyring */
  gboolean        started;
};

G_DEFINE_FINAL_TYPE (DaApplication, da_application, ADW_TYPE_APPLICATION)

G_DEFINE_ENUM_TYPE (DaAppState, da_app_state,
                    G_DEFINE_ENUM_VALUE (DA_APP_STATE_STARTING, "starting"),
                    G_DEFINE_ENUM_VALUE (DA_APP_STATE_WELCOME, "welcome"),
                    G_DEFINE_ENUM_VALUE (DA_APP_STATE_SIGNED_IN, "signed-in"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_CONTEXT,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void on_unauthorized_cb (DaApplication *self,
                                GError        *error);

/* ---- states ---------------------------------------------------------------------------- */

static void
set_state (DaApplication *self,
           DaAppState     state)
{
  g_autofree char *name = NULL;

  if (self->state == state)
    return;

  name = g_enum_to_string (DA_TYPE_APP_STATE, state);
  g_debug ("Sign-in state: %s", name);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void
set_context (DaApplication *self,
             DaContext     *context)
{
  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_clear_signal_handler (&self->unauthorized_handler,
                              da_context_get_client (self->context));
      da_context_forget (self->context);
    }

  g_set_object (&self->context, context);

  if (context != NULL)
    self->unauthorized_handler =
      g_signal_connect_object (da_context_get_client (context), "unauthorized",
                               G_CALLBACK (on_unauthorized_cb), self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTEXT]);
}

static void
set_welcome_message (DaApplication *self,
                     const char    *message)
{
  g_free (self->welcome_message);
  self->welcome_message = g_strdup (message);
}

static void
go_welcome (DaApplication *self,
            const char    *message)
{
  set_welcome_message (self, message);
  /* The state first: the window drops the pages before the context goes. */
  set_state (self, DA_APP_STATE_WELCOME);
  set_context (self, NULL);
}

/* Offline: what the pages load is kept on disk for when the server cannot be reached; not for
 * the demo, whose server lives only as long as the app. */
static void
keep_cached_data (DaApplication *self,
                  DaClient      *client)
{
  g_autoptr(DaResponseCache) cache = NULL;

  if (self->demo || da_client_get_response_cache (client) != NULL)
    return;

  cache = da_response_cache_new_for_server (da_client_get_base_url (client));
  da_client_set_response_cache (client, cache);
}

/* Signing out, or a key the server rejected: what was loaded with it goes too. */
static void
forget_cached_data (DaApplication *self)
{
  DaClient *client = self->context != NULL ? da_context_get_client (self->context) : NULL;
  g_autoptr(DaResponseCache) cache = NULL;

  if (client == NULL || da_client_get_response_cache (client) == NULL)
    return;

  cache = g_object_ref (da_client_get_response_cache (client));
  da_client_set_response_cache (client, NULL);
  da_response_cache_clear_async (cache, NULL, NULL, NULL);
}

static void
go_signed_in (DaApplication *self,
              DaClient      *client)
{
  g_autoptr(DaContext) context = NULL;

  keep_cached_data (self, client);
  context = da_context_new (client, self->settings, self->demo);
  if (self->demo)
    da_context_set_account_label (context, _("Demo"));

  set_welcome_message (self, NULL);
  set_context (self, context);
  set_state (self, DA_APP_STATE_SIGNED_IN);
}

static void
on_unauthorized_cb (DaApplication *self,
                    GError        *error)
{
  g_autofree char *message = NULL;

  if (self->state != DA_APP_STATE_SIGNED_IN || self->context == NULL)
    return;

  message = g_strdup_printf (_("The server %s rejected the API key: it may have been revoked. "
                               "Enter a current Enterprise Admin key to continue."),
                             da_client_get_host (da_context_get_client (self->context)));
  forget_cached_data (self);
  go_welcome (self, message);
}

static void
start_demo (DaApplication *self)
{
  DaMockOptions options;
  g_autoptr(DaClient) client = NULL;
  g_autoptr(GError) error = NULL;

  da_mock_options_init (&options);
  options.members = DEMO_MEMBERS;
  options.sessions = DEMO_SESSIONS;
  options.audit_events = DEMO_AUDIT_EVENTS;
  self->mock_server = da_mock_server_new (&options);
  da_mock_options_clear (&options);

  if (!da_mock_server_start (self->mock_server, 0, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a technical reason */
      message = g_strdup_printf (_("The demo’s local server could not start: %s"),
                                 error->message);
      go_welcome (self, message);
      return;
    }

  client = da_client_new (da_mock_server_get_base_url (self->mock_server), self->session, &error);
  if (client == NULL)
    {
      go_welcome (self, error->message);
      return;
    }

  da_client_set_api_key (client, da_mock_server_get_admin_key (self->mock_server));
  go_signed_in (self, client);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DaApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaClient) client = NULL;
  char *key;

  key = da_key_store_lookup_finish (DA_KEY_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s explains why the keyring could not be used */
      message = g_strdup_printf (_("Your saved key could not be read. %s You can still sign in "
                                   "for this session."), error->message);
      go_welcome (self, message);
      return;
    }

  if (key == NULL)
    {
      go_welcome (self, NULL);
      return;
    }

  client = da_client_new (da_application_get_server_url (self), self->session, &error);
  if (client == NULL)
    {
      da_key_store_free_key (key);
      go_welcome (self, error->message);
      return;
    }

  da_client_set_api_key (client, key);
  da_key_store_free_key (key);
  self->key_stored = TRUE;
  go_signed_in (self, client);
}

static void
begin (DaApplication *self)
{
  if (self->started)
    return;
  self->started = TRUE;

  if (self->demo)
    {
      start_demo (self);
      return;
    }

  /* The window shows at once, with a spinner, while the keyring answers. */
  set_state (self, DA_APP_STATE_STARTING);
  da_key_store_lookup_async (self->key_store, da_application_get_server_url (self),
                             self->cancellable, lookup_cb, g_object_ref (self));
}

/* ---- actions --------------------------------------------------------------------------- */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  DaApplication *self = user_data;
  static const char *developers[] = { "The Devin Admin authors", NULL };
  g_autofree char *debug_info = da_application_dup_version_info ();
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Devin Admin"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Devin Admin authors"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/devinadmin/devin-admin",
                        "issue-url", "https://github.com/devinadmin/devin-admin/issues",
                        "copyright", "© 2026 The Devin Admin authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "debug-info", debug_info,
                        "debug-info-filename", "devin-admin-debug-info.txt",
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  DaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  preferences = da_preferences_window_new (self->settings, self->session);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* ---- GApplication ---------------------------------------------------------------------- */

static int
da_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  DaApplication *self = DA_APPLICATION (application);
  const char *server = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_autofree char *info = da_application_dup_version_info ();

      g_print ("%s", info);
      return 0;
    }

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DaClient) client = da_client_new (server, self->session, &error);

      if (client == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      da_application_set_server_url (self, server);
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      da_application_set_demo (self, TRUE);
      /* A demo runs beside a real session of the app rather than handing over to it. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (da_application_parent_class)->handle_local_options (application,
                                                                                 options);
}

static void
da_application_startup (GApplication *application)
{
  DaApplication *self = DA_APPLICATION (application);
  static const GActionEntry actions[] = {
    { "quit", quit_action },
    { "about", about_action },
    { "preferences", preferences_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (da_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID_BASE);
  else
    g_warning ("The settings schema %s is not installed: settings will not be kept", APP_ID_BASE);

  if (!self->demo)
    self->key_store = da_key_store_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "preferences")),
                               self->settings != NULL);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}

static void
da_application_activate (GApplication *application)
{
  DaApplication *self = DA_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (da_window_new (self));

  gtk_window_present (window);
  begin (self);
}

static void
da_application_shutdown (GApplication *application)
{
  DaApplication *self = DA_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  set_context (self, NULL);
  if (self->mock_server != NULL)
    da_mock_server_stop (self->mock_server);

  G_APPLICATION_CLASS (da_application_parent_class)->shutdown (application);
}

static void
da_application_dispose (GObject *object)
{
  DaApplication *self = (DaApplication *)object;

  g_cancellable_cancel (self->cancellable);
  set_context (self, NULL);
  g_clear_object (&self->mock_server);
  g_clear_object (&self->key_store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (da_application_parent_class)->dispose (object);
}

static void
da_application_finalize (GObject *object)
{
  DaApplication *self = (DaApplication *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server_override, g_free);
  g_clear_pointer (&self->settings_server, g_free);
  g_clear_pointer (&self->welcome_message, g_free);

  G_OBJECT_CLASS (da_application_parent_class)->finalize (object);
}

static void
da_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DaApplication *self = DA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_application_class_init (DaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = da_application_dispose;
  object_class->finalize = da_application_finalize;
  object_class->get_property = da_application_get_property;

  app_class->handle_local_options = da_application_handle_local_options;
  app_class->startup = da_application_startup;
  app_class->activate = da_application_activate;
  app_class->shutdown = da_application_shutdown;

  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       DA_TYPE_APP_STATE,
                       DA_APP_STATE_STARTING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         DA_TYPE_CONTEXT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_application_init (DaApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Try the app with made-up data from a local server; nothing is stored"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use the Devin Enterprise API at URL (https, or http on this computer)"), N_("URL") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the versions of the app and of its libraries"), NULL },
    { NULL }
  };

  self->state = DA_APP_STATE_STARTING;
  self->cancellable = g_cancellable_new ();
  /* The one session of the app: every request goes through it. The trailing space lets
   * libsoup append its own token to the user agent. */
  self->session = soup_session_new_with_options ("timeout", 15,
                                                 "user-agent", "DevinAdmin/" PACKAGE_VERSION " ",
                                                 NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Run a Devin Enterprise: its members, "
                                              "organizations and usage."));
}

/* ---- public API ------------------------------------------------------------------------ */

DaApplication *
da_application_new (void)
{
  return g_object_new (DA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

void
da_application_set_demo (DaApplication *self,
                         gboolean       demo)
{
  g_return_if_fail (DA_IS_APPLICATION (self));
  g_return_if_fail (!self->started);

  demo = !!demo;
  if (self->demo == demo)
    return;

  self->demo = demo;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEMO]);
}

void
da_application_set_server_url (DaApplication *self,
                               const char    *server_url)
{
  g_return_if_fail (DA_IS_APPLICATION (self));

  g_free (self->server_override);
  self->server_override = g_strdup (server_url);
}

gboolean
da_application_get_demo (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), FALSE);

  return self->demo;
}

DaAppState
da_application_get_state (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), DA_APP_STATE_STARTING);

  return self->state;
}

DaContext *
da_application_get_context (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->context;
}

const char *
da_application_get_server_url (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  if (self->server_override != NULL)
    return self->server_override;

  if (self->settings != NULL)
    {
      g_free (self->settings_server);
      self->settings_server = g_settings_get_string (self->settings, "server-url");
      if (*self->settings_server != '\0')
        return self->settings_server;
    }

  return DA_DEFAULT_BASE_URL;
}

SoupSession *
da_application_get_session (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->session;
}

DaKeyStore *
da_application_get_key_store (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->key_store;
}

GSettings *
da_application_get_settings (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->settings;
}

const char *
da_application_get_welcome_message (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->welcome_message;
}

void
da_application_signed_in (DaApplication *self,
                          DaClient      *client,
                          gboolean       stored)
{
  g_return_if_fail (DA_IS_APPLICATION (self));
  g_return_if_fail (DA_IS_CLIENT (client));

  /* The address typed on the key entry is the one to use next time, unless --server chose it
   * for this run only. */
  if (self->settings != NULL && !self->demo && self->server_override == NULL)
    g_settings_set_string (self->settings, "server-url", da_client_get_base_url (client));

  g_debug ("Signed in to %s (%s)", da_client_get_host (client),
           stored ? "key stored" : "key for this session only");
  self->key_stored = stored;
  go_signed_in (self, client);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DaApplication *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  da_key_store_clear_finish (DA_KEY_STORE (object), result, &error);

  /* Signed out whatever the keyring said. */
  self->key_stored = FALSE;
  go_welcome (self, NULL);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
da_application_sign_out_async (DaApplication       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DA_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_application_sign_out_async);
  forget_cached_data (self);

  if (self->context == NULL || self->key_store == NULL || !self->key_stored)
    {
      /* Demo mode, a key for this session only, or not signed in: nothing is in the
       * keyring. */
      go_welcome (self, NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The key is removed before the state changes, so that a new key entered right after
   * cannot be removed by this. */
  da_key_store_clear_async (self->key_store, da_context_get_server (self->context), NULL,
                            clear_cb, g_steal_pointer (&task));
}

gboolean
da_application_sign_out_finish (DaApplication  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
da_application_dup_version_info (void)
{
  return g_strdup_printf ("Devin Admin %s (%s)\n"
                          "GTK %u.%u.%u (built against %d.%d.%d)\n"
                          "libadwaita %u.%u.%u (built against %d.%d.%d)\n"
                          "libsoup %u.%u.%u (built against %d.%d.%d)\n"
                          "GLib %u.%u.%u\n",
                          PACKAGE_VERSION, APP_ID,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          GTK_MAJOR_VERSION, GTK_MINOR_VERSION, GTK_MICRO_VERSION,
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version (),
                          ADW_MAJOR_VERSION, ADW_MINOR_VERSION, ADW_MICRO_VERSION,
                          soup_get_major_version (), soup_get_minor_version (),
                          soup_get_micro_version (),
                          SOUP_MAJOR_VERSION, SOUP_MINOR_VERSION, SOUP_MICRO_VERSION,
                          glib_major_version, glib_minor_version, glib_micro_version);
}

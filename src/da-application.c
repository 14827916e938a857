/* da-application.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <stdio.h>
#include <string.h>

#include "da-application.h"
#include "da-mock-server.h"
#include "da-pages.h"
#include "da-preferences-window.h"
#include "da-window.h"

/* How many members the demo enterprise has. */
#define DEMO_MEMBERS 1000

struct _DaApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  SoupSession    *session;
  DaKeyStore     *key_store;       /* NULL in demo mode */
  GSettings      *settings;        /* NULL when the schema is not installed */
  DaAccounts     *accounts;
  DaNotifier     *notifier;
  DaMockServer   *mock_server;     /* demo mode only */
  DaContext      *context;         /* while signed in */
  GCancellable   *cancellable;
  GCancellable   *lookup_cancellable;
  char           *server_override; /* --server, or an account chosen in a run started so */
  char           *settings_server; /* the "server-url" setting, as last read */
  char           *welcome_message;
  char           *welcome_server;  /* what the key entry proposes when adding an account */
  gulong          unauthorized_handler;

  /* While an account is being added: the one to go back to. */
  DaClient       *previous_client;
  gboolean        previous_stored;

  /* What a notification asked to show once its account is signed in. */
  char           *pending_server;
  char           *pending_page;
  char           *pending_org;

  DaAppState      state;
  gboolean        demo;
  char           *start_page;      /* --page: the page shown first, or NULL */
  gboolean        key_stored;      /* the key in use is in the keyring */
  gboolean        started;
  gboolean        adding_account;
  gboolean        rejecting;       /* a rejected key is being removed */
  gboolean        held;            /* g_application_hold () for the background */
  guint           icon_source;     /* sets the windows' icon once the first frame is out */
  GtkIconPaintable *spinner_icon;  /* see preload_icons() */
  gboolean        tls_started;     /* see prepare_tls() */
  gboolean        tls_loaded;
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
  PROP_ADDING_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void on_unauthorized_cb (DaApplication *self,
                                GError        *error);
static void begin_lookup       (DaApplication *self,
                                const char    *server);

/* ---- the background -------------------------------------------------------------------- */

/* Holds the application while it should keep checking with no window: the person allowed it,
 * notifications are on, and an enterprise is signed in (not the demo). */
static void
update_background_hold (DaApplication *self)
{
  gboolean want = self->settings != NULL &&
                  g_settings_get_boolean (self->settings, "run-in-background") &&
                  g_settings_get_boolean (self->settings, "notifications-enabled") &&
                  self->state == DA_APP_STATE_SIGNED_IN &&
                  self->context != NULL &&
                  !da_context_get_demo (self->context);

  if (want == self->held)
    return;

  self->held = want;
  if (want)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* ---- states ---------------------------------------------------------------------------- */

static void
update_account_label (DaApplication *self)
{
  if (self->context == NULL)
    return;

  if (da_context_get_demo (self->context))
    da_context_set_account_label (self->context, _("Demo"));
  else if (self->accounts != NULL)
    da_context_set_account_label (self->context,
                                  da_accounts_get_label (self->accounts,
                                                         da_context_get_server (self->context)));
}

static void
update_account_state (DaApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "account");
  const char *server = self->context != NULL ? da_context_get_server (self->context) : "";

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (server));
}

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
  update_background_hold (self);
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

  update_account_label (self);
  update_account_state (self);
  if (self->notifier != NULL)
    da_notifier_set_context (self->notifier,
                             context != NULL && !da_context_get_demo (context) ? context : NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTEXT]);
  update_background_hold (self);
}

static void
set_welcome_message (DaApplication *self,
                     const char    *message)
{
  g_free (self->welcome_message);
  self->welcome_message = g_strdup (message);
}

static void
set_adding_account (DaApplication *self,
                    gboolean       adding)
{
  if (!adding)
    {
      g_clear_object (&self->previous_client);
      g_clear_pointer (&self->welcome_server, g_free);
    }

  if (self->adding_account == adding)
    return;

  self->adding_account = adding;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ADDING_ACCOUNT]);
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

/* The window for what a notification asks to show, made if the app runs in the background. */
static DaWindow *
ensure_window (DaApplication *self)
{
  GtkWindow *window = NULL;

  /* The main window, though Preferences or a dialog may be the active one. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DA_IS_WINDOW (l->data))
      {
        window = l->data;
        break;
      }

  if (window == NULL)
    window = GTK_WINDOW (da_window_new (self));

  gtk_window_present (window);
  return DA_WINDOW (window);
}

static void
show_pending (DaApplication *self)
{
  g_autofree char *page = g_steal_pointer (&self->pending_page);
  g_autofree char *org = g_steal_pointer (&self->pending_org);
  g_autofree char *server = g_steal_pointer (&self->pending_server);
  DaWindow *window;

  if (page == NULL || self->context == NULL ||
      g_strcmp0 (server, da_context_get_server (self->context)) != 0)
    return;

  window = ensure_window (self);
  if (org != NULL)
    da_window_show_organization (window, org);
  else
    da_window_show_page (window, page);
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

/* Signing out, a key the server rejected, a removed account: what was loaded from @server goes
 * too. NULL: the server shown. */
static void
forget_cached_data (DaApplication *self,
                    const char    *server)
{
  DaClient *client = self->context != NULL ? da_context_get_client (self->context) : NULL;
  g_autoptr(DaResponseCache) cache = NULL;

  if (client != NULL && (server == NULL || g_str_equal (server, da_client_get_base_url (client))))
    {
      if (da_client_get_response_cache (client) == NULL)
        return;
      cache = g_object_ref (da_client_get_response_cache (client));
      da_client_set_response_cache (client, NULL);
    }
  else if (server != NULL && !self->demo)
    cache = da_response_cache_new_for_server (server);
  else
    return;

  da_response_cache_clear_async (cache, NULL, NULL, NULL);
}

static void
go_signed_in (DaApplication *self,
              DaClient      *client)
{
  g_autoptr(DaContext) context = NULL;

  keep_cached_data (self, client);
  context = da_context_new (client, self->settings, self->demo);

  set_welcome_message (self, NULL);
  set_adding_account (self, FALSE);
  set_context (self, context);
  set_state (self, DA_APP_STATE_SIGNED_IN);
  show_pending (self);
}

typedef struct
{
  DaApplication *self;
  DaContext     *context;
} Rejection;

static void
rejection_free (Rejection *rejection)
{
  g_object_unref (rejection->self);
  g_object_unref (rejection->context);
  g_free (rejection);
}

static char *
dup_rejection_message (DaContext *context,
                       gboolean   removed)
{
  const char *host = da_client_get_host (da_context_get_client (context));

  if (removed)
    /* Translators: %s is a server's host name */
    return g_strdup_printf (_("The server %s rejected the API key: it may have been revoked. The "
                              "key was removed from the keyring; enter a current Enterprise Admin "
                              "key to continue."), host);

  /* Translators: %s is a server's host name */
  return g_strdup_printf (_("The server %s rejected the API key: it may have been revoked. "
                            "Enter a current Enterprise Admin key to continue."), host);
}

static void
clear_rejected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Rejection *rejection = user_data;
  DaApplication *self = rejection->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  self->rejecting = FALSE;
  if (da_key_store_clear_finish (DA_KEY_STORE (object), result, &error))
    {
      self->key_stored = FALSE;
      message = dup_rejection_message (rejection->context, TRUE);
    }
  else
    {
      g_debug ("The rejected key could not be removed: %s", error->message);
      message = dup_rejection_message (rejection->context, FALSE);
    }

  /* Unless the person signed out or switched meanwhile. */
  if (self->context == rejection->context && self->state == DA_APP_STATE_SIGNED_IN)
    go_welcome (self, message);

  rejection_free (rejection);
}

static void
on_unauthorized_cb (DaApplication *self,
                    GError        *error)
{
  g_autofree char *message = NULL;

  if (self->state != DA_APP_STATE_SIGNED_IN || self->context == NULL || self->rejecting)
    return;
  forget_cached_data (self, NULL);

  /* A key the server rejects will never work again: it leaves the keyring, so that the next
   * start asks for a key instead of trying it. The key entry opens once it is gone, so that a
   * new key typed at once cannot be removed by this. */
  if (self->key_stored && self->key_store != NULL)
    {
      Rejection *rejection = g_new0 (Rejection, 1);

      rejection->self = g_object_ref (self);
      rejection->context = g_object_ref (self->context);
      self->rejecting = TRUE;
      da_key_store_clear_async (self->key_store, da_context_get_server (self->context), NULL,
                                clear_rejected_cb, rejection);
      return;
    }

  message = dup_rejection_message (self->context, FALSE);
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

  /* The demo's session only ever reaches its server on loopback, where no proxy belongs: it
   * has no proxy resolver, which GLib would load (a module and the desktop's settings) before
   * the first page's data. */
  soup_session_set_proxy_resolver (self->session, NULL);
  client = da_client_new (da_mock_server_get_base_url (self->mock_server), self->session, &error);
  if (client == NULL)
    {
      go_welcome (self, error->message);
      return;
    }

  da_client_set_api_key (client, da_mock_server_get_admin_key (self->mock_server));
  go_signed_in (self, client);
}

typedef struct
{
  DaApplication *self;
  char          *server;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->self);
  g_free (lookup->server);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  DaApplication *self = lookup->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaClient) client = NULL;
  char *key;

  key = da_key_store_lookup_finish (DA_KEY_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      da_key_store_free_key (key);
      return;
    }

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
      g_autofree char *message = NULL;

      /* An account chosen from the menu says why it asks; a first start needs no reason. */
      if (self->accounts != NULL && da_accounts_contains (self->accounts, lookup->server))
        {
          g_autofree char *name = da_accounts_dup_display_name (self->accounts, lookup->server);

          /* Translators: %s is an account's name or a server's host */
          message = g_strdup_printf (_("No API key is saved for %s. Enter an Enterprise Admin key "
                                       "to sign in."), name);
        }
      go_welcome (self, message);
      return;
    }

  client = da_client_new (lookup->server, self->session, &error);
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
begin_lookup (DaApplication *self,
              const char    *server)
{
  Lookup *lookup;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();

  lookup = g_new0 (Lookup, 1);
  lookup->self = g_object_ref (self);
  lookup->server = g_strdup (server);

  /* The window shows a spinner while the keyring answers. */
  set_state (self, DA_APP_STATE_STARTING);
  da_key_store_lookup_async (self->key_store, server, self->lookup_cancellable, lookup_cb, lookup);
}

/* Keys in the keyring that the list of accounts does not know become accounts. */
static void
list_servers_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DaApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) servers = NULL;

  servers = da_key_store_list_servers_finish (DA_KEY_STORE (object), result, &error);
  if (servers == NULL)
    {
      g_debug ("The keyring's servers could not be listed: %s", error->message);
      return;
    }

  da_accounts_merge (self->accounts, (const char * const *) servers);
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

  begin_lookup (self, da_application_get_server_url (self));
  da_key_store_list_servers_async (self->key_store, self->cancellable, list_servers_cb,
                                   g_object_ref (self));
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
                        "comments", _("Run a Devin Enterprise: its members, organizations, "
                                      "permissions, API keys, audit log, sessions and usage."),
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
  gtk_widget_set_name (about, "about-window");
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
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
account_change_state (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  da_application_switch_account (DA_APPLICATION (user_data), g_variant_get_string (value, NULL));
}

static void
add_account_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  da_application_add_account (DA_APPLICATION (user_data));
}

/* What a notification asks: show @page (and the organization @org_id) of the enterprise at
 * @server, switching to its account first when another one is shown. */
static void
show_for_server (DaApplication *self,
                 const char    *server,
                 const char    *page,
                 const char    *org_id)
{
  g_free (self->pending_server);
  g_free (self->pending_page);
  g_free (self->pending_org);
  self->pending_server = g_strdup (server);
  self->pending_page = g_strdup (page);
  self->pending_org = org_id != NULL && *org_id != '\0' ? g_strdup (org_id) : NULL;

  if (self->context != NULL && g_strcmp0 (server, da_context_get_server (self->context)) == 0 &&
      self->state == DA_APP_STATE_SIGNED_IN)
    {
      show_pending (self);
      return;
    }

  ensure_window (self);
  if (!self->demo && self->accounts != NULL && da_accounts_contains (self->accounts, server))
    {
      /* Shown once signed in to it. */
      da_application_switch_account (self, server);
      return;
    }

  /* An account forgotten since: nothing to show it in. */
  g_clear_pointer (&self->pending_server, g_free);
  g_clear_pointer (&self->pending_page, g_free);
  g_clear_pointer (&self->pending_org, g_free);
}

static void
show_organization_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  const char *server, *org_id;

  g_variant_get (param, "(&s&s)", &server, &org_id);
  show_for_server (DA_APPLICATION (user_data), server, "organizations", org_id);
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  const char *server, *page;

  g_variant_get (param, "(&s&s)", &server, &page);
  show_for_server (DA_APPLICATION (user_data), server, page, NULL);
}

static void
on_settings_changed_cb (DaApplication *self,
                        const char    *key)
{
  if (g_strcmp0 (key, "run-in-background") == 0 || g_strcmp0 (key, "notifications-enabled") == 0)
    update_background_hold (self);
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

  if (g_variant_dict_lookup (options, "page", "s", &self->start_page))
    {
      /* Checked against the table of pages when the window opens on it. */
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
set_accels (DaApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } shortcuts[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.refresh", { "<Control>r", "F5", NULL } },
    { "win.focus-search", { "<Control>f", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.export", { "<Control>e", NULL } },
  };
  const DaPageEntry *pages;
  guint n_pages;

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), shortcuts[i].action,
                                           shortcuts[i].accels);

  /* Alt+1 … Alt+9: the pages in the sidebar's order. */
  pages = da_pages_get_all (&n_pages);
  for (guint i = 0; i < n_pages && i < 9; i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-page::%s", pages[i].id);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), action, accels);
    }
}

/* The windows' icon is for X11 window managers (on Wayland it comes from the desktop file): GTK
 * renders the SVG at six sizes for it when a window is realized, and no frame of the window
 * shows it. So it is set a second after start-up, once the first frames are out, rather than
 * before the first one. */
static gboolean
set_default_icon_cb (gpointer user_data)
{
  DaApplication *self = user_data;

  self->icon_source = 0;
  gtk_window_set_default_icon_name (APP_ID);
  return G_SOURCE_REMOVE;
}

/* The busy spinner of the header bar (a GtkSpinner) draws process-working-symbolic, which
 * Adwaita has only as an SVG: loading librsvg and drawing the SVG took the first frame of a list
 * page several milliseconds of the main thread. GTK keeps an icon by its name, size, scale and
 * lookup flags, and GtkSpinner asks with no flags, so GTK_ICON_LOOKUP_PRELOAD (a flag) would
 * load another copy. So the spinner's own icon is looked up and drawn once into a snapshot in a
 * worker thread (an icon theme set up on the main thread may be used from another, and drawing
 * an icon touches no display); the application keeps it, so GTK keeps it, and the spinner's
 * first frame finds it drawn. The lookup is in the worker thread too: it waits there for the
 * theme, which GTK reads in a thread of its own from the moment it is made (some 8 ms), while
 * the main thread builds the window. */
#define SPINNER_ICON      "process-working-symbolic"
#define SPINNER_ICON_SIZE 16

typedef struct
{
  GtkIconTheme *theme;
  int           scale;
} IconLookup;

static void
icon_lookup_free (IconLookup *lookup)
{
  g_object_unref (lookup->theme);
  g_free (lookup);
}

static void
draw_icon_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  /* The colours do not matter: the texture is what is kept. */
  static const GdkRGBA colors[4] = {
    { 0, 0, 0, 1 }, { 1, 0, 0, 1 }, { 1, 0.5, 0, 1 }, { 0, 0.5, 0, 1 },
  };
  IconLookup *lookup = task_data;
  GtkIconPaintable *icon;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  icon = gtk_icon_theme_lookup_icon (lookup->theme, SPINNER_ICON, NULL, SPINNER_ICON_SIZE,
                                     lookup->scale, GTK_TEXT_DIR_NONE, 0);
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon),
                                            GDK_SNAPSHOT (snapshot), SPINNER_ICON_SIZE,
                                            SPINNER_ICON_SIZE, colors, G_N_ELEMENTS (colors));
  node = gtk_snapshot_free_to_node (snapshot);
  g_task_return_pointer (task, icon, g_object_unref);
}

static void
on_icon_drawn_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DaApplication *self = DA_APPLICATION (object);

  g_clear_object (&self->spinner_icon);
  self->spinner_icon = g_task_propagate_pointer (G_TASK (result), NULL);
}

static void
preload_icons (DaApplication *self)
{
  GdkDisplay *display = gdk_display_get_default ();
  GListModel *monitors;
  g_autoptr(GTask) task = NULL;
  IconLookup *lookup;
  int scale = 1;

  if (display == NULL)
    return;

  /* The scale of the window to come is not known yet: the largest of the screens'. */
  monitors = gdk_display_get_monitors (display);
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      scale = MAX (scale, gdk_monitor_get_scale_factor (monitor));
    }

  lookup = g_new0 (IconLookup, 1);
  lookup->theme = g_object_ref (gtk_icon_theme_get_for_display (display));
  lookup->scale = scale;
  task = g_task_new (self, NULL, on_icon_drawn_cb, NULL);
  g_task_set_source_tag (task, preload_icons);
  g_task_set_task_data (task, lookup, (GDestroyNotify) icon_lookup_free);
  g_task_run_in_thread (task, draw_icon_thread);
}

GtkIconPaintable *
_da_application_get_spinner_icon (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->spinner_icon;
}

/* The first https:// request loads GLib's TLS backend and the system's trusted certificates
 * (some 15 to 20 ms on a desktop), on the thread that makes the connection: the main one,
 * between the keyring's answer and the first page. GLib loads the backend once under a lock,
 * glib-networking the certificates under its own, and both are kept for the process: so a
 * worker thread loads them at start-up, while the window is built and the keyring answers.
 * The demo, on http://, needs neither. */
static void
prepare_tls_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GTlsBackend *backend = g_tls_backend_get_default ();
  g_autoptr(GTlsDatabase) database = NULL;

  if (g_tls_backend_supports_tls (backend))
    database = g_tls_backend_get_default_database (backend);

  g_task_return_boolean (task, database != NULL);
}

static void
on_tls_prepared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DaApplication *self = DA_APPLICATION (object);

  self->tls_loaded = g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
prepare_tls (DaApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->demo || !g_str_has_prefix (da_application_get_server_url (self), "https://"))
    return;

  self->tls_started = TRUE;
  task = g_task_new (self, NULL, on_tls_prepared_cb, NULL);
  g_task_set_source_tag (task, prepare_tls);
  g_task_run_in_thread (task, prepare_tls_thread);
}

void
_da_application_get_tls_prepared (DaApplication *self,
                                  gboolean      *started,
                                  gboolean      *loaded)
{
  g_return_if_fail (DA_IS_APPLICATION (self));

  *started = self->tls_started;
  *loaded = self->tls_loaded;
}

static void
da_application_startup (GApplication *application)
{
  DaApplication *self = DA_APPLICATION (application);
  static const GActionEntry actions[] = {
    { "quit", quit_action },
    { "about", about_action },
    { "preferences", preferences_action },
    { "account", NULL, "s", "''", account_change_state },
    { "add-account", add_account_action },
    { "show-organization", show_organization_action, "(ss)" },
    { "show-page", show_page_action, "(ss)" },
  };
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (da_application_parent_class)->startup (application);

  preload_icons (self);

  self->icon_source = g_timeout_add_full (G_PRIORITY_LOW, 1000, set_default_icon_cb, self, NULL);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID_BASE);
      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      g_warning ("The settings schema %s is not installed: settings will not be kept",
                 APP_ID_BASE);
    }

  prepare_tls (self);

  if (!self->demo)
    self->key_store = da_key_store_new ();

  /* The demo's accounts are not kept: it never writes the settings. */
  self->accounts = da_accounts_new (self->demo ? NULL : self->settings);
  g_signal_connect_object (self->accounts, "changed", G_CALLBACK (update_account_label), self,
                           G_CONNECT_SWAPPED);
  self->notifier = da_notifier_new (application, self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "preferences")),
                               self->settings != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "account")),
                               !self->demo);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "add-account")),
                               !self->demo);
  set_accels (self);
}

static void
da_application_activate (GApplication *application)
{
  DaApplication *self = DA_APPLICATION (application);

  ensure_window (self);
  begin (self);
}

static void
da_application_shutdown (GApplication *application)
{
  DaApplication *self = DA_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_handle_id (&self->icon_source, g_source_remove);
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
  g_cancellable_cancel (self->lookup_cancellable);
  if (self->notifier != NULL)
    da_notifier_set_context (self->notifier, NULL);
  set_context (self, NULL);
  g_clear_object (&self->notifier);
  g_clear_object (&self->accounts);
  g_clear_object (&self->mock_server);
  g_clear_object (&self->key_store);
  g_clear_object (&self->settings);
  g_clear_object (&self->previous_client);
  g_clear_object (&self->spinner_icon);

  G_OBJECT_CLASS (da_application_parent_class)->dispose (object);
}

static void
da_application_finalize (GObject *object)
{
  DaApplication *self = (DaApplication *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->server_override, g_free);
  g_clear_pointer (&self->start_page, g_free);
  g_clear_pointer (&self->settings_server, g_free);
  g_clear_pointer (&self->welcome_message, g_free);
  g_clear_pointer (&self->welcome_server, g_free);
  g_clear_pointer (&self->pending_server, g_free);
  g_clear_pointer (&self->pending_page, g_free);
  g_clear_pointer (&self->pending_org, g_free);

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

    case PROP_ADDING_ACCOUNT:
      g_value_set_boolean (value, self->adding_account);
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

  properties [PROP_ADDING_ACCOUNT] =
    g_param_spec_boolean ("adding-account", NULL, NULL,
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
    { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open on the page ID (overview, members, audit-log, …)"), N_("ID") },
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use the Devin Enterprise API at URL (https, or http on this computer)"), N_("URL") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the versions of the app and of its libraries"), NULL },
    { NULL }
  };

  self->state = DA_APP_STATE_STARTING;
  self->cancellable = g_cancellable_new ();
  /* The one session of the app: every request goes through it. */
  self->session = da_client_session_new ();

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

/* The page asked for with --page, or NULL. */
const char *
da_application_get_start_page (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->start_page;
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

const char *
da_application_get_welcome_server_url (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  if (self->welcome_server != NULL)
    return self->welcome_server;

  return da_application_get_server_url (self);
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

/* The server the app signs in to from now on: for this run only when --server chose the first
 * one, else for the next start too. */
static void
remember_server (DaApplication *self,
                 const char    *server)
{
  if (self->demo)
    return;

  if (self->server_override != NULL)
    da_application_set_server_url (self, server);
  else if (self->settings != NULL)
    g_settings_set_string (self->settings, "server-url", server);
}

void
da_application_signed_in (DaApplication *self,
                          DaClient      *client,
                          gboolean       stored)
{
  g_return_if_fail (DA_IS_APPLICATION (self));
  g_return_if_fail (DA_IS_CLIENT (client));

  /* The address typed on the key entry is the one to use next time (unless --server chose it
   * for this run only), and an account from now on. */
  remember_server (self, da_client_get_base_url (client));
  if (!self->demo && self->accounts != NULL)
    da_accounts_add (self->accounts, da_client_get_base_url (client), NULL);

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
  forget_cached_data (self, NULL);

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

DaAccounts *
da_application_get_accounts (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->accounts;
}

void
da_application_switch_account (DaApplication *self,
                               const char    *server)
{
  g_return_if_fail (DA_IS_APPLICATION (self));
  g_return_if_fail (server != NULL);

  if (self->demo || self->key_store == NULL || *server == '\0')
    return;

  if (self->context != NULL && g_str_equal (server, da_context_get_server (self->context)) &&
      self->state == DA_APP_STATE_SIGNED_IN)
    return;

  g_debug ("Switching to the account of %s", server);
  set_adding_account (self, FALSE);
  /* Chosen in the app: the one to show at the next start too, whatever --server said. */
  g_clear_pointer (&self->server_override, g_free);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "server-url", server);
  else
    da_application_set_server_url (self, server);
  begin_lookup (self, server);
}

void
da_application_add_account (DaApplication *self)
{
  g_return_if_fail (DA_IS_APPLICATION (self));

  if (self->demo || self->state != DA_APP_STATE_SIGNED_IN || self->context == NULL)
    return;

  /* The key entry proposes the usual server, unless it is an account already. */
  g_free (self->welcome_server);
  if (da_accounts_contains (self->accounts, DA_DEFAULT_BASE_URL))
    self->welcome_server = g_strdup ("https://");
  else
    self->welcome_server = g_strdup (DA_DEFAULT_BASE_URL);

  g_set_object (&self->previous_client, da_context_get_client (self->context));
  self->previous_stored = self->key_stored;
  self->adding_account = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ADDING_ACCOUNT]);

  go_welcome (self, NULL);
}

void
da_application_cancel_add_account (DaApplication *self)
{
  g_autoptr(DaClient) client = NULL;

  g_return_if_fail (DA_IS_APPLICATION (self));

  if (!self->adding_account || self->previous_client == NULL)
    return;

  client = g_object_ref (self->previous_client);
  self->key_stored = self->previous_stored;
  go_signed_in (self, client);
}

gboolean
da_application_get_adding_account (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), FALSE);

  return self->adding_account;
}

static void
remove_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DaApplication *self = g_task_get_source_object (task);
  const char *server = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  da_key_store_clear_finish (DA_KEY_STORE (object), result, &error);

  /* Removed whatever the keyring said. */
  da_accounts_remove (self->accounts, server);
  if (self->context != NULL && g_str_equal (server, da_context_get_server (self->context)))
    {
      self->key_stored = FALSE;
      go_welcome (self, NULL);
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
da_application_remove_account_async (DaApplication       *self,
                                     const char          *server,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DA_IS_APPLICATION (self));
  g_return_if_fail (server != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_application_remove_account_async);
  g_task_set_task_data (task, g_strdup (server), g_free);
  forget_cached_data (self, server);

  if (self->key_store == NULL || self->accounts == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  da_key_store_clear_async (self->key_store, server, NULL, remove_account_cb,
                            g_steal_pointer (&task));
}

gboolean
da_application_remove_account_finish (DaApplication  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

DaNotifier *
da_application_get_notifier (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), NULL);

  return self->notifier;
}

gboolean
da_application_get_in_background_hold (DaApplication *self)
{
  g_return_val_if_fail (DA_IS_APPLICATION (self), FALSE);

  return self->held;
}

char *
da_application_dup_version_info (void)
{
  g_autofree char *os = g_get_os_info (G_OS_INFO_KEY_PRETTY_NAME);

  return g_strdup_printf ("Devin Admin %s (%s)\n"
                          "GTK %u.%u.%u (built against %d.%d.%d)\n"
                          "libadwaita %u.%u.%u (built against %d.%d.%d)\n"
                          "libsoup %u.%u.%u (built against %d.%d.%d)\n"
                          "GLib %u.%u.%u (built against %d.%d.%d)\n"
                          "json-glib (built against %d.%d.%d)\n"
                          "libsecret (built against %d.%d.%d)\n"
                          "OS: %s\n",
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
                          glib_major_version, glib_minor_version, glib_micro_version,
                          GLIB_MAJOR_VERSION, GLIB_MINOR_VERSION, GLIB_MICRO_VERSION,
                          JSON_MAJOR_VERSION, JSON_MINOR_VERSION, JSON_MICRO_VERSION,
                          SECRET_MAJOR_VERSION, SECRET_MINOR_VERSION, SECRET_MICRO_VERSION,
                          os != NULL ? os : "unknown");
}

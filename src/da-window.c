/* da-window.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-menu-button.h"
#include "da-offline-banner.h"
#include "da-organizations-page.h"
#include "da-pages.h"
#include "da-welcome-page.h"
#include "da-window.h"

/* The toast shown while the client waits to retry. */
#define RETRY_TOAST_KEY "\x01retry"

struct _DaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  DaContext            *context;       /* of the pages shown */
  DaClient             *client;        /* whose retries are shown */
  gulong                retry_handler;
  gulong                label_handler; /* on the context's account label */
  char                 *pending_org;   /* to select once the Organizations page has loaded */
  GHashTable           *toasts;        /* key → AdwToast (borrowed; removed on dismissed) */
  GSignalGroup         *page_signals;  /* on the visible page */
  gboolean              drawn;         /* a frame showed the main stack's child shown */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GMenu                *primary_accounts_section;
  GMenu                *welcome_accounts_section;
  GtkWidget            *cancel_add_button;
  AdwWindowTitle       *welcome_title;
  GtkStack             *main_stack;
  GtkSpinner           *starting_spinner;
  AdwBin               *welcome_bin;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar_list;
  GtkWidget            *demo_label;
  GtkWidget            *content_box;
  GtkWidget            *primary_menu_button;
  AdwWindowTitle       *page_title;
  GtkSpinner           *busy_spinner;
  DaOfflineBanner      *offline_banner;
  GtkStack             *page_stack;
};

G_DEFINE_FINAL_TYPE (DaWindow, da_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_titles (DaWindow *self);

/* What no frame showed (the spinner of a start signed in before the first frame) is not faded
 * out: the new child shows at once, and no frame draws both. */
static void
show_main_child (DaWindow   *self,
                 const char *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), name) == 0)
    return;

  gtk_stack_set_visible_child_full (self->main_stack, name,
                                    self->drawn ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                : GTK_STACK_TRANSITION_TYPE_NONE);
  self->drawn = FALSE;
}

static DaApplication *
get_app (DaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return DA_IS_APPLICATION (app) ? DA_APPLICATION (app) : NULL;
}

static GSettings *
get_settings (DaWindow *self)
{
  DaApplication *app = get_app (self);

  return app != NULL ? da_application_get_settings (app) : NULL;
}

/* ---- toasts ---------------------------------------------------------------------------- */

static void
on_toast_dismissed_cb (AdwToast *toast,
                       DaWindow *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->toasts == NULL)
    return; /* the window is going */

  g_hash_table_iter_init (&iter, self->toasts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == toast)
      g_hash_table_iter_remove (&iter);
}

/* One toast per @key: while it shows, a new one with the same key only updates its title. */
static void
add_toast_with_key (DaWindow   *self,
                    const char *key,
                    const char *title,
                    guint       timeout)
{
  AdwToast *toast = g_hash_table_lookup (self->toasts, key);

  if (toast != NULL)
    {
      adw_toast_set_title (toast, title);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, timeout);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
  g_hash_table_insert (self->toasts, g_strdup (key), toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
da_window_add_toast (DaWindow   *self,
                     const char *title)
{
  g_return_if_fail (DA_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  add_toast_with_key (self, title, title, 5);
}

static void
on_retry_scheduled_cb (DaWindow *self,
                       guint     delay_ms,
                       GError   *reason)
{
  g_autofree char *title = NULL;
  guint seconds = (delay_ms + 999) / 1000;

  if (g_error_matches (reason, DA_CLIENT_ERROR, DA_CLIENT_ERROR_RATE_LIMITED))
    /* Translators: shown while the app waits for the server's rate limit; %u is seconds */
    title = g_strdup_printf (ngettext ("Rate limited, retrying in %u s",
                                       "Rate limited, retrying in %u s", seconds), seconds);
  else
    /* Translators: shown while the app waits to ask a busy server again; %u is seconds */
    title = g_strdup_printf (ngettext ("The server is busy, retrying in %u s",
                                       "The server is busy, retrying in %u s", seconds), seconds);

  add_toast_with_key (self, RETRY_TOAST_KEY, title, MAX (3, seconds + 1));
}

/* ---- pages ----------------------------------------------------------------------------- */

static const char *
page_id_of (GtkWidget *page)
{
  return g_object_get_data (G_OBJECT (page), "da-page-id");
}

/* The page with that ID if it has been created, without creating it. */
static DaPage *
lookup_page (DaWindow   *self,
             const char *page_id)
{
  GtkWidget *child;

  if (page_id == NULL)
    return NULL;

  child = gtk_stack_get_child_by_name (self->page_stack, page_id);
  return child != NULL ? DA_PAGE (child) : NULL;
}

/* Pages are created when first needed (shown, or asked for): the first frame after start-up
 * builds only the page it shows. */
DaPage *
da_window_get_page (DaWindow   *self,
                    const char *page_id)
{
  const DaPageEntry *entry;
  DaPage *page;
  GtkWidget *widget;

  g_return_val_if_fail (DA_IS_WINDOW (self), NULL);

  page = lookup_page (self, page_id);
  if (page != NULL || self->context == NULL)
    return page;

  entry = da_pages_lookup (page_id);
  if (entry == NULL)
    return NULL;

  widget = g_object_new (entry->get_type (), "context", self->context, NULL);
  g_object_set_data_full (G_OBJECT (widget), "da-page-id", g_strdup (entry->id), g_free);
  /* The first page added becomes the visible one, which selects its row. */
  gtk_stack_add_named (self->page_stack, widget, entry->id);
  return DA_PAGE (widget);
}

DaPage *
da_window_get_visible_page (DaWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (DA_IS_WINDOW (self), NULL);

  child = gtk_stack_get_visible_child (self->page_stack);
  return child != NULL ? DA_PAGE (child) : NULL;
}

const char *
da_window_get_visible_page_id (DaWindow *self)
{
  DaPage *page = da_window_get_visible_page (self);

  return page != NULL ? page_id_of (GTK_WIDGET (page)) : NULL;
}

static void
update_page_actions (DaWindow *self)
{
  DaPage *page = da_window_get_visible_page (self);
  gboolean signed_in = self->context != NULL;
  gboolean busy = page != NULL && da_page_get_busy (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", page != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-search",
                                 page != NULL && da_page_get_can_search (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new",
                                 page != NULL && da_page_get_can_new (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 page != NULL && da_page_get_can_export (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 signed_in && !da_context_get_demo (self->context));

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  adw_window_title_set_title (self->page_title, page != NULL ? da_page_get_title (page) : "");
}

static void
select_sidebar_row (DaWindow   *self,
                    const char *page_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (page_id_of (row), page_id) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

static void
on_visible_page_changed_cb (DaWindow *self)
{
  DaPage *page = da_window_get_visible_page (self);
  const char *id = da_window_get_visible_page_id (self);
  GSettings *settings = get_settings (self);

  g_signal_group_set_target (self->page_signals, page);

  if (id != NULL)
    {
      select_sidebar_row (self, id);
      if (settings != NULL && self->context != NULL && !da_context_get_demo (self->context))
        g_settings_set_string (settings, "last-page", id);
    }

  update_page_actions (self);
}

gboolean
da_window_show_page (DaWindow   *self,
                     const char *page_id)
{
  DaPage *page;

  g_return_val_if_fail (DA_IS_WINDOW (self), FALSE);

  page = da_window_get_page (self, page_id);
  if (page == NULL)
    return FALSE;

  gtk_stack_set_visible_child (self->page_stack, GTK_WIDGET (page));
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  return TRUE;
}

/* From the table alone: the page itself is created when first shown. */
static GtkWidget *
create_sidebar_row (const DaPageEntry *entry)
{
  const char *title = _(entry->title);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (entry->icon_name);
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *name = g_strconcat ("sidebar-", entry->id, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);
  g_object_set_data_full (G_OBJECT (row), "da-page-id", g_strdup (entry->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
remove_pages (DaWindow *self)
{
  GtkWidget *child;

  g_signal_group_set_target (self->page_signals, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack))) != NULL)
    gtk_stack_remove (self->page_stack, child);
}

/* The sidebar's rows; the pages come when first needed (da_window_get_page()). */
static void
add_sidebar_rows (DaWindow *self)
{
  const DaPageEntry *entries;
  guint n_entries;

  entries = da_pages_get_all (&n_entries);
  for (guint i = 0; i < n_entries; i++)
    gtk_list_box_append (self->sidebar_list, create_sidebar_row (&entries[i]));
}

static void
on_sidebar_row_activated_cb (DaWindow      *self,
                             GtkListBoxRow *row)
{
  da_window_show_page (self, page_id_of (GTK_WIDGET (row)));
}

/* Selecting a row (the keyboard in a wide window, a screen reader's selection) shows its page
 * too. */
static void
on_sidebar_row_selected_cb (DaWindow      *self,
                            GtkListBoxRow *row)
{
  DaPage *page;

  if (row == NULL || adw_leaflet_get_folded (self->leaflet))
    return;

  page = da_window_get_page (self, page_id_of (GTK_WIDGET (row)));
  if (page != NULL)
    gtk_stack_set_visible_child (self->page_stack, GTK_WIDGET (page));
}

/* In the sidebar, the arrows go from page to page; Tab leaves it for the page's side of the window
 * (rather than going through every row first), Shift+Tab for its header. */
static gboolean
on_sidebar_key_pressed_cb (DaWindow        *self,
                           guint            keyval,
                           guint            keycode,
                           GdkModifierType  state)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (keyval == GDK_KEY_ISO_Left_Tab || (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK)))
    return gtk_widget_grab_focus (self->primary_menu_button);

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    return !adw_leaflet_get_folded (self->leaflet) &&
           gtk_widget_child_focus (self->content_box, GTK_DIR_TAB_FORWARD);

  return FALSE;
}

static void
on_back_clicked_cb (DaWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_leaflet_folded_cb (DaWindow *self)
{
  /* Folded, the sidebar is a list to pick from, not a highlighted selection. */
  gtk_list_box_set_selection_mode (self->sidebar_list,
                                   adw_leaflet_get_folded (self->leaflet)
                                     ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  if (!adw_leaflet_get_folded (self->leaflet))
    select_sidebar_row (self, da_window_get_visible_page_id (self));
  update_titles (self);
}

/* ---- accounts -------------------------------------------------------------------------- */

/* A menu label shows underscores as they are, not as mnemonics. */
static char *
escape_mnemonic (const char *text)
{
  g_autoptr(GString) escaped = g_string_new (text);

  g_string_replace (escaped, "_", "__", 0);
  return g_string_free (g_steal_pointer (&escaped), FALSE);
}

static void
update_accounts_menu (DaWindow *self)
{
  DaApplication *app = get_app (self);
  DaAccounts *accounts = app != NULL ? da_application_get_accounts (app) : NULL;
  g_auto(GStrv) servers = accounts != NULL ? da_accounts_dup_servers (accounts) : NULL;
  gboolean demo = app != NULL && da_application_get_demo (app);

  g_menu_remove_all (self->primary_accounts_section);
  g_menu_remove_all (self->welcome_accounts_section);
  if (demo)
    return;

  for (guint i = 0; servers != NULL && servers[i] != NULL; i++)
    {
      g_autofree char *name = da_accounts_dup_display_name (accounts, servers[i]);
      g_autofree char *label = escape_mnemonic (name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      /* A radio item: the account shown is checked. */
      g_menu_item_set_action_and_target_value (item, "app.account",
                                               g_variant_new_string (servers[i]));
      g_menu_append_item (self->primary_accounts_section, item);
      g_menu_append_item (self->welcome_accounts_section, item);
    }

  g_menu_append (self->primary_accounts_section, _("_Add Account…"), "app.add-account");
}

static void
select_pending_org (DaWindow *self)
{
  /* Not created for this: a pending organization was asked for on the page, which made it. */
  DaPage *page = lookup_page (self, "organizations");
  g_autofree char *org_id = NULL;

  if (self->pending_org == NULL || page == NULL || da_page_get_busy (page))
    return;

  org_id = g_steal_pointer (&self->pending_org);
  if (!da_organizations_page_select (DA_ORGANIZATIONS_PAGE (page), org_id))
    da_window_add_toast (self, _("That organization no longer exists"));
}

void
da_window_show_organization (DaWindow   *self,
                             const char *org_id)
{
  DaPage *page;

  g_return_if_fail (DA_IS_WINDOW (self));
  g_return_if_fail (org_id != NULL);

  if (!da_window_show_page (self, "organizations"))
    return;

  page = da_window_get_page (self, "organizations");
  g_clear_pointer (&self->pending_org, g_free);
  if (da_organizations_page_select (DA_ORGANIZATIONS_PAGE (page), org_id))
    return;

  /* Not listed yet (the page has not loaded, or the organization is newer than the list):
   * selected once the page has loaded. */
  self->pending_org = g_strdup (org_id);
  if (!da_page_get_busy (page))
    da_page_refresh (page);
}

static void
on_page_busy_changed_cb (DaWindow *self)
{
  update_page_actions (self);
  select_pending_org (self);
}

static void
on_cancel_add_clicked_cb (DaWindow *self)
{
  DaApplication *app = get_app (self);

  if (app != NULL)
    da_application_cancel_add_account (app);
}

/* ---- following the application --------------------------------------------------------- */

static void
set_client (DaWindow *self,
            DaClient *client)
{
  if (self->client == client)
    return;

  if (self->client != NULL)
    g_clear_signal_handler (&self->retry_handler, self->client);
  g_set_object (&self->client, client);
  da_offline_banner_set_client (self->offline_banner, client);
  if (client != NULL)
    self->retry_handler = g_signal_connect_object (client, "retry-scheduled",
                                                   G_CALLBACK (on_retry_scheduled_cb), self,
                                                   G_CONNECT_SWAPPED);
}

static void
update_titles (DaWindow *self)
{
  g_autofree char *title = NULL;
  const char *label = self->context != NULL ? da_context_get_account_label (self->context) : NULL;

  adw_window_title_set_subtitle (self->sidebar_title, label);
  /* Folded, the page's header is the only one shown: it says which account too. */
  adw_window_title_set_subtitle (self->page_title,
                                 adw_leaflet_get_folded (self->leaflet) ? label : NULL);
  gtk_widget_set_visible (self->demo_label,
                          self->context != NULL && da_context_get_demo (self->context));

  {
    DaApplication *app = get_app (self);
    gboolean adding = app != NULL && da_application_get_adding_account (app);

    gtk_widget_set_visible (self->cancel_add_button, adding);
    adw_window_title_set_title (self->welcome_title,
                                adding ? _("Add Account") : _("Devin Admin"));
  }

  if (label != NULL)
    /* Translators: the window title, e.g. "Devin Admin — api.devin.ai" */
    title = g_strdup_printf (_("Devin Admin — %s"), label);
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Devin Admin"));
}

static void
on_welcome_signed_in_cb (DaWindow      *self,
                         DaClient      *client,
                         gboolean       stored,
                         DaWelcomePage *welcome)
{
  DaApplication *app = get_app (self);
  g_autofree char *label = NULL;

  if (app == NULL)
    return;

  label = g_strdup (da_welcome_page_get_account_label (welcome));
  da_application_signed_in (app, client, stored);
  if (label != NULL && *label != '\0' && da_application_get_accounts (app) != NULL)
    da_accounts_set_label (da_application_get_accounts (app), da_client_get_base_url (client),
                           label);
}

static void
show_welcome (DaWindow      *self,
              DaApplication *app)
{
  DaWelcomePage *welcome = DA_WELCOME_PAGE (adw_bin_get_child (self->welcome_bin));

  if (welcome == NULL)
    {
      welcome = DA_WELCOME_PAGE (da_welcome_page_new (da_application_get_session (app),
                                                      da_application_get_key_store (app)));
      g_signal_connect_object (welcome, "signed-in", G_CALLBACK (on_welcome_signed_in_cb), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->welcome_bin, GTK_WIDGET (welcome));
    }

  da_welcome_page_set_server_url (welcome, da_application_get_welcome_server_url (app));
  da_welcome_page_set_message (welcome, da_application_get_welcome_message (app));
  /* Another account's address is what to fill in first. */
  da_welcome_page_set_server_expanded (welcome, da_application_get_adding_account (app));
  show_main_child (self, "welcome");
  gtk_widget_grab_focus (GTK_WIDGET (welcome));
}

/* The focus on the visible page's row of the sidebar, where a keyboard user starts. */
static void
focus_sidebar (DaWindow *self)
{
  const char *id = da_window_get_visible_page_id (self);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (page_id_of (row), id) == 0)
      {
        gtk_widget_grab_focus (row);
        return;
      }
}

static void
set_context (DaWindow  *self,
             DaContext *context)
{
  if (self->context == context)
    return;

  if (self->context != NULL)
    g_clear_signal_handler (&self->label_handler, self->context);
  g_set_object (&self->context, context);
  if (context != NULL)
    self->label_handler = g_signal_connect_object (context, "notify::account-label",
                                                   G_CALLBACK (update_titles), self,
                                                   G_CONNECT_SWAPPED);
}

static void
show_signed_in (DaWindow  *self,
                DaContext *context)
{
  DaApplication *app = get_app (self);
  GSettings *settings = get_settings (self);
  g_autofree char *last_page = NULL;

  if (self->context != context)
    {
      remove_pages (self);
      g_clear_pointer (&self->pending_org, g_free);
      set_context (self, context);
      add_sidebar_rows (self);
    }
  set_client (self, da_context_get_client (context));

  if (settings != NULL && !da_context_get_demo (context))
    last_page = g_settings_get_string (settings, "last-page");
  /* The page asked for on the command line comes first, then the one shown last time. */
  if (!da_window_show_page (self, app != NULL ? da_application_get_start_page (app) : NULL) &&
      !da_window_show_page (self, last_page))
    da_window_show_page (self, "overview");

  /* The pages first, with the focus in the sidebar (the key entry had it); then the welcome
   * page is not needed any more: its next use starts afresh. */
  show_main_child (self, "main");
  focus_sidebar (self);
  adw_bin_set_child (self->welcome_bin, NULL);
}

static void
on_app_state_changed_cb (DaWindow *self)
{
  DaApplication *app = get_app (self);
  DaAppState state = app != NULL ? da_application_get_state (app) : DA_APP_STATE_STARTING;


  gtk_spinner_set_spinning (self->starting_spinner, state == DA_APP_STATE_STARTING);

  switch (state)
    {
    case DA_APP_STATE_STARTING:
      show_main_child (self, "starting");
      break;

    case DA_APP_STATE_WELCOME:
      /* Forget what was loaded: the pages go with the context. */
      remove_pages (self);
      g_clear_pointer (&self->pending_org, g_free);
      set_context (self, NULL);
      set_client (self, NULL);
      show_welcome (self, app);
      break;

    case DA_APP_STATE_SIGNED_IN:
      show_signed_in (self, da_application_get_context (app));
      break;

    default:
      g_assert_not_reached ();
    }

  update_titles (self);
  update_page_actions (self);
}

/* ---- actions --------------------------------------------------------------------------- */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DaPage *page = da_window_get_visible_page (DA_WINDOW (widget));

  if (page != NULL)
    da_page_refresh (page);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DaPage *page = da_window_get_visible_page (DA_WINDOW (widget));

  if (page != NULL)
    da_page_focus_search (page);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DaPage *page = da_window_get_visible_page (DA_WINDOW (widget));

  if (page != NULL)
    da_page_activate_new (page);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DaPage *page = da_window_get_visible_page (DA_WINDOW (widget));

  if (page != NULL)
    da_page_export (page);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  const char *id = g_variant_get_string (param, NULL);

  if (!da_window_show_page (DA_WINDOW (widget), id))
    g_debug ("No page called “%s”", id);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  da_window_add_toast (DA_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!da_application_sign_out_finish (DA_APPLICATION (object), result, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why the keyring could not be used */
      text = g_strdup_printf (_("Signed out, but the key could not be removed from the keyring. %s"),
                              error->message);
      da_window_add_toast (self, text);
    }
}

static void
on_sign_out_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         DaWindow         *self)
{
  DaApplication *app = get_app (self);

  if (g_strcmp0 (response, "sign-out") != 0 || app == NULL)
    return;

  da_application_sign_out_async (app, NULL, sign_out_cb, g_object_ref (self));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DaWindow *self = DA_WINDOW (widget);
  const char *host;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->context == NULL)
    return;

  host = da_client_get_host (da_context_get_client (self->context));
  body = g_strdup_printf (_("The API key for %s will be removed from this computer’s keyring. "
                            "To sign in again you will need an Enterprise Admin API key."),
                          host);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"), body);
  gtk_widget_set_name (dialog, "sign-out-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
da_window_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  DaWindow *self = DA_WINDOW (widget);

  self->drawn = TRUE;
  GTK_WIDGET_CLASS (da_window_parent_class)->snapshot (widget, snapshot);
}

static gboolean
da_window_close_request (GtkWindow *window)
{
  DaWindow *self = DA_WINDOW (window);
  GSettings *settings = get_settings (self);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (da_window_parent_class)->close_request (window);
}

/* Once the window has its application (which GObject sets after construction). */
static void
follow_application (DaWindow *self)
{
  DaApplication *app = get_app (self);
  GSettings *settings = get_settings (self);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  if (app != NULL)
    {
      g_signal_connect_object (app, "notify::state", G_CALLBACK (on_app_state_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (app, "notify::adding-account", G_CALLBACK (update_titles), self,
                               G_CONNECT_SWAPPED);
      if (da_application_get_accounts (app) != NULL)
        g_signal_connect_object (da_application_get_accounts (app), "changed",
                                 G_CALLBACK (update_accounts_menu), self, G_CONNECT_SWAPPED);
    }
  update_accounts_menu (self);
  on_app_state_changed_cb (self);
}

/* The Keyboard Shortcuts window, built when first asked for: GtkApplication would build it with
 * every window, for a start that rarely shows it. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  /* As GtkApplication would set it: modal over the window, its entries showing the
   * application's accelerators. */
  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/devinadmin/DevinAdmin/da-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (
        window, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }

  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

static void
da_window_dispose (GObject *object)
{
  DaWindow *self = (DaWindow *)object;

  set_client (self, NULL);
  set_context (self, NULL);
  if (self->page_signals != NULL)
    g_signal_group_set_target (self->page_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_WINDOW);
  g_clear_pointer (&self->pending_org, g_free);
  g_clear_object (&self->page_signals);
  g_clear_pointer (&self->toasts, g_hash_table_unref);

  G_OBJECT_CLASS (da_window_parent_class)->dispose (object);
}

static void
da_window_class_init (DaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = da_window_dispose;
  widget_class->snapshot = da_window_snapshot;
  window_class->close_request = da_window_close_request;

  g_type_ensure (DA_TYPE_OFFLINE_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/da-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, primary_accounts_section);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, welcome_accounts_section);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, cancel_add_button);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, welcome_title);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, starting_spinner);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, welcome_bin);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, primary_menu_button);
  /* Found with gtk_widget_get_template_child () when the window is made. */
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, offline_banner);
  gtk_widget_class_bind_template_child (widget_class, DaWindow, page_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_add_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_action);

  /* The shortcuts are the application's (da-application.c), so that the Keyboard Shortcuts
   * window and gtk_application_get_accels_for_action () know them. */
}

static void
da_window_init (DaWindow *self)
{
  self->toasts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The visible page's state shows in the header and enables the page actions. */
  self->page_signals = g_signal_group_new (GTK_TYPE_WIDGET);
  g_signal_group_connect_swapped (self->page_signals, "notify::busy",
                                  G_CALLBACK (on_page_busy_changed_cb), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::title",
                                  G_CALLBACK (update_page_actions), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::can-search",
                                  G_CALLBACK (update_page_actions), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::can-new",
                                  G_CALLBACK (update_page_actions), self);
  g_signal_group_connect_swapped (self->page_signals, "notify::can-export",
                                  G_CALLBACK (update_page_actions), self);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The menus are made when first opened. */
  da_menu_button_set_menu_model_later (
    GTK_MENU_BUTTON (self->primary_menu_button),
    G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), DA_TYPE_WINDOW, "primary_menu")));
  da_menu_button_set_menu_model_later (
    GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), DA_TYPE_WINDOW,
                                                    "welcome_menu_button")),
    G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), DA_TYPE_WINDOW, "welcome_menu")));

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_sidebar_key_pressed_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), keys);
  }

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

DaWindow *
da_window_new (DaApplication *application)
{
  DaWindow *self;

  g_return_val_if_fail (DA_IS_APPLICATION (application), NULL);

  self = g_object_new (DA_TYPE_WINDOW,
                       "application", application,
                       NULL);
  follow_application (self);
  return self;
}

/* da-members-page-actions.c: inviting, changing roles, adding to organizations, removing
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-dialogs.h"
#include "da-format.h"
#include "da-invite-dialog.h"
#include "da-member-dialogs.h"
#include "da-members-page-private.h"

/* How many addresses a confirmation names before "and N more". */
#define NAMED_ADDRESSES 3

char *
_da_members_page_describe_failure (const char   *what,
                                   const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    return NULL;

  /* Translators: the first %s says what could not be done, the second why */
  return g_strdup_printf (_("%s %s"), what, error->message);
}

static const char *
display_name (DaMember *member)
{
  const char *name = da_member_get_name (member);

  return name != NULL && *name != '\0' ? name : da_member_get_email (member);
}

static GStrv
collect_user_ids (GPtrArray *members)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < members->len; i++)
    g_strv_builder_add (builder, da_member_get_user_id (g_ptr_array_index (members, i)));

  return g_strv_builder_end (builder);
}

static GPtrArray *
copy_members (GPtrArray *members)
{
  GPtrArray *copy = g_ptr_array_new_full (members->len, g_object_unref);

  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (members, i)));

  return copy;
}

static gboolean
details_shows_one_of (DaMembersPage *self,
                      GPtrArray     *members)
{
  for (guint i = 0; i < members->len; i++)
    if (_da_members_page_details_shows (self,
                                        da_member_get_user_id (g_ptr_array_index (members, i))))
      return TRUE;

  return FALSE;
}

/* An action under way: what it concerns, and the page for its callbacks. */
typedef struct
{
  DaMembersPage *self;
  GPtrArray     *members;       /* DaMember */
  char          *role_id;
  GStrv          org_ids;
  char          *org_role;
  guint          next;
  guint          pending;
  guint          n_done;
  guint          n_gone;
  GError        *error;         /* the first failure */
  gboolean       counted;       /* in self->actions_running */
} Action;

static Action *
action_new (DaMembersPage *self,
            GPtrArray     *members)
{
  Action *action = g_new0 (Action, 1);

  action->self = g_object_ref (self);
  action->members = copy_members (members);
  return action;
}

static void
action_begin (Action *action)
{
  action->counted = TRUE;
  action->self->actions_running++;
  _da_members_page_show_message (action->self, NULL);
  _da_members_page_update_busy (action->self);
}

static void
action_free (Action *action)
{
  if (action->counted)
    {
      action->self->actions_running--;
      _da_members_page_update_busy (action->self);
    }
  g_object_unref (action->self);
  g_ptr_array_unref (action->members);
  g_free (action->role_id);
  g_strfreev (action->org_ids);
  g_free (action->org_role);
  g_clear_error (&action->error);
  g_free (action);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Action, action_free)

static void
keep_first_error (Action *action,
                  GError *error)
{
  if (action->error == NULL)
    action->error = g_error_copy (error);
}

/* A member acted on no longer exists: say so, and reload so the row goes away. */
static void
report_gone (DaMembersPage *self,
             DaMember      *member)
{
  g_autofree char *text = NULL;

  /* Translators: %s is a person */
  text = g_strdup_printf (_("%s is no longer a member of the enterprise."),
                          member != NULL ? display_name (member) : _("This member"));
  _da_members_page_show_message (self, text);
  da_page_refresh (DA_PAGE (self));
}

/* ---- Inviting --------------------------------------------------------------------------- */

static void
on_invited_cb (DaMembersPage  *self,
               guint           n_invited,
               guint           n_already,
               DaInviteDialog *dialog)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("Invited %u person", "Invited %u people", n_invited),
                          n_invited);
  if (n_already > 0)
    {
      /* Translators: follows "Invited 3 people" */
      g_string_append (text, _("; "));
      g_string_append_printf (text, ngettext ("%u was already a member",
                                              "%u were already members", n_already),
                              n_already);
    }
  da_page_show_toast (DA_PAGE (self), text->str);

  if (n_invited > 0)
    da_page_refresh (DA_PAGE (self));
}

void
_da_members_page_open_invite (DaMembersPage *self,
                              const char    *text)
{
  g_autoptr(GHashTable) emails = _da_members_page_dup_member_emails (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  DaInviteDialog *dialog;

  dialog = da_invite_dialog_new (da_page_get_context (DA_PAGE (self)),
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, emails);
  if (text != NULL)
    da_invite_dialog_set_text (dialog, text);
  g_signal_connect_object (dialog, "invited", G_CALLBACK (on_invited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->action_cancellable, "cancelled",
                           G_CALLBACK (gtk_window_destroy), dialog, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The enterprise role ---------------------------------------------------------------- */

static void
role_change_done (Action *action)
{
  DaMembersPage *self = action->self;
  g_autofree char *text = NULL;
  const char *role_name = _da_members_page_role_name (self, action->role_id);

  if (self->details != NULL)
    da_member_details_set_role_busy (self->details, FALSE);

  if (action->error != NULL)
    {
      /* The server has the role, but the member could not be read again: reload them all. */
      da_page_refresh (DA_PAGE (self));
      return;
    }

  if (action->members->len == 1)
    /* Translators: the first %s is a person, the second a role */
    text = g_strdup_printf (_("%s is now %s"),
                            display_name (g_ptr_array_index (action->members, 0)), role_name);
  else
    /* Translators: %u is a count, %s a role */
    text = g_strdup_printf (ngettext ("%u member is now %s", "%u members are now %s",
                                      action->members->len),
                            action->members->len, role_name);
  da_page_show_toast (DA_PAGE (self), text);
}

static void
member_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Action *action = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = NULL;

  member = da_client_get_member_finish (DA_CLIENT (object), result, &error);
  if (g_cancellable_is_cancelled (action->self->action_cancellable))
    g_clear_object (&member);
  if (member != NULL)
    _da_members_page_replace_member (action->self, member);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    keep_first_error (action, error);

  if (--action->pending > 0)
    return;

  if (!g_cancellable_is_cancelled (action->self->action_cancellable))
    role_change_done (action);
  action_free (action);
}

static void
roles_updated_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autoptr(GError) error = NULL;
  DaMembersPage *self = action->self;

  if (!da_client_call_finish (DA_CLIENT (object), result, &error) ||
      g_cancellable_is_cancelled (self->action_cancellable))
    {
      g_autofree char *what = NULL;
      g_autofree char *text = NULL;

      if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The role shown goes back to what it was. */
      if (self->details != NULL)
        {
          DaMember *shown = da_member_details_get_member (self->details);

          da_member_details_set_role_busy (self->details, FALSE);
          if (shown != NULL)
            da_member_details_set_member (self->details, shown);
        }

      if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
        {
          report_gone (self, action->members->len == 1 ? g_ptr_array_index (action->members, 0)
                                                       : NULL);
          return;
        }

      if (action->members->len == 1)
        /* Translators: %s is a person */
        what = g_strdup_printf (_("The role of %s could not be changed."),
                                display_name (g_ptr_array_index (action->members, 0)));
      else
        what = g_strdup_printf (ngettext ("The role of %u member could not be changed.",
                                          "The role of %u members could not be changed.",
                                          action->members->len),
                                action->members->len);
      text = _da_members_page_describe_failure (what, error);
      if (text != NULL)
        {
          if (action->members->len == 1 && details_shows_one_of (self, action->members))
            da_member_details_show_message (self->details, text);
          else
            _da_members_page_show_message (self, text);
        }
      return;
    }

  if (action->members->len > DA_MEMBERS_REFETCH_MAX)
    {
      /* Many rows changed: a reload is cheaper than reading each. */
      role_change_done (action);
      da_page_refresh (DA_PAGE (self));
      return;
    }

  /* Read each member again: the rows show what the server now has. */
  action->pending = action->members->len;
  for (guint i = 0; i < action->members->len; i++)
    da_client_get_member_async (_da_members_page_get_client (self),
                                da_member_get_user_id (g_ptr_array_index (action->members, i)),
                                self->action_cancellable, member_fetched_cb, action);
  g_steal_pointer (&action);
}

void
_da_members_page_change_role (DaMembersPage *self,
                              GPtrArray     *members,
                              const char    *role_id)
{
  g_auto(GStrv) user_ids = collect_user_ids (members);
  Action *action = action_new (self, members);

  action->role_id = g_strdup (role_id);
  action_begin (action);
  if (details_shows_one_of (self, members))
    {
      da_member_details_show_message (self->details, NULL);
      da_member_details_set_role_busy (self->details, TRUE);
    }

  da_client_update_member_roles_async (_da_members_page_get_client (self),
                                       (const char * const *) user_ids, role_id,
                                       self->action_cancellable, roles_updated_cb, action);
}

static void
role_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autofree char *role_id = da_member_choose_role_finish (result);

  if (role_id != NULL)
    _da_members_page_change_role (action->self, action->members, role_id);
}

static void
ask_role_now (Action *action)
{
  DaMembersPage *self = action->self;
  GPtrArray *roles = da_context_get_roles (da_page_get_context (DA_PAGE (self)));
  g_autoptr(GPtrArray) account_roles = g_ptr_array_new ();
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *current = da_member_get_enterprise_role (g_ptr_array_index (action->members, 0));

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    if (da_role_is_enterprise_role (g_ptr_array_index (roles, i)))
      g_ptr_array_add (account_roles, g_ptr_array_index (roles, i));

  /* The role they share is the one offered first. */
  for (guint i = 1; i < action->members->len && current != NULL; i++)
    if (g_strcmp0 (da_member_get_enterprise_role (g_ptr_array_index (action->members, i)),
                   current) != 0)
      current = NULL;

  if (action->members->len == 1)
    {
      DaMember *member = g_ptr_array_index (action->members, 0);

      /* Translators: %s is a person */
      heading = g_strdup_printf (_("Change the Role of %s"), display_name (member));
      body = g_strdup (da_member_get_email (member));
    }
  else
    {
      g_autofree char *count = da_format_count (action->members->len);

      /* Translators: %s is a count */
      heading = g_strdup_printf (ngettext ("Change the Role of %s Member",
                                           "Change the Role of %s Members",
                                           action->members->len),
                                 count);
      body = da_member_describe_addresses (action->members, NAMED_ADDRESSES);
    }

  da_member_choose_role_async (GTK_WIDGET (self), heading, body, account_roles, current,
                               self->action_cancellable, role_chosen_cb, action);
}

static void
roles_for_dialog_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  action->self->preparing_dialog = FALSE;
  roles = da_context_load_roles_finish (DA_CONTEXT (object), result, &error);
  if (roles == NULL)
    {
      g_autofree char *text = _da_members_page_describe_failure (_("The roles could not be "
                                                                   "loaded."), error);

      if (text != NULL)
        _da_members_page_show_message (action->self, text);
      return;
    }

  ask_role_now (g_steal_pointer (&action));
}

void
_da_members_page_ask_role (DaMembersPage *self,
                           GPtrArray     *members)
{
  DaContext *context = da_page_get_context (DA_PAGE (self));
  Action *action;

  /* A second click while the roles load would open a second dialog. */
  if (self->preparing_dialog)
    return;

  action = action_new (self, members);
  if (da_context_get_roles_loaded (context))
    ask_role_now (action);
  else
    {
      self->preparing_dialog = TRUE;
      da_context_load_roles_async (context, self->action_cancellable, roles_for_dialog_cb,
                                   action);
    }
}

/* ---- Removing --------------------------------------------------------------------------- */

static void remove_next (Action *action);

static void
removal_done (Action *action)
{
  DaMembersPage *self = action->self;
  guint n = action->members->len;

  if (action->error == NULL)
    {
      g_autofree char *text = NULL;

      if (n == 1)
        /* Translators: %s is a person */
        text = g_strdup_printf (_("Removed %s"),
                                display_name (g_ptr_array_index (action->members, 0)));
      else
        text = g_strdup_printf (ngettext ("Removed %u member", "Removed %u members", n), n);
      da_page_show_toast (DA_PAGE (self), text);
    }
  else
    {
      g_autofree char *what = NULL;
      g_autofree char *text = NULL;
      guint n_failed = n - action->n_done - action->n_gone;

      if (n == 1)
        /* Translators: %s is a person */
        what = g_strdup_printf (_("%s could not be removed."),
                                display_name (g_ptr_array_index (action->members, 0)));
      else
        what = g_strdup_printf (ngettext ("%u of %u members could not be removed.",
                                          "%u of %u members could not be removed.", n),
                                n_failed, n);
      text = _da_members_page_describe_failure (what, action->error);
      if (text != NULL)
        _da_members_page_show_message (self, text);
    }

  if (action->n_gone > 0)
    report_gone (self, action->n_gone == 1 && n == 1 ? g_ptr_array_index (action->members, 0)
                                                     : NULL);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
member_deleted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Action *action = user_data;
  g_autoptr(GError) error = NULL;
  DaMember *member = g_ptr_array_index (action->members, action->next - 1);
  gboolean deleted = da_client_call_finish (DA_CLIENT (object), result, &error);

  /* The page went away meanwhile. */
  if (g_cancellable_is_cancelled (action->self->action_cancellable))
    {
      action_free (action);
      return;
    }

  if (deleted)
    {
      action->n_done++;
      _da_members_page_forget_member (action->self, da_member_get_user_id (member));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      action_free (action);
      return;
    }
  else if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
    action->n_gone++;
  else
    {
      keep_first_error (action, error);
      /* Without a key that may do it, or a server that answers, the others would fail alike. */
      if (!g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_REQUEST))
        action->next = action->members->len;
    }

  remove_next (action);
}

static void
remove_next (Action *action)
{
  DaMembersPage *self = action->self;

  if (action->next >= action->members->len)
    {
      removal_done (action);
      action_free (action);
      return;
    }

  da_client_delete_member_async (_da_members_page_get_client (self),
                                 da_member_get_user_id (g_ptr_array_index (action->members,
                                                                           action->next++)),
                                 self->action_cancellable, member_deleted_cb, action);
}

static void
remove_confirmed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Action) action = user_data;

  if (!da_confirm_destructive_finish (result))
    return;

  action_begin (action);
  remove_next (g_steal_pointer (&action));
}

void
_da_members_page_ask_remove (DaMembersPage *self,
                             GPtrArray     *members)
{
  Action *action = action_new (self, members);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (members->len == 1)
    {
      DaMember *member = g_ptr_array_index (members, 0);

      /* Translators: %s is a person */
      heading = g_strdup_printf (_("Remove %s?"), display_name (member));
      /* Translators: the first %s is a person, the second their email address */
      body = g_strdup_printf (_("%s (%s) will lose access to Devin and leave every organization "
                                "of the enterprise. To come back, they need a new invitation."),
                              display_name (member), da_member_get_email (member));
    }
  else
    {
      g_autofree char *count = da_format_count (members->len);
      g_autofree char *addresses = da_member_describe_addresses (members, NAMED_ADDRESSES);

      /* Translators: %s is a count */
      heading = g_strdup_printf (ngettext ("Remove %s Member?", "Remove %s Members?",
                                           members->len),
                                 count);
      /* Translators: %s is a list of addresses, e.g. "a@x.com, b@x.com and 5 more" */
      body = g_strdup_printf (_("%s will lose access to Devin and leave every organization of "
                                "the enterprise. To come back, they need a new invitation."),
                              addresses);
    }

  da_confirm_destructive_async (GTK_WIDGET (self), heading, body, _("_Remove"), NULL,
                                self->action_cancellable, remove_confirmed_cb, action);
}

/* ---- Organizations ---------------------------------------------------------------------- */

static void add_to_next_org (Action *action);

static void
added_to_org_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Action *action = user_data;
  g_autoptr(GError) error = NULL;

  if (da_client_call_finish (DA_CLIENT (object), result, &error) &&
      !g_cancellable_is_cancelled (action->self->action_cancellable))
    action->n_done++;
  else if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      action_free (action);
      return;
    }
  else
    keep_first_error (action, error);

  add_to_next_org (action);
}

static void
add_to_next_org (Action *action)
{
  DaMembersPage *self = action->self;
  DaContext *context = da_page_get_context (DA_PAGE (self));
  g_auto(GStrv) user_ids = NULL;
  guint n_orgs = g_strv_length (action->org_ids);

  if (action->next >= n_orgs)
    {
      g_autofree char *text = NULL;
      guint n = action->members->len;

      if (action->error == NULL)
        {
          text = g_strdup_printf (ngettext ("Added %u member to the organizations chosen",
                                            "Added %u members to the organizations chosen", n),
                                  n);
          da_page_show_toast (DA_PAGE (self), text);
        }
      else
        {
          g_autofree char *what = g_strdup_printf (ngettext ("Adding to %u of %u organization "
                                                             "failed.",
                                                             "Adding to %u of %u organizations "
                                                             "failed.", n_orgs),
                                                   n_orgs - action->n_done, n_orgs);

          text = _da_members_page_describe_failure (what, action->error);
          if (text != NULL)
            _da_members_page_show_message (self, text);
        }

      if (details_shows_one_of (self, action->members))
        da_member_details_reload_organizations (self->details);
      /* The organizations' member counts changed. */
      da_context_load_organizations_async (context, TRUE, NULL, NULL, NULL);
      action_free (action);
      return;
    }

  user_ids = collect_user_ids (action->members);
  da_client_add_organization_members_async (_da_members_page_get_client (self),
                                            action->org_ids[action->next++],
                                            (const char * const *) user_ids, action->org_role,
                                            self->action_cancellable, added_to_org_cb, action);
}

static void
orgs_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Action) action = user_data;

  if (!da_member_choose_organizations_finish (result, &action->org_ids, &action->org_role))
    return;

  action->next = 0;
  action_begin (action);
  add_to_next_org (g_steal_pointer (&action));
}

static void prepare_organizations (Action *action);

static void
context_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  action->self->preparing_dialog = FALSE;
  if (g_async_result_is_tagged (result, da_context_load_roles_async))
    {
      g_autoptr(GPtrArray) roles = da_context_load_roles_finish (DA_CONTEXT (object), result,
                                                                 &error);
      ok = roles != NULL;
    }
  else
    ok = da_context_load_organizations_finish (DA_CONTEXT (object), result, &error);

  if (!ok)
    {
      g_autofree char *text = _da_members_page_describe_failure (_("The organizations could "
                                                                   "not be loaded."), error);

      if (text != NULL)
        _da_members_page_show_message (action->self, text);
      return;
    }

  prepare_organizations (g_steal_pointer (&action));
}

/* The dialog needs the roles and the organizations: load what is missing, one after the other
 * (action->next counts the steps, so a cache forgotten meanwhile cannot make it loop), then ask. */
static void
prepare_organizations (Action *action)
{
  DaMembersPage *self = action->self;
  DaContext *context = da_page_get_context (DA_PAGE (self));
  g_autoptr(GPtrArray) org_roles = g_ptr_array_new ();
  GPtrArray *roles;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint step = action->next++;

  if (step == 0 && !da_context_get_roles_loaded (context))
    {
      self->preparing_dialog = TRUE;
      da_context_load_roles_async (context, self->action_cancellable, context_loaded_cb, action);
      return;
    }
  if (step <= 1 && !da_context_get_organizations_loaded (context))
    {
      action->next = 2;
      self->preparing_dialog = TRUE;
      da_context_load_organizations_async (context, FALSE, self->action_cancellable,
                                           context_loaded_cb, action);
      return;
    }

  roles = da_context_get_roles (context);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    if (da_role_is_org_role (g_ptr_array_index (roles, i)))
      g_ptr_array_add (org_roles, g_ptr_array_index (roles, i));

  if (action->members->len == 1)
    {
      /* Translators: %s is a person */
      heading = g_strdup_printf (_("Add %s to Organizations"),
                                 display_name (g_ptr_array_index (action->members, 0)));
      body = g_strdup (_("Choose the organizations and the role to have in them."));
    }
  else
    {
      g_autofree char *count = da_format_count (action->members->len);
      g_autofree char *addresses = da_member_describe_addresses (action->members,
                                                                 NAMED_ADDRESSES);

      /* Translators: %s is a count */
      heading = g_strdup_printf (ngettext ("Add %s Member to Organizations",
                                           "Add %s Members to Organizations",
                                           action->members->len),
                                 count);
      /* Translators: %s is a list of addresses; members of an organization already get the
       * role chosen */
      body = g_strdup_printf (_("Choose the organizations and the role for %s. Those already "
                                "in an organization get the role chosen."), addresses);
    }

  action->next = 0;
  da_member_choose_organizations_async (GTK_WIDGET (self), heading, body,
                                        da_context_get_organizations (context), NULL, org_roles,
                                        self->action_cancellable, orgs_chosen_cb, action);
}

void
_da_members_page_ask_organizations (DaMembersPage *self,
                                    GPtrArray     *members)
{
  /* A second click while the roles or organizations load would open a second dialog. */
  if (self->preparing_dialog)
    return;

  prepare_organizations (action_new (self, members));
}

/* da-member-details.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-dialogs.h"
#include "da-format.h"
#include "da-member-details.h"
#include "da-member-dialogs.h"

struct _DaMemberDetails
{
  GtkWidget          parent_instance;

  /* Owned */
  DaContext         *context;
  DaMember          *member;
  DaPager           *orgs_pager;
  GCancellable      *orgs_cancellable;   /* the load of the organizations */
  GCancellable      *cancellable;        /* everything else; cancelled in dispose */
  GStrv              role_ids;           /* of role_row's model, in order */
  gboolean           syncing;
  gboolean           role_busy;
  guint              orgs_busy;
  gboolean           preparing_orgs;     /* loading what "Add to Organizations" needs */

  /* Template widgets */
  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkLabel          *email_label;
  GtkRevealer       *message_revealer;
  GtkLabel          *message_label;
  AdwComboRow       *role_row;
  GtkLabel          *created_label;
  GtkLabel          *last_login_label;
  GtkLabel          *logins_label;
  GtkLabel          *sessions_label;
  GtkLabel          *searches_label;
  GtkLabel          *user_id_label;
  GtkLabel          *saml_label;
  GtkWidget         *orgs_group;
  GtkWidget         *add_org_button;
  GtkStack          *orgs_stack;
  GtkSpinner        *orgs_spinner;
  GtkListBox        *orgs_list;
  GtkLabel          *orgs_error_label;
  GtkWidget         *remove_button;
};

G_DEFINE_FINAL_TYPE (DaMemberDetails, da_member_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MEMBER,
  N_PROPS
};

enum {
  CHANGE_ROLE,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- Helpers ---------------------------------------------------------------------------- */

static DaClient *
get_client (DaMemberDetails *self)
{
  return da_context_get_client (self->context);
}

static const char *
display_name (DaMember *member)
{
  const char *name = da_member_get_name (member);

  return name != NULL && *name != '\0' ? name : da_member_get_email (member);
}

/* What a person reads after an action failed: @what happened, then the error's own sentence.
 * NULL when there is nothing to show (cancelled; a rejected key, which the window handles). */
static char *
describe_failure (const char   *what,
                  const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    return NULL;

  /* Translators: the first %s says what could not be done, the second why */
  return g_strdup_printf (_("%s %s"), what, error->message);
}

static void
set_count_label (GtkLabel *label,
                 gint64    count)
{
  g_autofree char *text = da_format_count (MAX (count, 0));

  gtk_label_set_label (label, text);
}

static void
update_sensitivity (DaMemberDetails *self)
{
  gboolean have_member = self->member != NULL;
  /* Offline, the details show what was loaded before and nothing can be changed. */
  gboolean online = self->context == NULL || !da_client_get_offline (get_client (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->role_row),
                            have_member && !self->role_busy && self->role_ids != NULL &&
                            da_context_get_roles_loaded (self->context) && online);
  gtk_widget_set_sensitive (self->orgs_group, have_member && self->orgs_busy == 0 && online);
  gtk_widget_set_sensitive (self->remove_button, have_member && online);
}

/* The enterprise roles in the combo row, the member's selected. A role the roles list does not
 * know (a custom role made since) is shown by its ID. */
static void
sync_role_row (DaMemberDetails *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GPtrArray *roles = da_context_get_roles (self->context);
  const char *current = self->member != NULL ? da_member_get_enterprise_role (self->member)
                                             : NULL;
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n = 0;

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      DaRole *role = g_ptr_array_index (roles, i);

      if (!da_role_is_enterprise_role (role))
        continue;
      gtk_string_list_append (names, da_role_get_role_name (role));
      g_strv_builder_add (ids, da_role_get_role_id (role));
      if (g_strcmp0 (da_role_get_role_id (role), current) == 0)
        selected = n;
      n++;
    }

  if (current != NULL && selected == GTK_INVALID_LIST_POSITION)
    {
      gtk_string_list_append (names, current);
      g_strv_builder_add (ids, current);
      selected = n;
    }

  self->syncing = TRUE;
  g_clear_pointer (&self->role_ids, g_strfreev);
  self->role_ids = g_strv_builder_end (ids);
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->role_row, selected);
  self->syncing = FALSE;

  update_sensitivity (self);
}

static void
sync_fields (DaMemberDetails *self)
{
  DaMember *member = self->member;
  g_autofree char *created = NULL;
  g_autofree char *created_exact = NULL;
  g_autofree char *last_login = NULL;
  g_autofree char *last_login_exact = NULL;
  g_autofree char *avatar_text = NULL;
  const char *saml_id;
  gint64 when;

  if (member == NULL)
    {
      adw_avatar_set_text (self->avatar, NULL);
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->email_label, "");
      return;
    }

  avatar_text = da_format_avatar_text (display_name (member));
  adw_avatar_set_text (self->avatar, avatar_text);
  gtk_label_set_label (self->name_label, display_name (member));
  gtk_label_set_label (self->email_label, da_member_get_email (member));

  when = da_member_get_created_at (member);
  if (when != DA_TIME_UNSET)
    {
      created = da_format_date (when);
      created_exact = da_format_exact_time (when);
    }
  gtk_label_set_label (self->created_label, created != NULL ? created : _("Unknown"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->created_label), created_exact);

  when = da_member_get_last_login (member);
  if (when != DA_TIME_UNSET)
    {
      last_login = da_format_relative_time (when, da_now ());
      last_login_exact = da_format_exact_time (when);
    }
  gtk_label_set_label (self->last_login_label,
                       /* Translators: the last login of someone who never logged in */
                       last_login != NULL ? last_login : C_("last login", "Never"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->last_login_label), last_login_exact);

  set_count_label (self->logins_label, da_member_get_login_count (member));
  set_count_label (self->sessions_label, da_member_get_sessions_created_count (member));
  set_count_label (self->searches_label, da_member_get_searches_created_count (member));

  gtk_label_set_label (self->user_id_label, da_member_get_user_id (member));
  saml_id = da_member_get_saml_id (member);
  if (saml_id == NULL || *saml_id == '\0')
    /* Translators: a member with no single sign-on identity */
    saml_id = C_("saml id", "None");
  gtk_label_set_label (self->saml_label, saml_id);
}

/* ---- Organizations ---------------------------------------------------------------------- */

static void on_remove_org_clicked_cb (GtkButton       *button,
                                      DaMemberDetails *self);

static GtkWidget *
create_org_row (gpointer item,
                gpointer user_data)
{
  DaMemberDetails *self = user_data;
  DaOrgMembership *membership = item;
  const char *org_id = da_org_membership_get_org_id (membership);
  const char *org_name = da_org_membership_get_org_name (membership);
  const char *role = da_org_membership_get_org_role_name (membership);
  g_autofree char *button_name = g_strdup_printf ("remove-org-%s", org_id);
  g_autofree char *tooltip = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (role == NULL)
    role = da_context_lookup_role_name (self->context, da_org_membership_get_org_role (membership));
  if (role == NULL)
    role = da_org_membership_get_org_role (membership);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 org_name != NULL && *org_name != '\0' ? org_name : org_id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role);

  /* Translators: %s is an organization's name */
  tooltip = g_strdup_printf (_("Remove From %s"), org_name != NULL ? org_name : org_id);
  button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_name (button, button_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "da-membership", g_object_ref (membership),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_org_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
orgs_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DaMemberDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  DaPager *pager = DA_PAGER (object);
  guint n_items;

  da_pager_load_all_finish (pager, result, &error);
  if (pager != self->orgs_pager)
    return;

  gtk_spinner_stop (self->orgs_spinner);
  n_items = g_list_model_get_n_items (da_pager_get_model (pager));

  if (error != NULL)
    {
      g_autofree char *text = describe_failure (_("The organizations could not be loaded."),
                                                error);

      if (text == NULL)
        return;
      gtk_label_set_label (self->orgs_error_label, text);
      gtk_stack_set_visible_child_name (self->orgs_stack, "error");
      return;
    }

  gtk_stack_set_visible_child_name (self->orgs_stack, n_items > 0 ? "list" : "empty");
}

void
da_member_details_reload_organizations (DaMemberDetails *self)
{
  g_return_if_fail (DA_IS_MEMBER_DETAILS (self));

  if (self->orgs_cancellable != NULL)
    g_cancellable_cancel (self->orgs_cancellable);
  g_clear_object (&self->orgs_cancellable);
  g_clear_object (&self->orgs_pager);

  if (self->member == NULL)
    {
      gtk_list_box_bind_model (self->orgs_list, NULL, NULL, NULL, NULL);
      gtk_spinner_stop (self->orgs_spinner);
      gtk_stack_set_visible_child_name (self->orgs_stack, "empty");
      return;
    }

  self->orgs_cancellable = g_cancellable_new ();
  self->orgs_pager = da_client_list_member_organizations (get_client (self),
                                                          da_member_get_user_id (self->member));
  gtk_list_box_bind_model (self->orgs_list, da_pager_get_model (self->orgs_pager),
                           create_org_row, self, NULL);
  gtk_spinner_start (self->orgs_spinner);
  gtk_stack_set_visible_child_name (self->orgs_stack, "loading");
  da_pager_load_all_async (self->orgs_pager, self->orgs_cancellable, orgs_loaded_cb,
                           g_object_ref (self));
}

/* What an action on the organizations needs when it completes. */
typedef struct
{
  DaMemberDetails *self;
  char            *user_id;
  char            *member_name;
  char            *org_id;
  char            *org_name;
  GStrv            org_ids;       /* adding: every organization chosen */
  char            *org_role;
  guint            next;
  GString         *failures;
} OrgOp;

static OrgOp *
org_op_new (DaMemberDetails *self)
{
  OrgOp *op = g_new0 (OrgOp, 1);

  op->self = g_object_ref (self);
  op->user_id = g_strdup (da_member_get_user_id (self->member));
  op->member_name = g_strdup (display_name (self->member));
  return op;
}

static void
org_op_free (OrgOp *op)
{
  g_object_unref (op->self);
  g_free (op->user_id);
  g_free (op->member_name);
  g_free (op->org_id);
  g_free (op->org_name);
  g_strfreev (op->org_ids);
  g_free (op->org_role);
  if (op->failures != NULL)
    g_string_free (op->failures, TRUE);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgOp, org_op_free)

static void
begin_org_action (DaMemberDetails *self)
{
  self->orgs_busy++;
  da_member_details_show_message (self, NULL);
  update_sensitivity (self);
}

/* The action of @op is over; the list shows what the server now says, if @op still concerns
 * the member shown. */
static void
end_org_action (OrgOp *op)
{
  DaMemberDetails *self = op->self;

  g_assert (self->orgs_busy > 0);
  self->orgs_busy--;

  /* Taken apart meanwhile: nothing left to update. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  update_sensitivity (self);

  if (self->member != NULL && g_strcmp0 (da_member_get_user_id (self->member), op->user_id) == 0)
    da_member_details_reload_organizations (self);
}

static void
removed_from_org_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OrgOp) op = user_data;
  g_autoptr(GError) error = NULL;

  if (!da_client_call_finish (DA_CLIENT (object), result, &error))
    {
      /* Translators: the first %s is a person, the second an organization */
      g_autofree char *what = g_strdup_printf (_("%s could not be removed from %s."),
                                               op->member_name, op->org_name);
      g_autofree char *text = describe_failure (what, error);

      if (text != NULL)
        da_member_details_show_message (op->self, text);
    }

  end_org_action (op);
}

static void
remove_org_confirmed_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(OrgOp) op = user_data;
  DaMemberDetails *self = op->self;
  const char *org_id;
  const char *user_id;

  if (!da_confirm_destructive_finish (result))
    return;

  begin_org_action (self);
  org_id = op->org_id;
  user_id = op->user_id;
  da_client_remove_organization_member_async (get_client (self), org_id, user_id,
                                              self->cancellable, removed_from_org_cb,
                                              g_steal_pointer (&op));
}

static void
on_remove_org_clicked_cb (GtkButton       *button,
                          DaMemberDetails *self)
{
  DaOrgMembership *membership = g_object_get_data (G_OBJECT (button), "da-membership");
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  OrgOp *op;

  if (self->member == NULL || membership == NULL)
    return;

  op = org_op_new (self);
  op->org_id = g_strdup (da_org_membership_get_org_id (membership));
  op->org_name = g_strdup (da_org_membership_get_org_name (membership));
  if (op->org_name == NULL || *op->org_name == '\0')
    {
      g_free (op->org_name);
      op->org_name = g_strdup (op->org_id);
    }

  /* Translators: the first %s is a person, the second an organization */
  heading = g_strdup_printf (_("Remove %s From %s?"), op->member_name, op->org_name);
  /* Translators: the first %s is a person, the second an organization */
  body = g_strdup_printf (_("%s will no longer be able to use Devin in %s. They stay a member "
                            "of the enterprise and can be added again later."),
                          op->member_name, op->org_name);
  da_confirm_destructive_async (GTK_WIDGET (self), heading, body, _("_Remove"), NULL,
                                self->cancellable, remove_org_confirmed_cb, op);
}

static void add_next_org (OrgOp *op);

static void
added_to_org_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OrgOp *op = user_data;
  g_autoptr(GError) error = NULL;

  if (!da_client_call_finish (DA_CLIENT (object), result, &error))
    {
      const char *org_id = op->org_ids[op->next - 1];
      const char *org_name = da_context_lookup_org_name (op->self->context, org_id);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          end_org_action (op);
          org_op_free (op);
          return;
        }

      if (op->failures == NULL)
        op->failures = g_string_new (NULL);
      else
        g_string_append_c (op->failures, ' ');

      {
        /* Translators: the first %s is a person, the second an organization */
        g_autofree char *what = g_strdup_printf (_("%s could not be added to %s."),
                                                 op->member_name,
                                                 org_name != NULL ? org_name : org_id);
        g_autofree char *text = describe_failure (what, error);

        if (text != NULL)
          g_string_append (op->failures, text);
      }
    }

  add_next_org (op);
}

static void
add_next_org (OrgOp *op)
{
  DaMemberDetails *self = op->self;
  const char *user_ids[] = { op->user_id, NULL };

  if (op->org_ids[op->next] == NULL)
    {
      if (op->failures != NULL && op->failures->len > 0)
        da_member_details_show_message (self, op->failures->str);
      end_org_action (op);
      org_op_free (op);
      return;
    }

  da_client_add_organization_members_async (get_client (self), op->org_ids[op->next++],
                                            user_ids, op->org_role, self->cancellable,
                                            added_to_org_cb, op);
}

static void
orgs_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(OrgOp) op = user_data;
  DaMemberDetails *self = op->self;

  if (!da_member_choose_organizations_finish (result, &op->org_ids, &op->org_role))
    return;

  begin_org_action (self);
  add_next_org (g_steal_pointer (&op));
}

static void ask_organizations (OrgOp *op);
static void prepare_organizations (OrgOp *op);

static void
roles_for_orgs_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OrgOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  op->self->preparing_orgs = FALSE;
  roles = da_context_load_roles_finish (DA_CONTEXT (object), result, &error);
  if (roles == NULL)
    {
      g_autofree char *text = describe_failure (_("The roles could not be loaded."), error);

      if (text != NULL)
        da_member_details_show_message (op->self, text);
      return;
    }

  prepare_organizations (g_steal_pointer (&op));
}

static void
orgs_for_orgs_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OrgOp) op = user_data;
  g_autoptr(GError) error = NULL;

  op->self->preparing_orgs = FALSE;
  if (!da_context_load_organizations_finish (DA_CONTEXT (object), result, &error))
    {
      g_autofree char *text = describe_failure (_("The organizations could not be loaded."),
                                                error);

      if (text != NULL)
        da_member_details_show_message (op->self, text);
      return;
    }

  prepare_organizations (g_steal_pointer (&op));
}

/* The dialog needs the roles and the organizations: load what is missing, one after the other
 * (op->next counts the steps, so a cache forgotten meanwhile cannot make it loop), then ask. */
static void
prepare_organizations (OrgOp *op)
{
  DaMemberDetails *self = op->self;
  guint step = op->next++;

  if (step == 0 && !da_context_get_roles_loaded (self->context))
    {
      self->preparing_orgs = TRUE;
      da_context_load_roles_async (self->context, self->cancellable, roles_for_orgs_cb, op);
      return;
    }
  if (step <= 1 && !da_context_get_organizations_loaded (self->context))
    {
      op->next = 2;
      self->preparing_orgs = TRUE;
      da_context_load_organizations_async (self->context, FALSE, self->cancellable,
                                           orgs_for_orgs_cb, op);
      return;
    }

  op->next = 0;
  ask_organizations (op);
}

static void
ask_organizations (OrgOp *op)
{
  DaMemberDetails *self = op->self;
  g_autoptr(GHashTable) joined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) org_roles = g_ptr_array_new ();
  GPtrArray *roles = da_context_get_roles (self->context);
  g_autofree char *heading = NULL;

  if (self->orgs_pager != NULL)
    {
      GListModel *model = da_pager_get_model (self->orgs_pager);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(DaOrgMembership) membership = g_list_model_get_item (model, i);

          g_hash_table_add (joined, g_strdup (da_org_membership_get_org_id (membership)));
        }
    }

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    if (da_role_is_org_role (g_ptr_array_index (roles, i)))
      g_ptr_array_add (org_roles, g_ptr_array_index (roles, i));

  /* Translators: %s is a person */
  heading = g_strdup_printf (_("Add %s to Organizations"), op->member_name);
  da_member_choose_organizations_async (GTK_WIDGET (self), heading,
                                        _("Choose the organizations and the role to have in "
                                          "them."),
                                        da_context_get_organizations (self->context),
                                        joined, org_roles, self->cancellable,
                                        orgs_chosen_cb, op);
}

static void
on_add_org_clicked_cb (DaMemberDetails *self)
{
  /* A second click while the roles or organizations load would open a second dialog. */
  if (self->member != NULL && !self->preparing_orgs)
    prepare_organizations (org_op_new (self));
}

static void
on_orgs_retry_clicked_cb (DaMemberDetails *self)
{
  da_member_details_reload_organizations (self);
}

/* ---- Role and removal ------------------------------------------------------------------- */

static void
on_role_selected_cb (DaMemberDetails *self)
{
  guint selected = adw_combo_row_get_selected (self->role_row);
  const char *role_id;

  if (self->syncing || self->member == NULL || self->role_ids == NULL ||
      selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (self->role_ids))
    return;

  role_id = self->role_ids[selected];
  if (g_strcmp0 (role_id, da_member_get_enterprise_role (self->member)) == 0)
    return;

  g_signal_emit (self, signals[CHANGE_ROLE], 0, role_id);
}

static void
on_remove_clicked_cb (DaMemberDetails *self)
{
  if (self->member != NULL)
    g_signal_emit (self, signals[REMOVE], 0);
}

static void
on_dismiss_clicked_cb (DaMemberDetails *self)
{
  da_member_details_show_message (self, NULL);
}

static void
roles_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DaMemberDetails) self = user_data;
  g_autoptr(GPtrArray) roles = NULL;

  /* A failure leaves the member's role shown by its ID; the page reports load errors. */
  roles = da_context_load_roles_finish (DA_CONTEXT (object), result, NULL);
  if (roles != NULL)
    sync_role_row (self);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
da_member_details_constructed (GObject *object)
{
  DaMemberDetails *self = DA_MEMBER_DETAILS (object);

  G_OBJECT_CLASS (da_member_details_parent_class)->constructed (object);

  g_assert (DA_IS_CONTEXT (self->context));
  g_signal_connect_object (get_client (self), "notify::offline",
                           G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
  sync_role_row (self);
  if (!da_context_get_roles_loaded (self->context))
    da_context_load_roles_async (self->context, self->cancellable, roles_loaded_cb,
                                 g_object_ref (self));
}

static void
da_member_details_dispose (GObject *object)
{
  DaMemberDetails *self = (DaMemberDetails *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->orgs_cancellable != NULL)
    g_cancellable_cancel (self->orgs_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_MEMBER_DETAILS);
  /* Children the template made but did not bind are ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->orgs_pager);
  g_clear_object (&self->orgs_cancellable);
  g_clear_object (&self->member);

  G_OBJECT_CLASS (da_member_details_parent_class)->dispose (object);
}

static void
da_member_details_finalize (GObject *object)
{
  DaMemberDetails *self = (DaMemberDetails *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->role_ids, g_strfreev);

  G_OBJECT_CLASS (da_member_details_parent_class)->finalize (object);
}

static void
da_member_details_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DaMemberDetails *self = DA_MEMBER_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_MEMBER:
      g_value_set_object (value, self->member);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_member_details_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DaMemberDetails *self = DA_MEMBER_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_MEMBER:
      da_member_details_set_member (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_member_details_class_init (DaMemberDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = da_member_details_constructed;
  object_class->dispose = da_member_details_dispose;
  object_class->finalize = da_member_details_finalize;
  object_class->get_property = da_member_details_get_property;
  object_class->set_property = da_member_details_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         DA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEMBER] =
    g_param_spec_object ("member", NULL, NULL,
                         DA_TYPE_MEMBER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DaMemberDetails::change-role:
   * @role_id: the enterprise role chosen
   */
  signals[CHANGE_ROLE] =
    g_signal_new ("change-role", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * DaMemberDetails::remove:
   *
   * Remove From Enterprise was pressed.
   */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-member-details.ui");
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, avatar);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, name_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, email_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, message_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, role_row);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, created_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, last_login_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, logins_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, sessions_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, searches_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, user_id_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, saml_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, orgs_group);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, add_org_button);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, orgs_stack);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, orgs_spinner);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, orgs_list);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, orgs_error_label);
  gtk_widget_class_bind_template_child (widget_class, DaMemberDetails, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_role_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_org_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_orgs_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_member_details_init (DaMemberDetails *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update_sensitivity (self);
}

/* ---- Public API ------------------------------------------------------------------------- */

GtkWidget *
da_member_details_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_MEMBER_DETAILS,
                       "context", context,
                       NULL);
}

DaMember *
da_member_details_get_member (DaMemberDetails *self)
{
  g_return_val_if_fail (DA_IS_MEMBER_DETAILS (self), NULL);

  return self->member;
}

void
da_member_details_set_member (DaMemberDetails *self,
                              DaMember        *member)
{
  gboolean other_person;

  g_return_if_fail (DA_IS_MEMBER_DETAILS (self));
  g_return_if_fail (member == NULL || DA_IS_MEMBER (member));

  other_person = self->member == NULL || member == NULL ||
                 g_strcmp0 (da_member_get_user_id (self->member),
                            da_member_get_user_id (member)) != 0;

  if (member != self->member)
    {
      g_set_object (&self->member, member);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER]);
    }

  sync_fields (self);
  sync_role_row (self);

  if (other_person)
    {
      da_member_details_show_message (self, NULL);
      self->role_busy = FALSE;
      update_sensitivity (self);
      da_member_details_reload_organizations (self);
    }
}

void
da_member_details_set_role_busy (DaMemberDetails *self,
                                 gboolean         busy)
{
  g_return_if_fail (DA_IS_MEMBER_DETAILS (self));

  self->role_busy = !!busy;
  update_sensitivity (self);
}

void
da_member_details_show_message (DaMemberDetails *self,
                                const char      *message)
{
  g_return_if_fail (DA_IS_MEMBER_DETAILS (self));

  if (message != NULL)
    gtk_label_set_label (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

const char *
da_member_details_get_message (DaMemberDetails *self)
{
  g_return_val_if_fail (DA_IS_MEMBER_DETAILS (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

GListModel *
da_member_details_get_organizations (DaMemberDetails *self)
{
  g_return_val_if_fail (DA_IS_MEMBER_DETAILS (self), NULL);

  return self->orgs_pager != NULL ? da_pager_get_model (self->orgs_pager) : NULL;
}

gboolean
da_member_details_get_organizations_loading (DaMemberDetails *self)
{
  g_return_val_if_fail (DA_IS_MEMBER_DETAILS (self), FALSE);

  return self->orgs_pager != NULL && da_pager_get_loading (self->orgs_pager);
}

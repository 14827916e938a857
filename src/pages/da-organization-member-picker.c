/* da-organization-member-picker.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "da-organization-member-picker.h"
#include "da-organization-roles.h"
#include "da-state-view.h"

struct _DaOrganizationMemberPicker
{
  AdwWindow            parent_instance;

  /* Owned */
  DaContext           *context;
  DaOrganization      *organization;
  GStrv                existing_ids;
  GHashTable          *existing;       /* user_id set (borrowed from existing_ids) */
  GHashTable          *picked;         /* user_id set, owned keys */
  GCancellable        *cancellable;
  DaPager             *pager;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  char                *search_text;    /* case-folded, NULL when empty */
  DaOrgRoles          *roles;
  gboolean             loading;
  gboolean             sending;
  gboolean             binding;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *add_button;
  GtkLabel            *add_label;
  GtkSpinner          *spinner;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  GtkSearchEntry      *search_entry;
  DaStateView         *state_view;
  GtkListView         *list_view;
  GtkLabel            *count_label;
  AdwComboRow         *role_row;
};

G_DEFINE_FINAL_TYPE (DaOrganizationMemberPicker, da_organization_member_picker, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ORGANIZATION,
  PROP_EXISTING_USER_IDS,
  N_PROPS
};

enum {
  ADDED,
  NOT_FOUND,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
show_error (DaOrganizationMemberPicker *self,
            const char                 *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
update_state (DaOrganizationMemberPicker *self)
{
  guint n_picked = g_hash_table_size (self->picked);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_loaded = g_list_model_get_n_items (da_pager_get_model (self->pager));
  gboolean busy = self->sending;
  g_autofree char *label = NULL;
  g_autofree char *count = NULL;

  if (n_picked > 0)
    /* Translators: the add button, with how many members were picked */
    label = g_strdup_printf (ngettext ("_Add %u Member", "_Add %u Members", n_picked), n_picked);
  else
    label = g_strdup (_("_Add"));
  gtk_label_set_label (self->add_label, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n_picked > 0 && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_row), !busy);

  if (n_picked > 0)
    count = g_strdup_printf (ngettext ("%u member picked", "%u members picked", n_picked),
                             n_picked);
  else
    count = g_strdup (_("Pick the members to add"));
  gtk_label_set_label (self->count_label, count);

  if (da_pager_get_error (self->pager) != NULL && n_loaded == 0)
    return;
  if (n_loaded == 0 && self->loading)
    da_state_view_show_loading (self->state_view);
  else if (n_shown == 0 && !self->loading)
    da_state_view_show_empty (self->state_view);
  else
    da_state_view_show_content (self->state_view);
}

/* ---- the list --------------------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DaOrganizationMemberPicker *self = user_data;
  DaMember *member = item;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  if (self->search_text == NULL)
    return TRUE;

  name = g_utf8_casefold (da_member_get_name (member), -1);
  email = g_utf8_casefold (da_member_get_email (member), -1);
  return strstr (name, self->search_text) != NULL || strstr (email, self->search_text) != NULL;
}

static void
on_check_toggled_cb (GtkCheckButton             *check,
                     DaOrganizationMemberPicker *self)
{
  const char *user_id = g_object_get_data (G_OBJECT (check), "da-user-id");

  if (self->binding || user_id == NULL || g_hash_table_contains (self->existing, user_id))
    return;

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->picked, g_strdup (user_id));
  else
    g_hash_table_remove (self->picked, user_id);

  show_error (self, NULL);
  update_state (self);
}

static void
setup_row_cb (GtkSignalListItemFactory   *factory,
              GtkListItem                *item,
              DaOrganizationMemberPicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *email = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 10);

  gtk_widget_set_name (check, "picker-check");
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (email), 0);
  gtk_label_set_ellipsize (GTK_LABEL (email), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (email, "dim-label");
  gtk_widget_add_css_class (email, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), email);

  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), status);

  g_object_set_data (G_OBJECT (item), "da-check", check);
  g_object_set_data (G_OBJECT (item), "da-name", name);
  g_object_set_data (G_OBJECT (item), "da-email", email);
  g_object_set_data (G_OBJECT (item), "da-status", status);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory   *factory,
             GtkListItem                *item,
             DaOrganizationMemberPicker *self)
{
  DaMember *member = gtk_list_item_get_item (item);
  GtkWidget *check = g_object_get_data (G_OBJECT (item), "da-check");
  GtkLabel *name = g_object_get_data (G_OBJECT (item), "da-name");
  GtkLabel *email = g_object_get_data (G_OBJECT (item), "da-email");
  GtkLabel *status = g_object_get_data (G_OBJECT (item), "da-status");
  const char *user_id = da_member_get_user_id (member);
  const char *display = da_member_get_name (member);
  gboolean existing = g_hash_table_contains (self->existing, user_id);
  g_autofree char *accessible = NULL;

  if (display == NULL || *display == '\0')
    display = da_member_get_email (member);

  gtk_label_set_label (name, display);
  gtk_label_set_label (email, da_member_get_email (member));
  gtk_label_set_label (status, existing ? _("Already a member") : "");
  gtk_widget_set_visible (GTK_WIDGET (status), existing);

  g_object_set_data_full (G_OBJECT (check), "da-user-id", g_strdup (user_id), g_free);
  self->binding = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               existing || g_hash_table_contains (self->picked, user_id));
  self->binding = FALSE;
  gtk_widget_set_sensitive (check, !existing);

  /* Translators: what a screen reader says for a member's check box: name and address */
  accessible = g_strdup_printf (_("%s, %s"), display, da_member_get_email (member));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory   *factory,
               GtkListItem                *item,
               DaOrganizationMemberPicker *self)
{
  GtkWidget *check = g_object_get_data (G_OBJECT (item), "da-check");

  g_object_set_data (G_OBJECT (check), "da-user-id", NULL);
}

static void
on_list_activate_cb (DaOrganizationMemberPicker *self,
                     guint                       position)
{
  g_autoptr(DaMember) member = g_list_model_get_item (G_LIST_MODEL (self->filter_model),
                                                      position);
  const char *user_id;

  if (member == NULL || self->sending)
    return;

  /* Enter on a row picks it (or puts it back), as a click on its check box does. */
  user_id = da_member_get_user_id (member);
  if (g_hash_table_contains (self->existing, user_id))
    return;
  if (!g_hash_table_remove (self->picked, user_id))
    g_hash_table_add (self->picked, g_strdup (user_id));

  /* The row shows it when bound again. */
  g_list_model_items_changed (G_LIST_MODEL (self->filter_model), position, 1, 1);
  show_error (self, NULL);
  update_state (self);
}

static void
on_search_changed_cb (DaOrganizationMemberPicker *self)
{
  g_autofree char *stripped =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_clear_pointer (&self->search_text, g_free);
  if (*stripped != '\0')
    self->search_text = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* ---- loading ---------------------------------------------------------------------------- */

static void
load_members_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DaOrganizationMemberPicker) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!da_pager_load_all_finish (DA_PAGER (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;

  if (error != NULL)
    {
      if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      if (g_list_model_get_n_items (da_pager_get_model (self->pager)) == 0)
        {
          da_state_view_show_error (self->state_view, error);
          return;
        }
      /* Some are there: they can be picked; say what is missing. */
      {
        g_autofree char *message = NULL;

        /* Translators: %s says what went wrong */
        message = g_strdup_printf (_("Not every member could be loaded: %s"), error->message);
        show_error (self, message);
      }
    }

  update_state (self);
}

static void
load_members (DaOrganizationMemberPicker *self)
{
  self->loading = TRUE;
  update_state (self);
  da_pager_load_all_async (self->pager, self->cancellable, load_members_cb, g_object_ref (self));
}

static void
on_page_loaded_cb (DaOrganizationMemberPicker *self)
{
  update_state (self);
}

static void
on_retry_cb (DaOrganizationMemberPicker *self)
{
  /* The pager continues where it stopped. */
  load_members (self);
}

static void
roles_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DaOrganizationMemberPicker) self = user_data;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;

  roles = da_context_load_roles_finish (DA_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without an answer the documented roles stand in. */
  g_clear_pointer (&self->roles, da_org_roles_free);
  self->roles = da_org_roles_new (roles);
  adw_combo_row_set_model (self->role_row, da_org_roles_get_names (self->roles));
  adw_combo_row_set_selected (self->role_row, da_org_roles_find (self->roles, "org_member"));
}

/* ---- adding ----------------------------------------------------------------------------- */

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DaOrganizationMemberPicker) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n = g_hash_table_size (self->picked);

  if (!da_client_call_finish (DA_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->sending = FALSE;
  update_state (self);

  if (error == NULL)
    {
      g_signal_emit (self, signals [ADDED], 0, n);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* In the server's words; the picked members stay picked. */
  show_error (self, error->message);
  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND))
    g_signal_emit (self, signals [NOT_FOUND], 0);
}

static void
on_add_clicked_cb (DaOrganizationMemberPicker *self)
{
  g_auto(GStrv) user_ids = NULL;
  const char *role_id = NULL;

  if (self->sending || g_hash_table_size (self->picked) == 0)
    return;

  if (self->roles != NULL)
    role_id = da_org_roles_get_id (self->roles, adw_combo_row_get_selected (self->role_row));

  user_ids = da_organization_member_picker_dup_picked (self);
  self->sending = TRUE;
  show_error (self, NULL);
  update_state (self);

  da_client_add_organization_members_async (da_context_get_client (self->context),
                                            da_organization_get_org_id (self->organization),
                                            (const char * const *) user_ids, role_id,
                                            self->cancellable, add_cb, g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
da_organization_member_picker_constructed (GObject *object)
{
  DaOrganizationMemberPicker *self = (DaOrganizationMemberPicker *)object;
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (da_organization_member_picker_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title,
                                 da_organization_get_org_name (self->organization));
  gtk_window_set_title (GTK_WINDOW (self), _("Add Members"));

  for (guint i = 0; self->existing_ids != NULL && self->existing_ids[i] != NULL; i++)
    g_hash_table_add (self->existing, self->existing_ids[i]);

  self->pager = da_client_list_members (da_context_get_client (self->context), NULL);
  g_signal_connect_object (self->pager, "page-loaded", G_CALLBACK (on_page_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (da_pager_get_model (self->pager)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  /* The documented roles until the enterprise's own are known. */
  self->roles = da_org_roles_new (NULL);
  adw_combo_row_set_model (self->role_row, da_org_roles_get_names (self->roles));
  adw_combo_row_set_selected (self->role_row, da_org_roles_find (self->roles, "org_member"));
  da_context_load_roles_async (self->context, self->cancellable, roles_cb, g_object_ref (self));

  load_members (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
da_organization_member_picker_dispose (GObject *object)
{
  DaOrganizationMemberPicker *self = (DaOrganizationMemberPicker *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_ORGANIZATION_MEMBER_PICKER);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->pager);

  G_OBJECT_CLASS (da_organization_member_picker_parent_class)->dispose (object);
}

static void
da_organization_member_picker_finalize (GObject *object)
{
  DaOrganizationMemberPicker *self = (DaOrganizationMemberPicker *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->organization);
  g_clear_pointer (&self->existing, g_hash_table_unref);
  g_clear_pointer (&self->existing_ids, g_strfreev);
  g_clear_pointer (&self->picked, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->roles, da_org_roles_free);

  G_OBJECT_CLASS (da_organization_member_picker_parent_class)->finalize (object);
}

static void
da_organization_member_picker_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  DaOrganizationMemberPicker *self = DA_ORGANIZATION_MEMBER_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_ORGANIZATION:
      g_value_set_object (value, self->organization);
      break;
    case PROP_EXISTING_USER_IDS:
      g_value_set_boxed (value, self->existing_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_organization_member_picker_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  DaOrganizationMemberPicker *self = DA_ORGANIZATION_MEMBER_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_ORGANIZATION:
      self->organization = g_value_dup_object (value);
      break;
    case PROP_EXISTING_USER_IDS:
      self->existing_ids = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_organization_member_picker_class_init (DaOrganizationMemberPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = da_organization_member_picker_constructed;
  object_class->dispose = da_organization_member_picker_dispose;
  object_class->finalize = da_organization_member_picker_finalize;
  object_class->get_property = da_organization_member_picker_get_property;
  object_class->set_property = da_organization_member_picker_set_property;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, DA_TYPE_CONTEXT, flags);
  properties [PROP_ORGANIZATION] =
    g_param_spec_object ("organization", NULL, NULL, DA_TYPE_ORGANIZATION, flags);
  properties [PROP_EXISTING_USER_IDS] =
    g_param_spec_boxed ("existing-user-ids", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [ADDED] =
    g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  signals [NOT_FOUND] =
    g_signal_new ("not-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (DA_TYPE_STATE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH
                                               "/da-organization-member-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, add_button);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, add_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, spinner);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, error_box);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, error_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, count_label);
  gtk_widget_class_bind_template_child (widget_class, DaOrganizationMemberPicker, role_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
}

static void
da_organization_member_picker_init (DaOrganizationMemberPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->existing = g_hash_table_new (g_str_hash, g_str_equal);
  self->picked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
da_organization_member_picker_new (DaContext          *context,
                                   DaOrganization     *organization,
                                   const char * const *existing_user_ids)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (DA_IS_ORGANIZATION (organization), NULL);

  return g_object_new (DA_TYPE_ORGANIZATION_MEMBER_PICKER,
                       "context", context,
                       "organization", organization,
                       "existing-user-ids", existing_user_ids,
                       NULL);
}

GListModel *
da_organization_member_picker_get_members (DaOrganizationMemberPicker *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION_MEMBER_PICKER (self), NULL);

  return da_pager_get_model (self->pager);
}

gboolean
da_organization_member_picker_get_busy (DaOrganizationMemberPicker *self)
{
  g_return_val_if_fail (DA_IS_ORGANIZATION_MEMBER_PICKER (self), FALSE);

  return self->loading || self->sending;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  /* g_ptr_array_sort() passes pointers to the elements. */
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
da_organization_member_picker_dup_picked (DaOrganizationMemberPicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (DA_IS_ORGANIZATION_MEMBER_PICKER (self), NULL);

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->picked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (ids, i));

  return g_strv_builder_end (builder);
}

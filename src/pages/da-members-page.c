/* da-members-page.c: the list, its search, filter and sort, loading and export
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The models: DaPager's DaRowStore → GtkSortListModel (the column view's sorter) →
 * GtkFilterListModel (search and role) → GtkMultiSelection → GtkColumnView. Sorting comes before
 * filtering, unlike the usual order: the filter changes at every key typed and the sort seldom,
 * and a filter over a sorted list only hides and shows rows, where a sort after the filter would
 * sort again every row a key brought back.
 *
 * Searching is over a key made once per member: name and email, decomposed, without accents,
 * case-folded ("zoe" finds "Zoë"). A search is words that must all be found; a change that only
 * adds to what was typed is GTK_FILTER_CHANGE_MORE_STRICT, so only the rows still shown are
 * checked again (and LESS_STRICT the other way round).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-avatar.h"
#include "da-csv.h"
#include "da-dialogs.h"
#include "da-first-frame.h"
#include "da-fixed-width.h"
#include "da-format.h"
#include "da-input.h"
#include "da-members-page-private.h"
#include "da-menu-button.h"

/* The server's largest page. */
#define PAGE_SIZE 200
/* The first request asks for a screenful of a tall window only: it comes sooner, and at
 * start-up it is usually in time for the window's first frame. */
#define FIRST_PAGE_SIZE 50
/* The Logins and Sessions columns show when the list is at least this wide: beside them, names
 * and addresses keep room enough to be read. Narrower, the counts are in the details. */
#define COUNTS_MIN_LIST_WIDTH 860

static void da_members_page_iface_init (DaPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaMembersPage, da_members_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DA_TYPE_PAGE, da_members_page_iface_init))

static DaMemberDetails *ensure_details (DaMembersPage *self);

enum {
  PROP_0,
  N_PROPS
};

/* ---- Helpers ---------------------------------------------------------------------------- */

DaClient *
_da_members_page_get_client (DaMembersPage *self)
{
  return da_context_get_client (da_page_get_context (DA_PAGE (self)));
}

const char *
_da_members_page_role_name (DaMembersPage *self,
                            const char    *role_id)
{
  const char *name;

  if (role_id == NULL)
    return "";
  name = da_context_lookup_role_name (da_page_get_context (DA_PAGE (self)), role_id);
  return name != NULL ? name : role_id;
}

static DaRowStore *
shown_store (DaMembersPage *self)
{
  return self->pager != NULL ? DA_ROW_STORE (da_pager_get_model (self->pager)) : NULL;
}

static guint
n_loaded (DaMembersPage *self)
{
  return self->pager != NULL ? g_list_model_get_n_items (da_pager_get_model (self->pager)) : 0;
}

/* Whether the list is sorted by a column. */
static gboolean
is_sorted (DaMembersPage *self)
{
  GtkSorter *sorter = gtk_sort_list_model_get_sorter (self->sort_model);

  return sorter != NULL && gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE;
}

static gboolean
is_filtering (DaMembersPage *self)
{
  return self->search_tokens != NULL || self->role_filter != NULL;
}

/* What the filter model filters: the members loaded, or (sorted by a column) the sort model
 * over them. Unsorted, the sort model would only pass each member through, and a key typed in
 * the search would look every member up through it: the filter takes them from the pager's store
 * itself. Sorted, the filter stays over the sorted list, so that typing never sorts again. */
static void
connect_models (DaMembersPage *self)
{
  GListModel *loaded = self->pager != NULL ? da_pager_get_model (self->pager) : NULL;
  GListModel *filtered = is_sorted (self) ? G_LIST_MODEL (self->sort_model) : loaded;

  if (gtk_sort_list_model_get_model (self->sort_model) != loaded)
    gtk_sort_list_model_set_model (self->sort_model, loaded);
  if (gtk_filter_list_model_get_model (self->filter_model) != filtered)
    gtk_filter_list_model_set_model (self->filter_model, filtered);
}

/* The whole list is filtered at once. An incremental GtkFilterListModel was measured with 50,000
 * members (test-members-page, /members-page/search-50000): it held the main loop hardly less
 * (GTK 4.8's column view spends most of the time in laying out the rows a change brings, per
 * column) and showed the result twice as late, so it is not used.
 *
 * Without a search or a role, the filter model has no filter at all: rows pass through it
 * unchecked. With a filter, every row a change of the sorted list touches is checked again, and
 * a page of members arriving in a sorted list touches most of it. */
static void
change_filter (DaMembersPage   *self,
               GtkFilterChange  change)
{
  GtkFilter *attached = gtk_filter_list_model_get_filter (self->filter_model);

  if (!is_filtering (self))
    {
      if (attached != NULL)
        gtk_filter_list_model_set_filter (self->filter_model, NULL);
    }
  else if (attached == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static char *
dup_search_text (DaMembersPage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
}

void
_da_members_page_show_message (DaMembersPage *self,
                               const char    *message)
{
  if (message != NULL)
    gtk_label_set_label (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

void
_da_members_page_update_busy (DaMembersPage *self)
{
  gboolean loading = (self->pager != NULL && da_pager_get_loading (self->pager)) ||
                     self->next_pager != NULL;
  gboolean sorted = is_sorted (self);
  gboolean sorting = gtk_sort_list_model_get_pending (self->sort_model) > 0;

  /* While pages arrive in a list sorted by a column, it is sorted a slice at a time, in idle
   * time: otherwise GTK 4.8 merges each page into the whole sorted list at once, which held the
   * main loop a quarter of a second per page with 50,000 members. Once loaded and sorted, a
   * click on a column header sorts at once again, before the next frame. */
  gtk_sort_list_model_set_incremental (self->sort_model, (loading && sorted) || sorting);
  da_page_set_busy (DA_PAGE (self), loading || sorting || self->actions_running > 0);
}

/* ---- Selection -------------------------------------------------------------------------- */

GPtrArray *
_da_members_page_get_selected (DaMembersPage *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (members, g_list_model_get_item (G_LIST_MODEL (model), position));

  return members;
}

GHashTable *
_da_members_page_dup_selected_ids (DaMembersPage *self)
{
  g_autoptr(GPtrArray) members = _da_members_page_get_selected (self);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < members->len; i++)
    g_hash_table_add (ids, g_strdup (da_member_get_user_id (g_ptr_array_index (members, i))));

  return ids;
}

void
_da_members_page_select_ids (DaMembersPage *self,
                             GHashTable    *ids)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n);

  if (ids != NULL && g_hash_table_size (ids) > 0)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DaMember) member = g_list_model_get_item (model, i);

        if (g_hash_table_contains (ids, da_member_get_user_id (member)))
          gtk_bitset_add (selected, i);
      }

  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
}

static gboolean
find_in_store (DaRowStore *store,
               const char *user_id,
               guint      *position)
{
  guint n = store != NULL ? g_list_model_get_n_items (G_LIST_MODEL (store)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (da_member_get_user_id (member), user_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

void
_da_members_page_replace_member (DaMembersPage *self,
                                 DaMember      *member)
{
  g_autoptr(GHashTable) ids = _da_members_page_dup_selected_ids (self);
  DaRowStore *stores[] = {
    shown_store (self),
    self->next_pager != NULL ? DA_ROW_STORE (da_pager_get_model (self->next_pager)) : NULL,
  };
  guint position;

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    if (find_in_store (stores[i], da_member_get_user_id (member), &position))
      da_row_store_splice (stores[i], position, 1, (gpointer *) &member, 1);

  /* The row may have moved (a sorted column changed): select the same people again. */
  _da_members_page_select_ids (self, ids);

  if (_da_members_page_details_shows (self, da_member_get_user_id (member)))
    da_member_details_set_member (self->details, member);
}

void
_da_members_page_forget_member (DaMembersPage *self,
                                const char    *user_id)
{
  DaRowStore *stores[] = {
    shown_store (self),
    self->next_pager != NULL ? DA_ROW_STORE (da_pager_get_model (self->next_pager)) : NULL,
  };
  guint position;

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    if (find_in_store (stores[i], user_id, &position))
      da_row_store_remove (stores[i], position);

  if (_da_members_page_details_shows (self, user_id))
    {
      da_member_details_set_member (self->details, NULL);
      gtk_stack_set_visible_child_name (self->details_stack, "none");
    }
}

GHashTable *
_da_members_page_dup_member_emails (DaMembersPage *self)
{
  GHashTable *emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *model = self->pager != NULL ? da_pager_get_model (self->pager) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (model, i);

      g_hash_table_add (emails, g_strdup (da_member_get_email_key (member)));
    }

  return emails;
}

void
_da_members_page_show_details (DaMembersPage *self,
                               DaMember      *member)
{
  da_member_details_set_member (ensure_details (self), member);
  gtk_stack_set_visible_child_name (self->details_stack, "member");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->details_pane);
}

static void
update_selection_ui (DaMembersPage *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  guint64 n = gtk_bitset_get_size (selected);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean online = !da_page_get_offline (DA_PAGE (self));
  g_autofree char *count = da_format_count ((gint64) n);
  g_autofree char *text = NULL;

  if (n == 1)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (G_LIST_MODEL (model),
                                                          gtk_bitset_get_minimum (selected));

      if (_da_members_page_get_details_member (self) != member)
        da_member_details_set_member (ensure_details (self), member);
      gtk_stack_set_visible_child_name (self->details_stack, "member");
    }
  else if (n > 1)
    {
      /* Translators: %s is a count, "3 Members Selected" */
      text = g_strdup_printf (ngettext ("%s Member Selected", "%s Members Selected", n), count);
      adw_status_page_set_title (self->many_page, text);
      g_clear_pointer (&text, g_free);
      /* Set once shown (see the template): an icon is loaded for a hidden page too. */
      adw_status_page_set_icon_name (self->many_page, "system-users-symbolic");
      gtk_stack_set_visible_child_name (self->details_stack, "many");
    }
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->details_stack), "member") != 0 ||
           self->lookup_pager == NULL)
    {
      /* Nothing selected: no details, unless they show a member just looked up. */
      gtk_stack_set_visible_child_name (self->details_stack, "none");
    }

  /* Translators: %s is a count of selected members */
  text = g_strdup_printf (ngettext ("%s selected", "%s selected", n), count);
  gtk_label_set_label (self->selection_label, text);
  gtk_action_bar_set_revealed (self->selection_bar, n > 1 || (n == 1 && folded));
  gtk_widget_set_visible (self->details_button, n == 1 && folded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.details", n == 1 && folded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.change-role", n > 0 && online);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.add-to-organizations",
                                 n > 0 && online);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.remove", n > 0 && online);
}

static void
on_selection_changed_cb (DaMembersPage *self)
{
  update_selection_ui (self);
}

/* Offline, nothing can be changed: the list shows what was loaded before. */
static void
update_offline_ui (DaMembersPage *self)
{
  gboolean online = !da_page_get_offline (DA_PAGE (self));

  gtk_widget_set_sensitive (self->invite_button, online);
  gtk_widget_set_sensitive (self->invite_address_button, online);
  da_page_set_can_new (DA_PAGE (self), online);
  update_selection_ui (self);
}

static void
on_row_activated_cb (DaMembersPage *self,
                     guint          position)
{
  g_autoptr(DaMember) member = NULL;

  /* A row of the view: its member is at the scrolled position. */
  position = da_row_viewport_get_position (self->row_viewport, position);
  if (position != GTK_INVALID_LIST_POSITION)
    member = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (member != NULL)
    _da_members_page_show_details (self, member);
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DaMembersPage *self = DA_MEMBERS_PAGE (widget);
  g_autoptr(GPtrArray) members = _da_members_page_get_selected (self);

  if (members->len == 1)
    _da_members_page_show_details (self, g_ptr_array_index (members, 0));
}

static void
on_back_clicked_cb (DaMembersPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_leaflet_folded_cb (DaMembersPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->details_bar, folded);
  update_selection_ui (self);
}

/* ---- What is shown ---------------------------------------------------------------------- */

static void
update_no_match (DaMembersPage *self)
{
  g_autofree char *text = dup_search_text (self);
  g_autofree char *description = NULL;
  gboolean loading = self->pager != NULL && da_pager_get_has_more (self->pager);

  if (self->lookup_pager != NULL)
    return;

  if (self->search_tokens == NULL)
    description = g_strdup (_("No member has this role."));
  else if (loading)
    /* Translators: %s is what was searched for */
    description = g_strdup_printf (_("No member loaded so far matches “%s”."), text);
  else
    /* Translators: %s is what was searched for */
    description = g_strdup_printf (_("No member matches “%s”."), text);

  adw_status_page_set_description (self->no_match_page, description);
  gtk_widget_set_visible (self->lookup_button,
                          self->search_tokens != NULL && da_input_email_is_valid (text));
  gtk_widget_set_sensitive (self->lookup_button, TRUE);
  gtk_widget_set_visible (self->invite_address_button, FALSE);
}

static void
update_visible_ui (DaMembersPage *self)
{
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_all = n_loaded (self);
  g_autofree char *visible = da_format_count (n_visible);
  g_autofree char *all = da_format_count (n_all);
  g_autofree char *text = NULL;
  gboolean complete = self->pager == NULL || !da_pager_get_has_more (self->pager);
  gint64 total = self->pager != NULL ? da_pager_get_total (self->pager) : -1;

  if (is_filtering (self) && complete)
    /* Translators: "12 of 120 members", how many are shown of how many there are */
    text = g_strdup_printf (ngettext ("%s of %s member", "%s of %s members", n_all),
                            visible, all);
  else if (is_filtering (self))
    /* Translators: "12 of 200 members loaded so far", while the list loads */
    text = g_strdup_printf (ngettext ("%s of %s member loaded so far",
                                      "%s of %s members loaded so far", n_all),
                            visible, all);
  else if (complete || total < 0)
    text = g_strdup_printf (ngettext ("%s member", "%s members", n_all), all);
  else
    {
      g_autofree char *total_text = da_format_count (total);

      /* Translators: "200 of 2,000 members loaded", while the list loads */
      text = g_strdup_printf (ngettext ("%s of %s member loaded", "%s of %s members loaded",
                                        total),
                              all, total_text);
    }
  gtk_label_set_label (self->count_label, text);

  if (n_visible == 0 && n_all > 0 && is_filtering (self))
    {
      update_no_match (self);
      /* Set once shown (see the template): an icon is loaded for a hidden page too. */
      adw_status_page_set_icon_name (self->no_match_page, "edit-find-symbolic");
      gtk_stack_set_visible_child_name (self->list_stack, "no-match");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  da_page_set_can_export (DA_PAGE (self), n_visible > 0);
  gtk_widget_set_sensitive (self->export_button, n_visible > 0);
}

static void
on_visible_items_changed_cb (DaMembersPage *self)
{
  update_visible_ui (self);
}

static void
update_footer (DaMembersPage *self)
{
  if (self->pager != NULL && da_pager_get_loading (self->pager))
    da_list_footer_show_loading (self->footer, n_loaded (self), da_pager_get_total (self->pager));
  else if (da_list_footer_get_state (self->footer) != DA_LIST_FOOTER_ERROR)
    da_list_footer_hide (self->footer);
}

/* ---- Search and role filter ------------------------------------------------------------- */

static gboolean
filter_member (gpointer item,
               gpointer user_data)
{
  DaMembersPage *self = user_data;
  DaMember *member = item;
  const char *search;

  if (self->role_filter != NULL &&
      g_strcmp0 (da_member_get_enterprise_role (member), self->role_filter) != 0)
    return FALSE;

  if (self->search_tokens == NULL)
    return TRUE;

  search = da_member_get_search_text (member);
  for (guint i = 0; self->search_tokens[i] != NULL; i++)
    if (strstr (search, self->search_tokens[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* The words of a search, folded; NULL when there are none. */
static GStrv
tokenize (const char *text)
{
  g_autofree char *folded = da_member_fold_for_search (text);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        g_strv_builder_add (builder, words[i]);
        any = TRUE;
      }

  return any ? g_strv_builder_end (builder) : NULL;
}

/* Whether each word of @narrow is within a word of @wide: then whatever has every word of @wide
 * has every word of @narrow too. */
static gboolean
words_cover (GStrv wide,
             GStrv narrow)
{
  for (guint i = 0; narrow[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; wide[j] != NULL && !found; j++)
        found = strstr (wide[j], narrow[i]) != NULL;
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* -1 when nothing changed, else a GtkFilterChange. */
static int
search_change (GStrv old_words,
               GStrv new_words)
{
  gboolean stricter, looser;

  if (old_words == NULL && new_words == NULL)
    return -1;
  if (old_words == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_words == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;

  stricter = words_cover (new_words, old_words);
  looser = words_cover (old_words, new_words);
  if (stricter && looser)
    return -1;
  if (stricter)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (looser)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
clear_lookup (DaMembersPage *self)
{
  if (self->lookup_cancellable != NULL)
    g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->lookup_pager);
  g_clear_pointer (&self->lookup_email, g_free);
}

static void
on_search_changed_cb (DaMembersPage *self)
{
  g_autofree char *text = dup_search_text (self);
  GStrv words = tokenize (text);
  int change = search_change (self->search_tokens, words);

  clear_lookup (self);
  g_strfreev (self->search_tokens);
  self->search_tokens = words;

  if (change >= 0)
    change_filter (self, change);
  update_visible_ui (self);
}

static void start_lookup (DaMembersPage *self);

static void
on_search_activate_cb (DaMembersPage *self)
{
  g_autofree char *text = dup_search_text (self);
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (n_visible == 0 && da_input_email_is_valid (text))
    {
      start_lookup (self);
      return;
    }

  /* Enter takes the first match. */
  if (n_visible > 0)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
      on_row_activated_cb (self, 0);
    }
}

static void
on_role_filter_changed_cb (DaMembersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->role_dropdown);
  const char *role_id = NULL;
  int change;

  if (self->syncing_roles)
    return;

  if (self->role_filter_ids != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected < g_strv_length (self->role_filter_ids))
    role_id = self->role_filter_ids[selected];

  if (g_strcmp0 (role_id, self->role_filter) == 0)
    return;

  if (self->role_filter == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (role_id == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->role_filter);
  self->role_filter = g_strdup (role_id);
  change_filter (self, change);
  update_visible_ui (self);
}

/* The dropdown offers every enterprise role known; the role chosen stays chosen. */
static void
rebuild_role_filter (DaMembersPage *self)
{
  GPtrArray *roles = da_context_get_roles (da_page_get_context (DA_PAGE (self)));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint selected = 0;
  guint n = 1;

  gtk_string_list_append (names, _("All Roles"));
  g_strv_builder_add (ids, "");
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      DaRole *role = g_ptr_array_index (roles, i);

      if (!da_role_is_enterprise_role (role))
        continue;
      gtk_string_list_append (names, da_role_get_role_name (role));
      g_strv_builder_add (ids, da_role_get_role_id (role));
      if (g_strcmp0 (da_role_get_role_id (role), self->role_filter) == 0)
        selected = n;
      n++;
    }

  g_strfreev (self->role_filter_ids);
  self->role_filter_ids = g_strv_builder_end (ids);

  /* The filter changes once, if at all: to everyone when the role chosen went away. */
  self->syncing_roles = TRUE;
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->role_dropdown, selected);
  self->syncing_roles = FALSE;
  on_role_filter_changed_cb (self);
}

/* ---- Sorting ---------------------------------------------------------------------------- */

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  int result = strcmp (da_member_get_name_key ((DaMember *) a), da_member_get_name_key ((DaMember *) b));

  return result != 0 ? result : strcmp (da_member_get_email_key ((DaMember *) a),
                                        da_member_get_email_key ((DaMember *) b));
}

static int
compare_emails (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return strcmp (da_member_get_email_key ((DaMember *) a), da_member_get_email_key ((DaMember *) b));
}

static const char *
role_key (DaMembersPage *self,
          const char    *role_id)
{
  const char *key;

  if (role_id == NULL)
    return "";

  key = g_hash_table_lookup (self->role_keys, role_id);
  if (key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (_da_members_page_role_name (self, role_id), -1);
      char *new_key = g_utf8_collate_key (folded, -1);

      g_hash_table_insert (self->role_keys, g_strdup (role_id), new_key);
      key = new_key;
    }

  return key;
}

static int
compare_roles (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DaMembersPage *self = user_data;

  return strcmp (role_key (self, da_member_get_enterprise_role ((DaMember *) a)),
                 role_key (self, da_member_get_enterprise_role ((DaMember *) b)));
}

/* "Never" goes last whichever way the column sorts: the column view turns this column's result
 * around when it sorts descending, so then "Never" is made the smallest. */
static int
compare_last_logins (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  DaMembersPage *self = user_data;
  gint64 la = da_member_get_last_login ((DaMember *) a);
  gint64 lb = da_member_get_last_login ((DaMember *) b);

  if (la == lb)
    return 0;
  if (la == DA_TIME_UNSET)
    return self->last_login_descending ? -1 : 1;
  if (lb == DA_TIME_UNSET)
    return self->last_login_descending ? 1 : -1;
  return compare_int64 (la, lb);
}

static int
compare_logins (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return compare_int64 (MAX (da_member_get_login_count ((DaMember *) a), 0),
                        MAX (da_member_get_login_count ((DaMember *) b), 0));
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return compare_int64 (da_member_get_sessions_created_count ((DaMember *) a),
                        da_member_get_sessions_created_count ((DaMember *) b));
}

/* GTK 4.8 does not say which way a column view sorts. Two members alike but for their last login
 * ask it: compared through the column view's sorter, the earlier comes after the later exactly
 * when the last login column sorts descending. Connected before the sort model, so the answer is
 * known before the rows are sorted again. */
static void
on_view_sorter_changed_cb (GtkSorter     *sorter,
                           int            change,
                           DaMembersPage *self)
{
  self->last_login_descending = gtk_sorter_compare (sorter, self->probe_early,
                                                    self->probe_late) == GTK_ORDERING_LARGER;
  /* Sorted now, or no longer. */
  connect_models (self);
  /* Sorted in slices or at once (see _da_members_page_update_busy()), before the rows are. */
  _da_members_page_update_busy (self);
}

static DaMember *
new_probe (const char *last_login)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) error = NULL;
  DaMember *member;

  json_object_set_string_member (object, "user_id", "probe");
  json_object_set_string_member (object, "email", "probe@example.com");
  json_object_set_string_member (object, "name", "Probe");
  json_object_set_string_member (object, "enterprise_role", "probe");
  json_object_set_string_member (object, "last_login", last_login);
  member = da_member_new_from_json (object, &error);
  g_assert_no_error (error);
  return member;
}

/* ---- Cells ------------------------------------------------------------------------------ */

/* @css_class: NULL, or the class that gives the label its least width (style.css) */
static GtkWidget *
new_cell_label (gboolean    numeric,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Ellipsized, a label could shrink to nothing: names and addresses keep enough to be read,
   * and the list scrolls sideways on a narrow window. A CSS min-width in em rather than
   * gtk_label_set_width_chars(): GTK 4.8 works out the width of a character (a sample text
   * shaped) each time such a label is measured. */
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  /* The name beside it says who it is. A DaAvatar, not an AdwAvatar: one font size for all
   * rows' initials (see da-avatar.h). */
  GtkWidget *avatar = da_avatar_new (28);

  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), new_cell_label (FALSE, "da-member-name"));
  gtk_list_item_set_child (item, box);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  DaMember *member = da_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *avatar = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (avatar);
  const char *name = da_member_get_name (member);
  g_autofree char *avatar_text = NULL;

  if (name == NULL || *name == '\0')
    name = da_member_get_email (member);
  avatar_text = da_format_avatar_text (name);
  da_avatar_set_text (DA_AVATAR (avatar), avatar_text);
  gtk_label_set_label (GTK_LABEL (label), name);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  /* Role and Last Login have fixed widths: their cells need not be measured across. */
  gtk_list_item_set_child (item, da_fixed_width_new (new_cell_label (FALSE, NULL)));
}

static void
setup_email_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, new_cell_label (FALSE, "da-member-email"));
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  /* Logins and Sessions have fixed widths, as Role and Last Login. */
  gtk_list_item_set_child (item, da_fixed_width_new (new_cell_label (TRUE, NULL)));
}

static void
bind_email_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  DaMember *member = da_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), da_member_get_email (member));
}

static void
bind_role_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  DaMembersPage *self = user_data;
  DaMember *member = da_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (da_fixed_width_get_item_content (item)),
                       _da_members_page_role_name (self, da_member_get_enterprise_role (member)));
}

static void
bind_last_login_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  DaMember *member = da_list_item_get_item (item);
  GtkWidget *label = da_fixed_width_get_item_content (item);
  gint64 when = da_member_get_last_login (member);
  g_autofree char *relative = NULL;
  g_autofree char *exact = NULL;

  if (when != DA_TIME_UNSET)
    {
      relative = da_format_relative_time (when, da_now ());
      exact = da_format_exact_time (when);
    }

  gtk_label_set_label (GTK_LABEL (label), relative != NULL ? relative : C_("last login", "Never"));
  da_cell_set_tooltip (label, exact);
}

static void
set_count_label (GtkListItem *item,
                 gint64       count)
{
  g_autofree char *text = da_format_count (MAX (count, 0));

  gtk_label_set_label (GTK_LABEL (da_fixed_width_get_item_content (item)), text);
}

static void
bind_logins_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  set_count_label (item, da_member_get_login_count (da_list_item_get_item (item)));
}

static void
bind_sessions_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  set_count_label (item, da_member_get_sessions_created_count (da_list_item_get_item (item)));
}

static void set_column_shown (GtkColumnViewColumn *column,
                              gboolean             shown,
                              int                 *shown_width);

static GtkColumnViewColumn *
add_column (DaMembersPage    *self,
            const char       *title,
            GCallback         setup,
            GCallback         bind,
            GCompareDataFunc  compare,
            gboolean          expand,
            int               width,
            GtkSorter       **sorter_out)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, self, NULL));

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (self->column_view, column);

  if (sorter_out != NULL)
    *sorter_out = g_object_ref (sorter);
  return column;
}

static void
add_columns (DaMembersPage *self)
{
  self->name_column = add_column (self, _("Name"), G_CALLBACK (setup_name_cb),
                                  G_CALLBACK (bind_name_cb), compare_names, TRUE, -1, NULL);
  self->email_column = add_column (self, _("Email"), G_CALLBACK (setup_email_cb),
                                   G_CALLBACK (bind_email_cb), compare_emails, TRUE, -1, NULL);
  self->role_column = add_column (self, _("Role"), G_CALLBACK (setup_text_cb),
                                  G_CALLBACK (bind_role_cb), compare_roles, FALSE, 110,
                                  &self->role_sorter);
  self->last_login_column = add_column (self, _("Last Login"), G_CALLBACK (setup_text_cb),
                                        G_CALLBACK (bind_last_login_cb), compare_last_logins,
                                        FALSE, 130, NULL);
  self->logins_column = add_column (self, _("Logins"), G_CALLBACK (setup_number_cb),
                                    G_CALLBACK (bind_logins_cb), compare_logins, FALSE, 80, NULL);
  self->sessions_column = add_column (self, _("Sessions"), G_CALLBACK (setup_number_cb),
                                      G_CALLBACK (bind_sessions_cb), compare_sessions, FALSE, 90,
                                      NULL);

  /* Hidden until an allocation finds the list wide enough (da_members_page_size_allocate()):
   * a window of the default size has no room for them, and their cells would be made with the
   * first rows only to be taken down at the first layout. */
  set_column_shown (self->logins_column, FALSE, &self->logins_width);
  set_column_shown (self->sessions_column, FALSE, &self->sessions_width);
}

/* Role names arrived: the role cells show them, and sorting by role follows them. */
static void
rebind_role_column (DaMembersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  factory = g_object_ref (gtk_column_view_column_get_factory (self->role_column));
  gtk_column_view_column_set_factory (self->role_column, NULL);
  gtk_column_view_column_set_factory (self->role_column, factory);

  g_hash_table_remove_all (self->role_keys);
  gtk_sorter_changed (self->role_sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* ---- Loading ---------------------------------------------------------------------------- */

static void
restore_scroll (DaMembersPage *self,
                double         value)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  if (value > 0 && gtk_adjustment_get_value (adjustment) != value)
    gtk_adjustment_set_value (adjustment, value);
}

/* Shows the list of @pager in place of the one shown, with the same people selected. */
static void
swap_in (DaMembersPage *self,
         DaPager       *pager)
{
  g_autoptr(GHashTable) keep = g_steal_pointer (&self->keep_selection);
  double scroll = self->keep_scroll;

  g_object_ref (pager);
  if (pager == self->next_pager)
    g_clear_object (&self->next_pager);
  g_clear_object (&self->pager);
  self->pager = pager;
  self->keep_scroll = 0;

  connect_models (self);
  if (keep != NULL && g_hash_table_size (keep) > 0)
    _da_members_page_select_ids (self, keep);
  restore_scroll (self, scroll);

  update_visible_ui (self);
  update_selection_ui (self);
}

/* A refresh is shown as soon as it can stand for the list shown: once it has as many rows, or
 * at once when the list is at its top with nothing selected. */
static gboolean
should_swap (DaMembersPage *self)
{
  guint n_new = g_list_model_get_n_items (da_pager_get_model (self->next_pager));

  if (n_new >= n_loaded (self))
    return TRUE;

  return self->keep_scroll <= 0 &&
         (self->keep_selection == NULL || g_hash_table_size (self->keep_selection) == 0);
}

static void
on_page_loaded_cb (DaPager       *pager,
                   guint          position,
                   guint          n_items,
                   DaMembersPage *self)
{
  GListModel *model = da_pager_get_model (pager);

  /* Make the search keys now, a page at a time, rather than all at the first key typed. */
  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (model, i);

      da_member_get_search_text (member);
    }

  if (pager == self->next_pager)
    {
      if (should_swap (self))
        swap_in (self, pager);
    }
  else if (pager == self->pager)
    {
      if (!self->loaded && da_state_view_get_state (self->state_view) == DA_STATE_VIEW_LOADING)
        da_state_view_show_content (self->state_view);
    }

  update_footer (self);
}

static void
load_done (DaMembersPage *self,
           DaPager       *pager,
           GError        *error)
{
  if (pager == self->next_pager)
    {
      if (error == NULL)
        swap_in (self, pager);
      else
        {
          /* The refresh failed: the list shown stays, and Retry starts the refresh again. */
          g_clear_object (&self->next_pager);
          g_clear_pointer (&self->keep_selection, g_hash_table_unref);
          self->keep_scroll = 0;
          self->retry_refreshes = TRUE;
        }
    }

  _da_members_page_update_busy (self);

  if (error == NULL)
    {
      self->loaded = TRUE;
      da_list_footer_hide (self->footer);
      da_page_set_error (DA_PAGE (self), NULL);
      if (n_loaded (self) == 0)
        da_state_view_show_empty (self->state_view);
      else
        da_state_view_show_content (self->state_view);
      update_visible_ui (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    {
      update_footer (self);
      return;
    }

  if (n_loaded (self) > 0)
    {
      /* Rows are shown: they stay, and the footer says what went wrong, with Retry. */
      da_list_footer_show_error (self->footer, error);
      return;
    }

  da_list_footer_hide (self->footer);
  if (da_page_handle_error (DA_PAGE (self), error) == DA_PAGE_ERROR_IN_PAGE)
    da_state_view_show_error (self->state_view, error);
}

static void
load_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DaMembersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  DaPager *pager = DA_PAGER (object);

  da_pager_load_all_finish (pager, result, &error);

  /* An older load's answer. */
  if (pager != self->pager && pager != self->next_pager)
    return;

  load_done (self, pager, error);
}

static void
roles_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DaMembersPage) self = user_data;
  g_autoptr(GPtrArray) roles = NULL;

  /* Without roles, roles show by their IDs; the members' load reports what went wrong. */
  roles = da_context_load_roles_finish (DA_CONTEXT (object), result, NULL);
  if (roles == NULL)
    return;

  rebuild_role_filter (self);
  rebind_role_column (self);
}

static void
start_load (DaMembersPage *self)
{
  DaContext *context = da_page_get_context (DA_PAGE (self));
  g_autoptr(DaPager) pager = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->next_pager);
  g_clear_pointer (&self->keep_selection, g_hash_table_unref);
  self->keep_scroll = 0;
  self->retry_refreshes = FALSE;

  pager = da_client_list_members (da_context_get_client (context), NULL);
  da_pager_set_page_size (pager, PAGE_SIZE);
  da_pager_set_first_page_size (pager, FIRST_PAGE_SIZE);
  g_signal_connect_object (pager, "page-loaded", G_CALLBACK (on_page_loaded_cb), self, 0);

  if (n_loaded (self) == 0)
    {
      /* Nothing worth keeping on screen: show the new list as it fills. */
      swap_in (self, pager);
      da_state_view_show_loading (self->state_view);
    }
  else
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

      /* Keep the list shown (selection, scroll) until the new one can take its place. */
      self->next_pager = g_object_ref (pager);
      self->keep_selection = _da_members_page_dup_selected_ids (self);
      self->keep_scroll = gtk_adjustment_get_value (adjustment);
    }

  da_list_footer_hide (self->footer);
  da_context_load_roles_async (context, self->cancellable, roles_loaded_cb, g_object_ref (self));
  da_pager_load_all_async (pager, self->cancellable, load_all_cb, g_object_ref (self));
  _da_members_page_update_busy (self);
  update_footer (self);
}

static void
on_retry_cb (DaMembersPage *self)
{
  da_page_refresh (DA_PAGE (self));
}

static void
on_footer_retry_cb (DaMembersPage *self)
{
  if (self->retry_refreshes || self->pager == NULL)
    {
      da_page_refresh (DA_PAGE (self));
      return;
    }

  /* Continue where the pager stopped: the rows loaded stay, none comes twice. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  da_pager_load_all_async (self->pager, self->cancellable, load_all_cb, g_object_ref (self));
  _da_members_page_update_busy (self);
  da_list_footer_show_loading (self->footer, n_loaded (self), da_pager_get_total (self->pager));
}

/* ---- Looking up an address -------------------------------------------------------------- */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DaMembersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMember) member = NULL;
  g_autofree char *text = NULL;
  DaPager *pager = DA_PAGER (object);
  GListModel *model = da_pager_get_model (pager);

  if (!da_pager_load_next_finish (pager, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pager != self->lookup_pager)
    return;

  gtk_widget_set_sensitive (self->lookup_button, TRUE);

  if (error != NULL)
    {
      text = _da_members_page_describe_failure (_("The address could not be looked up."), error);
      if (text != NULL)
        adw_status_page_set_description (self->no_match_page, text);
      return;
    }

  if (g_list_model_get_n_items (model) == 0)
    {
      /* Translators: %s is an email address */
      text = g_strdup_printf (_("No member has the address %s."), self->lookup_email);
      adw_status_page_set_description (self->no_match_page, text);
      g_clear_pointer (&text, g_free);
      /* Translators: %s is an email address */
      text = g_strdup_printf (_("Invite %s…"), self->lookup_email);
      gtk_button_set_label (GTK_BUTTON (self->invite_address_button), text);
      gtk_widget_set_visible (self->lookup_button, FALSE);
      gtk_widget_set_visible (self->invite_address_button, TRUE);
      return;
    }

  member = g_list_model_get_item (model, 0);
  /* Translators: %s is an email address */
  text = g_strdup_printf (_("%s is a member: their details are shown. The list shows them once "
                            "it has loaded them."), da_member_get_email (member));
  adw_status_page_set_description (self->no_match_page, text);
  gtk_widget_set_visible (self->lookup_button, FALSE);
  _da_members_page_show_details (self, member);
}

static void
start_lookup (DaMembersPage *self)
{
  g_autofree char *text = dup_search_text (self);
  g_autofree char *description = NULL;

  if (!da_input_email_is_valid (text))
    return;

  clear_lookup (self);
  self->lookup_email = g_steal_pointer (&text);
  self->lookup_cancellable = g_cancellable_new ();
  self->lookup_pager = da_client_list_members (_da_members_page_get_client (self),
                                               self->lookup_email);

  /* Translators: %s is an email address */
  description = g_strdup_printf (_("Looking up %s on the server…"), self->lookup_email);
  adw_status_page_set_description (self->no_match_page, description);
  gtk_widget_set_sensitive (self->lookup_button, FALSE);

  da_pager_load_next_async (self->lookup_pager, self->lookup_cancellable, lookup_cb,
                            g_object_ref (self));
}

static void
on_lookup_clicked_cb (DaMembersPage *self)
{
  start_lookup (self);
}

static void
on_invite_address_clicked_cb (DaMembersPage *self)
{
  if (self->lookup_email != NULL)
    _da_members_page_open_invite (self, self->lookup_email);
}

/* ---- Export ----------------------------------------------------------------------------- */

typedef struct
{
  DaMembersPage *self;
  GBytes        *contents;
  guint          n_rows;
  GFile         *file;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_bytes_unref (export->contents);
  g_clear_object (&export->file);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
add_time_field (DaCsvWriter *writer,
                gint64       when)
{
  g_autofree char *text = when != DA_TIME_UNSET ? da_format_iso_timestamp (when) : NULL;

  da_csv_writer_add_field (writer, text);
}

/* The visible rows, in their order, as CSV. Column names are the API's, so scripts can read
 * the file. */
static GBytes *
visible_rows_to_csv (DaMembersPage *self,
                     guint         *n_rows)
{
  static const char * const header[] = {
    "user_id", "name", "email", "enterprise_role", "enterprise_role_name", "created_at",
    "last_login", "login_count", "sessions_created_count", "searches_created_count", "saml_id",
    NULL
  };
  GListModel *model = G_LIST_MODEL (self->filter_model);
  DaCsvWriter *writer = da_csv_writer_new ();
  guint n = g_list_model_get_n_items (model);

  da_csv_writer_add_row (writer, header);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DaMember) member = g_list_model_get_item (model, i);
      const char *role = da_member_get_enterprise_role (member);
      gint64 logins = da_member_get_login_count (member);

      da_csv_writer_add_field (writer, da_member_get_user_id (member));
      da_csv_writer_add_field (writer, da_member_get_name (member));
      da_csv_writer_add_field (writer, da_member_get_email (member));
      da_csv_writer_add_field (writer, role);
      da_csv_writer_add_field (writer, _da_members_page_role_name (self, role));
      add_time_field (writer, da_member_get_created_at (member));
      add_time_field (writer, da_member_get_last_login (member));
      if (logins >= 0)
        da_csv_writer_add_int (writer, logins);
      else
        da_csv_writer_add_field (writer, NULL);
      da_csv_writer_add_int (writer, da_member_get_sessions_created_count (member));
      da_csv_writer_add_int (writer, da_member_get_searches_created_count (member));
      da_csv_writer_add_field (writer, da_member_get_saml_id (member));
      da_csv_writer_end_row (writer);
    }

  *n_rows = n;
  return da_csv_writer_free_to_bytes (writer);
}

static void
export_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *count = da_format_count (export->n_rows);
  g_autofree char *text = NULL;

  if (!da_save_bytes_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("The list could not be saved to “%s”: %s"), name, error->message);
      _da_members_page_show_message (export->self, text);
      return;
    }

  /* Translators: the first %s is a count, the second a file name */
  text = g_strdup_printf (ngettext ("Exported %s member to “%s”", "Exported %s members to “%s”",
                                    export->n_rows),
                          count, name);
  da_page_show_toast (DA_PAGE (export->self), text);
}

static void
export_file_chosen_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  GCancellable *cancellable;
  GBytes *contents;
  GFile *file;

  export->file = da_choose_save_file_finish (result);
  if (export->file == NULL)
    return;

  /* Member lists name people: the file is readable by its owner only. */
  file = export->file;
  contents = export->contents;
  cancellable = export->self->action_cancellable;
  da_save_bytes_async (file, contents, TRUE, cancellable, export_saved_cb,
                       g_steal_pointer (&export));
}

static void
export_visible (DaMembersPage *self)
{
  Export *export;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    return;

  /* What is on screen when Export is chosen is what is saved. */
  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->contents = visible_rows_to_csv (self, &export->n_rows);

  da_choose_save_file_async (GTK_WIDGET (self), _("Export Members"), "members.csv",
                             _("CSV files"), "*.csv", self->action_cancellable,
                             export_file_chosen_cb, export);
}

static void
on_export_clicked_cb (DaMembersPage *self)
{
  export_visible (self);
}

/* ---- Actions from the widgets ----------------------------------------------------------- */

static void
on_invite_clicked_cb (DaMembersPage *self)
{
  _da_members_page_open_invite (self, NULL);
}

static void
on_dismiss_clicked_cb (DaMembersPage *self)
{
  _da_members_page_show_message (self, NULL);
}

static void
change_role_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DaMembersPage *self = DA_MEMBERS_PAGE (widget);
  g_autoptr(GPtrArray) members = _da_members_page_get_selected (self);

  if (members->len > 0)
    _da_members_page_ask_role (self, members);
}

static void
add_to_organizations_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DaMembersPage *self = DA_MEMBERS_PAGE (widget);
  g_autoptr(GPtrArray) members = _da_members_page_get_selected (self);

  if (members->len > 0)
    _da_members_page_ask_organizations (self, members);
}

static void
remove_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DaMembersPage *self = DA_MEMBERS_PAGE (widget);
  g_autoptr(GPtrArray) members = _da_members_page_get_selected (self);

  if (members->len > 0)
    _da_members_page_ask_remove (self, members);
}

static void
on_details_change_role_cb (DaMembersPage   *self,
                           const char      *role_id,
                           DaMemberDetails *details)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  DaMember *member = da_member_details_get_member (details);

  if (member == NULL)
    return;
  g_ptr_array_add (members, g_object_ref (member));
  _da_members_page_change_role (self, members, role_id);
}

static void
on_details_remove_cb (DaMembersPage   *self,
                      DaMemberDetails *details)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  DaMember *member = da_member_details_get_member (details);

  if (member == NULL)
    return;
  g_ptr_array_add (members, g_object_ref (member));
  _da_members_page_ask_remove (self, members);
}

/* The details of one member, made when first needed: most starts select no one, and its
 * widgets would be built and styled for a first frame that does not show them. */
static DaMemberDetails *
ensure_details (DaMembersPage *self)
{
  DaContext *context;

  if (self->details != NULL)
    return self->details;

  context = da_page_get_context (DA_PAGE (self));
  self->details = DA_MEMBER_DETAILS (da_member_details_new (context));
  gtk_stack_add_named (self->details_stack, GTK_WIDGET (self->details), "member");
  g_signal_connect_object (self->details, "change-role", G_CALLBACK (on_details_change_role_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details, "remove", G_CALLBACK (on_details_remove_cb), self,
                           G_CONNECT_SWAPPED);

  return self->details;
}

DaMember *
_da_members_page_get_details_member (DaMembersPage *self)
{
  return self->details != NULL ? da_member_details_get_member (self->details) : NULL;
}

gboolean
_da_members_page_details_shows (DaMembersPage *self,
                                const char    *user_id)
{
  DaMember *shown = _da_members_page_get_details_member (self);

  return shown != NULL && g_strcmp0 (da_member_get_user_id (shown), user_id) == 0;
}

/* ---- DaPage ----------------------------------------------------------------------------- */

static void
da_members_page_refresh (DaPage *page)
{
  start_load (DA_MEMBERS_PAGE (page));
}

static void
da_members_page_focus_search (DaPage *page)
{
  DaMembersPage *self = DA_MEMBERS_PAGE (page);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
da_members_page_activate_new (DaPage *page)
{
  _da_members_page_open_invite (DA_MEMBERS_PAGE (page), NULL);
}

static void
da_members_page_export (DaPage *page)
{
  export_visible (DA_MEMBERS_PAGE (page));
}

static void
da_members_page_iface_init (DaPageInterface *iface)
{
  iface->refresh = da_members_page_refresh;
  iface->focus_search = da_members_page_focus_search;
  iface->activate_new = da_members_page_activate_new;
  iface->export = da_members_page_export;
}

/* ---- GObject ---------------------------------------------------------------------------- */

/* GTK 4.8 counts a hidden column's width in the column view's, and the list then ends short of
 * the view (later versions do not): a hidden column is given no width, and its own (the user
 * may have resized it) when it shows again. */
static void
set_column_shown (GtkColumnViewColumn *column,
                  gboolean             shown,
                  int                 *shown_width)
{
  if (gtk_column_view_column_get_visible (column) == shown)
    return;

  if (!shown)
    {
      *shown_width = gtk_column_view_column_get_fixed_width (column);
      gtk_column_view_column_set_fixed_width (column, 0);
    }
  else
    {
      gtk_column_view_column_set_fixed_width (column, *shown_width);
    }
  gtk_column_view_column_set_visible (column, shown);
}

static GtkSizeRequestMode
da_members_page_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (gtk_widget_get_first_child (widget));
}

static void
da_members_page_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* A list narrower than COUNTS_MIN_LIST_WIDTH keeps who, which role and when. Decided before the
 * leaflet is allocated, so that the frame that brings a new width lays out the columns for it.
 * Folded, the list is the page's width, which is always narrower than that. */
static void
da_members_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DaMembersPage *self = DA_MEMBERS_PAGE (widget);
  int pane_width, separator_width;
  gboolean counts;

  gtk_widget_measure (self->details_pane, GTK_ORIENTATION_HORIZONTAL, -1,
                      &pane_width, NULL, NULL, NULL);
  gtk_widget_measure (self->pane_separator, GTK_ORIENTATION_HORIZONTAL, -1,
                      &separator_width, NULL, NULL, NULL);
  counts = width - pane_width - separator_width >= COUNTS_MIN_LIST_WIDTH;
  set_column_shown (self->logins_column, counts, &self->logins_width);
  set_column_shown (self->sessions_column, counts, &self->sessions_width);

  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static void
da_members_page_map (GtkWidget *widget)
{
  DaMembersPage *self = DA_MEMBERS_PAGE (widget);

  GTK_WIDGET_CLASS (da_members_page_parent_class)->map (widget);

  /* Load when first shown. */
  if (self->pager == NULL)
    da_page_refresh (DA_PAGE (self));
}

static void
da_members_page_constructed (GObject *object)
{
  DaMembersPage *self = DA_MEMBERS_PAGE (object);
  DaContext *context;
  GtkSorter *view_sorter;

  G_OBJECT_CLASS (da_members_page_parent_class)->constructed (object);

  context = da_page_get_context (DA_PAGE (self));
  g_assert (DA_IS_CONTEXT (context));

  /* Before the sort model listens to it: see on_view_sorter_changed_cb(). */
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (on_view_sorter_changed_cb), self,
                           0);
  gtk_sort_list_model_set_sorter (self->sort_model, view_sorter);

  if (da_context_get_roles_loaded (context))
    rebuild_role_filter (self);

  g_signal_connect_object (da_context_get_client (context), "notify::offline",
                           G_CALLBACK (update_offline_ui), self, G_CONNECT_SWAPPED);
  update_offline_ui (self);
}

static void
da_members_page_dispose (GObject *object)
{
  DaMembersPage *self = (DaMembersPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->action_cancellable);
  clear_lookup (self);

  /* Taking the view apart changes its sorter and rows: nothing of it concerns us any more. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->sort_model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sort_model, self);
      gtk_sort_list_model_set_sorter (self->sort_model, NULL);
    }
  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
    }
  if (self->row_viewport != NULL)
    da_row_viewport_set_model (self->row_viewport, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_MEMBERS_PAGE);
  /* Children the template made but did not bind are ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->name_column);
  g_clear_object (&self->email_column);
  g_clear_object (&self->role_column);
  g_clear_object (&self->last_login_column);
  g_clear_object (&self->logins_column);
  g_clear_object (&self->sessions_column);
  g_clear_object (&self->role_sorter);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->pager);
  g_clear_object (&self->next_pager);

  G_OBJECT_CLASS (da_members_page_parent_class)->dispose (object);
}

static void
da_members_page_finalize (GObject *object)
{
  DaMembersPage *self = (DaMembersPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->action_cancellable);
  g_clear_object (&self->probe_early);
  g_clear_object (&self->probe_late);
  g_clear_pointer (&self->keep_selection, g_hash_table_unref);
  g_clear_pointer (&self->role_keys, g_hash_table_unref);
  g_clear_pointer (&self->search_tokens, g_strfreev);
  g_clear_pointer (&self->role_filter_ids, g_strfreev);
  g_clear_pointer (&self->role_filter, g_free);

  G_OBJECT_CLASS (da_members_page_parent_class)->finalize (object);
}

static void
da_members_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  if (!da_page_delegate_get_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_members_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  if (!da_page_delegate_set_property (object, prop_id, value, pspec))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
da_members_page_class_init (DaMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = da_members_page_constructed;
  object_class->dispose = da_members_page_dispose;
  object_class->finalize = da_members_page_finalize;
  object_class->get_property = da_members_page_get_property;
  object_class->set_property = da_members_page_set_property;

  widget_class->map = da_members_page_map;
  widget_class->get_request_mode = da_members_page_get_request_mode;
  widget_class->measure = da_members_page_measure;
  widget_class->size_allocate = da_members_page_size_allocate;

  da_page_install_properties (object_class, N_PROPS);

  g_type_ensure (DA_TYPE_FIXED_WIDTH);
  g_type_ensure (DA_TYPE_STATE_VIEW);
  g_type_ensure (DA_TYPE_LIST_FOOTER);
  g_type_ensure (DA_TYPE_ROW_VIEWPORT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, state_view);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, invite_button);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, row_viewport);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, lookup_button);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, invite_address_button);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, footer);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, remove_selected_button);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, orgs_selected_button);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, role_selected_button);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, details_button);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, pane_separator);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, details_pane);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, details_bar);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, DaMembersPage, many_page);
  /* Found with gtk_widget_get_template_child () when the page is made. */
  gtk_widget_class_bind_template_child_full (widget_class, "selection_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "selection_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_role_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_invite_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_lookup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_invite_address_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_footer_retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "members.details", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "members.change-role", NULL,
                                   change_role_action);
  gtk_widget_class_install_action (widget_class, "members.add-to-organizations", NULL,
                                   add_to_organizations_action);
  gtk_widget_class_install_action (widget_class, "members.remove", NULL, remove_action);
}

static void
da_members_page_init (DaMembersPage *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  self->action_cancellable = g_cancellable_new ();
  self->role_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->probe_early = new_probe ("2020-01-01T00:00:00Z");
  self->probe_late = new_probe ("2021-01-01T00:00:00Z");

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Made when first opened: most starts select nobody. */
  da_menu_button_set_menu_model_later (
    GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), DA_TYPE_MEMBERS_PAGE,
                                                    "selection_menu_button")),
    G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), DA_TYPE_MEMBERS_PAGE,
                                                 "selection_menu")));

  da_page_set_title (DA_PAGE (self), _("Members"));
  da_page_set_icon_name (DA_PAGE (self), "system-users-symbolic");
  da_page_set_can_search (DA_PAGE (self), TRUE);
  da_page_set_can_new (DA_PAGE (self), TRUE);

  gtk_search_entry_set_search_delay (self->search_entry, 0);

  gtk_string_list_append (roles, _("All Roles"));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));

  add_columns (self);

  self->sort_model = gtk_sort_list_model_new (NULL, NULL);
  self->filter = gtk_custom_filter_new (filter_member, self, NULL);
  /* Its model: see connect_models(). */
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  da_row_viewport_set_model (self->row_viewport, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_visible_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* A sort in slices going on (see _da_members_page_update_busy()). */
  g_signal_connect_object (self->sort_model, "notify::pending",
                           G_CALLBACK (_da_members_page_update_busy), self, G_CONNECT_SWAPPED);
  /* No search, no role: no filter (see change_filter()). */
  change_filter (self, GTK_FILTER_CHANGE_LESS_STRICT);
  update_visible_ui (self);
  update_selection_ui (self);

  /* Start-up timing, when the environment asks for it (bench/). */
  da_first_frame_report_when (GTK_WIDGET (self->column_view), G_LIST_MODEL (self->filter_model));
}

/* ---- Public API ------------------------------------------------------------------------- */

GtkWidget *
da_members_page_new (DaContext *context)
{
  g_return_val_if_fail (DA_IS_CONTEXT (context), NULL);

  return g_object_new (DA_TYPE_MEMBERS_PAGE,
                       "context", context,
                       NULL);
}

GListModel *
da_members_page_get_visible_model (DaMembersPage *self)
{
  g_return_val_if_fail (DA_IS_MEMBERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

GtkSelectionModel *
da_members_page_get_selection (DaMembersPage *self)
{
  g_return_val_if_fail (DA_IS_MEMBERS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GListModel *
da_members_page_get_loaded_model (DaMembersPage *self)
{
  g_return_val_if_fail (DA_IS_MEMBERS_PAGE (self), NULL);

  return gtk_sort_list_model_get_model (self->sort_model);
}

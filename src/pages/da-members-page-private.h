/* da-members-page-private.h: what the files of the Members page share
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "da-list-footer.h"
#include "da-member-details.h"
#include "da-members-page.h"
#include "da-row-viewport.h"
#include "da-state-view.h"

G_BEGIN_DECLS

/* More members than this changed at once: reload the list rather than each of them. */
#define DA_MEMBERS_REFETCH_MAX 25

struct _DaMembersPage
{
  GtkWidget            parent_instance;

  /* Owned */
  GCancellable        *cancellable;          /* the load; cancelled by the next and in dispose */
  GCancellable        *action_cancellable;   /* actions and dialogs; cancelled in dispose */
  DaPager             *pager;                /* the one shown */
  DaPager             *next_pager;           /* a refresh not shown yet */
  gboolean             loaded;               /* a load has completed once */
  gboolean             retry_refreshes;      /* the footer's Retry starts over */
  GHashTable          *keep_selection;       /* user IDs to select again after a refresh */
  double               keep_scroll;

  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkMultiSelection   *selection;
  GtkCustomFilter     *filter;
  GStrv                search_tokens;        /* folded; NULL for no search */
  char                *role_filter;          /* a role ID; NULL for every role */
  GStrv                role_filter_ids;      /* of the dropdown's items; [0] is "" (every role) */
  gboolean             syncing_roles;
  GHashTable          *role_keys;            /* role ID → collate key of its name */
  gboolean             last_login_descending;
  DaMember            *probe_early;          /* two members that differ only in last login, */
  DaMember            *probe_late;           /* to learn the direction of its column */
  GtkSorter           *role_sorter;

  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *role_column;
  GtkColumnViewColumn *last_login_column;
  GtkColumnViewColumn *logins_column;
  GtkColumnViewColumn *sessions_column;
  int                  logins_width;     /* their widths while hidden */
  int                  sessions_width;

  DaMemberDetails     *details;
  DaPager             *lookup_pager;
  GCancellable        *lookup_cancellable;
  char                *lookup_email;
  guint                actions_running;
  gboolean             preparing_dialog;     /* loading what a dialog of an action needs */

  /* Template widgets */
  DaStateView         *state_view;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *role_dropdown;
  GtkWidget           *export_button;
  GtkWidget           *invite_button;
  GtkRevealer         *message_revealer;
  GtkLabel            *message_label;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkScrolledWindow   *scrolled;
  DaRowViewport       *row_viewport;
  GtkColumnView       *column_view;
  AdwStatusPage       *no_match_page;
  GtkWidget           *lookup_button;
  GtkWidget           *invite_address_button;
  DaListFooter        *footer;
  GtkActionBar        *selection_bar;
  GtkLabel            *selection_label;
  GtkWidget           *remove_selected_button;
  GtkWidget           *orgs_selected_button;
  GtkWidget           *role_selected_button;
  GtkWidget           *details_button;
  GtkWidget           *pane_separator;
  GtkWidget           *details_pane;
  GtkWidget           *details_bar;
  GtkStack            *details_stack;
  AdwStatusPage       *many_page;
};

/* da-members-page.c */
DaClient   *_da_members_page_get_client       (DaMembersPage *self);
const char *_da_members_page_role_name        (DaMembersPage *self,
                                               const char    *role_id);
/* The selected members, in the list's order. (transfer container) */
GPtrArray  *_da_members_page_get_selected     (DaMembersPage *self);
/* A set of the selected members' IDs. (transfer full) */
GHashTable *_da_members_page_dup_selected_ids (DaMembersPage *self);
/* Selects the visible members whose IDs are in @ids (and no others). */
void        _da_members_page_select_ids       (DaMembersPage *self,
                                               GHashTable    *ids);
/* Puts @member in place of the loaded member with the same ID, selection kept. */
void        _da_members_page_replace_member   (DaMembersPage *self,
                                               DaMember      *member);
/* Takes the member with @user_id out of the loaded lists. */
void        _da_members_page_forget_member    (DaMembersPage *self,
                                               const char    *user_id);
/* The folded addresses of every loaded member. (transfer full) */
GHashTable *_da_members_page_dup_member_emails (DaMembersPage *self);
/* A message above the list about an action that failed; NULL hides it. */
void        _da_members_page_show_message     (DaMembersPage *self,
                                               const char    *message);
void        _da_members_page_update_busy      (DaMembersPage *self);
/* The member the details pane shows, or NULL (none, or the pane not made yet). */
DaMember   *_da_members_page_get_details_member (DaMembersPage *self);
/* Whether the details pane shows the member with @user_id. */
gboolean    _da_members_page_details_shows    (DaMembersPage *self,
                                               const char    *user_id);
/* Shows @member in the details pane, and the pane itself on a narrow window. */
void        _da_members_page_show_details     (DaMembersPage *self,
                                               DaMember      *member);

/* da-members-page-actions.c */
void        _da_members_page_open_invite      (DaMembersPage *self,
                                               const char    *text);
void        _da_members_page_ask_role         (DaMembersPage *self,
                                               GPtrArray     *members);
void        _da_members_page_change_role      (DaMembersPage *self,
                                               GPtrArray     *members,
                                               const char    *role_id);
void        _da_members_page_ask_remove       (DaMembersPage *self,
                                               GPtrArray     *members);
void        _da_members_page_ask_organizations (DaMembersPage *self,
                                                GPtrArray     *members);
/* What a person reads after an action failed: @what, then the error's sentence; NULL when there
 * is nothing to show. (transfer full) */
char       *_da_members_page_describe_failure (const char    *what,
                                               const GError  *error);

G_END_DECLS

/* da-organization-window-private.h: what the parts of DaOrganizationWindow share
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-offline-banner.h"
#include "da-organization-roles.h"
#include "da-organization-window.h"
#include "da-state-view.h"

G_BEGIN_DECLS

struct _DaOrganizationWindow
{
  AdwWindow             parent_instance;

  /* Owned */
  DaContext            *context;
  DaOrganization       *organization;
  GCancellable         *cancellable;          /* everything; cancelled in dispose */
  GCancellable         *members_cancellable;  /* the members load under way */
  DaPager              *members_pager;        /* the members load under way, or NULL */
  GCancellable         *groups_cancellable;   /* the groups load under way */
  gboolean              groups_loading;
  guint                 busy_count;
  gboolean              changing;             /* a change of members or groups is under way */
  gboolean              gone;
  DaOrgRoles           *roles;

  GListStore           *empty_members;
  GtkCustomFilter      *members_filter;
  GtkFilterListModel   *members_filter_model;
  GtkSortListModel     *members_sort_model;
  GtkMultiSelection    *members_selection;
  char                 *members_search_text;  /* case-folded, NULL when empty */
  gboolean              members_loaded;

  GPtrArray            *available_groups;     /* group names that can be linked */
  GtkStringList        *available_names;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *org_name_label;
  GtkSpinner           *busy_spinner;
  AdwViewStack         *view_stack;
  GtkSearchEntry       *members_search;
  GtkMenuButton        *change_role_button;
  GtkWidget            *members_error_box;
  GtkLabel             *members_error_label;
  DaStateView          *members_state;
  GtkStack             *members_stack;
  GtkColumnView        *members_view;
  GtkLabel             *members_summary;
  DaStateView          *groups_state;
  GtkWidget            *groups_error_box;
  GtkLabel             *groups_error_label;
  GtkListBox           *groups_list;
  AdwComboRow          *link_group_row;
  AdwComboRow          *link_role_row;
  DaOfflineBanner      *offline_banner;
};

/* da-organization-window.c */
DaClient   *_da_org_window_get_client          (DaOrganizationWindow *self);
const char *_da_org_window_org_id              (DaOrganizationWindow *self);
const char *_da_org_window_org_name            (DaOrganizationWindow *self);
void        _da_org_window_show_toast          (DaOrganizationWindow *self,
                                                const char           *title);
/* Shows @message in the groups' error card, or hides it for NULL. */
void        _da_org_window_show_groups_error   (DaOrganizationWindow *self,
                                                const char           *message);
void        _da_org_window_busy_changed        (DaOrganizationWindow *self,
                                                int                   delta);
void        _da_org_window_organization_gone   (DaOrganizationWindow *self);
gboolean    _da_org_window_handle_common_error (DaOrganizationWindow *self,
                                                const GError         *error);
void        _da_org_window_set_changing        (DaOrganizationWindow *self,
                                                gboolean              changing);
/* FALSE while the client is offline: nothing can be changed then. */
gboolean    _da_org_window_is_online           (DaOrganizationWindow *self);
void        _da_org_window_changed             (DaOrganizationWindow *self,
                                                const char           *message,
                                                gboolean              members,
                                                gboolean              groups);
void        _da_org_window_change_failed       (DaOrganizationWindow *self,
                                                const GError         *error,
                                                gboolean              groups);
void        _da_org_window_load_members        (DaOrganizationWindow *self);

/* da-organization-window-groups.c */
void        _da_org_window_load_groups         (DaOrganizationWindow *self);
void        _da_org_window_on_groups_retry_cb  (DaOrganizationWindow *self);
void        _da_org_window_link_action         (GtkWidget            *widget,
                                                const char           *action_name,
                                                GVariant             *parameter);
void        _da_org_window_unlink_action       (GtkWidget            *widget,
                                                const char           *action_name,
                                                GVariant             *parameter);

G_END_DECLS

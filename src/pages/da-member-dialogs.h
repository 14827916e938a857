/* da-member-dialogs.h: the small questions the Members page asks
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * da_member_choose_role_async:
 * @parent: a widget in the window the dialog belongs to
 * @heading: the question ("Change the Role of 3 Members?")
 * @body: (nullable): who it is about (names or the first few addresses)
 * @roles: (element-type DaRole): the enterprise roles to offer
 * @current_role_id: (nullable): the role selected at first
 *
 * Asks for an enterprise role: an AdwMessageDialog named "da-member-role-dialog" with a combo
 * row named "role-row", responses "cancel" and "change". Finish with
 * da_member_choose_role_finish(): the chosen role's ID, or NULL when the person cancelled.
 */
void      da_member_choose_role_async           (GtkWidget            *parent,
                                                 const char           *heading,
                                                 const char           *body,
                                                 GPtrArray            *roles,
                                                 const char           *current_role_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char     *da_member_choose_role_finish          (GAsyncResult         *result);

/**
 * da_member_choose_organizations_async:
 * @parent: a widget in the window the dialog belongs to
 * @heading: the question ("Add Zoë Müller to Organizations")
 * @body: (nullable): more words
 * @organizations: (element-type DaOrganization): the organizations to offer
 * @joined: (nullable): a set of organization IDs already joined; they show checked and cannot be
 *   chosen again
 * @org_roles: (element-type DaRole): the organization roles to offer
 *
 * Asks which organizations to add members to, and with which organization role: an
 * AdwMessageDialog named "da-member-orgs-dialog" with one check button per organization (its
 * widget name is the organization's ID), a combo row named "org-role-row", responses "cancel"
 * and "add" (enabled once an organization is checked). Finish with
 * da_member_choose_organizations_finish(): TRUE with the chosen IDs and role.
 */
void      da_member_choose_organizations_async  (GtkWidget            *parent,
                                                 const char           *heading,
                                                 const char           *body,
                                                 GListModel           *organizations,
                                                 GHashTable           *joined,
                                                 GPtrArray            *org_roles,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean  da_member_choose_organizations_finish (GAsyncResult         *result,
                                                 GStrv                *org_ids,
                                                 char                **org_role);

/* The addresses of @members (DaMember) for a confirmation: all of them up to @max, else the first
 * @max and "and N more". (transfer full) */
char     *da_member_describe_addresses          (GPtrArray            *members,
                                                 guint                 max);

G_END_DECLS

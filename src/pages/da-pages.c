/* da-pages.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-pages.h"

#include "da-api-keys-page.h"
#include "da-audit-log-page.h"
#include "da-consumption-page.h"
#include "da-members-page.h"
#include "da-organizations-page.h"
#include "da-overview-page.h"
#include "da-permissions-page.h"
#include "da-sessions-page.h"

/* The one table of pages: a page is added to the window with one line here (and its include
 * above). The order is the sidebar's. Page IDs others link to: "overview", "members",
 * "organizations", "permissions", "api-keys", "audit-log", "sessions", "consumption". */
static const DaPageEntry pages[] = {
  { "overview", N_("Overview"), "view-grid-symbolic",
    da_overview_page_get_type },
  { "members", N_("Members"), "system-users-symbolic",
    da_members_page_get_type },
  { "organizations", N_("Organizations"), "network-workgroup-symbolic",
    da_organizations_page_get_type },
  { "permissions", N_("Permissions"), "folder-remote-symbolic",
    da_permissions_page_get_type },
  { "api-keys", N_("API Keys"), "dialog-password-symbolic",
    da_api_keys_page_get_type },
  { "audit-log", N_("Audit Log"), "document-open-recent-symbolic",
    da_audit_log_page_get_type },
  { "sessions", N_("Sessions"), "utilities-terminal-symbolic",
    da_sessions_page_get_type },
  { "consumption", N_("Consumption"), "power-profile-performance-symbolic",
    da_consumption_page_get_type },
};

const DaPageEntry *
da_pages_get_all (guint *n_pages)
{
  g_return_val_if_fail (n_pages != NULL, NULL);

  *n_pages = G_N_ELEMENTS (pages);
  return pages;
}

const DaPageEntry *
da_pages_lookup (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (pages[i].id, id))
      return &pages[i];

  return NULL;
}

/* da-api-keys-page.h: every API key of the enterprise
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaApiKeysPage:
 *
 * Every API key of the enterprise (`GET /api-keys`, loaded page after page as they come): its
 * owner's address or "Service key", its organization and when it was created (relative, the
 * exact time in a tooltip). A filter by organization asks the server for that organization's
 * keys. Revoke revokes the selected key after a confirmation. Revoke All revokes every key of
 * the enterprise, this app's own included, after a confirmation that must be typed; the page
 * then asks the server again at once, so the rejected key takes the window back to the key
 * entry right away.
 *
 * Widget names for tests: "organization-dropdown", "keys-view", "revoke-button",
 * "revoke-all-button", "count-label", and the DaListFooter under the list.
 */
#define DA_TYPE_API_KEYS_PAGE (da_api_keys_page_get_type ())
G_DECLARE_FINAL_TYPE (DaApiKeysPage, da_api_keys_page, DA, API_KEYS_PAGE, GtkWidget)

GtkWidget  *da_api_keys_page_new           (DaContext     *context);

/* The organization the list is filtered by; NULL for every organization. */
const char *da_api_keys_page_get_org_id    (DaApiKeysPage *self);
/* Filters by @org_id (NULL: every organization), as picking it in the page's list does;
 * FALSE when it is not among the loaded organizations. */
gboolean    da_api_keys_page_select_org    (DaApiKeysPage *self,
                                            const char    *org_id);
/* Keys asked for per request, for the loads that follow; 0 for the endpoint's largest (the
 * default). Tests make it small to walk several pages. */
void        da_api_keys_page_set_page_size (DaApiKeysPage *self,
                                            guint          page_size);

G_END_DECLS

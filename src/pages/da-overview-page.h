/* da-overview-page.h: the enterprise at a glance
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-page.h"

G_BEGIN_DECLS

/**
 * DaOverviewPage:
 *
 * Members, organizations, ACUs used this billing cycle, sessions and pull requests this cycle
 * (`/metrics/usage`), each a link to its page when that page is built, and the organizations that
 * used most ACUs this cycle. Loads when first shown and on refresh.
 */
#define DA_TYPE_OVERVIEW_PAGE (da_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (DaOverviewPage, da_overview_page, DA, OVERVIEW_PAGE, GtkWidget)

GtkWidget *da_overview_page_new (DaContext *context);

G_END_DECLS

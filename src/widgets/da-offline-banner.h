/* da-offline-banner.h: says that the server cannot be reached and how old the data shown is
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "da-client.h"

G_BEGIN_DECLS

/**
 * DaOfflineBanner:
 *
 * A strip at the top of the window's content, revealed while its #DaClient is offline (answering
 * from its response cache): "Offline — showing data from 5 minutes ago", the exact time in the
 * tooltip, and a Retry button that activates "win.refresh". It hides again as soon as a request
 * succeeds. (libadwaita 1.2 has no AdwBanner.)
 *
 * Property "client" (nullable). The label's widget name is "offline-banner-label", the button's
 * "offline-banner-retry".
 */
#define DA_TYPE_OFFLINE_BANNER (da_offline_banner_get_type ())
G_DECLARE_FINAL_TYPE (DaOfflineBanner, da_offline_banner, DA, OFFLINE_BANNER, GtkWidget)

GtkWidget  *da_offline_banner_new          (void);
/* (nullable) */
DaClient   *da_offline_banner_get_client   (DaOfflineBanner *self);
void        da_offline_banner_set_client   (DaOfflineBanner *self,
                                            DaClient        *client);
/* TRUE while the banner shows (or is being revealed). */
gboolean    da_offline_banner_get_revealed (DaOfflineBanner *self);
/* The text shown, e.g. "Offline — showing data from 5 minutes ago". */
const char *da_offline_banner_get_text     (DaOfflineBanner *self);

G_END_DECLS

/* da-models.h: every model of the Devin API
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"
#include "da-api-key.h"
#include "da-audit-event.h"
#include "da-billing-cycle.h"
#include "da-consumption.h"
#include "da-git-connection.h"
#include "da-git-permission.h"
#include "da-grant-result.h"
#include "da-idp-group.h"
#include "da-invite-result.h"
#include "da-member.h"
#include "da-org-group.h"
#include "da-org-membership.h"
#include "da-organization.h"
#include "da-role.h"
#include "da-row-store.h"
#include "da-session.h"
#include "da-session-analysis.h"
#include "da-usage-metrics.h"

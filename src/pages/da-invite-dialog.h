/* da-invite-dialog.h: inviting many people at once
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "da-context.h"

G_BEGIN_DECLS

/* The most addresses one POST /members/invite takes. */
#define DA_INVITE_BATCH_SIZE 100

/**
 * DaInviteDialog:
 *
 * Takes addresses typed or pasted (commas, spaces, new lines, "Name <address>") or imported from
 * a CSV or text file, checks each before anything is sent (da_input_parse_emails()) and marks
 * in place the malformed ones, the duplicates and those who are already members. The Invite
 * button says how many will be sent ("Invite 3 People"). Sending goes in batches of at most
 * DA_INVITE_BATCH_SIZE, one after the other.
 *
 * When every batch went through, the dialog emits "invited" (guint invited, guint
 * already_members) and closes. When one fails, sending stops, the dialog says how many were
 * invited, how many were already members and which failed and why, and keeps everything typed
 * (those invited meanwhile are then marked as members, so trying again sends only the rest);
 * it emits "invited" too when some were invited. A rate limit being waited out shows as such.
 *
 * Widget names: "invite-text" (the GtkTextView), "invite-button", "import-button",
 * "invite-summary", "invite-progress", "invite-result", "invite-problems" (a row per address
 * left out: its title the address as typed, its subtitle why).
 */
#define DA_TYPE_INVITE_DIALOG (da_invite_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DaInviteDialog, da_invite_dialog, DA, INVITE_DIALOG, AdwWindow)

/* @member_emails: (nullable): the addresses of the members known, as keys folded with
 * da_invite_dialog_fold_email(); the dialog keeps a reference. */
DaInviteDialog *da_invite_dialog_new          (DaContext      *context,
                                               GtkWindow      *parent,
                                               GHashTable     *member_emails);
void            da_invite_dialog_set_text     (DaInviteDialog *self,
                                               const char     *text);
/* (transfer full) */
char           *da_invite_dialog_dup_text     (DaInviteDialog *self);
/* How many addresses Invite would send now. */
guint           da_invite_dialog_get_n_valid  (DaInviteDialog *self);
gboolean        da_invite_dialog_get_sending  (DaInviteDialog *self);

/* The key an address is known by: case-folded. (transfer full) */
char           *da_invite_dialog_fold_email   (const char     *email);

G_END_DECLS

/* da-dialogs.h: the confirmations and file choosers every page shares
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * da_confirm_destructive_async:
 * @parent: a widget in the window the dialog belongs to
 * @heading: what is about to happen, as a question ("Remove Zoë Müller?")
 * @body: what it means, naming what is lost
 * @action_label: the destructive button ("_Remove")
 * @phrase: (nullable): when set, the person must type it exactly (an organization's name, a
 *   sentence) before the destructive button is sensitive
 *
 * Asks for confirmation in destructive style (AdwMessageDialog, Cancel the default and the
 * close response). The dialog's widget name is "da-confirm-dialog", its responses "cancel" and
 * "confirm", the phrase entry's name "confirm-phrase-entry". Finish with
 * da_confirm_destructive_finish(): TRUE when confirmed.
 */
void        da_confirm_destructive_async   (GtkWidget            *parent,
                                            const char           *heading,
                                            const char           *body,
                                            const char           *action_label,
                                            const char           *phrase,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    da_confirm_destructive_finish  (GAsyncResult         *result);

/**
 * da_choose_save_file_async:
 * @parent: a widget in the window the chooser belongs to
 * @title: the chooser's title ("Export Members")
 * @suggested_name: the file name offered ("members.csv")
 * @filter_name: (nullable): a filter's name ("CSV files")
 * @pattern: (nullable): its glob pattern ("*.csv")
 *
 * Asks where to save, with GtkFileChooserNative (the portal in a sandbox). Finish with
 * da_choose_save_file_finish(): the file, or NULL when the person cancelled.
 */
void        da_choose_save_file_async      (GtkWidget            *parent,
                                            const char           *title,
                                            const char           *suggested_name,
                                            const char           *filter_name,
                                            const char           *pattern,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GFile      *da_choose_save_file_finish     (GAsyncResult         *result);

/**
 * da_choose_open_file_async:
 *
 * Asks which file to open, like da_choose_save_file_async(); @patterns is NULL-terminated
 * ("*.csv", "*.txt"). Finish with da_choose_open_file_finish().
 */
void        da_choose_open_file_async      (GtkWidget            *parent,
                                            const char           *title,
                                            const char           *filter_name,
                                            const char * const   *patterns,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GFile      *da_choose_open_file_finish     (GAsyncResult         *result);

/* Writes @contents to @file (replacing it, readable by the user only when @private_file) without
 * blocking; finish with da_save_bytes_finish(). */
void        da_save_bytes_async            (GFile                *file,
                                            GBytes               *contents,
                                            gboolean              private_file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    da_save_bytes_finish           (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS

/* da-test-ui.h: what every UI test shares
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * UI tests run under tests/run-test.sh: an Xvfb display, a private session bus and keyring, a
 * temporary HOME, GSETTINGS_BACKEND=memory. They build pages and windows with a DaContext that
 * points at a DaMockServer started in the same process, spin the main loop until what they
 * expect holds, and save screenshots of what they built.
 *
 * A typical test:
 *
 *   g_autoptr(DaMockServer) server = da_test_server_new (NULL);
 *   g_autoptr(DaContext) context = da_test_context_new (server, NULL);
 *   GtkWidget *page = da_overview_page_new (context);
 *   GtkWindow *window = da_test_window_new (page, 1000, 700);
 *
 *   DA_TEST_WAIT_UNTIL (da_state_view_get_state (view) == DA_STATE_VIEW_CONTENT);
 *   da_test_screenshot (GTK_WIDGET (window), "overview");
 *   gtk_window_destroy (window);
 */

#pragma once

#include <adwaita.h>

#include "da-application.h"
#include "da-context.h"
#include "da-key-store.h"
#include "da-mock-server.h"

G_BEGIN_DECLS

/* g_test_init (), then gtk_init () and adw_init (), a light style to start from, and the app's
 * translations domain. Call first in main(). */
void          da_test_ui_init            (int                  *argc,
                                          char               ***argv);

/* TRUE when the run has a Secret Service (not DA_TEST_KEYRING=none). */
gboolean      da_test_has_keyring        (void);

/* ---- A local server and a context for it ------------------------------------------------ */

/* Starts a DaMockServer on a free loopback port; @options NULL for the defaults. Fails the
 * test if it cannot start. (transfer full) */
DaMockServer *da_test_server_new         (const DaMockOptions  *options);
/* A SoupSession for tests: short timeout (5 s × da_test_wait_scale ()). (transfer full) */
SoupSession  *da_test_session_new        (void);
/* A client for @server with @api_key (NULL: the server's admin key) and quick retries
 * (2 retries, 50 ms base delay). (transfer full) */
DaClient     *da_test_client_new         (DaMockServer         *server,
                                          const char           *api_key);
/* A DaContext around da_test_client_new (), without settings. (transfer full) */
DaContext    *da_test_context_new        (DaMockServer         *server,
                                          const char           *api_key);

/* ---- The main loop ---------------------------------------------------------------------- */

typedef gboolean (*DaTestCondition) (gpointer user_data);

/* How many times longer the waits below are (never what a test checks, only how long it waits
 * before it gives up): DA_TEST_WAIT_SCALE if set (1 to 100), else 4 in a build with
 * AddressSanitizer (the asan test setup, several times slower), else 1. */
guint         da_test_wait_scale         (void);

/* Iterates the default main context until @condition returns TRUE; fails the test with
 * @description when @timeout_ms (× da_test_wait_scale ()) pass first. */
void          da_test_wait_for           (DaTestCondition       condition,
                                          gpointer              user_data,
                                          guint                 timeout_ms,
                                          const char           *description);
/* The same with a C expression, re-evaluated at each iteration, and a 20 s timeout (scaled). */
#define DA_TEST_WAIT_UNTIL(expr) \
  G_STMT_START { \
    gint64 _da_deadline = g_get_monotonic_time () + \
                          (gint64) 20 * da_test_wait_scale () * G_USEC_PER_SEC; \
    while (!(expr)) \
      { \
        if (g_get_monotonic_time () > _da_deadline) \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #expr); \
        g_main_context_iteration (NULL, TRUE); \
      } \
  } G_STMT_END
/* Iterates the main loop for @ms milliseconds (to let frames be drawn; never to wait for a
 * result: use the above for that). */
void          da_test_spin               (guint                 ms);
/* Runs an async call to its end: pass da_test_async_cb and a DaTestAsync; then
 * da_test_async_wait () returns the result (owned by the DaTestAsync). */
typedef struct
{
  GAsyncResult *result;
} DaTestAsync;
void          da_test_async_cb           (GObject              *object,
                                          GAsyncResult         *result,
                                          gpointer              user_data);
GAsyncResult *da_test_async_wait         (DaTestAsync          *async);
void          da_test_async_clear        (DaTestAsync          *async);
/* Loads the whole list of @pager (the test's own API calls), failing the test on an error, and
 * returns its model. (transfer full) */
GListModel   *da_test_load_all           (DaPager              *pager);

/* ---- Windows and widgets ---------------------------------------------------------------- */

/* A window of @width × @height holding @child, presented; returns once it is mapped. */
GtkWindow    *da_test_window_new         (GtkWidget            *child,
                                          int                   width,
                                          int                   height);
/* Shows @window again at @width × @height (under Xvfb a window keeps the size of its surface,
 * so it is unrealized and presented anew); returns once it is mapped at that size. */
void          da_test_window_resize      (GtkWindow            *window,
                                          int                   width,
                                          int                   height);

/* The first widget under @root (depth first, @root included) of @type (G_TYPE_NONE: any)
 * whose widget name is @name (NULL: any). */
GtkWidget    *da_test_find_widget        (GtkWidget            *root,
                                          GType                 type,
                                          const char           *name);
/* The widget under @root named @name; fails the test when there is none. */
GtkWidget    *da_test_get_widget         (GtkWidget            *root,
                                          const char           *name);
/* The first widget under @root of @type whose text a person reads is @text: a button's label
 * (mnemonic underscores removed), a label's text, a preferences row's or status page's title,
 * a window title, or the tooltip. */
GtkWidget    *da_test_find_by_text       (GtkWidget            *root,
                                          GType                 type,
                                          const char           *text);
/* Every widget under @root of @type. (transfer container) */
GPtrArray    *da_test_find_all           (GtkWidget            *root,
                                          GType                 type);
/* The selection model of the first GtkColumnView under @root: the list's whole model, also when
 * a row viewport (whose "model" property it is) stands between the list and its view; NULL
 * when there is no column view. (transfer none) */
GtkSelectionModel *da_test_list_model    (GtkWidget            *root);
/* TRUE when a GtkLabel under @root shows text containing @needle (and is drawn). */
gboolean      da_test_has_label          (GtkWidget            *root,
                                          const char           *needle);

/* Clicks @button as a person would (it must be sensitive and visible). */
void          da_test_click              (GtkWidget            *button);
/* Whether a modal window over @root is shown (one transient for it, or for one of those): GTK
 * then gives that window the input. */
gboolean      da_test_modal_over         (GtkRoot              *root);
/* Clicks @widget again, as the second click of a double click (or an impatient one) would: it
 * lands only on a widget still shown and sensitive, with no modal window over its own. TRUE
 * when it landed. */
gboolean      da_test_click_again        (GtkWidget            *widget);
/* The check button under @root, on screen, whose row (its parent) has a label showing @text;
 * NULL when there is none (yet). */
GtkWidget    *da_test_find_row_check     (GtkWidget            *root,
                                          const char           *text);
/* Replaces the text of @editable (a GtkEntry, AdwEntryRow, …) with @text. */
void          da_test_type               (GtkWidget            *editable,
                                          const char           *text);

/* Saves @widget, light and dark, to $DA_SCREENSHOT_DIR/<test>-<name>-{light,dark}.png, <test>
 * being the program's name; does nothing when DA_SCREENSHOT_DIR is unset. The style is light
 * again afterwards. */
void          da_test_screenshot         (GtkWidget            *widget,
                                          const char           *name);

/* ---- Dialogs ---------------------------------------------------------------------------- */

/* The shown toplevel windows of @type (G_TYPE_NONE: any) whose widget name is @name (NULL:
 * any): the last one found, or NULL. @n_found (nullable) gets how many there are. */
GtkWindow    *da_test_find_toplevel      (GType                 type,
                                          const char           *name,
                                          guint                *n_found);

/* Waits (20 s at most) for a toplevel window of @type (G_TYPE_NONE: any) whose widget name is
 * @name (NULL: any) to be shown, and returns it. */
GtkWindow    *da_test_wait_for_toplevel  (GType                 type,
                                          const char           *name);
/* Answers the next file chooser (the dialog GtkFileChooserNative shows without a portal) as a
 * person would: waits for it, chooses @file (NULL: cancels) and accepts. */
void          da_test_answer_file_chooser (GFile               *file);
/* Answers the next da_confirm_destructive_async() dialog: types @phrase into its entry when it
 * has one, then gives @response ("confirm" or "cancel"). Fails the test if "confirm" is not
 * enabled. */
void          da_test_answer_confirm     (const char           *phrase,
                                          const char           *response);

/* ---- The application -------------------------------------------------------------------- */

/* Resets every key of the app's settings (they live in memory for the whole test program). */
void           da_test_settings_reset    (void);
/* Starts a DaApplication as `devin-admin --server <server>` would (`--demo` when @server is
 * NULL), exported on the test's bus under an ID of its own, and activates it; returns once its
 * window is mapped. The settings are as they are. (transfer full) */
DaApplication *da_test_app_new           (DaMockServer         *server);
/* The same as `devin-admin --server @url`. (transfer full) */
DaApplication *da_test_app_new_for_url   (const char           *url);
/* Closes its windows, quits it and drops it. */
void           da_test_app_free          (DaApplication        *app);
/* Its main window. */
GtkWindow     *da_test_app_get_window    (DaApplication        *app);
/* Waits for the key entry, types @key and signs in, as a person would (for this session only
 * when there is no keyring), and waits until signed in. */
void           da_test_app_sign_in       (DaApplication        *app,
                                          const char           *key);

/* ---- The keyring ------------------------------------------------------------------------ */

/* The key stored for @server, or NULL. (transfer full) */
char         *da_test_keyring_lookup     (const char           *server);
/* Removes every key of the app from the keyring (between tests). */
void          da_test_keyring_clear_all  (void);

G_END_DECLS

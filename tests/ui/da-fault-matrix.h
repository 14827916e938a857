/* da-fault-matrix.h: the whole application against a local server that misbehaves on demand
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the fault matrix shares: the faults (one description each: how the server misbehaves and
 * what the app should say), the application signed in against a DaMockServer as a person would
 * sign in, a look at what a person can read in its windows (labels, toasts, dialogs), waits that
 * do not abort so a failing cell does not stop the matrix, and the table printed in the log.
 */

#pragma once

#include <adwaita.h>

#include "da-application.h"
#include "da-loop-probe.h"
#include "da-mock-server.h"
#include "da-window.h"

G_BEGIN_DECLS

/* The session timeout of the matrix: a stalled answer is given up after this long. */
#define DA_FM_STALL_TIMEOUT_S 2

/**
 * DaFmKind:
 * @DA_FM_REFUSED: the server did not act; the app says why, keeps everything, and trying again
 *   once the fault is lifted works
 * @DA_FM_SIGNED_OUT: 401: the window goes back to the key entry, saying the key was rejected
 * @DA_FM_RETRIED: a 429 with Retry-After, once: the app says it waits, then the request goes
 *   through by itself
 * @DA_FM_ACTED: for a write, the server made the change but its answer was unreadable (or it
 *   had no body to spoil); for a read like %DA_FM_REFUSED
 */
typedef enum
{
  DA_FM_REFUSED,
  DA_FM_SIGNED_OUT,
  DA_FM_RETRIED,
  DA_FM_ACTED,
} DaFmKind;

typedef struct
{
  const char *name;           /* as the table says it */
  const char *what;           /* the fault spec after "METHOD PATH" */
  const char *needles[3];     /* the message shown contains one of these */
  DaFmKind    kind;
  gboolean    acts_on_write;  /* the local server makes the change before spoiling the answer */
} DaFmFault;

/* The faults of the matrix, in the order of the issue. */
const DaFmFault *da_fm_get_faults          (guint               *n_faults);

/* ---- The application ------------------------------------------------------------------- */

typedef struct _DaFmApp DaFmApp;

/* Starts a local server with @options, then the application pointed at it, signs in through the
 * key entry, and makes the client's retries and the session's timeout short. */
DaFmApp      *da_fm_app_new               (const DaMockOptions *options);
void          da_fm_app_free              (DaFmApp             *self);

DaMockServer *da_fm_app_get_server        (DaFmApp             *self);
DaApplication *da_fm_app_get_application  (DaFmApp             *self);
DaWindow     *da_fm_app_get_window        (DaFmApp             *self);
/* A client of the test's own (admin key, no faults of the app's): for checks through the API. */
DaClient     *da_fm_app_get_api           (DaFmApp             *self);
DaLoopProbe  *da_fm_app_get_probe         (DaFmApp             *self);
gboolean      da_fm_app_is_signed_in      (DaFmApp             *self);

/* Types the admin key into the key entry and signs in, as a person would after a 401. FALSE when
 * that did not work within the time given. */
gboolean      da_fm_app_sign_in           (DaFmApp             *self);
/* Shows the page with @page_id (as its sidebar row would) and waits for it to have loaded.
 * (transfer none) NULL when it did not load. */
DaPage       *da_fm_app_show_page         (DaFmApp             *self,
                                           const char          *page_id);
/* The page with that ID (nullable). */
DaPage       *da_fm_app_get_page          (DaFmApp             *self,
                                           const char          *page_id);
/* Presses the header's Refresh button. */
void          da_fm_app_refresh           (DaFmApp             *self);
/* Closes every window but the main one and dismisses the toasts, forgetting those seen. */
void          da_fm_app_tidy              (DaFmApp             *self);

/* TRUE when @page has loaded: not busy, no error, its state view and list footer quiet. */
gboolean      da_fm_page_is_settled       (DaPage              *page);

/* ---- What a person can read ----------------------------------------------------------- */

/* Remembers what is readable now: later searches ignore these texts. */
void          da_fm_app_mark_baseline     (DaFmApp             *self);
/* A text readable now (or a toast seen since the baseline) that contains one of @needles and
 * was not readable at the baseline, as "where: text" (where is toast, dialog, key entry, status
 * page, list footer or page). (transfer full) (nullable) */
char         *da_fm_app_find_shown        (DaFmApp             *self,
                                           const char * const  *needles);
/* What is readable now and was not at the baseline, for a failure's log. (transfer full) */
char         *da_fm_app_describe_new      (DaFmApp             *self);

typedef gboolean (*DaFmCondition) (gpointer user_data);

/* Runs the main loop, following toasts, until @condition holds (TRUE) or @timeout_ms pass
 * (FALSE). Never aborts. */
gboolean      da_fm_app_wait              (DaFmApp             *self,
                                           DaFmCondition        condition,
                                           gpointer             user_data,
                                           guint                timeout_ms);
/* Runs the main loop for @ms, following toasts. */
void          da_fm_app_spin              (DaFmApp             *self,
                                           guint                ms);

/* ---- The table ------------------------------------------------------------------------- */

void          da_fm_log_header            (const char          *title);
void          da_fm_log_cell              (const char          *operation,
                                           const char          *fault,
                                           const char          *shown,
                                           const char          *typed,
                                           const char          *loaded,
                                           const char          *recovered,
                                           guint                ticks,
                                           gint64               max_block_us,
                                           gboolean             pass);

G_END_DECLS

/* da-mock-server.h: a faithful local server of the Devin v2 Enterprise API
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DA_MOCK_DEFAULT_ADMIN_KEY "apk_user_demo"

/* What the server is seeded with; da_mock_options_init() fills in the defaults. The strings are
 * owned (set them with g_strdup()); da_mock_options_clear() frees them. */
typedef struct
{
  guint     members;         /* default 120 */
  guint     orgs;            /* default 6 (one is the primary organization) */
  guint     audit_events;    /* default 600 */
  guint     sessions;        /* default 300 */
  guint     cycles;          /* default 6 (the current one included) */
  guint32   seed;            /* default 1 */
  char     *admin_key;       /* default DA_MOCK_DEFAULT_ADMIN_KEY; an Enterprise Admin's key */
  char     *member_key;      /* nullable: a valid key whose owner is not an admin (403) */
  gboolean  compat_examples; /* also serve the shapes of the public usage-examples page */
  gboolean  use_groups;      /* the enterprise uses IdP groups (default TRUE) */
  gint64    now;             /* DA_MOCK_NOW_REAL (0) for the real clock, else Unix seconds */
  /* /audit-logs, whose maximum `limit` is not documented: a larger limit is refused with 422
   * (default 1000), and a server may also answer fewer entries than asked without a word
   * (audit_page_cap; default 0, none). For testing clients against other maximums. */
  guint     audit_limit_max;
  guint     audit_page_cap;
} DaMockOptions;

#define DA_MOCK_NOW_REAL 0

void          da_mock_options_init           (DaMockOptions  *options);
void          da_mock_options_clear          (DaMockOptions  *options);
/* @dest gets a copy of @src, its own strings (a NULL admin_key becomes the default one). */
void          da_mock_options_copy           (DaMockOptions       *dest,
                                              const DaMockOptions *src);

#define DA_TYPE_MOCK_SERVER (da_mock_server_get_type ())
G_DECLARE_FINAL_TYPE (DaMockServer, da_mock_server, DA, MOCK_SERVER, GObject)

/* A server of data seeded deterministically from @options (copied; NULL = defaults). The data
 * is seeded when first needed: by da_mock_server_seed(), else in the serving thread as soon as it
 * listens (before it answers anything), so a caller goes on meanwhile. */
DaMockServer *da_mock_server_new             (const DaMockOptions  *options);
/* Seeds the data now, if it is not yet. Thread-safe. */
void          da_mock_server_seed            (DaMockServer   *self);

/* Listens on 127.0.0.1:@port (0 = a free port) and serves from a thread of its own, with its own
 * GMainContext, so a test or the app's main loop never waits on it. */
gboolean      da_mock_server_start           (DaMockServer   *self,
                                              guint16         port,
                                              GError        **error);
/* Stops serving and joins the thread. Safe to call twice; dispose calls it. */
void          da_mock_server_stop            (DaMockServer   *self);
guint16       da_mock_server_get_port        (DaMockServer   *self);
/* "http://127.0.0.1:PORT/v2/enterprise" */
const char   *da_mock_server_get_base_url    (DaMockServer   *self);
const char   *da_mock_server_get_admin_key   (DaMockServer   *self);

/* Fault injection, the same grammar as --fault and POST /_mock/faults:
 *   "[METHOD] PATH-GLOB WHAT [times=N] [every=K] [retry-after=S] [delay=MS]"
 * WHAT is an HTTP status (e.g. 503, 429) or one of: stall (headers, then nothing until the client
 * gives up), truncate (a body cut in half), html (a proxy's HTML error page with 502),
 * malformed (200 with broken JSON), wrong-types (200 with fields of the wrong JSON types),
 * latency (answer normally after delay=MS), refuse (close the connection without an answer).
 * PATH-GLOB is matched against the path after the API prefix ("/members*", "*").
 * times=N: only the next N matching requests (default: every one); every=K: every K-th.
 * Returns a fault id, or 0 with @error set for a spec it cannot read. */
guint         da_mock_server_add_fault       (DaMockServer   *self,
                                              const char     *spec,
                                              GError        **error);
void          da_mock_server_remove_fault    (DaMockServer   *self,
                                              guint           fault_id);
void          da_mock_server_clear_faults    (DaMockServer   *self);

/* How many requests reached the server for @method ("GET", …, or NULL for any) and a path glob
 * (matched like faults; NULL for any), faults included. Thread-safe. */
guint         da_mock_server_count_requests  (DaMockServer   *self,
                                              const char     *method,
                                              const char     *path_glob);
void          da_mock_server_reset_counts    (DaMockServer   *self);

/* Adds @n new audit events (newest), as if other admins were at work. Thread-safe. */
void          da_mock_server_add_audit_events (DaMockServer  *self,
                                               guint          n);

/* The last Authorization values received are not kept anywhere: the server only compares them. */

G_END_DECLS

/* devin-mock-server.c: the local API server as a command
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   devin-mock-server [--port N] [--key KEY] [--member-key KEY] [--compat examples]
 *                     [--members N] [--orgs N] [--audit-events N] [--sessions N] [--cycles N]
 *                     [--seed S] [--now UNIX] [--no-groups] [--fault SPEC]…
 *
 * The first line on stdout is "listening on http://127.0.0.1:PORT/v2/enterprise". Keys given on
 * the command line are never printed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "da-mock-server.h"

static gboolean
on_signal_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
check_count (const char *option,
             gint64      value,
             gint64      max)
{
  if (value < 0 || value > max)
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      /* Translators: the first %s is a command line option such as --members, the second the
       * largest number it takes */
      g_printerr (_("%s must be between 0 and %s\n"), option, limit);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DaMockServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  DaMockOptions options;
  gint port = 0;
  gint members, orgs, audit_events, sessions, cycles;
  gint64 seed, now = 0;
  g_autofree char *key = NULL;
  g_autofree char *member_key = NULL;
  g_autofree char *compat = NULL;
  g_auto(GStrv) faults = NULL;
  gboolean no_groups = FALSE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  da_mock_options_init (&options);
  members = (gint) options.members;
  orgs = (gint) options.orgs;
  audit_events = (gint) options.audit_events;
  sessions = (gint) options.sessions;
  cycles = (gint) options.cycles;
  seed = options.seed;

  {
    const GOptionEntry entries[] = {
      { "port", 'p', 0, G_OPTION_ARG_INT, &port,
        N_("Port on 127.0.0.1 to listen on; 0 takes a free one (default 0)"), N_("N") },
      { "key", 0, 0, G_OPTION_ARG_STRING, &key,
        N_("Enterprise Admin API key the server accepts (default apk_user_demo)"), N_("KEY") },
      { "member-key", 0, 0, G_OPTION_ARG_STRING, &member_key,
        N_("A valid key of someone who is not an Enterprise Admin: answered with 403"),
        N_("KEY") },
      { "compat", 0, 0, G_OPTION_ARG_STRING, &compat,
        N_("“examples”: also answer in the shapes of the API’s usage-examples page"),
        N_("MODE") },
      { "members", 0, 0, G_OPTION_ARG_INT, &members,
        N_("Number of enterprise members (default 120)"), N_("N") },
      { "orgs", 0, 0, G_OPTION_ARG_INT, &orgs,
        N_("Number of organizations, the primary one included (default 6)"), N_("N") },
      { "audit-events", 0, 0, G_OPTION_ARG_INT, &audit_events,
        N_("Number of audit log entries (default 600)"), N_("N") },
      { "sessions", 0, 0, G_OPTION_ARG_INT, &sessions,
        N_("Number of Devin sessions (default 300)"), N_("N") },
      { "cycles", 0, 0, G_OPTION_ARG_INT, &cycles,
        N_("Number of monthly billing cycles, the current one included (default 6)"), N_("N") },
      { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
        N_("Seed of the generated data: the same seed gives the same data (default 1)"),
        N_("S") },
      { "now", 0, 0, G_OPTION_ARG_INT64, &now,
        N_("Fixed clock in Unix seconds, for reproducible answers (default: the real clock)"),
        N_("UNIX") },
      { "no-groups", 0, 0, G_OPTION_ARG_NONE, &no_groups,
        N_("The enterprise does not use IdP groups"), NULL },
      { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults,
        N_("Inject a fault, repeatable: “[METHOD] PATH-GLOB WHAT [times=N] [every=K] "
           "[retry-after=S] [delay=MS]”; WHAT is a status or stall, truncate, html, malformed, "
           "wrong-types, latency, refuse"), N_("SPEC") },
      { NULL }
    };

    context = g_option_context_new (NULL);
    g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
    g_option_context_set_summary (context,
                                  _("A local server of the Devin v2 Enterprise API, with seeded "
                                    "data, for tests and demos."));
    g_option_context_set_description (context,
                                      _("The first line on standard output is “listening on "
                                        "http://127.0.0.1:PORT/v2/enterprise”; /api/v2/enterprise "
                                        "works too. At run time, faults are added with POST "
                                        "/_mock/faults {\"spec\": …} and removed with DELETE "
                                        "/_mock/faults[/ID]; GET /_mock/requests?method=M&path=GLOB "
                                        "counts requests; POST /_mock/audit-events {\"count\": N} "
                                        "adds audit log entries. SIGINT or SIGTERM stop the "
                                        "server."));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  }

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      da_mock_options_clear (&options);
      return 2;
    }

  if (port < 0 || port > 65535)
    {
      g_printerr (_("--port must be between 0 and 65535\n"));
      da_mock_options_clear (&options);
      return 2;
    }
  if (!check_count ("--members", members, 10000000) || !check_count ("--orgs", orgs, 100000) ||
      !check_count ("--audit-events", audit_events, 50000000) ||
      !check_count ("--sessions", sessions, 10000000) || !check_count ("--cycles", cycles, 240) ||
      !check_count ("--seed", seed, G_MAXUINT32) || !check_count ("--now", now, G_MAXINT64 / 4))
    {
      da_mock_options_clear (&options);
      return 2;
    }
  if (compat != NULL && strcmp (compat, "examples") != 0)
    {
      g_printerr (_("Unknown --compat mode “%s”: the only one is “examples”\n"), compat);
      da_mock_options_clear (&options);
      return 2;
    }
  if (key != NULL && *key == '\0')
    {
      g_printerr (_("--key must not be empty\n"));
      da_mock_options_clear (&options);
      return 2;
    }

  options.members = (guint) members;
  options.orgs = (guint) orgs;
  options.audit_events = (guint) audit_events;
  options.sessions = (guint) sessions;
  options.cycles = (guint) cycles;
  options.seed = (guint32) seed;
  options.now = now;
  options.compat_examples = compat != NULL;
  options.use_groups = !no_groups;
  if (key != NULL)
    {
      g_free (options.admin_key);
      options.admin_key = g_steal_pointer (&key);
    }
  options.member_key = g_steal_pointer (&member_key);

  server = da_mock_server_new (&options);
  da_mock_options_clear (&options);

  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      if (da_mock_server_add_fault (server, faults[i], &error) == 0)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
    }

  /* Seeded before the line below: a client that reads it gets its answers at once. */
  da_mock_server_seed (server);

  if (!da_mock_server_start (server, (guint16) port, &error))
    {
      /* Translators: %s is an error message */
      g_printerr (_("Could not start the server: %s\n"), error->message);
      return 1;
    }

  /* Tests and scripts read this line: keep it first, in this form, and flushed. */
  printf ("listening on %s\n", da_mock_server_get_base_url (server));
  fflush (stdout);

  if (g_strcmp0 (da_mock_server_get_admin_key (server), DA_MOCK_DEFAULT_ADMIN_KEY) == 0)
    g_printerr (_("Admin key: the demo key %s\n"), DA_MOCK_DEFAULT_ADMIN_KEY);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_main_loop_run (loop);

  da_mock_server_stop (server);
  return 0;
}

/* da-loop-probe.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <time.h>

#include "da-loop-probe.h"

struct _DaLoopProbe
{
  GSource *source;
  gint64   interval_us;
  gint64   last;        /* monotonic time of the last firing (or reset) */
  gint64   max_gap;     /* longest time between two firings */
  gint64   last_cpu;    /* the thread's CPU time at the last firing (or reset) */
  gint64   max_busy;    /* most CPU time the thread used between two firings */
  guint    ticks;
  gint64   start;       /* monotonic time of the reset */
  gint64   trace_us;    /* blocks longer than this are told (DA_LOOP_PROBE_TRACE_MS), or 0 */
};

/* CPU time used by the calling thread, the one whose main context is probed. */
static gint64
thread_cpu_time (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return 0;
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
on_tick_cb (gpointer user_data)
{
  DaLoopProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (probe->trace_us > 0 && now - probe->last - probe->interval_us > probe->trace_us)
    g_test_message ("Loop probe: blocked %.1f ms (%.1f ms of CPU) at %.3f s",
                    (now - probe->last - probe->interval_us) / 1000.0,
                    (cpu - probe->last_cpu) / 1000.0, (probe->last - probe->start) / 1e6);
  probe->max_gap = MAX (probe->max_gap, now - probe->last);
  probe->max_busy = MAX (probe->max_busy, cpu - probe->last_cpu);
  probe->last = now;
  probe->last_cpu = cpu;
  probe->ticks++;

  return G_SOURCE_CONTINUE;
}

DaLoopProbe *
da_loop_probe_new (guint interval_ms)
{
  DaLoopProbe *probe = g_new0 (DaLoopProbe, 1);

  g_return_val_if_fail (interval_ms > 0, NULL);

  probe->interval_us = (gint64) interval_ms * 1000;
  if (g_getenv ("DA_LOOP_PROBE_TRACE_MS") != NULL)
    probe->trace_us = g_ascii_strtoll (g_getenv ("DA_LOOP_PROBE_TRACE_MS"), NULL, 10) * 1000;
  probe->source = g_timeout_source_new (interval_ms);
  /* The priority input events are dispatched at. */
  g_source_set_priority (probe->source, G_PRIORITY_DEFAULT);
  g_source_set_callback (probe->source, on_tick_cb, probe, NULL);
  g_source_set_static_name (probe->source, "[da-test] loop probe");
  g_source_attach (probe->source, NULL);
  da_loop_probe_reset (probe);

  return probe;
}

void
da_loop_probe_free (DaLoopProbe *probe)
{
  if (probe == NULL)
    return;

  g_source_destroy (probe->source);
  g_source_unref (probe->source);
  g_free (probe);
}

void
da_loop_probe_reset (DaLoopProbe *probe)
{
  g_return_if_fail (probe != NULL);

  probe->last = probe->start = g_get_monotonic_time ();
  probe->last_cpu = thread_cpu_time ();
  probe->max_gap = 0;
  probe->max_busy = 0;
  probe->ticks = 0;
}

guint
da_loop_probe_get_ticks (DaLoopProbe *probe)
{
  g_return_val_if_fail (probe != NULL, 0);

  return probe->ticks;
}

gint64
da_loop_probe_get_max_block_us (DaLoopProbe *probe)
{
  gint64 gap;

  g_return_val_if_fail (probe != NULL, 0);

  gap = MAX (probe->max_gap, g_get_monotonic_time () - probe->last);
  return MAX (0, gap - probe->interval_us);
}

gint64
da_loop_probe_get_max_busy_us (DaLoopProbe *probe)
{
  g_return_val_if_fail (probe != NULL, 0);

  return MAX (probe->max_busy, thread_cpu_time () - probe->last_cpu);
}

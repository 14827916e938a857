/* da-loop-probe.h: how long the main loop stays blocked
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timeout on the default main context, at the priority of input events, that fires every few
 * milliseconds and keeps the longest gap between two of its firings. An event that arrives while
 * the loop is busy waits as long as that gap (less the interval), so the longest gap is the
 * longest time a click or a key press would have waited.
 *
 * The probe also keeps the most CPU time the loop's thread used between two firings: the part of
 * a block that is the program's own work. On a busy machine the longest block is mostly waiting
 * for a CPU; a block much longer than its CPU time can also be a wait for something synchronous
 * (the display server, a file).
 *
 * Tests print the figures and assert only that the probe fired: timings on a shared machine are
 * noise. build-aux/measure-responsiveness.sh checks them against a limit.
 *
 * With DA_LOOP_PROBE_TRACE_MS=N in the environment, each block longer than N ms is told as it
 * ends (a test message: its length, its CPU time, and when it began, from the last reset), to
 * find what blocked.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DaLoopProbe DaLoopProbe;

/* Starts probing every @interval_ms on the default main context. */
DaLoopProbe *da_loop_probe_new              (guint        interval_ms);
void         da_loop_probe_free             (DaLoopProbe *probe);

/* Forgets what was measured so far (the next gap counts from now). */
void         da_loop_probe_reset            (DaLoopProbe *probe);
/* How many times the probe fired since the last reset. */
guint        da_loop_probe_get_ticks        (DaLoopProbe *probe);
/* The longest time, in microseconds, the loop kept the probe waiting past its interval since the
 * last reset (the time up to now counts too). */
gint64       da_loop_probe_get_max_block_us (DaLoopProbe *probe);
/* The most CPU time, in microseconds, the probed thread used between two firings since the last
 * reset (the time up to now counts too). Linux and other systems with per-thread CPU clocks. */
gint64       da_loop_probe_get_max_busy_us  (DaLoopProbe *probe);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaLoopProbe, da_loop_probe_free)

G_END_DECLS

/* da-first-frame.c: report the first frame that shows a list with rows (start-up timing)
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "da-first-frame.h"

#define WATCH_KEY "da-first-frame-watch"

typedef struct
{
  GtkWidget     *widget;     /* unowned: the watch lives on it */
  GListModel    *model;      /* owned */
  GdkFrameClock *clock;      /* owned while connected */
  gulong         items_handler;
  gulong         map_handler;
  gulong         paint_handler;
} Watch;

gboolean
da_first_frame_wanted (void)
{
  static gsize wanted = 0;

  if (g_once_init_enter (&wanted))
    g_once_init_leave (&wanted, g_getenv (DA_FIRST_FRAME_ENV) != NULL ? 2 : 1);

  return wanted == 2;
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  if (watch->clock != NULL)
    {
      g_clear_signal_handler (&watch->paint_handler, watch->clock);
      g_clear_object (&watch->clock);
    }
  g_clear_signal_handler (&watch->items_handler, watch->model);
  g_clear_signal_handler (&watch->map_handler, watch->widget);
  g_clear_object (&watch->model);
  g_free (watch);
}

/* Whether a stack around @widget is still fading or sliding: the rows are then drawn, but not
 * yet as they will be seen. */
static gboolean
in_transition (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_STACK (w) && gtk_stack_get_transition_running (GTK_STACK (w)))
      return TRUE;

  return FALSE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Watch         *watch)
{
  char line[64];
  int length;

  if (!gtk_widget_get_mapped (watch->widget) || g_list_model_get_n_items (watch->model) == 0 ||
      in_transition (watch->widget))
    return;

  length = g_snprintf (line, sizeof line, "first-frame %" G_GINT64_FORMAT "\n",
                       g_get_monotonic_time ());
  /* One write, unbuffered: the reader sees the line as soon as the frame is out. */
  if (write (STDERR_FILENO, line, (size_t) length) < 0)
    {
      /* Nobody to tell. */
    }

  /* Done: the watch goes with its data. */
  g_object_set_data (G_OBJECT (watch->widget), WATCH_KEY, NULL);
}

static void
update (Watch *watch)
{
  GdkFrameClock *clock;

  if (watch->clock != NULL || !gtk_widget_get_mapped (watch->widget) ||
      g_list_model_get_n_items (watch->model) == 0)
    return;

  clock = gtk_widget_get_frame_clock (watch->widget);
  if (clock == NULL)
    return;

  watch->clock = g_object_ref (clock);
  watch->paint_handler = g_signal_connect (clock, "after-paint",
                                           G_CALLBACK (on_after_paint_cb), watch);
  /* The rows have to be drawn: ask for that frame. */
  gtk_widget_queue_draw (watch->widget);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Watch      *watch)
{
  update (watch);
}

static void
on_map_cb (GtkWidget *widget,
           Watch     *watch)
{
  update (watch);
}

void
da_first_frame_report_when (GtkWidget  *widget,
                            GListModel *model)
{
  Watch *watch;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_LIST_MODEL (model));

  if (!da_first_frame_wanted ())
    return;

  watch = g_new0 (Watch, 1);
  watch->widget = widget;
  watch->model = g_object_ref (model);
  watch->items_handler = g_signal_connect (model, "items-changed",
                                           G_CALLBACK (on_items_changed_cb), watch);
  watch->map_handler = g_signal_connect_after (widget, "map", G_CALLBACK (on_map_cb), watch);
  g_object_set_data_full (G_OBJECT (widget), WATCH_KEY, watch, watch_free);
  update (watch);
}

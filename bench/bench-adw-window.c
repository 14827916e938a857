/* bench-adw-window.c: the floor of start-up, a minimal libadwaita window
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwApplication whose window shows a header bar and a label. With DA_REPORT_FIRST_FRAME in
 * the environment it writes "first-frame <CLOCK_MONOTONIC µs>" to standard error after its
 * first frame is painted, as devin-admin does for its populated Members page.
 */

#include <adwaita.h>
#include <unistd.h>

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  char line[64];
  int length = g_snprintf (line, sizeof line, "first-frame %" G_GINT64_FORMAT "\n",
                           g_get_monotonic_time ());

  if (write (STDERR_FILENO, line, (size_t) length) < 0)
    {
      /* Nobody to tell. */
    }
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, user_data);
}

static void
on_map_cb (GtkWidget *window,
           gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
}

static void
on_activate_cb (GApplication *application,
                gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  if (g_getenv ("DA_REPORT_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.devinadmin.BenchWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

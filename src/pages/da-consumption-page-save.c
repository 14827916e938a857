/* da-consumption-page-save.c: the Consumption page's CSV and PNG export
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-consumption-export.h"
#include "da-consumption-page-private.h"
#include "da-dialogs.h"

/* ---- export ------------------------------------------------------------------------------- */

typedef struct
{
  DaConsumptionPage *self;
  GBytes            *contents;
  char              *name;
} Save;

static void
save_free (Save *save)
{
  g_object_unref (save->self);
  g_clear_pointer (&save->contents, g_bytes_unref);
  g_free (save->name);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Save, save_free)

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!da_save_bytes_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: a file could not be written; the first %s is its name */
      message = g_strdup_printf (_("Could not save “%s”: %s"), save->name, error->message);
    }
  else
    /* Translators: a file was written; %s is its name */
    message = g_strdup_printf (_("Saved “%s”"), save->name);

  da_page_show_toast (DA_PAGE (save->self), message);
}

static void
file_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  g_autoptr(GFile) file = da_choose_save_file_finish (result);
  Save *pending;

  /* the person changed their mind */
  if (file == NULL)
    return;

  g_free (save->name);
  save->name = g_file_get_basename (file);
  pending = g_steal_pointer (&save);
  da_save_bytes_async (file, pending->contents, FALSE, pending->self->dialog_cancellable,
                       saved_cb, pending);
}

static void
save_with_chooser (DaConsumptionPage *self,
                   GBytes            *contents,
                   const char        *title,
                   const char        *suggested_name,
                   const char        *filter_name,
                   const char        *pattern)
{
  Save *save = g_new0 (Save, 1);

  save->self = g_object_ref (self);
  save->contents = g_bytes_ref (contents);
  save->name = g_strdup (suggested_name);
  da_choose_save_file_async (GTK_WIDGET (self), title, suggested_name, filter_name, pattern,
                             self->dialog_cancellable, file_chosen_cb, save);
}

void
_da_consumption_page_export (DaPage *page)
{
  DaConsumptionPage *self = DA_CONSUMPTION_PAGE (page);
  DaConsumptionExport data = { 0 };
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = NULL;

  if (self->consumption == NULL || self->cycle == NULL)
    return;

  data.context = da_page_get_context (page);
  data.cycle = self->cycle;
  data.consumption = self->consumption;
  data.metrics = self->metrics;
  data.members = self->members;
  data.days = (const char * const *) self->days;
  contents = da_consumption_export_csv (&data);

  /* Translators: the file name offered for an export; %s is the cycle's first day */
  name = g_strdup_printf (_("consumption-%s.csv"),
                          self->days != NULL && self->days[0] != NULL ? self->days[0] : "");
  save_with_chooser (self, contents, _("Export Consumption"), name, _("CSV files"), "*.csv");
}

void
_da_consumption_page_on_export_clicked_cb (DaConsumptionPage *self)
{
  da_page_export (DA_PAGE (self));
}

void
_da_consumption_page_on_save_image_cb (DaConsumptionPage    *self,
                                       DaConsumptionSection *section)
{
  DaChart *chart = da_consumption_section_get_chart (section);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  const char *widget_name = gtk_widget_get_name (GTK_WIDGET (section));

  /* Twice the pixels: sharp on a HiDPI screen and in print. */
  texture = da_chart_render_texture (chart, 2);
  if (texture == NULL)
    return;
  png = gdk_texture_save_to_png_bytes (texture);

  kind = g_str_has_suffix (widget_name, "-section")
         ? g_strndup (widget_name, strlen (widget_name) - strlen ("-section"))
         : g_strdup ("chart");
  /* Translators: the file name offered for a chart's picture; the first %s is what the chart
   * shows ("daily"), the second the cycle's first day */
  name = g_strdup_printf (_("consumption-%s-%s.png"), kind,
                          self->days != NULL && self->days[0] != NULL ? self->days[0] : "");
  save_with_chooser (self, png, _("Save Chart as Image"), name, _("PNG images"), "*.png");
}


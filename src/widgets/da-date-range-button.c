/* da-date-range-button.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-a11y.h"
#include "da-date-range-button.h"
#include "da-format.h"

#define DAY (G_GINT64_CONSTANT (86400))
#define N_PRESETS 4

struct _DaDateRangeButton
{
  GtkWidget    parent_instance;

  DaDateRange  range;
  GDateTime   *first;    /* custom range: local midnights */
  GDateTime   *last;
  char        *all_label;

  GtkWidget   *menu_button;
  GtkWidget   *label;
  GtkWidget   *popover;
  GtkWidget   *preset_buttons[N_PRESETS];
  GtkWidget   *preset_checks[N_PRESETS];
  GtkWidget   *from_calendar;
  GtkWidget   *to_calendar;
  GtkWidget   *error_label;
};

G_DEFINE_FINAL_TYPE (DaDateRangeButton, da_date_range_button, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *preset_names[N_PRESETS] = {
  "range-all", "range-today", "range-7-days", "range-30-days",
};

static const char *
preset_label (DaDateRangeButton *self,
              DaDateRange        range)
{
  switch (range)
    {
    case DA_DATE_RANGE_ALL:
      return self->all_label != NULL ? self->all_label : _("All Time");
    case DA_DATE_RANGE_TODAY:
      return _("Today");
    case DA_DATE_RANGE_LAST_7_DAYS:
      return _("Last 7 Days");
    case DA_DATE_RANGE_LAST_30_DAYS:
      return _("Last 30 Days");
    case DA_DATE_RANGE_CUSTOM:
    default:
      return _("Custom Range");
    }
}

static GDateTime *
local_midnight (GDateTime *when)
{
  return g_date_time_new_local (g_date_time_get_year (when), g_date_time_get_month (when),
                                g_date_time_get_day_of_month (when), 0, 0, 0);
}

static void
update_label (DaDateRangeButton *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (self->range == DA_DATE_RANGE_CUSTOM && self->first != NULL && self->last != NULL)
    {
      g_autofree char *first = da_format_date (g_date_time_to_unix (self->first));
      g_autofree char *last = da_format_date (g_date_time_to_unix (self->last));

      if (g_date_time_compare (self->first, self->last) == 0)
        text = g_strdup (first);
      else
        /* Translators: a range of days, e.g. "3 Jul 2025 – 10 Jul 2025" */
        text = g_strdup_printf (_("%s – %s"), first, last);
    }
  else
    text = g_strdup (preset_label (self, self->range));

  gtk_label_set_label (GTK_LABEL (self->label), text);
  /* Translators: the tooltip of the date range button, %s is the range shown */
  tooltip = g_strdup_printf (_("Date range: %s"), text);
  gtk_widget_set_tooltip_text (self->menu_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  for (guint i = 0; i < N_PRESETS; i++)
    {
      gboolean current = self->range == (DaDateRange) i;

      gtk_widget_set_opacity (self->preset_checks[i], current ? 1 : 0);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->preset_buttons[i]),
                                   GTK_ACCESSIBLE_STATE_PRESSED, current,
                                   -1);
    }
}

static void
on_preset_clicked_cb (GtkButton         *button,
                      DaDateRangeButton *self)
{
  DaDateRange range = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "da-range"));

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (range == self->range)
    return;

  da_date_range_button_set_preset (self, range);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_apply_clicked_cb (DaDateRangeButton *self)
{
  g_autoptr(GDateTime) from = gtk_calendar_get_date (GTK_CALENDAR (self->from_calendar));
  g_autoptr(GDateTime) to = gtk_calendar_get_date (GTK_CALENDAR (self->to_calendar));

  if (g_date_time_compare (from, to) > 0)
    {
      gtk_widget_set_visible (self->error_label, TRUE);
      return;
    }

  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  da_date_range_button_set_custom (self, from, to);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_popover_show_cb (DaDateRangeButton *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -6);

  /* Start from the custom range, else the last seven days. */
  gtk_calendar_select_day (GTK_CALENDAR (self->from_calendar),
                           self->first != NULL ? self->first : week_ago);
  gtk_calendar_select_day (GTK_CALENDAR (self->to_calendar),
                           self->last != NULL ? self->last : now);
  gtk_widget_set_visible (self->error_label, FALSE);
}

static GtkWidget *
create_calendar_box (const char  *title,
                     const char  *name,
                     GtkWidget  **calendar)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  *calendar = gtk_calendar_new ();
  gtk_widget_set_name (*calendar, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (*calendar),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), *calendar);
  return box;
}

static void
build_popover (DaDateRangeButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *presets = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *calendars = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading;
  GtkWidget *apply;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  for (guint i = 0; i < N_PRESETS; i++)
    {
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *button = gtk_button_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (content), label);
      self->preset_checks[i] = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_box_append (GTK_BOX (content), self->preset_checks[i]);

      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_name (button, preset_names[i]);
      g_object_set_data (G_OBJECT (button), "da-range", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (button), "da-label", label);
      g_signal_connect (button, "clicked", G_CALLBACK (on_preset_clicked_cb), self);
      gtk_box_append (GTK_BOX (presets), button);
      self->preset_buttons[i] = button;
    }
  gtk_box_append (GTK_BOX (box), presets);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  heading = gtk_label_new (_("Custom Range"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_widget_set_margin_top (heading, 6);
  gtk_widget_set_margin_start (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);

  gtk_box_append (GTK_BOX (calendars),
                  create_calendar_box (_("First Day"), "range-from-calendar",
                                       &self->from_calendar));
  gtk_box_append (GTK_BOX (calendars),
                  create_calendar_box (_("Last Day"), "range-to-calendar", &self->to_calendar));
  gtk_widget_set_margin_start (calendars, 6);
  gtk_widget_set_margin_end (calendars, 6);
  gtk_box_append (GTK_BOX (box), calendars);

  self->error_label = gtk_label_new (_("The first day must not be after the last day."));
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_margin_start (self->error_label, 6);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The first day must not be after the last day."),
                                  -1);
  gtk_box_append (GTK_BOX (box), self->error_label);

  apply = gtk_button_new_with_mnemonic (_("_Show Range"));
  da_a11y_label_from_mnemonic (apply, _("_Show Range"));
  gtk_widget_set_name (apply, "range-apply");
  gtk_widget_set_halign (apply, GTK_ALIGN_END);
  gtk_widget_set_margin_end (apply, 6);
  gtk_widget_add_css_class (apply, "suggested-action");
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (on_apply_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), apply);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (on_popover_show_cb), self);
}

static void
update_preset_labels (DaDateRangeButton *self)
{
  for (guint i = 0; i < N_PRESETS; i++)
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (self->preset_buttons[i]), "da-label");

      gtk_label_set_label (GTK_LABEL (label), preset_label (self, i));
    }
}

static void
da_date_range_button_dispose (GObject *object)
{
  DaDateRangeButton *self = (DaDateRangeButton *)object;

  g_clear_pointer (&self->menu_button, gtk_widget_unparent);

  G_OBJECT_CLASS (da_date_range_button_parent_class)->dispose (object);
}

static void
da_date_range_button_finalize (GObject *object)
{
  DaDateRangeButton *self = (DaDateRangeButton *)object;

  g_clear_pointer (&self->first, g_date_time_unref);
  g_clear_pointer (&self->last, g_date_time_unref);
  g_clear_pointer (&self->all_label, g_free);

  G_OBJECT_CLASS (da_date_range_button_parent_class)->finalize (object);
}

static void
da_date_range_button_class_init (DaDateRangeButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_date_range_button_dispose;
  object_class->finalize = da_date_range_button_finalize;

  /**
   * DaDateRangeButton::changed:
   *
   * A person picked another range.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_date_range_button_init (DaDateRangeButton *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("x-office-calendar-symbolic"));
  self->label = gtk_label_new (NULL);
  /* A long custom range gives way in a narrow window; the tooltip has it whole. */
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (self->label), 6);
  gtk_box_append (GTK_BOX (content), self->label);
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("pan-down-symbolic"));

  build_popover (self);

  self->menu_button = gtk_menu_button_new ();
  gtk_widget_set_name (self->menu_button, "date-range-menu-button");
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->menu_button), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), self->popover);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));

  self->range = DA_DATE_RANGE_ALL;
  update_preset_labels (self);
  update_label (self);
}

GtkWidget *
da_date_range_button_new (void)
{
  return g_object_new (DA_TYPE_DATE_RANGE_BUTTON, NULL);
}

DaDateRange
da_date_range_button_get_range (DaDateRangeButton *self)
{
  g_return_val_if_fail (DA_IS_DATE_RANGE_BUTTON (self), DA_DATE_RANGE_ALL);

  return self->range;
}

void
da_date_range_button_set_preset (DaDateRangeButton *self,
                                 DaDateRange        range)
{
  g_return_if_fail (DA_IS_DATE_RANGE_BUTTON (self));
  g_return_if_fail (range < DA_DATE_RANGE_CUSTOM);

  self->range = range;
  update_label (self);
}

void
da_date_range_button_set_custom (DaDateRangeButton *self,
                                 GDateTime         *first,
                                 GDateTime         *last)
{
  g_return_if_fail (DA_IS_DATE_RANGE_BUTTON (self));
  g_return_if_fail (first != NULL && last != NULL);

  g_clear_pointer (&self->first, g_date_time_unref);
  g_clear_pointer (&self->last, g_date_time_unref);
  self->first = local_midnight (first);
  self->last = local_midnight (last);
  self->range = DA_DATE_RANGE_CUSTOM;
  update_label (self);
}

void
da_date_range_button_set_all_label (DaDateRangeButton *self,
                                    const char        *label)
{
  g_return_if_fail (DA_IS_DATE_RANGE_BUTTON (self));

  g_free (self->all_label);
  self->all_label = g_strdup (label);
  update_preset_labels (self);
  update_label (self);
}

void
da_date_range_button_get_bounds (DaDateRangeButton *self,
                                 gint64            *since,
                                 gint64            *until)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 now_unix = g_date_time_to_unix (now);

  g_return_if_fail (DA_IS_DATE_RANGE_BUTTON (self));
  g_return_if_fail (since != NULL && until != NULL);

  *since = G_MININT64;
  *until = G_MININT64;

  switch (self->range)
    {
    case DA_DATE_RANGE_TODAY:
      {
        g_autoptr(GDateTime) midnight = local_midnight (now);

        *since = g_date_time_to_unix (midnight);
      }
      break;

    case DA_DATE_RANGE_LAST_7_DAYS:
      *since = now_unix - 7 * DAY;
      break;

    case DA_DATE_RANGE_LAST_30_DAYS:
      *since = now_unix - 30 * DAY;
      break;

    case DA_DATE_RANGE_CUSTOM:
      {
        g_autoptr(GDateTime) after_last = g_date_time_add_days (self->last, 1);
        /* add_days keeps the wall clock time: still local midnight across a DST change */
        gint64 end = g_date_time_to_unix (after_last);

        *since = g_date_time_to_unix (self->first);
        if (end <= now_unix)
          *until = end;
      }
      break;

    case DA_DATE_RANGE_ALL:
    default:
      break;
    }
}

/* da-usage-bar.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "da-format.h"
#include "da-usage-bar.h"

struct _DaUsageBar
{
  GtkWidget     parent_instance;

  GtkLevelBar  *bar;
  GtkLabel     *label;

  double        used;
  gint64        limit;
  DaUsageLevel  level;
  char         *text;
};

G_DEFINE_FINAL_TYPE (DaUsageBar, da_usage_bar, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (DaUsageLevel, da_usage_level,
                    G_DEFINE_ENUM_VALUE (DA_USAGE_LEVEL_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (DA_USAGE_LEVEL_NO_LIMIT, "no-limit"),
                    G_DEFINE_ENUM_VALUE (DA_USAGE_LEVEL_NORMAL, "normal"),
                    G_DEFINE_ENUM_VALUE (DA_USAGE_LEVEL_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (DA_USAGE_LEVEL_ERROR, "error"))

enum {
  PROP_0,
  PROP_USED,
  PROP_LIMIT,
  PROP_LEVEL,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
used_is_known (double used)
{
  return isfinite (used) && used >= 0;
}

DaUsageLevel
da_usage_level_for (double used,
                    gint64 limit)
{
  if (!used_is_known (used))
    return DA_USAGE_LEVEL_UNKNOWN;
  if (limit < 0)
    return DA_USAGE_LEVEL_NO_LIMIT;
  if (used > (double) limit)
    return DA_USAGE_LEVEL_ERROR;
  if (used >= DA_USAGE_WARNING_FRACTION * (double) limit)
    return DA_USAGE_LEVEL_WARNING;
  return DA_USAGE_LEVEL_NORMAL;
}

/* Whole percents, rounded down, so that "100 %" is never shown for a use under the limit, and a
 * use over it never reads as 100 % or less. */
static int
percent_of (double used,
            gint64 limit)
{
  double percent;

  if (limit <= 0)
    return used > 0 ? -1 : 0;

  percent = floor (used * 100.0 / (double) limit);
  if (percent > 1e6)
    percent = 1e6;
  if (used > (double) limit && percent <= 100)
    percent = 101;
  return (int) percent;
}

static void
update (DaUsageBar *self)
{
  DaUsageLevel level = da_usage_level_for (self->used, self->limit);
  g_autofree char *used_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;
  gboolean level_changed = level != self->level;
  gboolean text_changed;

  if (level == DA_USAGE_LEVEL_UNKNOWN)
    {
      text = g_strdup ("—");
      accessible = g_strdup (_("ACUs used: not known"));
    }
  else if (level == DA_USAGE_LEVEL_NO_LIMIT)
    {
      used_text = da_format_acus (self->used);
      text = g_strdup (used_text);
      /* Translators: e.g. "12.5 ACUs used, no limit" */
      accessible = g_strdup_printf (_("%s ACUs used, no limit"), used_text);
    }
  else
    {
      g_autofree char *limit_text = da_format_count (self->limit);
      g_autofree char *percent_text = NULL;
      int percent = percent_of (self->used, self->limit);

      used_text = da_format_acus (self->used);
      if (percent >= 0)
        {
          /* Translators: a share of a limit, e.g. "90 %"; %d is a whole number */
          percent_text = g_strdup_printf (_("%d %%"), percent);
          /* Translators: ACUs used and their share of the limit, e.g. "450.3 · 90 %" */
          text = g_strdup_printf (_("%s · %s"), used_text, percent_text);
        }
      else
        text = g_strdup (used_text);

      if (level == DA_USAGE_LEVEL_ERROR)
        /* Translators: e.g. "590.2 of 500 ACUs used, over the limit" */
        accessible = g_strdup_printf (_("%s of %s ACUs used, over the limit"),
                                      used_text, limit_text);
      else
        /* Translators: e.g. "450.3 of 500 ACUs used" */
        accessible = g_strdup_printf (_("%s of %s ACUs used"), used_text, limit_text);

      if (percent_text != NULL)
        {
          char *with_percent = g_strdup_printf ("%s (%s)", accessible, percent_text);

          g_free (accessible);
          accessible = with_percent;
        }
    }

  /* The bar: full over the limit; an empty trough for a limit of 0 that is not exceeded. With no
   * bar to show its place stays, so that bars and numbers line up in a column. */
  gtk_widget_set_child_visible (GTK_WIDGET (self->bar),
                                level != DA_USAGE_LEVEL_UNKNOWN &&
                                level != DA_USAGE_LEVEL_NO_LIMIT);
  if (self->limit > 0 && used_is_known (self->used))
    gtk_level_bar_set_value (self->bar, MIN (self->used / (double) self->limit, 1.0));
  else
    gtk_level_bar_set_value (self->bar, level == DA_USAGE_LEVEL_ERROR ? 1.0 : 0.0);

  if (level == DA_USAGE_LEVEL_WARNING)
    gtk_widget_add_css_class (GTK_WIDGET (self->bar), "da-near-limit");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->bar), "da-near-limit");
  if (level == DA_USAGE_LEVEL_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->bar), "da-over-limit");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->bar), "da-over-limit");

  /* The label says it too: the colour is not the only sign. */
  if (level == DA_USAGE_LEVEL_WARNING)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "warning");
  if (level == DA_USAGE_LEVEL_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
  if (level == DA_USAGE_LEVEL_UNKNOWN)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "dim-label");

  gtk_label_set_label (self->label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  text_changed = g_strcmp0 (text, self->text) != 0;
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  self->level = level;

  if (level_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LEVEL]);
  if (text_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

static void
da_usage_bar_dispose (GObject *object)
{
  DaUsageBar *self = (DaUsageBar *)object;

  g_clear_pointer ((GtkWidget **) &self->bar, gtk_widget_unparent);
  g_clear_pointer ((GtkWidget **) &self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (da_usage_bar_parent_class)->dispose (object);
}

static void
da_usage_bar_finalize (GObject *object)
{
  DaUsageBar *self = (DaUsageBar *)object;

  g_free (self->text);

  G_OBJECT_CLASS (da_usage_bar_parent_class)->finalize (object);
}

static void
da_usage_bar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DaUsageBar *self = DA_USAGE_BAR (object);

  switch (prop_id)
    {
    case PROP_USED:
      g_value_set_double (value, self->used);
      break;
    case PROP_LIMIT:
      g_value_set_int64 (value, self->limit);
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_usage_bar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DaUsageBar *self = DA_USAGE_BAR (object);

  switch (prop_id)
    {
    case PROP_USED:
      da_usage_bar_set_used (self, g_value_get_double (value));
      break;
    case PROP_LIMIT:
      da_usage_bar_set_limit (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_usage_bar_class_init (DaUsageBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = da_usage_bar_dispose;
  object_class->finalize = da_usage_bar_finalize;
  object_class->get_property = da_usage_bar_get_property;
  object_class->set_property = da_usage_bar_set_property;

  properties [PROP_USED] =
    g_param_spec_double ("used", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, -1, flags);
  properties [PROP_LIMIT] =
    g_param_spec_int64 ("limit", NULL, NULL, G_MININT64, G_MAXINT64, -1, flags);
  properties [PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL, DA_TYPE_USAGE_LEVEL, DA_USAGE_LEVEL_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "da-usage-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
da_usage_bar_init (DaUsageBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 10);

  self->used = -1;
  self->limit = -1;
  self->level = DA_USAGE_LEVEL_UNKNOWN;

  /* 0 … 1 of the limit; the offsets GTK adds by default would colour the bar by themselves. */
  self->bar = GTK_LEVEL_BAR (gtk_level_bar_new_for_interval (0.0, 1.0));
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_size_request (GTK_WIDGET (self->bar), 96, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->bar), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->bar), GTK_WIDGET (self));

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 1.0);
  gtk_label_set_width_chars (self->label, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));

  update (self);
}

GtkWidget *
da_usage_bar_new (void)
{
  return g_object_new (DA_TYPE_USAGE_BAR, NULL);
}

void
da_usage_bar_set_usage (DaUsageBar *self,
                        double      used,
                        gint64      limit)
{
  gboolean used_changed, limit_changed;

  g_return_if_fail (DA_IS_USAGE_BAR (self));

  if (isnan (used))
    used = -1;
  if (limit < 0)
    limit = -1;

  used_changed = used != self->used;
  limit_changed = limit != self->limit;
  if (!used_changed && !limit_changed)
    return;

  self->used = used;
  self->limit = limit;
  update (self);

  if (used_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USED]);
  if (limit_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIMIT]);
}

double
da_usage_bar_get_used (DaUsageBar *self)
{
  g_return_val_if_fail (DA_IS_USAGE_BAR (self), -1);

  return self->used;
}

void
da_usage_bar_set_used (DaUsageBar *self,
                       double      used)
{
  g_return_if_fail (DA_IS_USAGE_BAR (self));

  da_usage_bar_set_usage (self, used, self->limit);
}

gint64
da_usage_bar_get_limit (DaUsageBar *self)
{
  g_return_val_if_fail (DA_IS_USAGE_BAR (self), -1);

  return self->limit;
}

void
da_usage_bar_set_limit (DaUsageBar *self,
                        gint64      limit)
{
  g_return_if_fail (DA_IS_USAGE_BAR (self));

  da_usage_bar_set_usage (self, self->used, limit);
}

DaUsageLevel
da_usage_bar_get_level (DaUsageBar *self)
{
  g_return_val_if_fail (DA_IS_USAGE_BAR (self), DA_USAGE_LEVEL_UNKNOWN);

  return self->level;
}

const char *
da_usage_bar_get_text (DaUsageBar *self)
{
  g_return_val_if_fail (DA_IS_USAGE_BAR (self), NULL);

  return self->text;
}

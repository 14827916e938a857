/* da-consumption-section.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-consumption-section.h"

struct _DaConsumptionSection
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkLabel          *title_label;
  GtkToggleButton   *table_button;
  GtkButton         *image_button;
  GtkFlowBox        *controls_box;
  GtkStack          *stack;
  DaChart           *chart;
  GtkScrolledWindow *table_window;
};

G_DEFINE_FINAL_TYPE (DaConsumptionSection, da_consumption_section, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  SAVE_IMAGE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
update_image_button (DaConsumptionSection *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->image_button),
                            !gtk_toggle_button_get_active (self->table_button) &&
                            da_chart_get_n_categories (self->chart) > 0);
}

/* The tallest a table grows before it scrolls */
#define MAX_TABLE_HEIGHT 420

static void
rebuild_table (DaConsumptionSection *self)
{
  GtkWidget *table = da_chart_create_table (self->chart);
  int natural = 0;

  gtk_scrolled_window_set_child (self->table_window, table);

  /* In a page that scrolls, a section gets its minimum height: make that the table's, up to a
   * screenful. */
  gtk_widget_measure (table, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  gtk_scrolled_window_set_min_content_height (self->table_window,
                                              MIN (natural, MAX_TABLE_HEIGHT));
}

static void
on_table_toggled_cb (DaConsumptionSection *self)
{
  gboolean show = gtk_toggle_button_get_active (self->table_button);

  if (show)
    rebuild_table (self);
  gtk_stack_set_visible_child_name (self->stack, show ? "table" : "chart");
  if (!show)
    gtk_scrolled_window_set_child (self->table_window, NULL);

  update_image_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHOW_TABLE]);
}

static void
on_chart_changed_cb (DaConsumptionSection *self)
{
  if (gtk_toggle_button_get_active (self->table_button))
    rebuild_table (self);
  update_image_button (self);
}

static void
on_image_clicked_cb (DaConsumptionSection *self)
{
  g_signal_emit (self, signals[SAVE_IMAGE], 0);
}

static void
da_consumption_section_dispose (GObject *object)
{
  DaConsumptionSection *self = (DaConsumptionSection *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_CONSUMPTION_SECTION);
  /* Children the template made but did not bind are ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (da_consumption_section_parent_class)->dispose (object);
}

static void
da_consumption_section_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DaConsumptionSection *self = DA_CONSUMPTION_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, da_consumption_section_get_title (self));
      break;
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, da_consumption_section_get_show_table (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_consumption_section_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DaConsumptionSection *self = DA_CONSUMPTION_SECTION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      da_consumption_section_set_title (self, g_value_get_string (value));
      break;
    case PROP_SHOW_TABLE:
      da_consumption_section_set_show_table (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_consumption_section_class_init (DaConsumptionSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_consumption_section_dispose;
  object_class->get_property = da_consumption_section_get_property;
  object_class->set_property = da_consumption_section_set_property;

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DaConsumptionSection::save-image:
   *
   * The person asked to save the chart as a picture.
   */
  signals [SAVE_IMAGE] =
    g_signal_new ("save-image", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DA_TYPE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-consumption-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionSection, title_label);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionSection, table_button);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionSection, image_button);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionSection, controls_box);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionSection, stack);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionSection, chart);
  gtk_widget_class_bind_template_child (widget_class, DaConsumptionSection, table_window);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_image_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
da_consumption_section_init (DaConsumptionSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_image_button (self);
}

GtkWidget *
da_consumption_section_new (void)
{
  return g_object_new (DA_TYPE_CONSUMPTION_SECTION, NULL);
}

DaChart *
da_consumption_section_get_chart (DaConsumptionSection *self)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION_SECTION (self), NULL);

  return self->chart;
}

const char *
da_consumption_section_get_title (DaConsumptionSection *self)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION_SECTION (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
da_consumption_section_set_title (DaConsumptionSection *self,
                                  const char           *title)
{
  g_return_if_fail (DA_IS_CONSUMPTION_SECTION (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  da_chart_set_title (self->chart, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

gboolean
da_consumption_section_get_show_table (DaConsumptionSection *self)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION_SECTION (self), FALSE);

  return gtk_toggle_button_get_active (self->table_button);
}

void
da_consumption_section_set_show_table (DaConsumptionSection *self,
                                       gboolean              show_table)
{
  g_return_if_fail (DA_IS_CONSUMPTION_SECTION (self));

  /* the toggle's handler notifies */
  gtk_toggle_button_set_active (self->table_button, show_table);
}

void
da_consumption_section_add_control (DaConsumptionSection *self,
                                    GtkWidget            *control)
{
  GtkWidget *child;

  g_return_if_fail (DA_IS_CONSUMPTION_SECTION (self));
  g_return_if_fail (GTK_IS_WIDGET (control));

  gtk_flow_box_append (self->controls_box, control);
  /* The controls are not a selection: only they take the focus. */
  child = gtk_widget_get_parent (control);
  if (GTK_IS_FLOW_BOX_CHILD (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->controls_box), TRUE);
}

GtkWidget *
da_consumption_section_get_table (DaConsumptionSection *self)
{
  g_return_val_if_fail (DA_IS_CONSUMPTION_SECTION (self), NULL);

  if (!gtk_toggle_button_get_active (self->table_button))
    return NULL;
  return gtk_scrolled_window_get_child (self->table_window);
}

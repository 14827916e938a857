/* da-chart.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "da-chart-private.h"

G_DEFINE_FINAL_TYPE (DaChart, da_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORIENTATION,
  PROP_STACKED,
  PROP_TITLE,
  PROP_UNIT,
  PROP_LINE_UNIT,
  PROP_CATEGORY_TITLE,
  PROP_EMPTY_TEXT,
  PROP_FOCUS_INDEX,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
series_free (gpointer data)
{
  DaChartSeries *series = data;

  g_free (series->name);
  g_free (series->values);
  g_free (series);
}

static void
threshold_clear (gpointer data)
{
  DaChartThreshold *threshold = data;

  g_free (threshold->name);
}

/* ---- the accessible description ---------------------------------------------------------- */

static void
update_accessible (DaChart *self)
{
  g_autofree char *summary = da_chart_dup_summary (self);
  g_autofree char *description = NULL;

  if (self->focus_index >= 0 && (guint) self->focus_index < self->n &&
      gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      g_autofree char *point = da_chart_dup_point_text (self, self->focus_index);
      g_auto(GStrv) lines = g_strsplit (point, "\n", -1);
      g_autofree char *joined = g_strjoinv (", ", lines);

      description = g_strdup_printf ("%s. %s", joined, summary);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : summary,
                                  -1);
}

/* ---- the focus popover -------------------------------------------------------------------- */

static void
update_tip (DaChart *self)
{
  gboolean show = self->focus_index >= 0 && (guint) self->focus_index < self->n &&
                  gtk_widget_has_focus (GTK_WIDGET (self)) &&
                  (self->keyboard_mode || gtk_widget_has_visible_focus (GTK_WIDGET (self))) &&
                  gtk_widget_get_mapped (GTK_WIDGET (self));

  if (show)
    {
      g_autofree char *text = da_chart_dup_point_text (self, self->focus_index);
      graphene_rect_t area;

      gtk_label_set_label (self->tip_label, text);
      if (da_chart_get_bar_area (self, self->focus_index, &area))
        gtk_popover_set_pointing_to (GTK_POPOVER (self->tip),
                                     &(GdkRectangle) {
                                       (int) area.origin.x, (int) area.origin.y,
                                       MAX ((int) area.size.width, 1),
                                       MAX ((int) area.size.height, 1) });
      if (!gtk_widget_get_visible (self->tip))
        gtk_popover_popup (GTK_POPOVER (self->tip));
    }
  else if (gtk_widget_get_visible (self->tip))
    gtk_popover_popdown (GTK_POPOVER (self->tip));
}

/* ---- data changes ------------------------------------------------------------------------- */

static void
restack (DaChart *self)
{
  gsize n_values = (gsize) self->series->len * self->n;
  g_autofree double *values = g_new0 (double, MAX (n_values, 1));

  for (guint s = 0; s < self->series->len; s++)
    memcpy (values + (gsize) s * self->n, get_series (self, s)->values,
            sizeof (double) * self->n);

  g_free (self->tops);
  g_free (self->totals);
  self->tops = g_new0 (double, MAX (n_values, 1));
  self->totals = g_new0 (double, MAX (self->n, 1));
  da_chart_stack (values, self->series->len, self->n, self->tops, self->totals);
}

static void
data_changed (DaChart *self,
              gboolean resize)
{
  restack (self);
  _da_chart_invalidate_layout (self);

  if (self->focus_index >= (int) self->n)
    self->focus_index = self->n > 0 ? (int) self->n - 1 : -1;
  self->hover_index = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), self->n > 0);

  update_accessible (self);
  update_tip (self);
  if (resize)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
move_focus (DaChart *self,
            int      index)
{
  if (self->n == 0)
    return;

  index = CLAMP (index, 0, (int) self->n - 1);
  if (index != self->focus_index)
    {
      self->focus_index = index;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FOCUS_INDEX]);
    }
  update_accessible (self);
  update_tip (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- actions and events ------------------------------------------------------------------- */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DaChart *self = DA_CHART (widget);
  int delta = g_variant_get_int32 (parameter);

  self->keyboard_mode = TRUE;
  move_focus (self, self->focus_index < 0 ? 0 : self->focus_index + delta);
}

static void
jump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DaChart *self = DA_CHART (widget);
  int index = g_variant_get_int32 (parameter);

  self->keyboard_mode = TRUE;
  move_focus (self, index < 0 ? (int) self->n - 1 : index);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DaChart *self = DA_CHART (widget);

  if (self->focus_index >= 0 && (guint) self->focus_index < self->n)
    g_signal_emit (self, signals[ACTIVATED], 0, (guint) self->focus_index);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              DaChart                  *self)
{
  int index = da_chart_get_index_at (self, x, y);

  if (index != self->hover_index)
    {
      self->hover_index = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             DaChart                  *self)
{
  if (self->hover_index != -1)
    {
      self->hover_index = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               DaChart         *self)
{
  int index = da_chart_get_index_at (self, x, y);

  if (index < 0)
    return;

  self->keyboard_mode = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  move_focus (self, index);
  if (n_press == 1)
    g_signal_emit (self, signals[ACTIVATED], 0, (guint) index);
}

static void
on_focus_enter_cb (GtkEventControllerFocus *controller,
                   DaChart                 *self)
{
  if (self->focus_index < 0 && self->n > 0)
    {
      self->focus_index = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FOCUS_INDEX]);
    }
  update_accessible (self);
  update_tip (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   DaChart                 *self)
{
  self->keyboard_mode = FALSE;
  update_accessible (self);
  update_tip (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GtkWidget ---------------------------------------------------------------------------- */

static void
da_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  DaChart *self = DA_CHART (widget);
  double line = _da_chart_small_line_height (self);
  double legend = self->series->len > 1 || self->lines->len > 0 || self->thresholds->len > 0
                  ? line + 8 : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else if (is_vertical (self))
    {
      /* In a scrolled page the minimum is what a chart gets: make it one that reads well. */
      *minimum = (int) (MIN_HEIGHT + legend);
      *natural = (int) (NATURAL_HEIGHT + legend);
    }
  else
    {
      double frame = 2 * PADDING + legend + 2 * line + 2 * LABEL_GAP + 2;
      guint rows = MAX (self->n, 1);

      /* thousands of rows are squeezed, a few have room */
      *minimum = (int) (frame + rows * (rows > 100 ? MIN_ROW_HEIGHT : ROW_HEIGHT));
      *natural = (int) (frame + rows * ROW_HEIGHT);
    }
}

static void
da_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  DaChart *self = DA_CHART (widget);

  _da_chart_invalidate_layout (self);
  _da_chart_ensure_layout (self, width, height);

  gtk_popover_present (GTK_POPOVER (self->tip));
}

static void
da_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  DaChart *self = DA_CHART (widget);

  _da_chart_draw (self, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                  gtk_widget_get_scale_factor (widget), TRUE);
}

static gboolean
da_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip)
{
  DaChart *self = DA_CHART (widget);
  int index = keyboard_mode ? self->focus_index : da_chart_get_index_at (self, x, y);
  g_autofree char *text = NULL;
  graphene_rect_t band;

  if (index < 0 || (guint) index >= self->n)
    return FALSE;

  text = da_chart_dup_point_text (self, index);
  gtk_tooltip_set_text (tooltip, text);
  _da_chart_band_rect (self, index, &band);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) band.origin.x, (int) band.origin.y,
                              MAX ((int) band.size.width, 1), MAX ((int) band.size.height, 1) });
  return TRUE;
}

static gboolean
da_chart_focus (GtkWidget        *widget,
                GtkDirectionType  direction)
{
  /* One stop in the focus chain; the arrow keys move inside. */
  if (gtk_widget_is_focus (widget) || !gtk_widget_get_focusable (widget))
    return FALSE;
  return gtk_widget_grab_focus (widget);
}

static void
da_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  DaChart *self = DA_CHART (widget);

  GTK_WIDGET_CLASS (da_chart_parent_class)->css_changed (widget, change);

  /* fonts and colours may have changed: measure again */
  _da_chart_invalidate_layout (self);
  gtk_widget_queue_resize (widget);
}

static void
da_chart_unmap (GtkWidget *widget)
{
  DaChart *self = DA_CHART (widget);

  if (gtk_widget_get_visible (self->tip))
    gtk_popover_popdown (GTK_POPOVER (self->tip));

  GTK_WIDGET_CLASS (da_chart_parent_class)->unmap (widget);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
da_chart_dispose (GObject *object)
{
  DaChart *self = (DaChart *)object;

  g_clear_pointer (&self->tip, gtk_widget_unparent);
  self->tip_label = NULL;

  G_OBJECT_CLASS (da_chart_parent_class)->dispose (object);
}

static void
da_chart_finalize (GObject *object)
{
  DaChart *self = (DaChart *)object;

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);

  g_free (self->title);
  g_free (self->unit);
  g_free (self->line_unit);
  g_free (self->category_title);
  g_free (self->empty_text);
  g_strfreev (self->labels);
  g_strfreev (self->details);
  g_ptr_array_unref (self->series);
  g_ptr_array_unref (self->lines);
  g_array_unref (self->thresholds);
  g_free (self->limits);
  g_free (self->tops);
  g_free (self->totals);
  g_clear_pointer (&self->layout.legend, g_array_unref);

  G_OBJECT_CLASS (da_chart_parent_class)->finalize (object);
}

static void
da_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DaChart *self = DA_CHART (object);

  switch (prop_id)
    {
    case PROP_ORIENTATION:
      g_value_set_enum (value, self->orientation);
      break;
    case PROP_STACKED:
      g_value_set_boolean (value, self->stacked);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_LINE_UNIT:
      g_value_set_string (value, self->line_unit);
      break;
    case PROP_CATEGORY_TITLE:
      g_value_set_string (value, self->category_title);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, self->empty_text);
      break;
    case PROP_FOCUS_INDEX:
      g_value_set_int (value, self->focus_index);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DaChart *self = DA_CHART (object);

  switch (prop_id)
    {
    case PROP_ORIENTATION:
      da_chart_set_orientation (self, g_value_get_enum (value));
      break;
    case PROP_STACKED:
      da_chart_set_stacked (self, g_value_get_boolean (value));
      break;
    case PROP_TITLE:
      da_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      da_chart_set_unit (self, g_value_get_string (value));
      break;
    case PROP_LINE_UNIT:
      da_chart_set_line_unit (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY_TITLE:
      da_chart_set_category_title (self, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      da_chart_set_empty_text (self, g_value_get_string (value));
      break;
    case PROP_FOCUS_INDEX:
      da_chart_set_focus_index (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_chart_class_init (DaChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_chart_dispose;
  object_class->finalize = da_chart_finalize;
  object_class->get_property = da_chart_get_property;
  object_class->set_property = da_chart_set_property;

  widget_class->measure = da_chart_measure;
  widget_class->size_allocate = da_chart_size_allocate;
  widget_class->snapshot = da_chart_snapshot;
  widget_class->query_tooltip = da_chart_query_tooltip;
  widget_class->focus = da_chart_focus;
  widget_class->css_changed = da_chart_css_changed;
  widget_class->unmap = da_chart_unmap;

  properties [PROP_ORIENTATION] =
    g_param_spec_enum ("orientation", NULL, NULL,
                       GTK_TYPE_ORIENTATION, GTK_ORIENTATION_VERTICAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STACKED] =
    g_param_spec_boolean ("stacked", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LINE_UNIT] =
    g_param_spec_string ("line-unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CATEGORY_TITLE] =
    g_param_spec_string ("category-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_FOCUS_INDEX] =
    g_param_spec_int ("focus-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DaChart::activated:
   * @index: the category
   *
   * A category was clicked, or Enter or Space pressed on it.
   */
  signals [ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * DaChart::changed:
   *
   * The data changed (a table made of them is out of date).
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "chart.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "chart.jump", "i", jump_action);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "chart.move", "i", -7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "chart.move", "i", 7);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.jump", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "chart.jump", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.jump", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "chart.jump", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
da_chart_init (DaChart *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkWidget *label;

  self->orientation = GTK_ORIENTATION_VERTICAL;
  self->stacked = TRUE;
  self->labels = g_new0 (char *, 1);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->lines = g_ptr_array_new_with_free_func (series_free);
  self->thresholds = g_array_new (FALSE, FALSE, sizeof (DaChartThreshold));
  g_array_set_clear_func (self->thresholds, threshold_clear);
  self->focus_index = -1;
  self->hover_index = -1;
  restack (self);

  gtk_widget_add_css_class (GTK_WIDGET (self), "da-chart");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* What keyboard focus shows: GTK 4 has no tooltips for the keyboard. */
  self->tip = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->tip), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->tip), GTK_POS_TOP);
  gtk_widget_set_can_focus (self->tip, FALSE);
  gtk_widget_set_can_target (self->tip, FALSE);
  gtk_widget_add_css_class (self->tip, "da-chart-tip");
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_popover_set_child (GTK_POPOVER (self->tip), label);
  self->tip_label = GTK_LABEL (label);
  gtk_widget_set_parent (self->tip, GTK_WIDGET (self));

  update_accessible (self);
}

/* ---- public API --------------------------------------------------------------------------- */

GtkWidget *
da_chart_new (void)
{
  return g_object_new (DA_TYPE_CHART, NULL);
}

GtkOrientation
da_chart_get_orientation (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), GTK_ORIENTATION_VERTICAL);

  return self->orientation;
}

void
da_chart_set_orientation (DaChart        *self,
                          GtkOrientation  orientation)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (self->orientation == orientation)
    return;

  self->orientation = orientation;
  gtk_popover_set_position (GTK_POPOVER (self->tip),
                            orientation == GTK_ORIENTATION_VERTICAL ? GTK_POS_TOP : GTK_POS_BOTTOM);
  _da_chart_invalidate_layout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ORIENTATION]);
}

gboolean
da_chart_get_stacked (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), TRUE);

  return self->stacked;
}

void
da_chart_set_stacked (DaChart  *self,
                      gboolean  stacked)
{
  g_return_if_fail (DA_IS_CHART (self));

  stacked = !!stacked;
  if (self->stacked == stacked)
    return;

  self->stacked = stacked;
  _da_chart_invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STACKED]);
}

static gboolean
set_string (DaChart     *self,
            char       **field,
            const char  *value,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  _da_chart_invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  return TRUE;
}

const char *
da_chart_get_title (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->title;
}

void
da_chart_set_title (DaChart    *self,
                    const char *title)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (set_string (self, &self->title, title, properties [PROP_TITLE]))
    update_accessible (self);
}

const char *
da_chart_get_unit (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->unit;
}

void
da_chart_set_unit (DaChart    *self,
                   const char *unit)
{
  g_return_if_fail (DA_IS_CHART (self));

  set_string (self, &self->unit, unit, properties [PROP_UNIT]);
}

const char *
da_chart_get_line_unit (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->line_unit;
}

void
da_chart_set_line_unit (DaChart    *self,
                        const char *unit)
{
  g_return_if_fail (DA_IS_CHART (self));

  set_string (self, &self->line_unit, unit, properties [PROP_LINE_UNIT]);
}

const char *
da_chart_get_category_title (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->category_title;
}

void
da_chart_set_category_title (DaChart    *self,
                             const char *title)
{
  g_return_if_fail (DA_IS_CHART (self));

  set_string (self, &self->category_title, title, properties [PROP_CATEGORY_TITLE]);
}

const char *
da_chart_get_empty_text (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return self->empty_text;
}

void
da_chart_set_empty_text (DaChart    *self,
                         const char *text)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (set_string (self, &self->empty_text, text, properties [PROP_EMPTY_TEXT]))
    update_accessible (self);
}

void
da_chart_set_format_func (DaChart           *self,
                          DaChartFormatFunc  func,
                          gpointer           user_data,
                          GDestroyNotify     destroy)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);

  self->format_func = func;
  self->format_data = user_data;
  self->format_destroy = destroy;

  _da_chart_invalidate_layout (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
da_chart_set_categories (DaChart            *self,
                         guint               n,
                         const char * const *labels,
                         const char * const *details)
{
  g_return_if_fail (DA_IS_CHART (self));
  g_return_if_fail (labels != NULL || n == 0);

  g_strfreev (self->labels);
  g_strfreev (self->details);
  self->labels = g_new0 (char *, n + 1);
  self->details = NULL;
  for (guint i = 0; i < n; i++)
    self->labels[i] = g_strdup (labels[i] != NULL ? labels[i] : "");
  if (details != NULL)
    {
      self->details = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->details[i] = g_strdup (details[i] != NULL ? details[i] : "");
    }

  self->n = n;
  g_ptr_array_set_size (self->series, 0);
  g_ptr_array_set_size (self->lines, 0);
  g_array_set_size (self->thresholds, 0);
  g_clear_pointer (&self->limits, g_free);

  data_changed (self, TRUE);
}

static DaChartSeries *
series_new (const char   *name,
            const double *values,
            guint         n,
            gboolean      muted)
{
  DaChartSeries *series = g_new0 (DaChartSeries, 1);

  series->name = g_strdup (name != NULL ? name : "");
  series->values = g_new0 (double, MAX (n, 1));
  if (n > 0)
    memcpy (series->values, values, sizeof (double) * n);
  series->muted = muted;
  return series;
}

guint
da_chart_add_series (DaChart      *self,
                     const char   *name,
                     const double *values,
                     gboolean      muted)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);
  g_return_val_if_fail (values != NULL || self->n == 0, 0);

  g_ptr_array_add (self->series, series_new (name, values, self->n, muted));
  data_changed (self, TRUE);
  return self->series->len - 1;
}

guint
da_chart_add_line (DaChart      *self,
                   const char   *name,
                   const double *values)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);
  g_return_val_if_fail (values != NULL || self->n == 0, 0);

  g_ptr_array_add (self->lines, series_new (name, values, self->n, FALSE));
  data_changed (self, TRUE);
  return self->lines->len - 1;
}

void
da_chart_add_threshold (DaChart    *self,
                        const char *name,
                        double      value,
                        int         line)
{
  DaChartThreshold threshold;

  g_return_if_fail (DA_IS_CHART (self));

  threshold.name = g_strdup (name != NULL ? name : "");
  threshold.value = value;
  threshold.line = line;
  g_array_append_val (self->thresholds, threshold);
  data_changed (self, TRUE);
}

void
da_chart_set_limits (DaChart      *self,
                     const double *limits)
{
  g_return_if_fail (DA_IS_CHART (self));

  g_clear_pointer (&self->limits, g_free);
  if (limits != NULL && self->n > 0)
    self->limits = g_memdup2 (limits, sizeof (double) * self->n);
  data_changed (self, FALSE);
}

void
da_chart_clear (DaChart *self)
{
  g_return_if_fail (DA_IS_CHART (self));

  da_chart_set_categories (self, 0, NULL, NULL);
}

guint
da_chart_get_n_categories (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);

  return self->n;
}

guint
da_chart_get_n_series (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);

  return self->series->len;
}

guint
da_chart_get_n_lines (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);

  return self->lines->len;
}

guint
da_chart_get_n_thresholds (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), 0);

  return self->thresholds->len;
}

const char *
da_chart_get_label (DaChart *self,
                    guint    index)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return index < self->n ? self->labels[index] : NULL;
}

const char *
da_chart_get_series_name (DaChart *self,
                          guint    series)
{
  g_return_val_if_fail (DA_IS_CHART (self), NULL);

  return series < self->series->len ? get_series (self, series)->name : NULL;
}

double
da_chart_get_value (DaChart *self,
                    guint    series,
                    guint    index)
{
  g_return_val_if_fail (DA_IS_CHART (self), NAN);

  if (series >= self->series->len || index >= self->n)
    return NAN;
  return get_series (self, series)->values[index];
}

double
da_chart_get_total (DaChart *self,
                    guint    index)
{
  g_return_val_if_fail (DA_IS_CHART (self), NAN);

  return index < self->n ? self->totals[index] : NAN;
}

double
da_chart_get_line_value (DaChart *self,
                         guint    line,
                         guint    index)
{
  g_return_val_if_fail (DA_IS_CHART (self), NAN);

  if (line >= self->lines->len || index >= self->n)
    return NAN;
  return get_line (self, line)->values[index];
}

double
da_chart_get_threshold (DaChart *self,
                        guint    threshold)
{
  g_return_val_if_fail (DA_IS_CHART (self), NAN);

  return threshold < self->thresholds->len ? get_threshold (self, threshold)->value : NAN;
}

void
da_chart_get_series_color (DaChart *self,
                           guint    series,
                           GdkRGBA *color)
{
  DaChartColors colors;

  g_return_if_fail (DA_IS_CHART (self));
  g_return_if_fail (color != NULL);
  g_return_if_fail (series < self->series->len);

  _da_chart_get_colors (self, &colors);
  _da_chart_color_of_series (self, &colors, series, color);
}

int
da_chart_get_focus_index (DaChart *self)
{
  g_return_val_if_fail (DA_IS_CHART (self), -1);

  return self->focus_index;
}

void
da_chart_set_focus_index (DaChart *self,
                          int      index)
{
  g_return_if_fail (DA_IS_CHART (self));

  if (index < 0 || self->n == 0)
    {
      if (self->focus_index != -1)
        {
          self->focus_index = -1;
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FOCUS_INDEX]);
          update_accessible (self);
          update_tip (self);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return;
    }

  move_focus (self, index);
}

int
da_chart_get_index_at (DaChart *self,
                       double   x,
                       double   y)
{
  int width, height;
  const graphene_rect_t *plot;

  g_return_val_if_fail (DA_IS_CHART (self), -1);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->n == 0 || width <= 0 || height <= 0)
    return -1;

  _da_chart_ensure_layout (self, width, height);
  plot = &self->layout.plot;

  if (is_vertical (self))
    {
      /* the band from the top of the plot down to the category's label */
      if (y < plot->origin.y || y > height)
        return -1;
      return da_chart_band_at (plot->origin.x, plot->size.width, self->n, x);
    }

  /* a row, from its name to its value */
  if (x < 0 || x > width)
    return -1;
  return da_chart_band_at (plot->origin.y, plot->size.height, self->n, y);
}

gboolean
da_chart_get_bar_area (DaChart         *self,
                       guint            index,
                       graphene_rect_t *area)
{
  int width, height;

  g_return_val_if_fail (DA_IS_CHART (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (index >= self->n || width <= 0 || height <= 0)
    return FALSE;

  _da_chart_ensure_layout (self, width, height);
  if (self->stacked || self->series->len <= 1)
    _da_chart_bar_rect (self, index, 0, 1, 0, MAX (self->totals[index], 0),
                        gtk_widget_get_scale_factor (GTK_WIDGET (self)), area);
  else
    {
      double max = 0;

      for (guint s = 0; s < self->series->len; s++)
        max = MAX (max, da_chart_max (&get_series (self, s)->values[index], 1));
      _da_chart_bar_rect (self, index, 0, 1, 0, max,
                          gtk_widget_get_scale_factor (GTK_WIDGET (self)), area);
    }
  return TRUE;
}

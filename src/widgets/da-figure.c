/* da-figure.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-figure.h"

struct _DaFigure
{
  GtkWidget   parent_instance;

  /* The card: a GtkButton when linked, else a GtkBox; holds `inner`. */
  GtkWidget  *frame;
  GtkWidget  *inner;
  GtkImage   *icon;
  GtkLabel   *caption_label;
  GtkLabel   *value_label;
  GtkLabel   *detail_label;

  char       *page_id;
  gboolean    linked;
};

G_DEFINE_FINAL_TYPE (DaFigure, da_figure, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAPTION,
  PROP_VALUE,
  PROP_DETAIL,
  PROP_ICON_NAME,
  PROP_PAGE_ID,
  PROP_LINKED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
is_link (DaFigure *self)
{
  return self->linked && self->page_id != NULL;
}

static void
update_accessible (DaFigure *self)
{
  g_autofree char *label = NULL;
  const char *detail = gtk_label_get_label (self->detail_label);

  if (detail != NULL && *detail != '\0')
    /* Translators: what a screen reader says for a figure: caption, value and detail */
    label = g_strdup_printf (_("%s: %s, %s"), gtk_label_get_label (self->caption_label),
                             gtk_label_get_label (self->value_label), detail);
  else
    /* Translators: what a screen reader says for a figure: caption and value */
    label = g_strdup_printf (_("%s: %s"), gtk_label_get_label (self->caption_label),
                             gtk_label_get_label (self->value_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->frame),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  if (is_link (self))
    {
      g_autofree char *tooltip = NULL;

      /* Translators: tooltip of a figure that opens its page; %s is the caption */
      tooltip = g_strdup_printf (_("Open %s"), gtk_label_get_label (self->caption_label));
      gtk_widget_set_tooltip_text (self->frame, tooltip);
    }
}

/* Builds the card again around `inner`: a button for a link, a box otherwise. */
static void
rebuild_frame (DaFigure *self)
{
  g_object_ref (self->inner);

  if (self->frame != NULL)
    {
      if (GTK_IS_BUTTON (self->frame))
        gtk_button_set_child (GTK_BUTTON (self->frame), NULL);
      else
        gtk_box_remove (GTK_BOX (self->frame), self->inner);
      gtk_widget_unparent (self->frame);
    }

  if (is_link (self))
    {
      self->frame = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (self->frame), self->inner);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->frame), "win.show-page");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->frame), "s", self->page_id);
    }
  else
    {
      self->frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (self->frame), self->inner);
    }

  gtk_widget_add_css_class (self->frame, "card");
  gtk_widget_add_css_class (self->frame, "da-figure");
  gtk_widget_set_parent (self->frame, GTK_WIDGET (self));
  g_object_unref (self->inner);

  update_accessible (self);
}

static void
set_label (DaFigure   *self,
           GtkLabel   *label,
           const char *text,
           GParamSpec *pspec)
{
  if (g_strcmp0 (gtk_label_get_label (label), text != NULL ? text : "") == 0)
    return;

  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
da_figure_dispose (GObject *object)
{
  DaFigure *self = (DaFigure *)object;

  g_clear_pointer (&self->frame, gtk_widget_unparent);

  G_OBJECT_CLASS (da_figure_parent_class)->dispose (object);
}

static void
da_figure_finalize (GObject *object)
{
  DaFigure *self = (DaFigure *)object;

  g_clear_pointer (&self->page_id, g_free);

  G_OBJECT_CLASS (da_figure_parent_class)->finalize (object);
}

static void
da_figure_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DaFigure *self = DA_FIGURE (object);

  switch (prop_id)
    {
    case PROP_CAPTION:
      g_value_set_string (value, da_figure_get_caption (self));
      break;

    case PROP_VALUE:
      g_value_set_string (value, da_figure_get_value (self));
      break;

    case PROP_DETAIL:
      g_value_set_string (value, da_figure_get_detail (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, da_figure_get_icon_name (self));
      break;

    case PROP_PAGE_ID:
      g_value_set_string (value, self->page_id);
      break;

    case PROP_LINKED:
      g_value_set_boolean (value, self->linked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_figure_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DaFigure *self = DA_FIGURE (object);

  switch (prop_id)
    {
    case PROP_CAPTION:
      da_figure_set_caption (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      da_figure_set_value (self, g_value_get_string (value));
      break;

    case PROP_DETAIL:
      da_figure_set_detail (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      da_figure_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_PAGE_ID:
      da_figure_set_page_id (self, g_value_get_string (value));
      break;

    case PROP_LINKED:
      da_figure_set_linked (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_figure_class_init (DaFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_figure_dispose;
  object_class->finalize = da_figure_finalize;
  object_class->get_property = da_figure_get_property;
  object_class->set_property = da_figure_set_property;

  properties [PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PAGE_ID] =
    g_param_spec_string ("page-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LINKED] =
    g_param_spec_boolean ("linked", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "figure");
}

static void
da_figure_init (DaFigure *self)
{
  GtkWidget *header;

  self->inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->inner, "da-figure-inner");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "da-figure-icon");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->icon));

  self->caption_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->caption_label, 0);
  gtk_label_set_wrap (self->caption_label, TRUE);
  gtk_label_set_max_width_chars (self->caption_label, 18);
  gtk_widget_add_css_class (GTK_WIDGET (self->caption_label), "da-figure-caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->caption_label), "heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->caption_label));
  gtk_box_append (GTK_BOX (self->inner), header);

  self->value_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->value_label, 0);
  gtk_label_set_ellipsize (self->value_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "da-figure-value");
  gtk_box_append (GTK_BOX (self->inner), GTK_WIDGET (self->value_label));

  self->detail_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->detail_label, 0);
  gtk_label_set_wrap (self->detail_label, TRUE);
  /* Short natural widths let a flow box put three figures on a line. */
  gtk_label_set_max_width_chars (self->detail_label, 24);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "caption");
  gtk_box_append (GTK_BOX (self->inner), GTK_WIDGET (self->detail_label));

  rebuild_frame (self);
}

GtkWidget *
da_figure_new (void)
{
  return g_object_new (DA_TYPE_FIGURE, NULL);
}

const char *
da_figure_get_caption (DaFigure *self)
{
  g_return_val_if_fail (DA_IS_FIGURE (self), NULL);

  return gtk_label_get_label (self->caption_label);
}

void
da_figure_set_caption (DaFigure   *self,
                       const char *caption)
{
  g_return_if_fail (DA_IS_FIGURE (self));

  set_label (self, self->caption_label, caption, properties [PROP_CAPTION]);
}

const char *
da_figure_get_value (DaFigure *self)
{
  g_return_val_if_fail (DA_IS_FIGURE (self), NULL);

  return gtk_label_get_label (self->value_label);
}

void
da_figure_set_value (DaFigure   *self,
                     const char *value)
{
  g_return_if_fail (DA_IS_FIGURE (self));

  set_label (self, self->value_label, value, properties [PROP_VALUE]);
}

const char *
da_figure_get_detail (DaFigure *self)
{
  g_return_val_if_fail (DA_IS_FIGURE (self), NULL);

  return gtk_label_get_label (self->detail_label);
}

void
da_figure_set_detail (DaFigure   *self,
                      const char *detail)
{
  g_return_if_fail (DA_IS_FIGURE (self));

  set_label (self, self->detail_label, detail, properties [PROP_DETAIL]);
}

const char *
da_figure_get_icon_name (DaFigure *self)
{
  g_return_val_if_fail (DA_IS_FIGURE (self), NULL);

  return gtk_image_get_icon_name (self->icon);
}

void
da_figure_set_icon_name (DaFigure   *self,
                         const char *icon_name)
{
  g_return_if_fail (DA_IS_FIGURE (self));

  if (g_strcmp0 (gtk_image_get_icon_name (self->icon), icon_name) == 0)
    return;

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ICON_NAME]);
}

const char *
da_figure_get_page_id (DaFigure *self)
{
  g_return_val_if_fail (DA_IS_FIGURE (self), NULL);

  return self->page_id;
}

void
da_figure_set_page_id (DaFigure   *self,
                       const char *page_id)
{
  gboolean was_link;

  g_return_if_fail (DA_IS_FIGURE (self));

  if (g_strcmp0 (self->page_id, page_id) == 0)
    return;

  was_link = is_link (self);
  g_free (self->page_id);
  self->page_id = g_strdup (page_id);

  if (is_link (self))
    {
      if (was_link)
        gtk_actionable_set_action_target (GTK_ACTIONABLE (self->frame), "s", self->page_id);
      else
        rebuild_frame (self);
    }
  else if (was_link)
    rebuild_frame (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGE_ID]);
}

gboolean
da_figure_get_linked (DaFigure *self)
{
  g_return_val_if_fail (DA_IS_FIGURE (self), FALSE);

  return self->linked;
}

void
da_figure_set_linked (DaFigure *self,
                      gboolean  linked)
{
  gboolean was_link;

  g_return_if_fail (DA_IS_FIGURE (self));

  linked = !!linked;
  if (self->linked == linked)
    return;

  was_link = is_link (self);
  self->linked = linked;
  if (was_link != is_link (self))
    rebuild_frame (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LINKED]);
}

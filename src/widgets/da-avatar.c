/* da-avatar.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "da-avatar.h"

/* The colours of libadwaita's stylesheet: avatar.color1 … avatar.color14. */
#define N_COLORS 14

struct _DaAvatar
{
  GtkWidget  parent_instance;

  GtkLabel  *label;
  char      *text;
  char      *initials;
  char      *color_class;
  int        size;
  int        font_pixels;
};

enum {
  PROP_0,
  PROP_SIZE,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DaAvatar, da_avatar, GTK_TYPE_WIDGET)

/* The first letter of the first word and of the last, in capitals: "María José García" → "MG". */
static char *
initials_of (const char *text)
{
  g_autofree char *upper = NULL;
  g_autofree char *composed = NULL;
  GString *initials = g_string_new (NULL);
  const char *last_space;

  if (text == NULL)
    return g_string_free (initials, FALSE);

  upper = g_utf8_strup (text, -1);
  composed = g_utf8_normalize (g_strstrip (upper), -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (composed == NULL || *composed == '\0')
    return g_string_free (initials, FALSE);

  g_string_append_unichar (initials, g_utf8_get_char (composed));
  last_space = strrchr (composed, ' ');
  if (last_space != NULL && last_space[1] != '\0')
    g_string_append_unichar (initials, g_utf8_get_char (last_space + 1));

  return g_string_free (initials, FALSE);
}

static void
set_font_pixels (DaAvatar *self,
                 int       pixels)
{
  PangoAttrList *attributes;

  if (pixels == self->font_pixels)
    return;

  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_size_new_absolute (pixels * PANGO_SCALE));
  gtk_label_set_attributes (self->label, attributes);
  pango_attr_list_unref (attributes);
  self->font_pixels = pixels;
}

/* Initials take 0.36 of the disc's size, in whole pixels; only initials wider than 0.68 of the
 * disc (two wide capitals, "WM") take a smaller size, again in whole pixels, so that a list
 * uses a font or two, not one per row. Measured with the label's own layout, which it then
 * draws. */
static void
update_font (DaAvatar *self)
{
  int base = MAX (1, (int) (self->size * 0.36 + 0.5));
  int widest = (int) (self->size * 0.68);
  int width;

  set_font_pixels (self, base);
  if (self->initials[0] == '\0')
    return;

  pango_layout_get_pixel_size (gtk_label_get_layout (self->label), &width, NULL);
  if (width > widest)
    set_font_pixels (self, MAX (1, base * widest / width));
}

static void
da_avatar_dispose (GObject *object)
{
  DaAvatar *self = DA_AVATAR (object);

  g_clear_pointer ((GtkWidget **) &self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (da_avatar_parent_class)->dispose (object);
}

static void
da_avatar_finalize (GObject *object)
{
  DaAvatar *self = DA_AVATAR (object);

  g_free (self->text);
  g_free (self->initials);
  g_free (self->color_class);

  G_OBJECT_CLASS (da_avatar_parent_class)->finalize (object);
}

static void
da_avatar_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DaAvatar *self = DA_AVATAR (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      g_value_set_int (value, self->size);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_avatar_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DaAvatar *self = DA_AVATAR (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      self->size = g_value_get_int (value);
      gtk_widget_set_size_request (GTK_WIDGET (self), self->size, self->size);
      update_font (self);
      break;
    case PROP_TEXT:
      da_avatar_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_avatar_class_init (DaAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_avatar_dispose;
  object_class->finalize = da_avatar_finalize;
  object_class->get_property = da_avatar_get_property;
  object_class->set_property = da_avatar_set_property;

  properties[PROP_SIZE] =
    g_param_spec_int ("size", NULL, NULL, 1, G_MAXINT, 32,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "avatar");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
da_avatar_init (DaAvatar *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->label), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->label), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
  self->initials = g_strdup ("");

  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
da_avatar_new (int size)
{
  g_return_val_if_fail (size > 0, NULL);

  return g_object_new (DA_TYPE_AVATAR, "size", size, NULL);
}

void
da_avatar_set_text (DaAvatar   *self,
                    const char *text)
{
  g_autofree char *color_class = NULL;

  g_return_if_fail (DA_IS_AVATAR (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->initials);
  self->initials = initials_of (text);
  gtk_label_set_label (self->label, self->initials);
  update_font (self);

  /* The colour AdwAvatar gives the same text, so that a person looks the same in the list and
   * in an AdwAvatar elsewhere (test-widgets checks the two agree). */
  if (text != NULL && *text != '\0')
    color_class = g_strdup_printf ("color%u", g_str_hash (text) % N_COLORS + 1);
  if (g_strcmp0 (color_class, self->color_class) != 0)
    {
      if (self->color_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->color_class);
      if (color_class != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self), color_class);
      g_free (self->color_class);
      self->color_class = g_steal_pointer (&color_class);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
da_avatar_get_text (DaAvatar *self)
{
  g_return_val_if_fail (DA_IS_AVATAR (self), NULL);

  return self->text;
}

const char *
da_avatar_get_initials (DaAvatar *self)
{
  g_return_val_if_fail (DA_IS_AVATAR (self), NULL);

  return self->initials;
}

int
da_avatar_get_size (DaAvatar *self)
{
  g_return_val_if_fail (DA_IS_AVATAR (self), 0);

  return self->size;
}

/* da-offline-banner.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-format.h"
#include "da-offline-banner.h"

/* How often "5 minutes ago" is brought up to date while the banner shows. */
#define UPDATE_INTERVAL_S 30

struct _DaOfflineBanner
{
  GtkWidget     parent_instance;

  /* Owned */
  DaClient     *client;
  GSignalGroup *client_signals;
  guint         update_source;

  /* Template widgets */
  GtkRevealer  *revealer;
  GtkLabel     *label;
  GtkWidget    *retry_button;
};

G_DEFINE_FINAL_TYPE (DaOfflineBanner, da_offline_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void update (DaOfflineBanner *self);

static gboolean
on_update_timeout_cb (gpointer user_data)
{
  update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update (DaOfflineBanner *self)
{
  gboolean offline = self->client != NULL && da_client_get_offline (self->client);
  g_autofree char *text = NULL;
  g_autofree char *exact = NULL;

  if (offline)
    {
      gint64 when = da_client_get_offline_data_time (self->client);

      if (when > 0)
        {
          g_autofree char *relative = da_format_relative_time (when, da_now ());

          /* Translators: shown at the top of the window while the server cannot be reached;
           * %s is when the data shown was loaded: "5 minutes ago", "yesterday", "12 March" */
          text = g_strdup_printf (_("Offline — showing data from %s"), relative);
          exact = da_format_exact_time (when);
        }
      else
        text = g_strdup (_("Offline — showing data loaded earlier"));

      gtk_label_set_label (self->label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), exact);

      if (self->update_source == 0)
        {
          self->update_source = g_timeout_add_seconds (UPDATE_INTERVAL_S, on_update_timeout_cb,
                                                       self);
          g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->update_source),
                                    "[da] offline banner");
        }
    }
  else
    g_clear_handle_id (&self->update_source, g_source_remove);

  gtk_revealer_set_reveal_child (self->revealer, offline);
}

static void
da_offline_banner_dispose (GObject *object)
{
  DaOfflineBanner *self = (DaOfflineBanner *)object;

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_OFFLINE_BANNER);

  G_OBJECT_CLASS (da_offline_banner_parent_class)->dispose (object);
}

static void
da_offline_banner_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DaOfflineBanner *self = DA_OFFLINE_BANNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_offline_banner_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DaOfflineBanner *self = DA_OFFLINE_BANNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      da_offline_banner_set_client (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_offline_banner_class_init (DaOfflineBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_offline_banner_dispose;
  object_class->get_property = da_offline_banner_get_property;
  object_class->set_property = da_offline_banner_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         DA_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-offline-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, DaOfflineBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, DaOfflineBanner, label);
  gtk_widget_class_bind_template_child (widget_class, DaOfflineBanner, retry_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "da-offline-banner");
}

static void
da_offline_banner_init (DaOfflineBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->client_signals = g_signal_group_new (DA_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "notify::offline",
                                  G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->client_signals, "notify::offline-data-time",
                                  G_CALLBACK (update), self);
}

GtkWidget *
da_offline_banner_new (void)
{
  return g_object_new (DA_TYPE_OFFLINE_BANNER, NULL);
}

DaClient *
da_offline_banner_get_client (DaOfflineBanner *self)
{
  g_return_val_if_fail (DA_IS_OFFLINE_BANNER (self), NULL);

  return self->client;
}

void
da_offline_banner_set_client (DaOfflineBanner *self,
                              DaClient        *client)
{
  g_return_if_fail (DA_IS_OFFLINE_BANNER (self));
  g_return_if_fail (client == NULL || DA_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  g_signal_group_set_target (self->client_signals, client);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT]);
}

gboolean
da_offline_banner_get_revealed (DaOfflineBanner *self)
{
  g_return_val_if_fail (DA_IS_OFFLINE_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
da_offline_banner_get_text (DaOfflineBanner *self)
{
  g_return_val_if_fail (DA_IS_OFFLINE_BANNER (self), NULL);

  return gtk_label_get_label (self->label);
}

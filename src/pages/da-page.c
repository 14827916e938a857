/* da-page.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "da-page.h"

/* The state every page has, kept by the interface on the instance. */
typedef struct
{
  DaContext *context;
  char      *title;
  char      *icon_name;
  GError    *error;
  guint      busy : 1;
  guint      can_search : 1;
  guint      can_new : 1;
  guint      can_export : 1;
  /* A 404 made the page refresh, and the refresh has not succeeded yet. */
  guint      refreshing_after_not_found : 1;
} PageData;

static GParamSpec *properties [DA_PAGE_N_PROPS];

G_DEFINE_INTERFACE (DaPage, da_page, GTK_TYPE_WIDGET)

static void
page_data_free (PageData *data)
{
  g_clear_object (&data->context);
  g_clear_pointer (&data->title, g_free);
  g_clear_pointer (&data->icon_name, g_free);
  g_clear_error (&data->error);
  g_free (data);
}

static PageData *
get_data (DaPage *self)
{
  static GQuark quark;
  PageData *data;

  if G_UNLIKELY (quark == 0)
    quark = g_quark_from_static_string ("da-page-data");

  data = g_object_get_qdata (G_OBJECT (self), quark);
  if (data == NULL)
    {
      data = g_new0 (PageData, 1);
      g_object_set_qdata_full (G_OBJECT (self), quark, data, (GDestroyNotify) page_data_free);
    }

  return data;
}

static void
da_page_default_init (DaPageInterface *iface)
{
  properties [DA_PAGE_PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         DA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [DA_PAGE_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [DA_PAGE_PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [DA_PAGE_PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [DA_PAGE_PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [DA_PAGE_PROP_CAN_SEARCH] =
    g_param_spec_boolean ("can-search", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [DA_PAGE_PROP_CAN_NEW] =
    g_param_spec_boolean ("can-new", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [DA_PAGE_PROP_CAN_EXPORT] =
    g_param_spec_boolean ("can-export", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  for (guint i = 0; i < DA_PAGE_N_PROPS; i++)
    g_object_interface_install_property (iface, properties [i]);
}

guint
da_page_install_properties (GObjectClass *object_class,
                            guint         first_prop)
{
  g_return_val_if_fail (G_IS_OBJECT_CLASS (object_class), 0);

  g_object_class_override_property (object_class, first_prop + DA_PAGE_PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, first_prop + DA_PAGE_PROP_TITLE, "title");
  g_object_class_override_property (object_class, first_prop + DA_PAGE_PROP_ICON_NAME,
                                    "icon-name");
  g_object_class_override_property (object_class, first_prop + DA_PAGE_PROP_BUSY, "busy");
  g_object_class_override_property (object_class, first_prop + DA_PAGE_PROP_ERROR, "error");
  g_object_class_override_property (object_class, first_prop + DA_PAGE_PROP_CAN_SEARCH,
                                    "can-search");
  g_object_class_override_property (object_class, first_prop + DA_PAGE_PROP_CAN_NEW, "can-new");
  g_object_class_override_property (object_class, first_prop + DA_PAGE_PROP_CAN_EXPORT,
                                    "can-export");

  return DA_PAGE_N_PROPS;
}

/* GObject hands implementations the interface's own pspec for overridden properties. */
static int
find_property (GParamSpec *pspec)
{
  for (guint i = 0; i < DA_PAGE_N_PROPS; i++)
    if (properties [i] == pspec)
      return i;
  return -1;
}

gboolean
da_page_delegate_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PageData *data;
  int which = find_property (pspec);

  if (which < 0)
    return FALSE;

  data = get_data (DA_PAGE (object));

  switch ((DaPageProperty) which)
    {
    case DA_PAGE_PROP_CONTEXT:
      g_value_set_object (value, data->context);
      break;

    case DA_PAGE_PROP_TITLE:
      g_value_set_string (value, data->title);
      break;

    case DA_PAGE_PROP_ICON_NAME:
      g_value_set_string (value, data->icon_name);
      break;

    case DA_PAGE_PROP_BUSY:
      g_value_set_boolean (value, data->busy);
      break;

    case DA_PAGE_PROP_ERROR:
      g_value_set_boxed (value, data->error);
      break;

    case DA_PAGE_PROP_CAN_SEARCH:
      g_value_set_boolean (value, data->can_search);
      break;

    case DA_PAGE_PROP_CAN_NEW:
      g_value_set_boolean (value, data->can_new);
      break;

    case DA_PAGE_PROP_CAN_EXPORT:
      g_value_set_boolean (value, data->can_export);
      break;

    case DA_PAGE_N_PROPS:
    default:
      return FALSE;
    }

  return TRUE;
}

gboolean
da_page_delegate_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PageData *data;

  if (find_property (pspec) != DA_PAGE_PROP_CONTEXT)
    return FALSE;

  data = get_data (DA_PAGE (object));
  g_set_object (&data->context, g_value_get_object (value));
  return TRUE;
}

DaContext *
da_page_get_context (DaPage *self)
{
  g_return_val_if_fail (DA_IS_PAGE (self), NULL);

  return get_data (self)->context;
}

const char *
da_page_get_title (DaPage *self)
{
  g_return_val_if_fail (DA_IS_PAGE (self), NULL);

  return get_data (self)->title;
}

const char *
da_page_get_icon_name (DaPage *self)
{
  g_return_val_if_fail (DA_IS_PAGE (self), NULL);

  return get_data (self)->icon_name;
}

gboolean
da_page_get_busy (DaPage *self)
{
  g_return_val_if_fail (DA_IS_PAGE (self), FALSE);

  return get_data (self)->busy;
}

const GError *
da_page_get_error (DaPage *self)
{
  g_return_val_if_fail (DA_IS_PAGE (self), NULL);

  return get_data (self)->error;
}

gboolean
da_page_get_can_search (DaPage *self)
{
  g_return_val_if_fail (DA_IS_PAGE (self), FALSE);

  return get_data (self)->can_search;
}

gboolean
da_page_get_can_new (DaPage *self)
{
  g_return_val_if_fail (DA_IS_PAGE (self), FALSE);

  return get_data (self)->can_new;
}

gboolean
da_page_get_can_export (DaPage *self)
{
  g_return_val_if_fail (DA_IS_PAGE (self), FALSE);

  return get_data (self)->can_export;
}

static void
set_string (DaPage     *self,
            char      **field,
            const char *value,
            const char *property)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify (G_OBJECT (self), property);
}

static void
set_flag (DaPage     *self,
          gboolean    current,
          gboolean    value,
          const char *property)
{
  /* the caller has stored the value already */
  if (current != value)
    g_object_notify (G_OBJECT (self), property);
}

void
da_page_set_title (DaPage     *self,
                   const char *title)
{
  g_return_if_fail (DA_IS_PAGE (self));

  set_string (self, &get_data (self)->title, title, "title");
}

void
da_page_set_icon_name (DaPage     *self,
                       const char *icon_name)
{
  g_return_if_fail (DA_IS_PAGE (self));

  set_string (self, &get_data (self)->icon_name, icon_name, "icon-name");
}

void
da_page_set_busy (DaPage   *self,
                  gboolean  busy)
{
  PageData *data;
  gboolean old;

  g_return_if_fail (DA_IS_PAGE (self));

  data = get_data (self);
  old = data->busy;
  data->busy = !!busy;
  set_flag (self, old, data->busy, "busy");
}

void
da_page_set_error (DaPage       *self,
                   const GError *error)
{
  PageData *data;

  g_return_if_fail (DA_IS_PAGE (self));

  data = get_data (self);
  if (error == NULL)
    data->refreshing_after_not_found = FALSE;
  if (data->error == NULL && error == NULL)
    return;

  g_clear_error (&data->error);
  if (error != NULL)
    data->error = g_error_copy (error);
  g_object_notify (G_OBJECT (self), "error");
}

void
da_page_set_can_search (DaPage   *self,
                        gboolean  can_search)
{
  PageData *data;
  gboolean old;

  g_return_if_fail (DA_IS_PAGE (self));

  data = get_data (self);
  old = data->can_search;
  data->can_search = !!can_search;
  set_flag (self, old, data->can_search, "can-search");
}

void
da_page_set_can_new (DaPage   *self,
                     gboolean  can_new)
{
  PageData *data;
  gboolean old;

  g_return_if_fail (DA_IS_PAGE (self));

  data = get_data (self);
  old = data->can_new;
  data->can_new = !!can_new;
  set_flag (self, old, data->can_new, "can-new");
}

void
da_page_set_can_export (DaPage   *self,
                        gboolean  can_export)
{
  PageData *data;
  gboolean old;

  g_return_if_fail (DA_IS_PAGE (self));

  data = get_data (self);
  old = data->can_export;
  data->can_export = !!can_export;
  set_flag (self, old, data->can_export, "can-export");
}

gboolean
da_page_get_offline (DaPage *self)
{
  DaContext *context;

  g_return_val_if_fail (DA_IS_PAGE (self), FALSE);

  context = get_data (self)->context;
  return context != NULL && da_client_get_offline (da_context_get_client (context));
}

void
da_page_refresh (DaPage *self)
{
  g_return_if_fail (DA_IS_PAGE (self));
  g_return_if_fail (DA_PAGE_GET_IFACE (self)->refresh != NULL);

  DA_PAGE_GET_IFACE (self)->refresh (self);
}

void
da_page_focus_search (DaPage *self)
{
  g_return_if_fail (DA_IS_PAGE (self));

  if (DA_PAGE_GET_IFACE (self)->focus_search != NULL && da_page_get_can_search (self))
    DA_PAGE_GET_IFACE (self)->focus_search (self);
}

void
da_page_activate_new (DaPage *self)
{
  g_return_if_fail (DA_IS_PAGE (self));

  /* Nothing is created while the server cannot be reached. */
  if (DA_PAGE_GET_IFACE (self)->activate_new != NULL && da_page_get_can_new (self) &&
      !da_page_get_offline (self))
    DA_PAGE_GET_IFACE (self)->activate_new (self);
}

void
da_page_export (DaPage *self)
{
  g_return_if_fail (DA_IS_PAGE (self));

  if (DA_PAGE_GET_IFACE (self)->export != NULL && da_page_get_can_export (self))
    DA_PAGE_GET_IFACE (self)->export (self);
}

void
da_page_show_toast (DaPage     *self,
                    const char *title)
{
  g_return_if_fail (DA_IS_PAGE (self));
  g_return_if_fail (title != NULL);

  /* The window owns the toast overlay and removes duplicates. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", title))
    g_debug ("Toast with no window to show it: %s", title);
}

DaPageErrorResult
da_page_handle_error (DaPage       *self,
                      const GError *error)
{
  g_return_val_if_fail (DA_IS_PAGE (self), DA_PAGE_ERROR_IGNORED);
  g_return_val_if_fail (error != NULL, DA_PAGE_ERROR_IGNORED);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return DA_PAGE_ERROR_IGNORED;

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    {
      /* DaClient's "unauthorized" has taken the window back to the key entry already. */
      return DA_PAGE_ERROR_ELSEWHERE;
    }

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NOT_FOUND) &&
      !get_data (self)->refreshing_after_not_found)
    {
      /* Once: if the refresh itself meets a 404, the page shows it like any other error
       * rather than refreshing for ever. */
      get_data (self)->refreshing_after_not_found = TRUE;
      da_page_show_toast (self, error->message);
      da_page_refresh (self);
      return DA_PAGE_ERROR_TOAST;
    }

  /* 403 (a notice in place of the content), 5xx, network, unreadable answers, a 404 met by the
   * refresh after a 404, and a rate limit that outlasted the client's retries: the page cannot show its content, so it says why and
   * offers Retry. (While the client still retries a 429, the window's toast says so and no error
   * reaches the page.) */
  da_page_set_error (self, error);
  return DA_PAGE_ERROR_IN_PAGE;
}

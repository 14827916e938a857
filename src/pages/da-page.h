/* da-page.h: what every page of the window is
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "da-context.h"

G_BEGIN_DECLS

#define DA_TYPE_PAGE (da_page_get_type ())
G_DECLARE_INTERFACE (DaPage, da_page, DA, PAGE, GtkWidget)

/**
 * DaPageInterface:
 * @refresh: load the page's data again (required). Called by the window's Refresh, and by the
 *   page itself when it is first mapped if it wants to load lazily.
 * @focus_search: move the focus to the page's search entry (Ctrl+F); optional, enabled by the
 *   "can-search" property.
 * @activate_new: the page's main "new" action: invite, create, grant (Ctrl+N); optional,
 *   enabled by "can-new".
 * @export: export what the page shows (Ctrl+E); optional, enabled by "can-export".
 *
 * Every page of the window implements this interface, so the window treats them alike and a
 * test builds any page on its own with a #DaContext pointing at a local server.
 *
 * The properties are declared here and kept here: an implementation calls
 * da_page_install_properties() in class_init and da_page_delegate_get_property() /
 * da_page_delegate_set_property() first in its get/set_property, then changes them with the
 * setters below. The properties:
 *   "context"     DaContext, construct-only
 *   "title"       the page's name in the sidebar and the header ("Members")
 *   "icon-name"   a symbolic icon for the sidebar
 *   "busy"        a load is under way
 *   "error"       GError (boxed, nullable): the error the page shows in place of its content
 *   "can-search", "can-new", "can-export"   which optional actions work right now
 */
struct _DaPageInterface
{
  GTypeInterface parent_iface;

  void     (*refresh)      (DaPage *self);
  void     (*focus_search) (DaPage *self);
  void     (*activate_new) (DaPage *self);
  void     (*export)       (DaPage *self);
};

typedef enum
{
  DA_PAGE_PROP_CONTEXT,
  DA_PAGE_PROP_TITLE,
  DA_PAGE_PROP_ICON_NAME,
  DA_PAGE_PROP_BUSY,
  DA_PAGE_PROP_ERROR,
  DA_PAGE_PROP_CAN_SEARCH,
  DA_PAGE_PROP_CAN_NEW,
  DA_PAGE_PROP_CAN_EXPORT,
  DA_PAGE_N_PROPS
} DaPageProperty;

/* For implementations: overrides the interface's properties with the IDs @first_prop …
 * @first_prop + DA_PAGE_N_PROPS - 1. Returns DA_PAGE_N_PROPS. */
guint         da_page_install_properties     (GObjectClass   *object_class,
                                              guint           first_prop);
/* TRUE when @pspec is one of the interface's properties and was handled. */
gboolean      da_page_delegate_get_property  (GObject        *object,
                                              guint           prop_id,
                                              GValue         *value,
                                              GParamSpec     *pspec);
gboolean      da_page_delegate_set_property  (GObject        *object,
                                              guint           prop_id,
                                              const GValue   *value,
                                              GParamSpec     *pspec);

DaContext    *da_page_get_context            (DaPage         *self);
const char   *da_page_get_title              (DaPage         *self);
const char   *da_page_get_icon_name          (DaPage         *self);
gboolean      da_page_get_busy               (DaPage         *self);
/* (nullable) */
const GError *da_page_get_error              (DaPage         *self);
gboolean      da_page_get_can_search         (DaPage         *self);
gboolean      da_page_get_can_new            (DaPage         *self);
gboolean      da_page_get_can_export         (DaPage         *self);

/* Setters for implementations; each notifies only on change. A page sets its error back to
 * NULL when a load succeeds. */
void          da_page_set_title              (DaPage         *self,
                                              const char     *title);
void          da_page_set_icon_name          (DaPage         *self,
                                              const char     *icon_name);
void          da_page_set_busy               (DaPage         *self,
                                              gboolean        busy);
void          da_page_set_error              (DaPage         *self,
                                              const GError   *error);
void          da_page_set_can_search         (DaPage         *self,
                                              gboolean        can_search);
void          da_page_set_can_new            (DaPage         *self,
                                              gboolean        can_new);
void          da_page_set_can_export         (DaPage         *self,
                                              gboolean        can_export);

/* TRUE while the context's client is offline, showing data from its cache (see
 * da_client_get_offline()); FALSE before the page has a context. Pages disable their editing
 * actions while it holds, and follow the client's "notify::offline". */
gboolean      da_page_get_offline            (DaPage         *self);

/* The virtual functions; the optional ones do nothing when the page lacks them.
 * da_page_activate_new() does nothing either while offline. */
void          da_page_refresh                (DaPage         *self);
void          da_page_focus_search           (DaPage         *self);
void          da_page_activate_new           (DaPage         *self);
void          da_page_export                 (DaPage         *self);

/* Shows a transient message in the window's toast overlay. Toasts with the same @title are not
 * stacked: the one already shown stays. Does nothing when the page is not in a window with a
 * toast overlay (a page built alone in a test) but log it at debug level. */
void          da_page_show_toast             (DaPage         *self,
                                              const char     *title);

/**
 * DaPageErrorResult:
 * @DA_PAGE_ERROR_IGNORED: nothing to show (cancelled)
 * @DA_PAGE_ERROR_ELSEWHERE: shown by someone else: the window goes back to the key entry (401),
 *   or the window's "retrying" toast covers a rate limit still being retried
 * @DA_PAGE_ERROR_TOAST: shown as a toast, and the page refreshes (404; a 404 met by that
 *   refresh is shown in the page instead)
 * @DA_PAGE_ERROR_IN_PAGE: now the page's "error": a forbidden notice (403), or a status page
 *   or error row with Retry (5xx, network, invalid response, a rate limit that outlasted its
 *   retries, an unexpected request error)
 */
typedef enum
{
  DA_PAGE_ERROR_IGNORED,
  DA_PAGE_ERROR_ELSEWHERE,
  DA_PAGE_ERROR_TOAST,
  DA_PAGE_ERROR_IN_PAGE,
} DaPageErrorResult;

/* The one mapping from an error of a load to what a person sees (ARCHITECTURE.md), so that every
 * page behaves alike. Dialogs handle 400/422 themselves, next to their fields. */
DaPageErrorResult da_page_handle_error       (DaPage         *self,
                                              const GError   *error);

G_END_DECLS

/* da-state-view.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-a11y.h"
#include "da-client-error.h"
#include "da-list-footer.h"
#include "da-state-view.h"

struct _DaStateView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkBox           *content_box;
  AdwBin           *content_bin;
  DaListFooter     *stale_footer;   /* made when a reload first fails */
  GtkSpinner       *spinner;
  GtkLabel         *loading_label;

  /* Made when first shown (ensure_status_page ()) */
  AdwStatusPage    *empty_page;
  AdwStatusPage    *error_page;
  AdwStatusPage    *forbidden_page;

  /* What the empty page says, kept until it is made */
  char             *empty_icon_name;
  char             *empty_title;
  char             *empty_description;

  gboolean          drawn;          /* a frame showed the state shown */
  gboolean          first_frame;    /* mapped in a window on screen, and not drawn since */
  gboolean          content_held;   /* the content waits for that frame, which shows "Loading" */
  guint             content_idle_id;

  DaStateViewState  state;
};

G_DEFINE_FINAL_TYPE (DaStateView, da_state_view, GTK_TYPE_WIDGET)

/* The longest content waits for the frame that shows "Loading" (show_content ()). */
#define HELD_CONTENT_MAX_MS 250

G_DEFINE_ENUM_TYPE (DaStateViewState, da_state_view_state,
                    G_DEFINE_ENUM_VALUE (DA_STATE_VIEW_CONTENT, "content"),
                    G_DEFINE_ENUM_VALUE (DA_STATE_VIEW_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (DA_STATE_VIEW_EMPTY, "empty"),
                    G_DEFINE_ENUM_VALUE (DA_STATE_VIEW_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (DA_STATE_VIEW_FORBIDDEN, "forbidden"))

enum {
  PROP_0,
  PROP_CONTENT,
  PROP_STATE,
  PROP_EMPTY_ICON_NAME,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_LOADING_LABEL,
  N_PROPS
};

enum {
  RETRY,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static const char * const state_names[] = {
  [DA_STATE_VIEW_CONTENT] = "content",
  [DA_STATE_VIEW_LOADING] = "loading",
  [DA_STATE_VIEW_EMPTY] = "empty",
  [DA_STATE_VIEW_ERROR] = "error",
  [DA_STATE_VIEW_FORBIDDEN] = "forbidden",
};

static void on_retry_clicked_cb (DaStateView *self);

/* What the empty page shows when its page says nothing else */
#define DEFAULT_EMPTY_ICON_NAME "edit-find-symbolic"
#define DEFAULT_EMPTY_TITLE     _("Nothing Here")

/* Whether *@field changed to a copy of @value (g_set_str () is GLib 2.76). */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static AdwStatusPage *
add_status_page (DaStateView      *self,
                 DaStateViewState  state,
                 const char       *retry_mnemonic,
                 gboolean          suggested)
{
  GtkWidget *page = adw_status_page_new ();

  if (retry_mnemonic != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (retry_mnemonic);

      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      if (suggested)
        gtk_widget_add_css_class (button, "suggested-action");
      da_a11y_label_from_mnemonic (button, retry_mnemonic);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_retry_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
    }

  gtk_stack_add_named (self->stack, page, state_names[state]);
  return ADW_STATUS_PAGE (page);
}

/* The status pages but the content's and loading's are made the first time they are needed:
 * most pages never show them, and made with the page they would be styled and their icons
 * loaded in its first frame. */
static AdwStatusPage *
ensure_status_page (DaStateView      *self,
                    DaStateViewState  state)
{
  switch (state)
    {
    case DA_STATE_VIEW_EMPTY:
      if (self->empty_page == NULL)
        {
          self->empty_page = add_status_page (self, state, NULL, FALSE);
          adw_status_page_set_icon_name (self->empty_page, self->empty_icon_name != NULL
                                                           ? self->empty_icon_name
                                                           : DEFAULT_EMPTY_ICON_NAME);
          adw_status_page_set_title (self->empty_page, self->empty_title != NULL
                                                       ? self->empty_title
                                                       : DEFAULT_EMPTY_TITLE);
          adw_status_page_set_description (self->empty_page, self->empty_description);
        }
      return self->empty_page;

    case DA_STATE_VIEW_ERROR:
      if (self->error_page == NULL)
        self->error_page = add_status_page (self, state, _("_Retry"), TRUE);
      return self->error_page;

    case DA_STATE_VIEW_FORBIDDEN:
      if (self->forbidden_page == NULL)
        {
          self->forbidden_page = add_status_page (self, state, _("_Retry"), FALSE);
          adw_status_page_set_icon_name (self->forbidden_page, "changes-prevent-symbolic");
          adw_status_page_set_title (self->forbidden_page, _("Enterprise Admin Key Needed"));
        }
      return self->forbidden_page;

    case DA_STATE_VIEW_CONTENT:
    case DA_STATE_VIEW_LOADING:
    default:
      return NULL;
    }
}

static void
set_state (DaStateView      *self,
           DaStateViewState  state)
{
  self->content_held = FALSE;
  g_clear_handle_id (&self->content_idle_id, g_source_remove);
  ensure_status_page (self, state);

  /* A state no frame showed (the data came before the first frame) is not faded out: the
   * content shows at once, and no frame draws both. Nor is the content faded in over the
   * spinner: it is what the person waited for, and a fade only shows it later. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), state_names[state]) != 0)
    {
      gboolean fade = self->drawn &&
                      !(self->state == DA_STATE_VIEW_LOADING && state == DA_STATE_VIEW_CONTENT);

      gtk_stack_set_visible_child_full (self->stack, state_names[state],
                                        fade ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                             : GTK_STACK_TRANSITION_TYPE_NONE);
      self->drawn = FALSE;
    }
  /* Spin only while shown: a hidden spinner that spins still costs frames. */
  gtk_spinner_set_spinning (self->spinner, state == DA_STATE_VIEW_LOADING);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void
on_retry_clicked_cb (DaStateView *self)
{
  g_signal_emit (self, signals [RETRY], 0);
}

static gboolean
stale_error_shown (DaStateView *self)
{
  return self->stale_footer != NULL &&
         da_list_footer_get_state (self->stale_footer) == DA_LIST_FOOTER_ERROR;
}

static void
hide_stale_error (DaStateView *self)
{
  if (self->stale_footer != NULL)
    da_list_footer_hide (self->stale_footer);
}

static void
show_stale_error (DaStateView  *self,
                  const GError *error)
{
  if (self->stale_footer == NULL)
    {
      self->stale_footer = DA_LIST_FOOTER (da_list_footer_new ());
      gtk_widget_set_name (GTK_WIDGET (self->stale_footer), "state-view-stale");
      g_signal_connect_object (self->stale_footer, "retry", G_CALLBACK (on_retry_clicked_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_prepend (self->content_box, GTK_WIDGET (self->stale_footer));
    }
  da_list_footer_show_error (self->stale_footer, error);
}

static void
da_state_view_dispose (GObject *object)
{
  DaStateView *self = (DaStateView *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->content_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_STATE_VIEW);
  /* Children the template made but did not bind are ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (da_state_view_parent_class)->dispose (object);
}

static void
da_state_view_finalize (GObject *object)
{
  DaStateView *self = (DaStateView *)object;

  g_free (self->empty_icon_name);
  g_free (self->empty_title);
  g_free (self->empty_description);

  G_OBJECT_CLASS (da_state_view_parent_class)->finalize (object);
}

static void
da_state_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DaStateView *self = DA_STATE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      g_value_set_object (value, da_state_view_get_content (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, self->empty_icon_name);
      break;

    case PROP_EMPTY_TITLE:
      g_value_set_string (value, self->empty_title);
      break;

    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, self->empty_description);
      break;

    case PROP_LOADING_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->loading_label));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_state_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DaStateView *self = DA_STATE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      da_state_view_set_content (self, g_value_get_object (value));
      break;

    case PROP_STATE:
      set_state (self, g_value_get_enum (value));
      break;

    case PROP_EMPTY_ICON_NAME:
      da_state_view_set_empty_icon_name (self, g_value_get_string (value));
      break;

    case PROP_EMPTY_TITLE:
      da_state_view_set_empty_title (self, g_value_get_string (value));
      break;

    case PROP_EMPTY_DESCRIPTION:
      da_state_view_set_empty_description (self, g_value_get_string (value));
      break;

    case PROP_LOADING_LABEL:
      da_state_view_set_loading_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
show_held_content_cb (gpointer user_data)
{
  DaStateView *self = user_data;

  self->content_idle_id = 0;
  if (self->content_held)
    set_state (self, DA_STATE_VIEW_CONTENT);

  return G_SOURCE_REMOVE;
}

static void
da_state_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DaStateView *self = DA_STATE_VIEW (widget);

  self->drawn = TRUE;
  self->first_frame = FALSE;
  GTK_WIDGET_CLASS (da_state_view_parent_class)->snapshot (widget, snapshot);

  /* The frame that shows "Loading" is being drawn: the content follows once it is done. */
  if (self->content_held)
    {
      g_clear_handle_id (&self->content_idle_id, g_source_remove);
      self->content_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_held_content_cb,
                                               self, NULL);
    }
}

static void
da_state_view_map (GtkWidget *widget)
{
  DaStateView *self = DA_STATE_VIEW (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  /* A window's first frame maps its widgets before it is drawn: then the counter is 0, or the
   * surface has no clock yet. */
  self->first_frame = clock != NULL && gdk_frame_clock_get_frame_counter (clock) > 0;

  GTK_WIDGET_CLASS (da_state_view_parent_class)->map (widget);
}

static void
da_state_view_unmap (GtkWidget *widget)
{
  DaStateView *self = DA_STATE_VIEW (widget);

  /* Nothing waits for a frame that will not come. */
  self->first_frame = FALSE;
  if (self->content_held)
    set_state (self, DA_STATE_VIEW_CONTENT);

  GTK_WIDGET_CLASS (da_state_view_parent_class)->unmap (widget);
}

static void
da_state_view_class_init (DaStateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_state_view_dispose;
  object_class->finalize = da_state_view_finalize;
  object_class->get_property = da_state_view_get_property;
  object_class->set_property = da_state_view_set_property;

  properties [PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       DA_TYPE_STATE_VIEW_STATE,
                       DA_STATE_VIEW_LOADING,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_EMPTY_ICON_NAME] =
    g_param_spec_string ("empty-icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_EMPTY_TITLE] =
    g_param_spec_string ("empty-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LOADING_LABEL] =
    g_param_spec_string ("loading-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [RETRY] =
    g_signal_new ("retry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/da-state-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DaStateView, stack);
  gtk_widget_class_bind_template_child (widget_class, DaStateView, content_bin);
  gtk_widget_class_bind_template_child (widget_class, DaStateView, content_box);
  gtk_widget_class_bind_template_child (widget_class, DaStateView, spinner);
  gtk_widget_class_bind_template_child (widget_class, DaStateView, loading_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  widget_class->snapshot = da_state_view_snapshot;
  widget_class->map = da_state_view_map;
  widget_class->unmap = da_state_view_unmap;
}

static void
da_state_view_init (DaStateView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = DA_STATE_VIEW_LOADING;
  set_state (self, DA_STATE_VIEW_LOADING);
}

GtkWidget *
da_state_view_new (void)
{
  return g_object_new (DA_TYPE_STATE_VIEW, NULL);
}

GtkWidget *
da_state_view_get_content (DaStateView *self)
{
  g_return_val_if_fail (DA_IS_STATE_VIEW (self), NULL);

  return adw_bin_get_child (self->content_bin);
}

void
da_state_view_set_content (DaStateView *self,
                           GtkWidget   *content)
{
  g_return_if_fail (DA_IS_STATE_VIEW (self));
  g_return_if_fail (!content || GTK_IS_WIDGET (content));

  if (adw_bin_get_child (self->content_bin) == content)
    return;

  adw_bin_set_child (self->content_bin, content);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTENT]);
}

DaStateViewState
da_state_view_get_state (DaStateView *self)
{
  g_return_val_if_fail (DA_IS_STATE_VIEW (self), DA_STATE_VIEW_CONTENT);

  return self->state;
}

void
da_state_view_show_content (DaStateView *self)
{
  g_return_if_fail (DA_IS_STATE_VIEW (self));

  hide_stale_error (self);

  /* Content that comes before the first frame of a view shown in a window already on screen
   * (a page opened) waits for that frame, which shows "Loading": the page's own layout and the
   * content's are then two frames, not one long one that blocks input. A window's first frame
   * is one such block anyway, and shows the content at once; so does a view drawn before. */
  if (self->state == DA_STATE_VIEW_LOADING && self->first_frame &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Should no frame draw the view (its window's clock stopped), not for long. */
      if (!self->content_held)
        self->content_idle_id = g_timeout_add (HELD_CONTENT_MAX_MS, show_held_content_cb, self);
      self->content_held = TRUE;
      return;
    }

  set_state (self, DA_STATE_VIEW_CONTENT);
}

void
da_state_view_show_loading (DaStateView *self)
{
  g_return_if_fail (DA_IS_STATE_VIEW (self));

  /* Retrying a reload that failed: what is shown stays until the new answer replaces it (the
   * page says it is busy meanwhile). */
  if (self->state == DA_STATE_VIEW_CONTENT && stale_error_shown (self))
    {
      hide_stale_error (self);
      return;
    }

  hide_stale_error (self);
  set_state (self, DA_STATE_VIEW_LOADING);
}

void
da_state_view_show_empty (DaStateView *self)
{
  g_return_if_fail (DA_IS_STATE_VIEW (self));

  hide_stale_error (self);
  set_state (self, DA_STATE_VIEW_EMPTY);
}

const char *
da_state_view_error_title (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == DA_CLIENT_ERROR)
    {
      switch ((DaClientError) error->code)
        {
        case DA_CLIENT_ERROR_UNAUTHORIZED:
          return _("API Key Rejected");
        case DA_CLIENT_ERROR_FORBIDDEN:
          return _("Enterprise Admin Key Needed");
        case DA_CLIENT_ERROR_NOT_FOUND:
          return _("No Longer Exists");
        case DA_CLIENT_ERROR_RATE_LIMITED:
          return _("Too Many Requests");
        case DA_CLIENT_ERROR_SERVER:
          return _("The Server Had a Problem");
        case DA_CLIENT_ERROR_NETWORK:
          return _("Could Not Reach the Server");
        case DA_CLIENT_ERROR_INVALID_RESPONSE:
          return _("Unreadable Answer From the Server");
        case DA_CLIENT_ERROR_INVALID_REQUEST:
          return _("The Server Refused the Request");
        case DA_CLIENT_ERROR_INSECURE:
          return _("Server Address Refused");
        default:
          break;
        }
    }

  return _("Could Not Load");
}

static const char *
error_icon_name (const GError *error)
{
  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_NETWORK))
    return "network-offline-symbolic";
  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_UNAUTHORIZED))
    return "dialog-password-symbolic";
  return "dialog-warning-symbolic";
}

void
da_state_view_show_error (DaStateView  *self,
                          const GError *error)
{
  AdwStatusPage *page;

  g_return_if_fail (DA_IS_STATE_VIEW (self));
  g_return_if_fail (error != NULL);

  /* The content on screen came from an earlier load: it stays, with what went wrong and Retry
   * above it, rather than vanish behind a status page. */
  if (self->state == DA_STATE_VIEW_CONTENT)
    {
      show_stale_error (self, error);
      return;
    }

  if (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_FORBIDDEN))
    {
      page = ensure_status_page (self, DA_STATE_VIEW_FORBIDDEN);
      adw_status_page_set_description (page, error->message);
      set_state (self, DA_STATE_VIEW_FORBIDDEN);
      return;
    }

  page = ensure_status_page (self, DA_STATE_VIEW_ERROR);
  adw_status_page_set_icon_name (page, error_icon_name (error));
  adw_status_page_set_title (page, da_state_view_error_title (error));
  adw_status_page_set_description (page, error->message);
  set_state (self, DA_STATE_VIEW_ERROR);
}

void
da_state_view_set_empty_icon_name (DaStateView *self,
                                   const char  *icon_name)
{
  g_return_if_fail (DA_IS_STATE_VIEW (self));

  if (!replace_string (&self->empty_icon_name, icon_name))
    return;
  if (self->empty_page != NULL)
    adw_status_page_set_icon_name (self->empty_page, icon_name != NULL ? icon_name
                                                                        : DEFAULT_EMPTY_ICON_NAME);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMPTY_ICON_NAME]);
}

void
da_state_view_set_empty_title (DaStateView *self,
                               const char  *title)
{
  g_return_if_fail (DA_IS_STATE_VIEW (self));

  if (!replace_string (&self->empty_title, title))
    return;
  if (self->empty_page != NULL)
    adw_status_page_set_title (self->empty_page, title != NULL ? title : DEFAULT_EMPTY_TITLE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMPTY_TITLE]);
}

void
da_state_view_set_empty_description (DaStateView *self,
                                     const char  *description)
{
  g_return_if_fail (DA_IS_STATE_VIEW (self));

  if (!replace_string (&self->empty_description, description))
    return;
  if (self->empty_page != NULL)
    adw_status_page_set_description (self->empty_page, description);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMPTY_DESCRIPTION]);
}

void
da_state_view_set_loading_label (DaStateView *self,
                                 const char  *label)
{
  g_return_if_fail (DA_IS_STATE_VIEW (self));

  gtk_label_set_label (self->loading_label, label != NULL ? label : _("Loading…"));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING_LABEL]);
}

/* da-session-details.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "da-format.h"
#include "da-page.h"
#include "da-session-details.h"

struct _DaSessionDetails
{
  GtkWidget    parent_instance;

  /* Owned */
  DaSession   *session;
  DaContext   *context;
  char        *creator;

  /* Template widgets */
  GtkWidget   *box;
  GtkLabel    *title_label;
  GtkLabel    *status_label;
  GtkGrid     *fields_grid;
  GtkLabel    *message_label;
  GtkWidget   *open_button;
  GtkWidget   *no_prs_label;
  GtkListBox  *prs_list;
  GtkWidget   *analysis_box;
};

G_DEFINE_FINAL_TYPE (DaSessionDetails, da_session_details, GTK_TYPE_WIDGET)

enum {
  CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  const char *status;
  const char *label;
  const char *style;
} statuses[] = {
  /* Translators: the status of a Devin session */
  { "new", NC_("session status", "New"), NULL },
  { "claimed", NC_("session status", "Claimed"), NULL },
  { "running", NC_("session status", "Running"), "accent" },
  { "resuming", NC_("session status", "Resuming"), "accent" },
  { "suspended", NC_("session status", "Suspended"), "warning" },
  { "exit", NC_("session status", "Finished"), "success" },
  { "error", NC_("session status", "Failed"), "error" },
};

const char *
da_session_status_label (const char *status)
{
  if (status == NULL)
    return _("Unknown");

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (statuses[i].status, status))
      return g_dpgettext2 (GETTEXT_PACKAGE, "session status", statuses[i].label);

  return status;
}

const char *
da_session_status_style (const char *status)
{
  if (status != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      if (g_str_equal (statuses[i].status, status))
        return statuses[i].style;

  return NULL;
}

const char * const *
da_session_known_statuses (void)
{
  static const char *names[G_N_ELEMENTS (statuses) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      names[i] = statuses[i].status;

  return names;
}

static const char *
pr_state_label (const char *state)
{
  if (state == NULL)
    return C_("pull request", "unknown");
  if (g_str_equal (state, "open"))
    return C_("pull request", "open");
  if (g_str_equal (state, "merged"))
    return C_("pull request", "merged");
  if (g_str_equal (state, "closed"))
    return C_("pull request", "closed");
  return state;
}

char *
da_session_format_pr_states (DaSession *session)
{
  const DaPullRequest *prs;
  g_autoptr(GString) text = NULL;
  guint n = 0;

  g_return_val_if_fail (DA_IS_SESSION (session), NULL);

  prs = da_session_get_pull_requests (session, &n);
  if (n == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, pr_state_label (prs[i].state));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- Building ---------------------------------------------------------------------------- */

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *style,
           const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (style != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (style, " ", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  if (name != NULL)
    gtk_widget_set_name (label, name);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/* A text on a card of its own, with room around it. */
static GtkWidget *
add_card_label (GtkWidget  *box,
                const char *text,
                const char *name)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;

  gtk_widget_add_css_class (card, "card");
  label = add_label (card, text, NULL, name);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (box), card);
  return label;
}

static GtkWidget *
add_section (GtkWidget  *parent,
             const char *title)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (section), heading);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (section),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (parent), section);
  return section;
}

static void
add_lines (GtkWidget  *parent,
           const char *title,
           JsonObject *analysis,
           const char *member_name,
           const char *name)
{
  g_auto(GStrv) lines = da_session_analysis_dup_lines (analysis, member_name);
  GtkWidget *section;

  if (lines == NULL)
    return;

  section = add_section (parent, title);
  gtk_widget_set_name (section, name);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* Translators: an item of a list in a session's analysis */
      g_autofree char *text = g_strdup_printf (_("• %s"), lines[i]);

      add_label (section, text, NULL, NULL);
    }
}

static void
fill_analysis (DaSessionDetails *self,
               JsonObject       *analysis)
{
  GtkWidget *child;
  GtkWidget *heading;
  const char *suggested;
  const char *original;
  g_autoptr(GPtrArray) feedback = NULL;

  while ((child = gtk_widget_get_first_child (self->analysis_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->analysis_box), child);

  heading = gtk_label_new (_("Analysis"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (self->analysis_box), heading);

  if (analysis == NULL)
    {
      add_label (self->analysis_box, _("There is no analysis of this session."), "dim-label",
                 "session-details-no-analysis");
      return;
    }

  suggested = da_session_analysis_get_suggested_prompt (analysis);
  original = da_session_analysis_get_original_prompt (analysis);
  if (suggested != NULL)
    {
      GtkWidget *section = add_section (self->analysis_box, _("Suggested Prompt"));

      add_card_label (section, suggested, "session-details-suggested-prompt");
      if (original != NULL)
        {
          /* Translators: the prompt the suggested one improves on */
          g_autofree char *text = g_strdup_printf (_("Instead of: %s"), original);

          add_label (section, text, "dim-label caption", NULL);
        }
    }

  feedback = da_session_analysis_get_feedback_items (analysis);
  if (feedback != NULL && feedback->len > 0)
    {
      GtkWidget *section = add_section (self->analysis_box, _("Feedback on the Prompt"));

      gtk_widget_set_name (section, "session-details-feedback");
      for (guint i = 0; i < feedback->len; i++)
        {
          const DaFeedbackItem *item = g_ptr_array_index (feedback, i);
          GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

          gtk_widget_add_css_class (card, "card");
          gtk_widget_set_margin_bottom (card, 6);
          GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

          gtk_widget_set_margin_top (inner, 8);
          gtk_widget_set_margin_bottom (inner, 8);
          gtk_widget_set_margin_start (inner, 12);
          gtk_widget_set_margin_end (inner, 12);
          gtk_box_append (GTK_BOX (card), inner);
          if (item->summary != NULL)
            add_label (inner, item->summary, "heading", NULL);
          if (item->details != NULL)
            add_label (inner, item->details, NULL, NULL);
          if (item->excerpt != NULL)
            {
              /* Translators: a quote from the prompt that a feedback item is about */
              g_autofree char *quote = g_strdup_printf (_("“%s”"), item->excerpt);

              add_label (inner, quote, "dim-label caption", NULL);
            }
          gtk_box_append (GTK_BOX (section), card);
        }
    }

  add_lines (self->analysis_box, _("Issues"), analysis, "issues", "session-details-issues");
  add_lines (self->analysis_box, _("Action Items"), analysis, "action_items",
             "session-details-action-items");
  add_lines (self->analysis_box, _("Timeline"), analysis, "timeline", "session-details-timeline");
}

static void
fill_prs (DaSessionDetails *self)
{
  const DaPullRequest *prs = NULL;
  GtkWidget *row;
  guint n = 0;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->prs_list))) != NULL)
    gtk_list_box_remove (self->prs_list, row);

  if (self->session != NULL)
    prs = da_session_get_pull_requests (self->session, &n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *icon;

      if (prs[i].url == NULL)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), prs[i].url);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pr_state_label (prs[i].state));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_tooltip_text (row, _("Open the pull request in a web browser"));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", prs[i].url);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "details.open-uri");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      icon = gtk_image_new_from_icon_name ("web-browser-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->prs_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->prs_list), n > 0);
  gtk_widget_set_visible (self->no_prs_label, n == 0);
}

static void
add_field (DaSessionDetails *self,
           int               row,
           const char       *name,
           const char       *value)
{
  GtkWidget *key_label;
  GtkWidget *value_label;

  if (value == NULL || *value == '\0')
    return;

  key_label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (key_label), 1);
  gtk_label_set_yalign (GTK_LABEL (key_label), 0);
  gtk_widget_add_css_class (key_label, "dim-label");

  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);

  gtk_grid_attach (self->fields_grid, key_label, 0, row, 1, 1);
  gtk_grid_attach (self->fields_grid, value_label, 1, row, 1, 1);
}

static void
fill_fields (DaSessionDetails *self)
{
  DaSession *session = self->session;
  GtkWidget *child;
  const char *org_id;
  const char *org_name = NULL;
  g_autofree char *org = NULL;
  g_autofree char *acus = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *tags = NULL;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_grid))) != NULL)
    gtk_grid_remove (self->fields_grid, child);

  if (session == NULL)
    return;

  org_id = da_session_get_org_id (session);
  if (org_id != NULL && self->context != NULL)
    org_name = da_context_lookup_org_name (self->context, org_id);
  org = org_name != NULL ? g_strdup (org_name) : g_strdup (org_id);
  acus = da_format_acus (da_session_get_acus_consumed (session));
  if (da_session_get_created_at (session) != DA_TIME_UNSET)
    created = da_format_exact_time (da_session_get_created_at (session));
  if (da_session_get_updated_at (session) != DA_TIME_UNSET)
    updated = da_format_exact_time (da_session_get_updated_at (session));
  if (da_session_get_tags (session)[0] != NULL)
    tags = g_strjoinv (", ", (GStrv) da_session_get_tags (session));

  add_field (self, row++, _("Organization"), org);
  add_field (self, row++, _("Creator"),
             self->creator != NULL ? self->creator : da_session_get_user_id (session));
  add_field (self, row++, _("ACUs"), acus);
  add_field (self, row++, _("Created"), created);
  add_field (self, row++, _("Updated"), updated);
  add_field (self, row++, _("Tags"), tags);
  add_field (self, row++, _("Session ID"), da_session_get_session_id (session));
}

static void
update (DaSessionDetails *self)
{
  DaSession *session = self->session;
  const char *style;
  const char *url;
  const char *message;

  fill_fields (self);
  fill_prs (self);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (statuses[i].style != NULL)
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), statuses[i].style);

  if (session == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->status_label, "");
      gtk_label_set_label (self->message_label, "");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), NULL);
      gtk_widget_set_sensitive (self->open_button, FALSE);
      fill_analysis (self, NULL);
      return;
    }

  gtk_label_set_label (self->title_label, da_session_get_title (session) != NULL
                                          ? da_session_get_title (session)
                                          : _("Untitled session"));
  gtk_label_set_label (self->status_label,
                       da_session_status_label (da_session_get_status (session)));
  style = da_session_status_style (da_session_get_status (session));
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);

  message = da_session_get_initial_user_message (session);
  gtk_label_set_label (self->message_label,
                       message != NULL ? message : _("The first message is not available."));

  /* The target first: an action name without its target is refused. */
  url = da_session_get_url (session);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), NULL);
  if (url != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->open_button), "s", url);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "details.open-uri");
    }
  gtk_widget_set_sensitive (self->open_button, url != NULL);

  fill_analysis (self, da_session_get_analysis (session));
}

/* ---- Links ------------------------------------------------------------------------------- */

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DaSessionDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  page = gtk_widget_get_ancestor (GTK_WIDGET (self), DA_TYPE_PAGE);
  if (page != NULL)
    {
      /* Translators: %s says why a link could not be opened */
      g_autofree char *message = g_strdup_printf (_("Could not open the link: %s"),
                                                  error->message);

      da_page_show_toast (DA_PAGE (page), message);
    }
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DaSessionDetails *self = DA_SESSION_DETAILS (widget);
  const char *uri = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Only web links: a server's data never launches anything else. */
  if (!g_str_has_prefix (uri, "https://") && !g_str_has_prefix (uri, "http://"))
    return;

  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                     NULL, show_uri_cb, g_object_ref (self));
}

static void
on_close_clicked_cb (DaSessionDetails *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
da_session_details_dispose (GObject *object)
{
  DaSessionDetails *self = (DaSessionDetails *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DA_TYPE_SESSION_DETAILS);
  g_clear_object (&self->session);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (da_session_details_parent_class)->dispose (object);
}

static void
da_session_details_finalize (GObject *object)
{
  DaSessionDetails *self = (DaSessionDetails *)object;

  g_clear_pointer (&self->creator, g_free);

  G_OBJECT_CLASS (da_session_details_parent_class)->finalize (object);
}

static void
da_session_details_class_init (DaSessionDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_session_details_dispose;
  object_class->finalize = da_session_details_finalize;

  /**
   * DaSessionDetails::close:
   *
   * The person asked to close the details.
   */
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/da-session-details.ui");
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, box);
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, status_label);
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, message_label);
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, open_button);
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, no_prs_label);
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, prs_list);
  gtk_widget_class_bind_template_child (widget_class, DaSessionDetails, analysis_box);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_install_action (widget_class, "details.open-uri", "s", open_uri_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
da_session_details_init (DaSessionDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
da_session_details_new (void)
{
  return g_object_new (DA_TYPE_SESSION_DETAILS, NULL);
}

void
da_session_details_set_session (DaSessionDetails *self,
                                DaSession        *session,
                                DaContext        *context,
                                const char       *creator)
{
  g_return_if_fail (DA_IS_SESSION_DETAILS (self));
  g_return_if_fail (session == NULL || DA_IS_SESSION (session));

  g_set_object (&self->context, context);
  g_free (self->creator);
  self->creator = g_strdup (creator);
  g_set_object (&self->session, session);
  update (self);
}

DaSession *
da_session_details_get_session (DaSessionDetails *self)
{
  g_return_val_if_fail (DA_IS_SESSION_DETAILS (self), NULL);

  return self->session;
}

void
da_session_details_set_creator (DaSessionDetails *self,
                                const char       *creator)
{
  g_return_if_fail (DA_IS_SESSION_DETAILS (self));

  if (g_strcmp0 (self->creator, creator) == 0)
    return;

  g_free (self->creator);
  self->creator = g_strdup (creator);
  fill_fields (self);
}

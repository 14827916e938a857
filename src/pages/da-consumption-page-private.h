/* da-consumption-page-private.h: what the files of DaConsumptionPage share
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * da-consumption-page.c: loads, figures and charts; da-consumption-page-users.c: the top users
 * and a member's own chart; da-consumption-page-save.c: CSV and PNG export.
 */

#pragma once

#include <adwaita.h>

#include "da-chart.h"
#include "da-consumption-days.h"
#include "da-consumption-page.h"
#include "da-consumption-section.h"
#include "da-figure.h"
#include "da-state-view.h"

G_BEGIN_DECLS

/* How many members the Top Users list shows */
#define TOP_USERS          10
/* How many organizations the daily chart stacks (the rest is "Other") */
#define STACKED_ORGS       5
/* How many member look-ups run at once */
#define MEMBER_REQUESTS    3

struct _DaConsumptionPage
{
  GtkWidget             parent_instance;

  /* Loads: a refresh (cycles, organizations, history), the chosen cycle (its figures and
   * charts, members' names, organizations' days), the chosen member. A newer load of a kind
   * makes the answers of an older one stale: each request carries its serial. */
  GCancellable         *cancellable;
  GCancellable         *cycle_cancellable;
  GCancellable         *user_cancellable;
  GCancellable         *dialog_cancellable;
  guint                 refresh_serial;
  guint                 cycle_serial;
  guint                 user_serial;
  guint                 in_flight;
  guint                 refresh_pending;
  guint                 cycle_pending;
  gboolean              started;
  gboolean              loaded;
  gboolean              failed;

  /* Owned */
  GPtrArray            *cycles;           /* DaBillingCycle, newest first */
  gint64                chosen_start;     /* the chosen cycle, across refreshes */
  gboolean              updating;         /* drop-downs being refilled */

  DaBillingCycle       *cycle;
  DaBillingCycle       *previous_cycle;
  DaConsumption        *consumption;
  DaConsumption        *previous;
  DaUsageMetrics       *metrics;
  GStrv                 days;
  GHashTable           *org_daily;        /* org_id → DaConsumption of the chosen cycle */
  GPtrArray            *stacked_orgs;     /* org_id */
  GHashTable           *members;          /* user_id → DaMember, kept across cycles */
  GHashTable           *org_asked;        /* org_id whose days were asked for */
  GQueue                member_queue;     /* user_id to look up */
  guint                 member_requests;
  GPtrArray            *top_users;        /* const DaConsumptionEntry* into consumption */
  char                 *selected_user;
  DaConsumption        *user_consumption;
  GPtrArray            *compare_ids;      /* org_id of the compare drop-down, from item 1 */
  double               *history;          /* per cycle, as cycles */
  guint                 history_next;

  /* Widgets */
  GtkCheckButton       *stack_check;
  GtkDropDown          *compare_dropdown;

  /* Template widgets */
  DaStateView          *state_view;
  GtkDropDown          *cycle_dropdown;
  GtkSpinner           *busy_spinner;
  GtkButton            *export_button;
  DaFigure             *total_figure;
  DaFigure             *projection_figure;
  DaFigure             *sessions_figure;
  DaFigure             *prs_figure;
  DaConsumptionSection *daily_section;
  DaConsumptionSection *orgs_section;
  GtkListBox           *users_list;
  GtkLabel             *users_empty_label;
  DaConsumptionSection *user_section;
  DaConsumptionSection *history_section;
};

typedef enum
{
  KIND_REFRESH,
  KIND_CYCLE,
  KIND_USER,
} RequestKind;

typedef struct
{
  DaConsumptionPage *self;
  RequestKind        kind;
  guint              serial;
  char              *key;
  guint              index;
} Request;

void      _da_consumption_page_request_free      (Request              *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, _da_consumption_page_request_free)

/* A request of @kind for the load of that kind under way now; counts in "busy". */
Request  *_da_consumption_page_request_new       (DaConsumptionPage    *self,
                                                  RequestKind           kind,
                                                  const char           *key,
                                                  guint                 index);
/* TRUE when the answer belongs to the load of its kind that is current. */
gboolean  _da_consumption_page_request_is_current (Request             *request);
DaClient *_da_consumption_page_get_client        (DaConsumptionPage    *self);
void      _da_consumption_page_reset_cancellable (GCancellable        **cancellable);
/* An error of a load: shown once, the one mapping deciding where. */
void      _da_consumption_page_fail              (DaConsumptionPage    *self,
                                                  const GError         *error);
/* The chosen cycle's days as @chart's categories */
void      _da_consumption_page_set_day_categories (DaConsumptionPage   *self,
                                                  DaChart              *chart);
/* @consumption's ACUs on each of the chosen cycle's days. (transfer full) */
double   *_da_consumption_page_day_values        (DaConsumptionPage    *self,
                                                  DaConsumption        *consumption);
/* Entries from most ACUs to least. (transfer container) */
GPtrArray *_da_consumption_page_sorted_entries   (const DaConsumptionEntry *entries,
                                                  guint                 n);

/* da-consumption-page-users.c */
void      _da_consumption_page_show_users        (DaConsumptionPage    *self);
void      _da_consumption_page_load_user         (DaConsumptionPage    *self);
void      _da_consumption_page_on_user_selected_cb (DaConsumptionPage  *self,
                                                  GtkListBoxRow        *row);

/* da-consumption-page-save.c */
void      _da_consumption_page_export            (DaPage               *page);
void      _da_consumption_page_on_export_clicked_cb (DaConsumptionPage *self);
void      _da_consumption_page_on_save_image_cb  (DaConsumptionPage    *self,
                                                  DaConsumptionSection *section);

G_END_DECLS

/* da-mock-handlers-activity.c: sessions, audit logs, consumption, metrics, snapshots, playbooks
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Consumption and metrics are counted from the sessions and searches on each request, so all of
 * them agree: a session's ACUs count on the billing day (08:00 to 08:00 UTC) of its start, for its
 * organization and its user.
 */

#include "config.h"

#include <string.h>

#include "da-mock-private.h"

#define DAY G_GINT64_CONSTANT (86400)
#define MAX_DAYS_LISTED 3700

/* ---- Filters -------------------------------------------------------------------------------- */

static gboolean
in_list (GPtrArray  *list,
         const char *value)
{
  if (list == NULL)
    return TRUE;
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (g_ptr_array_index (list, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* The first index of a sorted-by-time array whose time is >= @t */
static guint
sessions_lower_bound (GPtrArray *sessions,
                      gint64     t)
{
  guint lo = 0, hi = sessions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((MockSession *) g_ptr_array_index (sessions, mid))->created_at < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint
searches_lower_bound (GArray *searches,
                      gint64  t)
{
  guint lo = 0, hi = searches->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (searches, MockSearch, mid).created_at < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Repeated keys (?org_ids=a&org_ids=b), also accepted as one comma-separated value. */
static GPtrArray *
query_list (MockRequest *req,
            const char  *key)
{
  g_autoptr(GPtrArray) raw = mock_query_get_all (req, key);
  GPtrArray *values;

  if (raw == NULL)
    return NULL;

  values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < raw->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (raw, i), ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_strstrip (parts[j]);
          if (*parts[j] != '\0')
            g_ptr_array_add (values, g_strdup (parts[j]));
        }
    }
  return values;
}

/* ---- Sessions ------------------------------------------------------------------------------- */

typedef struct
{
  MockOrg   *org;              /* from the path, nullable */
  gboolean   has_created_from, has_created_to, has_updated_from, has_updated_to;
  gint64     created_from, created_to, updated_from, updated_to;
  GPtrArray *org_ids;
  GPtrArray *user_ids;
  GPtrArray *session_ids;
} SessionFilter;

static void
session_filter_clear (SessionFilter *filter)
{
  g_clear_pointer (&filter->org_ids, g_ptr_array_unref);
  g_clear_pointer (&filter->user_ids, g_ptr_array_unref);
  g_clear_pointer (&filter->session_ids, g_ptr_array_unref);
}

static gboolean
session_filter_read (MockRequest   *req,
                     SessionFilter *filter)
{
  filter->has_created_from = mock_query_time (req, "created_date_from", &filter->created_from);
  filter->has_created_to = mock_query_time (req, "created_date_to", &filter->created_to);
  filter->has_updated_from = mock_query_time (req, "updated_date_from", &filter->updated_from);
  filter->has_updated_to = mock_query_time (req, "updated_date_to", &filter->updated_to);
  filter->org_ids = query_list (req, "org_ids");
  filter->user_ids = query_list (req, "user_ids");
  filter->session_ids = query_list (req, "session_ids");
  return !mock_request_has_errors (req);
}

static gboolean
session_matches (SessionFilter *filter,
                 MockSession   *session)
{
  if (filter->org != NULL && session->org != filter->org)
    return FALSE;
  if (filter->has_created_from && session->created_at < filter->created_from)
    return FALSE;
  if (filter->has_created_to && session->created_at > filter->created_to)
    return FALSE;
  if (filter->has_updated_from && session->updated_at < filter->updated_from)
    return FALSE;
  if (filter->has_updated_to && session->updated_at > filter->updated_to)
    return FALSE;
  if (!in_list (filter->org_ids, session->org->org_id))
    return FALSE;
  if (!in_list (filter->user_ids, session->user->user_id))
    return FALSE;
  if (!in_list (filter->session_ids, session->session_id))
    return FALSE;
  return TRUE;
}

static void
write_session (MockState   *state,
               MockJson    *json,
               MockSession *session,
               gboolean     insights,
               gboolean     compat)
{
  g_autofree char *url = NULL;

  mock_json_begin_object (json);
  mock_json_member_string (json, compat ? "id" : "session_id", session->session_id);
  mock_json_member_string (json, "org_id", session->org->org_id);
  mock_json_member_string (json, "user_id", session->user->user_id);
  mock_json_member_string (json, "title", session->title);
  mock_json_member_string (json, "status", session->status);
  mock_json_key (json, "tags");
  mock_json_begin_array (json);
  for (guint i = 0; i < session->n_tags; i++)
    mock_json_string (json, session->tags[i]);
  mock_json_end_array (json);
  url = g_strconcat ("https://app.devin.ai/sessions/", session->session_id + strlen ("devin-"),
                     NULL);
  mock_json_member_string (json, "url", url);
  mock_json_key (json, "acus_consumed");
  mock_json_acus (json, session->acus_centi);
  mock_json_key (json, "pull_requests");
  mock_json_begin_array (json);
  for (guint i = 0; i < session->n_prs; i++)
    {
      const MockPullRequest *pr = &session->prs[i];
      g_autofree char *pr_url = g_strdup_printf ("https://%s/%s/pull/%u", pr->host, pr->repo,
                                                 pr->number);

      mock_json_begin_object (json);
      mock_json_member_string (json, "url", pr_url);
      mock_json_member_string (json, "state", pr->state);
      mock_json_end_object (json);
    }
  mock_json_end_array (json);
  mock_json_key (json, "created_at");
  mock_json_time (json, session->created_at);
  mock_json_key (json, "updated_at");
  mock_json_time (json, session->updated_at);

  if (insights)
    {
      g_autofree char *message = mock_session_dup_initial_message (state, session);

      mock_json_member_string (json, "initial_user_message", message);
      mock_json_key (json, compat ? "insight" : "session_analysis");
      mock_session_write_analysis (state, session, json);
    }

  mock_json_end_object (json);
}

static void
list_sessions_common (MockRequest *req,
                      gboolean     with_org,
                      gboolean     insights)
{
  MockState *state = req->state;
  GPtrArray *sessions = state->sessions;
  SessionFilter filter = { NULL, };
  gboolean compat = insights && !with_org && req->compat;
  MockPage page;
  MockJson json;
  gint64 total = 0, n_items = 0;

  if (!mock_request_page (req, &page) || !session_filter_read (req, &filter))
    {
      session_filter_clear (&filter);
      return;
    }

  if (with_org)
    {
      filter.org = mock_state_find_org (state, req->segments[1]);
      if (filter.org == NULL)
        {
          session_filter_clear (&filter);
          mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Organization not found");
          return;
        }
    }

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  if (compat)
    {
      mock_json_begin_object (&json);
      mock_json_key (&json, "sessions");
      mock_json_begin_array (&json);
    }
  else
    {
      mock_envelope_begin (&json);
    }

  /* newest first */
  for (guint i = sessions->len; i > 0; i--)
    {
      MockSession *session = g_ptr_array_index (sessions, i - 1);

      if (!session_matches (&filter, session))
        continue;
      if (total >= page.skip && n_items < page.limit)
        {
          write_session (state, &json, session, insights, compat);
          n_items++;
        }
      total++;
    }

  if (compat)
    {
      mock_json_end_array (&json);
      mock_json_member_int (&json, "total", total);
      mock_json_end_object (&json);
    }
  else
    {
      mock_envelope_end (&json, &page, total, n_items);
    }

  session_filter_clear (&filter);
}

static void
list_sessions (MockRequest *req)
{
  list_sessions_common (req, FALSE, FALSE);
}

static void
list_session_insights (MockRequest *req)
{
  list_sessions_common (req, FALSE, TRUE);
}

static void
list_org_sessions (MockRequest *req)
{
  list_sessions_common (req, TRUE, FALSE);
}

static void
list_org_session_insights (MockRequest *req)
{
  list_sessions_common (req, TRUE, TRUE);
}

/* ---- Audit logs ----------------------------------------------------------------------------- */

/* Entries are kept oldest first; both created_at and seq grow along the array. */
static guint
audit_index_of (GPtrArray      *audit,
                MockAuditEvent *event)
{
  guint lo = 0, hi = audit->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((MockAuditEvent *) g_ptr_array_index (audit, mid))->seq < event->seq)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first index whose time is >= @t (or > @t when @strict) */
static guint
audit_time_bound (GPtrArray *audit,
                  gint64     t,
                  gboolean   strict)
{
  guint lo = 0, hi = audit->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 at = ((MockAuditEvent *) g_ptr_array_index (audit, mid))->created_at;

      if (at < t || (strict && at == t))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A cursor as an index boundary: for "before", entries below it are older; for "after",
 * entries from it on are newer. */
static gboolean
read_audit_cursor (MockRequest *req,
                   const char  *key,
                   gboolean     before,
                   guint       *bound)
{
  GPtrArray *audit = req->state->audit;
  const char *text = mock_query_get (req, key);
  MockAuditEvent *event;
  gint64 t;

  if (text == NULL || *text == '\0')
    return FALSE;

  event = mock_state_find_audit (req->state, text);
  if (event != NULL)
    {
      guint index = audit_index_of (audit, event);

      *bound = before ? index : index + 1;
      return TRUE;
    }

  if (g_str_has_prefix (text, "audit-"))
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Audit log entry not found: %s", text);
      return FALSE;
    }

  if (!mock_parse_time (text, &t))
    {
      mock_request_invalid (req, "value_error",
                            "Value error, expected an audit_log_id or an ISO 8601 date-time",
                            "query", key, NULL);
      return FALSE;
    }

  *bound = audit_time_bound (audit, t, !before);
  return TRUE;
}

static void
list_audit_logs (MockRequest *req)
{
  GPtrArray *audit = req->state->audit;
  const DaMockOptions *options = &req->state->options;
  gint64 limit = mock_query_int (req, "limit", 100, 1,
                                 options->audit_limit_max > 0 ? options->audit_limit_max : 1000);
  guint lo = 0, hi = audit->len, first, last;
  gboolean has_before, has_after, has_start = FALSE;
  gint64 start;
  MockJson json;

  if (mock_request_has_errors (req))
    return;
  if (options->audit_page_cap > 0)
    limit = MIN (limit, (gint64) options->audit_page_cap);

  has_before = read_audit_cursor (req, "before", TRUE, &hi);
  if (req->status != SOUP_STATUS_OK || mock_request_has_errors (req))
    return;
  has_after = read_audit_cursor (req, "after", FALSE, &lo);
  if (req->status != SOUP_STATUS_OK || mock_request_has_errors (req))
    return;

  /* The examples page filters by start_date: a lower bound, newest first. */
  if (req->compat)
    {
      has_start = mock_query_time (req, "start_date", &start);
      if (mock_request_has_errors (req))
        return;
      if (has_start)
        lo = MAX (lo, audit_time_bound (audit, start, FALSE));
    }

  if (lo >= hi)
    {
      first = last = lo;
    }
  else if (has_after && !has_before)
    {
      /* read forward: the entries right after the cursor */
      first = lo;
      last = (guint) MIN ((gint64) hi, (gint64) lo + limit);
    }
  else
    {
      last = hi;
      first = (guint) MAX ((gint64) lo, (gint64) hi - limit);
    }

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_object (&json);
  mock_json_key (&json, req->compat ? "logs" : "audit_logs");
  mock_json_begin_array (&json);
  for (guint i = last; i > first; i--)
    {
      MockAuditEvent *event = g_ptr_array_index (audit, i - 1);

      mock_json_begin_object (&json);
      if (req->compat)
        {
          mock_json_member_string (&json, "id", event->id);
          mock_json_key (&json, "timestamp");
          mock_json_time (&json, event->created_at);
          mock_json_member_string (&json, "action", event->action);
          mock_json_member_string (&json, "actor", event->user != NULL ? event->user->email : NULL);
        }
      else
        {
          mock_json_member_string (&json, "audit_log_id", event->id);
          mock_json_member_string (&json, "action", event->action);
          mock_json_key (&json, "created_at");
          mock_json_time (&json, event->created_at);
          mock_json_member_string (&json, "user_id",
                                   event->user != NULL ? event->user->user_id : NULL);
          mock_json_member_string (&json, "user_email",
                                   event->user != NULL ? event->user->email : NULL);
        }
      mock_json_member_string (&json, "org_id", event->org != NULL ? event->org->org_id : NULL);
      mock_json_key (&json, "data");
      mock_json_raw (&json, event->data_json);
      mock_json_end_object (&json);
    }
  mock_json_end_array (&json);
  mock_json_end_object (&json);
}

/* ---- Consumption ---------------------------------------------------------------------------- */

static gint64
cycle_usage (MockState *state,
             gint64     start,
             gint64     end)
{
  gint64 sum = 0;

  for (guint i = sessions_lower_bound (state->sessions, start); i < state->sessions->len; i++)
    {
      MockSession *session = g_ptr_array_index (state->sessions, i);

      if (session->created_at >= end)
        break;
      sum += session->acus_centi;
    }
  return sum;
}

static void
list_cycles (MockRequest *req)
{
  MockState *state = req->state;
  gint64 now = mock_state_now (state);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  MockJson json;

  for (gint64 start = state->enterprise_start; start <= now;
       start = mock_state_next_cycle (state, start))
    g_array_append_val (starts, start);

  mock_reply_begin (req, SOUP_STATUS_OK, &json);

  if (req->compat)
    {
      /* {"cycles": [{"start_date", "end_date", "acus_used"}]}, newest first */
      mock_json_begin_object (&json);
      mock_json_key (&json, "cycles");
      mock_json_begin_array (&json);
      for (guint i = starts->len; i > 0; i--)
        {
          gint64 start = g_array_index (starts, gint64, i - 1);
          gint64 end = mock_state_next_cycle (state, start);

          mock_json_begin_object (&json);
          mock_json_key (&json, "start_date");
          mock_json_time (&json, start);
          mock_json_key (&json, "end_date");
          mock_json_time (&json, end);
          mock_json_key (&json, "acus_used");
          mock_json_acus (&json, cycle_usage (state, start, end));
          mock_json_end_object (&json);
        }
      mock_json_end_array (&json);
      mock_json_end_object (&json);
      return;
    }

  mock_json_begin_array (&json);
  for (guint i = 0; i < starts->len; i++)
    {
      gint64 start = g_array_index (starts, gint64, i);

      mock_json_begin_object (&json);
      mock_json_key (&json, "start");
      mock_json_time (&json, start);
      mock_json_key (&json, "end");
      mock_json_time (&json, mock_state_next_cycle (state, start));
      mock_json_end_object (&json);
    }
  mock_json_end_array (&json);
}

static void
add_to (GHashTable *sums,
        gpointer    key,
        gint64      centi)
{
  gint64 *sum = g_hash_table_lookup (sums, key);

  if (sum == NULL)
    {
      sum = g_new0 (gint64, 1);
      g_hash_table_insert (sums, key, sum);
    }
  *sum += centi;
}

static gint64
sum_of (GHashTable *sums,
        gpointer    key)
{
  gint64 *sum = g_hash_table_lookup (sums, key);

  return sum != NULL ? *sum : 0;
}

static void
daily_consumption (MockRequest *req,
                   MockMember  *user)
{
  MockState *state = req->state;
  g_autoptr(GPtrArray) org_ids = NULL;
  g_autoptr(GHashTable) by_org = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) by_user = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autofree gint64 *by_day = NULL;
  gint64 start, end, first_day = 0, n_days = 0, total = 0;
  MockJson json;

  if (!mock_request_range (req, &start, &end))
    return;
  org_ids = query_list (req, "org_ids");

  /* Every billing day of the range (that the enterprise has lived), even without usage. */
  {
    gint64 from = MAX (start, state->enterprise_start);
    gint64 to = MIN (end, mock_state_now (state));

    if (to > from)
      {
        first_day = mock_billing_day (from);
        n_days = MIN (mock_billing_day (to - 1) - first_day + 1, MAX_DAYS_LISTED);
      }
    by_day = g_new0 (gint64, MAX (n_days, 1));
  }

  for (guint i = sessions_lower_bound (state->sessions, start); i < state->sessions->len; i++)
    {
      MockSession *session = g_ptr_array_index (state->sessions, i);
      gint64 day;

      if (session->created_at >= end)
        break;
      if (user != NULL && session->user != user)
        continue;
      if (!in_list (org_ids, session->org->org_id))
        continue;

      day = mock_billing_day (session->created_at) - first_day;
      if (day >= 0 && day < n_days)
        by_day[day] += session->acus_centi;
      add_to (by_org, session->org, session->acus_centi);
      add_to (by_user, session->user, session->acus_centi);
      total += session->acus_centi;
    }

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_object (&json);
  mock_json_key (&json, "total_acus");
  mock_json_acus (&json, total);

  mock_json_key (&json, "consumption_by_date");
  mock_json_begin_object (&json);
  for (gint64 d = 0; d < n_days; d++)
    {
      char key[16];

      mock_format_day (first_day + d, key);
      mock_json_key (&json, key);
      mock_json_acus (&json, by_day[d]);
    }
  mock_json_end_object (&json);

  mock_json_key (&json, "consumption_by_org_id");
  mock_json_begin_object (&json);
  for (guint i = 0; i < state->all_orgs->len; i++)
    {
      MockOrg *org = g_ptr_array_index (state->all_orgs, i);
      gint64 sum = sum_of (by_org, org);

      /* the enterprise view lists every live organization asked for, even at 0 */
      if (sum == 0 && (user != NULL || org->deleted || !in_list (org_ids, org->org_id)))
        continue;
      mock_json_key (&json, org->org_id);
      mock_json_acus (&json, sum);
    }
  mock_json_end_object (&json);

  if (user == NULL)
    {
      mock_json_key (&json, "consumption_by_user");
      mock_json_begin_object (&json);
      for (guint i = 0; i < state->all_members->len; i++)
        {
          MockMember *member = g_ptr_array_index (state->all_members, i);
          gint64 sum = sum_of (by_user, member);

          if (sum == 0)
            continue;
          mock_json_key (&json, member->user_id);
          mock_json_acus (&json, sum);
        }
      mock_json_end_object (&json);
    }

  mock_json_end_object (&json);
}

static void
get_daily_consumption (MockRequest *req)
{
  daily_consumption (req, NULL);
}

static void
get_user_daily_consumption (MockRequest *req)
{
  MockMember *member = mock_state_find_member (req->state, req->segments[2]);

  if (member == NULL)
    {
      mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "User not found in enterprise");
      return;
    }
  daily_consumption (req, member);
}

/* ---- Metrics -------------------------------------------------------------------------------- */

typedef struct
{
  gint64 sessions;
  gint64 searches;
  gint64 prs_opened;
  gint64 prs_closed;
  gint64 prs_merged;
} Metrics;

static gboolean
count_metrics (MockRequest *req,
               Metrics     *metrics)
{
  MockState *state = req->state;
  g_autoptr(GPtrArray) org_ids = NULL;
  g_autoptr(GPtrArray) user_ids = NULL;
  gint64 start, end;

  memset (metrics, 0, sizeof *metrics);
  if (!mock_request_range (req, &start, &end))
    return FALSE;
  org_ids = query_list (req, "org_ids");
  user_ids = query_list (req, "user_ids");

  for (guint i = sessions_lower_bound (state->sessions, start); i < state->sessions->len; i++)
    {
      MockSession *session = g_ptr_array_index (state->sessions, i);

      if (session->created_at >= end)
        break;
      if (!in_list (org_ids, session->org->org_id) || !in_list (user_ids, session->user->user_id))
        continue;

      metrics->sessions++;
      for (guint p = 0; p < session->n_prs; p++)
        {
          const char *pr_state = session->prs[p].state;

          /* every PR was opened; some were merged or closed since */
          metrics->prs_opened++;
          if (g_strcmp0 (pr_state, "merged") == 0)
            metrics->prs_merged++;
          else if (g_strcmp0 (pr_state, "closed") == 0)
            metrics->prs_closed++;
        }
    }

  for (guint i = searches_lower_bound (state->searches, start); i < state->searches->len; i++)
    {
      MockSearch *search = &g_array_index (state->searches, MockSearch, i);

      if (search->created_at >= end)
        break;
      if (!in_list (org_ids, search->org->org_id) || !in_list (user_ids, search->user->user_id))
        continue;
      metrics->searches++;
    }

  return TRUE;
}

static void
write_metrics (MockRequest *req,
               gboolean     sessions,
               gboolean     searches,
               gboolean     prs)
{
  Metrics metrics;
  MockJson json;

  if (!count_metrics (req, &metrics))
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_object (&json);
  if (sessions)
    mock_json_member_int (&json, "sessions_count", metrics.sessions);
  if (searches)
    mock_json_member_int (&json, "searches_count", metrics.searches);
  if (prs)
    {
      mock_json_member_int (&json, "prs_opened", metrics.prs_opened);
      mock_json_member_int (&json, "prs_closed", metrics.prs_closed);
      mock_json_member_int (&json, "prs_merged", metrics.prs_merged);
    }
  mock_json_end_object (&json);
}

static void
get_metrics_usage (MockRequest *req)
{
  write_metrics (req, TRUE, TRUE, TRUE);
}

static void
get_metrics_sessions (MockRequest *req)
{
  write_metrics (req, TRUE, FALSE, FALSE);
}

static void
get_metrics_searches (MockRequest *req)
{
  write_metrics (req, FALSE, TRUE, FALSE);
}

static void
get_metrics_prs (MockRequest *req)
{
  write_metrics (req, FALSE, FALSE, TRUE);
}

/* ---- Snapshots ------------------------------------------------------------------------------ */

static void
get_snapshot (MockRequest *req)
{
  MockState *state = req->state;
  MockJson json;

  for (guint i = 0; i < state->snapshots->len; i++)
    {
      MockSnapshot *snapshot = g_ptr_array_index (state->snapshots, i);

      if (strcmp (snapshot->snapshot_id, req->segments[1]) != 0 || snapshot->org->deleted)
        continue;

      mock_reply_begin (req, SOUP_STATUS_OK, &json);
      mock_json_begin_object (&json);
      mock_json_member_string (&json, "snapshot_id", snapshot->snapshot_id);
      mock_json_member_string (&json, "snapshot_name", snapshot->name);
      mock_json_member_string (&json, "description", snapshot->description);
      mock_json_member_string (&json, "status", snapshot->status);
      mock_json_key (&json, "created_at");
      mock_json_time (&json, snapshot->created_at);
      mock_json_key (&json, "is_default");
      mock_json_bool (&json, snapshot->is_default);
      mock_json_key (&json, "org");
      mock_json_begin_object (&json);
      mock_json_member_string (&json, "org_id", snapshot->org->org_id);
      mock_json_member_string (&json, "display_name", snapshot->org->name);
      mock_json_key (&json, "created_at");
      mock_json_time (&json, snapshot->org->created_at);
      mock_json_end_object (&json);
      mock_json_key (&json, "pending_scripts");
      mock_json_begin_array (&json);
      mock_json_end_array (&json);
      mock_json_end_object (&json);
      return;
    }

  mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Snapshot not found");
}

/* ---- Playbooks ------------------------------------------------------------------------------ */

static void
write_playbook (MockJson     *json,
                MockState    *state,
                MockPlaybook *playbook)
{
  mock_json_begin_object (json);
  mock_json_member_string (json, "playbook_id", playbook->playbook_id);
  mock_json_member_string (json, "title", playbook->title);
  mock_json_member_string (json, "body", playbook->body);
  mock_json_member_string (json, "status", playbook->status);
  mock_json_member_string (json, "access", playbook->access);
  mock_json_member_string (json, "account_id", state->account_id);
  mock_json_member_string (json, "macro", playbook->macro);
  mock_json_key (json, "created_at");
  mock_json_time (json, playbook->created_at);
  mock_json_key (json, "updated_at");
  mock_json_time (json, playbook->updated_at);
  mock_json_member_string (json, "created_by_user_id",
                           playbook->created_by != NULL ? playbook->created_by->user_id : NULL);
  mock_json_member_string (json, "created_by_user_name",
                           playbook->created_by != NULL ? playbook->created_by->name : NULL);
  mock_json_member_string (json, "updated_by_user_id",
                           playbook->updated_by != NULL ? playbook->updated_by->user_id : NULL);
  mock_json_member_string (json, "updated_by_user_name",
                           playbook->updated_by != NULL ? playbook->updated_by->name : NULL);
  mock_json_end_object (json);
}

static MockPlaybook *
path_playbook (MockRequest *req)
{
  for (guint i = 0; i < req->state->playbooks->len; i++)
    {
      MockPlaybook *playbook = g_ptr_array_index (req->state->playbooks, i);

      if (!playbook->deleted && strcmp (playbook->playbook_id, req->segments[1]) == 0)
        return playbook;
    }

  mock_reply_detail (req, SOUP_STATUS_NOT_FOUND, "Playbook not found");
  return NULL;
}

static void
list_playbooks (MockRequest *req)
{
  MockJson json;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  mock_json_begin_array (&json);
  for (guint i = 0; i < req->state->playbooks->len; i++)
    {
      MockPlaybook *playbook = g_ptr_array_index (req->state->playbooks, i);

      if (!playbook->deleted)
        write_playbook (&json, req->state, playbook);
    }
  mock_json_end_array (&json);
}

/* A string of at least one character; NULL (with a 422 when present but wrong) otherwise. */
static const char *
body_text (MockRequest *req,
           JsonObject  *body,
           const char  *name,
           gboolean     required)
{
  const char *value = mock_body_string (req, body, name, required, NULL);

  if (value != NULL && *value == '\0')
    {
      mock_request_invalid (req, "string_too_short", "String should have at least 1 character",
                            "body", name, NULL);
      return NULL;
    }
  return value;
}

static void
create_playbook (MockRequest *req)
{
  MockState *state = req->state;
  JsonObject *body = mock_request_body_object (req);
  const char *title, *text, *macro;
  MockPlaybook *playbook;
  MockJson json;

  if (body == NULL)
    return;

  title = body_text (req, body, "title", TRUE);
  text = body_text (req, body, "body", TRUE);
  macro = body_text (req, body, "macro", FALSE);
  if (mock_request_has_errors (req))
    return;

  playbook = mock_state_add_playbook (state, title, text, macro, state->admin);
  mock_state_audit (state, "create_playbook", state->admin, NULL,
                    mock_data_json ("playbook_id", playbook->playbook_id, "title", title, NULL));

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  write_playbook (&json, state, playbook);
}

static void
get_playbook (MockRequest *req)
{
  MockPlaybook *playbook = path_playbook (req);
  MockJson json;

  if (playbook == NULL)
    return;

  mock_reply_begin (req, SOUP_STATUS_OK, &json);
  write_playbook (&json, req->state, playbook);
}

static void
update_playbook (MockRequest *req)
{
  MockState *state = req->state;
  MockPlaybook *playbook = path_playbook (req);
  JsonObject *body;
  const char *title, *text, *macro;

  if (playbook == NULL)
    return;
  body = mock_request_body_object (req);
  if (body == NULL)
    return;

  title = body_text (req, body, "title", FALSE);
  text = body_text (req, body, "body", FALSE);
  macro = body_text (req, body, "macro", FALSE);
  if (mock_request_has_errors (req))
    return;

  if (title != NULL)
    {
      g_free (playbook->title);
      playbook->title = g_strdup (title);
    }
  if (text != NULL)
    {
      g_free (playbook->body);
      playbook->body = g_strdup (text);
    }
  if (macro != NULL)
    {
      g_free (playbook->macro);
      playbook->macro = g_strdup (macro);
    }
  playbook->updated_at = mock_state_now (state);
  playbook->updated_by = state->admin;

  mock_state_audit (state, "update_playbook", state->admin, NULL,
                    mock_data_json ("playbook_id", playbook->playbook_id, NULL));
  mock_reply_success (req);
}

static void
delete_playbook (MockRequest *req)
{
  MockState *state = req->state;
  MockPlaybook *playbook = path_playbook (req);

  if (playbook == NULL)
    return;

  playbook->deleted = TRUE;
  mock_state_audit (state, "delete_playbook", state->admin, NULL,
                    mock_data_json ("playbook_id", playbook->playbook_id, NULL));
  mock_reply_success (req);
}

const MockRoute mock_activity_routes[] = {
  { "GET", "/sessions", list_sessions, FALSE },
  { "GET", "/sessions/insights", list_session_insights, FALSE },
  { "GET", "/organizations/{}/sessions", list_org_sessions, FALSE },
  { "GET", "/organizations/{}/sessions/insights", list_org_session_insights, FALSE },
  { "GET", "/audit-logs", list_audit_logs, FALSE },
  { "GET", "/consumption/cycles", list_cycles, FALSE },
  { "GET", "/consumption/daily", get_daily_consumption, FALSE },
  { "GET", "/consumption/daily/{}", get_user_daily_consumption, FALSE },
  { "GET", "/metrics/usage", get_metrics_usage, FALSE },
  { "GET", "/metrics/sessions", get_metrics_sessions, FALSE },
  { "GET", "/metrics/searches", get_metrics_searches, FALSE },
  { "GET", "/metrics/prs", get_metrics_prs, FALSE },
  { "GET", "/snapshots/{}", get_snapshot, FALSE },
  { "GET", "/playbooks", list_playbooks, FALSE },
  { "POST", "/playbooks", create_playbook, FALSE },
  { "GET", "/playbooks/{}", get_playbook, FALSE },
  { "PUT", "/playbooks/{}", update_playbook, FALSE },
  { "DELETE", "/playbooks/{}", delete_playbook, FALSE },
  { NULL, NULL, NULL, FALSE },
};

/* da-format.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "da-format.h"

#define TIME_UNSET G_MININT64

/* GLib 2.74 looks the local time zone up again at every conversion to local time when TZ is not
 * set (a readlink() and two stat() calls on /etc/localtime, on the caller's thread): lists that
 * show times in each row spent most of their binding there. The zone is kept for a minute, and
 * looked up again at once when TZ changes. */
#define LOCAL_ZONE_LIFETIME_US (60 * G_USEC_PER_SEC)

G_LOCK_DEFINE_STATIC (local_zone);
static GTimeZone *local_zone;
static char      *local_zone_tz;     /* TZ when it was looked up */
static gint64     local_zone_expiry; /* monotonic */

/* (transfer full) */
static GTimeZone *
dup_local_zone (void)
{
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *zone;

  G_LOCK (local_zone);
  if (local_zone == NULL || now >= local_zone_expiry || g_strcmp0 (tz, local_zone_tz) != 0)
    {
      g_clear_pointer (&local_zone, g_time_zone_unref);
      g_free (local_zone_tz);
      local_zone = g_time_zone_new_local ();
      local_zone_tz = g_strdup (tz);
      local_zone_expiry = now + LOCAL_ZONE_LIFETIME_US;
    }
  zone = g_time_zone_ref (local_zone);
  G_UNLOCK (local_zone);

  return zone;
}

/* @when in @zone; NULL when out of range. (transfer full) */
static GDateTime *
new_from_unix_in (GTimeZone *zone,
                  gint64     when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);

  return utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
}

gint64
da_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
da_format_relative_time (gint64 when,
                         gint64 now)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) then_local = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  gint64 delta;
  int day_delta;

  if (when == TIME_UNSET)
    return NULL;

  delta = now - when;

  if (delta < 0)
    {
      gint64 ahead = -delta;

      if (ahead < 60)
        return g_strdup (_("in a moment"));
      if (ahead < 3600)
        return g_strdup_printf (ngettext ("in %d minute", "in %d minutes", (int) (ahead / 60)),
                                (int) (ahead / 60));
      if (ahead < 86400)
        return g_strdup_printf (ngettext ("in %d hour", "in %d hours", (int) (ahead / 3600)),
                                (int) (ahead / 3600));
      return g_strdup_printf (ngettext ("in %d day", "in %d days", (int) (ahead / 86400)),
                              (int) (ahead / 86400));
    }

  if (delta < 60)
    return g_strdup (_("just now"));
  if (delta < 3600)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (int) (delta / 60)),
                            (int) (delta / 60));
  if (delta < 86400)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (int) (delta / 3600)),
                            (int) (delta / 3600));

  zone = dup_local_zone ();
  then_local = new_from_unix_in (zone, when);
  now_local = new_from_unix_in (zone, now);
  if (then_local == NULL || now_local == NULL)
    return g_strdup ("");

  {
    g_autoptr(GDateTime) then_day = g_date_time_new (zone,
                                                     g_date_time_get_year (then_local),
                                                     g_date_time_get_month (then_local),
                                                     g_date_time_get_day_of_month (then_local),
                                                     0, 0, 0);
    g_autoptr(GDateTime) now_day = g_date_time_new (zone,
                                                    g_date_time_get_year (now_local),
                                                    g_date_time_get_month (now_local),
                                                    g_date_time_get_day_of_month (now_local),
                                                    0, 0, 0);

    day_delta = (int) (g_date_time_difference (now_day, then_day) / G_TIME_SPAN_DAY);
  }

  if (day_delta <= 1)
    return g_strdup (_("yesterday"));
  if (day_delta < 7)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", day_delta), day_delta);

  if (g_date_time_get_year (then_local) == g_date_time_get_year (now_local))
    /* Translators: a date in the current year, see the GDateTime format codes */
    return g_date_time_format (then_local, _("%-d %B"));

  /* Translators: a date in another year, see the GDateTime format codes */
  return g_date_time_format (then_local, _("%-d %B %Y"));
}

char *
da_format_exact_time (gint64 when)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == TIME_UNSET)
    return NULL;

  zone = dup_local_zone ();
  local = new_from_unix_in (zone, when);
  if (local == NULL)
    return g_strdup ("");

  /* Translators: an exact local time with the time zone, see the GDateTime format codes */
  return g_date_time_format (local, _("%A, %-d %B %Y, %H:%M:%S %Z"));
}

char *
da_format_date (gint64 when)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == TIME_UNSET)
    return NULL;

  zone = dup_local_zone ();
  local = new_from_unix_in (zone, when);
  if (local == NULL)
    return g_strdup ("");

  /* Translators: a short date, see the GDateTime format codes */
  return g_date_time_format (local, _("%-d %b %Y"));
}

char *
da_format_iso_date (gint64 when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == TIME_UNSET)
    return NULL;

  utc = g_date_time_new_from_unix_utc (when);
  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%d") : g_strdup ("");
}

char *
da_format_iso_timestamp (gint64 when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == TIME_UNSET)
    return NULL;

  utc = g_date_time_new_from_unix_utc (when);
  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/* Whether @word is a title or suffix written after a whole name ("Jane Doe, PhD"). */
static gboolean
is_name_suffix (const char *word)
{
  static const char * const suffixes[] = {
    "jr", "sr", "ii", "iii", "iv", "phd", "ph.d", "md", "m.d", "esq", "mba", "cpa", "dds",
  };
  g_autofree char *folded = g_ascii_strdown (word, -1);
  gsize length = strlen (folded);

  if (length > 0 && folded[length - 1] == '.')
    folded[length - 1] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_equal (folded, suffixes[i]))
      return TRUE;
  return FALSE;
}

char *
da_format_avatar_text (const char *name)
{
  const char *comma;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (name == NULL)
    return NULL;

  /* One comma, words on both sides; anything else is left to the avatar as written. */
  comma = strchr (name, ',');
  if (comma == NULL || strchr (comma + 1, ',') != NULL)
    return g_strdup (name);

  before = g_strstrip (g_strndup (name, (gsize) (comma - name)));
  after = g_strstrip (g_strdup (comma + 1));
  if (*before == '\0' || *after == '\0')
    return g_strdup (name);

  /* "Jane Doe, PhD", "John Smith, Jr.": a title or suffix after a whole name. */
  if (is_name_suffix (after))
    return g_steal_pointer (&before);

  /* "Doe, Jane", "García, María José": the family name first. */
  return g_strconcat (after, " ", before, NULL);
}

char *
da_format_count (gint64 count)
{
  /* The ' flag asks for the locale's thousands grouping. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

char *
da_format_acus (double acus)
{
  double rounded;

  if (!isfinite (acus))
    return g_strdup ("—");

  rounded = round (acus * 10.0) / 10.0;
  if (rounded == 0.0)
    rounded = 0.0;  /* no "-0" */
  if (fabs (rounded - round (rounded)) < 1e-9)
    return g_strdup_printf ("%'.0f", rounded);
  return g_strdup_printf ("%'.1f", rounded);
}

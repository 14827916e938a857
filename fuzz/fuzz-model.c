/* fuzz-model.c: one model decoder (`*_new_from_json`) on any JSON a server could send
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once per decoder, DA_FUZZ_DECODER naming it ("member", "session", …). The input is read
 * by the client's JSON reader; the decoder gets every object a list or single answer would hand
 * it. A decoded model must have every property readable, within its declared range and in
 * valid UTF-8; a refused one must say why in DA_MODEL_ERROR.
 */

#include "config.h"

#include <string.h>

#include "da-fuzz.h"
#include "da-models.h"

#ifndef DA_FUZZ_DECODER
# error "DA_FUZZ_DECODER names the decoder to build this target for"
#endif

typedef gpointer (*DecodeFunc) (JsonObject  *object,
                                GError     **error);

typedef struct
{
  const char *name;
  DecodeFunc  decode;
  void      (*extra) (gpointer model);
} Decoder;

static void
check_entries (const DaConsumptionEntry *entries,
               guint                     n_entries,
               double                  (*lookup) (DaConsumption *, const char *),
               DaConsumption            *consumption)
{
  for (guint i = 0; i < n_entries; i++)
    {
      DA_FUZZ_CHECK (entries[i].key != NULL);
      DA_FUZZ_CHECK (g_utf8_validate (entries[i].key, -1, NULL));
      /* Sorted by key, keys unique, so that a lookup finds each. */
      if (i > 0)
        DA_FUZZ_CHECK (strcmp (entries[i - 1].key, entries[i].key) < 0);
      DA_FUZZ_CHECK (lookup (consumption, entries[i].key) == entries[i].acus);
    }
}

static void
extra_consumption (gpointer model)
{
  DaConsumption *consumption = model;
  const DaConsumptionEntry *entries;
  guint n = 0;

  entries = da_consumption_get_by_date (consumption, &n);
  check_entries (entries, n, da_consumption_lookup_date, consumption);
  entries = da_consumption_get_by_org (consumption, &n);
  check_entries (entries, n, da_consumption_lookup_org, consumption);
  entries = da_consumption_get_by_user (consumption, &n);
  check_entries (entries, n, da_consumption_lookup_user, consumption);
  (void) da_consumption_lookup_date (consumption, "2025-01-01");
}

static void
extra_idp_group (gpointer model)
{
  DaIdpGroup *group = model;
  const char * const *org_ids = da_idp_group_get_org_ids (group);

  for (guint i = 0; org_ids != NULL && org_ids[i] != NULL; i++)
    DA_FUZZ_CHECK (da_idp_group_get_role_for_org (group, org_ids[i]) != NULL);
  (void) da_idp_group_get_role_for_org (group, "org-not-there");
}

static void
touch_analysis (JsonObject *analysis)
{
  g_autoptr(GPtrArray) items = NULL;
  static const char * const lists[] = { "issues", "action_items", "timeline", "other" };

  if (analysis == NULL)
    return;

  (void) da_session_analysis_get_original_prompt (analysis);
  (void) da_session_analysis_get_suggested_prompt (analysis);
  items = da_session_analysis_get_feedback_items (analysis);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      DaFeedbackItem *item = g_ptr_array_index (items, i);

      DA_FUZZ_CHECK (item != NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) lines = da_session_analysis_dup_lines (analysis, lists[i]);

      for (guint j = 0; lines != NULL && lines[j] != NULL; j++)
        DA_FUZZ_CHECK (g_utf8_validate (lines[j], -1, NULL));
    }
}

static void
extra_session (gpointer model)
{
  DaSession *session = model;
  const DaPullRequest *prs;
  guint n = 0;

  prs = da_session_get_pull_requests (session, &n);
  for (guint i = 0; i < n; i++)
    DA_FUZZ_CHECK (prs[i].url != NULL && g_utf8_validate (prs[i].url, -1, NULL));
  touch_analysis (da_session_get_analysis (session));
}

static const Decoder decoders[] = {
  { "api-key", (DecodeFunc) da_api_key_new_from_json, NULL },
  { "audit-event", (DecodeFunc) da_audit_event_new_from_json, NULL },
  { "billing-cycle", (DecodeFunc) da_billing_cycle_new_from_json, NULL },
  { "consumption", (DecodeFunc) da_consumption_new_from_json, extra_consumption },
  { "git-connection", (DecodeFunc) da_git_connection_new_from_json, NULL },
  { "git-permission", (DecodeFunc) da_git_permission_new_from_json, NULL },
  { "grant-result", (DecodeFunc) da_grant_result_new_from_json, NULL },
  { "idp-group", (DecodeFunc) da_idp_group_new_from_json, extra_idp_group },
  { "invite-result", (DecodeFunc) da_invite_result_new_from_json, NULL },
  { "member", (DecodeFunc) da_member_new_from_json, NULL },
  { "org-group", (DecodeFunc) da_org_group_new_from_json, NULL },
  { "org-membership", (DecodeFunc) da_org_membership_new_from_json, NULL },
  { "organization", (DecodeFunc) da_organization_new_from_json, NULL },
  { "role", (DecodeFunc) da_role_new_from_json, NULL },
  { "session", (DecodeFunc) da_session_new_from_json, extra_session },
  { "usage-metrics", (DecodeFunc) da_usage_metrics_new_from_json, NULL },
};

static const Decoder *decoder;

static void
decode_one (JsonObject *object,
            gpointer    user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) model = NULL;

  model = decoder->decode (object, &error);
  if (model == NULL)
    {
      DA_FUZZ_CHECK (error != NULL);
      DA_FUZZ_CHECK (error->domain == DA_MODEL_ERROR);
      DA_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  DA_FUZZ_CHECK (error == NULL);
  da_fuzz_touch_object (model);
  if (decoder->extra != NULL)
    decoder->extra (model);

  /* The session analysis readers take any object, not only a decoded session's. */
  if (decoder->extra == extra_session)
    touch_analysis (object);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  da_fuzz_init ();

  for (guint i = 0; i < G_N_ELEMENTS (decoders); i++)
    if (g_str_equal (decoders[i].name, DA_FUZZ_DECODER))
      decoder = &decoders[i];

  g_assert (decoder != NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = da_fuzz_read_json (data, size);

  da_fuzz_foreach_object (root, decode_one, NULL);
  return 0;
}

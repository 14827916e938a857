/* fuzz-page.c: the paging envelopes and bare lists of the v2 API on any answer
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the body of a 200 answer. It goes through what a pager does in its worker
 * thread (_da_response_parse_json, then the flavor's parse_page with each decoder the client
 * pages with) and what the client does with a bare list (get_bare_list, then the decoder on
 * each item). A page read must be consistent; a page refused must be a DA_MODEL_ERROR that
 * _da_response_wrap_error turns into DA_CLIENT_ERROR_INVALID_RESPONSE.
 */

#include "config.h"

#include <string.h>

#include "da-client-private.h"
#include "da-fuzz.h"
#include "da-models.h"

typedef struct
{
  DaDecodeFunc decode;
  DaIdFunc     get_id;
  const char  *older_key;   /* for bare lists */
} Lister;

/* Every list the client reads: the paged ones (with the cursor IDs of audit logs) and the bare
 * ones (roles, billing cycles). */
static const Lister listers[] = {
  { (DaDecodeFunc) da_member_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_organization_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_org_membership_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_org_group_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_idp_group_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_git_connection_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_git_permission_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_api_key_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_audit_event_new_from_json, (DaIdFunc) da_audit_event_get_audit_log_id,
    NULL },
  { (DaDecodeFunc) da_session_new_from_json, NULL, NULL },
  { (DaDecodeFunc) da_role_new_from_json, NULL, "roles" },
  { (DaDecodeFunc) da_billing_cycle_new_from_json, NULL, "cycles" },
};

static void
check_wrapped (DaResponse   *response,
               const GError *error)
{
  g_autoptr(GError) wrapped = NULL;

  DA_FUZZ_CHECK (error != NULL);
  wrapped = _da_response_wrap_error (response, error);
  DA_FUZZ_CHECK (g_error_matches (wrapped, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE));
  DA_FUZZ_CHECK (g_utf8_validate (wrapped->message, -1, NULL));
}

static void
read_page (DaResponse    *response,
           JsonNode      *root,
           const Lister  *lister,
           DaPagerStyle   style)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DaPage) page = NULL;

  page = da_api_v2.parse_page (&da_api_v2, root, style, lister->decode, lister->get_id, &error);
  if (page == NULL)
    {
      DA_FUZZ_CHECK (error != NULL && error->domain == DA_MODEL_ERROR);
      check_wrapped (response, error);
      return;
    }

  DA_FUZZ_CHECK (error == NULL);
  DA_FUZZ_CHECK (page->items != NULL);
  DA_FUZZ_CHECK (page->total >= -1);
  DA_FUZZ_CHECK (page->has_more >= -1 && page->has_more <= 1);
  if (lister->get_id != NULL && page->items->len > 0)
    DA_FUZZ_CHECK (page->first_id != NULL && page->last_id != NULL);
  else
    DA_FUZZ_CHECK (page->first_id == NULL && page->last_id == NULL);

  for (guint i = 0; i < page->items->len; i++)
    da_fuzz_touch_object (g_ptr_array_index (page->items, i));
}

static void
read_bare_list (DaResponse   *response,
                JsonNode     *root,
                const Lister *lister)
{
  JsonArray *array = da_api_v2.get_bare_list (root, lister->older_key);

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      item = lister->decode (json_node_get_object (element), &error);
      if (item == NULL)
        check_wrapped (response, error);
      else
        da_fuzz_touch_object (item);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  da_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DaResponse response = {
    .status = 200,
    .content_type = (char *) "application/json",
    .path = (char *) "/members",
    .host = (char *) "api.example.com",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);

  response.body = body;
  root = _da_response_parse_json (&response, &error);
  if (root == NULL)
    {
      DA_FUZZ_CHECK (g_error_matches (error, DA_CLIENT_ERROR, DA_CLIENT_ERROR_INVALID_RESPONSE));
      DA_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (listers); i++)
    {
      DaPagerStyle style = listers[i].get_id != NULL ? DA_PAGER_CURSOR : DA_PAGER_SKIP_LIMIT;

      if (listers[i].decode == (DaDecodeFunc) da_api_key_new_from_json)
        style = DA_PAGER_PAGE;
      read_page (&response, root, &listers[i], style);
      if (listers[i].older_key != NULL)
        read_bare_list (&response, root, &listers[i]);
    }

  return 0;
}

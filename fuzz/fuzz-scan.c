/* fuzz-scan.c: the fast path of the hot lists (da-json-scan.c) against the general one
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Members and audit events are decoded straight from the JSON text (the flavor's scan_page and
 * the models' scan functions), and the general way (_da_json_read, then parse_page and the
 * *_new_from_json decoders) when the fast path declines. The fast path's promise is that what
 * it accepts it decodes exactly as the general path would: so whenever it gives a page (or an
 * item), the general path must give the same page (or item), property by property.
 */

#include "config.h"

#include <string.h>

#include "da-client-private.h"
#include "da-fuzz.h"
#include "da-models.h"

typedef struct
{
  GType         type;
  DaDecodeFunc  decode;
  DaIdFunc      get_id;
  DaPagerStyle  style;
} Hot;

static Hot hot[2];

static void
print_value (const char   *what,
             const GValue *value)
{
  g_autofree char *text = g_strdup_value_contents (value);

  g_printerr ("  %s: %s\n", what, text);
}

/* The same model, property by property. */
static void
check_same_item (GObject *fast,
                 GObject *general)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  DA_FUZZ_CHECK (G_OBJECT_TYPE (fast) == G_OBJECT_TYPE (general));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (fast), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      gboolean same;

      if (!(pspec->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&a, type);
      g_value_init (&b, type);
      g_object_get_property (fast, pspec->name, &a);
      g_object_get_property (general, pspec->name, &b);

      if (type == G_TYPE_STRV)
        same = g_strv_equal (g_value_get_boxed (&a) != NULL ? g_value_get_boxed (&a)
                                                            : (const char * const[]) { NULL },
                             g_value_get_boxed (&b) != NULL ? g_value_get_boxed (&b)
                                                            : (const char * const[]) { NULL });
      else if (G_TYPE_IS_BOXED (type))
        same = TRUE; /* compared through the properties that show them */
      else
        same = g_param_values_cmp (pspec, &a, &b) == 0;

      if (!same)
        {
          g_printerr ("%s.%s differs:\n", G_OBJECT_TYPE_NAME (fast), pspec->name);
          print_value ("fast path", &a);
          print_value ("general path", &b);
          DA_FUZZ_CHECK (!"the fast path decodes as the general path does");
        }
    }
}

static void
check_page (const Hot     *h,
            const uint8_t *data,
            size_t         size)
{
  g_autoptr(DaPage) fast = NULL;
  g_autoptr(DaPage) general = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  DaScanFunc scan = da_json_scan_func_for_type (h->type);

  DA_FUZZ_CHECK (scan != NULL);
  fast = da_api_v2.scan_page (&da_api_v2, (const char *) data, size, scan, h->get_id);

  root = _da_json_read ((const char *) data, size, &error);
  if (root != NULL)
    general = da_api_v2.parse_page (&da_api_v2, root, h->style, h->decode, h->get_id, &error);

  if (fast == NULL)
    return;

  if (general == NULL)
    {
      g_printerr ("the fast path read a page the general one refuses: %s\n",
                  error != NULL ? error->message : "?");
      DA_FUZZ_CHECK (!"a page the fast path reads, the general path reads");
    }

  DA_FUZZ_CHECK (fast->items->len == general->items->len);
  DA_FUZZ_CHECK (fast->total == general->total);
  DA_FUZZ_CHECK (fast->has_more == general->has_more);
  DA_FUZZ_CHECK (fast->limit_echo == general->limit_echo);
  DA_FUZZ_CHECK (g_strcmp0 (fast->first_id, general->first_id) == 0);
  DA_FUZZ_CHECK (g_strcmp0 (fast->last_id, general->last_id) == 0);
  for (guint i = 0; i < fast->items->len; i++)
    check_same_item (g_ptr_array_index (fast->items, i), g_ptr_array_index (general->items, i));
}

/* One item on its own, as the page reader hands it to the scan function. */
static void
check_item (const Hot     *h,
            const uint8_t *data,
            size_t         size)
{
  g_autofree DaJsonScan *scan = g_new (DaJsonScan, 1);
  g_autoptr(GObject) fast = NULL;
  g_autoptr(GObject) general = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  /* The scanner takes only text checked to be UTF-8. */
  if (!g_utf8_validate_len ((const char *) data, size, NULL))
    return;

  da_json_scan_init (scan, (const char *) data, size);
  if (da_json_scan_peek (scan) != '{')
    return;
  fast = da_json_scan_func_for_type (h->type) (scan);
  if (fast == NULL)
    return;
  da_json_scan_space (scan);
  if (scan->p != scan->end)
    return;

  root = _da_json_read ((const char *) data, size, &error);
  DA_FUZZ_CHECK (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  general = h->decode (json_node_get_object (root), &error);
  if (general == NULL)
    {
      g_printerr ("the fast path read an item the general one refuses: %s\n", error->message);
      DA_FUZZ_CHECK (!"an item the fast path reads, the general path reads");
    }
  check_same_item (fast, general);
  da_fuzz_touch_object (fast);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  da_fuzz_init ();

  hot[0] = (Hot) { DA_TYPE_MEMBER, (DaDecodeFunc) da_member_new_from_json, NULL,
                   DA_PAGER_SKIP_LIMIT };
  hot[1] = (Hot) { DA_TYPE_AUDIT_EVENT, (DaDecodeFunc) da_audit_event_new_from_json,
                   (DaIdFunc) da_audit_event_get_audit_log_id, DA_PAGER_CURSOR };
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  for (guint i = 0; i < G_N_ELEMENTS (hot); i++)
    {
      check_page (&hot[i], data, size);
      check_item (&hot[i], data, size);
    }

  return 0;
}

/* da-json-scan.h: decoding the hot lists straight from the JSON text
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the core library. Building a JsonNode tree for every page of a long list, then
 * decoding the models from it and freeing it, was most of the work of loading 50,000 members or
 * 100,000 audit events. The scanner reads the same text once, as tokens, and the decoders of the
 * hot models (members, audit events) fill their fields from it directly.
 *
 * The scanner is a fast path only: every function returns FALSE (or NULL) as soon as it meets
 * anything it does not take (a syntax error, an unexpected type, a duplicate or older key, a
 * value out of range, text it cannot keep as is). The caller then decodes the same text the
 * general way (_da_json_read() and *_new_from_json()), which gives the answer or the error; so
 * what the fast path accepts it decodes exactly as the general path would, and it never
 * reports an error of its own.
 *
 * The text must have been checked to be valid UTF-8 first.
 */

#pragma once

#include <string.h>

#include "da-model-types.h"

G_BEGIN_DECLS

/* Room for the decoded strings of one item. */
#define DA_JSON_SCAN_ARENA_SIZE 4096

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;                           /* of containers, as the general reader counts */
  gsize       arena_used;
  char        arena[DA_JSON_SCAN_ARENA_SIZE];  /* NUL-terminated strings of the current item */
  /* NULL, or where the items of a page put the texts they share (DaSharedTextsBatch, see
   * da-json-private.h), looked up together once the page is read: see v2_scan_page(). */
  struct _DaSharedTextsBatch *shared_texts;
} DaJsonScan;

/* Decodes one item: @scan is at its '{' (spaces skipped); on success it is left after the
 * matching '}'. NULL: take the general path. */
typedef gpointer (*DaScanFunc) (DaJsonScan *scan);

void         da_json_scan_init           (DaJsonScan    *scan,
                                          const char    *text,
                                          gsize          length);

static inline void
da_json_scan_space (DaJsonScan *scan)
{
  while (scan->p < scan->end &&
         (*scan->p == ' ' || *scan->p == '\n' || *scan->p == '\r' || *scan->p == '\t'))
    scan->p++;
}

/* The next character after spaces, or 0 at the end. */
static inline char
da_json_scan_peek (DaJsonScan *scan)
{
  da_json_scan_space (scan);
  return scan->p < scan->end ? *scan->p : '\0';
}

/* Object members: _begin consumes the '{'; _next gives the next key (borrowed from the text,
 * without quotes; keys with escapes are not taken) and consumes the ':', or sets *done at the
 * '}' (consumed). *index counts the members read: start it at 0. */
gboolean     da_json_scan_object_begin   (DaJsonScan    *scan);
gboolean     da_json_scan_object_next    (DaJsonScan    *scan,
                                          guint         *index,
                                          const char   **key,
                                          gsize         *key_length,
                                          gboolean      *done);
/* The same, with the key a decoder expects next (@hint, @hint_length bytes of plain text, or
 * NULL): when the text is that very key, written without spaces, it is taken without reading it
 * a byte at a time. Any other key, or spaces, go the way of _next. */
gboolean     da_json_scan_object_next_hinted (DaJsonScan  *scan,
                                              guint       *index,
                                              const char  *hint,
                                              gsize        hint_length,
                                              const char **key,
                                              gsize       *key_length,
                                              gboolean    *done);
/* Arrays the same way: _next sets *done at the ']' (consumed), else leaves @scan at the next
 * element. */
gboolean     da_json_scan_array_begin    (DaJsonScan    *scan);
gboolean     da_json_scan_array_next     (DaJsonScan    *scan,
                                          guint         *index,
                                          gboolean      *done);

/* A key is @name. */
static inline gboolean
da_json_scan_key_is (const char *key,
                     gsize       key_length,
                     const char *name,
                     gsize       name_length)
{
  return key_length == name_length && memcmp (key, name, name_length) == 0;
}
#define DA_JSON_SCAN_KEY_IS(key, key_length, literal) \
  da_json_scan_key_is ((key), (key_length), "" literal "", sizeof (literal) - 1)

/* A key a decoder expects, for da_json_scan_object_next_hinted() */
typedef struct
{
  const char *name;
  gsize       length;
} DaJsonScanKey;
#define DA_JSON_SCAN_KEY(literal) { "" literal "", sizeof (literal) - 1 }

/* Values. Each skips the spaces before it. */
gboolean     da_json_scan_null           (DaJsonScan    *scan);
/* A string (decoded, NUL-terminated, in the arena until da_json_scan_reset_arena()); NULL for a
 * JSON null. */
gboolean     da_json_scan_string_or_null (DaJsonScan    *scan,
                                          const char   **value,
                                          gsize         *length);
/* A whole number written as one (no fraction, no exponent, at most 18 digits). */
gboolean     da_json_scan_integer        (DaJsonScan    *scan,
                                          gint64        *value);
gboolean     da_json_scan_boolean        (DaJsonScan    *scan,
                                          gboolean      *value);
/* Any value, checked as the general reader checks it, and skipped. */
gboolean     da_json_scan_skip           (DaJsonScan    *scan);
/* Any value that da_json_write_compact() would write back byte for byte (no spaces, strings
 * escaped as it escapes them, whole numbers only, no duplicate keys, at most
 * DA_JSON_MAX_DEPTH deep): its text, borrowed. */
gboolean     da_json_scan_compact        (DaJsonScan    *scan,
                                          const char   **text,
                                          gsize         *length);

static inline void
da_json_scan_reset_arena (DaJsonScan *scan)
{
  scan->arena_used = 0;
}

/* The fields the models read, with the general path's rules. Each takes a null (leaving
 * *value as it was) unless said otherwise. */
/* A timestamp: an ISO 8601 string or Unix seconds (whole). */
gboolean     da_json_scan_time           (DaJsonScan    *scan,
                                          gint64        *value);
/* A count: a whole number ≥ 0. */
gboolean     da_json_scan_count          (DaJsonScan    *scan,
                                          gint64        *value);

/* The decoders of the hot lists (da-member.c, da-audit-event.c). */
gpointer     _da_member_new_from_scan      (DaJsonScan  *scan);
gpointer     _da_audit_event_new_from_scan (DaJsonScan  *scan);

/* The fast decoder of a model type, or NULL when it has none. */
DaScanFunc   da_json_scan_func_for_type  (GType          item_type);

/* g_utf8_validate_len (text, length, NULL), eight bytes at a time through ASCII: valid UTF-8
 * without a NUL byte. GLib's own checks a byte at a time, which was a sixth of the cost of
 * loading the audit log. */
gboolean     da_utf8_validate_len        (const char    *text,
                                          gsize          length);

G_END_DECLS

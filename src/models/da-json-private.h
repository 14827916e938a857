/* da-json-private.h: reading JSON defensively, shared by every decoder
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-model-types.h"

G_BEGIN_DECLS

/* Deeper than this, nested values kept by a model (audit "data", session analysis) are refused. */
#define DA_JSON_MAX_DEPTH 64

/* Timestamps outside years 0000…9999 are refused. */
#define DA_TIME_MIN G_GINT64_CONSTANT (-62167219200)
#define DA_TIME_MAX G_GINT64_CONSTANT (253402300799)

typedef enum
{
  DA_FIELD_OPTIONAL  = 0,
  DA_FIELD_REQUIRED  = 1 << 0,   /* absent or null is DA_MODEL_ERROR_MISSING_FIELD */
  DA_FIELD_NOT_EMPTY = 1 << 1,   /* "" is DA_MODEL_ERROR_INVALID_VALUE */
} DaFieldFlags;

#define DA_FIELD_ID (DA_FIELD_REQUIRED | DA_FIELD_NOT_EMPTY)

typedef enum
{
  DA_JSON_PROBLEM_NEGATIVE,
  DA_JSON_PROBLEM_TOO_LARGE,
  DA_JSON_PROBLEM_NOT_WHOLE,
  DA_JSON_PROBLEM_NOT_FINITE,
  DA_JSON_PROBLEM_BAD_TIMESTAMP,
  DA_JSON_PROBLEM_BAD_DATE,
  DA_JSON_PROBLEM_BAD_UTF8,
  DA_JSON_PROBLEM_EMPTY,
  DA_JSON_PROBLEM_TOO_DEEP,
  DA_JSON_PROBLEM_ENDS_BEFORE_START,
} DaJsonProblem;

/* Errors, worded `what: "field" is …`. @what is the untranslated kind of object, marked with
 * N_() by the caller ("member"): it is translated only when an error is set, so that decoding
 * 100,000 rows does not look it up 100,000 times. */
void         da_json_set_wrong_type        (GError        **error,
                                            const char     *what,
                                            const char     *field,
                                            JsonNode       *node,
                                            const char     *expected);
void         da_json_set_missing           (GError        **error,
                                            const char     *what,
                                            const char     *field,
                                            gboolean        is_null);
void         da_json_set_invalid           (GError        **error,
                                            const char     *what,
                                            const char     *field,
                                            DaJsonProblem   problem);

/* "map.key" to name a member of a map in a message, the key cut to a readable length;
 * @key is valid UTF-8. (transfer full) */
char        *da_json_map_field             (const char     *map_name,
                                            const char     *key);

/* FALSE with DA_MODEL_ERROR_WRONG_TYPE when @object is NULL (a JSON null in a list). */
gboolean     da_json_check_object          (JsonObject     *object,
                                            const char     *what,
                                            GError        **error);

/* The member @name, else @older_name (nullable); NULL when absent or null. *found_name is the
 * key that was read (or @name). *is_null tells a null apart from an absent member. */
JsonNode    *da_json_lookup                (JsonObject     *object,
                                            const char     *name,
                                            const char     *older_name,
                                            const char    **found_name,
                                            gboolean       *is_null);

/* Readers of one member. When it is absent or null and not required, *value is left as it was
 * (the caller's default) and TRUE is returned. Strings are borrowed from @object. */
gboolean     da_json_read_string           (JsonObject     *object,
                                            const char     *what,
                                            const char     *name,
                                            const char     *older_name,
                                            DaFieldFlags    flags,
                                            const char    **value,
                                            GError        **error);
/* A whole number ≥ 0 (a count or a limit): integers, or doubles with no fraction. */
gboolean     da_json_read_count            (JsonObject     *object,
                                            const char     *what,
                                            const char     *name,
                                            const char     *older_name,
                                            DaFieldFlags    flags,
                                            gint64         *value,
                                            GError        **error);
/* A finite number ≥ 0 (ACUs). */
gboolean     da_json_read_amount           (JsonObject     *object,
                                            const char     *what,
                                            const char     *name,
                                            const char     *older_name,
                                            DaFieldFlags    flags,
                                            double         *value,
                                            GError        **error);
gboolean     da_json_read_boolean          (JsonObject     *object,
                                            const char     *what,
                                            const char     *name,
                                            const char     *older_name,
                                            DaFieldFlags    flags,
                                            gboolean       *value,
                                            GError        **error);
/* An ISO 8601 string or Unix seconds; stored as Unix seconds. */
gboolean     da_json_read_time             (JsonObject     *object,
                                            const char     *what,
                                            const char     *name,
                                            const char     *older_name,
                                            DaFieldFlags    flags,
                                            gint64         *value,
                                            GError        **error);
/* Borrowed containers. */
gboolean     da_json_read_array            (JsonObject     *object,
                                            const char     *what,
                                            const char     *name,
                                            const char     *older_name,
                                            DaFieldFlags    flags,
                                            JsonArray     **value,
                                            GError        **error);
gboolean     da_json_read_object           (JsonObject     *object,
                                            const char     *what,
                                            const char     *name,
                                            const char     *older_name,
                                            DaFieldFlags    flags,
                                            JsonObject    **value,
                                            GError        **error);

/* The same checks on one node (an array element, a map value); @node is not NULL nor null. */
gboolean     da_json_node_get_string       (JsonNode       *node,
                                            const char     *what,
                                            const char     *field,
                                            DaFieldFlags    flags,
                                            const char    **value,
                                            GError        **error);
gboolean     da_json_node_get_count        (JsonNode       *node,
                                            const char     *what,
                                            const char     *field,
                                            gint64         *value,
                                            GError        **error);
gboolean     da_json_node_get_amount       (JsonNode       *node,
                                            const char     *what,
                                            const char     *field,
                                            double         *value,
                                            GError        **error);
gboolean     da_json_node_get_time         (JsonNode       *node,
                                            const char     *what,
                                            const char     *field,
                                            gint64         *value,
                                            GError        **error);

/* ISO 8601: "YYYY-MM-DD" (UTC midnight), or a date, "T" (or a space), "HH:MM[:SS[.frac]]" and
 * "Z", an offset "±HH[:MM]" or nothing (UTC). FALSE for anything else. */
gboolean     da_json_parse_timestamp       (const char     *text,
                                            gint64         *value);
/* The form the API writes, "YYYY-MM-DDTHH:MM:SSZ": the 20 bytes at @text (not NUL-terminated),
 * read as da_json_parse_timestamp() reads them. FALSE when they are not in that very form (the
 * general parser may still take them) or not a time. */
gboolean     da_json_parse_timestamp_utc20 (const char     *text,
                                            gint64         *value);

/* Appends @node as compact JSON text to @out, checking it on the way: strings and keys valid
 * UTF-8, numbers finite, nesting at most DA_JSON_MAX_DEPTH deep. */
gboolean     da_json_write_compact         (JsonNode       *node,
                                            GString        *out,
                                            const char     *what,
                                            const char     *field,
                                            GError        **error);
/* Parses text written by da_json_write_compact(); @immutable seals the nodes.
 * (transfer full), NULL on failure. */
JsonNode    *da_json_parse_compact         (const char     *text,
                                            gboolean        immutable);

/* A model's strings (and small arrays pointing to them) packed into one allocation.
 *
 *   DaStringPack pack;
 *   da_string_pack_init (&pack);
 *   da_string_pack_add (&pack, &self->email, email);
 *   da_string_pack_add_interned (&pack, &self->role, role);   // low-cardinality strings
 *   self->strings = da_string_pack_finish (&pack);
 *
 * Reserved space (da_string_pack_reserve) comes first in the block, aligned for pointers;
 * da_string_pack_add_at() stores a string's address at an offset of that space. */
typedef struct
{
  const char  *value;
  gsize        length;
  const char **dest;      /* or NULL: then the address goes to block + offset */
  gsize        offset;
  gboolean     interned;
} DaStringPackItem;

#define DA_STRING_PACK_INLINE 12

typedef struct
{
  gsize             head;
  gsize             total;
  guint             n_items;
  DaStringPackItem  items[DA_STRING_PACK_INLINE];
  GArray           *more;
} DaStringPack;

void         da_string_pack_init           (DaStringPack   *pack);
gsize        da_string_pack_reserve        (DaStringPack   *pack,
                                            gsize           size);
void         da_string_pack_add            (DaStringPack   *pack,
                                            const char    **dest,
                                            const char     *value);
void         da_string_pack_add_len        (DaStringPack   *pack,
                                            const char    **dest,
                                            const char     *value,
                                            gsize           length);
void         da_string_pack_add_at         (DaStringPack   *pack,
                                            gsize           offset,
                                            const char     *value);
/* Short strings are interned (shared by every instance, never freed); long ones packed. */
void         da_string_pack_add_interned   (DaStringPack   *pack,
                                            const char    **dest,
                                            const char     *value);
void         da_string_pack_add_interned_at (DaStringPack  *pack,
                                            gsize           offset,
                                            const char     *value);
/* Texts that repeat together across many instances but are too many to intern for ever (the
 * actor of an audit event: one of thousands of people, with an ID, an address and a service
 * user's name): a group of up to 3 texts, any of them NULL, shared and counted, freed with its
 * last user. One lookup for the group, under one lock. Thread-safe. All NULL gives NULL. */
typedef struct _DaSharedTexts DaSharedTexts;

const DaSharedTexts *da_shared_texts_ref   (const char * const  *values,
                                            guint                n);
void         da_shared_texts_unref         (const DaSharedTexts *texts);
/* The @i-th text, or NULL (also for a NULL group). */
const char  *da_shared_texts_get           (const DaSharedTexts *texts,
                                            guint                i);
/* For tests: how many groups are shared now. */
guint        _da_shared_texts_count        (void);

/* The groups of a page of items, looked up together: a lookup in a table of thousands of groups
 * mostly waits on memory, and together the next ones' are fetched meanwhile. Not thread-safe
 * (one decoding at a time); the lookups themselves are. */
typedef struct _DaSharedTextsBatch DaSharedTextsBatch;

DaSharedTextsBatch *da_shared_texts_batch_new   (void);
/* Frees what waits without looking it up: the destinations stay NULL. */
void         da_shared_texts_batch_free    (DaSharedTextsBatch   *batch);
/* What da_shared_texts_ref (@values, @n) gives is put in *@dest at the flush (NULL until then,
 * and for all NULL). The texts are copied; @dest must stay until the flush. */
void         da_shared_texts_batch_add     (DaSharedTextsBatch   *batch,
                                            const char * const   *values,
                                            guint                 n,
                                            const DaSharedTexts **dest);
void         da_shared_texts_batch_flush   (DaSharedTextsBatch   *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaSharedTextsBatch, da_shared_texts_batch_free)

/* (transfer full): the block to g_free(), NULL when nothing was added or reserved. */
gpointer     da_string_pack_finish         (DaStringPack   *pack);

G_END_DECLS

/* da-fuzz.h: what the libFuzzer targets share
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target is one LLVMFuzzerTestOneInput() in a file of its own, built with clang's
 * -fsanitize=fuzzer,address,undefined when meson is configured with -Dfuzzing=true. A target
 * crashes (and libFuzzer saves the input) on a memory error, undefined behaviour, a leak, a
 * GLib critical or warning, or a broken invariant checked with DA_FUZZ_CHECK().
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stdlib.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);

/* Server data and typed text must never make the code print a critical or a warning: both
 * abort here, so libFuzzer reports them like a crash. Debug messages are dropped. */
void        da_fuzz_init              (void);

/* Aborts with @what and the failed expression: an invariant of the code under test broke. */
#define DA_FUZZ_CHECK(expr) \
  G_STMT_START { \
    if (G_UNLIKELY (!(expr))) \
      da_fuzz_fail (__FILE__, __LINE__, #expr); \
  } G_STMT_END

G_NORETURN void da_fuzz_fail          (const char  *file,
                                       int          line,
                                       const char  *expression);

/* Reads every readable property of @object, as a view or an export would, and checks that
 * each string is valid UTF-8. */
void        da_fuzz_touch_object      (GObject     *object);

/* A copy of the input with a NUL after it, for functions that take C strings. (transfer full) */
char       *da_fuzz_dup_string        (const uint8_t *data,
                                       size_t         size);

/* The JSON tree of the input, read as the client reads answers, or NULL. (transfer full) */
JsonNode   *da_fuzz_read_json         (const uint8_t *data,
                                       size_t         size);

/* Calls @func on every JSON object a list answer would hand a decoder: the root when it is an
 * object, each object element of a root array, and each object of an array member of the
 * root (an envelope's "items", "members", …). */
void        da_fuzz_foreach_object    (JsonNode    *root,
                                       void       (*func) (JsonObject *object,
                                                           gpointer    user_data),
                                       gpointer     user_data);

G_END_DECLS

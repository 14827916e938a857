/* da-model-types.h: what all models share
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Timestamps are Unix seconds (UTC). A missing or null timestamp is DA_TIME_UNSET. */
#define DA_TIME_UNSET G_MININT64

/* A missing or null count or limit is DA_UNSET (-1). */
#define DA_UNSET ((gint64) -1)

#define DA_MODEL_ERROR (da_model_error_quark ())

/**
 * DaModelError:
 * @DA_MODEL_ERROR_MISSING_FIELD: a required field (an ID, say) is absent or null
 * @DA_MODEL_ERROR_WRONG_TYPE: a field, or the whole value, has the wrong JSON type
 * @DA_MODEL_ERROR_INVALID_VALUE: a field has the right type but a value that makes no sense
 *   (an unparsable timestamp, a negative count, invalid UTF-8)
 *
 * Errors of the `*_new_from_json()` decoders. The message names the object and the field,
 * e.g. `member: "email" is a number, expected a string`.
 */
typedef enum
{
  DA_MODEL_ERROR_MISSING_FIELD,
  DA_MODEL_ERROR_WRONG_TYPE,
  DA_MODEL_ERROR_INVALID_VALUE,
} DaModelError;

GQuark da_model_error_quark (void);

G_END_DECLS

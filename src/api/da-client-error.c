/* da-client-error.c: the one error domain of the API client
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-client-error.h"

typedef struct
{
  guint  status;
  char  *field;
  guint  retry_after;
} DaClientErrorPrivate;

static void
da_client_error_private_init (DaClientErrorPrivate *priv)
{
  priv->status = 0;
  priv->field = NULL;
  priv->retry_after = 0;
}

static void
da_client_error_private_copy (const DaClientErrorPrivate *src,
                              DaClientErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->field = g_strdup (src->field);
  dest->retry_after = src->retry_after;
}

static void
da_client_error_private_clear (DaClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (DaClientError, da_client_error)

static const DaClientErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != DA_CLIENT_ERROR)
    return NULL;

  return da_client_error_get_private (error);
}

guint
da_client_error_get_status (const GError *error)
{
  const DaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->status : 0;
}

const char *
da_client_error_get_field (const GError *error)
{
  const DaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->field : NULL;
}

guint
da_client_error_get_retry_after (const GError *error)
{
  const DaClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->retry_after : 0;
}

GError *
da_client_error_new_full (DaClientError  code,
                          guint          status,
                          const char    *field,
                          guint          retry_after,
                          const char    *message)
{
  GError *error;
  DaClientErrorPrivate *priv;

  g_return_val_if_fail (message != NULL, NULL);

  error = g_error_new_literal (DA_CLIENT_ERROR, code, message);
  priv = da_client_error_get_private (error);
  priv->status = status;
  priv->field = g_strdup (field);
  priv->retry_after = retry_after;

  return error;
}

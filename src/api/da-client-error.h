/* da-client-error.h: the one error domain of the API client
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DA_CLIENT_ERROR (da_client_error_quark ())

/**
 * DaClientError:
 * @DA_CLIENT_ERROR_UNAUTHORIZED: 401, the key is missing, wrong or revoked
 * @DA_CLIENT_ERROR_FORBIDDEN: 403, the key works but its owner may not do this
 *   (not an Enterprise Admin)
 * @DA_CLIENT_ERROR_NOT_FOUND: 404, the thing no longer exists
 * @DA_CLIENT_ERROR_INVALID_REQUEST: 400 or 422; the message is the server's `detail` made into one
 *   readable sentence, and da_client_error_get_field() names the field when the server did
 * @DA_CLIENT_ERROR_RATE_LIMITED: 429 after the retries ran out (or for a write that
 *   may not be retried further)
 * @DA_CLIENT_ERROR_SERVER: a 5xx status
 * @DA_CLIENT_ERROR_NETWORK: no answer: name resolution, connection refused, TLS, timeout, a
 *   dropped connection
 * @DA_CLIENT_ERROR_INVALID_RESPONSE: an answer that is not JSON of the expected shape (a proxy's
 *   HTML page, a truncated body, wrong-typed fields); the message says status, content type and host
 * @DA_CLIENT_ERROR_INSECURE: a base URL this client refuses: plain http:// to a host that is not
 *   loopback, or not a URL at all
 *
 * Every message is one a person can act on, and none contains the API key.
 * Cancellation is reported as %G_IO_ERROR_CANCELLED, never in this domain.
 */
typedef enum
{
  DA_CLIENT_ERROR_UNAUTHORIZED,
  DA_CLIENT_ERROR_FORBIDDEN,
  DA_CLIENT_ERROR_NOT_FOUND,
  DA_CLIENT_ERROR_INVALID_REQUEST,
  DA_CLIENT_ERROR_RATE_LIMITED,
  DA_CLIENT_ERROR_SERVER,
  DA_CLIENT_ERROR_NETWORK,
  DA_CLIENT_ERROR_INVALID_RESPONSE,
  DA_CLIENT_ERROR_INSECURE,
} DaClientError;

GQuark      da_client_error_quark           (void);

/* Extra facts carried by errors of this domain (G_DEFINE_EXTENDED_ERROR); all are safe to call
 * on any GError, and return 0/NULL for errors of other domains. */

/* The HTTP status, 0 when there was none (network errors). */
guint       da_client_error_get_status      (const GError *error);
/* For INVALID_REQUEST: the request field the server named (last element of a 422 "loc" that is
 * not "body"/"query"/"path"), or NULL. */
const char *da_client_error_get_field       (const GError *error);
/* For RATE_LIMITED: the server's Retry-After in seconds, or 0. */
guint       da_client_error_get_retry_after (const GError *error);

/* Creating errors (used by the client, the pager and tests). */
GError     *da_client_error_new_full        (DaClientError  code,
                                             guint          status,
                                             const char    *field,
                                             guint          retry_after,
                                             const char    *message);

G_END_DECLS

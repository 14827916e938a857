/* fuzz-error-body.c: the error-body parser and the mapping of failed answers on any body
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the body of an answer with an error status. It goes through the whole mapping
 * (_da_client_error_from_status) for each status the client tells apart, as JSON, as
 * problem+json, as HTML and with no content type, and through the error-body parser alone
 * (_da_api_parse_error_body) when it is JSON. Its first line is also read as a Retry-After
 * header and as a content type. Every message must be one readable line of valid UTF-8, the
 * error in DA_CLIENT_ERROR, and the field named by a 422 a plain name.
 */

#include "config.h"

#include <string.h>

#include "da-client-private.h"
#include "da-fuzz.h"

static const guint statuses[] = { 400, 401, 403, 404, 409, 422, 429, 499, 500, 502, 503, 599 };
static const char * const content_types[] = {
  "application/json", "application/problem+json", "text/html", NULL,
};

static GDateTime *now;

static void
check_text (const char *text)
{
  DA_FUZZ_CHECK (text != NULL);
  DA_FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
  /* Shown in one label: no line breaks or other control characters from the server. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    DA_FUZZ_CHECK (!g_unichar_iscntrl (g_utf8_get_char (p)));
}

static void
check_error (GError *error,
             guint   status)
{
  DA_FUZZ_CHECK (error != NULL);
  DA_FUZZ_CHECK (error->domain == DA_CLIENT_ERROR);
  check_text (error->message);
  if (status == 401)
    DA_FUZZ_CHECK (error->code == DA_CLIENT_ERROR_UNAUTHORIZED);
  else if (status == 403)
    DA_FUZZ_CHECK (error->code == DA_CLIENT_ERROR_FORBIDDEN);
  else if (status == 429)
    DA_FUZZ_CHECK (error->code == DA_CLIENT_ERROR_RATE_LIMITED);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  da_fuzz_init ();
  now = g_date_time_new_from_unix_utc (1767225600); /* 2026-01-01 */
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(JsonNode) root = da_fuzz_read_json (data, size);
  g_autofree char *text = da_fuzz_dup_string (data, size);
  g_autofree char *content_type = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint j = 0; j < G_N_ELEMENTS (content_types); j++)
      {
        g_autoptr(GError) error = NULL;

        error = _da_client_error_from_status (statuses[i], content_types[j], body,
                                              "api.example.com", statuses[i] == 429 ? 7 : 0);
        check_error (error, statuses[i]);
      }

  if (root != NULL)
    {
      g_autofree char *detail = NULL;
      g_autofree char *field = NULL;

      if (_da_api_parse_error_body (root, &detail, &field))
        {
          check_text (detail);
          DA_FUZZ_CHECK (*detail != '\0');
          if (field != NULL)
            check_text (field);
        }
      else
        DA_FUZZ_CHECK (detail == NULL && field == NULL);
    }

  /* The first line as a header value: Retry-After, and a Content-Type that a proxy made up.
   * libsoup hands header values over as valid UTF-8 (a stray byte becomes U+FFFD) without line
   * breaks, other control characters kept. */
  text[strcspn (text, "\r\n")] = '\0';
  {
    gint64 seconds = _da_parse_retry_after (text, now);

    DA_FUZZ_CHECK (seconds >= -1);
  }

  content_type = g_utf8_make_valid (text, -1);
  {
    g_autoptr(GError) error = NULL;

    error = _da_client_error_from_status (502, content_type, body, "api.example.com", 0);
    check_error (error, 502);
    /* However long the made-up type, the message stays readable. */
    DA_FUZZ_CHECK (g_utf8_strlen (error->message, -1) < 1000);
  }

  return 0;
}

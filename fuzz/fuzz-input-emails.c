/* fuzz-input-emails.c: the email list parser (da_input_parse_emails) on anything pasted
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever is pasted (typed lists, "Name <address>" forms, CSV files), every entry must be
 * displayable, an address must be one that da_input_email_is_valid() accepts and that parses
 * back to itself, and the same address must never be sent twice.
 */

#include "config.h"

#include <string.h>

#include "da-fuzz.h"
#include "da-input.h"

static void
check_entries (GPtrArray *entries)
{
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  DA_FUZZ_CHECK (entries != NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      DaEmailEntry *entry = g_ptr_array_index (entries, i);

      DA_FUZZ_CHECK (entry != NULL);
      DA_FUZZ_CHECK (entry->text != NULL && g_utf8_validate (entry->text, -1, NULL));
      DA_FUZZ_CHECK (entry->reason == NULL || g_utf8_validate (entry->reason, -1, NULL));

      switch (entry->status)
        {
        case DA_EMAIL_VALID:
          {
            g_autoptr(GPtrArray) again = NULL;
            DaEmailEntry *first;
            g_autofree char *folded = NULL;

            DA_FUZZ_CHECK (entry->address != NULL);
            DA_FUZZ_CHECK (entry->reason == NULL);
            DA_FUZZ_CHECK (da_input_email_is_valid (entry->address));

            /* An address to send is its own normal form. */
            again = da_input_parse_emails (entry->address, -1);
            DA_FUZZ_CHECK (again->len == 1);
            first = g_ptr_array_index (again, 0);
            DA_FUZZ_CHECK (first->status == DA_EMAIL_VALID);
            DA_FUZZ_CHECK (g_str_equal (first->address, entry->address));

            /* Never twice (case-insensitively) among the addresses to send. */
            folded = g_utf8_casefold (entry->address, -1);
            DA_FUZZ_CHECK (!g_hash_table_contains (sent, folded));
            g_hash_table_add (sent, g_steal_pointer (&folded));
          }
          break;

        case DA_EMAIL_MALFORMED:
          DA_FUZZ_CHECK (entry->address == NULL);
          DA_FUZZ_CHECK (entry->reason != NULL && *entry->reason != '\0');
          break;

        case DA_EMAIL_DUPLICATE:
          DA_FUZZ_CHECK (entry->reason != NULL);
          break;

        case DA_EMAIL_ALREADY_MEMBER:
        default:
          /* Only the caller sets ALREADY_MEMBER. */
          DA_FUZZ_CHECK (!"a known status");
        }
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
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = NULL;

  /* As pasted, with a length (NULs and invalid UTF-8 included)… */
  entries = da_input_parse_emails ((const char *) data, size);
  check_entries (entries);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* …and as a C string, as typed into an entry. */
  text = da_fuzz_dup_string (data, size);
  entries = da_input_parse_emails (text, -1);
  check_entries (entries);

  if (g_utf8_validate (text, -1, NULL))
    (void) da_input_email_is_valid (text);

  return 0;
}

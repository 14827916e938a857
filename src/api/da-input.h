/* da-input.h: checking what an administrator types before it is sent
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DA_EMAIL_VALID,
  DA_EMAIL_MALFORMED,
  DA_EMAIL_DUPLICATE,        /* the same address (case-insensitively) came earlier in the input */
  DA_EMAIL_ALREADY_MEMBER,   /* set by the caller, who knows the members */
} DaEmailStatus;

typedef struct
{
  char          *text;       /* what was typed, trimmed; for display */
  char          *address;    /* the address to send (lower-cased domain), or NULL when malformed */
  DaEmailStatus  status;
  char          *reason;     /* nullable: a readable sentence for a status other than VALID */
} DaEmailEntry;

/* Split text typed or pasted (commas, semicolons, spaces, tabs, new lines; "Name <addr>" forms;
 * a CSV file's text, taking every cell that looks like an address) into entries, each checked.
 * Never fails; an empty input gives an empty array. (transfer full): element free func set. */
GPtrArray  *da_input_parse_emails       (const char *text,
                                         gssize      length);
gboolean    da_input_email_is_valid     (const char *address);
void        da_email_entry_free         (DaEmailEntry *entry);

typedef enum
{
  DA_REPO_LINE_EMPTY,        /* blank or a comment: skipped */
  DA_REPO_LINE_REPOSITORY,   /* owner/repo (or group/subgroup/repo on GitLab) */
  DA_REPO_LINE_GROUP,        /* a group prefix: "acme/", "acme/" + "*", or "group:acme" */
  DA_REPO_LINE_INVALID,
} DaRepoLineKind;

typedef struct
{
  DaRepoLineKind  kind;
  char           *text;      /* the line, trimmed */
  char           *host;      /* nullable: the host when the line was a URL */
  GStrv           segments;  /* the path segments to send as repo_path or group_prefix */
  char           *reason;    /* nullable: for INVALID, why */
} DaRepoLine;

/* One line typed into the grant dialog: "owner/repo", "https://github.com/owner/repo(.git)",
 * "git@github.com:owner/repo.git", or a group prefix. (transfer full) */
DaRepoLine *da_input_parse_repo_line    (const char *line);
/* Every line of @text; blank lines are left out. (transfer full): element free func set. */
GPtrArray  *da_input_parse_repo_lines   (const char *text);
void        da_repo_line_free           (DaRepoLine *line);

/* A positive whole number of ACUs; FALSE with a reason for anything else. An empty string is
 * "no limit": TRUE with *limit = -1. */
gboolean    da_input_parse_acu_limit    (const char  *text,
                                         gint64      *limit,
                                         char       **reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaEmailEntry, da_email_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaRepoLine, da_repo_line_free)

G_END_DECLS

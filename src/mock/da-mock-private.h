/* da-mock-private.h: what the files of the local API server share
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server keeps everything in memory (MockState) behind one mutex. Requests are answered by
 * handlers that read the request (MockRequest) and write JSON straight into a GString with the
 * small writer below (MockJson), which is much faster than building json-glib trees.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "da-mock-server.h"

G_BEGIN_DECLS

/* ---- Random numbers and IDs ------------------------------------------------------------------ */

typedef struct
{
  guint64 state;
} MockRng;

void     mock_rng_init    (MockRng  *rng,
                           guint64   seed);
guint64  mock_rng_next    (MockRng  *rng);
/* [0, n); 0 when n == 0 */
guint32  mock_rng_range   (MockRng  *rng,
                           guint32   n);
/* [lo, hi] */
gint64   mock_rng_between (MockRng  *rng,
                           gint64    lo,
                           gint64    hi);
double   mock_rng_double  (MockRng  *rng);
gboolean mock_rng_chance  (MockRng  *rng,
                           double    p);

/* Bijections: distinct inputs give distinct outputs, so IDs built from counters never collide. */
guint64  mock_mix48       (guint64   x);
guint64  mock_mix64       (guint64   x);

/* ---- Entities ------------------------------------------------------------------------------- */

typedef struct _MockOrg    MockOrg;
typedef struct _MockMember MockMember;

typedef struct
{
  char       *role_id;
  char       *role_name;
  const char *role_type;     /* "account" or "org" */
} MockRole;

typedef struct
{
  MockOrg        *org;
  MockMember     *member;
  const MockRole *role;
} MockMembership;

/* The strings of a member never change: they live in state->strings. */
struct _MockMember
{
  const char     *user_id;
  const char     *email;
  const char     *name;
  const char     *saml_id;         /* nullable */
  const MockRole *role;            /* the enterprise role */
  gint64          created_at;
  gint64          last_login;      /* 0: never */
  gint            login_count;     /* < 0: null */
  guint           sessions_created;
  guint           searches_created;
  GPtrArray      *memberships;     /* MockMembership*, owned by the organizations */
  gboolean        deleted;
};

struct _MockOrg
{
  char       *org_id;
  char       *name;
  gint64      created_at;
  gint64      max_cycle_acu_limit;    /* < 0: null */
  gint64      max_session_acu_limit;  /* < 0: null */
  gboolean    is_primary;
  gboolean    deleted;
  GPtrArray  *memberships;            /* MockMembership*, owned */
  GPtrArray  *permissions;            /* MockGitPermission*, owned */
};

typedef struct
{
  MockOrg    *org;
  const char *role;                   /* "org_admin" or "org_member" */
} MockGroupLink;

typedef struct
{
  char   *name;
  GArray *links;                      /* MockGroupLink */
} MockGroup;

typedef struct
{
  char       *connection_id;
  char       *name;
  char       *host;
  const char *type;
  gint64      created_at;
} MockGitConnection;

typedef struct
{
  char              *permission_id;
  MockGitConnection *connection;
  char              *repo_path;       /* nullable: "owner/repo" */
  char              *group_prefix;    /* nullable */
  char              *prefix_path;     /* nullable */
} MockGitPermission;

typedef enum
{
  MOCK_KEY_OTHER,
  MOCK_KEY_ADMIN,                     /* the entry of the configured admin key */
  MOCK_KEY_MEMBER,                    /* the entry of the configured member key */
} MockKeyKind;

typedef struct
{
  char        *id;
  MockOrg     *org;
  MockMember  *member;                /* NULL for service keys */
  gint64       created_at;
  MockKeyKind  kind;
  gboolean     revoked;
} MockApiKey;

typedef struct
{
  guint       number;
  const char *repo;                   /* "acme/ledger-service" */
  const char *host;                   /* "github.com" or a GitLab host */
  const char *state;                  /* nullable */
} MockPullRequest;

#define MOCK_MAX_TAGS 3
#define MOCK_MAX_PRS  3

typedef struct
{
  char            *session_id;
  guint32          index;             /* seeds the generated analysis */
  MockOrg         *org;
  MockMember      *user;
  char            *title;
  const char      *status;
  const char      *tags[MOCK_MAX_TAGS];
  guint8           n_tags;
  guint8           n_prs;
  gboolean         has_analysis;
  MockPullRequest  prs[MOCK_MAX_PRS];
  gint64           acus_centi;        /* ACUs in hundredths, so sums agree exactly */
  gint64           created_at;
  gint64           updated_at;
} MockSession;

typedef struct
{
  gint64      created_at;
  MockMember *user;
  MockOrg    *org;
} MockSearch;

typedef struct
{
  char        id[24];                 /* "audit-" + 16 hex digits */
  gint64      created_at;
  guint64     seq;
  const char *action;                 /* static string */
  MockMember *user;                   /* nullable */
  MockOrg    *org;                    /* nullable */
  const char *data_json;              /* nullable: a small JSON object, in state->strings */
} MockAuditEvent;

typedef struct
{
  char       *playbook_id;
  char       *title;
  char       *body;
  char       *macro;                  /* nullable */
  const char *status;
  const char *access;
  gint64      created_at;
  gint64      updated_at;
  MockMember *created_by;
  MockMember *updated_by;
  gboolean    deleted;
} MockPlaybook;

typedef struct
{
  char       *snapshot_id;
  char       *name;
  char       *description;            /* nullable */
  const char *status;
  gint64      created_at;
  gboolean    is_default;
  MockOrg    *org;
} MockSnapshot;

/* ---- The state ------------------------------------------------------------------------------ */

typedef struct
{
  DaMockOptions  options;             /* owned copy */
  MockRng        rng;                 /* for what happens at run time */
  gint64         seed_now;            /* the clock when the data was seeded */
  gint64         enterprise_start;    /* start of the first billing cycle */
  gint           anchor_day;          /* day of the month on which cycles start, 08:00 UTC */
  char          *account_id;

  GPtrArray     *roles;               /* MockRole*, owned */
  GHashTable    *role_by_id;

  GPtrArray     *all_members;         /* MockMember*, owned; deleted ones stay for history */
  GPtrArray     *members;             /* the live ones, in list order */
  GHashTable    *member_by_id;
  GHashTable    *member_by_email;     /* casefolded email -> member */
  MockMember    *admin;               /* the owner of the admin key */
  MockMember    *member_key_owner;    /* nullable */
  guint          next_member;

  GPtrArray     *all_orgs;            /* MockOrg*, owned */
  GPtrArray     *orgs;                /* the live ones */
  GHashTable    *org_by_id;
  MockOrg       *primary;
  guint          next_org;

  GPtrArray     *groups;              /* MockGroup*, owned */
  GHashTable    *group_by_name;

  GPtrArray     *connections;         /* MockGitConnection*, owned */
  guint          next_permission;

  GPtrArray     *api_keys;            /* MockApiKey*, owned */
  guint          next_api_key;

  GPtrArray     *sessions;            /* MockSession*, owned, oldest first */
  GArray        *searches;            /* MockSearch, oldest first */

  GStringChunk  *strings;             /* strings that never change or go away */

  GPtrArray     *audit;               /* MockAuditEvent*, oldest first, in audit_slabs */
  GPtrArray     *audit_slabs;         /* arrays of MockAuditEvent */
  guint          audit_slab_used;
  GHashTable    *audit_by_id;
  guint64        audit_seq;

  GPtrArray     *playbooks;           /* MockPlaybook*, owned */
  GPtrArray     *snapshots;           /* MockSnapshot*, owned */
  guint          next_playbook;
  guint          next_snapshot;

  gboolean       admin_key_revoked;
  gboolean       member_key_revoked;
} MockState;

/* Seeds a new state (da-mock-seed.c). */
MockState      *mock_state_new              (const DaMockOptions *options);
/* An empty state (da-mock-data.c). */
MockState      *mock_state_alloc            (void);
void            mock_state_free             (MockState           *state);
gint64          mock_state_now              (MockState           *state);

/* Billing cycles: monthly, starting at 08:00 UTC on the anchor day. */
gint64          mock_state_cycle_start      (MockState           *state,
                                             gint64               when);
gint64          mock_state_next_cycle       (MockState           *state,
                                             gint64               cycle_start);
gint64          mock_state_previous_cycle   (MockState           *state,
                                             gint64               cycle_start);
/* The billing day of @when, as days since the epoch (billing days run 08:00 to 08:00 UTC). */
gint64          mock_billing_day            (gint64               when);

const MockRole *mock_state_find_role        (MockState           *state,
                                             const char          *role_id);
MockMember     *mock_state_find_member      (MockState           *state,
                                             const char          *user_id);
MockMember     *mock_state_find_member_by_email (MockState       *state,
                                                 const char      *email);
MockOrg        *mock_state_find_org         (MockState           *state,
                                             const char          *org_id);
MockOrg        *mock_state_find_org_by_name (MockState           *state,
                                             const char          *name);
MockMembership *mock_org_find_membership    (MockOrg             *org,
                                             MockMember          *member);
MockGroup      *mock_state_find_group       (MockState           *state,
                                             const char          *name);
MockAuditEvent *mock_state_find_audit       (MockState           *state,
                                             const char          *audit_log_id);
void            mock_org_counts             (MockOrg             *org,
                                             guint               *admins,
                                             guint               *members,
                                             guint               *users);

/* Building blocks of the seed */
MockRole       *mock_state_add_role         (MockState           *state,
                                             const char          *role_id,
                                             const char          *role_name,
                                             const char          *role_type);
MockMember     *mock_state_new_member       (MockState           *state,
                                             const char          *email,
                                             const char          *name,
                                             const MockRole      *role,
                                             gint64               created_at);
MockOrg        *mock_state_new_org          (MockState           *state,
                                             const char          *name,
                                             gint64               created_at);
MockGitConnection *mock_state_add_connection (MockState          *state,
                                              const char         *name,
                                              const char         *host,
                                              const char         *type,
                                              gint64              created_at);
/* Appends an audit event; @data_json is copied. Events must come in time order. */
MockAuditEvent *mock_state_append_audit     (MockState           *state,
                                             gint64               created_at,
                                             const char          *action,
                                             MockMember          *user,
                                             MockOrg             *org,
                                             const char          *data_json);

/* Mutations (the caller holds the lock). */
MockMember     *mock_state_add_member       (MockState           *state,
                                             const char          *email,
                                             const MockRole      *role);
void            mock_state_remove_member    (MockState           *state,
                                             MockMember          *member);
MockOrg        *mock_state_add_org          (MockState           *state,
                                             const char          *name,
                                             gint64               max_cycle_acu_limit);
void            mock_state_remove_org       (MockState           *state,
                                             MockOrg             *org);
MockMembership *mock_state_set_membership   (MockState           *state,
                                             MockOrg             *org,
                                             MockMember          *member,
                                             const MockRole      *role);
void            mock_state_remove_membership (MockState          *state,
                                              MockMembership     *membership);
MockGroup      *mock_state_add_group        (MockState           *state,
                                             const char          *name);
MockGitPermission *mock_state_add_permission (MockState          *state,
                                              MockOrg            *org,
                                              MockGitConnection  *connection,
                                              const char         *repo_path,
                                              const char         *group_prefix,
                                              const char         *prefix_path);
MockApiKey     *mock_state_add_api_key      (MockState           *state,
                                             MockOrg             *org,
                                             MockMember          *member);
MockPlaybook   *mock_state_add_playbook     (MockState           *state,
                                             const char          *title,
                                             const char          *body,
                                             const char          *macro,
                                             MockMember          *author);
MockSnapshot   *mock_state_add_snapshot     (MockState           *state,
                                             MockOrg             *org,
                                             const char          *name,
                                             const char          *description,
                                             const char          *status);

/* Appends an audit event at the current time. @data_json is a small JSON object or NULL;
 * (transfer full) */
MockAuditEvent *mock_state_audit            (MockState           *state,
                                             const char          *action,
                                             MockMember          *user,
                                             MockOrg             *org,
                                             char                *data_json);
/* Adds @n events by other people (the control API). */
void            mock_state_add_random_audit (MockState           *state,
                                             guint                n);

/* Text of a session that is generated, not stored. (transfer full) */
char           *mock_session_dup_initial_message (MockState      *state,
                                                  MockSession    *session);
/* Writes the session_analysis object (or null). */
typedef struct _MockJson MockJson;
void            mock_session_write_analysis (MockState           *state,
                                             MockSession         *session,
                                             MockJson            *json);

/* Seed data tables (da-mock-names.c). */
typedef struct
{
  const char *display;
  const char *ascii;
} MockName;

extern const MockName    mock_first_names[];
extern const guint       mock_n_first_names;
extern const MockName    mock_last_names[];
extern const guint       mock_n_last_names;
extern const char *const mock_org_names[];
extern const guint       mock_n_org_names;
extern const char *const mock_repos[];
extern const guint       mock_n_repos;
extern const char *const mock_gitlab_groups[];
extern const guint       mock_n_gitlab_groups;
extern const char *const mock_group_names[];
extern const guint       mock_n_group_names;
extern const char *const mock_session_tags[];
extern const guint       mock_n_session_tags;
extern const char *const mock_components[];
extern const guint       mock_n_components;
extern const char *const mock_title_templates[];
extern const guint       mock_n_title_templates;
extern const char *const mock_prompt_templates[];
extern const guint       mock_n_prompt_templates;
extern const char *const mock_issue_texts[];
extern const guint       mock_n_issue_texts;
extern const char *const mock_action_texts[];
extern const guint       mock_n_action_texts;
extern const char *const mock_timeline_texts[];
extern const guint       mock_n_timeline_texts;

/* ---- JSON writing --------------------------------------------------------------------------- */

#define MOCK_JSON_MAX_DEPTH 32

struct _MockJson
{
  GString  *out;
  guint     depth;
  gboolean  after_key;
  gboolean  first[MOCK_JSON_MAX_DEPTH];
};

void mock_json_init         (MockJson    *json,
                             GString     *out);
void mock_json_begin_object (MockJson    *json);
void mock_json_end_object   (MockJson    *json);
void mock_json_begin_array  (MockJson    *json);
void mock_json_end_array    (MockJson    *json);
void mock_json_key          (MockJson    *json,
                             const char  *key);
/* NULL writes null */
void mock_json_string       (MockJson    *json,
                             const char  *value);
void mock_json_int          (MockJson    *json,
                             gint64       value);
void mock_json_bool         (MockJson    *json,
                             gboolean     value);
void mock_json_null         (MockJson    *json);
/* hundredths of an ACU, written as a number with two decimals */
void mock_json_acus         (MockJson    *json,
                             gint64       centi);
/* ISO 8601 with Z; 0 writes null */
void mock_json_time         (MockJson    *json,
                             gint64       unix_time);
/* Already valid JSON (NULL writes null) */
void mock_json_raw          (MockJson    *json,
                             const char  *json_text);
/* Appends a JSON string literal with correct escaping. */
void mock_json_append_escaped (GString   *out,
                               const char *value);
/* key + value shorthands */
void mock_json_member_string (MockJson   *json,
                              const char *key,
                              const char *value);
void mock_json_member_int    (MockJson   *json,
                              const char *key,
                              gint64      value);

void mock_civil_from_days   (gint64       days,
                             gint        *year,
                             guint       *month,
                             guint       *day);
gint64 mock_days_from_civil (gint         year,
                             guint        month,
                             guint        day);
void mock_format_time       (gint64       unix_time,
                             char         buf[32]);
/* "YYYY-MM-DD" of a day counted from the epoch */
void mock_format_day        (gint64       day,
                             char         buf[16]);
/* ISO 8601 date-time (Z or offset; naive = UTC), a bare date (UTC midnight) or Unix seconds. */
gboolean mock_parse_time    (const char  *text,
                             gint64      *out);

/* ---- Requests ------------------------------------------------------------------------------- */

typedef struct
{
  char *key;
  char *value;
} MockQueryParam;

typedef struct _MockRequest MockRequest;

struct _MockRequest
{
  MockState   *state;
  const char  *method;
  char       **segments;               /* decoded path segments after the API prefix */
  guint        n_segments;
  GPtrArray   *query;                  /* MockQueryParam* */
  const char  *body;                   /* nullable, not NUL-terminated */
  gsize        body_len;
  gboolean     compat;                 /* --compat examples */

  /* the answer */
  guint        status;
  const char  *content_type;
  GString     *out;
  char        *retry_after;            /* nullable */

  /* FastAPI validation errors collected so far */
  GString     *errors;
  guint        n_errors;
  JsonParser  *parser;                 /* keeps the parsed body alive */
};

void         mock_request_init          (MockRequest *req);
void         mock_request_clear         (MockRequest *req);
void         mock_request_parse_query   (MockRequest *req,
                                         const char  *query);

const char  *mock_query_get             (MockRequest *req,
                                         const char  *key);
/* (transfer container) the values of a repeated key; NULL when absent */
GPtrArray   *mock_query_get_all         (MockRequest *req,
                                         const char  *key);
/* Reads an integer query parameter, adding a 422 error when it is not one or out of range. */
gint64       mock_query_int             (MockRequest *req,
                                         const char  *key,
                                         gint64       default_value,
                                         gint64       min,
                                         gint64       max);
/* Reads a date-time query parameter; returns FALSE (and adds an error when malformed) when
 * absent or malformed. */
gboolean     mock_query_time            (MockRequest *req,
                                         const char  *key,
                                         gint64      *out);

/* Adds one FastAPI validation error. @loc: the location parts, NULL-terminated; a part made of
 * digits only is written as a number. */
void         mock_request_invalid       (MockRequest *req,
                                         const char  *type,
                                         const char  *msg,
                                         const char  *loc,
                                         ...) G_GNUC_NULL_TERMINATED;
gboolean     mock_request_has_errors    (MockRequest *req);
/* Answers 422 with the collected errors. */
void         mock_reply_validation      (MockRequest *req);

/* The body as JSON; NULL (and a 422 error) when it is missing or not JSON. */
JsonNode    *mock_request_body          (MockRequest *req);
/* The body as an object; NULL (and a 422 error) otherwise. */
JsonObject  *mock_request_body_object   (MockRequest *req);

/* Body fields, checked like Pydantic does; each adds a 422 error when the type is wrong or a
 * required field is missing. */
const char  *mock_body_string           (MockRequest *req,
                                         JsonObject  *obj,
                                         const char  *name,
                                         gboolean     required,
                                         gboolean    *present);
/* (transfer container) */
GPtrArray   *mock_body_string_list      (MockRequest *req,
                                         JsonObject  *obj,
                                         const char  *name,
                                         gboolean     required);
/* present: the member exists; is_null: it is null */
gint64       mock_body_int              (MockRequest *req,
                                         JsonObject  *obj,
                                         const char  *name,
                                         gboolean     required,
                                         gint64       min,
                                         gboolean    *present,
                                         gboolean    *is_null);
gboolean     mock_body_bool             (MockRequest *req,
                                         JsonObject  *obj,
                                         const char  *name,
                                         gboolean     default_value);

/* Answers; the body is JSON unless said otherwise. */
MockJson    *mock_reply_begin           (MockRequest *req,
                                         guint        status,
                                         MockJson    *json);
void         mock_reply_detail          (MockRequest *req,
                                         guint        status,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (3, 4);
void         mock_reply_success         (MockRequest *req);

/* Paging: reads skip/limit (limit 1…200, default 100) and writes the envelope. */
typedef struct
{
  gint64  skip;
  gint64  limit;
} MockPage;

gboolean     mock_request_page          (MockRequest *req,
                                         MockPage    *page);
/* Begins {"items": [ … ; the caller writes the items, then calls mock_envelope_end. */
void         mock_envelope_begin        (MockJson    *json);
void         mock_envelope_end          (MockJson    *json,
                                         const MockPage *page,
                                         gint64       total,
                                         gint64       n_items);

/* Time range of the consumption and metrics endpoints (defaults: cycle start → now). */
gboolean     mock_request_range         (MockRequest *req,
                                         gint64      *start,
                                         gint64      *end);

/* ---- Routing -------------------------------------------------------------------------------- */

typedef void (*MockHandler) (MockRequest *req);

typedef struct
{
  const char  *method;
  const char  *pattern;                /* "/organizations/{}/members": {} is one segment */
  MockHandler  handler;
  gboolean     compat_only;
} MockRoute;

extern const MockRoute mock_member_routes[];
extern const MockRoute mock_org_routes[];
extern const MockRoute mock_activity_routes[];

/* Writers shared between handler files */
void mock_write_member            (MockJson       *json,
                                   MockMember     *member,
                                   gboolean        compat);
void mock_write_user_org          (MockJson       *json,
                                   MockMembership *membership);
void mock_write_org               (MockJson       *json,
                                   MockOrg        *org,
                                   gboolean        compat);

/* Small helpers for handlers */
gboolean     mock_email_is_valid   (const char  *email);
/* A compact JSON object from key/value string pairs, NULL-terminated. (transfer full) */
char        *mock_data_json        (const char  *key,
                                    ...) G_GNUC_NULL_TERMINATED;
void         mock_data_json_into   (GString     *out,
                                    const char  *key,
                                    ...) G_GNUC_NULL_TERMINATED;

/* ---- Faults (da-mock-faults.c) --------------------------------------------------------------- */

typedef enum
{
  MOCK_FAULT_STATUS,
  MOCK_FAULT_STALL,
  MOCK_FAULT_TRUNCATE,
  MOCK_FAULT_HTML,
  MOCK_FAULT_MALFORMED,
  MOCK_FAULT_WRONG_TYPES,
  MOCK_FAULT_LATENCY,
  MOCK_FAULT_REFUSE,
} MockFaultKind;

typedef struct
{
  guint          id;
  char          *spec;
  char          *method;               /* nullable: any */
  char          *path_glob;
  GPatternSpec  *pattern;
  MockFaultKind  kind;
  guint          status;
  gint           times;                /* < 0: unlimited */
  guint          every;                /* 1: every matching request */
  gint           retry_after;          /* < 0: no header */
  guint          delay_ms;
  guint64        seen;
} MockFault;

/* What a request is to suffer (a copy, taken under the lock). */
typedef struct
{
  gboolean       active;
  MockFaultKind  kind;
  guint          status;
  gint           retry_after;
  guint          delay_ms;
} MockFaultAction;

MockFault   *mock_fault_parse        (const char  *spec,
                                      GError     **error);
void         mock_fault_free         (MockFault   *fault);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MockFault, mock_fault_free)
gboolean     mock_glob_match         (const char  *glob,
                                      const char  *text);
/* Picks the first fault that applies to this request and counts it. */
gboolean     mock_faults_pick        (GPtrArray       *faults,
                                      const char      *method,
                                      const char      *path,
                                      MockFaultAction *action);
/* Turns a JSON answer into one with fields of the wrong types. (transfer full) */
GString     *mock_fault_wrong_types  (const char  *body,
                                      gsize        len);

G_END_DECLS

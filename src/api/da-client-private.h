/* da-client-private.h: what the parts of the API client share, and nobody else sees
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "da-client.h"
#include "da-json-scan.h"

G_BEGIN_DECLS

/* ---- The version seam ------------------------------------------------------------------ */

/* Every endpoint the client calls. The flavor of the API decides its method, path and, for lists,
 * its paging style. */
typedef enum
{
  DA_EP_MEMBERS,
  DA_EP_MEMBER,
  DA_EP_MEMBERS_INVITE,
  DA_EP_MEMBERS_ROLES,
  DA_EP_MEMBER_ORGANIZATIONS,
  DA_EP_ROLES,
  DA_EP_ORGANIZATIONS,
  DA_EP_ORGANIZATION,
  DA_EP_ORGANIZATION_MEMBERS,
  DA_EP_ORGANIZATION_MEMBER,
  DA_EP_ORGANIZATION_MEMBERS_ROLES,
  DA_EP_GROUPS,
  DA_EP_ORGANIZATION_GROUPS,
  DA_EP_ORGANIZATION_GROUP,
  DA_EP_GIT_CONNECTIONS,
  DA_EP_GIT_PERMISSIONS,
  DA_EP_GIT_PERMISSION,
  DA_EP_API_KEYS,
  DA_EP_API_KEY,
  DA_EP_AUDIT_LOGS,
  DA_EP_CONSUMPTION_CYCLES,
  DA_EP_CONSUMPTION_DAILY,
  DA_EP_CONSUMPTION_DAILY_USER,
  DA_EP_METRICS_USAGE,
  DA_EP_METRICS_PRS,
  DA_EP_METRICS_SESSIONS,
  DA_EP_METRICS_SEARCHES,
  DA_EP_SESSIONS,
  DA_EP_SESSIONS_INSIGHTS,
  DA_EP_LAST
} DaEndpoint;

/* Query parameters whose names depend on the version. */
typedef enum
{
  DA_PARAM_SKIP,
  DA_PARAM_LIMIT,
  DA_PARAM_PAGE,
  DA_PARAM_PER_PAGE,
  DA_PARAM_BEFORE,
  DA_PARAM_AFTER,
  DA_PARAM_EMAIL,
  DA_PARAM_ORG_ID,
  DA_PARAM_ORG_IDS,
  DA_PARAM_USER_IDS,
  DA_PARAM_SESSION_IDS,
  DA_PARAM_START,
  DA_PARAM_END,
  DA_PARAM_CREATED_FROM,
  DA_PARAM_CREATED_TO,
  DA_PARAM_UPDATED_FROM,
  DA_PARAM_UPDATED_TO,
  DA_PARAM_LAST
} DaParam;

typedef struct
{
  const char   *path;      /* "{}" stands for each argument, in order */
  DaPagerStyle  paging;    /* for lists */
} DaEndpointInfo;

/* One page of a list, as read from an envelope (or a bare array). */
typedef struct
{
  GPtrArray *items;        /* the decoded models */
  gint64     total;        /* -1 when the server did not say */
  int        has_more;     /* -1 when the server did not say, else 0 or 1 */
  guint      limit_echo;   /* the server's echo of the page size, 0 when absent */
  guint      fingerprint;  /* a hash of the first item, to notice a server that ignores paging */
  char      *first_id;     /* cursor lists: the newest and oldest IDs of the page */
  char      *last_id;
  guint      requested_size; /* set by the pager: the page size it asked for */
} DaPage;

void     da_page_free (DaPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaPage, da_page_free)

typedef gpointer (*DaDecodeFunc) (JsonObject  *object,
                                  GError     **error);
typedef const char *(*DaIdFunc)  (gpointer     item);

typedef struct _DaApiFlavor DaApiFlavor;

/* Everything that differs between versions of the API. A later version is one more table. */
struct _DaApiFlavor
{
  const char            *name;
  /* the path of the base URL when none is given */
  const char            *default_prefix;
  const DaEndpointInfo  *endpoints;                 /* DA_EP_LAST entries */
  const char * const    *params;                    /* DA_PARAM_LAST entries */
  guint                  max_page_size;             /* skip/limit lists */
  guint                  max_per_page;              /* page/per_page lists */
  /* Cursor lists: the largest page asked for (see da-pager.c for a server whose maximum is
   * lower) and the page size a server uses by default, which it serves at the least. */
  guint                  max_cursor_page_size;
  guint                  default_page_size;

  /* "Bearer <key>" */
  char      *(*auth_header)        (const char          *api_key);
  /* a Unix time as the version writes it in queries */
  char      *(*format_time)        (gint64               unix_time);
  /* reads one page out of a response root; thread-safe */
  DaPage    *(*parse_page)         (const DaApiFlavor   *flavor,
                                    JsonNode            *root,
                                    DaPagerStyle         style,
                                    DaDecodeFunc         decode,
                                    DaIdFunc             get_id,
                                    GError             **error);
  /* the fast path of parse_page: reads one page straight from the body with the item type's
   * decoder of the text (da-json-scan.h); NULL when it cannot, and parse_page then reads the
   * page, or says what is wrong with it. Thread-safe. */
  DaPage    *(*scan_page)          (const DaApiFlavor   *flavor,
                                    const char          *text,
                                    gsize                length,
                                    DaScanFunc           scan,
                                    DaIdFunc             get_id);
  /* reads a bare list (roles, cycles), accepting the older wrapped shape too */
  JsonArray *(*get_bare_list)      (JsonNode            *root,
                                    const char          *older_key);
  /* reads an error body into one sentence and the field it names; FALSE if it has none */
  gboolean   (*parse_error_body)   (JsonNode            *root,
                                    char               **detail,
                                    char               **field);

  /* request bodies */
  GBytes    *(*invite_body)        (const char * const  *emails);
  GBytes    *(*roles_body)         (const char * const  *user_ids,
                                    const char          *role_id);
  GBytes    *(*create_org_body)    (const char          *name,
                                    gint64               acu_limit);
  GBytes    *(*update_org_body)    (const char          *name,
                                    gboolean             change_limit,
                                    gint64               acu_limit);
  GBytes    *(*add_org_members_body) (const char        *org_id,
                                    const char * const  *user_ids,
                                    const char          *org_role);
  GBytes    *(*link_group_body)    (const char          *group_name,
                                    const char          *role);
  GBytes    *(*grant_body)         (GPtrArray           *grants);
};

extern const DaApiFlavor da_api_v2;

/* Builds the path of @endpoint, escaping each argument (NULL-terminated). */
char       *_da_api_flavor_build_path (const DaApiFlavor *flavor,
                                       DaEndpoint         endpoint,
                                       ...) G_GNUC_NULL_TERMINATED;
/* The whole error body parser: FastAPI `detail` (a string, or a list of {loc, msg, type}) and
 * RFC 9457 problem details (`title`, `detail`, `errors`). Used by every flavor. */
gboolean    _da_api_parse_error_body  (JsonNode           *root,
                                       char              **detail,
                                       char              **field);

/* Reads one JSON value from @data (not NUL-terminated); strict and bounded in depth.
 * Thread-safe. Errors are in JSON_PARSER_ERROR. */
JsonNode   *_da_json_read             (const char        *data,
                                       gsize              length,
                                       GError           **error);

/* ---- Requests ---------------------------------------------------------------------------- */

/* A query: name/value pairs, in order, names possibly repeated. */
typedef GPtrArray DaQuery;

DaQuery    *_da_query_new             (void);
void        _da_query_add             (DaQuery           *query,
                                       const char        *name,
                                       const char        *value);
void        _da_query_add_strv        (DaQuery           *query,
                                       const char        *name,
                                       const char * const *values);
DaQuery    *_da_query_copy            (DaQuery           *query);

/* A successful answer (2xx). */
typedef struct
{
  guint   status;
  char   *content_type;  /* nullable */
  GBytes *body;
  char   *path;          /* the endpoint, without query, for messages */
  char   *host;
  gint64  cached_at;     /* Unix µs when served from the response cache, else 0 */
  gboolean change;       /* the answer to a change (not GET/HEAD): made even if unreadable */
} DaResponse;

void        da_response_free          (DaResponse        *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DaResponse, da_response_free)

struct _DaClient
{
  GObject             parent_instance;

  SoupSession        *session;
  const DaApiFlavor  *flavor;
  char               *base_url;      /* without a trailing slash */
  char               *host;
  char               *api_key;       /* nullable; never logged */

  guint               max_retries;
  guint               base_delay_ms;
  guint               max_delay_ms;

  DaResponseCache    *cache;         /* nullable */
  gboolean            offline;
  gint64              offline_data_time;
};

/* Emitted by the transport (da-client.c owns the signals). */
void        _da_client_emit_retry_scheduled (DaClient     *self,
                                             guint         delay_ms,
                                             const GError *reason);
void        _da_client_emit_unauthorized    (DaClient     *self,
                                             const GError *error);
/* A request succeeded: the client is online again. */
void        _da_client_note_online          (DaClient     *self);
/* A read was answered from the cache stored at @stored_at (Unix µs). */
void        _da_client_note_offline         (DaClient     *self,
                                             gint64        stored_at);

/* Sends one request with the retries its method allows, and maps every failure into
 * DA_CLIENT_ERROR (or G_IO_ERROR_CANCELLED). @query and @body may be NULL. */
void        _da_client_send_async     (DaClient          *self,
                                       const char        *method,
                                       const char        *path,
                                       DaQuery           *query,
                                       GBytes            *body,
                                       GCancellable      *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer           user_data);
DaResponse *_da_client_send_finish    (DaClient          *self,
                                       GAsyncResult      *result,
                                       GError           **error);

/* Parses a response body as JSON; an unreadable one becomes DA_CLIENT_ERROR_INVALID_RESPONSE
 * naming the status, content type and host. Thread-safe. */
JsonNode   *_da_response_parse_json   (DaResponse        *response,
                                       GError           **error);
/* Wraps a decoding error (DA_MODEL_ERROR) into DA_CLIENT_ERROR_INVALID_RESPONSE with the
 * endpoint and host. Thread-safe. */
GError     *_da_response_wrap_error   (DaResponse        *response,
                                       const GError      *error);

/* Maps a failed exchange into DA_CLIENT_ERROR; exported for the tests of the mapping. */
GError     *_da_client_error_from_status (guint           status,
                                          const char     *content_type,
                                          GBytes         *body,
                                          const char     *host,
                                          guint           retry_after);
GError     *_da_client_error_from_io     (const GError   *error,
                                          guint           status,
                                          const char     *content_type,
                                          const char     *host);
/* Retry-After as delta-seconds or an HTTP date, in seconds from @now; -1 when unreadable. */
gint64      _da_parse_retry_after        (const char     *value,
                                          GDateTime      *now);
/* "Authorization: Bearer apk_…redacted" for a header line, else NULL. */
char       *_da_redact_header_line       (const char     *line);
/* The keys of the clients alive, blanked out of debug lines and error messages: a server may
 * echo the key in a body. Counted, so that two clients with one key may each add and remove
 * it. Thread-safe. */
void        _da_secret_add               (const char     *secret);
void        _da_secret_remove            (const char     *secret);
/* @text with each key added above replaced by "apk_…redacted", or NULL when it holds none.
 * (transfer full) */
char       *_da_redact_secrets           (const char     *text);

/* 127.0.0.0/8, ::1 and localhost */
gboolean    _da_is_loopback_host         (const char     *host);

/* ---- Pagers ------------------------------------------------------------------------------ */

DaPager    *_da_pager_new             (DaClient          *client,
                                       DaPagerStyle       style,
                                       GType              item_type,
                                       DaDecodeFunc       decode,
                                       DaIdFunc           get_id,
                                       const char        *path,
                                       DaQuery           *base_query);
/* For tests: how many pages were decoded as their answer came, on the main thread when it was
 * idle, and in the worker thread (see on_page_sent_cb()). */
void        _da_pager_get_decode_counts (DaPager         *self,
                                         guint           *at_once,
                                         guint           *when_idle,
                                         guint           *in_thread);
/* Cursor lists: the bounds, DA_TIME_UNSET for open ends. */
void        _da_pager_set_time_range  (DaPager           *self,
                                       gint64             since,
                                       gint64             until);

G_END_DECLS

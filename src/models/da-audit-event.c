/* da-audit-event.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-audit-event.h"
#include "da-json-private.h"
#include "da-json-scan.h"

#define WHAT N_("audit event")

/* 100,000 of these are held at once: the instance stays small (64 bytes), the strings the event
 * owns are in one block, and "data" is kept as compact JSON text, parsed only when asked for.
 * The action and the organization come from small sets: they are interned. The actor (ID,
 * address, service user) repeats from event to event too, but is one of thousands of people:
 * one group of texts, shared and counted, freed with the last event. */
struct _DaAuditEvent
{
  GObject     parent_instance;

  /* One block, owned: "<audit_log_id>\0<data as compact JSON, or nothing>\0", then the action
   * and organization when too long to intern. audit_log_id is never empty, and compact JSON
   * text never is, so the block needs no other pointers. */
  char       *audit_log_id;
  /* The actor: user ID, e-mail and service user name, shared (da_shared_texts_ref) */
  const DaSharedTexts *actor;
  /* Interned when short */
  const char *action;
  const char *org_id;

  gint64      created_at;
};

G_DEFINE_FINAL_TYPE (DaAuditEvent, da_audit_event, G_TYPE_OBJECT)

/* The texts of the actor, in its shared group. */
enum {
  ACTOR_USER_ID,
  ACTOR_USER_EMAIL,
  ACTOR_SERVICE_USER_NAME,
  N_ACTOR_TEXTS
};

enum {
  PROP_0,
  PROP_AUDIT_LOG_ID,
  PROP_ACTION,
  PROP_CREATED_AT,
  PROP_USER_ID,
  PROP_USER_EMAIL,
  PROP_ORG_ID,
  PROP_SERVICE_USER_NAME,
  PROP_DATA_JSON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_audit_event_finalize (GObject *object)
{
  DaAuditEvent *self = (DaAuditEvent *)object;

  g_free (self->audit_log_id);
  da_shared_texts_unref (self->actor);

  G_OBJECT_CLASS (da_audit_event_parent_class)->finalize (object);
}

static void
da_audit_event_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DaAuditEvent *self = DA_AUDIT_EVENT (object);

  switch (prop_id)
    {
    case PROP_AUDIT_LOG_ID:
      g_value_set_string (value, self->audit_log_id);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, da_shared_texts_get (self->actor, ACTOR_USER_ID));
      break;
    case PROP_USER_EMAIL:
      g_value_set_string (value, da_shared_texts_get (self->actor, ACTOR_USER_EMAIL));
      break;
    case PROP_ORG_ID:
      g_value_set_string (value, self->org_id);
      break;
    case PROP_SERVICE_USER_NAME:
      g_value_set_string (value, da_shared_texts_get (self->actor, ACTOR_SERVICE_USER_NAME));
      break;
    case PROP_DATA_JSON:
      g_value_set_string (value, da_audit_event_get_data_json (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_audit_event_class_init (DaAuditEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_audit_event_finalize;
  object_class->get_property = da_audit_event_get_property;

  properties [PROP_AUDIT_LOG_ID] = g_param_spec_string ("audit-log-id", NULL, NULL, NULL, flags);
  properties [PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties [PROP_USER_EMAIL] = g_param_spec_string ("user-email", NULL, NULL, NULL, flags);
  properties [PROP_ORG_ID] = g_param_spec_string ("org-id", NULL, NULL, NULL, flags);
  properties [PROP_SERVICE_USER_NAME] =
    g_param_spec_string ("service-user-name", NULL, NULL, NULL, flags);
  properties [PROP_DATA_JSON] = g_param_spec_string ("data-json", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_audit_event_init (DaAuditEvent *self)
{
  self->created_at = DA_TIME_UNSET;
}

/* What both decoders read; strings borrowed. @data_json is compact JSON text, not
 * NUL-terminated. */
typedef struct
{
  const char *audit_log_id;
  const char *action;
  const char *user_id;
  const char *user_email;
  const char *org_id;
  const char *service_user_name;
  const char *data_json;
  gsize       data_json_length;
  gint64      created_at;
} Fields;

/* @batch: NULL, or where the actor waits to be looked up with the rest of the page */
static DaAuditEvent *
audit_event_new (const Fields       *fields,
                 DaSharedTextsBatch *batch)
{
  DaAuditEvent *self = g_object_new (DA_TYPE_AUDIT_EVENT, NULL);
  DaStringPack pack;
  const char *audit_log_id, *data_json;

  g_assert (fields->audit_log_id != NULL && fields->audit_log_id[0] != '\0');

  /* In this order: the block starts with the ID, the data follows it. */
  da_string_pack_init (&pack);
  da_string_pack_add (&pack, &audit_log_id, fields->audit_log_id);
  if (fields->data_json != NULL)
    da_string_pack_add_len (&pack, &data_json, fields->data_json, fields->data_json_length);
  else
    da_string_pack_add_len (&pack, &data_json, "", 0);
  da_string_pack_add_interned (&pack, &self->action, fields->action);
  da_string_pack_add_interned (&pack, &self->org_id, fields->org_id);
  self->audit_log_id = da_string_pack_finish (&pack);
  g_assert (audit_log_id == self->audit_log_id);

  {
    const char *actor[N_ACTOR_TEXTS] = {
      [ACTOR_USER_ID] = fields->user_id,
      [ACTOR_USER_EMAIL] = fields->user_email,
      [ACTOR_SERVICE_USER_NAME] = fields->service_user_name,
    };

    if (batch != NULL)
      da_shared_texts_batch_add (batch, actor, N_ACTOR_TEXTS, &self->actor);
    else
      self->actor = da_shared_texts_ref (actor, N_ACTOR_TEXTS);
  }

  self->created_at = fields->created_at;

  return self;
}

/**
 * da_audit_event_new_from_json:
 * @object: (nullable): an audit log entry, documented ("audit_logs") or older ("logs")
 *
 * Returns: (transfer full): the event, or %NULL with a %DA_MODEL_ERROR
 */
DaAuditEvent *
da_audit_event_new_from_json (JsonObject  *object,
                              GError     **error)
{
  JsonNode *data;
  const char *data_name;
  gboolean data_is_null;
  g_autoptr(GString) data_json = NULL;
  Fields f = { NULL, };

  f.created_at = DA_TIME_UNSET;

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "audit_log_id", "id", DA_FIELD_ID, &f.audit_log_id,
                            error) ||
      !da_json_read_string (object, WHAT, "action", NULL, 0, &f.action, error) ||
      !da_json_read_time (object, WHAT, "created_at", "timestamp", 0, &f.created_at, error) ||
      !da_json_read_string (object, WHAT, "user_id", NULL, 0, &f.user_id, error) ||
      !da_json_read_string (object, WHAT, "user_email", "actor", 0, &f.user_email, error) ||
      !da_json_read_string (object, WHAT, "org_id", NULL, 0, &f.org_id, error) ||
      !da_json_read_string (object, WHAT, "service_user_name", NULL, 0, &f.service_user_name,
                            error))
    return NULL;

  data = da_json_lookup (object, "data", NULL, &data_name, &data_is_null);
  if (data != NULL)
    {
      data_json = g_string_sized_new (128);
      if (!da_json_write_compact (data, data_json, WHAT, data_name, error))
        return NULL;
      f.data_json = data_json->str;
      f.data_json_length = data_json->len;
    }

  return audit_event_new (&f, NULL);
}

/* The fast path of the audit log (see da-json-scan.h): the same rules as above, on the text;
 * "data" is kept as it came when it is already the compact text the general path writes. NULL
 * for anything else. */
gpointer
_da_audit_event_new_from_scan (DaJsonScan *scan)
{
  enum {
    SEEN_ID = 1 << 0, SEEN_ACTION = 1 << 1, SEEN_CREATED_AT = 1 << 2, SEEN_USER_ID = 1 << 3,
    SEEN_USER_EMAIL = 1 << 4, SEEN_ORG_ID = 1 << 5, SEEN_SERVICE_USER = 1 << 6,
    SEEN_DATA = 1 << 7,
  };
  /* The key that usually follows each one (by its bit's position), as the API writes them. */
  static const DaJsonScanKey next_key[] = {
    DA_JSON_SCAN_KEY ("action"), DA_JSON_SCAN_KEY ("created_at"), DA_JSON_SCAN_KEY ("user_id"),
    DA_JSON_SCAN_KEY ("user_email"), DA_JSON_SCAN_KEY ("org_id"), DA_JSON_SCAN_KEY ("data"),
    DA_JSON_SCAN_KEY ("data"), { NULL, 0 },
  };
  DaJsonScanKey hint = DA_JSON_SCAN_KEY ("audit_log_id");
  guint seen = 0, index = 0;
  gboolean done = FALSE;
  Fields f = { NULL, };

  f.created_at = DA_TIME_UNSET;
  da_json_scan_reset_arena (scan);

  if (!da_json_scan_object_begin (scan))
    return NULL;

  for (;;)
    {
      const char *key;
      gsize key_length, length;
      guint bit;
      gboolean ok;

      if (!da_json_scan_object_next_hinted (scan, &index, hint.name, hint.length, &key,
                                            &key_length, &done))
        return NULL;
      if (done)
        break;

#define KEY(name) DA_JSON_SCAN_KEY_IS (key, key_length, name)
      if (KEY ("audit_log_id"))
        {
          bit = SEEN_ID;
          ok = da_json_scan_string_or_null (scan, &f.audit_log_id, &length) && length > 0;
        }
      else if (KEY ("action"))
        {
          bit = SEEN_ACTION;
          ok = da_json_scan_string_or_null (scan, &f.action, &length);
        }
      else if (KEY ("created_at"))
        {
          bit = SEEN_CREATED_AT;
          ok = da_json_scan_time (scan, &f.created_at);
        }
      else if (KEY ("user_id"))
        {
          bit = SEEN_USER_ID;
          ok = da_json_scan_string_or_null (scan, &f.user_id, &length);
        }
      else if (KEY ("user_email"))
        {
          bit = SEEN_USER_EMAIL;
          ok = da_json_scan_string_or_null (scan, &f.user_email, &length);
        }
      else if (KEY ("org_id"))
        {
          bit = SEEN_ORG_ID;
          ok = da_json_scan_string_or_null (scan, &f.org_id, &length);
        }
      else if (KEY ("service_user_name"))
        {
          bit = SEEN_SERVICE_USER;
          ok = da_json_scan_string_or_null (scan, &f.service_user_name, &length);
        }
      else if (KEY ("data"))
        {
          bit = SEEN_DATA;
          if (da_json_scan_peek (scan) == 'n')
            ok = da_json_scan_null (scan);
          else
            ok = da_json_scan_compact (scan, &f.data_json, &f.data_json_length);
        }
      else if (KEY ("id") || KEY ("timestamp") || KEY ("actor"))
        {
          /* the older names: the general path knows which one wins */
          return NULL;
        }
      else
        {
          bit = 0;
          ok = da_json_scan_skip (scan);
        }
#undef KEY

      /* A key given twice: the general path takes the last one. */
      if (!ok || (seen & bit) != 0)
        return NULL;
      seen |= bit;
      if (bit != 0)
        hint = next_key[__builtin_ctz (bit)];
    }

  /* Required: the general path says whether it is missing or null. */
  if (f.audit_log_id == NULL)
    return NULL;

  return audit_event_new (&f, scan->shared_texts);
}

const char *
da_audit_event_get_audit_log_id (DaAuditEvent *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), NULL);

  return self->audit_log_id;
}

const char *
da_audit_event_get_action (DaAuditEvent *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), NULL);

  return self->action;
}

gint64
da_audit_event_get_created_at (DaAuditEvent *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), DA_TIME_UNSET);

  return self->created_at;
}

const char *
da_audit_event_get_user_id (DaAuditEvent *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), NULL);

  return da_shared_texts_get (self->actor, ACTOR_USER_ID);
}

const char *
da_audit_event_get_user_email (DaAuditEvent *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), NULL);

  return da_shared_texts_get (self->actor, ACTOR_USER_EMAIL);
}

const char *
da_audit_event_get_org_id (DaAuditEvent *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), NULL);

  return self->org_id;
}

const char *
da_audit_event_get_service_user_name (DaAuditEvent *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), NULL);

  return da_shared_texts_get (self->actor, ACTOR_SERVICE_USER_NAME);
}

const char *
da_audit_event_get_data_json (DaAuditEvent *self)
{
  const char *data_json;

  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), NULL);

  data_json = self->audit_log_id + strlen (self->audit_log_id) + 1;
  return data_json[0] != '\0' ? data_json : NULL;
}

/**
 * da_audit_event_dup_data:
 *
 * Returns: (transfer full) (nullable): "data" parsed again, a tree the caller may change
 */
JsonNode *
da_audit_event_dup_data (DaAuditEvent *self)
{
  g_return_val_if_fail (DA_IS_AUDIT_EVENT (self), NULL);

  return da_json_parse_compact (da_audit_event_get_data_json (self), FALSE);
}

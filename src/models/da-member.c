/* da-member.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "da-member.h"
#include "da-json-private.h"
#include "da-json-scan.h"

#define WHAT N_("member")

typedef struct
{
  char *search;      /* "name email", folded for searching */
  char *name_key;    /* collation key of the case-folded name */
  char *email_key;   /* the address, case-folded */
} MemberKeys;

struct _DaMember
{
  GObject     parent_instance;

  /* One block holds user_id, email, name and saml_id; they are kept as offsets into it
   * (NO_STRING for none), half the size of pointers, for lists of tens of thousands. */
  char       *strings;
  guint32     user_id;
  guint32     email;
  guint32     name;
  guint32     saml_id;
  /* Interned */
  const char *enterprise_role;

  gint64      created_at;
  gint64      last_login;
  gint64      login_count;
  gint64      sessions_created_count;
  gint64      searches_created_count;

  /* What lists search and sort by: made when first asked for (ensure_keys()) */
  MemberKeys *keys;
};

G_DEFINE_FINAL_TYPE (DaMember, da_member, G_TYPE_OBJECT)

#define NO_STRING G_MAXUINT32

/* The string at @offset of the block, or NULL. */
static inline const char *
string_at (const DaMember *self,
           guint32         offset)
{
  return offset != NO_STRING ? self->strings + offset : NULL;
}

static guint32
offset_of (const DaMember *self,
           const char     *string)
{
  return string != NULL ? (guint32) (string - self->strings) : NO_STRING;
}

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_EMAIL,
  PROP_NAME,
  PROP_ENTERPRISE_ROLE,
  PROP_CREATED_AT,
  PROP_LAST_LOGIN,
  PROP_LOGIN_COUNT,
  PROP_SAML_ID,
  PROP_SESSIONS_CREATED_COUNT,
  PROP_SEARCHES_CREATED_COUNT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
da_member_finalize (GObject *object)
{
  DaMember *self = (DaMember *)object;

  g_free (self->strings);
  if (self->keys != NULL)
    {
      g_free (self->keys->search);
      g_free (self->keys->name_key);
      g_free (self->keys->email_key);
      g_free (self->keys);
    }

  G_OBJECT_CLASS (da_member_parent_class)->finalize (object);
}

static void
da_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DaMember *self = DA_MEMBER (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_string (value, string_at (self, self->user_id));
      break;
    case PROP_EMAIL:
      g_value_set_string (value, string_at (self, self->email));
      break;
    case PROP_NAME:
      g_value_set_string (value, string_at (self, self->name));
      break;
    case PROP_ENTERPRISE_ROLE:
      g_value_set_string (value, self->enterprise_role);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_LAST_LOGIN:
      g_value_set_int64 (value, self->last_login);
      break;
    case PROP_LOGIN_COUNT:
      g_value_set_int64 (value, self->login_count);
      break;
    case PROP_SAML_ID:
      g_value_set_string (value, string_at (self, self->saml_id));
      break;
    case PROP_SESSIONS_CREATED_COUNT:
      g_value_set_int64 (value, self->sessions_created_count);
      break;
    case PROP_SEARCHES_CREATED_COUNT:
      g_value_set_int64 (value, self->searches_created_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_member_class_init (DaMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = da_member_finalize;
  object_class->get_property = da_member_get_property;

  properties [PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties [PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_ENTERPRISE_ROLE] =
    g_param_spec_string ("enterprise-role", NULL, NULL, NULL, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_LAST_LOGIN] =
    g_param_spec_int64 ("last-login", NULL, NULL, G_MININT64, G_MAXINT64, DA_TIME_UNSET, flags);
  properties [PROP_LOGIN_COUNT] =
    g_param_spec_int64 ("login-count", NULL, NULL, -1, G_MAXINT64, DA_UNSET, flags);
  properties [PROP_SAML_ID] = g_param_spec_string ("saml-id", NULL, NULL, NULL, flags);
  properties [PROP_SESSIONS_CREATED_COUNT] =
    g_param_spec_int64 ("sessions-created-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_SEARCHES_CREATED_COUNT] =
    g_param_spec_int64 ("searches-created-count", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_member_init (DaMember *self)
{
  self->user_id = NO_STRING;
  self->email = NO_STRING;
  self->name = NO_STRING;
  self->saml_id = NO_STRING;
  self->created_at = DA_TIME_UNSET;
  self->last_login = DA_TIME_UNSET;
  self->login_count = DA_UNSET;
}

/* What both decoders read; strings borrowed. */
typedef struct
{
  const char *user_id;
  const char *email;
  const char *name;
  const char *role;
  const char *saml_id;
  gint64      created_at;
  gint64      last_login;
  gint64      login_count;
  gint64      sessions_created_count;
  gint64      searches_created_count;
} Fields;

static void
fields_init (Fields *fields)
{
  memset (fields, 0, sizeof *fields);
  fields->created_at = DA_TIME_UNSET;
  fields->last_login = DA_TIME_UNSET;
  fields->login_count = DA_UNSET;
}

static DaMember *
member_new (const Fields *fields)
{
  DaMember *self = g_object_new (DA_TYPE_MEMBER, NULL);
  const char *user_id = NULL, *email = NULL, *name = NULL, *saml_id = NULL;
  DaStringPack pack;

  da_string_pack_init (&pack);
  da_string_pack_add (&pack, &user_id, fields->user_id);
  da_string_pack_add (&pack, &email, fields->email);
  da_string_pack_add (&pack, &name, fields->name);
  da_string_pack_add (&pack, &saml_id, fields->saml_id);
  da_string_pack_add_interned (&pack, &self->enterprise_role, fields->role);
  self->strings = da_string_pack_finish (&pack);
  self->user_id = offset_of (self, user_id);
  self->email = offset_of (self, email);
  self->name = offset_of (self, name);
  self->saml_id = offset_of (self, saml_id);

  self->created_at = fields->created_at;
  self->last_login = fields->last_login;
  self->login_count = fields->login_count;
  self->sessions_created_count = fields->sessions_created_count;
  self->searches_created_count = fields->searches_created_count;

  return self;
}

/**
 * da_member_new_from_json:
 * @object: (nullable): an EnterpriseUserResponse, or a member of the older "members" lists
 *
 * Returns: (transfer full): the member, or %NULL with a %DA_MODEL_ERROR
 */
DaMember *
da_member_new_from_json (JsonObject  *object,
                         GError     **error)
{
  Fields f;

  fields_init (&f);

  if (!da_json_check_object (object, WHAT, error) ||
      !da_json_read_string (object, WHAT, "user_id", "id", DA_FIELD_ID, &f.user_id, error) ||
      !da_json_read_string (object, WHAT, "email", NULL, DA_FIELD_REQUIRED, &f.email, error) ||
      !da_json_read_string (object, WHAT, "name", NULL, DA_FIELD_REQUIRED, &f.name, error) ||
      !da_json_read_string (object, WHAT, "enterprise_role", "role", DA_FIELD_REQUIRED, &f.role,
                            error) ||
      !da_json_read_time (object, WHAT, "created_at", NULL, 0, &f.created_at, error) ||
      !da_json_read_time (object, WHAT, "last_login", NULL, 0, &f.last_login, error) ||
      !da_json_read_count (object, WHAT, "login_count", NULL, 0, &f.login_count, error) ||
      !da_json_read_string (object, WHAT, "saml_id", NULL, 0, &f.saml_id, error) ||
      !da_json_read_count (object, WHAT, "sessions_created_count", NULL, 0,
                           &f.sessions_created_count, error) ||
      !da_json_read_count (object, WHAT, "searches_created_count", NULL, 0,
                           &f.searches_created_count, error))
    return NULL;

  return member_new (&f);
}

/* The fast path of the member lists (see da-json-scan.h): the same rules as above, on the
 * text; NULL for anything else. */
gpointer
_da_member_new_from_scan (DaJsonScan *scan)
{
  enum {
    SEEN_USER_ID = 1 << 0, SEEN_EMAIL = 1 << 1, SEEN_NAME = 1 << 2, SEEN_ROLE = 1 << 3,
    SEEN_CREATED_AT = 1 << 4, SEEN_LAST_LOGIN = 1 << 5, SEEN_LOGIN_COUNT = 1 << 6,
    SEEN_SAML_ID = 1 << 7, SEEN_SESSIONS = 1 << 8, SEEN_SEARCHES = 1 << 9,
  };
  /* The key that usually follows each one (by its bit's position), as the API writes them. */
  static const DaJsonScanKey next_key[] = {
    DA_JSON_SCAN_KEY ("email"), DA_JSON_SCAN_KEY ("name"), DA_JSON_SCAN_KEY ("enterprise_role"),
    DA_JSON_SCAN_KEY ("created_at"), DA_JSON_SCAN_KEY ("last_login"),
    DA_JSON_SCAN_KEY ("login_count"), DA_JSON_SCAN_KEY ("saml_id"),
    DA_JSON_SCAN_KEY ("sessions_created_count"), DA_JSON_SCAN_KEY ("searches_created_count"),
    { NULL, 0 },
  };
  DaJsonScanKey hint = DA_JSON_SCAN_KEY ("user_id");
  guint seen = 0, index = 0;
  gboolean done = FALSE;
  Fields f;

  fields_init (&f);
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
      if (KEY ("user_id"))
        {
          bit = SEEN_USER_ID;
          ok = da_json_scan_string_or_null (scan, &f.user_id, &length) && length > 0;
        }
      else if (KEY ("email"))
        {
          bit = SEEN_EMAIL;
          ok = da_json_scan_string_or_null (scan, &f.email, &length);
        }
      else if (KEY ("name"))
        {
          bit = SEEN_NAME;
          ok = da_json_scan_string_or_null (scan, &f.name, &length);
        }
      else if (KEY ("enterprise_role"))
        {
          bit = SEEN_ROLE;
          ok = da_json_scan_string_or_null (scan, &f.role, &length);
        }
      else if (KEY ("created_at"))
        {
          bit = SEEN_CREATED_AT;
          ok = da_json_scan_time (scan, &f.created_at);
        }
      else if (KEY ("last_login"))
        {
          bit = SEEN_LAST_LOGIN;
          ok = da_json_scan_time (scan, &f.last_login);
        }
      else if (KEY ("login_count"))
        {
          bit = SEEN_LOGIN_COUNT;
          ok = da_json_scan_count (scan, &f.login_count);
        }
      else if (KEY ("saml_id"))
        {
          bit = SEEN_SAML_ID;
          ok = da_json_scan_string_or_null (scan, &f.saml_id, &length);
        }
      else if (KEY ("sessions_created_count"))
        {
          bit = SEEN_SESSIONS;
          ok = da_json_scan_count (scan, &f.sessions_created_count);
        }
      else if (KEY ("searches_created_count"))
        {
          bit = SEEN_SEARCHES;
          ok = da_json_scan_count (scan, &f.searches_created_count);
        }
      else if (KEY ("id") || KEY ("role"))
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

  /* Required: the general path says which one is missing or null. */
  if (f.user_id == NULL || f.email == NULL || f.name == NULL || f.role == NULL)
    return NULL;

  return member_new (&f);
}

const char *
da_member_get_user_id (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return string_at (self, self->user_id);
}

const char *
da_member_get_email (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return string_at (self, self->email);
}

const char *
da_member_get_name (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return string_at (self, self->name);
}

const char *
da_member_get_enterprise_role (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return self->enterprise_role;
}

gint64
da_member_get_created_at (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), DA_TIME_UNSET);

  return self->created_at;
}

gint64
da_member_get_last_login (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), DA_TIME_UNSET);

  return self->last_login;
}

gint64
da_member_get_login_count (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), DA_UNSET);

  return self->login_count;
}

/* nullable: members without single sign-on have none */
const char *
da_member_get_saml_id (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), NULL);

  return string_at (self, self->saml_id);
}

gint64
da_member_get_sessions_created_count (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), 0);

  return self->sessions_created_count;
}

gint64
da_member_get_searches_created_count (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), 0);

  return self->searches_created_count;
}

/* ---- Search and sort keys ---------------------------------------------------------------- */

/**
 * da_member_fold_for_search:
 * @text: UTF-8 text
 *
 * Decomposed, without marks, case-folded: what a search compares, so that "zoe" finds "Zoë".
 *
 * Returns: (transfer full): the folded text; empty for text that is not UTF-8
 */
char *
da_member_fold_for_search (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) bare = NULL;

  if (decomposed == NULL)
    return g_strdup ("");

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          break;
        default:
          g_string_append_unichar (bare, c);
        }
    }

  return g_utf8_casefold (bare->str, bare->len);
}

/* The keys are made once, by whichever thread asks first; a thread that loses the race frees
 * its own. A field rather than GObject data: a search reads them for every member at every key
 * typed, and GObject data takes a lock and a search each time. */
static const MemberKeys *
ensure_keys (DaMember *self)
{
  MemberKeys *keys = g_atomic_pointer_get (&self->keys);
  const char *name, *email;
  g_autofree char *both = NULL;
  g_autofree char *folded_name = NULL;

  if (G_LIKELY (keys != NULL))
    return keys;

  name = string_at (self, self->name);
  email = string_at (self, self->email);
  name = name != NULL ? name : "";
  email = email != NULL ? email : "";
  both = g_strconcat (name, " ", email, NULL);
  folded_name = g_utf8_casefold (name, -1);

  keys = g_new (MemberKeys, 1);
  keys->search = da_member_fold_for_search (both);
  keys->name_key = g_utf8_collate_key (folded_name, -1);
  keys->email_key = g_utf8_casefold (email, -1);

  if (!g_atomic_pointer_compare_and_exchange (&self->keys, NULL, keys))
    {
      g_free (keys->search);
      g_free (keys->name_key);
      g_free (keys->email_key);
      g_free (keys);
      keys = g_atomic_pointer_get (&self->keys);
    }

  return keys;
}

/**
 * da_member_get_search_text:
 *
 * "name email", folded by da_member_fold_for_search(): a search's words, folded the same way,
 * are looked for in it. Made the first time it is asked for, then kept.
 *
 * Returns: (transfer none): the text, never %NULL
 */
const char *
da_member_get_search_text (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), "");

  return ensure_keys (self)->search;
}

/**
 * da_member_get_name_key:
 *
 * Returns: (transfer none): the collation key of the case-folded name (strcmp() sorts by it);
 *   never %NULL
 */
const char *
da_member_get_name_key (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), "");

  return ensure_keys (self)->name_key;
}

/**
 * da_member_get_email_key:
 *
 * Returns: (transfer none): the address, case-folded; never %NULL
 */
const char *
da_member_get_email_key (DaMember *self)
{
  g_return_val_if_fail (DA_IS_MEMBER (self), "");

  return ensure_keys (self)->email_key;
}

/* da-context.c
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-context.h"

/* One shared load (of the roles, of the organizations): the callers waiting for the request
 * under way, and those who asked for a fresh load while it ran (they wait for the next one). */
typedef struct
{
  GPtrArray    *waiters;       /* GTask */
  GPtrArray    *next_waiters;  /* GTask */
  GCancellable *cancellable;   /* of the request under way; NULL when idle */
} Load;

struct _DaContext
{
  GObject     parent_instance;

  /* Owned */
  DaClient   *client;
  GSettings  *settings;
  char       *account_label;

  GPtrArray  *roles;           /* DaRole, NULL until loaded */
  GHashTable *roles_by_id;     /* role_id → DaRole (borrowed from roles) */
  Load        roles_load;

  GListStore *organizations;   /* DaOrganization */
  GHashTable *orgs_by_id;      /* org_id → DaOrganization (borrowed from organizations) */
  gboolean    orgs_loaded;
  Load        orgs_load;

  gboolean    demo;
};

G_DEFINE_FINAL_TYPE (DaContext, da_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SETTINGS,
  PROP_DEMO,
  PROP_ACCOUNT_LABEL,
  PROP_SERVER,
  PROP_ORGANIZATIONS,
  PROP_ORGANIZATIONS_LOADED,
  PROP_ROLES_LOADED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void start_roles_load (DaContext *self);
static void start_orgs_load  (DaContext *self);

/* ---- shared loads ---------------------------------------------------------------------- */

static void
load_init (Load *load)
{
  load->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  load->next_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
load_is_running (Load *load)
{
  return load->cancellable != NULL;
}

/* Takes the waiters of the request that just ended, and readies the next ones. */
static GPtrArray *
load_finish_round (Load *load)
{
  GPtrArray *done = g_steal_pointer (&load->waiters);

  load->waiters = g_steal_pointer (&load->next_waiters);
  load->next_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_object (&load->cancellable);
  return done;
}

/* Cancels the request under way and answers its waiters at once; the request's answer, when it
 * comes, is then ignored (its cancellable is no longer the load's). Returns TRUE when callers
 * are left waiting for a request that is not under way. */
static gboolean
load_abandon (Load *load)
{
  g_autoptr(GPtrArray) done = NULL;

  if (load->cancellable == NULL)
    return FALSE;

  g_cancellable_cancel (load->cancellable);
  done = load_finish_round (load);
  /* Their callbacks may ask for a load again, and start it. */
  for (guint i = 0; i < done->len; i++)
    g_task_return_new_error (g_ptr_array_index (done, i), G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The load was abandoned");
  return load->waiters->len > 0 && !load_is_running (load);
}

static void
load_clear (Load *load)
{
  if (load->cancellable != NULL)
    g_cancellable_cancel (load->cancellable);
  g_clear_object (&load->cancellable);
  g_clear_pointer (&load->waiters, g_ptr_array_unref);
  g_clear_pointer (&load->next_waiters, g_ptr_array_unref);
}

/* What a request's callback gets: the context, and the cancellable the request was started with,
 * which tells whether its answer is still wanted. */
typedef struct
{
  DaContext    *self;
  GCancellable *cancellable;
} Request;

static Request *
request_new (DaContext    *self,
             GCancellable *cancellable)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (cancellable);
  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* ---- roles ----------------------------------------------------------------------------- */

static void
set_roles (DaContext *self,
           GPtrArray *roles)
{
  gboolean was_loaded = self->roles != NULL;

  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_hash_table_remove_all (self->roles_by_id);

  if (roles != NULL)
    {
      self->roles = g_ptr_array_ref (roles);
      for (guint i = 0; i < roles->len; i++)
        {
          DaRole *role = g_ptr_array_index (roles, i);

          g_hash_table_insert (self->roles_by_id, (char *) da_role_get_role_id (role), role);
        }
    }

  if (was_loaded != (self->roles != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROLES_LOADED]);
}

static void
list_roles_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DaContext *self = request->self;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GError) error = NULL;

  roles = da_client_list_roles_finish (DA_CLIENT (object), result, &error);
  if (request->cancellable != self->roles_load.cancellable)
    return; /* abandoned, or the context was disposed */

  done = load_finish_round (&self->roles_load);
  if (roles != NULL)
    set_roles (self, roles);

  for (guint i = 0; i < done->len; i++)
    {
      GTask *task = g_ptr_array_index (done, i);

      if (roles != NULL)
        g_task_return_pointer (task, g_ptr_array_ref (roles), (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  /* Those who asked for a fresh load meanwhile get one, unless a callback above started it. */
  if (self->roles_load.waiters->len > 0 && !load_is_running (&self->roles_load))
    start_roles_load (self);
}

static void
start_roles_load (DaContext *self)
{
  g_assert (!load_is_running (&self->roles_load));

  self->roles_load.cancellable = g_cancellable_new ();
  da_client_list_roles_async (self->client, self->roles_load.cancellable, list_roles_cb,
                              request_new (self, self->roles_load.cancellable));
}

/* ---- organizations --------------------------------------------------------------------- */

static void
set_organizations (DaContext  *self,
                   GListModel *model)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  gboolean was_loaded = self->orgs_loaded;

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  /* The index first, so that handlers of items-changed can look names up already. */
  g_hash_table_remove_all (self->orgs_by_id);
  for (guint i = 0; i < items->len; i++)
    {
      DaOrganization *org = g_ptr_array_index (items, i);

      g_hash_table_insert (self->orgs_by_id, (char *) da_organization_get_org_id (org), org);
    }

  self->orgs_loaded = model != NULL;
  g_list_store_splice (self->organizations, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->organizations)),
                       items->pdata, items->len);

  if (was_loaded != self->orgs_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ORGANIZATIONS_LOADED]);
}

static void
load_orgs_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DaContext *self = request->self;
  DaPager *pager = DA_PAGER (object);
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = da_pager_load_all_finish (pager, result, &error);
  if (request->cancellable != self->orgs_load.cancellable)
    return; /* abandoned, or the context was disposed */

  done = load_finish_round (&self->orgs_load);
  if (ok)
    set_organizations (self, da_pager_get_model (pager));

  for (guint i = 0; i < done->len; i++)
    {
      GTask *task = g_ptr_array_index (done, i);

      if (ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  /* Those who asked for a fresh load meanwhile get one, unless a callback above started it. */
  if (self->orgs_load.waiters->len > 0 && !load_is_running (&self->orgs_load))
    start_orgs_load (self);
}

static void
start_orgs_load (DaContext *self)
{
  g_autoptr(DaPager) pager = NULL;

  g_assert (!load_is_running (&self->orgs_load));

  self->orgs_load.cancellable = g_cancellable_new ();
  pager = da_client_list_organizations (self->client);
  da_pager_load_all_async (pager, self->orgs_load.cancellable, load_orgs_cb,
                           request_new (self, self->orgs_load.cancellable));
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
da_context_dispose (GObject *object)
{
  DaContext *self = (DaContext *)object;

  load_clear (&self->roles_load);
  load_clear (&self->orgs_load);

  G_OBJECT_CLASS (da_context_parent_class)->dispose (object);
}

static void
da_context_finalize (GObject *object)
{
  DaContext *self = (DaContext *)object;

  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->roles_by_id, g_hash_table_unref);
  g_clear_pointer (&self->orgs_by_id, g_hash_table_unref);
  g_clear_object (&self->organizations);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->account_label, g_free);

  G_OBJECT_CLASS (da_context_parent_class)->finalize (object);
}

static void
da_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DaContext *self = DA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_ACCOUNT_LABEL:
      g_value_set_string (value, da_context_get_account_label (self));
      break;

    case PROP_SERVER:
      g_value_set_string (value, da_context_get_server (self));
      break;

    case PROP_ORGANIZATIONS:
      g_value_set_object (value, self->organizations);
      break;

    case PROP_ORGANIZATIONS_LOADED:
      g_value_set_boolean (value, self->orgs_loaded);
      break;

    case PROP_ROLES_LOADED:
      g_value_set_boolean (value, self->roles != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DaContext *self = DA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;

    case PROP_ACCOUNT_LABEL:
      da_context_set_account_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_context_constructed (GObject *object)
{
  DaContext *self = DA_CONTEXT (object);

  G_OBJECT_CLASS (da_context_parent_class)->constructed (object);

  g_assert (DA_IS_CLIENT (self->client));
}

static void
da_context_class_init (DaContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = da_context_constructed;
  object_class->dispose = da_context_dispose;
  object_class->finalize = da_context_finalize;
  object_class->get_property = da_context_get_property;
  object_class->set_property = da_context_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         DA_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ACCOUNT_LABEL] =
    g_param_spec_string ("account-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_ORGANIZATIONS] =
    g_param_spec_object ("organizations", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_ORGANIZATIONS_LOADED] =
    g_param_spec_boolean ("organizations-loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ROLES_LOADED] =
    g_param_spec_boolean ("roles-loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
da_context_init (DaContext *self)
{
  self->roles_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->orgs_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->organizations = g_list_store_new (DA_TYPE_ORGANIZATION);
  load_init (&self->roles_load);
  load_init (&self->orgs_load);
}

/* ---- public API ------------------------------------------------------------------------ */

DaContext *
da_context_new (DaClient  *client,
                GSettings *settings,
                gboolean   demo)
{
  g_return_val_if_fail (DA_IS_CLIENT (client), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (DA_TYPE_CONTEXT,
                       "client", client,
                       "settings", settings,
                       "demo", demo,
                       NULL);
}

DaClient *
da_context_get_client (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);

  return self->client;
}

GSettings *
da_context_get_settings (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);

  return self->settings;
}

gboolean
da_context_get_demo (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), FALSE);

  return self->demo;
}

const char *
da_context_get_server (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);

  return da_client_get_base_url (self->client);
}

const char *
da_context_get_account_label (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);

  if (self->account_label != NULL && *self->account_label != '\0')
    return self->account_label;

  return da_client_get_host (self->client);
}

void
da_context_set_account_label (DaContext  *self,
                              const char *label)
{
  g_return_if_fail (DA_IS_CONTEXT (self));

  if (g_strcmp0 (self->account_label, label) == 0)
    return;

  g_free (self->account_label);
  self->account_label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_LABEL]);
}

void
da_context_load_roles_async (DaContext           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DA_IS_CONTEXT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_context_load_roles_async);

  if (self->roles != NULL)
    {
      g_task_return_pointer (task, g_ptr_array_ref (self->roles),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  g_ptr_array_add (self->roles_load.waiters, g_steal_pointer (&task));
  if (!load_is_running (&self->roles_load))
    start_roles_load (self);
}

GPtrArray *
da_context_load_roles_finish (DaContext     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == da_context_load_roles_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
da_context_get_roles (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);

  return self->roles;
}

gboolean
da_context_get_roles_loaded (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), FALSE);

  return self->roles != NULL;
}

const char *
da_context_lookup_role_name (DaContext  *self,
                             const char *role_id)
{
  DaRole *role;

  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);

  if (role_id == NULL)
    return NULL;

  role = g_hash_table_lookup (self->roles_by_id, role_id);
  return role != NULL ? da_role_get_role_name (role) : NULL;
}

GListModel *
da_context_get_organizations (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);

  return G_LIST_MODEL (self->organizations);
}

gboolean
da_context_get_organizations_loaded (DaContext *self)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), FALSE);

  return self->orgs_loaded;
}

void
da_context_load_organizations_async (DaContext           *self,
                                     gboolean             refresh,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DA_IS_CONTEXT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, da_context_load_organizations_async);

  if (self->orgs_loaded && !refresh && !load_is_running (&self->orgs_load))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!load_is_running (&self->orgs_load))
    {
      g_ptr_array_add (self->orgs_load.waiters, g_steal_pointer (&task));
      start_orgs_load (self);
    }
  else if (refresh)
    {
      /* The load under way may have started before what made the caller ask: wait for a new
       * one. */
      g_ptr_array_add (self->orgs_load.next_waiters, g_steal_pointer (&task));
    }
  else
    {
      g_ptr_array_add (self->orgs_load.waiters, g_steal_pointer (&task));
    }
}

gboolean
da_context_load_organizations_finish (DaContext     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        da_context_load_organizations_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

DaOrganization *
da_context_lookup_organization (DaContext  *self,
                                const char *org_id)
{
  g_return_val_if_fail (DA_IS_CONTEXT (self), NULL);

  if (org_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->orgs_by_id, org_id);
}

const char *
da_context_lookup_org_name (DaContext  *self,
                            const char *org_id)
{
  DaOrganization *org = da_context_lookup_organization (self, org_id);

  return org != NULL ? da_organization_get_org_name (org) : NULL;
}

void
da_context_forget (DaContext *self)
{
  g_return_if_fail (DA_IS_CONTEXT (self));

  set_roles (self, NULL);
  set_organizations (self, NULL);

  /* Those who asked for a fresh load after the one under way get it. */
  if (load_abandon (&self->roles_load))
    start_roles_load (self);
  if (load_abandon (&self->orgs_load))
    start_orgs_load (self);
}

/* test-row-store.c: DaRowStore, the array a pager loads into
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "da-row-store.h"

typedef struct
{
  guint position, removed, added;
  guint n_signals;
  guint n_notifies;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n_signals++;
}

static void
on_notify_n_items_cb (GObject    *object,
                      GParamSpec *pspec,
                      Changes    *changes)
{
  changes->n_notifies++;
}

static GObject **
make_objects (guint n)
{
  GObject **objects = g_new0 (GObject *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      objects[i] = g_object_new (G_TYPE_OBJECT, NULL);
      g_object_set_data (objects[i], "n", GUINT_TO_POINTER (i + 1));
    }
  return objects;
}

static void
free_objects (GObject **objects)
{
  for (guint i = 0; objects[i] != NULL; i++)
    g_object_unref (objects[i]);
  g_free (objects);
}

static guint
number_at (GListModel *model,
           guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return GPOINTER_TO_UINT (g_object_get_data (item, "n"));
}

static void
test_basics (void)
{
  g_autoptr(DaRowStore) store = da_row_store_new (G_TYPE_OBJECT);
  GListModel *model = G_LIST_MODEL (store);
  GObject **objects = make_objects (5);
  Changes changes = { 0 };
  GType type;

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  g_signal_connect (store, "notify::n-items", G_CALLBACK (on_notify_n_items_cb), &changes);

  g_assert_true (g_list_model_get_item_type (model) == G_TYPE_OBJECT);
  g_object_get (store, "item-type", &type, NULL);
  g_assert_true (type == G_TYPE_OBJECT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));

  /* A page, then another in the middle, in one change each. */
  da_row_store_splice (store, 0, 0, (gpointer *) objects, 3);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (changes.n_notifies, ==, 1);
  da_row_store_splice (store, 1, 1, (gpointer *) objects + 3, 2);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpuint (number_at (model, 0), ==, 1);
  g_assert_cmpuint (number_at (model, 1), ==, 4);
  g_assert_cmpuint (number_at (model, 2), ==, 5);
  g_assert_cmpuint (number_at (model, 3), ==, 3);
  g_assert_null (g_list_model_get_item (model, 4));

  /* Replacing one by one: items-changed, but the count stays, so no notify. */
  da_row_store_splice (store, 3, 1, (gpointer *) objects + 1, 1);
  g_assert_cmpuint (changes.n_notifies, ==, 2);
  g_assert_cmpuint (number_at (model, 3), ==, 2);

  da_row_store_remove (store, 0);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (number_at (model, 0), ==, 4);
  da_row_store_append (store, objects[0]);
  g_assert_cmpuint (number_at (model, 3), ==, 1);

  /* Nothing at all: no signal. */
  da_row_store_splice (store, 2, 0, NULL, 0);
  g_assert_cmpuint (changes.n_signals, ==, 5);

  da_row_store_remove_all (store);
  g_assert_cmpuint (changes.n_signals, ==, 6);
  g_assert_cmpuint (changes.removed, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  /* And the emptied store takes rows again. */
  da_row_store_append (store, objects[2]);
  g_assert_cmpuint (number_at (model, 0), ==, 3);

  free_objects (objects);
}

/* The store holds one reference per row it has, and lets go of each row it loses. */
static void
test_references (void)
{
  DaRowStore *store = da_row_store_new (G_TYPE_OBJECT);
  GObject *a = g_object_new (G_TYPE_OBJECT, NULL);
  GObject *b = g_object_new (G_TYPE_OBJECT, NULL);
  gpointer items[] = { a, b, a };

  g_object_add_weak_pointer (a, (gpointer *) &a);
  g_object_add_weak_pointer (b, (gpointer *) &b);

  da_row_store_splice (store, 0, 0, items, 3);
  g_object_unref (a);
  g_object_unref (b);
  g_assert_nonnull (a);
  g_assert_nonnull (b);

  /* Replacing a row by itself keeps it alive. */
  da_row_store_splice (store, 1, 1, (gpointer *) &b, 1);
  g_assert_nonnull (b);

  da_row_store_remove (store, 1);
  g_assert_null (b);
  da_row_store_remove (store, 0);
  g_assert_nonnull (a);   /* still in the last row */

  g_object_unref (store);
  g_assert_null (a);
}

/* Against GListStore, whose behaviour it takes: the same random splices give the same lists and
 * the same signals. */
static void
test_like_list_store (void)
{
  g_autoptr(DaRowStore) store = da_row_store_new (G_TYPE_OBJECT);
  g_autoptr(GListStore) reference = g_list_store_new (G_TYPE_OBJECT);
  GObject **objects = make_objects (64);
  Changes ours = { 0 }, theirs = { 0 };
  GRand *rand = g_rand_new_with_seed (20261128);

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_cb), &ours);
  g_signal_connect (reference, "items-changed", G_CALLBACK (on_items_changed_cb), &theirs);

  for (guint step = 0; step < 2000; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (reference));
      guint position = g_rand_int_range (rand, 0, n + 1);
      guint removals = g_rand_int_range (rand, 0, n - position + 1);
      guint additions = g_rand_int_range (rand, 0, n < 200 ? 40 : 5);
      gpointer added[40];

      /* GListStore signals a splice that changes nothing; the store does not. */
      if (removals == 0 && additions == 0)
        continue;
      for (guint i = 0; i < additions; i++)
        added[i] = objects[g_rand_int_range (rand, 0, 64)];

      da_row_store_splice (store, position, removals, added, additions);
      g_list_store_splice (reference, position, removals, added, additions);

      g_assert_cmpuint (ours.n_signals, ==, theirs.n_signals);
      g_assert_cmpuint (ours.position, ==, theirs.position);
      g_assert_cmpuint (ours.removed, ==, theirs.removed);
      g_assert_cmpuint (ours.added, ==, theirs.added);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (reference)));
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
        g_assert_cmpuint (number_at (G_LIST_MODEL (store), i), ==,
                          number_at (G_LIST_MODEL (reference), i));
    }

  g_rand_free (rand);
  free_objects (objects);
}

/* A row of another type is refused, and the list is left as it was. */
static void
test_wrong_type (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(DaRowStore) store = da_row_store_new (G_TYPE_APPLICATION);
      g_autoptr(GObject) object = g_object_new (G_TYPE_OBJECT, NULL);

      da_row_store_append (store, object);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*G_TYPE_CHECK_INSTANCE_TYPE*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/row-store/basics", test_basics);
  g_test_add_func ("/row-store/references", test_references);
  g_test_add_func ("/row-store/like-list-store", test_like_list_store);
  g_test_add_func ("/row-store/wrong-type", test_wrong_type);

  return g_test_run ();
}

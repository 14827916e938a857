/* da-row-viewport.c: a GtkColumnView with a row widget per row in view, for long lists
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pieces:
 *  - DaRowSlot, the item of each row the column view has. It holds the model's item shown in that
 *    row, and the list items (one per column) bound to it, to bind them again when it changes.
 *  - DaSlotModel, the column view's model: the slots in view, and a GtkSelectionModel that
 *    passes every selection to the real model at the scrolled offset.
 *  - DaRowViewport, the GtkScrollable between the scrolled window and the column view: it turns
 *    the scrolled window's adjustment into an offset in the model (whole rows) and a few pixels
 *    (the column view's own adjustment, so that scrolling stays smooth), sizes the slots to the
 *    view, and moves the keyboard cursor over the whole model.
 *
 * Each column's factory is wrapped in one that forwards setup, bind, unbind and teardown to it,
 * and remembers which list items are bound to which slot.
 */

#include "config.h"

#include <math.h>

#include "da-row-viewport.h"

/* A row's height before the first row is laid out. */
#define GUESSED_ROW_HEIGHT 36

/* ---- DaRowSlot --------------------------------------------------------------------------- */

#define DA_TYPE_ROW_SLOT (da_row_slot_get_type ())
G_DECLARE_FINAL_TYPE (DaRowSlot, da_row_slot, DA, ROW_SLOT, GObject)

typedef struct
{
  GtkListItem              *list_item;
  GtkSignalListItemFactory *inner;
} Bound;

struct _DaRowSlot
{
  GObject     parent_instance;

  GObject    *item;       /* the model's item shown, or NULL */
  GArray     *bound;      /* of Bound */
  gboolean    selected;   /* whether the column view last saw the slot selected */
};

G_DEFINE_FINAL_TYPE (DaRowSlot, da_row_slot, G_TYPE_OBJECT)

static void
da_row_slot_finalize (GObject *object)
{
  DaRowSlot *self = (DaRowSlot *)object;

  g_clear_object (&self->item);
  g_clear_pointer (&self->bound, g_array_unref);

  G_OBJECT_CLASS (da_row_slot_parent_class)->finalize (object);
}

static void
da_row_slot_class_init (DaRowSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = da_row_slot_finalize;
}

static void
da_row_slot_init (DaRowSlot *self)
{
  self->bound = g_array_new (FALSE, FALSE, sizeof (Bound));
}

/* Shows @item: the list items bound to the slot are unbound from the old item, then bound to
 * the new one. */
static void
row_slot_set_item (DaRowSlot *self,
                   GObject   *item)
{
  if (self->item == item)
    return;

  for (guint i = 0; i < self->bound->len; i++)
    {
      Bound *b = &g_array_index (self->bound, Bound, i);

      if (self->item != NULL)
        g_signal_emit_by_name (b->inner, "unbind", b->list_item);
    }

  g_set_object (&self->item, item);

  for (guint i = 0; i < self->bound->len; i++)
    {
      Bound *b = &g_array_index (self->bound, Bound, i);

      if (self->item != NULL)
        g_signal_emit_by_name (b->inner, "bind", b->list_item);
    }
}

/* The row widget of the slot: the parent of the cell of any of its list items. */
static GtkWidget *
row_slot_get_row (DaRowSlot *self)
{
  for (guint i = 0; i < self->bound->len; i++)
    {
      GtkWidget *child = gtk_list_item_get_child (g_array_index (self->bound, Bound, i).list_item);
      GtkWidget *cell = child != NULL ? gtk_widget_get_parent (child) : NULL;
      GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* ---- DaSlotModel ------------------------------------------------------------------------- */

#define DA_TYPE_SLOT_MODEL (da_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (DaSlotModel, da_slot_model, DA, SLOT_MODEL, GObject)

struct _DaSlotModel
{
  GObject        parent_instance;

  DaRowViewport *viewport;   /* unowned: the viewport owns the model */
  GPtrArray     *slots;      /* every slot made; the first n_shown are the model's items */
  guint          n_shown;
};

static void da_slot_model_list_model_init (GListModelInterface *iface);
static void da_slot_model_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaSlotModel, da_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      da_slot_model_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      da_slot_model_selection_model_init))

/* What the viewport tells the model. */
static GtkSelectionModel *viewport_model (DaRowViewport *self);
static guint              viewport_offset (DaRowViewport *self);
static void               viewport_set_anchor (DaRowViewport *self,
                                               guint          position);

static GType
da_slot_model_get_item_type (GListModel *model)
{
  return DA_TYPE_ROW_SLOT;
}

static guint
da_slot_model_get_n_items (GListModel *model)
{
  return DA_SLOT_MODEL (model)->n_shown;
}

static gpointer
da_slot_model_get_item (GListModel *model,
                        guint       position)
{
  DaSlotModel *self = DA_SLOT_MODEL (model);

  if (position >= self->n_shown)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
da_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = da_slot_model_get_item_type;
  iface->get_n_items = da_slot_model_get_n_items;
  iface->get_item = da_slot_model_get_item;
}

static gboolean
da_slot_model_is_selected (GtkSelectionModel *model,
                           guint              position)
{
  DaSlotModel *self = DA_SLOT_MODEL (model);
  GtkSelectionModel *real = viewport_model (self->viewport);
  DaRowSlot *slot;

  if (real == NULL || position >= self->n_shown)
    return FALSE;

  /* What the column view is told is what it shows: see update_selection(). */
  slot = g_ptr_array_index (self->slots, position);
  slot->selected = gtk_selection_model_is_selected (real,
                                                    viewport_offset (self->viewport) + position);
  return slot->selected;
}

static GtkBitset *
da_slot_model_get_selection_in_range (GtkSelectionModel *model,
                                      guint              position,
                                      guint              n_items)
{
  DaSlotModel *self = DA_SLOT_MODEL (model);
  GtkSelectionModel *real = viewport_model (self->viewport);
  guint offset = viewport_offset (self->viewport);
  GtkBitset *selected;

  if (real == NULL)
    return gtk_bitset_new_empty ();

  selected = gtk_selection_model_get_selection_in_range (real, offset + position, n_items);
  gtk_bitset_shift_left (selected, offset);
  return selected;
}

static gboolean
da_slot_model_select_item (GtkSelectionModel *model,
                           guint              position,
                           gboolean           unselect_rest)
{
  DaSlotModel *self = DA_SLOT_MODEL (model);
  GtkSelectionModel *real = viewport_model (self->viewport);
  guint offset = viewport_offset (self->viewport);

  if (real == NULL)
    return FALSE;

  viewport_set_anchor (self->viewport, offset + position);
  return gtk_selection_model_select_item (real, offset + position, unselect_rest);
}

static gboolean
da_slot_model_unselect_item (GtkSelectionModel *model,
                             guint              position)
{
  DaSlotModel *self = DA_SLOT_MODEL (model);
  GtkSelectionModel *real = viewport_model (self->viewport);

  return real != NULL &&
         gtk_selection_model_unselect_item (real, viewport_offset (self->viewport) + position);
}

static gboolean
da_slot_model_select_range (GtkSelectionModel *model,
                            guint              position,
                            guint              n_items,
                            gboolean           unselect_rest)
{
  DaSlotModel *self = DA_SLOT_MODEL (model);
  GtkSelectionModel *real = viewport_model (self->viewport);

  return real != NULL &&
         gtk_selection_model_select_range (real, viewport_offset (self->viewport) + position,
                                           n_items, unselect_rest);
}

static gboolean
da_slot_model_unselect_range (GtkSelectionModel *model,
                              guint              position,
                              guint              n_items)
{
  DaSlotModel *self = DA_SLOT_MODEL (model);
  GtkSelectionModel *real = viewport_model (self->viewport);

  return real != NULL &&
         gtk_selection_model_unselect_range (real, viewport_offset (self->viewport) + position,
                                             n_items);
}

static gboolean
da_slot_model_select_all (GtkSelectionModel *model)
{
  GtkSelectionModel *real = viewport_model (DA_SLOT_MODEL (model)->viewport);

  return real != NULL && gtk_selection_model_select_all (real);
}

static gboolean
da_slot_model_unselect_all (GtkSelectionModel *model)
{
  GtkSelectionModel *real = viewport_model (DA_SLOT_MODEL (model)->viewport);

  return real != NULL && gtk_selection_model_unselect_all (real);
}

static gboolean
da_slot_model_set_selection (GtkSelectionModel *model,
                             GtkBitset         *selected,
                             GtkBitset         *mask)
{
  DaSlotModel *self = DA_SLOT_MODEL (model);
  GtkSelectionModel *real = viewport_model (self->viewport);
  guint offset = viewport_offset (self->viewport);
  g_autoptr(GtkBitset) real_selected = NULL;
  g_autoptr(GtkBitset) real_mask = NULL;

  if (real == NULL)
    return FALSE;

  real_selected = gtk_bitset_copy (selected);
  real_mask = gtk_bitset_copy (mask);
  gtk_bitset_shift_right (real_selected, offset);
  gtk_bitset_shift_right (real_mask, offset);

  return gtk_selection_model_set_selection (real, real_selected, real_mask);
}

static void
da_slot_model_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = da_slot_model_is_selected;
  iface->get_selection_in_range = da_slot_model_get_selection_in_range;
  iface->select_item = da_slot_model_select_item;
  iface->unselect_item = da_slot_model_unselect_item;
  iface->select_range = da_slot_model_select_range;
  iface->unselect_range = da_slot_model_unselect_range;
  iface->select_all = da_slot_model_select_all;
  iface->unselect_all = da_slot_model_unselect_all;
  iface->set_selection = da_slot_model_set_selection;
}

static void
da_slot_model_finalize (GObject *object)
{
  DaSlotModel *self = (DaSlotModel *)object;

  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (da_slot_model_parent_class)->finalize (object);
}

static void
da_slot_model_class_init (DaSlotModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = da_slot_model_finalize;
}

static void
da_slot_model_init (DaSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Shows @n slots, making the ones missing. */
static void
slot_model_set_n_shown (DaSlotModel *self,
                        guint        n)
{
  guint old = self->n_shown;

  if (n == old)
    return;

  while (self->slots->len < n)
    g_ptr_array_add (self->slots, g_object_new (DA_TYPE_ROW_SLOT, NULL));

  /* Slots out of view show nothing, so that they hold no item. */
  for (guint i = n; i < old; i++)
    row_slot_set_item (g_ptr_array_index (self->slots, i), NULL);

  self->n_shown = n;
  if (n > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n, old - n, 0);
}

/* ---- DaRowViewport ----------------------------------------------------------------------- */

struct _DaRowViewport
{
  GtkWidget            parent_instance;

  GtkColumnView       *child;
  GtkSelectionModel   *model;
  DaSlotModel         *slots;
  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  GtkScrollablePolicy  hscroll_policy;
  GtkScrollablePolicy  vscroll_policy;
  GtkAdjustment       *inner;          /* the column view's vertical adjustment */

  guint                offset;         /* the model's position shown in the first row */
  double               sub;            /* pixels of the first row scrolled out of view */
  int                  row_height;     /* 0 until a row is laid out */
  int                  list_height;    /* the height the column view gives its rows */
  int                  height;
  guint                capacity;       /* rows made */
  guint                sync_tick;      /* rows to change after a layout */
  guint                anchor;         /* where a selection with Shift starts */
  gboolean             updating;       /* the adjustments are being set by us */
  gboolean             allocating;
};

enum {
  PROP_0,
  PROP_CHILD,
  PROP_MODEL,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties [N_PROPS];

static GQuark inner_factory_quark;
static GQuark cell_tooltip_quark;

static void da_row_viewport_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DaRowViewport, da_row_viewport, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      da_row_viewport_scrollable_init))

static GtkSelectionModel *
viewport_model (DaRowViewport *self)
{
  return self->model;
}

static guint
viewport_offset (DaRowViewport *self)
{
  return self->offset;
}

static void
viewport_set_anchor (DaRowViewport *self,
                     guint          position)
{
  self->anchor = position;
}

static guint
n_model_items (DaRowViewport *self)
{
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

static int
row_height (DaRowViewport *self)
{
  return self->row_height > 0 ? self->row_height : GUESSED_ROW_HEIGHT;
}

/* The height of a row: measured once the first row is laid out, or asked of it before. */
static int
estimate_row_height (DaRowViewport *self)
{
  GtkWidget *row;
  int nat = 0;

  if (self->row_height > 0)
    return self->row_height;
  if (self->slots->n_shown == 0)
    return 0;

  row = row_slot_get_row (g_ptr_array_index (self->slots->slots, 0));
  if (row != NULL)
    gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL, NULL);

  return nat;
}

/* Before the first layout: the height of what shares the window's height with the view, the
 * natural heights of the siblings of the view and of its ancestors in vertical boxes (header
 * bars, a search bar, a footer), at their natural width: a few widgets measured, where a
 * row too many would be made, bound, laid out and drawn. */
static int
estimate_height_above_and_below (DaRowViewport *self,
                                 GtkWidget     *root)
{
  int total = 0;

  for (GtkWidget *w = GTK_WIDGET (self); w != NULL && w != root; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (!GTK_IS_BOX (parent) ||
          gtk_orientable_get_orientation (GTK_ORIENTABLE (parent)) != GTK_ORIENTATION_VERTICAL)
        continue;

      for (GtkWidget *sibling = gtk_widget_get_first_child (parent);
           sibling != NULL;
           sibling = gtk_widget_get_next_sibling (sibling))
        {
          int natural;

          if (sibling == w || !gtk_widget_get_visible (sibling))
            continue;
          gtk_widget_measure (sibling, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
          total += natural + gtk_box_get_spacing (GTK_BOX (parent));
        }
    }

  return total;
}

/* The rows the view needs: as many as fit, and one more for a row half scrolled out. Before
 * the first layout, as many as would fit the window less what is above and below the view.
 * Rows once made stay: fewer are shown only when the model has fewer items. */
static guint
rows_wanted (DaRowViewport *self)
{
  guint n = n_model_items (self);
  int r = estimate_row_height (self);
  int height = self->list_height;
  guint wanted;

  /* No rows, or no row yet to tell their height: what surrounds the view need not be measured
   * (a page not yet in its window would measure its bars with a style they lose). */
  if (n == 0 || r <= 0)
    return MIN (n, 1);

  if (height <= 0)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;
      /* Before the window's first layout: the height it will open at, unless it fills the
       * screen. Rows made beyond the view are laid out in the first frame for nothing. */
      if (height <= 0 && GTK_IS_WINDOW (root) && !gtk_window_is_maximized (GTK_WINDOW (root)) &&
          !gtk_window_is_fullscreen (GTK_WINDOW (root)))
        {
          int width; /* GTK 4.8 takes no NULL here */

          gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
        }
      if (height <= 0)
        height = 1000;
      /* Never less than half the window: should the estimate of the rest be off, the rows
       * missing would come a frame later. */
      height = MAX (height - estimate_height_above_and_below (self, GTK_WIDGET (root)),
                    height / 2);
    }

  wanted = (guint) ceil ((double) height / r) + 1;
  self->capacity = MAX (self->capacity, wanted);

  return MIN (n, self->capacity);
}

static guint
max_offset (DaRowViewport *self)
{
  guint n = n_model_items (self);

  return n > self->slots->n_shown ? n - self->slots->n_shown : 0;
}

/* Each row shows the model's item at its position. */
static void
refresh_rows (DaRowViewport *self)
{
  for (guint i = 0; i < self->slots->n_shown; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                       self->offset + i);

      row_slot_set_item (g_ptr_array_index (self->slots->slots, i), item);
    }
}

/* Tells the column view which of its rows are selected now, for the rows whose state it last
 * saw otherwise. Never more: GTK 4.8 unbinds and binds a row again (its labels laid out again)
 * for every position in a selection change, and a row that shows another item is bound to it by
 * row_slot_set_item() already. */
static void
update_selection (DaRowViewport *self)
{
  GtkSelectionModel *slots = GTK_SELECTION_MODEL (self->slots);
  guint start = G_MAXUINT;

  for (guint i = 0; i <= self->slots->n_shown; i++)
    {
      gboolean changed = FALSE;

      if (i < self->slots->n_shown)
        {
          DaRowSlot *slot = g_ptr_array_index (self->slots->slots, i);
          gboolean selected = self->model != NULL &&
                              gtk_selection_model_is_selected (self->model, self->offset + i);

          changed = selected != slot->selected;
        }

      if (changed && start == G_MAXUINT)
        start = i;
      else if (!changed && start != G_MAXUINT)
        {
          gtk_selection_model_selection_changed (slots, start, i - start);
          start = G_MAXUINT;
        }
    }
}

/* ---- Focus ---- */

/* The row that holds the keyboard focus, or -1. */
static int
focused_row (DaRowViewport *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || self->child == NULL ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->child)))
    return -1;

  for (guint i = 0; i < self->slots->n_shown; i++)
    {
      GtkWidget *row = row_slot_get_row (g_ptr_array_index (self->slots->slots, i));

      if (row != NULL && (row == focus || gtk_widget_is_ancestor (focus, row)))
        return (int) i;
    }

  return -1;
}

static void
focus_row (DaRowViewport *self,
           guint          row)
{
  GtkWidget *widget;

  if (row >= self->slots->n_shown)
    return;

  widget = row_slot_get_row (g_ptr_array_index (self->slots->slots, row));
  if (widget != NULL)
    gtk_widget_grab_focus (widget);
}

/* ---- Scrolling ---- */

static void
configure_vadjustment (DaRowViewport *self)
{
  double height, upper, value;
  int r = row_height (self);

  if (self->vadjustment == NULL)
    return;

  height = MAX (self->height, 0);
  upper = (double) n_model_items (self) * r + MAX (0, self->height - self->list_height);
  upper = MAX (upper, height);
  value = (double) self->offset * r + self->sub;
  value = CLAMP (value, 0, upper - height);

  self->updating = TRUE;
  gtk_adjustment_configure (self->vadjustment, value, 0, upper, r,
                            MAX (r, self->list_height - r), height);
  self->updating = FALSE;
}

static void
set_inner_value (DaRowViewport *self)
{
  double most, value;

  if (self->inner == NULL || self->slots->n_shown == 0)
    return;

  /* No further than the rows reach: the column view refuses a position past them. */
  most = MAX (0, (double) self->slots->n_shown * row_height (self) - self->list_height);
  value = MIN (self->sub, most);
  if (fabs (gtk_adjustment_get_value (self->inner) - value) < 0.5)
    return;

  self->updating = TRUE;
  gtk_adjustment_set_value (self->inner, value);
  self->updating = FALSE;
}

/* Shows the rows from @offset, the first @sub pixels of the first one scrolled out; keeps the
 * keyboard focus on the item that had it while it stays in view. */
static void
scroll_rows (DaRowViewport *self,
             guint          offset,
             double         sub)
{
  int focused = focused_row (self);
  guint focused_position = focused >= 0 ? self->offset + (guint) focused : 0;

  offset = MIN (offset, max_offset (self));
  self->sub = MAX (0, sub);

  if (offset != self->offset)
    {
      self->offset = offset;
      refresh_rows (self);
      update_selection (self);

      if (focused >= 0 && focused_position >= offset &&
          focused_position < offset + self->slots->n_shown)
        focus_row (self, focused_position - offset);
    }

  set_inner_value (self);
}

static void queue_sync (DaRowViewport *self);

static void
on_vadjustment_value_changed_cb (DaRowViewport *self)
{
  double value;
  int r = row_height (self);
  guint offset;

  if (self->updating || self->vadjustment == NULL)
    return;
  if (self->allocating)
    {
      queue_sync (self);
      return;
    }

  value = gtk_adjustment_get_value (self->vadjustment);
  offset = MIN ((guint) (MAX (0, value) / r), max_offset (self));
  scroll_rows (self, offset, value - (double) offset * r);
}

/* The column view scrolled its rows itself (to show a focused row half out of view): the
 * scrolled window follows. */
static void
on_inner_value_changed_cb (DaRowViewport *self)
{
  double value;

  if (self->updating || self->vadjustment == NULL || self->allocating)
    return;

  value = (double) self->offset * row_height (self) + gtk_adjustment_get_value (self->inner);
  gtk_adjustment_set_value (self->vadjustment, value);
}

/* Scrolls as little as needed for the model's row @position to be wholly in view. */
static void
scroll_to_position (DaRowViewport *self,
                    guint          position)
{
  int r = row_height (self);
  double top = (double) position * r;
  double value = (double) self->offset * r + self->sub;
  double shown = MAX (r, self->list_height);

  if (self->vadjustment == NULL)
    return;

  if (top < value)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (top + r > value + shown)
    gtk_adjustment_set_value (self->vadjustment, top + r - shown);
}

/* ---- The model ---- */

static void
update_n_rows (DaRowViewport *self)
{
  /* The first row, once made, says how high rows are. */
  slot_model_set_n_shown (self->slots, rows_wanted (self));
  if (self->slots->n_shown == 1)
    slot_model_set_n_shown (self->slots, rows_wanted (self));
  self->offset = MIN (self->offset, max_offset (self));
}

static void
on_model_items_changed_cb (DaRowViewport *self,
                           guint          position,
                           guint          removed,
                           guint          added)
{
  guint n_before = n_model_items (self) - added + removed;

  /* Rows inserted or removed above the first row in view keep it in view; when the first rows
   * in view went, the view shows from where the change began. */
  if (self->offset < n_before && position + removed <= self->offset)
    self->offset = self->offset - removed + added;
  else if (position < self->offset)
    self->offset = position;

  update_n_rows (self);
  refresh_rows (self);
  update_selection (self);
  configure_vadjustment (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_model_selection_changed_cb (DaRowViewport *self,
                               guint          position,
                               guint          n_items)
{
  guint start = MAX (position, self->offset);
  guint end = MIN (position + n_items, self->offset + self->slots->n_shown);

  if (start < end)
    update_selection (self);
}

/* ---- Factories ---- */

static DaRowSlot *
list_item_slot (GtkListItem *list_item)
{
  gpointer item = gtk_list_item_get_item (list_item);

  return DA_IS_ROW_SLOT (item) ? item : NULL;
}

static void
wrapper_setup_cb (GtkSignalListItemFactory *wrapper,
                  GtkListItem              *list_item,
                  GtkSignalListItemFactory *inner)
{
  g_signal_emit_by_name (inner, "setup", list_item);
}

static void
wrapper_bind_cb (GtkSignalListItemFactory *wrapper,
                 GtkListItem              *list_item,
                 GtkSignalListItemFactory *inner)
{
  DaRowSlot *slot = list_item_slot (list_item);
  Bound bound = { list_item, inner };

  if (slot == NULL)
    return;

  g_array_append_val (slot->bound, bound);
  if (slot->item != NULL)
    g_signal_emit_by_name (inner, "bind", list_item);
}

static void
wrapper_unbind_cb (GtkSignalListItemFactory *wrapper,
                   GtkListItem              *list_item,
                   GtkSignalListItemFactory *inner)
{
  DaRowSlot *slot = list_item_slot (list_item);

  if (slot == NULL)
    return;

  for (guint i = 0; i < slot->bound->len; i++)
    if (g_array_index (slot->bound, Bound, i).list_item == list_item)
      {
        g_array_remove_index_fast (slot->bound, i);
        break;
      }

  if (slot->item != NULL)
    g_signal_emit_by_name (inner, "unbind", list_item);
}

static void
wrapper_teardown_cb (GtkSignalListItemFactory *wrapper,
                     GtkListItem              *list_item,
                     GtkSignalListItemFactory *inner)
{
  g_signal_emit_by_name (inner, "teardown", list_item);
}

static void on_column_factory_changed_cb (DaRowViewport       *self,
                                          GParamSpec          *pspec,
                                          GtkColumnViewColumn *column);

/* Puts the column's factory inside one that knows the slots. */
static void
wrap_column (DaRowViewport       *self,
             GtkColumnViewColumn *column)
{
  GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);
  g_autoptr(GtkListItemFactory) wrapper = NULL;

  if (g_object_get_data (G_OBJECT (column), "da-row-viewport") != self)
    {
      g_object_set_data (G_OBJECT (column), "da-row-viewport", self);
      g_signal_connect_object (column, "notify::factory",
                               G_CALLBACK (on_column_factory_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  if (factory == NULL || g_object_get_qdata (G_OBJECT (factory), inner_factory_quark) != NULL)
    return;

  if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory))
    {
      g_critical ("DaRowViewport: the column “%s” has a %s, not a GtkSignalListItemFactory",
                  gtk_column_view_column_get_title (column), G_OBJECT_TYPE_NAME (factory));
      return;
    }

  wrapper = gtk_signal_list_item_factory_new ();
  g_object_set_qdata_full (G_OBJECT (wrapper), inner_factory_quark, g_object_ref (factory),
                           g_object_unref);
  g_signal_connect (wrapper, "setup", G_CALLBACK (wrapper_setup_cb), factory);
  g_signal_connect (wrapper, "bind", G_CALLBACK (wrapper_bind_cb), factory);
  g_signal_connect (wrapper, "unbind", G_CALLBACK (wrapper_unbind_cb), factory);
  g_signal_connect (wrapper, "teardown", G_CALLBACK (wrapper_teardown_cb), factory);

  gtk_column_view_column_set_factory (column, wrapper);
}

static void
on_column_factory_changed_cb (DaRowViewport       *self,
                              GParamSpec          *pspec,
                              GtkColumnViewColumn *column)
{
  wrap_column (self, column);
}

static void
on_columns_changed_cb (DaRowViewport *self,
                       guint          position,
                       guint          removed,
                       guint          added,
                       GListModel    *columns)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      wrap_column (self, column);
    }
}

/* ---- Keyboard ---- */

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   DaRowViewport         *self)
{
  int row = focused_row (self);
  guint n = n_model_items (self);
  guint cursor, target, page;
  gboolean modify = (state & GDK_CONTROL_MASK) != 0;
  gboolean extend = (state & GDK_SHIFT_MASK) != 0;

  if (row < 0 || n == 0)
    return FALSE;

  cursor = self->offset + (guint) row;
  page = MAX (1, self->list_height / row_height (self) - 1);

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      target = cursor > 0 ? cursor - 1 : 0;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = MIN (cursor + 1, n - 1);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      target = cursor > page ? cursor - page : 0;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      target = MIN (cursor + page, n - 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = n - 1;
      break;
    default:
      return FALSE;
    }

  scroll_to_position (self, target);
  focus_row (self, target - self->offset);

  /* As GTK's lists: the cursor selects, Shift extends the selection, Ctrl only moves. */
  if (!modify)
    {
      if (extend && !GTK_IS_SINGLE_SELECTION (self->model))
        {
          guint from = MIN (self->anchor, n - 1);

          gtk_selection_model_select_range (self->model, MIN (from, target),
                                            MAX (from, target) - MIN (from, target) + 1, TRUE);
        }
      else
        {
          self->anchor = target;
          gtk_selection_model_select_item (self->model, target, TRUE);
        }
    }

  return TRUE;
}

/* ---- GtkWidget ---- */

static void
allocate_child (DaRowViewport *self,
                int            width,
                int            height)
{
  int min, nat;

  gtk_widget_measure (GTK_WIDGET (self->child), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat,
                      NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->child), GTK_ORIENTATION_VERTICAL, width, &min, &nat,
                      NULL, NULL);
  gtk_widget_allocate (GTK_WIDGET (self->child), width, height, -1, NULL);
}

/* The height of a laid out row: from its top to the next row's, so its border (the separator
 * under it) and margins count, which gtk_widget_get_height() (the content) leaves out. */
static int
laid_out_row_height (DaRowViewport *self)
{
  GtkWidget *first = NULL;
  GtkWidget *second = NULL;
  graphene_point_t point;
  graphene_rect_t bounds;

  if (self->slots->n_shown > 0)
    first = row_slot_get_row (g_ptr_array_index (self->slots->slots, 0));
  if (first == NULL)
    return 0;
  if (self->slots->n_shown > 1)
    second = row_slot_get_row (g_ptr_array_index (self->slots->slots, 1));

  if (second != NULL &&
      gtk_widget_compute_point (second, first, &GRAPHENE_POINT_INIT (0, 0), &point) &&
      point.y >= 1)
    return (int) round (point.y);
  if (gtk_widget_compute_bounds (first, first, &bounds))
    return (int) ceil (bounds.size.height);

  return 0;
}

static void
measure_rows (DaRowViewport *self)
{
  int r = laid_out_row_height (self);

  if (r > 0)
    self->row_height = r;
  if (self->inner != NULL)
    self->list_height = (int) gtk_adjustment_get_page_size (self->inner);
}

/* Rows for the view, and the rows showing the items at the scrolled window's value. Never
 * during a layout: rows made or bound again then would ask for another layout of the scrolled
 * window being laid out. */
static void
sync_rows (DaRowViewport *self)
{
  update_n_rows (self);
  configure_vadjustment (self);
  on_vadjustment_value_changed_cb (self);
  refresh_rows (self);
  set_inner_value (self);
}

static gboolean
sync_rows_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  DaRowViewport *self = DA_ROW_VIEWPORT (widget);

  self->sync_tick = 0;
  sync_rows (self);
  gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

static void
queue_sync (DaRowViewport *self)
{
  if (self->sync_tick == 0)
    self->sync_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), sync_rows_tick_cb, NULL,
                                                    NULL);
}

static void
da_row_viewport_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DaRowViewport *self = DA_ROW_VIEWPORT (widget);
  guint offset;
  double value;

  self->height = height;
  if (self->child == NULL)
    return;

  self->allocating = TRUE;
  allocate_child (self, width, height);
  measure_rows (self);
  configure_vadjustment (self);
  self->allocating = FALSE;

  /* More rows needed (the view grew), or the rows at the value are others (it had to move for
   * the list to end at the bottom): before the next frame. */
  value = self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
  offset = MIN ((guint) (MAX (0, value) / row_height (self)), max_offset (self));
  if (rows_wanted (self) > self->slots->n_shown || offset != self->offset ||
      fabs (value - ((double) offset * row_height (self) + self->sub)) > 0.5 ||
      (self->inner != NULL && fabs (gtk_adjustment_get_value (self->inner) - self->sub) > 0.5))
    queue_sync (self);
}

static void
da_row_viewport_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  DaRowViewport *self = DA_ROW_VIEWPORT (widget);

  *minimum = *natural = 0;
  if (self->child != NULL)
    gtk_widget_measure (GTK_WIDGET (self->child), orientation, for_size, minimum, natural,
                        NULL, NULL);
}

static GtkSizeRequestMode
da_row_viewport_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* ---- GtkScrollable ---- */

static void
set_hadjustment (DaRowViewport *self,
                 GtkAdjustment *adjustment)
{
  if (self->hadjustment == adjustment)
    return;

  g_set_object (&self->hadjustment, adjustment);
  if (self->child != NULL)
    gtk_scrollable_set_hadjustment (GTK_SCROLLABLE (self->child), adjustment);
  g_object_notify (G_OBJECT (self), "hadjustment");
}

static void
set_vadjustment (DaRowViewport *self,
                 GtkAdjustment *adjustment)
{
  if (self->vadjustment == adjustment)
    return;

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_set_object (&self->vadjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "value-changed",
                             G_CALLBACK (on_vadjustment_value_changed_cb), self,
                             G_CONNECT_SWAPPED);
  configure_vadjustment (self);
  g_object_notify (G_OBJECT (self), "vadjustment");
}

static gboolean
da_row_viewport_get_border (GtkScrollable *scrollable,
                            GtkBorder     *border)
{
  DaRowViewport *self = DA_ROW_VIEWPORT (scrollable);

  return self->child != NULL && gtk_scrollable_get_border (GTK_SCROLLABLE (self->child), border);
}

/* ---- GObject ---- */

static void
da_row_viewport_dispose (GObject *object)
{
  DaRowViewport *self = (DaRowViewport *)object;

  /* Quietly: the scrolled window and the page may be going too. */
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  if (self->child != NULL)
    {
      gtk_column_view_set_model (self->child, NULL);
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_columns (self->child), self);
      gtk_widget_unparent (GTK_WIDGET (self->child));
      self->child = NULL;
    }
  if (self->inner != NULL)
    g_signal_handlers_disconnect_by_data (self->inner, self);
  g_clear_object (&self->inner);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->slots);
  if (self->sync_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->sync_tick);
  self->sync_tick = 0;

  G_OBJECT_CLASS (da_row_viewport_parent_class)->dispose (object);
}

static void
da_row_viewport_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DaRowViewport *self = DA_ROW_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_row_viewport_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DaRowViewport *self = DA_ROW_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      da_row_viewport_set_child (self, g_value_get_object (value));
      break;
    case PROP_MODEL:
      da_row_viewport_set_model (self, g_value_get_object (value));
      break;
    case PROP_HADJUSTMENT:
      set_hadjustment (self, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_vadjustment (self, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (GtkScrollablePolicy) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          if (self->child != NULL)
            gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (self->child), self->hscroll_policy);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (GtkScrollablePolicy) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
da_row_viewport_class_init (DaRowViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = da_row_viewport_dispose;
  object_class->get_property = da_row_viewport_get_property;
  object_class->set_property = da_row_viewport_set_property;

  widget_class->size_allocate = da_row_viewport_size_allocate;
  widget_class->measure = da_row_viewport_measure;
  widget_class->get_request_mode = da_row_viewport_get_request_mode;

  properties [PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_COLUMN_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, GTK_TYPE_SELECTION_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "rowviewport");

  inner_factory_quark = g_quark_from_static_string ("da-row-viewport-inner-factory");
  cell_tooltip_quark = g_quark_from_static_string ("da-cell-tooltip");
}

static void
da_row_viewport_init (DaRowViewport *self)
{
  GtkEventController *keys;

  self->slots = g_object_new (DA_TYPE_SLOT_MODEL, NULL);
  self->slots->viewport = self;

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

static void
da_row_viewport_scrollable_init (GtkScrollableInterface *iface)
{
  iface->get_border = da_row_viewport_get_border;
}

/* ---- Public API -------------------------------------------------------------------------- */

GtkWidget *
da_row_viewport_new (void)
{
  return g_object_new (DA_TYPE_ROW_VIEWPORT, NULL);
}

void
da_row_viewport_set_child (DaRowViewport *self,
                           GtkColumnView *child)
{
  GListModel *columns;

  g_return_if_fail (DA_IS_ROW_VIEWPORT (self));
  g_return_if_fail (child == NULL || GTK_IS_COLUMN_VIEW (child));

  if (self->child == child)
    return;

  if (self->child != NULL)
    {
      gtk_column_view_set_model (self->child, NULL);
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_columns (self->child), self);
      gtk_widget_unparent (GTK_WIDGET (self->child));
      self->child = NULL;
    }
  if (self->inner != NULL)
    g_signal_handlers_disconnect_by_data (self->inner, self);
  g_clear_object (&self->inner);

  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (self));

      /* The column view scrolls its rows by the pixels of a row; the rest is ours. */
      self->inner = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
      g_signal_connect_object (self->inner, "value-changed",
                               G_CALLBACK (on_inner_value_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_scrollable_set_vadjustment (GTK_SCROLLABLE (child), self->inner);
      gtk_scrollable_set_hadjustment (GTK_SCROLLABLE (child), self->hadjustment);
      gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (child), self->hscroll_policy);

      columns = gtk_column_view_get_columns (child);
      g_signal_connect_object (columns, "items-changed", G_CALLBACK (on_columns_changed_cb), self,
                               G_CONNECT_SWAPPED);
      on_columns_changed_cb (self, 0, 0, g_list_model_get_n_items (columns), columns);

      gtk_column_view_set_model (child, GTK_SELECTION_MODEL (self->slots));
    }

  self->row_height = 0;
  self->list_height = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHILD]);
}

GtkColumnView *
da_row_viewport_get_child (DaRowViewport *self)
{
  g_return_val_if_fail (DA_IS_ROW_VIEWPORT (self), NULL);

  return self->child;
}

void
da_row_viewport_set_model (DaRowViewport     *self,
                           GtkSelectionModel *model)
{
  g_return_if_fail (DA_IS_ROW_VIEWPORT (self));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (on_model_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "selection-changed",
                               G_CALLBACK (on_model_selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->offset = 0;
  self->sub = 0;
  self->anchor = 0;
  update_n_rows (self);
  refresh_rows (self);
  update_selection (self);
  configure_vadjustment (self);
  set_inner_value (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

GtkSelectionModel *
da_row_viewport_get_model (DaRowViewport *self)
{
  g_return_val_if_fail (DA_IS_ROW_VIEWPORT (self), NULL);

  return self->model;
}

guint
da_row_viewport_get_position (DaRowViewport *self,
                              guint          row)
{
  g_return_val_if_fail (DA_IS_ROW_VIEWPORT (self), GTK_INVALID_LIST_POSITION);

  if (row >= self->slots->n_shown)
    return GTK_INVALID_LIST_POSITION;

  return self->offset + row;
}

guint
da_row_viewport_get_n_rows (DaRowViewport *self)
{
  g_return_val_if_fail (DA_IS_ROW_VIEWPORT (self), 0);

  return self->slots->n_shown;
}

gpointer
da_list_item_get_item (GtkListItem *list_item)
{
  gpointer item;

  g_return_val_if_fail (GTK_IS_LIST_ITEM (list_item), NULL);

  item = gtk_list_item_get_item (list_item);
  if (DA_IS_ROW_SLOT (item))
    return DA_ROW_SLOT (item)->item;

  return item;
}

static gboolean
on_query_cell_tooltip_cb (GtkWidget  *cell,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = da_cell_get_tooltip (cell);

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
da_cell_set_tooltip (GtkWidget  *cell,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  if (g_strcmp0 (text, da_cell_get_tooltip (cell)) == 0)
    return;

  if (!gtk_widget_get_has_tooltip (cell))
    {
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (on_query_cell_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (cell, TRUE);
    }

  g_object_set_qdata_full (G_OBJECT (cell), cell_tooltip_quark, g_strdup (text), g_free);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

const char *
da_cell_get_tooltip (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  if (cell_tooltip_quark == 0)
    return NULL;

  return g_object_get_qdata (G_OBJECT (cell), cell_tooltip_quark);
}

GtkSelectionModel *
da_column_view_get_list_model (GtkColumnView *column_view)
{
  GtkWidget *parent;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);

  parent = gtk_widget_get_parent (GTK_WIDGET (column_view));
  if (DA_IS_ROW_VIEWPORT (parent))
    return DA_ROW_VIEWPORT (parent)->model;

  return gtk_column_view_get_model (column_view);
}

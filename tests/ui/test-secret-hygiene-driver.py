#!/usr/bin/python3
# test-secret-hygiene-driver.py: signs in to the running app through its welcome page, over
# AT-SPI, and opens every page
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by tests/ui/test-secret-hygiene.c, which started the app. The server address and the key
# come on stdin, one line each, so that the key is on no command line and in no environment.
# Both are typed into the welcome page as an on-screen keyboard would (AT-SPI's EditableText),
# Sign In is pressed, and each page of the sidebar is chosen in turn and waited for. Prints one
# line per step on stdout ("step …", "page …"), "error …" on a failure, and "done" at the end;
# never the key.

import functools
import os
import sys
import time

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as error:
    print(f'skip no AT-SPI bindings: {error}', flush=True)
    sys.exit(0)

# The helpers the AT-SPI tests share are beside them.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'atspi'))
from atspi_tree import children, find_app, walk  # noqa: E402
from atspi_tree import wait_for as wait_for_within  # noqa: E402

TIMEOUT = 60.0
wait_for = functools.partial(wait_for_within, timeout=TIMEOUT)


def say(text):
    print(text, flush=True)


# What the pages show is in scrolled windows and lists, which may hold hundreds of rows, each
# a round trip on the bus: searches for the window's own widgets leave them out.
CONTENT_ROLES = {Atspi.Role.SCROLL_PANE, Atspi.Role.LIST, Atspi.Role.TABLE, Atspi.Role.TREE_TABLE,
                 Atspi.Role.TREE}


def walk_chrome(node):
    yield node
    if node.get_role() in CONTENT_ROLES:
        return
    for child in children(node):
        yield from walk_chrome(child)


def find(root, role=None, name=None, prefix=None):
    for node in walk(root):
        if role is not None and node.get_role() != role:
            continue
        if name is not None and node.get_name() != name:
            continue
        if prefix is not None and not node.get_name().startswith(prefix):
            continue
        return node
    return None


def type_into(node, text):
    """Replaces the text of an entry, as an on-screen keyboard does."""
    editable = node.get_editable_text_iface()
    return editable is not None and editable.set_text_contents(text)


def main():
    url = sys.stdin.readline().strip()
    key = sys.stdin.readline().strip()
    if not url or not key:
        say('error no server address or key on stdin')
        return 1

    app = wait_for(find_app)
    if app is None:
        say('error the app is not on the accessibility bus')
        return 1
    say('step the app is on the accessibility bus')

    frame = wait_for(lambda: find(app, Atspi.Role.FRAME))
    key_entry = wait_for(lambda: find(frame, Atspi.Role.TEXT, 'Enterprise Admin API Key')
                         or find(frame, Atspi.Role.PASSWORD_TEXT, 'Enterprise Admin API Key'))
    address_entry = wait_for(lambda: find(frame, Atspi.Role.TEXT, 'API Address'))
    if key_entry is None or address_entry is None:
        say('error no key or address entry on the welcome page')
        return 1
    say('step the welcome page is shown')

    if not type_into(address_entry, url) or not type_into(key_entry, key):
        say('error the entries could not be typed into')
        return 1
    key = None
    say('step the address and the key are typed')

    button = wait_for(lambda: find(frame, Atspi.Role.PUSH_BUTTON, prefix='Sign In'))
    action = button.get_action_iface() if button is not None else None
    if action is None or not action.do_action(0):
        say('error Sign In could not be pressed')
        return 1
    say('step Sign In is pressed')

    def sidebar():
        Atspi.Accessible.clear_cache(frame)
        pages = find(frame, Atspi.Role.LIST, 'Pages')
        return pages if pages is not None and pages.get_child_count() > 0 else None
    pages = wait_for(sidebar)
    if pages is None:
        say('error the window with the pages did not come')
        return 1
    names = [child.get_name() for child in children(pages)]
    say(f'step signed in; pages: {", ".join(names)}')

    selection = pages.get_selection_iface()
    # Last to first, so that each choice changes what is shown; the Overview is already shown.
    for index, name in reversed(list(enumerate(names))):
        item = find(pages, name=name)

        def shown():
            Atspi.Accessible.clear_cache(frame)
            selected = item.get_state_set().contains(Atspi.StateType.SELECTED)
            titles = [label for label in walk_chrome(frame)
                      if label.get_role() == Atspi.Role.LABEL and label.get_name() == name and
                      label.get_parent() is not None and
                      label.get_parent().get_parent() is not None and
                      label.get_parent().get_parent().get_name() == 'AdwWindowTitle']
            return selected and titles
        if item is None or selection is None or not selection.select_child(index) or \
                wait_for(shown) is None:
            say(f'error the page "{name}" did not open')
            return 1
        # Time for the page's first requests to be answered and shown.
        time.sleep(1.5)
        say(f'page {name}')

    say('done')
    return 0


if __name__ == '__main__':
    sys.exit(main())

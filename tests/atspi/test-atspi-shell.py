#!/usr/bin/python3
# test-atspi-shell.py: `devin-admin --demo` driven over AT-SPI, as a screen-reader user would
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside tests/run-test.sh (Xvfb, a private session bus; the accessibility bus starts by
# D-Bus activation). Starts the app binary named by DA_APP_BINARY, finds it on the desktop, and
# checks that the window says it is a demo, that every page of the sidebar is reachable by its
# accessible name and shows when chosen, and that every button has a name. Prints TAP.

import collections
import functools
import os
import subprocess
import sys
import time

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, Gio, GLib
except (ImportError, ValueError) as error:
    print(f'1..0 # SKIP no AT-SPI bindings: {error}')
    sys.exit(0)

from atspi_tree import children, find_app  # noqa: E402
from atspi_tree import wait_for as wait_for_within  # noqa: E402

TIMEOUT = 30.0
wait_for = functools.partial(wait_for_within, timeout=TIMEOUT)
BUTTON_ROLES = {
    Atspi.Role.PUSH_BUTTON,
    Atspi.Role.TOGGLE_BUTTON,
    Atspi.Role.RADIO_BUTTON,
    Atspi.Role.CHECK_BOX,
    Atspi.Role.SWITCH if hasattr(Atspi.Role, 'SWITCH') else Atspi.Role.TOGGLE_BUTTON,
}


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, ok, description, detail=None):
        self.count += 1
        if ok:
            print(f'ok {self.count} - {description}')
        else:
            self.failed += 1
            print(f'not ok {self.count} - {description}')
            if detail:
                for line in str(detail).splitlines():
                    print(f'# {line}')
        sys.stdout.flush()
        return ok

    def note(self, text):
        for line in str(text).splitlines():
            print(f'# {line}')
        sys.stdout.flush()

    def finish(self):
        print(f'1..{self.count}')
        sys.stdout.flush()


def walk_breadth_first(node):
    """The shallow nodes first: the window's headers and sidebar come before the depths of the
    pages, so a search for them stops early. Every node is a few D-Bus calls."""
    queue = collections.deque([node])
    while queue:
        node = queue.popleft()
        yield node
        queue.extend(children(node))


# GTK 4.8 sets SHOWING on windows only, and the pages of a stack that are not shown are in the
# tree too: searches look at the whole window, shallow nodes first.
def find(root, role=None, name=None):
    for node in walk_breadth_first(root):
        if role is not None and node.get_role() != role:
            continue
        if name is not None and node.get_name() != name:
            continue
        return node
    return None


class Snapshot:
    """The whole accessible tree of a window, read level by level with every D-Bus call of a
    level in flight at once. Read one call after the other (as Atspi does), the eight pages'
    thousands of objects took half a minute; the app answers the same questions either way."""

    def __init__(self, connection, bus_name, root_path, until=None):
        self.connection = connection
        self.bus_name = bus_name
        self.nodes = []  # dicts: path, role, name, children, parent (an index or None)
        self.failed = []
        context = GLib.MainContext.default()
        level = [(root_path, None)]
        while level:
            pending = [0]
            fetched = [dict(path=path, parent=parent, role=None, name=None, children=[])
                       for path, parent in level]
            for node in fetched:
                self._ask(node, 'org.a11y.atspi.Accessible', 'GetRole', None, '(u)',
                          lambda node, value: node.update(role=value[0]), pending)
                self._ask(node, 'org.freedesktop.DBus.Properties', 'Get',
                          GLib.Variant('(ss)', ('org.a11y.atspi.Accessible', 'Name')), '(v)',
                          lambda node, value: node.update(name=value[0]), pending)
                self._ask(node, 'org.a11y.atspi.Accessible', 'GetChildren', None, '(a(so))',
                          lambda node, value: node.update(children=value[0]), pending)
            while pending[0] > 0:
                context.iteration(True)
            level = []
            for node in fetched:
                self.nodes.append(node)
                index = len(self.nodes) - 1
                level.extend((path, index) for name, path in node['children']
                             if name == bus_name)
            # A search reads no deeper than the level where it finds what it looks for.
            if until is not None and any(until(node) for node in fetched):
                break

    def _ask(self, node, interface, method, parameters, reply_type, store, pending):
        def done(connection, result):
            pending[0] -= 1
            try:
                store(node, connection.call_finish(result).unpack())
            except GLib.Error as error:  # an object that went away meanwhile
                self.failed.append(f'{node["path"]}: {error.message}')
        pending[0] += 1
        self.connection.call(self.bus_name, node['path'], interface, method, parameters,
                             GLib.VariantType(reply_type), Gio.DBusCallFlags.NONE, 10000, None,
                             done)

    def find(self, role=None, name=None, name_prefix=None):
        for node in self.nodes:
            if role is not None and node['role'] != int(role):
                continue
            if name is not None and node['name'] != name:
                continue
            if name_prefix is not None and not (node['name'] or '').startswith(name_prefix):
                continue
            return node
        return None

    def describe(self, node):
        """The object and its ancestors, for a failure's message."""
        parts = []
        while node is not None:
            role = Atspi.Role(node['role']).value_nick if node['role'] is not None else '?'
            parts.append(f'{role}:{node["name"]!r}')
            node = self.nodes[node['parent']] if node['parent'] is not None else None
        return ' < '.join(parts)

    def do_action(self, node):
        reply = self.connection.call_sync(self.bus_name, node['path'], 'org.a11y.atspi.Action',
                                          'DoAction', GLib.Variant('(i)', (0,)),
                                          GLib.VariantType('(b)'), Gio.DBusCallFlags.NONE,
                                          10000, None)
        return reply.unpack()[0]


def accessibility_bus():
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = session.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus', 'GetAddress',
                              None, GLib.VariantType('(s)'), Gio.DBusCallFlags.NONE, -1, None)
    return Gio.DBusConnection.new_for_address_sync(
        reply.unpack()[0],
        Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
        Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
        None, None)


def is_window_title(label):
    """A label of an AdwWindowTitle (a header's title)."""
    parent = label.get_parent()
    grandparent = parent.get_parent() if parent is not None else None
    return grandparent is not None and grandparent.get_name() == 'AdwWindowTitle'


def start_accessibility_bus(log):
    """Starts the accessibility bus ourselves, its output in the log: activated by the session
    bus, its registry would print a line into the test's output, which is TAP."""
    launcher = '/usr/libexec/at-spi-bus-launcher'
    if not os.path.exists(launcher):
        return None
    process = subprocess.Popen([launcher, '--launch-immediately'], stdout=log, stderr=log)
    time.sleep(0.5)
    return process


def main():
    tap = Tap()
    binary = os.environ.get('DA_APP_BINARY')
    if not binary or not os.path.exists(binary):
        print(f'1..0 # SKIP no app binary at {binary!r}')
        return 0

    env = dict(os.environ)
    env['GTK_A11Y'] = 'atspi'
    env.pop('NO_AT_BRIDGE', None)
    log = open(os.path.join(os.environ.get('DA_TEST_TMP', '/tmp'), 'app.log'), 'w')
    bus_process = start_accessibility_bus(log)
    app_process = subprocess.Popen([binary, '--demo'], env=env, stdout=log, stderr=log)

    try:
        app = wait_for(find_app)
        if not tap.check(app is not None, 'the app appears on the accessibility bus'):
            tap.finish()
            return 1

        frame = wait_for(lambda: find(app, Atspi.Role.FRAME))
        tap.check(frame is not None, 'the app has a window')

        def demo_title():
            Atspi.Accessible.clear_cache(frame)
            name = frame.get_name()
            return name if 'Demo' in name else None
        title = wait_for(demo_title)
        tap.check(title is not None, 'the window is marked as a demo',
                  frame.get_name() if frame else None)

        # The sidebar: a list called "Pages", its items named after the pages.
        pages = wait_for(lambda: find(frame, Atspi.Role.LIST, 'Pages'))
        tap.check(pages is not None, 'the sidebar is a list named "Pages"')
        items = [child for child in children(pages)] if pages else []
        names = [item.get_name() for item in items]
        tap.note(f'pages: {names}')
        tap.check(len(items) >= 1 and 'Overview' in names,
                  'the sidebar lists the pages, Overview first among them', names)
        tap.check(len(names) > 0 and all(name.strip() for name in names),
                  'every page has an accessible name', names)

        # The title heading the content: the header's title label that names the page shown
        # (the Overview at first). Found once; then each page's title is read from it, rather
        # than by searching every page's tree again.
        def content_title():
            for node in walk_breadth_first(frame):
                if node.get_role() == Atspi.Role.LABEL and node.get_name() == 'Overview' and \
                        is_window_title(node):
                    return node
            return None
        title = wait_for(content_title)
        tap.check(title is not None, 'the content\'s header is titled with the page shown')

        selection = pages.get_selection_iface() if pages else None
        # Last to first, so that each choice changes what is shown.
        for index, name in reversed(list(enumerate(names))):
            # Reached by its name, chosen through the list's selection, as Orca does.
            item = find(pages, name=name)
            ok = item is not None and selection is not None and selection.select_child(index)

            def page_shown():
                Atspi.Accessible.clear_cache(item)
                Atspi.Accessible.clear_cache(title)
                # The item is the selected one, and the page's title heads the content.
                selected = item.get_state_set().contains(Atspi.StateType.SELECTED)
                return selected and title.get_name() == name
            tap.check(ok and title is not None and wait_for(page_shown) is not None,
                      f'the page "{name}" opens')

        # From here on, the whole window is read at once (see Snapshot), every page included.
        bus = accessibility_bus()
        bus_name = app.get_bus_name() if hasattr(app, 'get_bus_name') else app.app.bus_name
        frame_path = frame.path

        # The Overview's figures read as one phrase each ("Members: 1,000").
        def members_figure():
            def is_figure(node):
                return (node['name'] or '').startswith('Members: ')
            return Snapshot(bus, bus_name, frame_path, until=is_figure).find(name_prefix='Members: ')
        figure = wait_for(members_figure)
        tap.check(figure is not None, 'the Overview reads its figures, e.g. "Members: …"')

        # Every button has a name a person can understand, none a raw mnemonic.
        snapshot = Snapshot(bus, bus_name, frame_path)
        button_roles = {int(role) for role in BUTTON_ROLES}
        unnamed = []
        buttons = 0
        for node in snapshot.nodes:
            if node['role'] in button_roles:
                buttons += 1
                name = (node['name'] or '').strip()
                if not name or '_' in name:
                    unnamed.append(snapshot.describe(node))
        tap.note(f'{buttons} buttons among {len(snapshot.nodes)} accessible objects')
        tap.check(buttons > 0 and not unnamed and not snapshot.failed,
                  'every button has an accessible name',
                  '\n'.join(unnamed + snapshot.failed))

        # Refresh is a named button that works from the accessibility bus.
        refresh = snapshot.find(Atspi.Role.PUSH_BUTTON, 'Refresh')
        ok = refresh is not None and snapshot.do_action(refresh)
        tap.check(ok and wait_for(members_figure) is not None,
                  'Refresh can be pressed and the Overview comes back')

        # The primary menu is reachable by name.
        menu = snapshot.find(Atspi.Role.PUSH_BUTTON, 'Main Menu') or \
            snapshot.find(Atspi.Role.TOGGLE_BUTTON, 'Main Menu')
        tap.check(menu is not None, 'the primary menu button is named "Main Menu"')
    finally:
        for process in (app_process, bus_process):
            if process is None:
                continue
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()

    tap.finish()
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())

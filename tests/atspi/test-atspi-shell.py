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

import os
import subprocess
import sys
import time

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as error:
    print(f'1..0 # SKIP no AT-SPI bindings: {error}')
    sys.exit(0)

TIMEOUT = 30.0
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


def wait_for(predicate, timeout=TIMEOUT, interval=0.2):
    """Polls @predicate until it returns something true; returns it, or None on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except Exception:  # the tree changes under us while the app works
            result = None
        if result:
            return result
        time.sleep(interval)
    return None


def children(node):
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield child


def walk(node):
    yield node
    for child in children(node):
        yield from walk(child)


# GTK 4.8 sets SHOWING on windows only, and the pages of a stack that are not shown are in the
# tree too: searches look at the whole window.
def find(root, role=None, name=None):
    for node in walk(root):
        if role is not None and node.get_role() != role:
            continue
        if name is not None and node.get_name() != name:
            continue
        return node
    return None


def find_all(root, role=None, name=None):
    return [node for node in walk(root)
            if (role is None or node.get_role() == role) and (name is None or node.get_name() == name)]


def find_app():
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        if app.get_name() in ('devin-admin', 'Devin Admin'):
            return app
    return None


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

        selection = pages.get_selection_iface() if pages else None
        # Last to first, so that each choice changes what is shown.
        for index, name in reversed(list(enumerate(names))):
            # Reached by its name, chosen through the list's selection, as Orca does.
            item = find(pages, name=name)
            ok = item is not None and selection is not None and selection.select_child(index)

            def page_shown():
                Atspi.Accessible.clear_cache(frame)
                # The item is the selected one, and the page's title heads the content.
                selected = item.get_state_set().contains(Atspi.StateType.SELECTED)
                header = [label for label in find_all(frame, Atspi.Role.LABEL, name)
                          if label.get_parent() is not None and
                          label.get_parent().get_parent() is not None and
                          label.get_parent().get_parent().get_name() == 'AdwWindowTitle']
                return selected and len(header) > 0
            tap.check(ok and wait_for(page_shown) is not None, f'the page "{name}" opens')

        # The Overview's figures read as one phrase each ("Members: 1,000").
        def members_figure():
            Atspi.Accessible.clear_cache(frame)
            for node in walk(frame):
                if node.get_name().startswith('Members: '):
                    return node
            return None
        figure = wait_for(members_figure)
        tap.check(figure is not None, 'the Overview reads its figures, e.g. "Members: …"')

        # Every button has a name a person can understand, none a raw mnemonic.
        unnamed = []
        buttons = 0
        Atspi.Accessible.clear_cache(frame)
        for node in walk(frame):
            if node.get_role() in BUTTON_ROLES:
                buttons += 1
                name = node.get_name().strip()
                if not name or '_' in name:
                    path = []
                    parent = node
                    while parent is not None and parent != frame:
                        path.append(f'{parent.get_role_name()}:{parent.get_name()!r}')
                        parent = parent.get_parent()
                    unnamed.append(' < '.join(path))
        tap.note(f'{buttons} buttons')
        tap.check(buttons > 0 and not unnamed, 'every button has an accessible name',
                  '\n'.join(unnamed))

        # Refresh is a named button that works from the accessibility bus.
        refresh = find(frame, Atspi.Role.PUSH_BUTTON, 'Refresh')
        ok = refresh is not None
        if ok:
            action = refresh.get_action_iface()
            ok = action is not None and action.get_n_actions() > 0 and action.do_action(0)
        tap.check(ok and wait_for(members_figure) is not None,
                  'Refresh can be pressed and the Overview comes back')

        # The primary menu is reachable by name.
        menu = find(frame, Atspi.Role.PUSH_BUTTON, 'Main Menu') or \
            find(frame, Atspi.Role.TOGGLE_BUTTON, 'Main Menu')
        tap.check(menu is not None, 'the primary menu button is named "Main Menu"')
    finally:
        app_process.terminate()
        try:
            app_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()
            app_process.wait()
        log.close()

    tap.finish()
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())

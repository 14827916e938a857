# atspi_tree.py: what the AT-SPI scripts of the suite share to read the app's accessible tree
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Imported by tests/atspi/test-atspi-shell.py and tests/ui/test-secret-hygiene-driver.py, after
# each has required the Atspi 2.0 bindings (and skipped when they are missing).

import time

from gi.repository import Atspi


def wait_for(predicate, timeout, interval=0.2):
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


def find_app():
    """The running Devin Admin on the accessibility bus, or None."""
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        if app.get_name() in ('devin-admin', 'Devin Admin'):
            return app
    return None

#!/bin/sh
# Runs one test program in a world of its own: a temporary HOME and XDG folders, an Xvfb display,
# a private D-Bus session bus and an unlocked gnome-keyring. meson's default test setup uses it,
# so a plain `meson test` works the same by hand and in CI and never touches a real session.
#
#   DA_TEST_KEYRING=none   no Secret Service at all on the bus (nothing is D-Bus activatable)
#   DA_TEST_DISPLAY=none   no Xvfb (the test needs no display)
set -u

if [ "${DA_TEST_INNER:-}" = 1 ]; then
  # Second stage, inside dbus-run-session.
  keyring_pid=
  if [ "${DA_TEST_KEYRING:-}" != none ]; then
    # The password on stdin creates and unlocks the login collection, so no prompt ever appears.
    printf 'test-password' | gnome-keyring-daemon --foreground --unlock --components=secrets \
      >"$DA_TEST_TMP/keyring.log" 2>&1 &
    keyring_pid=$!
    i=0
    while [ ! -S "$XDG_RUNTIME_DIR/keyring/control" ] && [ $i -lt 100 ]; do
      sleep 0.05
      i=$((i + 1))
    done
    if [ ! -S "$XDG_RUNTIME_DIR/keyring/control" ]; then
      echo "run-test: gnome-keyring-daemon did not start" >&2
      cat "$DA_TEST_TMP/keyring.log" >&2
    fi
  fi
  "$@"
  status=$?
  [ -n "$keyring_pid" ] && kill "$keyring_pid" 2>/dev/null
  wait 2>/dev/null
  exit $status
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/da-test.XXXXXX") || exit 99
export DA_TEST_TMP="$tmp"
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_STATE_HOME="$tmp/state"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" \
         "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

xvfb_pid=
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${DA_TEST_DISPLAY:-}" != none ]; then
  # -displayfd lets Xvfb pick a free display, so tests run in parallel; -noreset keeps it alive
  # between clients.
  Xvfb -displayfd 3 -noreset -nolisten tcp -screen 0 1440x900x24 3>"$tmp/display" \
    >"$tmp/xvfb.log" 2>&1 &
  xvfb_pid=$!
  i=0
  while [ ! -s "$tmp/display" ] && [ $i -lt 200 ]; do
    sleep 0.05
    i=$((i + 1))
  done
  if [ ! -s "$tmp/display" ]; then
    echo "run-test: Xvfb did not start" >&2
    cat "$tmp/xvfb.log" >&2
    exit 99
  fi
  DISPLAY=":$(cat "$tmp/display")"
  export DISPLAY
else
  unset DISPLAY
fi
unset WAYLAND_DISPLAY

bus_config=
if [ "${DA_TEST_KEYRING:-}" = none ]; then
  # A session bus on which nothing can be activated: no Secret Service, no keyring.
  mkdir -p "$tmp/no-services"
  bus_config="$tmp/session.conf"
  cat >"$bus_config" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=$tmp</listen>
  <servicedir>$tmp/no-services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
fi

export DA_TEST_INNER=1
if [ -n "$bus_config" ]; then
  dbus-run-session --config-file="$bus_config" -- "$0" "$@"
else
  dbus-run-session -- "$0" "$@"
fi

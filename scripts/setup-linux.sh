#!/usr/bin/env bash
# Installs what Parley needs on Debian/Ubuntu when it is missing: a JDK 17+, the PulseAudio
# client library that the WebRTC native library links against, GTK 3 for the JavaFX window, and
# fontconfig and a font for JavaFX text.
# With --test, also what the tests need: iproute2, which gives their private network namespace a
# veth pair, Xvfb for the screen-sharing tests, Chromium and its driver for the browser interop
# test, and fakeroot for the deb.
# Safe to run again; does nothing when everything is present.
#   scripts/setup-linux.sh [--test]
set -euo pipefail

tests=false
case "${1:-}" in
  --test) tests=true ;;
  "") ;;
  *) echo "usage: scripts/setup-linux.sh [--test]" >&2; exit 2 ;;
esac

need=()
if ! command -v java >/dev/null 2>&1 || ! java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
  need+=(openjdk-17-jdk-headless)
fi
if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libpulse\.so\.0'; then
  need+=(libpulse0)
fi
if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libgtk-3\.so\.0'; then
  need+=(libgtk-3-0)
fi
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -1)" ]; then
  need+=(fontconfig fonts-dejavu-core)
fi
if $tests; then
  if ! command -v xvfb-run >/dev/null 2>&1; then
    need+=(xvfb xauth)   # a virtual display for the screen-sharing tests
  fi
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    need+=(chromium chromium-driver)   # the browser interop test drives Debian's Chromium
  fi
  if ! command -v pulseaudio >/dev/null 2>&1 || ! command -v parec >/dev/null 2>&1; then
    need+=(pulseaudio pulseaudio-utils)   # a private sound server for the microphone and speaker test
  fi
  if ! command -v fakeroot >/dev/null 2>&1; then
    need+=(fakeroot)   # jpackage builds the deb under fakeroot
  fi
  if ! command -v ip >/dev/null 2>&1; then
    need+=(iproute2)
  fi
fi
if ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; then
  need+=(curl)   # the Maven wrapper downloads Maven with one of them
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-linux: please install: ${need[*]}" >&2
  exit 1
fi
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
echo "setup-linux: installing ${need[*]}" >&2
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"

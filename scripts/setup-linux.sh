#!/usr/bin/env bash
# Installs what Parley needs on Debian/Ubuntu when it is missing: a JDK 17+, the PulseAudio
# client library that the WebRTC native library links against, GTK 3 for the JavaFX window, and
# fontconfig with fonts that JavaFX can draw for names in any script: Noto for most scripts,
# WenQuanYi Zen Hei for Chinese, Japanese and Korean, Symbola for emoji. (JavaFX 21 draws only
# TrueType outlines: Debian's Noto CJK fonts are CFF and its Noto Color Emoji is bitmaps, so
# neither shows in the window.)
# With --test, also what the tests need: iproute2, which gives their private network namespace a
# veth pair, Xvfb for the screen-sharing tests, Chromium and its driver for the browser interop
# test, fakeroot for the deb, Janus (Debian's janus) for the SFU tests, coturn for the TURN tests and
# redis-server for the tests of several server nodes, which start their own, nftables to block
# UDP in the TURN tests, and npm for the workflow check.
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
# a TrueType font with the glyphs, as fontconfig sees it
has_font() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list "$1:fontformat=TrueType" family 2>/dev/null | head -1)" ]
}
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
has_font ':lang=en' || need+=(fonts-dejavu-core)
{ has_font ':lang=hi' && has_font ':lang=th'; } || need+=(fonts-noto-core)
has_font ':charset=674e d55c 3072' || need+=(fonts-wqy-zenhei)   # 李 한 ひ
has_font ':charset=1f642 1f44d 1f389:color=false' || need+=(fonts-symbola)   # 🙂 👍 🎉 in black and white
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
  if ! command -v janus >/dev/null 2>&1; then
    need+=(janus)   # the media server of SFU rooms; the tests start their own, never janus.service
  fi
  if ! command -v turnserver >/dev/null 2>&1 || ! command -v turnutils_uclient >/dev/null 2>&1; then
    need+=(coturn)   # TURN relays; the tests start their own with -n, never the coturn service
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    need+=(redis-server)   # several server nodes share one; the tests start their own, never redis-server.service
  fi
  if ! command -v nft >/dev/null 2>&1; then
    need+=(nftables)   # the TURN tests block UDP inside their network namespace
  fi
  if ! command -v npx >/dev/null 2>&1; then
    need+=(npm)   # scripts/check-workflows.sh runs the workflow validator from npm
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

#!/usr/bin/env bash
# Installs the deb built by `./mvnw -Ppackage package`, checks that `parley` is on the PATH
# (/usr/bin/parley), that its launcher has pom.xml's Java options and the deb brings the fonts,
# runs `parley server` and two `parley call --headless` bots against it in a private network
# namespace, checks the bots' JSON
# lines for each other's stream PLAYING and frames received, then purges the package and checks
# that /opt/parley and /usr/bin/parley are gone. Needs root (or sudo) and apt-get.
#   scripts/test-deb.sh [path/to/parley_*.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb="${1:-$(ls target/dist/parley_*.deb 2>/dev/null | head -1)}"
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "test-deb: no deb; build it with ./mvnw -B -Ppackage package -DskipTests" >&2
  exit 1
fi
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "test-deb: installing $deb"
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$(readlink -f "$deb")" >"$work/apt.log" 2>&1 \
  || { tail -20 "$work/apt.log" >&2; exit 1; }
test -x /opt/parley/bin/parley || { echo "test-deb: /opt/parley/bin/parley missing" >&2; exit 1; }
if [ "$(command -v parley)" != /usr/bin/parley ] || [ "$(readlink -f /usr/bin/parley)" != /opt/parley/bin/parley ]; then
  echo "test-deb: parley on the PATH is '$(command -v parley)', not /usr/bin/parley -> /opt/parley/bin/parley" >&2
  exit 1
fi
if ! parley --help >"$work/help.out" 2>&1 || ! grep -q '^usage: parley' "$work/help.out"; then
  echo "test-deb: 'parley --help' from the PATH failed:" >&2
  cat "$work/help.out" >&2
  exit 1
fi
echo "test-deb: parley is on the PATH: $(command -v parley) -> $(readlink /usr/bin/parley)"
# the launcher's Java options (pom.xml's parley.java.* properties), each on a line of its own: the
# launcher passes each line as one option, and 'parley --help' above ran with them
cfg=/opt/parley/lib/app/parley.cfg
options="$(sed -n 's:.*<parley\.java\.[A-Za-z]*>\(.*\)</parley\.java\.[A-Za-z]*>.*:\1:p' pom.xml)"
[ -n "$options" ] || { echo "test-deb: no parley.java.* options in pom.xml" >&2; exit 1; }
for option in $options; do
  grep -qxF "java-options=$option" "$cfg" \
    || { echo "test-deb: $cfg lacks the line java-options=$option:" >&2; cat "$cfg" >&2; exit 1; }
done
echo "test-deb: the launcher runs Java with $(echo $options)"
recommends="$(dpkg-query -W -f='${Recommends}' parley)"
case ", $recommends," in
  *", janus,"*) ;;
  *) echo "test-deb: the deb does not recommend janus, the media server of SFU rooms (Recommends: $recommends)" >&2; exit 1 ;;
esac
depends="$(dpkg-query -W -f='${Depends}' parley)"
for font in fonts-noto-core fonts-wqy-zenhei fonts-symbola; do
  case ", $depends," in
    *", $font,"*) dpkg-query -W -f='${db:Status-Status}' "$font" 2>/dev/null | grep -q '^installed$' \
        || { echo "test-deb: $font is a dependency but not installed" >&2; exit 1; } ;;
    *) echo "test-deb: the deb does not depend on $font (Depends: $depends)" >&2; exit 1 ;;
  esac
done

# everything below runs in a namespace of its own: WebRTC needs a non-loopback interface, and no
# traffic may leave the machine
cat >"$work/call.sh" <<'INNER'
set -eu
work="$1"
parley server --port 0 --bind 127.0.0.1 >"$work/server.out" 2>"$work/server.err" &
server=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'ws://[0-9.:]*' "$work/server.out" 2>/dev/null | head -1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then echo "server did not start" >&2; cat "$work/server.err" >&2; exit 1; fi
echo "test-deb: installed server listening on $url"
for user in debA debB; do
  parley call --headless --server "$url" --room debtest --user "$user" \
    --resolution 320x180 --duration 12 >"$work/$user.jsonl" 2>"$work/$user.err" &
done
wait %2 %3 || true
kill -TERM "$server"
wait "$server" || true
INNER
scripts/netns/run sh "$work/call.sh" "$work"

status=0
check() {
  local file="$1" other="$2"
  if ! grep -q "\"event\":\"onPlayerStateUpdate\",\"streamID\":\"$other\",\"state\":\"PLAYING\"" "$file"; then
    echo "test-deb: $file has no PLAYING for $other" >&2
    status=1
  fi
  if ! grep "\"event\":\"frames\",\"streamID\":\"$other\"" "$file" | grep -Eq '"frames":[1-9][0-9]*'; then
    echo "test-deb: $file shows no frames of $other" >&2
    status=1
  fi
  if grep -v '^{.*}$' "$file" | grep -q .; then
    echo "test-deb: $file has lines that are not JSON objects" >&2
    status=1
  fi
}
check "$work/debA.jsonl" debB_main
check "$work/debB.jsonl" debA_main
if [ $status -eq 0 ]; then
  echo "test-deb: each bot saw the other's stream PLAYING with frames:"
  grep -h '"event":"frames"' "$work/debA.jsonl" | tail -1
  grep -h '"event":"frames"' "$work/debB.jsonl" | tail -1
else
  tail -5 "$work"/*.err >&2 || true
fi

echo "test-deb: removing the package"
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get purge -y -qq parley >"$work/remove.log" 2>&1 \
  || { tail -20 "$work/remove.log" >&2; exit 1; }
if [ -e /opt/parley ]; then
  echo "test-deb: /opt/parley is still there after removal" >&2
  status=1
fi
if [ -e /usr/bin/parley ] || [ -L /usr/bin/parley ]; then
  echo "test-deb: /usr/bin/parley is still there after purge" >&2
  status=1
fi
dpkg -s parley >/dev/null 2>&1 && { echo "test-deb: dpkg still lists parley" >&2; status=1; }
[ $status -eq 0 ] && echo "test-deb: passed"
exit $status

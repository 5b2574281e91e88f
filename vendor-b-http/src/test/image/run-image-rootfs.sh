#!/usr/bin/env bash
# Offline smoke test of the Jib image tar, for machines without a container runtime or registry access.
# It unpacks the image's layers into a root file system, borrows the host's /usr, /lib and JRE in place of the
# base image (which cannot be pulled offline), and runs the image's own entrypoint, environment and user (uid
# 65532) with chroot inside a private mount namespace. It checks that the server starts as non-root, that
# /health answers and that gateway trust is on (403 without X-Origin-Verify, 404 with it for an unknown ticket).
# Needs root (for unshare/chroot), python3 and curl. Usage:
#   ./mvnw -pl vendor-b-http -am verify -Dit.test=ContainerImageIT -Dfailsafe.failIfNoSpecifiedTests=false
#   (ContainerImageIT runs this script on target/image-check/vendor-b-http-image.tar, an image on an empty base)
#   sudo vendor-b-http/src/test/image/run-image-rootfs.sh vendor-b-http/target/vendor-b-http-image.tar
set -euo pipefail

image_tar=${1:?usage: $0 path/to/vendor-b-http-image.tar}
port=${PORT:-18181}
secret=image-smoke-test-secret-0123456789abcdef
work=$(mktemp -d)
trap 'kill "${server_pid:-0}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

tar -xf "$image_tar" -C "$work"
mkdir -p "$work/rootfs"
layers=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/manifest.json")
for layer in $layers; do
  tar -xzf "$work/$layer" -C "$work/rootfs" 2>/dev/null
done
python3 - "$work/config.json" "$work" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["config"]
open(sys.argv[2] + "/user", "w").write(c["User"])
open(sys.argv[2] + "/entrypoint", "w").write("\n".join(c["Entrypoint"]) + "\n")
open(sys.argv[2] + "/env", "w").write("\n".join(c.get("Env", [])) + "\n")
PY
user=$(cat "$work/user")
mapfile -t entrypoint < "$work/entrypoint"
mapfile -t environment < "$work/env"
echo "image user: $user; entrypoint: ${entrypoint[*]}; env: ${environment[*]}"
[[ "$user" != 0* && "$user" != root* ]] || { echo "FAIL: the image runs as root" >&2; exit 1; }

java_bin=$(dirname "$(readlink -f "$(command -v java)")")
unshare -m --propagation private bash -c '
  set -e
  root=$1; shift
  for d in usr lib lib64 etc; do
    if [ -d "/$d" ]; then mkdir -p "$root/$d"; mount --bind -o ro "/$d" "$root/$d"; fi
  done
  mkdir -p "$root/proc" "$root/dev" "$root/tmp"
  mount -t proc proc "$root/proc"; mount --bind /dev "$root/dev"; mount -t tmpfs tmpfs "$root/tmp"
  user=$1 java_bin=$2 secret=$3 port=$4; shift 4
  # The image environment comes first, then the run-time settings a deployment would pass.
  exec chroot --userspec="$user" "$root" /usr/bin/env PATH="$java_bin:/usr/bin" "$@"
' _ "$work/rootfs" "$user" "$java_bin" "$secret" "$port" "${environment[@]}" ORIGIN_VERIFY_SECRETS="$secret" \
  MICRONAUT_SERVER_PORT="$port" CUSTOMER_DIRECTORY_URL=http://127.0.0.1:9 \
  DATASOURCES_DEFAULT_URL="${DATASOURCES_DEFAULT_URL:-}" DATASOURCES_DEFAULT_USERNAME="${DATASOURCES_DEFAULT_USERNAME:-}" \
  DATASOURCES_DEFAULT_PASSWORD="${DATASOURCES_DEFAULT_PASSWORD:-}" "${entrypoint[@]}" \
  > "$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "FAIL: the server exited" >&2; exit 1; }
  sleep 0.25
done
ticket="http://127.0.0.1:$port/v1/tickets/5c2d9f10-3b7a-4e1c-8d2f-6a9b0c1d2e3f"
health=$(curl -s "http://127.0.0.1:$port/health")
without=$(curl -s -o /dev/null -w '%{http_code}' "$ticket")
with=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Origin-Verify: $secret" "$ticket")
# The server is the only java process whose class path is the image's (chroot'ed) class-path file.
uid=$(ps -o uid= -p "$(pgrep -n -f -- '@/app/jib-classpath-file')" | tr -d ' ')
echo "health: $health; without X-Origin-Verify: $without; with it: $with; server uid: ${uid:-unknown}"
[[ "$health" == *'"status":"UP"'* && "$without" == 403 && "$with" == 404 && "$uid" == "${user%%:*}" ]] || { cat "$work/server.log"; echo FAIL >&2; exit 1; }
echo "OK: the image's layers, entrypoint and user serve the API with gateway trust on"

#!/usr/bin/env bash
# Side-by-side run: the original Python logs service and ours, on the same synthetic cluster tree served by one
# loopback OpenSSH server; each syncs it the way it does in production (the original: rsync over ssh with an
# agent-held key; ours: SSH mode with a known_hosts file). Then compare.py calls every endpoint on both and diffs
# the answers, and measures /logs throughput and a large tail on both. Findings: docs/side-by-side.md.
#
# Needs: /usr/sbin/sshd, ssh, ssh-agent, rsync, java 17, a python3 with fastapi + uvicorn for the original
# (Debian: apt-get install python3-fastapi python3-uvicorn), optionally wrk.
#
# Usage: ORIGINAL_SRC=/path/to/services/logs/src bench/side-by-side/run.sh
# Optional: ORIGINAL_PYTHON (a python3 that imports fastapi; default: the first such of /usr/bin/python3, python3)
#           JAR (default logs-micronaut-app/target/logs-service.jar, built when missing)
#           WORK (a folder for everything; default a new /tmp/side-by-side.XXXXXX, kept after the run)
#           ORIG_PORT=18003 OURS_PORT=18004  SBS_TZ=Europe/Luxembourg (the time zone both processes run in)
#           BENCH=1 (0 skips the measurements)  BENCH_FILES=2500  BIG_MB=200  BENCH_SECONDS=10
# The original's source is never copied into this repository; this script only runs it from ORIGINAL_SRC.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

die() { echo "run.sh: $*" >&2; exit 2; }

[ -n "${ORIGINAL_SRC:-}" ] || die "set ORIGINAL_SRC to the original service's source folder (services/logs/src, holding main.py)"
[ -f "$ORIGINAL_SRC/main.py" ] || die "ORIGINAL_SRC='$ORIGINAL_SRC' has no main.py: point it at services/logs/src of the original"
for tool in /usr/sbin/sshd ssh ssh-agent ssh-add ssh-keygen rsync java curl; do
  command -v "$tool" >/dev/null || die "'$tool' is missing: install it (Debian: openssh-server, openssh-client, rsync, openjdk-17-jre, curl)"
done

if [ -z "${ORIGINAL_PYTHON:-}" ]; then
  for candidate in /usr/bin/python3 python3; do
    if "$candidate" -c 'import fastapi, uvicorn' 2>/dev/null; then ORIGINAL_PYTHON="$candidate"; break; fi
  done
fi
[ -n "${ORIGINAL_PYTHON:-}" ] || die "no python3 with fastapi and uvicorn: apt-get install python3-fastapi python3-uvicorn, or set ORIGINAL_PYTHON"

JAR="${JAR:-$repo/logs-micronaut-app/target/logs-service.jar}"
if [ ! -f "$JAR" ]; then
  echo "building $JAR ..."
  (cd "$repo" && ./mvnw -q -pl logs-micronaut-app -am package -DskipTests)
fi

ORIG_PORT="${ORIG_PORT:-18003}"
OURS_PORT="${OURS_PORT:-18004}"
SBS_TZ="${SBS_TZ:-Europe/Luxembourg}"
BENCH="${BENCH:-1}"
BENCH_FILES="${BENCH_FILES:-2500}"
BIG_MB="${BIG_MB:-200}"
BENCH_SECONDS="${BENCH_SECONDS:-10}"
for port in "$ORIG_PORT" "$OURS_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is in use: set ORIG_PORT / OURS_PORT"; fi
done

WORK="${WORK:-$(mktemp -d /tmp/side-by-side.XXXXXX)}"
mkdir -p "$WORK"
echo "work folder: $WORK"
export TZ="$SBS_TZ"

pids=()
agent_pid=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$agent_pid" ]; then kill "$agent_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# --- the remote tree and a sibling of each data folder for the prefix-traversal check ----------------------------
python3 "$here/compare.py" make-tree "$WORK/remote"
for side in orig ours; do
  mkdir -p "$WORK/$side-data" "$WORK/$side-data-evil"
  echo "SECRET outside the data folder" > "$WORK/$side-data-evil/secret.txt"
done

# --- a loopback sshd with its own host key and one authorized user key --------------------------------------------
ssh_dir="$WORK/sshd"
mkdir -p "$ssh_dir"
[ -f "$ssh_dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N "" -C sbs-host -f "$ssh_dir/host_ed25519"
[ -f "$ssh_dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N "" -C sbs-user -f "$ssh_dir/id_ed25519"
cp "$ssh_dir/id_ed25519.pub" "$ssh_dir/authorized_keys"
[ "$(id -u)" != 0 ] || mkdir -p /run/sshd
SSH_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat > "$ssh_dir/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $ssh_dir/host_ed25519
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
X11Forwarding no
PrintMotd no
LogLevel ERROR
MaxStartups 100
Subsystem sftp internal-sftp
SetEnv SHLVL=5
EOF
/usr/sbin/sshd -D -e -f "$ssh_dir/sshd_config" > "$ssh_dir/sshd.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null && break; sleep 0.1; done
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$ssh_dir/host_ed25519.pub")" > "$ssh_dir/known_hosts"

# The original calls plain `ssh` (no -i): give it the key through an agent, only for its process.
eval "$(ssh-agent -s -a "$WORK/agent.sock")" >/dev/null
agent_pid="$SSH_AGENT_PID"
ssh-add -q "$ssh_dir/id_ed25519"
ssh -p "$SSH_PORT" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
  "$(id -un)@127.0.0.1" true || die "ssh to the loopback sshd failed: see $ssh_dir/sshd.log"

# --- both services -------------------------------------------------------------------------------------------------
common=(SSH_HOST=127.0.0.1 SSH_PORT="$SSH_PORT" SSH_USER="$(id -un)" REMOTE_BASE_PATH="$WORK/remote" SYNC_INTERVAL=3600 TZ="$TZ")
(cd "$ORIGINAL_SRC" && exec env "${common[@]}" ORIGINAL_DATA_DIR="$WORK/orig-data" PYTHONDONTWRITEBYTECODE=1 \
  SSH_AUTH_SOCK="$SSH_AUTH_SOCK" "$ORIGINAL_PYTHON" -m uvicorn main:app --host 127.0.0.1 --port "$ORIG_PORT") \
  > "$WORK/original.log" 2>&1 &
pids+=($!)
orig_pid=$!
(cd "$WORK" && exec env -u SSH_AUTH_SOCK "${common[@]}" LOGS_MODE=ssh DATA_DIR="$WORK/ours-data" PORT="$OURS_PORT" \
  SSH_KEY_PATH="$ssh_dir/id_ed25519" SSH_KNOWN_HOSTS="$ssh_dir/known_hosts" LOG_LEVEL=WARN \
  java -jar "$JAR") > "$WORK/ours.log" 2>&1 &
pids+=($!)
ours_pid=$!

wait_synced() { # name url log
  for _ in $(seq 600); do
    status="$(curl -fsS "$2/status" 2>/dev/null || true)"
    if [ -n "$status" ]; then
      if python3 -c 'import json,sys; s=json.loads(sys.argv[1]); sys.exit(0 if s["total_syncs"]>=1 else 1)' "$status"; then
        echo "$1 is up and has synced once"; return 0
      fi
      if python3 -c 'import json,sys; s=json.loads(sys.argv[1]); sys.exit(0 if s["failed_syncs"]>=1 else 1)' "$status"; then
        tail -20 "$3"; die "$1's first sync failed: see $3"
      fi
    fi
    sleep 0.5
  done
  tail -20 "$3"; die "$1 did not finish a sync within 5 minutes: see $3"
}
wait_synced original "http://127.0.0.1:$ORIG_PORT" "$WORK/original.log"
wait_synced ours "http://127.0.0.1:$OURS_PORT" "$WORK/ours.log"

# --- the comparison ------------------------------------------------------------------------------------------------
status=0
python3 "$here/compare.py" compare --orig "http://127.0.0.1:$ORIG_PORT" --ours "http://127.0.0.1:$OURS_PORT" \
  --orig-data "$WORK/orig-data" --ours-data "$WORK/ours-data" --out "$WORK/compare.json" | tee "$WORK/compare.txt" \
  || status=$?

# --- the measurements ----------------------------------------------------------------------------------------------
if [ "$BENCH" = 1 ]; then
  python3 "$here/compare.py" add-bench-files "$WORK/remote" --files "$BENCH_FILES" --big-mb "$BIG_MB"
  python3 "$here/compare.py" bench --orig "http://127.0.0.1:$ORIG_PORT" --ours "http://127.0.0.1:$OURS_PORT" \
    --seconds "$BENCH_SECONDS" --rss-pids "$orig_pid,$(pgrep -P "$ours_pid" java || echo "$ours_pid")" \
    --out "$WORK/bench.json"
fi
echo "everything is in $WORK (compare.txt, compare.json, bench.json, original.log, ours.log)"
exit "$status"

#!/usr/bin/env bash
# Benchmark: the SSH source against `rsync -a -e ssh`, both against the same loopback OpenSSH server in the same run.
# Needs /usr/sbin/sshd, ssh, rsync.
# Usage: bench/ssh-vs-rsync.sh [--fresh-disk] [--rate RATE] [-Dfiles=2500] [-DtotalMb=500] [-Drounds=3] [-Dchannels=4]
#                              [-Dconnections=1] [-Dcompression=false]
#   --fresh-disk  both tools write to a freshly made ext4 file system (a 20 GB sparse image on a loop device, as root),
#                 so that the figures do not depend on what the machine's own disk went through in the last minutes.
#   --rate RATE   limits the loopback interface to RATE (tc's units, e.g. 100mbit) for the run, like a link to a
#                 remote cluster (as root; it slows every loopback connection of the machine meanwhile).
#   -Dcompression=true  ours compresses the connection (SshSettings.compression) and rsync gets -z.
# Results and method: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$(mktemp)"
mount_point=""
image=""
rate_set=""
cleanup() {
  rm -f "$cp_file"
  if [[ -n "$rate_set" ]]; then
    tc qdisc del dev lo root || true
  fi
  if [[ -n "$mount_point" ]]; then
    umount "$mount_point" || true
    rmdir "$mount_point" || true
  fi
  if [[ -n "$image" ]]; then
    for device in $(losetup -j "$image" | cut -d: -f1); do losetup -d "$device" || true; done
    rm -f "$image"
  fi
}
trap cleanup EXIT

need_root() {
  if [[ "$(id -u)" != 0 ]]; then
    echo "$1 needs root: run as root, or leave the option out" >&2
    exit 2
  fi
}

work_option=()
fresh_disk=""
rate=""
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --fresh-disk) fresh_disk=yes; shift ;;
    --rate) rate="${2:?--rate needs a rate, e.g. 100mbit}"; need_root "--rate (it sets a tc qdisc on lo)"; shift 2 ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
if [[ -n "$fresh_disk" ]]; then
  need_root "--fresh-disk (it mounts a loop device)"
  image="$(mktemp "${TMPDIR:-/tmp}/ssh-bench-disk.XXXXXX.img")"
  truncate -s 20G "$image"
  mkfs.ext4 -q -F "$image"
  device="$(losetup -f --show --direct-io=on "$image")"
  mount_point="$(mktemp -d "${TMPDIR:-/tmp}/ssh-bench-mount.XXXXXX")"
  mount "$device" "$mount_point"
  work_option=("-Dwork=$mount_point/work")
  echo "fresh ext4 on $device (image $image), mounted on $mount_point"
fi
# In the reactor (-am) sibling modules resolve to their target/classes; every module writes the file, logs-sync-ssh last.
./mvnw -o -q -pl logs-sync-ssh -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="logs-sync-ssh/target/test-classes:logs-sync-ssh/target/classes:$(cat "$cp_file")"
if [[ -n "$rate" ]]; then
  tc qdisc add dev lo root tbf rate "$rate" burst 256kb latency 100ms
  rate_set=yes
  echo "loopback limited to $rate (tc tbf)"
fi

java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${work_option[@]}" "$@" -cp "$classpath" \
  io.logmirror.sync.ssh.bench.SshMirrorBenchmark

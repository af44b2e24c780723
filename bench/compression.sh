#!/usr/bin/env bash
# Benchmark: compression of stored logs (logs-retention) against the zstd and gzip tools, in the same run.
# Needs zstd, gzip, du, cp. Results and method: docs/benchmarks.md ("Retention and compression").
# Usage: bench/compression.sh [--fresh-disk] [-DtreeMb=300] [-DbigMb=1024] [-Dlevel=3] [-DframeKb=1024] [-Drounds=2000]
#   --fresh-disk  everything is written to a freshly made ext4 file system (a 20 GB sparse image on a loop device, as
#                 root), so that the write figures do not depend on what the machine's own disk went through lately.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$(mktemp)"
mount_point=""
image=""
cleanup() {
  rm -f "$cp_file"
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

work_option=()
if [[ "${1:-}" == --fresh-disk ]]; then
  shift
  if [[ "$(id -u)" != 0 ]]; then
    echo "--fresh-disk needs root (it mounts a loop device): run as root, or leave the option out" >&2
    exit 2
  fi
  image="$(mktemp "${TMPDIR:-/tmp}/compression-bench-disk.XXXXXX.img")"
  truncate -s 20G "$image"
  mkfs.ext4 -q -F "$image"
  device="$(losetup -f --show --direct-io=on "$image")"
  mount_point="$(mktemp -d "${TMPDIR:-/tmp}/compression-bench-mount.XXXXXX")"
  mount "$device" "$mount_point"
  work_option=("-Dwork=$mount_point/work")
  echo "fresh ext4 on $device (image $image), mounted on $mount_point"
fi
./mvnw -o -q -pl logs-retention -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="logs-retention/target/test-classes:logs-retention/target/classes:$(cat "$cp_file")"
java -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${work_option[@]}" "$@" -cp "$classpath" \
  io.logmirror.retention.internal.CompressionBenchmark

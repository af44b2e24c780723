#!/usr/bin/env bash
# Benchmark: the SSH source's batched fetch against rsync -a, rsync -az and rsync -a --append, over the bare loopback and
# over links made by bench/wan-proxy.py (delay each way, rate cap), same sshd, same tree, same run.
# Needs /usr/sbin/sshd, ssh, rsync, python3.
# Usage: bench/wan-fetch.sh [-Dfiles=2500] [-DtotalMb=100] [-Dlinks=0:0,15:200,40:50] [-Dcodec=auto]
# Results and method: docs/benchmarks.md ("SSH at WAN speed").
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -o -q -pl logs-sync-ssh -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="logs-sync-ssh/target/test-classes:logs-sync-ssh/target/classes:$(cat "$cp_file")"
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" -cp "$classpath" \
  io.logmirror.sync.ssh.bench.WanFetchBenchmark

#!/usr/bin/env bash
# Benchmark: the SSH source against `rsync -a -e ssh`, both against the same loopback OpenSSH server in the same run.
# Needs /usr/sbin/sshd, ssh, rsync. Usage: bench/ssh-vs-rsync.sh [-Dfiles=2500] [-DtotalMb=500] [-Drounds=3] [-Dchannels=4]
# Results and method: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
# In the reactor (-am) sibling modules resolve to their target/classes; every module writes the file, logs-sync-ssh last.
./mvnw -o -q -pl logs-sync-ssh -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="logs-sync-ssh/target/test-classes:logs-sync-ssh/target/classes:$(cat "$cp_file")"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" -cp "$classpath" io.logmirror.sync.ssh.bench.SshMirrorBenchmark

#!/bin/sh
# HTTP benchmark of the logs service (results and method: docs/benchmarks.md).
# Builds the service jar and the benchmark, then runs it from the repository's root.
# Usage: logs-micronaut-app/bench/http-bench.sh [files...]   (default: 2500 100000)
# Needs about 1.2 GB of free space under the temporary folder; wrk is used when installed (apt-get install -y wrk).
set -eu
cd "$(dirname "$0")/../.."
./mvnw -q -pl logs-micronaut-app -am package -DskipTests
./mvnw -q -pl logs-micronaut-app -am test-compile
exec java -cp logs-micronaut-app/target/test-classes io.logmirror.app.bench.HttpBenchmark "$@"

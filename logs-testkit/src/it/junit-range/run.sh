#!/usr/bin/env bash
# Checks that the test kit works in a user's project on other JUnit versions than the one the kit is built with.
# Installs the kit (and what it needs) into a throw-away copy of the local Maven repository, never into ~/.m2, then
# runs this folder's project, which depends on the kit, once per JUnit version given (default: 5.8.2 5.11.4 6.0.3).
# Needs Maven Central for JUnit versions not in ~/.m2 yet. Usage: logs-testkit/src/it/junit-range/run.sh [VERSION...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(5.8.2 5.11.4 6.0.3)

repo="$(mktemp -d)/m2"
work="$(mktemp -d)"
trap 'rm -rf "$repo" "$work"' EXIT
echo "copying ~/.m2/repository to $repo"
cp -a "$HOME/.m2/repository" "$repo" 2>/dev/null || mkdir -p "$repo"
(cd "$root" && ./mvnw -B -ntp -q -Dmaven.repo.local="$repo" install -DskipTests -Dmaven.javadoc.skip -pl logs-testkit -am)

cp -r "$here/pom.xml" "$here/src" "$work/"
failed=0
for version in "${versions[@]}"; do
  if (cd "$work" && "$root/mvnw" -B -ntp -q -Dmaven.repo.local="$repo" -Djunit.version="$version" clean test > "$work/junit-$version.log" 2>&1); then
    echo "JUnit $version: the kit's example test passed"
  else
    echo "JUnit $version: FAILED"; tail -30 "$work/junit-$version.log"; failed=1
  fi
done
exit $failed

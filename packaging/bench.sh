#!/bin/sh
# Runs the cache benchmark (src/test/java/org/gatehouse/bench/CacheBench.java): audit query by MAC
# over 1,000,000 rows and 50,000 lease observations in one refresh, each beside a baseline
# measured in the same run (bare JDBC, the sqlite3 CLI when installed). Takes about a minute.
set -eu
cd "$(dirname "$0")/.."
mvn -B -ntp -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.gatehouse.bench.CacheBench "$@"

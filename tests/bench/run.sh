#!/usr/bin/env bash
# bench_tool: orcazap-bench, which only bench/run builds (it is not part of the default build),
# still builds, every command answers --help, and `extract` measures: the golden corpus through
# extraction and pricing, in-process, for a fraction of a second, printing its JSON line with a
# positive rate. The commands that need a running stack are exercised by bench/run itself.
#
#   tests/bench/run.sh CMAKE BUILD_DIR SOURCE_DIR
set -euo pipefail
cmake=$1 build=$2 source=$3

"$cmake" --build "$build" --target orcazap-bench
bench="$build/orcazap-bench"

# Every command the tool lists (its own --help), so a new one is checked without naming it here.
commands=$("$bench" --help | awk '/^Commands:/ { listed = 1; next } listed && NF { print $1 }')
[ -n "$commands" ] || { echo "orcazap-bench --help lists no commands" >&2; exit 1; }
for command in $commands; do
  "$bench" "$command" --help >/dev/null || { echo "orcazap-bench $command --help failed" >&2; exit 1; }
done

golden="$source/tests/golden"
line=$("$bench" extract --catalog "$golden/extraction/catalog.csv" \
  --freight "$golden/extraction/freight.csv" --rules "$golden/parse/rules.json" --seconds 0.2 \
  "$golden"/extraction/*.txt)
echo "$line"
figure() {  # the number after "$1": in the JSON line
  [[ $line =~ \"$1\":([0-9.]+) ]] && echo "${BASH_REMATCH[1]}"
}
for name in corpus_messages messages messages_per_s extract_only_per_s; do
  value=$(figure "$name") || { echo "no \"$name\" in the extract figures" >&2; exit 1; }
  awk -v v="$value" 'BEGIN { exit !(v > 0) }' ||
    { echo "\"$name\" is $value, expected a positive figure" >&2; exit 1; }
done

# A bad option is refused with usage status 2, not measured.
status=0
"$bench" extract --seconds -1 >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "orcazap-bench extract --seconds -1 exited $status, expected 2" >&2; exit 1; }
echo "orcazap-bench: builds, every command answers --help, extract measures"

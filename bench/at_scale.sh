#!/bin/bash
# This code at N articles (default 10,000): full build, adding one article, show, query, export, serve start-up.
# Usage: bench/at_scale.sh [N]   (bench/results/after-10000.txt is its output for N=10000)
set -u
cd "$(dirname "$0")/.."
PY=$PWD/.venv/bin/python
N=${1:-10000}
M=${TMPDIR:-/tmp}/wbkg-at-scale-$N
rm -rf $M
$PY -m wbkg.cli synth --articles $N --seed 1 -o $M > /dev/null
peak() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, max RSS %M KB, rc %x" "$@" > $M.out 2>$M.time; grep -E "^\[wbkg\]|$label" $M.time | tr '\n' ' '; echo; }
peak "full build" env $PY -m wbkg.cli --root $M build
tail -3 $M.out
$PY -c "from wbkg.synth import add_article; print('added', add_article('$M', 1, $N, $N))"
peak "rebuild after adding one article" env $PY -m wbkg.cli --root $M build
tail -3 $M.out
peak "show id:kfor" env $PY -m wbkg.cli --root $M show id:kfor
peak "query entity-facts" env $PY -m wbkg.cli --root $M query entity-facts --param entity=id:kfor
peak "export turtle" env $PY -m wbkg.cli --root $M export --format turtle -o $M.export.ttl
ls -la $M.export.ttl
echo "--- serve"; $PY bench/serve_startup.py $M --starts 3 2>&1 | tail -6

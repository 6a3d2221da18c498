#!/usr/bin/env bash
# A plain, non-editable install into a fresh venv made by Python's own `venv` (its bundled pip, not
# upgraded), as a user would do it; then a run over the sample and one saved HTML page. This is what
# caught trafilatura failing to import when an old pip ignored the `lxml[html_clean]` extra.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d)
# pip builds in ./build and src/*.egg-info: leave the work tree as it was
root=$PWD
trap 'rm -rf "$tmp" "$root/build" "$root/src/marsad.egg-info"' EXIT
"$PYTHON" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check . 2>&1 | grep -v -i "warning: location" || true
mkdir "$tmp/in"
cp ../shared/corpus/seeds/*.txt "$tmp/in/"
cat > "$tmp/in/page.html" <<'HTML'
<html><head><title>وكالة الأنباء - خبر</title></head><body><article><h1>افتتاح معرض الكتاب في الرياض</h1>
<p>افتتح وزير الثقافة اليوم معرض الرياض الدولي للكتاب بمشاركة أكثر من ألف دار نشر من ثلاثين دولة.</p>
<p>وقال الوزير في كلمته إن المعرض أصبح موعداً سنوياً للقراء والناشرين في المنطقة العربية كلها.</p>
</article></body></html>
HTML
cd "$tmp"
"$tmp/venv/bin/marsad" --lang en run in --out report
test -s report/index.html
echo "check-install: a plain install reads text and HTML"

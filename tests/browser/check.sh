#!/bin/sh
# Loads every page of a built site in headless Chromium (Debian's `chromium` package) and
# fails on any console message (script errors, CSP violations) or when site.js did not run;
# then takes screenshots of the main pages for a person to look at.
#
#   tests/browser/check.sh [REPO] [SCREENSHOT_DIR]
#
# REPO defaults to example-project; screenshots go to /tmp/touchpoint-screens.
# Uses $TOUCHPOINT as the binary (default: target/debug/touchpoint, built if missing) and
# $TODAY as the build's today (default 2026-12-01, the first day of example-project's plan).
set -eu

cd "$(dirname "$0")/../.."
repo=${1:-example-project}
shots=${2:-/tmp/touchpoint-screens}
bin=${TOUCHPOINT:-target/debug/touchpoint}
[ -x "$bin" ] || cargo build --quiet
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium)"; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
site="$work/site"
"$bin" build "$repo" --out "$site" --today "${TODAY:-2026-12-01}" >/dev/null 2>&1 || {
    echo "touchpoint build $repo failed"
    exit 2
}

chrome() {
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$work/profile" "$@"
}

failures=0
pages=0
(cd "$site" && find . -name '*.html' | sort) >"$work/pages.txt"
while IFS= read -r page; do
    pages=$((pages + 1))
    url="file://$site/${page#./}"
    chrome --enable-logging=stderr --v=0 --dump-dom "$url" >"$work/dom.html" 2>"$work/log.txt" || true
    if grep -q ':CONSOLE' "$work/log.txt"; then
        echo "console output on $page:"
        grep ':CONSOLE' "$work/log.txt" | sed 's/^/    /'
        failures=$((failures + 1))
    fi
    if ! grep -q '<html[^>]*class="js"' "$work/dom.html"; then
        echo "site.js did not run on $page"
        failures=$((failures + 1))
    fi
done <"$work/pages.txt"

mkdir -p "$shots"
for page in index.html strategy.html posts.html diagnostics.html \
    $(cd "$site" && ls calendar/*.html | head -n 1) $(cd "$site" && find posts -name '*.html' | sort | head -n 1); do
    name=$(echo "$page" | tr '/' '_' | sed 's/\.html$//')
    chrome --window-size=1280,1600 --screenshot="$shots/$name.png" "file://$site/$page" >/dev/null 2>&1 || true
    chrome --window-size=390,1400 --screenshot="$shots/${name}_mobile.png" "file://$site/$page" >/dev/null 2>&1 || true
done

echo "$pages pages loaded, $failures problems; screenshots in $shots"
[ "$failures" -eq 0 ]

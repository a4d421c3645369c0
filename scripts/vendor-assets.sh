#!/usr/bin/env bash
# Re-vendor the pinned front-end files that Budgetschuiver serves from assets/
# (and axe-core for the browser tests). Everything comes from the npm registry
# via `npm pack`; nothing is installed and no node_modules/package.json is made.
# Each tarball is checked against its pinned sha512 integrity, so a re-run
# either reproduces byte-identical files or fails loudly.
#
# Usage: scripts/vendor-assets.sh          (needs node + npm, network to the npm registry)
# To upgrade: change a version + its integrity (`npm view PKG@VER dist.integrity`),
# re-run, review the diff, and update assets/01-vendor/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/assets/01-vendor"
AXE_DEST="$ROOT/tests/browser/vendor"

# name@version|sha512 integrity from the registry
PKGS=(
  "@gemeente-denhaag/design-tokens-components@4.1.0|sha512-Bwjpf9NTCoGw/Y0EHs5vNwc2zZdQt5WQ5SsCbJkQMgKPLkrR8yivwqncNbEy6A24wtudJqHy9es+0t8kCZ2WQQ=="
  "@gemeente-denhaag/icons@3.1.0|sha512-1lBZ5dZyBaARo2lADhGRn2ioUwd/Gpx3dTpI4Xd+RNSzE54/U9+olbVhHCx4jQsQSj9gZoTxkJ9s6bCxi5wQ7Q=="
  "bootstrap@5.3.6|sha512-jX0GAcRzvdwISuvArXn3m7KZscWWFAf1MKBcnzaN02qWMb3jpMoUX4/qgeiGzqyIb4ojulRzs89UCUmGcFSzTA=="
  "plotly.js-basic-dist-min@4.1.1|sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ=="
  "axe-core@4.14.1|sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)

# Den Haag icon components (React-only package) -> plain SVG file names.
ICONS="ArrowLeftIcon:arrow-left ArrowRightIcon:arrow-right ChevronDownIcon:chevron-down
CheckedIcon:checked CloseIcon:close ShareIcon:share ExternalLinkIcon:external-link
CircleInformationIcon:circle-information AlertTriangleIcon:alert-triangle EuroIcon:euro
UserIcon:user CalendarIcon:calendar"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vendor-assets.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
umask 022

# fetch SPEC INTEGRITY -> unpacks to $WORK/<name>/ and echoes that directory
fetch() {
  local spec="$1" integrity="$2" tgz dir
  tgz="$(cd "$WORK" && npm pack --silent --pack-destination "$WORK" "$spec" | tail -n1)"
  node -e '
    const c = require("crypto"), fs = require("fs");
    const got = "sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64");
    if (got !== process.argv[2]) { console.error("integrity mismatch for " + process.argv[1] + ": " + got); process.exit(1); }
  ' "$WORK/$tgz" "$integrity"
  dir="$WORK/${tgz%.tgz}"
  mkdir -p "$dir"
  tar -xzf "$WORK/$tgz" -C "$dir" --strip-components=1
  echo "$dir"
}

# strip_map SRC DEST: copy, dropping a trailing sourceMappingURL comment so the
# browser never requests a .map file we do not ship.
strip_map() {
  sed -e '/^\/\*# sourceMappingURL=.*\*\/$/d' -e '/^\/\/# sourceMappingURL=/d' "$1" > "$2"
}

# assert_local_css FILE: vendored CSS must not pull anything from another host.
assert_local_css() {
  if grep -nE '@import|@font-face|url\( *["'"'"']? *(https?:)?//' "$1"; then
    echo "ERROR: $1 loads remote resources; strip those rules first" >&2
    exit 1
  fi
}

declare -A DIR
for entry in "${PKGS[@]}"; do
  spec="${entry%%|*}"
  name="${spec%@*}"
  DIR[$name]="$(fetch "$spec" "${entry#*|}")"
done

mkdir -p "$VENDOR/denhaag/icons" "$VENDOR/bootstrap" "$VENDOR/plotly" "$AXE_DEST"

# --- Den Haag design tokens: dist/index.css (all tokens on :root). It is a strict
# superset of @gemeente-denhaag/design-tokens-common, so that package is not vendored.
src="${DIR[@gemeente-denhaag/design-tokens-components]}"
{
  printf '/*! @gemeente-denhaag/design-tokens-components 4.1.0, dist/index.css, unmodified below this comment.\n'
  printf ' * Copyright (C) 2021 Gemeente Den Haag. Licensed under the EUPL-1.2, see LICENSE.md in this folder.\n'
  printf ' * Vendored by scripts/vendor-assets.sh; do not edit by hand. */\n'
  cat "$src/dist/index.css"
} > "$VENDOR/denhaag/design-tokens-components.css"
assert_local_css "$VENDOR/denhaag/design-tokens-components.css"
cp "$src/LICENSE.md" "$VENDOR/denhaag/LICENSE.md"

# --- Den Haag icons: the package ships React components only, so render each
# component once with a stub React and write the resulting SVG markup.
rm -f "$VENDOR/denhaag/icons/"*.svg
ICONS_PKG="${DIR[@gemeente-denhaag/icons]}" OUT="$VENDOR/denhaag/icons" ICONS="$ICONS" node - <<'JS'
const Module = require("module"), fs = require("fs"), path = require("path");
const React = { createElement: (type, props, ...children) => ({ type, props: props || {}, children }), memo: (f) => f };
const load = Module._load;
Module._load = function (req) {
  if (req === "react") return React;
  if (req === "clsx") return () => "";
  return load.apply(this, arguments);
};
const icons = require(path.join(process.env.ICONS_PKG, "dist/cjs/index.js"));
const SPECIAL = { viewBox: "viewBox", className: "class", xlinkHref: "xlink:href", xmlnsXlink: "xmlns:xlink", xmlSpace: "xml:space", xmlLang: "xml:lang" };
const attrName = (k) => SPECIAL[k] || k.replace(/[A-Z]/g, (m) => "-" + m.toLowerCase());
const esc = (v) => String(v).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const attrs = (p) => Object.entries(p).filter(([k, v]) => k !== "children" && v != null)
  .map(([k, v]) => ` ${attrName(k)}="${esc(v)}"`).join("");
const render = (el) => el == null || el === false ? "" : Array.isArray(el) ? el.map(render).join("")
  : typeof el !== "object" ? esc(el)
  : el.children.length ? `<${el.type}${attrs(el.props)}>${el.children.map(render).join("")}</${el.type}>`
  : `<${el.type}${attrs(el.props)}/>`;
for (const pair of process.env.ICONS.split(/\s+/).filter(Boolean)) {
  const [exportName, file] = pair.split(":");
  const wrapper = icons[exportName]({});          // <SvgIcon component={Memo(SvgX)} />
  const svg = wrapper.props.component({});        // the <svg> element tree
  if (svg.type !== "svg") throw new Error(exportName + " did not render an <svg>");
  // The package colours icons through its .denhaag-icon { fill: currentColor } rule;
  // bake that in for icons whose root sets no fill, so the files work without it.
  const props = { xmlns: "http://www.w3.org/2000/svg", fill: "currentColor", ...svg.props, width: "24", height: "24", "aria-hidden": "true" };
  const note = `<!-- ${exportName} from @gemeente-denhaag/icons 3.1.0. Copyright (C) 2021 Gemeente Den Haag. Licensed under the EUPL-1.2, see ../LICENSE.md -->`;
  fs.writeFileSync(path.join(process.env.OUT, file + ".svg"),
    `<svg${attrs(props)}>${note}${svg.children.map(render).join("")}</svg>\n`);
}
JS

# --- Bootstrap (the version dash-bootstrap-components' dbc.themes.BOOTSTRAP points at)
src="${DIR[bootstrap]}"
strip_map "$src/dist/css/bootstrap.min.css" "$VENDOR/bootstrap/bootstrap.min.css"
assert_local_css "$VENDOR/bootstrap/bootstrap.min.css"
cp "$src/LICENSE" "$VENDOR/bootstrap/LICENSE"

# --- plotly.js basic bundle (same version as the one bundled in Python plotly)
src="${DIR[plotly.js-basic-dist-min]}"
strip_map "$src/plotly-basic.min.js" "$VENDOR/plotly/plotly-basic.min.js"
cp "$src/LICENSE" "$VENDOR/plotly/LICENSE"

# --- axe-core: browser tests only, never served by the app
src="${DIR[axe-core]}"
strip_map "$src/axe.min.js" "$AXE_DEST/axe.min.js"

# The project LICENSE is the EUPL-1.2 text from the Den Haag package, minus the
# package's own copyright header. Only checked here, never overwritten.
if [ -f "$ROOT/LICENSE" ]; then
  if sed -n '/^EUROPEAN UNION PUBLIC LICENCE v. 1.2$/,$p' \
       "${DIR[@gemeente-denhaag/design-tokens-components]}/LICENSE.md" | cmp -s - "$ROOT/LICENSE"; then
    echo "LICENSE: matches the EUPL-1.2 text shipped in @gemeente-denhaag/design-tokens-components 4.1.0"
  else
    echo "WARNING: LICENSE differs from the EUPL-1.2 text shipped in @gemeente-denhaag/design-tokens-components" >&2
  fi
fi

echo
printf '%-55s %10s %10s\n' "file" "raw" "gzip -9"
while IFS= read -r f; do
  printf '%-55s %10s %10s\n' "${f#"$ROOT"/}" "$(wc -c < "$f")" "$(gzip -9 -c "$f" | wc -c)"
done < <(find "$VENDOR" "$AXE_DEST/axe.min.js" -type f ! -name README.md | sort)

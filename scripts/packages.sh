# Debian packages Trama needs to build, test and run. Sourced by scripts/test and scripts/demo.
#   libpq-dev          libpq headers and library (TramaStore)
#   libssl-dev         OpenSSL's libcrypto, SHA-256 of imported files (TramaStore; libpq-dev needs it too)
#   libgraphviz-dev    libgvc/libcgraph headers and library (TramaRender)
#   graphviz           layout engines' plugin configuration
#   postgresql         the server binaries (initdb, pg_ctl, pg_trgm) for the private cluster and the tests
#   pkg-config         how SwiftPM finds libpq and libgvc
#   fonts-dejavu-core  the font maps are drawn with
#   unzip              unpacks the zipped GRAS folders POST /api/v1/imports receives (TramaService)
#   zip                zips the fixture the server tests import through the API
#   libpango1.0-dev    pango + cairo headers and libraries: reports and dossiers as PDF (TramaDocument)
#   libcairo2-dev
#   poppler-utils      pdftotext/pdfinfo, with which the document tests read the PDFs back
#   libxml2-utils      xmllint, with which the export tests validate GraphML and GEXF against their schemas
#   libcurl4           what Foundation's URLSession sends alert webhooks with (TramaService)
TRAMA_PACKAGES="libpq-dev libssl-dev libgraphviz-dev graphviz postgresql pkg-config fonts-dejavu-core unzip zip libpango1.0-dev libcairo2-dev poppler-utils libxml2-utils libcurl4"

require_packages() {
    local missing=()
    for p in $TRAMA_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    fi
    if ! command -v swift >/dev/null; then
        echo "swift is not on PATH: install the Swift 6 toolchain (https://www.swift.org/install/linux/)" >&2
        exit 1
    fi
}

/// Something to draw on a page, in points from the page's top left corner.
enum DrawOp {
    /// A layout with its top left at (x, y); with `lines`, only those (the part of a paragraph
    /// or cell that falls on this page), so that no text is hidden outside the page.
    case text(TextLayout, x: Double, y: Double, lines: Range<Int>?)
    case fill(Rect, Color)
    case stroke(Rect, Color, lineWidth: Double)
    case rule(x0: Double, x1: Double, y: Double, Color, lineWidth: Double)
    case image(PNGSurface, Rect)
    /// An entry in the PDF's bookmarks, pointing at y on this page.
    case outline(level: Int, title: String, y: Double)
}

/// A4 portrait with 20 mm margins; the running header and footer sit inside the margins.
struct PageGeometry {
    let width = 595.2756
    let height = 841.8898
    let margin = 56.6929

    var left: Double { margin }
    var right: Double { width - margin }
    var top: Double { margin }
    var bottom: Double { height - margin }
    var textWidth: Double { right - left }
}

/// Something laid out side by side and placed as a unit: a paragraph (one cell), a list item
/// (marker and text), a fact (label and value), a table row, a note.
///
/// A row that does not fit in what is left of the page moves to the next one; a row taller than
/// a page, or a ``splittable`` one (running text), is cut between lines, each cell on its own
/// line boundaries, and continues on the next page.
struct Row {
    struct Cell {
        var layout: TextLayout
        var x: Double
        /// How far below the row's top (after padding) the layout starts.
        var dy = 0.0

        var bottom: Double { dy + layout.height }
    }

    var cells: [Cell]
    var paddingTop = 0.0
    var paddingBottom = 0.0
    /// Running text may be cut between lines anywhere; table rows, facts and notes only when
    /// they cannot fit on a page at all.
    var splittable = false
    /// Room that must remain below the row on its page, so that a heading is not left alone
    /// at the bottom.
    var keepWithNext = 0.0
    /// Backgrounds and borders for the part of the row on one page (its rectangle spans the
    /// text width); drawn under the text.
    var decoration: ((Rect) -> [DrawOp])?
    var outline: (level: Int, title: String)?

    var height: Double { paddingTop + (cells.map(\.bottom).max() ?? 0) + paddingBottom }

    /// Moves cells down so that their first lines share a baseline (a 9 pt label beside 10 pt
    /// text, 8 pt monospace beside 8.5 pt text).
    mutating func alignBaselines() {
        let baselines = cells.map { $0.layout.lines.first?.baseline ?? 0 }
        let lowest = baselines.max() ?? 0
        for index in cells.indices { cells[index].dy = lowest - baselines[index] }
    }
}

/// Places rows, pictures and rules onto pages, top to bottom, and keeps the result as
/// ``DrawOp``s per page, so that the page count is known before any page is drawn ("page N of M").
final class PageComposer {
    let geometry: PageGeometry
    private(set) var pages: [[DrawOp]] = [[]]
    /// The top of what is still free on the current page.
    private(set) var y: Double
    /// Whether anything other than a repeated table header is on the current page.
    private var bodyOnPage = false
    /// What each continued page starts with: the header row of the table being placed.
    private var repeatedHeader: Row?

    init(geometry: PageGeometry) {
        self.geometry = geometry
        y = geometry.top
    }

    var available: Double { geometry.bottom - y }
    /// Room on a fresh page below the repeated header, if any.
    var pageCapacity: Double { geometry.bottom - geometry.top - (repeatedHeader?.height ?? 0) }

    func add(_ op: DrawOp) { pages[pages.count - 1].append(op) }

    func newPage() {
        pages.append([])
        y = geometry.top
        bodyOnPage = false
        if let header = repeatedHeader { emitWhole(header) }
    }

    /// Starts a new page unless the current one is still empty.
    func breakPage() {
        if bodyOnPage { newPage() }
    }

    /// Drops a last page that a page break opened but nothing filled.
    func finish() {
        if !bodyOnPage && pages.count > 1 { pages.removeLast() }
    }

    /// Vertical space between blocks; none at the top of a page.
    func gap(_ points: Double) {
        if bodyOnPage { y = min(y + points, geometry.bottom) }
    }

    /// Moves to a new page unless `height` points fit on this one.
    func ensure(_ height: Double) {
        if bodyOnPage && height > available { newPage() }
    }

    /// The room a table's start needs on the page it starts on: its header and its first row
    /// whole — a row is not cut unless it is taller than a page, and a header left alone at a
    /// page's foot says nothing — or a good part of a first row that will be cut anyway.
    func opening(header: Row, first: Row?) -> Double {
        guard let first else { return header.height }
        let whole = header.height + first.height
        return whole <= geometry.bottom - geometry.top && !first.splittable ? whole : header.height + min(first.height, 60)
    }

    /// Places rows under `header`, which opens the table and every page it continues on.
    func placeTable(header: Row, rows: [Row]) {
        ensure(opening(header: header, first: rows.first))
        place(header)
        repeatedHeader = header
        defer { repeatedHeader = nil }
        for row in rows { place(row) }
    }

    func place(_ row: Row) {
        var offsets = Array(repeating: 0.0, count: row.cells.count)
        while true {
            let remaining = zip(row.cells, offsets).map { $0.bottom - $1 }.max() ?? 0
            let whole = row.paddingTop + remaining + row.paddingBottom
            if whole + (bodyOnPage ? row.keepWithNext : 0) <= available || (!bodyOnPage && whole <= available) {
                emit(row, from: offsets, to: row.cells.map(\.bottom), height: remaining)
                return
            }
            if bodyOnPage && !row.splittable && whole <= pageCapacity {
                newPage()
                continue
            }
            let budget = available - row.paddingTop - row.paddingBottom
            var ends = offsets
            var linesTaken = 0
            for (index, cell) in row.cells.enumerated() {
                let pending = cell.layout.lines.filter { cell.dy + $0.top >= offsets[index] - 0.01 }
                var taken = pending.prefix { cell.dy + $0.bottom - offsets[index] <= budget }.count
                // A paragraph does not end with one line alone at the top of the next page.
                if taken >= 3 && pending.count - taken == 1 { taken -= 1 }
                if taken > 0 { ends[index] = cell.dy + pending[taken - 1].bottom }
                linesTaken += taken
            }
            // Leave no single line of a paragraph at the bottom of a page.
            if bodyOnPage && (linesTaken == 0 || (row.splittable && linesTaken < 2)) {
                newPage()
                continue
            }
            if linesTaken == 0 {
                // A line taller than a whole page: show what fits of each cell's next line.
                for (index, cell) in row.cells.enumerated() {
                    if let line = cell.layout.lines.first(where: { cell.dy + $0.top >= offsets[index] - 0.01 }) {
                        ends[index] = min(cell.dy + line.bottom, offsets[index] + max(budget, 1))
                    }
                }
            }
            let sliceHeight = zip(ends, offsets).map { $0 - $1 }.max() ?? 0
            emit(row, from: offsets, to: ends, height: sliceHeight)
            offsets = ends
            newPage()
        }
    }

    /// A picture `size` points large, centred, with its caption under it.
    func place(_ image: PNGSurface, size: (width: Double, height: Double), caption: TextLayout?) {
        let captionHeight = caption.map { $0.height + 4 } ?? 0
        ensure(size.height + captionHeight)
        let rect = Rect(x: geometry.left + (geometry.textWidth - size.width) / 2, y: y, width: size.width, height: size.height)
        add(.image(image, rect))
        y += size.height
        bodyOnPage = true
        if let caption {
            y += 4
            add(.text(caption, x: geometry.left, y: y, lines: nil))
            y += caption.height
        }
    }

    /// A horizontal line across the text width, `points` below the current position.
    func rule(color: Color, lineWidth: Double, after points: Double) {
        add(.rule(x0: geometry.left, x1: geometry.right, y: y + points, color, lineWidth: lineWidth))
        y += points + lineWidth
    }

    private func emitWhole(_ row: Row) {
        let remaining = row.cells.map(\.bottom).max() ?? 0
        emit(row, from: row.cells.map { _ in 0 }, to: row.cells.map(\.bottom), height: remaining, body: false)
    }

    /// Draws the part of each cell between its `from` and `to` offsets (whole lines), the row's
    /// decoration around them, and moves down.
    private func emit(_ row: Row, from: [Double], to: [Double], height: Double, body: Bool = true) {
        let rect = Rect(x: geometry.left, y: y, width: geometry.textWidth, height: row.paddingTop + height + row.paddingBottom)
        if let decoration = row.decoration {
            for op in decoration(rect) { add(op) }
        }
        if let outline = row.outline, from.allSatisfy({ $0 == 0 }) {
            add(.outline(level: outline.level, title: outline.title, y: y))
        }
        let top = y + row.paddingTop
        for (index, cell) in row.cells.enumerated() {
            let origin = top + cell.dy - from[index]
            if from[index] == 0 && to[index] >= cell.bottom {
                add(.text(cell.layout, x: cell.x, y: origin, lines: nil))
            } else if to[index] > from[index] {
                let lines = cell.layout.lines.indices.filter {
                    cell.dy + cell.layout.lines[$0].top >= from[index] - 0.01 && cell.dy + cell.layout.lines[$0].bottom <= to[index] + 0.01
                }
                if let first = lines.first, let last = lines.last {
                    add(.text(cell.layout, x: cell.x, y: origin, lines: first..<(last + 1)))
                }
            }
        }
        y = rect.maxY
        if body { bodyOnPage = true }
    }
}

import CPangoCairo

/// The C objects a PDF render uses (cairo surfaces and contexts, Pango contexts and layouts),
/// each wrapped once by a class that frees it in `deinit`.
///
/// ## Threads
///
/// None of these objects is shared: a render creates them, uses them on its own thread and
/// frees them before returning, so they are neither `Sendable` nor need to be. What remains
/// shared inside the libraries is safe to use from several threads at once, with one exception
/// handled here:
///
/// - Pango's default PangoCairo font map, which holds the font caches, is per thread since
///   Pango 1.32.6 ("In this way, PangoCairo can be used safely from multiple threads",
///   `pango_cairo_font_map_get_default`). Each render's Pango context comes from the font map
///   of the thread it runs on, and a render never hops threads (it is synchronous).
/// - cairo guards its global caches (fonts, scaled fonts) with its own mutexes.
/// - fontconfig is thread-safe once initialised, but its initialisation is not: Pango ≥ 1.48
///   runs `FcInit` on a thread of its own (`[pango] FcInit`, present in Debian's 1.50.12), and
///   another `FcInit` racing it corrupts fontconfig's global configuration (pango#784 and
///   #872, worked around the same way in electron/electron#53314 and microsoft/vscode#323015).
///   ``Fontconfig/ready`` therefore initialises fontconfig once, before any Pango call.
enum Fontconfig {
    /// Whether fontconfig initialised; evaluated once per process, thread-safely (a global
    /// `let` is initialised under `swift_once`).
    static let ready: Bool = FcInit() != 0
}

struct Color: Hashable {
    var red, green, blue: Double

    init(_ hex: UInt32) {
        red = Double(hex >> 16 & 0xFF) / 255
        green = Double(hex >> 8 & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
    }

    /// Pango's 16-bit channels.
    var pango: (UInt16, UInt16, UInt16) {
        (UInt16((red * 65535).rounded()), UInt16((green * 65535).rounded()), UInt16((blue * 65535).rounded()))
    }
}

struct Rect: Hashable {
    var x, y, width, height: Double
    var maxY: Double { y + height }
}

/// A PDF being written to memory: the surface, its drawing context and the bytes so far.
final class PDFSurface {
    /// Receives the bytes cairo writes; passed to cairo as an unretained pointer, kept alive by
    /// the surface object that owns it.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    private let sink = Sink()
    let surface: OpaquePointer
    let cairo: OpaquePointer
    private var finished = false

    init(width: Double, height: Double) throws(DocumentError) {
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            if let data, length > 0 { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
            return CAIRO_STATUS_SUCCESS
        }
        let surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), width, height)!
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .renderFailed(reason: Self.message(status))
        }
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        self.surface = surface
        cairo = cairo_create(surface)
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    func setMetadata(_ item: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(surface, item, value)
    }

    /// Flushes the PDF and returns its bytes; the surface cannot be drawn on afterwards.
    func finish() throws(DocumentError) -> [UInt8] {
        precondition(!finished, "a PDF is finished once")
        finished = true
        let drawing = cairo_status(cairo)
        guard drawing == CAIRO_STATUS_SUCCESS else { throw .renderFailed(reason: Self.message(drawing)) }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .renderFailed(reason: Self.message(status)) }
        return sink.bytes
    }

    static func message(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }
}

/// A PNG decoded by cairo, ready to be painted.
final class PNGSurface {
    /// The PNG's bytes and how far cairo has read them; passed to cairo as an unretained pointer
    /// for the duration of the decoding call.
    private final class Reader {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    let surface: OpaquePointer
    let width: Int
    let height: Int

    init(png: [UInt8], alt: String) throws(DocumentError) {
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let reader = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
            let count = Int(length)
            guard count <= reader.bytes.count - reader.offset else { return CAIRO_STATUS_READ_ERROR }
            reader.bytes.withUnsafeBufferPointer { source in
                data.update(from: source.baseAddress! + reader.offset, count: count)
            }
            reader.offset += count
            return CAIRO_STATUS_SUCCESS
        }
        let reader = Reader(png)
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(reader).toOpaque())!
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .unreadableImage(alt: alt, reason: PDFSurface.message(status))
        }
        self.surface = surface
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
    }

    deinit { cairo_surface_destroy(surface) }
}

/// A run of styled text broken into lines at a given width.
final class TextLayout {
    /// A line's extent from the layout's top left, in points: where it starts (after
    /// alignment), its top, baseline and bottom.
    struct Line {
        var x, top, baseline, bottom: Double
    }

    /// Where a link's text lies, from the layout's top left, in points.
    struct LinkArea {
        var url: String
        var rects: [Rect]
    }

    let layout: OpaquePointer
    let color: Color
    let width: Double
    let height: Double
    let lines: [Line]
    let links: [LinkArea]

    /// Takes over `layout` (one reference), measuring its lines and the areas of `links`
    /// (byte ranges of the text).
    init(owning layout: OpaquePointer, color: Color, links: [(url: String, start: Int, end: Int)]) {
        self.layout = layout
        self.color = color
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        width = Double(logical.x + logical.width) / Double(PANGO_SCALE)
        height = Double(logical.y + logical.height) / Double(PANGO_SCALE)

        var lines: [Line] = []
        var areas = links.map { LinkArea(url: $0.url, rects: []) }
        let iterator = pango_layout_get_iter(layout)!
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var top: Int32 = 0
            var bottom: Int32 = 0
            var extents = PangoRectangle()
            pango_layout_iter_get_line_yrange(iterator, &top, &bottom)
            pango_layout_iter_get_line_extents(iterator, nil, &extents)
            let scale = Double(PANGO_SCALE)
            let line = Line(
                x: Double(extents.x) / scale, top: Double(top) / scale, baseline: Double(pango_layout_iter_get_baseline(iterator)) / scale,
                bottom: Double(bottom) / scale)
            lines.append(line)
            guard !links.isEmpty, let layoutLine = pango_layout_iter_get_line_readonly(iterator) else { continue }
            let lineStart = Int(layoutLine.pointee.start_index)
            let lineEnd = lineStart + Int(layoutLine.pointee.length)
            for (index, link) in links.enumerated() {
                let start = max(link.start, lineStart)
                let end = min(link.end, lineEnd)
                guard start < end else { continue }
                var ranges: UnsafeMutablePointer<Int32>?
                var count: Int32 = 0
                pango_layout_line_get_x_ranges(layoutLine, Int32(start), Int32(end), &ranges, &count)
                defer { g_free(ranges) }
                guard let ranges else { continue }
                for range in 0..<Int(count) {
                    let x0 = Double(ranges[2 * range]) / Double(PANGO_SCALE)
                    let x1 = Double(ranges[2 * range + 1]) / Double(PANGO_SCALE)
                    areas[index].rects.append(Rect(x: x0, y: line.top, width: x1 - x0, height: line.bottom - line.top))
                }
            }
        } while pango_layout_iter_next_line(iterator) != 0
        self.lines = lines
        self.links = areas.filter { !$0.rects.isEmpty }
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
}

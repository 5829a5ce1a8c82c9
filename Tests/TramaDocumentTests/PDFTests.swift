import Foundation
import Synchronization
import Testing
import TramaDocument

/// The PDF, read back with poppler-utils (`pdftotext`, `pdfinfo`): reproducible to the byte,
/// paginated with the table header on every page, every character and word where it belongs.
@Suite("Documents as PDF")
struct PDFTests {
    /// The page's text area: A4 less 20 mm on each side, in points.
    static let textLeft = 56.69
    static let textRight = 595.28 - 56.69

    @Test func aPDFTheSameToTheByteEveryTime() throws {
        let document = Samples.evidenceReport(map: try Samples.networkPNG())
        let first = try document.pdf()
        let second = try document.pdf()
        #expect(first.starts(with: Array("%PDF-".utf8)))
        #expect(first == second, "two renders of one document differ")
        #expect(first.count > 10_000)
    }

    @Test func rendersOnSeveralThreadsAtOnceGiveTheSameBytes() async throws {
        let document = Samples.evidenceReport(map: Samples.tinyPNG)
        let reference = try document.pdf()
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask { try document.pdf() }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8 && results.allSatisfy { $0 == reference })
    }

    /// In a fresh process, so that the first use of fontconfig and Pango's font maps happens on
    /// several threads at once, as in a server just started.
    @Test func aFreshProcessRendersOnSeveralThreadsAtOnce() async {
        await #expect(processExitsWith: .success) {
            let documents = [
                Samples.evidenceReport(map: Samples.tinyPNG), Document(title: "Ledger", generated: "g", blocks: [.table(Samples.payments(120))]),
            ]
            let results = Mutex<[Int: [[UInt8]]]>([:])
            DispatchQueue.concurrentPerform(iterations: 12) { index in
                let bytes = try? documents[index % 2].pdf()
                results.withLock { $0[index % 2, default: []].append(bytes ?? []) }
            }
            let rendered = results.withLock { $0 }
            for (index, document) in documents.enumerated() {
                let reference = try document.pdf()
                precondition(rendered[index]?.count == 6 && rendered[index]!.allSatisfy { $0 == reference }, "a concurrent render differs")
            }
        }
    }

    @Test func metadataComesFromTheDocumentNotTheClock() throws {
        let dated = try Poppler(
            try Document(title: "Dossier: Alfa Obras S.A.", subtitle: "case 2026/0417", generated: "2026-12-04 14:00 UTC", blocks: []).pdf())
        defer { dated.remove() }
        let info = try dated.info()
        #expect(info["Title"] == "Dossier: Alfa Obras S.A.")
        #expect(info["Subject"] == "case 2026/0417")
        #expect(info["Creator"] == "Trama")
        #expect(info["CreationDate"] == "Fri Dec  4 14:00:00 2026 UTC")
        #expect(info["ModDate"] == "Fri Dec  4 14:00:00 2026 UTC")
        #expect(info["Pages"] == "1")
        #expect(info["Page size"]?.hasPrefix("595.276 x 841.89 pts (A4)") == true)

        let undated = try Poppler(try Document(title: "t", generated: "early December", blocks: []).pdf())
        defer { undated.remove() }
        let bare = try undated.info()
        #expect(bare["CreationDate"] == nil && bare["ModDate"] == nil, "no date rather than the time of rendering")
    }

    @Test func aLongTableSpansPagesWithItsHeaderOnEach() throws {
        let document = Document(title: "Ledger", generated: "2026-12-04", blocks: [.paragraph(["All payments."]), .table(Samples.payments(300))])
        let pdf = try Poppler(try document.pdf())
        defer { pdf.remove() }
        let pages = try pdf.pages()
        let count = try #require(Int(try pdf.info()["Pages"] ?? ""))
        #expect(count >= 8, "300 rows take several pages, got \(count)")
        #expect(pages.count == count)
        for (index, page) in pages.enumerated() {
            #expect(page.occurrences(of: "Record id") == 1, "page \(index + 1) has the header row once")
            #expect(page.contains("SHA-256 of the source record"))
            #expect(page.contains("Page \(index + 1) of \(count)"), "page \(index + 1)'s footer")
            #expect(page.contains("Generated 2026-12-04"))
        }
        // Every row once: none lost or repeated at a page break.
        let text = pages.joined()
        for n in [1, 2, 57, 58, 150, 299, 300] {
            let id = "row-" + String(repeating: "0", count: 4 - String(n).count) + String(n)
            #expect(text.occurrences(of: id) == 1, "\(id)")
        }
        // A hash wraps inside its cell (pdftotext may interleave the cells' lines); its first line
        // is on the page.
        #expect((1...300).allSatisfy { text.contains(Samples.hash($0).prefix(24)) })
    }

    @Test func nonASCIITextSurvives() throws {
        let words = ["São", "José", "Peña", "Müller", "Ærø", "Журавлёв", "Свидетельство", "Ελλάδα", "Łódź", "€"]
        let document = Document(
            title: "Peña & Müller — Журавлёв", generated: "2026-12-04",
            blocks: [.paragraph([.text(words.joined(separator: " "))]), .table(Table(columns: [.init("Имя")], textRows: [["Ñandú Überseeöl"]]))])
        let pdf = try Poppler(try document.pdf())
        defer { pdf.remove() }
        let text = try pdf.pages().joined()
        for word in words + ["Peña & Müller — Журавлёв", "Имя", "Ñandú", "Überseeöl"] {
            #expect(text.contains(word), "\(word)")
        }
    }

    @Test func aLongParagraphWrapsInsideTheTextWidth() throws {
        var words: [String] = []
        var length = 0
        var n = 0
        while length < 4000 {
            n += 1
            let word = ["payment", "contract", "Alfa", "tender", "ministério", "obras", "1.010.000", "Beta"][n % 8] + "\(n)"
            words.append(word)
            length += word.count + 1
        }
        let unbroken = String(repeating: Samples.hash(7), count: 5)  // 320 characters without a space
        let document = Document(
            title: "Wrapping", generated: "2026-12-04", blocks: [.paragraph([.text(words.joined(separator: " "))]), .paragraph([.code(unbroken)])])
        let pdf = try Poppler(try document.pdf())
        defer { pdf.remove() }
        let boxes = try pdf.words()
        #expect(boxes.count > words.count)
        for box in boxes {
            #expect(box.xMin >= Self.textLeft - 0.5 && box.xMax <= Self.textRight + 0.5, "\(box.word) at \(box.xMin)…\(box.xMax)")
            #expect(box.yMin >= 20 && box.yMax <= 841.89 - 20, "\(box.word) at y \(box.yMin)")
        }
        let text = try pdf.pages().joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains(words.joined(separator: " ")), "every word, in order")
        #expect(text.replacingOccurrences(of: " ", with: "").contains(unbroken), "the unbroken string is broken across lines, not cut")
        // pdftotext joins words hyphenated at a line's end; the boxes show the lines as drawn.
        #expect(!boxes.contains { $0.word.hasSuffix("-") }, "no hyphen is added inside a hash")
    }

    @Test func aParagraphLongerThanAPageContinuesOnTheNext() throws {
        let sentence = "Each payment was approved by the same official within a day of the invoice. "
        let document = Document(title: "Long", generated: "g", blocks: [.paragraph([.text(String(repeating: sentence, count: 120) + "THE END")])])
        let pdf = try Poppler(try document.pdf())
        defer { pdf.remove() }
        let pages = try pdf.pages()
        #expect(pages.count >= 2)
        let text = pages.joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.occurrences(of: "approved by") == 120 && text.contains("THE END"), "no line lost or drawn twice at the page break")
        for box in try pdf.words() {
            #expect(box.yMax <= 841.89 - 56.69 + 30, "\(box.word) on page \(box.page) at y \(box.yMax)")
        }
    }

    @Test func markupInTheTextIsShownNotObeyed() throws {
        let document = Document(
            title: "<b>T</b>", generated: "g",
            blocks: [.paragraph([.text("<span foreground='red'>x</span> &amp; <i>y</i>"), .strong(" a < b & c")])])
        let pdf = try Poppler(try document.pdf())
        defer { pdf.remove() }
        let text = try pdf.pages().joined()
        #expect(text.contains("<span foreground='red'>x</span> &amp; <i>y</i> a < b & c"))
        #expect(text.contains("<b>T</b>"))
    }

    @Test func linksAreClickableOnlyForWebAndMail() throws {
        let document = Document(
            title: "Links", generated: "g",
            blocks: [
                .paragraph([
                    .link(text: "the register", url: "https://example.gov.br/cnpj/1"), " and ",
                    .link(text: "a trap", url: "javascript:alert(1)"), " and ",
                    .link(text: "prosecutor@example.org", url: "mailto:prosecutor@example.org"),
                ])
            ])
        let bytes = try document.pdf()
        let raw = String(decoding: bytes, as: UTF8.self)
        #expect(raw.contains("/URI (https://example.gov.br/cnpj/1)"))
        #expect(raw.contains("/URI (mailto:prosecutor@example.org)"))
        #expect(!raw.contains("javascript:alert(1))") && !raw.contains("/JavaScript") && !raw.contains("/JS"))
        let pdf = try Poppler(bytes)
        defer { pdf.remove() }
        let text = try pdf.pages().joined()
        #expect(text.contains("the register (https://example.gov.br/cnpj/1)"), "the URL is printed beside the link")
        #expect(text.contains("a trap (javascript:alert(1))"))
        #expect(!text.contains("prosecutor@example.org (mailto:"), "an address is not repeated")
    }

    @Test func oddDocumentsStillRender() throws {
        let odd = Document(
            title: "", subtitle: "", generated: "", language: "",
            blocks: [
                .heading(level: 0, []), .heading(level: 9, ["deep"]), .paragraph([]), .list([], ordered: true), .list([[]], ordered: false),
                .facts([]), .facts([Fact("", [])]),
                .table(Table(columns: [], rows: [[["orphan cell"]]])),
                .table(Table(columns: [.init("only header", width: 0), .init("nan", width: .nan)], rows: [])),
                .table(Table(columns: [.init("a"), .init("b")], rows: [[], [["1"], ["2"], ["3 beyond the columns"]]])),
                .image(Image(png: Samples.tinyPNG, alt: "", dpi: 0)),
                .note(kind: .info, []), .pageBreak, .pageBreak, .paragraph(["after two breaks"]), .pageBreak,
            ])
        let pdf = try Poppler(try odd.pdf())
        defer { pdf.remove() }
        let pages = try pdf.pages()
        #expect(pages.count == 2, "consecutive breaks make one new page; a break at the end none")
        #expect(pages[1].contains("after two breaks") && pages[0].contains("only header") && pages[0].contains("deep"))
        #expect(!odd.html().isEmpty)
    }

    @Test func aPictureThatIsNotAPNGIsAnError() {
        let document = Document(title: "t", generated: "g", blocks: [.image(Image(png: Array("GIF89a".utf8), alt: "the map"))])
        #expect {
            try document.pdf()
        } throws: { error in
            guard case let .unreadableImage(alt, _) = error as? DocumentError else { return false }
            return alt == "the map"
        }
    }

    @Test func aTallPictureIsShrunkToThePage() throws {
        // About 3000 px tall at 96 dpi: over 2000 pt.
        let tall = try Samples.tallPNG()
        let document = Document(
            title: "t", generated: "g",
            blocks: [.paragraph(["before"]), .image(Image(png: tall, alt: "tall", caption: "A tall figure")), .paragraph(["after"])])
        let pdf = try Poppler(try document.pdf())
        defer { pdf.remove() }
        let pages = try pdf.pages()
        #expect(pages.count == 3, "before; the figure alone on a page; after")
        #expect(pages[1].contains("A tall figure"))
    }

    /// Writes the sample report to `$TRAMA_DOCUMENT_OUT` (when set) for a person to look at.
    @Test func theSampleReportForInspection() throws {
        guard let directory = ProcessInfo.processInfo.environment["TRAMA_DOCUMENT_OUT"] else { return }
        let document = Samples.evidenceReport(map: try Samples.networkPNG())
        let folder = URL(fileURLWithPath: directory)
        try Data(try document.pdf()).write(to: folder.appendingPathComponent("report.pdf"))
        try Data(document.html().utf8).write(to: folder.appendingPathComponent("report.html"))
        let long = Document(
            title: "Ledger of payments, Ministry of Roads to Alfa Obras S.A. and Beta Engenharia e Construções Ltda., 2019–2024",
            generated: "2026-12-04 14:00 UTC", blocks: [.table(Samples.payments(300))])
        try Data(try long.pdf()).write(to: folder.appendingPathComponent("ledger.pdf"))
        let sentence = "Each payment was approved by the same official (Журавлёв, Peña, Müller) within a day of the invoice. "
        let prose = Document(
            title: "Running text", generated: "2026-12-04 14:00 UTC",
            blocks: [
                .paragraph([.text(String(repeating: sentence, count: 40))]),
                .heading(level: 2, ["A heading near the bottom"]),
                .paragraph([.text(String(repeating: sentence, count: 45))]),
                .list((1...12).map { ["Item \($0): ", .text(String(repeating: sentence, count: $0 % 3 + 1))] }, ordered: false),
                .note(kind: .info, [.text(String(repeating: sentence, count: 6))]),
            ])
        try Data(try prose.pdf()).write(to: folder.appendingPathComponent("prose.pdf"))
    }
}

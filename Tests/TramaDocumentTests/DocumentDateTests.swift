import Testing
@testable import TramaDocument

/// Which part of ``Document/generated`` becomes the PDF's creation date (``PDFTests`` checks
/// that cairo writes it, and writes none otherwise).
@Suite("A document's date in the PDF")
struct DocumentDateTests {
    @Test(arguments: [
        ("2026-12-04 14:00 UTC", "2026-12-04T14:00:00Z"),
        ("2026-12-04T14:00:05Z", "2026-12-04T14:00:05Z"),
        ("2026-12-04 09:30 -03:00", "2026-12-04T09:30:00-03:00"),
        ("2026-12-04", "2026-12-04T00:00:00"),
        ("2026-12-04 (demo data)", "2026-12-04T00:00:00"),
        ("  2026-12-04 14:00", "2026-12-04T14:00:00"),
    ])
    func anISODateAtTheStartIsTheMoment(generated: String, expected: String) {
        #expect(Document(title: "t", generated: generated, blocks: []).isoDate == expected)
    }

    @Test(arguments: ["", "4 December 2026", "2026-13-04 10:00", "26-12-04", "２０２６-12-04"])
    func anythingElseGivesNoDate(generated: String) {
        #expect(Document(title: "t", generated: generated, blocks: []).isoDate == nil)
    }
}

import Foundation
import Testing

@testable import TramaCardinal

/// Every demonstration in cardinal's documentation whose output it prints, run with the same
/// settings and flags, compared as values and as text.
@Suite("cardinal's documented demonstrations")
struct DocumentedExamplesTests {
    /// One `ocdscardinal indicators --settings SETTINGS --no-meta NNN.jsonl` demonstration and the
    /// output its page shows (reference/cardinal-indicators/NNN.md, "Demonstration").
    struct Demonstration: CustomTestStringConvertible, Sendable {
        var code: String
        var settings: String
        var expected: String
        var testDescription: String { "R\(code) with \(settings)" }
    }

    static let demonstrations: [Demonstration] = [
        .init(code: "003", settings: "settings.ini", expected: #"{"OCID":{"F":{"R003":1.0}}}"#),
        .init(code: "018", settings: "settings.ini", expected: #"{"OCID":{"F":{"R018":1.0}}}"#),
        .init(code: "024", settings: "024.ini", expected: #"{"OCID":{"F":{"R024":1.0}},"Tenderer":{"W":{"R024":0.0},"L":{"R024":0.0}}}"#),
        .init(code: "025", settings: "025.ini", expected: #"{"Tenderer":{"F":{"R025":0.16666666666666666}}}"#),
        .init(code: "028", settings: "settings.ini", expected: #"{"OCID":{"F":{"R028":1.0}},"Tenderer":{"D":{"R028":1.0},"V":{"R028":1.0}}}"#),
        .init(code: "030", settings: "030.ini", expected: #"{"OCID":{"F":{"R030":1.0}},"Tenderer":{"W":{"R030":1.0}}}"#),
        .init(code: "035", settings: "035.ini", expected: #"{"OCID":{"F":{"R035":1.0}},"Tenderer":{"V":{"R035":0.0}}}"#),
        .init(code: "036", settings: "settings.ini", expected: #"{"OCID":{"F":{"R036":1.0}}}"#),
        .init(code: "038", settings: "settings.ini", expected: #"{"Buyer":{"B":{"R038":0.5}}}"#),
        .init(code: "048", settings: "048.ini", expected: #"{"Tenderer":{"F":{"R048":2.0}}}"#),
        .init(code: "058", settings: "settings.ini", expected: #"{"OCID":{"F":{"R058":99.0}},"Tenderer":{"W":{"R058":0.0}}}"#),
    ]

    static func run(_ d: Demonstration, options: CardinalIndicators.Options = .init(noMeta: true)) throws -> CardinalResult {
        let settingsURL = Paths.example(d.settings)
        let settings = try CardinalSettings(ini: try Paths.text(settingsURL), file: settingsURL.path)
        return try CardinalIndicators.run(.file(Paths.example("\(d.code).jsonl")), settings: settings, options: options)
    }

    @Test(arguments: demonstrations)
    func indicatorDemonstrationMatchesTheDocumentedOutput(_ d: Demonstration) throws {
        let result = try Self.run(d)
        let printed = result.json()
        #expect(try sameJSONValue(printed, d.expected), "as values")
        #expect(printed == d.expected, "as printed")
        #expect(result.warnings.isEmpty)
    }

    @Test func everyIndicatorPageHasADemonstrationHere() throws {
        let pages = try FileManager.default.contentsOfDirectory(
            atPath: Paths.indicatorPages.path)
        let codes = pages.filter { $0.first?.isNumber ?? false }.map { String($0.prefix(3)) }.sorted()
        #expect(codes == Self.demonstrations.map(\.code))
    }

    /// The exact values behind the printed R025 result: 1 win in 6 valid bids.
    @Test func r025DemonstrationValueIsOneSixthAsADouble() throws {
        let result = try Self.run(Self.demonstrations[3])
        #expect(result.value(.r025, .tenderer, "F") == 1.0 / 6.0)
    }

    /// Without `--no-meta`, the quartiles behind R024's demonstration, rounded to 4 decimals:
    /// ratios 1, 99, 99, 99, 99 give Q1 = 1 + (h − 1)·98 with h = (5 + 1/3)·0.25 + 1/3, Q3 = 99.
    @Test func r024DemonstrationMetaHoldsQuartilesAndFence() throws {
        let result = try Self.run(Self.demonstrations[2], options: .init())
        let h = (5.0 + 1.0 / 3.0) * 0.25 + 1.0 / 3.0
        let q1 = 1.0 + (h - 1.0) * 98.0
        let meta = try #require(result.meta.first { $0.indicator == .r024 })
        #expect(meta.values.map(\.name) == ["q1", "q3", "lower_fence"])
        #expect(meta.values[0].value == q1)
        #expect(meta.values[1].value == 99.0)
        #expect(meta.values[2].value == q1.addingProduct(99.0 - q1, -1.5))
        #expect(
            result.json()
                == #"{"OCID":{"F":{"R024":1.0}},"Tenderer":{"W":{"R024":0.0},"L":{"R024":0.0}},"Meta":{"R024":{"q1":66.3333,"q3":99.0,"lower_fence":17.3333}}}"#
        )
    }

    @Test func r024DemonstrationMapsNameTheFlaggedTenderers() throws {
        let result = try Self.run(Self.demonstrations[2], options: .init(noMeta: true, map: true))
        #expect(
            result.json()
                == #"{"OCID":{"F":{"R024":1.0}},"Tenderer":{"W":{"R024":0.0},"L":{"R024":0.0}},"Maps":{"ocid_buyer_r038":{},"ocid_procuringentity_r038":{},"ocid_tenderer":{},"ocid_tenderer_r024":{"F":["W","L"]},"ocid_tenderer_r028":{},"ocid_tenderer_r030":{},"ocid_tenderer_r035":{},"ocid_tenderer_r058":{}}}"#
        )
    }

    // MARK: coverage (reference/cardinal-topics has no page; cardinal-rs docs/cli/coverage.md)

    @Test(arguments: [
        (
            "coverage.jsonl",
            #"{"/phoneNumbers[]/type": 2, "/phoneNumbers[]/number": 2, "/phoneNumbers[]/": 2, "/phoneNumbers[]": 2, "/phoneNumbers": 1, "/": 1, "": 1}"#
        ),
        ("coverage-duplicate.jsonl", "{}"),
        ("coverage-empty.jsonl", #"{"/": 2, "": 1}"#),
        ("coverage-bracket.jsonl", #"{"/a[]": 2, "/a": 1, "/": 1, "": 1}"#),
    ])
    func coverageDemonstrationMatchesTheDocumentedOutput(file: String, expected: String) throws {
        let result = try CardinalCoverage.run(.file(Paths.example(file)))
        #expect(result.text() == expected)
        #expect(result.warnings.isEmpty)
    }

    // MARK: prepare (reference/cardinal-topics/prepare.md, "Demonstration")

    @Test func prepareDemonstrationReportsTheMissingBidStatus() throws {
        let result = try CardinalPrepare.run(.file(Paths.example("prepare.jsonl")))
        #expect(result.errors == "1,ocds-213czf-1,/bids/details[]/status,0,,not set\n")
        #expect(try result.output == Paths.text(Paths.example("prepare.jsonl")))
        #expect(result.issues.map(\.problem) == ["not set"])
    }

    // MARK: init (reference/cardinal-topics/init.md)

    @Test func initTemplateIsTheDocumentedFileAndEnablesEveryIndicator() throws {
        let page = try Paths.text(Paths.initPage)
        let start = try #require(page.range(of: "$ ocdscardinal init -\n"))
        let end = try #require(page.range(of: "\n```", range: start.upperBound..<page.endIndex))
        #expect(CardinalSettings.initTemplate == String(page[start.upperBound..<end.lowerBound]))
        let settings = try CardinalSettings(ini: CardinalSettings.initTemplate)
        #expect(settings.enabledIndicators == CardinalIndicator.allCases)
    }
}

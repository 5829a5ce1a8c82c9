import Foundation
import Testing

@testable import TramaCardinal

/// Behaviour read from cardinal's source rather than its documentation.
@Suite("cardinal's behaviour beyond the demonstrations")
struct IndicatorBehaviourTests {
    static func run(_ lines: [String], _ ini: String, map: Bool = false) throws -> CardinalResult {
        try CardinalIndicators.run(.lines(lines), settings: CardinalSettings(ini: ini), options: .init(noMeta: true, map: map))
    }

    /// cardinal's `matches_procurement_method_details` test (lib.rs): R036 on one process whose
    /// `/tender/procurementMethodDetails` is X, Y or N, with `price_comparison_procurement_methods
    /// = Y` and/or `no_price_comparison_procurement_methods = N`.
    @Test(arguments: [
        ("X", false, false, true), ("X", true, false, false), ("X", false, true, true),
        ("Y", false, false, true), ("Y", true, false, true), ("Y", false, true, true),
        ("N", false, false, true), ("N", true, false, false), ("N", false, true, false),
    ])
    func priceComparisonListsDecideWhetherBidsAreCompared(details: String, include: Bool, exclude: Bool, flagged: Bool) throws {
        let line =
            #"{"ocid":"F","bids":{"details":[{"status":"disqualified","value":{"amount":1,"currency":"USD"}},{"status":"valid","value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active"}],"tender":{"procurementMethodDetails":"\#(details)"}}"#
        var ini = ""
        if include { ini += "price_comparison_procurement_methods = Y\n" }
        if exclude { ini += "no_price_comparison_procurement_methods = N\n" }
        let result = try Self.run([line], ini + "[R036]\n")
        #expect(result.json() == (flagged ? #"{"OCID":{"F":{"R036":1.0}}}"# : "{}"))
    }

    @Test func bothListsWarnThatTheDenyListIsIgnored() throws {
        let result = try Self.run([], "price_comparison_procurement_methods = Y\nno_price_comparison_procurement_methods = N\n[R036]\n")
        #expect(
            result.warnings.map(\.message) == ["no_price_comparison_procurement_methods has no effect if price_comparison_procurement_methods is set."])
    }

    @Test func r018CountsOnlyTheInteger1() throws {
        let lines = [
            #"{"ocid":"a","tender":{"numberOfTenderers":1,"procurementMethod":"open"}}"#,
            #"{"ocid":"b","tender":{"numberOfTenderers":1.0,"procurementMethod":"open"}}"#,
            #"{"ocid":"c","tender":{"numberOfTenderers":1,"procurementMethod":"direct"}}"#,
            #"{"ocid":"d","tender":{"numberOfTenderers":"1","procurementMethod":"open"}}"#,
        ]
        #expect(try Self.run(lines, "[R018]").json() == #"{"OCID":{"a":{"R018":1.0}}}"#)
    }

    @Test func excludedAndCancelledProcessesAreLeftOut() throws {
        let lines = [
            #"{"ocid":"a","tender":{"numberOfTenderers":1,"procurementMethod":"open","status":"cancelled"}}"#,
            #"{"ocid":"b","tender":{"numberOfTenderers":1,"procurementMethod":"open","procurementMethodDetails":"Sorteo"}}"#,
            #"{"ocid":1,"tender":{"numberOfTenderers":1,"procurementMethod":"open"}}"#,
            #"[1]"#,
            #"{"ocid":"c","tender":{"numberOfTenderers":1,"procurementMethod":"open"}}"#,
        ]
        let result = try Self.run(lines, "[exclusions]\nprocurement_method_details = Sorteo\n[R018]")
        #expect(result.json() == #"{"OCID":{"c":{"R018":1.0}}}"#)
    }

    /// An empty OCID or Tenderer group is removed by `IndexMap::swap_remove`, which moves the last
    /// group into its place.
    @Test func groupsAreOrderedAsCardinalsIndexMapLeavesThem() throws {
        let folder = Paths.cardinalTests.appendingPathComponent("indicators")
        let result = try CardinalIndicators.run(
            .file(folder.appendingPathComponent("R038.jsonl")), settings: CardinalSettings(ini: "[R038]"), options: .init(noMeta: true))
        #expect(result.json() == #"{"ProcuringEntity":{"P":{"R038":0.5}},"Buyer":{"B":{"R038":0.5}}}"#)
        #expect(result.countLines() == ["ProcuringEntity: 1", "Buyer: 1"])
    }

    @Test func theFirstCurrencySeenIsTheMainOneUnlessSet() throws {
        func process(_ ocid: String, _ currency: String, _ low: Int) -> String {
            #"{"ocid":"\#(ocid)","bids":{"details":[{"status":"disqualified","value":{"amount":\#(low),"currency":"\#(currency)"}},{"status":"valid","value":{"amount":5,"currency":"\#(currency)"}}]},"awards":[{"status":"active"}]}"#
        }
        let lines = [process("eur", "EUR", 1), process("usd", "USD", 1)]
        let first = try Self.run(lines, "[R036]")
        #expect(first.json() == #"{"OCID":{"eur":{"R036":1.0}}}"#)
        #expect(first.warnings.map(\.message) == [#"USD is not Some("EUR"), skipping."#, #"USD is not Some("EUR"), skipping."#])
        #expect(try Self.run(lines, "currency = USD\n[R036]").json() == #"{"OCID":{"usd":{"R036":1.0}}}"#)
        #expect(try Self.run(lines, "currency = USD\n[output]\ninfo_currency_mismatches = true\n[R036]").warnings.isEmpty)
    }

    @Test func r003UsesTheThresholdForItsProcurementMethodDetails() throws {
        func process(_ ocid: String, _ details: String, days: Int) -> String {
            #"{"ocid":"\#(ocid)","tender":{"procurementMethodDetails":"\#(details)","tenderPeriod":{"startDate":"2021-01-01T00:00:00Z","endDate":"2021-01-\#(String(format2: 1 + days))T00:00:00Z"}}}"#
        }
        let lines = [process("a", "Cotización", days: 6), process("b", "Cotización", days: 7), process("c", "Other", days: 14), process("d", "Other", days: 15)]
        let result = try Self.run(lines, "[R003]\n[R003.procurement_method_details]\nCotización = 7\n")
        #expect(result.json() == #"{"OCID":{"a":{"R003":1.0},"c":{"R003":1.0}}}"#)
    }

    @Test func codesOfOneIdentifierAreInCodeOrder() throws {
        let line =
            #"{"ocid":"F","tender":{"numberOfTenderers":1,"procurementMethod":"open","tenderPeriod":{"startDate":"2021-01-01T00:00:00Z","endDate":"2021-01-02T00:00:00Z"}}}"#
        #expect(try Self.run([line], "[R018]\n[R003]").json() == #"{"OCID":{"F":{"R003":1.0,"R018":1.0}}}"#)
    }

    /// Also: R038's minimum for buyers counts submitted bids, so one process with two bids is enough.
    @Test func mapsListTheTenderersOfEachProcess() throws {
        let line =
            #"{"ocid":"F","buyer":{"id":"B"},"bids":{"details":[{"status":"disqualified","tenderers":[{"id":"D"}]},{"status":"valid","tenderers":[{"id":"V"}]},{"status":"invited","tenderers":[{"id":"I"}]}]},"awards":[{"status":"active","suppliers":[{"id":"V"}]}]}"#
        let result = try Self.run([line], "[R035]\n[R038]", map: true)
        #expect(
            result.json()
                == #"{"OCID":{"F":{"R035":1.0}},"Tenderer":{"V":{"R035":0.0}},"Buyer":{"B":{"R038":0.5}},"Maps":{"ocid_buyer_r038":{"F":"B"},"ocid_procuringentity_r038":{},"ocid_tenderer":{"F":["D","V"]},"ocid_tenderer_r024":{},"ocid_tenderer_r028":{},"ocid_tenderer_r030":{},"ocid_tenderer_r035":{"F":["V"]},"ocid_tenderer_r058":{}}}"#
        )
    }

    @Test func prepareKeepsNumbersAsWrittenAndRemovesMembersAsSerdeJSONDoes() throws {
        let line = #"{"ocid":"x","bids":{"details":[{"status":"valid","value":{"amount":0,"currency":"USD","note":1.50}}]}}"#
        let redacted = try CardinalPrepare.run(.lines([line]), settings: CardinalSettings(ini: "[redactions]\namount = 0"))
        #expect(redacted.output == #"{"ocid":"x","bids":{"details":[{"status":"valid","value":{"note":1.50,"currency":"USD"}}]}}"# + "\n")
        let kept = try CardinalPrepare.run(.lines([line]))
        #expect(kept.errors == "1,x,/bids/details[]/value/amount,0,,is zero\n")
    }

    @Test func prepareQuotesCSVFieldsOnlyWhenNeeded() throws {
        let line = #"{"ocid":"a,\"b\"","awards":[{"status":"Active, maybe"}]}"#
        let result = try CardinalPrepare.run(.lines([line]))
        #expect(result.errors == #"1,"a,""b""",/awards[]/status,0,"Active, maybe",invalid"# + "\n")
    }
}

extension String {
    /// Two digits, for building dates in tests.
    fileprivate init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}

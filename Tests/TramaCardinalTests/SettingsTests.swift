import Testing

@testable import TramaCardinal

@Suite("Settings files")
struct SettingsTests {
    @Test func emptySectionsEnableIndicators() throws {
        let settings = try CardinalSettings(ini: try Paths.text(Paths.example("settings.ini")))
        #expect(settings.enabledIndicators == CardinalIndicator.allCases)
        #expect(settings.r024 == CardinalSettings.Threshold())
        #expect(try CardinalSettings(ini: "").enabledIndicators.isEmpty)
    }

    @Test func propertiesAreReadWithTheirTypes() throws {
        let ini = """
            ; a comment
            # another
            currency = USD
            no_price_comparison_procurement_methods = Random Selection|Sorteo de Obras

            [exclusions]
            procurement_method_details = Random Selection

            [R003]
            threshold = 10
            procurement_methods = open|selective

            [R003.procurement_method_details]
            Cotización = 7
            Licitación de Seguros = 10

            [R025]
            percentile = 80
            threshold = .05

            [R035]
            threshold = yes

            [output]
            info_currency_mismatches = On

            [codelists.bid_status]
            Qualified = valid

            [modifications]
            prefix_tenderer_or_supplier_id = "DO-RPE-"
            """
        let s = try CardinalSettings(ini: ini)
        #expect(s.currency == "USD")
        #expect(s.noPriceComparisonProcurementMethods == "Random Selection|Sorteo de Obras")
        #expect(s.exclusions?.procurementMethodDetails == "Random Selection")
        #expect(s.r003?.threshold == 10)
        #expect(s.r003?.procurementMethods == "open|selective")
        #expect(s.r003?.procurementMethodDetails == [.init("Cotización", 7), .init("Licitación de Seguros", 10)])
        #expect(s.r025 == .init(percentile: 80, threshold: 0.05))
        #expect(s.r035?.threshold == 1)
        #expect(s.output?.infoCurrencyMismatches == true)
        #expect(s.codelists?.bidStatus == [.init("Qualified", "valid")])
        #expect(s.modifications?.prefixTendererOrSupplierID == "DO-RPE-")
        #expect(s.enabledIndicators == [.r003, .r025, .r035])
    }

    @Test func aDottedSectionAloneEnablesItsIndicator() throws {
        let s = try CardinalSettings(ini: "[R003.procurement_method_details]\nx = 5\n")
        #expect(s.r003 == .init(procurementMethodDetails: [.init("x", 5)]))
    }

    @Test func aRepeatedSectionKeepsOnlyItsLastOccurrence() throws {
        let s = try CardinalSettings(ini: "[R038]\nthreshold = 0.5\n[R038]\nminimum_submitted_bids = 3\n")
        #expect(s.r038 == .init(minimumSubmittedBids: 3))
    }

    @Test func anUnknownPropertyNamesItsLineAndKey() {
        #expect(throws: CardinalError.unknownSetting(file: "s.ini", line: 3, key: "R024.threshhold", known: ["threshold"])) {
            try CardinalSettings(ini: "[R024]\n\nthreshhold = 0.1\n", file: "s.ini")
        }
    }

    @Test func anUnknownSectionNamesItsLine() throws {
        let error = #expect(throws: CardinalError.self) { try CardinalSettings(ini: "[R024]\n[R999]\n") }
        guard case .unknownSetting(_, let line, let key, _)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(line == 2)
        #expect(key == "R999")
    }

    /// rust-ini has no inline comments: the documentation's `threshold = 15 # default` is the value
    /// `15 # default`, which cardinal refuses too.
    @Test func anInlineCommentMakesTheValueInvalid() {
        #expect(throws: CardinalError.badSettingValue(file: nil, line: 2, key: "R003.threshold", value: "15 # default", expected: "a whole number")) {
            try CardinalSettings(ini: "[R003]\nthreshold = 15 # default\n")
        }
    }

    @Test func aCommentAfterASectionHeaderIsASyntaxError() throws {
        let error = #expect(throws: CardinalError.self) { try CardinalSettings(ini: "[R003] ; short periods\n") }
        guard case .settingsSyntax(_, let line, _)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(line == 1)
    }

    @Test func badValuesNameTheirKey() throws {
        for (ini, key) in [
            ("[R024]\nthreshold = high", "R024.threshold"),
            ("[R048]\ndigits = -2", "R048.digits"),
            ("[defaults]\nparty_roles = maybe", "defaults.party_roles"),
        ] {
            let error = #expect(throws: CardinalError.self) { try CardinalSettings(ini: ini) }
            guard case .badSettingValue(_, let line, let k, _, _)? = error else {
                Issue.record("wrong error for \(ini): \(String(describing: error))")
                continue
            }
            #expect(line == 2)
            #expect(k == key)
        }
    }

    @Test func aValueWhereASectionBelongsIsRefused() throws {
        let error = #expect(throws: CardinalError.self) { try CardinalSettings(ini: "R024 = 1\n") }
        guard case .settingShape(_, let line, let key, _)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(line == 1)
        #expect(key == "R024")
    }

    @Test func errorsReadAsPlaceAndProblem() {
        let error = CardinalError.badSettingValue(
            file: "settings.ini", line: 4, key: "R003.threshold", value: "15 # default", expected: "a whole number")
        #expect(error.description == "settings.ini:4: R003.threshold = '15 # default' is not a whole number (comments must be on their own line)")
    }

    @Test func numbersFollowRustSyntax() {
        #expect(SettingsNumbers.rustDouble("5.") == 5)
        #expect(SettingsNumbers.rustDouble(".5") == 0.5)
        #expect(SettingsNumbers.rustDouble("+1e-3") == 0.001)
        #expect(SettingsNumbers.rustDouble("inf") == .infinity)
        #expect(SettingsNumbers.rustDouble("0x10") == nil)
        #expect(SettingsNumbers.rustDouble(" 1") == nil)
        #expect(SettingsNumbers.rustDouble("1_000") == nil)
        #expect(SettingsNumbers.rustDouble("") == nil)
    }
}

import TramaAnalysis

/// cardinal-rs's `indicators` command: red flags computed from OCDS compiled releases in JSON
/// Lines, with the same results as `ocdscardinal indicators` for the same input and settings.
///
/// Procurement monitors already run cardinal; computing the same indicators lets them cross-check
/// Trama against it or switch. The methodology of each indicator is cardinal's (its documentation
/// and, where that is silent, its source); the doc comments on the indicator functions below say
/// which is which.
///
/// A run reads the input once, line by line, keeping only what the indicators need across
/// processes (per-organization counts and the per-process ratios the quartiles need), so a file
/// of any size can be streamed.
public enum CardinalIndicators {
    /// The command-line flags that change the output.
    public struct Options: Sendable, Equatable {
        /// `--no-meta`: leave out the `Meta` key.
        public var noMeta: Bool
        /// `--map`: add the `Maps` key.
        public var map: Bool

        public init(noMeta: Bool = false, map: Bool = false) {
            self.noMeta = noMeta
            self.map = map
        }
    }

    /// Computes the indicators that `settings` enables over `input`.
    ///
    /// Lines that are not JSON, not UTF-8 or not an object with a string `ocid` are skipped, as by
    /// cardinal; the result's warnings say which (cardinal logs them). Processes whose
    /// `/tender/status` is `cancelled`, or whose `/tender/procurementMethodDetails` is listed in
    /// `[exclusions] procurement_method_details`, are left out of every indicator.
    ///
    /// - Throws: ``CardinalError/unreadable(file:reason:)`` if a file cannot be read.
    /// - Complexity: O(n) in the input's size, plus O(k log k) for the quartiles of k processes or
    ///   organizations.
    public static func run(_ input: CardinalInput, settings: CardinalSettings = CardinalSettings(), options: Options = Options()) throws
        -> CardinalResult
    {
        var engine = IndicatorEngine(settings: settings, map: options.map)
        try JSONLines.forEach(input) { line, content in
            engine.lines = line
            if case .json(let value) = content {
                engine.fold(value)
            } else if let warning = JSONLines.warning(line: line, content) {
                engine.warn(warning)
            }
        }
        return engine.finish(options: options)
    }
}

/// Cardinal's fraction, summed as a mediant: wins (or disqualifications) over bids.
struct Fraction {
    var numerator = 0
    var denominator = 0
    var ratio: Double { Double(numerator) / Double(denominator) }
}

/// The state of one run: cardinal's `Indicators` accumulator, folded over the processes in order.
struct IndicatorEngine {
    let settings: CardinalSettings
    let map: Bool

    // Configuration resolved once, as cardinal's `Calculate::new` does.
    let excludedDetails: Set<ByteKey>
    let noPriceComparison: Set<ByteKey>
    let priceComparison: Set<ByteKey>
    let infoCurrencyMismatches: Bool
    let r003: ShortAdvertisementRule<ByteKey>
    let r018: SingleBiddingRule<ByteKey>
    let r025: LowWinningRateRule
    let r035Threshold: UInt64
    let r048: ActivityScopeRule

    // Results: groups in cardinal's IndexMap order, each id's codes.
    var groupOrder: [CardinalGroup] = [.ocid, .tenderer]
    var results: [CardinalGroup: OrderedMap<[CardinalIndicator: Double]>] = [.ocid: OrderedMap(), .tenderer: OrderedMap()]
    var meta: [CardinalIndicator: [(name: String, value: Double)]] = [:]
    var maps = CardinalResult.Maps()
    private var mapSingles: [String: OrderedMap<String>] = [:]
    private var mapSets: [String: OrderedMap<OrderedSet>] = [:]

    // Accumulators.
    var currency: String?
    var secondLowestBidRatios = OrderedMap<Double>()
    var winnerAndLowestNonWinner = OrderedMap<(String, String)>()
    var r025Tenderer = OrderedMap<Fraction>()
    var r038Buyer = OrderedMap<Fraction>()
    var r038ProcuringEntity = OrderedMap<Fraction>()
    var r038Tenderer = OrderedMap<Fraction>()
    var r048Classifications = OrderedMap<(count: Int, codes: OrderedSet)>()

    var warnings: [CardinalWarning] = []
    var warningCount = 0
    var lines = 0

    init(settings: CardinalSettings, map: Bool) {
        self.settings = settings
        self.map = map
        excludedDetails = pipeSeparated(settings.exclusions?.procurementMethodDetails)
        noPriceComparison = pipeSeparated(settings.noPriceComparisonProcurementMethods)
        priceComparison = pipeSeparated(settings.priceComparisonProcurementMethods)
        infoCurrencyMismatches = settings.output?.infoCurrencyMismatches ?? false
        var details: [ByteKey: Int64] = [:]
        for pair in settings.r003?.procurementMethodDetails ?? [] { details[ByteKey(pair.name)] = pair.value }
        r003 = ShortAdvertisementRule(
            procedures: ProcedureFilter(pipeSeparated(settings.r003?.procurementMethods)), minimumDays: settings.r003?.threshold ?? 15,
            minimumDaysByProcedure: details)
        r018 = SingleBiddingRule(procedures: ProcedureFilter(pipeSeparated(settings.r018?.procurementMethods ?? "open|selective")))
        r025 = LowWinningRateRule(percentile: settings.r025?.percentile ?? 75, threshold: settings.r025?.threshold)
        r035Threshold = max(settings.r035?.threshold ?? 1, 1)
        r048 = ActivityScopeRule(
            digits: Int(clamping: settings.r048?.digits ?? 2), minimumContracts: Int(clamping: settings.r048?.minimumContractingProcesses ?? 20),
            threshold: settings.r048?.threshold.map(Double.init))
        if settings.noPriceComparisonProcurementMethods != nil && settings.priceComparisonProcurementMethods != nil {
            warn(
                CardinalWarning(
                    line: nil, message: "no_price_comparison_procurement_methods has no effect if price_comparison_procurement_methods is set."))
        }
    }

    mutating func warn(_ warning: CardinalWarning) {
        warningCount += 1
        if warnings.count < 10_000 { warnings.append(warning) }
    }

    // MARK: Results

    mutating func setResult(_ group: CardinalGroup, _ id: String, _ indicator: CardinalIndicator, _ value: Double) {
        if results[group] == nil {
            groupOrder.append(group)
            results[group] = OrderedMap()
        }
        results[group]!.update(id, default: [:]) { $0[indicator] = value }
    }

    mutating func setMeta(_ indicator: CardinalIndicator, _ name: String, _ value: Double) {
        meta[indicator, default: []].append((name, value))
    }

    mutating func mapTenderer(_ field: String, _ ocid: String, _ id: String) {
        guard map else { return }
        mapSets[field, default: OrderedMap()].update(ocid, default: OrderedSet()) { $0.insert(id) }
    }

    mutating func mapOrganization(_ field: String, _ ocid: String, _ id: String) {
        guard map else { return }
        mapSingles[field, default: OrderedMap()].set(ocid, id)
    }

    // MARK: Fold

    /// One process: cardinal's `Indicators::run` fold closure.
    mutating func fold(_ value: JSON) {
        guard case .object(let release) = value, case .string(let ocid)? = release["ocid"] else { return }
        if case .string(let status)? = release["tender"]?["status"], status == "cancelled" { return }
        guard Self.matchesProcurementMethodDetails(release, include: [], exclude: excludedDetails) else { return }

        if map && (settings.r025 != nil || settings.r038 != nil || settings.r048 != nil) { foldTenderers(release, ocid) }
        if settings.r024 != nil || settings.r058 != nil { foldSecondLowestBidRatio(release, ocid) }
        if settings.r003 != nil { foldR003(release, ocid) }
        if settings.r018 != nil { foldR018(release, ocid) }
        if settings.r025 != nil { foldR025(release) }
        if settings.r028 != nil { foldR028(release, ocid) }
        if settings.r030 != nil { foldR030(release, ocid) }
        if settings.r035 != nil { foldR035(release, ocid) }
        if settings.r036 != nil { foldR036(release, ocid) }
        if settings.r038 != nil { foldR038(release, ocid) }
        if settings.r048 != nil { foldR048(release) }
    }

    // MARK: Finish

    mutating func finish(options: CardinalIndicators.Options) -> CardinalResult {
        if settings.r024 != nil { finalizeR024() }
        if settings.r025 != nil { finalizeR025() }
        if settings.r038 != nil { finalizeR038() }
        if settings.r048 != nil { finalizeR048() }
        if settings.r058 != nil { finalizeR058() }

        // cardinal removes an empty OCID or Tenderer group with `IndexMap::swap_remove`.
        for group in [CardinalGroup.ocid, .tenderer] where results[group]?.isEmpty ?? false {
            let i = groupOrder.firstIndex(of: group)!
            groupOrder.swapAt(i, groupOrder.count - 1)
            groupOrder.removeLast()
            results[group] = nil
        }

        let groups = groupOrder.map { group in
            CardinalResult.Group(
                group: group,
                entries: results[group]!.entries.map { id, codes in
                    CardinalResult.Entry(id: id, values: codes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                })
        }
        let metaList = meta.keys.sorted().map { CardinalResult.Meta(indicator: $0, values: meta[$0]!) }
        var resultMaps: CardinalResult.Maps? = nil
        if map {
            var m = CardinalResult.Maps()
            func singles(_ f: String) -> [(ocid: String, id: String)] { mapSingles[f].map { Array($0.entries).map { ($0, $1) } } ?? [] }
            func sets(_ f: String) -> [(ocid: String, ids: [String])] { mapSets[f].map { Array($0.entries).map { ($0, $1.elements) } } ?? [] }
            m.ocidBuyerR038 = singles("ocid_buyer_r038")
            m.ocidProcuringEntityR038 = singles("ocid_procuringentity_r038")
            m.ocidTenderer = sets("ocid_tenderer")
            m.ocidTendererR024 = sets("ocid_tenderer_r024")
            m.ocidTendererR028 = sets("ocid_tenderer_r028")
            m.ocidTendererR030 = sets("ocid_tenderer_r030")
            m.ocidTendererR035 = sets("ocid_tenderer_r035")
            m.ocidTendererR058 = sets("ocid_tenderer_r058")
            resultMaps = m
        }
        return CardinalResult(
            groups: groups, meta: metaList, maps: resultMaps, options: options, warnings: warnings, warningCount: warningCount, lines: lines)
    }

    // MARK: Shared selections (cardinal's `Indicators` helpers)

    /// Whether a process passes a list of `/tender/procurementMethodDetails` values: an allow list
    /// (`include`, if not empty) needs the field set and listed; a deny list needs it unset or not
    /// listed.
    static func matchesProcurementMethodDetails(_ release: JSONObject, include: Set<ByteKey>, exclude: Set<ByteKey>) -> Bool {
        if case .string(let details)? = release["tender"]?["procurementMethodDetails"] {
            return include.isEmpty ? !exclude.contains(ByteKey(details)) : include.contains(ByteKey(details))
        }
        return include.isEmpty
    }

    /// Whether the filter admits `/tender/procurementMethod`.
    static func matchesProcurementMethod(_ tender: JSONObject, _ filter: ProcedureFilter<ByteKey>) -> Bool {
        if case .string(let method)? = tender["procurementMethod"] { return filter.admits(ByteKey(method)) }
        return filter.admits(nil)
    }

    /// The active awards and all bids, or nil if an award is still open (a status other than
    /// active, cancelled or unsuccessful), because results about an open process would change.
    /// Bids come back even with no active award.
    static func completeAwardsAndBids(_ release: JSONObject) -> (awards: [JSON], bids: [JSON])? {
        guard case .array(let awards)? = release["awards"], case .array(let details)? = release["bids"]?["details"] else { return nil }
        var complete: [JSON] = []
        for award in awards {
            if case .string(let status)? = award["status"] {
                switch status {
                case "active": complete.append(award)
                case "cancelled", "unsuccessful": break
                default: return nil
                }
            }
        }
        return (complete, details)
    }

    /// Submitted bids: with a status other than invited and withdrawn (pending, valid, disqualified).
    static func submittedBids(_ release: JSONObject) -> [JSON] {
        guard case .array(let details)? = release["bids"]?["details"] else { return [] }
        return details.filter { bid in
            if case .string(let status)? = bid["status"] { return status != "invited" && status != "withdrawn" }
            return false
        }
    }

    /// Valid bids by a single tenderer with an amount and a currency.
    static func validBidsWithValue(_ details: [JSON]) -> [(tenderer: String, amount: Double, currency: String)] {
        var tuples: [(String, Double, String)] = []
        for bid in details {
            guard case .string(let status)? = bid["status"], case .object(let value)? = bid["value"],
                let amountValue = value["amount"], case .number = amountValue, case .string(let currency)? = value["currency"],
                case .array(let tenderers)? = bid["tenderers"], tenderers.count == 1, case .string(let tenderer)? = tenderers[0]["id"],
                let amount = amountValue.f64, status == "valid"
            else { continue }
            tuples.append((tenderer, amount, currency))
        }
        return tuples
    }

    /// The main currency: the setting, else the first currency seen (`get_or_insert_with`).
    mutating func isMainCurrency(_ currency: String) -> Bool {
        if self.currency == nil { self.currency = settings.currency ?? currency }
        if sameBytes(currency, self.currency!) { return true }
        if !infoCurrencyMismatches {
            warn(CardinalWarning(line: lines, message: "\(currency) is not Some(\(rustDebugString(self.currency!))), skipping."))
        }
        return false
    }

    // MARK: Quartiles

    /// Q1, Q3 and their lower fence over `values`, recorded in `Meta` as cardinal records them.
    mutating func lowerFence(_ indicator: CardinalIndicator, _ values: [Double]) -> (fence: Double, q1: Double) {
        let q1 = Quantiles.lowerQuartile(values)
        let q3 = Quantiles.upperQuartile(values)
        setMeta(indicator, "q1", q1)
        setMeta(indicator, "q3", q3)
        return (Quantiles.lowerFence(q1: q1, q3: q3), q1)
    }

    mutating func upperFence(_ indicator: CardinalIndicator, _ values: [Double], prefix: String = "") -> Double {
        let q1 = Quantiles.lowerQuartile(values)
        let q3 = Quantiles.upperQuartile(values)
        setMeta(indicator, prefix + "q1", q1)
        setMeta(indicator, prefix + "q3", q3)
        return Quantiles.upperFence(q1: q1, q3: q3)
    }
}

import TramaAnalysis

/// The indicators that compare a process or an organization with all others, through quartiles:
/// R024, R025, R038, R048, R058 (and the bid ratios R024 and R058 share).
extension IndicatorEngine {
    /// The percentage difference between the winning bid and the lowest other valid bid, for R024
    /// and R058 (cardinal's `SecondLowestBidRatio`).
    ///
    /// Only processes whose prices are compared, with no award pending, exactly one active award
    /// with exactly one supplier; among valid bids by a single tenderer in the main currency, the
    /// supplier's lowest bid and the lowest bid of anyone else; and only if the winner's bid is the
    /// lowest (else the award criteria were not price only). Ratio (other − winner) / winner.
    mutating func foldSecondLowestBidRatio(_ release: JSONObject, _ ocid: String) {
        guard Self.matchesProcurementMethodDetails(release, include: priceComparison, exclude: noPriceComparison) else { return }
        guard let (awards, details) = Self.completeAwardsAndBids(release), awards.count == 1,
            case .array(let suppliers)? = awards[0]["suppliers"], suppliers.count == 1, case .string(let supplier)? = suppliers[0]["id"]
        else { return }
        var winner: (id: String, amount: Double)? = nil
        var other: (id: String, amount: Double)? = nil
        for bid in Self.validBidsWithValue(details) {
            guard isMainCurrency(bid.currency) else { continue }
            if sameBytes(supplier, bid.tenderer) {
                if winner == nil || bid.amount < winner!.amount { winner = (bid.tenderer, bid.amount) }
            } else if other == nil || bid.amount < other!.amount {
                other = (bid.tenderer, bid.amount)
            }
        }
        guard let winner, let other, other.amount >= winner.amount else { return }
        secondLowestBidRatios.set(ocid, (other.amount - winner.amount) / winner.amount)
        winnerAndLowestNonWinner.set(ocid, (winner.id, other.id))
    }

    /// R024 — price close to winning bid.
    ///
    /// Flags a process whose bid ratio is at or below the lower fence Q1 − 1.5·IQR of all ratios (or
    /// `threshold`), with the ratio as value, and its winner and runner-up with 0.0. Skipped unless
    /// Q1 > 0 and the fence > 0 (with a `threshold`, only the fence must be > 0): ratios are never
    /// negative, so otherwise a quarter or more of processes would be flagged (source: `r024.rs`).
    mutating func finalizeR024() {
        let fence: Double
        let q1: Double
        if let threshold = settings.r024?.threshold {
            (fence, q1) = (threshold, 1.0)
        } else {
            (fence, q1) = lowerFence(.r024, secondLowestBidRatios.values)
        }
        setMeta(.r024, "lower_fence", fence)
        guard q1 > 0, fence > 0 else { return }
        for (ocid, ratio) in secondLowestBidRatios.entries where ratio <= fence {
            setResult(.ocid, ocid, .r024, ratio)
            let pair = winnerAndLowestNonWinner[ocid]!
            for id in [pair.0, pair.1] {
                setResult(.tenderer, id, .r024, 0.0)
                mapTenderer("ocid_tenderer_r024", ocid, id)
            }
        }
    }

    /// R025 — excessive unsuccessful bids; ≈ GRAS 2.1.1 (top loser).
    ///
    /// Per tenderer, across processes (no award pending, exactly one active award with one
    /// supplier), the number of processes in which it has a valid bid of its own, and how many it
    /// won. A tenderer is flagged, with its ratio won/bid, if its number of bids is at least the
    /// `percentile` (75) of all tenderers' numbers and its ratio is at or below the lower fence
    /// Q1 − 1.5·IQR of all ratios (or `threshold`). Skipped unless Q1 > 0 and the fence > 0.
    mutating func foldR025(_ release: JSONObject) {
        guard let (awards, details) = Self.completeAwardsAndBids(release), awards.count == 1,
            case .array(let suppliers)? = awards[0]["suppliers"], suppliers.count == 1, case .string(let supplier)? = suppliers[0]["id"]
        else { return }
        var tenderers = OrderedSet()
        for bid in details {
            guard case .string(let status)? = bid["status"], case .array(let list)? = bid["tenderers"], list.count == 1,
                case .string(let id)? = list[0]["id"], status == "valid"
            else { continue }
            tenderers.insert(id)
        }
        for id in tenderers.elements {
            let won = sameBytes(supplier, id) ? 1 : 0
            r025Tenderer.update(id, default: Fraction()) {
                $0.numerator += won
                $0.denominator += 1
            }
        }
    }

    mutating func finalizeR025() {
        let tenderers = Array(r025Tenderer.entries)
        let outcome = r025.evaluate(tenderers.map { (wins: $0.1.numerator, bids: $0.1.denominator) })
        if let fences = outcome.fences {
            setMeta(.r025, "q1", fences.q1)
            setMeta(.r025, "q3", fences.q3)
        }
        setMeta(.r025, "upper_fence", outcome.minimumBids)
        setMeta(.r025, "lower_fence", outcome.fence)
        for (i, share) in outcome.flagged { setResult(.tenderer, tenderers[i].0, .r025, share) }
    }

    /// R038 — excessive disqualified bids.
    ///
    /// Per buyer and per procuring entity, disqualified bids over submitted bids across their
    /// processes; per tenderer, its disqualified bids over its submitted bids. Each is flagged, with
    /// its ratio, at or above the upper fence Q3 + 1.5·IQR of its group's ratios (or `threshold`),
    /// skipped unless the fence > 0. Organizations with fewer than `minimum_submitted_bids`
    /// (tenderers) or `minimum_contracting_processes` (buyers, procuring entities) are left out;
    /// for buyers and procuring entities cardinal compares that minimum with the number of bids
    /// submitted to them, not of their processes (source: `r038.rs`).
    mutating func foldR038(_ release: JSONObject, _ ocid: String) {
        let submitted = Self.submittedBids(release)
        guard !submitted.isEmpty else { return }
        var disqualified = 0
        for bid in submitted {
            let increment: Int
            if case .string("disqualified")? = bid["status"] { increment = 1 } else { increment = 0 }
            disqualified += increment
            guard case .array(let tenderers)? = bid["tenderers"] else { continue }
            for tenderer in tenderers {
                guard case .string(let id)? = tenderer["id"] else { continue }
                r038Tenderer.update(id, default: Fraction()) {
                    $0.numerator += increment
                    $0.denominator += 1
                }
            }
        }
        let total = submitted.count
        if case .string(let id)? = release["buyer"]?["id"] {
            r038Buyer.update(id, default: Fraction()) {
                $0.numerator += disqualified
                $0.denominator += total
            }
            if disqualified > 0 { mapOrganization("ocid_buyer_r038", ocid, id) }
        }
        if case .object? = release["tender"], case .string(let id)? = release["tender"]?["procuringEntity"]?["id"] {
            r038ProcuringEntity.update(id, default: Fraction()) {
                $0.numerator += disqualified
                $0.denominator += total
            }
            if disqualified > 0 { mapOrganization("ocid_procuringentity_r038", ocid, id) }
        }
    }

    mutating func finalizeR038() {
        let minimumProcesses = settings.r038?.minimumContractingProcesses ?? 2
        let minimumBids = settings.r038?.minimumSubmittedBids ?? 2
        flagR038(r038Buyer, minimumProcesses, .buyer)
        flagR038(r038ProcuringEntity, minimumProcesses, .procuringEntity)
        flagR038(r038Tenderer, minimumBids, .tenderer)
    }

    private mutating func flagR038(_ fractions: OrderedMap<Fraction>, _ minimum: UInt64, _ group: CardinalGroup) {
        var ratios: [(String, Double)] = []
        for (id, fraction) in fractions.entries where UInt64(fraction.denominator) >= minimum {
            ratios.append((id, fraction.ratio))
        }
        guard !ratios.isEmpty else { return }
        let fence = settings.r038?.threshold ?? upperFence(.r038, ratios.map(\.1), prefix: "\(group.rawValue)_")
        setMeta(.r038, "\(group.rawValue)_upper_fence", fence)
        guard fence > 0 else { return }
        for (id, ratio) in ratios where ratio >= fence { setResult(group, id, .r038, ratio) }
    }

    /// R048 — heterogeneous supplier; ≈ GRAS 3.3.1 (broad scope of activities).
    ///
    /// Per supplier of active awards made to a single supplier, the number of distinct first
    /// `digits` (2) characters of its items' classification ids, across processes. Flagged, with
    /// that variety, at or above the upper fence Q3 + 1.5·IQR (or `threshold`) of the varieties of
    /// suppliers awarded in at least `minimum_contracting_processes` (20) processes; only those
    /// suppliers are flagged, and there is no "fence > 0" guard (source: `r048.rs`).
    mutating func foldR048(_ release: JSONObject) {
        guard case .array(let awards)? = release["awards"] else { return }
        var observed = OrderedSet()
        for award in awards {
            guard case .string(let status)? = award["status"], case .array(let items)? = award["items"],
                case .array(let suppliers)? = award["suppliers"], suppliers.count == 1, case .string(let supplier)? = suppliers[0]["id"],
                status == "active"
            else { continue }
            for item in items {
                guard case .string(let classification)? = item["classification"]?["id"], case .object? = item["classification"] else { continue }
                let firstTime = observed.insert(supplier)
                let code = r048.family(of: classification)
                r048Classifications.update(supplier, default: (0, OrderedSet())) {
                    if firstTime { $0.count += 1 }
                    $0.codes.insert(code)
                }
            }
        }
    }

    mutating func finalizeR048() {
        let suppliers = Array(r048Classifications.entries)
        let outcome = r048.evaluate(suppliers.map { (contracts: $0.1.count, families: $0.1.codes.count) })
        if let fences = outcome.fences {
            setMeta(.r048, "q1", fences.q1)
            setMeta(.r048, "q3", fences.q3)
        }
        setMeta(.r048, "upper_fence", outcome.fence)
        for i in outcome.flagged { setResult(.tenderer, suppliers[i].0, .r048, Double(suppliers[i].1.codes.count)) }
    }

    /// R058 — heavily discounted bid.
    ///
    /// Flags a process whose bid ratio is at or above the upper fence Q3 + 1.5·IQR of all ratios
    /// (or `threshold`), with the ratio as value, and its winner with 0.0. Skipped unless the
    /// fence > 0.
    mutating func finalizeR058() {
        let fence = settings.r058?.threshold ?? upperFence(.r058, secondLowestBidRatios.values)
        setMeta(.r058, "upper_fence", fence)
        guard fence > 0 else { return }
        for (ocid, ratio) in secondLowestBidRatios.entries where ratio >= fence {
            setResult(.ocid, ocid, .r058, ratio)
            let winner = winnerAndLowestNonWinner[ocid]!.0
            setResult(.tenderer, winner, .r058, 0.0)
            mapTenderer("ocid_tenderer_r058", ocid, winner)
        }
    }
}

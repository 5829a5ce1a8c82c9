import TramaAnalysis

/// The indicators decided one process at a time: R003, R018, R028, R030, R035, R036.
extension IndicatorEngine {
    /// R003 — short submission period; ≈ GRAS 1.1.3 (short advertisement period).
    ///
    /// Flags a process whose `/tender/tenderPeriod` lasts fewer whole days than the threshold
    /// (15, or the `[R003.procurement_method_details]` value for its
    /// `/tender/procurementMethodDetails`), counting days as chrono does: the exact duration
    /// between the two RFC 3339 instants, truncated toward zero (source: `r003.rs`; a date that
    /// is not RFC 3339, such as `2020-08-03`, leaves the process out). Value 1.0.
    mutating func foldR003(_ release: JSONObject, _ ocid: String) {
        guard case .object(let tender)? = release["tender"], Self.matchesProcurementMethod(tender, r003.procedures),
            case .object(let period)? = tender["tenderPeriod"], case .string(let startText)? = period["startDate"],
            case .string(let endText)? = period["endDate"], let start = RFC3339Instant(startText), let end = RFC3339Instant(endText)
        else { return }
        var details: ByteKey?
        if case .string(let text)? = tender["procurementMethodDetails"] { details = ByteKey(text) }
        if r003.isShort(days: end.wholeDays(since: start), procedure: details) { setResult(.ocid, ocid, .r003, 1.0) }
    }

    /// R018 — single bid received; ≈ GRAS 1.2.1 (single bidding).
    ///
    /// Flags a competitive process (`/tender/procurementMethod` in `open|selective` by default)
    /// whose `/tender/numberOfTenderers` is the integer 1. As in cardinal, `1.0` is not 1 (serde_json
    /// `as_u64`), and the bids themselves are not counted. Value 1.0.
    mutating func foldR018(_ release: JSONObject, _ ocid: String) {
        guard case .object(let tender)? = release["tender"], Self.matchesProcurementMethod(tender, r018.procedures),
            let number = tender["numberOfTenderers"], case .number = number, let count = number.u64, r018.isSingle(bidders: Int(clamping: count))
        else { return }
        setResult(.ocid, ocid, .r018, 1.0)
    }

    /// R028 — identical bid prices.
    ///
    /// Flags a process in which bids from different sets of tenderers have the same amount and
    /// currency (submitted bids only; a tenderer may repeat its own price), and those tenderers.
    /// Skipped when prices are not compared for the process's procurement method details.
    /// Value 1.0.
    mutating func foldR028(_ release: JSONObject, _ ocid: String) {
        guard Self.matchesProcurementMethodDetails(release, include: priceComparison, exclude: noPriceComparison) else { return }
        struct Price: Hashable {
            var amount: Double
            var currency: ByteKey
        }
        var prices: [Price: OrderedSet] = [:]
        for bid in Self.submittedBids(release) {
            guard case .array(let tenderers)? = bid["tenderers"], case .object(let value)? = bid["value"],
                let amountValue = value["amount"], case .number = amountValue, case .string(let currency)? = value["currency"],
                let amount = amountValue.f64
            else { continue }
            var ids = OrderedSet()
            for tenderer in tenderers {
                if case .string(let id)? = tenderer["id"] { ids.insert(id) }
            }
            guard !ids.isEmpty else { continue }
            let price = Price(amount: amount, currency: ByteKey(currency))
            if let other = prices[price], !ids.sameMembers(as: other) {
                setResult(.ocid, ocid, .r028, 1.0)
                for id in ids.elements + other.elements {
                    setResult(.tenderer, id, .r028, 1.0)
                    mapTenderer("ocid_tenderer_r028", ocid, id)
                }
            }
            prices[price] = ids
        }
    }

    /// R030 — late bid won.
    ///
    /// Flags a process in which a valid bid's `date` comes after `/tender/tenderPeriod/endDate`
    /// and one of its tenderers supplies an active award, and those tenderers. As in cardinal, the
    /// dates are compared as text, byte by byte (so they should share a format and offset).
    /// Value 1.0.
    mutating func foldR030(_ release: JSONObject, _ ocid: String) {
        guard case .string(let endDate)? = release["tender"]?["tenderPeriod"]?["endDate"],
            case .object? = release["tender"]?["tenderPeriod"], case .array(let awards)? = release["awards"],
            case .array(let details)? = release["bids"]?["details"]
        else { return }
        var suppliers = OrderedSet()
        for award in awards {
            guard case .string(let status)? = award["status"], case .array(let list)? = award["suppliers"], status == "active" else { continue }
            for supplier in list {
                if case .string(let id)? = supplier["id"] { suppliers.insert(id) }
            }
        }
        for bid in details {
            guard case .string(let status)? = bid["status"], case .string(let date)? = bid["date"], case .array(let tenderers)? = bid["tenderers"],
                status == "valid", bytesPrecede(endDate, date)
            else { continue }
            for tenderer in tenderers {
                guard case .string(let id)? = tenderer["id"], suppliers.contains(id) else { continue }
                setResult(.ocid, ocid, .r030, 1.0)
                setResult(.tenderer, id, .r030, 1.0)
                mapTenderer("ocid_tenderer_r030", ocid, id)
            }
        }
    }

    /// R035 — all except winning bid disqualified.
    ///
    /// Flags a process (no award pending) in which exactly one tenderer has valid bids, that
    /// tenderer is exactly the set of suppliers of the active awards, and at least `threshold`
    /// (default 1; 0 counts as 1) other tenderers have disqualified bids. The value is that number
    /// of other tenderers; the winner is flagged with 0.0.
    mutating func foldR035(_ release: JSONObject, _ ocid: String) {
        var suppliers = OrderedSet()
        var valid = OrderedSet()
        var disqualified = OrderedSet()
        if let (awards, details) = Self.completeAwardsAndBids(release) {
            for award in awards {
                guard case .array(let list)? = award["suppliers"] else { continue }
                for supplier in list {
                    if case .string(let id)? = supplier["id"] { suppliers.insert(id) }
                }
            }
            for bid in details {
                guard case .string(let status)? = bid["status"], case .array(let tenderers)? = bid["tenderers"] else { continue }
                let isValid: Bool
                switch status {
                case "valid": isValid = true
                case "disqualified": isValid = false
                default: continue
                }
                for tenderer in tenderers {
                    guard case .string(let id)? = tenderer["id"] else { continue }
                    if isValid { valid.insert(id) } else { disqualified.insert(id) }
                }
            }
        }
        guard valid.count == 1, valid.sameMembers(as: suppliers) else { return }
        let others = disqualified.elements.filter { !valid.contains($0) }.count
        guard UInt64(others) >= r035Threshold else { return }
        let winner = valid.elements[0]
        setResult(.ocid, ocid, .r035, Double(others))
        setResult(.tenderer, winner, .r035, 0.0)
        mapTenderer("ocid_tenderer_r035", ocid, winner)
    }

    /// R036 — lowest bid disqualified.
    ///
    /// Flags a process with an active award in which, among submitted bids in the main currency,
    /// the lowest amount (the first, if tied) belongs to a disqualified bid while some valid bid
    /// has an amount. Skipped when prices are not compared for the process. Value 1.0.
    mutating func foldR036(_ release: JSONObject, _ ocid: String) {
        guard Self.matchesProcurementMethodDetails(release, include: priceComparison, exclude: noPriceComparison) else { return }
        var lowest: Double? = nil
        var lowestIsDisqualified = false
        var hasValidBidWithAmount = false
        if case .array(let awards)? = release["awards"],
            awards.contains(where: { if case .string("active")? = $0["status"] { true } else { false } })
        {
            for bid in Self.submittedBids(release) {
                guard case .string(let status)? = bid["status"], case .object(let value)? = bid["value"],
                    let amountValue = value["amount"], case .number = amountValue, case .string(let currency)? = value["currency"],
                    let amount = amountValue.f64
                else { continue }
                guard isMainCurrency(currency) else { continue }
                if lowest == nil || amount < lowest! {
                    lowest = amount
                    lowestIsDisqualified = status == "disqualified"
                }
                if status == "valid" { hasValidBidWithAmount = true }
            }
        }
        if hasValidBidWithAmount && lowestIsDisqualified { setResult(.ocid, ocid, .r036, 1.0) }
    }

    /// `--map`'s `ocid_tenderer`: the tenderers of each process's submitted bids.
    mutating func foldTenderers(_ release: JSONObject, _ ocid: String) {
        for bid in Self.submittedBids(release) {
            guard case .array(let tenderers)? = bid["tenderers"] else { continue }
            for tenderer in tenderers {
                if case .string(let id)? = tenderer["id"] { mapTenderer("ocid_tenderer", ocid, id) }
            }
        }
    }
}

/// cardinal-rs's settings file, for the `indicators` and `prepare` commands.
///
/// Every property is optional, as in cardinal; an indicator runs only if its section is present
/// (`[R024]`, even empty). Read one with ``init(ini:file:)``; build one in code for tests.
///
/// Names follow the file: `noPriceComparisonProcurementMethods` is
/// `no_price_comparison_procurement_methods`, `r003` is `[R003]`. Pipe-separated lists stay as
/// written (`"open|selective"`) because cardinal splits them with Rust's `split_terminator('|')`,
/// whose edge cases (`"a|"`, `"|a"`, `""`) are part of the behaviour.
public struct CardinalSettings: Sendable, Equatable {
    // MARK: indicators

    /// The main currency; unset, the first currency seen on a valid (R024/R058) or submitted (R036)
    /// bid of a process that passes the filters.
    public var currency: String?
    /// `/tender/procurementMethodDetails` values whose bid prices must not be compared (R024, R028,
    /// R036, R058). Ignored when ``priceComparisonProcurementMethods`` is set.
    public var noPriceComparisonProcurementMethods: String?
    /// The only `/tender/procurementMethodDetails` values whose bid prices are compared.
    public var priceComparisonProcurementMethods: String?
    /// `[exclusions] procurement_method_details`: processes left out of every indicator.
    public var exclusions: Exclusions?
    /// `[output] info_currency_mismatches`: log currency mismatches at info level, not as warnings.
    public var output: Output?

    public var r003: R003?
    public var r018: R018?
    public var r024: Threshold?
    public var r025: R025?
    public var r028: Empty?
    public var r030: Empty?
    public var r035: CountThreshold?
    public var r036: Empty?
    public var r038: R038?
    public var r048: R048?
    public var r058: Threshold?

    // MARK: prepare

    public var defaults: Defaults?
    public var redactions: Redactions?
    public var corrections: Corrections?
    public var modifications: Modifications?
    /// `[codelists.bid_status]` and `[codelists.award_status]`: code → replacement, in file order.
    public var codelists: Codelists?

    public init() {}

    public struct Exclusions: Sendable, Equatable {
        public var procurementMethodDetails: String?
        public init(procurementMethodDetails: String? = nil) { self.procurementMethodDetails = procurementMethodDetails }
    }

    public struct Output: Sendable, Equatable {
        public var infoCurrencyMismatches: Bool?
        public init(infoCurrencyMismatches: Bool? = nil) { self.infoCurrencyMismatches = infoCurrencyMismatches }
    }

    /// A section with no properties (R028, R030, R036): present means enabled.
    public struct Empty: Sendable, Equatable {
        public init() {}
    }

    /// R003 — short submission period (≈ GRAS 1.1.3, short advertisement period).
    public struct R003: Sendable, Equatable {
        /// Whole days; default 15.
        public var threshold: Int64?
        /// Pipe-separated `/tender/procurementMethod` values; unset or empty, every method.
        public var procurementMethods: String?
        /// `[R003.procurement_method_details]`: a threshold per `/tender/procurementMethodDetails`.
        public var procurementMethodDetails: [Pair<Int64>]?
        public init(threshold: Int64? = nil, procurementMethods: String? = nil, procurementMethodDetails: [Pair<Int64>]? = nil) {
            self.threshold = threshold
            self.procurementMethods = procurementMethods
            self.procurementMethodDetails = procurementMethodDetails
        }
    }

    /// R018 — single bid received (≈ GRAS 1.2.1, single bidding).
    public struct R018: Sendable, Equatable {
        /// Pipe-separated competitive methods; default `open|selective`.
        public var procurementMethods: String?
        public init(procurementMethods: String? = nil) { self.procurementMethods = procurementMethods }
    }

    /// A fixed fence instead of the quartile-based one (R024 lower fence, R058 upper fence).
    public struct Threshold: Sendable, Equatable {
        public var threshold: Double?
        public init(threshold: Double? = nil) { self.threshold = threshold }
    }

    /// R035's minimum number of other tenderers with disqualified bids (default 1; 0 means 1).
    public struct CountThreshold: Sendable, Equatable {
        public var threshold: UInt64?
        public init(threshold: UInt64? = nil) { self.threshold = threshold }
    }

    /// R025 — excessive unsuccessful bids (≈ GRAS 2.1.1, top loser).
    public struct R025: Sendable, Equatable {
        /// The percentile of numbers of valid bids that makes a top tenderer; default 75.
        public var percentile: UInt64?
        /// A fixed lower fence for the ratio of winning to valid bids.
        public var threshold: Double?
        public init(percentile: UInt64? = nil, threshold: Double? = nil) {
            self.percentile = percentile
            self.threshold = threshold
        }
    }

    /// R038 — excessive disqualified bids.
    public struct R038: Sendable, Equatable {
        public var threshold: Double?
        /// Tenderers with fewer submitted bids are left out; default 2.
        public var minimumSubmittedBids: UInt64?
        /// Buyers and procuring entities with fewer are left out; default 2. cardinal compares it
        /// with the number of bids submitted to the organization, not of its processes.
        public var minimumContractingProcesses: UInt64?
        public init(threshold: Double? = nil, minimumSubmittedBids: UInt64? = nil, minimumContractingProcesses: UInt64? = nil) {
            self.threshold = threshold
            self.minimumSubmittedBids = minimumSubmittedBids
            self.minimumContractingProcesses = minimumContractingProcesses
        }
    }

    /// R048 — heterogeneous supplier (≈ GRAS 3.3.1, broad scope of activities).
    public struct R048: Sendable, Equatable {
        /// Leading characters of an item classification that make its first level; default 2.
        public var digits: UInt64?
        /// A fixed upper fence for the variety.
        public var threshold: UInt64?
        /// Only suppliers awarded in at least this many processes set the fence; default 20.
        public var minimumContractingProcesses: UInt64?
        public init(digits: UInt64? = nil, threshold: UInt64? = nil, minimumContractingProcesses: UInt64? = nil) {
            self.digits = digits
            self.threshold = threshold
            self.minimumContractingProcesses = minimumContractingProcesses
        }
    }

    public struct Defaults: Sendable, Equatable {
        public var currency: String?
        public var itemClassificationScheme: String?
        public var bidStatus: String?
        public var awardStatus: String?
        public var partyRoles: Bool?
        public init(
            currency: String? = nil, itemClassificationScheme: String? = nil, bidStatus: String? = nil, awardStatus: String? = nil,
            partyRoles: Bool? = nil
        ) {
            self.currency = currency
            self.itemClassificationScheme = itemClassificationScheme
            self.bidStatus = bidStatus
            self.awardStatus = awardStatus
            self.partyRoles = partyRoles
        }
    }

    public struct Redactions: Sendable, Equatable {
        /// Pipe-separated amounts, compared as numbers (`0|99999999`).
        public var amount: String?
        /// Pipe-separated organization ids.
        public var organizationID: String?
        public init(amount: String? = nil, organizationID: String? = nil) {
            self.amount = amount
            self.organizationID = organizationID
        }
    }

    public struct Corrections: Sendable, Equatable {
        public var awardStatusByContractStatus: Bool?
        public init(awardStatusByContractStatus: Bool? = nil) { self.awardStatusByContractStatus = awardStatusByContractStatus }
    }

    public struct Modifications: Sendable, Equatable {
        public var moveAuctions: Bool?
        public var prefixBuyerOrProcuringEntityID: String?
        public var prefixTendererOrSupplierID: String?
        public var splitProcurementMethodDetails: String?
        public init(
            moveAuctions: Bool? = nil, prefixBuyerOrProcuringEntityID: String? = nil, prefixTendererOrSupplierID: String? = nil,
            splitProcurementMethodDetails: String? = nil
        ) {
            self.moveAuctions = moveAuctions
            self.prefixBuyerOrProcuringEntityID = prefixBuyerOrProcuringEntityID
            self.prefixTendererOrSupplierID = prefixTendererOrSupplierID
            self.splitProcurementMethodDetails = splitProcurementMethodDetails
        }
    }

    public struct Codelists: Sendable, Equatable {
        public var bidStatus: [Pair<String>]?
        public var awardStatus: [Pair<String>]?
        public init(bidStatus: [Pair<String>]? = nil, awardStatus: [Pair<String>]? = nil) {
            self.bidStatus = bidStatus
            self.awardStatus = awardStatus
        }
    }

    /// A name and its value from a section whose names are data (procurement method details,
    /// status codes). A list rather than a dictionary, because names are matched byte for byte as
    /// cardinal matches them, and Swift's `String` keys would merge spellings that cardinal keeps
    /// apart.
    public struct Pair<Value: Sendable & Equatable>: Sendable, Equatable {
        public var name: String
        public var value: Value
        public init(_ name: String, _ value: Value) {
            self.name = name
            self.value = value
        }
    }
}

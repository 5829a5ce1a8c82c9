extension CardinalSettings {
    /// The indicators whose sections are present, in code order.
    public var enabledIndicators: [CardinalIndicator] {
        var codes: [CardinalIndicator] = []
        if r003 != nil { codes.append(.r003) }
        if r018 != nil { codes.append(.r018) }
        if r024 != nil { codes.append(.r024) }
        if r025 != nil { codes.append(.r025) }
        if r028 != nil { codes.append(.r028) }
        if r030 != nil { codes.append(.r030) }
        if r035 != nil { codes.append(.r035) }
        if r036 != nil { codes.append(.r036) }
        if r038 != nil { codes.append(.r038) }
        if r048 != nil { codes.append(.r048) }
        if r058 != nil { codes.append(.r058) }
        return codes
    }

    /// The settings file `ocdscardinal init` writes (`trama cardinal init` can write it): every
    /// section present, so every indicator enabled, and every property commented out with its
    /// default.
    public static let initTemplate = """
        ; currency = USD
        ; no_price_comparison_procurement_methods = Random Selection
        ; price_comparison_procurement_methods = Reverse Auction

        [output]
        ; info_currency_mismatches = true

        ; `prepare` command
        ;
        ; Read the documentation at:
        ; https://cardinal.readthedocs.io/en/latest/cli/prepare.html

        [defaults]
        ; currency = USD
        ; item_classification_scheme = UNSPSC
        ; bid_status = valid
        ; award_status = active
        ; party_roles = true

        [redactions]
        ; amount = 0
        ; organization_id = placeholder

        [corrections]
        ; award_status_by_contract_status = true

        [modifications]
        ; move_auctions = true
        ; prefix_buyer_or_procuring_entity_id = DO-UC-
        ; prefix_tenderer_or_supplier_id = DO-RPE-
        ; split_procurement_method_details = -

        [codelists.bid_status]
        ; qualified = valid

        [codelists.award_status]
        ; Active = active

        ; `indicators` command
        ;
        ; Read the documentation at:
        ; https://cardinal.readthedocs.io/en/latest/cli/indicators/

        [exclusions]
        ; procurement_method_details = Random Selection

        [R003]
        ; threshold = 15
        ; procurement_methods = open|selective|limited

        [R003.procurement_method_details]
        ; emergency = 10
        ; international = 25

        [R018]
        ; procurement_methods = open|selective

        [R024]
        ; threshold = 0.05

        [R025]
        ; percentile = 75
        ; threshold = 0.05

        [R028]

        [R030]

        [R035]
        ; threshold = 1

        [R036]

        [R038]
        ; threshold = 0.5
        ; minimum_submitted_bids = 2
        ; minimum_contracting_processes = 2

        [R048]
        ; digits = 2
        ; threshold = 10
        ; minimum_contracting_processes = 20

        [R058]
        ; threshold = 0.5

        """
}

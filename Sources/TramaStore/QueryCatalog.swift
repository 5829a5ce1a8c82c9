import Foundation

/// The named SQL statements of `queries/`, one file per case, `$1…$n` placeholders only.
public enum NamedQuery: String, CaseIterable, Sendable {
    case datasetByName = "dataset_by_name"
    case datasetUpsert = "dataset_upsert"
    case datasetRetireEdges = "dataset_retire_edges"
    case datasetRetireNodes = "dataset_retire_nodes"
    case datasetNodesStamp = "dataset_nodes_stamp"
    case mergedRecords = "merged_records"
    case exportDataset = "export_dataset"
    case importBegin = "import_begin"
    case importFinish = "import_finish"
    case importsList = "imports_list"
    case importAt = "import_at"
    case asOfSet = "as_of_set"
    case graphNodesAsOf = "graph_nodes_as_of"
    case graphEdgesAsOf = "graph_edges_as_of"
    case nodeDetailsAsOf = "node_details_as_of"
    case nodeKeysAsOf = "node_keys_as_of"
    case nodeByKindKeyAsOf = "node_by_kind_key_as_of"
    case edgeDetailsAsOf = "edge_details_as_of"
    case datasetDeleteNodes = "dataset_delete_nodes"
    case datasetRecordCounts = "dataset_record_counts"
    case datasetsList = "datasets_list"
    case importSettings = "import_settings"
    case stageGraphCreate = "stage_graph_create"
    case stageGraphCopy = "stage_graph_copy"
    case stageGraphAnalyze = "stage_graph_analyze"
    case namesIndexFlush = "names_index_flush"
    case graphAnalyze = "graph_analyze"
    case kindsFromStage = "kinds_from_stage"
    case kindsList = "kinds_list"
    case storeNames = "store_names"
    case insertNodesFromStage = "insert_nodes_from_stage"
    case insertEdgesFromStage = "insert_edges_from_stage"
    case nodeByKindKey = "node_by_kind_key"
    case nodesByKey = "nodes_by_key"
    case nodesByName = "nodes_by_name"
    case nodesSimilarName = "nodes_similar_name"
    case nodeDetails = "node_details"
    case edgeDetails = "edge_details"
    case graphNodesCopy = "graph_nodes_copy"
    case graphEdgesCopy = "graph_edges_copy"
    case graphEdgesCopyRange = "graph_edges_copy_range"
    case copyRangeSet = "copy_range_set"
    case tableBlocks = "table_blocks"
    case graphNodesCopyRange = "graph_nodes_copy_range"
    case storeCounts = "store_counts"
    case pathRecursiveCTE = "path_recursive_cte"
    case factsBidsCopy = "facts_bids_copy"
    case factsCandidatesCopy = "facts_candidates_copy"
    case factsDonationsCopy = "facts_donations_copy"
    case factsTendersCopy = "facts_tenders_copy"
    case factsContractsCopy = "facts_contracts_copy"
    case factsAgenciesCopy = "facts_agencies_copy"
    case factsCasesCopy = "facts_cases_copy"
    case factsCasePartiesCopy = "facts_case_parties_copy"
    case factsJudgeSpecialisationsCopy = "facts_judge_specialisations_copy"
    case analysisRunInsert = "analysis_run_insert"
    case analysisResultsCopy = "analysis_results_copy"
    case flagsCopy = "flags_copy"
    case searchEntities = "search_entities"
    case flagCounts = "flag_counts"
    case mergedInto = "merged_into"
    case dataGeneration = "data_generation"
    case disclosureSalt = "disclosure_salt"
    case analysisRunLatest = "analysis_run_latest"
    case analysisRunsList = "analysis_runs_list"
    case analysisRunGet = "analysis_run_get"
    case analysisResultsSection = "analysis_results_section"
    case flagsList = "flags_list"
    case nodeKeys = "node_keys"
    case entityDatasets = "entity_datasets"
    case benchCommonShareholder = "bench_common_shareholder"
    case resolveDataset = "resolve_dataset"
    case resolveClear = "resolve_clear"
    case resolveScan = "resolve_scan"
    case resolveReview = "resolve_review"
    case resolveDecide = "resolve_decide"
    case resolveDropCandidate = "resolve_drop_candidate"
    case mergeRecord = "merge_record"
    case mergesApplySources = "merges_apply_sources"
    case mergesApplyTargets = "merges_apply_targets"
    case mergesApplyDelete = "merges_apply_delete"
    case mergesApplyNodes = "merges_apply_nodes"
    case tokenInsert = "token_insert"
    case tokensList = "tokens_list"
    case tokenRevoke = "token_revoke"
    case tokenAuthenticate = "token_authenticate"
    case sessionInsert = "session_insert"
    case sessionRevoke = "session_revoke"
    case auditLock = "audit_lock"
    case auditHead = "audit_head"
    case auditIds = "audit_ids"
    case auditCopy = "audit_copy"
    case auditList = "audit_list"
    case auditCount = "audit_count"
    case auditChain = "audit_chain"
    case jobInsert = "job_insert"
    case jobGet = "job_get"
    case jobList = "job_list"
    case jobCount = "job_count"
    case jobStart = "job_start"
    case jobProgress = "job_progress"
    case jobFinish = "job_finish"
    case jobHeartbeat = "job_heartbeat"
    case jobReapStale = "job_reap_stale"
    case investigationInsert = "investigation_insert"
    case investigationGet = "investigation_get"
    case investigationsList = "investigations_list"
    case investigationEntities = "investigation_entities"
    case investigationAdd = "investigation_add"
    case investigationRemove = "investigation_remove"
    case investigationAnnotate = "investigation_annotate"
    case investigationMerge = "investigation_merge"
    case investigationRename = "investigation_rename"
    case investigationDelete = "investigation_delete"
    case investigationShare = "investigation_share"
    case investigationShares = "investigation_shares"
    case tokensByName = "tokens_by_name"
    case tokenParents = "token_parents"
    case judgesList = "judges_list"
    case ownsShares = "owns_shares"
    case judgeCourts = "judge_courts"
    case factsFirmsCopy = "facts_firms_copy"
    case factsHoldingsCopy = "facts_holdings_copy"
    case dataCoverage = "data_coverage"
    case indicatorCounts = "indicator_counts"
    case analysesRun = "analyses_run"
    case flagsRanked = "flags_ranked"
    case flagsEvidence = "flags_evidence"
    case watchlistUpsert = "watchlist_upsert"
    case watchlistFind = "watchlist_find"
    case watchlistEntityAdd = "watchlist_entity_add"
    case watchlistEntityRemove = "watchlist_entity_remove"
    case watchlistsList = "watchlists_list"
    case watchlistMembers = "watchlist_members"
    case watchRuleInsert = "watch_rule_insert"
    case watchRuleDelete = "watch_rule_delete"
    case watchRulesList = "watch_rules_list"
    case watchMatchesOf = "watch_matches_of"
    case watchMatchesClear = "watch_matches_clear"
    case watchMatchesCopy = "watch_matches_copy"
    case watchEvaluationRecord = "watch_evaluation_record"
    case alertsCopy = "alerts_copy"
    case alertsList = "alerts_list"
    case importLatest = "import_latest"
    case watchRuleLock = "watch_rule_lock"
    case watchEvaluationOf = "watch_evaluation_of"
    case analysisRunMax = "analysis_run_max"
    case analysisResultsSubject = "analysis_results_subject"
}

/// The text of every ``NamedQuery``, read once from the `queries/` folder.
public struct QueryCatalog: Sendable {
    private let texts: [NamedQuery: String]

    /// Loads every query; a missing file or a file with no matching case is an error, so the
    /// folder and the enum cannot drift apart.
    public init(directory: URL) throws {
        let fm = FileManager.default
        var texts: [NamedQuery: String] = [:]
        for q in NamedQuery.allCases {
            let url = directory.appendingPathComponent("\(q.rawValue).sql")
            guard fm.fileExists(atPath: url.path) else { throw StoreError.queryFileMissing(name: q.rawValue, directory: directory.path) }
            texts[q] = try String(contentsOf: url, encoding: .utf8)
        }
        for file in try fm.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".sql") {
            let name = String(file.dropLast(4))
            guard NamedQuery(rawValue: name) != nil else { throw StoreError.unknownQueryFile(name: name, directory: directory.path) }
        }
        self.texts = texts
    }

    public subscript(_ q: NamedQuery) -> String { texts[q]! }
}

extension PQConnection {
    /// Runs a named query with its parameters.
    @discardableResult
    public func execute(_ q: NamedQuery, in catalog: QueryCatalog, _ params: [String?] = []) throws(PQError) -> QueryResult {
        try executePrepared(catalog[q], params, name: q.rawValue)
    }
}

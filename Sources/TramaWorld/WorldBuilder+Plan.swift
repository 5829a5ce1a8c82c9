import TramaGraph

/// Planning: the small, in-memory part of the world (agencies, candidates, economic groups,
/// judges) and every planted pattern, decided before any background row is written so that
/// firm and people rows can include what the plan needs.
extension WorldBuilder {
    typealias Relation = WorldTruth.JudgeConflict.Relation

    // MARK: Agencies, candidates, groups

    func makeAgenciesAndCandidates() {
        cityNames = (0..<config.cities).map { c in
            Words.cityBases[c % Words.cityBases.count] + Words.citySuffixes[(c / Words.cityBases.count) % Words.citySuffixes.count]
        }
        for i in 0..<config.agencies {
            let city = i % config.cities
            let kind = Words.agencyKinds[(i + i / config.cities) % Words.agencyKinds.count]
            switch i % 5 {
            case 2: agencies.append(Agency(city: city, name: "Regional \(kind), \(cityNames[city])", level: "regional"))
            case 4:
                let ministry = Words.ministries[(i / 5) % Words.ministries.count]
                agencies.append(Agency(city: city, name: "\(ministry), \(cityNames[city]) delegation", level: "national"))
            default: agencies.append(Agency(city: city, name: "\(kind) of \(cityNames[city])", level: "municipal"))
            }
        }
        let years = [2016, 2018, 2020, 2022]
        for i in 0..<config.candidates {
            let year = years[i % years.count]
            let municipal = year == 2016 || year == 2020
            let office = municipal ? rng.pick(Words.municipalOffices) : rng.pick(Words.generalOffices)
            let elected = i % 3 == 0 || rng.chance(0.25)
            candidates.append(Candidate(
                city: agencies[i % agencies.count].city, year: year, elected: elected, office: office, party: rng.pick(Words.parties)))
        }
    }

    /// Holdings as a forest: each economic group has a top holding owned by people and up to
    /// three levels of holdings below it; operating firms hang below any of them.
    func makeHoldingForest() {
        var members: [Int] = []
        var levels: [Int] = []
        for h in holdings {
            if members.isEmpty || members.count >= 9 || rng.chance(0.2) {
                let g = groupNames.count
                let combos = Words.firmWords.count * Words.lastNames.count
                let x = (g &* 2311 &+ Int(seed % 4096)) % combos
                var name = "Grupo \(Words.firmWords[x % Words.firmWords.count]) \(Words.lastNames[x / Words.firmWords.count])"
                if g >= combos { name += " \(g / combos + 1)" }
                groupNames.append(name)
                members = [h]
                levels = [1]
                holdingParent.append(-1)
                holdingGroup.append(g)
                holdingFounded.append(date(Day.ymd(1982, 1, 1), Day.ymd(2004, 12, 31)))
            } else {
                let open = members.indices.filter { levels[$0] < 4 }
                let j = open[rng.int(0..<open.count)]
                let parent = members[j]
                let parentFounded = holdingFounded[parent - holdings.lowerBound]
                members.append(h)
                levels.append(levels[j] + 1)
                holdingParent.append(parent)
                holdingGroup.append(groupNames.count - 1)
                holdingFounded.append(date(parentFounded.adding(days: 200), max(parentFounded.adding(days: 200), Day.ymd(2012, 12, 31))))
            }
        }
    }

    // MARK: Helpers

    /// An estimate in cents: log-normal whole hundreds of currency units, at least 1,000 units.
    func estimate(mu: Double, sigma: Double) -> Int64 {
        max(1_000, Int64((rng.logNormal(mu: mu, sigma: sigma) / 100).rounded()) * 100) * 100
    }

    func shuffle<T>(_ items: inout [T]) { rng.shuffle(&items) }

    /// `count` distinct busy bidders (none of `excluding`).
    func outsiders(_ count: Int, excluding: [Int] = []) -> [Int] {
        var picked: [Int] = []
        while picked.count < count {
            let f = busyBidder()
            if !picked.contains(f), !excluding.contains(f) { picked.append(f) }
        }
        return picked
    }

    /// A planted operating firm with a fresh front owner (who also represents it) holding
    /// `frontShare` basis points from the founding (or coming of age).
    func plantCompany(founded: Day, frontShare: Int = 10_000) -> Int {
        let f = takePlantedFirm(founded: founded)
        let front = takePlantedPerson()
        modifyPlanned(f) {
            $0.owners.append(Holding(holder: .person(front), basisPoints: frontShare, entry: max(founded, adult(front)), exit: nil))
            $0.representative = front
        }
        return f
    }

    /// Queues a planted tender; returns its index.
    func plantTender(agency: Int, published: Day, bids: [(firm: Int, cents: Int64)], winner: Int) -> Int {
        var shuffled = bids
        shuffle(&shuffled)
        let w = shuffled.firstIndex { $0.firm == winner }!
        plannedTenders.append(PlannedTender(agency: agency, published: published, bids: shuffled, winner: w))
        return backgroundTenders + plannedTenders.count - 1
    }

    func distinctAgencies(_ count: Int) -> [Int] {
        var picked: [Int] = []
        while picked.count < min(count, agencies.count) {
            let a = rng.int(0..<agencies.count)
            if !picked.contains(a) { picked.append(a) }
        }
        return picked
    }

    func sortedDates(_ count: Int, _ from: Day, _ to: Day) -> [Day] { (0..<count).map { _ in date(from, to) }.sorted() }

    static func money(_ cents: Int64) -> Double { Double(cents) / 100 }

    // MARK: Judges

    func planJudges() {
        let elected = candidates.indices.filter { candidates[$0].elected }
        for n in judges {
            var plan: JudgePlan
            if rng.chance(0.55), !elected.isEmpty {
                let c = elected[rng.int(0..<elected.count)]
                plan = JudgePlan(court: n % config.courts, appointedBy: .candidate(c),
                    appointed: Day.ymd(candidates[c].year + 1, 1, 15).adding(days: rng.int(0...280)))
            } else {
                plan = JudgePlan(court: n % config.courts, appointedBy: .person(rng.int(officials)),
                    appointed: date(Day.ymd(2003, 1, 1), Day.ymd(2018, 12, 31)))
            }
            for _ in 0..<rng.int(1...2) { plan.relatives.append((takePlantedPerson(), rng.pick(["spouse", "brother", "sister", "cousin", "in-law"]))) }
            if rng.chance(0.35) {
                let q = rng.int(quietFirms)
                let from = date(Day.ymd(2008, 1, 1), Day.ymd(2020, 12, 31))
                plan.holdings.append((q, from))
                extraHoldings.append((q, Holding(holder: .person(n), basisPoints: rng.int(2...15) * 100, entry: from, exit: nil)))
            }
            judgePlans.append(plan)
        }
    }

    // MARK: Rings

    func planRings() {
        let links: [WorldTruth.Ring.Link] = [.owner, .ownershipChain, .employee]
        for r in 0..<config.rings {
            let k = 3 + r % 3
            let link = links[r % 3]
            let deep = (r / 3) % 2 == 0
            let ringAgencies = distinctAgencies(1 + r % 3)
            let n = rng.int(8...14)
            let first = date(Day.ymd(2016, 1, 1), Day.ymd(2021, 6, 30))
            let published = sortedDates(n, first, min(first.adding(days: rng.int(500...1100)), Day.ymd(2024, 6, 30)))
            let lastDeadline = published.last!.adding(days: 30)
            let linkStart = published[0].adding(days: -rng.int(200...1500))
            let linkEnd: Day? = rng.chance(0.5) ? nil : min(lastDeadline.adding(days: rng.int(60...900)), Self.end)
            let shared = takePlantedPerson()

            var top: Int?
            if link == .ownershipChain {
                let founded = date(Day.ymd(1996, 1, 1), linkStart.adding(days: -900))
                let g = takePlantedFirm(founded: founded, holding: true)
                modifyPlanned(g) {
                    $0.owners.append(Holding(holder: .person(shared), basisPoints: 10_000, entry: max(founded, adult(shared)), exit: nil))
                    $0.representative = shared
                }
                top = g
            }
            var firms: [Int] = []
            var chains: [[String]] = []
            for _ in 0..<k {
                let founded = date(Day.ymd(1995, 1, 1), linkStart.adding(days: -400))
                let linkShare = rng.int(15...45) * 100
                let f = plantCompany(founded: founded, frontShare: link == .employee ? 10_000 : 10_000 - linkShare)
                firms.append(f)
                let entry = max(founded.adding(days: 30), linkStart)
                switch link {
                case .owner:
                    modifyPlanned(f) { $0.owners.append(Holding(holder: .person(shared), basisPoints: linkShare, entry: entry, exit: linkEnd)) }
                    chains.append([firmID(f), personID(shared)])
                case .ownershipChain:
                    let g = top!
                    if deep {
                        let gFounded = planned(g)!.founded
                        let hFounded = date(gFounded.adding(days: 100), max(gFounded.adding(days: 100), linkStart.adding(days: -60)))
                        let h = takePlantedFirm(founded: hFounded, holding: true)
                        modifyPlanned(h) { $0.owners.append(Holding(holder: .firm(g), basisPoints: 10_000, entry: hFounded, exit: nil)) }
                        modifyPlanned(f) { $0.owners.append(Holding(holder: .firm(h), basisPoints: linkShare, entry: max(entry, hFounded), exit: linkEnd)) }
                        chains.append([firmID(f), firmID(h), firmID(g), personID(shared)])
                    } else {
                        modifyPlanned(f) { $0.owners.append(Holding(holder: .firm(g), basisPoints: linkShare, entry: entry, exit: linkEnd)) }
                        chains.append([firmID(f), firmID(g), personID(shared)])
                    }
                case .employee:
                    let position = rng.pick(["technical director", "engineer", "bid manager", "commercial director"])
                    modifyPlanned(f) { $0.jobs.append(Job(person: shared, position: position, from: entry, to: linkEnd)) }
                    chains.append([firmID(f), personID(shared)])
                }
            }

            var order = firms
            shuffle(&order)
            var tenders: [String] = []
            var winners: [Int] = []
            var won: Int64 = 0
            for (t, day) in published.enumerated() {
                let winner = order[t % k]
                let winBid = rng.cents(around: estimate(mu: 13.0, sigma: 0.6), 0.90, 0.98)
                var bids = firms.map { f in (firm: f, cents: f == winner ? winBid : rng.cents(around: winBid, 1.03, 1.10)) }
                if rng.chance(0.4) {
                    for o in outsiders(rng.int(1...2)) { bids.append((o, rng.cents(around: winBid, 1.02, 1.15))) }
                }
                let index = plantTender(agency: ringAgencies[t % ringAgencies.count], published: day, bids: bids, winner: winner)
                tenders.append(tenderID(index))
                if !winners.contains(winner) { winners.append(winner) }
                won += winBid
            }
            truth.rings.append(.init(
                id: "R\(r + 1)", firms: firms.map(firmID), winners: winners.map(firmID), link: link, shared: personID(shared),
                sharedHolding: top.map(firmID), chains: chains, chain: chains[0], tenders: tenders, agencies: ringAgencies.map(agencyID),
                valueWon: Self.money(won), firstBid: days[published[0]], lastBid: days[lastDeadline]))
        }
    }

    // MARK: Top losers

    func planTopLosers() {
        for i in 0..<config.topLosers {
            let loser = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2013, 12, 31)))
            let winners = (0..<(i % 2 == 0 ? 1 : 2)).map { _ in plantCompany(founded: date(Day.ymd(1990, 1, 1), Day.ymd(2013, 12, 31))) }
            let loserAgencies = distinctAgencies(1 + i % 2)
            let n = rng.int(12...24)
            let oneWin = n >= 20 && i % 3 == 1
            var tenders: [String] = []
            for (t, day) in sortedDates(n, Day.ymd(2015, 3, 1), Day.ymd(2024, 6, 30)).enumerated() {
                let est = estimate(mu: 12.5, sigma: 0.5)
                let winner = oneWin && t == n / 2 ? loser : winners[t % winners.count]
                let winBid = rng.cents(around: est, 0.90, 0.98)
                var bids = [(firm: winner, cents: winBid)]
                for f in [loser] + winners where f != winner {
                    bids.append((f, rng.cents(around: winBid, f == loser ? 1.04 : 1.02, f == loser ? 1.15 : 1.12)))
                }
                tenders.append(tenderID(plantTender(agency: loserAgencies[t % loserAgencies.count], published: day, bids: bids, winner: winner)))
            }
            truth.topLosers.append(.init(firm: firmID(loser), winners: winners.map(firmID), bids: n, wins: oneWin ? 1 : 0, tenders: tenders))
        }
    }

    // MARK: Fixed differences

    func planFixedDifferencePairs() {
        for p in 0..<config.fixedDifferencePairs {
            let a = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2013, 12, 31)))
            let b = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2013, 12, 31)))
            let percent = p % 2 == 1
            // Percent: whole percentages of bids in whole hundreds, so every difference is exact.
            let difference = percent ? rng.int(2...8) : rng.int(2...60) * 500
            var tenders: [String] = []
            for day in sortedDates(rng.int(6...10), Day.ymd(2015, 3, 1), Day.ymd(2024, 6, 30)) {
                let est = estimate(mu: 12.3, sigma: 0.5)
                let low = rng.cents(around: est, 0.90, 1.0) / 10_000 * 10_000
                let high = percent ? low + low * Int64(difference) / 100 : low + Int64(difference) * 100
                var bids = [(firm: a, cents: low), (firm: b, cents: high)]
                for o in outsiders(rng.int(0...2)) { bids.append((o, rng.cents(around: est, 0.85, 1.15))) }
                let winner = bids.min { $0.cents < $1.cents }!.firm
                tenders.append(tenderID(plantTender(agency: rng.int(0..<agencies.count), published: day, bids: bids, winner: winner)))
            }
            truth.fixedDifferencePairs.append(.init(
                firms: [firmID(a), firmID(b)], kind: percent ? .percent : .absolute, difference: Double(difference), tenders: tenders))
        }
    }

    // MARK: Political winners

    func planPoliticalWinners() {
        let eligible = candidates.indices.filter { candidates[$0].elected && candidates[$0].year <= 2021 }
        for i in 0..<config.politicalWinners {
            let c = eligible[(i * 7) % eligible.count]
            let candidate = candidates[c]
            let local = agencies.indices.filter { agencies[$0].city == candidate.city }
            let a = local[rng.int(0..<local.count)]
            let f = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2012, 12, 31)))
            let owner = planned(f)!.owners[0].holder
            let donor: Entity = i % 2 == 0 ? owner : .firm(f)
            let donationYear = candidate.year - (i % 3 == 2 ? 1 : 0)
            plannedDonations.append(PlannedDonation(donor: donor, candidate: c, cents: Int64(rng.int(20...200)) * 100_000, year: donationYear))
            var contracts: [String] = []
            var value: Int64 = 0
            let dates = sortedDates(rng.int(3...6), Day.ymd(candidate.year + 1, 1, 15), Day.ymd(min(candidate.year + 3, 2024), 6, 30))
            for day in dates {
                let bid = rng.cents(around: estimate(mu: 13.2, sigma: 0.5), 0.93, 0.99)
                var bids = [(firm: f, cents: bid)]
                for o in outsiders(rng.int(1...2)) { bids.append((o, rng.cents(around: bid, 1.02, 1.12))) }
                contracts.append(contractID(plantTender(agency: a, published: day, bids: bids, winner: f)))
                value += bid
            }
            truth.politicalWinners.append(.init(
                firm: firmID(f), donor: id(donor), candidate: candidateID(c), agency: agencyID(a), contracts: contracts,
                value: Self.money(value), donationYear: donationYear, electionYear: candidate.year))
        }
    }

    // MARK: Politicians' firms

    /// GRAS 4.2: elected candidates who own a supplier themselves (even) or through a relative
    /// (odd), which then wins 3–6 contracts from a body of their city during the term; and as
    /// many candidates who lost and own a firm too — connected (4.2.1), but holding no office,
    /// so no contract follows.
    func planPoliticianConnections() {
        var eligible = candidates.indices.filter { candidates[$0].elected && candidates[$0].year <= 2021 }
        var losers = candidates.indices.filter { !candidates[$0].elected }
        shuffle(&eligible)
        shuffle(&losers)
        for i in 0..<min(config.politicalWinners, eligible.count, losers.count) {
            let c = eligible[i]
            let candidate = candidates[c]
            let local = agencies.indices.filter { agencies[$0].city == candidate.city }
            let a = local[rng.int(0..<local.count)]
            let f = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2012, 12, 31)))
            let owner = planned(f)!.representative!
            let direct = i % 2 == 0
            let politician = direct ? owner : takePlantedPerson()
            if !direct { politicianRelatives.append((politician, owner, rng.pick(["brother", "sister", "spouse", "son", "daughter"]))) }
            candidates[c].person = politician
            var contracts: [String] = []
            for day in sortedDates(rng.int(3...6), Day.ymd(candidate.year + 1, 1, 15), Day.ymd(min(candidate.year + 3, 2024), 6, 30)) {
                let bid = rng.cents(around: estimate(mu: 13.0, sigma: 0.5), 0.93, 0.99)
                var bids = [(firm: f, cents: bid)]
                for o in outsiders(rng.int(1...2)) { bids.append((o, rng.cents(around: bid, 1.02, 1.12))) }
                contracts.append(contractID(plantTender(agency: a, published: day, bids: bids, winner: f)))
            }
            truth.politicianConnections.append(.init(
                firm: firmID(f), politician: personID(politician), candidate: candidateID(c), link: direct ? .direct : .indirect, agency: agencyID(a),
                contracts: contracts))
            let l = losers[i]
            let g = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2012, 12, 31)))
            candidates[l].person = planned(g)!.representative!
            truth.unelectedConnections.append(.init(firm: firmID(g), person: personID(candidates[l].person!)))
        }
    }

    // MARK: Judges' conflicts

    func plantCase(judge n: Int, filed: Day, parties: [(entity: Entity, role: String, lawyer: Int?)]) -> Int {
        plannedCases.append(PlannedCase(judge: n, filed: filed, parties: parties))
        return backgroundCases + plannedCases.count - 1
    }

    func lawyer() -> Int? { rng.chance(0.75) ? lawyers.lowerBound + rng.skewed(lawyers.count, skew: 1.6) : nil }

    func planJudgeConflicts() {
        let kinds: [Relation] = [.relativeOwnsParty, .lawyerIsRelative, .declaredShares, .appointedByDonee]
        let eligible = candidates.indices.filter { candidates[$0].elected && candidates[$0].year <= 2020 }
        // Appointments first: a judge whose conflict runs through the appointing candidate is
        // appointed by an elected candidate, after the election.
        for c in 0..<config.judgeConflicts where kinds[c % 4] == .appointedByDonee {
            let n = c % judges.count
            if case .candidate(let x) = judgePlans[n].appointedBy, candidates[x].year <= 2020 { continue }
            let x = eligible[(c * 5) % eligible.count]
            judgePlans[n].appointedBy = .candidate(x)
            judgePlans[n].appointed = Day.ymd(candidates[x].year + 1, 1, 15).adding(days: rng.int(0...200))
        }
        for c in 0..<config.judgeConflicts {
            let n = c % judges.count
            let judge = personID(n)
            let kind = kinds[c % 4]
            let filed = date(max(Day.ymd(2019, 1, 1), judgePlans[n].appointed.adding(days: 60)), Day.ymd(2024, 6, 30))
            let other = Entity.person(takePlantedPerson())
            let party: Int
            var chain: [String]
            var counsel: Int?
            switch kind {
            case .relativeOwnsParty:
                let relative = takePlantedPerson()
                judgePlans[n].relatives.append((relative, rng.pick(["daughter", "son", "spouse", "brother"])))
                let entry = filed.adding(days: -rng.int(400...2500))
                let share = rng.int(30...60) * 100
                party = plantCompany(founded: date(Day.ymd(1995, 1, 1), entry.adding(days: -30)), frontShare: 10_000 - share)
                modifyPlanned(party) { $0.owners.append(Holding(holder: .person(relative), basisPoints: share, entry: entry, exit: nil)) }
                chain = [judge, personID(relative), firmID(party)]
            case .lawyerIsRelative:
                let relative = takePlantedPerson()
                judgePlans[n].relatives.append((relative, rng.pick(["spouse", "son", "daughter", "brother", "sister"])))
                party = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2015, 12, 31)))
                counsel = relative
                chain = [judge, personID(relative)]
            case .declaredShares:
                let entry = filed.adding(days: -rng.int(400...2000))
                let share = rng.int(5...20) * 100
                party = plantCompany(founded: date(Day.ymd(1995, 1, 1), entry.adding(days: -30)), frontShare: 10_000 - share)
                modifyPlanned(party) { $0.owners.append(Holding(holder: .person(n), basisPoints: share, entry: entry, exit: nil)) }
                judgePlans[n].holdings.append((party, entry))
                chain = [judge, firmID(party)]
            case .appointedByDonee:
                guard case .candidate(let x) = judgePlans[n].appointedBy else { preconditionFailure("appointment planned above") }
                party = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2012, 12, 31)))
                plannedDonations.append(PlannedDonation(
                    donor: .firm(party), candidate: x, cents: Int64(rng.int(10...90)) * 100_000, year: candidates[x].year))
                chain = [judge, candidateID(x), firmID(party)]
            }
            let partyFirst = rng.chance(0.5)
            let parties: [(entity: Entity, role: String, lawyer: Int?)] = [
                (partyFirst ? .firm(party) : other, "plaintiff", partyFirst ? counsel ?? lawyer() : lawyer()),
                (partyFirst ? other : .firm(party), "defendant", partyFirst ? lawyer() : counsel ?? lawyer()),
            ]
            let k = plantCase(judge: n, filed: filed, parties: parties)
            truth.judgeConflicts.append(.init(
                judge: judge, case: caseID(k), party: firmID(party), relation: kind, chain: chain, filed: days[filed],
                lawyer: counsel.map(personID)))
        }
    }

    func planJudgeConflictDecoys() {
        let kinds: [WorldTruth.JudgeConflictDecoy.Kind] = [.endedBeforeFiling, .startedAfterFiling, .chainTooLong]
        for d in 0..<config.judgeConflictDecoys {
            let n = (judges.count - 1 - d % judges.count)
            let judge = personID(n)
            let kind = kinds[d % 3]
            let earliest = max(Day.ymd(2019, 6, 1), judgePlans[n].appointed.adding(days: 60))
            let filed = date(earliest, max(earliest, Day.ymd(2024, 3, 31)))
            let relative = takePlantedPerson()
            judgePlans[n].relatives.append((relative, rng.pick(["brother", "sister", "cousin", "spouse"])))
            let other = Entity.person(takePlantedPerson())
            let share = rng.int(20...45) * 100
            let party: Int
            let chain: [String]
            let reason: String
            switch kind {
            case .endedBeforeFiling:
                let entry = filed.adding(days: -rng.int(2500...3200))
                let exit = filed.adding(days: -rng.int(120...700))
                party = plantCompany(founded: date(Day.ymd(1995, 1, 1), entry.adding(days: -30)), frontShare: 10_000 - share)
                modifyPlanned(party) { $0.owners.append(Holding(holder: .person(relative), basisPoints: share, entry: entry, exit: exit)) }
                chain = [judge, personID(relative), firmID(party)]
                reason = "the relative's shareholding ended \(days[exit]), before the case was filed on \(days[filed])"
            case .startedAfterFiling:
                let entry = filed.adding(days: rng.int(30...250))
                party = plantCompany(founded: date(Day.ymd(1995, 1, 1), Day.ymd(2014, 12, 31)), frontShare: 10_000 - share)
                modifyPlanned(party) { $0.owners.append(Holding(holder: .person(relative), basisPoints: share, entry: entry, exit: nil)) }
                chain = [judge, personID(relative), firmID(party)]
                reason = "the relative's shareholding began \(days[entry]), after the case was filed on \(days[filed])"
            case .chainTooLong:
                let entry = filed.adding(days: -rng.int(1500...2500))
                let h1 = takePlantedFirm(founded: entry.adding(days: -20), holding: true)
                let h2 = takePlantedFirm(founded: entry.adding(days: -10), holding: true)
                party = plantCompany(founded: date(Day.ymd(1995, 1, 1), entry.adding(days: -30)), frontShare: 4_900)
                modifyPlanned(h1) { $0.owners.append(Holding(holder: .person(relative), basisPoints: 10_000, entry: entry, exit: nil)) }
                modifyPlanned(h2) { $0.owners.append(Holding(holder: .firm(h1), basisPoints: 10_000, entry: entry.adding(days: 30), exit: nil)) }
                modifyPlanned(party) { $0.owners.append(Holding(holder: .firm(h2), basisPoints: 5_100, entry: entry.adding(days: 60), exit: nil)) }
                chain = [judge, personID(relative), firmID(h1), firmID(h2), firmID(party)]
                reason = "the link is four hops long (relative, two holdings): beyond three hops"
            }
            let k = plantCase(judge: n, filed: filed, parties: [(.firm(party), "defendant", lawyer()), (other, "plaintiff", lawyer())])
            truth.judgeConflictDecoys.append(.init(
                judge: judge, case: caseID(k), party: firmID(party), kind: kind, reason: reason, chain: chain, filed: days[filed]))
        }
    }

    // MARK: Officials

    func planOfficials() {
        for a in agencies.indices {
            for j in 0..<config.officialsPerAgency {
                let o = officials.lowerBound + a * config.officialsPerAgency + j
                let position = Words.officialPositions[j % Words.officialPositions.count]
                let from = max(date(Day.ymd(2005, 1, 1), Day.ymd(2018, 12, 31)), adult(o))
                let declares = rng.chance(0.6)
                let to: Day? = !declares && rng.chance(0.25) ? min(from.adding(days: rng.int(365...3000)), Self.end) : nil
                officialJobs.append((o, a, position, from, to))
                guard declares else { continue }
                let relative: (Int, String)? = rng.chance(0.5) ? (backgroundPerson(), rng.pick(Words.relations)) : nil
                var firm: (Int, Day)?
                if rng.chance(0.3) {
                    let q = rng.int(quietFirms)
                    let entry = date(Day.ymd(2008, 1, 1), Day.ymd(2018, 12, 31))
                    extraHoldings.append((q, Holding(holder: .person(o), basisPoints: rng.int(5...50) * 100, entry: max(entry, adult(o)), exit: nil)))
                    firm = (q, max(entry, adult(o)))
                }
                let years = [2019, 2021, 2023].filter { $0 >= from.year }
                officialDeclarations.append((o, a, position, relative, firm, years))
            }
        }
    }
}
